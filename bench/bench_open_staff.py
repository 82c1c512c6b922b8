"""Open a database with 47,700 staff in the real main window; time until the staff table is filled.

    QT_QPA_PLATFORM=offscreen python bench/bench_open_staff.py --db /tmp/full.db [--runs 5]

Run ``bench/bench_sample.py --db /tmp/full.db`` first to create the database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from skillmap.ui.main_window import MainWindow
from skillmap.ui.tasks import Task


def wait_for_task(task: Task, timeout_ms: int = 60_000) -> None:
    """Wait in a real event loop, as the app does: it sleeps when idle and leaves the GIL to the worker.

    (Spinning ``processEvents()`` in a loop would compete with the worker thread for the GIL and
    triple the measured time.)
    """
    if not task.running:
        return
    loop = QEventLoop()
    task.done.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    if task.running:
        raise TimeoutError


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    shown, sorts, filters = [], [], []
    rows = 0
    for _ in range(args.runs):
        window = MainWindow()
        t0 = time.perf_counter()
        window.show()
        task = window.open_database(args.db)
        wait_for_task(task)
        QCoreApplication.processEvents()
        t1 = time.perf_counter()
        view = window.staff_page.view
        rows = view.model().rowCount()
        assert rows > 0, "the database has no staff: run bench/bench_sample.py first"
        shown.append(t1 - t0)
        if window._background is not None:  # search text and status counts, prepared right after
            wait_for_task(window._background)
        t2 = time.perf_counter()
        view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        QCoreApplication.processEvents()
        sorts.append(time.perf_counter() - t2)
        t3 = time.perf_counter()
        window.staff_page.search.setText("garcia")
        window.staff_page.apply_filter()
        QCoreApplication.processEvents()
        filters.append(time.perf_counter() - t3)
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    med = statistics.median
    print(f"staff rows: {rows:,}")
    print(f"window shown → staff table filled: median {med(shown):.3f} s  (min {min(shown):.3f}, "
          f"max {max(shown):.3f}, {len(shown)} runs)")
    print(f"sort 47,700 rows by unit:          median {med(sorts) * 1000:.0f} ms")
    print(f"search 'garcia':                   median {med(filters) * 1000:.0f} ms")
    del app


if __name__ == "__main__":
    main()
