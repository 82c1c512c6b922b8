"""The long-table import dialog (skillmap.ui.long_table_dialog), with pytest-qt.

Every table is written inside the test under ``tmp_path`` with openpyxl (or as CSV): a messy workbook with a
“Léame” sheet in front, a title block above Spanish headers, a row not in use and a footer.
"""

from __future__ import annotations

import csv
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from skillmap.db.migrate import open_database
from skillmap.frameworks.model import Text
from skillmap.i18n import get_language, set_language
from skillmap.services.frameworks import (
    FrameworkSummary,
    find_framework_id,
    framework_from_db,
    import_framework,
    list_frameworks,
)
from skillmap.tasks import Cancelled, Progress
from skillmap.ui.long_table_dialog import LongTableDialog, fill, interruptible

Rows = list[list[object]]
W = TypeVar("W", bound=QObject)

HEADER = ["Familia de roles", "Rol", "Nivel del rol", "Competencia", "Nivel de competencia",
          "Descripción del nivel", "Estatus"]
ROWS: Rows = [
    ["Datos", "Analista de datos", "Junior", "Análisis de datos", "Básico",
     "Explica qué es el análisis de datos.", "Vigente"],
    ["Datos", "Analista de datos", "Senior", "Análisis de datos", "Avanzado", "Dirige análisis.", "Vigente"],
    ["Datos", "Analista de datos", "Senior", "Visualización", "Experto", "Define estándares.", None],
    ["Datos", "Analista de datos", "Senior", "Herramienta antigua", "Intermedio", None, "No vigente"],
    ["Datos", "Ingeniero de datos", "Líder", "Análisis de datos", 3, "Dirige análisis.", "Vigente"],
    ["Gestión", "Jefe de proyecto", "Senior", "Planeación", "Intermedio", "Planea con apoyo.", "Vigente"],
]
TITLE = ["Marco de competencias — Secretaría de Ejemplo", "Publicado: 2024. Uso interno."]
FOOTER = "Fuente: Unidad de Política de Recursos Humanos"
HEADER_ROW = 4  # two title lines and a blank row above it
#: role families, roles, role profiles, competencies, requirements, rows skipped (no vigente + footer)
COUNTS = (2, 3, 4, 3, 5, 2)


# ------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "t.db")
    yield eng
    eng.dispose()


def write_xlsx(path: Path, header: list[str], rows: Rows) -> Path:
    """A workbook as offices send them: a “Léame” sheet first, then “Marco” with a merged title block,
    a blank row, the header, the rows and a footer note."""
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = "Léame"
    readme["A1"] = "Este libro contiene el marco de competencias."
    ws = wb.create_sheet("Marco")
    for line in TITLE:
        ws.append([line])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.append([])
    ws.append([FOOTER])
    wb.save(path)
    return path


def open_dialog(qtbot: QtBot, engine: Engine, path: Path) -> LongTableDialog:
    dialog = LongTableDialog(engine, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    wait_check(qtbot, dialog)
    return dialog


def wait_check(qtbot: QtBot, dialog: LongTableDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)


def child(dialog: LongTableDialog, kind: type[W], name: str) -> W:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def click(qtbot: QtBot, dialog: LongTableDialog, name: str) -> None:
    button = child(dialog, QPushButton, name)
    assert button.isEnabled(), f"{name} is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def import_and_wait(qtbot: QtBot, dialog: LongTableDialog) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        click(qtbot, dialog, "import_button")


def summary_counts(dialog: LongTableDialog) -> tuple[int, ...]:
    text = child(dialog, QLabel, "summary_label").text()
    labels = ("Role families", "Roles", "Role profiles", "Competencies", "Requirements", "Rows skipped")
    values = []
    for label in labels:
        marker = f"{label}: <b>"
        assert marker in text, text
        values.append(int(text.split(marker, 1)[1].split("<", 1)[0].replace(",", "")))
    return tuple(values)


def problem_rows(dialog: LongTableDialog) -> list[tuple[str, str, str]]:
    table = child(dialog, QTableWidget, "problem_list")
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())]


