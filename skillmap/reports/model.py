"""What the report writers get: plain, flat dataclasses, already translated, already pseudonymised.

:mod:`skillmap.services.reports` builds these from the database; the writers (:mod:`skillmap.reports.xlsx`,
:mod:`skillmap.reports.pdf`, CSV) only lay them out. Nothing here touches the database or Qt.

Conventions, everywhere in this module:

* **Text is final.** Every string (titles, headers, labels, definitions) is already in ``meta.lang`` and already
  pseudonymised when ``meta.pseudonymised`` is true. Writers must write text as text (never as a formula), and
  must not add personal data of their own.
* **Shares are 0–1** (``0.75`` = 75 %); writers format them as percentages.
* **Levels are floats**; in arrays ``NaN`` means unknown (current level) or not required (required level).
* **Dates are** :class:`datetime.date`; timestamps :class:`datetime.datetime`.
* **Table cells** are ``str``, ``int``, ``float``, ``date`` or ``None``; ``None`` is an empty cell. Table cells
  never hold ``NaN`` (the service turns unknown values into ``None``); the numpy arrays of
  :class:`HeatmapData`, :class:`PeopleGrid` and :class:`PersonChart` do.
* ``staff_ids`` fields are database ids of the people in the report, for the audit log: writers must not write
  them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

ReportKind = Literal["gaps", "person", "training"]
ColumnKind = Literal["text", "int", "float", "pct", "level", "date"]
Cell = str | int | float | date | None

REPORT_KINDS: tuple[str, ...] = ("gaps", "person", "training")
COLUMN_KINDS: tuple[str, ...] = ("text", "int", "float", "pct", "level", "date")


@dataclass(frozen=True)
class ReportMeta:
    """Who, what, when and from which data: the cover page, the header/footer and the summary sheet."""

    kind: ReportKind
    """``"gaps"``, ``"person"`` or ``"training"``."""
    lang: str
    """Language of every text in the report: ``"es"`` or ``"en"``."""
    title: str
    """Main title, e.g. «Brecha de competencias» / "Skills gap report"."""
    subtitle: str
    """Second line of the cover: the scope in words, or the person's name for a development report."""
    organisation: str
    """Organisation named on the cover and in the page header: the agency's name, or «Administración Pública
    Federal» / "Federal public administration" for a report over every agency."""
    scope_label: str
    """The filters in words (e.g. ``"dependencia: SHCP; unidad: Dirección General de Programación"``)."""
    generated_at: datetime
    """When the report was built (local time, seconds precision)."""
    generated_by: str
    """Who asked for it (user name, or the operating-system user on a workstation)."""
    data_date: date | None
    """The date the data describe: the as-of date of the levels, else the latest assessment or import date
    (``None`` when the database holds no dated data)."""
    sources: tuple[str, ...]
    """Import files behind the data, one string each: ``"file name (YYYY-MM-DD)"``, oldest first."""
    pseudonymised: bool
    """True when people are named by a keyed pseudonym (``P-7KQ2-M9XD``) instead of their name."""
    notice: str = ""
    """One sentence to print near the title and in the footer: how people are identified and that the report
    is confidential (already translated; empty for none)."""


@dataclass(frozen=True)
class Column:
    """One table column. ``kind`` says how to format its cells:

    ``text`` as text (always written as a string); ``int`` whole number; ``float`` two decimals;
    ``pct`` a share 0–1 shown as a percentage (one decimal); ``level`` a proficiency level (float, one
    decimal, ``None`` = unknown); ``date`` a :class:`datetime.date`.
    """

    key: str
    """Stable, language-independent name (CSV/JSON keys, tests)."""
    header: str
    """Translated header shown to readers."""
    kind: ColumnKind = "text"
    """``text``, ``int``, ``float``, ``pct``, ``level`` or ``date``."""


@dataclass
class Table:
    """A titled table: ``rows`` are lists of cells in the order of ``columns``."""

    title: str
    """Translated title (sheet name candidate, PDF section heading)."""
    columns: tuple[Column, ...]
    """The columns, in order."""
    rows: list[list[Cell]]
    """One list of cells per row, each as long as ``columns``."""
    note: str = ""
    """Optional translated sentence printed under the table (e.g. what an empty table means)."""

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def headers(self) -> list[str]:
        """The translated headers, in column order."""
        return [c.header for c in self.columns]

    def column(self, key: str) -> list[Cell]:
        """The cells of the column named ``key`` (``KeyError`` when absent)."""
        keys = [c.key for c in self.columns]
        if key not in keys:
            raise KeyError(key)
        i = keys.index(key)
        return [row[i] for row in self.rows]


