"""Sheets parsed in the reader children (:func:`skillmap.importing.reader.parse_workbook`) and several sheets
imported in one command (``skillmap import-staff FILE --sheet A --sheet B``).

The children's result must be exactly what :func:`~skillmap.importing.staff.parse_staff` gives in this
process for the same sheet — on the committed sample, on a workbook large enough (> 1 MiB) for two children
to work at once, and on a Spanish CSV file — and importing the sheets in one command must store exactly what
one command per sheet stores. A result this process refuses to believe, Cancel and a child that dies become
the reader's usual errors, with nothing stored.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine, func, select
from test_cli import Run, _dispose_engines, cli

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.frameworks.fileformat import load_bundled_frameworks
from skillmap.importing import reader
from skillmap.importing.model import ParseRequest, StaffMapping
from skillmap.importing.reader import parse_workbook, read_workbook
from skillmap.importing.staff import ParsedSheet, parse_staff
from skillmap.problems import InputError
from skillmap.sample.generator import bundled_sample
from skillmap.sample.workbook import write_hr_workbook
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff_import import commit_import, competency_refs, parse_sheets, plan_import
from skillmap.tasks import Cancelled, Progress

__all__ = ["_dispose_engines"]

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "muestra_rh.xlsx"
SHEETS = ["Plantilla", "Competencias"]
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def refs(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    engine = open_database(tmp_path_factory.mktemp("refs") / "refs.db")
    try:
        install_bundled_frameworks(engine)
        return competency_refs(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def large_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated HR workbook above 1 MiB: its two sheets go to two children, read and parsed at once."""
    path = tmp_path_factory.mktemp("large") / "plantilla_grande.xlsx"
    write_hr_workbook(bundled_sample(n_staff=5000, n_agencies=9), load_bundled_frameworks(), path)
    assert path.stat().st_size > reader._LARGE_BYTES
    return path


def assert_same(got: ParsedSheet, want: ParsedSheet) -> None:
    """Every field equal; arrays by value and dtype."""
    for f in dataclasses.fields(want):
        a, b = getattr(got, f.name), getattr(want, f.name)
        if f.name == "levels":
            for g in dataclasses.fields(b):
                x, y = getattr(a, g.name), getattr(b, g.name)
                if isinstance(y, np.ndarray):
                    assert x.dtype == y.dtype and np.array_equal(x, y), g.name
                else:
                    assert x == y, g.name
        else:
            assert a == b, f.name


def in_process(path: Path, sheet: str, refs: list[Any], mapping: StaffMapping | None = None) -> ParsedSheet:
    wb = read_workbook(path, [sheet])
    mapping = dataclasses.replace(mapping) if mapping else StaffMapping()
    mapping.sheet = next(iter(wb.sheets))
    return parse_staff(wb.sheets[mapping.sheet], file=str(path), competencies=refs, mapping=mapping, today=TODAY)


@pytest.mark.parametrize("book", ["sample", "large"])
def test_children_parse_exactly_as_this_process(book: str, refs: list[Any], large_book: Path) -> None:
    path = SAMPLE if book == "sample" else large_book
    request = ParseRequest(tuple(refs), None, TODAY)
    with parse_workbook(path, SHEETS, request) as parsed_book:
        assert parsed_book.sheets == SHEETS and len(parsed_book.sha256) == 64
        got = list(parsed_book)
    assert [p.sheet for p in got] == SHEETS
    for parsed, sheet in zip(got, SHEETS, strict=True):
        assert_same(parsed, in_process(path, sheet, refs))
    assert len(got[0].staff) == (500 if book == "sample" else 5000) and len(got[1].levels) > 0


def test_mapping_and_order_as_asked(refs: list[Any]) -> None:
    """Sheets come in the order asked for (not the workbook's), named as the file names them; the mapping
    given applies to each (here: levels dated and sourced by it)."""
    mapping = StaffMapping(default_source="test", assessed_on=date(2026, 1, 15))
    request = ParseRequest(tuple(refs), mapping, TODAY)
    with parse_workbook(SAMPLE, [" competencias", "PLANTILLA"], request) as book:
        got = list(book)
    assert [p.sheet for p in got] == ["Competencias", "Plantilla"]
    assert got[0].mapping.sheet == "Competencias" and mapping.sheet is None  # the caller's mapping untouched
    assert_same(got[0], in_process(SAMPLE, "Competencias", refs, mapping))
    assert set(got[0].levels.assessed_on.tolist()) == {date(2026, 1, 15)}


