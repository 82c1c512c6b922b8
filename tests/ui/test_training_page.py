"""The Training page (catalogue, tracks, assignment, progress, certification) driven through its widgets on the
500-person sample organisation; what it shows is checked against the services and the database.

* Catalogue: a course created through the dialog (competency with its level, prerequisite) is listed and stored;
  an edit made on a stale copy shows the service's stale-version message and *Reload* brings the stored course;
  an xlsx catalogue shows its plan (new / changed with differences / located problems) before it is imported;
  deleting a course with completions offers to deactivate it, and one other courses require is deleted only on
  confirmation.
* Tracks: two courses in the wrong prerequisite order show the order problem and cannot be saved until reordered;
  a track generated from a role's typical gap holds the service's proposed courses.
* Assign → Progress: a track assigned to a unit with its sub-units stores exactly the people the service selects;
  the progress tab lists them with the service's statuses and counts, highlights overdue rows, refreshes stored
  statuses from new completions, and exports what it shows.
* Certification: the counts per status equal the service's for the chosen program, as-of date and window; a
  status lists its people; a track made from the suggested plan is assigned to the people listed.
* The table model passes Qt's model tester; labels and statuses follow a switch to Spanish.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.i18n import tr
from skillmap.problems import InputError
from skillmap.services import certification as cert_service
from skillmap.services import courses as course_service
from skillmap.services import training as training_service
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.gaps import load_lookups
from skillmap.ui.tasks import Task
from skillmap.ui.training_dialogs import (
    OVERDUE_BACKGROUND,
    CourseDialog,
    CourseImportDialog,
    GenerateTrackDialog,
    TrackDialog,
)
from skillmap.ui.training_page import TrainingPage
from skillmap.ui.translations import Translations

WAIT = 60_000


# -- fixtures ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 500-person sample organisation (courses, completions, certification attempts), made once."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("trainingdb") / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample())
    engine.dispose()
    return path


@pytest.fixture
def engine(sample_db: Path, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the sample for one test (the tests write to it)."""
    copy = tmp_path / "training.db"
    shutil.copy(sample_db, copy)
    eng = open_database(copy)
    yield eng
    eng.dispose()


@pytest.fixture
def page(qtbot: QtBot, engine: Engine) -> Iterator[TrainingPage]:
    p = TrainingPage()
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    p.set_engine(engine)
    qtbot.waitUntil(lambda: idle(p) and bool(p.catalogue.courses), timeout=WAIT)
    yield p
    qtbot.waitUntil(lambda: not p.busy, timeout=WAIT)
    p.cancel_all()


def idle(page: TrainingPage) -> bool:
    QCoreApplication.processEvents()
    return not page.busy


def show_tab(qtbot: QtBot, page: TrainingPage, tab: object) -> None:
    page.tabs.setCurrentWidget(tab)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: idle(page) and not tab._dirty, timeout=WAIT)  # type: ignore[attr-defined]


def finish(qtbot: QtBot, task: Task | None, *, ok: bool = True) -> Task:
    """Wait for a task; ``ok``: it must have succeeded."""
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)
    if ok:
        assert task.error is None, task.error
    return task


def answer(monkeypatch: pytest.MonkeyPatch, *replies: QMessageBox.StandardButton) -> list[str]:
    """Answer the page's questions in turn; returns their texts."""
    asked: list[str] = []
    queue = list(replies)

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def column_texts(page_model: object, column: int) -> list[str]:
    model = page_model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]  # type: ignore[attr-defined]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def course_by_code(engine: Engine, code: str) -> course_service.CourseRow:
    return next(c for c in course_service.list_courses(engine, "en") if c.code == code)


def competency_id(engine: Engine, code: str) -> int:
    return next(c.id for c in course_service.competency_choices(engine, "en") if c.code == code)


