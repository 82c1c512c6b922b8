"""Role transitions from the database: the viable-move graph, a person's cheapest route, everyone ranked for a
role, and the competencies that open the most moves.

One :class:`PathwayData` holds the gap data (:func:`skillmap.services.gaps.load_gap_data`), the effort model
built from the active course catalogue and the transition graph for the chosen :class:`PathwaySettings`.
Changing a setting rebuilds only the graph (milliseconds): :meth:`PathwayData.with_settings`. The measures are
defined in :mod:`skillmap.pathways.graph` and ``docs/pathways.md``; tables come out as
:class:`~skillmap.services.gaps.GapTable` so the command line, the files and the app share them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import Engine, select

from skillmap.analysis.gaps import IntArray
from skillmap.db import models as m
from skillmap.i18n import pick, register, tr
from skillmap.pathways import (
    HARD_FACTOR,
    IN_POST_SHARE,
    LEVEL_HOURS,
    THRESHOLD,
    Build,
    CoreCompetencies,
    EffortModel,
    Route,
    TargetRanking,
    TransitionGraph,
    build_graph,
    cheapest_route,
    check_in_post_share,
    check_threshold,
    core_competencies,
    course_efforts,
    rank_for_target,
)
from skillmap.problems import InputError, Problem
from skillmap.services.gaps import Cell, Column, GapData, GapFilters, GapTable, load_gap_data
from skillmap.tasks import Progress

register(
    {
        "pw.unknown_role": {
            "en": "no role profile “{value}” in the frameworks shown (use a role profile code such as {example})",
            "es": "no hay un perfil de puesto «{value}» en los marcos mostrados (use una clave de perfil como "
                  "{example})",
        },
        "pw.unknown_person": {
            "en": "no active person with employee number “{value}” in the scope shown",
            "es": "no hay una persona activa con número de empleado «{value}» en el alcance mostrado",
        },
        "pw.no_roles": {
            "en": "no role profiles to plan with: install or import a framework with role profiles",
            "es": "no hay perfiles de puesto con los cuales planear: instale o importe un marco con perfiles",
        },
        "pw.title.route": {"en": "Route of {person} to {role}", "es": "Ruta de {person} hacia {role}"},
        "pw.title.ranking": {"en": "Everyone ranked by effort to reach {role}",
                             "es": "Todas las personas por esfuerzo para llegar a {role}"},
        "pw.title.core": {"en": "Core competencies: transitions each would open",
                          "es": "Competencias clave: transiciones que abriría cada una"},
        "pw.title.moves": {"en": "Viable moves between role profiles",
                           "es": "Movimientos viables entre perfiles de puesto"},
        "pw.col.step": {"en": "Step", "es": "Paso"},
        "pw.col.role": {"en": "Role profile", "es": "Perfil de puesto"},
        "pw.col.role_code": {"en": "Role code", "es": "Clave del perfil"},
        "pw.col.readiness_pct": {"en": "Readiness before (%)", "es": "Preparación antes (%)"},
        "pw.col.how": {"en": "How", "es": "Cómo"},
        "pw.col.hours": {"en": "Hours counted", "es": "Horas contadas"},
        "pw.col.effort": {"en": "Effort (h)", "es": "Esfuerzo (h)"},
        "pw.col.builds": {"en": "Competencies to build", "es": "Competencias por desarrollar"},
        "pw.col.hire": {"en": "Hire rather than reskill", "es": "Mejor contratar que reconvertir"},
        "pw.col.rank": {"en": "Rank", "es": "Lugar"},
        "pw.col.employee": {"en": "Employee no.", "es": "Núm. de empleado"},
        "pw.col.name": {"en": "Name", "es": "Nombre"},
        "pw.col.position": {"en": "Position", "es": "Puesto"},
        "pw.col.route": {"en": "Route", "es": "Ruta"},
        "pw.col.direct_hours": {"en": "Reskilling in place (h)", "es": "Reconversión en el puesto (h)"},
        "pw.col.direct_readiness_pct": {"en": "Readiness now (%)", "es": "Preparación actual (%)"},
        "pw.col.competency": {"en": "Competency", "es": "Competencia"},
        "pw.col.framework": {"en": "Framework", "es": "Marco"},
        "pw.col.opened": {"en": "Transitions opened", "es": "Transiciones que abre"},
        "pw.col.blocked": {"en": "Transitions it blocks", "es": "Transiciones que bloquea"},
        "pw.col.hard": {"en": "Hard to transfer", "es": "Difícil de transferir"},
        "pw.col.from": {"en": "From", "es": "De"},
        "pw.col.to": {"en": "To", "es": "A"},
        "pw.how.in_post": {"en": "move, then learn in post", "es": "cambiar y aprender en el puesto"},
        "pw.how.in_place": {"en": "reskill in place, then move", "es": "reconvertirse en el puesto y cambiar"},
        "pw.yes": {"en": "yes", "es": "sí"},
        "pw.no": {"en": "no", "es": "no"},
        "pw.estimated": {"en": "estimate", "es": "estimación"},
    }
)


@dataclass(frozen=True)
class PathwaySettings:
    """The planning assumptions a user sets (defaults from :mod:`skillmap.pathways`)."""

    threshold: float = THRESHOLD
    in_post_share: float = IN_POST_SHARE
    level_hours: float = LEVEL_HOURS
    hard_factor: float = HARD_FACTOR

    def checked(self) -> PathwaySettings:
        return PathwaySettings(check_threshold(self.threshold), check_in_post_share(self.in_post_share),
                               float(self.level_hours), float(self.hard_factor))


@dataclass(eq=False)
class PathwayData:
    """Gap data, the catalogue's effort model and the transition graph for one set of settings."""

    data: GapData
    settings: PathwaySettings
    course_rows: list[tuple[int, float, int, int]]  # (course id, hours, competency id, level)
    course_code: dict[int, str]
    course_title: dict[int, str]
    model: EffortModel
    graph: TransitionGraph

    @property
    def lang(self) -> str | None:
        return self.data.lang

    def with_settings(self, settings: PathwaySettings) -> PathwayData:
        """The same data under other settings (the effort model is rebuilt only when its parameters change)."""
        settings = settings.checked()
        model = self.model
        if (settings.level_hours, settings.hard_factor) != (self.settings.level_hours, self.settings.hard_factor):
            model = _model(self.data, self.course_rows, settings)
        graph = build_graph(self.data.requirements, model, settings.threshold,
                            in_post_share=settings.in_post_share)
        return replace(self, settings=settings, model=model, graph=graph)

    # -- look-ups ------------------------------------------------------------------------------------------
    def role(self, code: str) -> int:
        """The row of the role profile with this code (or title), or a located error."""
        reqs = self.data.requirements
        wanted = code.strip().casefold()
        for i, (c, title) in enumerate(zip(reqs.role_labels, self.data.role_title, strict=True)):
            if c.casefold() == wanted or title.casefold() == wanted:
                return i
        example = reqs.role_labels[0] if reqs.role_labels else "—"
        raise InputError([Problem("pw.unknown_role", {"value": code, "example": example})])

    def person(self, employee_number: str) -> int:
        """The row of the person with this employee number, or a located error."""
        labels = self.data.levels.staff_labels
        wanted = employee_number.strip()
        hits = [i for i, n in enumerate(labels) if n == wanted]
        if not hits:
            raise InputError([Problem("pw.unknown_person", {"value": employee_number})])
        return hits[0]

    def role_name(self, r: int) -> str:
        return self.data.role_title[r]

    def route(self, person: int, target: int) -> Route:
        return cheapest_route(self.graph, self.data.levels.levels[person], target)

    def ranking(self, target: int, progress: Progress | None = None) -> TargetRanking:
        return rank_for_target(self.graph, self.data.levels, target, progress=progress)

    def core(self, raise_by: int | None = None, progress: Progress | None = None) -> CoreCompetencies:
        return core_competencies(self.graph, raise_by=raise_by, progress=progress)

    def describe_build(self, b: Build) -> str:
        """“Data modelling 1→3 (COURSE-7, 24 h)” — one competency to build, and how."""
        name = self.data.competency_name[b.competency]
        how = []
        if b.course_id >= 0:
            how.append(f"{self.course_code.get(b.course_id, b.course_id)}, {b.course_hours:g} h")
        if b.estimated_levels:
            how.append(f"{tr('pw.estimated', self.lang)} {b.estimated_levels} × {self.settings.level_hours:g} h")
        mark = " ◆" if b.hard else ""
        return f"{name}{mark} {b.from_level}→{b.to_level} ({'; '.join(how)})" if how else \
            f"{name}{mark} {b.from_level}→{b.to_level}"


