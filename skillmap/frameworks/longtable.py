"""Import a competency framework published as one long table (CSV or Excel).

Such a table has one row per role level and skill, with columns such as role family, role, role level, skill,
skill level (often a word: “Working”, “Avanzado”) and descriptions. Columns are recognised by their headers,
in English or Spanish, or mapped by hand; level words are mapped to the framework's scale through a word
table the user can extend. Nothing about any one publisher is built in. See ``docs/long-table-import.md``.

:func:`import_long_table` reads the table with :mod:`skillmap.frameworks.tabular`, collects every problem
(located by file, sheet, spreadsheet row and column header) and raises :class:`InputError` with all of them
if any is an error; otherwise it returns the :class:`Framework` and the warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from skillmap.frameworks.fileformat import CODE_RE, framework_to_dict, parse_framework
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
from skillmap.frameworks.tabular import WORKBOOK_EXTENSIONS, Table, list_sheets, read_table
from skillmap.i18n import register
from skillmap.problems import InputError, Problem

Lang = Literal["en", "es", "both"]

FIELDS: tuple[str, ...] = (
    "role_family",
    "role",
    "role_level",
    "role_title",
    "role_description",
    "skill",
    "skill_code",
    "category",
    "skill_description",
    "skill_level",
    "level_description",
    "status",
    "hard_to_transfer",
)
REQUIRED_FIELDS: tuple[str, ...] = ("role", "skill", "skill_level")
HEADER_SCAN_ROWS = 30
MAX_SHEETS_PROBED = 20

#: Header texts recognised for each field (compared after :func:`normalise`).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "role_family": (
        "role family", "family", "job family", "career family", "profession", "role group",
        "familia", "familia de roles", "familia de rol", "familia del rol", "familia de puestos",
        "familia de puesto", "familia del puesto", "familia profesional", "grupo de puestos",
    ),
    "role": (
        "role", "role name", "job role", "job", "rol", "nombre del rol", "puesto", "nombre del puesto",
        "cargo",
    ),
    "role_level": (
        "role level", "level of role", "job level", "career level", "seniority", "seniority level", "grade",
        "band", "nivel del rol", "nivel de rol", "nivel del puesto", "nivel de puesto", "nivel jerarquico",
        "nivel de responsabilidad", "senioridad", "grado", "rango",
    ),
    "role_title": (
        "role title", "role level title", "job title", "level title", "title", "titulo", "titulo del puesto",
        "titulo del rol", "denominacion", "denominacion del puesto",
    ),
    "role_description": (
        "role description", "description of role", "job description", "role summary",
        "descripcion del rol", "descripcion del puesto", "descripcion de rol", "descripcion de puesto",
    ),
    "skill": (
        "skill", "skill name", "competency", "competency name", "competence", "capability",
        "competencia", "nombre de la competencia", "habilidad", "nombre de la habilidad", "capacidad",
    ),
    "skill_code": (
        "skill code", "skill id", "competency code", "competency id", "codigo de competencia",
        "codigo de la competencia", "clave de competencia", "clave de la competencia", "codigo de habilidad",
        "codigo de la habilidad", "id de competencia",
    ),
    "category": (
        "category", "skill category", "competency category", "skill group", "competency group", "skill area",
        "domain", "categoria", "categoria de competencia", "categoria de la competencia",
        "grupo de competencias", "area de competencia", "dominio de competencia",
    ),
    "skill_description": (
        "skill description", "competency description", "description of skill", "skill definition",
        "descripcion de la competencia", "descripcion de competencia", "descripcion de la habilidad",
        "descripcion de habilidad", "definicion de la competencia", "definicion",
    ),
    "skill_level": (
        "skill level", "level of skill", "proficiency", "proficiency level", "competency level",
        "required level", "level required", "nivel de competencia", "nivel de la competencia",
        "nivel de habilidad", "nivel de la habilidad", "nivel requerido", "nivel de dominio",
    ),
    "level_description": (
        "skill level description", "level description", "description of level", "proficiency description",
        "level descriptor", "skill level descriptor", "competency level description", "descriptor",
        "descripcion del nivel", "descripcion de nivel", "descripcion del nivel de competencia",
        "descripcion del nivel de habilidad", "descriptor del nivel", "conductas observables",
        "comportamientos observables",
    ),
    "status": (
        "status", "state", "in use", "active", "current", "estatus", "estado", "en uso", "activo", "vigente",
        "vigencia",
    ),
    "hard_to_transfer": (
        "hard to transfer", "hard to reskill", "difficult to transfer", "dificil de transferir",
        "dificil de reconvertir",
    ),
}

#: Default proficiency scale, 0–4, as in the bundled frameworks: (level, code, name, description).
DEFAULT_SCALE: tuple[tuple[int, str, Text, Text], ...] = (
    (0, "none", Text("None", "Sin conocimiento"), Text(
        "Has no knowledge of or experience with the competency.",
        "No tiene conocimiento ni experiencia en la competencia.")),
    (1, "awareness", Text("Awareness", "Conocimiento"), Text(
        "Understands the basic ideas and why they matter, and acts with guidance.",
        "Comprende las ideas básicas y su importancia, y actúa con orientación.")),
    (2, "working", Text("Working", "Aplicación"), Text(
        "Applies the competency in routine situations, with occasional support.",
        "Aplica la competencia en situaciones habituales, con apoyo ocasional.")),
    (3, "practitioner", Text("Practitioner", "Dominio"), Text(
        "Applies the competency independently in complex situations and guides others.",
        "Aplica la competencia con autonomía en situaciones complejas y orienta a otras personas.")),
    (4, "expert", Text("Expert", "Experto"), Text(
        "Sets direction, innovates and is a reference for the whole institution or sector.",
        "Marca el rumbo, innova y es referente para toda la institución o el sector.")),
)

#: Level words understood by default (keys as :func:`normalise` returns them).
DEFAULT_LEVEL_WORDS: dict[str, int] = {
    "none": 0, "no knowledge": 0, "ninguno": 0, "ninguna": 0, "nulo": 0, "sin conocimiento": 0,
    "awareness": 1, "aware": 1, "basic": 1, "foundation": 1, "foundational": 1, "beginner": 1,
    "basico": 1, "inicial": 1, "conocimiento": 1, "conocimiento basico": 1,
    "working": 2, "intermediate": 2, "intermedio": 2, "aplicacion": 2,
    "practitioner": 3, "advanced": 3, "proficient": 3, "avanzado": 3, "dominio": 3, "competente": 3,
    "expert": 4, "master": 4, "leading": 4, "experto": 4, "experta": 4, "maestria": 4,
}

#: Seniority words understood by default. ``plain`` stands for a level named like the role itself.
DEFAULT_SENIORITY_WORDS: dict[str, int] = {
    "associate": 1, "junior": 1, "jr": 1, "trainee": 1, "apprentice": 1, "graduate": 1, "entry": 1,
    "entry level": 1, "asociado": 1, "asociada": 1, "aprendiz": 1, "becario": 1, "becaria": 1,
    "practicante": 1,
    "plain": 2, "mid": 2, "mid level": 2, "middle": 2, "intermediate": 2, "practitioner": 2,
    "intermedio": 2, "intermedia": 2, "semi senior": 2, "semisenior": 2,
    "senior": 3, "sr": 3,
    "lead": 4, "principal": 4, "head": 4, "head of": 4, "lider": 4, "jefe": 4, "jefa": 4, "jefe de": 4,
    "jefa de": 4,
}

NOT_IN_USE: frozenset[str] = frozenset({
    "not in use", "no", "n", "retired", "deprecated", "inactive", "false", "0", "not used", "unused",
    "withdrawn", "archived", "obsolete", "discontinued", "removed", "superseded", "no vigente", "retirado",
    "retirada", "obsoleto", "obsoleta", "inactivo", "inactiva", "falso", "fuera de uso", "sin uso",
    "no en uso", "en desuso", "desuso", "dado de baja", "dada de baja", "baja", "descontinuado",
    "descontinuada", "archivado", "archivada", "eliminado", "eliminada", "no activo", "no activa",
})
IN_USE: frozenset[str] = frozenset({
    "in use", "yes", "y", "active", "current", "live", "true", "1", "x", "en uso", "si", "s", "activo",
    "activa", "vigente", "verdadero", "alta",
})
_YES: frozenset[str] = frozenset({"yes", "y", "true", "1", "x", "si", "s", "verdadero"})
_NO: frozenset[str] = frozenset({"no", "n", "false", "0", "falso"})

_NUMBER = re.compile(r"[+-]?\d+(?:\.0+)?")
_LEVEL_NUMBER = re.compile(r"(?:level|nivel|lvl|niv|l|n)\s*(\d+)")
_SENIORITY_NUMBER = re.compile(r"(?:level|nivel|grade|grado|band|banda|l|n|g)\s*(\d+)")
_BRACKETS = re.compile(r"[(\[{].*?[)\]}]")
_DEFAULT_KEY = "general"

register(
    {
        "lt.no_header": {
            "en": "no header row found in the first {rows} rows; the columns need recognisable headers "
            "(see docs/long-table-import.md) or a mapping such as --map skill=\"My header\"",
            "es": "no se encontró la fila de encabezados en las primeras {rows} filas; las columnas "
            "necesitan encabezados reconocibles (vea docs/long-table-import.md) o una asignación como "
            "--map skill=\"Mi encabezado\"",
        },
        "lt.missing_columns": {
            "en": "no column for {fields}; the headers are: {headers}. Map them with --map FIELD=Header",
            "es": "no hay columna para {fields}; los encabezados son: {headers}. Asígnelas con "
            "--map CAMPO=Encabezado",
        },
        "lt.unknown_field": {
            "en": "unknown field {field!r} in the column mapping; the fields are: {fields}",
            "es": "campo desconocido {field!r} en la asignación de columnas; los campos son: {fields}",
        },
        "lt.unknown_header": {
            "en": "there is no column headed “{header}” (mapped to {field}); the headers are: {headers}",
            "es": "no hay una columna con el encabezado «{header}» (asignada a {field}); los encabezados "
            "son: {headers}",
        },
        "lt.duplicate_column": {
            "en": "this column is also read as {field}; the column “{used}” is used instead",
            "es": "esta columna también se lee como {field}; se usa en su lugar la columna «{used}»",
        },
        "lt.ignored_columns": {
            "en": "columns not imported: {headers}",
            "es": "columnas que no se importan: {headers}",
        },
        "lt.too_many_rows": {
            "en": "the table has more than {limit} rows; split it into smaller files",
            "es": "la tabla tiene más de {limit} filas; divídala en archivos más pequeños",
        },
        "lt.no_rows": {
            "en": "there are no rows in use below the header",
            "es": "no hay filas en uso debajo de los encabezados",
        },
        "lt.empty": {
            "en": "required value is missing ({field})",
            "es": "falta un valor obligatorio ({field})",
        },
        "lt.level_word": {
            "en": "level “{word}” is not in the level table (rows {rows}); levels that could not be mapped: "
            "{words}. Add them with --level-word WORD=N (scale {low}–{high})",
            "es": "el nivel «{word}» no está en la tabla de niveles (filas {rows}); niveles que no se "
            "pudieron asignar: {words}. Agréguelos con --level-word PALABRA=N (escala {low}–{high})",
        },
        "lt.level_range": {
            "en": "level {level} is outside the scale {low}–{high} (rows {rows})",
            "es": "el nivel {level} está fuera de la escala {low}–{high} (filas {rows})",
        },
        "lt.seniority_guess": {
            "en": "role level “{level}” of “{role}” is not a known seniority word; it is numbered "
            "{seniority} by order of appearance (set it with --seniority-word \"{level}=N\")",
            "es": "el nivel «{level}» del rol «{role}» no es una palabra de antigüedad conocida; se le "
            "asigna el número {seniority} por orden de aparición (fíjelo con --seniority-word \"{level}=N\")",
        },
        "lt.seniority_clash": {
            "en": "role level “{level}” of “{role}” would have seniority {value}, like “{other}”; it is "
            "numbered {seniority} instead (set it with --seniority-word \"{level}=N\")",
            "es": "el nivel «{level}» del rol «{role}» tendría la antigüedad {value}, igual que «{other}»; "
            "se le asigna el número {seniority} (fíjelo con --seniority-word \"{level}=N\")",
        },
        "lt.status_unknown": {
            "en": "status “{value}” is not recognised; the row is imported as in use",
            "es": "el estatus «{value}» no se reconoce; la fila se importa como en uso",
        },
        "lt.yes_no": {
            "en": "“{value}” is not yes or no; it is read as no",
            "es": "«{value}» no es sí ni no; se toma como no",
        },
        "lt.code_changed": {
            "en": "“{code}” is not a valid code; “{new}” is used",
            "es": "«{code}» no es un código válido; se usa «{new}»",
        },
        "lt.value_conflict": {
            "en": "“{value}” differs from “{kept}”, given for “{subject}” in row {first_row}; "
            "“{kept}” is kept",
            "es": "«{value}» difiere de «{kept}», indicado para «{subject}» en la fila {first_row}; "
            "se conserva «{kept}»",
        },
        "lt.descriptor_conflict": {
            "en": "the description of “{skill}” at level {level} differs from row {first_row}; the text from "
            "row {first_row} is kept",
            "es": "la descripción de «{skill}» en el nivel {level} difiere de la fila {first_row}; "
            "se conserva el texto de la fila {first_row}",
        },
        "lt.requirement_conflict": {
            "en": "“{role_level}” requires “{skill}” at level {level} here and at level {other} in row "
            "{first_row}; the higher level, {kept}, is kept",
            "es": "«{role_level}» requiere «{skill}» en el nivel {level} aquí y en el nivel {other} "
            "en la fila {first_row}; se conserva el nivel más alto, {kept}",
        },
    }
)


# -- text helpers -----------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case without accents, punctuation or extra spaces: ``" Descripción  del NIVEL:"`` →
    ``"descripcion del nivel"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _list(values: list[Any], limit: int = 10) -> str:
    shown = ", ".join(str(v) for v in values[:limit])
    return shown + (f", … (+{len(values) - limit})" if len(values) > limit else "")


def slug(text: str, upper: bool) -> str:
    """An ASCII code from a name: ``"Análisis de datos"`` → ``ANALISIS-DE-DATOS`` (or lower case)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    code = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:48].rstrip("-")
    return code.upper() if upper else code.lower()


