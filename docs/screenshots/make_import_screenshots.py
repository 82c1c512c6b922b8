"""Regenerate the README screenshots of the staff import (offscreen Qt, the bundled sample workbook).

    python docs/screenshots/make_import_screenshots.py

The sample HR workbook (``sample_data/muestra_rh.xlsx``) is imported first; then a “November” copy of it is
taken through the wizard: two grades, a position, a unit and an e-mail address changed, one person gone, one
new, five competency-level columns and a telephone column added, a CURP with a wrong check digit and a level
word the table does not know. Writes
``import_mapping.png``, ``import_preview.png``, ``import_preview_es.png``, ``import_differences.png`` and
``import_imports_page.png`` next to this script.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={REPO / 'tests' / 'offscreen.json'}"
os.environ["SKILLMAP_HOME"] = tempfile.mkdtemp(prefix="skillmap-shots-")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget, QWizard  # noqa: E402

import skillmap.ui.import_wizard as import_wizard  # noqa: E402
from skillmap.db.migrate import open_database  # noqa: E402
from skillmap.importing.reader import read_workbook  # noqa: E402
from skillmap.importing.staff import parse_staff  # noqa: E402
from skillmap.services.frameworks import install_bundled_frameworks  # noqa: E402
from skillmap.services.staff_import import commit_import, competency_refs, plan_import  # noqa: E402
from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.main_window import MainWindow  # noqa: E402
from skillmap.ui.tasks import Task  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402

SAMPLE = REPO / "sample_data" / "muestra_rh.xlsx"
USER = "mgarcia"  # who imports, as the Imports page shows it
WIZARD_SIZE = (1280, 860)
LEVEL_COLUMNS = ("Análisis de datos", "Estadística", "Liderazgo", "Gestión de producto", "Ciberseguridad")


def wait(task: Task | None) -> None:
    if task is None or not task.running:
        return
    loop = QEventLoop()
    task.done.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def until(condition: object, timeout_ms: int = 120_000) -> None:
    waited = 0
    while not condition():  # type: ignore[operator]
        settle(50)
        waited += 50
        if waited > timeout_ms:
            raise TimeoutError("the wizard did not get there")


def november_copy(folder: Path) -> Path:
    """The sample's staff sheet a month later, as the HR office sends it back."""
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLE)
    for name in wb.sheetnames[1:]:
        del wb[name]
    ws = wb["Plantilla"]
    assert ws.cell(4, 1).value == "Núm. Empleado" and ws.cell(4, 10).value == "Nivel"
    ws.cell(5, 10).value = "K33"  # two promotions
    ws.cell(6, 10).value = "O21"
    ws.cell(11, 9).value = "Subdirectora de Análisis de Datos"  # a new position
    assert ws.cell(10, 8).value == "Oficina del C. Secretario"
    ws.cell(10, 8).value = "Dirección de Desarrollo de Sistemas"  # moved to another unit
    ws.cell(13, 13).value = str(ws.cell(13, 13).value).replace("@", ".dgti@")  # a new e-mail address
    footer = ws.max_row
    ws.cell(footer + 1, 1).value = ws.cell(footer, 1).value
    new = ["999001", None, None, "Paola", "Nava", "Prieto", ws.cell(8, 7).value,
           ws.cell(8, 8).value, "Analista de datos", "P11", ws.cell(8, 11).value, ws.cell(8, 12).value, None,
           ws.cell(8, 1).value]
    for c, value in enumerate(new, start=1):
        ws.cell(footer, c).value = value
    ws.delete_rows(7)  # someone left: reported as missing, never deleted
    # five competency columns and a telephone extension that is not stored
    first_extra = 15
    for i, header in enumerate((*LEVEL_COLUMNS, "Extensión telefónica")):
        ws.cell(4, first_extra + i).value = header
    words = (3, 2, 4, 1, 2, 3, "Avanzado", "Intermedio", None, 0, "Básico", "N/A")
    for row in range(5, ws.max_row):
        if not str(ws.cell(row, 1).value or "").isdigit():
            continue
        for i in range(len(LEVEL_COLUMNS)):
            ws.cell(row, first_extra + i).value = words[(row * 7 + i * 3) % len(words)]
        ws.cell(row, first_extra + len(LEVEL_COLUMNS)).value = f"55 {5000 + row}"
    curp = str(ws.cell(8, 2).value)  # a CURP with a wrong check digit
    ws.cell(8, 2).value = curp[:17] + ("0" if curp[17] != "0" else "1")
    ws.cell(11, first_extra + 2).value = "Sobresaliente"  # a level word the table does not know
    out = folder / "plantilla_noviembre.xlsx"
    wb.save(out)
    return out


