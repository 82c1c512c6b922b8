"""Course catalogue import: the sheet parser, the plan (new / changed / unchanged, checks against the database) and
the one-transaction commit recorded as an import batch.

Every input is a real file written here with openpyxl or as a Spanish CSV (``;``, Windows-1252), read through the
sandboxed reader, on SQLite and on PostgreSQL. The database holds the bundled frameworks plus ``mx-test``, whose
1–5 scale names its levels differently from the others and which shares the code ``STATISTICS`` with ``mx-ddat``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func, insert, select

from skillmap.db import models as m
from skillmap.frameworks import model as fm
from skillmap.importing.courses import (
    CatalogueMapping,
    ParsedCatalogue,
    parse_catalogue,
    score_course_header,
    split_codes,
    split_raises,
)
from skillmap.importing.reader import read_workbook
from skillmap.problems import InputError, Problem
from skillmap.sample.catalogue import load_courses
from skillmap.services import courses as svc
from skillmap.services.courses import (
    CoursesPlan,
    commit_courses,
    export_courses,
    framework_scales,
    plan_courses,
    plan_courses_file,
    read_catalogue,
)
from skillmap.services.frameworks import import_framework
from skillmap.services.staff_import import competency_refs, undo_import
from skillmap.tasks import Cancelled, Progress

HEADER_ES = ("Clave", "Nombre del curso", "Área", "Proveedor", "Duración (h)", "Modalidad", "Competencias",
             "Prerrequisitos")
STORED = [  # code, area, English title, Spanish title, hours, modality, raises, prerequisites
    ("GB-01", "good_government", "Public ethics and integrity", "Ética pública e integridad", 8, "online",
     {"MGR-LEADERSHIP": 1}, []),
    ("GB-03", "good_government", "Transparency", "Transparencia", 8, "online", {"DS-INFO-SEARCH": 1}, []),
    ("TE-01", "technical", "Data analysis with Python", "Análisis de datos con Python", 20, "blended",
     {"DATA-ANALYSIS": 2}, ["GB-01"]),
]


# -- the database ------------------------------------------------------------------------------------------------
def make_test_framework() -> fm.Framework:
    """A framework with a 1–5 scale of its own names and a competency code shared with mx-ddat."""
    t = fm.Text
    return fm.Framework(
        code="mx-test", version="1", name=t("Test framework", "Marco de prueba"),
        scale=[fm.ScaleLevel(1, "initial", t("Initial", "Inicial")),
               fm.ScaleLevel(2, "basic", t("Basic", "Básico")),
               fm.ScaleLevel(3, "intermediate", t("Intermediate", "Intermedio")),
               fm.ScaleLevel(4, "advanced", t("Advanced", "Avanzado")),
               fm.ScaleLevel(5, "expert", t("Expert", "Experto"))],
        categories=[fm.Category("GEN", t("General", "General"), competencies=[
            fm.Competency("PLANNING", t("Planning", "Planeación")),
            fm.Competency("STATISTICS", t("Applied statistics", "Estadística aplicada")),
        ])],
    )


def comp_ids(engine: Engine) -> dict[str, int]:
    """``code`` → id, and ``framework:code`` → id for every competency."""
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for cid, fw, code in conn.execute(select(m.Competency.id, m.Framework.code, m.Competency.code)
                                          .join(m.Framework, m.Framework.id == m.Competency.framework_id)
                                          .order_by(m.Framework.code)):
            out.setdefault(code, cid)  # mx-ddat before mx-test
            out[f"{fw}:{code}"] = cid
    return out


def store_courses(engine: Engine, courses: list[tuple[Any, ...]]) -> dict[str, int]:
    comps = comp_ids(engine)
    with engine.begin() as conn:
        conn.execute(insert(m.Course), [{"code": c, "area": a, "title_en": en, "title_es": es, "hours": h,
                                         "modality": mo, "provider": "Campus", "version": 1}
                                        for c, a, en, es, h, mo, _, _ in courses])
        ids = dict(conn.execute(select(m.Course.code, m.Course.id)).all())
        raises = [{"course_id": ids[c[0]], "competency_id": comps[k], "target_level": v}
                  for c in courses for k, v in c[6].items()]
        if raises:
            conn.execute(insert(m.CourseCompetency), raises)
        pres = [{"course_id": ids[c[0]], "prerequisite_id": ids[p]} for c in courses for p in c[7]]
        if pres:
            conn.execute(insert(m.CoursePrerequisite), pres)
    return ids


@pytest.fixture
def frameworks(engine: Engine, bundled_frameworks: list[fm.Framework]) -> Engine:
    for fw in [*bundled_frameworks, make_test_framework()]:
        import_framework(engine, fw)
    return engine


@pytest.fixture
def db(frameworks: Engine) -> Engine:
    """The frameworks and three stored courses (TE-01 needs GB-01)."""
    store_courses(frameworks, STORED)
    return frameworks


def load_sample_catalogue(engine: Engine) -> None:
    """The bundled 83-course catalogue, stored as ``skillmap load-sample`` stores it."""
    specs = load_courses()
    comps = comp_ids(engine)
    store_courses(engine, [(s.code, s.area, s.title.en, s.title.es, s.hours, s.modality,
                            {r.competency: r.level for r in s.raises}, s.prerequisites) for s in specs])
    with engine.begin() as conn:  # the YAML's descriptions and providers too
        for s in specs:
            conn.execute(m.Course.__table__.update().where(m.Course.code == s.code).values(
                description_en=s.description.en, description_es=s.description.es, provider=s.provider))
    assert comps  # the frameworks are there


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a catalogue import may touch, as sorted tuples."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for model in (m.Course, m.CourseCompetency, m.CoursePrerequisite, m.ImportBatch, m.ImportChange, m.AuditLog):
            table = model.__table__
            cols = [c for c in table.c if c.name not in ("started_at", "finished_at", "at")]
            out[table.name] = sorted(tuple(r) for r in conn.execute(select(*cols)))
    return out


def count(engine: Engine, model: type[m.Base]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def stored_course(engine: Engine, code: str) -> dict[str, Any]:
    """A stored course with its raises (``framework:code`` → level) and prerequisites (codes)."""
    with engine.connect() as conn:
        row = conn.execute(select(m.Course).where(m.Course.code == code)).one()
        raises = {f"{fw}:{c}": lvl for fw, c, lvl in conn.execute(
            select(m.Framework.code, m.Competency.code, m.CourseCompetency.target_level)
            .join(m.Competency, m.Competency.id == m.CourseCompetency.competency_id)
            .join(m.Framework, m.Framework.id == m.Competency.framework_id)
            .where(m.CourseCompetency.course_id == row.id))}
        pre = sorted(conn.execute(select(m.Course.code).join(
            m.CoursePrerequisite, m.CoursePrerequisite.prerequisite_id == m.Course.id)
            .where(m.CoursePrerequisite.course_id == row.id)).scalars())
    return {**{k: getattr(row, k) for k in ("code", "area", "title_en", "title_es", "description_en", "provider",
                                             "hours", "modality", "active", "version")},
            "raises": raises, "prerequisites": pre}


# -- files -------------------------------------------------------------------------------------------------------
def write_book(path: Path, rows: list[tuple[Any, ...]], *, header: tuple[str, ...] = HEADER_ES, title: bool = True,
               sheet: str = "Cursos", extra: dict[str, list[tuple[Any, ...]]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Notas"
    notes.append(["Catálogo del campus virtual", "exportado el 3 de marzo"])
    ws = wb.create_sheet(sheet)
    if title:  # a title block and a blank row above the header
        ws.append(["Catálogo de cursos 2026"])
        ws.append(["Dirección General de Capacitación"])
        ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for name, table in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in table:
            other.append(list(row))
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[tuple[Any, ...]], header: tuple[str, ...] = HEADER_ES) -> Path:
    """As Excel in Spanish saves “CSV (delimitado por comas)”: semicolons, Windows-1252."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def parse(engine: Engine, path: Path, **kwargs: Any) -> ParsedCatalogue:
    return read_catalogue(engine, path, **kwargs)


