"""The sample organisation generator and the HR workbook written from it.

Everything runs on small frameworks and courses built here, plus one test on the bundled files when they
are present. Sizes stay small so that the suite is fast; the full-scale timing lives outside the tests.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from skillmap.frameworks.model import (
    Category,
    Competency,
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    ScaleLevel,
    Text,
)
from skillmap.paths import bundled_framework_files, resource
from skillmap.sample import names
from skillmap.sample import workbook as wbmod
from skillmap.sample.catalogue import CourseRaise, CourseSpec
from skillmap.sample.generator import (
    FULL,
    SMALL,
    SOURCES,
    AssessmentColumns,
    SampleOrg,
    bundled_sample,
    generate,
    make_curp,
    make_rfc,
)
from skillmap.sample.workbook import (
    ASSESSMENT_HEADERS,
    STAFF_HEADERS,
    current_levels,
    wide_competencies,
    write_hr_workbook,
)

AS_OF = date(2026, 10, 31)
N_STAFF, N_AGENCIES = 500, 8
CURP_RE = re.compile(r"^[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$")
RFC_RE = re.compile(r"^[A-Z]{4}\d{6}[1-9A-NP-Z]{2}[\dA]$")
EMAIL_RE = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+)+@[a-z0-9]+\.gob\.mx$")
SOURCE = {name: i for i, name in enumerate(SOURCES)}


# -- test frameworks and courses --------------------------------------------------------------------
def _scale() -> list[ScaleLevel]:
    labels = ("Ninguno", "Básico", "Intermedio", "Avanzado", "Experto")
    return [ScaleLevel(i, f"l{i}", Text(f"Level {i}", label)) for i, label in enumerate(labels)]


def _comp(code: str) -> Competency:
    return Competency(code, Text(f"{code} (en)", f"Competencia {code}"))


def _ladder(code: str, seniorities: range, comps: list[str], base: int) -> list[RoleLevel]:
    return [
        RoleLevel(f"{code}-{s}", s, Text(f"{code} {s}", f"{code} {s}"),
                  [Requirement(c, min(4, base + s - 1 - (k % 2))) for k, c in enumerate(comps)])
        for s in seniorities
    ]


def make_frameworks(n_tech: int = 33) -> list[Framework]:
    mgr_codes = ["MGR-VISION", "MGR-LEADERSHIP", "MGR-RESULTS", "MGR-TEAM", "MGR-NEGOTIATION"]
    mgr = Framework(
        "mx-mgr", "1.0", Text("Managerial", "Gerenciales"), scale=_scale(),
        categories=[Category("MGR", Text("Managerial", "Gerenciales"),
                             competencies=[_comp(c) for c in mgr_codes])],
        role_families=[RoleFamily("MANAGEMENT", Text("Management", "Mando"))],
        roles=[Role("manager", "MANAGEMENT", Text("Manager", "Mando"), levels=[
            RoleLevel(f"mgr-{s}", s, Text(f"Manager {s}", f"Mando {s}"),
                      [Requirement(c, min(4, 1 + (s + k) // 2)) for k, c in enumerate(mgr_codes)])
            for s in range(1, 6)
        ])],
    )
    ds_codes = ["DS-INFO", "DS-DATA", "DS-COLLAB", "DS-SAFETY"]
    dsa = Framework(
        "mx-dsa", "1.0", Text("Digital skills", "Habilidades digitales"), scale=_scale(),
        categories=[Category("DS", Text("Digital", "Digitales"), competencies=[_comp(c) for c in ds_codes])],
        role_families=[RoleFamily("ALL", Text("All", "Todas"))],
        roles=[Role("public-servant", "ALL", Text("Public servant", "Persona servidora pública"), levels=[
            RoleLevel(f"dsa-{s}", s, Text(f"DSA {s}", f"DSA {s}"), [Requirement(c, s) for c in ds_codes])
            for s in range(1, 4)
        ])],
    )
    tech = [f"T{i:02d}" for i in range(1, n_tech + 1)]
    third = max(1, n_tech // 3)
    ddat = Framework(
        "mx-ddat", "1.0", Text("Digital, data and technology", "Digital, datos y tecnología"), scale=_scale(),
        categories=[
            Category("DATA", Text("Data", "Datos"), competencies=[_comp(c) for c in tech[:third]]),
            Category("TECH", Text("Technology", "Tecnología"), competencies=[_comp(c) for c in tech[third:]]),
        ],
        role_families=[RoleFamily("DATA", Text("Data", "Datos")),
                       RoleFamily("TECH", Text("Tech", "Tecnología")),
                       RoleFamily("LEADERSHIP", Text("Leadership", "Liderazgo"))],
        roles=[
            Role("data-scientist", "DATA", Text("Data scientist", "Científica(o) de datos"),
                 levels=_ladder("data-scientist", range(1, 5), tech[0:6], 2)),
            Role("data-analyst", "DATA", Text("Data analyst", "Analista de datos"),
                 levels=_ladder("data-analyst", range(1, 5), tech[2:8], 1)),
            Role("software-developer", "TECH", Text("Developer", "Desarrollo"),
                 levels=_ladder("software-developer", range(1, 5), tech[third : third + 7], 2)),
            Role("cyber-security-analyst", "TECH", Text("Security", "Ciberseguridad"),
                 levels=_ladder("cyber-security-analyst", range(1, 5), tech[-8:-2], 2)),
            Role("digital-transformation-officer", "LEADERSHIP", Text("DTO", "Transformación digital"),
                 levels=_ladder("digital-transformation-officer", range(2, 5), tech[-4:] + tech[:2], 2)),
        ],
    )
    return [ddat, dsa, mgr]


def _course(code: str, area: str, raises: list[tuple[str, int]],
            prereqs: list[str] | None = None) -> CourseSpec:
    return CourseSpec(code, area, Text(f"Course {code}", f"Curso {code}"), Text(), "Proveedor de prueba", 8.0,
                      "online", [CourseRaise(c, lv) for c, lv in raises], prereqs or [])


def make_courses() -> list[CourseSpec]:
    return [
        _course("GB-01", "good_government", [("DS-INFO", 1), ("DS-SAFETY", 2)]),
        _course("GB-02", "good_government", [("DS-COLLAB", 2)], ["GB-01"]),
        _course("MG-01", "management", [("MGR-LEADERSHIP", 2)]),
        _course("MG-02", "management", [("MGR-VISION", 3), ("MGR-TEAM", 3)], ["MG-01"]),
        _course("MG-03", "management", [("MGR-NEGOTIATION", 4)], ["MG-02", "GB-01"]),
        _course("TE-01", "technical", [("T01", 2), ("DS-DATA", 2)]),
        _course("TE-02", "technical", [("T01", 3)], ["TE-01"]),
        _course("TE-03", "technical", [("T12", 3), ("T13", 2)], ["TE-02"]),
        _course("TE-04", "technical", [("NOT-A-COMPETENCY", 2)]),
    ]


@pytest.fixture(scope="module")
def frameworks() -> list[Framework]:
    return make_frameworks()


@pytest.fixture(scope="module")
def courses() -> list[CourseSpec]:
    return make_courses()


@pytest.fixture(scope="module")
def org(frameworks: list[Framework], courses: list[CourseSpec]) -> SampleOrg:
    return generate(frameworks, courses, n_staff=N_STAFF, n_agencies=N_AGENCIES, seed=7, as_of=AS_OF)


@pytest.fixture(scope="module")
def idx(org: SampleOrg) -> dict[str, int]:
    return org.staff_index()


def _curp_check(first17: str) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
    total = sum(alphabet.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def _years_between(earlier: date, later: date) -> int:
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


# -- determinism ------------------------------------------------------------------------------------
def test_same_seed_same_organisation(frameworks: list[Framework], courses: list[CourseSpec],
                                     org: SampleOrg) -> None:
    again = generate(frameworks, courses, n_staff=N_STAFF, n_agencies=N_AGENCIES, seed=7, as_of=AS_OF)
    assert again.staff == org.staff
    assert again.units == org.units
    assert again.agencies == org.agencies
    assert again.assessments.equals(org.assessments)
    assert again.completions.equals(org.completions)
    assert again.certification_attempts == org.certification_attempts


def test_other_seed_other_organisation(frameworks: list[Framework], courses: list[CourseSpec],
                                       org: SampleOrg) -> None:
    other = generate(frameworks, courses, n_staff=N_STAFF, n_agencies=N_AGENCIES, seed=8, as_of=AS_OF)
    assert [s.curp for s in other.staff] != [s.curp for s in org.staff]
    assert not other.assessments.equals(org.assessments)


# -- agencies, units and sizes ----------------------------------------------------------------------
def test_agency_list_and_sizes(org: SampleOrg) -> None:
    assert len(names.AGENCIES) >= 85
    assert len({a[0] for a in names.AGENCIES}) == len(names.AGENCIES)
    assert SMALL == (500, 8) and FULL == (47_700, 85)
    assert [a.code for a in org.agencies] == [a[0] for a in names.AGENCIES[:N_AGENCIES]]
    assert all(a[3] == "secretaria" for a in names.AGENCIES[:8])
    assert len(org.staff) == N_STAFF
    sizes = Counter(s.agency_code for s in org.staff)
    ordered = [sizes[a.code] for a in org.agencies]
    assert ordered == sorted(ordered, reverse=True)  # the big secretarías first, heavy tail after
    assert ordered[0] >= 2 * ordered[-1]


def test_unit_trees(org: SampleOrg) -> None:
    by_code = {u.code: u for u in org.units}
    assert len(by_code) == len(org.units)
    for agency in org.agencies:
        roots = [u for u in org.units if u.agency_code == agency.code and u.parent_code is None]
        assert len(roots) == 1 and roots[0].level == 1
    for u in org.units:
        if u.parent_code is not None:
            parent = by_code[u.parent_code]
            assert parent.agency_code == u.agency_code
            assert u.level == parent.level + 1
    unit_names = {u.name for u in org.units}
    assert "Dirección General de Tecnologías de la Información" in unit_names
    assert "Unidad de Administración y Finanzas" in unit_names
    assert "Órgano Interno de Control" in unit_names
    assert any(u.level == 3 and u.name.startswith("Dirección de") for u in org.units)
    # bigger agencies have more units
    per_agency = Counter(u.agency_code for u in org.units)
    assert per_agency[org.agencies[0].code] > per_agency[org.agencies[-1].code]


def test_bad_arguments(frameworks: list[Framework], courses: list[CourseSpec]) -> None:
    with pytest.raises(ValueError):
        generate(frameworks, courses, n_staff=10_000, n_agencies=len(names.AGENCIES) + 1)
    with pytest.raises(ValueError):
        generate(frameworks, courses, n_staff=30, n_agencies=5)


# -- people -----------------------------------------------------------------------------------------
def test_curp_shape_and_check_digit(org: SampleOrg) -> None:
    curps = [s.curp for s in org.staff]
    assert len(set(curps)) == len(curps)
    for s in org.staff:
        assert CURP_RE.match(s.curp), s.curp
        assert s.curp[-1] == _curp_check(s.curp[:17])
        assert s.curp[4:10] == s.birth_date.strftime("%y%m%d")
        assert s.curp[10] == s.sex
        assert s.curp[16].isdigit() == (s.birth_date.year < 2000)


def test_curp_and_rfc_of_published_examples() -> None:
    # the example of RENAPO's instructions and the SAT's example RFC
    gloria = make_curp("Gloria", "Hernández", "García", date(1956, 4, 27), "M", "VZ", "0")
    assert gloria == "HEGG560427MVZRRL04"
    assert make_rfc("Emma", "Gómez", "Díaz", date(1956, 12, 31)) == "GODE561231GR8"
    # compound first names, particles, Ñ and a single surname
    assert make_curp("María Fernanda", "de la Cruz", "Muñoz", date(2001, 2, 3), "M", "DF", "A")[:4] == "CUMF"
    assert make_curp("José Luis", "Peña", None, date(1980, 2, 3), "H", "DF", "0")[:4] == "PEXL"
    assert make_curp("José Luis", "Peña", None, date(1980, 2, 3), "H", "DF", "0")[13:16] == "XXS"


def test_rfc_emails_and_numbers_unique(org: SampleOrg) -> None:
    domains = {a.code: a.short_name for a in org.agencies}
    for s in org.staff:
        assert RFC_RE.match(s.rfc), s.rfc
        assert s.rfc[4:10] == s.curp[4:10]
        assert EMAIL_RE.match(s.email), s.email
        assert s.email.endswith(f"@{domains[s.agency_code]}.gob.mx")
    for attr in ("employee_number", "email", "rfc"):
        values = [getattr(s, attr) for s in org.staff]
        assert len(set(values)) == len(values), attr


def test_names_look_mexican(org: SampleOrg) -> None:
    single = sum(s.second_surname is None for s in org.staff)
    assert 0 < single < 0.08 * len(org.staff)
    assert any(" " in s.given_names for s in org.staff)  # compound given names
    assert {s.sex for s in org.staff} == {"H", "M"}
    female_titles = ("Directora", "Subdirectora", "Jefa ")
    for s in org.staff:
        if s.position_title.startswith(female_titles):
            assert s.sex == "M", s.position_title


def test_dates_are_plausible(org: SampleOrg) -> None:
    for s in org.staff:
        assert 22 <= _years_between(s.birth_date, AS_OF) <= 67, s.birth_date
        assert _years_between(s.birth_date, s.hire_date) >= 18
        assert s.hire_date < AS_OF


def test_managers_exist_and_form_a_forest(org: SampleOrg, idx: dict[str, int]) -> None:
    units = {u.code: u for u in org.units}
    roots = 0
    for s in org.staff:
        if s.manager_employee_number is None:
            roots += 1
            assert units[s.unit_code].level == 1
            continue
        boss = org.staff[idx[s.manager_employee_number]]
        assert boss.employee_number != s.employee_number
        assert boss.agency_code == s.agency_code
        assert boss.unit_code in (s.unit_code, units[s.unit_code].parent_code)
    assert roots == len(org.agencies)
    for start in org.staff:  # following managers always ends, at the head of the agency
        seen: set[str] = set()
        s = start
        while s.manager_employee_number is not None:
            assert s.employee_number not in seen
            seen.add(s.employee_number)
            s = org.staff[idx[s.manager_employee_number]]


def test_roles_grades_and_pyramid(org: SampleOrg, frameworks: list[Framework]) -> None:
    levels = {(fw.code, lv.code) for fw in frameworks for _, lv in fw.role_levels()}
    letter = {"mgr-1": "O", "mgr-2": "N", "mgr-3": "M", "mgr-4": "L", "mgr-5": "K"}
    for s in org.staff:
        assert (s.framework_code, s.role_code) in levels
        assert re.match(r"^[PONMLK][1-3][1-3]$", s.grade), s.grade
        if s.framework_code == "mx-mgr":
            assert s.grade[0] == letter[s.role_code]
        elif s.framework_code == "mx-dsa":
            assert s.grade[0] == "P"
    share = Counter(s.framework_code for s in org.staff)
    assert 0.15 <= share["mx-ddat"] / len(org.staff) <= 0.35
    assert share["mx-mgr"] > share["mx-dsa"] > 0
    roles = Counter(s.role_code for s in org.staff)
    assert roles["mgr-1"] > roles["mgr-2"] > roles["mgr-3"]
    # one head (mgr-5) per DG-level unit, and no other
    heads = Counter(s.unit_code for s in org.staff if s.role_code == "mgr-5")
    assert heads == Counter(u.code for u in org.units if u.level <= 2)
    # digital staff mostly work in the digital units
    units = {u.code: u for u in org.units}

    def top(code: str) -> str:
        u = units[code]
        return u.name if u.level <= 2 else units[u.parent_code or ""].name

    digital = [s for s in org.staff if s.framework_code == "mx-ddat"]
    in_ti = sum("Tecnologías" in top(s.unit_code) or "Datos" in top(s.unit_code)
                or "Digital" in top(s.unit_code) or "Inteligencia" in top(s.unit_code)
                or "Información" in top(s.unit_code) or "Estadística" in top(s.unit_code) for s in digital)
    assert in_ti >= 0.6 * len(digital)
    assert any(re.match(r"^(Subdirector|Subdirectora) de ", s.position_title) for s in digital)


# -- assessments ------------------------------------------------------------------------------------
def test_assessment_columns(org: SampleOrg, frameworks: list[Framework]) -> None:
    a = org.assessments
    n = len(a)
    assert n > 10 * len(org.staff)
    for name, dtype in (("staff_idx", np.int32), ("comp_idx", np.int32), ("level", np.int8),
                        ("source", np.int8), ("assessor_idx", np.int32), ("validated", np.bool_)):
        column = getattr(a, name)
        assert column.dtype == dtype and column.shape == (n,), name
    assert a.assessed_on.dtype == np.dtype("datetime64[D]")
    assert org.competencies == [(fw.code, c.code) for fw in frameworks for c in fw.competencies()]
    scale = {fw.code: fw.scale_range for fw in frameworks}
    lo = np.array([scale[fw][0] for fw, _ in org.competencies])
    hi = np.array([scale[fw][1] for fw, _ in org.competencies])
    assert ((a.level >= lo[a.comp_idx]) & (a.level <= hi[a.comp_idx])).all()
    assert set(np.unique(a.source).tolist()) == set(range(len(SOURCES)))
    assert np.array_equal(a.validated, a.source != SOURCE["self"])


def test_assessment_dates_and_assessors(org: SampleOrg, idx: dict[str, int]) -> None:
    a = org.assessments
    as_of = np.datetime64(AS_OF)
    assert (a.assessed_on < as_of).all()
    assert (a.assessed_on >= np.datetime64(date(AS_OF.year - 6, AS_OF.month, AS_OF.day))).all()
    hire = np.array([s.hire_date for s in org.staff], dtype="datetime64[D]")
    assert (a.assessed_on >= hire[a.staff_idx]).all()
    manager = np.array([idx[s.manager_employee_number] if s.manager_employee_number else -1
                        for s in org.staff])
    by_manager = a.source == SOURCE["manager"]
    assert np.array_equal(a.assessor_idx[by_manager], manager[a.staff_idx[by_manager]])
    assert (a.assessor_idx[~by_manager] == -1).all()


def test_who_is_assessed_in_what(org: SampleOrg, frameworks: list[Framework]) -> None:
    a = org.assessments
    fw_of = np.array([fw for fw, _ in org.competencies])
    role_fw = np.array([s.framework_code for s in org.staff])
    # everyone in the all-staff digital skills, most cells known, some not
    dsa_comps = np.nonzero(fw_of == "mx-dsa")[0]
    known = np.zeros((len(org.staff), len(org.competencies)), dtype=bool)
    known[a.staff_idx, a.comp_idx] = True
    coverage = known[:, dsa_comps].mean()
    assert 0.75 <= coverage <= 0.95
    # managerial competencies only for managers (apart from courses anyone may take)
    not_course = a.source != SOURCE["course"]
    mgr_rows = not_course & (fw_of[a.comp_idx] == "mx-mgr")
    assert (role_fw[a.staff_idx[mgr_rows]] == "mx-mgr").all()
    # digital staff in what their role requires (plus a few neighbours), nobody else
    ddat_rows = not_course & (fw_of[a.comp_idx] == "mx-ddat")
    assert (role_fw[a.staff_idx[ddat_rows]] == "mx-ddat").all()
    # histories: several assessments of the same cell over time
    cells = a.staff_idx.astype(np.int64) * len(org.competencies) + a.comp_idx
    _, counts = np.unique(cells, return_counts=True)
    assert (counts >= 2).mean() > 0.2 and (counts >= 3).any()


def test_levels_sit_around_the_requirement(org: SampleOrg, frameworks: list[Framework]) -> None:
    comp = {c: i for i, c in enumerate(org.competencies)}
    required = {(fw.code, lv.code): [(comp[(fw.code, q.competency)], q.level) for q in lv.requirements]
                for fw in frameworks for _, lv in fw.role_levels()}
    current = current_levels(org)
    diffs = []
    unknown = total = 0
    for i, s in enumerate(org.staff):
        for ci, level in required[(s.framework_code, s.role_code)]:
            total += 1
            if np.isnan(current[i, ci]):
                unknown += 1
            else:
                diffs.append(current[i, ci] - level)
    d = np.array(diffs)
    assert -0.8 < d.mean() < 0.0  # slightly behind on average
    assert (d > 0).mean() > 0.05 and (d < 0).mean() > 0.25 and d.std() > 0.5
    assert 0.05 < unknown / total < 0.35


def test_current_levels_rule(org: SampleOrg) -> None:
    day = np.datetime64("2025-01-10")
    s = SOURCE
    rows = [  # (staff, comp, level, source, date)
        (0, 0, 1, s["manager"], day - 100),
        (0, 0, 3, s["self"], day),  # self-assessment never counts
        (0, 1, 2, s["test"], day),
        (0, 1, 4, s["certification"], day),  # same day: certification beats test
        (0, 1, 1, s["course"], day),
        (0, 2, 2, s["course"], day),
        (0, 2, 3, s["manager"], day),  # manager beats course
        (0, 3, 1, s["manager"], day),
        (0, 3, 2, s["manager"], day),  # same source, same day: the later row
        (1, 0, 4, s["self"], day),  # only self: unknown
    ]
    cols = list(zip(*rows, strict=True))
    assessments = AssessmentColumns(
        staff_idx=np.array(cols[0], dtype=np.int32),
        comp_idx=np.array(cols[1], dtype=np.int32),
        level=np.array(cols[2], dtype=np.int8),
        source=np.array(cols[3], dtype=np.int8),
        assessed_on=np.array(cols[4], dtype="datetime64[D]"),
        assessor_idx=np.full(len(rows), -1, dtype=np.int32),
        validated=np.array(cols[3]) != s["self"],
    )
    tiny = dataclasses.replace(org, assessments=assessments)
    current = current_levels(tiny)
    assert current.shape == (len(org.staff), len(org.competencies))
    assert current[0, :4].tolist() == [1, 4, 3, 2]
    assert np.isnan(current[1, 0]) and np.isnan(current[2:]).all()


# -- courses and certifications ---------------------------------------------------------------------
def test_completions_respect_prerequisites(org: SampleOrg, courses: list[CourseSpec]) -> None:
    c = org.completions
    assert len(c) > len(org.staff)
    assert c.staff_idx.dtype == np.int32 and c.course_idx.dtype == np.int32
    assert c.completed_on.dtype == np.dtype("datetime64[D]") and c.score.dtype == np.float32
    assert np.array_equal(c.passed, c.score >= 70)
    assert ((c.score >= 0) & (c.score <= 100)).all()
    assert (c.completed_on < np.datetime64(AS_OF)).all()
    passed_on: dict[tuple[int, str], np.datetime64] = {}
    for s, k, d, ok in zip(c.staff_idx.tolist(), c.course_idx.tolist(), c.completed_on, c.passed.tolist(),
                           strict=True):
        if ok:
            passed_on.setdefault((s, courses[k].code), d)
    checked = 0
    for s, k, d in zip(c.staff_idx.tolist(), c.course_idx.tolist(), c.completed_on, strict=True):
        for pre in courses[k].prerequisites:
            assert (s, pre) in passed_on, (s, courses[k].code, pre)
            assert passed_on[(s, pre)] < d
            checked += 1
    assert checked > 0
    # courses show up as assessments only for competencies of the frameworks
    a = org.assessments
    assert (a.source == SOURCE["course"]).sum() > 0


def test_certifications(org: SampleOrg, idx: dict[str, int]) -> None:
    programs = org.certification_programs
    mgr_comps = [c for c in org.competencies if c[0] == "mx-mgr"]
    assert [p.competencies[0] for p in programs] == mgr_comps
    assert all(p.validity_years == 5 and p.max_attempts == 2 for p in programs)
    assert all(p.name.es.startswith("Certificación en ") for p in programs)
    codes = {p.code for p in programs}
    attempts = org.certification_attempts
    by_key: dict[tuple[str, str], list] = {}
    for t in attempts:
        assert t.program_code in codes
        assert org.staff[idx[t.employee_number]].framework_code == "mx-mgr"
        assert t.taken_on < AS_OF
        assert (t.valid_until is not None) == t.passed
        if t.valid_until is not None:
            assert t.valid_until.year == t.taken_on.year + 5
        by_key.setdefault((t.employee_number, t.program_code), []).append(t)
    for tries in by_key.values():
        assert [t.attempt_no for t in tries] in ([1], [1, 2])
        if len(tries) == 2:
            assert not tries[0].passed and tries[0].taken_on < tries[1].taken_on
    assert any(len(t) == 2 and t[1].passed for t in by_key.values())  # failed once, then passed
    assert any(len(t) == 2 and not t[1].passed for t in by_key.values())  # failed twice
    assert any(t.valid_until is not None and t.valid_until < AS_OF for t in attempts)  # overdue
    assert any(t.valid_until is not None and t.valid_until >= AS_OF for t in attempts)
    # each passed attempt is a certification assessment
    a = org.assessments
    assert (a.source == SOURCE["certification"]).sum() == sum(t.passed for t in attempts)


# -- generic frameworks -----------------------------------------------------------------------------
def test_other_frameworks_work_generically(courses: list[CourseSpec]) -> None:
    ddat = make_frameworks(n_tech=12)[0]
    ddat.code = "acme-skills"
    org = generate([ddat], courses, n_staff=120, n_agencies=2, seed=1)
    levels = {lv.code for _, lv in ddat.role_levels()}
    assert len(org.staff) == 120
    assert {s.framework_code for s in org.staff} == {"acme-skills", None}
    assert all(s.role_code in levels for s in org.staff if s.role_code is not None)
    assert len(org.assessments) > 0 and org.certification_programs == []
    assert wide_competencies(org, [ddat]) == list(range(12))


# -- the workbook -----------------------------------------------------------------------------------
def _as_date(value: object) -> date:
    assert isinstance(value, datetime), value
    return value.date()


def test_hr_workbook(org: SampleOrg, frameworks: list[Framework], tmp_path: Path) -> None:
    path = write_hr_workbook(org, frameworks, tmp_path / "plantilla.xlsx")
    assert path.exists() and not (tmp_path / "plantilla_evaluaciones.csv").exists()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Plantilla", "Competencias", "Evaluaciones", "Cursos", "Constancias"]

    ws = wb["Plantilla"]
    assert ws["A1"].value == "Dirección General de Recursos Humanos — Plantilla de personal"
    assert ws["A2"].value == "Fecha de corte: 31/10/2026"
    assert all(c.value is None for c in ws[3])
    assert tuple(c.value for c in ws[4]) == STAFF_HEADERS
    n = len(org.staff)
    assert ws.max_row == 4 + n + 1
    assert ws.cell(row=4 + n + 1, column=1).value == f"Total de registros: {n}"
    first = org.staff[0]
    row = [c for c in ws[5]]
    assert row[0].value == first.employee_number and row[1].value == first.curp
    assert _as_date(row[10].value) == first.birth_date and row[10].number_format == "dd/mm/yyyy"
    assert _as_date(row[11].value) == first.hire_date
    assert row[13].value is None  # the head of the first agency has no manager
    s = org.staff[-1]
    last = [c.value for c in ws[4 + n]]
    assert last[0] == s.employee_number and last[12] == s.email and last[13] == s.manager_employee_number
    assert last[5] == s.second_surname and last[8] == s.position_title and last[9] == s.grade

    ws = wb["Competencias"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Núm. Empleado", "Nombre completo"]
    assert len(header) == 2 + 40
    columns = wide_competencies(org, frameworks)
    assert len(columns) == 40
    fw_of = [org.competencies[i][0] for i in columns]
    assert fw_of.count("mx-mgr") == 5 and fw_of.count("mx-dsa") == 4
    assert header[2] == "Competencia MGR-VISION"
    current = current_levels(org)
    for r, values in enumerate(ws.iter_rows(min_row=2, max_row=6, values_only=True)):
        assert values[0] == org.staff[r].employee_number
        expected = [None if np.isnan(v) else int(v) for v in current[r, columns]]
        assert list(values[2:]) == expected
    assert ws.max_row == n + 1

    ws = wb["Evaluaciones"]
    assert tuple(c.value for c in ws[1]) == ASSESSMENT_HEADERS
    assert ws.max_row == len(org.assessments) + 1
    second = [c.value for c in ws[2]]
    assert second[3] in {"Autoevaluación", "Jefe inmediato", "Examen", "Certificación", "Curso"}
    assert isinstance(second[4], datetime)

    ws = wb["Cursos"]
    assert [c.value for c in ws[1]] == ["Clave", "Curso", "Área", "Proveedor", "Horas", "Modalidad",
                                        "Prerrequisitos"]
    assert ws.max_row == len(org.courses) + 1
    assert ws["G3"].value == "GB-01"

    ws = wb["Constancias"]
    assert [c.value for c in ws[1]] == ["Núm. Empleado", "Clave del curso", "Fecha de conclusión",
                                        "Resultado", "Calificación"]
    assert ws.max_row == len(org.completions) + 1
    values = [c.value for c in ws[2]]
    assert isinstance(values[2], datetime) and values[3] in ("Aprobado", "No aprobado")


def test_long_history_goes_to_csv(org: SampleOrg, frameworks: list[Framework], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wbmod, "EXCEL_MAX_ROWS", 1000)
    path = write_hr_workbook(org, frameworks, tmp_path / "rh.xlsx")
    csv_path = tmp_path / "rh_evaluaciones.csv"
    assert csv_path.exists()
    assert "Evaluaciones" not in openpyxl.load_workbook(path, read_only=True).sheetnames
    raw = csv_path.read_bytes()
    assert b"\r\n" in raw and "Autoevaluación".encode("cp1252") in raw
    with csv_path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert tuple(rows[0]) == ASSESSMENT_HEADERS
    assert len(rows) == len(org.assessments) + 1
    a = org.assessments
    first = rows[1]
    assert first[0] == org.staff[int(a.staff_idx[0])].employee_number
    assert re.match(r"^\d{2}/\d{2}/\d{4}$", first[4])
    assert datetime.strptime(first[4], "%d/%m/%Y").date() == a.assessed_on[0].astype(object)
    assert first[1] == org.competencies[int(a.comp_idx[0])][1] and first[2] == str(int(a.level[0]))


# -- the bundled frameworks -------------------------------------------------------------------------
@pytest.mark.skipif(
    not bundled_framework_files() or not resource("sample", "courses.yaml").exists(),
    reason="bundled frameworks or course catalogue not present",
)
def test_bundled_sample(tmp_path: Path) -> None:
    org = bundled_sample(n_staff=240, n_agencies=3, seed=3)
    assert len(org.staff) == 240
    fws = {s.framework_code for s in org.staff}
    assert fws == {"mx-mgr", "mx-dsa", "mx-ddat"}
    assert {c[0] for c in org.competencies} >= {"mx-mgr", "mx-dsa", "mx-ddat"}
    ddat = [s for s in org.staff if s.framework_code == "mx-ddat"]
    assert all(re.match(r"^[a-z-]+-[1-4]$", s.role_code or "") for s in ddat)
    from skillmap.frameworks.fileformat import load_framework

    frameworks = [load_framework(p) for p in bundled_framework_files()]
    assert len(wide_competencies(org, frameworks)) == min(40, len(org.competencies))
    write_hr_workbook(org, frameworks, tmp_path / "bundled.xlsx")


def test_hire_before_assessments_and_window(org: SampleOrg) -> None:
    c = org.completions
    hire = np.array([s.hire_date for s in org.staff], dtype="datetime64[D]")
    assert (c.completed_on >= hire[c.staff_idx]).all()
    six_years = np.datetime64(AS_OF) - np.timedelta64(6 * 366, "D")
    assert (c.completed_on >= six_years).all()
    assert min(t.taken_on for t in org.certification_attempts) >= AS_OF - timedelta(days=6 * 366)
