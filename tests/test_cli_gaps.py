"""``skillmap gaps``: the command prints or writes the same tables the gap service computes.

A small generated organisation (150 staff, 3 agencies) is loaded once per module into an SQLite file and
copied per test; one test runs on PostgreSQL too through ``db_url``.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine
from test_cli import Run, _dispose_engines, cli

from skillmap.services import gaps as G

__all__ = ["_dispose_engines"]  # the autouse fixture that closes the engines the commands open


@pytest.fixture(scope="module")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from skillmap.db.migrate import open_database
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("gaps") / "template.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=150, n_agencies=3, seed=2026))
    engine.dispose()
    yield path


@pytest.fixture
def sample_db(_sample_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "skillmap.db"
    shutil.copyfile(_sample_template, path)
    return path


def service_table(db: Path, group_by: str, filters: G.GapFilters | None = None) -> G.GapTable:
    engine = create_engine(f"sqlite:///{db}")
    try:
        return G.gap_table(engine, group_by, filters, lang="en")
    finally:
        engine.dispose()


def gaps(capsys: pytest.CaptureFixture[str], db: Path | str, *args: object) -> Run:
    return cli(capsys, "--db", db, "gaps", "--lang", "en", *args)


@pytest.mark.parametrize("group_by", ["agency", "unit", "role_family", "competency"])
def test_json_is_the_service_table(capsys: pytest.CaptureFixture[str], sample_db: Path, group_by: str) -> None:
    run = gaps(capsys, sample_db, "--by", group_by, "--json")
    assert run.code == 0, run.err
    got = run.json()
    want = service_table(sample_db, group_by).to_json()
    assert got["group_by"] == group_by and got["rows"] == json.loads(json.dumps(want["rows"], default=str))
    assert got["rows"], "the sample has people with requirements"


def test_text_lists_every_agency_with_its_headcount(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    run = gaps(capsys, sample_db, "--by", "agency")
    assert run.code == 0, run.err
    table = service_table(sample_db, "agency").to_json()
    lines = run.out.splitlines()
    assert lines[0].startswith("Skills gap by agency")
    for row in table["rows"]:
        line = next(ln for ln in lines if ln.startswith(row["code"] + " "))
        assert f" {row['staff']} " in line


def test_filter_by_agency_and_as_of(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    whole = gaps(capsys, sample_db, "--by", "agency", "--json").json()["rows"]
    code = whole[0]["code"]
    one = gaps(capsys, sample_db, "--by", "unit", "--agency", code, "--json").json()
    assert one["rows"] and sum(r["staff"] for r in one["rows"]) == whole[0]["staff"]
    early = gaps(capsys, sample_db, "--by", "agency", "--as-of", "2019-01-01", "--json").json()["rows"]
    assert sum(r["assessed"] for r in early) < sum(r["assessed"] for r in whole)


@pytest.mark.parametrize("table", ["supply", "titles", "ratings", "trend"])
def test_other_tables(capsys: pytest.CaptureFixture[str], sample_db: Path, table: str) -> None:
    run = gaps(capsys, sample_db, "--table", table, "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["rows"] and data["columns"]


def test_written_files_hold_text_not_formulas(capsys: pytest.CaptureFixture[str], sample_db: Path,
                                              tmp_path: Path) -> None:
    want = service_table(sample_db, "agency").to_json()["rows"]
    xlsx, csv_path, js = tmp_path / "b.xlsx", tmp_path / "b.csv", tmp_path / "b.json"
    for out in (xlsx, csv_path, js):
        run = gaps(capsys, sample_db, "--by", "agency", "--out", out, "--json")
        assert run.code == 0 and run.json()["rows"] == len(want)
    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    names = {r["name"] for r in want}
    assert names <= {v for row in values for v in row if isinstance(v, str)}
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) >= len(want) + 1
    assert json.loads(js.read_text(encoding="utf-8"))["rows"] == json.loads(json.dumps(want, default=str))


def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    run = gaps(capsys, sample_db, "--as-of", "31/12/2024")
    assert run.code == 2 and "31/12/2024" in run.err and "Traceback" not in run.err
    run = gaps(capsys, sample_db, "--out", "brechas.pdf")
    assert run.code == 2 and "brechas.pdf" in run.err
    run = gaps(capsys, sample_db, "--agency", "NO-SUCH-AGENCY", "--json")
    assert run.code == 2 and "NO-SUCH-AGENCY" in json.dumps(run.json(), ensure_ascii=False)
    run = gaps(capsys, sample_db, "--table", "supply", "--by", "agency")
    assert run.code == 2


def test_spanish_headers(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    run = cli(capsys, "--db", sample_db, "gaps", "--by", "agency", "--lang", "es")
    assert run.code == 0
    assert run.out.splitlines()[0].startswith("Brecha") or "brecha" in run.out.splitlines()[0].lower()
    cli(capsys, "--lang", "en", "--db", sample_db, "imports")  # back to English for the next test


def test_on_both_databases(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert cli(capsys, "--db", db_url, "init-db").code == 0
    assert cli(capsys, "--db", db_url, "load-sample", "--staff", 80, "--agencies", 2).code == 0
    run = cli(capsys, "--db", db_url, "gaps", "--by", "agency", "--json", "--lang", "en")
    assert run.code == 0, run.err
    assert sum(r["staff"] for r in run.json()["rows"]) > 0
