"""Framework files: the bundled content, validation messages with locations, round trips, storage, export."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from sqlalchemy import Engine

from skillmap.frameworks.fileformat import (
    dump_framework,
    framework_to_dict,
    load_bundled_frameworks,
    load_framework,
    parse_framework,
)
from skillmap.frameworks.model import Framework
from skillmap.problems import InputError
from skillmap.services.frameworks import (
    export_framework,
    find_framework_id,
    framework_from_db,
    import_framework,
    install_bundled_frameworks,
    list_frameworks,
)

DDAT_ROLES = {
    "digital-transformation-officer", "product-manager", "delivery-manager", "user-researcher",
    "service-designer", "data-scientist", "data-analyst", "data-engineer", "data-architect",
    "software-developer", "infrastructure-engineer", "cyber-security-analyst", "it-service-manager",
}


def by_code(fws: list[Framework]) -> dict[str, Framework]:
    return {f.code: f for f in fws}


# -- bundled content ---------------------------------------------------------------------------------
def test_bundled_digital_framework_meets_the_brief() -> None:
    fw = by_code(load_bundled_frameworks())["mx-ddat"]
    assert [s.level for s in fw.scale] == [0, 1, 2, 3, 4]
    assert [s.code for s in fw.scale] == ["none", "awareness", "working", "practitioner", "expert"]
    comps = list(fw.competencies())
    assert len(comps) >= 30
    for c in comps:
        assert c.name.en and c.name.es and c.description.en and c.description.es, c.code
        assert set(c.descriptors) == {0, 1, 2, 3, 4}, c.code
        assert all(t.en and t.es for t in c.descriptors.values()), c.code
    hard = {c.code for c in comps if c.hard_to_transfer}
    assert {"MACHINE-LEARNING", "USER-RESEARCH", "SERVICE-DESIGN"} <= hard
    assert len(fw.roles) >= 14
    assert {r.code for r in fw.roles} >= DDAT_ROLES
    for role in fw.roles:
        assert len(role.levels) >= 3, role.code
        for level in role.levels:
            assert level.title.en and level.title.es and level.requirements, level.code


def test_bundled_managerial_and_digital_skills_frameworks() -> None:
    fws = by_code(load_bundled_frameworks())
    mgr = fws["mx-mgr"]
    assert {c.code for c in mgr.competencies()} == {
        "MGR-STRATEGIC-VISION", "MGR-LEADERSHIP", "MGR-GOAL-ORIENTATION", "MGR-TEAMWORK", "MGR-NEGOTIATION"}
    dsa = fws["mx-dsa"]
    assert {c.code for c in dsa.categories} == {"DS-INFO", "DS-COMM", "DS-CONTENT", "DS-SAFETY", "DS-PROBLEM"}
    for fw in (mgr, dsa):
        for c in fw.competencies():
            assert set(c.descriptors) == {0, 1, 2, 3, 4}
            assert all(t.en and t.es for t in c.descriptors.values())


def test_role_ladders_only_go_up() -> None:
    for fw in load_bundled_frameworks():
        for role in fw.roles:
            ladder = sorted(role.levels, key=lambda lv: lv.seniority)
            for lower, upper in itertools.pairwise(ladder):
                up = {q.competency: q.level for q in upper.requirements}
                for q in lower.requirements:
                    assert up.get(q.competency, -1) >= q.level, (fw.code, lower.code, upper.code, q.competency)


# -- validation --------------------------------------------------------------------------------------
GOOD = {
    "format": "skillmap-framework/1",
    "code": "t",
    "version": "1",
    "name": {"en": "Test", "es": "Prueba"},
    "scale": [{"level": 1, "code": "a", "name": "A"}, {"level": 2, "code": "b", "name": "B"},
              {"level": 3, "code": "c", "name": "C"}],
    "categories": [{"code": "K", "name": "K", "competencies": [
        {"code": "X", "name": {"en": "X", "es": "Equis"}, "levels": {1: "one", 2: "two", 3: "three"}}]}],
    "role_families": [{"code": "F", "name": "F"}],
    "roles": [{"code": "r", "family": "F", "name": "R", "levels": [
        {"seniority": 1, "title": "R1", "requirements": {"X": 2}},
        {"seniority": 2, "title": "R2", "requirements": {"X": {"level": 3, "weight": 2}}}]}],
}


def _problems(doc: object) -> list[tuple[str | None, str]]:
    with pytest.raises(InputError) as err:
        parse_framework(doc, "bad.yaml")
    return [(p.path, p.key) for p in err.value.problems]


def test_a_good_document_parses() -> None:
    fw = parse_framework(GOOD, "good.yaml")
    assert fw.scale_range == (1, 3)
    assert fw.roles[0].levels[1].requirements[0].weight == 2.0
    assert fw.roles[0].levels[0].code == "r-1"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("scale"), (None, "fw.missing")),
        (lambda d: d.update(extra=1), ("extra", "fw.unknown_key")),
        (lambda d: d.update(format="other/9"), ("format", "fw.format")),
        (lambda d: d["scale"].__setitem__(1, {"level": 5, "code": "b", "name": "B"}), ("scale", "fw.scale_order")),
        (lambda d: d["categories"][0]["competencies"][0]["levels"].update({7: "x"}),
         ("categories[0].competencies[0].levels.7", "fw.level_range")),
        (lambda d: d["categories"][0]["competencies"].append({"code": "X", "name": "dup"}),
         ("categories[0].competencies[1].code", "fw.duplicate")),
        (lambda d: d["categories"][0]["competencies"][0].update(code="bad code!"),
         ("categories[0].competencies[0].code", "fw.code")),
        (lambda d: d["roles"][0].update(family="NOPE"), ("roles[0].family", "fw.unknown_family")),
        (lambda d: d["roles"][0]["levels"][0].update(requirements={"Y": 1}),
         ("roles[0].levels[0].requirements.Y", "fw.unknown_competency")),
        (lambda d: d["roles"][0]["levels"][0].update(requirements={"X": 9}),
         ("roles[0].levels[0].requirements.X", "fw.level_range")),
        (lambda d: d["roles"][0]["levels"][1].update(requirements={"X": {"level": 2, "weight": 0}}),
         ("roles[0].levels[1].requirements.X.weight", "fw.weight")),
        (lambda d: d["roles"][0]["levels"][0].update(seniority="one"), ("roles[0].levels[0].seniority", "fw.type")),
        (lambda d: d.update(name={"en": "", "es": ""}), ("name", "fw.empty_text")),
    ],
)
def test_each_problem_is_reported_with_its_path(change: object, expected: tuple[str | None, str]) -> None:
    doc = json.loads(json.dumps(GOOD))  # deep copy; JSON keys of levels become strings, as YAML may have
    doc["categories"][0]["competencies"][0]["levels"] = {1: "one", 2: "two", 3: "three"}
    change(doc)  # type: ignore[operator]
    assert expected in _problems(doc)


def test_all_problems_are_collected_at_once() -> None:
    doc = json.loads(json.dumps(GOOD))
    doc["extra"] = 1
    doc["roles"][0]["family"] = "NOPE"
    doc["roles"][0]["levels"][0]["requirements"] = {"Y": 1}
    assert len(_problems(doc)) == 3


def test_messages_are_located_and_translated(tmp_path: Path) -> None:
    path = tmp_path / "marco.yaml"
    doc = json.loads(json.dumps(GOOD))
    doc["roles"][0]["levels"][0]["requirements"] = {"X": 9}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_framework(path)
    problem = err.value.problems[0]
    assert problem.text("en") == "marco.yaml, at roles[0].levels[0].requirements.X: level 9 is outside the scale 1–3"
    assert problem.text("es") == ("marco.yaml, en roles[0].levels[0].requirements.X: "
                                  "el nivel 9 está fuera de la escala 1–3")


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("code: x\nname: [unclosed\nversion: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_framework(path)
    assert "line" in err.value.problems[0].text("en")
    bad_json = tmp_path / "broken.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(InputError) as err2:
        load_framework(bad_json)
    assert err2.value.problems[0].key == "fw.syntax"
    with pytest.raises(InputError) as err3:
        load_framework(tmp_path / "framework.txt")
    assert err3.value.problems[0].key == "fw.extension"


@pytest.mark.parametrize("ext", [".yaml", ".json"])
def test_dump_and_load_round_trip(tmp_path: Path, ext: str) -> None:
    for fw in load_bundled_frameworks():
        out = dump_framework(fw, tmp_path / f"{fw.code}{ext}")
        assert load_framework(out) == fw


# -- database ----------------------------------------------------------------------------------------
def test_store_list_and_rebuild_bundled_frameworks(engine: Engine) -> None:
    added = install_bundled_frameworks(engine)
    assert {f.code for f in added} == {"mx-ddat", "mx-mgr", "mx-dsa"}
    assert install_bundled_frameworks(engine) == []  # idempotent
    summaries = {f.code: f for f in list_frameworks(engine)}
    for fw in load_bundled_frameworks():
        s = summaries[fw.code]
        assert s.competencies == len(list(fw.competencies()))
        assert s.role_profiles == len(list(fw.role_levels()))
        assert s.requirements == sum(len(lv.requirements) for _r, lv in fw.role_levels())
        assert framework_from_db(engine, s.id) == fw


def test_same_version_twice_is_refused_new_version_replaces_active(engine: Engine) -> None:
    fw = parse_framework(GOOD, "good.yaml")
    import_framework(engine, fw)
    with pytest.raises(InputError) as err:
        import_framework(engine, fw)
    assert err.value.problems[0].key == "fw.exists"
    fw.version = "2"
    import_framework(engine, fw)
    active = {(f.version, f.active) for f in list_frameworks(engine) if f.code == "t"}
    assert active == {("1", False), ("2", True)}
    assert framework_from_db(engine, find_framework_id(engine, "t")).version == "2"


def test_export_to_yaml_and_xlsx(sqlite_engine: Engine, tmp_path: Path) -> None:
    install_bundled_frameworks(sqlite_engine)
    fw = by_code(load_bundled_frameworks())["mx-ddat"]
    out = export_framework(sqlite_engine, "mx-ddat", tmp_path / "ddat.yaml")
    assert load_framework(out) == fw
    book = export_framework(sqlite_engine, "mx-ddat", tmp_path / "ddat.xlsx")
    wb = openpyxl.load_workbook(book)
    comps = wb["Competencies"]
    assert comps.max_row - 1 == len(list(fw.competencies()))
    assert [c.value for c in comps[1]][:4] == ["category", "category (en)", "category (es)", "code"]
    reqs = wb["Role requirements"]
    assert reqs.max_row - 1 == sum(len(lv.requirements) for _r, lv in fw.role_levels())
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_exported_text_never_becomes_a_formula(sqlite_engine: Engine, tmp_path: Path) -> None:
    doc = json.loads(json.dumps(GOOD))
    doc["categories"][0]["competencies"][0]["name"] = {"en": "=HYPERLINK(\"http://x\")", "es": "+1"}
    import_framework(sqlite_engine, parse_framework(doc, "x.yaml"))
    book = export_framework(sqlite_engine, "t", tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(book)["Competencies"]
    cell = ws.cell(row=2, column=5)
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def test_framework_to_dict_is_valid_input() -> None:
    fw = by_code(load_bundled_frameworks())["mx-mgr"]
    assert parse_framework(framework_to_dict(fw), "x") == fw


def test_a_missing_key_is_reported_once_and_types_are_named_in_spanish() -> None:
    doc = json.loads(json.dumps(GOOD))
    del doc["roles"][0]["family"]
    doc["roles"][0]["levels"][0]["seniority"] = None
    with pytest.raises(InputError) as err:
        parse_framework(doc, "x.yaml")
    problems = err.value.problems
    assert [(p.path, p.key) for p in problems if "family" in (p.path or "") or p.params.get("key") == "family"] == [
        ("roles[0]", "fw.missing")]
    seniority = next(p for p in problems if p.path == "roles[0].levels[0].seniority")
    assert seniority.message("es") == "se esperaba un número entero, se encontró nada"
    assert seniority.message("en") == "expected a whole number, found nothing"
