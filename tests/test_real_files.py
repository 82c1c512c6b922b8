"""Real files, written the ways other software writes them, imported end to end: reader → parser → service.

One small Spanish staff workbook (title block, merged cells, a header on two rows, blank rows, a totals
footer, dates as date cells and as dd/mm/yyyy text, accents, leading zeros, level words) in every form an HR
office may send it:

* written by openpyxl (``tests/data/libreoffice/plantilla_openpyxl.xlsx``);
* converted by LibreOffice Calc to .ods, .xls, .xlsx and Spanish CSV (semicolons; UTF-8 and Windows-1252),
  committed beside it (``make_fixtures.py`` regenerates them; see that folder's README);
* written by XlsxWriter here, with shared strings and, streamed, with inline strings.

Each is imported into a database (SQLite and PostgreSQL) and what is stored — people, dates, levels and
their dates — must be the same for every format and equal to what the workbook says. One more test runs
LibreOffice itself when it is installed (CI does not install it: that test skips there).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine, select

from skillmap.db import models as m
from skillmap.importing.reader import likely_sheet, read_workbook
from skillmap.importing.staff import parse_staff, score_staff_header
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff_import import commit_import, competency_refs, plan_import, undo_import

FIXTURES = Path(__file__).resolve().parent / "data" / "libreoffice"
COMMITTED = ("plantilla_openpyxl.xlsx", "plantilla_lo.ods", "plantilla_lo.xls", "plantilla_lo.xlsx",
             "plantilla_lo_utf8.csv", "plantilla_lo_cp1252.csv")


def _load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("skillmap_lo_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


mf = _load_maker()
EXPECTED: dict[str, dict[str, Any]] = mf.expected()


def xlsxwriter_files(folder: Path) -> list[Path]:
    shared = mf.write_xlsxwriter(folder / "plantilla_xlsxwriter.xlsx")
    inline = mf.write_xlsxwriter(folder / "plantilla_xlsxwriter_streamed.xlsx", constant_memory=True)
    with zipfile.ZipFile(shared) as z:  # what makes the two different
        assert "xl/sharedStrings.xml" in z.namelist()
        assert 't="s"' in z.read("xl/worksheets/sheet1.xml").decode()
    with zipfile.ZipFile(inline) as z:
        assert 't="inlineStr"' in z.read("xl/worksheets/sheet1.xml").decode()
    return [shared, inline]


# -- what was stored -------------------------------------------------------------------------------------------
def stored(engine: Engine, batch_id: int) -> dict[str, dict[str, Any]]:
    """The people an import stored, as :func:`make_fixtures.expected` describes them."""
    with engine.connect() as conn:
        people = conn.execute(
            select(m.Staff.employee_number, m.Staff.curp, m.Staff.rfc, m.Staff.given_names, m.Staff.first_surname,
                   m.Staff.second_surname, m.Agency.name, m.Unit.name, m.Staff.position_title, m.Staff.grade,
                   m.Staff.birth_date, m.Staff.hire_date)
            .outerjoin(m.Agency, m.Agency.id == m.Staff.agency_id)
            .outerjoin(m.Unit, m.Unit.id == m.Staff.unit_id)
            .where(m.Staff.import_batch_id == batch_id)).all()
        levels = conn.execute(
            select(m.Staff.employee_number, m.Competency.code, m.Assessment.level, m.Assessment.assessed_on,
                   m.Assessment.source)
            .join(m.Assessment, m.Assessment.staff_id == m.Staff.id)
            .join(m.Competency, m.Competency.id == m.Assessment.competency_id)
            .where(m.Assessment.import_batch_id == batch_id)).all()
    keys = ("curp", "rfc", "given_names", "first_surname", "second_surname", "agency", "unit", "position_title",
            "grade", "birth_date", "hire_date")
    out = {row[0]: {**dict(zip(keys, row[1:], strict=True)), "levels": {}} for row in people}
    for number, code, level, on, source in levels:
        assert getattr(source, "value", source) == "manager", (number, code, source)
        out[number]["levels"][code] = (level, on)
    return out


def import_file(engine: Engine, path: Path) -> tuple[int, dict[str, Any], dict[str, int]]:
    """Read, parse, plan and commit ``path`` with no mapping at all; returns (import id, stored, counts)."""
    wb = read_workbook(path)
    sheet = likely_sheet(wb, score=score_staff_header)
    assert sheet is not None
    parsed = parse_staff(wb.sheets[sheet], file=str(path), competencies=competency_refs(engine))
    assert not parsed.problems, [p.text() for p in parsed.problems]
    assert parsed.header_row == 4, path.name
    assert parsed.skipped_rows == 2, path.name  # the totals footer and the source note
    plan = plan_import(engine, parsed, sha256=wb.sha256)
    assert not plan.problems, [p.text() for p in plan.problems]
    outcome = commit_import(engine, plan)
    return outcome.batch_id, stored(engine, outcome.batch_id), plan.counts()


# -- every format, one database ---------------------------------------------------------------------------------
def test_every_format_stores_the_same(engine: Engine, tmp_path: Path) -> None:
    install_bundled_frameworks(engine)
    files = [FIXTURES / name for name in COMMITTED] + xlsxwriter_files(tmp_path)
    results: dict[str, dict[str, Any]] = {}
    for path in files:
        batch, people, counts = import_file(engine, path)
        results[path.name] = people
        assert counts["new_people"] == 8 and counts["levels_new"] == 19, (path.name, counts)
        assert counts["new_agencies"] == 1 and counts["new_units"] == 2, (path.name, counts)
        undo_import(engine, batch)  # the next format starts from the same, empty organisation
    for name, people in results.items():
        assert people == EXPECTED, name
    # spelled out once, so that a wrong expectation cannot hide a wrong import
    juan = results["plantilla_lo.xls"]["000124"]
    assert (juan["first_surname"], juan["birth_date"], juan["hire_date"]) == (
        "Hernández", date(1976, 4, 22), date(2010, 6, 13))
    assert juan["levels"] == {"MGR-LEADERSHIP": (4, date(2025, 3, 14)), "DATA-ANALYSIS": (3, date(2025, 3, 14)),
                              "STATISTICS": (3, date(2025, 3, 14))}
    ricardo = results["plantilla_lo_cp1252.csv"]["000835"]
    assert (ricardo["second_surname"], ricardo["hire_date"]) == ("Ibáñez", date(2019, 8, 7))
    assert ricardo["levels"] == {"DATA-ANALYSIS": (3, date(2025, 5, 20)), "STATISTICS": (2, date(2025, 5, 20))}
    maria = results["plantilla_lo.ods"]["001733"]
    assert maria["given_names"] == "María Guadalupe" and "MGR-LEADERSHIP" not in maria["levels"]  # “No evaluado”


# -- what each writer puts in the file ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", COMMITTED)
def test_committed_fixture_as_read(name: str) -> None:
    """The reader gives date cells as dates and typed dates as text, keeps leading zeros and accents, and
    finds the staff sheet of each file (the CSV files hold only it)."""
    path = FIXTURES / name
    wb = read_workbook(path)
    csv = path.suffix == ".csv"
    assert wb.kind == ("csv" if csv else path.suffix.lstrip("."))
    assert wb.sheet_names == ([path.stem] if csv else ["Plantilla", "Notas"])
    sheet = wb.sheets[likely_sheet(wb, score=score_staff_header) or ""]
    rows = dict(zip(sheet.row_numbers, sheet.rows, strict=True))
    assert not {3, 10, 15} & set(rows) and {16, 17} <= set(rows)  # blank rows left out, numbering kept
    assert str(rows[1][0]).startswith("Secretaría de Economía — Plantilla")
    assert rows[4][4] == "Apellidos" and rows[5][4:6] == ["Paterno", "Materno"]
    first = rows[6]
    assert first[0] == "000124" and first[4] == "Hernández"
    born, hired_text = first[10], rows[7][11]
    if csv:
        assert (born, hired_text) == ("22/04/1976", "18/07/2013")
        assert wb.delimiter == ";" and wb.encoding == ("utf-8" if "utf8" in name else "cp1252")
    else:
        assert isinstance(born, date) and born.timetuple()[:3] == (1976, 4, 22)
        assert hired_text == "18/07/2013"  # typed as text, stays text
    assert str(rows[max(rows)][0]).startswith("Fuente: Dirección General")


def test_fixtures_are_what_libreoffice_wrote() -> None:
    """The committed files come from LibreOffice, not from the writer the source was made with."""
    with zipfile.ZipFile(FIXTURES / "plantilla_lo.xlsx") as z:
        assert "LibreOffice" in z.read("docProps/app.xml").decode()
    with zipfile.ZipFile(FIXTURES / "plantilla_lo.ods") as z:
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert "LibreOffice" in z.read("meta.xml").decode()
    assert (FIXTURES / "plantilla_lo.xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # OLE2 (BIFF8)
    utf8 = (FIXTURES / "plantilla_lo_utf8.csv").read_bytes()
    cp1252 = (FIXTURES / "plantilla_lo_cp1252.csv").read_bytes()
    assert not utf8.startswith(b"\xef\xbb\xbf") and "Núm. Empleado;CURP;".encode() in utf8
    assert b"N\xfam. Empleado;CURP;" in cp1252 and b"Econom\xeda \x97 Plantilla" in cp1252
    assert utf8.decode("utf-8") == cp1252.decode("cp1252")


# -- LibreOffice, live ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_libreoffice_live(sqlite_engine: Engine, tmp_path: Path) -> None:
    """Convert the workbook with the LibreOffice installed here, then import every conversion."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; the committed conversions are tested instead")
    written = mf.make(tmp_path / "out", soffice)
    assert sorted(written) == sorted(COMMITTED)
    install_bundled_frameworks(sqlite_engine)
    for name, path in written.items():
        batch, people, _counts = import_file(sqlite_engine, path)
        assert people == EXPECTED, name
        undo_import(sqlite_engine, batch)
