"""The Imports page: every import recorded in the database, and “Undo import” for a staff or course-completions
import as a whole.

An import is undone in one transaction (:func:`~skillmap.services.staff_import.undo_import`), off the GUI
thread. The service refuses to undo an import before a later one that changed the same people; the page
says so in the user's language. ``undone`` fires after an undo so the window can refresh the staff;
``import_completions_requested`` when the user asks to import course completions from here.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language
from skillmap.problems import InputError
from skillmap.services.staff_import import ImportSummary, list_imports, undo_import
from skillmap.tasks import Progress
from skillmap.ui.import_wizard import current_user
from skillmap.ui.long_table_dialog import ERROR_COLOUR
from skillmap.ui.tasks import Task

ID_ROLE = Qt.ItemDataRole.UserRole
UNDOABLE_KINDS = ("staff", "completions")


def local_time(value: datetime | None) -> str:
    """A stored time (naive UTC) in the computer's time zone, as dd/mm/yyyy hh:mm."""
    if value is None:
        return ""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.astimezone().strftime("%d/%m/%Y %H:%M")


def _count(counts: dict[str, Any], *keys: str) -> int | None:
    for key in keys:
        if key in counts:
            try:
                return int(counts[key])
            except (TypeError, ValueError):
                return None
    return None


class ImportsPage(QWidget):
    """The imports recorded in the database, newest first, with “Undo import”."""

    undone = Signal(int)  # the import number, once undone
    import_completions_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imports_page")
        self.engine: Engine | None = None
        self.imports: list[ImportSummary] = []
        self.task: Task | None = None

        self.title = QLabel()
        self.title.setObjectName("imports_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.table = QTableWidget(0, 10)
        self.table.setObjectName("imports_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate((50, 130, 170, 300, 110, 100, 110, 120, 110, 150)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update)
        self.empty = QLabel()
        self.empty.setObjectName("imports_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message = QLabel()
        self.message.setObjectName("imports_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.message.hide()
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undo_import_button")
        self.undo_button.clicked.connect(self.undo_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refresh_imports_button")
        self.refresh_button.clicked.connect(self.refresh)
        self.import_completions_button = QPushButton()
        self.import_completions_button.setObjectName("import_completions_button")
        self.import_completions_button.clicked.connect(self.import_completions_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.import_completions_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()

    # -- language ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Imports"))
        self.note.setText(self.tr("Every file imported into this database: who imported it, when, and what it "
                                  "changed. A staff import or a course-completions import can be undone as a "
                                  "whole, newest first."))
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Date"), self.tr("Kind"), self.tr("File"), self.tr("Who"), self.tr("Status"),
            self.tr("People added"), self.tr("People updated"), self.tr("Levels added"),
            self.tr("Completions added"),
        ])
        self.empty.setText(self.tr("Nothing has been imported into this database yet. Use File ▸ Import staff… or "
                                   "File ▸ Import course completions…"))
        self.undo_button.setText(self.tr("&Undo import…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.import_completions_button.setText(self.tr("Import course &completions…"))
        self._fill()

    def _kind(self, kind: str) -> str:
        return {"staff": self.tr("Staff"), "sample": self.tr("Sample organisation"),
                "framework": self.tr("Framework"), "completions": self.tr("Course completions")}.get(kind, kind)

    def _status(self, status: str) -> str:
        return {"done": self.tr("Imported"), "undone": self.tr("Undone"),
                "running": self.tr("Interrupted")}.get(status, status)

    # -- data -------------------------------------------------------------------------------------
    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.message.hide()
        self.refresh()

    def refresh(self) -> None:
        self.imports = list_imports(self.engine) if self.engine is not None else []
        self._fill()

    def _fill(self) -> None:
        selected = self.selected_id()
        table = self.table
        table.setUpdatesEnabled(False)
        try:
            table.clearContents()
            table.setRowCount(len(self.imports))
            muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
            for r, imp in enumerate(self.imports):
                c = imp.counts
                added = _count(c, "people_added", "staff")
                levels = _count(c, "levels_added", "assessments")
                updated = _count(c, "people_updated")
                completions = _count(c, "completions_added", "completions")
                values = (str(imp.id), local_time(imp.started_at), self._kind(imp.kind), imp.file_name or "",
                          imp.imported_by or "", self._status(imp.status),
                          *(f"{n:,}" if n is not None else "" for n in (added, updated, levels, completions)))
                for col, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if col == 0:
                        item.setData(ID_ROLE, imp.id)
                    if col in (0, 6, 7, 8, 9):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if col == 3 and imp.sha256:
                        item.setToolTip(self.tr("SHA-256: {0}").format(imp.sha256))
                    if imp.status == "undone":
                        item.setForeground(muted)
                    table.setItem(r, col, item)
        finally:
            table.setUpdatesEnabled(True)
        if selected is not None:
            self.select_import(selected)
        self.table.setVisible(bool(self.imports))
        self.empty.setVisible(not self.imports)
        self._update()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(ID_ROLE)) if item is not None else None

    def selected(self) -> ImportSummary | None:
        wanted = self.selected_id()
        return next((i for i in self.imports if i.id == wanted), None)

    def select_import(self, import_id: int) -> bool:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(ID_ROLE) == import_id:
                self.table.selectRow(r)
                return True
        return False

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def _update(self) -> None:
        imp = self.selected()
        ok = imp is not None and imp.kind in UNDOABLE_KINDS and imp.status == "done" and not self.running
        self.undo_button.setEnabled(ok)
        if imp is None:
            tip = self.tr("Choose an import in the list.")
        elif imp.kind not in UNDOABLE_KINDS:
            tip = self.tr("Only staff imports and course-completions imports can be undone here.")
        elif imp.status != "done":
            tip = self.tr("This import was already undone.")
        else:
            tip = ""
        self.undo_button.setToolTip(tip)
        self.refresh_button.setEnabled(not self.running)

    # -- undo -------------------------------------------------------------------------------------
    def _show(self, text: str, bad: bool) -> None:
        colour = ERROR_COLOUR.name() if bad else "#047857"
        self.message.setText(f"<span style='color: {colour}'>{html.escape(text).replace(chr(10), '<br>')}</span>")
        self.message.show()

    def undo_selected(self) -> Task | None:
        imp = self.selected()
        if imp is None or self.engine is None or self.running:
            return None
        if imp.kind == "completions":
            question = self.tr("Undo import no. {0} ({1})? The {2} course completions it added are deleted.").format(
                imp.id, imp.file_name or "", f"{_count(imp.counts, 'completions_added') or 0:,}")
        else:
            question = self.tr("Undo import no. {0} ({1})? People it added are removed, people it changed get their "
                               "previous data back, and the levels it added are deleted.").format(
                imp.id, imp.file_name or "")
        answer = QMessageBox.question(self, self.tr("Undo import"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        engine, batch_id, actor = self.engine, imp.id, current_user()

        def work(progress: Progress) -> dict[str, int]:
            return undo_import(engine, batch_id, actor=actor, progress=progress)

        self.task = Task(work, on_result=lambda counts: self._undone(batch_id, counts), on_error=self._failed,
                         parent=self, title=self.tr("Undoing import {0}…").format(batch_id))
        self.task.start()
        self._update()
        return self.task

    def _undone(self, batch_id: int, counts: dict[str, int]) -> None:
        if counts.get("completions_removed") and not any(
                counts.get(k) for k in ("people_removed", "people_restored")):
            if counts.get("levels_removed"):  # the levels the passed courses had raised go with them
                text = self.tr("Import {0} undone: {1} course completions removed, with the {2} levels they "
                               "had raised.").format(batch_id, f"{counts['completions_removed']:,}",
                                                     f"{counts['levels_removed']:,}")
            else:
                text = self.tr("Import {0} undone: {1} course completions removed.").format(
                    batch_id, f"{counts['completions_removed']:,}")
        else:
            text = self.tr("Import {0} undone: {1} people removed, {2} restored, {3} levels removed.").format(
                batch_id, counts.get("people_removed", 0), counts.get("people_restored", 0),
                counts.get("levels_removed", 0))
        self._show(text, bad=False)
        self.refresh()
        self.undone.emit(batch_id)

    def _failed(self, exc: BaseException, tb: str) -> None:
        text = exc.text(get_language()) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        self._show(self.tr("The import was not undone: {0}").format(text), bad=True)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Undo import"), text, parent=self)
        box.setObjectName("undo_error")
        if not isinstance(exc, InputError):
            box.setDetailedText(tb)
        box.open()
        self.refresh()
