"""Read staff and competency levels from an HR sheet: find the header, map the columns, check every value.

A sheet is read in one of two layouts (see ``docs/import-staff.md``):

* **staff** (“wide”) – one row per person: employee number, names, CURP, RFC, agency, unit, position, grade,
  dates, e-mail, manager … and optionally one column per competency holding that person's level. Without
  name columns the sheet gives levels only.
* **long** – one row per person and competency: employee number, competency (code or name), level, and
  optionally date, source, assessor and evidence. It gives levels only.

Headers are recognised in Spanish and English, with or without accents, in any case and with stray spaces;
the header row may sit below a title block, merged cells and blank rows. :class:`StaffMapping` overrides
anything detected and is returned, complete, for the user to save.

**The row rule.** Every problem is located (file, sheet, spreadsheet row, column header). An *error* makes
its row bad: the person is not in :attr:`ParsedStaff.staff` and none of the row's levels is in
:attr:`ParsedStaff.levels`, but every problem of the row is still reported, so the caller can offer to skip
bad rows or cancel. A *warning* leaves the row in; where it says so, the one value concerned is left out
(an e-mail address that is not one, for example). Errors about the sheet itself (no header, a required
column missing) are located at the header row and leave ``staff`` and ``levels`` empty.

Levels are converted column-wise: the distinct cell values are mapped once through a dict, the cells are
then looked up with one C-level pass and checked with numpy; no object is made per level.
"""

from __future__ import annotations

import difflib
import gc
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import count
from operator import itemgetter
from typing import Any, Literal

import numpy as np

from skillmap.frameworks.longtable import DEFAULT_LEVEL_WORDS, level_number, normalise
from skillmap.i18n import register
from skillmap.importing import values as V
from skillmap.importing.model import (
    LEVEL_FIELDS,
    SOURCES,
    STAFF_FIELDS,
    Cell,
    CompetencyRef,
    LevelColumns,
    ParsedStaff,
    RawSheet,
    StaffMapping,
    StaffRow,
)
from skillmap.problems import Problem, Severity, Term

HEADER_SCAN_ROWS = 30
FUZZY_RATIO = 0.9  # difflib ratio from which a header or competency name with a typo is accepted (warning)
MIN_AGE, MAX_AGE = 15, 100

#: Header texts recognised for each staff field (compared after :func:`normalise`, also without brackets).
STAFF_HEADERS: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "num empleado", "num de empleado", "numero de empleado", "numero empleado", "no empleado",
        "no de empleado", "n empleado", "num emp", "no emp", "clave de empleado", "clave empleado",
        "id empleado", "id de empleado", "numero de personal", "no de personal", "num de personal",
        "numero de trabajador", "no de trabajador", "num trabajador", "clave del trabajador",
        "numero de expediente", "no de expediente", "expediente", "clave de servidor publico",
        "clave del servidor publico", "employee number", "employee no", "employee id", "employee num",
        "emp no", "emp id", "staff number", "staff no", "staff id", "personnel number", "payroll number",
    ),
    "curp": ("curp", "clave unica de registro de poblacion", "curp del empleado"),
    "rfc": ("rfc", "rfc con homoclave", "registro federal de contribuyentes", "tax id"),
    "given_names": (
        "nombre s", "nombre", "nombres", "nombre de pila", "given names", "given name", "first name",
        "first names", "forename", "forenames",
    ),
    "first_surname": (
        "apellido paterno", "primer apellido", "ap paterno", "a paterno", "paterno", "apellido 1",
        "apellido1", "first surname", "paternal surname", "surname", "last name", "family name",
    ),
    "second_surname": (
        "apellido materno", "segundo apellido", "ap materno", "a materno", "materno", "apellido 2",
        "apellido2", "second surname", "maternal surname", "second last name",
    ),
    "full_name": (
        "nombre completo", "nombre del empleado", "nombre del servidor publico", "nombre del trabajador",
        "nombre de la persona servidora publica", "servidor publico", "apellidos y nombre",
        "apellidos y nombres", "apellidos nombre s", "nombre y apellidos", "nombre s y apellidos",
        "full name", "name", "employee name", "staff name", "employee",
    ),
    "agency": (
        "dependencia", "dependencia o entidad", "dependencia entidad", "entidad", "institucion", "ramo",
        "organismo", "agency", "ministry", "department", "organisation", "organization", "institution",
    ),
    "unit": (
        "unidad administrativa", "unidad", "unidad responsable", "ur", "area", "area de adscripcion",
        "adscripcion", "unidad de adscripcion", "direccion", "unit", "administrative unit", "business unit",
        "division", "directorate",
    ),
    "position": (
        "puesto", "nombre del puesto", "denominacion del puesto", "denominacion", "cargo", "position",
        "position title", "job title", "title", "post",
    ),
    "grade": (
        "nivel salarial", "nivel tabular", "nivel tabulador", "nivel del puesto", "nivel de puesto",
        "grupo grado nivel", "codigo de nivel", "clave de nivel", "grado", "grade", "pay grade",
        "salary grade", "band", "pay band",
    ),
    "hire_date": (
        "fecha de ingreso", "fecha ingreso", "ingreso", "fecha de alta", "fecha alta",
        "fecha de contratacion", "fecha de ingreso a la apf", "fecha de ingreso al gobierno federal",
        "fecha de ingreso a la dependencia", "hire date", "date of hire", "date hired", "start date",
        "employment date", "joining date", "date joined",
    ),
    "birth_date": (
        "fecha de nacimiento", "fecha nacimiento", "fecha de nac", "f nacimiento", "nacimiento",
        "birth date", "date of birth", "dob", "birthdate", "birthday",
    ),
    "email": (
        "correo electronico", "correo", "correo institucional", "correo electronico institucional",
        "correo e", "e mail", "email", "email address", "e mail address", "mail", "work email",
    ),
    "manager_employee_number": (
        "num empleado jefe inmediato", "num de empleado del jefe inmediato", "no de empleado jefe inmediato",
        "num empleado jefe", "no empleado jefe", "numero de empleado del jefe", "numero de empleado jefe",
        "jefe inmediato", "num jefe inmediato", "no jefe inmediato", "jefe", "superior inmediato",
        "num jefe", "manager", "manager employee number", "manager number", "manager id", "line manager",
        "supervisor", "reports to",
    ),
    "role_profile": (
        "perfil", "perfil de puesto", "perfil del puesto", "perfil de competencias", "rol", "role",
        "role profile", "job profile",
    ),
}

#: Header texts of the long layout (and of per-row assessment data in the wide one).
LEVEL_HEADERS: dict[str, tuple[str, ...]] = {
    "competency": (
        "competencia", "clave de competencia", "clave de la competencia", "codigo de competencia",
        "nombre de la competencia", "habilidad", "competency", "competency code", "competency name", "skill",
        "skill code", "skill name",
    ),
    "level": (
        "nivel de competencia", "nivel de dominio", "nivel obtenido", "nivel actual", "nivel alcanzado",
        "competency level", "proficiency", "proficiency level", "skill level",
    ),
    "assessed_on": (
        "fecha", "fecha de evaluacion", "fecha evaluacion", "fecha de la evaluacion", "evaluado el",
        "date", "assessment date", "assessed on", "date assessed",
    ),
    "source": ("fuente", "origen", "tipo de evaluacion", "source", "assessment type", "method", "metodo"),
    "assessor": ("evaluador", "evaluadora", "evaluado por", "evaluador a", "assessor", "assessed by", "evaluator"),
    "evidence": (
        "evidencia", "evidencias", "observaciones", "comentarios", "notas", "evidence", "comments", "notes",
    ),
}
#: Headers that mean the competency level in the long layout and the grade in a staff sheet.
AMBIGUOUS_LEVEL_HEADERS: frozenset[str] = frozenset({"nivel", "level", "nivel s"})

#: Level words understood by default: the framework defaults plus feminine and a few more forms.
STAFF_LEVEL_WORDS: dict[str, int] = {
    **DEFAULT_LEVEL_WORDS,
    "basica": 1, "principiante": 1, "novice": 1, "elemental": 1,
    "intermedia": 2, "medio": 2,
    "avanzada": 3, "profesional": 3,
    "maestro": 4, "especialista": 4,
}
#: Cell texts meaning “not assessed”: read like a blank cell (no level, not zero).
NOT_ASSESSED: frozenset[str] = frozenset({
    "n a", "na", "n d", "nd", "no aplica", "no evaluado", "no evaluada", "sin evaluar", "sin evaluacion",
    "pendiente", "not assessed", "not applicable", "none assessed", "",
})

#: Words of the source column (folded) → :data:`SOURCES` entry.
SOURCE_WORDS: dict[str, str] = {
    **{s: s for s in SOURCES},
    "autoevaluacion": "self", "auto evaluacion": "self", "autoevaluado": "self", "self assessment": "self",
    "self assessed": "self", "autodiagnostico": "self", "auto": "self",
    "jefe inmediato": "manager", "jefe": "manager", "jefa": "manager", "jefa inmediata": "manager",
    "jefe directo": "manager", "evaluacion del jefe": "manager", "evaluacion del jefe inmediato": "manager",
    "superior": "manager", "superior inmediato": "manager", "supervisor": "manager", "line manager": "manager",
    "manager assessment": "manager", "evaluacion de desempeno": "manager",
    "examen": "test", "prueba": "test", "evaluacion tecnica": "test", "exam": "test", "examination": "test",
    "certificacion": "certification", "certificado": "certification", "certificate": "certification",
    "curso": "course", "capacitacion": "course", "training": "course",
}

FOOTER_WORDS: tuple[str, ...] = (
    "total", "totales", "subtotal", "suma", "gran total", "nota", "notas", "note", "notes", "fuente",
    "source", "elaboro", "elaborado", "reviso", "revisado", "autorizo", "autorizado", "observaciones",
    "observacion", "fecha de corte", "fecha de emision", "generado", "generated", "pagina", "page", "firma",
    "registros", "numero de registros", "count",
)

