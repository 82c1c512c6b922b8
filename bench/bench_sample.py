"""Generate the full-scale sample organisation, load it with bulk inserts, write its HR workbook.

    python bench/bench_sample.py --db /tmp/full.db [--staff 47700 --agencies 85] [--skip-workbook]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from skillmap.db.migrate import open_database
from skillmap.frameworks.fileformat import load_bundled_frameworks
from skillmap.sample.generator import bundled_sample
from skillmap.sample.workbook import write_hr_workbook
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.sample import load_sample
from skillmap.services.staff import database_summary


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None, help="database to fill (default: a temporary SQLite file)")
    ap.add_argument("--staff", type=int, default=47_700)
    ap.add_argument("--agencies", type=int, default=85)
    ap.add_argument("--skip-workbook", action="store_true")
    args = ap.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    if args.db and "://" not in args.db and Path(args.db).exists():
        Path(args.db).unlink()

    t0 = time.perf_counter()
    org = bundled_sample(n_staff=args.staff, n_agencies=args.agencies)
    t1 = time.perf_counter()
    print(f"generate: {t1 - t0:6.2f} s  ({len(org.staff):,} staff, {len(org.units):,} units, "
          f"{len(org.assessments.level):,} assessments, {len(org.completions.course_idx):,} completions)")

    engine = open_database(db)
    install_bundled_frameworks(engine)
    t2 = time.perf_counter()
    load_sample(engine, org)
    t3 = time.perf_counter()
    s = database_summary(engine)
    rate = s.assessments / (t3 - t2)
    print(f"load:     {t3 - t2:6.2f} s  ({s.staff:,} staff, {s.assessments:,} assessments; "
          f"{rate:,.0f} assessment rows/s) into {s.location}")
    if not args.skip_workbook:
        out = Path(tempfile.mkdtemp()) / "muestra_rh.xlsx"
        t4 = time.perf_counter()
        write_hr_workbook(org, load_bundled_frameworks(), out)
        t5 = time.perf_counter()
        size = sum(p.stat().st_size for p in out.parent.iterdir()) / 2**20
        print(f"workbook: {t5 - t4:6.2f} s  ({size:.1f} MB in {out.parent})")
    print(f"peak RSS: {peak_mb():6.0f} MB")


if __name__ == "__main__":
    main()
