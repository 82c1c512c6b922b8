"""Load a generated organisation into the database: bulk Core inserts in one transaction.

Per-row ORM objects are far too slow for this (2M assessment rows: ~2 s with executemany against
~170 s and 5 GB with ``session.add_all``), so everything here goes through ``Table.insert()`` with lists of
parameter rows in chunks, reporting progress and checking for cancellation between chunks. A cancelled or
failed load rolls back whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from skillmap.db import models as m
from skillmap.db.base import utcnow
from skillmap.db.bulk import bulk_insert, date_values, indexes_rebuilt_after, timestamp_value
from skillmap.i18n import register, tr
from skillmap.sample.generator import SOURCES, SampleOrg
from skillmap.tasks import Progress

CHUNK = 20_000

register(
    {
        "sample.step.org": {"en": "Agencies and units", "es": "Dependencias y unidades"},
        "sample.step.staff": {"en": "Staff", "es": "Personal"},
        "sample.step.courses": {"en": "Course catalogue", "es": "Catálogo de cursos"},
        "sample.step.assessments": {"en": "Assessments", "es": "Evaluaciones"},
        "sample.step.completions": {"en": "Course completions", "es": "Cursos concluidos"},
        "sample.step.certifications": {"en": "Certifications", "es": "Certificaciones"},
        "sample.missing_framework": {
            "en": "the sample needs framework {code!r}; install the bundled frameworks first",
            "es": "la muestra necesita el marco {code!r}; instale primero los marcos incluidos",
        },
    }
)

ORG_TABLES = (
    m.CertificationAttempt, m.CertificationProgramCompetency, m.CertificationProgram, m.CourseCompletion,
    m.Assignment, m.TrackCourse, m.Track, m.Assessment, m.CoursePrerequisite, m.CourseCompetency, m.Course,
)


def _chunks(rows: list[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def clear_organisation(conn: Connection) -> None:
    """Delete staff, the organisation tree, courses and everything hanging from them (frameworks stay)."""
    for table in ORG_TABLES:
        conn.execute(delete(table))
    conn.execute(update(m.Staff).values(manager_id=None))
    conn.execute(delete(m.Staff))
    conn.execute(update(m.Unit).values(parent_id=None))
    conn.execute(delete(m.Unit))
    conn.execute(delete(m.Agency))


def load_sample(engine: Engine, org: SampleOrg, *, progress: Progress | None = None,
                replace: bool = False, actor: str | None = None) -> dict[str, int]:
    progress = progress or Progress()
    n_assess = len(org.assessments.level)
    n_compl = len(org.completions.course_idx)
    total = len(org.staff) * 2 + n_assess + n_compl + len(org.certification_attempts) + 1000
    done = 0

    def step(n: int, key: str) -> None:
        nonlocal done
        done += n
        progress.report(done, total, tr(key))

    with engine.begin() as conn:
        if replace:
            clear_organisation(conn)
        batch_id = conn.execute(
            insert(m.ImportBatch).values(kind="sample", file_name=None, imported_by=actor, status="running",
                                         counts={})
        ).inserted_primary_key[0]  # type: ignore[index]

        # frameworks the sample refers to (active versions)
        comp_ids: dict[tuple[str, str], int] = {
            (f, c): i for f, c, i in conn.execute(
                select(m.Framework.code, m.Competency.code, m.Competency.id)
                .join(m.Competency, m.Competency.framework_id == m.Framework.id)
                .where(m.Framework.active.is_(True)))
        }
        profile_ids: dict[tuple[str, str], int] = {
            (f, c): i for f, c, i in conn.execute(
                select(m.Framework.code, m.RoleProfile.code, m.RoleProfile.id)
                .join(m.RoleProfile, m.RoleProfile.framework_id == m.Framework.id)
                .where(m.Framework.active.is_(True)))
        }
        needed = {fw for fw, _ in org.competencies}
        have = {fw for fw, _ in comp_ids}
        missing = sorted(needed - have)
        if missing:
            from skillmap.problems import InputError, Problem

            raise InputError([Problem("sample.missing_framework", {"code": missing[0]})])

        # agencies and units
        conn.execute(insert(m.Agency), [
            {"code": a.code, "name": a.name, "short_name": a.code} for a in org.agencies])  # siglas
        agency_ids = dict(conn.execute(select(m.Agency.code, m.Agency.id)).all())
        unit_ids: dict[str, int] = {}
        for level in sorted({u.level for u in org.units}):
            rows = [u for u in org.units if u.level == level]
            conn.execute(insert(m.Unit), [
                {"agency_id": agency_ids[u.agency_code], "code": u.code, "name": u.name, "level": u.level,
                 "parent_id": unit_ids[u.parent_code] if u.parent_code else None} for u in rows])
            codes = [u.code for u in rows]
            for code, uid in conn.execute(select(m.Unit.code, m.Unit.id).where(m.Unit.code.in_(codes))):
                unit_ids[code] = uid
        step(1000, "sample.step.org")

        # staff, then their managers
        now = utcnow()
        staff_rows = [
            {
                "employee_number": s.employee_number, "curp": s.curp, "rfc": s.rfc,
                "given_names": s.given_names, "first_surname": s.first_surname,
                "second_surname": s.second_surname, "sex": s.sex, "agency_id": agency_ids[s.agency_code],
                "unit_id": unit_ids.get(s.unit_code), "position_title": s.position_title,
                "role_profile_id": profile_ids.get((s.framework_code, s.role_code))
                if s.framework_code and s.role_code else None,
                "grade": s.grade, "birth_date": s.birth_date, "hire_date": s.hire_date, "email": s.email,
                "import_batch_id": batch_id, "active": True, "version": 1, "created_at": now, "updated_at": now,
            }
            for s in org.staff
        ]
        for chunk in _chunks(staff_rows):
            conn.execute(insert(m.Staff), chunk)
            step(len(chunk), "sample.step.staff")
        staff_id_by_number = dict(conn.execute(
            select(m.Staff.employee_number, m.Staff.id).where(m.Staff.import_batch_id == batch_id)).all())
        staff_ids = np.array([staff_id_by_number[s.employee_number] for s in org.staff], dtype=np.int64)
        manager_rows = [
            {"sid": staff_id_by_number[s.employee_number], "mid": staff_id_by_number[s.manager_employee_number]}
            for s in org.staff if s.manager_employee_number
        ]
        upd = update(m.Staff.__table__).where(m.Staff.__table__.c.id == bindparam("sid")).values(
            manager_id=bindparam("mid"))
        for chunk in _chunks(manager_rows):
            conn.execute(upd, chunk)
            step(len(chunk), "sample.step.staff")

        # course catalogue
        conn.execute(insert(m.Course), [
            {"code": c.code, "area": c.area, "title_en": c.title.en, "title_es": c.title.es,
             "description_en": c.description.en, "description_es": c.description.es, "provider": c.provider,
             "hours": c.hours, "modality": c.modality, "active": True, "version": 1} for c in org.courses])
        course_ids = dict(conn.execute(select(m.Course.code, m.Course.id)).all())
        code_to_comp = {}
        for (_fw, code), cid in comp_ids.items():  # course files name competencies by code
            code_to_comp.setdefault(code, cid)
        cc_rows = [
            {"course_id": course_ids[c.code], "competency_id": code_to_comp[r.competency], "target_level": r.level}
            for c in org.courses for r in c.raises if r.competency in code_to_comp
        ]
        if cc_rows:
            conn.execute(insert(m.CourseCompetency), cc_rows)
        pre_rows = [{"course_id": course_ids[c.code], "prerequisite_id": course_ids[p]}
                    for c in org.courses for p in c.prerequisites]
        if pre_rows:
            conn.execute(insert(m.CoursePrerequisite), pre_rows)
        step(0, "sample.step.courses")

        # assessments and completions: vectorised columns → tuples → DBAPI executemany
        a = org.assessments
        comp_map = np.array([comp_ids.get(k, -1) for k in org.competencies], dtype=np.int64)
        created = timestamp_value(conn, now)
        if n_assess:
            keep = np.flatnonzero(comp_map[a.comp_idx] >= 0)
            sources = np.array(SOURCES, dtype=object)
            names = ("staff_id", "competency_id", "level", "source", "assessed_on", "assessor_staff_id",
                     "validated", "import_batch_id", "created_at")
            with indexes_rebuilt_after(conn, m.Assessment.__table__, len(keep)):
                for start in range(0, len(keep), CHUNK * 5):  # tuples are built a chunk at a time
                    sel = keep[start : start + CHUNK * 5]
                    assessor = a.assessor_idx[sel]
                    assessor_ids = np.where(assessor >= 0, staff_ids[np.clip(assessor, 0, None)], -1).tolist()
                    rows = list(zip(
                        staff_ids[a.staff_idx[sel]].tolist(),
                        comp_map[a.comp_idx[sel]].tolist(),
                        a.level[sel].astype(np.int64).tolist(),
                        sources[a.source[sel]].tolist(),
                        date_values(conn, a.assessed_on[sel]),
                        [None if x < 0 else x for x in assessor_ids],
                        a.validated[sel].tolist(),
                        [batch_id] * len(sel),
                        [created] * len(sel),
                        strict=True,
                    ))
                    bulk_insert(conn, m.Assessment.__table__, names, rows)
                    step(len(sel), "sample.step.assessments")

        c = org.completions
        if n_compl:
            course_id_of = np.array([course_ids[course.code] for course in org.courses], dtype=np.int64)
            columns = (
                staff_ids[c.staff_idx].tolist(),
                course_id_of[c.course_idx].tolist(),
                date_values(conn, c.completed_on),
                np.where(c.passed, "passed", "failed").tolist(),
                c.score.astype(float).round(1).tolist(),
            )
            rows = [(*r, batch_id) for r in zip(*columns, strict=True)]
            bulk_insert(conn, m.CourseCompletion.__table__,
                        ("staff_id", "course_id", "completed_on", "result", "score", "import_batch_id"), rows)
            step(n_compl, "sample.step.completions")

        # certification programmes and attempts
        if org.certification_programs:
            conn.execute(insert(m.CertificationProgram), [
                {"code": p.code, "name_en": p.name.en, "name_es": p.name.es, "validity_years": p.validity_years,
                 "max_attempts": p.max_attempts} for p in org.certification_programs])
            program_ids = dict(conn.execute(select(m.CertificationProgram.code, m.CertificationProgram.id))
                               .all())
            pc_rows = [{"program_id": program_ids[p.code], "competency_id": comp_ids[k]}
                       for p in org.certification_programs for k in p.competencies if k in comp_ids]
            if pc_rows:
                conn.execute(insert(m.CertificationProgramCompetency), pc_rows)
            att_rows = [
                {"staff_id": staff_id_by_number[t.employee_number], "program_id": program_ids[t.program_code],
                 "attempt_no": t.attempt_no, "taken_on": t.taken_on, "passed": t.passed,
                 "valid_until": t.valid_until, "import_batch_id": batch_id}
                for t in org.certification_attempts
            ]
            for chunk in _chunks(att_rows):
                conn.execute(insert(m.CertificationAttempt), chunk)
                step(len(chunk), "sample.step.certifications")

        counts = {"agencies": len(org.agencies), "units": len(org.units), "staff": len(org.staff),
                  "assessments": n_assess, "completions": n_compl, "courses": len(org.courses),
                  "certification_attempts": len(org.certification_attempts)}
        conn.execute(update(m.ImportBatch).where(m.ImportBatch.id == batch_id).values(
            status="done", finished_at=utcnow(), counts=counts))
        conn.execute(insert(m.AuditLog).values(actor=actor, action="load_sample", entity_type="import_batch",
                                               entity_id=batch_id, details={**counts, "seed": org.seed}))
        progress.report(total, total, "")
    return counts


