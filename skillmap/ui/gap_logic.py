"""The numbers behind the gap views, without Qt: what the dashboard, heatmap, team and person views show.

The app loads the whole organisation once (:func:`load_source`, a background task: the gap matrices of
:func:`skillmap.services.gaps.load_gap_data` plus the bilingual names, level names and level descriptors), then
narrows it to the filters in memory (:meth:`GapSource.restrict`) and derives each view from the narrowed
:class:`~skillmap.services.gaps.GapData` with the functions below. Every measure is the engine's
(:mod:`skillmap.analysis.gaps`): these functions only select and arrange, so the views show the same numbers as
``skillmap gaps`` and the service's tables.

Names come from :class:`Names` in the display language, so a language switch redraws the charts without
reloading the database.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select

from skillmap.analysis import gaps as G
from skillmap.db import models as m
from skillmap.i18n import pick
from skillmap.services.gaps import GapData, GapFilters, load_gap_data
from skillmap.tasks import Progress

GROUPINGS: tuple[str, ...] = ("agency", "unit", "role_family")
#: Grouped by unit, the heatmap shows at most this many units (the largest); an agency filter shows all of its own.
MAX_HEATMAP_UNITS = 150
#: With at least this many assessments the load runs in a child process (see :func:`load_source`).
CHILD_PROCESS_ROWS = 150_000
START_METHOD = "spawn"  # the app has threads: a forked child could inherit a lock held by another thread
#: "Furthest behind" bars on the dashboard.
BEHIND_COUNT = 10
TOP_GAPS = 10


# -- names -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Names:
    """Bilingual labels by database id: ``(en, es)`` pairs."""

    competency: dict[int, tuple[str, str]]
    role: dict[int, tuple[str, str]]
    framework: dict[int, tuple[str, str]]
    scale: dict[int, dict[int, tuple[str, str]]]  # framework id -> level -> name
    descriptors: dict[int, dict[int, tuple[str, str]]]  # competency id -> level -> descriptor

    def competency_name(self, cid: int, lang: str | None = None) -> str:
        en, es = self.competency.get(int(cid), ("", ""))
        return pick(en, es, lang) or str(cid)

    def role_title(self, rid: int, lang: str | None = None) -> str:
        en, es = self.role.get(int(rid), ("", ""))
        return pick(en, es, lang) or str(rid)

    def framework_name(self, fid: int, lang: str | None = None) -> str:
        en, es = self.framework.get(int(fid), ("", ""))
        return pick(en, es, lang) or str(fid)

    def level_name(self, framework_id: int, level: int, lang: str | None = None) -> str:
        en, es = self.scale.get(int(framework_id), {}).get(int(level), ("", ""))
        return pick(en, es, lang)

    def level_names(self, framework_id: int, lang: str | None = None) -> list[str]:
        """Names of levels 0 … top of a framework's scale (``""`` for a level without a name)."""
        scale = self.scale.get(int(framework_id), {})
        if not scale:
            return []
        return [pick(*scale.get(i, ("", "")), lang) for i in range(max(scale) + 1)]

    def descriptor(self, cid: int, level: int, lang: str | None = None) -> str:
        en, es = self.descriptors.get(int(cid), {}).get(int(level), ("", ""))
        return pick(en, es, lang)


def load_names(engine: Engine) -> Names:
    """Competency names, role profile titles, framework names, scale level names and level descriptors."""
    c, rp, fw, sl, ld = m.Competency, m.RoleProfile, m.Framework, m.ScaleLevel, m.LevelDescriptor
    with engine.connect() as conn:
        comps = {i: (en or "", es or "") for i, en, es in conn.execute(select(c.id, c.name_en, c.name_es))}
        roles = {i: (en or code, es or en or code) for i, code, en, es in conn.execute(
            select(rp.id, rp.code, rp.title_en, rp.title_es))}
        fws = {i: (en or code, es or en or code) for i, code, en, es in conn.execute(
            select(fw.id, fw.code, fw.name_en, fw.name_es))}
        scale: dict[int, dict[int, tuple[str, str]]] = {}
        for fid, level, en, es in conn.execute(select(sl.framework_id, sl.level, sl.name_en, sl.name_es)):
            scale.setdefault(fid, {})[int(level)] = (en or "", es or "")
        descriptors: dict[int, dict[int, tuple[str, str]]] = {}
        for cid, level, en, es in conn.execute(select(ld.competency_id, ld.level, ld.text_en, ld.text_es)):
            descriptors.setdefault(cid, {})[int(level)] = (en or "", es or "")
    return Names(comps, roles, fws, scale, descriptors)


