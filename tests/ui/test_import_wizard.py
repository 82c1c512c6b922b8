"""The staff import wizard, end to end through pytest-qt: real files, a real database, the real main window.

Open the sample HR workbook, map, preview, import and see the staff; re-import a changed copy and see exactly
the differences; undo from the Imports page; a bad CURP is marked in the preview and blocks the import until
“Skip rows with errors” is ticked; Cancel (or closing the wizard) while a large file is read kills the sandboxed
reader process; Cancel during the commit of a larger file stores nothing; a saved mapping is offered again;
level columns and level words are mapped through editable tables.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.importing.model import STAFF_FIELDS
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.ui.import_wizard import COLUMN_OF, ERROR_BACKGROUND, ImportWizard
from skillmap.ui.main_window import MainWindow
from skillmap.ui.translations import Translations

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "muestra_rh.xlsx"
POSITION = "position" if "position" in STAFF_FIELDS else "position_title"
W = ImportWizard


# -- helpers -------------------------------------------------------------------------------------------------
@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "skillmap.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    engine.dispose()
    return path


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = open_database(db_path)
    yield eng
    eng.dispose()


def staff_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.Staff)).scalar_one())


def grades(engine: Engine, numbers: list[str]) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.Staff.employee_number, m.Staff.grade)
                                 .where(m.Staff.employee_number.in_(numbers))).all())


def open_wizard(qtbot: QtBot, engine: Engine, path: Path | None) -> ImportWizard:
    wizard = ImportWizard(engine, None, str(path) if path else None)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def wait_page(qtbot: QtBot, wizard: ImportWizard, page: int, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: wizard.currentId() == page and not wizard.running, timeout=timeout)


def forward(qtbot: QtBot, wizard: ImportWizard, to: int) -> None:
    """Press Next (or Import on the commit page) and wait for page ``to``."""
    which = QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage() \
        else QWizard.WizardButton.NextButton
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} is not enabled on {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, wizard, to)


def field_combo(wizard: ImportWizard, name: str) -> QComboBox:
    return wizard.mapping_page.field_combos[POSITION if name == "position" else name]


def counts_shown(wizard: ImportWizard) -> dict[str, int]:
    return {k: int(n.text().replace(",", "")) for k, (n, _label) in wizard.differences_page.count_labels.items()}


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb["Plantilla"].iter_rows(values_only=True)]
    finally:
        wb.close()


def changed_copy(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, str]], str, str]:
    """The sample with two people's grade changed, one person deleted and one added.
    Returns (file, {employee: (old grade, new grade)}, deleted employee, added employee)."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Plantilla"]
    assert ws.cell(4, 1).value == "Núm. Empleado" and ws.cell(4, 10).value == "Nivel"
    changes = {}
    for row, new in ((5, "K99"), (6, "O99")):
        changes[str(ws.cell(row, 1).value)] = (str(ws.cell(row, 10).value), new)
        ws.cell(row, 10).value = new
    footer = ws.max_row
    assert str(ws.cell(footer, 1).value).startswith("Total")
    ws.cell(footer + 1, 1).value = ws.cell(footer, 1).value
    template = [ws.cell(8, c).value for c in range(1, 15)]
    added = "999001"
    values = [added, None, None, "Paola", "Prueba", "Nava", template[6], template[7], "Analista de datos", "P11",
              date(1990, 5, 17), date(2024, 2, 1), None, None]
    for c, v in enumerate(values, start=1):
        ws.cell(footer, c).value = v
    deleted = str(ws.cell(7, 1).value)
    ws.delete_rows(7)
    out = tmp_path / "muestra_rh_v2.xlsx"
    wb.save(out)
    return out, changes, deleted, added


