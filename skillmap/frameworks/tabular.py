"""A small, bounded reader for tables in CSV or Excel files, shared by the spreadsheet importers.

:func:`read_table` returns the cell text of one sheet (or of a CSV file) as a :class:`Table`: every cell
stripped, line breaks normalised to ``\\n``, whole numbers without a trailing ``.0``, empty cells as
``None``. Fully blank rows are left out; :attr:`Table.row_numbers` keeps the number the spreadsheet shows
for each row that is kept, so importers can say exactly where a problem is.

CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252 (what Excel in Spanish writes
with “CSV (delimitado por comas)”), delimited by ``,`` ``;`` tab or ``|``. Workbooks (``.xlsx``, ``.xlsm``)
are read with openpyxl in read-only mode. Anything that cannot be opened is reported as one located
:class:`~skillmap.problems.Problem` (“file rejected: …”) inside an :class:`~skillmap.problems.InputError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillmap.i18n import register
from skillmap.problems import InputError, Problem

CSV_EXTENSIONS = (".csv", ".tsv", ".txt")
WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm")
DELIMITERS = ",;\t|"
MAX_FILE_BYTES = 100 * 1024 * 1024
_SNIFF_CHARS = 64 * 1024
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # encrypted workbooks and old .xls files
_EXCEL_ESCAPE = re.compile(r"_x(000[0-9A-Fa-f]|001[0-9A-Fa-f])_")  # control characters Excel escapes

register(
    {
        "tab.rejected": {"en": "file rejected: {why}", "es": "archivo rechazado: {why}"},
        "tab.extension": {
            "en": "file rejected: unknown extension {ext!r}; use .csv, .tsv, .txt, .xlsx or .xlsm",
            "es": "archivo rechazado: extensión desconocida {ext!r}; use .csv, .tsv, .txt, .xlsx o .xlsm",
        },
        "tab.xls": {
            "en": "file rejected: the old .xls format is not supported; save the workbook as .xlsx",
            "es": "archivo rechazado: el formato antiguo .xls no es compatible; guarde el libro como .xlsx",
        },
        "tab.not_workbook": {
            "en": "file rejected: it is not a valid .xlsx workbook (it is damaged or in another format)",
            "es": "archivo rechazado: no es un libro .xlsx válido (está dañado o tiene otro formato)",
        },
        "tab.encrypted": {
            "en": "file rejected: the workbook is password-protected or in the old .xls format; "
            "save it as .xlsx without a password",
            "es": "archivo rechazado: el libro está protegido con contraseña o tiene el formato antiguo "
            ".xls; guárdelo como .xlsx sin contraseña",
        },
        "tab.encoding": {
            "en": "file rejected: the text is neither UTF-8 nor Windows-1252; save it as “CSV UTF-8”",
            "es": "archivo rechazado: el texto no es UTF-8 ni Windows-1252; guárdelo como «CSV UTF-8»",
        },
        "tab.too_big": {
            "en": "file rejected: it is larger than {limit} MB",
            "es": "archivo rechazado: pesa más de {limit} MB",
        },
        "tab.no_sheet": {
            "en": "file rejected: there is no sheet named “{sheet}” (sheets: {sheets})",
            "es": "archivo rechazado: no hay una hoja llamada «{sheet}» (hojas: {sheets})",
        },
        "tab.no_sheets": {
            "en": "file rejected: the workbook has no worksheets",
            "es": "archivo rechazado: el libro no tiene hojas de cálculo",
        },
    }
)

Cell = str | None


@dataclass
class Table:
    """The text of one sheet. ``rows[i]`` is spreadsheet row ``row_numbers[i]`` (1-based)."""

    file: str
    sheet: str | None
    rows: list[list[Cell]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    truncated: bool = False  # more than ``max_rows`` non-blank rows: the rest was not read
    delimiter: str | None = None  # CSV only
    encoding: str | None = None  # CSV only


def _reject(file: str, key: str, at_sheet: str | None = None, **params: Any) -> InputError:
    return InputError([Problem(key, params, file=file, sheet=at_sheet)])


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


# -- cell text -----------------------------------------------------------------------------------
def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def cell_text(value: Any) -> Cell:
    """Cell value as stripped text with ``\\n`` line breaks; ``None`` for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = _number(value)
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _trimmed(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


# -- CSV ------------------------------------------------------------------------------------------
def _decode(data: bytes, file: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _reject(file, "tab.encoding")


def _count_outside_quotes(text: str, char: str) -> int:
    count, quoted = 0, False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV ``text``: :class:`csv.Sniffer` over ``, ; tab |``, else the most frequent."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter and delimiter in DELIMITERS:
        return delimiter
    counts = Counter({d: _count_outside_quotes(sample, d) for d in DELIMITERS})
    best, n = counts.most_common(1)[0]
    return best if n else ","


def _read_csv(path: Path, file: str, max_rows: int) -> Table:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _reject(file, "tab.too_big", limit=MAX_FILE_BYTES // 2**20)
        data = path.read_bytes()
    except OSError as exc:
        raise _reject(file, "tab.rejected", why=_why(exc)) from exc
    text, encoding = _decode(data, file)
    delimiter = sniff_delimiter(text)
    table = Table(file=file, sheet=None, delimiter=delimiter, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    try:
        # A record is one spreadsheet row, even when a quoted cell spans several lines of the file.
        for number, record in enumerate(reader, start=1):
            cells = _trimmed([cell_text(c) for c in record])
            if not cells:
                continue
            if len(table.rows) >= max_rows:
                table.truncated = True
                break
            table.rows.append(cells)
            table.row_numbers.append(number)
    except csv.Error as exc:
        raise _reject(file, "tab.rejected", why=_why(exc)) from exc
    return table


# -- workbooks -------------------------------------------------------------------------------------
def _xl_text(value: Any) -> Cell:
    if isinstance(value, str) and "_x" in value:
        value = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return cell_text(value)


def _open_workbook(path: Path, file: str) -> Any:
    from openpyxl import load_workbook

    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _reject(file, "tab.rejected", why=_why(exc)) from exc
    if head == _OLE_MAGIC:
        raise _reject(file, "tab.encrypted")
    if not head.startswith(b"PK"):
        raise _reject(file, "tab.not_workbook")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _reject(file, "tab.too_big", limit=MAX_FILE_BYTES // 2**20)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (validation, styles)
            return load_workbook(path, read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types (BadZipFile, KeyError, ValueError, ...)
        raise _reject(file, "tab.not_workbook") from exc


def _worksheets(wb: Any) -> list[Any]:
    return list(wb.worksheets)


def list_sheets(path: str | Path) -> list[str]:
    """Names of the worksheets of a workbook, in order; ``[]`` for a CSV file."""
    path = Path(path)
    ext = path.suffix.lower()
    _check_extension(path, str(path))
    if ext in CSV_EXTENSIONS:
        return []
    wb = _open_workbook(path, str(path))
    try:
        return [ws.title for ws in _worksheets(wb)]
    except Exception as exc:
        raise _reject(str(path), "tab.not_workbook") from exc
    finally:
        wb.close()


def _pick_sheet(wb: Any, sheet: str | None, file: str) -> Any:
    sheets = _worksheets(wb)
    if not sheets:
        raise _reject(file, "tab.no_sheets")
    if sheet is None:
        return sheets[0]
    for ws in sheets:
        if ws.title == sheet:
            return ws
    wanted = sheet.strip().casefold()
    for ws in sheets:
        if ws.title.strip().casefold() == wanted:
            return ws
    raise _reject(file, "tab.no_sheet", sheet=sheet, sheets=", ".join(ws.title for ws in sheets))


def _read_workbook(path: Path, file: str, sheet: str | None, max_rows: int) -> Table:
    wb = _open_workbook(path, file)
    try:
        ws = _pick_sheet(wb, sheet, file)
        table = Table(file=file, sheet=ws.title)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ws.reset_dimensions()  # the stored dimensions are often wrong; read what is there
                # Read-only iteration starts at row 1 and fills missing rows, so enumerate gives row numbers.
                for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    cells = _trimmed([_xl_text(v) for v in values])
                    if not cells:
                        continue
                    if len(table.rows) >= max_rows:
                        table.truncated = True
                        break
                    table.rows.append(cells)
                    table.row_numbers.append(number)
        except Exception as exc:
            raise _reject(file, "tab.rejected", at_sheet=ws.title, why=_why(exc)) from exc
        return table
    finally:
        wb.close()


def _check_extension(path: Path, file: str) -> None:
    ext = path.suffix.lower()
    if ext == ".xls":
        raise _reject(file, "tab.xls")
    if ext not in CSV_EXTENSIONS + WORKBOOK_EXTENSIONS:
        raise _reject(file, "tab.extension", ext=ext)


def read_table(path: str | Path, sheet: str | None = None, max_rows: int = 200_000) -> Table:
    """Read one sheet of ``path`` (the first if ``sheet`` is None; ignored for CSV), at most ``max_rows``
    non-blank rows. Raises :class:`InputError` with one located “file rejected” problem if it cannot."""
    path = Path(path)
    file = str(path)
    _check_extension(path, file)
    if path.suffix.lower() in CSV_EXTENSIONS:
        return _read_csv(path, file, max_rows)
    return _read_workbook(path, file, sheet, max_rows)
