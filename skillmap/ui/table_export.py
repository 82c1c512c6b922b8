"""*Export table as CSV…* for every table and tree of the app.

:func:`install_table_export` walks a widget (the main window's pages) and gives every ``QTableView``,
``QTableWidget``, ``QTreeView`` and ``QTreeWidget`` that has Qt's default context-menu policy a right-click menu
with *Export table as CSV…*. Views that already build their own menu (``CustomContextMenu``, such as the staff
table) keep it untouched; their menu code can append the same action with :func:`add_export_action`.

What is written (:func:`export_view_csv`): the visible columns in the order shown, under their header texts, and
every row of the view's model as the view shows it (display role; through a sort/filter proxy the rows as
filtered and sorted; a tree depth first, with a first column giving each row's level in the tree). The file is
CSV for spreadsheets (:func:`skillmap.reports.xlsx.write_csv_rows`): UTF-8 with a byte-order mark, ``;`` between
cells and a decimal comma in Spanish, ``,`` and a decimal point in English, every text cell neutralised against
formula injection. It is written under a temporary name and renamed when complete, so a cancelled or failed
export leaves no partial file.

Reading a model happens on the GUI thread (item models are not thread-safe), a slice of rows at a time between
events, so a 47,700-row table never freezes the window; a progress dialog with Cancel appears when it lasts.
The rows are then written on a worker. Each finished export is reported to the ``on_exported`` callback given to
:func:`install_table_export` (the main window passes the audit-log service) as a :class:`TableExport`.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QTreeView,
    QWidget,
)

from skillmap.i18n import get_language
from skillmap.reports.model import Cell, Column
from skillmap.reports.xlsx import write_csv_rows
from skillmap.tasks import Progress
from skillmap.ui.staff_model import StaffTableModel
from skillmap.ui.tasks import Task

# Object name of the *Export table as CSV…* action (tests and menus find it by this name).
ACTION_NAME = "export_table_csv"
# Dynamic property set on a view whose context menu this module provides.
PROPERTY = "skillmap_table_export"
# Time the GUI thread spends reading rows before it serves events again (seconds).
SLICE_SECONDS = 0.03
# Progress dialog for reading shows after this long (milliseconds).
SHOW_AFTER_MS = 600

ItemView = QTableView | QTreeView


@dataclass(frozen=True)
class TableExport:
    """One finished table export, for the audit log."""

    path: Path
    """The file written."""
    table: str
    """Which table: the view's object name (``"staff_table"``, ``"progress_table"`` …)."""
    headers: tuple[str, ...]
    """The column headers written (without the tree-level column)."""
    rows: int
    """Rows written (without the header row)."""
    lang: str
    """Language of the CSV conventions (``"es"``: ``;`` and decimal comma)."""
    staff_ids: tuple[int, ...] = field(default=())
    """Database ids of the people listed, when the table is the staff table (empty otherwise)."""


# -- reading a view ----------------------------------------------------------------------------------------------
def _header(view: ItemView) -> QHeaderView:
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()


def visible_columns(view: ItemView) -> list[tuple[int, str]]:
    """``(model column, header text)`` of the columns the view shows, in the order it shows them."""
    model = view.model()
    if model is None:
        return []
    header = _header(view)
    out: list[tuple[int, str]] = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if logical < 0 or header.isSectionHidden(logical):
            continue
        text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        out.append((logical, "" if text is None else str(text)))
    return out


def is_tree(view: ItemView) -> bool:
    """True when the view is a tree whose model has rows below the top level."""
    model = view.model()
    if not isinstance(view, QTreeView) or model is None:
        return False
    return any(model.hasChildren(model.index(r, 0)) for r in range(model.rowCount()))


def cell_value(value: object) -> Cell:
    """A display-role value as a CSV cell (Qt dates become dates; anything else not a number becomes text)."""
    if value is None or isinstance(value, (str, int, float, date)):
        return value  # type: ignore[return-value]
    if isinstance(value, QDateTime):
        return value.toPython() if value.isValid() else None  # type: ignore[no-any-return]
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None  # type: ignore[no-any-return]
    return str(value)


