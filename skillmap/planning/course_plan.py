"""Course plans: the courses that close a person's gaps with the fewest hours, in an order they can be taken.

Pure data in, data out: no database, no Qt. The caller (a service) turns the catalogue, the person's current
levels, their completed courses and a target (their role profile, or another one) into plain mappings.

Rules (``docs/course-plans.md`` says the same for users):

* **Gap.** Competency *c* has a gap when the person's level before the plan is below the required level. The
  level before the plan is the larger of the current level (``None`` or ``NaN`` = unknown, counted as 0) and the
  level every course in ``done`` brings the person to.
* **Closing a gap.** A course closes the gap in *c* when it brings *c* to at least the required level. Levels from
  several courses do not add: after the plan the person's level is the largest of the level before the plan and
  the level of every course taken that raises *c*.
* **Uncovered.** A gap no course in the catalogue (outside ``done``) can close goes to ``uncovered``; no course
  is added for it (courses added for other gaps may still raise it part of the way, visible in the steps).
* **Prerequisites.** A course can be taken when each of its prerequisites is in ``done`` or in the plan, before
  it; the prerequisites of a course in ``done`` are not needed. Prerequisites cost their hours. A prerequisite id
  that is not in the catalogue is accepted only when it is in ``done``; ids in ``done`` that are not in the
  catalogue are ignored (nothing is known about what they raise).
* **Objective.** Fewest total hours; among plans with the same hours, fewer courses; then the set of codes that
  comes first (compared as sorted lists). Courses in ``done`` are never in a plan and cost nothing.

Algorithm. Only *candidates* matter: courses that close some gap, with their prerequisite closures (the
course and every prerequisite, recursively, not yet done). Gaps fall into independent groups: two gaps are in
the same group when a candidate of one shares a course with a candidate of the other (or the same candidate
closes both). Each group is solved on its own; a group with at most ``exact_limit`` candidates is solved
**exactly** by branch and bound (branch on the open gap with the fewest candidates, over the candidates'
closures; bound: hours so far plus the largest, over open gaps, of the cheapest extra hours that close it;
states already seen are skipped; the greedy plan is the first incumbent). A larger group gets the **greedy**
plan: repeatedly add the candidate closure with the fewest new hours per newly closed gap, then drop courses
that no other course needs and whose removal leaves every gap closed, largest first. The plan is ``exact``
only when every group was solved exactly; otherwise ``method == "greedy"``.

Order: courses that close more gaps first (then by code); each is preceded by its prerequisites not yet in
the order (depth first, by code), so a prerequisite chain sits right before the course that needs it.

Dates (:func:`finish_date`, :func:`schedule`): courses are taken one after another at ``hours_per_week``;
the course that ends at cumulative hour *h* ends on ``start + ceil(h / hours_per_week × 7)`` days, and the next
one begins that same day.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skillmap.i18n import register, tr
from skillmap.tasks import Progress

EXACT = "exact"
GREEDY = "greedy"

register(
    {
        "course_plan.duplicate_id": {
            "en": "course id {id} appears more than once in the catalogue (course {code!r})",
            "es": "el id de curso {id} aparece más de una vez en el catálogo (curso «{code}»)",
        },
        "course_plan.bad_hours": {
            "en": "course {code!r} has invalid hours {hours!r} (must be a number ≥ 0)",
            "es": "el curso «{code}» tiene horas no válidas {hours!r} (deben ser un número ≥ 0)",
        },
        "course_plan.unknown_prereq": {
            "en": "course {code!r} needs course id {prereq}, which is not in the catalogue",
            "es": "el curso «{code}» requiere el curso con id {prereq}, que no está en el catálogo",
        },
        "course_plan.cycle": {
            "en": "the prerequisites of course {code!r} form a cycle",
            "es": "los prerrequisitos del curso «{code}» forman un ciclo",
        },
        "course_plan.hours_per_week": {
            "en": "hours per week must be a number greater than 0, not {value!r}",
            "es": "las horas por semana deben ser un número mayor que 0, no {value!r}",
        },
        "course_plan.method.exact": {
            "en": "Exact: no other plan closes these gaps in fewer hours",
            "es": "Exacto: ningún otro plan cierra estas brechas en menos horas",
        },
        "course_plan.method.greedy": {
            "en": "Heuristic (greedy): too many course combinations to prove this is the shortest plan; "
                  "a shorter one may exist",
            "es": "Heurístico (voraz): hay demasiadas combinaciones de cursos para demostrar que este es el plan "
                  "más corto; puede existir uno más corto",
        },
    }
)


class PlanError(ValueError):
    """The catalogue or a parameter is unusable. ``text(lang)`` gives the message in English or Spanish."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(tr(key, **params))

    def text(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)


