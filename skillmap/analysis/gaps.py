"""The skills-gap engine: vectorised numpy on level and requirement matrices.

Inputs are two matrices over the same competency axis:

* :class:`LevelMatrix` — staff × competency **current levels**; ``NaN`` is *unknown* (never zero).
* :class:`RequirementMatrix` — role × competency **required level** (``NaN`` = not required) and **weight**
  (``0`` where not required). A "role" here is one role profile (one seniority level of a role).

Levels are whole numbers ≥ 0 (the proficiency scale); weights are > 0.

Definitions (person *p*, role *j*; the sums run over the competencies *c* the role requires; *x* is the
person's current level, *r* the required level, *w* the weight; a competency is **assessed** when *x* is known):

``gap``            per competency: ``max(0, r − x)``; unknown (``NaN``) when *x* is unknown.
``weighted gap``   ``Σ w·gap`` over the assessed requirements (level points, weighted); ``NaN`` if none is assessed.
``readiness``      ``Σ w·min(x, r) / Σ w·r`` over the assessed requirements: the weighted share of the required
                   proficiency the person already has, 0–1 (shown as 0–100 %). Equals ``1 − weighted gap / Σ w·r``.
                   If every assessed requirement is at level 0 it is 1. **Unknown levels are left out, not
                   counted as 0**: readiness says how ready the person is *as far as we know*;
                   ``coverage`` says how far we know.
``coverage``       ``Σ w`` over the assessed requirements ``/ Σ w`` over all requirements, 0–1: the weighted share
                   of the requirement that has been assessed at all.
``met``            ``Σ w·[x ≥ r] / Σ w`` over the assessed requirements, 0–1: the weighted share of the assessed
                   requirements fully met.

A role with no requirements has every measure undefined (``NaN``), never 100 %; a person none of whose
required competencies is assessed has coverage 0 and the other measures undefined. A person without a
role has no own-role measures (``NaN``).

Speed: readiness of every person for every role is a handful of matrix products over "threshold" indicator
matrices (``[x ≥ L]`` for each level *L*), because for whole numbers ``min(x, r) = Σ_{L=1..r} [x ≥ L]`` and
``[x ≥ r] = Σ_L [x ≥ L]·[r = L]``. See :func:`pair_measures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.floating[Any]]
IntArray = npt.NDArray[np.integer[Any]]
BoolArray = npt.NDArray[np.bool_]

# Title check categories, in the order of the codes stored in :attr:`TitleCheck.fit`.
FIT_NAMES: tuple[str, ...] = ("consistent", "over", "under", "lateral", "unassessed", "no_role")
CONSISTENT, OVER, UNDER, LATERAL, UNASSESSED, NO_ROLE = range(len(FIT_NAMES))

_TIE = 1e-9  # readiness and demand within this are equal (float sums of exact weights)


# -- matrices --------------------------------------------------------------------------------------------
def _ids(values: Any, name: str) -> IntArray:
    a = np.asarray(values, dtype=np.int64).reshape(-1)
    if len(np.unique(a)) != len(a):
        raise ValueError(f"{name} are not unique")
    return a


def _labels(labels: Sequence[str], ids: IntArray, name: str) -> list[str]:
    if not labels:
        return [str(i) for i in ids.tolist()]
    if len(labels) != len(ids):
        raise ValueError(f"{name}: {len(labels)} labels for {len(ids)} ids")
    return list(labels)


def check_levels(values: FloatArray, what: str = "levels") -> None:
    """Raise ``ValueError`` unless every known value is a whole number ≥ 0 (``NaN`` = unknown is fine)."""
    known = values[~np.isnan(values)]
    if known.size and (known.min() < 0 or not np.array_equal(known, np.floor(known))):
        raise ValueError(f"{what} must be whole numbers ≥ 0")


@dataclass(eq=False)
class LevelMatrix:
    """Current levels, staff × competency (``float64``; ``NaN`` = unknown, never zero)."""

    staff_ids: IntArray
    competency_ids: IntArray
    levels: FloatArray
    staff_labels: list[str] = field(default_factory=list)
    competency_labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.staff_ids = _ids(self.staff_ids, "staff ids")
        self.competency_ids = _ids(self.competency_ids, "competency ids")
        self.levels = np.asarray(self.levels, dtype=np.float64).reshape(len(self.staff_ids),
                                                                         len(self.competency_ids))
        check_levels(self.levels)
        self.staff_labels = _labels(self.staff_labels, self.staff_ids, "staff")
        self.competency_labels = _labels(self.competency_labels, self.competency_ids, "competencies")

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.staff_ids), len(self.competency_ids))

    @property
    def known(self) -> BoolArray:
        return ~np.isnan(self.levels)

    def take(self, staff: npt.ArrayLike | None = None, competencies: npt.ArrayLike | None = None) -> LevelMatrix:
        """A sub-matrix: ``staff`` and ``competencies`` are positions or boolean masks (``None`` = all)."""
        si = np.arange(self.shape[0]) if staff is None else np.arange(self.shape[0])[np.asarray(staff)]
        ci = np.arange(self.shape[1]) if competencies is None else np.arange(self.shape[1])[np.asarray(competencies)]
        return LevelMatrix(self.staff_ids[si], self.competency_ids[ci], self.levels[np.ix_(si, ci)],
                           [self.staff_labels[i] for i in si.tolist()],
                           [self.competency_labels[i] for i in ci.tolist()])


@dataclass(eq=False)
class RequirementMatrix:
    """Required levels and weights, role × competency.

    ``required`` is ``NaN`` where the role does not require the competency; ``weights`` is 0 there (both are
    normalised so: a cell with a ``NaN`` level or a weight ≤ 0 is "not required"). ``seniority`` orders a role's
    career ladder; ``groups`` (e.g. the framework id) says which roles the title check compares.
    """

    role_ids: IntArray
    competency_ids: IntArray
    required: FloatArray
    weights: FloatArray
    role_labels: list[str] = field(default_factory=list)
    competency_labels: list[str] = field(default_factory=list)
    seniority: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    groups: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        self.role_ids = _ids(self.role_ids, "role ids")
        self.competency_ids = _ids(self.competency_ids, "competency ids")
        shape = (len(self.role_ids), len(self.competency_ids))
        req = np.asarray(self.required, dtype=np.float64).reshape(shape)
        w = np.asarray(self.weights, dtype=np.float64).reshape(shape)
        if np.any(w[~np.isnan(w)] < 0):
            raise ValueError("weights must not be negative")
        mask = ~np.isnan(req) & ~np.isnan(w) & (w > 0)
        self.required = np.where(mask, req, np.nan)
        self.weights = np.where(mask, w, 0.0)
        check_levels(self.required, "required levels")
        self.role_labels = _labels(self.role_labels, self.role_ids, "roles")
        self.competency_labels = _labels(self.competency_labels, self.competency_ids, "competencies")
        n = shape[0]
        self.seniority = (np.zeros(n, dtype=np.int64) if len(self.seniority) == 0
                          else np.asarray(self.seniority, dtype=np.int64).reshape(n))
        self.groups = (np.zeros(n, dtype=np.int64) if len(self.groups) == 0
                       else np.asarray(self.groups, dtype=np.int64).reshape(n))

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.role_ids), len(self.competency_ids))

    @property
    def mask(self) -> BoolArray:
        """Where a role requires a competency."""
        return ~np.isnan(self.required)

    @property
    def total_weight(self) -> FloatArray:
        """``Σ w`` per role (0 for a role with no requirements)."""
        return self.weights.sum(axis=1)

    @property
    def demand(self) -> FloatArray:
        """``Σ w·r`` per role: how demanding the role is (used to rank roles of the same seniority)."""
        return np.where(self.mask, self.weights * np.nan_to_num(self.required), 0.0).sum(axis=1)

    def take(self, roles: npt.ArrayLike | None = None, competencies: npt.ArrayLike | None = None
             ) -> RequirementMatrix:
        """A sub-matrix: ``roles`` and ``competencies`` are positions or boolean masks (``None`` = all)."""
        ri = np.arange(self.shape[0]) if roles is None else np.arange(self.shape[0])[np.asarray(roles)]
        ci = np.arange(self.shape[1]) if competencies is None else np.arange(self.shape[1])[np.asarray(competencies)]
        return RequirementMatrix(self.role_ids[ri], self.competency_ids[ci], self.required[np.ix_(ri, ci)],
                                 self.weights[np.ix_(ri, ci)], [self.role_labels[i] for i in ri.tolist()],
                                 [self.competency_labels[i] for i in ci.tolist()], self.seniority[ri],
                                 self.groups[ri])


def _check_aligned(levels: LevelMatrix, reqs: RequirementMatrix) -> None:
    if not np.array_equal(levels.competency_ids, reqs.competency_ids):
        raise ValueError("the level and requirement matrices must have the same competencies in the same order")


def _divide(num: FloatArray, den: FloatArray, where: BoolArray) -> FloatArray:
    """``num / den`` where ``where``, ``NaN`` elsewhere (no division warnings)."""
    out = np.full(np.broadcast(num, den).shape, np.nan, dtype=np.result_type(num, den, np.float32))
    np.divide(num, den, out=out, where=where)
    return out


# -- person × role ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class PairMeasures:
    """Measures of every person (rows, as in the :class:`LevelMatrix`) for every role (columns, as in the
    :class:`RequirementMatrix`). See the module docstring for the definitions.

    Holds the sums the products give (person × role): ``assessed_weight`` ``Σ w``, ``assessed_demand`` ``Σ w·r``,
    ``reached`` ``Σ w·min(x, r)`` and (when asked for) ``met_weight`` ``Σ w·[x ≥ r]`` over the assessed
    requirements, and ``total_weight`` ``Σ w`` per role. The measures are derived on first use and kept.
    """

    assessed_weight: FloatArray
    assessed_demand: FloatArray
    reached: FloatArray
    met_weight: FloatArray | None
    total_weight: FloatArray
    zero_requirements: bool = True  # some role requires a level 0 (readiness needs a fix-up)
    assessed_level: FloatArray | None = None  # Σ w·x over the assessed requirements (for distance)

    @cached_property
    def readiness(self) -> FloatArray:
        """``reached / assessed_demand``; 1 where everything assessed is required at level 0; ``NaN`` where
        nothing is assessed (or the role has no requirements)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.reached / self.assessed_demand
        if self.zero_requirements:
            out[(self.assessed_demand <= 0) & (self.assessed_weight > 0)] = 1.0
        return out

    @cached_property
    def coverage(self) -> FloatArray:
        """``assessed_weight / total_weight``; ``NaN`` for a role without requirements."""
        tw = np.where(self.total_weight > 0, self.total_weight, np.nan).astype(self.assessed_weight.dtype)
        return self.assessed_weight * (1 / tw)[None, :]

    @cached_property
    def weighted_gap(self) -> FloatArray:
        """``assessed_demand − reached``; ``NaN`` where nothing is assessed."""
        out = self.assessed_demand - self.reached
        out[self.assessed_weight <= 0] = np.nan
        return out

    @cached_property
    def distance(self) -> FloatArray:
        """``Σ w·|x − r| / Σ w`` over the assessed requirements: how far, in levels, the person's assessed
        levels are from the role's (0 = exactly the role's levels); ``NaN`` where nothing is assessed. Uses
        ``|x − r| = (r − min(x, r)) + (x − min(x, r))``. Needs ``with_distance=True``."""
        if self.assessed_level is None:
            raise ValueError("computed without distance: call pair_measures(..., with_distance=True)")
        with np.errstate(divide="ignore", invalid="ignore"):
            return (self.assessed_demand + self.assessed_level - 2 * self.reached) / self.assessed_weight

    @cached_property
    def met(self) -> FloatArray:
        """``met_weight / assessed_weight``; ``NaN`` where nothing is assessed. Needs ``with_met=True``."""
        if self.met_weight is None:
            raise ValueError("computed without met: call pair_measures(..., with_met=True)")
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.met_weight / self.assessed_weight


