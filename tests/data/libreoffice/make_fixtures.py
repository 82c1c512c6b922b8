"""Regenerate the LibreOffice fixtures of this folder (needs LibreOffice Calc: ``soffice`` on the PATH).

    python tests/data/libreoffice/make_fixtures.py [--soffice /path/to/soffice] [--out DIR]

A small Spanish staff workbook, laid out the way an HR office types one (a merged title, a cut-off date,
blank rows, a header on two rows with a merged group cell, dates as real dates and as dd/mm/yyyy text,
accents, level words, a totals footer), is written with openpyxl as ``plantilla_openpyxl.xlsx`` and
converted by LibreOffice, headless, to .ods, .xls, .xlsx and two Spanish CSV files (semicolon; UTF-8 and
Windows-1252). :func:`write_xlsxwriter` writes the same workbook with XlsxWriter (the tests do, in a
temporary folder).
The people and what SkillMap must store for them are :data:`PEOPLE` and :func:`expected`; the tests import
this module for them, so the expectations and the file cannot drift apart.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEM = "plantilla_lo"
SOURCE = "plantilla_openpyxl.xlsx"  # written with openpyxl; LibreOffice converts it

# target name -> (LibreOffice --convert-to argument, output extension)
# CSV filter options: field separator 59 (;), text delimiter 34 ("), character set: LibreOffice's own
# numbers, 76 = UTF-8 and 1 = Windows-1252 (“1252” is not one: it writes “—” as the byte 0x14).
CONVERSIONS: dict[str, tuple[str, str]] = {
    f"{STEM}.ods": ("ods:calc8", "ods"),
    f"{STEM}.xls": ("xls:MS Excel 97", "xls"),
    f"{STEM}.xlsx": ("xlsx:Calc MS Excel 2007 XML", "xlsx"),
    f"{STEM}_utf8.csv": ("csv:Text - txt - csv (StarCalc):59,34,76", "csv"),
    f"{STEM}_cp1252.csv": ("csv:Text - txt - csv (StarCalc):59,34,1", "csv"),
}

AGENCY = "Secretaría de Economía"
LEVEL_HEADERS = ("Liderazgo", "Análisis de datos", "Estadística")  # MGR-LEADERSHIP, DATA-ANALYSIS, STATISTICS
LEVEL_CODES = ("MGR-LEADERSHIP", "DATA-ANALYSIS", "STATISTICS")


@dataclass(frozen=True)
class Person:
    employee: str  # text with leading zeros, as payroll systems keep it
    curp: str
    rfc: str
    given: str
    first: str
    second: str
    unit: str
    position: str
    grade: str
    born: date
    hired: date
    hired_as_text: bool  # typed as “dd/mm/yyyy” text instead of a date cell
    levels: tuple[object, object, object]  # as written: a number, a word, "N/A" or None
    assessed: date
    assessed_as_text: bool


DGTI = "Dirección General de Tecnologías de la Información"
UAF = "Unidad de Administración y Finanzas"
PEOPLE: tuple[Person, ...] = (
    Person("000124", "HEGJ760422HVZRRN00", "HEGJ760422846", "Juan", "Hernández", "García", DGTI,
           "Director General de Tecnologías de la Información", "K32", date(1976, 4, 22), date(2010, 6, 13), False,
           (4, "Avanzado", 3), date(2025, 3, 14), False),
    Person("000289", "MAVG870227MTSRLD01", "MAVG870227DGA", "Guadalupe", "Martínez", "Valencia", DGTI,
           "Jefa de Departamento de Análisis de Información", "O21", date(1987, 2, 27), date(2013, 7, 18), True,
           ("Intermedio", 3, "Experto"), date(2025, 3, 14), True),
    Person("000402", "AAGC810831MDFLRL05", "AAGC8108314N8", "Claudia", "Álvarez", "García", UAF,
           "Subdirectora de Recursos Humanos", "N11", date(1981, 8, 31), date(2014, 9, 13), False,
           (3, None, "N/A"), date(2025, 4, 2), False),
    Person("001110", "CUHG030222MDFRRDA8", "CUHG030222HU3", "Guadalupe", "Cruz", "Hernández", UAF,
           "Enlace de Nómina", "P11", date(2003, 2, 22), date(2021, 3, 30), True,
           ("Básico", "básico", 1), date(2025, 4, 2), True),
    Person("000065", "GOPA650712MSPNRN06", "GOPA650712BE7", "Ana Karen", "González", "Pérez", DGTI,
           "Directora de Ciencia de Datos", "M33", date(1965, 7, 12), date(2006, 10, 31), False,
           (3, 4, 4), date(2025, 5, 20), False),
    Person("000835", "LOIR850427HDFPBC08", "LOIR850427IH7", "Ricardo", "López", "Ibáñez", DGTI,
           "Jefe de Departamento de Ingeniería de Datos", "O12", date(1985, 4, 27), date(2019, 8, 7), True,
           (None, "Avanzado", 2), date(2025, 5, 20), True),
    Person("001733", "CURG871028MTLRDD09", "CURG871028UN8", "María Guadalupe", "Cruz", "Rodríguez", UAF,
           "Analista de Presupuesto", "P21", date(1987, 10, 28), date(2024, 4, 1), False,
           ("No evaluado", 2, 2), date(2025, 6, 9), False),
    Person("001344", "CARA841026HDFHMN07", "CARA841026UV4", "José Antonio", "Chávez", "Ramírez", UAF,
           "Coordinador Administrativo", "N22", date(1984, 10, 26), date(2022, 7, 7), True,
           (2, 1, "N/A"), date(2025, 6, 9), True),
)

WORDS = {"básico": 1, "intermedio": 2, "avanzado": 3, "experto": 4}


def level_value(written: object) -> int | None:
    """What SkillMap stores for a level cell as written in :data:`PEOPLE` (``None``: not assessed)."""
    if written is None or written in ("N/A", "No evaluado"):
        return None
    if isinstance(written, int):
        return written
    return WORDS[str(written).lower()]


def expected() -> dict[str, dict[str, object]]:
    """Employee number → what must be stored: the person's fields and ``levels`` {code: (level, date)}."""
    out: dict[str, dict[str, object]] = {}
    for p in PEOPLE:
        levels = {code: (level_value(v), p.assessed) for code, v in zip(LEVEL_CODES, p.levels, strict=True)
                  if level_value(v) is not None}
        out[p.employee] = {
            "curp": p.curp, "rfc": p.rfc, "given_names": p.given, "first_surname": p.first,
            "second_surname": p.second, "agency": AGENCY, "unit": p.unit, "position_title": p.position,
            "grade": p.grade, "birth_date": p.born, "hire_date": p.hired, "levels": levels,
        }
    return out


