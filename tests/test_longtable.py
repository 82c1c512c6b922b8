"""Long-table framework import (skillmap.frameworks.longtable) and the shared table reader (tabular).

Every fixture file is written inside the test under ``tmp_path``: CSV as Excel writes it in English and in
Spanish, and workbooks made with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from skillmap.frameworks.fileformat import framework_to_dict, parse_framework
from skillmap.frameworks.longtable import (
    FIELDS,
    HEADER_SYNONYMS,
    LongTableResult,
    detect_header,
    header_field,
    import_long_table,
    normalise,
    slug,
)
from skillmap.frameworks.model import Framework, Role, RoleLevel, ScaleLevel, Text
from skillmap.frameworks.tabular import list_sheets, read_table, sniff_delimiter
from skillmap.problems import InputError, Problem

Rows = list[list[object]]

EN_HEADER = ["Role family", "Role", "Role level", "Skill", "Skill level", "Skill description",
             "Skill level description", "Status"]
EN_ROWS: Rows = [
    ["Data", "Data analyst", "Associate", "Data analysis", "Awareness", "Finding and\r\nusing data",
     "Can explain\r\nwhat data analysis is.", "In use"],
    ["Data", "Data analyst", "Data analyst", "Data analysis", "Working", "Finding and\r\nusing data",
     "Applies routine analyses.", "In use"],
    ["Data", "Data analyst", "Senior", "Data analysis", "Practitioner", "", "Leads analyses, sets methods.",
     ""],
    ["Data", "Data analyst", "Senior", "Data visualisation", "EXPERT", "Showing data", "Sets standards.", ""],
    ["Data", "Data analyst", "Senior", "Old skill", "Working", "", "", "Not in use"],
    ["Data", "Data engineer", "Lead", "Data analysis", "practitioner", "", "Leads analyses, sets methods.",
     "In use"],
    [],
    ["Source: Example publisher, 2024"],
]


def write_csv(path: Path, header: list[str], rows: Rows, *, delimiter: str = ",",
              encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header: list[str], rows: Rows, *, title: list[str] | None = None,
               sheet: str = "Skills", before: list[str] | None = None) -> Path:
    """A workbook; ``title`` lines go above the header (the first merged across), then a blank row."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if before:
        ws.title = before[0]
        ws["A1"] = "Read me first"
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    if title:
        for line in title:
            ws.append([line])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def level(fw: Framework, role_code: str, seniority: int) -> RoleLevel:
    role = next(r for r in fw.roles if r.code == role_code)
    return next(lv for lv in role.levels if lv.seniority == seniority)


def role(fw: Framework, code: str) -> Role:
    return next(r for r in fw.roles if r.code == code)


def reqs(lv: RoleLevel) -> dict[str, int]:
    return {q.competency: q.level for q in lv.requirements}


def errors_of(exc: pytest.ExceptionInfo[InputError]) -> list[Problem]:
    return exc.value.problems


