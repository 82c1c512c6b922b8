"""Course completions: the import service (plan, one-transaction commit, undo) and ``skillmap import-completions``.

Every input is a real file written here with openpyxl (or the bundled sample workbook), read through the
sandboxed reader and the parser, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from sqlalchemy import Engine, delete, func, insert, select
from test_cli import _dispose_engines, cli

from skillmap.db import models as m
from skillmap.db.session import unit_of_work
from skillmap.importing.completions import ParsedCompletions, parse_completions
from skillmap.importing.reader import likely_sheet, read_workbook
from skillmap.problems import InputError
from skillmap.services import completions_import as ci
from skillmap.services.completions_import import (
    CompletionsPlan,
    commit_completions,
    plan_completions,
    score_completions_header,
)
from skillmap.services.gaps import load_gap_data
from skillmap.services.staff_import import list_imports, undo_import
from skillmap.tasks import Cancelled, Progress

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "muestra_rh.xlsx"
HEADER = ("Núm. Empleado", "Curso", "Fecha de conclusión", "Resultado", "Calificación")
COURSES = [  # code, English title, Spanish title
    ("TE-01", "Data analysis with Python", "Análisis de datos con Python"),
    ("TE-02", "Cloud fundamentals", "Fundamentos de la nube"),
    ("GB-01", "Public ethics and integrity", "Ética pública e integridad"),
    ("MG-01", "Leading teams", "Liderazgo de equipos"),
    ("MG-02", "Leading teams", "Dirección de equipos"),  # same English title as MG-01: ambiguous
]
PEOPLE = ["1001", "1002", "1003"]


# -- helpers -------------------------------------------------------------------------------------------------
@pytest.fixture
def db(engine: Engine) -> Engine:
    """Three people and a small course catalogue (the completions need both)."""
    with engine.begin() as conn:
        conn.execute(insert(m.Staff), [{"employee_number": n, "given_names": f"Persona {n}", "first_surname": "Ruiz",
                                        "second_surname": "Soto"} for n in PEOPLE])
        conn.execute(insert(m.Course), [{"code": c, "area": "technical", "title_en": en, "title_es": es,
                                         "hours": 10, "modality": "online"} for c, en, es in COURSES])
    return engine


def write_book(path: Path, rows: list[tuple[Any, ...]], *, header: tuple[str, ...] = HEADER,
               title: bool = True, sheet: str = "Constancias") -> Path:
    wb = openpyxl.Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Notas"
    notes.append(["Exportado del campus virtual"])
    ws = wb.create_sheet(sheet)
    if title:  # a title block and a blank row above the header, as platforms export them
        ws.append(["Constancias de cursos — campus virtual"])
        ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def parse(path: Path, sheet: str | None = "Constancias") -> tuple[ParsedCompletions, str]:
    data = read_workbook(path, None)
    name = sheet or likely_sheet(data, score=score_completions_header)
    assert name is not None
    return parse_completions(data.sheets[name], str(path), today=date(2026, 11, 1)), data.sha256


def plan_file(engine: Engine, path: Path) -> CompletionsPlan:
    parsed, sha = parse(path)
    return plan_completions(engine, parsed, sha256=sha)


def count(engine: Engine, model: type[m.Base]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def stored(engine: Engine) -> list[tuple[str, str, date, str, float | None, int | None]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            select(m.Staff.employee_number, m.Course.code, m.CourseCompletion.completed_on, m.CourseCompletion.result,
                   m.CourseCompletion.score, m.CourseCompletion.import_batch_id)
            .join(m.Staff, m.Staff.id == m.CourseCompletion.staff_id)
            .join(m.Course, m.Course.id == m.CourseCompletion.course_id)
            .order_by(m.Staff.employee_number, m.Course.code, m.CourseCompletion.completed_on))]


# -- resolution ------------------------------------------------------------------------------------------------
def test_people_by_number_courses_by_code_or_title_in_one_recorded_transaction(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "constancias.xlsx", [
        ("1001", "TE-01", datetime(2025, 3, 14), "Aprobado", 91.5),
        ("1001", " te 02 ", datetime(2025, 4, 1), "No aprobado", 55),  # code written loosely
        ("1002", "Public ethics and integrity", datetime(2025, 5, 2), "Passed", None),  # English title
        ("1003", "ETICA PUBLICA E INTEGRIDAD", "03/06/2025", "Acreditado", 88),  # Spanish title, no accents
        ("1003", "Fundamentos de la nube", datetime(2025, 7, 9), "En curso", None),
    ])
    plan = plan_file(db, path)
    c = plan.counts()
    assert (c["completions_read"], c["completions_new"], c["errors"]) == (5, 5, 0)
    assert (c["passed"], c["failed"], c["in_progress"]) == (3, 1, 1)
    assert plan.courses_by_title == {"Public ethics and integrity": "GB-01", "ETICA PUBLICA E INTEGRIDAD": "GB-01",
                                     "Fundamentos de la nube": "TE-02"}
    by_title = [p for p in plan.problems if p.key == "cimp.by_title"]
    assert len(by_title) == 1 and by_title[0].severity == "warning" and by_title[0].column == "Curso"
    assert count(db, m.CourseCompletion) == 0  # planning writes nothing

    outcome = commit_completions(db, plan, actor="ana.lopez")
    assert outcome.counts["completions_added"] == 5
    rows = stored(db)
    assert [r[:5] for r in rows] == [
        ("1001", "TE-01", date(2025, 3, 14), "passed", 91.5),
        ("1001", "TE-02", date(2025, 4, 1), "failed", 55.0),
        ("1002", "GB-01", date(2025, 5, 2), "passed", None),
        ("1003", "GB-01", date(2025, 6, 3), "passed", 88.0),
        ("1003", "TE-02", date(2025, 7, 9), "in_progress", None),
    ]
    assert {r[5] for r in rows} == {outcome.batch_id}
    (summary,) = list_imports(db)
    assert (summary.kind, summary.status, summary.file_name, summary.imported_by) == (
        "completions", "done", "constancias.xlsx", "ana.lopez")
    assert summary.sha256 == plan.sha256 and len(summary.sha256 or "") == 64
    assert summary.counts["completions_added"] == 5
    with db.connect() as conn:
        action, entity, details = conn.execute(select(m.AuditLog.action, m.AuditLog.entity_id, m.AuditLog.details)
                                               ).one()
    assert (action, entity, details["completions_added"], details["file"]) == (
        "import_completions", outcome.batch_id, 5, "constancias.xlsx")

    json_plan = plan.to_json()
    assert json_plan["counts"]["completions_new"] == 5 and json_plan["sheet"] == "Constancias"
    assert json_plan["mapping"]["fields"]["course"] == "Curso"
    json.dumps(json_plan)  # serialisable as is


def test_unknown_people_and_courses_are_located_errors_skipped_only_on_request(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [
        ("1001", "TE-01", datetime(2025, 3, 14), "Aprobado", 90),  # row 4
        ("9999", "TE-01", datetime(2025, 3, 14), "Aprobado", 90),  # row 5: unknown person
        ("1002", "XX-99", datetime(2025, 3, 14), "Aprobado", 90),  # row 6: unknown course
        ("1002", "Leading teams", datetime(2025, 3, 14), "Aprobado", 90),  # row 7: title of two courses
        ("1003", "MG-01", datetime(2025, 3, 14), "Quizás", 90),  # row 8: the parser rejects the result
    ])
    plan = plan_file(db, path)
    errors = {(p.key, p.row, p.column) for p in plan.errors}
    assert errors == {("cimp.unknown_person", 5, "Núm. Empleado"), ("cimp.unknown_course", 6, "Curso"),
                      ("cimp.ambiguous_course", 7, "Curso"), ("completion.result_unknown", 8, "Resultado")}
    assert plan.bad_rows == {5, 6, 7, 8}
    assert plan.unknown_people == ["9999"] and plan.unknown_courses == ["XX-99"]
    ambiguous = next(p for p in plan.errors if p.key == "cimp.ambiguous_course")
    assert "MG-01, MG-02" in ambiguous.message("en") and "«Leading teams»" in ambiguous.message("es")
    assert plan.new == 1
    assert plan.counts()["completions_read"] == 5

    with pytest.raises(InputError) as err:
        commit_completions(db, plan)
    assert err.value.problems[0].key == "cimp.has_errors"
    assert count(db, m.CourseCompletion) == 0 and count(db, m.ImportBatch) == 0

    commit_completions(db, plan, skip_bad_rows=True)
    assert [r[:2] for r in stored(db)] == [("1001", "TE-01")]


def test_duplicates_in_the_file_and_already_stored(db: Engine, tmp_path: Path) -> None:
    first = write_book(tmp_path / "first.xlsx", [
        ("1001", "TE-01", datetime(2025, 1, 10), "No aprobado", 50),
        ("1002", "GB-01", datetime(2025, 2, 10), "Aprobado", 80),
    ])
    commit_completions(db, plan_file(db, first))

    second = write_book(tmp_path / "second.xlsx", [
        ("1001", "TE-01", datetime(2025, 1, 10), "No aprobado", 50),  # row 4: stored already
        ("1001", "TE-01", datetime(2025, 1, 10), "No aprobado", 50),  # row 5: row 4 again, spelled the same
        ("1002", "GB-01", datetime(2025, 2, 10), "Aprobado", 95),  # row 6: stored (the score does not count)
        ("1003", "TE-02", datetime(2025, 3, 1), "Aprobado", 70),  # row 7: new
        ("1003", "Cloud fundamentals", datetime(2025, 3, 1), "Aprobado", 70),  # row 8: row 7 by its title
        ("1002", "TE-01", datetime(2025, 1, 10), "Aprobado", 99),  # row 9: new
    ])
    plan = plan_file(db, second)
    c = plan.counts()
    assert (c["completions_new"], c["already_stored"], c["duplicates_in_file"]) == (2, 2, 2)
    dupes = {(p.key, p.row) for p in plan.errors}
    assert dupes == {("completion.duplicate", 5), ("cimp.duplicate", 8)}
    resolved = next(p for p in plan.errors if p.key == "cimp.duplicate")
    assert resolved.params["first_row"] == 7 and resolved.params["code"] == "TE-02"
    assert list(plan.status()) == ["stored", "stored", "new", "error", "new"]  # rows 4, 6, 7, 8, 9

    outcome = commit_completions(db, plan, skip_bad_rows=True)
    assert outcome.counts["completions_added"] == 2
    assert len(stored(db)) == 4

    again = plan_file(db, second)
    assert again.new == 0 and again.counts()["already_stored"] == 4
    with pytest.raises(InputError) as err:
        commit_completions(db, again, skip_bad_rows=True)
    assert err.value.problems[0].key == "cimp.nothing_new"

    # a pass after a failure on the same day is a different completion, not a duplicate of the stored one
    retake = write_book(tmp_path / "retake.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 85)])
    assert plan_file(db, retake).new == 1


def test_a_completion_stored_after_planning_is_not_stored_twice(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80),
                                            ("1002", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)])
    plan = plan_file(db, path)
    commit_completions(db, plan_file(db, path))  # someone else, meanwhile
    outcome = commit_completions(db, plan)
    assert outcome.counts["completions_added"] == 0 and outcome.counts["already_stored"] == 2
    assert count(db, m.CourseCompletion) == 2


def test_scores_on_ten_and_courses_in_progress_without_a_date(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [
        ("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", "8,5"),
        ("1002", "TE-01", None, "En curso", None),
    ])
    plan = plan_file(db, path)
    assert plan.parsed.score_scale == 10 and plan.new == 2
    commit_completions(db, plan)
    assert [(r[0], r[2], r[3], r[4]) for r in stored(db)] == [
        ("1001", date(2025, 1, 10), "passed", 85.0), ("1002", date(2026, 11, 1), "in_progress", None)]


def test_an_empty_catalogue_and_an_empty_staff_table_say_so(engine: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)])
    plan = plan_file(engine, path)
    keys = [p.key for p in plan.errors]
    assert keys[:2] == ["cimp.no_catalogue", "cimp.no_staff"]
    assert {"cimp.unknown_person", "cimp.unknown_course"} <= set(keys)
    with pytest.raises(InputError) as err:
        commit_completions(engine, plan, skip_bad_rows=True)
    assert err.value.problems[0].key == "cimp.nothing"


# -- transactions and undo ---------------------------------------------------------------------------------------
def test_a_cancelled_import_leaves_nothing(db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_book(tmp_path / "c.xlsx", [
        (n, code, datetime(2025, 1, day), "Aprobado", 80) for n in PEOPLE for code in ("TE-01", "TE-02")
        for day in range(1, 11)])
    plan = plan_file(db, path)
    assert plan.new == 60
    monkeypatch.setattr(ci, "CHUNK", 7)  # several chunks: the cancel comes after some rows were inserted
    seen: list[int] = []

    def report(done: int, _total: int, _message: str) -> None:
        seen.append(done)
        if done >= 14:
            progress.cancel()

    progress = Progress(report, min_interval=0)
    with pytest.raises(Cancelled):
        commit_completions(db, plan, progress=progress)
    assert max(seen) >= 14
    for model in (m.CourseCompletion, m.ImportBatch, m.AuditLog):
        assert count(db, model) == 0, model.__tablename__


def test_a_failure_midway_leaves_nothing(db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_book(tmp_path / "c.xlsx", [(n, "TE-01", datetime(2025, 1, day), "Aprobado", 80)
                                            for n in PEOPLE for day in range(1, 11)])
    plan = plan_file(db, path)
    real = ci.bulk_insert
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(ci, "CHUNK", 10)
    monkeypatch.setattr(ci, "bulk_insert", failing)
    with pytest.raises(RuntimeError):
        commit_completions(db, plan)
    assert count(db, m.CourseCompletion) == 0 and count(db, m.ImportBatch) == 0


def test_undo_removes_the_completions_of_that_import_only(db: Engine, tmp_path: Path) -> None:
    first = commit_completions(db, plan_file(db, write_book(tmp_path / "a.xlsx", [
        ("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)])))
    second = commit_completions(db, plan_file(db, write_book(tmp_path / "b.xlsx", [
        ("1002", "TE-01", datetime(2025, 1, 10), "Aprobado", 80),
        ("1003", "GB-01", datetime(2025, 1, 11), "Aprobado", 80)])))
    counts = undo_import(db, second.batch_id, actor="ana")
    assert counts["completions_removed"] == 2 and counts["people_removed"] == 0
    assert [r[0] for r in stored(db)] == ["1001"]
    assert {s.id: s.status for s in list_imports(db)} == {first.batch_id: "done", second.batch_id: "undone"}
    assert count(db, m.Staff) == 3 and count(db, m.Course) == len(COURSES)  # only the completions go
    with pytest.raises(InputError):
        undo_import(db, second.batch_id)
    assert plan_file(db, tmp_path / "b.xlsx").new == 2  # importable again


# -- a passed course raises the recorded level --------------------------------------------------------------------
@pytest.fixture
def skilled(db: Engine) -> dict[str, int]:
    """Competencies X and Y; role profile R (X at 3, Y at 2) held by the three people; TE-01 raises X to 3, TE-02
    X to 2, GB-01 X to 1 and Y to 2. Levels: 1001 X 1; 1002 X 4; 1003 X 1, then X 4 on 1 June 2025."""
    ids: dict[str, int] = {}
    with unit_of_work(db) as s:
        fw = m.Framework(code="fw", version="1", name_en="fw", name_es="fw", active=True)
        s.add(fw)
        s.flush()
        cat = m.Category(framework_id=fw.id, code="CAT")
        fam = m.RoleFamily(framework_id=fw.id, code="FAM")
        s.add_all([cat, fam])
        s.flush()
        for code in ("X", "Y"):
            comp = m.Competency(framework_id=fw.id, category_id=cat.id, code=code)
            s.add(comp)
            s.flush()
            ids[code] = comp.id
        role = m.Role(framework_id=fw.id, family_id=fam.id, code="r")
        s.add(role)
        s.flush()
        profile = m.RoleProfile(framework_id=fw.id, role_id=role.id, code="R", seniority=1, title_en="R")
        s.add(profile)
        s.flush()
        s.add_all([m.RoleRequirement(role_profile_id=profile.id, competency_id=ids["X"], required_level=3),
                   m.RoleRequirement(role_profile_id=profile.id, competency_id=ids["Y"], required_level=2)])
        staff = dict(s.execute(select(m.Staff.employee_number, m.Staff.id)).all())
        for person in s.scalars(select(m.Staff)):
            person.role_profile_id = profile.id
        ids.update(staff)
        course = dict(s.execute(select(m.Course.code, m.Course.id)).all())
        s.add_all([m.CourseCompetency(course_id=course["TE-01"], competency_id=ids["X"], target_level=3),
                   m.CourseCompetency(course_id=course["TE-02"], competency_id=ids["X"], target_level=2),
                   m.CourseCompetency(course_id=course["GB-01"], competency_id=ids["X"], target_level=1),
                   m.CourseCompetency(course_id=course["GB-01"], competency_id=ids["Y"], target_level=2)])
        for who, level, on, source in (("1001", 1, date(2024, 1, 1), "manager"), ("1002", 4, date(2024, 1, 1), "test"),
                                       ("1003", 1, date(2024, 1, 1), "manager"), ("1003", 4, date(2025, 6, 1), "test")):
            s.add(m.Assessment(staff_id=staff[who], competency_id=ids["X"], level=level, source=source,
                               assessed_on=on, validated=True))
    return ids


def gaps_of(engine: Engine, ids: dict[str, int]) -> dict[tuple[str, str], float]:
    """Own-role gap per (employee number, competency) from the gap service (NaN: level unknown)."""
    data = load_gap_data(engine)
    out = {}
    for p, sid in enumerate(data.levels.staff_ids.tolist()):
        for c, cid in enumerate(data.levels.competency_ids.tolist()):
            who = next(k for k, v in ids.items() if v == sid and k.isdigit())
            comp = next(k for k, v in ids.items() if v == cid and not k.isdigit())
            out[(who, comp)] = float(data.own.gap[p, c])
    return out


def course_assessments(engine: Engine) -> list[tuple[str, int, int, date, str | None, bool, int | None]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            select(m.Staff.employee_number, m.Assessment.competency_id, m.Assessment.level, m.Assessment.assessed_on,
                   m.Assessment.evidence, m.Assessment.validated, m.Assessment.import_batch_id)
            .join(m.Staff, m.Staff.id == m.Assessment.staff_id).where(m.Assessment.source == "course")
            .order_by(m.Staff.employee_number, m.Assessment.competency_id, m.Assessment.assessed_on))]


def test_a_passed_course_raises_the_level_and_the_gap_shrinks(db: Engine, skilled: dict[str, int],
                                                              tmp_path: Path) -> None:
    x, y = skilled["X"], skilled["Y"]
    before = gaps_of(db, skilled)
    assert (before[("1001", "X")], before[("1002", "X")], before[("1003", "X")]) == (2.0, 0.0, 0.0)
    assert math.isnan(before[("1001", "Y")])
    path = write_book(tmp_path / "c.xlsx", [
        ("1001", "TE-01", datetime(2025, 3, 14), "Aprobado", 90),  # X 1 → 3
        ("1001", "TE-02", datetime(2025, 4, 1), "Aprobado", 90),  # X 2: lower than the 3 just earned
        ("1001", "GB-01", datetime(2025, 5, 2), "Aprobado", 90),  # Y unknown → 2; X 1 is lower
        ("1002", "TE-01", datetime(2025, 3, 14), "Aprobado", 90),  # X 3 < 4: would lower them
        ("1002", "GB-01", datetime(2025, 5, 2), "No aprobado", 40),  # failed: nothing
        ("1003", "TE-01", datetime(2025, 3, 14), "Aprobado", 90),  # X was 1 on that day (4 came later)
        ("1003", "TE-02", datetime(2025, 3, 20), "En curso", None),  # in progress: nothing
    ])
    outcome = commit_completions(db, plan_file(db, path))
    assert outcome.counts["levels_raised"] == 3
    batch = outcome.batch_id
    assert course_assessments(db) == [("1001", x, 3, date(2025, 3, 14), "TE-01", True, batch),
                                      ("1001", y, 2, date(2025, 5, 2), "GB-01", True, batch),
                                      ("1003", x, 3, date(2025, 3, 14), "TE-01", True, batch)]
    after = gaps_of(db, skilled)
    assert (after[("1001", "X")], after[("1001", "Y")]) == (0.0, 0.0)  # the gap closed
    assert (after[("1002", "X")], after[("1003", "X")]) == (0.0, 0.0)
    # the lower course level did not lower 1002; the later test still counts for 1003
    data = load_gap_data(db)
    col = int(np.flatnonzero(data.levels.competency_ids == x)[0])
    current = dict(zip(data.levels.staff_labels, data.levels.levels[:, col].tolist(), strict=True))
    assert current == {"1001": 3.0, "1002": 4.0, "1003": 4.0}
    with db.connect() as conn:
        details = conn.execute(select(m.AuditLog.details).where(m.AuditLog.action == "import_completions")).scalar()
    assert details["levels_raised"] == 3

    # a later import sees the levels the first one added: nothing lower is appended
    later = write_book(tmp_path / "later.xlsx", [("1001", "TE-02", datetime(2025, 8, 1), "Aprobado", 90)])
    assert commit_completions(db, plan_file(db, later)).counts["levels_raised"] == 0

    # undoing the import removes its course levels, and the gap comes back
    counts = undo_import(db, batch)
    assert counts["completions_removed"] == 7 and counts["levels_removed"] == 3
    assert course_assessments(db) == []
    again = gaps_of(db, skilled)
    assert again[("1001", "X")] == 2.0 and math.isnan(again[("1001", "Y")])


def test_course_levels_in_date_order_within_one_import(db: Engine, skilled: dict[str, int], tmp_path: Path) -> None:
    # the lower course first, the higher one later: both raise; the reverse order: only the first
    path = write_book(tmp_path / "c.xlsx", [
        ("1001", "TE-02", datetime(2025, 1, 10), "Aprobado", 90),  # X 1 → 2
        ("1001", "TE-01", datetime(2025, 2, 10), "Aprobado", 90),  # X 2 → 3
        ("1003", "TE-01", datetime(2025, 1, 10), "Aprobado", 90),  # X 1 → 3
        ("1003", "TE-02", datetime(2025, 2, 10), "Aprobado", 90),  # X 2 < 3
        ("1002", "TE-01", datetime(2025, 1, 10), "Aprobado", 90),  # same day, two courses: one row, the higher
        ("1002", "TE-02", datetime(2025, 1, 10), "Aprobado", 90),
    ])
    with db.begin() as conn:  # 1002 without a level in X
        conn.execute(delete(m.Assessment).where(m.Assessment.staff_id == skilled["1002"]))
    commit_completions(db, plan_file(db, path))
    x = skilled["X"]
    assert [(r[0], r[2], r[3], r[4]) for r in course_assessments(db) if r[1] == x] == [
        ("1001", 2, date(2025, 1, 10), "TE-02"), ("1001", 3, date(2025, 2, 10), "TE-01"),
        ("1002", 3, date(2025, 1, 10), "TE-01"), ("1003", 3, date(2025, 1, 10), "TE-01")]


def test_the_completions_sheet_of_the_sample_workbook_is_proposed() -> None:
    data = read_workbook(SAMPLE, None)
    assert likely_sheet(data, score=score_completions_header) == "Constancias"
    assert score_completions_header(data.sheets["Constancias"]) == 1.0
    assert score_completions_header(data.sheets["Plantilla"]) < 0.5


# -- the command line --------------------------------------------------------------------------------------------
__all__ = ["_dispose_engines"]  # the autouse fixture that closes the engines the commands open


def completions_in(db_url: str) -> int:
    from skillmap.db.migrate import open_database

    engine = open_database(db_url)
    try:
        return count(engine, m.CourseCompletion)
    finally:
        engine.dispose()


def changed_sample(path: Path) -> Path:
    """The sample workbook with 5 completions moved to new dates, an unknown person and an unknown course."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Constancias"]
    for r in range(2, 7):
        ws.cell(r, 3).value = datetime(2026, 10, r)
    known = ws.cell(2, 1).value
    ws.append(["999999", "TE-01", datetime(2026, 1, 5), "Aprobado", 90])
    ws.append([known, "NO-SUCH-COURSE", datetime(2026, 1, 5), "Aprobado", 90])
    wb.save(path)
    return path


