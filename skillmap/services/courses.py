"""The course catalogue: import from a spreadsheet (plan, then commit in one transaction), list, edit, delete,
export, and the planner's view of it.

**Import.** :func:`read_catalogue` reads a workbook or CSV file (the layout of ``docs/course-catalogue.md``,
parsed by :mod:`skillmap.importing.courses`); :func:`plan_courses` compares it with the database without
writing anything: each course is *new*, *changed* (with its field-level differences), *unchanged* or in
*error*, and the checks that need the database are added — prerequisites that are neither in the file nor in
the catalogue, prerequisite cycles through the file and the stored catalogue together, new courses without a
title, area, hours or modality. :func:`commit_courses` then stores it in one transaction: courses are
upserted by code (compared without regard to case), and for each course of the file its competencies raised
and its prerequisites are *replaced* by the file's — when the file carries them (a field without a column
keeps its stored value; courses missing from the file are kept as they are). The import is recorded as an
:class:`~skillmap.db.models.ImportBatch` of kind ``"courses"`` with its counts, one
:class:`~skillmap.db.models.ImportChange` per course created or updated (with the previous values), and an
audit-log row. A plan with errors is never committed, and an error midway leaves nothing written.

Undoing a courses import is not supported: :func:`skillmap.services.staff_import.undo_import` knows staff,
levels and completions only. The batch and its changes are recorded all the same, so what an import did can be
read back.

**Editing** (the catalogue editor of the app): :func:`list_courses`, :func:`get_course`, :func:`save_course`
(create or update, with the import's checks, cycles included, and an optimistic check of the ``version``
column: an edit made on a stale copy is refused), :func:`delete_course` and :func:`export_courses` (xlsx or
CSV in the layout the import reads: export → import changes nothing). Every edit writes an audit-log row.

**Deleting** a course would delete its recorded completions with it (the foreign key cascades), so a course
with completions is never deleted: it is deactivated instead (``active=False``: it stays in the history and in
the catalogue, and leaves the planner). A course that is a prerequisite of others or part of a track is
deleted only with ``force=True`` (those links go with it).

**Planning.** :func:`catalogue_options` gives the active courses as the planner's
:class:`~skillmap.planning.course_plan.CourseOption` list.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import xlsxwriter
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.session import unit_of_work
from skillmap.frameworks.longtable import normalise
from skillmap.i18n import get_language, normalise_language, pick, register, tr
from skillmap.importing.courses import (
    SCALAR_FIELDS,
    TEXT_LIMITS,
    CatalogueMapping,
    ParsedCatalogue,
    ParsedCourse,
    area_of,
    clean_text,
    codes_list,
    modality_of,
    parse_catalogue,
    raises_text,
    scale_words,
    score_course_header,
    score_raises_header,
)
from skillmap.importing.model import CompetencyRef, WorkbookData
from skillmap.importing.reader import likely_sheet, read_workbook
from skillmap.importing.staff import competency_key
from skillmap.planning.course_plan import CourseOption
from skillmap.problems import InputError, Problem, Severity, Term
from skillmap.services.gaps import csv_safe
from skillmap.services.staff_import import FieldChange, ImportOutcome, competency_refs, file_sha256
from skillmap.tasks import Progress

KIND = "courses"  # ImportBatch.kind of a catalogue import
Status = Literal["new", "changed", "unchanged", "error"]

register(
    {
        "crs.prereq_unknown": {
            "en": "prerequisite “{value}” is neither a course of this file nor of the catalogue",
            "es": "el prerrequisito «{value}» no es un curso de este archivo ni del catálogo",
        },
        "crs.cycle": {
            "en": "prerequisites form a cycle: {path}",
            "es": "los prerrequisitos forman un ciclo: {path}",
        },
        "crs.new_missing": {
            "en": "course {code} is new and needs {field}, but the file has no column for it",
            "es": "el curso {code} es nuevo y necesita {field}, pero el archivo no tiene columna para ello",
        },
        "crs.code_similar": {
            "en": "course code {code} is new, but it differs from the stored course {stored} only in punctuation, "
                  "spaces or accents; completion files would not tell them apart",
            "es": "la clave {code} es nueva, pero solo difiere del curso guardado {stored} en signos, espacios o "
                  "acentos; los archivos de constancias no podrían distinguirlos",
        },
        "crs.has_errors": {
            "en": "{count} courses have errors; fix the file and import it again",
            "es": "{count} cursos tienen errores; corrija el archivo e impórtelo de nuevo",
        },
        "crs.nothing_new": {
            "en": "there is nothing to change: the courses of the file ({count}) are already in the catalogue as "
                  "they are",
            "es": "no hay nada que cambiar: los cursos del archivo ({count}) ya están así en el catálogo",
        },
        "crs.nothing": {
            "en": "the file holds no courses",
            "es": "el archivo no contiene cursos",
        },
        "crs.step.store": {"en": "Storing the course catalogue", "es": "Guardando el catálogo de cursos"},
        "crs.not_found": {"en": "there is no course number {id}", "es": "no existe el curso número {id}"},
        "crs.stale": {
            "en": "course {code} was changed by someone else since it was opened (version {yours}, now {current}); "
                  "reload it and make your changes again",
            "es": "otra persona modificó el curso {code} desde que se abrió (versión {yours}, ahora {current}); "
                  "vuelva a cargarlo y repita sus cambios",
        },
        "crs.code_taken": {
            "en": "course code {code} is already used by the course “{title}”",
            "es": "la clave {code} ya la usa el curso «{title}»",
        },
        "crs.competency_unknown": {
            "en": "there is no competency number {id}",
            "es": "no existe la competencia número {id}",
        },
        "crs.prereq_id_unknown": {
            "en": "there is no course number {id} to be a prerequisite",
            "es": "no existe el curso número {id} para ser prerrequisito",
        },
        "crs.delete_completions": {
            "en": "course {code} has {count} recorded completions, which deleting it would erase; deactivate it "
                  "instead (it stays in the history and leaves the planner)",
            "es": "el curso {code} tiene {count} constancias registradas, que se borrarían al eliminarlo; "
                  "desactívelo en su lugar (se conserva en el historial y deja de proponerse)",
        },
        "crs.delete_required": {
            "en": "course {code} is a prerequisite of {codes}; remove it from them first, or delete it anyway",
            "es": "el curso {code} es prerrequisito de {codes}; quítelo de ellos primero, o elimínelo de todos "
                  "modos",
        },
        "crs.delete_tracks": {
            "en": "course {code} is part of the tracks {tracks}; remove it from them first, or delete it anyway",
            "es": "el curso {code} forma parte de las rutas {tracks}; quítelo de ellas primero, o elimínelo de "
                  "todos modos",
        },
        "crs.export_ext": {
            "en": "unknown export format “{ext}”: use .xlsx or .csv",
            "es": "formato de exportación desconocido «{ext}»: use .xlsx o .csv",
        },
        "crs.sheet_name": {"en": "Courses", "es": "Cursos"},
        "crs.yes": {"en": "Yes", "es": "Sí"},
        "crs.no": {"en": "No", "es": "No"},
        **{f"crs.header.{f}": t for f, t in {
            "code": {"en": "Code", "es": "Clave"},
            "title_en": {"en": "Title (English)", "es": "Título (inglés)"},
            "title_es": {"en": "Title (Spanish)", "es": "Título (español)"},
            "area": {"en": "Area", "es": "Área"},
            "provider": {"en": "Provider", "es": "Proveedor"},
            "hours": {"en": "Hours", "es": "Horas"},
            "modality": {"en": "Modality", "es": "Modalidad"},
            "competencies": {"en": "Competencies raised", "es": "Competencias que desarrolla"},
            "prerequisites": {"en": "Prerequisites", "es": "Prerrequisitos"},
            "active": {"en": "Active", "es": "Activo"},
            "description_en": {"en": "Description (English)", "es": "Descripción (inglés)"},
            "description_es": {"en": "Description (Spanish)", "es": "Descripción (español)"},
        }.items()},
    }
)

#: Columns of an exported catalogue, in order (the import reads them back).
EXPORT_FIELDS: tuple[str, ...] = (
    "code", "title_en", "title_es", "area", "provider", "hours", "modality", "competencies", "prerequisites",
    "active", "description_en", "description_es",
)
_NEW_NEEDS: tuple[str, ...] = ("area", "hours", "modality")


# -- what is stored --------------------------------------------------------------------------------------------
_COURSE_COLUMNS = ("id", "code", "version", *SCALAR_FIELDS)


@dataclass
class _Stored:
    courses: dict[int, dict[str, Any]]  # id -> column -> value
    by_code: dict[str, int]  # casefolded code -> id
    raises: dict[int, dict[int, int]]  # course id -> competency id -> level
    prereqs: dict[int, set[int]]  # course id -> prerequisite ids

    def code(self, cid: int) -> str:
        return str(self.courses[cid]["code"])


def _stored(conn: Connection) -> _Stored:
    cols = [getattr(m.Course, c) for c in _COURSE_COLUMNS]
    courses = {r[0]: dict(zip(_COURSE_COLUMNS, r, strict=True))
               for r in conn.execute(select(*cols).order_by(m.Course.id))}
    by_code: dict[str, int] = {}
    for cid, row in courses.items():
        by_code.setdefault(str(row["code"]).casefold(), cid)
    raises: dict[int, dict[int, int]] = {}
    for cid, comp, level in conn.execute(select(m.CourseCompetency.course_id, m.CourseCompetency.competency_id,
                                                m.CourseCompetency.target_level)):
        raises.setdefault(cid, {})[comp] = int(level)
    prereqs: dict[int, set[int]] = {}
    for cid, pre in conn.execute(select(m.CoursePrerequisite.course_id, m.CoursePrerequisite.prerequisite_id)):
        prereqs.setdefault(cid, set()).add(pre)
    return _Stored(courses, by_code, raises, prereqs)


def _scales(conn: Connection) -> dict[str, dict[str, int]]:
    """Level words of each active framework's scale: framework code -> word -> level."""
    levels: dict[str, list[tuple[int, str, str, str]]] = {}
    for fw, level, code, en, es in conn.execute(
            select(m.Framework.code, m.ScaleLevel.level, m.ScaleLevel.code, m.ScaleLevel.name_en, m.ScaleLevel.name_es)
            .join(m.ScaleLevel, m.ScaleLevel.framework_id == m.Framework.id).where(m.Framework.active.is_(True))):
        levels.setdefault(fw, []).append((level, code, en, es))
    return {fw: scale_words(items) for fw, items in levels.items()}


