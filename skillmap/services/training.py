"""Training: tracks (ordered courses), tracks generated from a role's typical gap, bulk assignment, progress.

Everything here is headless; the app and the command line call it. ``docs/training.md`` explains the rules to
users (English and Spanish).

Tracks
    :func:`create_track`, :func:`update_track` (code, names, descriptions, target role), :func:`set_track_courses`
    (add, remove, reorder), :func:`delete_track`. Edits name the ``version`` the editor saw: a track changed by
    someone else since then is not overwritten (:class:`InputError` ``training.stale``). Every edit writes an
    :class:`~skillmap.db.models.AuditLog` row. The order of a track must respect prerequisites
    (:func:`track_order_problems`): a course placed before one of its prerequisites is refused, naming both; a
    prerequisite that is not in the track at all is a warning (people must have passed it elsewhere).
Tracks from a role's typical gap
    :func:`propose_track` looks at the people holding a role profile (or a given set of people) and their
    *typical gap* (:func:`typical_gaps`): for each competency the role requires, the people whose level is below
    the requirement, when they are at least ``min_share`` (30 %) of the people assessed in it; the typical gap is
    the median of their gaps (rounded up to a whole level). :func:`~skillmap.planning.course_plan.plan_courses`
    then chooses the courses that close that typical profile with the fewest hours, prerequisites included, in
    an order they can be taken. The proposal carries a name ("<role title>: closing the typical gap") in English
    and Spanish; :func:`create_track_from_proposal` stores it.
Assignment in bulk
    :func:`assign_track` gives a track, with a due date, to an audience: everyone in a unit (optionally with its
    sub-units, :class:`UnitAudience`), everyone with a gap in a competency for their own role
    (:class:`GapAudience`, the same gap as :mod:`skillmap.services.gaps`), or a list of people
    (:class:`StaffAudience`). One transaction, Core bulk inserts; people with an *open* assignment of the track
    (any status but completed) are skipped and counted; one audit-log row for the whole action.
Progress
    Derived from the course completions imported from the learning platform (:func:`assignment_progress`,
    vectorised). Per course of the track: *passed* when the person has passed it at any time (also before the
    assignment: prior learning counts; a later failed retake does not undo a pass); otherwise the result of
    their latest completion row (*failed* or *in progress*), or nothing. Per assignment: **completed** when every
    course is passed (``completed_on`` = the day the last of them was first passed); **failed** when a course's
    latest result is a failure not followed by a pass (whatever the due date: it needs a retake now; it goes back
    to in progress once passed); **in progress** when some course is passed or in progress; **not started**
    otherwise. A track without courses is never completed. **Overdue**: not completed and the due date is before
    the as-of date. Completions after the as-of date are ignored. :func:`refresh_assignment_status` stores the
    derived status and completion date in ``Assignment`` (only the rows that change).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    String,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    type_coerce,
    update,
)

from skillmap.analysis import gaps as G
from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.bulk import bulk_insert, date_list
from skillmap.i18n import pick, register, tr
from skillmap.planning.course_plan import CourseOption, CoursePlan, PlanError, plan_courses
from skillmap.problems import InputError, Problem
from skillmap.services.gaps import GapFilters, Scope, load_lookups, resolve_filters
from skillmap.services.levels import SOURCE_RANK_SQL
from skillmap.tasks import Progress

STATUSES: tuple[str, ...] = ("not_started", "in_progress", "completed", "failed")
NOT_STARTED, IN_PROGRESS, COMPLETED, FAILED = range(len(STATUSES))
COURSE_STATES: tuple[str, ...] = ("none", "in_progress", "failed", "passed")
C_NONE, C_IN_PROGRESS, C_FAILED, C_PASSED = range(len(COURSE_STATES))
MIN_SHARE = 0.3  # typical gap: a competency counts when at least this share of the assessed people fall short
STATISTICS: tuple[str, ...] = ("median", "mean", "max")
IN_CHUNK = 2000  # ids per IN (...) list

IntArray = npt.NDArray[np.int64]
DayArray = npt.NDArray[np.datetime64]

register(
    {
        "training.track_not_found": {"en": "there is no track {id}", "es": "no existe la ruta {id}"},
        "training.stale": {
            "en": "track “{code}” was changed by someone else (version {current}, you edited version {version}); "
                  "reload it and make your change again",
            "es": "otra persona modificó la ruta «{code}» (versión {current}; usted editó la versión {version}); "
                  "vuelva a cargarla y repita su cambio",
        },
        "training.code_empty": {"en": "a track needs a code", "es": "la ruta necesita una clave"},
        "training.name_empty": {"en": "a track needs a name in English or Spanish",
                                "es": "la ruta necesita un nombre en inglés o en español"},
        "training.code_taken": {"en": "there is already a track with code “{code}”",
                                "es": "ya existe una ruta con la clave «{code}»"},
        "training.no_courses": {"en": "a track needs at least one course", "es": "la ruta necesita al menos un curso"},
        "training.unknown_course": {"en": "there is no course {id} in the catalogue",
                                    "es": "no existe el curso {id} en el catálogo"},
        "training.duplicate_course": {"en": "course “{course}” appears twice in the track (positions {first} and "
                                            "{second})",
                                      "es": "el curso «{course}» aparece dos veces en la ruta (posiciones {first} y "
                                            "{second})"},
        "training.prereq_after": {
            "en": "course “{course}” (position {position}) comes before its prerequisite “{prereq}” (position "
                  "{prereq_position}): move “{prereq}” earlier or “{course}” later",
            "es": "el curso «{course}» (posición {position}) va antes que su prerrequisito «{prereq}» (posición "
                  "{prereq_position}): mueva «{prereq}» antes o «{course}» después",
        },
        "training.prereq_after_indirect": {
            "en": "course “{course}” (position {position}) needs “{via}”, which is not in the track and needs "
                  "“{prereq}”, placed later (position {prereq_position}): move “{prereq}” before “{course}”",
            "es": "el curso «{course}» (posición {position}) requiere «{via}», que no está en la ruta y requiere "
                  "«{prereq}», colocado después (posición {prereq_position}): mueva «{prereq}» antes de "
                  "«{course}»",
        },
        "training.prereq_missing": {
            "en": "course “{course}” needs “{prereq}”, which is not in the track: people must have passed it "
                  "elsewhere",
            "es": "el curso «{course}» requiere «{prereq}», que no está en la ruta: las personas deben haberlo "
                  "acreditado por otra vía",
        },
        "training.has_assignments": {
            "en": "track “{code}” is assigned to {count} people; delete their assignments too, or keep the track",
            "es": "la ruta «{code}» está asignada a {count} personas; elimine también sus asignaciones o conserve "
                  "la ruta",
        },
        "training.unknown_role": {"en": "there is no role profile {id}", "es": "no existe el perfil de puesto {id}"},
        "training.unknown_unit": {"en": "there is no unit {value!r}", "es": "no existe la unidad {value!r}"},
        "training.ambiguous_unit": {
            "en": "unit code {value!r} is used by {count} units: give its number, or the agency",
            "es": "la clave de unidad {value!r} la usan {count} unidades: indique su número o la dependencia",
        },
        "training.unknown_competency": {"en": "there is no competency {id}", "es": "no existe la competencia {id}"},
        "training.unknown_staff": {"en": "no staff with ids {ids}", "es": "no hay personal con los ids {ids}"},
        "training.bad_min_gap": {"en": "the minimum gap must be a whole number of at least 1, not {value!r}",
                                 "es": "la brecha mínima debe ser un número entero de al menos 1, no {value!r}"},
        "training.bad_due": {"en": "the due date {due} is before the assignment date {assigned}",
                             "es": "la fecha límite {due} es anterior a la fecha de asignación {assigned}"},
        "training.bad_share": {"en": "the minimum share must be between 0 and 1, not {value!r}",
                               "es": "la proporción mínima debe estar entre 0 y 1, no {value!r}"},
        "training.bad_statistic": {"en": "unknown statistic {value!r}: use one of {choices}",
                                   "es": "estadístico desconocido {value!r}: use uno de {choices}"},
        "training.no_requirements": {"en": "role profile “{role}” requires no competency",
                                     "es": "el perfil de puesto «{role}» no requiere ninguna competencia"},
        "training.generated_name": {"en": "{role}: closing the typical gap",
                                    "es": "{role}: cierre de la brecha típica"},
        "training.generated_description": {
            "en": "Courses that close the typical gap of {people} people measured against “{role}”: the "
                  "competencies in which at least {share} % of those assessed fall short, up to the required level.",
            "es": "Cursos que cierran la brecha típica de {people} personas frente a «{role}»: las competencias "
                  "en las que al menos {share} % de las personas evaluadas no alcanzan el nivel requerido, hasta "
                  "ese nivel.",
        },
        "training.step.select": {"en": "Selecting people", "es": "Seleccionando personas"},
        "training.step.assign": {"en": "Storing assignments", "es": "Guardando asignaciones"},
        "training.step.progress": {"en": "Computing progress", "es": "Calculando el avance"},
        "training.step.levels": {"en": "Current levels", "es": "Niveles actuales"},
        "training.step.plan": {"en": "Choosing courses", "es": "Eligiendo cursos"},
        "training.status.not_started": {"en": "not started", "es": "sin iniciar"},
        "training.status.in_progress": {"en": "in progress", "es": "en curso"},
        "training.status.completed": {"en": "completed", "es": "concluida"},
        "training.status.failed": {"en": "failed", "es": "no acreditada"},
    }
)


def status_label(status: str, lang: str | None = None) -> str:
    """The translated name of an assignment status."""
    return tr(f"training.status.{status}", lang)


def _error(key: str, **params: Any) -> InputError:
    return InputError([Problem(key, params)])


def _days(values: Sequence[Any]) -> DayArray:
    """Dates as stored (ISO text on SQLite, ``date`` on PostgreSQL, ``None``) → ``datetime64[D]`` (NaT)."""
    return np.array(values, dtype="datetime64[D]") if len(values) else np.zeros(0, dtype="datetime64[D]")


def _day(value: np.datetime64) -> date | None:
    return None if np.isnat(value) else date.fromisoformat(str(value))


def full_name(given: str, first: str | None, second: str | None) -> str:
    """“Surnames, given names”, as the gap tables show people."""
    surnames = " ".join(p for p in (first, second) if p)
    return f"{surnames}, {given}" if surnames else given


def _chunks(ids: Sequence[int], size: int = IN_CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


# -- the catalogue as the planner sees it ---------------------------------------------------------------------
@dataclass(frozen=True)
class CatalogueGraph:
    """Every course's code, hours and direct prerequisites (active or not), and the active catalogue as
    :class:`CourseOption` (an active course whose prerequisites are not all available is left out)."""

    codes: dict[int, str]
    titles: dict[int, tuple[str, str]]
    hours: dict[int, float]
    active: dict[int, bool]
    prerequisites: dict[int, tuple[int, ...]]
    raises: dict[int, dict[int, int]]

    def options(self) -> list[CourseOption]:
        available = {cid for cid, ok in self.active.items() if ok}
        changed = True
        while changed:  # drop courses whose prerequisites cannot be taken, transitively
            changed = False
            for cid in sorted(available):
                if any(p not in available for p in self.prerequisites.get(cid, ())):
                    available.discard(cid)
                    changed = True
        return [CourseOption(cid, self.codes[cid], float(self.hours[cid]), dict(self.raises.get(cid, {})),
                             self.prerequisites.get(cid, ())) for cid in sorted(available)]


def load_catalogue_graph(conn: Connection) -> CatalogueGraph:
    c, cc, cp = m.Course, m.CourseCompetency, m.CoursePrerequisite
    codes: dict[int, str] = {}
    titles: dict[int, tuple[str, str]] = {}
    hours: dict[int, float] = {}
    active: dict[int, bool] = {}
    for cid, code, en, es, h, act in conn.execute(select(c.id, c.code, c.title_en, c.title_es, c.hours, c.active)):
        codes[cid], titles[cid], hours[cid], active[cid] = code, (en or "", es or ""), float(h), bool(act)
    pre: dict[int, list[int]] = {}
    for cid, pid in conn.execute(select(cp.course_id, cp.prerequisite_id).order_by(cp.course_id, cp.id)):
        pre.setdefault(cid, []).append(pid)
    raises: dict[int, dict[int, int]] = {}
    for cid, comp, level in conn.execute(select(cc.course_id, cc.competency_id, cc.target_level)):
        raises.setdefault(cid, {})[comp] = int(level)
    return CatalogueGraph(codes, titles, hours, active, {k: tuple(v) for k, v in pre.items()}, raises)


# -- tracks -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrackCourseInfo:
    course_id: int
    code: str
    title_en: str
    title_es: str
    hours: float
    position: int  # 1-based


@dataclass(frozen=True)
class TrackInfo:
    id: int
    code: str
    name_en: str
    name_es: str
    description_en: str
    description_es: str
    target_role_profile_id: int | None
    created_by: str | None
    created_at: datetime | None
    version: int
    courses: tuple[TrackCourseInfo, ...]
    warnings: tuple[Problem, ...] = ()  # prerequisites outside the track (from the last edit)

    @property
    def hours(self) -> float:
        return float(sum(c.hours for c in self.courses))

    @property
    def course_ids(self) -> tuple[int, ...]:
        return tuple(c.course_id for c in self.courses)

    def name(self, lang: str | None = None) -> str:
        return pick(self.name_en, self.name_es, lang)


def track_order_problems(course_ids: Sequence[int], prerequisites: Mapping[int, Sequence[int]],
                         codes: Mapping[int, str]) -> list[Problem]:
    """What is wrong with a track's course order: errors for a course placed before one of its prerequisites
    (directly, or through prerequisites outside the track) and for a course listed twice; warnings for a direct
    prerequisite that is not in the track. Positions in messages are 1-based."""
    problems: list[Problem] = []
    position: dict[int, int] = {}
    for i, cid in enumerate(course_ids):
        if cid in position:
            problems.append(Problem("training.duplicate_course", {"course": codes.get(cid, str(cid)),
                                                                  "first": position[cid] + 1, "second": i + 1}))
        else:
            position[cid] = i

    def code(cid: int) -> str:
        return codes.get(cid, str(cid))

    for i, cid in enumerate(course_ids):
        if position.get(cid) != i:
            continue
        # walk the prerequisites; through courses outside the track only (those inside are checked themselves)
        seen: set[int] = set()
        todo: list[tuple[int, int | None]] = [(p, None) for p in prerequisites.get(cid, ())]
        while todo:
            p, via = todo.pop(0)
            if p in seen:
                continue
            seen.add(p)
            if p in position:
                if position[p] > i:
                    params = {"course": code(cid), "position": i + 1, "prereq": code(p),
                              "prereq_position": position[p] + 1}
                    if via is None:
                        problems.append(Problem("training.prereq_after", params))
                    else:
                        problems.append(Problem("training.prereq_after_indirect", {**params, "via": code(via)}))
                continue
            if via is None:
                problems.append(Problem("training.prereq_missing", {"course": code(cid), "prereq": code(p)},
                                        severity="warning"))
            todo.extend((q, via if via is not None else p) for q in prerequisites.get(p, ()))
    return problems


def _check_courses(conn: Connection, course_ids: Sequence[int]) -> list[Problem]:
    """Refuse unknown, repeated or misordered courses (:class:`InputError`); return the warnings."""
    ids = [int(c) for c in course_ids]
    if not ids:
        raise _error("training.no_courses")
    graph = load_catalogue_graph(conn)
    unknown = [c for c in ids if c not in graph.codes]
    if unknown:
        raise InputError([Problem("training.unknown_course", {"id": c}) for c in dict.fromkeys(unknown)])
    problems = track_order_problems(ids, graph.prerequisites, graph.codes)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return problems


def _track_info(conn: Connection, track_id: int, warnings: Sequence[Problem] = ()) -> TrackInfo:
    t = conn.execute(select(m.Track).where(m.Track.id == track_id)).first()
    if t is None:
        raise _error("training.track_not_found", id=track_id)
    courses = conn.execute(
        select(m.Course.id, m.Course.code, m.Course.title_en, m.Course.title_es, m.Course.hours)
        .join(m.TrackCourse, m.TrackCourse.course_id == m.Course.id)
        .where(m.TrackCourse.track_id == track_id).order_by(m.TrackCourse.position)).all()
    return TrackInfo(t.id, t.code, t.name_en or "", t.name_es or "", t.description_en or "", t.description_es or "",
                     t.target_role_profile_id, t.created_by, t.created_at, t.version,
                     tuple(TrackCourseInfo(cid, code, en or "", es or "", float(h), i + 1)
                           for i, (cid, code, en, es, h) in enumerate(courses)), tuple(warnings))


def get_track(engine: Engine, track_id: int) -> TrackInfo:
    with engine.connect() as conn:
        return _track_info(conn, track_id)


def list_tracks(engine: Engine) -> list[TrackInfo]:
    """Every track with its courses, by code."""
    with engine.connect() as conn:
        ids = conn.execute(select(m.Track.id).order_by(m.Track.code)).scalars().all()
        return [_track_info(conn, i) for i in ids]


def _store_courses(conn: Connection, track_id: int, course_ids: Sequence[int]) -> None:
    conn.execute(delete(m.TrackCourse).where(m.TrackCourse.track_id == track_id))
    conn.execute(insert(m.TrackCourse), [{"track_id": track_id, "course_id": int(c), "position": i + 1}
                                         for i, c in enumerate(course_ids)])


def _check_code(conn: Connection, code: str, track_id: int | None = None) -> str:
    code = code.strip()
    if not code:
        raise _error("training.code_empty")
    q = select(m.Track.id).where(m.Track.code == code)
    if track_id is not None:
        q = q.where(m.Track.id != track_id)
    if conn.execute(q).first() is not None:
        raise _error("training.code_taken", code=code)
    return code


def _audit(conn: Connection, actor: str | None, action: str, track_id: int | None, details: dict[str, Any]) -> None:
    conn.execute(insert(m.AuditLog).values(actor=actor, action=action, entity_type="track", entity_id=track_id,
                                           details=details))


def create_track(engine: Engine, *, code: str, name_en: str, name_es: str, course_ids: Sequence[int],
                 description_en: str = "", description_es: str = "", target_role_profile_id: int | None = None,
                 actor: str | None = None) -> TrackInfo:
    """Store a track with its courses in the given order (checked by :func:`track_order_problems`)."""
    if not (name_en.strip() or name_es.strip()):
        raise _error("training.name_empty")
    with engine.begin() as conn:
        code = _check_code(conn, code)
        warnings = _check_courses(conn, course_ids)
        if target_role_profile_id is not None and conn.execute(
                select(m.RoleProfile.id).where(m.RoleProfile.id == target_role_profile_id)).first() is None:
            raise _error("training.unknown_role", id=target_role_profile_id)
        track_id = conn.execute(insert(m.Track).values(
            code=code, name_en=name_en.strip(), name_es=name_es.strip(), description_en=description_en,
            description_es=description_es, target_role_profile_id=target_role_profile_id, created_by=actor,
            created_at=utcnow(), version=1)).inserted_primary_key[0]  # type: ignore[index]
        _store_courses(conn, track_id, course_ids)
        _audit(conn, actor, "create_track", track_id, {"code": code, "courses": [int(c) for c in course_ids]})
        return _track_info(conn, track_id, warnings)


def _bump(conn: Connection, track_id: int, version: int, **values: Any) -> None:
    """``UPDATE track SET …, version = version + 1 WHERE id = … AND version = …``; a stale version or a missing
    track raises :class:`InputError`."""
    done = conn.execute(update(m.Track).where(m.Track.id == track_id, m.Track.version == version)
                        .values(**values, version=m.Track.version + 1)).rowcount
    if done != 1:
        row = conn.execute(select(m.Track.code, m.Track.version).where(m.Track.id == track_id)).first()
        if row is None:
            raise _error("training.track_not_found", id=track_id)
        raise _error("training.stale", code=row.code, current=row.version, version=version)


_UNSET: Any = object()


def update_track(engine: Engine, track_id: int, version: int, *, code: str | None = None,
                 name_en: str | None = None, name_es: str | None = None, description_en: str | None = None,
                 description_es: str | None = None, target_role_profile_id: int | None = _UNSET,
                 actor: str | None = None) -> TrackInfo:
    """Rename or redescribe a track (only the arguments given change). ``version`` is the one the editor saw."""
    values: dict[str, Any] = {}
    with engine.begin() as conn:
        if code is not None:
            values["code"] = _check_code(conn, code, track_id)
        for key, value in (("name_en", name_en), ("name_es", name_es), ("description_en", description_en),
                           ("description_es", description_es)):
            if value is not None:
                values[key] = value.strip() if key.startswith("name") else value
        if target_role_profile_id is not _UNSET:
            if target_role_profile_id is not None and conn.execute(
                    select(m.RoleProfile.id).where(m.RoleProfile.id == target_role_profile_id)).first() is None:
                raise _error("training.unknown_role", id=target_role_profile_id)
            values["target_role_profile_id"] = target_role_profile_id
        current = conn.execute(select(m.Track.name_en, m.Track.name_es).where(m.Track.id == track_id)).first()
        if current is not None and not (values.get("name_en", current.name_en) or values.get("name_es",
                                                                                             current.name_es)):
            raise _error("training.name_empty")
        _bump(conn, track_id, version, **values)
        _audit(conn, actor, "update_track", track_id, {"version": version, "changed": sorted(values)})
        return _track_info(conn, track_id)


def set_track_courses(engine: Engine, track_id: int, version: int, course_ids: Sequence[int], *,
                      actor: str | None = None) -> TrackInfo:
    """Replace the track's courses with ``course_ids`` in that order (add, remove, reorder in one edit)."""
    with engine.begin() as conn:
        warnings = _check_courses(conn, course_ids)
        before = [r[0] for r in conn.execute(select(m.TrackCourse.course_id).where(
            m.TrackCourse.track_id == track_id).order_by(m.TrackCourse.position))]
        _bump(conn, track_id, version)
        _store_courses(conn, track_id, course_ids)
        _audit(conn, actor, "set_track_courses", track_id,
               {"version": version, "before": before, "after": [int(c) for c in course_ids]})
        return _track_info(conn, track_id, warnings)


