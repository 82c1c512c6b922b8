"""The course planner: hand cases, brute force on random catalogues, dates, the bundled catalogue."""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta

import pytest

from skillmap.planning import (
    CourseOption,
    CoursePlan,
    PlanError,
    describe_method,
    finish_date,
    plan_courses,
    schedule,
)
from skillmap.sample.catalogue import load_courses
from skillmap.tasks import Cancelled, Progress

C = CourseOption


# -- an independent checker ------------------------------------------------------------------------------
def start_levels(current: Mapping[int, float | None], catalogue: Sequence[CourseOption],
                 done: Collection[int]) -> dict[int, float]:
    """Levels before the plan, unknown as 0 (the checker's own version of the rule)."""
    lv = {c: (0.0 if v is None or (isinstance(v, float) and math.isnan(v)) else float(v))
          for c, v in current.items()}
    for course in catalogue:
        if course.id in done:
            for c, level in course.raises.items():
                lv[c] = max(lv.get(c, 0.0), float(level))
    return lv


def coverable(current: Mapping[int, float | None], required: Mapping[int, int],
              catalogue: Sequence[CourseOption], done: Collection[int]) -> tuple[set[int], set[int]]:
    """(gaps some course outside ``done`` can close, gaps none can)."""
    lv = start_levels(current, catalogue, done)
    gaps = {c for c, r in required.items() if lv.get(c, 0.0) < r}
    can = {c for c in gaps if any(k.raises.get(c, -1) >= required[c] for k in catalogue if k.id not in done)}
    return can, gaps - can


def check_plan(plan: CoursePlan, current: Mapping[int, float | None], required: Mapping[int, int],
               catalogue: Sequence[CourseOption], done: Collection[int] = ()) -> None:
    """Every property a plan must have, whatever the method."""
    by_id = {k.id: k for k in catalogue}
    can, cannot = coverable(current, required, catalogue, done)
    ids = [s.course.id for s in plan.steps]
    assert len(ids) == len(set(ids)), "a course twice"
    assert not set(ids) & set(done), "a done course in the plan"
    seen: set[int] = set()
    hour = 0.0
    lv = start_levels(current, catalogue, done)
    for step in plan.steps:
        for pre in step.course.prerequisites:
            assert pre in done or pre in seen, f"{step.course.code} before its prerequisite {pre}"
        seen.add(step.course.id)
        assert step.start_hour == pytest.approx(hour)
        hour += step.course.hours
        for c, (before, after) in step.raises.items():
            assert after == step.course.raises[c] and after > lv.get(c, 0.0)
            assert before is None or before == lv[c]
        for c, level in step.course.raises.items():
            if c not in step.raises:
                assert level <= lv.get(c, 0.0)
            lv[c] = max(lv.get(c, 0.0), float(level))
        assert step.needed_for == tuple(sorted(c for c in can if step.course.raises.get(c, -1) >= required[c]))
    assert plan.hours == pytest.approx(hour)
    assert plan.hours == pytest.approx(sum(by_id[i].hours for i in ids))
    for c in can:
        assert lv[c] >= required[c], f"gap in {c} left open"
    assert set(plan.closed) == can
    assert all(plan.closed[c] == lv[c] for c in can)
    assert set(plan.uncovered) == cannot
    for c in cannot:
        assert plan.uncovered[c][1] == required[c]
    assert plan.method == ("exact" if plan.exact else "greedy")


def brute_force(current: Mapping[int, float | None], required: Mapping[int, int],
                catalogue: Sequence[CourseOption], done: Collection[int]) -> tuple[float, int, tuple[str, ...]]:
    """The best (hours, courses, sorted codes) over every prerequisite-closed set that closes every closable gap."""
    can, _ = coverable(current, required, catalogue, done)
    todo = [k for k in catalogue if k.id not in done]
    pos = {k.id: i for i, k in enumerate(todo)}
    need = [sum(1 << pos[p] for p in k.prerequisites if p not in done) for k in todo]
    gap_list = sorted(can)
    closes = [sum(1 << j for j, c in enumerate(gap_list) if k.raises.get(c, -1) >= required[c]) for k in todo]
    full = (1 << len(gap_list)) - 1
    best: tuple[float, int, tuple[str, ...]] | None = None
    for subset in range(1 << len(todo)):
        covered, ok, hours = 0, True, 0.0
        for i in range(len(todo)):
            if subset >> i & 1:
                if need[i] & ~subset:
                    ok = False
                    break
                covered |= closes[i]
                hours += todo[i].hours
        if not ok or covered != full:
            continue
        key = (hours, subset.bit_count(), tuple(sorted(todo[i].code for i in range(len(todo)) if subset >> i & 1)))
        if best is None or key < best:
            best = key
    assert best is not None
    return best


