"""Save a chart to a file: PNG or SVG (and PDF for reports), chosen by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from skillmap.charts import texts  # noqa: F401  (texts registers the messages)
from skillmap.i18n import tr

#: Raster resolution: crisp on screens with 150% scaling and in printed reports, files stay small.
PNG_DPI = 150

_METADATA = {
    ".png": {"Software": "SkillMap"},
    ".svg": {"Creator": "SkillMap", "Date": None},
    ".pdf": {"Creator": "SkillMap", "Producer": "SkillMap", "CreationDate": None},
}


def save_figure(fig: Figure, path: str | Path, *, dpi: int = PNG_DPI) -> Path:
    """Write ``fig`` to ``path`` as ``.png`` (at ``dpi``), ``.svg`` or ``.pdf`` (vector; text kept as
    text in SVG so it stays searchable). Raises :class:`ValueError` for another suffix."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in _METADATA:
        raise ValueError(tr("chart.save.ext", None, ext=ext or path.name))
    options: dict[str, object] = {"format": ext[1:], "metadata": _METADATA[ext], "facecolor": "white"}
    if ext == ".png":
        options["dpi"] = dpi
    if ext == ".svg":
        import matplotlib

        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skillmap"}):
            fig.savefig(path, **options)  # type: ignore[arg-type]
        return path
    fig.savefig(path, **options)  # type: ignore[arg-type]
    return path
