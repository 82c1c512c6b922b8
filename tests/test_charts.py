"""Charts (skillmap.charts): figures built from arrays, headless, in both languages.

Each test checks what a chart draws (image data, bar lengths, lines, legends) rather than pixels, plus
that all text fits inside the figure, that save_figure writes real PNG/SVG/PDF files and that cell_at maps
positions to cells.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from skillmap.charts import (
    agencies_behind_chart,
    cell_at,
    gap_heatmap,
    grid_info,
    level_trend_chart,
    palette,
    person_bars,
    person_chart,
    person_radar,
    readiness_histogram,
    save_figure,
    self_manager_chart,
    self_manager_scatter,
    supply_demand_chart,
    team_grid,
    top_gaps_chart,
)
from skillmap.charts._common import shorten

LONG_UNIT = "Dirección General de Recursos Humanos de la Secretaría de Hacienda y Crédito Público"
COMPETENCIES = ["Análisis de datos", "Visualización de datos", "Estadística", "Ingeniería de datos",
                "Gobernanza, calidad y protección de datos", "Aprendizaje automático"]
LEVELS_ES = ["Sin conocimiento", "Conocimiento", "Aplicación", "Dominio", "Experto"]


def drawn(fig: Figure) -> FigureCanvasAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas


def texts_of(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def assert_text_inside(fig: Figure) -> RendererAgg:
    """Everything drawn, text included, lies inside the figure (nothing clipped at the edges)."""
    renderer = drawn(fig).get_renderer()
    box = fig.get_tightbbox(renderer)  # inches
    width, height = fig.get_size_inches()
    tolerance = 0.02
    assert box.x0 >= -tolerance and box.y0 >= -tolerance, f"{box} sticks out left or below"
    assert box.x1 <= width + tolerance and box.y1 <= height + tolerance, (
        f"{box} sticks out of the {width:.2f}×{height:.2f} in figure")
    return renderer


def assert_no_overlap(labels: list[Text], renderer: RendererAgg) -> None:
    boxes = [t.get_window_extent(renderer) for t in labels if t.get_text()]
    for a, b in pairwise(boxes):
        assert not a.overlaps(b), f"labels overlap: {a} / {b}"


def heatmap_data(rows: int, cols: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    data = rng.random((rows, cols))
    data[rng.random((rows, cols)) < 0.1] = np.nan
    return data


# -- heatmap -----------------------------------------------------------------------------------------

def test_heatmap_image_is_the_input_with_nan_masked() -> None:
    data = heatmap_data(5, 4)
    data[0, 0] = np.nan
    fig = gap_heatmap(data, [f"g{i}" for i in range(5)], COMPETENCIES[:4])
    info = grid_info(fig)
    assert info is not None
    image = info.image
    assert isinstance(image, AxesImage) and image in info.axes.images
    shown = image.get_array()
    assert isinstance(shown, np.ma.MaskedArray)
    np.testing.assert_array_equal(shown.mask, np.isnan(data))
    np.testing.assert_allclose(shown.filled(np.nan), data)
    assert image.norm.vmin == 0 and image.norm.vmax == 1
    # NaN cells show a hatched background, not a colour of the scale
    background = [p for p in info.axes.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert background and background[0].get_hatch() == palette.MISSING_HATCH
    assert image.cmap.get_bad()[3] == 0  # transparent: the hatch shows through


def test_heatmap_gap_measure_reverses_the_colours() -> None:
    data = np.array([[0.0, 4.0], [2.0, np.nan]])
    share = grid_info(gap_heatmap(np.array([[1.0, 0.0], [0.5, np.nan]]), ["a", "b"], ["x", "y"]))
    gap = grid_info(gap_heatmap(data, ["a", "b"], ["x", "y"], measure="gap", max_gap=4))
    assert share is not None and gap is not None
    assert gap.image.norm.vmax == 4
    # no gap looks like everybody meeting the requirement (blue), the widest gap like nobody (red)
    np.testing.assert_allclose(gap.image.to_rgba(np.float64(0.0)), share.image.to_rgba(np.float64(1.0)))
    np.testing.assert_allclose(gap.image.to_rgba(np.float64(4.0)), share.image.to_rgba(np.float64(0.0)))
    with pytest.raises(ValueError, match="measure"):
        gap_heatmap(data, ["a", "b"], ["x", "y"], measure="median")  # type: ignore[arg-type]


def test_heatmap_legend_colour_bar_and_labels_in_spanish() -> None:
    fig = gap_heatmap(heatmap_data(3, 3), ["SHCP", "SEP", "SSA"], COMPETENCIES[:3], lang="es")
    texts = texts_of(fig)
    assert "Brecha de competencias por grupo y competencia" in texts
    assert any("Sin requisito o" in t for t in texts)
    assert any(t.replace("\n", " ") == "Proporción que cumple el nivel requerido" for t in texts)
    assert "Análisis de datos" in texts
    english = texts_of(gap_heatmap(heatmap_data(3, 3), ["a", "b", "c"], ["x", "y", "z"], measure="gap",
                                   lang="en"))
    assert any(t.startswith("Mean gap") for t in (s.replace("\n", " ") for s in english))
    assert any("No requirement or" in t for t in english)


def test_heatmap_85_by_40_grows_truncates_and_fits() -> None:
    rows = [f"{LONG_UNIT} {i}" if i % 3 == 0 else f"Secretaría número {i}" for i in range(85)]
    cols = [f"Competencia de análisis de datos abiertos y reutilización {i}" for i in range(40)]
    big = gap_heatmap(heatmap_data(85, 40), rows, cols, lang="es")
    small = gap_heatmap(heatmap_data(8, 6), rows[:8], cols[:6], lang="es")
    bw, bh = big.get_size_inches()
    sw, sh = small.get_size_inches()
    assert bh > 14 and bw > 10 and bh > sh and bw > sw
    info = grid_info(big)
    assert info is not None
    ax = info.axes
    y_labels = [t.get_text() for t in ax.get_yticklabels()]
    x_labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(y_labels) == 85 and len(x_labels) == 40
    assert y_labels[0].endswith("Crédito Público 0") and "…" in y_labels[0] and len(y_labels[0]) <= 52
    assert all(len(t) <= 34 and t.endswith("…") for t in x_labels)
    assert info.row_labels == tuple(rows) and info.col_labels == tuple(cols)  # full labels for tooltips
    assert ax.get_yticklabels()[0].get_fontsize() >= 6
    renderer = assert_text_inside(big)
    assert_no_overlap(list(ax.get_yticklabels()), renderer)
    assert_no_overlap(list(ax.get_xticklabels()), renderer)


def test_small_heatmap_writes_values_in_cells() -> None:
    data = np.array([[0.25, np.nan], [1.0, 0.5]])
    fig = gap_heatmap(data, ["a", "b"], ["x", "y"])
    texts = texts_of(fig)
    assert {"25%", "100%", "50%"} <= set(texts)
    assert not any(t == "nan%" for t in texts)
    assert "1.5" in texts_of(gap_heatmap(np.array([[1.5]]), ["a"], ["x"], measure="gap"))


def test_cell_at_maps_display_positions_to_cells() -> None:
    data = heatmap_data(7, 5)
    fig = gap_heatmap(data, [f"row {i}" for i in range(7)], [f"col {j}" for j in range(5)])
    drawn(fig)
    info = grid_info(fig)
    assert info is not None
    for r, c in [(0, 0), (6, 4), (3, 2), (5, 1)]:
        x, y = info.cell_center(r, c)
        assert cell_at(fig, x, y) == (r, c)
        assert cell_at(fig, x + 3, y - 3) == (r, c)  # anywhere inside the cell
    # the cell centre is where the image draws it: display → data coordinates
    col_f, row_f = info.axes.transData.inverted().transform(info.cell_center(2, 3))
    assert (round(row_f), round(col_f)) == (2, 3)
    x0, y0 = info.cell_center(0, 0)
    x1, _ = info.cell_center(0, 1)
    assert cell_at(fig, x0 - (x1 - x0), y0) is None  # left of the grid, over the row labels
    assert cell_at(fig, 1, 1) is None
    assert cell_at(fig, float("nan"), 5) is None
    assert cell_at(Figure(), 10, 10) is None and grid_info(Figure()) is None


# -- person ------------------------------------------------------------------------------------------

def test_person_bars_lengths_and_unknown_not_drawn_as_zero() -> None:
    current = [3, 1, None, 0, np.nan, 2]
    required = [3, 3, 2, 2, 1, np.nan]
    second = [4, 3, 3, np.nan, 2, 2]
    fig = person_bars(COMPETENCIES, current, required, role="Analista de datos", second_required=second,
                      second_role="Científica de datos", level_names=LEVELS_ES, lang="es")
    ax = fig.axes[0]
    cur = [p for p in ax.patches if p.get_gid() == "current"]
    unknown = [p for p in ax.patches if p.get_gid() == "unknown"]
    req = [p for p in ax.patches if p.get_gid() == "required"]
    assert [p.get_width() for p in cur] == [3, 1, 0, 2]
    assert [round(p.get_y() + p.get_height() / 2) for p in cur] == [0, 1, 3, 5]
    assert len(unknown) == 2 and all(p.get_width() == 4 for p in unknown)  # hatched across the scale
    assert all(p.get_hatch() for p in unknown)
    assert [round(p.get_y() + p.get_height() / 2) for p in unknown] == [2, 4]
    assert [p.get_width() for p in req] == [3, 3, 2, 2, 1]
    # below the requirement in vermillion, meeting it in blue
    colours = [tuple(round(v, 3) for v in p.get_facecolor()[:3]) for p in cur]
    from matplotlib.colors import to_rgb
    short, meets = (tuple(round(v, 3) for v in to_rgb(c)) for c in (palette.SHORT, palette.MEETS))
    assert colours == [meets, short, short, meets]
    second_marks = [c for c in ax.collections if c.get_gid() == "second_required"]
    assert len(second_marks) == 1
    np.testing.assert_array_equal(second_marks[0].get_offsets()[:, 0], [4, 3, 3, 2, 2])
    texts = texts_of(fig)
    assert "desconocido" in texts and "Nivel actual desconocido" in texts
    assert "Requerido para Analista de datos" in texts and "Requerido para Científica de datos" in texts
    assert any("Sin\nconocimiento" in t for t in texts) and "Brecha" in texts
    assert texts.count("−2") == 2
    assert_text_inside(fig)


def test_person_radar_breaks_the_line_at_unknown_levels() -> None:
    current = [3, 1, np.nan, 0, 2, 2]
    fig = person_radar(COMPETENCIES, current, [3, 3, 2, 2, 1, 2], level_names=LEVELS_ES, lang="en")
    ax = fig.axes[0]
    assert ax.name == "polar"
    line = next(ln for ln in ax.get_lines() if ln.get_gid() == "current")
    r = np.asarray(line.get_ydata(), dtype=float)
    assert len(r) == 7  # closed polygon
    assert np.isnan(r[2]) and r[3] == 0  # unknown is a gap in the line, a known 0 stays at 0
    np.testing.assert_array_equal(r[[0, 1, 3, 4, 5, 6]], [3, 1, 0, 2, 2, 3])
    unknown = [ln for ln in ax.get_lines() if ln.get_gid() == "unknown"]
    assert len(unknown) == 1 and list(unknown[0].get_ydata()) == [0, 4]  # a whole dashed spoke
    assert "Current level unknown" in texts_of(fig)
    assert ax.get_ylim() == (0, 4)
    assert_text_inside(fig)
    with pytest.raises(ValueError, match="3 competencies"):
        person_radar(COMPETENCIES[:2], [1, 2], [2, 2])


def test_person_chart_picks_radar_or_bars() -> None:
    assert person_chart(COMPETENCIES, [1] * 6, [2] * 6).axes[0].name == "polar"
    assert person_chart(COMPETENCIES[:2], [1, 2], [2, 2]).axes[0].name == "rectilinear"
    many = [f"c{i}" for i in range(20)]
    assert person_chart(many, [1] * 20, [2] * 20).axes[0].name == "rectilinear"
    assert person_chart(COMPETENCIES, [1] * 6, [2] * 6, kind="bars").axes[0].name == "rectilinear"
    with pytest.raises(ValueError, match="values for 6 labels"):
        person_chart(COMPETENCIES, [1, 2], [2] * 6)


# -- dashboard -------------------------------------------------------------------------------------

def test_top_gaps_are_the_widest_first() -> None:
    names = [f"Competencia {i}" for i in range(14)]
    counts = np.array([5, 80, 12, np.nan, 40, 3, 99, 7, 60, 1, 2, 30, 20, 10], dtype=float)
    fig = top_gaps_chart(names, counts, lang="es")
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "gap"]
    assert [p.get_width() for p in bars] == [99, 80, 60, 40, 30, 20, 12, 10, 7, 5]
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["Competencia 6", "Competencia 1", "Competencia 8"]
    assert ax.get_xlabel() == "Personas por debajo del nivel requerido"
    mean = top_gaps_chart(names[:3], [1.25, 0.5, 2.0], measure="mean", top=2)
    assert [p.get_width() for p in mean.axes[0].patches if p.get_gid() == "gap"] == [2.0, 1.25]
    assert "1.2" in texts_of(mean) or "1.3" in texts_of(mean)


def test_agencies_behind_lowest_readiness_first() -> None:
    agencies = [f"{LONG_UNIT} {i}" for i in range(30)]
    readiness = np.linspace(0.9, 0.2, 30)
    fig = agencies_behind_chart(agencies, readiness, count=10, overall=0.55, lang="es")
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches if p.get_gid() == "readiness"]
    np.testing.assert_allclose(widths, np.sort(readiness)[:10])
    assert "Todas las dependencias: 55%" in texts_of(fig) and "20%" in texts_of(fig)
    assert_text_inside(fig)


def test_readiness_histogram_counts() -> None:
    values = np.random.default_rng(4).beta(4, 2, 1000)
    fig = readiness_histogram(np.append(values, np.nan), bins=10, target=0.8, lang="es")
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches if p.get_gid() == "count"]
    expected, _ = np.histogram(values, bins=np.linspace(0, 1, 11))
    assert heights == list(expected) and sum(heights) == 1000
    texts = texts_of(fig)
    assert f"Mediana: {100 * np.median(values):.0f}%" in texts and "Meta: 80%" in texts
    assert ax.get_ylabel() == "Personas"


def test_empty_inputs_say_so() -> None:
    assert "No data to show" in texts_of(top_gaps_chart(["a"], [np.nan]))
    assert "No hay datos para mostrar" in texts_of(readiness_histogram([], lang="es"))
    assert "No data to show" in texts_of(supply_demand_chart([], [], []))
    empty = gap_heatmap(np.zeros((0, 3)), [], ["x", "y", "z"])
    assert "No data to show" in texts_of(empty) and grid_info(empty) is None
    assert "No hay datos para mostrar" in texts_of(team_grid([], [], np.zeros((0, 0)), lang="es"))


# -- supply and demand -----------------------------------------------------------------------------

def test_supply_demand_grouped_and_balance() -> None:
    names = ["A", "B", "C", "D"]
    supply = [100, 40, 70, np.nan]
    demand = [80, 90, 70, 10]
    fig = supply_demand_chart(names, supply, demand, lang="es")
    ax = fig.axes[0]
    # sorted by shortfall: B (−50), C (0), A (+20); D has no supply figure
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "C", "A"]
    assert [p.get_width() for p in ax.patches if p.get_gid() == "supply"] == [40, 70, 100]
    assert [p.get_width() for p in ax.patches if p.get_gid() == "demand"] == [90, 70, 80]
    assert "Personas con el nivel requerido o superior" in texts_of(fig)
    balance = supply_demand_chart(names, supply, demand, kind="balance", sort=False, lang="en")
    bars = [p for p in balance.axes[0].patches if p.get_gid() == "balance"]
    assert [p.get_width() for p in bars] == [20, -50, 0]
    assert "Fewer people than positions" in texts_of(balance) and "−50" in texts_of(balance)
    with pytest.raises(ValueError, match="kind"):
        supply_demand_chart(names, supply, demand, kind="pie")  # type: ignore[arg-type]


# -- team grid ---------------------------------------------------------------------------------------

def test_team_grid_gaps_unknown_and_not_required() -> None:
    people = ["Hernández López, María Guadalupe", "García Pérez, José Luis", "Martínez Ruiz, Ana"]
    gaps = np.array([[0, 1, np.nan], [2, 0, 4], [3, np.nan, 0]], dtype=float)
    unknown = np.zeros_like(gaps, dtype=bool)
    unknown[1, 1] = True
    fig = team_grid(people, COMPETENCIES[:3], gaps, unknown=unknown, lang="es")
    info = grid_info(fig)
    assert info is not None and info.unknown is not None
    shown = info.image.get_array()
    expected_mask = np.isnan(gaps) | unknown
    np.testing.assert_array_equal(shown.mask, expected_mask)
    np.testing.assert_array_equal(shown.filled(-1), np.where(expected_mask, -1, gaps))
    hatched = [c for c in info.axes.collections if isinstance(c, PatchCollection) and c.get_gid() == "unknown"]
    assert len(hatched) == 1 and len(hatched[0].get_paths()) == 1
    texts = texts_of(fig)
    assert {"Cumple el requisito", "1 nivel por debajo", "4 niveles por debajo", "No requerida",
            "Requerida, nivel desconocido"} <= set(texts)
    assert [t.get_text() for t in info.axes.get_yticklabels()] == people
    assert "?" in texts and "✓" in texts  # small grids write the gap in the cell
    drawn(fig)
    assert cell_at(fig, *info.cell_center(1, 1)) == (1, 1)
    assert bool(info.unknown[1, 1])
    with pytest.raises(ValueError, match="unknown has shape"):
        team_grid(people, COMPETENCIES[:3], gaps, unknown=np.zeros((2, 2), dtype=bool))


# -- trend and ratings -------------------------------------------------------------------------------

def test_level_trend_lines_and_spanish_months() -> None:
    dates = ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01"]
    levels = np.array([[1.0, 2.0], [1.2, np.nan], [1.5, 2.2], [1.7, 2.4], [2.0, 2.5]])
    fig = level_trend_chart(dates, levels, COMPETENCIES[:2], level_names=LEVELS_ES, lang="es")
    drawn(fig)
    ax = fig.axes[0]
    lines = {ln.get_gid(): ln for ln in ax.get_lines()}
    np.testing.assert_array_equal(np.asarray(lines["0"].get_ydata(), dtype=float), levels[:, 0])
    assert np.isnan(np.asarray(lines["1"].get_ydata(), dtype=float)[1])
    ticks = " ".join(t.get_text() for t in ax.get_xticklabels())
    assert "ene" in ticks or "abr" in ticks or "jul" in ticks
    assert "3 Dominio" in [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_ylabel() == "Nivel promedio"
    with pytest.raises(ValueError, match="shape"):
        level_trend_chart(dates, levels[:3], COMPETENCIES[:2])


def test_self_manager_differences_and_pairs() -> None:
    fig = self_manager_chart(["A", "B", "C"], [3.0, 2.0, np.nan], [2.5, 2.75, 1.0], lang="es")
    bars = [p for p in fig.axes[0].patches if p.get_gid() == "difference"]
    assert [p.get_width() for p in bars] == [0.5, -0.75]
    assert "+0.5" in texts_of(fig) and "Se califica más alto que su jefe" in texts_of(fig)
    self_l = [0, 1, 1, 2, 4, np.nan]
    mgr_l = [0, 1, 2, 2, 3, 1]
    scatter = self_manager_scatter(self_l, mgr_l, lang="es")
    pairs = next(c for c in scatter.axes[0].collections if c.get_gid() == "pairs")
    offsets = {(int(x), int(y)) for x, y in pairs.get_offsets()}
    assert offsets == {(0, 0), (1, 1), (2, 1), (2, 2), (3, 4)}  # (manager, self)
    assert "2" in texts_of(scatter)  # (1, 1) twice
    assert scatter.axes[0].get_xlabel() == "Nivel según el jefe inmediato"


# -- all charts: text fits, both languages --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_chart_keeps_its_text_inside(lang: str) -> None:
    names = [f"{c} y gestión de la información pública" for c in COMPETENCIES]
    figs = [
        person_bars(names, [1, 2, None, 3, 0, 4], [2, 2, 2, 3, 1, 4], role="Analista de datos sénior",
                    level_names=LEVELS_ES, lang=lang),
        top_gaps_chart(names, [5, 4, 3, 2, 1, 0], lang=lang),
        readiness_histogram([0.2, 0.5, 0.9], lang=lang),
        supply_demand_chart(names, [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], kind="balance", lang=lang),
        team_grid([LONG_UNIT, "Pérez"], names, np.ones((2, 6)), lang=lang),
        level_trend_chart(["2023-01-01", "2024-01-01"], np.ones((2, 6)), names, lang=lang),
        self_manager_chart(names, [1] * 6, [2] * 6, lang=lang),
        self_manager_scatter([0, 1, 2], [1, 1, 2], lang=lang),
    ]
    for fig in figs:
        assert_text_inside(fig)


# -- saving ------------------------------------------------------------------------------------------

def test_save_figure_png_svg_pdf(tmp_path: Path) -> None:
    fig = gap_heatmap(heatmap_data(4, 3), ["a", "b", "c", "d"], ["x", "y", "z"], lang="es")
    png = save_figure(fig, tmp_path / "heatmap.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = save_figure(fig, tmp_path / "heatmap.SVG")
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Proporción que" in svg.read_text(encoding="utf-8")  # text stays text
    pdf = save_figure(fig, tmp_path / "heatmap.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    # PNG resolution follows dpi
    from PIL import Image

    with Image.open(png) as im:
        w, _h = im.size
    assert abs(w - fig.get_size_inches()[0] * 150) <= 2
    with pytest.raises(ValueError, match=r"\.png, \.svg"):
        save_figure(fig, tmp_path / "heatmap.jpg")


# -- helpers and the layer rule ------------------------------------------------------------------------

def test_shorten_keeps_both_ends_or_the_start() -> None:
    assert shorten("Análisis de datos", 30) == "Análisis de datos"
    end = shorten("Gestión de contrataciones y proveedores tecnológicos", 30)
    assert end.endswith("…") and len(end) <= 30 and end.startswith("Gestión de contrataciones")
    middle = shorten(LONG_UNIT, 48, "middle")
    assert len(middle) <= 48 and middle.startswith("Dirección General") and middle.endswith("Crédito Público")
    assert " … " in middle
    assert len(shorten("x" * 80, 20, "middle")) <= 20


def test_charts_import_without_qt_or_pyplot() -> None:
    code = ("import sys, skillmap.charts; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'matplotlib.pyplot', "
            "'matplotlib.backends.backend_qt'))]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