def key_of(plan: CoursePlan) -> tuple[float, int, tuple[str, ...]]:
    return (plan.hours, len(plan.steps), tuple(sorted(plan.codes)))


# -- hand cases ------------------------------------------------------------------------------------------
def test_prerequisite_chain_is_taken_in_order() -> None:
    cat = [C(3, "C", 10, {7: 3}, (2,)), C(1, "A", 4, {}), C(2, "B", 6, {7: 1}, (1,)), C(4, "D", 30, {7: 3})]
    plan = plan_courses({7: None}, {7: 3}, cat)
    assert plan.codes == ("A", "B", "C")
    assert plan.hours == 20 and plan.exact and plan.method == "exact"
    assert [s.start_hour for s in plan.steps] == [0, 4, 10]
    assert [s.needed_for for s in plan.steps] == [(), (), (7,)]
    assert plan.steps[1].raises == {7: (None, 1)} and plan.steps[2].raises == {7: (1.0, 3)}
    assert plan.closed == {7: 3} and plan.uncovered == {}
    check_plan(plan, {7: None}, {7: 3}, cat)
    # the chain costs more than the direct course once it is long enough
    cat[0] = C(3, "C", 21, {7: 3}, (2,))
    assert plan_courses({7: None}, {7: 3}, cat).codes == ("D",)


def test_done_course_costs_nothing_and_cuts_the_chain() -> None:
    cat = [C(1, "A", 4, {}), C(2, "B", 6, {}, (1,)), C(3, "C", 10, {7: 3}, (2,)), C(4, "D", 18, {7: 3})]
    plan = plan_courses({7: 1}, {7: 3}, cat, done=[2])  # B done: A is no longer needed
    assert plan.codes == ("C",) and plan.hours == 10
    check_plan(plan, {7: 1}, {7: 3}, cat, [2])


def test_done_course_counts_for_its_levels() -> None:
    cat = [C(1, "A", 4, {7: 2, 8: 1}), C(2, "B", 6, {8: 2})]
    plan = plan_courses({7: None, 8: 0}, {7: 2, 8: 2}, cat, done=[1])
    assert plan.codes == ("B",)
    assert plan.steps[0].raises == {8: (1.0, 2)}
    assert 7 not in plan.closed  # no gap in 7 once A counts


def test_shared_prerequisite_is_taken_once_and_first() -> None:
    cat = [C(1, "P", 8, {}), C(2, "X", 5, {10: 2}, (1,)), C(3, "Y", 5, {11: 2}, (1,)),
           C(4, "X2", 14, {10: 2}), C(5, "Y2", 14, {11: 2})]
    current, required = {10: 0, 11: 1}, {10: 2, 11: 2}
    plan = plan_courses(current, required, cat)
    assert plan.codes == ("P", "X", "Y") and plan.hours == 18
    assert plan.steps[0].needed_for == ()
    check_plan(plan, current, required, cat)


def test_one_course_closing_two_gaps_beats_two_courses() -> None:
    cat = [C(1, "BIG", 10, {1: 2, 2: 2}), C(2, "S1", 6, {1: 2}), C(3, "S2", 6, {2: 3})]
    plan = plan_courses({}, {1: 2, 2: 2}, cat)
    assert plan.codes == ("BIG",) and plan.steps[0].needed_for == (1, 2)
    cat[0] = C(1, "BIG", 13, {1: 2, 2: 2})
    plan = plan_courses({}, {1: 2, 2: 2}, cat)
    assert plan.codes == ("S1", "S2") and plan.hours == 12


def test_levels_do_not_add_up() -> None:
    cat = [C(1, "L1", 2, {1: 1}), C(2, "L2", 2, {1: 2}), C(3, "L3", 9, {1: 3})]
    plan = plan_courses({1: 0}, {1: 3}, cat)
    assert plan.codes == ("L3",)


