"""Cell grids (the gap heatmap, the team grid): layout that grows with the matrix, and mouse → cell.

A grid chart records a :class:`GridInfo` on its figure. The UI finds it with :func:`grid_info` and maps
a mouse position to a cell with :func:`cell_at` (for drill-down and tooltips), then reads the full,
untruncated labels and the value from the info::

    canvas.mpl_connect("motion_notify_event", lambda e: show(cell_at(fig, e.x, e.y)))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec
from matplotlib.image import AxesImage

from skillmap.charts import palette
from skillmap.charts._common import (
    TITLE_SIZE,
    FloatArray,
    longest,
    new_figure,
    no_data,
    set_title,
    shorten,
    text_width_in,
)

_ATTR = "_skillmap_grid_info"

MIN_CELL = 0.17      # inches; 85 rows × 0.17 in ≈ 14.5 in of grid
MAX_CELL = 0.50
MAX_GRID = 60.0      # inches of grid along either axis before cells shrink below MIN_CELL
MIN_FONT = 6.0
MAX_FONT = 10.0


@dataclass(frozen=True)
class GridInfo:
    """What a grid chart shows, for drill-down and tooltips.

    ``values`` is the matrix as drawn (NaN where a cell has no value), ``row_labels`` and ``col_labels``
    the full labels (the chart may show them shortened). ``axes`` and ``image`` are the matplotlib
    objects of the grid; cell ``(r, c)`` is centred on data coordinates ``(c, r)``.
    """

    axes: Axes
    image: AxesImage
    values: FloatArray
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    unknown: np.ndarray | None = None

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The ``(row, col)`` under display position ``(x, y)``, or ``None`` outside the grid.

        ``x`` and ``y`` are display pixels from the bottom-left corner of the figure, as in matplotlib
        mouse events (``event.x``, ``event.y``). Valid once the figure has been drawn (layout done).
        """
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        col_f, row_f = self.axes.transData.inverted().transform((x, y))
        row, col = math.floor(row_f + 0.5), math.floor(col_f + 0.5)
        n_rows, n_cols = self.values.shape
        if 0 <= row < n_rows and 0 <= col < n_cols:
            return row, col
        return None

    def cell_center(self, row: int, col: int) -> tuple[float, float]:
        """Display position of the centre of cell ``(row, col)`` (for placing a tooltip)."""
        x, y = self.axes.transData.transform((col, row))
        return float(x), float(y)


def grid_info(fig: Figure) -> GridInfo | None:
    """The :class:`GridInfo` of a grid chart, ``None`` for other figures."""
    info = getattr(fig, _ATTR, None)
    return info if isinstance(info, GridInfo) else None


def cell_at(fig: Figure, x: float, y: float) -> tuple[int, int] | None:
    """The ``(row, col)`` of the grid chart ``fig`` under display position ``(x, y)`` (``event.x``,
    ``event.y`` of a matplotlib mouse event), or ``None`` outside the cells or for other figures."""
    info = grid_info(fig)
    return info.cell_at(x, y) if info is not None else None


def empty_grid(title: str, lang: str | None) -> Figure:
    """The figure of a grid chart with no rows or no columns: its title and "no data"."""
    fig = new_figure(6.0, 2.5)
    set_title(fig, title)
    no_data(fig, fig.add_subplot(), lang)
    return fig


def attach_info(fig: Figure, info: GridInfo) -> None:
    setattr(fig, _ATTR, info)


@dataclass(frozen=True)
class GridFrame:
    """The empty frame of a grid chart: figure, the grid axes, the side column for key and legend."""

    fig: Figure
    ax: Axes
    side_top: Axes
    side_bottom: Axes
    cell_w: float
    cell_h: float
    fontsize: float


