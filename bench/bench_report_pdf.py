"""The PDF reports at full scale: how long writing takes, how many pages, how large, how much memory.

    python bench/bench_report_pdf.py [--runs 3]                     # synthetic report data
    python bench/bench_report_pdf.py --db /tmp/full.db --runs 3     # real data through the report service

Cases (each run in a fresh process, so its peak RSS is its own; medians of ``--runs``, seconds):

* ``org``: the gap report of the whole organisation (``--people``, default 47,700 × ``--competencies`` 48,
  85 agencies): cover, summary with two charts, the 85-row heatmap over three landscape pages, the by-agency
  table; no people grid (more than :data:`skillmap.reports.pdf.MAX_GRID_PEOPLE` people);
* ``grid``: a 2,000-person scope, the largest whose people × competencies grid is printed (the worst case in
  pages);
* ``person`` and ``training`` (``--db`` only): a development report, and the training report of the whole
  organisation.

Only the writer is timed: the report data are built (synthetic) or gathered by
:mod:`skillmap.services.reports` (``--db``) before the clock starts and handed to the child process pickled;
the peak memory printed is the child's (loading the data included).
"""

from __future__ import annotations

import argparse
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import numpy as np

from skillmap.reports import pdf
from skillmap.reports.model import (
    Column,
    CompetencyGaps,
    Definition,
    GapReportData,
    HeatmapData,
    PeopleGrid,
    ReportData,
    ReportMeta,
    SummaryItem,
    Table,
)

WRITERS = {"gaps": pdf.write_gap_report, "person": pdf.write_person_report, "training": pdf.write_training_report}


def synthetic(people: int, competencies: int, groups: int, seed: int = 7) -> GapReportData:
    """A gap report of ``people`` × ``competencies`` with ``groups`` heatmap rows (random levels, 90 % known)."""
    rng = np.random.default_rng(seed)
    comps = [f"Competencia de prueba número {c + 1} con nombre largo" for c in range(competencies)]
    required = np.where(rng.random((people, competencies)) < 0.6, rng.integers(1, 5, (people, competencies)), np.nan)
    current = np.where(rng.random((people, competencies)) < 0.9, rng.integers(0, 5, (people, competencies)), np.nan)
    units = [f"Dirección General de Programación y Presupuesto {u}" for u in range(groups)]
    grid = PeopleGrid(title="Personas", label_header="Persona (seudónimo)", unit_header="Unidad",
                      role_header="Puesto", readiness_header="Preparación",
                      person_label=[f"P-{i % 10000:04d}-{i // 10000:04d}" for i in range(people)],
                      unit=[units[i % groups] for i in range(people)],
                      role=[f"Perfil de puesto {i % 67}" for i in range(people)], readiness=rng.random(people),
                      competencies=comps, current=current.astype(float), required=required.astype(float))
    share = rng.random((groups, competencies))
    heat = HeatmapData(title="Requisitos cumplidos", row_title="Dependencia", col_title="Competencia",
                       row_labels=units, col_labels=comps, share=share, mean_gap=1 - share,
                       counts=np.full((groups, competencies), 50, dtype=np.int64))
    short = rng.integers(0, people // 4 + 1, competencies)
    table = Table("Por dependencia", (Column("unit", "Dependencia"), Column("people", "Personas", "int"),
                                      Column("share", "Cumplen", "pct"), Column("gap", "Brecha", "float")),
                  [[u, people // groups, 0.5, 0.4] for u in units])
    widest = Table("Brechas más amplias", (Column("c", "Competencia"), Column("n", "Personas con brecha", "int")),
                   [[comps[i], int(short[i])] for i in np.argsort(-short)[:15]])
    meta = ReportMeta(kind="gaps", lang="es", title="Reporte de brechas de competencias", subtitle="Todas",
                      organisation="Administración Pública Federal", scope_label="toda la organización",
                      generated_at=datetime(2026, 11, 29, 10, 0), generated_by="bench", data_date=date(2026, 10, 30),
                      sources=("muestra.xlsx (2026-10-30)",), pseudonymised=True)
    return GapReportData(meta=meta, summary=[SummaryItem("Personas", people, "int")], widest_gaps=widest,
                         competency_gaps=CompetencyGaps(comps, short, rng.random(competencies),
                                                        rng.random(competencies), np.zeros(competencies, bool)),
                         groups_heatmap=heat, people=grid, by_unit=table,
                         definitions=[Definition("Brecha", "máx(0, requerido − actual)")])


def from_db(db: str) -> dict[str, ReportData]:
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.services import reports as R
    from skillmap.services.gaps import GapFilters

    engine = open_database(db)
    with engine.connect() as conn:
        agency = conn.execute(select(m.Agency.id).order_by(m.Agency.id)).scalar()
        person = conn.execute(select(m.Staff.id).where(m.Staff.role_profile_id.is_not(None))
                              .order_by(m.Staff.id)).scalar()
    assert person is not None
    out: dict[str, ReportData] = {"org": R.gap_report_data(engine, None, lang="es"),
                                  "agency": R.gap_report_data(engine, GapFilters(agency=agency), lang="es"),
                                  "person": R.person_report_data(engine, person, lang="es"),
                                  "training": R.training_report_data(engine, None, lang="es")}
    engine.dispose()
    return out


def child(data_file: str, out: str) -> None:
    """Write one report; print seconds, pages, bytes and peak RSS (MB) as one line."""
    with open(data_file, "rb") as fh:
        data = pickle.load(fh)
    start = time.perf_counter()
    path = WRITERS[data.meta.kind](data, out)
    seconds = time.perf_counter() - start
    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    print(seconds, pages, Path(path).stat().st_size, peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory. ``VmHWM``, not ``getrusage``: Linux carries the parent's peak at
    fork into a child's ``ru_maxrss``, and the parent holds every case's data."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a full-scale database (bench/bench_sample.py makes one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=47700)
    parser.add_argument("--competencies", type=int, default=48)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    work = Path(tempfile.mkdtemp())
    if args.db:
        cases = from_db(args.db)
        cases["grid"] = synthetic(2000, args.competencies, 20)
    else:
        cases = {"org": synthetic(args.people, args.competencies, 85),
                 "grid": synthetic(2000, args.competencies, 20)}
    print(f"{'case':10} {'people':>7} {'seconds':>8} {'min':>7} {'pages':>6} {'MB file':>8} {'MB RSS':>7}")
    for name, data in cases.items():
        data_file = work / f"{name}.pkl"
        data_file.write_bytes(pickle.dumps(data))
        people = len(data.people) if isinstance(data, GapReportData) else len(getattr(data, "staff_ids", ()))
        runs = []
        for _ in range(args.runs):
            line = subprocess.run([sys.executable, __file__, "--child", str(data_file), str(work / f"{name}.pdf")],
                                  check=True, capture_output=True, text=True).stdout.split()
            runs.append([float(v) for v in line])
        seconds = [r[0] for r in runs]
        print(f"{name:10} {people:7,} {statistics.median(seconds):8.2f} {min(seconds):7.2f} {int(runs[0][1]):6} "
              f"{runs[0][2] / 1e6:8.2f} {max(r[3] for r in runs):7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
