"""Schema upgrades with Alembic, run programmatically (no alembic.ini needed).

``open_database(db)`` is what the app and every command call: it makes the engine and brings the schema
to the newest revision in one transaction. Developers add a revision with::

    python -m skillmap.db.migrate revision "what changed"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from skillmap.db.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

# The newest revision in migrations/versions. Opening an up-to-date database compares against this
# constant instead of importing Alembic and reading every script (half a second at start-up);
# tests/test_db.py checks that it matches the scripts.
HEAD_REVISION = "0004"


def _config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision() -> str:
    """The head revision read from the migration scripts (Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = _config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = _config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def open_database(db: str | os.PathLike[str] | None = None) -> Engine:
    """Engine for ``db`` with its schema upgraded to the newest revision."""
    engine = make_engine(db)
    if current_revision(engine) != HEAD_REVISION:
        upgrade(engine)
    return engine


def _main(argv: list[str]) -> int:  # developer helper: autogenerate a revision against a scratch SQLite DB
    if len(argv) >= 2 and argv[0] == "revision":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(Path(tmp) / "scratch.db")
            upgrade(engine)
            from alembic import command

            cfg = _config(engine)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=argv[1], autogenerate=True)
        return 0
    print("usage: python -m skillmap.db.migrate revision MESSAGE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