def iter_rows(view: ItemView, columns: list[int], *, tree: bool | None = None) -> Iterator[list[Cell]]:
    """Every row of ``view``'s model as the view shows it (``columns``: model columns to read). A tree is walked
    depth first and each row starts with its level (1 at the top)."""
    model = view.model()
    if model is None:
        return
    tree = is_tree(view) if tree is None else tree
    display = Qt.ItemDataRole.DisplayRole
    index, data = model.index, model.data

    def walk(parent: QModelIndex, depth: int) -> Iterator[list[Cell]]:
        for r in range(model.rowCount(parent)):
            cells: list[Cell] = [cell_value(data(index(r, c, parent), display)) for c in columns]
            yield [depth, *cells] if tree else cells
            if tree:
                first = index(r, 0, parent)
                if model.hasChildren(first):
                    yield from walk(first, depth + 1)

    yield from walk(QModelIndex(), 1)


def staff_ids_of(view: ItemView) -> tuple[int, ...]:
    """The staff ids of the rows the staff table lists (empty for any other table)."""
    model = view.model()
    if not isinstance(model, StaffTableModel):
        return ()
    ids = (model.staff_id(r) for r in range(model.rowCount()))
    return tuple(i for i in ids if i is not None)


def _level_header() -> str:
    return QCoreApplication.translate("TableExporter", "Tree level")


def _write(columns: list[Column], rows: list[list[Cell]], path: Path, lang: str,
           progress: Progress | None = None) -> Path:
    """Write through a temporary file next to ``path``, renamed into place when complete."""
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.part{path.suffix}")
    try:
        write_csv_rows(columns, rows, tmp, lang=lang, progress=progress)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _csv_columns(headers: list[str], tree: bool) -> list[Column]:
    cols = [Column(f"c{i}", h) for i, h in enumerate(headers)]
    return [Column("level", _level_header(), "int"), *cols] if tree else cols


def export_view_csv(view: ItemView, path: str | Path, *, lang: str | None = None) -> TableExport:
    """Write ``view``'s visible columns and all its rows as CSV at ``path`` (synchronously, on the calling
    thread) and return what was written. ``lang`` defaults to the interface's language."""
    lang = lang or get_language()
    path = Path(path)
    visible = visible_columns(view)
    tree = is_tree(view)
    rows = list(iter_rows(view, [c for c, _ in visible], tree=tree))
    headers = [h for _, h in visible]
    _write(_csv_columns(headers, tree), rows, path, lang)
    return TableExport(path, view.objectName(), tuple(headers), len(rows), lang, staff_ids_of(view))


def proposed_name(view: ItemView) -> str:
    """A file name for the table: its object name and today's date (``staff-table_2026-03-01.csv``)."""
    stem = re.sub(r"[^\w-]+", "-", (view.objectName() or "table").replace("_", "-")).strip("-") or "table"
    return f"{stem}_{date.today().isoformat()}.csv"


