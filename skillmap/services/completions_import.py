"""Import course completions: plan (what would be stored), commit (one transaction); undo is the staff import's.

A parsed file (:class:`~skillmap.importing.completions.ParsedCompletions`) becomes a
:class:`CompletionsPlan`: every completion resolved to a stored person (by employee number) and a
catalogue course (by code, else by English or Spanish title), with a located problem for each row that names
an unknown person or course. Nothing is written until :func:`commit_completions`, which stores the new
completions in one transaction together with the :class:`~skillmap.db.models.ImportBatch` that records the
file (name, SHA-256), who imported it, when and the counts, and an audit-log row. The batch is undone as a
whole with :func:`skillmap.services.staff_import.undo_import` (it deletes the completions by
``import_batch_id``).

Rules:
* A completion identical to one already stored (same person, course, date and result) is counted and not
  stored again, so re-importing the same file adds nothing.
* The same completion twice in the file (same person, course and date, once the course is resolved — the
  parser already catches rows that spell everything the same) is an error on the later row.
* Rows with errors (from the parser, unknown people or courses, duplicates) are stored only when the caller
  chooses to skip them (``skip_bad_rows=True``): then the other rows are imported.
* **A passed course raises the recorded level.** For every new *passed* completion and every competency the
  course raises (``CourseCompetency``), a validated assessment is appended in the same transaction and with the
  same ``import_batch_id`` (so undoing the import removes it too): ``source="course"``, ``level`` = the course's
  target level, ``assessed_on`` = the completion date, ``evidence`` = the course code. Only where that level is
  higher than the person's current level in the competency as of that date (:mod:`skillmap.services.levels`:
  the latest validated assessment on or before it, counting the course levels this same import appends for
  earlier dates; an unknown level counts as lower): appending a lower level would become the latest assessment
  and lower the person. Two courses of the file raising the same competency of one person on one day count as
  one, at the higher level. Later assessments stay as they are (the latest one still wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, String, insert, select, type_coerce, update

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.bulk import bulk_insert, date_values, indexes_rebuilt_after, timestamp_value
from skillmap.frameworks.longtable import normalise
from skillmap.i18n import register, tr
from skillmap.importing import values as V
from skillmap.importing.completions import REQUIRED, RESULTS, ParsedCompletions, completion_field
from skillmap.importing.model import COMPLETION_FIELDS, RawSheet, StaffMapping
from skillmap.importing.staff import HEADER_SCAN_ROWS
from skillmap.problems import InputError, Problem, Severity
from skillmap.services.levels import SOURCE_RANK_SQL
from skillmap.services.staff_import import ImportOutcome, file_sha256
from skillmap.tasks import Progress

KIND = "completions"  # ImportBatch.kind and ImportMapping.kind of a completions import
CHUNK = 50_000

register(
    {
        "cimp.unknown_person": {
            "en": "employee {value} is not in the database; import the staff first",
            "es": "la persona con número de empleado {value} no está en la base de datos; importe primero el "
                  "personal",
        },
        "cimp.unknown_course": {
            "en": "course “{value}” is neither a course code nor a course title of the catalogue",
            "es": "el curso «{value}» no es una clave ni un nombre de curso del catálogo",
        },
        "cimp.ambiguous_course": {
            "en": "course title “{value}” names several courses of the catalogue ({codes}); use the course code",
            "es": "el nombre de curso «{value}» corresponde a varios cursos del catálogo ({codes}); use la clave "
                  "del curso",
        },
        "cimp.no_catalogue": {
            "en": "the course catalogue is empty: load the sample organisation or the catalogue before importing "
                  "completions",
            "es": "el catálogo de cursos está vacío: cargue la organización de muestra o el catálogo antes de "
                  "importar constancias",
        },
        "cimp.no_staff": {
            "en": "there are no staff in the database: import the staff before their course completions",
            "es": "no hay personal en la base de datos: importe el personal antes de sus constancias",
        },
        "cimp.duplicate": {
            "en": "the same completion (employee {employee}, course {code}, date {date}) already appears in row "
                  "{first_row}, where the course is written “{written}”",
            "es": "la misma constancia (empleado {employee}, curso {code}, fecha {date}) ya aparece en la fila "
                  "{first_row}, donde el curso se escribe «{written}»",
        },
        "cimp.by_title": {
            "en": "courses recognised by their title instead of their code: {count} ({examples})",
            "es": "cursos reconocidos por su nombre en lugar de su clave: {count} ({examples})",
        },
        "cimp.has_errors": {
            "en": "{count} rows have errors; fix them, skip them, or cancel",
            "es": "{count} filas tienen errores; corríjalas, omítalas o cancele",
        },
        "cimp.nothing_new": {
            "en": "there is nothing new to import: {stored} of the file's completions are already stored",
            "es": "no hay nada nuevo que importar: {stored} constancias del archivo ya están guardadas",
        },
        "cimp.nothing": {
            "en": "the file holds no course completions that can be imported",
            "es": "el archivo no contiene constancias de cursos que puedan importarse",
        },
        "cimp.step.store": {"en": "Storing course completions", "es": "Guardando constancias de cursos"},
        "cimp.step.levels": {"en": "Raising levels from passed courses",
                             "es": "Elevando niveles por cursos acreditados"},
    }
)


# -- sheets --------------------------------------------------------------------------------------------------
def score_completions_header(sheet: RawSheet) -> float:
    """How much ``sheet`` looks like a list of course completions, from 0 to 1 (every completion field has a
    column). The best of the first rows counts; without both an employee-number and a course column the score
    is halved. Use it to propose the likely sheet of a workbook (:func:`~skillmap.importing.reader.likely_sheet`)."""
    best = 0.0
    seen = 0
    for row in sheet.rows:
        if all(V.is_blank(c) for c in row):
            continue
        seen += 1
        if seen > HEADER_SCAN_ROWS:
            break
        found = {completion_field(t) for c in row if (t := V.cell_text(c))}
        found.discard(None)
        score = len(found) / len(COMPLETION_FIELDS)
        if not all(f in found for f in REQUIRED):
            score /= 2
        best = max(best, score)
    return round(best, 3)


# -- the plan ------------------------------------------------------------------------------------------------
@dataclass
class CompletionsPlan:
    """What an import would store. Arrays are aligned with the parsed completions (rows without parse errors)."""

    file: str
    sha256: str
    sheet: str | None
    mapping: StaffMapping
    parsed: ParsedCompletions
    staff_id: np.ndarray  # int64, -1 when the employee number is not stored
    course_id: np.ndarray  # int64, -1 when the course is not in the catalogue
    keep: np.ndarray  # bool: new, resolved, not a duplicate — stored by commit
    already_stored: np.ndarray  # bool: identical completion already in the database
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    unknown_people: list[str] = field(default_factory=list)
    unknown_courses: list[str] = field(default_factory=list)
    courses_by_title: dict[str, str] = field(default_factory=dict)  # text as written -> code
    duplicates_in_file: int = 0  # rows that repeat an earlier row of the file (from the parser and here)
    staff_names: dict[int, str] = field(default_factory=dict)  # staff id -> full name (for previews)
    course_codes: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id -> (code, title en, es)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def new(self) -> int:
        return int(self.keep.sum())

    def status(self) -> np.ndarray:
        """Per parsed completion: ``"new"``, ``"stored"`` (already in the database) or ``"error"``."""
        out = np.full(len(self.keep), "error", dtype=object)
        out[self.keep] = "new"
        out[self.already_stored] = "stored"
        return out

    def counts(self) -> dict[str, int]:
        kept = self.parsed.result[self.keep] if len(self.keep) else np.zeros(0, np.int8)
        return {
            "completions_read": len(self.parsed) + len(self.parsed.error_rows - {self.parsed.header_row}),
            "completions_new": self.new,
            "already_stored": int(self.already_stored.sum()),
            "passed": int((kept == RESULTS.index("passed")).sum()),
            "failed": int((kept == RESULTS.index("failed")).sum()),
            "in_progress": int((kept == RESULTS.index("in_progress")).sum()),
            "unknown_people": len(self.unknown_people), "unknown_courses": len(self.unknown_courses),
            "courses_by_title": len(self.courses_by_title), "duplicates_in_file": self.duplicates_in_file,
            "rows_with_errors": len(self.bad_rows), "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors), "skipped_rows": self.parsed.skipped_rows,
        }

    def to_json(self, lang: str | None = None, limit: int = 10_000) -> dict[str, Any]:
        return {
            "file": Path(self.file).name, "sha256": self.sha256, "sheet": self.sheet,
            "header_row": self.parsed.header_row, "counts": self.counts(),
            "score_scale": self.parsed.score_scale,
            "unknown_people": self.unknown_people[:limit], "unknown_courses": self.unknown_courses[:limit],
            "courses_by_title": dict(list(self.courses_by_title.items())[:limit]),
            "ignored_columns": list(self.parsed.ignored_columns),
            "problems": [p.to_json(lang) for p in self.problems[:limit]],
            "mapping": self.mapping.to_json(),
        }


@dataclass
class _Catalogue:
    by_code: dict[str, int]  # normalised code -> id
    by_title: dict[str, set[int]]  # normalised English or Spanish title -> ids
    codes: dict[int, tuple[str, str, str]]  # id -> (code, title en, title es)


def _catalogue(conn: Connection) -> _Catalogue:
    by_code: dict[str, int] = {}
    by_title: dict[str, set[int]] = {}
    codes: dict[int, tuple[str, str, str]] = {}
    for cid, code, en, es in conn.execute(
            select(m.Course.id, m.Course.code, m.Course.title_en, m.Course.title_es).order_by(m.Course.id)):
        codes[cid] = (code, en or "", es or "")
        by_code.setdefault(normalise(code), cid)
        for title in (en, es):
            if title and normalise(title):
                by_title.setdefault(normalise(title), set()).add(cid)
    return _Catalogue(by_code, by_title, codes)


def _people(conn: Connection, numbers: list[str]) -> dict[str, tuple[int, str]]:
    """Stored people the file names: employee number -> (id, full name). A long list reads the table once."""
    if not numbers:
        return {}
    columns = select(m.Staff.employee_number, m.Staff.id, m.Staff.given_names, m.Staff.first_surname,
                     m.Staff.second_surname)
    wanted = set(numbers)
    rows = conn.execute(columns).all() if len(wanted) > 2000 else conn.execute(
        columns.where(m.Staff.employee_number.in_(sorted(wanted)))).all()
    return {num: (sid, " ".join(x for x in (given, s1, s2) if x)) for num, sid, given, s1, s2 in rows
            if num in wanted}


def _already_stored(conn: Connection, staff_id: np.ndarray, course_id: np.ndarray, days: np.ndarray,
                    result: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Which ``candidates`` (a bool mask) match a stored completion: same person, course, date and result."""
    out = np.zeros(len(staff_id), dtype=bool)
    if not candidates.any():
        return out
    ids = sorted({int(s) for s in staff_id[candidates].tolist()})
    columns = select(m.CourseCompletion.staff_id, m.CourseCompletion.course_id, m.CourseCompletion.completed_on,
                     m.CourseCompletion.result)
    if len(ids) > 2000:
        wanted = set(ids)
        rows = [r for r in conn.execute(columns).all() if r[0] in wanted]
    else:
        rows = conn.execute(columns.where(m.CourseCompletion.staff_id.in_(ids))).all()
    if not rows:
        return out
    code_of = {name: i for i, name in enumerate(RESULTS)}
    stored = np.array([(sid, cid, np.datetime64(on, "D").astype(np.int64), code_of.get(res, -1))
                       for sid, cid, on, res in rows], dtype=np.int64).reshape(-1, 4)
    sel = np.flatnonzero(candidates)
    mine = np.stack([staff_id[sel], course_id[sel], days[sel].astype("datetime64[D]").astype(np.int64),
                     result[sel].astype(np.int64)], axis=1)
    _, inverse = np.unique(np.concatenate([stored, mine]), axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    out[sel] = np.isin(inverse[len(stored):], inverse[:len(stored)])
    return out


def plan_completions(engine: Engine, parsed: ParsedCompletions, *, sha256: str | None = None) -> CompletionsPlan:
    """Resolve a parsed file against the database. Reads only; nothing is written."""
    n = len(parsed)
    file, sheet = parsed.file, parsed.sheet
    emp_header = parsed.mapping.fields.get("employee_number") or None
    course_header = parsed.mapping.fields.get("course") or None
    problems = list(parsed.problems)
    bad_rows = set(parsed.error_rows)
    duplicates = sum(1 for p in parsed.problems if p.key == "completion.duplicate")

    def row_problem(key: str, row: int, column: str | None, severity: Severity = "error", **params: Any) -> None:
        problems.append(Problem(key, params, file=file, sheet=sheet, row=row, column=column, severity=severity))
        if severity == "error":
            bad_rows.add(row)

    rows = parsed.row.tolist()
    with engine.connect() as conn:
        catalogue = _catalogue(conn)
        people = _people(conn, list(dict.fromkeys(parsed.employee_number)))
        staff_id = np.array([people[e][0] if e in people else -1 for e in parsed.employee_number], dtype=np.int64)

        # courses: by code, else by English or Spanish title (each distinct text resolved once)
        resolved: dict[str, int] = {}
        by_title: dict[str, str] = {}
        unknown_courses: list[str] = []
        ambiguous: dict[str, str] = {}
        for text in dict.fromkeys(parsed.course):
            key = normalise(text)
            cid = catalogue.by_code.get(key)
            if cid is None:
                ids = catalogue.by_title.get(key, set())
                if len(ids) == 1:
                    cid = next(iter(ids))
                    by_title[text] = catalogue.codes[cid][0]
                elif len(ids) > 1:
                    ambiguous[text] = ", ".join(sorted(catalogue.codes[i][0] for i in ids))
            if cid is None:
                if text not in ambiguous:
                    unknown_courses.append(text)
                resolved[text] = -1
            else:
                resolved[text] = cid
        course_id = np.array([resolved[c] for c in parsed.course], dtype=np.int64)

        if n and not catalogue.codes:
            problems.append(Problem("cimp.no_catalogue", {}, file=file, sheet=sheet))
        if n and not people and not _any_staff(conn):
            problems.append(Problem("cimp.no_staff", {}, file=file, sheet=sheet))
        unknown_people = list(dict.fromkeys(e for e, s in zip(parsed.employee_number, staff_id.tolist(),
                                                              strict=True) if s < 0))
        for k in np.flatnonzero(staff_id < 0).tolist():
            row_problem("cimp.unknown_person", rows[k], emp_header, value=parsed.employee_number[k])
        for k in np.flatnonzero(course_id < 0).tolist():
            text = parsed.course[k]
            if text in ambiguous:
                row_problem("cimp.ambiguous_course", rows[k], course_header, value=text, codes=ambiguous[text])
            else:
                row_problem("cimp.unknown_course", rows[k], course_header, value=text)
        if by_title:
            examples = "; ".join(f"{t} → {c}" for t, c in list(by_title.items())[:3])
            problems.append(Problem("cimp.by_title", {"count": len(by_title), "examples": examples}, file=file,
                                    sheet=sheet, row=parsed.header_row or None, column=course_header,
                                    severity="warning"))

        # the same completion twice once courses are resolved (same person, course and date)
        known = (staff_id >= 0) & (course_id >= 0)
        days = parsed.completed_on.astype("datetime64[D]")
        duplicate = np.zeros(n, dtype=bool)
        sel = np.flatnonzero(known)
        if sel.size:
            keys = np.stack([staff_id[sel], course_id[sel], days[sel].astype(np.int64)], axis=1)
            _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
            inverse = inverse.reshape(-1)
            later = np.flatnonzero(first[inverse] != np.arange(sel.size))
            for j in later.tolist():
                k, f = int(sel[j]), int(sel[first[inverse[j]]])
                duplicate[k] = True
                row_problem("cimp.duplicate", rows[k], course_header, employee=parsed.employee_number[k],
                            code=catalogue.codes[int(course_id[k])][0], date=str(days[k]), first_row=rows[f],
                            written=parsed.course[f])
        duplicates += int(duplicate.sum())

        stored = _already_stored(conn, staff_id, course_id, days, parsed.result, known & ~duplicate)
    keep = known & ~duplicate & ~stored
    problems.sort(key=lambda p: (p.severity != "error", p.row or 0))
    names = {sid: name for sid, name in people.values()}
    return CompletionsPlan(
        file=file, sha256=sha256 or (file_sha256(file) if Path(file).is_file() else ""), sheet=sheet,
        mapping=parsed.mapping, parsed=parsed, staff_id=staff_id, course_id=course_id, keep=keep,
        already_stored=stored, problems=problems, bad_rows=bad_rows, unknown_people=unknown_people,
        unknown_courses=unknown_courses, courses_by_title=by_title, duplicates_in_file=duplicates,
        staff_names=names, course_codes=catalogue.codes,
    )


def _any_staff(conn: Connection) -> bool:
    return conn.execute(select(m.Staff.id).limit(1)).first() is not None


# -- commit --------------------------------------------------------------------------------------------------
def commit_completions(engine: Engine, plan: CompletionsPlan, *, actor: str | None = None,
                       progress: Progress | None = None, skip_bad_rows: bool = False) -> ImportOutcome:
    """Store the plan's new completions in one transaction, recorded as an import that can be undone.

    A plan with errors is refused unless ``skip_bad_rows`` (then the rows with errors are left out). A
    completion stored by someone else since the plan was made is not stored twice. Cancelling through
    ``progress`` rolls everything back.
    """
    progress = progress or Progress()
    if plan.errors and not skip_bad_rows:
        raise InputError([Problem("cimp.has_errors", {"count": len(plan.bad_rows) or len(plan.errors)},
                                  file=plan.file, sheet=plan.sheet), *plan.errors[:50]])
    if not plan.new:
        stored = int(plan.already_stored.sum())
        raise InputError([Problem("cimp.nothing_new", {"stored": stored}, file=plan.file, sheet=plan.sheet)
                          if stored else Problem("cimp.nothing", {}, file=plan.file, sheet=plan.sheet)])
    parsed = plan.parsed
    days = parsed.completed_on.astype("datetime64[D]")
    now = utcnow()
    counts = plan.counts()
    with engine.begin() as conn:
        progress.report(0, plan.new + 1, tr("cimp.step.store"))
        # completions stored since the plan was made (another import, another user) are not stored twice
        late = _already_stored(conn, plan.staff_id, plan.course_id, days, parsed.result, plan.keep)
        sel = np.flatnonzero(plan.keep & ~late)
        total = len(sel) + 1
        batch_id = conn.execute(insert(m.ImportBatch).values(
            kind=KIND, file_name=Path(plan.file).name, file_sha256=plan.sha256, imported_by=actor,
            started_at=now, status="running", counts=counts)).inserted_primary_key[0]  # type: ignore[index]
        results = np.array(RESULTS, dtype=object)
        names = ("staff_id", "course_id", "completed_on", "result", "score", "import_batch_id")
        with indexes_rebuilt_after(conn, m.CourseCompletion.__table__, len(sel)):
            for start in range(0, len(sel), CHUNK):
                part = sel[start:start + CHUNK]
                score = np.round(parsed.score[part].astype(np.float64), 2)
                rows = list(zip(
                    plan.staff_id[part].tolist(), plan.course_id[part].tolist(), date_values(conn, days[part]),
                    results[parsed.result[part]].tolist(),
                    [None if s != s else s for s in score.tolist()],  # NaN: no score
                    [batch_id] * len(part), strict=True))
                bulk_insert(conn, m.CourseCompletion.__table__, names, rows)
                progress.report(start + len(part), total, tr("cimp.step.store"))
        progress.report(len(sel), total, tr("cimp.step.levels"))
        passed = sel[parsed.result[sel] == RESULTS.index("passed")]
        raised = course_levels(conn, plan.staff_id[passed], plan.course_id[passed], days[passed], batch_id, now)
        final = {**counts, "completions_added": len(sel), "already_stored": counts["already_stored"] + int(
            late.sum()), "completions_new": len(sel), "levels_raised": raised}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="done", finished_at=utcnow(), counts=final))
        conn.execute(insert(m.AuditLog).values(
            actor=actor, action="import_completions", entity_type="import_batch", entity_id=batch_id,
            details={"file": Path(plan.file).name, "sha256": plan.sha256, "sheet": plan.sheet, **final}))
        progress.report(total, total, "")
    return ImportOutcome(batch_id, final)