def pair_measures(levels: LevelMatrix, reqs: RequirementMatrix, *, with_met: bool = False,
                  with_distance: bool = True, dtype: type = np.float32) -> PairMeasures:
    """Weighted gap, readiness, coverage, distance (and met) of every person for every role, with three matrix
    products.

    With ``K = [x known]``, ``T_L = [x ≥ L]`` (staff × competency, 0/1) and, per role, ``W`` the weights and ``R``
    the required levels (0 where not required):

    * assessed ``Σ w`` = ``K @ Wᵀ``; assessed ``Σ w·r`` = ``K @ (W·R)ᵀ``; total ``Σ w`` = row sums of ``W``;
    * ``Σ w·min(x, r)`` = ``Σ_L T_L @ (W·[R ≥ L])ᵀ``;  ``Σ w·[x ≥ r]`` = ``K @ (W·[R = 0])ᵀ + Σ_L T_L @ (W·[R = L])ᵀ``;
    * ``Σ w·x`` (for the distance of :func:`title_check`) = ``X @ Wᵀ`` with unknown levels as 0.

    The ``T_L`` go side by side into one product. ``float32`` keeps sums of whole levels and weights like 1,
    1.5 and 2 exact and is twice as fast as ``float64``. ``with_met`` adds the met sums (half as much work again);
    ``with_distance`` the level sums (a sixth).
    """
    _check_aligned(levels, reqs)
    n_s, n_c = levels.shape
    n_r = reqs.shape[0]
    x = levels.levels
    known = ~np.isnan(x)
    xf = np.where(known, x, -1.0)
    mask = reqs.mask
    w = reqs.weights.astype(dtype)
    r = np.nan_to_num(reqs.required, nan=0.0).astype(dtype)
    lmax = int(r.max()) if mask.any() else 0
    zero = w * ((r == 0) & mask)
    has_zero = bool(zero.any())
    width = 2 if with_met else 1

    parts = [w, w * r] + ([zero] if with_met and has_zero else [])
    out0 = known.astype(dtype) @ np.ascontiguousarray(np.concatenate(parts, axis=0).T)
    assessed_w, assessed_wr = out0[:, :n_r], out0[:, n_r:2 * n_r]
    met_w: FloatArray | None = None
    if lmax >= 1:
        left = np.empty((n_s, lmax * n_c), dtype=dtype)
        right = np.empty((lmax * n_c, width * n_r), dtype=dtype)
        for level in range(1, lmax + 1):
            block = slice((level - 1) * n_c, level * n_c)
            left[:, block] = xf >= level
            right[block, :n_r] = (w * (r >= level)).T
            if with_met:
                right[block, n_r:] = (w * (r == level)).T
        out1 = left @ right
        reached = out1[:, :n_r]
        if with_met:
            met_w = out1[:, n_r:]
    else:
        reached = np.zeros((n_s, n_r), dtype=dtype)
        if with_met:
            met_w = np.zeros((n_s, n_r), dtype=dtype)
    if met_w is not None and has_zero:
        met_w = met_w + out0[:, 2 * n_r:]
    level_w = (np.where(known, x, 0.0).astype(dtype) @ np.ascontiguousarray(w.T)) if with_distance else None
    return PairMeasures(assessed_w, assessed_wr, reached, met_w, w.sum(axis=1), has_zero, level_w)