# -- catalogue ---------------------------------------------------------------------------------------------------
def test_create_a_course_through_the_dialog(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    tab = page.catalogue
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, CourseDialog) and dialog.isVisible()
    dialog.code.setText("TST-01")
    dialog.title_en.setText("Data stewardship in practice")
    dialog.title_es.setText("Custodia de datos en la práctica")
    dialog.area.setCurrentIndex(dialog.area.findData("technical"))
    dialog.provider.setText("Campus virtual")
    dialog.hours.setValue(14.5)
    dialog.modality.setCurrentIndex(dialog.modality.findData("blended"))
    governance = competency_id(engine, "DATA-GOVERNANCE")
    dialog.competency_picker.setCurrentIndex(dialog.competency_picker.findData(governance))
    qtbot.mouseClick(dialog.add_competency, Qt.MouseButton.LeftButton)
    assert dialog.set_raise_level(governance, 3)
    gb01 = course_by_code(engine, "GB-01").id
    dialog.prereq_picker.setCurrentIndex(dialog.prereq_picker.findData(gb01))
    qtbot.mouseClick(dialog.add_prereq, Qt.MouseButton.LeftButton)
    assert dialog.prerequisite_ids() == (gb01,)

    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finish(qtbot, dialog.task)
    assert not dialog.isVisible() and dialog.saved_id is not None
    qtbot.waitUntil(lambda: idle(page) and any(c.code == "TST-01" for c in tab.courses), timeout=WAIT)

    stored = course_service.get_course(engine, dialog.saved_id, "en")
    assert (stored.code, stored.title_en, stored.title_es, stored.area, stored.provider, stored.hours,
            stored.modality, stored.active) == ("TST-01", "Data stewardship in practice",
                                                "Custodia de datos en la práctica", "technical", "Campus virtual",
                                                14.5, "blended", True)
    assert [(r.competency_id, r.level) for r in stored.raises] == [(governance, 3)]
    assert stored.prerequisites == ("GB-01",)
    # listed, selected, and found by the filter box
    assert tab.selected_id() == stored.id
    qtbot.keyClicks(tab.filter, "stewardship")
    assert column_texts(tab.model, 0) == ["TST-01"]
    assert column_texts(tab.model, 6) == ["DATA-GOVERNANCE → 3"]
    assert column_texts(tab.model, 7) == ["GB-01"]
    assert "saved" in tab.message.text()


def test_edit_on_a_stale_copy_shows_the_stale_version_message(qtbot: QtBot, page: TrainingPage,
                                                              engine: Engine) -> None:
    tab = page.catalogue
    assert tab.select_course(course_by_code(engine, "GB-01").id)
    dialog = tab.edit_course()
    assert isinstance(dialog, CourseDialog)
    version = dialog.course.version if dialog.course else 0
    # someone else saves the course meanwhile
    row = course_by_code(engine, "GB-01")
    course_service.save_course(engine, row.to_edit(provider="Another provider"), user="someone")

    dialog.title_en.setText("Public ethics, integrity and you")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert isinstance(finish(qtbot, dialog.task, ok=False).error, InputError)
    assert dialog.isVisible()  # stays open with the service's message
    expected = tr("crs.stale", "en", code="GB-01", yours=version, current=version + 1)
    assert expected in dialog.message.text()
    assert dialog.message.isVisible() and dialog.reload_button.isVisible()
    assert course_by_code(engine, "GB-01").title_en == "Public ethics and integrity"  # nothing overwritten

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    assert dialog.provider.text() == "Another provider"
    dialog.title_en.setText("Public ethics, integrity and you")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finish(qtbot, dialog.task)
    assert not dialog.isVisible()
    stored = course_by_code(engine, "GB-01")
    assert (stored.title_en, stored.provider) == ("Public ethics, integrity and you", "Another provider")


