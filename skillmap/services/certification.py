"""Certification programs: who is certified, due, expired, at risk, failed out or never attempted, and what to
assign them.

The rules (validity, cycles, attempts, statuses) are :mod:`skillmap.planning.certification`; this module reads
the attempts with Core queries and applies them as arrays (:func:`~skillmap.planning.certification.
certification_states`). ``docs/training.md`` explains both to users.

Who is counted (``population``)
    ``"required"`` (default): the active staff in the selection whose own role profile requires at least one
    of the program's competencies, and anyone in the selection who has attempted the program. ``"attempted"``:
    only people with an attempt. ``"all"``: every active person in the selection (most of them
    ``never_attempted``). The selection is an agency and/or a unit with every unit below it.
What to assign them (:func:`program_suggestions`)
    * **Tracks** that raise the program's competencies, best first: most competencies brought to the target
      level, then most competencies raised at all, then fewest hours. The target level of a competency is the
      highest level any role profile (of an active framework) requires in it; without one, the highest level a
      course raises it to.
    * **A course plan** (:func:`~skillmap.planning.course_plan.plan_courses`) that brings someone with unknown
      levels to those targets with the fewest hours, prerequisites first — a track to create when none fits.
      Where no available course reaches a target, the plan aims at the highest level a course does reach
      (``plan_targets``), so that it still prepares people as far as the catalogue allows.
      For one person, :func:`person_program_plan` starts from their current levels and the courses they have
      passed, and aims at their own role's levels where it requires the competency (capped the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Engine, String, select, type_coerce

from skillmap.db import models as m
from skillmap.i18n import pick, register, tr
from skillmap.planning.certification import (
    DEFAULT_WINDOW_DAYS,
    STATUSES,
    CertificationStates,
    certification_states,
)
from skillmap.planning.course_plan import CourseOption, CoursePlan
from skillmap.problems import InputError, Problem
from skillmap.services.gaps import GapFilters, Scope, load_lookups, resolve_filters
from skillmap.services.training import full_name, level_matrix, load_catalogue_graph, plan_courses_checked

POPULATIONS: tuple[str, ...] = ("required", "attempted", "all")
IntArray = npt.NDArray[np.int64]

register(
    {
        "cert.unknown_program": {"en": "there is no certification program {value!r}",
                                 "es": "no existe el programa de certificación {value!r}"},
        "cert.bad_population": {"en": "unknown population {value!r}: use one of {choices}",
                                "es": "población desconocida {value!r}: use una de {choices}"},
        "cert.bad_window": {"en": "the due window must be 0 days or more, not {value!r}",
                            "es": "el periodo de aviso debe ser de 0 días o más, no {value!r}"},
        "cert.unknown_staff": {"en": "there is no staff member {id}", "es": "no existe la persona {id}"},
        "cert.status.certified": {"en": "certified", "es": "certificado"},
        "cert.status.due": {"en": "due for renewal", "es": "por renovar"},
        "cert.status.expired": {"en": "expired", "es": "vencido"},
        "cert.status.at_risk": {"en": "at risk (one failed attempt)", "es": "en riesgo (un intento no aprobado)"},
        "cert.status.failed_out": {"en": "failed out (no attempts left)", "es": "sin intentos restantes"},
        "cert.status.never_attempted": {"en": "never attempted", "es": "sin intentos"},
    }
)


def status_label(status: str, lang: str | None = None) -> str:
    """The translated name of a certification status."""
    return tr(f"cert.status.{status}", lang)


@dataclass(frozen=True)
class ProgramInfo:
    id: int
    code: str
    name_en: str
    name_es: str
    validity_years: int
    max_attempts: int
    competency_ids: tuple[int, ...]

    def name(self, lang: str | None = None) -> str:
        return pick(self.name_en, self.name_es, lang) or self.code


def _programs(conn: Connection) -> list[ProgramInfo]:
    p, pc = m.CertificationProgram, m.CertificationProgramCompetency
    comps: dict[int, list[int]] = {}
    for pid, cid in conn.execute(select(pc.program_id, pc.competency_id).order_by(pc.program_id, pc.competency_id)):
        comps.setdefault(pid, []).append(cid)
    return [ProgramInfo(r.id, r.code, r.name_en or "", r.name_es or "", int(r.validity_years or 5),
                        int(r.max_attempts or 2), tuple(comps.get(r.id, ())))
            for r in conn.execute(select(p).order_by(p.code))]


def list_programs(engine: Engine) -> list[ProgramInfo]:
    with engine.connect() as conn:
        return _programs(conn)


def _program(conn: Connection, program: int | str) -> ProgramInfo:
    for info in _programs(conn):
        if (isinstance(program, int) and info.id == program) or (isinstance(program, str) and info.code == program):
            return info
    raise InputError([Problem("cert.unknown_program", {"value": program})])


@dataclass(eq=False)
class CertificationReport:
    """One program's people and their states as of a date. Arrays are aligned with ``staff_id`` (sorted)."""

    program: ProgramInfo
    as_of: date
    window_days: int
    population: str
    scope: Scope
    staff_id: IntArray
    employee_number: list[str]
    staff_name: list[str]
    required: npt.NDArray[np.bool_]  # their own role requires a program competency
    states: CertificationStates

    def __len__(self) -> int:
        return len(self.staff_id)

    def counts(self) -> dict[str, int]:
        return self.states.counts()

    def staff_in(self, status: str) -> IntArray:
        """Ids of the people in ``status`` (one of :data:`~skillmap.planning.certification.STATUSES`)."""
        return self.staff_id[self.states.status == STATUSES.index(status)]

    def by_status(self) -> dict[str, IntArray]:
        return {s: self.staff_in(s) for s in STATUSES}

    def row(self, i: int) -> dict[str, Any]:
        st = self.states.state(i)
        return {"staff_id": int(self.staff_id[i]), "employee_number": self.employee_number[i],
                "name": self.staff_name[i], "status": st.status, "last_passed_on": st.last_passed_on,
                "valid_until": st.valid_until, "failed_in_cycle": st.failed_in_cycle,
                "attempts_left": st.attempts_left, "irregular": st.irregular, "required": bool(self.required[i])}

    def rows(self, status: str | None = None) -> list[dict[str, Any]]:
        idx = range(len(self)) if status is None else np.flatnonzero(
            self.states.status == STATUSES.index(status)).tolist()
        return [self.row(i) for i in idx]


