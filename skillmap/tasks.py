"""Long work as plain functions: ``run(inputs, progress)`` reports progress and checks for cancellation.

The UI runs such functions on a worker thread (``skillmap.ui.tasks``); the command line and the tests
call them directly. A function calls ``progress.report(done, total, message)`` now and then and
``progress.check()`` where stopping is safe; a cancelled task raises :class:`Cancelled` from there,
which unwinds the function's transaction so nothing is half-written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


class Cancelled(Exception):
    """The user cancelled the task."""


@dataclass
class Progress:
    """Progress sink and cancellation flag, safe to share between a worker and the GUI thread.

    ``callback(done, total, message)`` is called at most every ``min_interval`` seconds (and always for
    the final report), so a fast loop does not flood the GUI with signals.
    """

    callback: Callable[[int, int, str], None] | None = None
    min_interval: float = 0.05
    _cancel: threading.Event = field(default_factory=threading.Event)
    _last: float = 0.0
    done: int = 0
    total: int = 0
    message: str = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int = 0, message: str = "") -> None:
        self.done, self.total = done, total or self.total
        if message:
            self.message = message
        now = time.monotonic()
        final = self.total and done >= self.total
        if self.callback and (final or now - self._last >= self.min_interval):
            self._last = now
            self.callback(self.done, self.total, self.message)
        self.check()


def silent() -> Progress:
    return Progress()