# Database limits of the stored text fields.
LIMITS: dict[str, int] = {
    "employee_number": 40, "given_names": 150, "first_surname": 100, "second_surname": 100, "rfc": 13,
    "position": 300, "grade": 20, "email": 200, "manager_employee_number": 40, "agency": 300,
    "unit": 300, "role_profile": 300,
}
REQUIRED_LONG: tuple[str, ...] = ("competency", "level")
_BRACKETS = re.compile(r"[(\[{](.*?)[)\]}]")
_LEADING_NUMBER = re.compile(r"(\d+) [a-z].*")
_HAS_DIGIT = re.compile(r"\d")

register(
    {
        "field.employee_number": {"en": "employee number", "es": "número de empleado"},
        "field.curp": {"en": "CURP", "es": "CURP"},
        "field.rfc": {"en": "RFC", "es": "RFC"},
        "field.given_names": {"en": "given names", "es": "nombre(s)"},
        "field.first_surname": {"en": "first surname", "es": "apellido paterno"},
        "field.second_surname": {"en": "second surname", "es": "apellido materno"},
        "field.full_name": {"en": "full name", "es": "nombre completo"},
        "field.agency": {"en": "agency", "es": "dependencia"},
        "field.unit": {"en": "unit", "es": "unidad administrativa"},
        "field.position": {"en": "position", "es": "puesto"},
        "field.grade": {"en": "grade", "es": "nivel"},
        "field.hire_date": {"en": "hire date", "es": "fecha de ingreso"},
        "field.birth_date": {"en": "date of birth", "es": "fecha de nacimiento"},
        "field.email": {"en": "e-mail", "es": "correo electrónico"},
        "field.manager_employee_number": {"en": "manager's employee number",
                                          "es": "número de empleado del jefe inmediato"},
        "field.role_profile": {"en": "role profile", "es": "perfil de puesto"},
        "field.competency": {"en": "competency", "es": "competencia"},
        "field.level": {"en": "level", "es": "nivel"},
        "field.assessed_on": {"en": "assessment date", "es": "fecha de evaluación"},
        "field.source": {"en": "source", "es": "fuente"},
        "field.assessor": {"en": "assessor", "es": "evaluador"},
        "field.evidence": {"en": "evidence", "es": "evidencia"},
        "field.names": {"en": "names (given names and surname, or full name)",
                        "es": "nombre (nombre(s) y apellido, o nombre completo)"},
        "staff.no_header": {
            "en": "no header row found in the first {rows} rows: no row names an employee number column "
            "(“Núm. Empleado”, “No. de empleado”, “Employee number” …); map the columns by hand",
            "es": "no se encontró la fila de encabezados en las primeras {rows} filas: ninguna fila nombra una "
            "columna de número de empleado («Núm. Empleado», «No. de empleado», «Employee number» …); "
            "asigne las columnas a mano",
        },
        "staff.header_row_missing": {
            "en": "row {given}, given as the header row, is not in the sheet",
            "es": "la fila {given}, indicada como fila de encabezados, no está en la hoja",
        },
        "staff.header_row_moved": {
            "en": "row {given}, given as the header row, holds no known header; the headers were found in row "
            "{found}",
            "es": "la fila {given}, indicada como fila de encabezados, no contiene encabezados conocidos; se "
            "encontraron en la fila {found}",
        },
        "staff.unknown_field": {
            "en": "unknown field {field!r} in the column mapping; the fields are: {fields}",
            "es": "campo desconocido {field!r} en la asignación de columnas; los campos son: {fields}",
        },
        "staff.default_source": {
            "en": "the default source {value!r} is not one of: {sources}",
            "es": "la fuente predeterminada {value!r} no es una de: {sources}",
        },
        "staff.mapped_header_missing": {
            "en": "there is no column headed “{header}” (mapped to {field}); the headers are: {headers}",
            "es": "no hay una columna con el encabezado «{header}» (asignada a {field}); los encabezados son: "
            "{headers}",
        },
        "staff.missing_columns": {
            "en": "no column for {field}; the headers are: {headers}. Map the columns by hand",
            "es": "no hay columna para {field}; los encabezados son: {headers}. Asigne las columnas a mano",
        },
        "staff.duplicate_column": {
            "en": "this column is also read as {field}; the column “{used}” is used instead",
            "es": "esta columna también se lee como {field}; se usa en su lugar la columna «{used}»",
        },
        "staff.ignored_columns": {
            "en": "columns not imported (not mapped): {headers}",
            "es": "columnas que no se importan (sin asignar): {headers}",
        },
        "staff.hidden_columns": {
            "en": "hidden columns not imported: {headers}; map them by hand to import them",
            "es": "columnas ocultas que no se importan: {headers}; asígnelas a mano para importarlas",
        },
        "staff.long_ignores": {
            "en": "a sheet with one row per competency gives levels only; these columns are not imported: "
            "{headers}",
            "es": "una hoja con una fila por competencia sólo aporta niveles; estas columnas no se importan: "
            "{headers}",
        },
        "staff.levels_only": {
            "en": "the sheet has no name columns: it gives levels only, and these columns are not imported: "
            "{headers}",
            "es": "la hoja no tiene columnas de nombre: sólo aporta niveles, y estas columnas no se importan: "
            "{headers}",
        },
        "staff.full_name_split": {
            "en": "full names are split into given names and surnames: “Surnames, Given names” with a comma, "
            "otherwise given names first and the last two words (or compound surnames such as “De la Cruz”) "
            "as surnames; check names with several given names or surnames",
            "es": "los nombres completos se separan en nombre(s) y apellidos: «Apellidos, Nombre(s)» con coma; "
            "si no, primero el nombre y las dos últimas palabras (o apellidos compuestos como «De la Cruz») "
            "como apellidos; revise nombres con varios nombres o apellidos",
        },
        "staff.comp_fuzzy": {
            "en": "“{header}” is read as the competency “{name}” ({code}), {ratio}% alike; map the column by "
            "hand if that is wrong",
            "es": "«{header}» se lee como la competencia «{name}» ({code}), con {ratio}% de parecido; asigne "
            "la columna a mano si no es correcto",
        },
        "staff.comp_ambiguous": {
            "en": "“{header}” could be any of the competencies {codes}; the column is not imported until it is "
            "mapped by hand",
            "es": "«{header}» podría ser cualquiera de las competencias {codes}; la columna no se importa "
            "hasta que se asigne a mano",
        },
        "staff.comp_twice": {
            "en": "this column is also the competency {code}, already read from “{used}”; it is not imported",
            "es": "esta columna también es la competencia {code}, ya leída de «{used}»; no se importa",
        },
        "staff.mapped_comp_unknown": {
            "en": "“{header}” is mapped to the competency {code}, which is not in the active frameworks; the "
            "column is not imported",
            "es": "«{header}» está asignada a la competencia {code}, que no está en los marcos activos; la "
            "columna no se importa",
        },
        "staff.no_rows": {
            "en": "there are no rows below the header",
            "es": "no hay filas debajo de los encabezados",
        },
        "staff.employee_missing": {
            "en": "the employee number is missing",
            "es": "falta el número de empleado",
        },
        "staff.name_missing": {
            "en": "the name is missing",
            "es": "falta el nombre",
        },
        "staff.duplicate": {
            "en": "employee number {value} already appears in row {first_row}; the rows are not merged",
            "es": "el número de empleado {value} ya aparece en la fila {first_row}; las filas no se combinan",
        },
        "staff.duplicate_first": {
            "en": "employee number {value} appears again in rows {rows}",
            "es": "el número de empleado {value} vuelve a aparecer en las filas {rows}",
        },
        "staff.duplicate_curp": {
            "en": "CURP {value} already appears in row {first_row} (employee {other})",
            "es": "la CURP {value} ya aparece en la fila {first_row} (empleado {other})",
        },
        "staff.self_manager": {
            "en": "the person is given as their own manager; the manager is not imported",
            "es": "la persona aparece como su propio jefe inmediato; el jefe no se importa",
        },
        "staff.birth_after_hire": {
            "en": "the date of birth {birth} is not before the hire date {hire}",
            "es": "la fecha de nacimiento {birth} no es anterior a la fecha de ingreso {hire}",
        },
        "staff.hire_future": {
            "en": "the hire date {hire} is in the future (today is {today})",
            "es": "la fecha de ingreso {hire} está en el futuro (hoy es {today})",
        },
        "staff.age": {
            "en": "born {birth}, the person would be {age} on {today}; ages from {low} to {high} are accepted",
            "es": "con fecha de nacimiento {birth}, la persona tendría {age} años al {today}; se aceptan edades "
            "de {low} a {high}",
        },
        "staff.hired_young": {
            "en": "hired on {hire} at the age of {age}",
            "es": "ingresó el {hire} a los {age} años",
        },
        "staff.curp_birth": {
            "en": "the CURP says born {curp_date}, the date of birth column says {birth}",
            "es": "la CURP indica nacimiento el {curp_date}, la columna de fecha de nacimiento indica {birth}",
        },
        "staff.rfc_birth": {
            "en": "the RFC says born {rfc_date}, the date of birth column says {birth}",
            "es": "el RFC indica nacimiento el {rfc_date}, la columna de fecha de nacimiento indica {birth}",
        },
        "staff.level_word": {
            "en": "level “{value}” is neither a number nor a word of the level table; add it to the level words "
            "(scale {low}–{high})",
            "es": "el nivel «{value}» no es un número ni una palabra de la tabla de niveles; agréguelo a las "
            "palabras de nivel (escala {low}–{high})",
        },
        "staff.level_fraction": {
            "en": "level {value} is not a whole number",
            "es": "el nivel {value} no es un número entero",
        },
        "staff.level_range": {
            "en": "level {level} is outside the scale {low}–{high} of “{competency}”",
            "es": "el nivel {level} está fuera de la escala {low}–{high} de «{competency}»",
        },
        "staff.level_missing": {
            "en": "the level is missing",
            "es": "falta el nivel",
        },
        "staff.competency_missing": {
            "en": "the competency is missing",
            "es": "falta la competencia",
        },
        "staff.competency_unknown": {
            "en": "“{value}” is not a competency of the active frameworks (by code, Spanish or English name)",
            "es": "«{value}» no es una competencia de los marcos activos (por clave, nombre en español o en "
            "inglés)",
        },
        "staff.competency_ambiguous": {
            "en": "“{value}” could be any of the competencies {codes}; write the code",
            "es": "«{value}» podría ser cualquiera de las competencias {codes}; escriba la clave",
        },
        "staff.competency_fuzzy": {
            "en": "“{value}” is read as the competency “{name}” ({code}), {ratio}% alike (rows {rows})",
            "es": "«{value}» se lee como la competencia «{name}» ({code}), con {ratio}% de parecido "
            "(filas {rows})",
        },
        "staff.source_unknown": {
            "en": "source “{value}” is not recognised; the sources are Autoevaluación, Jefe inmediato, Examen, "
            "Certificación, Curso (self, manager, test, certification, course)",
            "es": "la fuente «{value}» no se reconoce; las fuentes son Autoevaluación, Jefe inmediato, Examen, "
            "Certificación, Curso (self, manager, test, certification, course)",
        },
        "staff.assessed_future": {
            "en": "assessment date {value} is after today ({today}) (rows {rows})",
            "es": "la fecha de evaluación {value} es posterior a hoy ({today}) (filas {rows})",
        },
        "staff.repeated_level": {
            "en": "the same assessment (employee {employee}, competency {competency}, date {date}, source "
            "{source}, same level) already appears in row {first_row}; both rows are imported",
            "es": "la misma evaluación (empleado {employee}, competencia {competency}, fecha {date}, fuente "
            "{source}, mismo nivel) ya aparece en la fila {first_row}; se importan ambas filas",
        },
        "staff.conflicting_level": {
            "en": "employee {employee} is assessed in {competency} at level {level} here and at level {other} "
            "in row {first_row}, on the same date ({date}) and by the same source ({source}); both are "
            "imported and this later row counts as the current level",
            "es": "el empleado {employee} tiene en {competency} el nivel {level} aquí y el nivel {other} en la "
            "fila {first_row}, con la misma fecha ({date}) y la misma fuente ({source}); se importan ambas y "
            "esta fila, posterior, cuenta como nivel actual",
        },
    }
)


