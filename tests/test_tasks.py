"""Background work as plain functions: progress throttling, and a cancelled load writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.sample.generator import bundled_sample
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.sample import load_sample
from skillmap.tasks import Cancelled, Progress


def test_progress_is_throttled_but_the_last_report_always_arrives() -> None:
    seen: list[tuple[int, int]] = []
    p = Progress(lambda d, t, _m: seen.append((d, t)), min_interval=60)
    for i in range(1, 1001):
        p.report(i, 1000)
    assert seen[0] == (1, 1000) and seen[-1] == (1000, 1000) and len(seen) == 2


def test_cancel_raises_at_the_next_check() -> None:
    p = Progress()
    p.check()
    p.cancel()
    with pytest.raises(Cancelled):
        p.report(1, 2)


def test_a_cancelled_sample_load_leaves_nothing_behind(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "c.db")
    install_bundled_frameworks(engine)
    calls = 0

    def cancel_midway(done: int, total: int, _msg: str) -> None:
        nonlocal calls
        calls += 1
        if done > total // 2:
            progress.cancel()

    progress = Progress(cancel_midway, min_interval=0)
    with pytest.raises(Cancelled):
        load_sample(engine, bundled_sample(n_staff=300, n_agencies=3), progress=progress)
    assert calls > 1
    with engine.connect() as conn:
        for table in (m.Staff, m.Agency, m.Unit, m.Assessment, m.ImportBatch, m.Course):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 0, table.__tablename__
