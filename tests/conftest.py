"""Shared fixtures.

* Every test runs with its own ``SKILLMAP_HOME`` (settings, default database, caches) and Qt offscreen.
* ``db_url`` / ``engine`` run a test on SQLite and on PostgreSQL. PostgreSQL needs a server:
  ``SKILLMAP_TEST_PG_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``; CI starts one
  with ``.ci/start-postgres.sh``). Without it those cases skip with that reason, unless
  ``SKILLMAP_REQUIRE_POSTGRES=1`` (set by CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

# Qt offscreen, on a 1920×1080 virtual screen (the plugin's default 800×800 clamps window geometry).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen.json')}"
os.environ.setdefault("QT_API", "PySide6")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from skillmap import i18n

PG_URL = os.environ.get("SKILLMAP_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("SKILLMAP_REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SKILLMAP_HOME", str(home))
    monkeypatch.delenv("SKILLMAP_DB", raising=False)
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


def _pg_available() -> str | None:
    if not PG_URL:
        return "no PostgreSQL server: set SKILLMAP_TEST_PG_URL (CI starts one with .ci/start-postgres.sh)"
    return None


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    reason = _pg_available()
    if reason:
        if REQUIRE_PG:
            pytest.fail(reason)
        pytest.skip(reason)
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin: Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"skillmap_test_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An upgraded, empty database on each backend."""
    from skillmap.db.migrate import open_database

    eng = open_database(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    from skillmap.db.migrate import open_database

    eng = open_database(tmp_path / "test.db")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def bundled_frameworks() -> list[object]:
    from skillmap.frameworks.fileformat import load_bundled_frameworks

    return list(load_bundled_frameworks())
