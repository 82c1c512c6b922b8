"""The fixed, colour-blind-safe palette of every SkillMap chart.

Categorical colours are Okabe and Ito's eight (distinguishable with the common colour-vision
deficiencies and in greyscale by lightness). Continuous and stepped scales come from ColorBrewer's
*RdYlBu*, rated colour-blind safe: **blue is good, red is bad** everywhere (share meeting a requirement
high, gap low), pale yellow is the middle. Missing values are never a colour of a scale: they are a
light grey with a hatch, explained in the chart's legend.

The colormaps are module objects, not registered in matplotlib's global registry, so importing this
module changes nothing for other code.
"""

from __future__ import annotations

from matplotlib.colors import BoundaryNorm, Colormap, LinearSegmentedColormap, ListedColormap

# -- Okabe–Ito --------------------------------------------------------------------------------------
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

#: Colour cycle for series without a meaning of their own (trend lines): the Okabe–Ito colours,
#: black last. Charts with more series than colours also vary the line style.
CATEGORICAL: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK)
LINE_STYLES: tuple[str, ...] = ("-", "--", ":", "-.")

# -- meanings ---------------------------------------------------------------------------------------
CURRENT = BLUE                 # a person's current level, people holding a level (supply)
MEETS = BLUE                   # current level meets the requirement
SHORT = VERMILLION             # current level below the requirement
REQUIRED = "#4D4D4D"           # the required level of the person's role
REQUIRED_FILL = "#D9D9D9"      # area / band showing the requirement
SECOND_ROLE = REDDISH_PURPLE   # the requirement of a role the person may move to
SUPPLY = BLUE
DEMAND = ORANGE
SURPLUS = BLUE
SHORTFALL = VERMILLION
NEUTRAL = "#6E6E6E"            # plain bars (histograms), reference lines
GRID = "#E5E5E5"               # light grid lines
TEXT_MUTED = "#595959"         # secondary text (value labels, notes)

UNKNOWN = "#8C8C8C"            # an unknown level: grey lines and text
UNKNOWN_HATCH = "////"         # an unknown level as an area: this hatch in UNKNOWN_EDGE on white
UNKNOWN_EDGE = "#A6A6A6"
MISSING_FACE = "#EBEBEB"       # a cell with no value (no requirement, no data)
MISSING_EDGE = "#ADADAD"       # colour of the hatch drawn on MISSING_FACE
MISSING_HATCH = "///"
CELL_EDGE = "#FFFFFF"          # lines between heatmap cells

# -- scales -----------------------------------------------------------------------------------------
#: ColorBrewer RdYlBu, 9 classes, from bad (red) to good (blue).
RDYLBU_9: tuple[str, ...] = (
    "#D73027", "#F46D43", "#FDAE61", "#FEE090", "#FFFFBF", "#E0F3F8", "#ABD9E9", "#74ADD1", "#4575B4",
)

#: Share meeting the requirement, 0 (red) to 1 (blue).
SHARE_CMAP: Colormap = LinearSegmentedColormap.from_list("skillmap_share", RDYLBU_9, N=256)
#: Mean gap in levels, 0 (blue, no gap) to the scale's maximum (red).
GAP_CMAP: Colormap = LinearSegmentedColormap.from_list("skillmap_gap", RDYLBU_9[::-1], N=256)

#: One colour per whole gap 0 (met), 1, 2, 3, 4+ levels: a blue for "met", then yellow to dark red.
GAP_STEPS: tuple[str, ...] = ("#91BFDB", "#FEE090", "#FC8D59", "#D73027", "#A50026")


def gap_steps(max_gap: int) -> tuple[ListedColormap, BoundaryNorm]:
    """A stepped colormap and its norm for whole gaps ``0 … max_gap`` (gaps above the last colour share it)."""
    max_gap = max(1, int(max_gap))
    colours = [GAP_STEPS[min(i, len(GAP_STEPS) - 1)] for i in range(max_gap + 1)]
    cmap = ListedColormap(colours, name="skillmap_gap_steps")
    norm = BoundaryNorm([i - 0.5 for i in range(max_gap + 2)], cmap.N)
    return cmap, norm


def text_colour_on(rgba: tuple[float, float, float, float] | tuple[float, ...]) -> str:
    """Black or white, whichever reads better on ``rgba`` (relative luminance, WCAG)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(v)) for v in rgba[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return BLACK if luminance > 0.35 else "#FFFFFF"