# -- each person against their own role ------------------------------------------------------------------
@dataclass(eq=False)
class OwnRoleGaps:
    """Every person against the role of their own position (``role_index[p]``, −1 for none).

    Per cell (staff × competency): ``required`` (``NaN`` where not required or no role), ``weights`` (0 there),
    ``current`` (the person's level, ``NaN`` if unknown) and ``gap`` (``NaN`` where not required or unknown).
    Per person: ``weighted_gap``, ``readiness``, ``coverage``, ``met`` (``NaN`` without a role or requirements),
    ``n_required`` and ``n_assessed`` (counts of competencies).
    """

    role_index: IntArray
    current: FloatArray
    required: FloatArray
    weights: FloatArray
    gap: FloatArray
    weighted_gap: FloatArray
    readiness: FloatArray
    coverage: FloatArray
    met: FloatArray
    n_required: IntArray
    n_assessed: IntArray

    @property
    def requirement_mask(self) -> BoolArray:
        return ~np.isnan(self.required)

    @property
    def assessed_mask(self) -> BoolArray:
        """Required and assessed cells."""
        return ~np.isnan(self.gap)


def own_role_gaps(levels: LevelMatrix, reqs: RequirementMatrix, role_index: npt.ArrayLike) -> OwnRoleGaps:
    """Gaps and measures of each person for their own role. ``role_index[p]`` is a row of ``reqs`` or −1."""
    _check_aligned(levels, reqs)
    idx = np.asarray(role_index, dtype=np.int64).reshape(-1)
    if idx.shape[0] != levels.shape[0]:
        raise ValueError("role_index needs one entry per person")
    if idx.size and (idx.max() >= reqs.shape[0] or idx.min() < -1):
        raise ValueError("role_index out of range")
    has = idx >= 0
    safe = np.where(has, idx, 0)
    n_c = levels.shape[1]
    if reqs.shape[0]:
        required = np.where(has[:, None], reqs.required[safe], np.nan)
        weights = np.where(has[:, None], reqs.weights[safe], 0.0)
    else:
        required = np.full(levels.shape, np.nan)
        weights = np.zeros(levels.shape)
    x = levels.levels
    req_mask = ~np.isnan(required)
    assessed = req_mask & ~np.isnan(x)
    gap = np.where(assessed, np.maximum(0.0, np.nan_to_num(required) - np.nan_to_num(x)), np.nan)
    w_assessed = np.where(assessed, weights, 0.0)
    aw = w_assessed.sum(axis=1)
    awr = (w_assessed * np.nan_to_num(required)).sum(axis=1)
    wg = (w_assessed * np.nan_to_num(gap)).sum(axis=1)
    met_w = np.where(assessed & (np.nan_to_num(gap) == 0), weights, 0.0).sum(axis=1)
    tw = weights.sum(axis=1)
    readiness = _divide(awr - wg, awr, (aw > 0) & (awr > 0)).astype(np.float64)
    readiness[(aw > 0) & (awr <= 0)] = 1.0
    return OwnRoleGaps(
        role_index=idx, current=x, required=required, weights=weights, gap=gap,
        weighted_gap=np.where(aw > 0, wg, np.nan), readiness=readiness,
        coverage=_divide(aw, tw, tw > 0).astype(np.float64), met=_divide(met_w, aw, aw > 0).astype(np.float64),
        n_required=req_mask.sum(axis=1), n_assessed=assessed.sum(axis=1),
    ) if n_c else _empty_own(idx, levels.shape[0])


