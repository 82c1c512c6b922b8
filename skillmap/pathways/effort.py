"""Effort in hours to raise competencies, from the course catalogue, and the measures of a move into a role.

Definitions (competency *c*, level *x* now, level *r* wanted; levels are whole numbers; the course catalogue
gives for each course its hours and, per competency it raises, the level it brings a person to):

``covered level``   ``top[c]``: the highest level any course brings *c* to (0 when no course raises *c*).
                    Levels 1..``top[c]`` are *covered* by the catalogue; levels above it are not.
``course hours``    ``H[c, l]`` for ``1 ≤ l ≤ top[c]``: the hours of the cheapest course that brings *c* to level
                    *l* **or higher**. A course brings a person to its level whatever their level before
                    (course levels do not add up), so one course covers every step from *x* to its level.
``estimate``        ``level_hours`` (default 40 h) for each level step that no course covers.
``cost``            ``cost_c(x → r)`` = 0 when ``x ≥ r``; otherwise
                    ``f_c · ( [x < m]·H[c, m]  +  max(0, r − max(x, top[c]))·level_hours )`` with ``m = min(r,
                    top[c])``: the cheapest single course that reaches as far as the catalogue goes towards *r*,
                    plus the estimate for each step above the catalogue. ``f_c`` is ``hard_factor`` (default 3)
                    for a hard-to-transfer competency, 1 otherwise. Covered levels are always costed by course
                    hours, even when the estimate would be smaller ("course hours where the catalogue covers
                    it, an estimate per level where it does not").
``effort``          from a level vector *x* to a role: ``Σ_c cost_c(x_c → r_c)`` over the competencies the role
                    requires. **Unknown levels count as 0**: a level nobody has assessed is costed as built from
                    scratch (an upper bound).

Why not a cumulative per-step table ``cum[c, L]`` with ``cost = cum[r] − cum[x]``: a course that brings *c*
from any level to 3 would then be paid once per step (three times from 0). The cost above is instead read from
a full table ``cost[c, x, r]`` (``(L + 1)²`` numbers per competency, 25 on a 0–4 scale), and the effort of
many people for many roles is one matrix product over one-hot level indicators: with ``X_a = [x = a]`` (people
× competencies, 0/1) and ``C_a[c, j] = cost_c(a → r_jc)``, effort ``= Σ_a X_a @ C_a`` — the ``X_a`` side by side
make one product, and no people × roles × competencies array is ever built (see :class:`MoveKernel`).

Simplifications, stated so nobody reads more into the hours than there is: a course that raises several
competencies a move needs is counted for each of them, and prerequisites are not added (both make the effort
an upper bound on, respectively ignore part of, the course plan; ``skillmap.planning`` chooses the actual
courses). The effort is a yardstick to compare moves, not a training plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from skillmap.analysis.gaps import BoolArray, FloatArray, IntArray, LevelMatrix, RequirementMatrix, check_levels
from skillmap.i18n import register
from skillmap.problems import InputError, Problem
from skillmap.tasks import Progress

LEVEL_HOURS = 40.0  # estimate per level step the catalogue does not cover
HARD_FACTOR = 3.0  # cost multiplier for hard-to-transfer competencies
CHUNK = 4096  # people per matrix product

register(
    {
        "pathways.level_hours": {
            "en": "hours per level must be a number greater than 0, not {value!r}",
            "es": "las horas por nivel deben ser un número mayor que 0, no «{value}»",
        },
        "pathways.hard_factor": {
            "en": "the hard-to-transfer factor must be a number of at least 1, not {value!r}",
            "es": "el factor para competencias difíciles de transferir debe ser un número de al menos 1, "
                  "no «{value}»",
        },
        "pathways.course_hours": {
            "en": "course {course} has invalid hours {value!r} (must be a number ≥ 0)",
            "es": "el curso {course} tiene horas no válidas «{value}» (deben ser un número ≥ 0)",
        },
        "pathways.course_level": {
            "en": "course {course} raises a competency to an invalid level {value!r} (must be a whole number)",
            "es": "el curso {course} eleva una competencia a un nivel no válido «{value}» (debe ser un número "
                  "entero)",
        },
    }
)


def _number(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def check_level_hours(value: Any) -> float:
    """``value`` as a float, or :class:`InputError` unless it is a finite number > 0."""
    v = _number(value)
    if v is None or not math.isfinite(v) or v <= 0:
        raise InputError([Problem("pathways.level_hours", {"value": value})])
    return v


def check_hard_factor(value: Any) -> float:
    """``value`` as a float, or :class:`InputError` unless it is a finite number ≥ 1."""
    v = _number(value)
    if v is None or not math.isfinite(v) or v < 1:
        raise InputError([Problem("pathways.hard_factor", {"value": value})])
    return v


# -- the catalogue ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CourseEffort:
    """A course as the effort model sees it: its hours and, per competency **column** (position on the
    competency axis of the matrices), the level it brings a person to."""

    course_id: int
    hours: float
    raises: Mapping[int, int]


def course_efforts(rows: Iterable[Sequence[Any]], competency_ids: npt.ArrayLike) -> list[CourseEffort]:
    """Courses from ``(course_id, hours, competency_id, level)`` rows — one per course and competency, as a
    join of ``course`` and ``course_competency`` returns them — with competency ids turned into columns of
    ``competency_ids`` (the matrices' competency axis). Competencies outside that axis are dropped, and so are
    courses left raising nothing; the highest level wins if a course lists a competency twice. Courses come
    out in order of first appearance."""
    col = {int(c): i for i, c in enumerate(np.asarray(competency_ids, dtype=np.int64).reshape(-1).tolist())}
    hours: dict[int, float] = {}
    raises: dict[int, dict[int, int]] = {}
    for course_id, h, competency_id, level in rows:
        cid = int(course_id)
        hours.setdefault(cid, h)
        c = col.get(int(competency_id))
        if c is None:
            continue
        lv = _course_level(cid, level)
        got = raises.setdefault(cid, {})
        got[c] = max(got.get(c, lv), lv)
    return [CourseEffort(cid, hours[cid], r) for cid, r in raises.items() if r]


def _course_level(course_id: int, level: Any) -> int:
    v = _number(level)
    if v is None or not math.isfinite(v) or v != math.floor(v):
        raise InputError([Problem("pathways.course_level", {"course": course_id, "value": level})])
    return int(v)


@dataclass(frozen=True)
class Build:
    """One competency to build on one step of a route: from ``from_level`` to ``to_level`` (unknown = 0),
    with ``course_id`` (the cheapest course that reaches as far as the catalogue goes, −1 if none is used) of
    ``course_hours``, ``estimated_levels`` level steps costed by the per-level estimate, and ``hours`` the
    total, already multiplied by the factor when ``hard`` (hard to transfer)."""

    competency: int
    from_level: int
    to_level: int
    hours: float
    hard: bool
    course_id: int = -1
    course_hours: float = 0.0
    estimated_levels: int = 0


# -- the model -------------------------------------------------------------------------------------------
@dataclass(eq=False)
class EffortModel:
    """Hours to raise each competency from one level to another (definitions: module docstring).

    ``course_hours[c, l]`` is ``H[c, l]`` (``inf`` where no course reaches level *l*; column 0 is 0) and
    ``course_ids[c, l]`` that course (−1); ``hard`` flags the hard-to-transfer competencies. Build it with
    :meth:`from_courses`."""

    course_hours: FloatArray
    course_ids: IntArray
    hard: BoolArray
    level_hours: float = LEVEL_HOURS
    hard_factor: float = HARD_FACTOR

    def __post_init__(self) -> None:
        self.course_hours = np.asarray(self.course_hours, dtype=np.float64)
        if self.course_hours.ndim != 2 or self.course_hours.shape[1] < 1:
            raise ValueError("course_hours must be competencies × (levels + 1)")
        self.course_ids = np.asarray(self.course_ids, dtype=np.int64).reshape(self.course_hours.shape)
        self.hard = np.asarray(self.hard, dtype=bool).reshape(self.course_hours.shape[0])
        self.level_hours = check_level_hours(self.level_hours)
        self.hard_factor = check_hard_factor(self.hard_factor)

    @classmethod
    def from_courses(cls, courses: Iterable[CourseEffort], n_competencies: int, *,
                     hard_to_transfer: npt.ArrayLike | None = None, level_hours: float = LEVEL_HOURS,
                     hard_factor: float = HARD_FACTOR) -> EffortModel:
        """The model of a catalogue over ``n_competencies`` columns. Raises to a level ≤ 0 raise nothing and
        are ignored; among courses of equal hours the one listed first is named. ``hard_to_transfer``: one
        boolean per column (default: none)."""
        courses = list(courses)
        top = 0
        for course in courses:
            h = _number(course.hours)
            if h is None or not math.isfinite(h) or h < 0:
                raise InputError([Problem("pathways.course_hours", {"course": course.course_id,
                                                                    "value": course.hours})])
            for c, level in course.raises.items():
                if not 0 <= int(c) < n_competencies:
                    raise ValueError(f"course {course.course_id}: competency column {c} out of range")
                top = max(top, _course_level(course.course_id, level))
        exact = np.full((n_competencies, top + 1), np.inf)
        exact_id = np.full((n_competencies, top + 1), -1, dtype=np.int64)
        for course in courses:
            h = float(course.hours)
            for c, level in course.raises.items():
                lv = int(level)
                if lv >= 1 and h < exact[int(c), lv]:
                    exact[int(c), lv], exact_id[int(c), lv] = h, course.course_id
        # H[c, l] = min over levels l' ≥ l of the cheapest course of level exactly l' (reverse running minimum;
        # the strict "<" keeps the lower level's course on ties, so the named course overshoots the least)
        hours, ids = exact.copy(), exact_id.copy()
        for lv in range(top - 1, 0, -1):
            better = hours[:, lv + 1] < hours[:, lv]
            hours[better, lv], ids[better, lv] = hours[better, lv + 1], ids[better, lv + 1]
        hours[:, 0], ids[:, 0] = 0.0, -1
        hard = (np.zeros(n_competencies, dtype=bool) if hard_to_transfer is None
                else np.asarray(hard_to_transfer, dtype=bool).reshape(n_competencies))
        return cls(hours, ids, hard, level_hours, hard_factor)

    @property
    def n_competencies(self) -> int:
        return int(self.course_hours.shape[0])

    @property
    def top(self) -> IntArray:
        """``top[c]``: the highest level the catalogue covers for each competency (0 = none)."""
        reach = np.isfinite(self.course_hours)
        levels = np.arange(self.course_hours.shape[1])
        return np.where(reach, levels[None, :], 0).max(axis=1).astype(np.int64)

    @property
    def factor(self) -> FloatArray:
        """``f_c``: the cost multiplier of each competency."""
        return np.where(self.hard, self.hard_factor, 1.0)

    def table(self, max_level: int) -> FloatArray:
        """``cost[c, x, r]`` for levels ``0 ≤ x, r ≤ max_level`` (competencies × levels × levels)."""
        n_l = max(int(max_level), 0) + 1
        top = self.top
        lv = np.arange(n_l)
        cap = np.minimum(lv[None, :], top[:, None])  # m = min(r, top[c]), competencies × r
        h_cap = np.take_along_axis(self.course_hours, cap, axis=1)  # H[c, m], finite since m ≤ top[c]
        course = np.where(lv[None, :, None] < cap[:, None, :], h_cap[:, None, :], 0.0)  # c × x × r
        above = np.maximum(lv[None, :, None], top[:, None, None])  # max(x, top[c])
        estimate = np.maximum(0, lv[None, None, :] - above) * self.level_hours
        return (course + estimate) * self.factor[:, None, None]

    def build(self, competency: int, from_level: int, to_level: int) -> Build:
        """The :class:`Build` (hours and how they arise) of one competency from one level to another."""
        c, x, r = int(competency), max(int(from_level), 0), int(to_level)
        hard = bool(self.hard[c])
        if x >= r:
            return Build(c, x, r, 0.0, hard)
        top = int(self.top[c])
        m = min(r, top)
        course_id, course_h = -1, 0.0
        if x < m:
            course_id, course_h = int(self.course_ids[c, m]), float(self.course_hours[c, m])
        estimated = max(0, r - max(x, top))
        hours = (course_h + estimated * self.level_hours) * float(self.factor[c])
        return Build(c, x, r, hours, hard, course_id, course_h, estimated)

    def builds(self, levels: npt.ArrayLike, required: npt.ArrayLike) -> list[Build]:
        """What it takes to go from the level vector ``levels`` (``NaN`` = unknown = 0) to the requirement
        vector ``required`` (``NaN`` = not required): one :class:`Build` per competency with a gap."""
        x = known_levels(np.asarray(levels, dtype=np.float64).reshape(1, -1))[0]
        r = np.asarray(required, dtype=np.float64).reshape(-1)
        if x.shape[0] != self.n_competencies or r.shape[0] != self.n_competencies:
            raise ValueError("level and requirement vectors must have one value per competency of the model")
        out: list[Build] = []
        for c in np.flatnonzero(~np.isnan(r) & (np.nan_to_num(r) > x)).tolist():
            out.append(self.build(c, int(x[c]), int(r[c])))
        return out


# -- levels as integers ----------------------------------------------------------------------------------
def known_levels(levels: LevelMatrix | npt.ArrayLike) -> IntArray:
    """People × competencies as whole numbers, **unknown (NaN) counted as 0**."""
    x = levels.levels if isinstance(levels, LevelMatrix) else np.asarray(levels, dtype=np.float64)
    if x.ndim == 1:
        x = x.reshape(1, -1)
    check_levels(x)
    return np.nan_to_num(x, nan=0.0).astype(np.int64)


def profile_levels(reqs: RequirementMatrix) -> IntArray:
    """Each role profile as a level vector: the required level where the role requires the competency, 0
    where it does not (what the holder of the role is assumed to have)."""
    return np.where(reqs.mask, np.nan_to_num(reqs.required), 0.0).astype(np.int64)


# -- moves: people (or profiles) into roles --------------------------------------------------------------
@dataclass(eq=False)
class MoveMeasures:
    """Moves from level vectors (rows) into roles (columns).

    ``hours``      effort ``Σ_c cost_c(x_c → r_c)`` over the role's requirements (unknown level = 0).
    ``readiness``  ``Σ w·min(x, r) / Σ w·r`` over **all** the role's requirements, unknown level = 0 (unlike
                   the gap engine, which leaves unknown levels out); 1 when ``Σ w·r = 0`` (nothing above level
                   0 is required, or nothing at all).
    ``hard``       the move builds at least one hard-to-transfer competency (a gap in one).
    """

    hours: FloatArray
    readiness: FloatArray
    hard: BoolArray


class MoveKernel:
    """Precomputed right-hand side of the move product for a set of roles (rows of ``required``/``weights``,
    ``NaN`` / 0 where not required). Calling it on a block of integer level vectors gives their
    :class:`MoveMeasures` for those roles with one matrix product (module docstring)."""

    def __init__(self, model: EffortModel, required: FloatArray, weights: FloatArray) -> None:
        required = np.asarray(required, dtype=np.float64)
        weights = np.asarray(weights, dtype=np.float64)
        n_j, n_c = required.shape
        if n_c != model.n_competencies:
            raise ValueError("the effort model and the requirements have different numbers of competencies")
        mask = ~np.isnan(required) & (weights > 0)
        r = np.where(mask, np.nan_to_num(required), 0.0).astype(np.int64)
        w = np.where(mask, weights, 0.0)
        self.n_roles, self.n_competencies = n_j, n_c
        self.max_level = max(1, int(r.max()) if r.size else 1)
        n_l = self.max_level + 1
        a = np.arange(n_l)[:, None, None]  # level of the mover
        table = model.table(self.max_level)  # c × x × r
        hours = table[np.arange(n_c)[None, None, :], a, r[None, :, :]]  # level × role × competency
        hours = np.where(mask[None], hours, 0.0)
        reach = w[None] * np.minimum(a, r[None])
        hard = (model.hard[None, None, :] & mask[None] & (a < r[None])).astype(np.float64)
        right = np.concatenate([hours, reach, hard], axis=1)  # level × (3 roles) × competency
        self.right = np.ascontiguousarray(right.transpose(0, 2, 1).reshape(n_l * n_c, 3 * n_j))
        self.demand = (w * r).sum(axis=1)

    def __call__(self, x: IntArray) -> MoveMeasures:
        n = x.shape[0]
        xc = np.minimum(x, self.max_level)
        left = (xc[:, None, :] == np.arange(self.max_level + 1)[None, :, None]).reshape(n, -1)
        out = left.astype(np.float64) @ self.right
        k = self.n_roles
        with np.errstate(divide="ignore", invalid="ignore"):
            readiness = np.where(self.demand > 0, out[:, k:2 * k] / self.demand, 1.0)
        return MoveMeasures(out[:, :k], readiness, out[:, 2 * k:] > 0.5)


def move_measures(model: EffortModel, levels: LevelMatrix | npt.ArrayLike, reqs: RequirementMatrix, *,
                  roles: npt.ArrayLike | None = None, chunk: int = CHUNK,
                  progress: Progress | None = None) -> MoveMeasures:
    """Effort (hours), readiness and the hard flag of every person (row of ``levels``; ``NaN`` = unknown,
    counted as 0) for every role of ``reqs`` (or the rows ``roles``), ``chunk`` people per product."""
    if isinstance(levels, LevelMatrix) and not np.array_equal(levels.competency_ids, reqs.competency_ids):
        raise ValueError("the level and requirement matrices must have the same competencies in the same order")
    x = known_levels(levels)
    rows = np.arange(reqs.shape[0]) if roles is None else np.arange(reqs.shape[0])[np.asarray(roles)]
    kernel = MoveKernel(model, reqs.required[rows], reqs.weights[rows])
    n = x.shape[0]
    out = MoveMeasures(np.empty((n, len(rows))), np.empty((n, len(rows))), np.empty((n, len(rows)), dtype=bool))
    for start in range(0, n, max(1, chunk)):
        stop = min(n, start + max(1, chunk))
        part = kernel(x[start:stop])
        out.hours[start:stop], out.readiness[start:stop], out.hard[start:stop] = (part.hours, part.readiness,
                                                                                   part.hard)
        if progress is not None:
            progress.report(stop, n)
    return out
