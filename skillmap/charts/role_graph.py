"""The role-transition graph: role families side by side, seniority from bottom to top, the viable moves
between role profiles as light curved arrows, and one route drawn on top of them.

The graph is the ``networkx.DiGraph`` of :mod:`skillmap.pathways.graph` (this module does not import it):
nodes are role positions with a ``label`` attribute (the text shown; pass role titles, not codes), edges
carry ``hours``, ``readiness`` (0–1) and ``hard`` (the move builds a hard-to-transfer competency).

Layout. Each family gets a shaded band with its name on top, in the order the families first appear among
the nodes; inside a band, one row per seniority level (junior at the bottom) and, in a row, the family's
roles of that level side by side in node order (with ladders stored role by role, each role's levels line
up in one column). Nodes are rounded boxes coloured by family with the role's label wrapped inside (measured
with the font, at most four lines, then an ellipsis). Edges are quadratic curves (matplotlib's ``arc3``: a
move to the right bends below the straight line, the move back bends above, so A → B and B → A never
coincide; long ones flatter so they stay between two rows); each stops at the edge of its boxes with an arrow
head, and boxes hide the stretches of long edges behind them. The route is drawn over the boxes (under their
labels), each step bent so as to cross as few other boxes as it can.

Data coordinates: one unit is the width of a column of roles; the axes keep an equal aspect, so the boxes
keep their shape and the hit tests of :class:`RoleGraphLayout` work in data coordinates (``event.xdata``,
``event.ydata`` of a matplotlib mouse event). Node labels and family names are glyph outlines in data units
(7.5 and 8 pt at the figure's own size): they grow and shrink with the toolbar's zoom and stay inside their
boxes, and a redraw stays fast with a few hundred edges (in an SVG they are paths, not searchable text).
Margins are fixed in inches, so a canvas that resizes the figure shows more or less of the graph at the same
scale, with the title, the seniority labels and the legend in place.

Artists carry ``gid`` values (the ``GID_*`` constants) so tests and the UI can find them; route steps are
``f"{GID_ROUTE}-{k}-{u}-{v}"`` for step ``k`` (from 1) from node ``u`` to node ``v``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import networkx as nx
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection, PathCollection, PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, PathPatch, Polygon
from matplotlib.path import Path
from matplotlib.textpath import TextPath, text_to_path
from matplotlib.transforms import Bbox, offset_copy

from skillmap.charts import palette
from skillmap.charts._common import (
    CHAR_EM,
    ELLIPSIS,
    LABEL_SIZE,
    LEGEND_SIZE,
    TITLE_SIZE,
    FloatArray,
    fmt_number,
    fmt_percent,
)
from skillmap.i18n import register, tr

register(
    {
        "chart.roles.title": {"en": "Moves between roles", "es": "Movimientos entre puestos"},
        "chart.roles.summary": {"en": "{roles} in {families} · {moves}", "es": "{roles} en {families} · {moves}"},
        "chart.roles.summary_some": {
            "en": "{roles} in {families} · {shown} of {moves} shown: the route's and the target role's",
            "es": "{roles} en {families} · se muestran {shown} de {moves}: los de la ruta y los del puesto objetivo",
        },
        "chart.roles.n_roles": {"en": "{n} roles", "es": "{n} puestos"},
        "chart.roles.n_roles_1": {"en": "1 role", "es": "1 puesto"},
        "chart.roles.n_families": {"en": "{n} families", "es": "{n} familias"},
        "chart.roles.n_families_1": {"en": "1 family", "es": "1 familia"},
        "chart.roles.n_moves": {"en": "{n} viable moves", "es": "{n} movimientos viables"},
        "chart.roles.n_moves_1": {"en": "1 viable move", "es": "1 movimiento viable"},
        "chart.roles.empty": {"en": "No roles to show", "es": "No hay puestos para mostrar"},
        "chart.roles.level": {"en": "Level {level}", "es": "Nivel {level}"},
        "chart.roles.seniority": {"en": "Seniority", "es": "Nivel del puesto"},
        "chart.roles.move": {"en": "Viable move", "es": "Movimiento viable"},
        "chart.roles.move_hard": {"en": "Move that builds a hard-to-transfer competency",
                                  "es": "Movimiento que exige una competencia difícil de transferir"},
        "chart.roles.route": {"en": "Route (steps numbered)", "es": "Ruta (pasos numerados)"},
        "chart.roles.route_role": {"en": "Role on the route", "es": "Puesto en la ruta"},
        "chart.roles.target": {"en": "Target role", "es": "Puesto objetivo"},
        "chart.roles.hard_role": {"en": "Hire rather than reskill", "es": "Conviene contratar en vez de recapacitar"},
        # tooltips
        "chart.roles.tip.family": {"en": "Family: {family}", "es": "Familia: {family}"},
        "chart.roles.tip.family_level": {"en": "Family: {family} · {level}", "es": "Familia: {family} · {level}"},
        "chart.roles.tip.moves": {"en": "Viable moves: {out} out, {into} in",
                                  "es": "Movimientos viables: {out} de salida, {into} de entrada"},
        "chart.roles.tip.families": {"en": "Families: {a} → {b}", "es": "Familias: {a} → {b}"},
        "chart.roles.tip.effort": {"en": "Effort: {hours} h · Readiness: {readiness}",
                                   "es": "Esfuerzo: {hours} h · Preparación: {readiness}"},
        "chart.roles.tip.hard": {"en": "Builds a hard-to-transfer competency: consider hiring",
                                 "es": "Exige una competencia difícil de transferir: considere contratar"},
        "chart.roles.tip.reverse": {"en": "Move back: {hours} h · Readiness: {readiness}",
                                    "es": "Movimiento de regreso: {hours} h · Preparación: {readiness}"},
        "chart.roles.tip.not_viable": {"en": "Not a viable move between these role profiles",
                                       "es": "No es un movimiento viable entre estos perfiles de puesto"},
        "chart.roles.tip.hard_role": {"en": "Hire rather than reskill",
                                      "es": "Conviene contratar en vez de recapacitar"},
    }
)

GID_NODES = "skillmap-role-graph-nodes"
GID_LABELS = "skillmap-role-graph-labels"        # the node labels (one collection of glyph outlines)
GID_FAMILY = "skillmap-role-graph-family"        # one band per family: f"{GID_FAMILY}-{i}"
GID_FAMILY_NAMES = "skillmap-role-graph-family-names"
GID_EDGES = "skillmap-role-graph-edges"          # the viable moves (one collection), and their heads
GID_EDGES_HARD = "skillmap-role-graph-edges-hard"
GID_ROUTE = "skillmap-role-graph-route"          # f"{GID_ROUTE}-{k}-{u}-{v}", heads f"{GID_ROUTE}-head-{k}"
GID_STEPS = "skillmap-role-graph-steps"          # the numbered badges; texts f"{GID_STEPS}-{k}"
GID_TARGET = "skillmap-role-graph-target"
GID_HARD_NODES = "skillmap-role-graph-hard-nodes"
GID_EMPTY = "skillmap-role-graph-empty"
GID_LEGEND = "skillmap-role-graph-legend"

# -- sizes (inches unless said) ---------------------------------------------------------------------------
COLUMN_IN = 1.4          # one column of roles; 1 data unit
BOX_W = 0.8              # box width, data units
BOX_PAD = 0.045          # box edge to its text, data units
FAMILY_GAP = 0.3         # extra space between family bands, data units
BAND_PAD = 0.06          # band edge to the outer boxes' columns, data units
NODE_PT = 7.5            # node labels at the figure's size
FAMILY_PT = 8.0          # family names
ROW_GAP_IN = 0.62        # vertical room between boxes for the edges
MAX_LINES = 4            # lines of a node label
RAD = 0.22               # arc3 curvature of short edges
EDGE_GAP = 0.02          # data units between a box and the start/end of an edge
HEAD_LEN, HEAD_W = 0.075, 0.055
ROUTE_HEAD_LEN, ROUTE_HEAD_W = 0.12, 0.1
MIN_WIDTH_IN, MIN_AXES_H_IN = 6.5, 1.6
LEGEND_WIDTH_IN = 10.0

#: Family colours: the Okabe–Ito colours without vermillion (kept for hard-to-transfer warnings), yellow
#: (the target's halo) and black, cycled; neighbouring families never share one.
FAMILY_COLOURS: tuple[str, ...] = (palette.BLUE, palette.ORANGE, palette.BLUISH_GREEN, palette.SKY_BLUE,
                                   palette.REDDISH_PURPLE)
EDGE_COLOUR = "#3A3A3A"
EDGE_ALPHA = 0.28
HARD_COLOUR = palette.VERMILLION
HARD_ALPHA = 0.42
ROUTE_COLOUR = "#111111"
TARGET_HALO = palette.YELLOW

Edge = tuple[int, int]
BoolArray = npt.NDArray[np.bool_]


# -- hit tests -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoleGraphLayout:
    """Where :func:`role_graph_figure` drew the graph, in data coordinates, for hover and hit tests.

    ``positions`` the centre of each node's box; ``node_radius`` half the box height and ``node_half_width``
    half its width (so a node is hit inside its box); ``edges`` the edges drawn (route steps included, in
    route order after the others) and ``curves`` their visible curves (``edges × 3 × 2``: start, control point
    and end of a quadratic Bézier, the end at the tip of the arrow head); ``route_edges`` the route's steps in
    order; ``family_boxes`` each family's band ``(x0, y0, x1, y1)``; ``rows`` the y of each seniority row
    ``(value, y)``; ``labels`` the text shown in each box (wrapped, perhaps shortened). ``axes`` is the graph's
    axes (``None`` for an empty graph), used by :meth:`data_tolerance`.
    """

    positions: dict[int, tuple[float, float]]
    node_radius: float
    node_half_width: float = 0.0
    edges: tuple[Edge, ...] = ()
    curves: FloatArray = field(default_factory=lambda: np.zeros((0, 3, 2)), compare=False, repr=False)
    route_edges: tuple[Edge, ...] = ()
    family_boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    rows: tuple[tuple[int | str, float], ...] = ()
    labels: dict[int, str] = field(default_factory=dict)
    axes: Axes | None = field(default=None, compare=False, repr=False)

    def node_at(self, x: float | None, y: float | None) -> int | None:
        """The node whose box contains data point ``(x, y)``, or ``None`` (also for ``None``/NaN input)."""
        if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)) or not self.positions:
            return None
        nodes = list(self.positions)
        xy = np.array([self.positions[n] for n in nodes], dtype=float)
        half_w = self.node_half_width or self.node_radius
        dx, dy = np.abs(xy[:, 0] - x), np.abs(xy[:, 1] - y)
        inside = (dx <= half_w) & (dy <= self.node_radius)
        if not inside.any():
            return None
        d = np.where(inside, np.hypot(dx, dy), np.inf)
        return int(nodes[int(np.argmin(d))])

    def edge_at(self, x: float | None, y: float | None, tol: float) -> Edge | None:
        """The drawn edge whose visible curve passes nearest data point ``(x, y)``, if within ``tol`` data
        units (route steps win ties); ``None`` otherwise. Call :meth:`node_at` first: boxes hide the curves
        behind them."""
        if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)) or not self.edges:
            return None
        d = _distance_to_curves(self.curves, np.array([x, y], dtype=float))
        # the last drawn edge (route steps come last) wins a tie, as it is drawn on top
        order = np.arange(len(d))[::-1]
        best = order[np.argmin(d[::-1])]
        return self.edges[int(best)] if d[best] <= tol else None

    def data_tolerance(self, pixels: float) -> float:
        """``pixels`` display pixels in data units at the current zoom (for :meth:`edge_at`)."""
        if self.axes is None:
            return 0.0
        (x0, _y0), (x1, _y1) = self.axes.transData.transform([(0.0, 0.0), (1.0, 0.0)])
        scale = abs(x1 - x0)
        return float(pixels) / scale if scale > 0 else 0.0


def _bezier(curves: FloatArray, t: FloatArray) -> FloatArray:
    """Points of quadratic Béziers ``curves`` (m × 3 × 2) at parameters ``t`` (k,): m × k × 2."""
    p0, c, p2 = curves[:, None, 0, :], curves[:, None, 1, :], curves[:, None, 2, :]
    s = t[None, :, None]
    return (1 - s) ** 2 * p0 + 2 * (1 - s) * s * c + s**2 * p2


def _distance_to_curves(curves: FloatArray, point: FloatArray, samples: int = 48) -> FloatArray:
    """Distance from ``point`` to each curve (as a polyline of ``samples`` segments)."""
    pts = _bezier(curves, np.linspace(0.0, 1.0, samples + 1))
    a, b = pts[:, :-1, :], pts[:, 1:, :]
    ab = b - a
    length2 = (ab**2).sum(axis=2)
    t = np.clip(((point - a) * ab).sum(axis=2) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    nearest = a + t[:, :, None] * ab
    return np.sqrt(((nearest - point) ** 2).sum(axis=2)).min(axis=1)


# -- text drawn as paths ---------------------------------------------------------------------------------
# Node labels and family names are glyph outlines in data units (one collection each): they zoom with the
# boxes, and a redraw costs a few milliseconds instead of several per text object (panning stays smooth).
CAP_HEIGHT = 0.73  # DejaVu Sans capitals, in ems


@lru_cache(maxsize=4096)
def _glyphs(line: str, bold: bool) -> tuple[FloatArray, npt.NDArray[np.uint8], float]:
    """Outline of one line of text at a font size of 1 (vertices, codes, width), baseline at y = 0."""
    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=1.0)
    tp = TextPath((0.0, 0.0), line, size=1.0, prop=prop)
    verts = np.asarray(tp.vertices, dtype=float)
    width = float(verts[:, 0].max()) if len(verts) else 0.0
    codes = np.asarray(tp.codes, dtype=np.uint8) if tp.codes is not None else np.full(len(verts), 2, np.uint8)
    return verts, codes, width


@lru_cache(maxsize=4096)
def _char_width(char: str, bold: bool) -> float:
    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=1.0)
    return float(text_to_path.get_text_width_height_descent(char, prop, ismath=False)[0])


def _width(text: str, bold: bool) -> float:
    """Width of one line in ems (sum of the characters' advances: kerning is small at these sizes)."""
    return sum(_char_width(c, bold) for c in text)


def _fit(text: str, max_em: float, max_lines: int, bold: bool = False) -> str:
    """``text`` wrapped at spaces into lines at most ``max_em`` ems wide (long words cut), at most
    ``max_lines`` lines, the last one ending in an ellipsis when the text does not fit."""
    words = " ".join(str(text).split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _width(candidate, bold) <= max_em:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _width(current, bold) > max_em and len(current) > 1:  # a word wider than the line
            cut = len(current) - 1
            while cut > 1 and _width(current[:cut] + "-", bold) > max_em:
                cut -= 1
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        while last and _width(last + ELLIPSIS, bold) > max_em:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip(" ,;:-") + ELLIPSIS]
    return "\n".join(lines)


def _text_path(text: str, x: float, y: float, em: float, *, bold: bool = False, va: str = "center",
               spacing: float = 1.2) -> Path:
    """``text`` (lines separated by newlines) centred on ``x``, centred on ``y`` (``va="center"``) or hanging
    from it (``va="top"``), ``em`` data units tall per line."""
    lines = text.split("\n")
    step = spacing * em
    first = y - CAP_HEIGHT * em if va == "top" else y + (len(lines) - 1) * step / 2 - CAP_HEIGHT * em / 2
    verts: list[FloatArray] = []
    codes: list[npt.NDArray[np.uint8]] = []
    for k, line in enumerate(lines):
        v, c, w = _glyphs(line, bold)
        if not len(v):
            continue
        verts.append(v * em + (x - w * em / 2, first - k * step))
        codes.append(c)
    if not verts:
        return Path(np.array([[x, y]]), [Path.MOVETO])
    return Path(np.concatenate(verts), np.concatenate(codes))


# -- the figure ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Grid:
    """Node centres and family bands in data units."""

    positions: dict[int, tuple[float, float]]
    family_order: list[str]
    family_span: dict[str, tuple[float, float]]   # x of the first and last column
    row_values: list[int | str]
    pitch: float


def _row_order(values: Sequence[int | str]) -> list[int | str]:
    """Seniority rows bottom to top: whole numbers in increasing order, then texts in order of appearance."""
    nums = sorted({int(v) for v in values if not isinstance(v, str)})
    texts: list[int | str] = []
    for v in values:
        if isinstance(v, str) and v not in texts:
            texts.append(v)
    return [*nums, *texts]


def _norm_seniority(v: object) -> int | str:
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer, float, np.floating)):
        raise ValueError(f"seniority must be a whole number or a text, not {v!r}")
    if isinstance(v, (float, np.floating)) and not float(v).is_integer():
        raise ValueError(f"seniority must be a whole number or a text, not {v!r}")
    return int(v)


