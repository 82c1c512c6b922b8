"""The sandboxed spreadsheet reader (skillmap.importing.reader): values, positions, formats, CSV dialects.

Every file is written inside the test under ``tmp_path``: workbooks with openpyxl and XlsxWriter, ODS and
legacy ``.xls`` files built byte by byte by :mod:`hostile_corpus` (no LibreOffice or xlwt needed), CSV as
Excel writes it in Spanish and in English. The committed sample workbook is compared cell by cell with
openpyxl's reading of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hostile_corpus import MAIN_NS, ods_bytes, sheet_xml, small_xlsx, xls_bytes, xlsx_bytes
from openpyxl import Workbook

from skillmap.importing.model import RawSheet, WorkbookData
from skillmap.importing.reader import likely_sheet, list_sheets, read_workbook, table_rows
from skillmap.importing.safety import inspect_file
from skillmap.problems import InputError

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "muestra_rh.xlsx"


def cell(sheet: RawSheet, ref: str) -> Any:
    """The value at spreadsheet reference ``ref`` (``"B3"``), or None if that row or column was not kept."""
    letters = ref.rstrip("0123456789")
    row = int(ref[len(letters):])
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    if row not in sheet.row_numbers:
        return None
    values = sheet.rows[sheet.row_numbers.index(row)]
    j = col - 1 - sheet.col_offset
    return values[j] if 0 <= j < len(values) else None


def problem_text(exc: pytest.ExceptionInfo[InputError], lang: str = "en") -> str:
    assert len(exc.value.problems) == 1
    return exc.value.problems[0].message(lang)


# -- xlsx ---------------------------------------------------------------------------------------------------
def title_block_workbook(path: Path) -> Path:
    """A title merged across A1:E1, a subtitle, a blank row, the header at B4 and data from B5; column D
    hidden; a second sheet whose data start at C5."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plantilla"
    ws["A1"] = "Secretaría de Ejemplo — Plantilla de personal"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Fecha de corte: 31/10/2026"
    for col, header in zip("BCDE", ["Núm. Empleado", "Nombre", "Ingreso", "Nivel"], strict=True):
        ws[f"{col}4"] = header
    rows = [
        ["1001", "Ana Núñez", dt.date(2019, 3, 1), 3],
        ["1002", "Luis Pérez", dt.datetime(2020, 7, 15, 8, 30), 2.5],
        ["1003", "María Dirección", 45000, True],  # a serial number typed into a cell without a date format
    ]
    for i, values in enumerate(rows, start=5):
        for col, value in zip("BCDE", values, strict=True):
            ws[f"{col}{i}"] = value
    ws["B9"] = "Nota: datos de prueba"
    ws.column_dimensions["D"].hidden = True
    other = wb.create_sheet("Otra")
    other["C5"], other["D5"], other["C6"], other["D6"] = "Clave", "Valor", "x", 1.25
    wb.save(path)
    return path


def test_openpyxl_title_block_rows_columns_and_values(tmp_path: Path) -> None:
    path = title_block_workbook(tmp_path / "plantilla.xlsx")
    data = read_workbook(path)
    assert isinstance(data, WorkbookData)
    assert (data.kind, data.sheet_names) == ("xlsx", ["Plantilla", "Otra"])
    assert data.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    sheet = data.sheets["Plantilla"]
    assert sheet.row_numbers == [1, 2, 4, 5, 6, 7, 9]  # blank rows 3 and 8 left out
    assert sheet.col_offset == 0  # the title is in column A
    assert sheet.rows[0] == ["Secretaría de Ejemplo — Plantilla de personal", None, None, None, None]
    assert sheet.rows[2] == [None, "Núm. Empleado", "Nombre", "Ingreso", "Nivel"]
    assert sheet.rows[3] == [None, "1001", "Ana Núñez", dt.date(2019, 3, 1), 3]
    assert sheet.rows[4] == [None, "1002", "Luis Pérez", dt.datetime(2020, 7, 15, 8, 30), 2.5]
    assert sheet.rows[5] == [None, "1003", "María Dirección", 45000, True]
    assert type(sheet.rows[3][4]) is int and type(sheet.rows[4][4]) is float and type(sheet.rows[5][3]) is int
    assert cell(sheet, "C6") == "Luis Pérez" and sheet.column_letter(2) == "C"
    assert sheet.hidden_columns == frozenset({3})  # D
    other = data.sheets["Otra"]
    assert (other.row_numbers, other.col_offset, other.rows) == ([5, 6], 2, [["Clave", "Valor"], ["x", 1.25]])
    assert other.column_letter(0) == "C" and other.hidden_columns == frozenset()