def delete_track(engine: Engine, track_id: int, version: int, *, with_assignments: bool = False,
                 actor: str | None = None) -> int:
    """Delete a track; returns how many assignments went with it. A track that is assigned to someone is kept
    unless ``with_assignments``."""
    with engine.begin() as conn:
        row = conn.execute(select(m.Track.code).where(m.Track.id == track_id)).first()
        if row is None:
            raise _error("training.track_not_found", id=track_id)
        assigned = int(conn.execute(select(func.count()).select_from(m.Assignment)
                                    .where(m.Assignment.track_id == track_id)).scalar_one())
        if assigned and not with_assignments:
            raise _error("training.has_assignments", code=row.code, count=assigned)
        _bump(conn, track_id, version)  # the version check, before anything goes
        conn.execute(delete(m.Assignment).where(m.Assignment.track_id == track_id))
        conn.execute(delete(m.TrackCourse).where(m.TrackCourse.track_id == track_id))
        conn.execute(delete(m.Track).where(m.Track.id == track_id))
        _audit(conn, actor, "delete_track", track_id, {"code": row.code, "assignments_removed": assigned})
    return assigned


# -- current levels for a few competencies -------------------------------------------------------------------
def level_matrix(conn: Connection, staff_ids: IntArray, comp_ids: IntArray, as_of: date | None,
                 staff_select: Select[Any] | None = None) -> G.FloatArray:
    """Current levels (the documented rule, as :mod:`skillmap.services.gaps` loads them), staff × competency, as
    of ``as_of`` (``None``: every assessment). ``staff_ids`` and ``comp_ids`` must be sorted and unique;
    ``staff_select`` (a query of staff ids) replaces long ``IN`` lists of ``staff_ids``."""
    a = m.Assessment
    base = select(a.staff_id, a.competency_id, a.level, type_coerce(a.assessed_on, String), SOURCE_RANK_SQL, a.id
                  ).where(a.validated.is_(True), a.competency_id.in_(comp_ids.tolist()))
    if as_of is not None:
        base = base.where(a.assessed_on <= as_of)
    rows: list[Any] = []
    if staff_select is not None:
        rows = list(conn.execute(base.where(a.staff_id.in_(staff_select))).fetchall())
    else:
        for part in _chunks(staff_ids.tolist()):
            rows.extend(conn.execute(base.where(a.staff_id.in_(part))).fetchall())
    arr = np.array([(r[0], r[1], r[2], r[4], r[5]) for r in rows], dtype=np.int64).reshape(-1, 5)
    days = _days([r[3] for r in rows])
    sp = _positions(staff_ids, arr[:, 0])
    cp = _positions(comp_ids, arr[:, 1])
    keep = (sp >= 0) & (cp >= 0)
    history = G.AssessmentHistory(sp[keep], cp[keep], arr[keep, 2].astype(float), days[keep], arr[keep, 3],
                                  arr[keep, 4], len(staff_ids), len(comp_ids))
    return G.latest_levels(history)


