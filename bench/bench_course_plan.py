"""The course planner for a whole unit: one plan per person against the bundled catalogue (83 courses).

    python bench/bench_course_plan.py [--people 500] [--gaps 10] [--done 4] [--seed 1] [--exact-limit 22]
    python bench/bench_course_plan.py --db /tmp/sample.db [--people 500]
    python bench/bench_course_plan.py --db /tmp/full.db --unit SHCP-100 --agency SHCP

With ``--unit`` (and ``--agency`` when unit codes repeat) the whole service runs as the app and ``skillmap plan
--unit`` do: :func:`skillmap.services.plans.unit_plans` loads the unit's people (and the units below it), plans
everyone against their own role and totals the courses; it prints the load, the planning and the total.

Synthetic people (default): each has ``--gaps`` required competencies drawn from the 48 the catalogue covers,
required levels between 1 and the highest level a course reaches (one in twenty is one level above it, so
some gaps are uncovered), current levels below the requirement or unknown, and ``--done`` random completed
courses. With ``--db`` the people are the first ``--people`` active staff with a role profile, their targets
their own role's requirements, their current levels the validated ones, their completed courses the passed
completions, and the catalogue the database's active courses.

Prints plans per second, the median / 95th percentile / largest time per person, the share of plans solved
exactly, and what the plans contain; then the same people planned greedily (``exact_limit=0``) to show what
the exact search gains and costs. Times are wall clock of ``plan_courses`` alone; no time is asserted.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence

from skillmap.planning import CourseOption, CoursePlan, plan_courses
from skillmap.sample.catalogue import load_courses

Person = tuple[dict[int, float | None], dict[int, int], list[int]]  # current, required, done


def bundled_catalogue() -> tuple[list[CourseOption], dict[str, int]]:
    specs = load_courses()
    comp_id = {code: i + 1 for i, code in enumerate(sorted({r.competency for s in specs for r in s.raises}))}
    course_id = {s.code: i + 1 for i, s in enumerate(specs)}
    cat = [CourseOption(course_id[s.code], s.code, s.hours, {comp_id[r.competency]: r.level for r in s.raises},
                        tuple(course_id[p] for p in s.prerequisites)) for s in specs]
    return cat, comp_id


def synthetic_people(cat: Sequence[CourseOption], n: int, gaps: int, done: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    top: dict[int, int] = defaultdict(int)
    for course in cat:
        for c, level in course.raises.items():
            top[c] = max(top[c], level)
    comps = sorted(top)
    people: list[Person] = []
    for _ in range(n):
        required: dict[int, int] = {}
        current: dict[int, float | None] = {}
        for c in rng.sample(comps, min(gaps, len(comps))):
            r = top[c] + 1 if rng.random() < 0.05 else rng.randint(1, top[c])
            required[c] = r
            current[c] = None if rng.random() < 0.3 else float(rng.randint(0, r - 1))
        people.append((current, required, [k.id for k in rng.sample(list(cat), done)]))
    return people


def database_people(db: str, n: int) -> tuple[list[CourseOption], list[Person]]:
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.services.gaps import load_gap_data

    engine = open_database(db)
    data = load_gap_data(engine)
    with engine.connect() as conn:
        courses = conn.execute(select(m.Course.id, m.Course.code, m.Course.hours).where(m.Course.active)).all()
        raises: dict[int, dict[int, int]] = defaultdict(dict)
        for cid, comp, level in conn.execute(select(m.CourseCompetency.course_id, m.CourseCompetency.competency_id,
                                                    m.CourseCompetency.target_level)):
            raises[cid][comp] = level
        pres: dict[int, list[int]] = defaultdict(list)
        for cid, pre in conn.execute(select(m.CoursePrerequisite.course_id, m.CoursePrerequisite.prerequisite_id)):
            pres[cid].append(pre)
        done: dict[int, list[int]] = defaultdict(list)
        for sid, cid in conn.execute(select(m.CourseCompletion.staff_id, m.CourseCompletion.course_id)
                                     .where(m.CourseCompletion.result == "passed")):
            done[sid].append(cid)
    cat = [CourseOption(cid, code, hours, raises[cid], tuple(pres[cid])) for cid, code, hours in courses]
    comp_ids = data.levels.competency_ids.tolist()
    people: list[Person] = []
    for p in range(data.n_staff):
        role = int(data.role_index[p])
        if role < 0:
            continue
        req_row = data.requirements.required[role]
        lv_row = data.levels.levels[p]
        required = {comp_ids[j]: int(req_row[j]) for j in range(len(comp_ids)) if not math.isnan(req_row[j])}
        current: dict[int, float | None] = {c: (None if math.isnan(lv_row[j]) else float(lv_row[j]))
                                            for j, c in enumerate(comp_ids) if c in required}
        people.append((current, required, done[int(data.levels.staff_ids[p])]))
        if len(people) >= n:
            break
    return cat, people


def run(cat: Sequence[CourseOption], people: Sequence[Person], exact_limit: int) -> tuple[list[float],
                                                                                           list[CoursePlan], float]:
    """Wall time per person, the plans, and the CPU time of the whole loop."""
    times, plans = [], []
    c0 = time.process_time()
    for current, required, done in people:
        t0 = time.perf_counter()
        plans.append(plan_courses(current, required, cat, done=done, exact_limit=exact_limit))
        times.append(time.perf_counter() - t0)
    return times, plans, time.process_time() - c0


def report(label: str, times: list[float], plans: list[CoursePlan], cpu: float) -> None:
    total = sum(times)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"{label}: {len(plans)} plans in {total * 1000:.0f} ms (cpu {cpu * 1000:.0f} ms) = "
          f"{len(plans) / total:,.0f} plans/s; per person median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms, max {ordered[-1] * 1000:.2f} ms")
    exact = sum(p.exact for p in plans)
    print(f"  solved exactly {exact}/{len(plans)} = {exact / len(plans):.1%}; "
          f"mean {statistics.mean(p.hours for p in plans):.1f} h in {statistics.mean(len(p.steps) for p in plans):.1f}"
          f" courses; candidates mean {statistics.mean(p.candidates for p in plans):.1f}, "
          f"max {max(p.candidates for p in plans)}; people with uncovered gaps "
          f"{sum(bool(p.uncovered) for p in plans)}; gaps closed {sum(len(p.closed) for p in plans)}")


def compare(exact: Sequence[CoursePlan], greedy: Sequence[CoursePlan]) -> None:
    both = [(e.hours, g.hours) for e, g in zip(exact, greedy, strict=True) if e.exact]
    worse = [(g - e) for e, g in both if g > e + 1e-9]
    print(f"  greedy longer than the proven optimum for {len(worse)}/{len(both)} people"
          + (f" (by {statistics.mean(worse):.1f} h on average, {max(worse):.0f} h at most)" if worse else ""))


def unit_run(db: str, unit: str, agency: str | None) -> None:
    """Plans for a whole unit through the service, as the app and the command line make them."""
    from skillmap.db.migrate import open_database
    from skillmap.services.gaps import GapFilters, load_gap_data
    from skillmap.services.plans import unit_plans

    engine = open_database(db)
    filters = GapFilters(agency=agency, unit=unit)
    t0 = time.perf_counter()
    data = load_gap_data(engine, filters)
    t1 = time.perf_counter()
    up = unit_plans(engine, filters, data=data)
    t2 = time.perf_counter()
    n = len(up.plans)
    print(f"unit {unit}: {data.n_staff} people, {n} with a role profile; load {t1 - t0:.2f} s, plans "
          f"{t2 - t1:.2f} s (planner alone {up.seconds:.2f} s = {1000 * up.seconds / max(n, 1):.2f} ms a person), "
          f"{100 * up.exact_share:.1f} % proven shortest; {len(up.courses.rows)} different courses needed")
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=500)
    ap.add_argument("--gaps", type=int, default=10, help="required competencies per synthetic person")
    ap.add_argument("--done", type=int, default=4, help="completed courses per synthetic person")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exact-limit", type=int, default=22)
    ap.add_argument("--db", help="plan for staff of this database instead of synthetic people")
    ap.add_argument("--unit", help="with --db: plan a whole unit (and the units below it) through the service")
    ap.add_argument("--agency", help="with --unit: the unit's agency (code)")
    args = ap.parse_args()
    if args.unit:
        unit_run(args.db, args.unit, args.agency)
        return
    if args.db:
        cat, people = database_people(args.db, args.people)
        print(f"{len(people)} staff from {args.db}, catalogue of {len(cat)} courses")
        if not people:
            raise SystemExit("no active staff with a role profile in that database (fill one with "
                             "bench/bench_sample.py or skillmap.services.sample.load_sample)")
    else:
        cat, _codes = bundled_catalogue()
        people = synthetic_people(cat, args.people, args.gaps, args.done, args.seed)
        print(f"{len(people)} synthetic people with {args.gaps} required competencies and {args.done} completed "
              f"courses each, bundled catalogue of {len(cat)} courses")
    run(cat, people[:20], args.exact_limit)  # warm-up
    t_exact, p_exact, cpu = run(cat, people, args.exact_limit)
    report(f"exact_limit={args.exact_limit}", t_exact, p_exact, cpu)
    t_greedy, p_greedy, cpu = run(cat, people, 0)
    report("greedy only (exact_limit=0)", t_greedy, p_greedy, cpu)
    compare(p_exact, p_greedy)
    by_size: Mapping[int, list[float]] = defaultdict(list)
    for t, p in zip(t_exact, p_exact, strict=True):
        by_size[p.candidates // 5 * 5].append(t)
    print("  time by candidates (exact run): " + ", ".join(
        f"{k}-{k + 4}: {len(v)} people, median {statistics.median(v) * 1000:.2f} ms"
        for k, v in sorted(by_size.items())))


if __name__ == "__main__":
    main()
