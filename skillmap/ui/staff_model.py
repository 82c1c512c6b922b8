"""The staff table model: a thin adapter over columnar data, sorting and filtering through a row map.

Rows are built on demand from :class:`skillmap.services.staff.StaffTable`. Sorting and filtering happen
in the model (a list of row indices), not in a ``QSortFilterProxyModel``: on 50,000 rows a proxy needs
seconds to sort, the row map a few tens of milliseconds.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from skillmap.i18n import get_language
from skillmap.services.staff import StaffTable
from skillmap.textfold import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _natural(text: str) -> tuple[int, int, str]:
    # employee numbers: numeric order when they are numbers, text order otherwise
    stripped = text.strip()
    return (0, int(stripped), "") if stripped.isdigit() else (1, 0, fold(stripped))


class StaffTableModel(QAbstractTableModel):
    COLUMNS = ("employee_number", "name", "curp", "agency", "unit", "position", "role", "grade")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._t = StaffTable()
        self._rows: list[int] = []
        self._haystack: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter: tuple[str, int | None, set[int] | None, int | None] = ("", None, None, None)

    # -- data ---------------------------------------------------------------------------------
    def set_table(self, table: StaffTable) -> None:
        self.beginResetModel()
        self._t = table
        self._sort_keys.clear()
        self._haystack = table.search_text  # folded off the GUI thread; built here if missing
        self._rows = self._filtered()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def set_search_text(self, table: StaffTable) -> None:
        """Adopt search text computed off the GUI thread for the table already shown."""
        if table is self._t or len(table.search_text) == len(self._t):
            self._haystack = table.search_text

    def table(self) -> StaffTable:
        return self._t

    def _value(self, i: int, column: int) -> str:
        name = self.COLUMNS[column]
        if name == "role":
            return self._t.role_es[i] if get_language() == "es" else self._t.role_en[i]
        return getattr(self._t, name)[i]

    def headers(self) -> list[str]:
        return [
            self.tr("Employee no."), self.tr("Name"), self.tr("CURP"), self.tr("Agency"), self.tr("Unit"),
            self.tr("Position"), self.tr("Role profile"), self.tr("Grade"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        i = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._value(i, index.column())
        if role == ID_ROLE:
            return self._t.ids[i]
        if role == SORT_ROLE:
            return self._key(index.column())[i]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def staff_id(self, row: int) -> int | None:
        return self._t.ids[self._rows[row]] if 0 <= row < len(self._rows) else None

    def row_of(self, staff_id: int) -> int | None:
        for r, i in enumerate(self._rows):
            if self._t.ids[i] == staff_id:
                return r
        return None

    def language_changed(self) -> None:
        self._sort_keys.pop(self.COLUMNS.index("role"), None)
        if self._sort is not None and self.COLUMNS[self._sort[0]] == "role":
            self.sort(*self._sort)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    # -- sorting --------------------------------------------------------------------------------
    def _key(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            n = len(self._t)
            if self.COLUMNS[column] == "employee_number":
                keys = [_natural(v) for v in self._t.employee_number]
            elif self.COLUMNS[column] == "name" and len(self._t.name_key) == n:
                keys = self._t.name_key  # folded off the GUI thread by load_staff_table
            else:
                keys = [fold(self._value(i, column)) for i in range(n)]
            self._sort_keys[column] = keys
        return keys

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        keys = self._key(column)
        self._rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.COLUMNS)):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._t.ids[self._rows[ix.row()]] if ix.row() < len(self._rows) else None for ix in old]
        self._sort = (column, order)
        self._apply_sort(column, order)
        position = {self._t.ids[i]: r for r, i in enumerate(self._rows)}
        new = [
            self.index(position[sid], ix.column()) if sid in position else QModelIndex()
            for ix, sid in zip(old, old_ids, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- filtering ------------------------------------------------------------------------------
    def set_filter(self, text: str = "", agency_id: int | None = None, unit_ids: set[int] | None = None,
                   role_profile_id: int | None = None) -> None:
        self._filter = (fold(text.strip()), agency_id, unit_ids, role_profile_id)
        self.beginResetModel()
        self._rows = self._filtered()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def _filtered(self) -> list[int]:
        needle, agency_id, unit_ids, role_id = self._filter
        t = self._t
        rows = range(len(t))
        if agency_id is not None:
            rows = [i for i in rows if t.agency_id[i] == agency_id]  # type: ignore[assignment]
        if unit_ids is not None:
            rows = [i for i in rows if t.unit_id[i] in unit_ids]  # type: ignore[assignment]
        if role_id is not None:
            rows = [i for i in rows if t.role_profile_id[i] == role_id]  # type: ignore[assignment]
        if needle:
            words = needle.split()
            if len(self._haystack) != len(t):
                self._haystack = [
                    fold(" ".join(parts))
                    for parts in zip(t.employee_number, t.name, t.curp, t.position, t.unit, strict=True)
                ]
            hay = self._haystack
            rows = [i for i in rows if all(w in hay[i] for w in words)]  # type: ignore[assignment]
        return list(rows)
