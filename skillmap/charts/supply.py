"""Supply against demand per competency: people holding the required level or above versus positions
requiring it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import (
    LABEL_SIZE,
    LEGEND_SIZE,
    TICK_SIZE,
    as_vector,
    count_axis,
    fmt_number,
    fmt_signed,
    longest,
    new_figure,
    no_data,
    set_title,
    shorten,
    style_axes,
    text_width_in,
)
from skillmap.i18n import tr

SupplyKind = Literal["grouped", "balance"]

#: Bars are labelled with their values up to this many competencies.
LABEL_MAX = 15


def supply_demand_chart(competencies: Sequence[str], supply: npt.ArrayLike, demand: npt.ArrayLike, *,
                        kind: SupplyKind = "grouped", level_label: str | None = None, sort: bool = True,
                        title: str | None = None, lang: str | None = None) -> Figure:
    """Per competency, ``supply`` (people at the required level or above) against ``demand`` (positions
    requiring it).

    ``kind="grouped"``: two horizontal bars per competency (supply blue, demand orange), bars
    ``gid="supply"`` and ``gid="demand"``. ``kind="balance"``: one diverging bar of supply − demand,
    blue for a surplus and vermillion for a shortfall, ``gid="balance"``. ``sort`` puts the largest
    shortfall on top; ``level_label`` (e.g. "level 3 or above") goes into the title. Competencies with
    NaN in either array are left out.
    """
    if kind not in ("grouped", "balance"):
        raise ValueError(f"unknown kind {kind!r}: 'grouped' or 'balance'")
    names = [str(c) for c in competencies]
    sup = as_vector(supply, len(names), "supply")
    dem = as_vector(demand, len(names), "demand")
    keep = np.flatnonzero(np.isfinite(sup) & np.isfinite(dem))
    if sort:
        keep = keep[np.argsort(sup[keep] - dem[keep], kind="stable")]
    labels = [shorten(names[i], 44) for i in keep]
    n = len(keep)
    per_row = 0.46 if kind == "grouped" else 0.3
    fig = new_figure(text_width_in(longest(labels), TICK_SIZE) + 5.8, 1.9 + per_row * max(n, 3))
    ax = fig.add_subplot()
    default_title = (tr("chart.supply.title_level", lang, level=level_label) if level_label
                     else tr("chart.supply.title", lang))
    set_title(fig, title or default_title)
    if n == 0:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "x")
    y = np.arange(n, dtype=float)
    s, d = sup[keep], dem[keep]
    show_values = n <= LABEL_MAX

    if kind == "grouped":
        h = 0.38
        bs = ax.barh(y - h / 2, s, height=h, color=palette.SUPPLY, zorder=2, label=tr("chart.supply.supply", lang))
        bd = ax.barh(y + h / 2, d, height=h, color=palette.DEMAND, zorder=2, label=tr("chart.supply.demand", lang))
        for container, gid in ((bs, "supply"), (bd, "demand")):
            for p in container:
                p.set_gid(gid)
            if show_values:
                ax.bar_label(container, [fmt_number(v, 0) for v in container.datavalues], padding=2,
                             fontsize=TICK_SIZE - 0.5, color=palette.TEXT_MUTED)
        ax.set_xlim(0, max(float(np.max(s)), float(np.max(d)), 1.0) * 1.12)
        ax.set_xlabel(tr("chart.supply.count", lang), fontsize=LABEL_SIZE)
        handles = [bs, bd]
    else:
        bal = s - d
        colours = [palette.SURPLUS if v >= 0 else palette.SHORTFALL for v in bal]
        bb = ax.barh(y, bal, height=0.66, color=colours, zorder=2)
        for p in bb:
            p.set_gid("balance")
        if show_values:
            ax.bar_label(bb, [fmt_signed(v, 0) for v in bal], padding=2, fontsize=TICK_SIZE - 0.5,
                         color=palette.TEXT_MUTED)
        ax.axvline(0, color="#4D4D4D", linewidth=1.0, zorder=3)
        reach = max(float(np.max(np.abs(bal))), 1.0) * 1.15
        ax.set_xlim(-reach, reach)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_signed(v, 0)))
        ax.set_xlabel(tr("chart.supply.balance", lang), fontsize=LABEL_SIZE)
        handles = [Patch(color=palette.SURPLUS, label=tr("chart.supply.surplus", lang)),
                   Patch(color=palette.SHORTFALL, label=tr("chart.supply.shortfall", lang))]
    if kind == "grouped":
        count_axis(ax.xaxis)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.set_yticks(y, labels, fontsize=TICK_SIZE)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(kind == "grouped")
    fig.legend(handles=handles, loc="outside lower left", ncols=2, frameon=False, fontsize=LEGEND_SIZE)
    return fig
