"""Reports that leave SkillMap: gather their data from the database, write them, and log every export.

Three reports (:mod:`skillmap.reports.model` describes what each holds):

* **gaps** — a unit, an agency or the whole organisation (:func:`gap_report_data`): the numbers of
  :mod:`skillmap.services.gaps` (each person against their own role profile), a heatmap of units (agencies for
  the whole organisation) × competencies, the widest gaps, one row per person, and the definitions.
* **person** — one person's development report (:func:`person_report_data`): their gaps with the level
  descriptors, assigned tracks and progress, and the course plan to their own role, in their language.
* **training** — for trainers (:func:`training_report_data`): assignments and their progress, certification
  status per programme and who is due, expired or at risk.

Safe to share
    A report about more than one person names people by a keyed pseudonym
    (:mod:`skillmap.services.pseudonyms`: HMAC of the employee number under the database's secret), unless the
    caller asks for the full version *and* says the user may have it (``allow_full``; the rule of
    :func:`may_export_full`). No CURP, RFC, e-mail or birth date is ever read into a report; the full version
    adds names and employee numbers only. The individual report shows the person's own name (it is about them).
    Every export writes one ``audit_log`` row: who, when, which report, format, language, scope, whether
    pseudonymised, the file name and the ids of every person in it (``details["staff_ids"]``).

Who may export the full version (:func:`may_export_full`)
    On a shared database with application users (``app_user`` rows): only an active user whose role is
    ``admin`` or ``hr_planner``. On a single-user workstation with no ``app_user`` rows at all, the local user
    owns the data and may. The command line asks for ``--user`` with ``--full`` either way, so the audit log
    names someone.

:func:`export_report` builds the data and calls the writers (:mod:`skillmap.reports.xlsx`,
:mod:`skillmap.reports.pdf`; CSV through :func:`skillmap.reports.xlsx.write_csv_rows`: the people grid, the
person's competencies or the assignments); it writes to a temporary file next to the target and moves it
into place only when complete, so a cancelled or failed export leaves nothing behind. :func:`batch_export` runs
it over every unit or agency. Both take a :class:`~skillmap.tasks.Progress` and stop (``Cancelled``) when it is
cancelled.
"""

from __future__ import annotations

import getpass
import math
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
from sqlalchemy import Engine, String, insert, select, type_coerce, union

from skillmap.analysis import gaps as G
from skillmap.db import models as m
from skillmap.i18n import get_language, normalise_language, pick, register, tr
from skillmap.problems import InputError, Problem
from skillmap.reports.model import (
    AssignedTrack,
    Cell,
    Column,
    ColumnKind,
    CompetencyGaps,
    CourseState,
    Definition,
    GapReportData,
    HeatmapData,
    PeopleGrid,
    PersonChart,
    PersonGap,
    PersonInfo,
    PersonReportData,
    ProgrammeStatus,
    ReportData,
    ReportMeta,
    StatusCount,
    SummaryItem,
    Table,
    TrainingReportData,
    as_cell,
)
from skillmap.services import certification as CERT
from skillmap.services import training as T
from skillmap.services.gaps import (
    GapData,
    GapFilters,
    Scope,
    load_gap_data,
    load_lookups,
    measure_definitions,
    resolve_filters,
)
from skillmap.services.levels import current_levels_select
from skillmap.services.pseudonyms import pseudonymiser
from skillmap.tasks import Progress

Kind = Literal["gaps", "person", "training"]
Format = Literal["xlsx", "pdf", "csv"]
KINDS: tuple[str, ...] = ("gaps", "person", "training")
FORMATS: dict[str, tuple[str, ...]] = {"gaps": ("xlsx", "pdf", "csv"), "person": ("pdf", "csv"),
                                       "training": ("xlsx", "pdf", "csv")}
PER: tuple[str, ...] = ("unit", "agency")
FULL_ROLES: frozenset[str] = frozenset({m.UserRole.ADMIN.value, m.UserRole.HR_PLANNER.value})
WIDEST = 15  # rows of the widest-gaps table
IN_CHUNK = 5000