def _unique(code: str, used: set[str], fallback: str) -> str:
    base = code or fallback
    candidate, n = base, 1
    while candidate.casefold() in used or not candidate:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate.casefold())
    return candidate


_SYNONYM_FIELD: dict[str, str] = {
    normalise(text): name for name, texts in HEADER_SYNONYMS.items() for text in texts
}


def header_field(header: str) -> str | None:
    """The field a header names, if it is a known synonym (also with a bracketed note removed)."""
    found = _SYNONYM_FIELD.get(normalise(header))
    if found is None:
        found = _SYNONYM_FIELD.get(normalise(_BRACKETS.sub(" ", header)))
    return found


# -- header detection ----------------------------------------------------------------------------------
@dataclass
class _HeaderMatch:
    columns: dict[str, int]
    duplicates: list[tuple[int, str]]  # (column, field) of columns naming an already matched field

    @property
    def score(self) -> tuple[int, int]:
        return len(self.columns), sum(f in self.columns for f in REQUIRED_FIELDS)


def _match_row(cells: list[str | None], user: Mapping[str, str]) -> _HeaderMatch:
    """Match one row's cells to fields. ``user`` maps field → header ("" disables a field)."""
    wanted = {normalise(h): f for f, h in user.items() if h.strip()}
    disabled = {f for f, h in user.items() if not h.strip()}
    columns: dict[str, int] = {}
    claimed: set[int] = set()
    for col, cell in enumerate(cells):
        if cell is not None and (name := wanted.get(normalise(cell))) and name not in columns:
            columns[name] = col
            claimed.add(col)
    duplicates: list[tuple[int, str]] = []
    for col, cell in enumerate(cells):
        if cell is None or col in claimed:
            continue
        name = header_field(cell)
        if name is None or name in disabled:
            continue
        if name in columns:
            duplicates.append((col, name))
        else:
            columns[name] = col
    return _HeaderMatch(columns, duplicates)