def framework_scales(engine: Engine) -> dict[str, dict[str, int]]:
    """The level words of the active frameworks' scales, for :func:`~skillmap.importing.courses.parse_catalogue`."""
    with engine.connect() as conn:
        return _scales(conn)


def _competency_labels(conn: Connection, ids: set[int], refs: Sequence[CompetencyRef]) -> dict[int, str]:
    """How an export or a message names each competency: its code, or ``framework:code`` when another
    competency of the active frameworks has the same code."""
    shared = Counter(r.code.casefold() for r in refs)
    out = {r.id: competency_key(r, refs) if shared[r.code.casefold()] > 1 else r.code for r in refs}
    missing = ids - out.keys()
    if missing:
        for cid, fw, code in conn.execute(
                select(m.Competency.id, m.Framework.code, m.Competency.code)
                .join(m.Framework, m.Framework.id == m.Competency.framework_id)
                .where(m.Competency.id.in_(sorted(missing)))):
            out[cid] = f"{fw}:{code}"
    return out


# -- reading a file --------------------------------------------------------------------------------------------
def read_catalogue(engine: Engine, path: str | Path, *, sheet: str | None = None, raises_sheet: str | None = None,
                   mapping: CatalogueMapping | None = None, progress: Progress | None = None,
                   data: WorkbookData | None = None) -> ParsedCatalogue:
    """Read and parse a catalogue file against the database's active frameworks.

    The course sheet is ``sheet``, else ``mapping.sheet``, else the sheet that looks most like a catalogue.
    The long competencies sheet is ``raises_sheet`` (``""``: none), else ``mapping.raises_sheet``, else another
    sheet that has a course code, a competency and a level column. ``data`` reuses a workbook already read."""
    user = mapping or CatalogueMapping()
    if data is None:
        data = read_workbook(path, None, progress=progress)
    name = sheet or user.sheet
    if name is None or name not in data.sheets:
        name = likely_sheet(data, score=score_course_header) if name is None else name
    if name is None or name not in data.sheets:
        raise InputError([Problem("read.no_sheet", {"name": name or "", "sheets": ", ".join(data.sheet_names)},
                                  file=str(path))])
    long_name = raises_sheet if raises_sheet is not None else user.raises_sheet
    if long_name is None:
        long_name = next((n for n in data.sheet_names if n != name and n in data.sheets
                          and score_raises_header(data.sheets[n]) >= 1), None)
    if long_name and long_name not in data.sheets:
        raise InputError([Problem("read.no_sheet", {"name": long_name, "sheets": ", ".join(data.sheet_names)},
                                  file=str(path))])
    with engine.connect() as conn:
        scales = _scales(conn)
    return parse_catalogue(data.sheets[name], str(path), competency_refs(engine),
                           raises=data.sheets[long_name] if long_name else None, scales=scales, mapping=user)


