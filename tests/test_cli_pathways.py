"""``skillmap pathway`` and ``skillmap plan``: the commands print or write what the services compute."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from test_cli import Run, _dispose_engines, cli

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.services import pathways as P
from skillmap.services import plans as PL

__all__ = ["_dispose_engines"]


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("pw-cli") / "template.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=150, n_agencies=3, seed=2026))
    engine.dispose()
    yield path


@pytest.fixture
def db(_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "skillmap.db"
    shutil.copyfile(_template, path)
    return path


def _service(db: Path) -> tuple[Engine, P.PathwayData]:
    engine = open_database(db)
    return engine, P.load_pathway_data(engine, lang="en")


def _person(engine: Engine) -> tuple[str, str]:
    with engine.connect() as conn:
        row = conn.execute(select(m.Staff.employee_number, m.Unit.code).join(m.Unit, m.Unit.id == m.Staff.unit_id)
                           .where(m.Staff.role_profile_id.is_not(None)).order_by(m.Staff.id)).first()
    assert row is not None
    return row[0], row[1]


def _busiest_role(db: Path) -> str:
    """The role profile most people hold (its typical gap gives a track with courses)."""
    from sqlalchemy import func

    engine = open_database(db)
    try:
        with engine.connect() as conn:
            held = select(m.RoleProfile.code).join(m.Staff, m.Staff.role_profile_id == m.RoleProfile.id)
            return str(conn.execute(held
                                    .group_by(m.RoleProfile.code).order_by(func.count().desc(), m.RoleProfile.code)
                                    .limit(1)).scalar())
    finally:
        engine.dispose()


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: object) -> Run:
    return cli(capsys, "--db", db, *args)


def test_route_json_is_the_services(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    engine, pd = _service(db)
    try:
        number, _unit = _person(engine)
        want = P.route_json(pd, pd.person(number), pd.role("data-analyst-1"))
    finally:
        engine.dispose()
    got = run(capsys, db, "pathway", "--lang", "en", "--person", number, "--target", "data-analyst-1", "--json")
    assert got.code == 0, got.err
    assert got.json() == want


def test_ranking_and_core_tables(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    engine, pd = _service(db)
    try:
        target = pd.role("data-analyst-1")
        ranking = P.ranking_rows(pd, target).to_json()
        core = P.core_rows(pd).to_json()
        moves = P.move_rows(pd).to_json()
    finally:
        engine.dispose()
    got = run(capsys, db, "pathway", "--lang", "en", "--target", "data-analyst-1", "--json")
    assert got.code == 0 and got.json()["rows"] == ranking["rows"]
    assert len(got.json()["rows"]) == 150
    got = run(capsys, db, "pathway", "--lang", "en", "--json")
    assert got.json()["rows"] == core["rows"]
    got = run(capsys, db, "pathway", "--lang", "en", "--moves", "--json")
    assert got.json()["rows"] == moves["rows"]
    # a stricter threshold: fewer moves
    strict = run(capsys, db, "pathway", "--moves", "--threshold", "0.9", "--json").json()["rows"]
    assert len(strict) < len(moves["rows"])


def test_ranking_written_to_xlsx(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ranking.xlsx"
    got = run(capsys, db, "pathway", "--target", "data-analyst-1", "--out", out, "--json")
    assert got.code == 0 and got.json()["rows"] == 150
    ws = load_workbook(out).active
    assert ws is not None
    rows = [r for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == "Rank")
    assert [r[0] for r in rows[header + 1:]] == list(range(1, 151))


def test_plan_for_a_person_and_a_unit(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    engine = open_database(db)
    try:
        number, unit = _person(engine)
        pp = PL.plan_for_person(engine, number, "data-scientist-2", start=date(2027, 1, 4), hours_per_week=6)
    finally:
        engine.dispose()
    got = run(capsys, db, "plan", "--person", number, "--target", "data-scientist-2", "--start", "2027-01-04",
              "--hours-per-week", "6", "--json")
    assert got.code == 0, got.err
    js = got.json()
    assert [c["course"] for c in js["courses"]] == list(pp.plan.codes)
    assert js["finish"] == pp.finish.isoformat() and js["exact"] == pp.plan.exact
    text = run(capsys, db, "--lang", "es", "plan", "--person", number, "--target", "data-scientist-2")
    assert text.code == 0 and "Plan de cursos" in text.out
    unit_run = run(capsys, db, "plan", "--unit", unit, "--json")
    assert unit_run.code == 0, unit_run.err
    assert unit_run.json()["people"] == len(unit_run.json()["rows"]) > 0
    courses = run(capsys, db, "plan", "--unit", unit, "--courses", "--json").json()
    assert courses["kind"] == "plan_courses" and courses["rows"]


def test_bad_arguments_say_what_is_wrong(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    got = run(capsys, db, "--lang", "es", "pathway", "--person", "123")
    assert got.code != 0 and "--target" in got.err
    got = run(capsys, db, "plan", "--person", "nobody-1", "--lang", "en")
    assert got.code != 0 and "nobody-1" in got.err
    got = run(capsys, db, "plan", "--lang", "en")
    assert got.code != 0 and "--unit" in got.err
    got = run(capsys, db, "pathway", "--lang", "en", "--target", "astronaut")
    assert got.code != 0 and "astronaut" in got.err


# -- tracks, assign, progress, certification ---------------------------------------------------------------
def test_generate_a_track_assign_it_to_a_unit_and_follow_progress(capsys: pytest.CaptureFixture[str],
                                                                  db: Path) -> None:
    from skillmap.services import training as T

    got = run(capsys, db, "tracks", "--generate", _busiest_role(db), "--save", "--user", "ana", "--json")
    assert got.code == 0, got.err
    track = got.json()
    assert track["saved"] and track["courses"]
    listed = run(capsys, db, "tracks", "--json").json()
    assert [t["code"] for t in listed] == [track["code"]] and listed[0]["courses"] == track["courses"]

    engine = open_database(db)
    try:
        _number, unit = _person(engine)
        with engine.connect() as conn:
            agency = conn.execute(select(m.Agency.code).join(m.Unit, m.Unit.agency_id == m.Agency.id)
                                  .where(m.Unit.code == unit)).scalar()
        audience = T.UnitAudience(unit, True, agency)
        want = len(T.audience_staff(engine, audience))
    finally:
        engine.dispose()
    dry = run(capsys, db, "assign", "--track", track["code"], "--unit", unit, "--agency", agency, "--dry-run",
              "--json")
    assert dry.code == 0, dry.err
    assert dry.json()["selected"] == want > 0
    done = run(capsys, db, "assign", "--track", track["code"], "--unit", unit, "--agency", agency,
               "--due", "2027-06-30", "--json")
    assert done.code == 0 and done.json()["assigned"] == want
    again = run(capsys, db, "assign", "--track", track["code"], "--unit", unit, "--agency", agency, "--json")
    assert again.json()["assigned"] == 0 and again.json()["already_assigned"] == want

    engine = open_database(db)
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(m.Assignment.due_on)).scalars().all()
        table = T.assignment_progress(engine)
    finally:
        engine.dispose()
    assert len(stored) == want and set(stored) == {date(2027, 6, 30)}
    progress = run(capsys, db, "progress", "--track", track["code"], "--json").json()
    assert progress["counts"] == table.counts() and len(progress["rows"]) == want
    refreshed = run(capsys, db, "progress", "--refresh", "--json").json()
    assert refreshed["checked"] == want
    out = db.parent / "avance.csv"
    written = run(capsys, db, "progress", "--out", out, "--user", "ana", "--json")
    assert written.code == 0 and written.json()["rows"] == want
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            audit = conn.execute(select(m.AuditLog.actor, m.AuditLog.entity_type, m.AuditLog.details)
                                 .order_by(m.AuditLog.id.desc())).first()
    finally:
        engine.dispose()
    assert audit is not None and audit[0] == "ana" and audit[1] == "table"
    assert len(audit[2]["staff_ids"]) == want and audit[2]["file"] == "avance.csv"


def test_assign_to_listed_people_and_to_a_gap(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    from skillmap.services import training as T

    code = run(capsys, db, "tracks", "--generate", _busiest_role(db), "--save", "--json").json()["code"]
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            numbers = conn.execute(select(m.Staff.employee_number).order_by(m.Staff.id).limit(3)).scalars().all()
            comp = conn.execute(select(m.Competency.id).where(m.Competency.code == "DATA-ANALYSIS")).scalar()
        gap = len(T.audience_staff(engine, T.GapAudience(int(comp), 1)))
    finally:
        engine.dispose()
    got = run(capsys, db, "assign", "--track", code, "--staff", ",".join(numbers), "--json")
    assert got.code == 0 and got.json()["assigned"] == 3
    got = run(capsys, db, "assign", "--track", code, "--gap", "DATA-ANALYSIS", "--dry-run", "--json")
    assert got.json()["selected"] == gap
    bad = run(capsys, db, "--lang", "es", "assign", "--track", code, "--staff", "nadie-1")
    assert bad.code != 0 and "nadie-1" in bad.err
    bad = run(capsys, db, "--lang", "en", "assign", "--track", code)
    assert bad.code != 0 and "--unit" in bad.err
    bad = run(capsys, db, "--lang", "en", "assign", "--track", "no-such-track", "--staff", numbers[0])
    assert bad.code != 0 and "no-such-track" in bad.err


def test_certification_lists_are_the_services(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    from skillmap.services import certification as C

    programs = run(capsys, db, "certification", "--json").json()
    assert programs
    code = programs[0]["code"]
    engine = open_database(db)
    try:
        report = C.program_status(engine, code, as_of=date(2026, 6, 1))
    finally:
        engine.dispose()
    got = run(capsys, db, "certification", "--program", code, "--as-of", "2026-06-01", "--json").json()
    assert got["counts"] == report.counts()
    due = run(capsys, db, "certification", "--program", code, "--as-of", "2026-06-01", "--status", "at_risk",
              "--json").json()
    assert [r["employee_number"] for r in due["rows"]] == [r["employee_number"] for r in report.rows("at_risk")]