class SummaryItem(NamedTuple):
    """One headline figure: ``("Personas", 412, "int")``. ``kind`` as in :class:`Column` (``value`` may be
    ``None`` = not available)."""

    label: str
    value: Cell
    kind: ColumnKind


class Definition(NamedTuple):
    """A term used in the report and what it means (translated)."""

    term: str
    definition: str


class StatusCount(NamedTuple):
    """How many items are in one status: ``key`` is stable (``"not_started"``), ``label`` translated."""

    key: str
    label: str
    count: int


# -- gap report ------------------------------------------------------------------------------------------------
@dataclass
class HeatmapData:
    """Groups × competencies, ready for :func:`skillmap.charts.heatmap.gap_heatmap`.

    Rows are the units of the scope (agency report: its units; unit report: its sub-units, the unit itself
    first) or the agencies for a report over the whole organisation. Columns are competencies.
    """

    title: str
    """Translated chart/sheet title."""
    row_title: str
    """What the rows are, translated (``"Unidad"`` / ``"Agency"`` ...)."""
    col_title: str
    """What the columns are, translated (``"Competencia"``)."""
    row_labels: list[str]
    """Unit or agency names (one per row)."""
    col_labels: list[str]
    """Competency names (one per column)."""
    share: FloatArray
    """rows × cols: share (0–1) of the assessed requirements that are met; ``NaN`` = nobody in the group is
    both required and assessed in that competency. ``gap_heatmap(share, ..., measure="share")``."""
    mean_gap: FloatArray
    """rows × cols: mean gap in levels over the assessed requirements (``NaN`` as above)."""
    counts: IntArray
    """rows × cols: number of assessed requirements behind each cell (0 where ``share`` is ``NaN``)."""
    max_gap: float = 4.0
    """Upper end of the gap colour scale (the highest required level in the data)."""

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.row_labels), len(self.col_labels))


@dataclass
class PeopleGrid:
    """People × competencies of their own role (the people sheet / appendix).

    Row *p* is one person: ``person_label[p]`` (pseudonym, or name in the full version), ``unit[p]``,
    ``role[p]`` and ``readiness[p]``, then one cell per competency: ``current[p, c]`` (their level, ``NaN``
    unknown) against ``required[p, c]`` (their role's required level, ``NaN`` not required). A cell to write is
    normally the current level where required; :meth:`gap` gives ``max(0, required − current)``.
    """

    title: str
    """Translated sheet/section title."""
    label_header: str
    """Header of the person column (``"Persona (seudónimo)"`` / ``"Person"``)."""
    unit_header: str
    """Header of the unit column."""
    role_header: str
    """Header of the role column."""
    readiness_header: str
    """Header of the readiness column."""
    person_label: list[str]
    """Pseudonym (``P-7KQ2-M9XD``) or, in the full version, ``"Surnames, Given names (employee no.)"``."""
    unit: list[str]
    """Unit name per person (``""`` none)."""
    role: list[str]
    """Own role profile title per person (``""`` none)."""
    readiness: FloatArray
    """Own-role readiness per person, 0–1 (``NaN`` = no requirement assessed)."""
    competencies: list[str]
    """Competency names, one per column of ``current``/``required``."""
    current: FloatArray
    """people × competencies: current level, ``NaN`` = unknown."""
    required: FloatArray
    """people × competencies: level their own role requires, ``NaN`` = not required."""
    max_level: float = 4.0
    """Highest level of the scales involved (for colour scales)."""

    def __len__(self) -> int:
        return len(self.person_label)

    def gap(self) -> FloatArray:
        """people × competencies: ``max(0, required − current)``; ``NaN`` where not required or unknown."""
        with np.errstate(invalid="ignore"):
            return np.maximum(self.required - self.current, 0.0)

    @property
    def headers(self) -> list[str]:
        """Headers of a flat table of the grid: the four person columns, then the competencies."""
        return [self.label_header, self.unit_header, self.role_header, self.readiness_header, *self.competencies]

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[list[Cell]]:
        """Flat rows (as :attr:`headers`): label, unit, role, readiness (0–1 or ``None``), then the current
        level where the competency is required (``None`` where unknown or not required)."""
        stop = len(self) if stop is None else min(stop, len(self))
        for first in range(start, stop, 2048):  # a block at a time: numpy does the masking, not a Python loop
            last = min(first + 2048, stop)
            levels = np.where(np.isnan(self.required[first:last]), np.nan, self.current[first:last])
            cells = levels.astype(object)
            cells[np.isnan(levels)] = None
            ready = self.readiness[first:last].astype(object)
            ready[np.isnan(self.readiness[first:last])] = None
            for k, (row, r) in enumerate(zip(cells.tolist(), ready.tolist(), strict=True)):
                p = first + k
                yield [self.person_label[p], self.unit[p], self.role[p], r, *row]