def write_catalogue(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Courses"
    ws.append(["Code", "Title", "Area", "Provider", "Hours", "Modality", "Competencies", "Prerequisites"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_a_catalogue_shows_the_plan_then_the_courses(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                                            tmp_path: Path) -> None:
    gb01 = course_by_code(engine, "GB-01")
    path = write_catalogue(tmp_path / "catalogue.xlsx", [
        ["NEW-01", "Negotiation lab", "Management", "Campus", 6, "In person", "MGR-NEGOTIATION:2", "GB-01"],
        ["GB-01", gb01.title_en, "Good government", gb01.provider, 9, "Online", "MGR-LEADERSHIP:1", ""],
    ])
    tab = page.catalogue
    dialog = tab.import_catalogue(str(path))
    assert isinstance(dialog, CourseImportDialog)
    finish(qtbot, dialog.task)
    plan = dialog.plan
    assert plan is not None and [c.code for c in plan.new] == ["NEW-01"] and [c.code for c in plan.changed] == [
        "GB-01"]
    shown = {dialog.courses.item(r, 0).text(): (dialog.courses.item(r, 2).text(), dialog.courses.item(r, 3).text())
             for r in range(dialog.courses.rowCount())}
    assert shown["NEW-01"][0] == "New"
    assert shown["GB-01"] == ("Changed", "Hours: 8 → 9")
    assert "2 courses read: 1 new, 1 changed, 0 unchanged, 0 with errors" in dialog.summary.text()
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    assert not dialog.isVisible() and dialog.outcome is not None
    qtbot.waitUntil(lambda: idle(page) and any(c.code == "NEW-01" for c in tab.courses), timeout=WAIT)
    new = course_by_code(engine, "NEW-01")
    assert (new.hours, new.modality, new.prerequisites) == (6.0, "in_person", ("GB-01",))
    assert course_by_code(engine, "GB-01").hours == 9.0
    assert "NEW-01" in column_texts(tab.model, 0)
    assert tab.message.text() == "Courses imported: 1 new, 1 changed."


def test_import_with_a_problem_is_located_and_refused(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                                      tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "bad.xlsx", [
        ["NEW-02", "Something", "Technical", "Campus", 4, "Online", "", "NOPE-99"],
    ])
    dialog = page.catalogue.import_catalogue(str(path))
    assert dialog is not None
    finish(qtbot, dialog.task)
    assert dialog.plan is not None and dialog.plan.errors
    problem = dialog.plan.errors[0]
    assert problem.key == "crs.prereq_unknown" and problem.row == 2
    assert dialog.problems.rowCount() >= 1
    assert "row 2" in dialog.problems.item(0, 1).text()
    assert problem.message("en") in dialog.problems.item(0, 2).text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert not any(c.code == "NEW-02" for c in course_service.list_courses(engine))


def test_delete_refusals_offer_what_the_service_allows(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tab = page.catalogue
    # a course with completions: the service refuses; the page offers to deactivate it instead
    gb05 = course_by_code(engine, "GB-05")
    assert gb05.completions > 0
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes)
    assert tab.select_course(gb05.id)
    assert isinstance(finish(qtbot, tab.delete_course(), ok=False).error, InputError)
    qtbot.waitUntil(lambda: idle(page) and not course_by_code(engine, "GB-05").active, timeout=WAIT)
    refusal = tr("crs.delete_completions", "en", code="GB-05", count=gb05.completions)
    assert refusal in asked[1]
    qtbot.waitUntil(lambda: idle(page) and not next(c for c in tab.courses if c.code == "GB-05").active,
                    timeout=WAIT)

    # a course others require: deleted only when confirmed, with its links
    first = course_service.save_course(engine, course_service.CourseEdit(
        code="TMP-01", area="technical", hours=2, modality="online", title_en="Temporary"), user=None)
    course_service.save_course(engine, course_service.CourseEdit(
        code="TMP-02", area="technical", hours=2, modality="online", title_en="Needs it", prerequisites=(first,)),
        user=None)
    page.reload()
    qtbot.waitUntil(lambda: idle(page) and any(c.code == "TMP-01" for c in tab.courses), timeout=WAIT)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes)
    assert tab.select_course(first)
    assert isinstance(finish(qtbot, tab.delete_course(), ok=False).error, InputError)
    qtbot.waitUntil(lambda: idle(page) and not any(c.code == "TMP-01" for c in tab.courses), timeout=WAIT)
    assert tr("crs.delete_required", "en", code="TMP-01", codes="TMP-02") in asked[1]
    assert course_by_code(engine, "TMP-02").prerequisites == ()


# -- tracks ------------------------------------------------------------------------------------------------------
def test_track_in_the_wrong_prerequisite_order_shows_the_problem(qtbot: QtBot, page: TrainingPage,
                                                                 engine: Engine) -> None:
    tab = page.tracks
    show_tab(qtbot, page, tab)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, TrackDialog)
    gb05, gb06 = course_by_code(engine, "GB-05"), course_by_code(engine, "GB-06")
    assert gb06.prerequisites == ("GB-05",)
    dialog.add_course(gb06.id)
    dialog.add_course(gb05.id)
    expected = tr("training.prereq_after", "en", course="GB-06", position=1, prereq="GB-05", prereq_position=2)
    problems = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any(expected in text for text in problems), problems
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()

    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)
    assert dialog.course_ids() == [gb05.id, gb06.id]
    assert dialog.errors() == [] and save.isEnabled()
    assert dialog.total.text() == "2 courses · 22 hours"
    dialog.code.setText("TRK-INCL")
    dialog.name_en.setText("Inclusive service")
    dialog.name_es.setText("Servicio incluyente")
    save.click()
    finish(qtbot, dialog.task)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: idle(page) and tab.data is not None and bool(tab.data.tracks), timeout=WAIT)
    stored = training_service.list_tracks(engine)
    assert [(t.code, t.name_en, t.course_ids) for t in stored] == [("TRK-INCL", "Inclusive service",
                                                                    (gb05.id, gb06.id))]
    assert column_texts(tab.model, 0) == ["TRK-INCL"] and tab.selected_id() == stored[0].id
    assert [tab.detail_courses.item(r, 1).text() for r in range(2)] == ["GB-05", "GB-06"]