def bad_curp_copy(tmp_path: Path) -> tuple[Path, int, str]:
    """The sample with a CURP whose check digit is wrong in spreadsheet row 9."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Plantilla"]
    curp = str(ws.cell(9, 2).value)
    bad = curp[:17] + ("0" if curp[17] != "0" else "1")
    ws.cell(9, 2).value = bad
    out = tmp_path / "muestra_curp.xlsx"
    wb.save(out)
    return out, 9, str(ws.cell(9, 1).value)


# -- end to end through the main window ------------------------------------------------------------------------
def test_import_reimport_and_undo_through_the_main_window(qtbot: QtBot, db_path: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(translations=Translations())
    qtbot.addWidget(window)
    window.show()
    task = window.open_database(str(db_path))
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    assert window.staff_page.model.rowCount() == 0
    engine = window.engine
    assert engine is not None
    assert window.PAGES == ("staff", "gaps", "pathways", "training", "frameworks", "imports")
    assert window.act_import_staff.shortcut().toString() == "Ctrl+I"
    assert window.act_import_staff in window.file_menu.actions()

    # (a) file: the menu action opens the wizard; Browse… (a monkeypatched dialog) fills the path
    chosen = {"path": SAMPLE}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(chosen["path"]), "")))
    window.act_import_staff.trigger()
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible() and wizard.currentId() == W.FILE
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(SAMPLE)
    assert not wizard.file_page.csv_box.isEnabled()  # CSV settings only for CSV files

    # (b) sheet and columns: "Plantilla" proposed, the header found below the title block
    forward(qtbot, wizard, W.MAPPING)
    page = wizard.mapping_page
    assert page.sheet_combo.currentData() == "Plantilla"
    assert "Plantilla" in page.sheet_combo.currentText()  # marked as proposed
    assert [page.sheet_combo.itemData(i) for i in range(page.sheet_combo.count())] == [
        "Plantilla", "Competencias", "Evaluaciones", "Cursos", "Constancias"]
    assert page.header_row_combo.currentData() == 4
    expected = {"employee_number": "Núm. Empleado", "curp": "CURP", "given_names": "Nombre(s)",
                "first_surname": "Apellido paterno", "agency": "Dependencia", "grade": "Nivel",
                "position": "Puesto", "manager_employee_number": "Núm. Empleado jefe inmediato"}
    for name, header in expected.items():
        assert field_combo(wizard, name).currentData() == header, name
    assert field_combo(wizard, "full_name").currentData() == ""
    assert field_combo(wizard, "full_name").currentText() == "(not used)"
    assert page.ignored_list.count() == 1 and "every column" in page.ignored_list.item(0).text()

    # (c) preview: the first 200 of 500 people as they will be stored, no problems
    forward(qtbot, wizard, W.PREVIEW)
    preview = wizard.preview_page
    assert preview.model.rowCount() == 200
    assert wizard.check is not None and wizard.check.preview.people == 500
    first = sheet_rows(SAMPLE)[4]
    assert preview.model.index(0, COLUMN_OF["row"]).data() == "5"
    assert preview.model.index(0, COLUMN_OF["employee_number"]).data() == first[0]
    assert preview.model.index(0, COLUMN_OF["birth_date"]).data() == first[10].strftime("%d/%m/%Y")
    assert preview.model.index(0, COLUMN_OF["position"]).data() == first[8]
    assert not preview.skip_check.isVisible()

    # (d) differences: everyone is new
    forward(qtbot, wizard, W.DIFFERENCES)
    shown = counts_shown(wizard)
    assert shown["new_people"] == 500 and shown["changed_people"] == 0 and shown["missing_people"] == 0
    assert shown["new_agencies"] == 8

    # (e) import, result
    forward(qtbot, wizard, W.RESULT)
    assert wizard.outcome is not None
    text = wizard.result_page.result.text()
    assert "Imported 500 people, 0 levels" in text and f"import no. {wizard.outcome.batch_id}" in text
    first_batch = wizard.outcome.batch_id
    with engine.connect() as conn:
        stored = conn.execute(select(m.Staff.position_title, m.Staff.grade, m.Staff.birth_date)
                              .where(m.Staff.employee_number == first[0])).one()
    assert tuple(stored) == (first[8], first[9], first[10].date())
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.import_wizard is None, timeout=10_000)

    # the staff page shows them, the status bar counts them, the Imports page lists the import
    qtbot.waitUntil(lambda: window.staff_page.model.rowCount() == 500, timeout=60_000)
    qtbot.waitUntil(lambda: "500 staff" in window.counts_label.text(), timeout=10_000)
    staff = window.staff_page
    staff.search.setText(str(first[0]))  # the first person of the file, found by employee number
    qtbot.waitUntil(lambda: staff.model.rowCount() == 1, timeout=10_000)
    cols = staff.model.COLUMNS
    row = [staff.model.index(0, c).data() for c in range(len(cols))]
    assert row[cols.index("employee_number")] == first[0]
    assert first[4] in row[cols.index("name")] and first[3] in row[cols.index("name")]
    assert row[cols.index("grade")] == first[9]
    staff.search.clear()
    qtbot.waitUntil(lambda: staff.model.rowCount() == 500, timeout=10_000)
    imports = window.imports_page
    assert imports.table.rowCount() == 1
    assert imports.table.item(0, 3).text() == SAMPLE.name
    assert imports.table.item(0, 5).text() == "Imported"
    assert imports.table.item(0, 6).text() == "500"

    # re-import a changed workbook: the differences page shows exactly the changes
    changed_file, changes, deleted, added = changed_copy(tmp_path)
    chosen["path"] = changed_file
    window.act_import_staff.trigger()
    wizard = window.import_wizard
    assert wizard is not None
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    forward(qtbot, wizard, W.MAPPING)
    forward(qtbot, wizard, W.PREVIEW)
    forward(qtbot, wizard, W.DIFFERENCES)
    shown = counts_shown(wizard)
    assert (shown["new_people"], shown["changed_people"], shown["missing_people"], shown["unchanged_people"]) == (
        1, 2, 1, 497)
    diff = wizard.differences_page
    assert diff.new_table.item(0, 1).text() == added
    assert diff.missing_table.item(0, 0).text() == deleted
    tree = diff.changed_tree
    assert tree.topLevelItemCount() == 2
    seen = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top.childCount() == 1
        child = top.child(0)
        seen[top.text(0).split()[0]] = (child.text(1), child.text(2), child.text(3))
    assert seen == {emp: ("Grade", old, new) for emp, (old, new) in changes.items()}
    assert "Changed (2)" in diff.tabs.tabText(1)
    forward(qtbot, wizard, W.RESULT)
    second_batch = wizard.outcome.batch_id if wizard.outcome else None
    assert second_batch == first_batch + 1
    assert grades(engine, list(changes)) == {emp: new for emp, (_old, new) in changes.items()}
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.staff_page.model.rowCount() == 501, timeout=60_000)

    # undo from the Imports page: the first import cannot go before the second; the second can
    window.show_page("imports")
    assert window.pages.currentWidget() is imports
    assert window.nav.item(window.PAGES.index("imports")).text() == "Imports"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert imports.table.rowCount() == 2
    assert imports.select_import(first_batch)
    qtbot.mouseClick(imports.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not imports.running, timeout=30_000)
    assert f"cannot be undone before import {second_batch}" in imports.message.text()
    box = imports.findChild(QMessageBox, "undo_error")
    assert box is not None and "cannot be undone" in box.text()
    box.close()
    assert staff_count(engine) == 501

    assert imports.select_import(second_batch)
    qtbot.mouseClick(imports.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not imports.running, timeout=30_000)
    assert f"Import {second_batch} undone" in imports.message.text()
    assert grades(engine, list(changes)) == {emp: old for emp, (old, _new) in changes.items()}
    assert grades(engine, [added]) == {}
    assert grades(engine, [deleted]) != {}  # missing from the file: reported, never deleted
    qtbot.waitUntil(lambda: window.staff_page.model.rowCount() == 500, timeout=60_000)
    status = {imports.table.item(r, 0).text(): imports.table.item(r, 5).text() for r in range(2)}
    assert status == {str(second_batch): "Undone", str(first_batch): "Imported"}
    assert not imports.select_import(second_batch) or not imports.undo_button.isEnabled()


# -- problems in the preview -------------------------------------------------------------------------------------
def test_bad_curp_is_marked_and_blocks_until_skipped(qtbot: QtBot, engine: Engine, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path, row, employee = bad_curp_copy(tmp_path)
    wizard = open_wizard(qtbot, engine, path)
    forward(qtbot, wizard, W.MAPPING)
    forward(qtbot, wizard, W.PREVIEW)
    preview = wizard.preview_page
    model = preview.model
    i = model.row_of(row)
    assert i is not None, "the row with the error is in the preview"
    curp = model.index(i, COLUMN_OF["curp"])
    assert model.data(curp, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "CURP" in model.data(curp, Qt.ItemDataRole.ToolTipRole)
    assert model.index(i, COLUMN_OF["employee_number"]).data() == employee  # as the file has it
    assert model.data(model.index(i, COLUMN_OF["grade"]), Qt.ItemDataRole.BackgroundRole) is None
    assert "not imported" in model.data(model.index(i, 0), Qt.ItemDataRole.ToolTipRole)

    # the located problem list: severity, where (sheet, row, column), what; clicking selects the row
    table = preview.problems
    errors = [r for r in range(table.rowCount()) if table.item(r, 0) and table.item(r, 0).text() == "Error"]
    assert len(errors) == 1
    where = table.item(errors[0], 1).text()
    assert "Plantilla" in where and f"row {row}" in where and "CURP" in where
    table.setCurrentCell(errors[0], 2)
    assert preview.view.currentIndex().row() == i
    assert preview.view.currentIndex().column() == COLUMN_OF["curp"]

    # Next is disabled until "Skip rows with errors" is ticked
    assert preview.skip_check.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    preview.skip_check.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # export the problems for the office that sent the file
    target = tmp_path / "problems.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(preview.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.running, timeout=30_000)
    report = json.loads(target.read_text(encoding="utf-8"))
    assert [p["row"] for p in report["problems"] if p["severity"] == "error"] == [row]
    assert str(target) in preview.message.text()

    forward(qtbot, wizard, W.DIFFERENCES)
    assert counts_shown(wizard)["new_people"] == 499
    forward(qtbot, wizard, W.RESULT)
    assert staff_count(engine) == 499
    assert grades(engine, [employee]) == {}


def test_unreadable_file_is_explained_in_the_page(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "plantilla.xlsx"
    bad.write_bytes(b"%PDF-1.4 this is not a workbook\n" * 10)
    wizard = open_wizard(qtbot, engine, bad)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.running and wizard.file_page.message.isVisible(), timeout=60_000)
    assert wizard.currentId() == W.FILE
    text = wizard.file_page.message.text()
    assert "file rejected" in text and "plantilla.xlsx" in text and "Traceback" not in text


# -- cancel -----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """250,000 people in a 35 MB CSV file: the sandboxed reader needs several seconds for it."""
    path = tmp_path_factory.mktemp("big") / "plantilla_grande.csv"
    head = "Núm. Empleado;Nombre(s);Apellido paterno;Apellido materno;Dependencia;Unidad administrativa;Puesto;" \
           "Nivel;Fecha de ingreso;Correo electrónico"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(head + "\n")
        for start in range(0, 250_000, 10_000):
            fh.write("".join(f"{100000 + i};Nombre{i};García;López;Secretaría de Pruebas;Dirección {i % 50};"
                             f"Analista;P11;15/03/2012;persona{i}@prueba.gob.mx\n"
                             for i in range(start, start + 10_000)))
    return path


def reader_children() -> list[str]:
    """The sandboxed reader processes alive now (started by this process)."""
    return [c.name for c in multiprocessing.active_children() if c.name == "skillmap-reader"]


def test_cancel_during_read_kills_the_reader(qtbot: QtBot, engine: Engine, big_csv: Path) -> None:
    wizard = open_wizard(qtbot, engine, big_csv)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.running and wizard.currentId() == W.FILE
    qtbot.waitUntil(lambda: bool(reader_children()), timeout=30_000)
    # the progress dialog of a long read, with its Cancel button
    qtbot.waitUntil(lambda: (d := wizard.findChild(QProgressDialog, "task_progress")) is not None
                    and d.isVisible(), timeout=30_000)
    dialog = wizard.findChild(QProgressDialog, "task_progress")
    assert dialog is not None and dialog.labelText() == "Reading the file…"
    assert reader_children(), "the reader is still at work when Cancel is pressed"
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.running, timeout=10_000)
    assert wizard.task is not None and wizard.task.was_cancelled
    # the child is killed, not left to finish its several seconds of parsing
    qtbot.waitUntil(lambda: not reader_children(), timeout=3_000)
    assert wizard.currentId() == W.FILE and wizard.file_read is None
    assert not wizard.file_page.message.isVisible()  # a cancel is not an error
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the file can be read again


def test_closing_the_wizard_during_read_kills_the_reader(qtbot: QtBot, engine: Engine, big_csv: Path) -> None:
    wizard = open_wizard(qtbot, engine, big_csv)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reader_children()), timeout=30_000)
    wizard.reject()  # Escape, or the window's close button
    assert not wizard.isVisible()
    qtbot.waitUntil(lambda: not reader_children(), timeout=3_000)
    qtbot.waitUntil(lambda: not wizard.running, timeout=10_000)
    assert wizard.file_read is None


@pytest.mark.slow
def test_cancel_during_commit_stores_nothing(qtbot: QtBot, engine: Engine, tmp_path: Path,
                                             bundled_frameworks: list[Any]) -> None:
    from skillmap.sample.generator import bundled_sample
    from skillmap.sample.workbook import write_hr_workbook

    path = write_hr_workbook(bundled_sample(n_staff=3000, n_agencies=4), bundled_frameworks,  # type: ignore[arg-type]
                             tmp_path / "grande.xlsx")
    wizard = open_wizard(qtbot, engine, path)
    forward(qtbot, wizard, W.MAPPING)
    forward(qtbot, wizard, W.PREVIEW)
    forward(qtbot, wizard, W.DIFFERENCES)
    assert counts_shown(wizard)["new_people"] == 3000

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == W.IMPORTING and wizard.running
    cancel = wizard.importing_page.cancel_button
    assert cancel.isVisible() and cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.running, timeout=60_000)
    assert wizard.task is not None and wizard.task.was_cancelled
    assert wizard.outcome is None
    assert wizard.currentId() == W.DIFFERENCES
    assert "cancelled" in wizard.differences_page.message.text()
    assert staff_count(engine) == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.ImportBatch)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(m.Agency)).scalar_one() == 0

    # the same plan can still be imported
    forward(qtbot, wizard, W.RESULT)
    assert staff_count(engine) == 3000


def test_closing_the_wizard_while_committing_cancels_and_waits(qtbot: QtBot, engine: Engine) -> None:
    wizard = open_wizard(qtbot, engine, SAMPLE)
    forward(qtbot, wizard, W.MAPPING)
    forward(qtbot, wizard, W.PREVIEW)
    forward(qtbot, wizard, W.DIFFERENCES)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    wizard.reject()  # Escape / the window's close button during the transaction
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: not wizard.running, timeout=60_000)
    assert wizard.currentId() == W.DIFFERENCES and wizard.isVisible()
    assert staff_count(engine) == 0
    wizard.reject()
    assert not wizard.isVisible()


# -- saved mappings ----------------------------------------------------------------------------------------------
def test_saved_mapping_is_offered_again(qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_wizard(qtbot, engine, SAMPLE)
    forward(qtbot, wizard, W.MAPPING)
    page = wizard.mapping_page
    email = field_combo(wizard, "email")
    email.setCurrentIndex(0)  # "(not used)": the e-mail addresses are not stored
    assert any("Correo electrónico" in page.ignored_list.item(i).text() for i in range(page.ignored_list.count()))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Plantilla DGRH", True)))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Plantilla DGRH" in page.message.text()
    wizard.reject()

    again = open_wizard(qtbot, engine, SAMPLE)
    combo = again.file_page.mapping_combo
    names = [combo.itemData(i) for i in range(combo.count())]
    assert names == ["", "Plantilla DGRH"]
    combo.setCurrentIndex(1)
    forward(qtbot, again, W.MAPPING)
    assert field_combo(again, "email").currentData() == ""
    assert field_combo(again, "employee_number").currentData() == "Núm. Empleado"
    assert again.mapping_page.sheet_combo.currentData() == "Plantilla"
    assert "Plantilla DGRH" in again.mapping_page.message.text()
    forward(qtbot, again, W.PREVIEW)
    assert again.preview_page.view.isColumnHidden(COLUMN_OF["email"])
    assert not again.preview_page.view.isColumnHidden(COLUMN_OF["curp"])


def test_clashing_columns_and_missing_required_ones_block_next(qtbot: QtBot, engine: Engine) -> None:
    wizard = open_wizard(qtbot, engine, SAMPLE)
    forward(qtbot, wizard, W.MAPPING)
    page = wizard.mapping_page
    nxt = wizard.button(QWizard.WizardButton.NextButton)
    unit = field_combo(wizard, "unit")
    unit.setCurrentIndex(unit.findData("Dependencia"))
    assert not nxt.isEnabled()
    assert "“Dependencia” is chosen for" in page.message.text()
    unit.setCurrentIndex(unit.findData("Unidad administrativa"))
    assert nxt.isEnabled()
    emp = field_combo(wizard, "employee_number")
    emp.setCurrentIndex(0)
    assert not nxt.isEnabled() and "Employee no." in page.message.text()
    # the freed column can now hold a competency's levels
    headers = [page.level_table.item(r, 0).text() for r in range(page.level_table.rowCount())]
    assert headers == ["Núm. Empleado"]


# -- levels -------------------------------------------------------------------------------------------------------
def levels_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Niveles"
    ws.append(["Núm. de empleado", "Nombre completo", "Estadística", "Liderazgo", "Comentarios"])
    ws.append(["700001", "Ana López Ruiz", "Alto", "Básico", "ok"])
    ws.append(["700002", "Luis Pérez Soto", 3, "Alto", None])
    ws.append(["700003", "Rosa Díaz Mora", "N/A", 2, "revisar"])
    wb.save(path)
    return path


def test_level_columns_and_words_are_mapped_through_tables(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, engine, levels_workbook(tmp_path / "niveles.xlsx"))
    forward(qtbot, wizard, W.MAPPING)
    page = wizard.mapping_page
    table = page.level_table
    rows = {table.item(r, 0).text(): table.cellWidget(r, 1) for r in range(table.rowCount())}
    assert list(rows) == ["Estadística", "Liderazgo"]
    assert isinstance(rows["Estadística"], QComboBox) and rows["Estadística"].currentData() == "STATISTICS"
    assert rows["Liderazgo"].currentData() == "MGR-LEADERSHIP"
    assert rows["Liderazgo"].currentText() == "Leadership (MGR-LEADERSHIP)"  # name in the UI language
    # "Comentarios" is read as the evidence of every level of the row; by hand it can be left out ...
    evidence = page.detail_combos["evidence"]
    assert evidence.currentData() == "Comentarios"
    evidence.setCurrentIndex(0)
    assert [page.ignored_list.item(i).text() for i in range(page.ignored_list.count())] == ["Comentarios"]
    table = page.level_table
    rows = {table.item(r, 0).text(): table.cellWidget(r, 1) for r in range(table.rowCount())}
    assert list(rows) == ["Estadística", "Liderazgo", "Comentarios"]  # ... or mapped to a competency
    assert rows["Comentarios"].currentData() == ""
    evidence.setCurrentIndex(evidence.findData("Comentarios"))  # ... or kept as evidence
    rows = {table.item(r, 0).text(): table.cellWidget(r, 1) for r in range(table.rowCount())}

    # "Alto" is not a level word: an error in its cells, and a row to fill in the level-words table
    forward(qtbot, wizard, W.PREVIEW)
    preview = wizard.preview_page
    assert wizard.check is not None and len(wizard.check.plan.bad_rows) == 2
    i = preview.model.row_of(2)
    assert i is not None
    levels_cell = preview.model.index(i, COLUMN_OF["levels"])
    assert preview.model.data(levels_cell, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "Alto" in preview.model.data(levels_cell, Qt.ItemDataRole.ToolTipRole)
    words = page.words_table
    assert words.rowCount() == 1 and words.item(0, 0).text() == "Alto" and words.item(0, 1).text() == ""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # back: give "Alto" a level, switch Liderazgo off; the check runs again
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == W.MAPPING
    words.item(0, 1).setText("3")
    rows["Liderazgo"].setCurrentIndex(0)
    assert page.level_columns() == {"Estadística": "STATISTICS", "Liderazgo": ""}
    forward(qtbot, wizard, W.PREVIEW)
    assert wizard.check is not None and not wizard.check.plan.errors
    assert wizard.check.mapping.level_words == {"Alto": 3}
    levels = [preview.model.index(r, COLUMN_OF["levels"]).data() for r in range(preview.model.rowCount())]
    assert levels == ["1", "1", ""]  # Estadística only; "N/A" is not assessed
    forward(qtbot, wizard, W.DIFFERENCES)
    shown = counts_shown(wizard)
    assert shown["new_people"] == 3 and shown["levels_new"] == 2
    forward(qtbot, wizard, W.RESULT)
    with engine.connect() as conn:
        stored = conn.execute(select(m.Staff.employee_number, m.Assessment.level, m.Assessment.evidence)
                              .join(m.Assessment, m.Assessment.staff_id == m.Staff.id)
                              .order_by(m.Staff.employee_number)).all()
    assert [tuple(r) for r in stored] == [("700001", 3, "ok"), ("700002", 3, None)]
    assert "2 levels" in wizard.result_page.result.text()


def test_csv_settings_are_passed_to_the_reader(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    rows = sheet_rows(SAMPLE)[3:9]
    text = "\n".join("|".join("" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v))
                              for v in r) for r in rows)
    path = tmp_path / "plantilla.csv"
    path.write_bytes(text.encode("cp1252"))
    wizard = open_wizard(qtbot, engine, path)
    fp = wizard.file_page
    assert fp.csv_box.isEnabled()
    fp.encoding_combo.setCurrentIndex(fp.encoding_combo.findData("cp1252"))
    fp.delimiter_combo.setCurrentIndex(fp.delimiter_combo.findData("|"))
    forward(qtbot, wizard, W.MAPPING)
    assert wizard.file_read is not None and wizard.file_read.data.delimiter == "|"
    assert not wizard.mapping_page.sheet_combo.isVisible()
    assert field_combo(wizard, "employee_number").currentData() == "Núm. Empleado"
    forward(qtbot, wizard, W.PREVIEW)
    assert wizard.check is not None and wizard.check.preview.people == 5
    assert wizard.preview_page.model.index(0, COLUMN_OF["first_surname"]).data() == rows[1][4]


def test_preview_and_language_switch(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    """The wizard follows the language: page titles, column headers and problem messages."""
    translations = Translations()
    path, row, _employee = bad_curp_copy(tmp_path)
    wizard = open_wizard(qtbot, engine, path)
    forward(qtbot, wizard, W.MAPPING)
    forward(qtbot, wizard, W.PREVIEW)
    try:
        translations.apply("es")
        qtbot.waitUntil(lambda: wizard.preview_page.title() == "Vista previa", timeout=5_000)
        model = wizard.preview_page.model
        assert model.headerData(COLUMN_OF["grade"], Qt.Orientation.Horizontal) == "Nivel salarial"
        i = model.row_of(row)
        assert i is not None
        assert "CURP" in model.data(model.index(i, COLUMN_OF["curp"]), Qt.ItemDataRole.ToolTipRole)
        where = wizard.preview_page.problems.item(0, 1).text()
        assert f"fila {row}" in where and "hoja «Plantilla»" in where
        assert wizard.findChild(QPushButton, "export_problems_button").text() == "&Exportar problemas…"
    finally:
        translations.apply("en")