# -- the loaded organisation -----------------------------------------------------------------------------
@dataclass(eq=False)
class GapSource:
    """The whole organisation's gap data (no filters) and its names; filters narrow it in memory."""

    data: GapData
    names: Names

    def restrict(self, filters: GapFilters) -> GapData:
        """The data for ``filters`` (the loaded data itself when there are none), with own-role gaps computed."""
        data = self.data if filters == GapFilters() else self.data.restrict(filters)
        _ = data.own  # computed here, off the GUI thread
        return data


def load_source(engine: Engine, progress: Progress | None = None, *, child: bool | None = None) -> GapSource:
    """Background task: the whole organisation's gap matrices, then the names (reads only).

    Reading a million assessment rows through the database driver into numpy holds Python's GIL for seconds at a
    time, and a worker thread holding it stops the app's GUI thread too. So with many assessments
    (:data:`CHILD_PROCESS_ROWS`; ``child=True`` forces it, ``False`` forbids it) the load runs in a child process
    and the worker thread only waits for its result: the window keeps responding. An in-memory database is
    always read here. Cancelling (``progress``) stops the child."""
    progress = progress or Progress()
    url = engine.url
    in_memory = url.get_backend_name() == "sqlite" and (url.database or ":memory:") == ":memory:"
    if child is None and not in_memory:
        with engine.connect() as conn:
            child = conn.execute(select(func.count()).select_from(m.Assessment)).scalar_one() >= CHILD_PROCESS_ROWS
    if child and not in_memory:
        source = _load_in_child(url.render_as_string(hide_password=False), progress)
    else:
        source = _load(engine, progress)
    _ = source.data.own  # computed here, off the GUI thread (cheaper than sending it from the child)
    return source


def _load(engine: Engine, progress: Progress) -> GapSource:
    data = load_gap_data(engine, None, lang="en", progress=progress)
    return GapSource(data, load_names(engine))


def _child_main(url: str, conn: Connection) -> None:
    """The child process: load and send ``("progress", done, total, message)`` messages, then ``("result",
    source)`` or ``("error", exception, traceback)``."""
    from skillmap.db.engine import make_engine

    engine = make_engine(url)
    try:
        source = _load(engine, Progress(lambda d, t, msg: conn.send(("progress", d, t, msg)), min_interval=0.05))
        conn.send(("result", source))
    except BaseException as exc:
        tb = traceback.format_exc()
        try:
            conn.send(("error", exc, tb))
        except Exception:  # an exception that does not pickle
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}"), tb))
    finally:
        engine.dispose()
        conn.close()