# -- data ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CourseOption:
    """A course as the planner sees it."""

    id: int
    code: str
    hours: float
    raises: Mapping[int, int]  # competency id -> level the course brings the person to
    prerequisites: tuple[int, ...] = ()  # course ids that must be taken first


@dataclass(frozen=True)
class PlanStep:
    """One course of a plan."""

    course: CourseOption
    start_hour: float  # cumulative hours before this course
    raises: Mapping[int, tuple[float | None, int]]  # competency id -> (level before, level after) it changes
    needed_for: tuple[int, ...]  # gap competency ids this course closes (empty for a pure prerequisite)

    @property
    def end_hour(self) -> float:
        return self.start_hour + self.course.hours


@dataclass(frozen=True)
class CoursePlan:
    """The courses to take, in order, and what they achieve."""

    steps: tuple[PlanStep, ...]  # in a valid order: every prerequisite before the course that needs it
    hours: float
    exact: bool  # True when proven optimal (fewest hours)
    method: str  # "exact" | "greedy"
    closed: Mapping[int, int]  # gap competency id -> level reached
    uncovered: Mapping[int, tuple[float | None, int]]  # competency id -> (level before, required): no course reaches it
    candidates: int = 0  # courses that close some gap (the size of the search)

    @property
    def course_ids(self) -> tuple[int, ...]:
        return tuple(s.course.id for s in self.steps)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.course.code for s in self.steps)


def describe_method(plan: CoursePlan, lang: str | None = None) -> str:
    """One sentence for users: whether the plan is proven shortest or comes from the heuristic."""
    return tr(f"course_plan.method.{EXACT if plan.exact else GREEDY}", lang)


# -- helpers ---------------------------------------------------------------------------------------------
def _level(value: float | None) -> float | None:
    """A level as a float, ``None`` when unknown (``None`` or ``NaN``)."""
    if value is None:
        return None
    v = float(value)
    return None if math.isnan(v) else v


def _check_catalogue(catalogue: Sequence[CourseOption], done: frozenset[int]) -> dict[int, CourseOption]:
    by_id: dict[int, CourseOption] = {}
    for course in catalogue:
        if course.id in by_id:
            raise PlanError("course_plan.duplicate_id", id=course.id, code=course.code)
        hours = course.hours
        if isinstance(hours, bool) or not isinstance(hours, numbers.Real) or not (0 <= hours < math.inf):
            raise PlanError("course_plan.bad_hours", code=course.code, hours=hours)
        by_id[course.id] = course
    for course in catalogue:
        for pre in course.prerequisites:
            if pre not in by_id and pre not in done:
                raise PlanError("course_plan.unknown_prereq", code=course.code, prereq=pre)
    # cycles: iterative depth-first search, 1 = on the current path, 2 = finished
    state: dict[int, int] = {}
    for root in by_id:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            cid, i = stack[-1]
            pres = by_id[cid].prerequisites
            if i < len(pres):
                stack[-1] = (cid, i + 1)
                nxt = pres[i]
                if nxt not in by_id:
                    continue
                s = state.get(nxt)
                if s == 1:
                    raise PlanError("course_plan.cycle", code=by_id[nxt].code)
                if s is None:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[cid] = 2
                stack.pop()
    return by_id


