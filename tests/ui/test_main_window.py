"""End to end: the real main window on a real database, driven through pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff import database_summary
from skillmap.ui.app import settings as app_settings
from skillmap.ui.main_window import MainWindow
from skillmap.ui.staff_model import ID_ROLE
from skillmap.ui.translations import Translations


def open_window(qtbot: QtBot, db: Path | None, *, sample: bool = False,
                settings: QSettings | None = None) -> MainWindow:
    window = MainWindow(translations=Translations(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    task = window.open_database(str(db) if db else None, load_sample_if_empty=sample)
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    assert task.error is None, task.error
    # the search text and status counts follow in a quiet second step
    qtbot.waitUntil(lambda: window._background is None or not window._background.running, timeout=60_000)
    return window


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with the 500-person sample, shared read-mostly by the tests below."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("db") / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    engine.dispose()
    return path


def test_opens_on_the_sample_and_shows_every_person(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    page = window.staff_page
    assert page.model.rowCount() == 500
    assert page.stack.currentIndex() == 0
    assert "500" in window.counts_label.text() and "8" in window.counts_label.text()
    assert str(sample_db) in window.db_label.text()
    assert window.framework_page.current_framework_code() in {"mx-ddat", "mx-mgr", "mx-dsa"}


def test_selecting_a_person_shows_their_record_and_is_audited(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    page = window.staff_page
    page.search.setText("")
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 6).data())  # has a role profile
    sid = page.model.index(row, 0).data(ID_ROLE)
    page.view.selectRow(row)
    engine = window.engine
    assert engine is not None
    with engine.connect() as conn:
        person = conn.execute(select(m.Staff.given_names, m.Staff.first_surname).where(m.Staff.id == sid)).one()
        viewed = conn.execute(select(m.AuditLog.entity_id).where(m.AuditLog.action == "view_staff")).scalars().all()
    assert person.given_names in page.detail.title.text()
    assert person.first_surname in page.detail.title.text()
    assert page.detail.levels.rowCount() > 0
    required = [page.detail.levels.item(r, 2).text() for r in range(page.detail.levels.rowCount())]
    assert any(required), "the role's requirements are listed"
    assert sid in viewed


def test_search_and_filters_narrow_the_table(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    page = window.staff_page
    model = page.model
    page.search.setText("garcia")
    qtbot.waitUntil(lambda: model.rowCount() < 500, timeout=3000)
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names and all("garc" in n.lower() for n in names)
    page.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 500, timeout=3000)
    assert not page.unit.isEnabled()
    page.agency.setCurrentIndex(1)
    agency_rows = model.rowCount()
    assert 0 < agency_rows < 500 and page.unit.isEnabled()
    page.unit.setCurrentIndex(1)  # first unit of that agency: the head office, with its whole subtree
    assert 0 < model.rowCount() <= agency_rows
    page.agency.setCurrentIndex(0)
    page.role.setCurrentIndex(1)
    role_rows = model.rowCount()
    assert 0 < role_rows < 500
    role_texts = {model.index(r, 6).data() for r in range(role_rows)}
    assert role_texts == {page.role.currentText()}


def test_sorting_by_header_click_sorts_the_model(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    view = window.staff_page.view
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    numbers = [int(view.model().index(r, 0).data()) for r in range(view.model().rowCount())]
    assert numbers == sorted(numbers)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    numbers = [int(view.model().index(r, 0).data()) for r in range(view.model().rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_language_switch_changes_menus_and_content(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db)
    window.staff_page.role.setCurrentIndex(1)
    english = window.staff_page.model.index(0, 6).data()
    window.set_language("es")
    try:
        qtbot.waitUntil(lambda: window.nav.item(0).text() != "Staff", timeout=3000)
        assert window.file_menu.title() != "&File"
        spanish = window.staff_page.model.index(0, 6).data()
        assert spanish and spanish != english
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Staff", timeout=3000)


def test_window_state_is_remembered(qtbot: QtBot, sample_db: Path) -> None:
    store = app_settings()
    first = open_window(qtbot, sample_db, settings=store)
    first.resize(1240, 700)  # above the window's minimum width (1121) and within a 1366 × 768 screen
    first.show_page("frameworks")
    first.close()
    second = open_window(qtbot, sample_db, settings=app_settings())
    assert (second.size().width(), second.size().height()) == (1240, 700)
    assert second.pages.currentWidget() is second.framework_page


def test_empty_database_offers_the_sample_and_loads_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "new.db")
    page = window.staff_page
    assert page.stack.currentIndex() == 1  # the empty state
    assert page.sample_button.isVisible()
    page.sample_button.click()
    assert window.task is not None
    qtbot.waitUntil(lambda: not window.task.running, timeout=60_000)  # type: ignore[union-attr]
    assert page.model.rowCount() == 500
    assert page.stack.currentIndex() == 0


def test_open_with_sample_flag_creates_the_sample_once(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    open_window(qtbot, db, sample=True)
    open_window(qtbot, db, sample=True)  # second start: nothing loaded again
    engine = open_database(db)
    assert database_summary(engine).staff == 500


def test_a_bad_framework_file_shows_a_located_message(qtbot: QtBot, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, tmp_path / "x.db")
    bad = tmp_path / "roto.yaml"
    bad.write_text("code: x\nversion: 1\nname: X\nscale: []\ncategories: []\n", encoding="utf-8")
    monkeypatch.setattr("skillmap.ui.main_window.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(bad), ""))
    window.import_framework()
    assert window.task is not None
    qtbot.waitUntil(lambda: not window.task.running, timeout=10_000)  # type: ignore[union-attr]
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and "roto.yaml" in box.text() and "scale" in box.text()
    box.close()
