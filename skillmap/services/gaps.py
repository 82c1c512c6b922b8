"""The skills gap from the database: level and requirement matrices, gaps, readiness and their tables.

:func:`load_gap_data` runs one query per matrix (staff, competencies, role profiles with their requirements,
validated assessments) and applies the filters (:class:`GapFilters`); everything after that is numpy in
:mod:`skillmap.analysis.gaps`. A :class:`GapData` computes its measures on first use and keeps them, and
:meth:`GapData.restrict` narrows it to other filters in memory, so the app loads once and asks many questions.

Current levels follow the documented rule of :mod:`skillmap.services.levels` (latest validated assessment; on
the same day the more trusted source, ranked by ``SOURCE_RANK_SQL``, then the later row). The database returns
the validated rows on or before the as-of date with that rank; :func:`skillmap.analysis.gaps.latest_levels`
keeps the winner of each cell. (The window-function query of ``current_levels_select`` gives the same levels,
as the tests check, but takes several times longer on SQLite for a million assessments.)

Tables (:class:`GapTable`) are what the command line prints and writes (``write_gaps_csv``/``_xlsx``/``_json``)
and what the app shows: :func:`gap_table` (aggregates by agency, unit, role family, role, competency or person),
:func:`supply_demand_table`, :func:`title_check_table`, :func:`self_manager_table`, :func:`trend_table`.
Definitions of every measure: :func:`measure_definitions` (also ``docs/gaps.md``).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter
from sqlalchemy import Connection, Engine, Select, String, select, type_coerce

from skillmap.analysis import gaps as G
from skillmap.analysis.definitions import definitions
from skillmap.db import models as m
from skillmap.i18n import pick, register, tr
from skillmap.problems import InputError, Problem, Term
from skillmap.services.levels import SOURCE_RANK_SQL
from skillmap.tasks import Progress

GROUP_BY: tuple[str, ...] = ("agency", "unit", "role_family", "role", "competency", "person")
MIN_COVERAGE = 0.5  # title check: a role is a candidate only with at least this coverage
READY = 0.8  # title check: "ready for a role" means readiness at least this

register(
    {
        "gaps.filter.agency": {"en": "agency", "es": "dependencia"},
        "gaps.filter.unit": {"en": "unit", "es": "unidad"},
        "gaps.filter.role_family": {"en": "role family", "es": "familia de puestos"},
        "gaps.filter.framework": {"en": "framework", "es": "marco"},
        "gaps.filter.as_of": {"en": "as of", "es": "fecha de corte"},
        "gaps.unknown_filter": {"en": "no {what} {value!r} in the database",
                                "es": "no hay {what} {value!r} en la base de datos"},
        "gaps.ambiguous_filter": {
            "en": "{what} {value!r} is ambiguous ({count} matches): give its number, or narrow it with the agency "
                  "or the framework",
            "es": "{what} {value!r} es ambigua ({count} coincidencias): indique su número, o acótela con la "
                  "dependencia o el marco",
        },
        "gaps.bad_group_by": {"en": "cannot group by {value!r}: use one of {choices}",
                              "es": "no se puede agrupar por {value!r}: use una de {choices}"},
        "gaps.ext": {"en": "unknown output format {ext!r}: use .csv, .xlsx or .json",
                     "es": "formato de salida desconocido {ext!r}: use .csv, .xlsx o .json"},
        "gaps.none": {"en": "(none)", "es": "(ninguno)"},
        "gaps.step.frameworks": {"en": "Competencies and role profiles", "es": "Competencias y perfiles de puesto"},
        "gaps.step.staff": {"en": "Staff", "es": "Personal"},
        "gaps.step.assessments": {"en": "Assessments", "es": "Evaluaciones"},
        "gaps.step.levels": {"en": "Current levels", "es": "Niveles actuales"},
        "gaps.all": {"en": "whole organisation", "es": "toda la organización"},
        # table titles
        "gaps.title.group": {"en": "Skills gap by {by}", "es": "Brecha de competencias por {by}"},
        "gaps.title.supply": {"en": "Supply and demand by competency and level",
                              "es": "Oferta y demanda por competencia y nivel"},
        "gaps.title.titles": {"en": "Title check: position against assessed levels",
                              "es": "Revisión del puesto: puesto frente a niveles evaluados"},
        "gaps.title.self_manager": {"en": "Self versus manager ratings by {by}",
                                    "es": "Autoevaluación frente a jefe inmediato por {by}"},
        "gaps.title.trend": {"en": "Mean current level by competency over time",
                             "es": "Nivel actual promedio por competencia en el tiempo"},
        "gaps.by.agency": {"en": "agency", "es": "dependencia"},
        "gaps.by.unit": {"en": "unit", "es": "unidad"},
        "gaps.by.role_family": {"en": "role family", "es": "familia de puestos"},
        "gaps.by.role": {"en": "role profile", "es": "perfil de puesto"},
        "gaps.by.competency": {"en": "competency", "es": "competencia"},
        "gaps.by.person": {"en": "person", "es": "persona"},
        # columns
        "gaps.col.code": {"en": "Code", "es": "Clave"},
        "gaps.col.name": {"en": "Name", "es": "Nombre"},
        "gaps.col.agency": {"en": "Agency", "es": "Dependencia"},
        "gaps.col.unit": {"en": "Unit", "es": "Unidad"},
        "gaps.col.framework": {"en": "Framework", "es": "Marco"},
        "gaps.col.hard_to_transfer": {"en": "Hard to transfer", "es": "Difícil de transferir"},
        "gaps.col.employee_number": {"en": "Employee number", "es": "Núm. de empleado"},
        "gaps.col.position": {"en": "Position", "es": "Puesto"},
        "gaps.col.role": {"en": "Role profile", "es": "Perfil de puesto"},
        "gaps.col.staff": {"en": "Staff", "es": "Personas"},
        "gaps.col.people": {"en": "With requirements", "es": "Con requisitos"},
        "gaps.col.requirements": {"en": "Requirements", "es": "Requisitos"},
        "gaps.col.assessed": {"en": "Assessed", "es": "Evaluados"},
        "gaps.col.coverage_pct": {"en": "Coverage (%)", "es": "Cobertura (%)"},
        "gaps.col.meeting": {"en": "Meeting", "es": "Cumplen"},
        "gaps.col.share_meeting_pct": {"en": "Meeting (%)", "es": "Cumplen (%)"},
        "gaps.col.short": {"en": "Short", "es": "Con brecha"},
        "gaps.col.mean_gap": {"en": "Mean gap", "es": "Brecha promedio"},
        "gaps.col.mean_level": {"en": "Mean level", "es": "Nivel promedio"},
        "gaps.col.mean_required": {"en": "Mean required", "es": "Requerido promedio"},
        "gaps.col.mean_readiness_pct": {"en": "Mean readiness (%)", "es": "Preparación promedio (%)"},
        "gaps.col.readiness_pct": {"en": "Readiness (%)", "es": "Preparación (%)"},
        "gaps.col.met_pct": {"en": "Requirements met (%)", "es": "Requisitos cumplidos (%)"},
        "gaps.col.weighted_gap": {"en": "Weighted gap", "es": "Brecha ponderada"},
        "gaps.col.level": {"en": "Level", "es": "Nivel"},
        "gaps.col.supply": {"en": "Supply (at level)", "es": "Oferta (en el nivel)"},
        "gaps.col.demand": {"en": "Demand (at level)", "es": "Demanda (en el nivel)"},
        "gaps.col.supply_at_least": {"en": "Supply (level or more)", "es": "Oferta (nivel o más)"},
        "gaps.col.demand_at_least": {"en": "Demand (level or more)", "es": "Demanda (nivel o más)"},
        "gaps.col.unknown": {"en": "Unknown level", "es": "Nivel desconocido"},
        "gaps.col.own_readiness_pct": {"en": "Own role readiness (%)", "es": "Preparación puesto propio (%)"},
        "gaps.col.own_coverage_pct": {"en": "Own role coverage (%)", "es": "Cobertura puesto propio (%)"},
        "gaps.col.own_distance": {"en": "Own role distance", "es": "Distancia al puesto propio"},
        "gaps.col.best_distance": {"en": "Best fit distance", "es": "Distancia al mejor puesto"},
        "gaps.col.best_role": {"en": "Best-fitting role", "es": "Puesto que mejor corresponde"},
        "gaps.col.best_readiness_pct": {"en": "Best fit readiness (%)", "es": "Preparación mejor puesto (%)"},
        "gaps.col.best_coverage_pct": {"en": "Best fit coverage (%)", "es": "Cobertura mejor puesto (%)"},
        "gaps.col.fit": {"en": "Title check", "es": "Revisión del puesto"},
        "gaps.col.pairs": {"en": "Pairs", "es": "Pares"},
        "gaps.col.mean_difference": {"en": "Mean self − manager", "es": "Promedio auto − jefe"},
        "gaps.col.mean_abs_difference": {"en": "Mean |self − manager|", "es": "Promedio |auto − jefe|"},
        "gaps.col.self_higher": {"en": "Self higher", "es": "Auto mayor"},
        "gaps.col.self_lower": {"en": "Self lower", "es": "Auto menor"},
        "gaps.col.year": {"en": "Year", "es": "Año"},
        "gaps.col.as_of": {"en": "As of", "es": "Al"},
        "gaps.col.known": {"en": "People with a known level", "es": "Personas con nivel conocido"},
        # title check categories
        "gaps.fit.consistent": {"en": "consistent", "es": "coincide"},
        "gaps.fit.over": {"en": "title claims more than the levels show",
                          "es": "el puesto dice más de lo que muestran los niveles"},
        "gaps.fit.under": {"en": "levels show more than the title",
                           "es": "los niveles muestran más que el puesto"},
        "gaps.fit.lateral": {"en": "another role fits better", "es": "corresponde mejor otro puesto"},
        "gaps.fit.unassessed": {"en": "not enough assessed", "es": "sin evaluación suficiente"},
        "gaps.fit.no_role": {"en": "no role profile", "es": "sin perfil de puesto"},
    }
)


def measure_definitions(lang: str | None = None) -> list[tuple[str, str, str]]:
    """``(key, term, definition)`` of every measure, for the app's help (see ``docs/gaps.md``)."""
    return definitions(lang)


