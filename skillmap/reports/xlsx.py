"""The xlsx reports (gap report, training status report) and CSV of any report table.

Each writer takes the report data of :mod:`skillmap.reports.model` (text already translated into ``meta.lang``
and already pseudonymised) and lays it out with xlsxwriter in ``constant_memory`` mode: every sheet is written
row by row, top to bottom, so memory stays flat however many people the report holds.

Gap report sheets
    **Summary** (title, organisation, scope, generated at/by, data date, source files, how people are
    identified, the headline figures, the widest gaps and a native bar chart of them that stays live in Excel
    and LibreOffice); **Heatmap** (groups × competencies: share of the assessed requirements met with a
    red → yellow → blue colour scale from the app's colour-blind-safe palette, then the mean gap and the counts
    behind each cell); **People** (one row per person: unit, role, readiness as a percentage, then the current
    level in each competency their role requires, coloured by the gap to the required level as in the app's
    team grid and the PDF — «?» where it is required but not assessed, grey where the role does not require
    it; frozen header and first column, autofilter); **Required levels** (each role profile's required
    levels, the key to the colours of the people sheet); **By unit** (or by agency); **Definitions**.

Training report sheets
    **Summary** (as above, with the assignments per status and a chart of them), **Assignments**,
    **Certification programmes** (status counts per programme), **Certifications** (people due, expired, at
    risk or failed out), **Definitions**.

Safe to share
    Every text cell is written with ``write_string`` — never as a formula, whatever it starts with — and the
    workbook is opened with ``strings_to_formulas``, ``strings_to_urls`` and ``strings_to_numbers`` off.
    Numbers are numbers with a number format (percentages ``0.0%``, levels ``0``); ``None``/``NaN`` is an empty
    cell. Nothing but the report data is written (``staff_ids`` never).

Printing
    Every sheet prints landscape on letter paper, one page wide, with its header rows (and the first column of
    the wide sheets) repeated on each page, the organisation and the report title in the page header, the
    generation date, the confidentiality notice and "page N of M" in the footer, and gridlines or borders on
    the tables.

The workbook is written under a temporary name next to ``path`` and renamed when complete: a cancelled
(:class:`skillmap.tasks.Cancelled`) or failed report leaves nothing behind. ``progress`` receives a report every
:data:`PROGRESS_ROWS` rows and is checked for cancel there.

CSV
    :func:`write_table_csv` writes any :class:`~skillmap.reports.model.Table`: UTF-8 with a byte-order mark;
    Spanish uses ``;`` between cells and a decimal comma (as Excel in Mexico expects), English ``,`` and a
    decimal point; text that a spreadsheet would run as a formula is neutralised by :func:`csv_safe`.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from skillmap.charts import palette
from skillmap.i18n import register, tr
from skillmap.reports.model import (
    Cell,
    Column,
    ColumnKind,
    Definition,
    GapReportData,
    HeatmapData,
    PeopleGrid,
    ReportMeta,
    SummaryItem,
    Table,
    TrainingReportData,
)
from skillmap.tasks import Progress

#: xlsxwriter options of every workbook: rows streamed to disk, text never turned into formulas, links or numbers.
WORKBOOK_OPTIONS: dict[str, Any] = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
#: Progress is reported (and cancel checked) every this many rows of a long sheet.
PROGRESS_ROWS = 2000
#: Characters of column width printed on one landscape page (about 75 % scale on letter paper).
PAGE_CHARS = 175
#: Rows of the people grid turned from numpy into Python lists at a time (small enough to stay in the CPU cache).
GRID_BLOCK = 250
#: Rows looked at to size a table's columns.
WIDTH_SAMPLE = 500
#: Sheet names Excel refuses: ``[]:*?/\`` and names longer than 31 characters.
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Characters that must be escaped in an XML attribute (xlsxwriter's own test).
_XML_SPECIAL = re.compile('["&<>\n]')
#: A cell a spreadsheet would run as a formula (OWASP CSV injection).
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

# colours (the app's palette; blue is good, red is bad)
HEADER_FILL = "#E8EEF4"
BORDER = "#BFBFBF"
NOTICE_FILL = "#FFF4D6"
NOT_REQUIRED = "#F4F4F4"   # as the PDF's people grid and the app's team grid
SHARE_LOW, SHARE_MID, SHARE_HIGH = palette.RDYLBU_9[1], palette.RDYLBU_9[4], palette.RDYLBU_9[7]
#: Column width (characters) of one competency in the people and required-levels grids; heatmap cells ("100%").
COMPETENCY_WIDTH = 5.0
HEATMAP_WIDTH = 6.0

register(
    {
        # sheet names (at most 31 characters)
        "xlsx.sheet.summary": {"en": "Summary", "es": "Resumen"},
        "xlsx.sheet.heatmap": {"en": "Heatmap", "es": "Mapa de calor"},
        "xlsx.sheet.people": {"en": "People", "es": "Personas"},
        "xlsx.sheet.required": {"en": "Required levels", "es": "Niveles requeridos"},
        "xlsx.sheet.by_group": {"en": "By group", "es": "Por grupo"},
        "xlsx.sheet.definitions": {"en": "Definitions", "es": "Definiciones"},
        "xlsx.sheet.assignments": {"en": "Assignments", "es": "Asignaciones"},
        "xlsx.sheet.programmes": {"en": "Certification programmes", "es": "Programas de certificación"},
        "xlsx.sheet.certifications": {"en": "Certifications", "es": "Certificaciones"},
        # summary
        "xlsx.organisation": {"en": "Organisation", "es": "Organización"},
        "xlsx.scope": {"en": "Scope", "es": "Alcance"},
        "xlsx.generated_at": {"en": "Generated", "es": "Generado"},
        "xlsx.generated_by": {"en": "Generated by", "es": "Generado por"},
        "xlsx.data_date": {"en": "Data as of", "es": "Datos al"},
        "xlsx.sources": {"en": "Source files", "es": "Archivos de origen"},
        "xlsx.identified": {"en": "People identified by", "es": "Personas identificadas por"},
        "xlsx.by_pseudonym": {"en": "pseudonym (keyed code, not reversible without the database)",
                              "es": "seudónimo (código con clave, irreversible sin la base de datos)"},
        "xlsx.by_name": {"en": "name", "es": "nombre"},
        "xlsx.not_recorded": {"en": "not recorded", "es": "sin registro"},
        "xlsx.none_recorded": {"en": "none recorded", "es": "ninguno registrado"},
        "xlsx.figures": {"en": "Summary figures", "es": "Cifras principales"},
        "xlsx.notice.pseudonymised": {
            "en": "Pseudonymised report: people are identified by a pseudonym, not by name. Confidential.",
            "es": "Reporte seudonimizado: las personas se identifican con un seudónimo, no por su nombre. "
                  "Confidencial.",
        },
        "xlsx.notice.named": {
            "en": "This report names people: it holds personal data. Share it only with those entitled to it.",
            "es": "Este reporte nombra a personas: contiene datos personales. Compártalo solo con quien tenga "
                  "derecho a verlo.",
        },
        "xlsx.footer.pseudonymised": {"en": "Pseudonymised · confidential", "es": "Seudonimizado · confidencial"},
        "xlsx.footer.personal": {"en": "Confidential · personal data", "es": "Confidencial · datos personales"},
        "xlsx.page": {"en": "Page &P of &N", "es": "Página &P de &N"},
        "xlsx.yes": {"en": "Yes", "es": "Sí"},
        "xlsx.no": {"en": "No", "es": "No"},
        "xlsx.no_rows": {"en": "Nothing to list.", "es": "No hay nada que listar."},
        "xlsx.chart.people_short": {"en": "People below the required level",
                                    "es": "Personas debajo del nivel requerido"},
        # heatmap
        "xlsx.heatmap.legend": {
            "en": "Share of the assessed requirements that are met, per group and competency: red 0%, yellow 50%, "
                  "blue 100%. Grey: no one in the group is both required and assessed in the competency.",
            "es": "Proporción de los requisitos evaluados que se cumplen, por grupo y competencia: rojo 0 %, "
                  "amarillo 50 %, azul 100 %. Gris: nadie del grupo tiene el requisito y una evaluación en la "
                  "competencia.",
        },
        "xlsx.heatmap.key": {"en": "Colour key", "es": "Clave de colores"},
        "xlsx.heatmap.no_data": {"en": "no data", "es": "sin datos"},
        "xlsx.heatmap.mean_gap": {
            "en": "Mean gap in levels over the assessed requirements (blue 0, red {max})",
            "es": "Brecha promedio en niveles sobre los requisitos evaluados (azul 0, rojo {max})",
        },
        "xlsx.heatmap.counts": {
            "en": "Assessed requirements behind each cell (people both required and assessed)",
            "es": "Requisitos evaluados detrás de cada celda (personas con el requisito y una evaluación)",
        },
        # people
        "xlsx.people.legend": {
            "en": "Each cell shows the person's current level in a competency; the colour is the gap to the level "
                  "their role requires. The sheet «{sheet}» lists the required levels of each role.",
            "es": "Cada celda muestra el nivel actual de la persona en una competencia; el color indica la brecha "
                  "respecto del nivel que su puesto requiere. La hoja «{sheet}» muestra los niveles requeridos de "
                  "cada puesto.",
        },
        "xlsx.people.met": {"en": "met", "es": "cumple"},
        "xlsx.people.gap1": {"en": "1 level short", "es": "falta 1 nivel"},
        "xlsx.people.gapn": {"en": "{n} levels short", "es": "faltan {n} niveles"},
        "xlsx.people.gapmore": {"en": "{n}+ levels short", "es": "faltan {n} o más"},
        "xlsx.people.not_required": {"en": "not required", "es": "no requerida"},
        "xlsx.people.unknown": {"en": "? required, not assessed", "es": "? requerida, sin evaluar"},
        "xlsx.people.empty": {"en": "No people in scope.", "es": "No hay personas en el alcance."},
        "xlsx.required.title": {"en": "Levels required by each role profile",
                                "es": "Niveles requeridos por cada perfil de puesto"},
        "xlsx.required.note": {
            "en": "Empty: the role does not require the competency. People: people in the report holding the role.",
            "es": "Vacío: el puesto no requiere la competencia. Personas: personas del reporte que ocupan el puesto.",
        },
        "xlsx.required.no_role": {"en": "(no role profile)", "es": "(sin perfil de puesto)"},
        "xlsx.required.people": {"en": "People", "es": "Personas"},
        # definitions
        "xlsx.term": {"en": "Term", "es": "Término"},
        "xlsx.definition": {"en": "Definition", "es": "Definición"},
        # training
        "xlsx.training.statuses": {"en": "Assignments by status", "es": "Asignaciones por estado"},
        "xlsx.training.status": {"en": "Status", "es": "Estado"},
        "xlsx.training.count": {"en": "Assignments", "es": "Asignaciones"},
        "xlsx.training.programme": {"en": "Programme", "es": "Programa"},
        "xlsx.training.code": {"en": "Code", "es": "Clave"},
        "xlsx.training.people": {"en": "People", "es": "Personas"},
        "xlsx.training.programmes_title": {"en": "Certification status per programme",
                                          "es": "Estado de certificación por programa"},
        "xlsx.training.no_programmes": {"en": "No certification programme applies to the people in scope.",
                                       "es": "Ningún programa de certificación aplica a las personas del alcance."},
        # progress
        "xlsx.progress.sheet": {"en": "Writing sheet «{sheet}»", "es": "Escribiendo la hoja «{sheet}»"},
        "xlsx.progress.rows": {"en": "Writing «{sheet}»: {done:,} of {total:,} rows",
                               "es": "Escribiendo «{sheet}»: {done:,} de {total:,} filas"},
        "xlsx.progress.csv": {"en": "Writing CSV: {done:,} rows", "es": "Escribiendo CSV: {done:,} filas"},
        "xlsx.progress.saving": {"en": "Compressing the workbook", "es": "Comprimiendo el libro"},
        "xlsx.progress.done": {"en": "Workbook written", "es": "Libro escrito"},
    }
)

_T = TypeVar("_T")


# -- public API -------------------------------------------------------------------------------------------------
def csv_safe(value: _T) -> _T | str:
    """Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab, CR or LF)
    gets a leading apostrophe (OWASP CSV injection); anything else, numbers included, is returned as is."""
    if isinstance(value, str) and value.startswith(_CSV_TRIGGERS):
        return "'" + value
    return value


def write_gap_report(data: GapReportData, path: str | Path, *, progress: Progress | None = None) -> Path:
    """Write the gap report of ``data`` as an xlsx workbook at ``path`` (sheets: summary, heatmap, people,
    required levels, by unit or agency, definitions) and return the path."""
    meta = data.meta
    grid = data.people
    hm = data.groups_heatmap
    total = len(grid) + 3 * hm.shape[0] + len(data.by_unit) + len(data.widest_gaps) + len(data.definitions)
    with _Book(meta, path, progress, total) as book:
        _gap_summary_sheet(book, data)
        _heatmap_sheet(book, hm)
        required_sheet = book.name(tr("xlsx.sheet.required", meta.lang))
        _people_sheet(book, grid, required_sheet)
        _required_sheet(book, grid, required_sheet)
        _table_sheet(book, _by_group_sheet_name(data), data.by_unit)
        _definitions_sheet(book, data.definitions)
        return book.finish()


def write_training_report(data: TrainingReportData, path: str | Path, *, progress: Progress | None = None) -> Path:
    """Write the training status report of ``data`` as an xlsx workbook at ``path`` (sheets: summary with the
    assignments per status, assignments, certification programmes, certifications needing attention,
    definitions) and return the path."""
    meta = data.meta
    lang = meta.lang
    total = len(data.assignments) + len(data.certifications) + len(data.programmes) + len(data.status_counts)
    with _Book(meta, path, progress, total + len(data.definitions)) as book:
        _training_summary_sheet(book, data)
        _table_sheet(book, book.name(tr("xlsx.sheet.assignments", lang)), data.assignments)
        _programmes_sheet(book, data)
        _table_sheet(book, book.name(tr("xlsx.sheet.certifications", lang)), data.certifications)
        _definitions_sheet(book, data.definitions)
        return book.finish()


def write_table_csv(table: Table, path: str | Path, *, lang: str, progress: Progress | None = None) -> Path:
    """Write ``table`` as CSV at ``path`` (see :func:`write_csv_rows`) and return the path."""
    return write_csv_rows(table.columns, table.rows, path, lang=lang, progress=progress)


def write_csv_rows(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], path: str | Path, *, lang: str,
                   progress: Progress | None = None) -> Path:
    """Rows of cells under ``columns`` as CSV for spreadsheets: UTF-8 with a byte-order mark; Spanish
    (``lang="es"``) uses ``;`` between cells and a decimal comma, English ``,`` and a decimal point. Percentages
    (``pct`` columns, shares 0–1) are written 0–100 with one decimal and the header says ``(%)``; ``float`` two
    decimals; levels as they are (``2``, ``2.5``); dates ISO; ``None``/``NaN`` empty; booleans Yes/No; every
    text cell, headers included, through :func:`csv_safe`. ``rows`` may be a generator (the people grid's
    :meth:`~skillmap.reports.model.PeopleGrid.rows`)."""
    path = Path(path)
    delimiter = ";" if lang == "es" else ","
    kinds = [c.kind for c in columns]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([csv_safe(csv_header(c)) for c in columns])
        for i, row in enumerate(rows):
            if len(row) != len(kinds):
                raise ValueError(f"CSV row {i}: {len(row)} cells for {len(kinds)} columns")
            writer.writerow([csv_text(v, k, lang) for v, k in zip(row, kinds, strict=True)])
            if progress is not None and i % PROGRESS_ROWS == 0:
                progress.report(i, 0, tr("xlsx.progress.csv", lang, done=i))
    return path


def csv_header(column: Column) -> str:
    """A column's CSV header: percentage columns say so (their cells hold 0–100)."""
    return f"{column.header} (%)" if column.kind == "pct" and "%" not in column.header else column.header