def test_uncovered_competencies_get_no_course_but_the_rest_is_planned() -> None:
    cat = [C(1, "A", 8, {1: 2, 2: 1}), C(2, "B", 8, {3: 2})]
    current, required = {1: 0.0, 2: 3.0, 3: None}, {1: 2, 2: 4, 3: 3, 4: 1}
    plan = plan_courses(current, required, cat)
    assert plan.codes == ("A",)
    assert plan.uncovered == {2: (3.0, 4), 3: (None, 3), 4: (None, 1)}
    assert plan.closed == {1: 2}
    check_plan(plan, current, required, cat)
    only_uncovered = plan_courses({}, {3: 3}, cat)
    assert only_uncovered.steps == () and only_uncovered.uncovered == {3: (None, 3)} and only_uncovered.exact


def test_no_gaps_gives_an_empty_plan() -> None:
    cat = [C(1, "A", 8, {1: 2})]
    for current, required in [({1: 2}, {1: 2}), ({1: 4}, {1: 2}), ({}, {}), ({1: None}, {1: 0}),
                              ({1: 1}, {1: float("nan")})]:
        plan = plan_courses(current, required, cat)  # type: ignore[arg-type]
        assert plan.steps == () and plan.hours == 0 and plan.exact and plan.closed == {} and plan.uncovered == {}
        assert finish_date(plan, date(2025, 3, 1), 5) == date(2025, 3, 1)
        assert schedule(plan, date(2025, 3, 1), 5) == []


def test_unknown_levels_count_as_zero() -> None:
    cat = [C(1, "A", 8, {1: 1})]
    for unknown in (None, float("nan")):
        assert plan_courses({1: unknown}, {1: 1}, cat).codes == ("A",)
    assert plan_courses({}, {1: 1}, cat).codes == ("A",)


def test_ties_go_to_fewer_courses_then_codes() -> None:
    cat = [C(1, "PRE", 4, {}), C(2, "ZCHAIN", 6, {1: 2}, (1,)), C(3, "SOLO", 10, {1: 2})]
    assert plan_courses({}, {1: 2}, cat).codes == ("SOLO",)
    cat = [C(1, "B", 10, {1: 2}), C(2, "A", 10, {1: 2}), C(3, "C", 10, {1: 2})]
    assert plan_courses({}, {1: 2}, cat).codes == ("A",)
    assert plan_courses({}, {1: 2}, cat, exact_limit=0).codes == ("A",)


def test_exact_search_applies_the_tie_breaks_over_the_greedy_start() -> None:
    # greedy takes X (4 h a gap) then Y: 10 h in two courses; Z closes both in 10 h alone
    cat = [C(1, "X", 4, {1: 1}), C(2, "Y", 6, {2: 1}), C(3, "Z", 10, {1: 1, 2: 1})]
    assert plan_courses({}, {1: 1, 2: 1}, cat, exact_limit=0).codes == ("X", "Y")
    assert plan_courses({}, {1: 1, 2: 1}, cat).codes == ("Z",)
    # greedy takes X then Y again; A2 after A1 is as long and as many courses, and its codes come first
    cat = [C(1, "X", 4, {1: 1}), C(2, "Y", 6, {2: 1}), C(3, "A1", 4, {}), C(4, "A2", 6, {1: 1, 2: 1}, (3,))]
    assert plan_courses({}, {1: 1, 2: 1}, cat, exact_limit=0).codes == ("X", "Y")
    assert plan_courses({}, {1: 1, 2: 1}, cat).codes == ("A1", "A2")


def test_greedy_is_worse_on_a_classic_trap_and_says_so() -> None:
    # C closes three gaps for 5 h (best ratio), but A + B close all four for 8 h.
    cat = [C(1, "A", 4, {1: 1, 2: 1}), C(2, "B", 4, {3: 1, 4: 1}), C(3, "C", 5, {1: 1, 2: 1, 3: 1})]
    required = {1: 1, 2: 1, 3: 1, 4: 1}
    exact = plan_courses({}, required, cat)
    greedy = plan_courses({}, required, cat, exact_limit=0)
    assert exact.codes == ("A", "B") and exact.hours == 8 and exact.exact
    assert greedy.hours == 9 and not greedy.exact and greedy.method == "greedy"
    check_plan(greedy, {}, required, cat)
    assert "greedy" in describe_method(greedy, "en") and "voraz" in describe_method(greedy, "es")
    assert describe_method(exact, "en").startswith("Exact") and describe_method(exact, "es").startswith("Exacto")