def _grid(nodes: list[int], families: Sequence[str], seniority: Sequence[int | str], pitch: float) -> _Grid:
    fam_of = {n: str(families[n]) for n in nodes}
    sen_of = {n: _norm_seniority(seniority[n]) for n in nodes}
    family_order: list[str] = []
    for n in nodes:
        if fam_of[n] not in family_order:
            family_order.append(fam_of[n])
    rows = _row_order([sen_of[n] for n in nodes])
    row_y = {v: i * pitch for i, v in enumerate(rows)}
    positions: dict[int, tuple[float, float]] = {}
    span: dict[str, tuple[float, float]] = {}
    x = 0.0
    for fam in family_order:
        members = [n for n in nodes if fam_of[n] == fam]
        slot: dict[Hashable, int] = {}
        width = 1
        for n in members:
            k = slot.get(sen_of[n], 0)
            slot[sen_of[n]] = k + 1
            width = max(width, k + 1)
            positions[n] = (x + k, row_y[sen_of[n]])
        span[fam] = (x, x + width - 1)
        x += width + FAMILY_GAP
    return _Grid(positions, family_order, span, rows, pitch)


def _label(graph: nx.DiGraph, n: int, labels: Sequence[str] | None = None) -> str:
    label = labels[n] if labels is not None else graph.nodes[n].get("label")
    return str(n) if label is None or str(label).strip() == "" else " ".join(str(label).split())


