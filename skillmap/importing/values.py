"""Cell values of HR spreadsheets, read and checked one at a time.

Cells arrive as the reader found them (``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime`` or
``None``; an empty cell may also be ``""``). The functions here turn one cell into the value that is stored,
or raise :class:`CellError` whose ``key`` and ``params`` select a message registered below; the caller adds
the location (file, sheet, row, column) and makes it a :class:`~skillmap.problems.Problem`.

* **Dates** – date cells, Excel serial numbers, and text written day first as in Mexico
  (``15/03/2012``, ``15-03-2012``, ``15.03.2012``, ``15 de marzo de 2012``, ``15-mar-2012``) or year first
  (``2012-03-15``). Month-first text (``03/15/2012``) is never guessed: it is an error.
* **Identifiers** – employee numbers (``100124.0`` from Excel becomes ``"100124"``; text keeps its leading
  zeros), CURP (shape, date of birth inside, RENAPO check digit), RFC (12 or 13 characters, date inside),
  e-mail (shape only).
* **Columns** – :func:`map_column` applies a parser once per distinct value of a whole column;
  :func:`check_curps` and :func:`check_rfcs` check a column of identifiers with numpy (same rules as
  :func:`check_curp` and :func:`check_rfc`, which they are tested against).
* **Names** – a full-name column split into given names and one or two surnames, with compound surnames
  (``De la Cruz``, ``Del Valle``, ``Ponce de León``) kept whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from itertools import repeat
from typing import Any

import numpy as np

from skillmap.frameworks.longtable import normalise
from skillmap.i18n import register
from skillmap.sample.generator import curp_check_digit, rfc_check_digit

Cell = Any

register(
    {
        "value.required": {"en": "{field} is missing", "es": "falta {field}"},
        "value.too_long": {
            "en": "the value is longer than {limit} characters",
            "es": "el valor tiene más de {limit} caracteres",
        },
        "value.not_text": {
            "en": "“{value}” is not text",
            "es": "«{value}» no es texto",
        },
        "value.employee_number": {
            "en": "“{value}” is not an employee number (letters, digits, “-”, “/” or “.”, up to 40 characters)",
            "es": "«{value}» no es un número de empleado (letras, dígitos, «-», «/» o «.», hasta 40 caracteres)",
        },
        "value.number": {"en": "“{value}” is not a number", "es": "«{value}» no es un número"},
        "value.date": {
            "en": "“{value}” is not a date; write dates day first (15/03/2012, 15-03-2012), year first "
            "(2012-03-15) or as a date cell",
            "es": "«{value}» no es una fecha; escriba las fechas con el día primero (15/03/2012, 15-03-2012), "
            "con el año primero (2012-03-15) o como celda de fecha",
        },
        "value.date_month_first": {
            "en": "“{value}” is written month first; dates are read day first (dd/mm/yyyy), and there is no "
            "month {month}",
            "es": "«{value}» está escrita con el mes primero; las fechas se leen con el día primero "
            "(dd/mm/aaaa) y no existe el mes {month}",
        },
        "value.date_short_year": {
            "en": "“{value}” has a two-digit year; write the year in full (15/03/2012)",
            "es": "«{value}» tiene el año con dos dígitos; escriba el año completo (15/03/2012)",
        },
        "value.date_serial": {
            "en": "the number {value} is not a date",
            "es": "el número {value} no es una fecha",
        },
        "value.curp_shape": {
            "en": "“{value}” is not a CURP (18 characters: 4 letters, 6 digits of the date of birth, H or M, "
            "2 letters of the state, 3 consonants, 1 character and the check digit)",
            "es": "«{value}» no es una CURP (18 caracteres: 4 letras, 6 dígitos de la fecha de nacimiento, "
            "H o M, 2 letras de la entidad, 3 consonantes, 1 carácter y el dígito verificador)",
        },
        "value.curp_date": {
            "en": "the CURP “{value}” holds no valid date of birth ({digits})",
            "es": "la CURP «{value}» no contiene una fecha de nacimiento válida ({digits})",
        },
        "value.curp_check": {
            "en": "the check digit of the CURP “{value}” is wrong (it should be {expected}); check for a typo",
            "es": "el dígito verificador de la CURP «{value}» es incorrecto (debería ser {expected}); revise "
            "si hay un error de captura",
        },
        "value.rfc_shape": {
            "en": "“{value}” is not an RFC (4 letters, 6 digits of the date of birth and a 3-character "
            "homoclave; 3 letters for a company)",
            "es": "«{value}» no es un RFC (4 letras, 6 dígitos de la fecha de nacimiento y una homoclave de "
            "3 caracteres; 3 letras para una persona moral)",
        },
        "value.rfc_date": {
            "en": "the RFC “{value}” holds no valid date ({digits})",
            "es": "el RFC «{value}» no contiene una fecha válida ({digits})",
        },
        "value.rfc_check": {
            "en": "the check digit of the RFC “{value}” does not match (expected {expected}); it is imported "
            "as written",
            "es": "el dígito verificador del RFC «{value}» no coincide (se esperaba {expected}); se importa "
            "como está",
        },
        "value.rfc_short": {
            "en": "the RFC “{value}” has no homoclave (10 characters); it is imported as written",
            "es": "el RFC «{value}» no tiene homoclave (10 caracteres); se importa como está",
        },
        "value.email": {
            "en": "“{value}” is not an e-mail address; it is not imported",
            "es": "«{value}» no es una dirección de correo electrónico; no se importa",
        },
        "value.name_one_word": {
            "en": "the name “{value}” has a single word; it is stored as given names without surname",
            "es": "el nombre «{value}» tiene una sola palabra; se guarda como nombre(s) sin apellido",
        },
    }
)


class CellError(ValueError):
    """A cell that cannot be read as what its column holds: ``key`` and ``params`` select the message."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params