# -- the plan ----------------------------------------------------------------------------------------------------
@dataclass
class PlannedCourse:
    code: str  # as stored for an existing course, as written for a new one
    row: int  # spreadsheet row
    status: Status
    course_id: int | None  # None for a new course
    changes: list[FieldChange] = field(default_factory=list)
    prerequisites: tuple[str, ...] | None = None  # resolved codes (stored codes for catalogue courses)
    parsed: ParsedCourse | None = None


@dataclass
class CoursesPlan:
    """What an import would do. Nothing is written until :func:`commit_courses`."""

    file: str
    sha256: str
    parsed: ParsedCatalogue
    courses: list[PlannedCourse]
    problems: list[Problem]
    not_in_file: list[str] = field(default_factory=list)  # stored codes the file does not mention (kept)

    @property
    def sheet(self) -> str | None:
        return self.parsed.sheet

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def with_status(self, status: Status) -> list[PlannedCourse]:
        return [c for c in self.courses if c.status == status]

    @property
    def new(self) -> list[PlannedCourse]:
        return self.with_status("new")

    @property
    def changed(self) -> list[PlannedCourse]:
        return self.with_status("changed")

    @property
    def unchanged(self) -> list[PlannedCourse]:
        return self.with_status("unchanged")

    def counts(self) -> dict[str, int]:
        return {
            "courses_read": len(self.courses), "courses_new": len(self.new), "courses_changed": len(self.changed),
            "courses_unchanged": len(self.unchanged), "courses_with_errors": len(self.with_status("error")),
            "not_in_file": len(self.not_in_file), "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors), "skipped_rows": self.parsed.skipped_rows,
        }

    def to_json(self, lang: str | None = None, limit: int = 10_000) -> dict[str, Any]:
        def value(v: Any) -> Any:
            return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)

        return {
            "file": Path(self.file).name, "sha256": self.sha256, "sheet": self.sheet,
            "raises_sheet": self.parsed.raises_sheet, "header_row": self.parsed.header_row, "counts": self.counts(),
            "courses": [{"code": c.code, "row": c.row, "status": c.status, "id": c.course_id,
                         "changes": [{"field": ch.field, "old": value(ch.old), "new": value(ch.new)}
                                     for ch in c.changes]} for c in self.courses[:limit]],
            "not_in_file": self.not_in_file[:limit],
            "problems": [p.to_json(lang) for p in self.problems[:limit]],
            "mapping": self.parsed.mapping.to_json(),
        }


def _same(name: str, old: Any, new: Any) -> bool:
    if name == "hours":
        return old is not None and math.isclose(float(old), float(new), rel_tol=0, abs_tol=1e-9)
    if name == "active":
        return bool(old) == bool(new)
    return clean_text(old or "", multiline=name.startswith("description")) == new


def _cycle_through(graph: nx.DiGraph, node: Any) -> list[Any]:
    """The shortest cycle from ``node`` back to itself (``[node, …, node]``), ``[]`` if there is none."""
    best: list[Any] = []
    for nxt in sorted(graph.successors(node)):
        if nx.has_path(graph, nxt, node):
            path = [node, *nx.shortest_path(graph, nxt, node)]
            if not best or len(path) < len(best):
                best = path
    return best


def _plan(conn: Connection, parsed: ParsedCatalogue, file: str, sha256: str) -> CoursesPlan:
    stored = _stored(conn)
    problems = list(parsed.problems)
    sheet = parsed.sheet
    bad: set[int] = {c.row for c in parsed.courses if not c.ok}
    column = parsed.columns.get

    def row_problem(key: str, row: int, col: str | None, severity: Severity = "error", **params: Any) -> None:
        problems.append(Problem(key, params, file=file, sheet=sheet, row=row, column=col, severity=severity))
        if severity == "error":
            bad.add(row)

    # the file's courses, first row of each code (later ones are the parser's duplicate errors)
    first: dict[str, ParsedCourse] = {}
    for c in parsed.courses:
        first.setdefault(c.code.casefold(), c)
    shown = {k: stored.code(stored.by_code[k]) if k in stored.by_code else c.code for k, c in first.items()}
    shown.update({k: stored.code(cid) for k, cid in stored.by_code.items()})

    # prerequisites: resolved against the file, then the catalogue
    resolved: dict[int, tuple[str, ...]] = {}  # row -> resolved display codes
    for c in parsed.courses:
        if c.prerequisites is None:
            continue
        codes: list[str] = []
        for text in c.prerequisites:
            key = text.casefold()
            if key in first or key in stored.by_code:
                codes.append(shown[key])
            else:
                row_problem("crs.prereq_unknown", c.row, column("prerequisites"), value=text)
        resolved[c.row] = tuple(codes)

    # cycles, through the file and the stored catalogue together
    graph: nx.DiGraph = nx.DiGraph()
    replaced = {k for k, c in first.items() if c.prerequisites is not None}
    for cid, pres in stored.prereqs.items():
        key = stored.code(cid).casefold()
        if key not in replaced:
            graph.add_edges_from((key, stored.code(p).casefold()) for p in pres)
    for key in replaced:
        graph.add_edges_from((key, code.casefold()) for code in resolved.get(first[key].row, ()))
    for nodes in nx.strongly_connected_components(graph):
        if len(nodes) < 2:
            continue
        sub = graph.subgraph(nodes)
        for key in sorted(nodes & replaced, key=lambda k: first[k].row):
            path = " → ".join(shown[k] for k in _cycle_through(sub, key))
            row_problem("crs.cycle", first[key].row, column("prerequisites"), path=path)

    # new, changed, unchanged
    names = parsed.competencies
    loose = {normalise(stored.code(cid)): cid for cid in stored.courses}  # as completion files match codes
    planned: list[PlannedCourse] = []
    for c in parsed.courses:
        key = c.code.casefold()
        cid = stored.by_code.get(key)
        if cid is None and first[key] is c:
            for f in _NEW_NEEDS:
                if f not in parsed.columns:
                    row_problem("crs.new_missing", c.row, column("code"), code=c.code, field=Term(f"course.field.{f}"))
            if "title_en" not in parsed.columns and "title_es" not in parsed.columns:
                row_problem("crs.new_missing", c.row, column("code"), code=c.code, field=Term("course.field.title"))
        if cid is None and first[key] is c and normalise(c.code) in loose:
            row_problem("crs.code_similar", c.row, column("code"), "warning", code=c.code,
                        stored=stored.code(loose[normalise(c.code)]))
        changes: list[FieldChange] = []
        if cid is not None:
            old = stored.courses[cid]
            changes = [FieldChange(f, old[f], c.values[f]) for f in SCALAR_FIELDS
                       if f in c.values and not _same(f, old[f], c.values[f])]
            if c.raises is not None:
                before = stored.raises.get(cid, {})
                if before != c.raises:
                    changes.append(FieldChange("competencies", raises_text(before, names),
                                               raises_text(c.raises, names)))
            if c.prerequisites is not None and c.row in resolved:
                before_codes = sorted(stored.code(p) for p in stored.prereqs.get(cid, ()))
                after = sorted(resolved[c.row])
                if {b.casefold() for b in before_codes} != {a.casefold() for a in after}:
                    changes.append(FieldChange("prerequisites", codes_list(before_codes), codes_list(after)))
        status: Status = "error" if c.row in bad else "new" if cid is None else "changed" if changes else "unchanged"
        planned.append(PlannedCourse(shown.get(key, c.code) if cid is not None else c.code, c.row, status, cid,
                                     changes, resolved.get(c.row), c))
    if not parsed.courses and not any(p.severity == "error" for p in problems):
        problems.append(Problem("crs.nothing", {}, file=file, sheet=sheet, severity="warning"))
    problems.sort(key=lambda p: (p.severity != "error", p.sheet != sheet, p.row or 0))  # stable: file order kept
    in_file = set(first)
    not_in_file = sorted(stored.code(cid) for k, cid in stored.by_code.items() if k not in in_file)
    return CoursesPlan(file, sha256, parsed, planned, problems, not_in_file)