def stored(engine: Engine, code: str) -> FrameworkSummary:
    found = [f for f in list_frameworks(engine) if f.code == code]
    assert len(found) == 1, list_frameworks(engine)
    return found[0]


def summary_tuple(s: FrameworkSummary) -> tuple[int, int, int, int]:
    return s.roles, s.role_profiles, s.competencies, s.requirements


# ------------------------------------------------------------------------------------------- tests


def test_messy_workbook_checks_on_open_and_imports(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "Marco SEP 2024.xlsx", HEADER, ROWS)
    dialog = open_dialog(qtbot, engine, path)

    assert dialog.windowTitle() == "Import a framework from a long table — Marco SEP 2024.xlsx"
    sheet = child(dialog, QComboBox, "sheet_combo")
    assert not sheet.isHidden()
    assert [sheet.itemText(i) for i in range(sheet.count())] == ["Léame", "Marco"]
    assert sheet.currentText() == "Marco"  # the sheet the importer picks, not the first
    assert child(dialog, QComboBox, "header_row_combo").currentData() == HEADER_ROW
    expected = {"role_family": "Familia de roles", "role": "Rol", "role_level": "Nivel del rol",
                "skill": "Competencia", "skill_level": "Nivel de competencia",
                "level_description": "Descripción del nivel", "status": "Estatus"}
    for name, header in expected.items():
        assert child(dialog, QComboBox, f"mapping_{name}").currentData() == header
    category = child(dialog, QComboBox, "mapping_category")
    assert category.currentText() == "(not used)"
    assert category.count() == len(HEADER) + 1
    assert child(dialog, QLineEdit, "code_edit").text() == "marco-sep-2024"
    assert child(dialog, QLineEdit, "version_edit").text() == "1.0"
    assert child(dialog, QLineEdit, "name_edit").text() == "Marco SEP 2024"

    assert summary_counts(dialog) == COUNTS
    summary = child(dialog, QLabel, "summary_label").text()
    assert "Sheet “Marco”, header in row 4" in summary and "Ready to import." in summary
    assert problem_rows(dialog) == []
    assert dialog.last_result is not None and dialog.last_result.mapping == expected

    child(dialog, QLineEdit, "name_edit").setText("Marco de competencias SEP")
    import_and_wait(qtbot, dialog)
    assert dialog.result() == 1
    fw = stored(engine, "marco-sep-2024")
    assert (fw.version, fw.name_es, fw.active) == ("1.0", "Marco de competencias SEP", True)
    assert summary_tuple(fw) == COUNTS[1:5]
    assert dialog.imported == fw
    model = framework_from_db(engine, find_framework_id(engine, "marco-sep-2024"))
    assert [f.name.es for f in model.role_families] == ["Datos", "Gestión"]
    assert "HERRAMIENTA-ANTIGUA" not in {c.code for c in model.competencies()}


def test_unknown_level_word_blocks_import_until_it_is_given_a_number(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][4] = "Sobresaliente"  # spreadsheet row 7
    rows[5][4] = "sobresaliente "  # the same word, row 10
    path = write_xlsx(tmp_path / "marco.xlsx", HEADER, rows)
    dialog = open_dialog(qtbot, engine, path)

    import_button = child(dialog, QPushButton, "import_button")
    assert not import_button.isEnabled()
    assert "Errors: 1." in child(dialog, QLabel, "summary_label").text()
    [(severity, where, message)] = problem_rows(dialog)
    assert severity == "Error"
    assert where == "sheet “Marco”, row 7, column “Nivel de competencia”"
    assert "level “Sobresaliente” is not in the level table (rows 7, 10)" in message

    words = child(dialog, QTableWidget, "level_words_table")
    assert words.rowCount() == 1
    assert words.item(0, 0).text() == "Sobresaliente"
    assert words.item(0, 1).text() == ""  # the user only types the number
    words.item(0, 1).setText("4")
    assert dialog.level_words() == {"Sobresaliente": 4}
    assert not import_button.isEnabled()  # not before a check with the new word

    click(qtbot, dialog, "check_button")
    wait_check(qtbot, dialog)
    assert problem_rows(dialog) == []
    assert summary_counts(dialog) == (2, 3, 4, 3, 5, 2)
    assert words.rowCount() == 1  # not added twice
    import_and_wait(qtbot, dialog)
    model = framework_from_db(engine, find_framework_id(engine, "marco"))
    planner = next(r for r in model.roles if r.code == "jefe-de-proyecto")
    assert [(q.competency, q.level) for q in planner.levels[0].requirements] == [("PLANEACION", 4)]