def plan(engine: Engine, path: Path, **kwargs: Any) -> CoursesPlan:
    return plan_courses_file(engine, path, **kwargs)


def located(problems: list[Problem], key: str) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.column) for p in problems if p.key == key]


# -- small pieces ------------------------------------------------------------------------------------------------
def test_competency_cells_and_prerequisite_cells_are_split_as_people_write_them() -> None:
    assert split_raises("DATA-ANALYSIS:2; Estadística: Avanzado\nmx-ddat:STATISTICS:3") == [
        ("DATA-ANALYSIS", "2"), ("Estadística", "Avanzado"), ("mx-ddat:STATISTICS", "3")]
    assert split_raises("A:1, B:2") == [("A", "1"), ("B", "2")]  # commas separate when every piece has a level
    assert split_raises("Gestión, control y mejora: 3") == [("Gestión, control y mejora", "3")]
    assert split_raises("PLANNING; ; X = 4") == [("PLANNING", None), ("X", "4")]
    assert split_codes(" GB-01 ,gb-01; TE-02\nTE-03 ;") == ["GB-01", "TE-02", "TE-03"]


# -- reading -----------------------------------------------------------------------------------------------------
def test_a_spanish_catalogue_below_a_title_block_is_read(db: Engine, tmp_path: Path) -> None:
    comps = comp_ids(db)
    path = write_book(tmp_path / "catalogo.xlsx", [
        ("TE-10", "Estadística para políticas públicas", "Técnica", "INEGI", "20 h", "En línea",
         "mx-ddat:STATISTICS:3; Planeación: Básico\nDATA-ANALYSIS:Dominio", "TE-01, GB-03"),
        ("MG-10", "Liderazgo de equipos", "gestión", "Instituto X", "1,5", "PRESENCIAL",
         "MGR-LEADERSHIP: avanzado, mx-test:STATISTICS:5", "TE-10; gb-01"),
        ("GB-10", "Integridad", "buen gobierno", None, 4, "mixta", "analisis de datos: 1", None),
        ("Total: 3 cursos",),  # a footer
    ])
    parsed = parse(db, path)
    assert (parsed.sheet, parsed.header_row, parsed.skipped_rows) == ("Cursos", 4, 1)
    assert parsed.errors == [] and [p.key for p in parsed.problems] == []
    assert parsed.carried == {"code", "title_es", "area", "provider", "hours", "modality", "competencies",
                              "prerequisites"}
    te, mg, gb = parsed.courses
    assert (te.code, te.row, te.values) == ("TE-10", 5, {
        "title_es": "Estadística para políticas públicas", "provider": "INEGI", "area": "technical", "hours": 20.0,
        "modality": "online"})
    # levels: numbers, a level name of the competency's own scale (Básico is 2 in mx-test), a name of mx-ddat's
    # scale (Dominio is 3), the usual words (avanzado is 3 on a 0–4 scale)
    assert te.raises == {comps["mx-ddat:STATISTICS"]: 3, comps["mx-test:PLANNING"]: 2,
                         comps["mx-ddat:DATA-ANALYSIS"]: 3}
    assert te.prerequisites == ("TE-01", "GB-03")
    assert (mg.values["area"], mg.values["hours"], mg.values["modality"]) == ("management", 1.5, "in_person")
    assert mg.raises == {comps["MGR-LEADERSHIP"]: 3, comps["mx-test:STATISTICS"]: 5}
    assert mg.prerequisites == ("TE-10", "gb-01")
    assert (gb.values["area"], gb.values["modality"], gb.values["provider"], gb.prerequisites) == (
        "good_government", "blended", "", ())
    assert gb.raises == {comps["DATA-ANALYSIS"]: 1}  # by its Spanish name, without accents
    assert score_course_header(read_workbook(path, ["Cursos"]).sheets["Cursos"]) > 0.5

    p = plan_courses(db, parsed)
    assert p.errors == [] and [c.status for c in p.courses] == ["new", "new", "new"]
    outcome = commit_courses(db, p, actor="ana")
    assert outcome.counts["courses_new"] == 3
    te10 = stored_course(db, "TE-10")
    assert te10["raises"] == {"mx-ddat:STATISTICS": 3, "mx-test:PLANNING": 2, "mx-ddat:DATA-ANALYSIS": 3}
    assert te10["prerequisites"] == ["GB-03", "TE-01"]
    assert stored_course(db, "MG-10")["prerequisites"] == ["GB-01", "TE-10"]  # gb-01: the stored course
    assert (te10["title_en"], te10["description_en"], te10["active"], te10["version"]) == ("", "", True, 1)
    # a catalogue import is history, not something to take back: undo refuses it and changes nothing
    with pytest.raises(InputError) as refused:
        undo_import(db, outcome.batch_id)
    assert "no se puede deshacer" in refused.value.problems[0].text("es")
    assert stored_course(db, "TE-10") == te10