def _positions(ids: IntArray, values: IntArray) -> IntArray:
    """Position of each value in the sorted unique ``ids``; −1 where absent."""
    if not len(ids):
        return np.full(len(values), -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(ids, values), len(ids) - 1)
    return np.where(ids[pos] == values, pos, -1)


# -- typical gap and generated tracks -----------------------------------------------------------------------
@dataclass(frozen=True)
class TypicalGap:
    """One required competency of a role among a group of people (see :func:`typical_gaps`)."""

    competency_id: int
    code: str
    required: int
    assessed: int  # people with a known level
    short: int  # of those, people below the required level
    share_short: float  # short / assessed (NaN when nobody is assessed)
    typical_gap: int  # the statistic of the gaps of the people who are short, rounded up; 0 when nobody is
    included: bool  # share_short ≥ min_share: part of the typical profile

    @property
    def typical_level(self) -> int:
        return self.required - self.typical_gap


def typical_gaps(levels: G.FloatArray, required: Sequence[int], *, min_share: float = MIN_SHARE,
                 statistic: str = "median") -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64],
                                                     npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Per competency (columns of ``levels``, people × competency, ``NaN`` = unknown): people assessed, people
    short (level < required), the share short, and the typical gap: ``statistic`` (median, mean or max) of
    ``required − level`` over the people who are short, rounded up to a whole level — 0 where the share short is
    below ``min_share`` or nobody is assessed. Unknown levels are left out (as in the gap measures)."""
    if statistic not in STATISTICS:
        raise _error("training.bad_statistic", value=statistic, choices=", ".join(STATISTICS))
    lv = np.asarray(levels, dtype=np.float64).reshape(-1, len(required))
    req = np.asarray(required, dtype=np.float64)
    known = ~np.isnan(lv)
    gap = np.where(known, np.maximum(req[None, :] - np.nan_to_num(lv), 0.0), np.nan)
    assessed = known.sum(axis=0).astype(np.int64)
    short_mask = np.nan_to_num(gap) > 0
    short = short_mask.sum(axis=0).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(assessed > 0, short / np.maximum(assessed, 1), np.nan)
    typical = np.zeros(len(req), dtype=np.int64)
    for c in range(len(req)):
        if assessed[c] == 0 or short[c] == 0 or share[c] + 1e-12 < min_share:
            continue
        g = gap[short_mask[:, c], c]
        value = {"median": np.median, "mean": np.mean, "max": np.max}[statistic](g)
        typical[c] = math.ceil(float(value) - 1e-9)
    return assessed, short, share, typical


@dataclass(frozen=True)
class TrackProposal:
    """A track generated from a role's typical gap: what :func:`create_track_from_proposal` stores."""

    role_profile_id: int
    role_code: str
    role_title_en: str
    role_title_es: str
    people: int  # people measured
    min_share: float
    statistic: str
    gaps: tuple[TypicalGap, ...]  # every competency the role requires, in competency order
    plan: CoursePlan
    code: str  # a free track code
    name_en: str
    name_es: str
    description_en: str
    description_es: str
    course_codes: dict[int, str] = field(default_factory=dict)

    @property
    def course_ids(self) -> tuple[int, ...]:
        return self.plan.course_ids

    @property
    def included(self) -> tuple[TypicalGap, ...]:
        return tuple(g for g in self.gaps if g.included and g.typical_gap > 0)

    @property
    def uncovered(self) -> tuple[int, ...]:
        """Competencies of the typical gap that no course in the catalogue closes."""
        return tuple(self.plan.uncovered)