def plan_courses(engine: Engine, parsed: ParsedCatalogue, *, sha256: str | None = None) -> CoursesPlan:
    """Compare a parsed catalogue with the database and check what needs it. Reads only."""
    file = parsed.file
    digest = sha256 if sha256 is not None else (file_sha256(file) if Path(file).is_file() else "")
    with engine.connect() as conn:
        return _plan(conn, parsed, file, digest)


def plan_courses_file(engine: Engine, path: str | Path, *, sheet: str | None = None,
                      raises_sheet: str | None = None, mapping: CatalogueMapping | None = None,
                      progress: Progress | None = None) -> CoursesPlan:
    """:func:`read_catalogue` then :func:`plan_courses`."""
    data = read_workbook(path, None, progress=progress)
    parsed = read_catalogue(engine, path, sheet=sheet, raises_sheet=raises_sheet, mapping=mapping, data=data)
    return plan_courses(engine, parsed, sha256=data.sha256)


# -- commit ------------------------------------------------------------------------------------------------------
def _course_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {f: values[f] for f in SCALAR_FIELDS if f in values}


_IN_CHUNK = 900  # ids per IN (...) list


def _replace_raises(conn: Connection, raises: Mapping[int, Mapping[int, int]]) -> int:
    """Replace the competencies raised by each course of ``raises`` (course id -> competency id -> level)."""
    ids = sorted(raises)
    for start in range(0, len(ids), _IN_CHUNK):
        conn.execute(delete(m.CourseCompetency).where(m.CourseCompetency.course_id.in_(ids[start:start + _IN_CHUNK])))
    rows = [{"course_id": cid, "competency_id": comp, "target_level": level}
            for cid in ids for comp, level in raises[cid].items()]
    if rows:
        conn.execute(insert(m.CourseCompetency), rows)
    return len(rows)


def _replace_prerequisites(conn: Connection, prerequisites: Mapping[int, Sequence[int]]) -> int:
    """Replace the prerequisites of each course of ``prerequisites`` (course id -> prerequisite ids)."""
    ids = sorted(prerequisites)
    for start in range(0, len(ids), _IN_CHUNK):
        conn.execute(delete(m.CoursePrerequisite).where(
            m.CoursePrerequisite.course_id.in_(ids[start:start + _IN_CHUNK])))
    rows = [{"course_id": cid, "prerequisite_id": p} for cid in ids for p in prerequisites[cid]]
    if rows:
        conn.execute(insert(m.CoursePrerequisite), rows)
    return len(rows)


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def commit_courses(engine: Engine, plan: CoursesPlan, *, actor: str | None = None,
                   progress: Progress | None = None) -> ImportOutcome:
    """Store the plan's new and changed courses in one transaction (see the module docstring).

    The plan is made again inside the transaction, so a change of the catalogue since it was made is taken into
    account; a plan with errors, then or now, is refused with them. A plan with nothing to change is refused too.
    Cancelling through ``progress`` rolls everything back. Not undoable (see the module docstring)."""
    progress = progress or Progress()
    if plan.errors:
        raise InputError([Problem("crs.has_errors", {"count": len(plan.with_status("error")) or len(plan.errors)},
                                  file=plan.file, sheet=plan.sheet), *plan.errors[:50]])
    with engine.begin() as conn:
        fresh = _plan(conn, plan.parsed, plan.file, plan.sha256)
        if fresh.errors:
            raise InputError([Problem("crs.has_errors", {"count": len(fresh.with_status("error")) or len(
                fresh.errors)}, file=plan.file, sheet=plan.sheet), *fresh.errors[:50]])
        new, changed = fresh.new, fresh.changed
        if not new and not changed:
            key = "crs.nothing_new" if fresh.courses else "crs.nothing"
            raise InputError([Problem(key, {"count": len(fresh.courses)}, file=plan.file, sheet=plan.sheet)])
        total = len(new) + len(changed) + 2
        done = 0
        step = tr("crs.step.store")
        progress.report(done, total, step)
        counts = fresh.counts()
        batch_id = conn.execute(insert(m.ImportBatch).values(
            kind=KIND, file_name=Path(plan.file).name, file_sha256=plan.sha256, imported_by=actor,
            started_at=utcnow(), status="running", counts=counts)).inserted_primary_key[0]  # type: ignore[index]
        stored = _stored(conn)
        defaults = {"title_en": "", "title_es": "", "description_en": "", "description_es": "", "provider": "",
                    "active": True}
        if new:
            conn.execute(insert(m.Course), [{"code": c.code, "version": 1, **defaults,
                                             **_course_values(c.parsed.values if c.parsed else {})} for c in new])
        ids = {str(code).casefold(): cid for code, cid in conn.execute(select(m.Course.code, m.Course.id))}
        if new:
            conn.execute(insert(m.ImportChange), [
                {"import_batch_id": batch_id, "entity_type": "course", "entity_id": ids[c.code.casefold()],
                 "action": "created", "previous": None} for c in new])
        done += len(new)
        progress.report(done, total, step)
        for c in changed:
            assert c.course_id is not None
            fields = {ch.field for ch in c.changes}
            scalar = {ch.field: ch.new for ch in c.changes if ch.field in SCALAR_FIELDS}
            previous: dict[str, Any] = {ch.field: _jsonable(ch.old) for ch in c.changes if ch.field in SCALAR_FIELDS}
            if "competencies" in fields:
                previous["raises"] = sorted([k, v] for k, v in stored.raises.get(c.course_id, {}).items())
            if "prerequisites" in fields:
                previous["prerequisites"] = sorted(stored.prereqs.get(c.course_id, ()))
            conn.execute(update(m.Course).where(m.Course.id == c.course_id).values(
                **scalar, version=m.Course.version + 1))
            conn.execute(insert(m.ImportChange).values(import_batch_id=batch_id, entity_type="course",
                                                       entity_id=c.course_id, action="updated", previous=previous))
            done += 1
            progress.report(done, total, step)
        raises: dict[int, Mapping[int, int]] = {}
        prerequisites: dict[int, list[int]] = {}
        for c in [*new, *changed]:
            assert c.parsed is not None
            cid = ids[c.code.casefold()]
            fields = {ch.field for ch in c.changes}
            if c.parsed.raises is not None and (c.status == "new" or "competencies" in fields):
                raises[cid] = c.parsed.raises
            if c.prerequisites is not None and (c.status == "new" or "prerequisites" in fields):
                prerequisites[cid] = [ids[code.casefold()] for code in c.prerequisites]
        links = _replace_raises(conn, raises)
        progress.report(done + 1, total, step)
        links += _replace_prerequisites(conn, prerequisites)
        progress.report(done + 2, total, step)
        final = {**counts, "links_written": links}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="done", finished_at=utcnow(), counts=final))
        conn.execute(insert(m.AuditLog).values(
            actor=actor, action="import_courses", entity_type="import_batch", entity_id=batch_id,
            details={"file": Path(plan.file).name, "sha256": plan.sha256, "sheet": plan.sheet,
                     "raises_sheet": plan.parsed.raises_sheet, **final,
                     "new": [c.code for c in new], "changed": [c.code for c in changed]}))
        progress.report(total, total, "")
    return ImportOutcome(batch_id, final)


