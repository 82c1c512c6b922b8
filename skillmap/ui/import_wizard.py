"""Import staff and competency levels from an HR workbook, step by step, with a check before anything is stored.

The wizard wraps :mod:`skillmap.importing` (reader, staff parser) and :mod:`skillmap.services.staff_import`
(plan, commit), the same flow as ``skillmap import-staff`` on the command line:

a. **File**: the workbook or CSV file, CSV encoding and delimiter (detected unless set), and a saved mapping
   to start from. The file is read in the sandboxed reader.
b. **Sheet and columns**: the sheet (the one that looks most like a staff list is proposed), the header row,
   one combo box per staff field listing the file's headers, the competency of each level column (matched
   ones pre-filled), the level words, the columns that are not stored, and “Save mapping as…”.
c. **Preview**: the first people as they will be stored, every problem marked in its cell (red: error, amber:
   warning; the tooltip says what is wrong) and listed with its location; rows with errors are skipped only
   if the user says so. The problems can be exported for the office that sent the file.
d. **Differences**: who is new, who changed (field by field, before → after), who is missing from the file,
   how many levels are new or already stored, and the agencies and units named for the first time.
e. **Importing**: one transaction with a progress bar and a working Cancel (nothing is stored if cancelled),
   then the result with the import number (undo it on the Imports page).

Reading, parsing, planning, committing and exporting run in :class:`~skillmap.ui.tasks.Task`; the window
stays responsive. An :class:`~skillmap.problems.InputError` is shown in the page with its located problems.
"""

from __future__ import annotations

import contextlib
import getpass
import html
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy import Engine

from skillmap.frameworks.longtable import normalise, one_line
from skillmap.i18n import get_language, pick
from skillmap.importing import values as V
from skillmap.importing.model import (
    LEVEL_FIELDS,
    SOURCES,
    STAFF_FIELDS,
    CompetencyRef,
    ParsedStaff,
    RawSheet,
    StaffMapping,
)
from skillmap.importing.reader import likely_sheet, read_workbook
from skillmap.importing.report import write_problems
from skillmap.importing.staff import competency_key, detect_mapping, parse_staff, score_staff_header
from skillmap.problems import InputError, Problem
from skillmap.services.staff_import import (
    ImportOutcome,
    ImportPlan,
    commit_import,
    competency_refs,
    load_mapping,
    mapping_names,
    plan_import,
    save_mapping,
)
from skillmap.tasks import Progress
from skillmap.ui.long_table_dialog import ERROR_COLOUR, WARNING_COLOUR
from skillmap.ui.tasks import Task

log = logging.getLogger(__name__)

T = TypeVar("T")

EXTENSIONS = ("xlsx", "xlsm", "xls", "ods", "csv")
PREVIEW_PEOPLE = 200  # people shown in the preview, in file order ...
PREVIEW_PROBLEM_ROWS = 2000  # ... plus the rows with problems after them, up to this many
MAX_SHOWN_PROBLEMS = 1000
MAX_LISTED = 2000  # people per list on the differences page
ERROR_BACKGROUND = QColor("#fbd5d3")
WARNING_BACKGROUND = QColor("#fde9c2")
PROBLEM_ROLE = Qt.ItemDataRole.UserRole
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW_WIDTHS = (54, 90, 120, 110, 110, 165, 120, 200, 200, 200, 60, 90, 90, 200, 80, 110, 55)
MAX_COLUMN_WIDTH = 340  # a preview column fitted to its values is at most this wide (pixels)
CHANGED_WIDTHS = (260, 200, 220)  # least widths of the changed-people tree: who, field, before
REQUIRED = ("employee_number",)
NAME_FIELDS = ("given_names", "full_name")
# the parser's name of the position field may be either (kept in step with skillmap.importing.staff)
ALIASES: dict[str, tuple[str, ...]] = {"position": ("position", "position_title"),
                                       "position_title": ("position_title", "position")}

# Preview columns, and the preview column of each staff field.
PREVIEW_COLUMNS: tuple[str, ...] = (
    "row", "employee_number", "given_names", "first_surname", "second_surname", "curp", "rfc", "agency", "unit",
    "position", "grade", "birth_date", "hire_date", "email", "manager_employee_number", "role_profile", "levels",
)
COLUMN_OF: dict[str, int] = {name: i for i, name in enumerate(PREVIEW_COLUMNS)}
COLUMN_OF.update(full_name=COLUMN_OF["given_names"], position_title=COLUMN_OF["position"])
LEVELS_COLUMN = COLUMN_OF["levels"]
ALWAYS_SHOWN = {COLUMN_OF[c] for c in ("row", "employee_number", "given_names", "first_surname")}