# -- text ------------------------------------------------------------------------------------------------
def is_blank(value: Cell) -> bool:
    """An empty cell: ``None``, ``""`` or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def number_text(value: float) -> str:
    """A number as a person would write it: ``100124.0`` → ``"100124"``, ``8.5`` → ``"8.5"``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_text(value: Cell) -> str | None:
    """A cell as one line of text (``None`` if blank): numbers without a trailing ``.0``, dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()) or None


def limited(text: str, limit: int) -> str:
    if len(text) > limit:
        raise CellError("value.too_long", limit=limit)
    return text


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(value: Cell) -> str:
    """A cell value as a message shows it."""
    return short(cell_text(value) or "")


# -- numbers -----------------------------------------------------------------------------------------------
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,234.5
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234,5


def parse_number(value: Cell) -> float | None:
    """A number from a number cell or from text (``"8,5"`` and ``"8.5"``, ``"85 %"``); None if blank."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("value.number", value=shown(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("value.number", value=shown(value))
        return float(value)
    if isinstance(value, str):
        text = "".join(value.split()).rstrip("%")
        if _DECIMAL.fullmatch(text):
            return float(text.replace(",", "."))
        if _GROUPED_DOT.fullmatch(text):
            return float(text.replace(",", ""))
        if _GROUPED_COMMA.fullmatch(text):
            return float(text.replace(".", "").replace(",", "."))
    raise CellError("value.number", value=shown(value))


# -- employee numbers ----------------------------------------------------------------------------------
_EMPLOYEE = re.compile(r"[0-9A-Za-zÑñ][0-9A-Za-zÑñ./_-]{0,39}")
_FLOAT_TEXT = re.compile(r"(\d+)\.0+")


