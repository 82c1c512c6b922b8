"""Role transitions from the database: the service feeds the engine what the gap service loads, and its tables
say what the engine computed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, update

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.pathways import cheapest_route, rank_for_target
from skillmap.problems import InputError
from skillmap.services import pathways as P
from skillmap.services.gaps import GapFilters


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    engine = open_database(tmp_path_factory.mktemp("pw") / "pw.db")
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=200, n_agencies=3, seed=7))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def pd(sample_engine: Engine) -> P.PathwayData:
    return P.load_pathway_data(sample_engine, lang="en")


def test_graph_and_catalogue_come_from_the_database(pd: P.PathwayData) -> None:
    reqs = pd.data.requirements
    assert pd.graph.n_roles == reqs.shape[0] > 14
    assert pd.graph.n_edges > 0
    # the effort model knows a course for some competency, and the course codes are the catalogue's
    assert pd.course_rows and all(cid in pd.course_code for cid, *_ in pd.course_rows)
    covered = {comp for _cid, _h, comp, _lvl in pd.course_rows}
    assert covered & set(reqs.competency_ids.tolist())


def test_route_table_is_the_engines_route(pd: P.PathwayData) -> None:
    target = pd.role("data-analyst-1")
    person = int(np.flatnonzero(pd.data.role_index >= 0)[0])
    route = cheapest_route(pd.graph, pd.data.levels.levels[person], target)
    table = P.route_rows(pd, person, target)
    assert [r[1] for r in table.rows] == [pd.data.requirements.role_labels[r] for r in route.roles]
    assert table.rows[-1][1] == "data-analyst-1"
    assert sum(float(r[6] or 0) for r in table.rows) == pytest.approx(route.total_hours, abs=0.1 * len(table.rows))
    js = P.route_json(pd, person, target)
    assert js["person"] == pd.data.levels.staff_labels[person]
    assert js["total_hours"] == pytest.approx(route.total_hours, abs=0.01)
    assert js["steps"][-1]["role"] == "data-analyst-1"


def test_ranking_is_ordered_by_hours_and_matches_the_engine(pd: P.PathwayData) -> None:
    target = pd.role("data-analyst-1")
    ranking = rank_for_target(pd.graph, pd.data.levels, target)
    table = P.ranking_rows(pd, target, limit=20)
    hours = [float(r[4]) for r in table.rows]
    assert hours == sorted(hours) and len(hours) == 20
    first = int(ranking.order[0])
    assert table.rows[0][1] == pd.data.levels.staff_labels[first]
    # limited to some people: only they, still in order
    some = np.arange(0, pd.data.n_staff, 3)
    sub = P.ranking_rows(pd, target, ranking, people=some)
    assert {r[1] for r in sub.rows} == {pd.data.levels.staff_labels[p] for p in some.tolist()}


def test_settings_change_the_graph_not_the_data(pd: P.PathwayData) -> None:
    strict = pd.with_settings(P.PathwaySettings(threshold=0.95))
    loose = pd.with_settings(P.PathwaySettings(threshold=0.3))
    assert strict.data is pd.data and loose.data is pd.data
    assert strict.graph.n_edges < pd.graph.n_edges < loose.graph.n_edges
    dearer = pd.with_settings(P.PathwaySettings(level_hours=400))
    assert dearer.model is not pd.model
    assert float(np.nansum(dearer.graph.hours)) > float(np.nansum(pd.graph.hours))
    with pytest.raises(InputError) as err:
        pd.with_settings(P.PathwaySettings(threshold=1.5))
    assert "0 to 1" in str(err.value)


def test_core_competencies_table_is_ranked(pd: P.PathwayData) -> None:
    table = P.core_rows(pd)
    opened = [int(r[3]) for r in table.rows]
    assert opened == sorted(opened, reverse=True) and opened[0] > 0
    assert table.rows[0][0] in pd.data.requirements.competency_labels


def test_moves_table_lists_every_edge(pd: P.PathwayData) -> None:
    table = P.move_rows(pd)
    assert len(table.rows) == pd.graph.n_edges
    efforts = [float(r[5]) for r in table.rows]
    assert efforts == sorted(efforts)


def test_unknown_role_and_person_are_explained_in_spanish(sample_engine: Engine) -> None:
    pd_es = P.load_pathway_data(sample_engine, lang="es")
    with pytest.raises(InputError) as err:
        pd_es.role("astronauta")
    assert "astronauta" in err.value.problems[0].text("es") and "perfil" in err.value.problems[0].text("es")
    with pytest.raises(InputError) as err:
        pd_es.person("nadie-123")
    assert "nadie-123" in err.value.problems[0].text("es")
    assert pd_es.role(pd_es.data.role_title[0]) == 0  # a title works as well as a code


def test_inactive_courses_are_not_in_the_effort_model(sample_engine: Engine, tmp_path: Path) -> None:
    import shutil

    url = sample_engine.url.database
    assert url
    copy = tmp_path / "copy.db"
    shutil.copyfile(url, copy)
    engine = open_database(copy)
    try:
        before = P.load_pathway_data(engine)
        with engine.begin() as conn:
            conn.execute(update(m.Course).values(active=False))
        after = P.load_pathway_data(engine, data=before.data)
        assert after.course_rows == [] and before.course_rows
        # with no catalogue every level is an estimate: at least as dear as with courses
        assert float(np.nansum(after.graph.hours)) >= float(np.nansum(before.graph.hours))
    finally:
        engine.dispose()


def test_filters_restrict_people_not_roles(sample_engine: Engine, pd: P.PathwayData) -> None:
    code = next(iter(pd.data.lookups.agencies.values()))[0]
    one = P.load_pathway_data(sample_engine, GapFilters(agency=code))
    assert 0 < one.data.n_staff < pd.data.n_staff
    assert one.graph.n_roles == pd.graph.n_roles