@dataclass
class CompetencyGaps:
    """Per competency over everybody in scope, for :func:`skillmap.charts.dashboard.top_gaps_chart`."""

    competencies: list[str]
    """Competency names."""
    short: IntArray
    """People below the required level (assessed only)."""
    mean_gap: FloatArray
    """Mean gap in levels over the assessed requirements (``NaN`` none assessed)."""
    share_meeting: FloatArray
    """Share 0–1 of assessed requirements met (``NaN`` none assessed)."""
    hard_to_transfer: BoolArray
    """True for competencies better hired than reskilled."""


@dataclass
class GapReportData:
    """A unit, agency or whole-organisation gap report (xlsx, PDF, CSV of the people grid)."""

    meta: ReportMeta
    summary: list[SummaryItem]
    """Headline figures: headcount, people with requirements, mean readiness, coverage, share met ..."""
    widest_gaps: Table
    """Competencies with the most people short, widest first (competency, framework, people short, mean gap,
    share meeting, hard to transfer)."""
    competency_gaps: CompetencyGaps
    """All competencies' figures (chart input for the widest gaps)."""
    groups_heatmap: HeatmapData
    """Units (or agencies) × competencies."""
    people: PeopleGrid
    """One row per person in scope."""
    by_unit: Table
    """One row per heatmap row (unit or agency): headcount, coverage, share met, mean gap, mean readiness."""
    definitions: list[Definition]
    """Every measure used, explained."""
    staff_ids: tuple[int, ...] = ()
    """Database ids of the people in the report (audit log only; never written)."""


# -- individual development report ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonInfo:
    """The person a development report is about (their own data: names are shown)."""

    name: str
    """``"Surnames, Given names"``."""
    employee_number: str
    position: str
    """Position title as held (``""`` none)."""
    unit: str
    """Unit name (``""`` none)."""
    agency: str
    """Agency name (``""`` none)."""
    role: str
    """Own role profile title (``""`` when they hold none)."""


@dataclass(frozen=True)
class PersonGap:
    """One competency required by the person's own role (all of them, widest gap first, unknown last)."""

    competency: str
    framework: str
    """Framework code."""
    current: float
    """Current level, ``NaN`` = not assessed."""
    required: float
    """Required level."""
    gap: float
    """``max(0, required − current)``; ``NaN`` when the current level is unknown; 0 = met."""
    current_level_name: str
    """Name of the current level in the framework's scale (``""`` unknown)."""
    current_descriptor: str
    """What the current level means for this competency (``""`` unknown or not described)."""
    required_level_name: str
    required_descriptor: str
    hard_to_transfer: bool


@dataclass
class PersonChart:
    """Inputs of :func:`skillmap.charts.person.person_chart` for the person's own role."""

    competencies: list[str]
    current: FloatArray
    """Current level per competency, ``NaN`` unknown."""
    required: FloatArray
    """Required level per competency."""
    role: str
    """Role title (legend)."""
    level_names: list[str] | None = None
    """Names of levels 0..max of the (first) framework's scale, when all competencies share one scale."""
    max_level: int | None = None


@dataclass(frozen=True)
class CourseState:
    """One course of an assigned track."""

    code: str
    title: str
    hours: float
    done: bool
    """Passed (on or before the report date)."""
    state: str
    """Translated state: not started / in progress / failed / passed."""


@dataclass(frozen=True)
class AssignedTrack:
    """A training track assigned to the person."""

    track: str
    """Track name (code in brackets)."""
    assigned_on: date | None
    due: date | None
    status: str
    """Translated status (not started, in progress, completed, failed)."""
    status_key: str
    """Stable status key (``training.STATUSES``)."""
    overdue: bool
    share_done: float
    """Share 0–1 of the track's courses passed."""
    courses: tuple[CourseState, ...]