def _empty_own(idx: IntArray, n: int) -> OwnRoleGaps:
    z = np.zeros((n, 0))
    nan = np.full(n, np.nan)
    zero = np.zeros(n, dtype=np.int64)
    return OwnRoleGaps(idx, z, z, z, z, nan, nan.copy(), nan.copy(), nan.copy(), zero, zero.copy())


# -- aggregates ------------------------------------------------------------------------------------------
@dataclass(eq=False)
class GroupStats:
    """Aggregates of :class:`OwnRoleGaps` per group (unit, agency, role family, role or competency).

    Counts per group: ``staff`` (people in the group), ``people`` (of them, those whose own role has
    requirements), ``requirements`` (required person × competency pairs), ``assessed`` (of those, pairs with a
    known level), ``meeting`` (assessed pairs with level ≥ required), ``short`` (people short — gap > 0 — in at
    least one assessed requirement; for a competency: people short in it). Sums for the means below.
    """

    staff: IntArray
    people: IntArray
    requirements: IntArray
    assessed: IntArray
    meeting: IntArray
    short: IntArray
    gap_sum: FloatArray
    level_sum: FloatArray
    required_sum: FloatArray
    readiness_sum: FloatArray
    readiness_n: IntArray

    def __len__(self) -> int:
        return len(self.staff)

    @property
    def coverage(self) -> FloatArray:
        """``assessed / requirements``: share of required pairs with a known level."""
        return _divide(self.assessed.astype(float), self.requirements.astype(float), self.requirements > 0)

    @property
    def share_meeting(self) -> FloatArray:
        """``meeting / assessed``: share of assessed requirements met (``NaN`` if none assessed)."""
        return _divide(self.meeting.astype(float), self.assessed.astype(float), self.assessed > 0)

    @property
    def mean_gap(self) -> FloatArray:
        """Mean ``max(0, r − x)`` over the assessed requirements, in levels."""
        return _divide(self.gap_sum, self.assessed.astype(float), self.assessed > 0)

    @property
    def mean_level(self) -> FloatArray:
        """Mean current level over the assessed requirements."""
        return _divide(self.level_sum, self.assessed.astype(float), self.assessed > 0)

    @property
    def mean_required(self) -> FloatArray:
        """Mean required level over the assessed requirements."""
        return _divide(self.required_sum, self.assessed.astype(float), self.assessed > 0)

    @property
    def mean_readiness(self) -> FloatArray:
        """Mean own-role readiness of the people whose readiness is defined (``NaN`` for competency rows)."""
        return _divide(self.readiness_sum, self.readiness_n.astype(float), self.readiness_n > 0)