def employee_number(value: Cell) -> str | None:
    """An employee number as stored (None if blank).

    Numbers from Excel lose their ``.0`` (``100124.0`` → ``"100124"``); text is kept as written, leading
    zeros included, except that a text ``"100124.0"`` (a number that went through a CSV) loses its ``.0``.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("value.employee_number", value=shown(value))
    if isinstance(value, int):
        if value < 0:
            raise CellError("value.employee_number", value=shown(value))
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or value < 0:
            raise CellError("value.employee_number", value=shown(value))
        return str(int(value))
    if isinstance(value, str):
        text = value.strip()
        m = _FLOAT_TEXT.fullmatch(text)
        if m:
            return m.group(1)
        if _EMPLOYEE.fullmatch(text):
            return text
    raise CellError("value.employee_number", value=shown(value))


# -- dates ---------------------------------------------------------------------------------------------
EXCEL_EPOCH = date(1899, 12, 30)
_MIN_SERIAL = 3654  # 1910-01-01: no HR date is older, and a smaller number is more likely a year (2012) or a typo
_MAX_SERIAL = 2_958_465  # 9999-12-31

_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?\s?m\.?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})" + _TIME, re.IGNORECASE)
_YEAR_FIRST = re.compile(r"(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})" + _TIME, re.IGNORECASE)
_MONTH_WORD = re.compile(r"(\d{1,2})(?:\s*[/.-]\s*|\s+(?:de\s+)?)([a-z]+)\.?(?:\s*[/.-]\s*|\s+(?:de\s+|del\s+)?)"
                         r"(\d{1,4})" + _TIME)
_SERIAL_TEXT = re.compile(r"\d+(?:[.,]\d+)?")

MONTHS: dict[str, int] = {
    "enero": 1, "ene": 1, "january": 1, "jan": 1,
    "febrero": 2, "feb": 2, "february": 2,
    "marzo": 3, "mar": 3, "march": 3,
    "abril": 4, "abr": 4, "april": 4, "apr": 4,
    "mayo": 5, "may": 5,
    "junio": 6, "jun": 6, "june": 6,
    "julio": 7, "jul": 7, "july": 7,
    "agosto": 8, "ago": 8, "august": 8, "aug": 8,
    "septiembre": 9, "setiembre": 9, "sep": 9, "sept": 9, "set": 9, "september": 9,
    "octubre": 10, "oct": 10, "october": 10,
    "noviembre": 11, "nov": 11, "november": 11,
    "diciembre": 12, "dic": 12, "december": 12, "dec": 12,
}


def excel_date(serial: float) -> date:
    """The date of an Excel serial number (1900 date system; the fraction, a time of day, is dropped)."""
    if not math.isfinite(serial) or not _MIN_SERIAL <= serial < _MAX_SERIAL + 1:
        raise CellError("value.date_serial", value=number_text(serial))
    return EXCEL_EPOCH + timedelta(days=int(serial))


def _ymd(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError("value.date", value=short(text)) from None


def _number_date(number: float, text: str) -> date:
    if number.is_integer() and 19000101 <= number <= 29991231:  # 20120315: year, month, day
        n = int(number)
        return _ymd(n // 10000, n // 100 % 100, n % 100, text)
    return excel_date(number)


def parse_date(value: Cell) -> date | None:
    """A date from a cell (None if blank). See the module docstring for the forms understood."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("value.date", value=shown(value))
    if isinstance(value, (int, float)):
        return _number_date(float(value), number_text(value))
    if not isinstance(value, str):
        raise CellError("value.date", value=shown(value))
    text = value.strip()
    m = _DAY_FIRST.fullmatch(text)
    if m:
        day, month, year_text = int(m.group(1)), int(m.group(3)), m.group(4)
        if len(year_text) != 4:
            raise CellError("value.date_short_year", value=short(text))
        if month > 12 and 1 <= day <= 12 and month <= 31:
            raise CellError("value.date_month_first", value=short(text), month=month)
        return _ymd(int(year_text), month, day, text)
    m = _YEAR_FIRST.fullmatch(text)
    if m:
        return _ymd(int(m.group(1)), int(m.group(3)), int(m.group(4)), text)
    folded = normalise(text) if not text.isascii() else text.lower()
    m = _MONTH_WORD.fullmatch(folded)
    if m and m.group(2) in MONTHS:
        if len(m.group(3)) != 4:
            raise CellError("value.date_short_year", value=short(text))
        return _ymd(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)), text)
    if _SERIAL_TEXT.fullmatch(text):
        return _number_date(float(text.replace(",", ".")), text)
    raise CellError("value.date", value=short(text))


# -- CURP, RFC, e-mail -------------------------------------------------------------------------------------
CURP_RE = re.compile(r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d")
RFC_PERSON_RE = re.compile(r"[A-ZÑ&]{4}\d{6}[A-Z\d]{2}[A\d]")
RFC_COMPANY_RE = re.compile(r"[A-ZÑ&]{3}\d{6}[A-Z\d]{2}[A\d]")
RFC_SHORT_RE = re.compile(r"[A-ZÑ&]{4}\d{6}")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_RE = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,}}")


