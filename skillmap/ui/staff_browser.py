"""The staff browser: every person in a sortable, searchable table, and the selected person's detail."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.i18n import get_language, pick
from skillmap.services import staff as staff_service
from skillmap.services.staff import StaffDetail, StaffTable
from skillmap.ui.staff_model import StaffTableModel
from skillmap.ui.table_export import add_export_action

SOURCE_LABELS = {
    "self": ("Self-assessment", "Autoevaluación"),
    "manager": ("Manager", "Jefe inmediato"),
    "test": ("Test", "Examen"),
    "certification": ("Certification", "Certificación"),
    "course": ("Course", "Curso"),
}


class StaffDetailPanel(QFrame):
    """Identity, place in the organisation, role, and current against required levels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_detail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._detail: StaffDetail | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("detail_name")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("employee_number", "curp", "rfc", "email", "agency", "unit", "position", "role", "grade",
                    "manager", "hire_date", "birth_date"):
            label, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            self._fields[key] = (label, value)
            self.form.addRow(label, value)
        layout.addLayout(self.form)
        self.levels_title = QLabel()
        self.levels_title.setObjectName("levels_title")
        bold = self.levels_title.font()
        bold.setBold(True)
        self.levels_title.setFont(bold)
        layout.addWidget(self.levels_title)
        self.levels = QTableWidget(0, 6)
        self.levels.setObjectName("levels_table")
        self.levels.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.levels.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.levels.verticalHeader().setVisible(False)
        self.levels.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.levels.setWordWrap(True)
        self.levels.setAlternatingRowColors(True)
        hdr = self.levels.horizontalHeader()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 6):
            hdr.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.levels, 1)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.retranslate()
        self.show_detail(None)

    def retranslate(self) -> None:
        labels = {
            "employee_number": self.tr("Employee no."), "curp": self.tr("CURP"), "rfc": self.tr("RFC"),
            "email": self.tr("Email"), "agency": self.tr("Agency"), "unit": self.tr("Unit"),
            "position": self.tr("Position"), "role": self.tr("Role profile"), "grade": self.tr("Grade"),
            "manager": self.tr("Manager"), "hire_date": self.tr("Hired"), "birth_date": self.tr("Born"),
        }
        for key, (label, _value) in self._fields.items():
            label.setText(labels[key] + ":")
        self.levels_title.setText(self.tr("Current and required levels"))
        self.levels.setHorizontalHeaderLabels([
            self.tr("Competency"), self.tr("Current"), self.tr("Required"), self.tr("Gap"), self.tr("Source"),
            self.tr("Date"),
        ])
        self.empty.setText(self.tr("Select a person to see their record."))
        self.show_detail(self._detail)

    def show_detail(self, d: StaffDetail | None) -> None:
        self._detail = d
        has = d is not None
        self.empty.setVisible(not has)
        self.title.setVisible(has)
        self.levels_title.setVisible(has)
        self.levels.setVisible(has)
        for label, value in self._fields.values():
            label.setVisible(has)
            value.setVisible(has)
        if d is None:
            return
        lang = get_language()
        self.title.setText(d.full_name)

        def date_text(v: Any) -> str:
            return v.strftime("%d/%m/%Y") if v else "—"

        values = {
            "employee_number": d.employee_number, "curp": d.curp or "—", "rfc": d.rfc or "—",
            "email": d.email or "—", "agency": d.agency or "—", "unit": " › ".join(d.unit_path) or "—",
            "position": d.position_title or "—",
            "role": pick(d.role_title_en or "", d.role_title_es or "", lang) or "—",
            "grade": d.grade or "—", "manager": d.manager_name or "—", "hire_date": date_text(d.hire_date),
            "birth_date": date_text(d.birth_date),
        }
        for key, (_label, value) in self._fields.items():
            value.setText(values[key])
        self.levels.setRowCount(len(d.levels))
        short = QBrush(QColor("#b3261e"))
        for r, lv in enumerate(d.levels):
            name = pick(lv.name_en, lv.name_es, lang)
            comp = QTableWidgetItem(name + ("  ◆" if lv.hard_to_transfer else ""))
            tip = f"{name} ({lv.framework_code} · {lv.code})"
            if lv.hard_to_transfer:
                tip += "\n◆ " + self.tr("Hard to transfer: better hired than reskilled")
            comp.setToolTip(tip)
            cells = [
                comp,
                QTableWidgetItem("—" if lv.current is None else str(lv.current)),
                QTableWidgetItem("" if lv.required is None else str(lv.required)),
                QTableWidgetItem("" if lv.gap is None else str(lv.gap)),
                QTableWidgetItem(pick(*SOURCE_LABELS.get(lv.source or "", ("", "")), lang) if lv.source else ""),
                QTableWidgetItem(date_text(lv.assessed_on) if lv.assessed_on else ""),
            ]
            if lv.current is None and lv.required is not None:
                cells[1].setToolTip(self.tr("Not assessed: unknown, not zero"))
            if lv.gap:
                cells[3].setForeground(short)
                f = QFont(cells[3].font())
                f.setBold(True)
                cells[3].setFont(f)
            for c in range(1, 6):
                cells[c].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for c, item in enumerate(cells):
                self.levels.setItem(r, c, item)