# -- CSV ----------------------------------------------------------------------------------------------
def test_csv_utf8_bom_comma(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ddat.csv", EN_HEADER, EN_ROWS)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_long_table(path, code="ddat")
    fw = result.framework

    assert result.header_row == 1
    assert result.skipped_rows == 2  # "Not in use" and the footer; the blank row is not counted
    assert result.sheet is None
    assert result.mapping == {
        "role_family": "Role family", "role": "Role", "role_level": "Role level", "skill": "Skill",
        "skill_level": "Skill level", "skill_description": "Skill description",
        "level_description": "Skill level description", "status": "Status",
    }
    assert [f.code for f in fw.role_families] == ["DATA"]
    assert [r.code for r in fw.roles] == ["data-analyst", "data-engineer"]
    analyst = role(fw, "data-analyst")
    assert [(lv.code, lv.seniority, lv.title.en) for lv in analyst.levels] == [
        ("data-analyst-1", 1, "Associate data analyst"),
        ("data-analyst-2", 2, "Data analyst"),
        ("data-analyst-3", 3, "Senior data analyst"),
    ]
    assert level(fw, "data-engineer", 4).title == Text("Lead data engineer", "Lead data engineer")
    assert reqs(level(fw, "data-analyst", 1)) == {"DATA-ANALYSIS": 1}
    assert reqs(level(fw, "data-analyst", 3)) == {"DATA-ANALYSIS": 3, "DATA-VISUALISATION": 4}
    assert reqs(level(fw, "data-engineer", 4)) == {"DATA-ANALYSIS": 3}

    assert [c.code for c in fw.categories] == ["GENERAL"]
    comps = {c.code: c for c in fw.competencies()}
    assert list(comps) == ["DATA-ANALYSIS", "DATA-VISUALISATION"]  # "Old skill" was not in use
    analysis = comps["DATA-ANALYSIS"]
    assert analysis.name == Text("Data analysis", "Data analysis")
    assert analysis.description.en == "Finding and\nusing data"  # line breaks kept, CRLF normalised
    expected = "Can explain\nwhat data analysis is."
    assert analysis.descriptors[1] == Text(expected, expected)
    assert sorted(analysis.descriptors) == [1, 2, 3]
    assert [s.name.es for s in fw.scale] == ["Sin conocimiento", "Conocimiento", "Aplicación", "Dominio",
                                             "Experto"]
    assert fw.code == "ddat" and fw.version == "1.0" and fw.name.en == "ddat" and fw.source == "ddat.csv"
    assert result.warnings == []


def test_csv_cp1252_semicolon_spanish_headers(tmp_path: Path) -> None:
    header = ["  FAMILIA de Puestos ", "Puesto", "Nivel  de PUESTO", "Competencia", "Nivel de competencia:",
              "Descripción del NIVEL", "Estatus"]
    rows: Rows = [
        ["Datos", "Analista de datos", "Junior", "Análisis de datos", "Básico",
         "Limpia datos; usa hojas de cálculo, tablas\ny gráficas.", "Vigente"],
        ["Datos", "Analista de datos", "Analista de datos", "Análisis de datos", "intermedio",
         "Aplica análisis, con apoyo.", "vigente"],
        ["Datos", "Analista de datos", "Sénior", "Análisis de datos", "AVANZADO", "Diseña análisis.", ""],
        ["Datos", "Analista de datos", "Sénior", "Protección de datos", "Maestría", "Es referente.", ""],
        ["Datos", "Analista de datos", "Jefe de análisis", "Análisis de datos", "Experto", "Marca el rumbo.",
         ""],
        ["Datos", "Analista de datos", "Sénior", "Ofimática", "Básico", "", "No vigente"],
        ["Datos", "Analista de datos", "Sénior", "Ofimática", "Básico", "", "Retirado"],
    ]
    path = write_csv(tmp_path / "marco.csv", header, rows, delimiter=";", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.rows[1][5] == "Limpia datos; usa hojas de cálculo, tablas\ny gráficas."

    result = import_long_table(path, code="marco-mx")
    fw = result.framework
    assert result.skipped_rows == 2
    assert result.mapping["role_level"] == "Nivel  de PUESTO"
    assert result.mapping["skill_level"] == "Nivel de competencia:"
    assert [f.name for f in fw.role_families] == [Text("Datos", "Datos")]
    assert [f.code for f in fw.role_families] == ["DATOS"]
    analyst = role(fw, "analista-de-datos")
    assert [(lv.seniority, lv.title.es) for lv in analyst.levels] == [
        (1, "Junior analista de datos"),
        (2, "Analista de datos"),
        (3, "Sénior analista de datos"),
        (4, "Jefe de análisis"),
    ]
    assert reqs(level(fw, "analista-de-datos", 3)) == {"ANALISIS-DE-DATOS": 3, "PROTECCION-DE-DATOS": 4}
    assert reqs(level(fw, "analista-de-datos", 4)) == {"ANALISIS-DE-DATOS": 4}
    comp = next(c for c in fw.competencies() if c.code == "ANALISIS-DE-DATOS")
    assert comp.name.es == "Análisis de datos"
    assert comp.descriptors[1].es == "Limpia datos; usa hojas de cálculo, tablas\ny gráficas."
    assert "OFIMATICA" not in {c.code for c in fw.competencies()}


def test_tab_delimited_and_pipe_and_fallback() -> None:
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a|b|c\n1|2|3\n4|5|6\n") == "|"
    # The sniffer gives up on one line with no consistent structure; the most frequent one wins.
    assert sniff_delimiter('Role;Skill;"Level, word"') == ";"
    assert sniff_delimiter("just one column\n") == ","


# -- workbooks ------------------------------------------------------------------------------------------
def test_xlsx_title_block_multiline_not_in_use_and_footer(tmp_path: Path) -> None:
    header = ["Role family", "Role", "Role level", "Role title", "Skill", "Category", "Skill level",
              "Skill level description", "In use", "Notes"]
    rows: Rows = [
        ["Digital", "Service\ndesigner", "Junior", "Junior service designer", "User research", "Design",
         "Working", "Plans interviews\r\nwith guidance.", "Yes", ""],
        ["Digital", "Service\ndesigner", "Senior", None, "User research", "Design", 3,
         "Leads research.", "Yes", "n"],
        ["Digital", "Service\ndesigner", "Senior", None, "Legacy tooling", "Tools", "Working", "", "Retired",
         ""],
        ["Digital", "Service\ndesigner", "Senior", None, "Accessibility", "Design", 4.0, "Sets standards.",
         "TRUE", ""],
        ["Digital", "Service\ndesigner", "Senior", None, "Prototyping", "Design", "Working", "", "no", ""],
        [None, None, None, None, None, None, None, None, None, "Total: 5 rows"],
    ]
    path = write_xlsx(tmp_path / "digital.xlsx", header, rows,
                      title=["Marco de competencias digitales — Ejemplo", "Publicado: 2024"])
    result = import_long_table(path, code="digital")
    fw = result.framework

    assert result.header_row == 4
    assert result.sheet == "Skills"
    assert result.skipped_rows == 3  # Retired, no, footer
    assert [p.key for p in result.warnings] == ["lt.ignored_columns"]
    assert result.warnings[0].params["headers"] == "“Notes”"
    assert result.warnings[0].severity == "warning"
    designer = role(fw, "service-designer")
    assert designer.name.en == "Service designer"  # names are one line
    assert [(lv.seniority, lv.title.en) for lv in designer.levels] == [
        (1, "Junior service designer"), (3, "Senior service designer")]
    assert [c.code for c in fw.categories] == ["DESIGN"]
    assert reqs(level(fw, "service-designer", 3)) == {"USER-RESEARCH": 3, "ACCESSIBILITY": 4}
    research = next(c for c in fw.competencies() if c.code == "USER-RESEARCH")
    assert research.descriptors[2].en == "Plans interviews\nwith guidance."


def test_xlsx_picks_the_sheet_with_the_table(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", ["Role", "Skill", "Skill level"],
                      [["Analyst", "Statistics", "Working"]], before=["Read me"], sheet="Framework")
    assert list_sheets(path) == ["Read me", "Framework"]
    result = import_long_table(path, code="book")
    assert result.sheet == "Framework"
    assert reqs(level(result.framework, "analyst", 1)) == {"STATISTICS": 2}
    assert level(result.framework, "analyst", 1).title.en == "Analyst"
    assert [f.code for f in result.framework.role_families] == ["GENERAL"]
    with pytest.raises(InputError) as exc:
        import_long_table(path, sheet="Read me", code="book")
    assert [p.key for p in errors_of(exc)] == ["lt.no_header"]
    assert errors_of(exc)[0].sheet == "Read me"


def test_unknown_level_word_is_located(tmp_path: Path) -> None:
    header = ["Role", "Role level", "Skill", "Skill level"]
    rows: Rows = [
        ["Analyst", "Senior", "Statistics", "Working"],
        ["Analyst", "Senior", "Modelling", "Skilled"],
        ["Analyst", "Lead", "Modelling", "Strategic"],
        ["Analyst", "Lead", "Statistics", "skilled"],
    ]
    path = write_xlsx(tmp_path / "words.xlsx", header, rows, title=["Framework"])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="words")
    problems = errors_of(exc)
    assert [(p.key, p.sheet, p.row, p.column) for p in problems] == [
        ("lt.level_word", "Skills", 5, "Skill level"),
        ("lt.level_word", "Skills", 6, "Skill level"),
    ]
    first = problems[0]
    assert first.params["word"] == "Skilled"
    assert first.params["rows"] == "5, 7"
    assert first.params["words"] == "Skilled, Strategic"
    assert first.text("en") == (
        "words.xlsx, sheet “Skills”, row 5, column “Skill level”: level “Skilled” is not in the level table "
        "(rows 5, 7); levels that could not be mapped: Skilled, Strategic. Add them with --level-word WORD=N "
        "(scale 0–4)"
    )
    assert first.text("es").startswith(
        "words.xlsx, hoja «Skills», fila 5, columna «Skill level»: el nivel «Skilled» no está en la tabla"
    )

    # ... and the user adds them to the word table
    result = import_long_table(path, code="words", level_words={"skilled": 3, "STRATEGIC": 4, "working": 1})
    assert reqs(level(result.framework, "analyst", 3)) == {"STATISTICS": 1, "MODELLING": 3}
    assert reqs(level(result.framework, "analyst", 4)) == {"MODELLING": 4, "STATISTICS": 3}


def test_missing_values_and_columns_are_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gaps.csv", ["Role", "Role level", "Skill", "Skill level"], [
        ["Analyst", "Senior", "Statistics", ""],
        ["", "Senior", "Modelling", "Working"],
        ["Analyst", "", "Modelling", "Working"],
    ])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="gaps")
    assert [(p.key, p.row, p.column) for p in errors_of(exc)] == [
        ("lt.empty", 2, "Skill level"), ("lt.empty", 3, "Role"), ("lt.empty", 4, "Role level")]

    path = write_csv(tmp_path / "cols.csv", ["Title of the thing", "Role", "Skill"],
                     [["x", "Analyst", "Stats"]])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="cols")
    (problem,) = errors_of(exc)
    assert (problem.key, problem.row, problem.params["fields"]) == ("lt.missing_columns", 1, "skill_level")

    path = write_csv(tmp_path / "none.csv", ["a", "b"], [["1", "2"]])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="none")
    assert [p.key for p in errors_of(exc)] == ["lt.no_header"]


