"""The Spanish (Mexico) interface: ``resources/translations/skillmap_es.ts`` and how the app loads it.

* Every message has a finished, non-empty translation that keeps the source's placeholders
  (``{0}``, ``{name}``, ``%1``…``%9``, ``%n``), keyboard accelerator and line breaks.
* The ``.ts`` is up to date with the code: ``lupdate`` over ``skillmap/ui/*.py`` finds the same strings.
  A developer who adds a ``self.tr()`` string gets the list of strings to translate.
* The ``.qm`` compiles, installs and uninstalls with :class:`skillmap.ui.translations.Translations`, and the
  main window follows the language change.
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar
from pytestqt.qtbot import QtBot

from skillmap import i18n
from skillmap.ui import translations
from skillmap.ui.main_window import MainWindow
from skillmap.ui.translations import Translations, compiled_qm, ts_file

TS = ts_file("es")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%[1-9]")
ACCELERATOR = re.compile(r"&(?!&)(.)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form of a numerus message
    kind: str | None  # the ``type`` attribute of <translation>: None when finished
    numerus: bool


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r} has no <translation>"
            forms = translation.findall("numerusform")
            texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            messages.append(Message(name, message.findtext("source", ""), texts, translation.get("type"),
                                    message.get("numerus") == "yes"))
    return messages


def pairs(messages: list[Message]) -> set[tuple[str, str]]:
    return {(m.context, m.source) for m in messages}


def show(items: set[tuple[str, str]]) -> str:
    return "\n".join(f"  [{context}] {source!r}" for context, source in sorted(items))


@pytest.fixture
def translator(qapp: QApplication) -> Iterator[Translations]:
    """A :class:`Translations` that is always switched back to English afterwards (even on failure)."""
    t = Translations()
    yield t
    t.apply("en")
    QCoreApplication.processEvents()


# ------------------------------------------------------------------------------------------- the .ts file


def test_ts_is_spanish_mexico() -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "es_MX"
    assert root.get("sourcelanguage") == "en"


def test_every_message_is_translated() -> None:
    messages = read_ts(TS)
    assert messages
    unfinished = {(m.context, m.source) for m in messages if m.kind is not None}
    assert not unfinished, f"translations marked unfinished/obsolete/vanished:\n{show(unfinished)}"
    empty = {(m.context, m.source) for m in messages if not all(t.strip() for t in m.translations)}
    assert not empty, f"empty translations:\n{show(empty)}"
    numerus_without_n = {(m.context, m.source) for m in messages if m.numerus and "%n" not in m.source}
    assert not numerus_without_n, f"numerus messages without %n:\n{show(numerus_without_n)}"


def test_translations_keep_placeholders_accelerators_and_line_breaks() -> None:
    wrong: list[str] = []
    for m in read_ts(TS):
        wanted = Counter(PLACEHOLDER.findall(m.source))
        accelerators = len(ACCELERATOR.findall(m.source))
        for text in m.translations:
            found = Counter(PLACEHOLDER.findall(text))
            if found != wanted:
                wrong.append(f"[{m.context}] {m.source!r} → {text!r}: placeholders {dict(found)} != {dict(wanted)}")
            if len(ACCELERATOR.findall(text)) != accelerators:
                wrong.append(f"[{m.context}] {m.source!r} → {text!r}: accelerator '&' not kept")
            if text.count("\n") != m.source.count("\n"):
                wrong.append(f"[{m.context}] {m.source!r} → {text!r}: line breaks differ")
            if ("…" in m.source) != ("…" in text) or ("◆" in m.source) != ("◆" in text):
                wrong.append(f"[{m.context}] {m.source!r} → {text!r}: '…' or '◆' not kept")
    assert not wrong, "\n".join(wrong)


def test_ts_is_up_to_date_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs the developer command (``python -m skillmap.ui.translations update``) on a copy of the .ts."""
    copies = {}
    for lang in translations.LANGUAGES:
        if lang != "en":
            copies[lang] = tmp_path / ts_file(lang).name
            shutil.copy(ts_file(lang), copies[lang])
    monkeypatch.setattr(translations, "ts_file", lambda lang: copies[lang])
    translations.update_ts()

    committed, fresh = pairs(read_ts(TS)), pairs(read_ts(copies["es"]))
    missing, stale = fresh - committed, committed - fresh
    assert not missing and not stale, (
        "resources/translations/skillmap_es.ts is out of date with skillmap/ui/*.py: run "
        "`python -m skillmap.ui.translations update` and translate the new strings.\n"
        + (f"Strings in the code but not in the .ts:\n{show(missing)}\n" if missing else "")
        + (f"Strings in the .ts no longer in the code:\n{show(stale)}\n" if stale else "")
    )