# -- levels from passed courses ---------------------------------------------------------------------------------
_SAME_DAY_RANK = m.SOURCE_RANK["course"]


_LEVEL_ROW = np.dtype([("staff", "i8"), ("comp", "i8"), ("level", "i8"), ("day", "M8[D]"), ("rank", "i8"),
                       ("id", "i8")])
SCAN_ABOVE = 5000  # more people than this: one scan of the competencies' assessments beats index look-ups


def _level_rows(conn: Connection, staff: list[int], comps: list[int]) -> np.ndarray:
    """Validated assessments of these people (sorted ids) in these competencies, as a :data:`_LEVEL_ROW` array.
    ``assessed_on`` comes as stored (text on SQLite) and numpy parses it: no per-row date objects."""
    a = m.Assessment
    q = select(a.staff_id, a.competency_id, a.level, type_coerce(a.assessed_on, String), SOURCE_RANK_SQL, a.id
               ).where(a.validated.is_(True), a.competency_id.in_(comps))
    parts: list[np.ndarray] = []
    chunks = [staff] if len(staff) > SCAN_ABOVE else [staff[i:i + 2000] for i in range(0, len(staff), 2000)]
    for chunk in chunks:
        rows = conn.execute(q if len(staff) > SCAN_ABOVE else q.where(a.staff_id.in_(chunk))).fetchall()
        arr = np.fromiter(map(tuple, rows), dtype=_LEVEL_ROW, count=len(rows))
        del rows
        parts.append(arr[np.isin(arr["staff"], np.asarray(chunk, dtype=np.int64))])
    return np.concatenate(parts) if parts else np.zeros(0, dtype=_LEVEL_ROW)


