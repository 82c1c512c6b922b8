"""Layout machinery of the PDF reports (reportlab platypus): fonts, styles, page templates, tables, charts.

The writers in :mod:`skillmap.reports.pdf` describe a report as a list of flowables; this module gives them

* :func:`register_fonts` — DejaVu Sans (shipped with matplotlib) as a TTF family, so Spanish accents, ñ, «»,
  → and ◆ render and extract as text;
* :class:`Styles` — the paragraph styles of every report;
* :class:`ReportDoc` — a document with three page templates (``cover``, ``portrait``, ``landscape``), the
  running header (organisation, report title) and footer (generation date, "page X of Y") on every page, and
  a hook called after each page (progress and cancel);
* :func:`data_table` — a table that breaks across pages with its header row repeated, zebra rows, numbers
  right-aligned and long texts wrapped; :func:`natural_widths` and :func:`fit_widths` choose its column widths;
* :class:`GridTable` — a large grid of short coloured cells (the people × competencies grid) drawn straight on
  the canvas, header repeated on every page; :class:`VerticalLabel` for its narrow columns' names;
* :func:`fit_figure` — a matplotlib figure (from :mod:`skillmap.charts`) as an image rendered for 200 dpi on
  paper, scaled to fit; it shrinks a little to finish a page rather than leave it half empty;
* :func:`key_values`, :func:`figures_row`, :func:`notice_box` — cover details, headline figures, notices.

No database and no Qt. "Page X of Y" needs the page count, known only at the end: :func:`numbered_canvas`
keeps every page's drawing state and writes the numbers when the document is saved (the reportlab docs'
``NumberedCanvas``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from skillmap.i18n import register, tr

register(
    {
        "pdf.page_of": {"en": "Page {page} of {pages}", "es": "Página {page} de {pages}"},
        "pdf.generated_on": {"en": "Generated {when}", "es": "Generado el {when}"},
        "pdf.continued": {"en": "(continued)", "es": "(continuación)"},
    }
)

# Binary streams: reportlab's default ASCII85 wrapping of every stream makes files a quarter larger and, without
# its optional C accelerator, costs seconds per chart image in pure Python. PDF readers need no ASCII85.
rl_config.useA85 = 0

# -- fonts -------------------------------------------------------------------------------------------
FONT = "SkillMapSans"
FONT_BOLD = "SkillMapSans-Bold"
FONT_ITALIC = "SkillMapSans-Oblique"
FONT_BOLD_ITALIC = "SkillMapSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_font_lock = threading.Lock()


def font_dir() -> Path:
    """Where matplotlib keeps its DejaVu fonts (they ship with every matplotlib installation)."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) with reportlab, once per process."""
    with _font_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        for name, file in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_dir() / file)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in the report font."""
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width`` points (whole text when it fits)."""
    if text_width(text, size, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits together with the ellipsis
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + "…", size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,;:-") + "…"


def escape(text: object) -> str:
    """Text for a :class:`Paragraph` (which reads a little XML): ``&``, ``<`` and ``>`` escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- colours and styles ------------------------------------------------------------------------------
INK = colors.HexColor("#1F1F1F")
MUTED = colors.HexColor("#595959")
RULE = colors.HexColor("#BFBFBF")
ACCENT = colors.HexColor("#0B4F7C")
HEADER_FILL = colors.HexColor("#E3ECF3")
ZEBRA = colors.HexColor("#F5F7F9")
NOTICE_FILL = colors.HexColor("#FFF4D6")
NOTICE_EDGE = colors.HexColor("#C9A227")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the reports (DejaVu Sans throughout)."""

    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    notice: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head_cell: ParagraphStyle
    head_cell_right: ParagraphStyle
    head_cell_center: ParagraphStyle
    label: ParagraphStyle

    #: font size of table cells (plain strings use it too)
    cell_size: float = 8.0


def make_styles(cell_size: float = 8.0) -> Styles:
    register_fonts()
    lead = cell_size * 1.22
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=5)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=cell_size, leading=lead, textColor=INK)
    head = ParagraphStyle("head_cell", parent=cell, fontName=FONT_BOLD, textColor=INK)
    return Styles(
        cover_title=ParagraphStyle("cover_title", parent=base, fontName=FONT_BOLD, fontSize=24, leading=30,
                                   textColor=ACCENT, spaceAfter=10),
        cover_subtitle=ParagraphStyle("cover_subtitle", parent=base, fontSize=13, leading=18, textColor=MUTED,
                                      spaceAfter=18),
        h1=ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, textColor=ACCENT,
                          spaceBefore=4, spaceAfter=8),
        h2=ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, textColor=ACCENT,
                          spaceBefore=10, spaceAfter=5),
        h3=ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6,
                          spaceAfter=3),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=3),
        note=ParagraphStyle("note", parent=base, fontName=FONT_ITALIC, fontSize=8.5, leading=11,
                            textColor=MUTED, spaceAfter=6),
        notice=ParagraphStyle("notice", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceAfter=0),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        head_cell=head,
        head_cell_right=ParagraphStyle("head_cell_right", parent=head, alignment=TA_RIGHT),
        head_cell_center=ParagraphStyle("head_cell_center", parent=head, alignment=TA_CENTER),
        label=ParagraphStyle("label", parent=base, fontName=FONT_BOLD, textColor=MUTED, alignment=TA_LEFT,
                             spaceAfter=0),
        cell_size=cell_size,
    )