def _staff_conditions(scope: Scope) -> list[Any]:
    s = m.Staff
    conds: list[Any] = [s.active.is_(True)]
    if scope.agency_id is not None:
        conds.append(s.agency_id == scope.agency_id)
    if scope.unit_ids is not None:
        conds.append(s.unit_id.in_(sorted(scope.unit_ids)))
    return conds


@dataclass
class _People:
    scope: Scope
    staff_id: IntArray
    role: IntArray  # role profile id, −1 none
    number: list[str]
    name: list[str]


def _people(conn: Connection, agency: int | str | None, unit: int | str | None, as_of: date) -> _People:
    scope = resolve_filters(load_lookups(conn), GapFilters(agency=agency, unit=unit, as_of=as_of))
    s = m.Staff
    rows = conn.execute(select(s.id, s.role_profile_id, s.employee_number, s.given_names, s.first_surname,
                               s.second_surname).where(*_staff_conditions(scope)).order_by(s.id)).all()
    return _People(scope, np.array([r[0] for r in rows], dtype=np.int64),
                   np.array([r[1] if r[1] is not None else -1 for r in rows], dtype=np.int64),
                   [r[2] for r in rows], [full_name(r[3], r[4], r[5]) for r in rows])


def _attempts(conn: Connection, scope: Scope, program_ids: Sequence[int]) -> list[Any]:
    a, s = m.CertificationAttempt, m.Staff
    q = select(a.program_id, a.staff_id, type_coerce(a.taken_on, String), a.passed, a.attempt_no).where(
        a.program_id.in_(list(program_ids)), a.taken_on <= scope.as_of)
    if scope.agency_id is not None or scope.unit_ids is not None:
        q = q.where(a.staff_id.in_(select(s.id).where(*_staff_conditions(scope))))
    return list(conn.execute(q).fetchall())


def _requiring_profiles(conn: Connection, competency_ids: Sequence[int]) -> IntArray:
    rq = m.RoleRequirement
    ids = conn.execute(select(rq.role_profile_id).where(rq.competency_id.in_(list(competency_ids))).distinct())
    return np.array(sorted(ids.scalars()), dtype=np.int64)