def _best_header(table: Table, user: Mapping[str, str]) -> tuple[int, _HeaderMatch] | None:
    best: tuple[int, _HeaderMatch] | None = None
    for index, cells in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        match = _match_row(cells, user)
        if match.columns and (best is None or match.score > best[1].score):
            best = (index, match)
    return best


def detect_header(table: Table, mapping: Mapping[str, str] | None = None) -> tuple[int, dict[str, int]]:
    """Find the header row among the first 30 non-blank rows and map fields to column indexes.

    Returns ``(index into table.rows, {field: column index})``. The header row is the one whose cells name
    the most fields (headers given in ``mapping``, field → header, count too); title blocks above it are
    skipped. Raises :class:`InputError` if no row names any field.
    """
    best = _best_header(table, mapping or {})
    if best is None:
        raise InputError([Problem("lt.no_header", {"rows": HEADER_SCAN_ROWS}, file=table.file,
                                  sheet=table.sheet)])
    return best[0], dict(best[1].columns)


# -- words -------------------------------------------------------------------------------------------
def default_scale() -> list[ScaleLevel]:
    return [ScaleLevel(level, code, name, description) for level, code, name, description in DEFAULT_SCALE]


def _word_table(defaults: Mapping[str, int], extra: Mapping[str, int] | None) -> dict[str, int]:
    table = dict(defaults)
    for word, value in (extra or {}).items():
        table[normalise(str(word))] = int(value)
    return table


