"""Dialogs of the Training page, and the table model its tabs share.

* :class:`RowsModel` — a thin :class:`QAbstractTableModel` over rows kept by the caller (arrays or lists), built
  on demand, sorted and filtered through a row map (thousands of progress rows stay quick).
* :class:`CourseDialog` — create or edit a course: every field, the competencies it raises with a level picker
  each, and its prerequisites. Saved through :func:`skillmap.services.courses.save_course` on a worker; the
  service's refusals (a stale version, a code in use, a prerequisite cycle …) are shown in the dialog, which
  stays open.
* :class:`CourseImportDialog` — a catalogue spreadsheet: the plan (new, changed with their differences,
  unchanged, and the located problems) first, then *Import* (one transaction) or *Cancel*.
* :class:`TrackDialog` — a track's code, names, descriptions and target role, and its ordered courses (add,
  remove, move up and down); the order is checked as it changes (:func:`skillmap.services.training.
  track_order_problems`) and a track whose order is wrong cannot be saved.
* :class:`GenerateTrackDialog` — a track proposed from a role profile's typical gap
  (:func:`skillmap.services.training.propose_track`), renamed if wished, then stored.

Everything that reads or writes the database runs in a :class:`~skillmap.ui.tasks.Task` (progress after a moment,
and Cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language, pick
from skillmap.i18n import tr as itr
from skillmap.planning.course_plan import describe_method
from skillmap.problems import InputError, Problem
from skillmap.services import courses as course_service
from skillmap.services import training as training_service
from skillmap.services.courses import CompetencyChoice, CourseEdit, CourseRow, CoursesPlan, PlannedCourse
from skillmap.services.staff import ProfileChoice
from skillmap.services.staff_import import ImportOutcome
from skillmap.services.training import STATISTICS, TrackInfo, TrackProposal
from skillmap.tasks import Progress
from skillmap.textfold import fold
from skillmap.ui.import_wizard import current_user, fill_problem_table, problem_lines, problem_table, set_message
from skillmap.ui.long_table_dialog import ERROR_COLOUR, WARNING_COLOUR
from skillmap.ui.tasks import Task

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
AREAS: tuple[str, ...] = ("good_government", "management", "technical")
MODALITIES: tuple[str, ...] = ("online", "in_person", "blended")
OVERDUE_BACKGROUND = QColor("#fde4e2")
MUTED = QColor("#6b7280")
NEW_BACKGROUND = QColor("#e3f4ea")
CHANGED_BACKGROUND = QColor("#fdf1d6")
ERROR_BACKGROUND = QColor("#fbd5d3")

Index = QModelIndex | QPersistentModelIndex


# -- small helpers -----------------------------------------------------------------------------------------------
def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def fmt_hours(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def area_label(area: str) -> str:
    return itr(f"course.area.{area}")


def modality_label(modality: str) -> str:
    return itr(f"course.modality.{modality}")


def field_label(name: str) -> str:
    """A catalogue field's name (the import's own words), capitalised."""
    text = itr(f"course.field.{name}")
    return text[:1].upper() + text[1:]


def course_title(row: CourseRow) -> str:
    return pick(row.title_en, row.title_es, get_language())


def searchable(combo: QComboBox) -> None:
    """Make a combo box searchable by any part of its items' text."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


def combo_choice(combo: QComboBox) -> Any:
    """The data of the item whose text is in an editable combo box (``None`` when the text matches none)."""
    text = combo.currentText()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index >= 0 else None


def message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, exc: BaseException) -> None:
    """An error of a service (its located problems in the user's language) or anything else, in ``label``."""
    set_message(label, problem_lines(exc), "bad")