# -- mapping by hand -------------------------------------------------------------------------------------
MANUAL_HEADER = ["Track", "Position name", "Tier", "Ability", "Rating", "Behaviour", "Category"]
MANUAL_ROWS: Rows = [
    ["Policy", "Policy adviser", "1", "Drafting", "2", "Drafts briefs.", "Writing"],
    ["Policy", "Policy adviser", "2", "Drafting", "3", "Drafts complex briefs.", "Writing"],
]
MANUAL_MAP = {"role_family": "Track", "role": "position NAME", "role_level": "Tier", "skill": "Ability",
              "skill_level": "Rating", "level_description": "Behaviour", "category": ""}


def test_manual_mapping(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "manual.csv", MANUAL_HEADER, [["Policy framework, 2024"], *MANUAL_ROWS])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="manual")
    assert [p.key for p in errors_of(exc)] == ["lt.missing_columns"]

    result = import_long_table(path, code="manual", mapping=MANUAL_MAP)
    fw = result.framework
    assert result.header_row == 1
    assert result.mapping == {"role_family": "Track", "role": "Position name", "role_level": "Tier",
                              "skill": "Ability", "skill_level": "Rating", "level_description": "Behaviour"}
    assert [c.code for c in fw.categories] == ["GENERAL"]  # the category column was left out
    assert [(lv.code, lv.title.en, lv.title.es) for lv in role(fw, "policy-adviser").levels] == [
        ("policy-adviser-1", "Policy adviser, level 1", "Policy adviser, nivel 1"),
        ("policy-adviser-2", "Policy adviser, level 2", "Policy adviser, nivel 2"),
    ]
    assert reqs(level(fw, "policy-adviser", 2)) == {"DRAFTING": 3}
    assert [p.key for p in result.warnings] == ["lt.ignored_columns"]