def test_import_completions_on_the_sample(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path) -> None:
    assert cli(capsys, "--db", db_url, "init-db").code == 0
    assert cli(capsys, "--db", db_url, "load-sample").code == 0
    loaded = completions_in(db_url)
    assert loaded == 1934

    same = cli(capsys, "--db", db_url, "import-completions", SAMPLE, "--json")
    assert same.code == 0, same.out
    data = same.json()
    assert data["sheet"] == "Constancias" and data["committed"] is False
    assert data["counts"]["completions_read"] == 1934 and data["counts"]["already_stored"] == 1934
    assert data["counts"]["completions_new"] == 0 and data["problems"] == []

    changed = changed_sample(tmp_path / "constancias.xlsx")
    blocked = cli(capsys, "--db", db_url, "import-completions", changed, "--json")
    assert blocked.code == 2
    data = blocked.json()
    assert data["committed"] is False and data["counts"]["completions_new"] == 5
    located = {(p["code"], p["sheet"], p["row"], p["column"]) for p in data["problems"] if p["severity"] == "error"}
    assert located == {("cimp.unknown_person", "Constancias", 1936, "Núm. Empleado"),
                       ("cimp.unknown_course", "Constancias", 1937, "Clave del curso")}

    dry = cli(capsys, "--db", db_url, "import-completions", changed, "--dry-run", "--skip-bad-rows", "--json")
    assert dry.code == 0 and dry.json()["committed"] is False
    assert completions_in(db_url) == loaded  # a dry run writes nothing

    done = cli(capsys, "--db", db_url, "import-completions", changed, "--skip-bad-rows", "--user", "ana", "--json")
    assert done.code == 0, done.out
    data = done.json()
    assert data["committed"] is True and data["counts"]["completions_added"] == 5
    batch = data["import_id"]
    assert completions_in(db_url) == loaded + 5

    imports = cli(capsys, "--db", db_url, "imports", "--json").json()
    assert (imports[0]["id"], imports[0]["kind"], imports[0]["imported_by"]) == (batch, "completions", "ana")
    listing = cli(capsys, "--db", db_url, "imports")
    assert "completions" in listing.out.splitlines()[0]

    undone = cli(capsys, "--db", db_url, "undo-import", batch, "--json")
    assert undone.code == 0 and undone.json()["completions_removed"] == 5
    assert completions_in(db_url) == loaded