# -- pages ------------------------------------------------------------------------------------------
MARGIN = 15 * mm
HEADER_GAP = 9 * mm  # room above the frame for the running header
FOOTER_GAP = 10 * mm  # room below the frame for the running footer


def paper(name: str) -> tuple[float, float]:
    """Portrait page size: ``"letter"`` (Mexico, the default) or ``"a4"``."""
    return A4 if name.lower() == "a4" else letter


@dataclass(frozen=True)
class Running:
    """What the running header and footer of every page say."""

    organisation: str
    title: str
    generated: str  # e.g. "2026-11-29 10:32 · ana.lopez"
    lang: str
    notice: str = ""  # e.g. "Pseudonymised" — printed in the footer's middle when not empty


def _draw_running(canv: Canvas, running: Running, cover: bool) -> None:
    width, height = canv._pagesize
    canv.saveState()
    if not cover:
        y = height - MARGIN + 2
        avail = width - 2 * MARGIN
        org = fit_text(running.organisation, avail * 0.48, 8.5, bold=True)
        title = fit_text(running.title, avail * 0.48, 8.5)
        canv.setFont(FONT_BOLD, 8.5)
        canv.setFillColor(ACCENT)
        canv.drawString(MARGIN, y, org)
        canv.setFont(FONT, 8.5)
        canv.setFillColor(MUTED)
        canv.drawRightString(width - MARGIN, y, title)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, y - 4, width - MARGIN, y - 4)
    y = MARGIN - 12
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(MARGIN, y + 10, width - MARGIN, y + 10)
    canv.setFont(FONT, 7.5)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN, y, fit_text(tr("pdf.generated_on", running.lang, when=running.generated),
                                        (width - 2 * MARGIN) * 0.4, 7.5))
    if running.notice:
        canv.setFont(FONT_BOLD, 7.5)
        canv.drawCentredString(width / 2, y, running.notice)
    canv.restoreState()


