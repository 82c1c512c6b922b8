"""Import staff and competency levels: plan (what would change), commit (one transaction), undo.

A parsed file (:class:`~skillmap.importing.model.ParsedStaff`) becomes an :class:`ImportPlan` that lists
the people to add, the people whose recorded data differ (field by field), the people stored but missing
from the file, and the assessments to append. Nothing is written until :func:`commit_import`, which runs
in one transaction: the import lands whole or not at all, also if the process is killed. Every import is
recorded (file name and hash, who, when, counts) with what it changed, so :func:`undo_import` can take it
back as a whole.

Rules:
* People are matched by employee number. Only the fields the file maps are compared and updated; a field
  the file does not carry keeps its stored value (and unmapped columns are never stored).
* Assessments are appended, never overwritten. An assessment identical to one already stored (same person,
  competency, date, source and level) is not stored twice, so re-importing the same file adds nothing.
* Rows with errors are left out; the plan reports them and the caller decides to go on or cancel. Their
  people are in the file all the same: they are not reported as missing from it.

Speed (47,700 people and 670,000 levels in seconds): the plan reads the stored people once, as tuples, and
compares whole rows before fields; new people get their ids before they are stored, managers first, so
every manager link is written with the person; rows go to the driver as tuples (SQLite's ``executemany``,
PostgreSQL's ``COPY``), values shared by every row written once. On SQLite, whose single writer guarantees
that what the transaction has read stays there, foreign keys are vouched for by the import instead of
being looked up row by row (see :func:`~skillmap.db.bulk.foreign_keys_vouched`), and the assessment
indexes are rebuilt after a large load.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Select,
    String,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.bulk import (
    Columns,
    bulk_cache,
    bulk_insert,
    bulk_update,
    date_list,
    date_values,
    foreign_keys_vouched,
    indexes_rebuilt_after,
    reserve_ids,
    timestamp_value,
)
from skillmap.i18n import register, tr
from skillmap.importing.model import (
    SOURCES,
    CompetencyRef,
    LevelColumns,
    ParsedStaff,
    ParseRequest,
    StaffMapping,
    StaffRow,
)
from skillmap.importing.reader import ParsedWorkbook, parse_workbook
from skillmap.problems import InputError, Problem
from skillmap.tasks import Progress
from skillmap.textfold import fold, fold_many

register(
    {
        "imp.unknown_role": {
            "en": "role profile “{value}” is not in the active frameworks; the position is stored without one",
            "es": "el perfil de rol «{value}» no está en los marcos activos; el puesto se guarda sin perfil",
        },
        "imp.unknown_manager": {
            "en": "manager {value} is neither in this file nor in the database; stored without a manager",
            "es": "el jefe inmediato {value} no está en este archivo ni en la base de datos; "
                  "se guarda sin jefe inmediato",
        },
        "imp.levels_unknown_person": {
            "en": "employee {value} has levels but is neither in this file nor in the database",
            "es": "la persona con número de empleado {value} tiene niveles pero no está en este archivo "
                  "ni en la base de datos",
        },
        "imp.has_errors": {
            "en": "{count} rows have errors; fix them, skip them, or cancel",
            "es": "{count} filas tienen errores; corríjalas, omítalas o cancele",
        },
        "imp.nothing": {"en": "the file holds no people and no levels to import",
                        "es": "el archivo no contiene personas ni niveles para importar"},
        "imp.not_found": {"en": "there is no import number {id}", "es": "no existe la importación número {id}"},
        "imp.already_undone": {"en": "import {id} was already undone", "es": "la importación {id} ya se deshizo"},
        "imp.not_undoable": {"en": "import {id} (course catalogue) cannot be undone; edit or import the catalogue "
                                   "again instead",
                             "es": "la importación {id} (catálogo de cursos) no se puede deshacer; edite o importe "
                                   "de nuevo el catálogo"},
        "imp.later_import": {
            "en": "import {id} cannot be undone before import {later}, which changed the same people",
            "es": "la importación {id} no puede deshacerse antes que la {later}, que modificó a las mismas personas",
        },
        "imp.stale_plan": {
            "en": "the database changed since the import was planned (a competency of the file was removed); "
                  "plan the import again",
            "es": "la base de datos cambió desde que se planeó la importación (se eliminó una competencia del "
                  "archivo); vuelva a planear la importación",
        },
        "imp.step.people": {"en": "Storing people", "es": "Guardando personas"},
        "imp.step.levels": {"en": "Storing competency levels", "es": "Guardando niveles de competencia"},
        "imp.step.undo": {"en": "Undoing the import", "es": "Deshaciendo la importación"},
    }
)

# StaffRow attribute -> mapping field that carries it
ATTRIBUTE_FIELD: dict[str, tuple[str, ...]] = {
    "curp": ("curp",), "rfc": ("rfc",), "given_names": ("given_names", "full_name"),
    "first_surname": ("first_surname", "full_name"), "second_surname": ("second_surname", "full_name"),
    "agency": ("agency",), "unit": ("unit",), "position_title": ("position",), "grade": ("grade",),
    "birth_date": ("birth_date",), "hire_date": ("hire_date",), "email": ("email",),
    "manager_employee_number": ("manager_employee_number",), "role_profile": ("role_profile",),
}
DIRECT = ("curp", "rfc", "given_names", "first_surname", "second_surname", "position_title", "grade",
          "birth_date", "hire_date", "email")


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def competency_refs(engine: Engine) -> list[CompetencyRef]:
    """The competencies of the active frameworks, with their scale, for matching level columns."""
    with engine.connect() as conn:
        scale = {fid: (lo, hi) for fid, lo, hi in conn.execute(
            select(m.ScaleLevel.framework_id, func.min(m.ScaleLevel.level), func.max(m.ScaleLevel.level))
            .group_by(m.ScaleLevel.framework_id))}
        rows = conn.execute(
            select(m.Competency.id, m.Framework.code, m.Competency.code, m.Competency.name_en,
                   m.Competency.name_es, m.Framework.id)
            .join(m.Framework, m.Framework.id == m.Competency.framework_id)
            .where(m.Framework.active.is_(True))
            .order_by(m.Framework.code, m.Competency.category_id, m.Competency.sort_order)
        ).all()
    return [CompetencyRef(cid, fw, code, en, es, *scale.get(fid, (0, 4))) for cid, fw, code, en, es, fid in rows]


def parse_sheets(engine: Engine, path: str | Path, sheets: list[str], mapping: StaffMapping | None = None, *,
                 encoding: str | None = None, delimiter: str | None = None, today: date | None = None,
                 progress: Progress | None = None) -> ParsedWorkbook:
    """Read and parse ``sheets`` of ``path`` (in the order given; a CSV file is its one sheet) in the
    sandboxed reader children, against the active frameworks' competencies; ``mapping`` (copied for each
    sheet) is where detection starts. Use as a context manager and iterate: each sheet's
    :class:`~skillmap.importing.staff.ParsedSheet` comes as soon as it is parsed, so the caller plans and
    stores one sheet (:func:`plan_import`, :func:`commit_import`) while the next is still being parsed."""
    request = ParseRequest(tuple(competency_refs(engine)), mapping, today or date.today())
    return parse_workbook(path, sheets, request, encoding=encoding, delimiter=delimiter, progress=progress)


# -- the plan -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


SNAPSHOT = ("curp", "rfc", "given_names", "first_surname", "second_surname", "agency_id", "unit_id",
            "position_title", "role_profile_id", "grade", "birth_date", "hire_date", "email", "manager_id")


@dataclass
class PersonChange:
    staff_id: int
    row: StaffRow
    changes: list[FieldChange]
    previous: dict[str, Any] = field(default_factory=dict)  # stored values, for undo


@dataclass
class ImportPlan:
    file: str
    sha256: str
    sheet: str | None
    mapping: StaffMapping
    mapped_attributes: set[str]
    new_people: list[StaffRow] = field(default_factory=list)
    changed: list[PersonChange] = field(default_factory=list)
    unchanged: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # stored, same agencies, not in the file
    new_agencies: list[str] = field(default_factory=list)
    new_units: list[tuple[str, str]] = field(default_factory=list)
    levels_new: int = 0
    levels_already_stored: int = 0
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    skipped_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    # resolved while planning, used by commit
    _levels_keep: np.ndarray | None = None
    _level_staff_numbers: list[str] = field(default_factory=list)
    _parsed: ParsedStaff | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def counts(self) -> dict[str, int]:
        return {
            "new_people": len(self.new_people), "changed_people": len(self.changed), "unchanged_people":
            self.unchanged, "missing_people": len(self.missing), "new_agencies": len(self.new_agencies),
            "new_units": len(self.new_units), "levels_new": self.levels_new,
            "levels_already_stored": self.levels_already_stored, "rows_with_errors": len(self.bad_rows),
            "errors": len(self.errors), "warnings": len(self.problems) - len(self.errors),
            "skipped_rows": self.skipped_rows,
        }

    def to_json(self, lang: str | None = None, limit: int = 10_000) -> dict[str, Any]:
        def person(r: StaffRow) -> dict[str, Any]:
            return {"row": r.row, "employee_number": r.employee_number,
                    "name": " ".join(x for x in (r.given_names, r.first_surname, r.second_surname) if x)}

        return {
            "file": Path(self.file).name, "sha256": self.sha256, "sheet": self.sheet, "counts": self.counts(),
            "new_people": [person(r) for r in self.new_people[:limit]],
            "changed_people": [
                {**person(c.row), "changes": [{"field": f.field, "old": _jsonable(f.old), "new": _jsonable(f.new)}
                                              for f in c.changes]}
                for c in self.changed[:limit]
            ],
            "missing_people": [{"employee_number": n, "name": name} for n, name in self.missing[:limit]],
            "new_agencies": self.new_agencies, "new_units": [list(u) for u in self.new_units],
            "ignored_columns": self.ignored_columns,
            "problems": [p.to_json(lang) for p in self.problems[:limit]],
            "mapping": self.mapping.to_json(),
        }


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def _full_name(given: str, s1: str | None, s2: str | None) -> str:
    return " ".join(x for x in (given, s1, s2) if x)


@dataclass
class _Lookups:
    agencies: dict[str, int]  # folded code/short name/name -> id
    agency_names: dict[int, str]
    units: dict[tuple[int, str], int]  # (agency id, folded name or code) -> id
    unit_names: dict[int, str]
    profiles: dict[str, int]  # folded code/title -> role profile id
    profile_names: dict[int, str]


def _lookups(conn: Connection) -> _Lookups:
    agencies: dict[str, int] = {}
    names: dict[int, str] = {}
    for aid, code, short, name in conn.execute(select(m.Agency.id, m.Agency.code, m.Agency.short_name, m.Agency.name)):
        names[aid] = name
        for key in (code, short, name):
            if key:
                agencies.setdefault(fold(key), aid)
    units: dict[tuple[int, str], int] = {}
    unit_names: dict[int, str] = {}
    rows = conn.execute(
        select(m.Unit.id, m.Unit.agency_id, m.Unit.code, m.Unit.name).order_by(m.Unit.level, m.Unit.id)).all()
    keys = [key for _uid, _aid, code, name in rows for key in (name, code)]
    # thousands of names: folded in one pass, unless one holds a line break (which fold_many turns into a
    # space, and the file's names are folded by fold)
    folded = iter(fold_many(keys) if not any("\n" in k for k in keys) else list(map(fold, keys)))
    for uid, aid, _code, name in rows:
        unit_names[uid] = name
        for key in (next(folded), next(folded)):
            units.setdefault((aid, key), uid)
    profiles: dict[str, int] = {}
    pnames: dict[int, str] = {}
    for pid, code, ten, tes in conn.execute(
            select(m.RoleProfile.id, m.RoleProfile.code, m.RoleProfile.title_en, m.RoleProfile.title_es)
            .join(m.Framework, m.Framework.id == m.RoleProfile.framework_id).where(m.Framework.active.is_(True))):
        pnames[pid] = code
        for key in (code, ten, tes):
            if key:
                profiles.setdefault(fold(key), pid)
    return _Lookups(agencies, names, units, unit_names, profiles, pnames)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan or commit makes its tens of thousands of tuples.

    None of them is in a reference cycle, but their number triggers collections that walk every object
    alive, the whole workbook included, again and again. Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Folded(dict[str, str]):
    """:func:`fold` with a memory: a file repeats its agencies, units and profiles thousands of times."""

    def __missing__(self, text: str) -> str:
        value = self[text] = fold(text)
        return value


def plan_import(engine: Engine, parsed: ParsedStaff, *, sha256: str | None = None) -> ImportPlan:
    """Compare a parsed file with the database. Reads only; nothing is written."""
    mapped = {attr for attr, fields in ATTRIBUTE_FIELD.items() if any(f in parsed.mapping.fields for f in fields)}
    plan = ImportPlan(
        file=parsed.file, sha256=sha256 or (file_sha256(parsed.file) if Path(parsed.file).exists() else ""),
        sheet=parsed.sheet, mapping=parsed.mapping, mapped_attributes=mapped, problems=list(parsed.problems),
        bad_rows=set(parsed.error_rows), skipped_rows=parsed.skipped_rows,
        ignored_columns=list(parsed.ignored_columns), _parsed=parsed,
    )
    folded = _Folded()
    with _collector_paused(), engine.connect() as conn:
        look = _lookups(conn)
        numbers = [r.employee_number for r in parsed.staff]
        level_numbers = parsed.levels.employee_number
        wanted = list(dict.fromkeys([*numbers, *level_numbers]))
        stored = _stored_people(conn, wanted, mapped)
        # every stored person's number by id: their managers' numbers, and managers the file does not list
        number_of: dict[int, str] = {}
        if "manager_employee_number" in mapped:
            number_of = {sid: number for sid, number in _scan(conn, select(m.Staff.id, m.Staff.employee_number))}
        known_managers = set(number_of.values())

        new_agencies: dict[str, str] = {}
        new_units: dict[tuple[str, str], None] = {}
        file_numbers = set(numbers)
        fields = parsed.mapping.fields
        full_name_only = "full_name" in fields and not any(f in fields for f in NAME_PARTS)
        compare = _Comparer(mapped, look, number_of, full_name_only, folded, _stored_columns(mapped))
        check_roles = "role_profile" in mapped
        for r in parsed.staff:
            agency_id = look.agencies.get(folded[r.agency]) if r.agency else None
            if r.agency and agency_id is None:
                new_agencies.setdefault(folded[r.agency], r.agency)
            if r.unit and (agency_id is None or (agency_id, folded[r.unit]) not in look.units):
                new_units.setdefault((r.agency or "", r.unit), None)
            if check_roles and r.role_profile and folded[r.role_profile] not in look.profiles:
                plan.problems.append(Problem("imp.unknown_role", {"value": r.role_profile}, file=parsed.file,
                                             sheet=parsed.sheet, row=r.row, severity="warning",
                                             column=parsed.mapping.fields.get("role_profile")))
            boss = r.manager_employee_number
            if boss and boss not in file_numbers and boss not in stored and boss not in known_managers:
                plan.problems.append(Problem("imp.unknown_manager", {"value": boss},
                                             file=parsed.file, sheet=parsed.sheet, row=r.row, severity="warning",
                                             column=parsed.mapping.fields.get("manager_employee_number")))
            old = stored.get(r.employee_number)
            if old is None:
                plan.new_people.append(r)
                continue
            changes = compare(old, r)
            if changes:
                plan.changed.append(PersonChange(old[0], r, changes))
            else:
                plan.unchanged += 1
        if plan.changed:
            previous = _snapshots(conn, [c.staff_id for c in plan.changed])
            for c in plan.changed:
                c.previous = previous[c.staff_id]
        plan.new_agencies = list(new_agencies.values())
        plan.new_units = list(new_units)

        # people of the same agencies stored but not in this file (reported, never deleted); people whose
        # rows have errors are in the file, and are not missing
        if parsed.staff and "agency" in mapped:
            agency_ids = {look.agencies.get(folded[r.agency]) for r in parsed.staff if r.agency}
            agency_ids.discard(None)
            in_file = file_numbers | set(getattr(parsed, "error_employee_numbers", ()))
            if agency_ids:
                for num, given, s1, s2 in conn.execute(
                        select(m.Staff.employee_number, m.Staff.given_names, m.Staff.first_surname,
                               m.Staff.second_surname)
                        .where(m.Staff.agency_id.in_(agency_ids), m.Staff.active.is_(True))
                        .order_by(m.Staff.employee_number)):
                    if num not in in_file:
                        plan.missing.append((num, _full_name(given, s1, s2)))

        _plan_levels(conn, plan, parsed, stored, file_numbers)
    plan.problems.sort(key=lambda p: (p.severity != "error", p.row or 0))
    return plan


NAME_PARTS = ("given_names", "first_surname", "second_surname")


def _scan(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """All rows of a parameterless ``query``, as tuples straight from the driver: a scan of a large table
    is faster so than through SQLAlchemy's rows. Dates, which SQLite stores as text, become dates."""
    compiled = query.compile(dialect=conn.dialect)
    assert not compiled.params, "_scan is for queries without parameters"
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(str(compiled))
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    finally:
        cursor.close()
    if conn.dialect.name == "sqlite":
        dates = [i for i, c in enumerate(query.selected_columns) if isinstance(c.type, Date)]
        if dates and rows:
            parse = _IsoDays()
            columns = [list(c) for c in zip(*rows, strict=True)]
            for i in dates:
                columns[i] = list(map(parse.__getitem__, columns[i]))
            rows = list(zip(*columns, strict=True))
    return rows


