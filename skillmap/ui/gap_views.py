"""The *Skills gaps* page: dashboard, heatmap with drill-down, team view, person view, and the measure definitions.

The page loads the whole organisation's gap data once, in the background (:func:`skillmap.ui.gap_logic.
load_source`, a :class:`~skillmap.ui.tasks.Task` with its progress in the page and a Cancel; in a child process when
the database is large), and again after an import or an undo (:meth:`GapsPage.reload`). Filters (agency, unit,
role family, framework, as-of date) narrow it in memory, also on a worker. Each view derives its numbers and builds
and draws its charts on a worker too (:mod:`skillmap.ui.gap_canvas`), only when it is shown, so the window never
waits for a computation or a chart.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language
from skillmap.problems import InputError
from skillmap.services.gaps import GapData, GapFilters, measure_definitions
from skillmap.tasks import Progress
from skillmap.ui import gap_logic as L
from skillmap.ui.gap_canvas import (
    BackgroundTask,
    ChartCanvas,
    ChartPanel,
    Rendered,
    render,
    watch_application_quit,
)
from skillmap.ui.lazy import LazyView
from skillmap.ui.tasks import Task

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHORT_COLOUR = "#b3261e"


def fmt_pct(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{100.0 * value:.1f}%"


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def fmt_level(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:g}"


class Jobs(QObject):
    """The background work of one view: each job a :class:`Task`; the newest wins and the results of jobs it
    superseded are dropped (they are asked to cancel)."""

    def __init__(self, owner: QObject, on_error: Callable[[BaseException, str], None]) -> None:
        super().__init__(owner)
        self._gen = 0
        self._on_error = on_error
        self.task: Task | None = None
        self._tasks: set[Task] = set()

    def start(self, fn: Callable[[Progress], Any], on_result: Callable[[Any], None],
              on_cancel: Callable[[], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> Task:
        self._gen += 1
        gen = self._gen
        if self.task is not None and self.task.running:
            self.task.cancel()

        def deliver(result: Any) -> None:
            if gen == self._gen:
                on_result(result)

        def failed(exc: BaseException, tb: str) -> None:
            if gen == self._gen:
                self._on_error(exc, tb)

        def cancelled() -> None:
            if gen == self._gen and on_cancel is not None:
                on_cancel()

        task = BackgroundTask(fn, on_result=deliver, on_error=failed, on_cancel=cancelled, title="",
                              show_after_ms=None)
        if on_progress is not None:
            task.progressed.connect(lambda done, total, message: gen == self._gen and on_progress(done, total,
                                                                                                 message))
        self._tasks.add(task)
        task.done.connect(lambda t=task: self._tasks.discard(t))
        self.task = task
        return task.start()

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def cancel(self) -> None:
        self._gen += 1
        if self.task is not None and self.task.running:
            self.task.cancel()


class _View(LazyView):
    """A tab of the gaps page: recomputed when its data changes, but only while (or once) it is shown."""

    def __init__(self, page: GapsPage) -> None:
        super().__init__()
        self.page = page
        self.jobs = Jobs(self, page.report_error)

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.invalidate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (each tab overrides this)."""


