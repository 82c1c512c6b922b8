"""The Pathways page end to end on a 200-person sample organisation, driven through pytest-qt, every number
checked against the services (:mod:`skillmap.services.pathways`, :mod:`skillmap.services.plans`) computed
directly on the same database:

* the page loads in the background: the graph, the target list and the counts are the service's;
* a target chosen in the list and a person typed in the search field give the service's route (table and the
  route drawn on the graph), course plan (with the hours a week and start date set) and ranking of everyone;
* a threshold, in-post share or hours-per-level change rebuilds the graph without reading the data again and
  gives what ``PathwayData.with_settings`` gives;
* a click on a role of the graph (a matplotlib event at the node's pixel position) makes it the target, unless
  the toolbar is zooming; hovering a role or a move shows the chart's tooltip text without redrawing;
* a double-click in the ranking opens that person's route; the ranking filters, sorts and exports the service's
  table; the table models pass ``qtmodeltester``;
* "hire rather than reskill" is flagged; core competencies and moves are the service's tables;
* the help shows the definitions with the values in use; the page follows a switch to Spanish.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from skillmap.charts.role_graph import GID_TARGET, role_graph_tooltip
from skillmap.db.migrate import open_database
from skillmap.pathways import definitions
from skillmap.services import pathways as P
from skillmap.services.gaps import GapTable, write_gaps
from skillmap.services.plans import person_plan_rows, plan_for_person
from skillmap.ui import gap_logic
from skillmap.ui.pathways_page import (
    RAW_ROLE,
    GapTableModel,
    PathwaysPage,
    family_names,
    fold,
    route_nodes,
)
from skillmap.ui.translations import Translations

WAIT = 60_000


# -- fixtures and helpers ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("pathways") / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=200, n_agencies=3, seed=7))
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def service(sample_db: Path) -> Iterator[tuple[Engine, P.PathwayData]]:
    """The services' own view of the sample, on a separate engine."""
    engine = open_database(sample_db)
    yield engine, P.load_pathway_data(engine, lang="en")
    engine.dispose()


@pytest.fixture(scope="module", autouse=True)
def _english() -> None:
    Translations().apply("en")


_windows: list[QMainWindow] = []


@pytest.fixture(autouse=True)
def _release_windows() -> Iterator[None]:
    yield
    _windows.clear()


def settled(page: PathwaysPage) -> bool:
    QCoreApplication.processEvents()
    return page.loaded is not None and not page.busy


def open_page(qtbot: QtBot, db: Path) -> PathwaysPage:
    window = QMainWindow()
    page = PathwaysPage()
    window.setCentralWidget(page)

    def idle_then_close(_window: QMainWindow) -> None:
        """Each test ends with its page idle: no load, graph, ranking or plan still running on a worker."""
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
        page.cancel_all()

    qtbot.addWidget(window, before_close_func=idle_then_close)
    window.resize(1400, 900)
    window.show()
    _windows.append(window)
    page.set_engine(open_database(db))
    qtbot.waitUntil(lambda: settled(page) and page.graph.layout_ is not None, timeout=WAIT)
    return page


def choose_target(qtbot: QtBot, page: PathwaysPage, pd: P.PathwayData, target: int) -> None:
    rid = int(pd.data.requirements.role_ids[target])
    page.target.setCurrentIndex(page.target.findData(rid))
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)


def choose_person(qtbot: QtBot, page: PathwaysPage, employee: str) -> None:
    page.person_find.setFocus()
    qtbot.keyClicks(page.person_find, employee)
    qtbot.keyClick(page.person_find, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)


def show_tab(qtbot: QtBot, page: PathwaysPage, view: object) -> None:
    page.tabs.setCurrentWidget(view)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)


