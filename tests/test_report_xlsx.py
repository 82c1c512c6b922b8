"""The xlsx writers of the gap and training reports and the CSV of report tables (skillmap.reports.xlsx).

Files are written from hand-made report data and opened again with openpyxl: sheets, headers in both languages,
a person's row against the data, no formula anywhere (hostile text included), frozen panes, filters, print
settings, conditional formats; CSV in both locales; cancel leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet as OpenpyxlSheet

from skillmap.reports import xlsx as X
from skillmap.reports.model import (
    Column,
    CompetencyGaps,
    Definition,
    GapReportData,
    HeatmapData,
    PeopleGrid,
    ProgrammeStatus,
    ReportMeta,
    StatusCount,
    SummaryItem,
    Table,
    TrainingReportData,
)
from skillmap.tasks import Cancelled, Progress

EVIL = "=SUM(A1)"
HOSTILE = [EVIL, "+1+2", "-3-4", "@SUM(1)", "\tcmd", '=HYPERLINK("http://x.example","y")']
NAN = math.nan


def meta(lang: str = "en", *, pseudonymised: bool = True, kind: str = "gaps") -> ReportMeta:
    return ReportMeta(kind=kind, lang=lang, title="Skills gap report" if lang == "en" else "Brecha de competencias",
                      subtitle="Unit & friends", organisation="Secretaría de Prueba & Co", scope_label=EVIL,
                      generated_at=datetime(2025, 3, 4, 10, 20), generated_by="ana", data_date=date(2025, 2, 28),
                      sources=("staff.xlsx (2025-01-10)", "+levels.csv (2025-02-01)"), pseudonymised=pseudonymised)


def gap_data(lang: str = "en", n_extra: int = 0, *, pseudonymised: bool = True) -> GapReportData:
    """Five named people (one of them hostile text) × three competencies, plus ``n_extra`` filler rows."""
    comps = ["Planning", EVIL, "Data analysis"]
    current = np.array([[2, 1, NAN], [3, 3, 3], [0, NAN, 4], [NAN, NAN, NAN], [4, 2, 1]], dtype=float)
    required = np.array([[3, NAN, 2], [3, 2, 3], [4, 2, NAN], [2, 2, 2], [NAN, NAN, NAN]], dtype=float)
    labels = ["P-AAAA-0001", "P-BBBB-0002", "P-CCCC-0003", EVIL, "P-EEEE-0005"]
    units = ["Unit A", "Unit A", "+Unit B", "Unit B", ""]
    roles = ["Analyst", "Analyst", "Head", "-Head", ""]
    readiness = np.array([0.5, 1.0, 0.25, NAN, NAN])
    if n_extra:
        rng = np.random.default_rng(1)
        current = np.vstack([current, rng.integers(0, 5, (n_extra, 3)).astype(float)])
        required = np.vstack([required, np.full((n_extra, 3), 2.0)])
        labels += [f"P-ZZZZ-{i:04d}" for i in range(n_extra)]
        units += ["Unit Z"] * n_extra
        roles += ["Analyst"] * n_extra
        readiness = np.concatenate([readiness, np.full(n_extra, 0.5)])
    en = lang == "en"
    people = PeopleGrid(title="People" if en else "Personas", label_header="Person (pseudonym)" if en else
                        "Persona (seudónimo)", unit_header="Unit" if en else "Unidad",
                        role_header="Role profile" if en else "Perfil de puesto",
                        readiness_header="Readiness" if en else "Preparación", person_label=labels, unit=units,
                        role=roles, readiness=readiness, competencies=comps, current=current, required=required)
    share = np.array([[0.5, 1.0, NAN], [0.0, 0.25, 0.75]])
    heat = HeatmapData(title="Requirements met" if en else "Requisitos cumplidos", row_title="Unit" if en else
                       "Unidad", col_title="Competency" if en else "Competencia", row_labels=["Unit A", EVIL],
                       col_labels=comps, share=share, mean_gap=np.array([[0.5, 0.0, NAN], [2.0, 1.5, 0.25]]),
                       counts=np.array([[2, 1, 0], [3, 4, 4]]))
    widest = Table("Widest gaps" if en else "Brechas más amplias", (
        Column("competency", "Competency" if en else "Competencia"), Column("framework", "Framework"),
        Column("short", "People short" if en else "Personas con brecha", "int"),
        Column("share_meeting", "Requirements met", "pct"), Column("mean_gap", "Mean gap", "float"),
        Column("hard", "Hard to transfer")),
        [["Planning", "SPC", 3, 0.4, 1.25, "No"], [EVIL, "+F", 2, 0.5, NAN, "Yes"],
         ["Data analysis", "SPC", 1, None, 0.5, True]])
    by_unit = Table("Gaps by unit" if en else "Brechas por unidad", (
        Column("unit", "Unit" if en else "Unidad"), Column("staff", "People", "int"),
        Column("coverage", "Coverage", "pct"), Column("mean_gap", "Mean gap", "float")),
        [["Unit A", 2, 0.75, 0.5], [EVIL, 3, None, 1.25]])
    return GapReportData(
        meta=meta(lang, pseudonymised=pseudonymised),
        summary=[SummaryItem("People" if en else "Personas", len(labels), "int"),
                 SummaryItem("Mean readiness", 0.5833, "pct"), SummaryItem("Unknown", None, "pct"),
                 SummaryItem("Latest assessment", date(2025, 2, 28), "date")],
        widest_gaps=widest,
        competency_gaps=CompetencyGaps(comps, np.array([3, 2, 1]), np.array([1.25, NAN, 0.5]),
                                       np.array([0.4, 0.5, NAN]), np.array([False, True, False])),
        groups_heatmap=heat, people=people, by_unit=by_unit,
        definitions=[Definition("Gap", "Required level minus current level, when positive. " * 8),
                     Definition(EVIL, "-hostile\nsecond line")],
        staff_ids=tuple(range(900, 900 + len(labels))))


def training_data(lang: str = "en") -> TrainingReportData:
    assignments = Table("Track assignments", (
        Column("person", "Person"), Column("unit", "Unit"), Column("track", "Track"), Column("status", "Status"),
        Column("done", "Done", "pct"), Column("hours", "Hours", "float"), Column("due", "Due", "date"),
        Column("overdue", "Overdue")),
        [["P-AAAA-0001", "Unit A", EVIL, "In progress", 0.5, 12.5, date(2025, 6, 30), "No"],
         ["P-BBBB-0002", "+Unit B", "@track", "Not started", None, 8.0, None, "Yes"]])
    certs = Table("Certifications due", (
        Column("person", "Person"), Column("programme", "Programme"), Column("status", "Status"),
        Column("valid_until", "Valid until", "date"), Column("attempts_left", "Attempts left", "int")),
        [["P-AAAA-0001", "SPC-1", "Due", date(2025, 9, 1), 2]])
    return TrainingReportData(
        meta=meta(lang, kind="training"),
        summary=[SummaryItem("Assignments", 2, "int"), SummaryItem("Completed", 0.0, "pct")],
        status_counts=[StatusCount("not_started", "Not started", 1), StatusCount("in_progress", "In progress", 1),
                       StatusCount("completed", "Completed", 0)],
        assignments=assignments,
        programmes=[ProgrammeStatus("SPC-1", EVIL, (StatusCount("certified", "Certified", 4),
                                                    StatusCount("due", "Due", 1)), 5),
                    ProgrammeStatus("SPC-2", "Leadership", (StatusCount("expired", "Expired", 2),), 2)],
        certifications=certs, definitions=[Definition("Overdue", "Past the due date and not completed.")],
        staff_ids=(900, 901))


def open_book(path: Path) -> OpenpyxlWorkbook:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an extension openpyxl does not know would be a writer mistake
        return load_workbook(path)


def rows(ws: OpenpyxlSheet) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def find_row(ws: OpenpyxlSheet, first: object) -> tuple[Any, ...]:
    return next(r for r in rows(ws) if r and r[0] == first)


def all_cells(wb: OpenpyxlWorkbook) -> list[Any]:
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


# -- gap report ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "sheets"), [
    ("en", ["Summary", "Heatmap", "People", "Required levels", "By unit", "Definitions"]),
    ("es", ["Resumen", "Mapa de calor", "Personas", "Niveles requeridos", "Por unidad", "Definiciones"]),
])
def test_gap_report_sheets_and_headers_in_the_report_language(tmp_path: Path, lang: str, sheets: list[str]) -> None:
    data = gap_data(lang)
    path = X.write_gap_report(data, tmp_path / "gaps.xlsx")
    assert path == tmp_path / "gaps.xlsx"
    wb = open_book(path)
    assert wb.sheetnames == sheets
    people = wb[sheets[2]]
    header = rows(people)[3]  # under the title, the legend and the colour key
    assert list(header[:len(data.people.headers)]) == data.people.headers
    assert set(header[len(data.people.headers):]) <= {None}
    key = rows(people)[2]
    assert key[1] == ("met" if lang == "en" else "cumple")
    assert ("? required, not assessed" if lang == "en" else "? requerida, sin evaluar") in key
    summary = [v for r in rows(wb[sheets[0]]) for v in r if v is not None]
    for text in (data.meta.title, data.meta.organisation, data.meta.subtitle, "2025-02-28", "2025-03-04 10:20",
                 "ana", "staff.xlsx (2025-01-10)", "+levels.csv (2025-02-01)", data.widest_gaps.title):
        assert text in summary
    labels = ("Organisation", "Scope", "Generated by", "Source files", "People identified by") if lang == "en" \
        else ("Organización", "Alcance", "Generado por", "Archivos de origen", "Personas identificadas por")
    assert set(labels) <= set(summary)
    assert (X.tr("xlsx.notice.pseudonymised", lang)) in summary
    assert list(find_row(wb[sheets[4]], data.by_unit.headers[0])) == data.by_unit.headers
    assert rows(wb[sheets[5]])[2] == (("Term", "Definition") if lang == "en" else ("Término", "Definición"))
    heat_header = rows(wb[sheets[1]])[3]
    assert heat_header[1:4] == tuple(data.groups_heatmap.col_labels)
    assert heat_header[0] == f"{data.groups_heatmap.row_title} / {data.groups_heatmap.col_title}"


def test_a_persons_row_equals_the_data(tmp_path: Path) -> None:
    data = gap_data("en")
    ws = open_book(X.write_gap_report(data, tmp_path / "g.xlsx"))["People"]
    grid = data.people
    for p, label in enumerate(grid.person_label):
        row = find_row(ws, label)
        assert row[1] == (grid.unit[p] or None) and row[2] == (grid.role[p] or None)
        r = grid.readiness[p]
        assert (row[3] is None) if math.isnan(r) else row[3] == pytest.approx(r)
        for c in range(len(grid.competencies)):
            need, cur = grid.required[p, c], grid.current[p, c]
            expected = None if math.isnan(need) else ("?" if math.isnan(cur) else cur)
            assert row[4 + c] == expected, (label, c)
    row = find_row(ws, "P-AAAA-0001")
    assert row[4:7] == (2, None, "?")  # level 2 (short), not required, required but not assessed
    first = ws.cell(row=5, column=5)
    assert first.data_type == "n" and first.number_format == "0"
    assert ws.cell(row=5, column=4).number_format == "0.0%"


def test_people_cells_are_coloured_by_gap_and_unknown_marked(tmp_path: Path) -> None:
    from skillmap.charts import palette

    data = gap_data("en")
    ws = open_book(X.write_gap_report(data, tmp_path / "g.xlsx"))["People"]
    by_label = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}

    def fill(label: str, c: int) -> str:
        return str(ws.cell(row=by_label[label], column=5 + c).fill.fgColor.rgb)[-6:].upper()

    assert fill("P-AAAA-0001", 0) == palette.GAP_STEPS[1][1:]  # 2 against 3: one level short
    assert fill("P-CCCC-0003", 0) == palette.GAP_STEPS[4][1:]  # 0 against 4: four levels short
    met = ws.cell(row=by_label["P-BBBB-0002"], column=6)  # 3 against 2: met, a plain cell
    assert met.value == 3 and met.fill.fill_type is None and met.style_id == 0
    unknown = ws.cell(row=by_label["P-AAAA-0001"], column=7)
    assert unknown.value == "?" and str(unknown.font.color.rgb)[-6:].upper() == palette.UNKNOWN[1:]
    key = {ws.cell(row=3, column=c).value: ws.cell(row=3, column=c) for c in range(2, 12)}
    assert str(key["1 level short"].fill.fgColor.rgb)[-6:].upper() == palette.GAP_STEPS[1][1:]
    assert str(key["met"].fill.fgColor.rgb)[-6:].upper() == "FFFFFF"
    # not required: no cell, painted grey by one conditional format over the whole grid
    rules = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
    assert any(rule.type == "containsBlanks" and ref == f"E5:G{4 + len(data.people)}" for ref, rule in rules)
    assert any(rule.type == "dataBar" and ref == f"D5:D{4 + len(data.people)}" for ref, rule in rules)


def test_no_cell_is_a_formula_and_hostile_text_stays_text(tmp_path: Path) -> None:
    for path in (X.write_gap_report(gap_data("es"), tmp_path / "g.xlsx"),
                 X.write_training_report(training_data("en"), tmp_path / "t.xlsx")):
        wb = open_book(path)
        cells = all_cells(wb)
        assert cells and all(c.data_type != "f" for c in cells)
        texts = [c for c in cells if isinstance(c.value, str)]
        assert all(c.data_type == "s" for c in texts)
        values = {c.value for c in texts}
        assert EVIL in values
        assert {"+Unit B", "@track"} & values or {"+Unit B", "-Head"} <= values
    # nothing in the XML either: no <f> element in any worksheet
    with zipfile.ZipFile(tmp_path / "g.xlsx") as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_frozen_panes_filters_and_print_settings(tmp_path: Path) -> None:
    data = gap_data("en")
    wb = open_book(X.write_gap_report(data, tmp_path / "g.xlsx"))
    n = len(data.people)
    people = wb["People"]
    assert people.freeze_panes == "B5"
    assert people.auto_filter.ref == f"A4:G{4 + n}"
    assert people.print_title_rows == "$4:$4" and people.print_title_cols == "$A:$A"
    heat = wb["Heatmap"]
    assert heat.freeze_panes == "B5" and heat.print_title_rows == "$4:$4"
    by_unit = wb["By unit"]
    assert by_unit.freeze_panes == "B4" and by_unit.auto_filter.ref == "A3:D5"
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1: default
        assert ws.page_setup.fitToHeight == 0
        assert ws.oddHeader.left.text == "Secretaría de Prueba && Co"  # '&' escaped in header codes
        assert ws.oddFooter.right.text == "Page &P of &N"
        assert "confidential" in ws.oddFooter.center.text
    assert people.print_options.gridLines and not wb["Summary"].print_options.gridLines
    assert people.column_dimensions["E"].width == pytest.approx(5.0, abs=0.8)


def test_heatmap_has_colour_scales_and_blank_cells_for_no_data(tmp_path: Path) -> None:
    from skillmap.charts import palette

    wb = open_book(X.write_gap_report(gap_data("en"), tmp_path / "g.xlsx"))
    ws = wb["Heatmap"]
    scales = {str(cf.sqref): rule for cf in ws.conditional_formatting for rule in cf.rules
              if rule.type == "colorScale"}
    share = scales["B5:D6"]
    assert [(v.type, float(v.val)) for v in share.colorScale.cfvo] == [("num", 0.0), ("num", 0.5), ("num", 1.0)]
    colours = [str(c.rgb)[-6:].upper() for c in share.colorScale.color]
    assert colours == [palette.RDYLBU_9[1][1:], palette.RDYLBU_9[4][1:], palette.RDYLBU_9[7][1:]]
    assert "B3:F3" in scales  # the colour key row
    assert len(scales) == 3  # share, mean gap, key
    assert rows(ws)[4][:4] == ("Unit A", 0.5, 1, None)  # NaN: empty cell (grey)
    assert ws.cell(row=5, column=2).number_format == "0%"
    texts = [v for r in rows(ws) for v in r if isinstance(v, str)]
    assert any(t.startswith("Assessed requirements behind") for t in texts)
    counts_title = next(i for i, r in enumerate(rows(ws)) if r[0] and str(r[0]).startswith("Assessed requirements"))
    assert rows(ws)[counts_title + 2][:4] == (EVIL, 3, 4, 4)


def test_summary_figures_widest_gaps_and_chart(tmp_path: Path) -> None:
    data = gap_data("en")
    path = X.write_gap_report(data, tmp_path / "g.xlsx")
    ws = open_book(path)["Summary"]
    assert find_row(ws, "People")[1] == len(data.people)
    assert find_row(ws, "Mean readiness")[1] == pytest.approx(0.5833)
    assert find_row(ws, "Unknown")[1] is None
    assert find_row(ws, "Latest assessment")[1] == datetime(2025, 2, 28)
    assert ws.cell(row=[r[0] for r in rows(ws)].index("Latest assessment") + 1, column=2).number_format == \
        "yyyy-mm-dd"
    assert find_row(ws, EVIL)[:6] == (EVIL, "+F", 2, 0.5, None, "Yes")
    assert find_row(ws, "Data analysis")[5] == "Yes"  # booleans as translated text
    pct = next(c for r in ws.iter_rows() for c in r if c.value == 0.4)
    assert pct.number_format == "0.0%"
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode()
    assert "<c:barChart>" in xml and "Summary!$A$" in xml and "Summary!$C$" in xml


def test_names_version_says_personal_data(tmp_path: Path) -> None:
    wb = open_book(X.write_gap_report(gap_data("es", pseudonymised=False), tmp_path / "g.xlsx"))
    summary = {v for r in rows(wb["Resumen"]) for v in r}
    assert X.tr("xlsx.notice.named", "es") in summary and "nombre" in summary
    assert "datos personales" in wb["Personas"].oddFooter.center.text


def test_large_grid_in_blocks_and_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    data = gap_data("en", n_extra=2 * X.PROGRESS_ROWS + 17)
    X.write_gap_report(data, tmp_path / "g.xlsx", progress=Progress(lambda d, t, m: seen.append((d, t, m)),
                                                                   min_interval=0.0))
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "Workbook written"
    assert any("of 4,022 rows" in m for _d, _t, m in seen)
    done = [d for d, _t, _m in seen]
    assert done == sorted(done)
    ws = open_book(tmp_path / "g.xlsx")["People"]
    assert ws.max_row == 4 + len(data.people)
    last = rows(ws)[-1]
    assert last[0] == data.people.person_label[-1] and list(last[4:7]) == data.people.current[-1].tolist()


def test_cancel_stops_writing_and_leaves_nothing(tmp_path: Path) -> None:
    data = gap_data("en", n_extra=3 * X.PROGRESS_ROWS)
    calls: list[str] = []
    progress = Progress(min_interval=0.0)

    def on_report(done: int, total: int, message: str) -> None:
        calls.append(message)
        if "People" in message and "rows" in message:
            progress.cancel()

    progress.callback = on_report
    with pytest.raises(Cancelled):
        X.write_gap_report(data, tmp_path / "g.xlsx", progress=progress)
    assert list(tmp_path.iterdir()) == []
    assert sum("People" in m and "rows" in m for m in calls) == 1  # stopped at the first block
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        X.write_training_report(training_data(), tmp_path / "t.xlsx", progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_empty_report_is_still_a_readable_workbook(tmp_path: Path) -> None:
    data = gap_data("en")
    grid = data.people
    data.people = PeopleGrid(grid.title, grid.label_header, grid.unit_header, grid.role_header,
                             grid.readiness_header, [], [], [], np.zeros(0), grid.competencies,
                             np.zeros((0, 3)), np.zeros((0, 3)))
    data.by_unit = Table(data.by_unit.title, data.by_unit.columns, [], note="No units.")
    data.widest_gaps = Table(data.widest_gaps.title, data.widest_gaps.columns, [])
    wb = open_book(X.write_gap_report(data, tmp_path / "g.xlsx"))
    assert rows(wb["People"])[4][0] == "No people in scope."
    assert find_row(wb["By unit"], "No units.")
    assert find_row(wb["Required levels"], "Nothing to list.")
    assert "Nothing to list." in {r[0] for r in rows(wb["Summary"])}
    assert wb["People"].auto_filter.ref is None


def test_required_levels_sheet_lists_each_role_once(tmp_path: Path) -> None:
    wb = open_book(X.write_gap_report(gap_data("en", n_extra=5), tmp_path / "g.xlsx"))
    table = rows(wb["Required levels"])
    assert table[3][:2] == ("Role profile", "People")
    body = [r for r in table[4:] if r[0]]
    # "Analyst" appears with two requirement vectors (the filler rows require 2, 2, 2)
    assert sorted(body, key=str) == sorted([("-Head", 1, 2, 2, 2), ("Analyst", 1, 3, 2, 3), ("Analyst", 1, 3, None, 2),
                                            ("Analyst", 5, 2, 2, 2), ("Head", 1, 4, 2, None)], key=str)


# -- training report -----------------------------------------------------------------------------------------------
def test_training_report(tmp_path: Path) -> None:
    data = training_data("en")
    wb = open_book(X.write_training_report(data, tmp_path / "t.xlsx"))
    assert wb.sheetnames == ["Summary", "Assignments", "Certification programmes", "Certifications", "Definitions"]
    summary = wb["Summary"]
    assert find_row(summary, "Assignments")[1] == 2
    assert find_row(summary, "In progress")[1] == 1 and find_row(summary, "Completed")[1] == 0
    assignments = wb["Assignments"]
    assert rows(assignments)[2] == tuple(data.assignments.headers)
    assert find_row(assignments, "P-AAAA-0001") == ("P-AAAA-0001", "Unit A", EVIL, "In progress", 0.5, 12.5,
                                                    datetime(2025, 6, 30), "No")
    assert find_row(assignments, "P-BBBB-0002")[4] is None and find_row(assignments, "P-BBBB-0002")[6] is None
    assert assignments.cell(row=4, column=7).number_format == "yyyy-mm-dd"
    assert assignments.freeze_panes == "B4" and assignments.auto_filter.ref == "A3:H5"
    programmes = wb["Certification programmes"]
    assert rows(programmes)[2] == ("Code", "Programme", "People", "Certified", "Due", "Expired")
    assert find_row(programmes, "SPC-1") == ("SPC-1", EVIL, 5, 4, 1, 0)
    assert find_row(programmes, "SPC-2") == ("SPC-2", "Leadership", 2, 0, 0, 2)
    certs = wb["Certifications"]
    assert find_row(certs, "P-AAAA-0001") == ("P-AAAA-0001", "SPC-1", "Due", datetime(2025, 9, 1), 2)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
    assert assignments.print_title_rows == "$3:$3"
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 1 and "<c:barChart>" in charts[0] and "Summary!$B$" in charts[0]
    # nothing assigned: the counts are listed, but no chart of zeros is drawn
    data.status_counts = [StatusCount(c.key, c.label, 0) for c in data.status_counts]
    X.write_training_report(data, tmp_path / "t0.xlsx")
    with zipfile.ZipFile(tmp_path / "t0.xlsx") as z:
        assert not [n for n in z.namelist() if n.startswith("xl/charts/")]
    assert find_row(open_book(tmp_path / "t0.xlsx")["Summary"], "Not started")[1] == 0


def test_training_report_in_spanish(tmp_path: Path) -> None:
    wb = open_book(X.write_training_report(training_data("es"), tmp_path / "t.xlsx"))
    assert wb.sheetnames == ["Resumen", "Asignaciones", "Programas de certificación", "Certificaciones",
                             "Definiciones"]
    assert "Asignaciones por estado" in {r[0] for r in rows(wb["Resumen"])}
    assert wb["Resumen"].oddFooter.right.text == "Página &P de &N"


# -- CSV -----------------------------------------------------------------------------------------------------------
TABLE = Table("t", (Column("who", "Who"), Column("n", "Count", "int"), Column("share", "Share", "pct"),
                    Column("gap", "Gap", "float"), Column("level", "Level", "level"), Column("on", "On", "date")),
              [["=SUM(A1)", 1200, 0.755, 1.5, 2.0, date(2025, 1, 2)],
               ["plain; text, with \"quotes\"", None, None, NAN, 2.5, None],
               ["+1", 3, 1.0, 0.0, None, date(2025, 12, 31)],
               ["-x", 0, 0.0, -0.25, 0.0, None], ["@me", 1, 0.5, 2.0, 1.0, None], ["\tcmd", 1, 0.5, 2.0, 1.0, None],
               ["\rcr", 1, 0.5, 2.0, 1.0, None], ["\nlf", 1, 0.5, 2.0, 1.0, None], [True, 1, 0.5, 2.0, 1.0, None]])


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark (Excel reads accents right)
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=delimiter))


def test_csv_in_english(tmp_path: Path) -> None:
    out = read_csv(X.write_table_csv(TABLE, tmp_path / "t.csv", lang="en"), ",")
    assert out[0] == ["Who", "Count", "Share (%)", "Gap", "Level", "On"]
    assert out[1] == ["'=SUM(A1)", "1200", "75.5", "1.50", "2", "2025-01-02"]
    assert out[2] == ['plain; text, with "quotes"', "", "", "", "2.5", ""]
    assert out[3] == ["'+1", "3", "100.0", "0.00", "", "2025-12-31"]
    assert out[4][:4] == ["'-x", "0", "0.0", "-0.25"]
    assert [r[0] for r in out[5:]] == ["'@me", "'\tcmd", "'\rcr", "'\nlf", "Yes"]
    assert (tmp_path / "t.csv").read_bytes().count(b"\r\n") == len(TABLE.rows) + 1


def test_csv_in_spanish(tmp_path: Path) -> None:
    out = read_csv(X.write_table_csv(TABLE, tmp_path / "t.csv", lang="es"), ";")
    assert out[0] == ["Who", "Count", "Share (%)", "Gap", "Level", "On"]
    assert out[1] == ["'=SUM(A1)", "1200", "75,5", "1,50", "2", "2025-01-02"]
    assert out[2][0] == 'plain; text, with "quotes"' and out[2][4] == "2,5"
    assert out[4][3] == "-0,25" and out[-1][0] == "Sí"


def test_csv_rows_must_match_columns(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 cells for 6 columns"):
        X.write_csv_rows(TABLE.columns, [["a", 1]], tmp_path / "x.csv", lang="en")


def test_csv_of_the_people_grid_generator(tmp_path: Path) -> None:
    grid = gap_data("es").people
    columns = [Column("person", grid.label_header), Column("unit", grid.unit_header),
               Column("role", grid.role_header), Column("readiness", grid.readiness_header, "pct"),
               *(Column(f"c{i}", name, "level") for i, name in enumerate(grid.competencies))]
    out = read_csv(X.write_csv_rows(columns, grid.rows(), tmp_path / "p.csv", lang="es"), ";")
    assert out[0] == ["Persona (seudónimo)", "Unidad", "Perfil de puesto", "Preparación (%)", "Planning", "'=SUM(A1)",
                      "Data analysis"]
    assert out[1] == ["P-AAAA-0001", "Unit A", "Analyst", "50,0", "2", "", ""]
    assert out[3][:2] == ["P-CCCC-0003", "'+Unit B"] and out[4][0] == "'=SUM(A1)"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("\nx", "'\nx"), ("plain", "plain"), ("", ""), (" =x", " =x"), (-1, -1), (2.5, 2.5), (None, None),
])
def test_csv_safe(value: object, expected: object) -> None:
    assert X.csv_safe(value) == expected


# -- the worksheet speed-up writes the same file -------------------------------------------------------------------
def test_report_sheet_writes_the_same_xml_as_xlsxwriters_own(tmp_path: Path) -> None:
    import xlsxwriter

    def write(path: Path, cls: type | None) -> bytes:
        wb = xlsxwriter.Workbook(str(path), X.WORKBOOK_OPTIONS)
        ws = wb.add_worksheet("S", worksheet_class=cls)
        fmt = [wb.add_format({"bg_color": "#FF0000"}), wb.add_format({"num_format": "0.0%"})]
        for r in range(50):
            ws.write_string(r, 0, f'a&b"<{r}>', fmt[r % 2])
            ws.write_number(r, 1, r / 7, fmt[(r + 1) % 2])
            ws.write_number(r, 2, r)
            ws.write_blank(r, 3, None, fmt[0])
        wb.set_properties({"created": datetime(2025, 1, 1)})
        wb.close()
        with zipfile.ZipFile(path) as z:
            return z.read("xl/worksheets/sheet1.xml")

    assert write(tmp_path / "a.xlsx", X._ReportSheet) == write(tmp_path / "b.xlsx", None)
