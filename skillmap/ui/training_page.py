"""The *Training* page, for trainers: the course catalogue, tracks, bulk assignment, progress and certification.

Five tabs, each a thin view over the headless services:

* **Catalogue** (:mod:`skillmap.services.courses`): every course with its competencies raised and prerequisites, a
  filter box; New / Edit (:class:`~skillmap.ui.training_dialogs.CourseDialog`), Deactivate / Reactivate, Delete
  (the service's refusals are shown, with *delete anyway* or *deactivate instead* where the service allows it);
  *Import from spreadsheet…* (the plan first: :class:`~skillmap.ui.training_dialogs.CourseImportDialog`) and
  *Export…*.
* **Tracks** (:mod:`skillmap.services.training`): tracks with their ordered courses and hours; New / Edit
  (:class:`~skillmap.ui.training_dialogs.TrackDialog`, order checked as it changes), *Generate from a role's
  typical gap…* (:class:`~skillmap.ui.training_dialogs.GenerateTrackDialog`), Delete.
* **Assign**: a track, who (a unit of the agency/unit tree with or without its sub-units; everyone with a gap of
  at least *n* levels in a competency; a list of employee numbers), a due date → *Preview* (how many people, how
  many already have it) → *Assign* (one transaction on a worker).
* **Progress**: the assignments of a track (or all), by agency and unit: counts per status on top, one row per
  person (status, courses and hours passed, due date; overdue rows highlighted), *Refresh statuses from
  completions* and *Export CSV…*.
* **Certification** (:mod:`skillmap.services.certification`): a program, an as-of date and the due window; the
  counts per status (each a button that lists those people), what to assign them (the tracks that raise the
  program's competencies, best first, or the shortest course plan, which can become a track) and *Assign* to the
  people listed.

Every read and write runs off the GUI thread (:class:`~skillmap.ui.tasks.Task`): reads quietly with the page's
progress bar and Cancel, writes with a progress dialog (after a moment) and Cancel. A tab loads when it is shown,
and again once the data it shows has changed (an edit in another tab, :meth:`TrainingPage.reload` after an import).
Service errors are shown in the tab, in the user's language.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language, pick
from skillmap.planning.certification import DEFAULT_WINDOW_DAYS
from skillmap.planning.certification import STATUSES as CERT_STATUSES
from skillmap.problems import InputError
from skillmap.services import certification as cert_service
from skillmap.services import courses as course_service
from skillmap.services import training as training_service
from skillmap.services.certification import CertificationReport, ProgramInfo, ProgramSuggestion
from skillmap.services.courses import CompetencyChoice, CourseRow
from skillmap.services.gaps import Lookups, csv_safe, load_lookups
from skillmap.services.staff import ProfileChoice, load_staff_table, role_profile_choices
from skillmap.services.training import (
    STATUSES,
    AssignOutcome,
    Audience,
    GapAudience,
    ProgressTable,
    StaffAudience,
    TrackInfo,
    UnitAudience,
)
from skillmap.tasks import Progress
from skillmap.ui.gap_canvas import watch_application_quit
from skillmap.ui.gap_views import Jobs
from skillmap.ui.import_wizard import current_user, set_message
from skillmap.ui.lazy import LazyView
from skillmap.ui.tasks import Task
from skillmap.ui.training_dialogs import (
    ID_ROLE,
    MUTED,
    OVERDUE_BACKGROUND,
    Column,
    CourseDialog,
    CourseImportDialog,
    GenerateTrackDialog,
    RowsModel,
    TrackDialog,
    area_label,
    cell,
    combo_choice,
    course_title,
    fmt_date,
    fmt_hours,
    from_qdate,
    message_label,
    modality_label,
    searchable,
    show_error,
    small_table,
    table_view,
    to_qdate,
)

STATUS_COLOURS: dict[str, str] = {
    "not_started": "#6b7280", "in_progress": "#1d4ed8", "completed": "#047857", "failed": "#b3261e",
}
CERT_COLOURS: dict[str, str] = {
    "certified": "#047857", "due": "#b45309", "expired": "#b3261e", "at_risk": "#c2410c", "failed_out": "#7f1d1d",
    "never_attempted": "#6b7280",
}
OVERDUE = "overdue"  # the Progress tab's status filter for overdue assignments
DEFAULT_DUE_DAYS = 90


def unit_order(lookups: Lookups, agency_id: int | None) -> list[tuple[int, int]]:
    """Units of an agency (every agency when ``None``) in tree order: ``(unit id, depth)``."""
    units = lookups.units
    children: dict[int | None, list[int]] = {}
    for uid, (_code, _name, aid, parent, _level) in units.items():
        if agency_id is None or aid == agency_id:
            children.setdefault(parent if parent in units else None, []).append(uid)
    out: list[tuple[int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for uid in sorted(children.get(parent, []), key=lambda u: (units[u][1].casefold(), units[u][0])):
            out.append((uid, depth))
            walk(uid, depth + 1)

    walk(None, 0)
    return out


def agency_order(lookups: Lookups) -> list[tuple[int, str]]:
    agencies = lookups.agencies
    out = [(a, name if short == name else f"{short} — {name}") for a, (_c, short, name) in agencies.items()]
    return sorted(out, key=lambda x: agencies[x[0]][2].casefold())


def read_lookups(engine: Engine) -> Lookups:
    with engine.connect() as conn:
        return load_lookups(conn)


def cap(text: str) -> str:
    """A status word as a table shows it: first letter capitalised."""
    return text[:1].upper() + text[1:]


def fit_headers(view: QTableView) -> None:
    """Widen columns whose header text does not fit (after a change of language)."""
    header = view.horizontalHeader()
    for col in range(header.count()):
        wanted = header.sectionSizeFromContents(col).width() + 6
        if header.sectionSize(col) < wanted:
            header.resizeSection(col, wanted)


def employee_numbers(text: str) -> list[str]:
    """Employee numbers typed or pasted: separated by line breaks, spaces, commas or semicolons (order kept,
    repeats dropped)."""
    return list(dict.fromkeys(p for p in re.split(r"[\s,;]+", text) if p))


def card(name: str) -> tuple[QFrame, QLabel, QLabel]:
    box = QFrame()
    box.setObjectName(f"{name}_box")
    box.setFrameShape(QFrame.Shape.StyledPanel)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(10, 6, 10, 6)
    caption, value = QLabel(), QLabel()
    value.setObjectName(name)
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    value.setFont(font)
    lay.addWidget(caption)
    lay.addWidget(value)
    return box, caption, value


def date_edit(name: str, value: date) -> QDateEdit:
    edit = QDateEdit(objectName=name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(to_qdate(value))
    return edit


def select_row(view: QTableView, model: RowsModel, wanted: int | None) -> bool:
    if wanted is None:
        return False
    row = model.row_of_id(wanted)
    if row is None:
        return False
    view.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(model.index(row, 0))
    return True


def selected_id(view: QTableView, model: RowsModel) -> int | None:
    sel = view.selectionModel()
    rows = sel.selectedRows() if sel is not None else []
    return model.id_at(rows[0].row()) if rows else None


# -- a tab -------------------------------------------------------------------------------------------------------
class _Tab(LazyView):
    """A tab of the page: loads on a worker when shown and its data is out of date."""

    def __init__(self, page: TrainingPage, name: str) -> None:
        super().__init__()
        self.page = page
        self.setObjectName(name)
        self.jobs = Jobs(self, self._load_failed)
        self.message = message_label(f"{name}_message")

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    @property
    def engine(self) -> Engine | None:
        return self.page.engine

    def refresh(self) -> None:
        if self.engine is None:
            self._dirty = False
            self.clear()
            return
        super().refresh()

    def _refresh(self) -> None:
        """Load the tab's data (each tab overrides this)."""

    def clear(self) -> None:
        """Show nothing (no database)."""

    def retranslate(self) -> None:
        """Set the tab's texts in the current language (each tab overrides this)."""

    def load(self, fn: Callable[[Progress], Any], on_result: Callable[[Any], None]) -> Task:
        """Read on a worker, with the page's progress bar; the newest load of the tab wins."""
        self.page.loading(self, True)

        def done(result: Any) -> None:
            self.page.loading(self, False)
            on_result(result)

        return self.jobs.start(fn, done, on_cancel=lambda: self.page.loading(self, False),
                               on_progress=self.page.load_progress)

    def _load_failed(self, exc: BaseException, _tb: str) -> None:
        self.page.loading(self, False)
        show_error(self.message, exc)

    def say(self, text: str, tone: str = "good") -> None:
        set_message(self.message, [text], tone)

    def write(self, fn: Callable[[Progress], Any], on_result: Callable[[Any], None], title: str,
              on_error: Callable[[BaseException, str], None] | None = None) -> Task | None:
        self.message.hide()
        return self.page.write(fn, on_result, on_error or (lambda exc, _tb: show_error(self.message, exc)), title)