def _catalogue_rows(engine: Engine) -> tuple[list[tuple[int, float, int, int]], dict[int, str], dict[int, str],
                                               dict[int, str]]:
    c, cc = m.Course, m.CourseCompetency
    with engine.connect() as conn:
        rows = conn.execute(select(c.id, c.hours, cc.competency_id, cc.target_level)
                            .join(cc, cc.course_id == c.id).where(c.active.is_(True))
                            .order_by(c.id, cc.competency_id)).all()
        names = conn.execute(select(c.id, c.code, c.title_en, c.title_es).where(c.active.is_(True))).all()
    return ([(int(a), float(b), int(d), int(e)) for a, b, d, e in rows], {int(r[0]): r[1] for r in names},
            {int(r[0]): r[2] for r in names}, {int(r[0]): r[3] for r in names})


def _model(data: GapData, rows: list[tuple[int, float, int, int]], settings: PathwaySettings) -> EffortModel:
    comp_ids = data.requirements.competency_ids
    known = set(comp_ids.tolist())
    efforts = course_efforts([r for r in rows if r[2] in known], comp_ids)
    return EffortModel.from_courses(efforts, data.requirements.shape[1], hard_to_transfer=data.hard_to_transfer,
                                    level_hours=settings.level_hours, hard_factor=settings.hard_factor)