def test_a_spanish_csv_in_windows_1252_with_semicolons(db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "catálogo.csv", [
        ("TE-20", "Diseño de encuestas", "Técnica", "Institución Ñandú", "12", "Virtual",
         "Estadistica aplicda:Intermedio", "TE-01"),  # a typo in the competency's name
        ("TE-21", "Análisis avanzado", "técnica", "", "16,5", "híbrida", "DATA-ANALYSIS:3; PLANNING:5", ""),
    ], header=("Clave del curso", "Título", "Área temática", "Institución", "Horas", "Modalidad",
               "Competencias que desarrolla", "Requisitos previos"))
    p = plan(db, path)
    assert p.errors == [], [e.text() for e in p.errors]
    assert [(c.code, c.status) for c in p.courses] == [("TE-20", "new"), ("TE-21", "new")]
    ((fuzzy,),) = [p.problems]
    assert (fuzzy.key, fuzzy.severity, fuzzy.row, fuzzy.column) == (
        "course.competency_fuzzy", "warning", 2, "Competencias que desarrolla")
    assert fuzzy.message("es") == ("«Estadistica aplicda» se lee como la competencia «Estadística aplicada» "
                                   "(mx-test:STATISTICS), con 97% de parecido")
    commit_courses(db, p)
    te20 = stored_course(db, "TE-20")
    assert (te20["title_es"], te20["provider"], te20["modality"], te20["hours"]) == (
        "Diseño de encuestas", "Institución Ñandú", "online", 12.0)
    assert te20["raises"] == {"mx-test:STATISTICS": 3}
    assert stored_course(db, "TE-21")["raises"] == {"mx-ddat:DATA-ANALYSIS": 3, "mx-test:PLANNING": 5}
    assert stored_course(db, "TE-21")["hours"] == 16.5


