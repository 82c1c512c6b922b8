"""Training and certification on a full-scale organisation: generating a track from a role's typical gap, bulk
assignment of a track to every active person, the idempotent re-assignment, progress and status refresh of every
assignment, course levels from passed completions, and certification statuses.

    python bench/bench_sample.py --db /tmp/full.db --skip-workbook     # once: a 47,700-person database
    python bench/bench_training.py --db /tmp/full.db [--runs 3]

Works on a copy of a SQLite database (``--db`` is never changed); a PostgreSQL URL is used as is, and the
benchmark's track, assignments and course levels are removed again at the end. Prints the median wall time
over ``--runs`` (writes: each run in its own transaction, rolled back where the step would otherwise repeat).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, func, select

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.migrate import open_database
from skillmap.services import certification as C
from skillmap.services import training as T
from skillmap.services.completions_import import course_levels


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), out


def show(label: str, med: float, low: float, extra: str = "") -> None:
    print(f"{label:<52} {med * 1000:9.1f} ms  (min {low * 1000:7.1f}){'  ' + extra if extra else ''}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="a database with a full-scale organisation (file or URL)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = None
    target = args.db
    if "://" not in args.db:
        tmp = tempfile.mkdtemp(prefix="bench-training-")
        target = str(Path(tmp) / "copy.db")
        shutil.copy(args.db, target)
    engine = open_database(target)
    try:
        run(engine, args.runs)
    finally:
        engine.dispose()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run(engine: Any, runs: int) -> None:
    with engine.connect() as conn:
        staff = np.array(conn.execute(select(m.Staff.id).where(m.Staff.active.is_(True))).scalars().all())
        profile, holders = conn.execute(
            select(m.Staff.role_profile_id, func.count()).where(m.Staff.role_profile_id.is_not(None))
            .group_by(m.Staff.role_profile_id).order_by(func.count().desc()).limit(1)).one()
        n_assess = conn.execute(select(func.count()).select_from(m.Assessment)).scalar_one()
    print(f"{len(staff):,} active staff, {n_assess:,} assessments")

    med, low, prop = timed(lambda: T.propose_track(engine, profile), runs)
    show("propose a track from a role's typical gap", med, low,
         f"{holders:,} holders, {len(prop.included)} competencies, {len(prop.course_ids)} courses, "
         f"{prop.plan.hours:g} h ({prop.plan.method})")
    track = T.create_track_from_proposal(engine, prop, code="BENCH-TRACK", actor="bench")

    everyone = T.StaffAudience(tuple(staff.tolist()))
    due = date.today() + timedelta(days=180)
    t0 = time.perf_counter()
    out = T.assign_track(engine, track.id, everyone, due_on=due, actor="bench")
    t = time.perf_counter() - t0
    show("assign the track to every active person (1 tx)", t, t,
         f"{out.assigned:,} assigned, {out.status_counts['completed']:,} already complete")
    med, low, again = timed(lambda: T.assign_track(engine, track.id, everyone, due_on=due), runs)
    show("assign again: everyone already assigned", med, low, f"{again.already_assigned:,} skipped")

    comp = prop.included[0].competency_id if prop.included else None
    if comp is not None:
        med, low, ids = timed(lambda: T.audience_staff(engine, T.GapAudience(comp)), runs)
        show("select everyone with a gap in one competency", med, low, f"{len(ids):,} people")

    med, low, table = timed(lambda: T.assignment_progress(engine, track_id=track.id), runs)
    show("progress of every assignment of the track", med, low,
         ", ".join(f"{k} {v:,}" for k, v in table.counts().items()))
    med, low, counts = timed(lambda: T.refresh_assignment_status(engine, track_id=track.id), runs)
    show("refresh stored statuses (nothing changed)", med, low, f"{counts['changed']:,} changed")
    year_ago = date.today() - timedelta(days=365)

    def there_and_back() -> tuple[int, int]:
        back = T.refresh_assignment_status(engine, track_id=track.id, as_of=year_ago)["changed"]
        return back, T.refresh_assignment_status(engine, track_id=track.id)["changed"]

    med, low, (back, forth) = timed(there_and_back, runs)
    show("refresh as of a year ago, then today (2 tx)", med, low, f"{back:,} and {forth:,} rows changed")

    # course levels from passed completions: every stored passed completion again, rolled back
    with engine.connect() as conn:
        rows = conn.execute(select(m.CourseCompletion.staff_id, m.CourseCompletion.course_id,
                                   m.CourseCompletion.completed_on).where(m.CourseCompletion.result == "passed")
                            ).all()
    s_id = np.array([r[0] for r in rows], dtype=np.int64)
    c_id = np.array([r[1] for r in rows], dtype=np.int64)
    days = np.array([r[2] for r in rows], dtype="datetime64[D]")

    def levels() -> int:
        with engine.connect() as conn:
            tx = conn.begin()
            n = course_levels(conn, s_id, c_id, days, None, utcnow())
            tx.rollback()
            return n

    med, low, n = timed(levels, runs)
    show("course levels from passed completions", med, low, f"{len(rows):,} completions, {n:,} levels appended")
    every = (s_id, c_id, days)
    pick = np.random.default_rng(5).choice(len(rows), size=min(5000, len(rows)), replace=False)
    s_id, c_id, days = s_id[pick], c_id[pick], days[pick]
    med, low, n = timed(levels, runs)
    show("  … a monthly file: 5,000 passed completions", med, low, f"{n:,} levels appended")
    s_id, c_id, days = every

    programs = C.list_programs(engine)
    if programs:
        med, low, report = timed(lambda: C.program_status(engine, programs[0].id), runs)
        show("certification statuses of one program", med, low,
             ", ".join(f"{k} {v:,}" for k, v in report.counts().items()))
        med, low, summary = timed(lambda: C.certification_summary(engine), runs)
        show("certification summary of every program", med, low, f"{len(summary)} programs")
        med, low, sug = timed(lambda: C.program_suggestions(engine, programs[0].id), runs)
        show("what to assign for one program", med, low, f"{len(sug.tracks)} tracks, {len(sug.plan.steps)} courses")

    with engine.begin() as conn:  # leave a PostgreSQL database as it was
        conn.execute(delete(m.Assignment).where(m.Assignment.track_id == track.id))
        conn.execute(delete(m.TrackCourse).where(m.TrackCourse.track_id == track.id))
        conn.execute(delete(m.Track).where(m.Track.id == track.id))


if __name__ == "__main__":
    main()
