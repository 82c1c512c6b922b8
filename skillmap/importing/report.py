"""Write the list of problems found in a file, for the HR office that sent it (JSON or xlsx).

Cells are written with ``write_string``: a value from the file that starts with ``=`` stays text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from skillmap.i18n import register, tr
from skillmap.problems import InputError, Problem

register(
    {
        "report.ext": {"en": "unknown report format {ext!r}: use .json or .xlsx",
                       "es": "formato de reporte desconocido {ext!r}: use .json o .xlsx"},
        "report.col.severity": {"en": "Severity", "es": "Gravedad"},
        "report.col.sheet": {"en": "Sheet", "es": "Hoja"},
        "report.col.row": {"en": "Row", "es": "Fila"},
        "report.col.column": {"en": "Column", "es": "Columna"},
        "report.col.message": {"en": "Problem", "es": "Problema"},
        "report.title": {"en": "Problems found in {file}", "es": "Problemas encontrados en {file}"},
    }
)


def check_problems_path(path: str | Path) -> None:
    """Refuse a report name :func:`write_problems` cannot write (before any work is done for it)."""
    ext = Path(path).suffix.lower()
    if ext not in (".json", ".xlsx"):
        raise InputError([Problem("report.ext", {"ext": ext}, file=str(path))])


def write_problems(problems: Sequence[Problem], path: str | Path, *, source_file: str,
                   summary: dict[str, Any] | None = None, lang: str | None = None) -> Path:
    path = Path(path)
    check_problems_path(path)
    ext = path.suffix.lower()
    if ext == ".json":
        doc = {"file": Path(source_file).name, "summary": summary or {},
               "problems": [p.to_json(lang) for p in problems]}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        return path
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        ws = wb.add_worksheet(tr("report.col.message", lang)[:31])
        bold = wb.add_format({"bold": True, "font_size": 13})
        head = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        error = wb.add_format({"font_color": "#B3261E", "bold": True, "valign": "top"})
        warning = wb.add_format({"font_color": "#8A5A00", "valign": "top"})
        ws.write_string(0, 0, tr("report.title", lang, file=Path(source_file).name), bold)
        headers = [tr(f"report.col.{k}", lang) for k in ("severity", "sheet", "row", "column", "message")]
        for c, h in enumerate(headers):
            ws.write_string(2, c, h, head)
        for r, p in enumerate(problems, start=3):
            ws.write_string(r, 0, tr(f"severity.{p.severity}", lang), error if p.severity == "error" else warning)
            ws.write_string(r, 1, p.sheet or "", wrap)
            if p.row is not None:
                ws.write_number(r, 2, p.row)
            ws.write_string(r, 3, p.column or p.path or "", wrap)
            ws.write_string(r, 4, p.message(lang), wrap)
        ws.set_column(0, 0, 12)
        ws.set_column(1, 1, 16)
        ws.set_column(2, 2, 7)
        ws.set_column(3, 3, 28)
        ws.set_column(4, 4, 90)
        ws.freeze_panes(3, 0)
        ws.autofilter(2, 0, max(2, len(problems) + 2), 4)
    finally:
        wb.close()
    return path
