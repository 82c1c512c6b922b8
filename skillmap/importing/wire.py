"""A parsed sheet on the wire: from the sandboxed reader process to the importer, trusting nothing.

:func:`~skillmap.importing.staff.parse_staff` runs in the child process that reads the untrusted workbook
(:mod:`skillmap.importing.reader`), so a hostile file that subverts the parser is still confined to that
process. The child sends its :class:`~skillmap.importing.staff.ParsedSheet` through a pipe, and the parent
unpickles it with a restricted unpickler that builds builtins and the ``datetime`` types only. Hence:

* :func:`encode_parsed` (in the child) turns a ``ParsedSheet`` into plain tuples, lists, dicts, strings,
  numbers, ``bytes`` and dates: the people go column by column (:class:`StaffRow` fields in field order),
  each column as a list of values and an int32 code per person into it (the distinct values of columns that
  repeat, such as agencies and units; every value of the others), each array of :class:`LevelColumns` a
  ``(dtype.str, bytes)`` pair, the mapping :meth:`StaffMapping.to_json`,
  a :class:`Problem` a tuple whose :class:`Term` parameters are tagged tuples (no other parameter value is a
  tuple, so they cannot be confused). The file name is not sent.
* :func:`decode_parsed` (in the parent) rebuilds it and treats every part as hostile. It raises
  ``ValueError`` (and nothing else) unless all of this holds:

  - the shape: a tagged, versioned tuple of the expected length; every container of the expected exact
    type and length; scalars of the declared type (a ``datetime`` is not a date, a ``bool`` is not an int);
  - every field has the type its dataclass declares (``str``, ``str | None``, ``int``, ``date | None``),
    every string is valid Unicode (no lone surrogates) of at most :data:`MAX_STR` characters, every row
    number and count lies in ``0..2**31-1`` and every other integer in the int64 range;
  - each array's dtype is exactly the one :class:`LevelColumns` uses (int32 person, int64 competency_id,
    int16 level, datetime64[D] assessed_on, int8 source, int32 row), its byte length a multiple of the item
    size, and all arrays have one length, as do the assessor and evidence lists when present;
  - ``person`` indexes ``employee_number``; each ``competency_id`` is the id of one of the ``competencies``
    the parent passes, and each level lies within that competency's ``scale_min..scale_max`` (the parser
    turns any other level into an error and leaves it out); ``source`` indexes :data:`SOURCES`; every
    assessment date is a real day of years 1–9999 (never NaT);
  - problems: a ``str`` key, a ``dict`` of parameters whose values are ``str``, ``int``, ``float``,
    ``bool``, ``None``, ``date`` or a tagged :class:`Term`; severity ``"error"`` or ``"warning"``.

  ``file`` of the rebuilt sheet and of each of its problems is the parent's own ``file`` argument.

Header lists in messages are :class:`Term` keys registered on the fly by the parser (``quoted:…``); the
child's registration is not the parent's, so such a term travels with its English and Spanish texts and
is registered on decoding, if its key is unknown here and its English text is the one the key names.

Both directions work column-wise where they can (``operator.attrgetter`` for the rows, distinct values
checked once, ``map(type, …)`` and numpy for the checks) so that a sheet of 500,000 people stays quick.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from itertools import filterfalse
from operator import attrgetter
from typing import Any, Final, get_type_hints

import numpy as np

from skillmap.i18n import register, tr
from skillmap.importing.model import SOURCES, CompetencyRef, LevelColumns, StaffMapping, StaffRow
from skillmap.importing.staff import ParsedSheet, bulk_objects
from skillmap.problems import Problem, Term

TAG: Final = "skillmap.parsed-sheet"
VERSION: Final = 1
MAX_STR: Final = 100_000  # characters of any one string (a spreadsheet cell holds at most 32,767)
ROW_MAX: Final = 2**31 - 1  # row numbers and counts (the arrays hold rows as int32)
INT_MAX: Final = 2**63 - 1
TERM_TAG: Final = "term"
QUOTED_PREFIX: Final = "quoted:"  # Term keys that skillmap.importing.staff registers on the fly

_NONE = type(None)
_EMPTY: Final = frozenset({""})
_EMPTY_OR_NONE: Final = frozenset({"", None})

# -- what the dataclasses look like: checked here, so a change to them cannot go unnoticed ----------------
_PARSED_FIELDS = ("file", "sheet", "header_row", "mapping", "staff", "levels", "problems", "skipped_rows",
                  "ignored_columns", "hidden_columns_ignored", "error_employee_numbers")
_LEVEL_FIELDS = ("employee_number", "person", "competency_id", "level", "assessed_on", "source", "row",
                 "assessor", "evidence")
_ARRAY_FIELDS = _LEVEL_FIELDS[1:7]
_PROBLEM_FIELDS = ("key", "params", "file", "sheet", "row", "column", "path", "severity")
_MAPPING_FIELDS = ("sheet", "header_row", "fields", "level_columns", "level_fields", "level_words",
                   "default_source", "assessed_on")
if (tuple(f.name for f in fields(ParsedSheet)) != _PARSED_FIELDS
        or tuple(f.name for f in fields(LevelColumns)) != _LEVEL_FIELDS
        or tuple(f.name for f in fields(Problem)) != _PROBLEM_FIELDS
        or tuple(f.name for f in fields(StaffMapping)) != _MAPPING_FIELDS):  # pragma: no cover
    raise ImportError("ParsedSheet, LevelColumns, Problem or StaffMapping changed: update skillmap.importing.wire")

#: The dtype of each array, as ``dtype.str``: the ones LevelColumns is made with (and the parser produces).
ARRAY_DTYPES: Final[dict[str, str]] = {name: getattr(LevelColumns(), name).dtype.str for name in _ARRAY_FIELDS}

_STAFF_NAMES: tuple[str, ...] = tuple(f.name for f in fields(StaffRow))
_STAFF_GETTER = attrgetter(*_STAFF_NAMES)
_KINDS: dict[Any, str] = {int: "row", str: "str", str | None: "str?", date | None: "date?"}
_hints = get_type_hints(StaffRow)
if any(_hints[n] not in _KINDS for n in _STAFF_NAMES):  # pragma: no cover
    raise ImportError("StaffRow has a field of a new type: update skillmap.importing.wire")
_STAFF_KINDS: tuple[str, ...] = tuple(_KINDS[_hints[n]] for n in _STAFF_NAMES)
del _hints

_DAY_MIN = int(np.datetime64(date.min, "D").astype(np.int64))
_DAY_MAX = int(np.datetime64(date.max, "D").astype(np.int64))


# -- encoding (in the child) ----------------------------------------------------------------------------------
def encode_parsed(p: ParsedSheet) -> tuple[Any, ...]:
    """``p`` as builtins, ``bytes`` and dates only (see the module docstring); ``p.file`` is not sent."""
    lv = p.levels
    levels = (
        list(lv.employee_number),
        *((getattr(lv, name).dtype.str, getattr(lv, name).tobytes()) for name in _ARRAY_FIELDS),
        None if lv.assessor is None else list(lv.assessor),
        None if lv.evidence is None else list(lv.evidence),
    )
    return (
        TAG, VERSION, p.sheet, p.header_row, p.mapping.to_json(),
        _encode_staff(p.staff),
        levels,
        [_encode_problem(q) for q in p.problems],
        p.skipped_rows, list(p.ignored_columns), list(p.hidden_columns_ignored), sorted(p.error_employee_numbers),
    )


# Columns that repeat enough to send as distinct values + codes; the others (identifiers and names, nearly
# all different) are sent whole: hashing every cell to find repeats costs the child more than it saves.
_REPEATING: Final = frozenset({"agency", "unit", "position_title", "grade", "birth_date", "hire_date",
                               "manager_employee_number", "role_profile"})


def _encode_staff(staff: list[StaffRow]) -> tuple[int, list[tuple[list[Any], bytes]]]:
    """The people column by column, each column as a list of values and an int32 code per person that
    indexes it. Columns that repeat (agencies, units, positions, grades, dates) list their distinct values
    in order of appearance, so fewer objects cross the pipe and the parent checks each once; the others list
    every value, coded 0, 1, 2, …"""
    rows = list(map(_STAFF_GETTER, staff))
    columns: Iterable[tuple[Any, ...]] = zip(*rows, strict=True) if rows else [()] * len(_STAFF_NAMES)
    identity = np.arange(len(rows), dtype=np.int32).tobytes()
    out: list[tuple[list[Any], bytes]] = []
    for name, column in zip(_STAFF_NAMES, columns, strict=True):
        if name not in _REPEATING:
            out.append((list(column), identity))
            continue
        index: dict[Any, int] = {}
        # each value's position of first appearance (in C), then those positions numbered 0, 1, 2, ...
        first = np.fromiter(map(index.setdefault, column, itertools.count()), dtype=np.int64, count=len(column))
        codes = np.searchsorted(np.fromiter(index.values(), dtype=np.int64, count=len(index)), first)
        out.append((list(index), codes.astype(np.int32).tobytes()))
    return len(rows), out


def _encode_problem(q: Problem) -> tuple[Any, ...]:
    params = {k: _encode_value(v) for k, v in q.params.items()}
    return (q.key, params, q.file is not None, q.sheet, q.row, q.column, q.path, q.severity)


def _encode_value(v: Any) -> Any:
    if isinstance(v, Term):
        if v.key.startswith(QUOTED_PREFIX):
            return (TERM_TAG, v.key, tr(v.key, "en"), tr(v.key, "es"))
        return (TERM_TAG, v.key)
    if isinstance(v, np.generic):
        v = v.item()
    if v is None or type(v) in (str, int, float, bool, date):
        return v
    if isinstance(v, str):
        return str(v)
    raise TypeError(f"problem parameter of type {type(v).__name__} cannot be sent")


# -- decoding (in the parent) ---------------------------------------------------------------------------------
def decode_parsed(data: object, competencies: Sequence[CompetencyRef], *, file: str) -> ParsedSheet:
    """The :class:`ParsedSheet` that ``data`` (from :func:`encode_parsed`, via the restricted unpickler)
    describes, with ``file`` as its file; ``ValueError`` if anything in it is malformed (see the module
    docstring for what is checked). Levels are checked against ``competencies`` (ids and scales)."""
    try:
        with bulk_objects():  # tens of thousands of rows: no collector passes while they are made
            return _decode(data, competencies, file)
    except ValueError as exc:
        if type(exc) is ValueError:
            raise
        raise ValueError(f"malformed parsed sheet: {type(exc).__name__}") from exc
    except Exception as exc:  # anything unforeseen in hostile data is still just malformed data
        raise ValueError(f"malformed parsed sheet: {type(exc).__name__}") from exc


def _decode(data: object, competencies: Sequence[CompetencyRef], file: str) -> ParsedSheet:
    if type(data) is not tuple or len(data) != 12:
        raise ValueError("not a parsed sheet")
    (tag, version, sheet, header_row, mapping, staff, levels, problems, skipped, ignored, hidden,
     error_numbers) = data
    if type(tag) is not str or tag != TAG or type(version) is not int or version != VERSION:
        raise ValueError("not a parsed sheet of this version")
    return ParsedSheet(
        file=file,
        sheet=_opt_str(sheet, "sheet"),
        header_row=_int(header_row, "header_row", 0, ROW_MAX),
        mapping=_mapping(mapping),
        staff=_staff(staff),
        levels=_levels(levels, competencies),
        problems=_problems(problems, file),
        skipped_rows=_int(skipped, "skipped_rows", 0, ROW_MAX),
        ignored_columns=_str_list(ignored, "ignored_columns"),
        hidden_columns_ignored=_str_list(hidden, "hidden_columns_ignored"),
        error_employee_numbers=frozenset(_str_list(error_numbers, "error_employee_numbers")),
    )


# scalars
def _int(v: object, what: str, low: int = -INT_MAX - 1, high: int = INT_MAX) -> int:
    if type(v) is not int:
        raise ValueError(f"{what}: not an integer")
    if not low <= v <= high:
        raise ValueError(f"{what}: out of range")
    return v


def _opt_int(v: object, what: str, low: int = -INT_MAX - 1, high: int = INT_MAX) -> int | None:
    return None if v is None else _int(v, what, low, high)


def _str(v: object, what: str) -> str:
    if type(v) is not str:
        raise ValueError(f"{what}: not a string")
    _strings((v,), what)
    return v


def _opt_str(v: object, what: str) -> str | None:
    return None if v is None else _str(v, what)


def _strings(values: Sequence[object], what: str, *, optional: bool = False) -> None:
    """Every one of ``values`` is a ``str`` (or None if ``optional``) of at most MAX_STR characters and
    valid Unicode (no lone surrogates). Column-wise, in C: ``str.join`` is the type check (it refuses
    anything but strings; a subclass of ``str`` would pass, which the restricted unpickler cannot build)."""
    items = list(filter(None, values))  # drops None and "" ... and any other false value: checked here
    if len(items) != len(values):
        try:
            empty = set(filterfalse(None, values))
        except TypeError:  # unhashable: an empty list or dict
            raise ValueError(f"{what}: wrong type") from None
        if not empty <= (_EMPTY_OR_NONE if optional else _EMPTY):
            raise ValueError(f"{what}: wrong type")
    try:
        joined = "".join(items)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"{what}: wrong type") from None
    if len(joined) > MAX_STR and max(map(len, items)) > MAX_STR:  # type: ignore[arg-type]
        raise ValueError(f"{what}: string too long")
    if not joined.isascii():  # O(1) in CPython
        try:
            joined.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{what}: string is not valid Unicode") from None


def _types(values: Iterable[object], allowed: frozenset[type], what: str) -> None:
    if not set(map(type, values)) <= allowed:
        raise ValueError(f"{what}: wrong type")


# containers
def _str_list(v: object, what: str) -> list[str]:
    if type(v) is not list:
        raise ValueError(f"{what}: not a list")
    _strings(v, what)
    return list(v)


def _opt_str_list(v: object, what: str, length: int) -> list[str | None] | None:
    if v is None:
        return None
    if type(v) is not list:
        raise ValueError(f"{what}: not a list")
    if len(v) != length:
        raise ValueError(f"{what}: length differs from the levels'")
    _strings(v, what, optional=True)
    return list(v)


def _str_dict(v: object, what: str) -> dict[str, str]:
    if type(v) is not dict:
        raise ValueError(f"{what}: not a dict")
    _strings(list(v), what)
    _strings(list(v.values()), what)
    return dict(v)


def _mapping(v: object) -> StaffMapping:
    if type(v) is not dict or set(v) != set(_MAPPING_FIELDS):
        raise ValueError("mapping: not a mapping")
    words = v["level_words"]
    if type(words) is not dict:
        raise ValueError("mapping.level_words: not a dict")
    _strings(list(words), "mapping.level_words")
    for n in words.values():
        _int(n, "mapping.level_words")
    day = v["assessed_on"]
    return StaffMapping(
        sheet=_opt_str(v["sheet"], "mapping.sheet"),
        header_row=_opt_int(v["header_row"], "mapping.header_row", 0, ROW_MAX),
        fields=_str_dict(v["fields"], "mapping.fields"),
        level_columns=_str_dict(v["level_columns"], "mapping.level_columns"),
        level_fields=_str_dict(v["level_fields"], "mapping.level_fields"),
        level_words=dict(words),
        default_source=_str(v["default_source"], "mapping.default_source"),
        assessed_on=None if day is None else date.fromisoformat(_str(day, "mapping.assessed_on")),
    )


def _staff(v: object) -> list[StaffRow]:
    if type(v) is not tuple or len(v) != 2:
        raise ValueError("staff: not people")
    n, columns = v
    n = _int(n, "staff", 0, ROW_MAX)
    if type(columns) is not list or len(columns) != len(_STAFF_NAMES):
        raise ValueError("staff: not columns")
    if not n:
        return []
    values = [_staff_column(c, name, kind, n) for c, name, kind in zip(columns, _STAFF_NAMES, _STAFF_KINDS,
                                                                         strict=True)]
    return list(map(StaffRow, *values))


def _staff_column(v: object, name: str, kind: str, n: int) -> list[Any]:
    """One column of :func:`_encode_staff`: distinct values checked once, then one per person."""
    what = f"staff.{name}"
    if type(v) is not tuple or len(v) != 2 or type(v[0]) is not list or type(v[1]) is not bytes:
        raise ValueError(f"{what}: not a column")
    distinct, raw = v
    if len(raw) != 4 * n:
        raise ValueError(f"{what}: not one value per person")
    codes = np.frombuffer(raw, dtype=np.int32)
    if not distinct or codes.min() < 0 or codes.max() >= len(distinct):
        raise ValueError(f"{what}: code out of range")
    if kind == "row":
        _types(distinct, frozenset({int}), what)
        if min(distinct) < 0 or max(distinct) > ROW_MAX:
            raise ValueError(f"{what}: out of range")
    elif kind == "date?":
        _types(distinct, frozenset({date, _NONE}), what)
    else:
        _strings(distinct, what, optional=kind == "str?")
    return list(map(distinct.__getitem__, codes.tolist()))


def _array(v: object, name: str) -> np.ndarray:
    if type(v) is not tuple or len(v) != 2:
        raise ValueError(f"levels.{name}: not an array")
    dtype_str, raw = v
    if type(dtype_str) is not str or dtype_str != ARRAY_DTYPES[name]:
        raise ValueError(f"levels.{name}: wrong dtype")
    if type(raw) is not bytes:
        raise ValueError(f"levels.{name}: not bytes")
    dtype = np.dtype(ARRAY_DTYPES[name])
    if len(raw) % dtype.itemsize:
        raise ValueError(f"levels.{name}: byte length not a multiple of the item size")
    return np.frombuffer(raw, dtype=dtype).copy()  # writable, owning its memory, as the parser makes them


def _levels(v: object, competencies: Sequence[CompetencyRef]) -> LevelColumns:
    if type(v) is not tuple or len(v) != len(_LEVEL_FIELDS):
        raise ValueError("levels: not level columns")
    employee_number = _str_list(v[0], "levels.employee_number")
    arrays = {name: _array(item, name) for name, item in zip(_ARRAY_FIELDS, v[1:7], strict=True)}
    n = len(arrays["level"])
    if any(len(a) != n for a in arrays.values()):
        raise ValueError("levels: arrays of different lengths")
    person, comp, level = arrays["person"], arrays["competency_id"], arrays["level"]
    days, source, row = arrays["assessed_on"], arrays["source"], arrays["row"]
    if n:
        if person.min() < 0 or person.max() >= len(employee_number):
            raise ValueError("levels.person: index out of range")
        ids, low, high = _scales(competencies)
        at = np.searchsorted(ids, comp)
        np.minimum(at, max(len(ids) - 1, 0), out=at)
        if not len(ids) or not np.array_equal(ids[at], comp):
            raise ValueError("levels.competency_id: not a competency of the active frameworks")
        if np.any(level < low[at]) or np.any(level > high[at]):
            raise ValueError("levels.level: outside the competency's scale")
        day = days.view(np.int64)
        if day.min() < _DAY_MIN or day.max() > _DAY_MAX:  # NaT is the int64 minimum
            raise ValueError("levels.assessed_on: not a date")
        if source.min() < 0 or source.max() >= len(SOURCES):
            raise ValueError("levels.source: out of range")
        if row.min() < 0:
            raise ValueError("levels.row: out of range")
    return LevelColumns(
        employee_number=employee_number, **arrays,
        assessor=_opt_str_list(v[7], "levels.assessor", n),
        evidence=_opt_str_list(v[8], "levels.evidence", n),
    )


def _scales(competencies: Sequence[CompetencyRef]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted distinct competency ids and the lowest and highest level of each (a repeated id: the widest)."""
    scale: dict[int, tuple[int, int]] = {}
    for c in competencies:
        lo, hi = scale.get(c.id, (c.scale_min, c.scale_max))
        scale[c.id] = (min(lo, c.scale_min), max(hi, c.scale_max))
    ids = sorted(scale)
    return (np.array(ids, dtype=np.int64), np.array([scale[i][0] for i in ids], dtype=np.int64),
            np.array([scale[i][1] for i in ids], dtype=np.int64))


