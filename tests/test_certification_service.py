"""Certification service on the training test organisation, on SQLite and PostgreSQL: people per status as of a
date, filters, who is counted, the due window, the summary of every program, and what to assign them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, insert, select, update
from test_training_service import Org, build, complete

from skillmap.db import models as m
from skillmap.problems import InputError
from skillmap.services import certification as C
from skillmap.services import training as T

D = date
AS_OF = D(2025, 1, 1)

ATTEMPTS = [  # person, program, attempt number, day, passed
    ("p1", "CERT-A", 1, D(2020, 3, 15), True),  # valid through 2025-03-15: due
    ("p2", "CERT-A", 1, D(2022, 6, 1), False),
    ("p2", "CERT-A", 2, D(2023, 1, 1), True),  # certified after one failure
    ("p3", "CERT-A", 1, D(2024, 5, 1), False),  # at risk
    ("p4", "CERT-A", 1, D(2023, 1, 1), False),
    ("p4", "CERT-A", 2, D(2023, 9, 1), False),  # failed out
    ("p5", "CERT-A", 1, D(2018, 1, 1), True),  # expired in 2023
    ("h1", "CERT-A", 1, D(2024, 2, 29), True),  # certified, other agency
    ("x", "CERT-A", 1, D(2024, 1, 1), True),  # inactive: never counted
    ("p6", "CERT-A", 1, D(2025, 2, 1), True),  # after the as-of date: not yet
    ("a1", "CERT-E", 1, D(2024, 1, 1), False),  # their role does not require E, but they tried
]


@pytest.fixture
def org(engine: Engine) -> Org:
    o = build(engine)
    with engine.begin() as conn:
        for code, comp in (("CERT-A", "A"), ("CERT-E", "E")):
            pid = conn.execute(insert(m.CertificationProgram).values(
                code=code, name_en=f"Certification in {comp}", name_es=f"Certificación en {comp}",
                validity_years=5, max_attempts=2)).inserted_primary_key[0]  # type: ignore[index]
            conn.execute(insert(m.CertificationProgramCompetency).values(program_id=pid, competency_id=o.comp[comp]))
        programs = dict(conn.execute(select(m.CertificationProgram.code, m.CertificationProgram.id)).all())
        conn.execute(insert(m.CertificationAttempt), [
            {"staff_id": o.staff[who], "program_id": programs[prog], "attempt_no": n, "taken_on": on, "passed": ok,
             "valid_until": None} for who, prog, n, on, ok in ATTEMPTS])
    return o


def by_status(report: C.CertificationReport, org: Org) -> dict[str, list[str]]:
    names = {v: k for k, v in org.staff.items()}
    return {s: sorted(names[i] for i in ids.tolist()) for s, ids in report.by_status().items() if len(ids)}


def test_people_per_status_as_of_a_date(engine: Engine, org: Org) -> None:
    report = C.program_status(engine, "CERT-A", as_of=AS_OF)
    assert by_status(report, org) == {
        "certified": ["h1", "p2"], "due": ["p1"], "expired": ["p5"], "at_risk": ["p3"], "failed_out": ["p4"],
        "never_attempted": ["a1", "a2", "p6"]}
    assert report.counts() == {"certified": 2, "due": 1, "expired": 1, "at_risk": 1, "failed_out": 1,
                               "never_attempted": 3}
    rows = {r["employee_number"]: r for r in report.rows()}
    assert rows["E-p1"]["valid_until"] == D(2025, 3, 15) and rows["E-p1"]["attempts_left"] == 2
    assert rows["E-h1"]["valid_until"] == D(2029, 2, 28)
    assert (rows["E-p3"]["failed_in_cycle"], rows["E-p3"]["attempts_left"]) == (1, 1)
    assert rows["E-p2"]["last_passed_on"] == D(2023, 1, 1) and rows["E-p2"]["failed_in_cycle"] == 0
    assert [r["employee_number"] for r in report.rows("failed_out")] == ["E-p4"]
    assert report.program.name("es") == "Certificación en A" and report.program.competency_ids == (org.comp["A"],)
    # later: p6's pass counts, p1 has expired
    later = by_status(C.program_status(engine, "CERT-A", as_of=D(2025, 3, 16)), org)
    assert later["expired"] == ["p1", "p5"] and "p6" in later["certified"]
    # a shorter warning window: p1 is not due yet
    assert "p1" in by_status(C.program_status(engine, "CERT-A", as_of=AS_OF, window_days=60), org)["certified"]
    # the program by id gives the same
    assert C.program_status(engine, report.program.id, as_of=AS_OF).counts() == report.counts()


def test_filters_and_who_is_counted(engine: Engine, org: Org) -> None:
    assert by_status(C.program_status(engine, "CERT-A", as_of=AS_OF, agency="AH"), org) == {"certified": ["h1"]}
    in_u1 = by_status(C.program_status(engine, "CERT-A", as_of=AS_OF, unit=org.unit["U1"]), org)
    assert in_u1 == {"certified": ["p2"], "due": ["p1"], "at_risk": ["p3"], "failed_out": ["p4"],
                     "never_attempted": ["a1"]}
    # E is required by the project managers only; a1 tried it anyway
    required = C.program_status(engine, "CERT-E", as_of=AS_OF)
    assert by_status(required, org) == {"at_risk": ["a1"], "never_attempted": ["h1", "p1", "p2", "p3", "p4", "p5",
                                                                                "p6"]}
    assert not required.required[required.staff_id.tolist().index(org.staff["a1"])]
    assert len(C.program_status(engine, "CERT-E", as_of=AS_OF, population="all")) == 9  # a2 too
    assert by_status(C.program_status(engine, "CERT-E", as_of=AS_OF, population="attempted"), org) == {
        "at_risk": ["a1"]}
    with pytest.raises(InputError, match="no certification program 'NOPE'"):
        C.program_status(engine, "NOPE")
    with pytest.raises(InputError, match="unknown population"):
        C.program_status(engine, "CERT-A", population="everyone")
    with pytest.raises(InputError, match="0 days or more"):
        C.program_status(engine, "CERT-A", window_days=-1)


def test_summary_of_every_program(engine: Engine, org: Org) -> None:
    summary = {p.code: counts for p, counts in C.certification_summary(engine, as_of=AS_OF)}
    assert summary == {code: C.program_status(engine, code, as_of=AS_OF).counts() for code in ("CERT-A", "CERT-E")}
    assert [p.code for p in C.list_programs(engine)] == ["CERT-A", "CERT-E"]
    assert {p.code: c["certified"] for p, c in C.certification_summary(engine, as_of=AS_OF, agency="AG")} == {
        "CERT-A": 1, "CERT-E": 0}


def test_what_to_assign(engine: Engine, org: Org) -> None:
    c = org.course

    def track(code: str, *courses: str) -> int:
        return T.create_track(engine, code=code, name_en=code, name_es=code, course_ids=[c[k] for k in courses]).id

    long_way = track("LONG", "C-BIG")
    short_way = track("SHORT", "C-A1", "C-A3")
    partial = track("PART", "C-A1")
    track("OTHER", "C-B2")  # raises nothing the program needs
    s = C.program_suggestions(engine, "CERT-A")
    assert s.targets == {org.comp["A"]: 3}  # the highest level a role profile requires in A
    assert [(t.track_id, t.at_target, t.raised) for t in s.tracks] == [(short_way, 1, 1), (long_way, 1, 1),
                                                                       (partial, 0, 1)]
    assert s.tracks[0].levels == {org.comp["A"]: 3} and s.tracks[0].hours == 25.0
    assert s.plan.course_ids == (c["C-A1"], c["C-A3"]) and s.plan.hours == 25
    assert s.course_codes == {c["C-A1"]: "C-A1", c["C-A3"]: "C-A3"}
    # E: only C-E1 raises it, to level 1; when a role requires more, the plan goes as far as the catalogue allows
    assert C.program_suggestions(engine, "CERT-E").plan.course_ids == (c["C-E1"],)
    with engine.begin() as conn:
        conn.execute(update(m.RoleRequirement).where(m.RoleRequirement.competency_id == org.comp["E"])
                     .values(required_level=3))
    e = C.program_suggestions(engine, "CERT-E")
    assert (e.targets, e.plan_targets, e.plan.course_ids) == ({org.comp["E"]: 3}, {org.comp["E"]: 1}, (c["C-E1"],))
    # one person: from their levels and passed courses, to their own role's level
    complete(engine, org, [("p2", "C-A1", D(2024, 3, 1), "passed")])
    assert C.person_program_plan(engine, "CERT-A", org.staff["p2"]).course_ids == (c["C-A3"],)  # C-A1 done
    assert C.person_program_plan(engine, "CERT-A", org.staff["a1"]).course_ids == (c["C-A1"],)  # analysts need 1
    assert C.person_program_plan(engine, "CERT-A", org.staff["p4"]).course_ids == ()  # p4 is at 3 already
    with pytest.raises(InputError, match="no staff member 424242"):
        C.person_program_plan(engine, "CERT-A", 424242)
    assert C.status_label("at_risk", "es") == "en riesgo (un intento no aprobado)"