def test_csv_is_one_sheet(refs: list[Any], tmp_path: Path) -> None:
    path = tmp_path / "plantilla.csv"
    path.write_bytes("Núm. Empleado;Nombre(s);Apellido paterno;Dependencia\r\n"
                     "1001;José;Núñez;SHCP\r\n1002;Ana;López;SEP\r\n".encode("cp1252"))
    with parse_workbook(path, ["whatever"], ParseRequest(tuple(refs), None, TODAY)) as book:
        got = list(book)
    assert [p.sheet for p in got] == ["plantilla"]
    assert [r.given_names for r in got[0].staff] == ["José", "Ana"]
    assert_same(got[0], in_process(path, "plantilla", refs))


def test_a_result_not_to_be_believed_is_refused(refs: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """What the child sends is checked here: anything the checks refuse rejects the file as unsafe."""
    import skillmap.importing.wire as wire

    def refuse(*_args: Any, **_kwargs: Any) -> ParsedSheet:
        raise ValueError("level out of scale")

    monkeypatch.setattr(wire, "decode_parsed", refuse)
    with pytest.raises(InputError) as caught, parse_workbook(SAMPLE, SHEETS,
                                                             ParseRequest(tuple(refs), None, TODAY)) as book:
        list(book)
    problem = caught.value.problems[0]
    assert problem.key == "read.unsafe_crash" and "level out of scale" in problem.message("en")


def test_unknown_sheet_is_refused_before_any_child_parses(refs: list[Any]) -> None:
    with pytest.raises(InputError) as caught:
        parse_workbook(SAMPLE, ["Plantilla", "Hoja1"], ParseRequest(tuple(refs), None, TODAY))
    assert caught.value.problems[0].key == "read.no_sheet"


def test_cancel_stops_the_children(refs: list[Any], large_book: Path) -> None:
    progress = Progress()
    book = parse_workbook(large_book, SHEETS, ParseRequest(tuple(refs), None, TODAY), progress=progress)
    children = [c.box.proc for c in book._run.collectors]
    assert len(children) == 2 and all(p is not None for p in children)
    threading.Timer(0.05, progress.cancel).start()
    with pytest.raises(Cancelled), book:
        list(book)
    # stopped, waited for and closed: nothing of them is left
    assert all(c.box.proc is None and not c.is_alive() for c in book._run.collectors)


def test_leaving_early_stops_the_other_child(refs: list[Any], large_book: Path) -> None:
    """A caller that stops after the first sheet (an error in it) leaves no child behind."""
    with parse_workbook(large_book, SHEETS, ParseRequest(tuple(refs), None, TODAY)) as book:
        first = next(iter(book))
        run = book._run
    assert first.sheet == "Plantilla"
    assert all(c.box.proc is None and not c.is_alive() for c in run.collectors)


# -- storing them -------------------------------------------------------------------------------------------
def stored(engine: Engine) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        people = conn.execute(select(m.Staff.employee_number, m.Staff.given_names, m.Staff.first_surname,
                                     m.Staff.curp, m.Staff.grade, m.Staff.hire_date)
                              .order_by(m.Staff.employee_number)).all()
        levels = conn.execute(select(m.Staff.employee_number, m.Assessment.competency_id, m.Assessment.level,
                                     m.Assessment.source, m.Assessment.assessed_on)
                              .join(m.Staff, m.Staff.id == m.Assessment.staff_id)
                              .order_by(m.Staff.employee_number, m.Assessment.competency_id)).all()
    return [tuple(r) for r in people], [tuple(r) for r in levels]


def test_pipeline_stores_what_one_import_per_sheet_stores(large_book: Path, tmp_path: Path) -> None:
    """Planning and storing the first sheet while the second is parsed: the database ends up exactly as
    after two imports that each read, parse and store one sheet in this process."""
    piped, one_by_one = (open_database(tmp_path / f"{n}.db") for n in ("piped", "sequential"))
    try:
        for engine in (piped, one_by_one):
            install_bundled_frameworks(engine)
        with parse_sheets(piped, large_book, SHEETS, today=TODAY) as book:
            for parsed in book:
                commit_import(piped, plan_import(piped, parsed, sha256=book.sha256))
        refs = competency_refs(one_by_one)
        for sheet in SHEETS:
            parsed = in_process(large_book, sheet, refs)
            commit_import(one_by_one, plan_import(one_by_one, parsed))
        people, levels = stored(piped)
        assert (people, levels) == stored(one_by_one)
        assert len(people) == 5000 and len(levels) > 50_000
    finally:
        piped.dispose()
        one_by_one.dispose()


def import_cmd(capsys: pytest.CaptureFixture[str], db: str, *argv: object) -> Run:
    return cli(capsys, "--db", db, "import-staff", *argv)


def test_cli_imports_several_sheets_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'skillmap.db'}"
    assert cli(capsys, "--db", db, "init-db").code == 0
    run = import_cmd(capsys, db, SAMPLE, "--sheet", "Plantilla", "--sheet", "Competencias", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["file"] == str(SAMPLE) and [s["sheet"] for s in data["sheets"]] == SHEETS
    first, second = data["sheets"]
    assert first["committed"] and second["committed"] and first["import_id"] + 1 == second["import_id"]
    assert first["counts"]["new_people"] == 500 and second["counts"]["unchanged_people"] == 500
    assert second["counts"]["levels_new"] > 0
    # the same database as one command per sheet
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert cli(capsys, "--db", other, "init-db").code == 0
    for sheet in SHEETS:
        assert import_cmd(capsys, other, SAMPLE, "--sheet", sheet).code == 0
    a, b = open_database(db), open_database(other)
    try:
        assert stored(a) == stored(b)
    finally:
        a.dispose()
        b.dispose()
    # in words: each sheet named, each import number given
    again = import_cmd(capsys, db, SAMPLE, "--sheet", "Plantilla", "--sheet", "Competencias", "--dry-run")
    assert again.code == 0, again.err
    assert "Sheet “Plantilla”:" in again.out and "Sheet “Competencias”:" in again.out
    assert "0 new, 0 changed, 500 unchanged" in again.out


def test_cli_stops_at_the_first_sheet_with_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A sheet with errors is not imported, nor any after it; the sheets before it stay imported, each with
    its import number (each one transaction, each undoable)."""
    import openpyxl

    path = tmp_path / "con_error.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Competencias"]
    ws.cell(row=2, column=3).value = "no sé"  # a level no table knows
    wb.save(path)
    db = f"sqlite:///{tmp_path / 'skillmap.db'}"
    assert cli(capsys, "--db", db, "init-db").code == 0
    run = import_cmd(capsys, db, path, "--sheet", "Plantilla", "--sheet", "Competencias", "--sheet", "Plantilla",
                     "--json")
    assert run.code == 2
    sheets = run.json()["sheets"]
    assert [(s["sheet"], s["committed"]) for s in sheets] == [("Plantilla", True), ("Competencias", False)]
    assert any(p["sheet"] == "Competencias" and p["row"] == 2 for p in sheets[1]["problems"])
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(m.Staff)).scalar_one() == 500
            assert conn.execute(select(func.count()).select_from(m.Assessment)).scalar_one() == 0
            assert conn.execute(select(func.count()).select_from(m.ImportBatch)).scalar_one() == 1
    finally:
        engine.dispose()
    text = import_cmd(capsys, db, path, "--sheet", "Competencias", "--sheet", "Plantilla")
    assert text.code == 2 and "Sheet “Competencias”:" in text.out and "--skip-bad-rows" in text.err
    assert "Sheet “Plantilla”" not in text.out


def test_cli_save_mapping_needs_one_sheet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'skillmap.db'}"
    run = import_cmd(capsys, db, SAMPLE, "--sheet", "Plantilla", "--sheet", "Competencias", "--save-mapping", "x")
    assert run.code == 2 and "--save-mapping" in run.err and run.out == ""


@pytest.mark.parametrize("suffix", ["ods", "xls", "xlsx"])
def test_sheets_named_loosely_in_every_format(refs: list[Any], suffix: str) -> None:
    """xls and ods sheet names are only known once the child opens the file: a name typed with other case
    and spaces is matched there as it is for xlsx, and the result carries the file's own name."""
    path = REPO / "tests" / "data" / "libreoffice" / f"plantilla_lo.{suffix}"
    with parse_workbook(path, [" plantilla ", "NOTAS"], ParseRequest(tuple(refs), None, TODAY)) as book:
        got = list(book)
    assert [p.sheet for p in got] == ["Plantilla", "Notas"]
    assert_same(got[0], in_process(path, "Plantilla", refs))
    assert_same(got[1], in_process(path, "Notas", refs))
    assert len(got[0].staff) > 0


def _corpus() -> list[Any]:
    from test_hostile_files import CORPUS

    return CORPUS


@pytest.mark.parametrize("case", _corpus(), ids=[c[0] for c in _corpus()])
def test_hostile_files_are_refused_as_when_only_reading(case: Any, refs: list[Any], tmp_path: Path,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    """The hostile corpus through the parsing children: the same one “file rejected: why” problem as
    :func:`read_workbook` gives, nothing written, no traceback."""
    from skillmap.importing.reader import list_sheets
    from skillmap.importing.safety import Limits

    _id, name, content, key, limits = case
    path = tmp_path / name
    path.write_bytes(content())
    try:
        sheets = list_sheets(path, limits=limits or Limits()) or ["Hoja1"]
    except InputError:
        sheets = ["Hoja1"]
    request = ParseRequest(tuple(refs), None, TODAY)
    with pytest.raises(InputError) as caught, parse_workbook(path, sheets, request, limits=limits or Limits(),
                                                             timeout=30) as book:
        list(book)
    problems = caught.value.problems
    assert len(problems) == 1 and problems[0].key == key, problems[0].text("en")
    assert problems[0].message("es").startswith("archivo rechazado: ")
    assert "Traceback" not in capfd.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="per-thread priorities are read from /proc (Linux)")
def test_a_later_reader_lowers_every_thread_it_has() -> None:
    """The reader of later sheets runs at a lower priority, its parser-loading thread included (on Linux a
    priority belongs to one thread: lowering only the main one would leave that thread competing with the
    reader of the first sheet)."""
    import subprocess
    import sys

    script = (
        "import os, threading, time\n"
        "from skillmap.importing import reader\n"
        "t = threading.Thread(target=time.sleep, args=(1,)); t.start()\n"
        "reader._lower_process_priority(7)\n"
        "print(sorted({os.getpriority(os.PRIO_PROCESS, int(x)) for x in os.listdir('/proc/self/task')}))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    base = os.getpriority(os.PRIO_PROCESS, 0)
    assert out.strip() == f"[{min(base + 7, 19)}]"


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_cli_says_what_was_imported_when_a_later_sheet_is_refused(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 as_json: bool) -> None:
    """The first sheet is imported, then the reader refuses the second: the command says which import
    number the first got (so it can be undone) and why the second was refused, and exits with 2."""
    import skillmap.importing.wire as wire

    real = wire.decode_parsed
    calls: list[int] = []

    def second_refused(*args: Any, **kwargs: Any) -> ParsedSheet:
        calls.append(1)
        if len(calls) == 2:
            raise ValueError("level out of scale")
        return real(*args, **kwargs)

    monkeypatch.setattr(wire, "decode_parsed", second_refused)
    db = f"sqlite:///{tmp_path / 'skillmap.db'}"
    assert cli(capsys, "--db", db, "init-db").code == 0
    run = import_cmd(capsys, db, SAMPLE, "--sheet", "Plantilla", "--sheet", "Competencias",
                     *(["--json"] if as_json else []))
    assert run.code == 2
    if as_json:
        data = run.json()
        assert [(s["sheet"], s["committed"], s["import_id"]) for s in data["sheets"]] == [("Plantilla", True, 1)]
        assert data["error"][0]["code"] == "read.unsafe_crash"
    else:
        assert "Sheet “Plantilla”:" in run.out and "Imported as import number 1" in run.out
        assert "file rejected" in run.err and "level out of scale" in run.err
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(m.Staff)).scalar_one() == 500
            assert conn.execute(select(func.count()).select_from(m.Assessment)).scalar_one() == 0
    finally:
        engine.dispose()
