"""*Export table as CSV…* (skillmap.ui.table_export) on the real main window and on small stand-alone views.

* the staff table as shown (a hidden column left out, sorted, filtered) is written with the model's headers and
  rows in the view's order, UTF-8 with a byte-order mark, ``;`` in Spanish and ``,`` in English, and a name that
  starts with ``=`` stays neutralised (``'=``);
* a table with Qt's default context menu gets a right-click menu whose action writes the file and reports the
  export (for the audit log); the staff table keeps its own menu (*Show gaps*) and gets no second one;
* a sort/filter proxy is exported as filtered and sorted; a tree depth first with its level;
* a cancelled export leaves no file; the action follows the interface language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.i18n import get_language, set_language
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.ui import table_export as TE
from skillmap.ui.main_window import MainWindow
from skillmap.ui.translations import Translations

WAIT = 60_000
EVIL = '=HYPERLINK("http://example.invalid/x","click")'


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small sample organisation; one person's first surname is a spreadsheet formula."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("tabledb") / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=120, n_agencies=2, seed=11))
    with engine.begin() as conn:
        conn.execute(update(m.Staff).where(m.Staff.id == 3).values(first_surname=EVIL))
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


def open_window(qtbot: QtBot, db: Path) -> MainWindow:
    window = MainWindow(translations=Translations())
    qtbot.addWidget(window)
    window.show()
    task = window.open_database(str(db))
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert task.error is None, task.error
    qtbot.waitUntil(lambda: window._background is None or not window._background.running, timeout=WAIT)
    return window


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def shown(view: QTableView) -> tuple[list[str], list[list[str]]]:
    """Headers of the visible columns and every row as the model gives them, in the view's column order."""
    model = view.model()
    header = view.horizontalHeader()
    cols = [header.logicalIndex(v) for v in range(header.count())]
    cols = [c for c in cols if not header.isSectionHidden(c)]
    heads = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in cols]
    rows = [[str(model.index(r, c).data() or "") for c in cols] for r in range(model.rowCount())]
    return heads, rows


def neutral(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") else text


def finish(qtbot: QtBot, job: TE.CsvExport | None) -> TE.CsvExport:
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT)
    assert job.error is None, job.error
    return job


