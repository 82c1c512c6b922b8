"""Read a course catalogue sheet: code, titles, area, provider, hours, modality, competencies raised, prerequisites.

The layout is documented in ``docs/course-catalogue.md``. As for staff lists
(:mod:`skillmap.importing.staff`), the header row is found below title blocks and blank rows, headers are
recognised in Spanish or English (accents, case, punctuation and stray spaces ignored, a note in brackets
too: ``Duración (h)``), columns can be mapped by hand (:class:`CatalogueMapping`), and every problem is
located: file, sheet, spreadsheet row, column header.

* **One row per course** (required): the course code, and any of the other fields of :data:`COURSE_FIELDS`.
  A field the sheet has no column for is not part of the import: an existing course keeps its stored value
  (the service checks that a *new* course has a title, an area, hours and a modality).
* **Competencies raised** in one cell, ``CODE:level; CODE:level`` (line breaks also separate items, and
  commas when every comma-separated piece has its own level). The competency is matched by code
  (``framework:code`` when two frameworks share a code), Spanish or English name; the level is a number or a
  level name of *that competency's framework scale* (``Dominio``, ``Practitioner``, ``practitioner``), then
  the usual level words (``Avanzado``, ``Intermedio`` …, see :data:`skillmap.importing.staff.STAFF_LEVEL_WORDS`).
* **Optionally a second, long sheet** (``raises``): one row per course and competency (course code,
  competency, level). Its rows are added to the competencies of the course sheet.
* **Prerequisites**: course codes separated by ``,`` or ``;``. Whether each one exists (in the file or the
  database) and whether they form a cycle is checked by the service, which knows the database.

Rows with errors are kept in :attr:`ParsedCatalogue.courses` with ``ok=False`` so that a preview can show
them; the service never stores a catalogue with errors. Rows without a code and with at most one other
value (notes, totals, spacers) and repeated header rows are skipped and counted.

Text that a spreadsheet could run as a formula is exported with a leading apostrophe
(:func:`skillmap.services.gaps.csv_safe`); such an apostrophe before ``= + - @`` is dropped on reading, so an
exported catalogue reads back as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from skillmap.frameworks.longtable import IN_USE, NOT_IN_USE, normalise
from skillmap.i18n import register
from skillmap.importing import values as V
from skillmap.importing.model import Cell, CompetencyRef, RawSheet
from skillmap.importing.staff import (
    _BAD_WORD,
    _BLANK,
    _FRACTION,
    HEADER_SCAN_ROWS,
    LEVEL_HEADERS,
    STAFF_LEVEL_WORDS,
    CompetencyMatcher,
    _competency,
    _header_label,
    _is_footer_text,
    _keys,
    _quoted,
    competency_key,
    level_code,
)
from skillmap.problems import Problem, Severity, Term
from skillmap.sample.catalogue import AREAS, MODALITIES

#: Fields of the course sheet (one row per course).
COURSE_FIELDS: tuple[str, ...] = (
    "code", "title_en", "title_es", "description_en", "description_es", "area", "provider", "hours", "modality",
    "competencies", "prerequisites", "active",
)
#: Fields stored in the ``course`` table as they are read (the others are the key and the links).
SCALAR_FIELDS: tuple[str, ...] = (
    "title_en", "title_es", "description_en", "description_es", "area", "provider", "hours", "modality", "active",
)
#: Fields of the optional long sheet (one row per course and competency).
RAISE_FIELDS: tuple[str, ...] = ("course", "competency", "level")
#: Database limits of the stored text fields.
TEXT_LIMITS: dict[str, int] = {"code": 40, "title_en": 300, "title_es": 300, "provider": 200}

#: Header texts recognised for each course field (compared after :func:`normalise`, also without a note in
#: brackets). A plain “Nombre del curso” / “Título” is the Spanish title, a plain “Title” the English one.
COURSE_HEADERS: dict[str, tuple[str, ...]] = {
    "code": (
        "clave", "clave del curso", "clave de curso", "clave curso", "codigo", "codigo del curso",
        "codigo de curso", "id del curso", "id curso", "folio", "folio del curso", "code", "course code",
        "course id", "id",
    ),
    "title_es": (
        "nombre del curso", "nombre de curso", "nombre", "curso", "titulo", "titulo del curso", "denominacion",
        "denominacion del curso", "titulo espanol", "titulo en espanol", "titulo es", "titulo del curso en espanol",
        "nombre en espanol", "nombre del curso en espanol", "nombre es", "nombre espanol", "title es",
        "title spanish", "spanish title", "course title es", "course title spanish",
    ),
    "title_en": (
        "title", "course title", "course name", "name", "course", "title en", "title english", "english title",
        "titulo ingles", "titulo en ingles", "titulo en", "titulo del curso en ingles", "nombre en ingles",
        "nombre del curso en ingles", "nombre en", "nombre ingles", "course title en", "course title english",
    ),
    "description_es": (
        "descripcion", "descripcion del curso", "objetivo", "objetivo del curso", "objetivo general",
        "descripcion espanol", "descripcion en espanol", "descripcion es", "description es",
        "description spanish", "spanish description",
    ),
    "description_en": (
        "description", "course description", "summary", "description en", "description english",
        "english description", "descripcion ingles", "descripcion en ingles", "descripcion en",
    ),
    "area": (
        "area", "area tematica", "area de capacitacion", "eje", "eje tematico", "eje de capacitacion",
        "tipo de curso", "tipo de capacitacion", "categoria", "rubro", "course area", "category", "course type",
        "stream", "area del curso",
    ),
    "provider": (
        "proveedor", "institucion", "institucion que imparte", "institucion capacitadora", "impartido por",
        "imparte", "entidad capacitadora", "capacitador", "instancia capacitadora", "provider", "institution",
        "training provider", "delivered by", "vendor",
    ),
    "hours": (
        "horas", "duracion", "duracion h", "duracion horas", "duracion en horas", "horas de duracion",
        "numero de horas", "no de horas", "num de horas", "total de horas", "horas totales", "carga horaria",
        "hours", "duration", "duration h", "duration hours", "length", "length h", "hrs", "total hours",
    ),
    "modality": (
        "modalidad", "modalidad de imparticion", "modalidad del curso", "forma de imparticion", "modality",
        "mode", "delivery", "delivery mode", "format", "formato",
    ),
    "competencies": (
        "competencias", "competencias que desarrolla", "competencias que fortalece", "competencias desarrolladas",
        "competencias que eleva", "competencias y nivel", "competencias y niveles", "competencias nivel",
        "competencias que desarrolla nivel", "competencia s", "competencies", "competencies raised",
        "competencies and levels", "competency levels", "skills", "skills raised", "raises",
    ),
    "prerequisites": (
        "prerrequisitos", "prerrequisito", "prerequisitos", "prerequisito", "pre requisitos", "requisitos previos",
        "requisitos", "cursos previos", "cursos antecedentes", "antecedentes", "seriacion", "prerequisites",
        "prerequisite", "pre requisites", "prerequisite courses", "requires",
    ),
    "active": (
        "activo", "activa", "vigente", "estatus", "estado", "en catalogo", "activo si no", "active", "status",
        "in use", "current",
    ),
}
#: Header texts of the long sheet.
RAISE_HEADERS: dict[str, tuple[str, ...]] = {
    "course": (
        "clave del curso", "clave de curso", "clave curso", "curso", "codigo del curso", "codigo de curso",
        "clave", "course", "course code", "course id", "code",
    ),
    "competency": (*LEVEL_HEADERS["competency"], "competencia que desarrolla", "competency raised"),
    "level": (
        "nivel", "level", "nivel objetivo", "nivel meta", "nivel que alcanza", "nivel alcanzado", "nivel esperado",
        "nivel de dominio", "nivel de competencia", "target level", "level reached", "to level",
        "proficiency level", "competency level",
    ),
}

#: Area words (compared after :func:`normalise`) → area.
AREA_WORDS: dict[str, str] = {
    **{w: "good_government" for w in (
        "good government", "good governance", "buen gobierno", "gobierno", "gobernanza", "gb")},
    **{w: "management" for w in (
        "management", "managerial", "gerencial", "gestion", "directiva", "directivo", "gerencia", "liderazgo",
        "leadership", "mg")},
    **{w: "technical" for w in (
        "technical", "tecnica", "tecnico", "tecnica especializada", "tecnico especializado", "especializada",
        "especializado", "especifica", "especifico", "te")},
}
#: Modality words (compared after :func:`normalise`) → modality.
MODALITY_WORDS: dict[str, str] = {
    **{w: "online" for w in (
        "online", "on line", "en linea", "virtual", "a distancia", "distancia", "e learning", "elearning",
        "remote", "remota", "remoto", "web")},
    **{w: "in_person" for w in (
        "in person", "presencial", "face to face", "classroom", "aula", "en aula", "onsite", "on site")},
    **{w: "blended" for w in (
        "blended", "blended learning", "mixta", "mixto", "hibrida", "hibrido", "hybrid", "semipresencial",
        "b learning")},
}

register(
    {
        **{f"course.field.{f}": t for f, t in {
            "code": {"en": "course code", "es": "clave del curso"},
            "title_en": {"en": "English title", "es": "título en inglés"},
            "title_es": {"en": "Spanish title", "es": "título en español"},
            "title": {"en": "title (English or Spanish)", "es": "título (en inglés o en español)"},
            "description_en": {"en": "English description", "es": "descripción en inglés"},
            "description_es": {"en": "Spanish description", "es": "descripción en español"},
            "area": {"en": "area", "es": "área"},
            "provider": {"en": "provider", "es": "proveedor"},
            "hours": {"en": "hours", "es": "horas"},
            "modality": {"en": "modality", "es": "modalidad"},
            "competencies": {"en": "competencies raised", "es": "competencias que desarrolla"},
            "prerequisites": {"en": "prerequisites", "es": "prerrequisitos"},
            "active": {"en": "active", "es": "activo"},
            "course": {"en": "course code", "es": "clave del curso"},
            "competency": {"en": "competency", "es": "competencia"},
            "level": {"en": "level", "es": "nivel"},
        }.items()},
        "course.area.good_government": {"en": "Good government", "es": "Buen gobierno"},
        "course.area.management": {"en": "Management", "es": "Gerencial"},
        "course.area.technical": {"en": "Technical", "es": "Técnica"},
        "course.modality.online": {"en": "Online", "es": "En línea"},
        "course.modality.in_person": {"en": "In person", "es": "Presencial"},
        "course.modality.blended": {"en": "Blended", "es": "Mixta"},
        "course.no_header": {
            "en": "no header row found in the first {rows} rows: no row names a course code column (“Clave”, "
                  "“Clave del curso”, “Code” …); map the columns by hand",
            "es": "no se encontró la fila de encabezados en las primeras {rows} filas: ninguna fila nombra una "
                  "columna de clave del curso («Clave», «Clave del curso», «Code» …); asigne las columnas a mano",
        },
        "course.raises_no_header": {
            "en": "no header row found in the first {rows} rows of the competencies sheet: it needs a course code, "
                  "a competency and a level column",
            "es": "no se encontró la fila de encabezados en las primeras {rows} filas de la hoja de competencias: "
                  "necesita una columna de clave del curso, una de competencia y una de nivel",
        },
        "course.raises_sheet": {
            "en": "competencies raised are also read from the sheet “{sheet}” ({rows} rows)",
            "es": "las competencias que desarrollan los cursos se leen también de la hoja «{sheet}» ({rows} filas)",
        },
        "course.code_missing": {"en": "the course code is missing", "es": "falta la clave del curso"},
        "course.code_chars": {
            "en": "course code “{value}” contains “{char}”; codes cannot contain commas or semicolons, which "
                  "separate prerequisites",
            "es": "la clave del curso «{value}» contiene «{char}»; las claves no pueden llevar comas ni puntos y "
                  "coma, que separan los prerrequisitos",
        },
        "course.duplicate": {
            "en": "course code {code} already appears in row {first_row}",
            "es": "la clave del curso {code} ya aparece en la fila {first_row}",
        },
        "course.title_missing": {
            "en": "the course has no title (neither English nor Spanish)",
            "es": "el curso no tiene título (ni en inglés ni en español)",
        },
        "course.hours": {
            "en": "hours must be a number greater than 0, not “{value}”",
            "es": "las horas deben ser un número mayor que 0, no «{value}»",
        },
        "course.hours_missing": {"en": "the hours are missing", "es": "faltan las horas"},
        "course.area_unknown": {
            "en": "area “{value}” is not recognised; the areas are Buen gobierno/Good government, "
                  "Gerencial/Management, Técnica/Technical",
            "es": "el área «{value}» no se reconoce; las áreas son Buen gobierno/Good government, "
                  "Gerencial/Management, Técnica/Technical",
        },
        "course.area_missing": {"en": "the area is missing", "es": "falta el área"},
        "course.modality_unknown": {
            "en": "modality “{value}” is not recognised; the modalities are En línea/Online, Presencial/In person, "
                  "Mixta/Blended",
            "es": "la modalidad «{value}» no se reconoce; las modalidades son En línea/Online, Presencial/In person, "
                  "Mixta/Blended",
        },
        "course.modality_missing": {"en": "the modality is missing", "es": "falta la modalidad"},
        "course.active_unknown": {
            "en": "“{value}” is not a yes/no value (Sí/No, Yes/No); the course keeps its stored state",
            "es": "«{value}» no es un valor sí/no (Sí/No, Yes/No); el curso conserva el estado guardado",
        },
        "course.raise_level_missing": {
            "en": "competency “{competency}” has no level; write it as {competency}:level",
            "es": "la competencia «{competency}» no tiene nivel; escríbala como {competency}:nivel",
        },
        "course.raise_level_word": {
            "en": "level “{value}” of competency “{competency}” is neither a number nor a level name of its scale "
                  "({low}–{high})",
            "es": "el nivel «{value}» de la competencia «{competency}» no es un número ni un nombre de nivel de su "
                  "escala ({low}–{high})",
        },
        "course.raise_level_fraction": {
            "en": "level {value} of competency “{competency}” is not a whole number",
            "es": "el nivel {value} de la competencia «{competency}» no es un número entero",
        },
        "course.raise_lowest": {
            "en": "level {level} is the lowest of the scale of “{competency}”: a course cannot raise a competency "
                  "to it",
            "es": "el nivel {level} es el más bajo de la escala de «{competency}»: un curso no puede llevar una "
                  "competencia a ese nivel",
        },
        "course.raise_twice": {
            "en": "competency “{competency}” is given twice for course {code} (levels {first} and {second})",
            "es": "la competencia «{competency}» aparece dos veces para el curso {code} (niveles {first} y "
                  "{second})",
        },
        "course.competency_fuzzy": {
            "en": "“{value}” is read as the competency “{name}” ({code}), {ratio}% alike",
            "es": "«{value}» se lee como la competencia «{name}» ({code}), con {ratio}% de parecido",
        },
        "course.prereq_self": {
            "en": "course {code} names itself as a prerequisite",
            "es": "el curso {code} se nombra a sí mismo como prerrequisito",
        },
        "course.raise_course_missing": {"en": "the course code is missing", "es": "falta la clave del curso"},
        "course.raise_course_unknown": {
            "en": "course {code} is not in the course sheet “{sheet}”",
            "es": "el curso {code} no está en la hoja de cursos «{sheet}»",
        },
    }
)


# -- small helpers -------------------------------------------------------------------------------------------
def _index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {normalise(text): name for name, texts in table.items() for text in texts}


_COURSE_FIELD_OF = _index(COURSE_HEADERS)
_RAISE_FIELD_OF = _index(RAISE_HEADERS)
_AREA_OF = {normalise(k): v for k, v in AREA_WORDS.items()} | {normalise(a): a for a in AREAS}
_MODALITY_OF = {normalise(k): v for k, v in MODALITY_WORDS.items()} | {normalise(a): a for a in MODALITIES}
_HOURS = re.compile(r"(.+?)\s*(?:h|hr|hrs|hora|horas|hour|hours)\.?", re.IGNORECASE)
_CODE_FORBIDDEN = (",", ";")
_CSV_TRIGGERS = ("=", "+", "-", "@")


def _lookup(text: str, table: Mapping[str, str]) -> str | None:
    for key in _keys(text)[:2]:
        if key in table:
            return table[key]
    return None


def course_field(text: str) -> str | None:
    """The course field a header names, if any."""
    return _lookup(text, _COURSE_FIELD_OF)


def raise_field(text: str) -> str | None:
    """The field of the long competencies sheet a header names, if any."""
    return _lookup(text, _RAISE_FIELD_OF)


def area_of(value: Cell) -> str | None:
    """The area a cell names (``Buen gobierno``, ``Gerencial``, ``Technical`` …), None if not recognised."""
    text = V.cell_text(value)
    return _AREA_OF.get(normalise(text)) if text else None


def modality_of(value: Cell) -> str | None:
    """The modality a cell names (``En línea``, ``Presencial``, ``Blended`` …), None if not recognised."""
    text = V.cell_text(value)
    return _MODALITY_OF.get(normalise(text)) if text else None


def active_of(value: Cell) -> bool | None:
    """Yes/no of an *active* cell (``Sí``, ``No``, ``Vigente``, ``Baja``, TRUE …); None if not recognised."""
    if isinstance(value, bool):
        return value
    text = V.cell_text(value)
    if not text:
        return None
    key = normalise(text)
    return True if key in IN_USE else False if key in NOT_IN_USE else None


def parse_hours(value: Cell) -> float | None:
    """Hours from a number or text (``20``, ``1,5``, ``20 h``, ``16 horas``); None if blank. Raises
    :class:`~skillmap.importing.values.CellError` unless it is a number greater than 0."""
    if V.is_blank(value):
        return None
    number: float | None
    try:
        number = V.parse_number(value)
    except V.CellError:
        m = _HOURS.fullmatch(value.strip()) if isinstance(value, str) else None
        try:
            number = V.parse_number(m.group(1)) if m else None
        except V.CellError:
            number = None
        if number is None:
            raise V.CellError("course.hours", value=V.shown(value)) from None
    if number is None or not number > 0:
        raise V.CellError("course.hours", value=V.shown(value))
    return number


def clean_text(value: Cell, *, multiline: bool = False) -> str:
    """A text cell as stored: one line with single spaces (or, with ``multiline``, the lines kept and trimmed);
    ``""`` if blank; an apostrophe put before ``= + - @`` by an export (against formula injection) dropped."""
    if value is None:
        return ""
    if multiline and isinstance(value, str):
        lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        text = "\n".join(lines).strip("\n")
    else:
        text = V.cell_text(value) or ""
    if text.startswith("'") and text[1:2] in _CSV_TRIGGERS:
        text = text[1:]
    return text


def split_codes(text: str) -> list[str]:
    """Course codes of a prerequisites cell: separated by ``,``, ``;`` or line breaks, trimmed, each once."""
    out: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;\n]", text):
        code = " ".join(part.split())
        if code and code.casefold() not in seen:
            seen.add(code.casefold())
            out.append(code)
    return out


_LEVEL_SEP = re.compile(r"[:=]")


def split_raises(text: str) -> list[tuple[str, str | None]]:
    """``(competency, level or None)`` of each item of a competencies cell (``CODE:level; CODE:level``).

    Items are separated by ``;`` or line breaks, and by ``,`` when every comma-separated piece has its own
    ``:`` (or ``=``) level. The level is what follows the last ``:`` or ``=``."""
    items: list[str] = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(_LEVEL_SEP.search(p) for p in pieces if p):
            items.extend(p for p in pieces if p)
        else:
            items.append(part)
    out: list[tuple[str, str | None]] = []
    for item in items:
        found = list(_LEVEL_SEP.finditer(item))
        if not found:
            out.append((" ".join(item.split()), None))
            continue
        cut = found[-1].start()
        out.append((" ".join(item[:cut].split()), " ".join(item[cut + 1:].split()) or None))
    return out


def scale_words(levels: Iterable[tuple[int, str, str, str]]) -> dict[str, int]:
    """The words of one framework scale, ``(level, code, English name, Spanish name)`` each, as a level-word
    table (normalised word → level)."""
    out: dict[str, int] = {}
    for level, *names in levels:
        for name in names:
            if name and normalise(name):
                out[normalise(name)] = int(level)
    return out


# -- data ----------------------------------------------------------------------------------------------------
@dataclass
class CatalogueMapping:
    """Where things are in a catalogue workbook (detected, or set by hand). Saved as JSON for the next file."""

    sheet: str | None = None
    header_row: int | None = None  # spreadsheet row of the course sheet's header; None = detect
    fields: dict[str, str] = field(default_factory=dict)  # COURSE_FIELDS field -> header text ("" = off)
    raises_sheet: str | None = None  # the long sheet, if any
    raises_header_row: int | None = None
    raises_fields: dict[str, str] = field(default_factory=dict)  # RAISE_FIELDS field -> header text
    level_words: dict[str, int] = field(default_factory=dict)  # extra level words -> level (over every scale)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogueMapping:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class ParsedCourse:
    """One course row as read. ``values`` holds the :data:`SCALAR_FIELDS` the row carries (a field without a
    column, or a blank *active* cell, is absent: the stored value stays); ``raises`` is None and
    ``prerequisites`` None when the file carries no competencies or no prerequisites."""

    row: int  # spreadsheet row
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    raises: dict[int, int] | None = None  # competency id -> level
    prerequisites: tuple[str, ...] | None = None  # course codes as written (not yet resolved)
    ok: bool = True  # no error on the row (nor on its rows of the competencies sheet)
    raise_rows: list[int] = field(default_factory=list)  # its rows of the competencies sheet, if any


@dataclass
class ParsedCatalogue:
    file: str
    sheet: str | None
    header_row: int
    mapping: CatalogueMapping  # the mapping actually used, ready to save
    courses: list[ParsedCourse] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> header label of the course sheet
    raises_sheet: str | None = None
    raises_columns: dict[str, str] = field(default_factory=dict)
    competencies: dict[int, str] = field(default_factory=dict)  # competency id -> code as a mapping names it
    skipped_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def carried(self) -> frozenset[str]:
        """The fields the file carries (a column, or for competencies a column or the long sheet)."""
        out = set(self.columns)
        if self.raises_sheet is not None:
            out.add("competencies")
        return frozenset(out)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_rows(self) -> set[int]:
        return {c.row for c in self.courses if not c.ok}


# -- header --------------------------------------------------------------------------------------------------
@dataclass
class _Table:
    index: int  # into sheet.rows
    header_row: int
    texts: list[str]
    columns: dict[str, int]  # field -> column
    ignored: list[str]  # headers of columns not read


def _row_texts(row: Sequence[Cell], width: int) -> list[str]:
    texts = [V.cell_text(c) or "" for c in row[:width]]
    return texts + [""] * (width - len(texts))


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.bad: set[tuple[str, int]] = set()  # (sheet, row) with an error

    def add(self, key: str, sheet: str | None, row: int | None, column: str | None = None,
            severity: Severity = "error", /, **params: Any) -> None:
        self.items.append(Problem(key, params, file=self.file, sheet=sheet, row=row, column=column,
                                  severity=severity))
        if severity == "error" and row is not None and sheet is not None:
            self.bad.add((sheet, row))


def _find_header(sheet: RawSheet, problems: _Problems, *, known: tuple[str, ...], field_of: Callable[[str], str | None],
                 user: Mapping[str, str], header_row: int | None, required: tuple[str, ...], no_header: str,
                 ) -> _Table | None:
    """The header row (given, or the one of the first :data:`HEADER_SCAN_ROWS` non-blank rows that names the
    most fields) and the column of each field; problems about the header are reported."""
    name = sheet.name
    fields = {f: h for f, h in user.items() if f in known}
    for f in user:
        if f not in known:
            problems.add("staff.unknown_field", name, None, field=f, fields=", ".join(known))
    hidden = {c - sheet.col_offset for c in sheet.hidden_columns}
    width = max((len(r) for r in sheet.rows[: HEADER_SCAN_ROWS * 2]), default=0)
    if header_row is not None:
        if header_row not in sheet.row_numbers:
            problems.add("staff.header_row_missing", name, None, given=header_row)
            return None
        candidates = [sheet.row_numbers.index(header_row)]
    else:
        candidates = [i for i, r in enumerate(sheet.rows) if not all(V.is_blank(c) for c in r)][:HEADER_SCAN_ROWS]

    def match(texts: list[str]) -> tuple[dict[str, int], list[str], list[tuple[int, str, int]]]:
        by_key: dict[str, int] = {}
        for col, text in enumerate(texts):
            if text:
                by_key.setdefault(normalise(text), col)
        columns: dict[str, int] = {}
        missing: list[str] = []
        for f, header in fields.items():
            if header.strip():
                col = by_key.get(normalise(header))
                if col is None:
                    missing.append(f)
                else:
                    columns[f] = col
        disabled = {f for f, h in fields.items() if not h.strip()}
        claimed = set(columns.values())
        twice: list[tuple[int, str, int]] = []
        for col, text in enumerate(texts):
            if not text or col in claimed or col in hidden:
                continue
            f = field_of(text)
            if f is None or f in disabled:
                continue
            if f in columns:
                twice.append((col, f, columns[f]))
            else:
                columns[f] = col
                claimed.add(col)
        return columns, missing, twice

    best: tuple[int, list[str], dict[str, int], list[str], list[tuple[int, str, int]]] | None = None
    for index in candidates:
        texts = _row_texts(sheet.rows[index], width)
        columns, missing, twice = match(texts)
        if columns and (best is None or len(columns) > len(best[2])):
            best = (index, texts, columns, missing, twice)
    if best is None:
        problems.add(no_header, name, None, rows=HEADER_SCAN_ROWS)
        return None
    index, texts, columns, missing, twice = best
    row = sheet.row_numbers[index]
    headers = _quoted(t for t in texts if t)
    ok = True
    for f in required:
        if f not in columns:
            problems.add("staff.missing_columns", name, row, field=Term(f"course.field.{f}"), headers=headers)
            ok = False
    for f in missing:
        problems.add("staff.mapped_header_missing", name, row, None, "error" if f in required else "warning",
                     header=fields[f], field=Term(f"course.field.{f}"), headers=headers)
    if not ok:
        return None
    for col, f, used in twice:
        problems.add("staff.duplicate_column", name, row, _header_label(sheet, texts, col), "warning",
                     field=Term(f"course.field.{f}"), used=_header_label(sheet, texts, used))
    used_cols = set(columns.values())
    ignored = [_header_label(sheet, texts, c) for c in range(len(texts)) if texts[c] and c not in used_cols
               and c not in hidden]
    hidden_ignored = [_header_label(sheet, texts, c) for c in range(len(texts)) if texts[c] and c not in used_cols
                      and c in hidden]
    if ignored:
        problems.add("staff.ignored_columns", name, row, None, "warning", headers=_quoted(ignored))
    if hidden_ignored:
        problems.add("staff.hidden_columns", name, row, None, "warning", headers=_quoted(hidden_ignored))
    return _Table(index, row, texts, columns, ignored)


def _score(sheet: RawSheet, field_of: Callable[[str], str | None], known: tuple[str, ...],
           required: tuple[str, ...]) -> float:
    best = 0.0
    seen = 0
    for row in sheet.rows:
        if all(V.is_blank(c) for c in row):
            continue
        seen += 1
        if seen > HEADER_SCAN_ROWS:
            break
        found = {field_of(t) for c in row if (t := V.cell_text(c))}
        found.discard(None)
        score = len(found) / len(known)
        if not all(f in found for f in required):
            score /= 2
        best = max(best, score)
    return round(best, 3)


def score_course_header(sheet: RawSheet) -> float:
    """How much ``sheet`` looks like a course catalogue, from 0 to 1 (every field has a column); halved without
    a code and a title column. For :func:`~skillmap.importing.reader.likely_sheet`."""
    titled = _score(sheet, course_field, COURSE_FIELDS, ("code", "title_es"))
    return max(titled, _score(sheet, course_field, COURSE_FIELDS, ("code", "title_en")))


def score_raises_header(sheet: RawSheet) -> float:
    """How much ``sheet`` looks like the long competencies sheet (course code, competency, level): 1 when it
    has the three columns."""
    return _score(sheet, raise_field, RAISE_FIELDS, RAISE_FIELDS)


# -- competencies and levels -------------------------------------------------------------------------------
class _Raises:
    """Resolves competency texts and levels against the competencies of the active frameworks."""

    def __init__(self, refs: Sequence[CompetencyRef], scales: Mapping[str, Mapping[str, int]],
                 extra_words: Mapping[str, int]):
        self.refs = list(refs)
        self.matcher = CompetencyMatcher(self.refs)
        self.index_of = {r.id: k for k, r in enumerate(self.refs)}
        self.scales = {fw: {normalise(k): int(v) for k, v in words.items()} for fw, words in scales.items()}
        self.extra = {normalise(str(k)): int(v) for k, v in extra_words.items()}
        self._words: dict[str, dict[str, int]] = {}
        self._found: dict[str, tuple[int, str, Any]] = {}
        shared = Counter(r.code.casefold() for r in self.refs)  # competency_key's rule, counted once
        self._keys = {r.id: competency_key(r, self.refs) if shared[r.code.casefold()] > 1 else r.code
                      for r in self.refs}

    def words(self, framework: str) -> dict[str, int]:
        table = self._words.get(framework)
        if table is None:
            table = {normalise(k): v for k, v in STAFF_LEVEL_WORDS.items()}
            table.update(self.scales.get(framework, {}))
            table.update(self.extra)
            self._words[framework] = table
        return table

    def competency(self, text: str) -> tuple[int, str, Any]:
        hit = self._found.get(text)
        if hit is None:
            hit = self._found[text] = _competency(text, self.matcher, self.refs, self.index_of)
        return hit

    def key(self, ref: CompetencyRef) -> str:
        """How a mapping names ``ref`` (:func:`~skillmap.importing.staff.competency_key`)."""
        return self._keys.get(ref.id) or competency_key(ref, self.refs)

    def read(self, comp_text: str, level_text: Cell, add: Callable[..., None], add_level: Callable[..., None], *,
             cell_level: bool, fuzzy_seen: set[str]) -> tuple[int, int] | None:
        """``(competency id, level)``, or None after reporting why not through ``add(key, severity, **params)``
        (about the competency) or ``add_level`` (about the level). ``cell_level``: the level comes from a
        ``CODE:level`` item (its own messages) rather than from a column."""
        k, kind, info = self.competency(comp_text)
        shown = V.short(comp_text)
        if kind == "blank":
            add("staff.competency_missing")
            return None
        if kind == "unknown":
            add("staff.competency_unknown", value=shown)
            return None
        if kind == "ambiguous":
            add("staff.competency_ambiguous", value=shown, codes=info)
            return None
        ref = self.refs[k]
        if kind == "fuzzy" and comp_text not in fuzzy_seen:
            fuzzy_seen.add(comp_text)
            add("course.competency_fuzzy", "warning", value=shown, name=ref.name_es or ref.name_en,
                code=self.key(ref), ratio=int(info * 100))
        label = self.key(ref)
        if V.is_blank(level_text):
            if cell_level:
                add_level("course.raise_level_missing", competency=label)
            else:
                add_level("staff.level_missing")
            return None
        code = level_code(level_text, self.words(ref.framework_code))
        raw = V.shown(level_text)
        if code == _BLANK:
            add_level("course.raise_level_missing" if cell_level else "staff.level_missing", competency=label)
            return None
        if code == _BAD_WORD:
            add_level("course.raise_level_word", value=raw, competency=label, low=ref.scale_min, high=ref.scale_max)
            return None
        if code == _FRACTION:
            add_level("course.raise_level_fraction", value=raw, competency=label)
            return None
        if not ref.scale_min <= code <= ref.scale_max:
            add_level("staff.level_range", level=raw, low=ref.scale_min, high=ref.scale_max,
                      competency=ref.name_es or ref.name_en or ref.code)
            return None
        if code == ref.scale_min:
            add_level("course.raise_lowest", level=code, competency=label)
            return None
        return ref.id, code


# -- parsing -------------------------------------------------------------------------------------------------
def _is_repeated_header(row: Sequence[Cell], keys: list[str]) -> bool:
    cells = [normalise(V.cell_text(c) or "") for c in row[: len(keys)]]
    return cells + [""] * (len(keys) - len(cells)) == keys


def parse_catalogue(sheet: RawSheet, file: str, competencies: Sequence[CompetencyRef], *,
                    raises: RawSheet | None = None, scales: Mapping[str, Mapping[str, int]] | None = None,
                    mapping: CatalogueMapping | None = None) -> ParsedCatalogue:
    """Read a course catalogue from ``sheet`` (one row per course) and optionally ``raises`` (the long sheet of
    course, competency and level), with every problem located. See the module docstring.

    ``competencies`` are those of the active frameworks; ``scales`` gives, per framework code, the level words
    of its scale (:func:`scale_words`), which win over the usual level words; ``mapping`` overrides detection
    (fields mapped to headers, ``""`` switching a field off; header rows; extra level words)."""
    user = mapping if mapping is not None else CatalogueMapping()
    problems = _Problems(file)
    resolver = _Raises(competencies, scales or {}, user.level_words)
    out = CatalogueMapping(sheet=sheet.name, level_words=dict(user.level_words))
    table = _find_header(sheet, problems, known=COURSE_FIELDS, field_of=course_field, user=user.fields,
                         header_row=user.header_row, required=("code",), no_header="course.no_header")
    if table is None:
        return ParsedCatalogue(file, sheet.name, 0, out, problems=problems.items)
    cols = table.columns
    out.header_row = table.header_row
    out.fields = {f: table.texts[c] for f, c in cols.items()}
    out.fields.update({f: "" for f, h in user.fields.items() if f in COURSE_FIELDS and not h.strip()})
    label = {f: _header_label(sheet, table.texts, c) for f, c in cols.items()}
    name = sheet.name
    keys = [normalise(t) for t in table.texts]
    parsed = ParsedCatalogue(file, name, table.header_row, out, columns=label)
    first_row: dict[str, int] = {}
    courses: list[ParsedCourse] = []
    fuzzy_seen: set[str] = set()
    mapped = sorted(cols.values())

    for index in range(table.index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        row = sheet.row_numbers[index]

        def cell(f: str, cells: list[Cell] = cells) -> Cell:
            c = cols.get(f)
            return cells[c] if c is not None and c < len(cells) else None

        def add(key: str, f: str | None, severity: Severity = "error", row: int = row, /, **params: Any) -> None:
            problems.add(key, name, row, label.get(f) if f else None, severity, **params)

        if _is_repeated_header(cells, keys):
            parsed.skipped_rows += 1
            continue
        filled = sum(1 for c in mapped if c < len(cells) and not V.is_blank(cells[c]))
        code_cell = cell("code")
        if V.is_blank(code_cell) or (_is_footer_text(code_cell) and filled <= 1):
            if filled <= 1:  # a note, a total, a spacer
                parsed.skipped_rows += 1
                continue
            add("course.code_missing", "code")
            continue
        try:
            code = V.limited(clean_text(code_cell), TEXT_LIMITS["code"])
        except V.CellError as e:
            add(e.key, "code", **e.params)
            continue
        course = ParsedCourse(row, code)
        bad_char = next((ch for ch in _CODE_FORBIDDEN if ch in code), None)
        if bad_char:
            add("course.code_chars", "code", value=code, char=bad_char)
        j = first_row.setdefault(code.casefold(), row)
        if j != row:
            add("course.duplicate", "code", code=code, first_row=j)
        courses.append(course)
        values = course.values

        for f in ("title_en", "title_es", "provider", "description_en", "description_es"):
            if f in cols:
                try:
                    text = clean_text(cell(f), multiline=f.startswith("description"))
                    values[f] = V.limited(text, TEXT_LIMITS[f]) if f in TEXT_LIMITS else text
                except V.CellError as e:
                    add(e.key, f, **e.params)
        titles = [f for f in ("title_en", "title_es") if f in cols]
        if titles and not any(values.get(f) for f in titles) and all(f in values for f in titles):
            add("course.title_missing", titles[-1])
        if "area" in cols:
            raw = cell("area")
            area = area_of(raw)
            if area is None:
                add("course.area_missing" if V.is_blank(raw) else "course.area_unknown", "area", value=V.shown(raw))
            else:
                values["area"] = area
        if "modality" in cols:
            raw = cell("modality")
            modality = modality_of(raw)
            if modality is None:
                add("course.modality_missing" if V.is_blank(raw) else "course.modality_unknown", "modality",
                    value=V.shown(raw))
            else:
                values["modality"] = modality
        if "hours" in cols:
            try:
                hours = parse_hours(cell("hours"))
            except V.CellError as e:
                add(e.key, "hours", **e.params)
            else:
                if hours is None:
                    add("course.hours_missing", "hours")
                else:
                    values["hours"] = hours
        if "active" in cols:
            raw = cell("active")
            active = active_of(raw)
            if active is not None:
                values["active"] = active
            elif not V.is_blank(raw):
                add("course.active_unknown", "active", "warning", value=V.shown(raw))
        if "prerequisites" in cols:
            codes = split_codes(clean_text(cell("prerequisites")))
            if any(c.casefold() == code.casefold() for c in codes):
                add("course.prereq_self", "prerequisites", code=code)
                codes = [c for c in codes if c.casefold() != code.casefold()]
            course.prerequisites = tuple(codes)
        if "competencies" in cols:
            course.raises = {}
            text = clean_text(cell("competencies"), multiline=True)

            def at_cell(key: str, severity: Severity = "error", **p: Any) -> None:
                add(key, "competencies", severity, **p)

            for comp_text, level_text in split_raises(text):
                if level_text is not None and resolver.competency(comp_text)[1] == "unknown" and \
                        resolver.competency(f"{comp_text}:{level_text}")[1] == "exact":
                    comp_text, level_text = f"{comp_text}:{level_text}", None  # framework:CODE without a level
                got = resolver.read(comp_text, level_text, at_cell, at_cell, cell_level=True, fuzzy_seen=fuzzy_seen)
                if got is not None:
                    _put(course, got, resolver, lambda key, **p: add(key, "competencies", **p))
        elif raises is not None:
            course.raises = {}

    if not courses:
        problems.add("staff.no_rows", name, table.header_row, None, "warning")
    if raises is not None:
        _read_raises(raises, courses, name, user, out, parsed, problems, resolver, fuzzy_seen)

    for course in courses:
        course.ok = (name, course.row) not in problems.bad
        # an error on one of its rows of the long sheet makes the course bad
        if course.ok and any((parsed.raises_sheet, r) in problems.bad for r in course.raise_rows):
            course.ok = False
    parsed.courses = courses
    parsed.problems = problems.items
    parsed.competencies = {r.id: resolver.key(r) for r in resolver.refs}
    parsed.ignored_columns = table.ignored
    return parsed


def _put(course: ParsedCourse, got: tuple[int, int], resolver: _Raises, add: Callable[..., None]) -> None:
    """Add one raise to ``course``, reporting the same competency given twice."""
    comp, level = got
    assert course.raises is not None
    if comp in course.raises:
        ref = resolver.refs[resolver.index_of[comp]]
        add("course.raise_twice", competency=resolver.key(ref), code=course.code, first=course.raises[comp],
            second=level)
        return
    course.raises[comp] = level


def _read_raises(sheet: RawSheet, courses: list[ParsedCourse], course_sheet: str, user: CatalogueMapping,
                 out: CatalogueMapping, parsed: ParsedCatalogue, problems: _Problems, resolver: _Raises,
                 fuzzy_seen: set[str]) -> None:
    table = _find_header(sheet, problems, known=RAISE_FIELDS, field_of=raise_field, user=user.raises_fields,
                         header_row=user.raises_header_row, required=RAISE_FIELDS, no_header="course.raises_no_header")
    if table is None:
        # the courses cannot be checked without their competencies: each is bad through the sheet's error
        problems.bad.update((course_sheet, c.row) for c in courses)
        return
    name = sheet.name
    cols = table.columns
    label = {f: _header_label(sheet, table.texts, c) for f, c in cols.items()}
    out.raises_sheet = name
    out.raises_header_row = table.header_row
    out.raises_fields = {f: table.texts[c] for f, c in cols.items()}
    parsed.raises_sheet = name
    parsed.raises_columns = label
    keys = [normalise(t) for t in table.texts]
    by_code: dict[str, ParsedCourse] = {}
    for c in courses:
        by_code.setdefault(c.code.casefold(), c)
    rows = 0
    mapped = sorted(cols.values())
    for index in range(table.index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        row = sheet.row_numbers[index]

        def add(key: str, f: str | None, severity: Severity = "error", row: int = row, /, **params: Any) -> None:
            problems.add(key, name, row, label.get(f) if f else None, severity, **params)

        if _is_repeated_header(cells, keys):
            parsed.skipped_rows += 1
            continue
        get = [cells[c] if c < len(cells) else None for c in (cols["course"], cols["competency"], cols["level"])]
        filled = sum(1 for c in mapped if c < len(cells) and not V.is_blank(cells[c]))
        if filled <= 1 and (V.is_blank(get[0]) or _is_footer_text(get[0])):
            parsed.skipped_rows += 1
            continue
        rows += 1
        code = clean_text(get[0])
        if not code:
            add("course.raise_course_missing", "course")
            continue
        course = by_code.get(code.casefold())
        if course is None:
            add("course.raise_course_unknown", "course", code=code, sheet=course_sheet)
            continue
        course.raise_rows.append(row)
        if course.raises is None:
            course.raises = {}
        comp_text = clean_text(get[1])

        def at_comp(key: str, severity: Severity = "error", **p: Any) -> None:
            add(key, "competency", severity, **p)

        def at_level(key: str, severity: Severity = "error", **p: Any) -> None:
            add(key, "level", severity, **p)

        got = resolver.read(comp_text, get[2], at_comp, at_level, cell_level=False, fuzzy_seen=fuzzy_seen)
        if got is not None:
            _put(course, got, resolver, lambda key, **p: add(key, "competency", **p))
    problems.add("course.raises_sheet", course_sheet, None, None, "warning", sheet=name, rows=rows)


def codes_list(codes: Iterable[str]) -> str:
    """Course codes as a prerequisites cell writes them: ``GB-01, GB-03``."""
    return ", ".join(codes)


def raises_text(raises: Mapping[int, int], names: Mapping[int, str]) -> str:
    """A competencies cell: ``CODE:level; CODE:level``, by code (``names``: competency id → code)."""
    items = sorted((names.get(cid, f"#{cid}"), level) for cid, level in raises.items())
    return "; ".join(f"{code}:{level}" for code, level in items)


__all__ = [
    "AREA_WORDS", "COURSE_FIELDS", "COURSE_HEADERS", "MODALITY_WORDS", "RAISE_FIELDS", "RAISE_HEADERS",
    "SCALAR_FIELDS", "TEXT_LIMITS", "CatalogueMapping", "ParsedCatalogue", "ParsedCourse", "active_of", "area_of",
    "clean_text", "codes_list", "course_field", "modality_of", "parse_catalogue", "parse_hours", "raise_field",
    "raises_text", "scale_words", "score_course_header", "score_raises_header", "split_codes", "split_raises",
]