class StaffBrowser(QWidget):
    """All staff with search and filters (agency, unit, role profile), and the selected person's record."""

    load_sample_requested = Signal()
    staff_selected = Signal(int)
    show_gaps_requested = Signal(int)  # staff id: open the person's gaps

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine: Engine | None = None
        self.model = StaffTableModel(self)
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("staff_search")
        self.search.setClearButtonEnabled(True)
        self.agency = QComboBox()
        self.agency.setObjectName("agency_filter")
        self.unit = QComboBox()
        self.unit.setObjectName("unit_filter")
        self.role = QComboBox()
        self.role.setObjectName("role_filter")
        for combo in (self.agency, self.unit, self.role):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.count = QLabel()
        self.count.setObjectName("staff_count")
        bar.addWidget(self.search, 2)
        self.agency_label, self.unit_label, self.role_label = QLabel(), QLabel(), QLabel()
        for label, combo in ((self.agency_label, self.agency), (self.unit_label, self.unit),
                             (self.role_label, self.role)):
            bar.addWidget(label)
            bar.addWidget(combo, 1)
        bar.addWidget(self.count)
        self.gaps_button = QPushButton()
        self.gaps_button.setObjectName("show_gaps_button")
        self.gaps_button.setEnabled(False)
        self.gaps_button.clicked.connect(lambda _checked=False: self.request_gaps())
        bar.addWidget(self.gaps_button)
        outer.addLayout(bar)

        self.stack = QStackedWidget()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("staff_splitter")
        self.view = QTableView()
        self.view.setObjectName("staff_table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.act_gaps = QAction(self)
        self.act_gaps.triggered.connect(lambda _checked=False: self.request_gaps())
        for col, width in enumerate((90, 220, 170, 80, 230, 240, 220, 60)):
            self.view.setColumnWidth(col, width)
        self.detail = StaffDetailPanel()
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.splitter = split
        self.stack.addWidget(split)

        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        el.addWidget(self.empty_label)
        self.sample_button = QPushButton()
        self.sample_button.setObjectName("load_sample_button")
        self.sample_button.clicked.connect(self.load_sample_requested)
        el.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignCenter)
        el.addStretch(2)
        self.stack.addWidget(empty)
        outer.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.unit.currentIndexChanged.connect(self.apply_filter)
        self.role.currentIndexChanged.connect(self.apply_filter)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._loading_choices = False
        self.retranslate()

    # -- language ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search by name, employee no., CURP, position or unit…"))
        self.agency_label.setText(self.tr("Agency"))
        self.unit_label.setText(self.tr("Unit"))
        self.role_label.setText(self.tr("Role profile"))
        self.empty_label.setText(self.tr("This database has no staff yet. Load the sample organisation to "
                                         "explore SkillMap."))
        self.sample_button.setText(self.tr("Load sample organisation"))
        self.gaps_button.setText(self.tr("Show gaps"))
        self.gaps_button.setToolTip(self.tr("The selected person's gaps against their role and another role"))
        self.act_gaps.setText(self.tr("Show gaps"))
        for combo, text in ((self.agency, self.tr("All agencies")), (self.unit, self.tr("All units")),
                            (self.role, self.tr("All role profiles"))):
            if combo.count():
                combo.setItemText(0, text)
        if self.engine is not None:
            self._fill_roles()
        self.model.language_changed()
        self.detail.retranslate()
        self._update_count()

    # -- data -------------------------------------------------------------------------------------
    def set_engine(self, engine: Engine | None, table: StaffTable | None = None) -> None:
        """Show ``engine``'s staff. ``table`` may be pre-loaded off the GUI thread."""
        self.engine = engine
        if engine is not None and table is None:
            table = staff_service.load_staff_table(engine)
        self.model.set_table(table or StaffTable())
        self._loading_choices = True
        try:
            self.agency.clear()
            self.agency.addItem(self.tr("All agencies"), None)
            if engine is not None:
                for c in staff_service.agency_choices(engine):
                    self.agency.addItem(c.label, c.id)
            self._fill_units()
            self._fill_roles()
        finally:
            self._loading_choices = False
        self.stack.setCurrentIndex(0 if len(self.model.table()) else 1)
        self.detail.show_detail(None)
        self.apply_filter()

    def _fill_units(self) -> None:
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        agency_id = self.agency.currentData()
        if self.engine is not None and agency_id is not None:
            for c in staff_service.unit_choices(self.engine, agency_id):
                self.unit.addItem(c.label, c.id)
        self.unit.setEnabled(agency_id is not None)

    def _fill_roles(self) -> None:
        current = self.role.currentData()
        was = self._loading_choices
        self._loading_choices = True
        self.role.clear()
        self.role.addItem(self.tr("All role profiles"), None)
        lang = get_language()
        if self.engine is not None:
            for c in staff_service.role_profile_choices(self.engine):
                self.role.addItem(pick(c.title_en, c.title_es, lang), c.id)
        idx = self.role.findData(current)
        self.role.setCurrentIndex(max(idx, 0))
        self._loading_choices = was

    def _agency_changed(self) -> None:
        if self._loading_choices:
            return
        self._loading_choices = True
        try:
            self._fill_units()
        finally:
            self._loading_choices = False
        self.apply_filter()

    def apply_filter(self) -> None:
        if self._loading_choices:
            return
        unit_id = self.unit.currentData()
        units = staff_service.unit_subtree(self.engine, unit_id) if (self.engine and unit_id is not None) else None
        selected = self.current_staff_id()
        self.model.set_filter(self.search.text(), self.agency.currentData(), units, self.role.currentData())
        if selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.view.selectRow(row)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.table())
        self.count.setText(self.tr("People: {0}").format(f"{total:,}") if shown == total
                           else self.tr("Showing {0} of {1}").format(f"{shown:,}", f"{total:,}"))

    # -- selection --------------------------------------------------------------------------------
    def current_staff_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.staff_id(rows[0].row()) if rows else None

    def select_staff(self, staff_id: int) -> bool:
        row = self.model.row_of(staff_id)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def request_gaps(self) -> None:
        sid = self.current_staff_id()
        if sid is not None:
            self.show_gaps_requested.emit(sid)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.act_gaps)
        add_export_action(menu, self.view)  # "Export table as CSV…", as on every other table
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        sid = self.current_staff_id()
        self.gaps_button.setEnabled(sid is not None)
        if sid is None or self.engine is None:
            self.detail.show_detail(None)
            return
        self.detail.show_detail(staff_service.staff_detail(self.engine, sid))
        self.staff_selected.emit(sid)

    def index_for_row(self, row: int) -> QModelIndex:
        return self.model.index(row, 0)