# -- the staff table -----------------------------------------------------------------------------------------
def test_staff_table_as_shown_in_spanish_and_english(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sample_db)
    page = window.staff_page
    view = page.view
    view.setColumnHidden(2, True)  # CURP
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    heads, rows = shown(view)
    assert "CURP" not in heads and len(heads) == view.model().columnCount() - 1
    assert len(rows) == 120

    es = TE.export_view_csv(view, tmp_path / "staff_es.csv", lang="es")
    table = read_csv(es.path, ";")
    assert table[0] == heads
    assert table[1:] == [[neutral(c) for c in r] for r in rows]
    evil = [r for r in table[1:] if EVIL in r[heads.index("Name")]]
    assert len(evil) == 1 and evil[0][heads.index("Name")].startswith("'=HYPERLINK(")
    assert es.rows == 120 and es.table == "staff_table" and es.lang == "es"
    assert sorted(es.staff_ids) == sorted(page.model.table().ids)

    # filtered, through the interactive export (rows read between events, written on a worker), in English,
    page.agency.setCurrentIndex(1)  # one of the two agencies
    heads, rows = shown(view)
    assert 0 < len(rows) < 120
    # through the action a view with a menu of its own appends to it (add_export_action)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a: (str(tmp_path / "staff_en.csv"), "")))
    own_menu = QMenu(page)
    action = TE.add_export_action(own_menu, view)
    assert action is not None and own_menu.actions() == [action]
    action.trigger()
    job = finish(qtbot, window.table_exporter.export)
    assert job.view is view and job.result is not None and job.result.rows == len(rows)
    table = read_csv(tmp_path / "staff_en.csv", ",")
    assert table == [heads, *[[neutral(c) for c in r] for r in rows]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff_en.csv", "staff_es.csv"]  # no temporary left


def test_staff_menu_keeps_its_action_and_gets_no_second_menu(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    view = window.staff_page.view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert view not in window.table_exporter.views
    pos = view.visualRect(view.model().index(0, 1)).center()
    view.customContextMenuRequested.emit(pos)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions()]
    assert "Show gaps" in texts and "Export table as CSV…" in texts  # its own menu, with the export added
    assert window.table_exporter.menu is None  # only the staff browser's own menu opened
    menu.close()


def test_a_table_export_is_in_the_audit_log(qtbot: QtBot, sample_db: Path, tmp_path: Path) -> None:
    from sqlalchemy import select

    from skillmap.db import models as m

    window = open_window(qtbot, sample_db)
    export = TE.TableExport(tmp_path / "staff.csv", "staff_table", ("Name", "Unit"), 3, "en", (5, 2, 9))
    window._table_exported(export)
    assert window.engine is not None
    with window.engine.connect() as conn:
        row = conn.execute(select(m.AuditLog.action, m.AuditLog.entity_type, m.AuditLog.details)
                           .order_by(m.AuditLog.id.desc())).first()
    assert row is not None and row[0] == "export" and row[1] == "table"
    assert row[2]["table"] == "staff_table" and row[2]["staff_ids"] == [2, 5, 9] and row[2]["rows"] == 3


# -- a view with Qt's default menu ---------------------------------------------------------------------------
def test_default_view_gets_the_menu_and_the_export_is_reported(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sample_db)
    page = window.staff_page
    assert page.select_staff(5)
    levels = page.detail.levels
    assert levels.rowCount() > 0
    assert levels in window.table_exporter.views
    assert levels.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    records: list[TE.TableExport] = []
    window.table_exporter.on_exported = records.append
    target = tmp_path / "levels"  # no suffix: .csv is added
    asked: list[str] = []

    def save(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    levels.customContextMenuRequested.emit(QPoint(5, 5))
    menu = window.table_exporter.menu
    assert menu is not None and menu.isVisible()
    action = menu.findChild(type(menu.actions()[0]), TE.ACTION_NAME)
    assert action is not None and action.text() == "Export table as CSV…" and action.isEnabled()
    action.trigger()
    finish(qtbot, window.table_exporter.export)
    assert Path(asked[0]).name.startswith("levels-table_")
    written = target.with_suffix(".csv")
    table = read_csv(written, ",")
    heads, rows = shown(levels)
    assert table == [heads, *[[neutral(c) for c in r] for r in rows]]
    assert len(records) == 1 and records[0].path == written and records[0].rows == levels.rowCount()
    assert records[0].table == "levels_table" and records[0].staff_ids == ()


def test_the_action_follows_the_language(qtbot: QtBot, sample_db: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, sample_db)
    window.set_language("es")
    try:
        view = window.training_page.findChild(QTableView, "tracks_table")
        assert view is not None
        view.customContextMenuRequested.emit(QPoint(1, 1))
        menu = window.table_exporter.menu
        assert menu is not None
        assert [a.text() for a in menu.actions()] == ["Exportar tabla como CSV…"]
        menu.close()
        job = finish(qtbot, window.table_exporter.start(view, tmp_path / "tracks.csv"))
        assert job.lang == "es"
        table = read_csv(tmp_path / "tracks.csv", ";")
        assert table[0] == shown(view)[0]
    finally:
        window.set_language("en")


# -- proxies, trees, cancel ----------------------------------------------------------------------------------
def make_proxy_view(qtbot: QtBot) -> tuple[QWidget, QTableView, QSortFilterProxyModel]:
    source = QStandardItemModel(0, 3)
    source.setHorizontalHeaderLabels(["Code", "Name", "Hours"])
    for code, name, hours in [("B2", "Beta", 2.5), ("A1", "@SUM(1,2)", 10), ("C3", "Gamma", 7), ("A4", "Alpha", 1)]:
        hours_item = QStandardItem()
        hours_item.setData(hours, Qt.ItemDataRole.DisplayRole)
        source.appendRow([QStandardItem(code), QStandardItem(name), hours_item])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    view = QTableView()
    view.setObjectName("demo_table")
    view.setModel(proxy)
    layout.addWidget(view)
    qtbot.addWidget(holder)
    proxy.setParent(view)
    source.setParent(view)
    return holder, view, proxy


def test_proxy_rows_as_filtered_and_sorted(qtbot: QtBot, tmp_path: Path) -> None:
    holder, view, proxy = make_proxy_view(qtbot)
    exporter = TE.install_table_export(holder)
    assert exporter.views == [view]
    assert TE.install_table_export(holder) is exporter and exporter.views == [view]  # installed once
    proxy.setFilterFixedString("a")  # names with an "a": Beta, Gamma, Alpha
    proxy.setFilterKeyColumn(1)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.horizontalHeader().moveSection(2, 0)  # Hours shown first
    out = TE.export_view_csv(view, tmp_path / "p.csv", lang="es")
    table = read_csv(out.path, ";")
    assert table == [["Hours", "Code", "Name"], ["7", "C3", "Gamma"], ["2,5", "B2", "Beta"], ["1", "A4", "Alpha"]]
    proxy.setFilterFixedString("")
    out = TE.export_view_csv(view, tmp_path / "all.csv", lang="en")
    table = read_csv(out.path, ",")
    assert [r[1] for r in table[1:]] == ["C3", "B2", "A4", "A1"]
    assert table[-1] == ["10", "A1", "'@SUM(1,2)"]


def test_tree_depth_first_with_levels(qtbot: QtBot, tmp_path: Path) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    tree = QTreeWidget(holder)
    tree.setObjectName("demo_tree")
    tree.setHeaderLabels(["Unit", "People"])
    top = QTreeWidgetItem(tree, ["Agency", "12"])
    child = QTreeWidgetItem(top, ["Office", "7"])
    QTreeWidgetItem(child, ["Desk", "3"])
    QTreeWidgetItem(tree, ["-Other", "5"])
    TE.install_table_export(holder)
    out = TE.export_view_csv(tree, tmp_path / "t.csv", lang="en")
    table = read_csv(out.path, ",")
    assert table == [["Tree level", "Unit", "People"], ["1", "Agency", "12"], ["2", "Office", "7"],
                     ["3", "Desk", "3"], ["1", "'-Other", "5"]]
    assert out.headers == ("Unit", "People") and out.rows == 4


def test_cancel_leaves_no_file(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    holder, view, _proxy = make_proxy_view(qtbot)
    source = view.model().sourceModel()  # type: ignore[attr-defined]
    for i in range(3000):
        source.appendRow([QStandardItem(f"X{i}"), QStandardItem(f"Row {i}"), QStandardItem(str(i))])
    exporter = TE.install_table_export(holder)
    monkeypatch.setattr(TE, "SLICE_SECONDS", 0.0)  # one slice of 64 rows per pass of the event loop
    job = exporter.start(view, tmp_path / "big.csv")
    assert job is not None and job.running
    QCoreApplication.processEvents()
    assert job.running and job.task is None  # still reading
    job.cancel()
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT)
    assert job.cancelled and job.result is None
    for _ in range(5):
        QCoreApplication.processEvents()
    assert list(tmp_path.iterdir()) == []