def _closure(cid: int, by_id: Mapping[int, CourseOption], done: frozenset[int]) -> set[int]:
    """The course and every prerequisite it needs, recursively, that is not done (a done course needs nothing)."""
    seen = {cid}
    stack = [cid]
    while stack:
        for pre in by_id[stack.pop()].prerequisites:
            if pre not in done and pre not in seen:
                seen.add(pre)
                stack.append(pre)
    return seen


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class _Search:
    """Candidate courses as bits (in code order) and gaps as bits; exact and greedy solvers over groups."""

    def __init__(self, hours: list[float], closes: list[int], closure: list[int], prereqs: list[int],
                 options: list[list[int]], progress: Progress | None) -> None:
        self.hours = hours  # per course bit
        self.closes = closes  # per course bit: mask of the gaps it closes
        self.closure = closure  # per course bit: mask of the course and its prerequisites not done
        self.prereqs = prereqs  # per course bit: mask of its direct prerequisites (among the candidates)
        self.options = options  # per gap bit: course bits that close it
        self.progress = progress
        self.nodes = 0
        self._cost: dict[int, float] = {}
        self._covered: dict[int, int] = {}

    def cost(self, mask: int) -> float:
        """Hours of the courses in ``mask`` (cached: the same closures come back again and again)."""
        value = self._cost.get(mask)
        if value is None:
            value = self._cost[mask] = sum(self.hours[b] for b in _bits(mask))
        return value

    def covered(self, mask: int) -> int:
        """The gaps the courses in ``mask`` close."""
        value = self._covered.get(mask)
        if value is None:
            value = 0
            for b in _bits(mask):
                value |= self.closes[b]
            self._covered[mask] = value
        return value

    def better(self, h: float, mask: int, best_h: float, best: int) -> bool:
        """Is the plan ``mask`` (``h`` hours) better than ``best``: fewer hours, then fewer courses, then codes."""
        eps = 1e-9 * max(1.0, abs(best_h))
        if h < best_h - eps:
            return True
        if h > best_h + eps:
            return False
        n, best_n = mask.bit_count(), best.bit_count()
        if n != best_n:
            return n < best_n
        diff = mask ^ best
        return bool(diff & -diff & mask)  # the first code where they differ is in ``mask``

    def greedy(self, gaps: int, candidates: list[int]) -> int:
        chosen, covered = 0, 0
        while gaps & ~covered:
            if self.progress is not None:
                self.progress.check()
            open_ = gaps & ~covered
            best: tuple[float, float, int, int] | None = None
            for b in candidates:
                if not self.closes[b] & open_:
                    continue
                add = self.closure[b] & ~chosen
                cost = self.cost(add)
                gain = (self.covered(add) & open_).bit_count()
                key = (cost / gain, cost, add.bit_count(), b)
                if best is None or key < best:
                    best = key
            assert best is not None  # every gap of a group has a candidate
            add = self.closure[best[3]] & ~chosen
            chosen |= add
            covered |= self.covered(add)
        # drop what is not needed: a course no other chosen course requires, whose removal keeps all closed
        changed = True
        while changed:
            changed = False
            needed = 0
            for b in _bits(chosen):
                needed |= self.prereqs[b]
            for b in sorted(_bits(chosen & ~needed), key=lambda b: (-self.hours[b], -b)):
                rest = chosen & ~(1 << b)
                if not gaps & ~self.covered(rest):
                    chosen, changed = rest, True
                    break
        return chosen

    def exact(self, gaps: int, incumbent: int) -> int:
        best, best_h = incumbent, self.cost(incumbent)
        seen: set[int] = set()

        def visit(chosen: int, h: float, covered: int) -> None:
            nonlocal best, best_h
            if chosen in seen:
                return
            seen.add(chosen)
            self.nodes += 1
            if self.progress is not None and not self.nodes & 1023:
                self.progress.check()
            open_ = gaps & ~covered
            if not open_:
                if self.better(h, chosen, best_h, best):
                    best, best_h = chosen, h
                return
            bound, pick, pick_key = 0.0, -1, (0, 0.0)
            branches: list[tuple[float, int, int]] = []
            for g in _bits(open_):
                opts = [(self.cost(self.closure[b] & ~chosen), b) for b in self.options[g]]
                cheapest = min(c for c, _ in opts)
                bound = max(bound, cheapest)
                key = (len(opts), -cheapest)
                if pick < 0 or key < pick_key:
                    pick, pick_key = g, key
                    branches = [(c, b, self.closure[b] & ~chosen) for c, b in opts]
            eps = 1e-9 * max(1.0, abs(best_h))
            if h + bound > best_h + eps:
                return
            if h + bound >= best_h - eps and chosen.bit_count() + 1 > best.bit_count():
                return
            for c, _b, add in sorted(branches):
                visit(chosen | add, h + c, covered | self.covered(add))

        visit(0, 0.0, 0)
        return best