def group_stats(own: OwnRoleGaps, groups: npt.ArrayLike, n_groups: int) -> GroupStats:
    """Aggregate people into ``n_groups`` groups: ``groups[p]`` in ``[0, n_groups)``; −1 leaves a person out."""
    g = np.asarray(groups, dtype=np.int64).reshape(-1)
    if g.shape[0] != own.role_index.shape[0]:
        raise ValueError("groups needs one entry per person")
    keep = g >= 0
    gk = g[keep]

    def count(values: npt.ArrayLike | None = None) -> FloatArray:
        if values is None:
            return np.bincount(gk, minlength=n_groups)[:n_groups].astype(float)
        return np.bincount(gk, weights=np.asarray(values, dtype=float)[keep], minlength=n_groups)[:n_groups]

    assessed = own.assessed_mask
    gap0 = np.nan_to_num(own.gap)
    ready = ~np.isnan(own.readiness)
    return GroupStats(
        staff=count().astype(np.int64),
        people=count(own.n_required > 0).astype(np.int64),
        requirements=count(own.n_required).astype(np.int64),
        assessed=count(own.n_assessed).astype(np.int64),
        meeting=count((assessed & (gap0 == 0)).sum(axis=1)).astype(np.int64),
        short=count((gap0 > 0).any(axis=1)).astype(np.int64),
        gap_sum=count(gap0.sum(axis=1)),
        level_sum=count(np.where(assessed, own.current, 0.0).sum(axis=1)),
        required_sum=count(np.where(assessed, own.required, 0.0).sum(axis=1)),
        readiness_sum=count(np.where(ready, own.readiness, 0.0)),
        readiness_n=count(ready).astype(np.int64),
    )


def competency_stats(own: OwnRoleGaps, people: npt.ArrayLike | None = None) -> GroupStats:
    """Aggregates per competency (columns of the matrices) over the people selected by the boolean mask
    ``people`` (all by default). ``staff`` and ``people`` are the people whose own role requires the
    competency; readiness is not defined per competency (``readiness_n`` is 0)."""
    sel = np.ones(own.role_index.shape[0], dtype=bool) if people is None else np.asarray(people, dtype=bool)
    req = own.requirement_mask[sel]
    assessed = own.assessed_mask[sel]
    gap = own.gap[sel]
    gap0 = np.nan_to_num(gap)
    n_req = req.sum(axis=0).astype(np.int64)
    return GroupStats(
        staff=n_req, people=n_req.copy(), requirements=n_req.copy(),
        assessed=assessed.sum(axis=0).astype(np.int64),
        meeting=(assessed & (gap0 == 0)).sum(axis=0).astype(np.int64),
        short=(gap0 > 0).sum(axis=0).astype(np.int64),
        gap_sum=gap0.sum(axis=0),
        level_sum=np.where(assessed, own.current[sel], 0.0).sum(axis=0),
        required_sum=np.where(assessed, own.required[sel], 0.0).sum(axis=0),
        readiness_sum=np.zeros(req.shape[1]), readiness_n=np.zeros(req.shape[1], dtype=np.int64),
    )


# -- supply and demand -----------------------------------------------------------------------------------
@dataclass(eq=False)
class SupplyDemand:
    """Per competency and level: ``supply[c, i]`` people whose current level is exactly ``levels[i]``,
    ``unknown[c]`` people whose level is unknown, ``demand[c, i]`` people whose own position requires exactly
    ``levels[i]``. The ``*_at_least`` views count "level ``levels[i]`` or more"."""

    competency_ids: IntArray
    levels: IntArray
    supply: IntArray
    unknown: IntArray
    demand: IntArray

    @property
    def supply_at_least(self) -> IntArray:
        return np.cumsum(self.supply[:, ::-1], axis=1)[:, ::-1]

    @property
    def demand_at_least(self) -> IntArray:
        return np.cumsum(self.demand[:, ::-1], axis=1)[:, ::-1]


