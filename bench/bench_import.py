"""Import the sample generator's HR workbook end to end, side by side with the two baselines of the issue.

    python bench/bench_import.py --file /tmp/full/full.xlsx [--runs 3] [--pandas]
    python bench/bench_import.py --scaling 50000,100000,200000,500000

Figures printed (medians, seconds; the three pipelines alternate run by run so machine drift hits all):
* ``calamine``: python-calamine reading the staff sheet and the wide competency sheet, nothing else;
* ``skillmap``: what a user's import does — safe read in a child process, header detection, validation of
  every cell, plan against the database, one-transaction commit of people and levels (SQLite file);
* ``pandas``: ``pandas.read_excel`` (openpyxl) of the same two sheets + ``DataFrame.to_sql`` of the people
  and of the melted levels (needs ``pip install pandas``; ``--pandas`` to include it: it takes ~30 s a run).
Peak memory of the import is the larger of the importing process and its reader child.
``--scaling`` writes workbooks of increasing size and prints time per 1,000 people.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAFF_SHEET, LEVEL_SHEET = "Plantilla", "Competencias"


def calamine_read(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    for name in (STAFF_SHEET, LEVEL_SHEET):
        wb.get_sheet_by_name(name).to_python()
    return time.perf_counter() - t


IMPORT_SCRIPT = r"""
import resource, sys, time
t0 = time.perf_counter()
from skillmap.db.migrate import open_database
from skillmap.services.frameworks import install_bundled_frameworks
engine = open_database(sys.argv[2]); install_bundled_frameworks(engine)
t1 = time.perf_counter()
from skillmap.importing.reader import read_workbook
from skillmap.importing.staff import parse_staff
from skillmap.services.staff_import import commit_import, competency_refs, plan_import
refs = competency_refs(engine)
wb = read_workbook(sys.argv[1], ["Plantilla", "Competencias"])
t2 = time.perf_counter()
people = parse_staff(wb.sheets["Plantilla"], file=sys.argv[1], competencies=refs)
commit_import(engine, plan_import(engine, people, sha256=wb.sha256))
levels = parse_staff(wb.sheets["Competencias"], file=sys.argv[1], competencies=refs)
plan = plan_import(engine, levels, sha256=wb.sha256)
commit_import(engine, plan)
t3 = time.perf_counter()
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{t3 - t1:.3f} {t2 - t1:.3f} {me:.0f} {child:.0f} {len(people.staff)} {plan.levels_new}")
"""


def skillmap_import(path: Path, db: Path) -> tuple[float, float, float, float, int, int]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT, str(path), str(db)], check=True,
                         capture_output=True, text=True).stdout.split()
    total, read, rss, child, people, levels = out
    return float(total), float(read), float(rss), float(child), int(people), int(levels)


def pandas_pipeline(path: Path, db: Path) -> float:
    import sqlite3

    import pandas as pd

    db.unlink(missing_ok=True)
    t = time.perf_counter()
    staff = pd.read_excel(path, sheet_name=STAFF_SHEET, header=4, engine="openpyxl")  # below the title block
    staff = staff.dropna(subset=[staff.columns[1]])  # the totals footer
    wide = pd.read_excel(path, sheet_name=LEVEL_SHEET, header=0, engine="openpyxl")
    levels = wide.melt(id_vars=list(wide.columns[:2]), var_name="competency", value_name="level").dropna()
    with sqlite3.connect(db) as conn:
        staff.to_sql("staff", conn, index=False)
        levels.to_sql("assessment", conn, index=False)
    return time.perf_counter() - t


def side_by_side(path: Path, runs: int, with_pandas: bool) -> None:
    tmp = Path(tempfile.mkdtemp())
    cal, imp, reads, pand = [], [], [], []
    rss = child = 0.0
    people = levels = 0
    calamine_read(path)  # warm the page cache
    for _ in range(runs):
        cal.append(calamine_read(path))
        total, read, r, c, people, levels = skillmap_import(path, tmp / "bench.db")
        imp.append(total)
        reads.append(read)
        rss, child = max(rss, r), max(child, c)
        if with_pandas:
            pand.append(pandas_pipeline(path, tmp / "pandas.db"))
    med = statistics.median
    print(f"file: {path} ({path.stat().st_size / 2**20:.1f} MB): {people:,} people, {levels:,} levels stored")
    print(f"calamine bare read (2 sheets): median {med(cal):.2f} s  [{min(cal):.2f}–{max(cal):.2f}]")
    print(f"skillmap import end to end:    median {med(imp):.2f} s  [{min(imp):.2f}–{max(imp):.2f}]  "
          f"(of which safe read {med(reads):.2f} s)  = {med(imp) / med(cal):.2f}× calamine")
    print(f"peak memory: importing process {rss:.0f} MB, reader child {child:.0f} MB")
    if pand:
        print(f"pandas read_excel + to_sql:    median {med(pand):.2f} s  [{min(pand):.2f}–{max(pand):.2f}]  "
              f"= {med(pand) / med(imp):.1f}× slower than skillmap")


def scaling(sizes: list[int]) -> None:
    from skillmap.frameworks.fileformat import load_bundled_frameworks
    from skillmap.sample.generator import bundled_sample
    from skillmap.sample.workbook import write_hr_workbook

    tmp = Path(tempfile.mkdtemp())
    frameworks = load_bundled_frameworks()
    for n in sizes:
        agencies = min(85, max(8, n // 560))
        path = tmp / f"staff_{n}.xlsx"
        write_hr_workbook(bundled_sample(n_staff=n, n_agencies=agencies), frameworks, path)
        total, read, rss, child, _people, levels = skillmap_import(path, tmp / f"scale_{n}.db")
        print(f"{n:>8,} people  {levels:>10,} levels  import {total:7.2f} s  "
              f"({1000 * total / n:.3f} s per 1,000 people; read {read:.2f} s)  peak {max(rss, child):.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=Path("/tmp/full/full.xlsx"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pandas", action="store_true")
    ap.add_argument("--scaling", help="comma-separated staff counts")
    args = ap.parse_args()
    if args.scaling:
        scaling([int(x) for x in args.scaling.split(",")])
    else:
        if not args.file.exists():
            sys.exit(f"{args.file} is missing: skillmap generate-sample --out {args.file.parent} "
                     f"--staff 47700 --agencies 85 --name {args.file.stem}")
        side_by_side(args.file, args.runs, args.pandas)


if __name__ == "__main__":
    main()
