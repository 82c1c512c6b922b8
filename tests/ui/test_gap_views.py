"""The Skills gaps page end to end: the real main window on the sample organisation (loaded through the service
behind ``skillmap load-sample``), driven through pytest-qt, every number checked against the gap service.

* the dashboard shows the service's headcount, assessed share, average readiness, data date, widest gaps and
  agencies furthest behind;
* a click on a heatmap cell (a matplotlib ``button_press_event`` at the cell's centre) lists exactly the people the
  service says are short there; hovering shows a tooltip without redrawing; a double-click opens the person;
* the person view (reached with *Show gaps* in the staff browser) shows current against required levels and the
  framework's level descriptors from the database; a second role changes the chart and shows its readiness;
* the team view's grid has one row per person of the unit (and the units below);
* filters (agency, framework, as-of date) restrict the views; charts save as valid PNG and SVG;
* the data loads in a background task (the GUI thread keeps serving events), reloads after an import or an undo,
  and the views follow a language switch.
"""

from __future__ import annotations

import multiprocessing
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from skillmap.analysis import gaps as G
from skillmap.charts import grid_info
from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.db.session import unit_of_work
from skillmap.services import gaps as S
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.staff import database_summary, staff_detail
from skillmap.tasks import Cancelled, Progress
from skillmap.ui import gap_logic
from skillmap.ui.gap_canvas import ChartPanel
from skillmap.ui.gap_views import GapsPage, fmt_pct
from skillmap.ui.main_window import MainWindow
from skillmap.ui.tasks import Task
from skillmap.ui.translations import Translations

WAIT = 60_000


# -- fixtures and helpers ----------------------------------------------------------------------------------------
def make_sample_db(path: Path) -> Path:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())  # what `skillmap load-sample` runs
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 500-person sample organisation, shared read-only by the tests of this module."""
    return make_sample_db(tmp_path_factory.mktemp("gapdb") / "sample.db")


@pytest.fixture(scope="module")
def service_data(sample_db: Path) -> Iterator[tuple[Engine, S.GapData]]:
    """The service's own view of the sample: ``load_gap_data`` on a separate engine."""
    engine = open_database(sample_db)
    yield engine, S.load_gap_data(engine, lang="en")
    engine.dispose()


_windows: list[MainWindow] = []


@pytest.fixture(autouse=True)
def _no_work_left_running(qtbot: QtBot) -> Iterator[None]:
    """Each test ends with its windows idle: no load, filter or chart still running on a worker."""
    yield
    for window in _windows:
        qtbot.waitUntil(lambda w=window: not w.gaps_page.busy, timeout=WAIT)
    _windows.clear()


def open_window(qtbot: QtBot, db: Path) -> MainWindow:
    window = MainWindow(translations=Translations())
    _windows.append(window)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    task = window.open_database(str(db))
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert task.error is None, task.error
    qtbot.waitUntil(lambda: window._background is None or not window._background.running, timeout=WAIT)
    return window


def settled(page: GapsPage) -> bool:
    QCoreApplication.processEvents()
    return page.source is not None and page.data is not None and not page.busy


def open_gaps(qtbot: QtBot, db: Path) -> tuple[MainWindow, GapsPage]:
    window = open_window(qtbot, db)
    window.show_page("gaps")
    page = window.gaps_page
    qtbot.waitUntil(lambda: settled(page) and page.dashboard.numbers is not None, timeout=WAIT)
    return window, page


def show_tab(qtbot: QtBot, page: GapsPage, view: object, ready: object) -> None:
    page.tabs.setCurrentWidget(view)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: settled(page) and bool(ready()), timeout=WAIT)  # type: ignore[operator]


def figure_of(panel: ChartPanel) -> Figure:
    fig = panel.figure
    assert fig is not None, f"{panel.objectName()} shows no chart"
    return fig


def bar_widths(fig: Figure, gid: str) -> list[float]:
    return [p.get_width() for ax in fig.axes for p in ax.patches if p.get_gid() == gid]


