"""Screenshots of the Pathways page (offscreen Qt, the bundled sample organisation), in English and Spanish.

    python docs/screenshots/make_pathway_screenshots.py                 # writes docs/screenshots/pathways_*.png
    python docs/screenshots/make_pathway_screenshots.py --db /tmp/copy.db --out /tmp/shots --time

Writes ``pathways_graph_<lang>.png`` (the role graph with a person's route through a stepping-stone role to a
target role in another family highlighted), ``pathways_plan_<lang>.png`` (that person's route step by step and
their course plan with dates) and ``pathways_ranking_<lang>.png`` (everyone ranked for the target). The page is
shown on its own in a main window, as the app's window shows it. ``--db`` uses another database (a copy: opening
may upgrade its schema); ``--time`` prints how long each step takes from the request to the view shown (wall clock,
window open) and the longest the window went without responding meanwhile.
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

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QMainWindow  # noqa: E402

from skillmap.db.migrate import open_database  # noqa: E402
from skillmap.services.pathways import PathwayData  # noqa: E402
from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.pathways_page import PathwaysPage  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout: float = 600.0) -> float:
    """Run the event loop until ``condition()``; the seconds it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the pathways page did not finish in time")
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


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def idle(page: PathwaysPage) -> bool:
    return page.loaded is not None and not page.busy


def sample_db() -> Path:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    path = Path(tempfile.mkdtemp()) / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    engine.dispose()
    return path


def choose_pair(pd: PathwayData, people: int = 3000) -> tuple[int, int]:
    """A target role and a person of another family whose cheapest route goes through one or two stepping-stone
    roles, all in neighbouring families (so the route fits the window): the first such person in the ranking of
    the target with the most of them, among the first ``people`` (the same pair in both languages)."""
    from skillmap.pathways import rank_for_target

    data = pd.data
    reqs = data.requirements
    family = data.role_family_id.tolist()
    column = {f: i for i, f in enumerate(dict.fromkeys(family))}  # families left to right, as drawn
    own = data.role_index[:people]
    levels = data.levels.levels[:people]
    best: tuple[int, int, int] | None = None
    for t in range(reqs.shape[0]):
        if not reqs.mask[t].any():
            continue
        ranking = rank_for_target(pd.graph, levels, t)
        ok = (ranking.moves >= 2) & (ranking.moves <= 3) & ranking.in_post & (own >= 0)
        found = []
        for p in ranking.order[ok[ranking.order]].tolist():
            nodes = [int(own[p]), *ranking.route_roles(p)]
            cols = {column[family[n]] for n in nodes}
            if family[nodes[0]] != family[t] and max(cols) - min(cols) <= 1 and reqs.groups[nodes[0]] == \
                    reqs.groups[t]:
                found.append(p)
        if found and (best is None or len(found) > best[0]):
            best = (len(found), t, found[0])
    if best is None:
        raise SystemExit("no route through a stepping-stone role in this database")
    return best[1], best[2]


def shoot(db: str, lang: str, out: Path, pair: tuple[int, int] | None, *, timing: bool) -> tuple[int, int]:
    window = QMainWindow()
    page = PathwaysPage()
    window.setCentralWidget(page)
    window.resize(1600, 1000)
    window.show()
    engine = open_database(db)
    meter = StallMeter()
    start = time.perf_counter()
    page.set_engine(engine)
    t_load = wait_until(lambda: idle(page) and page.graph.layout_ is not None)
    stall_load = meter.stop()
    loaded = page.loaded
    assert loaded is not None
    pd = loaded.pd
    target, person = pair if pair is not None else choose_pair(pd)

    meter = StallMeter()
    start = time.perf_counter()
    page.set_target_row(target)
    page.set_person(int(pd.data.levels.staff_ids[person]))
    wait_until(lambda: idle(page) and page.graph.route is not None)
    t_graph = time.perf_counter() - start
    stall_graph = meter.stop()
    settle()
    window.grab().save(str(out / f"pathways_graph_{lang}.png"))

    start = time.perf_counter()
    page.tabs.setCurrentWidget(page.route)
    wait_until(lambda: idle(page) and page.route.route_table is not None and page.route.plan is not None)
    t_route = time.perf_counter() - start
    settle()
    window.grab().save(str(out / f"pathways_plan_{lang}.png"))

    meter = StallMeter()
    start = time.perf_counter()
    page.tabs.setCurrentWidget(page.ranking)
    wait_until(lambda: idle(page) and page.ranking.ranking is not None)
    t_rank = time.perf_counter() - start
    stall_rank = meter.stop()
    settle()
    window.grab().save(str(out / f"pathways_ranking_{lang}.png"))

    if timing:
        # a threshold change: the graph rebuilt on a worker, then the ranking shown again
        meter = StallMeter()
        start = time.perf_counter()
        before = pd.graph.n_edges
        page.threshold.setValue(page.threshold.value() - 10)
        page.apply_settings()  # without the typing delay
        wait_until(lambda: idle(page) and page.loaded is not None and page.loaded.pd.graph.n_edges != before
                   and page.ranking.ranking is not None)
        t_settings = time.perf_counter() - start
        stall_settings = meter.stop()
        start = time.perf_counter()
        page.ranking.find.setText("mar")
        page.ranking.apply_filter()
        t_filter = time.perf_counter() - start
        start = time.perf_counter()
        page.ranking.view.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)
        t_sort = time.perf_counter() - start
        export = Path(tempfile.mkdtemp()) / "ranking.xlsx"
        page.ranking.find.setText("")
        page.ranking.apply_filter()
        start = time.perf_counter()
        task = page.ranking.export(export)
        wait_until(lambda: not task.running)
        t_export = time.perf_counter() - start
        print(f"[{lang}] {pd.data.n_staff:,} staff, {pd.graph.n_roles} role profiles, {before} viable moves:")
        print(f"  page shown → graph drawn (data loaded in the background, graph built): {t_load:.2f} s; "
              f"longest the window did not respond: {1000 * stall_load:.0f} ms")
        print(f"  target and person chosen → route drawn on the graph: {t_graph:.2f} s; longest stall "
              f"{1000 * stall_graph:.0f} ms")
        print(f"  route tab → route and course plan shown: {t_route:.2f} s")
        print(f"  ranking tab → everyone ranked and shown: {t_rank:.2f} s; longest stall {1000 * stall_rank:.0f} ms")
        print(f"  threshold −10 points → graph rebuilt and everyone ranked again: {t_settings:.2f} s; longest "
              f"stall {1000 * stall_settings:.0f} ms")
        print(f"  ranking filter (“mar”): {1000 * t_filter:.0f} ms; sort by reskilling hours: "
              f"{1000 * t_sort:.0f} ms; export everyone to xlsx: {t_export:.2f} s")
    page.cancel_all()
    window.close()
    engine.dispose()
    settle(50)
    return target, person


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to show (default: a fresh one with the bundled sample)")
    parser.add_argument("--out", default=str(HERE), help="folder for the PNG files")
    parser.add_argument("--time", action="store_true", help="print how long each step takes")
    parser.add_argument("--lang", nargs="*", default=["en", "es"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = args.db or str(sample_db())

    app = make_application()
    translations = Translations()
    pair: tuple[int, int] | None = None
    for lang in args.lang:
        translations.apply(lang)
        pair = shoot(db, lang, out, pair, timing=args.time)
    del app
    print("wrote", ", ".join(f"pathways_{v}_{lang}.png" for lang in args.lang for v in ("graph", "plan", "ranking")),
          "to", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