def csv_text(value: Cell, kind: ColumnKind, lang: str) -> str:
    """One CSV cell as text (rules of :func:`write_csv_rows`)."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return tr("xlsx.yes" if value else "xlsx.no", lang)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str):
        return str(csv_safe(value))
    v = float(value)
    if not math.isfinite(v):
        return ""
    if kind == "pct":
        text = f"{100.0 * v:.1f}"
    elif kind == "float":
        text = f"{v:.2f}"
    elif kind == "int" or (isinstance(value, (int, np.integer))):
        text = str(round(v))
    else:
        text = f"{v:.6f}".rstrip("0").rstrip(".")
        text = "0" if text == "-0" else text
    return text.replace(".", ",") if lang == "es" else text


# -- the workbook -----------------------------------------------------------------------------------------------
class _Formats:
    """The cell formats of one workbook, made once (a format per cell kind, never per cell)."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        add = wb.add_format
        border = {"border": 1, "border_color": BORDER}
        self.title = add({"bold": True, "font_size": 16, "font_color": "#1F1F1F"})
        self.subtitle = add({"font_size": 12, "font_color": palette.TEXT_MUTED})
        self.sheet_title = add({"bold": True, "font_size": 13})
        self.notice = add({"bold": True, "bg_color": NOTICE_FILL, "font_color": "#5A4000"})
        self.heading = add({"bold": True, "font_size": 12, "bottom": 1, "bottom_color": BORDER})
        self.note = add({"italic": True, "font_color": palette.TEXT_MUTED})
        self.key = add({"bold": True, "font_color": "#4D4D4D", "valign": "top"})
        self.value = add({"valign": "top"})
        self.header = add({"bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "top", **border})
        self.header_rotated = add({"bold": True, "bg_color": HEADER_FILL, "rotation": 90, "text_wrap": True,
                                   "align": "center", "valign": "bottom", "font_size": 9, **border})
        self.term = add({"bold": True, "text_wrap": True, "valign": "top", **border})
        self.definition = add({"text_wrap": True, "valign": "top", **border})
        self.plain: dict[str, Format] = {kind: add({"num_format": num, "valign": "top"})
                                         for kind, num in _NUM_FORMATS.items()}
        self.plain["level1"] = add({"num_format": "0.0", "valign": "top"})
        self.cell: dict[str, Format] = {kind: add({"num_format": num, "valign": "top", **border})
                                        for kind, num in _NUM_FORMATS.items()}
        self.cell["level1"] = add({"num_format": "0.0", "valign": "top", **border})
        # heatmap: shares and gaps coloured by conditional formats; cells without data grey
        edge = {"border": 1, "border_color": palette.CELL_EDGE, "align": "center"}
        self.share = add({"num_format": "0%", **edge})
        self.mean_gap = add({"num_format": "0.0", **edge})
        self.count = add({"num_format": "#,##0", **edge})
        self.no_data = add({"bg_color": palette.MISSING_FACE, "pattern": 1, **edge})
        self.row_label = add({"bold": True, "valign": "top"})
        # people grid: one format per gap step, one for «?» (required, not assessed); the key's swatches
        # (a met requirement is a plain cell: the colours mark the shortfalls, and most cells cost no style)
        self.gap_steps: list[Format] = [add({"num_format": "0", "bg_color": colour, "font_color": _ink(colour)})
                                        for colour in palette.GAP_STEPS[1:]]
        self.unknown = add({"align": "right", "font_color": palette.UNKNOWN})
        self.legend_swatches: list[Format] = [
            add({"align": "center", "bg_color": colour, "font_color": _ink(colour), "font_size": 9, **border})
            for colour in ("#FFFFFF", *palette.GAP_STEPS[1:])]
        self.legend_not_required = add({"align": "center", "bg_color": NOT_REQUIRED, "font_size": 9,
                                        "font_color": palette.TEXT_MUTED, **border})
        self.legend_unknown = add({"align": "center", "font_color": palette.UNKNOWN, "font_size": 9, **border})
        self.grey_fill = add({"bg_color": NOT_REQUIRED})
        self.pct_grid = add({"num_format": "0.0%"})
        self.required_level = add({"num_format": "0", "align": "center", "border": 1, "border_color": BORDER})

    def for_kind(self, kind: str, *, table: bool = True) -> Format:
        return (self.cell if table else self.plain).get(kind, (self.cell if table else self.plain)["text"])


_NUM_FORMATS: dict[str, str] = {
    "text": "@", "int": "#,##0", "float": "#,##0.00", "pct": "0.0%", "level": "0", "date": "yyyy-mm-dd",
}


class _ReportSheet(Worksheet):
    """xlsxwriter's worksheet, with one hot spot removed.

    xlsxwriter escapes every XML attribute of every cell with a regular-expression search; a formatted cell's
    style index is an ``int``, on which the search raises ``TypeError`` and the attribute is returned unchanged
    from the ``except``. Raising and catching costs about 2.5 µs, a third of writing a whole cell, so coloured
    cells would cost half as much again as bare ones. Whole numbers never need escaping and are returned at
    once here, as are strings without a character to escape (the same test as xlsxwriter's, inline); the rest
    goes the usual way — the file is byte for byte the same (tested). The override uses xlsxwriter's public
    ``worksheet_class`` hook; were the private method ever renamed, the output would stay correct and only
    lose the speed."""

    def _escape_attributes(self, attribute: Any) -> Any:
        kind = attribute.__class__
        if kind is int or (kind is str and _XML_SPECIAL.search(attribute) is None):
            return attribute
        return Worksheet._escape_attributes(self, attribute)


class _Book:
    """One workbook being written: formats, unique sheet names, print settings, progress, and the temporary
    file that becomes ``path`` only when the workbook is complete."""

    def __init__(self, meta: ReportMeta, path: str | Path, progress: Progress | None, total_rows: int) -> None:
        self.meta = meta
        self.lang = meta.lang
        self.path = Path(path)
        self.progress = progress
        self.total = max(1, total_rows) + 1  # + saving
        self.done = 0
        self.tmp = self.path.with_name(f".{self.path.stem}.{uuid.uuid4().hex[:8]}.part.xlsx")
        self.names: set[str] = set()
        self.closed = False
        self.tmpdir = tempfile.mkdtemp(prefix="skillmap-xlsx-")  # constant_memory's per-sheet row files
        try:
            self.wb = xlsxwriter.Workbook(str(self.tmp), {**WORKBOOK_OPTIONS, "tmpdir": self.tmpdir})
            self.fmt = _Formats(self.wb)
            self.wb.set_properties({
                "title": meta.title, "subject": meta.subtitle, "author": meta.generated_by,
                "company": meta.organisation, "comments": meta.notice or self.notice(),
                "created": meta.generated_at,
            })
        except BaseException:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            raise

    def __enter__(self) -> _Book:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.closed:  # cancelled or failed: drop the half-written sheets
            for ws in self.wb.worksheets():
                fh = getattr(ws, "row_data_fh", None)  # constant_memory's per-sheet temp file
                if fh is not None:
                    with contextlib.suppress(OSError):
                        fh.close()
        shutil.rmtree(self.tmpdir, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.tmp.unlink(missing_ok=True)

    # -- names and texts
    def name(self, wanted: str) -> str:
        """A valid sheet name for ``wanted``, unique in the workbook (reserved on first call)."""
        base = _BAD_SHEET_CHARS.sub(" ", wanted).strip().strip("'")[:31].strip() or "Sheet"
        name, n = base, 2
        while name.lower() in self.names:
            suffix = f" ({n})"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        self.names.add(name.lower())
        return name

    def notice(self) -> str:
        return tr("xlsx.notice.pseudonymised" if self.meta.pseudonymised else "xlsx.notice.named", self.lang)

    # -- progress
    def tick(self, rows: int, sheet: str, done_in_sheet: int = 0, total_in_sheet: int = 0) -> None:
        self.done += rows
        if self.progress is not None:
            message = (tr("xlsx.progress.rows", self.lang, sheet=sheet, done=done_in_sheet, total=total_in_sheet)
                       if total_in_sheet else tr("xlsx.progress.sheet", self.lang, sheet=sheet))
            self.progress.report(min(self.done, self.total - 1), self.total, message)

    # -- sheets
    def sheet(self, name: str, *, header_rows: tuple[int, int] | None = None, repeat_first_column: bool = False,
              gridlines: bool = False) -> Worksheet:
        """A new sheet named ``name`` (from :meth:`name`, or made unique here) with the report's print
        settings: landscape letter, one page wide (see :meth:`fit_width`), ``header_rows`` (first, last)
        repeated on every page, the organisation and title in the page header, date, notice and page numbers
        in the footer."""
        if name.lower() not in self.names:
            name = self.name(name)
        ws = self.wb.add_worksheet(name, worksheet_class=_ReportSheet)
        meta = self.meta
        ws.set_landscape()
        ws.set_paper(1)  # letter
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        ws.hide_gridlines(0 if gridlines else 1)
        if header_rows is not None:
            ws.repeat_rows(*header_rows)
        if repeat_first_column:
            ws.repeat_columns(0)
        generated = meta.generated_at.strftime("%Y-%m-%d %H:%M")
        if meta.generated_by:
            generated += f" · {meta.generated_by}"
        notice = tr("xlsx.footer.pseudonymised" if meta.pseudonymised else "xlsx.footer.personal", self.lang)
        ws.set_header(f"&L{_hf(meta.organisation, 80)}&R{_hf(meta.title, 80)}", {"scale_with_doc": False})
        ws.set_footer(f"&L{_hf(generated, 60)}&C{_hf(notice, 60)}&R{tr('xlsx.page', self.lang)}",
                      {"scale_with_doc": False})
        self.tick(0, name)
        return ws

    @staticmethod
    def fit_width(ws: Worksheet, width_chars: float) -> None:
        """Print the grid ``ws`` as many pages wide as keeps its text legible: up to :data:`PAGE_CHARS`
        characters of width on one page, a wider grid (dozens of competencies, which on one page would print
        at a third of its size) over as many pages as needed, its first column repeated on each. Tables and
        the summary always print one page wide."""
        ws.fit_to_pages(max(1, math.ceil(width_chars / PAGE_CHARS)), 0)

    def finish(self) -> Path:
        if self.progress is not None:
            self.progress.report(self.total - 1, self.total, tr("xlsx.progress.saving", self.lang))
        self.wb.close()
        self.closed = True
        os.replace(self.tmp, self.path)
        if self.progress is not None:
            self.progress.report(self.total, self.total, tr("xlsx.progress.done", self.lang))
        return self.path


def _hf(text: str, limit: int) -> str:
    """Text for a page header/footer section: ``&`` doubled (it starts a code), cut to ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return text.replace("&", "&&")


def _ink(colour: str) -> str:
    rgb = tuple(int(colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
    return palette.text_colour_on((*rgb, 1.0))


def _by_group_sheet_name(data: GapReportData) -> str:
    title = data.groups_heatmap.row_title.strip()
    if data.meta.lang == "es":
        return f"Por {title.lower()}" if title else tr("xlsx.sheet.by_group", "es")
    return f"By {title.lower()}" if title else tr("xlsx.sheet.by_group", "en")


# -- writing cells ----------------------------------------------------------------------------------------------
def _put(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None, lang: str,
         date_fmt: Format | None = None) -> None:
    """One cell by the value's type: text always as text, numbers as numbers, dates as dates, ``None``/``NaN``
    empty (with ``fmt`` kept for its borders)."""
    if value is None:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
        return
    if isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, (bool, np.bool_)):
        ws.write_string(row, col, tr("xlsx.yes" if value else "xlsx.no", lang), fmt)
    elif isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        if math.isfinite(number):
            ws.write_number(row, col, number, fmt)
        elif fmt is not None:
            ws.write_blank(row, col, None, fmt)
    elif isinstance(value, (datetime, date)):
        ws.write_datetime(row, col, value, date_fmt or fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _kind_formats(book: _Book, table: Table, *, bordered: bool = True) -> list[Format]:
    fmts = []
    for i, column in enumerate(table.columns):
        kind: str = column.kind
        if kind == "level":
            whole = all(v is None or not isinstance(v, (int, float)) or not math.isfinite(float(v))
                        or float(v).is_integer() for v in (r[i] for r in table.rows))
            kind = "level" if whole else "level1"
        fmts.append(book.fmt.for_kind(kind, table=bordered))
    return fmts


def _widths(table: Table) -> list[float]:
    """Column widths (characters) from the headers (which wrap) and the first :data:`WIDTH_SAMPLE` rows."""
    out = []
    sample = table.rows[:WIDTH_SAMPLE]
    for i, column in enumerate(table.columns):
        longest_word = max((len(w) for w in column.header.split()), default=4)
        header = min(len(column.header), max(longest_word, 14))
        if column.kind == "text":
            content = max((len(str(r[i])) for r in sample if r[i] is not None), default=0)
        elif column.kind == "date":
            content = 10
        elif column.kind == "pct":
            content = 7
        else:
            content = max((len(f"{float(r[i]):,.2f}") for r in sample
                           if isinstance(r[i], (int, float)) and math.isfinite(float(r[i]))), default=4)
        out.append(float(min(max(header, content, 6) + 2, 50)))
    return out


def _write_table(book: _Book, ws: Worksheet, table: Table, first_row: int, sheet: str,
                 *, first_col: int = 0, widths: Sequence[float] | None = None) -> int:
    """``table``'s header (as tall as its wrapped texts need in columns ``widths`` wide) and rows from
    ``first_row``; returns the next free row (after its note)."""
    lang = book.lang
    fmt = book.fmt
    if widths is not None:
        lines = max((_lines(c.header, w, 0.95) for c, w in zip(table.columns, widths, strict=True)), default=1)
        ws.set_row(first_row, 15.0 * lines + 2)
    for c, column in enumerate(table.columns):
        ws.write_string(first_row, first_col + c, column.header, fmt.header)
    fmts = _kind_formats(book, table)
    date_fmt = fmt.cell["date"]
    r = first_row + 1
    n = len(table.rows)
    for i, row in enumerate(table.rows):
        for c, (value, f) in enumerate(zip(row, fmts, strict=True)):
            _put(ws, r, first_col + c, value, f, lang, date_fmt)
        r += 1
        if (i + 1) % PROGRESS_ROWS == 0:
            book.tick(PROGRESS_ROWS, sheet, i + 1, n)
    book.tick(n % PROGRESS_ROWS, sheet, n, n)
    if not table.rows:
        ws.write_string(r, first_col, table.note or tr("xlsx.no_rows", lang), fmt.note)
        return r + 1
    if table.note:
        ws.write_string(r, first_col, table.note, fmt.note)
        r += 1
    return r


def _table_sheet(book: _Book, name: str, table: Table) -> Worksheet:
    """A sheet holding one table: title, header row (frozen, filtered, repeated when printed), rows."""
    header_row = 2
    ws = book.sheet(name, header_rows=(header_row, header_row), gridlines=True)
    widths = _widths(table)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    if table.rows:
        ws.freeze_panes(header_row + 1, 1)
        ws.autofilter(header_row, 0, header_row + len(table.rows), len(table.columns) - 1)
    ws.write_string(0, 0, table.title, book.fmt.sheet_title)
    _write_table(book, ws, table, header_row, name, widths=widths)
    return ws


def _meta_rows(book: _Book, ws: Worksheet) -> int:
    """Title, subtitle, notice and the who/what/when of the report from row 0; returns the next free row."""
    meta, lang, fmt = book.meta, book.lang, book.fmt
    not_recorded = tr("xlsx.not_recorded", lang)
    ws.set_row(0, 24)
    ws.write_string(0, 0, meta.title, fmt.title)
    ws.write_string(1, 0, meta.subtitle, fmt.subtitle)
    ws.write_string(2, 0, meta.notice or book.notice(), fmt.notice)
    pairs: list[tuple[str, object]] = [
        (tr("xlsx.organisation", lang), meta.organisation),
        (tr("xlsx.scope", lang), meta.scope_label),
        (tr("xlsx.generated_at", lang), meta.generated_at.strftime("%Y-%m-%d %H:%M")),
        (tr("xlsx.generated_by", lang), meta.generated_by or not_recorded),
        (tr("xlsx.data_date", lang), meta.data_date.isoformat() if meta.data_date else not_recorded),
        (tr("xlsx.identified", lang), tr("xlsx.by_pseudonym" if meta.pseudonymised else "xlsx.by_name", lang)),
    ]
    sources = list(meta.sources) or [tr("xlsx.none_recorded", lang)]
    pairs += [(tr("xlsx.sources", lang) if i == 0 else "", s) for i, s in enumerate(sources)]
    r = 4
    for key, value in pairs:
        if key:
            ws.write_string(r, 0, key, fmt.key)
        _put(ws, r, 1, value, fmt.value, lang)
        r += 1
    return r + 1


def _figures(book: _Book, ws: Worksheet, items: Sequence[SummaryItem], r: int) -> int:
    fmt, lang = book.fmt, book.lang
    ws.write_string(r, 0, tr("xlsx.figures", lang), fmt.heading)
    r += 1
    for item in items:
        ws.write_string(r, 0, item.label, fmt.key)
        _put(ws, r, 1, item.value, fmt.for_kind(item.kind, table=False), lang, fmt.plain["date"])
        r += 1
    return r + 1


def _column_of(table: Table, keys: Sequence[str], kind: str) -> int | None:
    """The first column named one of ``keys``, else the first of ``kind``."""
    names = [c.key for c in table.columns]
    for key in keys:
        if key in names:
            return names.index(key)
    return next((i for i, c in enumerate(table.columns) if c.kind == kind), None)


def _bar_chart(book: _Book, ws: Worksheet, sheet: str, *, cats: tuple[int, int, int], vals: tuple[int, int, int],
               top: float, title: str, series: str, anchor: tuple[int, int], colour: str, horizontal: bool) -> None:
    """A native chart of the counts in ``vals`` (row from, row to, column; largest ``top``) against ``cats``,
    anchored at ``anchor``; whole-number ticks."""
    n = vals[1] - vals[0] + 1
    value_axis = {"num_format": "#,##0", "min": 0, "major_unit": max(1, math.ceil(top / 6)),
                  "major_gridlines": {"visible": True, "line": {"color": palette.GRID}}}
    chart = book.wb.add_chart({"type": "bar" if horizontal else "column"})
    if chart is None:
        return
    chart.add_series({
        "name": series,
        "categories": [sheet, cats[0], cats[2], cats[1], cats[2]],
        "values": [sheet, vals[0], vals[2], vals[1], vals[2]],
        "fill": {"color": colour}, "border": {"none": True}, "gap": 60,
        "data_labels": {"value": True, "num_format": "#,##0"},
    })
    chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
    chart.set_legend({"none": True})
    chart.set_chartarea({"border": {"none": True}})
    if horizontal:
        # a bar chart's y axis holds the categories: widest first, every label shown
        chart.set_y_axis({"reverse": True, "num_font": {"size": 8}, "interval_unit": 1})
        chart.set_x_axis(value_axis)
        chart.set_size({"width": 960, "height": 110 + 36 * n})
    else:
        chart.set_y_axis(value_axis)
        chart.set_size({"width": 560, "height": 300})
    ws.insert_chart(anchor[0], anchor[1], chart, {"x_offset": 4, "y_offset": 4, "object_position": 1})


# -- gap report -------------------------------------------------------------------------------------------------
def _gap_summary_sheet(book: _Book, data: GapReportData) -> None:
    name = book.name(tr("xlsx.sheet.summary", book.lang))
    ws = book.sheet(name)
    table = data.widest_gaps
    widths = [max(w, 36.0 if c == 0 else 14.0) for c, w in enumerate(_widths(table))] or [36.0, 16.0]
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    r = _meta_rows(book, ws)
    r = _figures(book, ws, data.summary, r)
    ws.write_string(r, 0, table.title, book.fmt.heading)
    header = r + 1
    after = _write_table(book, ws, table, header, name, widths=widths if table.columns else None)
    cat = _column_of(table, ("competency",), "text")
    val = _column_of(table, ("short",), "int")
    top = max((float(r[val]) for r in table.rows if val is not None and isinstance(r[val], (int, float))
               and math.isfinite(float(r[val]))), default=0.0)
    if table.rows and cat is not None and val is not None and top > 0:
        _bar_chart(book, ws, name, cats=(header + 1, header + len(table.rows), cat),
                   vals=(header + 1, header + len(table.rows), val), top=top, title=table.title,
                   series=table.columns[val].header, anchor=(after + 1, 0), colour=palette.SHORT, horizontal=True)
        ws.set_h_pagebreaks([after + 1])  # the chart prints on a page of its own, not cut in two


def _heatmap_sheet(book: _Book, hm: HeatmapData) -> None:
    lang, fmt = book.lang, book.fmt
    name = book.name(tr("xlsx.sheet.heatmap", lang))
    header_row = 3
    n_rows, n_cols = hm.shape
    ws = book.sheet(name, header_rows=(header_row, header_row), repeat_first_column=True, gridlines=True)
    label_width = max((len(s) for s in hm.row_labels), default=10)
    label_col = float(min(max(label_width + 2, len(hm.row_title) + len(hm.col_title) + 5, 22), 50))
    ws.set_column(0, 0, label_col)
    ws.set_column(1, max(1, n_cols), HEATMAP_WIDTH)
    book.fit_width(ws, label_col + HEATMAP_WIDTH * max(n_cols, 6))
    ws.set_row(header_row, _rotated_height(hm.col_labels))
    ws.freeze_panes(header_row + 1, 1)

    share_first, share_last = header_row + 1, header_row + n_rows
    gap_title = share_last + 2
    gap_first, gap_last = gap_title + 1, gap_title + n_rows
    count_title = gap_last + 2
    count_first = count_title + 1
    top = max(1.0, float(hm.max_gap))
    if n_rows and n_cols:
        ws.conditional_format(share_first, 1, share_last, n_cols, _share_scale())
        ws.conditional_format(gap_first, 1, gap_last, n_cols, {
            "type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": SHARE_HIGH,
            "mid_type": "num", "mid_value": top / 2, "mid_color": SHARE_MID,
            "max_type": "num", "max_value": top, "max_color": SHARE_LOW})
    ws.conditional_format(2, 1, 2, 5, _share_scale())  # the colour key

    ws.write_string(0, 0, hm.title, fmt.sheet_title)
    ws.write_string(1, 0, tr("xlsx.heatmap.legend", lang), fmt.note)
    ws.write_string(2, 0, tr("xlsx.heatmap.key", lang), fmt.key)
    for i, share in enumerate((0.0, 0.25, 0.5, 0.75, 1.0)):
        ws.write_number(2, 1 + i, share, fmt.share)
    ws.write_string(2, 6, tr("xlsx.heatmap.no_data", lang), fmt.no_data)
    ws.write_string(header_row, 0, f"{hm.row_title} / {hm.col_title}", fmt.header)
    for c, label in enumerate(hm.col_labels):
        ws.write_string(header_row, 1 + c, label, fmt.header_rotated)

    def block(first: int, values: np.ndarray[Any, Any], cell_fmt: Format, blank_if: np.ndarray[Any, Any]) -> None:
        rows = values.astype(object)
        rows[blank_if] = None
        for i, (label, cells) in enumerate(zip(hm.row_labels, rows.tolist(), strict=True)):
            ws.write_string(first + i, 0, label, fmt.row_label)
            for c, v in enumerate(cells):
                if v is None:
                    ws.write_blank(first + i, 1 + c, None, fmt.no_data)
                else:
                    ws.write_number(first + i, 1 + c, v, cell_fmt)
        book.tick(n_rows, name, n_rows, n_rows)

    missing = ~np.isfinite(hm.share)
    block(share_first, hm.share, fmt.share, missing)
    ws.write_string(gap_title, 0, tr("xlsx.heatmap.mean_gap", lang, max=f"{top:g}"), fmt.heading)
    block(gap_first, hm.mean_gap, fmt.mean_gap, ~np.isfinite(hm.mean_gap))
    ws.write_string(count_title, 0, tr("xlsx.heatmap.counts", lang), fmt.heading)
    block(count_first, hm.counts, fmt.count, missing & (hm.counts == 0))


def _share_scale() -> dict[str, Any]:
    return {"type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": SHARE_LOW,
            "mid_type": "num", "mid_value": 0.5, "mid_color": SHARE_MID,
            "max_type": "num", "max_value": 1, "max_color": SHARE_HIGH}


def _rotated_height(labels: Sequence[str]) -> float:
    """Row height (points) for rotated competency names: a long name wraps into two lines of its narrow
    column, so the frozen header stays short enough to leave room for the rows."""
    longest_label = max((len(s) for s in labels), default=10)
    lines = 1 if longest_label <= 24 else 2
    return float(min(max(5.6 * math.ceil(longest_label / lines) + 12, 60.0), 150.0))


def _width_at(widths: Sequence[float], col: int) -> float:
    return widths[col] if col < len(widths) else COMPETENCY_WIDTH


def _gap_legend(lang: str, max_gap: int) -> list[tuple[str, str]]:
    """(kind, label) of the people grid's colour key: ``gap0`` … ``gapN``, ``not_required``, ``unknown``."""
    items = [("gap0", tr("xlsx.people.met", lang))]
    top = min(max_gap, len(palette.GAP_STEPS) - 1)
    for g in range(1, top + 1):
        if g == top and max_gap > top:
            label = tr("xlsx.people.gapmore", lang, n=g)
        else:
            label = tr("xlsx.people.gap1", lang) if g == 1 else tr("xlsx.people.gapn", lang, n=g)
        items.append((f"gap{g}", label))
    items.append(("not_required", tr("xlsx.people.not_required", lang)))
    items.append(("unknown", tr("xlsx.people.unknown", lang)))
    return items


def _people_sheet(book: _Book, grid: PeopleGrid, required_sheet: str) -> None:
    """People × competencies: person, unit, role, readiness, then the current level in each competency the
    person's role requires, coloured by the gap to the required level («?» where not assessed). Competencies the
    role does not require get no cell (as in the PDF and the CSV); one conditional format paints them grey. A
    met requirement is a plain white cell: the colours mark the shortfalls (the PDF also tints met cells).

    Speed: gap steps, formats and values are worked out with numpy per block of rows and turned into Python
    lists once (``tolist``); the write loop only calls ``write_number`` with a ready format (one of six made
    once, see :class:`_ReportSheet`), so the sheet costs about what writing the bare numbers costs."""
    lang, fmt = book.lang, book.fmt
    name = book.name(tr("xlsx.sheet.people", lang))
    header_row = 3
    first = 4  # first competency column
    n, n_comp = len(grid), len(grid.competencies)
    ws = book.sheet(name, header_rows=(header_row, header_row), repeat_first_column=True, gridlines=True)
    sample = range(min(n, WIDTH_SAMPLE))
    label_w = max([len(grid.label_header) // 2, *(len(grid.person_label[p]) for p in sample)], default=12)
    unit_w = max((len(grid.unit[p]) for p in sample), default=12)
    role_w = max((len(grid.role[p]) for p in sample), default=12)
    label_col = float(min(max(label_w + 2, 14), 42))
    unit_col = float(min(max(unit_w + 2, 14), 40))
    role_col = float(min(max(role_w + 2, 14), 36))
    ready_col = float(max(len(grid.readiness_header) + 3, 11))
    for c, width in enumerate((label_col, unit_col, role_col, ready_col)):
        ws.set_column(c, c, width)
    if n_comp:
        ws.set_column(first, first + n_comp - 1, COMPETENCY_WIDTH)
    book.fit_width(ws, label_col + unit_col + role_col + ready_col + COMPETENCY_WIDTH * n_comp)
    ws.set_row(header_row, _rotated_height(grid.competencies))
    ws.freeze_panes(header_row + 1, 1)
    last_row = header_row + n
    if n:
        ws.autofilter(header_row, 0, last_row, first + n_comp - 1)
        ws.conditional_format(header_row + 1, 3, last_row, 3, {
            "type": "data_bar", "bar_color": palette.SKY_BLUE, "min_type": "num",
            "min_value": 0, "max_type": "num", "max_value": 1, "data_bar_2010": False})
        if n_comp:
            ws.conditional_format(header_row + 1, first, last_row, first + n_comp - 1,
                                  {"type": "blanks", "format": fmt.grey_fill})

    # title, legend, colour key, header
    ws.write_string(0, 0, grid.title, fmt.sheet_title)
    ws.write_string(1, 0, tr("xlsx.people.legend", lang, sheet=required_sheet), fmt.note)
    ws.write_string(2, 0, tr("xlsx.heatmap.key", lang), fmt.key)
    max_gap = max(1, round(grid.max_level))
    swatch = {f"gap{g}": f for g, f in enumerate(fmt.legend_swatches)}
    swatch.update(not_required=fmt.legend_not_required, unknown=fmt.legend_unknown)
    widths = [label_col, unit_col, role_col, ready_col] + [COMPETENCY_WIDTH] * n_comp
    col = 1
    for kind, label in _gap_legend(lang, max_gap):  # each swatch as wide as its label: merged narrow columns
        last, room = col, _width_at(widths, col)
        while room < len(label) + 2:
            last += 1
            room += _width_at(widths, last)
        if last > col:
            ws.merge_range(2, col, 2, last, "", swatch[kind])
        ws.write_string(2, col, label, swatch[kind])
        col = last + 1
    for c, header in enumerate((grid.label_header, grid.unit_header, grid.role_header, grid.readiness_header)):
        ws.write_string(header_row, c, header, fmt.header)
    for c, competency in enumerate(grid.competencies):
        ws.write_string(header_row, first + c, competency, fmt.header_rotated)
    if not n:
        ws.write_string(header_row + 1, 0, tr("xlsx.people.empty", lang), fmt.note)
        book.tick(0, name)
        return

    # one code per written cell: 0 met (plain cell), 1…top gap steps, top+1 required and unknown; competencies
    # not required get no cell (painted grey by the conditional format)
    top = len(palette.GAP_STEPS) - 1
    by_code = np.array([None, *fmt.gap_steps, fmt.unknown], dtype=object)
    labels, units, roles = grid.person_label, grid.unit, grid.role
    # The undecorated writers: ``write_number``/``write_string`` only add the conversion of "A1"-style
    # arguments, which costs a fifth of the time of this loop's two million cells (rows and columns here are
    # numbers already). Same checks of row, column and value otherwise.
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_number = getattr(ws, "_write_number", ws.write_number)
    unknown_fmt, pct = fmt.unknown, fmt.pct_grid
    reported = 0
    for start in range(0, n, GRID_BLOCK):
        stop = min(n, start + GRID_BLOCK)
        current = grid.current[start:stop]
        required = grid.required[start:stop]
        needed = np.isfinite(required)
        with np.errstate(invalid="ignore"):
            steps = np.clip(np.nan_to_num(required - current, nan=0.0), 0, top).astype(np.int64)
        codes = np.where(np.isfinite(current), steps, top + 1)[needed]
        # the written cells of the block, row by row, left to right (np.nonzero's order), and how many per row
        per_row = needed.sum(axis=1).tolist()
        cells = zip((np.nonzero(needed)[1] + first).tolist(), current[needed].tolist(), by_code[codes].tolist(),
                    strict=True)
        readiness = grid.readiness[start:stop].tolist()
        for i, p in enumerate(range(start, stop)):
            r = header_row + 1 + p
            write_string(r, 0, labels[p])
            if units[p]:
                write_string(r, 1, units[p])
            if roles[p]:
                write_string(r, 2, roles[p])
            ready = readiness[i]
            if ready == ready:  # not NaN
                write_number(r, 3, ready, pct)
            for c, level, f in islice(cells, per_row[i]):
                if f is unknown_fmt:
                    write_string(r, c, "?", f)
                else:
                    write_number(r, c, level, f)
        if stop - reported >= PROGRESS_ROWS or stop == n:
            book.tick(stop - reported, name, stop, n)
            reported = stop


def _required_sheet(book: _Book, grid: PeopleGrid, name: str) -> None:
    """Each distinct role profile (title and required levels) with the number of people holding it."""
    lang, fmt = book.lang, book.fmt
    header_row = 3
    first = 2
    n_comp = len(grid.competencies)
    ws = book.sheet(name, header_rows=(header_row, header_row), repeat_first_column=True, gridlines=True)
    roles: list[tuple[str, list[float | None], int]] = []
    if len(grid):
        # distinct (role title, required levels) rows: one sort of the rows' bytes
        role_names, role_of = np.unique(np.asarray(grid.role, dtype=object).astype(str), return_inverse=True)
        keyed = np.ascontiguousarray(np.column_stack([role_of.astype(np.float64),
                                                      np.nan_to_num(grid.required, nan=-1.0)]))
        rows = keyed.view(np.dtype((np.void, keyed.dtype.itemsize * keyed.shape[1]))).ravel()
        _distinct, first_of, counts = np.unique(rows, return_index=True, return_counts=True)
        for p, count in zip(first_of.tolist(), counts.tolist(), strict=True):
            title = str(role_names[int(keyed[p, 0])])
            levels = [None if v < 0 else v for v in keyed[p, 1:].tolist()]
            if not title and all(v is None for v in levels):
                continue  # people without a role: nothing required
            roles.append((title, levels, int(count)))
        roles.sort(key=lambda x: (x[0] == "", x[0], -x[2]))
    width = float(min(max(max((len(r[0]) for r in roles), default=20) + 2, 24), 60))
    ws.set_column(0, 0, width)
    ws.set_column(1, 1, 10.0)
    if n_comp:
        ws.set_column(first, first + n_comp - 1, COMPETENCY_WIDTH)
    book.fit_width(ws, width + 10.0 + COMPETENCY_WIDTH * n_comp)
    ws.set_row(header_row, _rotated_height(grid.competencies))
    ws.freeze_panes(header_row + 1, 1)
    if roles:
        ws.autofilter(header_row, 0, header_row + len(roles), first + n_comp - 1)
    ws.write_string(0, 0, tr("xlsx.required.title", lang), fmt.sheet_title)
    ws.write_string(1, 0, tr("xlsx.required.note", lang), fmt.note)
    ws.write_string(header_row, 0, grid.role_header, fmt.header)
    ws.write_string(header_row, 1, tr("xlsx.required.people", lang), fmt.header)
    for c, competency in enumerate(grid.competencies):
        ws.write_string(header_row, first + c, competency, fmt.header_rotated)
    no_role = tr("xlsx.required.no_role", lang)
    for i, (role, levels, count) in enumerate(roles):
        r = header_row + 1 + i
        ws.write_string(r, 0, role or no_role, fmt.row_label)
        ws.write_number(r, 1, count, fmt.cell["int"])
        for c, level in enumerate(levels):
            if level is not None:
                ws.write_number(r, first + c, level, fmt.required_level)
    if not roles:
        ws.write_string(header_row + 1, 0, tr("xlsx.no_rows", lang), fmt.note)


def _definitions_sheet(book: _Book, items: Sequence[Definition]) -> None:
    lang, fmt = book.lang, book.fmt
    name = book.name(tr("xlsx.sheet.definitions", lang))
    header_row = 2
    ws = book.sheet(name, header_rows=(header_row, header_row))
    term_w, def_w = 30.0, 100.0
    ws.set_column(0, 0, term_w)
    ws.set_column(1, 1, def_w)
    ws.write_string(0, 0, tr("xlsx.sheet.definitions", lang), fmt.sheet_title)
    ws.write_string(header_row, 0, tr("xlsx.term", lang), fmt.header)
    ws.write_string(header_row, 1, tr("xlsx.definition", lang), fmt.header)
    for i, item in enumerate(items):
        r = header_row + 1 + i
        lines = max(_lines(item.term, term_w, 0.95), _lines(item.definition, def_w, 1.2))
        ws.set_row(r, 15.0 * lines + 3)
        ws.write_string(r, 0, item.term, fmt.term)
        ws.write_string(r, 1, item.definition, fmt.definition)
    if not items:
        ws.write_string(header_row + 1, 0, tr("xlsx.no_rows", lang), fmt.note)
    book.tick(len(items), name)


def _lines(text: str, width: float, chars_per_width: float) -> int:
    """Lines ``text`` takes wrapped word by word in a column ``width`` characters wide, at ``chars_per_width``
    characters of text per unit of width (proportional text is narrower than the digit that defines the unit;
    bold text less so)."""
    per_line = max(1, int((width - 1) * chars_per_width))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > per_line:
                lines, used = lines + 1, 0
            lines += (size - 1) // per_line if size > per_line else 0
            used = (used + 1 + size if used else size) if size <= per_line else size % per_line
        total += lines
    return total


# -- training report --------------------------------------------------------------------------------------------
def _training_summary_sheet(book: _Book, data: TrainingReportData) -> None:
    lang, fmt = book.lang, book.fmt
    name = book.name(tr("xlsx.sheet.summary", lang))
    ws = book.sheet(name)
    ws.set_column(0, 0, 40.0)
    ws.set_column(1, 1, 16.0)
    r = _meta_rows(book, ws)
    r = _figures(book, ws, data.summary, r)
    ws.write_string(r, 0, tr("xlsx.training.statuses", lang), fmt.heading)
    header = r + 1
    ws.write_string(header, 0, tr("xlsx.training.status", lang), fmt.header)
    ws.write_string(header, 1, tr("xlsx.training.count", lang), fmt.header)
    for i, status in enumerate(data.status_counts):
        ws.write_string(header + 1 + i, 0, status.label, fmt.cell["text"])
        ws.write_number(header + 1 + i, 1, status.count, fmt.cell["int"])
    book.tick(len(data.status_counts), name)
    n = len(data.status_counts)
    top = max((s.count for s in data.status_counts), default=0)
    if top > 0:  # no chart of nothing
        _bar_chart(book, ws, name, cats=(header + 1, header + n, 0), vals=(header + 1, header + n, 1), top=top,
                   title=tr("xlsx.training.statuses", lang), series=tr("xlsx.training.count", lang),
                   anchor=(header + n + 2, 0), colour=palette.BLUE, horizontal=False)


def _programmes_sheet(book: _Book, data: TrainingReportData) -> None:
    """Certification programmes × statuses (counts), one row per programme."""
    lang = book.lang
    keys: list[str] = []
    labels: dict[str, str] = {}
    for programme in data.programmes:
        for count in programme.counts:
            if count.key not in labels:
                keys.append(count.key)
                labels[count.key] = count.label
    columns = (Column("code", tr("xlsx.training.code", lang)), Column("programme", tr("xlsx.training.programme", lang)),
               Column("people", tr("xlsx.training.people", lang), "int"),
               *(Column(k, labels[k], "int") for k in keys))
    rows: list[list[Cell]] = []
    for programme in data.programmes:
        by_key = {c.key: c.count for c in programme.counts}
        rows.append([programme.code, programme.name, programme.people, *(by_key.get(k, 0) for k in keys)])
    table = Table(tr("xlsx.training.programmes_title", lang), columns, rows,
                  note="" if rows else tr("xlsx.training.no_programmes", lang))
    _table_sheet(book, book.name(tr("xlsx.sheet.programmes", lang)), table)


__all__ = [
    "PROGRESS_ROWS", "WORKBOOK_OPTIONS", "csv_header", "csv_safe", "csv_text", "write_csv_rows",
    "write_gap_report", "write_table_csv", "write_training_report",
]