def test_manual_mapping_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "manual.csv", MANUAL_HEADER, MANUAL_ROWS)
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="manual", mapping={**MANUAL_MAP, "skill": "Abilities"})
    (problem,) = errors_of(exc)
    assert (problem.key, problem.row, problem.column) == ("lt.unknown_header", 1, "Abilities")
    assert problem.params["field"] == "skill"
    assert "“Ability”" in problem.params["headers"]

    with pytest.raises(InputError) as exc:
        import_long_table(path, code="manual", mapping={"competency": "Ability"})
    assert [(p.key, p.params["field"]) for p in errors_of(exc)] == [("lt.unknown_field", "competency")]


def test_mapping_overrides_detection(tmp_path: Path) -> None:
    header = ["Role", "Skill", "Skill level", "Competency", "Proficiency"]
    path = write_csv(tmp_path / "two.csv", header, [["Analyst", "Stats", "Working", "Statistics", "Expert"]])
    detected = import_long_table(path, code="two")
    assert reqs(level(detected.framework, "analyst", 1)) == {"STATS": 2}
    assert [(p.key, p.column, p.params["used"]) for p in detected.warnings] == [
        ("lt.duplicate_column", "Competency", "Skill"), ("lt.duplicate_column", "Proficiency", "Skill level")]

    chosen = import_long_table(path, code="two",
                               mapping={"skill": "Competency", "skill_level": "Proficiency"})
    assert reqs(level(chosen.framework, "analyst", 1)) == {"STATISTICS": 4}
    assert chosen.mapping["skill"] == "Competency"


