"""Run a plain ``fn(progress)`` function on a worker thread, with a progress dialog and a working Cancel.

The function is headless (see :mod:`skillmap.tasks`); this module only moves it off the GUI thread and
delivers the result or the error by signal. The dialog appears only if the work lasts more than
``show_after_ms`` (600 ms by default, as Anki does), so quick tasks do not flash a window; ``None``
runs quietly with no dialog at all.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from skillmap.tasks import Cancelled, Progress


class _Bridge(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class Task(QObject):
    """One running task. Keep a reference until ``done`` fires."""

    done = Signal()

    def __init__(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        title: str = "",
        show_after_ms: int | None = 600,
    ) -> None:
        super().__init__(parent)
        self._bridge = _Bridge()
        self.progress = Progress(self._emit_progress, min_interval=0.05)
        self._fn = fn
        self._dialog: QProgressDialog | None = None
        self._parent = parent
        self._title = title
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.running = False
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._bridge.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)
        self._on_result, self._on_error, self._on_cancel = on_result, on_error, on_cancel
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._show_after = show_after_ms
        self._last: tuple[int, int, str] = (0, 0, "")

    def _emit_progress(self, done: int, total: int, message: str) -> None:
        try:
            self._bridge.progressed.emit(done, total, message)
        except RuntimeError:  # the window is gone: stop the work at the next check
            self.progress.cancel()

    def start(self) -> Task:
        self.running = True
        if self._show_after is not None:  # None: quiet background work, never a dialog
            self._timer.start(self._show_after)
        threading.Thread(target=self._run, name=f"skillmap-task-{self._title}", daemon=True).start()
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    def _run(self) -> None:
        try:
            try:
                result = self._fn(self.progress)
            except Cancelled:
                self._bridge.cancelled.emit()
            except BaseException as exc:  # delivered to the GUI thread, shown there
                self._bridge.failed.emit(exc, traceback.format_exc())
            else:
                self._bridge.finished.emit(result)
        except RuntimeError:
            # The window that started the task was closed and its Qt objects deleted: nobody is
            # waiting for the result any more (the function's own transaction has already ended).
            pass

    def _show_dialog(self) -> None:
        if not self.running:
            return
        dlg = QProgressDialog(self._title, self.tr("Cancel"), 0, 0, self._parent)
        dlg.setObjectName("task_progress")
        dlg.setWindowTitle(self._title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        self._dialog = dlg
        self._on_progress(*self._last)
        dlg.show()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self._last = (done, total, message)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)
            if message:
                self._dialog.setLabelText(message)

    def _close(self) -> None:
        self.running = False
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_finished(self, result: Any) -> None:
        self._close()
        self.result = result
        if self._on_result:
            self._on_result(result)
        self.done.emit()

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self._close()
        self.error = exc
        if self._on_error:
            self._on_error(exc, tb)
        self.done.emit()

    def _on_cancelled(self) -> None:
        self._close()
        self.was_cancelled = True
        if self._on_cancel:
            self._on_cancel()
        self.done.emit()