def test_only_the_requested_sheets_are_read_and_names_match_loosely(tmp_path: Path) -> None:
    path = title_block_workbook(tmp_path / "plantilla.xlsx")
    data = read_workbook(path, [" otra "])
    assert list(data.sheets) == ["Otra"] and data.sheet_names == ["Plantilla", "Otra"]
    with pytest.raises(InputError) as exc:
        read_workbook(path, ["Personal"])
    assert problem_text(exc) == "file rejected: there is no sheet named “Personal” (sheets: Plantilla, Otra)"
    assert problem_text(exc, "es") == "archivo rechazado: no hay una hoja llamada «Personal» (hojas: Plantilla, Otra)"


@pytest.mark.parametrize("inline", [False, True], ids=["shared-strings", "inline-strings"])
def test_xlsxwriter_strings_dates_and_hidden_columns(tmp_path: Path, inline: bool) -> None:
    path = tmp_path / "xw.xlsx"
    wb = xlsxwriter.Workbook(path, {"constant_memory": inline})  # constant_memory writes inline strings
    ws = wb.add_worksheet("Datos")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    stamp_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write_row("B3", ["CURP", "Nombre", "Fecha", "Registro", "Nivel"])
    ws.write_row("B4", ["LEVA710604MDFNLN04", "Núñez Dirección, Ana", None, None, 4])
    ws.write_datetime("D4", dt.datetime(2024, 1, 2), date_fmt)
    ws.write_datetime("E4", dt.datetime(2024, 1, 2, 13, 45), stamp_fmt)
    ws.write_row("B5", ["ROPL800101HDFXRS09", "Línea 1\nLínea 2", 45292, "=1+1", 0.5])
    ws.set_column("C:C", None, None, {"hidden": True})
    wb.close()
    sheet = read_workbook(path).sheets["Datos"]
    assert (sheet.row_numbers, sheet.col_offset) == ([3, 4, 5], 1)
    assert sheet.rows[0] == ["CURP", "Nombre", "Fecha", "Registro", "Nivel"]
    assert sheet.rows[1] == ["LEVA710604MDFNLN04", "Núñez Dirección, Ana", dt.date(2024, 1, 2),
                             dt.datetime(2024, 1, 2, 13, 45), 4]
    # A formula written by XlsxWriter has a cached result of 0: values are read, never formulas.
    assert sheet.rows[2] == ["ROPL800101HDFXRS09", "Línea 1\nLínea 2", 45292, 0, 0.5]
    assert sheet.hidden_columns == frozenset({2})


def test_hand_built_workbook_shared_strings_and_hidden_column_range(tmp_path: Path) -> None:
    path = tmp_path / "min.xlsx"
    path.write_bytes(small_xlsx())
    data = read_workbook(path)
    assert data.sheets["Personal"].rows == [["Núm. Empleado", "Nombre", "Nivel", None],
                                            ["1001", "Ana Núñez", 3, None],
                                            ["1002", "Luis Pérez", 2.5, True]]
    assert data.sheets["Personal"].hidden_columns == frozenset({3})
    cols = '<cols><col min="2" max="16384" hidden="1"/></cols>'  # what Excel writes to hide the unused right
    path.write_bytes(xlsx_bytes([("H", sheet_xml([("A1", "a"), ("C1", "c")], dimension="A1:C1", cols=cols))]))
    assert read_workbook(path).sheets["H"].hidden_columns == frozenset({1, 2})  # only within the data