# -- validation --------------------------------------------------------------------------------------------------
def test_every_validation_error_is_located_in_english_and_spanish(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "errores.xlsx", [
        (None, "Sin clave", "Técnica", "X", 8, "En línea", None, None),  # row 5: missing code
        ("TE-30", "Bien", "Técnica", "X", 8, "En línea", "DATA-ANALYSIS:2", None),  # row 6: fine
        ("te-30", "Repetido", "Técnica", "X", 8, "En línea", None, None),  # row 7: duplicate code
        ("TE-31", "Cero horas", "Técnica", "X", 0, "En línea", None, None),  # row 8
        ("TE-32", "Horas raras", "Técnica", "X", "ocho", "En línea", None, None),  # row 9
        ("TE-33", "Área rara", "Deportes", "X", 8, "En línea", None, None),  # row 10
        ("TE-34", "Modalidad rara", "Técnica", "X", 8, "Por correo", None, None),  # row 11
        ("TE-35", "Competencia rara", "Técnica", "X", 8, "En línea", "ASTROLOGY:2", None),  # row 12
        ("TE-36", "Nivel fuera", "Técnica", "X", 8, "En línea", "DATA-ANALYSIS:7; PLANNING:1", None),  # row 13
        ("TE-37", "Nivel raro", "Técnica", "X", 8, "En línea", "DATA-ANALYSIS:muchísimo", None),  # row 14
        ("TE-38", "Código compartido", "Técnica", "X", 8, "En línea", "STATISTICS:2", None),  # row 15
        ("TE-39", "Sí mismo", "Técnica", "X", 8, "En línea", None, "TE-39, TE-30"),  # row 16
        ("TE-40", "Prerrequisito raro", "Técnica", "X", 8, "En línea", None, "ZZ-99"),  # row 17
        ("TE-41", "Ciclo A", "Técnica", "X", 8, "En línea", None, "TE-42"),  # row 18
        ("TE-42", "Ciclo B", "Técnica", "X", 8, "En línea", None, "TE-41"),  # row 19
        ("GB-01", "Ética", "Buen gobierno", "X", 8, "En línea", None, "TE-01"),  # row 20: cycle through the DB
    ])
    p = plan(db, path)
    found = {(e.key, e.row, e.column) for e in p.errors}
    assert found == {
        ("course.code_missing", 5, "Clave"),
        ("course.duplicate", 7, "Clave"),
        ("course.hours", 8, "Duración (h)"),
        ("course.hours", 9, "Duración (h)"),
        ("course.area_unknown", 10, "Área"),
        ("course.modality_unknown", 11, "Modalidad"),
        ("staff.competency_unknown", 12, "Competencias"),
        ("staff.level_range", 13, "Competencias"),
        ("course.raise_lowest", 13, "Competencias"),
        ("course.raise_level_word", 14, "Competencias"),
        ("staff.competency_ambiguous", 15, "Competencias"),
        ("course.prereq_self", 16, "Prerrequisitos"),
        ("crs.prereq_unknown", 17, "Prerrequisitos"),
        ("crs.cycle", 18, "Prerrequisitos"),
        ("crs.cycle", 19, "Prerrequisitos"),
        ("crs.cycle", 20, "Prerrequisitos"),
    }
    assert all(e.file == str(path) and e.sheet == "Cursos" for e in p.errors)
    status = {c.code: c.status for c in p.courses}
    assert status["TE-30"] == "new" and status["TE-39"] == "error" and status["GB-01"] == "error"
    assert sum(1 for s in status.values() if s == "error") == len(status) - 1

    def text(key: str, row: int, lang: str) -> str:
        return next(e.text(lang) for e in p.errors if e.key == key and e.row == row)

    assert text("course.duplicate", 7, "en") == (
        "errores.xlsx, sheet “Cursos”, row 7, column “Clave”: course code te-30 already appears in row 6")
    assert text("course.duplicate", 7, "es") == (
        "errores.xlsx, hoja «Cursos», fila 7, columna «Clave»: la clave del curso te-30 ya aparece en la fila 6")
    assert text("course.hours", 8, "en").endswith("hours must be a number greater than 0, not “0”")
    assert text("course.hours", 9, "es").endswith("las horas deben ser un número mayor que 0, no «ocho»")
    assert "“Deportes” is not recognised" in text("course.area_unknown", 10, "en")
    assert "el área «Deportes» no se reconoce" in text("course.area_unknown", 10, "es")
    assert "la modalidad «Por correo» no se reconoce" in text("course.modality_unknown", 11, "es")
    assert "«ASTROLOGY» no es una competencia" in text("staff.competency_unknown", 12, "es")
    assert text("staff.level_range", 13, "en").endswith("level 7 is outside the scale 0–4 of “Análisis de datos”")
    assert text("course.raise_lowest", 13, "es").endswith(
        "el nivel 1 es el más bajo de la escala de «PLANNING»: un curso no puede llevar una competencia a ese nivel")
    assert "level “muchísimo” of competency “DATA-ANALYSIS” is neither" in text("course.raise_level_word", 14, "en")
    assert "mx-ddat:STATISTICS, mx-test:STATISTICS" in text("staff.competency_ambiguous", 15, "es")
    assert text("course.prereq_self", 16, "es").endswith("el curso TE-39 se nombra a sí mismo como prerrequisito")
    assert text("crs.prereq_unknown", 17, "en").endswith(
        "prerequisite “ZZ-99” is neither a course of this file nor of the catalogue")
    assert text("crs.cycle", 18, "es").endswith("los prerrequisitos forman un ciclo: TE-41 → TE-42 → TE-41")
    assert text("crs.cycle", 20, "en").endswith("prerequisites form a cycle: GB-01 → TE-01 → GB-01")
    assert text("course.code_missing", 5, "es").endswith("fila 5, columna «Clave»: falta la clave del curso")

    with pytest.raises(InputError) as err:
        commit_courses(db, p)
    assert err.value.problems[0].key == "crs.has_errors"
    assert count(db, m.ImportBatch) == 0 and count(db, m.Course) == 3