def _problems(v: object, file: str) -> list[Problem]:
    if type(v) is not list:
        raise ValueError("problems: not a list")
    if not v:
        return []
    if set(map(type, v)) != {tuple} or set(map(len, v)) != {len(_PROBLEM_FIELDS)}:
        raise ValueError("problems: not problems")
    keys, params, has_file, sheets, rows, columns, paths, severities = zip(*v, strict=True)
    _strings(keys, "problem.key")
    _types(has_file, frozenset({bool}), "problem.file")
    for values, what in ((sheets, "problem.sheet"), (columns, "problem.column"), (paths, "problem.path")):
        _strings(values, what, optional=True)
    _types(rows, frozenset({int, _NONE}), "problem.row")
    numbers = [r for r in rows if r is not None]
    if numbers and (min(numbers) < 0 or max(numbers) > ROW_MAX):
        raise ValueError("problem.row: out of range")
    _strings(severities, "problem.severity")
    if not set(severities) <= {"error", "warning"}:
        raise ValueError("problem.severity: neither error nor warning")
    return [Problem(k, _params(p), file if f else None, s, r, c, path, sev)
            for k, p, f, s, r, c, path, sev in zip(keys, params, has_file, sheets, rows, columns, paths, severities,
                                                   strict=True)]


def _params(v: object) -> dict[str, Any]:
    if type(v) is not dict:
        raise ValueError("problem.params: not a dict")
    _strings(list(v), "problem.params")
    return {k: _value(x) for k, x in v.items()}