# -- scales and seniority --------------------------------------------------------------------------------
def test_custom_scale_1_to_7(tmp_path: Path) -> None:
    scale = [ScaleLevel(i, f"l{i}", Text(f"Level {i}", f"Nivel {i}")) for i in range(1, 8)]
    header = ["Role", "Skill", "Skill level"]
    rows: Rows = [["Engineer", "Networks", "7"], ["Engineer", "Security", "Level 6"],
                  ["Engineer", "Cloud", "1"]]
    path = write_csv(tmp_path / "seven.csv", header, rows)
    result = import_long_table(path, code="seven", scale=scale)
    assert result.framework.scale_range == (1, 7)
    assert reqs(level(result.framework, "engineer", 1)) == {"NETWORKS": 7, "SECURITY": 6, "CLOUD": 1}

    bad = write_csv(tmp_path / "bad.csv", header, [*rows, ["Engineer", "Data", "8"], ["Engineer", "AI", "0"],
                                                   ["Engineer", "Ops", "8"]])
    with pytest.raises(InputError) as exc:
        import_long_table(bad, code="seven", scale=scale)
    assert [(p.key, p.row, p.params["level"], p.params["rows"]) for p in errors_of(exc)] == [
        ("lt.level_range", 5, 8, "5, 7"), ("lt.level_range", 6, 0, "6")]
    assert errors_of(exc)[0].message("en") == "level 8 is outside the scale 1–7 (rows 5, 7)"
    assert errors_of(exc)[0].message("es") == "el nivel 8 está fuera de la escala 1–7 (filas 5, 7)"


def test_seniority_words_unknown_and_clash(tmp_path: Path) -> None:
    header = ["Role", "Role level", "Skill", "Skill level"]
    rows: Rows = [
        ["Architect", "Band B", "Design", "Working"],
        ["Architect", "Band A", "Design", "Awareness"],
        ["Architect", "Senior", "Design", "Practitioner"],
        ["Engineer", "Lead", "Design", "Expert"],
        ["Engineer", "Principal", "Design", "Expert"],
        ["Engineer", "Senior engineer", "Design", "Practitioner"],
    ]
    path = write_csv(tmp_path / "bands.csv", header, rows)
    result = import_long_table(path, code="bands")
    fw = result.framework
    # Senior is known (3); the bands follow by order of first appearance.
    assert [(lv.seniority, lv.title.en) for lv in role(fw, "architect").levels] == [
        (3, "Senior architect"), (4, "Band B architect"), (5, "Band A architect")]
    assert [(lv.seniority, lv.title.en) for lv in role(fw, "engineer").levels] == [
        (3, "Senior engineer"), (4, "Lead engineer"), (5, "Principal engineer")]
    assert [(p.key, p.row, p.column, p.params["seniority"]) for p in result.warnings] == [
        ("lt.seniority_guess", 2, "Role level", 4),
        ("lt.seniority_guess", 3, "Role level", 5),
        ("lt.seniority_clash", 6, "Role level", 5),
    ]
    assert result.warnings[2].params["other"] == "Lead"

    result = import_long_table(path, code="bands",
                               seniority_words={"band a": 1, "Band B": 2, "Principal": 5, "lead": 4})
    assert [lv.seniority for lv in role(result.framework, "architect").levels] == [1, 2, 3]
    assert [lv.code for lv in role(result.framework, "engineer").levels] == ["engineer-3", "engineer-4",
                                                                              "engineer-5"]
    assert result.warnings == []