def _check_inputs(graph: nx.DiGraph, families: Sequence[str], seniority: Sequence[int | str] | None,
                  nodes: Collection[int], labels: Sequence[str] | None = None) -> None:
    if seniority is not None and len(families) != len(seniority):
        raise ValueError(f"{len(families)} families for {len(seniority)} seniority values: one of each per role")
    if labels is not None and len(labels) != len(families):
        raise ValueError(f"{len(labels)} labels for {len(families)} families: one of each per role")
    for n in graph.nodes:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= int(n) < len(families):
            raise ValueError(f"node {n!r} is not a role position 0..{len(families) - 1}")
    missing = [n for n in nodes if n not in graph]
    if missing:
        raise ValueError(f"nodes {missing} are not in the graph")


def _lighten(colour: str, amount: float) -> tuple[float, float, float]:
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _arc_rad(p0: FloatArray, p2: FloatArray, max_bulge: float) -> FloatArray:
    """arc3 curvature of chords ``p0 → p2`` (m × 2): ``RAD``, less for long chords so that the curve bulges
    at most ``max_bulge`` away from the chord (half the control point's offset)."""
    d = p2 - p0
    length = np.hypot(d[:, 0], d[:, 1])
    return np.minimum(RAD, 2 * max_bulge / np.maximum(length, 1e-9))