def test_remapping_a_column_changes_the_result(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    header = [*HEADER, "Nivel esperado 2025"]  # not a recognised header: detection leaves it out
    rows = [[*r, "Experto"] for r in ROWS]
    path = write_xlsx(tmp_path / "marco.xlsx", header, rows)
    dialog = open_dialog(qtbot, engine, path)
    assert dialog.last_result is not None
    before = {q.level for r in dialog.last_result.framework.roles for lv in r.levels for q in lv.requirements}
    assert before == {1, 2, 3, 4}
    assert any("“Nivel esperado 2025”" in message for _s, _w, message in problem_rows(dialog))

    level_combo = child(dialog, QComboBox, "mapping_skill_level")
    level_combo.setCurrentIndex(level_combo.findData("Nivel esperado 2025"))
    assert not child(dialog, QPushButton, "import_button").isEnabled()  # stale until checked again
    assert "press Check again" in child(dialog, QLabel, "summary_label").text()
    family_combo = child(dialog, QComboBox, "mapping_role_family")
    family_combo.setCurrentIndex(family_combo.findData(""))  # (not used): one family, GENERAL

    title_combo = child(dialog, QComboBox, "mapping_role_title")
    title_combo.setCurrentIndex(title_combo.findData("Rol"))  # the role column twice: not allowed
    assert dialog.mapping_clashes() == {"Rol": ["role", "role_title"]}
    assert not child(dialog, QPushButton, "check_button").isEnabled()
    assert "The column “Rol” is chosen for Role, Role title" in child(dialog, QLabel, "summary_label").text()
    title_combo.setCurrentIndex(0)

    click(qtbot, dialog, "check_button")
    wait_check(qtbot, dialog)
    result = dialog.last_result
    assert result is not None
    assert result.mapping["skill_level"] == "Nivel esperado 2025"
    after = {q.level for r in result.framework.roles for lv in r.levels for q in lv.requirements}
    assert after == {4}
    assert summary_counts(dialog) == (1, 3, 4, 3, 5, 2)
    # the recognised level column is now the unused one, and so is the family column
    problems = problem_rows(dialog)
    assert ("Warning", "sheet “Marco”, row 4, column “Nivel de competencia”",
            "this column is also read as skill_level; the column “Nivel esperado 2025” is used instead"
            ) in problems
    assert ("Warning", "sheet “Marco”, row 4", "columns not imported: “Familia de roles”") in problems

    family_combo.setCurrentIndex(family_combo.findData("Familia de roles"))  # back: stale again ...
    assert not child(dialog, QPushButton, "import_button").isEnabled()
    family_combo.setCurrentIndex(family_combo.findData(""))  # ... and the checked settings again
    import_and_wait(qtbot, dialog)
    assert summary_tuple(stored(engine, "marco")) == (3, 4, 3, 5)


def test_unrecognised_headers_are_mapped_by_hand(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "ladder.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Position name", "Ability", "Rating"])
        writer.writerow(["Data analyst", "Statistics", "Working"])
        writer.writerow(["Data analyst", "Coding", "Expert"])
    dialog = open_dialog(qtbot, engine, path)

    assert child(dialog, QComboBox, "sheet_combo").isHidden()  # CSV: no sheets
    assert [m for _s, _w, m in problem_rows(dialog)] == [
        "no header row found in the first 30 rows; the columns need recognisable headers "
        "(see docs/long-table-import.md) or a mapping such as --map skill=\"My header\""
    ]
    assert child(dialog, QComboBox, "header_row_combo").currentData() == 1
    for name, header in (("role", "Position name"), ("skill", "Ability"), ("skill_level", "Rating")):
        combo = child(dialog, QComboBox, f"mapping_{name}")
        assert combo.currentData() == ""
        combo.setCurrentIndex(combo.findData(header))
    click(qtbot, dialog, "check_button")
    wait_check(qtbot, dialog)
    assert problem_rows(dialog) == []
    assert summary_counts(dialog) == (1, 1, 1, 2, 2, 0)
    import_and_wait(qtbot, dialog)
    assert summary_tuple(stored(engine, "ladder")) == (1, 1, 2, 2)


