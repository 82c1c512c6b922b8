"""Course plans from the database: the planner gets the person's current levels, the target's requirements,
the active catalogue and the courses already passed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, insert, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.planning.course_plan import plan_courses
from skillmap.problems import InputError
from skillmap.services import plans as PL
from skillmap.services.courses import catalogue_options
from skillmap.services.gaps import GapFilters, load_gap_data
from skillmap.services.levels import current_levels_select


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    engine = open_database(tmp_path_factory.mktemp("plans") / "plans.db")
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=150, n_agencies=2, seed=11))
    yield engine
    engine.dispose()


def _someone(engine: Engine) -> tuple[int, str, int]:
    with engine.connect() as conn:
        row = conn.execute(select(m.Staff.id, m.Staff.employee_number, m.Staff.role_profile_id)
                           .where(m.Staff.role_profile_id.is_not(None)).order_by(m.Staff.id)).first()
    assert row is not None
    return int(row[0]), row[1], int(row[2])


def test_person_plan_is_the_planners_on_the_stored_levels(sample_engine: Engine) -> None:
    sid, number, _profile = _someone(sample_engine)
    pp = PL.plan_for_person(sample_engine, number, "data-scientist-2", start=date(2027, 1, 4), hours_per_week=5)
    with sample_engine.connect() as conn:
        current = {int(r[1]): float(r[2]) for r in conn.execute(current_levels_select([sid]))}
        profile = conn.execute(select(m.RoleProfile.id).where(m.RoleProfile.code == "data-scientist-2")).scalar()
        required = {int(c): int(lv) for c, lv in conn.execute(
            select(m.RoleRequirement.competency_id, m.RoleRequirement.required_level)
            .where(m.RoleRequirement.role_profile_id == profile))}
        done = {int(c) for c in conn.execute(select(m.CourseCompletion.course_id).where(
            m.CourseCompletion.staff_id == sid, m.CourseCompletion.result == "passed")).scalars()}
    want = plan_courses(current, required, catalogue_options(sample_engine), done=done, exact_limit=PL.EXACT_LIMIT)
    assert pp.plan.course_ids == want.course_ids and pp.plan.hours == pytest.approx(want.hours)
    assert pp.current == current and pp.required == required and not pp.own_role
    assert pp.gaps and all((cur or 0) < need for cur, need in pp.gaps.values())
    table = PL.person_plan_rows(pp)
    assert [r[1] for r in table.rows] == list(pp.plan.codes)
    assert table.rows[0][4] == "2027-01-04"
    assert pp.finish > date(2027, 1, 4)
    # the last course ends on the finish date
    if table.rows:
        assert table.rows[-1][5] == pp.finish.isoformat()


def test_passed_courses_are_not_planned_again(sample_engine: Engine) -> None:
    sid, number, _ = _someone(sample_engine)
    before = PL.plan_for_person(sample_engine, number, "data-scientist-2")
    assert before.plan.steps, "the sample person has gaps a course closes"
    first = before.plan.steps[0].course
    with sample_engine.begin() as conn:
        conn.execute(insert(m.CourseCompletion).values(staff_id=sid, course_id=first.id,
                                                       completed_on=date(2026, 1, 10), result="passed"))
    after = PL.plan_for_person(sample_engine, number, "data-scientist-2")
    assert first.id not in after.plan.course_ids
    assert after.plan.hours <= before.plan.hours


def test_own_role_by_default_and_clear_errors(sample_engine: Engine) -> None:
    _sid, number, profile = _someone(sample_engine)
    pp = PL.plan_for_person(sample_engine, number, lang="es")
    with sample_engine.connect() as conn:
        code = conn.execute(select(m.RoleProfile.code).where(m.RoleProfile.id == profile)).scalar()
    assert pp.own_role and pp.target_code == code
    assert "Plan de cursos" in PL.person_plan_rows(pp).title
    with pytest.raises(InputError) as err:
        PL.plan_for_person(sample_engine, "no-such-person")
    assert "no-such-person" in err.value.problems[0].text("es")
    with pytest.raises(InputError) as err:
        PL.plan_for_person(sample_engine, number, "astronaut-9")
    assert "astronaut-9" in err.value.problems[0].text("en")


def test_unit_plans_cover_everyone_with_a_role(sample_engine: Engine) -> None:
    data = load_gap_data(sample_engine, GapFilters())
    up = PL.unit_plans(sample_engine, GapFilters(), data=data, start=date(2027, 1, 4))
    with_role = int((data.role_index >= 0).sum())
    assert len(up.people.rows) == len(up.plans) == with_role
    # the course demand table counts each plan's courses
    total = sum(len(p.steps) for p in up.plans.values())
    assert sum(int(r[2]) for r in up.courses.rows) == total
    people = [int(r[2]) for r in up.courses.rows]
    assert people == sorted(people, reverse=True)
    assert 0.0 <= up.exact_share <= 1.0
    # one person's row equals their own plan
    number = up.people.rows[0][0]
    own = PL.plan_for_person(sample_engine, str(number), start=date(2027, 1, 4))
    assert up.plans[str(number)].course_ids == own.plan.course_ids
    assert up.people.rows[0][8] == own.finish.isoformat()
    # a target for everyone
    target = PL.unit_plans(sample_engine, GapFilters(), data=data, target="data-analyst-1")
    assert len(target.plans) == data.n_staff
    assert {r[2] for r in target.people.rows} == {"data-analyst-1"}