def load_pathway_data(engine: Engine, filters: GapFilters | None = None, *,
                      settings: PathwaySettings | None = None, lang: str | None = None,
                      data: GapData | None = None, progress: Progress | None = None) -> PathwayData:
    """Load (or reuse ``data``), read the active catalogue and build the graph. Reads only."""
    settings = (settings or PathwaySettings()).checked()
    if data is None:
        data = load_gap_data(engine, filters, lang=lang, progress=progress)
    if data.requirements.shape[0] == 0:
        raise InputError([Problem("pw.no_roles", {})])
    rows, codes, title_en, title_es = _catalogue_rows(engine)
    titles = {k: pick(title_en[k], title_es[k], data.lang) or codes[k] for k in codes}
    model = _model(data, rows, settings)
    graph = build_graph(data.requirements, model, settings.threshold, in_post_share=settings.in_post_share)
    return PathwayData(data, settings, rows, codes, titles, model, graph)


# -- tables ------------------------------------------------------------------------------------------------
def _cols(lang: str | None, *specs: tuple[str, str]) -> list[Column]:
    return [Column(key, tr(f"pw.col.{key}", lang), kind) for key, kind in specs]


def _pct(value: float) -> float | None:
    return None if not np.isfinite(value) else round(100.0 * float(value), 1)


def _hours(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 1)


def route_rows(pd: PathwayData, person: int, target: int) -> GapTable:
    """The cheapest route of one person to one role, a row per step."""
    lang = pd.lang
    route = pd.route(person, target)
    yes, no = tr("pw.yes", lang), tr("pw.no", lang)
    rows: list[list[Cell]] = []
    for k, s in enumerate(route.steps, 1):
        rows.append([k, pd.data.requirements.role_labels[s.role], pd.role_name(s.role), _pct(s.readiness),
                     tr("pw.how.in_post" if s.in_post else "pw.how.in_place", lang), _hours(s.effort),
                     _hours(s.hours), yes if s.hard else no,
                     "; ".join(pd.describe_build(b) for b in s.builds)])
    cols = _cols(lang, ("step", "int"), ("role_code", "text"), ("role", "text"), ("readiness_pct", "pct"),
                 ("how", "text"), ("effort", "float"), ("hours", "float"), ("hard", "text"), ("builds", "text"))
    title = tr("pw.title.route", lang, person=pd.data.staff_name[person], role=pd.role_name(target))
    return GapTable("route", title, cols, rows, pd.data.scope, lang=lang)


def route_json(pd: PathwayData, person: int, target: int) -> dict[str, Any]:
    """The route as plain data (command line ``--json``)."""
    route = pd.route(person, target)
    reqs = pd.data.requirements
    comp_codes = reqs.competency_labels

    def build(b: Build) -> dict[str, Any]:
        return {"competency": comp_codes[b.competency], "name": pd.data.competency_name[b.competency],
                "from_level": b.from_level, "to_level": b.to_level, "hours": round(b.hours, 2),
                "hard_to_transfer": b.hard, "course": pd.course_code.get(b.course_id) if b.course_id >= 0 else None,
                "course_hours": b.course_hours, "estimated_levels": b.estimated_levels}

    return {
        "person": pd.data.levels.staff_labels[person], "name": pd.data.staff_name[person],
        "target": reqs.role_labels[target], "target_title": pd.role_name(target),
        "settings": pd.settings.__dict__,
        "total_hours": round(route.total_hours, 2), "in_post": route.in_post,
        "hire_rather_than_reskill": route.hire_rather_than_reskill,
        "direct_hours": round(route.direct_hours, 2), "direct_readiness": round(route.direct_readiness, 4),
        "steps": [{"role": reqs.role_labels[s.role], "title": pd.role_name(s.role),
                   "readiness_before": round(s.readiness, 4), "in_post": s.in_post, "effort": round(s.effort, 2),
                   "hours": round(s.hours, 2), "hard_to_transfer": s.hard, "builds": [build(b) for b in s.builds]}
                  for s in route.steps],
    }