def _report(conn: Connection, program: ProgramInfo, people: _People, rows: list[Any], as_of: date,
            window_days: int, population: str) -> CertificationReport:
    staff = people.staff_id
    p_staff = np.array([r[1] for r in rows], dtype=np.int64)
    days = np.array([r[2] for r in rows], dtype="datetime64[D]") if rows else np.zeros(0, "datetime64[D]")
    passed = np.array([bool(r[3]) for r in rows], dtype=bool)
    number = np.array([r[4] for r in rows], dtype=np.int64)
    pos = np.searchsorted(staff, p_staff)  # staff ids are sorted; attempts of people outside are dropped
    found = pos < len(staff)
    found[found] = staff[pos[found]] == p_staff[found]
    pos, days, passed, number = pos[found], days[found], passed[found], number[found]
    attempted = np.zeros(len(staff), dtype=bool)
    attempted[pos] = True
    required = np.isin(people.role, _requiring_profiles(conn, program.competency_ids))
    keep = {"required": required | attempted, "attempted": attempted,
            "all": np.ones(len(staff), dtype=bool)}[population]
    new_pos = np.cumsum(keep) - 1
    states = certification_states(new_pos[pos], days, passed, int(keep.sum()), as_of, attempt_no=number,
                                  validity_years=program.validity_years, max_attempts=program.max_attempts,
                                  window_days=window_days)
    idx = np.flatnonzero(keep)
    return CertificationReport(program, as_of, window_days, population, people.scope, staff[keep],
                               [people.number[i] for i in idx], [people.name[i] for i in idx], required[keep],
                               states)


def _check(window_days: int, population: str) -> None:
    if population not in POPULATIONS:
        raise InputError([Problem("cert.bad_population", {"value": population, "choices": ", ".join(POPULATIONS)})])
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 0:
        raise InputError([Problem("cert.bad_window", {"value": window_days})])


def program_status(engine: Engine, program: int | str, *, as_of: date | None = None,
                   agency: int | str | None = None, unit: int | str | None = None,
                   window_days: int = DEFAULT_WINDOW_DAYS, population: str = "required") -> CertificationReport:
    """Every counted person's status in ``program`` (id or code) as of ``as_of`` (today), within an agency and/or
    a unit subtree. Three queries (staff, attempts, requiring role profiles), then arrays."""
    _check(window_days, population)
    as_of = as_of or date.today()
    with engine.connect() as conn:
        info = _program(conn, program)
        people = _people(conn, agency, unit, as_of)
        rows = _attempts(conn, people.scope, [info.id])
        return _report(conn, info, people, rows, as_of, window_days, population)


def certification_summary(engine: Engine, *, as_of: date | None = None, agency: int | str | None = None,
                          unit: int | str | None = None, window_days: int = DEFAULT_WINDOW_DAYS,
                          population: str = "required") -> list[tuple[ProgramInfo, dict[str, int]]]:
    """Counts per status of every program (one staff query and one attempts query for all of them)."""
    _check(window_days, population)
    as_of = as_of or date.today()
    with engine.connect() as conn:
        programs = _programs(conn)
        people = _people(conn, agency, unit, as_of)
        rows = _attempts(conn, people.scope, [p.id for p in programs])
        by_program: dict[int, list[Any]] = {}
        for r in rows:
            by_program.setdefault(r[0], []).append(r)
        return [(p, _report(conn, p, people, by_program.get(p.id, []), as_of, window_days, population).counts())
                for p in programs]


# -- what to assign ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrackMatch:
    """A track that raises some of a program's competencies."""

    track_id: int
    code: str
    name_en: str
    name_es: str
    hours: float
    levels: dict[int, int]  # program competency id -> highest level the track's courses bring it to
    at_target: int  # competencies brought to the target level
    raised: int  # competencies raised at all

    def name(self, lang: str | None = None) -> str:
        return pick(self.name_en, self.name_es, lang) or self.code


@dataclass(frozen=True)
class ProgramSuggestion:
    program: ProgramInfo
    targets: dict[int, int]  # competency id -> target level
    tracks: tuple[TrackMatch, ...]  # best first
    plan: CoursePlan  # from unknown levels to ``plan_targets``
    plan_targets: dict[int, int]  # the targets, capped at the highest level an available course reaches
    course_codes: dict[int, str]


def _reachable(targets: dict[int, int], options: Sequence[CourseOption]) -> dict[int, int]:
    best: dict[int, int] = {}
    for o in options:
        for c, lvl in o.raises.items():
            best[c] = max(best.get(c, 0), lvl)
    return {c: min(t, best[c]) for c, t in targets.items() if best.get(c, 0) > 0}


