"""Training service on a small hand-built organisation, on SQLite and PostgreSQL: tracks (order checks, optimistic
locking, audit), tracks generated from a role's typical gap, bulk assignment by unit, gap or list, and progress
derived from real course-completion rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pytest
from sqlalchemy import Engine, func, insert, select

from skillmap.db import models as m
from skillmap.db.session import unit_of_work
from skillmap.problems import InputError
from skillmap.services import gaps as S
from skillmap.services import training as T
from skillmap.tasks import Cancelled, Progress

D = date


@dataclass
class Org:
    comp: dict[str, int]
    profile: dict[str, int]
    staff: dict[str, int]
    unit: dict[str, int]
    agency: dict[str, int]
    course: dict[str, int]


COURSES = [  # code, hours, raises, prerequisites, active
    ("C-A1", 5, {"A": 1}, [], True),
    ("C-A3", 20, {"A": 3}, ["C-A1"], True),
    ("C-A4", 30, {"A": 4}, ["C-A3"], True),
    ("C-B2", 10, {"B": 2}, [], True),
    ("C-BIG", 40, {"A": 3, "B": 2}, [], True),
    ("C-C2", 8, {"C": 2}, ["C-B2"], True),
    ("C-E1", 3, {"E": 1}, [], True),
    ("C-OLD", 1, {"C": 3}, [], False),  # inactive: never proposed
]


def build(engine: Engine) -> Org:
    """Framework fw (A, B, C, D, E); role profiles PM (A3 B2 C2 D2 E1) and AN (A1); agencies AG (ROOT → U1 → U11,
    ROOT → U2) and AH (H1); project managers p1…p6 (x inactive), analysts a1, a2, h1 in the other agency."""
    comp: dict[str, int] = {}
    profile: dict[str, int] = {}
    staff: dict[str, int] = {}
    unit: dict[str, int] = {}
    agency: dict[str, int] = {}
    course: dict[str, int] = {}
    with unit_of_work(engine) as s:
        fw = m.Framework(code="fw", version="1", name_en="fw", name_es="fw", active=True)
        s.add(fw)
        s.flush()
        cat = m.Category(framework_id=fw.id, code="CAT", name_en="Category", name_es="Categoría")
        s.add(cat)
        s.flush()
        for i, c in enumerate("ABCDE"):
            row = m.Competency(framework_id=fw.id, category_id=cat.id, code=c, name_en=f"Skill {c}",
                               name_es=f"Competencia {c}", sort_order=i)
            s.add(row)
            s.flush()
            comp[c] = row.id
        fam = m.RoleFamily(framework_id=fw.id, code="FAM", name_en="Family", name_es="Familia")
        s.add(fam)
        s.flush()
        role = m.Role(framework_id=fw.id, family_id=fam.id, code="pm", name_en="pm", name_es="pm")
        s.add(role)
        s.flush()
        for code, sen, title_en, title_es, reqs in (
                ("PM", 2, "Project manager", "Gerente de proyecto", {"A": 3, "B": 2, "C": 2, "D": 2, "E": 1}),
                ("AN", 1, "Analyst", "Analista", {"A": 1})):
            p = m.RoleProfile(framework_id=fw.id, role_id=role.id, code=code, seniority=sen, title_en=title_en,
                              title_es=title_es)
            s.add(p)
            s.flush()
            profile[code] = p.id
            for c, lvl in reqs.items():
                s.add(m.RoleRequirement(role_profile_id=p.id, competency_id=comp[c], required_level=lvl, weight=1.0))
        for code in ("AG", "AH"):
            a = m.Agency(code=code, name=f"Agencia {code}", short_name=code)
            s.add(a)
            s.flush()
            agency[code] = a.id
        for key, ag, parent, level in (("ROOT", "AG", None, 1), ("U1", "AG", "ROOT", 2), ("U11", "AG", "U1", 3),
                                       ("U2", "AG", "ROOT", 2), ("H1", "AH", None, 1)):
            u = m.Unit(agency_id=agency[ag], code=key, name=f"Unidad {key}", parent_id=unit.get(parent or ""),
                       level=level)
            s.add(u)
            s.flush()
            unit[key] = u.id
        for key, un, prof, active in (("p1", "U1", "PM", True), ("p2", "U1", "PM", True), ("p3", "U11", "PM", True),
                                      ("p4", "U11", "PM", True), ("p5", "U2", "PM", True), ("p6", "ROOT", "PM", True),
                                      ("x", "U1", "PM", False), ("a1", "U1", "AN", True), ("a2", "U2", "AN", True),
                                      ("h1", "H1", "PM", True)):
            p = m.Staff(employee_number=f"E-{key}", given_names=key.upper(), first_surname="Ruiz",
                        agency_id=agency["AH" if un == "H1" else "AG"], unit_id=unit[un],
                        role_profile_id=profile[prof], active=active)
            s.add(p)
            s.flush()
            staff[key] = p.id
        levels = {  # person: {competency: level}; missing = never assessed
            "p1": {"A": 1, "B": 2, "C": 0, "E": 0},
            "p2": {"A": 2, "B": 1, "C": 2, "D": 1, "E": 1},
            "p3": {"A": 1, "B": 2, "C": 1, "E": 1},
            "p4": {"A": 3, "B": 2, "C": 2, "E": 1},
            "p5": {"B": 0, "E": 1},
            "p6": {"A": 2, "B": 2, "C": 2, "D": 2, "E": 1},
            "x": {"A": 0},
            "a1": {"A": 0},
            "a2": {"A": 1},
            "h1": {"A": 0},
        }
        for who, cells in levels.items():
            for c, lvl in cells.items():
                s.add(m.Assessment(staff_id=staff[who], competency_id=comp[c], level=lvl, source="manager",
                                   assessed_on=D(2024, 1, 15), validated=True))
        # an unvalidated self-assessment must not hide p1's gap in A
        s.add(m.Assessment(staff_id=staff["p1"], competency_id=comp["A"], level=4, source="self",
                           assessed_on=D(2024, 6, 1), validated=False))
        for code, hours, raises, _pre, active in COURSES:
            c = m.Course(code=code, area="technical", title_en=f"Course {code}", title_es=f"Curso {code}",
                         hours=hours, modality="online", active=active)
            s.add(c)
            s.flush()
            course[code] = c.id
            for k, lvl in raises.items():
                s.add(m.CourseCompetency(course_id=c.id, competency_id=comp[k], target_level=lvl))
        for code, _h, _r, pre, _a in COURSES:
            for p in pre:
                s.add(m.CoursePrerequisite(course_id=course[code], prerequisite_id=course[p]))
    return Org(comp, profile, staff, unit, agency, course)


@pytest.fixture
def org(engine: Engine) -> Org:
    return build(engine)


def ids(org: Org, *keys: str) -> list[int]:
    return sorted(org.staff[k] for k in keys)


def audit(engine: Engine, action: str) -> list[m.AuditLog]:
    with engine.connect() as conn:
        return list(conn.execute(select(m.AuditLog).where(m.AuditLog.action == action).order_by(m.AuditLog.id)))


def complete(engine: Engine, org: Org, rows: list[tuple[str, str, date, str]]) -> None:
    with engine.begin() as conn:
        conn.execute(insert(m.CourseCompletion), [
            {"staff_id": org.staff[who], "course_id": org.course[code], "completed_on": on, "result": result}
            for who, code, on, result in rows])


# -- tracks ------------------------------------------------------------------------------------------------
def test_create_edit_and_delete_a_track_with_versions_and_audit(engine: Engine, org: Org) -> None:
    c = org.course
    t = T.create_track(engine, code="AGILE", name_en="Agile delivery for project managers",
                       name_es="Entrega ágil para gerentes de proyecto", course_ids=[c["C-A1"], c["C-A3"]],
                       target_role_profile_id=org.profile["PM"], actor="trainer")
    assert (t.code, t.version, t.course_ids, t.hours, t.created_by) == ("AGILE", 1, (c["C-A1"], c["C-A3"]), 25.0,
                                                                        "trainer")
    assert [x.position for x in t.courses] == [1, 2] and t.warnings == ()
    t2 = T.update_track(engine, t.id, t.version, name_en="Agile delivery", actor="trainer")
    assert (t2.name_en, t2.name_es, t2.version) == ("Agile delivery", t.name_es, 2)
    # an edit made on the old version is refused with a clear message, in both languages
    with pytest.raises(InputError) as err:
        T.update_track(engine, t.id, t.version, name_en="Stale")
    assert err.value.problems[0].key == "training.stale"
    assert "changed by someone else" in err.value.text("en") and "otra persona modificó" in err.value.text("es")
    assert T.get_track(engine, t.id).name_en == "Agile delivery"
    # reorder, add and remove in one edit; the version goes up
    t3 = T.set_track_courses(engine, t.id, t2.version, [c["C-B2"], c["C-A1"], c["C-A3"], c["C-C2"]], actor="tr")
    assert t3.course_ids == (c["C-B2"], c["C-A1"], c["C-A3"], c["C-C2"]) and t3.version == 3
    with pytest.raises(InputError, match="changed by someone else"):
        T.set_track_courses(engine, t.id, t2.version, [c["C-A1"]])
    with pytest.raises(InputError, match="already a track"):
        T.create_track(engine, code="AGILE", name_en="x", name_es="x", course_ids=[c["C-A1"]])
    with pytest.raises(InputError, match="already a track"):
        T.update_track(engine, T.create_track(engine, code="OTHER", name_en="o", name_es="o",
                                              course_ids=[c["C-A1"]]).id, 1, code="AGILE")
    assert [x.code for x in T.list_tracks(engine)] == ["AGILE", "OTHER"]
    # a track that is assigned is kept unless its assignments go too
    T.assign_track(engine, t.id, T.StaffAudience((org.staff["p1"],)), due_on=D(2030, 1, 1))
    with pytest.raises(InputError, match="assigned to 1 people"):
        T.delete_track(engine, t.id, t3.version)
    with pytest.raises(InputError, match="changed by someone else"):
        T.delete_track(engine, t.id, 1, with_assignments=True)
    assert T.delete_track(engine, t.id, t3.version, with_assignments=True, actor="trainer") == 1
    with pytest.raises(InputError, match="no track"):
        T.get_track(engine, t.id)
    assert [len(audit(engine, a)) for a in ("create_track", "update_track", "set_track_courses", "delete_track",
                                            "assign_track")] == [2, 1, 1, 1, 1]
    assert audit(engine, "delete_track")[0].details == {"code": "AGILE", "assignments_removed": 1}


def test_track_order_must_respect_prerequisites(engine: Engine, org: Org) -> None:
    c = org.course

    def make(*codes: str) -> T.TrackInfo:
        return T.create_track(engine, code="-".join(codes), name_en="t", name_es="t",
                              course_ids=[c[k] for k in codes])

    with pytest.raises(InputError) as err:
        make("C-A3", "C-A1")
    (p,) = err.value.problems
    assert p.key == "training.prereq_after"
    assert err.value.text("en") == ("course “C-A3” (position 1) comes before its prerequisite “C-A1” (position 2): "
                                    "move “C-A1” earlier or “C-A3” later")
    assert "«C-A3»" in err.value.text("es") and "«C-A1»" in err.value.text("es")
    # through a prerequisite that is not in the track: C-A4 needs C-A3, which needs C-A1
    with pytest.raises(InputError) as err:
        make("C-A4", "C-A1")
    assert [p.key for p in err.value.problems] == ["training.prereq_after_indirect"]
    assert "needs “C-A3”" in err.value.text("en") and "“C-A1”" in err.value.text("en")
    with pytest.raises(InputError, match="appears twice"):
        make("C-A1", "C-B2", "C-A1")
    with pytest.raises(InputError, match="no course 999999"):
        T.create_track(engine, code="X", name_en="x", name_es="x", course_ids=[c["C-A1"], 999999])
    with pytest.raises(InputError, match="at least one course"):
        T.create_track(engine, code="X", name_en="x", name_es="x", course_ids=[])
    with pytest.raises(InputError, match="needs a name"):
        T.create_track(engine, code="X", name_en=" ", name_es="", course_ids=[c["C-A1"]])
    # a prerequisite missing from the track is a warning: taken elsewhere
    t = make("C-A3")
    assert [(w.key, w.severity, w.params["prereq"]) for w in t.warnings] == [("training.prereq_missing", "warning",
                                                                              "C-A1")]
    assert make("C-A1", "C-A3", "C-A4").warnings == ()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Track)).scalar_one() == 2  # refused ones left nothing
    # the pure check, with codes unknown to the mapping
    assert [(p.key, p.severity) for p in T.track_order_problems([1, 2], {2: [3], 3: [1]}, {})] == [
        ("training.prereq_missing", "warning")]
    assert [p.key for p in T.track_order_problems([2, 1], {2: [3], 3: [1]}, {})] == [
        "training.prereq_missing", "training.prereq_after_indirect"]


# -- typical gap and generated tracks ------------------------------------------------------------------------
def test_typical_gaps_statistic_and_threshold() -> None:
    nan = np.nan
    levels = np.array([[1, 2, nan], [2, 1, nan], [1, 2, nan], [3, 2, nan], [nan, 0, 0]], dtype=float)
    assessed, short, share, typical = T.typical_gaps(levels, [3, 2, 1], min_share=0.3)
    assert assessed.tolist() == [4, 5, 1] and short.tolist() == [3, 2, 1]
    assert share.tolist() == pytest.approx([0.75, 0.4, 1.0])
    assert typical.tolist() == [2, 2, 1]  # medians of [2, 1, 2], [1, 2] (1.5 → 2) and [1]
    assert T.typical_gaps(levels, [3, 2, 1], min_share=0.5)[3].tolist() == [2, 0, 1]  # B: 40 % short < 50 %
    assert T.typical_gaps(levels, [3, 2, 1], statistic="mean")[3].tolist() == [2, 2, 1]  # 5/3 → 2, 1.5 → 2
    assert T.typical_gaps(levels, [3, 2, 1], statistic="max")[3].tolist() == [2, 2, 1]
    with pytest.raises(InputError, match="unknown statistic"):
        T.typical_gaps(levels, [3, 2, 1], statistic="mode")


def test_generated_track_covers_the_typical_gap_and_respects_prerequisites(engine: Engine, org: Org) -> None:
    c = org.course
    prop = T.propose_track(engine, org.profile["PM"])
    assert prop.people == 7  # active holders, in any agency (the inactive x is left out)
    gaps = {org_code(org, g.competency_id): g for g in prop.gaps}
    assert (gaps["A"].assessed, gaps["A"].short, gaps["A"].typical_gap, gaps["A"].typical_level) == (6, 5, 2, 1)
    assert (gaps["B"].short, gaps["B"].typical_gap, gaps["B"].included) == (2, 2, True)  # 2 of 6 = 33 %
    assert (gaps["C"].short, gaps["C"].typical_gap) == (2, 2)
    assert (gaps["D"].assessed, gaps["D"].short, gaps["D"].included) == (2, 1, True)
    assert (gaps["E"].short, gaps["E"].included, gaps["E"].typical_gap) == (1, False, 0)  # 1 of 6 < 30 %
    # the cheapest courses for A 1→3, B 0→2, C 0→2 (D has no course), each after its prerequisites
    assert set(prop.course_ids) == {c["C-A1"], c["C-A3"], c["C-B2"], c["C-C2"]}
    order = list(prop.course_ids)
    assert order.index(c["C-A1"]) < order.index(c["C-A3"]) and order.index(c["C-B2"]) < order.index(c["C-C2"])
    assert prop.plan.hours == 43 and prop.uncovered == (org.comp["D"],)
    assert c["C-E1"] not in order and c["C-OLD"] not in order
    assert (prop.name_en, prop.name_es) == ("Project manager: closing the typical gap",
                                            "Gerente de proyecto: cierre de la brecha típica")
    assert prop.code == "TRK-PM" and "7 people" in prop.description_en and "30 %" in prop.description_es
    track = T.create_track_from_proposal(engine, prop, actor="trainer")
    assert track.course_ids == prop.course_ids and track.warnings == ()
    assert track.target_role_profile_id == org.profile["PM"]
    assert T.propose_track(engine, org.profile["PM"]).code == "TRK-PM-2"  # the code is taken now
    # a given set of people measured against the role: p4 and p6 only need C (nobody) and A (p6, 1 level)
    some = T.propose_track(engine, org.profile["PM"], staff_ids=ids(org, "p4", "p6"))
    assert some.people == 2 and [org_code(org, g.competency_id) for g in some.included] == ["A"]
    assert set(some.course_ids) == {c["C-A1"], c["C-A3"]}
    with pytest.raises(InputError, match="no staff with ids 424242"):
        T.propose_track(engine, org.profile["PM"], staff_ids=[424242])
    with pytest.raises(InputError, match="no role profile"):
        T.propose_track(engine, 424242)
    with engine.begin() as conn:  # a broken catalogue: C-A1 and C-A3 need each other
        conn.execute(insert(m.CoursePrerequisite).values(course_id=c["C-A1"], prerequisite_id=c["C-A3"]))
    with pytest.raises(InputError) as err:
        T.propose_track(engine, org.profile["PM"])
    assert err.value.problems[0].key == "course_plan.cycle" and "forman un ciclo" in err.value.text("es")


def org_code(org: Org, comp_id: int) -> str:
    return next(k for k, v in org.comp.items() if v == comp_id)


# -- bulk assignment -----------------------------------------------------------------------------------------
def test_assign_a_unit_with_or_without_its_subunits(engine: Engine, org: Org) -> None:
    t = T.create_track(engine, code="T", name_en="t", name_es="t", course_ids=[org.course["C-A1"]])
    assert T.audience_staff(engine, T.UnitAudience(org.unit["U1"], include_subunits=False)).tolist() == ids(
        org, "p1", "p2", "a1")  # the inactive x is not selected
    assert T.audience_staff(engine, T.UnitAudience("U1", agency="AG")).tolist() == ids(org, "p1", "p2", "p3", "p4",
                                                                                        "a1")
    out = T.assign_track(engine, t.id, T.UnitAudience(org.unit["U1"]), due_on=D(2030, 6, 30),
                         assigned_on=D(2025, 1, 10), actor="trainer")
    assert (out.selected, out.assigned, out.already_assigned) == (5, 5, 0)
    assert out.status_counts == {"not_started": 5, "in_progress": 0, "completed": 0, "failed": 0}
    with engine.connect() as conn:
        rows = conn.execute(select(m.Assignment.staff_id, m.Assignment.assigned_on, m.Assignment.due_on,
                                   m.Assignment.status, m.Assignment.assigned_by, m.Assignment.version)
                            .order_by(m.Assignment.staff_id)).all()
    assert [tuple(r) for r in rows] == [(s, D(2025, 1, 10), D(2030, 6, 30), "not_started", "trainer", 1)
                                        for s in ids(org, "p1", "p2", "p3", "p4", "a1")]
    # the whole agency root: only the people not yet assigned are added
    again = T.assign_track(engine, t.id, T.UnitAudience(org.unit["ROOT"]), due_on=None, actor="trainer")
    assert (again.selected, again.assigned, again.already_assigned) == (8, 3, 5)
    (first, second) = audit(engine, "assign_track")
    assert first.actor == "trainer" and first.details["assigned"] == 5 and first.details["audience"] == {
        "kind": "unit", "unit": org.unit["U1"], "include_subunits": True, "agency": None}
    assert second.details["already_assigned"] == 5
    with pytest.raises(InputError, match="no unit 'NOPE'"):
        T.audience_staff(engine, T.UnitAudience("NOPE"))
    with pytest.raises(InputError, match="before the assignment date"):
        T.assign_track(engine, t.id, T.UnitAudience("U1"), due_on=D(2020, 1, 1), assigned_on=D(2021, 1, 1))
    with pytest.raises(InputError, match="no track"):
        T.assign_track(engine, 424242, T.UnitAudience("U1"), due_on=None)


def test_gap_audience_is_the_gap_service_gap(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    for comp in "ABCDE":
        col = int(np.flatnonzero(data.levels.competency_ids == org.comp[comp])[0])
        for min_gap in (1, 2):
            expected = data.levels.staff_ids[np.nan_to_num(data.own.gap[:, col], nan=0) >= min_gap]
            got = T.audience_staff(engine, T.GapAudience(org.comp[comp], min_gap))
            assert got.tolist() == sorted(expected.tolist()), (comp, min_gap)
    a = org.comp["A"]
    # a1 holds another role profile, which requires A at 1: a gap for their own role
    assert T.audience_staff(engine, T.GapAudience(a)).tolist() == ids(org, "p1", "p2", "p3", "p6", "a1", "h1")
    assert T.audience_staff(engine, T.GapAudience(a, 2)).tolist() == ids(org, "p1", "p3", "h1")
    # filters as in the gap service: a unit subtree, an agency, an as-of date before every assessment
    assert T.audience_staff(engine, T.GapAudience(a, filters=S.GapFilters(unit=org.unit["U11"]))).tolist() == ids(
        org, "p3")
    assert T.audience_staff(engine, T.GapAudience(a, filters=S.GapFilters(agency="AH"))).tolist() == ids(org, "h1")
    assert T.audience_staff(engine, T.GapAudience(a, filters=S.GapFilters(as_of=D(2023, 1, 1)))).tolist() == []
    t = T.create_track(engine, code="T", name_en="t", name_es="t", course_ids=[org.course["C-A1"],
                                                                              org.course["C-A3"]])
    out = T.assign_track(engine, t.id, T.GapAudience(a, 2), due_on=D(2030, 1, 1))
    assert (out.assigned, out.already_assigned) == (3, 0)
    again = T.assign_track(engine, t.id, T.GapAudience(a), due_on=D(2030, 1, 1))
    assert (again.selected, again.assigned, again.already_assigned) == (6, 3, 3)  # p2, p6 and a1 added
    with pytest.raises(InputError, match="at least 1"):
        T.audience_staff(engine, T.GapAudience(a, 0))
    with pytest.raises(InputError, match="no competency"):
        T.audience_staff(engine, T.GapAudience(424242))


def test_explicit_lists_and_reassigning_after_completion(engine: Engine, org: Org) -> None:
    t = T.create_track(engine, code="T", name_en="t", name_es="t", course_ids=[org.course["C-B2"]])
    out = T.assign_track(engine, t.id, T.StaffAudience((org.staff["p1"], org.staff["x"], org.staff["p1"])),
                         due_on=D(2030, 1, 1), assigned_on=D(2025, 1, 1))
    assert (out.selected, out.assigned, out.inactive_skipped) == (1, 1, 1)
    with pytest.raises(InputError, match="no staff with ids 424242"):
        T.assign_track(engine, t.id, T.StaffAudience((424242, org.staff["p2"])), due_on=None)
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        T.assign_track(engine, t.id, T.StaffAudience((org.staff["p2"],)), due_on=None, progress=cancelled)
    with engine.connect() as conn:  # nothing of the cancelled assignment is stored
        assert conn.execute(select(func.count()).select_from(m.Assignment)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(m.AuditLog)
                            .where(m.AuditLog.action == "assign_track")).scalar_one() == 1
    assert T.assign_track(engine, t.id, T.StaffAudience((org.staff["p1"],)), due_on=None).already_assigned == 1
    # once completed the assignment is no longer open: the track can be given again
    complete(engine, org, [("p1", "C-B2", D(2025, 2, 1), "passed")])
    assert T.refresh_assignment_status(engine, track_id=t.id, as_of=D(2025, 3, 1))["completed"] == 1
    again = T.assign_track(engine, t.id, T.StaffAudience((org.staff["p1"],)), due_on=None, assigned_on=D(2026, 1, 1))
    assert again.assigned == 1 and again.status_counts["completed"] == 1  # passed before: prior learning counts
    with engine.connect() as conn:
        newest = conn.execute(select(m.Assignment.status, m.Assignment.completed_on, m.Assignment.assigned_on)
                              .order_by(m.Assignment.id.desc()).limit(1)).one()
    assert tuple(newest) == ("completed", D(2025, 2, 1), D(2026, 1, 1))  # stored so from the start


# -- progress ------------------------------------------------------------------------------------------------
def test_progress_statuses_from_course_completions(engine: Engine, org: Org) -> None:
    c = org.course
    t = T.create_track(engine, code="T", name_en="t", name_es="t", course_ids=[c["C-A1"], c["C-A3"]])
    people = ("p1", "p2", "p3", "p4", "p5", "p6", "a1", "a2")
    T.assign_track(engine, t.id, T.StaffAudience(tuple(org.staff[k] for k in people)), due_on=D(2025, 6, 30),
                   assigned_on=D(2025, 1, 1))
    complete(engine, org, [
        # p1 nothing: not started
        ("p2", "C-A1", D(2025, 2, 1), "passed"),  # half done
        ("p3", "C-A1", D(2025, 2, 1), "in_progress"),  # started
        ("p4", "C-A1", D(2024, 5, 1), "passed"),  # before the assignment: counts
        ("p4", "C-A3", D(2025, 3, 1), "failed"),
        ("p4", "C-A3", D(2025, 4, 2), "passed"),  # failed, then passed: completed on the pass
        ("p5", "C-A1", D(2025, 2, 1), "passed"),
        ("p5", "C-A3", D(2025, 3, 1), "failed"),  # latest result failed: failed
        ("p6", "C-A1", D(2025, 2, 1), "passed"),
        ("p6", "C-A3", D(2025, 3, 1), "passed"),
        ("p6", "C-A3", D(2025, 5, 1), "failed"),  # a later failed retake does not undo the pass
        ("a1", "C-A1", D(2025, 2, 1), "failed"),
        ("a1", "C-A1", D(2025, 3, 1), "in_progress"),  # retaking: in progress again
        ("a2", "C-A1", D(2025, 2, 1), "passed"),
        ("a2", "C-A3", D(2025, 9, 1), "passed"),  # after the as-of date: ignored
        ("p1", "C-B2", D(2025, 2, 1), "passed"),  # not a course of the track
    ])
    table = T.assignment_progress(engine, track_id=t.id, as_of=D(2025, 7, 1))
    got = {table.employee_number[i]: table.row(i) for i in range(len(table))}
    expect = {  # status, courses done, hours done, overdue, completed on
        "E-p1": ("not_started", 0, 0.0, True, None), "E-p2": ("in_progress", 1, 5.0, True, None),
        "E-p3": ("in_progress", 0, 0.0, True, None), "E-p4": ("completed", 2, 25.0, False, D(2025, 4, 2)),
        "E-p5": ("failed", 1, 5.0, True, None), "E-p6": ("completed", 2, 25.0, False, D(2025, 3, 1)),
        "E-a1": ("in_progress", 0, 0.0, True, None), "E-a2": ("in_progress", 1, 5.0, True, None),
    }
    assert {k: (r["status"], r["courses_done"], r["hours_done"], r["overdue"], r["completed_on"])
            for k, r in got.items()} == expect
    assert got["E-p2"]["pct_done"] == 50.0 and got["E-p2"]["hours_total"] == 25.0 and got["E-p2"]["track"] == "T"
    assert got["E-p5"]["courses_failed"] == 1 and got["E-p3"]["courses_in_progress"] == 1
    assert got["E-p1"]["name"] == "Ruiz, P1"
    assert table.counts() == {"not_started": 1, "in_progress": 4, "completed": 2, "failed": 1}
    late = table.take(table.overdue)
    assert sorted(late.employee_number) == ["E-a1", "E-a2", "E-p1", "E-p2", "E-p3", "E-p5"]
    assert late.counts()["completed"] == 0 and late.rows()[0]["overdue"]
    # before the due date nothing is overdue; later the a2 pass counts
    assert not T.assignment_progress(engine, track_id=t.id, as_of=D(2025, 6, 30)).overdue.any()
    later = T.assignment_progress(engine, staff_id=org.staff["a2"], as_of=D(2025, 9, 1))
    assert later.row(0)["status"] == "completed" and later.row(0)["completed_on"] == D(2025, 9, 1)
    # by unit (with or without sub-units) and by agency
    assert sorted(T.assignment_progress(engine, unit=org.unit["U1"], as_of=D(2025, 7, 1)).employee_number) == [
        "E-a1", "E-p1", "E-p2", "E-p3", "E-p4"]
    assert sorted(T.assignment_progress(engine, unit="U1", include_subunits=False,
                                        as_of=D(2025, 7, 1)).employee_number) == ["E-a1", "E-p1", "E-p2"]
    assert len(T.assignment_progress(engine, agency="AH", as_of=D(2025, 7, 1))) == 0

    # storing the derived status: only changed rows, their version goes up, once
    counts = T.refresh_assignment_status(engine, track_id=t.id, as_of=D(2025, 7, 1), actor="trainer")
    assert (counts["checked"], counts["changed"]) == (8, 7)
    with engine.connect() as conn:
        stored = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
            select(m.Staff.employee_number, m.Assignment.status, m.Assignment.completed_on, m.Assignment.version)
            .join(m.Staff, m.Staff.id == m.Assignment.staff_id))}
    assert stored["E-p4"] == ("completed", D(2025, 4, 2), 2) and stored["E-p1"] == ("not_started", None, 1)
    assert stored["E-p5"] == ("failed", None, 2)
    assert T.refresh_assignment_status(engine, track_id=t.id, as_of=D(2025, 7, 1))["changed"] == 0
    assert len(audit(engine, "refresh_assignments")) == 1
    assert T.refresh_assignment_status(engine, as_of=D(2025, 9, 1))["changed"] == 1  # a2 completes


def test_course_states_rule() -> None:
    day = np.array(["2025-01-01", "2025-02-01", "2025-03-01", "2025-01-05", "2025-01-05"], dtype="datetime64[D]")
    state, first = T.course_states(
        np.array([1, 1, 1, 2, 2]), np.array([10, 10, 10, 10, 10]), day,
        np.array([T.C_FAILED, T.C_PASSED, T.C_FAILED, T.C_PASSED, T.C_FAILED], dtype=np.int8),
        np.array([1, 2, 3, 4, 5]), np.array([1, 2, 3, 1]), np.array([10, 10, 10, 11]))
    assert [T.COURSE_STATES[s] for s in state] == ["passed", "passed", "none", "none"]
    assert [str(d) for d in first] == ["2025-02-01", "2025-01-05", "NaT", "NaT"]
    # on one day the later row wins for the latest result
    state, _ = T.course_states(np.array([1, 1]), np.array([10, 10]), np.array(["2025-01-01"] * 2, "datetime64[D]"),
                               np.array([T.C_FAILED, T.C_IN_PROGRESS], dtype=np.int8), np.array([7, 8]),
                               np.array([1]), np.array([10]))
    assert T.COURSE_STATES[state[0]] == "in_progress"