def plan_courses_checked(current: Mapping[int, float | None], required: Mapping[int, int],
                         catalogue: Sequence[CourseOption], *, done: Iterable[int] = (), exact_limit: int = 22,
                         progress: Progress | None = None) -> CoursePlan:
    """:func:`~skillmap.planning.course_plan.plan_courses`, with a broken catalogue (a prerequisite cycle, bad
    hours) reported as :class:`InputError`."""
    try:
        return plan_courses(current, required, catalogue, done=frozenset(done), exact_limit=exact_limit,
                            progress=progress)
    except PlanError as err:
        raise InputError([Problem(err.key, dict(err.params))]) from err


def _free_code(conn: Connection, base: str) -> str:
    base = base[:55]
    taken = set(conn.execute(select(m.Track.code).where(m.Track.code.like(f"{base}%"))).scalars())
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def propose_track(engine: Engine, role_profile_id: int, *, staff_ids: Sequence[int] | None = None,
                  min_share: float = MIN_SHARE, statistic: str = "median", as_of: date | None = None,
                  exact_limit: int = 22, progress: Progress | None = None) -> TrackProposal:
    """A track that closes the typical gap of the people holding ``role_profile_id`` (active staff), or of
    ``staff_ids`` measured against that role. Reads only."""
    progress = progress or Progress()
    if not (0.0 <= min_share <= 1.0):
        raise _error("training.bad_share", value=min_share)
    if statistic not in STATISTICS:
        raise _error("training.bad_statistic", value=statistic, choices=", ".join(STATISTICS))
    s, rq, c = m.Staff, m.RoleRequirement, m.Competency
    with engine.connect() as conn:
        role = conn.execute(select(m.RoleProfile).where(m.RoleProfile.id == role_profile_id)).first()
        if role is None:
            raise _error("training.unknown_role", id=role_profile_id)
        reqs = conn.execute(select(rq.competency_id, rq.required_level, c.code)
                            .join(c, c.id == rq.competency_id).where(rq.role_profile_id == role_profile_id)
                            .order_by(c.sort_order, c.id)).all()
        title = pick(role.title_en or "", role.title_es or "", "en") or role.code
        if not reqs:
            raise _error("training.no_requirements", role=title)
        progress.report(0, 3, tr("training.step.levels"))
        holders: Select[Any] | None = None
        if staff_ids is None:
            holders = select(s.id).where(s.role_profile_id == role_profile_id, s.active.is_(True))
            people = np.array(conn.execute(holders.order_by(s.id)).scalars().all(), dtype=np.int64)
        else:
            people = np.unique(np.asarray(list(staff_ids), dtype=np.int64))
            _check_staff(conn, people)
        order = np.argsort([r[0] for r in reqs], kind="stable")
        comp_sorted = np.array([reqs[i][0] for i in order], dtype=np.int64)
        levels_sorted = level_matrix(conn, people, comp_sorted, as_of, holders)
        levels = np.empty_like(levels_sorted)
        levels[:, order] = levels_sorted  # back to the requirement order
        graph = load_catalogue_graph(conn)
        progress.report(1, 3, tr("training.step.plan"))
        required = [int(r[1]) for r in reqs]
        assessed, short, share, typical = typical_gaps(levels, required, min_share=min_share, statistic=statistic)
        gaps = tuple(TypicalGap(int(r[0]), r[2], int(r[1]), int(assessed[k]), int(short[k]), float(share[k]),
                                int(typical[k]), bool(assessed[k] and share[k] + 1e-12 >= min_share and short[k]))
                     for k, r in enumerate(reqs))
        target = {g.competency_id: g.required for g in gaps if g.included and g.typical_gap > 0}
        current = {g.competency_id: float(g.typical_level) for g in gaps if g.competency_id in target}
        course_plan = plan_courses_checked(current, target, graph.options(), exact_limit=exact_limit,
                                           progress=progress)
        code = _free_code(conn, f"TRK-{role.code}".upper())
    progress.report(3, 3, "")
    title_en = role.title_en or role.title_es or role.code
    title_es = role.title_es or role.title_en or role.code
    share_pct = round(100 * min_share)
    n = len(people)
    return TrackProposal(
        role_profile_id=role_profile_id, role_code=role.code, role_title_en=title_en, role_title_es=title_es,
        people=n, min_share=min_share, statistic=statistic, gaps=gaps, plan=course_plan, code=code,
        name_en=tr("training.generated_name", "en", role=title_en),
        name_es=tr("training.generated_name", "es", role=title_es),
        description_en=tr("training.generated_description", "en", people=n, role=title_en, share=share_pct),
        description_es=tr("training.generated_description", "es", people=n, role=title_es, share=share_pct),
        course_codes={cid: graph.codes[cid] for cid in course_plan.course_ids},
    )


