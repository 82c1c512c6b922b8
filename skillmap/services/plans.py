"""Course plans from the database: for one person and a target role, and for everyone in a unit.

A plan is :func:`skillmap.planning.course_plan.plan_courses` on the person's current levels (the rule of
:mod:`skillmap.services.levels`), the target role profile's required levels (their own position's by default),
the active catalogue (:func:`skillmap.services.courses.catalogue_options`) and the courses they have already passed
(which cost nothing and count for the levels they raise). Dates come from hours per week
(:func:`~skillmap.planning.course_plan.schedule`). The planner is exact up to :data:`EXACT_LIMIT` candidate
courses per independent group of gaps and says so when it falls back to its heuristic (``docs/course-plans.md``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Engine, select

from skillmap.db import models as m
from skillmap.i18n import pick, register, tr
from skillmap.planning.course_plan import (
    CourseOption,
    CoursePlan,
    PlanStep,
    describe_method,
    finish_date,
    plan_courses,
    schedule,
)
from skillmap.problems import InputError, Problem
from skillmap.services.courses import catalogue_options
from skillmap.services.gaps import Cell, Column, GapData, GapFilters, GapTable, Scope, load_gap_data
from skillmap.services.levels import current_levels_select
from skillmap.tasks import Progress

EXACT_LIMIT = 30  # candidate courses per group of gaps solved exactly (under 50 ms each on hard catalogues)
HOURS_PER_WEEK = 4.0

register(
    {
        "plans.unknown_person": {
            "en": "no active person with employee number “{value}”",
            "es": "no hay una persona activa con número de empleado «{value}»",
        },
        "plans.unknown_role": {
            "en": "no role profile with code “{value}”",
            "es": "no hay un perfil de puesto con clave «{value}»",
        },
        "plans.no_role": {
            "en": "{name} holds no position linked to a role profile: name a target role",
            "es": "{name} no ocupa un puesto vinculado a un perfil: indique un perfil de destino",
        },
        "plans.title.person": {"en": "Course plan of {name} for {role}", "es": "Plan de cursos de {name} para {role}"},
        "plans.title.people": {"en": "Course plans for everyone", "es": "Planes de cursos de todas las personas"},
        "plans.title.courses": {"en": "Courses the plans need", "es": "Cursos que requieren los planes"},
        "plans.col.step": {"en": "Step", "es": "Paso"},
        "plans.col.course": {"en": "Course", "es": "Curso"},
        "plans.col.title": {"en": "Title", "es": "Nombre"},
        "plans.col.hours": {"en": "Hours", "es": "Horas"},
        "plans.col.starts": {"en": "Starts", "es": "Inicia"},
        "plans.col.ends": {"en": "Ends", "es": "Termina"},
        "plans.col.raises": {"en": "Raises", "es": "Eleva"},
        "plans.col.closes": {"en": "Closes the gap in", "es": "Cierra la brecha en"},
        "plans.col.employee": {"en": "Employee no.", "es": "Núm. de empleado"},
        "plans.col.name": {"en": "Name", "es": "Nombre"},
        "plans.col.role": {"en": "Target role", "es": "Perfil de destino"},
        "plans.col.gaps": {"en": "Gaps", "es": "Brechas"},
        "plans.col.uncovered": {"en": "Gaps no course closes", "es": "Brechas sin curso"},
        "plans.col.courses": {"en": "Courses", "es": "Cursos"},
        "plans.col.exact": {"en": "Shortest proven", "es": "Mínimo demostrado"},
        "plans.col.finish": {"en": "Finishes", "es": "Termina"},
        "plans.col.people": {"en": "People", "es": "Personas"},
        "plans.col.total_hours": {"en": "Total hours", "es": "Horas totales"},
        "plans.prerequisite": {"en": "prerequisite", "es": "prerrequisito"},
        "plans.yes": {"en": "yes", "es": "sí"},
        "plans.no": {"en": "no", "es": "no"},
    }
)


@dataclass(frozen=True)
class PersonPlan:
    """A person's course plan for a target role, with dates."""

    staff_id: int
    employee_number: str
    name: str
    position: str
    target_code: str
    target_title: str
    own_role: bool
    current: Mapping[int, float | None]
    required: Mapping[int, int]
    plan: CoursePlan
    start: date
    hours_per_week: float
    finish: date
    schedule: list[tuple[PlanStep, date, date]]
    course_title: Mapping[int, str]
    competency_name: Mapping[int, str]
    lang: str | None = None

    @property
    def gaps(self) -> dict[int, tuple[float | None, int]]:
        """Competency id → (current, required) where current < required (unknown counts as 0)."""
        return {c: (self.current.get(c), r) for c, r in self.required.items() if (self.current.get(c) or 0) < r}

    @property
    def method(self) -> str:
        return describe_method(self.plan, self.lang)