def numbered_canvas(running: Running) -> type[Canvas]:
    """A canvas class that writes "page X of Y" on every page once the number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_number(total)
                super().showPage()
            super().save()

        def _draw_number(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN, MARGIN - 12,
                                 tr("pdf.page_of", running.lang, page=self._pageNumber, pages=total))
            self.restoreState()

    return NumberedCanvas


Orientation = Literal["portrait", "landscape"]


class ReportDoc(BaseDocTemplate):
    """A report document: page templates ``cover``, ``portrait`` and ``landscape`` on one paper size.

    ``after_page(n)`` is called after page ``n`` is laid out (report progress, raise to cancel).
    Switch orientation with :meth:`switch`; :meth:`frame_size` gives the room for content.
    """

    def __init__(self, path: str | Path, *, running: Running, paper_name: str = "letter",
                 author: str = "", subject: str = "", after_page: Callable[[int], None] | None = None) -> None:
        register_fonts()
        self.running = running
        self._after_page = after_page
        portrait_size = paper(paper_name)
        landscape_size = landscape(portrait_size)
        super().__init__(str(path), pagesize=portrait_size, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + HEADER_GAP, bottomMargin=MARGIN + FOOTER_GAP,
                         title=running.title, author=author, subject=subject, creator="SkillMap",
                         producer="SkillMap (reportlab)", lang=running.lang, allowSplitting=1)
        self._sizes = {"portrait": portrait_size, "landscape": landscape_size}
        templates = [
            PageTemplate(id="cover", frames=[self._frame("cover", portrait_size, top=MARGIN + 8 * mm)],
                         pagesize=portrait_size, onPage=lambda c, _d: _draw_running(c, running, True)),
            PageTemplate(id="portrait", frames=[self._frame("portrait", portrait_size)], pagesize=portrait_size,
                         onPage=lambda c, _d: _draw_running(c, running, False)),
            PageTemplate(id="landscape", frames=[self._frame("landscape", landscape_size)],
                         pagesize=landscape_size, onPage=lambda c, _d: _draw_running(c, running, False)),
        ]
        self.addPageTemplates(templates)

    @staticmethod
    def _frame(name: str, size: tuple[float, float], top: float = MARGIN + HEADER_GAP) -> Frame:
        width, height = size
        bottom = MARGIN + FOOTER_GAP
        return Frame(MARGIN, bottom, width - 2 * MARGIN, height - top - bottom, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def frame_size(self, orientation: Orientation) -> tuple[float, float]:
        """Width and height (points) of the content frame of a ``portrait`` or ``landscape`` page."""
        width, height = self._sizes[orientation]
        return width - 2 * MARGIN, height - 2 * MARGIN - HEADER_GAP - FOOTER_GAP

    @staticmethod
    def switch(orientation: Orientation) -> list[Flowable]:
        """Flowables that start a new page in ``orientation``."""
        return [NextPageTemplate(orientation), PageBreak()]

    def afterPage(self) -> None:
        if self._after_page is not None:
            self._after_page(self.page)

    def write(self, story: list[Flowable]) -> None:
        """Lay out ``story`` and save the file (the story starts on the cover page)."""
        self.build(story, canvasmaker=numbered_canvas(self.running))


# -- tables -----------------------------------------------------------------------------------------
Align = Literal["left", "right", "center"]
PAD_H = 3.5
PAD_V = 2.2


@dataclass
class TableSpec:
    """A table to lay out: header cells, rows of cell values (already formatted text), column alignment.

    A header cell may be a flowable. ``bold_first`` sets the first column in bold.
    """

    header: list[str | Flowable]
    rows: list[list[str]]
    align: list[Align]
    bold_first: bool = False


def natural_widths(spec: TableSpec, styles: Styles, sample: int = 400,
                   max_text: float = 260.0) -> list[float]:
    """Widths that fit each column's content on one line (headers may wrap at spaces), capped at ``max_text``."""
    size = styles.cell_size
    widths: list[float] = []
    rows = spec.rows[:sample]
    heads = header_minimums(spec, styles)
    for c in range(len(spec.header)):
        body = max((text_width(r[c], size, c == 0 and spec.bold_first) for r in rows if c < len(r)), default=0.0)
        widths.append(max(min(body + 2 * PAD_H + 1, max_text), heads[c], 14.0 + 2 * PAD_H))
    return widths


def header_minimums(spec: TableSpec, styles: Styles) -> list[float]:
    """The narrowest each column can be without breaking a word of its header."""
    out = []
    for head in spec.header:
        if isinstance(head, str):
            w = max((text_width(word, styles.cell_size, True) for word in head.split()), default=0.0)
        else:
            w = head.wrap(1000.0, 1000.0)[0] - 2 * PAD_H
        out.append(w + 2 * PAD_H + 1)
    return out


