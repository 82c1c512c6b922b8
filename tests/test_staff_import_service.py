"""The import service: plan, one-transaction commit, re-import differences, undo — on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, func, insert, select, text

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.importing.model import SOURCES, LevelColumns, ParsedStaff, StaffMapping, StaffRow
from skillmap.importing.staff import ParsedSheet
from skillmap.problems import InputError, Problem
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff_import import (
    commit_import,
    competency_refs,
    list_imports,
    load_mapping,
    mapping_names,
    plan_import,
    save_mapping,
    undo_import,
)
from skillmap.tasks import Cancelled, Progress

FIELDS = {"employee_number": "Núm. Empleado", "given_names": "Nombre(s)", "first_surname": "Apellido paterno",
          "second_surname": "Apellido materno", "agency": "Dependencia", "unit": "Unidad administrativa",
          "position": "Puesto", "grade": "Nivel", "hire_date": "Fecha de ingreso",
          "manager_employee_number": "Jefe", "role_profile": "Perfil"}


def person(n: int, **over: object) -> StaffRow:
    base = dict(row=n + 5, employee_number=f"{1000 + n}", given_names=f"Persona{n}", first_surname="García",
                second_surname="López", agency="Secretaría de Pruebas", unit="Dirección de Datos",
                position_title="Analista", grade="P11", hire_date=date(2015, 1, 1 + n % 28),
                manager_employee_number="1000" if n else None, role_profile="data-analyst-2")
    base.update(over)
    return StaffRow(**base)  # type: ignore[arg-type]


def levels(numbers: list[str], comp_ids: list[int], level: int, on: date, source: str = "manager") -> LevelColumns:
    people = np.repeat(np.arange(len(numbers), dtype=np.int32), len(comp_ids))
    n = len(people)
    return LevelColumns(
        employee_number=list(numbers), person=people,
        competency_id=np.tile(np.array(comp_ids, dtype=np.int64), len(numbers)),
        level=np.full(n, level, np.int16), assessed_on=np.full(n, np.datetime64(on, "D")),
        source=np.full(n, SOURCES.index(source), np.int8), row=(people + 6).astype(np.int32))


def parsed(staff: list[StaffRow], lv: LevelColumns | None = None, problems: list[Problem] | None = None,
           fields: dict[str, str] | None = None, file: str = "plantilla.xlsx") -> ParsedStaff:
    return ParsedStaff(file=file, sheet="Plantilla", header_row=5, mapping=StaffMapping(fields=fields or FIELDS),
                       staff=staff, levels=lv or LevelColumns(), problems=problems or [])


@pytest.fixture
def db(engine: Engine) -> Engine:
    install_bundled_frameworks(engine)
    return engine


def comp_ids(engine: Engine, n: int = 3) -> list[int]:
    return [c.id for c in competency_refs(engine) if c.framework_code == "mx-ddat"][:n]


def count(engine: Engine, model: type[m.Base]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_first_import_adds_people_places_levels_and_records_the_batch(db: Engine) -> None:
    cids = comp_ids(db)
    staff = [person(i) for i in range(5)]
    plan = plan_import(db, parsed(staff, levels([p.employee_number for p in staff], cids, 2, date(2026, 3, 1))),
                       sha256="abc")
    assert plan.counts()["new_people"] == 5 and plan.levels_new == 15
    assert plan.new_agencies == ["Secretaría de Pruebas"]
    assert count(db, m.Staff) == 0  # planning writes nothing
    outcome = commit_import(db, plan, actor="ana")
    assert count(db, m.Staff) == 5 and count(db, m.Assessment) == 15
    with db.connect() as conn:
        boss = conn.execute(select(m.Staff.id).where(m.Staff.employee_number == "1000")).scalar_one()
        managers = set(conn.execute(select(m.Staff.manager_id).where(m.Staff.employee_number != "1000")).scalars())
        assert managers == {boss}
        profile = conn.execute(select(m.RoleProfile.code).join(m.Staff, m.Staff.role_profile_id == m.RoleProfile.id)
                               .limit(1)).scalar_one()
        assert profile == "data-analyst-2"
        unit = conn.execute(select(m.Unit.name)).scalar_one()
        assert unit == "Dirección de Datos"
    (summary,) = list_imports(db)
    assert (summary.id, summary.status, summary.sha256, summary.imported_by) == (outcome.batch_id, "done", "abc", "ana")
    assert summary.counts["people_added"] == 5


def test_reimport_shows_differences_missing_people_and_appends_history(db: Engine) -> None:
    cids = comp_ids(db)
    first = [person(i) for i in range(4)]
    commit_import(db, plan_import(db, parsed(first, levels([p.employee_number for p in first], cids, 1,
                                                                 date(2025, 1, 1)))))
    same = plan_import(db, parsed(first, levels([p.employee_number for p in first], cids, 1, date(2025, 1, 1))))
    assert same.counts()["unchanged_people"] == 4 and same.levels_new == 0 and same.levels_already_stored == 12

    second = [person(0), person(1, grade="O21", unit="Dirección de Análisis"), person(2), person(9)]
    plan = plan_import(db, parsed(second, levels(["1001"], cids[:1], 3, date(2026, 6, 1))))
    assert [p.employee_number for p in plan.new_people] == ["1009"]
    assert [(c.row.employee_number, sorted(f.field for f in c.changes)) for c in plan.changed] == [
        ("1001", ["grade", "unit"])]
    grade = next(f for f in plan.changed[0].changes if f.field == "grade")
    assert (grade.old, grade.new) == ("P11", "O21")
    assert [n for n, _ in plan.missing] == ["1003"]
    assert plan.new_units == [("Secretaría de Pruebas", "Dirección de Análisis")]
    commit_import(db, plan)
    with db.connect() as conn:
        grade_now = conn.execute(select(m.Staff.grade).where(m.Staff.employee_number == "1001")).scalar_one()
        history = conn.execute(select(m.Assessment.level).join(m.Staff, m.Staff.id == m.Assessment.staff_id).where(
            m.Staff.employee_number == "1001", m.Assessment.competency_id == cids[0])
            .order_by(m.Assessment.assessed_on)).scalars().all()
        still_there = conn.execute(select(func.count()).where(m.Staff.employee_number == "1003")).scalar()
    assert grade_now == "O21"
    assert history == [1, 3]  # appended, never overwritten
    assert still_there == 1  # missing people are reported, not deleted


def test_people_whose_rows_have_errors_are_not_missing(db: Engine) -> None:
    """A person whose row has an error is left out of the import, but is in the file: not “missing”."""
    commit_import(db, plan_import(db, parsed([person(i) for i in range(4)])))
    bad = Problem("value.curp_check", {"value": "X", "expected": "1"}, file="plantilla.xlsx", sheet="Plantilla",
                  row=person(2).row, column="CURP")
    again = ParsedSheet(**{**parsed([person(0), person(1)], problems=[bad]).__dict__},
                        error_employee_numbers=frozenset({"1002"}))
    plan = plan_import(db, again)
    assert [n for n, _ in plan.missing] == ["1003"]  # 1002 is in the file, in a row with an error
    assert plan.bad_rows == {person(2).row} and plan.counts()["rows_with_errors"] == 1
    assert plan.to_json()["counts"]["missing_people"] == 1


def test_a_competency_removed_after_planning_stops_the_commit(db: Engine) -> None:
    """The commit vouches for its references (SQLite skips the per-row foreign key lookups): a competency
    deleted between plan and commit is caught, and nothing is stored."""
    cids = comp_ids(db)
    plan = plan_import(db, parsed([person(0)], levels(["1000"], cids, 2, date(2026, 1, 1))))
    with db.begin() as conn:
        conn.execute(m.RoleRequirement.__table__.delete().where(m.RoleRequirement.competency_id == cids[1]))
        conn.execute(m.Competency.__table__.delete().where(m.Competency.id == cids[1]))
    with pytest.raises(InputError) as err:
        commit_import(db, plan)
    assert err.value.problems[0].key == "imp.stale_plan"
    assert count(db, m.Staff) == 0 and count(db, m.ImportBatch) == 0
    with db.connect() as conn:  # the connection's foreign keys are on again
        if db.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_managers_are_linked_in_any_file_order_and_loops(db: Engine) -> None:
    """Managers listed after the people they manage, chains, and a loop (A reports to B, B to A)."""
    staff = [person(1, manager_employee_number="1002"), person(2, manager_employee_number="1003"),
             person(3, manager_employee_number=None), person(4, manager_employee_number="1005"),
             person(5, manager_employee_number="1004"), person(6, manager_employee_number="1004")]
    commit_import(db, plan_import(db, parsed(staff)))
    with db.connect() as conn:
        number = dict(conn.execute(select(m.Staff.id, m.Staff.employee_number)).all())
        boss = {number[i]: number.get(b) for i, b in conn.execute(select(m.Staff.id, m.Staff.manager_id))}
    assert boss == {"1001": "1002", "1002": "1003", "1003": None, "1004": "1005", "1005": "1004",
                    "1006": "1004"}
    # a second file: new people whose managers were stored by the first
    commit_import(db, plan_import(db, parsed([person(7, manager_employee_number="1003")])))
    with db.connect() as conn:
        manager = conn.execute(select(m.Staff.manager_id).where(m.Staff.employee_number == "1007")).scalar()
        assert number[manager] == "1003"


def test_fields_the_file_does_not_map_keep_their_values(db: Engine) -> None:
    commit_import(db, plan_import(db, parsed([person(0, grade="O21")])))
    fewer = {k: v for k, v in FIELDS.items() if k != "grade"}
    plan = plan_import(db, parsed([person(0, grade=None)], fields=fewer))
    assert plan.counts()["unchanged_people"] == 1
    commit_import(db, plan)
    with db.connect() as conn:
        assert conn.execute(select(m.Staff.grade)).scalar_one() == "O21"


def test_rows_with_errors_are_left_out() -> None:
    staff = [person(0), person(1)]
    bad = Problem("x", {}, file="f.xlsx", sheet="Plantilla", row=99)
    p = parsed(staff, problems=[bad])
    assert p.error_rows == {99}


def test_undo_restores_updated_people_and_removes_what_the_import_added(db: Engine) -> None:
    cids = comp_ids(db)
    first = commit_import(db, plan_import(db, parsed([person(0), person(1)],
                                                     levels(["1000", "1001"], cids, 1, date(2025, 1, 1)))))
    second = commit_import(db, plan_import(db, parsed(
        [person(0, grade="M33", position_title="Directora"), person(1), person(2, agency="Otra Dependencia")],
        levels(["1000"], cids, 4, date(2026, 1, 1)))))
    assert count(db, m.Staff) == 3 and count(db, m.Assessment) == 9
    with pytest.raises(InputError) as err:
        undo_import(db, first.batch_id)
    assert err.value.problems[0].key == "imp.later_import"
    counts = undo_import(db, second.batch_id, actor="ana")
    assert counts["people_removed"] == 1 and counts["people_restored"] == 1 and counts["levels_removed"] == 3
    assert counts["agencies_removed"] == 1
    with db.connect() as conn:
        grade, position = conn.execute(select(m.Staff.grade, m.Staff.position_title)
                                       .where(m.Staff.employee_number == "1000")).one()
    assert (grade, position) == ("P11", "Analista")
    assert count(db, m.Assessment) == 6
    with pytest.raises(InputError):
        undo_import(db, second.batch_id)
    undo_import(db, first.batch_id)
    assert count(db, m.Staff) == 0 and count(db, m.Assessment) == 0 and count(db, m.Agency) == 0
    assert [s.status for s in list_imports(db)] == ["undone", "undone"]


def test_undo_is_refused_while_a_later_import_holds_completions_of_people_it_created(db: Engine) -> None:
    staff = commit_import(db, plan_import(db, parsed([person(0), person(1)])))
    with db.begin() as conn:
        course = conn.execute(insert(m.Course).values(code="TE-01", area="technical", hours=8, modality="online",
                                                      version=1).returning(m.Course.id)).scalar_one()
        later = conn.execute(insert(m.ImportBatch).values(kind="completions", status="done", counts={})
                             .returning(m.ImportBatch.id)).scalar_one()
        sid = conn.execute(select(m.Staff.id).where(m.Staff.employee_number == "1001")).scalar_one()
        conn.execute(insert(m.CourseCompletion).values(staff_id=sid, course_id=course, completed_on=date(2026, 2, 1),
                                                       result="passed", import_batch_id=later))
    with pytest.raises(InputError) as err:
        undo_import(db, staff.batch_id)
    assert err.value.problems[0].key == "imp.later_import" and err.value.problems[0].params["later"] == later
    assert count(db, m.Staff) == 2 and count(db, m.CourseCompletion) == 1
    undo_import(db, later)
    undo_import(db, staff.batch_id)
    assert count(db, m.Staff) == 0


def test_a_cancelled_commit_writes_nothing(db: Engine) -> None:
    staff = [person(i) for i in range(50)]
    plan = plan_import(db, parsed(staff, levels([p.employee_number for p in staff], comp_ids(db, 10), 2,
                                                 date(2026, 1, 1))))
    progress = Progress(lambda d, t, _m: progress.cancel() if d >= 50 else None, min_interval=0)
    with pytest.raises(Cancelled):
        commit_import(db, plan, progress=progress)
    assert count(db, m.Staff) == 0 and count(db, m.ImportBatch) == 0 and count(db, m.Agency) == 0


def test_mappings_are_saved_and_offered_again(db: Engine) -> None:
    mapping = StaffMapping(sheet="Plantilla", fields={"employee_number": "No. Emp"}, level_words={"destacado": 4},
                           assessed_on=date(2026, 1, 31))
    save_mapping(db, "RH Hacienda", mapping)
    save_mapping(db, "RH Hacienda", mapping)  # replaces
    assert mapping_names(db) == ["RH Hacienda"]
    assert load_mapping(db, "RH Hacienda") == mapping
    assert load_mapping(db, "nope") is None


KILLER = r"""
import sys, time
from datetime import date
import numpy as np
sys.path.insert(0, {tests!r})
from skillmap.db.migrate import open_database
from skillmap.services.staff_import import plan_import, commit_import, competency_refs
from skillmap.tasks import Progress
from test_staff_import_service import person, levels, parsed
engine = open_database({db!r})
staff = [person(i) for i in range(3000)]
cids = [c.id for c in competency_refs(engine)][:40]
plan = plan_import(engine, parsed(staff, levels([p.employee_number for p in staff], cids, 2, date(2026, 1, 1))))
def report(done, total, msg):
    if done > total // 3:
        open({flag!r}, "w").close()
        time.sleep(60)
