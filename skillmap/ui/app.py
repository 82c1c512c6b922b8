"""Start the desktop app: QApplication, translations, the main window on the chosen database."""

from __future__ import annotations

import os
import sys

# Bind matplotlib (used by chart views) to PySide6 before anything imports it.
os.environ.setdefault("QT_API", "PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from skillmap import __version__
from skillmap.paths import user_data_dir
from skillmap.ui.translations import Translations


def settings() -> QSettings:
    """Per-user settings in an ini file next to the default database (``SKILLMAP_HOME`` moves both)."""
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def sample_db_path() -> str:
    return str(user_data_dir() / "sample.db")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("SkillMap")
    app.setOrganizationName("SkillMap")
    app.setApplicationVersion(__version__)
    return app


def run_app(db: str | None = None, *, sample: bool = False, lang: str | None = None) -> int:
    from skillmap.ui.main_window import MainWindow

    app = make_application()
    store = settings()
    translations = Translations()
    chosen = lang or str(store.value("language", "") or "") or None
    from skillmap import i18n

    translations.apply(chosen or i18n.get_language())
    window = MainWindow(translations=translations, settings=store)
    window.show()
    window.open_database(sample_db_path() if sample and db is None else db, load_sample_if_empty=sample)
    return app.exec()
