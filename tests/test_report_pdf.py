"""PDF writers of the reports (skillmap.reports.pdf), on report data built here without a database.

Every file is written under ``tmp_path`` and read back with pypdf: page count, the "page N of M" footer of
every page, cover texts, Spanish labels and characters, pseudonymisation, descriptors of the development
report, long tables breaking across pages with their header repeated, the people grid's column groups, the
limits that keep a whole-organisation report short, and cancel.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from skillmap.reports import pdf
from skillmap.reports.model import (
    AssignedTrack,
    Column,
    CompetencyGaps,
    CourseState,
    Definition,
    GapReportData,
    HeatmapData,
    PeopleGrid,
    PersonChart,
    PersonGap,
    PersonInfo,
    PersonReportData,
    ProgrammeStatus,
    ReportMeta,
    StatusCount,
    SummaryItem,
    Table,
    TrainingReportData,
)
from skillmap.reports.pdf_layout import fit_widths
from skillmap.tasks import Cancelled, Progress

# -- test data -----------------------------------------------------------------------------------------------
NAMES = ["Hernández García, Juan", "Núñez Peña, María José", "López Ibarra, Ana Sofía", "Ramírez Ortega, Luis"]
UNITS = ["Dirección General de Tecnologías de la Información", "Unidad de Política y Control Presupuestario",
         "Dirección de Diseño de Servicios Digitales"]
ROLES = ["Científica(o) de datos", "Ingeniera(o) de software", "Dirección de área"]
COMPETENCIES_ES = ["Análisis de datos", "Diseño de servicios", "Gestión de la información", "Liderazgo",
                   "Negociación", "Ciberseguridad", "Arquitectura empresarial", "Visión estratégica"]
COMPETENCIES_EN = ["Data analysis", "Service design", "Information management", "Leadership", "Negotiation",
                   "Cybersecurity", "Enterprise architecture", "Strategic vision"]


def pseudonym(i: int) -> str:
    return f"P-{i:04d}-{i * 7919 % 10000:04d}"


def texts(lang: str) -> dict[str, str]:
    es = lang == "es"
    return {
        "title": "Reporte de brechas de competencias" if es else "Skills gap report",
        "org": "Secretaría de Economía" if es else "Ministry of Economy",
        "scope": "dependencia: Secretaría de Economía; unidad: Diseño «digital» → ◆" if es
        else "agency: Ministry of Economy; unit: Digital «design» → ◆",
    }


def make_meta(kind: str = "gaps", lang: str = "en", pseudonymised: bool = True, title: str | None = None,
              subtitle: str = "") -> ReportMeta:
    t = texts(lang)
    return ReportMeta(kind=kind, lang=lang, title=title or t["title"], subtitle=subtitle or t["scope"],  # type: ignore[arg-type]
                      organisation=t["org"], scope_label=t["scope"],
                      generated_at=datetime(2026, 11, 29, 10, 30), generated_by="planner.one",
                      data_date=date(2026, 10, 30), sources=("personal_2026.xlsx (2026-10-30)",),
                      pseudonymised=pseudonymised)


def make_gap_data(*, lang: str = "en", people: int = 30, competencies: int = 8, groups: int = 3,
                  pseudonymised: bool = True, seed: int = 1) -> GapReportData:
    rng = np.random.default_rng(seed)
    base = COMPETENCIES_ES if lang == "es" else COMPETENCIES_EN
    comps = [base[c % len(base)] + ("" if c < len(base) else f" {c // len(base) + 1}") for c in range(competencies)]
    required = np.where(rng.random((people, competencies)) < 0.5, rng.integers(1, 5, (people, competencies)), np.nan)
    current = np.where(rng.random((people, competencies)) < 0.85, rng.integers(0, 5, (people, competencies)), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(np.isfinite(required) & np.isfinite(current), np.minimum(current, required) / required, 0)
        known = (np.isfinite(required) & np.isfinite(current)).sum(1)
        readiness = np.where(known > 0, share.sum(1) / np.maximum(known, 1), np.nan)
    labels = [pseudonym(i) if pseudonymised else f"{NAMES[i % len(NAMES)]} ({100000 + i})" for i in range(people)]
    grid = PeopleGrid(
        title="Personas y sus niveles" if lang == "es" else "People and their levels",
        label_header="Persona (seudónimo)" if lang == "es" else "Person (pseudonym)",
        unit_header="Unidad" if lang == "es" else "Unit", role_header="Puesto" if lang == "es" else "Role",
        readiness_header="Preparación" if lang == "es" else "Readiness",
        person_label=labels, unit=[UNITS[i % len(UNITS)] for i in range(people)],
        role=[ROLES[i % len(ROLES)] for i in range(people)], readiness=readiness, competencies=comps,
        current=current.astype(float), required=required.astype(float))
    group_labels = [f"{UNITS[g % len(UNITS)]} {g + 1}" for g in range(groups)]
    share = np.where(rng.random((groups, competencies)) < 0.9, rng.random((groups, competencies)), np.nan)
    heat = HeatmapData(title="Requisitos cumplidos" if lang == "es" else "Requirements met",
                       row_title="Unidad" if lang == "es" else "Unit",
                       col_title="Competencia" if lang == "es" else "Competency",
                       row_labels=group_labels, col_labels=comps, share=share, mean_gap=1 - share,
                       counts=np.full((groups, competencies), 10, dtype=np.int64))
    short = rng.integers(0, 30, competencies)
    cg = CompetencyGaps(competencies=comps, short=short, mean_gap=rng.random(competencies),
                        share_meeting=rng.random(competencies), hard_to_transfer=np.zeros(competencies, dtype=bool))
    widest = Table(title="Brechas más amplias" if lang == "es" else "Widest gaps",
                   columns=(Column("competency", "Competencia" if lang == "es" else "Competency"),
                            Column("short", "Personas con brecha" if lang == "es" else "People short", "int"),
                            Column("share", "Cumplen" if lang == "es" else "Share meeting", "pct"),
                            Column("hard", "Difícil de transferir" if lang == "es" else "Hard to transfer")),
                   rows=[[comps[i], int(short[i]), 0.5, "no"] for i in np.argsort(-short)])
    by_unit = Table(title="Por unidad" if lang == "es" else "By unit",
                    columns=(Column("unit", "Unidad" if lang == "es" else "Unit"),
                             Column("people", "Personas" if lang == "es" else "People", "int"),
                             Column("readiness", "Preparación" if lang == "es" else "Readiness", "pct"),
                             Column("gap", "Brecha promedio" if lang == "es" else "Mean gap", "float")),
                    rows=[[g, 10 + i, 0.7, 0.45] for i, g in enumerate(group_labels)])
    definition = (Definition("Brecha", "«brecha» → máx(0, requerido − actual); año, niño, señal")
                  if lang == "es" else Definition("Gap", "max(0, required − current) ◆"))
    summary = [SummaryItem("Personas" if lang == "es" else "People", people, "int"),
               SummaryItem("Preparación promedio" if lang == "es" else "Mean readiness", 0.705, "pct"),
               SummaryItem("Datos al" if lang == "es" else "Data as of", date(2026, 10, 30), "date")]
    return GapReportData(meta=make_meta("gaps", lang, pseudonymised), summary=summary, widest_gaps=widest,
                         competency_gaps=cg, groups_heatmap=heat, people=grid, by_unit=by_unit,
                         definitions=[definition], staff_ids=tuple(range(1, people + 1)))


def make_person_data(lang: str = "en", tracks: int = 1) -> PersonReportData:
    es = lang == "es"
    gaps = [
        PersonGap("Análisis de datos" if es else "Data analysis", "mx-ddat", 1.0, 3.0, 2.0,
                  "Conocimiento" if es else "Awareness", "Reconoce tipos de datos y su origen." if es
                  else "Recognises kinds of data and where they come from.",
                  "Dominio" if es else "Practitioner", "Diseña análisis reproducibles para su área." if es
                  else "Designs reproducible analyses for the unit.", True),
        PersonGap("Liderazgo" if es else "Leadership", "mx-mgr", 4.0, 3.0, 0.0, "Experto" if es else "Expert",
                  "Inspira a personas más allá de su línea de mando." if es else "Inspires people beyond the team.",
                  "Dominio" if es else "Practitioner", "Integra equipos cohesionados." if es
                  else "Builds cohesive teams.", False),
        PersonGap("Negociación" if es else "Negotiation", "mx-mgr", float("nan"), 2.0, float("nan"), "", "",
                  "Aplicación" if es else "Working", "Negocia acuerdos con otras áreas." if es
                  else "Negotiates agreements with other units.", False),
    ]
    chart = PersonChart(competencies=[g.competency for g in gaps], current=np.array([1.0, 4.0, np.nan]),
                        required=np.array([3.0, 3.0, 2.0]), role="Dirección de área" if es else "Head of area",
                        level_names=["Ninguno", "Conocimiento", "Aplicación", "Dominio", "Experto"] if es
                        else ["None", "Awareness", "Working", "Practitioner", "Expert"], max_level=4)
    track_list = [AssignedTrack(
        track=("Ruta de datos para directivos (RUTA-DAT)" if es else "Data track for managers (TRK-DAT)") + f" {k}",
        assigned_on=date(2026, 3, 1), due=date(2026, 9, 30), status="en curso" if es else "in progress",
        status_key="in_progress", overdue=k == 0, share_done=0.5,
        courses=(CourseState("DAT-101", "Introducción al análisis de datos" if es else "Introduction to data",
                             12.0, True, "aprobado" if es else "passed"),
                 CourseState("DAT-201", "Visualización" if es else "Visualisation", 8.5, False,
                             "sin iniciar" if es else "not started"))) for k in range(tracks)]
    plan = Table(title="Plan de cursos" if es else "Course plan",
                 columns=(Column("order", "#", "int"), Column("course", "Curso" if es else "Course"),
                          Column("hours", "Horas" if es else "Hours", "float")),
                 rows=[[1, "DAT-201 Visualización" if es else "DAT-201 Visualisation", 8.5]])
    return PersonReportData(
        meta=make_meta("person", lang, False, title="Reporte individual de desarrollo" if es
                       else "Individual development report", subtitle=NAMES[0]),
        person=PersonInfo(NAMES[0], "100124", "Director de área", UNITS[0], texts(lang)["org"],
                          "Dirección de área" if es else "Head of area"),
        readiness=0.6, coverage=0.67, gaps=gaps, chart=chart, tracks=track_list, plan=plan, plan_hours=8.5,
        definitions=[Definition("Brecha" if es else "Gap", "máx(0, requerido − actual)" if es
                                else "max(0, required − current)")], staff_ids=(7,))


def make_training_data(lang: str = "en", assignments: int = 20) -> TrainingReportData:
    es = lang == "es"
    cols = (Column("person", "Persona (seudónimo)" if es else "Person (pseudonym)"),
            Column("unit", "Unidad" if es else "Unit"), Column("track", "Ruta asignada" if es else "Assigned track"),
            Column("status", "Estado" if es else "Status"), Column("done", "Avance" if es else "Done", "pct"),
            Column("hours", "Horas" if es else "Hours", "float"), Column("due", "Vence" if es else "Due", "date"))
    rows = [[pseudonym(i), UNITS[i % len(UNITS)], f"TRK-{i % 4:02d} Datos para la gestión pública",
             "en curso" if es else "in progress", (i % 10) / 10, 20.0, date(2026, 12, 1)]
            for i in range(assignments)]
    certs = Table(title="Certificaciones por renovar" if es else "Certifications due",
                  columns=(Column("person", "Persona" if es else "Person"),
                           Column("programme", "Programa" if es else "Programme"),
                           Column("until", "Vigente hasta" if es else "Valid until", "date"),
                           Column("left", "Intentos restantes" if es else "Attempts left", "int")),
                  rows=[[pseudonym(1000 + i), "CERT-MGR-LEADERSHIP", date(2027, 1, 31), 2] for i in range(5)])
    statuses = [StatusCount("not_started", "sin iniciar" if es else "not started", 3),
                StatusCount("in_progress", "en curso" if es else "in progress", assignments - 3)]
    prog = ProgrammeStatus("CERT-MGR-LEADERSHIP", "Certificación en liderazgo" if es else "Leadership certification",
                           (StatusCount("certified", "certificado" if es else "certified", 10),
                            StatusCount("due", "por renovar" if es else "due", 2)), 12)
    return TrainingReportData(
        meta=make_meta("training", lang, True, title="Reporte de avance de capacitación" if es
                       else "Training status report"),
        summary=[SummaryItem("Asignaciones" if es else "Assignments", assignments, "int")],
        status_counts=statuses, assignments=Table("Asignaciones" if es else "Assignments", cols, rows),
        programmes=[prog], certifications=certs)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


# -- tests ------------------------------------------------------------------------------------------------------
def test_gap_report_pages_numbered_with_title_organisation_and_scope(tmp_path: Path) -> None:
    data = make_gap_data()
    out = pdf.write_gap_report(data, tmp_path / "gaps.pdf")
    assert out == tmp_path / "gaps.pdf"
    pages = page_texts(out)
    assert len(pages) > 1
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text
        assert "Generated 2026-11-29 10:30" in text
    cover = flat(pages[0])
    for expected in (data.meta.title, data.meta.organisation, data.meta.scope_label, "2026-10-30",
                     "planner.one", "personal_2026.xlsx (2026-10-30)", "Pseudonymised"):
        assert expected in cover
    for text in pages[1:]:  # running header
        assert data.meta.organisation in text and data.meta.title in text
    everything = flat(" ".join(pages))
    for expected in ("Widest gaps", "By unit", "People and their levels", "Definitions", "Requirements met",
                     "Competencies with the widest gaps", "max(0, required − current) ◆"):
        assert expected in everything


def test_portrait_letter_and_landscape_pages(tmp_path: Path) -> None:
    reader = PdfReader(pdf.write_gap_report(make_gap_data(), tmp_path / "gaps.pdf"))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(612, 792), (792, 612)}  # US Letter, as Mexico uses, portrait and landscape
    reader = PdfReader(pdf.write_gap_report(make_gap_data(), tmp_path / "a4.pdf", paper="a4"))
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)


def test_spanish_report_has_spanish_labels_and_characters(tmp_path: Path) -> None:
    data = make_gap_data(lang="es")
    pages = page_texts(pdf.write_gap_report(data, tmp_path / "brechas.pdf"))
    for n, text in enumerate(pages, start=1):
        assert f"Página {n} de {len(pages)}" in text
        assert "Generado el 2026-11-29" in text
    cover = flat(pages[0])
    for label in ("Organización", "Alcance", "Datos al", "Generado por", "Archivos de origen", "Seudonimizado",
                  "Secretaría de Economía", "Diseño «digital» → ◆"):
        assert label in cover
    everything = flat(" ".join(pages))
    for expected in ("Resumen", "Definiciones", "«brecha» → máx(0, requerido − actual)", "Requisitos cumplidos",
                     "año, niño, señal", "Dirección General de Tecnologías de la Información", "Preparación"):
        assert expected in everything
    assert "Page " not in everything and "Summary" not in everything


def test_pseudonymised_report_never_names_a_person(tmp_path: Path) -> None:
    data = make_gap_data(people=40)
    text = flat(" ".join(page_texts(pdf.write_gap_report(data, tmp_path / "gaps.pdf"))))
    assert pseudonym(0) in text and pseudonym(39) in text  # the grid is there, by pseudonym
    for name in NAMES:
        for part in re.split(r"[ ,]+", name):
            if len(part) > 3:
                assert part not in text
    assert "100000" not in text  # employee numbers


def test_full_version_names_people_and_warns(tmp_path: Path) -> None:
    data = make_gap_data(people=12, pseudonymised=False)
    pages = page_texts(pdf.write_gap_report(data, tmp_path / "full.pdf"))
    text = flat(" ".join(pages))
    assert "Hernández García, Juan" in text
    assert "holds personal data" in flat(pages[0]) and "Confidential · personal data" in pages[1]
    assert "Pseudonymised" not in text


def test_person_report_has_descriptors_chart_tracks_and_plan(tmp_path: Path) -> None:
    data = make_person_data("es")
    pages = page_texts(pdf.write_person_report(data, tmp_path / "persona.pdf"))
    assert len(pages) > 1
    for n, text in enumerate(pages, start=1):
        assert f"Página {n} de {len(pages)}" in text
    text = flat(" ".join(pages))
    for g in data.gaps:
        assert g.competency in text
        assert g.required_descriptor in text
        if g.current_descriptor:
            assert g.current_descriptor in text
    for expected in ("Hernández García, Juan", "100124", "1 · Conocimiento", "3 · Dominio", "sin evaluar",
                     "◆ difícil de transferir", "cumple", "−2", "Ruta de datos para directivos (RUTA-DAT) 0",
                     "vencida", "50% de los cursos aprobados", "Introducción al análisis de datos",
                     "DAT-201 Visualización", "Total: 8.5 horas"):
        assert expected in text, expected
    # the chart is an image on the profile page
    reader = PdfReader(tmp_path / "persona.pdf")
    assert any(page.images for page in reader.pages[1:3])


def test_person_report_in_english_without_tracks(tmp_path: Path) -> None:
    text = flat(" ".join(page_texts(pdf.write_person_report(make_person_data("en", tracks=0), tmp_path / "p.pdf"))))
    assert "No training track is assigned." in text
    assert "Recognises kinds of data and where they come from." in text and "not assessed" in text


def test_long_table_spans_pages_with_header_repeated(tmp_path: Path) -> None:
    data = make_training_data(assignments=160)
    pages = page_texts(pdf.write_training_report(data, tmp_path / "training.pdf"))
    with_rows = [flat(t) for t in pages if "TRK-0" in t]
    assert len(with_rows) >= 3
    for text in with_rows:
        assert "Assigned track" in text and "Person (pseudonym)" in text
    text = flat(" ".join(pages))
    for i in (0, 80, 159):
        assert pseudonym(i) in text
    assert "Certifications due" in text and "Leadership certification (CERT-MGR-LEADERSHIP)" in text


def test_people_grid_split_in_column_groups_repeats_person_column(tmp_path: Path) -> None:
    data = make_gap_data(people=60, competencies=40)
    pages = page_texts(pdf.write_gap_report(data, tmp_path / "gaps.pdf"))
    grid_pages = [flat(t) for t in pages if "P-00" in t]
    assert len(grid_pages) >= 4  # 60 people over at least two pages, for each of at least two column groups
    for t in grid_pages:  # the header (person column included) on every page
        assert "Person (pseudonym)" in t
    text = flat(" ".join(pages))
    groups = re.findall(r"Competencies (\d+)–(\d+) of 40", text)
    assert len(groups) >= 2 and groups[0][0] == "1" and groups[-1][1] == "40"
    assert "Unit" in grid_pages[0] and "Readiness" in grid_pages[0]
    for i in (0, 30, 59):  # every person once per column group
        assert text.count(pseudonym(i)) == len(groups)


def test_large_scope_prints_no_grid_but_says_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_GRID_PEOPLE", 25)
    data = make_gap_data(people=30)
    pages = page_texts(pdf.write_gap_report(data, tmp_path / "gaps.pdf"))
    text = flat(" ".join(pages))
    assert "The scope has 30 people" in text and "xlsx" in text
    assert pseudonym(0) not in text


def test_heatmap_with_many_rows_is_continued_over_pages(tmp_path: Path) -> None:
    data = make_gap_data(groups=70, people=5)
    pages = page_texts(pdf.write_gap_report(data, tmp_path / "gaps.pdf"))
    parts = [t for t in pages if "Requirements met — rows" in t]
    assert len(parts) == 3
    assert "rows 1–24 of 70" in parts[0] and "rows 49–70 of 70" in parts[2]


def test_long_lists_stop_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_TABLE_ROWS", 30)
    pages = page_texts(pdf.write_training_report(make_training_data(assignments=45), tmp_path / "t.pdf"))
    text = flat(" ".join(pages))
    assert "The first 30 of 45 rows are shown" in text
    assert pseudonym(29) in text and pseudonym(30) not in text


def test_progress_reaches_the_end_and_cancel_leaves_no_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    progress = Progress(callback=lambda d, t, m: seen.append((d, t, m)), min_interval=0.0)
    pdf.write_gap_report(make_gap_data(), tmp_path / "ok.pdf", progress=progress)
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "PDF written"
    assert any("Writing page" in m for _d, _t, m in seen)

    def cancel_on_page(done: int, total: int, message: str) -> None:
        if message.startswith("Writing page 2"):
            progress.cancel()

    progress = Progress(callback=cancel_on_page, min_interval=0.0)
    with pytest.raises(Cancelled):
        pdf.write_gap_report(make_gap_data(), tmp_path / "cancelled.pdf", progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]


def test_cells_are_formatted_by_kind() -> None:
    assert pdf.format_cell(12345, "int", "en") == "12,345"
    assert pdf.format_cell(0.7345, "pct", "es") == "73.5%"
    assert pdf.format_cell(2.0, "level", "en") == "2" and pdf.format_cell(2.25, "level", "en") == "2.2"
    assert pdf.format_cell(None, "level", "es") == "sin dato" and pdf.format_cell(None, "int", "en") == ""
    assert pdf.format_cell(float("nan"), "float", "en") == ""
    assert pdf.format_cell(1.5, "float", "en") == "1.50"
    assert pdf.format_cell(date(2026, 1, 2), "date", "en") == "2026-01-02"
    assert pdf.format_cell(True, "text", "es") == "Sí"
    assert pdf.format_cell("=1+1", "text", "en") == "=1+1"


def test_grid_groups_cover_every_competency_once() -> None:
    groups = pdf._grid_groups(48, first_room=300.0, later_room=640.0, cell_w=17.5)
    assert groups[0][:4] == [0, 1, 2, 3]
    assert all(g[0] == 0 and 1 not in g[1:] for g in groups[1:])
    comps = [i for g in groups for i in g if i >= 4]
    assert comps == list(range(4, 52))
    assert all(len(g) - 1 <= 640.0 // 17.5 for g in groups[1:])
    assert len({len(g) for g in groups[1:]}) <= 2  # balanced


def test_fit_widths_narrows_long_texts_first() -> None:
    natural = [70.0, 250.0, 180.0, 40.0, 40.0]
    align = ["left", "left", "left", "right", "right"]
    widths = fit_widths(natural, align, 400.0, minimums=[0, 0, 90.0, 0, 0])  # type: ignore[arg-type]
    assert widths[0] == 70.0 and widths[3:] == [40.0, 40.0]  # codes and numbers keep their width
    assert sum(widths) == pytest.approx(400.0)
    assert widths[1] == pytest.approx(widths[2]) and widths[2] >= 90.0
    roomy = fit_widths([70.0, 100.0, 40.0], ["left", "left", "right"], 400.0)  # type: ignore[arg-type]
    assert roomy[2] == 40.0 and roomy[1] == pytest.approx(160.0)  # grows, at most 1.6×
