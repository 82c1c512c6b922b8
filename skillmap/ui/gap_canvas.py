"""Chart panels: a matplotlib figure from :mod:`skillmap.charts` embedded with ``FigureCanvasQTAgg``.

Charts are built **and drawn** off the GUI thread (:func:`render`): the figure is snapped to whole pixels, laid
out and rendered by Agg on the worker, and the Qt canvas adopts that rendering instead of drawing again
(:class:`ChartCanvas`). So even the 85 × 40 heatmap (over a second of drawing) never blocks the window, and the
canvas never redraws afterwards: it sits at the figure's natural size in a scroll area, tooltips come from
:func:`skillmap.charts.cell_at` without a redraw. Matplotlib is not thread-safe, so every draw of a figure here
happens under one lock.

:class:`ChartPanel` adds a title, a *Save chart…* button (PNG, SVG or PDF; also saved on a worker, from a fresh
figure) and the scroll area.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_API", "PySide6")

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from skillmap.problems import InputError
from skillmap.tasks import Cancelled, Progress
from skillmap.ui.tasks import Task

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

# matplotlib is imported on first use (by the first chart's worker), not when the window opens: it takes about a
# second to import.

# Serialises every matplotlib draw (workers and the GUI thread): matplotlib is not thread-safe.
RENDER_LOCK = threading.RLock()

# Worker threads are daemons. One still running when the application quits must neither report to Qt objects
# being torn down (a signal emitted then crashes the process) nor be stopped by the interpreter inside
# matplotlib's C++ code (which releases the GIL, e.g. to resample an image: "terminate called without an active
# exception"). So once the application quits, background work of these views reports nothing, a chart being drawn
# is let finish, and no other is started.
_REPORT_GUARD = threading.Lock()
_quitting = False


def stop_background_work() -> None:
    """The application is quitting (``aboutToQuit``, and at interpreter exit): silence the workers of the gap
    views and keep them from drawing. Idempotent."""
    global _quitting
    with _REPORT_GUARD:
        first = not _quitting
        _quitting = True
    if first:
        RENDER_LOCK.acquire(timeout=60)  # kept: a worker that wants to draw waits here until the process ends


atexit.register(stop_background_work)


def watch_application_quit() -> None:
    """Call :func:`stop_background_work` when the running application quits (once per application)."""
    app = QCoreApplication.instance()
    if app is not None and not getattr(app, "_skillmap_gap_quit_watched", False):
        app.aboutToQuit.connect(stop_background_work)
        app._skillmap_gap_quit_watched = True  # type: ignore[attr-defined]


def report_from_worker(emit: Callable[[], None]) -> bool:
    """Run ``emit`` (a signal emission from a worker) unless the application is quitting; ``False`` if skipped."""
    with _REPORT_GUARD:
        if _quitting:
            return False
        emit()
        return True


class BackgroundTask(Task):
    """A :class:`~skillmap.ui.tasks.Task` whose worker reports nothing once the application quits, and whose
    progress is a public signal (for a progress bar of the view's own instead of a dialog)."""

    progressed = Signal(int, int, str)

    def _emit_progress(self, done: int, total: int, message: str) -> None:
        def emit() -> None:
            self._bridge.progressed.emit(done, total, message)
            self.progressed.emit(done, total, message)

        try:
            report_from_worker(emit)
        except RuntimeError:  # the widget that started the task is gone: stop the work at the next check
            self.progress.cancel()

    def _run(self) -> None:
        kind: str
        args: tuple[object, ...]
        try:
            kind, args = "finished", (self._fn(self.progress),)
        except Cancelled:
            kind, args = "cancelled", ()
        except BaseException as exc:  # delivered to the GUI thread, shown there
            kind, args = "failed", (exc, traceback.format_exc())
        # RuntimeError: the widget that started the task is gone, nobody waits for the result
        with contextlib.suppress(RuntimeError):
            report_from_worker(lambda: getattr(self._bridge, kind).emit(*args))


FigureFactory = Callable[[], "Figure"]


@dataclass(eq=False)
class Rendered:
    """A figure drawn off the GUI thread, the Agg canvas holding its pixels, and how to build it again."""

    figure: Figure
    agg: FigureCanvasAgg
    factory: FigureFactory


def _snap(fig: Figure) -> None:
    """Make the figure a whole number of pixels whose size survives the Qt canvas's inches ↔ pixels round trip
    exactly (so the canvas can reuse the worker's rendering)."""
    dpi = fig.dpi
    sizes = []
    for inches in fig.get_size_inches():
        px = max(1, round(inches * dpi))
        while int(px / dpi * dpi) != px or px / dpi * dpi != px:
            px += 1
        sizes.append(px / dpi)
    fig.set_size_inches(sizes[0], sizes[1], forward=False)


def render(factory: FigureFactory, *, fit_width: int | None = None, fit_height: int | None = None,
           min_dpi: float = 64.0) -> Rendered:
    """Worker: build the figure, shrink it (lower dpi, never below ``min_dpi``) to fit ``fit_width`` ×
    ``fit_height`` pixels when given, snap it to whole pixels, and draw it with Agg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with RENDER_LOCK:
        if _quitting:
            raise Cancelled()
        fig = factory()
        w_in, h_in = fig.get_size_inches()
        scale = 1.0
        if fit_width:
            scale = min(scale, fit_width / (w_in * fig.dpi))
        if fit_height:
            scale = min(scale, fit_height / (h_in * fig.dpi))
        if scale < 1.0:
            fig.set_dpi(max(min_dpi, fig.dpi * scale))
        _snap(fig)
        agg = FigureCanvasAgg(fig)
        agg.draw()
    return Rendered(fig, agg, factory)


@cache
def _canvas_class() -> type[FigureCanvasQTAgg]:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        """``FigureCanvasQTAgg`` at the figure's natural size that adopts a rendering done on a worker.

        Its first draw takes the worker's pixels when the size matches (it does, see :func:`_snap`); any later
        draw (a screen with another pixel ratio) renders normally, under :data:`RENDER_LOCK`."""

        def __init__(self, rendered: Rendered) -> None:
            agg = rendered.agg
            self._prerendered: tuple[Any, Any] | None = (
                (agg.renderer, agg._lastKey) if getattr(agg, "renderer", None) is not None else None)
            super().__init__(rendered.figure)
            self.adopted = False
            self.draws = 0  # full draws on the GUI thread (hovering must not add any)
            w, h = self.get_width_height()
            self.setFixedSize(w, h)

        def draw(self) -> None:
            pre, self._prerendered = self._prerendered, None
            if pre is not None:
                w, h = self.figure.bbox.size
                if pre[1] == (w, h, self.figure.dpi):
                    self.renderer, self._lastKey = pre
                    self.adopted = True
                    self.update()
                    return
            with RENDER_LOCK:
                self.draws += 1
                super().draw()

        def outline(self, x0: float, y0: float, x1: float, y1: float) -> None:
            """Outline the display rectangle (x0, y0)–(x1, y1) (matplotlib pixels, origin bottom left) over the
            chart, as the zoom rectangle is painted: by Qt after the figure's pixels, without redrawing them."""
            from PySide6.QtGui import QColor, QPen

            ratio = self.device_pixel_ratio or 1.0
            height = self.figure.bbox.height
            left, right = min(x0, x1) / ratio, max(x0, x1) / ratio
            top, bottom = (height - max(y0, y1)) / ratio, (height - min(y0, y1)) / ratio

            def paint(painter: Any) -> None:
                for colour, width in (("white", 4.0), ("black", 2.0)):
                    pen = QPen(QColor(colour), width)
                    painter.setPen(pen)
                    painter.drawRect(int(left), int(top), int(right - left), int(bottom - top))

            self._draw_rect_callback = paint
            self.update()

    return ChartCanvas


def chart_canvas(rendered: Rendered) -> ChartCanvas:
    """The Qt canvas of a figure rendered by :func:`render` (a ``FigureCanvasQTAgg``)."""
    return _canvas_class()(rendered)  # type: ignore[return-value]


if TYPE_CHECKING:
    class ChartCanvas(FigureCanvasQTAgg):
        adopted: bool
        draws: int

        def outline(self, x0: float, y0: float, x1: float, y1: float) -> None: ...
else:
    ChartCanvas = Any


def save_chart_file(factory: FigureFactory, path: str | Path, _progress: Progress | None = None) -> Path:
    """Worker: build the chart again and write it (``.png``, ``.svg`` or ``.pdf``)."""
    from skillmap.charts import save_figure

    with RENDER_LOCK:
        return save_figure(factory(), path)


class ChartPanel(QFrame):
    """A chart with its title and a *Save chart…* button, in a scroll area (``scroll=True``) or as it is."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, name: str, *, scroll: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self.canvas: ChartCanvas | None = None
        self.factory: FigureFactory | None = None
        self.save_task: Task | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setObjectName(f"chart_{name}_caption")
        self.caption.setWordWrap(True)
        bar.addWidget(self.caption, 1)
        self.save_button = QPushButton()
        self.save_button.setObjectName(f"save_{name}")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda _checked=False: self.save_chart())
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bar)
        self.message = QLabel()
        self.message.setObjectName(f"chart_{name}_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(80)
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.holder_layout.addWidget(self.message)
        self.scroll: QScrollArea | None = None
        if scroll:
            self.scroll = QScrollArea()
            self.scroll.setObjectName(f"chart_{name}_scroll")
            self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setWidget(self.holder)
            self.scroll.setWidgetResizable(True)
            layout.addWidget(self.scroll, 1)
        else:
            self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
            layout.addWidget(self.holder, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save chart…"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG image, an SVG drawing or a PDF document"))

    def viewport_size(self) -> tuple[int, int]:
        """Room for the chart in pixels (the scroll area's viewport, or the panel)."""
        if self.scroll is not None:
            vp = self.scroll.viewport()
            return vp.width(), vp.height()
        return self.width(), self.height()

    @property
    def figure(self) -> Figure | None:
        return self.canvas.figure if self.canvas is not None else None

    def set_rendered(self, rendered: Rendered) -> ChartCanvas:
        self._drop_canvas()
        canvas = chart_canvas(rendered)
        canvas.setObjectName(f"canvas_{self.name}")
        self.canvas = canvas
        self.factory = rendered.factory
        self.message.hide()
        self.holder_layout.addWidget(canvas, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.save_button.setEnabled(True)
        return canvas

    def set_message(self, text: str) -> None:
        """No chart: show ``text`` in its place (loading, no data, pick something)."""
        self._drop_canvas()
        self.factory = None
        self.save_button.setEnabled(False)
        self.message.setText(text)
        self.message.show()

    def _drop_canvas(self) -> None:
        if self.canvas is not None:
            self.holder_layout.removeWidget(self.canvas)
            self.canvas.hide()
            self.canvas.deleteLater()
            self.canvas = None

    def save_chart(self, path: str | Path | None = None) -> Task | None:
        """Write the chart to ``path`` (asked for with a file dialog when ``None``) on a worker thread."""
        factory = self.factory
        if factory is None:
            return None
        if path is None:
            png, svg = self.tr("PNG image (*.png)"), self.tr("SVG drawing (*.svg)")
            pdf = self.tr("PDF document (*.pdf)")
            chosen, selected = QFileDialog.getSaveFileName(self, self.tr("Save chart"),
                                                           str(Path.home() / f"{self.name}.png"),
                                                           ";;".join((png, svg, pdf)))
            if not chosen:
                return None
            target = Path(chosen)
            if target.suffix.lower() not in (".png", ".svg", ".pdf"):
                target = target.with_suffix(".svg" if selected == svg else ".pdf" if selected == pdf else ".png")
        else:
            target = Path(path)

        def failed(exc: BaseException, _tb: str) -> None:
            if isinstance(exc, InputError):
                self.failed.emit(exc.text())
            else:
                self.failed.emit(str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}")

        self.save_task = BackgroundTask(lambda p: save_chart_file(factory, target, p),
                              on_result=lambda out: self.saved.emit(str(out)), on_error=failed, parent=self,
                              title=self.tr("Saving the chart…"))
        return self.save_task.start()