def test_new_courses_need_a_title_an_area_hours_and_a_modality(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "horas.xlsx", [("TE-01", 24), ("TE-77", 10)], header=("Clave", "Horas"))
    p = plan(db, path)
    missing = sorted((e.row, str(e.params["field"])) for e in p.errors if e.key == "crs.new_missing")
    assert missing == [(6, "area"), (6, "modality"), (6, "title (English or Spanish)")]
    assert next(e for e in p.errors if e.key == "crs.new_missing").message("es").startswith(
        "el curso TE-77 es nuevo y necesita")
    # blank cells of a carried column are errors of their own
    path = write_book(tmp_path / "vacios.xlsx", [("TE-78", None, None, None, None, None, None, None)])
    keys = {(e.key, e.column) for e in plan(db, path).errors}
    assert keys == {("course.title_missing", "Nombre del curso"), ("course.area_missing", "Área"),
                    ("course.hours_missing", "Duración (h)"), ("course.modality_missing", "Modalidad")}


# -- the plan ----------------------------------------------------------------------------------------------------
def test_the_plan_lists_new_changed_and_unchanged_courses_field_by_field(db: Engine, tmp_path: Path) -> None:
    header = ("Code", "Title (English)", "Title (Spanish)", "Area", "Provider", "Hours", "Modality",
              "Competencies raised", "Prerequisites", "Active")
    path = write_book(tmp_path / "catalogue.xlsx", [
        ("GB-01", "Public ethics and integrity", "Ética pública e integridad", "Good government", "Campus", 8,
         "Online", "MGR-LEADERSHIP:1", "", "Yes"),  # as stored
        ("gb-03", "Transparency and access", "Transparencia", "Good government", "Campus", 10, "Online",
         "DS-INFO-SEARCH:2; DS-OPEN-CONTENT:1", "GB-01", "No"),  # five differences; the code written loosely
        ("TE-01", "Data analysis with Python", "Análisis de datos con Python", "Technical", "Campus", 20,
         "Blended", "DATA-ANALYSIS:2", "GB-01", None),  # as stored (a blank "active" keeps the stored state)
        ("TE-02", "Cloud", "Nube", "Technical", "AWS", 6, "Online", "", "TE-01", "Yes"),
    ], header=header, title=False, sheet="Catalogue")
    p = plan(db, path)
    assert p.errors == []
    assert [(c.code, c.status) for c in p.courses] == [("GB-01", "unchanged"), ("GB-03", "changed"),
                                                       ("TE-01", "unchanged"), ("TE-02", "new")]
    changes = {ch.field: (ch.old, ch.new) for ch in p.changed[0].changes}
    assert changes == {
        "title_en": ("Transparency", "Transparency and access"), "hours": (8.0, 10.0), "active": (True, False),
        "competencies": ("DS-INFO-SEARCH:1", "DS-INFO-SEARCH:2; DS-OPEN-CONTENT:1"),
        "prerequisites": ("", "GB-01"),
    }
    assert p.counts() == {"courses_read": 4, "courses_new": 1, "courses_changed": 1, "courses_unchanged": 2,
                          "courses_with_errors": 0, "not_in_file": 0, "errors": 0, "warnings": 0, "skipped_rows": 0}
    # a new code that only punctuation tells from a stored one is a warning (completion files match codes loosely)
    similar = write_book(tmp_path / "similar.xlsx", [("TE 01", "Otro", "Técnica", "X", 8, "En línea", None, None)])
    ((warning,),) = [plan(db, similar).problems]
    assert (warning.key, warning.severity, warning.row, warning.column) == ("crs.code_similar", "warning", 5, "Clave")
    assert warning.message("en").startswith("course code TE 01 is new, but it differs from the stored course TE-01")
    js = p.to_json("es")
    assert js["courses"][1]["changes"][0] == {"field": "title_en", "old": "Transparency",
                                              "new": "Transparency and access"}
    assert js["file"] == "catalogue.xlsx" and js["sheet"] == "Catalogue"

    before = stored_course(db, "GB-03")
    outcome = commit_courses(db, p, actor="ana")
    after = stored_course(db, "GB-03")
    assert (after["title_en"], after["hours"], after["active"], after["version"]) == (
        "Transparency and access", 10.0, False, before["version"] + 1)
    assert after["raises"] == {"mx-dsa:DS-INFO-SEARCH": 2, "mx-dsa:DS-OPEN-CONTENT": 1}
    assert after["prerequisites"] == ["GB-01"]
    assert stored_course(db, "GB-01")["version"] == 1  # unchanged courses are not written
    assert stored_course(db, "TE-02")["prerequisites"] == ["TE-01"]
    with db.connect() as conn:
        batch = conn.execute(select(m.ImportBatch)).one()
        changes_rows = conn.execute(select(m.ImportChange.entity_type, m.ImportChange.action, m.ImportChange.previous)
                                    .order_by(m.ImportChange.id)).all()
        audit = conn.execute(select(m.AuditLog).where(m.AuditLog.action == "import_courses")).one()
    assert (batch.id, batch.kind, batch.status, batch.imported_by, batch.file_name) == (
        outcome.batch_id, "courses", "done", "ana", "catalogue.xlsx")
    assert batch.counts["courses_new"] == 1 and batch.counts["courses_changed"] == 1
    assert [(t, a) for t, a, _ in changes_rows] == [("course", "created"), ("course", "updated")]
    assert changes_rows[1][2]["title_en"] == "Transparency" and changes_rows[1][2]["prerequisites"] == []
    assert (audit.action, audit.entity_type, audit.entity_id, audit.actor) == (
        "import_courses", "import_batch", outcome.batch_id, "ana")
    assert audit.details["new"] == ["TE-02"] and audit.details["changed"] == ["GB-03"]