def _load_in_child(url: str, progress: Progress) -> GapSource:
    ctx = multiprocessing.get_context(START_METHOD)
    receiver, sender = ctx.Pipe(duplex=False)
    proc: Any = ctx.Process(target=_child_main, args=(url, sender), name="skillmap-gaps", daemon=True)
    proc.start()
    sender.close()
    try:
        while True:
            progress.check()
            if receiver.poll(0.1):
                try:
                    message = receiver.recv()
                except EOFError:
                    raise RuntimeError(f"the gap calculation stopped (exit code {proc.exitcode})") from None
                if message[0] == "progress":
                    progress.report(*message[1:])
                elif message[0] == "result":
                    source: GapSource = message[1]
                    return source
                else:
                    exc: BaseException = message[1]
                    exc.add_note(message[2])
                    raise exc
            elif not proc.is_alive() and not receiver.poll(0):
                raise RuntimeError(f"the gap calculation stopped (exit code {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(10)
        receiver.close()


def to_date(value: np.datetime64 | None) -> date | None:
    if value is None or np.isnat(value):
        return None
    return date.fromisoformat(str(np.datetime64(value, "D")))


def latest_assessment(data: GapData) -> date | None:
    """The date of the latest assessment the data uses (on or before its as-of date)."""
    return to_date(data.history.day.max()) if len(data.history) else None


def staff_position(data: GapData, staff_id: int) -> int | None:
    hits = np.flatnonzero(data.levels.staff_ids == int(staff_id))
    return int(hits[0]) if len(hits) else None


def role_position(data: GapData, role_id: int) -> int | None:
    hits = np.flatnonzero(data.requirements.role_ids == int(role_id))
    return int(hits[0]) if len(hits) else None


def competency_framework(data: GapData, c: int) -> int:
    return int(data.competency_framework_id[c])


# -- filter choices --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    depth: int = 0


def agency_choices(data: GapData) -> list[Choice]:
    agencies = data.lookups.agencies
    out = [Choice(a, name if short == name else f"{short} — {name}") for a, (_c, short, name) in agencies.items()]
    return sorted(out, key=lambda ch: agencies[ch.id][2].casefold())


def unit_choices(data: GapData, agency_id: int | None) -> list[Choice]:
    """Units of an agency (every agency when ``None``) in tree order, with their depth."""
    units = data.lookups.units
    children: dict[int | None, list[int]] = {}
    for uid, (_code, _name, aid, parent, _level) in units.items():
        if agency_id is None or aid == agency_id:
            children.setdefault(parent if parent in units else None, []).append(uid)
    out: list[Choice] = []

    def walk(parent: int | None, depth: int) -> None:
        for uid in sorted(children.get(parent, []), key=lambda u: (units[u][1].casefold(), units[u][0])):
            out.append(Choice(uid, units[uid][1], depth))
            walk(uid, depth + 1)

    walk(None, 0)
    return out


def active_framework_ids(data: GapData) -> list[int]:
    fws = data.lookups.frameworks
    return sorted((i for i, (_code, _v, active) in fws.items() if active), key=lambda i: fws[i][0])


def framework_choices(data: GapData, names: Names, lang: str | None) -> list[Choice]:
    fws = data.lookups.frameworks
    return [Choice(i, f"{names.framework_name(i, lang)} ({fws[i][0]})") for i in active_framework_ids(data)]


def family_choices(data: GapData, lang: str | None, framework_id: int | None = None) -> list[Choice]:
    fws = data.lookups.frameworks
    active = set(active_framework_ids(data))
    out = [Choice(f, f"{pick(en, es, lang)} ({fws[fid][0]})")
           for f, (_code, en, es, fid) in data.lookups.families.items()
           if fid in active and (framework_id is None or fid == framework_id)]
    return sorted(out, key=lambda ch: ch.label.casefold())


# -- dashboard -------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Dashboard:
    """Headline numbers of a selection.

    ``assessed_share`` is the coverage of the whole selection (required person × competency pairs with a known
    level); ``mean_readiness`` the mean own-role readiness of the people whose readiness is defined. ``short`` and
    ``mean_gap`` are per competency (columns of the data); ``behind_*`` the groups (agencies, or the units of a
    chosen agency) with their mean readiness."""

    headcount: int
    with_role: int
    requirements: int
    assessed: int
    people_assessed: int
    mean_readiness: float
    readiness: G.FloatArray
    short: G.IntArray
    mean_gap: G.FloatArray
    behind_kind: str  # "agency" or "unit"
    behind_ids: list[int]
    behind_labels: list[str]
    behind_readiness: G.FloatArray
    latest: date | None
    as_of: date | None

    @property
    def assessed_share(self) -> float:
        return self.assessed / self.requirements if self.requirements else float("nan")


def dashboard(data: GapData) -> Dashboard:
    own = data.own
    n = data.n_staff
    everyone = G.group_stats(own, np.zeros(n, dtype=np.int64), 1)
    per_comp = G.competency_stats(own)
    if data.scope.agency_id is None:
        kind, keys = "agency", data.agency_id
        ids = sorted({int(a) for a in keys.tolist() if a >= 0}, key=lambda a: data.lookups.agencies[a][2])
        labels = [data.lookups.agencies[a][2] for a in ids]
    else:
        kind, keys = "unit", data.unit_id
        units = data.lookups.units
        ids = sorted({int(u) for u in keys.tolist() if u >= 0}, key=lambda u: (units[u][4], units[u][1]))
        labels = [units[u][1] for u in ids]
    pos = {k: i for i, k in enumerate(ids)}
    groups = np.array([pos.get(int(k), -1) for k in keys.tolist()], dtype=np.int64)
    by_group = G.group_stats(own, groups, len(ids))
    return Dashboard(
        headcount=n, with_role=int((data.role_index >= 0).sum()),
        requirements=int(own.n_required.sum()), assessed=int(own.n_assessed.sum()),
        people_assessed=int((own.n_assessed > 0).sum()), mean_readiness=float(everyone.mean_readiness[0]),
        readiness=own.readiness, short=per_comp.short, mean_gap=per_comp.mean_gap,
        behind_kind=kind, behind_ids=ids, behind_labels=labels, behind_readiness=by_group.mean_readiness,
        latest=latest_assessment(data), as_of=data.scope.as_of,
    )


# -- heatmap ---------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Heatmap:
    """Groups × competencies of a selection, each person against their own role.

    ``groups[p]`` is the row of person *p* (−1: in no row). Per cell: ``required`` (people whose role requires
    the competency), ``assessed`` (of them, with a known level), ``meeting``, ``short`` (gap > 0), ``share``
    (meeting ÷ assessed) and ``mean_gap`` (mean gap over the assessed), NaN where nothing is assessed.
    ``competencies`` are columns of the data; ``left_out`` counts groups not shown (beyond the unit limit)."""

    group_by: str
    group_ids: list[int]
    groups: G.IntArray
    competencies: G.IntArray
    required: G.IntArray
    assessed: G.IntArray
    meeting: G.IntArray
    short: G.IntArray
    gap_sum: G.FloatArray
    left_out: int

    @property
    def share(self) -> G.FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.assessed > 0, self.meeting / np.maximum(self.assessed, 1), np.nan)

    @property
    def mean_gap(self) -> G.FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.assessed > 0, self.gap_sum / np.maximum(self.assessed, 1), np.nan)

    def values(self, measure: str) -> G.FloatArray:
        return self.share if measure == "share" else self.mean_gap