def test_generate_a_track_from_a_role(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    tab = page.tracks
    show_tab(qtbot, page, tab)
    dialog = tab.generate_track()
    assert isinstance(dialog, GenerateTrackDialog)
    role = next(r for r in tab.data.held if r.code == "mgr-1") if tab.data else None  # Head of department
    assert role is not None
    dialog.role.setCurrentIndex(dialog.role.findData(role.id))
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    expected = training_service.propose_track(engine, role.id)
    assert dialog.proposal is not None and dialog.proposal.course_ids == expected.course_ids
    shown = [dialog.courses.item(r, 1).text() for r in range(dialog.courses.rowCount())]
    assert shown == [expected.course_codes[c] for c in expected.course_ids]
    assert dialog.gaps.rowCount() == len(expected.gaps)
    assert f"{expected.people} people hold “Head of department”" in dialog.summary.text()
    assert dialog.name_en.text() == expected.name_en
    dialog.name_en.setText("Heads of department: the basics")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finish(qtbot, dialog.task)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: idle(page) and tab.data is not None and bool(tab.data.tracks), timeout=WAIT)
    stored = training_service.list_tracks(engine)
    assert [(t.code, t.name_en, t.name_es, t.course_ids, t.target_role_profile_id) for t in stored] == [
        (expected.code, "Heads of department: the basics", expected.name_es, expected.course_ids, role.id)]
    assert tab.detail_courses.rowCount() == len(expected.course_ids)


# -- assign and progress -----------------------------------------------------------------------------------------
def two_course_track(engine: Engine) -> training_service.TrackInfo:
    gb05, gb06 = course_by_code(engine, "GB-05"), course_by_code(engine, "GB-06")
    return training_service.create_track(engine, code="TRK-T", name_en="Two courses", name_es="Dos cursos",
                                         course_ids=[gb05.id, gb06.id])


def root_unit(engine: Engine) -> int:
    with engine.connect() as conn:
        lookups = load_lookups(conn)
    sizes = {u: len(lookups.unit_subtree(u)) for u, row in lookups.units.items() if row[3] is None}
    return max(sizes, key=lambda u: (sizes[u], -u))


