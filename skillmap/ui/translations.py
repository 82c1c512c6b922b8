"""Qt translations: our ``.ts`` sources compiled to ``.qm`` on first use, plus Qt's own ``qtbase_es``.

``resources/translations/skillmap_es.ts`` is the committed source (edit it with Qt Linguist or by hand;
refresh it with ``python -m skillmap.ui.translations update``). The ``.qm`` is compiled with PySide6's
``lrelease`` into the per-user cache whenever it is missing or older than the ``.ts``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from skillmap import i18n
from skillmap.paths import resource, user_cache_dir

LANGUAGES = {"en": "English", "es": "Español (México)"}


def _tool(name: str) -> str:
    bundled = Path(PySide6.__file__).parent / (name + (".exe" if sys.platform == "win32" else ""))
    if bundled.exists():
        return str(bundled)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        raise FileNotFoundError(f"Qt {name} not found (it ships with PySide6-Essentials)")
    return found


def ts_file(lang: str) -> Path:
    return resource("translations", f"skillmap_{lang}.ts")


def compiled_qm(lang: str) -> Path | None:
    """The ``.qm`` for ``lang``, compiled if missing or stale; ``None`` if there is no ``.ts``."""
    ts = ts_file(lang)
    if not ts.exists():
        return None
    qm = user_cache_dir() / "translations" / f"skillmap_{lang}.qm"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True,
                       capture_output=True, timeout=60)
    return qm


class Translations:
    """Installs and swaps the app's translators when the user changes language."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []

    def apply(self, lang: str) -> str:
        lang = i18n.normalise_language(lang)
        i18n.set_language(lang)
        app = QCoreApplication.instance()
        for t in self._installed:
            QCoreApplication.removeTranslator(t)
        self._installed.clear()
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico) if lang == "es"
                           else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        if lang != "en" and app is not None:
            qt = QTranslator(app)
            if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                QCoreApplication.installTranslator(qt)
                self._installed.append(qt)
            qm = compiled_qm(lang)
            ours = QTranslator(app)
            if qm is not None and ours.load(str(qm)):
                QCoreApplication.installTranslator(ours)
                self._installed.append(ours)
        return lang


def update_ts() -> None:
    """Developer command: refresh the ``.ts`` sources from the UI code (keeps existing translations)."""
    ui_dir = Path(__file__).parent
    sources = sorted(str(p) for p in ui_dir.glob("*.py"))
    for lang in LANGUAGES:
        if lang == "en":
            continue
        subprocess.run([_tool("lupdate"), *sources, "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", f"{lang}_MX", "-ts", str(ts_file(lang))],
                       check=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        update_ts()
    else:
        print("usage: python -m skillmap.ui.translations update", file=sys.stderr)
        raise SystemExit(2)