def test_greedy_drops_courses_made_redundant_later() -> None:
    # greedy takes S1 (1 h for one gap), then BIG (9 h for the two left, 4.5 h a gap, against 5 h for S2 or S3):
    # S1 is then redundant and dropped
    cat = [C(1, "S1", 1, {1: 1}), C(2, "BIG", 9, {1: 1, 2: 1, 3: 1}), C(3, "S3", 5, {3: 1}), C(4, "S2", 5, {2: 1})]
    plan = plan_courses({}, {1: 1, 2: 1, 3: 1}, cat, exact_limit=0)
    assert plan.codes == ("BIG",) and not plan.exact


def test_exact_limit_applies_to_each_independent_group() -> None:
    cat = [C(1, "A1", 3, {1: 1}), C(2, "A2", 4, {1: 1}),
           C(3, "B1", 3, {2: 1}), C(4, "B2", 4, {2: 1}), C(5, "B3", 5, {2: 1, 3: 1})]
    required = {1: 1, 2: 1, 3: 1}
    # groups: gap 1 (candidates A1, A2) and gaps 2-3 (B1, B2, B3, because B3 closes both)
    for limit in (0, 1, 2):
        plan = plan_courses({}, required, cat, exact_limit=limit)
        assert plan.method == "greedy" and not plan.exact and plan.candidates == 5
    plan = plan_courses({}, required, cat, exact_limit=3)
    assert plan.exact and plan.method == "exact"
    assert plan.codes == ("B3", "A1")  # the course closing two gaps first


def test_order_is_deterministic_and_keeps_chains_together() -> None:
    cat = [C(1, "P1", 2, {}), C(2, "P2", 2, {}, (1,)), C(3, "X", 2, {1: 1}, (2,)), C(4, "Y", 3, {2: 1, 3: 1}),
           C(5, "Q", 2, {}), C(6, "Z", 2, {4: 1}, (5, 1))]
    required = {1: 1, 2: 1, 3: 1, 4: 1}
    plan = plan_courses({}, required, list(reversed(cat)))
    assert plan.codes == ("Y", "P1", "P2", "X", "Q", "Z")
    check_plan(plan, {}, required, cat)


def test_catalogue_problems_are_value_errors() -> None:
    with pytest.raises(PlanError, match="cycle") as err:
        plan_courses({}, {1: 1}, [C(1, "A", 2, {1: 1}, (2,)), C(2, "B", 2, {}, (3,)), C(3, "C", 2, {}, (1,))])
    assert isinstance(err.value, ValueError) and "ciclo" in err.value.text("es")
    with pytest.raises(PlanError, match="cycle"):
        plan_courses({}, {}, [C(1, "SELF", 2, {1: 1}, (1,))])
    with pytest.raises(PlanError, match="not in the catalogue"):
        plan_courses({}, {1: 1}, [C(1, "A", 2, {1: 1}, (99,))])
    with pytest.raises(PlanError, match="more than once"):
        plan_courses({}, {1: 1}, [C(1, "A", 2, {1: 1}), C(1, "B", 2, {})])
    for hours in (-1, float("nan"), float("inf")):
        with pytest.raises(PlanError, match="invalid hours"):
            plan_courses({}, {1: 1}, [C(1, "A", hours, {1: 1})])
    # a prerequisite outside the catalogue is fine once completed
    plan = plan_courses({}, {1: 1}, [C(1, "A", 2, {1: 1}, (99,))], done=[99])
    assert plan.codes == ("A",)


def test_cancel() -> None:
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        plan_courses({}, {1: 1}, [C(1, "A", 2, {1: 1})], progress=progress)