def create_track_from_proposal(engine: Engine, proposal: TrackProposal, *, code: str | None = None,
                               name_en: str | None = None, name_es: str | None = None,
                               actor: str | None = None) -> TrackInfo:
    """Store a proposal as a track (its course order already respects prerequisites)."""
    return create_track(engine, code=code or proposal.code, name_en=name_en or proposal.name_en,
                        name_es=name_es or proposal.name_es, course_ids=proposal.course_ids,
                        description_en=proposal.description_en, description_es=proposal.description_es,
                        target_role_profile_id=proposal.role_profile_id, actor=actor)


# -- audiences ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitAudience:
    """Active staff of a unit (id, or code with ``agency`` when codes repeat), and of its sub-units."""

    unit: int | str
    include_subunits: bool = True
    agency: int | str | None = None

    def describe(self) -> dict[str, Any]:
        return {"kind": "unit", "unit": self.unit, "include_subunits": self.include_subunits,
                "agency": self.agency}


@dataclass(frozen=True)
class GapAudience:
    """Active staff whose own role profile requires ``competency_id`` and whose current level is known and at
    least ``min_gap`` below it — the gap of :mod:`skillmap.services.gaps`, within ``filters`` (agency, unit
    subtree, role family, framework, as-of date). Unknown levels are not a gap."""

    competency_id: int
    min_gap: int = 1
    filters: GapFilters | None = None

    def describe(self) -> dict[str, Any]:
        f = self.filters or GapFilters()
        return {"kind": "gap", "competency_id": self.competency_id, "min_gap": self.min_gap,
                "agency": f.agency, "unit": f.unit, "role_family": f.role_family, "framework": f.framework,
                "as_of": f.as_of.isoformat() if f.as_of else None}


@dataclass(frozen=True)
class StaffAudience:
    """These people (ids). Inactive people are skipped (and counted)."""

    staff_ids: tuple[int, ...]

    def describe(self) -> dict[str, Any]:
        return {"kind": "staff", "count": len(set(self.staff_ids))}


Audience = UnitAudience | GapAudience | StaffAudience