def test_macro_enabled_workbook_is_xlsm(tmp_path: Path) -> None:
    path = tmp_path / "con_macros.xlsm"
    path.write_bytes(xlsx_bytes([("Hoja1", sheet_xml([("A1", "x"), ("B1", 2)], dimension="A1:B1"))], macro=True))
    data = read_workbook(path)
    assert data.kind == "xlsm" and data.sheets["Hoja1"].rows == [["x", 2]]


def test_kind_is_read_from_the_content_not_the_name(tmp_path: Path) -> None:
    workbook = title_block_workbook(tmp_path / "a.xlsx")
    renamed = tmp_path / "exportado.xls"
    renamed.write_bytes(workbook.read_bytes())
    assert read_workbook(renamed).kind == "xlsx"
    text = tmp_path / "datos.xlsx"
    text.write_bytes(b"Nombre;Nivel\r\nAna;3\r\n")
    data = read_workbook(text)
    assert (data.kind, data.sheets["datos"].rows) == ("csv", [["Nombre", "Nivel"], ["Ana", "3"]])


def same(ours: Any, theirs: Any) -> bool:
    """calamine gives dates where openpyxl gives midnight datetimes, and ints where openpyxl may give
    whole floats."""
    if isinstance(theirs, dt.datetime) and not isinstance(ours, dt.datetime) and isinstance(ours, dt.date):
        return theirs == dt.datetime.combine(ours, dt.time())
    if isinstance(theirs, float) and isinstance(ours, int) and not isinstance(ours, bool):
        return theirs == ours
    return bool(ours == theirs)


def test_committed_sample_matches_openpyxl_cell_by_cell() -> None:
    data = read_workbook(SAMPLE)
    wb = openpyxl.load_workbook(SAMPLE, read_only=True, data_only=True)
    try:
        assert data.sheet_names == wb.sheetnames
        for ws in wb.worksheets:
            ws.reset_dimensions()
            sheet = data.sheets[ws.title]
            expected = {}
            for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
                for c, value in enumerate(values, start=1):
                    if value not in (None, ""):
                        expected[(r, c)] = value
            got = {}
            for number, values in zip(sheet.row_numbers, sheet.rows, strict=True):
                for j, value in enumerate(values):
                    if value is not None:
                        got[(number, sheet.col_offset + j + 1)] = value
            assert got.keys() == expected.keys(), ws.title
            bad = [(k, got[k], expected[k]) for k in got if not same(got[k], expected[k])]
            assert not bad[:5], ws.title
    finally:
        wb.close()


# -- ods and xls ----------------------------------------------------------------------------------------
def test_ods(tmp_path: Path) -> None:
    path = tmp_path / "personal.ods"
    path.write_bytes(ods_bytes([
        ("Datos generales", [["Nombre", "Nivel", "Activo"], ["Núñez", 3, True], [None, 2.5, "sí"]]),
        ("Vacía", [[None]]),
    ]))
    assert inspect_file(path).kind == "ods"
    assert list_sheets(path) == ["Datos generales", "Vacía"]
    data = read_workbook(path)
    sheet = data.sheets["Datos generales"]
    assert data.kind == "ods"
    assert sheet.rows == [["Nombre", "Nivel", "Activo"], ["Núñez", 3, True], [None, 2.5, "sí"]]
    assert (sheet.row_numbers, sheet.col_offset) == ([1, 2, 3], 0)
    assert data.sheets["Vacía"].rows == []


def test_legacy_xls(tmp_path: Path) -> None:
    path = tmp_path / "antiguo.xls"
    path.write_bytes(xls_bytes([
        ("Plantilla", [(0, 0, "Plantilla 2003"), (2, 1, "Nombre"), (2, 2, "Ingreso"), (2, 3, "Nivel"),
                       (3, 1, "Núñez"), (3, 2, dt.date(2001, 5, 17)), (3, 3, 4), (4, 1, "Pérez"), (4, 3, 1.5)]),
        ("Notas", [(1, 2, "nada")]),
    ]))
    assert list_sheets(path) == ["Plantilla", "Notas"]
    data = read_workbook(path)
    sheet = data.sheets["Plantilla"]
    assert data.kind == "xls"
    assert sheet.row_numbers == [1, 3, 4, 5] and sheet.col_offset == 0
    assert sheet.rows[2] == [None, "Núñez", dt.date(2001, 5, 17), 4]
    assert cell(sheet, "D5") == 1.5 and cell(sheet, "A1") == "Plantilla 2003"
    notes = data.sheets["Notas"]
    assert (notes.row_numbers, notes.col_offset, notes.rows) == ([2], 2, [["nada"]])