def press(canvas: object, x: float, y: float, *, dblclick: bool = False) -> None:
    MouseEvent("button_press_event", canvas, x, y, button=MouseButton.LEFT, dblclick=dblclick)._process()


# -- dashboard ---------------------------------------------------------------------------------------------------
def test_dashboard_numbers_are_the_services(qtbot: QtBot, sample_db: Path,
                                            service_data: tuple[Engine, S.GapData]) -> None:
    engine, data = service_data
    _window, page = open_gaps(qtbot, sample_db)
    view = page.dashboard

    agencies = S.gap_rows(data, "agency")
    cols = [c.key for c in agencies.columns]
    staff = sum(int(r[cols.index("staff")]) for r in agencies.rows)
    assert staff == data.n_staff == 500
    assert view.kpi["headcount"][1].text() == f"{staff:,}"

    comps = S.gap_rows(data, "competency")
    ccols = [c.key for c in comps.columns]
    required = sum(int(r[ccols.index("requirements")]) for r in comps.rows)
    assessed = sum(int(r[ccols.index("assessed")]) for r in comps.rows)
    assert view.kpi["assessed"][1].text() == fmt_pct(assessed / required)
    assert f"{assessed:,} of {required:,}" in view.kpi["assessed"][2].text()

    assert view.kpi["readiness"][1].text() == fmt_pct(float(np.nanmean(data.own.readiness)))
    latest = database_summary(engine).latest_assessment
    assert latest is not None and view.kpi["date"][1].text() == latest.strftime("%d/%m/%Y")
    assert latest.strftime("%d/%m/%Y") in page.date_label.text()

    # the ten widest gaps: the service's "Short" column, widest first
    short = sorted((int(r[ccols.index("short")]) for r in comps.rows), reverse=True)[:10]
    assert bar_widths(figure_of(view.top_gaps), "gap") == short
    # the agencies furthest behind: the service's mean readiness per agency, lowest first
    ready = sorted(float(r[cols.index("mean_readiness_pct")]) for r in agencies.rows)
    shown = [round(100 * w, 1) for w in bar_widths(figure_of(view.behind), "readiness")]
    assert shown == ready
    assert figure_of(view.histogram) is not None


