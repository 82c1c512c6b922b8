"""The gap engine on a full-scale organisation: matrix load from the database, every person against every
role profile, the title check and the aggregate tables.

    python bench/bench_sample.py --db /tmp/full.db --skip-workbook     # once: a 47,700-person database
    python bench/bench_gaps.py --db /tmp/full.db [--runs 7] [--roles 240 --competencies 40] [--window]

Prints the median wall time over ``--runs``, the minimum, and the median CPU time of the process (all threads;
with ``OPENBLAS_NUM_THREADS=1`` it is the work itself, whatever else the machine is running).
``--roles``/``--competencies`` add a run of the engine on the real staff levels against that many synthetic
role profiles (the bundled frameworks have 67), to show how it scales; ``--window`` also times the
window-function query of ``services/levels.py`` for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import numpy as np
from sqlalchemy import select

from skillmap.analysis import gaps as G
from skillmap.db.migrate import open_database
from skillmap.services import gaps as S
from skillmap.services.levels import current_levels_select

_cpu: list[float] = []


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """Median and minimum wall time over ``runs``; the median CPU time of the process goes to ``_cpu``."""
    times, cpu, out = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    _cpu[:] = [statistics.median(cpu)]
    return statistics.median(times), min(times), out


def show(label: str, med: float, low: float, extra: str = "") -> None:
    print(f"{label:<46} {med * 1000:9.1f} ms  (min {low * 1000:7.1f}, cpu {_cpu[0] * 1000:7.1f})"
          f"{'  ' + extra if extra else ''}")


def readiness_all(levels: G.LevelMatrix, reqs: G.RequirementMatrix) -> G.PairMeasures:
    """Readiness and coverage of every person for every role."""
    pairs = G.pair_measures(levels, reqs, with_distance=False)
    _ = pairs.readiness, pairs.coverage
    return pairs


def engine_all_pairs(levels: G.LevelMatrix, reqs: G.RequirementMatrix) -> G.PairMeasures:
    """Readiness, coverage, weighted gap and distance of every person for every role."""
    pairs = G.pair_measures(levels, reqs)
    _ = pairs.readiness, pairs.coverage, pairs.weighted_gap, pairs.distance
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="a database with a full-scale organisation")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--load-runs", type=int, default=3)
    ap.add_argument("--roles", type=int, default=240, help="synthetic role profiles (0: skip)")
    ap.add_argument("--competencies", type=int, default=40)
    ap.add_argument("--window", action="store_true", help="also time current_levels_select (window function)")
    args = ap.parse_args()
    engine = open_database(args.db)

    med, low, data = timed(lambda: S.load_gap_data(engine), args.load_runs)
    n_s, n_c = data.levels.shape
    n_r = data.requirements.shape[0]
    show("load matrices from the database", med, low,
         f"{n_s:,} staff × {n_c} competencies, {n_r} role profiles, {len(data.history):,} assessments")
    with engine.connect() as conn:
        q = S.assessment_rows_select(data.scope)
        med, low, _ = timed(lambda: conn.execute(q).fetchall(), args.load_runs)
    show("  of which: the assessment query alone", med, low)
    med, low, _ = timed(lambda: G.latest_levels(data.history), args.runs)
    show("  of which: current-level rule in numpy", med, low)
    if args.window:
        with engine.connect() as conn:
            sub = current_levels_select().subquery()
            wq = select(sub.c.staff_id, sub.c.competency_id, sub.c.level)
            med, low, rows = timed(lambda: conn.execute(wq).fetchall(), args.load_runs)
        show("  (window-function query, for comparison)", med, low, f"{len(rows):,} rows")

    levels, reqs = data.levels, data.requirements
    med, low, _ = timed(lambda: readiness_all(levels, reqs), args.runs)
    show("engine: readiness+coverage, all × all roles", med, low, f"{n_s:,} × {n_r} × {n_c}")
    med, low, pairs = timed(lambda: engine_all_pairs(levels, reqs), args.runs)
    show("  … and weighted gap, distance", med, low)
    med, low, _ = timed(lambda: G.own_role_gaps(levels, reqs, data.role_index), args.runs)
    show("engine: each person against their own role", med, low)
    med, low, tc = timed(lambda: G.title_check(levels, reqs, data.role_index, pairs=pairs), args.runs)
    counts = {name: int((tc.fit == i).sum()) for i, name in enumerate(G.FIT_NAMES)}
    show("engine: title check", med, low, ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    if args.roles:
        rng = np.random.default_rng(7)
        k = min(args.competencies, n_c)
        syn_levels = levels.take(competencies=np.arange(k))
        required = rng.integers(1, 5, (args.roles, k)).astype(float)
        required[rng.random((args.roles, k)) < 0.7] = np.nan
        syn = G.RequirementMatrix(np.arange(args.roles), syn_levels.competency_ids, required,
                                  rng.choice([1.0, 1.5, 2.0], (args.roles, k)),
                                  seniority=rng.integers(1, 5, args.roles))
        med, low, _ = timed(lambda: readiness_all(syn_levels, syn), args.runs)
        show("engine: readiness+coverage, synthetic roles", med, low, f"{n_s:,} × {args.roles} × {k}")
        med, low, _ = timed(lambda: engine_all_pairs(syn_levels, syn), args.runs)
        show("  … and weighted gap, distance", med, low)

    agency = int(np.bincount(data.agency_id[data.agency_id >= 0]).argmax())
    med, low, sub = timed(lambda: data.restrict(S.GapFilters(agency=agency)), args.runs)
    show("filter in memory: the largest agency", med, low, f"{sub.n_staff:,} staff")
    last = data.year_ends()[-1] if len(data.history) else None
    if last is not None:
        as_of = last - timedelta(days=365)
        med, low, _ = timed(lambda: data.restrict(S.GapFilters(as_of=as_of)), args.runs)
        show(f"filter in memory: as of {as_of.isoformat()}", med, low)

    _ = data.own  # computed once, as the app does
    for group_by in S.GROUP_BY:
        med, low, table = timed(lambda g=group_by: S.gap_rows(data, g), args.runs)
        show(f"aggregate table by {group_by}", med, low, f"{len(table.rows):,} rows")
    med, low, table = timed(lambda: S.supply_demand_rows(data), args.runs)
    show("supply and demand table", med, low, f"{len(table.rows):,} rows")
    med, low, table = timed(lambda: S.trend_rows(data), args.runs)
    show("change over time (year ends)", med, low, f"{len(table.rows):,} rows")
    med, low, ratings = timed(lambda: S.load_ratings(engine, data), args.load_runs)
    show("self versus manager (query and compare)", med, low, f"{int(ratings.pairs.sum()):,} pairs")


if __name__ == "__main__":
    main()
