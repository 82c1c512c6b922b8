"""Read course completions as a learning platform exports them: person, course, date, result, score.

The same approach as :mod:`skillmap.importing.staff`: the header row is found below title blocks and blank
rows, columns are recognised by Spanish or English headers (or mapped by hand in ``StaffMapping.fields``
with the fields of :data:`~skillmap.importing.model.COMPLETION_FIELDS`), every problem is located, and an
error makes its row bad (the row is reported but not in the result). The result is columnar
(:class:`ParsedCompletions`): one element per completion, numpy arrays for dates, results and scores.

* **result** – words such as Aprobado, Acreditado, Passed, Completed (→ passed), No aprobado, Reprobado,
  No acreditado, Failed (→ failed), En curso, En progreso, In progress, Inscrito (→ in progress). Without a
  result column every row is a pass (a list of certificates), with a warning.
* **score** – 0–100, or 0–10 when no score of the file is above 10 (then multiplied by 10, with a
  warning). Text such as ``"8,5"`` or ``"85 %"`` is read.
* **date** – as for staff dates (day first, never month first); required, except for a course in progress,
  which takes the import day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from skillmap.frameworks.longtable import normalise
from skillmap.i18n import register
from skillmap.importing import values as V
from skillmap.importing.model import COMPLETION_FIELDS, Cell, RawSheet, StaffMapping
from skillmap.importing.staff import (
    HEADER_SCAN_ROWS,
    STAFF_HEADERS,
    _Header,
    _header_label,
    _keys,
    _Layout,
    _list,
    _quoted,
    _SheetReader,
    bulk_objects,
)
from skillmap.problems import Problem, Severity, Term

RESULTS: tuple[str, ...] = ("passed", "failed", "in_progress")
PASSED, FAILED, IN_PROGRESS = range(3)

#: Header texts recognised for each completion field (compared after :func:`normalise`).
COMPLETION_HEADERS: dict[str, tuple[str, ...]] = {
    "employee_number": (
        *STAFF_HEADERS["employee_number"], "numero de id", "numero id", "id number", "idnumber", "user id number",
    ),
    "course": (
        "clave del curso", "clave de curso", "clave curso", "curso", "codigo del curso", "codigo de curso",
        "nombre del curso", "id del curso", "course", "course code", "course id", "course name", "course title",
    ),
    "completed_on": (
        "fecha de conclusion", "fecha conclusion", "fecha de termino", "fecha de finalizacion",
        "fecha de terminacion", "fecha de acreditacion", "fecha de aprobacion", "concluido el", "fecha",
        "completed on", "completion date", "date completed", "completed", "date",
    ),
    "result": (
        "resultado", "estatus", "estado", "situacion", "dictamen", "result", "status", "outcome",
        "completion status", "course status",
    ),
    "score": (
        "calificacion", "calificacion final", "puntaje", "puntuacion", "nota", "nota final", "score",
        "final score", "grade", "final grade", "mark", "points",
    ),
}
REQUIRED: tuple[str, ...] = ("employee_number", "course")

#: Result words (compared after :func:`normalise`) → index into :data:`RESULTS`.
RESULT_WORDS: dict[str, int] = {
    **{w: PASSED for w in (
        "aprobado", "aprobada", "aprobo", "acreditado", "acreditada", "acredito", "aprobatorio", "si",
        "concluido", "concluida", "completado", "completada", "terminado", "terminada", "finalizado",
        "finalizada", "certificado", "satisfactorio", "passed", "pass", "completed", "complete", "approved",
        "yes", "p",
    )},
    **{w: FAILED for w in (
        "no aprobado", "no aprobada", "no aprobo", "reprobado", "reprobada", "no acreditado", "no acreditada",
        "no acredito", "no aprobatorio", "no satisfactorio", "insuficiente", "failed", "fail", "not passed",
        "no", "f",
    )},
    **{w: IN_PROGRESS for w in (
        "en curso", "en progreso", "en proceso", "cursando", "inscrito", "inscrita", "iniciado", "iniciada",
        "pendiente", "sin concluir", "no concluido", "no concluida", "incompleto", "incompleta",
        "in progress", "enrolled", "started", "not completed", "incomplete", "not started",
    )},
}

register(
    {
        "field.course": {"en": "course", "es": "curso"},
        "field.completed_on": {"en": "completion date", "es": "fecha de conclusión"},
        "field.result": {"en": "result", "es": "resultado"},
        "field.score": {"en": "score", "es": "calificación"},
        "completion.no_header": {
            "en": "no header row found in the first {rows} rows: no row names both an employee number and a "
            "course column; map the columns by hand",
            "es": "no se encontró la fila de encabezados en las primeras {rows} filas: ninguna fila nombra una "
            "columna de número de empleado y una de curso; asigne las columnas a mano",
        },
        "completion.no_result": {
            "en": "there is no result column: every row is read as a passed course",
            "es": "no hay columna de resultado: cada fila se lee como un curso aprobado",
        },
        "completion.scale_10": {
            "en": "no score is above 10: scores are read on a 0–10 scale and stored as 0–100 (× 10)",
            "es": "ninguna calificación es mayor que 10: se leen en escala de 0 a 10 y se guardan de 0 a 100 "
            "(× 10)",
        },
        "completion.result_unknown": {
            "en": "result “{value}” is not recognised; the results are Aprobado/Passed, No aprobado/Failed, "
            "En curso/In progress",
            "es": "el resultado «{value}» no se reconoce; los resultados son Aprobado/Passed, "
            "No aprobado/Failed, En curso/In progress",
        },
        "completion.result_missing": {"en": "the result is missing", "es": "falta el resultado"},
        "completion.course_missing": {"en": "the course is missing", "es": "falta el curso"},
        "completion.date_missing": {
            "en": "the completion date is missing",
            "es": "falta la fecha de conclusión",
        },
        "completion.score_range": {
            "en": "score {value} is outside 0–{high}",
            "es": "la calificación {value} está fuera del intervalo 0–{high}",
        },
        "completion.future": {
            "en": "completion date {value} is after today ({today}) (rows {rows})",
            "es": "la fecha de conclusión {value} es posterior a hoy ({today}) (filas {rows})",
        },
        "completion.duplicate": {
            "en": "the same completion (employee {employee}, course {course}, date {date}) already appears in "
            "row {first_row}",
            "es": "la misma constancia (empleado {employee}, curso {course}, fecha {date}) ya aparece en la "
            "fila {first_row}",
        },
    }
)

_FIELD_OF: dict[str, str] = {normalise(t): f for f, texts in COMPLETION_HEADERS.items() for t in texts}


@dataclass
class ParsedCompletions:
    """Course completions read from a sheet, one element per completion (rows with errors left out)."""

    file: str
    sheet: str | None
    header_row: int
    mapping: StaffMapping  # fields: COMPLETION_FIELDS field -> header, ready to save
    employee_number: list[str] = field(default_factory=list)
    course: list[str] = field(default_factory=list)  # code or title as written; the service resolves it
    completed_on: np.ndarray = field(default_factory=lambda: np.zeros(0, "datetime64[D]"))
    result: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # index into RESULTS
    score: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # 0–100, NaN if none
    row: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # spreadsheet row
    problems: list[Problem] = field(default_factory=list)
    score_scale: int = 100  # 10 when the file's scores were 0–10 (stored × 10)
    skipped_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    hidden_columns_ignored: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.employee_number)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_rows(self) -> set[int]:
        return {p.row for p in self.errors if p.row is not None}


def completion_field(text: str) -> str | None:
    """The completion field a header names, if any."""
    for key in _keys(text)[:2]:
        if key in _FIELD_OF:
            return _FIELD_OF[key]
    return None


def _match(texts: list[str], user: Mapping[str, str], hidden: set[int]) -> tuple[dict[str, int], list[str]]:
    by_key: dict[str, int] = {}
    for col, text in enumerate(texts):
        if text:
            by_key.setdefault(normalise(text), col)
    columns: dict[str, int] = {}
    missing: list[str] = []
    for name, header in user.items():
        if header.strip():
            col = by_key.get(normalise(header))
            if col is None:
                missing.append(name)
            else:
                columns[name] = col
    disabled = {f for f, h in user.items() if not h.strip()}
    claimed = set(columns.values())
    for col, text in enumerate(texts):
        if not text or col in claimed or col in hidden:
            continue
        name = completion_field(text)
        if name and name not in columns and name not in disabled:
            columns[name] = col
            claimed.add(col)
    return columns, missing


def _row_text(row: list[Cell], width: int) -> list[str]:
    texts = [V.cell_text(c) or "" for c in row[:width]]
    return texts + [""] * (width - len(texts))


def parse_completions(sheet: RawSheet, file: str, mapping: StaffMapping | None = None, *,
                      today: date | None = None) -> ParsedCompletions:
    """Read course completions from ``sheet`` with every problem located (see the module docstring).

    ``mapping.fields`` maps :data:`COMPLETION_FIELDS` to headers (overriding detection, ``""`` switches a
    field off); ``mapping.header_row`` fixes the header row. ``today`` (default: the system date) is the
    import day: the date of courses in progress without one, and the limit for completion dates.
    """
    today = today or date.today()
    user = mapping if mapping is not None else StaffMapping()
    out = StaffMapping(sheet=sheet.name)
    problems: list[Problem] = []

    def sheet_problem(key: str, row: int | None, severity: Severity = "error", **params: Any) -> None:
        problems.append(Problem(key, params, file=file, sheet=sheet.name, row=row, severity=severity))

    fields = {f: h for f, h in user.fields.items() if f in COMPLETION_FIELDS}
    for f in user.fields:
        if f not in COMPLETION_FIELDS:
            sheet_problem("staff.unknown_field", None, field=f, fields=", ".join(COMPLETION_FIELDS))
    hidden = {c - sheet.col_offset for c in sheet.hidden_columns}
    width = max((len(r) for r in sheet.rows[: HEADER_SCAN_ROWS * 2]), default=0)

    best: tuple[int, dict[str, int], list[str]] | None = None
    candidates: list[int]
    if user.header_row is not None and user.header_row in sheet.row_numbers:
        candidates = [sheet.row_numbers.index(user.header_row)]
    elif user.header_row is not None:
        sheet_problem("staff.header_row_missing", None, given=user.header_row)
        return ParsedCompletions(file, sheet.name, 0, out, problems=problems)
    else:
        candidates = [i for i, r in enumerate(sheet.rows) if not all(V.is_blank(c) for c in r)][:HEADER_SCAN_ROWS]
    for index in candidates:
        columns, missing = _match(_row_text(sheet.rows[index], width), fields, hidden)
        if best is None or len(columns) > len(best[1]):
            best = (index, columns, missing)
    if best is None or not all(f in best[1] for f in REQUIRED):
        header_row = sheet.row_numbers[best[0]] if best is not None and best[1] else 0
        if best is not None and best[1]:
            texts = _row_text(sheet.rows[best[0]], width)
            for f in REQUIRED:
                if f not in best[1]:
                    sheet_problem("staff.missing_columns", header_row, field=Term(f"field.{f}"),
                                  headers=_quoted(t for t in texts if t))
        else:
            sheet_problem("completion.no_header", None, rows=HEADER_SCAN_ROWS)
        return ParsedCompletions(file, sheet.name, header_row, out, problems=problems)
    index, columns, missing = best
    texts = _row_text(sheet.rows[index], width)
    header_row = sheet.row_numbers[index]
    header_list = _quoted(t for t in texts if t)
    for name in missing:
        problems.append(Problem("staff.mapped_header_missing", {"header": fields[name], "field": Term(
            f"field.{name}"), "headers": header_list}, file=file, sheet=sheet.name, row=header_row,
            severity="error" if name in REQUIRED else "warning"))
    if problems and any(p.severity == "error" for p in problems):
        return ParsedCompletions(file, sheet.name, header_row, out, problems=problems)
    used = set(columns.values())
    ignored = [_header_label(sheet, texts, c) for c in range(len(texts)) if texts[c] and c not in used
               and c not in hidden]
    hidden_ignored = [_header_label(sheet, texts, c) for c in range(len(texts)) if texts[c] and c not in used
                      and c in hidden]
    if ignored:
        problems.append(Problem("staff.ignored_columns", {"headers": _quoted(ignored)}, file=file,
                                sheet=sheet.name, row=header_row, severity="warning"))
    if hidden_ignored:
        problems.append(Problem("staff.hidden_columns", {"headers": _quoted(hidden_ignored)}, file=file,
                                sheet=sheet.name, row=header_row, severity="warning"))
    if "result" not in columns:
        problems.append(Problem("completion.no_result", {}, file=file, sheet=sheet.name, row=header_row,
                                severity="warning"))
    out.header_row = header_row
    out.fields = {f: texts[c] for f, c in columns.items()}
    out.fields.update({f: "" for f, h in fields.items() if not h.strip()})

    header = _Header(index, 1, texts, fields=dict(columns))
    layout = _Layout(out, header, header_row, "staff", problems, False, ignored, [], hidden_ignored)
    with bulk_objects():
        return _read(_SheetReader(sheet, file, layout, [], today), columns, today)


def result_index(value: Cell) -> int | None:
    """Index into :data:`RESULTS` of a result cell, -1 if blank, None if not recognised."""
    if V.is_blank(value):
        return -1
    if isinstance(value, bool):
        return PASSED if value else FAILED
    text = V.cell_text(value)
    return RESULT_WORDS.get(normalise(text)) if text else None


def _score(value: Cell) -> float:
    try:
        number = V.parse_number(value)
    except V.CellError:
        return -np.inf  # not a number
    return np.nan if number is None else number


def _read(r: _SheetReader, columns: dict[str, int], today: date) -> ParsedCompletions:
    emp_col, course_col = columns["employee_number"], columns["course"]
    keep, emp, _ = r.classify(r.column(emp_col), sorted(columns.values()))
    r.no_rows_warning(keep)
    n = len(r.data)
    rows = np.nonzero(keep)[0]
    plist = rows.tolist()

    # course
    courses, errors = V.text_column(r.column(course_col, rows), 300)
    for k, err in errors.items():
        r.cell_error(plist[k], course_col, err)
    for k in [k for k, c in enumerate(courses) if c is None and k not in errors]:
        r.add(plist[k], course_col, "completion.course_missing")

    # result
    result = np.full(rows.size, PASSED, dtype=np.int8)
    if "result" in columns:
        col = columns["result"]
        cells = r.column(col, rows)
        lut = V._Lut(lambda v: x if (x := result_index(v)) is not None else -2)
        result = np.fromiter(map(lut.__getitem__, cells), dtype=np.int8, count=len(cells))
        for k in np.nonzero(result == -2)[0].tolist():
            r.add(plist[k], col, "completion.result_unknown", value=V.shown(cells[k]))
        for k in np.nonzero(result == -1)[0].tolist():
            r.add(plist[k], col, "completion.result_missing")

    # date
    days = np.full(rows.size, np.datetime64(today, "D"))
    if "completed_on" in columns:
        col = columns["completed_on"]
        dates, errors = V.date_column(r.column(col, rows))
        for k, err in errors.items():
            r.cell_error(plist[k], col, err)
        days = V.day_numbers(dates)
        missing = np.isnat(days)
        for k in np.nonzero(missing & (result != IN_PROGRESS))[0].tolist():
            if k not in errors:
                r.add(plist[k], col, "completion.date_missing")
        days[missing] = np.datetime64(today, "D")
        future = np.nonzero(days > np.datetime64(today, "D"))[0]
        by_day: dict[str, list[int]] = {}
        for k in future.tolist():
            by_day.setdefault(str(days[k]), []).append(k)
        for d, ks in by_day.items():
            r.add(plist[ks[0]], col, "completion.future", "warning", value=d, today=str(today),
                  rows=_list([r.numbers[plist[k]] for k in ks]))
    else:
        for k in np.nonzero(result != IN_PROGRESS)[0].tolist():
            r.add(plist[k], None, "completion.date_missing")

    # score
    score = np.full(rows.size, np.nan)
    scale = 100
    if "score" in columns:
        col = columns["score"]
        cells = r.column(col, rows)
        score = np.fromiter(map(V._Lut(_score).__getitem__, cells), dtype=np.float64, count=len(cells))
        for k in np.nonzero(np.isneginf(score))[0].tolist():
            r.add(plist[k], col, "value.number", value=V.shown(cells[k]))
        numbers = score[np.isfinite(score)]
        if numbers.size and numbers.max() <= 10:
            scale = 10
            r.layout.problems.append(Problem("completion.scale_10", {}, file=r.file, sheet=r.sheet.name,
                                             row=r.layout.header_row, column=r.label(col), severity="warning"))
        with np.errstate(invalid="ignore"):
            outside = np.isfinite(score) & ((score < 0) | (score > scale))
        for k in np.nonzero(outside)[0].tolist():
            r.add(plist[k], col, "completion.score_range", value=V.shown(cells[k]), high=scale)
        score = np.where(np.isfinite(score), score * (100 / scale), np.nan)

    # the same completion twice
    first: dict[tuple[str | None, str | None, Any], int] = {}
    day_list = days.astype(np.int64).tolist()
    for k, key in enumerate(zip([emp[i] for i in plist], courses, day_list, strict=True)):
        if key[0] is None or key[1] is None:
            continue
        j = first.setdefault(key, k)
        if j != k:
            r.add(plist[k], course_col, "completion.duplicate", employee=key[0], course=key[1],
                  date=str(days[k]), first_row=r.numbers[plist[j]])

    good = ~r.bad[rows] if n else np.zeros(0, dtype=bool)
    g = np.nonzero(good)[0]
    glist = g.tolist()
    return ParsedCompletions(
        file=r.file, sheet=r.sheet.name, header_row=r.layout.header_row, mapping=r.mapping,
        employee_number=[emp[plist[k]] or "" for k in glist], course=[courses[k] or "" for k in glist],
        completed_on=days[g], result=result[g].astype(np.int8), score=score[g].astype(np.float32),
        row=np.asarray(r.numbers, dtype=np.int32)[rows[g]] if g.size else np.zeros(0, np.int32),
        problems=r.all_problems(), score_scale=scale, skipped_rows=r.skipped,
        ignored_columns=r.layout.ignored, hidden_columns_ignored=r.layout.hidden_ignored,
    )
