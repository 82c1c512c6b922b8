"""Import a competency framework from one long table (CSV or Excel), with a check before anything is stored.

The dialog wraps :func:`skillmap.frameworks.longtable.import_long_table` (see ``docs/long-table-import.md``):

* **Sheet** (workbooks only) and **header row**, pre-selected as the importer would pick them.
* **Columns**: one combo box per field, listing the header cells of that row plus “(not used)”, filled in
  from header detection. The whole mapping is passed to the importer, so what the user sees is what is read.
* **Level words**: word → level number, extending the default word table. A failed check adds the words it
  could not map, so the user only types the numbers.
* **Framework**: code, version and name, checked as the user types (valid code, version not yet stored).

Reading and checking the file runs in a :class:`~skillmap.ui.tasks.Task` (a 200,000-row table takes
seconds), once when the dialog opens and again on **Check**. **Import** is enabled only while the last
check passed with the current sheet, columns and level words; it stores the framework with
:func:`~skillmap.services.frameworks.import_framework` and accepts the dialog. Every problem, including an
:class:`~skillmap.problems.InputError` from storing (same code and version), is listed with its location in
the current language.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.frameworks.fileformat import CODE_RE
from skillmap.frameworks.longtable import (
    DEFAULT_SCALE,
    FIELDS,
    HEADER_SCAN_ROWS,
    HEADER_SYNONYMS,
    MAX_SHEETS_PROBED,
    REQUIRED_FIELDS,
    LongTableResult,
    detect_header,
    import_long_table,
    normalise,
    one_line,
    slug,
)
from skillmap.frameworks.model import Framework, Text
from skillmap.frameworks.tabular import WORKBOOK_EXTENSIONS, Table, list_sheets, read_table
from skillmap.i18n import get_language
from skillmap.problems import InputError, Problem
from skillmap.services.frameworks import FrameworkSummary, import_framework, list_frameworks
from skillmap.tasks import Progress
from skillmap.ui.tasks import Task

log = logging.getLogger(__name__)

T = TypeVar("T")

PROBLEM_ROLE = Qt.ItemDataRole.UserRole
MAX_SHOWN_PROBLEMS = 500
SCALE_LOW = min(level for level, *_ in DEFAULT_SCALE)
SCALE_HIGH = max(level for level, *_ in DEFAULT_SCALE)
VERSION_MAX = 40  # frameworks.version is VARCHAR(40)
NAME_MAX = 300  # frameworks.name_en / name_es are VARCHAR(300)
ERROR_COLOUR = QColor("#b91c1c")
WARNING_COLOUR = QColor("#b45309")


# -- headless helpers (run on the worker thread; no Qt) -------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """What a check depends on. Import is allowed only while these equal those of the last good check."""

    sheet: str | None
    mapping: tuple[tuple[str, str], ...]  # (field, header); "" leaves the field out
    level_words: tuple[tuple[str, int], ...]


@dataclass
class Probe:
    """The start of the file: its sheets, the chosen sheet's first rows and the header detected there."""

    sheets: list[str]
    sheet: str | None
    table: Table | None  # the first HEADER_SCAN_ROWS non-blank rows
    header_index: int | None  # into table.rows; None if no row names any field
    columns: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the file cannot be read, no header ...


@dataclass
class Outcome:
    """What a worker hands back: a probe (when the file was (re)read) and the result of a check."""

    settings: Settings | None
    probe: Probe | None = None
    result: LongTableResult | None = None
    problems: list[Problem] = field(default_factory=list)  # errors of a failed check
    existing: set[tuple[str, str]] | None = None  # (code, version) already stored


def _score(columns: dict[str, int]) -> tuple[int, int]:
    return len(columns), sum(f in columns for f in REQUIRED_FIELDS)


def _detect(table: Table) -> tuple[int, dict[str, int]] | None:
    try:
        return detect_header(table)
    except InputError:
        return None


def probe_file(path: Path, sheet: str | None) -> Probe:
    """Read the first rows of ``sheet`` (or of the sheet the importer would pick) and find the header."""
    try:
        sheets = list_sheets(path) if path.suffix.lower() in WORKBOOK_EXTENSIONS else []
        table: Table | None = None
        if sheet is None and len(sheets) > 1:  # as the importer: the sheet whose header names most fields
            best = (0, 0)
            for name in sheets[:MAX_SHEETS_PROBED]:
                candidate = read_table(path, name, max_rows=HEADER_SCAN_ROWS)
                found = _detect(candidate)
                if table is None or (found is not None and _score(found[1]) > best):
                    table, best = candidate, _score(found[1]) if found else best
        if table is None:
            table = read_table(path, sheet if sheet is not None else (sheets[0] if sheets else None),
                               max_rows=HEADER_SCAN_ROWS)
    except InputError as exc:
        return Probe(sheets=[], sheet=sheet, table=None, header_index=None, problems=exc.problems)
    probe = Probe(sheets=sheets, sheet=table.sheet, table=table, header_index=None)
    try:
        probe.header_index, probe.columns = detect_header(table)
    except InputError as exc:
        probe.problems = exc.problems
    return probe