# -- heatmap -----------------------------------------------------------------------------------------------------
def test_heatmap_click_lists_exactly_the_people_short_there(qtbot: QtBot, sample_db: Path,
                                                            service_data: tuple[Engine, S.GapData]) -> None:
    _engine, data = service_data
    window, page = open_gaps(qtbot, sample_db)
    view = page.heatmap
    show_tab(qtbot, page, view, lambda: view.hm is not None and view.panel.canvas is not None)
    canvas = view.panel.canvas
    assert canvas is not None
    fig = canvas.figure
    info = grid_info(fig)
    assert info is not None
    # the canvas adopts the worker's pixels on its first paint, which the event loop may not have reached yet
    qtbot.waitUntil(lambda: canvas.adopted or canvas.draws > 0, timeout=WAIT)
    assert canvas.adopted and canvas.draws == 0, "the heatmap is drawn on a worker, not on the GUI thread"

    # the service's answer for one cell: people of an agency whose gap in a competency is above 0
    own = data.own
    agencies = {name: a for a, (_code, _short, name) in data.lookups.agencies.items()}
    gap0 = np.nan_to_num(own.gap)
    best = None
    for row, label in enumerate(info.row_labels):
        in_agency = data.agency_id == agencies[label]
        for col, comp in enumerate(info.col_labels):
            c = data.competency_name.index(comp)
            n = int(((gap0[:, c] > 0) & in_agency).sum())
            if n >= 3 and (best is None or n > best[2]):
                best = (row, col, n, c, in_agency)
    assert best is not None
    row, col, n, c, in_agency = best
    expected = {int(s) for s in data.levels.staff_ids[(gap0[:, c] > 0) & in_agency]}
    assert G.competency_stats(own, people=in_agency).short[c] == n == len(expected)

    # hovering: a tooltip from the cell under the mouse, and no redraw
    x, y = info.cell_center(row, col)
    MouseEvent("motion_notify_event", canvas, x, y)._process()
    assert view._tip == (row, col)
    assert info.col_labels[col] in view.cell_text(row, col)
    assert canvas.draws == 0

    press(canvas, x, y)
    assert view.drilled == (row, col)
    assert set(view.drill_people) == expected
    table = view.drill_table
    assert table.rowCount() == n
    numbers = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert numbers == {data.levels.staff_labels[p] for p in np.flatnonzero((gap0[:, c] > 0) & in_agency)}
    gaps = [float(table.item(r, 6).text()) for r in range(table.rowCount())]
    assert all(g > 0 for g in gaps) and gaps == sorted(gaps, reverse=True)
    assert f"{n} people short" in view.drill_title.text()

    # the cell's colour is the service's share meeting the requirement
    st = G.competency_stats(own, people=in_agency)
    assert info.values[row, col] == pytest.approx(st.share_meeting[c])

    # outside the grid: nothing happens
    press(canvas, 2, 2)
    assert view.drilled == (row, col)

    # a double-click on a person opens their gaps
    first = int(table.item(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    table.cellDoubleClicked.emit(0, 1)
    assert page.tabs.currentWidget() is page.person
    qtbot.waitUntil(lambda: settled(page) and page.person.profile is not None, timeout=WAIT)
    assert page.person.profile.staff_id == first
    assert window.pages.currentWidget() is page


def test_heatmap_by_role_family_and_mean_gap(qtbot: QtBot, sample_db: Path,
                                             service_data: tuple[Engine, S.GapData]) -> None:
    _engine, data = service_data
    _window, page = open_gaps(qtbot, sample_db)
    view = page.heatmap
    show_tab(qtbot, page, view, lambda: view.hm is not None)
    view.group_by.setCurrentIndex(view.group_by.findData("role_family"))
    view.measure.setCurrentIndex(view.measure.findData("gap"))
    qtbot.waitUntil(lambda: settled(page) and view.hm is not None and view.hm.group_by == "role_family",
                    timeout=WAIT)
    info = grid_info(figure_of(view.panel))
    assert info is not None
    families = S.gap_rows(data, "role_family")
    fcols = [c.key for c in families.columns]
    assert set(info.row_labels) == {r[fcols.index("name")] for r in families.rows
                                    if r[fcols.index("requirements")]}
    # mean gap of one cell against the engine
    family_of = {pick: f for f, (_c, pick, _es, _fw) in data.lookups.families.items()}
    fam = family_of[info.row_labels[0]]
    people = np.where(data.role_index >= 0, data.role_family_id[np.maximum(data.role_index, 0)], -1) == fam
    c = data.competency_name.index(info.col_labels[0])
    assert info.values[0, 0] == pytest.approx(G.competency_stats(data.own, people=people).mean_gap[c])


# -- person ------------------------------------------------------------------------------------------------------
def test_person_view_from_the_staff_browser(qtbot: QtBot, sample_db: Path,
                                            service_data: tuple[Engine, S.GapData]) -> None:
    engine, data = service_data
    window = open_window(qtbot, sample_db)
    own = data.own
    # someone short in a competency that has a descriptor at both their level and the required level
    p = next(p for p in range(data.n_staff) if (np.nan_to_num(own.gap[p]) > 0).sum() >= 2)
    sid = int(data.levels.staff_ids[p])

    staff = window.staff_page
    assert not staff.gaps_button.isEnabled() or staff.current_staff_id() is not None
    assert staff.select_staff(sid)
    assert staff.gaps_button.isEnabled()
    qtbot.mouseClick(staff.gaps_button, Qt.MouseButton.LeftButton)
    page = window.gaps_page
    assert window.pages.currentWidget() is page and page.tabs.currentWidget() is page.person
    view = page.person
    qtbot.waitUntil(lambda: settled(page) and view.profile is not None and view.panel.canvas is not None,
                    timeout=WAIT)
    assert data.staff_name[p] == view.name.text()

    # current and required levels: those of the staff service's record
    detail = staff_detail(engine, sid)
    assert detail is not None
    expected = {lv.name_en: (lv.current, lv.required) for lv in detail.levels if lv.required is not None}
    table = view.gaps
    shown = {}
    for r in range(table.rowCount()):
        cur, req = table.item(r, 1).text(), table.item(r, 2).text()
        shown[table.item(r, 0).text()] = (None if cur == "—" else int(cur.split(" ")[0]), int(req.split(" ")[0]))
    assert shown == expected
    fig = figure_of(view.panel)
    assert not any(a.get_gid() == "second_required" for ax in fig.axes for a in ax.get_children())

    # the descriptors of the current and the required level, as stored in the database
    lv = next(lv for lv in detail.levels if lv.gap)
    with engine.connect() as conn:
        texts = dict(conn.execute(select(m.LevelDescriptor.level, m.LevelDescriptor.text_en)
                                  .where(m.LevelDescriptor.competency_id == lv.competency_id)).all())
        scale = dict(conn.execute(select(m.ScaleLevel.level, m.ScaleLevel.name_en)
                                  .join(m.Competency, m.Competency.framework_id == m.ScaleLevel.framework_id)
                                  .where(m.Competency.id == lv.competency_id)).all())
    plain = view.descriptors.toPlainText()
    assert lv.name_en in plain
    assert texts[lv.required] in plain and texts[lv.current] in plain
    assert f"level {lv.required} ({scale[lv.required]})" in plain

    # a second role: the combo lists every role with this person's readiness; choosing one changes the chart
    j_own = int(data.role_index[p])
    j2 = next(j for j in range(data.requirements.shape[0])
              if j != j_own and int(data.requirements.groups[j]) == int(data.requirements.groups[j_own])
              and data.requirements.mask[j].sum() >= 3)
    role_id = int(data.requirements.role_ids[j2])
    idx = view.second.findData(role_id)
    assert idx > 0
    readiness = data.pairs.readiness[p, j2]
    assert fmt_pct(float(readiness)) in view.second.itemText(idx)
    view.second.setCurrentIndex(idx)
    qtbot.waitUntil(lambda: settled(page) and view.profile is not None and view.profile.second_role == j2,
                    timeout=WAIT)
    new_fig = figure_of(view.panel)
    assert new_fig is not fig
    assert any(a.get_gid() == "second_required" for ax in new_fig.axes for a in ax.get_children())
    assert data.role_title[j2] in view.readiness.text()
    assert fmt_pct(float(readiness)) in view.readiness.text()
    assert view.gaps.columnCount() == 6

    # bars instead of a radar
    view.kind.setCurrentIndex(view.kind.findData("bars"))
    qtbot.waitUntil(lambda: settled(page) and figure_of(view.panel) is not new_fig, timeout=WAIT)
    assert any(p.get_gid() == "required" for ax in figure_of(view.panel).axes for p in ax.patches)


# -- team --------------------------------------------------------------------------------------------------------
def test_team_view_shows_the_units_people(qtbot: QtBot, sample_db: Path,
                                          service_data: tuple[Engine, S.GapData]) -> None:
    engine, data = service_data
    _window, page = open_gaps(qtbot, sample_db)
    view = page.team
    show_tab(qtbot, page, view, lambda: view.tree.topLevelItemCount() > 0)
    # a unit at the second level, with units below it
    unit = next(u for u, row in data.lookups.units.items()
                if row[4] == 2 and any(r[3] == u for r in data.lookups.units.values()))
    below = data.lookups.unit_subtree(unit)
    with engine.connect() as conn:
        names = conn.execute(select(m.Staff.id).where(m.Staff.unit_id.in_(sorted(below)),
                                                      m.Staff.active.is_(True))).scalars().all()
    expected = sorted((data.staff_name[int(np.flatnonzero(data.levels.staff_ids == i)[0])] for i in names),
                      key=str.casefold)
    assert view.select_unit(unit)
    qtbot.waitUntil(lambda: settled(page) and view.current is not None and view.current.unit_id == unit,
                    timeout=WAIT)
    info = grid_info(figure_of(view.grid_panel))
    assert info is not None
    assert list(info.row_labels) == expected

    # the team's widest gaps: the service's "short" per competency over these people
    people = np.isin(data.unit_id, np.array(sorted(below)))
    st = G.competency_stats(data.own, people=people)
    short = sorted((int(v) for v in st.short if v > 0), reverse=True)[:10]
    assert bar_widths(figure_of(view.top_panel), "gap") == short

    # only the unit itself
    view.include_below.setChecked(False)
    qtbot.waitUntil(lambda: settled(page) and view.current is not None
                    and len(view.current.people) == int((data.unit_id == unit).sum()), timeout=WAIT)
    assert list(grid_info(figure_of(view.grid_panel)).row_labels) == sorted(
        (data.staff_name[p] for p in np.flatnonzero(data.unit_id == unit)), key=str.casefold)


# -- filters -----------------------------------------------------------------------------------------------------
def test_filters_restrict_the_views(qtbot: QtBot, sample_db: Path,
                                    service_data: tuple[Engine, S.GapData]) -> None:
    engine, data = service_data
    _window, page = open_gaps(qtbot, sample_db)
    view = page.dashboard
    agency = max(data.lookups.agencies, key=lambda a: int((data.agency_id == a).sum()))
    page.agency.setCurrentIndex(page.agency.findData(agency))
    qtbot.waitUntil(lambda: settled(page) and page.filters.agency == agency and view.numbers is not None
                    and view.numbers.headcount != 500, timeout=WAIT)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(m.Staff)
                         .where(m.Staff.agency_id == agency, m.Staff.active.is_(True))).scalar_one()
    assert view.kpi["headcount"][1].text() == f"{n:,}"
    # with an agency chosen the "behind" chart ranks its units
    assert view.numbers.behind_kind == "unit"
    assert figure_of(view.behind)._suptitle.get_text() == "Units furthest behind"

    # as-of date and framework: the service's numbers for the same filters
    cut = date(2024, 12, 31)
    page.framework.setCurrentIndex(page.framework.findText("mx-ddat", Qt.MatchFlag.MatchContains))
    page.as_of.setDate(cut)
    page.as_of_check.setChecked(True)
    qtbot.waitUntil(lambda: settled(page) and page.filters.as_of == cut and page.filters.framework is not None
                    and view.numbers is not None and view.numbers.as_of == cut, timeout=WAIT)
    want = S.load_gap_data(engine, S.GapFilters(agency=agency, framework="mx-ddat", as_of=cut), lang="en")
    assert view.kpi["readiness"][1].text() == fmt_pct(float(np.nanmean(want.own.readiness)))
    assert view.kpi["date"][1].text() == "31/12/2024"
    assert "31/12/2024" in page.date_label.text()
    assert page.data is not None and page.data.levels.shape[1] == want.levels.shape[1] == 33

    # the heatmap follows: one row per unit of the agency with requirements, only the framework's competencies
    show_tab(qtbot, page, page.heatmap, lambda: page.heatmap.hm is not None)
    page.heatmap.group_by.setCurrentIndex(page.heatmap.group_by.findData("unit"))
    qtbot.waitUntil(lambda: settled(page) and page.heatmap.hm is not None and page.heatmap.hm.group_by == "unit",
                    timeout=WAIT)
    info = grid_info(figure_of(page.heatmap.panel))
    ddat = {want.competency_name[c] for c in range(want.levels.shape[1])}
    assert info is not None and set(info.col_labels) <= ddat
    units = {int(u) for u in want.unit_id[want.own.n_required > 0]}
    assert len(info.row_labels) == len(units)

    # back to everything
    page.as_of_check.setChecked(False)
    page.framework.setCurrentIndex(0)
    page.agency.setCurrentIndex(0)
    qtbot.waitUntil(lambda: settled(page) and page.filters == S.GapFilters(), timeout=WAIT)
    assert page.data is page.source.data


# -- saving ------------------------------------------------------------------------------------------------------
def test_charts_save_as_png_and_svg(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _window, page = open_gaps(qtbot, sample_db)
    show_tab(qtbot, page, page.heatmap, lambda: page.heatmap.panel.canvas is not None)
    panel = page.heatmap.panel
    png = tmp_path / "heatmap.png"
    task = panel.save_chart(png)
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert task.error is None, task.error
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    import matplotlib.image

    img = matplotlib.image.imread(png)
    assert img.shape[0] > 300 and img.shape[1] > 300
    assert str(png) in page.message.text()

    # through the button and the file dialog (answered here): no suffix typed, SVG chosen
    answer = (str(tmp_path / "dashboard"), panel.tr("SVG drawing (*.svg)"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: answer))
    top = page.dashboard.top_gaps
    page.tabs.setCurrentWidget(page.dashboard)
    qtbot.mouseClick(top.save_button, Qt.MouseButton.LeftButton)
    assert top.save_task is not None
    qtbot.waitUntil(lambda: not top.save_task.running, timeout=WAIT)
    svg = tmp_path / "dashboard.svg"
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Competencies with the widest gaps" in text  # text kept as text

    # a wrong suffix is reported, nothing written
    bad = panel.save_chart(tmp_path / "chart.bmp")
    assert bad is not None
    qtbot.waitUntil(lambda: not bad.running, timeout=WAIT)
    assert not (tmp_path / "chart.bmp").exists()
    assert ".bmp" in page.message.text()


# -- background work ---------------------------------------------------------------------------------------------
def test_the_load_runs_in_a_task_and_the_window_keeps_serving_events(qtbot: QtBot, sample_db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _window, page = open_gaps(qtbot, sample_db)
    real = gap_logic.load_source
    gui = threading.current_thread()
    seen: dict[str, object] = {}
    release = threading.Event()

    def slow(engine: Engine, progress: object = None) -> gap_logic.GapSource:
        seen["thread"] = threading.current_thread()
        # only the GUI thread's event loop can release the load: a load on the GUI thread would never finish
        assert release.wait(20), "the GUI thread did not run its timer while the data loaded"
        return real(engine, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(gap_logic, "load_source", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    QTimer.singleShot(300, release.set)
    task = page.reload()
    assert isinstance(task, Task) and task.running
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    timer.stop()
    assert task.error is None, task.error
    assert seen["thread"] is not gui
    assert len(ticks) >= 5
    assert not page.progress.isVisible()
    qtbot.waitUntil(lambda: settled(page), timeout=WAIT)


def test_cancel_stops_the_load(qtbot: QtBot, sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _window, page = open_gaps(qtbot, sample_db)
    source = page.source
    release = threading.Event()
    real = gap_logic.load_source

    def slow(engine: Engine, progress: object = None) -> gap_logic.GapSource:
        release.wait(20)
        return real(engine, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(gap_logic, "load_source", slow)
    task = page.reload()
    assert task is not None
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    assert task.was_cancelled
    assert page.source is source
    assert not page.progress.isVisible()


def test_a_large_load_runs_in_a_child_process(engine: Engine) -> None:
    """Many assessments are read in a child process (the driver and numpy hold the GIL for seconds): same result
    as a load in the worker thread, on SQLite and PostgreSQL (the child connects by URL, password included); a
    cancel stops the child."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    here = gap_logic.load_source(engine, child=False)
    steps: list[tuple[int, int, str]] = []
    there = gap_logic.load_source(engine, Progress(lambda *a: steps.append(a), min_interval=0), child=True)
    assert np.array_equal(here.data.levels.levels, there.data.levels.levels, equal_nan=True)
    assert np.array_equal(here.data.levels.staff_ids, there.data.levels.staff_ids)
    assert np.array_equal(here.data.requirements.required, there.data.requirements.required, equal_nan=True)
    assert np.array_equal(here.data.history.level, there.data.history.level)
    assert here.data.staff_name == there.data.staff_name and here.names == there.names
    assert np.array_equal(here.data.own.readiness, there.data.own.readiness, equal_nan=True)
    assert steps and steps[-1][0] == steps[-1][1] == 4  # the child's progress reaches the caller
    stop = Progress()
    stop.cancel()
    with pytest.raises(Cancelled):
        gap_logic.load_source(engine, stop, child=True)
    assert not [p for p in multiprocessing.active_children() if p.name == "skillmap-gaps"]


def test_an_import_and_its_undo_reload_the_gaps_in_the_background(qtbot: QtBot, tmp_path: Path) -> None:
    db = make_sample_db(tmp_path / "copy.db")
    window, page = open_gaps(qtbot, db)
    assert page.dashboard.kpi["headcount"][1].text() == "500"
    engine = window.engine
    assert engine is not None
    # an import adds a person (the wizard itself is tested in test_import_wizard.py); the window's post-import
    # hook then refreshes the staff and, in the background, the gaps
    with unit_of_work(engine) as s:
        ref = s.scalars(select(m.Staff).where(m.Staff.role_profile_id.is_not(None)).limit(1)).one()
        s.add(m.Staff(employee_number="999001", given_names="Nueva", first_surname="Persona",
                      agency_id=ref.agency_id, unit_id=ref.unit_id, role_profile_id=ref.role_profile_id))
    window._staff_imported(None)
    assert page.loader.busy
    qtbot.waitUntil(lambda: settled(page) and page.dashboard.kpi["headcount"][1].text() == "501", timeout=WAIT)
    assert page.dashboard.numbers is not None and page.dashboard.numbers.headcount == 501

    with unit_of_work(engine) as s:
        s.delete(s.scalars(select(m.Staff).where(m.Staff.employee_number == "999001")).one())
    window.imports_page.undone.emit(1)
    qtbot.waitUntil(lambda: settled(page) and page.dashboard.kpi["headcount"][1].text() == "500", timeout=WAIT)


# -- language and help -------------------------------------------------------------------------------------------
def test_views_follow_the_language_and_show_the_definitions(qtbot: QtBot, sample_db: Path) -> None:
    window, page = open_gaps(qtbot, sample_db)
    show_tab(qtbot, page, page.heatmap, lambda: page.heatmap.hm is not None)
    english = grid_info(figure_of(page.heatmap.panel))
    assert english is not None and "Leadership" in english.col_labels
    window.act_gap_measures.trigger()
    dialog = page.measures_dialog
    assert dialog is not None and dialog.isVisible()
    assert S.measure_definitions("en")[4][2] in dialog.browser.toPlainText()  # readiness
    window.set_language("es")
    try:
        qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Tablero", timeout=5000)
        qtbot.waitUntil(lambda: settled(page) and page.heatmap.panel.figure is not None
                        and "Liderazgo" in grid_info(page.heatmap.panel.figure).col_labels, timeout=WAIT)
        fig = figure_of(page.heatmap.panel)
        assert fig._suptitle is not None
        assert fig._suptitle.get_text() == "Brecha de competencias por dependencia y competencia"
        assert window.nav.item(1).text() == "Brechas de competencias"
        assert S.measure_definitions("es")[4][2] in dialog.browser.toPlainText()
        assert dialog.windowTitle() == "Medidas de la brecha"
        page.tabs.setCurrentWidget(page.dashboard)
        qtbot.waitUntil(lambda: settled(page) and figure_of(page.dashboard.top_gaps)._suptitle.get_text()
                        == "Competencias con mayor brecha", timeout=WAIT)
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Dashboard", timeout=5000)
