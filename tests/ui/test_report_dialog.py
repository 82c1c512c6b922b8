"""The *Export report* dialog (skillmap.ui.report_dialog) driven through its widgets on a small sample organisation;
the files it writes are opened again and checked.

* a unit's gap report as xlsx is pseudonymised by default: no name, CURP, RFC, e-mail or employee number of
  anybody in the database in any cell, no formula; the audit log names the unit's people; the proposed file name
  says report, scope, date and language;
* an agency's gap report as PDF in Spanish has pages and the Spanish title;
* the full version: possible on a single-user database (names appear), disabled with a reason for a user who may
  not (and refused by the service if forced), possible for an administrator;
* Cancel while the file is being written leaves no file (nor a temporary one) and no audit row;
* an individual report opened for a person (also from the main window's staff selection) is preset to them,
  offers PDF and CSV only, shows their name; the interface's language is proposed.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, insert, select

from skillmap.db import models as m
from skillmap.db.migrate import open_database
from skillmap.i18n import get_language, set_language, tr
from skillmap.reports import xlsx as X
from skillmap.services.frameworks import install_bundled_frameworks
from skillmap.services.gaps import GapFilters, load_lookups
from skillmap.tasks import Progress
from skillmap.ui.main_window import MainWindow
from skillmap.ui.report_dialog import ReportDialog
from skillmap.ui.translations import Translations

WAIT = 120_000


# -- fixtures and helpers ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small sample organisation (two agencies), made once; each test works on its own copy."""
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample

    path = tmp_path_factory.mktemp("reportdb") / "sample.db"
    engine = open_database(path)
    install_bundled_frameworks(engine)
    load_sample(engine, bundled_sample(n_staff=80, n_agencies=2, seed=5))
    engine.dispose()
    return path


