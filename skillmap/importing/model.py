"""The data that flows through an import, from the raw sheet to the rows about to be stored.

``WorkbookData``  what the sandboxed reader returns: each requested sheet's cell values and positions.
``StaffMapping``  which column holds which field (detected, or set by the user and saved for next time).
``ParsedStaff``   people and competency levels as they will be stored, with every located problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np

from skillmap.problems import Problem

Cell = Any  # str | int | float | bool | date | datetime | None, as the reader found it

# Assessment sources, in the order used by integer-coded arrays (same as skillmap.sample.generator).
SOURCES: tuple[str, ...] = ("self", "manager", "test", "certification", "course")

# Staff fields an HR sheet may carry. ``full_name`` is the alternative to given names + surnames.
STAFF_FIELDS: tuple[str, ...] = (
    "employee_number", "curp", "rfc", "given_names", "first_surname", "second_surname", "full_name",
    "agency", "unit", "position", "grade", "hire_date", "birth_date", "email", "manager_employee_number",
    "role_profile",
)
# Fields of the long layout (one row per person and competency) and of course completions.
LEVEL_FIELDS: tuple[str, ...] = ("competency", "level", "assessed_on", "source", "assessor", "evidence")
COMPLETION_FIELDS: tuple[str, ...] = ("employee_number", "course", "completed_on", "result", "score")


@dataclass
class RawSheet:
    """One sheet (or a CSV file) as read: values, not text. ``row_numbers[i]`` is the number the
    spreadsheet shows for ``rows[i]``; ``col_offset`` the 0-based column of ``rows[i][0]``."""

    name: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    col_offset: int = 0
    hidden_columns: frozenset[int] = frozenset()  # 0-based absolute column indexes hidden in the sheet

    def column_letter(self, index: int) -> str:
        """Spreadsheet letter of the column at ``index`` within ``rows`` (``0`` → ``A`` if no offset)."""
        n = index + self.col_offset + 1
        out = ""
        while n:
            n, rem = divmod(n - 1, 26)
            out = chr(65 + rem) + out
        return out


@dataclass
class WorkbookData:
    file: str
    sha256: str
    kind: Literal["xlsx", "xlsm", "xls", "ods", "csv"]
    sheet_names: list[str]
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    encoding: str | None = None  # csv only
    delimiter: str | None = None  # csv only


@dataclass(frozen=True)
class CompetencyRef:
    """A competency of the active frameworks, as the parser matches headers and level columns to it."""

    id: int
    framework_code: str
    code: str
    name_en: str
    name_es: str
    scale_min: int = 0
    scale_max: int = 4


@dataclass
class StaffMapping:
    """Where things are in a sheet. Saved as JSON (``to_json``/``from_json``) for the next file."""

    sheet: str | None = None
    header_row: int | None = None  # spreadsheet row number of the header; None = detect
    fields: dict[str, str] = field(default_factory=dict)  # field -> header text as in the file
    level_columns: dict[str, str] = field(default_factory=dict)  # wide: header text -> competency code
    level_fields: dict[str, str] = field(default_factory=dict)  # long: LEVEL_FIELDS field -> header text
    level_words: dict[str, int] = field(default_factory=dict)  # extra words -> level
    default_source: str = "manager"  # source of levels when the file does not say
    assessed_on: date | None = None  # date of levels when the file does not say (default: import day)

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["assessed_on"] = self.assessed_on.isoformat() if self.assessed_on else None
        return d

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffMapping:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if known.get("assessed_on"):
            known["assessed_on"] = date.fromisoformat(known["assessed_on"])
        return cls(**known)


@dataclass(frozen=True)
class ParseRequest:
    """What a reader child needs to parse the sheets it reads (see
    :func:`skillmap.importing.reader.parse_workbook`): the competencies of the active frameworks, the
    mapping to start from (``None``: detect; its ``sheet`` is set to each sheet read) and the import day."""

    competencies: tuple[CompetencyRef, ...]
    mapping: StaffMapping | None
    today: date


@dataclass
class StaffRow:
    """One person as they will be stored."""

    row: int  # spreadsheet row
    employee_number: str
    given_names: str
    first_surname: str = ""
    second_surname: str | None = None
    curp: str | None = None
    rfc: str | None = None
    agency: str | None = None
    unit: str | None = None
    position_title: str | None = None
    grade: str | None = None
    birth_date: date | None = None
    hire_date: date | None = None
    email: str | None = None
    manager_employee_number: str | None = None
    role_profile: str | None = None  # code or title as written; the service resolves it


@dataclass
class LevelColumns:
    """Competency levels read from the file, one element per assessment (columnar: millions fit)."""

    employee_number: list[str] = field(default_factory=list)  # distinct people referenced
    person: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # index into employee_number
    competency_id: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    level: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    assessed_on: np.ndarray = field(default_factory=lambda: np.zeros(0, "datetime64[D]"))
    source: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # index into SOURCES
    row: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # spreadsheet row
    assessor: list[str | None] | None = None  # long layout only, aligned with the arrays
    evidence: list[str | None] | None = None

    def __len__(self) -> int:
        return len(self.level)


@dataclass
class ParsedStaff:
    file: str
    sheet: str | None
    header_row: int
    mapping: StaffMapping  # the mapping actually used (detected + user), ready to save
    staff: list[StaffRow]
    levels: LevelColumns
    problems: list[Problem]  # errors and warnings, each located (file, sheet, row, column)
    skipped_rows: int = 0  # footers, notes, blank and repeated header rows below the header
    ignored_columns: list[str] = field(default_factory=list)  # not mapped: not stored
    hidden_columns_ignored: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_rows(self) -> set[int]:
        return {p.row for p in self.errors if p.row is not None}
