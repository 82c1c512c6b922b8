"""Hostile, damaged and disguised files: every one is refused with one clear “file rejected: why” problem
(in English and in Mexican Spanish), no traceback reaches the user, nothing is written, and this process
survives even when the parser's process dies.

The corpus is built in memory by :mod:`hostile_corpus` and written under ``tmp_path``; no binary file is
committed. The fuzz test mutates small valid workbooks (byte flips, truncation, insertion, edits inside the
XML parts, member deletions and swaps) and checks that reading either returns a
:class:`~skillmap.importing.model.WorkbookData` or raises :class:`~skillmap.problems.InputError`, within
a time bound and without writing anything. ``SKILLMAP_FUZZ_EXAMPLES`` sets the number of cases (300 by
default, 3000 in CI).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import hostile_corpus as hc
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from skillmap.importing.model import WorkbookData
from skillmap.importing.reader import list_sheets, read_workbook
from skillmap.importing.safety import Limits, MiB, inspect_file
from skillmap.problems import InputError
from skillmap.tasks import Cancelled, Progress


def openpyxl_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Plantilla"
    ws["A1"] = "Plantilla de personal"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["Núm. Empleado", "Nombre", "Nivel", "Ingreso"])
    for i in range(12):
        ws.append([f"{1000 + i}", f"Persona {i} Núñez", i % 5, f"2020-01-{i + 1:02d}"])
    ws.column_dimensions["C"].hidden = True
    wb.create_sheet("Notas")["B2"] = "Sin notas"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def truncated() -> bytes:
    data = openpyxl_workbook()
    return data[: len(data) // 2]


def csv_nul_late() -> bytes:
    """NUL bytes past what the type detection looks at: the CSV reader refuses them."""
    return ("Nombre;Nivel\r\n" + "Ana;3\r\n" * 12_000).encode() + b"Luis;\x00\x002\r\n"


Case = tuple[str, str, Callable[[], bytes], str, Limits | None]
CORPUS: list[Case] = [
    # id, file name, content, message key, limits (None: defaults)
    ("far-cell-xfd1048576", "plantilla.xlsx", hc.far_cell_xlsx, "read.too_many_cells", None),
    ("far-cell-no-dimension", "plantilla.xlsx", lambda: hc.far_cell_xlsx(dimension=None), "read.too_many_cells",
     None),
    ("dimension-lies", "plantilla.xlsx", hc.lying_dimension_xlsx, "read.too_many_cells", None),
    ("far-cell-odd-spelling", "plantilla.xlsx", lambda: hc.xlsx_bytes([("H", hc.sheet_xml(
        [("A1", "x")], dimension="A1").replace("<sheetData>", "<sheetData><row r = '9'><c \tr=\n'xfd1048576'>"
                                                "<v>1</v></c></row>"))]), "read.too_many_cells", None),
    ("zip-bomb-ratio", "bomba.xlsx", lambda: hc.zip_bomb_xlsx(8 * MiB), "read.zip_ratio", None),
    ("zip-declared-3.9GB", "bomba.xlsx", hc.declared_size_bomb, "read.zip_size", None),
    ("zip-zeros-over-lowered-limit", "bomba.xlsx", lambda: hc.zeros_member_xlsx(4 * MiB), "read.zip_size",
     Limits(max_uncompressed=2 * MiB)),
    ("zip-understated-size", "bomba.xlsx", hc.understated_size_xlsx, "read.zip_lies", None),
    ("zip-too-many-parts", "partes.xlsx", hc.small_xlsx, "read.zip_members", Limits(max_members=5)),
    ("file-too-big", "grande.xlsx", hc.small_xlsx, "read.too_big", Limits(max_file_bytes=1000)),
    ("billion-laughs", "risas.xlsx", hc.billion_laughs_xlsx, "read.xml_dtd", None),
    ("xxe-in-sheet", "xxe.xlsx", hc.xxe_xlsx, "read.xml_dtd", None),
    ("xxe-in-workbook", "xxe.xlsx", hc.xxe_in_workbook_xml, "read.xml_dtd", None),
    ("dtd-after-long-comment", "dtd.xlsx", hc.dtd_after_comment_xlsx, "read.xml_dtd", None),
    ("password-protected", "protegido.xlsx", hc.encrypted_ooxml, "read.password", None),
    ("ole2-junk", "viejo.xls", hc.ole_junk, "read.damaged", None),
    ("ole2-not-a-workbook", "viejo.xls", hc.ole_word_like, "read.damaged", None),
    ("pdf-renamed", "plantilla.xlsx", lambda: hc.PDF, "read.not_spreadsheet", None),
    ("png-renamed", "plantilla.xlsx", lambda: hc.PNG, "read.not_spreadsheet", None),
    ("random-bytes", "plantilla.xlsx", hc.random_bytes, "read.not_spreadsheet", None),
    ("html-as-xls", "reporte.xls", lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>",
     "read.not_spreadsheet", None),
    ("docx-renamed", "plantilla.xlsx", hc.docx_like, "read.not_spreadsheet", None),
    ("xlsb", "binario.xlsb", hc.xlsb_like, "read.xlsb", None),
    ("truncated-xlsx", "mitad.xlsx", truncated, "read.damaged", None),
    ("empty", "vacio.xlsx", lambda: b"", "read.empty", None),
    ("csv-nul-bytes", "datos.csv", lambda: b"Nombre;Nivel\r\nAna;\x003\r\n", "read.not_spreadsheet", None),
    ("csv-nul-bytes-late", "datos.csv", csv_nul_late, "read.csv_nul", None),
    ("csv-invalid-encoding", "datos.csv", lambda: b"Nombre;Nivel\r\nPe\x81a;\x8d\x90\r\n", "tab.encoding", None),
    ("zip-path-traversal", "plantilla.xlsx", hc.traversal_xlsx, "read.zip_name", None),
    ("zip-absolute-name", "plantilla.xlsx", lambda: hc.zip_bytes(
        {**hc.xlsx_parts([("H", hc.sheet_xml([("A1", "x")]))]), "/etc/cron.d/x": b"x"}), "read.zip_name", None),
    ("zip-encrypted-member", "plantilla.xlsx", hc.encrypted_member_xlsx, "read.zip_encrypted", None),
    ("zip-duplicate-member", "plantilla.xlsx", hc.duplicate_member_xlsx, "read.zip_duplicate", None),
    ("zip-bzip2-member", "plantilla.xlsx", hc.bzip2_member_xlsx, "read.zip_method", None),
    ("ods-repeat-bomb", "bomba.ods", hc.ods_repeat_bomb, "read.damaged", None),
]


@pytest.mark.parametrize(("name", "content", "key", "limits"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_hostile_file_is_rejected_with_one_clear_problem(
        tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str, content: Callable[[], bytes], key: str,
        limits: Limits | None) -> None:
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(InputError) as exc:
        read_workbook(path, limits=limits or Limits(), timeout=30)
    problems = exc.value.problems
    assert len(problems) == 1
    problem = problems[0]
    assert problem.key == key, problem.text("en")
    assert problem.file == str(path)
    assert problem.message("en").startswith("file rejected: ")
    assert problem.message("es").startswith("archivo rechazado: ")
    assert "{" not in problem.message("en") + problem.message("es")  # every parameter was filled in
    if key == "read.too_many_cells":
        assert problem.sheet is not None
    assert "Traceback" not in capfd.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == [name]  # nothing written beside it


def test_the_far_cell_workbook_is_tiny() -> None:
    assert len(hc.far_cell_xlsx()) < 5 * 1024


def test_listing_sheets_runs_the_checks(tmp_path: Path) -> None:
    for i, content in enumerate([hc.far_cell_xlsx(), hc.billion_laughs_xlsx(), hc.encrypted_ooxml(), hc.PDF]):
        path = tmp_path / f"f{i}.xlsx"
        path.write_bytes(content)
        with pytest.raises(InputError) as exc:
            list_sheets(path)
        assert exc.value.problems[0].message("en").startswith("file rejected: ")


def test_calamine_abort_kills_only_the_child(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """With the cell limit lifted the far-cell file reaches calamine, which aborts its process (it asks
    for 549 GB); the parent reports it and carries on."""
    path = tmp_path / "plantilla.xlsx"
    path.write_bytes(hc.far_cell_xlsx())
    with pytest.raises(InputError) as exc:
        read_workbook(path, limits=Limits(max_cells=10**13), timeout=30)
    problem = exc.value.problems[0]
    assert len(exc.value.problems) == 1 and problem.key == "read.unsafe_crash"
    assert problem.message("en").startswith("file rejected: the file could not be read safely (")
    assert problem.message("es").startswith("archivo rechazado: el archivo no se pudo leer de forma segura (")
    assert "Traceback" not in capfd.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["plantilla.xlsx"]  # no core dump
    ok = tmp_path / "ok.xlsx"
    ok.write_bytes(hc.small_xlsx())
    assert read_workbook(ok).sheets["Personal"].rows[1] == ["1001", "Ana Núñez", 3, None]


def test_memory_limit(tmp_path: Path) -> None:
    """Two cells 200,000 rows apart pass the checks (2 million cells), but the parser allocates the box:
    more than a 64 MB child may have."""
    path = tmp_path / "caja.xlsx"
    path.write_bytes(hc.wide_box_xlsx("J200000"))
    with pytest.raises(InputError) as exc:
        read_workbook(path, memory_mb=64, timeout=30)
    assert exc.value.problems[0].key in ("read.unsafe_crash", "read.unsafe_memory")
    assert exc.value.problems[0].message("en").startswith("file rejected: the file could not be read safely (")
    assert read_workbook(path, timeout=30).sheets["Hoja1"].row_numbers == [1, 200000]


def test_timeout(tmp_path: Path) -> None:
    path = tmp_path / "lento.xlsx"
    path.write_bytes(hc.small_xlsx())
    start = time.monotonic()
    with pytest.raises(InputError) as exc:
        read_workbook(path, timeout=0.01)
    assert time.monotonic() - start < 5
    assert exc.value.problems[0].key == "read.unsafe_timeout"
    assert exc.value.problems[0].message("es") == (
        "archivo rechazado: el archivo no se pudo leer de forma segura (la lectura tardó más de 0.01 s)")


def test_cancel_stops_the_child(tmp_path: Path) -> None:
    path = tmp_path / "caja.xlsx"
    path.write_bytes(hc.wide_box_xlsx("J200000"))
    progress = Progress()
    timer = threading.Timer(0.05, progress.cancel)
    timer.start()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        read_workbook(path, progress=progress)
    timer.join()
    assert time.monotonic() - start < 5
    assert not multiprocessing.active_children()


# -- fuzz -------------------------------------------------------------------------------------------------
FUZZ_EXAMPLES = int(os.environ.get("SKILLMAP_FUZZ_EXAMPLES", "300"))
FUZZ_LIMITS = Limits(max_cells=2_000_000)  # keeps a mutated extent from costing seconds per case
SEEDS: list[dict[str, bytes]] = []
TOKENS = [b'r="XFD1048576"', b' r="A1"', b'<row r="1048576">', b"<!DOCTYPE x>", b"&amp;", b"&#0;", b"&xxe;",
          b'<c r="B2" t="s"><v>99</v></c>', b'<c t="e"><v>#N/A</v></c>', b"<v>1e308</v>", b'<v>-0</v>',
          b'<dimension ref="A1:XFD1048576"/>', b't="d"', b"<v>2024-13-45T99:99:99</v>", b"\x00", b"\xff\xfe",
          b"]]>", b"<![CDATA[", b"</worksheet>", b'<sheet name="" sheetId="9" r:id="rId9"/>', b"9" * 30]


def seeds() -> list[dict[str, bytes]]:
    if not SEEDS:
        for data in (hc.small_xlsx(), openpyxl_workbook()):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                SEEDS.append({i.filename: zf.read(i) for i in zf.infolist()})
    return SEEDS


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> bytes:
    parts = dict(seeds()[draw(st.integers(0, 1))])
    for _ in range(draw(st.integers(0, 3))):  # inside the archive: still a valid zip, CRCs right
        names = sorted(parts)
        op = draw(st.sampled_from(["edit", "edit", "edit", "edit", "delete", "swap"]))
        if op == "delete" and names:
            del parts[draw(st.sampled_from(names))]
        elif op == "swap" and len(names) >= 2:
            a, b = draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
            parts[a], parts[b] = parts[b], parts[a]
        elif names:
            # Mostly the parts only the parser reads (sheets, shared strings), where its bugs would be.
            parsed = [n for n in names if n.startswith(("xl/worksheets/", "xl/sharedStrings"))]
            name = draw(st.sampled_from(parsed * 3 + names))
            data = bytearray(parts[name])
            pos = len(data) - draw(st.integers(0, len(data)))  # from the end: the XML declaration survives more
            how = draw(st.sampled_from(["token", "flip", "cut"]))
            if how == "token":
                data[pos:pos] = draw(st.sampled_from(TOKENS))
            elif how == "flip" and data:
                data[min(pos, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
            else:
                del data[pos:pos + draw(st.integers(1, 64))]
            parts[name] = bytes(data)
    blob = bytearray(hc.zip_bytes(parts))
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 2]))):  # on the archive's bytes: nearly always fatal
        how = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        pos = draw(st.integers(0, max(len(blob) - 1, 0)))
        if how == "flip" and blob:
            blob[pos] ^= 1 << draw(st.integers(0, 7))
        elif how == "truncate":
            del blob[pos:]
        elif how == "insert":
            blob[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        else:
            del blob[pos:pos + draw(st.integers(1, 64))]
    return bytes(blob)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated_workbooks())
def test_fuzz_mutated_workbooks_never_crash_hang_or_write(fuzz_dir: Path, data: bytes) -> None:
    """Every case goes through the in-process checks. A case they refuse must be refused by
    :func:`read_workbook` too (without a child). Of the cases they let through, half (by a hash of the
    bytes, so a failure reproduces) go all the way through the sandboxed parser: starting a process costs
    about 0.15 s, and this keeps 3000 cases near a minute and a half on two cores."""
    case = Path(tempfile.mkdtemp(dir=fuzz_dir))
    path = case / "libro.xlsx"
    path.write_bytes(data)
    try:
        inspect_file(path, limits=FUZZ_LIMITS)
        checked = True
    except InputError as exc:
        assert exc.problems[0].message("en").startswith("file rejected: ")
        checked = False
    if checked and zlib.crc32(data) % 2:
        event("passed the checks; parser skipped for this case")
    else:
        event("passed the checks; parsed in the child" if checked else "rejected before parsing")
        start = time.monotonic()
        try:
            result = read_workbook(path, timeout=10, memory_mb=512, limits=FUZZ_LIMITS)
        except InputError as exc:
            assert exc.problems
            assert exc.problems[0].message("en").startswith("file rejected: ")
            assert exc.problems[0].message("es").startswith("archivo rechazado: ")
            event(f"rejected: {exc.problems[0].key}")
        else:
            assert checked
            assert isinstance(result, WorkbookData)
            for sheet in result.sheets.values():
                assert len(sheet.rows) == len(sheet.row_numbers)
                assert all(len(row) == len(sheet.rows[0]) for row in sheet.rows)
            event("read")
        assert time.monotonic() - start < 30
    assert [p.name for p in case.iterdir()] == ["libro.xlsx"]
    shutil.rmtree(case)