# ---------------------------------------------------------------------------------- compiling and loading


def test_compiled_qm_is_built_in_the_user_cache() -> None:
    qm = compiled_qm("es")
    assert qm is not None and qm.is_file() and qm.stat().st_size > 0
    assert qm.is_relative_to(Path(os.environ["SKILLMAP_HOME"]))  # the per-user cache, not resources/
    assert compiled_qm("en") is None  # English is the source language: no .ts, no .qm


def test_apply_switches_qt_strings_and_back(translator: Translations) -> None:
    assert translator.apply("es") == "es"
    assert i18n.get_language() == "es"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Archivo"
    assert QCoreApplication.translate("StaffTableModel", "Grade") == "Nivel salarial"

    assert translator.apply("en") == "en"
    assert i18n.get_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert QCoreApplication.translate("StaffTableModel", "Grade") == "Grade"


def test_every_translation_is_served_by_the_qm(translator: Translations) -> None:
    translator.apply("es")
    wrong = {
        (m.context, m.source) for m in read_ts(TS)
        if not m.numerus and QCoreApplication.translate(m.context, m.source) != m.translations[0]
    }
    assert not wrong, f"the compiled .qm does not return the .ts translation for:\n{show(wrong)}"


# ------------------------------------------------------------------------------------------ main window


def _texts(window: MainWindow) -> dict[str, str | list[str]]:
    return {
        "title": window.windowTitle(),
        "menus": [m.title() for m in (window.file_menu, window.view_menu, window.lang_menu, window.help_menu)],
        "nav": [window.nav.item(i).text() for i in range(window.nav.count())],
        "status": window.db_label.text(),
    }


def _accelerators(menu: QMenu | QMenuBar) -> list[str]:
    keys = []
    for action in menu.actions():
        found = ACCELERATOR.search(action.text())
        if found and not action.isSeparator():
            keys.append(found.group(1).casefold())
    return keys


def test_main_window_follows_the_language(qtbot: QtBot, translator: Translations) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    english = _texts(window)
    assert english["menus"] == ["&File", "&View", "&Language", "&Help"]
    assert english["nav"] == ["Staff", "Skills gaps", "Pathways", "Training", "Frameworks", "Imports"]

    translator.apply("es")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Archivo")
    spanish = _texts(window)
    assert spanish["menus"] == ["&Archivo", "&Ver", "&Idioma", "Ay&uda"]
    assert spanish["nav"] == ["Personal", "Brechas de competencias", "Trayectorias", "Capacitación",
                              "Marcos de competencias", "Importaciones"]
    assert spanish["title"] == "SkillMap — brechas de competencias y planeación de la fuerza laboral"
    assert spanish["status"] == "No hay una base de datos abierta"
    assert window.act_quit.text() == "&Salir"
    assert window.lang_actions["es"].isChecked()
    for menu in (window.menuBar(), window.file_menu, window.view_menu, window.help_menu):
        keys = _accelerators(menu)
        assert len(keys) == len(set(keys)), f"duplicate accelerators in {[a.text() for a in menu.actions()]}"

    translator.apply("en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert _texts(window) == english
    assert window.lang_actions["en"].isChecked()