def group_keys(data: GapData, group_by: str) -> G.IntArray:
    """The group id of each person (−1: none): agency, (direct) unit or the family of their own role."""
    if group_by == "agency":
        return data.agency_id
    if group_by == "unit":
        return data.unit_id
    if group_by == "role_family":
        idx = data.role_index
        return np.where(idx >= 0, data.role_family_id[np.maximum(idx, 0)], -1) if len(data.role_family_id) \
            else np.full(data.n_staff, -1, dtype=np.int64)
    raise ValueError(f"cannot group by {group_by!r}: use one of {GROUPINGS}")


def group_label(data: GapData, group_by: str, key: int, lang: str | None = None) -> str:
    lk = data.lookups
    if group_by == "agency":
        return lk.agencies[key][2]
    if group_by == "unit":
        _code, name, aid, _parent, _level = lk.units[key]
        return f"{lk.agencies[aid][1]} · {name}" if aid in lk.agencies else name
    _code, en, es, _fw = lk.families[key]
    return pick(en, es, lang)


def heatmap(data: GapData, group_by: str, max_units: int = MAX_HEATMAP_UNITS) -> Heatmap:
    """The heatmap's cells. Rows: groups with at least one required pair, ordered by name (agencies), by
    agency and tree level (units) or as in the framework (role families); the largest ``max_units`` units."""
    own = data.own
    keys = group_keys(data, group_by)
    present = keys[keys >= 0]
    uniq, counts = np.unique(present, return_counts=True)
    lk = data.lookups
    left_out = 0
    if group_by == "unit" and len(uniq) > max_units:
        keep = np.sort(np.argsort(-counts, kind="stable")[:max_units])
        left_out = len(uniq) - max_units
        uniq = uniq[keep]
    ids = [int(k) for k in uniq.tolist()]
    if group_by == "agency":
        ids.sort(key=lambda a: lk.agencies[a][2].casefold())
    elif group_by == "unit":
        ids.sort(key=lambda u: (lk.agencies.get(lk.units[u][2], ("", "", ""))[1], lk.units[u][4],
                                lk.units[u][1].casefold()))
    else:
        order = {int(f): i for i, f in enumerate(dict.fromkeys(data.role_family_id.tolist()))}
        ids.sort(key=lambda f: order.get(f, len(order)))
    pos = np.full(int(max(uniq.max(initial=-1), keys.max(initial=-1))) + 2, -1, dtype=np.int64)
    for i, k in enumerate(ids):
        pos[k] = i
    groups = np.where(keys >= 0, pos[np.maximum(keys, 0)], -1)
    n_g, n_c = len(ids), data.levels.shape[1]
    sel = groups >= 0
    g = groups[sel]
    req, ass = own.requirement_mask[sel], own.assessed_mask[sel]
    gap0 = np.nan_to_num(own.gap[sel])

    def per_group(mask_or_values: np.ndarray) -> np.ndarray:
        out = np.zeros((n_g, n_c))
        for c in range(n_c):
            out[:, c] = np.bincount(g, weights=mask_or_values[:, c].astype(float), minlength=n_g)[:n_g]
        return out

    required = per_group(req).astype(np.int64)
    rows_kept = required.sum(axis=1) > 0
    cols_kept = np.flatnonzero(required.sum(axis=0) > 0)
    if not rows_kept.all():  # renumber the rows that stay
        renum = np.where(rows_kept, np.cumsum(rows_kept) - 1, -1)
        groups = np.where(groups >= 0, renum[np.maximum(groups, 0)], -1)
        ids = [k for k, kept in zip(ids, rows_kept.tolist(), strict=True) if kept]
    r = np.flatnonzero(rows_kept)
    cells = np.ix_(r, cols_kept)
    return Heatmap(
        group_by=group_by, group_ids=ids, groups=groups, competencies=cols_kept,
        required=required[cells], assessed=per_group(ass).astype(np.int64)[cells],
        meeting=per_group(ass & (gap0 == 0)).astype(np.int64)[cells],
        short=per_group(gap0 > 0).astype(np.int64)[cells], gap_sum=per_group(gap0)[cells], left_out=left_out,
    )


