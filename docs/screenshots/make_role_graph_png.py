"""Render the role-transition graph (skillmap.charts.role_graph) to PNG files, in English and Spanish, and time it.

    python docs/screenshots/make_role_graph_png.py [--out /tmp/role-graph]               # synthetic example
    python docs/screenshots/make_role_graph_png.py --db /tmp/copy.db [--threshold 0.6]   # a real database

The synthetic example has 15 role families and 79 role profiles (career ladders of two to four levels, long
bilingual titles) and 478 moves, denser inside a family and between neighbouring levels, a quarter of them
building a hard-to-transfer competency. With ``--db`` the graph is built as the app does: gap data of the
database (use a copy: opening may upgrade its schema), the active course catalogue as the effort model,
:func:`skillmap.pathways.build_graph` at ``--threshold``, role titles and family names in each language
passed as ``labels`` and ``families``.

Writes, per language: ``role_graph_<lang>.png`` (every move, a route of several steps to a target in another
family, "hire rather than reskill" roles), ``role_graph_route_<lang>.png`` (only the route and the target's
moves), ``role_graph_zoom_<lang>.png`` (the first one in a 13 × 7 in canvas, zoomed on the target as the
toolbar would), plus ``role_graph_small_en.png`` and ``role_graph_empty_en.png``. Prints the time to build
and to draw each figure (Agg, the renderer of the Qt canvas; median of 3) and its size.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skillmap.charts import save_figure
from skillmap.charts.role_graph import RoleGraphLayout, role_graph_figure, role_graph_tooltip

# (family en, family es, [(role en, role es), ...]) — each role a ladder of levels
FAMILIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Digital leadership", "Liderazgo digital", [("digital transformation officer",
                                                  "titular de transformación digital")]),
    ("Product and delivery", "Producto y entrega", [("product manager", "gerente de producto"),
                                                    ("delivery manager", "gerente de entrega"),
                                                    ("business analyst", "analista de negocio")]),
    ("User-centred design", "Diseño centrado en las personas", [
        ("user researcher", "especialista en investigación con personas usuarias"),
        ("service designer", "especialista en diseño de servicios")]),
    ("Data", "Datos", [("data scientist", "científica(o) de datos"), ("data analyst", "analista de datos"),
                       ("data engineer", "ingeniera(o) de datos"), ("data architect", "arquitecta(o) de datos")]),
    ("Software engineering", "Ingeniería de software", [("software developer", "ingeniera(o) de software"),
                                                         ("quality assurance tester", "especialista en pruebas")]),
    ("Infrastructure and cloud", "Infraestructura y nube", [
        ("infrastructure and cloud engineer", "ingeniera(o) de infraestructura y nube"),
        ("network engineer", "ingeniera(o) de redes")]),
    ("Cyber security", "Ciberseguridad", [("cyber security analyst", "analista de ciberseguridad")]),
    ("IT service management", "Gestión de servicios de TI", [("IT service manager", "gerente de servicios de TI")]),
    ("Procurement", "Contrataciones públicas", [("technology procurement officer",
                                                 "especialista en contratación de tecnología")]),
    ("Finance", "Finanzas", [("budget analyst", "analista de presupuesto"), ("auditor", "auditora(or)")]),
    ("Human resources", "Recursos humanos", [("HR business partner", "socia(o) de negocio de recursos humanos")]),
    ("Communications", "Comunicación", [("digital content designer", "especialista en contenido digital")]),
    ("Policy", "Políticas públicas", [("policy advisor", "asesora(or) de políticas públicas")]),
    ("Legal", "Jurídico", [("legal advisor on data protection", "asesora(or) jurídica(o) en protección de datos")]),
    ("Management", "Mando", [("head of unit", "titular de unidad")]),
]
LEVELS_EN = ("Junior", "", "Senior", "Head of")
LEVELS_ES = ("júnior", "", "sénior", "Líder de")


def synthetic(seed: int = 5) -> tuple[nx.DiGraph, dict[str, list[str]], list[int], dict[str, list[str]]]:
    """The graph (nodes without labels), families and role titles per language, seniority."""
    rng = np.random.default_rng(seed)
    fam_en: list[str] = []
    fam_es: list[str] = []
    seniority: list[int] = []
    lab_en: list[str] = []
    lab_es: list[str] = []
    role_of: list[int] = []
    fam_idx: list[int] = []
    role_no = 0
    for f, (fen, fes, roles) in enumerate(FAMILIES):
        for ren, res in roles:
            first = int(rng.integers(1, 3)) if len(roles) == 1 else 1
            last = 4 if rng.random() < 0.5 else 3
            for lvl in range(first, last + 1):
                fam_en.append(fen)
                fam_es.append(fes)
                seniority.append(lvl)
                role_of.append(role_no)
                fam_idx.append(f)
                if lvl == 4:
                    lab_en.append(f"Head of {ren.removeprefix('head of ')}")
                    lab_es.append(f"Líder de {res}")
                else:
                    en = f"{LEVELS_EN[lvl - 1]} {ren}".strip()
                    lab_en.append(en[0].upper() + en[1:])
                    es = f"{res} {LEVELS_ES[lvl - 1]}".strip()
                    lab_es.append(es[0].upper() + es[1:])
            role_no += 1
    n = len(seniority)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            up = seniority[b] - seniority[a]
            same_role, same_fam = role_of[a] == role_of[b], fam_idx[a] == fam_idx[b]
            near = abs(fam_idx[a] - fam_idx[b]) <= 2
            p = (0.95 if same_role and up == 1 else 0.5 if same_role and up < 0 else 0.0) if same_role else (
                (0.5 if same_fam else 0.1 if near else 0.04) * (1.0 if abs(up) <= 1 else 0.25))
            if rng.random() < p:
                readiness = float(rng.uniform(0.6, 1.0))
                g.add_edge(a, b, hours=float(np.round(rng.gamma(2.0, 40.0) * (1.3 - readiness), 1)),
                           readiness=readiness, hard=bool(rng.random() < (0.12 if same_fam else 0.4)))
    return g, {"en": fam_en, "es": fam_es}, seniority, {"en": lab_en, "es": lab_es}


def from_database(path: str, threshold: float) -> tuple[nx.DiGraph, dict[str, list[str]], list[int],
                                                         dict[str, list[str]]]:
    """The app's graph of a database: families and role titles per language, seniority."""
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.db.migrate import open_database
    from skillmap.pathways import EffortModel, build_graph, course_efforts
    from skillmap.services.gaps import load_gap_data

    engine = open_database(path)
    labels: dict[str, list[str]] = {}
    fams: dict[str, list[str]] = {}
    for lang in ("en", "es"):
        data = load_gap_data(engine, lang=lang)
        labels[lang] = list(data.role_title)
        fams[lang] = [data.lookups.families[int(f)][1 if lang == "en" else 2] for f in data.role_family_id]
    q = (select(m.Course.id, m.Course.hours, m.CourseCompetency.competency_id, m.CourseCompetency.target_level)
         .join(m.CourseCompetency, m.CourseCompetency.course_id == m.Course.id)
         .where(m.Course.active.is_(True)).order_by(m.Course.id, m.CourseCompetency.competency_id))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    model = EffortModel.from_courses(course_efforts(rows, data.requirements.competency_ids),
                                     data.requirements.shape[1], hard_to_transfer=data.hard_to_transfer)
    tg = build_graph(data.requirements, model, threshold)
    return tg.graph, fams, [int(s) for s in data.requirements.seniority], labels