def _identifier(value: Cell) -> str | None:
    if type(value) is str and value.isalnum():
        return value.upper()
    if is_blank(value):
        return None
    if not isinstance(value, str):
        raise CellError("value.not_text", value=shown(value))
    return "".join(value.split()).upper()


def curp_birth_date(curp: str) -> date | None:
    """The date of birth a CURP holds (the 17th character is a digit before 2000, a letter after)."""
    century = 1900 if curp[16].isdigit() else 2000
    try:
        return date(century + int(curp[4:6]), int(curp[6:8]), int(curp[8:10]))
    except ValueError:
        return None


def check_curp(value: Cell) -> str | None:
    """A CURP, upper case without spaces (None if blank); raises :class:`CellError` if its shape, the date
    of birth inside it or its check digit is wrong."""
    curp = _identifier(value)
    if curp is None:
        return None
    if not CURP_RE.fullmatch(curp):
        raise CellError("value.curp_shape", value=short(curp))
    if curp_birth_date(curp) is None:
        raise CellError("value.curp_date", value=curp, digits=curp[4:10])
    expected = curp_check_digit(curp[:17])
    if curp[17] != expected:
        raise CellError("value.curp_check", value=curp, expected=expected)
    return curp


def rfc_date(rfc: str, today: date | None = None) -> date | None:
    """The date an RFC holds, in the century that makes it a valid date closest before today (the RFC
    has only two digits of the year)."""
    digits = rfc[-9:-3] if len(rfc) in (12, 13) else rfc[-6:]
    yy, mm, dd = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    this_year = (today or date.today()).year
    for century in (2000, 1900):
        year = century + yy
        if year > this_year:
            continue
        try:
            return date(year, mm, dd)
        except ValueError:
            continue
    return None


def check_rfc(value: Cell, today: date | None = None) -> tuple[str | None, CellError | None]:
    """An RFC, upper case without spaces or hyphens (None if blank), and a warning if any.

    13 characters (a person) or 12 (a company) with a valid date; raises :class:`CellError` otherwise. A
    13-character RFC whose check digit does not match, or a 10-character one without homoclave, is kept
    with a warning.
    """
    rfc = _identifier(value)
    if rfc is None:
        return None, None
    rfc = rfc.replace("-", "")
    if RFC_SHORT_RE.fullmatch(rfc):
        if rfc_date(rfc, today) is None:
            raise CellError("value.rfc_date", value=rfc, digits=rfc[4:10])
        return rfc, CellError("value.rfc_short", value=rfc)
    if not (RFC_PERSON_RE.fullmatch(rfc) or RFC_COMPANY_RE.fullmatch(rfc)):
        raise CellError("value.rfc_shape", value=short(rfc))
    if rfc_date(rfc, today) is None:
        raise CellError("value.rfc_date", value=rfc, digits=rfc[-9:-3])
    if len(rfc) == 13:
        expected = rfc_check_digit(rfc[:12])
        if rfc[12] != expected:
            return rfc, CellError("value.rfc_check", value=rfc, expected=expected)
    return rfc, None


def check_email(value: Cell) -> str | None:
    """An e-mail address, trimmed (``mailto:`` dropped); None if blank; raises :class:`CellError` if it
    does not have the shape ``name@domain.tld``."""
    if is_blank(value):
        return None
    if not isinstance(value, str):
        raise CellError("value.email", value=shown(value))
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    if not EMAIL_RE.fullmatch(text):
        raise CellError("value.email", value=short(text))
    return text


def check_emails(cells: Sequence[Cell]) -> tuple[list[str | None], dict[int, CellError]]:
    """:func:`check_email` over a column (one regular-expression match per well-formed address)."""
    match = EMAIL_RE.fullmatch
    values: list[Any] = list(cells)
    errors: dict[int, CellError] = {}
    for k in [k for k, v in enumerate(values) if type(v) is not str or not match(v)]:
        try:
            values[k] = check_email(values[k])
        except CellError as e:
            errors[k] = e
            values[k] = None
    return values, errors


