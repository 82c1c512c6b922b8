"""Dashboard figures: the widest gaps, the agencies furthest behind, the spread of readiness.

Readiness is a fraction 0–1 (share of a role's weighted requirements met) and is shown as a percentage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import (
    LABEL_SIZE,
    LEGEND_SIZE,
    TICK_SIZE,
    as_vector,
    count_axis,
    fmt_number,
    fmt_percent,
    longest,
    new_figure,
    no_data,
    set_title,
    shorten,
    style_axes,
    text_width_in,
)
from skillmap.i18n import tr

GapMeasure = Literal["count", "mean"]


def top_gaps_chart(competencies: Sequence[str], values: npt.ArrayLike, *, measure: GapMeasure = "count",
                   top: int = 10, title: str | None = None, lang: str | None = None) -> Figure:
    """The ``top`` competencies with the widest gaps, widest first (horizontal bars).

    ``values`` per competency: the number of people below the required level (``measure="count"``) or
    the mean gap in levels (``"mean"``). NaN values are left out. The bars carry ``gid="gap"``.
    """
    names = [str(c) for c in competencies]
    vals = as_vector(values, len(names))
    order = [i for i in np.argsort(-np.nan_to_num(vals, nan=-np.inf), kind="stable") if np.isfinite(vals[i])]
    order = order[:top]
    labels = [shorten(names[i], 44) for i in order]
    fig = new_figure(text_width_in(longest(labels), TICK_SIZE) + 5.2, 1.5 + 0.34 * max(len(order), 3))
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.top_gaps.title", lang))
    if not order:
        no_data(fig, ax, lang)
        return fig
    shown = vals[order]
    bars = _hbars(ax, labels, shown, palette.SHORT, gid="gap")
    fmt = (lambda v: fmt_number(v, 0)) if measure == "count" else (lambda v: f"{v:.1f}")
    _bar_values(ax, bars, [fmt(v) for v in shown])
    ax.set_xlabel(tr("chart.top_gaps.count" if measure == "count" else "chart.top_gaps.mean", lang),
                  fontsize=LABEL_SIZE)
    if measure == "count":
        count_axis(ax.xaxis)
    return fig


def agencies_behind_chart(agencies: Sequence[str], readiness: npt.ArrayLike, *, count: int = 10,
                          overall: float | None = None, title: str | None = None,
                          lang: str | None = None) -> Figure:
    """The ``count`` agencies (or units) with the lowest average readiness, lowest first.

    Bars are coloured on the heatmap's share scale (red low, blue high) and labelled with their
    percentage; ``overall`` (fraction) draws a reference line for the whole organisation. Bars carry
    ``gid="readiness"``.
    """
    names = [str(a) for a in agencies]
    vals = as_vector(readiness, len(names))
    order = [i for i in np.argsort(np.nan_to_num(vals, nan=np.inf), kind="stable") if np.isfinite(vals[i])]
    order = order[:count]
    labels = [shorten(names[i], 50, "middle") for i in order]
    fig = new_figure(text_width_in(longest(labels), TICK_SIZE) + 5.2, 1.7 + 0.34 * max(len(order), 3))
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.behind.title", lang))
    if not order:
        no_data(fig, ax, lang)
        return fig
    shown = vals[order]
    colours = [palette.SHARE_CMAP(float(np.clip(v, 0, 1))) for v in shown]
    bars = _hbars(ax, labels, shown, colours, gid="readiness")
    for p in bars:
        p.set_edgecolor("#7F7F7F")
        p.set_linewidth(0.6)
    _bar_values(ax, bars, [fmt_percent(v) for v in shown])
    ax.set_xlim(0, 1.1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel(tr("chart.behind.axis", lang), fontsize=LABEL_SIZE)
    if overall is not None and np.isfinite(overall):
        ax.axvline(overall, color=palette.BLACK, linewidth=1.2, linestyle=(0, (4, 3)), zorder=4,
                   label=tr("chart.behind.overall", lang, value=fmt_percent(overall)))
        fig.legend(loc="outside lower left", frameon=False, fontsize=LEGEND_SIZE)
    return fig


def readiness_histogram(readiness: npt.ArrayLike, *, bins: int = 10, target: float | None = None,
                        title: str | None = None, lang: str | None = None) -> Figure:
    """How many people fall in each readiness band (``bins`` equal bands over 0–100%).

    The median is a solid black line and ``target`` (fraction) a dashed vermillion one. Bars carry
    ``gid="count"``; NaN readiness is left out.
    """
    vals = as_vector(readiness)
    vals = np.clip(vals[np.isfinite(vals)], 0.0, 1.0)
    fig = new_figure(7.5, 4.6)
    ax = fig.add_subplot()
    set_title(fig, title or tr("chart.hist.title", lang))
    if vals.size == 0:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "y")
    edges = np.linspace(0.0, 1.0, bins + 1)
    counts, _ = np.histogram(vals, bins=edges)
    bars = ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=palette.BLUE, alpha=0.85,
                  edgecolor="white", linewidth=1.0, zorder=2)
    for p in bars:
        p.set_gid("count")
    median = float(np.median(vals))
    ax.axvline(median, color=palette.BLACK, linewidth=1.4, zorder=3,
               label=tr("chart.hist.median", lang, value=fmt_percent(median)))
    if target is not None and np.isfinite(target):
        ax.axvline(target, color=palette.VERMILLION, linewidth=1.6, linestyle=(0, (4, 3)), zorder=3,
                   label=tr("chart.hist.target", lang, value=fmt_percent(target)))
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    count_axis(ax.yaxis)
    ax.set_xlabel(tr("chart.hist.axis", lang), fontsize=LABEL_SIZE)
    ax.set_ylabel(tr("chart.people", lang), fontsize=LABEL_SIZE)
    ax.legend(loc="upper left", frameon=False, fontsize=LEGEND_SIZE)
    return fig


def _hbars(ax: Axes, labels: list[str], values: np.ndarray, colour: object, gid: str) -> BarContainer:
    """Horizontal bars, first value on top, quiet axes with a vertical grid."""
    style_axes(ax, "x")
    y = np.arange(len(labels))
    bars = ax.barh(y, values, height=0.66, color=colour, zorder=2)
    for p in bars:
        p.set_gid(gid)
    ax.set_yticks(y, labels, fontsize=TICK_SIZE)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    return bars


def _bar_values(ax: Axes, bars: BarContainer, labels: list[str]) -> None:
    """Value labels just past the end of each bar; the axis leaves room for them."""
    ax.bar_label(bars, labels, padding=3, fontsize=TICK_SIZE, color=palette.TEXT_MUTED)
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, 0), hi * 1.1)
