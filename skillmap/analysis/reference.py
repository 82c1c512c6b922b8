"""A plain, obviously correct pure-Python version of the gap measures, for the tests only.

Every function follows the written definitions (see :mod:`skillmap.analysis.gaps` and ``docs/gaps.md``) one
competency at a time, with ``None`` for unknown levels and for "not required". It is far too slow for real
data (tens of seconds for the full organisation) and is never used by the application.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

Level = float | None


@dataclass(frozen=True)
class Measures:
    weighted_gap: float | None
    readiness: float | None
    coverage: float | None
    met: float | None


def gaps(current: Sequence[Level], required: Sequence[Level]) -> list[float | None]:
    """``max(0, r − x)`` per competency; ``None`` where not required or the level is unknown."""
    out: list[float | None] = []
    for x, r in zip(current, required, strict=True):
        out.append(None if r is None or x is None else max(0.0, r - x))
    return out


def measures(current: Sequence[Level], required: Sequence[Level], weights: Sequence[float]) -> Measures:
    """One person against one role: sums over the required competencies, unknown levels left out."""
    total_w = assessed_w = assessed_wr = wgap = met_w = 0.0
    n_required = 0
    for x, r, w in zip(current, required, weights, strict=True):
        if r is None or w <= 0:
            continue
        n_required += 1
        total_w += w
        if x is None:
            continue
        assessed_w += w
        assessed_wr += w * r
        gap = max(0.0, r - x)
        wgap += w * gap
        if x >= r:
            met_w += w
    if n_required == 0:
        return Measures(None, None, None, None)
    coverage = assessed_w / total_w
    if assessed_w == 0:
        return Measures(None, None, coverage, None)
    readiness = 1.0 if assessed_wr == 0 else 1.0 - wgap / assessed_wr
    return Measures(wgap, readiness, coverage, met_w / assessed_w)


def all_pairs(levels: Sequence[Sequence[Level]], required: Sequence[Sequence[Level]],
              weights: Sequence[Sequence[float]]) -> list[list[Measures]]:
    """``[person][role]`` measures."""
    return [[measures(x, r, w) for r, w in zip(required, weights, strict=True)] for x in levels]


def distance(current: Sequence[Level], required: Sequence[Level], weights: Sequence[float]) -> float | None:
    """``Σ w·|x − r| / Σ w`` over the assessed requirements; ``None`` if none is assessed."""
    num = den = 0.0
    for x, r, w in zip(current, required, weights, strict=True):
        if r is None or w <= 0 or x is None:
            continue
        num += w * abs(x - r)
        den += w
    return num / den if den else None


def title_fit(readiness: Sequence[float | None], coverage: Sequence[float | None],
              distances: Sequence[float | None], seniority: Sequence[int], demand: Sequence[float],
              own: int | None, candidates: Sequence[int], *, min_coverage: float, ready: float
              ) -> tuple[int | None, str]:
    """Best-fitting role (an index) and the fit category, exactly as documented in ``title_check``."""
    def rank_key(j: int) -> tuple[int, float]:
        return (seniority[j], round(demand[j], 6))

    cands = [j for j in candidates
             if distances[j] is not None and coverage[j] is not None and coverage[j] >= min_coverage - 1e-9]
    best: int | None = None
    if cands:
        low = min(round(distances[j] * 1e6) for j in cands)  # type: ignore[operator]
        tied = [j for j in cands if round(distances[j] * 1e6) == low]  # type: ignore[operator]
        top = max(rank_key(j) for j in tied)
        tied = [j for j in tied if rank_key(j) == top]
        best = own if own in tied else min(tied)
    if own is None:
        return best, "no_role"
    own_ok = readiness[own] is not None and coverage[own] is not None and coverage[own] >= min_coverage - 1e-9
    if not own_ok or best is None:
        return best, "unassessed"
    if best == own:
        return best, "consistent"
    own_ready = readiness[own] >= ready - 1e-9  # type: ignore[operator]
    if rank_key(best) < rank_key(own):
        return best, "consistent" if own_ready else "over"
    if rank_key(best) > rank_key(own) and own_ready:
        return best, "under"
    return best, "lateral"


@dataclass(frozen=True)
class Row:
    """One assessment: person, competency, level, date, trust rank of the source, stored id."""

    staff: int
    competency: int
    level: int
    day: date
    rank: int
    id: int


def current_levels(rows: Sequence[Row], as_of: date | None = None) -> dict[tuple[int, int], int]:
    """The current-level rule: per (person, competency) the row with the latest date on or before ``as_of``;
    on the same day the higher rank, then the higher id."""
    best: dict[tuple[int, int], Row] = {}
    for row in rows:
        if as_of is not None and row.day > as_of:
            continue
        key = (row.staff, row.competency)
        held = best.get(key)
        if held is None or (row.day, row.rank, row.id) > (held.day, held.rank, held.id):
            best[key] = row
    return {k: v.level for k, v in best.items()}


def group_summary(gap_rows: Sequence[Sequence[float | None]], required_rows: Sequence[Sequence[Level]]
                  ) -> dict[str, float | int | None]:
    """Aggregates of one group of people (their own-role gaps and required levels, one row per person)."""
    requirements = assessed = meeting = short = 0
    gap_sum = 0.0
    for gaps_p, req_p in zip(gap_rows, required_rows, strict=True):
        is_short = False
        for g, r in zip(gaps_p, req_p, strict=True):
            if r is None:
                continue
            requirements += 1
            if g is None:
                continue
            assessed += 1
            gap_sum += g
            if g == 0:
                meeting += 1
            else:
                is_short = True
        short += is_short
    return {
        "requirements": requirements, "assessed": assessed, "meeting": meeting, "short": short,
        "share_meeting": meeting / assessed if assessed else None,
        "mean_gap": gap_sum / assessed if assessed else None,
    }