def level_number(text: str, words: Mapping[str, int]) -> int | None:
    """The scale level a skill-level cell names (a word from ``words`` or a number), or None."""
    key = normalise(text)
    if key in words:
        return words[key]
    if _NUMBER.fullmatch(text.strip()):
        return int(float(text.strip()))
    m = _LEVEL_NUMBER.fullmatch(key)
    return int(m.group(1)) if m else None


@dataclass
class _Seniority:
    value: int | None
    kind: Literal["word", "number", "plain", "affix", "unknown"]


def _seniority(text: str, role: str, words: Mapping[str, int]) -> _Seniority:
    key = normalise(text)
    if key in words:
        return _Seniority(words[key], "word")
    if _NUMBER.fullmatch(text.strip()):
        return _Seniority(int(float(text.strip())), "number")
    if m := _SENIORITY_NUMBER.fullmatch(key):
        return _Seniority(int(m.group(1)), "number")
    if key == normalise(role):
        return _Seniority(words.get("plain"), "plain")
    tokens = key.split()
    for k in range(min(3, len(tokens) - 1), 0, -1):
        for affix in (" ".join(tokens[:k]), " ".join(tokens[-k:])):
            if affix in words:
                return _Seniority(words[affix], "affix")
    return _Seniority(None, "unknown")