def _value(v: object) -> Any:
    t = type(v)
    if v is None or t is bool or t is date:
        return v
    if t is str:
        return _str(v, "problem.params")
    if t is int:
        return _int(v, "problem.params")
    if t is float:  # any float, NaN and infinities included, is harmless
        return v
    if t is tuple:
        return _term(v)  # type: ignore[arg-type]
    raise ValueError("problem.params: value of a disallowed type")


def _term(v: tuple[Any, ...]) -> Term:
    if len(v) not in (2, 4) or type(v[0]) is not str or v[0] != TERM_TAG:
        raise ValueError("problem.params: not a term")
    key = _str(v[1], "term.key")
    if len(v) == 2 and key.startswith(QUOTED_PREFIX):  # a header list always travels with its texts
        raise ValueError("term: a header list without its texts")
    if len(v) == 4:
        en, es = _str(v[2], "term.en"), _str(v[3], "term.es")
        if not key.startswith(QUOTED_PREFIX) or en != key[len(QUOTED_PREFIX):]:
            raise ValueError("term: texts for a key that does not name them")
        if tr(key, "en") == key:  # unknown here: register it, as the parser did in the child
            register({key: {"en": _literal(en), "es": _literal(es)}})
    return Term(key)


def _literal(text: str) -> str:
    """``text`` as a message that formats to itself."""
    return text.replace("{", "{{").replace("}", "}}")


__all__ = ["ARRAY_DTYPES", "MAX_STR", "TAG", "VERSION", "decode_parsed", "encode_parsed"]