def header_options(cells: list[str | None]) -> list[str]:
    """The header cells a field can be mapped to: non-empty, the first of any that read the same (the
    importer finds a column by its header text, so a second identical header could not be chosen)."""
    seen: set[str] = set()
    options: list[str] = []
    for cell in cells:
        if cell and (key := normalise(cell)) and key not in seen:
            seen.add(key)
            options.append(cell)
    return options


def detected_mapping(cells: list[str | None]) -> dict[str, str]:
    """Field → header cell as header detection reads the row ``cells``."""
    found = _detect(Table(file="", sheet=None, rows=[cells], row_numbers=[1]))
    return {f: cells[c] or "" for f, c in found[1].items()} if found else {}


def full_mapping(chosen: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((f, chosen.get(f, "")) for f in FIELDS)


def run_check(path: Path, settings: Settings, code: str, version: str, name: str) -> LongTableResult:
    return import_long_table(
        path,
        sheet=settings.sheet,
        mapping=dict(settings.mapping),
        level_words=dict(settings.level_words),
        code=code if CODE_RE.match(code) else "framework",
        version=version or "1.0",
        name=Text(name, name) if name else None,
    )


def interruptible(fn: Callable[[], T], progress: Progress) -> T:
    """Run ``fn`` on a helper thread and wait for it, so that Cancel answers at once even though the
    importer has no cancellation points: on cancel :class:`~skillmap.tasks.Cancelled` is raised here and
    the helper's result, when it comes, is dropped (it only reads the file)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    helper = threading.Thread(target=run, name="skillmap-long-table", daemon=True)
    helper.start()
    while helper.is_alive():
        helper.join(0.05)
        progress.check()
    if "error" in box:
        raise box["error"]
    return box["result"]  # type: ignore[no-any-return]


def fill(template: str, *values: object) -> str:
    """Qt's ``%1``…``%9`` placeholders, filled in one pass (PySide6's ``tr()`` returns a ``str``, which has
    no ``.arg()``; a value that itself contains ``%2`` is left alone)."""

    def value(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return str(values[n - 1]) if 0 < n <= len(values) else m.group(0)

    return re.sub(r"%(\d)", value, template)


def framework_counts(result: LongTableResult) -> dict[str, int]:
    fw = result.framework
    levels = [lv for r in fw.roles for lv in r.levels]
    return {
        "role_families": len(fw.role_families),
        "roles": len(fw.roles),
        "role_profiles": len(levels),
        "competencies": sum(len(c.competencies) for c in fw.categories),
        "requirements": sum(len(lv.requirements) for lv in levels),
        "skipped_rows": result.skipped_rows,
    }


def default_code(path: Path) -> str:
    code = slug(path.stem, upper=False)
    return code if CODE_RE.match(code) else "framework"


# -- widgets ---------------------------------------------------------------------------------------------
class _LevelDelegate(QStyledItemDelegate):
    """Level cells: edited with a spin box over the scale; an empty cell shows a grey hint."""

    def __init__(self, parent: QWidget, hint: Callable[[], str]) -> None:
        super().__init__(parent)
        self._hint = hint

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(SCALE_LOW, SCALE_HIGH)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        text = str(index.data() or "").strip()
        editor.setValue(int(text) if text.lstrip("-").isdigit() else SCALE_LOW)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, str(editor.value()))

    def displayText(self, value: Any, locale: Any) -> str:
        text = str(value or "").strip()
        if text.lstrip("-").isdigit():
            lang = get_language()
            names = {level: name.get(lang) for level, _code, name, _d in DEFAULT_SCALE}
            return f"{text} · {names[int(text)]}" if int(text) in names else text
        return text

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if str(index.data() or "").strip():
            return
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        rect = option.rect.adjusted(6, 0, -4, 0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), self._hint())
        painter.restore()


class LongTableDialog(QDialog):
    """Check a long table and import it as a framework. ``exec()`` is truthy when a framework was stored."""

    def __init__(self, engine: Engine, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("long_table_dialog")
        self.engine = engine
        self.path = Path(path)
        self.imported: FrameworkSummary | None = None  # set when Import succeeded

        self._probe: Probe | None = None
        self._existing: set[tuple[str, str]] = set()
        self._task: Task | None = None
        self._task_kind: str | None = None  # "check" or "store"
        self._result: LongTableResult | None = None  # the last check that passed ...
        self._result_settings: Settings | None = None  # ... and what it was made with
        self._last_settings: Settings | None = None  # what the last check, passed or not, was made with
        self._problems: list[Problem] = []  # shown in the problem list
        self._unexpected: str | None = None  # an exception that is not an InputError (a bug), one line
        self._state = "idle"  # idle, checking, passed, failed, unreadable, cancelled, storing, store_failed
        self._state_before = "idle"  # restored when a check is cancelled
        self._error_count = self._warning_count = 0
        self._filling = False  # programmatic changes do not count as user edits
        self._shown = False

        self._build()
        self.retranslate()
        self.resize(960, 680)
        self._start(probe=True, sheet=None)

    # ----------------------------------------------------------------------------------------- public

    def settings(self) -> Settings:
        """The sheet, column mapping and level words as the dialog shows them now."""
        return Settings(
            sheet=self.sheet_combo.currentText() if self.sheet_combo.count() else None,
            mapping=full_mapping({f: str(c.currentData() or "") for f, c in self.mapping_combos.items()}),
            level_words=tuple(self.level_words().items()),
        )

    def level_words(self) -> dict[str, int]:
        """Rows of the level-words table with a word and a whole number."""
        words: dict[str, int] = {}
        for row in range(self.level_words_table.rowCount()):
            word_item = self.level_words_table.item(row, 0)
            level_item = self.level_words_table.item(row, 1)
            word = word_item.text().strip() if word_item else ""
            level = level_item.text().strip() if level_item else ""
            if word and level.lstrip("-").isdigit():
                words[word] = int(level)
        return words

    @property
    def last_result(self) -> LongTableResult | None:
        return self._result

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.running

    def check(self) -> None:
        """Check the table with the current settings (off the GUI thread). The start of the file is read
        again first if it could not be read before or another sheet was chosen."""
        if self.running or self.mapping_clashes():
            return
        sheet = self.sheet_combo.currentText() or None
        probe = self._probe is None or self._probe.table is None or sheet != self._probe.sheet
        self._start(probe=probe, sheet=sheet)

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def mapping_clashes(self) -> dict[str, list[str]]:
        """Header → the fields mapped to it, for headers chosen for more than one field (the importer
        finds a column by its header, so one of them would silently get nothing)."""
        by_header: dict[str, list[str]] = {}
        for name, combo in self.mapping_combos.items():
            header = str(combo.currentData() or "")
            if header:
                by_header.setdefault(normalise(header), []).append(name)
        return {self.mapping_combos[names[0]].currentData(): names
                for names in by_header.values() if len(names) > 1}

    # ----------------------------------------------------------------------------------------- layout

    def _build(self) -> None:
        self.file_label = QLabel(self)
        self.file_label.setObjectName("file_label")
        bold = QFont(self.file_label.font())
        bold.setBold(True)
        self.file_label.setFont(bold)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setToolTip(str(self.path))

        self.sheet_label = QLabel(self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheet_combo")
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sheet_combo.setMinimumContentsLength(14)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label.setBuddy(self.sheet_combo)
        self.header_row_label = QLabel(self)
        self.header_row_combo = QComboBox(self)
        self.header_row_combo.setObjectName("header_row_combo")
        self.header_row_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.header_row_combo.setMinimumContentsLength(30)
        self.header_row_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header_row_combo.activated.connect(self._header_row_chosen)
        self.header_row_label.setBuddy(self.header_row_combo)
        source = QHBoxLayout()
        source.addWidget(self.sheet_label)
        source.addWidget(self.sheet_combo)
        source.addSpacing(12)
        source.addWidget(self.header_row_label)
        source.addWidget(self.header_row_combo, 1)

        # columns
        self.columns_box = QGroupBox(self)
        grid = QGridLayout(self.columns_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.mapping_labels: dict[str, QLabel] = {}
        self.mapping_combos: dict[str, QComboBox] = {}
        half = (len(FIELDS) + 1) // 2
        for i, name in enumerate(FIELDS):
            label = QLabel(self.columns_box)
            combo = QComboBox(self.columns_box)
            combo.setObjectName(f"mapping_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._edited)
            label.setBuddy(combo)
            if name in REQUIRED_FIELDS:
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
            row, col = (i, 0) if i < half else (i - half, 3)
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.mapping_labels[name] = label
            self.mapping_combos[name] = combo
        grid.setColumnMinimumWidth(2, 10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        self.required_note = QLabel(self.columns_box)
        self.required_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(self.required_note, half, 3, 1, 2)
        grid.setRowStretch(half + 1, 1)

        # framework identity: an invalid field gets a red frame and says why in its tooltip and the summary
        self.framework_box = QGroupBox(self)
        form = QGridLayout(self.framework_box)
        form.setVerticalSpacing(4)
        self.code_edit = QLineEdit(default_code(self.path), self.framework_box)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setMaxLength(64)
        self.version_edit = QLineEdit("1.0", self.framework_box)
        self.version_edit.setObjectName("version_edit")
        self.version_edit.setMaxLength(VERSION_MAX)
        self.version_edit.setMaximumWidth(self.version_edit.fontMetrics().horizontalAdvance("0") * 10 + 16)
        self.name_edit = QLineEdit(self.path.stem, self.framework_box)
        self.name_edit.setObjectName("name_edit")
        self.name_edit.setMaxLength(NAME_MAX)
        for edit in (self.code_edit, self.version_edit, self.name_edit):
            edit.textChanged.connect(self._identity_edited)
        self.code_label, self.version_label, self.name_label = (QLabel(self.framework_box) for _ in range(3))
        for label, edit in ((self.code_label, self.code_edit), (self.version_label, self.version_edit),
                            (self.name_label, self.name_edit)):
            label.setBuddy(edit)
        for row, (label, edit) in enumerate(((self.code_label, self.code_edit),
                                             (self.version_label, self.version_edit),
                                             (self.name_label, self.name_edit))):
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1, Qt.AlignmentFlag.AlignLeft if edit is self.version_edit
                           else Qt.AlignmentFlag(0))
        form.setColumnStretch(1, 1)

        # level words
        self.words_box = QGroupBox(self)
        words_layout = QVBoxLayout(self.words_box)
        words_layout.setSpacing(4)
        self.level_words_table = QTableWidget(0, 2, self.words_box)
        self.level_words_table.setObjectName("level_words_table")
        self.level_words_table.verticalHeader().hide()
        self.level_words_table.verticalHeader().setDefaultSectionSize(
            self.level_words_table.fontMetrics().height() + 10)
        self.level_words_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.level_words_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.level_words_table.horizontalHeader().resizeSection(1, 130)
        self.level_words_table.horizontalHeader().setHighlightSections(False)
        self.level_words_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.level_words_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self._level_delegate = _LevelDelegate(self.level_words_table,
                                              lambda: fill(self.tr("type %1–%2"), SCALE_LOW, SCALE_HIGH))
        self.level_words_table.setItemDelegateForColumn(1, self._level_delegate)
        self.level_words_table.itemChanged.connect(self._edited)
        self.level_words_table.setMinimumHeight(70)
        self.scale_label = QLabel(self.words_box)
        self.scale_label.setObjectName("scale_label")
        self.scale_label.setWordWrap(True)
        self.scale_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.scale_label.setMinimumHeight(self.scale_label.fontMetrics().lineSpacing() * 2)  # wraps once
        self.add_word_button = QPushButton(self.words_box)
        self.add_word_button.setObjectName("add_word_button")
        self.add_word_button.clicked.connect(self._add_word)
        self.remove_word_button = QPushButton(self.words_box)
        self.remove_word_button.setObjectName("remove_word_button")
        self.remove_word_button.clicked.connect(self._remove_words)
        word_buttons = QHBoxLayout()
        word_buttons.addWidget(self.add_word_button)
        word_buttons.addWidget(self.remove_word_button)
        word_buttons.addStretch(1)
        words_layout.addWidget(self.level_words_table, 1)
        words_layout.addWidget(self.scale_label)
        words_layout.addLayout(word_buttons)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.framework_box)
        right.addWidget(self.words_box, 1)
        settings = QWidget(self)
        settings_layout = QHBoxLayout(settings)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        settings_layout.addWidget(self.columns_box, 5)
        settings_layout.addLayout(right, 3)

        # results
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.problem_list = QTableWidget(0, 3, self)
        self.problem_list.setObjectName("problem_list")
        self.problem_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problem_list.setWordWrap(True)
        self.problem_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problem_list.setAlternatingRowColors(True)
        self.problem_list.setShowGrid(False)
        self.problem_list.setIconSize(QSize(16, 16))
        self.problem_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.problem_list.setStyleSheet("QTableView::item { padding: 2px 4px; }")
        self.problem_list.setMinimumHeight(80)
        self.problem_list.verticalHeader().hide()
        self.problem_list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.problem_list.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 100)
        header.resizeSection(1, 230)
        self.problem_list.itemActivated.connect(self._problem_activated)
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.setSpacing(6)
        results_layout.addWidget(self.summary_label)
        results_layout.addWidget(self.problem_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(settings)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        self.check_button = QPushButton(self)
        self.check_button.setObjectName("check_button")
        self.check_button.clicked.connect(self.check)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.store)
        for button in (self.check_button, self.cancel_button, self.import_button, self.add_word_button,
                       self.remove_word_button):
            button.setAutoDefault(False)  # Enter in a field must not import (nor add a word)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(source)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self._content = (self.sheet_combo, self.header_row_combo, settings)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # the settings as tall as the columns need; the rest for the problems
            self._shown = True
            settings = self.splitter.widget(0)
            top = max(self.columns_box.sizeHint().height(), settings.minimumSizeHint().height())
            self.splitter.setSizes([top, max(self.splitter.height() - top, 120)])

    # ----------------------------------------------------------------------------------------- language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _field_names(self) -> dict[str, str]:
        return {
            "role_family": self.tr("Role family"),
            "role": self.tr("Role"),
            "role_level": self.tr("Role level"),
            "role_title": self.tr("Role title"),
            "role_description": self.tr("Role description"),
            "skill": self.tr("Competency"),
            "skill_code": self.tr("Competency code"),
            "category": self.tr("Category"),
            "skill_description": self.tr("Competency description"),
            "skill_level": self.tr("Competency level"),
            "level_description": self.tr("Level description"),
            "status": self.tr("Status (in use)"),
            "hard_to_transfer": self.tr("Hard to transfer"),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a framework from a long table") + f" — {self.path.name}")
        self.file_label.setText(fill(self.tr("File: %1"), self.path.name))
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.header_row_label.setText(self.tr("&Header row:"))
        self.columns_box.setTitle(self.tr("Columns"))
        names = self._field_names()
        for name, label in self.mapping_labels.items():
            label.setText(names[name] + (" *" if name in REQUIRED_FIELDS else "") + ":")
            tip = fill(self.tr("Recognised headers: %1"), ", ".join(HEADER_SYNONYMS[name]))
            label.setToolTip(tip)
            self.mapping_combos[name].setToolTip(tip)
            if self.mapping_combos[name].count():
                self.mapping_combos[name].setItemText(0, self.tr("(not used)"))
        self.required_note.setText(self.tr("* required"))
        self.framework_box.setTitle(self.tr("Framework"))
        self.code_label.setText(self.tr("Co&de:"))
        self.version_label.setText(self.tr("&Version:"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_edit.setPlaceholderText(self.path.stem)
        self.words_box.setTitle(self.tr("Level words"))
        self.level_words_table.setHorizontalHeaderLabels([self.tr("Word in the table"), self.tr("Level")])
        lang = get_language()
        scale = " · ".join(f"{level}\u00a0{name.get(lang)}" for level, _code, name, _d in DEFAULT_SCALE)
        self.scale_label.setText(fill(self.tr("Scale: %1"), scale))
        self.add_word_button.setText(self.tr("&Add word"))
        self.remove_word_button.setText(self.tr("&Remove"))
        self.problem_list.setHorizontalHeaderLabels(
            [self.tr("Severity"), self.tr("Where"), self.tr("Problem")])
        self.check_button.setText(self.tr("&Check"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.import_button.setText(self.tr("&Import"))
        self._fill_header_rows()
        self._render_problems()
        self._update()

    # ----------------------------------------------------------------------------------------- tasks

    def _start(self, *, probe: bool, sheet: str | None) -> None:
        """Read the start of the file (``probe``; then the header detected there is used) and check it."""
        path = self.path
        settings = None if probe else self.settings()
        code, version, name = self.code_edit.text().strip(), self.version_edit.text().strip(), \
            self.name_edit.text().strip()
        want_existing = probe and self._probe is None
        engine = self.engine
        checking = self.tr("Checking the table…")  # reading the file included: one message, no flicker
        words = tuple(self.level_words().items())

        def work(progress: Progress) -> Outcome:
            existing = {(f.code, f.version) for f in list_frameworks(engine)} if want_existing else None
            outcome = Outcome(settings=settings, existing=existing)
            progress.report(0, 0, checking)
            if settings is None:
                found = interruptible(lambda: probe_file(path, sheet), progress)
                outcome.probe = found
                if found.table is None or found.problems:
                    return outcome  # nothing to check: the file cannot be read or has no header
                cells = found.table.rows[found.header_index or 0]
                outcome.settings = Settings(found.sheet, full_mapping(detected_mapping(cells)), words)
            chosen = outcome.settings
            assert chosen is not None
            try:
                outcome.result = interruptible(lambda: run_check(path, chosen, code, version, name), progress)
            except InputError as exc:
                outcome.problems = exc.problems
            return outcome

        self._state_before = self._state
        self._state = "checking"
        self._unexpected = None
        self._task_kind = "check"
        self._task = Task(work, on_result=self._checked, on_error=self._failed, on_cancel=self._cancelled,
                          parent=self, title=checking)
        self._task.start()
        self._update()

    def _checked(self, outcome: Outcome) -> None:
        if outcome.existing is not None:
            self._existing = outcome.existing
        if outcome.probe is not None:
            self._apply_probe(outcome.probe)
        self._result = outcome.result
        self._result_settings = outcome.settings if outcome.result is not None else None
        self._last_settings = outcome.settings
        if outcome.probe is not None and (outcome.probe.table is None or outcome.probe.problems):
            self._problems = list(outcome.probe.problems)
            self._state = "unreadable" if outcome.probe.table is None else "failed"
        elif outcome.result is not None:
            self._problems = list(outcome.result.warnings)
            self._state = "passed"
        else:
            self._problems = list(outcome.problems)
            self._state = "failed"
            self._add_unmapped_words(outcome.problems)
        self._render_problems()
        self._update()

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not isinstance(exc, InputError):  # a bug or a database failure: keep the traceback for support
            log.error("long table dialog: %s", tb)
        if self._task_kind == "store":
            self._store_failed(exc)
            return
        self._result = self._result_settings = self._last_settings = None
        self._problems = []
        self._unexpected = f"{type(exc).__name__}: {exc}"
        self._state = "failed"
        self._render_problems()
        self._update()

    def _cancelled(self) -> None:
        """Back to what was shown before the check (still valid if the settings did not change)."""
        self._state = self._state_before if self._state_before in ("passed", "failed", "unreadable") \
            else "cancelled"
        self._update()

    # ----------------------------------------------------------------------------------------- probe

    def _apply_probe(self, probe: Probe) -> None:
        self._probe = probe
        self._filling = True
        try:
            self.sheet_combo.clear()
            self.sheet_combo.addItems(probe.sheets)
            if probe.sheet is not None:
                self.sheet_combo.setCurrentText(probe.sheet)
            workbook = bool(probe.sheets)
            self.sheet_label.setVisible(workbook)
            self.sheet_combo.setVisible(workbook)
        finally:
            self._filling = False
        self._fill_header_rows()
        index = probe.header_index if probe.header_index is not None else 0
        self._set_header_row(index)

    def _fill_header_rows(self) -> None:
        table = self._probe.table if self._probe is not None else None
        current = self.header_row_combo.currentIndex()
        self._filling = True
        try:
            self.header_row_combo.clear()
            for cells, number in zip(table.rows, table.row_numbers, strict=True) if table else ():
                preview = " · ".join(one_line(c) for c in cells if c)
                if len(preview) > 90:
                    preview = preview[:89].rstrip() + "…"
                self.header_row_combo.addItem(fill(self.tr("Row %1: %2"), number, preview), number)
            if 0 <= current < self.header_row_combo.count():
                self.header_row_combo.setCurrentIndex(current)
        finally:
            self._filling = False

    def _set_header_row(self, index: int) -> None:
        """Show the cells of row ``index`` (of the probed rows) in the column combos, as detected."""
        table = self._probe.table if self._probe is not None else None
        cells = table.rows[index] if table is not None and index < len(table.rows) else []
        chosen = detected_mapping(cells)
        options = header_options(cells)
        self._filling = True
        try:
            self.header_row_combo.setCurrentIndex(index if index < self.header_row_combo.count() else -1)
            for name, combo in self.mapping_combos.items():
                combo.clear()
                combo.addItem(self.tr("(not used)"), "")
                for header in options:
                    text = one_line(header)
                    combo.addItem(text if len(text) <= 60 else text[:59].rstrip() + "…", header)
                    combo.setItemData(combo.count() - 1, header, Qt.ItemDataRole.ToolTipRole)
                combo.setCurrentIndex(max(combo.findData(chosen.get(name, "")), 0))
        finally:
            self._filling = False

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet_combo.currentText()
        if self._probe is not None and sheet != self._probe.sheet and not self.running:
            self._start(probe=True, sheet=sheet)

    def _header_row_chosen(self, index: int) -> None:
        self._set_header_row(index)
        self._edited()

    # ----------------------------------------------------------------------------------------- edits

    def _edited(self, *_args: object) -> None:
        if not self._filling:
            self._update()

    def _identity_edited(self, _text: str) -> None:
        if self._state == "store_failed":
            self._state = "passed" if self._result is not None else "failed"
        self._update()

    def _add_word(self) -> None:
        row = self._append_word("")
        self.level_words_table.setCurrentCell(row, 0)
        self.level_words_table.editItem(self.level_words_table.item(row, 0))

    def _append_word(self, word: str) -> int:
        table = self.level_words_table
        row = table.rowCount()
        self._filling = True
        try:
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(word))
            level = QTableWidgetItem("")
            level.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            table.setItem(row, 1, level)
        finally:
            self._filling = False
        return row

    def _remove_words(self) -> None:
        rows = sorted({i.row() for i in self.level_words_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.level_words_table.removeRow(row)
        if rows:
            self._edited()

    def _add_unmapped_words(self, problems: list[Problem]) -> None:
        """Put the level words a check could not map into the table, with an empty level to fill in."""
        have = {normalise(self.level_words_table.item(r, 0).text())
                for r in range(self.level_words_table.rowCount()) if self.level_words_table.item(r, 0)}
        first: int | None = None
        for p in problems:
            word = str(p.params.get("word", "")) if p.key == "lt.level_word" else ""
            if word and normalise(word) not in have:
                have.add(normalise(word))
                row = self._append_word(word)
                first = row if first is None else first
        if first is not None:
            self.level_words_table.scrollToItem(self.level_words_table.item(first, 1))

    def _row_of_word(self, word: str) -> int | None:
        for row in range(self.level_words_table.rowCount()):
            item = self.level_words_table.item(row, 0)
            if item is not None and normalise(item.text()) == normalise(word):
                return row
        return None

    def _problem_activated(self, item: QTableWidgetItem) -> None:
        """Activating an unmapped level word goes to its row in the level-words table."""
        first = self.problem_list.item(item.row(), 0)
        problem = first.data(PROBLEM_ROLE) if first is not None else None
        if isinstance(problem, Problem) and problem.key == "lt.level_word":
            row = self._row_of_word(str(problem.params.get("word", "")))
            if row is not None:
                self.level_words_table.setCurrentCell(row, 1)
                self.level_words_table.editItem(self.level_words_table.item(row, 1))

    # ----------------------------------------------------------------------------------------- identity

    def identity_problems(self) -> dict[str, str]:
        """Why the code or version cannot be stored, by field ("code", "version"), in the current language."""
        code, version = self.code_edit.text().strip(), self.version_edit.text().strip()
        found: dict[str, str] = {}
        if not CODE_RE.match(code):
            found["code"] = self.tr(
                "The code needs letters or digits; it may also use “-”, “_” and “.” (at most 64, no spaces).")
        if not version:
            found["version"] = self.tr("The version is required.")
        elif (code, version) in self._existing:
            found["version"] = fill(self.tr(
                "Framework %1 version %2 is already in the database: give a new version."), code, version)
        return found

    def identity_problem(self) -> str | None:
        """The first of :meth:`identity_problems`, or None if the framework can be stored as named."""
        return next(iter(self.identity_problems().values()), None)

    def _mark_identity(self) -> None:
        found = self.identity_problems()
        for name, edit in (("code", self.code_edit), ("version", self.version_edit)):
            bad = name in found
            edit.setToolTip(found.get(name, ""))
            edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR.name()}; border-radius: 2px;"
                               " padding: 1px 2px; }" if bad else "")

    def _framework_to_store(self) -> Framework:
        assert self._result is not None
        name = self.name_edit.text().strip() or self.path.stem
        return dataclasses.replace(self._result.framework, code=self.code_edit.text().strip(),
                                   version=self.version_edit.text().strip(), name=Text(name, name))

    def can_import(self) -> bool:
        return (self._result is not None and self._result_settings == self.settings() and not self.running
                and self._state == "passed" and self.identity_problem() is None)

    # ----------------------------------------------------------------------------------------- import

    def store(self) -> None:
        """Store the checked framework; accept the dialog when done."""
        if not self.can_import():
            return
        fw, engine, file = self._framework_to_store(), self.engine, str(self.path)

        def work(progress: Progress) -> FrameworkSummary:
            progress.check()
            return import_framework(engine, fw, file=file)

        title = self.tr("Importing the framework…")
        self._state = "storing"
        self._task_kind = "store"
        self._task = Task(work, on_result=self._stored, on_error=self._failed, parent=self, title=title)
        self._task.start()
        self._update()

    def _stored(self, summary: FrameworkSummary) -> None:
        self.imported = summary
        self._state = "passed"
        self._update()
        self.accept()

    def _store_failed(self, exc: BaseException) -> None:
        self._state = "store_failed"
        if isinstance(exc, InputError):
            for p in exc.problems:
                if p.key == "fw.exists":
                    self._existing.add((str(p.params.get("code")), str(p.params.get("version"))))
            self._problems = list(exc.problems) + [p for p in self._problems if p not in exc.problems]
        else:
            self._unexpected = f"{type(exc).__name__}: {exc}"
        self._render_problems()
        self._update()

    def reject(self) -> None:
        if self._task_kind == "store" and self.running:
            return  # the transaction cannot be abandoned halfway; it is short
        if self.running and self._task is not None:
            self._task.cancel()
        super().reject()

    # ----------------------------------------------------------------------------------------- display

    def _render_problems(self) -> None:
        """Fill the problem list: errors first, each with where it is (sheet, row, column) and what."""
        lang = get_language()
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        words = {"error": self.tr("Error"), "warning": self.tr("Warning")}
        colours = {"error": ERROR_COLOUR, "warning": WARNING_COLOUR}
        bold = QFont(self.problem_list.font())
        bold.setBold(True)
        rows: list[tuple[str, str, str, Problem | None]] = []
        if self._unexpected:
            message = fill(self.tr("Unexpected error: %1"), self._unexpected)
            rows.append(("error", self.path.name, message, None))
        ordered = sorted(self._problems, key=lambda p: p.severity != "error")  # errors first, stable
        self._warning_count = sum(p.severity == "warning" for p in ordered)
        self._error_count = len(ordered) - self._warning_count + (1 if self._unexpected else 0)
        for p in ordered[:MAX_SHOWN_PROBLEMS]:
            where = dataclasses.replace(p, file=None).where(lang) or (Path(p.file).name if p.file else "")
            rows.append((p.severity, where, p.message(lang), p))
        more = len(ordered) - MAX_SHOWN_PROBLEMS
        table = self.problem_list
        table.setUpdatesEnabled(False)
        try:
            table.clearContents()
            table.setRowCount(len(rows) + (1 if more > 0 else 0))
            for r, (severity, where, message, problem) in enumerate(rows):
                kind = QTableWidgetItem(icons[severity], words[severity])
                kind.setForeground(QBrush(colours[severity]))
                if severity == "error":
                    kind.setFont(bold)
                kind.setData(PROBLEM_ROLE, problem)
                text = QTableWidgetItem(message)
                text.setToolTip(problem.text(lang) if problem is not None else message)
                for c, item in enumerate((kind, QTableWidgetItem(where), text)):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                    table.setItem(r, c, item)
            if more > 0:
                table.setItem(len(rows), 2, QTableWidgetItem(fill(self.tr("… and %1 more not shown"), more)))
        finally:
            table.setUpdatesEnabled(True)

    def _counts_text(self, result: LongTableResult) -> str:
        counts = framework_counts(result)
        labels = (
            (self.tr("Role families"), counts["role_families"]),
            (self.tr("Roles"), counts["roles"]),
            (self.tr("Role profiles"), counts["role_profiles"]),
            (self.tr("Competencies"), counts["competencies"]),
            (self.tr("Requirements"), counts["requirements"]),
            (self.tr("Rows skipped"), counts["skipped_rows"]),
        )
        return " · ".join(f"{html.escape(label)}: <b>{n:,}</b>" for label, n in labels)

    def _update(self) -> None:
        """Enable the buttons and write the summary for the current state."""
        busy = self.running
        storing = busy and self._task_kind == "store"
        for widget in self._content:
            widget.setEnabled(not storing)
        self.framework_box.setEnabled(not storing)
        self.sheet_combo.setEnabled(not busy)
        self.header_row_combo.setEnabled(not busy and self.header_row_combo.count() > 0)
        clashes = self.mapping_clashes()
        self._mark_clashes(clashes)
        self.check_button.setEnabled(not busy and not clashes)
        self.cancel_button.setEnabled(not storing)
        self.import_button.setEnabled(self.can_import())
        self.remove_word_button.setEnabled(self.level_words_table.rowCount() > 0)

        identity = self.identity_problem()
        self._mark_identity()
        self.import_button.setToolTip("" if self.import_button.isEnabled()
                                      else self._why_not_import(identity))

        stale = self._last_settings is not None and self._last_settings != self.settings()
        errors, warnings = self._error_count, self._warning_count
        again = self.tr("The settings changed after the check: press Check again.")
        tone, lines = "neutral", []
        if self._state == "checking":
            lines.append(html.escape(self.tr("Checking the table…")))
        elif self._state == "storing":
            lines.append(html.escape(self.tr("Importing the framework…")))
        elif self._state == "cancelled":
            lines.append(html.escape(self.tr("The check was cancelled. Press Check to check the table.")))
        elif self._state == "unreadable":
            tone = "bad"
            lines.append("<b>" + html.escape(self.tr("The file cannot be read.")) + "</b>")
        elif self._state == "failed":
            tone = "bad"
            lines.append("<b>" + html.escape(fill(self.tr("Errors: %1. The table cannot be imported yet."),
                                                  errors)) + "</b>")
            lines.append(html.escape(again if stale else self._failed_advice()))
        elif self._result is not None:
            result = self._result
            lines.append(self._counts_text(result))
            where = (fill(self.tr("Sheet “%1”, header in row %2"), result.sheet, result.header_row)
                     if result.sheet else fill(self.tr("Header in row %1"), result.header_row))
            if stale:
                status = again
            elif self._state == "store_failed":
                tone, status = "bad", self.tr("Not imported: see the problem below.")
            elif identity is not None:
                tone, status = "bad", identity
            else:
                tone, status = "good", self.tr("Ready to import.")
                if warnings:
                    status = fill(self.tr("Ready to import; read the warnings below first (%1)."), warnings)
            lines.append(html.escape(where) + " — <b>" + html.escape(status) + "</b>")
        else:
            lines.append(html.escape(self.tr("Not checked yet.")))
        if clashes:
            tone = "bad"
            names = self._field_names()
            for header, fields in clashes.items():
                lines.append("<b>" + html.escape(fill(
                    self.tr("The column “%1” is chosen for %2: choose one column per field."),
                    one_line(header), ", ".join(names[f] for f in fields))) + "</b>")
        self.summary_label.setText("<br>".join(lines))
        self._set_tone("neutral" if stale and not clashes else tone)

    def _mark_clashes(self, clashes: dict[str, list[str]]) -> None:
        """Labels of fields that share a column turn red."""
        clashing = {f for fields in clashes.values() for f in fields}
        for name, label in self.mapping_labels.items():
            palette = self.columns_box.palette()
            if name in clashing:
                palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
            label.setPalette(palette)

    def _failed_advice(self) -> str:
        if any(p.key == "lt.level_word" for p in self._problems):
            return self.tr("Type a level number for each new word under Level words, then press Check.")
        if any(p.key in ("lt.missing_columns", "lt.no_header") for p in self._problems):
            return self.tr("Choose the header row and the columns, then press Check.")
        return self.tr("Correct the file or the settings, then press Check.")

    def _why_not_import(self, identity: str | None) -> str:
        if self.running:
            return self.tr("Wait for the check to finish.")
        if self._result is None:
            return self.tr("The table must pass a check first.")
        if self._result_settings != self.settings():
            return self.tr("The settings changed after the check: press Check again.")
        return identity or ""

    def _set_tone(self, tone: str) -> None:
        colours = {"good": ("#ecfdf5", "#059669"), "bad": ("#fef2f2", "#dc2626"),
                   "neutral": ("palette(base)", "palette(mid)")}
        background, border = colours[tone]
        self.summary_label.setStyleSheet(
            f"QLabel#summary_label {{ background: {background}; border: 1px solid {border};"
            f" border-left: 4px solid {border}; border-radius: 3px; padding: 6px 8px;"
            " color: palette(text); }"
        )