# -- filters ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GapFilters:
    """What to analyse. Ids (``int``) or codes (``str``); ``None`` = no restriction.

    ``agency``       staff of this agency.
    ``unit``         staff of this unit and every unit below it (a unit code must be unique, or ``agency`` given).
    ``role_family``  staff whose position's role profile is of this family, and only that family's roles.
    ``framework``    only this framework's competencies and roles (a code means its active version); staff
                     are not restricted by it.
    ``as_of``        current levels as of this date: assessments after it are ignored.
    Only active staff and active frameworks count (unless ``framework`` is an id of an inactive version).
    """

    agency: int | str | None = None
    unit: int | str | None = None
    role_family: int | str | None = None
    framework: int | str | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class Scope:
    """Filters resolved to ids, with their labels."""

    framework_ids: tuple[int, ...]
    agency_id: int | None = None
    unit_ids: frozenset[int] | None = None
    family_id: int | None = None
    as_of: date | None = None
    labels: dict[str, str] = field(default_factory=dict)  # filter name -> what it selected

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat() if self.as_of else None, **self.labels}

    def describe(self, lang: str | None = None) -> str:
        parts = [f"{tr(f'gaps.filter.{k}', lang)}: {v}" for k, v in self.labels.items()]
        if self.as_of:
            parts.append(f"{tr('gaps.filter.as_of', lang)}: {self.as_of.isoformat()}")
        return "; ".join(parts) or tr("gaps.all", lang)


def _problem(key: str, what: str, value: object, **extra: object) -> InputError:
    return InputError([Problem(key, {"what": Term(f"gaps.filter.{what}"), "value": value, **extra})])


def _one(rows: Sequence[Any], what: str, value: object) -> Any:
    if not rows:
        raise _problem("gaps.unknown_filter", what, value)
    if len(rows) > 1:
        raise _problem("gaps.ambiguous_filter", what, value, count=len(rows))
    return rows[0]