def _control(p0: FloatArray, p2: FloatArray, rad: FloatArray) -> FloatArray:
    """Control points of matplotlib's ``arc3,rad=…`` for chords ``p0 → p2``: the chord's middle moved by
    ``rad`` × its length, to the right of the direction of travel."""
    d = p2 - p0
    return (p0 + p2) / 2 + rad[:, None] * np.stack([d[:, 1], -d[:, 0]], axis=1)


def _route_rads(p0: FloatArray, p2: FloatArray, rad: FloatArray, centres: FloatArray,
                half: tuple[float, float], y_range: tuple[float, float], pitch: float) -> FloatArray:
    """For each route step, the curvature (from the usual one, its opposite and wider or flatter arcs) whose
    curve crosses the fewest other boxes and stays within ``y_range``: the thick route line should not run
    through the labels of roles it does not enter."""
    out = rad.copy()
    t = np.linspace(0.0, 1.0, 65)[:, None]
    for i in range(len(p0)):
        length = float(np.hypot(*(p2[i] - p0[i])))
        if length <= 0:
            continue
        bulges = [b * pitch for b in (0.2, 0.35, 0.5, 0.7, 0.95)]
        candidates = [float(rad[i]), -float(rad[i]), 0.0]
        candidates += [s * 2 * b / length for b in bulges for s in (1.0, -1.0)]
        best: tuple[float, float] | None = None
        for k, r in enumerate(candidates):
            c = _control(p0[i: i + 1], p2[i: i + 1], np.array([r]))[0]
            pts = (1 - t) ** 2 * p0[i] + 2 * (1 - t) * t * c + t**2 * p2[i]
            dx = np.abs(pts[:, None, 0] - centres[None, :, 0])
            dy = np.abs(pts[:, None, 1] - centres[None, :, 1])
            inside = (dx <= half[0] + 0.03) & (dy <= half[1] + 0.03)
            own = ((np.abs(centres[:, 0] - p0[i, 0]) < 1e-9) & (np.abs(centres[:, 1] - p0[i, 1]) < 1e-9)) | (
                (np.abs(centres[:, 0] - p2[i, 0]) < 1e-9) & (np.abs(centres[:, 1] - p2[i, 1]) < 1e-9))
            hits = float(inside[:, ~own].any(axis=1).sum())
            outside = float(((pts[:, 1] < y_range[0]) | (pts[:, 1] > y_range[1])).sum())
            score = (hits + 2 * outside, float(k))
            if best is None or score < best:
                best, out[i] = score, r
    return out