def test_a_column_the_file_does_not_have_keeps_the_stored_value(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "horas.xlsx", [("TE-01", 24), ("GB-01", 8)], header=("Clave", "Horas"))
    p = plan(db, path)
    assert [(c.code, c.status, [ch.field for ch in c.changes]) for c in p.courses] == [
        ("TE-01", "changed", ["hours"]), ("GB-01", "unchanged", [])]
    assert p.not_in_file == ["GB-03"]  # kept, and reported
    commit_courses(db, p)
    te = stored_course(db, "TE-01")
    assert (te["hours"], te["title_es"], te["raises"], te["prerequisites"]) == (
        24.0, "Análisis de datos con Python", {"mx-ddat:DATA-ANALYSIS": 2}, ["GB-01"])
    assert count(db, m.Course) == 3


def test_a_second_sheet_of_course_competency_and_level_rows(db: Engine, tmp_path: Path) -> None:
    comps = comp_ids(db)
    path = write_book(tmp_path / "dos_hojas.xlsx", [
        ("TE-50", "Encuestas", "Técnica", "X", 8, "En línea", "PLANNING:3"),
        ("TE-51", "Modelos", "Técnica", "X", 8, "En línea", None),
        ("TE-52", "Sin competencias", "Técnica", "X", 8, "En línea", None),
    ], header=HEADER_ES[:7], extra={"Competencias por curso": [
        ("Competencias que desarrolla cada curso",),
        ("Clave del curso", "Competencia", "Nivel objetivo"),
        ("TE-50", "Análisis de datos", "Aplicación"),  # a level name of mx-ddat's scale
        ("TE-51", "mx-test:STATISTICS", 4),
        ("TE-51", "Planeación", "Experto"),
        ("TE-99", "PLANNING", 3),  # row 6: not a course of the course sheet
        ("TE-50", "PLANNING", 4),  # row 7: PLANNING already given in the course sheet
        ("TE-51", "DATA-ANALYSIS", None),  # row 8: no level
    ]})
    p = plan(db, path)
    assert p.parsed.raises_sheet == "Competencias por curso"
    assert {(e.key, e.sheet, e.row, e.column) for e in p.errors} == {
        ("course.raise_course_unknown", "Competencias por curso", 6, "Clave del curso"),
        ("course.raise_twice", "Competencias por curso", 7, "Competencia"),
        ("staff.level_missing", "Competencias por curso", 8, "Nivel objetivo"),
    }
    assert any(w.key == "course.raises_sheet" for w in p.problems if w.severity == "warning")
    assert [c.status for c in p.courses] == ["error", "error", "new"]
    te50, te51, te52 = p.parsed.courses
    assert te50.raises == {comps["PLANNING"]: 3, comps["DATA-ANALYSIS"]: 2}
    assert te51.raises == {comps["mx-test:STATISTICS"]: 4, comps["PLANNING"]: 5}
    assert te52.raises == {}  # carried: the course raises nothing
    # without the bad rows, the import goes through; "" switches the long sheet off
    fixed = write_book(tmp_path / "bien.xlsx", [("TE-50", "Encuestas", "Técnica", "X", 8, "En línea")],
                       header=HEADER_ES[:6], extra={"Niveles": [("Curso", "Competencia", "Nivel"),
                                                                ("TE-50", "Estadística aplicada", "Avanzado")]})
    assert plan(db, fixed, raises_sheet="").parsed.courses[0].raises is None
    commit_courses(db, plan(db, fixed))
    assert stored_course(db, "TE-50")["raises"] == {"mx-test:STATISTICS": 4}