def ranking_rows(pd: PathwayData, target: int, ranking: TargetRanking | None = None, *,
                 people: IntArray | None = None, limit: int | None = None) -> GapTable:
    """Everyone (or ``people``) by effort to reach ``target``, least effort first."""
    lang = pd.lang
    ranking = ranking or pd.ranking(target)
    order = ranking.order
    if people is not None:
        keep = np.zeros(len(ranking.hours), dtype=bool)
        keep[np.asarray(people, dtype=np.int64)] = True
        order = order[keep[order]]
    if limit is not None:
        order = order[:limit]
    yes, no = tr("pw.yes", lang), tr("pw.no", lang)
    labels = pd.data.requirements.role_labels
    rows: list[list[Cell]] = []
    for k, p in enumerate(order.tolist(), 1):
        route = " → ".join(labels[r] for r in ranking.route_roles(p))
        rows.append([k, pd.data.levels.staff_labels[p], pd.data.staff_name[p], pd.data.position[p],
                     _hours(ranking.hours[p]), route, _hours(ranking.direct_hours[p]),
                     _pct(ranking.direct_readiness[p]), yes if ranking.hard[p] else no])
    cols = _cols(lang, ("rank", "int"), ("employee", "text"), ("name", "text"), ("position", "text"),
                 ("hours", "float"), ("route", "text"), ("direct_hours", "float"), ("direct_readiness_pct", "pct"),
                 ("hire", "text"))
    title = tr("pw.title.ranking", lang, role=pd.role_name(target))
    return GapTable("ranking", title, cols, rows, pd.data.scope, lang=lang)


def core_rows(pd: PathwayData, core: CoreCompetencies | None = None, *, raise_by: int | None = None) -> GapTable:
    """Competencies by the number of transitions closing their gap (or raising them ``raise_by``) would open."""
    lang = pd.lang
    core = core or pd.core(raise_by)
    yes, no = tr("pw.yes", lang), tr("pw.no", lang)
    labels = pd.data.requirements.competency_labels
    rows: list[list[Cell]] = []
    for c in core.order.tolist():
        if core.opened[c] <= 0 and core.blocked[c] <= 0:
            continue
        rows.append([labels[c], pd.data.competency_name[c], pd.data.competency_framework[c], int(core.opened[c]),
                     int(core.blocked[c]), yes if pd.data.hard_to_transfer[c] else no])
    cols = _cols(lang, ("competency", "text"), ("name", "text"), ("framework", "text"), ("opened", "int"),
                 ("blocked", "int"), ("hard", "text"))
    return GapTable("core", tr("pw.title.core", lang), cols, rows, pd.data.scope, lang=lang)


def move_rows(pd: PathwayData) -> GapTable:
    """Every viable move of the graph, cheapest first."""
    lang = pd.lang
    g = pd.graph.graph
    labels = pd.data.requirements.role_labels
    yes, no = tr("pw.yes", lang), tr("pw.no", lang)
    edges = sorted(g.edges(data=True), key=lambda e: (e[2]["hours"], e[0], e[1]))
    rows: list[list[Cell]] = [[labels[a], labels[b], pd.role_name(a), pd.role_name(b), _pct(d["readiness"]),
                               _hours(d["hours"]), yes if d["hard"] else no] for a, b, d in edges]
    cols = [Column("from", tr("pw.col.from", lang)), Column("to", tr("pw.col.to", lang)),
            Column("from_title", tr("pw.col.role", lang)), Column("to_title", tr("pw.col.role", lang)),
            Column("readiness_pct", tr("pw.col.readiness_pct", lang), "pct"),
            Column("effort", tr("pw.col.effort", lang), "float"), Column("hard", tr("pw.col.hard", lang))]
    return GapTable("moves", tr("pw.title.moves", lang), cols, rows, pd.data.scope, lang=lang)