@dataclass
class PersonReportData:
    """One person's development report, in their language (``meta.lang``)."""

    meta: ReportMeta
    person: PersonInfo
    readiness: float
    """Own-role readiness 0–1 (``NaN`` none assessed or no role)."""
    coverage: float
    """Share 0–1 of their role's requirements with a known level (``NaN`` no role)."""
    gaps: list[PersonGap]
    """Every competency their role requires, widest gap first."""
    chart: PersonChart
    tracks: list[AssignedTrack]
    """Assigned tracks, earliest due first."""
    plan: Table
    """Course plan to close the gaps of their own role: step [``step``], course code [``course``], title
    [``title``], hours [``hours``], starts and ends [``starts``, ``ends``: dates at 4 h a week from the report
    day], levels raised [``raises``], gaps closed [``closes``]. ``note`` says whether the plan is proven
    shortest, which gaps no course closes, or why there is no plan (no role; nothing to close)."""
    plan_hours: float = 0.0
    """Total hours of the plan."""
    summary: list[SummaryItem] = field(default_factory=list)
    """Headline figures (readiness, coverage, gaps, hours planned)."""
    definitions: list[Definition] = field(default_factory=list)
    staff_ids: tuple[int, ...] = ()
    """The person's database id (audit log only; never written)."""


# -- training status report ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgrammeStatus:
    """Certification status counts for one programme over the people in scope."""

    code: str
    name: str
    counts: tuple[StatusCount, ...]
    """One per certification status (certified, due, expired, at risk, failed out, never attempted)."""
    people: int
    """People counted (those whose own role requires one of the programme's competencies)."""


@dataclass
class TrainingReportData:
    """Training status for trainers: assignments and certifications due."""

    meta: ReportMeta
    summary: list[SummaryItem]
    """Headline figures: assignments, overdue, completed share, hours assigned ..."""
    status_counts: list[StatusCount]
    """Assignments per status (not started, in progress, completed, failed)."""
    assignments: Table
    """One row per assignment (column keys in brackets): person [``pseudonym`` or ``person``], unit [``unit``],
    track [``track``], status [``status``], share of the track's courses passed [``done``, pct], courses passed
    [``courses_done``], courses [``courses``], hours [``hours``], hours passed [``hours_done``], assigned
    [``assigned_on``, date], due [``due``, date], overdue [``overdue``, yes/no text]."""
    programmes: list[ProgrammeStatus]
    """Per certification programme, counts per status."""
    certifications: Table
    """People due, expired, at risk or failed out, per programme: person [``pseudonym`` or ``person``], unit,
    programme, status, last passed [``last_passed``, date], valid until [``valid_until``, date], attempts left
    [``attempts_left``]."""
    definitions: list[Definition] = field(default_factory=list)
    staff_ids: tuple[int, ...] = ()
    """Database ids of the people in the report (audit log only; never written)."""


ReportData = GapReportData | PersonReportData | TrainingReportData


def text_fields(data: ReportData) -> Iterator[str]:
    """Every string a writer could put in a file (for tests and for checks before writing)."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, np.ndarray):
            if value.dtype.kind in "OUS":
                yield from (str(v) for v in value.ravel().tolist())
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from walk(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                if name != "staff_ids":
                    yield from walk(getattr(value, name))

    yield from walk(data)


def check_table(table: Table) -> None:
    """``ValueError`` unless every row has one cell per column and every kind is known."""
    for c in table.columns:
        if c.kind not in COLUMN_KINDS:
            raise ValueError(f"column {c.key!r}: unknown kind {c.kind!r}")
    n = len(table.columns)
    for i, row in enumerate(table.rows):
        if len(row) != n:
            raise ValueError(f"{table.title!r} row {i}: {len(row)} cells for {n} columns")


def as_cell(value: float | int | None, kind: ColumnKind = "float") -> Cell:
    """A number as a table cell: ``None`` for ``None``/``NaN``, ``int`` for ``int`` kind, else ``float``."""
    if value is None:
        return None
    v = float(value)
    if np.isnan(v):
        return None
    return round(v) if kind == "int" else v


__all__ = [
    "COLUMN_KINDS", "REPORT_KINDS", "AssignedTrack", "BoolArray", "Cell", "Column", "ColumnKind", "CompetencyGaps",
    "CourseState", "Definition", "FloatArray", "GapReportData", "HeatmapData", "IntArray", "PeopleGrid",
    "PersonChart", "PersonGap", "PersonInfo", "PersonReportData", "ProgrammeStatus", "ReportData", "ReportKind",
    "ReportMeta", "StatusCount", "SummaryItem", "Table", "TrainingReportData", "as_cell", "check_table",
    "text_fields",
]