def _sub_curve(p0: FloatArray, c: FloatArray, p2: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    """The pieces ``[a, b]`` of quadratic Béziers (blossoming): m × 3 × 2."""
    a2, b2 = a[:, None], b[:, None]
    q0 = (1 - a2) ** 2 * p0 + 2 * (1 - a2) * a2 * c + a2**2 * p2
    q2 = (1 - b2) ** 2 * p0 + 2 * (1 - b2) * b2 * c + b2**2 * p2
    q1 = (1 - a2) * (1 - b2) * p0 + ((1 - a2) * b2 + a2 * (1 - b2)) * c + a2 * b2 * p2
    return np.stack([q0, q1, q2], axis=1)


def _bisect(inside: Callable[[FloatArray], BoolArray], lo: FloatArray, hi: FloatArray,
            steps: int = 40) -> FloatArray:
    """Per curve, the parameter between ``lo`` (``inside`` true) and ``hi`` (false) where ``inside`` flips."""
    for _ in range(steps):
        mid = (lo + hi) / 2
        ins = inside(mid)
        lo, hi = np.where(ins, mid, lo), np.where(ins, hi, mid)
    return (lo + hi) / 2


def _edge_curves(p0: FloatArray, p2: FloatArray, half: tuple[float, float], rad: FloatArray,
                 head_len: float) -> tuple[FloatArray, FloatArray]:
    """Visible curves from box to box (m × 3 × 2, ending at the arrow's tip) and the lines' curves (ending at
    the base of the head)."""
    if len(p0) == 0:
        empty = np.zeros((0, 3, 2))
        return empty, empty
    c = _control(p0, p2, rad)
    hw, hh = half[0] + EDGE_GAP, half[1] + EDGE_GAP

    def point(t: FloatArray) -> FloatArray:
        s = t[:, None]
        return (1 - s) ** 2 * p0 + 2 * (1 - s) * s * c + s**2 * p2

    def in_box(centre: FloatArray) -> Callable[[FloatArray], BoolArray]:
        def test(t: FloatArray) -> BoolArray:
            q = point(t)
            return (np.abs(q[:, 0] - centre[:, 0]) <= hw) & (np.abs(q[:, 1] - centre[:, 1]) <= hh)
        return test

    m = len(p0)
    half_t = np.full(m, 0.5)
    t0 = _bisect(in_box(p0), np.zeros(m), half_t)
    t1 = _bisect(in_box(p2), np.ones(m), half_t)
    visible = _sub_curve(p0, c, p2, t0, t1)
    tip = visible[:, 2, :]

    def near_tip(t: FloatArray) -> BoolArray:
        return np.hypot(*(point(t) - tip).T) <= head_len * 0.85

    t_base = _bisect(near_tip, t1, t0)
    line = _sub_curve(p0, c, p2, t0, t_base)
    return visible, line


def _heads(curves: FloatArray, length: float, width: float) -> list[FloatArray]:
    """Triangular arrow heads at the ends of ``curves``, along the tangent there."""
    tip, ctrl = curves[:, 2, :], curves[:, 1, :]
    d = tip - ctrl
    norm = np.hypot(d[:, 0], d[:, 1])
    d = d / np.where(norm > 0, norm, 1.0)[:, None]
    perp = np.stack([-d[:, 1], d[:, 0]], axis=1)
    base = tip - length * d
    left, right = base + perp * width / 2, base - perp * width / 2
    return [np.array([t, l_, r]) for t, l_, r in zip(tip, left, right, strict=True)]


def _paths(curves: FloatArray) -> list[Path]:
    codes = [Path.MOVETO, Path.CURVE3, Path.CURVE3]
    return [Path(c, codes) for c in curves]


def role_graph_figure(graph: nx.DiGraph, *, families: Sequence[str], seniority: Sequence[int | str],
                      route: Sequence[int] = (), highlight: int | None = None, lang: str | None = None,
                      title: str | None = None, hard_nodes: Collection[int] = (),
                      show_all_edges: bool = True, subtitle: str | None = None,
                      labels: Sequence[str] | None = None) -> tuple[Figure, RoleGraphLayout]:
    """The role-transition graph (module docstring) and where it was drawn.

    ``families[n]`` and ``seniority[n]`` are the family name and seniority of node ``n`` (whole numbers are
    shown as "Level n", texts as they are and above the numbers, in order of appearance). ``route`` the roles
    of a route in order: drawn thick and dark on top, steps numbered, its roles outlined (a step that is not
    an edge of the graph is drawn too: the first move of a person is judged on their own levels). ``highlight``
    the target role, marked with a yellow halo. ``hard_nodes`` roles marked "hire rather than reskill".
    ``show_all_edges=False`` draws only the route and the moves into and out of ``highlight``. ``subtitle``
    replaces the counts under the title. ``labels[n]``, when given, is the text of node ``n`` instead of its
    ``label`` attribute (the pathways graph labels nodes with profile codes; pass the role titles in the
    display language). An empty graph gives a figure that says so.
    """
    route = [int(n) for n in route]
    hard_set = {int(n) for n in hard_nodes}
    marked = [*route, *hard_set, *([int(highlight)] if highlight is not None else [])]
    _check_inputs(graph, families, seniority, marked, labels)
    nodes = sorted(int(n) for n in graph.nodes)
    heading = title or tr("chart.roles.title", lang)
    if not nodes:
        return _empty(heading, lang), RoleGraphLayout(positions={}, node_radius=0.0)

    texts = {n: _label(graph, n, labels) for n in nodes}
    node_em = NODE_PT / 72.0 / COLUMN_IN
    bold_nodes = {*route, *([int(highlight)] if highlight is not None else [])}
    label_em = (BOX_W - 2 * BOX_PAD) / node_em  # the box's inner width in ems
    wrapped = {n: _fit(texts[n], label_em, MAX_LINES, n in bold_nodes) for n in nodes}
    lines = max(2, max(w.count("\n") + 1 for w in wrapped.values()))
    box_h_in = lines * NODE_PT * 1.2 / 72.0 + 0.14
    half = (BOX_W / 2, box_h_in / 2 / COLUMN_IN)
    pitch = (box_h_in + ROW_GAP_IN) / COLUMN_IN
    grid = _grid(nodes, families, seniority, pitch)
    pos = grid.positions

    # family bands: x extent, and room on top for the names
    fam_em = FAMILY_PT / 72.0 / COLUMN_IN
    fam_text: dict[str, str] = {}
    fam_lines = 1
    for fam in grid.family_order:
        x0, x1 = grid.family_span[fam]
        fam_text[fam] = _fit(fam, (x1 - x0 + 1 - 2 * BAND_PAD - 2 * BOX_PAD) / fam_em, 3, bold=True)
        fam_lines = max(fam_lines, fam_text[fam].count("\n") + 1)
    top_row = (len(grid.row_values) - 1) * pitch
    header = (fam_lines * FAMILY_PT * 1.25 / 72.0 + 0.14) / COLUMN_IN
    band_y0 = -half[1] - 0.22
    band_y1 = top_row + half[1] + 0.18 + header
    boxes = {fam: (grid.family_span[fam][0] - 0.5 + BAND_PAD, band_y0, grid.family_span[fam][1] + 0.5 - BAND_PAD,
                   band_y1) for fam in grid.family_order}
    x_lo = min(b[0] for b in boxes.values()) - 0.08
    x_hi = max(b[2] for b in boxes.values()) + 0.08
    y_lo, y_hi = band_y0 - 0.08, band_y1 + 0.08

    # which edges
    route_steps: list[Edge] = [(a, b) for a, b in pairwise(route) if a != b]
    route_set = set(route_steps)
    plain = [(int(a), int(b)) for a, b in graph.edges if a != b and (int(a), int(b)) not in route_set
             and (show_all_edges or (highlight is not None and highlight in (a, b)))]
    plain.sort()
    is_hard = [bool(graph.edges[e].get("hard", False)) for e in plain]
    n_moves = sum(1 for a, b in graph.edges if a != b)
    n_shown = len(plain) + sum(1 for e in route_steps if graph.has_edge(*e))

    # figure size: axes at 1 unit = COLUMN_IN, margins for title, seniority labels and legend
    row_names = [_row_name(v, lang) for v in grid.row_values]
    left_in = 0.25 + max(len(s) for s in row_names) * LABEL_SIZE * CHAR_EM / 72.0 + 0.35
    right_in = 0.2
    axes_w = (x_hi - x_lo) * COLUMN_IN
    axes_h = max((y_hi - y_lo) * COLUMN_IN, MIN_AXES_H_IN)
    width = max(left_in + axes_w + right_in, MIN_WIDTH_IN)
    counts = {"roles": _count("chart.roles.n_roles", len(nodes), lang),
              "families": _count("chart.roles.n_families", len(grid.family_order), lang),
              "moves": _count("chart.roles.n_moves", n_moves, lang)}
    sub = subtitle if subtitle is not None else (
        tr("chart.roles.summary", lang, **counts) if show_all_edges
        else tr("chart.roles.summary_some", lang, shown=fmt_number(n_shown, 0), **counts))
    # a figure wider or taller than the graph (a small graph): the spare room on the right and on top
    x_hi += (width - left_in - axes_w - right_in) / COLUMN_IN
    y_hi += (axes_h - (y_hi - y_lo) * COLUMN_IN) / COLUMN_IN
    top_in = 0.14 + TITLE_SIZE * 1.4 / 72.0 + (LABEL_SIZE * 1.4 / 72.0 if sub else 0.0) + 0.1
    handles = _legend_handles(lang, any(is_hard) or any(graph.edges[e].get("hard", False) for e in route_steps
                                                         if graph.has_edge(*e)),
                              bool(route), highlight is not None, bool(hard_set))
    # columns for a canvas of 10 in at most, so the legend still fits when the UI shows the figure smaller
    ncol, legend_rows = _legend_columns(handles, min(width, LEGEND_WIDTH_IN) - 0.3)
    bottom_in = 0.1 + legend_rows * LEGEND_SIZE * 1.75 / 72.0 + 0.1
    # margins fixed in inches (an axes locator, re-applied at every draw): when a canvas resizes the figure the
    # axes take the rest and, keeping an equal aspect, show more or less of the graph at the same scale
    height = top_in + axes_h + bottom_in
    fig = Figure(figsize=(width, height), facecolor="white")
    inch = fig.dpi_scale_trans
    fig.text(0.0, 1.0, heading, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold",
             transform=offset_copy(fig.transFigure, fig, x=0.12, y=-0.14, units="inches"))
    if sub:
        fig.text(0.0, 1.0, sub, ha="left", va="top", fontsize=LABEL_SIZE, color=palette.TEXT_MUTED,
                 transform=offset_copy(fig.transFigure, fig, x=0.12, y=-0.14 - TITLE_SIZE * 1.4 / 72.0,
                                       units="inches"))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axes_locator(_InchMargins(left_in, right_in, top_in, bottom_in))
    # the extent as data limits with autoscaling on (not fixed limits): the equal aspect then widens them
    # silently when the figure is wider or narrower than the graph
    ax.update_datalim([(x_lo, y_lo), (x_hi, y_hi)])
    ax.margins(0.0)
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks([])
    ax.set_yticks([i * pitch for i in range(len(row_names))], row_names)
    ax.tick_params(axis="y", length=0, labelsize=LABEL_SIZE, colors="#333333", pad=4)
    ax.set_ylabel(tr("chart.roles.seniority", lang), fontsize=LABEL_SIZE, color=palette.TEXT_MUTED)
    ax.set_facecolor("white")

    # bands and family names
    colour_of = {fam: FAMILY_COLOURS[i % len(FAMILY_COLOURS)] for i, fam in enumerate(grid.family_order)}
    for i, fam in enumerate(grid.family_order):
        x0, y0, x1, y1 = boxes[fam]
        band = FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0,rounding_size=0.08",
                              facecolor=_lighten(colour_of[fam], 0.9), edgecolor="none", zorder=0.2)
        band.set_gid(f"{GID_FAMILY}-{i}")
        ax.add_artist(band)
        # the band's head, above the edges, so the long moves that bulge up there do not cross the name
        cap_y0 = top_row + half[1] + 0.1
        cap = FancyBboxPatch((x0, cap_y0), x1 - x0, y1 - cap_y0, boxstyle="round,pad=0,rounding_size=0.08",
                             facecolor=_lighten(colour_of[fam], 0.9), edgecolor="none", zorder=3.4)
        ax.add_artist(cap)
        ax.add_artist(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0,rounding_size=0.08",
                                    facecolor="none", edgecolor=_lighten(colour_of[fam], 0.6), linewidth=0.8,
                                    zorder=3.45))
    names = PathCollection([_text_path(fam_text[f], (boxes[f][0] + boxes[f][2]) / 2, boxes[f][3] - 0.08, fam_em,
                                       bold=True, va="top", spacing=1.15) for f in grid.family_order],
                           facecolors="#262626", edgecolors="none", zorder=3.5)
    names.set_gid(GID_FAMILY_NAMES)
    ax.add_collection(names, autolim=False)

    # edges
    max_bulge = 0.42 * pitch
    p0 = np.array([pos[a] for a, _ in plain], dtype=float).reshape(-1, 2)
    p2 = np.array([pos[b] for _, b in plain], dtype=float).reshape(-1, 2)
    visible, lines_ = _edge_curves(p0, p2, half, _arc_rad(p0, p2, max_bulge), HEAD_LEN)
    hard_mask = np.array(is_hard, dtype=bool)
    heads = _heads(visible, HEAD_LEN, HEAD_W)
    # few edges (only the target's) can be darker than a few hundred
    boost = float(np.clip(np.sqrt(300.0 / max(len(plain), 1)), 1.0, 1.8))
    styles = ((~hard_mask, EDGE_COLOUR, EDGE_ALPHA * boost, "solid", GID_EDGES, 1.0),
              (hard_mask, HARD_COLOUR, HARD_ALPHA * boost, (0, (4, 2.5)), GID_EDGES_HARD, 1.1))
    for mask, colour, alpha, style, gid, z in styles:
        idx = np.flatnonzero(mask)
        coll = PathCollection(_paths(lines_[idx]), facecolors="none", edgecolors=colour, linewidths=0.7,
                              linestyles=style, alpha=alpha, zorder=z)
        coll.set_gid(gid)
        ax.add_collection(coll, autolim=False)
        head_coll = PolyCollection([heads[i] for i in idx], facecolors=colour, edgecolors="none",
                                   alpha=min(1.0, alpha + 0.15), zorder=z + 0.05)
        head_coll.set_gid(f"{gid}-heads")
        ax.add_collection(head_coll, autolim=False)

    # route steps
    r0 = np.array([pos[a] for a, _ in route_steps], dtype=float).reshape(-1, 2)
    r2 = np.array([pos[b] for _, b in route_steps], dtype=float).reshape(-1, 2)
    centres = np.array([pos[n] for n in nodes], dtype=float)
    r_rad = _route_rads(r0, r2, _arc_rad(r0, r2, max_bulge), centres, half, (band_y0, top_row + half[1] + 0.1), pitch)
    r_visible, r_lines = _edge_curves(r0, r2, half, r_rad, ROUTE_HEAD_LEN)
    r_heads = _heads(r_visible, ROUTE_HEAD_LEN, ROUTE_HEAD_W)
    badge_xy: list[FloatArray] = []
    for k, (a, b) in enumerate(route_steps, start=1):
        hard = graph.has_edge(a, b) and bool(graph.edges[a, b].get("hard", False))
        line = PathPatch(_paths(r_lines[k - 1: k])[0], facecolor="none", edgecolor=ROUTE_COLOUR, linewidth=2.4,
                         linestyle=(0, (3.5, 1.8)) if hard else "solid", capstyle="butt", zorder=3.5)
        line.set_gid(f"{GID_ROUTE}-{k}-{a}-{b}")
        ax.add_artist(line)
        head = Polygon(r_heads[k - 1], closed=True, facecolor=ROUTE_COLOUR, edgecolor="none", zorder=3.55)
        head.set_gid(f"{GID_ROUTE}-head-{k}")
        ax.add_artist(head)
        badge_xy.append(_bezier(r_visible[k - 1: k], np.array([0.5]))[0, 0])
    if badge_xy:
        xy = np.array(badge_xy)
        steps = ax.scatter(xy[:, 0], xy[:, 1], s=(LEGEND_SIZE * 1.9) ** 2, facecolors=ROUTE_COLOUR,
                           edgecolors="white", linewidths=1.2, zorder=5.0)
        steps.set_gid(GID_STEPS)
        for k, (bx, by) in enumerate(xy, start=1):
            t = ax.text(bx, by, str(k), ha="center", va="center_baseline", fontsize=LEGEND_SIZE - 0.5,
                        fontweight="bold", color="white", zorder=5.1, clip_on=True)
            t.set_gid(f"{GID_STEPS}-{k}")

    # target halo, boxes, labels, route outlines, hard badges
    if highlight is not None:
        hx, hy = pos[int(highlight)]
        pad = 0.07
        halo = FancyBboxPatch((hx - half[0] - pad, hy - half[1] - pad), 2 * (half[0] + pad), 2 * (half[1] + pad),
                              boxstyle="round,pad=0,rounding_size=0.1", facecolor=TARGET_HALO,
                              edgecolor=ROUTE_COLOUR, linewidth=1.2, zorder=2.5)
        halo.set_gid(GID_TARGET)
        ax.add_artist(halo)
    fam_of = {n: str(families[n]) for n in nodes}
    node_boxes = [FancyBboxPatch((pos[n][0] - half[0], pos[n][1] - half[1]), 2 * half[0], 2 * half[1],
                                 boxstyle="round,pad=0,rounding_size=0.06") for n in nodes]
    on_route = set(route)
    nodes_coll = PatchCollection(node_boxes, facecolors=[_lighten(colour_of[fam_of[n]], 0.72) for n in nodes],
                                 edgecolors=[ROUTE_COLOUR if n in on_route else colour_of[fam_of[n]] for n in nodes],
                                 linewidths=[2.2 if n in on_route else 0.9 for n in nodes], zorder=3.0)
    nodes_coll.set_gid(GID_NODES)
    ax.add_collection(nodes_coll, autolim=False)
    label_paths = [_text_path(wrapped[n], pos[n][0], pos[n][1], node_em, bold=n in bold_nodes,
                              spacing=1.12) for n in nodes]
    labels_coll = PathCollection(label_paths, facecolors="#111111", edgecolors="none", zorder=4.0)
    labels_coll.set_gid(GID_LABELS)
    ax.add_collection(labels_coll, autolim=False)
    if hard_set:
        hn = sorted(hard_set)
        hx_ = [pos[n][0] + half[0] - 0.02 for n in hn]
        hy_ = [pos[n][1] + half[1] - 0.01 for n in hn]
        badges = ax.scatter(hx_, hy_, s=(NODE_PT * 1.45) ** 2, marker="^", facecolors=HARD_COLOUR,
                            edgecolors="white", linewidths=0.8, zorder=4.5)
        badges.set_gid(GID_HARD_NODES)

    legend = fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.12, 0.1), bbox_transform=inch,
                        ncol=ncol, frameon=False, fontsize=LEGEND_SIZE, handlelength=2.4, handleheight=1.1,
                        columnspacing=1.6, borderaxespad=0.0, borderpad=0.0)
    legend.set_gid(GID_LEGEND)

    all_edges = (*plain, *route_steps)
    curves = np.concatenate([visible, r_visible]) if len(all_edges) else np.zeros((0, 3, 2))
    layout = RoleGraphLayout(
        positions={n: (float(pos[n][0]), float(pos[n][1])) for n in nodes},
        node_radius=float(half[1]), node_half_width=float(half[0]), edges=tuple(all_edges), curves=curves,
        route_edges=tuple(route_steps), family_boxes={f: tuple(map(float, b)) for f, b in boxes.items()},  # type: ignore[misc]
        rows=tuple((v, i * pitch) for i, v in enumerate(grid.row_values)), labels=wrapped, axes=ax)
    return fig, layout


