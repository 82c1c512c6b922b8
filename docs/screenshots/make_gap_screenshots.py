"""Screenshots of the Skills gaps page (offscreen Qt, the bundled sample organisation), in English and Spanish.

    python docs/screenshots/make_gap_screenshots.py                      # writes docs/screenshots/gaps_*.png
    python docs/screenshots/make_gap_screenshots.py --db /tmp/full.db --out /tmp/shots --time

Writes ``gaps_dashboard_<lang>.png``, ``gaps_heatmap_<lang>.png`` (a cell clicked: the people short there listed
below) and ``gaps_person_<lang>.png`` (a data professional against their role and the next step of its ladder).
``--db`` uses another database (it must hold staff); ``--time`` prints how long the background load, the
dashboard, the heatmap and a filter change take, from the request to the view shown (wall clock, window open).
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

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.gap_views import GapsPage  # noqa: E402
from skillmap.ui.main_window import MainWindow  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> float:
    """Run the event loop until ``condition()``; the seconds it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the gaps page did not finish in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return time.perf_counter() - start


class StallMeter:
    """The longest the GUI thread went without running a 10 ms timer (how long the window would not respond)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(10)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def settle(ms: int = 250) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def idle(page: GapsPage) -> bool:
    return page.source is not None and page.data is not None and not page.busy


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


def choose_person(page: GapsPage) -> tuple[int, int | None]:
    """A data professional with gaps, and the next seniority of their role (a role they may move to)."""
    data = page.data
    assert data is not None
    codes = data.requirements.role_labels
    gaps = (np.nan_to_num(data.own.gap) > 0).sum(axis=1)
    candidates = [p for p in range(data.n_staff)
                  if data.role_index[p] >= 0 and codes[data.role_index[p]].startswith("data-") and gaps[p] >= 2]
    if not candidates:
        candidates = [int(np.argmax(gaps))]
    p = sorted(candidates, key=lambda i: (-gaps[i], data.staff_name[i]))[0]
    own = codes[data.role_index[p]]
    role, _, level = own.rpartition("-")
    second = f"{role}-{int(level) + 1}" if level.isdigit() else None
    j = codes.index(second) if second in codes else -1
    return int(data.levels.staff_ids[p]), (int(data.requirements.role_ids[j]) if j >= 0 else None)


def shoot(window: MainWindow, db: str, lang: str, out: Path, *, timing: bool) -> None:
    task = window.open_database(db)
    wait_until(lambda: not task.running)
    window.show_page("gaps")
    page = window.gaps_page
    t_load = wait_until(lambda: idle(page) and page.dashboard.numbers is not None)
    settle()
    window.grab().save(str(out / f"gaps_dashboard_{lang}.png"))

    heat = page.heatmap
    page.tabs.setCurrentWidget(heat)
    t_heat = wait_until(lambda: idle(page) and heat.hm is not None and heat.panel.canvas is not None)
    hm = heat.hm
    assert hm is not None
    row, col = np.unravel_index(int(np.argmax(hm.short)), hm.short.shape)
    heat.drill(int(row), int(col))
    settle()
    window.grab().save(str(out / f"gaps_heatmap_{lang}.png"))

    sid, second = choose_person(page)
    page.show_person(sid)
    wait_until(lambda: idle(page) and page.person.profile is not None)
    if second is not None:
        page.person.set_second_role(second)
        wait_until(lambda: idle(page) and page.person.profile is not None and page.person.profile.second_role >= 0)
    settle()
    window.grab().save(str(out / f"gaps_person_{lang}.png"))
    if not timing:
        return

    # a filter change (the largest agency), then back: restrict in memory, recompute, redraw the dashboard
    page.tabs.setCurrentWidget(page.dashboard)
    wait_until(lambda: idle(page))
    data = page.data
    assert data is not None
    agency = int(np.bincount(data.agency_id[data.agency_id >= 0]).argmax())
    start = time.perf_counter()
    page.agency.setCurrentIndex(page.agency.findData(agency))
    wait_until(lambda: idle(page) and page.filters.agency == agency and page.dashboard.numbers is not None
               and page.data is not None and page.dashboard.numbers.headcount == page.data.n_staff)
    t_filter = time.perf_counter() - start
    start = time.perf_counter()
    page.agency.setCurrentIndex(0)
    wait_until(lambda: idle(page) and page.filters.agency is None and not page.dashboard.busy)
    t_back = time.perf_counter() - start
    start = time.perf_counter()
    meter = StallMeter()
    reload_task = page.reload()
    assert reload_task is not None
    wait_until(lambda: not reload_task.running and idle(page) and not page.dashboard.busy)
    t_reload = time.perf_counter() - start
    stall_reload = meter.stop()
    page.heatmap.group_by.setCurrentIndex(page.heatmap.group_by.findData("role_family"))
    page.tabs.setCurrentWidget(page.heatmap)
    wait_until(lambda: idle(page) and heat.hm is not None and heat.hm.group_by == "role_family")
    meter = StallMeter()
    start = time.perf_counter()
    page.heatmap.group_by.setCurrentIndex(page.heatmap.group_by.findData("agency"))
    wait_until(lambda: idle(page) and heat.hm is not None and heat.hm.group_by == "agency")
    t_heat2 = time.perf_counter() - start
    settle(300)  # the canvas shown and painted
    stall_heat = meter.stop()
    canvas = heat.panel.canvas
    print(f"[{lang}] {data.n_staff:,} staff × {data.levels.shape[1]} competencies, heatmap "
          f"{len(hm.group_ids)} × {len(hm.competencies)}:")
    print(f"  page shown → dashboard drawn (load in the background, 3 charts): {t_load:.2f} s")
    print(f"  heatmap tab → heatmap shown (computed and drawn on a worker): {t_heat:.2f} s; "
          f"full redraws on the GUI thread: {canvas.draws if canvas is not None else '?'}")
    print(f"  agency filter → dashboard redrawn: {t_filter:.2f} s; all agencies again: {t_back:.2f} s")
    print(f"  background reload (as after an import) → dashboard redrawn: {t_reload:.2f} s; longest the window "
          f"did not respond meanwhile: {1000 * stall_reload:.0f} ms")
    print(f"  heatmap by agency again → shown: {t_heat2:.2f} s; longest the window did not respond meanwhile: "
          f"{1000 * stall_heat:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to show (default: a fresh one with the bundled sample)")
    parser.add_argument("--out", default=str(HERE), help="folder for the PNG files")
    parser.add_argument("--time", action="store_true", help="print how long each view takes")
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
        window.resize(1600, 1000)
        window.show()
        shoot(window, db, lang, out, timing=args.time)
        window.close()
        settle(50)
    del app
    print("wrote", ", ".join(f"gaps_{v}_{lang}.png" for lang in args.lang for v in ("dashboard", "heatmap",
                                                                                     "person")), "to", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