# -- planning --------------------------------------------------------------------------------------------
def plan_courses(current: Mapping[int, float | None], required: Mapping[int, int],
                 catalogue: Sequence[CourseOption], *, done: Collection[int] = (),
                 exact_limit: int = 22, progress: Progress | None = None) -> CoursePlan:
    """The plan that closes every gap a course can close, with the fewest hours (see the module docstring).

    ``current``: competency id -> current level (``None``/``NaN`` = unknown, counted as 0).
    ``required``: competency id -> required level (``None``/``NaN`` = not required).
    ``done``: ids of courses already completed (cost nothing, count for the levels they raise).
    ``exact_limit``: groups of gaps with at most this many candidate courses are solved exactly, larger ones
    greedily. Raises :class:`PlanError` (a ``ValueError``) for duplicate ids, bad hours, unknown prerequisites
    and prerequisite cycles; :class:`~skillmap.tasks.Cancelled` when ``progress`` is cancelled.
    """
    if progress is not None:
        progress.check()
    done_ids = frozenset(done)
    by_id = _check_catalogue(catalogue, done_ids)

    before: dict[int, float | None] = {c: _level(v) for c, v in current.items()}
    for cid in sorted(done_ids & by_id.keys()):
        for c, lvl in by_id[cid].raises.items():
            prev = before.get(c)
            if prev is None or lvl > prev:
                before[c] = float(lvl)

    gap_req: dict[int, int] = {}
    for c in sorted(required):
        r = _level(required[c])
        if r is not None and (before.get(c) or 0.0) < r:
            gap_req[c] = required[c]

    options: dict[int, list[int]] = {c: [] for c in gap_req}
    for course in catalogue:
        if course.id in done_ids:
            continue
        for c, lvl in course.raises.items():
            if c in gap_req and lvl >= gap_req[c]:
                options[c].append(course.id)
    uncovered = {c: (before.get(c), gap_req[c]) for c in gap_req if not options[c]}
    gaps = [c for c in gap_req if options[c]]
    if not gaps:
        return CoursePlan((), 0.0, True, EXACT, {}, uncovered, 0)

    # candidates as bits, in code order (so the lowest differing bit decides the codes tie-break)
    closures = {cid: _closure(cid, by_id, done_ids) for c in gaps for cid in options[c]}
    relevant = sorted(set().union(*closures.values()), key=lambda cid: (by_id[cid].code, cid))
    bit = {cid: i for i, cid in enumerate(relevant)}
    gap_bit = {c: i for i, c in enumerate(gaps)}
    hours = [float(by_id[cid].hours) for cid in relevant]
    closes = [0] * len(relevant)
    for cid in relevant:
        for c, lvl in by_id[cid].raises.items():
            if c in gap_bit and lvl >= gap_req[c]:
                closes[bit[cid]] |= 1 << gap_bit[c]
    closure = [0] * len(relevant)
    prereqs = [0] * len(relevant)
    for cid in relevant:
        b = bit[cid]
        prereqs[b] = sum(1 << bit[p] for p in set(by_id[cid].prerequisites) if p in bit)
        if cid in closures:
            closure[b] = sum(1 << bit[x] for x in closures[cid])
    gap_options = [sorted(bit[cid] for cid in options[c]) for c in gaps]

    # independent groups of gaps: union-find over course bits
    parent = list(range(len(relevant)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for opts in gap_options:
        members = [x for b in opts for x in _bits(closure[b])]
        root = find(members[0])
        for x in members[1:]:
            parent[find(x)] = root
    groups: dict[int, tuple[int, set[int]]] = {}
    for g, opts in enumerate(gap_options):
        root = find(opts[0])
        mask, cands = groups.get(root, (0, set()))
        groups[root] = (mask | 1 << g, cands | set(opts))

    search = _Search(hours, closes, closure, prereqs, gap_options, progress)
    chosen, exact = 0, True
    for root in sorted(groups):
        mask, cands = groups[root]
        ordered = sorted(cands)
        plan = search.greedy(mask, ordered)
        if len(ordered) <= exact_limit:
            plan = search.exact(mask, plan)
        else:
            exact = False
        chosen |= plan

    steps, closed = _steps([relevant[b] for b in _bits(chosen)], by_id, before, gap_req, gaps)
    total = steps[-1].end_hour if steps else 0.0
    return CoursePlan(tuple(steps), total, exact, EXACT if exact else GREEDY, closed, uncovered,
                      sum(len(o) for _m, o in groups.values()))


def _steps(course_ids: list[int], by_id: Mapping[int, CourseOption], before: Mapping[int, float | None],
           gap_req: Mapping[int, int], gaps: list[int]) -> tuple[list[PlanStep], dict[int, int]]:
    """Order the chosen courses and describe what each changes."""
    in_plan = set(course_ids)
    needed = {cid: tuple(c for c in gaps if by_id[cid].raises.get(c, -1) >= gap_req[c]) for cid in course_ids}

    def code_key(cid: int) -> tuple[str, int]:
        return (by_id[cid].code, cid)

    order: list[int] = []
    placed: set[int] = set()
    roots = sorted(course_ids, key=lambda cid: (-len(needed[cid]), *code_key(cid)))
    for root in roots:
        if root in placed:
            continue
        stack: list[tuple[int, list[int]]] = [
            (root, sorted((p for p in set(by_id[root].prerequisites) if p in in_plan), key=code_key))]
        placed.add(root)
        while stack:
            cid, pending = stack[-1]
            while pending and pending[0] in placed:
                pending.pop(0)
            if pending:
                nxt = pending.pop(0)
                placed.add(nxt)
                stack.append((nxt, sorted((p for p in set(by_id[nxt].prerequisites) if p in in_plan),
                                          key=code_key)))
            else:
                order.append(cid)
                stack.pop()

    levels: dict[int, float | None] = dict(before)
    steps: list[PlanStep] = []
    hour = 0.0
    for cid in order:
        course = by_id[cid]
        changes: dict[int, tuple[float | None, int]] = {}
        for c in sorted(course.raises):
            lvl = course.raises[c]
            prev = levels.get(c)
            if lvl > (prev if prev is not None else 0.0):
                changes[c] = (prev, lvl)
                levels[c] = float(lvl)
        steps.append(PlanStep(course, hour, changes, needed[cid]))
        hour += float(course.hours)
    closed = {c: int(levels[c] or 0) for c in gaps}
    return steps, closed


# -- dates -----------------------------------------------------------------------------------------------
def _rate(hours_per_week: float) -> float:
    ok = not isinstance(hours_per_week, bool) and isinstance(hours_per_week, numbers.Real)
    if not ok or not (0 < hours_per_week < math.inf):
        raise PlanError("course_plan.hours_per_week", value=hours_per_week)
    return float(hours_per_week)


def _days(hours: float, rate: float) -> int:
    """Days for ``hours`` at ``rate`` hours a week, rounded up; a hair from a whole day is that day."""
    x = hours * 7.0 / rate
    near = round(x)
    if abs(x - near) <= 1e-9 * max(1.0, abs(x)):
        return max(0, near)
    return max(0, math.ceil(x))


def finish_date(plan: CoursePlan, start: date, hours_per_week: float) -> date:
    """The day the last course ends: ``start + ceil(plan.hours / hours_per_week × 7)`` days (``start`` when the
    plan is empty). ``hours_per_week`` must be > 0 (:class:`PlanError` otherwise)."""
    return start + timedelta(days=_days(plan.hours, _rate(hours_per_week)))


def schedule(plan: CoursePlan, start: date, hours_per_week: float) -> list[tuple[PlanStep, date, date]]:
    """Each step with the day it begins and the day it ends (``start + ceil(hour / hours_per_week × 7)`` of its
    first and last hour); courses one after another, each beginning on the day the previous one ends (never
    before it: a schedule whose next course starts the day before the last one ends reads as an error)."""
    rate = _rate(hours_per_week)
    return [(s, start + timedelta(days=_days(s.start_hour, rate)), start + timedelta(days=_days(s.end_hour, rate)))
            for s in plan.steps]