class _IsoDays(dict[str | None, date | None]):
    def __missing__(self, text: str | None) -> date | None:
        day = self[text] = date.fromisoformat(text) if text else None
        return day


# stored columns the comparison needs, by mapped attribute
_COMPARED: dict[str, tuple[str, ...]] = {
    **{a: (a,) for a in DIRECT}, "agency": ("agency_id",), "unit": ("agency_id", "unit_id"),
    "manager_employee_number": ("manager_id",), "role_profile": ("role_profile_id",),
}


def _stored_columns(mapped: set[str]) -> list[str]:
    """The staff columns :func:`_stored_people` reads: id, number, names and what the mapped fields need."""
    names = dict.fromkeys(["id", "employee_number", *NAME_PARTS])
    for attr in sorted(mapped):
        names.update(dict.fromkeys(_COMPARED.get(attr, ())))
    return list(names)


def _stored_people(conn: Connection, numbers: list[str], mapped: set[str]) -> dict[str, Any]:
    """Stored rows of the people a file names, by employee number: the columns of :func:`_stored_columns`.

    A small file asks for its people by number; a large one reads the staff table once (compiling
    ``IN`` lists of thousands of parameters costs more than the scan).
    """
    if not numbers:
        return {}
    table = m.Staff.__table__
    query = select(*(table.c[c] for c in _stored_columns(mapped)))
    if len(numbers) > 2000:
        wanted = set(numbers)
        return {r[1]: r for r in _scan(conn, query) if r[1] in wanted}
    return {r[1]: tuple(r) for r in conn.execute(query.where(table.c.employee_number.in_(numbers)))}


