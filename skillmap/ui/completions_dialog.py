"""Import course completions exported by a learning platform, with a check before anything is stored.

The dialog wraps :mod:`skillmap.importing.completions` (parser) and :mod:`skillmap.services.completions_import`
(plan, commit), the same flow as ``skillmap import-completions`` on the command line, on one page:

* **File** (xlsx, xlsm, xls, ods or CSV; CSV encoding and delimiter detected unless set), read in the sandboxed
  reader. The sheet that looks most like a list of completions is proposed.
* **Sheet, header row and columns**: one combo box per field (employee number, course, completion date,
  result, score), filled in from header detection; changing one checks the sheet again with exactly that
  mapping.
* **Preview**: the first rows as they will be stored — the person and the catalogue course each row resolves
  to, whether it is new or already stored — with every problem marked in its cell (red: error, amber:
  warning; the tooltip says why) and listed with its location; clicking a problem selects its row. Rows with
  errors are left out only when the user ticks “Skip”. The problems can be exported for the sender.
* **Import**: one transaction in a background :class:`~skillmap.ui.tasks.Task` with a progress bar and a
  working Cancel (nothing is stored if cancelled). ``imported`` fires with the
  :class:`~skillmap.services.staff_import.ImportOutcome`; the Imports page can undo the import.

Reading, checking, exporting and importing run off the GUI thread; a change made while a check runs cancels
it and checks again with the latest choice.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.frameworks.longtable import normalise, one_line
from skillmap.i18n import get_language, pick
from skillmap.importing.completions import REQUIRED, parse_completions
from skillmap.importing.model import COMPLETION_FIELDS, RawSheet, StaffMapping, WorkbookData
from skillmap.importing.reader import likely_sheet, read_workbook
from skillmap.importing.report import write_problems
from skillmap.problems import InputError, Problem
from skillmap.services.completions_import import (
    CompletionsPlan,
    commit_completions,
    plan_completions,
    score_completions_header,
)
from skillmap.services.staff_import import ImportOutcome
from skillmap.tasks import Progress
from skillmap.ui.import_wizard import (
    ERROR_BACKGROUND,
    EXTENSIONS,
    PROBLEM_ROLE,
    SEVERITY_ROLE,
    WARNING_BACKGROUND,
    ProblemCellDelegate,
    SheetHeader,
    candidate_header_rows,
    current_user,
    fill_problem_table,
    interruptible,
    problem_lines,
    problem_table,
    set_message,
    sheet_header,
    shown_value,
)
from skillmap.ui.long_table_dialog import ERROR_COLOUR, WARNING_COLOUR
from skillmap.ui.tasks import Task

log = logging.getLogger(__name__)

PREVIEW_ROWS = 200  # rows shown in the preview, in file order ...
PREVIEW_PROBLEM_ROWS = 2000  # ... plus the rows with problems after them, up to this many
MAX_SHOWN_PROBLEMS = 1000
PREVIEW_COLUMNS: tuple[str, ...] = (
    "row", "employee_number", "name", "course", "catalogue", "completed_on", "result", "score", "status")
COLUMN_OF: dict[str, int] = {name: i for i, name in enumerate(PREVIEW_COLUMNS)}
PREVIEW_WIDTHS = (54, 100, 220, 130, 300, 100, 110, 70, 120)
MAX_COLUMN_WIDTH = 200  # a preview column fitted to its values is at most this wide (pixels)


# -- headless helpers (run on worker threads; no widgets) ----------------------------------------------------
@dataclass
class FileRead:
    key: tuple[str, str | None, str | None]  # path, encoding, delimiter
    data: WorkbookData
    proposed: str | None


def read_file(key: tuple[str, str | None, str | None], progress: Progress, message: str) -> FileRead:
    progress.report(0, 0, message)
    path, encoding, delimiter = key
    # the reader is given ``progress`` so that Cancel stops its child process at once
    data = interruptible(lambda: read_workbook(path, None, encoding=encoding, delimiter=delimiter,
                                               progress=progress), progress)
    return FileRead(key, data, likely_sheet(data, score=score_completions_header))


@dataclass
class PreviewRow:
    row: int  # spreadsheet row
    values: list[str]  # one per PREVIEW_COLUMNS (result and status: see below)
    status: str  # "new", "stored" (already in the database) or "error"
    result: int | None = None  # index into RESULTS; None: ``values`` holds the cell as written
    titles: tuple[str, str] | None = None  # catalogue course title (en, es); the code is in ``values``
    problems: dict[int, list[Problem]] = field(default_factory=dict)  # preview column -> problems

    def severity(self, column: int) -> str | None:
        found = self.problems.get(column)
        if not found:
            return None
        return "error" if any(p.severity == "error" for p in found) else "warning"


def _score_text(value: float) -> str:
    if value != value:  # NaN: no score
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def build_preview(sheet: RawSheet, plan: CompletionsPlan) -> list[PreviewRow]:
    """The first :data:`PREVIEW_ROWS` rows as they will be stored, and every row with a problem after them (a
    row the parser rejected shows its cells as the file has them), each problem in its cell."""
    parsed = plan.parsed
    mapping = parsed.mapping
    field_of = {normalise(h): f for f, h in mapping.fields.items() if h}

    def column_of(problem: Problem) -> int:
        name = field_of.get(normalise(problem.column)) if problem.column else None
        return COLUMN_OF.get(name, 0) if name else 0

    by_row: dict[int, list[Problem]] = {}
    for p in plan.problems:
        if p.row is not None and p.row != parsed.header_row:
            by_row.setdefault(p.row, []).append(p)
    index_of_row = {r: k for k, r in enumerate(parsed.row.tolist())}
    status = plan.status()
    days = np.datetime_as_string(parsed.completed_on.astype("datetime64[D]"), unit="D")
    header: SheetHeader | None = None
    sheet_index: dict[int, int] | None = None

    rows: list[PreviewRow] = []
    shown = extra = 0
    for number in sorted(set(index_of_row) | set(by_row)):
        problems = by_row.get(number, [])
        if shown < PREVIEW_ROWS:
            shown += 1
        elif problems and extra < PREVIEW_PROBLEM_ROWS:
            extra += 1
        else:
            continue
        values = [""] * len(PREVIEW_COLUMNS)
        values[0] = str(number)
        k = index_of_row.get(number)
        if k is not None:
            staff_id, course_id = int(plan.staff_id[k]), int(plan.course_id[k])
            values[COLUMN_OF["employee_number"]] = parsed.employee_number[k]
            values[COLUMN_OF["name"]] = plan.staff_names.get(staff_id, "")
            values[COLUMN_OF["course"]] = parsed.course[k]
            course = plan.course_codes.get(course_id)
            values[COLUMN_OF["catalogue"]] = course[0] if course else ""
            values[COLUMN_OF["completed_on"]] = shown_value(date.fromisoformat(str(days[k])))
            values[COLUMN_OF["score"]] = _score_text(float(parsed.score[k]))
            row = PreviewRow(number, values, str(status[k]), int(parsed.result[k]),
                             (course[1], course[2]) if course else None)
        else:  # rejected by the parser: the cells as the file has them
            if header is None:
                header = sheet_header(sheet, mapping)
                sheet_index = {n: i for i, n in enumerate(sheet.row_numbers)}
            assert sheet_index is not None
            cells = sheet.rows[sheet_index[number]] if number in sheet_index else []
            for name, text in mapping.fields.items():
                col = header.column(text)
                if col is not None and col < len(cells) and name in COLUMN_OF:
                    values[COLUMN_OF[name]] = shown_value(cells[col])
            row = PreviewRow(number, values, "error")
        for p in problems:
            row.problems.setdefault(column_of(p), []).append(p)
        if any(p.severity == "error" for p in problems):
            row.status = "error"
        rows.append(row)
    return rows


@dataclass
class Check:
    """The result of parsing and planning one sheet with one mapping."""

    key: str
    plan: CompletionsPlan
    rows: list[PreviewRow]
    header: SheetHeader


def mapping_key(sheet: str, mapping: StaffMapping) -> str:
    return json.dumps([sheet, mapping.to_json()], sort_keys=True, ensure_ascii=False, default=str)


def check_sheet(engine: Engine, data: WorkbookData, sheet_name: str, mapping: StaffMapping, progress: Progress,
                message: str) -> Check:
    progress.report(0, 0, message)
    sheet = data.sheets[sheet_name]
    parsed = interruptible(lambda: parse_completions(sheet, data.file, mapping), progress)
    plan = interruptible(lambda: plan_completions(engine, parsed, sha256=data.sha256), progress)
    progress.check()
    header = sheet_header(sheet, parsed.mapping) if parsed.header_row else SheetHeader(None, None, [])
    return Check(mapping_key(sheet_name, mapping), plan, build_preview(sheet, plan), header)


class _Relay(QObject):
    """Carries commit progress from the worker thread to the dialog."""

    progressed = Signal(int, int, str)

    def emit_progress(self, done: int, total: int, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog is gone
            self.progressed.emit(done, total, message)


# -- the preview model ---------------------------------------------------------------------------------------
class CompletionsPreviewModel(QAbstractTableModel):
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
        return [self.tr("Row"), self.tr("Employee no."), self.tr("Name"), self.tr("Course (as written)"),
                self.tr("Catalogue course"), self.tr("Completed on"), self.tr("Result"), self.tr("Score"),
                self.tr("Status")]

    def result_name(self, index: int) -> str:
        return (self.tr("Passed"), self.tr("Failed"), self.tr("In progress"))[index]

    def status_name(self, status: str) -> str:
        return {"new": self.tr("New"), "stored": self.tr("Already stored"),
                "error": self.tr("Not imported: error")}.get(status, status)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def display(self, row: PreviewRow, col: int) -> str:
        name = PREVIEW_COLUMNS[col]
        if name == "result" and row.result is not None:
            return self.result_name(row.result)
        if name == "status":
            return self.status_name(row.status)
        if name == "catalogue" and row.titles is not None and row.values[col]:
            title = pick(*row.titles, get_language())
            return f"{row.values[col]} — {title}" if title else row.values[col]
        return row.values[col]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        bad = row.status == "error"
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = row.severity(col)
            if severity is not None:
                return QBrush(ERROR_BACKGROUND if severity == "error" else WARNING_BACKGROUND)
            return None
        if role == SEVERITY_ROLE:
            return row.severity(col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (0, COLUMN_OF["status"]) and bad:
                return QBrush(ERROR_COLOUR)
            if col == COLUMN_OF["status"] and row.status == "stored":
                return QBrush(WARNING_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and col == 0 and bad:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            lang = get_language()
            lines = [p.message(lang) for p in row.problems.get(col, [])]
            if col == 0 and bad:
                lines.insert(0, self.tr("This row has errors: it is not imported."))
            if col == COLUMN_OF["status"] and row.status == "stored":
                lines.append(self.tr("The same completion (person, course, date and result) is already stored: "
                                     "it is not stored twice."))
            if not lines and col in (COLUMN_OF["name"], COLUMN_OF["course"], COLUMN_OF["catalogue"]):
                return self.display(row, col) or None  # the whole text of a cell that may be cut short
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, COLUMN_OF["score"]):
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


# -- the dialog ----------------------------------------------------------------------------------------------
class CompletionsDialog(QDialog):
    """Import course completions from a file. ``imported`` fires once an import is stored."""

    imported = Signal(object)  # ImportOutcome

    def __init__(self, engine: Engine, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completions_dialog")
        self.engine = engine
        self.file_read: FileRead | None = None
        self.check: Check | None = None
        self.outcome: ImportOutcome | None = None
        self.task: Task | None = None
        self._task_kind: str | None = None
        self._next: Callable[[], Task | None] | None = None  # started once the running read or check ends
        self._filling = False
        self._closed = False
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._commit_progress: Progress | None = None
        self._event: tuple[list[str], str] | None = None  # a message about something that happened
        self._build()
        self.retranslate()
        self._update()
        self.resize(1180, 800)
        if path:
            self.path_edit.setText(str(path))
            self.read_file()

    # ------------------------------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.path_label = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path_edit")
        self.path_edit.returnPressed.connect(self.read_file)
        self.path_edit.textChanged.connect(self._path_edited)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton()
        self.browse_button.setObjectName("browse_button")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        self.encoding_label, self.delimiter_label = QLabel(), QLabel()
        self.encoding_combo = QComboBox()
        self.encoding_combo.setObjectName("encoding_combo")
        for value in ("", "utf-8", "cp1252", "latin-1", "utf-16", "mac_roman"):
            self.encoding_combo.addItem("", value)
        self.delimiter_combo = QComboBox()
        self.delimiter_combo.setObjectName("delimiter_combo")
        for value in ("", ",", ";", "\t", "|"):
            self.delimiter_combo.addItem("", value)
        self.encoding_label.setBuddy(self.encoding_combo)
        self.delimiter_label.setBuddy(self.delimiter_combo)
        self.encoding_combo.activated.connect(lambda _i: self.read_file())
        self.delimiter_combo.activated.connect(lambda _i: self.read_file())
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addSpacing(12)
        file_row.addWidget(self.encoding_label)
        file_row.addWidget(self.encoding_combo)
        file_row.addWidget(self.delimiter_label)
        file_row.addWidget(self.delimiter_combo)

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
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addSpacing(12)
        sheet_row.addWidget(self.header_row_label)
        sheet_row.addWidget(self.header_row_combo, 1)

        self.columns_box = QGroupBox()
        grid = QGridLayout(self.columns_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.field_labels: dict[str, QLabel] = {}
        self.field_combos: dict[str, QComboBox] = {}
        for i, name in enumerate(COMPLETION_FIELDS):
            label = QLabel(self.columns_box)
            combo = QComboBox(self.columns_box)
            combo.setObjectName(f"field_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._field_changed)
            label.setBuddy(combo)
            if name in REQUIRED:
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
            row, col = divmod(i, 3)
            grid.addWidget(label, row, col * 3)
            grid.addWidget(combo, row, col * 3 + 1)
            self.field_labels[name] = label
            self.field_combos[name] = combo
        for col in (1, 4, 7):
            grid.setColumnStretch(col, 1)
        for col in (2, 5):
            grid.setColumnMinimumWidth(col, 12)
        self.columns_note = QLabel(self.columns_box)
        self.columns_note.setWordWrap(True)
        self.columns_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(self.columns_note, 2, 0, 1, 8)

        self.summary = QLabel()
        self.summary.setObjectName("completions_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = CompletionsPreviewModel(self)
        self.view = QTableView()
        self.view.setObjectName("completions_preview")
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
        self.problems = problem_table(self, "completions_problems")
        self.problems.currentCellChanged.connect(self._problem_chosen)
        self.problems_label = QLabel()
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

        self.message = QLabel()
        self.message.setObjectName("completions_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.message.hide()
        self.skip_check = QCheckBox()
        self.skip_check.setObjectName("skip_bad_rows")
        self.skip_check.toggled.connect(lambda _checked: self._update())
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_problems_button")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.ask_export)
        options = QHBoxLayout()
        options.addWidget(self.skip_check)
        options.addStretch(1)
        options.addWidget(self.export_button)

        self.progress_label = QLabel()
        self.progress_label.setObjectName("import_progress_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("import_progress")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_import_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress_box = QWidget()
        progress_row = QHBoxLayout(self.progress_box)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box.hide()

        self.import_button = QPushButton()
        self.import_button.setObjectName("import_button")
        self.import_button.setAutoDefault(False)  # Enter in the file box reads the file; it never imports
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_button")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(sheet_row)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(options)
        layout.addWidget(self.progress_box)
        layout.addLayout(buttons)

    def field_names(self) -> dict[str, str]:
        return {"employee_number": self.tr("E&mployee no.:"), "course": self.tr("C&ourse (code or title):"),
                "completed_on": self.tr("Completion &date:"), "result": self.tr("&Result:"),
                "score": self.tr("S&core:")}

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import course completions"))
        self.path_label.setText(self.tr("&File:"))
        self.path_edit.setPlaceholderText(self.tr("A learning platform's export: xlsx, xlsm, xls, ods or CSV"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.encoding_label.setText(self.tr("Encoding:"))
        self.delimiter_label.setText(self.tr("Delimiter:"))
        for i, text in enumerate((self.tr("Automatic"), "UTF-8", "Windows-1252", "ISO-8859-1 (Latin-1)", "UTF-16",
                                  "Mac Roman")):
            self.encoding_combo.setItemText(i, text)
        for i, text in enumerate((self.tr("Automatic"), self.tr("Comma ( , )"), self.tr("Semicolon ( ; )"),
                                  self.tr("Tab"), self.tr("Vertical bar ( | )"))):
            self.delimiter_combo.setItemText(i, text)
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.header_row_label.setText(self.tr("&Header row:"))
        if self.header_row_combo.count():
            self.header_row_combo.setItemText(0, self.tr("Find it"))
        self.columns_box.setTitle(self.tr("Columns"))
        for name, text in self.field_names().items():
            self.field_labels[name].setText(text)
        for combo in self.field_combos.values():
            if combo.count():
                combo.setItemText(0, self.tr("(not in the file)"))
        self.columns_note.setText(self.tr("Employee number and course are required. People are matched by "
                                          "employee number; courses by code, else by their English or Spanish "
                                          "title. Without a result column every row counts as passed."))
        self.problems_label.setText(self.tr("Problems (click one to see its row):"))
        self.problems.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("Where"), self.tr("Problem")])
        self.export_button.setText(self.tr("&Export problems…"))
        self.progress_label.setText(self.tr("Importing…"))
        self.cancel_button.setText(self.tr("Ca&ncel import"))
        self.import_button.setText(self.tr("&Import"))
        self.close_button.setText(self.tr("Close"))
        self._mark_proposed()
        self.model.language_changed()
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------------------------------ state
    @property
    def path(self) -> str:
        return self.path_edit.text().strip()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    @property
    def importing(self) -> bool:
        return self.running and self._task_kind == "commit"

    def file_key(self) -> tuple[str, str | None, str | None]:
        return self.path, self.encoding_combo.currentData() or None, self.delimiter_combo.currentData() or None

    def chosen_fields(self) -> dict[str, str]:
        """Field → header as the combo boxes show it (``""``: not in the file)."""
        return {name: combo.currentData() or "" for name, combo in self.field_combos.items()}

    def clashes(self) -> dict[str, list[str]]:
        """Headers chosen for more than one field."""
        by_header: dict[str, list[str]] = {}
        for name, header in self.chosen_fields().items():
            if header:
                by_header.setdefault(normalise(header), []).append(name)
        return {h: names for h, names in by_header.items() if len(names) > 1}

    def can_import(self) -> bool:
        check = self.check
        if check is None or self.running or self._next is not None or self.clashes():
            return False
        if self.file_read is None or self.file_read.key[0] != self.path:  # another file typed in: read it first
            return False
        plan = check.plan
        return plan.new > 0 and (not plan.errors or self.skip_check.isChecked())

    def _update(self) -> None:
        busy = self.importing
        for widget in (self.path_edit, self.browse_button, self.encoding_combo, self.delimiter_combo,
                       self.sheet_combo, self.header_row_combo, *self.field_combos.values(), self.skip_check):
            widget.setEnabled(not busy)
        loaded = self.file_read is not None
        self.sheet_combo.setEnabled(loaded and not busy)
        self.header_row_combo.setEnabled(loaded and not busy)
        for combo in self.field_combos.values():
            combo.setEnabled(loaded and not busy and combo.count() > 1)
        csv = self.path.lower().endswith((".csv", ".txt"))
        for widget in (self.encoding_label, self.encoding_combo, self.delimiter_label, self.delimiter_combo):
            widget.setVisible(csv)
        self.export_button.setEnabled(self.check is not None and bool(self.check.plan.problems) and not busy)
        self.import_button.setEnabled(self.can_import())
        self.progress_box.setVisible(busy)

    # ------------------------------------------------------------------------------------------ tasks
    def _start(self, kind: str, fn: Callable[[Progress], Any], on_result: Callable[[Any], None], title: str,
               show_after_ms: int | None = 600) -> Task:
        self._task_kind = kind
        task = Task(fn, on_result=lambda r: self._finished(on_result, r),
                    on_error=lambda e, tb: self._failed(task, kind, e, tb),
                    on_cancel=lambda: self._cancelled(kind), parent=self, title=title, show_after_ms=show_after_ms)
        task.done.connect(self._task_done)
        self.task = task
        task.start()
        self._update()
        return task

    def _request(self, starter: Callable[[], Task | None]) -> None:
        """Run ``starter`` now, or once the running read or check has been cancelled."""
        if self.running:
            if self._task_kind == "commit":
                return
            self._next = starter
            assert self.task is not None
            self.task.cancel()
            self._update()
        else:
            starter()

    def _task_done(self) -> None:
        if self._closed:
            return
        starter, self._next = self._next, None
        if starter is not None:
            starter()
        self._update()

    def _finished(self, on_result: Callable[[Any], None], result: Any) -> None:
        if self._closed or self._next is not None:  # closed, or superseded by a newer request
            return
        on_result(result)
        self._update()

    def _failed(self, task: Task, kind: str, exc: BaseException, tb: str) -> None:
        if not isinstance(exc, InputError):  # a bug or a database failure: keep the traceback for support
            log.error("completions import (%s): %s", kind, tb)
        if self._closed or self._next is not None:
            return
        if kind == "read":
            self.file_read = None
            self.check = None
            self._clear_sheet()
            self._show([self.tr("The file cannot be read:"), *problem_lines(exc)])
        elif kind == "check":
            self.check = None
            self.render()
            self._show([self.tr("The sheet cannot be checked:"), *problem_lines(exc)])
        elif kind == "export":
            self._show(problem_lines(exc))
        elif kind == "commit":
            self._show([self.tr("Nothing was imported:"), *problem_lines(exc)])
        self._update()

    def _cancelled(self, kind: str) -> None:
        if self._closed:
            return
        if kind == "commit":
            self._show([self.tr("The import was cancelled: nothing was stored.")], "warn")
        self._update()

    def _show(self, lines: list[str], tone: str = "bad") -> None:
        """Say what happened (an error, a file written, the import stored); no lines: back to the state."""
        self._event = (lines, tone) if lines else None
        self._show_message()

    def _show_message(self) -> None:
        if self._event is not None:
            set_message(self.message, *self._event)
            return
        lines: list[str] = []
        tone = "bad"
        data = self.file_read.data if self.file_read is not None else None
        if data is not None and data.kind == "csv" and data.encoding:
            lines.append(self.tr("Read as {0} text, columns separated by “{1}”.").format(
                data.encoding, self.tr("Tab") if data.delimiter == "\t" else data.delimiter))
            tone = "neutral"
        check = self.check
        if check is not None:
            plan = check.plan
            if plan.errors and not plan.new:
                lines.append(self.tr("No row can be imported as the sheet is mapped: check the sheet, the header "
                                     "row and the columns."))
                tone = "bad"
            elif not plan.new and plan.already_stored.any():
                lines.append(self.tr("Every completion in this sheet is already stored: there is nothing new to "
                                     "import."))
            elif plan.errors:
                lines.append(self.tr("Fix the file and read it again, change the columns, or tick “Skip” to import "
                                     "the rows without errors."))
                tone = "warn"
        set_message(self.message, lines, tone)

    # ------------------------------------------------------------------------------------------ file
    def browse(self) -> None:
        start = self.path or str(Path.home())
        patterns = " ".join(f"*.{e}" for e in EXTENSIONS)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import course completions"), start,
            self.tr("Spreadsheets and CSV files ({0});;All files (*)").format(patterns))
        if path:
            self.path_edit.setText(path)
            self.read_file()

    def _path_edited(self, _text: str) -> None:
        self._update()

    def read_file(self) -> None:
        """Read the file named in the path box (in the sandboxed reader), then check the proposed sheet."""
        key = self.file_key()
        if not key[0]:
            return
        if not Path(key[0]).is_file():
            self._show([self.tr("There is no file at {0}.").format(key[0])])
            return
        self.outcome = None
        self._event = None
        message = self.tr("Reading the file…")

        def start() -> Task:
            return self._start("read", lambda p: read_file(key, p, message), self._file_read, message)

        self._request(start)

    def _clear_sheet(self) -> None:
        self._filling = True
        try:
            self.sheet_combo.clear()
            self.header_row_combo.clear()
            for combo in self.field_combos.values():
                combo.clear()
        finally:
            self._filling = False
        self.render()

    def _file_read(self, read: FileRead) -> None:
        self.file_read = read
        self.check = None
        data = read.data
        sheet = read.proposed or (data.sheet_names[0] if data.sheet_names else None)
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
        self._mark_proposed()
        self._fill_header_rows()
        self.start_check(StaffMapping())

    def _mark_proposed(self) -> None:
        proposed = self.file_read.proposed if self.file_read is not None else None
        for i in range(self.sheet_combo.count()):
            name = self.sheet_combo.itemData(i)
            self.sheet_combo.setItemText(i, name if name != proposed else self.tr("{0} (proposed)").format(name))

    def sheet(self) -> RawSheet | None:
        name = self.sheet_combo.currentData()
        return self.file_read.data.sheets.get(name) if self.file_read is not None and name else None

    def _fill_header_rows(self) -> None:
        sheet = self.sheet()
        self._filling = True
        try:
            self.header_row_combo.clear()
            self.header_row_combo.addItem(self.tr("Find it"), None)
            for number, preview in candidate_header_rows(sheet) if sheet is not None else []:
                self.header_row_combo.addItem(f"{number}: {preview}", number)
        finally:
            self._filling = False

    def _sheet_chosen(self, _index: int) -> None:
        if self._filling:
            return
        self._fill_header_rows()
        self.start_check(StaffMapping())

    def _header_row_chosen(self, _index: int) -> None:
        if self._filling:
            return
        self.start_check(StaffMapping(header_row=self.header_row_combo.currentData()))

    def _field_changed(self, _index: int) -> None:
        if self._filling:
            return
        clashes = self.clashes()
        if clashes:
            names = self.field_names()
            lines = [self.tr("Column “{0}” is chosen for more than one field: {1}.").format(
                self.field_combos[fields[0]].currentText(),
                ", ".join(names[f].replace("&", "").rstrip(":") for f in fields)) for fields in clashes.values()]
            self._show(lines)
            self._update()
            return
        header_row = self.check.plan.parsed.header_row if self.check is not None else None
        self.start_check(StaffMapping(header_row=header_row or self.header_row_combo.currentData(),
                                      fields=self.chosen_fields()))

    # ------------------------------------------------------------------------------------------ check
    def start_check(self, mapping: StaffMapping, *, keep_message: bool = False) -> None:
        read = self.file_read
        name = self.sheet_combo.currentData()
        if read is None or not name:
            return
        mapping.sheet = name
        engine = self.engine
        message = self.tr("Checking every row…")
        if not keep_message:
            self.outcome = None
            self._event = None

        def start() -> Task:
            return self._start("check", lambda p: check_sheet(engine, read.data, name, mapping, p, message),
                               self._checked, message)

        self._request(start)

    def _checked(self, check: Check) -> None:
        self.check = check
        plan = check.plan
        chosen = plan.mapping.fields
        options = check.header.options()
        self._filling = True
        try:
            index = self.header_row_combo.findData(plan.parsed.header_row or None)
            self.header_row_combo.setCurrentIndex(max(index, 0))
            for name, combo in self.field_combos.items():
                combo.clear()
                combo.addItem(self.tr("(not in the file)"), "")
                for text in options:
                    shown = one_line(text)
                    combo.addItem(shown if len(shown) <= 50 else shown[:49].rstrip() + "…", text)
                    combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
                wanted = chosen.get(name) or ""
                found = next((i for i in range(combo.count())
                              if normalise(combo.itemData(i) or "") == normalise(wanted)), 0) if wanted else 0
                combo.setCurrentIndex(found)
        finally:
            self._filling = False
        self.skip_check.setChecked(False)
        self.render()

    def render(self) -> None:
        check = self.check
        if check is None:
            self.model.set_rows([])
            self._fit_columns()
            self.summary.setText("")
            self._render_problems([])
            self.skip_check.hide()
            self._show_message()
            self._update()
            return
        plan = check.plan
        c = plan.counts()
        self.model.set_rows(check.rows)
        self._fit_columns()
        parts = [
            self.tr("Completions read: <b>{0}</b>").format(f"{c['completions_read']:,}"),
            self.tr("new: <b>{0}</b>").format(f"{c['completions_new']:,}"),
            self.tr("already stored: {0}").format(f"{c['already_stored']:,}"),
            self.tr("rows with errors: <b>{0}</b>").format(f"{c['rows_with_errors']:,}"),
            self.tr("warnings: {0}").format(f"{c['warnings']:,}"),
        ]
        where = self.tr("Sheet “{0}”, header in row {1}").format(html.escape(plan.sheet or ""),
                                                                   plan.parsed.header_row)
        self.summary.setText(where + " — " + " · ".join(parts))
        self.skip_check.setText(self.tr("S&kip the {0} rows with errors and import the others").format(
            f"{len(plan.bad_rows):,}"))
        self.skip_check.setVisible(bool(plan.errors))
        self._render_problems(plan.problems)
        self._show_message()
        self._update()

    def _fit_columns(self) -> None:
        """Widths that fit the first rows shown (up to :data:`MAX_COLUMN_WIDTH`; the defaults without rows), and
        always the column titles in the current language."""
        titles = self.view.horizontalHeader().fontMetrics()
        cells = self.view.fontMetrics()
        rows = self.model.rows[:PREVIEW_ROWS]
        for col, (width, title) in enumerate(zip(PREVIEW_WIDTHS, self.model.headers(), strict=True)):
            if rows:
                width = min(max(cells.horizontalAdvance(self.model.display(r, col)) for r in rows) + 16,
                            MAX_COLUMN_WIDTH)
            self.view.setColumnWidth(col, max(width, titles.horizontalAdvance(title) + 24))

    def _render_problems(self, problems: list[Problem]) -> None:
        fill_problem_table(self.problems, problems, error=self.tr("Error"), warning=self.tr("Warning"),
                           more=self.tr("… and {0} more: export the problems to read them all"))
        self.splitter.widget(1).setVisible(bool(problems))

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
            col = next((c for c, ps in self.model.rows[i].problems.items() if problem in ps), 0)
        index = self.model.index(i, col)
        self.view.selectRow(i)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # ------------------------------------------------------------------------------------------ export
    def ask_export(self) -> None:
        if self.check is None:
            return
        stem = Path(self.path).stem
        suggested = str(Path(self.path).with_name(self.tr("{0}_problems.xlsx").format(stem)))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export problems"), suggested,
                                              self.tr("Excel workbook (*.xlsx);;JSON (*.json)"))
        if path:
            self.start_export(path)

    def start_export(self, path: str) -> Task | None:
        check = self.check
        if check is None or self.running:
            return None
        plan, source = check.plan, self.path

        def work(progress: Progress) -> Path:
            progress.check()
            return write_problems(plan.problems, path, source_file=source, summary=plan.counts())

        def done(out: Path) -> None:
            set_message(self.message, [self.tr("Wrote {0}").format(str(out))], "good")

        return self._start("export", work, done, self.tr("Exporting the problems…"))

    # ------------------------------------------------------------------------------------------ import
    def start_import(self) -> Task | None:
        check = self.check
        if check is None or not self.can_import():
            return None
        plan, engine, actor, skip = check.plan, self.engine, current_user(), self.skip_check.isChecked()
        relay = Progress(callback=self._relay.emit_progress, min_interval=0.05)
        self._commit_progress = relay
        self.bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Importing…"))
        self.cancel_button.setEnabled(True)
        self._show([])

        def work(progress: Progress) -> ImportOutcome:
            progress.check()
            relay.check()
            return commit_completions(engine, plan, actor=actor, progress=relay, skip_bad_rows=skip)

        def done(outcome: ImportOutcome) -> None:
            self.outcome = outcome
            c = outcome.counts
            self._show([self.tr("Imported {0} course completions as import no. {1}. The Imports page can undo it.")
                        .format(f"{int(c.get('completions_added', 0)):,}", outcome.batch_id),
                        self.tr("Rows left out because of errors: {0} · already stored: {1}").format(
                            f"{int(c.get('rows_with_errors', 0)):,}", f"{int(c.get('already_stored', 0)):,}")],
                       "good")
            self.imported.emit(outcome)
            # the database changed: check again, so the preview shows what is stored now
            self.start_check(StaffMapping(header_row=plan.parsed.header_row or None,
                                          fields=dict(plan.mapping.fields)), keep_message=True)

        # the dialog's own progress bar shows the progress: no separate progress window
        return self._start("commit", work, done, self.tr("Importing…"), show_after_ms=None)

    def _progressed(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.progress_label.setText(message)

    def cancel_import(self) -> None:
        if self.importing:
            if self._commit_progress is not None:
                self._commit_progress.cancel()
            if self.task is not None:
                self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    # ------------------------------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self.importing:
            self.cancel_import()  # stays open until the transaction is rolled back
            return
        if self.running and self.task is not None:
            self.task.cancel()
        self._closed = True
        super().reject()


__all__ = ["CompletionsDialog", "PreviewRow", "build_preview", "check_sheet"]