# -- small helpers -------------------------------------------------------------------------------------
def _acronyms(key: str) -> str:
    """Runs of single letters joined: ``"r f c"`` (from ``R.F.C.``) → ``"rfc"``."""
    return re.sub(r"(?<![^ ])(\w)(?: (\w)(?![^ ]))+", lambda m: m.group(0).replace(" ", ""), key)


def _keys(text: str) -> list[str]:
    """Normalised forms a header is compared by: as written (acronyms joined), without bracketed notes, and
    the notes."""
    key = normalise(text)
    if " " in key:
        key = _acronyms(key)
    out = [key]
    if _BRACKETS.search(text):
        plain = normalise(_BRACKETS.sub(" ", text))
        if plain and plain not in out:
            out.append(plain)
        for inner in _BRACKETS.findall(text):
            k = normalise(inner)
            if k and k not in out:
                out.append(k)
    return out


def _index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {normalise(text): name for name, texts in table.items() for text in texts}


_STAFF_FIELD_OF = _index(STAFF_HEADERS)
_LEVEL_FIELD_OF = _index(LEVEL_HEADERS)
_AMBIGUOUS = frozenset(normalise(t) for t in AMBIGUOUS_LEVEL_HEADERS)


def header_fields(text: str) -> tuple[str | None, str | None]:
    """``(staff field, level field)`` a header names, either possibly None. ``Nivel``/``Level`` gives
    ``("grade", "level")``: the layout decides."""
    for key in _keys(text)[:2]:
        if key in _AMBIGUOUS:
            return "grade", "level"
        staff, level = _STAFF_FIELD_OF.get(key), _LEVEL_FIELD_OF.get(key)
        if staff or level:
            return staff, level
    return None, None


def _list(values: Sequence[Any], limit: int = 10) -> str:
    shown = ", ".join(str(v) for v in values[:limit])
    return shown + (f", … (+{len(values) - limit})" if len(values) > limit else "")


def _quoted(headers: Iterable[str]) -> Term:
    """Headers as a list in a message, each quoted the way the message's language quotes: “A”, “B” in
    English, «A», «B» in Spanish. A :class:`Term` (registered on the fly), so a problem found while the
    program speaks one language reads right in the other."""
    items = list(headers)
    texts = {"en": ", ".join(f"“{h}”" for h in items), "es": ", ".join(f"«{h}»" for h in items)}
    key = "quoted:" + texts["en"]
    if key not in _QUOTED:
        _QUOTED.add(key)
        register({key: {lang: text.replace("{", "{{").replace("}", "}}") for lang, text in texts.items()}})
    return Term(key)


_QUOTED: set[str] = set()


def _is_footer_text(value: Cell) -> bool:
    if not isinstance(value, str):
        return False
    key = normalise(value)
    return key.startswith(FOOTER_WORDS) or value.strip().startswith(("*", "(", "—", "-"))


def competency_key(ref: CompetencyRef, refs: Sequence[CompetencyRef]) -> str:
    """How a mapping names ``ref``: its code, or ``framework:code`` when another framework has the code."""
    same = sum(1 for r in refs if r.code.casefold() == ref.code.casefold())
    return ref.code if same <= 1 else f"{ref.framework_code}:{ref.code}"


# -- competencies --------------------------------------------------------------------------------------
class CompetencyMatcher:
    """Finds competencies by code, Spanish or English name (accents, case, spaces and punctuation ignored),
    and by a close name (difflib ratio ≥ :data:`FUZZY_RATIO`)."""

    def __init__(self, competencies: Sequence[CompetencyRef]):
        self.refs = list(competencies)
        self._keys: dict[str, set[int]] = {}
        self._codes: dict[str, set[int]] = {}
        for i, c in enumerate(self.refs):
            for text in (c.code, c.name_es, c.name_en, f"{c.framework_code} {c.code}"):
                if text and normalise(text):
                    self._keys.setdefault(normalise(text), set()).add(i)
            self._codes.setdefault(c.code.casefold(), set()).add(i)
            self._codes.setdefault(f"{c.framework_code}:{c.code}".casefold(), set()).add(i)
            self._codes.setdefault(f"{c.framework_code}/{c.code}".casefold(), set()).add(i)
        self._choices = list(self._keys)

    def exact(self, text: str) -> list[CompetencyRef]:
        found: set[int] = set()
        for key in _keys(text):
            hit = self._keys.get(key)
            if hit:
                found |= hit
                if key == normalise(text):
                    break
        return [self.refs[i] for i in sorted(found)]

    def fuzzy(self, text: str) -> tuple[list[CompetencyRef], float]:
        """The competencies closest to ``text`` (one, or several if tied) and the ratio; ``([], 0)``."""
        key = normalise(text)
        if len(key) < 4:
            return [], 0.0
        best, ratio = set(), 0.0
        for cand in difflib.get_close_matches(key, self._choices, n=5, cutoff=FUZZY_RATIO):
            r = difflib.SequenceMatcher(None, key, cand).ratio()
            if r > ratio + 1e-9:
                best, ratio = set(self._keys[cand]), r
            elif abs(r - ratio) <= 1e-9:
                best |= self._keys[cand]
        return [self.refs[i] for i in sorted(best)], ratio

    def by_code(self, code: str) -> list[CompetencyRef]:
        hit = self._codes.get(code.strip().casefold(), set())
        return [self.refs[i] for i in sorted(hit)]


# -- header detection ----------------------------------------------------------------------------------
@dataclass
class _Header:
    """What one candidate header row says."""

    index: int  # index into sheet.rows of the (first) header row
    depth: int  # 1, or 2 for a header on two rows (merged cells above sub-headers)
    texts: list[str]  # header text per column, "" where blank
    fields: dict[str, int] = field(default_factory=dict)  # staff field -> column
    level_fields: dict[str, int] = field(default_factory=dict)  # long/assessment field -> column
    levels: dict[int, CompetencyRef] = field(default_factory=dict)  # column -> competency (wide)
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)  # (column, field, used column)
    user_missing: list[tuple[str, str]] = field(default_factory=list)  # (field or "level:<code>", header)
    user_columns: set[int] = field(default_factory=set)  # columns the user mapped
    disabled: set[int] = field(default_factory=set)  # columns the user mapped to nothing
    fuzzy: list[tuple[int, CompetencyRef, float]] = field(default_factory=list)
    ambiguous: list[tuple[int, list[CompetencyRef]]] = field(default_factory=list)
    twice: list[tuple[int, CompetencyRef, int]] = field(default_factory=list)
    unknown_codes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def long(self) -> bool:
        return all(f in self.level_fields for f in REQUIRED_LONG)

    @property
    def score(self) -> float:
        known = len(self.fields) + len(self.level_fields) + len(self.levels)
        return known + (0.5 if "employee_number" in self.fields else 0.0) - 0.25 * (self.depth - 1)


def _cell_header(value: Cell) -> str:
    return V.cell_text(value) or ""


def _row_texts(sheet: RawSheet, index: int, width: int) -> list[str]:
    row = sheet.rows[index] if index < len(sheet.rows) else []
    texts = [_cell_header(c) for c in row[:width]]
    return texts + [""] * (width - len(texts))


