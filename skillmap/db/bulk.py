"""Bulk inserts straight to the driver: the path for imports and sample loading.

SQLAlchemy's ORM-enabled ``insert()`` with a list of dicts costs tens of microseconds a row; for millions
of rows we hand tuples to the driver: on SQLite ``executemany`` of a many-row ``INSERT`` (which takes an
iterator, so the rows need not exist all at once) and PostgreSQL's ``COPY`` (psycopg 3; several times
quicker than ``executemany``).
Values must already be what the column stores on that backend: :func:`date_values` and
:func:`timestamp_value` produce them (SQLite keeps dates as ISO text, exactly as SQLAlchemy's ``Date`` type
writes them; PostgreSQL takes ``date`` objects). Values that are the same for every row (the import batch,
the creation time) are passed once as ``constants``: SQLite then binds three parameters a row instead of ten.

:func:`reserve_ids` hands out primary keys before the rows exist, so that rows inserted together can point
to each other (a person's manager) without a second pass of updates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, text


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def date_values(conn: Connection, days: np.ndarray) -> list[Any]:
    """``datetime64[D]`` array → column values for a ``Date`` column on this backend."""
    days = days.astype("datetime64[D]")
    if is_sqlite(conn):
        return np.datetime_as_string(days, unit="D").tolist()
    return days.astype(object).tolist()


def date_list(conn: Connection, values: Sequence[date | None]) -> list[Any]:
    """Python dates (or ``None``) → column values for a ``Date`` column on this backend."""
    if is_sqlite(conn):  # a column repeats its dates: each is formatted once
        return list(map(_IsoDates().__getitem__, values))
    return list(values)


class _IsoDates(dict[date | None, str | None]):
    def __missing__(self, day: date | None) -> str | None:
        text = self[day] = day.isoformat() if day is not None else None
        return text


def timestamp_value(conn: Connection, value: datetime) -> Any:
    return value.isoformat(sep=" ") if is_sqlite(conn) else value


def _sql_literal(value: Any) -> str:
    """``value`` as a SQLite literal (numbers, text, NULL): for constants written into the statement."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


class Columns:
    """Rows given column by column for :func:`bulk_insert`: one list of values per column, all of one length
    (iterating gives the rows). SQLite then gets its parameters laid out row after row by slice assignment
    (in C), with no tuple per row."""

    def __init__(self, columns: Iterable[list[Any]]) -> None:
        self.columns = list(columns)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return zip(*self.columns, strict=True) if self.columns else iter(())

    def flat(self) -> list[Any]:
        """The values row after row: ``[r0c0, r0c1, …, r1c0, …]``."""
        width = len(self.columns)
        out: list[Any] = [None] * (len(self.columns[0]) * width if width else 0)
        for k, column in enumerate(self.columns):
            out[k::width] = column
        return out


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                chunk: int = 50_000, *, constants: Mapping[str, Any] | None = None) -> int:
    """``INSERT INTO table (columns, constants) VALUES (...)`` for every row; returns the row count.

    ``rows`` hold the values of ``columns`` in order (tuples; any iterable, consumed once; or
    :class:`Columns`, the quickest on SQLite); ``constants`` maps further columns to one value for every
    row. On PostgreSQL with psycopg 3 the rows go through ``COPY``; on SQLite through ``executemany`` of a
    statement of :data:`SQLITE_ROWS_PER_INSERT` rows, drawn from the iterable as it goes; other drivers get
    them ``chunk`` rows at a time."""
    consts = dict(constants or {})
    preparer = conn.dialect.identifier_preparer
    names = [*columns, *consts]
    cols = ", ".join(preparer.quote(c) for c in names)
    target = f"{preparer.format_table(table)} ({cols})"
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        if conn.dialect.name == "postgresql" and hasattr(cursor, "copy"):
            return _copy(cursor, target, rows, tuple(consts.values()))
        style = conn.dialect.paramstyle
        if style == "qmark":
            marks = ["?"] * len(columns)
        elif style in ("format", "pyformat"):
            marks = ["%s"] * len(columns)
        else:  # pragma: no cover - numeric/named drivers are not used by SkillMap
            raise ValueError(f"unsupported DBAPI paramstyle {style!r}")
        values = list(marks)
        extra: tuple[Any, ...] = ()
        if is_sqlite(conn):  # constants in the statement: fewer parameters to bind, row after row
            values += [_sql_literal(v) for v in consts.values()]
        else:
            values += [marks[0] if marks else "%s"] * len(consts)
            extra = tuple(consts.values())
        row_sql = f"({', '.join(values)})"
        sql = f"INSERT INTO {target} VALUES {row_sql}"
        if is_sqlite(conn) and columns and isinstance(rows, Columns):
            return _sqlite_multirow(cursor, f"INSERT INTO {target} VALUES ", row_sql, len(columns),
                                    _flat_blocks(rows.flat(), len(columns)))
        it = iter(rows) if not extra else (tuple(r) + extra for r in rows)
        if is_sqlite(conn) and columns:
            return _sqlite_multirow(cursor, f"INSERT INTO {target} VALUES ", row_sql, len(columns),
                                    _row_blocks(it, len(columns)))
        if is_sqlite(conn):  # sqlite3 draws the rows from the iterator one by one
            cursor.executemany(sql, it)
            return int(cursor.rowcount)
        total = 0
        while batch := list(islice(it, chunk)):
            cursor.executemany(sql, batch)
            total += len(batch)
        return total
    finally:
        cursor.close()