_P = "reportdata."
register({_P + k: v for k, v in {
    "title.gaps": {"en": "Skills gap report", "es": "Reporte de brechas de competencias"},
    "title.person": {"en": "Individual development report", "es": "Reporte individual de desarrollo"},
    "title.training": {"en": "Training status report", "es": "Reporte de avance de capacitación"},
    "org.all": {"en": "Federal public administration", "es": "Administración Pública Federal"},
    "scope.all": {"en": "All agencies", "es": "Todas las dependencias"},
    "notice.pseudonymised": {
        "en": "Confidential. People are identified by a pseudonym that only SkillMap can link to them; the report "
              "holds no names or personal identifiers.",
        "es": "Confidencial. Las personas se identifican con un seudónimo que solo SkillMap puede vincular con "
              "ellas; el reporte no contiene nombres ni identificadores personales."},
    "notice.full": {
        "en": "Confidential: contains personal data (names and employee numbers). Do not forward.",
        "es": "Confidencial: contiene datos personales (nombres y números de empleado). No lo reenvíe."},
    "notice.person": {"en": "Confidential: personal development report of {name}.",
                      "es": "Confidencial: reporte de desarrollo personal de {name}."},
    "source.sample": {"en": "generated sample data", "es": "datos de muestra generados"},
    "source.batch": {"en": "import {id}", "es": "importación {id}"},
    "unit_itself": {"en": "{unit} (own staff)", "es": "{unit} (personal propio)"},
    "yes": {"en": "yes", "es": "sí"},
    "no": {"en": "no", "es": "no"},
    # summaries
    "sum.staff": {"en": "People", "es": "Personas"},
    "sum.people": {"en": "People with role requirements", "es": "Personas con requisitos de puesto"},
    "sum.mean_readiness": {"en": "Mean readiness", "es": "Preparación promedio"},
    "sum.coverage": {"en": "Requirements assessed (coverage)", "es": "Requisitos evaluados (cobertura)"},
    "sum.share_meeting": {"en": "Assessed requirements met", "es": "Requisitos evaluados que se cumplen"},
    "sum.short": {"en": "People short in at least one competency",
                  "es": "Personas con brecha en al menos una competencia"},
    "sum.competencies_short": {"en": "Competencies with someone short", "es": "Competencias con alguna brecha"},
    "sum.units": {"en": "Groups compared", "es": "Grupos comparados"},
    "sum.data_date": {"en": "Data as of", "es": "Datos al"},
    "sum.readiness": {"en": "Readiness for own role", "es": "Preparación para el puesto propio"},
    "sum.own_coverage": {"en": "Requirements assessed", "es": "Requisitos evaluados"},
    "sum.gaps": {"en": "Competencies below the required level", "es": "Competencias debajo del nivel requerido"},
    "sum.unknown": {"en": "Required competencies not assessed", "es": "Competencias requeridas sin evaluar"},
    "sum.plan_hours": {"en": "Hours of training planned", "es": "Horas de capacitación planeadas"},
    "sum.tracks": {"en": "Tracks assigned", "es": "Rutas asignadas"},
    "sum.assignments": {"en": "Assignments", "es": "Asignaciones"},
    "sum.assigned_people": {"en": "People with assignments", "es": "Personas con asignaciones"},
    "sum.completed": {"en": "Assignments completed", "es": "Asignaciones concluidas"},
    "sum.overdue": {"en": "Assignments overdue", "es": "Asignaciones vencidas"},
    "sum.hours": {"en": "Hours assigned", "es": "Horas asignadas"},
    "sum.hours_done": {"en": "Hours completed", "es": "Horas acreditadas"},
    "sum.cert_attention": {"en": "Certifications needing attention", "es": "Certificaciones que requieren atención"},
    # columns
    "col.competency": {"en": "Competency", "es": "Competencia"},
    "col.framework": {"en": "Framework", "es": "Marco"},
    "col.required_people": {"en": "People required", "es": "Personas que la requieren"},
    "col.assessed": {"en": "Assessed", "es": "Evaluadas"},
    "col.short": {"en": "People short", "es": "Personas con brecha"},
    "col.share_meeting": {"en": "Requirements met", "es": "Requisitos cumplidos"},
    "col.mean_gap": {"en": "Mean gap (levels)", "es": "Brecha promedio (niveles)"},
    "col.hard": {"en": "Hard to transfer", "es": "Difícil de transferir"},
    "col.unit": {"en": "Unit", "es": "Unidad"},
    "col.agency": {"en": "Agency", "es": "Dependencia"},
    "col.staff": {"en": "People", "es": "Personas"},
    "col.people": {"en": "With requirements", "es": "Con requisitos"},
    "col.coverage": {"en": "Coverage", "es": "Cobertura"},
    "col.mean_readiness": {"en": "Mean readiness", "es": "Preparación promedio"},
    "col.person": {"en": "Person", "es": "Persona"},
    "col.pseudonym": {"en": "Person (pseudonym)", "es": "Persona (seudónimo)"},
    "col.role": {"en": "Role profile", "es": "Perfil de puesto"},
    "col.readiness": {"en": "Readiness", "es": "Preparación"},
    "col.current": {"en": "Current level", "es": "Nivel actual"},
    "col.required": {"en": "Required level", "es": "Nivel requerido"},
    "col.gap": {"en": "Gap", "es": "Brecha"},
    "col.current_name": {"en": "Current level name", "es": "Nombre del nivel actual"},
    "col.required_name": {"en": "Required level name", "es": "Nombre del nivel requerido"},
    "col.track": {"en": "Track", "es": "Ruta"},
    "col.status": {"en": "Status", "es": "Estado"},
    "col.done": {"en": "Progress", "es": "Avance"},
    "col.courses_done": {"en": "Courses passed", "es": "Cursos acreditados"},
    "col.courses": {"en": "Courses", "es": "Cursos"},
    "col.hours": {"en": "Hours", "es": "Horas"},
    "col.hours_done": {"en": "Hours passed", "es": "Horas acreditadas"},
    "col.assigned_on": {"en": "Assigned", "es": "Asignada"},
    "col.due": {"en": "Due", "es": "Fecha límite"},
    "col.overdue": {"en": "Overdue", "es": "Vencida"},
    "col.programme": {"en": "Programme", "es": "Programa"},
    "col.last_passed": {"en": "Last passed", "es": "Última aprobación"},
    "col.valid_until": {"en": "Valid until", "es": "Vigente hasta"},
    "col.attempts_left": {"en": "Attempts left", "es": "Intentos restantes"},
    "col.step": {"en": "Step", "es": "Paso"},
    "col.course": {"en": "Course", "es": "Curso"},
    "col.title": {"en": "Title", "es": "Nombre"},
    "col.starts": {"en": "Starts", "es": "Inicia"},
    "col.ends": {"en": "Ends", "es": "Termina"},
    "col.raises": {"en": "Raises", "es": "Eleva"},
    "col.closes": {"en": "Closes the gap in", "es": "Cierra la brecha en"},
    # titles
    "t.widest": {"en": "Widest gaps", "es": "Brechas más amplias"},
    "t.heatmap": {"en": "Requirements met by {rows} and competency",
                  "es": "Requisitos cumplidos por {rows} y competencia"},
    "t.by_group": {"en": "Gaps by {rows}", "es": "Brechas por {rows}"},
    "t.people": {"en": "People and their competency levels", "es": "Personas y sus niveles de competencia"},
    "t.plan": {"en": "Course plan for {role}", "es": "Plan de cursos para {role}"},
    "t.assignments": {"en": "Track assignments", "es": "Asignaciones de rutas"},
    "t.certifications": {"en": "Certifications due, expired or at risk",
                         "es": "Certificaciones por renovar, vencidas o en riesgo"},
    "rows.unit": {"en": "unit", "es": "unidad"},
    "rows.agency": {"en": "agency", "es": "dependencia"},
    # notes
    "note.no_role": {"en": "No course plan: the person holds no position linked to a role profile.",
                     "es": "Sin plan de cursos: la persona no ocupa un puesto vinculado a un perfil."},
    "note.no_gap": {"en": "No course is needed: every requirement of the role is met as far as it is assessed.",
                    "es": "No se requiere ningún curso: se cumple todo requisito del puesto que está evaluado."},
    "note.uncovered": {"en": "No course in the catalogue closes the gap in: {names}.",
                       "es": "Ningún curso del catálogo cierra la brecha en: {names}."},
    "note.nobody": {"en": "Nobody in this scope.", "es": "No hay personas en este alcance."},
    "note.no_short": {"en": "Nobody is below the required level in any assessed competency.",
                      "es": "Nadie está debajo del nivel requerido en ninguna competencia evaluada."},
    "note.prerequisite": {"en": "(prerequisite)", "es": "(prerrequisito)"},
    "note.no_assignments": {"en": "No track is assigned in this scope.",
                            "es": "No hay rutas asignadas en este alcance."},
    "note.no_certifications": {"en": "Nobody is due, expired or at risk.",
                               "es": "Nadie está por renovar, vencido ni en riesgo."},
    "course.none": {"en": "not started", "es": "sin iniciar"},
    "course.in_progress": {"en": "in progress", "es": "en curso"},
    "course.failed": {"en": "failed", "es": "no acreditado"},
    "course.passed": {"en": "passed", "es": "acreditado"},
    # definitions
    "def.pseudonym.term": {"en": "Pseudonym", "es": "Seudónimo"},
    "def.pseudonym": {
        "en": "A code such as P-7KQ2-M9XD that stands for one person: the same person has the same pseudonym in "
              "every report from this database, but without SkillMap's key it cannot be turned back into a name.",
        "es": "Un código como P-7KQ2-M9XD que representa a una persona: la misma persona tiene el mismo seudónimo "
              "en todos los reportes de esta base de datos, pero sin la clave de SkillMap no puede convertirse de "
              "nuevo en un nombre."},
    "def.hard.term": {"en": "Hard to transfer", "es": "Difícil de transferir"},
    "def.hard": {"en": "A competency that is better hired than developed through training.",
                 "es": "Una competencia que conviene contratar más que desarrollar con capacitación."},
    "def.overdue.term": {"en": "Overdue", "es": "Vencida"},
    "def.overdue": {"en": "An assignment not completed whose due date has passed.",
                    "es": "Una asignación no concluida cuya fecha límite ya pasó."},
    "def.cert.term": {"en": "Certification status", "es": "Estado de certificación"},
    "def.cert": {
        "en": "A certification is valid for {years} years from the day it is passed; it is due for renewal in the "
              "last {days} days; a failed attempt puts it at risk, and after the last allowed attempt fails "
              "there are no attempts left.",
        "es": "Una certificación es válida por {years} años desde el día en que se aprueba; está por renovar en "
              "los últimos {days} días; un intento no aprobado la pone en riesgo y, si falla el último intento "
              "permitido, ya no quedan intentos."},
    # errors and steps
    "err.full_not_allowed": {
        "en": "the full version (with names) is only for administrators and HR planners: export the "
              "pseudonymised version",
        "es": "la versión completa (con nombres) es solo para administradores y planeación de RH: exporte la "
              "versión con seudónimos"},
    "err.bad_kind": {"en": "unknown report {value!r}: use one of {choices}",
                     "es": "reporte desconocido {value!r}: use uno de {choices}"},
    "err.bad_format": {"en": "a {kind} report cannot be written as {value!r}: use one of {choices}",
                       "es": "un reporte {kind} no puede escribirse como {value!r}: use uno de {choices}"},
    "err.bad_per": {"en": "batch runs go per unit or per agency, not {value!r}",
                    "es": "las corridas por lote son por unidad o por dependencia, no {value!r}"},
    "err.batch_person": {"en": "batch runs are for gap and training reports, not individual ones",
                         "es": "las corridas por lote son para reportes de brechas y de capacitación, no "
                               "individuales"},
    "err.unknown_staff": {"en": "there is no staff member {value}", "es": "no existe la persona {value}"},
    "err.needs_person": {"en": "an individual report needs a person", "es": "un reporte individual requiere una "
                                                                           "persona"},
    "step.gather": {"en": "Gathering the report data", "es": "Reuniendo los datos del reporte"},
    "step.write": {"en": "Writing {file}", "es": "Escribiendo {file}"},
    "step.batch": {"en": "Report {n} of {total}: {name}", "es": "Reporte {n} de {total}: {name}"},
}.items()})


def _t(key: str, lang: str, **params: object) -> str:
    return tr(_P + key, lang, **params)


def _error(key: str, **params: object) -> InputError:
    return InputError([Problem(_P + key, dict(params))])


