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
* Rows with errors are left out; the plan reports them and the caller decides to go on or cancel.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.bulk import (
    bulk_insert,
    bulk_update,
    date_list,
    date_values,
    indexes_rebuilt_after,
    timestamp_value,
)
from skillmap.i18n import register, tr
from skillmap.importing.model import SOURCES, CompetencyRef, ParsedStaff, StaffMapping, StaffRow
from skillmap.problems import InputError, Problem
from skillmap.tasks import Progress
from skillmap.textfold import fold

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
        "imp.later_import": {
            "en": "import {id} cannot be undone before import {later}, which changed the same people",
            "es": "la importación {id} no puede deshacerse antes que la {later}, que modificó a las mismas personas",
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
    for uid, aid, code, name in conn.execute(
            select(m.Unit.id, m.Unit.agency_id, m.Unit.code, m.Unit.name).order_by(m.Unit.level, m.Unit.id)):
        unit_names[uid] = name
        for key in (name, code):
            units.setdefault((aid, fold(key)), uid)
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


def plan_import(engine: Engine, parsed: ParsedStaff, *, sha256: str | None = None) -> ImportPlan:
    """Compare a parsed file with the database. Reads only; nothing is written."""
    mapped = {attr for attr, fields in ATTRIBUTE_FIELD.items() if any(f in parsed.mapping.fields for f in fields)}
    plan = ImportPlan(
        file=parsed.file, sha256=sha256 or (file_sha256(parsed.file) if Path(parsed.file).exists() else ""),
        sheet=parsed.sheet, mapping=parsed.mapping, mapped_attributes=mapped, problems=list(parsed.problems),
        bad_rows=set(parsed.error_rows), skipped_rows=parsed.skipped_rows,
        ignored_columns=list(parsed.ignored_columns), _parsed=parsed,
    )
    with engine.connect() as conn:
        look = _lookups(conn)
        numbers = [r.employee_number for r in parsed.staff]
        level_numbers = parsed.levels.employee_number
        wanted = list(dict.fromkeys([*numbers, *level_numbers]))
        stored = _stored_people(conn, wanted)
        managers = dict(conn.execute(select(m.Staff.id, m.Staff.employee_number)).all()) if mapped & {
            "manager_employee_number"} else {}

        new_agencies: dict[str, str] = {}
        new_units: dict[tuple[str, str], None] = {}
        file_numbers = set(numbers)
        manager_ids = {v: k for k, v in managers.items()}
        known_managers = set(managers.values())
        fields = parsed.mapping.fields
        full_name_only = "full_name" in fields and not any(f in fields for f in NAME_PARTS)
        for r in parsed.staff:
            agency_id = look.agencies.get(fold(r.agency)) if r.agency else None
            if r.agency and agency_id is None:
                new_agencies.setdefault(fold(r.agency), r.agency)
            if r.unit and (agency_id is None or (agency_id, fold(r.unit)) not in look.units):
                new_units.setdefault((r.agency or "", r.unit), None)
            if "role_profile" in mapped and r.role_profile and fold(r.role_profile) not in look.profiles:
                plan.problems.append(Problem("imp.unknown_role", {"value": r.role_profile}, file=parsed.file,
                                             sheet=parsed.sheet, row=r.row, severity="warning",
                                             column=parsed.mapping.fields.get("role_profile")))
            if (r.manager_employee_number and r.manager_employee_number not in file_numbers
                    and r.manager_employee_number not in stored
                    and r.manager_employee_number not in known_managers):
                plan.problems.append(Problem("imp.unknown_manager", {"value": r.manager_employee_number},
                                             file=parsed.file, sheet=parsed.sheet, row=r.row, severity="warning",
                                             column=parsed.mapping.fields.get("manager_employee_number")))
            old = stored.get(r.employee_number)
            if old is None:
                plan.new_people.append(r)
                continue
            changes = _differences(old, r, mapped, look, manager_ids, full_name_only)
            if changes:
                plan.changed.append(PersonChange(old.id, r, changes, {c: getattr(old, c) for c in SNAPSHOT}))
            else:
                plan.unchanged += 1
        plan.new_agencies = list(new_agencies.values())
        plan.new_units = list(new_units)

        # people of the same agencies stored but not in this file (reported, never deleted)
        if parsed.staff and "agency" in mapped:
            agency_ids = {look.agencies.get(fold(r.agency)) for r in parsed.staff if r.agency}
            agency_ids.discard(None)
            if agency_ids:
                for num, given, s1, s2 in conn.execute(
                        select(m.Staff.employee_number, m.Staff.given_names, m.Staff.first_surname,
                               m.Staff.second_surname)
                        .where(m.Staff.agency_id.in_(agency_ids), m.Staff.active.is_(True))
                        .order_by(m.Staff.employee_number)):
                    if num not in file_numbers:
                        plan.missing.append((num, _full_name(given, s1, s2)))

        _plan_levels(conn, plan, parsed, stored, file_numbers)
    plan.problems.sort(key=lambda p: (p.severity != "error", p.row or 0))
    return plan


NAME_PARTS = ("given_names", "first_surname", "second_surname")


def _stored_people(conn: Connection, numbers: list[str]) -> dict[str, Any]:
    """Stored rows of the people a file names, by employee number.

    A small file asks for its people by number; a large one reads the staff table once (compiling
    ``IN`` lists of thousands of parameters costs more than the scan).
    """
    if not numbers:
        return {}
    if len(numbers) > 2000:
        wanted = set(numbers)
        return {r.employee_number: r for r in conn.execute(select(m.Staff)).fetchall()
                if r.employee_number in wanted}
    return {r.employee_number: r for r in conn.execute(
        select(m.Staff).where(m.Staff.employee_number.in_(numbers))).fetchall()}


def _differences(old: Any, r: StaffRow, mapped: set[str], look: _Lookups,
                 manager_ids: dict[str, int], full_name_only: bool = False) -> list[FieldChange]:
    changes = []
    if full_name_only:
        # A single full-name column cannot say where given names end and surnames begin
        # ("María del Carmen Martínez"): compare the whole name, keep the stored split when it matches.
        stored = _full_name(old.given_names, old.first_surname, old.second_surname)
        new = _full_name(r.given_names, r.first_surname, r.second_surname)
        if fold(" ".join(stored.split())) != fold(" ".join(new.split())):
            changes += [FieldChange(a, getattr(old, a), getattr(r, a)) for a in NAME_PARTS
                        if (getattr(r, a) or None) != (getattr(old, a) or None)]
    for attr in DIRECT:
        if full_name_only and attr in NAME_PARTS:
            continue
        if attr in mapped:
            new = getattr(r, attr)
            if (new or None) != (getattr(old, attr) or None):
                changes.append(FieldChange(attr, getattr(old, attr), new))
    if "agency" in mapped and r.agency:
        aid = look.agencies.get(fold(r.agency))
        if aid != old.agency_id:
            changes.append(FieldChange("agency", look.agency_names.get(old.agency_id), r.agency))
    if "unit" in mapped and r.unit:
        aid = look.agencies.get(fold(r.agency)) if r.agency else old.agency_id
        uid = look.units.get((aid, fold(r.unit))) if aid else None
        if uid != old.unit_id:
            changes.append(FieldChange("unit", look.unit_names.get(old.unit_id), r.unit))
    if "manager_employee_number" in mapped:
        old_manager = next((n for n, i in manager_ids.items() if i == old.manager_id), None) if old.manager_id else None
        if (r.manager_employee_number or None) != old_manager:
            changes.append(FieldChange("manager_employee_number", old_manager, r.manager_employee_number))
    if "role_profile" in mapped and r.role_profile:
        pid = look.profiles.get(fold(r.role_profile))
        if pid is not None and pid != old.role_profile_id:
            changes.append(FieldChange("role_profile", look.profile_names.get(old.role_profile_id), r.role_profile))
    return changes


def _plan_levels(conn: Connection, plan: ImportPlan, parsed: ParsedStaff, stored: dict[str, Any],
                 file_numbers: set[str]) -> None:
    lv = parsed.levels
    if not len(lv):
        return
    known = np.array([(n in file_numbers) or (n in stored) for n in lv.employee_number], dtype=bool)
    for i in np.flatnonzero(~known):
        first = int(np.flatnonzero(lv.person == i)[0])
        plan.problems.append(Problem("imp.levels_unknown_person", {"value": lv.employee_number[i]},
                                     file=parsed.file, sheet=parsed.sheet, row=int(lv.row[first])))
        plan.bad_rows.update(int(x) for x in lv.row[lv.person == i])
    keep = known[lv.person]
    # identical assessments already stored are not stored twice
    stored_ids = {n: stored[n].id for n in lv.employee_number if n in stored}
    if stored_ids:
        ids = list(stored_ids.values())
        existing: set[tuple[int, int, str, str, int]] = set()
        columns = select(m.Assessment.staff_id, m.Assessment.competency_id, m.Assessment.assessed_on,
                         m.Assessment.source, m.Assessment.level)
        if len(ids) > 2000:
            wanted_ids = set(ids)
            rows = (r for r in conn.execute(columns).fetchall() if r[0] in wanted_ids)
        else:
            rows = conn.execute(columns.where(m.Assessment.staff_id.in_(ids))).fetchall()
        for sid, cid, on, src, level in rows:
            existing.add((sid, cid, on.isoformat(), str(src), level))
        if existing:
            person_ids = np.array([stored_ids.get(n, -1) for n in lv.employee_number], dtype=np.int64)[lv.person]
            dates = np.datetime_as_string(lv.assessed_on, unit="D")
            for i in np.flatnonzero(keep & (person_ids >= 0)):
                key = (int(person_ids[i]), int(lv.competency_id[i]), str(dates[i]), SOURCES[lv.source[i]],
                       int(lv.level[i]))
                if key in existing:
                    keep[i] = False
                    plan.levels_already_stored += 1
    plan._levels_keep = keep
    plan.levels_new = int(keep.sum())


# -- commit -------------------------------------------------------------------------------------------
@dataclass
class ImportOutcome:
    batch_id: int
    counts: dict[str, int]


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
    with engine.begin() as conn:
        batch_id = conn.execute(insert(m.ImportBatch).values(
            kind="staff", file_name=Path(plan.file).name, file_sha256=plan.sha256, imported_by=actor,
            started_at=now, status="running", counts=counts)).inserted_primary_key[0]  # type: ignore[index]
        changes: list[dict[str, Any]] = []
        look = _lookups(conn)

        # agencies and units the file names for the first time
        for name in plan.new_agencies:
            code = _free_code(conn, name)
            aid = conn.execute(insert(m.Agency).values(code=code, name=name, short_name=None)).inserted_primary_key[0]  # type: ignore[index]
            look.agencies[fold(name)] = aid
            look.agency_names[aid] = name
            changes.append({"entity_type": "agency", "entity_id": aid, "action": "created", "previous": None})
        for agency_name, unit_name in plan.new_units:
            aid = look.agencies.get(fold(agency_name)) if agency_name else None
            if aid is None or (aid, fold(unit_name)) in look.units:
                continue
            code = f"U{len(look.units) + 1:05d}"
            uid = conn.execute(insert(m.Unit).values(agency_id=aid, code=code, name=unit_name, level=1)
                               ).inserted_primary_key[0]  # type: ignore[index]
            look.units[(aid, fold(unit_name))] = uid
            changes.append({"entity_type": "unit", "entity_id": uid, "action": "created", "previous": None})

        def place(r: StaffRow) -> tuple[int | None, int | None]:
            aid = look.agencies.get(fold(r.agency)) if r.agency else None
            uid = look.units.get((aid, fold(r.unit))) if (aid and r.unit) else None
            return aid, uid

        created_at = timestamp_value(conn, now)
        births = date_list(conn, [r.birth_date for r in plan.new_people])
        hires = date_list(conn, [r.hire_date for r in plan.new_people])
        new_rows = []
        for r, born, hired in zip(plan.new_people, births, hires, strict=True):
            aid, uid = place(r)
            pid = look.profiles.get(fold(r.role_profile)) if r.role_profile else None
            new_rows.append((r.employee_number, r.curp, r.rfc, r.given_names, r.first_surname, r.second_surname,
                             aid, uid, r.position_title, pid, r.grade, born, hired, r.email, True, batch_id, 1,
                             created_at, created_at))
        bulk_insert(conn, m.Staff.__table__, (
            "employee_number", "curp", "rfc", "given_names", "first_surname", "second_surname", "agency_id",
            "unit_id", "position_title", "role_profile_id", "grade", "birth_date", "hire_date", "email", "active",
            "import_batch_id", "version", "created_at", "updated_at"), new_rows)
        ids = dict(conn.execute(select(m.Staff.employee_number, m.Staff.id)
                                .where(m.Staff.import_batch_id == batch_id)).all())
        # undo records for created rows go straight to the driver (tens of thousands at a time)
        bulk_insert(conn, m.ImportChange.__table__, ("import_batch_id", "entity_type", "entity_id", "action"),
                    [(batch_id, "staff", i, "created") for i in ids.values()])
        step(len(new_rows), "imp.step.people")

        # changed people: remember what they were, then update the changed fields (one executemany)
        if plan.changed:
            rows = []
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
                        values["role_profile_id"] = look.profiles.get(fold(c.row.role_profile or ""))
                values.pop("manager_id")  # set below, once every person exists
                rows.append({"sid": c.staff_id, **{f"v_{k}": v for k, v in values.items()}})
                changes.append({"entity_type": "staff", "entity_id": c.staff_id, "action": "updated",
                                "previous": {k: _jsonable(v) for k, v in c.previous.items()}})
            table = m.Staff.__table__
            columns = [k for k in SNAPSHOT if k != "manager_id"]
            stmt = (update(table).where(table.c.id == bindparam("sid"))
                    .values(**{k: bindparam(f"v_{k}") for k in columns}, version=table.c.version + 1,
                            updated_at=now))
            conn.execute(stmt, rows)
        step(len(plan.changed), "imp.step.people")

        # managers, once everyone exists
        if "manager_employee_number" in plan.mapped_attributes:
            all_ids = dict(conn.execute(select(m.Staff.employee_number, m.Staff.id)).all())
            people = [*plan.new_people, *(c.row for c in plan.changed if any(
                f.field == "manager_employee_number" for f in c.changes))]
            bulk_update(conn, m.Staff.__table__, ("manager_id",), "id", [
                (all_ids.get(r.manager_employee_number) if r.manager_employee_number else None,
                 all_ids[r.employee_number])
                for r in people if r.employee_number in all_ids])

        if changes:
            conn.execute(insert(m.ImportChange), [{**c, "import_batch_id": batch_id} for c in changes])

        # competency levels, appended
        lv = parsed.levels
        keep = plan._levels_keep
        if keep is not None and keep.any():
            staff_ids = dict(conn.execute(select(m.Staff.employee_number, m.Staff.id).where(
                m.Staff.employee_number.in_(list(set(lv.employee_number))))).all()) if len(
                lv.employee_number) < 30_000 else dict(conn.execute(select(m.Staff.employee_number, m.Staff.id)).all())
            person_ids = np.array([staff_ids.get(n, -1) for n in lv.employee_number], dtype=np.int64)[lv.person]
            sel = np.flatnonzero(keep & (person_ids >= 0))
            sel = sel[np.lexsort((lv.competency_id[sel], person_ids[sel]))]  # index-friendly order
            sources = np.array(SOURCES, dtype=object)
            names = ("staff_id", "competency_id", "level", "source", "assessed_on", "assessor", "evidence",
                     "validated", "import_batch_id", "created_at")
            chunk = 100_000
            with indexes_rebuilt_after(conn, m.Assessment.__table__, len(sel)):
                for start in range(0, len(sel), chunk):
                    part = sel[start:start + chunk]
                    src = sources[lv.source[part]]
                    rows = list(zip(
                        person_ids[part].tolist(), lv.competency_id[part].tolist(),
                        lv.level[part].astype(np.int64).tolist(), src.tolist(),
                        date_values(conn, lv.assessed_on[part]),
                        [lv.assessor[i] for i in part] if lv.assessor is not None else [None] * len(part),
                        [lv.evidence[i] for i in part] if lv.evidence is not None else [None] * len(part),
                        (src != "self").tolist(), [batch_id] * len(part), [created_at] * len(part), strict=True))
                    bulk_insert(conn, m.Assessment.__table__, names, rows)
                    step(len(part), "imp.step.levels")

        final = {**counts, "people_added": len(plan.new_people), "people_updated": len(plan.changed),
                 "levels_added": plan.levels_new}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="done", finished_at=utcnow(), counts=final))
        conn.execute(insert(m.AuditLog).values(actor=actor, action="import_staff", entity_type="import_batch",
                                               entity_id=batch_id, details={"file": Path(plan.file).name,
                                                                            "sha256": plan.sha256, **final}))
        progress.report(total, total, "")
    return ImportOutcome(batch_id, final)


def _free_code(conn: Connection, name: str) -> str:
    base = "".join(ch for ch in fold(name).upper() if ch.isalnum())[:12] or "AGENCY"
    code, n = base, 1
    while conn.execute(select(m.Agency.id).where(m.Agency.code == code)).first():
        n += 1
        code = f"{base}{n}"
    return code


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
        touched = select(m.ImportChange.entity_id).where(
            m.ImportChange.import_batch_id == batch_id, m.ImportChange.entity_type == "staff")
        later = conn.execute(
            select(func.min(m.ImportChange.import_batch_id))
            .join(m.ImportBatch, m.ImportBatch.id == m.ImportChange.import_batch_id)
            .where(m.ImportChange.import_batch_id > batch_id, m.ImportBatch.status == "done",
                   m.ImportChange.entity_type == "staff", m.ImportChange.entity_id.in_(touched))).scalar()
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
