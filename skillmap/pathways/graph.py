"""Role transitions: a graph of viable moves between role profiles, cheapest routes, rankings, core competencies.

Definitions (a role is one role profile, a row of the :class:`~skillmap.analysis.gaps.RequirementMatrix`;
*θ* is the viability threshold the user sets, default 0.6; efforts in hours are those of :mod:`.effort`):

``profile``         a role as a level vector: its required level where it requires the competency, 0 where it
                    does not. The holder of a role is assumed to be at its profile.
``readiness``       of levels *y* for role *B*: ``Σ w·min(y, r) / Σ w·r`` over **all** of *B*'s requirements,
                    with unknown levels (and competencies a profile does not require) counted as **0** — a move
                    must be justified by what is known. (The gap engine's readiness leaves unknown levels out
                    instead; here that would make a barely assessed person look ready for anything.) 1 when
                    ``Σ w·r = 0``.
``viable move``     into role *B* from levels *y*: readiness of *y* for *B* ≥ *θ* (within 10⁻⁹).
``graph``           ``networkx.DiGraph`` on role positions 0..n−1: an edge *A* → *B* (*A* ≠ *B*) where the move
                    from *A*'s profile into *B* is viable, with ``hours`` = effort from *A*'s profile to *B*'s
                    requirements, ``readiness`` and ``hard`` (the move builds a hard-to-transfer competency).
                    Roles without requirements have no edges (a profile that requires nothing says nothing
                    about the work).
``route``           how a person (levels *x*, unknown = 0) reaches a target role *T*; one of
                    * **reskill in place, then move**: train up to *T*'s profile before any move, whatever the
                      readiness. Hours: the **direct hours** ``effort(x → T)``.
                    * **move and learn in post**: a sequence of moves, the first from *x* into a role *R* (*R* =
                      *T* is the direct move), then along graph edges to *T*. **Every move must be viable when it
                      is made**; after each move the holder closes the gap to the new role's profile in post,
                      where doing the job does part of the learning: only ``in_post_share`` (default 0.5) of the
                      effort is counted. The effort of the first move is the person's own gap to *R*, that of
                      the next ones the profile-to-profile effort. Hours:
                      ``in_post_share · (effort(x → R) + dist(R → T))``, ``dist`` the shortest path in the graph.
``cheapest route``  the route with the fewest hours; among equal ones (within 10⁻⁹ relative) the direct move in
                    post, then reskilling in place, then the stepping-stone route with the fewest moves, then the
                    first role in matrix order.
``hire rather than reskill``  the cheapest route builds at least one hard-to-transfer competency.

Why stepping stones, and why in-post learning: a stop never saves *effort* — every move closes its whole gap,
a level step costs the same on any route, and legs after the first start from the stop's profile, which never
credits the person's extra levels. With effort alone, reskilling in place would always be cheapest and no route
would ever go through another role. What a viable move buys is learning on the job, so the route through
stepping stones wins exactly when the person is not ready enough for the target (readiness < *θ*: they cannot
move there and learn in post) but can move now into a role they are ready for, and ``in_post_share`` × the
route's effort is below the direct hours. With ``in_post_share = 1`` stepping stones never pay and every
cheapest route is a direct one; ``in_post_share`` is a planning assumption to set from what the organisation
observes, not a measured figure.

Ranking everyone for one target (:func:`rank_for_target`) is one reverse Dijkstra search from the target
(``dist(R → T)`` for every role) plus the people × roles effort and readiness of :class:`~.effort.MoveKernel`
(one matrix product per block of people), then ``min_R`` over the roles the person is ready for.

``core competencies`` (:func:`core_competencies`): for each competency, the number of ordered role pairs
(*A*, *B*), both with requirements, *A* ≠ *B*, whose move is not viable now but would be if *A*'s profile had
no gap in that competency for *B* (``raise_by=None``), or were raised by at most ``raise_by`` levels in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx
import numpy as np
import numpy.typing as npt

from skillmap.analysis.gaps import BoolArray, FloatArray, IntArray, LevelMatrix, RequirementMatrix
from skillmap.i18n import register
from skillmap.pathways.effort import (
    CHUNK,
    Build,
    EffortModel,
    MoveKernel,
    MoveMeasures,
    known_levels,
    move_measures,
    profile_levels,
)
from skillmap.problems import InputError, Problem
from skillmap.tasks import Progress

THRESHOLD = 0.6  # default viability threshold
IN_POST_SHARE = 0.5  # default share of a gap's effort still counted when it is closed in post
TOL = 1e-9  # readiness within this of the threshold is at it; hours within this (relative) are equal

register(
    {
        "pathways.threshold": {
            "en": "the viability threshold must be a number from 0 to 1, not {value!r}",
            "es": "el umbral de viabilidad debe ser un número de 0 a 1, no «{value}»",
        },
        "pathways.in_post_share": {
            "en": "the share of hours when learning in post must be a number greater than 0 and at most 1, "
                  "not {value!r}",
            "es": "la proporción de horas al aprender en el puesto debe ser un número mayor que 0 y de a lo sumo "
                  "1, no «{value}»",
        },
        "pathways.raise_by": {
            "en": "the number of levels to raise must be a whole number of at least 1, not {value!r}",
            "es": "el número de niveles por elevar debe ser un número entero de al menos 1, no «{value}»",
        },
    }
)


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def check_threshold(value: object) -> float:
    """``value`` as a float, or :class:`InputError` unless it is a number from 0 to 1."""
    v = _float(value)
    if not 0.0 <= v <= 1.0:
        raise InputError([Problem("pathways.threshold", {"value": value})])
    return v


def check_in_post_share(value: object) -> float:
    """``value`` as a float, or :class:`InputError` unless 0 < value ≤ 1."""
    v = _float(value)
    if not 0.0 < v <= 1.0:
        raise InputError([Problem("pathways.in_post_share", {"value": value})])
    return v


@dataclass(frozen=True)
class PathsToTarget:
    """Shortest viable paths from every role to one target (one reverse Dijkstra search).

    ``dist[R]`` effort of the cheapest path *R* → target (0 for the target, ``inf`` where none); ``moves[R]``
    its number of edges (−1 where none); ``hard[R]`` whether it builds a hard-to-transfer competency;
    ``paths[R]`` the roles ``[R, …, target]``; ``candidates`` the roles with a path, target first, then by
    number of moves and position (the tie order of :func:`cheapest_route`)."""

    target: int
    dist: FloatArray
    moves: IntArray
    hard: BoolArray
    paths: dict[int, list[int]]
    candidates: IntArray


@dataclass(eq=False)
class TransitionGraph:
    """The viable moves between role profiles (module docstring). Build it with :func:`build_graph`.

    Role × role matrices (row = from, column = to): ``readiness`` of the row's profile for the column's role,
    ``hours`` the effort of that move, ``hard`` whether it builds a hard-to-transfer competency, ``viable``
    whether it is an edge. ``profiles`` are the roles as level vectors. ``threshold`` (*θ*) and
    ``in_post_share`` are the parameters routes and rankings use."""

    requirements: RequirementMatrix
    model: EffortModel
    threshold: float
    in_post_share: float
    graph: nx.DiGraph
    profiles: IntArray
    readiness: FloatArray
    hours: FloatArray
    hard: BoolArray
    viable: BoolArray
    has_requirements: BoolArray
    _to: dict[int, PathsToTarget] = field(default_factory=dict, repr=False)

    @property
    def n_roles(self) -> int:
        return int(self.requirements.shape[0])

    @property
    def n_edges(self) -> int:
        return int(self.graph.number_of_edges())

    def role_position(self, role_id: int) -> int:
        """The row (node) of the role profile with this database id; ``KeyError`` if absent."""
        hits = np.flatnonzero(self.requirements.role_ids == int(role_id))
        if not len(hits):
            raise KeyError(role_id)
        return int(hits[0])

    def _check_role(self, role: int) -> int:
        r = int(role)
        if not 0 <= r < self.n_roles:
            raise ValueError(f"role position {role} out of range (0..{self.n_roles - 1})")
        return r

    def to_target(self, target: int) -> PathsToTarget:
        """Cheapest viable paths from every role to ``target`` (computed once per target, then kept)."""
        t = self._check_role(target)
        if t not in self._to:
            dist_d, paths_d = nx.single_source_dijkstra(self.graph.reverse(copy=False), t, weight="hours")
            n = self.n_roles
            dist = np.full(n, np.inf)
            moves = np.full(n, -1, dtype=np.int64)
            hard = np.zeros(n, dtype=bool)
            paths: dict[int, list[int]] = {}
            for r, d in dist_d.items():
                path = list(reversed(paths_d[r]))
                paths[r] = path
                dist[r], moves[r] = d, len(path) - 1
                hard[r] = any(bool(self.hard[a, b]) for a, b in pairwise(path))
            reach = np.flatnonzero(np.isfinite(dist))
            order = np.lexsort((reach, moves[reach]))
            self._to[t] = PathsToTarget(t, dist, moves, hard, paths, reach[order])
        return self._to[t]

    def path(self, source: int, target: int) -> list[int] | None:
        """The cheapest viable path of roles ``[source, …, target]``, or ``None`` if there is none."""
        return self.to_target(target).paths.get(self._check_role(source))


def build_graph(reqs: RequirementMatrix, model: EffortModel, threshold: float = THRESHOLD, *,
                in_post_share: float = IN_POST_SHARE, progress: Progress | None = None) -> TransitionGraph:
    """The graph of viable moves between the role profiles of ``reqs`` at viability ``threshold``; routes and
    rankings on it count ``in_post_share`` of the effort learnt in post."""
    theta = check_threshold(threshold)
    share = check_in_post_share(in_post_share)
    if model.n_competencies != reqs.shape[1]:
        raise ValueError("the effort model and the requirements have different numbers of competencies")
    profiles = profile_levels(reqs)
    mm = move_measures(model, profiles.astype(np.float64), reqs, progress=progress)
    n = reqs.shape[0]
    has = reqs.mask.any(axis=1)
    viable = (mm.readiness >= theta - TOL) & has[:, None] & has[None, :] & ~np.eye(n, dtype=bool)
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(i, role_id=int(reqs.role_ids[i]), label=reqs.role_labels[i])
    a, b = np.nonzero(viable)
    g.add_edges_from((int(i), int(j), {"hours": float(mm.hours[i, j]), "readiness": float(mm.readiness[i, j]),
                                       "hard": bool(mm.hard[i, j])})
                     for i, j in zip(a.tolist(), b.tolist(), strict=True))
    return TransitionGraph(reqs, model, theta, share, g, profiles, mm.readiness, mm.hours, mm.hard, viable, has)


# -- choosing the route ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Choice:
    hours: FloatArray  # hours of the cheapest route
    in_post: BoolArray  # False: reskill in place, then move
    first: IntArray  # first role entered (a role position; the target when reskilling in place)
    hard: BoolArray
    direct_hours: FloatArray
    direct_readiness: FloatArray


def _choose(m: MoveMeasures, to: PathsToTarget, threshold: float, share: float) -> _Choice:
    """Per person, the cheapest route given the moves ``m`` into ``to.candidates`` (columns, target first)."""
    cand = to.candidates
    total = m.hours + to.dist[cand][None, :]
    ok = m.readiness >= threshold - TOL
    best = np.where(ok, total, np.inf).min(axis=1)  # effort of the cheapest sequence of viable moves
    movable = np.isfinite(best)
    best0 = np.where(movable, best, 0.0)
    within = ok & (total <= (best0 + TOL * np.maximum(1.0, best0))[:, None])
    pick = np.argmax(within, axis=1)  # first candidate in tie order; 0 (the target) where none is viable
    first = cand[pick]
    route_h = share * best0
    direct_h = m.hours[:, 0]
    in_post = movable & ((first == to.target) | (route_h < direct_h - TOL * np.maximum(1.0, direct_h)))
    rows = np.arange(total.shape[0])
    pick = np.where(in_post, pick, 0)
    first = np.where(in_post, first, to.target)
    hard = m.hard[rows, pick] | (to.hard[first] & in_post)
    return _Choice(np.where(in_post, route_h, direct_h), in_post, first, hard, direct_h, m.readiness[:, 0])


# -- one person ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RouteStep:
    """One move of a route: into ``role`` (a row of the requirement matrix), with the mover's ``readiness``
    for it before the step, the ``effort`` of the competencies to build (``builds``), the ``hours`` counted
    (``in_post_share`` × effort when learnt in post after a viable move, the effort when reskilling in place
    before it) and whether it builds a hard-to-transfer competency (``hard``)."""

    role: int
    readiness: float
    effort: float
    hours: float
    in_post: bool
    hard: bool
    builds: tuple[Build, ...]


@dataclass(frozen=True)
class Route:
    """The cheapest route of a person to ``target`` (module docstring).

    ``steps`` in order (the last one enters the target); ``total_hours`` their sum; ``in_post`` True for a
    sequence of viable moves learnt in post, False for "reskill in place, then move" (one step);
    ``hire_rather_than_reskill`` when some step builds a hard-to-transfer competency; ``direct_hours`` (the
    effort of reskilling in place) and ``direct_readiness`` (readiness for the target now) for comparison."""

    target: int
    steps: list[RouteStep]
    total_hours: float
    in_post: bool
    hire_rather_than_reskill: bool
    direct_hours: float
    direct_readiness: float

    @property
    def roles(self) -> list[int]:
        """The roles entered, in order (the target last)."""
        return [s.role for s in self.steps]

    @property
    def stepping_stones(self) -> list[int]:
        """The roles entered before the target."""
        return self.roles[:-1]


def cheapest_route(tg: TransitionGraph, levels: npt.ArrayLike, target: int) -> Route:
    """The cheapest route for the person with current ``levels`` (one value per competency, ``NaN`` =
    unknown = 0) to the role at row ``target``, with the competencies to build at each step."""
    raw = np.asarray(levels, dtype=np.float64).reshape(-1)
    if raw.shape[0] != tg.requirements.shape[1]:
        raise ValueError("levels need one value per competency of the requirement matrix")
    x = known_levels(raw.reshape(1, -1))
    to = tg.to_target(target)
    reqs = tg.requirements
    kernel = MoveKernel(tg.model, reqs.required[to.candidates], reqs.weights[to.candidates])
    m = kernel(x)
    ch = _choose(m, to, tg.threshold, tg.in_post_share)
    in_post = bool(ch.in_post[0])
    roles = to.paths[int(ch.first[0])] if in_post else [to.target]
    share = tg.in_post_share if in_post else 1.0
    col = {int(r): i for i, r in enumerate(to.candidates.tolist())}
    steps: list[RouteStep] = []
    for i, role in enumerate(roles):
        if i == 0:
            builds = tg.model.builds(raw, reqs.required[role])
            readiness = float(m.readiness[0, col[role]])
        else:
            prev = roles[i - 1]
            builds = tg.model.builds(tg.profiles[prev].astype(np.float64), reqs.required[role])
            readiness = float(tg.readiness[prev, role])
        effort = float(sum(b.hours for b in builds))
        steps.append(RouteStep(role, readiness, effort, share * effort, in_post, any(b.hard for b in builds),
                               tuple(builds)))
    return Route(to.target, steps, float(sum(s.hours for s in steps)), in_post, any(s.hard for s in steps),
                 float(ch.direct_hours[0]), float(ch.direct_readiness[0]))


# -- everyone for one target -----------------------------------------------------------------------------
@dataclass(eq=False)
class TargetRanking:
    """Everyone (rows of the level matrix) against one target role, and their ranking.

    ``hours``             hours of the cheapest route (:func:`cheapest_route`).
    ``in_post``           the route is a sequence of viable moves learnt in post (False: reskill in place).
    ``via``               the first stepping-stone role entered, −1 when the route is direct (a direct move, or
                          reskilling in place); the rest of the route is ``paths.paths[via]``.
    ``moves``             number of moves in the route (1 = direct).
    ``hard``              hire rather than reskill: the route builds a hard-to-transfer competency.
    ``direct_hours``      effort of reskilling in place, ``effort(x → target)``; ``direct_readiness`` the
                          readiness for the target now (the direct move is viable when it is ≥ the threshold).
    ``order``             the ranking: by hours, ties in matrix order.
    """

    target: int
    hours: FloatArray
    in_post: BoolArray
    via: IntArray
    moves: IntArray
    hard: BoolArray
    direct_hours: FloatArray
    direct_readiness: FloatArray
    order: IntArray
    paths: PathsToTarget

    def route_roles(self, person: int) -> list[int]:
        """The roles person ``person`` enters, in order (the target last)."""
        v = int(self.via[person])
        return [self.target] if v < 0 else list(self.paths.paths[v])


def rank_for_target(tg: TransitionGraph, levels: LevelMatrix | npt.ArrayLike, target: int, *,
                    chunk: int = CHUNK, progress: Progress | None = None) -> TargetRanking:
    """Everyone's cheapest route to the role at row ``target`` (people in blocks of ``chunk``): one reverse
    shortest-path search, then one matrix product per block. Reports to ``progress`` per block and stops
    there when cancelled."""
    reqs = tg.requirements
    if isinstance(levels, LevelMatrix) and not np.array_equal(levels.competency_ids, reqs.competency_ids):
        raise ValueError("the level and requirement matrices must have the same competencies in the same order")
    x = known_levels(levels)
    if x.shape[1] != reqs.shape[1]:
        raise ValueError("levels need one value per competency of the requirement matrix")
    to = tg.to_target(target)
    kernel = MoveKernel(tg.model, reqs.required[to.candidates], reqs.weights[to.candidates])
    n = x.shape[0]
    hours, direct_h, direct_r = np.empty(n), np.empty(n), np.empty(n)
    in_post, hard = np.empty(n, dtype=bool), np.empty(n, dtype=bool)
    first = np.empty(n, dtype=np.int64)
    step = max(1, int(chunk))
    for start in range(0, n, step):
        stop = min(n, start + step)
        ch = _choose(kernel(x[start:stop]), to, tg.threshold, tg.in_post_share)
        sl = slice(start, stop)
        hours[sl], in_post[sl], first[sl], hard[sl] = ch.hours, ch.in_post, ch.first, ch.hard
        direct_h[sl], direct_r[sl] = ch.direct_hours, ch.direct_readiness
        if progress is not None:
            progress.report(stop, n)
    via = np.where(first != to.target, first, -1)
    moves = to.moves[first] + 1
    order = np.lexsort((np.arange(n), hours))
    return TargetRanking(to.target, hours, in_post, via, moves, hard, direct_h, direct_r, order, to)


# -- core competencies -----------------------------------------------------------------------------------
@dataclass(eq=False)
class CoreCompetencies:
    """Which competencies open the most transitions (module docstring).

    Per competency: ``opened`` — role pairs not viable now that become viable; ``blocked`` — role pairs not
    viable now with a gap in it; ``opens[c, A, B]`` the pairs themselves. ``order``: competencies by
    ``opened`` (most first), then ``blocked``, then position. ``raise_by``: ``None`` = gap closed, else the
    number of levels raised at most."""

    opened: IntArray
    blocked: IntArray
    opens: BoolArray
    order: IntArray
    raise_by: int | None
    threshold: float

    def pairs(self, competency: int) -> list[tuple[int, int]]:
        """The (from, to) role pairs the competency opens."""
        a, b = np.nonzero(self.opens[int(competency)])
        return list(zip(a.tolist(), b.tolist(), strict=True))

    def ranked(self) -> list[tuple[int, int]]:
        """``(competency, opened)`` for the competencies that open at least one transition, best first."""
        return [(int(c), int(self.opened[c])) for c in self.order.tolist() if self.opened[c] > 0]


def core_competencies(tg: TransitionGraph, *, raise_by: int | None = None,
                      progress: Progress | None = None) -> CoreCompetencies:
    """How many non-viable role pairs each competency would make viable (closing its gap, or raising it by
    at most ``raise_by`` levels). Reports per competency to ``progress``."""
    if raise_by is not None and (isinstance(raise_by, bool) or not isinstance(raise_by, (int, np.integer))
                                 or raise_by < 1):
        raise InputError([Problem("pathways.raise_by", {"value": raise_by})])
    reqs = tg.requirements
    n, n_c = reqs.shape
    has = tg.has_requirements
    closed = has[:, None] & has[None, :] & ~np.eye(n, dtype=bool) & ~tg.viable
    mask = reqs.mask
    r = np.where(mask, np.nan_to_num(reqs.required), 0.0)
    demand = (reqs.weights * r).sum(axis=1)
    inv = np.divide(1.0, demand, out=np.zeros(n), where=demand > 0)
    opens = np.zeros((n_c, n, n), dtype=bool)
    blocked = np.zeros(n_c, dtype=np.int64)
    for c in range(n_c):
        gap = np.where(mask[None, :, c], np.maximum(0.0, r[None, :, c] - tg.profiles[:, c][:, None]), 0.0)
        gain = gap if raise_by is None else np.minimum(gap, float(raise_by))
        after = tg.readiness + gain * (reqs.weights[:, c] * inv)[None, :]
        opens[c] = closed & (gain > 0) & (after >= tg.threshold - TOL)
        blocked[c] = int((closed & (gap > 0)).sum())
        if progress is not None:
            progress.report(c + 1, n_c)
    opened = opens.sum(axis=(1, 2)).astype(np.int64)
    order = np.lexsort((np.arange(n_c), -blocked, -opened)).astype(np.int64)
    return CoreCompetencies(opened, blocked, opens, order, raise_by, tg.threshold)
