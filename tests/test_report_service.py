"""The report service on the sample organisation (SQLite, and PostgreSQL when configured): the numbers equal the
gap, training and certification services'; pseudonymised reports carry no name, CURP, RFC, e-mail or employee
number and the same person keeps one pseudonym; the full version needs permission; every export is audited
with the people in it; Spanish and English; CSV safe for spreadsheets; batch runs; the command line."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine, func, select, update

from skillmap.cli_report import add_report_parser
from skillmap.db import models as m
from skillmap.i18n import tr
from skillmap.problems import InputError
from skillmap.reports.model import (
    Column,
    PersonReportData,
    Table,
    TrainingReportData,
    check_table,
    text_fields,
)
from skillmap.services import certification as CERT
from skillmap.services import reports as R
from skillmap.services import training as T
from skillmap.services.gaps import GapFilters, gap_rows, load_gap_data
from skillmap.services.pseudonyms import pseudonymiser
from skillmap.tasks import Cancelled, Progress

AS_OF = date(2026, 1, 15)


@dataclass
class Org:
    track_id: int
    assigned: list[int]  # staff ids with the track
    agency: str  # code of the larger agency
    top_unit: int  # its top unit


@pytest.fixture
def org(engine: Engine) -> Org:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=80, n_agencies=2, seed=5))
    with engine.connect() as conn:
        agency = conn.execute(select(m.Agency.code, func.count()).join(m.Staff, m.Staff.agency_id == m.Agency.id)
                              .group_by(m.Agency.code).order_by(func.count().desc())).first()[0]
        top = conn.execute(select(m.Unit.id).join(m.Agency, m.Agency.id == m.Unit.agency_id)
                           .where(m.Agency.code == agency, m.Unit.parent_id.is_(None))).scalar_one()
        courses = conn.execute(select(m.Course.id).join(m.CourseCompletion, m.CourseCompletion.course_id == m.Course.id)
                               .group_by(m.Course.id).order_by(func.count().desc()).limit(2)).scalars().all()
    track = T.create_track(engine, code="TR-1", name_en="Data basics", name_es="Fundamentos de datos",
                           course_ids=list(courses))
    T.assign_track(engine, track.id, T.UnitAudience(top), due_on=date(2025, 12, 31), assigned_on=date(2025, 1, 10))
    with engine.connect() as conn:
        assigned = conn.execute(select(m.Assignment.staff_id)).scalars().all()
    return Org(track.id, sorted(assigned), agency, top)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for the files written (``tmp_path`` also holds the SQLite database)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def people(engine: Engine) -> list[dict[str, Any]]:
    s = m.Staff
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(
            s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname, s.curp, s.rfc, s.email))]


def personal_strings(engine: Engine) -> tuple[list[str], set[str]]:
    """Names (as SkillMap and people write them), CURP, RFC and e-mails; and the employee numbers."""
    texts: list[str] = []
    numbers: set[str] = set()
    for p in people(engine):
        surnames = " ".join(x for x in (p["first_surname"], p["second_surname"]) if x)
        texts += [f"{surnames}, {p['given_names']}", f"{p['given_names']} {surnames}"]
        texts += [x for x in (p["curp"], p["rfc"], p["email"]) if x]
        numbers.add(p["employee_number"])
    return texts, numbers


def leaks(strings: Iterator[str] | list[str], engine: Engine) -> list[str]:
    texts, numbers = personal_strings(engine)
    found = []
    for value in strings:
        found += [t for t in texts if t in value]
        found += [n for n in re.findall(r"[A-Za-z0-9]+", value) if n in numbers]
    return found


def by_key(table: Any) -> list[dict[str, Any]]:
    return table.to_json()["rows"]


def pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def close(a: float | None, b: float | None, tol: float = 0.051) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, abs_tol=tol)


# -- gap report --------------------------------------------------------------------------------------------------
def test_gap_report_numbers_are_the_gap_service_numbers(engine: Engine, org: Org) -> None:
    whole = R.gap_report_data(engine, None, lang="en")
    data = load_gap_data(engine, GapFilters(), lang="en")
    # by agency = gap_rows(agency)
    expected = {r["name"]: r for r in by_key(gap_rows(data, "agency"))}
    assert whole.groups_heatmap.row_labels == sorted(expected)
    keys = [c.key for c in whole.by_unit.columns]
    for row in whole.by_unit.rows:
        got, want = dict(zip(keys, row, strict=True)), expected[row[0]]
        assert (got["staff"], got["people"], got["short"]) == (want["staff"], want["people"], want["short"])
        assert close(pct(got["coverage"]), want["coverage_pct"])
        assert close(pct(got["share_meeting"]), want["share_meeting_pct"])
        assert close(got["mean_gap"], want["mean_gap"], 0.0051)
        assert close(pct(got["mean_readiness"]), want["mean_readiness_pct"])
    # widest gaps = the competency table, most people short first
    comp = {r["name"]: r for r in by_key(gap_rows(data, "competency"))}
    widest = whole.widest_gaps
    shorts = widest.column("short")
    assert shorts == sorted(shorts, reverse=True) and len(widest) == min(R.WIDEST, sum(r["short"] > 0
                                                                                      for r in comp.values()))
    for name, short, share, gap in zip(widest.column("competency"), shorts, widest.column("share_meeting"),
                                       widest.column("mean_gap"), strict=True):
        assert short == comp[name]["short"]
        assert close(pct(share), comp[name]["share_meeting_pct"]) and close(gap, comp[name]["mean_gap"], 0.0051)
    # summary
    summary = {s.label: s.value for s in whole.summary}
    assert summary[R._t("sum.staff", "en")] == data.n_staff == len(whole.people) == len(whole.staff_ids)
    # people: readiness of each person = the person table's
    persons = {r["employee_number"]: r for r in by_key(gap_rows(data, "person"))}
    pseudo = pseudonymiser(engine)
    number_of = {pseudo(n): n for n in persons}
    for label, readiness in zip(whole.people.person_label, whole.people.readiness.tolist(), strict=True):
        want = persons[number_of[label]]["readiness_pct"]
        assert close(None if math.isnan(readiness) else pct(readiness), want)
    # the grid's required levels are each person's own role's
    p = whole.people.person_label.index(next(iter(number_of)))
    own = data.own
    row = int(np.flatnonzero(np.array(data.levels.staff_labels) == number_of[whole.people.person_label[p]])[0])
    cols = [data.competency_name.index(c) for c in whole.people.competencies]
    np.testing.assert_array_equal(whole.people.required[p], own.required[row, cols])
    np.testing.assert_array_equal(whole.people.current[p], own.current[row, cols])
    for t in (whole.widest_gaps, whole.by_unit):
        check_table(t)


def test_agency_heatmap_rows_are_its_units_with_their_subtrees(engine: Engine, org: Org) -> None:
    report = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="es")
    hm = report.groups_heatmap
    with engine.connect() as conn:
        units = conn.execute(select(m.Unit.id, m.Unit.name, m.Unit.parent_id)).all()
    top_name = next(n for i, n, _p in units if i == org.top_unit)
    children = {n: i for i, n, parent in units if parent == org.top_unit}
    assert hm.row_labels[0] == tr("reportdata.unit_itself", "es", unit=top_name)
    assert set(hm.row_labels[1:]) <= set(children)
    assert hm.share.shape == hm.mean_gap.shape == hm.counts.shape == (len(hm.row_labels), len(hm.col_labels))
    assert hm.col_labels == report.people.competencies
    for i, label in enumerate(hm.row_labels[1:], start=1):
        sub = load_gap_data(engine, GapFilters(unit=children[label]), lang="es")
        (group,) = by_key(gap_rows(sub, "agency"))
        row = dict(zip([c.key for c in report.by_unit.columns], report.by_unit.rows[i], strict=True))
        assert row["unit"] == label and row["staff"] == group["staff"] and row["short"] == group["short"]
        assert close(pct(row["share_meeting"]), group["share_meeting_pct"])
        comp = {r["name"]: r for r in by_key(gap_rows(sub, "competency"))}
        for j, name in enumerate(hm.col_labels):
            want = comp[name]["share_meeting_pct"] if name in comp else None
            got = None if math.isnan(hm.share[i, j]) else pct(float(hm.share[i, j]))
            assert close(got, want)
            assert hm.counts[i, j] == (comp[name]["assessed"] if name in comp else 0)
    # the whole agency's staff are in exactly one row
    assert sum(r[2] for r in report.by_unit.rows) == len(report.people)
    with engine.connect() as conn:
        name = conn.execute(select(m.Agency.name).where(m.Agency.code == org.agency)).scalar_one()
    assert report.meta.organisation == name and report.meta.subtitle == name


def test_unit_report_restricted_from_loaded_data_equals_a_fresh_load(engine: Engine, org: Org) -> None:
    everything = load_gap_data(engine, GapFilters(), lang="en")
    a = R.gap_report_data(engine, GapFilters(unit=org.top_unit), lang="en", data=everything)
    b = R.gap_report_data(engine, GapFilters(unit=org.top_unit), lang="en")
    assert a.by_unit.rows == b.by_unit.rows and a.widest_gaps.rows == b.widest_gaps.rows
    np.testing.assert_array_equal(a.people.current, b.people.current)
    assert a.people.person_label == b.people.person_label
    assert a.staff_ids == b.staff_ids and a.meta.subtitle == b.meta.subtitle


def test_pseudonymised_reports_hold_no_personal_data_and_keep_pseudonyms(engine: Engine, org: Org) -> None:
    gaps_all = R.gap_report_data(engine, None, lang="es")
    gaps_agency = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="en")
    training = R.training_report_data(engine, None, lang="es", as_of=AS_OF)
    for data in (gaps_all, gaps_agency, training):
        assert data.meta.pseudonymised
        assert leaks(list(text_fields(data)), engine) == []
    # same person, same pseudonym across reports
    pseudo = pseudonymiser(engine)
    assigned_numbers = [p["employee_number"] for p in people(engine) if p["id"] in org.assigned]
    labels = {pseudo(n) for n in assigned_numbers}
    assert labels <= set(gaps_all.people.person_label)
    assert labels <= set(gaps_agency.people.person_label)
    assert set(training.assignments.column("pseudonym")) == labels
    assert all(re.fullmatch(r"P-[0-9A-Z]{4}-[0-9A-Z]{4}", x) for x in gaps_all.people.person_label)
    # the full version names people (and says so)
    full = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="en", pseudonymise=False)
    assert not full.meta.pseudonymised and leaks(full.people.person_label, engine)
    assert full.meta.notice == tr("reportdata.notice.full", "en")


def test_spanish_and_english_labels(engine: Engine, org: Org) -> None:
    es = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="es")
    en = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="en")
    assert (es.meta.title, en.meta.title) == ("Reporte de brechas de competencias", "Skills gap report")
    assert es.meta.lang == "es" and en.meta.lang == "en"
    assert es.widest_gaps.headers[0] == "Competencia" and en.widest_gaps.headers[0] == "Competency"
    assert es.people.label_header == "Persona (seudónimo)" and en.people.label_header == "Person (pseudonym)"
    assert [d.term for d in es.definitions][:3] == ["Nivel actual", "Nivel desconocido", "Brecha"]
    assert [d.term for d in en.definitions][:3] == ["Current level", "Unknown level", "Gap"]
    with engine.connect() as conn:
        names = dict(conn.execute(select(m.Competency.name_en, m.Competency.name_es)).all())
    assert [names[c] for c in en.people.competencies] == es.people.competencies
    assert R.gap_report_data(engine, None, lang="es").meta.organisation == "Administración Pública Federal"
    assert R.gap_report_data(engine, None, lang="en").meta.organisation == "Federal public administration"


# -- individual report -------------------------------------------------------------------------------------------
def test_person_report_matches_the_gap_service_and_shows_descriptors(engine: Engine, org: Org) -> None:
    data = load_gap_data(engine, GapFilters(), lang="es")
    persons = {r["employee_number"]: r for r in by_key(gap_rows(data, "person"))}
    sid = org.assigned[0]
    number = next(p["employee_number"] for p in people(engine) if p["id"] == sid)
    rep = R.person_report_data(engine, sid, lang="es", as_of=AS_OF)
    assert isinstance(rep, PersonReportData) and rep.staff_ids == (sid,)
    assert rep.person.employee_number == number and rep.meta.subtitle == rep.person.name
    assert close(pct(rep.readiness), persons[number]["readiness_pct"])
    assert close(pct(rep.coverage), persons[number]["coverage_pct"])
    # every competency of the role, widest gap first, with the framework's level names and descriptors
    row = data.levels.staff_labels.index(number)
    required = ~np.isnan(data.own.required[row])
    assert len(rep.gaps) == int(required.sum()) == len(rep.chart.competencies)
    known = [g.gap for g in rep.gaps if not math.isnan(g.gap)]
    assert known == sorted(known, reverse=True)
    with engine.connect() as conn:
        level_names = set(conn.execute(select(m.ScaleLevel.name_es)).scalars())
        descriptors = set(conn.execute(select(m.LevelDescriptor.text_es)).scalars())
    for g in rep.gaps:
        assert g.required_level_name in level_names and g.required_descriptor in descriptors
        assert (g.current_level_name in level_names) == (not math.isnan(g.current))
    # the assigned track, its courses and their states
    (track,) = rep.tracks
    progress = T.assignment_progress(engine, staff_id=sid, as_of=AS_OF).row(0)
    assert track.due == date(2025, 12, 31) and track.status == T.status_label(progress["status"], "es")
    assert len(track.courses) == progress["courses_total"]
    assert sum(c.done for c in track.courses) == progress["courses_done"]
    assert track.overdue == progress["overdue"]
    # course plan to the own role, in Spanish
    assert rep.plan.headers[:2] == ["Paso", "Curso"]
    en = R.person_report_data(engine, sid, lang="en", as_of=AS_OF)
    assert en.meta.title == "Individual development report" and en.plan.headers[:2] == ["Step", "Course"]
    with pytest.raises(InputError):
        R.person_report_data(engine, 424242, lang="en")


# -- training report ---------------------------------------------------------------------------------------------
def test_training_report_counts_equal_the_training_and_certification_services(engine: Engine, org: Org) -> None:
    rep = R.training_report_data(engine, GapFilters(agency=org.agency), lang="en", as_of=AS_OF)
    assert isinstance(rep, TrainingReportData)
    table = T.assignment_progress(engine, agency=org.agency, as_of=AS_OF)
    assert {c.key: c.count for c in rep.status_counts} == table.counts()
    assert len(rep.assignments) == len(table) == len(org.assigned)
    assert rep.assignments.column("overdue").count("yes") == int(table.overdue.sum())
    assert sorted(rep.assignments.column("done")) == sorted(
        None if math.isnan(v) else v / 100 for v in table.pct_done.tolist())
    for prog in rep.programmes:
        cert = CERT.program_status(engine, prog.code, as_of=AS_OF, agency=org.agency)
        assert {c.key: c.count for c in prog.counts} == cert.counts()
        attention = sum(cert.counts()[k] for k in ("due", "expired", "at_risk", "failed_out"))
        assert rep.certifications.column("programme").count(prog.name) == attention
    check_table(rep.assignments)
    check_table(rep.certifications)
    assert set(org.assigned) <= set(rep.staff_ids)


# -- export --------------------------------------------------------------------------------------------------------
def audits(engine: Engine) -> list[m.AuditLog]:
    with engine.connect() as conn:
        return [r for r in conn.execute(select(m.AuditLog).where(m.AuditLog.action == "export")
                                        .order_by(m.AuditLog.id)).all()]


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def test_export_csv_is_audited_with_the_people_in_it(engine: Engine, org: Org, out: Path) -> None:
    target = GapFilters(agency=org.agency)
    path = R.export_report(engine, "gaps", target, out / "gaps.csv", fmt="csv", lang="es", user="ana")
    data = R.gap_report_data(engine, target, lang="es")
    rows = read_csv(path, ";")
    assert rows[0][:4] == [data.people.label_header, "Unidad", "Perfil de puesto", "Preparación (%)"]
    assert len(rows) == 1 + len(data.people)
    assert [r[0] for r in rows[1:]] == data.people.person_label
    first = next(data.people.rows())
    assert rows[1][3] == ("" if first[3] is None else f"{100 * first[3]:.1f}".replace(".", ","))
    assert leaks([cell for row in rows for cell in row], engine) == []
    (row,) = audits(engine)
    details = row.details if isinstance(row.details, dict) else json.loads(row.details)
    assert (row.actor, row.entity_type) == ("ana", "report")
    assert details["staff_ids"] == sorted(data.staff_ids) and details["people"] == len(data.staff_ids)
    assert details["kind"] == "gaps" and details["format"] == "csv" and details["lang"] == "es"
    assert details["pseudonymised"] is True and details["file"] == "gaps.csv"
    assert details["scope"] == {"agency": org.agency}
    assert list(out.iterdir()) == [path]  # no temporary file left


def test_csv_in_english_and_formulas_neutralised(engine: Engine, org: Org, out: Path) -> None:
    with engine.begin() as conn:
        conn.execute(update(m.Unit).where(m.Unit.id == org.top_unit).values(name='=HYPERLINK("http://x","y")'))
        conn.execute(update(m.Track).values(name_en="@SUM(A1:A9)", name_es="-2+3"))
    gaps = R.export_report(engine, "gaps", GapFilters(unit=org.top_unit), out / "g.csv", fmt="csv",
                           lang="en")
    training = R.export_report(engine, "training", GapFilters(unit=org.top_unit), out / "t.csv", fmt="csv",
                               lang="en")
    g_rows, t_rows = read_csv(gaps, ","), read_csv(training, ",")
    assert g_rows[0][:4] == ["Person (pseudonym)", "Unit", "Role profile", "Readiness (%)"]
    for row in g_rows[1:] + t_rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r", "\n")) and not re.match(r"-[^\d]", cell)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in {r[1] for r in g_rows[1:]}
    assert {r[2] for r in t_rows[1:]} == {"'@SUM(A1:A9)"}
    t_es = R.export_report(engine, "training", GapFilters(unit=org.top_unit), out / "t-es.csv", fmt="csv",
                           lang="es")
    assert {r[2] for r in read_csv(t_es, ";")[1:]} == {"'-2+3"}


def test_full_version_needs_permission(engine: Engine, org: Org, out: Path) -> None:
    with pytest.raises(InputError) as info:
        R.export_report(engine, "gaps", None, out / "x.csv", fmt="csv", lang="es", pseudonymise=False)
    assert "administradores" in info.value.problems[0].message("es")
    assert "administrators" in info.value.problems[0].message("en")
    assert not (out / "x.csv").exists() and audits(engine) == []
    # workstation without application users: the local user may; with users, only admins and HR planners
    assert R.may_export_full(engine, None) and R.may_export_full(engine, "anyone")
    with engine.begin() as conn:
        conn.execute(m.AppUser.__table__.insert(), [
            {"username": "boss", "role": "manager", "active": True, "display_name": ""},
            {"username": "hr", "role": "hr_planner", "active": True, "display_name": ""},
            {"username": "root", "role": "admin", "active": True, "display_name": ""},
            {"username": "gone", "role": "admin", "active": False, "display_name": ""}])
    assert [R.may_export_full(engine, u) for u in ("boss", "hr", "root", "gone", "stranger", None)] == [
        False, True, True, False, False, False]
    path = R.export_report(engine, "gaps", GapFilters(agency=org.agency), out / "full.csv", fmt="csv",
                           lang="en", pseudonymise=False, allow_full=R.may_export_full(engine, "hr"), user="hr")
    assert leaks([r[0] for r in read_csv(path, ",")[1:]], engine)
    (row,) = audits(engine)
    assert row.details["pseudonymised"] is False and row.actor == "hr"
    with pytest.raises(InputError):
        R.export_report(engine, "person", org.assigned[0], out / "p.xlsx", fmt="xlsx", lang="es")
    with pytest.raises(InputError):
        R.export_report(engine, "nonsense", None, out / "p.csv", fmt="csv", lang="es")


def test_person_csv_and_audit_entity(engine: Engine, org: Org, out: Path) -> None:
    sid = org.assigned[1]
    path = R.export_report(engine, "person", sid, out / "p.csv", fmt="csv", lang="en")
    rows = read_csv(path, ",")
    assert rows[0][:3] == ["Competency", "Framework", "Current level"]
    rep = R.person_report_data(engine, sid, lang="en")
    assert [r[0] for r in rows[1:]] == [g.competency for g in rep.gaps]
    (row,) = audits(engine)
    assert row.entity_id == sid and row.details["staff_ids"] == [sid] and row.details["kind"] == "person"


def test_cancel_leaves_no_file_and_no_audit(engine: Engine, org: Org, out: Path) -> None:
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        R.export_report(engine, "gaps", None, out / "c.csv", fmt="csv", lang="en", progress=progress)
    assert list(out.iterdir()) == [] and audits(engine) == []


def test_batch_over_units_writes_one_file_per_unit(engine: Engine, org: Org, out: Path) -> None:
    with engine.connect() as conn:
        units = conn.execute(select(m.Unit.id, m.Unit.parent_id)).all()
        staffed = set(conn.execute(select(m.Staff.unit_id).where(m.Staff.active.is_(True))).scalars())
    children: dict[int, list[int]] = {}
    for uid, parent in units:
        children.setdefault(parent, []).append(uid)

    def has_staff(u: int) -> bool:
        return u in staffed or any(has_staff(c) for c in children.get(u, []))

    expected = sum(1 for uid, _p in units if has_staff(uid))
    seen: list[tuple[int, int, str]] = []
    paths = R.batch_export(engine, "gaps", "csv", out / "out", per="unit", lang="es",
                           progress=Progress(lambda d, t, msg: seen.append((d, t, msg)), min_interval=0))
    assert len(paths) == expected == len(set(paths)) == len(list((out / "out").iterdir()))
    assert all(p.name.startswith("gaps_") and p.suffix == ".csv" for p in paths)
    assert len(audits(engine)) == expected
    # each file is that unit's report
    (stem, target) = R.batch_targets(engine, "unit")[0]
    data = R.gap_report_data(engine, target, lang="es")
    assert len(read_csv(out / "out" / f"gaps_{stem}.csv", ";")) == 1 + len(data.people)
    assert seen[-1][0] == seen[-1][1] == expected
    per_agency = R.batch_export(engine, "training", "csv", out / "ag", per="agency", lang="en")
    assert len(per_agency) == 2
    with pytest.raises(InputError):
        R.batch_export(engine, "person", "pdf", out / "p", lang="en")


# -- command line ----------------------------------------------------------------------------------------------
def run_cli(db: str, *argv: str) -> int:
    """The report command parsed and run as ``skillmap.cli`` does (with its error handling)."""
    from skillmap import cli

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--db", default=db)
        sp.add_argument("--json", action="store_true")
        sp.add_argument("--lang", choices=("en", "es"), default=argparse.SUPPRESS)
        sp.set_defaults(func=func)
        return sp

    add_report_parser(add)
    args = parser.parse_args(["report", *argv])
    args.engines = []
    try:
        return int(args.func(args))
    except InputError as exc:
        print(exc.problems[0].text())
        return 2
    except cli.CliError as exc:
        print(str(exc))
        return 2
    finally:
        for e in args.engines:
            e.dispose()


def test_cli_report(engine: Engine, org: Org, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                    ) -> None:
    out = tmp_path / "r.csv"
    assert run_cli(db_url, "--agency", org.agency, "--out", str(out), "--json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["file"] == str(out) and info["format"] == "csv" and info["pseudonymised"] is True
    assert leaks([c for r in read_csv(out, ";" if info["lang"] == "es" else ",") for c in r], engine) == []
    # --full needs --user; a manager may not, an HR planner may
    assert run_cli(db_url, "--full", "--out", str(tmp_path / "f.csv")) == 2
    assert "--user" in capsys.readouterr().out
    with engine.begin() as conn:
        conn.execute(m.AppUser.__table__.insert(), [{"username": "boss", "role": "manager", "active": True,
                                                     "display_name": ""},
                                                    {"username": "hr", "role": "hr_planner", "active": True,
                                                     "display_name": ""}])
    assert run_cli(db_url, "--full", "--user", "boss", "--lang", "en", "--out", str(tmp_path / "f.csv")) == 2
    assert "administrators" in capsys.readouterr().out and not (tmp_path / "f.csv").exists()
    assert run_cli(db_url, "--full", "--user", "hr", "--lang", "en", "--out", str(tmp_path / "f.csv")) == 0
    capsys.readouterr()
    assert leaks([r[0] for r in read_csv(tmp_path / "f.csv", ",")[1:]], engine)
    # person, batch, argument checks
    number = next(p["employee_number"] for p in people(engine) if p["id"] == org.assigned[0])
    assert run_cli(db_url, "--kind", "person", "--person", number, "--format", "csv", "--lang", "es",
                   "--out", str(tmp_path / "p.csv")) == 0
    assert read_csv(tmp_path / "p.csv", ";")[0][0] == "Competencia"
    capsys.readouterr()
    assert run_cli(db_url, "--kind", "training", "--every", "agency", "--format", "csv",
                   "--out-dir", str(tmp_path / "all"), "--json") == 0
    assert json.loads(capsys.readouterr().out)["count"] == 2
    for bad in (["--out", str(tmp_path / "x.txt")], ["--format", "pdf", "--out", str(tmp_path / "x.csv")],
                ["--every", "unit"], [], ["--kind", "person", "--out", str(tmp_path / "x.pdf")],
                ["--kind", "person", "--person", "nobody", "--out", str(tmp_path / "x.pdf")]):
        assert run_cli(db_url, *bad) == 2
    capsys.readouterr()
    assert [r.details["kind"] for r in audits(engine)] == ["gaps", "gaps", "person", "training", "training"]


def test_table_helpers() -> None:
    t = Table("t", (Column("a", "A", "int"), Column("b", "B", "pct")), [[1, 0.5], [2, None]])
    assert t.column("b") == [0.5, None] and t.headers == ["A", "B"]
    with pytest.raises(KeyError):
        t.column("c")
    t.rows.append([1])
    with pytest.raises(ValueError):
        check_table(t)


# -- written files ----------------------------------------------------------------------------------------------
def pdf_text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() or "" for page in reader.pages)


def test_pdf_reports_end_to_end(engine: Engine, org: Org, out: Path) -> None:
    gaps = R.export_report(engine, "gaps", GapFilters(agency=org.agency), out / "gaps.pdf", fmt="pdf", lang="es")
    data = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="es")
    pages, text = pdf_text(gaps)
    flat = " ".join(text.split())
    assert pages > 2 and f"Página 1 de {pages}" in flat
    assert data.meta.title in flat and data.meta.organisation in flat
    assert sum(label in flat for label in data.people.person_label) >= len(data.people) * 0.9
    assert leaks([text, flat], engine) == []
    training = R.export_report(engine, "training", GapFilters(agency=org.agency), out / "training.pdf", fmt="pdf",
                               lang="en")
    pages, text = pdf_text(training)
    assert "Training status report" in " ".join(text.split()) and leaks([text], engine) == []
    sid = org.assigned[0]
    person = R.export_report(engine, "person", sid, out / "person.pdf", fmt="pdf", lang="en")
    rep = R.person_report_data(engine, sid, lang="en")
    pages, text = pdf_text(person)
    flat = " ".join(text.split())
    assert "Individual development report" in flat and rep.person.name in flat
    assert rep.gaps[0].competency in flat
    kinds = [(r.details["kind"], r.details["format"], r.details["people"]) for r in audits(engine)]
    assert kinds == [("gaps", "pdf", len(data.staff_ids)), ("training", "pdf", kinds[1][2]), ("person", "pdf", 1)]
    assert sorted(p.name for p in out.iterdir()) == ["gaps.pdf", "person.pdf", "training.pdf"]


def test_people_without_unit_or_role(engine: Engine, org: Org) -> None:
    sid, other = org.assigned[2], org.assigned[3]
    with engine.begin() as conn:
        conn.execute(update(m.Staff).where(m.Staff.id == sid).values(role_profile_id=None))
        conn.execute(update(m.Staff).where(m.Staff.id == other).values(unit_id=None))
    rep = R.person_report_data(engine, sid, lang="es")
    assert rep.gaps == [] and math.isnan(rep.readiness) and rep.plan.rows == []
    assert rep.plan.note == tr("reportdata.note.no_role", "es") and rep.person.role == ""
    agency = R.gap_report_data(engine, GapFilters(agency=org.agency), lang="es")
    assert agency.groups_heatmap.row_labels[-1] == tr("gaps.none", "es")
    assert agency.by_unit.rows[-1][2] == 1 and agency.by_unit.rows[-1][0] == tr("gaps.none", "es")
    p = agency.people.person_label.index(pseudonymiser(engine)(
        next(x["employee_number"] for x in people(engine) if x["id"] == sid)))
    assert np.isnan(agency.people.required[p]).all() and agency.people.role[p] == ""


def xlsx_cells(path: Path) -> list[tuple[str, Any, str]]:
    """``(sheet, value, data type)`` of every cell of the workbook (openpyxl, full mode)."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "(Conditional Formatting|Unknown) extension", UserWarning)
        wb = openpyxl.load_workbook(path)
    return [(ws.title, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_xlsx_reports_end_to_end(engine: Engine, org: Org, out: Path) -> None:
    evil_unit, evil_track = '=HYPERLINK("http://example.com/x","click")', "@SUM(1+1)*cmd|' /C calc'!A0"
    with engine.begin() as conn:
        child = conn.execute(select(m.Unit.id).where(m.Unit.parent_id == org.top_unit).order_by(m.Unit.id)
                             .limit(1)).scalar_one()
        conn.execute(update(m.Unit).where(m.Unit.id == child).values(name=evil_unit))
        conn.execute(update(m.Track).values(name_en=evil_track, name_es=evil_track))
    target = GapFilters(agency=org.agency)
    gaps = R.export_report(engine, "gaps", target, out / "gaps.xlsx", fmt="xlsx", lang="es")
    training = R.export_report(engine, "training", target, out / "training.xlsx", fmt="xlsx", lang="en")
    data = R.gap_report_data(engine, target, lang="es")
    for path in (gaps, training):
        cells = xlsx_cells(path)
        assert [c for c in cells if c[2] == "f"] == []  # no formula anywhere
        texts = [v for _s, v, _t in cells if isinstance(v, str)]
        assert leaks(texts, engine) == []
        assert evil_unit in texts  # written as plain text
    g_cells = xlsx_cells(gaps)
    sheets = {s for s, _v, _t in g_cells}
    assert "Resumen" in sheets and "Definiciones" in sheets
    labels = {v for _s, v, _t in g_cells if isinstance(v, str) and re.fullmatch(r"P-[0-9A-Z]{4}-[0-9A-Z]{4}", v)}
    assert labels == set(data.people.person_label)
    assert data.meta.organisation in {v for _s, v, _t in g_cells}
    t_cells = xlsx_cells(training)
    assert "Summary" in {s for s, _v, _t in t_cells} and evil_track in {v for _s, v, _t in t_cells}
    t_labels = {v for _s, v, _t in t_cells if isinstance(v, str) and re.fullmatch(r"P-[0-9A-Z]{4}-[0-9A-Z]{4}", v)}
    assert t_labels <= labels  # the same people keep their pseudonyms across reports
    # the full version, for someone allowed, names people
    full = R.export_report(engine, "gaps", target, out / "full.xlsx", fmt="xlsx", lang="en", pseudonymise=False,
                           allow_full=True, user="hr")
    assert leaks([v for _s, v, _t in xlsx_cells(full) if isinstance(v, str)], engine)
    assert [r.details["format"] for r in audits(engine)] == ["xlsx", "xlsx", "xlsx"]
    assert sorted(p.name for p in out.iterdir()) == ["full.xlsx", "gaps.xlsx", "training.xlsx"]


def test_batch_of_xlsx_per_agency(engine: Engine, org: Org, out: Path) -> None:
    paths = R.batch_export(engine, "gaps", "xlsx", out, per="agency", lang="en")
    assert [p.name for p in paths] == sorted(p.name for p in out.iterdir()) and len(paths) == 2
    assert f"gaps_{org.agency}.xlsx" in {p.name for p in paths}
    for p in paths:
        assert "Summary" in {s for s, _v, _t in xlsx_cells(p)}


def test_people_grid_rows_mask_levels_not_required() -> None:
    from skillmap.reports.model import PeopleGrid

    n = 2100  # more than one block of rows
    rng = np.random.default_rng(3)
    current = np.where(rng.random((n, 3)) < 0.3, np.nan, rng.integers(0, 5, (n, 3)).astype(float))
    required = np.where(rng.random((n, 3)) < 0.5, np.nan, rng.integers(1, 5, (n, 3)).astype(float))
    readiness = np.where(rng.random(n) < 0.2, np.nan, rng.random(n))
    grid = PeopleGrid("t", "P", "U", "R", "Rd", [f"P{i}" for i in range(n)], ["u"] * n, ["r"] * n, readiness,
                      ["a", "b", "c"], current, required)
    rows = list(grid.rows())
    assert len(rows) == n and grid.headers == ["P", "U", "R", "Rd", "a", "b", "c"]
    for p in (0, 2047, 2048, n - 1):
        want = [None if math.isnan(r) or math.isnan(x) else x for x, r in zip(current[p], required[p], strict=True)]
        assert rows[p] == [f"P{p}", "u", "r", None if math.isnan(readiness[p]) else readiness[p], *want]
    assert list(grid.rows(2040, 2050)) == rows[2040:2050]
    gap = grid.gap()
    assert np.isnan(gap[np.isnan(required)]).all() and (gap[~np.isnan(gap)] >= 0).all()
