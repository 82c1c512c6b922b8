"""Pages of sample PDF reports as PNG images for the README (the bundled sample organisation, no Qt).

    python docs/screenshots/make_report_pages.py                 # writes docs/screenshots/report_*.png
    python docs/screenshots/make_report_pages.py --out /tmp/pages --keep-pdf --time

The sample organisation has no training tracks, so the script first does what a trainer would, through the
services: a track generated from the typical gap of the most common role, assigned to its holders (a third of
them four months ago and due last month, so overdue). Then it writes, in Spanish and English, through
:mod:`skillmap.services.reports` (pseudonymised, as a manager would export them):

* the gap report of the agency with the most staff: ``report_gaps_p1_<lang>.png`` (cover),
  ``report_gaps_p2_<lang>.png`` (summary), the first heatmap page and the first page of the people grid;
* the development report of a person holding that role: profile with the chart, and the page with the
  descriptors of their levels;
* the training status report: its summary page.

Pages are found by their content, named by their page number (``report_<kind>_p<N>_<lang>.png``), rendered
with pypdfium2 and stored as 256-colour PNGs. ``--time`` prints how long gathering the data and writing each
PDF took; ``--keep-pdf`` leaves the PDFs next to the images.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["SKILLMAP_HOME"] = tempfile.mkdtemp()
os.environ.setdefault("MPLBACKEND", "Agg")

import pypdfium2  # noqa: E402
from PIL import Image  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from sqlalchemy import Engine, func, select  # noqa: E402

SCALE = 1.35  # 1.35 × 72 dpi: a letter page is 826 pixels wide


def prepare(path: Path) -> tuple[Engine, int, int]:
    """The sample organisation with a track assigned to the holders of its most common role.

    Returns (engine, agency id with the most staff, a person holding that role with a gap)."""
    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.sample.generator import bundled_sample
    from skillmap.services import training as training_service
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    with engine.connect() as conn:
        agency = conn.execute(select(m.Unit.agency_id).join(m.Staff, m.Staff.unit_id == m.Unit.id)
                              .group_by(m.Unit.agency_id).order_by(func.count().desc(), m.Unit.agency_id)).scalar()
        role = conn.execute(select(m.Staff.role_profile_id).where(m.Staff.role_profile_id.is_not(None))
                            .group_by(m.Staff.role_profile_id).order_by(func.count().desc())).scalars().first()
        holders = conn.execute(select(m.Staff.id).where(m.Staff.role_profile_id == role, m.Staff.active.is_(True))
                               .order_by(m.Staff.id)).scalars().all()
    track = training_service.create_track_from_proposal(engine, training_service.propose_track(engine, role),
                                                        actor="trainer")
    today = date.today()
    early, late = holders[: len(holders) // 3], holders[len(holders) // 3:]
    training_service.assign_track(engine, track.id, training_service.StaffAudience(tuple(early)),
                                  assigned_on=today - timedelta(days=120), due_on=today - timedelta(days=30),
                                  actor="trainer")
    training_service.assign_track(engine, track.id, training_service.StaffAudience(tuple(late)),
                                  due_on=today + timedelta(days=90), actor="trainer")
    assert agency is not None
    return engine, int(agency), int(early[0])


def page_with(path: Path, *needles: str, start: int = 0) -> int:
    """The index of the first page from ``start`` whose text holds every needle."""
    for i, page in enumerate(PdfReader(path).pages[start:], start=start):
        text = " ".join((page.extract_text() or "").split())
        if all(n in text for n in needles):
            return i
    raise LookupError(f"no page of {path.name} holds {needles}")


def render(pdf_path: Path, index: int, out: Path) -> Path:
    document = pypdfium2.PdfDocument(pdf_path)
    try:
        image = document[index].render(scale=SCALE).to_pil()
    finally:
        document.close()
    image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(out, optimize=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files (default: this folder)")
    parser.add_argument("--lang", choices=["es", "en"], action="append", help="language (default: both)")
    parser.add_argument("--keep-pdf", action="store_true", help="keep the PDF reports in --out")
    parser.add_argument("--time", action="store_true", help="print how long each report took")
    args = parser.parse_args(argv)

    from skillmap.services import reports as report_service
    from skillmap.services.gaps import GapFilters

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    engine, agency, person = prepare(work / "sample.db")
    written: list[Path] = []
    for lang in args.lang or ["es", "en"]:
        folder = args.out if args.keep_pdf else work
        timings: list[str] = []

        def build(kind: str, target: object, name: str, lang: str = lang, timings: list[str] = timings,
                  folder: Path = folder) -> Path:
            start = time.perf_counter()
            data = report_service.build_report_data(engine, kind, target, lang=lang)  # type: ignore[arg-type]
            gathered = time.perf_counter()
            path = report_service.write_report(data, folder / f"{name}_{lang}.pdf", "pdf")
            done = time.perf_counter()
            pages = len(PdfReader(path).pages)
            timings.append(f"{name} ({lang}): data {gathered - start:.2f} s, PDF {done - gathered:.2f} s, "
                           f"{pages} pages")
            return path

        gaps = build("gaps", GapFilters(agency=agency), "report_gaps")
        person_pdf = build("person", person, "report_person")
        training = build("training", None, "report_training")
        heat = "Gris rayado" if lang == "es" else "Hatched grey"  # the note under each heatmap page
        grid = "Competencias 1–" if lang == "es" else "Competencies 1–"
        descriptors = "Nivel requerido" if lang == "es" else "Required level"
        pages = [(gaps, 0), (gaps, 1), (gaps, page_with(gaps, heat)), (gaps, page_with(gaps, grid)),
                 (person_pdf, 1), (person_pdf, page_with(person_pdf, descriptors)), (training, 1)]
        for pdf_path, index in pages:
            kind = pdf_path.stem.rsplit("_", 1)[0]
            written.append(render(pdf_path, index, args.out / f"{kind}_p{index + 1}_{lang}.png"))
        if args.time:
            print("\n".join(timings))
    engine.dispose()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