# -- 1. catalogue ------------------------------------------------------------------------------------------------
class CatalogueTab(_Tab):
    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "training_catalogue")
        self.courses: list[CourseRow] = []
        self.choices: list[CompetencyChoice] = []
        self.dialog: CourseDialog | CourseImportDialog | None = None
        self._select_after: int | None = None

        self.filter = QLineEdit(objectName="catalogue_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self._apply_filter())
        self.show_inactive = QCheckBox(objectName="catalogue_show_inactive")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _on: self._apply_filter())
        self.count = QLabel(objectName="catalogue_count")
        self.new_button = QPushButton(objectName="course_new")
        self.edit_button = QPushButton(objectName="course_edit")
        self.active_button = QPushButton(objectName="course_toggle_active")
        self.delete_button = QPushButton(objectName="course_delete")
        self.import_button = QPushButton(objectName="course_import")
        self.export_button = QPushButton(objectName="course_export")
        self.new_button.clicked.connect(lambda _c=False: self.new_course())
        self.edit_button.clicked.connect(lambda _c=False: self.edit_course())
        self.active_button.clicked.connect(lambda _c=False: self.toggle_active())
        self.delete_button.clicked.connect(lambda _c=False: self.delete_course())
        self.import_button.clicked.connect(lambda _c=False: self.import_catalogue())
        self.export_button.clicked.connect(lambda _c=False: self.export_catalogue())

        c = self.courses_at
        self.model = RowsModel([
            Column(lambda: self.tr("Code"), lambda i: c(i).code),
            Column(lambda: self.tr("Title"), lambda i: course_title(c(i))),
            Column(lambda: self.tr("Area"), lambda i: area_label(c(i).area)),
            Column(lambda: self.tr("Provider"), lambda i: c(i).provider),
            Column(lambda: self.tr("Hours"), lambda i: fmt_hours(c(i).hours), sort=lambda i: c(i).hours, right=True),
            Column(lambda: self.tr("Modality"), lambda i: modality_label(c(i).modality)),
            Column(lambda: self.tr("Competencies raised → level"), self._raises_text, tip=self._raises_tip),
            Column(lambda: self.tr("Prerequisites"), lambda i: ", ".join(c(i).prerequisites)),
            Column(lambda: self.tr("Active"), lambda i: self.tr("Yes") if c(i).active else self.tr("No"),
                   sort=lambda i: not c(i).active),
        ], self)
        self.model.foreground = lambda i: MUTED if not c(i).active else None
        self.view = table_view("catalogue_table")
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda _ix: self.edit_course())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        header = self.view.horizontalHeader()
        for col, width in enumerate((75, 300, 115, 180, 55, 90, 290, 110, 60)):
            header.resizeSection(col, width)

        bar = QHBoxLayout()
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.show_inactive)
        bar.addWidget(self.count, 1)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.active_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def courses_at(self, i: int) -> CourseRow:
        return self.courses[i]

    def _raises_text(self, i: int) -> str:
        return "; ".join(f"{r.code} → {r.level}" for r in self.courses[i].raises)

    def _raises_tip(self, i: int) -> str:
        return "\n".join(f"{r.code} · {r.name}: {r.level}" + (f" ({r.level_name})" if r.level_name else "")
                         for r in self.courses[i].raises) or self.tr("No competencies recorded")

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter by code, title, provider or competency…"))
        self.show_inactive.setText(self.tr("Show inactive courses"))
        self.new_button.setText(self.tr("&New course…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.import_button.setText(self.tr("&Import from spreadsheet…"))
        self.export_button.setText(self.tr("E&xport…"))
        self.model.refresh_texts()
        fit_headers(self.view)
        self._update_buttons()
        self._show_count()

    def _refresh(self) -> None:
        engine, lang = self.engine, get_language()
        assert engine is not None

        def work(_p: Progress) -> tuple[list[CourseRow], list[CompetencyChoice]]:
            return course_service.list_courses(engine, lang), course_service.competency_choices(engine, lang)

        self.load(work, self._loaded)

    def clear(self) -> None:
        self._loaded(([], []))

    def _loaded(self, result: tuple[list[CourseRow], list[CompetencyChoice]]) -> None:
        keep = self._select_after if self._select_after is not None else self.selected_id()
        self._select_after = None
        self.courses, self.choices = result
        hay = [" ".join([c.code, c.title_en, c.title_es, c.provider, *c.prerequisites,
                         *(f"{r.code} {r.name}" for r in c.raises)]) for c in self.courses]
        self.model.set_rows([c.id for c in self.courses], hay)
        select_row(self.view, self.model, keep)
        self._show_count()
        self._update_buttons()

    def _apply_filter(self) -> None:
        keep = None if self.show_inactive.isChecked() else (lambda i: self.courses[i].active)
        self.model.set_filter(self.filter.text(), keep)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        self.count.setText(self.tr("{0} of {1} courses").format(self.model.rowCount(), self.model.total()))

    def selected_id(self) -> int | None:
        return selected_id(self.view, self.model)

    def selected(self) -> CourseRow | None:
        wanted = self.selected_id()
        return next((c for c in self.courses if c.id == wanted), None)

    def select_course(self, course_id: int) -> bool:
        return select_row(self.view, self.model, course_id)

    def _update_buttons(self) -> None:
        row = self.selected()
        ready = self.engine is not None
        self.new_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.export_button.setEnabled(ready and bool(self.courses))
        for b in (self.edit_button, self.active_button, self.delete_button):
            b.setEnabled(ready and row is not None)
        self.active_button.setText(self.tr("&Reactivate") if row is not None and not row.active
                                   else self.tr("De&activate"))

    # -- actions
    def _changed(self, course_id: int | None = None) -> None:
        self._select_after = course_id
        self.page.data_changed()

    def new_course(self) -> CourseDialog | None:
        if self.engine is None:
            return None
        dialog = CourseDialog(self.engine, None, self.courses, self.choices, self)
        dialog.saved.connect(lambda cid: (self.say(self.tr("Course saved.")), self._changed(cid)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_course(self, course_id: int | None = None) -> CourseDialog | None:
        row = self.selected() if course_id is None else next((c for c in self.courses if c.id == course_id), None)
        if row is None or self.engine is None:
            return None
        dialog = CourseDialog(self.engine, row, self.courses, self.choices, self)
        dialog.saved.connect(lambda cid: (self.say(self.tr("Course {0} saved.").format(row.code)),
                                          self._changed(cid)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def toggle_active(self) -> Task | None:
        row = self.selected()
        if row is None or self.engine is None:
            return None
        engine, user, edit = self.engine, current_user(), row.to_edit(active=not row.active)
        text = (self.tr("Course {0} reactivated.") if edit.active else
                self.tr("Course {0} deactivated: it stays in the history and leaves the planner.")).format(row.code)
        return self.write(lambda _p: course_service.save_course(engine, edit, user=user),
                          lambda cid: (self.say(text), self._changed(cid)), self.tr("Saving the course…"))

    def delete_course(self, force: bool = False) -> Task | None:
        row = self.selected()
        if row is None or self.engine is None:
            return None
        if not force:
            answer = QMessageBox.question(self, self.tr("Delete course"),
                                          self.tr("Delete course {0} “{1}” from the catalogue?").format(
                                              row.code, course_title(row)))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        engine, user = self.engine, current_user()

        def failed(exc: BaseException, tb: str) -> None:
            show_error(self.message, exc)
            if not isinstance(exc, InputError):
                return
            keys = {p.key for p in exc.problems}
            text = exc.text(get_language())
            if "crs.delete_completions" in keys:
                answer = QMessageBox.question(self, self.tr("Delete course"),
                                              text + "\n\n" + self.tr("Deactivate the course instead?"))
                if answer == QMessageBox.StandardButton.Yes and row.active:
                    self.toggle_active()
            elif keys <= {"crs.delete_required", "crs.delete_tracks"}:
                answer = QMessageBox.question(self, self.tr("Delete course"),
                                              text + "\n\n" + self.tr("Delete it anyway? Those links are removed "
                                                                      "with it."))
                if answer == QMessageBox.StandardButton.Yes:
                    self.delete_course(force=True)

        return self.write(
            lambda _p: course_service.delete_course(engine, row.id, user=user, force=force, version=row.version),
            lambda _r: (self.say(self.tr("Course {0} deleted.").format(row.code)), self._changed()),
            self.tr("Deleting the course…"), on_error=failed)

    def import_catalogue(self, path: str | None = None) -> CourseImportDialog | None:
        if self.engine is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import courses"), str(Path.home()),
                self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"))
            if not path:
                return None
        dialog = CourseImportDialog(self.engine, path, self)
        dialog.imported.connect(self._imported)
        self.dialog = dialog
        dialog.open()
        dialog.check()
        return dialog

    def _imported(self, outcome: Any) -> None:
        c = outcome.counts
        self.say(self.tr("Courses imported: {0} new, {1} changed.").format(c.get("courses_new", 0),
                                                                            c.get("courses_changed", 0)))
        self._changed()

    def export_catalogue(self, path: str | None = None) -> Task | None:
        if self.engine is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export courses"), str(Path.home() / "courses.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
            if not path:
                return None
        engine, lang, user, target = self.engine, get_language(), current_user(), path
        return self.write(lambda _p: course_service.export_courses(engine, target, lang=lang, user=user),
                          lambda out: self.say(self.tr("Wrote the catalogue ({0} courses) to {1}").format(
                              len(self.courses), out)), self.tr("Exporting the courses…"))


# -- 2. tracks ---------------------------------------------------------------------------------------------------
@dataclass
class TracksData:
    tracks: list[TrackInfo]
    courses: list[CourseRow]
    roles: list[ProfileChoice]  # every role profile
    held: list[ProfileChoice]  # role profiles somebody holds
    competency_names: dict[int, str]


class TracksTab(_Tab):
    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "training_tracks")
        self.data: TracksData | None = None
        self.dialog: TrackDialog | GenerateTrackDialog | None = None
        self._select_after: int | None = None

        self.new_button = QPushButton(objectName="track_new")
        self.generate_button = QPushButton(objectName="track_generate")
        self.edit_button = QPushButton(objectName="track_edit")
        self.delete_button = QPushButton(objectName="track_delete")
        self.new_button.clicked.connect(lambda _c=False: self.new_track())
        self.generate_button.clicked.connect(lambda _c=False: self.generate_track())
        self.edit_button.clicked.connect(lambda _c=False: self.edit_track())
        self.delete_button.clicked.connect(lambda _c=False: self.delete_track())

        t = self.track_at
        self.model = RowsModel([
            Column(lambda: self.tr("Code"), lambda i: t(i).code),
            Column(lambda: self.tr("Name"), lambda i: t(i).name(get_language())),
            Column(lambda: self.tr("Courses"), lambda i: str(len(t(i).courses)), sort=lambda i: len(t(i).courses),
                   right=True),
            Column(lambda: self.tr("Hours"), lambda i: fmt_hours(t(i).hours), sort=lambda i: t(i).hours, right=True),
            Column(lambda: self.tr("Prepares for"), lambda i: self._role(t(i).target_role_profile_id)),
        ], self)
        self.view = table_view("tracks_table")
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda _ix: self.edit_track())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_track())
        header = self.view.horizontalHeader()
        for col, width in enumerate((120, 330, 70, 70, 200)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)

        self.detail_title = QLabel(objectName="track_detail_title")
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail_description = QLabel(objectName="track_detail_description")
        self.detail_description.setWordWrap(True)
        self.detail_courses = small_table("track_detail_courses", 5)
        dh = self.detail_courses.horizontalHeader()
        dh.resizeSection(0, 40)
        dh.resizeSection(1, 80)
        dh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        dh.resizeSection(3, 60)
        dh.resizeSection(4, 120)
        self.detail_total = QLabel(objectName="track_detail_total")
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.detail_description)
        dl.addWidget(self.detail_courses, 1)
        dl.addWidget(self.detail_total)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(detail)
        split.setSizes([700, 560])

        buttons = QHBoxLayout()
        for b in (self.new_button, self.generate_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def track_at(self, i: int) -> TrackInfo:
        assert self.data is not None
        return self.data.tracks[i]

    def _role(self, role_id: int | None) -> str:
        if role_id is None or self.data is None:
            return ""
        r = next((r for r in self.data.roles if r.id == role_id), None)
        return (pick(r.title_en, r.title_es, get_language()) or r.code) if r is not None else f"#{role_id}"

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("&New track…"))
        self.generate_button.setText(self.tr("&Generate from a role's typical gap…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.detail_courses.setHorizontalHeaderLabels([self.tr("No."), self.tr("Code"), self.tr("Title"),
                                                       self.tr("Hours"), self.tr("Prerequisites")])
        self.model.refresh_texts()
        fit_headers(self.view)
        self._show_track()

    def _refresh(self) -> None:
        engine, lang = self.engine, get_language()
        assert engine is not None

        def work(_p: Progress) -> TracksData:
            choices = course_service.competency_choices(engine, lang)
            return TracksData(training_service.list_tracks(engine), course_service.list_courses(engine, lang),
                              role_profile_choices(engine, only_used=False), role_profile_choices(engine),
                              {c.id: c.name for c in choices})

        self.load(work, self._loaded)

    def clear(self) -> None:
        self._loaded(TracksData([], [], [], [], {}))

    def _loaded(self, data: TracksData) -> None:
        keep = self._select_after if self._select_after is not None else self.selected_id()
        self._select_after = None
        self.data = data
        self.model.set_rows([t.id for t in data.tracks],
                            [f"{t.code} {t.name_en} {t.name_es}" for t in data.tracks])
        if not select_row(self.view, self.model, keep) and data.tracks:
            select_row(self.view, self.model, data.tracks[0].id)
        self._show_track()

    def selected_id(self) -> int | None:
        return selected_id(self.view, self.model)

    def selected(self) -> TrackInfo | None:
        wanted = self.selected_id()
        return next((t for t in self.data.tracks if t.id == wanted), None) if self.data else None

    def select_track(self, track_id: int) -> bool:
        return select_row(self.view, self.model, track_id)

    def _show_track(self) -> None:
        t = self.selected()
        lang = get_language()
        self._update_buttons()
        if t is None:
            self.detail_title.setText(self.tr("No tracks yet: create one, or generate one from a role's typical gap.")
                                      if self.data is not None and not self.data.tracks else "")
            self.detail_description.setText("")
            self.detail_courses.setRowCount(0)
            self.detail_total.setText("")
            return
        self.detail_title.setText(f"{t.code} · {t.name(lang)}")
        self.detail_description.setText(pick(t.description_en, t.description_es, lang))
        rows = {c.id: c for c in self.data.courses} if self.data else {}
        self.detail_courses.setRowCount(len(t.courses))
        for r, c in enumerate(t.courses):
            title = pick(c.title_en, c.title_es, lang)
            row = rows.get(c.course_id)
            prereqs = ", ".join(row.prerequisites) if row is not None else ""
            for col, item in enumerate((cell(str(c.position), right=True), cell(c.code), cell(title, tip=title),
                                        cell(fmt_hours(c.hours), right=True), cell(prereqs))):
                self.detail_courses.setItem(r, col, item)
        role = self._role(t.target_role_profile_id)
        text = self.tr("{0} courses · {1} hours").format(len(t.courses), fmt_hours(t.hours))
        if role:
            text += " · " + self.tr("prepares for “{0}”").format(role)
        if t.created_at is not None:
            text += " · " + self.tr("created {0}").format(fmt_date(t.created_at.date())) + (
                f" ({t.created_by})" if t.created_by else "")
        self.detail_total.setText(text)

    def _update_buttons(self) -> None:
        ready = self.engine is not None and self.data is not None
        self.new_button.setEnabled(ready)
        self.generate_button.setEnabled(ready)
        self.edit_button.setEnabled(ready and self.selected() is not None)
        self.delete_button.setEnabled(ready and self.selected() is not None)

    # -- actions
    def _saved(self, info: TrackInfo, verb: str) -> None:
        text = verb.format(info.code)
        warnings = [p.message(get_language()) for p in info.warnings]
        if warnings:
            set_message(self.message, [text, *warnings], "warn")
        else:
            self.say(text)
        self._select_after = info.id
        self.page.data_changed()

    def new_track(self, course_ids: Sequence[int] = (), *, code: str = "", name_en: str = "",
                  name_es: str = "") -> TrackDialog | None:
        if self.engine is None or self.data is None:
            return None
        dialog = TrackDialog(self.engine, self.data.courses, self.data.roles, None, self, course_ids=course_ids,
                             code=code, name_en=name_en, name_es=name_es)
        dialog.saved.connect(lambda info: self._saved(info, self.tr("Track {0} created.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_track(self) -> TrackDialog | None:
        track = self.selected()
        if self.engine is None or self.data is None or track is None:
            return None
        dialog = TrackDialog(self.engine, self.data.courses, self.data.roles, track, self)
        dialog.saved.connect(lambda info: self._saved(info, self.tr("Track {0} saved.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def generate_track(self) -> GenerateTrackDialog | None:
        if self.engine is None or self.data is None:
            return None
        dialog = GenerateTrackDialog(self.engine, self.data.held, courses=self.data.courses,
                                     competency_names=self.data.competency_names, parent=self)
        dialog.saved.connect(lambda info: self._saved(info, self.tr("Track {0} created.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_track(self, with_assignments: bool = False) -> Task | None:
        track = self.selected()
        if self.engine is None or track is None:
            return None
        if not with_assignments:
            answer = QMessageBox.question(self, self.tr("Delete track"), self.tr("Delete track {0} “{1}”?").format(
                track.code, track.name(get_language())))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        engine, actor = self.engine, current_user()

        def failed(exc: BaseException, _tb: str) -> None:
            show_error(self.message, exc)
            if isinstance(exc, InputError) and {p.key for p in exc.problems} == {"training.has_assignments"}:
                answer = QMessageBox.question(self, self.tr("Delete track"), exc.text(get_language()) + "\n\n"
                                              + self.tr("Delete the track together with its assignments?"))
                if answer == QMessageBox.StandardButton.Yes:
                    self.delete_track(with_assignments=True)

        def done(removed: int) -> None:
            self.say(self.tr("Track {0} deleted ({1} assignments removed).").format(track.code, removed))
            self.page.data_changed()

        return self.write(lambda _p: training_service.delete_track(engine, track.id, track.version,
                                                                   with_assignments=with_assignments, actor=actor),
                          done, self.tr("Deleting the track…"), on_error=failed)


# -- 3. assign ---------------------------------------------------------------------------------------------------
@dataclass
class AssignData:
    tracks: list[TrackInfo]
    lookups: Lookups
    choices: list[CompetencyChoice]


@dataclass
class AssignPreview:
    key: tuple[Any, ...]
    selected: int
    already: int
    unknown: list[str]  # employee numbers not found


class AssignTab(_Tab):
    MODES = ("unit", "gap", "staff")

    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "training_assign")
        self.data: AssignData | None = None
        self.preview_result: AssignPreview | None = None
        self.outcome: AssignOutcome | None = None

        self.track = QComboBox(objectName="assign_track")
        self.track.currentIndexChanged.connect(lambda _i: self._inputs_changed())
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        modes = QHBoxLayout()
        for k, mode in enumerate(self.MODES):
            b = QRadioButton(objectName=f"assign_mode_{mode}")
            self.mode_group.addButton(b, k)
            self.mode_buttons[mode] = b
            modes.addWidget(b)
        modes.addStretch(1)
        self.mode_buttons["unit"].setChecked(True)
        self.mode_group.idToggled.connect(self._mode_toggled)
        self.stack = QStackedWidget()
        # by unit
        unit_page = QWidget()
        ul = QVBoxLayout(unit_page)
        ul.setContentsMargins(0, 0, 0, 0)
        self.units = QTreeWidget(objectName="assign_units")
        self.units.setHeaderHidden(True)
        self.units.currentItemChanged.connect(lambda *_a: self._inputs_changed())
        self.subunits = QCheckBox(objectName="assign_subunits")
        self.subunits.setChecked(True)
        self.subunits.toggled.connect(lambda _on: self._inputs_changed())
        ul.addWidget(self.units, 1)
        ul.addWidget(self.subunits)
        # by gap
        gap_page = QWidget()
        gl = QFormLayout(gap_page)
        self.competency = QComboBox(objectName="assign_competency")
        self.competency.setMinimumContentsLength(40)
        self.competency.currentIndexChanged.connect(lambda _i: self._inputs_changed())
        self.min_gap = QSpinBox(objectName="assign_min_gap")
        self.min_gap.setRange(1, 10)
        self.min_gap.valueChanged.connect(lambda _v: self._inputs_changed())
        self.competency_label, self.min_gap_label = QLabel(), QLabel()
        self.gap_note = QLabel()
        self.gap_note.setWordWrap(True)
        gl.addRow(self.competency_label, self.competency)
        gl.addRow(self.min_gap_label, self.min_gap)
        gl.addRow(self.gap_note)
        # by list
        list_page = QWidget()
        sl = QVBoxLayout(list_page)
        sl.setContentsMargins(0, 0, 0, 0)
        self.numbers_label = QLabel()
        self.numbers = QPlainTextEdit(objectName="assign_numbers")
        self.numbers.textChanged.connect(self._inputs_changed)
        sl.addWidget(self.numbers_label)
        sl.addWidget(self.numbers, 1)
        for w in (unit_page, gap_page, list_page):
            self.stack.addWidget(w)

        self.due_check = QCheckBox(objectName="assign_due_check")
        self.due_check.setChecked(True)
        self.due = date_edit("assign_due", date.today() + timedelta(days=DEFAULT_DUE_DAYS))
        self.due_check.toggled.connect(self.due.setEnabled)
        self.due_check.toggled.connect(lambda _on: self._inputs_changed())
        self.due.dateChanged.connect(lambda _d: self._inputs_changed())
        self.preview_button = QPushButton(objectName="assign_preview")
        self.preview_button.clicked.connect(lambda _c=False: self.preview())
        self.assign_button = QPushButton(objectName="assign_button")
        self.assign_button.clicked.connect(lambda _c=False: self.assign())
        self.preview_label = QLabel(objectName="assign_preview_text")
        self.preview_label.setWordWrap(True)

        self.track_label, self.who_box, self.when_label = QLabel(), QGroupBox(), QLabel()
        wl = QVBoxLayout(self.who_box)
        wl.addLayout(modes)
        wl.addWidget(self.stack, 1)
        top = QHBoxLayout()
        top.addWidget(self.track_label)
        top.addWidget(self.track, 1)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.assign_button)
        actions.addWidget(self.preview_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.who_box, 1)
        layout.addLayout(due_row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.track_label.setText(self.tr("Track:"))
        self.who_box.setTitle(self.tr("Who"))
        self.mode_buttons["unit"].setText(self.tr("Everyone in a &unit"))
        self.mode_buttons["gap"].setText(self.tr("Everyone with a &gap in a competency"))
        self.mode_buttons["staff"].setText(self.tr("A &list of employee numbers"))
        self.subunits.setText(self.tr("Include the sub-units"))
        self.competency_label.setText(self.tr("Competency:"))
        self.min_gap_label.setText(self.tr("Gap of at least (levels):"))
        self.gap_note.setText(self.tr("Active staff whose own role requires the competency and whose known level is "
                                      "at least this far below it. Unknown levels are not a gap."))
        self.numbers_label.setText(self.tr("Employee numbers, one per line (or separated by spaces, commas or "
                                           "semicolons):"))
        self.due_check.setText(self.tr("Due date:"))
        self.preview_button.setText(self.tr("&Preview"))
        self.assign_button.setText(self.tr("&Assign"))
        if self.data is not None:
            self._fill(self.data)
        self._show_preview()

    def _refresh(self) -> None:
        engine, lang = self.engine, get_language()
        assert engine is not None

        def work(_p: Progress) -> AssignData:
            return AssignData(training_service.list_tracks(engine), read_lookups(engine),
                              course_service.competency_choices(engine, lang))

        self.load(work, self._loaded)

    def clear(self) -> None:
        self.data = None
        self.track.clear()
        self.units.clear()
        self.competency.clear()
        self._inputs_changed()

    def _loaded(self, data: AssignData) -> None:
        self.data = data
        self._fill(data)
        self._inputs_changed()

    def _fill(self, data: AssignData) -> None:
        lang = get_language()
        keep_track, keep_unit, keep_comp = self.track.currentData(), self.unit_id(), self.competency.currentData()
        for w in (self.track, self.units, self.competency):
            w.blockSignals(True)
        try:
            self.track.clear()
            for t in data.tracks:
                self.track.addItem(self.tr("{0} · {1} ({2} courses, {3} h)").format(
                    t.code, t.name(lang), len(t.courses), fmt_hours(t.hours)), t.id)
            self.track.setCurrentIndex(max(self.track.findData(keep_track), 0) if data.tracks else -1)
            self.units.clear()
            current = None
            lookups = data.lookups
            agencies = agency_order(lookups)
            for aid, label in agencies:
                top = QTreeWidgetItem([label])
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.units.addTopLevelItem(top)
                parents: dict[int, QTreeWidgetItem] = {}
                for uid, _depth in unit_order(lookups, aid):
                    code, name, _a, parent, _level = lookups.units[uid]
                    holder = parents.get(parent, top) if parent is not None else top
                    item = QTreeWidgetItem(holder, [name])
                    item.setData(0, ID_ROLE, uid)
                    item.setToolTip(0, f"{code} · {name}")
                    parents[uid] = item
                    if uid == keep_unit:
                        current = item
                top.setExpanded(len(agencies) <= 12)
            if current is not None:
                self.units.setCurrentItem(current)
            self.competency.clear()
            for c in sorted(data.choices, key=lambda c: c.code.casefold()):
                self.competency.addItem(f"{c.code} — {c.name}", c.id)
            searchable(self.competency)
            self.competency.setCurrentIndex(max(self.competency.findData(keep_comp), 0) if data.choices else -1)
        finally:
            for w in (self.track, self.units, self.competency):
                w.blockSignals(False)

    def _mode_toggled(self, button_id: int, on: bool) -> None:
        if on:
            self.stack.setCurrentIndex(button_id)
            self._inputs_changed()

    # -- inputs
    def mode(self) -> str:
        return self.MODES[max(self.mode_group.checkedId(), 0)]

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def unit_id(self) -> int | None:
        item = self.units.currentItem()
        uid = item.data(0, ID_ROLE) if item is not None else None
        return int(uid) if uid is not None else None

    def select_unit(self, unit_id: int) -> bool:
        todo = [self.units.topLevelItem(i) for i in range(self.units.topLevelItemCount())]
        while todo:
            item = todo.pop()
            if item.data(0, ID_ROLE) == unit_id:
                self.units.setCurrentItem(item)
                return True
            todo.extend(item.child(i) for i in range(item.childCount()))
        return False

    def select_track(self, track_id: int) -> bool:
        index = self.track.findData(track_id)
        if index >= 0:
            self.track.setCurrentIndex(index)
        return index >= 0

    def due_on(self) -> date | None:
        return from_qdate(self.due.date()) if self.due_check.isChecked() else None

    def _key(self) -> tuple[Any, ...]:
        mode = self.mode()
        what: tuple[Any, ...]
        if mode == "unit":
            what = (self.unit_id(), self.subunits.isChecked())
        elif mode == "gap":
            what = (combo_choice(self.competency), self.min_gap.value())
        else:
            what = tuple(employee_numbers(self.numbers.toPlainText()))
        return (self.track.currentData(), mode, what)

    def _inputs_changed(self) -> None:
        if self.preview_result is not None and self.preview_result.key != self._key():
            self.preview_result = None
        self._show_preview()
        self._update_buttons()

    def _ready(self) -> bool:
        key = self._key()
        if key[0] is None or self.engine is None:
            return False
        what = key[2]
        return what[0] is not None if key[1] in ("unit", "gap") else bool(what)

    def _update_buttons(self) -> None:
        busy = self.page.writing
        self.preview_button.setEnabled(self._ready() and not busy)
        p = self.preview_result
        self.assign_button.setEnabled(p is not None and p.key == self._key() and not p.unknown and p.selected > 0
                                      and not busy)

    def _show_preview(self) -> None:
        p = self.preview_result
        if p is None:
            self.preview_label.setText(self.tr("Choose a track and who, then Preview.") if self._key()[0] is not None
                                       else self.tr("Create a track first (Tracks tab)."))
            self.preview_label.setStyleSheet("")
            return
        if p.unknown:
            shown = ", ".join(p.unknown[:10]) + (" …" if len(p.unknown) > 10 else "")
            self.preview_label.setText(self.tr("Unknown employee numbers ({0}): {1}").format(len(p.unknown), shown))
            self.preview_label.setStyleSheet("color: #b3261e;")
            return
        self.preview_label.setStyleSheet("")
        self.preview_label.setText(self.tr("{0} people selected; {1} already have an open assignment of this track; "
                                           "{2} would be assigned.").format(p.selected, p.already,
                                                                            p.selected - p.already))

    def audience(self, staff_ids: Sequence[int] = ()) -> Audience:
        mode = self.mode()
        if mode == "unit":
            unit = self.unit_id()
            assert unit is not None
            return UnitAudience(unit, self.subunits.isChecked())
        if mode == "gap":
            comp = combo_choice(self.competency)
            assert comp is not None
            return GapAudience(int(comp), self.min_gap.value())
        return StaffAudience(tuple(staff_ids))

    # -- actions
    def preview(self) -> Task | None:
        if not self._ready() or self.engine is None:
            return None
        engine, key, mode, track_id = self.engine, self._key(), self.mode(), int(self.track.currentData())
        numbers = employee_numbers(self.numbers.toPlainText())
        audience = None if mode == "staff" else self.audience()

        def work(_p: Progress) -> AssignPreview:
            unknown: list[str] = []
            who = audience
            if who is None:
                table = load_staff_table(engine, search_text=False)
                ids = dict(zip(table.employee_number, table.ids, strict=True))
                unknown = [n for n in numbers if n not in ids]
                who = StaffAudience(tuple(ids[n] for n in numbers if n in ids))
                if unknown:
                    return AssignPreview(key, 0, 0, unknown)
            staff = training_service.audience_staff(engine, who)
            progress = training_service.assignment_progress(engine, track_id=track_id)
            open_ = progress.staff_id[progress.stored_status != training_service.COMPLETED]
            already = int(np.isin(staff, open_).sum())
            return AssignPreview(key, len(staff), already, unknown)

        def done(result: AssignPreview) -> None:
            self.preview_result = result if result.key == self._key() else None
            self._show_preview()
            self._update_buttons()

        self.message.hide()
        return self.load(work, done)

    def assign(self) -> Task | None:
        p = self.preview_result
        if p is None or p.key != self._key() or p.unknown or self.engine is None:
            return None
        engine, actor, due, track_id = self.engine, current_user(), self.due_on(), int(self.track.currentData())
        mode, numbers = self.mode(), employee_numbers(self.numbers.toPlainText())
        audience = None if mode == "staff" else self.audience()
        track_text = self.track.currentText()

        def work(progress: Progress) -> AssignOutcome:
            who = audience
            if who is None:
                table = load_staff_table(engine, search_text=False)
                ids = dict(zip(table.employee_number, table.ids, strict=True))
                who = StaffAudience(tuple(ids[n] for n in numbers if n in ids))
            return training_service.assign_track(engine, track_id, who, due_on=due, actor=actor, progress=progress)

        def done(outcome: AssignOutcome) -> None:
            self.outcome = outcome
            self.preview_result = None
            self._show_preview()
            self._update_buttons()
            text = self.tr("Assigned to {0} people; {1} already had it open.").format(outcome.assigned,
                                                                                      outcome.already_assigned)
            if outcome.inactive_skipped:
                text += " " + self.tr("{0} inactive people skipped.").format(outcome.inactive_skipped)
            self.say(f"{track_text}: {text}")
            self.page.data_changed(self)

        task = self.write(work, done, self.tr("Assigning the track…"))
        self._update_buttons()
        return task


# -- 4. progress -------------------------------------------------------------------------------------------------
@dataclass
class ProgressData:
    tracks: list[TrackInfo]
    lookups: Lookups
    table: ProgressTable
    filters: dict[str, Any]  # what was loaded (track, agency, unit, sub-units, as-of date)


class ProgressTab(_Tab):
    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "training_progress")
        self.data: ProgressData | None = None
        self._filling = False
        self.track = QComboBox(objectName="progress_track")
        self.agency = QComboBox(objectName="progress_agency")
        self.unit = QComboBox(objectName="progress_unit")
        for combo in (self.track, self.agency, self.unit):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.subunits = QCheckBox(objectName="progress_subunits")
        self.subunits.setChecked(True)
        self.as_of_label = QLabel()
        self.as_of = date_edit("progress_as_of", date.today())
        self.status = QComboBox(objectName="progress_status")
        for key in (None, *STATUSES, OVERDUE):
            self.status.addItem("", key)
        self.search = QLineEdit(objectName="progress_search")
        self.search.setClearButtonEnabled(True)
        self.track.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.agency.currentIndexChanged.connect(lambda _i: self._agency_changed())
        self.unit.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.subunits.toggled.connect(lambda _on: self._filter_changed())
        self.as_of.dateChanged.connect(lambda _d: self._filter_changed())
        self.status.currentIndexChanged.connect(lambda _i: self._apply_view_filter())
        self.search.textChanged.connect(lambda _t: self._apply_view_filter())

        self.cards: dict[str, tuple[QLabel, QLabel]] = {}
        cards = QHBoxLayout()
        for key in ("total", *STATUSES, OVERDUE):
            box, caption, value = card(f"progress_count_{key}")
            if key in STATUS_COLOURS:
                value.setStyleSheet(f"color: {STATUS_COLOURS[key]};")
            elif key == OVERDUE:
                value.setStyleSheet("color: #b3261e;")
            self.cards[key] = (caption, value)
            cards.addWidget(box, 1)

        t = self._table
        self.model = RowsModel([
            Column(lambda: self.tr("Employee no."), lambda i: t().employee_number[i]),
            Column(lambda: self.tr("Name"), lambda i: t().staff_name[i]),
            Column(lambda: self.tr("Track"), lambda i: t().track_code.get(int(t().track_id[i]), "")),
            Column(lambda: self.tr("Status"), self._status_text,
                   sort=lambda i: int(t().status[i]),
                   foreground=lambda i: QColor(STATUS_COLOURS[STATUSES[int(t().status[i])]])),
            Column(lambda: self.tr("Courses passed"), lambda i: f"{t().courses_done[i]} / {t().courses_total[i]}",
                   sort=lambda i: (int(t().courses_done[i]), int(t().courses_total[i])), right=True),
            Column(lambda: self.tr("% done"), self._pct_text, sort=lambda i: float(np.nan_to_num(t().pct_done[i])),
                   right=True),
            Column(lambda: self.tr("Hours passed"),
                   lambda i: f"{fmt_hours(float(t().hours_done[i]))} / {fmt_hours(float(t().hours_total[i]))}",
                   sort=lambda i: float(t().hours_done[i]), right=True),
            Column(lambda: self.tr("Assigned"), lambda i: self._day(t().assigned_on[i]),
                   sort=lambda i: str(t().assigned_on[i])),
            Column(lambda: self.tr("Due"), lambda i: self._day(t().due_on[i]), sort=lambda i: str(t().due_on[i]),
                   foreground=lambda i: QColor("#b3261e") if t().overdue[i] else None,
                   bold=lambda i: bool(t().overdue[i])),
            Column(lambda: self.tr("Overdue"), lambda i: self.tr("Overdue") if t().overdue[i] else "",
                   sort=lambda i: not t().overdue[i], foreground=lambda i: QColor("#b3261e")),
            Column(lambda: self.tr("Completed"), lambda i: self._day(t().completed_on[i]),
                   sort=lambda i: str(t().completed_on[i])),
        ], self)
        self.model.background = lambda i: OVERDUE_BACKGROUND if t().overdue[i] else None
        self.view = table_view("progress_table")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for col, width in enumerate((95, 210, 100, 95, 100, 65, 95, 85, 85, 70, 85)):
            header.resizeSection(col, width)
        self.note = QLabel(objectName="progress_note")
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton(objectName="progress_refresh_statuses")
        self.refresh_button.clicked.connect(lambda _c=False: self.refresh_statuses())
        self.export_button = QPushButton(objectName="progress_export")
        self.export_button.clicked.connect(lambda _c=False: self.export_csv())

        bar = QHBoxLayout()
        bar.addWidget(self.track, 3)
        bar.addWidget(self.agency, 2)
        bar.addWidget(self.unit, 2)
        bar.addWidget(self.subunits)
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.as_of)
        bar2 = QHBoxLayout()
        bar2.addWidget(self.status, 1)
        bar2.addWidget(self.search, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(cards)
        layout.addLayout(bar2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()

    def _table(self) -> ProgressTable:
        assert self.data is not None
        return self.data.table

    def _status_text(self, i: int) -> str:
        return cap(training_service.status_label(STATUSES[int(self._table().status[i])]))

    def _pct_text(self, i: int) -> str:
        v = float(self._table().pct_done[i])
        return "—" if v != v else f"{v:.0f} %"

    @staticmethod
    def _day(value: np.datetime64) -> str:
        return "—" if np.isnat(value) else fmt_date(date.fromisoformat(str(value)))

    def retranslate(self) -> None:
        for combo, text in ((self.track, self.tr("Track")), (self.agency, self.tr("Agency")),
                            (self.unit, self.tr("Unit"))):
            combo.setToolTip(text)
            combo.setAccessibleName(text)
        self.subunits.setText(self.tr("Include the sub-units"))
        self.as_of_label.setText(self.tr("As of:"))
        self.as_of.setToolTip(self.tr("Completions after this date are ignored; overdue means due before it"))
        labels = {None: self.tr("All statuses"), OVERDUE: self.tr("Overdue only")}
        for i in range(self.status.count()):
            key = self.status.itemData(i)
            self.status.setItemText(i, labels[key] if key in labels else cap(training_service.status_label(key)))
        self.search.setPlaceholderText(self.tr("Find a person by name or employee number…"))
        captions = {"total": self.tr("Assignments"), OVERDUE: self.tr("Overdue")}
        for key, (caption, _value) in self.cards.items():
            caption.setText(captions.get(key) or cap(training_service.status_label(key)))
        self.refresh_button.setText(self.tr("&Refresh statuses from completions"))
        self.refresh_button.setToolTip(self.tr("Store the statuses derived from the course completions in the "
                                               "assignments shown"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.model.refresh_texts()
        fit_headers(self.view)
        if self.data is not None:
            self._fill_filters(self.data)
        self._show_counts()

    # -- filters
    def filters(self) -> dict[str, Any]:
        return {"track_id": self.track.currentData(), "agency": self.agency.currentData(),
                "unit": self.unit.currentData(), "include_subunits": self.subunits.isChecked(),
                "as_of": from_qdate(self.as_of.date())}

    def _filter_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def _agency_changed(self) -> None:
        if self._filling or self.data is None:
            return
        self._filling = True
        try:
            self._fill_units(self.data.lookups, None)
        finally:
            self._filling = False
        self.refresh()

    def _fill_filters(self, data: ProgressData) -> None:
        lang = get_language()
        keep_track, keep_agency = self.track.currentData(), self.agency.currentData()
        keep_unit = self.unit.currentData()
        self._filling = True
        try:
            self.track.clear()
            self.track.addItem(self.tr("All tracks"), None)
            for t in data.tracks:
                self.track.addItem(f"{t.code} · {t.name(lang)}", t.id)
            self.track.setCurrentIndex(max(self.track.findData(keep_track), 0))
            self.agency.clear()
            self.agency.addItem(self.tr("All agencies"), None)
            for aid, label in agency_order(data.lookups):
                self.agency.addItem(label, aid)
            self.agency.setCurrentIndex(max(self.agency.findData(keep_agency), 0))
            self._fill_units(data.lookups, keep_unit)
        finally:
            self._filling = False

    def _fill_units(self, lookups: Lookups, keep: Any) -> None:
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        agency = self.agency.currentData()
        if agency is not None:
            for uid, depth in unit_order(lookups, agency):
                self.unit.addItem("    " * depth + lookups.units[uid][1], uid)
        self.unit.setEnabled(agency is not None)
        self.subunits.setEnabled(agency is not None)
        self.unit.setCurrentIndex(max(self.unit.findData(keep), 0))

    def select(self, *, track_id: int | None = None, agency: int | None = None, unit: int | None = None) -> None:
        """Choose the filters (as the combo boxes do) and load once."""
        self._filling = True
        try:
            self.track.setCurrentIndex(max(self.track.findData(track_id), 0))
            self.agency.setCurrentIndex(max(self.agency.findData(agency), 0))
            if self.data is not None:
                self._fill_units(self.data.lookups, unit)
        finally:
            self._filling = False
        self.refresh()

    # -- data
    def _refresh(self) -> None:
        engine = self.engine
        assert engine is not None
        f = self.filters()

        def work(_p: Progress) -> ProgressData:
            lookups = read_lookups(engine)
            unit, agency = f["unit"], f["agency"]
            if unit is not None and unit not in lookups.units:
                unit = None
            if agency is not None and agency not in lookups.agencies:
                agency, unit = None, None
            table = training_service.assignment_progress(
                engine, track_id=f["track_id"], unit=unit, include_subunits=f["include_subunits"],
                agency=agency if unit is None else None, as_of=f["as_of"])
            return ProgressData(training_service.list_tracks(engine), lookups, table,
                                {**f, "unit": unit, "agency": agency})

        self.load(work, self._loaded)

    def clear(self) -> None:
        self.data = None
        self.model.set_rows([])
        self._show_counts()

    def _loaded(self, data: ProgressData) -> None:
        self.data = data
        self._fill_filters(data)
        if self.filters() != data.filters:  # a track or unit chosen is gone: load what the filters show now
            self.refresh()
        table = data.table
        self.model.set_rows(table.assignment_id.tolist(),
                            [f"{n} {s}" for n, s in zip(table.employee_number, table.staff_name, strict=True)])
        self._apply_view_filter()

    def _apply_view_filter(self) -> None:
        status = self.status.currentData()
        keep: Callable[[int], bool] | None = None
        if self.data is not None and status is not None:
            table = self.data.table
            if status == OVERDUE:
                keep = lambda i: bool(table.overdue[i])  # noqa: E731
            else:
                code = STATUSES.index(status)
                keep = lambda i: int(table.status[i]) == code  # noqa: E731
        self.model.set_filter(self.search.text(), keep)
        self._show_counts()

    def counts(self) -> dict[str, int]:
        """What the cards show: assignments per status, overdue, total (of the track, agency and unit chosen)."""
        if self.data is None:
            return {}
        table = self.data.table
        return {**table.counts(), OVERDUE: int(table.overdue.sum()), "total": len(table)}

    def _show_counts(self) -> None:
        counts = self.counts()
        for key, (_caption, value) in self.cards.items():
            value.setText(f"{counts[key]:,}" if counts else "—")
        if self.data is None:
            self.note.setText("")
            self.refresh_button.setEnabled(False)
            self.export_button.setEnabled(False)
            return
        table = self.data.table
        differ = int((table.status != table.stored_status).sum())
        shown = self.model.rowCount()
        text = self.tr("{0} of {1} assignments shown; progress as of {2}.").format(
            shown, len(table), fmt_date(table.as_of))
        if differ:
            text += " " + self.tr("{0} stored statuses are out of date: Refresh statuses stores them.").format(differ)
        self.note.setText(text)
        self.refresh_button.setEnabled(len(table) > 0 and not self.page.writing)
        self.export_button.setEnabled(shown > 0)

    # -- actions
    def refresh_statuses(self) -> Task | None:
        if self.engine is None or self.data is None:
            return None
        engine, actor, f = self.engine, current_user(), self.filters()

        def work(progress: Progress) -> dict[str, int]:
            return training_service.refresh_assignment_status(
                engine, track_id=f["track_id"], unit=f["unit"], include_subunits=f["include_subunits"],
                agency=f["agency"] if f["unit"] is None else None, as_of=f["as_of"], actor=actor, progress=progress)

        def done(counts: dict[str, int]) -> None:
            self.say(self.tr("Checked {0} assignments; {1} statuses updated.").format(counts["checked"],
                                                                                      counts["changed"]))
            self.page.data_changed()

        return self.write(work, done, self.tr("Refreshing the statuses…"))

    def export_csv(self, path: str | None = None) -> Task | None:
        if self.data is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export progress"),
                                                  str(Path.home() / "track-progress.csv"), self.tr("CSV (*.csv)"))
            if not path:
                return None
        model, target = self.model, Path(path)
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        rows = [[model.columns[c].text(i) for c in range(model.columnCount())] for i in model.visible_sources()]
        delimiter = ";" if get_language() == "es" else ","

        def work(progress: Progress) -> int:
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
                writer.writerow(headers)
                for k, row in enumerate(rows):
                    if k % 5000 == 0:
                        progress.report(k, len(rows))
                    writer.writerow([csv_safe(v) for v in row])
            return len(rows)

        return self.write(work, lambda n: self.say(self.tr("Wrote {0} rows to {1}").format(n, target)),
                          self.tr("Exporting the progress…"))


# -- 5. certification ----------------------------------------------------------------------------------------------
@dataclass
class CertificationData:
    programs: list[ProgramInfo]
    report: CertificationReport | None
    suggestion: ProgramSuggestion | None
    courses: list[CourseRow]
    roles: list[ProfileChoice]


class CertificationTab(_Tab):
    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "training_certification")
        self.data: CertificationData | None = None
        self._filling = False
        self.status_filter: str | None = None
        self._suggested: int | None = None  # the program whose tracks the combo lists
        self.outcome: AssignOutcome | None = None
        self.dialog: TrackDialog | None = None

        self.program = QComboBox(objectName="cert_program")
        self.program.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.program.setMinimumContentsLength(30)
        self.as_of = date_edit("cert_as_of", date.today())
        self.window_days = QSpinBox(objectName="cert_window")
        self.window_days.setRange(0, 3650)
        self.window_days.setValue(DEFAULT_WINDOW_DAYS)
        self.program_label, self.as_of_label, self.window_label = QLabel(), QLabel(), QLabel()
        self.program.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.as_of.dateChanged.connect(lambda _d: self._filter_changed())
        self.window_days.valueChanged.connect(lambda _v: self._filter_changed())

        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str | None, QPushButton] = {}
        counts = QHBoxLayout()
        for k, key in enumerate((None, *CERT_STATUSES)):
            b = QPushButton(objectName=f"cert_status_{key or 'all'}")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            b.setMinimumHeight(52)
            if key is not None:
                b.setStyleSheet(f"QPushButton {{ color: {CERT_COLOURS[key]}; }}")
            self.status_group.addButton(b, k)
            self.status_buttons[key] = b
            counts.addWidget(b, 1)
        self.status_buttons[None].setChecked(True)
        self.status_group.idClicked.connect(lambda k: self.show_status((None, *CERT_STATUSES)[k]))

        r = self._report
        self.model = RowsModel([
            Column(lambda: self.tr("Employee no."), lambda i: r().employee_number[i]),
            Column(lambda: self.tr("Name"), lambda i: r().staff_name[i]),
            Column(lambda: self.tr("Status"), lambda i: cap(cert_service.status_label(self._status(i))),
                   sort=lambda i: int(r().states.status[i]),
                   foreground=lambda i: QColor(CERT_COLOURS[self._status(i)])),
            Column(lambda: self.tr("Last passed"), lambda i: self._day(r().states.last_passed_on[i]),
                   sort=lambda i: str(r().states.last_passed_on[i])),
            Column(lambda: self.tr("Valid until"), lambda i: self._day(r().states.valid_until[i]),
                   sort=lambda i: str(r().states.valid_until[i])),
            Column(lambda: self.tr("Failed attempts"), lambda i: str(int(r().states.failed_in_cycle[i])),
                   sort=lambda i: int(r().states.failed_in_cycle[i]), right=True),
            Column(lambda: self.tr("Attempts left"), lambda i: str(int(r().states.attempts_left[i])),
                   sort=lambda i: int(r().states.attempts_left[i]), right=True),
            Column(lambda: self.tr("Role requires it"), lambda i: self.tr("Yes") if r().required[i] else self.tr("No"),
                   sort=lambda i: not r().required[i]),
            Column(lambda: self.tr("Note"), lambda i: self.tr("Irregular: more attempts than allowed")
                   if r().states.irregular[i] else ""),
        ], self)
        self.view = table_view("cert_table")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for col, width in enumerate((95, 240, 200, 95, 95, 105, 95, 110, 200)):
            header.resizeSection(col, width)

        self.suggest_box = QGroupBox()
        sl = QGridLayout(self.suggest_box)
        self.suggestion = QLabel(objectName="cert_suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.assign_track = QComboBox(objectName="cert_assign_track")
        self.assign_track.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.assign_track.setMinimumContentsLength(30)
        self.due_label = QLabel()
        self.due = date_edit("cert_due", date.today() + timedelta(days=DEFAULT_DUE_DAYS))
        self.assign_button = QPushButton(objectName="cert_assign")
        self.assign_button.clicked.connect(lambda _c=False: self.assign())
        self.plan_button = QPushButton(objectName="cert_create_track")
        self.plan_button.clicked.connect(lambda _c=False: self.create_track_from_plan())
        self.assign_track.currentIndexChanged.connect(lambda _i: self._update_buttons())
        # two rows, so that the page fits a 1366-pixel-wide laptop screen beside the navigation
        self.assign_track.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.assign_track.setMinimumContentsLength(24)
        sl.addWidget(self.suggestion, 0, 0, 1, 3)
        sl.addWidget(self.assign_track, 1, 0)
        sl.addWidget(self.due_label, 1, 1)
        sl.addWidget(self.due, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assign_button)
        buttons.addWidget(self.plan_button)
        sl.addLayout(buttons, 2, 0, 1, 3)
        sl.setColumnStretch(0, 1)

        bar = QHBoxLayout()
        bar.addWidget(self.program_label)
        bar.addWidget(self.program, 2)
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.as_of)
        bar.addWidget(self.window_label)
        bar.addWidget(self.window_days)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(counts)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.suggest_box)
        layout.addWidget(self.message)
        self.retranslate()

    def _report(self) -> CertificationReport:
        assert self.data is not None and self.data.report is not None
        return self.data.report

    def _status(self, i: int) -> str:
        return CERT_STATUSES[int(self._report().states.status[i])]

    @staticmethod
    def _day(value: np.datetime64) -> str:
        return "—" if np.isnat(value) else fmt_date(date.fromisoformat(str(value)))

    def retranslate(self) -> None:
        self.program_label.setText(self.tr("Program:"))
        self.as_of_label.setText(self.tr("As of:"))
        self.window_label.setText(self.tr("Due within (days):"))
        self.window_days.setToolTip(self.tr("Certified people whose certification ends within this many days are due "
                                       "for renewal"))
        self.suggest_box.setTitle(self.tr("What to assign"))
        self.due_label.setText(self.tr("Due date:"))
        self.plan_button.setText(self.tr("Create a track from the plan…"))
        self.model.refresh_texts()
        fit_headers(self.view)
        if self.data is not None:
            self._fill_programs(self.data.programs)
        self._show()

    def _filter_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def _fill_programs(self, programs: list[ProgramInfo]) -> None:
        lang = get_language()
        keep = self.program.currentData()
        self._filling = True
        try:
            self.program.clear()
            for p in programs:
                self.program.addItem(p.name(lang), p.id)
            self.program.setCurrentIndex(max(self.program.findData(keep), 0) if programs else -1)
        finally:
            self._filling = False

    def select_program(self, program_id: int) -> None:
        index = self.program.findData(program_id)
        if index >= 0 and index != self.program.currentIndex():
            self.program.setCurrentIndex(index)

    def _refresh(self) -> None:
        engine, lang = self.engine, get_language()
        assert engine is not None
        program, as_of, window = self.program.currentData(), from_qdate(self.as_of.date()), self.window_days.value()

        def work(progress: Progress) -> CertificationData:
            programs = cert_service.list_programs(engine)
            wanted = program if any(p.id == program for p in programs) else (programs[0].id if programs else None)
            report = suggestion = None
            if wanted is not None:
                report = cert_service.program_status(engine, wanted, as_of=as_of, window_days=window)
                progress.check()
                suggestion = cert_service.program_suggestions(engine, wanted)
            return CertificationData(programs, report, suggestion, course_service.list_courses(engine, lang),
                                     role_profile_choices(engine, only_used=False))

        self.load(work, self._loaded)

    def clear(self) -> None:
        self.data = None
        self.model.set_rows([])
        self._show()

    def _loaded(self, data: CertificationData) -> None:
        self.data = data
        self._fill_programs(data.programs)
        if data.report is not None:
            self._filling = True
            self.program.setCurrentIndex(max(self.program.findData(data.report.program.id), 0))
            self._filling = False
            self.model.set_rows(data.report.staff_id.tolist(),
                                [f"{n} {s}" for n, s in zip(data.report.employee_number, data.report.staff_name,
                                                            strict=True)])
        else:
            self.model.set_rows([])
        self.show_status(self.status_filter)

    def show_status(self, status: str | None) -> None:
        """List the people in ``status`` (``None``: everyone counted)."""
        self.status_filter = status
        self.status_buttons[status].setChecked(True)
        keep: Callable[[int], bool] | None = None
        if status is not None and self.data is not None and self.data.report is not None:
            code = CERT_STATUSES.index(status)
            states = self.data.report.states
            keep = lambda i: int(states.status[i]) == code  # noqa: E731
        self.model.set_filter(None, keep)
        self._show()

    def counts(self) -> dict[str, int]:
        if self.data is None or self.data.report is None:
            return {}
        return self.data.report.counts()

    def listed_staff(self) -> list[int]:
        return [self.model.id_at(r) or 0 for r in range(self.model.rowCount())]

    def _show(self) -> None:
        counts = self.counts()
        total = sum(counts.values())
        names = {None: self.tr("Everyone counted")}
        for key, button in self.status_buttons.items():
            label = names[key] if key is None else cap(cert_service.status_label(key))
            n = total if key is None else counts.get(key, 0)
            button.setText(f"{label}\n{n:,}" if counts else label)
        self._show_suggestion()
        self._update_buttons()

    def _show_suggestion(self) -> None:
        lang = get_language()
        s = self.data.suggestion if self.data is not None else None
        keep = self.assign_track.currentData() if s is not None and s.program.id == self._suggested else None
        self._suggested = s.program.id if s is not None else None
        self.assign_track.blockSignals(True)
        self.assign_track.clear()
        if s is None:
            self.suggestion.setText(self.tr("No certification programs in this database.") if self.data is not None
                                    else "")
            self.assign_track.blockSignals(False)
            return
        n_comp = len(s.program.competency_ids)
        for m in s.tracks:
            self.assign_track.addItem(self.tr("{0} · {1} ({2} h; at the target level: {3} of {4})").format(
                m.code, m.name(lang), fmt_hours(m.hours), m.at_target, n_comp), m.track_id)
        self.assign_track.setCurrentIndex(max(self.assign_track.findData(keep), 0) if s.tracks else -1)
        self.assign_track.blockSignals(False)
        parts: list[str] = []
        if s.tracks:
            best = s.tracks[0]
            parts.append(self.tr("Best track: <b>{0}</b> “{1}”, {2} hours; competencies it brings to the target "
                                 "level: {3} of {4}.").format(
                best.code, _esc(best.name(lang)), fmt_hours(best.hours), best.at_target, n_comp))
        else:
            parts.append(self.tr("No track raises this program's competencies yet."))
        if s.plan.steps:
            codes = ", ".join(s.course_codes.get(c, str(c)) for c in s.plan.course_ids)
            parts.append(self.tr("Shortest course plan to the target levels: {0} ({1} hours).").format(
                _esc(codes), fmt_hours(s.plan.hours)))
        elif s.plan_targets:
            parts.append(self.tr("No course plan is needed: the targets are reached."))
        else:
            parts.append(self.tr("No course of the catalogue raises this program's competencies."))
        self.suggestion.setText("<br>".join(parts))

    def _update_buttons(self) -> None:
        n = self.model.rowCount()
        track = self.assign_track.currentData()
        self.assign_button.setText(self.tr("&Assign the track to the {0} people listed").format(f"{n:,}"))
        self.assign_button.setEnabled(track is not None and n > 0 and not self.page.writing)
        s = self.data.suggestion if self.data is not None else None
        self.plan_button.setEnabled(s is not None and bool(s.plan.steps))
        self.assign_track.setEnabled(self.assign_track.count() > 0)

    # -- actions
    def assign(self) -> Task | None:
        track_id = self.assign_track.currentData()
        people = self.listed_staff()
        if self.engine is None or track_id is None or not people:
            return None
        engine, actor, due = self.engine, current_user(), from_qdate(self.due.date())

        def done(outcome: AssignOutcome) -> None:
            self.outcome = outcome
            text = self.tr("Assigned to {0} people; {1} already had it open.").format(outcome.assigned,
                                                                                      outcome.already_assigned)
            if outcome.inactive_skipped:
                text += " " + self.tr("{0} inactive people skipped.").format(outcome.inactive_skipped)
            self.say(text)
            self.page.data_changed(self)

        return self.write(lambda progress: training_service.assign_track(
            engine, int(track_id), StaffAudience(tuple(people)), due_on=due, actor=actor, progress=progress),
            done, self.tr("Assigning the track…"))

    def create_track_from_plan(self) -> TrackDialog | None:
        d = self.data
        if self.engine is None or d is None or d.suggestion is None or not d.suggestion.plan.steps:
            return None
        program = d.suggestion.program
        code = f"TRK-{program.code}"[:60]
        dialog = TrackDialog(self.engine, d.courses, d.roles, None, self, course_ids=d.suggestion.plan.course_ids,
                             code=code, name_en=f"Preparation: {program.name_en}".strip(),
                             name_es=f"Preparación: {program.name_es}".strip())

        def saved(info: TrackInfo) -> None:
            self.say(self.tr("Track {0} created.").format(info.code))
            self.page.data_changed()

        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()
        return dialog


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the page ----------------------------------------------------------------------------------------------------
class TrainingPage(QWidget):
    """Catalogue, tracks, assignment, progress and certification (see the module docstring)."""

    changed = Signal()  # courses, tracks or assignments were changed from this page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_page")
        watch_application_quit()
        self.engine: Engine | None = None
        self.write_task: Task | None = None
        self._loading: set[_Tab] = set()

        self.title = QLabel(objectName="training_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.tabs = QTabWidget(objectName="training_tabs")
        self.catalogue = CatalogueTab(self)
        self.tracks = TracksTab(self)
        self.assign = AssignTab(self)
        self.progress = ProgressTab(self)
        self.certification = CertificationTab(self)
        for tab in self.all_tabs:
            self.tabs.addTab(tab, "")

        strip = QHBoxLayout()
        self.progress_bar = QProgressBar(objectName="training_progress_bar")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(objectName="training_progress_label")
        self.cancel_button = QPushButton(objectName="training_cancel")
        self.cancel_button.clicked.connect(lambda _c=False: self.cancel_loads())
        strip.addWidget(self.progress_bar)
        strip.addWidget(self.progress_label)
        strip.addWidget(self.cancel_button)
        strip.addStretch(1)
        for w in (self.progress_bar, self.progress_label, self.cancel_button):
            w.hide()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addLayout(strip)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    @property
    def all_tabs(self) -> tuple[CatalogueTab, TracksTab, AssignTab, ProgressTab, CertificationTab]:
        return (self.catalogue, self.tracks, self.assign, self.progress, self.certification)

    @property
    def writing(self) -> bool:
        return self.write_task is not None and self.write_task.running

    @property
    def busy(self) -> bool:
        """Some background work of the page (a load or a write) is running."""
        return self.writing or any(t.busy for t in self.all_tabs)

    # -- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()  # course titles, competency and role names come in the chosen language
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Training"))
        for i, text in enumerate((self.tr("Catalogue"), self.tr("Tracks"), self.tr("Assign"), self.tr("Progress"),
                                  self.tr("Certification"))):
            self.tabs.setTabText(i, text)
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress_label.setText(self.tr("Loading…"))
        for tab in self.all_tabs:
            tab.retranslate()

    # -- data
    def set_engine(self, engine: Engine | None) -> None:
        """Show ``engine``'s training data (each tab loads when shown)."""
        self.cancel_all()
        self.engine = engine
        for tab in self.all_tabs:
            tab.invalidate()

    def reload(self) -> None:
        """The database changed (an import, an undo): every tab loads again when shown."""
        for tab in self.all_tabs:
            tab.invalidate()

    def data_changed(self, source: _Tab | None = None) -> None:
        """Courses, tracks or assignments changed here: the tabs show them again (``source`` refreshes itself)."""
        for tab in self.all_tabs:
            if tab is not source:
                tab.invalidate()
        self.changed.emit()

    def cancel_loads(self) -> None:
        """Stop the loads in progress (Cancel): those tabs load again when next shown."""
        for tab in list(self._loading):
            tab.jobs.cancel()
            tab._dirty = True
            tab.say(self.tr("Loading cancelled: show the tab again to load it."), "neutral")
        self._loading.clear()
        self._show_loading()

    def cancel_all(self) -> None:
        """Stop every background job of the page (the window is closing or another database opens)."""
        self.cancel_loads()
        for tab in self.all_tabs:
            tab.jobs.cancel()
        if self.write_task is not None and self.write_task.running:
            self.write_task.cancel()

    def loading(self, tab: _Tab, on: bool) -> None:
        if on:
            self._loading.add(tab)
        else:
            self._loading.discard(tab)
        self._show_loading()

    def load_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        if message:
            self.progress_label.setText(message)

    def _show_loading(self) -> None:
        on = bool(self._loading)
        if on and not self.progress_bar.isVisible():
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(self.tr("Loading…"))
        for w in (self.progress_bar, self.progress_label, self.cancel_button):
            w.setVisible(on)

    def write(self, fn: Callable[[Progress], Any], on_result: Callable[[Any], None],
              on_error: Callable[[BaseException, str], None], title: str) -> Task | None:
        """One write at a time, on a worker, with a progress dialog (after a moment) and Cancel."""
        if self.writing:
            QMessageBox.information(self, "SkillMap", self.tr("Please wait for the current task to finish."))
            return None

        def finished(result: Any) -> None:
            on_result(result)
            self._after_write()

        def failed(exc: BaseException, tb: str) -> None:
            on_error(exc, tb)
            self._after_write()

        self.write_task = Task(fn, on_result=finished, on_error=failed, on_cancel=self._after_write, parent=self,
                               title=title)
        self.write_task.start()
        self._after_write()
        return self.write_task

    def _after_write(self) -> None:
        self.assign._update_buttons()
        self.certification._update_buttons()
        self.progress._show_counts()


__all__ = ["AssignTab", "CatalogueTab", "CertificationTab", "ProgressTab", "TracksTab", "TrainingPage"]