def _status_in_use(text: str) -> bool | None:
    key = normalise(text)
    if key in NOT_IN_USE:
        return False
    if key in IN_USE:
        return True
    return None


# -- import --------------------------------------------------------------------------------------------
@dataclass
class LongTableResult:
    framework: Framework
    warnings: list[Problem]
    mapping: dict[str, str]  # field → header actually used
    header_row: int  # as the spreadsheet numbers it
    skipped_rows: int  # rows below the header not imported: not in use, footers, repeated headers
    sheet: str | None = None


@dataclass
class _Row:
    number: int
    values: dict[str, str]
    level: int = 0  # the skill level on the scale (rows with a skill only)

    def get(self, name: str) -> str | None:
        return self.values.get(name)


@dataclass
class _First:
    """A value kept from the first row that gives it."""

    value: str
    row: int


@dataclass
class _RoleLevelData:
    key: str
    label: str  # the cell text (one line), "" if the table has no role level
    first_row: int
    title: _First | None = None
    requirements: dict[str, tuple[int, int]] = field(default_factory=dict)  # skill key → (level, row)
    seniority: int = 1


@dataclass
class _RoleData:
    name: str
    first_row: int
    family: _First | None = None
    description: str = ""
    levels: dict[str, _RoleLevelData] = field(default_factory=dict)


@dataclass
class _SkillData:
    name: str
    code: str | None
    first_row: int
    category: _First | None = None
    description: _First | None = None
    hard_to_transfer: bool = False
    descriptors: dict[int, _First] = field(default_factory=dict)


class _Importer:
    def __init__(self, table: Table, columns: dict[str, int], headers: list[str | None], lang: Lang):
        self.table = table
        self.columns = columns
        self.headers = headers
        self.lang = lang
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, key: str, row: int | None, name: str | None, severity: str = "error",
                **params: Any) -> None:
        column = self.header_of(name) if name else None
        p = Problem(key, params, file=self.table.file, sheet=self.table.sheet, row=row, column=column,
                    severity="warning" if severity == "warning" else "error")
        (self.warnings if severity == "warning" else self.errors).append(p)

    def warn(self, key: str, row: int | None, name: str | None, **params: Any) -> None:
        self.problem(key, row, name, "warning", **params)

    def header_of(self, name: str) -> str | None:
        col = self.columns.get(name)
        return self.headers[col] if col is not None and col < len(self.headers) else None

    def text(self, value: str) -> Text:
        if self.lang == "en":
            return Text(en=value)
        if self.lang == "es":
            return Text(es=value)
        return Text(value, value)

    def bilingual(self, en: str, es: str) -> Text:
        if self.lang == "en":
            return Text(en=en)
        if self.lang == "es":
            return Text(es=es)
        return Text(en, es)

    def keep_first(self, current: _First | None, value: str | None, row: int, name: str,
                   subject: str) -> _First | None:
        if value is None:
            return current
        if current is None:
            return _First(value, row)
        if one_line(value) != one_line(current.value):
            self.warn("lt.value_conflict", row, name, value=_short(value), kept=_short(current.value),
                      subject=subject, first_row=current.row)
        return current


def _pick_sheet(path: Path, sheet: str | None, user: Mapping[str, str]) -> str | None:
    """The sheet to read: the one given, else the workbook's sheet whose header names the most fields."""
    if sheet is not None or path.suffix.lower() not in WORKBOOK_EXTENSIONS:
        return sheet
    names = list_sheets(path)
    if len(names) <= 1:
        return None
    best_name, best_score = None, (0, 0)
    for name in names[:MAX_SHEETS_PROBED]:
        found = _best_header(read_table(path, name, max_rows=HEADER_SCAN_ROWS), user)
        if found is not None and found[1].score > best_score:
            best_name, best_score = name, found[1].score
    return best_name