@dataclass(frozen=True)
class Lookups:
    """The small tables filters are resolved against (loaded once with the data)."""

    frameworks: dict[int, tuple[str, str, bool]]  # id -> (code, version, active)
    agencies: dict[int, tuple[str, str, str]]  # id -> (code, short name or name, name)
    units: dict[int, tuple[str, str, int, int | None, int]]  # id -> (code, name, agency id, parent id, level)
    families: dict[int, tuple[str, str, str, int]]  # id -> (code, name_en, name_es, framework id)

    def unit_subtree(self, unit_id: int) -> frozenset[int]:
        children: dict[int | None, list[int]] = {}
        for uid, row in self.units.items():
            children.setdefault(row[3], []).append(uid)
        found, todo = set(), [unit_id]
        while todo:
            u = todo.pop()
            if u not in found:
                found.add(u)
                todo.extend(children.get(u, []))
        return frozenset(found)


def load_lookups(conn: Connection) -> Lookups:
    fw, ag, un, fam = m.Framework, m.Agency, m.Unit, m.RoleFamily
    return Lookups(
        frameworks={i: (code, version, bool(active)) for i, code, version, active in conn.execute(
            select(fw.id, fw.code, fw.version, fw.active))},
        agencies={i: (code, short or name, name) for i, code, short, name in conn.execute(
            select(ag.id, ag.code, ag.short_name, ag.name))},
        units={i: (code, name, aid, parent, level) for i, code, name, aid, parent, level in conn.execute(
            select(un.id, un.code, un.name, un.agency_id, un.parent_id, un.level))},
        families={i: (code, en, es, fwid) for i, code, en, es, fwid in conn.execute(
            select(fam.id, fam.code, fam.name_en, fam.name_es, fam.framework_id))},
    )


def resolve_filters(lookups: Lookups, filters: GapFilters, lang: str | None = None) -> Scope:
    """Turn ids and codes into a :class:`Scope`; an unknown or ambiguous one raises :class:`InputError`."""
    labels: dict[str, str] = {}

    def find(table: Mapping[int, tuple[Any, ...]], value: int | str, what: str,
             code_ok: Callable[[tuple[Any, ...]], bool] = lambda row: True) -> int:
        if isinstance(value, int):
            hits = [value] if value in table else []
        else:
            hits = [i for i, row in table.items() if row[0] == value and code_ok(row)]
        return int(_one(sorted(hits), what, value))

    if filters.framework is not None:
        fw_id = find(lookups.frameworks, filters.framework, "framework", lambda row: row[2])
        framework_ids: tuple[int, ...] = (fw_id,)
        labels["framework"] = " ".join(lookups.frameworks[fw_id][:2])
    else:
        framework_ids = tuple(sorted((i for i, row in lookups.frameworks.items() if row[2]),
                                     key=lambda i: lookups.frameworks[i][0]))
    agency_id = None
    if filters.agency is not None:
        agency_id = find(lookups.agencies, filters.agency, "agency")
        labels["agency"] = lookups.agencies[agency_id][1]
    unit_ids = None
    if filters.unit is not None:
        unit_id = find(lookups.units, filters.unit, "unit", lambda row: agency_id is None or row[2] == agency_id)
        unit_ids = lookups.unit_subtree(unit_id)
        labels["unit"] = lookups.units[unit_id][1]
    family_id = None
    if filters.role_family is not None:
        family_id = find(lookups.families, filters.role_family, "role_family",
                         lambda row: row[3] in framework_ids)
        labels["role_family"] = pick(lookups.families[family_id][1], lookups.families[family_id][2], lang)
    return Scope(framework_ids, agency_id, unit_ids, family_id, filters.as_of, labels)


