"""One person's current levels against the levels their role requires (and optionally a second role).

Inputs are per competency, in the same order: ``current`` (NaN or ``None`` = unknown, never drawn as 0),
``required`` (NaN = not required by the role) and optionally ``second_required`` for a role the person may
move to. The scale runs from 0 to ``max_level``; ``level_names[i]`` names level ``i``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import (
    LABEL_SIZE,
    LEGEND_SIZE,
    TICK_SIZE,
    FloatArray,
    as_vector,
    fmt_number,
    level_tick_labels,
    longest,
    new_figure,
    no_data,
    set_title,
    shorten,
    style_axes,
    text_width_in,
    wrap,
)
from skillmap.i18n import tr

Kind = Literal["auto", "radar", "bars"]

#: ``kind="auto"`` draws a radar from 3 up to this many competencies, bars beyond.
RADAR_MAX = 12


def person_chart(competencies: Sequence[str], current: npt.ArrayLike, required: npt.ArrayLike, *,
                 kind: Kind = "auto", role: str | None = None, second_required: npt.ArrayLike | None = None,
                 second_role: str | None = None, level_names: Sequence[str] | None = None,
                 max_level: int | None = None, person: str | None = None, lang: str | None = None) -> Figure:
    """Radar or bars (``kind``); ``"auto"`` picks a radar for 3–12 competencies, bars otherwise."""
    if kind == "auto":
        kind = "radar" if 3 <= len(competencies) <= RADAR_MAX else "bars"
    draw = person_radar if kind == "radar" else person_bars
    return draw(competencies, current, required, role=role, second_required=second_required,
                second_role=second_role, level_names=level_names, max_level=max_level, person=person, lang=lang)


def _inputs(competencies: Sequence[str], current: npt.ArrayLike, required: npt.ArrayLike,
            second_required: npt.ArrayLike | None, level_names: Sequence[str] | None,
            max_level: int | None) -> tuple[list[str], FloatArray, FloatArray, FloatArray | None, int]:
    names = [str(c) for c in competencies]
    cur = as_vector(current, len(names), "current")
    req = as_vector(required, len(names), "required")
    sec = as_vector(second_required, len(names), "second_required") if second_required is not None else None
    if max_level is None:
        if level_names:
            max_level = len(level_names) - 1
        else:
            seen = [a[np.isfinite(a)] for a in (cur, req, sec) if a is not None]
            top = max((float(a.max()) for a in seen if a.size), default=4.0)
            max_level = max(4, math.ceil(top))
    return names, cur, req, sec, int(max_level)


def _legend_labels(role: str | None, second_role: str | None, lang: str | None) -> tuple[str, str]:
    first = tr("chart.person.required_for", lang, role=role) if role else tr("chart.person.required", lang)
    second = tr("chart.person.required_for", lang, role=second_role or "?")
    return shorten(first, 60), shorten(second, 60)


def _title(person: str | None, lang: str | None) -> str:
    return tr("chart.person.title_of", lang, person=person) if person else tr("chart.person.title", lang)


def person_bars(competencies: Sequence[str], current: npt.ArrayLike, required: npt.ArrayLike, *,
                role: str | None = None, second_required: npt.ArrayLike | None = None,
                second_role: str | None = None, level_names: Sequence[str] | None = None,
                max_level: int | None = None, person: str | None = None, lang: str | None = None) -> Figure:
    """Horizontal bars, one row per competency (works for any number of competencies).

    The required level is a grey band; the current level a bar inside it, blue when it meets the
    requirement and vermillion when below, the gap written on the right ("−2"); a diamond marks the
    second role's requirement. An unknown
    current level is a hatched grey band across the scale labelled "unknown", not a bar at 0.
    Bars carry ``gid`` ``"required"``, ``"current"`` and ``"unknown"``.
    """
    names, cur, req, sec, top = _inputs(competencies, current, required, second_required, level_names, max_level)
    n = len(names)
    labels = [shorten(s, 42) for s in names]
    tick_labels = level_tick_labels(top, level_names)
    label_w = text_width_in(longest(labels), TICK_SIZE)
    fig = new_figure(label_w + 6.0, 1.9 + 0.36 * max(n, 2) + (0.25 if level_names else 0.0))
    ax = fig.add_subplot()
    set_title(fig, _title(person, lang))
    if n == 0:
        no_data(fig, ax, lang)
        return fig
    style_axes(ax, "x")
    y = np.arange(n, dtype=float)
    handles: list[Artist] = []
    req_label, sec_label = _legend_labels(role, second_role, lang)

    has_req = np.isfinite(req)
    if has_req.any():
        bars = ax.barh(y[has_req], req[has_req], height=0.74, color=palette.REQUIRED_FILL,
                       edgecolor=palette.REQUIRED, linewidth=0.9, zorder=2)
        for p in bars:
            p.set_gid("required")
        handles.append(Patch(facecolor=palette.REQUIRED_FILL, edgecolor=palette.REQUIRED, label=req_label))

    known = np.isfinite(cur)
    short = known & has_req & (cur < req)
    colours = [palette.SHORT if s else palette.MEETS for s in short[known]]
    if known.any():
        bars = ax.barh(y[known], cur[known], height=0.36, color=colours, linewidth=0, zorder=3)
        for p in bars:
            p.set_gid("current")
        # a cap at the end of each bar keeps a level of 0 visible
        ax.scatter(cur[known], y[known], marker="|", s=150, linewidths=3.0, c=colours, zorder=4, clip_on=False)
    if short.any():  # the gap in a column on the right
        gap_x = top + 0.32
        ax.text(gap_x, -0.5, tr("chart.person.gap", lang), ha="center", va="bottom", fontsize=TICK_SIZE,
                color=palette.TEXT_MUTED)
        for yy, c, r in zip(y[short], cur[short], req[short], strict=True):
            ax.text(gap_x, yy, f"−{fmt_number(r - c)}", ha="center", va="center", fontsize=TICK_SIZE,
                    fontweight="bold", color=palette.SHORT, gid="gap")
    if (known & ~short).any():
        handles.append(Patch(color=palette.MEETS, label=tr("chart.person.meets", lang)))
    if short.any():
        handles.append(Patch(color=palette.SHORT, label=tr("chart.person.short", lang)))

    unknown = ~known
    if unknown.any():
        bars = ax.barh(y[unknown], np.full(int(unknown.sum()), float(top)), height=0.36, facecolor="white",
                       edgecolor=palette.UNKNOWN_EDGE, hatch=palette.UNKNOWN_HATCH, linewidth=0.0, zorder=3)
        for p in bars:
            p.set_gid("unknown")
        for yy in y[unknown]:
            ax.text(top / 2, yy, tr("chart.person.unknown_short", lang), ha="center", va="center",
                    fontsize=TICK_SIZE - 0.5, style="italic", color="#333333", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        handles.append(Patch(facecolor="white", edgecolor=palette.UNKNOWN_EDGE, hatch=palette.UNKNOWN_HATCH,
                             linewidth=0, label=tr("chart.person.unknown", lang)))

    if sec is not None and np.isfinite(sec).any():
        ok = np.isfinite(sec)
        ax.scatter(sec[ok], y[ok], marker="D", s=46, color=palette.SECOND_ROLE, edgecolors="white",
                   linewidths=0.8, zorder=5, gid="second_required")
        handles.append(Line2D([], [], linestyle="none", marker="D", markersize=7, color=palette.SECOND_ROLE,
                              markeredgecolor="white", label=sec_label))

    ax.set_yticks(y, labels, fontsize=TICK_SIZE)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, top + (0.55 if short.any() else 0.05))
    ax.spines["bottom"].set_bounds(0, top)
    ax.set_xticks(range(top + 1), tick_labels, fontsize=TICK_SIZE)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(tr("chart.level", lang), fontsize=LABEL_SIZE)
    fig.legend(handles=handles, loc="outside lower left", ncols=2, frameon=False, fontsize=LEGEND_SIZE)
    return fig


def person_radar(competencies: Sequence[str], current: npt.ArrayLike, required: npt.ArrayLike, *,
                 role: str | None = None, second_required: npt.ArrayLike | None = None,
                 second_role: str | None = None, level_names: Sequence[str] | None = None,
                 max_level: int | None = None, person: str | None = None, lang: str | None = None) -> Figure:
    """Radar (spider) chart, one spoke per competency; needs at least 3 competencies.

    The requirement is a grey area (a competency the role does not require counts as 0), the current
    level a blue line with dots that breaks where the level is unknown; an unknown level is a dashed grey
    spoke ending in "?". The second role is a dashed purple line. Lines carry ``gid`` ``"required"``,
    ``"current"``, ``"second_required"``, ``"unknown"``.
    """
    names, cur, req, sec, top = _inputs(competencies, current, required, second_required, level_names, max_level)
    n = len(names)
    if n < 3:
        raise ValueError("a radar needs at least 3 competencies; use person_bars")
    fig = new_figure(9.2, 8.0)
    ax = fig.add_subplot(projection="polar")
    set_title(fig, _title(person, lang))
    theta = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, top)
    ax.set_xticks(theta, [""] * n)
    ax.set_yticks(range(1, top + 1), [""] * top)
    ax.grid(color="#CFCFCF", linewidth=0.8)
    ax.spines["polar"].set_color("#BDBDBD")

    def closed(a: FloatArray) -> tuple[FloatArray, FloatArray]:
        return np.append(theta, theta[0]), np.append(a, a[0])

    handles: list[Artist] = []
    req_label, sec_label = _legend_labels(role, second_role, lang)
    t, r = closed(np.where(np.isfinite(req), req, 0.0))
    ax.fill(t, r, color=palette.REQUIRED_FILL, alpha=0.75, zorder=1)
    ax.plot(t, r, color=palette.REQUIRED, linewidth=1.4, zorder=2, gid="required")
    handles.append(Patch(facecolor=palette.REQUIRED_FILL, edgecolor=palette.REQUIRED, label=req_label))

    if sec is not None and np.isfinite(sec).any():
        t, r = closed(np.where(np.isfinite(sec), sec, 0.0))
        ax.plot(t, r, color=palette.SECOND_ROLE, linewidth=1.8, linestyle=(0, (5, 2.5)), marker="D",
                markersize=5, zorder=3, gid="second_required")
        handles.append(Line2D([], [], color=palette.SECOND_ROLE, linewidth=1.8, linestyle=(0, (5, 2.5)),
                              marker="D", markersize=5, label=sec_label))

    t, r = closed(cur)  # NaN breaks the line: no segment to or from an unknown level
    ax.plot(t, r, color=palette.CURRENT, linewidth=2.2, marker="o", markersize=6, zorder=4, gid="current")
    handles.append(Line2D([], [], color=palette.CURRENT, linewidth=2.2, marker="o", markersize=6,
                          label=tr("chart.person.current", lang)))
    short = np.isfinite(cur) & np.isfinite(req) & (cur < req)
    if short.any():
        ax.plot(theta[short], cur[short], linestyle="none", marker="o", markersize=6, color=palette.SHORT,
                zorder=5)
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=6, color=palette.SHORT,
                              label=tr("chart.person.short", lang)))

    unknown = ~np.isfinite(cur)
    for th in theta[unknown]:
        ax.plot([th, th], [0, top], color=palette.UNKNOWN, linewidth=1.6, linestyle=(0, (2, 2)), zorder=3,
                gid="unknown")
        ax.text(th, top, "?", ha="center", va="center", fontsize=LABEL_SIZE, fontweight="bold",
                color="white", zorder=6, bbox={"boxstyle": "circle,pad=0.25", "facecolor": palette.UNKNOWN,
                                               "edgecolor": "none"})
    if unknown.any():
        handles.append(Line2D([], [], color=palette.UNKNOWN, linewidth=1.6, linestyle=(0, (2, 2)),
                              label=tr("chart.person.unknown", lang)))

    # level names along the first gap between spokes, competency names around the outside
    mid = float(theta[0] + np.pi / n)
    for lvl in range(1, top + 1):
        name = level_names[lvl] if level_names and lvl < len(level_names) else ""
        ax.text(mid, lvl, f"{lvl} {name}".strip(), fontsize=TICK_SIZE - 1, color=palette.TEXT_MUTED,
                ha="left", va="bottom", zorder=7,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    for th, name, unk in zip(theta, names, unknown, strict=True):
        ang = (np.pi / 2 - th) % (2 * np.pi)  # screen angle of the spoke
        cos, sin = np.cos(ang), np.sin(ang)
        ha = "center" if abs(cos) < 0.2 else ("left" if cos > 0 else "right")
        va = "center" if abs(sin) < 0.2 else ("bottom" if sin > 0 else "top")
        ax.text(th, top * 1.1, wrap(name, 18, 3), ha=ha, va=va, fontsize=TICK_SIZE,
                color=palette.UNKNOWN if unk else "#262626", style="italic" if unk else "normal",
                linespacing=1.1)
    fig.legend(handles=handles, loc="outside lower left", ncols=2, frameon=False, fontsize=LEGEND_SIZE)
    return fig