def _full_name(given: str, first: str | None, second: str | None) -> str:
    surnames = " ".join(p for p in (first, second) if p)
    return f"{surnames}, {given}" if surnames else given


def _names(engine: Engine, lang: str | None) -> tuple[dict[int, str], dict[int, str]]:
    with engine.connect() as conn:
        courses = {int(i): pick(en, es, lang) or code for i, code, en, es in conn.execute(
            select(m.Course.id, m.Course.code, m.Course.title_en, m.Course.title_es))}
        comps = {int(i): pick(en, es, lang) or code for i, code, en, es in conn.execute(
            select(m.Competency.id, m.Competency.code, m.Competency.name_en, m.Competency.name_es))}
    return courses, comps


def _passed(engine: Engine, staff_ids: Sequence[int]) -> dict[int, set[int]]:
    done: dict[int, set[int]] = {}
    cc = m.CourseCompletion
    with engine.connect() as conn:
        for start in range(0, len(staff_ids), 5000):
            part = list(staff_ids[start:start + 5000])
            for sid, cid in conn.execute(select(cc.staff_id, cc.course_id)
                                         .where(cc.staff_id.in_(part), cc.result == "passed").distinct()):
                done.setdefault(int(sid), set()).add(int(cid))
    return done


def plan_for_person(engine: Engine, employee_number: str, target: str | None = None, *,
                    hours_per_week: float = HOURS_PER_WEEK, start: date | None = None, lang: str | None = None,
                    catalogue: Sequence[CourseOption] | None = None, exact_limit: int = EXACT_LIMIT,
                    progress: Progress | None = None) -> PersonPlan:
    """The course plan of the person with ``employee_number`` for the role profile ``target`` (a code; ``None``:
    their own position's). Reads only."""
    start = start or date.today()
    s, rp = m.Staff, m.RoleProfile
    with engine.connect() as conn:
        person = conn.execute(select(s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname,
                                     s.position_title, s.role_profile_id)
                              .where(s.employee_number == employee_number.strip(), s.active.is_(True))).first()
        if person is None:
            raise InputError([Problem("plans.unknown_person", {"value": employee_number})])
        name = _full_name(person[2], person[3], person[4])
        if target:
            role = conn.execute(select(rp.id, rp.code, rp.title_en, rp.title_es)
                                .where(rp.code == target.strip())).first()
            if role is None:
                raise InputError([Problem("plans.unknown_role", {"value": target})])
        else:
            if person[6] is None:
                raise InputError([Problem("plans.no_role", {"name": name})])
            role = conn.execute(select(rp.id, rp.code, rp.title_en, rp.title_es).where(rp.id == person[6])).one()
        required = {int(c): int(lv) for c, lv in conn.execute(
            select(m.RoleRequirement.competency_id, m.RoleRequirement.required_level)
            .where(m.RoleRequirement.role_profile_id == role[0]))}
        current: dict[int, float | None] = {int(r[1]): float(r[2]) for r in
                                            conn.execute(current_levels_select([int(person[0])]))}
    options = list(catalogue) if catalogue is not None else catalogue_options(engine)
    done = _passed(engine, [int(person[0])]).get(int(person[0]), set())
    plan = plan_courses(current, required, options, done=done, exact_limit=exact_limit, progress=progress)
    course_title, comp_name = _names(engine, lang)
    return PersonPlan(
        staff_id=int(person[0]), employee_number=person[1], name=name, position=person[5] or "",
        target_code=role[1], target_title=pick(role[2], role[3], lang) or role[1],
        own_role=not target or role[0] == person[6], current=current, required=required, plan=plan, start=start,
        hours_per_week=hours_per_week, finish=finish_date(plan, start, hours_per_week),
        schedule=schedule(plan, start, hours_per_week), course_title=course_title, competency_name=comp_name,
        lang=lang)


def _level(value: float | None) -> str:
    return "?" if value is None or not np.isfinite(value) else f"{value:g}"


def person_plan_rows(pp: PersonPlan, lang: str | None = None) -> GapTable:
    """One row per course, in the order to take them, with dates."""
    lang = lang if lang is not None else pp.lang
    rows: list[list[Cell]] = []
    for k, (step, begins, ends) in enumerate(pp.schedule, 1):
        raises = "; ".join(f"{pp.competency_name.get(c, c)} {_level(before)}→{after}"
                           for c, (before, after) in step.raises.items())
        closes = "; ".join(pp.competency_name.get(c, str(c)) for c in step.needed_for) or \
            f"({tr('plans.prerequisite', lang)})"
        rows.append([k, step.course.code, pp.course_title.get(step.course.id, step.course.code),
                     round(step.course.hours, 1), begins.isoformat(), ends.isoformat(), raises, closes])
    cols = [Column(k, tr(f"plans.col.{k}", lang), kind) for k, kind in (
        ("step", "int"), ("course", "text"), ("title", "text"), ("hours", "float"), ("starts", "text"),
        ("ends", "text"), ("raises", "text"), ("closes", "text"))]
    title = tr("plans.title.person", lang, name=pp.name, role=pp.target_title)
    return GapTable("plan", f"{title} — {pp.method}", cols, rows, _no_scope(), lang=lang)