HEADER_TOP = ("Núm. Empleado", "CURP", "RFC", "Nombre(s)", "Apellidos", None, "Dependencia",
              "Unidad administrativa", "Puesto", "Nivel", "Fecha de nacimiento", "Fecha de ingreso", *LEVEL_HEADERS,
              "Fecha de evaluación")
# (first row, first column, last row, last column), 1-based: the title, the group “Apellidos” over its two
# sub-headers, and every other header cell over both header rows
MERGES: tuple[tuple[int, int, int, int], ...] = (
    (1, 1, 1, 16), (4, 5, 4, 6),
    *((4, c, 5, c) for c in (1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)),
)
WIDTHS = (14, 21, 16, 16, 13, 13, 24, 34, 40, 7, 13, 13, 11, 11, 11, 13)


def cells() -> dict[tuple[int, int], object]:
    """The staff sheet, cell by cell ((row, column) 1-based → value); blank cells are absent."""
    out: dict[tuple[int, int], object] = {
        (1, 1): f"{AGENCY} — Plantilla de personal y niveles de competencia",
        (2, 1): "Fecha de corte: 30/06/2025",
        (5, 5): "Paterno", (5, 6): "Materno",
    }
    for col, text in enumerate(HEADER_TOP, start=1):
        if text is not None:
            out[(4, col)] = text
    row = 6
    for i, p in enumerate(PEOPLE):
        if i == 4:
            row += 1  # a blank row inside the table
        values: list[object] = [p.employee, p.curp, p.rfc, p.given, p.first, p.second, AGENCY, p.unit, p.position,
                                p.grade, p.born, p.hired.strftime("%d/%m/%Y") if p.hired_as_text else p.hired,
                                *p.levels,
                                p.assessed.strftime("%d/%m/%Y") if p.assessed_as_text else p.assessed]
        for col, value in enumerate(values, start=1):
            if value is not None:
                out[(row, col)] = value
        row += 1
    out[(row + 1, 1)] = f"Total de registros: {len(PEOPLE)}"  # after a blank row
    out[(row + 2, 1)] = "Fuente: Dirección General de Recursos Humanos"
    return out