# -- transactions ------------------------------------------------------------------------------------------------
def test_a_failing_commit_leaves_the_database_unchanged(db: Engine, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_book(tmp_path / "c.xlsx", [
        ("GB-03", "Transparencia y acceso", "Buen gobierno", "X", 10, "En línea", "DS-INFO-SEARCH:2", "GB-01"),
        ("TE-60", "Nuevo", "Técnica", "X", 8, "En línea", "PLANNING:3", "GB-03"),
    ])
    p = plan(db, path)
    assert p.errors == [] and len(p.new) == len(p.changed) == 1
    before = snapshot(db)
    real = svc._replace_prerequisites
    written: list[int] = []

    def failing(*args: Any) -> int:
        written.append(real(*args))  # the courses, their competencies and prerequisites are written: then it fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(svc, "_replace_prerequisites", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        commit_courses(db, p)
    assert written == [2]
    assert snapshot(db) == before


def test_a_cancelled_commit_leaves_nothing(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [(f"TE-7{k}", f"Curso {k}", "Técnica", "X", 8, "En línea", None, None)
                                            for k in range(6)])
    p = plan(db, path)
    before = snapshot(db)

    def report(done: int, _total: int, _message: str) -> None:
        if done >= 4:
            progress.cancel()

    progress = Progress(report, min_interval=0)
    with pytest.raises(Cancelled):
        commit_courses(db, p, progress=progress)
    assert snapshot(db) == before


def test_the_commit_checks_the_database_again(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("TE-61", "Nuevo", "Técnica", "X", 8, "En línea", None, "GB-03")])
    p = plan(db, path)
    assert p.errors == []
    with db.begin() as conn:  # someone deletes the prerequisite meanwhile
        conn.execute(m.Course.__table__.delete().where(m.Course.code == "GB-03"))
    with pytest.raises(InputError) as err:
        commit_courses(db, p)
    assert [q.key for q in err.value.problems] == ["crs.has_errors", "crs.prereq_unknown"]
    assert count(db, m.ImportBatch) == 0


def test_importing_what_is_stored_changes_nothing_and_is_refused(db: Engine, tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("GB-01", "Ética pública e integridad", "Buen gobierno", "Campus", 8,
                                             "En línea", "MGR-LEADERSHIP:1", "")])
    p = plan(db, path)
    assert [c.status for c in p.courses] == ["unchanged"]
    with pytest.raises(InputError) as err:
        commit_courses(db, p)
    assert err.value.problems[0].key == "crs.nothing_new"
    assert err.value.text("es").endswith("los cursos del archivo (1) ya están así en el catálogo")
    assert count(db, m.ImportBatch) == 0


# -- round trip --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "lang"), [("catalogue.xlsx", "en"), ("catalogo.csv", "es"),
                                            ("catalogo.xlsx", "es"), ("catalogue.csv", "en")])
