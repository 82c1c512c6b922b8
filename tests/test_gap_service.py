"""The gap service on a tiny hand-built organisation, on SQLite and PostgreSQL: matrices from the database,
the current-level rule and as-of date, filters, aggregates, title check, self versus manager, trend, files."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from sqlalchemy import Engine

from skillmap.analysis.definitions import MEASURES
from skillmap.db import models as m
from skillmap.db.session import unit_of_work
from skillmap.problems import InputError
from skillmap.services import gaps as S
from skillmap.services.levels import current_levels_select
from skillmap.tasks import Cancelled, Progress

NAN = math.nan
D = date


@dataclass
class Org:
    comp: dict[str, int]
    profile: dict[str, int]
    staff: dict[str, int]
    agency: dict[str, int]
    unit: dict[str, int]
    family: dict[str, int]


def build(engine: Engine) -> Org:
    """Framework fw-a (A, B, C; families FAM1: P1, P2 and FAM2: Q1, E with no requirements), framework fw-b (D;
    B1), an inactive old fw-a; agencies AG1 (DIR → U11 → U111, DIR → U12) and AG2 (DIR = V1); staff s1…s9."""
    comp: dict[str, int] = {}
    profile: dict[str, int] = {}
    staff: dict[str, int] = {}
    agency: dict[str, int] = {}
    unit: dict[str, int] = {}
    family: dict[str, int] = {}
    with unit_of_work(engine) as s:
        def framework(code: str, version: str, active: bool, comps: list[str]) -> m.Framework:
            fw = m.Framework(code=code, version=version, name_en=code, name_es=code, active=active)
            s.add(fw)
            s.flush()
            cat = m.Category(framework_id=fw.id, code="CAT", name_en="Category", name_es="Categoría")
            s.add(cat)
            s.flush()
            for i, c in enumerate(comps):
                row = m.Competency(framework_id=fw.id, category_id=cat.id, code=c, name_en=f"Skill {c}",
                                   name_es=f"Competencia {c}", sort_order=i, hard_to_transfer=c == "C")
                s.add(row)
                s.flush()
                if active:
                    comp[c] = row.id
            return fw

        def role(fw: m.Framework, fam_code: str, code: str, levels: list[tuple[str, int, dict[str, tuple[int, float]]]]
                 ) -> None:
            if fam_code not in family:
                fam = m.RoleFamily(framework_id=fw.id, code=fam_code, name_en=f"Family {fam_code}",
                                   name_es=f"Familia {fam_code}", sort_order=len(family))
                s.add(fam)
                s.flush()
                family[fam_code] = fam.id
            r = m.Role(framework_id=fw.id, family_id=family[fam_code], code=code, name_en=code, name_es=code)
            s.add(r)
            s.flush()
            for pcode, sen, reqs in levels:
                p = m.RoleProfile(framework_id=fw.id, role_id=r.id, code=pcode, seniority=sen,
                                  title_en=f"Title {pcode}", title_es=f"Título {pcode}")
                s.add(p)
                s.flush()
                profile[pcode] = p.id
                for c, (lvl, w) in reqs.items():
                    s.add(m.RoleRequirement(role_profile_id=p.id, competency_id=comp[c], required_level=lvl,
                                            weight=w))

        framework("fw-a", "0", False, ["A", "OLD"])
        fb = framework("fw-b", "1", True, ["D"])  # stored before fw-a 1, shown after it: ids out of display order
        fa = framework("fw-a", "1", True, ["A", "B", "C"])
        role(fa, "FAM1", "analyst", [("P1", 1, {"A": (1, 1.0), "B": (1, 1.0)}),
                                     ("P2", 2, {"A": (2, 2.0), "B": (2, 1.0), "C": (3, 1.0)})])
        role(fa, "FAM2", "other", [("Q1", 1, {"C": (2, 1.0)}), ("E", 2, {})])
        role(fb, "FB", "boss", [("B1", 1, {"D": (2, 1.0)})])

        for code, short in (("AG1", "Uno"), ("AG2", "Dos")):
            a = m.Agency(code=code, name=f"Agencia {short}", short_name=short)
            s.add(a)
            s.flush()
            agency[code] = a.id

        def add_unit(key: str, ag: str, code: str, name: str, parent: str | None, level: int) -> None:
            u = m.Unit(agency_id=agency[ag], code=code, name=name, parent_id=unit.get(parent or ""), level=level)
            s.add(u)
            s.flush()
            unit[key] = u.id

        add_unit("U1", "AG1", "DIR", "Dirección General", None, 1)
        add_unit("U11", "AG1", "U11", "Dirección de Datos", "U1", 2)
        add_unit("U111", "AG1", "U111", "Subdirección de Análisis", "U11", 3)
        add_unit("U12", "AG1", "U12", "Dirección de Servicios", "U1", 2)
        add_unit("V1", "AG2", "DIR", "=SUM(A1)", None, 1)  # a hostile name: must stay text in every file

        def person(key: str, ag: str, un: str, prof: str | None, active: bool = True, given: str = "Ana") -> None:
            p = m.Staff(employee_number=f"E-{key}", given_names=given, first_surname="Pérez",
                        second_surname="López", agency_id=agency[ag], unit_id=unit[un],
                        role_profile_id=profile[prof] if prof else None, position_title=f"Puesto {key}",
                        active=active)
            s.add(p)
            s.flush()
            staff[key] = p.id

        person("s1", "AG1", "U11", "P2")
        person("s2", "AG1", "U111", "P1")
        person("s3", "AG1", "U12", "Q1")
        person("s4", "AG2", "V1", None, given="-Beto")
        person("s5", "AG2", "V1", "B1")
        person("s6", "AG1", "U11", "P2", active=False)
        person("s7", "AG1", "U11", "E")
        person("s8", "AG1", "U12", "P2")
        person("s9", "AG1", "U12", "P1")

        def level(who: str, c: str, lvl: int, on: date, source: str) -> None:
            s.add(m.Assessment(staff_id=staff[who], competency_id=comp[c], level=lvl, source=source,
                               assessed_on=on, validated=source != "self"))

        level("s1", "A", 1, D(2022, 3, 1), "manager")
        level("s1", "A", 3, D(2023, 1, 10), "test")
        level("s1", "A", 2, D(2023, 1, 10), "manager")  # same day: the test is more trusted
        level("s1", "A", 4, D(2023, 5, 1), "self")  # unvalidated: not a current level
        level("s1", "B", 1, D(2022, 6, 1), "test")
        level("s2", "A", 1, D(2021, 1, 1), "manager")
        level("s2", "B", 1, D(2021, 1, 1), "manager")
        level("s2", "B", 3, D(2021, 2, 1), "self")
        level("s3", "C", 2, D(2020, 1, 1), "manager")
        level("s3", "C", 1, D(2020, 2, 1), "self")
        level("s3", "C", 0, D(2020, 5, 5), "test")
        level("s4", "D", 3, D(2022, 1, 1), "test")
        level("s6", "A", 4, D(2022, 1, 1), "test")
        level("s8", "A", 1, D(2022, 1, 1), "test")
        level("s8", "B", 1, D(2022, 1, 1), "test")
        level("s8", "C", 1, D(2022, 1, 1), "test")
        level("s9", "A", 2, D(2022, 1, 1), "test")
        level("s9", "B", 2, D(2022, 1, 1), "test")
        level("s9", "C", 3, D(2022, 1, 1), "test")
    return Org(comp, profile, staff, agency, unit, family)


@pytest.fixture
def org(engine: Engine) -> Org:
    return build(engine)


def row(data: S.GapData, org: Org, who: str) -> int:
    return int(np.flatnonzero(data.levels.staff_ids == org.staff[who])[0])


def col(data: S.GapData, org: Org, c: str) -> int:
    return int(np.flatnonzero(data.levels.competency_ids == org.comp[c])[0])


def by_code(table: S.GapTable, key: str = "code") -> dict[str, dict[str, object]]:
    return {str(r[key]): r for r in table.to_json()["rows"]}


# -- matrices ----------------------------------------------------------------------------------------------
def test_matrices_from_the_database(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    # active staff only (s6 is inactive); competencies and roles of the active frameworks only
    assert sorted(data.levels.staff_ids.tolist()) == sorted(v for k, v in org.staff.items() if k != "s6")
    assert data.levels.competency_labels == ["A", "B", "C", "D"]
    assert data.requirements.role_labels == ["P1", "P2", "Q1", "E", "B1"]
    assert data.requirements.required[1].tolist()[:3] == [2, 2, 3]
    assert data.requirements.weights[1].tolist() == [2, 1, 1, 0]
    assert np.isnan(data.requirements.required[3]).all()  # E: no requirements
    s1 = row(data, org, "s1")
    assert data.levels.levels[s1, :3].tolist()[:2] == [3, 1] and np.isnan(data.levels.levels[s1, 2])
    assert data.role_index[row(data, org, "s4")] == -1
    assert data.role_title[data.role_index[s1]] == "Title P2"


def test_levels_follow_the_documented_rule(engine: Engine, org: Org) -> None:
    """The matrix equals what the window-function query of services/levels.py gives, cell by cell."""
    data = S.load_gap_data(engine)
    with engine.connect() as conn:
        expected = {(sid, cid): lvl for sid, cid, lvl, *_ in conn.execute(current_levels_select())}
    got = {}
    for i, sid in enumerate(data.levels.staff_ids.tolist()):
        for j, cid in enumerate(data.levels.competency_ids.tolist()):
            if not np.isnan(data.levels.levels[i, j]):
                got[(sid, cid)] = data.levels.levels[i, j]
    in_scope = {k: v for k, v in expected.items() if k[0] != org.staff["s6"]}
    assert got == in_scope


def test_own_role_measures(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    own = data.own
    s1 = row(data, org, "s1")
    # P2: A 3 ≥ 2, B 1 < 2 (gap 1, weight 1), C unknown → weighted gap 1, readiness 1 − 1/(2·2 + 2) = 5/6
    assert own.weighted_gap[s1] == pytest.approx(1.0)
    assert own.readiness[s1] == pytest.approx(5 / 6)
    assert own.coverage[s1] == pytest.approx(0.75)
    assert np.isnan(own.gap[s1, col(data, org, "C")])
    assert np.isnan(own.readiness[row(data, org, "s7")])  # role without requirements
    assert np.isnan(own.readiness[row(data, org, "s4")])  # no role
    s5 = row(data, org, "s5")
    assert own.coverage[s5] == 0 and np.isnan(own.readiness[s5])
    # the same from the all-roles matrix
    assert data.pairs.readiness[s1, data.role_index[s1]] == pytest.approx(5 / 6)


def test_as_of_date_ignores_later_assessments(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine, S.GapFilters(as_of=D(2022, 12, 31)))
    s1 = row(data, org, "s1")
    assert data.levels.levels[s1, col(data, org, "A")] == 1
    assert data.own.readiness[s1] == pytest.approx(0.5)  # gaps A 1 (weight 2) and B 1: 1 − 3/6
    early = S.load_gap_data(engine, S.GapFilters(as_of=D(2020, 3, 1)))
    assert early.levels.levels[row(early, org, "s3"), col(early, org, "C")] == 2
    assert np.isnan(early.levels.levels[row(early, org, "s1")]).all()


# -- aggregates --------------------------------------------------------------------------------------------
def test_gap_table_by_competency(engine: Engine, org: Org) -> None:
    rows = by_code(S.gap_table(engine, "competency"))
    assert set(rows) == {"A", "B", "C", "D"}
    # A: required of s1 (2), s2 (1), s8 (2), s9 (1); s8 short
    assert rows["A"]["requirements"] == 4 and rows["A"]["assessed"] == 4 and rows["A"]["short"] == 1
    assert rows["A"]["share_meeting_pct"] == 75.0
    # B: s1 short by 1, s8 short by 1, s2 and s9 meet
    assert rows["B"]["mean_gap"] == 0.5 and rows["B"]["short"] == 2
    # C: s1 unknown, s3 0 of 2, s8 1 of 3
    assert rows["C"]["requirements"] == 3 and rows["C"]["assessed"] == 2
    assert rows["C"]["coverage_pct"] == pytest.approx(66.7) and rows["C"]["mean_gap"] == 2.0
    assert rows["C"]["hard_to_transfer"] == "yes"
    assert rows["D"]["assessed"] == 0 and rows["D"]["mean_gap"] is None


def test_gap_table_by_unit_agency_family_role(engine: Engine, org: Org) -> None:
    units = by_code(S.gap_table(engine, "unit"))
    assert set(units) == {"U11", "U111", "U12", "DIR"}
    assert units["U11"]["staff"] == 2 and units["U11"]["people"] == 1  # s1, and s7 whose role has no requirements
    assert units["U12"]["staff"] == 3 and units["U12"]["short"] == 2  # s3 and s8
    agencies = by_code(S.gap_table(engine, "agency"))
    assert agencies["AG1"]["staff"] == 6 and agencies["AG2"]["staff"] == 2
    assert agencies["AG2"]["people"] == 1 and agencies["AG2"]["assessed"] == 0
    families = S.gap_table(engine, "role_family").to_json()["rows"]
    assert [r["code"] for r in families] == ["FAM1", "FAM2", "FB", ""]  # s4 (no role) in the last row
    assert families[-1]["staff"] == 1 and families[-1]["name"] == "(none)"
    roles = by_code(S.gap_table(engine, "role"))
    assert roles["P2"]["staff"] == 2 and roles["P2"]["mean_readiness_pct"] == pytest.approx(
        round(100 * (5 / 6 + 4 / 9) / 2, 1))
    assert "E" in roles and roles["E"]["mean_readiness_pct"] is None
    people = by_code(S.gap_table(engine, "person"), "employee_number")
    assert people["E-s1"]["readiness_pct"] == pytest.approx(83.3) and people["E-s7"]["readiness_pct"] is None
    with pytest.raises(InputError):
        S.gap_table(engine, "planet")


def test_filters(engine: Engine, org: Org) -> None:
    sub = S.load_gap_data(engine, S.GapFilters(agency="AG1", unit="U11"))  # U11 and U111 below it
    assert sorted(sub.levels.staff_ids.tolist()) == sorted(org.staff[k] for k in ("s1", "s2", "s7"))
    assert sub.scope.unit_ids == frozenset({org.unit["U11"], org.unit["U111"]})
    by_id = S.load_gap_data(engine, S.GapFilters(unit=org.unit["U1"]))
    assert len(by_id.levels.staff_ids) == 6
    ag2 = S.load_gap_data(engine, S.GapFilters(agency=org.agency["AG2"]))
    assert sorted(ag2.levels.staff_ids.tolist()) == sorted(org.staff[k] for k in ("s4", "s5"))
    fam = S.load_gap_data(engine, S.GapFilters(role_family="FAM2"))
    assert sorted(fam.levels.staff_ids.tolist()) == sorted(org.staff[k] for k in ("s3", "s7"))
    assert fam.requirements.role_labels == ["Q1", "E"]
    fw = S.load_gap_data(engine, S.GapFilters(framework="fw-b"))
    assert fw.levels.competency_labels == ["D"] and fw.requirements.role_labels == ["B1"]
    assert len(fw.levels.staff_ids) == 8  # staff are not restricted by the framework
    assert fw.role_index[row(fw, org, "s1")] == -1  # s1's role is of another framework
    assert fw.levels.levels[row(fw, org, "s4"), 0] == 3
    # the whole table follows the filters too
    assert set(by_code(S.gap_table(engine, "competency", S.GapFilters(framework="fw-b")))) == {"D"}
    for bad in (S.GapFilters(agency="NOPE"), S.GapFilters(unit="DIR"), S.GapFilters(role_family=10**6)):
        with pytest.raises(InputError):
            S.load_gap_data(engine, bad)
    assert S.load_gap_data(engine, S.GapFilters(agency="AG2", unit="DIR")).scope.unit_ids == frozenset(
        {org.unit["V1"]})


FILTER_CASES = [
    S.GapFilters(),
    S.GapFilters(agency="AG1"),
    S.GapFilters(agency="AG1", unit="U11"),
    S.GapFilters(role_family="FAM2"),
    S.GapFilters(framework="fw-b"),
    S.GapFilters(framework="fw-a", agency="AG1", as_of=D(2022, 12, 31)),
    S.GapFilters(as_of=D(2021, 6, 30)),
]


@pytest.mark.parametrize("case", range(len(FILTER_CASES)))
def test_restrict_in_memory_equals_loading(engine: Engine, org: Org, case: int) -> None:
    """Filtering loaded data in memory gives exactly what a filtered load from the database gives."""
    filters = FILTER_CASES[case]
    direct = S.load_gap_data(engine, filters)
    narrowed = S.load_gap_data(engine).restrict(filters)
    for a, b in ((direct.levels.staff_ids, narrowed.levels.staff_ids),
                 (direct.levels.competency_ids, narrowed.levels.competency_ids),
                 (direct.requirements.role_ids, narrowed.requirements.role_ids),
                 (direct.role_index, narrowed.role_index)):
        assert a.tolist() == b.tolist()
    np.testing.assert_array_equal(direct.levels.levels, narrowed.levels.levels)
    np.testing.assert_array_equal(direct.requirements.required, narrowed.requirements.required)
    assert len(direct.history) == len(narrowed.history)
    assert direct.scope == narrowed.scope
    for group_by in S.GROUP_BY:
        assert S.gap_rows(direct, group_by).rows == S.gap_rows(narrowed, group_by).rows
    assert S.trend_rows(direct).rows == S.trend_rows(narrowed).rows
    assert S.title_check_rows(direct, only=None).rows == S.title_check_rows(narrowed, only=None).rows


def test_restrict_refuses_what_it_cannot_know(engine: Engine, org: Org) -> None:
    with pytest.raises(ValueError):
        S.load_gap_data(engine, S.GapFilters(agency="AG1")).restrict(S.GapFilters(agency="AG2"))
    with pytest.raises(ValueError):
        S.load_gap_data(engine, S.GapFilters(as_of=D(2021, 1, 1))).restrict(S.GapFilters(as_of=D(2022, 1, 1)))
    with pytest.raises(InputError):
        S.load_gap_data(engine).restrict(S.GapFilters(unit="DIR"))  # ambiguous without the agency


def test_supply_and_demand(engine: Engine, org: Org) -> None:
    rows = S.supply_demand_table(engine).to_json()["rows"]
    a = {r["level"]: r for r in rows if r["code"] == "A"}
    # A current: s1 3, s2 1, s8 1, s9 2 (s6 inactive); required: P2 2 (s1, s8), P1 1 (s2, s9)
    assert [a[lv]["supply"] for lv in (1, 2, 3)] == [2, 1, 1]  # levels run to 3, the highest held or required
    assert [a[lv]["demand"] for lv in (1, 2, 3)] == [2, 2, 0]
    assert a[2]["supply_at_least"] == 2 and a[2]["demand_at_least"] == 2 and a[1]["unknown"] == 4


def test_title_check(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    tc = data.title_check()
    fit = dict(zip(data.levels.staff_labels, tc.fit_names, strict=True))
    assert fit["E-s8"] == "over"  # titled P2, levels exactly P1's
    assert fit["E-s9"] == "under"  # titled P1, levels exactly P2's
    assert fit["E-s2"] == "consistent" and fit["E-s4"] == "no_role" and fit["E-s5"] == "unassessed"
    table = S.title_check_rows(data)
    assert [r[0] for r in table.rows] == ["E-s8", "E-s9"]
    row8 = table.to_json()["rows"][0]
    assert row8["role"] == "Title P2" and row8["best_role"] == "Title P1" and row8["best_distance"] == 0.0
    assert len(S.title_check_rows(data, only=None).rows) == 8


def test_self_versus_manager(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    ratings = S.load_ratings(engine, data)
    rows = by_code(S.self_manager_rows(data, ratings))
    # A: s1 self 4 − latest manager 2; B: s2 self 3 − manager 1; C: s3 self 1 − manager 2
    assert rows["A"]["pairs"] == 1 and rows["A"]["mean_difference"] == 2
    assert rows["B"]["mean_difference"] == 2 and rows["B"]["self_higher"] == 1
    assert rows["C"]["mean_difference"] == -1 and rows["C"]["self_lower"] == 1
    people = by_code(S.self_manager_rows(data, ratings, "person"), "employee_number")
    assert set(people) == {"E-s1", "E-s2", "E-s3"}
    early = S.load_gap_data(engine, S.GapFilters(as_of=D(2022, 12, 31)))
    assert "A" not in by_code(S.self_manager_rows(early, S.load_ratings(engine, early)))


def test_trend(engine: Engine, org: Org) -> None:
    data = S.load_gap_data(engine)
    assert data.year_ends() == [D(2020, 12, 31), D(2021, 12, 31), D(2022, 12, 31), D(2023, 1, 10)]
    rows = [r for r in S.trend_rows(data).to_json()["rows"] if r["code"] == "A"]
    assert [r["known"] for r in rows] == [0, 1, 4, 4]
    assert [r["mean_level"] for r in rows] == [None, 1.0, 1.25, 1.75]  # s1 1 → 3; s2 1; s8 1; s9 2


def test_loading_reports_progress_and_can_be_cancelled(engine: Engine, org: Org) -> None:
    seen: list[tuple[int, int, str]] = []
    S.load_gap_data(engine, progress=Progress(lambda d, t, msg: seen.append((d, t, msg)), min_interval=0))
    assert seen[-1][:2] == (4, 4) and [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        S.load_gap_data(engine, progress=cancelled)


def test_empty_database(engine: Engine) -> None:
    data = S.load_gap_data(engine)
    assert data.levels.shape == (0, 0)
    for group_by in S.GROUP_BY:
        assert S.gap_rows(data, group_by).rows == []
    assert S.title_check_rows(data).rows == [] and S.trend_rows(data).rows == []
    assert S.supply_demand_rows(data).rows == []


# -- files and language ------------------------------------------------------------------------------------
def test_files_keep_text_as_text(engine: Engine, org: Org, tmp_path: Path) -> None:
    table = S.gap_table(engine, "person")
    out = S.write_gaps(table, tmp_path / "gaps.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][0] == "Employee number"
    cells = [c for line in lines for c in line]
    assert "'=SUM(A1)" in cells and "=SUM(A1)" not in cells
    assert "Pérez López, -Beto" in cells  # does not start with a trigger: unchanged
    assert S.csv_safe("-Beto") == "'-Beto" and S.csv_safe(-1.5) == -1.5 and S.csv_safe("@x") == "'@x"

    xlsx = S.write_gaps(table, tmp_path / "gaps.xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    values = [c for r in ws.iter_rows() for c in r if c.value == "=SUM(A1)"]
    assert values and all(c.data_type == "s" for c in values)
    header = [c.value for c in ws[4]]
    assert header[:2] == ["Employee number", "Name"]

    doc = json.loads(S.write_gaps(table, tmp_path / "gaps.json").read_text(encoding="utf-8"))
    assert doc["group_by"] == "person" and doc["columns"][0]["key"] == "employee_number"
    assert {r["employee_number"] for r in doc["rows"]} >= {"E-s1", "E-s9"}
    with pytest.raises(InputError):
        S.write_gaps(table, tmp_path / "gaps.txt")


def test_spanish_tables(engine: Engine, org: Org) -> None:
    table = S.gap_table(engine, "competency", S.GapFilters(framework="fw-a", as_of=D(2023, 12, 31)), lang="es")
    assert table.title == "Brecha de competencias por competencia"
    assert [c.header for c in table.columns][:3] == ["Marco", "Clave", "Nombre"]
    assert table.to_json()["rows"][0]["name"] == "Competencia A"
    assert "marco: fw-a 1" in table.text() and "fecha de corte: 2023-12-31" in table.text()


def test_definitions_in_both_languages_and_in_the_docs() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "gaps.md").read_text(encoding="utf-8")
    en, es = S.measure_definitions("en"), S.measure_definitions("es")
    assert [k for k, _, _ in en] == list(MEASURES) == [k for k, _, _ in es]
    for (_, term_en, text_en), (_, term_es, text_es) in zip(en, es, strict=True):
        assert text_en and text_es and text_en != text_es
        assert term_en in docs and term_es in docs