def course_levels(conn: Connection, staff_id: np.ndarray, course_id: np.ndarray, completed_on: np.ndarray,
                  batch_id: int | None, created_at: Any) -> int:
    """Append the course assessments that passed completions earn (the rule in the module docstring), inside the
    caller's transaction; returns how many were appended. ``staff_id``, ``course_id`` and ``completed_on``
    (``datetime64[D]``) describe the passed completions."""
    if not len(staff_id):
        return 0
    cc = m.CourseCompetency
    raises = conn.execute(select(cc.course_id, cc.competency_id, cc.target_level, m.Course.code)
                          .join(m.Course, m.Course.id == cc.course_id)
                          .where(cc.course_id.in_(sorted({int(c) for c in course_id.tolist()})))
                          .order_by(cc.course_id, cc.competency_id)).all()
    if not raises:
        return 0
    r_course = np.array([r[0] for r in raises], dtype=np.int64)
    r_comp = np.array([r[1] for r in raises], dtype=np.int64)
    r_level = np.array([r[2] for r in raises], dtype=np.int64)
    r_code = np.array([r[3] for r in raises], dtype=object)
    # every (completion, competency its course raises)
    lo = np.searchsorted(r_course, course_id, side="left")
    per = np.searchsorted(r_course, course_id, side="right") - lo
    k = np.repeat(np.arange(len(staff_id)), per)
    row = np.repeat(lo, per) + np.arange(len(k)) - np.repeat(np.cumsum(per) - per, per)
    if not len(k):
        return 0
    c_staff, c_comp, c_level, c_code = staff_id[k].astype(np.int64), r_comp[row], r_level[row], r_code[row]
    c_day = completed_on[k].astype("datetime64[D]").astype(np.int64)
    # one candidate per person, competency and day: the highest level (then the first course code)
    order = np.lexsort((c_code.astype(str), -c_level, c_day, c_comp, c_staff))
    c_staff, c_comp, c_day, c_level, c_code = (c_staff[order], c_comp[order], c_day[order], c_level[order],
                                               c_code[order])
    first = np.ones(len(order), dtype=bool)
    first[1:] = (c_staff[1:] != c_staff[:-1]) | (c_comp[1:] != c_comp[:-1]) | (c_day[1:] != c_day[:-1])
    c_staff, c_comp, c_day, c_level, c_code = (c_staff[first], c_comp[first], c_day[first], c_level[first],
                                               c_code[first])
    # the current level of each candidate's cell as of its day, from the stored assessments
    e = _level_rows(conn, sorted(set(c_staff.tolist())), sorted(set(c_comp.tolist())))
    n_comp = int(max(c_comp.max(), e["comp"].max() if len(e) else 0)) + 1
    c_pair = c_staff * n_comp + c_comp
    e_pair = e["staff"] * n_comp + e["comp"]
    e = e[np.isin(e_pair, c_pair)]  # only the cells that get a candidate
    e_pair = e_pair[np.isin(e_pair, c_pair)]
    e_day = e["day"].astype(np.int64)
    low = int(min(c_day.min(), e_day.min() if len(e_day) else c_day.min()))
    span = int(max(c_day.max(), e_day.max() if len(e_day) else c_day.max())) - low + 1
    c_key = c_pair * span + (c_day - low)
    base_level = np.full(len(c_key), -1, dtype=np.int64)  # −1: unknown
    base_day = np.full(len(c_key), np.iinfo(np.int64).min, dtype=np.int64)
    base_rank = np.zeros(len(c_key), dtype=np.int64)
    if len(e):
        e_key = e_pair * span + (e_day - low)
        e_order = np.lexsort((e["id"], e["rank"], e_key))
        e_key, e_pair, e_lvl, e_rank, e_day = (e_key[e_order], e_pair[e_order], e["level"][e_order],
                                               e["rank"][e_order], e_day[e_order])
        at = np.searchsorted(e_key, c_key, side="right") - 1  # the winner on or before the candidate's day
        hit = (at >= 0) & (e_pair[np.maximum(at, 0)] == c_pair)
        base_level[hit] = e_lvl[at[hit]]
        base_day[hit] = e_day[at[hit]]
        base_rank[hit] = e_rank[at[hit]]
    take = c_level > base_level
    # a cell with several candidates: a course level appended for an earlier day may be the current one
    multi = np.flatnonzero(np.r_[c_pair[1:] == c_pair[:-1], False] | np.r_[False, c_pair[1:] == c_pair[:-1]])
    last_pair, appended = -1, None
    for j in multi.tolist():
        if c_pair[j] != last_pair:
            last_pair, appended = int(c_pair[j]), None
        current = int(base_level[j])
        if appended is not None and (appended[0], _SAME_DAY_RANK) >= (int(base_day[j]), int(base_rank[j])):
            current = appended[1]
        take[j] = int(c_level[j]) > current
        if take[j]:
            appended = (int(c_day[j]), int(c_level[j]))
    sel = np.flatnonzero(take)
    if not len(sel):
        return 0
    rows = zip(c_staff[sel].tolist(), c_comp[sel].tolist(), c_level[sel].tolist(),
               date_values(conn, c_day[sel].astype("datetime64[D]")), c_code[sel].tolist(), strict=True)
    with indexes_rebuilt_after(conn, m.Assessment.__table__, len(sel)):
        bulk_insert(conn, m.Assessment.__table__, ("staff_id", "competency_id", "level", "assessed_on", "evidence"),
                    rows, constants={"source": "course", "validated": True, "import_batch_id": batch_id,
                                     "created_at": timestamp_value(conn, created_at)})
    return len(sel)


__all__ = ["KIND", "CompletionsPlan", "commit_completions", "course_levels", "plan_completions",
           "score_completions_header"]