def test_import_completions_text_output_and_problem_report(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           ) -> None:
    db_path = tmp_path / "skillmap.db"
    assert cli(capsys, "--db", db_path, "init-db", "--no-frameworks").code == 0
    from skillmap.db.migrate import open_database

    engine = open_database(db_path)
    with engine.begin() as conn:
        conn.execute(insert(m.Staff), [{"employee_number": "1001", "given_names": "Ana", "first_surname": "Ruiz"}])
        conn.execute(insert(m.Course), [{"code": "TE-01", "area": "technical", "title_en": "Python",
                                         "title_es": "Python", "hours": 8, "modality": "online"}])
    engine.dispose()
    path = write_book(tmp_path / "c.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80),
                                            ("2002", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)])
    report = tmp_path / "problemas.xlsx"
    run = cli(capsys, "--db", db_path, "import-completions", path, "--problems-out", report)
    assert run.code == 2
    assert run.out.splitlines()[0] == "Sheet “Constancias”, header in row 3"
    assert "2 completions read: 1 new" in run.out
    assert "row 5, column “Núm. Empleado”: employee 2002 is not in the database" in run.out
    assert "--skip-bad-rows" in run.err
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert any(r[2] == 5 and "2002" in str(r[4]) for r in rows)

    loose = cli(capsys, "--db", db_path, "import-completions", path, "--sheet", " constancias ", "--dry-run",
                "--json")  # as the reader matches a sheet name: trimmed, without case
    assert loose.json()["sheet"] == "Constancias" and loose.json()["counts"]["completions_new"] == 1

    es = cli(capsys, "--lang", "es", "--db", db_path, "import-completions", path, "--skip-bad-rows")
    assert es.code == 0
    assert "Hoja «Constancias», encabezados en la fila 3" in es.out
    assert "Importado como importación número 1" in es.out


