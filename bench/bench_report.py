"""The full gap report as xlsx, side by side with the fastest bare ways to write the same cells.

    python bench/bench_report.py [--runs 5] [--people 47700] [--competencies 48]
    python bench/bench_report.py --db /tmp/full.db --runs 3        # real data through the report service

Figures printed (medians of ``--runs``; the writers alternate run by run so machine drift hits all; each run is
a fresh process, so its peak RSS is its own): wall seconds, and the CPU seconds of the writing process
(``time.process_time``), steadier than wall time on a shared machine:

* ``skillmap``: :func:`skillmap.reports.xlsx.write_gap_report` from the report data to the finished file —
  every sheet, formats, conditional formats, chart, print settings, numpy → lists included;
* ``xlsxwriter write_row``, ``xlsxwriter per cell`` and ``xlsxwriter undecorated``: bare xlsxwriter in
  ``constant_memory`` mode writing the same cells (same values at the same places: people grid, heatmap blocks,
  tables, definitions) with no formats from rows built *before* the clock starts — ``write_row`` of each row's
  list, ``write_number``/``write_string`` of the cells only (no call for an empty cell), or the same through
  xlsxwriter's undecorated ``_write_number``/``_write_string`` (no "A1"-argument check; what skillmap's people
  grid uses). The fastest of the three is the reference: "the fastest way to write the same cells";
* ``openpyxl write-only``: ``ws.append`` of the same rows.

The data: a synthetic :class:`~skillmap.reports.model.GapReportData` of ``--people`` × ``--competencies``
(defaults 47,700 × 48; 90 % of levels known, each of 67 role profiles requiring 95 % of the competencies, so the
people sheet holds about 50 cells per person, the issue's 50,000 × 50; the bundled sample organisation's roles
require about 9 of 48, so its people sheet is a third of that), or, with ``--db``, the whole
organisation's gap report built by :func:`skillmap.services.reports.gap_report_data`. Peak memory is the
writing process's own high-water mark (``VmHWM``; not ``getrusage``'s ``ru_maxrss``, which Linux carries over
from the parent across ``exec``) and the highest RSS sampled from ``/proc`` every 20 ms while the writer runs;
the target is under 500 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

VARIANTS = ("skillmap", "xlsxwriter_rows", "xlsxwriter_cells", "xlsxwriter_undecorated", "openpyxl")
BARE = ("xlsxwriter_rows", "xlsxwriter_cells", "xlsxwriter_undecorated")
LABELS = {"skillmap": "skillmap write_gap_report", "xlsxwriter_rows": "xlsxwriter write_row (bare)",
          "xlsxwriter_cells": "xlsxwriter per cell (bare)",
          "xlsxwriter_undecorated": "xlsxwriter undecorated (bare)", "openpyxl": "openpyxl write-only (bare)"}


# -- data ------------------------------------------------------------------------------------------------------
def synthetic_report(n_people: int = 47_700, n_comp: int = 48, *, n_roles: int = 67, n_units: int = 400,
                     known: float = 0.9, required_share: float = 0.95, seed: int = 7) -> Any:
    """A gap report of ``n_people`` × ``n_comp`` with random levels (``known`` of them known) against
    ``n_roles`` role profiles each requiring ``required_share`` of the competencies."""
    from skillmap.reports.model import (
        Column,
        CompetencyGaps,
        Definition,
        GapReportData,
        HeatmapData,
        PeopleGrid,
        ReportMeta,
        SummaryItem,
        Table,
    )

    rng = np.random.default_rng(seed)
    comps = [f"Competencia {i + 1:02d} — gestión de proyectos públicos" for i in range(n_comp)]
    role_req = rng.integers(1, 5, (n_roles, n_comp)).astype(float)
    role_req[rng.random((n_roles, n_comp)) > required_share] = np.nan
    role_of = rng.integers(0, n_roles, n_people)
    required = role_req[role_of]
    current = rng.integers(0, 5, (n_people, n_comp)).astype(float)
    current[rng.random((n_people, n_comp)) > known] = np.nan
    with np.errstate(invalid="ignore"):
        gap = np.maximum(required - current, 0.0)
        met = np.where(np.isfinite(gap), (gap == 0).astype(float), np.nan)
        readiness = np.nanmean(np.where(np.isfinite(required), np.minimum(current, required) / required, np.nan),
                               axis=1)
    unit_of = np.sort(rng.integers(0, n_units, n_people))
    units = [f"Dirección General {u:03d}" for u in range(n_units)]
    groups = 85
    group_of = np.arange(n_units) % groups
    share = np.full((groups, n_comp), np.nan)
    mean_gap = np.full((groups, n_comp), np.nan)
    counts = np.zeros((groups, n_comp), dtype=np.int64)
    pg = group_of[unit_of]
    for g in range(groups):
        rows = pg == g
        counts[g] = np.isfinite(gap[rows]).sum(axis=0)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            share[g] = np.nanmean(met[rows], axis=0)
            mean_gap[g] = np.nanmean(gap[rows], axis=0)
    short = (gap > 0).sum(axis=0)
    meta = ReportMeta(kind="gaps", lang="es", title="Brecha de competencias", subtitle="Administración Pública "
                      "Federal", organisation="Administración Pública Federal", scope_label="todas las dependencias",
                      generated_at=datetime(2025, 1, 31, 9, 30), generated_by="bench", data_date=date(2025, 1, 15),
                      sources=("plantilla.xlsx (2025-01-10)",), pseudonymised=True,
                      notice="Reporte seudonimizado. Confidencial.")
    order = np.argsort(-short, kind="stable")[:15]
    widest = Table("Brechas más amplias", (
        Column("competency", "Competencia"), Column("framework", "Marco"), Column("short", "Personas con brecha",
                                                                                 "int"),
        Column("share_meeting", "Requisitos cumplidos", "pct"), Column("mean_gap", "Brecha promedio", "float")),
        [[comps[c], "SPC", int(short[c]), float(np.nanmean(met[:, c])), float(np.nanmean(gap[:, c]))]
         for c in order.tolist()])
    by_unit = Table("Brechas por dependencia", (
        Column("agency", "Dependencia"), Column("staff", "Personas", "int"), Column("share", "Cumplidos", "pct")),
        [[f"Dependencia {g:02d}", int((pg == g).sum()), float(np.nanmean(share[g]))] for g in range(groups)])
    people = PeopleGrid(
        title="Personas y sus niveles de competencia", label_header="Persona (seudónimo)", unit_header="Unidad",
        role_header="Perfil de puesto", readiness_header="Preparación",
        person_label=[f"P-{rng.integers(0, 36 ** 4):04X}-{i:06d}" for i in range(n_people)],
        unit=[units[u] for u in unit_of.tolist()], role=[f"Perfil {r:02d} · Jefatura de departamento"
                                                         for r in role_of.tolist()],
        readiness=readiness, competencies=comps, current=current, required=required, max_level=4.0)
    return GapReportData(
        meta=meta, summary=[SummaryItem("Personas", n_people, "int"),
                            SummaryItem("Preparación promedio", float(np.nanmean(readiness)), "pct")],
        widest_gaps=widest,
        competency_gaps=CompetencyGaps(comps, short.astype(np.int64), np.nanmean(gap, axis=0),
                                       np.nanmean(met, axis=0), np.zeros(n_comp, dtype=bool)),
        groups_heatmap=HeatmapData("Requisitos cumplidos por dependencia", "Dependencia", "Competencia",
                                   [f"Dependencia {g:02d}" for g in range(groups)], comps, share, mean_gap, counts),
        people=people, by_unit=by_unit,
        definitions=[Definition("Brecha", "Nivel requerido menos nivel actual, si es positivo.")] * 9,
        staff_ids=tuple(range(n_people)))


def db_report(url: str) -> Any:
    from skillmap.db.migrate import open_database
    from skillmap.services.reports import gap_report_data

    engine = open_database(url)
    return gap_report_data(engine, None, lang="es", pseudonymise=True, user="bench")


# -- the same cells, bare ----------------------------------------------------------------------------------------
def bare_sheets(data: Any) -> list[tuple[str, list[list[Any]]]]:
    """The values ``write_gap_report`` writes, sheet by sheet, as dense rows (``None`` = no cell): the people
    grid exactly (label, unit, role, readiness, the level where required, «?» where required and unknown), the
    heatmap blocks, the tables and the definitions."""
    grid = data.people
    current, required = grid.current, grid.required
    cells = current.astype(object)
    cells[~np.isfinite(current)] = "?"
    cells[~np.isfinite(required)] = None
    ready = grid.readiness.astype(object)
    ready[~np.isfinite(grid.readiness)] = None
    people = [[grid.label_header, grid.unit_header, grid.role_header, grid.readiness_header, *grid.competencies]]
    people += [[a, b, c, d, *row] for a, b, c, d, row in zip(grid.person_label, grid.unit, grid.role,
                                                             ready.tolist(), cells.tolist(), strict=True)]
    hm = data.groups_heatmap
    heat = [[hm.row_title, *hm.col_labels]]
    for block in (hm.share, hm.mean_gap, hm.counts.astype(float)):
        values = block.astype(object)
        values[~np.isfinite(block)] = None
        heat += [[label, *row] for label, row in zip(hm.row_labels, values.tolist(), strict=True)] + [[]]

    def table(t: Any) -> list[list[Any]]:
        return [t.headers, *([None if v != v else v for v in row] for row in t.rows)]

    return [("Resumen", table(data.widest_gaps)), ("Mapa", heat), ("Personas", people),
            ("Grupos", table(data.by_unit)), ("Definiciones", [[d.term, d.definition] for d in data.definitions])]


OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False}


def write_xlsxwriter_rows(sheets: list[tuple[str, list[list[Any]]]], path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), OPTIONS)
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        write_row = ws.write_row
        for r, row in enumerate(rows):
            write_row(r, 0, row)
    wb.close()


def sparse_rows(sheets: list[tuple[str, list[list[Any]]]]) -> list[tuple[str, list[list[tuple[int, Any, bool]]]]]:
    return [(name, [[(c, v, isinstance(v, str)) for c, v in enumerate(row) if v is not None] for row in rows])
            for name, rows in sheets]


def write_xlsxwriter_cells(sheets: list[tuple[str, list[list[tuple[int, Any, bool]]]]], path: Path,
                           undecorated: bool = False) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), OPTIONS)
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        write_number, write_string = ws.write_number, ws.write_string
        if undecorated:
            write_number, write_string = ws._write_number, ws._write_string
        for r, row in enumerate(rows):
            for c, v, text in row:
                if text:
                    write_string(r, c, v)
                else:
                    write_number(r, c, v)
    wb.close()


def write_openpyxl(sheets: list[tuple[str, list[list[Any]]]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


# -- one run in a fresh process ----------------------------------------------------------------------------------
def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith(field + ":")), 0)
    except OSError:
        return 0


def _rss_kb() -> int:
    return _status_kb("VmRSS")


def child(variant: str, data_file: Path, out: Path) -> None:
    with data_file.open("rb") as fh:
        data = pickle.load(fh)
    if variant == "skillmap":
        from skillmap.reports.xlsx import write_gap_report

        def run() -> None:
            write_gap_report(data, out)
    else:
        sheets = bare_sheets(data)
        del data
        if variant == "xlsxwriter_rows":
            def run() -> None:
                write_xlsxwriter_rows(sheets, out)
        elif variant in ("xlsxwriter_cells", "xlsxwriter_undecorated"):
            sparse = sparse_rows(sheets)
            del sheets

            def run() -> None:
                write_xlsxwriter_cells(sparse, out, undecorated=variant == "xlsxwriter_undecorated")
        else:
            def run() -> None:
                write_openpyxl(sheets, out)
    gc.collect()
    gc.freeze()  # the prepared data is not the writers' garbage: same for every variant
    before = _rss_kb()
    peak = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _rss_kb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t, cpu = time.perf_counter(), time.process_time()
    run()
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    stop.set()
    sampler.join()
    # the high-water mark of this process's own memory (getrusage's ru_maxrss would also count the parent's
    # memory at fork time: Linux keeps it across exec)
    hwm = _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_before": before / 1024, "rss_peak": peak[0] / 1024,
                      "maxrss": hwm / 1024}))


def run_child(variant: str, data_file: Path, out: Path) -> dict[str, float]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, __file__, "--child", variant, "--data", str(data_file), "--out", str(out)],
                          check=True, capture_output=True, text=True, env=env)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def count_cells(path: Path) -> int:
    """``<c `` elements in every worksheet of the xlsx at ``path``."""
    n = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                with z.open(name) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 22):
                        block = tail + chunk
                        n += block.count(b"<c ")
                        tail = block[-2:] if not block.endswith(b"<c ") else b""
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--people", type=int, default=47_700)
    ap.add_argument("--competencies", type=int, default=48)
    ap.add_argument("--db", help="build the report from this database (SQLite path or URL) through the service")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ", ".join(VARIANTS))
    ap.add_argument("--keep", type=Path, help="keep the written files in this folder")
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.data, args.out)
        return

    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    out_dir = args.keep or work
    out_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    data = db_report(args.db) if args.db else synthetic_report(args.people, args.competencies)
    built = time.perf_counter() - t
    data_file = work / "data.pickle"
    with data_file.open("wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    grid = data.people
    print(f"data: {'database ' + args.db if args.db else 'synthetic'}: {len(grid):,} people × "
          f"{len(grid.competencies)} competencies, {len(data.groups_heatmap.row_labels)} heatmap rows "
          f"(built in {built:.1f} s)", flush=True)
    variants = [v for v in args.variants.split(",") if v]
    results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for i in range(args.runs):
        for v in variants:
            results[v].append(run_child(v, data_file, out_dir / f"{v}.xlsx"))
        print(f"run {i + 1}: " + "  ".join(f"{v} {results[v][-1]['seconds']:.2f} s (CPU {results[v][-1]['cpu']:.2f})"
                                           for v in variants), flush=True)
    med = statistics.median
    wall = {v: [r["seconds"] for r in results[v]] for v in variants}
    cpu = {v: [r["cpu"] for r in results[v]] for v in variants}
    bare = [v for v in BARE if v in variants]
    fastest = min(bare, key=lambda v: med(wall[v])) if bare else None
    fastest_cpu = min(bare, key=lambda v: med(cpu[v])) if bare else None
    print(f"\nmedians of {args.runs} runs: wall seconds [min–max], CPU seconds of the writing process, ratios to the "
          f"fastest bare writer, cells written, peak RSS:")
    for v in variants:
        path = out_dir / f"{v}.xlsx"
        peak = max(max(r["rss_peak"], r["maxrss"]) for r in results[v])
        before = med([r["rss_before"] for r in results[v]])
        ratio = (f" = {med(wall[v]) / med(wall[fastest]):.2f}×, CPU {med(cpu[v]):6.2f} s = "
                 f"{med(cpu[v]) / med(cpu[fastest_cpu]):.2f}×") if fastest and fastest_cpu else ""
        print(f"  {LABELS[v]:<30} {med(wall[v]):6.2f} s [{min(wall[v]):.2f}–{max(wall[v]):.2f}]{ratio}; "
              f"{count_cells(path):,} cells, {path.stat().st_size / 2 ** 20:.1f} MB; RSS {before:.0f} MB with the "
              f"data loaded, peak {peak:.0f} MB")
    if fastest and fastest_cpu and "skillmap" in variants:
        best = min(bare, key=lambda v: min(cpu[v]))
        print(f"\nskillmap / fastest bare: wall {med(wall['skillmap']) / med(wall[fastest]):.2f}× "
              f"({LABELS[fastest]}), CPU {med(cpu['skillmap']) / med(cpu[fastest_cpu]):.2f}× "
              f"({LABELS[fastest_cpu]}); best runs (least disturbed by other work on the machine): CPU "
              f"{min(cpu['skillmap']):.2f} s against {min(cpu[best]):.2f} s = "
              f"{min(cpu['skillmap']) / min(cpu[best]):.2f}× — target ≤ 1.2×; peak memory "
              f"{max(max(r['rss_peak'], r['maxrss']) for r in results['skillmap']):.0f} MB (target < 500 MB)")

if __name__ == "__main__":
    main()
