"""The course-completions import dialog, end to end through pytest-qt: a real xlsx written here, a real database
with a small sample organisation, the real main window and Imports page.

Open the file, see the proposed sheet and the detected columns, change a column, read the preview (problems
marked in their cells and listed), import only after ticking “Skip”, see the import on the Imports page and
undo it there; Cancel during the import stores nothing; the dialog speaks Spanish.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.tasks import Progress
from skillmap.ui import completions_dialog as cd
from skillmap.ui.completions_dialog import COLUMN_OF, CompletionsDialog
from skillmap.ui.import_wizard import ERROR_BACKGROUND
from skillmap.ui.main_window import MainWindow
from skillmap.ui.translations import Translations


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the bundled frameworks and a 60-person sample organisation (courses included)."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("template") / "skillmap.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=60, n_agencies=2))
    engine.dispose()
    return path


@pytest.fixture
def db_path(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "skillmap.db"
    path.write_bytes(template.read_bytes())
    return path


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = open_database(db_path)
    yield eng
    eng.dispose()


def completions(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.CourseCompletion)).scalar_one())


def batches(engine: Engine, kind: str = "completions") -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(m.ImportBatch.id, m.ImportBatch.status)  # type: ignore[misc]
                                               .where(m.ImportBatch.kind == kind))]


def platform_export(engine: Engine, path: Path) -> dict[str, Any]:
    """A learning platform's export: a notes sheet first, then the completions below a title block.

    Rows (spreadsheet numbers): 4–7 new completions (one course given by its Spanish title), 8 a completion
    already stored, 9 an unknown person, 10 an unknown course, 11 a result the parser cannot read.
    """
    with engine.connect() as conn:
        people = conn.execute(select(m.Staff.employee_number, m.Staff.given_names).order_by(m.Staff.id)
                              .limit(3)).all()
        courses = conn.execute(select(m.Course.code, m.Course.title_es).order_by(m.Course.id).limit(3)).all()
        number, code, on, result = conn.execute(
            select(m.Staff.employee_number, m.Course.code, m.CourseCompletion.completed_on, m.CourseCompletion.result)
            .join(m.Staff, m.Staff.id == m.CourseCompletion.staff_id)
            .join(m.Course, m.Course.id == m.CourseCompletion.course_id).limit(1)).one()
    words = {"passed": "Aprobado", "failed": "No aprobado", "in_progress": "En curso"}
    wb = openpyxl.Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Notas"
    notes.append(["Reporte generado por el campus virtual"])
    ws = wb.create_sheet("Constancias")
    ws.append(["Campus virtual — constancias del periodo"])
    ws.append([])
    ws.append(["Número de empleado", "Curso", "Fecha", "Estatus", "Calificación final", "Comentarios"])
    ws.append([people[0][0], courses[0][0], datetime(2026, 9, 1), "Aprobado", 91, ""])
    ws.append([people[0][0], courses[1][1], datetime(2026, 9, 2), "Aprobado", 84, ""])
    ws.append([people[1][0], courses[2][0], datetime(2026, 9, 3), "No aprobado", 40, "Reinscribir"])
    ws.append([people[2][0], courses[0][0], datetime(2026, 9, 4), "En curso", None, ""])
    ws.append([number, code, on, words[result], None, ""])
    ws.append(["999999", courses[0][0], datetime(2026, 9, 5), "Aprobado", 90, ""])
    ws.append([people[1][0], "CURSO-INEXISTENTE", datetime(2026, 9, 6), "Aprobado", 90, ""])
    ws.append([people[2][0], courses[1][0], datetime(2026, 9, 7), "Quizás", 90, ""])
    wb.save(path)
    return {"people": people, "courses": courses}


def open_dialog(qtbot: QtBot, engine: Engine, path: Path | None) -> CompletionsDialog:
    dialog = CompletionsDialog(engine, None, str(path) if path else None)
    qtbot.addWidget(dialog)
    dialog.show()
    if path is not None:
        wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot: QtBot, dialog: CompletionsDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running and dialog._next is None and dialog.check is not None, timeout=60_000)


def cell(dialog: CompletionsDialog, row: int, column: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
    i = dialog.model.row_of(row)
    assert i is not None, f"row {row} is not in the preview"
    return dialog.model.data(dialog.model.index(i, COLUMN_OF[column]), role)


# -- the whole flow through the main window -----------------------------------------------------------------------
def test_import_from_the_file_menu_then_undo_on_the_imports_page(qtbot: QtBot, db_path: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(translations=Translations())
    qtbot.addWidget(window)
    window.show()
    task = window.open_database(str(db_path))
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    engine = window.engine
    assert engine is not None
    before = completions(engine)
    path = tmp_path / "campus.xlsx"
    found = platform_export(engine, path)
    assert window.act_import_completions in window.file_menu.actions()
    assert window.act_import_completions.text() == "Import course &completions…"

    # File ▸ Import course completions… opens the dialog; the file is read and the likely sheet checked
    monkeypatch.setattr(cd.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.act_import_completions.trigger()
    dialog = window.completions_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog)
    assert dialog.path_edit.text() == str(path)
    assert dialog.sheet_combo.currentData() == "Constancias"
    assert dialog.sheet_combo.currentText() == "Constancias (proposed)"
    assert dialog.header_row_combo.currentData() == 3
    detected = {name: combo.currentData() for name, combo in dialog.field_combos.items()}
    assert detected == {"employee_number": "Número de empleado", "course": "Curso", "completed_on": "Fecha",
                        "result": "Estatus", "score": "Calificación final"}
    assert not dialog.encoding_combo.isVisible()  # CSV settings only for CSV files

    # the preview: people and catalogue courses resolved, problems marked in their cells and listed
    plan = dialog.check.plan if dialog.check else None
    assert plan is not None and plan.new == 4 and plan.counts()["already_stored"] == 1
    assert dialog.model.rowCount() == 8
    people, courses = found["people"], found["courses"]
    assert cell(dialog, 4, "name").startswith(people[0][1])
    assert cell(dialog, 5, "course") == courses[1][1]  # written as the Spanish title …
    assert cell(dialog, 5, "catalogue").startswith(f"{courses[1][0]} — ")  # … resolved to the code
    assert cell(dialog, 5, "completed_on") == "02/09/2026"
    assert cell(dialog, 6, "result") == "Failed" and cell(dialog, 6, "score") == "40"
    assert cell(dialog, 7, "result") == "In progress"
    assert [cell(dialog, r, "status") for r in (4, 8, 9)] == ["New", "Already stored", "Not imported: error"]
    background = cell(dialog, 9, "employee_number", Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == ERROR_BACKGROUND
    assert "999999 is not in the database" in cell(dialog, 9, "employee_number", Qt.ItemDataRole.ToolTipRole)
    assert cell(dialog, 9, "course", Qt.ItemDataRole.BackgroundRole) is None
    assert "CURSO-INEXISTENTE" in cell(dialog, 10, "course", Qt.ItemDataRole.ToolTipRole)
    assert cell(dialog, 11, "employee_number") == people[2][0]  # rejected by the parser: the cells as written
    assert cell(dialog, 11, "result") == "Quizás"
    assert "not recognised" in cell(dialog, 11, "result", Qt.ItemDataRole.ToolTipRole)
    assert "Completions read: <b>8</b>" in dialog.summary.text()
    listed = [dialog.problems.item(r, 1).text() for r in range(dialog.problems.rowCount())]
    assert any("row 9" in w and "Número de empleado" in w for w in listed)
    row10 = next(r for r, w in enumerate(listed) if "row 10" in w)
    dialog.problems.setCurrentCell(row10, 2)  # clicking a problem selects its row in the preview
    assert dialog.view.currentIndex().row() == dialog.model.row_of(10)
    assert dialog.view.currentIndex().column() == COLUMN_OF["course"]

    # errors block the import until “Skip” is ticked
    assert dialog.skip_check.isVisible() and "3 rows with errors" in dialog.skip_check.text()
    assert not dialog.import_button.isEnabled()
    dialog.skip_check.setChecked(True)
    assert dialog.import_button.isEnabled()

    # changing a column checks again with exactly that mapping: no score column
    score = dialog.field_combos["score"]
    score.setCurrentIndex(score.findData(""))
    wait_checked(qtbot, dialog)
    assert dialog.check is not None and dialog.check.plan.mapping.fields["score"] == ""
    assert cell(dialog, 4, "score") == ""
    assert not dialog.skip_check.isChecked() and not dialog.import_button.isEnabled()  # a new check: ask again
    score.setCurrentIndex(score.findData("Calificación final"))
    wait_checked(qtbot, dialog)
    assert cell(dialog, 4, "score") == "91"

    # import in the background; the Imports page lists it
    dialog.skip_check.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None and not dialog.running and dialog.check is not None,
                    timeout=60_000)
    assert completions(engine) == before + 4
    assert "Imported 4 course completions as import no." in dialog.message.text()
    assert dialog.check is not None and dialog.check.plan.new == 0  # checked again: all stored now
    assert cell(dialog, 4, "status") == "Already stored"
    assert not dialog.import_button.isEnabled()
    ((batch, status),) = batches(engine)
    assert status == "done"
    page = window.imports_page
    assert page.table.item(0, 0).text() == str(batch)
    assert page.table.item(0, 2).text() == "Course completions"
    assert page.table.item(0, 3).text() == "campus.xlsx"
    assert page.table.item(0, 9).text() == "4"
    dialog.reject()
    qtbot.waitUntil(lambda: window.completions_dialog is None, timeout=5_000)

    # undo it on the Imports page
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object, **kwargs: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.show_page("imports")
    assert page.select_import(batch)
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)
    assert asked and "4 course completions it added are deleted" in asked[0]
    assert completions(engine) == before
    assert batches(engine) == [(batch, "undone")]
    assert "4 course completions removed, with the 3 levels they had raised" in page.message.text()
    assert page.table.item(0, 5).text() == "Undone"


def test_the_imports_page_button_opens_the_dialog(qtbot: QtBot, db_path: Path) -> None:
    window = MainWindow(translations=Translations())
    qtbot.addWidget(window)
    window.show()
    task = window.open_database(str(db_path))
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    button = window.imports_page.import_completions_button
    assert button.text() == "Import course &completions…"
    window.show_page("imports")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.completions_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.import_button.isEnabled() and not dialog.sheet_combo.isEnabled()
    dialog.reject()


# -- cancel, errors, CSV, language --------------------------------------------------------------------------------
def test_cancel_during_the_import_stores_nothing(qtbot: QtBot, engine: Engine, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "campus.xlsx"
    platform_export(engine, path)
    before = completions(engine)
    dialog = open_dialog(qtbot, engine, path)
    real = cd.commit_completions
    started = threading.Event()

    def slow_commit(engine: Engine, plan: Any, *, progress: Progress, **kwargs: Any) -> Any:
        """The real commit, once the user has pressed Cancel (as if the import were long)."""
        started.set()
        deadline = time.monotonic() + 30
        while not progress.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(engine, plan, progress=progress, **kwargs)

    monkeypatch.setattr(cd, "commit_completions", slow_commit)
    dialog.skip_check.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.importing and dialog.progress_box.isVisible()
    assert not dialog.import_button.isEnabled() and not dialog.path_edit.isEnabled()
    assert started.wait(10)
    dialog.reject()  # closing the dialog during the import cancels it and waits for the rollback
    assert dialog.isVisible()
    assert not dialog.cancel_button.isEnabled() and dialog.progress_label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.task is not None and dialog.task.was_cancelled
    assert dialog.outcome is None
    assert "cancelled: nothing was stored" in dialog.message.text()
    assert completions(engine) == before and batches(engine) == []

    # the same check can still be imported
    monkeypatch.setattr(cd, "commit_completions", real)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None and not dialog.running, timeout=60_000)
    assert completions(engine) == before + 4


def test_a_file_that_cannot_be_read_and_a_sheet_without_completions(qtbot: QtBot, engine: Engine,
                                                                    tmp_path: Path) -> None:
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = open_dialog(qtbot, engine, None)
    dialog.path_edit.setText(str(broken))
    dialog.read_file()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.check is None and dialog.file_read is None
    assert "The file cannot be read" in dialog.message.text() and "roto.xlsx" in dialog.message.text()
    assert not dialog.import_button.isEnabled()

    dialog.path_edit.setText(str(tmp_path / "no-such-file.xlsx"))
    dialog.read_file()
    assert "There is no file at" in dialog.message.text()

    path = tmp_path / "campus.xlsx"
    platform_export(engine, path)
    dialog.path_edit.setText(str(path))
    dialog.read_file()
    wait_checked(qtbot, dialog)
    dialog.sheet_combo.setCurrentIndex(dialog.sheet_combo.findData("Notas"))
    dialog.sheet_combo.activated.emit(dialog.sheet_combo.currentIndex())
    qtbot.waitUntil(lambda: not dialog.running and dialog.check is not None
                    and dialog.check.plan.sheet == "Notas", timeout=60_000)
    assert not dialog.import_button.isEnabled()
    assert "No row can be imported" in dialog.message.text()
    assert dialog.problems.rowCount() >= 1
    assert not dialog.field_combos["course"].isEnabled()  # no header row: nothing to choose from


def test_a_clash_or_another_file_typed_in_blocks_the_import(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "campus.xlsx"
    platform_export(engine, path)
    dialog = open_dialog(qtbot, engine, path)
    dialog.skip_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "otro.xlsx"))  # another file typed in: not imported before it is read
    assert not dialog.import_button.isEnabled()
    dialog.path_edit.setText(str(path))
    assert dialog.import_button.isEnabled()
    course = dialog.field_combos["course"]
    course.setCurrentIndex(course.findData("Número de empleado"))
    assert not dialog.running  # no check with a clash
    assert "chosen for more than one field" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_csv_exports_are_read_with_their_encoding(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    with engine.connect() as conn:
        number = conn.execute(select(m.Staff.employee_number).limit(1)).scalar_one()
        code, title = conn.execute(select(m.Course.code, m.Course.title_es).limit(1)).one()
    path = tmp_path / "campus.csv"
    path.write_bytes(("Núm. Empleado;Curso;Fecha de conclusión;Resultado\r\n"
                      f"{number};{title};15/08/2026;Acreditado\r\n").encode("cp1252"))
    dialog = open_dialog(qtbot, engine, path)
    assert dialog.encoding_combo.isVisible() and not dialog.sheet_combo.isVisible()
    assert "Read as cp1252 text" in dialog.message.text() or "Read as windows-1252" in dialog.message.text().lower()
    assert dialog.check is not None and dialog.check.plan.new == 1
    assert cell(dialog, 2, "catalogue").startswith(code)
    assert cell(dialog, 2, "completed_on") == date(2026, 8, 15).strftime("%d/%m/%Y")


def test_the_dialog_speaks_spanish(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "campus.xlsx"
    platform_export(engine, path)
    dialog = open_dialog(qtbot, engine, path)
    translations = Translations()
    try:
        translations.apply("es")
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Importar constancias de cursos", timeout=5_000)
        assert dialog.model.headerData(COLUMN_OF["status"], Qt.Orientation.Horizontal) == "Estatus"
        assert cell(dialog, 8, "status") == "Ya guardada"
        assert cell(dialog, 6, "result") == "No aprobado"
        assert "no está en la base de datos" in cell(dialog, 9, "employee_number", Qt.ItemDataRole.ToolTipRole)
        where = [dialog.problems.item(r, 1).text() for r in range(dialog.problems.rowCount())]
        assert any("fila 9" in w and "hoja «Constancias»" in w for w in where)
        assert dialog.import_button.text() == "&Importar"
    finally:
        translations.apply("en")