def short_people(data: GapData, hm: Heatmap, row: int, col: int) -> G.IntArray:
    """Staff positions of the people in row ``row`` short (gap > 0) in column ``col`` of the heatmap, widest gap
    first, then by name."""
    c = int(hm.competencies[col])
    gap = data.own.gap[:, c]
    people = np.flatnonzero((hm.groups == row) & (np.nan_to_num(gap) > 0))
    return np.array(sorted(people.tolist(), key=lambda p: (-gap[p], data.staff_name[p].casefold())),
                    dtype=np.int64)


# -- one person ------------------------------------------------------------------------------------------
@dataclass(eq=False)
class PersonProfile:
    """One person against their own role and optionally a second role (rows of the requirement matrix, −1 for
    none). ``competencies`` are the columns shown: those either role requires (the assessed ones when neither
    requires any). ``readiness``/``coverage``/``weighted_gap`` hold the person's measures for every role."""

    position: int
    staff_id: int
    own_role: int
    second_role: int
    competencies: G.IntArray
    current: G.FloatArray
    required: G.FloatArray
    second_required: G.FloatArray | None
    readiness: G.FloatArray
    coverage: G.FloatArray
    weighted_gap: G.FloatArray
    own_readiness: float
    own_coverage: float

    @property
    def gap(self) -> G.FloatArray:
        return np.where(np.isnan(self.required) | np.isnan(self.current), np.nan,
                        np.maximum(0.0, np.nan_to_num(self.required) - np.nan_to_num(self.current)))

    @property
    def second_gap(self) -> G.FloatArray | None:
        if self.second_required is None:
            return None
        r = self.second_required
        return np.where(np.isnan(r) | np.isnan(self.current), np.nan,
                        np.maximum(0.0, np.nan_to_num(r) - np.nan_to_num(self.current)))


