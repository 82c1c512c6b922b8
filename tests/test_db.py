"""The schema on SQLite and PostgreSQL: migrations, constraints, locking, the current-level rule, bulk paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from skillmap.db import models as m
from skillmap.db.engine import make_engine, resolve_url
from skillmap.db.migrate import current_revision, downgrade, head_revision, open_database, upgrade
from skillmap.db.session import unit_of_work
from skillmap.services.levels import current_levels_select


def test_head_revision_constant_matches_the_scripts() -> None:
    from skillmap.db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_migrations_from_empty_create_every_table(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(m.Base.metadata.tables) <= tables


def test_migrations_build_the_schema_the_models_declare(engine: Engine) -> None:
    """Autogenerate finds nothing to do: every index, constraint and column of the models is in a migration
    (and nothing a migration dropped, such as the assessment index on competency alone, is declared again)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), m.Base.metadata)
    assert diffs == []
    indexes = {i["name"] for i in inspect(engine).get_indexes("assessment")}
    assert "ix_assessment_competency_id" not in indexes
    assert {"ix_assessment_staff_competency_date", "ix_assessment_import_batch_id"} <= indexes


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "staff" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_open_database_is_idempotent(db_url: str) -> None:
    e1 = open_database(db_url)
    e2 = open_database(db_url)
    assert current_revision(e2) == head_revision()
    e1.dispose()
    e2.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.db")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.commit()
    engine.dispose()
    again = make_engine(tmp_path / "x.db")
    with again.connect() as conn:
        assert conn.execute(text("PRAGMA page_size")).scalar() == 8192  # set when the file was made, kept
    again.dispose()


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_url("postgresql://u@h/db").startswith("postgresql+psycopg://u@h/db")
    monkeypatch.setenv("SKILLMAP_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    monkeypatch.delenv("SKILLMAP_DB")
    assert resolve_url(None).endswith("skillmap.db")


def _org(s: Session) -> tuple[m.Agency, m.Unit]:
    agency = m.Agency(code="SHCP", name="Secretaría de Hacienda y Crédito Público", short_name="SHCP")
    unit = m.Unit(agency=agency, code="UAF", name="Unidad de Administración y Finanzas")
    s.add_all([agency, unit])
    s.flush()
    return agency, unit


def _framework(s: Session) -> tuple[m.Competency, m.Competency]:
    fw = m.Framework(code="t", version="1", name_en="T", name_es="T")
    cat = m.Category(framework=fw, code="C", name_en="C")
    s.add_all([fw, cat])
    s.flush()
    a = m.Competency(framework_id=fw.id, category=cat, code="A", name_en="A")
    b = m.Competency(framework_id=fw.id, category=cat, code="B", name_en="B")
    s.add_all([a, b])
    s.flush()
    return a, b


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(m.Staff(employee_number="1", given_names="Ana", first_surname="López", unit_id=999_999))


def test_employee_number_and_curp_are_unique(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        s.add(m.Staff(employee_number="1", curp="LOAA800101MDFPNN09", given_names="Ana", first_surname="L"))
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(m.Staff(employee_number="1", given_names="Otra", first_surname="X"))
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(m.Staff(employee_number="2", curp="LOAA800101MDFPNN09", given_names="B", first_surname="X"))
    # people without CURP do not collide
    with unit_of_work(engine) as s:
        s.add_all([m.Staff(employee_number="3", given_names="C"), m.Staff(employee_number="4", given_names="D")])


def test_optimistic_locking_rejects_a_stale_edit(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        person = m.Staff(employee_number="7", given_names="Rosa", first_surname="Núñez")
        s.add(person)
    with Session(engine) as first, Session(engine) as second:
        a = first.get(m.Staff, person.id)
        b = second.get(m.Staff, person.id)
        assert a is not None and b is not None and a.version == 1
        a.grade = "O21"
        first.commit()
        b.grade = "N11"
        with pytest.raises(StaleDataError):
            second.commit()
    with Session(engine) as s:
        fresh = s.get(m.Staff, person.id)
        assert fresh is not None and fresh.grade == "O21" and fresh.version == 2


def test_unit_of_work_rolls_back_everything_on_error(engine: Engine) -> None:
    with pytest.raises(RuntimeError), unit_of_work(engine) as s:
        _org(s)
        raise RuntimeError("boom")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Agency)) == 0


def test_current_level_rule(engine: Engine) -> None:
    """Latest validated wins; same day: certification > test > manager > course > self; self not validated."""
    with unit_of_work(engine) as s:
        a, b = _framework(s)
        p = m.Staff(employee_number="1", given_names="Ana")
        q = m.Staff(employee_number="2", given_names="Beto")
        r = m.Staff(employee_number="3", given_names="Caro")
        s.add_all([p, q, r])
        s.flush()
        rows = [
            # p/A: the later manager rating wins over the older certification
            (p, a, 3, "certification", date(2020, 1, 1), True),
            (p, a, 2, "manager", date(2024, 5, 1), True),
            # p/B: same day, certification beats manager regardless of insertion order
            (p, b, 4, "certification", date(2024, 5, 1), True),
            (p, b, 1, "manager", date(2024, 5, 1), True),
            # q/A: a newer self-assessment (unvalidated) does not count
            (q, a, 1, "test", date(2023, 1, 1), True),
            (q, a, 4, "self", date(2025, 1, 1), False),
            # r/A: only a self-assessment: unknown
            (r, a, 3, "self", date(2025, 1, 1), False),
        ]
        for who, comp, level, src, on, ok in rows:
            s.add(m.Assessment(staff_id=who.id, competency_id=comp.id, level=level, source=src,
                               assessed_on=on, validated=ok))
    with engine.connect() as conn:
        got = {(sid, cid): lvl for sid, cid, lvl, *_ in conn.execute(current_levels_select())}
    assert got == {(p.id, a.id): 2, (p.id, b.id): 4, (q.id, a.id): 1}


def test_bulk_insert_goes_through_core_executemany(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        a, _b = _framework(s)
        s.add(m.Staff(employee_number="1", given_names="Ana"))
    with engine.begin() as conn:
        sid = conn.execute(select(m.Staff.id)).scalar_one()
        conn.execute(insert(m.Assessment), [
            {"staff_id": sid, "competency_id": a.id, "level": i % 5, "source": "test",
             "assessed_on": date(2020, 1, 1 + i % 28), "validated": True} for i in range(5000)])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Assessment)).scalar() == 5000