# -- dates -----------------------------------------------------------------------------------------------
def test_finish_date_rule() -> None:
    cat = [C(1, "A", 25, {1: 1}), C(2, "B", 15, {2: 1})]
    plan = plan_courses({}, {1: 1, 2: 1}, cat)
    assert plan.hours == 40
    start = date(2025, 1, 6)
    assert finish_date(plan, start, 10) == date(2025, 2, 3)  # exactly four weeks
    assert finish_date(plan, start, 40) == date(2025, 1, 13)  # exactly one week
    assert finish_date(plan, start, 12) == date(2025, 1, 30)  # 23.33 days -> 24
    assert finish_date(plan, start, 0.1) == start + timedelta(days=2800)  # 400 weeks
    rows = schedule(plan, start, 10)
    assert [(s.course.code, a, b) for s, a, b in rows] == [
        ("A", date(2025, 1, 6), date(2025, 1, 24)),  # 17.5 days -> ends on day 18
        ("B", date(2025, 1, 24), date(2025, 2, 3)),  # begins on the day A ends, never the day before
    ]
    assert rows[-1][2] == finish_date(plan, start, 10)
    for bad in (0, -3, float("nan"), float("inf")):
        with pytest.raises(PlanError, match="hours per week"):
            finish_date(plan, start, bad)
        with pytest.raises(ValueError):
            schedule(plan, start, bad)


def test_finish_date_exact_multiples_survive_rounding() -> None:
    # 0.1 + 0.2 hours a week etc.: a plan of exactly n weeks must not spill into the next day
    start = date(2025, 1, 1)
    for hours, rate, days in [(0.3, 0.1 + 0.2, 7), (7 * 0.7, 0.7, 49), (33.3, 11.1, 21), (2.1, 0.3, 49),
                              (4.2, 0.6, 49)]:
        plan = plan_courses({}, {1: 1}, [C(1, "A", hours, {1: 1})])
        assert finish_date(plan, start, rate) == start + timedelta(days=days)
    # ... and the next course begins that day, not the day before (0.7 h at 0.1 h a week is 48.999... days)
    plan = plan_courses({}, {1: 1, 2: 1}, [C(1, "A", 0.7, {1: 1, 2: 0}), C(2, "B", 0.7, {2: 1}, (1,))])
    (_a, a0, a1), (_b, b0, b1) = schedule(plan, start, 0.1)
    assert (a0, a1, b0, b1) == (start, start + timedelta(days=49), start + timedelta(days=49),
                                start + timedelta(days=98))


# -- brute force -----------------------------------------------------------------------------------------
Case = tuple[dict[int, float | None], dict[int, int], list[CourseOption], list[int]]