# -- headless helpers (run on worker threads; no widgets) ----------------------------------------------------
def interruptible(fn: Callable[[], T], progress: Progress) -> T:
    """Run ``fn`` on a helper thread and wait for it, so that Cancel answers at once although ``fn`` has no
    cancellation points (the reader, the parser): on cancel :class:`Cancelled` is raised here and the
    helper's result, when it comes, is dropped (it only reads)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    helper = threading.Thread(target=run, name="skillmap-import-step", daemon=True)
    helper.start()
    while helper.is_alive():
        helper.join(0.05)
        progress.check()
    if "error" in box:
        raise box["error"]
    return box["result"]  # type: ignore[no-any-return]


def current_user() -> str | None:
    """Who imports, as recorded with the import: the operating-system account."""
    try:
        return getpass.getuser() or None
    except Exception:  # no login name in this environment
        return None


def field_value(fields: dict[str, str], name: str) -> str | None:
    """The header ``fields`` maps ``name`` to, under either spelling of the field."""
    for key in ALIASES.get(name, (name,)):
        if key in fields:
            return fields[key]
    return None


@dataclass
class FileRead:
    """A file read on page (a): its sheets, the sheet proposed, and what the mapping page needs."""

    key: tuple[str, str | None, str | None]  # path, encoding, delimiter
    data: Any  # WorkbookData
    proposed: str | None
    competencies: list[CompetencyRef]
    saved_name: str | None = None
    saved: StaffMapping | None = None
    token: int = 0  # changes whenever the file or the saved mapping changes


def read_file(engine: Engine, key: tuple[str, str | None, str | None], mapping_name: str | None,
              previous: FileRead | None, progress: Progress, message: str) -> FileRead:
    """Read the file (unless ``previous`` read it with the same settings) and load the saved mapping.

    The reader is given ``progress`` so that Cancel kills its child process at once (a large workbook can
    take a minute to parse); ``interruptible`` answers Cancel even while the checks before the child runs."""
    progress.report(0, 0, message)
    if previous is not None and previous.key == key:
        data, proposed, refs = previous.data, previous.proposed, previous.competencies
    else:
        path, encoding, delimiter = key
        data = interruptible(lambda: read_workbook(path, None, encoding=encoding, delimiter=delimiter,
                                                   progress=progress), progress)
        proposed = likely_sheet(data, score=score_staff_header)
        refs = competency_refs(engine)
    saved = load_mapping(engine, mapping_name) if mapping_name else None
    return FileRead(key, data, proposed, refs, mapping_name, saved)


@dataclass
class SheetHeader:
    """The header of a sheet as the parser reads it: the text of each column ("" where blank)."""

    row: int | None  # spreadsheet row number
    index: int | None  # into sheet.rows
    texts: list[str]
    hidden: set[int] = field(default_factory=set)  # column positions hidden in the sheet
    _by_key: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for col, text in enumerate(self.texts):
            if text:
                self._by_key.setdefault(normalise(text), col)

    def column(self, header: str | None) -> int | None:
        return self._by_key.get(normalise(header)) if header else None

    def options(self) -> list[str]:
        """Header texts a field can be mapped to: non-empty, the first of any that read the same."""
        seen: set[str] = set()
        out: list[str] = []
        for text in self.texts:
            key = normalise(text)
            if text and key and key not in seen:
                seen.add(key)
                out.append(text)
        return out


def _row_texts(sheet: RawSheet, index: int) -> list[str]:
    row = sheet.rows[index] if 0 <= index < len(sheet.rows) else []
    return [V.cell_text(c) or "" for c in row]


def sheet_header(sheet: RawSheet, mapping: StaffMapping) -> SheetHeader:
    """The header row ``mapping`` names; a header on two rows (merged cells above sub-headers) reads the
    lower cell where there is one, as the parser does."""
    hidden = {c - sheet.col_offset for c in sheet.hidden_columns}
    if mapping.header_row is None or mapping.header_row not in sheet.row_numbers:
        return SheetHeader(None, None, [], hidden)
    index = sheet.row_numbers.index(mapping.header_row)
    upper = _row_texts(sheet, index)
    header = SheetHeader(mapping.header_row, index, upper, hidden)
    wanted = [h for h in (*mapping.fields.values(), *mapping.level_columns, *mapping.level_fields.values()) if h]
    if all(header.column(h) is not None for h in wanted) or index + 1 >= len(sheet.rows):
        return header
    lower = _row_texts(sheet, index + 1)
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    two = SheetHeader(mapping.header_row, index, [lo or up for up, lo in zip(upper, lower, strict=True)], hidden)
    found = sum(two.column(h) is not None for h in wanted)
    return two if found > sum(header.column(h) is not None for h in wanted) else header


def candidate_header_rows(sheet: RawSheet, limit: int = 30) -> list[tuple[int, str]]:
    """(row number, a preview of its cells) for the first ``limit`` non-blank rows."""
    out: list[tuple[int, str]] = []
    for index, number in enumerate(sheet.row_numbers):
        texts = [one_line(t) for t in _row_texts(sheet, index) if t]
        if not texts:
            continue
        preview = " · ".join(texts)
        out.append((number, preview if len(preview) <= 90 else preview[:89].rstrip() + "…"))
        if len(out) >= limit:
            break
    return out


def shown_value(value: Any) -> str:
    """A stored or raw value as the preview shows it (dates as dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if not value.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return V.cell_text(value) or ""


@dataclass
class PreviewRow:
    row: int  # spreadsheet row
    values: list[str]  # one per PREVIEW_COLUMNS
    problems: dict[int, list[Problem]] = field(default_factory=dict)  # preview column -> problems
    bad: bool = False  # has an error: not imported

    def severity(self, column: int) -> str | None:
        found = self.problems.get(column)
        if not found:
            return None
        return "error" if any(p.severity == "error" for p in found) else "warning"


@dataclass
class Preview:
    rows: list[PreviewRow]
    people: int  # people who will be stored
    shown_people: int
    columns: set[int]  # preview columns the file fills
    levels: int  # competency levels read
    level_people: int  # people with levels


def build_preview(sheet: RawSheet, parsed: ParsedStaff, plan: ImportPlan) -> Preview:
    """The first :data:`PREVIEW_PEOPLE` people as they will be stored, and every row with a problem after
    them (a row with an error shows its cells as the file has them), each problem in its cell."""
    mapping = parsed.mapping
    header = sheet_header(sheet, mapping)
    field_of: dict[str, str] = {}  # normalised header -> field or "levels"
    for name, text in mapping.fields.items():
        if text:
            field_of.setdefault(normalise(text), name)
    for text, code in mapping.level_columns.items():
        if code:
            field_of.setdefault(normalise(text), "levels")
    for text in mapping.level_fields.values():
        if text:
            field_of.setdefault(normalise(text), "levels")

    def column_of(problem: Problem) -> int:
        name = field_of.get(normalise(problem.column)) if problem.column else None
        return COLUMN_OF.get(name, 0) if name else 0

    by_row: dict[int, list[Problem]] = {}
    for p in plan.problems:
        if p.row is not None and p.row != parsed.header_row:
            by_row.setdefault(p.row, []).append(p)
    people = {r.row: r for r in parsed.staff}
    lv = parsed.levels
    level_rows: dict[int, int] = {}
    if len(lv):
        numbers, counts = np.unique(lv.row, return_counts=True)
        level_rows = dict(zip(numbers.tolist(), counts.tolist(), strict=True))
    index_of: dict[int, int] | None = None
    mapped = {f: header.column(h) for f, h in mapping.fields.items() if h}

    rows: list[PreviewRow] = []
    shown_people = extra = 0
    for number in sorted(set(people) | set(by_row)):
        person = people.get(number)
        problems = by_row.get(number, [])
        if person is not None and shown_people < PREVIEW_PEOPLE:
            shown_people += 1
        elif problems and extra < PREVIEW_PROBLEM_ROWS:
            extra += 1
            shown_people += person is not None
        else:
            continue
        values = [""] * len(PREVIEW_COLUMNS)
        values[0] = str(number)
        if person is not None:
            for name in PREVIEW_COLUMNS[1:-1]:
                attr = "position_title" if name == "position" else name
                values[COLUMN_OF[name]] = shown_value(getattr(person, attr, None))
        else:  # not imported: the cells as the file has them
            if index_of is None:
                index_of = {n: i for i, n in enumerate(sheet.row_numbers)}
            cells = sheet.rows[index_of[number]] if number in index_of else []
            for name, col in mapped.items():
                if col is not None and col < len(cells) and name in COLUMN_OF:
                    values[COLUMN_OF[name]] = shown_value(cells[col])
        if number in level_rows:
            values[LEVELS_COLUMN] = str(level_rows[number])
        row = PreviewRow(number, values, bad=any(p.severity == "error" for p in problems))
        for p in problems:
            row.problems.setdefault(column_of(p), []).append(p)
        rows.append(row)
    columns = set(ALWAYS_SHOWN)
    columns |= {COLUMN_OF[f] for f, h in mapping.fields.items() if h and f in COLUMN_OF}
    if len(lv) or any(mapping.level_columns.values()):
        columns.add(LEVELS_COLUMN)
    return Preview(rows, len(parsed.staff), min(PREVIEW_PEOPLE, len(parsed.staff)), columns, len(lv),
                   len(lv.employee_number))


@dataclass
class Check:
    """The result of parsing and planning with one mapping."""

    key: str
    mapping: StaffMapping
    parsed: ParsedStaff
    plan: ImportPlan
    preview: Preview


def mapping_key(sheet: str, mapping: StaffMapping) -> str:
    return json.dumps([sheet, mapping.to_json()], sort_keys=True, ensure_ascii=False, default=str)


def check_mapping(engine: Engine, read: FileRead, sheet_name: str, mapping: StaffMapping,
                  progress: Progress, message: str) -> Check:
    progress.report(0, 0, message)
    data = read.data
    sheet = data.sheets[sheet_name]
    parsed = interruptible(lambda: parse_staff(sheet, file=data.file, competencies=read.competencies,
                                               mapping=mapping), progress)
    plan = interruptible(lambda: plan_import(engine, parsed, sha256=data.sha256), progress)
    preview = build_preview(sheet, parsed, plan)
    return Check(mapping_key(sheet_name, mapping), mapping, parsed, plan, preview)


def plan_has_work(plan: ImportPlan) -> bool:
    return bool(plan.new_people or plan.changed or plan.levels_new or plan.unchanged)


# -- small widgets --------------------------------------------------------------------------------------------
class _Relay(QObject):
    """Carries commit progress from the worker thread to the importing page."""

    progressed = Signal(int, int, str)

    def emit_progress(self, done: int, total: int, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the wizard is gone
            self.progressed.emit(done, total, message)


class LevelWordDelegate(QStyledItemDelegate):
    """Level cells of the level-words table: a spin box over the scale."""

    def __init__(self, parent: QWidget, low: int, high: int) -> None:
        super().__init__(parent)
        self.low, self.high = low, high

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(self.low, self.high)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        text = str(index.data() or "").strip()
        editor.setValue(int(text) if text.lstrip("-").isdigit() else self.low)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, str(editor.value()))


class ProblemCellDelegate(QStyledItemDelegate):
    """Preview cells with a problem keep their colour in a selected row, framed in the severity's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        severity = index.data(SEVERITY_ROLE)
        if severity is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, opt, index)
        painter.save()
        painter.setPen(QPen(ERROR_COLOUR if severity == "error" else WARNING_COLOUR, 2))
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.hide()
    return label


def set_message(label: QLabel, lines: Iterable[str], tone: str = "bad") -> None:
    """Show ``lines`` (plain text) in a framed message label, or hide it when there are none."""
    lines = [line for line in lines if line]
    if not lines:
        label.hide()
        label.clear()
        return
    colours = {"good": ("#ecfdf5", "#059669"), "bad": ("#fef2f2", "#dc2626"),
               "warn": ("#fffbeb", "#d97706"), "neutral": ("palette(base)", "palette(mid)")}
    background, border = colours[tone]
    label.setStyleSheet(
        f"QLabel#{label.objectName()} {{ background: {background}; border: 1px solid {border};"
        f" border-left: 4px solid {border}; border-radius: 3px; padding: 6px 8px; color: palette(text); }}")
    label.setText("<br>".join(html.escape(line) for line in lines))
    label.show()


def problem_lines(exc: BaseException, limit: int = 12) -> list[str]:
    """The located problems of an InputError, in the current language; anything else in one line."""
    if isinstance(exc, InputError):
        lang = get_language()
        lines = [p.text(lang) for p in exc.problems[:limit]]
        if len(exc.problems) > limit:
            lines.append(f"(+{len(exc.problems) - limit})")
        return lines
    return [f"{type(exc).__name__}: {exc}"]


def problem_table(parent: QWidget, name: str) -> QTableWidget:
    """A list of located problems: severity, where, what (the look of the long-table dialog)."""
    table = QTableWidget(0, 3, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setIconSize(QSize(16, 16))
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setStyleSheet("QTableView::item { padding: 2px 4px; }")
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    header.resizeSection(0, 110)
    header.resizeSection(1, 330)
    return table


# -- page (a): file --------------------------------------------------------------------------------------------
class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("file_page")
        self.wiz = wizard
        self.path_label = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path_edit")
        self.path_edit.textChanged.connect(self._path_changed)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton()
        self.browse_button.setObjectName("browse_button")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.csv_box = QGroupBox()
        csv_form = QFormLayout(self.csv_box)
        self.encoding_combo = QComboBox()
        self.encoding_combo.setObjectName("encoding_combo")
        self.delimiter_combo = QComboBox()
        self.delimiter_combo.setObjectName("delimiter_combo")
        for _ in range(6):
            self.encoding_combo.addItem("")
        for _ in range(5):
            self.delimiter_combo.addItem("")
        for i, value in enumerate(("", "utf-8", "cp1252", "latin-1", "utf-16", "mac_roman")):
            self.encoding_combo.setItemData(i, value)
        for i, value in enumerate(("", ",", ";", "\t", "|")):
            self.delimiter_combo.setItemData(i, value)
        self.encoding_label, self.delimiter_label = QLabel(), QLabel()
        self.encoding_label.setBuddy(self.encoding_combo)
        self.delimiter_label.setBuddy(self.delimiter_combo)
        csv_form.addRow(self.encoding_label, self.encoding_combo)
        csv_form.addRow(self.delimiter_label, self.delimiter_combo)
        self.csv_note = QLabel()
        self.csv_note.setWordWrap(True)
        self.csv_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        csv_form.addRow(self.csv_note)

        self.mapping_box = QGroupBox()
        mapping_form = QFormLayout(self.mapping_box)
        self.mapping_combo = QComboBox()
        self.mapping_combo.setObjectName("saved_mapping_combo")
        self.mapping_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mapping_combo.setMinimumContentsLength(30)
        self.mapping_label = QLabel()
        self.mapping_label.setBuddy(self.mapping_combo)
        mapping_form.addRow(self.mapping_label, self.mapping_combo)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        self.mapping_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        mapping_form.addRow(self.mapping_note)

        self.message = _message_label("file_message")
        layout = QVBoxLayout(self)
        layout.addWidget(self.path_label)
        layout.addLayout(path_row)
        layout.addSpacing(8)
        layout.addWidget(self.csv_box)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An HR workbook (xlsx, xlsm, xls, ods) or a CSV file with one row per person."))
        self.path_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.csv_box.setTitle(self.tr("CSV files"))
        self.encoding_label.setText(self.tr("&Encoding:"))
        self.delimiter_label.setText(self.tr("&Delimiter:"))
        for i, text in enumerate((self.tr("Automatic"), "UTF-8", "Windows-1252", "ISO-8859-1 (Latin-1)", "UTF-16",
                                  "Mac Roman")):
            self.encoding_combo.setItemText(i, text)
        for i, text in enumerate((self.tr("Automatic"), self.tr("Comma ( , )"), self.tr("Semicolon ( ; )"),
                                  self.tr("Tab"), self.tr("Vertical bar ( | )"))):
            self.delimiter_combo.setItemText(i, text)
        self.csv_note.setText(self.tr("Leave them on Automatic unless the names come out garbled or in one column."))
        self.mapping_box.setTitle(self.tr("Columns"))
        self.mapping_label.setText(self.tr("Start from a &saved mapping:"))
        if self.mapping_combo.count():
            self.mapping_combo.setItemText(0, self.tr("(none: detect the columns)"))
        self.mapping_note.setText(self.tr("A mapping saved from an earlier file says which column holds what; "
                                          "you can still change it on the next page."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def fill_mappings(self, names: list[str]) -> None:
        current = self.mapping_combo.currentData()
        self.mapping_combo.clear()
        self.mapping_combo.addItem(self.tr("(none: detect the columns)"), "")
        for name in names:
            self.mapping_combo.addItem(name, name)
        self.mapping_combo.setCurrentIndex(max(self.mapping_combo.findData(current), 0))

    def browse(self) -> None:
        start = self.path_edit.text().strip() or str(Path.home())
        patterns = " ".join(f"*.{e}" for e in EXTENSIONS)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import staff"), start,
            self.tr("Spreadsheets and CSV files ({0});;All files (*)").format(patterns))
        if path:
            self.path_edit.setText(path)

    def key(self) -> tuple[str, str | None, str | None]:
        return (self.path_edit.text().strip(), self.encoding_combo.currentData() or None,
                self.delimiter_combo.currentData() or None)

    def _path_changed(self, text: str) -> None:
        is_csv = text.strip().lower().endswith((".csv", ".txt"))
        self.csv_box.setEnabled(is_csv)
        set_message(self.message, [])
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self.wiz.running

    def validatePage(self) -> bool:
        path = self.path_edit.text().strip()
        if not Path(path).is_file():
            set_message(self.message, [self.tr("There is no file at {0}.").format(path)])
            return False
        name = self.mapping_combo.currentData() or None
        done = self.wiz.file_read
        if done is not None and done.key == self.key() and done.saved_name == name:
            return True
        self.wiz.start_read(self.key(), name)
        return False

    def show_error(self, exc: BaseException) -> None:
        set_message(self.message, [self.tr("The file cannot be read:"), *problem_lines(exc)])


# -- page (b): sheet and columns ---------------------------------------------------------------------------------
class MappingPage(QWizardPage):
    """Sheet, header row, staff columns, level columns and words; what is not stored; save the mapping."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("mapping_page")
        self.wiz = wizard
        self._filling = False
        self._token = -1
        self.header = SheetHeader(None, None, [])
        self._detected_fields: set[str] = set()
        self._detected_levels: dict[str, str] = {}  # normalised header -> code, as detected
        self._level_choice: dict[str, str] = {}  # normalised header -> code, as the user left it
        self._detected_details: set[str] = set()  # level fields detected (or switched off by a saved mapping)
        self._refs: list[CompetencyRef] = []
        self._notes: list[str] = []  # shown when nothing is wrong: how the file was read

        self.sheet_label = QLabel()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet_combo")
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label.setBuddy(self.sheet_combo)
        self.header_row_label = QLabel()
        self.header_row_combo = QComboBox()
        self.header_row_combo.setObjectName("header_row_combo")
        self.header_row_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.header_row_combo.setMinimumContentsLength(30)
        self.header_row_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header_row_combo.activated.connect(self._header_row_chosen)
        self.header_row_label.setBuddy(self.header_row_combo)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_mapping_button")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.ask_save_mapping)
        top = QHBoxLayout()
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(12)
        top.addWidget(self.header_row_label)
        top.addWidget(self.header_row_combo, 1)
        top.addSpacing(12)
        top.addWidget(self.save_button)

        # staff columns
        self.columns_box = QGroupBox()
        grid = QGridLayout(self.columns_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.field_labels: dict[str, QLabel] = {}
        self.field_combos: dict[str, QComboBox] = {}
        fields = list(STAFF_FIELDS)
        half = (len(fields) + 1) // 2
        for i, name in enumerate(fields):
            label = QLabel(self.columns_box)
            combo = QComboBox(self.columns_box)
            combo.setObjectName(f"field_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._field_changed)
            label.setBuddy(combo)
            if name in REQUIRED or name in NAME_FIELDS:
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
            row, col = (i, 0) if i < half else (i - half, 3)
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.field_labels[name] = label
            self.field_combos[name] = combo
        grid.setColumnMinimumWidth(2, 12)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        self.required_note = QLabel(self.columns_box)
        self.required_note.setWordWrap(True)
        self.required_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(self.required_note, half, 0, 1, 5)

        # level columns
        self.levels_box = QGroupBox()
        levels_layout = QVBoxLayout(self.levels_box)
        self.level_table = QTableWidget(0, 2)
        self.level_table.setObjectName("level_columns_table")
        self.level_table.verticalHeader().hide()
        self.level_table.verticalHeader().setDefaultSectionSize(self.level_table.fontMetrics().height() + 12)
        self.level_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.level_table.horizontalHeader().resizeSection(0, 260)
        self.level_table.horizontalHeader().setStretchLastSection(True)
        self.level_table.horizontalHeader().setHighlightSections(False)
        self.level_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.level_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.levels_note = QLabel()
        self.levels_note.setWordWrap(True)
        self.levels_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.no_levels = QLabel()
        self.no_levels.setObjectName("no_level_columns")
        self.no_levels.setWordWrap(True)
        self.no_levels.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_levels.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.levels_stack = QStackedWidget()
        self.levels_stack.addWidget(self.level_table)
        self.levels_stack.addWidget(self.no_levels)
        levels_layout.addWidget(self.levels_stack, 1)
        levels_layout.addWidget(self.levels_note)
        # columns that apply to every level of a row (and the competency and level of a sheet of levels)
        details = QGridLayout()
        details.setHorizontalSpacing(8)
        details.setVerticalSpacing(3)
        self.detail_labels: dict[str, QLabel] = {}
        self.detail_combos: dict[str, QComboBox] = {}
        for i, name in enumerate(LEVEL_FIELDS):
            label = QLabel()
            combo = QComboBox()
            combo.setObjectName(f"level_field_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._field_changed)
            label.setBuddy(combo)
            row, col = divmod(i, 3)
            details.addWidget(label, row, col * 2)
            details.addWidget(combo, row, col * 2 + 1)
            details.setColumnStretch(col * 2 + 1, 1)
            self.detail_labels[name] = label
            self.detail_combos[name] = combo
        levels_layout.addLayout(details)

        # level words, source and date
        self.words_box = QGroupBox()
        words_layout = QVBoxLayout(self.words_box)
        words_layout.setSpacing(4)
        self.words_table = QTableWidget(0, 2)
        self.words_table.setObjectName("level_words_table")
        self.words_table.verticalHeader().hide()
        self.words_table.verticalHeader().setDefaultSectionSize(self.words_table.fontMetrics().height() + 10)
        self.words_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.words_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.words_table.horizontalHeader().resizeSection(1, 70)
        self.words_table.horizontalHeader().setHighlightSections(False)
        self.words_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.words_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self._word_delegate = LevelWordDelegate(self.words_table, 0, 4)
        self.words_table.setItemDelegateForColumn(1, self._word_delegate)
        self.words_table.setMinimumHeight(90)
        self.words_note = QLabel()
        self.words_note.setWordWrap(True)
        self.words_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.add_word_button = QPushButton()
        self.add_word_button.setObjectName("add_word_button")
        self.add_word_button.setAutoDefault(False)
        self.add_word_button.clicked.connect(self._add_word)
        self.remove_word_button = QPushButton()
        self.remove_word_button.setObjectName("remove_word_button")
        self.remove_word_button.setAutoDefault(False)
        self.remove_word_button.clicked.connect(self._remove_words)
        word_buttons = QHBoxLayout()
        word_buttons.addWidget(self.add_word_button)
        word_buttons.addWidget(self.remove_word_button)
        word_buttons.addStretch(1)
        self.source_label = QLabel()
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("source_combo")
        for s in SOURCES:
            self.source_combo.addItem(s, s)
        self.source_label.setBuddy(self.source_combo)
        self.date_check = QCheckBox()
        self.date_check.setObjectName("assessed_on_check")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("assessed_on_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setEnabled(False)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        when = QFormLayout()
        when.addRow(self.source_label, self.source_combo)
        when.addRow(self.date_check, self.date_edit)
        words_layout.addWidget(self.words_table, 1)
        words_layout.addLayout(word_buttons)
        words_layout.addWidget(self.words_note)
        words_layout.addLayout(when)

        # not stored
        self.ignored_box = QGroupBox()
        ignored_layout = QVBoxLayout(self.ignored_box)
        self.ignored_list = QListWidget()
        self.ignored_list.setObjectName("ignored_columns")
        self.ignored_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ignored_list.setMinimumHeight(60)
        ignored_layout.addWidget(self.ignored_list)

        self.message = _message_label("mapping_message")

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.columns_box)
        left.addWidget(self.levels_box, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.words_box, 1)
        right.addWidget(self.ignored_box)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.retranslate()

    # ------------------------------------------------------------------------------------------ language
    def field_names(self) -> dict[str, str]:
        names = {
            "employee_number": self.tr("Employee no."),
            "curp": self.tr("CURP"),
            "rfc": self.tr("RFC"),
            "given_names": self.tr("Given names"),
            "first_surname": self.tr("First surname"),
            "second_surname": self.tr("Second surname"),
            "full_name": self.tr("Full name"),
            "agency": self.tr("Agency"),
            "unit": self.tr("Unit"),
            "position": self.tr("Position"),
            "grade": self.tr("Grade"),
            "hire_date": self.tr("Hire date"),
            "birth_date": self.tr("Date of birth"),
            "email": self.tr("E-mail"),
            "manager_employee_number": self.tr("Manager's employee no."),
            "role_profile": self.tr("Role profile"),
        }
        names["position_title"] = names["position"]
        names.update({
            "competency": self.tr("Competency (one row per level)"),
            "level": self.tr("Level"),
            "assessed_on": self.tr("Assessment date"),
            "source": self.tr("Source"),
            "assessor": self.tr("Assessor"),
            "evidence": self.tr("Evidence"),
        })
        return names

    def retranslate(self) -> None:
        self.setTitle(self.tr("Sheet and columns"))
        self.setSubTitle(self.tr("Check which column holds what. Columns that are not mapped are not stored."))
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.header_row_label.setText(self.tr("&Header row:"))
        self.save_button.setText(self.tr("Save &mapping as…"))
        self.columns_box.setTitle(self.tr("Staff columns"))
        names = self.field_names()
        for name, label in self.field_labels.items():
            required = name in REQUIRED or name in NAME_FIELDS
            label.setText(names.get(name, name) + (" *" if required else "") + ":")
            combo = self.field_combos[name]
            if combo.count():
                combo.setItemText(0, self.tr("(not used)"))
        for name, label in self.detail_labels.items():
            label.setText(names[name] + ":")
            combo = self.detail_combos[name]
            if combo.count():
                combo.setItemText(0, self.tr("(not used)"))
        self.required_note.setText(self.tr("* required: the employee number, and the given names or the full name "
                                           "(a sheet of levels only needs the employee number)."))
        self.levels_box.setTitle(self.tr("Competency levels (one column per competency)"))
        self.level_table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Competency")])
        self.no_levels.setText(self.tr("Every column of this sheet holds a staff field: there are no competency "
                                       "level columns to map."))
        self.levels_note.setText(self.tr("Each column holds the person's level of one competency: choose its "
                                         "competency, or “(not a competency)”. The columns below apply to every "
                                         "level of the row; a sheet with one row per level maps its competency "
                                         "and level columns there."))
        self._retranslate_level_combos()
        self.words_box.setTitle(self.tr("Level words"))
        self.words_table.setHorizontalHeaderLabels([self.tr("Word in the file"), self.tr("Level")])
        self.add_word_button.setText(self.tr("&Add word"))
        self.remove_word_button.setText(self.tr("&Remove"))
        self.words_note.setText(self.tr("Numbers and the usual words (Básico, Intermedio, Avanzado, Experto, "
                                        "Basic, Expert …) are understood; “N/A” and “No evaluado” mean not "
                                        "assessed. Add the other words the file uses."))
        self.source_label.setText(self.tr("S&ource of the levels:"))
        sources = {"self": self.tr("Self-assessment"), "manager": self.tr("Manager"), "test": self.tr("Test"),
                   "certification": self.tr("Certification"), "course": self.tr("Course")}
        for i in range(self.source_combo.count()):
            self.source_combo.setItemText(i, sources.get(self.source_combo.itemData(i), ""))
        self.date_check.setText(self.tr("Assessed &on:"))
        self.date_check.setToolTip(self.tr("Unticked: the day of the import, unless the file gives a date."))
        self.ignored_box.setTitle(self.tr("Not stored"))
        self._fill_header_rows()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------------------------------ filling
    def initializePage(self) -> None:
        read = self.wiz.file_read
        if read is None or read.token == self._token:
            return  # back from the preview: keep what the user set
        self._token = read.token
        self._refs = read.competencies
        if self._refs:
            self._word_delegate.low = min(r.scale_min for r in self._refs)
            self._word_delegate.high = max(r.scale_max for r in self._refs)
        data = read.data
        saved = read.saved
        sheet = saved.sheet if saved is not None and saved.sheet in data.sheets else read.proposed
        if sheet is None and data.sheet_names:
            sheet = data.sheet_names[0]
        self._filling = True
        try:
            self.sheet_combo.clear()
            for name in data.sheet_names or list(data.sheets):
                self.sheet_combo.addItem(name, name)
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(sheet), 0))
            workbook = data.kind != "csv"
            self.sheet_label.setVisible(workbook)
            self.sheet_combo.setVisible(workbook)
        finally:
            self._filling = False
        self._mark_proposed(read.proposed)
        base = replace(saved, fields=dict(saved.fields), level_columns=dict(saved.level_columns),
                       level_fields=dict(saved.level_fields), level_words=dict(saved.level_words)) \
            if saved is not None else StaffMapping()
        self.load_sheet(base)
        notes = []
        if data.kind == "csv" and data.encoding:
            notes.append(self.tr("Read as {0} text, columns separated by “{1}”.").format(
                data.encoding, "Tab" if data.delimiter == "\t" else data.delimiter))
        if saved is not None:
            notes.append(self.tr("Started from the saved mapping “{0}”.").format(read.saved_name))
        self._notes = notes
        self._update()

    def _mark_proposed(self, proposed: str | None) -> None:
        for i in range(self.sheet_combo.count()):
            name = self.sheet_combo.itemData(i)
            text = name if name != proposed else self.tr("{0} (proposed)").format(name)
            self.sheet_combo.setItemText(i, text)

    def sheet(self) -> RawSheet | None:
        read = self.wiz.file_read
        name = self.sheet_combo.currentData()
        return read.data.sheets.get(name) if read is not None and name else None

    def load_sheet(self, base: StaffMapping) -> None:
        """Detect the columns of the current sheet, starting from ``base`` (a saved mapping or the header row
        the user chose), and fill the combo boxes and tables."""
        sheet = self.sheet()
        if sheet is None:
            return
        detected = detect_mapping(sheet, self._refs, base)
        self.header = sheet_header(sheet, detected)
        # fields detected, or switched off by a saved mapping: left out, they would be detected again
        self._detected_fields = {f for f in STAFF_FIELDS if field_value(detected.fields, f) is not None}
        self._detected_levels = {normalise(h): c for h, c in detected.level_columns.items() if c}
        self._level_choice = dict(self._detected_levels)
        self._detected_details = {f for f in LEVEL_FIELDS if f in detected.level_fields}
        self._filling = True
        try:
            self._fill_header_rows()
            self.header_row_combo.setCurrentIndex(self.header_row_combo.findData(self.header.row))
            options = self.header.options()
            chosen = {**{f: field_value(detected.fields, f) for f in self.field_combos},
                      **{f: detected.level_fields.get(f) for f in self.detail_combos}}
            for name, combo in (*self.field_combos.items(), *self.detail_combos.items()):
                combo.clear()
                combo.addItem(self.tr("(not used)"), "")
                for text in options:
                    shown = one_line(text)
                    combo.addItem(shown if len(shown) <= 50 else shown[:49].rstrip() + "…", text)
                    combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
                combo.setCurrentIndex(max(combo.findData(chosen.get(name) or ""), 0))
            self._set_words(base.level_words)
            self.source_combo.setCurrentIndex(max(self.source_combo.findData(base.default_source), 0))
            self.date_check.setChecked(base.assessed_on is not None)
            if base.assessed_on is not None:
                self.date_edit.setDate(QDate(base.assessed_on.year, base.assessed_on.month, base.assessed_on.day))
        finally:
            self._filling = False
        self._fill_level_table()
        self._update()

    def _fill_header_rows(self) -> None:
        sheet = self.sheet()
        current = self.header_row_combo.currentData()
        was = self._filling
        self._filling = True
        try:
            self.header_row_combo.clear()
            for number, preview in candidate_header_rows(sheet) if sheet is not None else ():
                self.header_row_combo.addItem(self.tr("Row {0}: {1}").format(number, preview), number)
            self.header_row_combo.setCurrentIndex(self.header_row_combo.findData(current))
        finally:
            self._filling = was

    def _level_candidates(self) -> list[tuple[int, str]]:
        """(column, header) of the columns no staff field uses: each may hold a competency's levels."""
        used = {normalise(h) for h in self.chosen_columns().values()}
        out = []
        for col, text in enumerate(self.header.texts):
            key = normalise(text)
            if text and key and key not in used and self.header.column(text) == col:
                out.append((col, text))
        return out

    def _fill_level_table(self) -> None:
        table = self.level_table
        candidates = self._level_candidates()
        # competency columns first (as detected or chosen), then the others
        candidates.sort(key=lambda c: (normalise(c[1]) not in self._level_choice, c[0]))
        self._filling = True
        try:
            table.setRowCount(0)
            table.setRowCount(len(candidates))
            for row, (col, text) in enumerate(candidates):
                item = QTableWidgetItem(self._column_label(col, text))
                item.setData(Qt.ItemDataRole.UserRole, text)
                item.setToolTip(text)
                table.setItem(row, 0, item)
                combo = QComboBox()
                combo.setObjectName(f"level_column_{row}")
                combo.addItem("", "")
                for ref in self._refs:
                    combo.addItem("", competency_key(ref, self._refs))
                combo.setCurrentIndex(max(combo.findData(self._level_choice.get(normalise(text), "")), 0))
                combo.currentIndexChanged.connect(lambda _i, t=text, c=combo: self._level_changed(t, c))
                table.setCellWidget(row, 1, combo)
        finally:
            self._filling = False
        self.levels_stack.setCurrentIndex(0 if candidates else 1)
        self._retranslate_level_combos()

    def _retranslate_level_combos(self) -> None:
        lang = get_language()
        names = [f"{pick(r.name_en, r.name_es, lang)} ({r.code})" for r in self._refs]
        for row in range(self.level_table.rowCount()):
            combo = self.level_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and combo.count() == len(names) + 1:
                combo.setItemText(0, self.tr("(not a competency)"))
                for i, text in enumerate(names, start=1):
                    combo.setItemText(i, text)

    def _level_changed(self, header: str, combo: QComboBox) -> None:
        if self._filling:
            return
        self._level_choice[normalise(header)] = str(combo.currentData() or "")
        self._update()

    def _set_words(self, words: dict[str, int]) -> None:
        self.words_table.setRowCount(0)
        for word, level in words.items():
            self._append_word(word, str(level))

    def _append_word(self, word: str, level: str = "") -> int:
        row = self.words_table.rowCount()
        was = self._filling
        self._filling = True
        try:
            self.words_table.insertRow(row)
            self.words_table.setItem(row, 0, QTableWidgetItem(word))
            self.words_table.setItem(row, 1, QTableWidgetItem(level))
        finally:
            self._filling = was
        return row

    def _add_word(self) -> None:
        row = self._append_word("")
        self.words_table.setCurrentCell(row, 0)
        self.words_table.editItem(self.words_table.item(row, 0))

    def _remove_words(self) -> None:
        for row in sorted({i.row() for i in self.words_table.selectedIndexes()}, reverse=True):
            self.words_table.removeRow(row)

    def add_unknown_words(self, words: Iterable[str]) -> int:
        """Put level words the parser did not know into the table, with an empty level to fill in."""
        have = {normalise(self.words_table.item(r, 0).text()) for r in range(self.words_table.rowCount())
                if self.words_table.item(r, 0)}
        added = 0
        for word in words:
            if word and normalise(word) not in have:
                have.add(normalise(word))
                self._append_word(word)
                added += 1
        return added

    # ------------------------------------------------------------------------------------------ edits
    def _sheet_chosen(self, _index: int) -> None:
        read = self.wiz.file_read
        saved = read.saved if read is not None else None
        name = self.sheet_combo.currentData()
        base = saved if saved is not None and saved.sheet == name else StaffMapping(
            level_words=self.level_words(), default_source=str(self.source_combo.currentData()))
        self.load_sheet(base)

    def _header_row_chosen(self, _index: int) -> None:
        number = self.header_row_combo.currentData()
        if number is None:
            return
        self.load_sheet(StaffMapping(header_row=int(number), level_words=self.level_words(),
                                     default_source=str(self.source_combo.currentData()),
                                     assessed_on=self.assessed_on()))

    def _field_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._fill_level_table()
        self._update()

    # ------------------------------------------------------------------------------------------ the mapping
    def chosen_fields(self) -> dict[str, str]:
        """Staff field → header, for the fields given a column."""
        return {f: str(c.currentData()) for f, c in self.field_combos.items() if c.currentData()}

    def chosen_details(self) -> dict[str, str]:
        """Level field (date, source, … of every level; competency and level of a sheet of levels) → header."""
        return {f: str(c.currentData()) for f, c in self.detail_combos.items() if c.currentData()}

    def chosen_columns(self) -> dict[str, str]:
        return {**self.chosen_fields(), **self.chosen_details()}

    def level_words(self) -> dict[str, int]:
        words: dict[str, int] = {}
        for row in range(self.words_table.rowCount()):
            w, lv = self.words_table.item(row, 0), self.words_table.item(row, 1)
            word = w.text().strip() if w else ""
            level = lv.text().strip() if lv else ""
            if word and level.lstrip("-").isdigit():
                words[word] = int(level)
        return words

    def assessed_on(self) -> date | None:
        if not self.date_check.isChecked():
            return None
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def level_columns(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.level_table.rowCount()):
            item = self.level_table.item(row, 0)
            combo = self.level_table.cellWidget(row, 1)
            if item is None or not isinstance(combo, QComboBox):
                continue
            header = str(item.data(Qt.ItemDataRole.UserRole))
            code = str(combo.currentData() or "")
            if code:
                out[header] = code
            elif normalise(header) in self._detected_levels:
                out[header] = ""  # detected, switched off by the user
        return out

    def current_mapping(self) -> StaffMapping:
        """The mapping as the page shows it: what the parser is given, and what “Save mapping as…” stores."""
        chosen = self.chosen_fields()
        fields = {f: chosen.get(f, "") for f in STAFF_FIELDS if f in chosen or f in self._detected_fields}
        levels = self.level_columns()
        details = self.chosen_details()
        level_fields = {f: details.get(f, "") for f in LEVEL_FIELDS if f in details or f in self._detected_details}
        return StaffMapping(
            sheet=self.sheet_combo.currentData(), header_row=self.header.row, fields=fields, level_columns=levels,
            level_fields=level_fields, level_words=self.level_words(),
            default_source=str(self.source_combo.currentData() or "manager"), assessed_on=self.assessed_on())

    def clashes(self) -> dict[str, list[str]]:
        """Header → the fields mapped to it, for headers chosen for more than one field."""
        chosen = self.chosen_columns()
        by_header: dict[str, list[str]] = {}
        for name, header in chosen.items():
            by_header.setdefault(normalise(header), []).append(name)
        return {chosen[names[0]]: names for names in by_header.values() if len(names) > 1}

    def long_layout(self) -> bool:
        """One row per person and competency: the competency and level columns are chosen."""
        return all(f in self.chosen_details() for f in ("competency", "level"))

    def missing(self) -> list[str]:
        chosen = self.chosen_fields()
        details = self.chosen_details()
        names = self.field_names()
        out = [names[f] for f in REQUIRED if f not in chosen]
        if ("competency" in details) != ("level" in details):
            out.append(names["level" if "competency" in details else "competency"])
        elif not self.long_layout() and not any(f in chosen for f in NAME_FIELDS) \
                and not any(self.level_columns().values()):
            out.append(self.tr("Given names or Full name"))
        return out

    def _column_label(self, col: int, text: str) -> str:
        return self.tr("{0} (hidden)").format(one_line(text)) if col in self.header.hidden else one_line(text)

    def not_stored(self) -> list[str]:
        mapping = self.current_mapping()
        used = {normalise(h) for h, c in mapping.level_columns.items() if c}
        if self.long_layout():  # a sheet of levels: the employee number and the level columns only
            used |= {normalise(h) for h in (mapping.fields.get("employee_number", ""),
                                            *mapping.level_fields.values()) if h}
        else:
            used |= {normalise(h) for h in mapping.fields.values() if h}
            if used & {normalise(h) for h, c in mapping.level_columns.items() if c}:
                used |= {normalise(h) for f, h in mapping.level_fields.items()
                         if h and f not in ("competency", "level")}
        out = []
        for col, text in enumerate(self.header.texts):
            if text and normalise(text) not in used:
                out.append(self._column_label(col, text))
        return out

    def _update(self) -> None:
        clashes = self.clashes()
        clashing = {f for fields in clashes.values() for f in fields}
        for name, label in (*self.field_labels.items(), *self.detail_labels.items()):
            palette = self.columns_box.palette()
            if name in clashing:
                palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
            label.setPalette(palette)
        self.ignored_list.clear()
        self.ignored_list.addItems(self.not_stored() or [self.tr("(every column is stored)")])
        self._fit_ignored_list()
        lines: list[str] = []
        tone = "neutral"
        names = self.field_names()
        for header, fields in clashes.items():
            lines.append(self.tr("The column “{0}” is chosen for {1}: choose one column per field.").format(
                one_line(header), ", ".join(names.get(f, f) for f in fields)))
            tone = "bad"
        if self.sheet() is not None and self.header.row is None:
            lines.append(self.tr("No header row was found in this sheet: choose the header row, then the columns."))
            tone = "bad"
        elif self.sheet() is not None and (missing := self.missing()):
            lines.append(self.tr("Choose a column for: {0}.").format(", ".join(missing)))
            tone = "bad"
        if not lines:
            lines = list(self._notes)
        set_message(self.message, lines, tone)
        self.completeChanged.emit()

    def _fit_ignored_list(self) -> None:
        """As tall as its lines (3 to 10): the level-words table above gets the rest of the column."""
        rows = min(max(self.ignored_list.count(), 3), 10)
        line = self.ignored_list.sizeHintForRow(0) if self.ignored_list.count() else self.fontMetrics().height() + 4
        self.ignored_list.setMaximumHeight(rows * line + 2 * self.ignored_list.frameWidth() + 4)

    def isComplete(self) -> bool:
        return (not self.wiz.running and self.sheet() is not None and self.header.row is not None
                and not self.clashes() and not self.missing())

    def validatePage(self) -> bool:
        if not self.isComplete():
            return False
        sheet = str(self.sheet_combo.currentData())
        mapping = self.current_mapping()
        check = self.wiz.check
        if check is not None and check.key == mapping_key(sheet, mapping):
            return True
        self.wiz.start_check(sheet, mapping)
        return False

    def show_error(self, exc: BaseException) -> None:
        set_message(self.message, [self.tr("The sheet cannot be checked:"), *problem_lines(exc)])

    # ------------------------------------------------------------------------------------------ saving
    def ask_save_mapping(self) -> None:
        read = self.wiz.file_read
        default = read.saved_name if read is not None and read.saved_name else Path(self.wiz.path).stem
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"),
                                        self.tr("Name of the mapping (to use it again with the next file):"),
                                        QLineEdit.EchoMode.Normal, default)
        if ok and name.strip():
            self.save_mapping(name.strip())

    def save_mapping(self, name: str) -> None:
        save_mapping(self.wiz.engine, name, self.current_mapping())
        self.wiz.file_page.fill_mappings(mapping_names(self.wiz.engine))
        self._notes = [self.tr("Mapping saved as “{0}”.").format(name)]
        set_message(self.message, self._notes, "good")


# -- page (c): preview -------------------------------------------------------------------------------------------
class PreviewModel(QAbstractTableModel):
    """The preview rows; a cell with a problem is red (error) or amber (warning) with the message as tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PreviewRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("Row"), self.tr("Employee no."), self.tr("Given names"), self.tr("First surname"),
            self.tr("Second surname"), self.tr("CURP"), self.tr("RFC"), self.tr("Agency"), self.tr("Unit"),
            self.tr("Position"), self.tr("Grade"), self.tr("Date of birth"), self.tr("Hire date"), self.tr("E-mail"),
            self.tr("Manager"), self.tr("Role profile"), self.tr("Levels"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values[col]
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = row.severity(col)
            if severity is not None:
                return QBrush(ERROR_BACKGROUND if severity == "error" else WARNING_BACKGROUND)
            return None
        if role == SEVERITY_ROLE:
            return row.severity(col)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and row.bad:
            return QBrush(ERROR_COLOUR)
        if role == Qt.ItemDataRole.FontRole and col == 0 and row.bad:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            lang = get_language()
            lines = [p.message(lang) for p in row.problems.get(col, [])]
            if col == 0 and row.bad:
                lines.insert(0, self.tr("This row has errors: it is not imported."))
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, LEVELS_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, number: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.row == number:
                return i
        return None

    def language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PREVIEW_COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(PREVIEW_COLUMNS) - 1))


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("preview_page")
        self.wiz = wizard
        self._new_words = 0
        self.summary = QLabel()
        self.summary.setObjectName("preview_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setObjectName("preview_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self._cell_delegate = ProblemCellDelegate(self.view)
        self.view.setItemDelegate(self._cell_delegate)
        self.problems = problem_table(self, "preview_problems")
        self.problems.currentCellChanged.connect(self._problem_chosen)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems_label")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(4)
        lower_layout.addWidget(self.problems_label)
        lower_layout.addWidget(self.problems, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.skip_check = QCheckBox()
        self.skip_check.setObjectName("skip_bad_rows")
        self.skip_check.toggled.connect(self._skip_toggled)
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_problems_button")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.ask_export)
        self.message = _message_label("preview_message")
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_check)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first people as they will be stored. Cells with an error are red, with a "
                                 "warning amber: point at a cell to read why."))
        self.problems_label.setText(self.tr("Problems (click one to see its row):"))
        self.problems.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("Where"), self.tr("Problem")])
        self.export_button.setText(self.tr("&Export problems…"))
        self.model.language_changed()
        self._fit_columns()
        self.render()

    def _fit_columns(self) -> None:
        """Widths that fit the rows shown (up to :data:`MAX_COLUMN_WIDTH`; the defaults before there are
        rows), and always the column titles in the current language."""
        titles = self.view.horizontalHeader().fontMetrics()
        cells = self.view.fontMetrics()
        rows = self.model.rows[:PREVIEW_PEOPLE]
        for col, (width, title) in enumerate(zip(PREVIEW_WIDTHS, self.model.headers(), strict=True)):
            if rows:
                width = min(max(cells.horizontalAdvance(r.values[col]) for r in rows) + 16, MAX_COLUMN_WIDTH)
            self.view.setColumnWidth(col, max(width, titles.horizontalAdvance(title) + 24))

    def _size_panes(self) -> None:
        """Give the problem list the height its rows need (a few problems: a short list), at most 40 %."""
        if self.splitter.widget(1).isHidden():
            return
        table = self.problems
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 8)))
        wanted = (self.problems_label.sizeHint().height() + table.horizontalHeader().sizeHint().height() + rows
                  + 2 * table.frameWidth() + 12)
        total = sum(self.splitter.sizes()) or 600
        lower = min(max(wanted, 110), int(total * 0.4))
        self.splitter.setSizes([total - lower, lower])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        check = self.wiz.check
        if check is None:
            return
        self.model.set_rows(check.preview.rows)
        for col in range(len(PREVIEW_COLUMNS)):
            self.view.setColumnHidden(col, col not in check.preview.columns)
        self.skip_check.setChecked(False)
        set_message(self.message, [])
        words = [str(p.params.get("value", "")) for p in check.plan.problems if p.key == "staff.level_word"]
        self._new_words = self.wiz.mapping_page.add_unknown_words(words)
        self.render()
        self._fit_columns()
        QTimer.singleShot(0, self, self._size_panes)  # once the page is laid out

    def render(self) -> None:
        check = self.wiz.check
        if check is None:
            return
        plan, preview = check.plan, check.preview
        errors = len(plan.errors)
        warnings = len(plan.problems) - errors
        parts = [
            self.tr("People to store: <b>{0}</b>").format(f"{preview.people:,}"),
            self.tr("shown: {0}").format(f"{preview.shown_people:,}"),
            self.tr("Levels read: <b>{0}</b>").format(f"{preview.levels:,}") if preview.levels else "",
            self.tr("Rows with errors: <b>{0}</b>").format(f"{len(plan.bad_rows):,}"),
            self.tr("Warnings: {0}").format(f"{warnings:,}"),
            self.tr("Rows skipped (blank, totals, notes): {0}").format(f"{plan.skipped_rows:,}"),
        ]
        where = self.tr("Sheet “{0}”, header in row {1}").format(
            html.escape(plan.sheet or ""), check.parsed.header_row)
        self.summary.setText(where + " — " + " · ".join(p for p in parts if p))
        self.skip_check.setText(self.tr("&Skip the {0} rows with errors and import the others").format(
            f"{len(plan.bad_rows):,}"))
        self.skip_check.setVisible(errors > 0)
        self._render_problems(plan.problems)
        lines: list[str] = []
        tone = "bad"
        if errors and not plan.bad_rows:
            lines.append(self.tr("The sheet cannot be imported as mapped: go back and fix the mapping."))
        elif not plan_has_work(plan):
            lines.append(self.tr("There is nothing to import: go back and check the sheet and the columns."))
        elif errors:
            lines.append(self.tr("Fix the file and read it again, go back and fix the mapping, or tick “Skip” to "
                                 "import the rows without errors."))
            tone = "warn"
        if self._new_words:
            lines.append(self.tr("Level words the file uses were added to the level-words table on the previous "
                                 "page: type their levels there."))
        set_message(self.message, lines, tone)
        self.completeChanged.emit()

    def _render_problems(self, problems: list[Problem]) -> None:
        fill_problem_table(self.problems, problems, error=self.tr("Error"), warning=self.tr("Warning"),
                           more=self.tr("… and {0} more: export the problems to read them all"))
        self.splitter.widget(1).setVisible(bool(problems))
        self.export_button.setEnabled(bool(problems))

    def _problem_chosen(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        item = self.problems.item(row, 0) if row >= 0 else None
        problem = item.data(PROBLEM_ROLE) if item is not None else None
        if isinstance(problem, Problem) and problem.row is not None:
            self.select_row(problem.row, problem)

    def select_row(self, number: int, problem: Problem | None = None) -> bool:
        """Select the preview row of spreadsheet row ``number`` (and the problem's cell)."""
        i = self.model.row_of(number)
        if i is None:
            return False
        col = 0
        if problem is not None:
            row = self.model.rows[i]
            col = next((c for c, ps in row.problems.items() if problem in ps), 0)
        index = self.model.index(i, col)
        self.view.selectRow(i)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(self.model.index(i, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _skip_toggled(self, _checked: bool) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        check = self.wiz.check
        if check is None or self.wiz.running or not plan_has_work(check.plan):
            return False
        return not check.plan.errors or self.skip_check.isChecked()

    def ask_export(self) -> None:
        check = self.wiz.check
        if check is None:
            return
        stem = Path(self.wiz.path).stem
        suggested = str(Path(self.wiz.path).with_name(self.tr("{0}_problems.xlsx").format(stem)))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export problems"), suggested,
                                              self.tr("Excel workbook (*.xlsx);;JSON (*.json)"))
        if path:
            self.wiz.start_export(path)

    def exported(self, path: Path) -> None:
        set_message(self.message, [self.tr("Wrote {0}").format(str(path))], "good")

    def show_error(self, exc: BaseException) -> None:
        set_message(self.message, problem_lines(exc))


# -- page (d): differences ---------------------------------------------------------------------------------------
class DifferencesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("differences_page")
        self.wiz = wizard
        self.setCommitPage(True)
        self.count_labels: dict[str, tuple[QLabel, QLabel]] = {}
        counts = QFrame()
        counts.setObjectName("counts")
        counts.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(counts)
        grid.setHorizontalSpacing(18)
        keys = ("new_people", "changed_people", "unchanged_people", "missing_people", "levels_new",
                "levels_already_stored", "new_agencies", "new_units")
        big = QFont()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        for i, key in enumerate(keys):
            number, label = QLabel("0"), QLabel()
            number.setObjectName(f"count_{key}")
            number.setFont(big)
            label.setWordWrap(True)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            grid.addWidget(number, 0, i)
            grid.addWidget(label, 1, i)
            self.count_labels[key] = (number, label)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("difference_tabs")
        self.new_table = self._table("new_people_table", (60, 130))
        self.changed_tree = QTreeWidget()
        self.changed_tree.setObjectName("changed_people_tree")
        self.changed_tree.setColumnCount(4)
        self.changed_tree.setAlternatingRowColors(True)
        self.changed_tree.setUniformRowHeights(True)
        for col, width in enumerate(CHANGED_WIDTHS):
            self.changed_tree.header().resizeSection(col, width)
        self.missing_table = self._table("missing_people_table", (130,))
        self.places_table = self._table("new_places_table", (420,))
        for widget in (self.new_table, self.changed_tree, self.missing_table, self.places_table):
            self.tabs.addTab(widget, "")
        self.message = _message_label("differences_message")
        layout = QVBoxLayout(self)
        layout.addWidget(counts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.retranslate()

    @staticmethod
    def _table(name: str, widths: tuple[int, ...]) -> QTableWidget:
        table = QTableWidget(0, len(widths) + 1)
        table.setObjectName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate(widths):
            table.horizontalHeader().resizeSection(col, width)
        return table

    def retranslate(self) -> None:
        self.setTitle(self.tr("Differences"))
        self.setSubTitle(self.tr("What the import will change in the database. People are matched by employee "
                                 "number; nobody is deleted."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        texts = {
            "new_people": self.tr("new people"), "changed_people": self.tr("people with changes"),
            "unchanged_people": self.tr("unchanged"), "missing_people": self.tr("stored but missing from the file"),
            "levels_new": self.tr("new levels"), "levels_already_stored": self.tr("levels already stored"),
            "new_agencies": self.tr("new agencies"), "new_units": self.tr("new units"),
        }
        for key, (_number, label) in self.count_labels.items():
            label.setText(texts[key])
        self.new_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Employee no."), self.tr("Name")])
        self.changed_tree.setHeaderLabels([self.tr("Employee no. and name"), self.tr("Field"), self.tr("Before"),
                                           self.tr("After")])
        self.missing_table.setHorizontalHeaderLabels([self.tr("Employee no."), self.tr("Name")])
        self.places_table.setHorizontalHeaderLabels([self.tr("Agency"), self.tr("Unit")])
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        set_message(self.message, [])
        self.render()

    def render(self) -> None:
        check = self.wiz.check
        if check is None:
            return
        plan = check.plan
        counts = plan.counts()
        for key, (number, _label) in self.count_labels.items():
            number.setText(f"{counts[key]:,}")
        self._fill_table(self.new_table, [(str(r.row), r.employee_number, self._name(r.given_names, r.first_surname,
                                                                                      r.second_surname))
                                          for r in plan.new_people])
        self._fill_table(self.missing_table, [(n, name) for n, name in plan.missing])
        places = [(a, "") for a in plan.new_agencies] + [(a, u) for a, u in plan.new_units]
        self._fill_table(self.places_table, places)
        names = self.wiz.mapping_page.field_names()
        tree = self.changed_tree
        bold = QFont(tree.font())
        bold.setBold(True)
        muted = QBrush(tree.palette().color(QPalette.ColorRole.PlaceholderText))
        tree.setUpdatesEnabled(False)
        try:
            tree.clear()
            for change in plan.changed[:MAX_LISTED]:
                r = change.row
                name = self._name(r.given_names, r.first_surname, r.second_surname)
                top = QTreeWidgetItem([f"{r.employee_number}  {name}"])
                top.setData(0, PROBLEM_ROLE, r.employee_number)
                for fc in change.changes:
                    child = QTreeWidgetItem(top, ["", names.get(fc.field, fc.field), shown_value(fc.old) or "—",
                                                  shown_value(fc.new) or "—"])
                    child.setFont(3, bold)
                    child.setForeground(2, muted)
                tree.addTopLevelItem(top)
            if len(plan.changed) > MAX_LISTED:
                tree.addTopLevelItem(QTreeWidgetItem([self.tr("… and {0} more").format(
                    f"{len(plan.changed) - MAX_LISTED:,}")]))
            tree.expandAll()
            # wide enough for names, field names and earlier values (up to a point); “After” takes the rest
            for col, width in enumerate(CHANGED_WIDTHS):
                tree.resizeColumnToContents(col)
                tree.header().resizeSection(col, min(max(tree.header().sectionSize(col) + 12, width),
                                                     MAX_COLUMN_WIDTH + 80))
        finally:
            tree.setUpdatesEnabled(True)
        for i, (text, n) in enumerate(((self.tr("New people"), len(plan.new_people)),
                                       (self.tr("Changed"), len(plan.changed)),
                                       (self.tr("Missing from the file"), len(plan.missing)),
                                       (self.tr("New agencies and units"), len(places)))):
            self.tabs.setTabText(i, f"{text} ({n:,})")

    @staticmethod
    def _name(given: str, first: str | None, second: str | None) -> str:
        return " ".join(x for x in (given, first, second) if x)

    def _fill_table(self, table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setUpdatesEnabled(False)
        try:
            table.clearContents()
            shown = rows[:MAX_LISTED]
            table.setRowCount(len(shown) + (1 if len(rows) > len(shown) else 0))
            for r, values in enumerate(shown):
                for c, value in enumerate(values):
                    table.setItem(r, c, QTableWidgetItem(value))
            if len(rows) > len(shown):
                table.setItem(len(shown), table.columnCount() - 1, QTableWidgetItem(
                    self.tr("… and {0} more").format(f"{len(rows) - len(shown):,}")))
        finally:
            table.setUpdatesEnabled(True)

    def isComplete(self) -> bool:
        return self.wiz.check is not None and not self.wiz.running

    def show_message(self, lines: list[str], tone: str = "bad") -> None:
        set_message(self.message, lines, tone)


# -- page (e): importing, and the result -------------------------------------------------------------------------
class ImportingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("importing_page")
        self.wiz = wizard
        self.label = QLabel()
        self.label.setObjectName("importing_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("import_progress")
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_import_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.wiz.cancel_commit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("The import is stored in one transaction: all of it, or nothing."))
        self.cancel_button.setText(self.tr("&Cancel import"))
        self.note.setText(self.tr("Cancel stops the import and stores nothing."))
        if not self.label.text():
            self.label.setText(self.tr("Starting…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        self.bar.setRange(0, 0)
        self.label.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        self.wiz.start_commit()

    def progressed(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)

    def isComplete(self) -> bool:
        return self.wiz.outcome is not None


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setObjectName("result_page")
        self.wiz = wizard
        self.result = QLabel()
        self.result.setObjectName("result_label")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("The staff page shows the people imported; the Imports page can undo the import."))
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        self.render()

    def render(self) -> None:
        outcome = self.wiz.outcome
        if outcome is None:
            return
        c = outcome.counts
        people = int(c.get("people_added", 0)) + int(c.get("people_updated", 0))
        self.result.setText("<p style='font-size: 14pt'>" + html.escape(
            self.tr("Imported {0} people, {1} levels — import no. {2}").format(
                f"{people:,}", f"{int(c.get('levels_added', 0)):,}", outcome.batch_id)) + "</p>")
        self.details.setText(self.tr("New people: {0} · updated: {1} · rows skipped because of errors: {2}").format(
            f"{int(c.get('people_added', 0)):,}", f"{int(c.get('people_updated', 0)):,}",
            f"{int(c.get('rows_with_errors', 0)):,}"))


# -- the wizard ----------------------------------------------------------------------------------------------------
class ImportWizard(QWizard):
    """Import staff (and levels) from an HR file. ``imported`` fires once the import is stored."""

    imported = Signal(object)  # ImportOutcome

    FILE, MAPPING, PREVIEW, DIFFERENCES, IMPORTING, RESULT = range(6)

    def __init__(self, engine: Engine, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.engine = engine
        self.file_read: FileRead | None = None
        self.check: Check | None = None
        self.outcome: ImportOutcome | None = None
        self.task: Task | None = None
        self._task_kind: str | None = None
        self._tokens = 0
        self._relay = _Relay(self)
        self._commit_progress: Progress | None = None
        self._closed = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.differences_page = DifferencesPage(self)
        self.importing_page = ImportingPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate((self.file_page, self.mapping_page, self.preview_page,
                                        self.differences_page, self.importing_page, self.result_page)):
            self.setPage(page_id, page)
        self._relay.progressed.connect(self.importing_page.progressed, Qt.ConnectionType.QueuedConnection)
        self.file_page.fill_mappings(mapping_names(engine))
        if path:
            self.file_page.path_edit.setText(str(path))
        self.retranslate()
        self.resize(1220, 820)

    @property
    def path(self) -> str:
        return self.file_page.path_edit.text().strip()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import staff"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------------------------------ tasks
    def _start(self, kind: str, fn: Callable[[Progress], Any], on_result: Callable[[Any], None], title: str,
               show_after_ms: int | None = 600) -> Task:
        self._task_kind = kind
        self.task = Task(fn, on_result=lambda r: self._finished(on_result, r), on_error=self._failed,
                         on_cancel=self._cancelled, parent=self, title=title, show_after_ms=show_after_ms)
        self.task.start()
        self._changed()
        return self.task

    def _changed(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()
        self.button(QWizard.WizardButton.BackButton).setEnabled(not self.running and self.currentId() in (
            self.MAPPING, self.PREVIEW, self.DIFFERENCES))

    def _finished(self, on_result: Callable[[Any], None], result: Any) -> None:
        if self._closed:
            return
        on_result(result)
        self._changed()

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not isinstance(exc, InputError):  # a bug or a database failure: keep the traceback for support
            log.error("import wizard (%s): %s", self._task_kind, tb)
        self._changed()
        if self._closed:
            return
        kind = self._task_kind
        if kind == "read":
            self.file_page.show_error(exc)
        elif kind == "check":
            self.mapping_page.show_error(exc)
        elif kind == "export":
            self.preview_page.show_error(exc)
        elif kind == "commit":
            self.back()
            self.differences_page.show_message([self.tr("Nothing was imported:"), *problem_lines(exc)])

    def _cancelled(self) -> None:
        self._changed()
        if self._closed:
            return
        if self._task_kind == "commit":
            self.back()
            self.differences_page.show_message([self.tr("The import was cancelled: nothing was stored.")], "warn")

    def start_read(self, key: tuple[str, str | None, str | None], mapping_name: str | None) -> Task:
        engine, previous = self.engine, self.file_read
        message = self.tr("Reading the file…")

        def done(read: FileRead) -> None:
            self._tokens += 1
            read.token = self._tokens
            self.file_read = read
            self.check = None
            self.next()

        return self._start("read", lambda p: read_file(engine, key, mapping_name, previous, p, message), done,
                           message)

    def start_check(self, sheet: str, mapping: StaffMapping) -> Task:
        read = self.file_read
        assert read is not None
        engine = self.engine
        message = self.tr("Checking every row…")

        def done(check: Check) -> None:
            self.check = check
            self.next()

        return self._start("check", lambda p: check_mapping(engine, read, sheet, mapping, p, message), done,
                           message)

    def start_export(self, path: str) -> Task:
        check = self.check
        assert check is not None
        plan = check.plan
        source = self.path

        def work(progress: Progress) -> Path:
            progress.check()
            return write_problems(plan.problems, path, source_file=source, summary=plan.counts())

        return self._start("export", work, self.preview_page.exported, self.tr("Exporting the problems…"))

    def start_commit(self) -> Task | None:
        check = self.check
        if check is None or self.running:
            return None
        plan, engine, actor = check.plan, self.engine, current_user()
        relay = Progress(callback=self._relay.emit_progress, min_interval=0.05)
        self._commit_progress = relay

        def work(progress: Progress) -> ImportOutcome:
            relay.check()
            progress.check()
            return commit_import(engine, plan, actor=actor, progress=relay)

        def done(outcome: ImportOutcome) -> None:
            self.outcome = outcome
            self.check = None  # the database changed: a new check is needed for anything else
            self.importing_page.completeChanged.emit()
            self.imported.emit(outcome)
            self.next()

        # the importing page is the progress display: no separate dialog
        return self._start("commit", work, done, self.tr("Importing…"), show_after_ms=None)

    def cancel_commit(self) -> None:
        if self._task_kind == "commit" and self.running:
            if self._commit_progress is not None:
                self._commit_progress.cancel()
            if self.task is not None:
                self.task.cancel()
            self.importing_page.cancel_button.setEnabled(False)
            self.importing_page.label.setText(self.tr("Cancelling…"))

    # ------------------------------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self.running and self.task is not None:
            if self._task_kind == "commit":
                self.cancel_commit()  # stays open: the page goes back once the transaction is rolled back
                return
            self.task.cancel()
        self._closed = True
        super().reject()

    def accept(self) -> None:
        self._closed = True
        super().accept()


__all__ = ["ImportWizard", "build_preview", "sheet_header"]


def fill_problem_table(table: QTableWidget, problems: list[Problem], *, error: str, warning: str, more: str) -> None:
    """Fill a three-column problem table (kind, where, message) with the first problems, each row carrying its
    :class:`Problem` under ``PROBLEM_ROLE``; ``more`` (with ``{0}``) tells how many are not shown."""
    lang = get_language()
    style = table.style()
    icons = {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
             "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
    words = {"error": error, "warning": warning}
    colours = {"error": ERROR_COLOUR, "warning": WARNING_COLOUR}
    bold = QFont(table.font())
    bold.setBold(True)
    shown = problems[:MAX_SHOWN_PROBLEMS]
    hidden = len(problems) - len(shown)
    table.setUpdatesEnabled(False)
    try:
        table.clearContents()
        table.setRowCount(len(shown) + (1 if hidden > 0 else 0))
        for r, p in enumerate(shown):
            kind = QTableWidgetItem(icons[p.severity], words[p.severity])
            kind.setForeground(QBrush(colours[p.severity]))
            if p.severity == "error":
                kind.setFont(bold)
            kind.setData(PROBLEM_ROLE, p)
            where = QTableWidgetItem(replace(p, file=None).where(lang))
            text = QTableWidgetItem(p.message(lang))
            text.setToolTip(p.text(lang))
            for c, item in enumerate((kind, where, text)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(r, c, item)
        if hidden > 0:
            table.setItem(len(shown), 2, QTableWidgetItem(more.format(f"{hidden:,}")))
    finally:
        table.setUpdatesEnabled(True)
    table.resizeRowsToContents()
