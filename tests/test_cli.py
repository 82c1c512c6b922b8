"""The ``skillmap`` command (skillmap.cli).

Commands run in-process through :func:`skillmap.cli.main` (output read with ``capsys``); one test runs
``python -m skillmap`` and ``python main.py`` as subprocesses to prove the command and the checkout launcher
work. Every input file is written inside the test under ``tmp_path``. ``--lang`` changes the process-wide
language, so within a test a Spanish call comes last or the next call passes ``--lang en``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

import skillmap.cli
from skillmap import __version__
from skillmap.cli import main
from skillmap.db.migrate import head_revision
from skillmap.frameworks.fileformat import framework_to_dict, load_framework
from skillmap.frameworks.model import Framework
from skillmap.paths import bundled_framework_files

REPO = Path(__file__).resolve().parents[1]
BUNDLED = ["mx-ddat", "mx-dsa", "mx-mgr"]
COMPETENCIES = {"mx-ddat": 33, "mx-mgr": 5, "mx-dsa": 10}
ROLE_PROFILES = {"mx-ddat": 59, "mx-mgr": 5, "mx-dsa": 3}
UNREACHABLE_DB = "postgresql+psycopg://nobody@127.0.0.1:1/x"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


_opened: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Record the engines the commands open, so that :func:`cli` can close them.

    A command never disposes its engine (the process ends right after). In-process, pooled PostgreSQL
    connections would otherwise be garbage-collected later, still open, as a ``ResourceWarning`` (an error
    under this project's ``filterwarnings``) in whatever test runs then.
    """
    real_open = skillmap.cli._open

    def recording_open(args: Any) -> Engine:
        engine = real_open(args)
        _opened.append(engine)
        return engine

    monkeypatch.setattr(skillmap.cli, "_open", recording_open)
    yield
    while _opened:
        _opened.pop().dispose()


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> Run:
    capsys.readouterr()
    try:
        code = main([str(a) for a in argv])
    finally:
        while _opened:
            _opened.pop().dispose()
    out, err = capsys.readouterr()
    return Run(code, out, err)


