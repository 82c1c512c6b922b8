"""Regenerate the README screenshots (offscreen Qt, the bundled sample organisation).

    python docs/screenshots/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE.parent.parent / 'tests' / 'offscreen.json'}"
os.environ["SKILLMAP_HOME"] = tempfile.mkdtemp()

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QTabWidget  # noqa: E402

from skillmap.ui.app import make_application  # noqa: E402
from skillmap.ui.main_window import MainWindow  # noqa: E402
from skillmap.ui.tasks import Task  # noqa: E402
from skillmap.ui.translations import Translations  # noqa: E402


def wait(task: Task | None) -> None:
    if task is None or not task.running:
        return
    loop = QEventLoop()
    task.done.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()


def settle() -> None:
    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()


def main() -> int:
    app = make_application()
    translations = Translations()
    db = Path(tempfile.mkdtemp()) / "sample.db"
    for lang in ("en", "es"):
        translations.apply(lang)
        window = MainWindow(translations=translations)
        window.resize(1440, 860)
        window.show()
        wait(window.open_database(str(db), load_sample_if_empty=True))
        wait(window._background)
        page = window.staff_page
        page.view.sortByColumn(1, page.view.horizontalHeader().sortIndicatorOrder())
        # a data scientist with gaps makes the detail panel say something
        target = next((r for r in range(page.model.rowCount())
                       if "data-scientist" in str(page.model.table().role_en[page.model._rows[r]]).lower()
                       or "científic" in str(page.model.index(r, 6).data()).lower()), 0)
        page.view.selectRow(target)
        page.view.scrollTo(page.model.index(target, 0))
        settle()
        window.grab().save(str(HERE / f"staff_{lang}.png"))
        window.show_page("frameworks")
        fb = window.framework_page
        fb.select_framework("mx-ddat")
        fb.show_competency("MACHINE-LEARNING")
        settle()
        window.grab().save(str(HERE / f"competencies_{lang}.png"))
        fb.show_role_profile("data-scientist-3")
        tabs = fb.findChild(QTabWidget)
        if tabs is not None:
            tabs.setCurrentIndex(1)
        settle()
        window.grab().save(str(HERE / f"role_profiles_{lang}.png"))
        window.close()
    del app
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
