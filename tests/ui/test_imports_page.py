"""The Imports page: the imports recorded in a real database, and undoing one as a whole (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.importing.reader import read_workbook
from skillmap.importing.staff import parse_staff
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff_import import ImportOutcome, commit_import, competency_refs, plan_import
from skillmap.ui.imports_page import ImportsPage, local_time

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "muestra_rh.xlsx"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "skillmap.db")
    install_bundled_frameworks(eng)
    yield eng
    eng.dispose()


def import_file(engine: Engine, path: Path, actor: str = "ana.lopez") -> ImportOutcome:
    data = read_workbook(path, ["Plantilla"])
    parsed = parse_staff(data.sheets["Plantilla"], file=str(path), competencies=competency_refs(engine))
    return commit_import(engine, plan_import(engine, parsed, sha256=data.sha256), actor=actor)


def regraded_copy(tmp_path: Path) -> tuple[Path, str, str]:
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Plantilla"]
    employee, old = str(ws.cell(5, 1).value), str(ws.cell(5, 10).value)
    ws.cell(5, 10).value = "Z01"
    out = tmp_path / "muestra_rh_nivel.xlsx"
    wb.save(out)
    return out, employee, old


def grade(engine: Engine, employee: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(m.Staff.grade).where(m.Staff.employee_number == employee)).scalar()


def make_page(qtbot: QtBot, engine: Engine | None) -> ImportsPage:
    page = ImportsPage()
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    page.set_engine(engine)
    return page


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object, **kwargs: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_empty_database_says_so(qtbot: QtBot, engine: Engine) -> None:
    page = make_page(qtbot, engine)
    assert page.table.rowCount() == 0
    assert page.empty.isVisible() and not page.table.isVisible()
    assert "Import staff" in page.empty.text()
    assert not page.undo_button.isEnabled()


def test_lists_imports_newest_first(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    first = import_file(engine, SAMPLE)
    second = import_file(engine, regraded_copy(tmp_path)[0], actor="luis.perez")
    page = make_page(qtbot, engine)
    assert page.table.rowCount() == 2
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert headers == ["No.", "Date", "Kind", "File", "Who", "Status", "People added", "People updated",
                       "Levels added", "Completions added"]
    rows = [[page.table.item(r, c).text() for c in range(page.table.columnCount())] for r in range(2)]
    assert rows[0][0] == str(second.batch_id) and rows[1][0] == str(first.batch_id)
    assert rows[0][2:] == ["Staff", "muestra_rh_nivel.xlsx", "luis.perez", "Imported", "0", "1", "0", ""]
    assert rows[1][2:] == ["Staff", "muestra_rh.xlsx", "ana.lopez", "Imported", "500", "0", "0", ""]
    with engine.connect() as conn:
        started = conn.execute(select(m.ImportBatch.started_at).where(m.ImportBatch.id == first.batch_id)).scalar()
    assert rows[1][1] == local_time(started) and len(rows[1][1]) == len("31/10/2026 09:30")
    assert page.table.item(1, 3).toolTip().startswith("SHA-256: ")


def test_undo_after_confirmation(qtbot: QtBot, engine: Engine, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import_file(engine, SAMPLE)
    path, employee, old = regraded_copy(tmp_path)
    second = import_file(engine, path)
    assert grade(engine, employee) == "Z01"
    page = make_page(qtbot, engine)
    assert page.select_import(second.batch_id)
    assert page.undo_button.isEnabled()

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert page.undo_selected() is None
    assert asked and f"import no. {second.batch_id}" in asked[0]
    assert grade(engine, employee) == "Z01"

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.undone, timeout=30_000) as signal:
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert signal.args == [second.batch_id]
    assert grade(engine, employee) == old
    assert f"Import {second.batch_id} undone: 0 people removed, 1 restored" in page.message.text()
    assert page.table.item(0, 5).text() == "Undone"
    page.select_import(second.batch_id)
    assert not page.undo_button.isEnabled()
    assert "already undone" in page.undo_button.toolTip()


def test_undo_refused_because_of_a_later_import(qtbot: QtBot, engine: Engine, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = import_file(engine, SAMPLE)
    second = import_file(engine, regraded_copy(tmp_path)[0])
    page = make_page(qtbot, engine)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page.select_import(first.batch_id)
    task = page.undo_selected()
    assert task is not None
    qtbot.waitUntil(lambda: not page.running, timeout=30_000)
    expected = f"import {first.batch_id} cannot be undone before import {second.batch_id}"
    assert expected in page.message.text()
    box = page.findChild(QMessageBox, "undo_error")
    assert box is not None and box.isVisible() and expected in box.text()
    box.close()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Staff)).scalar_one() == 500
    assert page.table.item(1, 5).text() == "Imported"


def test_sample_import_is_listed_but_not_undone_here(qtbot: QtBot, engine: Engine) -> None:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    load_sample(engine, bundled_sample(n_staff=60, n_agencies=2))
    page = make_page(qtbot, engine)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 2).text() == "Sample organisation"
    assert page.table.item(0, 6).text() == "60"
    page.table.selectRow(0)
    assert not page.undo_button.isEnabled()
    assert "Only staff imports" in page.undo_button.toolTip()