# -- loading ---------------------------------------------------------------------------------------------
@dataclass(eq=False)
class GapData:
    """Everything the gap measures need, for the staff and roles in a :class:`Scope`.

    Rows of ``levels`` are staff (active, filtered, by id); columns competencies (by framework, category, order).
    Rows of ``requirements`` are role profiles (by framework, family, role, seniority). ``role_index[p]`` is the
    row of person *p*'s own role profile, −1 if they hold none in scope. ``history`` holds the validated
    assessments used (for change over time). Text is in ``lang``.
    """

    scope: Scope
    lang: str | None
    levels: G.LevelMatrix
    requirements: G.RequirementMatrix
    role_index: G.IntArray
    history: G.AssessmentHistory
    staff_name: list[str]
    position: list[str]
    agency_id: G.IntArray  # −1 = none
    unit_id: G.IntArray  # −1 = none
    competency_name: list[str]
    competency_framework: list[str]  # framework code
    competency_framework_id: G.IntArray
    hard_to_transfer: G.BoolArray
    role_title: list[str]
    role_family_id: G.IntArray
    lookups: Lookups

    @property
    def n_staff(self) -> int:
        return self.levels.shape[0]

    def agency_label(self, p: int) -> str:
        row = self.lookups.agencies.get(int(self.agency_id[p]))
        return row[1] if row else ""

    def unit_label(self, p: int) -> str:
        row = self.lookups.units.get(int(self.unit_id[p]))
        return row[1] if row else ""

    @cached_property
    def own(self) -> G.OwnRoleGaps:
        """Every person against their own role profile."""
        return G.own_role_gaps(self.levels, self.requirements, self.role_index)

    @cached_property
    def pairs(self) -> G.PairMeasures:
        """Every person against every role profile (readiness, coverage, weighted gap)."""
        return G.pair_measures(self.levels, self.requirements)

    def title_check(self, *, min_coverage: float = MIN_COVERAGE, ready: float = READY) -> G.TitleCheck:
        return G.title_check(self.levels, self.requirements, self.role_index, pairs=self.pairs,
                             min_coverage=min_coverage, ready=ready)

    def supply_demand(self) -> G.SupplyDemand:
        return G.supply_demand(self.levels, self.requirements, self.role_index)

    def trend(self, cutoffs: Sequence[date] | None = None) -> G.LevelTrend:
        """Mean current level per competency on 31 December of each year with assessments, and on the as-of
        date (or the latest assessment date)."""
        return G.level_trend(self.history, list(cutoffs) if cutoffs is not None else self.year_ends())

    def restrict(self, filters: GapFilters) -> GapData:
        """The same data narrowed in memory, without the database: what :func:`load_gap_data` would give for
        ``filters``, in a fraction of the time (the app loads the whole organisation once, then filters).

        Needs data loaded without agency, unit or role family filters, and an as-of date no later than the
        loaded one (levels are recomputed from the kept history). Raises ``ValueError`` otherwise."""
        old = self.scope
        if old.agency_id is not None or old.unit_ids is not None or old.family_id is not None:
            raise ValueError("restrict() needs data loaded without agency, unit or role family filters")
        if old.as_of is not None and (filters.as_of is None or filters.as_of > old.as_of):
            raise ValueError("restrict() cannot move the as-of date past the loaded one")
        scope = resolve_filters(self.lookups, filters, self.lang)
        scope = Scope(tuple(f for f in scope.framework_ids if f in old.framework_ids), scope.agency_id,
                      scope.unit_ids, scope.family_id, scope.as_of, scope.labels)
        fws = np.array(scope.framework_ids, dtype=np.int64)
        role_keep = np.isin(self.requirements.groups, fws)
        if scope.family_id is not None:
            role_keep &= self.role_family_id == scope.family_id
        comp_keep = np.isin(self.competency_framework_id, fws)
        staff_keep = np.ones(self.n_staff, dtype=bool)
        if scope.agency_id is not None:
            staff_keep &= self.agency_id == scope.agency_id
        if scope.unit_ids is not None:
            staff_keep &= np.isin(self.unit_id, np.array(sorted(scope.unit_ids), dtype=np.int64))
        if scope.family_id is not None:
            own_family = np.where(self.role_index >= 0, self.role_family_id[np.maximum(self.role_index, 0)], -1)
            staff_keep &= own_family == scope.family_id

        def new_positions(keep: G.BoolArray) -> G.IntArray:
            return np.where(keep, np.cumsum(keep) - 1, -1)

        s_pos, c_pos, r_pos = new_positions(staff_keep), new_positions(comp_keep), new_positions(role_keep)
        h = self.history
        rows = staff_keep[h.staff_pos] & comp_keep[h.comp_pos]
        if scope.as_of is not None:
            rows &= h.day <= np.datetime64(scope.as_of, "D")
        history = G.AssessmentHistory(s_pos[h.staff_pos[rows]], c_pos[h.comp_pos[rows]], h.level[rows], h.day[rows],
                                      h.rank[rows], h.row_id[rows], int(staff_keep.sum()), int(comp_keep.sum()))
        levels = self.levels.take(staff_keep, comp_keep)
        if scope.as_of is not None and scope.as_of != old.as_of:
            levels.levels = G.latest_levels(history)
        role_index = self.role_index[staff_keep]
        role_index = np.where(role_index >= 0, r_pos[np.maximum(role_index, 0)], -1)
        si, ci, ri = np.flatnonzero(staff_keep), np.flatnonzero(comp_keep), np.flatnonzero(role_keep)
        return GapData(
            scope=scope, lang=self.lang, levels=levels, requirements=self.requirements.take(role_keep, comp_keep),
            role_index=role_index, history=history,
            staff_name=[self.staff_name[i] for i in si], position=[self.position[i] for i in si],
            agency_id=self.agency_id[staff_keep], unit_id=self.unit_id[staff_keep],
            competency_name=[self.competency_name[i] for i in ci],
            competency_framework=[self.competency_framework[i] for i in ci],
            competency_framework_id=self.competency_framework_id[comp_keep],
            hard_to_transfer=self.hard_to_transfer[comp_keep],
            role_title=[self.role_title[i] for i in ri], role_family_id=self.role_family_id[role_keep],
            lookups=self.lookups,
        )

    def year_ends(self) -> list[date]:
        if not len(self.history):
            return []
        first = int(str(self.history.day.min())[:4])
        last_day = self.scope.as_of or date.fromisoformat(str(self.history.day.max()))
        cuts = [date(y, 12, 31) for y in range(first, last_day.year)]
        return [*cuts, last_day]


def _staff_conditions(scope: Scope) -> list[Any]:
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