# -- CSV ------------------------------------------------------------------------------------------------
def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_utf8_bom_comma(tmp_path: Path) -> None:
    path = write(tmp_path / "personal.csv", "Nombre,Nivel\r\n\"Núñez, Ana\",3\r\n", "utf-8-sig")
    data = read_workbook(path)
    assert (data.kind, data.encoding, data.delimiter, data.sheet_names) == ("csv", "utf-8-sig", ",", ["personal"])
    assert data.sheets["personal"].rows == [["Nombre", "Nivel"], ["Núñez, Ana", "3"]]


def test_csv_spanish_excel_semicolon_cp1252(tmp_path: Path) -> None:
    text = "Nombre;Dirección;Nivel\r\nJosé Núñez;Dirección General;3\r\n;;\r\nAna Peña;Unidad de Análisis;\r\n"
    path = write(tmp_path / "plantilla.csv", text, "cp1252")
    data = read_workbook(path)
    assert (data.encoding, data.delimiter) == ("cp1252", ";")
    sheet = data.sheets["plantilla"]
    assert sheet.rows == [["Nombre", "Dirección", "Nivel"], ["José Núñez", "Dirección General", "3"],
                          ["Ana Peña", "Unidad de Análisis", None]]
    assert sheet.row_numbers == [1, 2, 4]


def test_csv_utf8_tab_without_bom_and_ragged_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "t.txt", "Clave\tNombre\tNivel\nA1\tÑandú\n\nB2\tÁguila\t4\n", "utf-8")
    data = read_workbook(path)
    assert (data.encoding, data.delimiter) == ("utf-8", "\t")
    assert data.sheets["t"].rows == [["Clave", "Nombre", "Nivel"], ["A1", "Ñandú", None], ["B2", "Águila", "4"]]
    assert data.sheets["t"].row_numbers == [1, 2, 4]


def test_csv_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    path = write(tmp_path / "u.txt", "\ufeffNombre\tNivel\r\nNúñez\t2\r\n", "utf-16-le")
    data = read_workbook(path)
    assert data.encoding == "utf-16" and data.sheets["u"].rows == [["Nombre", "Nivel"], ["Núñez", "2"]]


def test_csv_quoted_multiline_cells_keep_record_numbers(tmp_path: Path) -> None:
    text = 'Nombre;Notas;Nivel\r\nAna;"primera línea\r\nsegunda; con ""comillas"""; 3\r\nLuis;;2\r\n'
    path = write(tmp_path / "m.csv", text, "utf-8")
    sheet = read_workbook(path).sheets["m"]
    assert sheet.rows[1] == ["Ana", 'primera línea\nsegunda; con "comillas"', " 3"]
    assert sheet.rows[2] == ["Luis", None, "2"]
    assert sheet.row_numbers == [1, 2, 3]  # records, as Excel numbers them, not lines of the file


def test_csv_overrides(tmp_path: Path) -> None:
    path = write(tmp_path / "o.csv", "Nombre;Nivel,extra\r\nNúñez;3,x\r\n", "utf-8")
    assert read_workbook(path, delimiter=",").sheets["o"].rows == [["Nombre;Nivel", "extra"], ["Núñez;3", "x"]]
    assert read_workbook(path, delimiter=";").sheets["o"].rows == [["Nombre", "Nivel,extra"], ["Núñez", "3,x"]]
    forced = read_workbook(path, encoding="cp1252", delimiter=";")
    assert forced.encoding == "cp1252" and forced.sheets["o"].rows[1][0] == "NÃºÃ±ez"
    latin = write(tmp_path / "l.csv", "Nombre;Nivel\r\nNúñez;3\r\n", "latin-1")
    assert read_workbook(latin, encoding="latin-1").sheets["l"].rows[1] == ["Núñez", "3"]
    with pytest.raises(InputError) as exc:
        read_workbook(latin, encoding="utf-8")
    assert problem_text(exc).startswith("file rejected: the text cannot be read as utf-8")
    with pytest.raises(InputError) as exc:
        read_workbook(latin, encoding="klingon")
    assert problem_text(exc, "es") == "archivo rechazado: «klingon» no es una codificación de texto conocida"
    with pytest.raises(InputError) as exc:
        read_workbook(latin, delimiter="ab")
    assert problem_text(exc).startswith("file rejected: the delimiter must be one character")