def _staff_active(conn: Connection, ids: IntArray) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Which of ``ids`` exist, and whether each of those is active. A long list reads the table once."""
    q = select(m.Staff.id, m.Staff.active)
    rows: list[Any] = []
    if len(ids) > IN_CHUNK:
        rows = conn.execute(q).all()
    else:
        for part in _chunks(ids.tolist()):
            rows.extend(conn.execute(q.where(m.Staff.id.in_(part))).all())
    found = np.array([r[0] for r in rows], dtype=np.int64)
    active = np.array([bool(r[1]) for r in rows], dtype=bool)
    keep = np.isin(found, ids)
    return found[keep], active[keep]


def _check_staff(conn: Connection, ids: IntArray, found: IntArray | None = None) -> None:
    if found is None:
        found, _active = _staff_active(conn, ids)
    missing = ids[~np.isin(ids, found)].tolist()
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise _error("training.unknown_staff", ids=shown)


def _unit_ids(conn: Connection, audience: UnitAudience) -> list[int]:
    lookups = load_lookups(conn)
    agency_id: int | None = None
    if audience.agency is not None:
        agency_id = resolve_filters(lookups, GapFilters(agency=audience.agency)).agency_id
    if isinstance(audience.unit, int):
        hits = [audience.unit] if audience.unit in lookups.units else []
    else:
        hits = sorted(u for u, row in lookups.units.items()
                      if row[0] == audience.unit and (agency_id is None or row[2] == agency_id))
    if not hits:
        raise _error("training.unknown_unit", value=audience.unit)
    if len(hits) > 1:
        raise _error("training.ambiguous_unit", value=audience.unit, count=len(hits))
    return sorted(lookups.unit_subtree(hits[0])) if audience.include_subunits else hits


def _scope_staff(scope: Scope) -> list[Any]:
    s = m.Staff
    conds: list[Any] = [s.active.is_(True)]
    if scope.agency_id is not None:
        conds.append(s.agency_id == scope.agency_id)
    if scope.unit_ids is not None:
        conds.append(s.unit_id.in_(sorted(scope.unit_ids)))
    if scope.family_id is not None:
        conds.append(s.role_profile_id.in_(
            select(m.RoleProfile.id).join(m.Role, m.Role.id == m.RoleProfile.role_id)
            .where(m.Role.family_id == scope.family_id, m.RoleProfile.framework_id.in_(scope.framework_ids))))
    return conds


def _gap_staff(conn: Connection, audience: GapAudience) -> IntArray:
    if isinstance(audience.min_gap, bool) or not isinstance(audience.min_gap, int) or audience.min_gap < 1:
        raise _error("training.bad_min_gap", value=audience.min_gap)
    comp = conn.execute(select(m.Competency.framework_id).where(m.Competency.id == audience.competency_id)).first()
    if comp is None:
        raise _error("training.unknown_competency", id=audience.competency_id)
    filters = audience.filters or GapFilters()
    scope = resolve_filters(load_lookups(conn), filters)
    if comp.framework_id not in scope.framework_ids:  # an inactive framework's competency: no gap measured
        return np.zeros(0, dtype=np.int64)
    s, rq, rp = m.Staff, m.RoleRequirement, m.RoleProfile
    holders = (select(s.id, rq.required_level)
               .join(rq, rq.role_profile_id == s.role_profile_id)
               .join(rp, rp.id == s.role_profile_id)
               .where(rq.competency_id == audience.competency_id, rp.framework_id.in_(scope.framework_ids),
                      *_scope_staff(scope)))
    rows = conn.execute(holders.order_by(s.id)).all()
    if not rows:
        return np.zeros(0, dtype=np.int64)
    staff = np.array([r[0] for r in rows], dtype=np.int64)
    required = np.array([r[1] for r in rows], dtype=np.float64)
    ids_only = holders.with_only_columns(s.id)
    levels = level_matrix(conn, staff, np.array([audience.competency_id], dtype=np.int64), scope.as_of,
                           ids_only)[:, 0]
    gap = required - levels  # NaN where unknown: never selected
    return staff[np.nan_to_num(gap, nan=-1.0) >= audience.min_gap]


def audience_staff(engine: Engine, audience: Audience) -> IntArray:
    """The sorted ids of the people an audience selects (what :func:`assign_track` would consider)."""
    with engine.connect() as conn:
        return _audience(conn, audience)[0]


def _audience(conn: Connection, audience: Audience) -> tuple[IntArray, int]:
    """(active staff ids, inactive people skipped)."""
    s = m.Staff
    if isinstance(audience, UnitAudience):
        units = _unit_ids(conn, audience)
        ids: list[int] = []
        for part in _chunks(units):
            ids.extend(conn.execute(select(s.id).where(s.unit_id.in_(part), s.active.is_(True))).scalars().all())
        return np.unique(np.array(ids, dtype=np.int64)), 0
    if isinstance(audience, GapAudience):
        return _gap_staff(conn, audience), 0
    wanted = np.unique(np.asarray(list(audience.staff_ids), dtype=np.int64))
    found, active = _staff_active(conn, wanted)
    _check_staff(conn, wanted, found)
    return np.sort(found[active]), int((~active).sum())


# -- assignment -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssignOutcome:
    track_id: int
    selected: int  # people the audience selected (active)
    assigned: int  # new assignments stored
    already_assigned: int  # skipped: an open assignment of this track already
    inactive_skipped: int  # explicit lists only
    status_counts: dict[str, int]  # status of the new assignments (prior learning can complete them at once)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def assign_track(engine: Engine, track_id: int, audience: Audience, *, due_on: date | None,
                 assigned_on: date | None = None, actor: str | None = None,
                 progress: Progress | None = None) -> AssignOutcome:
    """Assign ``track_id`` to everyone ``audience`` selects who has no open assignment of it (one transaction).

    New assignments start with the status their completions already give them (prior learning counts). One
    audit-log row records who, what and how many."""
    progress = progress or Progress()
    assigned_on = assigned_on or date.today()
    if due_on is not None and due_on < assigned_on:
        raise _error("training.bad_due", due=due_on.isoformat(), assigned=assigned_on.isoformat())
    a = m.Assignment
    with engine.begin() as conn:
        track = conn.execute(select(m.Track.code).where(m.Track.id == track_id)).first()
        if track is None:
            raise _error("training.track_not_found", id=track_id)
        progress.report(0, 3, tr("training.step.select"))
        staff, inactive = _audience(conn, audience)
        open_ = np.array(conn.execute(select(a.staff_id).where(a.track_id == track_id, a.status != "completed")
                                      ).scalars().all(), dtype=np.int64)
        new = staff[~np.isin(staff, open_)]
        progress.report(1, 3, tr("training.step.progress"))
        # the status their completions already give them (as of today: prior learning counts)
        d = _derive(conn, new, np.full(len(new), track_id, dtype=np.int64), date.today())
        progress.report(2, 3, tr("training.step.assign"))
        if len(new):
            on, due = date_list(conn, [assigned_on, due_on])
            statuses = np.array(STATUSES, dtype=object)[d.status].tolist()
            done = date_list(conn, [_day(x) for x in d.completed_on])
            bulk_insert(conn, a.__table__, ("staff_id", "status", "completed_on"),
                        zip(new.tolist(), statuses, done, strict=True),
                        constants={"track_id": track_id, "assigned_on": on, "due_on": due, "assigned_by": actor,
                                   "version": 1})
        counts = {k: int((d.status == i).sum()) for i, k in enumerate(STATUSES)}
        outcome = AssignOutcome(track_id, len(staff), len(new), len(staff) - len(new), inactive, counts)
        _audit(conn, actor, "assign_track", track_id, {
            "track": track.code, "audience": audience.describe(), "due_on": due_on.isoformat() if due_on else None,
            "assigned_on": assigned_on.isoformat(), "selected": outcome.selected, "assigned": outcome.assigned,
            "already_assigned": outcome.already_assigned, "inactive_skipped": inactive})
        progress.report(3, 3, "")
    return outcome


# -- progress -------------------------------------------------------------------------------------------------
@dataclass(eq=False)
class ProgressTable:
    """Progress of assignments, one entry per assignment (arrays), derived from course completions as of
    ``as_of``. ``status`` indexes :data:`STATUSES`; ``stored_status`` is what ``Assignment.status`` holds."""

    as_of: date
    assignment_id: IntArray
    staff_id: IntArray
    track_id: IntArray
    assigned_on: DayArray
    due_on: DayArray
    stored_status: npt.NDArray[np.int8]
    stored_completed_on: DayArray
    status: npt.NDArray[np.int8]
    completed_on: DayArray
    overdue: npt.NDArray[np.bool_]
    courses_total: IntArray
    courses_done: IntArray
    courses_failed: IntArray
    courses_in_progress: IntArray
    hours_total: npt.NDArray[np.float64]
    hours_done: npt.NDArray[np.float64]
    employee_number: list[str]
    staff_name: list[str]
    track_code: dict[int, str]

    def __len__(self) -> int:
        return len(self.assignment_id)

    @property
    def pct_done(self) -> npt.NDArray[np.float64]:
        """Courses passed as a percentage of the track's courses (NaN for a track without courses)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.courses_total > 0, 100.0 * self.courses_done / np.maximum(self.courses_total, 1),
                            np.nan)

    def counts(self) -> dict[str, int]:
        n = np.bincount(self.status.astype(np.int64), minlength=len(STATUSES))
        return {name: int(n[k]) for k, name in enumerate(STATUSES)}

    def take(self, mask: npt.ArrayLike) -> ProgressTable:
        sel = np.asarray(mask)
        if sel.dtype == bool:
            sel = np.flatnonzero(sel)
        arrays = {k: v[sel] for k, v in self.__dict__.items() if isinstance(v, np.ndarray)}
        return ProgressTable(as_of=self.as_of, **arrays, employee_number=[self.employee_number[i] for i in sel],
                             staff_name=[self.staff_name[i] for i in sel], track_code=self.track_code)

    def row(self, i: int) -> dict[str, Any]:
        """Assignment ``i`` as plain values (for tables and JSON)."""
        pct = self.pct_done[i]
        return {
            "assignment_id": int(self.assignment_id[i]), "staff_id": int(self.staff_id[i]),
            "employee_number": self.employee_number[i], "name": self.staff_name[i],
            "track_id": int(self.track_id[i]), "track": self.track_code.get(int(self.track_id[i]), ""),
            "assigned_on": _day(self.assigned_on[i]), "due_on": _day(self.due_on[i]),
            "status": STATUSES[int(self.status[i])], "overdue": bool(self.overdue[i]),
            "completed_on": _day(self.completed_on[i]), "courses_total": int(self.courses_total[i]),
            "courses_done": int(self.courses_done[i]), "courses_failed": int(self.courses_failed[i]),
            "courses_in_progress": int(self.courses_in_progress[i]),
            "pct_done": None if math.isnan(pct) else round(float(pct), 1),
            "hours_total": float(self.hours_total[i]), "hours_done": float(self.hours_done[i]),
        }

    def rows(self) -> list[dict[str, Any]]:
        return [self.row(i) for i in range(len(self))]