def _positions(ids: G.IntArray, values: G.IntArray) -> G.IntArray:
    """Position of each value in ``ids`` (unique, any order); −1 where absent."""
    if not len(ids):
        return np.full(len(values), -1, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    pos = np.minimum(np.searchsorted(ids[order], values), len(ids) - 1)
    return np.where(ids[order[pos]] == values, order[pos], -1)


def assessment_rows_select(scope: Scope, *, validated_only: bool = True,
                           sources: Sequence[str] | None = None) -> Select[Any]:
    """``(staff_id, competency_id, level, assessed_on, source rank, id)`` of the assessments in scope, on or
    before the as-of date. ``assessed_on`` comes as stored (ISO text on SQLite, a date on PostgreSQL): numpy
    parses either, and skipping SQLAlchemy's per-row date parsing saves seconds for a million rows."""
    a = m.Assessment
    q = select(a.staff_id, a.competency_id, a.level, type_coerce(a.assessed_on, String), SOURCE_RANK_SQL, a.id)
    if validated_only:
        q = q.where(a.validated.is_(True))
    if sources is not None:
        q = q.where(a.source.in_(list(sources)))
    if scope.as_of is not None:
        q = q.where(a.assessed_on <= scope.as_of)
    if scope.agency_id is not None or scope.unit_ids is not None or scope.family_id is not None:
        q = q.where(a.staff_id.in_(select(m.Staff.id).where(*_staff_conditions(scope))))
    return q


_ROW = np.dtype([("staff", "i8"), ("comp", "i8"), ("level", "f8"), ("day", "M8[D]"), ("rank", "i8"), ("id", "i8")])


HISTORY_CHUNK = 100_000  # rows fetched and packed at a time: Python row objects never outnumber this


def _history(conn: Connection, q: Select[Any], staff_ids: G.IntArray, comp_ids: G.IntArray) -> G.AssessmentHistory:
    # Fetched in chunks, each packed into a structured array at once: 1.6 M rows as Python objects took
    # 400 MB at their peak; packed they take 60 MB.
    result = conn.execute(q)
    parts = []
    while chunk := result.fetchmany(HISTORY_CHUNK):
        parts.append(np.fromiter(map(tuple, chunk), dtype=_ROW, count=len(chunk)))
    arr = np.concatenate(parts) if parts else np.empty(0, dtype=_ROW)
    del parts
    sp = _positions(staff_ids, arr["staff"])
    cp = _positions(comp_ids, arr["comp"])
    keep = (sp >= 0) & (cp >= 0)
    return G.AssessmentHistory(sp[keep], cp[keep], arr["level"][keep], arr["day"][keep], arr["rank"][keep],
                               arr["id"][keep], len(staff_ids), len(comp_ids))


def _full_name(given: str, first: str | None, second: str | None) -> str:
    surnames = " ".join(p for p in (first, second) if p)
    return f"{surnames}, {given}" if surnames else given


def load_gap_data(engine: Engine, filters: GapFilters | None = None, *, lang: str | None = None,
                  progress: Progress | None = None) -> GapData:
    """Load the level and requirement matrices for ``filters`` (one query each, plus small look-ups).

    A background task: reports its steps to ``progress`` and stops there (:class:`~skillmap.tasks.Cancelled`)
    when cancelled. Reads only."""
    filters = filters or GapFilters()
    progress = progress or Progress()
    progress.report(0, 4, tr("gaps.step.frameworks", lang))
    s, c, fw, cat = m.Staff, m.Competency, m.Framework, m.Category
    rp, role, fam, rq = m.RoleProfile, m.Role, m.RoleFamily, m.RoleRequirement
    with engine.connect() as conn:
        lookups = load_lookups(conn)
        scope = resolve_filters(lookups, filters, lang)
        fw_ids = list(scope.framework_ids)
        # competencies
        comps = conn.execute(
            select(c.id, c.code, c.name_en, c.name_es, c.hard_to_transfer, fw.code, c.framework_id)
            .join(fw, fw.id == c.framework_id).join(cat, cat.id == c.category_id)
            .where(c.framework_id.in_(fw_ids))
            .order_by(fw.code, cat.sort_order, c.sort_order, c.id)).all()
        comp_ids_ordered = np.array([r[0] for r in comps], dtype=np.int64)
        # role profiles and their requirements (one row per requirement; profiles without any: one row of NULLs)
        rq_q = (select(rp.id, rp.code, rp.title_en, rp.title_es, rp.seniority, rp.framework_id, role.family_id,
                       rq.competency_id, rq.required_level, rq.weight)
                .join(role, role.id == rp.role_id).join(fam, fam.id == role.family_id)
                .join(fw, fw.id == rp.framework_id)
                .outerjoin(rq, rq.role_profile_id == rp.id)
                .where(rp.framework_id.in_(fw_ids))
                .order_by(fw.code, fam.sort_order, role.sort_order, rp.seniority, rp.id))
        if scope.family_id is not None:
            rq_q = rq_q.where(role.family_id == scope.family_id)
        req_rows = conn.execute(rq_q).all()
        progress.report(1, 4, tr("gaps.step.staff", lang))
        staff = conn.execute(
            select(s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname, s.position_title,
                   s.agency_id, s.unit_id, s.role_profile_id)
            .where(*_staff_conditions(scope)).order_by(s.id)).all()
        staff_ids = np.array([r[0] for r in staff], dtype=np.int64)
        progress.report(2, 4, tr("gaps.step.assessments", lang))
        history = _history(conn, assessment_rows_select(scope), staff_ids, comp_ids_ordered)
    progress.report(3, 4, tr("gaps.step.levels", lang))
    levels = G.LevelMatrix(staff_ids, comp_ids_ordered, G.latest_levels(history),
                           [r[1] for r in staff], [r[1] for r in comps])
    # requirement matrix
    comp_pos = {int(cid): i for i, cid in enumerate(comp_ids_ordered.tolist())}
    profile_order: list[int] = []
    info: dict[int, tuple[str, str, str, int, int, int]] = {}
    for pid, code, ten, tes, sen, fwid, famid, _cid, _lvl, _w in req_rows:
        if pid not in info:
            profile_order.append(pid)
            info[pid] = (code, ten, tes, sen, fwid, famid)
    role_pos = {pid: i for i, pid in enumerate(profile_order)}
    n_r, n_c = len(profile_order), len(comp_ids_ordered)
    required = np.full((n_r, n_c), np.nan)
    weights = np.zeros((n_r, n_c))
    for pid, *_rest, cid, lvl, w in req_rows:
        if cid is not None and cid in comp_pos:
            required[role_pos[pid], comp_pos[cid]] = lvl
            weights[role_pos[pid], comp_pos[cid]] = w
    reqs = G.RequirementMatrix(
        np.array(profile_order, dtype=np.int64), comp_ids_ordered, required, weights,
        [info[p][0] for p in profile_order], [r[1] for r in comps],
        seniority=np.array([info[p][3] for p in profile_order], dtype=np.int64),
        groups=np.array([info[p][4] for p in profile_order], dtype=np.int64))
    role_index = np.array([role_pos.get(r[8], -1) if r[8] is not None else -1 for r in staff], dtype=np.int64)
    progress.report(4, 4, tr("gaps.step.levels", lang))
    return GapData(
        scope=scope, lang=lang, levels=levels, requirements=reqs, role_index=role_index, history=history,
        staff_name=[_full_name(r[2], r[3], r[4]) for r in staff],
        position=[r[5] or "" for r in staff],
        agency_id=np.array([r[6] if r[6] is not None else -1 for r in staff], dtype=np.int64),
        unit_id=np.array([r[7] if r[7] is not None else -1 for r in staff], dtype=np.int64),
        competency_name=[pick(r[2], r[3], lang) for r in comps],
        competency_framework=[r[5] for r in comps],
        competency_framework_id=np.array([r[6] for r in comps], dtype=np.int64),
        hard_to_transfer=np.array([bool(r[4]) for r in comps], dtype=bool),
        role_title=[pick(info[p][1], info[p][2], lang) or info[p][0] for p in profile_order],
        role_family_id=np.array([info[p][5] for p in profile_order], dtype=np.int64),
        lookups=lookups,
    )


def load_ratings(engine: Engine, data: GapData) -> G.RatingComparison:
    """Latest self rating (validated or not) minus latest manager rating, on ``data``'s staff and competencies,
    as of its as-of date (one query)."""
    a = m.Assessment
    q = assessment_rows_select(data.scope, validated_only=False, sources=("self", "manager")).add_columns(
        type_coerce(a.source, String))
    comp_ids = data.levels.competency_ids
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    is_self = np.array([r[6] == "self" for r in rows], dtype=bool)
    arr = np.fromiter((tuple(r)[:6] for r in rows), dtype=_ROW, count=len(rows))
    sp = _positions(data.levels.staff_ids, arr["staff"])
    cp = _positions(comp_ids, arr["comp"])
    keep = (sp >= 0) & (cp >= 0)
    h = G.AssessmentHistory(sp[keep], cp[keep], arr["level"][keep], arr["day"][keep], np.zeros(int(keep.sum())),
                            arr["id"][keep], data.n_staff, len(comp_ids))
    own_self = is_self[keep]
    return G.compare_ratings(G.latest_levels(h.select(own_self)), G.latest_levels(h.select(~own_self)))


# -- tables ----------------------------------------------------------------------------------------------
Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    """``key`` is the stable name (JSON); ``header`` the translated one; ``kind`` is ``text``, ``int``,
    ``float`` (two decimals) or ``pct`` (a percentage 0–100, one decimal)."""

    key: str
    header: str
    kind: str = "text"


@dataclass
class GapTable:
    """Rows for the command line, the files and the app. Percentages are 0–100 (``*_pct`` columns)."""

    kind: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    scope: Scope
    group_by: str | None = None
    lang: str | None = None

    def to_json(self) -> dict[str, Any]:
        keys = [c.key for c in self.columns]
        return {"kind": self.kind, "group_by": self.group_by, "title": self.title,
                "filters": self.scope.to_json(), "columns": [c.__dict__ for c in self.columns],
                "rows": [dict(zip(keys, row, strict=True)) for row in self.rows]}

    def text(self, limit: int | None = None) -> str:
        """Aligned plain text (numbers right-aligned), for a terminal."""
        shown = self.rows if limit is None else self.rows[:limit]
        cells = [[c.header for c in self.columns]] + [[_show(v, c.kind) for v, c in zip(r, self.columns,
                                                                                          strict=True)]
                                                       for r in shown]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [f"{self.title} — {self.scope.describe(self.lang)}"]
        for row in cells:
            lines.append("  ".join(v.ljust(w) if c.kind == "text" else v.rjust(w)
                                   for v, w, c in zip(row, widths, self.columns, strict=True)).rstrip())
        if limit is not None and len(self.rows) > limit:
            lines.append(f"… (+{len(self.rows) - limit})")
        return "\n".join(lines)


def _show(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if kind == "pct":
        return f"{value:.1f}"
    if kind == "float":
        return f"{value:.2f}"
    return str(value)


def _num(value: float, digits: int) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), digits)


