"""Alembic environment: runs on the connection SkillMap hands over (see skillmap.db.migrate)."""

from __future__ import annotations

from alembic import context

from skillmap.db import models  # noqa: F401  (registers the tables)
from skillmap.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("skillmap migrations run through skillmap.db.migrate.upgrade(engine)")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