def _targets(conn: Connection, program: ProgramInfo, raises: dict[int, dict[int, int]]) -> dict[int, int]:
    rq, rp, fw = m.RoleRequirement, m.RoleProfile, m.Framework
    targets: dict[int, int] = {}
    for cid, level in conn.execute(
            select(rq.competency_id, rq.required_level).join(rp, rp.id == rq.role_profile_id)
            .join(fw, fw.id == rp.framework_id)
            .where(rq.competency_id.in_(list(program.competency_ids)), fw.active.is_(True))):
        targets[cid] = max(targets.get(cid, 0), int(level))
    for cid in program.competency_ids:
        if cid not in targets:
            best = max((lv.get(cid, -1) for lv in raises.values()), default=-1)
            if best > 0:
                targets[cid] = best
    return targets


def program_suggestions(engine: Engine, program: int | str, *, exact_limit: int = 22) -> ProgramSuggestion:
    """Tracks that raise the program's competencies (best first) and the shortest course plan to the targets."""
    t, tc = m.Track, m.TrackCourse
    with engine.connect() as conn:
        info = _program(conn, program)
        graph = load_catalogue_graph(conn)
        targets = _targets(conn, info, graph.raises)
        tracks: dict[int, Any] = {r.id: r for r in conn.execute(select(t.id, t.code, t.name_en, t.name_es))}
        members: dict[int, list[int]] = {}
        for tid, cid in conn.execute(select(tc.track_id, tc.course_id).order_by(tc.track_id, tc.position)):
            members.setdefault(tid, []).append(cid)
        wanted = set(info.competency_ids)
        matches: list[TrackMatch] = []
        for tid, courses in members.items():
            levels: dict[int, int] = {}
            for cid in courses:
                for comp, lvl in graph.raises.get(cid, {}).items():
                    if comp in wanted:
                        levels[comp] = max(levels.get(comp, 0), lvl)
            if not levels:
                continue
            at_target = sum(1 for c, lv in levels.items() if c in targets and lv >= targets[c])
            row = tracks[tid]
            matches.append(TrackMatch(tid, row.code, row.name_en or "", row.name_es or "",
                                      float(sum(graph.hours[c] for c in courses)), levels, at_target, len(levels)))
        matches.sort(key=lambda x: (-x.at_target, -x.raised, x.hours, x.code))
        options = graph.options()
        plan_targets = _reachable(targets, options)
        course_plan = plan_courses_checked({}, plan_targets, options, exact_limit=exact_limit)
        return ProgramSuggestion(info, targets, tuple(matches), course_plan, plan_targets,
                                 {cid: graph.codes[cid] for cid in course_plan.course_ids})


def person_program_plan(engine: Engine, program: int | str, staff_id: int, *, as_of: date | None = None,
                        exact_limit: int = 22) -> CoursePlan:
    """The shortest course plan that brings one person to the program's levels: from their current levels (as of
    ``as_of``), counting the courses they have passed, aiming at their own role's required level where it
    requires the competency and at the program's target elsewhere."""
    cc, rq = m.CourseCompletion, m.RoleRequirement
    with engine.connect() as conn:
        info = _program(conn, program)
        person = conn.execute(select(m.Staff.role_profile_id).where(m.Staff.id == staff_id)).first()
        if person is None:
            raise InputError([Problem("cert.unknown_staff", {"id": staff_id})])
        graph = load_catalogue_graph(conn)
        targets = _targets(conn, info, graph.raises)
        if person.role_profile_id is not None:
            for cid, level in conn.execute(select(rq.competency_id, rq.required_level).where(
                    rq.role_profile_id == person.role_profile_id, rq.competency_id.in_(list(info.competency_ids)))):
                targets[cid] = int(level)
        comps = np.array(sorted(targets), dtype=np.int64)
        levels = level_matrix(conn, np.array([staff_id], dtype=np.int64), comps, as_of)[0] if len(comps) else []
        current = {int(c): (None if np.isnan(v) else float(v)) for c, v in zip(comps.tolist(), levels, strict=True)}
        q = select(cc.course_id).where(cc.staff_id == staff_id, cc.result == "passed")
        if as_of is not None:
            q = q.where(cc.completed_on <= as_of)
        done = set(conn.execute(q).scalars())
        options = graph.options()
        return plan_courses_checked(current, _reachable(targets, options), options, done=done,
                                    exact_limit=exact_limit)


__all__ = [
    "POPULATIONS", "CertificationReport", "ProgramInfo", "ProgramSuggestion", "TrackMatch", "certification_summary",
    "list_programs", "person_program_plan", "program_status", "program_suggestions", "status_label",
]
