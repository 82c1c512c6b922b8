"""The sample organisation as the workbook an HR office would hand over (Spanish headers, real dates).

:func:`write_hr_workbook` writes, with xlsxwriter in constant-memory mode:

* **Plantilla** – a title block, one row per person and a "Total de registros" footer;
* **Competencias** – one row per person and one column per competency (at most 40), holding the current
  level by :func:`current_levels`;
* **Evaluaciones** – the assessment history, long format; when it does not fit in a sheet it goes to a
  sibling ``<stem>_evaluaciones.csv`` written as Spanish-locale Excel does (``;``, Windows-1252,
  ``dd/mm/yyyy``);
* **Cursos** – the course catalogue; **Constancias** – course completions.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import numpy as np
import xlsxwriter

from skillmap.frameworks.model import Framework
from skillmap.sample.generator import (
    CERTIFICATION,
    COURSE,
    DSA_FRAMEWORK,
    MANAGER,
    MGR_FRAMEWORK,
    SELF,
    SOURCES,
    TEST,
    SampleOrg,
    UnitRow,
)

EXCEL_MAX_ROWS = 1_048_576
WIDE_COLUMNS = 40
DATE_FORMAT = "dd/mm/yyyy"

TITLE = "Dirección General de Recursos Humanos — Plantilla de personal"
STAFF_HEADERS = (
    "Núm. Empleado", "CURP", "RFC", "Nombre(s)", "Apellido paterno", "Apellido materno", "Dependencia",
    "Unidad administrativa", "Puesto", "Nivel", "Fecha de nacimiento", "Fecha de ingreso",
    "Correo electrónico", "Núm. Empleado jefe inmediato",
)
ASSESSMENT_HEADERS = ("Núm. Empleado", "Competencia", "Nivel", "Fuente", "Fecha", "Evaluador")
COURSE_HEADERS = ("Clave", "Curso", "Área", "Proveedor", "Horas", "Modalidad", "Prerrequisitos")
COMPLETION_HEADERS = ("Núm. Empleado", "Clave del curso", "Fecha de conclusión", "Resultado", "Calificación")

SOURCE_LABELS_ES: dict[str, str] = {
    "self": "Autoevaluación",
    "manager": "Jefe inmediato",
    "test": "Examen",
    "certification": "Certificación",
    "course": "Curso",
}
AREA_LABELS_ES = {"good_government": "Buen gobierno", "management": "Gerencial", "technical": "Técnica"}
MODALITY_LABELS_ES = {"online": "En línea", "in_person": "Presencial", "blended": "Mixta"}

# Tie-break among validated assessments on the same day: certification > test > manager > course.
SOURCE_RANK = np.zeros(len(SOURCES), dtype=np.int8)
SOURCE_RANK[[CERTIFICATION, TEST, MANAGER, COURSE, SELF]] = [4, 3, 2, 1, 0]

_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")


def current_levels(org: SampleOrg) -> np.ndarray:
    """Staff × competency matrix of current levels (float32, NaN where unknown).

    The current level is the latest *validated* assessment (every source but self-assessment) by date;
    on the same day certification beats test, test beats manager, manager beats course; then the later
    assessment in :attr:`SampleOrg.assessments` wins.
    """
    n_staff, n_comp = len(org.staff), len(org.competencies)
    out = np.full((n_staff, n_comp), np.nan, dtype=np.float32)
    a = org.assessments
    idx = np.nonzero(a.validated)[0]
    if idx.size == 0:
        return out
    staff = a.staff_idx[idx].astype(np.int64)
    comp = a.comp_idx[idx].astype(np.int64)
    order = np.lexsort((idx, SOURCE_RANK[a.source[idx]], a.assessed_on[idx], comp, staff))
    key = (staff * n_comp + comp)[order]
    last = np.r_[key[1:] != key[:-1], True]
    out.reshape(-1)[key[last]] = a.level[idx[order][last]]
    return out


def wide_competencies(org: SampleOrg, frameworks: list[Framework], limit: int = WIDE_COLUMNS) -> list[int]:
    """Indices (into ``org.competencies``) of the competency columns of the wide sheet.

    All competencies when there are at most ``limit``; otherwise the managerial and all-staff ones,
    then the others most required by the staff's role profiles.
    """
    n = len(org.competencies)
    if n <= limit:
        return list(range(n))
    first = [i for i, (fw, _) in enumerate(org.competencies) if fw in (MGR_FRAMEWORK, DSA_FRAMEWORK)]
    first.sort(key=lambda i: (org.competencies[i][0] != MGR_FRAMEWORK, i))
    if len(first) >= limit:
        return sorted(first[:limit])
    required: dict[tuple[str, str], list[str]] = {}
    profiles: dict[tuple[str, str], int] = {}
    for fw in frameworks:
        for _, level in fw.role_levels():
            codes = [q.competency for q in level.requirements]
            required[(fw.code, level.code)] = codes
            for code in codes:
                profiles[(fw.code, code)] = profiles.get((fw.code, code), 0) + 1
    demand: dict[tuple[str, str], int] = {}
    for s in org.staff:
        if s.framework_code is None or s.role_code is None:
            continue
        for code in required.get((s.framework_code, s.role_code), ()):
            demand[(s.framework_code, code)] = demand.get((s.framework_code, code), 0) + 1
    chosen = set(first)
    rest = [i for i in range(n) if i not in chosen]
    rest.sort(key=lambda i: (-demand.get(org.competencies[i], 0), -profiles.get(org.competencies[i], 0), i))
    return first + sorted(rest[: limit - len(first)])


def _excel_days(days: np.ndarray) -> list[int]:
    return (days.astype("datetime64[D]") - _EXCEL_EPOCH).astype(np.int64).tolist()


def _date_serials(values: list[date]) -> list[int]:
    return _excel_days(np.array(values, dtype="datetime64[D]"))


def write_hr_workbook(org: SampleOrg, frameworks: list[Framework], path: str | Path) -> Path:
    """Write ``org`` as an HR workbook at ``path`` (``.xlsx``) and return the path.

    The assessment history goes to the sheet "Evaluaciones" when it fits in a sheet, otherwise to
    ``<stem>_evaluaciones.csv`` next to the workbook.
    """
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        title_fmt = wb.add_format({"bold": True, "font_size": 14})
        header_fmt = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                    "valign": "top"})
        date_fmt = wb.add_format({"num_format": DATE_FORMAT})
        score_fmt = wb.add_format({"num_format": "0.0"})
        emp = [s.employee_number for s in org.staff]

        _write_staff(wb, org, title_fmt, header_fmt, date_fmt)
        _write_wide(wb, org, frameworks, header_fmt, emp)
        n_assess = len(org.assessments)
        if n_assess + 1 <= EXCEL_MAX_ROWS:
            _write_assessments_sheet(wb, org, header_fmt, date_fmt, emp)
        else:
            write_assessments_csv(org, path.with_name(f"{path.stem}_evaluaciones.csv"))
        _write_courses(wb, org, header_fmt)
        _write_completions(wb, org, header_fmt, date_fmt, score_fmt, emp)
    finally:
        wb.close()
    return path


def _header(ws: xlsxwriter.worksheet.Worksheet, row: int, headers: tuple[str, ...] | list[str],
            fmt: xlsxwriter.format.Format) -> None:
    for col, text in enumerate(headers):
        ws.write_string(row, col, text, fmt)


def _write_staff(wb: xlsxwriter.Workbook, org: SampleOrg, title_fmt: xlsxwriter.format.Format,
                 header_fmt: xlsxwriter.format.Format, date_fmt: xlsxwriter.format.Format) -> None:
    ws = wb.add_worksheet("Plantilla")
    for col, width in enumerate((12, 20, 15, 22, 16, 16, 40, 45, 50, 7, 12, 12, 36, 14)):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, TITLE, title_fmt)
    ws.write_string(1, 0, f"Fecha de corte: {org.as_of:%d/%m/%Y}")
    _header(ws, 3, STAFF_HEADERS, header_fmt)
    ws.freeze_panes(4, 1)
    agency_names = {a.code: a.name for a in org.agencies}
    unit_names = {u.code: u.name for u in org.units}
    births = _date_serials([s.birth_date for s in org.staff])
    hires = _date_serials([s.hire_date for s in org.staff])
    put_s, put_n = ws.write_string, ws.write_number
    row = 4
    for i, s in enumerate(org.staff):
        put_s(row, 0, s.employee_number)
        put_s(row, 1, s.curp)
        put_s(row, 2, s.rfc)
        put_s(row, 3, s.given_names)
        put_s(row, 4, s.first_surname)
        if s.second_surname:
            put_s(row, 5, s.second_surname)
        put_s(row, 6, agency_names[s.agency_code])
        put_s(row, 7, unit_names[s.unit_code])
        put_s(row, 8, s.position_title)
        put_s(row, 9, s.grade)
        put_n(row, 10, births[i], date_fmt)
        put_n(row, 11, hires[i], date_fmt)
        put_s(row, 12, s.email)
        if s.manager_employee_number:
            put_s(row, 13, s.manager_employee_number)
        row += 1
    ws.write_string(row, 0, f"Total de registros: {len(org.staff)}")


def _write_wide(wb: xlsxwriter.Workbook, org: SampleOrg, frameworks: list[Framework],
                header_fmt: xlsxwriter.format.Format, emp: list[str]) -> None:
    ws = wb.add_worksheet("Competencias")
    columns = wide_competencies(org, frameworks)
    names = {
        (fw.code, c.code): (c.name.es or c.name.en or c.code) for fw in frameworks for c in fw.competencies()
    }
    headers = ["Núm. Empleado", "Nombre completo"] + [
        names.get(org.competencies[i], org.competencies[i][1]) for i in columns
    ]
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 34)
    ws.set_column(2, len(headers) - 1, 14)
    ws.set_row(0, 60)
    _header(ws, 0, headers, header_fmt)
    ws.freeze_panes(1, 2)
    levels = current_levels(org)[:, columns] if columns else np.zeros((len(org.staff), 0))
    known = ~np.isnan(levels)
    values = np.where(known, levels, 0).astype(np.int64).tolist()
    known_rows = known.tolist()
    put_s, put_n = ws.write_string, ws.write_number
    for i, s in enumerate(org.staff):
        row = i + 1
        put_s(row, 0, emp[i])
        put_s(row, 1, s.full_name)
        vals, ok = values[i], known_rows[i]
        for j in range(len(columns)):
            if ok[j]:
                put_n(row, j + 2, vals[j])


def _assessment_columns(org: SampleOrg, emp: list[str]) -> tuple[list[str], list[str], list[int], list[str],
                                                                   np.ndarray, list[str]]:
    a = org.assessments
    emp_arr = np.array([*emp, ""], dtype=object)  # index -1 -> ""
    comp_codes = np.array([code for _, code in org.competencies], dtype=object)
    labels = np.array([SOURCE_LABELS_ES[s] for s in SOURCES], dtype=object)
    return (
        emp_arr[a.staff_idx].tolist(),
        comp_codes[a.comp_idx].tolist(),
        a.level.astype(np.int64).tolist(),
        labels[a.source].tolist(),
        a.assessed_on,
        emp_arr[a.assessor_idx].tolist(),
    )


def _write_assessments_sheet(wb: xlsxwriter.Workbook, org: SampleOrg, header_fmt: xlsxwriter.format.Format,
                             date_fmt: xlsxwriter.format.Format, emp: list[str]) -> None:
    ws = wb.add_worksheet("Evaluaciones")
    for col, width in enumerate((12, 26, 7, 16, 12, 12)):
        ws.set_column(col, col, width)
    _header(ws, 0, ASSESSMENT_HEADERS, header_fmt)
    ws.freeze_panes(1, 0)
    person, comp, level, source, days, assessor = _assessment_columns(org, emp)
    serials = _excel_days(days)
    put_s, put_n = ws.write_string, ws.write_number
    for i in range(len(person)):
        row = i + 1
        put_s(row, 0, person[i])
        put_s(row, 1, comp[i])
        put_n(row, 2, level[i])
        put_s(row, 3, source[i])
        put_n(row, 4, serials[i], date_fmt)
        if assessor[i]:
            put_s(row, 5, assessor[i])


def write_assessments_csv(org: SampleOrg, path: str | Path) -> Path:
    """The assessment history as Spanish-locale Excel saves CSV: ``;``, Windows-1252, ``dd/mm/yyyy``."""
    path = Path(path)
    emp = [s.employee_number for s in org.staff]
    person, comp, level, source, days, assessor = _assessment_columns(org, emp)
    unique, inverse = np.unique(days, return_inverse=True)
    text = [f"{d:%d/%m/%Y}" for d in unique.astype(object)]
    dates = np.array(text, dtype=object)[inverse.reshape(-1)].tolist() if text else []
    with path.open("w", encoding="cp1252", errors="replace", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(ASSESSMENT_HEADERS)
        writer.writerows(zip(person, comp, level, source, dates, assessor, strict=True))
    return path


def _write_courses(wb: xlsxwriter.Workbook, org: SampleOrg, header_fmt: xlsxwriter.format.Format) -> None:
    ws = wb.add_worksheet("Cursos")
    for col, width in enumerate((9, 60, 14, 40, 7, 11, 20)):
        ws.set_column(col, col, width)
    _header(ws, 0, COURSE_HEADERS, header_fmt)
    ws.freeze_panes(1, 0)
    for row, c in enumerate(org.courses, start=1):
        ws.write_string(row, 0, c.code)
        ws.write_string(row, 1, c.title.es or c.title.en)
        ws.write_string(row, 2, AREA_LABELS_ES.get(c.area, c.area))
        ws.write_string(row, 3, c.provider)
        ws.write_number(row, 4, c.hours)
        ws.write_string(row, 5, MODALITY_LABELS_ES.get(c.modality, c.modality))
        if c.prerequisites:
            ws.write_string(row, 6, ", ".join(c.prerequisites))


def _write_completions(wb: xlsxwriter.Workbook, org: SampleOrg, header_fmt: xlsxwriter.format.Format,
                       date_fmt: xlsxwriter.format.Format, score_fmt: xlsxwriter.format.Format,
                       emp: list[str]) -> None:
    ws = wb.add_worksheet("Constancias")
    for col, width in enumerate((12, 14, 14, 12, 11)):
        ws.set_column(col, col, width)
    _header(ws, 0, COMPLETION_HEADERS, header_fmt)
    ws.freeze_panes(1, 0)
    c = org.completions
    codes = np.array([course.code for course in org.courses] or [""], dtype=object)
    emp_arr = np.array(emp or [""], dtype=object)
    person = emp_arr[c.staff_idx].tolist()
    course = codes[c.course_idx].tolist()
    serials = _excel_days(c.completed_on)
    result = np.where(c.passed, "Aprobado", "No aprobado").tolist()
    score = c.score.astype(np.float64).round(1).tolist()
    put_s, put_n = ws.write_string, ws.write_number
    for i in range(len(person)):
        row = i + 1
        put_s(row, 0, person[i])
        put_s(row, 1, course[i])
        put_n(row, 2, serials[i], date_fmt)
        put_s(row, 3, result[i])
        put_n(row, 4, score[i], score_fmt)


def write_organisation_json(org: SampleOrg, path: str | Path) -> Path:
    """The organisation's structure (agencies and their unit trees) as JSON, which the HR workbook,
    like a real one, only names by unit."""
    path = Path(path)
    children: dict[str | None, list[UnitRow]] = {}
    for unit in org.units:
        children.setdefault(unit.parent_code, []).append(unit)

    def tree(unit: UnitRow) -> dict[str, object]:
        node: dict[str, object] = {"code": unit.code, "name": unit.name}
        below = children.get(unit.code, [])
        if below:
            node["units"] = [tree(u) for u in below]
        return node

    staff_per_agency: dict[str, int] = {}
    for person in org.staff:
        staff_per_agency[person.agency_code] = staff_per_agency.get(person.agency_code, 0) + 1
    doc = {
        "seed": org.seed,
        "agencies": [
            {"code": a.code, "name": a.name, "staff": staff_per_agency.get(a.code, 0),
             "units": [tree(u) for u in children.get(None, []) if u.agency_code == a.code]}
            for a in org.agencies
        ],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