def fit_widths(natural: Sequence[float], align: Sequence[Align], avail: float, *,
               minimums: Sequence[float] | None = None, min_text: float = 60.0, keep_text: float = 90.0,
               grow: float = 1.6) -> list[float]:
    """Column widths within ``avail`` points.

    Numeric (right/centre) columns and text columns no wider than ``keep_text`` (codes, pseudonyms, short
    words) keep their natural width. When the rest is too wide, the widest text columns are narrowed first,
    to a common cap, never below ``min_text`` or the column's ``minimums`` (its longest header word): their
    texts wrap. When there is room to spare, text columns grow up to ``grow`` × their natural width so the
    table spans the page.
    """
    widths = list(natural)
    mins = list(minimums) if minimums is not None else [0.0] * len(widths)
    flexible = [i for i, a in enumerate(align) if a == "left" and natural[i] > keep_text]
    if not flexible:
        flexible_all = [i for i, a in enumerate(align) if a == "left"]
        spare = avail - sum(widths)
        if spare > 0 and flexible_all:
            text_total = sum(widths[i] for i in flexible_all)
            for i in flexible_all:
                widths[i] += min(spare * widths[i] / text_total, widths[i] * (grow - 1))
        return widths
    fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
    room = avail - fixed
    floor = {i: max(min_text, mins[i]) for i in flexible}
    total = sum(widths[i] for i in flexible)
    if total > room:
        if sum(floor.values()) >= room:  # even the floors do not fit: floors it is (the table overflows less)
            for i in flexible:
                widths[i] = floor[i]
            return widths
        lo, hi = 0.0, max(widths[i] for i in flexible)
        for _ in range(40):  # the cap that makes the flexible columns fill the room exactly
            cap = (lo + hi) / 2
            used = sum(max(floor[i], min(natural[i], cap)) for i in flexible)
            lo, hi = (cap, hi) if used < room else (lo, cap)
        for i in flexible:
            widths[i] = max(floor[i], min(natural[i], lo))
    else:
        scale = min(room / total, grow)
        for i in flexible:
            widths[i] = natural[i] * scale
    return widths