def _snapshots(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The :data:`SNAPSHOT` columns of stored people (what undo puts back), by id."""
    table = m.Staff.__table__
    query = select(table.c.id, *(table.c[c] for c in SNAPSHOT))
    out: dict[int, dict[str, Any]] = {}
    if len(ids) > 2000:
        wanted = set(ids)
        rows: Iterable[Any] = (r for r in _scan(conn, query) if r[0] in wanted)
    else:
        rows = conn.execute(query.where(table.c.id.in_(ids))).fetchall()
    for r in rows:
        out[r[0]] = dict(zip(SNAPSHOT, r[1:], strict=True))
    return out


class _Comparer:
    """The field-level differences between a stored person (a row of :func:`_stored_people`) and the file's
    row, for the mapped fields only. Rows whose compared values are all equal are recognised with one tuple
    comparison; only the others are looked at field by field."""

    def __init__(self, mapped: set[str], look: _Lookups, number_of: dict[int, str], full_name_only: bool,
                 folded: _Folded, columns: list[str]):
        self.look, self.number_of, self.full_name_only, self.folded = look, number_of, full_name_only, folded
        self.direct = [a for a in DIRECT if a in mapped and not (full_name_only and a in NAME_PARTS)]
        self.agency = "agency" in mapped
        self.unit = "unit" in mapped
        self.manager = "manager_employee_number" in mapped
        self.role = "role_profile" in mapped
        # values compared as they are: names and the direct fields
        plain = list(dict.fromkeys([*NAME_PARTS, *self.direct]))
        self.new_plain = attrgetter(*plain)
        self.old_plain = itemgetter(*(columns.index(a) for a in plain))
        self.columns = columns

    def __call__(self, stored: tuple[Any, ...], r: StaffRow) -> list[FieldChange]:
        changes = []
        folded = self.folded
        look = self.look
        old = _Row(zip(self.columns, stored, strict=True)) if (self.agency or self.unit or self.manager or self.role
                                                               ) else None
        if self.new_plain(r) != self.old_plain(stored):
            old = old or _Row(zip(self.columns, stored, strict=True))
            if self.full_name_only and (r.given_names, r.first_surname, r.second_surname) != (
                    old.given_names, old.first_surname, old.second_surname):
                # A single full-name column cannot say where given names end and surnames begin
                # ("María del Carmen Martínez"): compare the whole name, keep the stored split when it matches.
                before = _full_name(old.given_names, old.first_surname, old.second_surname)
                after = _full_name(r.given_names, r.first_surname, r.second_surname)
                if fold(" ".join(before.split())) != fold(" ".join(after.split())):
                    changes += [FieldChange(a, old[a], getattr(r, a)) for a in NAME_PARTS
                                if (getattr(r, a) or None) != (old[a] or None)]
            for attr in self.direct:
                new = getattr(r, attr)
                if (new or None) != (old[attr] or None):
                    changes.append(FieldChange(attr, old[attr], new))
        if old is None:
            return changes
        if self.agency and r.agency:
            aid = look.agencies.get(folded[r.agency])
            if aid != old.agency_id:
                changes.append(FieldChange("agency", look.agency_names.get(old.agency_id), r.agency))
        if self.unit and r.unit:
            aid = look.agencies.get(folded[r.agency]) if r.agency else old.agency_id
            uid = look.units.get((aid, folded[r.unit])) if aid else None
            if uid != old.unit_id:
                changes.append(FieldChange("unit", look.unit_names.get(old.unit_id), r.unit))
        if self.manager:
            old_manager = self.number_of.get(old.manager_id) if old.manager_id else None
            if (r.manager_employee_number or None) != old_manager:
                changes.append(FieldChange("manager_employee_number", old_manager, r.manager_employee_number))
        if self.role and r.role_profile:
            pid = look.profiles.get(folded[r.role_profile])
            if pid is not None and pid != old.role_profile_id:
                changes.append(FieldChange("role_profile", look.profile_names.get(old.role_profile_id),
                                           r.role_profile))
        return changes


class _Row(dict[str, Any]):
    """A stored row by column name, also as attributes (``row.agency_id``)."""

    __getattr__ = dict.__getitem__


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For integer ``keys``: the distinct keys, and the positions of each one's elements as
    ``order[starts[k]:starts[k + 1]]`` (stable: in their original order)."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    cut = np.flatnonzero(sk[1:] != sk[:-1]) + 1 if sk.size else np.zeros(0, np.int64)
    starts = np.r_[0, cut, sk.size] if sk.size else np.zeros(1, np.int64)
    return sk[starts[:-1]] if sk.size else sk, order, starts


def _plan_levels(conn: Connection, plan: ImportPlan, parsed: ParsedStaff, stored: dict[str, Any],
                 file_numbers: set[str]) -> None:
    lv = parsed.levels
    if not len(lv):
        return
    known = np.array([(n in file_numbers) or (n in stored) for n in lv.employee_number], dtype=bool)
    if not known.all():
        persons, order, starts = _groups(lv.person[~known[lv.person]])
        rows = lv.row[~known[lv.person]]
        for k, i in enumerate(persons.tolist()):
            mine = rows[order[starts[k]:starts[k + 1]]]
            plan.problems.append(Problem("imp.levels_unknown_person", {"value": lv.employee_number[i]},
                                         file=parsed.file, sheet=parsed.sheet, row=int(mine[0])))
            plan.bad_rows.update(mine.tolist())
    keep = known[lv.person]
    # identical assessments already stored are not stored twice
    stored_ids = {n: stored[n][0] for n in lv.employee_number if n in stored}
    if stored_ids:
        person_ids = np.array([stored_ids.get(n, -1) for n in lv.employee_number], dtype=np.int64)[lv.person]
        candidates = np.flatnonzero(keep & (person_ids >= 0))
        existing = _stored_assessments(conn, list(stored_ids.values()))
        if candidates.size and existing is not None:
            new = (person_ids[candidates], lv.competency_id[candidates].astype(np.int64),
                   lv.assessed_on[candidates].astype("datetime64[D]").astype(np.int64),
                   lv.source[candidates].astype(np.int64), lv.level[candidates].astype(np.int64))
            found = _rows_in(new, existing)
            keep[candidates[found]] = False
            plan.levels_already_stored += int(found.sum())
    plan._levels_keep = keep
    plan.levels_new = int(keep.sum())


_AssessmentKeys = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _stored_assessments(conn: Connection, staff_ids: list[int]) -> _AssessmentKeys | None:
    """(staff, competency, day number, source index, level) of the stored assessments of ``staff_ids``, as
    arrays; None if there are none. Dates are read as text on SQLite and parsed by numpy at once."""
    table = m.Assessment.__table__
    day = table.c.assessed_on
    columns = select(table.c.staff_id, table.c.competency_id,
                     type_coerce(day, String) if conn.dialect.name == "sqlite" else day,
                     table.c.source, table.c.level)
    rows: list[Any]
    if len(staff_ids) > 2000:  # one scan, filtered here, beats an IN list of thousands
        rows = _scan(conn, columns)
        wanted = np.array(sorted(staff_ids), dtype=np.int64)
    else:
        rows = conn.execute(columns.where(table.c.staff_id.in_(staff_ids))).all()
        wanted = None
    if not rows:
        return None
    sid, cid, on, src, level = zip(*rows, strict=True)
    staff = np.array(sid, dtype=np.int64)
    sel = np.isin(staff, wanted) if wanted is not None else np.ones(len(staff), dtype=bool)
    source_index = {s: i for i, s in enumerate(SOURCES)}
    sources = np.array([source_index.get(str(getattr(s, "value", s)), -1) for s in src], dtype=np.int64)
    days = np.array(on, dtype="datetime64[D]").astype(np.int64)
    return (staff[sel], np.array(cid, dtype=np.int64)[sel], days[sel], sources[sel],
            np.array(level, dtype=np.int64)[sel])


def _rows_in(new: _AssessmentKeys, existing: _AssessmentKeys) -> np.ndarray:
    """Which rows of ``new`` (parallel key columns) are also rows of ``existing``: packed into one int64
    key per row when the values fit (they do in practice), else compared as tuples."""
    low = [min(int(a.min()), int(b.min())) for a, b in zip(new, existing, strict=True)]
    high = [max(int(a.max()), int(b.max())) for a, b in zip(new, existing, strict=True)]
    bits = [max((h - lo).bit_length(), 1) for lo, h in zip(low, high, strict=True)]
    if sum(bits) <= 63:
        def pack(cols: _AssessmentKeys) -> np.ndarray:
            key = np.zeros(len(cols[0]), dtype=np.int64)
            for col, lo, b in zip(cols, low, bits, strict=True):
                key = (key << b) | (col - lo)
            return key
        return np.isin(pack(new), pack(existing))
    seen = set(zip(*(c.tolist() for c in existing), strict=True))
    return np.fromiter((t in seen for t in zip(*(c.tolist() for c in new), strict=True)), dtype=bool,
                       count=len(new[0]))


# -- commit -------------------------------------------------------------------------------------------
@dataclass
class ImportOutcome:
    batch_id: int
    counts: dict[str, int]


STAFF_COLUMNS = ("id", "employee_number", "curp", "rfc", "given_names", "first_surname", "second_surname",
                 "agency_id", "unit_id", "position_title", "role_profile_id", "grade", "birth_date", "hire_date",
                 "email", "manager_id")
LEVEL_CHUNK = 100_000  # assessments per progress report (and chance to cancel)
# New people at or above which the staff table's secondary indexes are rebuilt after the insert instead of
# maintained row by row (47,700 people: 1.0 s → 0.65 s; rebuilding takes 25 ms an index).
STAFF_INDEX_REBUILD = 20_000


def _manager_order(boss: list[int]) -> tuple[list[int], list[int]]:
    """Insertion order for new people so that each one's manager, when also new, is stored first:
    ``(order, looped)``. ``boss[k]`` is the index of person ``k``'s manager among the new people, or -1.
    People in a manager loop (A reports to B, B to A) are returned apart, in file order: they are stored
    first without a manager and linked once all exist. One walk up each chain: linear time."""
    n = len(boss)
    state = bytearray(n)  # 0 not seen, 1 on the chain being walked, 2 placed
    order: list[int] = []
    looped: list[int] = []
    for start in range(n):
        chain: list[int] = []
        j = start
        while j >= 0 and state[j] == 0:
            state[j] = 1
            chain.append(j)
            j = boss[j]
        if j >= 0 and state[j] == 1:  # the chain ran into itself: a loop from j on
            cut = chain.index(j)
            looped.extend(chain[cut:])
            for k in chain[cut:]:
                state[k] = 2
            del chain[cut:]
        for k in reversed(chain):  # the manager end of the chain first
            state[k] = 2
            order.append(k)
    return order, sorted(looped)


def _ids_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, int]:
    """Stored people's ids by employee number (small sets by ``IN``, large ones by one scan)."""
    wanted = set(numbers)
    if not wanted:
        return {}
    query = select(m.Staff.employee_number, m.Staff.id)
    if len(wanted) > 2000:
        return {n: i for n, i in _scan(conn, query) if n in wanted}
    return dict(conn.execute(query.where(m.Staff.employee_number.in_(list(wanted)))).all())


def _free_code(taken: set[str], name: str) -> str:
    base = "".join(ch for ch in fold(name).upper() if ch.isalnum())[:12] or "AGENCY"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    return code


def _constant(values: np.ndarray) -> bool:
    return bool(values.size) and bool((values == values[0]).all())


def commit_import(engine: Engine, plan: ImportPlan, *, actor: str | None = None,
                  progress: Progress | None = None) -> ImportOutcome:
    """Store ``plan`` in one transaction (rows with errors are left out)."""
    progress = progress or Progress()
    parsed = plan._parsed
    assert parsed is not None
    if not plan.new_people and not plan.changed and not plan.levels_new and not plan.unchanged:
        raise InputError([Problem("imp.nothing", {}, file=plan.file)])
    total = len(plan.new_people) + len(plan.changed) + plan.levels_new + 1
    done = 0

    def step(n: int, key: str) -> None:
        nonlocal done
        done += n
        progress.report(done, total, tr(key))

    now = utcnow()
    counts = plan.counts()
    folded = _Folded()
    # Every reference written below is to a row read or inserted in this transaction, except competencies,
    # which are checked: on SQLite the per-row foreign key lookups are left out.
    with (_collector_paused(), engine.connect() as conn, bulk_cache(conn), foreign_keys_vouched(conn),
          conn.begin()):
        batch_id = conn.execute(insert(m.ImportBatch).values(
            kind="staff", file_name=Path(plan.file).name, file_sha256=plan.sha256, imported_by=actor,
            started_at=now, status="running", counts=counts)).inserted_primary_key[0]  # type: ignore[index]
        _check_competencies(conn, plan)  # after the first write: on SQLite what is read now stays till the end
        changes: list[dict[str, Any]] = []
        look = _lookups(conn)
        created_at = timestamp_value(conn, now)
        created: list[tuple[str, int]] = []  # (entity type, id) of the rows this import adds

        # agencies and units the file names for the first time
        if plan.new_agencies:
            taken = set(conn.execute(select(m.Agency.code)).scalars())
            rows: list[tuple[Any, ...]] = []
            for name, aid in zip(plan.new_agencies, reserve_ids(conn, m.Agency.__table__, len(plan.new_agencies)),
                                 strict=True):
                code = _free_code(taken, name)
                taken.add(code)
                rows.append((aid, code, name))
                look.agencies[folded[name]] = aid
                look.agency_names[aid] = name
                created.append(("agency", aid))
            bulk_insert(conn, m.Agency.__table__, ("id", "code", "name"), rows)
        if plan.new_units:
            rows = []
            for agency_name, unit_name in plan.new_units:
                aid = look.agencies.get(folded[agency_name]) if agency_name else None
                if aid is None or (aid, folded[unit_name]) in look.units:
                    continue
                code = f"U{len(look.units) + 1:05d}"
                look.units[(aid, folded[unit_name])] = -1  # id below
                rows.append([0, aid, code, unit_name])
            for row, uid in zip(rows, reserve_ids(conn, m.Unit.__table__, len(rows)), strict=True):
                row[0] = uid
                look.units[(row[1], folded[row[3]])] = uid
                created.append(("unit", uid))
            bulk_insert(conn, m.Unit.__table__, ("id", "agency_id", "code", "name"), rows, constants={"level": 1})

        places: dict[tuple[str | None, str | None], tuple[int | None, int | None]] = {}

        def place(r: StaffRow) -> tuple[int | None, int | None]:
            found = places.get((r.agency, r.unit))
            if found is None:
                aid = look.agencies.get(folded[r.agency]) if r.agency else None
                uid = look.units.get((aid, folded[r.unit])) if (aid and r.unit) else None
                found = places[(r.agency, r.unit)] = (aid, uid)
            return found

        # new people, with their ids known beforehand: managers are stored before the people they manage,
        # so every manager link is written with the person, in one pass
        new = plan.new_people
        position = {r.employee_number: k for k, r in enumerate(new)}
        boss = [position.get(r.manager_employee_number, -1) if r.manager_employee_number else -1 for r in new]
        order, looped = _manager_order(boss)
        sequence = looped + order
        new_ids = [0] * len(new)
        for k, sid in zip(sequence, reserve_ids(conn, m.Staff.__table__, len(new)), strict=True):
            new_ids[k] = sid
        id_of = dict(zip((r.employee_number for r in new), new_ids, strict=True))
        outside = {r.manager_employee_number for r in new if r.manager_employee_number} - id_of.keys()
        outside |= {c.row.manager_employee_number for c in plan.changed if c.row.manager_employee_number}
        id_of.update(_ids_by_number(conn, outside - id_of.keys()))
        births = date_list(conn, [r.birth_date for r in new])
        hires = date_list(conn, [r.hire_date for r in new])
        profiles = look.profiles
        in_loop = set(looped)

        def person_columns() -> Columns:
            """The new people in ``sequence`` (managers first), column by column."""
            ordered = [new[k] for k in sequence]
            at = [place(r) for r in ordered]
            return Columns([
                [new_ids[k] for k in sequence],
                [r.employee_number for r in ordered], [r.curp for r in ordered], [r.rfc for r in ordered],
                [r.given_names for r in ordered], [r.first_surname for r in ordered],
                [r.second_surname for r in ordered], [a for a, _u in at], [u for _a, u in at],
                [r.position_title for r in ordered],
                [profiles.get(folded[r.role_profile]) if r.role_profile else None for r in ordered],
                [r.grade for r in ordered], [births[k] for k in sequence], [hires[k] for k in sequence],
                [r.email for r in ordered],
                [None if k in in_loop or not r.manager_employee_number else id_of.get(r.manager_employee_number)
                 for k, r in zip(sequence, ordered, strict=True)],
            ])

        with indexes_rebuilt_after(conn, m.Staff.__table__, len(new), threshold=STAFF_INDEX_REBUILD):
            bulk_insert(conn, m.Staff.__table__, STAFF_COLUMNS, person_columns(), constants={
                "active": True, "import_batch_id": batch_id, "version": 1, "created_at": created_at,
                "updated_at": created_at})
        created += [("staff", i) for i in new_ids]
        # undo records for created rows go straight to the driver (tens of thousands at a time)
        bulk_insert(conn, m.ImportChange.__table__, ("entity_type", "entity_id"), created,
                    constants={"import_batch_id": batch_id, "action": "created"})
        step(len(new), "imp.step.people")

        # changed people: remember what they were, then update the changed fields (one executemany)
        if plan.changed:
            rows_changed = []
            for c in plan.changed:
                values = dict(c.previous)
                for ch in c.changes:
                    if ch.field in DIRECT:
                        values[ch.field] = ch.new
                    elif ch.field == "agency":
                        values["agency_id"] = place(c.row)[0]
                    elif ch.field == "unit":
                        values["unit_id"] = place(c.row)[1]
                    elif ch.field == "role_profile":
                        values["role_profile_id"] = look.profiles.get(folded[c.row.role_profile or ""])
                values.pop("manager_id")  # set below, once every person exists
                rows_changed.append({"sid": c.staff_id, **{f"v_{k}": v for k, v in values.items()}})
                changes.append({"entity_type": "staff", "entity_id": c.staff_id, "action": "updated",
                                "previous": {k: _jsonable(v) for k, v in c.previous.items()}})
            table = m.Staff.__table__
            columns = [k for k in SNAPSHOT if k != "manager_id"]
            stmt = (update(table).where(table.c.id == bindparam("sid"))
                    .values(**{k: bindparam(f"v_{k}") for k in columns}, version=table.c.version + 1,
                            updated_at=now))
            conn.execute(stmt, rows_changed)
        step(len(plan.changed), "imp.step.people")

        # managers of changed people, and of new people in a manager loop, once everyone exists
        if "manager_employee_number" in plan.mapped_attributes:
            relink = [(id_of.get(c.row.manager_employee_number) if c.row.manager_employee_number else None,
                       c.staff_id) for c in plan.changed
                      if any(f.field == "manager_employee_number" for f in c.changes)]
            relink += [(id_of.get(new[k].manager_employee_number), new_ids[k]) for k in looped]
            bulk_update(conn, m.Staff.__table__, ("manager_id",), "id", relink)

        if changes:
            conn.execute(insert(m.ImportChange), [{**c, "import_batch_id": batch_id} for c in changes])

        # competency levels, appended
        keep = plan._levels_keep
        if keep is not None and keep.any():
            _store_levels(conn, parsed.levels, keep, id_of, batch_id, created_at, step)

        final = {**counts, "people_added": len(plan.new_people), "people_updated": len(plan.changed),
                 "levels_added": plan.levels_new}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="done", finished_at=utcnow(), counts=final))
        conn.execute(insert(m.AuditLog).values(actor=actor, action="import_staff", entity_type="import_batch",
                                               entity_id=batch_id, details={"file": Path(plan.file).name,
                                                                            "sha256": plan.sha256, **final}))
        progress.report(total, total, "")
    return ImportOutcome(batch_id, final)