def person_profile(data: GapData, position: int, second_role: int = -1) -> PersonProfile:
    reqs = data.requirements
    row = data.levels.levels[position]
    own_role = int(data.role_index[position])
    nan_row = np.full(row.shape, np.nan)
    required = reqs.required[own_role] if own_role >= 0 else nan_row
    second = reqs.required[second_role] if second_role >= 0 else None
    shown = ~np.isnan(required) | (~np.isnan(second) if second is not None else False)
    if not np.any(shown):
        shown = ~np.isnan(row)
    cols = np.flatnonzero(shown)
    pm = G.pair_measures(data.levels.take([position]), reqs)
    own = data.own
    return PersonProfile(
        position=position, staff_id=int(data.levels.staff_ids[position]), own_role=own_role,
        second_role=second_role, competencies=cols, current=row[cols], required=required[cols],
        second_required=second[cols] if second is not None else None,
        readiness=pm.readiness[0].astype(np.float64), coverage=pm.coverage[0].astype(np.float64),
        weighted_gap=pm.weighted_gap[0].astype(np.float64),
        own_readiness=float(own.readiness[position]), own_coverage=float(own.coverage[position]),
    )


# -- a team ----------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Team:
    """The people of a unit (and the units below it) × the competencies their roles require.

    ``gaps`` is NaN where a person's role does not require the competency, the gap otherwise (0 where the level
    is unknown: ``unknown`` marks those). ``short`` counts, per column, the people short in it."""

    unit_id: int
    people: G.IntArray
    competencies: G.IntArray
    gaps: G.FloatArray
    unknown: G.BoolArray
    short: G.IntArray
    assessed: G.IntArray


def team_members(data: GapData, unit_id: int, include_below: bool = True) -> G.IntArray:
    units = data.lookups.unit_subtree(unit_id) if include_below else frozenset({unit_id})
    people = np.flatnonzero(np.isin(data.unit_id, np.array(sorted(units), dtype=np.int64)))
    return np.array(sorted(people.tolist(), key=lambda p: data.staff_name[p].casefold()), dtype=np.int64)


def team(data: GapData, unit_id: int, include_below: bool = True) -> Team:
    own = data.own
    people = team_members(data, unit_id, include_below)
    req = own.requirement_mask[people]
    cols = np.flatnonzero(req.any(axis=0)) if len(people) else np.zeros(0, dtype=np.int64)
    req = req[:, cols]
    gap = own.gap[np.ix_(people, cols)]
    unknown = req & np.isnan(gap)
    return Team(unit_id=unit_id, people=people, competencies=cols,
                gaps=np.where(req, np.nan_to_num(gap), np.nan), unknown=unknown,
                short=(np.nan_to_num(gap) > 0).sum(axis=0).astype(np.int64),
                assessed=(req & ~unknown).sum(axis=0).astype(np.int64))


def unit_headcounts(data: GapData) -> dict[int, int]:
    """People per unit including the units below it (units without anyone are left out)."""
    units = data.lookups.units
    direct: dict[int, int] = {}
    for u in data.unit_id.tolist():
        if u >= 0:
            direct[u] = direct.get(u, 0) + 1
    total: dict[int, int] = {}
    for u, n in direct.items():
        seen: set[int] = set()
        cur: int | None = u
        while cur is not None and cur in units and cur not in seen:
            seen.add(cur)
            total[cur] = total.get(cur, 0) + n
            cur = units[cur][3]
    return total


def competency_labels(data: GapData, names: Names, cols: Sequence[int], lang: str | None) -> list[str]:
    return [names.competency_name(int(data.levels.competency_ids[c]), lang) for c in cols]