# -- names -------------------------------------------------------------------------------------------------
#: Words that start a compound surname or given name and join the word after them (compared folded).
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "di", "van", "von", "der", "mac", "mc",
     "san", "santa", "e"}
)


#: Compound given names (folded) that start with a particle: ``María del Carmen Martínez`` is given names
#: “María del Carmen” and one surname, not “María” and two surnames.
GIVEN_NAME_COMPOUNDS: frozenset[str] = frozenset(
    {"del carmen", "de jesus", "de lourdes", "de los angeles", "de la luz", "del rosario", "de guadalupe",
     "del socorro", "de la paz", "del pilar", "de los remedios", "de fatima", "del refugio",
     "de la concepcion", "del consuelo", "de los dolores", "de las mercedes", "de la asuncion",
     "del sagrado corazon", "de los santos", "de la salud", "del perpetuo socorro", "de montserrat",
     "de la soledad", "de la esperanza", "de la trinidad", "del niño jesus", "del nino jesus"}
)


def _name_groups(words: list[str]) -> list[str]:
    """Words grouped so that particles stay with the word they introduce: ``De la Cruz`` is one group."""
    groups: list[str] = []
    pending: list[str] = []
    for word in words:
        pending.append(word)
        if normalise(word) not in NAME_PARTICLES:
            groups.append(" ".join(pending))
            pending = []
    if pending:  # trailing particles: keep them with the last group
        if groups:
            groups[-1] = " ".join([groups[-1], *pending])
        else:
            groups.append(" ".join(pending))
    return groups


def _surnames(groups: list[str]) -> tuple[str, str | None]:
    """Split surname groups in two: a third group that starts with a particle joins the one before it
    (``Ponce de León Ruiz`` → ``Ponce de León`` + ``Ruiz``)."""
    groups = list(groups)
    i = 1
    while len(groups) > 2 and i < len(groups):
        if normalise(groups[i].split()[0]) in NAME_PARTICLES:
            groups[i - 1 : i + 1] = [f"{groups[i - 1]} {groups[i]}"]
        else:
            i += 1
    if len(groups) == 1:
        return groups[0], None
    return groups[0], " ".join(groups[1:])


def split_full_name(text: str) -> tuple[str, str, str | None]:
    """``(given names, first surname, second surname or None)`` from a full name.

    ``"APELLIDO APELLIDO, NOMBRE(S)"`` (with a comma) puts surnames first; otherwise the Mexican order
    ``"Nombre(s) Paterno Materno"`` is assumed and the last two groups of words are the surnames. Particles
    (``de``, ``del``, ``la``, ``los``, ``y`` …) stay with the word after them, so ``De la Cruz`` and
    ``Del Valle`` are one surname. A single word is a given name without surname.
    """
    words = text.split()
    if "," not in text and NAME_PARTICLES.isdisjoint(map(str.lower, words)):
        if len(words) <= 1:
            return " ".join(words), "", None
        if len(words) == 2:
            return words[0], words[1], None
        return " ".join(words[:-2]), words[-2], words[-1]
    text = " ".join(words)
    if "," in text:
        surnames, _, given = (part.strip() for part in text.partition(","))
        given = " ".join(given.replace(",", " ").split())
        if surnames and given:
            first, second = _surnames(_name_groups(surnames.split()))
            return given, first, second
        text = surnames or given
    groups = _name_groups(text.split())
    if len(groups) <= 1:
        return text, "", None
    compound = [k for k in range(1, len(groups) - 1) if normalise(groups[k]) in GIVEN_NAME_COMPOUNDS]
    if compound:  # given names end with the last compound given name; what follows are surnames
        k = compound[-1] + 1
        first, second = _surnames(groups[k:])
        return " ".join(groups[:k]), first, second
    if len(groups) == 2:
        return groups[0], groups[1], None
    return " ".join(groups[:-2]), groups[-2], groups[-1]


# -- whole columns ---------------------------------------------------------------------------------------
class _Lut(dict[Any, Any]):
    """A dict that computes a missing value with ``fn`` (once per distinct key), for ``map(lut.__getitem__, ...)``."""

    def __init__(self, fn: Callable[[Any], Any]):
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)
        return value


