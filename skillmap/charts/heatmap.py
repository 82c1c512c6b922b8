"""The skills-gap heatmap: groups (agencies, units, role families) × competencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator, PercentFormatter

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import LEGEND_SIZE, as_matrix, wrap
from skillmap.charts.grid import GridInfo, annotate_cells, attach_info, draw_cell_lines, empty_grid, grid_frame
from skillmap.i18n import tr

Measure = Literal["share", "gap"]

#: Cells are annotated with their value when there are at most this many and they are large enough.
ANNOTATE_MAX_CELLS = 400


def gap_heatmap(values: npt.ArrayLike, row_labels: Sequence[str], col_labels: Sequence[str], *,
                measure: Measure = "share", max_gap: float = 4.0, title: str | None = None,
                row_title: str | None = None, col_title: str | None = None, annotate: bool | None = None,
                lang: str | None = None) -> Figure:
    """Heatmap of ``values`` (rows = ``row_labels``, columns = ``col_labels``).

    ``measure="share"``: the share of people meeting the required level, 0–1 (red 0 → blue 1).
    ``measure="gap"``: the mean gap in levels, 0–``max_gap`` (blue 0 → red ``max_gap``).
    NaN cells (no requirement, no data) are light grey and hatched, explained under the colour bar.

    The figure grows with the matrix (cells of 0.17–0.5 in), label fonts follow the cell size and long
    labels are shortened with an ellipsis; :func:`skillmap.charts.grid.cell_at` maps a mouse position to
    ``(row, col)`` and :func:`skillmap.charts.grid.grid_info` gives the full labels and values.
    Cells carry their value as text when the matrix is small (``annotate=None``: automatic).
    """
    if measure not in ("share", "gap"):
        raise ValueError(f"unknown measure {measure!r}: 'share' or 'gap'")
    rows, cols = tuple(map(str, row_labels)), tuple(map(str, col_labels))
    data = as_matrix(values, (len(rows), len(cols)))
    share = measure == "share"
    cbar_title = tr("chart.heatmap.share" if share else "chart.heatmap.gap", lang)

    if data.size == 0:
        return empty_grid(title or tr("chart.heatmap.title", lang), lang)
    frame = grid_frame(rows, cols, title=title or tr("chart.heatmap.title", lang), side_width=1.9,
                       key_height=3.2, row_title=row_title, col_title=col_title)
    fig, ax = frame.fig, frame.ax
    n_rows, n_cols = data.shape

    # NaN cells show this hatched background through the image's transparent "bad" colour.
    ax.add_patch(Rectangle((-0.5, -0.5), n_cols, n_rows, facecolor=palette.MISSING_FACE,
                           edgecolor=palette.MISSING_EDGE, hatch=palette.MISSING_HATCH, linewidth=0, zorder=0))
    cmap = (palette.SHARE_CMAP if share else palette.GAP_CMAP).with_extremes(bad=(0, 0, 0, 0))
    vmax = 1.0 if share else float(max_gap)
    image = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0.0, vmax=vmax, aspect="auto",
                      interpolation="nearest", zorder=1)
    image.set_gid("skillmap-heatmap")
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    draw_cell_lines(ax, n_rows, n_cols, min(frame.cell_w, frame.cell_h))

    if annotate is None:
        annotate = data.size <= ANNOTATE_MAX_CELLS and min(frame.cell_w, frame.cell_h) >= 0.34
    if annotate:
        cell_texts = [[_cell_text(v, share) for v in row] for row in data]
        annotate_cells(ax, image, data, cell_texts, fontsize=max(frame.fontsize - 1.5, 6.0))

    cbar = fig.colorbar(image, cax=frame.side_top)
    cbar.outline.set_visible(False)
    cbar.ax.tick_params(labelsize=LEGEND_SIZE, length=2)
    if share:
        cbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        cbar.set_ticks([0, 0.25, 0.5, 0.75, 1.0])
    else:
        cbar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    cbar.ax.set_title(wrap(cbar_title, 18, max_lines=4), fontsize=LEGEND_SIZE, loc="left", pad=8)
    missing = Patch(facecolor=palette.MISSING_FACE, edgecolor=palette.MISSING_EDGE,
                    hatch=palette.MISSING_HATCH, linewidth=0, label=wrap(tr("chart.heatmap.missing", lang), 18, 3))
    frame.side_bottom.legend(handles=[missing], loc="upper left", bbox_to_anchor=(0.0, 1.0), frameon=False,
                             fontsize=LEGEND_SIZE, handlelength=1.6, handleheight=1.2, borderaxespad=0.0,
                             borderpad=0.0, handletextpad=0.5)

    attach_info(fig, GridInfo(axes=ax, image=image, values=data, row_labels=rows, col_labels=cols))
    return fig


def _cell_text(value: float, share: bool) -> str:
    if not np.isfinite(value):
        return ""
    return f"{100 * value:.0f}%" if share else f"{value:.1f}"