def import_long_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    level_words: dict[str, int] | None = None,
    seniority_words: dict[str, int] | None = None,
    scale: list[ScaleLevel] | None = None,
    code: str,
    version: str = "1.0",
    name: Text | None = None,
    lang: Lang = "both",
    max_rows: int = 200_000,
) -> LongTableResult:
    """Build a :class:`Framework` from a long table. Raises :class:`InputError` listing every error.

    ``mapping`` (field → header) overrides header detection, an empty header leaves a field out;
    ``level_words`` and ``seniority_words`` (word → number) extend the default word tables; ``scale``
    replaces the default 0–4 scale; ``lang`` says which side of bilingual texts the table's text goes to.
    """
    if lang not in ("en", "es", "both"):
        raise ValueError(f"lang must be 'en', 'es' or 'both', not {lang!r}")
    path = Path(path)
    file = str(path)
    user = dict(mapping or {})
    bad_fields = [f for f in user if f not in FIELDS]
    if bad_fields:
        raise InputError([Problem("lt.unknown_field", {"field": f, "fields": ", ".join(FIELDS)}, file=file)
                          for f in bad_fields])

    table = read_table(path, _pick_sheet(path, sheet, user), max_rows=max_rows)
    if table.truncated:
        raise InputError([Problem("lt.too_many_rows", {"limit": max_rows}, file=file, sheet=table.sheet)])
    found = _best_header(table, user)
    if found is None:
        raise InputError([Problem("lt.no_header", {"rows": HEADER_SCAN_ROWS}, file=file, sheet=table.sheet)])
    header_index, match = found
    headers = table.rows[header_index]
    header_row = table.row_numbers[header_index]
    header_list = ", ".join(f"“{h}”" for h in headers if h)

    def located(key: str, column: str | None = None, warning: bool = False, **params: Any) -> Problem:
        return Problem(key, params, file=file, sheet=table.sheet, row=header_row, column=column,
                       severity="warning" if warning else "error")

    errors: list[Problem] = []
    wanted = {normalise(h) for h in headers if h}
    for name_, header in user.items():
        if header.strip() and normalise(header) not in wanted:
            errors.append(
                located("lt.unknown_header", header, header=header, field=name_, headers=header_list)
            )
    missing = [f for f in REQUIRED_FIELDS if f not in match.columns]
    if missing and not errors:
        errors.append(located("lt.missing_columns", fields=", ".join(missing), headers=header_list))
    if not CODE_RE.match(code):
        errors.append(Problem("fw.code", {"code": code}, file=file))
    if errors:
        raise InputError(errors)

    columns = match.columns
    imp = _Importer(table, columns, headers, lang)
    for col, name_ in match.duplicates:
        imp.warnings.append(located("lt.duplicate_column", headers[col], warning=True, field=name_,
                                    used=headers[columns[name_]]))
    used_cols = set(columns.values()) | {col for col, _ in match.duplicates}
    ignored = [h for col, h in enumerate(headers) if h and col not in used_cols]
    if ignored:
        names = ", ".join(f"“{h}”" for h in ignored)
        imp.warnings.append(located("lt.ignored_columns", warning=True, headers=names))

    scale = list(scale) if scale is not None else default_scale()
    low, high = (min(s.level for s in scale), max(s.level for s in scale)) if scale else (0, 0)
    levels_ok = {s.level for s in scale}
    words = _word_table(DEFAULT_LEVEL_WORDS, level_words)
    ranks = _word_table(DEFAULT_SENIORITY_WORDS, seniority_words)

    # -- pass 1: rows ------------------------------------------------------------------------------
    header_key = [normalise(h) if h else "" for h in headers]
    rows: list[_Row] = []
    skipped = 0
    unknown_status: set[str] = set()
    unknown_words: dict[str, tuple[str, list[int]]] = {}
    out_of_range: dict[int, list[int]] = {}
    for cells, number in zip(table.rows[header_index + 1:], table.row_numbers[header_index + 1:],
                             strict=True):
        if len(cells) == len(header_key) and [normalise(c) if c else "" for c in cells] == header_key:
            skipped += 1  # the header repeated (pasted tables, page headers)
            continue
        values = {f: cells[c] for f, c in columns.items() if c < len(cells) and cells[c] is not None}
        row = _Row(number, {f: v for f, v in values.items() if v})
        status = row.get("status")
        if status is not None:
            in_use = _status_in_use(status)
            if in_use is False:
                skipped += 1
                continue
            if in_use is None and normalise(status) not in unknown_status:
                unknown_status.add(normalise(status))
                imp.warn("lt.status_unknown", number, "status", value=_short(status))
        role, skill = row.get("role"), row.get("skill")
        if role is None and skill is None:
            skipped += 1  # footer, note or a row with nothing to import
            continue
        ok = True
        if role is None:
            imp.problem("lt.empty", number, "role", field="role")
            ok = False
        if "role_level" in columns and role is not None and row.get("role_level") is None:
            imp.problem("lt.empty", number, "role_level", field="role_level")
            ok = False
        if skill is None and (row.get("skill_level") or row.get("level_description")):
            imp.problem("lt.empty", number, "skill", field="skill")
            ok = False
        raw_level = row.get("skill_level")
        if skill is not None:
            if raw_level is None:
                imp.problem("lt.empty", number, "skill_level", field="skill_level")
                ok = False
            else:
                level = level_number(raw_level, words)
                if level is None:
                    entry = unknown_words.setdefault(normalise(raw_level), (one_line(raw_level), []))
                    entry[1].append(number)
                    ok = False
                elif level not in levels_ok:
                    out_of_range.setdefault(level, []).append(number)
                    ok = False
                else:
                    row.level = level
        if ok:
            rows.append(row)

    all_words = _list([w for w, _ in unknown_words.values()], 30)
    for word, numbers in unknown_words.values():
        imp.problem("lt.level_word", numbers[0], "skill_level", word=word, rows=_list(numbers),
                    words=all_words, low=low, high=high)
    for level, numbers in out_of_range.items():
        imp.problem("lt.level_range", numbers[0], "skill_level", level=level, low=low, high=high,
                    rows=_list(numbers))
    if not rows and not imp.errors:
        imp.errors.append(located("lt.no_rows"))
    if imp.errors:
        raise InputError(imp.errors)

    fw = _build(imp, rows, ranks, scale, code, version, name or Text(path.stem, path.stem), path.name)
    if imp.errors:
        raise InputError(imp.errors)
    parse_framework(framework_to_dict(fw), file)  # the result must be a valid framework file
    return LongTableResult(
        framework=fw,
        warnings=imp.warnings,
        mapping={f: headers[c] or "" for f, c in columns.items()},
        header_row=header_row,
        skipped_rows=skipped,
        sheet=table.sheet,
    )