def _catching(fn: Callable[[Cell], Any]) -> Callable[[Cell], Any]:
    def call(value: Cell) -> Any:
        try:
            return fn(value)
        except CellError as e:
            return e

    return call


def map_column(fn: Callable[[Cell], Any], cells: Sequence[Cell]) -> tuple[list[Any], dict[int, CellError]]:
    """``fn`` over a column, called once per distinct cell value. Returns the values (None where ``fn``
    raised :class:`CellError`) and the errors by position."""
    lut = _Lut(_catching(fn))
    values = list(map(lut.__getitem__, cells))
    bad = {k for k, v in lut.items() if isinstance(v, CellError)}
    errors: dict[int, CellError] = {}
    if bad:
        for k, cell in enumerate(cells):
            if cell in bad:
                errors[k] = values[k]
                values[k] = None
    return values, errors


_SPACES = ("\t", "\r", "\n", "\f", "\v", "\xa0", "\u2007", "\u202f", "  ")


def _plain_text(joined: str, sep: str) -> bool:
    """Whether ``joined`` (texts joined by ``sep``) is already on one line, trimmed, with single spaces."""
    return not (any(s in joined for s in _SPACES) or f" {sep}" in joined or f"{sep} " in joined
                or joined.startswith(" ") or joined.endswith(" "))


def text_column(cells: Sequence[Cell], limit: int | None = None) -> tuple[list[str | None], dict[int, CellError]]:
    """:func:`cell_text` over a column; texts longer than ``limit`` are errors. A column of clean text (the
    usual case) is checked in one pass over the joined string."""
    if cells and set(map(type, cells)) <= {str} and (limit is None or max(map(len, cells)) <= limit) \
            and _plain_text("\0".join(cells), "\0"):
        return [c or None for c in cells], {}
    if limit is None:
        return map_column(cell_text, cells)

    def read(value: Cell) -> str | None:
        text = cell_text(value)
        return limited(text, limit) if text is not None else None

    return map_column(read, cells)


_UNIX_ORDINAL = date(1970, 1, 1).toordinal()
NAT = np.iinfo(np.int64).min