def test_export_then_import_changes_nothing(frameworks: Engine, tmp_path: Path, name: str, lang: str) -> None:
    db = frameworks
    load_sample_catalogue(db)
    store_courses(db, [  # text a spreadsheet would take for a formula, a shared code, half hours, an inactive course
        ("=X-01", "technical", "=SUM(A1:A3)", "-Guion inicial", 1.5, "in_person",
         {"mx-test:STATISTICS": 5, "mx-ddat:STATISTICS": 4, "PLANNING": 2}, ["GB-01", "TE-01"]),
    ])
    with db.begin() as conn:
        conn.execute(m.Course.__table__.update().where(m.Course.code == "=X-01").values(
            active=False, description_es="Primera línea\nSegunda línea; con punto y coma", provider="@proveedor"))
    path = export_courses(db, tmp_path / name, lang=lang, user="ana")
    if name.endswith(".csv"):
        text = path.read_text(encoding="utf-8-sig")
        assert ("'=X-01" in text) and ("'=SUM(A1:A3)" in text) and ("'@proveedor" in text)
        assert text.splitlines()[0].count(";" if lang == "es" else ",") == 11
    p = plan(db, path)
    assert p.errors == [] and [w.key for w in p.problems] == []
    assert len(p.unchanged) == 84 and p.new == [] and p.changed == []
    x = next(c for c in p.parsed.courses if c.code == "=X-01")
    assert x.values["title_en"] == "=SUM(A1:A3)" and x.values["active"] is False
    assert x.values["description_es"] == "Primera línea\nSegunda línea; con punto y coma"
    assert "mx-ddat:STATISTICS:4" in _cell(db, "=X-01")
    with db.connect() as conn:
        assert conn.execute(select(m.AuditLog.action, m.AuditLog.actor, m.AuditLog.details).where(
            m.AuditLog.action != "import_framework")).all() == [
            ("export_courses", "ana", {"file": name, "courses": 84, "language": lang})]


def _cell(engine: Engine, code: str) -> str:
    row = next(r for r in svc.list_courses(engine) if r.code == code)
    return "; ".join(f"{x.code}:{x.level}" for x in row.raises)


def test_the_parser_needs_no_database(tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("TE-01", "Curso", "Técnica", "X", 8, "En línea", None, "TE-02")])
    data = read_workbook(path)
    parsed = parse_catalogue(data.sheets["Cursos"], str(path), [])
    assert [c.code for c in parsed.courses] == ["TE-01"] and parsed.courses[0].prerequisites == ("TE-02",)
    bad = parse_catalogue(data.sheets["Notas"], str(path), [])
    assert [p.key for p in bad.problems] == ["course.no_header"]
    assert bad.problems[0].message("es").startswith("no se encontró la fila de encabezados en las primeras 30 filas")


def test_columns_mapped_by_hand(tmp_path: Path) -> None:
    path = write_book(tmp_path / "c.xlsx", [("A-1", "Uno", "INAP", 3), ("A-2", "Dos", "INAP", 4)],
                      header=("Cve", "Denom.", "Proveedor", "Horas"), title=False)
    sheet = read_workbook(path).sheets["Cursos"]
    mapping = CatalogueMapping(fields={"code": "CVE", "title_es": "Denom.", "provider": ""})
    parsed = parse_catalogue(sheet, str(path), [], mapping=mapping)
    assert [(c.code, c.values) for c in parsed.courses] == [
        ("A-1", {"title_es": "Uno", "hours": 3.0}), ("A-2", {"title_es": "Dos", "hours": 4.0})]
    assert parsed.mapping.fields == {"code": "Cve", "title_es": "Denom.", "hours": "Horas", "provider": ""}
    assert [(p.key, p.severity, p.row) for p in parsed.problems] == [("staff.ignored_columns", "warning", 1)]
    assert parsed.problems[0].message("es") == "columnas que no se importan (sin asignar): «Proveedor»"
    assert CatalogueMapping.from_json(parsed.mapping.to_json()) == parsed.mapping
    wrong = parse_catalogue(sheet, str(path), [], mapping=CatalogueMapping(fields={"code": "Clave"}))
    assert [(p.key, p.severity) for p in wrong.problems] == [("staff.missing_columns", "error"),
                                                             ("staff.mapped_header_missing", "error")]
    assert wrong.courses == []


def test_scale_words_come_from_the_database(frameworks: Engine) -> None:
    scales = framework_scales(frameworks)
    assert scales["mx-test"]["basico"] == 2 and scales["mx-test"]["expert"] == 5
    assert scales["mx-ddat"]["dominio"] == 3 and scales["mx-ddat"]["practitioner"] == 3
    assert {r.framework_code for r in competency_refs(frameworks)} == {"mx-ddat", "mx-dsa", "mx-mgr", "mx-test"}