def supply_demand(levels: LevelMatrix, reqs: RequirementMatrix, role_index: npt.ArrayLike) -> SupplyDemand:
    """Supply (current levels of everyone in ``levels``) against demand (levels their own roles require)."""
    _check_aligned(levels, reqs)
    own = own_role_gaps(levels, reqs, role_index)
    x, r = levels.levels, own.required
    known, req = ~np.isnan(x), ~np.isnan(r)
    top = int(max(np.max(x[known], initial=0), np.max(r[req], initial=0)))
    n_c, n_l = levels.shape[1], top + 1
    col = np.broadcast_to(np.arange(n_c), x.shape)

    def table(values: FloatArray, mask: BoolArray) -> IntArray:
        flat = col[mask] * n_l + values[mask].astype(np.int64)
        return np.bincount(flat, minlength=n_c * n_l).reshape(n_c, n_l).astype(np.int64)

    return SupplyDemand(levels.competency_ids.copy(), np.arange(n_l, dtype=np.int64), table(x, known),
                        (~known).sum(axis=0).astype(np.int64), table(r, req))


# -- title check -----------------------------------------------------------------------------------------
@dataclass(eq=False)
class TitleCheck:
    """For each person: their own role and the role their assessed levels fit best, and how the two compare.

    ``own`` / ``best`` are rows of the requirement matrix (−1 for none) with their readiness, coverage and
    distance; ``fit`` holds codes into :data:`FIT_NAMES`. See :func:`title_check`.
    """

    own: IntArray
    own_readiness: FloatArray
    own_coverage: FloatArray
    own_distance: FloatArray
    best: IntArray
    best_readiness: FloatArray
    best_coverage: FloatArray
    best_distance: FloatArray
    fit: IntArray

    @property
    def fit_names(self) -> list[str]:
        return [FIT_NAMES[i] for i in self.fit.tolist()]


def role_rank(reqs: RequirementMatrix) -> IntArray:
    """Dense rank of each role by (seniority, demand ``Σ w·r``): equal pairs share a rank."""
    if reqs.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    demand = np.round(reqs.demand / _TIE) * _TIE
    _, inverse = np.unique(np.stack([reqs.seniority.astype(float), demand], axis=1), axis=0, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64)


def title_check(levels: LevelMatrix, reqs: RequirementMatrix, role_index: npt.ArrayLike, *,
                pairs: PairMeasures | None = None, min_coverage: float = 0.5, ready: float = 0.8,
                same_group: bool = True) -> TitleCheck:
    """Which role each person's assessed levels fit best, against the role of their position.

    **Fit** of a person to a role is the **distance** ``Σ w·|x − r| / Σ w`` over the assessed requirements: the
    weighted mean number of levels between the person's levels and the role's, above or below (0 = exactly the
    role's levels). Unlike readiness, it does not favour less demanding roles.

    **Candidates**: roles with coverage ≥ ``min_coverage``, of the same group (framework) as the person's own role
    when ``same_group`` (people without a role: every role). **Best fit**: the candidate at the smallest distance;
    ties (within 10⁻⁶) go to the higher rank — seniority, then demand ``Σ w·r`` — then to the own role, then to
    the first in matrix order. No candidate: none.

    **fit**, in this order: ``no_role`` (no role of their own); ``unassessed`` (own role coverage below
    ``min_coverage``, or no candidate); ``consistent`` (best fit = own role); ``over`` — the title claims more than
    the levels show: the best fit ranks lower and the person is not ready for their own role (readiness <
    ``ready``); ``under`` — the levels show more than the title: the best fit ranks higher and the person is ready
    for their own role; ``lateral`` — any other case where another role fits better (same rank, or a guard
    fails: e.g. a higher-ranked role fits better but the person is not ready for their own); ``consistent`` also
    when the best fit ranks lower but the person is ready for their own role.
    """
    _check_aligned(levels, reqs)
    idx = np.asarray(role_index, dtype=np.int64).reshape(-1)
    n_s, n_r = levels.shape[0], reqs.shape[0]
    if idx.shape[0] != n_s:
        raise ValueError("role_index needs one entry per person")
    has_own = idx >= 0
    best = np.full(n_s, -1, dtype=np.int64)
    out = {k: np.full(n_s, np.nan) for k in ("own_r", "own_c", "own_d", "best_r", "best_c", "best_d")}
    if n_r == 0:
        fit = np.where(has_own, UNASSESSED, NO_ROLE).astype(np.int64)
        return TitleCheck(idx, out["own_r"], out["own_c"], out["own_d"], best, out["best_r"], out["best_c"],
                          out["best_d"], fit)
    if pairs is None or pairs.assessed_level is None:
        pairs = pair_measures(levels, reqs)
    rank = role_rank(reqs)
    span = 2.0 * (int(rank.max()) + 1) + 2.0
    # people in sets that share their candidate roles: one set per group of own roles, one for no role
    own_group = np.where(has_own, reqs.groups[np.where(has_own, idx, 0)], 0)
    sets: list[tuple[IntArray, IntArray]] = []
    if same_group:
        for g in np.unique(own_group[has_own]).tolist():
            sets.append((np.flatnonzero(has_own & (own_group == g)), np.flatnonzero(reqs.groups == g)))
        sets.append((np.flatnonzero(~has_own), np.arange(n_r)))
    else:
        sets.append((np.arange(n_s), np.arange(n_r)))
    for people, cols in sets:
        if not len(people):
            continue
        sub = np.ix_(people, cols)
        rd = pairs.readiness[sub].astype(np.float64)
        cv = pairs.coverage[sub].astype(np.float64)
        dist = pairs.distance[sub].astype(np.float64)
        pos = np.full(n_r, -1, dtype=np.int64)
        pos[cols] = np.arange(len(cols))
        own_col = np.where(has_own[people], pos[np.where(has_own[people], idx[people], 0)], -1)
        rows = np.arange(len(people))
        with_own = own_col >= 0
        cand = (cv >= min_coverage - _TIE) & (dist >= 0)
        key = np.where(cand, -np.rint(np.nan_to_num(dist) * 1e6) * span + rank[cols][None, :] * 2.0, -np.inf)
        key[rows[with_own], own_col[with_own]] += 1.0
        choice = np.where(cand.any(axis=1), key.argmax(axis=1), -1)
        chosen = choice >= 0
        pc, rc, cc = people[chosen], rows[chosen], choice[chosen]
        best[pc] = cols[cc]
        out["best_r"][pc], out["best_c"][pc], out["best_d"][pc] = rd[rc, cc], cv[rc, cc], dist[rc, cc]
        po, ro, co = people[with_own], rows[with_own], own_col[with_own]
        out["own_r"][po], out["own_c"][po], out["own_d"][po] = rd[ro, co], cv[ro, co], dist[ro, co]

    own_r, own_c = out["own_r"], out["own_c"]
    has_best = best >= 0
    own_ok = has_own & ~np.isnan(own_r) & (np.nan_to_num(own_c) >= min_coverage - _TIE)
    own_ready = np.nan_to_num(own_r) >= ready - _TIE
    own_rank, best_rank = rank[np.where(has_own, idx, 0)], rank[np.where(has_best, best, 0)]
    fit = np.full(n_s, LATERAL, dtype=np.int64)
    fit[(best_rank < own_rank) & own_ready] = CONSISTENT
    fit[(best_rank < own_rank) & ~own_ready] = OVER
    fit[(best_rank > own_rank) & own_ready] = UNDER
    fit[best == idx] = CONSISTENT
    fit[~own_ok | ~has_best] = UNASSESSED
    fit[~has_own] = NO_ROLE
    return TitleCheck(idx, own_r, own_c, out["own_d"], best, out["best_r"], out["best_c"], out["best_d"], fit)