def pick_route(g: nx.DiGraph, families: list[str], seniority: list[int]) -> list[int]:
    """A cheapest path of 3–4 moves from a junior role to a senior role of another family (or the longest
    cheapest path into another family found)."""
    best: list[int] = []
    for s in sorted(g.nodes, key=lambda n: (seniority[n], n)):
        _lengths, paths = nx.single_source_dijkstra(g, s, weight="hours")
        for t, path in paths.items():
            if families[t] != families[s] and seniority[t] > seniority[s] and 3 <= len(path) - 1 <= 4:
                return path
            if len(path) > len(best) and families[t] != families[s]:
                best = path
    return best


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def render(name: str, fig: Figure, out: Path) -> None:
    canvas = FigureCanvasAgg(fig)
    draw = timed(canvas.draw)
    w, h = fig.get_size_inches()
    path = save_figure(fig, out / f"{name}.png")
    print(f"{name:<28} {w:5.1f} × {h:4.1f} in   draw {draw * 1000:6.0f} ms (median of 3)   {path}")


def zoom_on(fig: Figure, layout: RoleGraphLayout, nodes: list[int], size: tuple[float, float] = (13.0, 7.0),
            margin: float = 0.8) -> None:
    """Shrink the figure to ``size`` (as a Qt canvas smaller than the figure would) and zoom on ``nodes``."""
    assert layout.axes is not None
    fig.set_size_inches(*size)
    xy = np.array([layout.positions[n] for n in nodes])
    x0, x1 = xy[:, 0].min() - margin, xy[:, 0].max() + margin
    locator = layout.axes.get_axes_locator()
    bbox = locator(layout.axes, None) if locator is not None else layout.axes.get_position()
    box_w, box_h = bbox.width * size[0], bbox.height * size[1]
    y_mid = (xy[:, 1].min() + xy[:, 1].max()) / 2
    y_half = (x1 - x0) / box_w * box_h / 2
    layout.axes.set_xlim(x0, x1)
    layout.axes.set_ylim(y_mid - y_half, y_mid + y_half)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/role-graph")
    ap.add_argument("--db", help="a SkillMap database (SQLite file or URL); default: the synthetic example")
    ap.add_argument("--threshold", type=float, default=0.6)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if args.db:
        g, fams, seniority, labels = from_database(args.db, args.threshold)
    else:
        g, fams, seniority, labels = synthetic()
    n_hard = sum(1 for *_e, h in g.edges(data="hard") if h)
    print(f"{g.number_of_nodes()} roles, {len(set(fams['en']))} families, {g.number_of_edges()} moves "
          f"({n_hard} hard)")
    route = pick_route(g, fams["en"], seniority)
    target = route[-1] if route else None
    hard_nodes = [n for n in g.nodes if n % 11 == 3 and n != target]
    print("route:", " → ".join(labels["en"][n] for n in route))

    for lang in ("en", "es"):
        opts: dict[str, Any] = {"families": fams[lang], "seniority": seniority, "route": route, "highlight": target,
                                "lang": lang, "hard_nodes": hard_nodes, "labels": labels[lang]}
        build = timed(lambda opts=opts: role_graph_figure(g, **opts))
        print(f"build figure ({lang}): {build * 1000:.0f} ms (median of 3)")
        fig, layout = role_graph_figure(g, **opts)
        render(f"role_graph_{lang}", fig, out)
        if target is not None:
            tx = layout.positions[target][0]
            zoom_on(fig, layout, [n for n, (x, _y) in layout.positions.items() if abs(x - tx) <= 2.6])
            render(f"role_graph_zoom_{lang}", fig, out)
        fig, layout = role_graph_figure(g, **opts, show_all_edges=False)
        render(f"role_graph_route_{lang}", fig, out)
        if len(route) > 1:
            print(role_graph_tooltip(g, route[1], families=fams[lang], lang=lang, seniority=seniority,
                                     labels=labels[lang]))
            print(role_graph_tooltip(g, edge=(route[0], route[1]), families=fams[lang], lang=lang,
                                     labels=labels[lang]))

    # a small graph (one family's first six roles) and an empty one
    family = fams["en"][route[0] if route else 0]
    small_nodes = [n for n in g.nodes if fams["en"][n] == family][:6]
    small = g.subgraph(small_nodes).copy()
    fig, _ = role_graph_figure(small, families=fams["en"], seniority=seniority, route=small_nodes[:2],
                               highlight=small_nodes[-1], lang="en", labels=labels["en"])
    render("role_graph_small_en", fig, out)
    fig, _ = role_graph_figure(nx.DiGraph(), families=[], seniority=[], lang="en")
    render("role_graph_empty_en", fig, out)


if __name__ == "__main__":
    main()