def _check_competencies(conn: Connection, plan: ImportPlan) -> None:
    """The competencies of the levels to store still exist (the plan was made outside this transaction)."""
    keep = plan._levels_keep
    if plan._parsed is None or keep is None or not keep.any():
        return
    wanted = {int(c) for c in np.unique(plan._parsed.levels.competency_id[keep])}
    found = set(conn.execute(select(m.Competency.id).where(m.Competency.id.in_(wanted))).scalars())
    if wanted - found:
        raise InputError([Problem("imp.stale_plan", {}, file=plan.file)])


def _store_levels(conn: Connection, lv: LevelColumns, keep: np.ndarray, id_of: dict[str, int], batch_id: int,
                  created_at: Any, step: Callable[[int, str], None]) -> None:
    """Append the kept assessments: sorted as the main index is, columns that hold one value for every row
    passed once, the others bound row by row."""
    staff_ids = {**_ids_by_number(conn, set(lv.employee_number) - id_of.keys()), **id_of}
    person_ids = np.array([staff_ids.get(n, -1) for n in lv.employee_number], dtype=np.int64)[lv.person]
    sel = np.flatnonzero(keep & (person_ids >= 0))
    sel = sel[np.lexsort((lv.competency_id[sel], person_ids[sel]))]  # index order
    source = lv.source[sel]
    days = lv.assessed_on[sel].astype("datetime64[D]")
    constants: dict[str, Any] = {"import_batch_id": batch_id, "created_at": created_at}
    varying: list[tuple[str, Callable[[np.ndarray], list[Any]]]] = [
        ("staff_id", lambda part: person_ids[part].tolist()),
        ("competency_id", lambda part: lv.competency_id[part].tolist()),
        ("level", lambda part: lv.level[part].astype(np.int64).tolist()),
    ]
    sources = np.array(SOURCES, dtype=object)
    if _constant(source):
        constants["source"] = SOURCES[int(source[0])]
        constants["validated"] = SOURCES[int(source[0])] != "self"
    else:
        varying.append(("source", lambda part: sources[lv.source[part]].tolist()))
        varying.append(("validated", lambda part: (lv.source[part] != SOURCES.index("self")).tolist()))
    if _constant(days):
        constants["assessed_on"] = date_values(conn, days[:1])[0]
    else:
        distinct, inverse = np.unique(days, return_inverse=True)
        values = np.array([*date_values(conn, distinct), None], dtype=object)
        day_code = np.full(len(lv), len(distinct), dtype=np.int64)
        day_code[sel] = inverse.reshape(-1)
        varying.append(("assessed_on", lambda part: values[day_code[part]].tolist()))
    for name, texts in (("assessor", lv.assessor), ("evidence", lv.evidence)):
        if texts is None:
            constants[name] = None
        else:
            column = np.array(texts, dtype=object)
            varying.append((name, lambda part, column=column: column[part].tolist()))
    names = [name for name, _ in varying]
    with indexes_rebuilt_after(conn, m.Assessment.__table__, len(sel)):
        for start in range(0, len(sel), LEVEL_CHUNK):
            part = sel[start:start + LEVEL_CHUNK]
            bulk_insert(conn, m.Assessment.__table__, names, Columns(get(part) for _, get in varying),
                        constants=constants)
            step(len(part), "imp.step.levels")


