"""``skillmap import-staff``, ``imports`` and ``undo-import``, as a black box.

Commands run in-process through :func:`skillmap.cli.main` (output read with ``capsys``) against a fresh
database per test; the main flow runs on SQLite and on PostgreSQL (the ``db_url`` fixture), and one test runs
the installed command as a subprocess. Inputs are the committed sample workbook and copies of it changed with
openpyxl, written under ``tmp_path``. Every assertion reads real output or the database, so a command that
prints the wrong counts, stores something on ``--dry-run`` or prints a traceback fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func, select

from skillmap.cli import main
from skillmap.db import models as m
from skillmap.db.migrate import open_database

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "muestra_rh.xlsx"
HEADERS = ("Núm. Empleado", "CURP", "RFC", "Nombre(s)", "Apellido paterno", "Apellido materno", "Dependencia",
           "Unidad administrativa", "Puesto", "Nivel", "Fecha de nacimiento", "Fecha de ingreso",
           "Correo electrónico", "Núm. Empleado jefe inmediato")
PLAN_EN = ("{new} new, {changed} changed, {unchanged} unchanged, {missing} missing from the file; {levels} new levels "
           "({stored} already stored); {errors} errors in {bad} rows, {warnings} warnings")


# -- running the command ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> Run:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return Run(code, out, err)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """A SQLite URL for a database that does not exist yet: ``import-staff`` creates it."""
    return f"sqlite:///{tmp_path / 'skillmap.db'}"


@pytest.fixture
def ready_db(capsys: pytest.CaptureFixture[str], sqlite_db: str) -> str:
    """A SQLite database with the bundled frameworks (needed to match competency columns)."""
    run = cli(capsys, "--db", sqlite_db, "init-db")
    assert run.code == 0, run.err
    return sqlite_db


@pytest.fixture
def engine_of() -> Iterator[Any]:
    """``engine_of(url)``: an engine to look at what a command stored; disposed after the test."""
    opened: list[Engine] = []

    def make(url: str) -> Engine:
        engine = open_database(url)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.dispose()


def staff_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.Staff)).scalar_one())


def table_count(engine: Engine, model: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def grades(engine: Engine, numbers: list[str]) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.Staff.employee_number, m.Staff.grade)
                                 .where(m.Staff.employee_number.in_(numbers))).all())


# -- input files --------------------------------------------------------------------------------------------------
def sample_rows() -> list[tuple[Any, ...]]:
    """The people of the sample's staff sheet, as openpyxl reads them (header row 4, footer excluded)."""
    wb = openpyxl.load_workbook(SAMPLE, read_only=True)
    try:
        rows = [tuple(r) for r in wb["Plantilla"].iter_rows(values_only=True)]
    finally:
        wb.close()
    assert rows[3] == HEADERS
    assert str(rows[-1][0]).startswith("Total de registros")
    return rows[4:-1]


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


@dataclass(frozen=True)
class BadFile:
    path: Path
    curp_row: int  # a CURP whose check digit is wrong
    curp_employee: str
    date_row: int  # a birth date written month first
    date_employee: str


def bad_copy(tmp_path: Path) -> BadFile:
    """The sample with two bad rows: a CURP check digit (row 9) and a month-first birth date (row 12)."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Plantilla"]
    curp = str(ws.cell(9, 2).value)
    ws.cell(9, 2).value = curp[:17] + ("0" if curp[17] != "0" else "1")
    ws.cell(12, 11).value = "03/25/1985"
    out = tmp_path / "muestra_errores.xlsx"
    wb.save(out)
    return BadFile(out, 9, str(ws.cell(9, 1).value), 12, str(ws.cell(12, 1).value))


def renamed_headers_copy(tmp_path: Path) -> Path:
    """Staff with headers nobody would guess: the employee number under “Clave SP”, the names under “Servidor”."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Personal"
    ws.append(["Clave SP", "Servidor", "Dependencia", "Puesto"])
    for r in sample_rows()[:12]:
        ws.append([r[0], f"{r[4]} {r[5]}, {r[3]}", r[6], r[8]])
    out = tmp_path / "claves.xlsx"
    wb.save(out)
    return out