def data_table(spec: TableSpec, styles: Styles, widths: Sequence[float], *, zebra: bool = True) -> LongTable:
    """The table as one flowable that breaks across pages (between rows) with its header row repeated on
    each page, zebra rows, non-text columns aligned as ``spec.align`` says.

    Texts longer than their column are wrapped (a :class:`Paragraph`); short texts stay plain strings,
    which lay out much faster (a 2,000-row table takes about 3 s).
    """
    size = styles.cell_size
    head_cells: list[object] = []
    for head, a in zip(spec.header, spec.align, strict=True):
        style = {"right": styles.head_cell_right, "center": styles.head_cell_center}.get(a, styles.head_cell)
        head_cells.append(Paragraph(escape(head), style) if isinstance(head, str) else head)
    data: list[list[object]] = [head_cells]
    for r in spec.rows:
        row: list[object] = []
        for c, (text, a, w) in enumerate(zip(r, spec.align, widths, strict=True)):
            bold = c == 0 and spec.bold_first
            if a == "left" and text_width(text, size, bold) > w - 2 * PAD_H:
                row.append(Paragraph(escape(text), styles.cell_bold if bold else styles.cell))
            else:
                row.append(text)
        data.append(row)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.22),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_H),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_H),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_V),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_V + 0.6),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    if spec.bold_first:
        commands.append(("FONT", (0, 1), (0, -1), FONT_BOLD, size, size * 1.22))
    if zebra and len(spec.rows) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    for c, a in enumerate(spec.align):
        if a != "left":
            commands.append(("ALIGN", (c, 0), (c, -1), a.upper()))
    table = LongTable(data, colWidths=list(widths), repeatRows=1, splitByRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


class VerticalLabel(Flowable):
    """A header label written bottom to top (narrow grid columns under long competency names).

    The text is shortened with an ellipsis to ``max_length`` points.
    """

    def __init__(self, text: str, size: float, max_length: float) -> None:
        super().__init__()
        self.text = fit_text(text, max_length, size, bold=True)
        self.size = size
        self.length = text_width(self.text, size, bold=True)
        self._width = size * 1.3

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._width = max(availWidth, self.size * 1.3)
        return self._width, self.length + 2

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFont(FONT_BOLD, self.size)
        canv.setFillColor(INK)
        canv.rotate(90)
        # rotated axes: x' up the page, y' to the left; the baseline sits right of the column's centre
        canv.drawString(1, -(self._width / 2 + self.size * 0.36), self.text)
        canv.restoreState()


@dataclass
class CellGrid:
    """A large grid of short cells (the people × competencies grid), drawn by :class:`GridTable`.

    ``header`` cells are text (wrapped at spaces) or flowables (:class:`VerticalLabel`); ``rows`` hold the
    cell texts (already shortened to fit: nothing wraps); ``codes[r][c]`` picks a fill from ``fills`` (``-1``
    none) and the matching text colour from ``inks`` (``None``: the normal ink).
    """

    header: list[str | Flowable]
    rows: list[list[str]]
    widths: list[float]
    align: list[Align]
    codes: list[list[int]]
    fills: list[colors.Color]
    inks: list[colors.Color | None]
    size: float = 7.0
    bold_first: bool = True
    pad_v: float = 1.6

    @property
    def row_height(self) -> float:
        return self.size * 1.25 + 2 * self.pad_v + 0.6


class GridTable(Flowable):
    """Rows ``start``–``stop`` of a :class:`CellGrid`, with its header; splits between rows (the header is
    drawn again on every page).

    Drawn straight on the canvas — one text object for the cells, one path per fill colour — instead of a
    reportlab ``Table`` with a style command per cell: a 2,000-person grid lays out in seconds, not minutes.
    """

    def __init__(self, grid: CellGrid, start: int = 0, stop: int | None = None) -> None:
        super().__init__()
        self.grid = grid
        self.start = start
        self.stop = len(grid.rows) if stop is None else stop
        self._head_lines = [self._wrap_head(h, w) for h, w in zip(grid.header, grid.widths, strict=True)]
        self.head_height = max(self._head_height(h, lines) for h, lines in zip(grid.header, self._head_lines,
                                                                                strict=True)) + 2 * PAD_V + 1
        self.width = sum(grid.widths)
        self.height = self.head_height + (self.stop - self.start) * grid.row_height
        self.hAlign = "LEFT"

    def _wrap_head(self, head: str | Flowable, width: float) -> list[str]:
        if not isinstance(head, str):
            return []
        lines: list[str] = []
        for word in head.split():
            if lines and text_width(f"{lines[-1]} {word}", self.grid.size, True) <= width - 2 * PAD_H:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def _head_height(self, head: str | Flowable, lines: list[str]) -> float:
        if isinstance(head, str):
            return len(lines) * self.grid.size * 1.2
        return head.wrap(self.grid.size * 3, 1000.0)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit = int((availHeight - self.head_height) // self.grid.row_height)
        if fit < 1 or fit >= self.stop - self.start:
            return []
        cut = self.start + fit
        return [GridTable(self.grid, self.start, cut), GridTable(self.grid, cut, self.stop)]

    def draw(self) -> None:
        g, canv = self.grid, self.canv
        rh = g.row_height
        xs = [0.0]
        for w in g.widths:
            xs.append(xs[-1] + w)
        top = self.height
        body_top = top - self.head_height
        n = self.stop - self.start
        canv.saveState()
        # header: background, labels (bottom-aligned), rule
        canv.setFillColor(HEADER_FILL)
        canv.rect(0, body_top, self.width, self.head_height, stroke=0, fill=1)
        canv.setFillColor(INK)
        for c, (head, lines) in enumerate(zip(g.header, self._head_lines, strict=True)):
            if isinstance(head, str):
                canv.setFont(FONT_BOLD, g.size)
                for k, line in enumerate(lines):  # top line first: text is extracted in reading order
                    y = body_top + PAD_V + 1 + (len(lines) - 1 - k) * g.size * 1.2
                    self._text(canv, line, xs[c], xs[c + 1], y, g.align[c], True)
            else:
                head.wrap(g.widths[c], self.head_height)
                head.drawOn(canv, xs[c], body_top + PAD_V)
        # fills, one path per colour
        paths: dict[int, Any] = {}
        for i in range(n):
            y = body_top - (i + 1) * rh
            for c, code in enumerate(g.codes[self.start + i]):
                if code >= 0:
                    path = paths.get(code)
                    if path is None:
                        path = paths[code] = canv.beginPath()
                    path.rect(xs[c], y, g.widths[c], rh)
        for code, path in paths.items():
            canv.setFillColor(g.fills[code])
            canv.drawPath(path, stroke=0, fill=1)
        # white lines between cells, a hairline under each row, the rule under the header
        lines = canv.beginPath()
        for x in xs[1:-1]:
            lines.moveTo(x, body_top)
            lines.lineTo(x, body_top - n * rh)
        canv.setStrokeColor(colors.white)
        canv.setLineWidth(0.6)
        canv.drawPath(lines, stroke=1, fill=0)
        rules = canv.beginPath()
        for i in range(1, n + 1):
            rules.moveTo(0, body_top - i * rh)
            rules.lineTo(self.width, body_top - i * rh)
        canv.setStrokeColor(colors.HexColor("#D0D0D0"))
        canv.setLineWidth(0.25)
        canv.drawPath(rules, stroke=1, fill=0)
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.8)
        canv.line(0, body_top, self.width, body_top)
        # cell texts, one text object
        text = canv.beginText()
        ink: colors.Color | None = None
        font = ""
        text.setFillColor(INK)
        widths_cache: dict[tuple[str, bool], float] = {}
        baseline = (rh - g.size) / 2 + g.size * 0.22
        for i in range(n):
            r = self.start + i
            y = body_top - (i + 1) * rh + baseline
            row, codes = g.rows[r], g.codes[r]
            for c, value in enumerate(row):
                if not value:
                    continue
                bold = c == 0 and g.bold_first
                want = g.inks[codes[c]] if codes[c] >= 0 else None
                if want != ink:
                    text.setFillColor(want or INK)
                    ink = want
                key = (value, bold)
                w = widths_cache.get(key)
                if w is None:
                    w = widths_cache[key] = text_width(value, g.size, bold)
                a = g.align[c]
                x = xs[c] + PAD_H if a == "left" else (xs[c + 1] - PAD_H - w if a == "right"
                                                       else (xs[c] + xs[c + 1] - w) / 2)
                if font != (FONT_BOLD if bold else FONT):
                    font = FONT_BOLD if bold else FONT
                    text.setFont(font, g.size)
                text.setTextOrigin(x, y)
                text.textOut(value)
        canv.drawText(text)
        canv.restoreState()

    def _text(self, canv: Canvas, value: str, x0: float, x1: float, y: float, align: Align, bold: bool) -> None:
        w = text_width(value, self.grid.size, bold)
        x = x0 + PAD_H if align == "left" else (x1 - PAD_H - w if align == "right" else (x0 + x1 - w) / 2)
        canv.drawString(x, y, value)


def key_values(pairs: Sequence[tuple[str, str]], styles: Styles, width: float, label_share: float = 0.3,
               size: float | None = None) -> Table:
    """A two-column label → value table without rules (cover details, summary figures)."""
    label_style = ParagraphStyle("kv_label", parent=styles.label, fontSize=size or styles.body.fontSize,
                                 leading=(size or styles.body.fontSize) * 1.35)
    value_style = ParagraphStyle("kv_value", parent=styles.body, fontSize=size or styles.body.fontSize,
                                 leading=(size or styles.body.fontSize) * 1.35, spaceAfter=0)
    data = [[Paragraph(escape(k), label_style), Paragraph(escape(v).replace("\n", "<br/>"), value_style)]
            for k, v in pairs]
    table = Table(data, colWidths=[width * label_share, width * (1 - label_share)], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#E1E1E1")),
    ]))
    return table