@pytest.fixture
def engine(sample_db: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "db" / "copy.db"
    copy.parent.mkdir()
    shutil.copy(sample_db, copy)
    eng = open_database(copy)
    yield eng
    eng.dispose()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


class SaveAs:
    """Stands in for the save dialog: answers ``path`` and remembers the proposed file name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.path = path
        self.proposed: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, _parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        self.proposed.append(Path(proposed).name)
        return str(self.path), ""


def open_dialog(qtbot: QtBot, engine: Engine, **kwargs: Any) -> ReportDialog:
    dialog = ReportDialog(engine, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading and dialog.choices is not None, timeout=WAIT)
    return dialog


def export(qtbot: QtBot, dialog: ReportDialog) -> None:
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """A click on the check box's square (the widget may be wider than its label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def choose_format(dialog: ReportDialog, fmt: str) -> None:
    idx = dialog.format.findData(fmt)
    assert idx >= 0, fmt
    dialog.format.setCurrentIndex(idx)


def choose_lang(dialog: ReportDialog, lang: str) -> None:
    dialog.lang.setCurrentIndex(dialog.lang.findData(lang))


def largest_top_unit(engine: Engine) -> tuple[int, str, list[int]]:
    """The top unit with the most active people below it: id, name, and the ids of those people."""
    with engine.connect() as conn:
        lookups = load_lookups(conn)
        staff = conn.execute(select(m.Staff.id, m.Staff.unit_id).where(m.Staff.active.is_(True))).all()
    best: tuple[int, str, list[int]] | None = None
    for uid, row in lookups.units.items():
        if row[3] is not None:
            continue
        sub = lookups.unit_subtree(uid)
        ids = sorted(s for s, u in staff if u in sub)
        if best is None or len(ids) > len(best[2]):
            best = (uid, row[1], ids)
    assert best is not None and best[2]
    return best


def personal_strings(engine: Engine) -> tuple[list[str], set[str]]:
    """Every name as SkillMap and people write it, CURP, RFC and e-mail; and the employee numbers."""
    s = m.Staff
    texts: list[str] = []
    numbers: set[str] = set()
    with engine.connect() as conn:
        rows = conn.execute(select(s.employee_number, s.given_names, s.first_surname, s.second_surname, s.curp,
                                   s.rfc, s.email)).all()
    for number, given, first, second, curp, rfc, email in rows:
        surnames = " ".join(x for x in (first, second) if x)
        texts += [f"{surnames}, {given}", f"{given} {surnames}"]
        texts += [x for x in (curp, rfc, email) if x]
        numbers.add(number)
    return texts, numbers


def workbook_cells(path: Path) -> list[Any]:
    wb = openpyxl.load_workbook(path)
    cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            cells.extend(row)
    return cells


def audit_rows(engine: Engine) -> list[dict[str, Any]]:
    a = m.AuditLog
    with engine.connect() as conn:
        rows = conn.execute(select(a.actor, a.details).where(a.action == "export", a.entity_type == "report")
                            .order_by(a.id)).all()
    return [{"actor": actor, **details} for actor, details in rows]


def add_user(engine: Engine, username: str, role: m.UserRole) -> None:
    with engine.begin() as conn:
        conn.execute(insert(m.AppUser).values(username=username, display_name=username, role=role, active=True))


# -- gap reports -------------------------------------------------------------------------------------------------
def test_unit_xlsx_is_pseudonymised_and_audited(qtbot: QtBot, engine: Engine, out: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    uid, unit_name, people = largest_top_unit(engine)
    dialog = open_dialog(qtbot, engine)
    assert dialog.kind_buttons["gaps"].isChecked()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["xlsx", "pdf", "csv"]
    assert dialog.select_unit(uid)
    assert dialog.target() == GapFilters(unit=uid)
    assert unit_name in dialog.scope_summary.text() and "units below it" in dialog.scope_summary.text()
    assert dialog.pseudonymise.isChecked()
    choose_format(dialog, "xlsx")
    save = SaveAs(monkeypatch, out / "unit.xlsx")
    export(qtbot, dialog)

    assert dialog.error is None, dialog.error
    assert dialog.path == out / "unit.xlsx" and dialog.path.is_file()
    assert sorted(p.name for p in out.iterdir()) == ["unit.xlsx"]
    assert re.fullmatch(r"gap-report_[A-Za-z0-9-]+_[A-Za-z0-9-]+_\d{4}-\d\d-\d\d_en\.xlsx", save.proposed[0])
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()

    texts, numbers = personal_strings(engine)
    cells = workbook_cells(dialog.path)
    values = [str(c.value) for c in cells if c.value is not None]
    leaks = [t for v in values for t in texts if t in v]
    leaks += [n for v in values for n in re.findall(r"[A-Za-z0-9]+", v) if n in numbers]
    assert leaks == []
    assert not any(c.data_type == "f" for c in cells), "no formula in any cell"
    pseudonyms = {v for v in values if re.fullmatch(r"P-[A-Z0-9]{4}-[A-Z0-9]{4}", v)}
    assert len(pseudonyms) == len(people)
    assert any(unit_name in v for v in values)

    audit = audit_rows(engine)
    assert len(audit) == 1
    assert audit[0]["kind"] == "gaps" and audit[0]["format"] == "xlsx" and audit[0]["lang"] == "en"
    assert audit[0]["pseudonymised"] is True and audit[0]["file"] == "unit.xlsx"
    assert audit[0]["staff_ids"] == people


def test_agency_pdf_in_spanish_has_pages(qtbot: QtBot, engine: Engine, out: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, engine)
    assert dialog.agency.count() == 3  # all agencies + the two of the sample
    dialog.agency.setCurrentIndex(1)
    agency_id = dialog.agency.currentData()
    assert dialog.target() == GapFilters(agency=agency_id)
    assert "whole agency" in dialog.scope_summary.text()
    choose_format(dialog, "pdf")
    choose_lang(dialog, "es")
    save = SaveAs(monkeypatch, out / "agency.pdf")
    export(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert save.proposed[0].endswith("_es.pdf")
    reader = PdfReader(out / "agency.pdf")
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert tr("reportdata.title.gaps", "es") in text
    assert audit_rows(engine)[-1]["scope"] == {"agency": agency_id}


def test_whole_organisation_csv_and_open(qtbot: QtBot, engine: Engine, out: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, engine)
    assert dialog.agency.currentIndex() == 0 and dialog.target() == GapFilters()
    assert not dialog.units.isEnabled()
    choose_format(dialog, "csv")
    SaveAs(monkeypatch, out / "everyone")  # no suffix typed: the format's is added
    export(qtbot, dialog)
    assert dialog.path == out / "everyone.csv"
    lines = (out / "everyone.csv").read_text(encoding="utf-8-sig").splitlines()
    with engine.connect() as conn:
        active = conn.execute(select(func.count()).select_from(m.Staff).where(m.Staff.active.is_(True))).scalar()
    assert len(lines) == 1 + active
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())
                                                                  or True))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out / "everyone.csv"), str(out)]


