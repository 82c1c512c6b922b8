"""The team grid: the people of a unit × competencies, coloured by each person's gap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from skillmap.charts import palette, texts  # noqa: F401  (texts registers the messages)
from skillmap.charts._common import LEGEND_SIZE, as_matrix
from skillmap.charts.grid import GridInfo, annotate_cells, attach_info, draw_cell_lines, empty_grid, grid_frame
from skillmap.i18n import tr

NOT_REQUIRED_FACE = "#F4F4F4"
ANNOTATE_MAX_CELLS = 450


def team_grid(people: Sequence[str], competencies: Sequence[str], gaps: npt.ArrayLike, *,
              unknown: npt.ArrayLike | None = None, max_gap: int = 4, title: str | None = None,
              annotate: bool | None = None, lang: str | None = None) -> Figure:
    """One row per person, one column per competency, each cell coloured by the gap in levels.

    ``gaps[r, c]`` is ``max(0, required − current)``: 0 (met) is blue, 1 … ``max_gap`` go from yellow to
    dark red; NaN means the competency is not required for the person's role (pale grey). ``unknown``
    (booleans, same shape) marks cells that are required but whose current level is unknown: they are
    hatched and marked "?" whatever ``gaps`` holds, never shown as met or as a gap.

    Like the heatmap, the figure grows with the grid and records a
    :class:`~skillmap.charts.grid.GridInfo` (``values`` with NaN in unknown and not-required cells,
    ``unknown`` the mask) for :func:`~skillmap.charts.grid.cell_at`.
    """
    rows, cols = tuple(map(str, people)), tuple(map(str, competencies))
    shape = (len(rows), len(cols))
    data = as_matrix(gaps, shape, "gaps").copy()
    unk = np.zeros(shape, dtype=bool) if unknown is None else np.asarray(unknown, dtype=bool)
    if unk.shape != shape:
        raise ValueError(f"unknown has shape {unk.shape}, expected {shape}")
    data[unk] = np.nan
    max_gap = max(1, int(max_gap))

    if data.size == 0:
        return empty_grid(title or tr("chart.team.title", lang), lang)
    frame = grid_frame(rows, cols, title=title or tr("chart.team.title", lang), side_width=2.3,
                       key_height=2.6, row_chars=36)
    fig, ax = frame.fig, frame.ax
    n_rows, n_cols = shape
    ax.add_patch(Rectangle((-0.5, -0.5), n_cols, n_rows, facecolor=NOT_REQUIRED_FACE, linewidth=0, zorder=0))
    cmap, norm = palette.gap_steps(max_gap)
    cmap = cmap.with_extremes(bad=(0, 0, 0, 0))
    image = ax.imshow(np.ma.masked_invalid(np.clip(data, 0, max_gap)), cmap=cmap, norm=norm, aspect="auto",
                      interpolation="nearest", zorder=1)
    image.set_gid("skillmap-team-grid")
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)

    cell = min(frame.cell_w, frame.cell_h)
    if unk.any():
        rr, cc = np.nonzero(unk)
        boxes = [Rectangle((c - 0.5, r - 0.5), 1, 1) for r, c in zip(rr, cc, strict=True)]
        ax.add_collection(PatchCollection(boxes, facecolor="white", edgecolor=palette.UNKNOWN_EDGE,
                                          hatch=palette.UNKNOWN_HATCH, linewidth=0, zorder=2,
                                          gid="unknown"), autolim=False)
    draw_cell_lines(ax, n_rows, n_cols, cell)

    if annotate is None:
        annotate = data.size <= ANNOTATE_MAX_CELLS and cell >= 0.27
    if annotate:
        cell_texts = [[("" if not np.isfinite(v) else "✓" if v <= 0 else f"{v:g}") for v in row] for row in data]
        annotate_cells(ax, image, data, cell_texts, fontsize=max(frame.fontsize - 1.0, 6.0))
        for r, c in zip(*np.nonzero(unk), strict=True):
            ax.text(c, r, "?", ha="center", va="center", fontsize=frame.fontsize, fontweight="bold",
                    color="#4D4D4D", zorder=4)

    colours = cmap.colors if isinstance(cmap.colors, list) else list(cmap.colors)
    handles = [Patch(facecolor=colours[0], label=tr("chart.team.met", lang))]
    beyond = bool(np.nanmax(data, initial=0.0) > max_gap)
    for g in range(1, max_gap + 1):
        key = "chart.team.gap1" if g == 1 else "chart.team.gapn"
        if g == max_gap and beyond:
            key = "chart.team.gapmore"
        handles.append(Patch(facecolor=colours[g], label=tr(key, lang, n=g)))
    handles.append(Patch(facecolor=NOT_REQUIRED_FACE, edgecolor="#CCCCCC", linewidth=0.6,
                         label=tr("chart.team.not_required", lang)))
    handles.append(Patch(facecolor="white", edgecolor=palette.UNKNOWN_EDGE, hatch=palette.UNKNOWN_HATCH,
                         linewidth=0, label=tr("chart.team.unknown", lang)))
    frame.side_top.set_axis_off()
    frame.side_top.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 1.0), frameon=False,
                          fontsize=LEGEND_SIZE, handlelength=1.6, handleheight=1.2, borderaxespad=0.0,
                          borderpad=0.0)

    attach_info(fig, GridInfo(axes=ax, image=image, values=data, row_labels=rows, col_labels=cols, unknown=unk))
    return fig
