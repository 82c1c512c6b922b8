"""Screenshots of the Training page (offscreen Qt, the bundled sample organisation), in English and Spanish.

    python docs/screenshots/make_training_screenshots.py                 # writes docs/screenshots/training_*.png
    python docs/screenshots/make_training_screenshots.py --out /tmp/shots

The sample organisation has courses, completions and certification attempts but no tracks, so the script first
does what a trainer would, through the services: a track generated from the typical gap of heads of department,
assigned to the heads of department (a third of them four months ago, due last month — overdue now — and the
others today, due in three months); and a track made from the course plan that prepares for the leadership
certification. Then it writes

* ``training_progress_<lang>.png``: the Progress tab on the generated track, furthest along first (overdue rows in red);
* ``training_certification_<lang>.png``: the Certification tab on the leadership program, by validity date, with
  what to assign.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE.parent.parent / 'tests' / 'offscreen.json'}"
os.environ["SKILLMAP_HOME"] = tempfile.mkdtemp()
os.environ.setdefault("QT_API", "PySide6")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from sqlalchemy import Engine, func, select  # noqa: E402

from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.training_page import TrainingPage  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402

SIZE = (1400, 860)


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the training page did not finish in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def settle(ms: int = 250) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def prepare(path: Path) -> tuple[Engine, int, int]:
    """The sample organisation with two tracks and assignments; returns (engine, track id, program id)."""
    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.sample.generator import bundled_sample
    from skillmap.services import certification as cert_service
    from skillmap.services import training as training_service
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    with engine.connect() as conn:
        role = conn.execute(select(m.Staff.role_profile_id).where(m.Staff.role_profile_id.is_not(None))
                            .group_by(m.Staff.role_profile_id).order_by(func.count().desc())).scalars().first()
        holders = conn.execute(select(m.Staff.unit_id, func.count()).where(m.Staff.role_profile_id == role)
                               .group_by(m.Staff.unit_id).order_by(func.count().desc(), m.Staff.unit_id)).all()
        people = {unit: conn.execute(select(m.Staff.id).where(m.Staff.unit_id == unit, m.Staff.active.is_(True),
                                                              m.Staff.role_profile_id == role)).scalars().all()
                  for unit, _n in holders}
    track = training_service.create_track_from_proposal(engine, training_service.propose_track(engine, role),
                                                        actor="trainer")
    today = date.today()
    everyone = [p for unit, _n in holders for p in people[unit]]
    early, late = everyone[: len(everyone) // 3], everyone[len(everyone) // 3:]  # a third is overdue
    training_service.assign_track(engine, track.id, training_service.StaffAudience(tuple(early)),
                                  assigned_on=today - timedelta(days=120), due_on=today - timedelta(days=30),
                                  actor="trainer")
    training_service.assign_track(engine, track.id, training_service.StaffAudience(tuple(late)),
                                  due_on=today + timedelta(days=90), actor="trainer")
    program = next(p for p in cert_service.list_programs(engine) if p.code == "CERT-MGR-LEADERSHIP")
    suggestion = cert_service.program_suggestions(engine, program.id)
    training_service.create_track(engine, code="TRK-LEAD", name_en="Preparing for the leadership certification",
                                  name_es="Preparación para la certificación en liderazgo",
                                  course_ids=suggestion.plan.course_ids, actor="trainer")
    return engine, track.id, program.id


def shoot(page: TrainingPage, lang: str, track_id: int, program_id: int, out: Path) -> list[Path]:
    written = []
    progress = page.progress
    page.tabs.setCurrentWidget(progress)
    wait_until(lambda: not page.busy and progress.data is not None)
    progress.select(track_id=track_id)
    wait_until(lambda: not page.busy and progress.data is not None and progress.track.currentData() == track_id)
    progress.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # furthest along first; overdue rows in red
    settle()
    written.append(out / f"training_progress_{lang}.png")
    page.grab().save(str(written[-1]))

    cert = page.certification
    page.tabs.setCurrentWidget(cert)
    wait_until(lambda: not page.busy and cert.data is not None)
    cert.select_program(program_id)
    wait_until(lambda: not page.busy and cert.data is not None and cert.data.report is not None
               and cert.data.report.program.id == program_id)
    cert.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by validity: expired, then due, then certified
    settle()
    written.append(out / f"training_certification_{lang}.png")
    page.grab().save(str(written[-1]))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    translations = Translations()
    engine, track_id, program_id = prepare(Path(tempfile.mkdtemp()) / "sample.db")
    written: list[Path] = []
    for lang in ("en", "es"):
        translations.apply(lang)
        page = TrainingPage()
        page.resize(*SIZE)
        page.show()
        page.set_engine(engine)
        written += shoot(page, lang, track_id, program_id, args.out)
        page.cancel_all()
        page.close()
        page.deleteLater()
        QCoreApplication.processEvents()
    translations.apply("en")
    for path in written:
        print(path)
    engine.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
