"""Helpers shared by the chart modules: input checks, label shortening, sizes, the blank figure."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skillmap.charts import palette

FloatArray = npt.NDArray[np.float64]

ELLIPSIS = "…"
#: Average advance of a DejaVu Sans character, in ems, for estimating label widths before layout.
CHAR_EM = 0.58
TITLE_SIZE = 12.0
LABEL_SIZE = 9.5
TICK_SIZE = 8.5
LEGEND_SIZE = 8.5


def as_vector(values: npt.ArrayLike, n: int | None = None, name: str = "values") -> FloatArray:
    """``values`` as a 1-D float array (``None`` entries become NaN), of length ``n`` when given."""
    if isinstance(values, (list, tuple)):
        values = [np.nan if v is None else v for v in values]
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name} has {arr.shape[0]} values for {n} labels")
    return arr


def as_matrix(values: npt.ArrayLike, shape: tuple[int, int], name: str = "values") -> FloatArray:
    arr = np.asarray(values, dtype=float)
    if arr.shape != shape:
        raise ValueError(f"{name} has shape {arr.shape}, expected {shape} (rows × columns of the labels)")
    return arr


def shorten(text: str, max_chars: int, where: Literal["end", "middle"] = "end") -> str:
    """``text`` cut to at most ``max_chars`` characters with an ellipsis, at the end or in the middle.

    The middle keeps both ends of names whose distinctive part is last ("Dirección General de … de la
    Secretaría de Salud").
    """
    text = " ".join(str(text).split())
    if len(text) <= max_chars or max_chars < 2:
        return text
    if where == "middle" and max_chars >= 12:
        middle = _shorten_middle(text, max_chars)
        if middle:
            return middle
    cut = text[: max_chars - 1]
    if " " in cut[max_chars * 2 // 3:] and text[max_chars - 1:max_chars] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def _shorten_middle(text: str, max_chars: int) -> str | None:
    """Whole words from both ends around " … ", the end favoured; ``None`` when words are too long."""
    words = text.split(" ")
    budget = max_chars - 3
    tail: list[str] = []
    while len(tail) < len(words) - 1 and len(" ".join([words[-1 - len(tail)], *tail])) <= budget * 0.6:
        tail.insert(0, words[-1 - len(tail)])
    head: list[str] = []
    for w in words[: len(words) - len(tail)]:
        if len(" ".join([*head, w])) + len(" ".join(tail)) > budget:
            break
        head.append(w)
    while len(head) + len(tail) < len(words) - 1:
        w = words[-1 - len(tail)]
        if len(" ".join(head)) + len(" ".join([w, *tail])) > budget:
            break
        tail.insert(0, w)
    if not head or not tail:
        return None
    return " ".join(head).rstrip(",;:-") + " " + ELLIPSIS + " " + " ".join(tail)


def wrap(text: str, width: int, max_lines: int = 2) -> str:
    """``text`` wrapped to lines of ``width`` characters, at most ``max_lines`` (the last shortened)."""
    lines = textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = [*lines[: max_lines - 1], shorten(rest, width)]
    return "\n".join(lines)


def text_width_in(n_chars: int, fontsize: float) -> float:
    """Estimated width in inches of ``n_chars`` characters at ``fontsize`` points."""
    return n_chars * fontsize * CHAR_EM / 72.0


def longest(labels: Sequence[str]) -> int:
    return max((len(s) for s in labels), default=0)


def new_figure(width: float, height: float) -> Figure:
    """A white figure of ``width`` × ``height`` inches with constrained layout (all text fits)."""
    fig = Figure(figsize=(max(width, 2.0), max(height, 1.5)), facecolor="white", layout="constrained")
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(w_pad=0.06, h_pad=0.06)
    return fig


def set_title(fig: Figure, title: str, subtitle: str | None = None) -> None:
    """The chart title, left-aligned above everything (and an optional smaller subtitle line)."""
    text = title if not subtitle else f"{title}\n"
    fig.suptitle(text, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    if subtitle:
        fig.text(0.01, 1.0, subtitle, ha="left", va="top", fontsize=LABEL_SIZE, color=palette.TEXT_MUTED)


def style_axes(ax: Axes, grid_axis: Literal["x", "y", "both", "none"] = "x") -> None:
    """Quiet axes: no top/right spines, light grid behind the data, small ticks."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.spines["left"].set_color("#9A9A9A")
    ax.spines["bottom"].set_color("#9A9A9A")
    ax.tick_params(labelsize=TICK_SIZE, colors="#333333", length=3)
    ax.set_axisbelow(True)
    if grid_axis != "none":
        ax.grid(axis=grid_axis, color=palette.GRID, linewidth=0.8)


def no_data(fig: Figure, ax: Axes, lang: str | None) -> None:
    from skillmap.i18n import tr

    ax.set_axis_off()
    ax.text(0.5, 0.5, tr("chart.no_data", lang), ha="center", va="center", fontsize=LABEL_SIZE,
            color=palette.TEXT_MUTED, transform=ax.transAxes)


def fmt_number(value: float, decimals: int = 1) -> str:
    """``12``, ``3.5``: whole numbers without decimals."""
    if np.isfinite(value) and abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.{decimals}f}"


def count_axis(axis: Axis) -> None:
    """Whole-number ticks at 1-2-5 steps, with thousands separators (``12,500``)."""
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True, min_n_ticks=3))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v, 0)))


def fmt_signed(value: float, decimals: int = 1) -> str:
    """``+0.4``, ``−1.2`` (a true minus sign), ``0.0`` for values that round to zero."""
    text = f"{value:+,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return f"{0:.{decimals}f}"
    return text.replace("-", "−")


def fmt_percent(value: float, decimals: int = 0) -> str:
    """A fraction as a percentage: ``0.734`` → ``73%``."""
    return f"{100.0 * value:.{decimals}f}%"


def level_tick_labels(max_level: int, level_names: Sequence[str] | None, width: int = 13) -> list[str]:
    """Tick labels ``0 … max_level``: the number, and the level's name under it when given."""
    if not level_names:
        return [str(i) for i in range(max_level + 1)]
    out = []
    for i in range(max_level + 1):
        name = level_names[i] if i < len(level_names) else ""
        out.append(f"{i}\n{wrap(name, width)}" if name else str(i))
    return out