def test_row_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "".join(f"{i};x\n" for i in range(50)), "utf-8")
    assert len(read_workbook(path, max_rows=50).sheets["r"].rows) == 50
    with pytest.raises(InputError) as exc:
        read_workbook(path, max_rows=49)
    assert problem_text(exc) == "file rejected: the sheet has more than 49 rows"
    book = title_block_workbook(tmp_path / "b.xlsx")
    with pytest.raises(InputError) as exc:
        read_workbook(book, ["Plantilla"], max_rows=5)
    assert exc.value.problems[0].sheet == "Plantilla"


# -- sheets ----------------------------------------------------------------------------------------------
def test_list_sheets(tmp_path: Path) -> None:
    path = title_block_workbook(tmp_path / "p.xlsx")
    assert list_sheets(path) == ["Plantilla", "Otra"]
    assert list_sheets(write(tmp_path / "x.csv", "a;b\n", "utf-8")) == ["x"]


def test_likely_sheet(tmp_path: Path) -> None:
    notes = sheet_xml([(f"A{i}", f"Instrucción {i}") for i in range(1, 30)], dimension="A1:A29")
    table = sheet_xml([(f"{c}{r}", f"v{r}{c}") for r in range(1, 11) for c in "ABC"], dimension="A1:C10")
    path = tmp_path / "libro.xlsx"
    path.write_bytes(xlsx_bytes([("Instrucciones", notes), ("Personal", table), ("Vacía", sheet_xml([]))]))
    data = read_workbook(path)
    assert table_rows(data.sheets["Instrucciones"]) == 0 and table_rows(data.sheets["Personal"]) == 10
    assert likely_sheet(data) == "Personal"
    assert likely_sheet(path) == "Personal"

    def header_scorer(sheet: RawSheet) -> float:
        return 1.0 if any(row and row[0] == "Instrucción 1" for row in sheet.rows) else 0.0

    assert likely_sheet(data, score=header_scorer) == "Instrucciones"
    assert likely_sheet(WorkbookData(file="x", sha256="", kind="xlsx", sheet_names=[])) is None


def test_empty_and_chart_sheets(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Datos"
    ws.append(["a", 1])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=1))
    wb.create_chartsheet("Gráfica").add_chart(chart)
    wb.create_sheet("Vacía")
    path = tmp_path / "c.xlsx"
    wb.save(path)
    data = read_workbook(path)
    assert data.sheet_names == ["Datos", "Gráfica", "Vacía"]
    assert data.sheets["Gráfica"].rows == [] and data.sheets["Vacía"].rows == []
    assert data.sheets["Datos"].rows == [["a", 1]]


def test_whole_floats_become_int_others_stay(tmp_path: Path) -> None:
    xml = sheet_xml([("A1", 3.0), ("B1", 2.5), ("C1", 1e20), ("D1", -7), ("E1", 0.0)], dimension="A1:E1")
    path = tmp_path / "n.xlsx"
    path.write_bytes(xlsx_bytes([("N", xml)]))
    row = read_workbook(path).sheets["N"].rows[0]
    assert row == [3, 2.5, 1e20, -7, 0]
    assert [type(v) for v in row] == [int, float, float, int, int]


def test_namespaced_worksheet_dimension_and_columns(tmp_path: Path) -> None:
    """Some writers prefix every element (``<x:row>``); the checks and hidden columns still apply."""
    xml = (f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN_NS}"><x:dimension ref="A1:B2"/>'
           '<x:cols><x:col min="2" max="2" hidden="true"/></x:cols><x:sheetData>'
           '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c r="B1"><x:v>1</x:v></x:c>'
           '</x:row></x:sheetData></x:worksheet>')
    path = tmp_path / "ns.xlsx"
    path.write_bytes(xlsx_bytes([("NS", xml)]))
    sheet = read_workbook(path).sheets["NS"]
    assert sheet.rows == [["a", 1]] and sheet.hidden_columns == frozenset({1})