@pytest.fixture(scope="module")
def _initialised_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One SQLite file with the schema and the bundled frameworks, copied for each test that needs it."""
    from skillmap.db.migrate import open_database
    from skillmap.services.frameworks import install_bundled_frameworks

    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    engine.dispose()
    assert not Path(f"{path}-wal").exists()  # checkpointed: the file alone is the whole database
    yield path


@pytest.fixture
def ready_db(_initialised_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "skillmap.db"
    shutil.copyfile(_initialised_template, path)
    return path


def frameworks_by_code(capsys: pytest.CaptureFixture[str], db: object) -> dict[str, dict[str, Any]]:
    run = cli(capsys, "--db", db, "frameworks", "--json")
    assert run.code == 0, run.err
    return {f["code"]: f for f in run.json()}


# -- init-db ------------------------------------------------------------------------------------------
def test_init_db_json_installs_bundled_frameworks_once(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    first = cli(capsys, "--db", db_url, "init-db", "--json")
    assert first.code == 0, first.err
    data = first.json()
    assert data["revision"] == head_revision()
    assert sorted(data["frameworks_added"]) == BUNDLED
    assert len(data["frameworks_added"]) == 3
    if db_url.startswith("sqlite:"):
        assert data["database"] == db_url.removeprefix("sqlite:///")
    else:
        assert data["database"].startswith("postgresql+psycopg://")

    second = cli(capsys, "init-db", "--db", db_url, "--json")  # per-command --db
    assert second.code == 0, second.err
    assert second.json()["frameworks_added"] == []
    assert second.json()["revision"] == head_revision()
    assert sorted(frameworks_by_code(capsys, db_url)) == BUNDLED  # no duplicates stored


def test_init_db_text_no_frameworks_and_skillmap_db_env(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("SKILLMAP_DB", str(db))
    run = cli(capsys, "init-db", "--no-frameworks")
    assert run.code == 0, run.err
    assert run.out == f"Database ready: {db} (schema {head_revision()})\n"
    assert db.exists()
    listing = cli(capsys, "frameworks")
    assert listing.out == "No frameworks in the database.\n"
    assert cli(capsys, "frameworks", "--json").json() == []


# -- frameworks ---------------------------------------------------------------------------------------
def test_frameworks_json_counts(capsys: pytest.CaptureFixture[str], ready_db: Path) -> None:
    rows = frameworks_by_code(capsys, ready_db)
    assert sorted(rows) == BUNDLED
    assert {c: r["competencies"] for c, r in rows.items()} == COMPETENCIES
    assert {c: r["role_profiles"] for c, r in rows.items()} == ROLE_PROFILES
    assert all(r["active"] is True and r["version"] == "1.0" for r in rows.values())


def _table(out: str) -> list[list[str]]:
    """The plain listing as cells: six padded columns, then the name (which may contain spaces)."""
    return [line.split(maxsplit=6) for line in out.splitlines()]


def test_frameworks_table_in_english_and_spanish(capsys: pytest.CaptureFixture[str], ready_db: Path) -> None:
    en = cli(capsys, "--db", ready_db, "frameworks")
    assert en.code == 0 and en.err == ""
    table = _table(en.out)
    assert table[0] == ["code", "version", "active", "competencies", "roles", "profiles", "name"]
    body = {row[0]: row for row in table[1:]}
    assert sorted(body) == BUNDLED
    for code in BUNDLED:
        assert body[code][1:3] == ["1.0", "yes"]
        assert int(body[code][3]) == COMPETENCIES[code]
        assert int(body[code][5]) == ROLE_PROFILES[code]
    assert body["mx-mgr"][6] == "Core managerial competencies"
    # columns are aligned: every row has the name at the same offset
    assert len({line.index(row[6]) for line, row in zip(en.out.splitlines(), table, strict=True)}) == 1

    es = cli(capsys, "--lang", "es", "--db", ready_db, "frameworks")
    assert es.code == 0
    table_es = _table(es.out)
    assert table_es[0] == ["código", "versión", "activo", "competencias", "roles", "perfiles", "nombre"]
    body_es = {row[0]: row for row in table_es[1:]}
    assert [body_es[c][2] for c in BUNDLED] == ["sí", "sí", "sí"]
    assert body_es["mx-mgr"][6] == "Competencias gerenciales"
    assert int(body_es["mx-ddat"][5]) == 59

    # --lang after the command name works too
    es2 = cli(capsys, "frameworks", "--db", ready_db, "--lang", "es")
    assert es2.out == es.out


# -- load-sample --------------------------------------------------------------------------------------
def test_load_sample_refuses_then_replaces(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert cli(capsys, "--db", db_url, "init-db").code == 0
    args = ("--db", db_url, "load-sample", "--staff", 120, "--agencies", 3)

    first = cli(capsys, *args, "--json")
    assert first.code == 0, first.err
    summary = first.json()
    assert summary["staff"] == 120
    assert summary["agencies"] == 3
    assert summary["frameworks"] == 3
    assert summary["competencies"] == sum(COMPETENCIES.values())
    assert summary["role_profiles"] == sum(ROLE_PROFILES.values())
    assert summary["assessments"] > 0
    assert summary["latest_assessment"] is not None
    loaded = summary["loaded"]
    assert loaded["staff"] == 120 and loaded["agencies"] == 3
    assert loaded["assessments"] == summary["assessments"]
    assert loaded["units"] == summary["units"] > 3

    again = cli(capsys, *args)
    assert again.code == 2
    assert again.out == ""
    assert again.err_lines == [
        "skillmap: the database already holds 120 staff; use --replace to load the sample anyway"]

    again_json = cli(capsys, *args, "--json")
    assert again_json.code == 2
    assert again_json.json() == {
        "error": True,
        "message": "the database already holds 120 staff; use --replace to load the sample anyway"}

    replaced = cli(capsys, *args, "--replace", "--json")
    assert replaced.code == 0, replaced.err
    after = replaced.json()
    assert after["staff"] == 120  # not 240
    assert after["agencies"] == 3
    assert after["assessments"] == summary["assessments"]  # same seed, nothing left over
    assert after["units"] == summary["units"]

    text = cli(capsys, *args, "--replace", "--seed", 7)
    assert text.code == 0, text.err
    assert text.out.startswith("Loaded the sample organisation: 120 staff in 3 agencies, ")


def test_load_sample_without_frameworks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = cli(capsys, "--db", tmp_path / "empty.db", "load-sample", "--staff", 60, "--agencies", 2)
    assert run.code == 2
    assert run.err_lines == ["skillmap: the sample needs framework 'mx-ddat'; install the bundled frameworks first"]


# -- import-framework (framework file) ----------------------------------------------------------------
VALID_YAML = """\
format: skillmap-framework/1
code: demo
version: "1.0"
name: {en: Demo framework, es: Marco de demostración}
scale:
  - {level: 0, code: none, name: {en: None, es: Ninguno}}
  - {level: 1, code: some, name: {en: Some, es: Algo}}
  - {level: 2, code: much, name: {en: Much, es: Mucho}}