# -- listing -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CourseRaiseRow:
    competency_id: int
    code: str  # as the import and export write it (``framework:code`` when the code is not unique)
    name: str  # in the language asked for
    level: int
    level_name: str  # the scale's name of the level, in that language ("" if the scale has none)


@dataclass(frozen=True)
class CourseEdit:
    """A course as the editor saves it. ``id`` None creates; otherwise ``version`` is the version read."""

    code: str
    area: str
    hours: float
    modality: str
    title_en: str = ""
    title_es: str = ""
    description_en: str = ""
    description_es: str = ""
    provider: str = ""
    active: bool = True
    raises: Mapping[int, int] = field(default_factory=dict)  # competency id -> level
    prerequisites: tuple[int, ...] = ()  # course ids
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CourseRow:
    id: int
    code: str
    title: str  # in the language asked for (the other one if empty)
    title_en: str
    title_es: str
    description_en: str
    description_es: str
    area: str  # good_government | management | technical
    area_label: str
    provider: str
    hours: float
    modality: str  # online | in_person | blended
    modality_label: str
    active: bool
    version: int
    raises: tuple[CourseRaiseRow, ...]
    prerequisites: tuple[str, ...]  # codes
    prerequisite_ids: tuple[int, ...]
    required_by: tuple[str, ...]  # codes of the courses that have this one as a prerequisite
    tracks: int  # tracks that include it
    completions: int  # completions recorded

    def to_edit(self, **changes: Any) -> CourseEdit:
        """The edit that saves this course as it is (with ``changes``), version included."""
        base = CourseEdit(code=self.code, area=self.area, hours=self.hours, modality=self.modality,
                          title_en=self.title_en, title_es=self.title_es, description_en=self.description_en,
                          description_es=self.description_es, provider=self.provider, active=self.active,
                          raises={r.competency_id: r.level for r in self.raises},
                          prerequisites=self.prerequisite_ids, id=self.id, version=self.version)
        return CourseEdit(**{**base.__dict__, **changes})


def _rows(conn: Connection, lang: str | None, only: int | None = None) -> list[CourseRow]:
    query = select(*[getattr(m.Course, c) for c in _COURSE_COLUMNS]).order_by(m.Course.code)
    if only is not None:
        query = query.where(m.Course.id == only)
    courses = [dict(zip(_COURSE_COLUMNS, r, strict=True)) for r in conn.execute(query)]
    if not courses:
        return []
    codes = dict(conn.execute(select(m.Course.id, m.Course.code)).all())
    refs = _refs(conn)
    raises: dict[int, list[tuple[int, int]]] = {}
    raise_query = select(m.CourseCompetency.course_id, m.CourseCompetency.competency_id,
                         m.CourseCompetency.target_level)
    if only is not None:
        raise_query = raise_query.where(m.CourseCompetency.course_id == only)
    for cid, comp, level in conn.execute(raise_query):
        raises.setdefault(cid, []).append((comp, int(level)))
    comp_ids = {comp for items in raises.values() for comp, _ in items}
    labels = _competency_labels(conn, comp_ids, refs)
    info: dict[int, tuple[str, str, int]] = {}  # competency id -> (name en, name es, framework id)
    if comp_ids:
        for cid, en, es, fid in conn.execute(select(m.Competency.id, m.Competency.name_en, m.Competency.name_es,
                                                    m.Competency.framework_id)
                                             .where(m.Competency.id.in_(sorted(comp_ids)))):
            info[cid] = (en or "", es or "", fid)
    level_names = {(fid, level): pick(en or "", es or "", lang) for fid, level, en, es in conn.execute(
        select(m.ScaleLevel.framework_id, m.ScaleLevel.level, m.ScaleLevel.name_en, m.ScaleLevel.name_es))}
    prereqs: dict[int, list[int]] = {}
    required_by: dict[int, list[str]] = {}
    for cid, pre in conn.execute(select(m.CoursePrerequisite.course_id, m.CoursePrerequisite.prerequisite_id)):
        prereqs.setdefault(cid, []).append(pre)
        required_by.setdefault(pre, []).append(codes[cid])
    tracks = dict(conn.execute(select(m.TrackCourse.course_id, func.count()).group_by(m.TrackCourse.course_id)).all())
    completions = dict(conn.execute(select(m.CourseCompletion.course_id, func.count())
                                    .group_by(m.CourseCompletion.course_id)).all())
    out: list[CourseRow] = []
    for c in courses:
        cid = c["id"]
        items = []
        for comp, level in raises.get(cid, []):
            en, es, fid = info.get(comp, ("", "", -1))
            items.append(CourseRaiseRow(comp, labels.get(comp, f"#{comp}"), pick(en, es, lang), level,
                                        level_names.get((fid, level), "")))
        items.sort(key=lambda r: r.code)
        pres = sorted(prereqs.get(cid, []), key=lambda p: codes[p])
        out.append(CourseRow(
            id=cid, code=c["code"], title=pick(c["title_en"] or "", c["title_es"] or "", lang),
            title_en=c["title_en"] or "", title_es=c["title_es"] or "", description_en=c["description_en"] or "",
            description_es=c["description_es"] or "", area=c["area"], area_label=tr(f"course.area.{c['area']}", lang),
            provider=c["provider"] or "", hours=float(c["hours"]), modality=c["modality"],
            modality_label=tr(f"course.modality.{c['modality']}", lang), active=bool(c["active"]),
            version=int(c["version"]), raises=tuple(items), prerequisites=tuple(codes[p] for p in pres),
            prerequisite_ids=tuple(pres), required_by=tuple(sorted(required_by.get(cid, []))),
            tracks=int(tracks.get(cid, 0)), completions=int(completions.get(cid, 0))))
    return out