# -- large files: streaming, two children, the scan of references beside the parsing -------------------------
def two_sheet_workbook(path: Path) -> Path:
    """Two sheets of different widths, the second starting at C5 (rows above the data)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plantilla"
    ws.append(["Núm. Empleado", "Nombre", "Ingreso"])
    for i in range(1, 3001):
        ws.append([str(1000 + i), f"Persona {i}", dt.date(2020, 1, 1 + i % 28)])
    other = wb.create_sheet("Competencias")
    other["C5"], other["D5"] = "Núm. Empleado", "Liderazgo"
    for i in range(1, 2001):
        other.cell(5 + i, 3, str(1000 + i))
        other.cell(5 + i, 4, float(i % 5) if i % 7 else "")
    wb.save(path)
    return path


def test_large_files_read_alike_by_one_or_two_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as a large file (children started at once, rows streamed in chunks, the sheets shared between two
    children, each scanning its sheets before parsing them) the workbook gives what a small file gives."""
    from skillmap.importing import reader

    path = two_sheet_workbook(tmp_path / "grande.xlsx")
    small = read_workbook(path, ["Competencias", "plantilla"])
    monkeypatch.setattr(reader, "_LARGE_BYTES", 0)
    monkeypatch.setattr(reader, "_CHUNK_CELLS", 1000)  # several chunks a sheet
    started: list[tuple[str, ...] | None] = []
    real_send = reader._Sandbox.send
    monkeypatch.setattr(reader._Sandbox, "send", lambda box, job: (started.append(job.sheets), real_send(box, job)))
    large = read_workbook(path, ["Competencias", "plantilla"])
    assert sorted(started) == [("Competencias",), ("Plantilla",)]  # one child each
    assert list(large.sheets) == list(small.sheets) == ["Competencias", "Plantilla"]
    for name in small.sheets:
        a, b = small.sheets[name], large.sheets[name]
        assert (a.rows, a.row_numbers, a.col_offset) == (b.rows, b.row_numbers, b.col_offset)
    levels = large.sheets["Competencias"]
    assert levels.row_numbers[:2] == [5, 6] and levels.col_offset == 2 and levels.rows[1] == ["1001", 1]
    assert levels.rows[7] == ["1007", None]  # blank cell: None; whole float: int
    assert large.sheets["Plantilla"].row_numbers[-1] == 3001
    assert large.sheet_names == ["Plantilla", "Competencias"] and large.sha256 == small.sha256
    started.clear()
    one = read_workbook(path, ["Competencias"])  # one sheet: one child, the scan runs in this process
    assert started == [("Competencias",)] and one.sheets["Competencias"].rows == levels.rows


@pytest.mark.parametrize("sheets", [["Hoja1"], ["Hoja1", "Otra"]], ids=["scan-here", "scan-in-children"])
def test_large_file_whose_references_lie_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    sheets: list[str]) -> None:
    """A large file is scanned beside the parsing (here, or in each child before calamine sees the sheet):
    a dimension that lies is refused as clearly as in a small file."""
    from hostile_corpus import lying_dimension_xlsx

    from skillmap.importing import reader

    lying = xlsx_bytes([("Hoja1", sheet_xml([("A1", "x"), ("B2", 1), ("ZZ999999", "far")], dimension="A1:B2")),
                        ("Otra", sheet_xml([("A1", "y")], dimension="A1"))])
    path = tmp_path / "plantilla.xlsx"
    path.write_bytes(lying)
    monkeypatch.setattr(reader, "_LARGE_BYTES", 0)
    with pytest.raises(InputError) as exc:
        read_workbook(path, sheets, timeout=60)
    assert exc.value.problems[0].key == "read.too_many_cells" and exc.value.problems[0].sheet == "Hoja1"
    assert lying_dimension_xlsx()  # the same file as the hostile corpus's, with a second sheet
