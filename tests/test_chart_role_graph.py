"""The role-transition graph chart (skillmap.charts.role_graph): layout, drawn artists, hit tests, hover text.

The graphs are built by hand with the node and edge attributes of skillmap.pathways.graph (role positions
0..n−1 with ``label``; edges with ``hours``, ``readiness``, ``hard``), so these tests do not depend on the
pathways engine.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise

import networkx as nx
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.text import Text

from skillmap.charts import role_graph as rg
from skillmap.charts import save_figure
from skillmap.charts.role_graph import RoleGraphLayout, role_graph_figure, role_graph_tooltip

#: node: (label, family, seniority)
ROLES = [
    ("Junior data analyst", "Data", 1),                        # 0
    ("Data analyst", "Data", 2),                               # 1
    ("Junior data engineer", "Data", 1),                       # 2
    ("Data engineer", "Data", 2),                              # 3
    ("Junior product manager", "Product and delivery", 1),     # 4
    ("Product manager", "Product and delivery", 2),            # 5
    ("Chief digital officer", "Digital leadership", 3),        # 6
]
FAMILIES = [r[1] for r in ROLES]
FAMILIES_ES = [{"Data": "Datos", "Product and delivery": "Producto y entrega",
                "Digital leadership": "Liderazgo digital"}[f] for f in FAMILIES]
SENIORITY = [r[2] for r in ROLES]
#: (from, to, hours, readiness, hard)
MOVES = [
    (0, 1, 40.0, 0.8, False),
    (1, 0, 0.0, 1.0, False),
    (2, 3, 55.5, 0.7, False),
    (1, 3, 12.5, 0.8, True),
    (3, 1, 30.0, 0.65, False),
    (0, 2, 20.0, 0.75, False),
    (4, 5, 35.0, 0.9, False),
    (5, 1, 60.0, 0.62, True),
    (1, 5, 18.0, 0.7, False),
    (3, 6, 90.0, 0.6, True),
    (5, 6, 70.0, 0.61, False),
    (0, 4, 25.0, 0.66, False),
]


def make_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for i, (label, _fam, _sen) in enumerate(ROLES):
        g.add_node(i, role_id=100 + i, label=label)
    for a, b, hours, readiness, hard in MOVES:
        g.add_edge(a, b, hours=hours, readiness=readiness, hard=hard)
    return g


def figure(**kwargs: object) -> tuple[Figure, RoleGraphLayout]:
    options: dict[str, object] = {"families": FAMILIES, "seniority": SENIORITY, "lang": "en"}
    options.update(kwargs)
    graph = options.pop("graph", None)
    return role_graph_figure(graph if graph is not None else make_graph(), **options)  # type: ignore[arg-type]


def drawn(fig: Figure) -> FigureCanvasAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas


def by_gid(fig: Figure, gid: str) -> list:
    return [a for a in fig.findobj() if a.get_gid() == gid]


def n_paths(fig: Figure, gid: str) -> int:
    colls = [c for c in by_gid(fig, gid) if isinstance(c, PathCollection)]
    return sum(len(c.get_paths()) for c in colls)


def route_steps(fig: Figure) -> list[tuple[int, int, int]]:
    """``(k, u, v)`` of the route lines, in the order they are drawn."""
    out = []
    for artist in fig.axes[0].get_children():
        gid = artist.get_gid() or ""
        if gid.startswith(rg.GID_ROUTE + "-") and not gid.startswith(rg.GID_ROUTE + "-head-"):
            k, u, v = (int(p) for p in gid.removeprefix(rg.GID_ROUTE + "-").split("-"))
            out.append((k, u, v))
    return out


def inside_box(layout: RoleGraphLayout, node: int, xy: np.ndarray, margin: float = 0.0) -> np.ndarray:
    cx, cy = layout.positions[node]
    return ((np.abs(xy[..., 0] - cx) <= layout.node_half_width + margin)
            & (np.abs(xy[..., 1] - cy) <= layout.node_radius + margin))


def curve_points(curve: np.ndarray, n: int = 101) -> np.ndarray:
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t) ** 2 * curve[0] + 2 * (1 - t) * t * curve[1] + t**2 * curve[2]


# -- layout ------------------------------------------------------------------------------------------------
def test_every_node_has_a_position_and_families_are_grouped_in_their_bands() -> None:
    _fig, layout = figure()
    assert set(layout.positions) == set(range(len(ROLES)))
    assert set(layout.family_boxes) == set(FAMILIES)
    for n, (x, y) in layout.positions.items():
        x0, y0, x1, y1 = layout.family_boxes[FAMILIES[n]]
        assert x0 + layout.node_half_width <= x + 1e-9 and x + layout.node_half_width <= x1 + 1e-9
        assert y0 < y - layout.node_radius and y + layout.node_radius < y1
    # the bands do not overlap, so every other family's nodes are outside a family's band
    spans = sorted((b[0], b[2]) for b in layout.family_boxes.values())
    for (_a0, a1), (b0, _b1) in pairwise(spans):
        assert a1 < b0
    # families in order of first appearance, left to right
    lefts = [layout.family_boxes[f][0] for f in dict.fromkeys(FAMILIES)]
    assert lefts == sorted(lefts)
    # one row per seniority, junior at the bottom; same level, same row
    ys = {s: {layout.positions[n][1] for n in range(len(ROLES)) if SENIORITY[n] == s} for s in set(SENIORITY)}
    assert all(len(v) == 1 for v in ys.values())
    assert ys[1].pop() < ys[2].pop() < ys[3].pop()
    assert [v for v, _y in layout.rows] == [1, 2, 3]
    # two roles of one family and level sit side by side; each role's ladder stays in one column
    assert layout.positions[0][0] == layout.positions[1][0]
    assert layout.positions[2][0] == layout.positions[3][0] != layout.positions[0][0]


def test_boxes_do_not_overlap_and_labels_fit_inside_them() -> None:
    fig, layout = figure(route=[4, 5, 1], highlight=1)
    for a, b in combinations(layout.positions, 2):
        (xa, ya), (xb, yb) = layout.positions[a], layout.positions[b]
        assert abs(xa - xb) > 2 * layout.node_half_width or abs(ya - yb) > 2 * layout.node_radius
    (labels,) = [c for c in by_gid(fig, rg.GID_LABELS) if isinstance(c, PathCollection)]
    paths = labels.get_paths()
    assert len(paths) == len(ROLES)
    for n, path in zip(sorted(layout.positions), paths, strict=True):
        assert inside_box(layout, n, path.vertices).all(), f"label of {n} sticks out of its box"
    assert layout.labels[4].replace("\n", " ") == "Junior product manager"


def test_long_labels_wrap_and_shorten_measured_with_the_font() -> None:
    long = "Especialista sénior en investigación con personas usuarias de servicios digitales del gobierno federal"
    g = nx.DiGraph()
    g.add_node(0, label=long)
    g.add_node(1, label="Analista")
    g.add_edge(0, 1, hours=1.0, readiness=0.9, hard=False)
    fig, layout = role_graph_figure(g, families=["Diseño", "Diseño"], seniority=[2, 1], lang="es")
    shown = layout.labels[0]
    assert 2 <= shown.count("\n") + 1 <= rg.MAX_LINES
    assert shown.endswith("…")
    (labels,) = [c for c in by_gid(fig, rg.GID_LABELS) if isinstance(c, PathCollection)]
    assert inside_box(layout, 0, labels.get_paths()[0].vertices).all()


def test_labels_are_at_least_7_points_and_the_figure_grows_with_the_families() -> None:
    fig, layout = figure()
    small_width = fig.get_size_inches()[0]
    # the node labels' capitals, measured on the drawn figure at 72 dpi (1 pixel = 1 point)
    g = nx.DiGraph()
    g.add_node(0, label="HHH")
    fig1, _layout1 = role_graph_figure(g, families=["F"], seniority=[1])
    fig1.set_dpi(72)
    drawn(fig1)
    (labels,) = [c for c in by_gid(fig1, rg.GID_LABELS) if isinstance(c, PathCollection)]
    ax = fig1.axes[0]
    ext = labels.get_paths()[0].transformed(ax.transData).get_extents()
    assert ext.height / rg.CAP_HEIGHT >= 7.0
    # 15 families of 5 roles: wider figure, same label size
    n = 75
    big = nx.DiGraph()
    for i in range(n):
        big.add_node(i, label=f"Role {i}")
    fams = [f"Family {i // 5}" for i in range(n)]
    fig2, layout2 = role_graph_figure(big, families=fams, seniority=[1 + i % 5 for i in range(n)])
    assert fig2.get_size_inches()[0] > 3 * small_width
    assert len(layout2.family_boxes) == 15
    assert layout2.node_radius == pytest.approx(layout.node_radius)


def test_everything_fits_in_the_figure_and_the_legend_stays_off_the_graph() -> None:
    fig, _layout = figure(route=[0, 1, 3, 6], highlight=6, hard_nodes=[3])
    renderer = drawn(fig).get_renderer()
    width, height = fig.get_size_inches()
    box = fig.get_tightbbox(renderer)
    assert box.x0 >= -0.02 and box.y0 >= -0.02 and box.x1 <= width + 0.02 and box.y1 <= height + 0.02
    (legend,) = by_gid(fig, rg.GID_LEGEND)
    assert not legend.get_window_extent(renderer).overlaps(fig.axes[0].get_window_extent(renderer))
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == ["Viable move", "Move that builds a hard-to-transfer competency", "Route (steps numbered)",
                     "Role on the route", "Target role", "Hire rather than reskill"]


def test_a_resized_figure_keeps_its_margins() -> None:
    fig, _layout = figure()
    drawn(fig)
    ax = fig.axes[0]
    left_in = ax.get_position().x0 * fig.get_size_inches()[0]
    fig.set_size_inches(5.0, 3.0)
    renderer = drawn(fig).get_renderer()
    assert ax.get_position().x0 * 5.0 == pytest.approx(left_in)
    box = fig.get_tightbbox(renderer)
    assert box.x0 >= -0.02 and box.y0 >= -0.02 and box.y1 <= 3.02


# -- edges and the route -----------------------------------------------------------------------------------
def test_all_edges_drawn_hard_ones_dashed_and_in_the_warning_colour() -> None:
    fig, layout = figure()
    n_hard = sum(1 for m in MOVES if m[4])
    assert n_paths(fig, rg.GID_EDGES) == len(MOVES) - n_hard
    assert n_paths(fig, rg.GID_EDGES_HARD) == n_hard
    (hard,) = [c for c in by_gid(fig, rg.GID_EDGES_HARD) if isinstance(c, PathCollection)]
    (plain,) = [c for c in by_gid(fig, rg.GID_EDGES) if isinstance(c, PathCollection)]
    assert hard.get_linestyle()[0][1] is not None  # dashed
    assert plain.get_linestyle()[0][1] is None  # solid
    assert tuple(hard.get_edgecolor()[0][:3]) == pytest.approx((0xD5 / 255, 0x5E / 255, 0.0))
    heads = [c for c in by_gid(fig, f"{rg.GID_EDGES}-heads") if isinstance(c, PolyCollection)]
    assert len(heads[0].get_paths()) == len(MOVES) - n_hard
    assert set(layout.edges) == {(a, b) for a, b, *_ in MOVES}


def test_arrows_start_and_end_at_the_edges_of_the_boxes() -> None:
    _fig, layout = figure()
    for (a, b), curve in zip(layout.edges, layout.curves, strict=True):
        start, tip = curve[0], curve[2]
        assert not inside_box(layout, a, start) and inside_box(layout, a, start, margin=rg.EDGE_GAP + 1e-6)
        assert not inside_box(layout, b, tip) and inside_box(layout, b, tip, margin=rg.EDGE_GAP + 1e-6)


def test_a_move_and_its_way_back_are_distinct_curves() -> None:
    _fig, layout = figure()
    i, j = layout.edges.index((1, 3)), layout.edges.index((3, 1))
    mid_a = curve_points(layout.curves[i], 3)[1]
    mid_b = curve_points(layout.curves[j], 3)[1]
    assert np.hypot(*(mid_a - mid_b)) > 0.1


def test_route_drawn_on_top_in_order_with_numbered_steps() -> None:
    route = [4, 5, 1, 3, 6]
    fig, layout = figure(route=route, highlight=6)
    steps = list(pairwise(route))
    assert route_steps(fig) == [(k, u, v) for k, (u, v) in enumerate(steps, start=1)]
    assert layout.route_edges == tuple(steps)
    assert layout.edges[-len(steps):] == tuple(steps)
    numbers = [t for t in fig.findobj(Text) if (t.get_gid() or "").startswith(rg.GID_STEPS + "-")]
    assert [t.get_text() for t in numbers] == ["1", "2", "3", "4"]
    # route steps are not drawn a second time as thin edges
    n_hard_on_route = sum(1 for a, b, *_h, hard in MOVES if hard and (a, b) in steps)
    assert n_paths(fig, rg.GID_EDGES) + n_paths(fig, rg.GID_EDGES_HARD) == len(MOVES) - len(steps)
    lines = {p.get_gid(): p for p in fig.findobj(PathPatch) if (p.get_gid() or "").startswith(rg.GID_ROUTE)}
    plain_z = by_gid(fig, rg.GID_EDGES)[0].get_zorder()
    assert all(p.get_zorder() > plain_z and p.get_linewidth() >= 2 for p in lines.values())
    dashed = [p for p in lines.values() if p.get_linestyle() not in ("-", "solid")]
    assert len(dashed) == n_hard_on_route
    # the route's roles outlined thick and dark, the target marked
    (nodes,) = [c for c in by_gid(fig, rg.GID_NODES)]
    widths = dict(zip(sorted(layout.positions), nodes.get_linewidths(), strict=True))
    assert all(widths[n] >= 2 for n in route) and all(widths[n] < 2 for n in widths if n not in route)
    (halo,) = by_gid(fig, rg.GID_TARGET)
    x0, y0 = halo.get_x(), halo.get_y()
    tx, ty = layout.positions[6]
    assert x0 < tx < x0 + halo.get_width() and y0 < ty < y0 + halo.get_height()


def test_a_route_step_that_is_not_an_edge_is_drawn_too() -> None:
    fig, layout = figure(route=[2, 4])  # a person's first move, judged on their own levels
    assert route_steps(fig) == [(1, 2, 4)]
    assert layout.route_edges == ((2, 4),)


def test_route_steps_bend_around_the_boxes_they_do_not_enter() -> None:
    g = nx.DiGraph()
    for i in range(3):
        g.add_node(i, label=f"Role {i}")
    g.add_edge(0, 2, hours=5.0, readiness=0.9, hard=False)
    _fig, layout = role_graph_figure(g, families=["A", "B", "C"], seniority=[1, 1, 1], route=[0, 2])
    pts = curve_points(layout.curves[layout.edges.index((0, 2))])
    assert not inside_box(layout, 1, pts, margin=0.02).any()


def test_show_all_edges_false_keeps_the_route_and_the_targets_moves() -> None:
    route = [4, 5, 1]
    full, _ = figure(route=route, highlight=3)
    some, layout = figure(route=route, highlight=3, show_all_edges=False)
    drawn_full = n_paths(full, rg.GID_EDGES) + n_paths(full, rg.GID_EDGES_HARD)
    drawn_some = n_paths(some, rg.GID_EDGES) + n_paths(some, rg.GID_EDGES_HARD)
    touching = {(a, b) for a, b, *_ in MOVES if 3 in (a, b)} - {(4, 5), (5, 1)}
    assert drawn_some == len(touching) < drawn_full
    assert set(layout.edges) == touching | {(4, 5), (5, 1)}
    assert route_steps(some) == [(1, 4, 5), (2, 5, 1)]
    subtitle = [t.get_text() for t in some.findobj(Text) if "shown" in t.get_text()]
    assert subtitle == [f"7 roles in 3 families · {len(touching) + 2} of 12 viable moves shown: "
                        "the route's and the target role's"]


def test_hard_nodes_are_marked() -> None:
    fig, layout = figure(hard_nodes=[6, 3])
    (marks,) = by_gid(fig, rg.GID_HARD_NODES)
    offsets = marks.get_offsets()
    assert len(offsets) == 2
    for (x, y), n in zip(offsets, [3, 6], strict=True):
        cx, cy = layout.positions[n]
        assert abs(x - cx) <= layout.node_half_width and abs(y - cy) <= layout.node_radius


# -- hit tests ---------------------------------------------------------------------------------------------
def test_node_at_hits_the_box_and_nothing_else() -> None:
    _fig, layout = figure()
    for n, (x, y) in layout.positions.items():
        assert layout.node_at(x, y) == n
        assert layout.node_at(x + layout.node_half_width * 0.9, y - layout.node_radius * 0.9) == n
    x, y = layout.positions[0]
    assert layout.node_at(x + layout.node_half_width + 0.01, y) is None
    assert layout.node_at(x, y + layout.node_radius + 0.01) is None
    assert layout.node_at(-50.0, -50.0) is None
    assert layout.node_at(None, None) is None
    assert layout.node_at(float("nan"), y) is None


def test_edge_at_finds_the_edge_under_its_midpoint() -> None:
    fig, layout = figure(route=[4, 5])
    for edge in [(0, 1), (1, 3), (3, 1), (4, 5), (3, 6)]:
        curve = layout.curves[layout.edges.index(edge)]
        mid = curve_points(curve, 3)[1]
        assert layout.edge_at(float(mid[0]), float(mid[1]), tol=0.02) == edge
    assert layout.edge_at(-50.0, -50.0, tol=0.5) is None
    x, y = layout.positions[6]
    assert layout.edge_at(x + 3.0, y + 3.0, tol=0.05) is None
    assert layout.edge_at(None, 0.0, tol=1.0) is None
    # tolerance from pixels at the current zoom: one column (1 data unit) is COLUMN_IN inches
    drawn(fig)
    assert layout.data_tolerance(fig.dpi * rg.COLUMN_IN) == pytest.approx(1.0, rel=0.02)


# -- hover text --------------------------------------------------------------------------------------------
def test_tooltip_of_a_node_in_english_and_spanish() -> None:
    g = make_graph()
    en = role_graph_tooltip(g, node=1, families=FAMILIES, seniority=SENIORITY, lang="en")
    assert en.splitlines() == ["Data analyst", "Family: Data · Level 2", "Viable moves: 3 out, 3 in"]
    es = role_graph_tooltip(g, node=1, families=FAMILIES_ES, seniority=SENIORITY, lang="es", hard_nodes=[1])
    assert es.splitlines() == ["Data analyst", "Familia: Datos · Nivel 2",
                               "Movimientos viables: 3 de salida, 3 de entrada",
                               "Conviene contratar en vez de recapacitar"]
    assert role_graph_tooltip(g, node=6, families=FAMILIES, lang="en").splitlines()[1] == \
        "Family: Digital leadership"


def test_tooltip_of_an_edge_in_english_and_spanish() -> None:
    g = make_graph()
    en = role_graph_tooltip(g, edge=(1, 3), families=FAMILIES, lang="en")
    assert en.splitlines() == ["Data analyst → Data engineer", "Families: Data → Data",
                               "Effort: 12.5 h · Readiness: 80%",
                               "Builds a hard-to-transfer competency: consider hiring",
                               "Move back: 30 h · Readiness: 65%"]
    es = role_graph_tooltip(g, edge=(5, 6), families=FAMILIES_ES, lang="es")
    assert es.splitlines() == ["Product manager → Chief digital officer",
                               "Familias: Producto y entrega → Liderazgo digital",
                               "Esfuerzo: 70 h · Preparación: 61%"]
    # a route's first step is not always an edge
    assert "Not a viable move" in role_graph_tooltip(g, edge=(2, 4), families=FAMILIES, lang="en")
    assert "No es un movimiento viable" in role_graph_tooltip(g, edge=(2, 4), families=FAMILIES, lang="es")
    assert role_graph_tooltip(g, families=FAMILIES, lang="en") == ""
    both = role_graph_tooltip(g, node=0, edge=(0, 1), families=FAMILIES, lang="en")
    assert both.split("\n\n")[0].startswith("Junior data analyst") and "Effort: 40 h" in both


# -- texts, empty graph, files, bad input ------------------------------------------------------------------
def test_texts_in_spanish() -> None:
    fig, _layout = figure(families=FAMILIES_ES, lang="es", route=[0, 1], highlight=1, hard_nodes=[6])
    texts = {t.get_text() for t in fig.findobj(Text)}
    assert "Movimientos entre puestos" in texts
    assert "7 puestos en 3 familias · 12 movimientos viables" in texts
    assert {"Nivel 1", "Nivel 2", "Nivel 3", "Nivel del puesto", "Puesto objetivo", "Ruta (pasos numerados)",
            "Conviene contratar en vez de recapacitar"} <= texts


def test_text_seniority_levels_are_rows_in_order_of_appearance() -> None:
    g = nx.DiGraph()
    for i in range(3):
        g.add_node(i, label=f"Role {i}")
    _fig, layout = role_graph_figure(g, families=["A"] * 3, seniority=["Operativo", "Directivo", "Operativo"])
    assert [v for v, _y in layout.rows] == ["Operativo", "Directivo"]
    assert layout.positions[0][1] == layout.positions[2][1] < layout.positions[1][1]


def test_empty_graph_says_so() -> None:
    for lang, message in (("en", "No roles to show"), ("es", "No hay puestos para mostrar")):
        fig, layout = role_graph_figure(nx.DiGraph(), families=[], seniority=[], lang=lang)
        (text,) = by_gid(fig, rg.GID_EMPTY)
        assert text.get_text() == message
        assert layout.positions == {} and layout.node_at(0.0, 0.0) is None and layout.edge_at(0, 0, 1.0) is None
        drawn(fig)


def test_nodes_without_edges_and_no_route() -> None:
    g = nx.DiGraph()
    g.add_node(0, label="Alone")
    fig, layout = role_graph_figure(g, families=["F"], seniority=[1], show_all_edges=False)
    drawn(fig)
    assert layout.edges == () and n_paths(fig, rg.GID_EDGES) == 0


def test_figure_saves_as_png_and_svg(tmp_path) -> None:
    fig, _layout = figure(route=[4, 5, 1], highlight=1, hard_nodes=[3])
    canvas = FigureCanvasAgg(fig)
    png = io.BytesIO()
    canvas.print_png(png)
    assert png.getvalue().startswith(b"\x89PNG\r\n\x1a\n")
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    root = ET.fromstring(svg.getvalue())
    ids = {el.get("id") for el in root.iter()}
    assert f"{rg.GID_ROUTE}-1-4-5" in ids and rg.GID_NODES in ids and rg.GID_LABELS in ids
    for name in ("graph.png", "graph.svg"):
        path = save_figure(fig, tmp_path / name)
        assert path.stat().st_size > 1000


def test_labels_given_apart_from_the_graph() -> None:
    g = make_graph()
    nx.set_node_attributes(g, {n: f"profile-code-{n}" for n in g.nodes}, "label")
    titles = [f"Título {n}" for n in range(len(ROLES))]
    _fig, layout = figure(graph=g, labels=titles, lang="es")
    assert layout.labels[3] == "Título 3"
    tip = role_graph_tooltip(g, edge=(1, 3), families=FAMILIES_ES, labels=titles, lang="es")
    assert tip.splitlines()[0] == "Título 1 → Título 3"
    with pytest.raises(ValueError, match="labels"):
        figure(graph=g, labels=titles[:2])


def test_bad_input_is_refused() -> None:
    g = make_graph()
    with pytest.raises(ValueError, match="families"):
        role_graph_figure(g, families=FAMILIES[:-1], seniority=SENIORITY)
    with pytest.raises(ValueError, match="not in the graph"):
        role_graph_figure(g, families=FAMILIES, seniority=SENIORITY, route=[0, 42])
    with pytest.raises(ValueError, match="not in the graph"):
        role_graph_figure(g, families=FAMILIES, seniority=SENIORITY, highlight=99)
    with pytest.raises(ValueError, match="seniority"):
        role_graph_figure(g, families=FAMILIES, seniority=[1.5] * len(FAMILIES))
    g.add_node(20, label="Out of range")
    with pytest.raises(ValueError, match="role position"):
        role_graph_figure(g, families=FAMILIES, seniority=SENIORITY)