def figures_row(figures: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """Headline figures side by side: big value over a small label (headcount, readiness …)."""
    value_style = ParagraphStyle("figure_value", parent=styles.body, fontName=FONT_BOLD, fontSize=17, leading=21,
                                 textColor=ACCENT, alignment=TA_CENTER, spaceAfter=0)
    label_style = ParagraphStyle("figure_label", parent=styles.small, textColor=MUTED, alignment=TA_CENTER,
                                 spaceAfter=0)
    n = max(len(figures), 1)
    cells = [[Paragraph(escape(v), value_style) for _label, v in figures],
             [Paragraph(escape(label), label_style) for label, _v in figures]]
    table = Table(cells, colWidths=[width / n] * n, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FAFBFC")),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def notice_box(text: str, styles: Styles, width: float) -> Table:
    """A highlighted one-cell box (the "pseudonymised" notice, "see the xlsx" notes)."""
    table = Table([[Paragraph(escape(text), styles.notice)]], colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
        ("BOX", (0, 0), (-1, -1), 0.8, NOTICE_EDGE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


# -- charts -----------------------------------------------------------------------------------------
CHART_DPI = 200


class FitImage(Flowable):
    """A chart image that takes the room left on the page, if that is enough.

    On an empty page it is drawn at ``full`` scale (fitting ``max_width`` × ``max_height``, never larger
    than ``upscale`` × natural). Lower on a page it shrinks to the height left, down to ``min_share`` of
    that scale; with less room it moves to the next page instead (so its text never becomes tiny).
    """

    def __init__(self, image: PILImage.Image, width: float, height: float, *, max_width: float,
                 max_height: float, upscale: float = 1.0, min_share: float = 0.8) -> None:
        super().__init__()
        self.reader = ImageReader(image)
        self.natural = (width, height)
        self.max_width, self.max_height = max_width, max_height
        self.upscale, self.min_share = upscale, min_share
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.natural
        full = min(min(availWidth, self.max_width) / w, self.max_height / h, self.upscale)
        scale = min(full, availHeight / h)
        if scale < full * self.min_share:
            scale = full
        self.width, self.height = w * scale, h * scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)


def figure_pixels(fig: Figure, dpi: float = CHART_DPI) -> tuple[PILImage.Image, float, float]:
    """``fig`` drawn at ``dpi`` (matplotlib's Agg renderer, as ``savefig(format="png")`` would) as an RGB
    image, with its size in points. The blank band above the chart is cut off (the PDF writes chart titles
    as text above the image). The figure is cleared afterwards to free its artists (chart figures are not
    pyplot figures: nothing else holds them)."""
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[..., :3]
    fig.clear()
    inked = np.flatnonzero((rgb < 245).any(axis=(1, 2)))
    top = max(int(inked[0]) - round(dpi * 0.06), 0) if inked.size else 0
    image = PILImage.fromarray(np.ascontiguousarray(rgb[top:]))
    height_px, width_px = rgb.shape[0] - top, rgb.shape[1]
    return image, width_px / dpi * 72.0, height_px / dpi * 72.0


def print_dpi(fig: Figure, max_width: float, max_height: float, dpi: int = CHART_DPI, upscale: float = 1.0) -> float:
    """The resolution to render ``fig`` at so that, scaled to fit the box, it prints at ``dpi``: a figure
    shrunk to 70 % needs only 70 % of the pixels across (half the work), not more."""
    w_in, h_in = fig.get_size_inches()
    scale = min(max_width / (w_in * 72.0), max_height / (h_in * 72.0), upscale)
    return max(dpi * scale, 100.0)


def fit_figure(fig: Figure, max_width: float, max_height: float, *, dpi: int = CHART_DPI, upscale: float = 1.0,
               min_share: float = 0.8) -> FitImage:
    """``fig`` as a :class:`FitImage`, rendered for ``dpi`` at the size it has on an empty page."""
    image, w, h = figure_pixels(fig, print_dpi(fig, max_width, max_height, dpi, upscale))
    return FitImage(image, w, h, max_width=max_width, max_height=max_height, upscale=upscale, min_share=min_share)