def test_enum_values_are_stored_as_text(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        a, _ = _framework(s)
        person = m.Staff(employee_number="1", given_names="Ana")
        s.add(person)
        s.flush()
        s.add(m.Assessment(staff_id=person.id, competency_id=a.id, level=1, source=m.AssessmentSource.COURSE,
                           assessed_on=date(2024, 1, 1)))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT source FROM assessment")).scalar() == "course"


@pytest.mark.parametrize("count", [0, 1, 199, 200, 201, 401])
@pytest.mark.parametrize("as_columns", [False, True], ids=["rows", "columns"])
def test_bulk_insert_stores_every_row_once(engine: Engine, count: int, as_columns: bool) -> None:
    """The many-row statements of SQLite (and COPY on PostgreSQL): every row, in order, whatever the count
    left over after the full statements, given as rows or as :class:`Columns`; constants on each."""
    from skillmap.db.bulk import SQLITE_ROWS_PER_INSERT, Columns, bulk_insert

    assert SQLITE_ROWS_PER_INSERT == 200  # the counts above straddle it
    numbers = [f"E{i:05d}" for i in range(count)]
    names = [f"Nombre {i}" if i % 3 else None for i in range(count)]
    rows: object = Columns([numbers, [n or "" for n in names], names]) if as_columns else \
        zip(numbers, [n or "" for n in names], names, strict=True)
    with engine.begin() as conn:
        stored = bulk_insert(conn, m.Staff.__table__, ("employee_number", "given_names", "second_surname"),
                             rows,  # type: ignore[arg-type]
                             constants={"first_surname": "Pérez", "active": True, "version": 1,
                                        "created_at": "2026-11-29 05:00:00", "updated_at": "2026-11-29 05:00:00"})
    assert stored == count
    with engine.connect() as conn:
        got = conn.execute(select(m.Staff.employee_number, m.Staff.given_names, m.Staff.second_surname,
                                  m.Staff.first_surname).order_by(m.Staff.id)).all()
    assert [tuple(r) for r in got] == [(e, n or "", n, "Pérez") for e, n in zip(numbers, names, strict=True)]


def test_columns_flatten_row_after_row() -> None:
    from skillmap.db.bulk import Columns

    cols = Columns([[1, 2, 3], ["a", "b", "c"]])
    assert cols.flat() == [1, "a", 2, "b", 3, "c"]
    assert list(cols) == [(1, "a"), (2, "b"), (3, "c")]
    assert Columns([]).flat() == [] and list(Columns([])) == []


def test_bulk_cache_is_for_the_load_only(engine: Engine) -> None:
    from skillmap.db.bulk import BULK_CACHE_KB, bulk_cache

    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with bulk_cache(conn):  # nothing to do elsewhere
                return
        usual = conn.execute(text("PRAGMA cache_size")).scalar()
        with bulk_cache(conn):
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -BULK_CACHE_KB
        assert conn.execute(text("PRAGMA cache_size")).scalar() == usual == -65536