class _Detector:
    def __init__(self, sheet: RawSheet, matcher: CompetencyMatcher, mapping: StaffMapping):
        self.sheet = sheet
        self.matcher = matcher
        self.mapping = mapping
        self.width = max((len(r) for r in sheet.rows[: HEADER_SCAN_ROWS + 2]), default=0)
        self.hidden = {c - sheet.col_offset for c in sheet.hidden_columns}
        self.user_fields = {f: h for f, h in mapping.fields.items() if f in STAFF_FIELDS}
        self.user_level_fields = {f: h for f, h in mapping.level_fields.items() if f in LEVEL_FIELDS}

    def match(self, index: int, depth: int, fuzzy: bool = False) -> _Header:
        texts = _row_texts(self.sheet, index, self.width)
        alt: list[str] = [""] * self.width
        if depth == 2:
            lower = _row_texts(self.sheet, index + 1, self.width)
            alt = [f"{u} {lo}" if u and lo else "" for u, lo in zip(texts, lower, strict=True)]
            texts = [lo or u for u, lo in zip(texts, lower, strict=True)]
        h = _Header(index, depth, texts)
        by_key: dict[str, int] = {}
        for col, text in enumerate(texts):
            if text:
                by_key.setdefault(normalise(text), col)
            if alt[col]:
                by_key.setdefault(normalise(alt[col]), col)
        claimed: set[int] = set()

        def user(field_name: str, header: str, target: dict[str, int]) -> None:
            col = by_key.get(normalise(header))
            if col is None or col in claimed:
                h.user_missing.append((field_name, header))
            else:
                target[field_name] = col
                claimed.add(col)

        for name, header in self.user_fields.items():
            if header.strip():
                user(name, header, h.fields)
        for name, header in self.user_level_fields.items():
            if header.strip():
                user(name, header, h.level_fields)
        for header, code in self.mapping.level_columns.items():
            col = by_key.get(normalise(header))
            if col is None or col in claimed:
                h.user_missing.append((f"level:{code}", header))
                continue
            claimed.add(col)
            if not code.strip():
                h.disabled.add(col)
                continue
            refs = self.matcher.by_code(code)
            if len(refs) == 1:
                h.levels[col] = refs[0]
            else:
                h.unknown_codes.append((col, code))
        h.user_columns = set(claimed)
        disabled_fields = {f for f, v in self.user_fields.items() if not v.strip()}
        disabled_level = {f for f, v in self.user_level_fields.items() if not v.strip()}

        ambiguous: list[int] = []
        for col, text in enumerate(texts):
            if col in claimed or col in self.hidden or not text:
                continue
            staff, level = header_fields(text)
            if staff is None and level is None and alt[col]:
                staff, level = header_fields(alt[col])
            if staff == "grade" and level == "level":
                ambiguous.append(col)
                continue
            if staff and staff not in disabled_fields:
                self._claim(h, h.fields, staff, col)
                claimed.add(col)
            elif level and level not in disabled_level:
                self._claim(h, h.level_fields, level, col)
                claimed.add(col)
        for col in ambiguous:
            long = "competency" in h.level_fields
            name, target = ("level", h.level_fields) if long else ("grade", h.fields)
            if name not in (disabled_level if long else disabled_fields):
                self._claim(h, target, name, col)
                claimed.add(col)
        if h.long:
            return h
        used: dict[int, int] = {}  # competency id -> column
        for col in h.levels:
            used.setdefault(h.levels[col].id, col)
        for col, text in enumerate(texts):
            if col in claimed or col in self.hidden or not text:
                continue
            refs = self.matcher.exact(text)
            ratio = 1.0
            if not refs and fuzzy:
                refs, ratio = self.matcher.fuzzy(text)
            if not refs:
                continue
            if len(refs) > 1:
                h.ambiguous.append((col, refs))
                continue
            ref = refs[0]
            if ref.id in used:
                h.twice.append((col, ref, used[ref.id]))
                continue
            used[ref.id] = col
            h.levels[col] = ref
            if ratio < 1.0:
                h.fuzzy.append((col, ref, ratio))
        return h

    @staticmethod
    def _claim(h: _Header, target: dict[str, int], name: str, col: int) -> None:
        if name in target:
            h.duplicates.append((col, name, target[name]))
        else:
            target[name] = col

    def lower_row_fits(self, h2: _Header) -> bool:
        """A two-row header is real only if every cell of its second row is text that names something."""
        lower = self.sheet.rows[h2.index + 1] if h2.index + 1 < len(self.sheet.rows) else []
        named = set(h2.fields.values()) | set(h2.level_fields.values()) | set(h2.levels) | h2.user_columns
        cells = [(col, c) for col, c in enumerate(lower[: self.width]) if not V.is_blank(c)]
        return bool(cells) and all(isinstance(c, str) and col in named for col, c in cells)

    def best(self) -> _Header | None:
        """The header among the first :data:`HEADER_SCAN_ROWS` non-blank rows: the row (or pair of rows)
        that names the most fields and competencies; None if none names anything."""
        rows = self.sheet.rows
        best: _Header | None = None
        seen = 0
        for index, row in enumerate(rows):
            if all(V.is_blank(c) for c in row):
                continue
            seen += 1
            if seen > HEADER_SCAN_ROWS:
                break
            h = self.match(index, 1)
            if index + 1 < len(rows):
                h2 = self.match(index, 2)
                if h2.score > h.score and self.lower_row_fits(h2):
                    h = h2
            if best is None or h.score > best.score:
                best = h
        if best is None or best.score < 1:
            return None
        return self.match(best.index, best.depth, fuzzy=True)


@dataclass
class _Layout:
    mapping: StaffMapping
    header: _Header | None
    header_row: int
    kind: Literal["staff", "long"]
    problems: list[Problem]
    fatal: bool
    ignored: list[str] = field(default_factory=list)
    ignored_cols: list[int] = field(default_factory=list)
    hidden_ignored: list[str] = field(default_factory=list)

    @property
    def data_start(self) -> int:
        assert self.header is not None
        return self.header.index + self.header.depth


def _header_label(sheet: RawSheet, texts: list[str], col: int) -> str:
    return texts[col] if col < len(texts) and texts[col] else f"({sheet.column_letter(col)})"


def _detect(sheet: RawSheet, file: str, competencies: Sequence[CompetencyRef],
            mapping: StaffMapping | None) -> _Layout:
    user = mapping if mapping is not None else StaffMapping()
    out = StaffMapping(sheet=sheet.name, level_words=dict(user.level_words), default_source=user.default_source,
                       assessed_on=user.assessed_on)
    problems: list[Problem] = []

    def sheet_problem(key: str, row: int | None, column: str | None = None, severity: Severity = "error",
                      **params: Any) -> None:
        problems.append(Problem(key, params, file=file, sheet=sheet.name, row=row, column=column,
                                severity=severity))

    bad_fields = [f for f in user.fields if f not in STAFF_FIELDS]
    bad_fields += [f for f in user.level_fields if f not in LEVEL_FIELDS]
    for f in bad_fields:
        sheet_problem("staff.unknown_field", None, field=f, fields=", ".join(STAFF_FIELDS + LEVEL_FIELDS))
    if user.default_source not in SOURCES:
        sheet_problem("staff.default_source", None, value=user.default_source, sources=", ".join(SOURCES))
    detector = _Detector(sheet, CompetencyMatcher(competencies), user)

    header: _Header | None = None
    if user.header_row is not None:
        try:
            index = sheet.row_numbers.index(user.header_row)
        except ValueError:
            sheet_problem("staff.header_row_missing", None, given=user.header_row)
        else:
            h1 = detector.match(index, 1, fuzzy=True)
            h2 = detector.match(index, 2, fuzzy=True) if index + 1 < len(sheet.rows) else None
            header = h2 if h2 is not None and h2.score > h1.score and detector.lower_row_fits(h2) else h1
            if header.score < 1:
                found = detector.best()
                if found is not None:
                    sheet_problem("staff.header_row_moved", sheet.row_numbers[found.index], severity="warning",
                                  given=user.header_row, found=sheet.row_numbers[found.index])
                header = found
    else:
        header = detector.best()
    if header is None:
        if not any(p.key == "staff.header_row_missing" for p in problems):
            sheet_problem("staff.no_header", None, rows=HEADER_SCAN_ROWS)
        return _Layout(out, None, 0, "staff", problems, True)

    header_row = sheet.row_numbers[header.index]
    out.header_row = header_row
    texts = header.texts

    def label(col: int) -> str:
        return _header_label(sheet, texts, col)

    def at_header(key: str, col: int | None = None, severity: Severity = "error", **params: Any) -> None:
        sheet_problem(key, header_row, label(col) if col is not None else None, severity, **params)

    header_list = _quoted(t for t in texts if t)
    required = {"employee_number"}
    for name, text in header.user_missing:
        if name.startswith("level:"):
            at_header("staff.mapped_header_missing", None, "warning", header=text, field=name[6:],
                      headers=header_list)
        else:
            severity: Severity = "error" if name in required or name in REQUIRED_LONG else "warning"
            at_header("staff.mapped_header_missing", None, severity, header=text, field=Term(f"field.{name}"),
                      headers=header_list)
    for col, name, used in header.duplicates:
        at_header("staff.duplicate_column", col, "warning", field=Term(f"field.{name}"), used=label(used))
    for col, code in header.unknown_codes:
        at_header("staff.mapped_comp_unknown", col, "warning", header=label(col), code=code)
    for col, refs in header.ambiguous:
        at_header("staff.comp_ambiguous", col, "warning", header=label(col),
                  codes=", ".join(competency_key(r, competencies) for r in refs))
    for col, ref, used in header.twice:
        at_header("staff.comp_twice", col, "warning", code=competency_key(ref, competencies), used=label(used))
    for col, ref, ratio in header.fuzzy:
        at_header("staff.comp_fuzzy", col, "warning", header=label(col), name=ref.name_es or ref.name_en,
                  code=competency_key(ref, competencies), ratio=int(ratio * 100))

    kind: Literal["staff", "long"] = "long" if header.long else "staff"
    f = header.fields
    if (kind == "staff" and "given_names" in f and "given_names" not in user.fields
            and not {"first_surname", "second_surname", "full_name"} & set(f)):
        f["full_name"] = f.pop("given_names")  # a lone “Nombre” column holds the whole name
    missing: list[str] = []
    if "employee_number" not in header.fields:
        missing.append("employee_number")
    if kind == "long":
        header.levels.clear()
    else:
        has_names = "full_name" in header.fields or "given_names" in header.fields
        if not has_names and not header.levels:
            missing.append("names")
    if missing:
        for m in missing:
            at_header("staff.missing_columns", field=Term(f"field.{m}"), headers=header_list)

    # what is read, and what is not
    used_cols: set[int] = set()
    drop_note: list[int] = []
    if kind == "long":
        used_cols |= {header.fields["employee_number"]} if "employee_number" in header.fields else set()
        used_cols |= set(header.level_fields.values())
        drop_note = [c for f, c in header.fields.items() if f != "employee_number"]
        header.fields = {f: c for f, c in header.fields.items() if f == "employee_number"}
    else:
        has_names = "full_name" in header.fields or "given_names" in header.fields
        if not has_names:
            drop_note = [c for f, c in header.fields.items() if f != "employee_number"]
            header.fields = {f: c for f, c in header.fields.items() if f == "employee_number"}
        header.level_fields = {f: c for f, c in header.level_fields.items()
                               if f not in REQUIRED_LONG and header.levels}
        used_cols |= set(header.fields.values()) | set(header.level_fields.values()) | set(header.levels)
    if drop_note and not missing:
        at_header("staff.long_ignores" if kind == "long" else "staff.levels_only", None, "warning",
                  headers=_quoted(label(c) for c in sorted(drop_note)))
    ignored_cols = [c for c in range(len(texts)) if c not in used_cols and c not in detector.hidden
                    and texts[c]]
    hidden_cols = [c for c in range(len(texts)) if c not in used_cols and c in detector.hidden and texts[c]]
    ignored = [label(c) for c in ignored_cols]
    hidden = [label(c) for c in hidden_cols]
    unexplained = [label(c) for c in ignored_cols if c not in drop_note or missing]
    if unexplained:
        at_header("staff.ignored_columns", None, "warning", headers=_quoted(unexplained))
    if hidden:
        at_header("staff.hidden_columns", None, "warning", headers=_quoted(hidden))

    # the mapping actually used
    out.fields = {f: texts[c] for f, c in header.fields.items()}
    for f, v in user.fields.items():  # keep fields the user disabled
        if not v.strip():
            out.fields[f] = ""
    out.level_fields = {f: texts[c] for f, c in header.level_fields.items()}
    for f, v in user.level_fields.items():
        if not v.strip():
            out.level_fields[f] = ""
    out.level_columns = {texts[c]: competency_key(ref, competencies) for c, ref in sorted(header.levels.items())}
    for c in header.disabled:
        out.level_columns[texts[c]] = ""
    fatal = any(p.severity == "error" for p in problems)
    return _Layout(out, header, header_row, kind, problems, fatal, ignored, ignored_cols, hidden)