_RESULT_CODE = {"passed": C_PASSED, "failed": C_FAILED, "in_progress": C_IN_PROGRESS}


def course_states(completion_staff: IntArray, completion_course: IntArray, completion_day: DayArray,
                  completion_result: npt.NDArray[np.int8], completion_id: IntArray, pair_staff: IntArray,
                  pair_course: IntArray) -> tuple[npt.NDArray[np.int8], DayArray]:
    """The state (:data:`COURSE_STATES`) of each (person, course) pair and the day it was first passed (NaT if
    never): passed if any completion row passed; else the result of the latest row (by day, then id); else none."""
    n = len(pair_staff)
    state = np.full(n, C_NONE, dtype=np.int8)
    first_pass = np.full(n, np.datetime64("NaT", "D"))
    if not len(completion_staff) or not n:
        return state, first_pass
    k_course = int(max(completion_course.max(), pair_course.max())) + 1
    key = completion_staff.astype(np.int64) * k_course + completion_course
    pair_key = pair_staff.astype(np.int64) * k_course + pair_course
    # latest row per key
    order = np.lexsort((completion_id, completion_day, key))
    k_sorted = key[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = k_sorted[1:] != k_sorted[:-1]
    latest_key, latest_result = k_sorted[last], completion_result[order][last]
    # first pass per key
    passed = completion_result == C_PASSED
    p_order = np.lexsort((completion_day[passed], key[passed]))
    p_key, p_day = key[passed][p_order], completion_day[passed][p_order]
    first = np.ones(len(p_key), dtype=bool)
    first[1:] = p_key[1:] != p_key[:-1]
    pass_key, pass_day = p_key[first], p_day[first]

    def lookup(keys: IntArray) -> IntArray:
        if not len(keys):
            return np.full(n, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(keys, pair_key), len(keys) - 1)
        return np.where(keys[pos] == pair_key, pos, -1)

    li = lookup(latest_key)
    state[li >= 0] = latest_result[li[li >= 0]]
    pi = lookup(pass_key)
    state[pi >= 0] = C_PASSED
    first_pass[pi >= 0] = pass_day[pi[pi >= 0]]
    return state, first_pass


@dataclass(eq=False)
class _Derived:
    """What the completions say about (person, track) pairs: per pair, as in :class:`ProgressTable`."""

    status: npt.NDArray[np.int8]
    completed_on: DayArray
    complete: npt.NDArray[np.bool_]
    courses_total: IntArray
    courses_done: IntArray
    courses_failed: IntArray
    courses_in_progress: IntArray
    hours_total: npt.NDArray[np.float64]
    hours_done: npt.NDArray[np.float64]
    track_code: dict[int, str]


def _derive(conn: Connection, staff: IntArray, track: IntArray, as_of: date) -> _Derived:
    """Status and progress of each (``staff[i]``, ``track[i]``) pair from the course completions on or before
    ``as_of`` (the rules in the module docstring). Three queries, then arrays."""
    tc, c, cc = m.TrackCourse, m.Course, m.CourseCompletion
    n = len(staff)
    tracks = sorted(set(track.tolist()))
    tc_rows = conn.execute(select(tc.track_id, tc.course_id, c.hours).join(c, c.id == tc.course_id)
                           .where(tc.track_id.in_(tracks)).order_by(tc.track_id, tc.position)).all() if tracks else []
    codes = dict(conn.execute(select(m.Track.id, m.Track.code).where(m.Track.id.in_(tracks))).all()) if tracks else {}
    t_of = np.array([r[0] for r in tc_rows], dtype=np.int64)
    t_course = np.array([r[1] for r in tc_rows], dtype=np.int64)
    t_hours = np.array([r[2] for r in tc_rows], dtype=np.float64)
    track_ids = np.array(tracks, dtype=np.int64)
    length = np.bincount(_positions(track_ids, t_of), minlength=len(tracks)).astype(np.int64)
    start = np.cumsum(length) - length
    # every (pair, course of its track)
    a_track = _positions(track_ids, track)
    per = length[a_track] if n else np.zeros(0, np.int64)
    pair_a = np.repeat(np.arange(n, dtype=np.int64), per)
    offset = np.arange(len(pair_a), dtype=np.int64) - np.repeat(np.cumsum(per) - per, per)
    pair_row = start[a_track[pair_a]] + offset if len(pair_a) else np.zeros(0, np.int64)
    pair_course = t_course[pair_row]
    pair_staff = staff[pair_a]
    # completions of these people in these courses, on or before the as-of date (many people: all, filtered here)
    comp_rows: list[Any] = []
    if len(pair_a):
        q = select(cc.staff_id, cc.course_id, type_coerce(cc.completed_on, String), cc.result, cc.id).where(
            cc.course_id.in_(sorted(set(t_course.tolist()))), cc.completed_on <= as_of)
        people = np.unique(staff)
        if len(people) <= IN_CHUNK:
            q = q.where(cc.staff_id.in_(people.tolist()))
        comp_rows = list(conn.execute(q).fetchall())
    cs = np.array([r[0] for r in comp_rows], dtype=np.int64)
    cs_course = np.array([r[1] for r in comp_rows], dtype=np.int64)
    cs_day = _days([r[2] for r in comp_rows])
    cs_result = np.array([_RESULT_CODE.get(r[3], C_NONE) for r in comp_rows], dtype=np.int8)
    cs_id = np.array([r[4] for r in comp_rows], dtype=np.int64)
    state, first_pass = course_states(cs, cs_course, cs_day, cs_result, cs_id, pair_staff, pair_course)
    # per pair
    passed = state == C_PASSED
    done = np.bincount(pair_a[passed], minlength=n).astype(np.int64)
    failed = np.bincount(pair_a[state == C_FAILED], minlength=n).astype(np.int64)
    in_prog = np.bincount(pair_a[state == C_IN_PROGRESS], minlength=n).astype(np.int64)
    hours_total = np.bincount(pair_a, weights=t_hours[pair_row], minlength=n).astype(np.float64)
    hours_done = np.bincount(pair_a[passed], weights=t_hours[pair_row][passed], minlength=n).astype(np.float64)
    status = np.full(n, NOT_STARTED, dtype=np.int8)
    status[(done + in_prog) > 0] = IN_PROGRESS
    status[failed > 0] = FAILED
    complete = (per > 0) & (done == per)
    status[complete] = COMPLETED
    completed_on = np.full(n, np.datetime64("NaT", "D"))
    if len(pair_a):
        last_pass = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
        np.maximum.at(last_pass, pair_a[passed], first_pass[passed].astype(np.int64))
        completed_on[complete] = last_pass[complete].astype("datetime64[D]")
    return _Derived(status, completed_on, complete, per.astype(np.int64), done, failed, in_prog, hours_total,
                    hours_done, codes)


def _progress(conn: Connection, where: Sequence[Any], as_of: date) -> ProgressTable:
    """Progress of the assignments matching ``where`` (Core conditions on Assignment/Staff), as of ``as_of``."""
    a, s = m.Assignment, m.Staff
    rows = conn.execute(
        select(a.id, a.staff_id, a.track_id, type_coerce(a.assigned_on, String), type_coerce(a.due_on, String),
               a.status, type_coerce(a.completed_on, String), s.employee_number, s.given_names, s.first_surname,
               s.second_surname)
        .join(s, s.id == a.staff_id).where(*where).order_by(a.id)).all()
    staff = np.array([r[1] for r in rows], dtype=np.int64)
    track = np.array([r[2] for r in rows], dtype=np.int64)
    status_code = {k: i for i, k in enumerate(STATUSES)}
    d = _derive(conn, staff, track, as_of)
    due = _days([r[4] for r in rows])
    overdue = ~d.complete & ~np.isnat(due) & (due < np.datetime64(as_of, "D"))
    return ProgressTable(
        as_of=as_of, assignment_id=np.array([r[0] for r in rows], dtype=np.int64), staff_id=staff, track_id=track,
        assigned_on=_days([r[3] for r in rows]), due_on=due,
        stored_status=np.array([status_code.get(r[5], NOT_STARTED) for r in rows], dtype=np.int8),
        stored_completed_on=_days([r[6] for r in rows]), status=d.status, completed_on=d.completed_on,
        overdue=overdue, courses_total=d.courses_total, courses_done=d.courses_done,
        courses_failed=d.courses_failed, courses_in_progress=d.courses_in_progress, hours_total=d.hours_total,
        hours_done=d.hours_done, employee_number=[r[7] for r in rows],
        staff_name=[full_name(r[8], r[9], r[10]) for r in rows], track_code=d.track_code)


def _conditions(conn: Connection, track_id: int | None, unit: int | str | None, include_subunits: bool,
                staff_id: int | None, agency: int | str | None) -> list[Any]:
    a, s = m.Assignment, m.Staff
    where: list[Any] = []
    if track_id is not None:
        where.append(a.track_id == track_id)
    if staff_id is not None:
        where.append(a.staff_id == staff_id)
    if unit is not None:
        where.append(s.unit_id.in_(_unit_ids(conn, UnitAudience(unit, include_subunits, agency))))
    elif agency is not None:
        where.append(s.agency_id == resolve_filters(load_lookups(conn), GapFilters(agency=agency)).agency_id)
    return where


def assignment_progress(engine: Engine, *, track_id: int | None = None, unit: int | str | None = None,
                        include_subunits: bool = True, agency: int | str | None = None,
                        staff_id: int | None = None, as_of: date | None = None) -> ProgressTable:
    """Progress of the assignments of a track, a unit (by the person's present unit; with sub-units), an agency
    or a person (any combination; none = every assignment), derived from completions as of ``as_of`` (today)."""
    with engine.connect() as conn:
        where = _conditions(conn, track_id, unit, include_subunits, staff_id, agency)
        return _progress(conn, where, as_of or date.today())


def _store_status(conn: Connection, table: ProgressTable) -> int:
    """Write the derived status and completion day where they differ from the stored ones; returns the count."""
    same_day = (table.completed_on == table.stored_completed_on) | (
        np.isnat(table.completed_on) & np.isnat(table.stored_completed_on))
    changed = np.flatnonzero((table.status != table.stored_status) | ~same_day)
    if not len(changed):
        return 0
    ids = table.assignment_id[changed].tolist()
    statuses = np.array(STATUSES, dtype=object)[table.status[changed]].tolist()
    done = [_day(d) for d in table.completed_on[changed]]
    if conn.dialect.name == "postgresql":  # one statement over arrays: executemany is a round trip per row
        conn.execute(text(
            "UPDATE assignment AS a SET status = v.status, completed_on = v.done, version = a.version + 1 "
            "FROM unnest(CAST(:ids AS bigint[]), CAST(:statuses AS varchar[]), CAST(:dones AS date[])) "
            "AS v(id, status, done) WHERE a.id = v.id"), {"ids": ids, "statuses": statuses, "dones": done})
        return len(changed)
    a = m.Assignment.__table__
    stmt = update(a).where(a.c.id == bindparam("b_id")).values(
        status=bindparam("b_status"), completed_on=bindparam("b_done"), version=a.c.version + 1)
    params = [{"b_id": i, "b_status": st, "b_done": d} for i, st, d in zip(ids, statuses, done, strict=True)]
    for startpos in range(0, len(params), 20_000):
        conn.execute(stmt, params[startpos:startpos + 20_000])
    return len(changed)


def refresh_assignment_status(engine: Engine, *, track_id: int | None = None, unit: int | str | None = None,
                              include_subunits: bool = True, agency: int | str | None = None,
                              staff_id: int | None = None, as_of: date | None = None, actor: str | None = None,
                              progress: Progress | None = None) -> dict[str, int]:
    """Store the derived status and completion day of the selected assignments (as :func:`assignment_progress`
    selects them) in one transaction; only changed rows are written (their ``version`` goes up). Returns the
    counts: ``checked``, ``changed`` and one per status."""
    progress = progress or Progress()
    with engine.begin() as conn:
        progress.report(0, 2, tr("training.step.progress"))
        where = _conditions(conn, track_id, unit, include_subunits, staff_id, agency)
        table = _progress(conn, where, as_of or date.today())
        progress.report(1, 2, tr("training.step.progress"))
        changed = _store_status(conn, table)
        counts = {"checked": len(table), "changed": changed, **table.counts()}
        if changed:
            conn.execute(insert(m.AuditLog).values(
                actor=actor, action="refresh_assignments", entity_type="track", entity_id=track_id,
                details={**counts, "unit": unit, "agency": agency, "staff_id": staff_id,
                         "as_of": table.as_of.isoformat()}))
        progress.report(2, 2, "")
    return counts


__all__ = [
    "COURSE_STATES",
    "MIN_SHARE",
    "STATISTICS",
    "STATUSES",
    "AssignOutcome",
    "Audience",
    "CatalogueGraph",
    "GapAudience",
    "ProgressTable",
    "StaffAudience",
    "TrackCourseInfo",
    "TrackInfo",
    "TrackProposal",
    "TypicalGap",
    "UnitAudience",
    "assign_track",
    "assignment_progress",
    "audience_staff",
    "course_states",
    "create_track",
    "create_track_from_proposal",
    "delete_track",
    "full_name",
    "get_track",
    "level_matrix",
    "list_tracks",
    "load_catalogue_graph",
    "plan_courses_checked",
    "propose_track",
    "refresh_assignment_status",
    "set_track_courses",
    "status_label",
    "track_order_problems",
    "typical_gaps",
    "update_track",
]