NOTES = {(1, 1): "Niveles: 0 ninguno, 1 básico, 2 intermedio, 3 avanzado, 4 experto; N/A: no evaluado.",
         (2, 1): "Elaboró", (2, 2): "Lic. Sofía Ñúñez"}


def write_source(path: Path) -> Path:
    """The workbook as an HR office would type it, written with openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Plantilla"
    for (r, c), value in cells().items():
        cell = ws.cell(r, c, value)
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        elif c == 1 and r > 5:
            cell.number_format = "@"  # text: the leading zeros stay
        if r in (4, 5):
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"].font = Font(bold=True, size=14)
    for r1, c1, r2, c2 in MERGES:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    notes = wb.create_sheet("Notas")
    for (r, c), value in NOTES.items():
        notes.cell(r, c, value)
    wb.save(path)
    return path


def write_xlsxwriter(path: Path, *, constant_memory: bool = False) -> Path:
    """The same workbook written by XlsxWriter: shared strings by default, inline strings with
    ``constant_memory`` (rows streamed in order, as large exports do)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory, "strings_to_numbers": False})
    try:
        ws = wb.add_worksheet("Plantilla")
        bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True})
        title = wb.add_format({"bold": True, "font_size": 14})
        day = wb.add_format({"num_format": "dd/mm/yyyy"})
        text = wb.add_format({"num_format": "@"})
        for col, width in enumerate(WIDTHS):
            ws.set_column(col, col, width)
        values = cells()
        # Streamed rows cannot go back up: in constant_memory mode only merges within one row are kept.
        merges = [m for m in MERGES if not constant_memory or m[0] == m[2]]
        merged = {(r1, c1): (r1, c1, r2, c2) for r1, c1, r2, c2 in merges}
        covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for (r, c), value in sorted(values.items()):
            fmt = title if r == 1 else bold if r in (4, 5) else day if isinstance(value, date) else \
                text if c == 1 else None
            if (r, c) in merged:
                r1, c1, r2, c2 = merged[(r, c)]
                ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, value, fmt)
            elif (r, c) in covered:
                ws.write(r - 1, c - 1, value, fmt)
            elif isinstance(value, date):
                ws.write_datetime(r - 1, c - 1, value, fmt)
            elif isinstance(value, str):
                ws.write_string(r - 1, c - 1, value, fmt)
            else:
                ws.write_number(r - 1, c - 1, value, fmt)  # type: ignore[arg-type]
        notes = wb.add_worksheet("Notas")
        for (r, c), value in sorted(NOTES.items()):
            notes.write_string(r - 1, c - 1, str(value))
    finally:
        wb.close()
    return path


def convert(soffice: str, source: Path, out_dir: Path, profile: Path) -> dict[str, Path]:
    """Convert ``source`` to every target of :data:`CONVERSIONS` in ``out_dir``; returns name → path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, (target, ext) in CONVERSIONS.items():
        with tempfile.TemporaryDirectory(prefix="lo-convert-") as tmp:
            cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", tmp, str(source)]
            subprocess.run(cmd, check=True, capture_output=True, timeout=180)
            produced = Path(tmp) / f"{source.stem}.{ext}"
            if not produced.is_file():
                raise RuntimeError(f"soffice wrote no {produced.name} for {target!r}")
            written[name] = Path(shutil.move(str(produced), out_dir / name))
    return written


def soffice_version(soffice: str, profile: Path) -> str:
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--version"],
                          capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout.strip()


def make(out_dir: Path, soffice: str | None = None) -> dict[str, Path]:
    """Write :data:`SOURCE` (openpyxl) and every LibreOffice conversion of it to ``out_dir``."""
    soffice = soffice or shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not on the PATH")
    out_dir.mkdir(parents=True, exist_ok=True)
    source = write_source(out_dir / SOURCE)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:  # a throw-away LibreOffice profile
        written = convert(soffice, source, out_dir, Path(profile) / "user")
    return {SOURCE: source, **written}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", help="LibreOffice executable (default: soffice on the PATH)")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    try:
        written = make(args.out, args.soffice)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"make_fixtures: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        print(soffice_version(args.soffice or shutil.which("soffice") or "soffice", Path(profile)))
    for path in written.values():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
