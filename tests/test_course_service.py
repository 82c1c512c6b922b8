"""The catalogue editor's service: list, get, save (create / update with the import's checks and an optimistic
version check), delete (refused while in use), export, and the planner's view of the catalogue.

On SQLite and on PostgreSQL, with the frameworks and stored courses of ``test_courses_import``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select
from test_courses_import import STORED, comp_ids, count, make_test_framework, store_courses, stored_course

from skillmap.db import models as m
from skillmap.frameworks import model as fm
from skillmap.planning.course_plan import CourseOption
from skillmap.problems import InputError
from skillmap.services.courses import (
    CourseEdit,
    CourseRaiseRow,
    catalogue_options,
    competency_choices,
    course_usage,
    delete_course,
    export_courses,
    get_course,
    list_courses,
    save_course,
)
from skillmap.services.frameworks import import_framework


@pytest.fixture
def db(engine: Engine, bundled_frameworks: list[fm.Framework]) -> Engine:
    """The frameworks, GB-01, GB-03 and TE-01 (which needs GB-01); two completions of TE-01; a track with GB-01."""
    for fw in [*bundled_frameworks, make_test_framework()]:
        import_framework(engine, fw)
    ids = store_courses(engine, STORED)
    with engine.begin() as conn:
        conn.execute(insert(m.Staff), [{"employee_number": n, "given_names": "Persona", "first_surname": "Ruiz"}
                                       for n in ("1001", "1002")])
        staff = list(conn.execute(select(m.Staff.id).order_by(m.Staff.id)).scalars())
        conn.execute(insert(m.CourseCompletion), [
            {"staff_id": s, "course_id": ids["TE-01"], "completed_on": date(2025, 3, 1), "result": "passed"}
            for s in staff])
        track = conn.execute(insert(m.Track).values(code="TR-INTEGRIDAD", name_es="Integridad", version=1)
                             ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(m.TrackCourse).values(track_id=track, course_id=ids["GB-01"], position=1))
    return engine


def ids(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.Course.code, m.Course.id)).all())


def audit(engine: Engine) -> list[tuple[str, str | None, int | None, dict[str, Any]]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            select(m.AuditLog.action, m.AuditLog.actor, m.AuditLog.entity_id, m.AuditLog.details)
            .where(m.AuditLog.entity_type == "course").order_by(m.AuditLog.id))]


def errors(exc: pytest.ExceptionInfo[InputError]) -> set[tuple[str, str | None]]:
    return {(p.key, p.path) for p in exc.value.problems}


# -- listing -----------------------------------------------------------------------------------------------------
def test_the_list_gives_raises_prerequisites_and_uses_in_either_language(db: Engine) -> None:
    comps = comp_ids(db)
    es = {r.code: r for r in list_courses(db, "es")}
    assert list(es) == ["GB-01", "GB-03", "TE-01"]
    gb = es["GB-01"]
    assert (gb.title, gb.area, gb.area_label, gb.modality_label, gb.hours, gb.active, gb.version) == (
        "Ética pública e integridad", "good_government", "Buen gobierno", "En línea", 8.0, True, 1)
    assert gb.raises == (CourseRaiseRow(comps["MGR-LEADERSHIP"], "MGR-LEADERSHIP", "Liderazgo", 1, "Conocimiento"),)
    assert (gb.prerequisites, gb.required_by, gb.tracks, gb.completions) == ((), ("TE-01",), 1, 0)
    te = es["TE-01"]
    assert (te.prerequisites, te.prerequisite_ids, te.completions, te.modality_label) == (
        ("GB-01",), (gb.id,), 2, "Mixta")
    en = get_course(db, te.id, "en")
    assert (en.title, en.area_label, en.modality_label) == ("Data analysis with Python", "Technical", "Blended")
    assert en.raises[0].name == "Data analysis" and en.raises[0].level_name == "Working"
    with pytest.raises(InputError) as err:
        get_course(db, 999_999)
    assert err.value.text("es") == "no existe el curso número 999999"
    choices = {c.code: c for c in competency_choices(db, "es")}
    assert choices["PLANNING"].levels == ((1, "Inicial"), (2, "Básico"), (3, "Intermedio"), (4, "Avanzado"),
                                          (5, "Experto"))
    assert "mx-ddat:STATISTICS" in choices and "mx-test:STATISTICS" in choices and "STATISTICS" not in choices


# -- saving ------------------------------------------------------------------------------------------------------
def test_a_new_course_is_stored_with_its_links_and_audited(db: Engine) -> None:
    comps, courses = comp_ids(db), ids(db)
    edit = CourseEdit(code=" TE-05 ", area="technical", hours=12.5, modality="online", title_es="Ciencia de datos",
                      provider="INAP", raises={comps["PLANNING"]: 3, comps["DATA-ANALYSIS"]: 2},
                      prerequisites=(courses["TE-01"], courses["GB-03"]))
    cid = save_course(db, edit, user="ana")
    stored = stored_course(db, "TE-05")
    assert (stored["title_es"], stored["title_en"], stored["hours"], stored["provider"], stored["version"]) == (
        "Ciencia de datos", "", 12.5, "INAP", 1)
    assert stored["raises"] == {"mx-test:PLANNING": 3, "mx-ddat:DATA-ANALYSIS": 2}
    assert stored["prerequisites"] == ["GB-03", "TE-01"]
    ((action, actor, entity, details),) = audit(db)
    assert (action, actor, entity, details["code"], details["hours"]) == ("course_create", "ana", cid, "TE-05", 12.5)
    assert details["prerequisites"] == sorted([courses["TE-01"], courses["GB-03"]])
    # the area and modality may be given as words, as in a file
    other = save_course(db, CourseEdit(code="MG-05", area="Gerencial", hours=4, modality="Presencial",
                                       title_en="Negotiation"), user="ana")
    assert (get_course(db, other).area, get_course(db, other).modality) == ("management", "in_person")


def test_every_wrong_field_is_named_and_nothing_is_written(db: Engine) -> None:
    comps, courses = comp_ids(db), ids(db)
    before = count(db, m.Course)
    with pytest.raises(InputError) as err:
        save_course(db, CourseEdit(code="", area="deportes", hours=0, modality="por correo",
                                   raises={comps["DATA-ANALYSIS"]: 9, comps["PLANNING"]: 1, 987_654: 2},
                                   prerequisites=(courses["GB-01"], 876_543)), user="ana")
    assert errors(err) == {
        ("course.code_missing", "code"), ("course.area_unknown", "area"), ("course.modality_unknown", "modality"),
        ("course.hours", "hours"), ("course.title_missing", "title"),
        ("staff.level_range", f"raises.{comps['DATA-ANALYSIS']}"),
        ("course.raise_lowest", f"raises.{comps['PLANNING']}"),
        ("crs.competency_unknown", "raises.987654"), ("crs.prereq_id_unknown", "prerequisites"),
    }
    texts = {p.key: (p.text("en"), p.text("es")) for p in err.value.problems}
    assert texts["course.hours"] == ("at hours: hours must be a number greater than 0, not “0”",
                                     "en hours: las horas deben ser un número mayor que 0, no «0»")
    assert texts["crs.prereq_id_unknown"][1] == (
        "en prerequisites: no existe el curso número 876543 para ser prerrequisito")
    with pytest.raises(InputError) as err:
        save_course(db, CourseEdit(code="gb-01", area="technical", hours=1, modality="online", title_en="X"), user="a")
    assert errors(err) == {("crs.code_taken", "code")}
    assert err.value.problems[0].message("es") == "la clave GB-01 ya la usa el curso «Public ethics and integrity»"
    with pytest.raises(InputError) as err:
        save_course(db, CourseEdit(code="A,B", area="technical", hours=1, modality="online", title_en="X"), user="a")
    assert errors(err) == {("course.code_chars", "code")}
    assert count(db, m.Course) == before and audit(db) == []


def test_an_update_moves_the_version_and_a_stale_copy_is_refused(db: Engine) -> None:
    comps = comp_ids(db)
    row = get_course(db, ids(db)["GB-03"])
    assert row.version == 1
    save_course(db, row.to_edit(hours=10, title_en="Transparency and access"), user="ana")
    fresh = get_course(db, row.id)
    assert (fresh.version, fresh.hours, fresh.title_en) == (2, 10.0, "Transparency and access")
    with pytest.raises(InputError) as err:  # a second editor still holds version 1
        save_course(db, row.to_edit(provider="Otro"), user="luis")
    assert [p.key for p in err.value.problems] == ["crs.stale"]
    assert err.value.text("en") == ("course GB-03 was changed by someone else since it was opened (version 1, now 2); "
                                    "reload it and make your changes again")
    assert err.value.text("es") == ("otra persona modificó el curso GB-03 desde que se abrió (versión 1, ahora 2); "
                                    "vuelva a cargarlo y repita sus cambios")
    assert get_course(db, row.id).provider == "Campus"
    # changing only the competencies raised also moves the version
    save_course(db, fresh.to_edit(raises={comps["DS-INFO-SEARCH"]: 2}), user="ana")
    third = get_course(db, row.id)
    assert third.version == 3 and [(r.code, r.level) for r in third.raises] == [("DS-INFO-SEARCH", 2)]
    updates = [d for a, _, _, d in audit(db) if a == "course_update"]
    assert updates[0]["changes"] == {"title_en": ["Transparency", "Transparency and access"], "hours": [8.0, 10.0]}
    assert updates[1]["changes"] == {"raises": [[[comps["DS-INFO-SEARCH"], 1]], [[comps["DS-INFO-SEARCH"], 2]]]}
    with pytest.raises(ValueError):
        save_course(db, CourseEdit(code="GB-03", area="technical", hours=1, modality="online", id=row.id), user="a")


def test_a_prerequisite_cycle_is_refused(db: Engine) -> None:
    courses = ids(db)
    gb = get_course(db, courses["GB-01"])
    with pytest.raises(InputError) as err:  # TE-01 already needs GB-01
        save_course(db, gb.to_edit(prerequisites=(courses["TE-01"],)), user="ana")
    assert [(p.key, p.params["path"]) for p in err.value.problems] == [("crs.cycle", "GB-01 → TE-01 → GB-01")]
    assert err.value.text("es") == "en prerequisites: los prerrequisitos forman un ciclo: GB-01 → TE-01 → GB-01"
    te05 = save_course(db, CourseEdit(code="TE-05", area="technical", hours=3, modality="online", title_en="Next",
                                      prerequisites=(courses["TE-01"],)), user="ana")
    with pytest.raises(InputError) as err:  # a longer way round
        save_course(db, gb.to_edit(prerequisites=(te05, courses["GB-03"])), user="ana")
    assert err.value.problems[0].params["path"] == "GB-01 → TE-05 → TE-01 → GB-01"
    with pytest.raises(InputError) as err:
        save_course(db, gb.to_edit(prerequisites=(gb.id,)), user="ana")
    assert [p.key for p in err.value.problems] == ["course.prereq_self"]
    save_course(db, gb.to_edit(prerequisites=(courses["GB-03"],)), user="ana")  # no cycle: stored
    assert stored_course(db, "GB-01")["prerequisites"] == ["GB-03"]


# -- deleting ----------------------------------------------------------------------------------------------------
def test_a_course_in_use_is_deleted_only_when_forced(db: Engine) -> None:
    courses = ids(db)
    gb = courses["GB-01"]
    usage = course_usage(db, gb)
    assert (usage.required_by, usage.tracks, usage.completions) == (("TE-01",), ("TR-INTEGRIDAD",), 0)
    with pytest.raises(InputError) as err:
        delete_course(db, gb, user="ana")
    assert [p.message("en") for p in err.value.problems] == [
        "course GB-01 is a prerequisite of TE-01; remove it from them first, or delete it anyway",
        "course GB-01 is part of the tracks TR-INTEGRIDAD; remove it from them first, or delete it anyway"]
    assert err.value.problems[1].message("es") == (
        "el curso GB-01 forma parte de las rutas TR-INTEGRIDAD; quítelo de ellas primero, o elimínelo de todos modos")
    with pytest.raises(InputError) as err:
        delete_course(db, gb, user="ana", force=True, version=7)
    assert [p.key for p in err.value.problems] == ["crs.stale"]
    assert count(db, m.Course) == 3
    delete_course(db, gb, user="ana", force=True, version=1)
    assert "GB-01" not in ids(db) and count(db, m.TrackCourse) == 0
    assert stored_course(db, "TE-01")["prerequisites"] == []
    action, actor, entity, details = audit(db)[-1]
    assert (action, actor, entity) == ("course_delete", "ana", gb)
    assert (details["code"], details["forced"], details["required_by"], details["tracks"]) == (
        "GB-01", True, ["TE-01"], ["TR-INTEGRIDAD"])
    with pytest.raises(InputError) as err:
        delete_course(db, gb, user="ana")
    assert err.value.problems[0].key == "crs.not_found"
    delete_course(db, courses["GB-03"], user="ana")  # not in use: deleted at once
    assert sorted(ids(db)) == ["TE-01"]


def test_a_course_with_completions_is_deactivated_rather_than_deleted(db: Engine) -> None:
    te = get_course(db, ids(db)["TE-01"])
    with pytest.raises(InputError) as err:
        delete_course(db, te.id, user="ana", force=True)
    assert err.value.text("en") == ("course TE-01 has 2 recorded completions, which deleting it would erase; "
                                    "deactivate it instead (it stays in the history and leaves the planner)")
    assert "desactívelo en su lugar" in err.value.text("es")
    assert te.id in {o.id for o in catalogue_options(db)}
    save_course(db, te.to_edit(active=False), user="ana")
    assert te.id not in {o.id for o in catalogue_options(db)}
    assert get_course(db, te.id).completions == 2 and count(db, m.CourseCompletion) == 2


def test_every_edit_writes_an_audit_row(db: Engine, tmp_path: Path) -> None:
    cid = save_course(db, CourseEdit(code="X-1", area="technical", hours=1, modality="online", title_en="X"),
                      user="ana")
    save_course(db, get_course(db, cid).to_edit(hours=2), user="luis")
    delete_course(db, cid, user="eva")
    assert [(a, u, e) for a, u, e, _ in audit(db)] == [("course_create", "ana", cid), ("course_update", "luis", cid),
                                                       ("course_delete", "eva", cid)]
    with pytest.raises(InputError) as err:
        export_courses(db, tmp_path / "cursos.pdf", lang="es")
    assert err.value.problems[0].message("es") == "formato de exportación desconocido «.pdf»: use .xlsx o .csv"


# -- the planner's view ------------------------------------------------------------------------------------------
def test_the_planner_gets_the_active_courses_with_their_links(db: Engine) -> None:
    comps, courses = comp_ids(db), ids(db)
    options = {o.code: o for o in catalogue_options(db)}
    assert options["TE-01"] == CourseOption(id=courses["TE-01"], code="TE-01", hours=20.0,
                                            raises={comps["DATA-ANALYSIS"]: 2}, prerequisites=(courses["GB-01"],))
    assert list(options) == ["GB-01", "GB-03", "TE-01"]
    te05 = save_course(db, CourseEdit(code="TE-05", area="technical", hours=3, modality="online", title_en="Next",
                                      prerequisites=(courses["TE-01"], courses["GB-03"])), user="ana")
    assert options.keys() < {o.code for o in catalogue_options(db)}
    assert next(o for o in catalogue_options(db) if o.id == te05).prerequisites == (courses["GB-03"], courses["TE-01"])
    # GB-01 inactive: TE-01 cannot be taken, nor TE-05 after it
    save_course(db, get_course(db, courses["GB-01"]).to_edit(active=False), user="ana")
    assert [o.code for o in catalogue_options(db)] == ["GB-03"]
    with db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Course).where(m.Course.active.is_(False))).scalar() == 1