def _build(imp: _Importer, rows: list[_Row], ranks: dict[str, int], scale: list[ScaleLevel], code: str,
           version: str, name: Text, source: str) -> Framework:
    roles: dict[str, _RoleData] = {}
    skills: dict[str, _SkillData] = {}
    skill_by_name: dict[str, str] = {}
    for row in rows:
        n = row.number
        role_name = one_line(row.values["role"])
        role = roles.setdefault(normalise(role_name), _RoleData(role_name, n))
        role.family = imp.keep_first(role.family, _one(row.get("role_family")), n, "role_family", role.name)
        if not role.description and row.get("role_description"):
            role.description = row.values["role_description"]
        label = one_line(row.get("role_level") or "")
        level = role.levels.setdefault(normalise(label), _RoleLevelData(normalise(label), label, n))
        level.title = imp.keep_first(level.title, _one(row.get("role_title")), n, "role_title",
                                     f"{role.name} / {label}" if label else role.name)
        if row.get("skill") is None:
            continue

        skill_name = one_line(row.values["skill"])
        raw_code = _one(row.get("skill_code"))
        name_key = normalise(skill_name)
        key = raw_code.casefold() if raw_code else skill_by_name.get(name_key, name_key)
        skill_by_name.setdefault(name_key, key)
        skill = skills.get(key)
        if skill is None:
            skill = skills[key] = _SkillData(skill_name, raw_code, n)
        elif normalise(skill_name) != normalise(skill.name):
            imp.warn("lt.value_conflict", n, "skill", value=_short(skill_name), kept=_short(skill.name),
                     subject=skill.code or skill.name, first_row=skill.first_row)
        skill.category = imp.keep_first(skill.category, _one(row.get("category")), n, "category", skill.name)
        skill.description = imp.keep_first(skill.description, row.get("skill_description"), n,
                                           "skill_description", skill.name)
        hard = row.get("hard_to_transfer")
        if hard is not None:
            yes = normalise(hard)
            if yes in _YES:
                skill.hard_to_transfer = True
            elif yes not in _NO:
                imp.warn("lt.yes_no", n, "hard_to_transfer", value=_short(hard))
        value = row.level
        descriptor = row.get("level_description")
        if descriptor is not None:
            first = skill.descriptors.get(value)
            if first is None:
                skill.descriptors[value] = _First(descriptor, n)
            elif one_line(first.value) != one_line(descriptor):
                imp.warn("lt.descriptor_conflict", n, "level_description", skill=skill.name, level=value,
                         first_row=first.row)
        previous = level.requirements.get(key)
        if previous is None:
            level.requirements[key] = (value, n)
        elif previous[0] != value:
            kept = max(previous[0], value)
            imp.warn("lt.requirement_conflict", n, "skill_level", role_level=level.label or role.name,
                     skill=skill.name, level=value, other=previous[0], first_row=previous[1], kept=kept)
            level.requirements[key] = (kept, previous[1] if kept == previous[0] else n)

    fw = Framework(code=code, version=version, name=name, source=source, scale=scale)
    general = Text("General", "General")

    # categories and competencies, in order of first appearance
    category_codes: set[str] = set()
    comp_codes: set[str] = set()
    categories: dict[str, Category] = {}
    comp_code_of: dict[str, str] = {}
    for key, skill in skills.items():
        cat_name = one_line(skill.category.value) if skill.category else ""
        cat_key = normalise(cat_name) or _DEFAULT_KEY
        category = categories.get(cat_key)
        if category is None:
            category = categories[cat_key] = Category(
                code=_unique(slug(cat_name, upper=True) if cat_name else "GENERAL", category_codes,
                             "CATEGORY"),
                name=imp.text(cat_name) if cat_name else general,
            )
            fw.categories.append(category)
        if skill.code and CODE_RE.match(skill.code):
            comp_code = _unique(skill.code, comp_codes, "SKILL")
        else:
            comp_code = _unique(slug(skill.code or skill.name, upper=True), comp_codes, "SKILL")
        if skill.code and comp_code != skill.code:
            imp.warn("lt.code_changed", skill.first_row, "skill_code", code=skill.code, new=comp_code)
        comp_code_of[key] = comp_code
        category.competencies.append(Competency(
            code=comp_code,
            name=imp.text(skill.name),
            description=imp.text(skill.description.value) if skill.description else Text(),
            hard_to_transfer=skill.hard_to_transfer,
            descriptors={lvl: imp.text(d.value) for lvl, d in sorted(skill.descriptors.items())},
        ))

    # role families, roles and their levels
    family_codes: set[str] = set()
    role_codes: set[str] = set()
    families: dict[str, RoleFamily] = {}
    for role in roles.values():
        fam_name = one_line(role.family.value) if role.family else ""
        fam_key = normalise(fam_name) or _DEFAULT_KEY
        family = families.get(fam_key)
        if family is None:
            family = families[fam_key] = RoleFamily(
                code=_unique(slug(fam_name, upper=True) if fam_name else "GENERAL", family_codes, "FAMILY"),
                name=imp.text(fam_name) if fam_name else general,
            )
            fw.role_families.append(family)
        role_code = _unique(slug(role.name, upper=False), role_codes, "role")
        model_role = Role(code=role_code, family=family.code, name=imp.text(role.name),
                          description=imp.text(role.description) if role.description else Text())
        _number_levels(imp, role, ranks)
        for level in sorted(role.levels.values(), key=lambda lv: (lv.seniority, lv.first_row)):
            model_role.levels.append(RoleLevel(
                code=f"{role_code}-{level.seniority}",
                seniority=level.seniority,
                title=_title(imp, role, level, ranks),
                requirements=[
                    Requirement(comp_code_of[k], lvl) for k, (lvl, _) in level.requirements.items()
                ],
            ))
        fw.roles.append(model_role)
    return fw