def first_import(db: Path) -> None:
    engine = open_database(db)
    try:
        install_bundled_frameworks(engine)
        wb = read_workbook(SAMPLE, ["Plantilla"])
        parsed = parse_staff(wb.sheets["Plantilla"], file=str(SAMPLE), competencies=competency_refs(engine))
        commit_import(engine, plan_import(engine, parsed, sha256=wb.sha256), actor=USER)
    finally:
        engine.dispose()


def shoot(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(HERE / name))
    print("wrote", HERE / name)


def next_page(wizard: import_wizard.ImportWizard, page: int) -> None:
    which = QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage() \
        else QWizard.WizardButton.NextButton
    button = wizard.button(which)
    if not button.isEnabled():
        raise RuntimeError(f"{button.text()!r} is disabled on page {wizard.currentId()}")
    button.click()
    until(lambda: wizard.currentId() == page and not wizard.running)


def main() -> int:
    app = make_application()
    translations = Translations()
    translations.apply("en")
    import_wizard.current_user = lambda: USER  # type: ignore[assignment]
    folder = Path(tempfile.mkdtemp(prefix="skillmap-import-"))
    db = folder / "skillmap.db"
    first_import(db)
    november = november_copy(folder)

    window = MainWindow(translations=translations)
    window.resize(1440, 860)
    window.show()
    wait(window.open_database(str(db)))
    wizard = window.import_staff(str(november))
    assert wizard is not None
    wizard.resize(*WIZARD_SIZE)
    W = import_wizard.ImportWizard

    next_page(wizard, W.MAPPING)
    next_page(wizard, W.PREVIEW)
    preview = wizard.preview_page
    preview.problems.setCurrentCell(0, 2)  # the CURP: its row selected, its cell framed in red
    shoot(wizard, "import_preview.png")
    translations.apply("es")
    settle(300)
    preview.problems.selectRow(0)
    shoot(wizard, "import_preview_es.png")
    translations.apply("en")
    settle(300)

    # back to the columns: the unknown level word is waiting in the level-words table for its level
    wizard.button(QWizard.WizardButton.BackButton).click()
    until(lambda: wizard.currentId() == W.MAPPING)
    words = wizard.mapping_page.words_table
    assert words.rowCount() == 1 and words.item(0, 0).text() == "Sobresaliente"
    words.item(0, 1).setText("4")
    words.setCurrentCell(0, 1)
    shoot(wizard, "import_mapping.png")

    next_page(wizard, W.PREVIEW)
    preview.skip_check.setChecked(True)  # the row with the wrong CURP stays out
    next_page(wizard, W.DIFFERENCES)
    wizard.differences_page.tabs.setCurrentIndex(1)  # who changed, field by field
    shoot(wizard, "import_differences.png")

    next_page(wizard, W.RESULT)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    until(lambda: window.import_wizard is None or not window.import_wizard.isVisible())
    window.show_page("imports")
    until(lambda: window.imports_page.table.rowCount() == 2)
    window.imports_page.table.selectRow(0)
    window.resize(1440, 460)  # two imports: no need for a screenful of empty table
    shoot(window, "import_imports_page.png")
    window.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