def _table(name: str, columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    return t


def _item(text: str, *, align_center: bool = False, data: Any = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    if align_center:
        it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if data is not None:
        it.setData(ID_ROLE, data)
    return it


def grid_cell(canvas: ChartCanvas, event: Any) -> tuple[int, int] | None:
    """The ``(row, col)`` of a grid chart under a matplotlib mouse event."""
    from skillmap.charts import cell_at

    return cell_at(canvas.figure, event.x, event.y)


def _tooltip_at(canvas: ChartCanvas, event: Any, text: str) -> None:
    gui = getattr(event, "guiEvent", None)
    if gui is not None and hasattr(gui, "globalPosition"):
        pos = gui.globalPosition().toPoint()
    else:
        ratio = canvas.device_pixel_ratio or 1.0
        pos = canvas.mapToGlobal(QPoint(int(event.x / ratio), int(canvas.height() - event.y / ratio)))
    QToolTip.showText(pos, text, canvas)


# -- dashboard -------------------------------------------------------------------------------------------
class DashboardView(_View):
    """Headcount, assessed share, average readiness and the data's date; the widest gaps, the agencies (or
    units) furthest behind, and the spread of readiness."""

    def __init__(self, page: GapsPage) -> None:
        super().__init__(page)
        self.setObjectName("gap_dashboard")
        self.numbers: L.Dashboard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        lay = QVBoxLayout(content)
        cards = QHBoxLayout()
        self.kpi: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        for key in ("headcount", "assessed", "readiness", "date"):
            box = QFrame()
            box.setObjectName(f"kpi_{key}_box")
            box.setFrameShape(QFrame.Shape.StyledPanel)
            bl = QVBoxLayout(box)
            caption, value, sub = QLabel(), QLabel(), QLabel()
            value.setObjectName(f"kpi_{key}")
            sub.setObjectName(f"kpi_{key}_note")
            caption.setWordWrap(True)
            sub.setWordWrap(True)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.9)
            font.setBold(True)
            value.setFont(font)
            bl.addWidget(caption)
            bl.addWidget(value)
            bl.addWidget(sub)
            cards.addWidget(box, 1)
            self.kpi[key] = (caption, value, sub)
        lay.addLayout(cards)
        self.note = QLabel()
        self.note.setObjectName("dashboard_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(lambda _link: self.page.show_measures())
        lay.addWidget(self.note)
        grid = QGridLayout()
        self.top_gaps = ChartPanel("top_gaps", scroll=False)
        self.behind = ChartPanel("behind", scroll=False)
        self.histogram = ChartPanel("readiness", scroll=False)
        top_left = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        grid.addWidget(self.top_gaps, 0, 0, top_left)
        grid.addWidget(self.behind, 0, 1, top_left)
        grid.addWidget(self.histogram, 1, 0, top_left)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        lay.addStretch(1)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll)
        for panel in self.panels:
            page.watch_panel(panel)
        self.retranslate()

    @property
    def panels(self) -> tuple[ChartPanel, ChartPanel, ChartPanel]:
        """In the order :meth:`_refresh` renders them."""
        return (self.top_gaps, self.behind, self.histogram)

    def retranslate(self) -> None:
        captions = {"headcount": self.tr("Staff in the selection"),
                    "assessed": self.tr("Required levels assessed"),
                    "readiness": self.tr("Average readiness for their own position"),
                    "date": self.tr("Data as of")}
        for key, (caption, _value, _sub) in self.kpi.items():
            caption.setText(captions[key])
        self.note.setText(self.tr("Readiness counts only the assessed requirements; an unknown level is never "
                                  "taken as zero. <a href=\"measures\">How each measure is defined</a>"))
        for panel in self.panels:
            panel.retranslate()
        self._show_numbers()

    def _refresh(self) -> None:
        data, source = self.page.data, self.page.source
        if data is None or source is None:
            for panel in self.panels:
                panel.set_message(self.tr("Loading the gap data…"))
            return
        lang = get_language()
        names = source.names
        width = max((self.scroll.viewport().width() - 30) // 2 - 8, 420)
        behind_title = (self.tr("Units furthest behind") if data.scope.agency_id is not None
                        else self.tr("Agencies furthest behind"))

        def work(progress: Progress) -> tuple[L.Dashboard, list[Rendered]]:
            from skillmap.charts import agencies_behind_chart, readiness_histogram, top_gaps_chart

            d = L.dashboard(data)
            progress.check()
            labels = L.competency_labels(data, names, range(data.levels.shape[1]), lang)
            short = np.where(d.short > 0, d.short, np.nan)
            charts = [
                render(lambda: top_gaps_chart(labels, short, measure="count", top=L.TOP_GAPS, lang=lang),
                       fit_width=width),
                render(lambda: agencies_behind_chart(d.behind_labels, d.behind_readiness, count=L.BEHIND_COUNT,
                                                     overall=d.mean_readiness, title=behind_title, lang=lang),
                       fit_width=width),
                render(lambda: readiness_histogram(d.readiness, lang=lang), fit_width=width),
            ]
            return d, charts

        def done(result: tuple[L.Dashboard, list[Rendered]]) -> None:
            self.numbers, charts = result
            for panel, rendered in zip(self.panels, charts, strict=True):
                panel.set_rendered(rendered)
            self._show_numbers()

        self.jobs.start(work, done)

    def _show_numbers(self) -> None:
        d = self.numbers
        if d is None:
            for _caption, value, sub in self.kpi.values():
                value.setText("…")
                sub.setText("")
            return
        self.kpi["headcount"][1].setText(f"{d.headcount:,}")
        self.kpi["headcount"][2].setText(self.tr("{0} with a role profile").format(f"{d.with_role:,}"))
        self.kpi["assessed"][1].setText(fmt_pct(d.assessed_share))
        self.kpi["assessed"][2].setText(self.tr("{0} of {1} required levels; {2} people with at least one")
                                        .format(f"{d.assessed:,}", f"{d.requirements:,}", f"{d.people_assessed:,}"))
        self.kpi["readiness"][1].setText(fmt_pct(d.mean_readiness))
        self.kpi["readiness"][2].setText(self.tr("Share of the required proficiency they already have"))
        if d.as_of is not None:
            self.kpi["date"][1].setText(fmt_date(d.as_of))
            self.kpi["date"][2].setText(self.tr("As-of date; latest assessment used: {0}").format(fmt_date(d.latest)))
        else:
            self.kpi["date"][1].setText(fmt_date(d.latest))
            self.kpi["date"][2].setText(self.tr("Date of the latest assessment"))


# -- heatmap ---------------------------------------------------------------------------------------------
class HeatmapView(_View):
    """Groups × competencies coloured by the share meeting the requirement or the mean gap; a click on a cell
    lists the people behind it, a double-click on a person opens their gaps."""

    def __init__(self, page: GapsPage) -> None:
        super().__init__(page)
        self.setObjectName("gap_heatmap")
        self.hm: L.Heatmap | None = None
        self.hm_data: GapData | None = None
        self.row_labels: list[str] = []
        self.col_labels: list[str] = []
        self.drilled: tuple[int, int] | None = None
        self.drill_people: list[int] = []  # staff ids listed
        self._tip: tuple[int, int] | None = None
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.group_label, self.measure_label = QLabel(), QLabel()
        self.group_by = QComboBox()
        self.group_by.setObjectName("heatmap_group_by")
        self.measure = QComboBox()
        self.measure.setObjectName("heatmap_measure")
        for key in L.GROUPINGS:
            self.group_by.addItem("", key)
        for key in ("share", "gap"):
            self.measure.addItem("", key)
        self.hint = QLabel()
        self.hint.setObjectName("heatmap_hint")
        self.hint.setWordWrap(True)
        bar.addWidget(self.group_label)
        bar.addWidget(self.group_by)
        bar.addSpacing(12)
        bar.addWidget(self.measure_label)
        bar.addWidget(self.measure)
        bar.addSpacing(12)
        bar.addWidget(self.hint, 1)
        outer.addLayout(bar)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.panel = ChartPanel("heatmap")
        page.watch_panel(self.panel)
        self.split.addWidget(self.panel)
        drill = QWidget()
        dl = QVBoxLayout(drill)
        dl.setContentsMargins(0, 0, 0, 0)
        self.drill_title = QLabel()
        self.drill_title.setObjectName("drill_title")
        self.drill_title.setWordWrap(True)
        bold = self.drill_title.font()
        bold.setBold(True)
        self.drill_title.setFont(bold)
        dl.addWidget(self.drill_title)
        self.drill_table = _table("drill_table", 7)
        hdr = self.drill_table.horizontalHeader()
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.drill_table.cellDoubleClicked.connect(self._open_person)
        dl.addWidget(self.drill_table, 1)
        self.split.addWidget(drill)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        outer.addWidget(self.split, 1)
        self.group_by.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.measure.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.retranslate()

    def retranslate(self) -> None:
        self.group_label.setText(self.tr("Rows:"))
        self.measure_label.setText(self.tr("Colour:"))
        for i, text in enumerate((self.tr("Agencies"), self.tr("Units"), self.tr("Role families"))):
            self.group_by.setItemText(i, text)
        self.measure.setItemText(0, self.tr("Share meeting the requirement"))
        self.measure.setItemText(1, self.tr("Mean gap (levels)"))
        self.hint.setText(self.tr("Point at a cell for its numbers; click it to list the people short there."))
        self.drill_table.setHorizontalHeaderLabels([
            self.tr("Employee no."), self.tr("Name"), self.tr("Unit"), self.tr("Role profile"), self.tr("Current"),
            self.tr("Required"), self.tr("Gap")])
        self.panel.retranslate()
        self._show_drill()

    def _row_title(self, group_by: str) -> str:
        return {"agency": self.tr("Agency"), "unit": self.tr("Unit"),
                "role_family": self.tr("Role family")}[group_by]

    def _refresh(self) -> None:
        data, source = self.page.data, self.page.source
        if data is None or source is None:
            self.panel.set_message(self.tr("Loading the gap data…"))
            return
        lang = get_language()
        names = source.names
        group_by = str(self.group_by.currentData())
        measure = str(self.measure.currentData())
        title = {"agency": self.tr("Skills gap by agency and competency"),
                 "unit": self.tr("Skills gap by unit and competency"),
                 "role_family": self.tr("Skills gap by role family and competency")}[group_by]
        row_title, col_title = self._row_title(group_by), self.tr("Competency")

        def work(_progress: Progress) -> tuple[L.Heatmap, list[str], list[str], Rendered | None]:
            from skillmap.charts import gap_heatmap

            hm = L.heatmap(data, group_by)
            rows = [L.group_label(data, group_by, k, lang) for k in hm.group_ids]
            cols = L.competency_labels(data, names, hm.competencies.tolist(), lang)
            values = hm.values(measure)
            rendered = render(lambda: gap_heatmap(values, rows, cols, measure=measure,  # type: ignore[arg-type]
                                                  title=title, row_title=row_title, col_title=col_title,
                                                  lang=lang))
            return hm, rows, cols, rendered

        def done(result: tuple[L.Heatmap, list[str], list[str], Rendered]) -> None:
            self.hm, self.row_labels, self.col_labels, rendered = result
            self.hm_data = data
            canvas = self.panel.set_rendered(rendered)
            canvas.mpl_connect("motion_notify_event", self._hover)
            canvas.mpl_connect("button_press_event", self._clicked)
            canvas.mpl_connect("figure_leave_event", lambda _e: QToolTip.hideText())
            self._tip = None
            total = sum(self.split.sizes())
            if total > 0:  # the chart gets its natural height, up to 70% of the room; the people list the rest
                chart = min(canvas.height() + self.panel.save_button.sizeHint().height() + 30, int(total * 0.7))
                self.split.setSizes([chart, total - chart])
            if self.hm.left_out:
                shown = len(self.hm.group_ids)
                self.panel.caption.setText(self.tr("Showing the {0} largest units; {1} more are left out. Choose an "
                                                   "agency to see all of its units.")
                                           .format(shown, self.hm.left_out))
            else:
                self.panel.caption.setText("")
            self.drilled = None
            self.drill_people = []
            self._show_drill()

        self.jobs.start(work, done)

    # -- mouse
    def cell_text(self, row: int, col: int) -> str:
        hm = self.hm
        assert hm is not None
        lines = [self.row_labels[row], self.col_labels[col]]
        assessed, required = int(hm.assessed[row, col]), int(hm.required[row, col])
        if required == 0:
            lines.append(self.tr("Nobody here needs this competency for their role"))
        elif assessed == 0:
            lines.append(self.tr("Required of {0} people; none assessed").format(required))
        else:
            lines.append(self.tr("Meeting the requirement: {0} ({1} of {2} assessed)")
                         .format(fmt_pct(hm.share[row, col]), int(hm.meeting[row, col]), assessed))
            lines.append(self.tr("Mean gap: {0} levels").format(f"{hm.mean_gap[row, col]:.2f}"))
            lines.append(self.tr("Short: {0} people (click to list them)").format(int(hm.short[row, col])))
            if assessed < required:
                lines.append(self.tr("Not assessed: {0} of {1}").format(required - assessed, required))
        return "\n".join(lines)

    def _hover(self, event: Any) -> None:
        canvas = self.panel.canvas
        if canvas is None or self.hm is None:
            return
        cell = grid_cell(canvas, event)
        if cell is None:
            if self._tip is not None:
                QToolTip.hideText()
            self._tip = None
            return
        if cell != self._tip:
            self._tip = cell
            _tooltip_at(canvas, event, self.cell_text(*cell))

    def _clicked(self, event: Any) -> None:
        canvas = self.panel.canvas
        if canvas is None or self.hm is None or getattr(event.button, "value", event.button) != 1:
            return
        cell = grid_cell(canvas, event)
        if cell is not None:
            self.drill(*cell)

    def drill(self, row: int, col: int) -> list[int]:
        """List the people of row ``row`` short in column ``col``; returns their staff ids."""
        if self.hm is None or self.hm_data is None:
            return []
        data = self.hm_data
        people = L.short_people(data, self.hm, row, col)
        self.drilled = (row, col)
        self._mark_cell(row, col)
        self.drill_people = [int(data.levels.staff_ids[p]) for p in people]
        c = int(self.hm.competencies[col])
        own = data.own
        lang = get_language()
        names = self.page.source.names if self.page.source is not None else None
        t = self.drill_table
        t.setSortingEnabled(False)
        t.setRowCount(len(people))
        red = QBrush(QColor(SHORT_COLOUR))
        for r, p in enumerate(people.tolist()):
            j = int(data.role_index[p])
            role = (names.role_title(int(data.requirements.role_ids[j]), lang) if names and j >= 0
                    else (data.role_title[j] if j >= 0 else ""))
            gap = own.gap[p, c]
            cells = [_item(data.levels.staff_labels[p], data=int(data.levels.staff_ids[p])), _item(data.staff_name[p]),
                     _item(data.unit_label(p)), _item(role), _item(fmt_level(own.current[p, c]), align_center=True),
                     _item(fmt_level(own.required[p, c]), align_center=True),
                     _item(fmt_level(gap), align_center=True)]
            cells[6].setForeground(red)
            for col_i, it in enumerate(cells):
                t.setItem(r, col_i, it)
        t.resizeColumnsToContents()
        self._show_drill()
        return self.drill_people

    def _mark_cell(self, row: int, col: int) -> None:
        """Outline the chosen cell with a dashed rectangle painted over the canvas (no redraw of the figure)."""
        canvas = self.panel.canvas
        if canvas is None:
            return
        from skillmap.charts import grid_info

        info = grid_info(canvas.figure)
        if info is None:
            return
        (x0, y0), (x1, y1) = info.axes.transData.transform([(col - 0.5, row + 0.5), (col + 0.5, row - 0.5)])
        canvas.outline(x0, y0, x1, y1)

    def _show_drill(self) -> None:
        if self.drilled is None or self.hm is None:
            self.drill_title.setText(self.tr("Click a cell of the heatmap to list the people short in that "
                                             "competency."))
            if self.drilled is None:
                self.drill_table.setRowCount(0)
            return
        row, col = self.drilled
        hm = self.hm
        self.drill_title.setText(
            self.tr("{0} · {1}: {2} people short ({3} of {4} assessed meet the requirement). Double-click a person "
                    "to see their gaps.").format(self.col_labels[col], self.row_labels[row], len(self.drill_people),
                                                 int(hm.meeting[row, col]), int(hm.assessed[row, col])))

    def _open_person(self, row: int, _col: int) -> None:
        item = self.drill_table.item(row, 0)
        if item is not None and item.data(ID_ROLE) is not None:
            self.page.show_person(int(item.data(ID_ROLE)))


# -- team ------------------------------------------------------------------------------------------------
class TeamView(_View):
    """A manager's view: pick a unit; its people × competencies, and the gaps that matter most to it."""

    def __init__(self, page: GapsPage) -> None:
        super().__init__(page)
        self.setObjectName("gap_team")
        self.current: L.Team | None = None
        self.team_data: GapData | None = None
        self._tree_data: GapData | None = None
        self._tip: tuple[int, int] | None = None
        self._unit_id: int | None = None
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.tree_title = QLabel()
        ll.addWidget(self.tree_title)
        self.tree = QTreeWidget()
        self.tree.setObjectName("team_units")
        self.tree.setColumnCount(2)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._unit_changed)
        ll.addWidget(self.tree, 1)
        self.include_below = QCheckBox()
        self.include_below.setObjectName("team_include_below")
        self.include_below.setChecked(True)
        self.include_below.toggled.connect(lambda _on: self.invalidate())
        ll.addWidget(self.include_below)
        split.addWidget(left)
        right = QSplitter(Qt.Orientation.Vertical)
        self.grid_panel = ChartPanel("team_grid")
        self.top_panel = ChartPanel("team_top_gaps")
        for panel in (self.grid_panel, self.top_panel):
            page.watch_panel(panel)
            right.addWidget(panel)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([600, 400])
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])
        outer.addWidget(split)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree_title.setText(self.tr("Unit"))
        self.tree.setHeaderLabels([self.tr("Unit"), self.tr("People")])
        self.include_below.setText(self.tr("Include the units below"))
        self.grid_panel.retranslate()
        self.top_panel.retranslate()

    def unit_id(self) -> int | None:
        return self._unit_id

    def select_unit(self, unit_id: int) -> bool:
        """Choose a unit (as a click in the tree does)."""
        self._fill_tree()
        for item in self._items():
            if item.data(0, ID_ROLE) == unit_id:
                self.tree.setCurrentItem(item)  # a new unit invalidates the view (_unit_changed)
                if self._unit_id != unit_id:
                    self._unit_id = unit_id
                    self.invalidate()
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        todo = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while todo:
            item = todo.pop()
            out.append(item)
            todo.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _fill_tree(self) -> None:
        data = self.page.data
        if data is None or data is self._tree_data:
            return
        self._tree_data = data
        counts = L.unit_headcounts(data)
        units = data.lookups.units
        self.tree.blockSignals(True)
        self.tree.clear()
        present_agencies = {int(a) for a in data.agency_id.tolist() if a >= 0}
        current = None
        for ag in L.agency_choices(data):
            if ag.id not in present_agencies:
                continue
            top = QTreeWidgetItem([ag.label, ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            parents: dict[int, QTreeWidgetItem] = {}
            for ch in L.unit_choices(data, ag.id):
                n = counts.get(ch.id, 0)
                if not n:
                    continue
                parent_id = units[ch.id][3]
                holder = parents.get(parent_id, top) if parent_id is not None else top
                item = QTreeWidgetItem(holder, [ch.label, f"{n:,}"])
                item.setData(0, ID_ROLE, ch.id)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, f"{units[ch.id][0]} · {ch.label}")
                parents[ch.id] = item
                if ch.id == self._unit_id:
                    current = item
            top.setExpanded(self.tree.topLevelItemCount() <= 12)
        if current is not None:
            self.tree.setCurrentItem(current)
        else:
            self._unit_id = None
        self.tree.blockSignals(False)

    def _unit_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        uid = current.data(0, ID_ROLE) if current is not None else None
        if uid is not None and uid != self._unit_id:
            self._unit_id = int(uid)
            self.invalidate()

    def _refresh(self) -> None:
        data, source = self.page.data, self.page.source
        if data is None or source is None:
            self.grid_panel.set_message(self.tr("Loading the gap data…"))
            self.top_panel.set_message("")
            return
        self._fill_tree()
        unit = self._unit_id
        if unit is None:
            self.current = None
            self.grid_panel.set_message(self.tr("Choose a unit on the left to see its people's gaps."))
            self.top_panel.set_message("")
            return
        lang = get_language()
        names = source.names
        below = self.include_below.isChecked()
        unit_name = data.lookups.units[unit][1]
        grid_title = self.tr("Gaps in {0} by person and competency").format(unit_name)
        top_title = self.tr("Widest gaps in {0}").format(unit_name)
        width = max(self.top_panel.viewport_size()[0] - 8, 420)

        def work(_progress: Progress) -> tuple[L.Team, list[Rendered]]:
            from skillmap.charts import team_grid, top_gaps_chart

            t = L.team(data, unit, below)
            people = [data.staff_name[p] for p in t.people.tolist()]
            comps = L.competency_labels(data, names, t.competencies.tolist(), lang)
            short = np.where(t.short > 0, t.short, np.nan)
            return t, [render(lambda: team_grid(people, comps, t.gaps, unknown=t.unknown, title=grid_title,
                                                lang=lang)),
                       render(lambda: top_gaps_chart(comps, short, measure="count", top=L.TOP_GAPS, title=top_title,
                                                     lang=lang), fit_width=width)]

        def done(result: tuple[L.Team, list[Rendered]]) -> None:
            self.current, (grid, top) = result
            self.team_data = data
            canvas = self.grid_panel.set_rendered(grid)
            canvas.mpl_connect("motion_notify_event", self._hover)
            canvas.mpl_connect("button_press_event", self._clicked)
            canvas.mpl_connect("figure_leave_event", lambda _e: QToolTip.hideText())
            self._tip = None
            self.grid_panel.caption.setText(self.tr("{0} people. Double-click a row to see a person's gaps.")
                                            .format(len(self.current.people)))
            self.top_panel.set_rendered(top)

        self.jobs.start(work, done)

    def cell_text(self, row: int, col: int) -> str:
        t, data = self.current, self.team_data
        assert t is not None and data is not None
        p, c = int(t.people[row]), int(t.competencies[col])
        names = self.page.source.names if self.page.source else None
        comp = names.competency_name(int(data.levels.competency_ids[c]), get_language()) if names else ""
        own = data.own
        lines = [data.staff_name[p], comp]
        if np.isnan(own.required[p, c]):
            lines.append(self.tr("Not required for their role"))
        elif t.unknown[row, col]:
            lines.append(self.tr("Required level {0}; current level unknown").format(fmt_level(own.required[p, c])))
        else:
            lines.append(self.tr("Current {0}, required {1}, gap {2}").format(
                fmt_level(own.current[p, c]), fmt_level(own.required[p, c]), fmt_level(own.gap[p, c])))
        return "\n".join(lines)

    def _hover(self, event: Any) -> None:
        canvas = self.grid_panel.canvas
        if canvas is None or self.current is None:
            return
        cell = grid_cell(canvas, event)
        if cell is None:
            if self._tip is not None:
                QToolTip.hideText()
            self._tip = None
            return
        if cell != self._tip:
            self._tip = cell
            _tooltip_at(canvas, event, self.cell_text(*cell))

    def _clicked(self, event: Any) -> None:
        canvas = self.grid_panel.canvas
        if canvas is None or self.current is None or self.team_data is None or not getattr(event, "dblclick", False):
            return
        cell = grid_cell(canvas, event)
        if cell is not None:
            self.page.show_person(int(self.team_data.levels.staff_ids[int(self.current.people[cell[0]])]))


# -- person ----------------------------------------------------------------------------------------------
class PersonView(_View):
    """One person: current against required levels for their role and for a role they may move to, with the
    readiness for each role, and what their level and the required level mean (the framework's descriptors)."""

    def __init__(self, page: GapsPage) -> None:
        super().__init__(page)
        self.setObjectName("gap_person")
        self.staff_id: int | None = None
        self.second_role_id: int | None = None
        self.profile: L.PersonProfile | None = None
        self.person_data: GapData | None = None
        self._filling = False
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.name = QLabel()
        self.name.setObjectName("person_name")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        head.addWidget(self.name, 1)
        self.find_label = QLabel()
        self.find = QLineEdit()
        self.find.setObjectName("person_find")
        self.find.setMaximumWidth(160)
        self.find.returnPressed.connect(self._find)
        head.addWidget(self.find_label)
        head.addWidget(self.find)
        outer.addLayout(head)
        self.details = QLabel()
        self.details.setObjectName("person_details")
        self.details.setWordWrap(True)
        outer.addWidget(self.details)
        bar = QHBoxLayout()
        self.second_label, self.kind_label = QLabel(), QLabel()
        self.second = QComboBox()
        self.second.setObjectName("person_second_role")
        self.second.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.second.setMinimumContentsLength(16)
        self.kind = QComboBox()
        self.kind.setObjectName("person_chart_kind")
        for key in ("auto", "radar", "bars"):
            self.kind.addItem("", key)
        bar.addWidget(self.second_label)
        bar.addWidget(self.second, 1)
        bar.addSpacing(12)
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        outer.addLayout(bar)
        self.readiness = QLabel()
        self.readiness.setObjectName("person_readiness")
        self.readiness.setWordWrap(True)
        outer.addWidget(self.readiness)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.panel = ChartPanel("person")
        page.watch_panel(self.panel)
        split.addWidget(self.panel)
        right = QSplitter(Qt.Orientation.Vertical)
        self.gaps = _table("person_gaps", 6)
        self.gaps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.gaps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.gaps.horizontalHeader().setStretchLastSection(False)
        right.addWidget(self.gaps)
        self.descriptors = QTextBrowser()
        self.descriptors.setObjectName("person_descriptors")
        self.descriptors.setOpenLinks(False)
        right.addWidget(self.descriptors)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 500])
        outer.addWidget(split, 1)
        self.second.currentIndexChanged.connect(self._second_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self.invalidate())
        self.retranslate()

    def retranslate(self) -> None:
        self.find_label.setText(self.tr("Employee no.:"))
        self.find.setPlaceholderText(self.tr("Find a person"))
        self.second_label.setText(self.tr("Compare with the role:"))
        self.kind_label.setText(self.tr("Chart:"))
        for i, text in enumerate((self.tr("Automatic"), self.tr("Radar"), self.tr("Bars"))):
            self.kind.setItemText(i, text)
        self.panel.retranslate()
        self._show()

    def show_person(self, staff_id: int) -> None:
        if staff_id != self.staff_id:
            self.second_role_id = None
        self.staff_id = int(staff_id)
        self.invalidate()

    def set_second_role(self, role_id: int | None) -> None:
        """Compare with role profile ``role_id`` (``None``: no comparison)."""
        idx = self.second.findData(role_id) if role_id is not None else 0
        if idx >= 0:
            self.second.setCurrentIndex(idx)
        self.second_role_id = role_id
        self.invalidate()

    def _second_changed(self, _index: int) -> None:
        if self._filling:
            return
        data = self.second.currentData()
        self.second_role_id = int(data) if data is not None else None
        self.invalidate()

    def _find(self) -> None:
        source = self.page.source
        text = self.find.text().strip().casefold()
        if source is None or not text:
            return
        labels = source.data.levels.staff_labels
        hits = [i for i, label in enumerate(labels) if label.casefold() == text]
        if hits:
            self.show_person(int(source.data.levels.staff_ids[hits[0]]))
        else:
            self.page.say(self.tr("No active person with employee number {0}").format(self.find.text().strip()))

    def _refresh(self) -> None:
        data, source = self.page.data, self.page.source
        if data is None or source is None:
            self.panel.set_message(self.tr("Loading the gap data…"))
            return
        if self.staff_id is None:
            self.profile = None
            self.panel.set_message(self.tr("Choose a person: Show gaps in the staff browser, double-click a person "
                                           "listed under the heatmap or the team grid, or type an employee number "
                                           "above."))
            self._show()
            return
        lang = get_language()
        names = source.names
        sid, second_id, kind = self.staff_id, self.second_role_id, str(self.kind.currentData())
        filters = self.page.filters
        vw, vh = self.panel.viewport_size()

        def work(_progress: Progress) -> tuple[GapData, L.PersonProfile | None, Rendered | None]:
            from skillmap.charts import person_chart

            d = data
            p = L.staff_position(d, sid)
            if p is None:  # outside the filtered selection: the person with only framework and date filters
                d = source.restrict(GapFilters(framework=filters.framework, as_of=filters.as_of))
                p = L.staff_position(d, sid)
            if p is None:
                return d, None, None
            second = L.role_position(d, second_id) if second_id is not None else None
            prof = L.person_profile(d, p, -1 if second is None else second)
            reqs = d.requirements
            comps = L.competency_labels(d, names, prof.competencies.tolist(), lang)
            fw = (int(reqs.groups[prof.own_role]) if prof.own_role >= 0 else
                  int(d.competency_framework_id[prof.competencies[0]]) if len(prof.competencies) else -1)
            level_names = names.level_names(fw, lang) or None
            role = names.role_title(int(reqs.role_ids[prof.own_role]), lang) if prof.own_role >= 0 else None
            second_title = (names.role_title(int(reqs.role_ids[prof.second_role]), lang)
                            if prof.second_role >= 0 else None)
            chosen = kind if not (kind == "radar" and len(comps) < 3) else "bars"
            rendered = render(lambda: person_chart(comps, prof.current, prof.required, kind=chosen,  # type: ignore[arg-type]
                                                   role=role, second_required=prof.second_required,
                                                   second_role=second_title, level_names=level_names,
                                                   person=d.staff_name[p], lang=lang),
                              fit_width=max(vw - 4, 480), fit_height=max(vh - 4, 420))
            return d, prof, rendered

        def done(result: tuple[GapData, L.PersonProfile | None, Rendered | None]) -> None:
            self.person_data, self.profile, rendered = result
            if rendered is None:
                self.panel.set_message(self.tr("This person is not in the gap data (inactive, or removed)."))
            else:
                self.panel.set_rendered(rendered)
            self._show()

        self.jobs.start(work, done)

    # -- text
    def _role_title(self, d: GapData, j: int) -> str:
        source = self.page.source
        if j < 0:
            return ""
        rid = int(d.requirements.role_ids[j])
        return source.names.role_title(rid, get_language()) if source else d.role_title[j]

    def _fill_second(self, d: GapData, prof: L.PersonProfile) -> None:
        self._filling = True
        try:
            self.second.clear()
            self.second.addItem(self.tr("(no second role)"), None)
            for j in range(d.requirements.shape[0]):
                title = self._role_title(d, j)
                text = self.tr("{0} — readiness {1}, assessed {2}").format(
                    title, fmt_pct(prof.readiness[j]), fmt_pct(prof.coverage[j]))
                if j == prof.own_role:
                    text = self.tr("{0} (own role)").format(text)
                self.second.addItem(text, int(d.requirements.role_ids[j]))
            idx = self.second.findData(self.second_role_id) if self.second_role_id is not None else 0
            self.second.setCurrentIndex(max(idx, 0))
        finally:
            self._filling = False

    def _show(self) -> None:
        prof, d = self.profile, self.person_data
        if prof is None or d is None:
            self.name.setText(self.tr("Person"))
            self.details.setText("")
            self.readiness.setText("")
            self.gaps.setRowCount(0)
            self.descriptors.setHtml("")
            self._filling = True
            self.second.clear()
            self._filling = False
            return
        p = prof.position
        source = self.page.source
        names = source.names if source else None
        lang = get_language()
        own_title = self._role_title(d, prof.own_role) or self.tr("no role profile")
        self.name.setText(d.staff_name[p])
        self.details.setText(" · ".join(x for x in (
            self.tr("Employee no. {0}").format(d.levels.staff_labels[p]), d.agency_label(p), d.unit_label(p),
            d.position[p], self.tr("Role profile: {0}").format(own_title)) if x))
        self._fill_second(d, prof)
        lines = []
        if prof.own_role >= 0:
            lines.append(self.tr("Readiness for {0}: {1} (assessed {2}).").format(
                own_title, fmt_pct(prof.own_readiness), fmt_pct(prof.own_coverage)))
        else:
            lines.append(self.tr("No role profile: choose a role to compare with."))
        if prof.second_role >= 0:
            lines.append(self.tr("Readiness for {0}: {1} (assessed {2}).").format(
                self._role_title(d, prof.second_role), fmt_pct(prof.readiness[prof.second_role]),
                fmt_pct(prof.coverage[prof.second_role])))
        self.readiness.setText("  ".join(lines))

        second = prof.second_required is not None
        headers = [self.tr("Competency"), self.tr("Current"), self.tr("Required"), self.tr("Gap")]
        if second:
            headers += [self.tr("Second role"), self.tr("Gap")]
        self.gaps.setColumnCount(len(headers))
        self.gaps.setHorizontalHeaderLabels(headers)
        self.gaps.setRowCount(len(prof.competencies))
        red = QBrush(QColor(SHORT_COLOUR))
        gap, sgap = prof.gap, prof.second_gap
        for r, c in enumerate(prof.competencies.tolist()):
            cid = int(d.levels.competency_ids[c])
            name = names.competency_name(cid, lang) if names else d.competency_name[c]
            fw = int(d.competency_framework_id[c])
            levels = [prof.current[r], prof.required[r], gap[r]]
            if second and prof.second_required is not None and sgap is not None:
                levels += [prof.second_required[r], sgap[r]]
            row = [name] + [("—" if i == 0 else "") if math.isnan(v) else fmt_level(v)
                            for i, v in enumerate(levels)]
            tips = [f"{name} ({d.levels.competency_labels[c]})"] + [
                self._level_text(names, fw, v, lang) if i in (0, 1, 3) else "" for i, v in enumerate(levels)]
            for col, text in enumerate(row):
                it = _item(text, align_center=col > 0)
                if tips[col]:
                    it.setToolTip(tips[col])
                if col in (3, 5) and text not in ("", "0"):
                    it.setForeground(red)
                    f = QFont(it.font())
                    f.setBold(True)
                    it.setFont(f)
                if col == 1 and math.isnan(prof.current[r]):
                    it.setToolTip(self.tr("Not assessed: unknown, not zero"))
                self.gaps.setItem(r, col, it)
        self.descriptors.setHtml(self._descriptor_html(d, prof))

    def _level_text(self, names: L.Names | None, fw: int, level: float, lang: str) -> str:
        """``3 · Practitioner`` (``""`` for no level)."""
        if not math.isfinite(level):
            return ""
        name = names.level_name(fw, int(level), lang) if names else ""
        return f"{int(level)} · {name}" if name else str(int(level))

    def _descriptor_html(self, d: GapData, prof: L.PersonProfile) -> str:
        source = self.page.source
        if source is None:
            return ""
        names, lang = source.names, get_language()
        parts: list[str] = []

        def section(title: str, required: np.ndarray, role_title: str) -> None:
            rows = []
            for r, c in enumerate(prof.competencies.tolist()):
                req, cur = required[r], prof.current[r]
                if not math.isfinite(req) or (math.isfinite(cur) and cur >= req):
                    continue
                cid = int(d.levels.competency_ids[c])
                fw = int(d.competency_framework_id[c])
                comp = html.escape(names.competency_name(cid, lang))
                req_name = html.escape(names.level_name(fw, int(req), lang))
                req_text = html.escape(names.descriptor(cid, int(req), lang) or self.tr("No descriptor for this level"))
                if math.isfinite(cur):
                    cur_name = html.escape(names.level_name(fw, int(cur), lang))
                    cur_text = html.escape(names.descriptor(cid, int(cur), lang)
                                           or self.tr("No descriptor for this level"))
                    now = self.tr("Now, level {0} ({1}):").format(int(cur), cur_name)
                    now_html = f"<p><b>{html.escape(now)}</b> {cur_text}</p>"
                else:
                    now_html = f"<p><i>{html.escape(self.tr('Current level unknown: not assessed yet.'))}</i></p>"
                need = self.tr("Required for {0}, level {1} ({2}):").format(role_title, int(req), req_name)
                rows.append(f"<h4 style='margin-bottom:2px'>{comp}</h4>{now_html}"
                            f"<p><b style='color:{SHORT_COLOUR}'>{html.escape(need)}</b> {req_text}</p>")
            parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.extend(rows or [f"<p>{html.escape(self.tr('No gap: every assessed requirement is met.'))}</p>"])

        if prof.own_role >= 0:
            own_title = self._role_title(d, prof.own_role)
            section(self.tr("What the levels mean: gaps for {0}").format(own_title), prof.required, own_title)
        if prof.second_required is not None and prof.second_role >= 0:
            title2 = self._role_title(d, prof.second_role)
            section(self.tr("Gaps for {0}").format(title2), prof.second_required, title2)
        return "".join(parts)


