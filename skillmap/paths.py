"""Where SkillMap keeps things: bundled resources, and per-user data and cache folders."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "SkillMap"


def resource_dir() -> Path:
    """The bundled ``resources/`` folder (the repository's, or the installed ``skillmap.resources``)."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "frameworks").is_dir():
        return checkout
    return Path(str(resources.files("skillmap.resources")))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def bundled_framework_files() -> list[Path]:
    return sorted(resource("frameworks").glob("*.yaml"))


def user_data_dir() -> Path:
    """Per-user data folder (``SKILLMAP_HOME`` overrides it, for tests and portable installs)."""
    override = os.environ.get("SKILLMAP_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    override = os.environ.get("SKILLMAP_HOME")
    path = (
        Path(override) / "cache"
        if override
        else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path
