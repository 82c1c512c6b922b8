"""The gap engine (skillmap.analysis.gaps): hand-computed cases, and the vectorised engine against the
pure-Python reference on random data with unknown levels."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest

from skillmap.analysis import reference as ref
from skillmap.analysis.gaps import (
    FIT_NAMES,
    AssessmentHistory,
    LevelMatrix,
    RequirementMatrix,
    compare_ratings,
    competency_stats,
    group_stats,
    latest_levels,
    level_trend,
    own_role_gaps,
    pair_measures,
    role_rank,
    supply_demand,
    title_check,
)

NAN = math.nan


def lm(rows: list[list[float]]) -> LevelMatrix:
    a = np.array(rows, dtype=float)
    return LevelMatrix(np.arange(a.shape[0]) + 100, np.arange(a.shape[1]) + 10, a)


def rm(required: list[list[float]], weights: list[list[float]] | None = None, seniority: list[int] | None = None,
       groups: list[int] | None = None) -> RequirementMatrix:
    r = np.array(required, dtype=float)
    w = np.ones_like(r) if weights is None else np.array(weights, dtype=float)
    return RequirementMatrix(np.arange(r.shape[0]) + 1, np.arange(r.shape[1]) + 10, r, w,
                             seniority=np.array(seniority or [0] * r.shape[0]),
                             groups=np.array(groups or [0] * r.shape[0]))


def close(a: float, b: float | None) -> bool:
    if b is None:
        return bool(np.isnan(a))
    return bool(abs(a - b) < 1e-5)


# -- hand-computed -----------------------------------------------------------------------------------------
# One role: c0 at level 3 (weight 2), c1 at 2 (weight 1), c2 at 4 (weight 1); c3 not required.
ROLE = [[3, 2, 4, NAN]]
WEIGHTS = [[2, 1, 1, 1]]


def test_hand_computed_person_with_an_unknown_level() -> None:
    levels = lm([[2, 3, NAN, 4]])
    own = own_role_gaps(levels, rm(ROLE, WEIGHTS), [0])
    # gaps: c0 3−2 = 1, c1 max(0, 2−3) = 0, c2 unknown, c3 not required
    assert own.gap[0, 0] == 1 and own.gap[0, 1] == 0
    assert np.isnan(own.gap[0, 2]) and np.isnan(own.gap[0, 3])
    assert own.n_required[0] == 3 and own.n_assessed[0] == 2
    assert own.weighted_gap[0] == pytest.approx(2.0)  # 2·1 + 1·0
    assert own.readiness[0] == pytest.approx(0.75)  # 1 − 2 / (2·3 + 1·2): the unknown c2 is left out
    assert own.coverage[0] == pytest.approx(0.75)  # (2 + 1) / (2 + 1 + 1)
    assert own.met[0] == pytest.approx(1 / 3)  # only c1 (weight 1 of 3) is met
    pairs = pair_measures(levels, rm(ROLE, WEIGHTS), with_met=True)
    assert pairs.weighted_gap[0, 0] == pytest.approx(2.0)
    assert pairs.readiness[0, 0] == pytest.approx(0.75)
    assert pairs.coverage[0, 0] == pytest.approx(0.75)
    assert pairs.met[0, 0] == pytest.approx(1 / 3)


def test_unknown_is_not_zero() -> None:
    """Knowing c2 is at level 0 lowers readiness; not knowing it leaves readiness alone and lowers coverage."""
    unknown = own_role_gaps(lm([[2, 3, NAN, 4]]), rm(ROLE, WEIGHTS), [0])
    zero = own_role_gaps(lm([[2, 3, 0, 4]]), rm(ROLE, WEIGHTS), [0])
    assert unknown.readiness[0] == pytest.approx(0.75)
    assert zero.readiness[0] == pytest.approx(0.5)  # 1 − (2 + 4) / (6 + 2 + 4)
    assert zero.coverage[0] == pytest.approx(1.0)
    assert zero.weighted_gap[0] == pytest.approx(6.0)


def test_weights_change_readiness() -> None:
    # same levels, c0's weight 2 → 1: 1 − 1 / (3 + 2)
    own = own_role_gaps(lm([[2, 3, NAN, 4]]), rm(ROLE, [[1, 1, 1, 1]]), [0])
    assert own.readiness[0] == pytest.approx(0.8)
    assert own.coverage[0] == pytest.approx(2 / 3)


def test_role_without_requirements_is_undefined_not_100() -> None:
    reqs = rm([[NAN, NAN, NAN, NAN], [3, 2, 4, NAN]], [[1, 1, 1, 1], WEIGHTS[0]])
    levels = lm([[4, 4, 4, 4]])
    pairs = pair_measures(levels, reqs, with_met=True)
    for measure in (pairs.readiness, pairs.coverage, pairs.weighted_gap, pairs.met):
        assert np.isnan(measure[0, 0])
    assert pairs.readiness[0, 1] == pytest.approx(1.0)
    own = own_role_gaps(levels, reqs, [0])
    assert np.isnan(own.readiness[0]) and np.isnan(own.coverage[0]) and own.n_required[0] == 0


def test_nothing_assessed_has_zero_coverage_and_no_readiness() -> None:
    pairs = pair_measures(lm([[NAN, NAN, NAN, 4]]), rm(ROLE, WEIGHTS))
    assert pairs.coverage[0, 0] == 0
    assert np.isnan(pairs.readiness[0, 0]) and np.isnan(pairs.weighted_gap[0, 0])


def test_person_without_a_role() -> None:
    own = own_role_gaps(lm([[2, 3, NAN, 4], [1, 1, 1, 1]]), rm(ROLE, WEIGHTS), [-1, 0])
    assert np.isnan(own.readiness[0]) and np.isnan(own.coverage[0]) and np.isnan(own.weighted_gap[0])
    assert np.isnan(own.gap[0]).all() and own.n_required[0] == 0
    assert own.weighted_gap[1] == pytest.approx(2 * 2 + 1 + 3)


def test_requirement_at_level_zero() -> None:
    reqs = rm([[0, 2, NAN, NAN]])
    pairs = pair_measures(lm([[0, NAN, NAN, NAN], [NAN, 1, NAN, NAN]]), reqs, with_met=True)
    assert pairs.readiness[0, 0] == 1.0 and pairs.met[0, 0] == 1.0 and pairs.coverage[0, 0] == 0.5
    assert pairs.readiness[1, 0] == pytest.approx(0.5) and pairs.met[1, 0] == 0.0


def test_levels_must_be_whole_and_aligned() -> None:
    with pytest.raises(ValueError):
        lm([[1.5]])
    with pytest.raises(ValueError):
        lm([[-1]])
    levels = lm([[1, 2]])
    other = RequirementMatrix([1], [11, 10], [[1, 1]], [[1, 1]])
    with pytest.raises(ValueError):
        pair_measures(levels, other)


def test_group_and_competency_aggregates_by_hand() -> None:
    reqs = rm([[3, 2, NAN], [1, NAN, NAN]])
    levels = lm([[3, 1, 0], [2, NAN, 4], [NAN, NAN, NAN], [0, 0, 0]])
    own = own_role_gaps(levels, reqs, [0, 0, 1, -1])
    # person 0: gaps 0, 1 (short); person 1: gap 1, c1 unknown; person 2: role 1, c0 unknown; person 3: no role
    stats = group_stats(own, [0, 0, 1, 1], 2)
    assert stats.staff.tolist() == [2, 2]
    assert stats.people.tolist() == [2, 1]
    assert stats.requirements.tolist() == [4, 1]
    assert stats.assessed.tolist() == [3, 0]
    assert stats.meeting.tolist() == [1, 0]
    assert stats.short.tolist() == [2, 0]
    assert stats.mean_gap[0] == pytest.approx(2 / 3) and np.isnan(stats.mean_gap[1])
    assert stats.share_meeting[0] == pytest.approx(1 / 3)
    assert stats.coverage.tolist() == [0.75, 0.0]
    # readiness: person 0 = 1 − 1/5, person 1 = 1 − 1/3; person 2 undefined
    assert stats.mean_readiness[0] == pytest.approx((0.8 + 2 / 3) / 2) and np.isnan(stats.mean_readiness[1])
    comp = competency_stats(own)
    assert comp.requirements.tolist() == [3, 2, 0]
    assert comp.assessed.tolist() == [2, 1, 0]
    assert comp.short.tolist() == [1, 1, 0]
    assert comp.mean_level[0] == pytest.approx(2.5) and comp.mean_required[0] == pytest.approx(3.0)
    assert np.isnan(comp.mean_readiness).all()


def test_supply_and_demand_by_hand() -> None:
    levels = lm([[2], [2], [NAN], [4]])
    reqs = rm([[3], [2]])
    sd = supply_demand(levels, reqs, [0, 1, 0, -1])
    assert sd.levels.tolist() == [0, 1, 2, 3, 4]
    assert sd.supply[0].tolist() == [0, 0, 2, 0, 1]
    assert sd.unknown.tolist() == [1]
    assert sd.demand[0].tolist() == [0, 0, 1, 2, 0]
    assert sd.supply_at_least[0].tolist() == [3, 3, 3, 1, 1]
    assert sd.demand_at_least[0].tolist() == [3, 3, 3, 2, 0]


# -- title check -----------------------------------------------------------------------------------------
# Competencies A, B, C (framework 1) and D (framework 2).
LADDER = rm(
    [[1, 1, NAN, NAN],   # 0 analyst-1    seniority 1
     [2, 2, NAN, NAN],   # 1 analyst-2    seniority 2
     [2, 2, 3, NAN],     # 2 scientist-2  seniority 2, more demanding than analyst-2
     [NAN, NAN, NAN, 2]],  # 3 manager-1  seniority 1, another framework
    seniority=[1, 2, 2, 1], groups=[1, 1, 1, 2],
)


@pytest.mark.parametrize(
    ("levels", "own", "best", "fit"),
    [
        # a "scientist" whose levels are analyst-2's: distance 0 to analyst-2, 2/3 to scientist-2 (readiness 4/7)
        ([2, 2, 0, NAN], 2, 1, "over"),
        ([2, 2, 3, NAN], 0, 2, "under"),         # an analyst-1 at exactly scientist-2's levels
        ([2, 2, 1, NAN], 1, 1, "consistent"),    # distance 0 to analyst-2, 2/3 to scientist-2
        ([1, 1, 3, NAN], 1, 0, "over"),          # analyst-2 not ready (50 %), exactly analyst-1's levels
        ([2, 2, NAN, NAN], 1, 1, "consistent"),  # scientist-2 (coverage 2/3) is no candidate
        ([1, 2, NAN, NAN], 1, 1, "consistent"),  # distance 0.5 to analyst-1 and -2: the higher rank
        ([1, 1, 4, NAN], 0, 0, "consistent"),
        ([2, 1, 3, NAN], 1, 2, "lateral"),       # scientist-2 closest (1/3), not ready for analyst-2 (75 %)
        ([2, 2, NAN, 4], -1, 1, "no_role"),
        ([NAN, NAN, NAN, 4], 1, -1, "unassessed"),
        ([2, 2, NAN, NAN], 2, 1, "unassessed"),  # own coverage 2/3 < 0.75; analyst-2 still fits
    ],
)
def test_title_check_by_hand(levels: list[float], own: int, best: int, fit: str) -> None:
    tc = title_check(lm([levels]), LADDER, [own], min_coverage=0.75, ready=0.9)
    assert tc.best[0] == best
    assert tc.fit_names[0] == fit


def test_title_check_distance_and_readiness_reported() -> None:
    tc = title_check(lm([[2, 2, 0, NAN]]), LADDER, [2], min_coverage=0.75, ready=0.9)
    assert tc.own_readiness[0] == pytest.approx(4 / 7) and tc.own_coverage[0] == 1.0
    assert tc.own_distance[0] == pytest.approx(1.0)  # (0 + 0 + 3) / 3
    assert tc.best_distance[0] == 0.0 and tc.best_readiness[0] == 1.0


def test_title_check_groups_and_coverage_threshold() -> None:
    levels = lm([[1, 1, NAN, 2]])
    # scientist-2 with C unknown has coverage 2/3: a candidate only with a lower threshold
    assert title_check(levels, LADDER, [2], min_coverage=0.5).fit_names == ["over"]
    assert title_check(levels, LADDER, [2], min_coverage=0.75).fit_names == ["unassessed"]
    # manager-1 (another framework) is only a candidate when groups are ignored
    tc = title_check(levels, LADDER, [0], min_coverage=0.75)
    assert tc.best[0] == 0 and tc.fit_names == ["consistent"]
    tc = title_check(levels, LADDER, [3], min_coverage=0.75, same_group=False)
    assert tc.best[0] == 3 and tc.fit_names == ["consistent"]  # equal distance 0 and rank: the own role
    tc = title_check(lm([[1, 1, NAN, 3]]), LADDER, [3], min_coverage=0.75, same_group=False)
    assert tc.best[0] == 0 and tc.fit_names == ["lateral"]  # exactly analyst-1; same rank as manager-1


def test_role_rank_orders_by_seniority_then_demand() -> None:
    # analyst-1 and manager-1: seniority 1, demand 2 — the same rank
    assert role_rank(LADDER).tolist() == [0, 1, 2, 0]


# -- against the reference, on random data -----------------------------------------------------------------
def random_case(seed: int, n_s: int = 60, n_c: int = 9, n_r: int = 14) -> tuple[LevelMatrix, RequirementMatrix]:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 6, (n_s, n_c)).astype(float)
    x[rng.random((n_s, n_c)) < 0.35] = np.nan
    r = rng.integers(0, 6, (n_r, n_c)).astype(float)
    r[rng.random((n_r, n_c)) < 0.55] = np.nan
    r[rng.integers(0, n_r)] = np.nan  # a role with no requirements
    w = rng.choice([0.5, 1.0, 1.5, 2.0, 3.0], (n_r, n_c))
    return (LevelMatrix(np.arange(n_s), np.arange(n_c), x),
            RequirementMatrix(np.arange(n_r), np.arange(n_c), r, w, seniority=rng.integers(1, 4, n_r),
                              groups=rng.integers(0, 2, n_r)))


def as_lists(a: np.ndarray) -> list[list[float | None]]:
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


@pytest.mark.parametrize("seed", range(8))
def test_pair_measures_match_reference(seed: int) -> None:
    levels, reqs = random_case(seed)
    pairs = pair_measures(levels, reqs, with_met=True)
    expected = ref.all_pairs(as_lists(levels.levels), as_lists(reqs.required), reqs.weights.tolist())
    for p, row in enumerate(expected):
        for j, e in enumerate(row):
            assert close(pairs.weighted_gap[p, j], e.weighted_gap), (p, j)
            assert close(pairs.readiness[p, j], e.readiness), (p, j)
            assert close(pairs.coverage[p, j], e.coverage), (p, j)
            assert close(pairs.met[p, j], e.met), (p, j)


@pytest.mark.parametrize("seed", range(5))
def test_own_role_matches_pairs_and_reference(seed: int) -> None:
    levels, reqs = random_case(seed)
    rng = np.random.default_rng(seed + 100)
    idx = rng.integers(-1, reqs.shape[0], levels.shape[0])
    own = own_role_gaps(levels, reqs, idx)
    pairs = pair_measures(levels, reqs, with_met=True)
    xs, rs = as_lists(levels.levels), as_lists(reqs.required)
    for p, j in enumerate(idx.tolist()):
        if j < 0:
            assert np.isnan(own.readiness[p]) and own.n_required[p] == 0
            continue
        e = ref.measures(xs[p], rs[j], reqs.weights[j].tolist())
        assert close(own.readiness[p], e.readiness) and close(own.coverage[p], e.coverage)
        assert close(own.weighted_gap[p], e.weighted_gap) and close(own.met[p], e.met)
        for name in ("readiness", "coverage", "weighted_gap", "met"):
            a, b = getattr(own, name)[p], getattr(pairs, name)[p, j]
            assert (np.isnan(a) and np.isnan(b)) or abs(a - b) < 1e-5
        expected_gaps = ref.gaps(xs[p], rs[j])
        assert [None if np.isnan(g) else g for g in own.gap[p]] == expected_gaps


@pytest.mark.parametrize("seed", range(5))
def test_group_stats_match_reference(seed: int) -> None:
    levels, reqs = random_case(seed)
    rng = np.random.default_rng(seed + 7)
    idx = rng.integers(-1, reqs.shape[0], levels.shape[0])
    groups = rng.integers(-1, 4, levels.shape[0])
    own = own_role_gaps(levels, reqs, idx)
    stats = group_stats(own, groups, 4)
    for g in range(4):
        members = np.flatnonzero(groups == g)
        e = ref.group_summary(as_lists(own.gap[members]), as_lists(own.required[members]))
        assert stats.requirements[g] == e["requirements"] and stats.assessed[g] == e["assessed"]
        assert stats.meeting[g] == e["meeting"] and stats.short[g] == e["short"]
        assert close(stats.share_meeting[g], e["share_meeting"])  # type: ignore[arg-type]
        assert close(stats.mean_gap[g], e["mean_gap"])  # type: ignore[arg-type]
    comp = competency_stats(own)
    for c in range(levels.shape[1]):
        e = ref.group_summary(as_lists(own.gap[:, [c]]), as_lists(own.required[:, [c]]))
        assert comp.assessed[c] == e["assessed"] and comp.short[c] == e["short"]
        assert close(comp.mean_gap[c], e["mean_gap"])  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(6))
def test_supply_demand_matches_counting(seed: int) -> None:
    levels, reqs = random_case(seed)
    idx = np.random.default_rng(seed).integers(-1, reqs.shape[0], levels.shape[0])
    sd = supply_demand(levels, reqs, idx)
    for c in range(levels.shape[1]):
        for i, level in enumerate(sd.levels.tolist()):
            assert sd.supply[c, i] == sum(1 for x in levels.levels[:, c] if x == level)
            assert sd.demand[c, i] == sum(1 for j in idx if j >= 0 and reqs.required[j, c] == level)
        assert sd.unknown[c] == int(np.isnan(levels.levels[:, c]).sum())


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("same_group", [True, False])
def test_title_check_matches_reference(seed: int, same_group: bool) -> None:
    levels, reqs = random_case(seed, n_s=80)
    rng = np.random.default_rng(seed + 3)
    idx = rng.integers(-1, reqs.shape[0], levels.shape[0])
    pairs = pair_measures(levels, reqs)
    tc = title_check(levels, reqs, idx, pairs=pairs, min_coverage=0.5, ready=0.8, same_group=same_group)
    demand = reqs.demand.tolist()
    seniority = reqs.seniority.tolist()
    xs, rs = as_lists(levels.levels), as_lists(reqs.required)
    for p, own in enumerate(idx.tolist()):
        rd = [None if np.isnan(v) else float(v) for v in pairs.readiness[p]]
        cv = [None if np.isnan(v) else float(v) for v in pairs.coverage[p]]
        dist = [ref.distance(xs[p], rs[j], reqs.weights[j].tolist()) for j in range(reqs.shape[0])]
        for j, d in enumerate(dist):
            assert close(pairs.distance[p, j], d)
        cands = [j for j in range(reqs.shape[0])
                 if not same_group or own < 0 or reqs.groups[j] == reqs.groups[own]]
        best, fit = ref.title_fit(rd, cv, dist, seniority, demand, None if own < 0 else own, cands,
                                  min_coverage=0.5, ready=0.8)
        assert (tc.best[p] if tc.best[p] >= 0 else None) == best, p
        assert tc.fit_names[p] == fit, p
    assert set(tc.fit_names) <= set(FIT_NAMES)


def test_engine_scales_to_float32_exactness() -> None:
    """Sums of whole levels and weights 1, 1.5, 2 are exact in float32: a perfect match is exactly 1."""
    rng = np.random.default_rng(5)
    x = rng.integers(0, 5, (500, 40)).astype(float)
    reqs = RequirementMatrix(np.arange(3), np.arange(40), np.minimum(x[:3], 4), rng.choice([1.0, 1.5, 2.0], (3, 40)))
    pairs = pair_measures(LevelMatrix(np.arange(500), np.arange(40), x), reqs)
    assert (pairs.readiness[np.arange(3), np.arange(3)] == 1.0).all()
    assert (pairs.weighted_gap[np.arange(3), np.arange(3)] == 0.0).all()


# -- ratings and history -----------------------------------------------------------------------------------
def test_compare_ratings_by_hand() -> None:
    cmp = compare_ratings(np.array([[3, 2, NAN], [1, 4, 2]]), np.array([[2, 2, 3], [NAN, 2, 3]]))
    assert cmp.pairs.tolist() == [1, 2, 1]
    assert cmp.mean_difference[0] == 1 and cmp.mean_difference[1] == 1 and cmp.mean_difference[2] == -1
    assert cmp.self_higher.tolist() == [1, 1, 0] and cmp.self_lower.tolist() == [0, 0, 1]
    assert cmp.person_pairs.tolist() == [2, 2]
    assert cmp.person_mean_difference.tolist() == [0.5, 0.5]
    assert cmp.mean_abs_difference[1] == 1


def random_rows(seed: int, n: int = 400) -> list[ref.Row]:
    rng = np.random.default_rng(seed)
    start = date(2020, 1, 1)
    return [ref.Row(int(rng.integers(0, 12)), int(rng.integers(0, 5)), int(rng.integers(0, 5)),
                    start + timedelta(days=int(rng.integers(0, 40))),  # few days: many same-day ties
                    int(rng.integers(1, 4)), i + 1) for i in rng.permutation(n).tolist()]


def history(rows: list[ref.Row]) -> AssessmentHistory:
    return AssessmentHistory([r.staff for r in rows], [r.competency for r in rows], [r.level for r in rows],
                             [np.datetime64(r.day, "D") for r in rows], [r.rank for r in rows],
                             [r.id for r in rows], 12, 5)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("as_of", [None, date(2020, 1, 20)])
def test_latest_levels_match_the_rule(seed: int, as_of: date | None) -> None:
    rows = random_rows(seed)
    got = latest_levels(history(rows), as_of)
    expected = ref.current_levels(rows, as_of)
    for s in range(12):
        for c in range(5):
            e = expected.get((s, c))
            assert (np.isnan(got[s, c]) and e is None) or got[s, c] == e


def test_latest_level_tie_breaks_by_hand() -> None:
    d = date(2021, 5, 1)
    rows = [ref.Row(0, 0, 1, d, 3, 1),       # manager
            ref.Row(0, 0, 4, d, 1, 5),       # self, same day, recorded later: loses on trust
            ref.Row(0, 0, 2, d, 3, 2),       # manager again, recorded later than id 1: wins
            ref.Row(0, 1, 3, d, 4, 3),
            ref.Row(0, 1, 1, d + timedelta(days=1), 1, 4)]  # a later day beats trust
    got = latest_levels(history(rows))
    assert got[0, 0] == 2 and got[0, 1] == 1
    assert latest_levels(history(rows), d)[0, 1] == 3
    assert np.isnan(latest_levels(history(rows), d - timedelta(days=1))).all()


def test_level_trend_matches_snapshots() -> None:
    rows = random_rows(3)
    h = history(rows)
    cuts = [date(2020, 1, 10), date(2020, 1, 25), date(2020, 3, 1)]
    trend = level_trend(h, cuts)
    for j, cut in enumerate(cuts):
        snap = ref.current_levels(rows, cut)
        for c in range(5):
            vals = [v for (s, cc), v in snap.items() if cc == c]
            assert trend.known[c, j] == len(vals)
            assert close(trend.mean[c, j], sum(vals) / len(vals) if vals else None)
    people = np.zeros(12, dtype=bool)
    people[:3] = True
    only = level_trend(h, cuts, people)
    assert only.known[:, -1].sum() == len({(r.staff, r.competency) for r in rows if r.staff < 3})


def test_history_order_without_the_packed_key() -> None:
    """Huge ids and a long span of dates overflow the packed sort key: the plain sort gives the same answer."""
    rows = [ref.Row(2**40, 1, 3, date(1900, 1, 1), 2, 1), ref.Row(2**40, 1, 1, date(9000, 1, 1), 1, 2),
            ref.Row(5, 1, 2, date(2000, 1, 1), 3, 3), ref.Row(5, 1, 4, date(2000, 1, 1), 3, 4)]
    h = AssessmentHistory([r.staff for r in rows], [r.competency for r in rows], [r.level for r in rows],
                          [np.datetime64(r.day, "D") for r in rows], [r.rank for r in rows], [r.id for r in rows],
                          2**40 + 1, 5)
    trend = level_trend(h, [date(2001, 1, 1), date(9999, 1, 1)])
    assert trend.known[1].tolist() == [2, 2]
    assert trend.mean[1].tolist() == [(3 + 4) / 2, (1 + 4) / 2]