@dataclass
class ParsedSheet(ParsedStaff):
    """What :func:`parse_staff` returns: :class:`ParsedStaff` and the employee numbers of the rows left
    out for errors. Those people are in the file, only their rows are bad: the import service does not
    report them as missing from it."""

    error_employee_numbers: frozenset[str] = frozenset()


# -- public entry points -------------------------------------------------------------------------------
_SCORE_WEIGHTS: dict[str, float] = {
    "employee_number": 3, "curp": 2, "rfc": 1, "given_names": 2, "first_surname": 2, "second_surname": 1,
    "agency": 1, "unit": 1, "position": 1, "grade": 1, "hire_date": 1, "birth_date": 1, "email": 1,
    "manager_employee_number": 1, "role_profile": 1,
}
_SCORE_MAX = sum(_SCORE_WEIGHTS.values())


def score_staff_header(sheet: RawSheet) -> float:
    """How much ``sheet`` looks like a staff list, from 0 (not at all) to 1 (every staff field has a column).

    The best of the first 30 non-blank rows counts; a full-name column counts as given names and surnames.
    Without an employee-number column the score is halved. A sheet of levels (one row per competency) scores
    low. Use it to propose the likely staff sheet of a workbook.
    """
    detector = _Detector(sheet, CompetencyMatcher([]), StaffMapping())
    best = 0.0
    seen = 0
    for index, row in enumerate(sheet.rows):
        if all(V.is_blank(c) for c in row):
            continue
        seen += 1
        if seen > HEADER_SCAN_ROWS:
            break
        h = detector.match(index, 1)
        found = dict(h.fields)
        if h.long:
            found.pop("grade", None)
        total = sum(_SCORE_WEIGHTS.get(f, 0) for f in found)
        if "full_name" in found and "given_names" not in found:
            total += _SCORE_WEIGHTS["given_names"] + _SCORE_WEIGHTS["first_surname"]
        score = min(1.0, total / _SCORE_MAX)
        if "employee_number" not in found:
            score /= 2
        best = max(best, score)
    return round(best, 3)


def detect_mapping(sheet: RawSheet, competencies: list[CompetencyRef],
                   mapping: StaffMapping | None = None) -> StaffMapping:
    """The mapping :func:`parse_staff` would use: what ``mapping`` says, completed by detection.

    ``fields`` and ``level_fields`` map each field to its header as written in the file, ``level_columns``
    each competency column's header to the competency code (``framework:code`` when two frameworks share
    the code). Fields with no column are absent; a field mapped to ``""`` stays switched off.
    """
    return _detect(sheet, "", competencies, mapping).mapping


def parse_staff(sheet: RawSheet, *, file: str, competencies: list[CompetencyRef],
                mapping: StaffMapping | None = None, today: date | None = None) -> ParsedSheet:
    """Read people and competency levels from ``sheet``, with every problem located.

    ``competencies`` are the competencies of the active frameworks, which level columns (wide layout) and
    competency cells (long layout) are matched to. ``today`` (default: the system date) is the import day,
    used for plausibility checks and as the assessment date when neither the file nor
    ``mapping.assessed_on`` gives one. See the module docstring for the row rule.
    """
    today = today or date.today()
    layout = _detect(sheet, file, competencies, mapping)
    if layout.fatal or layout.header is None:
        return ParsedSheet(file=file, sheet=sheet.name, header_row=layout.header_row, mapping=layout.mapping,
                           staff=[], levels=LevelColumns(), problems=layout.problems,
                           ignored_columns=layout.ignored, hidden_columns_ignored=layout.hidden_ignored)
    with bulk_objects():
        reader = _SheetReader(sheet, file, layout, competencies, today)
        return reader.read_long() if layout.kind == "long" else reader.read_staff()


@contextmanager
def bulk_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of objects are made.

    The objects made here hold no reference cycles, but their number triggers collections that walk every
    cell of the sheet again and again (a third of the time of a 47,700-row sheet). Reference counting still
    frees everything; the collector is resumed, as it was, on the way out.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- reading -------------------------------------------------------------------------------------------
_STAFF_ROW_FIELDS = ("row", "employee_number", "given_names", "first_surname", "second_surname", "curp", "rfc",
                     "agency", "unit", "position_title", "grade", "birth_date", "hire_date", "email",
                     "manager_employee_number", "role_profile")
if tuple(f.name for f in fields(StaffRow))[: len(_STAFF_ROW_FIELDS)] != _STAFF_ROW_FIELDS:  # pragma: no cover
    raise ImportError("StaffRow's fields changed: update _SheetReader.read_people")

_BLANK = -(2**31)
_BAD_WORD = _BLANK + 1
_FRACTION = _BLANK + 2
_LIMIT = 2**30


def word_table(extra: Mapping[str, int] | None) -> dict[str, int]:
    """The level words: :data:`STAFF_LEVEL_WORDS` with ``extra`` (word → level) merged over them."""
    table = {normalise(k): v for k, v in STAFF_LEVEL_WORDS.items()}
    for word, value in (extra or {}).items():
        table[normalise(str(word))] = int(value)
    return table


def level_code(value: Cell, words: Mapping[str, int]) -> int:
    """The level a cell gives (a number, a word of ``words``, “Nivel 3”, “3 - Avanzado”, “Avanzado (3)”),
    or a sentinel below every level: blank or not assessed, not understood, not a whole number."""
    if value is None:
        return _BLANK
    if isinstance(value, (int, float)):  # a bool too: TRUE is 1, as when numpy reads a column of numbers
        if isinstance(value, float):
            if math.isnan(value):
                return _BLANK
            if not math.isfinite(value):
                return _BAD_WORD
            if not value.is_integer():
                return _FRACTION
        return int(max(-_LIMIT, min(_LIMIT, value)))
    if not isinstance(value, str):
        return _BAD_WORD
    text = value.strip()
    key = normalise(text)
    if key in NOT_ASSESSED:
        return _BLANK
    n = level_number(text, words)
    if n is not None:
        return max(-_LIMIT, min(_LIMIT, n))
    try:
        number = V.parse_number(text)
    except V.CellError:
        number = None
    if number is not None:
        return int(max(-_LIMIT, min(_LIMIT, number))) if number.is_integer() else _FRACTION
    m = _LEADING_NUMBER.fullmatch(key)  # "3 - Avanzado"
    if m:
        return int(m.group(1))
    for inner in _BRACKETS.findall(text):  # "Avanzado (3)"
        if normalise(inner).isdigit():
            return int(normalise(inner))
    plain = normalise(_BRACKETS.sub(" ", text))
    return words.get(plain, _BAD_WORD)


def level_codes(block: np.ndarray, words: Mapping[str, int]) -> np.ndarray:
    """:func:`level_code` over a 2-D object array (modified: blanks become NaN), as int64.

    Columns of numbers (and blanks) convert with numpy at C speed; a column holding words is mapped once
    per distinct value through a dict. No object is made per cell.
    """
    out = np.empty(block.shape, dtype=np.int64)
    if block.size == 0:
        return out
    block[block == ""] = np.nan
    try:
        _float_codes(block.astype(np.float64), out)
        return out
    except (ValueError, TypeError):
        pass
    lut = V._Lut(lambda v: level_code(v, words))
    for j in range(block.shape[1]):
        try:
            numbers = block[:, j].astype(np.float64)
        except (ValueError, TypeError):
            cells = block[:, j].tolist()
            out[:, j] = np.fromiter(map(lut.__getitem__, cells), dtype=np.int64, count=len(cells))
        else:
            _float_codes(numbers, out[:, j])
    return out


def _float_codes(numbers: np.ndarray, out: np.ndarray) -> None:
    """Levels from floats: NaN is blank, a fraction is not a level, the rest is clipped to ±2**30."""
    with np.errstate(invalid="ignore"):
        odd = ~(np.abs(numbers) <= _LIMIT)  # NaN, infinite or huge
    whole = np.where(odd, 0.0, numbers) if odd.any() else numbers
    out[...] = whole.astype(np.int64)
    out[whole != out] = _FRACTION
    if odd.any():
        out[odd & (numbers > 0)] = _LIMIT
        out[odd & (numbers < 0)] = -_LIMIT
        out[np.isinf(numbers)] = _BAD_WORD
        out[np.isnan(numbers)] = _BLANK


def source_index(value: Cell) -> int | None:
    """Index into :data:`SOURCES` of a source cell, -1 if blank, None if not recognised."""
    if V.is_blank(value):
        return -1
    if not isinstance(value, str):
        return None
    name = SOURCE_WORDS.get(normalise(value))
    return SOURCES.index(name) if name else None