def test_existing_code_and_version(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "marco.xlsx", HEADER, ROWS)
    dialog = open_dialog(qtbot, engine, path)
    assert child(dialog, QPushButton, "import_button").isEnabled()

    # Stored by someone else after the dialog opened: the error comes from import_framework.
    assert dialog.last_result is not None
    import_framework(engine, dialog.last_result.framework)
    click(qtbot, dialog, "import_button")
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)
    assert dialog.isVisible() and dialog.imported is None
    severity, where, message = problem_rows(dialog)[0]
    assert (severity, where) == ("Error", "marco.xlsx")
    assert message.startswith("framework marco version 1.0 is already in the database")
    assert not child(dialog, QPushButton, "import_button").isEnabled()
    version = child(dialog, QLineEdit, "version_edit")
    code = child(dialog, QLineEdit, "code_edit")
    assert "already in the database" in version.toolTip()
    assert "Not imported: see the problem below." in child(dialog, QLabel, "summary_label").text()

    # A new version needs no new check: code, version and name are checked as they are typed.
    version.setText("1.1")
    assert dialog.identity_problems() == {} and version.toolTip() == ""
    code.setText("marco con espacios")
    assert not child(dialog, QPushButton, "import_button").isEnabled()
    assert "at most 64, no spaces" in code.toolTip()
    assert list(dialog.identity_problems()) == ["code"]
    code.setText("marco")
    import_and_wait(qtbot, dialog)
    assert sorted((f.version, f.active) for f in list_frameworks(engine)) == [("1.0", False), ("1.1", True)]

    # Known when the dialog opens: Import is disabled at once.
    again = open_dialog(qtbot, engine, path)
    assert not child(again, QPushButton, "import_button").isEnabled()
    assert again.identity_problems() == {
        "version": "Framework marco version 1.0 is already in the database: give a new version."}


def test_problems_follow_the_language(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][4] = "Sobresaliente"
    dialog = open_dialog(qtbot, engine, write_xlsx(tmp_path / "marco.xlsx", HEADER, rows))
    assert problem_rows(dialog)[0][1] == "sheet “Marco”, row 5, column “Nivel de competencia”"

    set_language("es")
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    _severity, where, message = problem_rows(dialog)[0]
    assert where == "hoja «Marco», fila 5, columna «Nivel de competencia»"
    assert message.startswith("el nivel «Sobresaliente» no está en la tabla de niveles (filas 5)")


def test_unreadable_file_is_a_problem_not_a_traceback(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "roto.xlsx"
    path.write_bytes(b"this is not a workbook")
    dialog = open_dialog(qtbot, engine, path)
    [(severity, where, message)] = problem_rows(dialog)
    assert (severity, where) == ("Error", "roto.xlsx")
    assert message.startswith("file rejected: it is not a valid .xlsx workbook")
    assert "The file cannot be read." in child(dialog, QLabel, "summary_label").text()
    assert not child(dialog, QPushButton, "import_button").isEnabled()
    assert child(dialog, QPushButton, "check_button").isEnabled()


def test_fill_replaces_qt_placeholders_once() -> None:
    assert fill("Row %1: %2", 4, "a %1 b") == "Row 4: a %1 b"
    assert fill("%1 and %3", "x") == "x and %3"
    assert fill("%1", Text("a", "b").get("en")) == "a"


def test_cancel_answers_while_the_importer_is_still_working() -> None:
    release = threading.Event()
    progress = Progress()
    threading.Timer(0.1, progress.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        interruptible(lambda: release.wait(10), progress)
    assert time.monotonic() - started < 2
    release.set()
    assert interruptible(lambda: 42, Progress()) == 42
    with pytest.raises(ZeroDivisionError):
        interruptible(lambda: 1 // 0, Progress())