# -- interactive export ------------------------------------------------------------------------------------------
class CsvExport(QObject):
    """One interactive export of a view: ask for the file, read the rows a slice at a time on the GUI thread
    (progress dialog with Cancel after a moment), write them on a worker, report the result."""

    def __init__(self, view: ItemView, on_exported: Callable[[TableExport], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view = view
        self.on_exported = on_exported
        self.lang = get_language()
        self.path: Path | None = None
        self.result: TableExport | None = None
        self.cancelled = False
        self.error: BaseException | None = None
        self.running = False
        self.task: Task | None = None
        self._rows: list[list[Cell]] = []
        self._iter: Iterator[list[Cell]] | None = None
        self._headers: list[str] = []
        self._tree = False
        self._total = 0
        self._started = 0.0
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_slice)

    def ask_path(self) -> Path | None:
        """The save dialog (proposed name from the table and the date); ``None`` when the user cancels."""
        start = Path.home() / proposed_name(self.view)
        chosen, _ = QFileDialog.getSaveFileName(self.view, self.tr("Export table as CSV"), str(start),
                                                self.tr("CSV files (*.csv);;All files (*)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".csv")

    def start(self, path: str | Path | None = None) -> bool:
        """Export to ``path`` (asked with a save dialog when ``None``); ``False`` if the user chose no file."""
        chosen = Path(path) if path is not None else self.ask_path()
        if chosen is None:
            return False
        self.path = chosen
        visible = visible_columns(self.view)
        self._headers = [h for _, h in visible]
        self._tree = is_tree(self.view)
        model = self.view.model()
        self._total = model.rowCount() if model is not None else 0
        self._iter = iter_rows(self.view, [c for c, _ in visible], tree=self._tree)
        self._rows = []
        self._started = time.monotonic()
        self.running = True
        self._timer.start()
        return True

    def cancel(self) -> None:
        """Stop reading (nothing is written) or writing (the partial file is removed)."""
        if not self.running:
            return
        if self.task is not None:
            self.task.cancel()
            return
        self._timer.stop()
        self._finish_cancelled()

    def _read_slice(self) -> None:
        if self._iter is None:
            return
        deadline = time.monotonic() + SLICE_SECONDS
        try:
            for row in self._iter:
                self._rows.append(row)
                if len(self._rows) % 64 == 0 and time.monotonic() > deadline:
                    break
            else:
                self._iter = None
        except Exception as exc:  # a model that fails while being read: shown, nothing written
            self._iter = None
            self._fail(exc)
            return
        if self._iter is None:
            self._write()
            return
        if self._dialog is None and (time.monotonic() - self._started) * 1000 >= SHOW_AFTER_MS:
            self._show_dialog()
        if self._dialog is not None:
            self._dialog.setMaximum(max(self._total, len(self._rows)))
            self._dialog.setValue(min(len(self._rows), self._dialog.maximum()))
        self._timer.start()

    def _show_dialog(self) -> None:
        dlg = QProgressDialog(self.tr("Reading the table…"), self.tr("Cancel"), 0, max(self._total, 1), self.view)
        dlg.setObjectName("table_export_progress")
        dlg.setWindowTitle(self.tr("Export table as CSV"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        dlg.show()
        self._dialog = dlg

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _write(self) -> None:
        assert self.path is not None
        path, rows, lang = self.path, self._rows, self.lang
        columns = _csv_columns(self._headers, self._tree)
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("Writing {0}…").format(path.name))
        self.task = Task(lambda progress: _write(columns, rows, path, lang, progress), on_result=self._written,
                         on_error=lambda exc, _tb: self._fail(exc), on_cancel=self._finish_cancelled,
                         parent=self.view, title=self.tr("Export table as CSV"), show_after_ms=None)
        self.task.start()

    def _written(self, path: Path) -> None:
        self._close_dialog()
        self.running = False
        self.result = TableExport(path, self.view.objectName(), tuple(self._headers), len(self._rows), self.lang,
                                  staff_ids_of(self.view))
        self._rows = []
        if self.on_exported is not None:
            try:
                self.on_exported(self.result)
            except Exception as exc:  # the file is written; the audit failed: say so
                self._fail(exc, written=True)

    def _finish_cancelled(self) -> None:
        self._close_dialog()
        self.running = False
        self.cancelled = True
        self._rows = []
        self._iter = None

    def _fail(self, exc: BaseException, *, written: bool = False) -> None:
        self._close_dialog()
        self.running = False
        self.error = exc
        self._rows = []
        text = self.tr("The table was exported, but the export could not be recorded:") if written \
            else self.tr("The table could not be exported:")
        detail = exc.text() if hasattr(exc, "text") and callable(exc.text) else f"{type(exc).__name__}: {exc}"
        box = QMessageBox(QMessageBox.Icon.Warning, "SkillMap", f"{text}\n{detail}", parent=self.view)
        box.setObjectName("table_export_error")
        box.open()


# -- menus -------------------------------------------------------------------------------------------------------
class TableExporter(QObject):
    """Gives views a context menu with *Export table as CSV…* and runs the exports (see the module doc)."""

    def __init__(self, parent: QObject | None = None,
                 on_exported: Callable[[TableExport], None] | None = None) -> None:
        super().__init__(parent)
        self.on_exported = on_exported
        self.views: list[ItemView] = []
        self.menu: QMenu | None = None
        """The last context menu shown (tests drive it)."""
        self.export: CsvExport | None = None
        """The export running or last run."""

    def install(self, root: QWidget) -> list[ItemView]:
        """Give every table and tree under ``root`` with the default context-menu policy the export menu; the
        views handled (again-callable: a view is handled once)."""
        added: list[ItemView] = []
        for view in root.findChildren(QAbstractItemView):
            if not isinstance(view, (QTableView, QTreeView)) or view.property(PROPERTY):
                continue
            if view.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
                continue  # the view has a menu of its own: it appends the action with add_export_action
            view.setProperty(PROPERTY, True)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self.context_menu(v, pos))
            added.append(view)
        self.views.extend(added)
        return added

    def context_menu(self, view: ItemView, pos: QPoint) -> QMenu:
        """Show the export menu of ``view`` at ``pos`` (viewport coordinates)."""
        menu = QMenu(view)
        menu.setObjectName("table_export_menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.add_action(menu, view)
        self.menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def add_action(self, menu: QMenu, view: ItemView) -> QAction:
        """Append *Export table as CSV…* for ``view`` to ``menu`` (after a separator when the menu has actions)."""
        if menu.actions():
            menu.addSeparator()
        action = QAction(self.tr("Export table as CSV…"), menu)
        action.setObjectName(ACTION_NAME)
        model = view.model()
        action.setEnabled(model is not None and model.columnCount() > 0)
        action.triggered.connect(lambda _checked=False, v=view: self.start(v))
        menu.addAction(action)
        return action

    def start(self, view: ItemView, path: str | Path | None = None) -> CsvExport | None:
        """Export ``view`` (to ``path``, or where the user chooses); ``None`` if no file was chosen or another
        export is still running."""
        if self.export is not None and self.export.running:
            QMessageBox.information(view, "SkillMap", self.tr("Please wait for the current export to finish."))
            return None
        job = CsvExport(view, self.on_exported, self)
        if not job.start(path):
            job.deleteLater()
            return None
        if self.export is not None:
            with contextlib.suppress(RuntimeError):
                self.export.deleteLater()
        self.export = job
        return job


def install_table_export(root: QWidget, *, on_exported: Callable[[TableExport], None] | None = None
                         ) -> TableExporter:
    """Give every ``QTableView``/``QTableWidget``/``QTreeView``/``QTreeWidget`` under ``root`` that has the
    default context-menu policy a right-click menu with *Export table as CSV…*; ``on_exported`` receives each
    finished export (for the audit log). Returns the :class:`TableExporter` (a child of ``root``); calling again
    adds views created since."""
    exporter = root.findChild(TableExporter, "table_exporter", Qt.FindChildOption.FindDirectChildrenOnly)
    if exporter is None:
        exporter = TableExporter(root, on_exported)
        exporter.setObjectName("table_exporter")
    elif on_exported is not None:
        exporter.on_exported = on_exported
    exporter.install(root)
    return exporter


def add_export_action(menu: QMenu, view: ItemView) -> QAction | None:
    """For views with a context menu of their own: append *Export table as CSV…* to ``menu`` (built for
    ``view``), using the exporter installed on one of the view's ancestors; ``None`` when none is installed."""
    parent = view.parentWidget()
    while parent is not None:
        exporter = parent.findChild(TableExporter, "table_exporter", Qt.FindChildOption.FindDirectChildrenOnly)
        if exporter is not None:
            return exporter.add_action(menu, view)
        parent = parent.parentWidget()
    return None


__all__ = [
    "ACTION_NAME", "CsvExport", "TableExport", "TableExporter", "add_export_action", "cell_value", "export_view_csv",
    "install_table_export", "is_tree", "iter_rows", "proposed_name", "staff_ids_of", "visible_columns",
]