def _pct(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(100.0 * float(value), 1)


def _cols(lang: str | None, *specs: tuple[str, str]) -> list[Column]:
    return [Column(key, tr(f"gaps.col.{key}", lang), kind) for key, kind in specs]


_STATS_COLS: tuple[tuple[str, str], ...] = (
    ("requirements", "int"), ("assessed", "int"), ("coverage_pct", "pct"), ("meeting", "int"),
    ("share_meeting_pct", "pct"), ("short", "int"), ("mean_gap", "float"), ("mean_level", "float"),
    ("mean_required", "float"),
)


def _stats_cells(st: G.GroupStats) -> list[list[Cell]]:
    """The :data:`_STATS_COLS` cells of every group (each derived array computed once)."""
    cov, share, gap, level, req = st.coverage, st.share_meeting, st.mean_gap, st.mean_level, st.mean_required
    return [[int(st.requirements[i]), int(st.assessed[i]), _pct(cov[i]), int(st.meeting[i]), _pct(share[i]),
             int(st.short[i]), _num(gap[i], 2), _num(level[i], 2), _num(req[i], 2)] for i in range(len(st))]


def _groups(data: GapData, group_by: str) -> tuple[G.IntArray, list[list[Cell]], list[Column]]:
    """Group number of each person, the label cells of each group, and the label columns."""
    lang = data.lang
    none = tr("gaps.none", lang)
    agencies, units, families = data.lookups.agencies, data.lookups.units, data.lookups.families
    if group_by == "agency":
        keys = sorted({int(a) for a in data.agency_id.tolist() if a >= 0}, key=lambda a: agencies[a][2])
        labels = [[agencies[a][0], agencies[a][2]] for a in keys]
        raw, columns = data.agency_id, _cols(lang, ("code", "text"), ("name", "text"))
    elif group_by == "unit":
        keys = sorted({int(u) for u in data.unit_id.tolist() if u >= 0},
                      key=lambda u: (agencies[units[u][2]][1], units[u][4], units[u][1]))
        labels = [[agencies[units[u][2]][1], units[u][0], units[u][1]] for u in keys]
        raw = data.unit_id
        columns = _cols(lang, ("agency", "text"), ("code", "text"), ("name", "text"))
    elif group_by == "role_family":
        fam_of_person = np.where(data.role_index >= 0, data.role_family_id[np.maximum(data.role_index, 0)], -1)
        keys = list(dict.fromkeys(data.role_family_id.tolist()))
        labels = [[families[f][0], pick(families[f][1], families[f][2], lang)] for f in keys]
        raw, columns = fam_of_person, _cols(lang, ("code", "text"), ("name", "text"))
    elif group_by == "role":
        keys = list(range(data.requirements.shape[0]))
        labels = [[data.requirements.role_labels[j], data.role_title[j]] for j in keys]
        raw, columns = data.role_index, _cols(lang, ("code", "text"), ("name", "text"))
    else:
        raise ValueError(group_by)
    pos = {k: i for i, k in enumerate(keys)}
    groups = np.array([pos.get(int(k), len(keys)) if k >= 0 else len(keys) for k in raw.tolist()], dtype=np.int64)
    labels.append([""] * (len(columns) - 1) + [none])
    return groups, labels, columns


def gap_rows(data: GapData, group_by: str = "competency") -> GapTable:
    """The aggregate table of ``data`` grouped by ``group_by`` (one of :data:`GROUP_BY`), each person measured
    against their own role profile. Groups without staff (competencies no one is required) are left out; people
    outside every group (no unit, no role ...) make a last "(none)" row."""
    lang = data.lang
    if group_by not in GROUP_BY:
        raise InputError([Problem("gaps.bad_group_by", {"value": group_by, "choices": ", ".join(GROUP_BY)})])
    own = data.own
    title = tr("gaps.title.group", lang, by=tr(f"gaps.by.{group_by}", lang))
    rows: list[list[Cell]] = []
    if group_by == "competency":
        st = G.competency_stats(own)
        columns = _cols(lang, ("framework", "text"), ("code", "text"), ("name", "text"),
                        ("hard_to_transfer", "text"), ("people", "int"), *_STATS_COLS)
        yes, no = ("sí", "no") if (lang or "") == "es" else ("yes", "no")
        for i, cells in enumerate(_stats_cells(st)):
            if st.requirements[i] == 0:
                continue
            rows.append([data.competency_framework[i], data.levels.competency_labels[i], data.competency_name[i],
                         yes if data.hard_to_transfer[i] else no, int(st.people[i]), *cells])
    elif group_by == "person":
        columns = _cols(lang, ("employee_number", "text"), ("name", "text"), ("agency", "text"), ("unit", "text"),
                        ("position", "text"), ("role", "text"), ("requirements", "int"), ("assessed", "int"),
                        ("coverage_pct", "pct"), ("readiness_pct", "pct"), ("met_pct", "pct"),
                        ("weighted_gap", "float"), ("short", "int"))
        short = (np.nan_to_num(own.gap) > 0).sum(axis=1)
        for p in range(data.n_staff):
            j = int(data.role_index[p])
            rows.append([data.levels.staff_labels[p], data.staff_name[p],
                         data.agency_label(p), data.unit_label(p), data.position[p],
                         data.role_title[j] if j >= 0 else "", int(own.n_required[p]), int(own.n_assessed[p]),
                         _pct(own.coverage[p]), _pct(own.readiness[p]), _pct(own.met[p]),
                         _num(own.weighted_gap[p], 2), int(short[p])])
    else:
        groups, labels, label_cols = _groups(data, group_by)
        st = G.group_stats(own, groups, len(labels))
        columns = [*label_cols, *_cols(lang, ("staff", "int"), ("people", "int"), *_STATS_COLS,
                                       ("mean_readiness_pct", "pct"))]
        readiness = st.mean_readiness
        for i, (label, cells) in enumerate(zip(labels, _stats_cells(st), strict=True)):
            if st.staff[i] == 0:
                continue
            rows.append([*label, int(st.staff[i]), int(st.people[i]), *cells, _pct(readiness[i])])
    return GapTable("gaps", title, columns, rows, data.scope, group_by, lang)


def gap_table(engine: Engine, group_by: str = "competency", filters: GapFilters | None = None,
              lang: str | None = None) -> GapTable:
    """Load (:func:`load_gap_data`) and aggregate (:func:`gap_rows`): what ``skillmap gaps`` prints and writes."""
    if group_by not in GROUP_BY:
        raise InputError([Problem("gaps.bad_group_by", {"value": group_by, "choices": ", ".join(GROUP_BY)})])
    return gap_rows(load_gap_data(engine, filters, lang=lang), group_by)


def supply_demand_rows(data: GapData) -> GapTable:
    """One row per competency and level (levels 1 and up): supply against demand, exactly and "or more".
    Competencies nobody holds or needs are left out."""
    lang = data.lang
    sd = data.supply_demand()
    s_al, d_al = sd.supply_at_least, sd.demand_at_least
    columns = _cols(lang, ("framework", "text"), ("code", "text"), ("name", "text"), ("level", "int"),
                    ("supply", "int"), ("demand", "int"), ("supply_at_least", "int"), ("demand_at_least", "int"),
                    ("unknown", "int"))
    rows: list[list[Cell]] = []
    for c in range(len(sd.competency_ids)):
        if s_al[c, 0] == 0 and d_al[c, 0] == 0:
            continue
        for i, level in enumerate(sd.levels.tolist()):
            if level == 0:
                continue
            rows.append([data.competency_framework[c], data.levels.competency_labels[c], data.competency_name[c],
                         level, int(sd.supply[c, i]), int(sd.demand[c, i]), int(s_al[c, i]), int(d_al[c, i]),
                         int(sd.unknown[c])])
    return GapTable("supply_demand", tr("gaps.title.supply", lang), columns, rows, data.scope, None, lang)


def supply_demand_table(engine: Engine, filters: GapFilters | None = None, lang: str | None = None) -> GapTable:
    return supply_demand_rows(load_gap_data(engine, filters, lang=lang))


def title_check_rows(data: GapData, *, only: Sequence[str] | None = ("over", "under"),
                     min_coverage: float = MIN_COVERAGE, ready: float = READY) -> GapTable:
    """One row per person whose fit is in ``only`` (``None``: everyone): their position's role profile against
    the best-fitting one (definitions in :func:`skillmap.analysis.gaps.title_check`)."""
    lang = data.lang
    tc = data.title_check(min_coverage=min_coverage, ready=ready)
    columns = _cols(lang, ("employee_number", "text"), ("name", "text"), ("agency", "text"), ("unit", "text"),
                    ("position", "text"), ("role", "text"), ("own_readiness_pct", "pct"),
                    ("own_coverage_pct", "pct"), ("own_distance", "float"), ("best_role", "text"),
                    ("best_readiness_pct", "pct"), ("best_coverage_pct", "pct"), ("best_distance", "float"),
                    ("fit", "text"))
    wanted = None if only is None else {G.FIT_NAMES.index(k) for k in only}
    rows: list[list[Cell]] = []
    for p in range(data.n_staff):
        f = int(tc.fit[p])
        if wanted is not None and f not in wanted:
            continue
        j, b = int(tc.own[p]), int(tc.best[p])
        rows.append([data.levels.staff_labels[p], data.staff_name[p],
                     data.agency_label(p), data.unit_label(p), data.position[p],
                     data.role_title[j] if j >= 0 else "", _pct(tc.own_readiness[p]), _pct(tc.own_coverage[p]),
                     _num(tc.own_distance[p], 2), data.role_title[b] if b >= 0 else "", _pct(tc.best_readiness[p]),
                     _pct(tc.best_coverage[p]), _num(tc.best_distance[p], 2), tr(f"gaps.fit.{G.FIT_NAMES[f]}", lang)])
    return GapTable("title_check", tr("gaps.title.titles", lang), columns, rows, data.scope, None, lang)


def title_check_table(engine: Engine, filters: GapFilters | None = None, lang: str | None = None, *,
                      only: Sequence[str] | None = ("over", "under"), min_coverage: float = MIN_COVERAGE,
                      ready: float = READY) -> GapTable:
    return title_check_rows(load_gap_data(engine, filters, lang=lang), only=only, min_coverage=min_coverage,
                            ready=ready)


def self_manager_rows(data: GapData, ratings: G.RatingComparison, by: str = "competency") -> GapTable:
    """Self minus manager ratings summarised per competency (``by="competency"``) or per person."""
    lang = data.lang
    rows: list[list[Cell]] = []
    if by == "person":
        columns = _cols(lang, ("employee_number", "text"), ("name", "text"), ("pairs", "int"),
                        ("mean_difference", "float"))
        n, mean = ratings.person_pairs, ratings.person_mean_difference
        for p in range(data.n_staff):
            if n[p]:
                rows.append([data.levels.staff_labels[p], data.staff_name[p], int(n[p]), _num(mean[p], 2)])
    else:
        columns = _cols(lang, ("framework", "text"), ("code", "text"), ("name", "text"), ("pairs", "int"),
                        ("mean_difference", "float"), ("mean_abs_difference", "float"), ("self_higher", "int"),
                        ("self_lower", "int"))
        pairs, mean, mabs = ratings.pairs, ratings.mean_difference, ratings.mean_abs_difference
        hi, lo = ratings.self_higher, ratings.self_lower
        for c in range(len(pairs)):
            if pairs[c]:
                rows.append([data.competency_framework[c], data.levels.competency_labels[c],
                             data.competency_name[c], int(pairs[c]), _num(mean[c], 2), _num(mabs[c], 2),
                             int(hi[c]), int(lo[c])])
    title = tr("gaps.title.self_manager", lang, by=tr(f"gaps.by.{'person' if by == 'person' else 'competency'}",
                                                      lang))
    return GapTable("self_manager", title, columns, rows, data.scope, by, lang)


def self_manager_table(engine: Engine, filters: GapFilters | None = None, lang: str | None = None,
                       by: str = "competency") -> GapTable:
    data = load_gap_data(engine, filters, lang=lang)
    return self_manager_rows(data, load_ratings(engine, data), by)


def trend_rows(data: GapData, cutoffs: Sequence[date] | None = None) -> GapTable:
    """Mean current level per competency at each cut-off (default: 31 December of each year and the as-of
    date), one row per competency and date."""
    lang = data.lang
    cuts = list(cutoffs) if cutoffs is not None else data.year_ends()
    trend = data.trend(cuts)
    columns = _cols(lang, ("framework", "text"), ("code", "text"), ("name", "text"), ("year", "int"),
                    ("as_of", "text"), ("known", "int"), ("mean_level", "float"))
    rows: list[list[Cell]] = []
    for c in range(data.levels.shape[1]):
        if not trend.known[c].any():
            continue
        for j, cut in enumerate(cuts):
            rows.append([data.competency_framework[c], data.levels.competency_labels[c], data.competency_name[c],
                         cut.year, cut.isoformat(), int(trend.known[c, j]), _num(trend.mean[c, j], 2)])
    return GapTable("trend", tr("gaps.title.trend", lang), columns, rows, data.scope, None, lang)


def trend_table(engine: Engine, filters: GapFilters | None = None, lang: str | None = None) -> GapTable:
    return trend_rows(load_gap_data(engine, filters, lang=lang))


# -- files -----------------------------------------------------------------------------------------------
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula (starting with = + - @, tab, CR or LF) gets a leading
    apostrophe (OWASP CSV injection). Numbers are left alone."""
    if isinstance(value, str) and value.startswith(_CSV_TRIGGERS):
        return "'" + value
    return value


def write_gaps_csv(table: GapTable, path: str | Path, *, delimiter: str = ",") -> Path:
    """UTF-8 with a byte-order mark (Excel reads the accents), translated headers, empty cells for undefined
    values, percentages 0–100."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([csv_safe(c.header) for c in table.columns])
        for row in table.rows:
            writer.writerow(["" if v is None else csv_safe(v) for v in row])
    return path


def write_gaps_json(table: GapTable, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(table.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def write_gaps_xlsx(table: GapTable, path: str | Path) -> Path:
    """One sheet: title, filters, header and rows. Text is always written as text (never a formula)."""
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    try:
        ws = wb.add_worksheet((tr(f"gaps.by.{table.group_by}", table.lang) if table.group_by in GROUP_BY
                               else table.kind)[:31])
        bold = wb.add_format({"bold": True, "font_size": 13})
        head = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True,
                              "valign": "top"})
        fmts = {"pct": wb.add_format({"num_format": "0.0"}), "float": wb.add_format({"num_format": "0.00"}),
                "int": wb.add_format({"num_format": "0"})}
        ws.write_string(0, 0, table.title, bold)
        ws.write_string(1, 0, table.scope.describe(table.lang))
        for c, col in enumerate(table.columns):
            ws.write_string(3, c, col.header, head)
        for r, row in enumerate(table.rows, start=4):
            for c, (value, col) in enumerate(zip(row, table.columns, strict=True)):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value, fmts.get(col.kind))
        for c, col in enumerate(table.columns):
            width = max([len(col.header) * 0.8] + [len(_show(row[c], col.kind)) for row in table.rows[:500]])
            ws.set_column(c, c, min(60, max(8, width + 2)))
        ws.freeze_panes(4, 0)
        ws.autofilter(3, 0, max(3, len(table.rows) + 3), max(0, len(table.columns) - 1))
    finally:
        wb.close()
    return path


def write_gaps(table: GapTable, path: str | Path) -> Path:
    """Write ``table`` as ``.csv``, ``.xlsx`` or ``.json`` by the file's extension."""
    path = Path(path)
    ext = path.suffix.lower()
    writers = {".csv": write_gaps_csv, ".xlsx": write_gaps_xlsx, ".json": write_gaps_json}
    if ext not in writers:
        raise InputError([Problem("gaps.ext", {"ext": ext}, file=str(path))])
    return writers[ext](table, path)