def test_import_completions_errors_exit_2_with_located_json(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    db_path = tmp_path / "skillmap.db"
    bad_pair = cli(capsys, "--db", db_path, "import-completions", tmp_path / "x.xlsx", "--map", "course", "--json")
    assert bad_pair.code == 2 and bad_pair.json()["error"] is True
    assert not db_path.exists()  # arguments are checked before the database is opened

    missing = cli(capsys, "--db", db_path, "import-completions", tmp_path / "nope.xlsx", "--json")
    assert missing.code == 2
    assert missing.json()["error"] is True and "nope.xlsx" in json.dumps(missing.json())

    path = write_book(tmp_path / "c.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)])
    no_sheet = cli(capsys, "--db", db_path, "import-completions", path, "--sheet", "Hoja9", "--json")
    assert no_sheet.code == 2
    (problem,) = no_sheet.json()["problems"]
    assert problem["file"].endswith("c.xlsx") and "Hoja9" in problem["message"]

    unmapped = cli(capsys, "--db", db_path, "import-completions", path, "--map", "course=Clave", "--json")
    assert unmapped.code == 2
    errors = [p for p in unmapped.json()["problems"] if p["severity"] == "error"]
    assert errors and errors[0]["row"] == 3 and errors[0]["sheet"] == "Constancias"

    text = cli(capsys, "--db", db_path, "import-completions", tmp_path / "nope.xlsx")
    assert text.code == 2 and text.out == "" and len(text.err.splitlines()) == 1


def test_a_saved_mapping_is_reused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db_path = tmp_path / "skillmap.db"
    path = write_book(tmp_path / "c.xlsx", [("1001", "TE-01", datetime(2025, 1, 10), "Aprobado", 80)],
                      header=("Empleado", "Clave", "Concluido el", "Estatus", "Puntos"))
    first = cli(capsys, "--db", db_path, "import-completions", path, "--map", "employee_number=Empleado",
                "--map", "course=Clave", "--save-mapping", "campus", "--dry-run", "--json")
    assert first.json()["mapping"]["fields"]["course"] == "Clave"
    again = cli(capsys, "--db", db_path, "import-completions", path, "--mapping", "campus", "--dry-run", "--json")
    assert again.json()["mapping"]["fields"]["employee_number"] == "Empleado"
    unknown = cli(capsys, "--db", db_path, "import-completions", path, "--mapping", "nope", "--json")
    assert unknown.code == 2 and "nope" in unknown.json()["message"]


def test_the_command_module_imports_light() -> None:
    """The reader's child process imports the launching script again: ``skillmap.cli`` must stay light."""
    code = "import sys, skillmap.cli; print(sorted(m for m in ('sqlalchemy', 'numpy', 'PySide6') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
