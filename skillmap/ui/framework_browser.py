"""The framework browser: one screen of the main window to read a stored competency framework.

A selector chooses the framework (name, code, version; older versions are marked inactive). Two tabs show
its content:

* **Competencies** — categories and competencies with a quick filter; a competency shows its description
  and the descriptor of every level of the framework's proficiency scale.
  It also lists the role profiles that require the competency.
* **Role profiles** — role families, roles and their seniority levels; a profile shows its requirements
  (sortable) and what the selected requirement's level means; a role shows its career ladder and the
  required level of each competency at each seniority.

Double-clicking a requirement opens the competency; double-clicking a profile in a list opens it.

Labels are translated with ``self.tr``; framework content is bilingual data and follows
:func:`skillmap.i18n.get_language`. Both are refreshed on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from skillmap.frameworks import model as fm
from skillmap.i18n import get_language
from skillmap.problems import InputError
from skillmap.services.frameworks import FrameworkSummary, framework_from_db, list_frameworks

KIND_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PARENT_ROLE = Qt.ItemDataRole.UserRole + 3

CATEGORY, COMPETENCY = "category", "competency"
FAMILY, ROLE, PROFILE = "family", "role", "profile"

BADGE_COLOUR = QColor("#d97706")  # amber: readable on light and dark palettes


def fold(text: str) -> str:
    """Case- and accent-insensitive form for the quick filter ("vision" finds "Visión")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _badge_icon() -> QIcon:
    """An amber disc with an exclamation mark, drawn (no font or resource file needed)."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16
        p.setPen(QPen(BADGE_COLOUR.darker(130), s))
        p.setBrush(BADGE_COLOUR)
        p.drawEllipse(QRectF(0.5 * s, 0.5 * s, 15 * s, 15 * s))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("white"))
        p.drawRoundedRect(QRectF(6.75 * s, 3 * s, 2.5 * s, 6.5 * s), 1.2 * s, 1.2 * s)
        p.drawEllipse(QRectF(6.75 * s, 10.5 * s, 2.5 * s, 2.5 * s))
        p.end()
        icon.addPixmap(pixmap)
    return icon


def _blank_icon() -> QIcon:
    """A transparent icon so that items without the badge keep their text aligned with those that have it."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class _SortItem(QTableWidgetItem):
    """A table cell that sorts by a key of its own (numbers as numbers, text accent-insensitively)."""

    def __init__(self, text: str, key: float | str | None = None) -> None:
        super().__init__(text)
        self.sort_key: float | str = fold(text) if key is None else key
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _SortItem) and type(self.sort_key) is type(other.sort_key):
            return self.sort_key < other.sort_key  # type: ignore[operator]
        return super().__lt__(other)