class _InchMargins:
    """Axes locator: the axes fill the figure minus margins fixed in inches (title above, legend below)."""

    def __init__(self, left: float, right: float, top: float, bottom: float) -> None:
        self.left, self.right, self.top, self.bottom = left, right, top, bottom

    def __call__(self, ax: Axes, renderer: object) -> Bbox:
        fig = ax.get_figure(root=True)
        w, h = fig.get_size_inches() if fig is not None else (1.0, 1.0)
        aw, ah = max(w - self.left - self.right, 0.2), max(h - self.top - self.bottom, 0.2)
        return Bbox.from_bounds(self.left / w, self.bottom / h, aw / w, ah / h)


def _count(key: str, n: int, lang: str | None) -> str:
    return tr(f"{key}_1", lang) if n == 1 else tr(key, lang, n=fmt_number(n, 0))


def _row_name(value: int | str, lang: str | None) -> str:
    return tr("chart.roles.level", lang, level=value) if isinstance(value, int) else str(value)


def _legend_handles(lang: str | None, hard_edges: bool, route: bool, target: bool,
                    hard_nodes: bool) -> list[Line2D | Patch]:
    handles: list[Line2D | Patch] = [
        Line2D([], [], color=EDGE_COLOUR, alpha=0.6, linewidth=1.0, marker=">", markevery=[-1], markersize=4,
               label=tr("chart.roles.move", lang))]
    if hard_edges:
        handles.append(Line2D([], [], color=HARD_COLOUR, linewidth=1.0, linestyle=(0, (4, 2.5)), marker=">",
                              markevery=[-1], markersize=4, label=tr("chart.roles.move_hard", lang)))
    if route:
        handles.append(Line2D([], [], color=ROUTE_COLOUR, linewidth=2.4, marker=">", markevery=[-1], markersize=6,
                              label=tr("chart.roles.route", lang)))
        handles.append(Patch(facecolor="white", edgecolor=ROUTE_COLOUR, linewidth=2.0,
                             label=tr("chart.roles.route_role", lang)))
    if target:
        handles.append(Patch(facecolor=TARGET_HALO, edgecolor=ROUTE_COLOUR, linewidth=1.2,
                             label=tr("chart.roles.target", lang)))
    if hard_nodes:
        handles.append(Line2D([], [], linestyle="none", marker="^", markersize=8, markerfacecolor=HARD_COLOUR,
                              markeredgecolor="white", label=tr("chart.roles.hard_role", lang)))
    return handles


