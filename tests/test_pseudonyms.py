"""Keyed pseudonyms: stable within a database, different across databases, not a plain hash."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sqlalchemy import Engine, func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.services.pseudonyms import database_key, pseudonymiser


def test_the_key_is_made_once_and_kept(engine: Engine) -> None:
    first = database_key(engine)
    assert len(first) == 32 and database_key(engine) == first
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.DatabaseSetting)).scalar() == 1


def test_pseudonyms_are_stable_distinct_and_keyed(engine: Engine, tmp_path: Path) -> None:
    p = pseudonymiser(engine)
    a, b = p("100384"), p("100385")
    assert re.fullmatch(r"P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", a)
    assert a != b and p(" 100384 ") == a == pseudonymiser(engine)("100384")
    # not derivable without the key: not any plain hash of the identifier
    for algo in ("md5", "sha1", "sha256"):
        assert a[2:].replace("-", "") not in hashlib.new(algo, b"100384").hexdigest().upper()
    other = open_database(tmp_path / "other.db")
    try:
        assert pseudonymiser(other)("100384") != a  # another database, another key
    finally:
        other.dispose()
    many = p.many(str(100000 + i) for i in range(20000))
    assert len(set(many)) == 20000  # 40 bits: no collision among a large agency's people