def day_numbers(values: Sequence[date | None]) -> np.ndarray:
    """Dates (None allowed) as ``datetime64[D]``, converting each distinct date once."""
    lut = _Lut(lambda d: NAT if d is None else d.toordinal() - _UNIX_ORDINAL)
    return np.fromiter(map(lut.__getitem__, values), dtype=np.int64, count=len(values)).view("datetime64[D]")


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day arrays of ``datetime64[D]`` values."""
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    return (years.astype(np.int64) + 1970, (months - years.astype("datetime64[M]")).astype(np.int64) + 1,
            (days - months.astype("datetime64[D]")).astype(np.int64) + 1)


def _valid_dates(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    ok = (month >= 1) & (month <= 12) & (day >= 1)
    start = (np.clip(year, 1, 9998) - 1970) * 12 + np.clip(month, 1, 12) - 1
    length = (np.datetime64("1970-01", "M") + start + 1).astype("datetime64[D]") - \
        (np.datetime64("1970-01", "M") + start).astype("datetime64[D]")
    return ok & (day <= length.astype(np.int64))


def _code_matrix(codes: list[str], width: int) -> np.ndarray:
    raw = np.frombuffer("".join(codes).encode("latin-1", errors="replace"), dtype=np.uint8)
    return raw.reshape(len(codes), width)


def _digits(m: np.ndarray) -> np.ndarray:
    """Columns of ASCII digits as one integer per row."""
    out = np.zeros(m.shape[0], dtype=np.int64)
    for col in range(m.shape[1]):
        out = out * 10 + (m[:, col].astype(np.int64) - 48)
    return out


_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"  # RENAPO's, as in skillmap.sample.generator
_CURP_VALUE = np.zeros(256, dtype=np.int64)
for _i, _ch in enumerate(_CURP_ALPHABET):
    _CURP_VALUE[ord(_ch)] = _i
_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"  # the SAT's, as in skillmap.sample.generator
_RFC_VALUE = np.zeros(256, dtype=np.int64)
for _i, _ch in enumerate(_RFC_ALPHABET):
    _RFC_VALUE[ord(_ch)] = _i


def _identifier_or_error(value: Cell) -> str | CellError | None:
    try:
        return _identifier(value)
    except CellError as e:
        return e


def _char_class(chars: str) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    for ch in chars:
        table[ord(ch)] = True
    return table


_UPPER, _DIGIT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
_C_L, _C_D = _char_class(_UPPER), _char_class(_DIGIT)
# One class per position of CURP_RE and of a person's RFC_PERSON_RE.
_CURP_CLASSES = (
    [_C_L, _char_class("AEIOUX"), _C_L, _C_L] + [_C_D] * 6 + [_char_class("HM"), _C_L, _C_L]
    + [_char_class("BCDFGHJKLMNPQRSTVWXYZ")] * 3 + [_char_class(_UPPER + _DIGIT), _C_D]
)
_RFC_CLASSES = [_char_class(_UPPER + "Ñ&")] * 4 + [_C_D] * 6 + [_char_class(_UPPER + _DIGIT)] * 2 + [
    _char_class("A" + _DIGIT)]


def _shaped(values: list[Any], width: int, classes: list[np.ndarray]) -> tuple[list[int], np.ndarray | None]:
    """Positions of the strings of ``values`` that have ``width`` characters each in its class, and their
    byte matrix (latin-1; other characters become ``?``, which no class holds)."""
    strs = [v if type(v) is str else "" for v in values]
    where = np.nonzero(np.fromiter(map(len, strs), dtype=np.int64, count=len(strs)) == width)[0].tolist()
    if not where:
        return [], None
    m = _code_matrix([values[k] for k in where], width)
    ok = np.ones(len(where), dtype=bool)
    for pos, table in enumerate(classes):
        ok &= table[m[:, pos]]
    keep = np.nonzero(ok)[0]
    return [where[j] for j in keep.tolist()], m[keep]


def identifier_column(cells: Sequence[Cell]) -> list[Any]:
    """:func:`_identifier` over a column: upper case without spaces, None if blank, :class:`CellError` if
    not text. A column of plain alphanumeric text is done in one pass over one joined string."""
    if set(map(type, cells)) <= {str} and "".join(cells).isalnum():
        return [v or None for v in "\0".join(cells).upper().split("\0")]
    return list(map(_Lut(_identifier_or_error).__getitem__, cells))


def date_column(cells: Sequence[Cell]) -> tuple[list[date | None], dict[int, CellError]]:
    """:func:`parse_date` over a column; a column of date cells and blanks needs no parsing."""
    types = set(map(type, cells))
    if types <= {date, str, type(None)} and (str not in types or not any(c for c in cells if type(c) is str)):
        return [c or None for c in cells], {}
    return map_column(parse_date, cells)


def _others(values: list[Any], shaped: list[int]) -> list[int]:
    """Positions of the values that are neither None nor in ``shaped``."""
    present = np.empty(len(values), dtype=object)
    present[:] = values
    mask = np.not_equal(present, None)
    mask[shaped] = False
    return np.nonzero(mask)[0].tolist()  # type: ignore[no-any-return]


def check_curps(cells: Sequence[Cell]) -> tuple[list[str | None], dict[int, CellError], np.ndarray]:
    """:func:`check_curp` over a column, with numpy for the shape, the dates and the check digits.

    Returns the CURPs (None where blank or wrong), the errors by position and the dates of birth they hold
    (``datetime64[D]``, NaT where there is none).
    """
    values = identifier_column(cells)
    errors: dict[int, CellError] = {}
    shaped, m = _shaped(values, 18, _CURP_CLASSES)
    for k in _others(values, shaped):
        v = values[k]
        errors[k] = v if isinstance(v, CellError) else CellError("value.curp_shape", value=short(v))
    births = np.full(len(values), NAT, dtype=np.int64).view("datetime64[D]")
    if m is not None:
        century = np.where(_C_D[m[:, 16]], 1900, 2000)
        year, month, day = century + _digits(m[:, 4:6]), _digits(m[:, 6:8]), _digits(m[:, 8:10])
        valid_date = _valid_dates(year, month, day)
        total = (_CURP_VALUE[m[:, :17]] * np.arange(18, 1, -1)).sum(axis=1)
        expected = (10 - total % 10) % 10
        good = valid_date & (expected == m[:, 17].astype(np.int64) - 48)
        where = np.asarray(shaped)
        births[where[good]] = ((year[good] - 1970) * 12 + month[good] - 1).astype("datetime64[M]").astype(
            "datetime64[D]") + (day[good] - 1)
        for j in np.nonzero(~good)[0].tolist():
            k = shaped[j]
            curp = values[k]
            if not valid_date[j]:
                errors[k] = CellError("value.curp_date", value=curp, digits=curp[4:10])
            else:
                errors[k] = CellError("value.curp_check", value=curp, expected=str(int(expected[j])))
    for k in errors:
        values[k] = None
    return values, errors, births


def check_rfcs(cells: Sequence[Cell], today: date | None = None
               ) -> tuple[list[str | None], dict[int, CellError], dict[int, CellError]]:
    """:func:`check_rfc` over a column, with numpy for people's 13-character RFCs (shape, date, check
    digit). Returns the RFCs (None where blank or wrong), the errors and the warnings by position."""
    values = identifier_column(cells)
    errors: dict[int, CellError] = {}
    warnings: dict[int, CellError] = {}
    persons, m = _shaped(values, 13, _RFC_CLASSES)
    for k in _others(values, persons):
        v = values[k]
        if isinstance(v, CellError):
            errors[k] = v
            continue
        try:
            values[k], warning = check_rfc(v, today)
        except CellError as e:
            errors[k] = e
        else:
            if warning is not None:
                warnings[k] = warning
    if m is not None:
        yy, month, day = _digits(m[:, 4:6]), _digits(m[:, 6:8]), _digits(m[:, 8:10])
        this_year = (today or date.today()).year
        valid = ((2000 + yy <= this_year) & _valid_dates(2000 + yy, month, day)) | _valid_dates(1900 + yy, month, day)
        total = (_RFC_VALUE[m[:, :12]] * np.arange(13, 1, -1)).sum(axis=1)
        digit = 11 - total % 11
        expected = np.where(digit == 11, ord("0"), np.where(digit == 10, ord("A"), digit + 48))
        for j in np.nonzero(~valid | (expected != m[:, 12]))[0].tolist():
            k = persons[j]
            rfc = values[k]
            if not valid[j]:
                errors[k] = CellError("value.rfc_date", value=rfc, digits=rfc[4:10])
            else:
                warnings[k] = CellError("value.rfc_check", value=rfc, expected=chr(int(expected[j])))
    for k in errors:
        values[k] = None
    return values, errors, warnings


_PARTICLE_WORD = re.compile(r"[ \n](?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")(?=[ \n]|$)")


def split_full_names(texts: Sequence[str | None]) -> list[tuple[str, str, str | None] | None]:
    """:func:`split_full_name` over a column (None where blank). Names without a comma or a particle —
    most of them — are split with one ``str.rsplit`` each, in C; the others go through
    :func:`split_full_name`."""
    out: list[tuple[str, str, str | None] | None] = [None] * len(texts)
    lines = [t or "" for t in texts]
    joined = "\n".join(lines).lower()
    if not _plain_text(joined.replace("\n", "\0"), "\0"):
        lines = [" ".join(t.split()) for t in lines]
        joined = "\n".join(lines).lower()
    slow: set[int] = set()
    # positions in "\n" + joined of each particle's first letter and of each comma; line k starts at starts[k]
    hits = [m.start() + 1 for m in _PARTICLE_WORD.finditer("\n" + joined)]
    if "," in joined:
        hits += [m.start() + 1 for m in re.finditer(",", joined)]
    if hits:
        starts = np.cumsum([0] + [len(t) + 1 for t in lines[:-1]]) + 1
        slow = set((np.searchsorted(starts, hits, side="right") - 1).tolist())
    fast = [k for k, t in enumerate(lines) if t and k not in slow]
    pieces = list(map(str.rsplit, [lines[k] for k in fast], repeat(None), repeat(2)))
    for k, p in zip(fast, pieces, strict=True):
        n = len(p)
        out[k] = (p[0], p[1], p[2]) if n == 3 else (p[0], p[1], None) if n == 2 else (p[0], "", None) if n else None
    for k in slow:
        if lines[k].strip():
            out[k] = split_full_name(lines[k])
    return out
