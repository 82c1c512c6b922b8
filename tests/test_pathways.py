"""Role transitions (skillmap.pathways): hand-computed cases, and the engine against obviously correct
pure-Python versions of the same definitions (costs, readiness, routes by enumerating every sequence of roles,
core competencies by trying every pair) on random small organisations with fixed seeds."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise, permutations

import numpy as np
import pytest

from skillmap.analysis.gaps import LevelMatrix, RequirementMatrix, pair_measures
from skillmap.pathways import (
    CourseEffort,
    EffortModel,
    TransitionGraph,
    build_graph,
    cheapest_route,
    core_competencies,
    course_efforts,
    definitions,
    move_measures,
    rank_for_target,
)
from skillmap.problems import InputError
from skillmap.tasks import Cancelled, Progress

NAN = np.nan
TOL = 1e-9


# -- the hand-computed organisation --------------------------------------------------------------------------
# Competencies c0, c1, c2 (c2 hard to transfer). Courses: 11 (10 h) c0→2; 12 (25 h) c0→3 and c1→1; 13 (5 h) c1→1.
# Cost tables (40 h per level not covered, factor 3):
#   c0: top 3;  0→1 10, 0→2 10, 0→3 25 (one course, not 10+10+25), 2→3 25, 0→4 25+40, 3→4 40
#   c1: top 1;  0→1 5, 0→2 5+40, 1→2 40
#   c2: top 0;  0→1 3·40 = 120, 1→2 120
# Roles: A c0=1 c1=1 (w 1, 1); B c0=2 (w 2) c1=1 (w 1); C c0=3 c1=2 c2=1 (w 1 each); D nothing.
# Readiness of profiles: A→B (2·1 + 1·1)/5 = 0.6; A→C 2/6; B→A 1; B→C (2 + 1)/6 = 0.5; C→A 1; C→B 1.
# Efforts: A→B 10 (c0 1→2); B→C 25 + 40 + 120 = 185 (hard); A→C 185; B→A, C→A, C→B 0.
A, B, C, D = 0, 1, 2, 3


def hand_reqs() -> RequirementMatrix:
    required = np.array([[1, 1, NAN], [2, 1, NAN], [3, 2, 1], [NAN, NAN, NAN]])
    weights = np.array([[1, 1, 0], [2, 1, 0], [1, 1, 1], [0, 0, 0]], dtype=float)
    return RequirementMatrix([101, 102, 103, 104], [7, 8, 9], required, weights, ["A", "B", "C", "D"])


HAND_COURSES = [CourseEffort(11, 10, {0: 2}), CourseEffort(12, 25, {0: 3, 1: 1}), CourseEffort(13, 5, {1: 1})]


def hand_model(**kw: float) -> EffortModel:
    return EffortModel.from_courses(HAND_COURSES, 3, hard_to_transfer=[False, False, True], **kw)


def hand_graph(threshold: float = 0.5, share: float = 0.5, **kw: float) -> TransitionGraph:
    return build_graph(hand_reqs(), hand_model(**kw), threshold, in_post_share=share)


def test_hand_cost_table() -> None:
    t = hand_model().table(4)
    assert t[0, 0].tolist() == [0, 10, 10, 25, 65]
    assert t[0, 2].tolist() == [0, 0, 0, 25, 65]  # a course to 3 costs its hours from level 2 too
    assert t[0, 3].tolist() == [0, 0, 0, 0, 40]
    assert t[1, 0].tolist() == [0, 5, 45, 85, 125]
    assert t[1, 1].tolist() == [0, 0, 40, 80, 120]
    assert t[2, 0].tolist() == [0, 120, 240, 360, 480]
    assert hand_model(hard_factor=5).table(2)[2, 0].tolist() == [0, 200, 400]
    assert hand_model(level_hours=10).table(2)[1, 0].tolist() == [0, 5, 15]
    b = hand_model().build(0, 0, 4)
    assert (b.course_id, b.course_hours, b.estimated_levels, b.hours, b.hard) == (12, 25, 1, 65, False)
    b = hand_model().build(0, 0, 2)
    assert (b.course_id, b.hours) == (11, 10)  # the cheapest course reaching 2 or higher
    b = hand_model().build(2, 0, 1)
    assert (b.course_id, b.estimated_levels, b.hours, b.hard) == (-1, 1, 120, True)


def test_hand_graph_edges_and_weights() -> None:
    tg = hand_graph(0.5)
    assert sorted(tg.graph.edges) == [(A, B), (B, A), (B, C), (C, A), (C, B)]  # B→C exactly at 0.5
    e = tg.graph.edges
    assert (e[A, B]["hours"], e[A, B]["readiness"], e[A, B]["hard"]) == (10, 0.6, False)
    assert (e[B, C]["hours"], e[B, C]["readiness"], e[B, C]["hard"]) == (185, 0.5, True)
    assert e[C, A]["hours"] == 0 and e[B, A]["hours"] == 0
    assert tg.hours[A, C] == 185 and tg.readiness[A, C] == pytest.approx(1 / 3)
    assert tg.graph.nodes[B]["role_id"] == 102 and tg.role_position(103) == C
    assert tg.graph.degree(D) == 0  # a role without requirements takes no part
    # exactly at the threshold is viable, just above it is not
    assert sorted(hand_graph(0.6).graph.edges) == [(A, B), (B, A), (C, A), (C, B)]
    assert (B, C) not in hand_graph(0.5 + 1e-6).graph.edges
    assert sorted(hand_graph(1.0).graph.edges) == [(B, A), (C, A), (C, B)]
    assert hand_graph(0.0).n_edges == 6  # every ordered pair of roles with requirements


def test_hand_route_through_stepping_stones() -> None:
    tg = hand_graph(0.5, 0.5)
    # P: c0 = 1, the rest unknown (= 0). Readiness for A 1/2, B 2/5, C 1/6: only A is a viable first move.
    route = cheapest_route(tg, [1, NAN, NAN], C)
    assert route.roles == [A, B, C] and route.stepping_stones == [A, B]
    assert route.in_post and route.hire_rather_than_reskill
    assert [s.effort for s in route.steps] == [5, 10, 185]
    assert [s.hours for s in route.steps] == [2.5, 5, 92.5]
    assert route.total_hours == 100
    assert route.direct_hours == 25 + 45 + 120 and route.direct_readiness == pytest.approx(1 / 6)
    assert [s.readiness for s in route.steps] == [0.5, 0.6, 0.5]
    last = {b.competency: b for b in route.steps[2].builds}
    assert (last[0].from_level, last[0].to_level, last[0].hours, last[0].course_id) == (2, 3, 25, 12)
    assert (last[1].from_level, last[1].to_level, last[1].estimated_levels, last[1].course_id) == (1, 2, 1, -1)
    assert last[2].hard and last[2].hours == 120 and not route.steps[0].hard
    # learning in post saves nothing: reskilling in place (190 h) beats the 200 h route
    route = cheapest_route(hand_graph(0.5, 1.0), [1, NAN, NAN], C)
    assert route.roles == [C] and not route.in_post and route.total_hours == 190
    assert route.steps[0].hours == route.steps[0].effort == 190
    # at 0.6 P is not ready for A: no viable first move, so reskill in place
    route = cheapest_route(hand_graph(0.6, 0.5), [1, NAN, NAN], C)
    assert route.roles == [C] and not route.in_post and route.total_hours == 190


def test_hand_route_prefers_the_direct_move_on_ties() -> None:
    # Q is exactly at B's profile: direct to C (readiness 0.5, 185 h) ties with B then C (0 + 185 h)
    route = cheapest_route(hand_graph(0.5, 0.5), [2, 1, 0], C)
    assert route.roles == [C] and route.in_post and route.total_hours == 92.5
    route = cheapest_route(hand_graph(0.5, 1.0), [2, 1, 0], C)
    assert route.roles == [C] and route.in_post and route.total_hours == 185


def test_hand_ranking() -> None:
    tg = hand_graph(0.5, 0.5)
    levels = LevelMatrix([1, 2, 3, 4, 5], [7, 8, 9],
                         [[1, NAN, NAN], [2, 1, 0], [3, 2, 1], [0, 0, 0], [NAN, NAN, NAN]])
    rk = rank_for_target(tg, levels, C)
    assert rk.hours.tolist() == [100, 92.5, 0, 190, 190]
    assert rk.order.tolist() == [2, 1, 0, 3, 4]
    assert rk.via.tolist() == [A, -1, -1, -1, -1]
    assert rk.moves.tolist() == [3, 1, 1, 1, 1]
    assert rk.in_post.tolist() == [True, True, True, False, False]
    assert rk.hard.tolist() == [True, True, False, True, True]
    assert rk.direct_hours.tolist() == [190, 185, 0, 190, 190]
    assert rk.route_roles(0) == [A, B, C] and rk.route_roles(3) == [C]
    # a role without requirements: nothing to build, everyone ready
    rk = rank_for_target(tg, levels, D)
    assert rk.hours.tolist() == [0] * 5 and rk.in_post.all() and (rk.via == -1).all()
    assert cheapest_route(tg, [NAN, NAN, NAN], D).total_hours == 0


def test_hand_core_competencies() -> None:
    # at 0.6 the non-viable pairs are A→C (2/6) and B→C (3/6)
    core = core_competencies(hand_graph(0.6))
    assert core.opened.tolist() == [2, 1, 1]  # c0 closed: A→C 4/6, B→C 4/6; c1, c2 open B→C only
    assert core.blocked.tolist() == [2, 2, 2]
    assert core.pairs(0) == [(A, C), (B, C)] and core.pairs(2) == [(B, C)]
    assert core.ranked() == [(0, 2), (1, 1), (2, 1)]
    core = core_competencies(hand_graph(0.6), raise_by=1)
    assert core.opened.tolist() == [1, 1, 1]  # c0 one level: A→C 3/6 stays short
    assert core_competencies(hand_graph(0.0)).opened.tolist() == [0, 0, 0]


def test_threshold_that_leaves_no_edges() -> None:
    # role 0: c0 = 2, c1 = 1 (w 1, 1); role 1: c0 = 1, c1 = 2 (w 1, 3). Profile readiness 0→1 4/7, 1→0 2/3.
    reqs = RequirementMatrix([1, 2], [1, 2], [[2, 1], [1, 2]], [[1, 1], [1, 3]])
    tg = build_graph(reqs, EffortModel.from_courses([], 2), 0.7)
    assert tg.n_edges == 0 and not tg.viable.any()
    levels = np.array([[2, 1], [0, 2], [0, 0]], dtype=float)  # readiness for role 1: 4/7, 6/7, 0
    rk = rank_for_target(tg, levels, 1)
    assert (rk.via == -1).all() and (rk.moves == 1).all()
    assert rk.in_post.tolist() == [False, True, False]
    assert rk.hours.tolist() == [40, 0.5 * 40, 120]
    assert rk.order.tolist() == [1, 0, 2]
    core = core_competencies(tg)
    assert core.pairs(0) == [(1, 0)] and core.pairs(1) == [(0, 1)]  # each closed gap makes its pair 100 %
    assert core.opened.tolist() == [1, 1] and core.blocked.tolist() == [1, 1]


# -- reference implementation --------------------------------------------------------------------------------
@dataclass
class Org:
    required: np.ndarray  # roles × competencies, NaN = not required
    weights: np.ndarray
    courses: list[CourseEffort]
    hard: np.ndarray
    level_hours: float
    hard_factor: float
    threshold: float
    share: float
    people: np.ndarray  # people × competencies, NaN = unknown

    @property
    def n_roles(self) -> int:
        return self.required.shape[0]

    @property
    def n_comp(self) -> int:
        return self.required.shape[1]

    def reqs(self) -> RequirementMatrix:
        return RequirementMatrix(np.arange(self.n_roles) + 1, np.arange(self.n_comp) + 1, self.required,
                                 self.weights)

    def model(self) -> EffortModel:
        return EffortModel.from_courses(self.courses, self.n_comp, hard_to_transfer=self.hard,
                                        level_hours=self.level_hours, hard_factor=self.hard_factor)

    def graph(self) -> TransitionGraph:
        return build_graph(self.reqs(), self.model(), self.threshold, in_post_share=self.share)

    # the definitions, one loop at a time
    def cost(self, c: int, x: int, r: int) -> float:
        if x >= r:
            return 0.0
        levels = [lv for k in self.courses for cc, lv in k.raises.items() if cc == c and lv >= 1]
        top = max(levels, default=0)
        m = min(r, top)
        course = min(k.hours for k in self.courses if k.raises.get(c, 0) >= m) if x < m else 0.0
        est = max(0, r - max(x, top)) * self.level_hours
        return (course + est) * (self.hard_factor if self.hard[c] else 1.0)

    def has_reqs(self, j: int) -> bool:
        return any(not math.isnan(v) for v in self.required[j])

    def profile(self, j: int) -> list[int]:
        return [0 if math.isnan(v) else int(v) for v in self.required[j]]

    def effort(self, y: list[int], j: int) -> float:
        return sum(self.cost(c, y[c], int(r)) for c, r in enumerate(self.required[j]) if not math.isnan(r))

    def builds_hard(self, y: list[int], j: int) -> bool:
        return any(self.hard[c] and y[c] < r for c, r in enumerate(self.required[j]) if not math.isnan(r))

    def readiness(self, y: list[int], j: int) -> float:
        num = den = 0.0
        for c, r in enumerate(self.required[j]):
            if not math.isnan(r):
                num += self.weights[j, c] * min(y[c], r)
                den += self.weights[j, c] * r
        return num / den if den > 0 else 1.0

    def viable(self, y: list[int], j: int) -> bool:
        return self.readiness(y, j) >= self.threshold - TOL

    def edge(self, a: int, b: int) -> bool:
        return a != b and self.has_reqs(a) and self.has_reqs(b) and self.viable(self.profile(a), b)

    def options(self, x: list[int], t: int) -> list[tuple[float, str, tuple[int, ...], bool]]:
        """Every way to the target: (hours, kind, roles entered, builds a hard competency)."""
        out = [(self.effort(x, t), "reskill", (t,), self.builds_hard(x, t))]
        others = [j for j in range(self.n_roles) if j != t]
        for k in range(len(others) + 1):
            for mid in permutations(others, k):
                seq = (*mid, t)
                if not self.viable(x, seq[0]) or not all(self.edge(a, b) for a, b in pairwise(seq)):
                    continue
                eff = self.effort(x, seq[0]) + sum(self.effort(self.profile(a), b) for a, b in pairwise(seq))
                hard = self.builds_hard(x, seq[0]) or any(self.builds_hard(self.profile(a), b)
                                                          for a, b in pairwise(seq))
                out.append((self.share * eff, "direct" if k == 0 else "via", seq, hard))
        return out


def person(row: np.ndarray) -> list[int]:
    return [0 if math.isnan(v) else int(v) for v in row]


def random_org(seed: int) -> Org:
    rng = np.random.default_rng(seed)
    n_r, n_c = int(rng.integers(2, 6)), int(rng.integers(2, 5))
    required = rng.integers(0, 5, (n_r, n_c)).astype(float)
    required[required == 0] = rng.choice([0.0, 1.0], int((required == 0).sum()), p=[0.3, 0.7])
    required[rng.random((n_r, n_c)) < 0.35] = NAN
    if rng.random() < 0.2:
        required[rng.integers(n_r)] = NAN  # a role without requirements
    weights = np.where(np.isnan(required), 0.0, rng.choice([0.5, 1.0, 1.5, 2.0], (n_r, n_c)))
    courses = []
    for k in range(int(rng.integers(0, 7))):
        comps = rng.choice(n_c, size=int(rng.integers(1, min(3, n_c) + 1)), replace=False)
        courses.append(CourseEffort(100 + k, float(rng.choice([0, 4, 8, 10, 15.5, 30, 60])),
                                    {int(c): int(rng.integers(1, 5)) for c in comps}))
    people = rng.integers(0, 5, (7, n_c)).astype(float)
    people[rng.random((7, n_c)) < 0.3] = NAN
    return Org(required, weights, courses, rng.random(n_c) < 0.3, float(rng.choice([40.0, 25.0])),
               float(rng.choice([3.0, 2.0, 1.0])), float(rng.choice([0.0, 0.3, 0.5, 0.6, 0.75, 1.0])),
               float(rng.choice([1.0, 0.5, 0.3])), people)


SEEDS = range(70)


@pytest.mark.parametrize("seed", SEEDS)
def test_cost_table_against_the_definition(seed: int) -> None:
    org = random_org(seed)
    model = org.model()
    table = model.table(5)
    for c in range(org.n_comp):
        for x in range(6):
            for r in range(6):
                want = org.cost(c, x, r)
                assert table[c, x, r] == pytest.approx(want), (c, x, r)
                b = model.build(c, x, r)
                assert b.hours == pytest.approx(want)
                if b.course_id >= 0:  # the named course exists, has those hours and goes far enough
                    course = next(k for k in org.courses if k.course_id == b.course_id)
                    assert course.hours == b.course_hours and course.raises[c] > x
                assert b.course_hours + b.estimated_levels * org.level_hours == pytest.approx(
                    want / (org.hard_factor if org.hard[c] else 1.0))


@pytest.mark.parametrize("seed", SEEDS)
def test_moves_and_graph_against_the_definition(seed: int) -> None:
    org = random_org(seed)
    tg = org.graph()
    mm = move_measures(tg.model, org.people, tg.requirements, chunk=3)
    for p, row in enumerate(org.people):
        x = person(row)
        for j in range(org.n_roles):
            assert mm.hours[p, j] == pytest.approx(org.effort(x, j))
            assert mm.readiness[p, j] == pytest.approx(org.readiness(x, j))
            assert mm.hard[p, j] == org.builds_hard(x, j)
    want = {(a, b) for a in range(org.n_roles) for b in range(org.n_roles) if org.edge(a, b)}
    assert set(tg.graph.edges) == want
    for a, b, data in tg.graph.edges(data=True):
        assert data["hours"] == pytest.approx(org.effort(org.profile(a), b))
        assert data["hard"] == org.builds_hard(org.profile(a), b)


@pytest.mark.parametrize("seed", SEEDS)
def test_routes_and_ranking_against_brute_force(seed: int) -> None:
    org = random_org(seed)
    tg = org.graph()
    for t in range(org.n_roles):
        rk = rank_for_target(tg, org.people, t, chunk=2)
        for p, row in enumerate(org.people):
            x = person(row)
            options = org.options(x, t)
            best = min(o[0] for o in options)
            tied = {o[1] for o in options if o[0] <= best + TOL * max(1.0, best)}
            route = cheapest_route(tg, row, t)
            assert route.total_hours == pytest.approx(best, abs=1e-9)
            assert route.roles[-1] == t
            # the route returned is itself one of the options, costed as it claims
            kind = "reskill" if not route.in_post else ("direct" if len(route.roles) == 1 else "via")
            mine = [o for o in options if o[1] == kind and o[2] == tuple(route.roles)]
            assert len(mine) == 1 and mine[0][0] == pytest.approx(best, abs=1e-9)
            assert route.hire_rather_than_reskill == mine[0][3]
            assert sum(s.hours for s in route.steps) == pytest.approx(route.total_hours)
            assert all(s.effort == pytest.approx(sum(b.hours for b in s.builds)) for s in route.steps)
            # ties: the direct move, then reskilling in place
            if "direct" in tied:
                assert kind == "direct"
            elif "reskill" in tied:
                assert kind == "reskill"
            assert route.direct_hours == pytest.approx(org.effort(x, t))
            # the ranking says the same for this person
            assert rk.hours[p] == pytest.approx(best, abs=1e-9)
            assert rk.route_roles(p) == route.roles
            assert rk.in_post[p] == route.in_post and rk.hard[p] == route.hire_rather_than_reskill
            assert rk.moves[p] == len(route.roles)
            assert rk.via[p] == (route.roles[0] if len(route.roles) > 1 else -1)
        assert np.all(np.diff(rk.hours[rk.order]) >= 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_route_properties(seed: int) -> None:
    """Ready for the target ⇒ the direct move; no in-post learning ⇒ never a stepping stone."""
    org = random_org(seed)
    tg = org.graph()
    flat = Org(**{**org.__dict__, "share": 1.0}).graph()
    for t in range(org.n_roles):
        for row in org.people:
            route = cheapest_route(tg, row, t)
            if org.viable(person(row), t):
                assert route.roles == [t] and route.in_post
            assert route.total_hours <= route.direct_hours + 1e-9
            assert len(cheapest_route(flat, row, t).roles) == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_core_competencies_against_brute_force(seed: int) -> None:
    org = random_org(seed)
    tg = org.graph()
    for raise_by in (None, 1, 2):
        core = core_competencies(tg, raise_by=raise_by)
        for c in range(org.n_comp):
            opened, blocked = set(), 0
            for a in range(org.n_roles):
                for b in range(org.n_roles):
                    if a == b or not (org.has_reqs(a) and org.has_reqs(b)) or org.edge(a, b):
                        continue
                    y = org.profile(a)
                    r = org.required[b, c]
                    gap = 0 if math.isnan(r) else max(0, int(r) - y[c])
                    blocked += gap > 0
                    y[c] += gap if raise_by is None else min(gap, raise_by)
                    if gap and org.viable(y, b):
                        opened.add((a, b))
            assert set(core.pairs(c)) == opened, (c, raise_by)
            assert core.opened[c] == len(opened) and core.blocked[c] == blocked
        keys = [(-core.opened[c], -core.blocked[c], c) for c in core.order]
        assert keys == sorted(keys)


def test_unknown_levels_count_as_zero() -> None:
    tg = hand_graph(0.5)
    unknown = np.array([[1, NAN, NAN], [NAN, NAN, NAN]])
    zero = np.nan_to_num(unknown)
    for t in range(4):
        a, b = rank_for_target(tg, unknown, t), rank_for_target(tg, zero, t)
        assert a.hours.tolist() == b.hours.tolist() and a.via.tolist() == b.via.tolist()
    assert cheapest_route(tg, unknown[0], C) == cheapest_route(tg, zero[0], C)
    # unlike the gap engine, which leaves unknown levels out of readiness
    lm = LevelMatrix([1], [7, 8, 9], unknown[:1])
    assert pair_measures(lm, tg.requirements).readiness[0, A] == 1.0
    assert move_measures(tg.model, lm, tg.requirements).readiness[0, A] == 0.5


def test_readiness_agrees_with_the_gap_engine_when_everything_is_known() -> None:
    org = random_org(3)
    rng = np.random.default_rng(5)
    levels = rng.integers(0, 5, (40, org.n_comp)).astype(float)
    lm = LevelMatrix(np.arange(40), np.arange(org.n_comp) + 1, levels)
    reqs = org.reqs()
    mine = move_measures(org.model(), lm, reqs).readiness
    theirs = pair_measures(lm, reqs).readiness
    demanding = reqs.demand > 0
    np.testing.assert_allclose(mine[:, demanding], theirs[:, demanding], rtol=1e-6)


def test_chunks_and_progress() -> None:
    org = random_org(11)
    tg = org.graph()
    seen: list[tuple[int, int]] = []
    whole = rank_for_target(tg, org.people, 0, progress=Progress(lambda d, t, m: seen.append((d, t)),
                                                                 min_interval=0))
    small = rank_for_target(tg, org.people, 0, chunk=1)
    assert whole.hours.tolist() == small.hours.tolist() and whole.order.tolist() == small.order.tolist()
    assert seen[-1] == (len(org.people), len(org.people))
    stop = Progress()
    stop.cancel()
    with pytest.raises(Cancelled):
        rank_for_target(tg, org.people, 0, progress=stop)
    with pytest.raises(Cancelled):
        core_competencies(tg, progress=stop)


def test_misaligned_inputs() -> None:
    tg = hand_graph()
    with pytest.raises(ValueError, match="same competencies"):
        rank_for_target(tg, LevelMatrix([1], [7, 9, 8], [[1, 1, 1]]), C)
    with pytest.raises(ValueError):
        cheapest_route(tg, [1, 1], C)
    with pytest.raises(ValueError):
        cheapest_route(tg, [1, 1, 1], 4)
    with pytest.raises(ValueError):
        build_graph(hand_reqs(), EffortModel.from_courses([], 2))
    with pytest.raises(ValueError):
        EffortModel.from_courses([CourseEffort(1, 5, {3: 1})], 3)


@pytest.mark.parametrize(("call", "key"), [
    (lambda: hand_graph(1.5), "pathways.threshold"),
    (lambda: hand_graph(-0.1), "pathways.threshold"),
    (lambda: hand_graph(float("nan")), "pathways.threshold"),
    (lambda: hand_graph(0.5, 0.0), "pathways.in_post_share"),
    (lambda: hand_graph(0.5, 1.5), "pathways.in_post_share"),
    (lambda: hand_model(level_hours=0), "pathways.level_hours"),
    (lambda: hand_model(level_hours=float("inf")), "pathways.level_hours"),
    (lambda: hand_model(hard_factor=0.5), "pathways.hard_factor"),
    (lambda: EffortModel.from_courses([CourseEffort(9, -1, {0: 1})], 1), "pathways.course_hours"),
    (lambda: EffortModel.from_courses([CourseEffort(9, float("nan"), {0: 1})], 1), "pathways.course_hours"),
    (lambda: EffortModel.from_courses([CourseEffort(9, 5, {0: 1.5})], 1), "pathways.course_level"),  # type: ignore[dict-item]
    (lambda: core_competencies(hand_graph(), raise_by=0), "pathways.raise_by"),
    (lambda: core_competencies(hand_graph(), raise_by=True), "pathways.raise_by"),
])
def test_invalid_parameters(call: object, key: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    problem = err.value.problems[0]
    assert problem.key == key
    assert problem.message("es") != problem.message("en") and "«" in problem.message("es")


def test_course_levels_not_above_zero_raise_nothing() -> None:
    model = EffortModel.from_courses([CourseEffort(1, 1, {0: 0}), CourseEffort(2, 7, {0: 2})], 1)
    assert model.table(2)[0, 0].tolist() == [0, 7, 7]
    assert EffortModel.from_courses([CourseEffort(1, 1, {0: 0})], 1).top.tolist() == [0]


def test_course_efforts_from_rows() -> None:
    rows = [(5, 12.0, 70, 2), (5, 12.0, 71, 1), (6, 3.0, 99, 4), (7, 8.0, 71, 3), (7, 8.0, 71, 2)]
    out = course_efforts(rows, [71, 70])
    assert out == [CourseEffort(5, 12.0, {1: 2, 0: 1}), CourseEffort(7, 8.0, {0: 3})]  # 6 raises nothing known
    with pytest.raises(InputError):
        course_efforts([(5, 1.0, 70, 2.5)], [70])


def test_definitions_in_both_languages() -> None:
    en = definitions("en", threshold=0.65, level_hours=30, hard_factor=2.5, in_post_share=0.4)
    es = definitions("es", threshold=0.65, level_hours=30, hard_factor=2.5, in_post_share=0.4)
    assert [k for k, _, _ in en] == [k for k, _, _ in es] and len(en) >= 15
    texts = {k: (e, s) for (k, _, e), (_, _, s) in zip(en, es, strict=True)}
    assert "65 %" in texts["viable"][0] and "65 %" in texts["viable"][1]
    assert "30 hours" in texts["estimate"][0] and "2.5" in texts["hard"][1]
    assert "40 %" in texts["in_post"][0] and "40 %" in texts["in_post"][1]
    assert all("{" not in e and "{" not in s and e != s for e, s in texts.values())