categories:
  - code: DATA
    name: {en: Data, es: Datos}
    competencies:
      - code: STATS
        name: {en: Statistics, es: Estadística}
      - code: SQL
        name: {en: SQL, es: SQL}
role_families:
  - {code: DATA, name: {en: Data, es: Datos}}
roles:
  - code: analyst
    family: DATA
    name: {en: Analyst, es: Analista}
    levels:
      - seniority: 1
        title: {en: Analyst, es: Analista}
        requirements:
          STATS: {level: 1, weight: 1.5}
      - seniority: 2
        title: {en: Senior analyst, es: Analista sénior}
        requirements:
          STATS: 2
          SQL: 1
"""

BAD_PATH = "roles[0].levels[1].requirements.STATS"


def bad_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "malo.yaml"
    path.write_text(VALID_YAML.replace("STATS: 2", "STATS: 7"), encoding="utf-8")
    return path


def test_import_framework_valid_yaml(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path) -> None:
    assert cli(capsys, "--db", db_url, "init-db", "--no-frameworks").code == 0
    path = tmp_path / "demo.yaml"
    path.write_text(VALID_YAML, encoding="utf-8")

    run = cli(capsys, "--db", db_url, "import-framework", path, "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert (data["code"], data["version"], data["active"]) == ("demo", "1.0", True)
    assert (data["categories"], data["competencies"], data["roles"], data["role_profiles"],
            data["requirements"]) == (1, 2, 1, 2, 3)
    assert data["name_es"] == "Marco de demostración"
    assert data["warnings"] == []
    assert sorted(frameworks_by_code(capsys, db_url)) == ["demo"]

    again = cli(capsys, "--db", db_url, "import-framework", path)
    assert again.code == 2
    assert again.err_lines == [
        "skillmap: demo.yaml: framework demo version 1.0 is already in the database; give the file a new version"]

    v2 = tmp_path / "demo-2.yaml"
    v2.write_text(VALID_YAML.replace('version: "1.0"', 'version: "2.0"'), encoding="utf-8")
    text = cli(capsys, "--db", db_url, "import-framework", v2)
    assert text.code == 0, text.err
    assert text.out == "Imported framework demo 2.0: 2 competencies, 2 role profiles\n"


def test_import_framework_invalid_yaml(capsys: pytest.CaptureFixture[str], ready_db: Path, tmp_path: Path) -> None:
    path = bad_yaml(tmp_path)
    run = cli(capsys, "--db", ready_db, "import-framework", path)
    assert run.code == 2
    assert run.out == ""
    assert run.err_lines[0].startswith("skillmap: ")
    assert run.err_lines[0] == f"skillmap: malo.yaml, at {BAD_PATH}: level 7 is outside the scale 0–2"
    assert "Traceback" not in run.err
    assert "demo" not in frameworks_by_code(capsys, ready_db)  # nothing stored

    as_json = cli(capsys, "--db", ready_db, "import-framework", path, "--json")
    assert as_json.code == 2
    assert as_json.err == ""
    data = as_json.json()
    assert data["error"] is True
    assert len(data["problems"]) == 1
    problem = data["problems"][0]
    assert problem["file"] == str(path)
    assert problem["path"] == BAD_PATH
    assert problem["message"] == "level 7 is outside the scale 0–2"
    assert problem["code"] == "fw.level_range"
    assert problem["severity"] == "error"

    es = cli(capsys, "--db", ready_db, "import-framework", path, "--lang", "es")
    assert es.code == 2
    assert es.err_lines[0] == f"skillmap: malo.yaml, en {BAD_PATH}: el nivel 7 está fuera de la escala 0–2"
    es_json = cli(capsys, "--db", ready_db, "--lang", "es", "import-framework", path, "--json")
    assert es_json.json()["problems"][0]["message"] == "el nivel 7 está fuera de la escala 0–2"


def test_import_framework_lists_every_problem(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                             tmp_path: Path) -> None:
    path = tmp_path / "varios.yaml"
    path.write_text(VALID_YAML.replace("STATS: 2", "STATS: 7").replace("SQL: 1", "NOSQL: 1"), encoding="utf-8")
    run = cli(capsys, "--db", ready_db, "import-framework", path)
    assert run.code == 2
    lines = run.err_lines
    assert len(lines) == 2
    assert lines[0].startswith("skillmap: varios.yaml, at roles[0].levels[1].requirements.")
    assert lines[1].startswith("  varios.yaml, at roles[0].levels[1].requirements.")
    assert any("'NOSQL' is not defined in this framework" in line for line in lines)


def test_import_framework_unreadable_and_wrong_extension(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                                        tmp_path: Path) -> None:
    missing = cli(capsys, "--db", ready_db, "import-framework", tmp_path / "nada.yaml")
    assert missing.code == 2
    assert len(missing.err_lines) == 1
    assert missing.err.startswith("skillmap: nada.yaml: cannot read the file: ")

    txt = tmp_path / "marco.txt"
    txt.write_text(VALID_YAML, encoding="utf-8")
    wrong = cli(capsys, "--db", ready_db, "import-framework", txt)
    assert wrong.code == 2
    assert wrong.err_lines == ["skillmap: marco.txt: unknown extension '.txt': use .yaml, .yml or .json"]


# -- import-framework --table -------------------------------------------------------------------------
TABLE_HEADER = ["Familia", "Puesto", "Nivel del puesto", "Competencia", "Dominio requerido",
                "Descripción del nivel", "Estatus"]
TABLE_ROWS = [
    ["Datos", "Analista de datos", "Junior", "Análisis de datos", "Básico", "Explica qué es el análisis.", "Vigente"],
    ["Datos", "Analista de datos", "Senior", "Análisis de datos", "Avanzado", "Dirige análisis.", "Vigente"],
    ["Datos", "Analista de datos", "Senior", "Visualización", "Sobresaliente", "Fija estándares.", "Vigente"],
    ["Datos", "Ingeniería de datos", "Senior", "Análisis de datos", "Intermedio", "Aplica análisis.", "Vigente"],
    ["Datos", "Ingeniería de datos", "Senior", "Código heredado", "Básico", "", "No vigente"],
]
MAP_LEVEL = "skill_level=Dominio requerido"  # "Dominio requerido" is not a recognised header


def spanish_csv(tmp_path: Path, rows: list[list[str]] = TABLE_ROWS) -> Path:
    """As Excel in Spanish writes *CSV (delimitado por comas)*: semicolons, Windows-1252, CRLF."""
    path = tmp_path / "marco.csv"
    text = "".join(";".join(row) + "\r\n" for row in [TABLE_HEADER, *rows])
    path.write_bytes(text.encode("cp1252"))
    return path


def exported(capsys: pytest.CaptureFixture[str], db: object, code: str, out: Path) -> Framework:
    run = cli(capsys, "--db", db, "export-framework", code, "--out", out)
    assert run.code == 0, run.err
    return load_framework(out)


def test_import_long_table_csv(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path) -> None:
    assert cli(capsys, "--db", db_url, "init-db", "--no-frameworks").code == 0
    path = spanish_csv(tmp_path)
    assert "Análisis".encode("cp1252") in path.read_bytes()  # really not UTF-8

    run = cli(capsys, "--db", db_url, "import-framework", path, "--table", "--code", "marco-ti",
              "--map", MAP_LEVEL, "--level-word", "Sobresaliente=4", "--name", "Marco TI", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert (data["code"], data["version"], data["name_en"], data["name_es"]) == ("marco-ti", "1.0", "Marco TI",
                                                                                 "Marco TI")
    # "Código heredado" is not in use (row skipped)
    assert (data["competencies"], data["roles"], data["role_profiles"], data["requirements"]) == (2, 2, 3, 4)
    assert data["warnings"] == []
    assert frameworks_by_code(capsys, db_url)["marco-ti"]["role_profiles"] == 3

    fw = exported(capsys, db_url, "marco-ti", tmp_path / "marco-ti.yaml")
    reqs = {lv.code: {q.competency: q.level for q in lv.requirements} for r in fw.roles for lv in r.levels}
    assert reqs == {
        "analista-de-datos-1": {"ANALISIS-DE-DATOS": 1},
        "analista-de-datos-3": {"ANALISIS-DE-DATOS": 3, "VISUALIZACION": 4},  # Sobresaliente=4
        "ingenieria-de-datos-3": {"ANALISIS-DE-DATOS": 2},
    }
    assert fw.roles[0].name.es == "Analista de datos"


def test_import_long_table_default_code_and_text(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                                 tmp_path: Path) -> None:
    path = spanish_csv(tmp_path, TABLE_ROWS[:2])
    run = cli(capsys, "--db", ready_db, "import-framework", "--table", path, "--map", MAP_LEVEL, "--version", "2024")
    assert run.code == 0, run.err
    assert run.out == "Imported framework marco 2024: 1 competencies, 2 role profiles\n"  # code from the file name
    assert frameworks_by_code(capsys, ready_db)["marco"]["version"] == "2024"


def test_import_long_table_unknown_level_word(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                             tmp_path: Path) -> None:
    path = spanish_csv(tmp_path)
    args = ("--db", ready_db, "import-framework", path, "--table", "--code", "marco-ti", "--map", MAP_LEVEL)
    run = cli(capsys, *args)
    assert run.code == 2
    first = run.err_lines[0]
    # "Sobresaliente" is on the fourth spreadsheet row (header is row 1)
    assert first.startswith("skillmap: marco.csv, row 4, column “Dominio requerido”: level “Sobresaliente” ")
    assert "--level-word" in first
    assert "marco-ti" not in frameworks_by_code(capsys, ready_db)

    as_json = cli(capsys, *args, "--json")
    assert as_json.code == 2
    (problem,) = as_json.json()["problems"]
    assert (problem["file"], problem["row"], problem["column"], problem["code"]) == (
        str(path), 4, "Dominio requerido", "lt.level_word")

    es = cli(capsys, *args, "--lang", "es")
    assert es.err_lines[0].startswith(
        "skillmap: marco.csv, fila 4, columna «Dominio requerido»: el nivel «Sobresaliente» no está en la tabla")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--level-word", "Sobresaliente", "expected NAME=VALUE, got 'Sobresaliente'"),
        ("--level-word", "Sobresaliente=cuatro", "expected NAME=VALUE, got 'Sobresaliente=cuatro'"),
        ("--map", "=Dominio requerido", "expected NAME=VALUE, got '=Dominio requerido'"),
    ],
)
def test_import_long_table_bad_pairs(capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str,
                                     message: str) -> None:
    path = spanish_csv(tmp_path)
    run = cli(capsys, "--db", tmp_path / "x.db", "import-framework", path, "--table", "--map", MAP_LEVEL, option,
              value)
    assert run.code == 2
    assert run.err_lines == [f"skillmap: {message}"]


def test_import_long_table_map_to_missing_header(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                                 tmp_path: Path) -> None:
    path = spanish_csv(tmp_path)
    run = cli(capsys, "--db", ready_db, "import-framework", path, "--table", "--map", "skill_level=Nivel esperado",
              "--json")
    assert run.code == 2
    problems = run.json()["problems"]
    assert problems[0]["file"] == str(path)
    assert problems[0]["row"] == 1
    assert "Nivel esperado" in problems[0]["message"]


# -- export-framework ---------------------------------------------------------------------------------
def _bundled(code: str) -> Framework:
    (path,) = [p for p in bundled_framework_files() if p.stem == code]
    return load_framework(path)


@pytest.mark.parametrize("ext", ["yaml", "json"])
def test_export_framework_file_format_round_trips(capsys: pytest.CaptureFixture[str], ready_db: Path,
                                                  tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"x.{ext}"
    run = cli(capsys, "--db", ready_db, "export-framework", "mx-mgr", "--out", out, "--json")
    assert run.code == 0, run.err
    assert run.json() == {"file": str(out)}
    assert out.is_file()
    if ext == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["code"] == "mx-mgr"
    fw = load_framework(out)
    assert (fw.code, fw.version) == ("mx-mgr", "1.0")
    assert len(list(fw.competencies())) == 5
    assert sum(len(r.levels) for r in fw.roles) == 5
    assert framework_to_dict(fw) == framework_to_dict(_bundled("mx-mgr"))


def test_export_framework_xlsx(capsys: pytest.CaptureFixture[str], ready_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    run = cli(capsys, "--db", ready_db, "export-framework", "mx-mgr", "--out", out)
    assert run.code == 0, run.err
    assert run.out == f"Wrote {out}\n"
    wb = load_workbook(out, read_only=True)
    try:
        assert wb.sheetnames == ["Framework", "Competencies", "Role requirements"]
        comp_rows = list(wb["Competencies"].iter_rows(values_only=True))
        header = list(comp_rows[0])
        codes = {row[header.index("code")] for row in comp_rows[1:] if any(row)}
        assert codes == {c.code for c in _bundled("mx-mgr").competencies()}
        req_rows = [row for row in list(wb["Role requirements"].iter_rows(values_only=True))[1:] if any(row)]
        expected = sum(len(lv.requirements) for r in _bundled("mx-mgr").roles for lv in r.levels)
        assert len(req_rows) == expected > 0
    finally:
        wb.close()


def test_export_framework_errors(capsys: pytest.CaptureFixture[str], ready_db: Path, tmp_path: Path) -> None:
    unknown = cli(capsys, "--db", ready_db, "export-framework", "nope", "--out", tmp_path / "x.yaml")
    assert unknown.code == 2
    assert unknown.err_lines == ["skillmap: no framework with code 'nope' in the database"]
    assert not (tmp_path / "x.yaml").exists()

    version = cli(capsys, "--db", ready_db, "export-framework", "mx-mgr", "--version", "9.9", "--out",
                  tmp_path / "x.yaml")
    assert version.code == 2
    assert version.err_lines == ["skillmap: no framework with code 'mx-mgr' version 9.9 in the database"]

    bad_ext = cli(capsys, "--db", ready_db, "export-framework", "mx-mgr", "--out", tmp_path / "x.txt")
    assert bad_ext.code == 2
    assert bad_ext.err_lines == ["skillmap: x.txt: unknown export format '.txt': use .yaml, .json or .xlsx"]
    assert not (tmp_path / "x.txt").exists()

    as_json = cli(capsys, "--db", ready_db, "export-framework", "nope", "--out", tmp_path / "x.yaml", "--json")
    assert as_json.code == 2
    assert as_json.json()["problems"][0]["code"] == "fw.not_found"


# -- generate-sample ----------------------------------------------------------------------------------
def _plantilla(path: Path) -> list[tuple[Any, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb["Plantilla"].iter_rows(values_only=True))
    finally:
        wb.close()


def _generate(capsys: pytest.CaptureFixture[str], out: Path, *extra: object) -> dict[str, Any]:
    run = cli(capsys, "generate-sample", "--out", out, "--staff", 60, "--agencies", 2, *extra, "--json")
    assert run.code == 0, run.err
    return dict(run.json())


def test_generate_sample(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = _generate(capsys, tmp_path / "a")
    book = tmp_path / "a" / "muestra_rh_60.xlsx"
    assert data["workbook"] == str(book)
    assert data["files"] == [str(book), str(book.with_name("muestra_rh_60_organizacion.json"))]  # no history CSV
    assert (data["staff"], data["agencies"]) == (60, 2)
    assert data["assessments"] > 0
    assert book.is_file()

    rows = _plantilla(book)
    header = next(i for i, r in enumerate(rows) if r[0] == "Núm. Empleado")
    staff = [r for r in rows[header + 1:] if r[1]]  # rows with a CURP
    assert len(staff) == 60
    assert rows[-1][0] == "Total de registros: 60"
    assert len({r[0] for r in staff}) == 60  # employee numbers are unique

    _generate(capsys, tmp_path / "b")
    assert _plantilla(tmp_path / "b" / "muestra_rh_60.xlsx") == rows  # same seed, same cells

    _generate(capsys, tmp_path / "c", "--seed", 1)
    assert _plantilla(tmp_path / "c" / "muestra_rh_60.xlsx") != rows  # the seed matters


def test_generate_sample_lists_only_its_own_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _generate(capsys, tmp_path, "--name", "ab")
    data = _generate(capsys, tmp_path, "--name", "a")
    assert data["files"] == [str(tmp_path / "a.xlsx"), str(tmp_path / "a_organizacion.json")]  # not ab.xlsx


# -- errors -------------------------------------------------------------------------------------------
def test_database_that_cannot_connect(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "--db", UNREACHABLE_DB, "frameworks")
    assert run.code == 2
    assert run.out == ""
    assert len(run.err_lines) == 1
    assert run.err_lines[0].startswith("skillmap: database error: ")
    assert "127.0.0.1" in run.err
    assert "Traceback" not in run.err

    es = cli(capsys, "--lang", "es", "init-db", "--db", UNREACHABLE_DB)
    assert es.code == 2
    assert len(es.err_lines) == 1
    assert es.err_lines[0].startswith("skillmap: error de base de datos: ")


def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export-framework", "mx-mgr"])  # --out is required
    assert exc.value.code == 2
    assert "--out" in capsys.readouterr().err


# -- the installed command and main.py ----------------------------------------------------------------
def test_entry_points_run_as_subprocesses(ready_db: Path) -> None:
    (script,) = [ep for ep in metadata.entry_points(group="console_scripts") if ep.name == "skillmap"]
    assert script.value == "skillmap.cli:main"

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    version = subprocess.run([sys.executable, "-m", "skillmap", "--version"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=120, check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"skillmap {__version__}\n"

    listing = subprocess.run([sys.executable, "main.py", "frameworks", "--db", str(ready_db), "--json"], cwd=REPO,
                             env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert listing.returncode == 0, listing.stderr
    rows = {f["code"]: f for f in json.loads(listing.stdout)}
    assert {c: r["competencies"] for c, r in rows.items()} == COMPETENCIES
