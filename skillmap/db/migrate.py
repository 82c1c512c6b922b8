"""Schema upgrades with Alembic, run programmatically (no alembic.ini needed).

``open_database(db)`` is what the app and every command call: it makes the engine and brings the schema
to the newest revision in one transaction. Developers add a revision with::

    python -m skillmap.db.migrate revision "what changed"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from skillmap.db.engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = _config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = _config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def open_database(db: str | os.PathLike[str] | None = None) -> Engine:
    """Engine for ``db`` with its schema upgraded to the newest revision."""
    engine = make_engine(db)
    if current_revision(engine) != head_revision():
        upgrade(engine)
    return engine


def _main(argv: list[str]) -> int:  # developer helper: autogenerate a revision against a scratch SQLite DB
    if len(argv) >= 2 and argv[0] == "revision":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(Path(tmp) / "scratch.db")
            upgrade(engine)
            cfg = _config(engine)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=argv[1], autogenerate=True)
        return 0
    print("usage: python -m skillmap.db.migrate revision MESSAGE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
