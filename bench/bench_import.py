"""Import the sample generator's HR workbook end to end, side by side with the two baselines of the issue.

    python bench/bench_import.py --file /tmp/full/full.xlsx [--runs 3] [--pandas]
    python bench/bench_import.py --scaling 50000,100000,200000,500000 [--workdir /tmp/skillmap-scaling]
    python bench/bench_import.py --db "$SKILLMAP_TEST_PG_URL" --runs 1

Figures printed (medians, seconds; the three pipelines alternate run by run so machine drift hits all):
* ``calamine``: python-calamine reading the staff sheet and the wide competency sheet, nothing else;
* ``skillmap``: what ``skillmap import-staff FILE --sheet Plantilla --sheet Competencias`` does — safe read,
  header detection and validation of every cell in the reader children (one per sheet, at once), then for
  each sheet in turn a plan against the database and a one-transaction commit (SQLite file);
* ``pandas``: ``pandas.read_excel`` (openpyxl) of the same two sheets + ``DataFrame.to_sql`` of the people
  and of the melted levels (needs ``pip install pandas``; ``--pandas`` to include it: about a minute a run).
The import is also shown per phase, as seen by the importing process (read: waiting for the reader
children to read and parse a sheet — the second sheet is parsed while the first is planned and stored, so
only what is left of it counts; plan; commit), with the peak RSS of the importing process and of its largest
reader child (``getrusage`` ``RUSAGE_SELF`` / ``RUSAGE_CHILDREN``) and the peak of all of them at once
(``/proc`` sampled every 20 ms by this process, not inside the import, whose threads it would slow).
``--scaling`` writes workbooks of increasing size and prints time per 1,000 people.
``--db postgresql+psycopg://user@host:port/postgres`` imports into a fresh PostgreSQL database per run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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
import json, resource, sys, time
from skillmap.db.migrate import open_database
from skillmap.services.frameworks import install_bundled_frameworks
engine = open_database(sys.argv[2]); install_bundled_frameworks(engine)
from skillmap.services.staff_import import commit_import, parse_sheets, plan_import
phase = dict.fromkeys(("read", "plan", "commit"), 0.0)
def timed(name, fn):
    t = time.perf_counter()
    out = fn()
    phase[name] += time.perf_counter() - t
    return out
t0 = time.perf_counter()
people = levels = 0
book = timed("read", lambda: parse_sheets(engine, sys.argv[1], ["Plantilla", "Competencias"]))
with book:  # as `skillmap import-staff FILE --sheet Plantilla --sheet Competencias`
    sheets = iter(book)
    while (parsed := timed("read", lambda: next(sheets, None))) is not None:
        plan = timed("plan", lambda: plan_import(engine, parsed, sha256=book.sha256))
        timed("commit", lambda: commit_import(engine, plan))
        people, levels = max(people, len(parsed.staff)), levels + plan.levels_new
total = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"total": total, **phase, "rss": me, "child_rss": child, "people": people, "levels": levels}))
"""
PHASES = ("read", "plan", "commit")


def skillmap_import(path: Path, db: str | Path) -> dict[str, float]:
    """One import in a fresh process: total and per-phase seconds, peak RSS (MB) of it and of its reader
    child, people and levels stored. ``db``: a SQLite file (deleted first) or a PostgreSQL URL (a fresh
    database is created and dropped)."""
    if "://" in str(db):
        with _fresh_pg(str(db)) as url:
            return _run_sampled([sys.executable, "-c", IMPORT_SCRIPT, str(path), url])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return _run_sampled([sys.executable, "-c", IMPORT_SCRIPT, str(path), str(db)])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux ``/proc``)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(k) for k in fh.read().split()]
        except OSError:
            pass
    return out


def _run_sampled(cmd: list[str]) -> dict[str, float]:
    """Run the import script; from this process (so that sampling takes nothing from the import's own
    threads), sample the RSS of it and its reader children together every 20 ms: ``together`` (MB)."""
    import json
    import threading

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"the import failed:\n{err}")
    return {**json.loads(out), "together": peak[0] / 1024}


@contextlib.contextmanager
def _fresh_pg(url: str) -> Iterator[str]:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"skillmap_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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


