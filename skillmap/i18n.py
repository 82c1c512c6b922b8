"""Messages for the headless layers, in English and Spanish (Mexico).

Qt widgets translate their own strings with ``self.tr()`` and ``.ts`` files. Everything below
``skillmap/ui`` (importers, validators, the command line) produces messages through this module so that
the same located problem reads correctly in the app, in the terminal and in a JSON report.

Modules register their messages at import time::

    register({"framework.missing_key": {"en": "missing key {key!r}", "es": "falta la clave {key!r}"}})

and render them with :func:`tr`. Languages are ``"en"`` and ``"es"``; the current language follows the
``SKILLMAP_LANG`` environment variable, then the system locale, and can be set with :func:`set_language`.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("en", "es")

_catalogue: dict[str, dict[str, str]] = {}
_language: str | None = None


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages to the catalogue. Each needs an ``en`` and an ``es`` text."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {missing}")
        _catalogue[key] = dict(texts)


def normalise_language(value: str | None) -> str:
    """Map ``es_MX.UTF-8``, ``es-MX``, ``ES`` ... to ``es``; anything unknown to ``en``."""
    if not value:
        return "en"
    short = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else "en"


def _system_language() -> str:
    env = os.environ.get("SKILLMAP_LANG")
    if env:
        return normalise_language(env)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalise_language(os.environ[var])
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalise_language(loc)


def get_language() -> str:
    global _language
    if _language is None:
        _language = _system_language()
    return _language


def set_language(lang: str) -> None:
    global _language
    _language = normalise_language(lang)


def tr(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: current language), formatted with ``params``.

    An unknown key is returned as is with its parameters, so a missing message never hides a problem.
    """
    lang = normalise_language(lang) if lang else get_language()
    texts = _catalogue.get(key)
    if texts is None:
        return key + (f" {params}" if params else "")
    try:
        return texts[lang].format(**params)
    except (KeyError, IndexError, ValueError):
        return texts[lang] + f" {params}"


def pick(en: str, es: str, lang: str | None = None) -> str:
    """Choose between two texts of bilingual content, falling back to whichever is not empty."""
    lang = normalise_language(lang) if lang else get_language()
    first, second = (es, en) if lang == "es" else (en, es)
    return first or second