def table_view(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setStretchLastSection(True)
    return view


def small_table(name: str, columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
    t.horizontalHeader().setHighlightSections(False)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return t


def cell(text: str, *, right: bool = False, data: Any = None, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        item.setData(ID_ROLE, data)
    if tip:
        item.setToolTip(tip)
    return item


# -- the table model -----------------------------------------------------------------------------------------------
@dataclass
class Column:
    """One column of a :class:`RowsModel`: its header (translated when asked) and its cells by source row."""

    title: Callable[[], str]
    text: Callable[[int], str]
    sort: Callable[[int], Any] | None = None  # default: the folded text
    right: bool = False
    tip: Callable[[int], str] | None = None
    foreground: Callable[[int], QColor | None] | None = None
    bold: Callable[[int], bool] | None = None


class RowsModel(QAbstractTableModel):
    """Rows ``0 … n−1`` of data held by the caller, shown through a row map (sorting and filtering never copy the
    data). Cells are built when the view asks for them."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._ids: list[int] = []
        self._rows: list[int] = []
        self._haystack: list[str] = []
        self._needle: list[str] = []
        self._keep: Callable[[int], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.background: Callable[[int], QColor | None] | None = None
        self.foreground: Callable[[int], QColor | None] | None = None

    # -- content
    def set_rows(self, ids: Sequence[int], haystack: Sequence[str] | None = None) -> None:
        """New data: ``ids[i]`` identifies source row ``i``; ``haystack[i]`` is the text the filter box searches."""
        self.beginResetModel()
        self._ids = [int(i) for i in ids]
        self._haystack = [fold(h) for h in haystack] if haystack is not None else []
        self._rows = self._filtered()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def set_filter(self, text: str | None = None, keep: Callable[[int], bool] | bool | None = False) -> None:
        """Show the rows whose haystack holds every word of ``text`` and that ``keep`` accepts (``False``: leave
        that part of the filter as it is)."""
        if text is not None:
            self._needle = fold(text).split()
        if keep is not False:
            self._keep = keep if callable(keep) else None
        self.beginResetModel()
        self._rows = self._filtered()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def _filtered(self) -> list[int]:
        rows = range(len(self._ids))
        if self._keep is not None:
            keep = self._keep
            rows = [i for i in rows if keep(i)]  # type: ignore[assignment]
        if self._needle and len(self._haystack) == len(self._ids):
            hay, words = self._haystack, self._needle
            rows = [i for i in rows if all(w in hay[i] for w in words)]  # type: ignore[assignment]
        return list(rows)

    def refresh_texts(self) -> None:
        """The headers and cells changed language (the data did not)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- rows
    def source_row(self, row: int) -> int | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> int | None:
        i = self.source_row(row)
        return self._ids[i] if i is not None else None

    def row_of_id(self, wanted: int) -> int | None:
        for r, i in enumerate(self._rows):
            if self._ids[i] == wanted:
                return r
        return None

    def visible_sources(self) -> list[int]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._ids)

    # -- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or \
                not (0 <= index.column() < len(self.columns)):
            return None
        i = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(i)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tip(i) if col.tip is not None else col.text(i)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if col.right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = col.foreground(i) if col.foreground is not None else None
            if colour is None and self.foreground is not None:
                colour = self.foreground(i)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(i) if self.background is not None else None
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and col.bold is not None and col.bold(i):
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return self._ids[i]
        if role == SORT_ROLE:
            return self._key(index.column(), i)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title()
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- sorting
    def _key(self, column: int, i: int) -> Any:
        col = self.columns[column]
        return col.sort(i) if col.sort is not None else fold(col.text(i))

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        keys = {i: self._key(column, i) for i in self._rows}
        self._rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._rows[ix.row()] if 0 <= ix.row() < len(self._rows) else None for ix in old]
        self._sort = (column, order)
        self._apply_sort(column, order)
        position = {i: r for r, i in enumerate(self._rows)}
        new = [self.index(position[i], ix.column()) if i in position else QModelIndex()
               for ix, i in zip(old, old_rows, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


# -- course editor -------------------------------------------------------------------------------------------------
class CourseDialog(QDialog):
    """Create (``course`` None) or edit a course; ``saved`` fires with its id once the service stored it."""

    saved = Signal(int)

    def __init__(self, engine: Engine, course: CourseRow | None, courses: Sequence[CourseRow],
                 choices: Sequence[CompetencyChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("course_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.engine = engine
        self.course = course
        self.courses = list(courses)
        self.choices = {c.id: c for c in choices}
        self.task: Task | None = None
        self.saved_id: int | None = None

        self.code = QLineEdit(objectName="course_code")
        self.title_en = QLineEdit(objectName="course_title_en")
        self.title_es = QLineEdit(objectName="course_title_es")
        self.area = QComboBox(objectName="course_area")
        for a in AREAS:
            self.area.addItem("", a)
        self.provider = QLineEdit(objectName="course_provider")
        self.hours = QDoubleSpinBox(objectName="course_hours")
        self.hours.setRange(0.0, 5000.0)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(1.0)
        self.modality = QComboBox(objectName="course_modality")
        for mo in MODALITIES:
            self.modality.addItem("", mo)
        self.active = QCheckBox(objectName="course_active")
        self.active.setChecked(True)
        self.description_en = QPlainTextEdit(objectName="course_description_en")
        self.description_es = QPlainTextEdit(objectName="course_description_es")
        for box in (self.description_en, self.description_es):
            box.setFixedHeight(64)
            box.setTabChangesFocus(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("code", self.code), ("title_en", self.title_en), ("title_es", self.title_es),
                            ("area", self.area), ("provider", self.provider), ("hours", self.hours),
                            ("modality", self.modality), ("active", self.active),
                            ("description_en", self.description_en), ("description_es", self.description_es)):
            label = QLabel()
            self._labels[key] = label
            self.form.addRow(label, widget)

        # competencies raised
        self.raises_box = QGroupBox()
        rl = QVBoxLayout(self.raises_box)
        self.raises = small_table("course_raises", 3)
        self.raises.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.raises.horizontalHeader().resizeSection(0, 170)
        self.raises.horizontalHeader().resizeSection(2, 170)
        rl.addWidget(self.raises, 1)
        pick_row = QHBoxLayout()
        self.competency_picker = QComboBox(objectName="competency_picker")
        self.competency_picker.setMinimumContentsLength(30)
        self.competency_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for c in sorted(choices, key=lambda c: c.code.casefold()):
            self.competency_picker.addItem(f"{c.code} — {c.name}", c.id)
        searchable(self.competency_picker)
        self.competency_picker.setCurrentIndex(-1)
        self.add_competency = QPushButton(objectName="add_competency")
        self.add_competency.clicked.connect(lambda _c=False: self.add_raise())
        self.remove_competency = QPushButton(objectName="remove_competency")
        self.remove_competency.clicked.connect(lambda _c=False: self._remove_raise())
        pick_row.addWidget(self.competency_picker, 1)
        pick_row.addWidget(self.add_competency)
        pick_row.addWidget(self.remove_competency)
        rl.addLayout(pick_row)

        # prerequisites
        self.prereq_box = QGroupBox()
        pl = QVBoxLayout(self.prereq_box)
        self.prerequisites = QListWidget(objectName="course_prerequisites")
        pl.addWidget(self.prerequisites, 1)
        prow = QHBoxLayout()
        self.prereq_picker = QComboBox(objectName="prerequisite_picker")
        self.prereq_picker.setMinimumContentsLength(30)
        self.prereq_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for c in sorted(self.courses, key=lambda c: c.code.casefold()):
            if course is None or c.id != course.id:
                self.prereq_picker.addItem(f"{c.code} — {course_title(c)}", c.id)
        searchable(self.prereq_picker)
        self.prereq_picker.setCurrentIndex(-1)
        self.add_prereq = QPushButton(objectName="add_prerequisite")
        self.add_prereq.clicked.connect(lambda _c=False: self.add_prerequisite())
        self.remove_prereq = QPushButton(objectName="remove_prerequisite")
        self.remove_prereq.clicked.connect(lambda _c=False: self._remove_prerequisite())
        prow.addWidget(self.prereq_picker, 1)
        prow.addWidget(self.add_prereq)
        prow.addWidget(self.remove_prereq)
        pl.addLayout(prow)

        self.message = message_label("course_message")
        self.reload_button = QPushButton(objectName="course_reload")
        self.reload_button.clicked.connect(lambda _c=False: self.reload_course())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.hide()  # shown when the service says the course changed meanwhile
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.raises_box, 3)
        right.addWidget(self.prereq_box, 2)
        top = QHBoxLayout()
        left = QWidget()
        form_holder = QVBoxLayout(left)
        form_holder.setContentsMargins(0, 0, 0, 0)
        form_holder.addLayout(self.form)
        form_holder.addStretch(1)
        left.setMinimumWidth(420)
        top.addWidget(left, 1)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1060, 640)
        self.retranslate()
        self._fill(course)

    # -- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New course") if self.course is None
                            else self.tr("Edit course {0}").format(self.course.code))
        labels = {"code": self.tr("Code"), "title_en": self.tr("Title (English)"),
                  "title_es": self.tr("Title (Spanish)"), "area": self.tr("Area"), "provider": self.tr("Provider"),
                  "hours": self.tr("Hours"), "modality": self.tr("Modality"), "active": self.tr("Active"),
                  "description_en": self.tr("Description (English)"),
                  "description_es": self.tr("Description (Spanish)")}
        for key, label in self._labels.items():
            label.setText(labels[key] + ":")
        self.active.setText(self.tr("Offered (inactive courses leave the planner)"))
        for i, a in enumerate(AREAS):
            self.area.setItemText(i, area_label(a))
        for i, mo in enumerate(MODALITIES):
            self.modality.setItemText(i, modality_label(mo))
        self.raises_box.setTitle(self.tr("Competencies raised"))
        self.raises.setHorizontalHeaderLabels([self.tr("Competency"), self.tr("Name"), self.tr("Level reached")])
        self.competency_picker.lineEdit().setPlaceholderText(self.tr("Find a competency by code or name…"))
        self.add_competency.setText(self.tr("Add"))
        self.remove_competency.setText(self.tr("Remove"))
        self.prereq_box.setTitle(self.tr("Prerequisites (courses to pass first)"))
        self.prereq_picker.lineEdit().setPlaceholderText(self.tr("Find a course by code or title…"))
        self.add_prereq.setText(self.tr("Add"))
        self.remove_prereq.setText(self.tr("Remove"))
        self.reload_button.setText(self.tr("Reload the course"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    # -- fields
    def _fill(self, course: CourseRow | None) -> None:
        self.raises.setRowCount(0)
        self.prerequisites.clear()
        if course is None:
            self.hours.setValue(8.0)
            return
        self.code.setText(course.code)
        self.title_en.setText(course.title_en)
        self.title_es.setText(course.title_es)
        self.area.setCurrentIndex(max(self.area.findData(course.area), 0))
        self.provider.setText(course.provider)
        self.hours.setValue(course.hours)
        self.modality.setCurrentIndex(max(self.modality.findData(course.modality), 0))
        self.active.setChecked(course.active)
        self.description_en.setPlainText(course.description_en)
        self.description_es.setPlainText(course.description_es)
        for line in (self.code, self.title_en, self.title_es, self.provider):
            line.setCursorPosition(0)
        for r in course.raises:
            self.add_raise(r.competency_id, r.level)
        codes = {c.id: c for c in self.courses}
        for pid in course.prerequisite_ids:
            self.add_prerequisite(pid, codes.get(pid))

    def add_raise(self, competency_id: int | None = None, level: int | None = None) -> bool:
        """Add a competency (the one chosen in the picker when ``competency_id`` is None) with a level picker."""
        cid = competency_id if competency_id is not None else combo_choice(self.competency_picker)
        if cid is None or cid not in self.choices:
            return False
        if any(self.raises.item(r, 0).data(ID_ROLE) == cid for r in range(self.raises.rowCount())):
            return False
        choice = self.choices[cid]
        row = self.raises.rowCount()
        self.raises.insertRow(row)
        self.raises.setItem(row, 0, cell(choice.code, data=cid))
        self.raises.setItem(row, 1, cell(choice.name, tip=choice.name))
        levels = QComboBox()
        levels.setObjectName(f"raise_level_{cid}")
        for value, name in choice.levels[1:]:  # the lowest level cannot be a course's target
            levels.addItem(f"{value} · {name}" if name else str(value), value)
        wanted = level if level is not None else (choice.levels[min(2, len(choice.levels) - 1)][0])
        found = levels.findData(wanted)
        if found < 0 and level is not None:  # a stored level outside the picker: keep it visible
            levels.addItem(str(level), level)
            found = levels.count() - 1
        levels.setCurrentIndex(max(found, 0))
        self.raises.setCellWidget(row, 2, levels)
        if competency_id is None:
            self.competency_picker.setCurrentIndex(-1)
            self.competency_picker.clearEditText()
        return True

    def set_raise_level(self, competency_id: int, level: int) -> bool:
        for r in range(self.raises.rowCount()):
            if self.raises.item(r, 0).data(ID_ROLE) == competency_id:
                combo = self.raises.cellWidget(r, 2)
                assert isinstance(combo, QComboBox)
                index = combo.findData(level)
                if index >= 0:
                    combo.setCurrentIndex(index)
                    return True
        return False

    def _remove_raise(self) -> None:
        row = self.raises.currentRow()
        if row >= 0:
            self.raises.removeRow(row)

    def add_prerequisite(self, course_id: int | None = None, course: CourseRow | None = None) -> bool:
        cid = course_id if course_id is not None else combo_choice(self.prereq_picker)
        if cid is None or (self.course is not None and cid == self.course.id):
            return False
        if cid in self.prerequisite_ids():
            return False
        row = course or next((c for c in self.courses if c.id == cid), None)
        text = f"{row.code} — {course_title(row)}" if row is not None else f"#{cid}"
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, cid)
        self.prerequisites.addItem(item)
        if course_id is None:
            self.prereq_picker.setCurrentIndex(-1)
            self.prereq_picker.clearEditText()
        return True

    def _remove_prerequisite(self) -> None:
        row = self.prerequisites.currentRow()
        if row >= 0:
            self.prerequisites.takeItem(row)

    def prerequisite_ids(self) -> tuple[int, ...]:
        return tuple(int(self.prerequisites.item(i).data(ID_ROLE)) for i in range(self.prerequisites.count()))

    def raise_levels(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for r in range(self.raises.rowCount()):
            combo = self.raises.cellWidget(r, 2)
            assert isinstance(combo, QComboBox)
            out[int(self.raises.item(r, 0).data(ID_ROLE))] = int(combo.currentData())
        return out

    def edit(self) -> CourseEdit:
        """The course as the fields hold it (with the version that was read, for an edit)."""
        return CourseEdit(
            code=self.code.text(), area=str(self.area.currentData()), hours=float(self.hours.value()),
            modality=str(self.modality.currentData()), title_en=self.title_en.text(), title_es=self.title_es.text(),
            description_en=self.description_en.toPlainText(), description_es=self.description_es.toPlainText(),
            provider=self.provider.text(), active=self.active.isChecked(), raises=self.raise_levels(),
            prerequisites=self.prerequisite_ids(), id=self.course.id if self.course else None,
            version=self.course.version if self.course else None)

    # -- saving
    def save(self) -> Task | None:
        if self.task is not None and self.task.running:
            return None
        edit, engine, user = self.edit(), self.engine, current_user()
        self.message.hide()
        self.reload_button.hide()
        self.buttons.setEnabled(False)

        def work(_progress: Progress) -> int:
            return course_service.save_course(engine, edit, user=user)

        self.task = Task(work, on_result=self._saved, on_error=self._failed, parent=self,
                         title=self.tr("Saving the course…"))
        return self.task.start()

    def _saved(self, course_id: int) -> None:
        self.buttons.setEnabled(True)
        self.saved_id = course_id
        self.saved.emit(course_id)
        self.accept()

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.buttons.setEnabled(True)
        labels = {"code": self.tr("Code"), "title": self.tr("Title"), "title_en": self.tr("Title (English)"),
                  "title_es": self.tr("Title (Spanish)"), "area": self.tr("Area"), "provider": self.tr("Provider"),
                  "hours": self.tr("Hours"), "modality": self.tr("Modality"),
                  "description_en": self.tr("Description (English)"),
                  "description_es": self.tr("Description (Spanish)"),
                  "prerequisites": self.tr("Prerequisites"), "raises": self.tr("Competencies raised")}
        if isinstance(exc, InputError):
            lang = get_language()
            lines = []
            for p in exc.problems[:12]:
                where = labels.get((p.path or "").split(".")[0], "")
                lines.append(f"{where}: {p.message(lang)}" if where else p.message(lang))
            set_message(self.message, lines, "bad")
            if any(p.key in ("crs.stale", "crs.not_found") for p in exc.problems) and self.course is not None:
                self.reload_button.show()
        else:
            show_error(self.message, exc)

    def reload_course(self) -> Task | None:
        """Read the course again (after someone else changed it): the fields show what is stored now."""
        if self.course is None:
            return None
        engine, course_id, lang = self.engine, self.course.id, get_language()

        def done(row: CourseRow) -> None:
            self.course = row
            self._fill(row)
            self.reload_button.hide()
            set_message(self.message, [self.tr("The course was read again: it shows what is stored now.")], "neutral")

        self.task = Task(lambda _p: course_service.get_course(engine, course_id, lang), on_result=done,
                         on_error=self._failed, parent=self, title=self.tr("Reading the course…"))
        return self.task.start()


# -- catalogue import ------------------------------------------------------------------------------------------
class CourseImportDialog(QDialog):
    """A catalogue file checked against the database (nothing written), then imported on request."""

    imported = Signal(object)  # ImportOutcome

    def __init__(self, engine: Engine, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("course_import_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.engine = engine
        self.path = Path(path)
        self.plan: CoursesPlan | None = None
        self.outcome: ImportOutcome | None = None
        self.task: Task | None = None

        self.heading = QLabel(objectName="import_heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(objectName="import_summary")
        self.summary.setWordWrap(True)
        self.courses_title = QLabel()
        self.courses = small_table("import_courses", 4)
        header = self.courses.horizontalHeader()
        header.resizeSection(0, 120)
        header.resizeSection(1, 60)
        header.resizeSection(2, 110)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.courses.setWordWrap(True)
        self.courses.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems_title = QLabel()
        self.problems = problem_table(self, "import_problems")
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.courses_title)
        tl.addWidget(self.courses, 1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.problems_title)
        bl.addWidget(self.problems, 1)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([420, 200])
        self.message = message_label("import_message")
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(lambda _c=False: self.commit())
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(980, 700)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import courses"))
        self.heading.setText(self.tr("Courses in {0}").format(self.path.name))
        self.courses_title.setText(self.tr("What the import would do (nothing is stored until you click Import):"))
        self.courses.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Row"), self.tr("Result"),
                                                self.tr("Differences")])
        self.problems.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Where"), self.tr("Problem")])
        self.import_button.setText(self.tr("&Import"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_plan()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def check(self) -> Task:
        """Read the file and compare it with the catalogue (on a worker)."""
        engine, path = self.engine, self.path
        self.summary.setText(self.tr("Reading and checking the file…"))

        def work(progress: Progress) -> CoursesPlan:
            return course_service.plan_courses_file(engine, path, progress=progress)

        def done(plan: CoursesPlan) -> None:
            self.plan = plan
            self._show_plan()

        def failed(exc: BaseException, _tb: str) -> None:
            self.summary.setText(self.tr("The file could not be read."))
            show_error(self.message, exc)

        self.task = Task(work, on_result=done, on_error=failed, on_cancel=self.reject, parent=self,
                         title=self.tr("Checking {0}…").format(self.path.name))
        return self.task.start()

    def _status_text(self, status: str) -> str:
        return {"new": self.tr("New"), "changed": self.tr("Changed"), "unchanged": self.tr("Unchanged"),
                "error": self.tr("Error")}.get(status, status)

    def _value(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if name == "area":
            return area_label(str(value))
        if name == "modality":
            return modality_label(str(value))
        if name == "active":
            return self.tr("Yes") if value else self.tr("No")
        if name == "hours":
            return fmt_hours(float(value))
        text = " ".join(str(value).split())
        return text if len(text) <= 70 else text[:69] + "…"

    def differences(self, course: PlannedCourse) -> str:
        return "\n".join(f"{field_label(ch.field)}: {self._value(ch.field, ch.old)} → {self._value(ch.field, ch.new)}"
                         for ch in course.changes)

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            return
        c = plan.counts()
        self.summary.setText(self.tr(
            "{0} courses read: {1} new, {2} changed, {3} unchanged, {4} with errors. {5} courses of the catalogue "
            "are not in the file and stay as they are.").format(
            c["courses_read"], c["courses_new"], c["courses_changed"], c["courses_unchanged"],
            c["courses_with_errors"], c["not_in_file"]))
        order = {"error": 0, "new": 1, "changed": 2, "unchanged": 3}
        rows = sorted(plan.courses, key=lambda p: (order.get(p.status, 4), p.row))
        backgrounds = {"new": NEW_BACKGROUND, "changed": CHANGED_BACKGROUND, "error": ERROR_BACKGROUND}
        lang = get_language()
        row_problems: dict[int, list[str]] = {}
        for problem in plan.problems:
            if problem.row is not None and problem.severity == "error" and problem.sheet in (None, plan.sheet):
                row_problems.setdefault(problem.row, []).append(problem.message(lang))
        self.courses.setUpdatesEnabled(False)
        try:
            self.courses.setRowCount(len(rows))
            for r, p in enumerate(rows):
                diff = "\n".join(row_problems.get(p.row, [])) if p.status == "error" else self.differences(p)
                items = [cell(p.code), cell(str(p.row), right=True), cell(self._status_text(p.status)),
                         cell(diff, tip=diff)]
                colour = backgrounds.get(p.status)
                for col, item in enumerate(items):
                    if colour is not None:
                        item.setBackground(QBrush(colour))
                    self.courses.setItem(r, col, item)
        finally:
            self.courses.setUpdatesEnabled(True)
        self.problems_title.setText(self.tr("Problems ({0} errors, {1} warnings):").format(
            c["errors"], c["warnings"]) if plan.problems else self.tr("No problems found."))
        fill_problem_table(self.problems, plan.problems, error=self.tr("Error"), warning=self.tr("Warning"),
                           more=self.tr("… and {0} more"))
        self.problems.setVisible(bool(plan.problems))
        ok = not plan.errors and bool(plan.new or plan.changed)
        self.import_button.setEnabled(ok and not self.running)
        if plan.errors:
            set_message(self.message, [self.tr("Fix the errors in the file and import it again: a file with errors "
                                               "is not imported.")], "bad")
        elif not ok:
            set_message(self.message, [self.tr("Nothing to import: every course of the file is already in the "
                                               "catalogue as it is.")], "neutral")
        else:
            self.message.hide()

    def commit(self) -> Task | None:
        plan = self.plan
        if plan is None or self.running:
            return None
        engine, actor = self.engine, current_user()
        self.import_button.setEnabled(False)

        def done(outcome: ImportOutcome) -> None:
            self.outcome = outcome
            self.imported.emit(outcome)
            self.accept()

        def failed(exc: BaseException, _tb: str) -> None:
            show_error(self.message, exc)
            self.import_button.setEnabled(True)

        self.task = Task(lambda progress: course_service.commit_courses(engine, plan, actor=actor, progress=progress),
                         on_result=done, on_error=failed, on_cancel=lambda: self.import_button.setEnabled(True),
                         parent=self, title=self.tr("Importing the courses…"))
        return self.task.start()

    def reject(self) -> None:
        if self.running and self.task is not None:
            self.task.cancel()  # nothing is stored when an import is cancelled
        super().reject()


# -- track editor --------------------------------------------------------------------------------------------------
class TrackDialog(QDialog):
    """Create (``track`` None) or edit a track. ``saved`` fires with the stored :class:`TrackInfo`."""

    saved = Signal(object)

    def __init__(self, engine: Engine, courses: Sequence[CourseRow], roles: Sequence[ProfileChoice],
                 track: TrackInfo | None = None, parent: QWidget | None = None, *,
                 course_ids: Sequence[int] = (), code: str = "", name_en: str = "", name_es: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("track_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.engine = engine
        self.track = track
        self.by_id = {c.id: c for c in courses}
        self.prerequisites = {c.id: c.prerequisite_ids for c in courses}
        self.codes = {c.id: c.code for c in courses}
        self.task: Task | None = None
        self.result_track: TrackInfo | None = None
        self.problems: list[Problem] = []

        self.code = QLineEdit(objectName="track_code")
        self.name_en = QLineEdit(objectName="track_name_en")
        self.name_es = QLineEdit(objectName="track_name_es")
        self.description_en = QPlainTextEdit(objectName="track_description_en")
        self.description_es = QPlainTextEdit(objectName="track_description_es")
        for box in (self.description_en, self.description_es):
            box.setFixedHeight(52)
            box.setTabChangesFocus(True)
        self.role = QComboBox(objectName="track_role")
        self.role.addItem("", None)
        lang = get_language()
        for r in roles:
            self.role.addItem(f"{pick(r.title_en, r.title_es, lang) or r.code} ({r.framework_code})", r.id)
        searchable(self.role)
        self.form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("code", self.code), ("name_en", self.name_en), ("name_es", self.name_es),
                            ("description_en", self.description_en), ("description_es", self.description_es),
                            ("role", self.role)):
            label = QLabel()
            self._labels[key] = label
            self.form.addRow(label, widget)

        # the catalogue (left) and the track (right)
        self.catalogue_title = QLabel()
        self.filter = QLineEdit(objectName="track_course_filter")
        self.filter.textChanged.connect(self._filter_catalogue)
        self.catalogue = QListWidget(objectName="track_catalogue")
        self.catalogue.itemDoubleClicked.connect(lambda _i: self.add_selected())
        for c in sorted(courses, key=lambda c: c.code.casefold()):
            if not c.active:
                continue
            item = QListWidgetItem(f"{c.code} — {course_title(c)} ({fmt_hours(c.hours)} h)")
            item.setData(ID_ROLE, c.id)
            if c.prerequisites:
                item.setToolTip(self.tr("Prerequisites: {0}").format(", ".join(c.prerequisites)))
            self.catalogue.addItem(item)
        self.add_button = QPushButton(objectName="track_add")
        self.add_button.clicked.connect(lambda _c=False: self.add_selected())
        self.track_title = QLabel()
        self.list = QListWidget(objectName="track_courses")
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.up = QPushButton(objectName="track_up")
        self.down = QPushButton(objectName="track_down")
        self.remove = QPushButton(objectName="track_remove")
        self.up.clicked.connect(lambda _c=False: self.move(-1))
        self.down.clicked.connect(lambda _c=False: self.move(1))
        self.remove.clicked.connect(lambda _c=False: self.remove_current())
        self.total = QLabel(objectName="track_total")
        self.problem_list = QListWidget(objectName="track_problems")
        self.problem_list.setWordWrap(True)
        self.problem_list.setMaximumHeight(120)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.catalogue_title)
        ll.addWidget(self.filter)
        ll.addWidget(self.catalogue, 1)
        ll.addWidget(self.add_button)
        right = QWidget()
        rl = QGridLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.track_title, 0, 0, 1, 2)
        rl.addWidget(self.list, 1, 0, 4, 1)
        rl.addWidget(self.up, 1, 1)
        rl.addWidget(self.down, 2, 1)
        rl.addWidget(self.remove, 3, 1)
        rl.setRowStretch(4, 1)
        rl.addWidget(self.total, 5, 0, 1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 520])

        self.message = message_label("track_message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(split, 1)
        self.problems_title = QLabel()
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1020, 760)

        if track is not None:
            self.code.setText(track.code)
            self.name_en.setText(track.name_en)
            self.name_es.setText(track.name_es)
            self.description_en.setPlainText(track.description_en)
            self.description_es.setPlainText(track.description_es)
            self.role.setCurrentIndex(max(self.role.findData(track.target_role_profile_id), 0))
            course_ids = track.course_ids
        else:
            self.code.setText(code)
            self.name_en.setText(name_en)
            self.name_es.setText(name_es)
            self.role.setCurrentIndex(0)
        for cid in course_ids:
            self.add_course(cid)
        self.retranslate()
        self.check_order()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New track") if self.track is None
                            else self.tr("Edit track {0}").format(self.track.code))
        labels = {"code": self.tr("Code"), "name_en": self.tr("Name (English)"), "name_es": self.tr("Name (Spanish)"),
                  "description_en": self.tr("Description (English)"),
                  "description_es": self.tr("Description (Spanish)"), "role": self.tr("Prepares for the role")}
        for key, label in self._labels.items():
            label.setText(labels[key] + ":")
        self.role.setItemText(0, self.tr("(no particular role)"))
        self.catalogue_title.setText(self.tr("Active courses of the catalogue"))
        self.filter.setPlaceholderText(self.tr("Filter by code or title…"))
        self.add_button.setText(self.tr("Add to the track →"))
        self.track_title.setText(self.tr("Courses of the track, in the order they are taken"))
        self.up.setText(self.tr("Move up"))
        self.down.setText(self.tr("Move down"))
        self.remove.setText(self.tr("Remove"))
        self.problems_title.setText(self.tr("Order check"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.check_order()

    # -- courses
    def _filter_catalogue(self, text: str) -> None:
        words = fold(text).split()
        for i in range(self.catalogue.count()):
            item = self.catalogue.item(i)
            hay = fold(item.text())
            item.setHidden(not all(w in hay for w in words))

    def course_ids(self) -> list[int]:
        return [int(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def add_course(self, course_id: int) -> bool:
        if course_id in self.course_ids():
            return False
        c = self.by_id.get(course_id)
        text = f"{c.code} — {course_title(c)} ({fmt_hours(c.hours)} h)" if c is not None else f"#{course_id}"
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, course_id)
        self.list.addItem(item)
        self.check_order()
        return True

    def add_selected(self) -> None:
        for item in self.catalogue.selectedItems() or ([self.catalogue.currentItem()]
                                                        if self.catalogue.currentItem() else []):
            self.add_course(int(item.data(ID_ROLE)))
        self.list.setCurrentRow(self.list.count() - 1)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.list.count()):
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.check_order()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.check_order()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)
        self.remove.setEnabled(row >= 0)

    def check_order(self) -> list[Problem]:
        """The order problems of the courses as listed (errors block saving; warnings do not)."""
        ids = self.course_ids()
        found = training_service.track_order_problems(ids, self.prerequisites, self.codes) if ids else []
        self.problems = sorted(found, key=lambda p: p.severity != "error")  # errors first, in order
        lang = get_language()
        self.problem_list.clear()
        for p in self.problems:
            item = QListWidgetItem(("✖ " if p.severity == "error" else "⚠ ") + p.message(lang))
            item.setForeground(QBrush(ERROR_COLOUR if p.severity == "error" else WARNING_COLOUR))
            item.setData(ID_ROLE, p.severity)
            self.problem_list.addItem(item)
        if not self.problems:
            item = QListWidgetItem(self.tr("No courses yet.") if not ids
                                   else self.tr("✔ Every course comes after its prerequisites."))
            self.problem_list.addItem(item)
        hours = sum(self.by_id[c].hours for c in ids if c in self.by_id)
        self.total.setText(self.tr("{0} courses · {1} hours").format(len(ids), fmt_hours(hours)))
        errors = any(p.severity == "error" for p in self.problems)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(ids) and not errors)
        save.setToolTip(self.tr("Fix the order of the courses first.") if errors else "")
        self._update_buttons()
        return self.problems

    def errors(self) -> list[str]:
        lang = get_language()
        return [p.message(lang) for p in self.problems if p.severity == "error"]

    # -- saving
    def save(self) -> Task | None:
        if (self.task is not None and self.task.running) or self.errors():
            return None
        engine, actor, track = self.engine, current_user(), self.track
        ids = self.course_ids()
        values = {"code": self.code.text().strip(), "name_en": self.name_en.text().strip(),
                  "name_es": self.name_es.text().strip(), "description_en": self.description_en.toPlainText(),
                  "description_es": self.description_es.toPlainText()}
        role = self.role.currentData()

        def work(_progress: Progress) -> TrackInfo:
            if track is None:
                return training_service.create_track(engine, course_ids=ids, target_role_profile_id=role,
                                                     actor=actor, **values)
            info = track
            changed = {k: v for k, v in values.items() if getattr(track, k) != v}
            if changed or role != track.target_role_profile_id:
                info = training_service.update_track(engine, track.id, info.version, target_role_profile_id=role,
                                                     actor=actor, **changed)
            if list(track.course_ids) != ids:
                info = training_service.set_track_courses(engine, track.id, info.version, ids, actor=actor)
            return info

        self.message.hide()
        self.buttons.setEnabled(False)
        self.task = Task(work, on_result=self._saved, on_error=self._failed, parent=self,
                         title=self.tr("Saving the track…"))
        return self.task.start()

    def _saved(self, info: TrackInfo) -> None:
        self.buttons.setEnabled(True)
        self.result_track = info
        self.saved.emit(info)
        self.accept()

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.buttons.setEnabled(True)
        self.check_order()
        show_error(self.message, exc)


# -- a track from a role's typical gap -------------------------------------------------------------------------------
class GenerateTrackDialog(QDialog):
    """Pick a role profile; the proposed track (typical gap, courses, hours) is shown and stored on request."""

    saved = Signal(object)

    def __init__(self, engine: Engine, roles: Sequence[ProfileChoice], *, courses: Sequence[CourseRow] = (),
                 competency_names: dict[int, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generate_track_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.engine = engine
        self.course_rows = {c.id: c for c in courses}
        self.competency_names = competency_names or {}
        self.proposal: TrackProposal | None = None
        self.result_track: TrackInfo | None = None
        self.task: Task | None = None

        self.role = QComboBox(objectName="generate_role")
        lang = get_language()
        for r in roles:
            self.role.addItem(f"{pick(r.title_en, r.title_es, lang) or r.code} ({r.framework_code} · {r.code})", r.id)
        searchable(self.role)
        self.role.setCurrentIndex(0 if roles else -1)
        self.share = QSpinBox(objectName="generate_share")
        self.share.setRange(0, 100)
        self.share.setValue(round(100 * training_service.MIN_SHARE))
        self.share.setSuffix(" %")
        self.statistic = QComboBox(objectName="generate_statistic")
        for s in STATISTICS:
            self.statistic.addItem("", s)
        self.propose_button = QPushButton(objectName="generate_propose")
        self.propose_button.clicked.connect(lambda _c=False: self.propose())
        self.role_label, self.share_label, self.statistic_label = QLabel(), QLabel(), QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.role_label)
        bar.addWidget(self.role, 3)
        bar.addWidget(self.share_label)
        bar.addWidget(self.share)
        bar.addWidget(self.statistic_label)
        bar.addWidget(self.statistic)
        bar.addWidget(self.propose_button)

        self.summary = QLabel(objectName="generate_summary")
        self.summary.setWordWrap(True)
        self.gaps_title = QLabel()
        self.gaps = small_table("generate_gaps", 7)
        gh = self.gaps.horizontalHeader()
        gh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.courses_title = QLabel()
        self.courses = small_table("generate_courses", 5)
        ch = self.courses.horizontalHeader()
        ch.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.code = QLineEdit(objectName="generate_code")
        self.name_en = QLineEdit(objectName="generate_name_en")
        self.name_es = QLineEdit(objectName="generate_name_es")
        self.form = QFormLayout()
        self.code_label, self.name_en_label, self.name_es_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.code_label, self.code)
        self.form.addRow(self.name_en_label, self.name_en)
        self.form.addRow(self.name_es_label, self.name_es)
        self.message = message_label("generate_message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.gaps_title)
        layout.addWidget(self.gaps, 2)
        layout.addWidget(self.courses_title)
        layout.addWidget(self.courses, 3)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1000, 760)
        self.retranslate()
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Generate a track from a role's typical gap"))
        self.role_label.setText(self.tr("Role profile:"))
        self.share_label.setText(self.tr("Counts when short:"))
        self.share.setToolTip(self.tr("A competency is part of the typical gap when at least this share of the "
                                      "people assessed in it fall short of the required level"))
        self.statistic_label.setText(self.tr("Typical gap:"))
        for i, text in enumerate((self.tr("median"), self.tr("mean"), self.tr("maximum"))):
            self.statistic.setItemText(i, text)
        self.propose_button.setText(self.tr("&Propose"))
        self.gaps_title.setText(self.tr("Typical gap of the people holding the role"))
        self.gaps.setHorizontalHeaderLabels([self.tr("Competency"), self.tr("Name"), self.tr("Required"),
                                             self.tr("Assessed"), self.tr("Short"), self.tr("Share short"),
                                             self.tr("Typical gap")])
        self.courses_title.setText(self.tr("Proposed courses, in order"))
        self.courses.setHorizontalHeaderLabels([self.tr("No."), self.tr("Code"), self.tr("Title"), self.tr("Hours"),
                                                self.tr("Closes")])
        self.code_label.setText(self.tr("Code:"))
        self.name_en_label.setText(self.tr("Name (English):"))
        self.name_es_label.setText(self.tr("Name (Spanish):"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save as a track"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._show()

    def propose(self) -> Task | None:
        role_id = combo_choice(self.role)
        if role_id is None or (self.task is not None and self.task.running):
            return None
        engine, share, statistic = self.engine, self.share.value() / 100.0, str(self.statistic.currentData())
        self.message.hide()
        self.summary.setText(self.tr("Measuring the typical gap…"))

        def done(proposal: TrackProposal) -> None:
            self.proposal = proposal
            self.code.setText(proposal.code)
            self.name_en.setText(proposal.name_en)
            self.name_es.setText(proposal.name_es)
            self._show()

        def failed(exc: BaseException, _tb: str) -> None:
            self.proposal = None
            self._show()
            show_error(self.message, exc)

        self.task = Task(lambda progress: training_service.propose_track(engine, int(role_id), min_share=share,
                                                                         statistic=statistic, progress=progress),
                         on_result=done, on_error=failed, parent=self, title=self.tr("Proposing a track…"))
        return self.task.start()

    def _show(self) -> None:
        p = self.proposal
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(p is not None and bool(p.course_ids))
        for w in (self.code, self.name_en, self.name_es):
            w.setEnabled(p is not None)
        if p is None:
            self.summary.setText(self.tr("Choose a role profile and click Propose: SkillMap measures the typical gap "
                                         "of the people who hold it and picks the courses that close it with the "
                                         "fewest hours."))
            self.gaps.setRowCount(0)
            self.courses.setRowCount(0)
            return
        lang = get_language()
        role = pick(p.role_title_en, p.role_title_es, lang)
        included = p.included
        text = self.tr("{0} people hold “{1}”. Typical gap in {2} of its {3} competencies; proposed track: {4} "
                       "courses, {5} hours.").format(p.people, role, len(included), len(p.gaps),
                                                     len(p.course_ids), fmt_hours(p.plan.hours))
        text += " " + describe_method(p.plan, lang) + "."
        if p.uncovered:
            names = ", ".join(next((g.code for g in p.gaps if g.competency_id == c), str(c)) for c in p.uncovered)
            text += " " + self.tr("No course closes: {0}.").format(names)
        if not p.course_ids:
            text += " " + self.tr("There is nothing to propose for this role.")
        self.summary.setText(text)
        self.gaps.setRowCount(len(p.gaps))
        for r, g in enumerate(p.gaps):
            name = self.competency_names.get(g.competency_id, "")
            share = "—" if g.share_short != g.share_short else f"{100 * g.share_short:.0f} %"
            items = [cell(g.code), cell(name, tip=name), cell(str(g.required), right=True),
                     cell(str(g.assessed), right=True), cell(str(g.short), right=True), cell(share, right=True),
                     cell(str(g.typical_gap) if g.included else "—", right=True)]
            for c, item in enumerate(items):
                if g.included and g.typical_gap > 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.gaps.setItem(r, c, item)
        for c in (0, 2, 3, 4, 5, 6):
            self.gaps.resizeColumnToContents(c)
        codes = {g.competency_id: g.code for g in p.gaps}
        self.courses.setRowCount(len(p.plan.steps))
        for r, step in enumerate(p.plan.steps):
            row = self.course_rows.get(step.course.id)
            title = course_title(row) if row is not None else step.course.code
            closes = ", ".join(codes.get(c, str(c)) for c in step.needed_for) or self.tr("(prerequisite)")
            for c, item in enumerate([cell(str(r + 1), right=True), cell(step.course.code), cell(title, tip=title),
                                      cell(fmt_hours(step.course.hours), right=True), cell(closes, tip=closes)]):
                self.courses.setItem(r, c, item)
        for c in (0, 1, 3, 4):
            self.courses.resizeColumnToContents(c)

    def save(self) -> Task | None:
        p = self.proposal
        if p is None or (self.task is not None and self.task.running):
            return None
        engine, actor = self.engine, current_user()
        code, name_en, name_es = self.code.text().strip(), self.name_en.text().strip(), self.name_es.text().strip()
        self.buttons.setEnabled(False)

        def done(info: TrackInfo) -> None:
            self.buttons.setEnabled(True)
            self.result_track = info
            self.saved.emit(info)
            self.accept()

        def failed(exc: BaseException, _tb: str) -> None:
            self.buttons.setEnabled(True)
            show_error(self.message, exc)

        self.task = Task(lambda _p: training_service.create_track_from_proposal(
            engine, p, code=code or None, name_en=name_en or None, name_es=name_es or None, actor=actor),
            on_result=done, on_error=failed, parent=self, title=self.tr("Saving the track…"))
        return self.task.start()


__all__ = [
    "AREAS", "ID_ROLE", "MODALITIES", "Column", "CourseDialog", "CourseImportDialog", "GenerateTrackDialog",
    "RowsModel", "TrackDialog", "fmt_date", "fmt_hours", "from_qdate", "to_qdate",
]
