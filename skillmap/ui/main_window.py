"""The main window: navigation, pages, menus, status bar, language switch, remembered window state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)
from sqlalchemy import Engine

from skillmap import __version__
from skillmap.db.engine import describe
from skillmap.problems import InputError
from skillmap.services.staff import DatabaseSummary, StaffTable
from skillmap.tasks import Progress
from skillmap.ui.completions_dialog import CompletionsDialog
from skillmap.ui.framework_browser import FrameworkBrowser
from skillmap.ui.gap_views import GapsPage
from skillmap.ui.import_wizard import ImportWizard
from skillmap.ui.imports_page import ImportsPage
from skillmap.ui.pathways_page import PathwaysPage
from skillmap.ui.report_dialog import ReportDialog
from skillmap.ui.staff_browser import StaffBrowser
from skillmap.ui.table_export import TableExport, install_table_export
from skillmap.ui.tasks import Task
from skillmap.ui.training_page import TrainingPage
from skillmap.ui.translations import LANGUAGES, Translations


def _open_and_load(db: str | None, load_sample_if_empty: bool, progress: Progress) -> tuple[Engine, StaffTable]:
    """Worker: open (and upgrade) the database, install frameworks, maybe load the sample, read the staff.

    The search text and the status-bar counts follow in a second step (:func:`_finish_loading`), so the
    table appears as soon as its rows are read.
    """
    from skillmap.db.migrate import open_database
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.staff import database_summary, load_staff_table

    progress.report(0, 0, "")
    engine = open_database(db)
    install_bundled_frameworks(engine)
    if load_sample_if_empty and database_summary(engine).staff == 0:
        _load_sample(engine, progress)
    return engine, load_staff_table(engine, search_text=False)


def _finish_loading(engine: Engine, table: StaffTable, _progress: Progress) -> tuple[StaffTable, DatabaseSummary]:
    from skillmap.services.staff import add_search_text, database_summary

    return add_search_text(table), database_summary(engine)


def _load_sample(engine: Engine, progress: Progress) -> None:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.frameworks import install_bundled_frameworks
    from skillmap.services.sample import load_sample

    install_bundled_frameworks(engine)
    org = bundled_sample()
    load_sample(engine, org, progress=progress)


class MainWindow(QMainWindow):
    PAGES = ("staff", "gaps", "pathways", "training", "frameworks", "imports")

    def __init__(self, translations: Translations | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.translations = translations or Translations()
        self.settings = settings
        self.engine: Engine | None = None
        self._summary: DatabaseSummary | None = None
        self.task: Task | None = None
        self._background: Task | None = None
        self._refresh: Task | None = None
        self.import_wizard: ImportWizard | None = None
        self.completions_dialog: CompletionsDialog | None = None
        self.report_dialog: ReportDialog | None = None

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        self.pages = QStackedWidget()
        self.staff_page = StaffBrowser()
        self.gaps_page = GapsPage()
        self.pathways_page = PathwaysPage()
        self.training_page = TrainingPage()
        self.framework_page = FrameworkBrowser()
        self.imports_page = ImportsPage()
        for page in (self.staff_page, self.gaps_page, self.pathways_page, self.training_page, self.framework_page,
                     self.imports_page):
            self.pages.addWidget(page)
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        # "Export table as CSV…" on every table and tree; each file written goes to the audit log
        self.table_exporter = install_table_export(self.pages, on_exported=self._table_exported)
        self.staff_page.load_sample_requested.connect(self.load_sample)
        self.staff_page.show_gaps_requested.connect(self.show_person_gaps)
        self.imports_page.undone.connect(lambda _batch: self.refresh_staff())
        self.imports_page.import_completions_requested.connect(self.import_completions)

        self.db_label = QLabel()
        self.db_label.setObjectName("status_db")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("status_counts")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

        self._build_menus()
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)
        self._restore_state()

    # -- menus ------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.act_open = QAction(self, shortcut=QKeySequence.StandardKey.Open, triggered=self.choose_database)
        self.act_connect = QAction(self, triggered=self.connect_server)
        self.act_sample = QAction(self, triggered=self.load_sample)
        self.act_import_staff = QAction(self, shortcut=QKeySequence("Ctrl+I"), triggered=self.import_staff)
        self.act_import_completions = QAction(self, shortcut=QKeySequence("Ctrl+Shift+I"),
                                              triggered=lambda _checked=False: self.import_completions())
        self.act_import_fw = QAction(self, triggered=self.import_framework)
        self.act_export_fw = QAction(self, triggered=self.export_framework)
        self.act_export_report = QAction(self, shortcut=QKeySequence("Ctrl+E"),
                                         triggered=lambda _checked=False: self.export_report())
        self.act_person_report = QAction(self, shortcut=QKeySequence("Ctrl+Shift+E"),
                                         triggered=lambda _checked=False: self.export_report(person=True))
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        for a in (self.act_open, self.act_connect, None, self.act_sample, None, self.act_import_staff,
                  self.act_import_completions, self.act_import_fw, self.act_export_fw, None, self.act_export_report,
                  self.act_person_report, None, self.act_quit):
            if a is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(a)
        self.view_menu = mb.addMenu("")
        self.lang_menu = self.view_menu.addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setData(code)
            act.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.lang_group.addAction(act)
            self.lang_menu.addAction(act)
            self.lang_actions[code] = act
        self.help_menu = mb.addMenu("")
        self.act_gap_measures = QAction(self, triggered=lambda _checked=False: self.gaps_page.show_measures())
        self.act_about = QAction(self, triggered=self.about)
        self.help_menu.addAction(self.act_gap_measures)
        self.help_menu.addAction(self.act_about)

    def retranslate(self) -> None:
        from skillmap.i18n import get_language

        self.setWindowTitle(self.tr("SkillMap — skills gaps and workforce planning"))
        labels = (self.tr("Staff"), self.tr("Skills gaps"), self.tr("Pathways"), self.tr("Training"),
                  self.tr("Frameworks"), self.tr("Imports"))
        for i, text in enumerate(labels):
            self.nav.item(i).setText(text)
        self.file_menu.setTitle(self.tr("&File"))
        self.act_open.setText(self.tr("&Open database file…"))
        self.act_connect.setText(self.tr("Connect to a &shared server…"))
        self.act_sample.setText(self.tr("Load &sample organisation"))
        self.act_import_staff.setText(self.tr("Import s&taff…"))
        self.act_import_completions.setText(self.tr("Import course &completions…"))
        self.act_import_fw.setText(self.tr("&Import framework…"))
        self.act_export_fw.setText(self.tr("&Export framework…"))
        self.act_export_report.setText(self.tr("Export &report…"))
        self.act_person_report.setText(self.tr("In&dividual development report…"))
        self.act_person_report.setToolTip(self.tr("The development report of the person selected on the Staff page"))
        self.act_quit.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.lang_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_gap_measures.setText(self.tr("Gap &measures…"))
        self.act_about.setText(self.tr("&About SkillMap"))
        lang = get_language()
        if lang in self.lang_actions:
            self.lang_actions[lang].setChecked(True)
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Switch the whole interface (Qt strings and framework content) to ``lang``."""
        lang = self.translations.apply(lang)
        if self.settings is not None:
            self.settings.setValue("language", lang)
        # QCoreApplication.installTranslator sends LanguageChange to every widget; content widgets
        # re-render their data in the new language from their changeEvent handlers.

    # -- state ------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("window/staff_splitter")
        if isinstance(splitter, QByteArray):
            self.staff_page.splitter.restoreState(splitter)
        page = self.settings.value("window/page")
        if page in self.PAGES:
            self.nav.setCurrentRow(self.PAGES.index(str(page)))

    def save_state(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/staff_splitter", self.staff_page.splitter.saveState())
        self.settings.setValue("window/page", self.PAGES[max(self.nav.currentRow(), 0)])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.gaps_page.cancel_all()
        self.pathways_page.cancel_all()
        self.training_page.cancel_all()
        if self.import_wizard is not None:
            self.import_wizard.reject()  # cancels an import in progress: nothing is stored
        if self.completions_dialog is not None:
            self.completions_dialog.reject()  # likewise
        if self.report_dialog is not None:
            self.report_dialog.reject()  # cancels an export in progress: no file is left
        self.save_state()
        super().closeEvent(event)

    # -- database ---------------------------------------------------------------------------------
    def open_database(self, db: str | None = None, *, load_sample_if_empty: bool = False) -> Task:
        """Open ``db`` off the GUI thread (upgrade, bundled frameworks, optional sample), then show it."""

        def done(result: tuple[Engine, StaffTable]) -> None:
            engine, table = result
            self.set_engine(engine, table)
            if self.settings is not None and db:
                self.settings.setValue("database", db)

        return self._run(lambda p: _open_and_load(db, load_sample_if_empty, p), done,
                         self.tr("Opening the database…"))

    def set_engine(self, engine: Engine, table: StaffTable | None = None) -> None:
        """Show ``engine``. With a pre-loaded ``table`` lacking search text, the search text and the
        status-bar counts are computed in the background and arrive a moment later."""
        self.engine = engine
        self._summary = None
        self.staff_page.set_engine(engine, table)
        self.gaps_page.set_engine(engine)
        self.pathways_page.set_engine(engine)
        self.training_page.set_engine(engine)
        self.framework_page.set_engine(engine)
        self.imports_page.set_engine(engine)
        if table is not None and len(table.search_text) != len(table):
            self.db_label.setText(self.tr("Database: {0}").format(describe(engine)))

            def finished(result: tuple[StaffTable, DatabaseSummary]) -> None:
                if self.engine is engine:
                    self.staff_page.model.set_search_text(result[0])
                    self._summary = result[1]
                    self.update_status()

            self._background = Task(lambda p: _finish_loading(engine, table, p), on_result=finished,
                                    on_error=self._show_error, parent=self, title="", show_after_ms=None)
            self._background.start()
        else:
            self.update_status()

    def update_status(self) -> None:
        if self.engine is None:
            self.db_label.setText(self.tr("No database open"))
            self.counts_label.setText("")
            return
        from skillmap.services.staff import database_summary

        s = self._summary or database_summary(self.engine)
        self._summary = s
        self.db_label.setText(self.tr("Database: {0}").format(describe(self.engine)))
        date = s.latest_assessment.strftime("%d/%m/%Y") if s.latest_assessment else "—"
        self.counts_label.setText(
            self.tr("{0} staff · {1} agencies · {2} frameworks · data as of {3}")
            .format(f"{s.staff:,}", s.agencies, s.frameworks, date)
        )

    def choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Open or create a database"), str(Path.home()),
            self.tr("SkillMap database (*.db *.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_database(path)

    def connect_server(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Connect to a shared server"),
            self.tr("PostgreSQL address (postgresql://user@host:5432/skillmap):"),
        )
        if ok and url.strip():
            self.open_database(url.strip())

    # -- actions ----------------------------------------------------------------------------------
    def _run(self, fn: Any, on_result: Any, title: str) -> Task:
        if self.task is not None and self.task.running:
            QMessageBox.information(self, "SkillMap", self.tr("Please wait for the current task to finish."))
            return self.task
        self.task = Task(fn, on_result=on_result, on_error=self._show_error, parent=self, title=title)
        self.statusBar().showMessage(title)
        self.task.done.connect(self.statusBar().clearMessage)
        return self.task.start()

    def _show_error(self, exc: BaseException, tb: str) -> None:
        text = exc.text() if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        box = QMessageBox(QMessageBox.Icon.Warning, "SkillMap", text, parent=self)
        box.setObjectName("error_box")
        if not isinstance(exc, InputError):
            box.setDetailedText(tb)
        box.open()

    def load_sample(self) -> Task | None:
        if self.engine is None:
            return self.open_database(None, load_sample_if_empty=True)
        from skillmap.services.staff import database_summary, load_staff_table

        if database_summary(self.engine).staff:
            answer = QMessageBox.question(
                self, "SkillMap",
                self.tr("This database already holds staff. Replace them with the sample organisation?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        engine = self.engine

        def work(p: Progress) -> StaffTable:
            from skillmap.sample.generator import bundled_sample
            from skillmap.services.frameworks import install_bundled_frameworks
            from skillmap.services.sample import load_sample

            install_bundled_frameworks(engine)
            load_sample(engine, bundled_sample(), progress=p, replace=True)
            return load_staff_table(engine)

        return self._run(work, lambda table: self.set_engine(engine, table),
                         self.tr("Loading the sample organisation…"))

    def import_staff(self, path: str | None = None) -> ImportWizard | None:
        """Open the staff import wizard (window-modal); the staff and imports pages refresh after an import."""
        if self.engine is None:
            QMessageBox.information(self, "SkillMap", self.tr("Open a database first."))
            return None
        if self.import_wizard is not None and self.import_wizard.isVisible():
            self.import_wizard.raise_()
            return self.import_wizard
        wizard = ImportWizard(self.engine, self, path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self._staff_imported)
        wizard.destroyed.connect(lambda _obj=None: setattr(self, "import_wizard", None))
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def import_completions(self, path: str | None = None) -> CompletionsDialog | None:
        """Open the course-completions import dialog (window-modal); the Imports page refreshes after an import."""
        if self.engine is None:
            QMessageBox.information(self, "SkillMap", self.tr("Open a database first."))
            return None
        if self.completions_dialog is not None and self.completions_dialog.isVisible():
            self.completions_dialog.raise_()
            return self.completions_dialog
        dialog = CompletionsDialog(self.engine, self, path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _outcome: self.imports_page.refresh())
        dialog.imported.connect(lambda _outcome: self.refresh_staff())  # course levels change gaps and progress
        dialog.destroyed.connect(lambda _obj=None: setattr(self, "completions_dialog", None))
        self.completions_dialog = dialog
        dialog.open()
        return dialog

    def export_report(self, *, person: bool = False) -> ReportDialog | None:
        """Open the report dialog (window-modal). With ``person`` an individual development report, of the person
        selected on the Staff page if any; the Staff page's selected person and agency/unit filters are proposed
        either way."""
        if self.engine is None:
            QMessageBox.information(self, "SkillMap", self.tr("Open a database first."))
            return None
        if self.report_dialog is not None and self.report_dialog.isVisible():
            if person:
                self.report_dialog.set_kind("person")
            self.report_dialog.raise_()
            return self.report_dialog
        staff = self.staff_page
        on_staff = self.pages.currentWidget() is staff
        table = staff.model.table()
        dialog = ReportDialog(self.engine, self, kind="person" if person else "gaps",
                              staff_id=staff.current_staff_id(),
                              agency_id=staff.agency.currentData() if on_staff else None,
                              unit_id=staff.unit.currentData() if on_staff else None,
                              staff=table if len(table) else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda path: self.statusBar().showMessage(self.tr("Wrote {0}").format(path), 8000))
        dialog.destroyed.connect(lambda _obj=None: setattr(self, "report_dialog", None))
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _staff_imported(self, _outcome: object) -> None:
        self.imports_page.refresh()
        self.refresh_staff()

    def refresh_staff(self) -> Task | None:
        """Reload the staff page, the status-bar counts and the gap views off the GUI thread (after an import or
        an undo)."""
        if self.engine is None:
            return None
        engine = self.engine
        self.gaps_page.reload()
        self.pathways_page.reload()
        self.training_page.reload()  # completions change progress, imports change who is in a unit

        def work(_progress: Progress) -> tuple[StaffTable, DatabaseSummary]:
            from skillmap.services.staff import database_summary, load_staff_table

            return load_staff_table(engine), database_summary(engine)

        def done(result: tuple[StaffTable, DatabaseSummary]) -> None:
            if self.engine is engine:
                self._summary = result[1]
                self.staff_page.set_engine(engine, result[0])
                self.update_status()

        self._refresh = Task(work, on_result=done, on_error=self._show_error, parent=self,
                             title=self.tr("Refreshing the staff…"))
        return self._refresh.start()

    def import_framework(self) -> None:
        if self.engine is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import framework"), str(Path.home()),
            self.tr("All frameworks (*.yaml *.yml *.json *.csv *.xlsx *.xlsm);;Framework files (*.yaml *.yml *.json)"
                    ";;Long tables (*.csv *.xlsx *.xlsm)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() in (".csv", ".xlsx", ".xlsm"):
            from skillmap.ui.long_table_dialog import LongTableDialog

            dialog = LongTableDialog(self.engine, path, self)
            if dialog.exec():
                self.set_engine(self.engine)
            return
        from skillmap.services.frameworks import import_framework_file

        engine = self.engine
        self._run(lambda p: import_framework_file(engine, path), lambda _s: self.set_engine(engine),
                  self.tr("Importing the framework…"))

    def export_framework(self) -> None:
        if self.engine is None:
            return
        code = self.framework_page.current_framework_code()
        if code is None:
            QMessageBox.information(self, "SkillMap", self.tr("Choose a framework on the Frameworks page first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export framework"), str(Path.home() / f"{code}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;Framework file (*.yaml);;JSON (*.json)"),
        )
        if not path:
            return
        from skillmap.services.frameworks import export_framework

        engine = self.engine
        self._run(lambda p: export_framework(engine, code, path),
                  lambda out: self.statusBar().showMessage(self.tr("Wrote {0}").format(out), 8000),
                  self.tr("Exporting the framework…"))

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About SkillMap"),
            self.tr("SkillMap {0}\nSkills-gap mapping and workforce planning for the public sector.")
            .format(__version__),
        )

    def show_person_gaps(self, staff_id: int) -> None:
        """The Skills gaps page on one person (Show gaps in the staff browser)."""
        self.show_page("gaps")
        self.gaps_page.show_person(staff_id)

    def _table_exported(self, export: TableExport) -> None:
        from skillmap.services.reports import log_table_export

        if self.engine is not None:
            log_table_export(self.engine, table=export.table, path=export.path, headers=export.headers,
                             rows=export.rows, lang=export.lang, staff_ids=export.staff_ids)

    def page(self, name: str) -> QWidget:
        return self.pages.widget(self.PAGES.index(name))

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.PAGES.index(name))


