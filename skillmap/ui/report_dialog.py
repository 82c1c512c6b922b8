"""*Export report…*: pick a report, its scope, language and format, export it in the background, open it.

Three reports (:mod:`skillmap.services.reports`):

* **Skills gap report** of a unit (with the units below it), an agency or the whole organisation — xlsx, PDF or
  CSV (the people × competencies table);
* **Individual development report** of one person — PDF or CSV (their competencies). It is about that person and
  shows their name; the person is found by employee number or name;
* **Training status report** for trainers (assignments, progress, certifications due) of the same scopes — xlsx,
  PDF or CSV (the assignments).

The language is English or Spanish, chosen per report; the interface's language is proposed (for an individual
report too: the dialog says to pick the person's own language when it differs). Reports about more than one
person are pseudonymised by default; the box can be cleared only when the service's permission rule
(:func:`~skillmap.services.reports.may_export_full`) allows the full version, otherwise it is disabled and its
tooltip says why.

The file is chosen with a save dialog (name proposed from report, scope, date and language). The export runs on a
worker with a progress bar and Cancel; the service writes under a temporary name and renames the file only when
it is complete, so a cancelled or failed export leaves nothing behind. When it is done the dialog offers *Open*
and *Show in folder*. Errors are shown in the interface's language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language
from skillmap.services import reports as report_service
from skillmap.services.gaps import GapFilters, Lookups
from skillmap.services.staff import StaffTable, load_staff_table
from skillmap.tasks import Progress
from skillmap.textfold import fold, fold_many
from skillmap.ui.gap_canvas import BackgroundTask, watch_application_quit
from skillmap.ui.import_wizard import problem_lines, set_message
from skillmap.ui.training_page import agency_order, read_lookups, unit_order

KINDS = ("gaps", "person", "training")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Matches listed in the person search at most (type more to narrow).
MAX_MATCHES = 200
LANG_NAMES = {"en": "English", "es": "Español"}


@dataclass
class ScopeChoices:
    """What the scope pickers offer (read on a worker)."""

    lookups: Lookups
    agencies: list[tuple[int, str]]
    """``(agency id, label)`` in name order."""
    staffed_units: frozenset[int]
    """Units with active staff in them or below them."""
    staffed_agencies: frozenset[int]
    may_full: bool
    """The user may export the full (named) version (:func:`~skillmap.services.reports.may_export_full`)."""


def load_choices(engine: Engine, user: str | None, _progress: Progress | None = None) -> ScopeChoices:
    """Worker: the agencies and units to choose from, which of them have staff, and the user's permission."""
    lookups = read_lookups(engine)
    units = frozenset(int(f.unit) for _stem, f in report_service.batch_targets(engine, "unit")
                      if isinstance(f.unit, int))
    agencies = frozenset(int(f.agency) for _stem, f in report_service.batch_targets(engine, "agency")
                         if isinstance(f.agency, int))
    return ScopeChoices(lookups, agency_order(lookups), units, agencies,
                        report_service.may_export_full(engine, user))


@dataclass
class People:
    """The staff to search for an individual report: the table and its folded ``"number name"`` text."""

    table: StaffTable
    haystack: list[str]
    row_of: dict[int, int]
    """staff id → row of ``table``."""


def load_people(engine: Engine, table: StaffTable | None = None, _progress: Progress | None = None) -> People:
    """Worker: the staff table (read unless given) and what the person search matches."""
    t = table if table is not None else load_staff_table(engine, search_text=False)
    hay = fold_many([f"{n} {name}" for n, name in zip(t.employee_number, t.name, strict=True)])
    return People(t, hay, {sid: i for i, sid in enumerate(t.ids)})