# -- the full version --------------------------------------------------------------------------------------------
def test_full_version_on_a_single_user_database(qtbot: QtBot, engine: Engine, out: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    uid, _name, people = largest_top_unit(engine)
    dialog = open_dialog(qtbot, engine)
    assert dialog.may_full and dialog.pseudonymise.isEnabled()
    dialog.select_unit(uid)
    choose_format(dialog, "xlsx")
    click_box(qtbot, dialog.pseudonymise)
    assert not dialog.pseudonymise.isChecked()
    assert "Do not forward" in dialog.privacy_note.text()
    SaveAs(monkeypatch, out / "full.xlsx")
    export(qtbot, dialog)
    assert dialog.error is None, dialog.error
    values = [str(c.value) for c in workbook_cells(out / "full.xlsx") if c.value is not None]
    with engine.connect() as conn:
        number = conn.execute(select(m.Staff.employee_number).where(m.Staff.id == people[0])).scalar_one()
    assert any(number in v for v in values)
    assert audit_rows(engine)[-1]["pseudonymised"] is False


def test_full_version_disabled_for_a_user_who_may_not(qtbot: QtBot, engine: Engine, out: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    add_user(engine, "ana", m.UserRole.MANAGER)
    dialog = open_dialog(qtbot, engine, user="ana")
    assert not dialog.may_full
    box = dialog.pseudonymise
    assert box.isChecked() and not box.isEnabled()
    assert "administrators and HR planners" in box.toolTip()
    click_box(qtbot, box)  # a disabled box ignores the click
    assert box.isChecked()
    # forced off behind the dialog's back: the service refuses, in the interface's language; nothing is written
    box.setChecked(False)
    SaveAs(monkeypatch, out / "refused.xlsx")
    export(qtbot, dialog)
    assert dialog.error is not None and dialog.path is None
    assert tr("reportdata.err.full_not_allowed", "en") in dialog.message.text()
    assert list(out.iterdir()) == [] and audit_rows(engine) == []


def test_full_version_possible_for_an_administrator(qtbot: QtBot, engine: Engine) -> None:
    add_user(engine, "ana", m.UserRole.MANAGER)
    add_user(engine, "root", m.UserRole.ADMIN)
    dialog = open_dialog(qtbot, engine, user="root")
    assert dialog.may_full and dialog.pseudonymise.isEnabled() and dialog.pseudonymise.isChecked()
    dialog.pseudonymise.setChecked(False)
    assert not dialog.pseudonymise.isChecked()
    dialog.set_kind("training")  # the choice is kept across report kinds about many people
    assert not dialog.pseudonymise.isChecked() and dialog.pseudonymise.isEnabled()


# -- cancel ------------------------------------------------------------------------------------------------------
def test_cancel_while_writing_leaves_no_file(qtbot: QtBot, engine: Engine, out: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    reached, release = threading.Event(), threading.Event()
    original = X.write_gap_report

    class Gate(Progress):
        """The writer's progress: the first report waits until the test has pressed Cancel."""

        def __init__(self, outer: Progress) -> None:
            super().__init__(None)
            self.outer = outer

        def report(self, done: int, total: int = 0, message: str = "") -> None:
            if not reached.is_set():
                reached.set()
                release.wait(WAIT / 1000)
            self.outer.report(done, total, message)

        def check(self) -> None:
            self.outer.check()

    def gated(data: Any, path: Any, *, progress: Progress | None = None) -> Path:
        assert progress is not None
        Path(path).write_bytes(b"PK partial")  # what a half-written workbook leaves behind
        return original(data, path, progress=Gate(progress))

    monkeypatch.setattr(X, "write_gap_report", gated)
    uid, _name, _people = largest_top_unit(engine)
    dialog = open_dialog(qtbot, engine)
    dialog.select_unit(uid)
    choose_format(dialog, "xlsx")
    SaveAs(monkeypatch, out / "cancelled.xlsx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=WAIT)
    assert dialog.running and dialog.cancel_button.isVisible() and not dialog.export_button.isVisible()
    assert any(out.iterdir()), "the writer has started a file"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.cancelled and dialog.path is None and dialog.error is None
    assert "no file was written" in dialog.message.text()
    assert list(out.iterdir()) == []
    assert audit_rows(engine) == []
    assert dialog.export_button.isVisible() and dialog.export_button.isEnabled()


def test_closing_while_exporting_cancels_first(qtbot: QtBot, engine: Engine, out: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, engine)
    choose_format(dialog, "pdf")
    SaveAs(monkeypatch, out / "closing.pdf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.running
    dialog.reject()
    assert dialog.isVisible()  # stays until the export has stopped
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert not dialog.running
    assert [p for p in out.iterdir() if p.name != "closing.pdf"] == []  # no temporary file either way


# -- individual reports ------------------------------------------------------------------------------------------
def person_of(engine: Engine) -> tuple[int, str, str]:
    s = m.Staff
    with engine.connect() as conn:
        sid, number, given, first, second = conn.execute(
            select(s.id, s.employee_number, s.given_names, s.first_surname, s.second_surname)
            .where(s.active.is_(True), s.role_profile_id.is_not(None)).order_by(s.id)).first()
    return sid, number, f"{' '.join(x for x in (first, second) if x)}, {given}"


def test_person_report_preset_and_written_with_their_name(qtbot: QtBot, engine: Engine, out: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    sid, number, name = person_of(engine)
    dialog = open_dialog(qtbot, engine, kind="person", staff_id=sid)
    qtbot.waitUntil(lambda: dialog.people is not None, timeout=WAIT)
    assert dialog.kind == "person" and dialog.scope_stack.currentIndex() == 1
    assert dialog.staff_id == sid and dialog.target() == sid
    assert dialog.search.text() == number
    rows = dialog.matches.selectionModel().selectedRows()
    assert len(rows) == 1 and dialog.matches.item(rows[0].row(), 1).text() == name
    assert name in dialog.scope_summary.text()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["pdf", "csv"]
    assert not dialog.pseudonymise.isEnabled() and not dialog.pseudonymise.isChecked()
    assert "shows their name" in dialog.privacy_note.text()
    assert dialog.lang_note.isVisible() and dialog.report_lang == "en"
    save = SaveAs(monkeypatch, out / "person.pdf")
    export(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert save.proposed[0].startswith("development-report_")
    text = "\n".join(p.extract_text() for p in PdfReader(out / "person.pdf").pages)
    assert name.split(",")[0] in text
    audit = audit_rows(engine)[-1]
    assert audit["kind"] == "person" and audit["staff_ids"] == [sid]

    # searching for somebody else by name
    dialog.search.setText(name.split(",")[0].split()[0].lower())
    assert dialog.matches.rowCount() >= 1
    dialog.search.setText("no such person at all")
    assert dialog.matches.rowCount() == 0 and dialog.staff_id is None
    assert not dialog.export_button.isEnabled()


def test_interface_language_is_proposed(qtbot: QtBot, engine: Engine) -> None:
    translations = Translations()
    translations.apply("es")
    try:
        dialog = open_dialog(qtbot, engine, kind="person")
        assert dialog.report_lang == "es"
        assert dialog.windowTitle() == "Exportar reporte"
        assert dialog.kind_buttons["person"].text() == "Reporte individual de desarrollo"
        dialog.set_kind("gaps")
        assert dialog.proposed_name().startswith("reporte-brechas_todas-las-dependencias_")
        assert dialog.proposed_name().endswith("_es.pdf")  # the format chosen (PDF) is kept when the kind has it
        choose_format(dialog, "xlsx")
        assert dialog.proposed_name().endswith("_es.xlsx")
    finally:
        translations.apply("en")  # removes the Spanish translators it installed


def test_main_window_opens_the_dialog_on_the_selected_person(qtbot: QtBot, engine: Engine) -> None:
    window = MainWindow(translations=Translations())
    qtbot.addWidget(window)
    window.show()
    window.set_engine(engine)
    sid, _number, name = person_of(engine)
    assert window.staff_page.select_staff(sid)
    assert window.act_export_report.shortcut().toString() == "Ctrl+E"
    window.act_person_report.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.people is not None and not dialog.loading, timeout=WAIT)
    assert dialog.kind == "person" and dialog.staff_id == sid and name in dialog.scope_summary.text()
    dialog.reject()
    QCoreApplication.processEvents()
    window.staff_page.agency.setCurrentIndex(1)  # the Staff page filtered to an agency: proposed as the scope
    agency_id = window.staff_page.agency.currentData()
    window.act_export_report.trigger()
    dialog = window.report_dialog
    assert dialog is not None and dialog.kind == "gaps"
    qtbot.waitUntil(lambda: dialog.choices is not None and not dialog.loading, timeout=WAIT)
    assert dialog.target() == GapFilters(agency=agency_id)
    dialog.reject()