def random_case(seed: int) -> Case:
    """A small random catalogue: prerequisites a random DAG, codes unrelated to ids and to that order."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 12])
    comps = list(range(100, 100 + rng.randint(1, 8)))
    ids = rng.sample(range(1, 1000), n)
    codes = rng.sample([f"K{i:02d}" for i in range(40)], n)
    cat: list[CourseOption] = []
    for i in range(n):
        pres = tuple(ids[j] for j in range(i) if rng.random() < 0.2)  # earlier courses only: a DAG
        raises = {c: rng.randint(1, 4) for c in rng.sample(comps, rng.randint(0, min(4, len(comps))))}
        hours = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 2.5, 7.5])
        cat.append(C(ids[i], codes[i], hours, raises, pres))
    rng.shuffle(cat)
    current: dict[int, float | None] = {c: rng.choice([None, None, 0, 1, 2]) for c in comps if rng.random() < 0.8}
    required = {c: rng.randint(0, 3) for c in comps if rng.random() < 0.9}
    done = [k.id for k in cat if rng.random() < 0.1]
    return current, required, cat, done


def cover_case(seed: int) -> Case:
    """A set-cover-shaped catalogue (hours about proportional to the gaps a course closes), where greedy often
    misses the optimum: about a third of these."""
    rng = random.Random(10_000 + seed)
    n = rng.randint(6, 12)
    comps = list(range(1, rng.randint(4, 8) + 1))
    ids = rng.sample(range(1, 1000), n)
    codes = rng.sample([f"S{i:02d}" for i in range(40)], n)
    cat: list[CourseOption] = []
    for i in range(n):
        closes = rng.sample(comps, rng.randint(1, min(4, len(comps))))
        pres = tuple(ids[j] for j in range(i) if rng.random() < 0.1)
        cat.append(C(ids[i], codes[i], 3 * len(closes) + rng.randint(-2, 2), dict.fromkeys(closes, 1), pres))
    rng.shuffle(cat)
    return {}, dict.fromkeys(comps, 1), cat, []


def against_brute_force(case: Case) -> bool:
    """Check exact and greedy plans of ``case``; True when greedy found a longer plan."""
    current, required, cat, done = case
    exact = plan_courses(current, required, cat, done=done)
    greedy = plan_courses(current, required, cat, done=done, exact_limit=0)
    check_plan(exact, current, required, cat, done)
    check_plan(greedy, current, required, cat, done)
    assert exact.exact  # at most 12 candidates
    assert key_of(exact) == brute_force(current, required, cat, done)
    assert greedy.hours >= exact.hours
    if not exact.closed:
        assert greedy.exact and greedy.steps == ()
    else:
        assert not greedy.exact and greedy.method == "greedy"
    return greedy.hours > exact.hours


@pytest.mark.parametrize("seed", range(240))
def test_against_brute_force(seed: int) -> None:
    against_brute_force(random_case(seed))


def test_against_brute_force_where_greedy_fails() -> None:
    misses = sum(against_brute_force(cover_case(seed)) for seed in range(120))
    assert misses >= 10  # the family really exercises the exact search


# -- the bundled catalogue -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled() -> tuple[list[CourseOption], dict[str, int], dict[str, int]]:
    specs = load_courses()
    comp_id = {code: 1000 + i for i, code in enumerate(sorted({r.competency for s in specs for r in s.raises}))}
    course_id = {s.code: 10 + i for i, s in enumerate(specs)}
    cat = [C(course_id[s.code], s.code, s.hours, {comp_id[r.competency]: r.level for r in s.raises},
             tuple(course_id[p] for p in s.prerequisites)) for s in specs]
    return cat, comp_id, course_id


def test_bundled_catalogue_hand_case(bundled: tuple[list[CourseOption], dict[str, int], dict[str, int]]) -> None:
    cat, comp, course = bundled
    # information search to level 2: GB-15 (24 h) after GB-03 (8 h) = 32 h, against GB-04 (16 h) after GB-03
    # and GB-05 (10 h) = 34 h
    current, required = {comp["DS-INFO-SEARCH"]: 1}, {comp["DS-INFO-SEARCH"]: 2}
    plan = plan_courses(current, required, cat)
    check_plan(plan, current, required, cat)
    assert plan.codes == ("GB-03", "GB-15") and plan.hours == 32 and plan.exact
    # with GB-03 completed: GB-15 (24 h) against GB-05 + GB-04 (26 h)
    assert plan_courses(current, required, cat, done=[course["GB-03"]]).codes == ("GB-15",)
    # digital service to 2 as well: GB-04's chain closes both for 34 h (GB-15's route plus GB-05 + GB-07
    # would be 54 h); GB-04 closes two gaps, so it leads the order, after its prerequisites by code
    required[comp["DS-DIGITAL-SERVICE"]] = 2
    plan = plan_courses(current, required, cat)
    check_plan(plan, current, required, cat)
    assert plan.codes == ("GB-03", "GB-05", "GB-04") and plan.hours == 34
    assert plan.steps[2].needed_for == tuple(sorted(required))
    # with GB-03 and GB-05 completed, GB-04 alone closes both
    plan = plan_courses(current, required, cat, done=[course["GB-03"], course["GB-05"]])
    assert plan.codes == ("GB-04",) and plan.hours == 16


def test_bundled_catalogue_every_competency(
        bundled: tuple[list[CourseOption], dict[str, int], dict[str, int]]) -> None:
    cat, comp, _course = bundled
    top = {c: max(k.raises.get(c, 0) for k in cat) for c in comp.values()}
    rng = random.Random(7)
    for _ in range(30):
        required = {c: rng.randint(1, 5) for c in rng.sample(sorted(top), 10)}
        current: dict[int, float | None] = {c: rng.choice([None, 0, 1, 2]) for c in required}
        done = [k.id for k in rng.sample(cat, 5)]
        exact = plan_courses(current, required, cat, done=done)
        greedy = plan_courses(current, required, cat, done=done, exact_limit=0)
        check_plan(exact, current, required, cat, done)
        check_plan(greedy, current, required, cat, done)
        assert greedy.hours >= exact.hours - 1e-9 or not exact.exact
        assert {c for c, (_b, r) in exact.uncovered.items() if r > top[c]} == set(exact.uncovered)
    everything = plan_courses({}, top, cat)
    check_plan(everything, {}, top, cat)
    assert everything.uncovered == {} and set(everything.closed) == set(top)