class _Header(QWidget):
    """Title, a line of facts, an optional hard-to-transfer badge and a description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("detail_title")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(self)
        self.meta.setObjectName("detail_meta")
        self.meta.setWordWrap(True)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = QLabel(self)
        self.badge.setObjectName("hard_badge")
        self.badge.setStyleSheet(
            "QLabel { background: #fde68a; color: #78350f; border: 1px solid #d97706;"
            " border-radius: 4px; padding: 2px 8px; }"
        )
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.badge.hide()
        self.description = QLabel(self)
        self.description.setObjectName("detail_description")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.badge)
        layout.addWidget(self.description)

    def show_text(self, title: str, meta: str, description: str, badge: str | None = None) -> None:
        self.title.setText(title)
        self.meta.setText(meta)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.badge.setText(badge or "")
        self.badge.setVisible(bool(badge))


def _section_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _hint_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class _PaddedDelegate(QStyledItemDelegate):
    """Rows a little taller than their text, for air between word-wrapped rows (the cells are centred
    vertically). Only :meth:`sizeHint` is overridden: painting stays entirely in C++, which keeps
    repaints cheap (and avoids a PySide6 6.12 / Python 3.11 refcount leak on void calls)."""

    PAD = 3

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return super().sizeHint(option, index) + QSize(0, 2 * self.PAD)


class _Table(QTableWidget):
    """A read-only table. With ``fit`` it is as tall as its rows (no empty frame below a short table) and
    scrolls when space is short."""

    MIN_HEIGHT = 96

    def __init__(self, columns: int, parent: QWidget, *, fit: bool = False) -> None:
        super().__init__(0, columns, parent)
        self._fit = fit
        self._delegate = _PaddedDelegate(self)
        self.setItemDelegate(self._delegate)
        if fit:
            self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        else:
            self.setMinimumHeight(self.MIN_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if not self._fit:
            return hint
        content = (self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
                   + 2 * self.frameWidth())
        return QSize(hint.width(), min(content, self.MIN_HEIGHT))


def _read_only_table(parent: QWidget, name: str, columns: int, *, fit: bool = False) -> QTableWidget:
    table = _Table(columns, parent, fit=fit)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return table


class _Tree(QTreeWidget):
    """Two columns, name and code. The name column takes the room; the code column fits its contents but
    never more than ``code_share`` of the width (longer texts are elided, at the end or in the middle)."""

    def __init__(self, parent: QWidget, name: str, *, code_share: float,
                 elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self.code_share = code_share
        self.setObjectName(name)
        self.setTextElideMode(elide)
        self.setColumnCount(2)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setMinimumWidth(280)
        self.setIndentation(16)
        self.setIconSize(QSize(16, 16))
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)

    def fit_columns(self) -> None:
        wanted = self.sizeHintForColumn(1) + 8
        room = int(self.viewport().width() * self.code_share)
        width = max(60, min(wanted, room))
        if self.header().sectionSize(1) != width:
            self.header().resizeSection(1, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


@dataclass(frozen=True)
class _Selection:
    """What is selected in the two trees, by code, so that it survives a reload or a language change."""

    framework: tuple[str, str] | None  # (code, version): ids differ between databases
    competency: tuple[str, str] | None  # (kind, code)
    role: tuple[str, str, str] | None  # (kind, code, parent code)


class FrameworkBrowser(QWidget):
    """Browse the competencies and role profiles of the frameworks stored in a database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("framework_browser")
        self._engine: Engine | None = None
        self._summaries: list[FrameworkSummary] = []
        self._framework: fm.Framework | None = None
        self._framework_id: int | None = None
        self._load_error: str | None = None
        self._rendered: tuple[str, str] | None = None  # (code, version) the trees show
        self._competencies: dict[str, tuple[fm.Category, fm.Competency]] = {}
        self._badge = _badge_icon()
        self._blank = _blank_icon()
        self._build()
        self.retranslate()

    # ----------------------------------------------------------------------------------------- public

    def set_engine(self, engine: Engine | None) -> None:
        """Show the frameworks of ``engine`` (``None``: nothing open). Keeps the selection when possible."""
        self._engine = engine
        self.reload()

    def reload(self) -> None:
        """Read the framework list and the selected framework again (after an import, for instance)."""
        self._summaries = list_frameworks(self._engine) if self._engine is not None else []
        fw = self._framework
        self._fill_combo(keep=(fw.code, fw.version) if fw is not None else None)
        self._load_selected()

    def current_framework_code(self) -> str | None:
        return self._framework.code if self._framework is not None else None

    def current_framework(self) -> fm.Framework | None:
        return self._framework

    def select_framework(self, code: str, version: str | None = None) -> bool:
        """Select a framework by code (the active version unless ``version`` is given). False if absent."""
        candidates = [
            i for i, s in enumerate(self._summaries)
            if s.code == code and (version is None or s.version == version)
        ]
        if not candidates:
            return False
        active = [i for i in candidates if self._summaries[i].active]
        self.framework_combo.setCurrentIndex((active or candidates)[-1])  # loads through the signal
        return True

    def show_competency(self, code: str) -> bool:
        """Switch to the Competencies tab and select ``code``; clears a filter that would hide it."""
        item = self._find(self.competency_tree, COMPETENCY, code)
        if item is None:
            return False
        if item.isHidden():
            self.filter_edit.clear()
        self.tabs.setCurrentWidget(self._competency_tab)
        self.competency_tree.setCurrentItem(item)
        self.competency_tree.scrollToItem(item)
        return True

    def show_role_profile(self, code: str) -> bool:
        """Switch to the Role profiles tab and select the profile ``code``."""
        item = self._find(self.role_tree, PROFILE, code)
        if item is None:
            return False
        self.tabs.setCurrentWidget(self._role_tab)
        self.role_tree.setCurrentItem(item)
        self.role_tree.scrollToItem(item)
        return True

    # ------------------------------------------------------------------------------------- language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-set every label (``self.tr``) and re-render the content in the current content language."""
        self.empty_label.setText(self.tr("No frameworks in this database. Use File → Import framework…"))
        self.framework_label.setText(self.tr("&Framework:"))
        self.framework_combo.setToolTip(self.tr("Framework shown on this screen"))
        self.tabs.setTabText(self.tabs.indexOf(self._competency_tab), self.tr("Competencies"))
        self.tabs.setTabText(self.tabs.indexOf(self._role_tab), self.tr("Role profiles"))
        self.filter_edit.setPlaceholderText(self.tr("Filter competencies by name or code…"))
        self.filter_edit.setToolTip(self.tr("Type part of a name or code, in English or Spanish"))
        self.competency_tree.setHeaderLabels([self.tr("Competency"), self.tr("Code")])
        self.competency_tree.setAccessibleName(self.tr("Categories and competencies"))
        self.no_match_label.setText(self.tr("No competency matches the filter."))
        self.competency_hint.setText(
            self.tr("Select a competency to see its description and level descriptors."))
        self.levels_label.setText(self.tr("Proficiency levels"))
        self.descriptor_table.setHorizontalHeaderLabels(
            [self.tr("Level"), self.tr("Name"), self.tr("Descriptor")])
        self.descriptor_table.setAccessibleName(self.tr("Descriptors of the proficiency levels"))
        self.role_tree.setHeaderLabels([self.tr("Role family, role and level"), self.tr("Code")])
        self.role_tree.setAccessibleName(self.tr("Role families, roles and role profiles"))
        self.role_hint.setText(
            self.tr("Select a role to see its career ladder, or a level to see its requirements."))
        self.ladder_label.setText(self.tr("Career ladder"))
        self.ladder_table.setHorizontalHeaderLabels(
            [self.tr("Seniority"), self.tr("Role profile"), self.tr("Code"), self.tr("Requirements")]
        )
        self.ladder_table.setAccessibleName(self.tr("Career ladder"))
        self.requirements_label.setText(self.tr("Requirements"))
        self.requirement_table.setHorizontalHeaderLabels(
            [self.tr("Competency"), self.tr("Code"), self.tr("Required level"), self.tr("Weight"), ""]
        )
        hard_header = QTableWidgetItem(self._badge, "")  # the badge alone keeps the column narrow
        hard_header.setToolTip(self.tr("Hard to transfer: better hired than reskilled"))
        hard_header.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("Hard to transfer"))
        self.requirement_table.setHorizontalHeaderItem(4, hard_header)
        self.requirement_table.setAccessibleName(self.tr("Requirements of the role profile"))
        self.requirement_table.setToolTip(self.tr("Double-click a requirement to open the competency"))
        self.usage_table.setHorizontalHeaderLabels(
            [self.tr("Role profile"), self.tr("Code"), self.tr("Required level"), self.tr("Weight")])
        self.usage_table.setAccessibleName(self.tr("Role profiles that require the competency"))
        self.usage_table.setToolTip(self.tr("Double-click a role profile to open it"))
        self.ladder_table.setToolTip(self.tr("Double-click a level to open its requirements"))
        self.matrix_label.setText(self.tr("Required level at each seniority"))
        self.matrix_table.setAccessibleName(self.tr("Required level of each competency at each seniority"))
        self.family_roles_label.setText(self.tr("Roles"))
        self.family_roles_table.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Code"), self.tr("Levels")]
        )
        for i, summary in enumerate(self._summaries):
            self.framework_combo.setItemText(i, self._combo_text(summary))
        self._render()

    # ---------------------------------------------------------------------------------------- build

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("browser_stack")

        self.empty_label = QLabel(self.stack)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        self.empty_label.setMargin(24)
        self.stack.addWidget(self.empty_label)

        content = QWidget(self.stack)
        self.stack.addWidget(content)
        self.framework_label = QLabel(content)
        self.framework_combo = QComboBox(content)
        self.framework_combo.setObjectName("framework_combo")
        self.framework_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.framework_combo.setMaximumWidth(640)  # a very long name must not push the window wider
        self.framework_label.setBuddy(self.framework_combo)
        self.summary_label = QLabel(content)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.framework_label)
        top.addWidget(self.framework_combo)
        top.addSpacing(12)
        top.addWidget(self.summary_label, 1)

        self.tabs = QTabWidget(content)
        self.tabs.setObjectName("framework_tabs")
        self._competency_tab = self._build_competency_tab()
        self._role_tab = self._build_role_tab()
        self.tabs.addTab(self._competency_tab, "")
        self.tabs.addTab(self._role_tab, "")

        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)
        self.setMinimumSize(720, 460)

        self.framework_combo.currentIndexChanged.connect(self._on_framework_chosen)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.competency_tree.currentItemChanged.connect(self._on_competency_item)
        self.role_tree.currentItemChanged.connect(self._on_role_item)
        self.requirement_table.cellDoubleClicked.connect(self._on_requirement_activated)
        self.ladder_table.cellDoubleClicked.connect(self._on_ladder_activated)
        self.family_roles_table.cellDoubleClicked.connect(self._on_family_role_activated)
        self.usage_table.cellDoubleClicked.connect(self._on_usage_activated)
        self.requirement_table.currentCellChanged.connect(self._on_requirement_current)

    def _build_competency_tab(self) -> QWidget:
        tab = QWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("competency_splitter")
        splitter.setChildrenCollapsible(False)

        left = QWidget(splitter)
        self.filter_edit = QLineEdit(left)
        self.filter_edit.setObjectName("filter_edit")
        self.filter_edit.setClearButtonEnabled(True)
        self.competency_tree = _Tree(left, "competency_tree", code_share=0.38)
        self.no_match_label = _hint_label(left)
        self.no_match_label.hide()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.competency_tree, 1)
        left_layout.addWidget(self.no_match_label)

        self.competency_detail = QStackedWidget(splitter)
        self.competency_detail.setObjectName("competency_detail")
        self.competency_detail.setMinimumWidth(420)
        self.competency_hint = _hint_label(self.competency_detail)
        self.competency_detail.addWidget(self.competency_hint)

        page = QWidget(self.competency_detail)
        self.competency_header = _Header(page)
        self.levels_label = _section_label(page)
        self.descriptor_table = _read_only_table(page, "descriptor_table", 3, fit=True)
        header = self.descriptor_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.usage_label = _section_label(page)
        self.usage_table = _read_only_table(page, "usage_table", 4, fit=True)
        self.usage_table.setSortingEnabled(True)
        self.usage_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.usage_table.horizontalHeader().setSortIndicatorClearable(True)
        header = self.usage_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(8, 0, 0, 0)
        page_layout.addWidget(self.competency_header)
        page_layout.addSpacing(6)
        page_layout.addWidget(self.levels_label)
        page_layout.addWidget(self.descriptor_table)
        page_layout.addSpacing(6)
        page_layout.addWidget(self.usage_label)
        page_layout.addWidget(self.usage_table)
        page_layout.addStretch(1)
        self.competency_page = page
        self.competency_detail.addWidget(page)

        self.category_page = QWidget(self.competency_detail)
        self.category_header = _Header(self.category_page)
        cat_layout = QVBoxLayout(self.category_page)
        cat_layout.setContentsMargins(8, 0, 0, 0)
        cat_layout.addWidget(self.category_header)
        cat_layout.addStretch(1)
        self.competency_detail.addWidget(self.category_page)

        splitter.addWidget(left)
        splitter.addWidget(self.competency_detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([500, 700])
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        return tab

    def _build_role_tab(self) -> QWidget:
        tab = QWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("role_splitter")
        splitter.setChildrenCollapsible(False)
        self.role_tree = _Tree(  # profile codes end in the seniority: keep it visible
            splitter, "role_tree", code_share=0.44, elide=Qt.TextElideMode.ElideMiddle)

        self.role_detail = QStackedWidget(splitter)
        self.role_detail.setObjectName("role_detail")
        self.role_detail.setMinimumWidth(420)
        self.role_hint = _hint_label(self.role_detail)
        self.role_detail.addWidget(self.role_hint)

        # a role profile: header and requirements
        self.profile_page = QWidget(self.role_detail)
        self.profile_header = _Header(self.profile_page)
        self.requirements_label = _section_label(self.profile_page)
        self.requirement_table = _read_only_table(self.profile_page, "requirement_table", 5, fit=True)
        self.requirement_table.setSortingEnabled(True)
        self.requirement_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.requirement_table.horizontalHeader().setSortIndicatorClearable(True)
        self.requirement_table.setIconSize(QSize(16, 16))
        header = self.requirement_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self.profile_page)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.profile_header)
        layout.addSpacing(6)
        layout.addWidget(self.requirements_label)
        layout.addWidget(self.requirement_table)
        self.expected_frame = QFrame(self.profile_page)
        self.expected_frame.setObjectName("expected_frame")
        self.expected_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.expected_title = _section_label(self.expected_frame)
        self.expected_title.setWordWrap(True)
        self.expected_text = QLabel(self.expected_frame)
        self.expected_text.setObjectName("expected_text")
        self.expected_text.setWordWrap(True)
        self.expected_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expected_next = QLabel(self.expected_frame)
        self.expected_next.setWordWrap(True)
        self.expected_next.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.expected_next.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout = QVBoxLayout(self.expected_frame)
        frame_layout.addWidget(self.expected_title)
        frame_layout.addWidget(self.expected_text)
        frame_layout.addWidget(self.expected_next)
        layout.addSpacing(6)
        layout.addWidget(self.expected_frame)
        layout.addStretch(1)
        self.role_detail.addWidget(self.profile_page)

        # a role: header and its ladder
        self.role_page = QWidget(self.role_detail)
        self.role_header = _Header(self.role_page)
        self.ladder_label = _section_label(self.role_page)
        self.ladder_table = _read_only_table(self.role_page, "ladder_table", 4, fit=True)
        header = self.ladder_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self.role_page)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.role_header)
        layout.addSpacing(6)
        layout.addWidget(self.ladder_label)
        layout.addWidget(self.ladder_table)
        self.matrix_label = _section_label(self.role_page)
        self.matrix_table = _read_only_table(self.role_page, "ladder_matrix", 1, fit=True)
        self.matrix_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.matrix_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addSpacing(6)
        layout.addWidget(self.matrix_label)
        layout.addWidget(self.matrix_table)
        layout.addStretch(1)
        self.role_detail.addWidget(self.role_page)

        # a role family: header and its roles
        self.family_page = QWidget(self.role_detail)
        self.family_header = _Header(self.family_page)
        self.family_roles_label = _section_label(self.family_page)
        self.family_roles_table = _read_only_table(self.family_page, "family_roles_table", 3, fit=True)
        header = self.family_roles_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self.family_page)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.family_header)
        layout.addSpacing(6)
        layout.addWidget(self.family_roles_label)
        layout.addWidget(self.family_roles_table)
        layout.addStretch(1)
        self.role_detail.addWidget(self.family_page)

        splitter.addWidget(self.role_tree)
        splitter.addWidget(self.role_detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([500, 700])
        tab_layout = QVBoxLayout(tab)
        tab_layout.addWidget(splitter)
        return tab

    # ---------------------------------------------------------------------------------- frameworks

    def _combo_text(self, summary: FrameworkSummary) -> str:
        name = summary.name_es if get_language() == "es" and summary.name_es else summary.name_en
        text = self.tr("{name} — {code} v{version}").format(
            name=name or summary.name_es or summary.code, code=summary.code, version=summary.version)
        return text if summary.active else self.tr("{framework} (inactive)").format(framework=text)

    def _fill_combo(self, keep: tuple[str, str] | None) -> None:
        combo = self.framework_combo
        combo.blockSignals(True)
        try:
            combo.clear()
            for summary in self._summaries:
                combo.addItem(self._combo_text(summary), summary.id)
                if not summary.active:
                    index = combo.count() - 1
                    combo.setItemData(index, QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)),
                                      Qt.ItemDataRole.ForegroundRole)
                    combo.setItemData(index, self.tr("A newer version of this framework is active"),
                                      Qt.ItemDataRole.ToolTipRole)
            index = next((i for i, s in enumerate(self._summaries) if (s.code, s.version) == keep), -1)
            if index < 0 and keep is not None:  # that version is gone: the same framework, active version
                index = next((i for i, s in enumerate(self._summaries) if s.code == keep[0] and s.active), -1)
            if index < 0:
                active = [i for i, s in enumerate(self._summaries) if s.active]
                index = active[0] if active else (0 if self._summaries else -1)
            combo.setCurrentIndex(index)
        finally:
            combo.blockSignals(False)

    def _on_framework_chosen(self, _index: int) -> None:
        self._load_selected()

    def _load_selected(self) -> None:
        fid = self.framework_combo.currentData()
        self._load_error = None
        if self._engine is None or fid is None:
            self._framework, self._framework_id = None, None
        else:
            try:
                self._framework = framework_from_db(self._engine, int(fid))
                self._framework_id = int(fid)
            except InputError as exc:  # deleted since the list was read
                self._framework, self._framework_id = None, None
                self._load_error = "; ".join(p.message() for p in exc.problems)
        self._render()

    def _summary(self) -> FrameworkSummary | None:
        return next((s for s in self._summaries if s.id == self._framework_id), None)

    # -------------------------------------------------------------------------------------- render

    def _selection(self) -> _Selection:
        comp: tuple[str, str] | None = None
        item = self.competency_tree.currentItem()
        if item is not None:
            comp = (item.data(0, KIND_ROLE), item.data(0, CODE_ROLE))
        role: tuple[str, str, str] | None = None
        item = self.role_tree.currentItem()
        if item is not None:
            role = (item.data(0, KIND_ROLE), item.data(0, CODE_ROLE), item.data(0, PARENT_ROLE))
        return _Selection(self._rendered, comp, role)

    def _render(self) -> None:
        """Rebuild what is shown from ``self._framework`` in the current language; keep the selection."""
        previous = self._selection()
        fw = self._framework
        self._rendered = (fw.code, fw.version) if fw is not None else None
        same = fw is not None and previous.framework == self._rendered
        self.stack.setCurrentIndex(1 if self._summaries else 0)
        self._render_summary()
        self._competencies = (
            {c.code: (cat, c) for cat in fw.categories for c in cat.competencies} if fw else {}
        )
        self._fill_competency_tree(previous.competency if same else None)
        self._fill_role_tree(previous.role if same else None)

    def _render_summary(self) -> None:
        summary, fw = self._summary(), self._framework
        if self._load_error:
            self.summary_label.setText(self._load_error)
            self.summary_label.setToolTip("")
            return
        if summary is None or fw is None:
            self.summary_label.clear()
            self.summary_label.setToolTip("")
            return
        low, high = fw.scale_range
        parts = [
            self.tr("Categories: {count}").format(count=summary.categories),
            self.tr("Competencies: {count}").format(count=summary.competencies),
            self.tr("Roles: {count}").format(count=summary.roles),
            self.tr("Role profiles: {count}").format(count=summary.role_profiles),
            self.tr("Scale: {low}–{high}").format(low=low, high=high),
        ]
        self.summary_label.setText(" · ".join(parts))
        lang = get_language()
        lines = [fw.name.get(lang), fw.description.get(lang)]
        if fw.publisher:
            lines.append(self.tr("Publisher: {publisher}").format(publisher=fw.publisher))
        tip = "\n\n".join(line for line in lines if line)
        self.summary_label.setToolTip(tip)
        combo = self.framework_combo
        combo.setItemData(combo.currentIndex(), tip, Qt.ItemDataRole.ToolTipRole)

    @staticmethod
    def _find(tree: QTreeWidget, kind: str, code: str, parent: str | None = None) -> QTreeWidgetItem | None:
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item.data(0, KIND_ROLE) == kind and item.data(0, CODE_ROLE) == code and (
                    parent is None or item.data(0, PARENT_ROLE) == parent):
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    @staticmethod
    def _item(parent: QTreeWidget | QTreeWidgetItem, text: str, code: str, kind: str,
              parent_code: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, code])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, CODE_ROLE, code)
        item.setData(0, PARENT_ROLE, parent_code)
        item.setToolTip(0, text)
        return item

    # --------------------------------------------------------------------------------- competencies

    def _fill_competency_tree(self, keep: tuple[str, str] | None) -> None:
        tree, fw, lang = self.competency_tree, self._framework, get_language()
        tree.blockSignals(True)
        try:
            tree.clear()
            bold = QFont(tree.font())
            bold.setBold(True)
            for cat in fw.categories if fw else []:
                cat_item = self._item(tree, cat.name.get(lang), cat.code, CATEGORY)
                cat_item.setFont(0, bold)
                cat_item.setFlags(cat_item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                cat_item.setData(0, SEARCH_ROLE, fold(" ".join([cat.code, cat.name.en, cat.name.es])))
                if cat.description:
                    cat_item.setToolTip(0, cat.description.get(lang))
                for comp in cat.competencies:
                    item = self._item(cat_item, comp.name.get(lang), comp.code, COMPETENCY, cat.code)
                    item.setData(0, SEARCH_ROLE, fold(" ".join([comp.code, comp.name.en, comp.name.es])))
                    item.setIcon(0, self._badge if comp.hard_to_transfer else self._blank)
                    if comp.hard_to_transfer:
                        tip = self.tr("Hard to transfer: better hired than reskilled")
                        item.setToolTip(0, f"{comp.name.get(lang)}\n{tip}")
                        item.setToolTip(1, tip)
            tree.expandAll()
            tree.fit_columns()
            self._apply_filter(self.filter_edit.text())
            target = self._find(tree, *keep) if keep else None
            if target is None or target.isHidden():
                target = self._first_visible(tree, COMPETENCY)
            tree.setCurrentItem(target)  # type: ignore[arg-type]
        finally:
            tree.blockSignals(False)
        self._on_competency_item(tree.currentItem(), None)

    @staticmethod
    def _first_visible(tree: QTreeWidget, kind: str) -> QTreeWidgetItem | None:
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item.isHidden():
                continue
            if item.data(0, KIND_ROLE) == kind:
                return item
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return None

    def _apply_filter(self, text: str) -> None:
        needle = fold(text.strip())
        tree = self.competency_tree
        visible = 0
        for i in range(tree.topLevelItemCount()):
            cat = tree.topLevelItem(i)
            cat_match = bool(needle) and needle in cat.data(0, SEARCH_ROLE)
            shown = 0
            for k in range(cat.childCount()):
                child = cat.child(k)
                match = not needle or cat_match or needle in child.data(0, SEARCH_ROLE)
                child.setHidden(not match)
                shown += match
            cat.setHidden(shown == 0 and not cat_match)
            if needle and shown:
                cat.setExpanded(True)
            visible += shown
        no_match = bool(needle) and visible == 0 and tree.topLevelItemCount() > 0
        self.no_match_label.setVisible(no_match)

    def _on_competency_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        fw, lang = self._framework, get_language()
        kind = item.data(0, KIND_ROLE) if item is not None else None
        if fw is None or item is None:
            self.competency_detail.setCurrentWidget(self.competency_hint)
            self.descriptor_table.setRowCount(0)
            return
        code = item.data(0, CODE_ROLE)
        if kind == CATEGORY:
            cat = next(c for c in fw.categories if c.code == code)
            self.category_header.show_text(
                cat.name.get(lang),
                self.tr("Category · {code} · Competencies: {count}").format(
                    code=cat.code, count=len(cat.competencies)),
                cat.description.get(lang),
            )
            self.competency_detail.setCurrentWidget(self.category_page)
            return
        cat, comp = self._competencies[code]
        badge = self.tr("Hard to transfer: better hired than reskilled") if comp.hard_to_transfer else None
        self.competency_header.show_text(
            comp.name.get(lang),
            self.tr("{code} · Category: {category}").format(code=comp.code, category=cat.name.get(lang)),
            comp.description.get(lang), badge,
        )
        self.competency_header.badge.setToolTip(
            self.tr("Hard to transfer: better hired than reskilled") if comp.hard_to_transfer else "")
        table = self.descriptor_table
        table.setRowCount(len(fw.scale))
        missing = self.tr("No descriptor for this level")
        for row, level in enumerate(fw.scale):
            number = _SortItem(str(level.level), level.level)
            number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)  # other cells: left, centred vertically
            name = _SortItem(level.name.get(lang))
            if level.description:
                name.setToolTip(level.description.get(lang))
            text = comp.descriptors.get(level.level)
            descriptor = _SortItem(text.get(lang) if text else missing)
            if not text:
                font = QFont(descriptor.font())
                font.setItalic(True)
                descriptor.setFont(font)
                descriptor.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            table.setItem(row, 0, number)
            table.setItem(row, 1, name)
            table.setItem(row, 2, descriptor)
        table.resizeRowsToContents()
        self._fill_usage(comp)
        self.competency_detail.setCurrentWidget(self.competency_page)

    def _fill_usage(self, comp: fm.Competency) -> None:
        """The role profiles that require ``comp``, in ladder order."""
        assert self._framework is not None
        lang = get_language()
        rows = [
            (role, level, req)
            for role, level in self._framework.role_levels()
            for req in level.requirements
            if req.competency == comp.code
        ]
        self.usage_label.setText(
            self.tr("Required in role profiles: {count}").format(count=len(rows)) if rows
            else self.tr("No role profile requires this competency.")
        )
        table = self.usage_table
        table.setSortingEnabled(False)
        table.clearContents()
        table.setRowCount(len(rows))
        for row, (role, level, req) in enumerate(rows):
            title = _SortItem(level.title.get(lang))
            title.setToolTip(self.tr("Role: {role}").format(role=role.name.get(lang)))
            required = _SortItem(self._scale_name(req.level), float(req.level))
            weight = _SortItem(f"{req.weight:g}", float(req.weight))
            weight.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate(
                    (title, _SortItem(level.code), required, weight)):
                table.setItem(row, column, cell)
        table.setSortingEnabled(True)
        table.resizeRowsToContents()
        table.setVisible(bool(rows))

    # ----------------------------------------------------------------------------------------- roles

    def _fill_role_tree(self, keep: tuple[str, str, str] | None) -> None:
        tree, fw, lang = self.role_tree, self._framework, get_language()
        tree.blockSignals(True)
        try:
            tree.clear()
            bold = QFont(tree.font())
            bold.setBold(True)
            families: dict[str, QTreeWidgetItem] = {}
            for fam in fw.role_families if fw else []:
                families[fam.code] = self._item(tree, fam.name.get(lang), fam.code, FAMILY)
                families[fam.code].setFont(0, bold)
                if fam.description:
                    families[fam.code].setToolTip(0, fam.description.get(lang))
            for role in fw.roles if fw else []:
                fam_item = families.get(role.family)
                if fam_item is None:  # not possible in a validated framework; show it anyway
                    fam_item = families[role.family] = self._item(tree, role.family, role.family, FAMILY)
                role_item = self._item(fam_item, role.name.get(lang), role.code, ROLE, role.family)
                if role.description:
                    role_item.setToolTip(0, role.description.get(lang))
                for level in sorted(role.levels, key=lambda lv: lv.seniority):
                    self._item(role_item, level.title.get(lang), level.code, PROFILE, role.code)
            tree.expandAll()
            tree.fit_columns()
            target = self._find(tree, *keep) if keep else None
            if target is None:
                target = self._first_visible(tree, PROFILE) or self._first_visible(tree, ROLE)
            tree.setCurrentItem(target)  # type: ignore[arg-type]
        finally:
            tree.blockSignals(False)
        self._on_role_item(tree.currentItem(), None)

    def _role(self, code: str) -> fm.Role:
        assert self._framework is not None
        return next(r for r in self._framework.roles if r.code == code)

    def _family_name(self, code: str) -> str:
        assert self._framework is not None
        fam = next((f for f in self._framework.role_families if f.code == code), None)
        return fam.name.get(get_language()) if fam else code

    def _on_role_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        fw = self._framework
        if fw is None or item is None:
            self.role_detail.setCurrentWidget(self.role_hint)
            self.requirement_table.setRowCount(0)
            self.ladder_table.setRowCount(0)
            return
        kind, code, parent = item.data(0, KIND_ROLE), item.data(0, CODE_ROLE), item.data(0, PARENT_ROLE)
        if kind == PROFILE:
            self._show_profile(self._role(parent), code)
        elif kind == ROLE:
            self._show_role(self._role(code))
        else:
            self._show_family(code)

    def _scale_name(self, level: int) -> str:
        assert self._framework is not None
        scale = next((s for s in self._framework.scale if s.level == level), None)
        return f"{level} · {scale.name.get(get_language())}" if scale else str(level)

    def _show_profile(self, role: fm.Role, code: str) -> None:
        lang = get_language()
        level = next(lv for lv in role.levels if lv.code == code)
        meta = self.tr(
            "Role profile · {code} · Seniority {seniority}\nRole: {role} · Family: {family}").format(
            code=level.code, seniority=level.seniority, role=role.name.get(lang),
            family=self._family_name(role.family))
        self.profile_header.show_text(level.title.get(lang), meta, role.description.get(lang))
        table = self.requirement_table
        table.blockSignals(True)
        table.setSortingEnabled(False)
        table.clearContents()
        table.setRowCount(len(level.requirements))
        hard_tip = self.tr("Hard to transfer: better hired than reskilled")
        yes = self.tr("Yes")
        for row, req in enumerate(level.requirements):
            found = self._competencies.get(req.competency)
            comp = found[1] if found else None
            name = _SortItem(comp.name.get(lang) if comp else req.competency)
            if comp and comp.description:
                name.setToolTip(comp.description.get(lang))
            code_item = _SortItem(req.competency)
            required = _SortItem(self._scale_name(req.level), float(req.level))
            required.setData(Qt.ItemDataRole.UserRole, req.level)
            weight = _SortItem(f"{req.weight:g}", float(req.weight))
            weight.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            hard = bool(comp and comp.hard_to_transfer)
            hard_item = _SortItem(yes if hard else "", 1.0 if hard else 0.0)
            if hard:
                hard_item.setIcon(self._badge)
                hard_item.setToolTip(hard_tip)
                name.setToolTip(f"{name.text()}\n{hard_tip}")
            for column, cell in enumerate((name, code_item, required, weight, hard_item)):
                table.setItem(row, column, cell)
        table.setSortingEnabled(True)
        table.blockSignals(False)
        table.resizeRowsToContents()
        table.setVisible(bool(level.requirements))
        if not level.requirements:
            self.requirements_label.setText(self.tr("This role profile has no requirements."))
        else:
            self.requirements_label.setText(
                self.tr("Requirements: {count}").format(count=len(level.requirements)))
        if table.rowCount():
            table.setCurrentCell(0, 0)
        self._on_requirement_current(table.currentRow(), 0, -1, -1)
        self.role_detail.setCurrentWidget(self.profile_page)

    def _on_requirement_current(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        """Explain what the selected requirement's level means for that competency."""
        table, lang = self.requirement_table, get_language()
        code_item, level_item = table.item(row, 1), table.item(row, 2)
        found = self._competencies.get(code_item.text()) if code_item is not None else None
        if found is None or level_item is None or self._framework is None:
            self.expected_frame.hide()
            return
        comp = found[1]
        level = int(level_item.data(Qt.ItemDataRole.UserRole))
        self.expected_title.setText(self.tr("{competency} at level {level}").format(
            competency=comp.name.get(lang), level=self._scale_name(level)))
        text = comp.descriptors.get(level)
        self.expected_text.setText(text.get(lang) if text else self.tr("No descriptor for this level"))
        following = comp.descriptors.get(level + 1)
        self.expected_next.setText(
            self.tr("Next level, {level}: {text}").format(
                level=self._scale_name(level + 1), text=following.get(lang)) if following else "")
        self.expected_next.setVisible(bool(following))
        self.expected_frame.show()

    def _show_role(self, role: fm.Role) -> None:
        lang = get_language()
        meta = self.tr("Role · {code} · Family: {family} · Levels: {levels}").format(
            code=role.code, family=self._family_name(role.family), levels=len(role.levels))
        self.role_header.show_text(role.name.get(lang), meta, role.description.get(lang))
        table = self.ladder_table
        levels = sorted(role.levels, key=lambda lv: lv.seniority)
        table.setRowCount(len(levels))
        for row, level in enumerate(levels):
            seniority = _SortItem(str(level.seniority), float(level.seniority))
            seniority.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            count = _SortItem(str(len(level.requirements)), float(len(level.requirements)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells = (seniority, _SortItem(level.title.get(lang)), _SortItem(level.code), count)
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.resizeRowsToContents()
        self._fill_matrix(role, levels)
        self.role_detail.setCurrentWidget(self.role_page)

    def _fill_matrix(self, role: fm.Role, levels: list[fm.RoleLevel]) -> None:
        """Competencies (rows) by seniority (columns): how the requirements rise along the ladder."""
        lang = get_language()
        required: dict[str, dict[int, fm.Requirement]] = {}
        for column, level in enumerate(levels):
            for req in level.requirements:
                required.setdefault(req.competency, {})[column] = req
        order = [code for code in self._competencies if code in required]  # framework order
        order += [code for code in required if code not in order]
        table = self.matrix_table
        table.clear()
        table.setColumnCount(1 + len(levels))
        table.setRowCount(len(order))
        table.setHorizontalHeaderItem(0, QTableWidgetItem(self.tr("Competency")))
        for column, level in enumerate(levels, start=1):
            head = QTableWidgetItem(self.tr("Seniority {n}").format(n=level.seniority))
            head.setToolTip(f"{level.title.get(lang)} ({level.code})")
            table.setHorizontalHeaderItem(column, head)
        for row, code in enumerate(order):
            found = self._competencies.get(code)
            comp = found[1] if found else None
            name = _SortItem(comp.name.get(lang) if comp else code)
            name.setToolTip(code)
            if comp and comp.hard_to_transfer:
                name.setIcon(self._badge)
                hard_tip = self.tr("Hard to transfer: better hired than reskilled")
                name.setToolTip(f"{code}\n{hard_tip}")
            table.setItem(row, 0, name)
            for column in range(len(levels)):
                req = required[code].get(column)
                text = "—" if req is None else (
                    f"{req.level}" if req.weight == 1 else f"{req.level} (×{req.weight:g})")
                cell = _SortItem(text, float(req.level) if req else -1.0)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if req is not None:
                    tip = self._scale_name(req.level)
                    if req.weight != 1:
                        tip += " · " + self.tr("Weight {weight}").format(weight=f"{req.weight:g}")
                    cell.setToolTip(tip)
                table.setItem(row, column + 1, cell)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        self.matrix_label.setVisible(bool(order))
        table.setVisible(bool(order))

    def _show_family(self, code: str) -> None:
        assert self._framework is not None
        lang = get_language()
        fam = next((f for f in self._framework.role_families if f.code == code), None)
        roles = [r for r in self._framework.roles if r.family == code]
        self.family_header.show_text(
            fam.name.get(lang) if fam else code,
            self.tr("Role family · {code} · Roles: {roles}").format(code=code, roles=len(roles)),
            fam.description.get(lang) if fam else "",
        )
        table = self.family_roles_table
        table.setRowCount(len(roles))
        for row, role in enumerate(roles):
            levels = _SortItem(str(len(role.levels)), float(len(role.levels)))
            levels.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate((_SortItem(role.name.get(lang)), _SortItem(role.code), levels)):
                table.setItem(row, column, cell)
        table.resizeRowsToContents()
        self.role_detail.setCurrentWidget(self.family_page)

    def _on_usage_activated(self, row: int, _column: int) -> None:
        item = self.usage_table.item(row, 1)
        if item is not None:
            self.show_role_profile(item.text())

    def _on_requirement_activated(self, row: int, _column: int) -> None:
        item = self.requirement_table.item(row, 1)
        if item is not None:
            self.show_competency(item.text())

    def _on_ladder_activated(self, row: int, _column: int) -> None:
        item = self.ladder_table.item(row, 2)
        if item is not None:
            self.show_role_profile(item.text())

    def _on_family_role_activated(self, row: int, _column: int) -> None:
        item = self.family_roles_table.item(row, 1)
        target = self._find(self.role_tree, ROLE, item.text()) if item is not None else None
        if target is not None:
            self.role_tree.setCurrentItem(target)