def grid_frame(row_labels: Sequence[str], col_labels: Sequence[str], *, title: str,
               side_width: float, key_height: float, row_chars: int = 52, col_chars: int = 34,
               row_title: str | None = None, col_title: str | None = None) -> GridFrame:
    """Figure sized to the matrix: cells of 0.17–0.5 in, label fonts from the cell size, long labels
    shortened (rows in the middle, columns at the end), column labels on top, a side column whose top
    part (``key_height`` inches at most) holds a colour bar or legend."""
    n_rows, n_cols = len(row_labels), len(col_labels)
    cell = float(np.clip(8.0 / max(n_rows, n_cols, 1), MIN_CELL, MAX_CELL))
    cell_w = min(cell, MAX_GRID / max(n_cols, 1))
    cell_h = min(cell, MAX_GRID / max(n_rows, 1))
    fontsize = float(np.clip(min(cell_w, cell_h) * 72 * 0.62, MIN_FONT, MAX_FONT))
    row_text = [shorten(s, row_chars, "middle") for s in row_labels]
    col_text = [shorten(s, col_chars) for s in col_labels]
    # labels that fit the cell stay level; a few columns get slanted labels, many columns vertical ones
    fits = text_width_in(longest(col_text), fontsize) <= cell_w * 0.95
    rotation = 0 if fits else (45 if n_cols <= 12 else 90)

    grid_w, grid_h = n_cols * cell_w, n_rows * cell_h
    left = text_width_in(longest(row_text), fontsize) + 0.25 + (0.3 if row_title else 0.0)
    col_extent = {0: fontsize / 72 * 1.6, 45: text_width_in(longest(col_text), fontsize) * 0.72,
                  90: text_width_in(longest(col_text), fontsize)}[rotation]
    top = TITLE_SIZE / 72 * 2.2 + col_extent + 0.15 + (0.3 if col_title else 0.0)
    overhang = 0.0  # slanted labels of the last columns reach past the grid on the right
    if rotation == 45:
        overhang = max(text_width_in(len(t), fontsize) * 0.72 - (n_cols - 0.5 - i) * cell_w
                       for i, t in enumerate(col_text))
    width = left + grid_w + max(side_width, overhang + 0.2) + 0.3
    height = top + grid_h + 0.25
    fig = new_figure(width, max(height, top + key_height + 0.8))

    key_h = min(key_height, max(grid_h, 1.0))
    rest_h = max(grid_h - key_h, 0.05 * key_h)
    gs = GridSpec(2, 2, figure=fig, width_ratios=[grid_w, 0.2], height_ratios=[key_h, rest_h])
    ax = fig.add_subplot(gs[:, 0])
    side_top = fig.add_subplot(gs[0, 1])
    side_bottom = fig.add_subplot(gs[1, 1])
    side_bottom.set_axis_off()
    set_title(fig, title)

    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0, pad=2, labelsize=fontsize, colors="#262626")
    _set_ticks(ax, "x", col_text, cell_w, fontsize, rotation=rotation)
    _set_ticks(ax, "y", row_text, cell_h, fontsize)
    if row_title:
        ax.set_ylabel(row_title, fontsize=fontsize + 1.5)
    if col_title:
        ax.set_xlabel(col_title, fontsize=fontsize + 1.5)
    return GridFrame(fig, ax, side_top, side_bottom, cell_w, cell_h, fontsize)


def _set_ticks(ax: Axes, which: str, labels: list[str], cell: float, fontsize: float, rotation: float = 0) -> None:
    """One tick per cell; every k-th label only when the cells are too small for the font."""
    step = max(1, math.ceil(fontsize * 1.15 / 72 / cell)) if which == "y" or rotation else 1
    positions = list(range(0, len(labels), step))
    shown = [labels[i] for i in positions]
    if which == "x" and rotation == 45:
        ax.set_xticks(positions, shown, rotation=45, ha="left", va="bottom", rotation_mode="anchor")
    elif which == "x":
        ax.set_xticks(positions, shown, rotation=rotation, ha="center", va="bottom")
    else:
        ax.set_yticks(positions, shown)


def draw_cell_lines(ax: Axes, n_rows: int, n_cols: int, cell_in: float) -> None:
    """Thin white lines between cells (one collection; cheap to draw)."""
    lw = 1.0 if cell_in >= 0.3 else 0.6
    segments = [((c - 0.5, -0.5), (c - 0.5, n_rows - 0.5)) for c in range(1, n_cols)]
    segments += [((-0.5, r - 0.5), (n_cols - 0.5, r - 0.5)) for r in range(1, n_rows)]
    if segments:
        ax.add_collection(LineCollection(segments, colors=palette.CELL_EDGE, linewidths=lw, zorder=3),
                          autolim=False)


def annotate_cells(ax: Axes, image: AxesImage, values: FloatArray, texts: Sequence[Sequence[str]],
                   fontsize: float) -> None:
    """Write ``texts[r][c]`` in each cell with a value, black or white to suit the cell's colour."""
    rgba = image.to_rgba(np.ma.masked_invalid(values))
    for r in range(values.shape[0]):
        for c in range(values.shape[1]):
            if texts[r][c]:
                colour = palette.text_colour_on(tuple(rgba[r, c])) if np.isfinite(values[r, c]) else palette.BLACK
                ax.text(c, r, texts[r][c], ha="center", va="center", fontsize=fontsize, color=colour, zorder=4)
