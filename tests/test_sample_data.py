"""The committed sample workbook is what the generator produces today."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from skillmap.frameworks.fileformat import load_bundled_frameworks
from skillmap.sample.generator import bundled_sample
from skillmap.sample.workbook import write_hr_workbook, write_organisation_json

COMMITTED = Path(__file__).resolve().parent.parent / "sample_data" / "muestra_rh.xlsx"


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            out[ws.title] = list(ws.iter_rows(values_only=True))
        return out
    finally:
        wb.close()


def test_committed_workbook_matches_the_generator(tmp_path: Path) -> None:
    fresh = write_hr_workbook(bundled_sample(), load_bundled_frameworks(), tmp_path / "muestra_rh.xlsx")
    committed, regenerated = _cells(COMMITTED), _cells(fresh)
    assert list(committed) == ["Plantilla", "Competencias", "Evaluaciones", "Cursos", "Constancias"]
    for sheet in committed:
        assert committed[sheet] == regenerated[sheet], (
            f"sheet {sheet} differs: regenerate with "
            "`skillmap generate-sample --out sample_data --staff 500 --agencies 8 --name muestra_rh`")
    plantilla = committed["Plantilla"]
    assert sum(1 for r in plantilla if len(r) > 1 and isinstance(r[1], str) and len(r[1]) == 18) == 500


def test_committed_organisation_structure_matches_the_generator(tmp_path: Path) -> None:
    import json

    org = bundled_sample()
    fresh = write_organisation_json(org, tmp_path / "org.json")
    committed = json.loads(COMMITTED.with_name("muestra_rh_organizacion.json").read_text(encoding="utf-8"))
    assert committed == json.loads(fresh.read_text(encoding="utf-8"))
    assert len(committed["agencies"]) == 8
    assert sum(a["staff"] for a in committed["agencies"]) == 500

    def count(nodes: list[dict[str, object]]) -> int:
        return sum(1 + count(n.get("units", [])) for n in nodes)  # type: ignore[arg-type]

    assert sum(count(a["units"]) for a in committed["agencies"]) == len(org.units)