def _refs(conn: Connection) -> list[CompetencyRef]:
    rows = conn.execute(
        select(m.Competency.id, m.Framework.code, m.Competency.code, m.Competency.name_en, m.Competency.name_es)
        .join(m.Framework, m.Framework.id == m.Competency.framework_id).where(m.Framework.active.is_(True))).all()
    return [CompetencyRef(cid, fw, code, en, es) for cid, fw, code, en, es in rows]


def list_courses(engine: Engine, lang: str | None = None) -> list[CourseRow]:
    """Every course, by code, with its competencies raised, prerequisites and what uses it."""
    with engine.connect() as conn:
        return _rows(conn, lang)


def get_course(engine: Engine, course_id: int, lang: str | None = None) -> CourseRow:
    """One course; raises :class:`InputError` if there is none with that id."""
    with engine.connect() as conn:
        rows = _rows(conn, lang, only=course_id)
    if not rows:
        raise InputError([Problem("crs.not_found", {"id": course_id})])
    return rows[0]


@dataclass(frozen=True)
class CompetencyChoice:
    """A competency a course can raise, with its scale (for the editor's pickers)."""

    id: int
    code: str
    name: str
    framework: str
    levels: tuple[tuple[int, str], ...]  # (level, name) from the lowest; the lowest cannot be a course's target


def competency_choices(engine: Engine, lang: str | None = None) -> list[CompetencyChoice]:
    """The competencies of the active frameworks, each with its scale."""
    with engine.connect() as conn:
        refs = _refs(conn)
        labels = _competency_labels(conn, set(), refs)
        scales: dict[str, list[tuple[int, str]]] = {}
        for fw, level, en, es in conn.execute(
                select(m.Framework.code, m.ScaleLevel.level, m.ScaleLevel.name_en, m.ScaleLevel.name_es)
                .join(m.ScaleLevel, m.ScaleLevel.framework_id == m.Framework.id)
                .where(m.Framework.active.is_(True)).order_by(m.ScaleLevel.level)):
            scales.setdefault(fw, []).append((int(level), pick(en or "", es or "", lang)))
    return [CompetencyChoice(r.id, labels[r.id], pick(r.name_en, r.name_es, lang), r.framework_code,
                             tuple(scales.get(r.framework_code, [(k, str(k)) for k in range(5)]))) for r in refs]


# -- editing -----------------------------------------------------------------------------------------------------
def _edit_problems(s: Session, edit: CourseEdit, course_id: int | None) -> tuple[list[Problem], dict[str, Any]]:
    """The problems of ``edit`` (each with ``path`` = the field) and its values as stored."""
    problems: list[Problem] = []

    def bad(key: str, path: str, /, **params: Any) -> None:
        problems.append(Problem(key, params, path=path))

    code = clean_text(edit.code)
    values: dict[str, Any] = {"code": code}
    if not code:
        bad("course.code_missing", "code")
    elif len(code) > TEXT_LIMITS["code"]:
        bad("value.too_long", "code", limit=TEXT_LIMITS["code"])
    elif (char := next((ch for ch in ",;" if ch in code), None)) is not None:
        bad("course.code_chars", "code", value=code, char=char)
    else:
        for other_id, other_code, en, es in s.execute(
                select(m.Course.id, m.Course.code, m.Course.title_en, m.Course.title_es)):
            if other_id != course_id and other_code.casefold() == code.casefold():
                bad("crs.code_taken", "code", code=other_code, title=pick(en or "", es or ""))
    for f in ("title_en", "title_es", "provider", "description_en", "description_es"):
        text = clean_text(getattr(edit, f), multiline=f.startswith("description"))
        values[f] = text
        if f in TEXT_LIMITS and len(text) > TEXT_LIMITS[f]:
            bad("value.too_long", f, limit=TEXT_LIMITS[f])
    if not (values["title_en"] or values["title_es"]):
        bad("course.title_missing", "title")
    area = area_of(edit.area)
    if area is None:
        bad("course.area_unknown", "area", value=str(edit.area))
    values["area"] = area
    modality = modality_of(edit.modality)
    if modality is None:
        bad("course.modality_unknown", "modality", value=str(edit.modality))
    values["modality"] = modality
    try:
        hours = float(edit.hours)
    except (TypeError, ValueError):
        hours = math.nan
    if not (math.isfinite(hours) and hours > 0):
        bad("course.hours", "hours", value=str(edit.hours))
    values["hours"] = hours
    values["active"] = bool(edit.active)

    if edit.raises:
        scale = {fid: (lo, hi) for fid, lo, hi in s.execute(
            select(m.ScaleLevel.framework_id, func.min(m.ScaleLevel.level), func.max(m.ScaleLevel.level))
            .group_by(m.ScaleLevel.framework_id))}
        comps = {cid: (code_, en or "", es or "", fid) for cid, code_, en, es, fid in s.execute(
            select(m.Competency.id, m.Competency.code, m.Competency.name_en, m.Competency.name_es,
                   m.Competency.framework_id).where(m.Competency.id.in_(sorted(edit.raises))))}
        for comp, level in edit.raises.items():
            if comp not in comps:
                bad("crs.competency_unknown", f"raises.{comp}", id=comp)
                continue
            code_, en, es, fid = comps[comp]
            lo, hi = scale.get(fid, (0, 4))
            if not lo <= int(level) <= hi:
                bad("staff.level_range", f"raises.{comp}", level=level, low=lo, high=hi, competency=es or en or code_)
            elif int(level) == lo:
                bad("course.raise_lowest", f"raises.{comp}", level=level, competency=code_)
    prereqs = list(dict.fromkeys(int(p) for p in edit.prerequisites))
    if course_id is not None and course_id in prereqs:
        bad("course.prereq_self", "prerequisites", code=code)
        prereqs.remove(course_id)
    if prereqs:
        known = set(s.scalars(select(m.Course.id).where(m.Course.id.in_(prereqs))))
        for p in prereqs:
            if p not in known:
                bad("crs.prereq_id_unknown", "prerequisites", id=p)
        if course_id is not None and known:  # a new course has no dependants: it cannot close a cycle
            graph: nx.DiGraph = nx.DiGraph()
            graph.add_edges_from(s.execute(select(m.CoursePrerequisite.course_id, m.CoursePrerequisite.prerequisite_id)
                                           .where(m.CoursePrerequisite.course_id != course_id)).all())
            graph.add_edges_from((course_id, p) for p in known)
            ids = _cycle_through(graph, course_id)
            if ids:
                names = dict(s.execute(select(m.Course.id, m.Course.code).where(m.Course.id.in_(ids))).all())
                names[course_id] = code or names.get(course_id, "")
                bad("crs.cycle", "prerequisites", path=" → ".join(names[i] for i in ids))
    values["prerequisites"] = prereqs
    return problems, values