# -- self against manager ratings ------------------------------------------------------------------------
@dataclass(eq=False)
class RatingComparison:
    """Self rating minus manager rating, per person and competency (``NaN`` unless both exist), with
    summaries per competency (``pairs``, ``mean_difference``, ``mean_abs_difference``, ``self_higher``,
    ``self_lower``) and per person (``person_pairs``, ``person_mean_difference``)."""

    difference: FloatArray

    @property
    def _has(self) -> BoolArray:
        return ~np.isnan(self.difference)

    @property
    def pairs(self) -> IntArray:
        return self._has.sum(axis=0).astype(np.int64)

    @property
    def mean_difference(self) -> FloatArray:
        return _divide(np.nan_to_num(self.difference).sum(axis=0), self.pairs.astype(float), self.pairs > 0)

    @property
    def mean_abs_difference(self) -> FloatArray:
        return _divide(np.abs(np.nan_to_num(self.difference)).sum(axis=0), self.pairs.astype(float),
                       self.pairs > 0)

    @property
    def self_higher(self) -> IntArray:
        return (np.nan_to_num(self.difference) > 0).sum(axis=0).astype(np.int64)

    @property
    def self_lower(self) -> IntArray:
        return (np.nan_to_num(self.difference) < 0).sum(axis=0).astype(np.int64)

    @property
    def person_pairs(self) -> IntArray:
        return self._has.sum(axis=1).astype(np.int64)

    @property
    def person_mean_difference(self) -> FloatArray:
        n = self.person_pairs
        return _divide(np.nan_to_num(self.difference).sum(axis=1), n.astype(float), n > 0)


def compare_ratings(self_levels: FloatArray, manager_levels: FloatArray) -> RatingComparison:
    """``self − manager`` where both ratings are known (matrices of the same shape, ``NaN`` = none)."""
    s = np.asarray(self_levels, dtype=np.float64)
    mg = np.asarray(manager_levels, dtype=np.float64)
    if s.shape != mg.shape:
        raise ValueError("self and manager matrices differ in shape")
    both = ~np.isnan(s) & ~np.isnan(mg)
    return RatingComparison(np.where(both, np.nan_to_num(s) - np.nan_to_num(mg), np.nan))