def side_by_side(path: Path, runs: int, with_pandas: bool, db: str | None) -> None:
    tmp = Path(tempfile.mkdtemp())
    cal: list[float] = []
    pand: list[float] = []
    imports: list[dict[str, float]] = []
    calamine_read(path)  # warm the page cache
    for _ in range(runs):
        cal.append(calamine_read(path))
        imports.append(skillmap_import(path, db or tmp / "bench.db"))
        if with_pandas:
            pand.append(pandas_pipeline(path, tmp / "pandas.db"))
    med = statistics.median
    imp = [r["total"] for r in imports]
    last = imports[-1]
    rss, child = max(r["rss"] for r in imports), max(r["child_rss"] for r in imports)
    together = max(r["together"] for r in imports)
    where = "PostgreSQL" if db else "SQLite file"
    print(f"file: {path} ({path.stat().st_size / 2**20:.1f} MB): {int(last['people']):,} people, "
          f"{int(last['levels']):,} levels stored ({where}), {runs} runs")
    print(f"calamine bare read (2 sheets): median {med(cal):.2f} s  [{min(cal):.2f}–{max(cal):.2f}]")
    paired = [i / c for i, c in zip(imp, cal, strict=True)]  # each import against the read just before it
    print(f"skillmap import end to end:    median {med(imp):.2f} s  [{min(imp):.2f}–{max(imp):.2f}]  "
          f"= {med(imp) / med(cal):.2f}× calamine (run by run: median {med(paired):.2f}×, "
          f"{min(paired):.2f}–{max(paired):.2f})")
    for name in PHASES:
        values = [r[name] for r in imports]
        print(f"  {name:<7} median {med(values):6.2f} s  [{min(values):.2f}–{max(values):.2f}]")
    print(f"peak memory (max RSS): importing process {rss:.0f} MB, largest reader child {child:.0f} MB; "
          f"all processes at once (sampled every 20 ms) {together:.0f} MB")
    if pand:
        print(f"pandas read_excel + to_sql:    median {med(pand):.2f} s  [{min(pand):.2f}–{max(pand):.2f}]  "
              f"= {med(pand) / med(imp):.1f}× slower than skillmap")


def scaling(sizes: list[int], db: str | None, workdir: Path | None) -> None:
    """Import generated workbooks of ``sizes`` people; with ``workdir`` they are kept there for next time
    (writing the 500,000-people workbook takes minutes)."""
    from skillmap.frameworks.fileformat import load_bundled_frameworks
    from skillmap.sample.generator import bundled_sample
    from skillmap.sample.workbook import write_hr_workbook

    tmp = Path(tempfile.mkdtemp())
    frameworks = load_bundled_frameworks()
    first: float | None = None
    for n in sizes:
        agencies = min(85, max(8, n // 560))
        path = (workdir or tmp) / f"staff_{n}.xlsx"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_hr_workbook(bundled_sample(n_staff=n, n_agencies=agencies), frameworks, path)
        cal = min(calamine_read(path) for _ in range(2))
        r = skillmap_import(path, db or tmp / f"scale_{n}.db")
        per = 1000 * r["total"] / n
        first = first or per
        phases = "  ".join(f"{name} {r[name]:.2f}" for name in PHASES)
        print(f"{n:>8,} people  {int(r['levels']):>10,} levels  import {r['total']:7.2f} s  "
              f"({per:.3f} s per 1,000 people, {per / first:.2f}× the first size; "
              f"{r['total'] / cal:.2f}× calamine {cal:.2f} s)  [{phases}]  "
              f"peak {r['rss']:.0f} MB, reader {r['child_rss']:.0f} MB, together {r['together']:.0f} MB",
              flush=True)
        if workdir is None:
            path.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=Path("/tmp/full/full.xlsx"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pandas", action="store_true")
    ap.add_argument("--scaling", help="comma-separated staff counts")
    ap.add_argument("--workdir", type=Path, help="keep the --scaling workbooks in this folder and reuse them")
    ap.add_argument("--db", help="PostgreSQL server URL to import into (a fresh database per run) instead "
                                 "of a SQLite file")
    args = ap.parse_args()
    if args.scaling:
        scaling([int(x) for x in args.scaling.split(",")], args.db, args.workdir)
    else:
        if not args.file.exists():
            sys.exit(f"{args.file} is missing: skillmap generate-sample --out {args.file.parent} "
                     f"--staff 47700 --agencies 85 --name {args.file.stem}")
        side_by_side(args.file, args.runs, args.pandas, args.db)


if __name__ == "__main__":
    main()