def spanish_csv(tmp_path: Path, people: int = 20) -> tuple[Path, list[tuple[Any, ...]]]:
    """What Excel in Spanish writes for “CSV (delimitado por comas)”: semicolons, Windows-1252, CRLF, dates
    dd/mm/yyyy."""
    rows = sample_rows()[:people]

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, datetime | date):
            return v.strftime("%d/%m/%Y")
        return str(v)

    text = "\r\n".join(";".join(cell(v) for v in r) for r in [HEADERS, *rows]) + "\r\n"
    out = tmp_path / "plantilla_excel_es.csv"
    out.write_bytes(text.encode("cp1252"))
    return out, rows


# -- the sample workbook, end to end (SQLite and PostgreSQL) -----------------------------------------------------
def test_import_reimport_list_and_undo(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path,
                                       engine_of: Any) -> None:
    rows = sample_rows()
    assert len(rows) == 500

    # --dry-run on a database that does not exist yet: the plan, and nothing stored
    dry = cli(capsys, "--db", db_url, "import-staff", SAMPLE, "--dry-run", "--json")
    assert dry.code == 0, dry.err
    plan = dry.json()
    assert plan["committed"] is False and "import_id" not in plan
    assert plan["file"] == SAMPLE.name and plan["sheet"] == "Plantilla"
    counts = plan["counts"]
    assert (counts["new_people"], counts["changed_people"], counts["missing_people"], counts["errors"]) == (
        500, 0, 0, 0)
    assert counts["new_agencies"] == 8 and counts["skipped_rows"] == 1  # the totals footer
    assert plan["mapping"]["header_row"] == 4
    assert plan["mapping"]["fields"]["employee_number"] == "Núm. Empleado"
    assert [p["employee_number"] for p in plan["new_people"][:3]] == [str(r[0]) for r in rows[:3]]
    engine = engine_of(db_url)
    assert staff_count(engine) == 0
    assert table_count(engine, m.ImportBatch) == 0
    listed = cli(capsys, "--db", db_url, "imports", "--json")
    assert listed.code == 0 and listed.json() == []

    # the import, in text
    first = cli(capsys, "--db", db_url, "import-staff", SAMPLE)
    assert first.code == 0, first.err
    assert first.lines[0] == PLAN_EN.format(new=500, changed=0, unchanged=0, missing=0, levels=0, stored=0,
                                            errors=0, bad=0, warnings=0)
    assert first.lines[1].split() == ["+", str(rows[0][0]), *f"{rows[0][3]} {rows[0][4]} {rows[0][5]}".split()]
    assert first.lines[-1] == "Imported as import number 1 (undo with: skillmap undo-import 1)"
    assert "Traceback" not in first.err
    assert staff_count(engine) == 500
    with engine.connect() as conn:
        stored = conn.execute(select(m.Staff.curp, m.Staff.given_names, m.Staff.second_surname, m.Staff.grade,
                                     m.Staff.birth_date, m.Staff.hire_date, m.Staff.email)
                              .where(m.Staff.employee_number == str(rows[1][0]))).one()
    r = rows[1]
    assert tuple(stored) == (r[1], r[3], r[5], r[9], r[10].date(), r[11].date(), r[12])

    # the same file again changes nothing
    again = cli(capsys, "--db", db_url, "import-staff", SAMPLE, "--dry-run", "--json")
    assert again.code == 0
    c = again.json()["counts"]
    assert (c["new_people"], c["changed_people"], c["unchanged_people"], c["missing_people"]) == (0, 0, 500, 0)

    # a changed copy: differences in the JSON summary, field by field
    path, changes, deleted, added = changed_copy(tmp_path)
    second = cli(capsys, "--db", db_url, "import-staff", path, "--json")
    assert second.code == 0, second.err
    data = second.json()
    assert data["committed"] is True and data["import_id"] == 2
    c = data["counts"]
    assert (c["new_people"], c["changed_people"], c["unchanged_people"], c["missing_people"]) == (1, 2, 497, 1)
    assert (c["people_added"], c["people_updated"]) == (1, 2)
    assert [p["employee_number"] for p in data["new_people"]] == [added]
    assert [p["employee_number"] for p in data["missing_people"]] == [deleted]
    assert {p["employee_number"]: p["changes"] for p in data["changed_people"]} == {
        emp: [{"field": "grade", "old": old, "new": new}] for emp, (old, new) in changes.items()}
    assert grades(engine, list(changes)) == {emp: new for emp, (_old, new) in changes.items()}
    assert staff_count(engine) == 501

    # imports lists both, newest first
    listed = cli(capsys, "--db", db_url, "imports", "--json")
    assert [(i["id"], i["file_name"], i["status"], i["counts"]["people_added"]) for i in listed.json()] == [
        (2, path.name, "done", 1), (1, SAMPLE.name, "done", 500)]
    text = cli(capsys, "--db", db_url, "imports")
    assert text.code == 0
    assert [line.split()[0] for line in text.lines] == ["2", "1"]
    assert path.name in text.lines[0] and SAMPLE.name in text.lines[1]

    # undo: the first import cannot go before the second; the second goes, once
    early = cli(capsys, "--db", db_url, "undo-import", 1)
    assert early.code == 2 and early.out == ""
    assert early.err.strip() == "skillmap: import 1 cannot be undone before import 2, which changed the same people"
    undone = cli(capsys, "--db", db_url, "undo-import", 2, "--json")
    assert undone.code == 0, undone.err
    u = undone.json()
    assert (u["import_id"], u["people_removed"], u["people_restored"]) == (2, 1, 2)
    assert grades(engine, list(changes)) == {emp: old for emp, (old, _new) in changes.items()}
    assert grades(engine, [added]) == {}
    assert grades(engine, [deleted]) != {}  # missing from the file: reported, never deleted
    twice = cli(capsys, "--db", db_url, "undo-import", 2)
    assert twice.code == 2 and twice.err.strip() == "skillmap: import 2 was already undone"
    assert "Traceback" not in twice.err
    assert staff_count(engine) == 500
    statuses = [(i["id"], i["status"]) for i in cli(capsys, "--db", db_url, "imports", "--json").json()]
    assert statuses == [(2, "undone"), (1, "done")]

    # now the first can go too, in text
    last = cli(capsys, "--db", db_url, "undo-import", 1)
    assert last.code == 0
    assert last.out.startswith("Import 1 undone: 500 people removed, 0 restored, 0 levels removed")
    assert staff_count(engine) == 0
    assert table_count(engine, m.Agency) == 0  # the agencies the first import created went with it
    missing = cli(capsys, "--db", db_url, "undo-import", 99, "--json")
    assert missing.code == 2
    assert missing.json()["problems"][0]["message"] == "there is no import number 99"