commit_import(engine, plan, progress=Progress(report, min_interval=0))
"""


def test_killing_the_process_mid_import_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    engine = open_database(db)
    install_bundled_frameworks(engine)
    flag = tmp_path / "started"
    script = KILLER.format(tests=str(Path(__file__).parent), db=str(db), flag=str(flag))
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert proc.poll() is None, "the import process ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    engine = open_database(db)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        for model in (m.Staff, m.Assessment, m.ImportBatch, m.Agency, m.ImportChange):
            assert conn.execute(select(func.count()).select_from(model)).scalar() == 0, model.__tablename__


def test_a_full_name_column_does_not_resplit_stored_names(db: Engine) -> None:
    commit_import(db, plan_import(db, parsed([person(0, given_names="María del Carmen", first_surname="Martínez",
                                                     second_surname=None)])))
    only_full = {"employee_number": "Núm. Empleado", "full_name": "Nombre completo"}
    resplit = person(0, given_names="María", first_surname="del Carmen", second_surname="Martínez")
    plan = plan_import(db, parsed([resplit], fields=only_full))
    assert plan.counts()["unchanged_people"] == 1
    renamed = person(0, given_names="María", first_surname="del Carmen", second_surname="Ortiz")
    plan = plan_import(db, parsed([renamed], fields=only_full))
    assert [f.field for f in plan.changed[0].changes] == ["first_surname", "second_surname"] or [
        f.field for f in plan.changed[0].changes] == ["given_names", "first_surname", "second_surname"]


def test_places_are_found_again_however_they_are_written(db: Engine) -> None:
    """Agencies and units are matched without accents or case, also when a name holds a line break (typed
    with Alt+Enter in Excel): importing the file again adds no agency and no unit."""
    names = ["Dirección de Datos", "DIRECCION DE DATOS", "Dirección\nGeneral de Planeación", "Coordinación Ñandú"]
    staff = [person(i, unit=names[i % len(names)], manager_employee_number=None) for i in range(8)]
    commit_import(db, plan_import(db, parsed(staff)))
    agencies, units = count(db, m.Agency), count(db, m.Unit)
    assert units == 3  # the first two are one unit
    again = plan_import(db, parsed([person(i, unit=names[i % len(names)].lower(), manager_employee_number=None)
                                    for i in range(8)]))
    assert again.new_units == [] and again.new_agencies == []
    commit_import(db, again)
    assert (count(db, m.Agency), count(db, m.Unit)) == (agencies, units)