def _legend_columns(handles: Sequence[Line2D | Patch], width_in: float) -> tuple[int, int]:
    """As many legend columns as fit ``width_in``, and the rows that makes."""
    entry = max(len(str(h.get_label())) for h in handles) * LEGEND_SIZE * CHAR_EM / 72.0 + 0.6
    ncol = max(1, min(len(handles), int(width_in // entry)))
    return ncol, math.ceil(len(handles) / ncol)


def _empty(title: str, lang: str | None) -> Figure:
    fig = Figure(figsize=(MIN_WIDTH_IN, 2.5), facecolor="white")
    fig.text(0.12 / MIN_WIDTH_IN, 1 - 0.14 / 2.5, title, ha="left", va="top", fontsize=TITLE_SIZE,
             fontweight="bold")
    ax = fig.add_axes((0.0, 0.0, 1.0, 0.8))
    ax.set_axis_off()
    t = ax.text(0.5, 0.5, tr("chart.roles.empty", lang), ha="center", va="center", fontsize=LABEL_SIZE + 1,
                color=palette.TEXT_MUTED, transform=ax.transAxes)
    t.set_gid(GID_EMPTY)
    return fig


# -- hover text ------------------------------------------------------------------------------------------
def role_graph_tooltip(graph: nx.DiGraph, node: int | None = None, edge: Edge | None = None, *,
                       families: Sequence[str], lang: str | None = None,
                       seniority: Sequence[int | str] | None = None, hard_nodes: Collection[int] = (),
                       labels: Sequence[str] | None = None) -> str:
    """Hover text for ``node`` (label, family and level, moves out and in) or ``edge`` (the two roles, their
    families, effort in hours and readiness, a hard-to-transfer warning, the move back when viable); both
    when both are given, ``""`` when neither. An edge not in the graph (a person's first step) says so."""
    marked = [n for n in (node, *(edge or ())) if n is not None]
    _check_inputs(graph, families, seniority, marked, labels)
    parts: list[str] = []
    if node is not None:
        n = int(node)
        fam = str(families[n])
        lines = [_label(graph, n, labels)]
        if seniority is not None:
            lines.append(tr("chart.roles.tip.family_level", lang, family=fam,
                            level=_row_name(_norm_seniority(seniority[n]), lang)))
        else:
            lines.append(tr("chart.roles.tip.family", lang, family=fam))
        lines.append(tr("chart.roles.tip.moves", lang, out=graph.out_degree(n), into=graph.in_degree(n)))
        if n in {int(h) for h in hard_nodes}:
            lines.append(tr("chart.roles.tip.hard_role", lang))
        parts.append("\n".join(lines))
    if edge is not None:
        a, b = int(edge[0]), int(edge[1])
        lines = [f"{_label(graph, a, labels)} → {_label(graph, b, labels)}",
                 tr("chart.roles.tip.families", lang, a=str(families[a]), b=str(families[b]))]
        if graph.has_edge(a, b):
            data = graph.edges[a, b]
            lines.append(_effort_line("chart.roles.tip.effort", data, lang))
            if data.get("hard", False):
                lines.append(tr("chart.roles.tip.hard", lang))
        else:
            lines.append(tr("chart.roles.tip.not_viable", lang))
        if graph.has_edge(b, a):
            lines.append(_effort_line("chart.roles.tip.reverse", graph.edges[b, a], lang))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _effort_line(key: str, data: dict[str, object], lang: str | None) -> str:
    hours = float(data.get("hours", float("nan")))  # type: ignore[arg-type]
    readiness = float(data.get("readiness", float("nan")))  # type: ignore[arg-type]
    return tr(key, lang, hours=fmt_number(hours, 1) if math.isfinite(hours) else "—",
              readiness=fmt_percent(readiness) if math.isfinite(readiness) else "—")