# -- shared helpers ----------------------------------------------------------------------------------------------
def local_user() -> str:
    """The operating-system user (``""`` when it cannot be told)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def may_export_full(engine: Engine, user: str | None) -> bool:
    """The permission rule for the full (named) version of a report about many people.

    With no ``app_user`` rows (a single-user workstation) the local user may. Otherwise only an active
    application user named ``user`` whose role is ``admin`` or ``hr_planner``."""
    u = m.AppUser
    with engine.connect() as conn:
        if conn.execute(select(u.id).limit(1)).first() is None:
            return True
        if not user:
            return False
        row = conn.execute(select(u.role, u.active).where(u.username == user.strip())).first()
    return row is not None and bool(row[1]) and str(getattr(row[0], "value", row[0])) in FULL_ROLES


def _lang(lang: str | None) -> str:
    return normalise_language(lang) if lang else get_language()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else date.fromisoformat(str(value.astype("datetime64[D]")))
    return date.fromisoformat(str(value)[:10])


def _staff_select(scope: Scope) -> Any:
    """Ids of the active staff in ``scope`` (as :func:`skillmap.services.gaps.load_gap_data` selects them)."""
    s = m.Staff
    q = select(s.id).where(s.active.is_(True))
    if scope.agency_id is not None:
        q = q.where(s.agency_id == scope.agency_id)
    if scope.unit_ids is not None:
        q = q.where(s.unit_id.in_(sorted(scope.unit_ids)))
    if scope.family_id is not None:
        q = q.where(s.role_profile_id.in_(
            select(m.RoleProfile.id).join(m.Role, m.Role.id == m.RoleProfile.role_id)
            .where(m.Role.family_id == scope.family_id)))
    return q


def _sources(engine: Engine, staff: Any, *, assessments: bool = False, completions: bool = False,
             certifications: bool = False, lang: str) -> tuple[str, ...]:
    """``"file (date)"`` of the finished imports that brought in the staff selected by ``staff`` (a select of
    ids) and, as asked, their assessments, completions and certification attempts. Oldest first."""
    parts = [select(m.Staff.import_batch_id.label("b")).where(m.Staff.id.in_(staff))]
    if assessments:
        parts.append(select(m.Assessment.import_batch_id.label("b")).where(m.Assessment.staff_id.in_(staff)))
    if completions:
        parts.append(select(m.CourseCompletion.import_batch_id.label("b"))
                     .where(m.CourseCompletion.staff_id.in_(staff)))
    if certifications:
        parts.append(select(m.CertificationAttempt.import_batch_id.label("b"))
                     .where(m.CertificationAttempt.staff_id.in_(staff)))
    ids = union(*parts).subquery()
    b = m.ImportBatch
    with engine.connect() as conn:
        rows = conn.execute(select(b.id, b.kind, b.file_name, b.finished_at, b.started_at)
                            .where(b.id.in_(select(ids.c.b)), b.status == "done").order_by(b.id)).all()
    out = []
    for bid, kind, name, finished, started in rows:
        label = Path(name).name if name else (_t("source.sample", lang) if kind == "sample"
                                              else _t("source.batch", lang, id=bid))
        day = _date(finished or started)
        out.append(f"{label} ({day.isoformat()})" if day else label)
    return tuple(out)


def _organisation(scope: Scope, lookups: Any, lang: str) -> str:
    agency_id = scope.agency_id
    if agency_id is None and scope.unit_ids:
        agency_id = lookups.units[next(iter(scope.unit_ids))][2]
    if agency_id is None:
        return _t("org.all", lang)
    return str(lookups.agencies[agency_id][2])


def _root_unit(scope: Scope, lookups: Any) -> int | None:
    """The unit a unit-scoped report was asked for (the top of ``scope.unit_ids``)."""
    if not scope.unit_ids:
        return None
    tops = [u for u in scope.unit_ids if lookups.units[u][3] not in scope.unit_ids]
    return min(tops) if tops else None


def _subtitle(scope: Scope, lookups: Any, lang: str) -> str:
    root = _root_unit(scope, lookups)
    if root is not None:
        unit = lookups.units[root]
        return f"{unit[1]} — {lookups.agencies[unit[2]][1]}"
    if scope.agency_id is not None:
        return str(lookups.agencies[scope.agency_id][2])
    return _t("scope.all", lang)


def _yes_no(value: bool, lang: str) -> str:
    return _t("yes" if value else "no", lang)


def _col(key: str, kind: ColumnKind, lang: str) -> Column:
    return Column(key, _t(f"col.{key}", lang), kind)


def _meta(kind: Kind, lang: str, *, subtitle: str, organisation: str, scope_label: str, user: str | None,
          data_date: date | None, sources: tuple[str, ...], pseudonymised: bool, notice: str) -> ReportMeta:
    return ReportMeta(kind=kind, lang=lang, title=_t(f"title.{kind}", lang), subtitle=subtitle,
                      organisation=organisation, scope_label=scope_label, generated_at=_now(),
                      generated_by=user or local_user(), data_date=data_date, sources=sources,
                      pseudonymised=pseudonymised, notice=notice)


def _labeller(engine: Engine, pseudonymise: bool) -> Callable[[str, str], str]:
    """``label(employee_number, name)``: the pseudonym, or ``"name (number)"`` in the full version."""
    if pseudonymise:
        pseudo = pseudonymiser(engine)
        return lambda number, _name: pseudo(number)
    return lambda number, name: f"{name} ({number})"


def _definitions(lang: str, keys: Sequence[str]) -> list[Definition]:
    by_key = {k: (term, text) for k, term, text in measure_definitions(lang)}
    return [Definition(*by_key[k]) for k in keys if k in by_key]


def _pseudonym_definition(lang: str) -> Definition:
    return Definition(_t("def.pseudonym.term", lang), _t("def.pseudonym", lang))


# -- gap report ------------------------------------------------------------------------------------------------
@dataclass
class _Groups:
    kind: str  # "unit" | "agency"
    labels: list[str]
    agency: list[str]  # agency of each row (short name), for the by-group table
    of_person: G.IntArray  # row of each person, −1 none


def _heatmap_groups(data: GapData, lang: str) -> _Groups:
    """Rows of the heatmap: agencies for the whole organisation; otherwise the units under the report's unit
    (or under the agency's single top unit): that unit's own staff first, then each child unit with everything
    below it. An agency with several top units gets one row per top unit (with its subtree)."""
    scope, lk = data.scope, data.lookups
    agencies, units = lk.agencies, lk.units
    if scope.agency_id is None and scope.unit_ids is None:
        keys = sorted({int(a) for a in data.agency_id.tolist() if a >= 0}, key=lambda a: agencies[a][2])
        pos = {a: i for i, a in enumerate(keys)}
        rows = np.array([pos.get(int(a), -1) for a in data.agency_id.tolist()], dtype=np.int64)
        labels, ags = [agencies[a][2] for a in keys], [agencies[a][1] for a in keys]
        kind = "agency"
    else:
        root = _root_unit(scope, lk)
        if root is not None:
            tops = [root]
        else:
            tops = sorted((u for u, row in units.items() if row[2] == scope.agency_id
                           and (row[3] is None or units[row[3]][2] != scope.agency_id)),
                          key=lambda u: (units[u][0], u))
        children: dict[int, list[int]] = {}
        for uid, row in units.items():
            if row[3] is not None:
                children.setdefault(row[3], []).append(uid)
        members: list[tuple[str, frozenset[int]]] = []
        if len(tops) == 1:
            top = tops[0]
            kids = sorted(children.get(top, []), key=lambda u: (units[u][0], u))
            own = _t("unit_itself", lang, unit=units[top][1]) if kids else units[top][1]
            members.append((own, frozenset({top})))
            members.extend((units[k][1], lk.unit_subtree(k)) for k in kids)
        else:
            members.extend((units[t][1], lk.unit_subtree(t)) for t in tops)
        unit_row: dict[int, int] = {}
        for i, (_label, ids) in enumerate(members):
            for u in ids:
                unit_row.setdefault(u, i)
        rows = np.array([unit_row.get(int(u), -1) for u in data.unit_id.tolist()], dtype=np.int64)
        labels = [label for label, _ids in members]
        ags = [agencies[units[next(iter(ids))][2]][1] for _label, ids in members]
        kind = "unit"
    # drop rows nobody is in; people outside every row make a last "(none)" row
    used = np.bincount(rows[rows >= 0], minlength=len(labels)) > 0 if len(labels) else np.zeros(0, dtype=bool)
    new = np.where(used, np.cumsum(used) - 1, -1)
    rows = np.where(rows >= 0, new[np.maximum(rows, 0)] if len(labels) else -1, -1)
    labels = [lab for lab, u in zip(labels, used.tolist(), strict=True) if u]
    ags = [a for a, u in zip(ags, used.tolist(), strict=True) if u]
    if (rows < 0).any():
        rows = np.where(rows < 0, len(labels), rows)
        labels.append(tr("gaps.none", lang))
        ags.append("")
    return _Groups(kind, labels, ags, rows)


def _by_group_cells(own: G.OwnRoleGaps, groups: G.IntArray, n: int, columns: G.BoolArray
                    ) -> tuple[G.FloatArray, G.FloatArray, G.IntArray]:
    """Per group × competency (``columns`` selects competencies): share of assessed requirements met, mean gap
    and the number of assessed requirements."""
    assessed = own.assessed_mask[:, columns]
    gap0 = np.nan_to_num(own.gap[:, columns])
    meeting = assessed & (gap0 == 0)
    n_c = assessed.shape[1]
    count = np.zeros((n, n_c), dtype=np.int64)
    met = np.zeros((n, n_c))
    gap_sum = np.zeros((n, n_c))
    keep = groups >= 0
    g = groups[keep]
    for c in range(n_c):
        count[:, c] = np.bincount(g, weights=assessed[keep, c], minlength=n)[:n]
        met[:, c] = np.bincount(g, weights=meeting[keep, c], minlength=n)[:n]
        gap_sum[:, c] = np.bincount(g, weights=gap0[keep, c], minlength=n)[:n]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(count > 0, met / np.maximum(count, 1), np.nan)
        mean_gap = np.where(count > 0, gap_sum / np.maximum(count, 1), np.nan)
    return share, mean_gap, count


def _data_date(data: GapData) -> date | None:
    if data.scope.as_of is not None:
        return data.scope.as_of
    if len(data.history):
        return _date(data.history.day.max())
    return None


def gap_report_data(engine: Engine, scope: GapFilters | None = None, *, lang: str | None = None,
                    pseudonymise: bool = True, user: str | None = None, progress: Progress | None = None,
                    data: GapData | None = None) -> GapReportData:
    """The gap report of ``scope`` (agency and/or unit, role family, framework, as-of date; ``None``: the whole
    organisation), with the numbers of :mod:`skillmap.services.gaps` (each person against their own role).

    ``data`` — gap data already loaded for the whole organisation in ``lang`` (the app keeps one) — is narrowed
    in memory instead of reading the database again. People are named by pseudonym unless ``pseudonymise`` is
    false (the caller checks the permission: :func:`may_export_full`)."""
    lang = _lang(lang)
    scope = scope or GapFilters()
    progress = progress or Progress()
    if data is not None and _lang(data.lang) == lang:
        unfiltered = (scope.agency, scope.unit, scope.role_family, scope.framework) == (None, None, None, None)
        if not (unfiltered and scope.as_of == data.scope.as_of and data.scope.agency_id is None
                and data.scope.unit_ids is None and data.scope.family_id is None):
            try:
                data = data.restrict(scope)
            except ValueError:
                data = None
    else:
        data = None
    if data is None:
        data = load_gap_data(engine, scope, lang=lang, progress=progress)
    progress.report(0, 4, _t("step.gather", lang))
    own = data.own
    n = data.n_staff
    required_any = (~np.isnan(own.required)).any(axis=0) if n else np.zeros(data.levels.shape[1], dtype=bool)
    comp_idx = np.flatnonzero(required_any)
    comp_names = [data.competency_name[i] for i in comp_idx]

    # whole scope
    everyone = G.group_stats(own, np.zeros(n, dtype=np.int64), 1)
    cst = G.competency_stats(own)
    share_c, gap_c = cst.share_meeting, cst.mean_gap
    competency_gaps = CompetencyGaps(
        competencies=comp_names, short=cst.short[comp_idx].astype(np.int64), mean_gap=gap_c[comp_idx],
        share_meeting=share_c[comp_idx], hard_to_transfer=data.hard_to_transfer[comp_idx].copy())
    order = sorted(comp_idx.tolist(), key=lambda c: (-int(cst.short[c]), -np.nan_to_num(gap_c[c]),
                                                      data.competency_name[c]))
    widest_rows: list[list[Cell]] = [
        [data.competency_name[c], data.competency_framework[c], int(cst.people[c]), int(cst.assessed[c]),
         int(cst.short[c]), as_cell(share_c[c]), as_cell(gap_c[c]), _yes_no(bool(data.hard_to_transfer[c]), lang)]
        for c in order if cst.short[c] > 0][:WIDEST]
    widest = Table(_t("t.widest", lang), (
        _col("competency", "text", lang), _col("framework", "text", lang), _col("required_people", "int", lang),
        _col("assessed", "int", lang), _col("short", "int", lang), _col("share_meeting", "pct", lang),
        _col("mean_gap", "float", lang), _col("hard", "text", lang)), widest_rows,
        note="" if widest_rows else _t("note.no_short" if n else "note.nobody", lang))
    progress.report(1, 4, _t("step.gather", lang))

    # groups
    groups = _heatmap_groups(data, lang)
    n_groups = len(groups.labels)
    share, mean_gap, counts = _by_group_cells(own, groups.of_person, n_groups, required_any)
    rows_word = _t(f"rows.{groups.kind}", lang)
    max_required = float(np.nanmax(own.required)) if np.isfinite(own.required).any() else 4.0
    heatmap = HeatmapData(
        title=_t("t.heatmap", lang, rows=rows_word), row_title=_t(f"col.{groups.kind}", lang),
        col_title=_t("col.competency", lang), row_labels=list(groups.labels), col_labels=list(comp_names),
        share=share, mean_gap=mean_gap, counts=counts, max_gap=max(1.0, max_required))
    gst = G.group_stats(own, groups.of_person, n_groups)
    g_cov, g_share, g_gap, g_ready = gst.coverage, gst.share_meeting, gst.mean_gap, gst.mean_readiness
    label_cols: tuple[Column, ...] = ((_col("agency", "text", lang),) if groups.kind == "agency" else
                                      (_col("unit", "text", lang), _col("agency", "text", lang)))
    by_rows: list[list[Cell]] = []
    for i, label in enumerate(groups.labels):
        first: list[Cell] = [label] if groups.kind == "agency" else [label, groups.agency[i]]
        by_rows.append([*first, int(gst.staff[i]), int(gst.people[i]), as_cell(g_cov[i]), as_cell(g_share[i]),
                        int(gst.short[i]), as_cell(g_gap[i]), as_cell(g_ready[i])])
    by_group = Table(_t("t.by_group", lang, rows=rows_word), (
        *label_cols, _col("staff", "int", lang), _col("people", "int", lang), _col("coverage", "pct", lang),
        _col("share_meeting", "pct", lang), _col("short", "int", lang), _col("mean_gap", "float", lang),
        _col("mean_readiness", "pct", lang)), by_rows, note="" if by_rows else _t("note.nobody", lang))
    progress.report(2, 4, _t("step.gather", lang))

    # people
    label = _labeller(engine, pseudonymise)
    numbers = data.levels.staff_labels
    person_label = [label(numbers[p], data.staff_name[p]) for p in range(n)]
    unit = [data.unit_label(p) for p in range(n)]
    role = [data.role_title[int(j)] if j >= 0 else "" for j in data.role_index.tolist()]
    order_p = sorted(range(n), key=lambda p: (unit[p], person_label[p]))
    idx = np.array(order_p, dtype=np.int64)
    current = own.current[np.ix_(idx, comp_idx)] if n else np.zeros((0, len(comp_idx)))
    required = own.required[np.ix_(idx, comp_idx)] if n else np.zeros((0, len(comp_idx)))
    levels_seen = np.concatenate([current[np.isfinite(current)], required[np.isfinite(required)]])
    people = PeopleGrid(
        title=_t("t.people", lang), label_header=_t("col.pseudonym" if pseudonymise else "col.person", lang),
        unit_header=_t("col.unit", lang), role_header=_t("col.role", lang),
        readiness_header=_t("col.readiness", lang), person_label=[person_label[p] for p in order_p],
        unit=[unit[p] for p in order_p], role=[role[p] for p in order_p], readiness=own.readiness[idx].copy(),
        competencies=list(comp_names), current=current, required=required,
        max_level=float(max(4.0, levels_seen.max())) if len(levels_seen) else 4.0)
    progress.report(3, 4, _t("step.gather", lang))

    summary = [
        SummaryItem(_t("sum.staff", lang), n, "int"),
        SummaryItem(_t("sum.people", lang), int(everyone.people[0]), "int"),
        SummaryItem(_t("sum.mean_readiness", lang), as_cell(everyone.mean_readiness[0]), "pct"),
        SummaryItem(_t("sum.coverage", lang), as_cell(everyone.coverage[0]), "pct"),
        SummaryItem(_t("sum.share_meeting", lang), as_cell(everyone.share_meeting[0]), "pct"),
        SummaryItem(_t("sum.short", lang), int(everyone.short[0]), "int"),
        SummaryItem(_t("sum.competencies_short", lang), int((cst.short[comp_idx] > 0).sum()), "int"),
        SummaryItem(_t("sum.data_date", lang), _data_date(data), "date"),
    ]
    definitions = _definitions(lang, ("current_level", "unknown", "gap", "readiness", "coverage", "met",
                                      "share_meeting", "mean_gap", "short"))
    definitions.append(Definition(_t("def.hard.term", lang), _t("def.hard", lang)))
    if pseudonymise:
        definitions.append(_pseudonym_definition(lang))
    staff_q = _staff_select(data.scope)
    meta = _meta("gaps", lang, subtitle=_subtitle(data.scope, data.lookups, lang),
                 organisation=_organisation(data.scope, data.lookups, lang),
                 scope_label=data.scope.describe(lang), user=user, data_date=_data_date(data),
                 sources=_sources(engine, staff_q, assessments=True, lang=lang), pseudonymised=pseudonymise,
                 notice=_t("notice.pseudonymised" if pseudonymise else "notice.full", lang))
    progress.report(4, 4, _t("step.gather", lang))
    return GapReportData(meta=meta, summary=summary, widest_gaps=widest, competency_gaps=competency_gaps,
                         groups_heatmap=heatmap, people=people, by_unit=by_group, definitions=definitions,
                         staff_ids=tuple(int(s) for s in data.levels.staff_ids.tolist()))


# -- individual report -----------------------------------------------------------------------------------------
def _full_name(given: str, first: str | None, second: str | None) -> str:
    surnames = " ".join(p for p in (first, second) if p)
    return f"{surnames}, {given}" if surnames else given


def _course_states_of(engine: Engine, staff_id: int, course_ids: Sequence[int], as_of: date) -> dict[int, int]:
    """State (index of :data:`skillmap.services.training.COURSE_STATES`) of each course for one person."""
    if not course_ids:
        return {}
    cc = m.CourseCompletion
    with engine.connect() as conn:
        rows = conn.execute(select(cc.course_id, type_coerce(cc.completed_on, String), cc.result, cc.id).where(
            cc.staff_id == staff_id, cc.course_id.in_(list(course_ids)), cc.completed_on <= as_of)).all()
    codes = {"passed": T.C_PASSED, "failed": T.C_FAILED, "in_progress": T.C_IN_PROGRESS}
    courses = np.array(list(course_ids), dtype=np.int64)
    state, _first = T.course_states(
        np.full(len(rows), staff_id, dtype=np.int64), np.array([r[0] for r in rows], dtype=np.int64),
        np.array([str(r[1])[:10] for r in rows], dtype="datetime64[D]") if rows else np.zeros(0, "datetime64[D]"),
        np.array([codes.get(r[2], T.C_NONE) for r in rows], dtype=np.int8),
        np.array([r[3] for r in rows], dtype=np.int64), np.full(len(courses), staff_id, dtype=np.int64), courses)
    return {int(c): int(s) for c, s in zip(courses.tolist(), state.tolist(), strict=True)}


def _tracks(engine: Engine, staff_id: int, lang: str, as_of: date) -> list[AssignedTrack]:
    table = T.assignment_progress(engine, staff_id=staff_id, as_of=as_of)
    if not len(table):
        return []
    track_ids = sorted(set(table.track_id.tolist()))
    tr_, tc, c = m.Track, m.TrackCourse, m.Course
    with engine.connect() as conn:
        names = {int(i): f"{pick(en, es, lang) or code} ({code})" for i, code, en, es in conn.execute(
            select(tr_.id, tr_.code, tr_.name_en, tr_.name_es).where(tr_.id.in_(track_ids)))}
        course_rows = conn.execute(select(tc.track_id, c.id, c.code, c.title_en, c.title_es, c.hours)
                                   .join(c, c.id == tc.course_id).where(tc.track_id.in_(track_ids))
                                   .order_by(tc.track_id, tc.position)).all()
    states = _course_states_of(engine, staff_id, sorted({int(r[1]) for r in course_rows}), as_of)
    by_track: dict[int, list[CourseState]] = {}
    for tid, cid, code, en, es, hours in course_rows:
        st = states.get(int(cid), T.C_NONE)
        by_track.setdefault(int(tid), []).append(CourseState(
            code=code, title=pick(en, es, lang) or code, hours=float(hours or 0), done=st == T.C_PASSED,
            state=_t(f"course.{T.COURSE_STATES[st]}", lang)))
    out = []
    for i in range(len(table)):
        row = table.row(i)
        courses = tuple(by_track.get(row["track_id"], []))
        share = (sum(1 for x in courses if x.done) / len(courses)) if courses else math.nan
        out.append(AssignedTrack(track=names.get(row["track_id"], row["track"]), assigned_on=row["assigned_on"],
                                 due=row["due_on"], status=T.status_label(row["status"], lang),
                                 status_key=row["status"], overdue=row["overdue"], share_done=share,
                                 courses=courses))
    out.sort(key=lambda a: (a.due is None, a.due or date.max, a.track))
    return out


def _plan(engine: Engine, number: str, has_role: bool, lang: str) -> tuple[Table, float]:
    from skillmap.services.plans import plan_for_person

    columns = (_col("step", "int", lang), _col("course", "text", lang), _col("title", "text", lang),
               _col("hours", "float", lang), _col("starts", "date", lang), _col("ends", "date", lang),
               _col("raises", "text", lang), _col("closes", "text", lang))
    if not has_role:
        return Table(_t("t.plan", lang, role="—"), columns, [], note=_t("note.no_role", lang)), 0.0
    pp = plan_for_person(engine, number, lang=lang)

    def level(value: float | None) -> str:
        return "?" if value is None or not math.isfinite(value) else f"{value:g}"

    rows: list[list[Cell]] = []
    for k, (step, begins, ends) in enumerate(pp.schedule, 1):
        raises = "; ".join(f"{pp.competency_name.get(c, str(c))} {level(before)}→{after}"
                           for c, (before, after) in step.raises.items())
        closes = "; ".join(pp.competency_name.get(c, str(c)) for c in step.needed_for) or \
            _t("note.prerequisite", lang)
        rows.append([k, step.course.code, pp.course_title.get(step.course.id, step.course.code),
                     round(float(step.course.hours), 1), begins, ends, raises, closes])
    notes = []
    if not rows and not pp.plan.uncovered:
        notes.append(_t("note.no_gap", lang))
    if pp.plan.uncovered:
        notes.append(_t("note.uncovered", lang, names=", ".join(
            pp.competency_name.get(c, str(c)) for c in pp.plan.uncovered)))
    if rows:
        notes.append(pp.method)
    return (Table(_t("t.plan", lang, role=pp.target_title), columns, rows, note=" ".join(notes)),
            float(pp.plan.hours))


def person_report_data(engine: Engine, staff_id: int, *, lang: str | None = None, user: str | None = None,
                       as_of: date | None = None, progress: Progress | None = None) -> PersonReportData:
    """One person's development report in ``lang`` (their language: the caller chooses). Their name is shown:
    the report is about them. Levels are current (the rule of :mod:`skillmap.services.levels`); course states and
    overdue tracks as of ``as_of`` (today)."""
    lang = _lang(lang)
    progress = progress or Progress()
    as_of = as_of or date.today()
    progress.report(0, 3, _t("step.gather", lang))
    s, a, u, rp = m.Staff, m.Agency, m.Unit, m.RoleProfile
    c, fw, cat, rq = m.Competency, m.Framework, m.Category, m.RoleRequirement
    with engine.connect() as conn:
        person = conn.execute(
            select(s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname, s.position_title,
                   a.name, u.name, s.role_profile_id, rp.title_en, rp.title_es, rp.code, s.import_batch_id)
            .outerjoin(a, a.id == s.agency_id).outerjoin(u, u.id == s.unit_id).outerjoin(rp, rp.id == s.role_profile_id)
            .where(s.id == staff_id)).first()
        if person is None:
            raise _error("err.unknown_staff", value=staff_id)
        role_id = person[8]
        reqs = conn.execute(
            select(c.id, c.name_en, c.name_es, c.code, c.hard_to_transfer, fw.id, fw.code, rq.required_level,
                   rq.weight)
            .join(rq, rq.competency_id == c.id).join(fw, fw.id == c.framework_id).join(cat, cat.id == c.category_id)
            .where(rq.role_profile_id == role_id).order_by(fw.code, cat.sort_order, c.sort_order, c.id)
        ).all() if role_id is not None else []
        current = {int(r[1]): float(r[2]) for r in conn.execute(current_levels_select([int(staff_id)]))}
        fw_ids = sorted({int(r[5]) for r in reqs})
        scale = {(int(f), int(lv)): pick(en, es, lang) or code for f, lv, code, en, es in conn.execute(
            select(m.ScaleLevel.framework_id, m.ScaleLevel.level, m.ScaleLevel.code, m.ScaleLevel.name_en,
                   m.ScaleLevel.name_es).where(m.ScaleLevel.framework_id.in_(fw_ids)))} if fw_ids else {}
        comp_ids = [int(r[0]) for r in reqs]
        descriptors = {(int(ci), int(lv)): pick(en, es, lang) for ci, lv, en, es in conn.execute(
            select(m.LevelDescriptor.competency_id, m.LevelDescriptor.level, m.LevelDescriptor.text_en,
                   m.LevelDescriptor.text_es).where(m.LevelDescriptor.competency_id.in_(comp_ids)))} if comp_ids else {}
    progress.report(1, 3, _t("step.gather", lang))
    name = _full_name(person[2], person[3], person[4])
    role_title = (pick(person[9] or "", person[10] or "", lang) or person[11] or "") if role_id is not None else ""
    n_c = len(reqs)
    cur = np.array([current.get(int(r[0]), math.nan) for r in reqs], dtype=np.float64)
    req = np.array([float(r[7]) for r in reqs], dtype=np.float64)
    weights = np.array([float(r[8] or 1.0) for r in reqs], dtype=np.float64)
    cids = np.array(comp_ids, dtype=np.int64)
    own = G.own_role_gaps(G.LevelMatrix(np.array([staff_id]), cids, cur.reshape(1, n_c)),
                          G.RequirementMatrix(np.array([role_id or 0]), cids, req.reshape(1, n_c),
                                              weights.reshape(1, n_c)),
                          np.array([0 if role_id is not None and n_c else -1]))
    readiness = float(own.readiness[0]) if n_c else math.nan
    coverage = float(own.coverage[0]) if n_c else math.nan

    def level_name(f: int, value: float) -> str:
        return "" if not math.isfinite(value) else scale.get((f, round(value)), f"{value:g}")

    gaps = []
    for i, r in enumerate(reqs):
        x, need = float(cur[i]), float(req[i])
        gap = max(0.0, need - x) if math.isfinite(x) else math.nan
        gaps.append(PersonGap(
            competency=pick(r[1], r[2], lang) or r[3], framework=r[6], current=x, required=need, gap=gap,
            current_level_name=level_name(int(r[5]), x),
            current_descriptor=descriptors.get((int(r[0]), round(x)), "") if math.isfinite(x) else "",
            required_level_name=level_name(int(r[5]), need),
            required_descriptor=descriptors.get((int(r[0]), round(need)), ""),
            hard_to_transfer=bool(r[4])))
    gaps.sort(key=lambda g: (math.isnan(g.gap), -(0.0 if math.isnan(g.gap) else g.gap), g.competency))
    level_names = None
    max_level = None
    if len(fw_ids) == 1 and scale:
        top = max(lv for (_f, lv) in scale)
        level_names = [scale.get((fw_ids[0], lv), str(lv)) for lv in range(top + 1)]
        max_level = top
    chart = PersonChart(competencies=[pick(r[1], r[2], lang) or r[3] for r in reqs], current=cur, required=req,
                        role=role_title, level_names=level_names, max_level=max_level)
    tracks = _tracks(engine, int(staff_id), lang, as_of)
    progress.report(2, 3, _t("step.gather", lang))
    plan, plan_hours = _plan(engine, person[1], role_id is not None and n_c > 0, lang)
    n_short = sum(1 for g in gaps if math.isfinite(g.gap) and g.gap > 0)
    n_unknown = sum(1 for g in gaps if not math.isfinite(g.current))
    summary = [
        SummaryItem(_t("sum.readiness", lang), as_cell(readiness), "pct"),
        SummaryItem(_t("sum.own_coverage", lang), as_cell(coverage), "pct"),
        SummaryItem(_t("sum.gaps", lang), n_short, "int"),
        SummaryItem(_t("sum.unknown", lang), n_unknown, "int"),
        SummaryItem(_t("sum.tracks", lang), len(tracks), "int"),
        SummaryItem(_t("sum.plan_hours", lang), round(plan_hours, 1), "float"),
    ]
    definitions = _definitions(lang, ("current_level", "unknown", "gap", "readiness", "coverage"))
    definitions.append(Definition(_t("def.hard.term", lang), _t("def.hard", lang)))
    staff_q = select(s.id).where(s.id == staff_id)
    latest = _latest_assessment(engine, int(staff_id))
    info = PersonInfo(name=name, employee_number=person[1], position=person[5] or "", unit=person[7] or "",
                      agency=person[6] or "", role=role_title)
    meta = _meta("person", lang, subtitle=name, organisation=person[6] or _t("org.all", lang),
                 scope_label=" — ".join(p for p in (person[7] or "", person[6] or "") if p), user=user,
                 data_date=latest, sources=_sources(engine, staff_q, assessments=True, completions=True, lang=lang),
                 pseudonymised=False, notice=_t("notice.person", lang, name=name))
    progress.report(3, 3, _t("step.gather", lang))
    return PersonReportData(meta=meta, person=info, readiness=readiness, coverage=coverage, gaps=gaps, chart=chart,
                            tracks=tracks, plan=plan, plan_hours=plan_hours, summary=summary,
                            definitions=definitions, staff_ids=(int(staff_id),))


def _latest_assessment(engine: Engine, staff_id: int) -> date | None:
    a = m.Assessment
    with engine.connect() as conn:
        value = conn.execute(select(type_coerce(a.assessed_on, String)).where(
            a.staff_id == staff_id, a.validated.is_(True)).order_by(a.assessed_on.desc()).limit(1)).scalar()
    return _date(value)


# -- training report -------------------------------------------------------------------------------------------
def _people_info(engine: Engine, staff_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """id → (employee number, full name, unit name) for these people (read in chunks)."""
    s, u = m.Staff, m.Unit
    ids = sorted(set(staff_ids))
    out: dict[int, tuple[str, str, str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), IN_CHUNK):
            part = ids[start:start + IN_CHUNK]
            for sid, number, given, first, second, unit in conn.execute(
                    select(s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname, u.name)
                    .outerjoin(u, u.id == s.unit_id).where(s.id.in_(part))):
                out[int(sid)] = (number, _full_name(given, first, second), unit or "")
    return out


def training_report_data(engine: Engine, scope: GapFilters | None = None, *, lang: str | None = None,
                         pseudonymise: bool = True, user: str | None = None, as_of: date | None = None,
                         progress: Progress | None = None) -> TrainingReportData:
    """Assignments (with progress derived from the completions, :func:`skillmap.services.training.
    assignment_progress`) and certification status (:func:`skillmap.services.certification.program_status`)
    of the people in ``scope`` (agency and/or unit with its sub-units; ``None``: everyone), as of ``as_of``
    (today). Pseudonymised unless ``pseudonymise`` is false."""
    from skillmap.planning.certification import DEFAULT_WINDOW_DAYS

    lang = _lang(lang)
    scope = scope or GapFilters()
    progress = progress or Progress()
    as_of = as_of or date.today()
    progress.report(0, 4, _t("step.gather", lang))
    with engine.connect() as conn:
        lookups = load_lookups(conn)
        resolved = resolve_filters(lookups, GapFilters(agency=scope.agency, unit=scope.unit), lang)
    unit_arg = _root_unit(resolved, lookups)
    table = T.assignment_progress(engine, unit=unit_arg, agency=resolved.agency_id if unit_arg is None else None,
                                  as_of=as_of)
    progress.report(1, 4, _t("step.gather", lang))
    programmes = CERT.list_programs(engine)
    reports = [CERT.program_status(engine, p.id, as_of=as_of, agency=resolved.agency_id, unit=unit_arg)
               for p in programmes]
    progress.report(2, 4, _t("step.gather", lang))
    attention = ("due", "expired", "at_risk", "failed_out")
    ids = set(table.staff_id.tolist())
    for rep in reports:
        ids.update(int(x) for st in attention for x in rep.staff_in(st).tolist())
    info = _people_info(engine, ids)
    label = _labeller(engine, pseudonymise)

    def who(sid: int) -> tuple[str, str]:
        number, name, unit = info.get(sid, ("", "", ""))
        return label(number, name), unit

    tr_ = m.Track
    track_ids = sorted(set(table.track_id.tolist()))
    with engine.connect() as conn:
        track_names = {int(i): pick(en, es, lang) or code for i, code, en, es in conn.execute(
            select(tr_.id, tr_.code, tr_.name_en, tr_.name_es).where(tr_.id.in_(track_ids)))} if track_ids else {}
    rows: list[list[Cell]] = []
    pct = table.pct_done
    for i in range(len(table)):
        person, unit = who(int(table.staff_id[i]))
        p = float(pct[i])
        rows.append([person, unit, track_names.get(int(table.track_id[i]), ""),
                     T.status_label(T.STATUSES[int(table.status[i])], lang),
                     None if math.isnan(p) else p / 100.0, int(table.courses_done[i]), int(table.courses_total[i]),
                     round(float(table.hours_total[i]), 1), round(float(table.hours_done[i]), 1),
                     _date(table.assigned_on[i]), _date(table.due_on[i]), _yes_no(bool(table.overdue[i]), lang)])
    rows.sort(key=lambda r: (str(r[1]), str(r[0]), str(r[2])))
    assignments = Table(_t("t.assignments", lang), (
        _col("pseudonym" if pseudonymise else "person", "text", lang), _col("unit", "text", lang),
        _col("track", "text", lang), _col("status", "text", lang), _col("done", "pct", lang),
        _col("courses_done", "int", lang), _col("courses", "int", lang),
        _col("hours", "float", lang), _col("hours_done", "float", lang), _col("assigned_on", "date", lang),
        _col("due", "date", lang), _col("overdue", "text", lang)), rows,
        note="" if rows else _t("note.no_assignments", lang))
    counts = table.counts()
    status_counts = [StatusCount(k, T.status_label(k, lang), int(counts.get(k, 0))) for k in T.STATUSES]
    progress.report(3, 4, _t("step.gather", lang))
    progs: list[ProgrammeStatus] = []
    cert_rows: list[list[Cell]] = []
    for rep in reports:
        c = rep.counts()
        name = rep.program.name(lang)
        progs.append(ProgrammeStatus(rep.program.code, name, tuple(
            StatusCount(k, CERT.status_label(k, lang), int(c.get(k, 0))) for k in c), len(rep)))
        for i in range(len(rep)):
            st = rep.states.state(i)
            if st.status not in attention:
                continue
            person, unit = who(int(rep.staff_id[i]))
            cert_rows.append([person, unit, name, CERT.status_label(st.status, lang), st.last_passed_on,
                              st.valid_until, int(st.attempts_left)])
    cert_rows.sort(key=lambda r: (str(r[2]), str(r[1]), str(r[0])))
    certifications = Table(_t("t.certifications", lang), (
        _col("pseudonym" if pseudonymise else "person", "text", lang), _col("unit", "text", lang),
        _col("programme", "text", lang), _col("status", "text", lang), _col("last_passed", "date", lang),
        _col("valid_until", "date", lang), _col("attempts_left", "int", lang)), cert_rows,
        note="" if cert_rows else _t("note.no_certifications", lang))
    n = len(table)
    done = int(counts.get("completed", 0))
    summary = [
        SummaryItem(_t("sum.assignments", lang), n, "int"),
        SummaryItem(_t("sum.assigned_people", lang), len(set(table.staff_id.tolist())), "int"),
        SummaryItem(_t("sum.completed", lang), as_cell(done / n if n else math.nan), "pct"),
        SummaryItem(_t("sum.overdue", lang), int(table.overdue.sum()), "int"),
        SummaryItem(_t("sum.hours", lang), round(float(table.hours_total.sum()), 1), "float"),
        SummaryItem(_t("sum.hours_done", lang), round(float(table.hours_done.sum()), 1), "float"),
        SummaryItem(_t("sum.cert_attention", lang), len(cert_rows), "int"),
        SummaryItem(_t("sum.data_date", lang), as_of, "date"),
    ]
    validity = programmes[0].validity_years if programmes else 5
    definitions = [Definition(_t("def.overdue.term", lang), _t("def.overdue", lang)),
                   Definition(_t("def.cert.term", lang), _t("def.cert", lang, years=validity,
                                                              days=DEFAULT_WINDOW_DAYS))]
    if pseudonymise:
        definitions.append(_pseudonym_definition(lang))
    staff_ids = tuple(sorted(ids))
    staff_q = select(m.Staff.id).where(m.Staff.id.in_(staff_ids[:IN_CHUNK])) if len(staff_ids) <= IN_CHUNK \
        else _staff_select(resolved)
    meta = _meta("training", lang, subtitle=_subtitle(resolved, lookups, lang),
                 organisation=_organisation(resolved, lookups, lang), scope_label=resolved.describe(lang),
                 user=user, data_date=as_of,
                 sources=_sources(engine, staff_q, completions=True, certifications=True, lang=lang),
                 pseudonymised=pseudonymise,
                 notice=_t("notice.pseudonymised" if pseudonymise else "notice.full", lang))
    progress.report(4, 4, _t("step.gather", lang))
    return TrainingReportData(meta=meta, summary=summary, status_counts=status_counts, assignments=assignments,
                              programmes=progs, certifications=certifications, definitions=definitions,
                              staff_ids=staff_ids)


# -- CSV ---------------------------------------------------------------------------------------------------------
def _csv_of(data: ReportData) -> tuple[list[Column], Iterable[Sequence[Cell]]]:
    if isinstance(data, GapReportData):
        g = data.people
        cols = [Column("person", g.label_header), Column("unit", g.unit_header), Column("role", g.role_header),
                Column("readiness", g.readiness_header, "pct"),
                *[Column(f"c{i}", name, "level") for i, name in enumerate(g.competencies)]]
        return cols, g.rows()
    if isinstance(data, TrainingReportData):
        return list(data.assignments.columns), data.assignments.rows
    t = person_gaps_table(data)
    return list(t.columns), t.rows


def person_gaps_table(data: PersonReportData) -> Table:
    """The person's required competencies as a table (for CSV)."""
    lang = data.meta.lang
    cols = (_col("competency", "text", lang), _col("framework", "text", lang), _col("current", "level", lang),
            _col("required", "level", lang), _col("gap", "level", lang), _col("current_name", "text", lang),
            _col("required_name", "text", lang), _col("hard", "text", lang))
    rows: list[list[Cell]] = [[g.competency, g.framework, as_cell(g.current), as_cell(g.required), as_cell(g.gap),
                               g.current_level_name, g.required_level_name, _yes_no(g.hard_to_transfer, lang)]
                              for g in data.gaps]
    return Table(data.meta.title, cols, rows)


# -- export ------------------------------------------------------------------------------------------------------
def _check_kind_format(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise _error("err.bad_kind", value=kind, choices=", ".join(KINDS))
    if fmt not in FORMATS[kind]:
        raise _error("err.bad_format", kind=kind, value=fmt, choices=", ".join(FORMATS[kind]))


def _writer(kind: str, fmt: str) -> Callable[..., Path]:
    """The writer of a ``kind`` report as ``fmt`` (imported when first needed: reportlab and matplotlib are
    heavy, and the command line should start fast)."""
    name = {"gaps": "write_gap_report", "person": "write_person_report", "training": "write_training_report"}[kind]
    if fmt == "xlsx":
        from skillmap.reports import xlsx

        fn: Callable[..., Path] = getattr(xlsx, name)
        return fn
    from skillmap.reports import pdf

    fn = getattr(pdf, name)
    return fn


def build_report_data(engine: Engine, kind: str, target: GapFilters | int | None, *, lang: str | None = None,
                      pseudonymise: bool = True, user: str | None = None, progress: Progress | None = None,
                      data: GapData | None = None) -> ReportData:
    """The data of a ``kind`` report: ``target`` is the scope (gaps, training) or the staff id (person)."""
    if kind == "gaps":
        return gap_report_data(engine, _scope(target), lang=lang, pseudonymise=pseudonymise, user=user,
                               progress=progress, data=data)
    if kind == "training":
        return training_report_data(engine, _scope(target), lang=lang, pseudonymise=pseudonymise, user=user,
                                    progress=progress)
    if kind == "person":
        if not isinstance(target, int) or isinstance(target, bool):
            raise _error("err.needs_person")
        return person_report_data(engine, target, lang=lang, user=user, progress=progress)
    raise _error("err.bad_kind", value=kind, choices=", ".join(KINDS))


def _scope(target: GapFilters | int | None) -> GapFilters:
    return target if isinstance(target, GapFilters) else GapFilters()


def write_report(data: ReportData, path: str | Path, fmt: str, *, progress: Progress | None = None) -> Path:
    """Write report data as ``fmt`` to ``path`` through a temporary file moved into place when complete."""
    path = Path(path)
    _check_kind_format(data.meta.kind, fmt)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.part{path.suffix}")
    try:
        if fmt == "csv":
            from skillmap.reports.xlsx import write_csv_rows

            cols, rows = _csv_of(data)
            write_csv_rows(cols, rows, tmp, lang=data.meta.lang, progress=progress)
        else:
            _writer(data.meta.kind, fmt)(data, tmp, progress=progress)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _audit_export(engine: Engine, data: ReportData, fmt: str, path: Path, user: str | None,
                  scope: dict[str, Any]) -> None:
    details = {"kind": data.meta.kind, "format": fmt, "lang": data.meta.lang, "scope": scope,
               "pseudonymised": data.meta.pseudonymised, "file": path.name, "people": len(data.staff_ids),
               "staff_ids": sorted(data.staff_ids), "generated_at": data.meta.generated_at.isoformat()}
    entity = data.staff_ids[0] if data.meta.kind == "person" and data.staff_ids else None
    with engine.begin() as conn:
        conn.execute(insert(m.AuditLog).values(actor=user or local_user() or None, action="export",
                                               entity_type="report", entity_id=entity, details=details))


def log_table_export(engine: Engine, *, table: str, path: str | Path, headers: Sequence[str], rows: int, lang: str,
                     staff_ids: Sequence[int] = (), user: str | None = None) -> None:
    """Record a table exported from the app as CSV (who, which table, which columns, how many rows, which people
    when the table lists people), in the audit log like every other export."""
    details = {"kind": "table", "table": table, "format": "csv", "lang": lang, "file": Path(path).name,
               "columns": list(headers), "rows": int(rows), "people": len(staff_ids),
               "staff_ids": sorted(int(i) for i in staff_ids)}
    with engine.begin() as conn:
        conn.execute(insert(m.AuditLog).values(actor=user or local_user() or None, action="export",
                                               entity_type="table", details=details))


def _scope_json(target: GapFilters | int | None) -> dict[str, Any]:
    if isinstance(target, GapFilters):
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in target.__dict__.items()
                if v is not None}
    if isinstance(target, int):
        return {"staff_id": target}
    return {}


def export_report(engine: Engine, kind: str, target: GapFilters | int | None, path: str | Path, *, fmt: str,
                  lang: str | None = None, pseudonymise: bool = True, allow_full: bool = False,
                  user: str | None = None, progress: Progress | None = None, data: GapData | None = None) -> Path:
    """Build a ``kind`` report (``"gaps"``, ``"person"``, ``"training"``) for ``target`` (scope, or the staff id
    of a person), write it to ``path`` as ``fmt`` (``xlsx``, ``pdf``, ``csv``: the people grid, the person's
    gaps or the assignments) in ``lang``, and record the export in the audit log.

    A report about many people is pseudonymised unless ``pseudonymise`` is false; asking for the full version
    without ``allow_full`` (the caller's verdict, see :func:`may_export_full`) raises :class:`InputError`. Runs
    on a worker thread: reports to ``progress`` and stops there when cancelled, leaving no file."""
    _check_kind_format(kind, fmt)
    lang = _lang(lang)
    if kind != "person" and not pseudonymise and not allow_full:
        raise _error("err.full_not_allowed")
    progress = progress or Progress()
    report = build_report_data(engine, kind, target, lang=lang, pseudonymise=pseudonymise, user=user,
                               progress=progress, data=data)
    path = Path(path)
    progress.report(0, 0, _t("step.write", lang, file=path.name))
    write_report(report, path, fmt, progress=progress)
    _audit_export(engine, report, fmt, path, user, _scope_json(target))
    return path


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _file_part(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", plain).strip("-.") or "x"


def batch_targets(engine: Engine, per: str = "unit", *, agency: int | str | None = None,
                  lang: str | None = None) -> list[tuple[str, GapFilters]]:
    """``(file stem, scope)`` of every unit (each with its sub-units) or every agency that has active staff
    (within ``agency`` when given), in a stable order."""
    if per not in PER:
        raise _error("err.bad_per", value=per)
    s = m.Staff
    with engine.connect() as conn:
        lookups = load_lookups(conn)
        only = resolve_filters(lookups, GapFilters(agency=agency), lang).agency_id if agency is not None else None
        staffed_units = {int(u) for u in conn.execute(select(s.unit_id).where(
            s.active.is_(True), s.unit_id.is_not(None)).distinct()).scalars()}
        staffed_agencies = {int(a) for a in conn.execute(select(s.agency_id).where(
            s.active.is_(True), s.agency_id.is_not(None)).distinct()).scalars()}
    out: list[tuple[str, GapFilters]] = []
    if per == "agency":
        for aid in sorted(staffed_agencies, key=lambda a: lookups.agencies[a][0]):
            if only is None or aid == only:
                out.append((_file_part(lookups.agencies[aid][0]), GapFilters(agency=aid)))
        return out
    for uid in sorted(lookups.units, key=lambda u: (lookups.agencies[lookups.units[u][2]][0], lookups.units[u][0],
                                                     u)):
        row = lookups.units[uid]
        if only is not None and row[2] != only:
            continue
        if lookups.unit_subtree(uid) & staffed_units:
            stem = f"{_file_part(lookups.agencies[row[2]][0])}_{_file_part(row[0])}"
            out.append((stem, GapFilters(unit=uid)))
    return out


def batch_export(engine: Engine, kind: str, fmt: str, out_dir: str | Path, *, per: str = "unit",
                 agency: int | str | None = None, lang: str | None = None, pseudonymise: bool = True,
                 allow_full: bool = False, user: str | None = None,
                 progress: Progress | None = None) -> list[Path]:
    """One ``kind`` report (gaps or training) per unit (with its sub-units) or per agency, written to
    ``out_dir`` as ``<kind>_<agency>_<unit>.<fmt>`` (``<kind>_<agency>.<fmt>`` per agency), each recorded in
    the audit log. Gap data is read once and narrowed per report. Cancelling stops the file being written (it is
    not left behind); the files already written stay, each complete and audited."""
    if kind == "person":
        raise _error("err.batch_person")
    _check_kind_format(kind, fmt)
    lang = _lang(lang)
    if not pseudonymise and not allow_full:
        raise _error("err.full_not_allowed")
    progress = progress or Progress()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = batch_targets(engine, per, agency=agency, lang=lang)
    data = load_gap_data(engine, GapFilters(), lang=lang, progress=progress) if kind == "gaps" else None
    written: list[Path] = []
    for k, (stem, target) in enumerate(targets):
        progress.report(k, len(targets), _t("step.batch", lang, n=k + 1, total=len(targets), name=stem))
        path = export_report(engine, kind, target, out / f"{kind}_{stem}.{fmt}", fmt=fmt, lang=lang,
                             pseudonymise=pseudonymise, allow_full=allow_full, user=user,
                             progress=_Forward(progress), data=data)
        written.append(path)
    progress.report(len(targets), len(targets), "")
    return written


class _Forward(Progress):
    """Progress of one file of a batch: passes cancellation through, keeps its numbers to itself."""

    def __init__(self, outer: Progress) -> None:
        super().__init__(None)
        self._outer = outer

    @property
    def cancelled(self) -> bool:
        return self._outer.cancelled

    def check(self) -> None:
        self._outer.check()


__all__ = [
    "FORMATS", "FULL_ROLES", "KINDS", "PER", "batch_export", "batch_targets", "build_report_data", "export_report",
    "gap_report_data", "local_user", "may_export_full", "person_gaps_table", "person_report_data",
    "training_report_data", "write_report",
]