def raw_rows(model: GapTableModel) -> list[list[object]]:
    return [[model.data(model.index(r, c), RAW_ROLE) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def multi_step_pair(pd: P.PathwayData) -> tuple[int, int]:
    """(target, person) whose cheapest route goes through a stepping-stone role, learning in post."""
    for t in range(pd.graph.n_roles):
        ranking = pd.ranking(t)
        found = np.flatnonzero((ranking.moves >= 2) & ranking.in_post & (pd.data.role_index >= 0))
        if len(found):
            return t, int(found[0])
    raise AssertionError("the sample has no route through a stepping stone")


def hard_pair(pd: P.PathwayData) -> tuple[int, int]:
    """(target, person) whose cheapest route builds a hard-to-transfer competency."""
    for t in range(pd.graph.n_roles):
        found = np.flatnonzero(pd.ranking(t).hard)
        if len(found):
            return t, int(found[0])
    raise AssertionError("the sample has no route that builds a hard-to-transfer competency")


def labelled(pd: P.PathwayData) -> nx.DiGraph:
    g = pd.graph.graph.copy()
    nx.set_node_attributes(g, dict(enumerate(pd.data.role_title)), "label")
    return g


def pixel(page: PathwaysPage, xy: tuple[float, float]) -> tuple[float, float]:
    layout = page.graph.layout_
    assert layout is not None and layout.axes is not None
    x, y = layout.axes.transData.transform([xy])[0]
    return float(x), float(y)


def double_click(view: object, index: object) -> None:
    """A real double-click on a table cell (the press first: a view acts only on the cell pressed)."""
    from pytestqt.qtbot import QtBot as _Bot

    view.scrollTo(index)  # type: ignore[attr-defined]
    pos = view.visualRect(index).center()  # type: ignore[attr-defined]
    _Bot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]
    _Bot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[attr-defined]


def press(canvas: object, x: float, y: float) -> None:
    MouseEvent("button_press_event", canvas, x, y, button=MouseButton.LEFT)._process()


def move_to(canvas: object, x: float, y: float) -> None:
    MouseEvent("motion_notify_event", canvas, x, y)._process()


# -- loading -----------------------------------------------------------------------------------------------------
def test_page_loads_the_graph_of_the_service(qtbot: QtBot, sample_db: Path,
                                             service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    page = open_page(qtbot, sample_db)
    loaded = page.loaded
    assert loaded is not None
    mine = loaded.pd
    assert mine.graph.n_roles == pd.graph.n_roles == page.target.count() - 1
    assert sorted(mine.graph.graph.edges) == sorted(pd.graph.graph.edges)
    assert mine.data.requirements.role_labels == pd.data.requirements.role_labels
    assert page.graph_info.text() == f"{pd.graph.n_roles} role profiles · {pd.graph.n_edges} viable moves"
    # every role in the list, titled and with its family; the graph drawn with every move and no route
    fams = family_names(pd.data, "en")
    assert [page.target.itemText(i) for i in range(1, page.target.count())] == [
        f"{pd.role_name(r)} — {fams[r]}" for r in range(pd.graph.n_roles)]
    layout = page.graph.layout_
    assert layout is not None
    assert set(layout.positions) == set(range(pd.graph.n_roles))
    assert len(layout.edges) == pd.graph.n_edges and layout.route_edges == ()
    assert page.graph.panel.canvas is not None and page.graph.toolbar is not None
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Role graph", "Route and plan", "Ranking", "Core competencies", "Moves"]
    # nothing chosen yet: each tab says what to do
    page.tabs.setCurrentWidget(page.ranking)
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)
    assert "Choose a target role" in page.ranking.title.text()
    assert page.ranking.model.rowCount() == 0


def test_target_and_person_give_the_services_route_plan_and_ranking(
        qtbot: QtBot, sample_db: Path, service: tuple[Engine, P.PathwayData]) -> None:
    engine, pd = service
    target, person = multi_step_pair(pd)
    employee = pd.data.levels.staff_labels[person]
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    choose_person(qtbot, page, employee)
    assert page.person_row() == person
    assert pd.data.staff_name[person] in page.person_shown.text()

    # the route drawn on the graph: from the person's own role, through the stepping stones, to the target
    route = pd.route(person, target)
    assert len(route.steps) >= 2 and route.in_post
    layout = page.graph.layout_
    assert layout is not None
    assert list(layout.route_edges) == list(pairwise(route_nodes(pd.data, person, route)))
    assert f"{route.total_hours:,.1f} h" in page.graph.panel.caption.text()

    # the route and the plan
    show_tab(qtbot, page, page.route)
    expected = P.route_rows(pd, person, target)
    assert raw_rows(page.route.route_model) == expected.rows
    assert page.route.title.text() == expected.title
    headers = [page.route.route_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.route.route_model.columnCount())]
    assert headers == [c.header for c in expected.columns]
    qtbot.waitUntil(lambda: page.route.plan is not None, timeout=WAIT)
    code = pd.data.requirements.role_labels[target]
    plan = plan_for_person(engine, employee, code, hours_per_week=4.0, start=date.today(), lang="en")
    assert raw_rows(page.route.plan_model) == person_plan_rows(plan, "en").rows
    assert plan.method in page.route.plan_summary.text()

    # other hours a week and start date: the service's dates
    page.route.hours_per_week.setValue(7.5)
    page.route.start.setDate(QDate(2027, 1, 4))
    qtbot.waitUntil(lambda: settled(page) and page.route.plan is not None
                    and page.route.plan.hours_per_week == 7.5 and page.route.plan.start == date(2027, 1, 4),
                    timeout=WAIT)
    plan = plan_for_person(engine, employee, code, hours_per_week=7.5, start=date(2027, 1, 4), lang="en")
    assert raw_rows(page.route.plan_model) == person_plan_rows(plan, "en").rows
    if plan.plan.steps:
        assert plan.finish.strftime("%d/%m/%Y") in page.route.plan_summary.text()
        starts = page.route.plan_model.table.columns.index(  # type: ignore[union-attr]
            next(c for c in page.route.plan_model.table.columns if c.key == "starts"))  # type: ignore[union-attr]
        assert page.route.plan_model.data(page.route.plan_model.index(0, starts)) == "04/01/2027"

    # everyone ranked for the target
    show_tab(qtbot, page, page.ranking)
    model = page.ranking.model
    ranking = P.ranking_rows(pd, target)
    assert model.rowCount() == len(ranking.rows) == pd.data.n_staff
    assert [model.row_cells(r) for r in range(model.rowCount())] == ranking.rows
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        c.header for c in ranking.columns]
    assert model.data(model.index(0, 4)) == f"{ranking.rows[0][4]:,.1f}"
    assert page.ranking.title.text() == ranking.title