# Rows per INSERT on SQLite: one statement of many ``VALUES`` rows is stepped once for all of them, where
# ``executemany`` of a one-row statement binds, steps and resets it row by row; 200 rows a statement store
# 670,000 assessments in half the time. SQLite binds at most 32,766 parameters a statement.
SQLITE_ROWS_PER_INSERT = 200
_SQLITE_MAX_PARAMETERS = 32_766


def _rows_per_insert(width: int) -> int:
    return max(1, min(SQLITE_ROWS_PER_INSERT, _SQLITE_MAX_PARAMETERS // width))


def _sqlite_multirow(cursor: Any, head: str, row_sql: str, width: int, blocks: Iterator[list[Any]]) -> int:
    """``head`` + ``row_sql`` repeated for :func:`_rows_per_insert` rows a statement. ``blocks`` are the
    parameters of that many rows each, laid out row after row (the last may hold fewer): the full ones go
    through one ``executemany``, which draws them as it goes, the last through a statement of its size."""
    step = _rows_per_insert(width) * width
    last: list[list[Any]] = []

    def full() -> Iterator[list[Any]]:
        for block in blocks:
            if len(block) < step:
                last.append(block)
                return
            yield block

    cursor.executemany(head + ",".join([row_sql] * (step // width)), full())
    total = max(int(cursor.rowcount), 0)
    for block in last:
        if block:
            cursor.execute(head + ",".join([row_sql] * (len(block) // width)), block)
            total += len(block) // width
    return total


def _row_blocks(rows: Iterator[Sequence[Any]], width: int) -> Iterator[list[Any]]:
    """``rows`` as blocks for :func:`_sqlite_multirow`, drawn as they are needed."""
    per = _rows_per_insert(width)
    while block := list(islice(rows, per)):
        yield list(chain.from_iterable(block))


def _flat_blocks(flat: list[Any], width: int) -> Iterator[list[Any]]:
    """Parameters already laid out row after row, as blocks for :func:`_sqlite_multirow`."""
    step = _rows_per_insert(width) * width
    return (flat[i:i + step] for i in range(0, len(flat), step))


def _copy(cursor: Any, target: str, rows: Iterable[Sequence[Any]], extra: tuple[Any, ...]) -> int:
    total = 0
    with cursor.copy(f"COPY {target} FROM STDIN") as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write((*row, *extra))
                total += 1
        else:
            for row in rows:
                write(row)
                total += 1
    return total


def reserve_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """``n`` primary keys for rows of ``table`` about to be inserted, in increasing order.

    PostgreSQL draws them from the column's sequence. SQLite numbers on from the largest id: call it once
    the transaction has written (SQLite then holds the database's write lock, so no other connection can
    take the same numbers before this one inserts them)."""
    if n <= 0:
        return []
    pk = next(iter(table.primary_key.columns))
    if is_sqlite(conn):
        dbapi = conn.connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            raise RuntimeError("reserve_ids needs a transaction that has already written")
        top = conn.execute(text(f"SELECT max({pk.name}) FROM {table.name}")).scalar() or 0
        return list(range(top + 1, top + 1 + n))
    ids = conn.execute(text("SELECT nextval(pg_get_serial_sequence(:t, :c)) FROM generate_series(1, :n)"),
                       {"t": table.name, "c": pk.name, "n": n}).scalars().all()
    return sorted(ids)


BULK_CACHE_KB = 262_144  # page cache of a bulk load on SQLite (the engine's connections have 64 MB)


@contextmanager
def bulk_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a page cache of :data:`BULK_CACHE_KB` for a bulk load on ``conn``, the usual one again
    after: the rows and index entries of a large import stay in memory until the commit writes them, and
    its index builds sort there (670,000 assessments: about 0.15 s quicker). Memory is taken only as pages
    are used."""
    dbapi = conn.connection.dbapi_connection if is_sqlite(conn) else None
    if dbapi is None:
        yield
        return
    before = dbapi.execute("PRAGMA cache_size").fetchone()[0]
    dbapi.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
    try:
        yield
    finally:
        dbapi.execute(f"PRAGMA cache_size={int(before)}")


@contextmanager
def foreign_keys_vouched(conn: Connection) -> Iterator[bool]:
    """On SQLite, leave foreign keys unenforced in the transaction that follows on ``conn``; yields whether
    they are (never on PostgreSQL, nor if ``conn`` is already in a transaction: SQLite ignores the setting
    then). Restored on the way out.

    For bulk loads whose caller vouches for every reference it writes: ids it read inside that same
    transaction (SQLite has one writer, so nothing read after the transaction's first write can be deleted
    before it commits), ids it has just inserted, or ids it checks itself. Enforcement costs an index lookup
    per reference and row: a third of the time of storing 670,000 assessments.
    """
    dbapi = conn.connection.dbapi_connection if is_sqlite(conn) else None
    if dbapi is None or dbapi.in_transaction:
        yield False
        return
    dbapi.execute("PRAGMA foreign_keys=OFF")
    try:
        yield not dbapi.execute("PRAGMA foreign_keys").fetchone()[0]
    finally:
        dbapi.execute("PRAGMA foreign_keys=ON")


@contextmanager
def indexes_rebuilt_after(conn: Connection, table: Table, expected_rows: int,
                          threshold: int = 200_000) -> Iterator[None]:
    """On SQLite, drop ``table``'s secondary indexes for a large load and rebuild them afterwards.

    Building an index once over sorted data is far cheaper than maintaining it row by row (1.6M
    assessment rows: 12.3 s → 7.8 s here). SQLite DDL is transactional, so a load that fails or is
    cancelled rolls the indexes back too (keeping the import batch's index, which such a load only appends
    to, measured slower than rebuilding it as well). PostgreSQL keeps its indexes (dropping them would lock
    readers of a shared database out for the whole load).
    """
    if not is_sqlite(conn) or expected_rows < threshold:
        yield
        return
    indexes = sorted(table.indexes, key=lambda i: i.name or "")
    for index in indexes:
        index.drop(conn)
    yield
    for index in indexes:
        index.create(conn)


def bulk_update(conn: Connection, table: Table, set_columns: Sequence[str], key: str,
                rows: Sequence[Sequence[Any]], chunk: int = 50_000) -> int:
    """``UPDATE table SET c1 = ?, … WHERE key = ?`` for every row (values first, key last)."""
    if not rows:
        return 0
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    preparer = conn.dialect.identifier_preparer
    sets = ", ".join(f"{preparer.quote(c)} = {mark}" for c in set_columns)
    sql = f"UPDATE {preparer.format_table(table)} SET {sets} WHERE {preparer.quote(key)} = {mark}"
    for start in range(0, len(rows), chunk):
        conn.exec_driver_sql(sql, list(rows[start : start + chunk]))
    return len(rows)
