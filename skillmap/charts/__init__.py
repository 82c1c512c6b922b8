"""Charts of the skills gap: functions that return a matplotlib :class:`~matplotlib.figure.Figure`.

No pyplot and no Qt here: the UI wraps a figure in ``FigureCanvasQTAgg`` and reports save the same figure
with :func:`save_figure`. Inputs are numpy arrays (NaN = unknown or not applicable) and label lists
already in the display language; ``lang`` ("en"/"es", default the current language) picks the fixed texts.

=============================  ===============================================================
:func:`gap_heatmap`            groups × competencies, share meeting the requirement or mean gap
:func:`person_chart`           one person, current against required levels (radar or bars)
:func:`top_gaps_chart`         the competencies with the widest gaps
:func:`agencies_behind_chart`  the agencies with the lowest average readiness
:func:`readiness_histogram`    how readiness is spread over the staff
:func:`supply_demand_chart`    people holding a level against positions requiring it
:func:`team_grid`              the people of a unit × competencies, coloured by gap
:func:`level_trend_chart`      mean level over time per competency
:func:`self_manager_chart`     mean self-assessment minus manager rating per competency
:func:`self_manager_scatter`   self against manager rating, counts of each pair of levels
:func:`cell_at`                grid charts: the (row, col) under a mouse position
:func:`save_figure`            write a chart as PNG, SVG or PDF
=============================  ===============================================================
"""

from __future__ import annotations

from skillmap.charts.dashboard import agencies_behind_chart, readiness_histogram, top_gaps_chart
from skillmap.charts.export import save_figure
from skillmap.charts.grid import GridInfo, cell_at, grid_info
from skillmap.charts.heatmap import gap_heatmap
from skillmap.charts.person import person_bars, person_chart, person_radar
from skillmap.charts.supply import supply_demand_chart
from skillmap.charts.team import team_grid
from skillmap.charts.trend import level_trend_chart, self_manager_chart, self_manager_scatter

__all__ = [
    "GridInfo",
    "agencies_behind_chart",
    "cell_at",
    "gap_heatmap",
    "grid_info",
    "level_trend_chart",
    "person_bars",
    "person_chart",
    "person_radar",
    "readiness_histogram",
    "save_figure",
    "self_manager_chart",
    "self_manager_scatter",
    "supply_demand_chart",
    "team_grid",
    "top_gaps_chart",
]