def test_target_list_and_person_search_answer_typing(qtbot: QtBot, sample_db: Path,
                                                      service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    page = open_page(qtbot, sample_db)
    edit = page.target.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, "data ana")  # part of the title, any case
    completer = page.target.completer()
    popup = completer.popup()
    offered = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert offered and all("data ana" in o.casefold() for o in offered)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.target_row() is not None and page.target.currentText() == offered[0]
    chosen = page.target_id
    edit.setText("no such role")
    edit.editingFinished.emit()  # leaving the field: the target stays, its title shown again
    assert page.target_id == chosen and page.target.currentText() == offered[0]

    # a surname typed without its accents (key presses are ASCII here) and the start of an employee number
    person = next(p for p, n in enumerate(pd.data.staff_name) if fold(n) != n.casefold())
    surname = fold(pd.data.staff_name[person].split(",")[0])
    page.person_find.setFocus()
    qtbot.keyClicks(page.person_find, f"{surname} {pd.data.levels.staff_labels[person][:3]}")
    rows = page.person_model.stringList()
    assert any(pd.data.levels.staff_labels[person] in r for r in rows)
    assert all(surname in fold(r) for r in rows)
    qtbot.keyClick(page.person_find, Qt.Key.Key_Return)  # Enter: the first person offered
    chosen_person = page.person_row()
    assert chosen_person is not None and surname in fold(pd.data.staff_name[chosen_person])