def _stale(code: str, yours: int | None, current: int) -> InputError:
    return InputError([Problem("crs.stale", {"code": code, "yours": yours, "current": current})])


def _snapshot(course: m.Course) -> dict[str, Any]:
    return {f: _jsonable(getattr(course, f)) for f in ("code", *SCALAR_FIELDS)}


def save_course(engine: Engine, edit: CourseEdit, *, user: str | None) -> int:
    """Create (``edit.id`` None) or update a course, its competencies raised and its prerequisites; returns its
    id. Raises :class:`InputError` with one problem per wrong field (``Problem.path`` names it), or when the
    course was changed since ``edit.version`` was read (or deleted). Writes an audit-log row."""
    if edit.id is not None and edit.version is None:
        raise ValueError("updating a course needs the version that was read (CourseEdit.version)")
    try:
        with unit_of_work(engine) as s:
            course: m.Course | None = None
            if edit.id is not None:
                course = s.get(m.Course, edit.id)
                if course is None:
                    raise InputError([Problem("crs.not_found", {"id": edit.id})])
                if course.version != edit.version:
                    raise _stale(course.code, edit.version, course.version)
            problems, values = _edit_problems(s, edit, edit.id)
            if problems:
                raise InputError(problems)
            prereqs = values.pop("prerequisites")
            raises = {int(k): int(v) for k, v in edit.raises.items()}
            if course is None:
                course = m.Course(**values)
                s.add(course)
                s.flush()
                before: dict[str, Any] = {}
                old_raises: dict[int, int] = {}
                old_prereqs: list[int] = []
            else:
                before = _snapshot(course)
                old_raises = dict(s.execute(select(m.CourseCompetency.competency_id, m.CourseCompetency.target_level)
                                            .where(m.CourseCompetency.course_id == course.id)).all())
                old_prereqs = sorted(s.scalars(select(m.CoursePrerequisite.prerequisite_id)
                                               .where(m.CoursePrerequisite.course_id == course.id)))
                for k, v in values.items():
                    setattr(course, k, v)
                flag_modified(course, "code")  # the version moves on every save, links included
                s.flush()
            cid = course.id
            if raises != old_raises:
                s.execute(delete(m.CourseCompetency).where(m.CourseCompetency.course_id == cid))
                s.add_all(m.CourseCompetency(course_id=cid, competency_id=k, target_level=v) for k, v in raises.items())
            if sorted(prereqs) != old_prereqs:
                s.execute(delete(m.CoursePrerequisite).where(m.CoursePrerequisite.course_id == cid))
                s.add_all(m.CoursePrerequisite(course_id=cid, prerequisite_id=p) for p in prereqs)
            after = _snapshot(course)
            details: dict[str, Any] = {"code": course.code}
            if edit.id is None:
                details.update(after, raises=sorted([k, v] for k, v in raises.items()), prerequisites=sorted(prereqs))
            else:
                details["changes"] = {f: [before[f], after[f]] for f in after if before[f] != after[f]}
                if raises != old_raises:
                    details["changes"]["raises"] = [sorted([k, v] for k, v in old_raises.items()),
                                                    sorted([k, v] for k, v in raises.items())]
                if sorted(prereqs) != old_prereqs:
                    details["changes"]["prerequisites"] = [old_prereqs, sorted(prereqs)]
            s.add(m.AuditLog(actor=user, action="course_create" if edit.id is None else "course_update",
                             entity_type="course", entity_id=cid, details=details))
            s.flush()
    except StaleDataError:
        current = _current_version(engine, edit.id)
        if current is None:
            raise InputError([Problem("crs.not_found", {"id": edit.id})]) from None
        raise _stale(edit.code, edit.version, current) from None
    return cid


def _current_version(engine: Engine, course_id: int | None) -> int | None:
    if course_id is None:
        return None
    with engine.connect() as conn:
        return conn.execute(select(m.Course.version).where(m.Course.id == course_id)).scalar()


@dataclass(frozen=True)
class CourseUsage:
    required_by: tuple[str, ...]  # codes of courses that have it as a prerequisite
    tracks: tuple[str, ...]  # codes of tracks that include it
    completions: int


def _usage(s: Session, course_id: int) -> CourseUsage:
    required = s.scalars(select(m.Course.code).join(m.CoursePrerequisite, m.CoursePrerequisite.course_id == m.Course.id)
                         .where(m.CoursePrerequisite.prerequisite_id == course_id).order_by(m.Course.code)).all()
    tracks = s.scalars(select(m.Track.code).join(m.TrackCourse, m.TrackCourse.track_id == m.Track.id)
                       .where(m.TrackCourse.course_id == course_id).order_by(m.Track.code)).all()
    completions = s.scalar(select(func.count()).select_from(m.CourseCompletion)
                           .where(m.CourseCompletion.course_id == course_id)) or 0
    return CourseUsage(tuple(required), tuple(tracks), int(completions))


def course_usage(engine: Engine, course_id: int) -> CourseUsage:
    """What would stop :func:`delete_course`: dependent courses, tracks, completions."""
    with Session(engine) as s:
        return _usage(s, course_id)


