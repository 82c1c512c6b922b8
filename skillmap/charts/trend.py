"""Change over time, and self-assessment against the manager's rating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import (
    LABEL_SIZE,
    LEGEND_SIZE,
    TICK_SIZE,
    as_vector,
    fmt_signed,
    longest,
    new_figure,
    no_data,
    set_title,
    shorten,
    style_axes,
    text_width_in,
)
from skillmap.i18n import get_language, normalise_language, tr

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
}


def level_trend_chart(dates: Sequence[dt.date] | npt.ArrayLike, levels: npt.ArrayLike,
                      competencies: Sequence[str], *, level_names: Sequence[str] | None = None,
                      max_level: int = 4, title: str | None = None, lang: str | None = None) -> Figure:
    """Mean level over time, one line per competency.

    ``dates`` (n, dates or ISO strings) and ``levels`` (n × competencies, NaN where there is no data:
    the line breaks). Colours cycle through the palette, the line style changes every 8 series;
    month names follow ``lang``. Lines carry ``gid`` = the competency's index.
    """
    names = [str(c) for c in competencies]
    when = np.asarray(dates, dtype="datetime64[D]")
    data = np.asarray(levels, dtype=float)
    if data.ndim == 1:
        data = data[:, None]
    if data.shape != (when.shape[0], len(names)):
        raise ValueError(f"levels has shape {data.shape}, expected {(when.shape[0], len(names))}")
    labels = [shorten(s, 34) for s in names]
    legend_w = text_width_in(longest(labels), LEGEND_SIZE) + 0.7
    fig = new_figure(7.5 + legend_w, 4.8 + max(0.0, 0.17 * len(names) - 3.5))
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.trend.title", lang))
    if when.size == 0 or not names:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "y")
    order = np.argsort(when, kind="stable")
    when, data = when[order], data[order]
    for i, label in enumerate(labels):
        colour = palette.CATEGORICAL[i % len(palette.CATEGORICAL)]
        style = palette.LINE_STYLES[(i // len(palette.CATEGORICAL)) % len(palette.LINE_STYLES)]
        ax.plot(when, data[:, i], color=colour, linestyle=style, linewidth=1.8, marker="o", markersize=3.5,
                label=label, gid=str(i))
    ax.set_ylim(0, max_level + 0.15)
    ticks = list(range(max_level + 1))
    tick_labels = [f"{t} {level_names[t]}" if level_names and t < len(level_names) else str(t) for t in ticks]
    ax.set_yticks(ticks, tick_labels, fontsize=TICK_SIZE)
    ax.set_ylabel(tr("chart.trend.axis", lang), fontsize=LABEL_SIZE)
    ax.set_xlabel(tr("chart.trend.date", lang), fontsize=LABEL_SIZE)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    span_days = float((when[-1] - when[0]).astype(int)) if when.size > 1 else 0.0
    ax.xaxis.set_major_formatter(_date_formatter(lang, span_days))
    ax.tick_params(axis="x", labelsize=TICK_SIZE)
    fig.legend(loc="outside right upper", frameon=False, fontsize=LEGEND_SIZE,
               ncols=1 if len(names) <= 24 else 2)
    return fig


def _date_formatter(lang: str | None, span_days: float) -> FuncFormatter:
    months = MONTHS[normalise_language(lang) if lang else get_language()]

    def fmt(value: float, _pos: int | None = None) -> str:
        d = num2date(value)
        if span_days > 4 * 365:
            return str(d.year)
        if span_days > 60:
            return f"{months[d.month - 1]} {d.year}"
        return f"{d.day} {months[d.month - 1]}"

    return FuncFormatter(fmt)


def self_manager_chart(competencies: Sequence[str], self_levels: npt.ArrayLike, manager_levels: npt.ArrayLike,
                       *, title: str | None = None, lang: str | None = None) -> Figure:
    """Per competency, the mean self-assessed level minus the mean level the manager gave (the same
    people rated both ways), as a diverging bar: orange when people rate themselves higher, blue when
    the manager does. Largest differences on top; NaN left out. Bars carry ``gid="difference"``."""
    names = [str(c) for c in competencies]
    diff = as_vector(self_levels, len(names), "self_levels") - as_vector(manager_levels, len(names),
                                                                         "manager_levels")
    keep = np.flatnonzero(np.isfinite(diff))
    keep = keep[np.argsort(-diff[keep], kind="stable")]
    labels = [shorten(names[i], 44) for i in keep]
    fig = new_figure(text_width_in(longest(labels), TICK_SIZE) + 5.8, 1.9 + 0.3 * max(len(keep), 3))
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.rating.title", lang))
    if keep.size == 0:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "x")
    y = np.arange(keep.size)
    d = diff[keep]
    bars = ax.barh(y, d, height=0.66, color=[palette.ORANGE if v > 0 else palette.BLUE for v in d], zorder=2)
    for p in bars:
        p.set_gid("difference")
    if keep.size <= 20:
        ax.bar_label(bars, [fmt_signed(v) for v in d], padding=2, fontsize=TICK_SIZE - 0.5, color=palette.TEXT_MUTED)
    ax.axvline(0, color="#4D4D4D", linewidth=1.0, zorder=3)
    reach = max(float(np.max(np.abs(d))), 0.5) * 1.2
    ax.set_xlim(-reach, reach)
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))  # one decimal is exact
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_signed(v) if abs(v) > 1e-9 else "0"))
    ax.set_yticks(y, labels, fontsize=TICK_SIZE)
    ax.set_ylim(keep.size - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(tr("chart.rating.axis", lang), fontsize=LABEL_SIZE)
    handles = [Patch(color=palette.ORANGE, label=tr("chart.rating.higher_self", lang)),
               Patch(color=palette.BLUE, label=tr("chart.rating.higher_manager", lang))]
    fig.legend(handles=handles, loc="outside lower left", ncols=2, frameon=False, fontsize=LEGEND_SIZE)
    return fig


def self_manager_scatter(self_levels: npt.ArrayLike, manager_levels: npt.ArrayLike, *, max_level: int = 4,
                         level_names: Sequence[str] | None = None, title: str | None = None,
                         lang: str | None = None) -> Figure:
    """Pairs of ratings of the same person and competency (self, manager) as a bubble chart: one
    circle per pair of levels, its area proportional to how many ratings fall there and its count
    written inside. Above the diagonal people rate themselves higher (orange), below the manager
    does (blue), on it they agree (grey). Levels are rounded to whole levels; pairs with NaN are left
    out. The circles are one collection with ``gid="pairs"``."""
    s = as_vector(self_levels, name="self_levels")
    m = as_vector(manager_levels, s.shape[0], "manager_levels")
    ok = np.isfinite(s) & np.isfinite(m)
    s_i = np.clip(np.rint(s[ok]), 0, max_level).astype(int)
    m_i = np.clip(np.rint(m[ok]), 0, max_level).astype(int)
    counts = np.zeros((max_level + 1, max_level + 1), dtype=int)
    np.add.at(counts, (s_i, m_i), 1)
    fig = new_figure(7.4, 7.0)
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.rating.title", lang))
    if counts.sum() == 0:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "both")
    ss, mm = np.nonzero(counts)
    cc = counts[ss, mm]
    colours = [palette.ORANGE if a > b else palette.BLUE if a < b else palette.NEUTRAL
               for a, b in zip(ss, mm, strict=True)]
    # the largest circle fills about 80% of a cell of the grid
    cell_pt = 5.4 / (max_level + 1) * 72
    sizes = (0.8 * cell_pt) ** 2 * cc / cc.max()
    ax.scatter(mm, ss, s=sizes, c=colours, alpha=0.85, edgecolors="white", linewidths=0.8, zorder=3, gid="pairs")
    for a, b, c, size in zip(ss, mm, cc, sizes, strict=True):
        inside = size > (14 + 3 * len(str(c))) ** 2
        ax.annotate(f"{c:,}", (b, a), ha="center" if inside else "left", va="center", fontsize=TICK_SIZE,
                    color="white" if inside else "#333333", xytext=(0, 0) if inside else (np.sqrt(size) / 2 + 2, 0),
                    textcoords="offset points", zorder=4)
    ax.plot([-0.5, max_level + 0.5], [-0.5, max_level + 0.5], color="#9A9A9A", linewidth=1.0,
            linestyle=(0, (4, 3)), zorder=2)
    ticks = list(range(max_level + 1))
    names = [f"{t}\n{level_names[t]}" if level_names and t < len(level_names) else str(t) for t in ticks]
    ax.set_xticks(ticks, names, fontsize=TICK_SIZE)
    ax.set_yticks(ticks, [n.replace("\n", " ") for n in names], fontsize=TICK_SIZE)
    ax.set_xlim(-0.6, max_level + 0.6)
    ax.set_ylim(-0.6, max_level + 0.6)
    ax.set_aspect("equal")
    ax.set_xlabel(tr("chart.rating.manager", lang), fontsize=LABEL_SIZE)
    ax.set_ylabel(tr("chart.rating.self", lang), fontsize=LABEL_SIZE)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=9, color=palette.ORANGE,
                      label=tr("chart.rating.higher_self", lang)),
               Line2D([], [], linestyle="none", marker="o", markersize=9, color=palette.BLUE,
                      label=tr("chart.rating.higher_manager", lang)),
               Line2D([], [], linestyle="none", marker="o", markersize=9, color=palette.NEUTRAL,
                      label=tr("chart.rating.agree", lang)),
               Line2D([], [], linestyle="none", marker="none", label=tr("chart.rating.count", lang))]
    fig.legend(handles=handles, loc="outside lower left", ncols=2, frameon=False, fontsize=LEGEND_SIZE)
    return fig