# -- history: current levels as of a date, and their change over time ------------------------------------
@dataclass(eq=False)
class AssessmentHistory:
    """Assessment rows as columns. ``staff_pos`` and ``comp_pos`` are positions on the axes of a level matrix
    (``n_staff`` × ``n_competencies``); ``rank`` is the trust rank of the source (higher wins on the same day);
    ``row_id`` the stored order (later wins last)."""

    staff_pos: IntArray
    comp_pos: IntArray
    level: FloatArray
    day: npt.NDArray[np.datetime64]
    rank: IntArray
    row_id: IntArray
    n_staff: int
    n_competencies: int

    def __post_init__(self) -> None:
        self.staff_pos = np.asarray(self.staff_pos, dtype=np.int64).reshape(-1)
        self.comp_pos = np.asarray(self.comp_pos, dtype=np.int64).reshape(-1)
        self.level = np.asarray(self.level, dtype=np.float64).reshape(-1)
        self.day = np.asarray(self.day, dtype="datetime64[D]").reshape(-1)
        self.rank = np.asarray(self.rank, dtype=np.int64).reshape(-1)
        self.row_id = np.asarray(self.row_id, dtype=np.int64).reshape(-1)
        n = self.staff_pos.shape[0]
        if any(a.shape[0] != n for a in (self.comp_pos, self.level, self.day, self.rank, self.row_id)):
            raise ValueError("history columns differ in length")

    def __len__(self) -> int:
        return int(self.staff_pos.shape[0])

    def select(self, mask: npt.ArrayLike) -> AssessmentHistory:
        m = np.asarray(mask, dtype=bool)
        return AssessmentHistory(self.staff_pos[m], self.comp_pos[m], self.level[m], self.day[m], self.rank[m],
                                 self.row_id[m], self.n_staff, self.n_competencies)


def _ordered(h: AssessmentHistory) -> tuple[IntArray, IntArray]:
    """Row order by cell, then day, rank and id; and the cell number of each ordered row."""
    cell = h.staff_pos * max(h.n_competencies, 1) + h.comp_pos
    if not len(h):
        return np.zeros(0, dtype=np.int64), cell
    day = h.day.astype(np.int64)
    day = day - day.min()
    rank = h.rank - h.rank.min()
    n_day, n_rank = int(day.max()) + 1, int(rank.max()) + 1
    if (int(cell.max()) + 1) * n_day * n_rank < 2**62:  # one packed key (three times faster than four keys)
        order = np.lexsort((h.row_id, (cell * n_day + day) * n_rank + rank))
    else:
        order = np.lexsort((h.row_id, h.rank, h.day, cell))
    return order, cell[order]


def _last_per_cell(h: AssessmentHistory, order: IntArray, cell: IntArray, cutoff: np.datetime64 | None
                   ) -> IntArray:
    """Rows (indices into ``h``) that are the latest of their cell among rows on or before ``cutoff``."""
    day = h.day[order]
    upto = np.ones(len(order), dtype=bool) if cutoff is None else day <= cutoff
    last = upto.copy()
    if len(order) > 1:
        last[:-1] &= ~(upto[1:] & (cell[1:] == cell[:-1]))
    return order[last]


def _as_day(value: date | np.datetime64 | str) -> np.datetime64:
    return np.datetime64(value, "D")


def latest_levels(history: AssessmentHistory, as_of: date | np.datetime64 | None = None) -> FloatArray:
    """The level matrix by the current-level rule: per cell, the row with the latest day on or before
    ``as_of``; on the same day the higher ``rank``, then the higher ``row_id``. ``NaN`` where no row.

    The caller chooses the rows (validated assessments for *current* levels; one source for "latest self")."""
    out = np.full((history.n_staff, history.n_competencies), np.nan)
    if len(history):
        order, cell = _ordered(history)
        rows = _last_per_cell(history, order, cell, None if as_of is None else _as_day(as_of))
        out[history.staff_pos[rows], history.comp_pos[rows]] = history.level[rows]
    return out


@dataclass(eq=False)
class LevelTrend:
    """Per competency and cut-off date: the mean current level (by the rule, as of that date) over the people
    whose level is known then (``known``). ``mean`` is ``NaN`` where nobody's level is known."""

    cutoffs: npt.NDArray[np.datetime64]
    mean: FloatArray
    known: IntArray


def level_trend(history: AssessmentHistory, cutoffs: Sequence[date | np.datetime64],
                people: npt.ArrayLike | None = None) -> LevelTrend:
    """Mean current level per competency as of each cut-off date (e.g. 31 December of each year), over the
    people selected by the boolean mask ``people`` (all by default)."""
    cuts = np.array([_as_day(c) for c in cutoffs], dtype="datetime64[D]")
    n_c = history.n_competencies
    mean = np.full((n_c, len(cuts)), np.nan)
    known = np.zeros((n_c, len(cuts)), dtype=np.int64)
    h = history
    if people is not None:
        h = history.select(np.asarray(people, dtype=bool)[history.staff_pos])
    if len(h):
        order, cell = _ordered(h)
        for j, cut in enumerate(cuts):
            rows = _last_per_cell(h, order, cell, cut)
            cnt = np.bincount(h.comp_pos[rows], minlength=n_c)[:n_c]
            tot = np.bincount(h.comp_pos[rows], weights=h.level[rows], minlength=n_c)[:n_c]
            known[:, j] = cnt
            mean[:, j] = _divide(tot, cnt.astype(float), cnt > 0)
    return LevelTrend(cuts, mean, known)
