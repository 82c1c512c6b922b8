"""The role-transition engine at full scale: graph build, one person's route, everyone ranked for one role,
core competencies.

    python bench/bench_pathways.py                          # synthetic: 47,700 staff × 48 competencies, 67 roles
    python bench/bench_pathways.py --db /tmp/full.db        # a real database (a copy: opening may upgrade it)
    python bench/bench_pathways.py --runs 9 --threshold 0.5 --target 12 --chunk 4096

Prints the median wall time over ``--runs`` (and the minimum, and the median CPU time of the process: all
threads, so with ``OPENBLAS_NUM_THREADS=1`` it is the work itself). The ranking is timed from scratch each run
(reverse shortest-path search included). ``--target`` is a role position; by default the role the most other
roles can reach (the heaviest ranking). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from skillmap.analysis.gaps import LevelMatrix, RequirementMatrix
from skillmap.pathways import (
    CourseEffort,
    EffortModel,
    TransitionGraph,
    build_graph,
    cheapest_route,
    core_competencies,
    course_efforts,
    move_measures,
    rank_for_target,
)

_cpu: list[float] = [0.0]


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    times, cpu, out = [], [], None
    for _ in range(max(1, runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    _cpu[0] = statistics.median(cpu)
    return statistics.median(times), min(times), out


def show(label: str, med: float, low: float, extra: str = "") -> None:
    print(f"{label:<46} {med * 1000:9.1f} ms  (min {low * 1000:7.1f}, cpu {_cpu[0] * 1000:7.1f})"
          f"{'  ' + extra if extra else ''}")


# -- inputs ----------------------------------------------------------------------------------------------
def synthetic(n_staff: int, n_roles: int, n_comp: int, seed: int
              ) -> tuple[LevelMatrix, RequirementMatrix, list[CourseEffort], np.ndarray]:
    """Role families as career ladders (4 seniority levels, each family centred on ~10 competencies), staff
    near a role of their own with a third of levels unknown, 83 courses raising 1–2 competencies to 1–3."""
    rng = np.random.default_rng(seed)
    required = np.full((n_roles, n_comp), np.nan)
    weights = np.zeros((n_roles, n_comp))
    n_fam = max(1, n_roles // 4)
    for j in range(n_roles):
        fam, senior = j % n_fam, j // n_fam
        core = (np.arange(10) * 5 + fam * 3) % n_comp
        extra = rng.choice(n_comp, size=3, replace=False)
        comps = np.unique(np.concatenate([core[: 6 + senior], extra]))
        required[j, comps] = np.clip(1 + senior + rng.integers(-1, 2, len(comps)), 1, 4)
        weights[j, comps] = rng.choice([1.0, 1.5, 2.0], len(comps))
    reqs = RequirementMatrix(np.arange(1, n_roles + 1), np.arange(1, n_comp + 1), required, weights)
    own = rng.integers(0, n_roles, n_staff)
    base = np.nan_to_num(required[own])
    levels = np.clip(base + rng.integers(-2, 2, (n_staff, n_comp)), 0, 4).astype(float)
    levels[rng.random((n_staff, n_comp)) < 0.33] = np.nan
    lm = LevelMatrix(np.arange(1, n_staff + 1), np.arange(1, n_comp + 1), levels)
    courses = []
    for k in range(83):
        comps = rng.choice(n_comp, size=int(rng.integers(1, 3)), replace=False)
        courses.append(CourseEffort(k + 1, float(rng.integers(6, 61)),
                                    {int(c): int(rng.integers(1, 4)) for c in comps}))
    hard = np.zeros(n_comp, dtype=bool)
    hard[rng.choice(n_comp, size=7, replace=False)] = True
    return lm, reqs, courses, hard


def from_database(path: str) -> tuple[LevelMatrix, RequirementMatrix, list[CourseEffort], np.ndarray, Any]:
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.services.gaps import load_gap_data

    engine = open_database(path)
    med, low, data = timed(lambda: load_gap_data(engine), 1)
    show("load gap data from the database", med, low,
         f"{data.levels.shape[0]:,} staff × {data.levels.shape[1]} competencies, "
         f"{data.requirements.shape[0]} role profiles")
    q = (select(m.Course.id, m.Course.hours, m.CourseCompetency.competency_id, m.CourseCompetency.target_level)
         .join(m.CourseCompetency, m.CourseCompetency.course_id == m.Course.id)
         .where(m.Course.active.is_(True)).order_by(m.Course.id, m.CourseCompetency.competency_id))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    courses = course_efforts(rows, data.requirements.competency_ids)
    return data.levels, data.requirements, courses, np.asarray(data.hard_to_transfer, dtype=bool), data


# -- report ----------------------------------------------------------------------------------------------
def role_name(reqs: RequirementMatrix, j: int) -> str:
    return f"[{j}] {reqs.role_labels[j]}"


def describe_route(tg: TransitionGraph, route: Any, comp_labels: list[str]) -> None:
    reqs = tg.requirements
    print(f"  target {role_name(reqs, route.target)}: {route.total_hours:.0f} h in {len(route.steps)} move(s), "
          f"in post={route.in_post}, hire rather than reskill={route.hire_rather_than_reskill}; "
          f"direct {route.direct_hours:.0f} h at readiness {route.direct_readiness:.0%}")
    for s in route.steps:
        print(f"    → {role_name(reqs, s.role)} (readiness {s.readiness:.0%}): {s.hours:.0f} h"
              f" ({s.effort:.0f} h effort{', in post' if s.in_post else ', reskilling in place'})")
        for b in s.builds:
            how = f"course {b.course_id} {b.course_hours:g} h" if b.course_id >= 0 else ""
            est = f"{b.estimated_levels} level(s) estimated" if b.estimated_levels else ""
            print(f"        {comp_labels[b.competency]}: {b.from_level} → {b.to_level}  {b.hours:g} h"
                  f"{'  HARD' if b.hard else ''}  ({', '.join(p for p in (how, est) if p)})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="a database with a full-scale organisation (default: synthetic data)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--target", type=int, default=-1, help="role position (default: the most reachable role)")
    ap.add_argument("--chunk", type=int, default=4096)
    ap.add_argument("--staff", type=int, default=47_700, help="synthetic staff")
    ap.add_argument("--roles", type=int, default=67, help="synthetic role profiles")
    ap.add_argument("--competencies", type=int, default=48, help="synthetic competencies")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    if args.db:
        levels, reqs, courses, hard, _data = from_database(args.db)
    else:
        levels, reqs, courses, hard = synthetic(args.staff, args.roles, args.competencies, args.seed)
        print(f"synthetic: {levels.shape[0]:,} staff × {levels.shape[1]} competencies, {reqs.shape[0]} roles, "
              f"{len(courses)} courses")
    n_s, n_c = levels.shape

    med, low, model = timed(lambda: EffortModel.from_courses(courses, n_c, hard_to_transfer=hard), args.runs)
    show("effort model from the catalogue", med, low,
         f"{len(courses)} courses, {int((model.top > 0).sum())}/{n_c} competencies covered, {int(hard.sum())} hard")
    med, low, tg = timed(lambda: build_graph(reqs, model, args.threshold), args.runs)
    show("build the transition graph", med, low,
         f"{tg.n_roles} roles, {tg.n_edges} viable moves at threshold {args.threshold:g}")

    reach = [int(np.isfinite(tg.to_target(t).dist).sum()) for t in range(tg.n_roles)]
    target = args.target if args.target >= 0 else int(np.argmax(reach))
    print(f"target {role_name(reqs, target)}: reachable from {reach[target] - 1} other roles")

    def rank() -> Any:
        tg._to.clear()  # time the reverse search too
        return rank_for_target(tg, levels, target, chunk=args.chunk)

    med, low, ranking = timed(rank, args.runs)
    n_via = int((ranking.via >= 0).sum())
    show(f"rank {n_s:,} staff for one role", med, low,
         f"learning in post {int(ranking.in_post.sum()):,}, via stepping stones {n_via:,}, "
         f"hire rather than reskill {int(ranking.hard.sum()):,}")
    top = ranking.order[:5]
    print("  best: " + ", ".join(f"#{int(p)} {ranking.hours[p]:.0f} h" for p in top))

    def rank_all() -> None:
        tg._to.clear()
        for t in range(tg.n_roles):
            rank_for_target(tg, levels, t, chunk=args.chunk)

    med, low, _ = timed(rank_all, max(1, args.runs // 3))
    show(f"rank for every role ({tg.n_roles} rankings)", med, low, f"{med / tg.n_roles * 1000:.0f} ms per role")

    person = int(np.flatnonzero(ranking.via >= 0)[0]) if n_via else int(ranking.order[0])
    med, low, route = timed(lambda: cheapest_route(tg, levels.levels[person], target), args.runs)
    show("route for one person", med, low, f"person #{person}")
    describe_route(tg, route, levels.competency_labels)

    med, low, mm = timed(lambda: move_measures(model, levels, reqs, chunk=args.chunk), max(1, args.runs // 2))
    show("effort of everyone for every role", med, low,
         f"{mm.hours.shape[0]:,} × {mm.hours.shape[1]} (mean {float(mm.hours.mean()):.0f} h)")

    for raise_by in (None, 1):
        med, low, core = timed(lambda r=raise_by: core_competencies(tg, raise_by=r), args.runs)
        label = "gap closed" if raise_by is None else f"raised by {raise_by}"
        show(f"core competencies ({label})", med, low, f"of {int(tg.has_requirements.sum()) ** 2} role pairs")
        print("  " + ", ".join(f"{levels.competency_labels[c]}: {k}" for c, k in core.ranked()[:6]))


if __name__ == "__main__":
    main()