def test_settings_rebuild_the_graph_without_reading_the_data_again(
        qtbot: QtBot, sample_db: Path, service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    page = open_page(qtbot, sample_db)
    loaded = page.loaded
    assert loaded is not None
    before = loaded.pd.graph.n_edges
    page.threshold.setValue(40)
    qtbot.waitUntil(lambda: settled(page) and page.loaded is not None
                    and page.loaded.pd.settings.threshold == pytest.approx(0.4), timeout=WAIT)
    expected = pd.with_settings(P.PathwaySettings(threshold=0.4))
    now = page.loaded
    assert now is not None
    assert now.pd.graph.n_edges == expected.graph.n_edges != before
    assert sorted(now.pd.graph.graph.edges) == sorted(expected.graph.graph.edges)
    assert now.source is loaded.source and now.pd.data is loaded.pd.data  # the data was not read again
    layout = page.graph.layout_
    assert layout is not None and len(layout.edges) == expected.graph.n_edges
    assert page.graph_info.text().endswith(f"{expected.graph.n_edges} viable moves")

    # the advanced assumptions: the share learnt in post and the hours per level change the ranking
    target = pd.role("data-analyst-2")
    choose_target(qtbot, page, pd, target)
    page.more.click()
    assert page.advanced.isVisible()
    page.share.setValue(80)
    page.level_hours.setValue(25)
    settings = P.PathwaySettings(threshold=0.4, in_post_share=0.8, level_hours=25.0)
    qtbot.waitUntil(lambda: settled(page) and page.loaded is not None
                    and page.loaded.pd.settings == settings.checked(), timeout=WAIT)
    show_tab(qtbot, page, page.ranking)
    other = pd.with_settings(settings)
    model = page.ranking.model
    assert [model.row_cells(r) for r in range(model.rowCount())] == P.ranking_rows(other, target).rows

    page.defaults.click()
    qtbot.waitUntil(lambda: settled(page) and page.loaded is not None
                    and page.loaded.pd.settings == P.PathwaySettings().checked(), timeout=WAIT)
    assert page.loaded.pd.graph.n_edges == pd.graph.n_edges
    assert page.threshold.value() == 60 and page.share.value() == 50


# -- the graph ---------------------------------------------------------------------------------------------------
def test_click_on_a_role_makes_it_the_target_and_hover_explains(
        qtbot: QtBot, sample_db: Path, service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    page = open_page(qtbot, sample_db)
    canvas = page.graph.panel.canvas
    layout = page.graph.layout_
    assert canvas is not None and layout is not None
    node = pd.role("data-scientist-3")
    draws = canvas.draws

    # hover a role, then a move: the chart's tooltip texts, without redrawing the chart
    g, fams = labelled(pd), family_names(pd.data, "en")
    seniority = [int(s) for s in pd.data.requirements.seniority.tolist()]
    move_to(canvas, *pixel(page, layout.positions[node]))
    assert page.graph.tip_text == role_graph_tooltip(g, node, families=fams, lang="en", seniority=seniority)
    assert pd.role_name(node) in page.graph.tip_text
    tol = layout.data_tolerance(2.0)
    for i, edge in enumerate(layout.edges):
        p0, c, p2 = layout.curves[i]
        mid = 0.25 * p0 + 0.5 * c + 0.25 * p2
        if layout.node_at(*mid) is None and layout.edge_at(mid[0], mid[1], tol) == edge:
            break
    else:
        raise AssertionError("no move can be pointed at on its own")
    move_to(canvas, *pixel(page, (float(mid[0]), float(mid[1]))))
    assert page.graph.tip_text == role_graph_tooltip(g, edge=edge, families=fams, lang="en", seniority=seniority)
    assert f"{pd.role_name(edge[0])} → {pd.role_name(edge[1])}" in page.graph.tip_text
    move_to(canvas, 2.0, 2.0)  # the margin: nothing
    assert page.graph.tip_text == ""
    assert canvas.draws == draws

    # a click while the toolbar zooms does nothing; a plain click makes the role the target
    toolbar = page.graph.toolbar
    toolbar.zoom()  # type: ignore[union-attr]
    press(canvas, *pixel(page, layout.positions[node]))
    assert page.target_id is None
    toolbar.zoom()  # type: ignore[union-attr]
    press(canvas, *pixel(page, layout.positions[node]))
    assert page.target_id == int(pd.data.requirements.role_ids[node])
    assert page.target.currentData() == page.target_id
    qtbot.waitUntil(lambda: settled(page) and page.graph.layout_ is not layout, timeout=WAIT)
    fig = page.graph.panel.figure
    assert fig is not None
    halo = [a for a in fig.axes[0].patches if a.get_gid() == GID_TARGET]
    assert len(halo) == 1
    box = halo[0].get_bbox()
    new_layout = page.graph.layout_
    assert new_layout is not None
    assert ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) == pytest.approx(new_layout.positions[node])


def test_only_the_routes_moves_keeps_the_graph_readable(qtbot: QtBot, sample_db: Path,
                                                        service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    target, person = multi_step_pair(pd)
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    page.set_person(int(pd.data.levels.staff_ids[person]))
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)
    everything = page.graph.layout_
    assert everything is not None
    page.graph.only_route.setChecked(True)
    qtbot.waitUntil(lambda: settled(page) and page.graph.layout_ is not everything, timeout=WAIT)
    layout = page.graph.layout_
    assert layout is not None
    route = route_nodes(pd.data, person, pd.route(person, target))
    g = pd.graph.graph
    shown = {e for e in layout.edges if e not in layout.route_edges}
    assert shown == {e for e in g.edges if target in e} - set(pairwise(route))
    assert list(layout.route_edges) == list(pairwise(route))
    assert len(layout.edges) < len(everything.edges)


# -- person, ranking, flags --------------------------------------------------------------------------------------
def test_ranking_double_click_opens_the_persons_route(qtbot: QtBot, sample_db: Path,
                                                       service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    target = pd.role("delivery-manager-3")
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    show_tab(qtbot, page, page.ranking)
    view = page.ranking.view
    index = view.model().index(3, 2)
    person = page.ranking.model.person_at(3)
    assert person == int(pd.ranking(target).order[3])
    double_click(view, index)
    assert page.tabs.currentWidget() is page.route
    assert page.staff_id == int(pd.data.levels.staff_ids[person])
    qtbot.waitUntil(lambda: settled(page) and page.route.route_table is not None, timeout=WAIT)
    assert raw_rows(page.route.route_model) == P.route_rows(pd, person, target).rows


def test_ranking_filters_sorts_and_exports_the_services_table(
        qtbot: QtBot, sample_db: Path, service: tuple[Engine, P.PathwayData], tmp_path: Path,
        qtmodeltester: object) -> None:
    _engine, pd = service
    target = pd.role("data-analyst-2")
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    show_tab(qtbot, page, page.ranking)
    model = page.ranking.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]

    # filter by a surname typed without its accent, in capitals
    surname = next(w for w in (n.split(",")[0].split()[0] for n in pd.data.staff_name) if fold(w) != w.casefold())
    plain = fold(surname)
    assert plain != surname.casefold()
    qtbot.keyClicks(page.ranking.find, plain.upper())
    qtbot.waitUntil(lambda: model.rowCount() < pd.data.n_staff, timeout=WAIT)
    # the rows of the service's ranking of everyone naming that surname, each with its rank among everyone
    everyone = P.ranking_rows(pd, target)
    rows = [row for row in everyone.rows if plain in fold(f"{row[1]} {row[2]}")]
    assert [model.row_cells(r) for r in range(model.rowCount())] == rows
    assert page.ranking.count.text() == f"{len(rows)} of {pd.data.n_staff} people"

    # export what is shown: the service's table, those rows, written by the service
    task = page.ranking.export(tmp_path / "ranking.csv")
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    expected = GapTable(everyone.kind, everyone.title, everyone.columns, rows, everyone.scope, lang="en")
    reference = write_gaps(expected, tmp_path / "reference.csv")
    assert (tmp_path / "ranking.csv").read_bytes() == reference.read_bytes()
    with (tmp_path / "ranking.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == len(expected.rows) + 1
    task = page.ranking.export(tmp_path / "ranking.xlsx")
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert (tmp_path / "ranking.xlsx").stat().st_size > 0

    # sort by the hours of reskilling in place, most first; then back to the ranking
    page.ranking.find.clear()
    qtbot.waitUntil(lambda: model.rowCount() == pd.data.n_staff, timeout=WAIT)
    page.ranking.view.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)
    direct = [model.data(model.index(r, 6), RAW_ROLE) for r in range(model.rowCount())]
    assert direct == sorted(direct, reverse=True)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    page.ranking.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert [model.row_cells(r) for r in range(model.rowCount())] == P.ranking_rows(pd, target).rows


def test_show_person_and_hire_rather_than_reskill(qtbot: QtBot, sample_db: Path,
                                                   service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    target, person = hard_pair(pd)
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    page.show_person(int(pd.data.levels.staff_ids[person]))  # as the staff browser does
    assert page.tabs.currentWidget() is page.route
    qtbot.waitUntil(lambda: settled(page) and page.route.route_table is not None, timeout=WAIT)
    route = pd.route(person, target)
    assert route.hire_rather_than_reskill
    assert page.route.hire.isVisible()
    hard = {pd.data.competency_name[b.competency] for s in route.steps for b in s.builds if b.hard}
    assert all(name in page.route.hire.text() for name in hard)
    model = page.route.route_model
    col = [c.key for c in model.table.columns].index("hard")  # type: ignore[union-attr]
    flagged = [r for r in range(model.rowCount()) if model.data(model.index(r, col)) == "yes"]
    assert flagged == [k for k, s in enumerate(route.steps) if s.hard]
    brush = model.data(model.index(flagged[0], col), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name() == "#b3261e"
    # the roles entered by hard steps are marked on the graph
    page.tabs.setCurrentWidget(page.graph)
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)
    assert page.graph.hard_nodes == {s.role for s in route.steps if s.hard}

    # the person search by name, without accents: offered, then chosen
    other = next(p for p, n in enumerate(pd.data.staff_name) if p != person and "á" in n)
    words = fold(pd.data.staff_name[other].replace(",", "")).split()[:2]  # ASCII key presses
    page.person_find.setFocus()
    qtbot.keyClicks(page.person_find, " ".join(words))
    offered = page.person_model.stringList()
    assert any(pd.data.levels.staff_labels[other] in s for s in offered)
    text = next(s for s in offered if pd.data.levels.staff_labels[other] in s)
    page.person_completer.activated.emit(text)
    assert page.person_row() == other
    page.clear_person.click()
    assert page.staff_id is None and page.person_shown.text() == "No person chosen"


def test_core_competencies_and_moves_are_the_services(qtbot: QtBot, sample_db: Path,
                                                      service: tuple[Engine, P.PathwayData],
                                                      qtmodeltester: object) -> None:
    _engine, pd = service
    page = open_page(qtbot, sample_db)
    show_tab(qtbot, page, page.core)
    assert raw_rows(page.core.model) == P.core_rows(pd).rows
    hard_rows = [r for r, row in enumerate(P.core_rows(pd).rows) if row[-1] == "yes"]
    assert hard_rows, "the sample marks some competencies hard to transfer"
    qtmodeltester.check(page.core.model)  # type: ignore[attr-defined]
    page.core.option.setCurrentIndex(page.core.option.findData(1))
    qtbot.waitUntil(lambda: settled(page) and raw_rows(page.core.model) == P.core_rows(pd, raise_by=1).rows,
                    timeout=WAIT)

    show_tab(qtbot, page, page.moves)
    moves = P.move_rows(pd)
    assert raw_rows(page.moves.model) == moves.rows
    # a double-click on a move makes its destination the target
    view = page.moves.view
    index = view.model().index(5, 0)
    source_row = page.moves.proxy.mapToSource(index).row()
    double_click(view, index)
    assert page.target_row() == pd.role(str(moves.rows[source_row][1]))
    # the filter keeps the moves naming a role
    page.moves.find.setText("data-analyst-1")
    assert page.moves.proxy.rowCount() == sum(1 for r in moves.rows if "data-analyst-1" in " ".join(map(str, r)))


# -- help and language -------------------------------------------------------------------------------------------
def test_help_shows_the_definitions_with_the_values_in_use(qtbot: QtBot, sample_db: Path) -> None:
    page = open_page(qtbot, sample_db)
    page.threshold.setValue(70)
    qtbot.waitUntil(lambda: settled(page) and page.settings.threshold == pytest.approx(0.7), timeout=WAIT)
    page.help_button.click()
    dialog = page.help_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for _key, term, definition in definitions("en", threshold=0.7):
        assert term in text and definition in text
    assert "(now 70 %)" in text
    assert page.threshold.toolTip() == dict((k, d) for k, _t, d in definitions("en", threshold=0.7))["viable"]
    dialog.close()


def test_page_follows_a_switch_to_spanish(qtbot: QtBot, sample_db: Path,
                                          service: tuple[Engine, P.PathwayData]) -> None:
    engine, pd = service
    target, person = multi_step_pair(pd)
    page = open_page(qtbot, sample_db)
    choose_target(qtbot, page, pd, target)
    page.show_person(int(pd.data.levels.staff_ids[person]))
    qtbot.waitUntil(lambda: settled(page) and page.route.plan is not None, timeout=WAIT)
    page.show_help()
    translations = Translations()
    translations.apply("es")
    try:
        qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Grafo de puestos", timeout=5000)
        qtbot.waitUntil(lambda: settled(page) and page.loaded is not None and page.loaded.lang == "es"
                        and page.route.route_table is not None and page.route.route_table.lang == "es"
                        and page.route.plan is not None and page.route.plan.lang == "es", timeout=WAIT)
        es = P.load_pathway_data(engine, lang="es")
        table = P.route_rows(es, person, target)
        assert raw_rows(page.route.route_model) == table.rows
        assert page.route.route_model.headerData(0, Qt.Orientation.Horizontal) == "Paso"
        assert page.route.title.text() == table.title
        assert page.route.export_route.text() == "Exportar ruta…"
        assert page.target_label.text() == "Puesto objetivo:"
        assert page.target.currentText() == f"{es.role_name(target)} — {family_names(es.data, 'es')[target]}"
        assert page.graph_info.text() == f"{pd.graph.n_roles} perfiles de puesto · {pd.graph.n_edges} " \
                                         "movimientos viables"
        dialog = page.help_dialog
        assert dialog is not None
        assert definitions("es")[3][2] in dialog.browser.toPlainText()
        page.tabs.setCurrentWidget(page.graph)
        qtbot.waitUntil(lambda: settled(page) and page.graph.shown is not None and page.graph.shown.lang == "es",
                        timeout=WAIT)
        fig = page.graph.panel.figure
        assert fig is not None
        texts = [t.get_text() for t in fig.texts]
        assert f"Ruta de {pd.data.staff_name[person]} hacia {es.role_name(target)}" in texts
    finally:
        translations.apply("en")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Role graph" and settled(page)
                    and page.loaded is not None and page.loaded.lang == "en", timeout=WAIT)


# -- background work ---------------------------------------------------------------------------------------------
def test_reload_runs_in_the_background_and_cancel_stops_it(qtbot: QtBot, sample_db: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, sample_db)
    before = page.loaded
    assert before is not None
    # a reload (after an import) reads the data again, on a worker: the window keeps serving events meanwhile
    task = page.reload()
    assert task is not None and task.running and page.progress.isVisible()
    qtbot.waitUntil(lambda: settled(page) and page.loaded is not before, timeout=WAIT)
    again = page.loaded
    assert again is not None and again.source is not before.source
    assert np.array_equal(again.pd.graph.viable, before.pd.graph.viable)
    assert not page.progress.isVisible()

    release = threading.Event()
    real = gap_logic.load_source

    def slow(engine: Engine, progress: object = None) -> gap_logic.GapSource:
        release.wait(20)
        return real(engine, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(gap_logic, "load_source", slow)
    task = page.reload()
    assert task is not None
    assert page.cancel_button.isVisible()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert task.was_cancelled
    assert page.loaded is again  # what was shown stays
    assert not page.progress.isVisible() and page.message.text() == "Loading cancelled."


def test_an_organisation_already_loaded_is_not_read_again(qtbot: QtBot, sample_db: Path,
                                                          service: tuple[Engine, P.PathwayData],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    engine, pd = service
    page = open_page(qtbot, sample_db)
    source = gap_logic.load_source(engine)  # as the Skills gaps page holds it
    reads: list[object] = []
    monkeypatch.setattr(gap_logic, "load_source", lambda *args, **kw: reads.append(args))
    task = page.use_source(source)
    qtbot.waitUntil(lambda: not task.running and settled(page), timeout=WAIT)
    assert reads == []
    loaded = page.loaded
    assert loaded is not None and loaded.source is source and loaded.pd.data is source.data
    assert sorted(loaded.pd.graph.graph.edges) == sorted(pd.graph.graph.edges)


# -- no database -------------------------------------------------------------------------------------------------
def test_no_database_clears_the_page(qtbot: QtBot, sample_db: Path) -> None:
    page = open_page(qtbot, sample_db)
    page.set_engine(None)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.loaded is None and page.target.count() == 1
    assert page.graph.panel.canvas is None and page.graph.panel.message.text() == "No database open"
    assert page.graph_info.text() == ""


def test_table_model_over_a_service_table(qtmodeltester: object, service: tuple[Engine, P.PathwayData]) -> None:
    _engine, pd = service
    model = GapTableModel()
    table: GapTable = P.route_rows(pd, 0, pd.role("data-analyst-3"))
    model.set_table(table)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert raw_rows(model) == table.rows
