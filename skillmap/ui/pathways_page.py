"""The *Pathways* page: role transitions and course plans (issue 5).

What a planner does here:

* sets the assumptions (viability threshold, share of hours counted when learning in post and, under *More
  assumptions*, the hours per level beyond the catalogue and the hard-to-transfer factor) and picks a **target
  role** (a searchable list of role profiles, or a click on a role in the graph) and a **person** (employee
  number or name, or :meth:`PathwaysPage.show_person` from the staff browser); *Help* shows the definitions
  (:func:`skillmap.pathways.definitions`) with the values in use;
* **Role graph**: the viable moves between role profiles (:func:`skillmap.charts.role_graph.role_graph_figure`)
  with the person's cheapest route drawn on top, zoom and pan with matplotlib's toolbar, hover for a role's or a
  move's numbers, click a role to make it the target; *Show only the route's moves* keeps it readable;
* **Route and plan**: the route step by step (:func:`skillmap.services.pathways.route_rows`, "hire rather than
  reskill" flagged) and the person's course plan for the target with dates
  (:func:`skillmap.services.plans.plan_for_person`, :func:`~skillmap.services.plans.person_plan_rows`), saying
  whether the plan is proven shortest or heuristic;
* **Ranking**: everyone by the hours of their cheapest route to the target (a table model over the ranking's
  arrays, rows built on demand; filter, sort, export to CSV or Excel; double-click opens a person's route);
* **Core competencies** (:func:`~skillmap.services.pathways.core_rows`) and **Moves**
  (:func:`~skillmap.services.pathways.move_rows`).

The organisation's gap data is loaded once in the background (:func:`skillmap.ui.gap_logic.load_source`: a child
process for a large database, so the window keeps responding), then :func:`~skillmap.services.pathways.
load_pathway_data` builds the effort model and the graph. A setting change only rebuilds the graph
(:meth:`~skillmap.services.pathways.PathwayData.with_settings`) on a worker; a language change re-labels the same
data. Every computation and every chart is done on a worker (:class:`~skillmap.ui.gap_views.Jobs`), only for the
tab shown, so the window never waits.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.analysis.gaps import IntArray
from skillmap.i18n import get_language
from skillmap.i18n import tr as message  # not `tr`: lupdate would take the keys for Qt strings
from skillmap.pathways import Route, TargetRanking, definitions
from skillmap.planning import PlanError
from skillmap.problems import InputError
from skillmap.services import pathways as P
from skillmap.services.gaps import Cell, GapData, GapTable, write_gaps
from skillmap.services.plans import PersonPlan, person_plan_rows, plan_for_person
from skillmap.tasks import Progress
from skillmap.ui import gap_logic as L
from skillmap.ui.gap_canvas import ChartCanvas, ChartPanel, Rendered, render, watch_application_quit
from skillmap.ui.gap_views import SHORT_COLOUR, Jobs, fmt_date
from skillmap.ui.lazy import LazyView

if TYPE_CHECKING:
    import networkx as nx

    from skillmap.charts.role_graph import RoleGraphLayout

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell as the service gives it (str, int, float or None)
HARD_KEYS = ("hard", "hire")  # columns that say "yes" when a move builds a hard-to-transfer competency
LIST_KEYS = ("builds", "raises", "closes")  # "a; b; c" columns shown one item a line
EDGE_TOLERANCE_PX = 6.0  # how near (screen pixels) the pointer must be to a move for its tooltip
NUMBER_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TEXT_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
NUMBER_ALIGN_TOP = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
TEXT_ALIGN_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
#: the roles the ranking model answers (the view asks for a dozen others per cell)
RANKING_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(RAW_ROLE), int(Qt.ItemDataRole.ToolTipRole),
                           int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole),
                           int(Qt.ItemDataRole.FontRole)})
SEARCH_HITS = 40  # people offered by the person search
SETTINGS_DELAY_MS = 350  # a setting typed digit by digit rebuilds the graph once


# -- plain helpers (no widgets) --------------------------------------------------------------------------
def fold(text: str) -> str:
    """``text`` for searching: case-folded, accents removed (``"Peña"`` → ``"pena"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def localised(source: L.GapSource, lang: str) -> GapData:
    """The source's gap data with role titles and competency names in ``lang`` (the numbers are shared)."""
    data = source.data
    if data.lang == lang:
        return data
    names = source.names
    return replace(data, lang=lang,
                   role_title=[names.role_title(int(r), lang) for r in data.requirements.role_ids.tolist()],
                   competency_name=[names.competency_name(int(c), lang)
                                    for c in data.requirements.competency_ids.tolist()])


def family_names(data: GapData, lang: str) -> list[str]:
    """The role family of each role profile (row of the requirement matrix), in ``lang``."""
    families = data.lookups.families
    out = []
    for fid in data.role_family_id.tolist():
        row = families.get(int(fid))
        out.append((row[2] if lang == "es" and row[2] else row[1]) if row else "—")
    return out


def route_nodes(data: GapData, person: int, route: Route) -> list[int]:
    """The roles to draw for a route: the person's own role profile (when they hold one off the route) and
    the roles they enter, in order."""
    roles = [int(r) for r in route.roles]
    own = int(data.role_index[person])
    return roles if own < 0 or own in roles else [own, *roles]


@dataclass(eq=False)
class Loaded:
    """What the page works on: the loaded organisation, the pathway data for the current settings and
    language, the graph with role titles as labels, and the people's search keys."""

    source: L.GapSource
    pd: P.PathwayData
    graph: nx.DiGraph
    families: list[str]
    lang: str
    keys: list[str]  # fold(employee number + name) per person


def labelled_graph(pd: P.PathwayData) -> nx.DiGraph:
    """The transition graph with each role's title as its label (the chart shows labels)."""
    import networkx as nx

    g = pd.graph.graph.copy()
    nx.set_node_attributes(g, dict(enumerate(pd.data.role_title)), "label")
    return g


def build(source: L.GapSource, pd: P.PathwayData, lang: str, keys: list[str] | None = None) -> Loaded:
    keys = keys if keys is not None else [fold(f"{n} {name}") for n, name in
                                          zip(source.data.levels.staff_labels, source.data.staff_name, strict=True)]
    return Loaded(source, pd, labelled_graph(pd), family_names(pd.data, lang), lang, keys)


def load_pathways(engine: Engine, settings: P.PathwaySettings, lang: str, progress: Progress,
                  source: L.GapSource | None = None) -> Loaded:
    """Worker: the organisation's gap data (a child process when it is large; ``source`` when the caller has it
    already), then the pathway data (the catalogue and the graph)."""
    source = source if source is not None else L.load_source(engine, progress)
    progress.check()
    pd = P.load_pathway_data(engine, settings=settings, data=localised(source, lang), progress=progress)
    return build(source, pd, lang)


def relabel(engine: Engine, loaded: Loaded, settings: P.PathwaySettings, lang: str) -> Loaded:
    """Worker: the same data in another language (the catalogue is read again: a few milliseconds)."""
    pd = P.load_pathway_data(engine, settings=settings, data=localised(loaded.source, lang))
    return build(loaded.source, pd, lang, loaded.keys)


def ranking_table(pd: P.PathwayData, ranking: TargetRanking, people: IntArray | None = None) -> GapTable:
    """The service's ranking of everyone (:func:`~skillmap.services.pathways.ranking_rows`), only the rows of
    ``people`` kept (``None``: all): each keeps its rank among everyone, as the page shows it."""
    table = P.ranking_rows(pd, ranking.target, ranking)
    if people is None:
        return table
    keep = np.zeros(len(ranking.order), dtype=bool)
    keep[np.asarray(people, dtype=np.int64)] = True
    return replace(table, rows=[row for row, p in zip(table.rows, ranking.order.tolist(), strict=True) if keep[p]])


def hours_text(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:,.1f}"


def show_cell(value: Cell, kind: str) -> str:
    """A table cell as shown: percentages (the headers say "%") and hours with one decimal."""
    if value is None:
        return "—"
    if kind == "pct" and isinstance(value, (int, float)):
        return f"{value:.1f}"
    if kind == "float" and isinstance(value, (int, float)):
        return f"{value:,.1f}"
    return str(value)


# -- table models ----------------------------------------------------------------------------------------
class GapTableModel(QAbstractTableModel):
    """A read-only model over a service :class:`~skillmap.services.gaps.GapTable` (a few hundred rows at most).

    ``DisplayRole`` is the formatted cell, :data:`RAW_ROLE` the service's value; cells of the "hard to transfer"
    / "hire rather than reskill" columns that say yes are red and bold; ISO dates show as dd/mm/yyyy."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: GapTable | None = None
        self._yes = ""

    def set_table(self, table: GapTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._yes = message("pw.yes", table.lang) if table is not None else ""
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def key(self, column: int) -> str:
        return self.table.columns[column].key if self.table is not None else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        col = self.table.columns[index.column()]
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col.key in ("starts", "ends") and isinstance(value, str):
                try:
                    return fmt_date(date.fromisoformat(value))
                except ValueError:
                    return value
            if col.key in LIST_KEYS and isinstance(value, str):
                return value.replace("; ", "\n")
            return show_cell(value, col.kind)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return value if isinstance(value, str) and len(value) > 40 and col.key not in LIST_KEYS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("int", "float", "pct"):
                return NUMBER_ALIGN_TOP
            return TEXT_ALIGN_TOP
        hard = col.key in HARD_KEYS and value == self._yes
        if role == Qt.ItemDataRole.ForegroundRole and hard:
            return QBrush(QColor(SHORT_COLOUR))
        if role == Qt.ItemDataRole.FontRole and hard:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and self.table is not None and 0 <= section < len(self.table.columns)):
            return self.table.columns[section].header
        return None


class RankingModel(QAbstractTableModel):
    """Everyone ranked for one target, over the ranking's arrays: a row's cells are built when the view asks
    for them (47,700 people cost nothing until shown). A person's cells equal their row of
    :func:`~skillmap.services.pathways.ranking_rows` for everyone (the rank among everyone, also when filtered);
    ``rows`` maps view rows to people (filter and sort rearrange it, never the data)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pd: P.PathwayData | None = None
        self.ranking: TargetRanking | None = None
        self.header: GapTable | None = None
        self.keys: list[str] = []
        self.rows: IntArray = np.zeros(0, dtype=np.int64)
        self.rank_of: IntArray = np.zeros(0, dtype=np.int64)
        self._yes = self._no = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_ranking(self, pd: P.PathwayData | None, ranking: TargetRanking | None, keys: list[str],
                    people: IntArray | None = None) -> None:
        """Show ``ranking`` (of ``pd``), only ``people`` when given (in rank order)."""
        self.beginResetModel()
        self.pd, self.ranking, self.keys = pd, ranking, keys
        self._sort = None
        if pd is None or ranking is None:
            self.header = None
            self.rows = np.zeros(0, dtype=np.int64)
            self.rank_of = np.zeros(0, dtype=np.int64)
        else:
            self.header = P.ranking_rows(pd, ranking.target, ranking, limit=0)
            self.rank_of = np.empty(len(ranking.order), dtype=np.int64)
            self.rank_of[ranking.order] = np.arange(1, len(ranking.order) + 1)
            self.rows = self._select(people)
            self._yes, self._no = message("pw.yes", pd.lang), message("pw.no", pd.lang)
        self.endResetModel()

    def _select(self, people: IntArray | None) -> IntArray:
        assert self.ranking is not None
        order = self.ranking.order
        if people is None:
            return order.copy()
        keep = np.zeros(len(order), dtype=bool)
        keep[np.asarray(people, dtype=np.int64)] = True
        return order[keep[order]]

    def restrict(self, people: IntArray | None) -> None:
        """Show only ``people`` (``None``: everyone), keeping the current sort."""
        if self.ranking is None:
            return
        self.beginResetModel()
        self.rows = self._select(people)
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def person_at(self, row: int) -> int:
        return int(self.rows[row])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.header is None else len(self.header.columns)

    def cell(self, person: int, column: int) -> Cell:
        """The value of ``ranking_rows`` for ``person`` in ``column``."""
        pd, rk = self.pd, self.ranking
        assert pd is not None and rk is not None
        p = int(person)
        if column == 0:
            return int(self.rank_of[p])
        if column == 1:
            return pd.data.levels.staff_labels[p]
        if column == 2:
            return pd.data.staff_name[p]
        if column == 3:
            return pd.data.position[p]
        if column == 4:
            return P._hours(rk.hours[p])
        if column == 5:
            labels = pd.data.requirements.role_labels
            return " → ".join(labels[r] for r in rk.route_roles(p))
        if column == 6:
            return P._hours(rk.direct_hours[p])
        if column == 7:
            return P._pct(rk.direct_readiness[p])
        return self._yes if rk.hard[p] else self._no

    def row_cells(self, row: int) -> list[Cell]:
        p = self.person_at(row)
        return [self.cell(p, c) for c in range(self.columnCount())]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in RANKING_ROLES or self.header is None or not index.isValid() \
                or not 0 <= index.row() < len(self.rows):
            return None
        col = self.header.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, RAW_ROLE, Qt.ItemDataRole.ToolTipRole):
            value = self.cell(self.person_at(index.row()), index.column())
            if role == RAW_ROLE:
                return value
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._route_tip(self.person_at(index.row())) if col.key == "route" else None
            return show_cell(value, col.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("int", "float", "pct"):
                return NUMBER_ALIGN
            return TEXT_ALIGN
        if col.key in HARD_KEYS and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            assert self.ranking is not None
            if not self.ranking.hard[self.person_at(index.row())]:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(SHORT_COLOUR))
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _route_tip(self, person: int) -> str:
        assert self.pd is not None and self.ranking is not None
        return " → ".join(self.pd.role_name(r) for r in self.ranking.route_roles(person))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and self.header is not None and 0 <= section < len(self.header.columns)):
            return self.header.columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows shown by ``column`` (numbers as numbers, unknown last; ties in rank order)."""
        if self.ranking is None or self.pd is None or not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        rows = self.rows[np.argsort(self.rank_of[self.rows], kind="stable")]
        descending = order == Qt.SortOrder.DescendingOrder
        rk = self.ranking
        numeric = {0: self.rank_of, 4: rk.hours, 6: rk.direct_hours, 7: rk.direct_readiness,
                   8: rk.hard.astype(np.float64)}
        self.layoutAboutToBeChanged.emit()
        if column in numeric:
            values = np.asarray(numeric[column], dtype=np.float64)[rows]
            finite = np.isfinite(values)
            key = np.where(finite, -values if descending else values, np.inf)
            rows = rows[np.argsort(key, kind="stable")]
        else:
            texts = [fold(str(self.cell(p, column))) for p in rows.tolist()]
            idx = sorted(range(len(rows)), key=texts.__getitem__, reverse=descending)
            rows = rows[np.array(idx, dtype=np.int64)] if idx else rows
        self.rows = rows
        self.layoutChanged.emit()


# -- the views -------------------------------------------------------------------------------------------
class _View(LazyView):
    """A tab of the page: recomputed when what it shows changes, but only while (or once) it is shown."""

    def __init__(self, page: PathwaysPage) -> None:
        super().__init__()
        self.page = page
        self.jobs = Jobs(self, page.report_error)

    @property
    def busy(self) -> bool:
        """Working, or about to (shown with a refresh pending)."""
        return self.jobs.busy or (self._dirty and self.isVisible())

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (each tab overrides this)."""


