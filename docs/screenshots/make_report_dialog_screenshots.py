"""Screenshots of the *Export report* dialog (offscreen Qt, the bundled sample organisation), English and Spanish.

    python docs/screenshots/make_report_dialog_screenshots.py           # writes docs/screenshots/report_dialog_*.png
    python docs/screenshots/make_report_dialog_screenshots.py --db /tmp/full.db --out /tmp/shots --time

Writes ``report_dialog_<lang>.png`` (a unit's gap report, pseudonymised, the unit tree open),
``report_dialog_person_<lang>.png`` (an individual development report preset to the person selected on the Staff
page) and ``report_dialog_done_<lang>.png`` (after the export: *Open* and *Show in folder*). ``--time`` prints how
long the export of the unit's xlsx takes from the click to the file in place (wall clock, window open).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE.parent.parent / 'tests' / 'offscreen.json'}"
os.environ["SKILLMAP_HOME"] = tempfile.mkdtemp()
os.environ.setdefault("QT_API", "PySide6")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.main_window import MainWindow  # noqa: E402
from skillmap.ui.report_dialog import ReportDialog  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> float:
    """Run the event loop until ``condition()``; the seconds it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the dialog did not finish in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return time.perf_counter() - start


def settle(ms: int = 250) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def sample_db() -> Path:
    from skillmap.db.migrate import open_database
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    path = Path(tempfile.mkdtemp()) / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    engine.dispose()
    return path


def second_level_unit(dialog: ReportDialog) -> int:
    """A staffed unit one level below the top of the first agency (so the tree shows its parent open)."""
    choices = dialog.choices
    assert choices is not None
    units = choices.lookups.units
    aid = dialog.agency.itemData(1)
    candidates = sorted((row[1], uid) for uid, row in units.items()
                        if row[2] == aid and row[3] is not None and units[row[3]][3] is None
                        and uid in choices.staffed_units)
    return candidates[0][1]


def shoot(window: MainWindow, db: str, lang: str, out: Path, *, timing: bool) -> None:
    task = window.open_database(db)
    wait_until(lambda: not task.running)
    wait_until(lambda: window._background is None or not window._background.running)
    staff = window.staff_page
    staff.select_staff(staff.model.staff_id(3) or 1)

    dialog = window.export_report()
    assert dialog is not None
    wait_until(lambda: not dialog.loading and dialog.choices is not None)
    dialog.select_unit(second_level_unit(dialog))
    settle()
    dialog.grab().save(str(out / f"report_dialog_{lang}.png"))

    dialog.set_kind("person")
    wait_until(lambda: dialog.people is not None and not dialog.loading)
    settle()
    dialog.grab().save(str(out / f"report_dialog_person_{lang}.png"))

    dialog.set_kind("gaps")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    folder = Path(tempfile.mkdtemp())
    target = folder / dialog.proposed_name()
    QFileDialog.getSaveFileName = staticmethod(lambda *_a, **_k: (str(target), ""))  # type: ignore[method-assign]
    start = time.perf_counter()
    dialog.export()
    wait_until(lambda: not dialog.running)
    elapsed = time.perf_counter() - start
    assert dialog.path == target and target.is_file(), dialog.error
    settle()
    dialog.grab().save(str(out / f"report_dialog_done_{lang}.png"))
    if timing:
        print(f"[{lang}] {target.name}: exported in {elapsed:.2f} s ({target.stat().st_size / 1024:.0f} KiB)")
    dialog.reject()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to show (default: a fresh one with the bundled sample)")
    parser.add_argument("--out", default=str(HERE), help="folder for the PNG files")
    parser.add_argument("--time", action="store_true", help="print how long the export takes")
    parser.add_argument("--lang", nargs="*", default=["en", "es"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = args.db or str(sample_db())

    app = make_application()
    translations = Translations()
    for lang in args.lang:
        translations.apply(lang)
        window = MainWindow(translations=translations)
        window.resize(1280, 800)
        window.show()
        shoot(window, db, lang, out, timing=args.time)
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"wrote the screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
