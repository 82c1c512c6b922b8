"""Reading staff, competency levels and course completions from HR sheets (skillmap.importing.staff and
skillmap.importing.completions).

The committed sample workbook (sample_data/muestra_rh.xlsx, read with python-calamine as the importer does)
is checked against the generator that wrote it; messy variants are built from its rows in the tests.

Speed on the full-scale workbook is printed, not asserted:

    python tests/test_staff_parsing.py [/tmp/full/full.xlsx]
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from skillmap.frameworks.fileformat import load_bundled_frameworks
from skillmap.importing.completions import COMPLETION_HEADERS, RESULTS, ParsedCompletions, parse_completions
from skillmap.importing.model import (
    COMPLETION_FIELDS,
    LEVEL_FIELDS,
    SOURCES,
    STAFF_FIELDS,
    CompetencyRef,
    ParsedStaff,
    RawSheet,
    StaffMapping,
    StaffRow,
)
from skillmap.importing.staff import (
    LEVEL_HEADERS,
    STAFF_HEADERS,
    detect_mapping,
    level_code,
    level_codes,
    parse_staff,
    score_staff_header,
    word_table,
)
from skillmap.problems import Problem
from skillmap.sample.generator import SampleOrg, bundled_sample
from skillmap.sample.workbook import write_assessments_csv

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "muestra_rh.xlsx"
FILE = "muestra_rh.xlsx"
D = dt.date
TODAY = D(2026, 10, 31)  # the sample organisation's cut-off date
Rows = list[list[Any]]

STAFF_FIELDS_OF_SAMPLE = {
    "employee_number": "Núm. Empleado", "curp": "CURP", "rfc": "RFC", "given_names": "Nombre(s)",
    "first_surname": "Apellido paterno", "second_surname": "Apellido materno", "agency": "Dependencia",
    "unit": "Unidad administrativa", "position": "Puesto", "grade": "Nivel",
    "birth_date": "Fecha de nacimiento", "hire_date": "Fecha de ingreso", "email": "Correo electrónico",
    "manager_employee_number": "Núm. Empleado jefe inmediato",
}


# -- fixtures ----------------------------------------------------------------------------------------------
def competency_refs() -> list[CompetencyRef]:
    refs: list[CompetencyRef] = []
    for fw in load_bundled_frameworks():
        low, high = fw.scale_range
        for c in fw.competencies():
            refs.append(CompetencyRef(len(refs) + 1, fw.code, c.code, c.name.en, c.name.es, low, high))
    return refs


@pytest.fixture(scope="module")
def refs() -> list[CompetencyRef]:
    return competency_refs()


@pytest.fixture(scope="module")
def book() -> dict[str, Rows]:
    wb = CalamineWorkbook.from_path(str(SAMPLE))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


@pytest.fixture(scope="module")
def org() -> SampleOrg:
    return bundled_sample()


def raw(rows: Rows, name: str = "Hoja1", *, first_row: int = 1, col_offset: int = 0,
        hidden: frozenset[int] = frozenset()) -> RawSheet:
    return RawSheet(name, rows, list(range(first_row, first_row + len(rows))), col_offset, hidden)


def rows_of(book: dict[str, Rows], name: str) -> Rows:
    return copy.deepcopy(book[name])


def parse(rows: Rows, refs: list[CompetencyRef], name: str = "Plantilla", mapping: StaffMapping | None = None,
          today: D = TODAY, **sheet: Any) -> ParsedStaff:
    return parse_staff(raw(rows, name, **sheet), file=FILE, competencies=refs, mapping=mapping, today=today)


def keys(problems: list[Problem]) -> list[str]:
    return [p.key for p in problems]


def only(problems: list[Problem], key: str) -> Problem:
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, (key, problems)
    return found[0]


def people(ps: ParsedStaff) -> list[tuple[Any, ...]]:
    """The stored values of every person, without the row numbers."""
    return [tuple(v for k, v in vars(s).items() if k != "row") for s in ps.staff]


def staff_from_org(org: SampleOrg) -> dict[str, StaffRow]:
    agencies = {a.code: a.name for a in org.agencies}
    units = {u.code: u.name for u in org.units}
    return {s.employee_number: StaffRow(
        row=0, employee_number=s.employee_number, given_names=s.given_names, first_surname=s.first_surname,
        second_surname=s.second_surname, curp=s.curp, rfc=s.rfc, agency=agencies[s.agency_code],
        unit=units[s.unit_code], position_title=s.position_title, grade=s.grade, birth_date=s.birth_date,
        hire_date=s.hire_date, email=s.email, manager_employee_number=s.manager_employee_number,
    ) for s in org.staff}


# -- the sample workbook -----------------------------------------------------------------------------------
def test_staff_sheet_below_the_title_block(book: dict[str, Rows], refs: list[CompetencyRef], org: SampleOrg) -> None:
    ps = parse(rows_of(book, "Plantilla"), refs, today=org.as_of)
    assert ps.header_row == 4
    assert ps.problems == []
    assert len(ps.staff) == 500
    assert ps.skipped_rows == 1  # the "Total de registros: 500" footer is not a person
    assert not any(s.employee_number.lower().startswith("total") for s in ps.staff)
    assert ps.staff[0].row == 5 and ps.staff[-1].row == 504
    assert ps.mapping.fields == STAFF_FIELDS_OF_SAMPLE
    assert ps.mapping.sheet == "Plantilla" and ps.mapping.header_row == 4
    assert ps.ignored_columns == [] and ps.hidden_columns_ignored == []
    assert len(ps.levels) == 0
    expected = staff_from_org(org)
    for s in ps.staff:
        assert vars(s) | {"row": 0} == vars(expected[s.employee_number])


def test_header_tables_cover_the_model_fields() -> None:
    assert set(STAFF_HEADERS) == set(STAFF_FIELDS)
    assert set(LEVEL_HEADERS) == set(LEVEL_FIELDS)
    assert set(COMPLETION_HEADERS) == set(COMPLETION_FIELDS)


def test_score_proposes_the_staff_sheet(book: dict[str, Rows]) -> None:
    scores = {name: score_staff_header(raw(rows, name)) for name, rows in book.items()}
    assert scores["Plantilla"] >= 0.9
    assert all(scores["Plantilla"] > s for name, s in scores.items() if name != "Plantilla")
    assert scores["Cursos"] < 0.1
    assert score_staff_header(raw([])) == 0.0


def test_wide_sheet_of_40_competencies(book: dict[str, Rows], refs: list[CompetencyRef], org: SampleOrg) -> None:
    rows = rows_of(book, "Competencias")
    ps = parse(rows, refs, name="Competencias", today=D(2026, 10, 31))
    assert ps.errors == []
    assert keys(ps.problems) == ["staff.full_name_split"]
    header = rows[0]
    assert len(header) == 42 and len(ps.mapping.level_columns) == 40
    by_code = {r.code: r for r in refs}
    for text, code in ps.mapping.level_columns.items():
        assert by_code[code].name_es == text
    assert ps.mapping.fields == {"employee_number": "Núm. Empleado", "full_name": "Nombre completo"}
    # every non-blank cell is one level, with its value
    comp_of_col = {c: by_code[ps.mapping.level_columns[h]].id for c, h in enumerate(header) if c >= 2}
    cells = {(i + 1, comp_of_col[c]): int(v) for i, row in enumerate(rows) if i
             for c, v in enumerate(row) if c >= 2 and v != ""}
    lv = ps.levels
    assert len(lv) == len(cells) > 5000
    got = {(int(r), int(c)): int(v) for r, c, v in zip(lv.row, lv.competency_id, lv.level, strict=True)}
    assert got == cells
    assert [lv.employee_number[p] for p in lv.person[:3]] == [rows[int(r) - 1][0] for r in lv.row[:3]]
    assert set(lv.assessed_on.tolist()) == {D(2026, 10, 31)}
    assert set(lv.source.tolist()) == {SOURCES.index("manager")}
    assert lv.assessor is None and lv.evidence is None
    # the people of the sheet, named from the full-name column
    assert len(ps.staff) == 500
    expected = staff_from_org(org)
    right = sum((s.given_names, s.first_surname, s.second_surname) == (
        expected[s.employee_number].given_names, expected[s.employee_number].first_surname,
        expected[s.employee_number].second_surname) for s in ps.staff)
    assert right >= 497  # "María Fernanda Guerrero": one surname and two given names cannot be told apart


def test_long_layout_sheet(book: dict[str, Rows], refs: list[CompetencyRef], org: SampleOrg) -> None:
    ps = parse(rows_of(book, "Evaluaciones"), refs, name="Evaluaciones", today=org.as_of)
    check_history(ps, org, refs)


def test_long_layout_csv(tmp_path: Path, refs: list[CompetencyRef], org: SampleOrg) -> None:
    path = write_assessments_csv(org, tmp_path / "muestra_evaluaciones.csv")
    with path.open(encoding="cp1252", newline="") as fh:
        rows: Rows = list(csv.reader(fh, delimiter=";"))  # text only: "3", "15/03/2024"
    ps = parse_staff(raw(rows, path.name), file=str(path), competencies=refs, today=org.as_of)
    check_history(ps, org, refs)


def check_history(ps: ParsedStaff, org: SampleOrg, refs: list[CompetencyRef]) -> None:
    assert ps.errors == [] and ps.problems == []
    assert ps.staff == []
    assert ps.mapping.level_fields == {"competency": "Competencia", "level": "Nivel", "source": "Fuente",
                                       "assessed_on": "Fecha", "assessor": "Evaluador"}
    a, lv = org.assessments, ps.levels
    assert len(lv) == len(a)
    emp = [s.employee_number for s in org.staff]
    assert [lv.employee_number[p] for p in lv.person.tolist()] == [emp[i] for i in a.staff_idx.tolist()]
    id_of = {(r.framework_code, r.code): r.id for r in refs}
    assert lv.competency_id.tolist() == [id_of[org.competencies[i]] for i in a.comp_idx.tolist()]
    assert np.array_equal(lv.level, a.level) and np.array_equal(lv.source, a.source)
    assert np.array_equal(lv.assessed_on, a.assessed_on)
    assert lv.assessor == [emp[i] if i >= 0 else None for i in a.assessor_idx.tolist()]
    assert lv.row.tolist() == list(range(2, len(a) + 2))


# -- messy staff sheets ------------------------------------------------------------------------------------
def sample_staff(book: dict[str, Rows], refs: list[CompetencyRef]) -> ParsedStaff:
    return parse(rows_of(book, "Plantilla"), refs)


def retitle(rows: Rows, headers: list[str], header_index: int = 3) -> Rows:
    rows[header_index] = list(headers)
    return rows


MESSY_HEADERS: dict[str, list[str]] = {
    "folded": ["  NUM.  EMPLEADO ", "curp", " R.F.C. ", "NOMBRE(S)", "APELLIDO  PATERNO", "apellido materno",
               "DEPENDENCIA", "Unidad Administrativa ", "PUESTO", "NIVEL", "FECHA DE NACIMIENTO",
               "fecha de ingreso", "CORREO ELECTRONICO", "NUM. EMPLEADO JEFE INMEDIATO"],
    "other_spanish": ["No. de empleado", "C.U.R.P.", "RFC con homoclave", "Nombre", "Primer apellido",
                      "Segundo apellido", "Dependencia o entidad", "Área de adscripción", "Denominación del puesto",
                      "Nivel salarial", "Fecha de nac.", "Fecha de alta", "Correo institucional", "Jefe inmediato"],
    "english": ["Employee number", "CURP", "RFC", "First name", "Last name", "Second surname", "Agency", "Unit",
                "Job title", "Grade", "Date of birth", "Hire date", "E-mail", "Manager"],
}


@pytest.mark.parametrize("variant", sorted(MESSY_HEADERS))
def test_headers_recognised_in_any_form(variant: str, book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    expected = people(sample_staff(book, refs))
    ps = parse(retitle(rows_of(book, "Plantilla"), MESSY_HEADERS[variant]), refs)
    assert ps.problems == [] and people(ps) == expected
    assert set(ps.mapping.fields) == set(STAFF_FIELDS_OF_SAMPLE)


def test_header_under_a_longer_title_block(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    width = len(rows[3])
    title = [["SECRETARÍA DE LA FUNCIÓN PÚBLICA"] + [""] * (width - 1), [""] * width,
             ["Reporte generado el 31/10/2026", "", "Hoja 1 de 1"] + [""] * (width - 3), [""] * width,
             ["Datos personales", "", "", "", "", "", "Datos laborales"] + [""] * (width - 7)]
    ps = parse(title + rows, refs)
    assert ps.header_row == 9 and ps.problems == []
    assert people(ps) == people(sample_staff(book, refs))


def test_header_on_two_rows_of_merged_cells(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    upper = list(rows[3])
    upper[4:6] = ["Apellidos", ""]  # merged over two columns; sub-headers below
    lower = [""] * len(upper)
    lower[4:6] = ["Paterno", "Materno"]
    ps = parse([*rows[:3], upper, lower, *rows[4:]], refs)
    assert ps.header_row == 4 and ps.problems == []
    assert ps.mapping.fields["first_surname"] == "Paterno"
    assert people(ps) == people(sample_staff(book, refs))


def test_full_name_column(book: dict[str, Rows], refs: list[CompetencyRef], org: SampleOrg) -> None:
    rows = rows_of(book, "Plantilla")
    out = []
    for i, row in enumerate(rows):
        if i == 3:
            out.append([*row[:3], "Apellidos y nombre(s)", *row[6:]])
        elif i > 3 and len(row) > 5 and row[1]:
            surnames = f"{row[4]} {row[5]}".strip().upper()
            out.append([*row[:3], f"{surnames}, {row[3].upper()}", *row[6:]])
        else:
            out.append([*row[:3], row[3], *row[6:]])
    ps = parse(out, refs)
    assert ps.errors == []
    assert only(ps.problems, "staff.full_name_split").column == "Apellidos y nombre(s)"
    assert ps.mapping.fields["full_name"] == "Apellidos y nombre(s)"
    expected = staff_from_org(org)
    for s in ps.staff:  # "SURNAMES, GIVEN NAMES" is unambiguous
        e = expected[s.employee_number]
        assert (s.given_names, s.first_surname, s.second_surname) == (
            e.given_names.upper(), e.first_surname.upper(), e.second_surname.upper() if e.second_surname else None)


def test_lone_nombre_column_holds_the_full_name(refs: list[CompetencyRef]) -> None:
    ps = parse([["Núm. Empleado", "Nombre", "Correo"], ["7", "Ana Ruiz Díaz", "ana@sep.gob.mx"]], refs)
    assert (ps.staff[0].given_names, ps.staff[0].first_surname, ps.staff[0].second_surname) == ("Ana", "Ruiz", "Díaz")
    assert ps.mapping.fields["full_name"] == "Nombre" and "given_names" not in ps.mapping.fields


def dates_as(book: dict[str, Rows], convert: Callable[[D], Any]) -> Rows:
    rows = rows_of(book, "Plantilla")
    for row in rows[4:-1]:
        row[10], row[11] = convert(row[10]), convert(row[11])
    return rows


@pytest.mark.parametrize(
    "convert",
    [lambda d: float((d - D(1899, 12, 30)).days), lambda d: f"{d:%d/%m/%Y}", lambda d: f"{d:%d-%m-%Y}",
     lambda d: d.isoformat(), lambda d: dt.datetime(d.year, d.month, d.day, 0, 0)],
    ids=["excel-serial", "dd/mm/yyyy", "dd-mm-yyyy", "iso", "datetime"],
)
def test_dates_in_every_form(convert: Callable[[D], Any], book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    ps = parse(dates_as(book, convert), refs)
    assert ps.problems == [] and people(ps) == people(sample_staff(book, refs))


def test_month_first_date_is_an_error(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = dates_as(book, lambda d: f"{d:%d/%m/%Y}")
    rows[10][11] = "03/15/2012"  # spreadsheet row 11
    person = rows[10][0]
    ps = parse(rows, refs)
    p = only(ps.problems, "value.date_month_first")
    assert (p.file, p.sheet, p.row, p.column, p.severity) == (FILE, "Plantilla", 11, "Fecha de ingreso", "error")
    assert p.text("en") == ("muestra_rh.xlsx, sheet “Plantilla”, row 11, column “Fecha de ingreso”: “03/15/2012” is "
                            "written month first; dates are read day first (dd/mm/yyyy), and there is no month 15")
    assert "fila 11" in p.text("es") and "mes primero" in p.text("es")
    assert ps.error_rows == {11}
    assert person not in {s.employee_number for s in ps.staff} and len(ps.staff) == 499


def test_curp_with_a_wrong_check_digit(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    good = rows[7][1]
    wrong = good[:17] + str((int(good[17]) + 1) % 10)
    rows[7][1] = wrong
    ps = parse(rows, refs)
    p = only(ps.problems, "value.curp_check")
    assert (p.row, p.column, p.params["expected"]) == (8, "CURP", good[17])
    assert ps.error_rows == {8} and len(ps.staff) == 499
    # the person of the bad row is in the file all the same (not “missing” from it)
    assert ps.error_employee_numbers == {rows[7][0]}
    assert rows[7][0] not in {s.employee_number for s in ps.staff}


def test_identifiers_and_email_checked(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    rows[4][1] = "HEGJ760422HVZRRN"  # short CURP: error
    rows[5][2] = "VEM890123M26"  # 12 characters: a company's RFC, accepted
    rows[6][2] = rows[6][2][:10]  # no homoclave: warning, kept
    rows[7][12] = "juan.perez(at)sep.gob.mx"  # not an e-mail: warning, not stored
    rows[8][13] = rows[8][0]  # own manager: warning, not stored
    ps = parse(rows, refs)
    by_row = {s.row: s for s in ps.staff}
    assert ps.error_rows == {5}
    assert by_row[6].rfc == "VEM890123M26" and by_row[7].rfc == rows[6][2]
    assert by_row[8].email is None and by_row[9].manager_employee_number is None
    assert {(p.key, p.row, p.severity) for p in ps.problems} == {
        ("value.curp_shape", 5, "error"), ("value.rfc_short", 7, "warning"), ("value.email", 8, "warning"),
        ("staff.self_manager", 9, "warning")}


def test_employee_numbers_normalised(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Núm. Empleado", "Nombre(s)", "Apellido paterno", "Núm. Empleado jefe inmediato"],
                  [100124.0, "Juan", "Pérez", ""], ["000123", "Ana", "Ruiz", 100124.0],
                  [" 555 ", "Eva", "Gil", "100124.0"], [12.5, "Mal", "Número", ""]]
    ps = parse(rows, refs)
    assert [(s.employee_number, s.manager_employee_number) for s in ps.staff] == [
        ("100124", None), ("000123", "100124"), ("555", "100124")]
    p = only(ps.problems, "value.employee_number")
    assert (p.row, p.column) == (5, "Núm. Empleado")


def test_duplicate_people_are_reported_not_merged(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    twin = list(rows[4])
    twin[3] = "Otro nombre"
    rows.insert(-1, twin)  # before the footer: spreadsheet row 505
    rows.insert(-1, list(rows[4]))  # row 506
    ps = parse(rows, refs)
    dup = [p for p in ps.problems if p.key == "staff.duplicate"]
    assert [(p.row, p.column, p.params["first_row"], p.severity) for p in dup] == [
        (505, "Núm. Empleado", 5, "error"), (506, "Núm. Empleado", 5, "error")]
    first = only(ps.problems, "staff.duplicate_first")
    assert (first.row, first.severity, first.params["rows"]) == (5, "warning", "505, 506")
    assert ps.error_rows == {505, 506}
    assert len(ps.staff) == 500 and ps.staff[0].given_names == "Juan"
    # the same CURP under two employee numbers
    rows = rows_of(book, "Plantilla")
    rows[9][1] = rows[4][1]
    p = only(parse(rows, refs).problems, "staff.duplicate_curp")
    assert (p.row, p.params["first_row"], p.params["other"]) == (10, 5, rows[4][0])


def test_footers_notes_blank_and_repeated_header_rows(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    width = len(rows[3])
    blank = [""] * width
    rows[200:200] = [blank, list(rows[3]), blank]  # a page break: the header again
    rows.insert(-1, ["TOTAL", "", "", "", "", "", "", "", "", "", "", "", "", ""])
    rows.append(["Nota: información con corte al 31/10/2026"] + [""] * (width - 1))
    rows.append(["", "", "", "", "", "", "", "", "", "", "", "", "Fuente: DGRH", ""])
    rows.append(blank)
    ps = parse(rows, refs)
    assert ps.problems == [] and len(ps.staff) == 500
    assert ps.skipped_rows == 8
    # a row with data but no employee number is an error, not skipped
    rows = rows_of(book, "Plantilla")
    rows[6][0] = ""
    p = only(parse(rows, refs).problems, "staff.employee_missing")
    assert (p.row, p.column) == (7, "Núm. Empleado")


def test_unmapped_and_hidden_columns(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    for i, row in enumerate(rows):
        row.append("Observaciones" if i == 3 else ("sin comentarios" if i > 3 else ""))
    ps = parse(rows, refs, hidden=frozenset({1}))  # CURP hidden
    assert ps.ignored_columns == ["Observaciones"]
    assert ps.hidden_columns_ignored == ["CURP"]
    assert all(s.curp is None for s in ps.staff) and "curp" not in ps.mapping.fields
    ignored = only(ps.problems, "staff.ignored_columns")
    assert str(ignored.params["headers"]) == "“Observaciones”"
    assert ignored.message("en") == "columns not imported (not mapped): “Observaciones”"
    assert ignored.message("es") == "columnas que no se importan (sin asignar): «Observaciones»"
    assert ignored.to_json("es")["params"]["headers"] == "«Observaciones»"
    assert only(ps.problems, "staff.hidden_columns").severity == "warning"
    # mapped by hand, a hidden column is read
    ps = parse(rows, refs, hidden=frozenset({1}), mapping=StaffMapping(fields={"curp": "CURP"}))
    assert ps.hidden_columns_ignored == [] and all(s.curp for s in ps.staff)
    # hidden_columns are absolute: with the data starting at column C, CURP is column D (index 3)
    ps = parse(rows, refs, col_offset=2, hidden=frozenset({3}))
    assert ps.hidden_columns_ignored == ["CURP"]


def test_blank_header_cell_is_named_by_its_letter(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Núm. Empleado", "Nombre(s)", "Apellido paterno", ""], ["7", "Ana", "Ruiz", "x"],
                  ["8", "", "Gil", ""]]
    ps = parse(rows, refs, col_offset=1)
    p = only(ps.problems, "staff.name_missing")
    assert (p.row, p.column) == (3, "Nombre(s)")


def test_implausible_dates(refs: list[CompetencyRef]) -> None:
    header = ["Núm. Empleado", "Nombre(s)", "Apellido paterno", "Fecha de nacimiento", "Fecha de ingreso", "CURP"]
    curp = "HEGJ760422HVZRRN00"
    rows: Rows = [
        header,
        ["1", "Ana", "Ruiz", D(1990, 1, 1), D(1989, 1, 1), ""],  # born after hired: error
        ["2", "Eva", "Gil", D(1990, 1, 1), D(2027, 1, 1), ""],  # hired in the future: warning
        ["3", "Leo", "Paz", D(2015, 1, 1), D(2025, 1, 1), ""],  # 11 years old: error
        ["4", "Noé", "Luna", D(1920, 1, 1), D(1950, 1, 1), ""],  # 106 years old: error
        ["5", "Ema", "Sol", D(1980, 1, 1), D(1993, 6, 1), ""],  # hired at 13: warning
        ["6", "Juan", "Hernández", D(1976, 4, 23), D(2010, 6, 13), curp],  # CURP says 22 April: warning
        ["7", "Luz", "Mar", D(1980, 5, 5), D(2005, 5, 5), ""],  # fine
    ]
    ps = parse(rows, refs, today=D(2026, 10, 31))
    assert sorted((p.row, p.key, p.severity, p.column) for p in ps.problems) == [
        (2, "staff.birth_after_hire", "error", "Fecha de nacimiento"),
        (3, "staff.hire_future", "warning", "Fecha de ingreso"),
        (4, "staff.age", "error", "Fecha de nacimiento"),
        (5, "staff.age", "error", "Fecha de nacimiento"),
        (6, "staff.hired_young", "warning", "Fecha de ingreso"),
        (7, "staff.curp_birth", "warning", "CURP"),
    ]
    assert [s.employee_number for s in ps.staff] == ["2", "5", "6", "7"]
    assert only(ps.problems, "staff.curp_birth").params == {"curp_date": "1976-04-22", "birth": "1976-04-23"}


# -- wide levels -------------------------------------------------------------------------------------------
WIDE_HEADER = ["Núm. Empleado", "Nombre completo", "Liderazgo", " TRABAJO EN EQUIPO ", "Vision estrategica",
               "MGR-NEGOTIATION", "Liderasgo del cambio", "Comentario"]


def ref(refs: list[CompetencyRef], code: str) -> CompetencyRef:
    return next(r for r in refs if r.code == code)


def levels_of(ps: ParsedStaff, refs: list[CompetencyRef]) -> dict[tuple[str, str], int]:
    code = {r.id: r.code for r in refs}
    lv = ps.levels
    return {(lv.employee_number[p], code[c]): int(v)
            for p, c, v in zip(lv.person.tolist(), lv.competency_id.tolist(), lv.level.tolist(), strict=True)}


def test_level_words_and_tolerant_competency_headers(refs: list[CompetencyRef]) -> None:
    rows: Rows = [
        WIDE_HEADER,
        ["1", "Ana Ruiz Díaz", "Básico", "AVANZADO", "practitioner", 3.0, "Nivel 4", "ok"],
        ["2", "Eva Gil Paz", "2", "n/a", "", "Experto (4)", "3 - Avanzado", ""],
        ["3", "Leo Paz Sol", "basico", " intermedio ", "EXPERT", "awareness", "Sin conocimiento", ""],
    ]
    ps = parse(rows, refs, name="Competencias")
    assert ps.errors == []
    fuzzy = only(ps.problems, "staff.comp_fuzzy")
    assert (fuzzy.column, fuzzy.params["code"], fuzzy.severity) == ("Liderasgo del cambio", "CHANGE-LEADERSHIP",
                                                                     "warning")
    assert ps.mapping.level_columns == {
        "Liderazgo": "MGR-LEADERSHIP", "TRABAJO EN EQUIPO": "MGR-TEAMWORK",
        "Vision estrategica": "MGR-STRATEGIC-VISION", "MGR-NEGOTIATION": "MGR-NEGOTIATION",
        "Liderasgo del cambio": "CHANGE-LEADERSHIP"}
    assert ps.ignored_columns == ["Comentario"]
    assert levels_of(ps, refs) == {
        ("1", "MGR-LEADERSHIP"): 1, ("1", "MGR-TEAMWORK"): 3, ("1", "MGR-STRATEGIC-VISION"): 3,
        ("1", "MGR-NEGOTIATION"): 3, ("1", "CHANGE-LEADERSHIP"): 4,
        ("2", "MGR-LEADERSHIP"): 2, ("2", "MGR-NEGOTIATION"): 4, ("2", "CHANGE-LEADERSHIP"): 3,
        ("3", "MGR-LEADERSHIP"): 1, ("3", "MGR-TEAMWORK"): 2, ("3", "MGR-STRATEGIC-VISION"): 4,
        ("3", "MGR-NEGOTIATION"): 1, ("3", "CHANGE-LEADERSHIP"): 0,
    }  # "n/a" and blank: no assessment (unknown, not zero)


def test_levels_outside_the_scale_are_located_errors(refs: list[CompetencyRef]) -> None:
    rows: Rows = [
        WIDE_HEADER[:4],
        ["1", "Ana Ruiz Díaz", 5, 2],
        ["2", "Eva Gil Paz", -1, 2],
        ["3", "Leo Paz Sol", 2.5, 2],
        ["4", "Noé Luna Mar", "regular", 2],
        ["5", "Luz Mar Sol", 4, 0],
    ]
    ps = parse(rows, refs, name="Competencias")
    assert [(p.row, p.key, p.column) for p in ps.errors] == [
        (2, "staff.level_range", "Liderazgo"), (3, "staff.level_range", "Liderazgo"),
        (4, "staff.level_fraction", "Liderazgo"), (5, "staff.level_word", "Liderazgo")]
    assert ps.errors[0].params == {"level": "5", "low": 0, "high": 4, "competency": "Liderazgo"}
    assert "fuera de la escala 0–4" in ps.errors[0].message("es")
    assert [s.employee_number for s in ps.staff] == ["5"]  # bad rows: neither the person nor their levels
    assert levels_of(ps, refs) == {("5", "MGR-LEADERSHIP"): 4, ("5", "MGR-TEAMWORK"): 0}
    # a word added to the level table
    ps = parse(rows, refs, name="Competencias", mapping=StaffMapping(level_words={"Regular": 2}))
    assert 5 not in ps.error_rows and ("4", "MGR-LEADERSHIP") in levels_of(ps, refs)


def test_competency_scale_comes_from_the_competency(refs: list[CompetencyRef]) -> None:
    small = [r if r.code != "MGR-LEADERSHIP" else CompetencyRef(r.id, r.framework_code, r.code, r.name_en, r.name_es,
                                                                1, 3) for r in refs]
    ps = parse([["Núm. Empleado", "Liderazgo"], ["1", 0], ["2", 3]], small, name="Competencias")
    assert [(p.row, p.params["low"], p.params["high"]) for p in ps.errors] == [(2, 1, 3)]
    assert ps.staff == [] and levels_of(ps, small) == {("2", "MGR-LEADERSHIP"): 3}  # no name column: levels only


def test_wide_sheet_with_date_and_source_columns(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Núm. Empleado", "Fecha de evaluación", "Fuente", "Liderazgo", "Negociación"],
                  ["1", "15/03/2024", "Autoevaluación", 2, 3], ["2", "", "", 1, ""],
                  ["3", "2024-03-15", "Vecino", 1, 1]]
    ps = parse(rows, refs, name="Competencias", mapping=StaffMapping(assessed_on=D(2024, 1, 31),
                                                                        default_source="test"))
    assert [(p.row, p.key) for p in ps.errors] == [(4, "staff.source_unknown")]
    lv = ps.levels
    assert lv.assessed_on.tolist() == [D(2024, 3, 15), D(2024, 3, 15), D(2024, 1, 31)]
    assert [SOURCES[s] for s in lv.source.tolist()] == ["self", "self", "test"]


def test_ambiguous_and_unknown_competency_headers(refs: list[CompetencyRef]) -> None:
    twin = CompetencyRef(999, "other", "MGR-LEADERSHIP", "Leadership", "Liderazgo")
    ps = parse([["Núm. Empleado", "Liderazgo", "Columna X"], ["1", 2, 3]], [*refs, twin], name="Competencias")
    p = only(ps.problems, "staff.comp_ambiguous")
    assert p.column == "Liderazgo" and "mx-mgr:MGR-LEADERSHIP" in p.params["codes"]
    assert ps.ignored_columns == ["Liderazgo", "Columna X"] and len(ps.levels) == 0
    ps = parse([["Núm. Empleado", "Liderazgo", "Columna X"], ["1", 2, 3]], [*refs, twin], name="Competencias",
               mapping=StaffMapping(level_columns={"Liderazgo": "other:MGR-LEADERSHIP", "Columna X": "DS-PRIVACY"}))
    assert levels_of(ps, [*refs, twin]) == {("1", "MGR-LEADERSHIP"): 2, ("1", "DS-PRIVACY"): 3}
    assert ps.levels.competency_id.tolist() == [999, ref(refs, "DS-PRIVACY").id]


LEVEL_CELLS = st.one_of(st.none(), st.integers(-3, 7), st.floats(-3, 7, allow_nan=False),
                        st.sampled_from(["", " ", "3", "2.5", "Básico", "AVANZADO", "practitioner", "n/a", "-", "x",
                                         "Nivel 2", "4 - Experto", float("nan"), float("inf"), True, D(2020, 1, 1)]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LEVEL_CELLS, min_size=3, max_size=3), min_size=1, max_size=8))
def test_level_codes_agree_with_level_code(rows: Rows) -> None:
    words = word_table({"x": 2})
    block = np.empty((len(rows), 3), dtype=object)
    block[...] = rows
    codes = level_codes(block, words)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            assert codes[i, j] == level_code(cell, words), cell


# -- mappings ----------------------------------------------------------------------------------------------
def test_manual_mapping_overrides_detection(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Clave", "Nombre de la persona", "Primer ap.", "Correo", "Liderazgo", "Col X"],
                  ["7", "Ana", "Ruiz", "ana@sep.gob.mx", 2, 3]]
    assert parse(rows, refs).errors[0].key == "staff.missing_columns"
    mapping = StaffMapping(
        fields={"employee_number": "clave", "given_names": "NOMBRE DE LA PERSONA", "first_surname": "Primer ap.",
                "email": ""},
        level_columns={"Liderazgo": "", "Col X": "MGR-LEADERSHIP"},
    )
    ps = parse(rows, refs, mapping=mapping)
    assert ps.problems[0].key == "staff.ignored_columns" and ps.errors == []
    s = ps.staff[0]
    assert (s.employee_number, s.given_names, s.first_surname, s.email) == ("7", "Ana", "Ruiz", None)
    assert ps.ignored_columns == ["Correo", "Liderazgo"]  # switched off: not stored
    assert levels_of(ps, refs) == {("7", "MGR-LEADERSHIP"): 3}
    assert ps.mapping.fields["email"] == "" and ps.mapping.level_columns == {"Col X": "MGR-LEADERSHIP", "Liderazgo": ""}


def test_mapped_header_missing(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Núm. Empleado", "Nombre completo"], ["7", "Ana Ruiz"]]
    ps = parse(rows, refs, mapping=StaffMapping(fields={"rfc": "R.F.C."}))
    p = only(ps.problems, "staff.mapped_header_missing")
    assert (p.severity, p.row, p.params["header"]) == ("warning", 1, "R.F.C.")
    assert len(ps.staff) == 1
    ps = parse(rows, refs, mapping=StaffMapping(fields={"employee_number": "Número"}))
    assert ps.errors and ps.staff == []
    ps = parse(rows, refs, mapping=StaffMapping(fields={"salary": "Sueldo"}))
    assert only(ps.problems, "staff.unknown_field").severity == "error" and ps.staff == []


def test_mapping_json_round_trip(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    sheet = raw(rows_of(book, "Competencias"), "Competencias")
    mapping = detect_mapping(sheet, refs, StaffMapping(level_words={"regular": 2}, assessed_on=D(2024, 5, 1)))
    text = json.dumps(mapping.to_json(), ensure_ascii=False)
    again = StaffMapping.from_json(json.loads(text))
    assert again == mapping and again.assessed_on == D(2024, 5, 1) and again.level_words == {"regular": 2}
    first = parse_staff(sheet, file=FILE, competencies=refs, mapping=mapping)
    second = parse_staff(sheet, file=FILE, competencies=refs, mapping=again)
    assert first.mapping == mapping == second.mapping
    assert people(first) == people(second)
    assert np.array_equal(first.levels.level, second.levels.level)
    assert set(first.levels.assessed_on.tolist()) == {D(2024, 5, 1)}
    # saved with the mapping, a fuzzy match is no longer a warning
    rows: Rows = [["Núm. Empleado", "Liderazgoo"], ["1", 2]]
    detected = parse(rows, refs)
    assert keys(detected.problems) == ["staff.comp_fuzzy"]
    assert parse(rows, refs, mapping=detected.mapping).problems == []


def test_saved_mapping_on_a_file_whose_header_moved(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    saved = sample_staff(book, refs).mapping  # header in row 4
    rows = rows_of(book, "Plantilla")[3:]  # no title block: header in row 1
    ps = parse(rows, refs, mapping=saved)
    moved = only(ps.problems, "staff.header_row_moved")
    assert moved.params == {"given": 4, "found": 1} and moved.severity == "warning"
    assert len(ps.staff) == 500 and ps.header_row == 1
    ps = parse(rows[:3], refs, mapping=StaffMapping(header_row=40))
    assert keys(ps.errors) == ["staff.header_row_missing"] and "row 40" in ps.errors[0].message("en")
    pc = parse_completions(raw(rows[:3]), FILE, StaffMapping(header_row=40))
    assert keys(pc.errors) == ["staff.header_row_missing"] and "fila 40" in pc.errors[0].message("es")


def test_sheet_that_is_not_a_staff_list(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    ps = parse(rows_of(book, "Cursos"), refs, name="Cursos")
    assert keys(ps.errors) == ["staff.missing_columns"] * 2
    assert ps.errors[1].message("en").startswith("no column for names (given names and surname, or full name);")
    assert ps.errors[0].message("es").startswith("no hay columna para número de empleado;")
    # header lists are quoted as each language quotes: «…» in Spanish, “…” in English
    assert "los encabezados son: «Clave», «Curso», «Área»" in ps.errors[0].message("es")
    assert "the headers are: “Clave”, “Curso”, “Área”" in ps.errors[0].message("en")
    assert not {"“", "”"} & set(ps.errors[0].message("es"))
    assert ps.staff == [] and len(ps.levels) == 0
    ps = parse([], refs)
    assert keys(ps.errors) == ["staff.no_header"] and ps.errors[0].row is None
    ps = parse([["Título"], ["Núm. Empleado", "Nombre completo"], ["Total: 0"]], refs)
    assert keys(ps.problems) == ["staff.no_rows"] and ps.skipped_rows == 1


# -- long layout -------------------------------------------------------------------------------------------
# A long-layout sheet (title block, every kind of level, source and date cell, problems); tests add rows.
LONG_ROWS: Rows = [
    ["Reporte de evaluaciones"],
    [],
    ["No. de empleado", "Nombre", "Competencia", "Nivel", "Fuente", "Fecha", "Evaluador", "Observaciones"],
    ["1", "Ana", "MGR-LEADERSHIP", "Avanzado", "Autoevaluación", "15/03/2024", "", "cuestionario"],
    ["1", "Ana", "Liderazgo", 4, "Evaluación del jefe", D(2024, 4, 1), 100124.0, ""],
    ["2", "Eva", "leadership", "WORKING", "Certification", "", "", ""],
    ["2", "Eva", "Negociacion", "practitioner", "", "2024-05-02", "", ""],
    ["3", "Leo", "Liderazgoo", "1", "Prueba", "02/05/2024", "", ""],
    ["3", "Leo", "Cocina", "1", "Curso", "02/05/2024", "", ""],
    ["3", "Leo", "MGR-LEADERSHIP", "9", "Curso", "02/05/2024", "", ""],
    ["3", "Leo", "MGR-TEAMWORK", "2", "Vecino", "02/05/2024", "", ""],
    ["4", "Noé", "MGR-TEAMWORK", "2", "Curso", "05/13/2024", "", ""],
]


def test_long_layout_words_sources_and_dates(refs: list[CompetencyRef]) -> None:
    rows: Rows = [
        *LONG_ROWS,
        ["4", "Noé", "", "", "", "", "", "sin evaluación"],
        ["Total: 10 evaluaciones"],
    ]
    ps = parse(rows, refs, name="Evaluaciones", today=D(2026, 10, 31),
               mapping=StaffMapping(assessed_on=D(2024, 6, 30), default_source="manager"))
    assert ps.header_row == 3 and ps.staff == []
    assert sorted((p.row, p.key, p.column) for p in ps.errors) == [
        (9, "staff.competency_unknown", "Competencia"), (10, "staff.level_range", "Nivel"),
        (11, "staff.source_unknown", "Fuente"), (12, "value.date_month_first", "Fecha")]
    fuzzy = only(ps.problems, "staff.competency_fuzzy")
    assert (fuzzy.row, fuzzy.params["code"], fuzzy.params["rows"]) == (8, "MGR-LEADERSHIP", "8")
    note = only(ps.problems, "staff.long_ignores")
    assert str(note.params["headers"]) == "“Nombre”" and note.message("es").endswith(": «Nombre»")
    assert ps.ignored_columns == ["Nombre"]
    assert ps.mapping.level_fields == {"competency": "Competencia", "level": "Nivel", "source": "Fuente",
                                       "assessed_on": "Fecha", "assessor": "Evaluador", "evidence": "Observaciones"}
    lv = ps.levels
    code = {r.id: r.code for r in refs}
    assert [(lv.employee_number[p], code[c], int(v), SOURCES[s], d) for p, c, v, s, d in zip(
        lv.person.tolist(), lv.competency_id.tolist(), lv.level.tolist(), lv.source.tolist(),
        lv.assessed_on.tolist(), strict=True)] == [
        ("1", "MGR-LEADERSHIP", 3, "self", D(2024, 3, 15)),
        ("1", "MGR-LEADERSHIP", 4, "manager", D(2024, 4, 1)),
        ("2", "MGR-LEADERSHIP", 2, "certification", D(2024, 6, 30)),
        ("2", "MGR-NEGOTIATION", 3, "manager", D(2024, 5, 2)),
        ("3", "MGR-LEADERSHIP", 1, "test", D(2024, 5, 2)),
    ]
    assert lv.row.tolist() == [4, 5, 6, 7, 8]
    assert lv.assessor == [None, "100124", None, None, None]
    assert lv.evidence == ["cuestionario", None, None, None, None]
    assert ps.skipped_rows == 2  # the row with neither competency nor level, and the footer


def test_long_layout_repeated_assessments_are_kept_with_a_warning(refs: list[CompetencyRef]) -> None:
    rows: Rows = [["Núm. Empleado", "Competencia", "Nivel", "Fuente", "Fecha"],
                  ["1", "MGR-LEADERSHIP", 3, "Examen", "26/10/2026"],
                  ["1", "MGR-LEADERSHIP", 3, "Examen", "26/10/2026"],
                  ["1", "MGR-LEADERSHIP", 2, "Examen", "26/10/2026"],
                  ["1", "MGR-LEADERSHIP", 2, "Jefe inmediato", "26/10/2026"]]
    ps = parse(rows, refs, name="Evaluaciones")
    assert ps.errors == [] and len(ps.levels) == 4
    assert [(p.row, p.key, p.params["first_row"]) for p in ps.problems] == [
        (3, "staff.repeated_level", 2), (4, "staff.conflicting_level", 2)]


def test_long_layout_with_the_wrong_competency_column_is_ambiguous(refs: list[CompetencyRef]) -> None:
    twin = CompetencyRef(999, "other", "X-LEAD", "Leadership", "Liderazgo")
    ps = parse([["Núm. Empleado", "Competencia", "Nivel"], ["1", "Liderazgo", 2], ["1", "X-LEAD", 2]],
               [*refs, twin], name="Evaluaciones")
    p = only(ps.problems, "staff.competency_ambiguous")
    assert p.row == 2 and "X-LEAD" in p.params["codes"]
    assert ps.levels.competency_id.tolist() == [999]


# -- messages ----------------------------------------------------------------------------------------------
def test_every_problem_reads_in_english_and_spanish(book: dict[str, Rows], refs: list[CompetencyRef]) -> None:
    rows = rows_of(book, "Plantilla")
    rows[4][1] = "HEGJ760422HVZRRN09"
    rows[5][10] = "03/15/1980"
    rows[6][12] = "no es correo"
    rows.insert(-1, list(rows[7]))
    problems = parse(rows, refs).problems
    problems += parse([["Núm. Empleado", "Liderazgo", "Liderasgo del cambio", "Otra"], ["1", "mucho", 7, ""]],
                      refs).problems
    problems += parse([["x"]], refs).problems
    problems += parse([["Núm. Empleado", "Competencia", "Nivel", "Fuente", "Fecha"], ["1", "Cocina", "x", "y", "z"],
                       ["1", "Liderazgoo", 2, "Curso", "01/01/2030"]], refs).problems
    problems += parse_completions(raw([["Núm. Empleado", "Curso", "Fecha", "Resultado", "Calificación"],
                                       ["1", "", "", "talvez", 120]], "Plantilla"), FILE).problems
    assert len({p.key for p in problems}) >= 20
    for p in problems:
        for lang in ("en", "es"):
            text = p.text(lang)
            assert "{" not in text and p.key not in text, text
        assert p.file == FILE and p.sheet == "Plantilla"
        assert json.loads(json.dumps(p.to_json("es")))["code"] == p.key


# -- completions -------------------------------------------------------------------------------------------
def completions(rows: Rows, mapping: StaffMapping | None = None, today: D = TODAY) -> ParsedCompletions:
    return parse_completions(raw(rows, "Constancias"), FILE, mapping, today=today)


def test_sample_completions(book: dict[str, Rows], org: SampleOrg) -> None:
    pc = completions(rows_of(book, "Constancias"))
    assert pc.problems == [] and pc.header_row == 1 and pc.score_scale == 100
    assert pc.mapping.fields == {"employee_number": "Núm. Empleado", "course": "Clave del curso",
                                 "completed_on": "Fecha de conclusión", "result": "Resultado",
                                 "score": "Calificación"}
    c = org.completions
    assert len(pc) == len(c)
    emp = [s.employee_number for s in org.staff]
    assert pc.employee_number == [emp[i] for i in c.staff_idx.tolist()]
    assert pc.course == [org.courses[i].code for i in c.course_idx.tolist()]
    assert np.array_equal(pc.completed_on, c.completed_on)
    assert [RESULTS[r] for r in pc.result.tolist()] == ["passed" if p else "failed" for p in c.passed.tolist()]
    assert np.allclose(pc.score, np.round(c.score.astype(np.float64), 1))
    assert pc.row.tolist() == list(range(2, len(c) + 2))


def test_completions_from_a_learning_platform(refs: list[CompetencyRef]) -> None:
    rows: Rows = [
        ["Campus virtual — reporte de finalización"],
        [""],
        ["ID number", "Course name", "Completion date", "Status", "Final grade", "Email"],
        [100124.0, "Ética pública", "15/03/2024", "Passed", "9,5", "a@b.mx"],
        ["2", "Ética pública", "16/03/2024", "No aprobado", 5, ""],
        ["3", "Ética pública", "", "En curso", "", ""],
        ["4", "Ética pública", "", "Completed", 8, ""],
        ["5", "Ética pública", "17/03/2024", "Quizá", 8, ""],
        ["6", "Ética pública", "01/12/2026", "Acreditado", 10, ""],
        ["7", "", "17/03/2024", "Acreditado", 10, ""],
        ["2", "Ética pública", "16/03/2024", "Reprobado", 4, ""],
        ["8", "Ética pública", "03/17/2024", "Failed", "abc", ""],
        ["Total: 9"],
    ]
    pc = completions(rows)
    assert pc.header_row == 3 and pc.score_scale == 10 and pc.skipped_rows == 1
    assert pc.ignored_columns == ["Email"]
    assert sorted((p.row, p.key, p.severity) for p in pc.problems if p.row != 3) == [
        (7, "completion.date_missing", "error"),
        (8, "completion.result_unknown", "error"),
        (9, "completion.future", "warning"),
        (10, "completion.course_missing", "error"),
        (11, "completion.duplicate", "error"),
        (12, "value.date_month_first", "error"),
        (12, "value.number", "error"),
    ]
    assert {p.key for p in pc.problems if p.row == 3} == {"staff.ignored_columns", "completion.scale_10"}
    assert pc.employee_number == ["100124", "2", "3", "6"]
    assert [RESULTS[r] for r in pc.result.tolist()] == ["passed", "failed", "in_progress", "passed"]
    assert pc.completed_on.tolist() == [D(2024, 3, 15), D(2024, 3, 16), D(2026, 10, 31), D(2026, 12, 1)]
    assert pc.score[:2].tolist() == [95.0, 50.0] and np.isnan(pc.score[2]) and pc.score[3] == 100.0
    assert pc.error_rows == {7, 8, 10, 11, 12}


def test_completions_without_result_column_and_hand_mapping() -> None:
    rows: Rows = [["Empleado", "Actividad", "Terminado el", "Puntos"], ["7", "GB-01", D(2024, 1, 5), 88],
                  ["8", "GB-01", D(2024, 1, 6), 101]]
    assert keys(completions(rows).errors) == ["completion.no_header"]
    mapping = StaffMapping(fields={"employee_number": "Empleado", "course": "Actividad", "completed_on": "Terminado el",
                                   "score": "Puntos"})
    pc = completions(rows, mapping)
    assert only(pc.problems, "completion.no_result").severity == "warning"
    p = only(pc.problems, "completion.score_range")
    assert (p.row, p.column, p.params) == (3, "Puntos", {"value": "101", "high": 100})
    assert pc.employee_number == ["7"] and pc.result.tolist() == [0] and pc.score.tolist() == [88.0]
    assert pc.mapping.fields == mapping.fields


# -- speed (printed, not asserted): python tests/test_staff_parsing.py [/tmp/full/full.xlsx] -----------------
def _speed(path: str) -> None:  # pragma: no cover - a manual benchmark
    import time

    refs = competency_refs()
    wb = CalamineWorkbook.from_path(path)
    for name in ("Plantilla", "Competencias", "Constancias"):
        t = time.perf_counter()
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        read = time.perf_counter() - t
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            if name == "Constancias":
                out: Any = parse_completions(raw(rows, name), path)
                count = f"{len(out):,} completions"
            else:
                out = parse_staff(raw(rows, name), file=path, competencies=refs)
                count = f"{len(out.staff):,} people, {len(out.levels):,} levels"
            best = min(best, time.perf_counter() - t)
        print(f"{name:13s} read {read:.2f} s, parse {best:.3f} s (best of 3): {count}, {len(out.problems)} problems")
    history = Path(path).with_name(Path(path).stem + "_evaluaciones.csv")
    if history.exists():
        t = time.perf_counter()
        with history.open(encoding="cp1252", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        read = time.perf_counter() - t
        t = time.perf_counter()
        out = parse_staff(raw(rows, history.name), file=str(history), competencies=refs)
        print(f"{history.name}: read (csv module) {read:.2f} s, parse {time.perf_counter() - t:.2f} s: "
              f"{len(out.levels):,} levels, {len(out.problems)} problems")


if __name__ == "__main__":  # pragma: no cover
    import sys

    _speed(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full/full.xlsx")