def _table_view(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    return view


def fit_columns(view: QTableView, *, widest: int = 360, wrap: str | None = None) -> None:
    """Columns as wide as their contents (at most ``widest`` pixels); the column keyed ``wrap`` (or the last one)
    takes the remaining room, its text wrapped, and rows grow to fit it."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    hdr = view.horizontalHeader()
    hdr.setResizeContentsPrecision(0)  # the rows in view (a 47,700-row ranking would be asked 1,000 rows a column)
    n = model.columnCount()
    keys = [source.key(c) for c in range(n)] if isinstance(source, GapTableModel) else []
    stretch = keys.index(wrap) if wrap in keys else -1
    for c in range(n):
        hdr.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        if c != stretch:
            view.resizeColumnToContents(c)
            hdr.resizeSection(c, min(hdr.sectionSize(c), widest))
    if stretch >= 0:
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.resizeRowsToContents()
    else:
        hdr.setStretchLastSection(True)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _tooltip_at(canvas: ChartCanvas, event: Any, text: str) -> None:
    gui = getattr(event, "guiEvent", None)
    if gui is not None and hasattr(gui, "globalPosition"):
        pos = gui.globalPosition().toPoint()
    else:
        ratio = canvas.device_pixel_ratio or 1.0
        pos = canvas.mapToGlobal(QPoint(int(event.x / ratio), int(canvas.height() - event.y / ratio)))
    QToolTip.showText(pos, text, canvas)


@cache
def _toolbar_class() -> type[QWidget]:
    """matplotlib's navigation toolbar with only the view buttons (home, back, forward, pan, zoom)."""
    from matplotlib.backends.backend_qtagg import NavigationToolbar2QT

    class GraphToolbar(NavigationToolbar2QT):
        toolitems: ClassVar[list[tuple[str | None, ...]]] = [  # type: ignore[misc]
            t for t in NavigationToolbar2QT.toolitems if t[0] in ("Home", "Back", "Forward", "Pan", "Zoom")]

    return GraphToolbar


class GraphView(_View):
    """The role graph with the route of the chosen person to the target drawn on top."""

    def __init__(self, page: PathwaysPage) -> None:
        super().__init__(page)
        self.setObjectName("pathways_graph")
        self.layout_: RoleGraphLayout | None = None
        self.shown: Loaded | None = None  # what the chart was drawn from
        self.route: Route | None = None
        self.hard_nodes: set[int] = set()
        self.tip_text = ""
        self._tip: tuple[str, object] | None = None
        self.toolbar: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.toolbar_holder = QHBoxLayout()
        self.toolbar_holder.setContentsMargins(0, 0, 0, 0)
        bar.addLayout(self.toolbar_holder)
        self.only_route = QCheckBox()
        self.only_route.setObjectName("graph_only_route")
        self.only_route.toggled.connect(lambda _on: self.invalidate())
        bar.addWidget(self.only_route)
        bar.addSpacing(12)
        self.hint = QLabel()
        self.hint.setObjectName("graph_hint")
        self.hint.setWordWrap(True)
        bar.addWidget(self.hint, 1)
        outer.addLayout(bar)
        self.panel = ChartPanel("role_graph")
        page.watch_panel(self.panel)
        outer.addWidget(self.panel, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.only_route.setText(self.tr("Show only the route's moves"))
        self.only_route.setToolTip(self.tr("Draw only the moves of the route and those into and out of the target "
                                           "role"))
        self.hint.setText(self.tr("Point at a role or a move for its numbers; click a role to make it the target. "
                                  "Zoom and pan with the buttons on the left."))
        self.panel.retranslate()
        self._translate_toolbar()

    def _translate_toolbar(self) -> None:
        tb = self.toolbar
        if tb is None:
            return
        tips = {"home": self.tr("Show the whole graph"), "back": self.tr("Back to the previous view"),
                "forward": self.tr("Forward to the next view"),
                "pan": self.tr("Pan: drag with the left button; zoom: drag with the right button"),
                "zoom": self.tr("Zoom to a rectangle")}
        for name, text in tips.items():
            action = tb._actions.get(name)  # type: ignore[attr-defined]
            if action is not None:
                action.setToolTip(text)
                action.setText(text)

    def _refresh(self) -> None:
        loaded = self.page.loaded
        if loaded is None:
            self.panel.set_message(self.page.waiting_text())
            self._set_toolbar(None)
            return
        pd, g, fams, lang = loaded.pd, loaded.graph, loaded.families, loaded.lang
        target, person = self.page.target_row(), self.page.person_row()
        show_all = not self.only_route.isChecked()
        seniority = [int(s) for s in pd.data.requirements.seniority.tolist()]
        name = pd.data.staff_name[person] if person is not None else ""
        if person is not None and target is not None:
            title = self.tr("Route of {0} to {1}").format(name, pd.role_name(target))
        elif target is not None:
            title = self.tr("Moves between roles · target: {0}").format(pd.role_name(target))
        else:
            title = None

        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        fit_height = max(self.panel.viewport_size()[1] - scrollbar - 4, 360)

        def work(_progress: Progress) -> tuple[Rendered, RoleGraphLayout, Route | None, set[int]]:
            from skillmap.charts.role_graph import role_graph_figure

            route = pd.route(person, target) if person is not None and target is not None else None
            nodes = route_nodes(pd.data, person, route) if route is not None and person is not None else []
            hard = {s.role for s in route.steps if s.hard} if route is not None else set()
            made: dict[str, RoleGraphLayout] = {}

            def factory() -> Any:
                fig, layout = role_graph_figure(g, families=fams, seniority=seniority, route=nodes,
                                                highlight=target, lang=lang, title=title, hard_nodes=hard,
                                                show_all_edges=show_all)
                made["layout"] = layout
                return fig

            # as tall as the room for it (the labels stay readable down to 72 dpi); scrolled sideways
            rendered = render(factory, fit_height=fit_height, min_dpi=72.0)
            return rendered, made["layout"], route, hard

        def done(result: tuple[Rendered, RoleGraphLayout, Route | None, set[int]]) -> None:
            rendered, self.layout_, self.route, self.hard_nodes = result
            self.shown = loaded
            canvas = self.panel.set_rendered(rendered)
            canvas.mpl_connect("motion_notify_event", self._hover)
            canvas.mpl_connect("button_press_event", self._clicked)
            canvas.mpl_connect("figure_leave_event", lambda _e: self._hide_tip())
            self._tip = None
            self.tip_text = ""
            self._set_toolbar(canvas)
            self.panel.caption.setText(self.page.route_summary(pd, person, self.route) if self.route else "")
            QTimer.singleShot(0, self.scroll_to_focus)

        self.jobs.start(work, done)

    def _set_toolbar(self, canvas: ChartCanvas | None) -> None:
        if self.toolbar is not None:
            self.toolbar_holder.removeWidget(self.toolbar)
            self.toolbar.hide()
            self.toolbar.deleteLater()
            self.toolbar = None
        if canvas is None:
            return
        tb = _toolbar_class()(canvas, self, coordinates=False)
        tb.setObjectName("graph_toolbar")
        tb.setIconSize(tb.iconSize() * 0.8)
        self.toolbar = tb
        self.toolbar_holder.addWidget(tb)
        self._translate_toolbar()

    def _toolbar_active(self) -> bool:
        mode = getattr(self.toolbar, "mode", None)
        return bool(getattr(mode, "value", mode))

    def scroll_to_focus(self) -> None:
        """Scroll the chart (as little as needed) so the route and the target are in view."""
        canvas, layout, scroll = self.panel.canvas, self.layout_, self.panel.scroll
        if canvas is None or layout is None or layout.axes is None or scroll is None:
            return
        nodes = sorted({n for e in layout.route_edges for n in e})
        target = self.page.target_row()
        if target is not None and target in layout.positions:
            nodes.append(target)
        if not nodes:
            return
        xy = layout.axes.transData.transform([layout.positions[n] for n in nodes])
        ratio = canvas.device_pixel_ratio or 1.0
        x0, x1 = xy[:, 0].min() / ratio, xy[:, 0].max() / ratio
        height = canvas.height()
        y0, y1 = height - xy[:, 1].max() / ratio, height - xy[:, 1].min() / ratio
        vp = scroll.viewport()
        margin = 90.0  # room for the boxes around their centres
        for bar, lo, hi, room in ((scroll.horizontalScrollBar(), x0 - margin, x1 + margin, vp.width()),
                                  (scroll.verticalScrollBar(), y0 - margin, y1 + margin, vp.height())):
            at = bar.value()
            if lo >= at and hi <= at + room:
                continue  # already in view
            bar.setValue(int(lo if hi - lo > room else max(0.0, (lo + hi) / 2 - room / 2)))

    # -- mouse
    def tooltip_for(self, x: float | None, y: float | None) -> tuple[str, object] | None:
        """The hover text at data point ``(x, y)`` and what it is about (a node or an edge), or ``None``."""
        from skillmap.charts.role_graph import role_graph_tooltip

        layout, loaded = self.layout_, self.shown
        if layout is None or loaded is None:
            return None
        node = layout.node_at(x, y)
        edge = None if node is not None else layout.edge_at(x, y, layout.data_tolerance(EDGE_TOLERANCE_PX))
        if node is None and edge is None:
            return None
        seniority = [int(s) for s in loaded.pd.data.requirements.seniority.tolist()]
        text = role_graph_tooltip(loaded.graph, node, edge, families=loaded.families, lang=loaded.lang,
                                  seniority=seniority, hard_nodes=self.hard_nodes)
        return text, (node if node is not None else edge)

    def _hover(self, event: Any) -> None:
        canvas = self.panel.canvas
        if canvas is None or self._toolbar_active():
            return
        found = self.tooltip_for(event.xdata, event.ydata) if event.inaxes is not None else None
        if found is None:
            self._hide_tip()
            return
        if self._tip is None or found[1] != self._tip[1]:
            self._tip = found
            self.tip_text = found[0]
            _tooltip_at(canvas, event, found[0])

    def _hide_tip(self) -> None:
        if self._tip is not None:
            QToolTip.hideText()
        self._tip = None
        self.tip_text = ""

    def _clicked(self, event: Any) -> None:
        layout = self.layout_
        if layout is None or event.inaxes is None or self._toolbar_active():
            return
        if getattr(event.button, "value", event.button) != 1:
            return
        node = layout.node_at(event.xdata, event.ydata)
        if node is not None:
            self.page.set_target_row(node)


class RouteView(_View):
    """The person's cheapest route to the target, step by step, and their course plan with dates."""

    def __init__(self, page: PathwaysPage) -> None:
        super().__init__(page)
        self.setObjectName("pathways_route")
        self.plan_jobs = Jobs(self, self._plan_failed)
        self.route: Route | None = None
        self.route_table: GapTable | None = None
        self.plan: PersonPlan | None = None
        self.plan_table: GapTable | None = None
        self.plan_error = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        self.split = split
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = _bold(QLabel(), 1.1)
        self.title.setObjectName("route_title")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.export_route = QPushButton()
        self.export_route.setObjectName("export_route")
        self.export_route.clicked.connect(lambda _c=False: self.page.export_table(self.route_table, "route"))
        head.addWidget(self.export_route, 0, Qt.AlignmentFlag.AlignTop)
        tl.addLayout(head)
        self.summary = QLabel()
        self.summary.setObjectName("route_summary")
        self.summary.setWordWrap(True)
        tl.addWidget(self.summary)
        self.hire = QLabel()
        self.hire.setObjectName("route_hire")
        self.hire.setWordWrap(True)
        self.hire.setStyleSheet(f"color: {SHORT_COLOUR}; font-weight: bold;")
        self.hire.hide()
        tl.addWidget(self.hire)
        self.route_model = GapTableModel(self)
        self.route_view = _table_view("route_table")
        self.route_view.setModel(self.route_model)
        self.route_view.setWordWrap(True)
        tl.addWidget(self.route_view, 1)
        split.addWidget(top)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 6, 0, 0)
        phead = QHBoxLayout()
        self.plan_title = _bold(QLabel(), 1.1)
        self.plan_title.setObjectName("plan_title")
        self.plan_title.setWordWrap(True)
        phead.addWidget(self.plan_title, 1)
        self.export_plan = QPushButton()
        self.export_plan.setObjectName("export_plan")
        self.export_plan.clicked.connect(lambda _c=False: self.page.export_table(self.plan_table, "plan"))
        phead.addWidget(self.export_plan, 0, Qt.AlignmentFlag.AlignTop)
        bl.addLayout(phead)
        opts = QHBoxLayout()
        self.hours_label = QLabel()
        self.hours_per_week = QDoubleSpinBox()
        self.hours_per_week.setObjectName("plan_hours_per_week")
        self.hours_per_week.setRange(0.5, 40.0)
        self.hours_per_week.setDecimals(1)
        self.hours_per_week.setSingleStep(0.5)
        self.hours_per_week.setValue(4.0)
        self.start_label = QLabel()
        self.start = QDateEdit()
        self.start.setObjectName("plan_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy")
        today = date.today()
        self.start.setDate(QDate(today.year, today.month, today.day))
        self.hours_label.setBuddy(self.hours_per_week)
        self.start_label.setBuddy(self.start)
        opts.addWidget(self.hours_label)
        opts.addWidget(self.hours_per_week)
        opts.addSpacing(16)
        opts.addWidget(self.start_label)
        opts.addWidget(self.start)
        opts.addSpacing(16)
        self.plan_note = QLabel()
        self.plan_note.setObjectName("plan_note")
        self.plan_note.setWordWrap(True)
        opts.addWidget(self.plan_note, 1)
        bl.addLayout(opts)
        self.plan_summary = QLabel()
        self.plan_summary.setObjectName("plan_summary")
        self.plan_summary.setWordWrap(True)
        self.plan_summary.setTextFormat(Qt.TextFormat.RichText)
        bl.addWidget(self.plan_summary)
        self.plan_model = GapTableModel(self)
        self.plan_view = _table_view("plan_table")
        self.plan_view.setModel(self.plan_model)
        self.plan_view.setWordWrap(True)
        bl.addWidget(self.plan_view, 1)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 500])
        outer.addWidget(split, 1)
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(SETTINGS_DELAY_MS)
        self._plan_timer.timeout.connect(self.refresh_plan)
        self.hours_per_week.valueChanged.connect(lambda _v: self._plan_timer.start())
        self.start.dateChanged.connect(lambda _d: self._plan_timer.start())
        self.retranslate()

    @property
    def busy(self) -> bool:
        return super().busy or self.plan_jobs.busy or self._plan_timer.isActive()

    def retranslate(self) -> None:
        self.export_route.setText(self.tr("Export route…"))
        self.export_plan.setText(self.tr("Export plan…"))
        self.hours_label.setText(self.tr("Hours a week:"))
        self.start_label.setText(self.tr("Starting on:"))
        self.hours_per_week.setToolTip(self.tr("Hours of training the person can take each week; the dates "
                                               "follow from it"))
        self.plan_note.setText(self.tr("The plan closes every gap for the target role itself with the fewest "
                                       "course hours, prerequisites first; courses already passed count."))
        self._show_route()
        self._show_plan()

    def plan_settings(self) -> tuple[float, date]:
        d = self.start.date()
        return float(self.hours_per_week.value()), date(d.year(), d.month(), d.day())

    def _refresh(self) -> None:
        loaded = self.page.loaded
        target, person = self.page.target_row(), self.page.person_row()
        if loaded is None or target is None or person is None:
            self.route = None
            self.route_table = None
            self._show_route()
            self.plan_jobs.cancel()
            self.plan = None
            self.plan_table = None
            self.plan_error = ""
            self._show_plan()
            return
        pd = loaded.pd

        def work(_progress: Progress) -> tuple[Route, GapTable]:
            return pd.route(person, target), P.route_rows(pd, person, target)

        def done(result: tuple[Route, GapTable]) -> None:
            self.route, self.route_table = result
            self._show_route()

        self.jobs.start(work, done)
        self.refresh_plan()

    def refresh_plan(self) -> None:
        self._plan_timer.stop()
        loaded, engine = self.page.loaded, self.page.engine
        target, person = self.page.target_row(), self.page.person_row()
        if loaded is None or engine is None or target is None or person is None:
            return
        employee = loaded.pd.data.levels.staff_labels[person]
        code = loaded.pd.data.requirements.role_labels[target]
        hours, start = self.plan_settings()
        lang = loaded.lang
        self.plan_error = ""

        def work(progress: Progress) -> tuple[PersonPlan, GapTable]:
            pp = plan_for_person(engine, employee, code, hours_per_week=hours, start=start, lang=lang,
                                 progress=progress)
            return pp, person_plan_rows(pp, lang)

        def done(result: tuple[PersonPlan, GapTable]) -> None:
            self.plan, self.plan_table = result
            self._show_plan()

        self.plan_jobs.start(work, done)

    def _plan_failed(self, exc: BaseException, tb: str) -> None:
        """A plan that cannot be made (no such person or role, a broken catalogue) is said in the plan's place."""
        if isinstance(exc, (InputError, PlanError)):
            self.plan, self.plan_table = None, None
            self.plan_error = exc.text() if isinstance(exc, InputError) else exc.text(get_language())
            self._show_plan()
        else:
            self.page.report_error(exc, tb)

    def _show_route(self) -> None:
        loaded = self.page.loaded
        target, person = self.page.target_row(), self.page.person_row()
        table, route = self.route_table, self.route
        self.export_route.setEnabled(table is not None)
        if loaded is None:
            self.title.setText(self.page.waiting_text())
        elif person is None:
            self.title.setText(self.tr("Choose a person: type an employee number or a name above, double-click a "
                                       "person in the ranking, or open one from the staff browser."))
        elif target is None:
            self.title.setText(self.tr("Choose a target role above, or click a role in the graph."))
        if table is None or route is None or loaded is None:
            self.route_model.set_table(None)
            self.summary.setText("")
            self.hire.hide()
            return
        self.title.setText(table.title)
        self.route_model.set_table(table)
        for c, col in enumerate(table.columns):  # the code is in the export; the title says enough here
            self.route_view.setColumnHidden(c, col.key == "role_code")
        fit_columns(self.route_view, widest=260, wrap="builds")
        QTimer.singleShot(0, self._fit_split)
        pd = loaded.pd
        self.summary.setText(self.page.route_summary(pd, person if person is not None else 0, route))
        if route.hire_rather_than_reskill:
            hard = sorted({pd.data.competency_name[b.competency] for s in route.steps for b in s.builds if b.hard})
            self.hire.setText(self.tr("⚠ Hire rather than reskill: this route has to build {0}, marked hard to "
                                      "transfer (◆). Hiring someone who has it may be better.")
                              .format(", ".join(hard)))
            self.hire.show()
        else:
            self.hire.hide()

    def _fit_split(self) -> None:
        """Give the route the room its rows need (at most half), the plan the rest."""
        total = sum(self.split.sizes())
        view = self.route_view
        if total <= 0:
            return
        rows = sum(view.rowHeight(r) for r in range(self.route_model.rowCount()))
        labels = sum(w.height() + 6 for w in (self.title, self.summary, self.hire) if w.isVisible())
        scrollbar = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
        needed = labels + view.horizontalHeader().height() + rows + 2 * view.frameWidth() + scrollbar + 12
        top = min(max(needed, 150), total // 2)
        self.split.setSizes([top, total - top])

    def _show_plan(self) -> None:
        pp, table = self.plan, self.plan_table
        self.export_plan.setEnabled(table is not None)
        self.plan_model.set_table(table)
        if self.plan_error:
            self.plan_title.setText(self.tr("Course plan"))
            self.plan_summary.setText(f"<span style='color:{SHORT_COLOUR}'>{html.escape(self.plan_error)}</span>")
            return
        if pp is None or table is None:
            self.plan_title.setText(self.tr("Course plan"))
            self.plan_summary.setText("")
            return
        fit_columns(self.plan_view, widest=300, wrap="raises")
        self.plan_title.setText(message("plans.title.person", pp.lang, name=pp.name, role=pp.target_title))
        plan = pp.plan
        if not plan.steps and not plan.uncovered:
            text = self.tr("No gap to close: {0} already meets every requirement of {1}.").format(
                pp.name, pp.target_title)
            self.plan_summary.setText(html.escape(text))
            return
        parts = [html.escape(self.tr("{0} courses, {1} hours; finishes on {2} at {3} hours a week.").format(
            len(plan.steps), hours_text(plan.hours), fmt_date(pp.finish), f"{pp.hours_per_week:g}"))]
        colour = "#1b5e20" if plan.exact else "#8a4b00"
        parts.append(f"<b style='color:{colour}'>{html.escape(pp.method)}</b>")
        if plan.uncovered:
            gaps = "; ".join(f"{pp.competency_name.get(c, str(c))} ({_level(before)} → {req})"
                             for c, (before, req) in sorted(plan.uncovered.items(),
                                                            key=lambda kv: pp.competency_name.get(kv[0], "")))
            missing = self.tr("No course in the catalogue closes: {0}").format(gaps)
            parts.append(f"<span style='color:{SHORT_COLOUR}'>{html.escape(missing)}</span>")
        self.plan_summary.setText("<br>".join(parts))


def _level(value: float | None) -> str:
    return "?" if value is None or not math.isfinite(value) else f"{value:g}"


class RankingView(_View):
    """Everyone ranked by the hours of their cheapest route to the target (computed on a worker)."""

    def __init__(self, page: PathwaysPage) -> None:
        super().__init__(page)
        self.setObjectName("pathways_ranking")
        self.ranking: TargetRanking | None = None
        self.ranked: Loaded | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.title = _bold(QLabel(), 1.1)
        self.title.setObjectName("ranking_title")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.count = QLabel()
        self.count.setObjectName("ranking_count")
        head.addWidget(self.count, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(12)
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_ranking")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        head.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        bar = QHBoxLayout()
        self.find = QLineEdit()
        self.find.setObjectName("ranking_filter")
        self.find.setClearButtonEnabled(True)
        self.agency = QComboBox()
        self.agency.setObjectName("ranking_agency")
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency.setMinimumContentsLength(18)
        self.hire_only = QCheckBox()
        self.hire_only.setObjectName("ranking_hire_only")
        bar.addWidget(self.find, 2)
        bar.addWidget(self.agency, 1)
        bar.addWidget(self.hire_only)
        outer.addLayout(bar)
        self.model = RankingModel(self)
        self.view = _table_view("ranking_table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        hdr = self.view.horizontalHeader()
        hdr.setSectionsClickable(True)
        hdr.setSortIndicatorShown(True)
        hdr.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        hdr.sortIndicatorChanged.connect(self._sort)
        self.view.doubleClicked.connect(self._open)
        outer.addWidget(self.view, 1)
        self.hint = QLabel()
        self.hint.setObjectName("ranking_hint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.find.textChanged.connect(lambda _t: self._filter_timer.start())
        self.agency.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.hire_only.toggled.connect(lambda _on: self.apply_filter())
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the ranking shown (after the filters) as CSV or Excel"))
        self.find.setPlaceholderText(self.tr("Filter by employee number or name"))
        self.hire_only.setText(self.tr("Only “hire rather than reskill”"))
        self.hint.setText(self.tr("Double-click a person to see their route and course plan. Click a column "
                                  "heading to sort."))
        self.agency.setToolTip(self.tr("Agency"))
        if self.agency.count():
            self.agency.setItemText(0, self.tr("All agencies"))
        else:
            self.agency.addItem(self.tr("All agencies"), None)
        self._show_title()

    def fill_agencies(self, data: GapData) -> None:
        keep = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(self.tr("All agencies"), None)
        present = {int(a) for a in np.unique(data.agency_id).tolist() if a >= 0}
        for ch in L.agency_choices(data):
            if ch.id in present:
                self.agency.addItem(ch.label, ch.id)
        self.agency.setCurrentIndex(max(self.agency.findData(keep), 0))
        self.agency.blockSignals(False)

    def _refresh(self) -> None:
        loaded = self.page.loaded
        target = self.page.target_row()
        if loaded is None or target is None:
            self.ranking = None
            self.ranked = None
            self.model.set_ranking(None, None, [])
            self._show_title()
            return
        pd = loaded.pd
        self.page.start_progress(self.tr("Ranking everyone for {0}…").format(pd.role_name(target)), self.jobs)

        def done(ranking: TargetRanking) -> None:
            self.page.end_progress(self.jobs)
            self.ranking = ranking
            self.ranked = loaded
            self.model.set_ranking(pd, ranking, loaded.keys, self.people())
            self.view.horizontalHeader().blockSignals(True)
            self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            self.view.horizontalHeader().blockSignals(False)
            self._size_columns()
            self._show_title()

        self.jobs.start(lambda progress: pd.ranking(target, progress), done,
                        on_cancel=lambda: self.page.end_progress(self.jobs, cancelled=True),
                        on_progress=self.page.show_progress)

    def _size_columns(self) -> None:
        fit_columns(self.view, widest=280)

    def people(self) -> IntArray | None:
        """The people the filters keep (``None``: everyone)."""
        loaded = self.ranked or self.page.loaded
        if loaded is None:
            return None
        data = loaded.pd.data
        keep = np.ones(data.n_staff, dtype=bool)
        agency = self.agency.currentData()
        if agency is not None:
            keep &= data.agency_id == int(agency)
        if self.hire_only.isChecked() and self.ranking is not None:
            keep &= self.ranking.hard
        text = fold(self.find.text().strip())
        if text:
            words = text.split()
            keys = loaded.keys
            hits = np.fromiter((all(w in k for w in words) for k in keys), dtype=bool, count=len(keys))
            keep &= hits
        return None if keep.all() else np.flatnonzero(keep)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        if self.ranking is None:
            return
        self.model.restrict(self.people())
        self._show_title()

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)

    def _show_title(self) -> None:
        loaded, target = self.page.loaded, self.page.target_row()
        self.export_button.setEnabled(self.ranking is not None)
        if loaded is None:
            self.title.setText(self.page.waiting_text())
            self.count.setText("")
        elif target is None:
            self.title.setText(self.tr("Choose a target role above to rank everyone by the effort to reach it."))
            self.count.setText("")
        elif self.model.header is not None:
            self.title.setText(self.model.header.title)
            self.count.setText(self.tr("{0} of {1} people").format(f"{self.model.rowCount():,}",
                                                                   f"{len(self.model.rank_of):,}"))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid() and self.ranked is not None:
            p = self.model.person_at(index.row())
            self.page.open_route(int(self.ranked.pd.data.levels.staff_ids[p]))

    def export(self, path: str | Path | None = None) -> Any:
        """Write the people shown (in rank order, ranks in the whole selection) as CSV or Excel."""
        ranking, loaded = self.ranking, self.ranked
        if ranking is None or loaded is None:
            return None
        people = self.people()
        return self.page.export_table(None, "ranking", path=path,
                                      make=lambda: ranking_table(loaded.pd, ranking, people))


class TableView(_View):
    """A service table (core competencies or moves) with a filter, sorting and export."""

    def __init__(self, page: PathwaysPage, name: str, make: Callable[[P.PathwayData, int | None], GapTable]) -> None:
        super().__init__(page)
        self.setObjectName(f"pathways_{name}")
        self.name = name
        self.make = make
        self.table: GapTable | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.title = _bold(QLabel(), 1.1)
        self.title.setObjectName(f"{name}_title")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.export_button = QPushButton()
        self.export_button.setObjectName(f"export_{name}")
        self.export_button.clicked.connect(lambda _c=False: self.page.export_table(self.table, self.name))
        head.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        self.note = QLabel()
        self.note.setObjectName(f"{name}_note")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        bar = QHBoxLayout()
        self.find = QLineEdit()
        self.find.setObjectName(f"{name}_filter")
        self.find.setClearButtonEnabled(True)
        bar.addWidget(self.find, 1)
        self.option_label = QLabel()
        self.option = QComboBox()
        self.option.setObjectName(f"{name}_option")
        bar.addWidget(self.option_label)
        bar.addWidget(self.option)
        outer.addLayout(bar)
        self.model = GapTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(RAW_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = _table_view(f"{name}_table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(self._double_clicked)
        outer.addWidget(self.view, 1)
        self.find.textChanged.connect(self.proxy.setFilterFixedString)
        self.option.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.option_label.hide()
        self.option.hide()
        self.on_double_click: Callable[[list[Cell]], None] | None = None

    def _refresh(self) -> None:
        loaded = self.page.loaded
        if loaded is None:
            self.table = None
            self.model.set_table(None)
            self.title.setText(self.page.waiting_text())
            self.export_button.setEnabled(False)
            return
        pd, option = loaded.pd, self.option.currentData()

        def done(table: GapTable) -> None:
            self.table = table
            self.model.set_table(table)
            self.title.setText(table.title)
            self.export_button.setEnabled(True)
            fit_columns(self.view, widest=420)

        self.jobs.start(lambda _p: self.make(pd, option), done)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.table is not None and self.on_double_click is not None:
            row = self.proxy.mapToSource(index).row()
            self.on_double_click(self.table.rows[row])


class CoreView(TableView):
    def __init__(self, page: PathwaysPage) -> None:
        super().__init__(page, "core", lambda pd, raise_by: P.core_rows(pd, raise_by=raise_by))
        for value in (None, 1, 2):
            self.option.addItem("", value)
        self.option_label.show()
        self.option.show()
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.find.setPlaceholderText(self.tr("Filter competencies"))
        self.option_label.setText(self.tr("Count a competency as:"))
        for i, text in enumerate((self.tr("gap closed"), self.tr("raised by 1 level"),
                                  self.tr("raised by 2 levels"))):
            self.option.setItemText(i, text)
        self.note.setText(self.tr("How many moves between role profiles that are not viable now would become "
                                  "viable with each competency. Those marked hard to transfer are in red: moves "
                                  "they block are better filled by hiring."))


class MovesView(TableView):
    def __init__(self, page: PathwaysPage) -> None:
        super().__init__(page, "moves", lambda pd, _option: P.move_rows(pd))
        self.on_double_click = self._target
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.find.setPlaceholderText(self.tr("Filter by role"))
        self.note.setText(self.tr("Every viable move at the threshold set, cheapest first. Double-click a move to "
                                  "make its destination the target."))

    def _target(self, row: list[Cell]) -> None:
        self.page.set_target_code(str(row[1]))


# -- help ------------------------------------------------------------------------------------------------
class PathwaysHelpDialog(QDialog):
    """Help: how every role-transition measure is defined, with the values in use, in the app's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pathways_help")
        self.resize(780, 680)
        self.settings = P.PathwaySettings()
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("pathways_help_text")
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.retranslate()

    def set_settings(self, settings: P.PathwaySettings) -> None:
        self.settings = settings
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Role transitions: definitions"))
        s = self.settings
        intro = html.escape(self.tr("How SkillMap finds the moves between role profiles, a person's cheapest route "
                                    "to a target role and the hours it takes. The values in use are filled in."))
        items = "".join(f"<dt><b>{html.escape(term)}</b></dt><dd style='margin-bottom:8px'>{html.escape(text)}</dd>"
                        for _key, term, text in definitions(get_language(), threshold=s.threshold,
                                                            level_hours=s.level_hours, hard_factor=s.hard_factor,
                                                            in_post_share=s.in_post_share))
        self.browser.setHtml(f"<p>{intro}</p><dl>{items}</dl>")


# -- the page --------------------------------------------------------------------------------------------
class PathwaysPage(QWidget):
    """Settings, target role and person; the role graph, route and plan, ranking, core competencies and moves."""

    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pathways_page")
        watch_application_quit()
        self.engine: Engine | None = None
        self.loaded: Loaded | None = None
        self.settings = P.PathwaySettings()
        self.target_id: int | None = None  # role profile id (stable across reloads)
        self.staff_id: int | None = None
        self._stale = True
        self._filling = False
        self._hits: dict[str, int] = {}
        self._progress_jobs: Jobs | None = None
        self.help_dialog: PathwaysHelpDialog | None = None
        self.loader = Jobs(self, self.report_error)
        self.builder = Jobs(self, self.report_error)
        self.exporter = Jobs(self, self.report_error)
        self._panels: list[ChartPanel] = []

        outer = QVBoxLayout(self)
        # row 1: target and person
        row1 = QHBoxLayout()
        self.target_label = QLabel()
        self.target = QComboBox()
        self.target.setObjectName("pathways_target")
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(28)
        completer = self.target.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.target_label.setBuddy(self.target)
        row1.addWidget(self.target_label)
        row1.addWidget(self.target, 3)
        row1.addSpacing(12)
        self.person_label = QLabel()
        self.person_find = QLineEdit()
        self.person_find.setObjectName("pathways_person_find")
        self.person_find.setClearButtonEnabled(True)
        self.person_label.setBuddy(self.person_find)
        self.person_model = QStringListModel(self)
        self.person_completer = QCompleter(self.person_model, self)
        self.person_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.person_completer.setMaxVisibleItems(12)
        self.person_find.setCompleter(self.person_completer)
        row1.addWidget(self.person_label)
        row1.addWidget(self.person_find, 2)
        self.person_shown = QLabel()
        self.person_shown.setObjectName("pathways_person")
        self.person_shown.setWordWrap(True)
        row1.addWidget(self.person_shown, 3)
        self.clear_person = QToolButton()
        self.clear_person.setObjectName("pathways_clear_person")
        self.clear_person.setText("×")
        self.clear_person.clicked.connect(lambda _c=False: self.set_person(None))
        row1.addWidget(self.clear_person)
        self.help_button = QPushButton()
        self.help_button.setObjectName("pathways_help_button")
        self.help_button.clicked.connect(lambda _c=False: self.show_help())
        row1.addWidget(self.help_button)
        outer.addLayout(row1)

        # row 2: the assumptions; row 3 (collapsible): the advanced ones
        row2 = QHBoxLayout()
        self.threshold_label = QLabel()
        self.threshold = QSpinBox()
        self.threshold.setObjectName("pathways_threshold")
        self.threshold.setRange(0, 100)
        self.threshold.setSuffix(" %")
        self.share_label = QLabel()
        self.share = QSpinBox()
        self.share.setObjectName("pathways_in_post_share")
        self.share.setRange(1, 100)
        self.share.setSuffix(" %")
        self.threshold_label.setBuddy(self.threshold)
        self.share_label.setBuddy(self.share)
        row2.addWidget(self.threshold_label)
        row2.addWidget(self.threshold)
        row2.addSpacing(16)
        row2.addWidget(self.share_label)
        row2.addWidget(self.share)
        row2.addSpacing(16)
        self.more = QToolButton()
        self.more.setObjectName("pathways_more")
        self.more.setCheckable(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.toggled.connect(self._toggle_more)
        row2.addWidget(self.more)
        self.defaults = QPushButton()
        self.defaults.setObjectName("pathways_defaults")
        self.defaults.clicked.connect(lambda _c=False: self.set_settings(P.PathwaySettings()))
        row2.addWidget(self.defaults)
        row2.addStretch(1)
        self.graph_info = QLabel()
        self.graph_info.setObjectName("pathways_graph_info")
        row2.addWidget(self.graph_info)
        outer.addLayout(row2)
        self.advanced = QWidget()
        self.advanced.setObjectName("pathways_advanced")
        row3 = QHBoxLayout(self.advanced)
        row3.setContentsMargins(0, 0, 0, 0)
        self.level_hours_label = QLabel()
        self.level_hours = QDoubleSpinBox()
        self.level_hours.setObjectName("pathways_level_hours")
        self.level_hours.setRange(1.0, 1000.0)
        self.level_hours.setDecimals(0)
        self.level_hours.setSingleStep(5.0)
        self.level_hours.setSuffix(" h")
        self.hard_factor_label = QLabel()
        self.hard_factor = QDoubleSpinBox()
        self.hard_factor.setObjectName("pathways_hard_factor")
        self.hard_factor.setRange(1.0, 20.0)
        self.hard_factor.setDecimals(1)
        self.hard_factor.setSingleStep(0.5)
        self.hard_factor.setPrefix("× ")
        self.level_hours_label.setBuddy(self.level_hours)
        self.hard_factor_label.setBuddy(self.hard_factor)
        row3.addWidget(self.level_hours_label)
        row3.addWidget(self.level_hours)
        row3.addSpacing(16)
        row3.addWidget(self.hard_factor_label)
        row3.addWidget(self.hard_factor)
        row3.addStretch(1)
        self.advanced.hide()
        outer.addWidget(self.advanced)

        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("pathways_progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("pathways_cancel")
        self.cancel_button.clicked.connect(lambda _c=False: self._cancel_progress())
        for w in (self.progress, self.progress_label, self.cancel_button):
            w.hide()
            status.addWidget(w)
        self.message = QLabel()
        self.message.hide()
        self.message.setObjectName("pathways_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addWidget(self.message, 1)
        outer.addLayout(status)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("pathways_tabs")
        self.graph = GraphView(self)
        self.route = RouteView(self)
        self.ranking = RankingView(self)
        self.core = CoreView(self)
        self.moves = MovesView(self)
        for view in self.views:
            self.tabs.addTab(view, "")
        outer.addWidget(self.tabs, 1)

        self._settings_timer = QTimer(self)
        self._settings_timer.setSingleShot(True)
        self._settings_timer.setInterval(SETTINGS_DELAY_MS)
        self._settings_timer.timeout.connect(self.apply_settings)
        self._show_settings(self.settings)
        for spin in (self.threshold, self.share, self.level_hours, self.hard_factor):
            spin.valueChanged.connect(self._setting_changed)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.target.lineEdit().editingFinished.connect(self._target_typed)
        self.person_find.textEdited.connect(self._person_typed)
        self.person_completer.activated.connect(self._person_picked)
        self.person_find.returnPressed.connect(self._person_entered)
        self.retranslate()

    # -- structure
    @property
    def views(self) -> tuple[GraphView, RouteView, RankingView, CoreView, MovesView]:
        return (self.graph, self.route, self.ranking, self.core, self.moves)

    @property
    def busy(self) -> bool:
        """Some background work of the page is running (or a setting change is about to start some)."""
        return (self.loader.busy or self.builder.busy or self.exporter.busy or self._settings_timer.isActive()
                or any(v.busy for v in self.views))

    def watch_panel(self, panel: ChartPanel) -> None:
        self._panels.append(panel)
        panel.saved.connect(lambda path: self.say(self.tr("Saved the chart to {0}").format(path)))
        panel.failed.connect(lambda text: self.say(text, error=True))

    def invalidate_views(self) -> None:
        for view in self.views:
            view.invalidate()

    # -- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for view in self.views:
                view.retranslate()
            self._relabel()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.target_label.setText(self.tr("Target role:"))
        self.target.lineEdit().setPlaceholderText(self.tr("Type to search the role profiles"))
        self.target.setToolTip(self.tr("The role to reach: type part of its title or family to search"))
        self.person_label.setText(self.tr("Person:"))
        self.person_find.setPlaceholderText(self.tr("Employee no. or name"))
        self.clear_person.setToolTip(self.tr("No person: show only the roles"))
        self.help_button.setText(self.tr("Help ?"))
        self.help_button.setToolTip(self.tr("How the moves, routes and hours are defined"))
        self.threshold_label.setText(self.tr("Viable from readiness:"))
        self.share_label.setText(self.tr("Hours counted when learning in post:"))
        self.level_hours_label.setText(self.tr("Hours per level beyond the catalogue:"))
        self.hard_factor_label.setText(self.tr("Hard-to-transfer factor:"))
        self.more.setText(self.tr("More assumptions"))
        self.defaults.setText(self.tr("Defaults"))
        self.defaults.setToolTip(self.tr("Restore the default assumptions"))
        self.cancel_button.setText(self.tr("Cancel"))
        lang = get_language()
        tips = {key: text for key, _term, text in definitions(lang, threshold=self.settings.threshold,
                                                               level_hours=self.settings.level_hours,
                                                               hard_factor=self.settings.hard_factor,
                                                               in_post_share=self.settings.in_post_share)}
        self.threshold.setToolTip(tips["viable"])
        self.share.setToolTip(tips["in_post"])
        self.level_hours.setToolTip(tips["estimate"])
        self.hard_factor.setToolTip(tips["hard"])
        for i, text in enumerate((self.tr("Role graph"), self.tr("Route and plan"), self.tr("Ranking"),
                                  self.tr("Core competencies"), self.tr("Moves"))):
            self.tabs.setTabText(i, text)
        self._show_person()
        self._show_graph_info()

    def _relabel(self) -> None:
        """The language changed: the same data with titles and names in the new language."""
        self.rebuild()

    def rebuild(self) -> Any:
        """Bring the loaded data to the settings and the language in use, on a worker (the data is not read
        again: a setting rebuilds the graph, a language re-labels it). ``None`` when nothing is to be done."""
        loaded, engine, settings, lang = self.loaded, self.engine, self.settings, get_language()
        if loaded is None or engine is None or (loaded.lang == lang and loaded.pd.settings == settings.checked()):
            return None

        def work(_progress: Progress) -> Loaded:
            if loaded.lang != lang:
                return relabel(engine, loaded, settings, lang)
            pd = loaded.pd.with_settings(settings)
            return replace(loaded, pd=pd, graph=labelled_graph(pd))

        return self.builder.start(work, self._adopt)

    # -- data
    def set_engine(self, engine: Engine | None) -> None:
        """Show ``engine``'s pathways: loaded in the background now if the page is visible, else when shown.
        Another database forgets the target and the person (the same one, reopened, keeps them)."""
        if engine is None or self.engine is None or engine.url != self.engine.url:
            self.target_id = None
            self.staff_id = None
        self.engine = engine
        self.cancel_all()
        self.end_progress(None)
        self.loaded = None
        self._stale = True
        self._fill_targets()
        self._show_person()
        self._show_graph_info()
        self.invalidate_views()
        if engine is not None and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.engine is not None and not self.loader.busy:
            self.reload()

    def reload(self) -> Any:
        """Load the data again in the background (after an import or an undo). Until the page has been shown
        once this only marks the data as out of date."""
        engine = self.engine
        if engine is None:
            return None
        if self.loaded is None and not self.isVisible() and not self.loader.busy:
            self._stale = True
            return None
        self._stale = False
        settings, lang = self.settings, get_language()
        self.builder.cancel()
        self.start_progress(self.tr("Loading the role transitions…"), self.loader)
        return self.loader.start(lambda progress: load_pathways(engine, settings, lang, progress), self._loaded,
                                 on_cancel=self._load_cancelled, on_progress=self.show_progress)

    def use_source(self, source: L.GapSource) -> Any:
        """Show the organisation ``source`` already loaded (the *Skills gaps* page's :attr:`~skillmap.ui.
        gap_views.GapsPage.source`, from the same engine) instead of reading it again: only the catalogue is read
        and the graph built, on a worker."""
        engine = self.engine
        if engine is None:
            return None
        self._stale = False
        settings, lang = self.settings, get_language()
        self.builder.cancel()
        self.start_progress(self.tr("Loading the role transitions…"), self.loader)
        return self.loader.start(lambda progress: load_pathways(engine, settings, lang, progress, source),
                                 self._loaded, on_cancel=self._load_cancelled, on_progress=self.show_progress)

    def _load_cancelled(self) -> None:
        self.end_progress(self.loader)
        self._stale = True
        self.say(self.tr("Loading cancelled."))

    def _loaded(self, loaded: Loaded) -> None:
        self.end_progress(self.loader)
        self.say("")
        self.ranking.fill_agencies(loaded.pd.data)
        if self._settings_timer.isActive():
            self.settings = self.current_settings()
            self._settings_timer.stop()
        self.loaded = loaded
        if self.rebuild() is None:  # the settings or the language changed while loading: adopted once rebuilt
            self._adopt(loaded)

    def _adopt(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._fill_targets()
        self._show_person()
        self._show_graph_info()
        self.invalidate_views()
        self.data_changed.emit()

    def waiting_text(self) -> str:
        if self.engine is None:
            return self.tr("No database open")
        return self.tr("Loading the role transitions…")

    # -- settings
    def _show_settings(self, s: P.PathwaySettings) -> None:
        self._filling = True
        try:
            self.threshold.setValue(round(100 * s.threshold))
            self.share.setValue(round(100 * s.in_post_share))
            self.level_hours.setValue(s.level_hours)
            self.hard_factor.setValue(s.hard_factor)
        finally:
            self._filling = False

    def current_settings(self) -> P.PathwaySettings:
        return P.PathwaySettings(self.threshold.value() / 100.0, self.share.value() / 100.0,
                                 float(self.level_hours.value()), float(self.hard_factor.value()))

    def set_settings(self, settings: P.PathwaySettings) -> None:
        """Show ``settings`` in the spin boxes and rebuild the graph with them."""
        self._show_settings(settings)
        self._setting_changed()

    def _setting_changed(self, *_args: object) -> None:
        if not self._filling:
            self._settings_timer.start()

    def _toggle_more(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.more.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def apply_settings(self) -> Any:
        """Rebuild the graph for the settings shown (on a worker; the data is not read again)."""
        self._settings_timer.stop()
        settings = self.current_settings()
        self.settings = settings
        if self.help_dialog is not None:
            self.help_dialog.set_settings(settings)
        self.retranslate()  # tooltips quote the values in use
        return self.rebuild()

    def _show_graph_info(self) -> None:
        loaded = self.loaded
        if loaded is None:
            self.graph_info.setText("")
            return
        g = loaded.pd.graph
        self.graph_info.setText(self.tr("{0} role profiles · {1} viable moves").format(g.n_roles, g.n_edges))

    # -- target
    def _fill_targets(self) -> None:
        loaded = self.loaded
        self._filling = True
        try:
            self.target.clear()
            self.target.addItem("", None)
            if loaded is not None:
                pd = loaded.pd
                for r, (rid, code) in enumerate(zip(pd.data.requirements.role_ids.tolist(),
                                                    pd.data.requirements.role_labels, strict=True)):
                    self.target.addItem(f"{pd.role_name(r)} — {loaded.families[r]}", int(rid))
                    self.target.setItemData(self.target.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
            idx = self.target.findData(self.target_id) if self.target_id is not None else 0
            self.target.setCurrentIndex(max(idx, 0))
            if idx <= 0:
                self.target.setEditText("")
            self.target.lineEdit().setCursorPosition(0)
        finally:
            self._filling = False

    def _target_changed(self, _index: int) -> None:
        if self._filling:
            return
        self.target.lineEdit().setCursorPosition(0)  # the start of a long title in view
        rid = self.target.currentData()
        rid = int(rid) if rid is not None else None
        if rid != self.target_id:
            self.target_id = rid
            self.invalidate_views()

    def _target_typed(self) -> None:
        """Typed text that names no role (the search left half-way): show the current target again."""
        edit = self.target.lineEdit()
        index = self.target.findText(edit.text(), Qt.MatchFlag.MatchFixedString)
        if index >= 0 and index != self.target.currentIndex():
            self.target.setCurrentIndex(index)
        elif index < 0:
            self.target.setEditText(self.target.itemText(self.target.currentIndex()))
            edit.setCursorPosition(0)

    def target_row(self) -> int | None:
        """The target's row in the requirement matrix (``None``: no target, or not in the data)."""
        if self.loaded is None or self.target_id is None:
            return None
        hits = np.flatnonzero(self.loaded.pd.data.requirements.role_ids == self.target_id)
        return int(hits[0]) if len(hits) else None

    def set_target_row(self, row: int | None) -> None:
        """Make the role profile at ``row`` (of the requirement matrix) the target (``None``: no target)."""
        if row is None or self.loaded is None:
            self.target.setCurrentIndex(0)
            return
        rid = int(self.loaded.pd.data.requirements.role_ids[int(row)])
        self.target.setCurrentIndex(max(self.target.findData(rid), 0))

    def set_target_code(self, code: str) -> None:
        """Make the role profile with this code (or title) the target."""
        if self.loaded is None:
            return
        try:
            self.set_target_row(self.loaded.pd.role(code))
        except InputError as exc:
            self.say(exc.text(), error=True)

    # -- person
    def person_row(self) -> int | None:
        """The person's row in the level matrix (``None``: nobody chosen, or not in the data)."""
        if self.loaded is None or self.staff_id is None:
            return None
        hits = np.flatnonzero(self.loaded.pd.data.levels.staff_ids == self.staff_id)
        return int(hits[0]) if len(hits) else None

    def set_person(self, staff_id: int | None) -> None:
        """Show the route and plan of the person with ``staff_id`` (``None``: nobody)."""
        self.staff_id = int(staff_id) if staff_id is not None else None
        self._show_person()
        for view in (self.graph, self.route):
            view.invalidate()

    def show_person(self, staff_id: int) -> None:
        """Open the *Route and plan* tab on ``staff_id`` (from the staff browser)."""
        self.open_route(staff_id)

    def open_route(self, staff_id: int) -> None:
        self.set_person(staff_id)
        self.tabs.setCurrentWidget(self.route)

    def _show_person(self) -> None:
        loaded, p = self.loaded, self.person_row()
        self.clear_person.setEnabled(self.staff_id is not None)
        if self.staff_id is None:
            self.person_shown.setText(self.tr("No person chosen"))
            return
        if loaded is None:
            self.person_shown.setText("")
            return
        if p is None:
            self.person_shown.setText(self.tr("This person is not in the data (inactive, or removed)."))
            return
        data = loaded.pd.data
        own = int(data.role_index[p])
        role = loaded.pd.role_name(own) if own >= 0 else self.tr("no role profile")
        self.person_shown.setText(self.tr("<b>{0}</b> · {1} · now: {2}").format(
            html.escape(data.staff_name[p]), html.escape(data.levels.staff_labels[p]), html.escape(role)))

    def search_people(self, text: str) -> list[int]:
        """People whose employee number or name contains every word of ``text`` (accents and case ignored);
        an exact employee number first. At most :data:`SEARCH_HITS`."""
        loaded = self.loaded
        words = fold(text.strip()).split()
        if loaded is None or not words:
            return []
        labels = loaded.pd.data.levels.staff_labels
        exact = [i for i, n in enumerate(labels) if n == text.strip()]
        hits = exact[:]
        for i, key in enumerate(loaded.keys):
            if len(hits) >= SEARCH_HITS:
                break
            if i not in exact and all(w in key for w in words):
                hits.append(i)
        return hits

    def _person_typed(self, text: str) -> None:
        loaded = self.loaded
        if loaded is None or len(text.strip()) < 2:
            self.person_model.setStringList([])
            self._hits = {}
            return
        data = loaded.pd.data
        self._hits = {}
        for p in self.search_people(text):
            self._hits[f"{data.staff_name[p]} · {data.levels.staff_labels[p]} · {data.position[p]}"] = p
        self.person_model.setStringList(list(self._hits))
        self.person_completer.setCompletionPrefix("")
        if self._hits:
            self.person_completer.complete()

    def _person_picked(self, text: str) -> None:
        p = self._hits.get(text)
        if p is not None and self.loaded is not None:
            self.set_person(int(self.loaded.pd.data.levels.staff_ids[p]))
            QTimer.singleShot(0, self.person_find.clear)

    def _person_entered(self) -> None:
        text = self.person_find.text()
        if text in self._hits:
            self._person_picked(text)
            return
        hits = self.search_people(text)
        if hits and self.loaded is not None:
            self.set_person(int(self.loaded.pd.data.levels.staff_ids[hits[0]]))
            self.person_find.clear()
        elif text.strip():
            self.say(self.tr("Nobody active matches “{0}”").format(text.strip()), error=True)

    def route_summary(self, pd: P.PathwayData, person: int, route: Route) -> str:
        """One sentence: how many steps, how, the hours, against reskilling in place and readiness now."""
        steps = len(route.steps)
        if route.in_post:
            how = (self.tr("a direct move, learning in post") if steps == 1 else
                   self.tr("{0} moves through {1}, learning in post after each").format(
                       steps, ", ".join(pd.role_name(r) for r in route.stepping_stones)))
        else:
            how = self.tr("reskilling in place, then moving")
        return self.tr("{0} h by {1}. Reskilling in place: {2} h. Readiness for the target now: {3}.").format(
            hours_text(route.total_hours), how, hours_text(route.direct_hours),
            f"{100.0 * route.direct_readiness:.0f} %" if math.isfinite(route.direct_readiness) else "—")

    # -- progress, messages, export
    def start_progress(self, text: str, jobs: Jobs) -> None:
        self._progress_jobs = jobs
        self.progress.setRange(0, 0)
        self.progress_label.setText(text)
        for w in (self.progress, self.progress_label, self.cancel_button):
            w.show()

    def show_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            self.progress_label.setText(message)

    def end_progress(self, jobs: Jobs | None, *, cancelled: bool = False) -> None:
        if jobs is not None and jobs is not self._progress_jobs:
            return
        self._progress_jobs = None
        for w in (self.progress, self.progress_label, self.cancel_button):
            w.hide()
        if cancelled:
            self.say(self.tr("Calculation cancelled."))

    def _cancel_progress(self) -> None:
        jobs = self._progress_jobs
        if jobs is not None and jobs.task is not None:
            jobs.task.cancel()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {SHORT_COLOUR};" if error else "")
        self.message.setText(text)
        self.message.setToolTip("")
        self.message.setVisible(bool(text))

    def report_error(self, exc: BaseException, tb: str) -> None:
        self.end_progress(None)
        text = exc.text() if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        self.say(text, error=True)
        self.message.setToolTip(tb if not isinstance(exc, InputError) else "")

    def export_table(self, table: GapTable | None, name: str, *, path: str | Path | None = None,
                     make: Callable[[], GapTable] | None = None) -> Any:
        """Write ``table`` (or the one ``make`` builds, on the worker) as CSV or Excel to ``path`` (asked for
        when ``None``)."""
        if table is None and make is None:
            return None
        if path is None:
            csv_filter, xlsx_filter = self.tr("CSV file (*.csv)"), self.tr("Excel workbook (*.xlsx)")
            chosen, selected = QFileDialog.getSaveFileName(self, self.tr("Export table"),
                                                           str(Path.home() / f"{name}.xlsx"),
                                                           ";;".join((xlsx_filter, csv_filter)))
            if not chosen:
                return None
            target = Path(chosen)
            if target.suffix.lower() not in (".csv", ".xlsx"):
                target = target.with_suffix(".csv" if selected == csv_filter else ".xlsx")
        else:
            target = Path(path)
        source = table

        def work(_progress: Progress) -> Path:
            return write_gaps(source if source is not None else make(), target)  # type: ignore[misc]

        return self.exporter.start(work, lambda out: self.say(self.tr("Saved the table to {0}").format(out)))

    # -- actions
    def show_help(self) -> PathwaysHelpDialog:
        if self.help_dialog is None:
            self.help_dialog = PathwaysHelpDialog(self.window())
        self.help_dialog.set_settings(self.settings)
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def cancel_all(self) -> None:
        self._settings_timer.stop()
        for jobs in (self.loader, self.builder, self.exporter):
            jobs.cancel()
        for view in self.views:
            view.jobs.cancel()
        self.route.plan_jobs.cancel()