def test_conflicts_are_warnings_and_highest_requirement_kept(tmp_path: Path) -> None:
    header = ["Role family", "Role", "Role level", "Skill", "Skill code", "Skill level",
              "Skill level description", "Hard to transfer"]
    rows: Rows = [
        ["Data", "Analyst", "Senior", "Statistics", "ST-01", "Working", "Uses tests.", "yes"],
        ["Data", "Analyst", "Senior", "Statistics", "ST-01", "Practitioner", "Designs studies.", ""],
        ["Data", "Analyst", "Senior", "Statistics", "ST-01", "Working", "Uses  tests.", "no"],
        ["Data", "Analyst", "Lead", "Statistics", "ST-01", "Working", "Uses other tests.", "maybe"],
        ["Policy", "Analyst", "Lead", "Coding", "code 2", "Working", "", ""],
    ]
    path = write_csv(tmp_path / "conflicts.csv", header, rows)
    result = import_long_table(path, code="conflicts")
    fw = result.framework
    assert reqs(level(fw, "analyst", 3)) == {"ST-01": 3}
    comp = next(c for c in fw.competencies() if c.code == "ST-01")
    assert comp.hard_to_transfer is True
    assert comp.descriptors[2].en == "Uses tests."
    assert [c.code for c in fw.competencies()] == ["ST-01", "CODE-2"]
    assert [f.code for f in fw.role_families] == ["DATA"]
    assert [(p.key, p.row, p.column) for p in result.warnings] == [
        ("lt.requirement_conflict", 3, "Skill level"),
        ("lt.requirement_conflict", 4, "Skill level"),
        ("lt.yes_no", 5, "Hard to transfer"),
        ("lt.descriptor_conflict", 5, "Skill level description"),
        ("lt.value_conflict", 6, "Role family"),
        ("lt.code_changed", 6, "Skill code"),
    ]
    conflict = result.warnings[0]
    assert conflict.params == {"role_level": "Senior", "skill": "Statistics", "level": 3, "other": 2,
                               "first_row": 2, "kept": 3}
    assert result.warnings[1].params["first_row"] == 3  # the row the kept level came from
    assert result.warnings[4].message("en") == (
        "“Policy” differs from “Data”, given for “Analyst” in row 2; “Data” is kept")


def test_lang_puts_text_on_one_side(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "es.csv", ["Puesto", "Nivel del rol", "Competencia", "Nivel de competencia"],
                     [["Analista", "Sénior", "Estadística", "Avanzado"]])
    fw = import_long_table(path, code="es", lang="es", name=Text("Marco", "Marco")).framework
    assert fw.name == Text("Marco", "Marco")
    comp = next(fw.competencies())
    assert comp.name == Text("", "Estadística")
    assert role(fw, "analista").levels[0].title == Text("", "Analista sénior")
    with pytest.raises(ValueError):
        import_long_table(path, code="es", lang="fr")  # type: ignore[arg-type]


def test_round_trip_through_parse_framework(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ddat.csv", EN_HEADER, EN_ROWS)
    result: LongTableResult = import_long_table(path, code="ddat", version="2.1")
    doc = framework_to_dict(result.framework)
    again = parse_framework(doc, str(path))
    assert again == result.framework
    assert doc["roles"][0]["levels"][2]["requirements"] == {"DATA-ANALYSIS": 3, "DATA-VISUALISATION": 4}


def test_invalid_framework_code(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ddat.csv", EN_HEADER, EN_ROWS)
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="bad code!")
    assert [p.key for p in errors_of(exc)] == ["fw.code"]


def test_only_rows_not_in_use(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "retired.csv", ["Role", "Skill", "Skill level", "Status"],
                     [["Analyst", "Stats", "Working", "Deprecated"], ["Analyst", "R", "Working", "inactivo"]])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="retired")
    assert [(p.key, p.row) for p in errors_of(exc)] == [("lt.no_rows", 1)]


# -- header detection ----------------------------------------------------------------------------------
def test_detect_header_skips_title_block(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", ["Familia de roles", "ROL", "Habilidad", "Nivel de la habilidad",
                                             "Descripción de la competencia", "Clave de la competencia"],
                      [["A", "B", "C", "1", "D", "E"]], title=["Skills", "Version 3"])
    table = read_table(path)
    index, columns = detect_header(table)
    assert (index, table.row_numbers[index]) == (2, 4)
    assert columns == {"role_family": 0, "role": 1, "skill": 2, "skill_level": 3, "skill_description": 4,
                       "skill_code": 5}