def _one(value: str | None) -> str | None:
    return one_line(value) if value else None


def _number_levels(imp: _Importer, role: _RoleData, ranks: Mapping[str, int]) -> None:
    """Give each level of ``role`` a distinct seniority: known words and numbers first, then the rest
    by order of first appearance, after the highest known one."""
    if list(role.levels) == [""]:  # the table has no role level column
        role.levels[""].seniority = 1
        return
    taken: dict[int, _RoleLevelData] = {}
    pending: list[tuple[_RoleLevelData, int | None]] = []
    for level in role.levels.values():
        value = _seniority(level.label, role.name, ranks).value
        if value is None or value in taken:
            pending.append((level, value))
        else:
            level.seniority = value
            taken[value] = level
    following = max(taken, default=0) + 1
    for level, value in pending:
        level.seniority = following
        if value is None:
            imp.warn("lt.seniority_guess", level.first_row, "role_level", level=level.label, role=role.name,
                     seniority=following)
        else:
            imp.warn("lt.seniority_clash", level.first_row, "role_level", level=level.label, role=role.name,
                     value=value, other=taken[value].label, seniority=following)
        taken[following] = level
        following += 1


def _title(imp: _Importer, role: _RoleData, level: _RoleLevelData, ranks: Mapping[str, int]) -> Text:
    if level.title is not None:
        return imp.text(level.title.value)
    label, name = level.label, role.name
    if not label:
        return imp.text(name)
    seniority = _seniority(label, name, ranks)
    if seniority.kind == "number":
        return imp.bilingual(f"{name}, level {seniority.value}", f"{name}, nivel {seniority.value}")
    if normalise(name) in normalise(label) or len(label.split()) >= 3:
        return imp.text(label)
    lowered = name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name
    if imp.lang == "es":
        return imp.text(f"{name} {label.lower()}")
    return imp.text(f"{label} {lowered}")
