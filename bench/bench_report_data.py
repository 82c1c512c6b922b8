"""Gathering report data on a full-scale database: the gap report of the whole organisation (from the database, and
from gap data already loaded as the app keeps it), of one agency and one unit, the training report, and the CSV of
the 47,700-person grid; peak memory of the process.

    python bench/bench_sample.py --db /tmp/full.db --skip-workbook     # once: a 47,700-person database
    python bench/bench_report_data.py --db /tmp/full.db [--runs 3]

The xlsx and PDF writers have their own benchmark; this one is the part before them (and the CSV writer, which
is the report service's own).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.services import reports as R
from skillmap.services.gaps import GapFilters, load_gap_data


def timed(label: str, fn: Callable[[], Any], runs: int, extra: Callable[[Any], str] = lambda _x: "") -> Any:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    note = extra(out)
    print(f"{label:<52} {statistics.median(times):7.2f} s  (min {min(times):6.2f}){'  ' + note if note else ''}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    engine = open_database(args.db)
    with engine.connect() as conn:
        agency = conn.execute(select(m.Staff.agency_id).group_by(m.Staff.agency_id)
                              .order_by(func.count().desc()).limit(1)).scalar_one()
        unit = conn.execute(select(m.Unit.id).where(m.Unit.agency_id == agency, m.Unit.level == 2)
                            .order_by(m.Unit.id).limit(1)).scalar_one()
    runs = args.runs
    data = timed("load gap data (whole organisation, once)", lambda: load_gap_data(engine, GapFilters(), lang="es"),
                 1, lambda d: f"{d.n_staff} staff × {d.levels.shape[1]} competencies")
    whole = timed("gap report, whole organisation, from the database",
                  lambda: R.gap_report_data(engine, None, lang="es"), runs,
                  lambda d: f"{len(d.people)} people × {len(d.people.competencies)} competencies")
    timed("gap report, whole organisation, from loaded data",
          lambda: R.gap_report_data(engine, None, lang="es", data=data), runs)
    timed("gap report, largest agency, from loaded data",
          lambda: R.gap_report_data(engine, GapFilters(agency=agency), lang="es", data=data), runs,
          lambda d: f"{len(d.people)} people, {len(d.groups_heatmap.row_labels)} heatmap rows")
    timed("gap report, one unit, from loaded data",
          lambda: R.gap_report_data(engine, GapFilters(unit=unit), lang="es", data=data), runs,
          lambda d: f"{len(d.people)} people")
    timed("training report, whole organisation", lambda: R.training_report_data(engine, None, lang="es"), runs,
          lambda d: f"{len(d.assignments)} assignments, {len(d.certifications)} certification rows")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.csv"
        timed("CSV of the people grid (whole organisation)", lambda: R.write_report(whole, path, "csv"), runs,
              lambda p: f"{p.stat().st_size / 1e6:.1f} MB")
    print(f"peak memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