# -- definitions -----------------------------------------------------------------------------------------
class MeasuresDialog(QDialog):
    """Help ▸ Gap measures: how every measure is defined (the text of ``docs/gaps.md``), in the app's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gap_measures")
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("measures_text")
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Gap measures"))
        intro = html.escape(self.tr("How SkillMap measures the skills gap. Readiness and the gaps count only the "
                                    "assessed requirements; coverage says how much of the requirement has been "
                                    "assessed."))
        items = "".join(f"<dt><b>{html.escape(term)}</b></dt><dd style='margin-bottom:8px'>{html.escape(text)}</dd>"
                        for _key, term, text in measure_definitions(get_language()))
        self.browser.setHtml(f"<p>{intro}</p><dl>{items}</dl>")


# -- the page --------------------------------------------------------------------------------------------
class GapsPage(QWidget):
    """Filters, the data's date, and the dashboard, heatmap, team and person tabs."""

    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gaps_page")
        watch_application_quit()
        self.engine: Engine | None = None
        self.source: L.GapSource | None = None
        self.data: GapData | None = None
        self.filters = GapFilters()
        self._stale = True
        self._filling = False
        self.measures_dialog: MeasuresDialog | None = None
        self.loader = Jobs(self, self.report_error)
        self.filterer = Jobs(self, self.report_error)
        self._panels: list[ChartPanel] = []

        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        # the combos' first items say what they filter ("All agencies" …); their tooltips too, once one is chosen
        self.agency, self.unit, self.family, self.framework = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        for name, combo in (("gap_agency", self.agency), ("gap_unit", self.unit), ("gap_family", self.family),
                            ("gap_framework", self.framework)):
            combo.setObjectName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            bar.addWidget(combo, 1)
        self.as_of_check = QCheckBox()
        self.as_of_check.setObjectName("gap_as_of_check")
        self.as_of = QDateEdit()
        self.as_of.setObjectName("gap_as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setEnabled(False)
        bar.addWidget(self.as_of_check)
        bar.addWidget(self.as_of)
        self.measures_button = QPushButton()
        self.measures_button.setObjectName("gap_measures_button")
        self.measures_button.clicked.connect(lambda _checked=False: self.show_measures())
        bar.addWidget(self.measures_button)
        outer.addLayout(bar)

        status = QHBoxLayout()
        self.date_label = QLabel()
        self.date_label.setObjectName("gap_data_date")
        status.addWidget(self.date_label)
        self.progress = QProgressBar()
        self.progress.setObjectName("gap_progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel()
        self.progress_label.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("gap_cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda _checked=False: self.loader.task and self.loader.task.cancel())
        status.addWidget(self.progress)
        status.addWidget(self.progress_label)
        status.addWidget(self.cancel_button)
        self.message = QLabel()
        self.message.setObjectName("gap_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addWidget(self.message, 1)
        outer.addLayout(status)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("gap_tabs")
        self.dashboard = DashboardView(self)
        self.heatmap = HeatmapView(self)
        self.team = TeamView(self)
        self.person = PersonView(self)
        for view in self.views:
            self.tabs.addTab(view, "")
        outer.addWidget(self.tabs, 1)

        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(400)
        self._date_timer.timeout.connect(self.apply_filters)
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.unit.currentIndexChanged.connect(self._filter_changed)
        self.family.currentIndexChanged.connect(self._filter_changed)
        self.framework.currentIndexChanged.connect(self._framework_changed)
        self.as_of_check.toggled.connect(self._as_of_toggled)
        self.as_of.dateChanged.connect(lambda _d: self.as_of_check.isChecked() and self._date_timer.start())
        self.retranslate()

    @property
    def views(self) -> tuple[DashboardView, HeatmapView, TeamView, PersonView]:
        return (self.dashboard, self.heatmap, self.team, self.person)

    @property
    def busy(self) -> bool:
        """Loading, filtering or drawing: some background work of the page is running."""
        return self.loader.busy or self.filterer.busy or any(v.busy for v in self.views)

    def watch_panel(self, panel: ChartPanel) -> None:
        self._panels.append(panel)
        panel.saved.connect(lambda path: self.say(self.tr("Saved the chart to {0}").format(path)))
        panel.failed.connect(lambda text: self.say(text, error=True))

    # -- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for combo, text in ((self.agency, self.tr("Agency")), (self.unit, self.tr("Unit")),
                            (self.family, self.tr("Role family")), (self.framework, self.tr("Framework"))):
            combo.setToolTip(text)
            combo.setAccessibleName(text)
        self.as_of_check.setText(self.tr("As of"))
        self.as_of_check.setToolTip(self.tr("Count only the assessments made on or before this date"))
        self.measures_button.setText(self.tr("Measures…"))
        self.measures_button.setToolTip(self.tr("How each gap measure is defined"))
        self.cancel_button.setText(self.tr("Cancel"))
        for i, text in enumerate((self.tr("Dashboard"), self.tr("Heatmap"), self.tr("Team"), self.tr("Person"))):
            self.tabs.setTabText(i, text)
        self._fill_filters()
        self._show_date()

    # -- data
    def set_engine(self, engine: Engine | None) -> None:
        """Show ``engine``'s gaps: loaded in the background now if the page is visible, else when it is shown."""
        self.engine = engine
        self.loader.cancel()
        self.filterer.cancel()
        self._hide_progress()
        self.source = None
        self.data = None
        self._stale = True
        self._fill_filters()
        self._show_date()
        for view in self.views:
            view.invalidate()
        if engine is not None and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.engine is not None and not self.loader.busy:
            self.reload()

    def reload(self) -> Task | None:
        """Load the gap data again in the background (after an import or an undo). Until the page has been shown
        once this only marks the data as out of date."""
        if self.engine is None:
            return None
        if self.source is None and not self.isVisible() and not self.loader.busy:
            self._stale = True
            return None
        self._stale = False
        engine = self.engine

        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(self.tr("Calculating the gaps…"))
        self.progress_label.show()
        self.cancel_button.show()
        return self.loader.start(lambda progress: L.load_source(engine, progress), self._loaded,
                                 on_cancel=self._load_cancelled, on_progress=self._load_progress)

    def _load_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            self.progress_label.setText(message)

    def _hide_progress(self) -> None:
        self.progress.hide()
        self.progress_label.hide()
        self.cancel_button.hide()

    def _load_cancelled(self) -> None:
        self._hide_progress()
        self._stale = True
        self.say(self.tr("Calculation cancelled."))

    def _loaded(self, source: L.GapSource) -> None:
        self._hide_progress()
        self.source = source
        self.message.setText("")
        self._fill_filters()
        self.apply_filters()

    def _fill_filters(self) -> None:
        source = self.source
        lang = get_language()
        keep = {c: c.currentData() for c in (self.agency, self.unit, self.family, self.framework)}
        self._filling = True
        try:
            self.agency.clear()
            self.agency.addItem(self.tr("All agencies"), None)
            self.framework.clear()
            self.framework.addItem(self.tr("All frameworks"), None)
            if source is not None:
                for ch in L.agency_choices(source.data):
                    self.agency.addItem(ch.label, ch.id)
                for ch in L.framework_choices(source.data, source.names, lang):
                    self.framework.addItem(ch.label, ch.id)
            for combo in (self.agency, self.framework):
                combo.setCurrentIndex(max(combo.findData(keep[combo]), 0))
            self._fill_units(keep[self.unit])
            self._fill_families(keep[self.family])
            if source is not None and not self.as_of_check.isChecked():
                latest = L.latest_assessment(source.data) or date.today()
                self.as_of.setDate(QDate(latest.year, latest.month, latest.day))
        finally:
            self._filling = False

    def _fill_units(self, keep: Any = None) -> None:
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        agency = self.agency.currentData()
        if self.source is not None and agency is not None:
            for ch in L.unit_choices(self.source.data, agency):
                self.unit.addItem("    " * ch.depth + ch.label, ch.id)
        self.unit.setEnabled(agency is not None)
        self.unit.setCurrentIndex(max(self.unit.findData(keep), 0))

    def _fill_families(self, keep: Any = None) -> None:
        self.family.clear()
        self.family.addItem(self.tr("All role families"), None)
        if self.source is not None:
            for ch in L.family_choices(self.source.data, get_language(), self.framework.currentData()):
                self.family.addItem(ch.label, ch.id)
        self.family.setCurrentIndex(max(self.family.findData(keep), 0))

    def _agency_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            self._fill_units()
        finally:
            self._filling = False
        self.apply_filters()

    def _framework_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            self._fill_families(self.family.currentData())
        finally:
            self._filling = False
        self.apply_filters()

    def _filter_changed(self, _index: int) -> None:
        if not self._filling:
            self.apply_filters()

    def _as_of_toggled(self, on: bool) -> None:
        self.as_of.setEnabled(on)
        if not self._filling:
            self.apply_filters()

    def current_filters(self) -> GapFilters:
        d = self.as_of.date()
        return GapFilters(agency=self.agency.currentData(), unit=self.unit.currentData(),
                          role_family=self.family.currentData(), framework=self.framework.currentData(),
                          as_of=date(d.year(), d.month(), d.day()) if self.as_of_check.isChecked() else None)

    def apply_filters(self) -> Task | None:
        """Narrow the loaded data to the filters (on a worker) and refresh the views."""
        source = self.source
        if source is None:
            return None
        filters = self.current_filters()

        def done(data: GapData) -> None:
            self.filters = filters
            self.data = data
            self._show_date()
            for view in self.views:
                view.invalidate()
            self.data_changed.emit()

        return self.filterer.start(lambda _p: source.restrict(filters), done)

    def _show_date(self) -> None:
        data = self.data
        if self.engine is None:
            self.date_label.setText(self.tr("No database open"))
        elif data is None:
            self.date_label.setText(self.tr("Gap data not loaded yet"))
        elif not len(data.history):
            self.date_label.setText(self.tr("No assessments yet · {0} people").format(f"{data.n_staff:,}"))
        elif data.scope.as_of is not None:
            self.date_label.setText(self.tr("Levels as of {0} (latest assessment used: {1}) · {2} people")
                                    .format(fmt_date(data.scope.as_of), fmt_date(L.latest_assessment(data)),
                                            f"{data.n_staff:,}"))
        else:
            self.date_label.setText(self.tr("Current levels; data as of {0} (latest assessment) · {1} people")
                                    .format(fmt_date(L.latest_assessment(data)), f"{data.n_staff:,}"))

    # -- actions
    def show_person(self, staff_id: int) -> None:
        """Open the person tab on ``staff_id``."""
        self.tabs.setCurrentWidget(self.person)
        self.person.show_person(staff_id)

    def show_measures(self) -> MeasuresDialog:
        if self.measures_dialog is None:
            self.measures_dialog = MeasuresDialog(self.window())
        self.measures_dialog.show()
        self.measures_dialog.raise_()
        return self.measures_dialog

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {SHORT_COLOUR};" if error else "")
        self.message.setText(text)

    def report_error(self, exc: BaseException, tb: str) -> None:
        self._hide_progress()
        text = exc.text() if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        self.say(text, error=True)
        self.message.setToolTip(tb if not isinstance(exc, InputError) else "")

    def cancel_all(self) -> None:
        self.loader.cancel()
        self.filterer.cancel()
        for view in self.views:
            view.jobs.cancel()