def distinct(cells: Sequence[Cell]) -> tuple[np.ndarray, list[Cell]]:
    """Each cell's index into the list of distinct values (in order of first appearance), and that list:
    one C-level pass. Anything computed per distinct value then spreads to the cells with numpy."""
    lut = V._Lut(lambda _: len(lut))
    codes = np.fromiter(map(lut.__getitem__, cells), dtype=np.int64, count=len(cells))
    return codes, list(lut)


def per_value(values: Sequence[Cell], fn: Any, dtype: Any) -> np.ndarray:
    """``fn`` of each distinct value, as an array to index with the codes of :func:`distinct`."""
    return np.array([fn(v) for v in values], dtype=dtype) if values else np.zeros(0, dtype=dtype)


def _first_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For integer ``keys``: the distinct keys in order of first appearance and each element's index into
    them."""
    if keys.size == 0:
        return keys, np.zeros(0, np.int32)
    if np.all(keys[1:] >= keys[:-1]):  # sorted (the wide layout): no sort needed
        starts = np.r_[True, keys[1:] != keys[:-1]]
        return keys[starts], (np.cumsum(starts) - 1).astype(np.int32)
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty(order.size, dtype=np.int32)
    rank[order] = np.arange(order.size, dtype=np.int32)
    return uniq[order], rank[inverse.reshape(-1)]


class _SheetReader:
    def __init__(self, sheet: RawSheet, file: str, layout: _Layout, competencies: Sequence[CompetencyRef],
                 today: date):
        assert layout.header is not None
        self.sheet = sheet
        self.file = file
        self.layout = layout
        self.header = layout.header
        self.competencies = list(competencies)
        self.today = today
        self.texts = self.header.texts
        start = layout.data_start
        data = sheet.rows[start:]
        self.numbers = sheet.row_numbers[start:]
        lengths = set(map(len, data))
        self.width = max(len(self.texts), max(lengths, default=0))
        if lengths and lengths != {self.width}:  # ragged rows (CSV, hand-made sheets): pad with None
            data = [r + [None] * (self.width - len(r)) if len(r) < self.width else r for r in data]
        self.data = data
        self._columns: dict[int, list[Cell]] = {}
        # A staff sheet is read through one 2-D object array (fastest for many columns); a long sheet, with
        # millions of rows and few columns used, column by column.
        self.matrix: np.ndarray | None = None
        if layout.kind == "staff" and data:
            self.matrix = np.empty((len(data), self.width), dtype=object)
            self.matrix[...] = data
        self.problems: list[tuple[int, int, Problem]] = []  # (data index, column or -1, problem)
        self.bad = np.zeros(len(self.data), dtype=bool)
        self.mapping = layout.mapping
        self.words = word_table(self.mapping.level_words)
        self.default_source = SOURCES.index(self.mapping.default_source)
        self.default_day = np.datetime64(self.mapping.assessed_on or today, "D")
        self.skipped = 0
        self._header_keys: list[str] | None = None
        self.employee_numbers: list[str | None] = [None] * len(data)  # valid numbers, by data row

    def column(self, col: int, rows: np.ndarray | None = None) -> list[Cell]:
        """The cells of column ``col`` (of the data rows ``rows``, default all)."""
        if self.matrix is not None:
            return self.matrix[:, col].tolist() if rows is None else self.matrix[rows, col].tolist()  # type: ignore[no-any-return]
        cells = self._columns.get(col)
        if cells is None:
            cells = self._columns[col] = list(map(itemgetter(col), self.data))
        if rows is None or len(rows) == len(cells):
            return cells
        return [cells[i] for i in rows.tolist()]

    def block(self, cols: list[int]) -> np.ndarray:
        """Columns ``cols`` of every data row as a 2-D object array (a copy)."""
        if self.matrix is not None:
            return self.matrix[:, cols]
        out = np.empty((len(self.data), len(cols)), dtype=object)
        for j, col in enumerate(cols):
            out[:, j] = np.fromiter(self.column(col), dtype=object, count=len(self.data))
        return out

    # problems
    def label(self, col: int) -> str:
        return _header_label(self.sheet, self.texts, col)

    def add(self, i: int, col: int | None, key: str, severity: Severity = "error", **params: Any) -> None:
        p = Problem(key, params, file=self.file, sheet=self.sheet.name, row=self.numbers[i],
                    column=self.label(col) if col is not None else None, severity=severity)
        self.problems.append((i, col if col is not None else -1, p))
        if severity == "error":
            self.bad[i] = True

    def cell_error(self, i: int, col: int, err: V.CellError, severity: Severity = "error") -> None:
        self.add(i, col, err.key, severity, **err.params)

    def all_problems(self) -> list[Problem]:
        self.problems.sort(key=lambda t: (t[0], t[1]))
        return self.layout.problems + [p for _, _, p in self.problems]

    def is_repeated_header(self, i: int) -> bool:
        if self._header_keys is None:
            self._header_keys = [normalise(t) for t in self.texts]
        row = self.data[i]
        keys = [normalise(V.cell_text(c) or "") for c in row[: len(self._header_keys)]]
        keys += [""] * (len(self._header_keys) - len(keys))
        return keys == self._header_keys

    def classify(self, emp: Sequence[Cell], mapped_cols: list[int]) -> tuple[np.ndarray, list[str | None], np.ndarray]:
        """Which rows are records, their employee numbers and a person key (equal keys, equal numbers).

        Blank rows, footers (“Total …”), notes (one filled cell, no employee number) and repeated headers
        are skipped and counted; a row with data but no valid employee number gets an error.
        """
        emp_col = self.header.fields["employee_number"]
        codes, values = distinct(emp)
        numbers = [_employee_or_error(v) for v in values]
        ids: dict[Any, int] = {}  # equal employee numbers (100124.0 and "100124"), equal keys
        key_of = np.fromiter(map(ids.setdefault, numbers, count()), dtype=np.int64, count=len(numbers))
        # values that need a look at their row: blank, not an employee number, or letters only (“TOTAL”)
        odd = np.zeros(len(values), dtype=bool)
        for k in [k for k, e in enumerate(numbers) if type(e) is not str or not e.isdigit()]:
            e = numbers[k]
            odd[k] = type(e) is not str or (not _HAS_DIGIT.search(e) and _is_footer_text(values[k]))
        table = np.empty(len(numbers), dtype=object)
        table[:] = numbers
        table[odd] = None
        out: list[str | None] = table[codes].tolist() if codes.size else []
        keys = key_of[codes] if codes.size else np.zeros(0, np.int64)
        keep = np.ones(len(emp), dtype=bool)
        for i in np.nonzero(odd[codes])[0].tolist() if codes.size else []:
            value = emp[i]
            keys[i] = -1
            row = self.data[i]
            filled = sum(1 for c in mapped_cols if c < len(row) and not V.is_blank(row[c]))
            if V.is_blank(value):
                if filled <= 1:
                    keep[i] = False
                    self.skipped += 1
                else:
                    self.add(i, emp_col, "staff.employee_missing")
                continue
            if (filled <= 1 and isinstance(value, str)) or _is_footer_text(value) or self.is_repeated_header(i):
                keep[i] = False
                self.skipped += 1
                continue
            err = numbers[int(codes[i])]
            if isinstance(err, V.CellError):
                self.cell_error(i, emp_col, err)
        self.employee_numbers = out
        return keep, out, keys

    def duplicates(self, rows: np.ndarray, emp: list[str | None]) -> None:
        """Errors on every repeat of an employee number (naming the first row), a warning on the first."""
        emp_col = self.header.fields["employee_number"]
        first: dict[str, int] = {}
        repeats: dict[str, list[int]] = {}
        for i in rows.tolist():
            e = emp[i]
            if e is None:
                continue
            j = first.setdefault(e, i)
            if j != i:
                repeats.setdefault(e, []).append(i)
        for e, again in repeats.items():
            j = first[e]
            self.add(j, emp_col, "staff.duplicate_first", "warning", value=e,
                     rows=_list([self.numbers[i] for i in again]))
            for i in again:
                self.add(i, emp_col, "staff.duplicate", value=e, first_row=self.numbers[j])

    def no_rows_warning(self, keep: np.ndarray) -> None:
        if not keep.any():
            self.layout.problems.append(Problem("staff.no_rows", {}, file=self.file, sheet=self.sheet.name,
                                                row=self.layout.header_row, severity="warning"))

    def result(self, staff: list[StaffRow], levels: LevelColumns) -> ParsedSheet:
        numbers = self.employee_numbers
        return ParsedSheet(
            file=self.file, sheet=self.sheet.name, header_row=self.layout.header_row, mapping=self.mapping,
            staff=staff, levels=levels, problems=self.all_problems(), skipped_rows=self.skipped,
            ignored_columns=self.layout.ignored, hidden_columns_ignored=self.layout.hidden_ignored,
            error_employee_numbers=frozenset(e for i in np.flatnonzero(self.bad).tolist() if (e := numbers[i])),
        )

    # -- staff layout ----------------------------------------------------------------------------------
    def read_staff(self) -> ParsedStaff:
        h = self.header
        f = h.fields
        mapped_cols = sorted(set(f.values()) | set(h.level_fields.values()) | set(h.levels))
        keep, emp, _ = self.classify(self.column(f["employee_number"]), mapped_cols)
        self.no_rows_warning(keep)
        people = np.nonzero(keep)[0]
        self.duplicates(people, emp)
        rows: list[StaffRow] = []
        if "full_name" in f or "given_names" in f:
            rows = self.read_people(people, emp)
        levels = self.read_wide_levels(people, emp)
        bad_rows = {self.numbers[i] for i in np.nonzero(self.bad)[0].tolist()}
        return self.result([s for s in rows if s.row not in bad_rows], levels)

    def read_people(self, people: np.ndarray, emp: list[str | None]) -> list[StaffRow]:
        """People of the rows ``people``, column by column (bad rows included; the caller drops them)."""
        f = self.header.fields
        n = len(people)
        plist = people.tolist()
        none: list[Any] = [None] * n

        def cells(name: str) -> list[Cell]:
            return self.column(f[name], people) if name in f else none

        def report(name: str, errors: Mapping[int, V.CellError], severity: Severity = "error") -> None:
            for k, err in errors.items():
                self.cell_error(plist[k], f[name], err, severity)

        def texts(name: str) -> list[str | None]:
            if name not in f:
                return none
            values, errors = V.text_column(cells(name), LIMITS.get(name))
            report(name, errors)
            return values

        # names
        split = "full_name" in f and not ("given_names" in f and "first_surname" in f)
        given, first, second = texts("given_names"), texts("first_surname"), texts("second_surname")
        if "full_name" in f:
            cells_full = cells("full_name")
            full = texts("full_name")
            parts: list[tuple[str | None, str | None, str | None]] = [
                (p[0] or None, p[1] or None, p[2]) if p else (None, None, None) for p in V.split_full_names(full)]
            if split and n:
                self.layout.problems.append(Problem(
                    "staff.full_name_split", {}, file=self.file, sheet=self.sheet.name,
                    row=self.layout.header_row, column=self.label(f["full_name"]), severity="warning"))
            if not {"given_names", "first_surname", "second_surname"} & set(f):
                given, first, second = (list(x) for x in zip(*parts, strict=True)) if parts else (none, none, none)
            else:  # some name columns as well: the full name fills the gaps
                given = [g or p[0] for g, p in zip(given, parts, strict=True)]
                second = [s or (p[2] if not s1 else None) for s, s1, p in zip(second, first, parts, strict=True)]
                first = [s or p[1] for s, p in zip(first, parts, strict=True)]
            for k in [k for k, p in enumerate(parts) if p[0] and not p[1] and not first[k]]:
                self.add(plist[k], f["full_name"], "value.name_one_word", "warning",
                         value=V.short(V.cell_text(cells_full[k]) or ""))
        name_col = f.get("given_names", f.get("full_name"))
        for k in [k for k, g in enumerate(given) if not g]:
            self.add(plist[k], name_col, "staff.name_missing")
        if "full_name" in f:  # the parts of split names (the name columns were checked as read)
            for name, values in (("given_names", given), ("first_surname", first), ("second_surname", second)):
                limit = LIMITS[name]
                for k in [k for k, v in enumerate(values) if v and len(v) > limit]:
                    self.add(plist[k], f.get(name, name_col), "value.too_long", limit=limit)

        # identifiers
        curp: list[str | None] = none
        curp_birth = np.full(n, V.NAT, dtype=np.int64).view("datetime64[D]")
        if "curp" in f:
            curp, errors, curp_birth = V.check_curps(cells("curp"))
            report("curp", errors)
            seen: dict[str, int] = {}
            for k, c in enumerate(curp):
                if c is not None and seen.setdefault(c, k) != k:
                    j = seen[c]
                    self.add(plist[k], f["curp"], "staff.duplicate_curp", value=c, first_row=self.numbers[plist[j]],
                             other=emp[plist[j]])
        rfc: list[str | None] = none
        if "rfc" in f:
            rfc, errors, warnings = V.check_rfcs(cells("rfc"), self.today)
            report("rfc", errors)
            report("rfc", warnings, "warning")
        email: list[str | None] = none
        if "email" in f:
            email, errors = V.check_emails(cells("email"))
            report("email", errors, "warning")
            for k in [k for k, e in enumerate(email) if e is not None and len(e) > LIMITS["email"]]:
                self.add(plist[k], f["email"], "value.too_long", "warning", limit=LIMITS["email"])
                email[k] = None
        manager: list[str | None] = none
        if "manager_employee_number" in f:
            manager, errors = V.map_column(V.employee_number, cells("manager_employee_number"))
            report("manager_employee_number", errors)
            for k in [k for k, m in enumerate(manager) if m is not None and m == emp[plist[k]]]:
                self.add(plist[k], f["manager_employee_number"], "staff.self_manager", "warning")
                manager[k] = None

        # dates
        birth: list[date | None] = none
        hire: list[date | None] = none
        if "birth_date" in f:
            birth, errors = V.date_column(cells("birth_date"))
            report("birth_date", errors)
        if "hire_date" in f:
            hire, errors = V.date_column(cells("hire_date"))
            report("hire_date", errors)
        self.check_dates(plist, birth, hire, curp, curp_birth, rfc)

        texts_of = {name: texts(name) for name in ("agency", "unit", "position", "grade", "role_profile")}
        return list(map(  # positional, in the order of _STAFF_ROW_FIELDS (checked at import)
            StaffRow,
            [self.numbers[i] for i in plist], [emp[i] or "" for i in plist], [g or "" for g in given],
            [s or "" for s in first], second, curp, rfc, texts_of["agency"], texts_of["unit"],
            texts_of["position"], texts_of["grade"], birth, hire, email, manager, texts_of["role_profile"],
        ))

    def check_dates(self, plist: list[int], birth: list[date | None], hire: list[date | None],
                    curp: list[str | None], curp_birth: np.ndarray, rfc: list[str | None]) -> None:
        """Implausible dates, with numpy: age outside 15–100, birth not before hire, hire in the future,
        hired younger than 15; and dates of birth that differ from the CURP's or the RFC's."""
        f = self.header.fields
        today = np.datetime64(self.today, "D")
        b = V.day_numbers(birth)
        h = V.day_numbers(hire)
        ty, tm, td = V.ymd(np.array([today]))
        by, bm, bd = V.ymd(b)
        has_b, has_h = ~np.isnat(b), ~np.isnat(h)
        age = ty[0] - by - ((tm[0] * 100 + td[0]) < (bm * 100 + bd))
        age_bad = has_b & ((age < MIN_AGE) | (age > MAX_AGE))
        for k in np.nonzero(age_bad)[0].tolist():
            self.add(plist[k], f["birth_date"], "staff.age", birth=str(birth[k]), age=int(age[k]),
                     today=str(self.today), low=MIN_AGE, high=MAX_AGE)
        for k in np.nonzero(has_h & (h > today))[0].tolist():
            self.add(plist[k], f["hire_date"], "staff.hire_future", "warning", hire=str(hire[k]),
                     today=str(self.today))
        both = has_b & has_h
        for k in np.nonzero(both & (b >= h))[0].tolist():
            self.add(plist[k], f["birth_date"], "staff.birth_after_hire", birth=str(birth[k]), hire=str(hire[k]))
        hy, hm, hd = V.ymd(h)
        hire_age = hy - by - ((hm * 100 + hd) < (bm * 100 + bd))
        for k in np.nonzero(both & (b < h) & (hire_age < MIN_AGE) & ~age_bad)[0].tolist():
            self.add(plist[k], f["hire_date"], "staff.hired_young", "warning", hire=str(hire[k]), age=int(hire_age[k]))
        if "curp" in f:
            differ = has_b & ~np.isnat(curp_birth) & (curp_birth != b)
            for k in np.nonzero(differ)[0].tolist():
                self.add(plist[k], f["curp"], "staff.curp_birth", "warning", curp_date=str(curp_birth[k]),
                         birth=str(birth[k]))
        if "rfc" in f:
            with_date = [k for k in np.nonzero(has_b)[0].tolist() if rfc[k] is not None and len(rfc[k]) in (10, 13)]
            if with_date:
                m = np.frombuffer("".join(rfc[k][4:10] for k in with_date).encode("latin-1", "replace"),  # type: ignore[index]
                                  dtype=np.uint8).reshape(-1, 6).astype(np.int64) - 48
                digits = ((m[:, 0] * 10 + m[:, 1]) * 100 + m[:, 2] * 10 + m[:, 3]) * 100 + m[:, 4] * 10 + m[:, 5]
                where = np.asarray(with_date)
                expect = (by[where] % 100) * 10000 + bm[where] * 100 + bd[where]
                for k in where[digits != expect].tolist():
                    r = rfc[k] or ""
                    self.add(plist[k], f["rfc"], "staff.rfc_birth", "warning",
                             rfc_date=f"{r[8:10]}/{r[6:8]}/{r[4:6]}", birth=str(birth[k]))

    # -- per-row assessment data -----------------------------------------------------------------------
    def _days(self, col: int | None, check: np.ndarray) -> np.ndarray:
        """Assessment day per data row: the column's date, else the default day; errors on ``check`` rows."""
        n = len(self.data)
        if col is None:
            return np.full(n, self.default_day)
        cells = self.column(col)
        codes, values = distinct(cells)
        parsed = [_date_or_error(v) for v in values]
        table = V.day_numbers([d if isinstance(d, date) else None for d in parsed])
        days = table[codes] if n else np.zeros(0, "datetime64[D]")
        missing = np.isnat(days)
        if missing.any():
            for i in np.nonzero(missing & check)[0].tolist():
                d = parsed[int(codes[i])]
                if isinstance(d, V.CellError):
                    self.cell_error(i, col, d)
            days[missing] = self.default_day
        future_rows = np.nonzero((days > np.datetime64(self.today, "D")) & check)[0]
        if future_rows.size:
            by_day: dict[str, list[int]] = {}
            for i in future_rows.tolist():
                by_day.setdefault(str(days[i]), []).append(i)
            for d, rows in by_day.items():
                self.add(rows[0], col, "staff.assessed_future", "warning", value=d, today=str(self.today),
                         rows=_list([self.numbers[i] for i in rows]))
        return days

    def _sources(self, col: int | None, check: np.ndarray) -> np.ndarray:
        n = len(self.data)
        if col is None:
            return np.full(n, self.default_source, dtype=np.int8)
        cells = self.column(col)
        codes, values = distinct(cells)
        table = per_value(values, lambda v: s if (s := source_index(v)) is not None else -2, np.int8)
        idx = table[codes] if n else np.zeros(0, np.int8)
        for i in np.nonzero((idx == -2) & check)[0].tolist():
            self.add(i, col, "staff.source_unknown", value=V.shown(cells[i]))
        idx[idx < 0] = self.default_source
        return idx

    def _texts(self, col: int | None, ri: np.ndarray) -> list[str | None] | None:
        """Assessor or evidence texts of the data rows ``ri`` (numbers without ``.0``: employee numbers)."""
        if col is None:
            return None
        codes, values = distinct(self.column(col))
        table = np.empty(len(values), dtype=object)
        table[:] = [V.cell_text(v) for v in values]
        return table[codes[ri]].tolist() if ri.size else []

    def _levels(self, ri: np.ndarray, person_key: np.ndarray, names: Sequence[str], comp: np.ndarray,
                level: np.ndarray, days: np.ndarray, sources: np.ndarray) -> LevelColumns:
        """The level columns of data rows ``ri``; ``person_key[k]`` indexes ``names``."""
        keys, person = _first_order(person_key)
        lf = self.header.level_fields
        rows = np.asarray(self.numbers, dtype=np.int32)[ri] if ri.size else np.zeros(0, np.int32)
        return LevelColumns(
            employee_number=[names[k] for k in keys.tolist()],
            person=person.astype(np.int32),
            competency_id=comp.astype(np.int64),
            level=level.astype(np.int16),
            assessed_on=days.astype("datetime64[D]"),
            source=sources.astype(np.int8),
            row=rows,
            assessor=self._texts(lf.get("assessor"), ri),
            evidence=self._texts(lf.get("evidence"), ri),
        )

    # -- wide levels -----------------------------------------------------------------------------------
    def read_wide_levels(self, people: np.ndarray, emp: list[str | None]) -> LevelColumns:
        h = self.header
        level_cols = sorted(h.levels)
        if not level_cols or people.size == 0:
            return LevelColumns()
        n = len(self.data)
        codes = level_codes(self.block(level_cols), self.words)  # rows × competency columns
        is_person = np.zeros(n, dtype=bool)
        is_person[people] = True
        refs = [h.levels[c] for c in level_cols]
        low = np.array([r.scale_min for r in refs], dtype=np.int64)
        high = np.array([r.scale_max for r in refs], dtype=np.int64)
        value = codes > _FRACTION
        out_of_scale = value & ((codes < low) | (codes > high))
        problem = (out_of_scale | (codes == _BAD_WORD) | (codes == _FRACTION)) & is_person[:, None]
        for i, j in zip(*np.nonzero(problem), strict=True):
            i, j = int(i), int(j)
            col, ref, code = level_cols[j], refs[j], int(codes[i, j])
            raw = V.shown(self.data[i][col])
            if code == _BAD_WORD:
                self.add(i, col, "staff.level_word", value=raw, low=ref.scale_min, high=ref.scale_max)
            elif code == _FRACTION:
                self.add(i, col, "staff.level_fraction", value=raw)
            else:
                self.add(i, col, "staff.level_range", level=raw, low=ref.scale_min, high=ref.scale_max,
                         competency=ref.name_es or ref.name_en or ref.code)
        lf = h.level_fields
        days = self._days(lf.get("assessed_on"), is_person)
        sources = self._sources(lf.get("source"), is_person)
        ok_rows = is_person & ~self.bad
        ri, ci = np.nonzero(value & ok_rows[:, None])
        comp_ids = np.array([r.id for r in refs], dtype=np.int64)
        names = [e or "" for e in emp]
        return self._levels(ri, ri, names, comp_ids[ci], codes[ri, ci], days[ri], sources[ri])

    # -- long layout -----------------------------------------------------------------------------------
    def read_long(self) -> ParsedStaff:
        h = self.header
        lf = h.level_fields
        emp_col = h.fields["employee_number"]
        comp_col, level_col = lf["competency"], lf["level"]
        keep, emp, person_key = self.classify(self.column(emp_col), sorted({emp_col, *lf.values()}))
        self.no_rows_warning(keep)
        refs = self.competencies
        n = len(self.data)
        codes = level_codes(self.block([level_col]), self.words)[:, 0]
        comp_cells = self.column(comp_col)
        matcher = CompetencyMatcher(refs)
        index_of = {r.id: k for k, r in enumerate(refs)}
        comp_codes, comp_values = distinct(comp_cells)
        comp_info = [_competency(v, matcher, refs, index_of) for v in comp_values]
        kinds = {"exact": 0, "fuzzy": 1, "blank": 2, "unknown": 3, "ambiguous": 4}
        kind = per_value(comp_info, lambda info: kinds[info[1]], np.int8)[comp_codes] if n else np.zeros(0, np.int8)
        comp_idx = per_value(comp_info, lambda info: info[0], np.int64)[comp_codes] if n else np.zeros(0, np.int64)
        # a row with neither competency nor level is not an assessment (a note, a spacer): skipped
        empty = keep & (codes == _BLANK) & (kind == 2)
        self.skipped += int(empty.sum())
        keep &= ~empty
        low = np.array([r.scale_min for r in refs] + [0], dtype=np.int64)[comp_idx]
        high = np.array([r.scale_max for r in refs] + [0], dtype=np.int64)[comp_idx]
        known = comp_idx >= 0
        flags = keep & ((kind >= 2) | (codes <= _FRACTION) | (known & ((codes < low) | (codes > high))))
        for i in np.nonzero(flags)[0].tolist():
            ci, k = int(comp_idx[i]), int(kind[i])
            value = comp_cells[i]
            if k == 2:
                self.add(i, comp_col, "staff.competency_missing")
            elif k == 3:
                self.add(i, comp_col, "staff.competency_unknown", value=V.shown(value))
            elif k == 4:
                self.add(i, comp_col, "staff.competency_ambiguous", value=V.shown(value),
                         codes=comp_info[int(comp_codes[i])][2])
            code = int(codes[i])
            raw = V.shown(self.data[i][level_col])
            ref = refs[ci] if ci >= 0 else None
            if code == _BLANK:
                self.add(i, level_col, "staff.level_missing")
            elif code == _BAD_WORD:
                self.add(i, level_col, "staff.level_word", value=raw, low=ref.scale_min if ref else 0,
                         high=ref.scale_max if ref else 4)
            elif code == _FRACTION:
                self.add(i, level_col, "staff.level_fraction", value=raw)
            elif ref is not None and not ref.scale_min <= code <= ref.scale_max:
                self.add(i, level_col, "staff.level_range", level=raw, low=ref.scale_min, high=ref.scale_max,
                         competency=ref.name_es or ref.name_en or ref.code)
        fuzzy_rows = np.nonzero(keep & (kind == 1))[0]
        if fuzzy_rows.size:
            by_value: dict[int, list[int]] = {}
            for i in fuzzy_rows.tolist():
                by_value.setdefault(int(comp_codes[i]), []).append(i)
            for c, rows in by_value.items():
                ref, ratio = refs[int(comp_idx[rows[0]])], comp_info[c][2]
                self.add(rows[0], comp_col, "staff.competency_fuzzy", "warning", value=V.shown(comp_values[c]),
                         name=ref.name_es or ref.name_en, code=competency_key(ref, refs), ratio=int(ratio * 100),
                         rows=_list([self.numbers[i] for i in rows]))
        days = self._days(lf.get("assessed_on"), keep)
        sources = self._sources(lf.get("source"), keep)
        self.repeated_levels(np.nonzero(keep & known)[0], person_key, comp_idx, codes, days, sources, emp,
                             comp_cells, comp_col)
        ri = np.nonzero(keep & known & ~self.bad)[0]
        ids = np.array([r.id for r in refs] + [0], dtype=np.int64)
        names = [""] * (int(person_key.max()) + 1 if person_key.size else 0)
        for i in np.unique(person_key[ri], return_index=True)[1].tolist():
            names[int(person_key[ri[i]])] = emp[ri[i]] or ""
        levels = self._levels(ri, person_key[ri], names, ids[comp_idx[ri]], codes[ri], days[ri], sources[ri])
        return self.result([], levels)

    def repeated_levels(self, rows: np.ndarray, person: np.ndarray, comp: np.ndarray, level: np.ndarray,
                        days: np.ndarray, sources: np.ndarray, emp: list[str | None], comp_cells: list[Cell],
                        comp_col: int) -> None:
        """A warning on every repeat of an assessment (same person, competency, date and source): both rows
        are kept, and by the current-level rule the later one counts."""
        if rows.size < 2:
            return
        parts = [person[rows], comp[rows], days[rows].astype(np.int64), sources[rows].astype(np.int64)]
        parts = [p - p.min() for p in parts]
        bits = [max(int(p.max()).bit_length(), 1) for p in parts]
        if sum(bits) <= 62:
            key = np.zeros(rows.size, dtype=np.int64)
            for p, b in zip(parts, bits, strict=True):
                key = (key << b) | p
            order = np.argsort(key, kind="stable")
            same = key[order][1:] == key[order][:-1]
        else:
            order = np.lexsort(parts[::-1])
            same = np.ones(order.size - 1, dtype=bool)
            for p in parts:
                sp = p[order]
                same &= sp[1:] == sp[:-1]
        if not same.any():
            return
        starts = np.r_[0, np.nonzero(~same)[0] + 1]
        first = np.repeat(starts, np.diff(np.r_[starts, order.size]))
        for pos in (np.nonzero(same)[0] + 1).tolist():
            i, j = int(rows[order[pos]]), int(rows[order[first[pos]]])
            key_params = {"employee": emp[i], "competency": V.shown(comp_cells[i]), "date": str(days[i]),
                          "source": SOURCES[int(sources[i])], "first_row": self.numbers[j]}
            if level[i] == level[j]:
                self.add(i, comp_col, "staff.repeated_level", "warning", **key_params)
            else:
                self.add(i, comp_col, "staff.conflicting_level", "warning", level=int(level[i]),
                         other=int(level[j]), **key_params)


def _competency(value: Cell, matcher: CompetencyMatcher, refs: Sequence[CompetencyRef],
                index_of: Mapping[int, int]) -> tuple[int, str, Any]:
    """``(index into refs or -1, kind, info)`` of a competency cell; kind is exact, fuzzy (info: ratio),
    blank, unknown or ambiguous (info: the codes)."""
    if V.is_blank(value):
        return -1, "blank", None
    text = V.cell_text(value) or ""
    found = matcher.by_code(text) or matcher.exact(text)
    kind, info = "exact", None
    if not found:
        found, ratio = matcher.fuzzy(text)
        kind, info = "fuzzy", ratio
    if not found:
        return -1, "unknown", None
    if len(found) > 1:
        return -1, "ambiguous", ", ".join(competency_key(r, refs) for r in found)
    return index_of[found[0].id], kind, info


def _employee_or_error(value: Cell) -> str | V.CellError | None:
    if type(value) is str and value.isdigit() and value.isascii():
        return value
    try:
        return V.employee_number(value)
    except V.CellError as e:
        return e


def _date_or_error(value: Cell) -> date | V.CellError | None:
    try:
        return V.parse_date(value)
    except V.CellError as e:
        return e