def delete_course(engine: Engine, course_id: int, *, user: str | None, force: bool = False,
                  version: int | None = None) -> None:
    """Delete a course with its competencies raised and prerequisite links; audit-logged.

    Refused when completions are recorded for it (deleting would erase them: deactivate it instead, even with
    ``force``); refused when it is a prerequisite of other courses or part of a track, unless ``force`` (then
    those links are removed with it). With ``version``, refused if the course changed since that version."""
    try:
        with unit_of_work(engine) as s:
            course = s.get(m.Course, course_id)
            if course is None:
                raise InputError([Problem("crs.not_found", {"id": course_id})])
            if version is not None and course.version != version:
                raise _stale(course.code, version, course.version)
            usage = _usage(s, course_id)
            if usage.completions:
                raise InputError([Problem("crs.delete_completions", {"code": course.code, "count": usage.completions})])
            refusals = []
            if usage.required_by and not force:
                refusals.append(Problem("crs.delete_required", {"code": course.code,
                                                                "codes": ", ".join(usage.required_by)}))
            if usage.tracks and not force:
                refusals.append(Problem("crs.delete_tracks", {"code": course.code, "tracks": ", ".join(usage.tracks)}))
            if refusals:
                raise InputError(refusals)
            details = {**_snapshot(course), "forced": force, "required_by": list(usage.required_by),
                       "tracks": list(usage.tracks)}
            s.execute(delete(m.CourseCompetency).where(m.CourseCompetency.course_id == course_id))
            s.execute(delete(m.CoursePrerequisite).where((m.CoursePrerequisite.course_id == course_id)
                                                         | (m.CoursePrerequisite.prerequisite_id == course_id)))
            s.execute(delete(m.TrackCourse).where(m.TrackCourse.course_id == course_id))
            s.delete(course)
            s.add(m.AuditLog(actor=user, action="course_delete", entity_type="course", entity_id=course_id,
                             details=details))
            s.flush()
    except StaleDataError:
        current = _current_version(engine, course_id)
        if current is None:
            raise InputError([Problem("crs.not_found", {"id": course_id})]) from None
        raise _stale(str(course_id), version, current) from None


# -- export ------------------------------------------------------------------------------------------------------
def _hours_text(hours: float, decimal_comma: bool) -> str:
    text = str(int(hours)) if float(hours).is_integer() else repr(float(hours))
    return text.replace(".", ",") if decimal_comma else text


def _export_rows(rows: list[CourseRow], lang: str) -> list[list[Any]]:
    out: list[list[Any]] = []
    for r in rows:
        out.append([
            r.code, r.title_en, r.title_es, tr(f"course.area.{r.area}", lang), r.provider, r.hours,
            tr(f"course.modality.{r.modality}", lang), "; ".join(f"{x.code}:{x.level}" for x in r.raises),
            codes_list(r.prerequisites), tr("crs.yes" if r.active else "crs.no", lang), r.description_en,
            r.description_es,
        ])
    return out


def export_courses(engine: Engine, path: str | Path, *, lang: str | None = None, user: str | None = None) -> Path:
    """Write the whole catalogue to ``path`` (``.xlsx`` or ``.csv``) in the layout the import reads, headers and
    words in ``lang``. CSV files are UTF-8 with a byte-order mark; in Spanish, separated by ``;`` with decimal
    commas, as Excel in Spanish writes them. Text is never written as a formula (xlsx: text cells; CSV: a leading
    apostrophe before ``= + - @``, which the import drops). Audit-logged."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".xlsx", ".csv"):
        raise InputError([Problem("crs.export_ext", {"ext": ext}, file=str(path))])
    language = normalise_language(lang) if lang else get_language()
    rows = list_courses(engine, language)
    headers = [tr(f"crs.header.{f}", language) for f in EXPORT_FIELDS]
    table = _export_rows(rows, language)
    if ext == ".csv":
        comma = language == "es"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";" if comma else ",", lineterminator="\r\n")
            writer.writerow(headers)
            for row in table:
                writer.writerow([_hours_text(v, comma) if isinstance(v, float) else csv_safe(v) for v in row])
    else:
        wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False})
        try:
            ws = wb.add_worksheet(tr("crs.sheet_name", language))
            head = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True,
                                  "valign": "top"})
            wrap = wb.add_format({"text_wrap": True, "valign": "top"})
            for c, h in enumerate(headers):
                ws.write_string(0, c, h, head)
            for r, row in enumerate(table, start=1):
                for c, v in enumerate(row):
                    if isinstance(v, float):
                        ws.write_number(r, c, v)
                    elif v:
                        ws.write_string(r, c, str(v), wrap if EXPORT_FIELDS[c].startswith("description") else None)
            widths = {"code": 10, "title_en": 40, "title_es": 40, "provider": 28, "competencies": 36,
                      "prerequisites": 18, "description_en": 60, "description_es": 60}
            for c, f in enumerate(EXPORT_FIELDS):
                ws.set_column(c, c, widths.get(f, 12))
            ws.freeze_panes(1, 1)
            ws.autofilter(0, 0, max(len(table), 1), len(headers) - 1)
        finally:
            wb.close()
    with engine.begin() as conn:
        conn.execute(insert(m.AuditLog).values(actor=user, action="export_courses", entity_type="course",
                                               details={"file": path.name, "courses": len(rows),
                                                        "language": language}))
    return path


# -- the planner's input -----------------------------------------------------------------------------------------
def catalogue_options(engine: Engine) -> list[CourseOption]:
    """The active courses as the planner sees them (id, code, hours, competency id → target level, prerequisite
    ids), by code. A course that cannot be taken because one of its prerequisites is inactive (or, in turn,
    cannot be taken) is left out, so every prerequisite id is one of the options: the rule of
    :meth:`skillmap.services.training.CatalogueGraph.options`, which this reads through."""
    from skillmap.services.training import load_catalogue_graph

    with engine.connect() as conn:
        graph = load_catalogue_graph(conn)
    codes = graph.codes
    return sorted((replace(o, prerequisites=tuple(sorted(o.prerequisites, key=codes.__getitem__)))
                   for o in graph.options()), key=lambda o: o.code)


__all__ = [
    "EXPORT_FIELDS", "KIND", "CompetencyChoice", "CourseEdit", "CourseRaiseRow", "CourseRow", "CourseUsage",
    "CoursesPlan", "PlannedCourse", "catalogue_options", "commit_courses", "competency_choices", "course_usage",
    "delete_course", "export_courses", "framework_scales", "get_course", "list_courses", "plan_courses",
    "plan_courses_file", "read_catalogue", "save_course",
]
