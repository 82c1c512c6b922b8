"""Views that recompute only when they are shown: the tabs of the gaps, pathways and training pages."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyView(QWidget):
    """Marked out of date when its data changes (:meth:`invalidate`) and refreshed then if it is on screen, else
    the next time it is shown: a hidden tab costs nothing. Subclasses fill themselves in :meth:`_refresh`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = True

    def invalidate(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            QTimer.singleShot(0, self._refresh_if_dirty)

    def _refresh_if_dirty(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        self._refresh()

    def _refresh(self) -> None:
        """Fill the view (each subclass overrides this)."""