# -- undo and history ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportSummary:
    id: int
    kind: str
    file_name: str | None
    sha256: str | None
    imported_by: str | None
    started_at: Any
    status: str
    counts: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["started_at"] = self.started_at.isoformat(sep=" ", timespec="seconds") if self.started_at else None
        return d


def list_imports(engine: Engine) -> list[ImportSummary]:
    with engine.connect() as conn:
        rows = conn.execute(select(m.ImportBatch).order_by(m.ImportBatch.id.desc())).all()
    return [ImportSummary(r.id, r.kind, r.file_name, r.file_sha256, r.imported_by, r.started_at, r.status,
                          dict(r.counts or {})) for r in rows]


def undo_import(engine: Engine, batch_id: int, *, actor: str | None = None,
                progress: Progress | None = None) -> dict[str, int]:
    """Take an import back as a whole, in one transaction."""
    progress = progress or Progress()
    with engine.begin() as conn:
        batch = conn.execute(select(m.ImportBatch).where(m.ImportBatch.id == batch_id)).first()
        if batch is None:
            raise InputError([Problem("imp.not_found", {"id": batch_id})])
        if batch.status == "undone":
            raise InputError([Problem("imp.already_undone", {"id": batch_id})])
        if batch.kind == "courses":  # catalogue edits are kept as ImportChange history, not taken back
            raise InputError([Problem("imp.not_undoable", {"id": batch_id})])
        touched = select(m.ImportChange.entity_id).where(
            m.ImportChange.import_batch_id == batch_id, m.ImportChange.entity_type == "staff")
        later = conn.execute(
            select(func.min(m.ImportChange.import_batch_id))
            .join(m.ImportBatch, m.ImportBatch.id == m.ImportChange.import_batch_id)
            .where(m.ImportChange.import_batch_id > batch_id, m.ImportBatch.status == "done",
                   m.ImportChange.entity_type == "staff", m.ImportChange.entity_id.in_(touched))).scalar()
        if later is None:
            # levels or completions a later import stored for people this one created would go with them
            created_staff = select(m.ImportChange.entity_id).where(
                m.ImportChange.import_batch_id == batch_id, m.ImportChange.entity_type == "staff",
                m.ImportChange.action == "created")
            for model in (m.Assessment, m.CourseCompletion):
                found = conn.execute(
                    select(func.min(model.import_batch_id))
                    .join(m.ImportBatch, m.ImportBatch.id == model.import_batch_id)
                    .where(model.import_batch_id > batch_id, m.ImportBatch.status == "done",
                           model.staff_id.in_(created_staff))).scalar()
                if found is not None:
                    later = found if later is None else min(later, found)
        if later is not None:
            raise InputError([Problem("imp.later_import", {"id": batch_id, "later": later})])
        progress.report(0, 4, tr("imp.step.undo"))
        removed = {}
        for model in (m.Assessment, m.CourseCompletion, m.CertificationAttempt):
            removed[model.__tablename__] = conn.execute(
                delete(model).where(model.import_batch_id == batch_id)).rowcount or 0
        progress.report(1, 4, tr("imp.step.undo"))
        restored = 0
        for entity_id, previous in conn.execute(
                select(m.ImportChange.entity_id, m.ImportChange.previous).where(
                    m.ImportChange.import_batch_id == batch_id, m.ImportChange.entity_type == "staff",
                    m.ImportChange.action == "updated")):
            values = dict(previous or {})
            for key in ("birth_date", "hire_date"):
                if values.get(key):
                    values[key] = date.fromisoformat(values[key])
            conn.execute(update(m.Staff).where(m.Staff.id == entity_id).values(
                **values, version=m.Staff.version + 1, updated_at=utcnow()))
            restored += 1
        progress.report(2, 4, tr("imp.step.undo"))
        created = conn.execute(select(m.ImportChange.entity_type, m.ImportChange.entity_id).where(
            m.ImportChange.import_batch_id == batch_id, m.ImportChange.action == "created")).all()
        staff_ids = [i for t, i in created if t == "staff"]
        for start in range(0, len(staff_ids), 5000):
            part = staff_ids[start:start + 5000]
            conn.execute(update(m.Staff).where(m.Staff.manager_id.in_(part)).values(manager_id=None))
        for start in range(0, len(staff_ids), 5000):
            conn.execute(delete(m.Staff).where(m.Staff.id.in_(staff_ids[start:start + 5000])))
        units = [i for t, i in created if t == "unit"]
        agencies = [i for t, i in created if t == "agency"]
        if units:
            conn.execute(delete(m.Unit).where(m.Unit.id.in_(units)))
        if agencies:
            conn.execute(delete(m.Agency).where(m.Agency.id.in_(agencies)))
        progress.report(3, 4, tr("imp.step.undo"))
        counts = {"people_removed": len(staff_ids), "people_restored": restored,
                  "levels_removed": removed["assessment"], "completions_removed": removed["course_completion"],
                  "units_removed": len(units), "agencies_removed": len(agencies)}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="undone", undone_at=utcnow()))
        conn.execute(insert(m.AuditLog).values(actor=actor, action="undo_import", entity_type="import_batch",
                                               entity_id=batch_id, details=counts))
        progress.report(4, 4, "")
    return counts


# -- saved mappings -----------------------------------------------------------------------------------
def save_mapping(engine: Engine, name: str, mapping: StaffMapping, kind: str = "staff") -> None:
    with engine.begin() as conn:
        existing = conn.execute(select(m.ImportMapping.id).where(
            m.ImportMapping.kind == kind, m.ImportMapping.name == name)).scalar()
        if existing:
            conn.execute(update(m.ImportMapping).where(m.ImportMapping.id == existing).values(
                mapping=mapping.to_json(), updated_at=utcnow()))
        else:
            conn.execute(insert(m.ImportMapping).values(kind=kind, name=name, mapping=mapping.to_json(),
                                                        updated_at=utcnow()))


def load_mapping(engine: Engine, name: str, kind: str = "staff") -> StaffMapping | None:
    with engine.connect() as conn:
        data = conn.execute(select(m.ImportMapping.mapping).where(
            m.ImportMapping.kind == kind, m.ImportMapping.name == name)).scalar()
    return StaffMapping.from_json(data) if data else None


def mapping_names(engine: Engine, kind: str = "staff") -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(m.ImportMapping.name).where(m.ImportMapping.kind == kind)
                                 .order_by(m.ImportMapping.updated_at.desc())).scalars())