def file_part(text: str, limit: int = 60) -> str:
    """``text`` made safe for a file name that travels by e-mail: ASCII letters and digits joined by ``-``
    (accents dropped: ``Dirección`` → ``Direccion``), at most ``limit`` characters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "x"


class ReportDialog(QDialog):
    """Choose and export a report (see the module documentation)."""

    exported = Signal(str)
    """The path of a report just written."""

    def __init__(self, engine: Engine, parent: QWidget | None = None, *, kind: str = "gaps",
                 staff_id: int | None = None, agency_id: int | None = None, unit_id: int | None = None,
                 staff: StaffTable | None = None, user: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        watch_application_quit()
        self.engine = engine
        self.user = user if user is not None else (report_service.local_user() or None)
        self.choices: ScopeChoices | None = None
        self.people: People | None = None
        self.staff_id: int | None = staff_id
        self._preset_agency, self._preset_unit = agency_id, unit_id
        self._staff_given = staff
        self._wants_pseudonym = True
        self.task: BackgroundTask | None = None
        self._loaders: list[BackgroundTask] = []
        self._people_task: BackgroundTask | None = None
        self._close_when_done = False
        self.path: Path | None = None
        """The report last written."""
        self.error: BaseException | None = None
        self.cancelled = False
        self._last_dir = Path.home()

        outer = QVBoxLayout(self)
        # -- what
        self.kind_box = QGroupBox()
        kl = QVBoxLayout(self.kind_box)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        self.kind_notes: dict[str, QLabel] = {}
        for i, k in enumerate(KINDS):
            button = QRadioButton()
            button.setObjectName(f"report_kind_{k}")
            note = QLabel()
            note.setObjectName(f"report_kind_{k}_note")
            note.setWordWrap(True)
            note.setIndent(22)
            note.setStyleSheet("color: palette(placeholder-text);")
            self.kind_group.addButton(button, i)
            self.kind_buttons[k] = button
            self.kind_notes[k] = note
            kl.addWidget(button)
            kl.addWidget(note)
        outer.addWidget(self.kind_box)

        # -- scope
        self.scope_box = QGroupBox()
        sl = QVBoxLayout(self.scope_box)
        self.scope_stack = QStackedWidget()
        org = QWidget()
        ol = QVBoxLayout(org)
        ol.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.agency_label = QLabel()
        self.agency = QComboBox()
        self.agency.setObjectName("report_agency")
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency.setMinimumContentsLength(30)
        form.addRow(self.agency_label, self.agency)
        ol.addLayout(form)
        self.units = QTreeWidget()
        self.units.setObjectName("report_units")
        self.units.setColumnCount(1)
        self.units.setHeaderHidden(True)
        self.units.setMinimumHeight(150)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ol.addWidget(self.units, 1)
        self.scope_stack.addWidget(org)

        person = QWidget()
        pl = QVBoxLayout(person)
        pl.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("report_person_search")
        self.search.setClearButtonEnabled(True)
        pl.addWidget(self.search)
        self.matches = QTableWidget(0, 3)
        self.matches.setObjectName("report_people")
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.verticalHeader().setVisible(False)
        self.matches.verticalHeader().setDefaultSectionSize(self.matches.fontMetrics().height() + 6)
        self.matches.setMinimumHeight(150)
        self.matches.setWordWrap(False)
        hdr = self.matches.horizontalHeader()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        pl.addWidget(self.matches, 1)
        self.matches_note = QLabel()
        self.matches_note.setObjectName("report_people_note")
        pl.addWidget(self.matches_note)
        self.scope_stack.addWidget(person)
        sl.addWidget(self.scope_stack, 1)
        self.scope_summary = QLabel()
        self.scope_summary.setObjectName("report_scope_summary")
        self.scope_summary.setWordWrap(True)
        bold = QFont(self.scope_summary.font())
        bold.setBold(True)
        self.scope_summary.setFont(bold)
        sl.addWidget(self.scope_summary)
        outer.addWidget(self.scope_box, 1)

        # -- options
        self.options_box = QGroupBox()
        of = QFormLayout(self.options_box)
        self.lang_label, self.format_label = QLabel(), QLabel()
        self.lang = QComboBox()
        self.lang.setObjectName("report_lang")
        for code, name in LANG_NAMES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(max(self.lang.findData(get_language()), 0))
        lang_col = QVBoxLayout()
        lang_col.addWidget(self.lang)
        self.lang_note = QLabel()
        self.lang_note.setObjectName("report_lang_note")
        self.lang_note.setWordWrap(True)
        self.lang_note.setStyleSheet("color: palette(placeholder-text);")
        lang_col.addWidget(self.lang_note)
        of.addRow(self.lang_label, lang_col)
        self.format = QComboBox()
        self.format.setObjectName("report_format")
        fmt_col = QVBoxLayout()
        fmt_col.addWidget(self.format)
        self.format_note = QLabel()
        self.format_note.setObjectName("report_format_note")
        self.format_note.setWordWrap(True)
        self.format_note.setStyleSheet("color: palette(placeholder-text);")
        fmt_col.addWidget(self.format_note)
        of.addRow(self.format_label, fmt_col)
        self.pseudonymise = QCheckBox()
        self.pseudonymise.setObjectName("report_pseudonymise")
        self.pseudonymise.setChecked(True)
        self.pseudonymise.setEnabled(False)  # until the permission is known
        of.addRow(self.pseudonymise)
        self.privacy_note = QLabel()
        self.privacy_note.setObjectName("report_privacy_note")
        self.privacy_note.setWordWrap(True)
        of.addRow(self.privacy_note)
        outer.addWidget(self.options_box)

        # -- progress, messages, result
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("report_progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        outer.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        outer.addWidget(self.message)

        buttons = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.setObjectName("report_open")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("report_show_folder")
        for b in (self.open_button, self.folder_button):
            b.hide()
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.export_button = QPushButton()
        self.export_button.setObjectName("report_export")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("report_cancel")
        self.cancel_button.hide()
        self.close_button = QPushButton()
        self.close_button.setObjectName("report_close")
        for b in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        outer.addLayout(buttons)

        # -- wiring
        self.kind_buttons[kind if kind in KINDS else "gaps"].setChecked(True)
        self.kind_group.idToggled.connect(lambda _id, on: on and self._kind_changed())
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.units.currentItemChanged.connect(lambda *_a: self._update())
        self.search.textChanged.connect(self._search)
        self.matches.itemSelectionChanged.connect(self._person_changed)
        self.lang.currentIndexChanged.connect(lambda _i: self._update())
        self.format.currentIndexChanged.connect(lambda _i: self._update())
        self.pseudonymise.toggled.connect(self._pseudonymise_toggled)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel_export())
        self.close_button.clicked.connect(lambda _checked=False: self.reject())
        self.open_button.clicked.connect(lambda _checked=False: self.open_report())
        self.folder_button.clicked.connect(lambda _checked=False: self.show_in_folder())

        self.retranslate()
        self._kind_changed()
        self.resize(760, 760)
        self._start_loading()

    # -- language ---------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export report"))
        self.kind_box.setTitle(self.tr("Report"))
        texts = {
            "gaps": (self.tr("Skills gap report"),
                     self.tr("A unit, an agency or the whole organisation: summary, heatmap, people × "
                             "competencies, definitions.")),
            "person": (self.tr("Individual development report"),
                       self.tr("One person: their gaps with the level descriptors, assigned tracks and course "
                               "plan.")),
            "training": (self.tr("Training status report"),
                         self.tr("For trainers: track assignments and their progress, certifications due.")),
        }
        for k, (title, note) in texts.items():
            self.kind_buttons[k].setText(title)
            self.kind_notes[k].setText(note)
        self.scope_box.setTitle(self.tr("Scope"))
        self.agency_label.setText(self.tr("Agency:"))
        if self.agency.count():
            self.agency.setItemText(0, self.tr("All agencies (the whole organisation)"))
        self.search.setPlaceholderText(self.tr("Search by employee number or name…"))
        self.matches.setHorizontalHeaderLabels([self.tr("Employee no."), self.tr("Name"), self.tr("Unit")])
        self.options_box.setTitle(self.tr("Options"))
        self.lang_label.setText(self.tr("Language:"))
        self.format_label.setText(self.tr("Format:"))
        self.pseudonymise.setText(self.tr("Pseudonymise names and identifiers"))
        self.export_button.setText(self.tr("Export…"))
        self.cancel_button.setText(self.tr("Cancel export"))
        self.close_button.setText(self.tr("Close"))
        self.open_button.setText(self.tr("Open"))
        self.folder_button.setText(self.tr("Show in folder"))
        self._fill_formats()
        self._fill_units()
        self._search()
        self._update()

    # -- loading ----------------------------------------------------------------------------------------------
    def _run_loader(self, fn: Any, on_result: Any) -> BackgroundTask:
        task = BackgroundTask(fn, on_result=on_result, on_error=lambda exc, _tb: self._show_error(exc),
                              parent=self, title="", show_after_ms=None)
        self._loaders.append(task)
        task.done.connect(lambda t=task: t in self._loaders and self._loaders.remove(t))
        return task.start()

    @property
    def loading(self) -> bool:
        """Scope choices or the staff list are still being read."""
        return any(t.running for t in self._loaders)

    def _start_loading(self) -> None:
        engine, user = self.engine, self.user
        self.status.setText(self.tr("Reading the organisation…"))
        self._run_loader(lambda p: load_choices(engine, user, p), self._choices_loaded)
        if self.kind == "person" or self.staff_id is not None:
            self._load_people()

    def _load_people(self) -> None:
        if self.people is not None or (self._people_task is not None and self._people_task.running):
            return
        engine, given = self.engine, self._staff_given
        self._people_task = self._run_loader(lambda p: load_people(engine, given, p), self._people_loaded)
        self._search()

    def _choices_loaded(self, choices: ScopeChoices) -> None:
        self.choices = choices
        with QSignalBlocker(self.agency):
            self.agency.clear()
            self.agency.addItem(self.tr("All agencies (the whole organisation)"), None)
            for aid, label in choices.agencies:
                if aid in choices.staffed_agencies:
                    self.agency.addItem(label, aid)
            preset = self._preset_agency
            if preset is None and self._preset_unit is not None and self._preset_unit in choices.lookups.units:
                preset = choices.lookups.units[self._preset_unit][2]
            self.agency.setCurrentIndex(max(self.agency.findData(preset), 0) if preset is not None else 0)
        self._fill_units(select=self._preset_unit)
        self._apply_permission()
        self.status.setText("")
        self._update()

    def _people_loaded(self, people: People) -> None:
        self.people = people
        if self.staff_id is not None and self.staff_id in people.row_of:
            with QSignalBlocker(self.search):
                self.search.setText(people.table.employee_number[people.row_of[self.staff_id]])
        self._search()
        self._update()

    # -- kind -------------------------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_changed(self) -> None:
        person = self.kind == "person"
        self.scope_stack.setCurrentIndex(1 if person else 0)
        if person:
            self._load_people()
        self._fill_formats()
        self._apply_permission()
        self._update()

    def _fill_formats(self) -> None:
        labels = {"xlsx": self.tr("Excel workbook (.xlsx)"), "pdf": self.tr("PDF document (.pdf)"),
                  "csv": self.tr("CSV table (.csv)")}
        current = self.format.currentData()
        with QSignalBlocker(self.format):
            self.format.clear()
            for fmt in report_service.FORMATS[self.kind]:
                self.format.addItem(labels[fmt], fmt)
            self.format.setCurrentIndex(max(self.format.findData(current), 0))

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    @property
    def report_lang(self) -> str:
        return str(self.lang.currentData())

    # -- scope ------------------------------------------------------------------------------------------------
    def _agency_changed(self, _index: int) -> None:
        self._fill_units()
        self._update()

    def _fill_units(self, select: int | None = None) -> None:
        tree = self.units
        keep = select if select is not None else self.unit_id
        with QSignalBlocker(tree):
            tree.clear()
            aid = self.agency.currentData() if self.agency.count() else None
            if self.choices is None or aid is None:
                placeholder = QTreeWidgetItem([self.tr("Choose an agency to report on one of its units.")])
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                tree.addTopLevelItem(placeholder)
                tree.setEnabled(False)
                return
            tree.setEnabled(True)
            lookups = self.choices.lookups
            whole = QTreeWidgetItem([self.tr("The whole agency")])
            whole.setData(0, ID_ROLE, None)
            font = QFont(whole.font(0))
            font.setItalic(True)
            whole.setFont(0, font)
            tree.addTopLevelItem(whole)
            items: dict[int, QTreeWidgetItem] = {}
            current = whole
            for uid, depth in unit_order(lookups, aid):
                parent = lookups.units[uid][3]
                holder = items.get(parent) if parent is not None else None
                item = QTreeWidgetItem([lookups.units[uid][1]])
                item.setData(0, ID_ROLE, uid)
                if holder is None:
                    tree.addTopLevelItem(item)
                else:
                    holder.addChild(item)
                if uid not in self.choices.staffed_units:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setToolTip(0, self.tr("Nobody works in this unit or below it."))
                else:
                    item.setToolTip(0, f"{lookups.units[uid][0]} · {lookups.units[uid][1]}")
                item.setExpanded(depth == 0)
                items[uid] = item
                if uid == keep and uid in self.choices.staffed_units:
                    current = item
            tree.setCurrentItem(current)
            tree.scrollToItem(current)

    @property
    def unit_id(self) -> int | None:
        item = self.units.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select_unit(self, unit_id: int) -> bool:
        """Choose ``unit_id`` in the tree (its agency first); ``False`` if it is not offered."""
        if self.choices is None or unit_id not in self.choices.lookups.units:
            return False
        idx = self.agency.findData(self.choices.lookups.units[unit_id][2])
        if idx < 0:
            return False
        self.agency.setCurrentIndex(idx)
        self._fill_units(select=unit_id)
        self._update()
        return self.unit_id == unit_id

    def select_agency(self, agency_id: int | None) -> bool:
        idx = self.agency.findData(agency_id) if agency_id is not None else 0
        if idx < 0:
            return False
        self.agency.setCurrentIndex(idx)
        return True

    def target(self) -> GapFilters | int | None:
        """What the report is about: a scope for gap and training reports, a staff id for an individual one
        (``None`` when no person is chosen)."""
        if self.kind == "person":
            return self.staff_id
        if self.unit_id is not None:
            return GapFilters(unit=self.unit_id)
        aid = self.agency.currentData() if self.agency.count() else None
        return GapFilters(agency=int(aid)) if aid is not None else GapFilters()

    def _scope_words(self) -> tuple[str, str]:
        """The scope in words and as a file-name part."""
        if self.kind == "person":
            if self.people is None or self.staff_id not in self.people.row_of:
                return "", ""
            t, i = self.people.table, self.people.row_of[self.staff_id]
            unit = f" — {t.unit[i]}" if t.unit[i] else ""
            return (self.tr("{0} (employee no. {1}){2}").format(t.name[i], t.employee_number[i], unit),
                    file_part(t.name[i]))
        if self.choices is None:
            return "", ""
        lookups = self.choices.lookups
        uid = self.unit_id
        if uid is not None:
            name, aid = lookups.units[uid][1], lookups.units[uid][2]
            return (self.tr("{0} and the units below it ({1})").format(name, lookups.agencies[aid][1]),
                    f"{file_part(lookups.agencies[aid][1])}_{file_part(name)}")
        aid = self.agency.currentData() if self.agency.count() else None
        if aid is not None:
            return (self.tr("The whole agency: {0}").format(lookups.agencies[aid][2]),
                    file_part(lookups.agencies[aid][1]))
        return self.tr("Every agency (the whole organisation)"), file_part(self.tr("all-agencies"))

    # -- person search ----------------------------------------------------------------------------------------
    def _search(self) -> None:
        people = self.people
        table = self.matches
        with QSignalBlocker(table):
            table.setRowCount(0)
            if people is None:
                self.matches_note.setText(self.tr("Reading the staff list…") if self.kind == "person" else "")
                return
            words = fold(self.search.text().strip()).split()
            hits: list[int] = []
            total = 0
            for i, text in enumerate(people.haystack if words else ()):
                if all(w in text for w in words):
                    total += 1
                    if len(hits) < MAX_MATCHES:
                        hits.append(i)
            t = people.table
            table.setRowCount(len(hits))
            selected = -1
            for r, i in enumerate(hits):
                cells = (t.employee_number[i], t.name[i], t.unit[i])
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(ID_ROLE, t.ids[i])
                    table.setItem(r, c, item)
                if t.ids[i] == self.staff_id:
                    selected = r
            if selected >= 0:
                table.selectRow(selected)
            elif len(hits) == 1:
                table.selectRow(0)
        if not words:
            self.matches_note.setText(self.tr("Type an employee number or part of a name."))
        elif total == 0:
            self.matches_note.setText(self.tr("Nobody matches."))
        elif total > len(hits):
            self.matches_note.setText(self.tr("Showing the first {0} of {1} matches: type more to narrow them.")
                                      .format(len(hits), f"{total:,}"))
        else:
            self.matches_note.setText(self.tr("{0} matches").format(total) if total != 1 else self.tr("1 match"))
        self._person_changed()

    def _person_changed(self) -> None:
        if self.people is None:
            return  # a preset person stays chosen until the list is read
        rows = self.matches.selectionModel().selectedRows()
        self.staff_id = int(self.matches.item(rows[0].row(), 0).data(ID_ROLE)) if rows else None
        self._update()

    def select_person(self, staff_id: int) -> bool:
        """Choose ``staff_id`` for an individual report (the staff list must be loaded)."""
        if self.people is None or staff_id not in self.people.row_of:
            return False
        self.staff_id = staff_id
        self.search.setText(self.people.table.employee_number[self.people.row_of[staff_id]])
        return self.staff_id == staff_id

    # -- privacy ----------------------------------------------------------------------------------------------
    @property
    def may_full(self) -> bool:
        return self.choices is not None and self.choices.may_full

    def _pseudonymise_toggled(self, on: bool) -> None:
        if self.kind != "person" and self.pseudonymise.isEnabled():
            self._wants_pseudonym = on
        self._update()

    def _apply_permission(self) -> None:
        box = self.pseudonymise
        with QSignalBlocker(box):
            if self.kind == "person":
                box.setChecked(False)
                box.setEnabled(False)
                box.setToolTip(self.tr("An individual development report is about one person and shows their "
                                       "name."))
            elif self.choices is None:
                box.setChecked(True)
                box.setEnabled(False)
                box.setToolTip(self.tr("Checking whether you may export the full version…"))
            elif not self.may_full:
                box.setChecked(True)
                box.setEnabled(False)
                box.setToolTip(self.tr("Only administrators and HR planners may export the full version with "
                                       "names; reports about more than one person are pseudonymised."))
            else:
                box.setChecked(self._wants_pseudonym)
                box.setEnabled(True)
                box.setToolTip(self.tr("Clear to export names and employee numbers (you are allowed to)."))

    def _privacy_text(self) -> tuple[str, str]:
        if self.kind == "person":
            return (self.tr("An individual development report is about one person and shows their name, "
                            "employee number, position and unit: give it to that person or their manager only."),
                    "neutral")
        if self.pseudonymise.isChecked():
            text = self.tr("People are named by a pseudonym (such as P-7KQ2-M9XD) that only this database can "
                           "link to them; the report holds no names, CURP, RFC or e-mail.")
            if self.choices is not None and not self.may_full:
                text += " " + self.tr("The full version with names is only for administrators and HR planners.")
            return text, "neutral"
        return (self.tr("The full version holds names and employee numbers: it is personal data. Do not forward "
                        "it."), "warn")

    # -- state ------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def proposed_name(self) -> str:
        """``<report>_<scope>_<date>_<lang>.<fmt>``, e.g. ``gap-report_SHCP_Direccion-de-datos_2026-03-01_en.xlsx``."""
        words = {"gaps": self.tr("gap-report"), "person": self.tr("development-report"),
                 "training": self.tr("training-report")}
        _text, part = self._scope_words()
        parts = [file_part(words[self.kind]), part, date.today().isoformat(), self.report_lang]
        return "_".join(p for p in parts if p) + f".{self.fmt}"

    def _update(self) -> None:
        text, _part = self._scope_words()
        self.scope_summary.setText(self.tr("Report on: {0}").format(text) if text else "")
        person = self.kind == "person"
        self.lang_note.setVisible(person)
        self.lang_note.setText(self.tr("The interface's language is proposed; choose the person's own language "
                                       "if it differs."))
        notes = {"xlsx": self.tr("Sheets for reading, filtering and printing; no formulas."),
                 "pdf": self.tr("Pages to print or send, with charts and page numbers."),
                 "csv": {"gaps": self.tr("Only the people × competencies table (UTF-8; «;» between cells in "
                                         "Spanish)."),
                         "person": self.tr("Only the table of the person's competencies (UTF-8; «;» between "
                                           "cells in Spanish)."),
                         "training": self.tr("Only the table of assignments (UTF-8; «;» between cells in "
                                             "Spanish).")}[self.kind]}
        self.format_note.setText(notes.get(self.fmt, ""))
        privacy, tone = self._privacy_text()
        set_message(self.privacy_note, [privacy], tone)
        busy = self.running
        for w in (self.kind_box, self.scope_box, self.options_box):
            w.setEnabled(not busy)
        self.export_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)
        ready = self.choices is not None and (not person or self.staff_id is not None)
        self.export_button.setEnabled(ready and not busy)

    # -- export -----------------------------------------------------------------------------------------------
    def ask_path(self) -> Path | None:
        """The save dialog with the proposed name; ``None`` when the user cancels."""
        filters = {"xlsx": self.tr("Excel workbook (*.xlsx)"), "pdf": self.tr("PDF document (*.pdf)"),
                   "csv": self.tr("CSV table (*.csv)")}
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"),
                                                str(self._last_dir / self.proposed_name()), filters[self.fmt])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{self.fmt}" else path.with_name(f"{path.name}.{self.fmt}")

    def export(self, path: str | Path | None = None) -> BackgroundTask | None:
        """Export the chosen report to ``path`` (asked with a save dialog when ``None``) on a worker."""
        if self.running or not self.export_button.isEnabled():
            return None
        target = self.target()
        if self.kind == "person" and target is None:
            return None
        chosen = Path(path) if path is not None else self.ask_path()
        if chosen is None:
            return None
        self._last_dir = chosen.parent
        engine, kind, fmt, lang, user = self.engine, self.kind, self.fmt, self.report_lang, self.user
        pseudonymise = kind == "person" or self.pseudonymise.isChecked()
        allow_full = self.may_full

        def work(progress: Progress) -> Path:
            return report_service.export_report(engine, kind, target, chosen, fmt=fmt, lang=lang,
                                                pseudonymise=pseudonymise, allow_full=allow_full, user=user,
                                                progress=progress)

        self.path = None
        self.error = None
        self.cancelled = False
        set_message(self.message, [])
        self.open_button.hide()
        self.folder_button.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Exporting {0}…").format(chosen.name))
        task = BackgroundTask(work, on_result=self._done, on_error=lambda exc, _tb: self._failed(exc),
                              on_cancel=self._cancelled, parent=self, title="", show_after_ms=None)
        task.progressed.connect(self._progressed)
        task.done.connect(self._finished)
        self.task = task
        task.start()
        self._update()
        return task

    def cancel_export(self) -> None:
        if self.running and self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _progressed(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        if message:
            self.status.setText(message)

    def _done(self, path: Path) -> None:
        self.path = Path(path)
        self.status.setText("")
        set_message(self.message, [self.tr("Exported {0}").format(self.path.name), str(self.path.parent)], "good")
        self.open_button.show()
        self.folder_button.show()
        self.exported.emit(str(self.path))

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.status.setText("")
        set_message(self.message, [self.tr("The report could not be exported:"), *problem_lines(exc)])

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText("")
        set_message(self.message, [self.tr("The organisation could not be read:"), *problem_lines(exc)])

    def _cancelled(self) -> None:
        self.cancelled = True
        self.status.setText("")
        set_message(self.message, [self.tr("Export cancelled: no file was written.")], "warn")

    def _finished(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(True)
        self._update()
        if self._close_when_done:
            super().reject()

    def open_report(self) -> bool:
        """Open the report just written with the system's application for it."""
        return self.path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def show_in_folder(self) -> bool:
        """Open the folder that holds the report just written."""
        return self.path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    # -- closing ----------------------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close; an export still running is cancelled first (the dialog closes when it has stopped)."""
        for t in self._loaders:
            t.cancel()
        if self.running:
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)


__all__ = ["KINDS", "People", "ReportDialog", "ScopeChoices", "file_part", "load_choices", "load_people"]