def test_assign_a_track_to_a_unit_then_follow_its_progress(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                                           tmp_path: Path) -> None:
    track = two_course_track(engine)
    unit = root_unit(engine)
    tab = page.assign
    show_tab(qtbot, page, tab)
    assert tab.select_track(track.id)
    tab.set_mode("unit")
    assert tab.select_unit(unit)
    assert tab.subunits.isChecked()
    assert not tab.assign_button.isEnabled()  # preview first
    due = date.today() + timedelta(days=30)
    tab.due.setDate(QDate(due.year, due.month, due.day))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    selected = training_service.audience_staff(engine, training_service.UnitAudience(unit, True))
    assert tab.preview_result.selected == len(selected) > 0  # type: ignore[union-attr]
    assert tab.preview_label.text() == (f"{len(selected)} people selected; 0 already have an open assignment of "
                                        f"this track; {len(selected)} would be assigned.")
    assert tab.assign_button.isEnabled()
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    finish(qtbot, page.write_task)
    with engine.connect() as conn:
        rows = conn.execute(select(m.Assignment.staff_id, m.Assignment.due_on).where(
            m.Assignment.track_id == track.id)).all()
    assert sorted(r[0] for r in rows) == sorted(selected.tolist())
    assert {str(r[1]) for r in rows} == {due.isoformat()}
    assert tab.outcome is not None and tab.outcome.assigned == len(selected)
    assert f"Assigned to {len(selected)} people; 0 already had it open." in tab.message.text()
    assert not tab.assign_button.isEnabled()  # a new preview is needed

    # the same again: everyone already has it
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    assert tab.preview_result.already == len(selected)  # type: ignore[union-attr]

    # progress: the service's rows, statuses and counts
    prog = page.progress
    show_tab(qtbot, page, prog)
    prog.select(track_id=track.id)
    qtbot.waitUntil(lambda: idle(page) and prog.data is not None and len(prog.data.table) == len(selected),
                    timeout=WAIT)
    service = training_service.assignment_progress(engine, track_id=track.id)
    assert prog.model.rowCount() == len(service)
    shown = dict(zip(column_texts(prog.model, 0), column_texts(prog.model, 3), strict=True))
    assert shown == {r["employee_number"]: capitalised(training_service.status_label(r["status"], "en"))
                     for r in service.rows()}
    counts = service.counts()
    for status in training_service.STATUSES:
        assert prog.cards[status][1].text() == f"{counts[status]:,}"
    assert prog.cards["total"][1].text() == f"{len(service):,}"

    # overdue once the as-of date is after the due date
    later = due + timedelta(days=1)
    prog.as_of.setDate(QDate(later.year, later.month, later.day))
    qtbot.waitUntil(lambda: idle(page) and prog.data is not None and prog.data.table.as_of == later, timeout=WAIT)
    late = training_service.assignment_progress(engine, track_id=track.id, as_of=later)
    assert int(prog.cards["overdue"][1].text().replace(",", "")) == int(late.overdue.sum()) > 0
    row = next(r for r in range(prog.model.rowCount())
               if late.overdue[prog.model.source_row(r)])  # type: ignore[index]
    assert prog.model.data(prog.model.index(row, 9)) == "Overdue"
    assert prog.model.data(prog.model.index(row, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    prog.status.setCurrentIndex(prog.status.findData("overdue"))
    assert prog.model.rowCount() == int(late.overdue.sum())

    # new completions: the stored status is out of date until Refresh statuses
    prog.status.setCurrentIndex(0)
    prog.as_of.setDate(QDate.currentDate())
    person = int(selected[0])
    with engine.begin() as conn:
        for cid in track.course_ids:
            conn.execute(m.CourseCompletion.__table__.insert().values(
                staff_id=person, course_id=cid, completed_on=date.today(), result="passed"))
    page.reload()
    qtbot.waitUntil(lambda: idle(page) and prog.data is not None and prog.data.table.as_of == date.today()
                    and "out of date" in prog.note.text(), timeout=WAIT)
    qtbot.mouseClick(prog.refresh_button, Qt.MouseButton.LeftButton)
    finish(qtbot, page.write_task)
    with engine.connect() as conn:
        status = conn.execute(select(m.Assignment.status).where(m.Assignment.staff_id == person,
                                                                m.Assignment.track_id == track.id)).scalar_one()
    assert status == "completed"
    assert "statuses updated" in prog.message.text()
    qtbot.waitUntil(lambda: idle(page) and "out of date" not in prog.note.text(), timeout=WAIT)

    # export what is shown
    out = tmp_path / "progress.csv"
    finish(qtbot, prog.export_csv(str(out)))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows_out = list(csv.reader(fh))
    assert rows_out[0][:4] == ["Employee no.", "Name", "Track", "Status"]
    assert len(rows_out) == prog.model.rowCount() + 1
    assert sorted(r[0] for r in rows_out[1:]) == sorted(service.employee_number)


def test_assign_by_employee_numbers_reports_unknown_ones(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    track = two_course_track(engine)
    with engine.connect() as conn:
        numbers = conn.execute(select(m.Staff.employee_number).where(m.Staff.active.is_(True))
                               .order_by(m.Staff.id).limit(3)).scalars().all()
    tab = page.assign
    show_tab(qtbot, page, tab)
    assert tab.select_track(track.id)
    tab.set_mode("staff")
    tab.numbers.setPlainText(f"{numbers[0]}, {numbers[1]}\nX-404")
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    assert tab.preview_label.text() == "Unknown employee numbers (1): X-404"
    assert not tab.assign_button.isEnabled()
    tab.numbers.setPlainText("\n".join(numbers))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    assert tab.preview_result.selected == 3  # type: ignore[union-attr]
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    finish(qtbot, page.write_task)
    with engine.connect() as conn:
        assigned = conn.execute(select(m.Staff.employee_number).join(m.Assignment, m.Assignment.staff_id == m.Staff.id)
                                .where(m.Assignment.track_id == track.id)).scalars().all()
    assert sorted(assigned) == sorted(numbers)


# -- certification -----------------------------------------------------------------------------------------------
def test_certification_counts_equal_the_service(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    tab = page.certification
    show_tab(qtbot, page, tab)
    programs = cert_service.list_programs(engine)
    assert tab.data is not None and tab.data.report is not None
    first = tab.data.report.program.id
    assert first == programs[0].id
    report = cert_service.program_status(engine, first, as_of=date.today(), window_days=180)
    assert tab.counts() == report.counts()
    for status, n in report.counts().items():
        label = cert_service.status_label(status, "en")
        assert tab.status_buttons[status].text() == f"{capitalised(label)}\n{n:,}"
    assert tab.model.rowCount() == len(report)

    # a status lists its people
    qtbot.mouseClick(tab.status_buttons["at_risk"], Qt.MouseButton.LeftButton)
    assert sorted(tab.listed_staff()) == sorted(report.staff_in("at_risk").tolist())
    assert set(column_texts(tab.model, 2)) == {"At risk (one failed attempt)"}

    # another window, another program, another date
    tab.window_days.setValue(365)
    qtbot.waitUntil(lambda: idle(page) and tab.data is not None and tab.data.report is not None
                    and tab.data.report.window_days == 365, timeout=WAIT)
    assert tab.counts() == cert_service.program_status(engine, first, as_of=date.today(), window_days=365).counts()
    tab.select_program(programs[2].id)
    qtbot.waitUntil(lambda: idle(page) and tab.data is not None and tab.data.report is not None
                    and tab.data.report.program.id == programs[2].id, timeout=WAIT)
    assert tab.counts() == cert_service.program_status(engine, programs[2].id, window_days=365).counts()
    earlier = date(2024, 1, 1)
    tab.as_of.setDate(QDate(earlier.year, earlier.month, earlier.day))
    qtbot.waitUntil(lambda: idle(page) and tab.data is not None and tab.data.report is not None
                    and tab.data.report.as_of == earlier, timeout=WAIT)
    assert tab.counts() == cert_service.program_status(engine, programs[2].id, as_of=earlier,
                                                       window_days=365).counts()
    assert sorted(tab.listed_staff()) == sorted(
        cert_service.program_status(engine, programs[2].id, as_of=earlier, window_days=365).staff_in(
            "at_risk").tolist())


def test_certification_plan_becomes_a_track_assigned_to_the_people_listed(qtbot: QtBot, page: TrainingPage,
                                                                          engine: Engine) -> None:
    tab = page.certification
    show_tab(qtbot, page, tab)
    assert tab.data is not None and tab.data.suggestion is not None
    suggestion = cert_service.program_suggestions(engine, tab.data.report.program.id)  # type: ignore[union-attr]
    assert not suggestion.tracks and suggestion.plan.steps  # no tracks yet: the plan is offered
    assert "No track raises this program's competencies yet." in tab.suggestion.text()
    assert ", ".join(suggestion.course_codes[c] for c in suggestion.plan.course_ids) in tab.suggestion.text()
    assert not tab.assign_button.isEnabled()

    dialog = tab.create_track_from_plan()
    assert isinstance(dialog, TrackDialog) and dialog.course_ids() == list(suggestion.plan.course_ids)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finish(qtbot, dialog.task)
    qtbot.waitUntil(lambda: idle(page) and tab.assign_track.count() == 1, timeout=WAIT)
    track = training_service.list_tracks(engine)[0]
    assert tab.assign_track.currentData() == track.id

    qtbot.mouseClick(tab.status_buttons["never_attempted"], Qt.MouseButton.LeftButton)
    people = tab.listed_staff()
    assert people and tab.assign_button.text() == f"&Assign the track to the {len(people)} people listed"
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    finish(qtbot, page.write_task)
    with engine.connect() as conn:
        assigned = conn.execute(select(m.Assignment.staff_id).where(m.Assignment.track_id == track.id)).scalars()
        assert sorted(assigned) == sorted(people)
        assert conn.execute(select(func.count()).select_from(m.AuditLog).where(
            m.AuditLog.action == "assign_track")).scalar_one() == 1


# -- model and language ------------------------------------------------------------------------------------------
def test_table_models_pass_the_qt_model_tester(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                               qtmodeltester: object) -> None:
    qtmodeltester.check(page.catalogue.model, force_py=True)  # type: ignore[attr-defined]
    page.catalogue.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    hours = [float(h) for h in column_texts(page.catalogue.model, 4)]
    assert hours == sorted(hours, reverse=True)
    qtmodeltester.check(page.catalogue.model, force_py=True)  # type: ignore[attr-defined]
    show_tab(qtbot, page, page.certification)
    qtmodeltester.check(page.certification.model, force_py=True)  # type: ignore[attr-defined]


@pytest.fixture
def translator(qapp: QApplication) -> Iterator[Translations]:
    t = Translations()
    yield t
    t.apply("en")
    QCoreApplication.processEvents()


def test_labels_follow_a_switch_to_spanish(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                           translator: Translations) -> None:
    track = two_course_track(engine)
    training_service.assign_track(engine, track.id, training_service.UnitAudience(root_unit(engine)),
                                  due_on=date.today() + timedelta(days=10))
    page.reload()
    show_tab(qtbot, page, page.progress)
    translator.apply("es")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Catálogo", timeout=WAIT)
    qtbot.waitUntil(lambda: idle(page) and not page.progress._dirty, timeout=WAIT)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Catálogo", "Rutas", "Asignar", "Avance", "Certificación"]
    assert page.title.text() == "Capacitación"
    prog = page.progress
    headers = [prog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["No. de empleado", "Nombre", "Ruta", "Estatus"]
    assert set(column_texts(prog.model, 3)) <= {capitalised(tr(f"training.status.{s}", "es"))
                                                for s in training_service.STATUSES}
    assert prog.cards["not_started"][0].text() == "Sin iniciar"
    assert prog.refresh_button.text() == "Actuali&zar estados con las constancias"
    assert page.catalogue.new_button.text() == "&Nuevo curso…"
    assert page.tracks.generate_button.text() == "&Generar a partir de la brecha típica de un puesto…"
    assert page.assign.mode_buttons["gap"].text() == "Todas las personas con &brecha en una competencia"
    show_tab(qtbot, page, page.catalogue)
    assert page.catalogue.model.headerData(1, Qt.Orientation.Horizontal) == "Título"
    gb01 = next(r for r in range(page.catalogue.model.rowCount())
                if page.catalogue.model.data(page.catalogue.model.index(r, 0)) == "GB-01")
    assert page.catalogue.model.data(page.catalogue.model.index(gb01, 1)) == "Ética pública e integridad"
    assert page.catalogue.model.data(page.catalogue.model.index(gb01, 2)) == "Buen gobierno"
    show_tab(qtbot, page, page.certification)
    label = tr("cert.status.certified", "es")
    assert page.certification.status_buttons["certified"].text().startswith(capitalised(label))


def test_cancel_stops_a_load_and_the_tab_loads_when_shown_again(qtbot: QtBot, page: TrainingPage) -> None:
    tab = page.certification
    tab.refresh()  # a load starts on a worker (the tab is not shown yet)
    assert page.cancel_button.isVisibleTo(page) and tab.busy
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.cancel_button.isVisibleTo(page) and tab._dirty
    assert tab.message.text() == "Loading cancelled: show the tab again to load it."
    qtbot.waitUntil(lambda: idle(page), timeout=WAIT)
    assert tab.data is None  # the cancelled load's result was dropped
    show_tab(qtbot, page, tab)
    assert tab.data is not None and tab.data.report is not None


def test_without_a_database_the_tabs_are_empty(qtbot: QtBot, page: TrainingPage) -> None:
    page.set_engine(None)
    for tab in page.all_tabs:
        show_tab(qtbot, page, tab)
    assert page.catalogue.model.rowCount() == 0 and not page.catalogue.new_button.isEnabled()
    assert page.tracks.model.rowCount() == 0 and not page.tracks.new_button.isEnabled()
    assert not page.assign.preview_button.isEnabled() and not page.assign.assign_button.isEnabled()
    assert page.progress.model.rowCount() == 0 and page.progress.cards["total"][1].text() == "—"
    assert page.certification.model.rowCount() == 0 and not page.certification.assign_button.isEnabled()


def test_edit_a_track_then_delete_it_with_its_assignments(qtbot: QtBot, page: TrainingPage, engine: Engine,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    track = two_course_track(engine)
    unit = root_unit(engine)
    outcome = training_service.assign_track(engine, track.id, training_service.UnitAudience(unit),
                                            due_on=date.today() + timedelta(days=5))
    tab = page.tracks
    show_tab(qtbot, page, tab)
    assert tab.select_track(track.id)
    dialog = tab.edit_track()
    assert isinstance(dialog, TrackDialog) and dialog.course_ids() == list(track.course_ids)
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    dialog.add_course(course_by_code(engine, "GB-07").id)  # needs GB-05, placed before it: fine
    dialog.name_en.setText("Inclusion basics")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finish(qtbot, dialog.task)
    stored = training_service.get_track(engine, track.id)
    assert (stored.name_en, [c.code for c in stored.courses]) == ("Inclusion basics", ["GB-05", "GB-07"])
    assert stored.version > track.version
    qtbot.waitUntil(lambda: idle(page) and tab.selected() is not None
                    and tab.selected().name_en == "Inclusion basics", timeout=WAIT)  # type: ignore[union-attr]

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes)
    assert isinstance(finish(qtbot, tab.delete_track(), ok=False).error, InputError)
    qtbot.waitUntil(lambda: idle(page) and not training_service.list_tracks(engine), timeout=WAIT)
    assert tr("training.has_assignments", "en", code="TRK-T", count=outcome.assigned) in asked[1]
    assert f"Track TRK-T deleted ({outcome.assigned} assignments removed)." in tab.message.text()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Assignment)).scalar_one() == 0
    qtbot.waitUntil(lambda: idle(page) and tab.model.rowCount() == 0, timeout=WAIT)


def test_assign_everyone_with_a_gap(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    track = two_course_track(engine)
    tab = page.assign
    show_tab(qtbot, page, tab)
    assert tab.select_track(track.id)
    tab.set_mode("gap")
    teamwork = competency_id(engine, "MGR-TEAMWORK")
    tab.competency.setCurrentIndex(tab.competency.findData(teamwork))
    tab.min_gap.setValue(2)
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    expected = training_service.audience_staff(engine, training_service.GapAudience(teamwork, 2))
    assert tab.preview_result.selected == len(expected) > 0  # type: ignore[union-attr]
    tab.min_gap.setValue(1)  # a change of who: the preview no longer holds
    assert tab.preview_result is None and not tab.assign_button.isEnabled()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(page) and tab.preview_result is not None, timeout=WAIT)
    wider = training_service.audience_staff(engine, training_service.GapAudience(teamwork, 1))
    assert tab.preview_result.selected == len(wider) >= len(expected)  # type: ignore[union-attr]
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    finish(qtbot, page.write_task)
    with engine.connect() as conn:
        assigned = conn.execute(select(m.Assignment.staff_id).where(m.Assignment.track_id == track.id)).scalars()
        assert sorted(assigned) == sorted(wider.tolist())


def test_progress_by_agency_and_unit(qtbot: QtBot, page: TrainingPage, engine: Engine) -> None:
    track = two_course_track(engine)
    with engine.connect() as conn:
        lookups = load_lookups(conn)
    roots = sorted(u for u, row in lookups.units.items() if row[3] is None)[:2]
    for unit in roots:
        training_service.assign_track(engine, track.id, training_service.UnitAudience(unit),
                                      due_on=date.today() + timedelta(days=5))
    child = next(u for u, row in lookups.units.items() if row[3] == roots[0])
    prog = page.progress
    show_tab(qtbot, page, prog)
    for agency, unit, subunits in ((lookups.units[roots[0]][2], None, True), (lookups.units[roots[0]][2], child, True),
                                   (lookups.units[roots[0]][2], roots[0], False)):
        prog.subunits.setChecked(subunits)
        prog.select(agency=agency, unit=unit)
        qtbot.waitUntil(lambda a=agency, u=unit: idle(page) and prog.data is not None
                        and prog.data.filters["agency"] == a and prog.data.filters["unit"] == u, timeout=WAIT)
        service = training_service.assignment_progress(engine, agency=agency if unit is None else None, unit=unit,
                                                       include_subunits=subunits)
        assert sorted(column_texts(prog.model, 0)) == sorted(service.employee_number)
        assert prog.cards["total"][1].text() == f"{len(service):,}"
    assert prog.unit.isEnabled()
    prog.select(agency=None)
    qtbot.waitUntil(lambda: idle(page) and prog.data is not None and prog.data.filters["agency"] is None,
                    timeout=WAIT)
    assert not prog.unit.isEnabled()
    assert prog.model.rowCount() == len(training_service.assignment_progress(engine))