def test_header_synonyms() -> None:
    assert normalise("  Descripción   del NIVEL: ") == "descripcion del nivel"
    assert header_field("Familia de puestos") == "role_family"
    assert header_field("Skill level (1–5)") == "skill_level"
    assert header_field("ESTATUS") == "status"
    assert header_field("Nivel") is None  # ambiguous on its own
    seen: dict[str, str] = {}
    for name, texts in HEADER_SYNONYMS.items():
        assert name in FIELDS
        for text in texts:
            key = normalise(text)
            assert seen.setdefault(key, name) == name, f"{text!r} names {seen[key]} and {name}"
    assert slug("Análisis & datos / 2", upper=True) == "ANALISIS-DATOS-2"


# -- the table reader ---------------------------------------------------------------------------------------
def test_read_table_cells_and_row_numbers(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws["A1"] = "Title"
    ws.merge_cells("A1:C1")
    ws["A3"] = 3.0
    ws["B3"] = 2.5
    ws["C3"] = 7
    ws["A4"] = "  two\r\nlines  "
    ws["B4"] = True
    ws["C4"] = dt.datetime(2024, 5, 1)
    ws["A5"] = "   "
    ws["A9"] = "last"
    wb.create_sheet("Second")["A1"] = "other"
    path = tmp_path / "cells.xlsx"
    wb.save(path)

    table = read_table(path)
    assert table.sheet == "Data"
    assert table.rows == [["Title"], ["3", "2.5", "7"], ["two\nlines", "TRUE", "2024-05-01"], ["last"]]
    assert table.row_numbers == [1, 3, 4, 9]
    assert not table.truncated
    assert read_table(path, sheet="second").rows == [["other"]]
    limited = read_table(path, max_rows=2)
    assert (limited.rows, limited.truncated) == ([["Title"], ["3", "2.5", "7"]], True)
    with pytest.raises(InputError) as exc:
        read_table(path, sheet="Missing")
    (problem,) = errors_of(exc)
    assert problem.message("en") == "file rejected: there is no sheet named “Missing” (sheets: Data, Second)"


def test_csv_multiline_records_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_bytes(b'a,b\r\n"one\r\ntwo\r\nthree",x\r\n\r\nlast,y\r\n')
    table = read_table(path)
    assert table.rows == [["a", "b"], ["one\ntwo\nthree", "x"], ["last", "y"]]
    assert table.row_numbers == [1, 2, 4]
    assert table.encoding == "utf-8-sig"
    assert list_sheets(path) == []

    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("Rol\tCompetencia\nAnalista\tEstadística\n".encode("utf-16"))
    assert read_table(utf16).rows == [["Rol", "Competencia"], ["Analista", "Estadística"]]


def test_csv_too_many_rows_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", ["Role", "Skill", "Skill level"],
                     [["Analyst", f"Skill {i}", "Working"] for i in range(10)])
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="big", max_rows=5)
    assert [(p.key, p.params["limit"]) for p in errors_of(exc)] == [("lt.too_many_rows", 5)]


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("corrupt.xlsx", b"PK\x03\x04 this is not really a zip archive", "tab.not_workbook"),
        ("text.xlsx", b"Role,Skill\nA,B\n", "tab.not_workbook"),
        ("locked.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504, "tab.encrypted"),
        ("old.xls", b"whatever", "tab.xls"),
        ("notes.docx", b"PK", "tab.extension"),
    ],
)
def test_unreadable_files_are_rejected(tmp_path: Path, name: str, content: bytes, key: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        import_long_table(path, code="x")
    (problem,) = errors_of(exc)
    assert (problem.key, problem.file) == (key, str(path))
    assert problem.message("en").startswith("file rejected: ")
    assert problem.message("es").startswith("archivo rechazado: ")


def test_truncated_zip_workbook_is_rejected(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", ["Role", "Skill", "Skill level"], [["A", "B", "Working"]])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InputError) as exc:
        read_table(broken)
    (problem,) = errors_of(exc)
    assert problem.key == "tab.not_workbook"
    assert problem.text("en") == (
        "broken.xlsx: file rejected: it is not a valid .xlsx workbook (it is damaged or in another format)")
    with pytest.raises(InputError):
        list_sheets(broken)


def test_docs_list_every_recognised_header() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "long-table-import.md"
    listed: dict[str, set[str]] = {}
    for line in docs.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].strip("`") in FIELDS:
            listed[cells[0].strip("`")] = {normalise(h) for h in cells[3].split(",")}
    assert set(listed) == set(FIELDS)
    for name, texts in HEADER_SYNONYMS.items():
        assert {normalise(t) for t in texts} == listed[name], name