def _no_scope() -> Scope:
    return Scope(framework_ids=())


@dataclass
class UnitPlans:
    """Plans for everyone in scope: a row per person, and the courses the plans need (how many people, hours)."""

    people: GapTable
    courses: GapTable
    plans: dict[str, CoursePlan]  # employee number → plan
    seconds: float  # time spent planning (after loading)

    @property
    def exact_share(self) -> float:
        return sum(p.exact for p in self.plans.values()) / len(self.plans) if self.plans else 1.0


def unit_plans(engine: Engine, filters: GapFilters, *, target: str | None = None,
               hours_per_week: float = HOURS_PER_WEEK, start: date | None = None, lang: str | None = None,
               data: GapData | None = None, exact_limit: int = EXACT_LIMIT,
               progress: Progress | None = None) -> UnitPlans:
    """A plan for every person ``filters`` selects (a unit and the units below it, an agency, …) for ``target``
    (a role profile code; ``None``: each person's own position, people without one are left out). Reads only."""
    progress = progress or Progress()
    start = start or date.today()
    data = data or load_gap_data(engine, filters, lang=lang, progress=progress)
    reqs, lv = data.requirements, data.levels
    if target:
        hits = [i for i, c in enumerate(reqs.role_labels) if c == target.strip()]
        if not hits:
            raise InputError([Problem("plans.unknown_role", {"value": target})])
        roles = np.full(data.n_staff, hits[0], dtype=np.int64)
    else:
        roles = data.role_index
    people = np.flatnonzero(roles >= 0)
    options = catalogue_options(engine)
    done = _passed(engine, [int(lv.staff_ids[p]) for p in people])
    course_title, _ = _names(engine, lang)
    comp_ids = reqs.competency_ids.tolist()
    yes, no = tr("plans.yes", lang), tr("plans.no", lang)
    rows: list[list[Cell]] = []
    plans: dict[str, CoursePlan] = {}
    demand: Counter[int] = Counter()
    hours_of = {o.id: o.hours for o in options}
    t0 = time.perf_counter()
    for k, p in enumerate(people.tolist()):
        if k % 50 == 0:
            progress.report(k, len(people), tr("plans.title.people", lang))
        r = int(roles[p])
        req_row, cur_row = reqs.required[r], lv.levels[p]
        required = {comp_ids[c]: int(req_row[c]) for c in np.flatnonzero(np.isfinite(req_row)).tolist()}
        current = {comp_ids[c]: float(cur_row[c]) for c in np.flatnonzero(np.isfinite(cur_row)).tolist()}
        plan = plan_courses(current, required, options, done=done.get(int(lv.staff_ids[p]), set()),
                            exact_limit=exact_limit)
        number = lv.staff_labels[p]
        plans[number] = plan
        demand.update(plan.course_ids)
        n_gaps = sum(1 for c, need in required.items() if (current.get(c) or 0) < need)
        rows.append([number, data.staff_name[p], reqs.role_labels[r], n_gaps, len(plan.uncovered), len(plan.steps),
                     round(plan.hours, 1), yes if plan.exact else no,
                     finish_date(plan, start, hours_per_week).isoformat()])
    seconds = time.perf_counter() - t0
    progress.report(len(people), len(people), tr("plans.title.people", lang))
    cols = [Column(k, tr(f"plans.col.{k}", lang), kind) for k, kind in (
        ("employee", "text"), ("name", "text"), ("role", "text"), ("gaps", "int"), ("uncovered", "int"),
        ("courses", "int"), ("hours", "float"), ("exact", "text"), ("finish", "text"))]
    codes = {o.id: o.code for o in options}
    course_rows: list[list[Cell]] = [
        [codes[c], course_title.get(c, codes[c]), n, round(hours_of[c], 1), round(hours_of[c] * n, 1)]
        for c, n in sorted(demand.items(), key=lambda kv: (-kv[1], codes[kv[0]]))]
    course_cols = [Column(k, tr(f"plans.col.{k}", lang), kind) for k, kind in (
        ("course", "text"), ("title", "text"), ("people", "int"), ("hours", "float"), ("total_hours", "float"))]
    return UnitPlans(GapTable("plans", tr("plans.title.people", lang), cols, rows, data.scope, lang=lang),
                     GapTable("plan_courses", tr("plans.title.courses", lang), course_cols, course_rows, data.scope,
                              lang=lang),
                     plans, seconds)