def test_levels_from_a_wide_sheet_with_date_and_source(capsys: pytest.CaptureFixture[str], ready_db: str,
                                                       engine_of: Any) -> None:
    """``--sheet Competencias``: one column per competency, stored with ``--date`` and ``--source``."""
    assert cli(capsys, "--db", ready_db, "import-staff", SAMPLE).code == 0
    wb = openpyxl.load_workbook(SAMPLE, read_only=True)
    try:
        levels = [tuple(r) for r in wb["Competencias"].iter_rows(values_only=True)]
    finally:
        wb.close()
    cells = sum(1 for r in levels[1:] for v in r[2:] if v is not None)
    run = cli(capsys, "--db", ready_db, "import-staff", SAMPLE, "--sheet", "Competencias", "--date", "2026-01-15",
              "--source", "test", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["sheet"] == "Competencias"
    assert data["counts"]["levels_new"] == cells and data["counts"]["unchanged_people"] == 500
    assert data["counts"]["new_people"] == 0 and data["counts"]["changed_people"] == 0
    assert data["mapping"]["default_source"] == "test" and data["mapping"]["assessed_on"] == "2026-01-15"
    assert len(data["mapping"]["level_columns"]) == 40
    engine = engine_of(ready_db)
    with engine.connect() as conn:
        stored = conn.execute(select(m.Assessment.source, m.Assessment.assessed_on, func.count())
                              .group_by(m.Assessment.source, m.Assessment.assessed_on)).all()
        first = dict(conn.execute(
            select(m.Competency.name_es, m.Assessment.level)
            .join(m.Assessment, m.Assessment.competency_id == m.Competency.id)
            .join(m.Staff, m.Staff.id == m.Assessment.staff_id)
            .where(m.Staff.employee_number == str(levels[1][0]))).all())
    assert [tuple(s) for s in stored] == [("test", date(2026, 1, 15), cells)]
    expected = {name: v for name, v in zip(levels[0][2:], levels[1][2:], strict=True) if v is not None}
    assert first == expected
    # the same levels again are already stored
    again = cli(capsys, "--db", ready_db, "import-staff", SAMPLE, "--sheet", "Competencias", "--date",
                "2026-01-15", "--source", "test", "--dry-run", "--json")
    assert again.json()["counts"]["levels_new"] == 0 and again.json()["counts"]["levels_already_stored"] == cells


def test_sheet_that_is_not_there(capsys: pytest.CaptureFixture[str], sqlite_db: str) -> None:
    run = cli(capsys, "--db", sqlite_db, "import-staff", SAMPLE, "--sheet", "Hoja1")
    assert run.code == 2 and run.out == ""
    assert run.err.splitlines() == [
        "skillmap: muestra_rh.xlsx: file rejected: there is no sheet named “Hoja1” (sheets: Plantilla, "
        "Competencias, Evaluaciones, Cursos, Constancias)"]


def test_sheet_name_as_the_reader_matches_it(capsys: pytest.CaptureFixture[str], sqlite_db: str,
                                            tmp_path: Path) -> None:
    """The reader matches a sheet name trimmed and without case (typed on the command line, or saved with a
    mapping), and a CSV file has one sheet whatever ``--sheet`` says: the command must follow it, not fail
    with a KeyError from looking the typed name up itself."""
    ok = cli(capsys, "--db", sqlite_db, "import-staff", SAMPLE, "--sheet", " plantilla ", "--dry-run", "--json")
    assert ok.code == 0, ok.err
    assert ok.json()["sheet"] == "Plantilla" and ok.json()["counts"]["new_people"] == 500
    path, _rows = spanish_csv(tmp_path, people=3)
    run = cli(capsys, "--db", sqlite_db, "import-staff", path, "--sheet", "Plantilla", "--dry-run", "--json")
    assert run.code in (0, 2), run.err
    if run.code == 0:
        assert run.json()["counts"]["new_people"] == 3
    else:
        assert run.json()["problems"][0]["message"]


# -- mapping by hand ----------------------------------------------------------------------------------------------
def test_map_save_mapping_and_mapping(capsys: pytest.CaptureFixture[str], sqlite_db: str, tmp_path: Path,
                                      engine_of: Any) -> None:
    path = renamed_headers_copy(tmp_path)
    undetected = cli(capsys, "--db", sqlite_db, "import-staff", path, "--json")
    assert undetected.code == 2
    problems = undetected.json()["problems"]
    assert problems and problems[0]["severity"] == "error"
    assert problems[0]["file"] == str(path) and problems[0]["sheet"] == "Personal" and problems[0]["row"] == 1
    assert problems[0]["message"].startswith("no column for employee number; the headers are: “Clave SP”, ")

    mapped = cli(capsys, "--db", sqlite_db, "import-staff", path, "--map", "employee_number=Clave SP",
                 "--map", "full_name=Servidor", "--save-mapping", "claves SP", "--dry-run", "--json")
    assert mapped.code == 0, mapped.out
    data = mapped.json()
    assert data["counts"]["new_people"] == 12 and data["counts"]["errors"] == 0
    assert data["mapping"]["fields"]["employee_number"] == "Clave SP"
    assert data["mapping"]["fields"]["full_name"] == "Servidor"
    rows = sample_rows()[:12]
    assert data["new_people"][0]["name"] == f"{rows[0][3]} {rows[0][4]} {rows[0][5]}"  # “Surnames, Given names”
    assert staff_count(engine_of(sqlite_db)) == 0  # dry run; the mapping is saved all the same

    # the saved mapping alone does it next time
    again = cli(capsys, "--db", sqlite_db, "import-staff", path, "--mapping", "claves SP", "--json")
    assert again.code == 0, again.out
    assert again.json()["counts"]["people_added"] == 12
    engine = engine_of(sqlite_db)
    with engine.connect() as conn:
        people = dict(conn.execute(select(m.Staff.employee_number, m.Staff.first_surname)).all())
    assert people == {str(r[0]): r[4] for r in rows}

    unknown = cli(capsys, "--db", sqlite_db, "import-staff", path, "--mapping", "otro")
    assert unknown.code == 2 and unknown.err.strip() == "skillmap: there is no saved mapping named 'otro'"
    bad_pair = cli(capsys, "--db", sqlite_db, "import-staff", path, "--map", "employee_number")
    assert bad_pair.code == 2 and bad_pair.err.strip() == "skillmap: expected NAME=VALUE, got 'employee_number'"
    absent = cli(capsys, "--db", sqlite_db, "import-staff", SAMPLE, "--map", "employee_number=Clave SP", "--json")
    assert absent.code == 2
    p = absent.json()["problems"][0]
    assert (p["severity"], p["sheet"], p["row"]) == ("error", "Plantilla", 4)
    assert "“Clave SP”" in p["message"]


def test_header_row_below_a_long_title_block(capsys: pytest.CaptureFixture[str], sqlite_db: str,
                                             tmp_path: Path) -> None:
    """Past the first 30 rows the header is not looked for: ``--header-row`` says where it is."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plantilla"
    for i in range(1, 34):
        ws.cell(i, 1).value = f"Nota {i}: criterios de captura del periodo"
    ws.append(list(HEADERS))
    for r in sample_rows()[:5]:
        ws.append(list(r))
    path = tmp_path / "notas.xlsx"
    wb.save(path)

    lost = cli(capsys, "--db", sqlite_db, "import-staff", path, "--json")
    assert lost.code == 2
    assert lost.json()["problems"][0]["code"] == "staff.no_header"
    found = cli(capsys, "--db", sqlite_db, "import-staff", path, "--header-row", 34, "--dry-run", "--json")
    assert found.code == 0, found.out
    assert found.json()["mapping"]["header_row"] == 34 and found.json()["counts"]["new_people"] == 5
    outside = cli(capsys, "--db", sqlite_db, "import-staff", path, "--header-row", 400, "--json")
    assert outside.code == 2
    assert outside.json()["problems"][0]["message"] == "row 400, given as the header row, is not in the sheet"


# -- rows with errors, problem reports --------------------------------------------------------------------------
def test_bad_rows_are_located_and_block_until_skipped(capsys: pytest.CaptureFixture[str], sqlite_db: str,
                                                      tmp_path: Path, engine_of: Any) -> None:
    bad = bad_copy(tmp_path)
    blocked = cli(capsys, "--db", sqlite_db, "import-staff", bad.path)
    assert blocked.code == 2
    assert blocked.lines[0] == PLAN_EN.format(new=498, changed=0, unchanged=0, missing=0, levels=0, stored=0,
                                              errors=2, bad=2, warnings=0)
    errors = [line.strip() for line in blocked.lines if line.strip().startswith("error:")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {bad.path.name}, sheet “Plantilla”, row {bad.curp_row}, column “CURP”: ")
    assert errors[1].startswith(f"error: {bad.path.name}, sheet “Plantilla”, row {bad.date_row}, "
                                "column “Fecha de nacimiento”: ")
    assert "month first" in errors[1]
    assert blocked.err.strip() == "2 rows have errors; fix them, skip them, or cancel (--skip-bad-rows)"
    engine = engine_of(sqlite_db)
    assert staff_count(engine) == 0 and table_count(engine, m.ImportBatch) == 0

    # --json: every problem with file, sheet, row and column
    as_json = cli(capsys, "--db", sqlite_db, "import-staff", bad.path, "--json")
    assert as_json.code == 2
    data = as_json.json()
    assert data["committed"] is False and data["counts"]["rows_with_errors"] == 2
    located = [(p["severity"], p["file"], p["sheet"], p["row"], p["column"]) for p in data["problems"]]
    assert located == [("error", str(bad.path), "Plantilla", bad.curp_row, "CURP"),
                       ("error", str(bad.path), "Plantilla", bad.date_row, "Fecha de nacimiento")]
    assert "check digit of the CURP" in data["problems"][0]["message"]
    assert "month first" in data["problems"][1]["message"]

    # the problem reports, opened again
    report_json = tmp_path / "problemas.json"
    report_xlsx = tmp_path / "problemas.xlsx"
    for report in (report_json, report_xlsx):
        run = cli(capsys, "--db", sqlite_db, "import-staff", bad.path, "--dry-run", "--problems-out", report)
        assert run.code == 2 and report.is_file()
    doc = json.loads(report_json.read_text(encoding="utf-8"))
    assert doc["file"] == bad.path.name and doc["summary"]["rows_with_errors"] == 2
    assert [(p["row"], p["column"]) for p in doc["problems"]] == [(bad.curp_row, "CURP"),
                                                                 (bad.date_row, "Fecha de nacimiento")]
    wb = openpyxl.load_workbook(report_xlsx, read_only=True)
    try:
        sheet = wb.worksheets[0]
        cells = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()
    assert cells[0][0] == f"Problems found in {bad.path.name}"
    assert cells[2] == ("Severity", "Sheet", "Row", "Column", "Problem")
    assert [(r[0], r[1], r[2], r[3]) for r in cells[3:]] == [
        ("error", "Plantilla", bad.curp_row, "CURP"), ("error", "Plantilla", bad.date_row, "Fecha de nacimiento")]
    assert all(r[4] for r in cells[3:])
    assert staff_count(engine) == 0

    wrong_ext = cli(capsys, "--db", sqlite_db, "import-staff", bad.path, "--problems-out", tmp_path / "p.txt")
    assert wrong_ext.code == 2
    assert wrong_ext.err.strip() == "skillmap: p.txt: unknown report format '.txt': use .json or .xlsx"

    # --skip-bad-rows: the 498 good rows go in, the two bad ones do not
    dry = cli(capsys, "--db", sqlite_db, "import-staff", bad.path, "--skip-bad-rows", "--dry-run")
    assert dry.code == 0
    assert staff_count(engine) == 0
    skipped = cli(capsys, "--db", sqlite_db, "import-staff", bad.path, "--skip-bad-rows", "--json")
    assert skipped.code == 0, skipped.out
    result = skipped.json()
    assert result["committed"] is True and result["counts"]["people_added"] == 498
    assert staff_count(engine) == 498
    assert grades(engine, [bad.curp_employee, bad.date_employee]) == {}


# -- CSV as Excel in Spanish writes it ----------------------------------------------------------------------------
def test_spanish_csv_with_encoding_and_delimiter(capsys: pytest.CaptureFixture[str], sqlite_db: str,
                                                 tmp_path: Path, engine_of: Any) -> None:
    path, rows = spanish_csv(tmp_path)
    assert any(ch in path.read_bytes().decode("cp1252") for ch in "áéíóúñÁÉÍÓÚÑ")

    # detected: Windows-1252 and semicolons
    detected = cli(capsys, "--db", sqlite_db, "import-staff", path, "--dry-run", "--json")
    assert detected.code == 0, detected.out
    assert detected.json()["counts"]["new_people"] == 20 and detected.json()["sheet"] == path.stem

    # wrong overrides are reported, not guessed around
    as_utf8 = cli(capsys, "--db", sqlite_db, "import-staff", path, "--encoding", "utf-8")
    assert as_utf8.code == 2 and as_utf8.out == ""
    assert as_utf8.err.startswith(f"skillmap: {path.name}: file rejected: the text cannot be read as utf-8")
    assert len(as_utf8.err.splitlines()) == 1
    commas = cli(capsys, "--db", sqlite_db, "import-staff", path, "--delimiter", ",", "--json")
    assert commas.code == 2
    assert commas.json()["problems"][0]["code"] in ("staff.no_header", "staff.no_employee_number")
    unknown = cli(capsys, "--db", sqlite_db, "import-staff", path, "--encoding", "klingon")
    assert unknown.code == 2
    assert unknown.err.strip() == f"skillmap: {path.name}: file rejected: “klingon” is not a known text encoding"

    # the right overrides: stored with their accents, dates read day first
    run = cli(capsys, "--db", sqlite_db, "import-staff", path, "--encoding", "cp1252", "--delimiter", ";", "--json")
    assert run.code == 0, run.out
    assert run.json()["counts"]["people_added"] == 20
    engine = engine_of(sqlite_db)
    with engine.connect() as conn:
        stored = {n: (s1, s2, born) for n, s1, s2, born in conn.execute(
            select(m.Staff.employee_number, m.Staff.first_surname, m.Staff.second_surname, m.Staff.birth_date))}
    assert stored == {str(r[0]): (r[4], r[5], r[10].date()) for r in rows}
    assert any(any(ch in s1 + s2 for ch in "áéíóúñÁÉÍÓÚÑ") for s1, s2, _ in stored.values())


# -- files that are not workbooks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "content", "what"), [
    ("plantilla.xlsx", b"%PDF-1.4\n" + b"0" * 400, "file rejected: it is not a spreadsheet or a CSV file"),
    ("plantilla.xlsx", b"PK\x03\x04" + b"\x00" * 200, "file rejected"),
    ("plantilla.csv", b"\x00\x01\x02binary\x00" * 50, "file rejected"),
])
def test_not_a_workbook_is_one_line(capsys: pytest.CaptureFixture[str], sqlite_db: str, tmp_path: Path,
                                    engine_of: Any, name: str, content: bytes, what: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    run = cli(capsys, "--db", sqlite_db, "import-staff", path)
    assert run.code == 2 and run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"skillmap: {name}: {what}")
    assert "Traceback" not in run.err
    as_json = cli(capsys, "--db", sqlite_db, "import-staff", path, "--json")
    assert as_json.code == 2 and as_json.err == ""
    problems = as_json.json()["problems"]
    assert len(problems) == 1 and problems[0]["message"].startswith("file rejected")
    assert problems[0]["file"] == str(path)
    assert staff_count(engine_of(sqlite_db)) == 0


def test_missing_file_and_argument_errors(capsys: pytest.CaptureFixture[str], sqlite_db: str,
                                          tmp_path: Path) -> None:
    gone = cli(capsys, "--db", sqlite_db, "import-staff", tmp_path / "no_existe.xlsx")
    assert gone.code == 2 and len(gone.err.splitlines()) == 1
    assert gone.err.startswith("skillmap: no_existe.xlsx: file rejected")
    with pytest.raises(SystemExit) as exc:
        main(["--db", sqlite_db, "import-staff", str(SAMPLE), "--source", "rumour"])
    assert exc.value.code == 2
    assert "invalid choice: 'rumour'" in capsys.readouterr().err
    bad_date = cli(capsys, "--db", sqlite_db, "import-staff", SAMPLE, "--date", "15/01/2026")
    assert bad_date.code == 2 and bad_date.err.strip() == "skillmap: not a date (YYYY-MM-DD): '15/01/2026'"
    bad_word = cli(capsys, "--db", sqlite_db, "import-staff", SAMPLE, "--level-word", "Alto=tres")
    assert bad_word.code == 2 and bad_word.err.strip() == "skillmap: expected NAME=VALUE, got 'Alto=tres'"


# -- Spanish --------------------------------------------------------------------------------------------------------
def test_messages_in_spanish(capsys: pytest.CaptureFixture[str], sqlite_db: str, tmp_path: Path) -> None:
    bad = bad_copy(tmp_path)
    blocked = cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", bad.path)
    assert blocked.code == 2
    assert blocked.lines[0] == ("498 nuevas, 0 con cambios, 0 sin cambios, 0 ausentes del archivo; 0 niveles nuevos "
                                "(0 ya guardados); 2 errores en 2 filas, 0 advertencias")
    errors = [line.strip() for line in blocked.lines if line.strip().startswith("error:")]
    assert errors[0].startswith(f"error: {bad.path.name}, hoja «Plantilla», fila {bad.curp_row}, columna «CURP»: ")
    assert blocked.err.strip() == "2 filas tienen errores; corríjalas, omítalas o cancele (--skip-bad-rows)"
    as_json = cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", bad.path, "--json")
    assert "CURP" in as_json.json()["problems"][0]["message"]
    assert "dígito verificador" in as_json.json()["problems"][0]["message"]

    report = tmp_path / "problemas.xlsx"
    cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", bad.path, "--dry-run", "--problems-out", report)
    wb = openpyxl.load_workbook(report, read_only=True)
    try:
        cells = [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    assert cells[0][0] == f"Problemas encontrados en {bad.path.name}"
    assert cells[2] == ("Gravedad", "Hoja", "Fila", "Columna", "Problema")

    done = cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", bad.path, "--skip-bad-rows")
    assert done.code == 0
    assert done.lines[-1] == "Importado como importación número 1 (para deshacer: skillmap undo-import 1)"
    undone = cli(capsys, "--lang", "es", "--db", sqlite_db, "undo-import", 1)
    assert undone.out.startswith("Importación 1 deshecha: 498 personas eliminadas, 0 restauradas, "
                                 "0 niveles eliminados")
    again = cli(capsys, "--lang", "es", "--db", sqlite_db, "undo-import", 1)
    assert again.code == 2 and again.err.strip() == "skillmap: la importación 1 ya se deshizo"
    pdf = tmp_path / "plantilla.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 400)
    rejected = cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", pdf)
    assert rejected.code == 2 and len(rejected.err.splitlines()) == 1
    assert rejected.err.startswith("skillmap: plantilla.xlsx: archivo rechazado: no es una hoja de cálculo")
    sheet = cli(capsys, "--lang", "es", "--db", sqlite_db, "import-staff", SAMPLE, "--sheet", "Hoja1")
    assert sheet.err.startswith("skillmap: muestra_rh.xlsx: archivo rechazado: no hay una hoja llamada «Hoja1»")


# -- the installed command ------------------------------------------------------------------------------------------
def test_import_staff_as_a_subprocess(tmp_path: Path) -> None:
    db = tmp_path / "sub.db"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SKILLMAP_DB", None)
    proc = subprocess.run([sys.executable, "-m", "skillmap", "--db", str(db), "import-staff", str(SAMPLE), "--json",
                           "--limit", "1"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["committed"] is True and data["import_id"] == 1 and data["counts"]["people_added"] == 500
    assert len(data["new_people"]) == 1
    assert proc.stderr == ""
    bad = tmp_path / "roto.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = subprocess.run([sys.executable, "-m", "skillmap", "--db", str(db), "import-staff", str(bad)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("skillmap: roto.xlsx: file rejected") and len(proc.stderr.splitlines()) == 1
