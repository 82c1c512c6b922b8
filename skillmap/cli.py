"""The ``skillmap`` command. With no sub-command it opens the app; sub-commands automate the same services.

Every sub-command takes ``--db`` (a SQLAlchemy URL or a SQLite file; default: ``SKILLMAP_DB`` or the
per-user database) and ``--json`` (print a machine-readable summary). Errors exit non-zero with one line
naming the file and the place.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillmap import __version__
from skillmap.i18n import get_language, register, set_language, tr
from skillmap.problems import InputError
from skillmap.tasks import Progress

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from skillmap.importing.model import WorkbookData
    from skillmap.services.completions_import import CompletionsPlan

# Keep the imports above light: the sandboxed reader starts a child process that imports the launching
# script's ``__main__`` module again (``skillmap`` → this module), so anything heavy here (SQLAlchemy, numpy,
# Qt) would cost every file read a few tenths of a second. Commands import what they need.

register(
    {
        "cli.db_ready": {"en": "Database ready: {location} (schema {revision})",
                         "es": "Base de datos lista: {location} (esquema {revision})"},
        "cli.sample_loaded": {
            "en": "Loaded the sample organisation: {staff} staff in {agencies} agencies, {assessments} assessments",
            "es": "Organización de muestra cargada: {staff} personas en {agencies} dependencias, "
                  "{assessments} evaluaciones",
        },
        "cli.framework_imported": {
            "en": "Imported framework {code} {version}: {competencies} competencies, {role_profiles} role profiles",
            "es": "Marco {code} {version} importado: {competencies} competencias, {role_profiles} perfiles de rol",
        },
        "cli.gaps_by_only_for_gaps": {
            "en": "--by applies to the gaps table (and competency/person to ratings)",
            "es": "--by se aplica a la tabla de brechas (y competency/person a ratings)"},
        "cli.gaps_bad_out": {"en": "{file}: the output must end in .csv, .xlsx or .json",
                             "es": "{file}: el archivo de salida debe terminar en .csv, .xlsx o .json"},
        "cli.exported": {"en": "Wrote {file}", "es": "Se escribió {file}"},
        "cli.generated": {"en": "Wrote {files}", "es": "Se escribieron {files}"},
        "cli.no_frameworks": {"en": "No frameworks in the database.", "es": "No hay marcos en la base de datos."},
        "cli.no_mapping": {"en": "there is no saved mapping named {name!r}",
                           "es": "no hay un mapeo guardado con el nombre {name!r}"},
        "cli.bad_date": {"en": "not a date (YYYY-MM-DD): {value!r}", "es": "no es una fecha (AAAA-MM-DD): {value!r}"},
        "cli.plan": {
            "en": "{new_people} new, {changed_people} changed, {unchanged_people} unchanged, {missing_people} "
                  "missing from the file; {levels_new} new levels ({levels_already_stored} already stored); "
                  "{errors} errors in {rows_with_errors} rows, {warnings} warnings",
            "es": "{new_people} nuevas, {changed_people} con cambios, {unchanged_people} sin cambios, "
                  "{missing_people} ausentes del archivo; {levels_new} niveles nuevos ({levels_already_stored} "
                  "ya guardados); {errors} errores en {rows_with_errors} filas, {warnings} advertencias",
        },
        "cli.sheet": {"en": "Sheet “{sheet}”:", "es": "Hoja «{sheet}»:"},
        "cli.save_mapping_one_sheet": {"en": "--save-mapping saves the mapping of one sheet: name one --sheet",
                                       "es": "--save-mapping guarda el mapeo de una hoja: indique una sola --sheet"},
        "cli.imported": {"en": "Imported as import number {id} (undo with: skillmap undo-import {id})",
                         "es": "Importado como importación número {id} (para deshacer: skillmap undo-import {id})"},
        "cli.undone": {
            "en": "Import {id} undone: {people_removed} people removed, {people_restored} restored, "
                  "{levels_removed} levels removed, {completions_removed} course completions removed",
            "es": "Importación {id} deshecha: {people_removed} personas eliminadas, {people_restored} "
                  "restauradas, {levels_removed} niveles eliminados, {completions_removed} constancias de "
                  "cursos eliminadas",
        },
        "cli.completions_plan": {
            "en": "{completions_read} completions read: {completions_new} new ({passed} passed, {failed} failed, "
                  "{in_progress} in progress), {already_stored} already stored; {unknown_people} unknown "
                  "people, {unknown_courses} unknown courses; {errors} errors in {rows_with_errors} rows, "
                  "{warnings} warnings",
            "es": "{completions_read} constancias leídas: {completions_new} nuevas ({passed} aprobadas, {failed} "
                  "no aprobadas, {in_progress} en curso), {already_stored} ya guardadas; {unknown_people} "
                  "personas desconocidas, {unknown_courses} cursos desconocidos; {errors} errores en "
                  "{rows_with_errors} filas, {warnings} advertencias",
        },
        "cli.pathway_needs_target": {"en": "--person needs --target (the role to reach)",
                                     "es": "--person requiere --target (el perfil al que se quiere llegar)"},
        "cli.plan_needs_who": {"en": "name a person (--person) or a unit or agency (--unit, --agency)",
                               "es": "indique una persona (--person) o una unidad o dependencia (--unit, --agency)"},
        "cli.plan_bad_rate": {"en": "hours per week must be greater than 0, not {value}",
                              "es": "las horas por semana deben ser mayores que 0, no {value}"},
        "cli.unknown_track": {"en": "no track “{value}” (tracks: {known})",
                              "es": "no hay una ruta de cursos «{value}» (rutas: {known})"},
        "cli.unknown_role": {"en": "no role profile with code “{value}”",
                             "es": "no hay un perfil de puesto con clave «{value}»"},
        "cli.unknown_competency": {"en": "no competency with code “{value}” in the active frameworks",
                                   "es": "no hay una competencia con clave «{value}» en los marcos activos"},
        "cli.unknown_people": {"en": "not in the database: {value}", "es": "no están en la base de datos: {value}"},
        "cli.assign_who": {"en": "say who gets the track: --unit, --gap or --staff (one of them)",
                           "es": "indique a quién se asigna la ruta: --unit, --gap o --staff (solo una opción)"},
        "cli.assign_dry": {"en": "{n} people would get track {track}", "es": "{n} personas recibirían la ruta {track}"},
        "cli.assigned": {"en": "Track {track} assigned to {n} people ({already} already had it)",
                         "es": "Ruta {track} asignada a {n} personas ({already} ya la tenían)"},
        "cli.track_proposed": {"en": "Track {code} “{name}”: {n} courses, {hours} h, for the typical gap of "
                                     "{people} people",
                               "es": "Ruta {code} «{name}»: {n} cursos, {hours} h, para la brecha típica de "
                                     "{people} personas"},
        "cli.track_saved": {"en": "Saved as {code}", "es": "Guardada como {code}"},
        "cli.no_tracks": {"en": "No tracks yet (skillmap tracks --generate ROLE --save)",
                          "es": "Aún no hay rutas (skillmap tracks --generate PERFIL --save)"},
        "cli.progress_refreshed": {"en": "{checked} assignments checked, {changed} statuses updated",
                                   "es": "{checked} asignaciones revisadas, {changed} estados actualizados"},
        "cli.completions_sheet": {"en": "Sheet “{sheet}”, header in row {row}",
                                  "es": "Hoja «{sheet}», encabezados en la fila {row}"},
        "cli.db_error": {"en": "database error: {detail}", "es": "error de base de datos: {detail}"},
        "cli.bad_pair": {"en": "expected NAME=VALUE, got {value!r}",
                         "es": "se esperaba NOMBRE=VALOR, se recibió {value!r}"},
        "cli.has_staff": {
            "en": "the database already holds {staff} staff; use --replace to load the sample anyway",
            "es": "la base de datos ya tiene {staff} personas; use --replace para cargar la muestra de todos modos",
        },
    }
)


class CliError(Exception):
    pass


def _open(args: argparse.Namespace) -> Any:
    from skillmap.db.migrate import open_database

    engine = open_database(args.db)
    args.engines.append(engine)  # closed when the command ends
    return engine


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _stderr_progress(args: argparse.Namespace) -> Progress:
    if args.json or not sys.stderr.isatty():
        return Progress()

    def show(done: int, total: int, message: str) -> None:
        pct = f"{100 * done // total:3d}%" if total else ""
        print(f"\r{pct} {message[:70]:<70}", end="", file=sys.stderr, flush=True)

    return Progress(show, min_interval=0.2)


def cmd_init_db(args: argparse.Namespace) -> int:
    from skillmap.db.engine import describe
    from skillmap.db.migrate import current_revision
    from skillmap.services.frameworks import install_bundled_frameworks

    engine = _open(args)
    added = [] if args.no_frameworks else install_bundled_frameworks(engine)
    rev = current_revision(engine)
    _emit(args, {"database": describe(engine), "revision": rev, "frameworks_added": [f.code for f in added]},
          tr("cli.db_ready", location=describe(engine), revision=rev))
    return 0


def cmd_load_sample(args: argparse.Namespace) -> int:
    from skillmap.sample.generator import bundled_sample
    from skillmap.services.sample import load_sample
    from skillmap.services.staff import database_summary

    engine = _open(args)
    existing = database_summary(engine).staff
    if existing and not args.replace:
        raise CliError(tr("cli.has_staff", staff=existing))
    progress = _stderr_progress(args)
    org = bundled_sample(n_staff=args.staff, n_agencies=args.agencies, seed=args.seed)
    result = load_sample(engine, org, progress=progress, replace=args.replace)
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    summary = database_summary(engine)
    _emit(args, {**summary.to_json(), "loaded": result},
          tr("cli.sample_loaded", staff=summary.staff, agencies=summary.agencies, assessments=summary.assessments))
    return 0


def cmd_frameworks(args: argparse.Namespace) -> int:
    from skillmap.services.frameworks import list_frameworks

    rows = list_frameworks(_open(args))
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(tr("cli.no_frameworks"))
        return 0
    es = get_language() == "es"
    head = ("código", "versión", "activo", "competencias", "roles", "perfiles", "nombre") if es else (
        "code", "version", "active", "competencies", "roles", "profiles", "name")
    table = [head] + [
        (r.code, r.version, ("sí" if es else "yes") if r.active else "no", str(r.competencies), str(r.roles),
         str(r.role_profiles), r.name_es if es else r.name_en)
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head) - 1)]
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])
    return 0


def _pairs(values: Sequence[str] | None, *, integer: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for v in values or []:
        name, sep, val = v.partition("=")
        if not sep or not name.strip():
            raise CliError(tr("cli.bad_pair", value=v))
        try:
            out[name.strip()] = int(val) if integer else val.strip()
        except ValueError as exc:
            raise CliError(tr("cli.bad_pair", value=v)) from exc
    return out


def cmd_import_framework(args: argparse.Namespace) -> int:
    from skillmap.frameworks.model import Text
    from skillmap.services.frameworks import import_framework, import_framework_file

    mapping = _pairs(args.map) or None  # argument errors before anything touches the database
    level_words = _pairs(args.level_word, integer=True) or None
    engine = _open(args)
    warnings: list[Any] = []
    if args.table:
        from skillmap.frameworks.longtable import import_long_table

        code = args.code or Path(args.file).stem
        result = import_long_table(
            args.file, sheet=args.sheet, mapping=mapping, level_words=level_words, code=code,
            version=args.version, name=Text(args.name or code, args.name or code),
        )
        warnings = result.warnings
        summary = import_framework(engine, result.framework, file=args.file)
    else:
        summary = import_framework_file(engine, args.file)
    data = {**summary.to_json(), "warnings": [w.to_json() for w in warnings]}
    text = tr("cli.framework_imported", code=summary.code, version=summary.version,
              competencies=summary.competencies, role_profiles=summary.role_profiles)
    if warnings:
        text += "\n" + "\n".join(w.text() for w in warnings)
    _emit(args, data, text)
    return 0


def cmd_export_framework(args: argparse.Namespace) -> int:
    from skillmap.services.frameworks import export_framework

    out = export_framework(_open(args), args.code, args.out, version=args.version)
    _emit(args, {"file": str(out)}, tr("cli.exported", file=out))
    return 0


def cmd_generate_sample(args: argparse.Namespace) -> int:
    from skillmap.frameworks.fileformat import load_bundled_frameworks
    from skillmap.sample.generator import bundled_sample
    from skillmap.sample.workbook import write_hr_workbook, write_organisation_json

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    org = bundled_sample(n_staff=args.staff, n_agencies=args.agencies, seed=args.seed)
    stem = args.name or f"muestra_rh_{args.staff}"
    book = write_hr_workbook(org, load_bundled_frameworks(), out / f"{stem}.xlsx")
    write_organisation_json(org, out / f"{stem}_organizacion.json")
    files = [str(p) for p in (book, book.with_name(f"{book.stem}_evaluaciones.csv"),
                               book.with_name(f"{book.stem}_organizacion.json")) if p.exists()]
    _emit(args, {"files": files, "staff": len(org.staff), "agencies": len(org.agencies),
                 "assessments": len(org.assessments.level), "workbook": str(book)},
          tr("cli.generated", files=", ".join(files)))
    return 0


def _sheet_read(wb: WorkbookData, wanted: str) -> str:
    """The name of the sheet the reader read for ``wanted``: it matches a name trimmed and without case
    (`` plantilla `` → ``Plantilla``), and a CSV file is one sheet named after the file."""
    from skillmap.importing.safety import sheet_key

    if wanted in wb.sheets:
        return wanted
    return next((n for n in wb.sheets if sheet_key(n) == sheet_key(wanted)), next(iter(wb.sheets)))


def _staff_mapping(args: argparse.Namespace, engine: Any) -> Any:
    """The mapping the command line asks for: a saved one (``--mapping``) and the options on top of it."""
    from skillmap.importing.model import StaffMapping
    from skillmap.services.staff_import import load_mapping

    mapping = StaffMapping()
    if args.mapping:
        saved = load_mapping(engine, args.mapping)
        if saved is None:
            raise CliError(tr("cli.no_mapping", name=args.mapping))
        mapping = saved
    mapping.fields.update(_pairs(args.map))
    mapping.level_columns.update(_pairs(args.level_column))
    mapping.level_words.update(_pairs(args.level_word, integer=True))
    if args.header_row:
        mapping.header_row = args.header_row
    if args.source:
        mapping.default_source = args.source
    if args.date:
        from datetime import date

        try:
            mapping.assessed_on = date.fromisoformat(args.date)
        except ValueError as exc:
            raise CliError(tr("cli.bad_date", value=args.date)) from exc
    return mapping


def _read_and_parse(args: argparse.Namespace, engine: Any, mapping: Any) -> tuple[Any, Any]:
    """Read the whole file safely, choose the likely staff sheet, parse it. Returns (workbook, parsed)."""
    from skillmap.importing.reader import likely_sheet, read_workbook
    from skillmap.importing.staff import parse_staff, score_staff_header
    from skillmap.services.staff_import import competency_refs

    wb = read_workbook(args.file, None, encoding=args.encoding, delimiter=args.delimiter)
    sheet = likely_sheet(wb, score=score_staff_header)
    mapping.sheet = sheet
    parsed = parse_staff(wb.sheets[sheet], file=args.file, competencies=competency_refs(engine), mapping=mapping)
    return wb, parsed


def cmd_import_staff(args: argparse.Namespace) -> int:
    """One import per sheet, in the order given: each is planned once the one before is stored, and the run
    stops at the first sheet that cannot be imported (errors without ``--skip-bad-rows``). Named sheets are
    read and parsed in the reader children (two sheets at once), so the next sheet is being parsed while
    this one is stored."""
    from skillmap.importing.report import check_problems_path, write_problems
    from skillmap.services.staff_import import commit_import, parse_sheets, plan_import, save_mapping

    _pairs(args.map), _pairs(args.level_column), _pairs(args.level_word, integer=True)  # check before opening
    if args.problems_out:
        check_problems_path(args.problems_out)
    engine = _open(args)
    mapping = _staff_mapping(args, engine)
    sheets: list[str] | None = args.sheet or ([mapping.sheet] if mapping.sheet else None)
    if sheets and len(sheets) > 1 and args.save_mapping:
        raise CliError(tr("cli.save_mapping_one_sheet"))
    results: list[dict[str, Any]] = []
    problems: list[Any] = []
    totals: dict[str, int] = {}
    code = 0
    failure: InputError | None = None

    def say(text: str, stream: Any = sys.stdout) -> None:  # as each sheet is done: what was stored stays said
        if not args.json:
            print(text, file=stream, flush=True)

    sheet_parses: Iterator[Any]
    with contextlib.ExitStack() as stack:
        if sheets:
            book = stack.enter_context(parse_sheets(engine, args.file, sheets, mapping, encoding=args.encoding,
                                                    delimiter=args.delimiter))
            sha256, sheet_parses = book.sha256, iter(book)
        else:
            wb, parsed = _read_and_parse(args, engine, mapping)
            sha256, sheet_parses = wb.sha256, iter([parsed])
        while True:
            try:
                parsed = next(sheet_parses, None)
            except InputError as exc:  # a later sheet refused: the earlier ones are imported, and said so
                if not results:
                    raise
                failure, code = exc, 2
                break
            if parsed is None:
                break
            plan = plan_import(engine, parsed, sha256=sha256)
            problems += plan.problems
            for key, value in plan.counts().items():
                totals[key] = totals.get(key, 0) + value
            if args.save_mapping:
                save_mapping(engine, args.save_mapping, plan.mapping)
            data: dict[str, Any] = plan.to_json(limit=args.limit)
            text = _plan_text(plan, args.limit)
            if sheets and len(sheets) > 1:
                text = tr("cli.sheet", sheet=parsed.sheet) + "\n" + text
            results.append(data)
            errors = plan.errors
            if args.dry_run or (errors and not args.skip_bad_rows):
                data["committed"] = False
                say(text)
                if errors and not args.skip_bad_rows:
                    code = 2
                    if not args.dry_run:
                        say(tr("imp.has_errors", count=len(plan.bad_rows)) + " (--skip-bad-rows)", sys.stderr)
                        break
                continue
            outcome = commit_import(engine, plan, actor=args.user, progress=_stderr_progress(args))
            if not args.json and sys.stderr.isatty():
                print(file=sys.stderr)
            data.update(committed=True, import_id=outcome.batch_id, counts=outcome.counts)
            say(text + "\n" + tr("cli.imported", id=outcome.batch_id))
    if args.problems_out:
        write_problems(problems + (failure.problems if failure else []), args.problems_out, source_file=args.file,
                       summary=totals)
    if args.json:
        several = bool(sheets and len(sheets) > 1)
        out: dict[str, Any] = {"file": args.file, "sheets": results} if several else results[0]
        if failure is not None:
            out["error"] = [p.to_json() for p in failure.problems]
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    elif failure is not None:
        say(failure.text(), sys.stderr)
    return code


def _plan_text(plan: Any, limit: int) -> str:
    c = plan.counts()
    lines = [tr("cli.plan", **c)]
    for p in plan.new_people[: min(limit, 10)]:
        lines.append(f"  + {p.employee_number}  {p.given_names} {p.first_surname} {p.second_surname or ''}".rstrip())
    for ch in plan.changed[: min(limit, 10)]:
        diffs = "; ".join(f"{f.field}: {f.old or '—'} → {f.new or '—'}" for f in ch.changes)
        lines.append(f"  ~ {ch.row.employee_number}  {diffs}")
    for num, name in plan.missing[: min(limit, 10)]:
        lines.append(f"  - {num}  {name}")
    for problem in plan.problems[:limit]:
        lines.append(f"  {tr('severity.' + problem.severity)}: {problem.text()}")
    if len(plan.problems) > limit:
        lines.append(f"  (+{len(plan.problems) - limit})")
    return "\n".join(lines)


def _read_completions(args: argparse.Namespace, engine: Engine) -> tuple[WorkbookData, Any]:
    """Read the file safely, choose the sheet, build the mapping and parse the completions."""
    from skillmap.importing.completions import parse_completions
    from skillmap.importing.model import StaffMapping
    from skillmap.importing.reader import likely_sheet, read_workbook
    from skillmap.services.completions_import import KIND, score_completions_header
    from skillmap.services.staff_import import load_mapping

    mapping = StaffMapping()
    if args.mapping:
        saved = load_mapping(engine, args.mapping, KIND)
        if saved is None:
            raise CliError(tr("cli.no_mapping", name=args.mapping))
        mapping = saved
    mapping.fields.update(_pairs(args.map))
    if args.header_row:
        mapping.header_row = args.header_row
    sheet = args.sheet or mapping.sheet
    wb = read_workbook(args.file, [sheet] if sheet else None, encoding=args.encoding, delimiter=args.delimiter)
    sheet = _sheet_read(wb, sheet) if sheet else likely_sheet(wb, score=score_completions_header)
    mapping.sheet = sheet
    return wb, parse_completions(wb.sheets[sheet], file=args.file, mapping=mapping)


def cmd_import_completions(args: argparse.Namespace) -> int:
    from skillmap.importing.report import write_problems
    from skillmap.services.completions_import import KIND, commit_completions, plan_completions
    from skillmap.services.staff_import import save_mapping

    _pairs(args.map)  # argument errors before anything touches the database
    engine = _open(args)
    wb, parsed = _read_completions(args, engine)
    plan = plan_completions(engine, parsed, sha256=wb.sha256)
    if args.problems_out:
        write_problems(plan.problems, args.problems_out, source_file=args.file, summary=plan.counts())
    if args.save_mapping:
        save_mapping(engine, args.save_mapping, plan.mapping, KIND)
    data: dict[str, Any] = plan.to_json(limit=args.limit)
    errors = plan.errors
    blocked = bool(errors) and not args.skip_bad_rows
    if args.dry_run or blocked or not plan.new:
        data["committed"] = False
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(_completions_text(plan, args.limit))
            if blocked and not args.dry_run:
                print(tr("cimp.has_errors", count=len(plan.bad_rows)) + " (--skip-bad-rows)", file=sys.stderr)
            elif not plan.new and not args.dry_run:
                stored = int(plan.already_stored.sum())
                print(tr("cimp.nothing_new", stored=stored) if stored else tr("cimp.nothing"), file=sys.stderr)
        return 2 if blocked or (not plan.new and not plan.already_stored.any() and not args.dry_run) else 0
    outcome = commit_completions(engine, plan, actor=args.user, progress=_stderr_progress(args),
                                 skip_bad_rows=args.skip_bad_rows)
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    data.update(committed=True, import_id=outcome.batch_id, counts=outcome.counts)
    _emit(args, data, _completions_text(plan, args.limit) + "\n" + tr("cli.imported", id=outcome.batch_id))
    return 0


def _completions_text(plan: CompletionsPlan, limit: int) -> str:
    lines = [tr("cli.completions_sheet", sheet=plan.sheet or "", row=plan.parsed.header_row),
             tr("cli.completions_plan", **plan.counts())]
    for problem in plan.problems[:limit]:
        lines.append(f"  {tr('severity.' + problem.severity)}: {problem.text()}")
    if len(plan.problems) > limit:
        lines.append(f"  (+{len(plan.problems) - limit})")
    return "\n".join(lines)


def cmd_imports(args: argparse.Namespace) -> int:
    from skillmap.services.staff_import import list_imports

    rows = list_imports(_open(args))
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2, default=str))
        return 0
    for r in rows:
        when = r.started_at.strftime("%d/%m/%Y %H:%M") if r.started_at else ""
        added = r.counts.get("people_added", r.counts.get("completions_added", r.counts.get("staff", "")))
        print(f"{r.id:>5}  {when}  {r.kind:<12} {r.status:<7} {r.file_name or '':<40} {added}")
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    from skillmap.services.staff_import import undo_import

    counts = undo_import(_open(args), args.id, actor=args.user, progress=_stderr_progress(args))
    _emit(args, {"import_id": args.id, **counts}, tr("cli.undone", id=args.id, **counts))
    return 0


GAP_TABLES: tuple[str, ...] = ("gaps", "supply", "titles", "ratings", "trend")


def cmd_gaps(args: argparse.Namespace) -> int:
    from datetime import date

    from skillmap.services import gaps as G

    if args.table != "gaps" and args.by not in (None, "competency", "person"):
        raise CliError(tr("cli.gaps_by_only_for_gaps"))
    if args.table == "ratings" and args.by not in (None, "competency", "person"):
        raise CliError(tr("cli.gaps_by_only_for_gaps"))
    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise CliError(tr("cli.bad_date", value=args.as_of)) from None
    if args.out and Path(args.out).suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise CliError(tr("cli.gaps_bad_out", file=args.out))
    filters = G.GapFilters(agency=_id_or_code(args.agency), unit=_id_or_code(args.unit),
                           role_family=_id_or_code(args.family), framework=_id_or_code(args.framework),
                           as_of=as_of)
    engine = _open(args)
    data = G.load_gap_data(engine, filters, progress=_stderr_progress(args))
    if args.table == "supply":
        table = G.supply_demand_rows(data)
    elif args.table == "titles":
        table = G.title_check_rows(data)
    elif args.table == "ratings":
        table = G.self_manager_rows(data, G.load_ratings(engine, data), by=args.by or "competency")
    elif args.table == "trend":
        table = G.trend_rows(data)
    else:
        table = G.gap_rows(data, args.by or "competency")
    if args.out:
        path = G.write_gaps(table, args.out)
        _emit(args, {"file": str(path), "rows": len(table.rows), "table": table.kind,
                     "group_by": table.group_by}, tr("cli.exported", file=path))
    elif args.json:
        print(json.dumps(table.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        print(table.text(limit=None if args.limit <= 0 else args.limit))
    return 0


def _filters(args: argparse.Namespace) -> Any:
    from skillmap.services import gaps as G

    return G.GapFilters(agency=_id_or_code(getattr(args, "agency", None)),
                        unit=_id_or_code(getattr(args, "unit", None)),
                        role_family=_id_or_code(getattr(args, "family", None)),
                        framework=_id_or_code(getattr(args, "framework", None)))


def _table_out(args: argparse.Namespace, table: Any) -> None:
    """Write ``table`` to ``--out``, or print it as JSON (``--json``) or text."""
    from skillmap.services import gaps as G

    if getattr(args, "out", None):
        path = G.write_gaps(table, args.out)
        _emit(args, {"file": str(path), "rows": len(table.rows), "table": table.kind}, tr("cli.exported", file=path))
    elif args.json:
        print(json.dumps(table.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        limit = getattr(args, "limit", 0)
        print(table.text(limit=None if limit <= 0 else limit))


def _check_out(args: argparse.Namespace) -> None:
    if getattr(args, "out", None) and Path(args.out).suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise CliError(tr("cli.gaps_bad_out", file=args.out))


def cmd_pathway(args: argparse.Namespace) -> int:
    from skillmap.services import pathways as P

    _check_out(args)
    if args.person and not args.target:
        raise CliError(tr("cli.pathway_needs_target"))
    settings = P.PathwaySettings(threshold=args.threshold, in_post_share=args.in_post_share,
                                 level_hours=args.level_hours, hard_factor=args.hard_factor)
    engine = _open(args)
    pd = P.load_pathway_data(engine, _filters(args), settings=settings, progress=_stderr_progress(args))
    if args.person:
        person, target = pd.person(args.person), pd.role(args.target)
        if args.json and not args.out:
            print(json.dumps(P.route_json(pd, person, target), ensure_ascii=False, indent=2, default=str))
            return 0
        table = P.route_rows(pd, person, target)
    elif args.target:
        target = pd.role(args.target)
        table = P.ranking_rows(pd, target, pd.ranking(target, progress=_stderr_progress(args)))
    elif args.moves:
        table = P.move_rows(pd)
    else:
        table = P.core_rows(pd, raise_by=args.raise_by)
    _table_out(args, table)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from datetime import date

    from skillmap.services import plans as PL

    _check_out(args)
    start = None
    if args.start:
        try:
            start = date.fromisoformat(args.start)
        except ValueError:
            raise CliError(tr("cli.bad_date", value=args.start)) from None
    if args.hours_per_week <= 0:
        raise CliError(tr("cli.plan_bad_rate", value=args.hours_per_week))
    engine = _open(args)
    if args.person:
        pp = PL.plan_for_person(engine, args.person, args.target, hours_per_week=args.hours_per_week, start=start)
        if args.json and not args.out:
            print(json.dumps({
                "person": pp.employee_number, "name": pp.name, "target": pp.target_code,
                "target_title": pp.target_title, "own_role": pp.own_role, "hours": round(pp.plan.hours, 2),
                "exact": pp.plan.exact, "method": pp.plan.method, "start": pp.start, "finish": pp.finish,
                "hours_per_week": pp.hours_per_week,
                "uncovered": [{"competency": pp.competency_name.get(c, c), "current": cur, "required": req}
                              for c, (cur, req) in pp.plan.uncovered.items()],
                **{"courses": PL.person_plan_rows(pp).to_json()["rows"]}}, ensure_ascii=False, indent=2,
                default=str))
            return 0
        _table_out(args, PL.person_plan_rows(pp))
        return 0
    if not (args.unit or args.agency):
        raise CliError(tr("cli.plan_needs_who"))
    up = PL.unit_plans(engine, _filters(args), target=args.target, hours_per_week=args.hours_per_week, start=start,
                       progress=_stderr_progress(args))
    table = up.courses if args.courses else up.people
    if args.json and not args.out:
        out = table.to_json()
        out["people"] = len(up.plans)
        out["exact_share"] = round(up.exact_share, 4)
        out["planning_seconds"] = round(up.seconds, 3)
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return 0
    _table_out(args, table)
    return 0


def _day_arg(value: str | None) -> Any:
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(tr("cli.bad_date", value=value)) from None


def _track_id(engine: Any, code: str) -> int:
    from skillmap.services.training import list_tracks

    tracks = list_tracks(engine)
    for t in tracks:
        if t.code.casefold() == code.strip().casefold():
            return t.id
    raise CliError(tr("cli.unknown_track", value=code, known=", ".join(t.code for t in tracks[:8]) or "—"))


def cmd_tracks(args: argparse.Namespace) -> int:
    from skillmap.services import training as T

    engine = _open(args)
    lang = get_language()
    if args.generate:
        from sqlalchemy import select

        from skillmap.db import models as m

        with engine.connect() as conn:
            role = conn.execute(select(m.RoleProfile.id).where(m.RoleProfile.code == args.generate)).scalar()
        if role is None:
            raise CliError(tr("cli.unknown_role", value=args.generate))
        proposal = T.propose_track(engine, int(role), min_share=args.min_share, progress=_stderr_progress(args))
        name = proposal.name_es if lang == "es" else proposal.name_en
        data: dict[str, Any] = {
            "code": proposal.code, "name": name, "role": proposal.role_code, "people": proposal.people,
            "courses": [proposal.course_codes.get(c, c) for c in proposal.course_ids],
            "hours": round(proposal.plan.hours, 2), "exact": proposal.plan.exact,
            "uncovered": len(proposal.uncovered), "saved": False}
        if args.save:
            info = T.create_track_from_proposal(engine, proposal, code=args.code, actor=args.user)
            data.update(saved=True, id=info.id, code=info.code)
        text = tr("cli.track_proposed", code=data["code"], name=name, n=len(data["courses"]), hours=data["hours"],
                  people=proposal.people) + "\n  " + " → ".join(map(str, data["courses"]))
        if data["saved"]:
            text += "\n" + tr("cli.track_saved", code=data["code"])
        _emit(args, data, text)
        return 0
    tracks = T.list_tracks(engine)
    data_list = [{"code": t.code, "name": t.name_es if lang == "es" else t.name_en, "hours": t.hours,
                  "courses": [c.code for c in t.courses]} for t in tracks]
    lines = [f"{t['code']:<28} {t['hours']:>6.1f} h  {t['name']}  ({', '.join(t['courses'])})" for t in data_list]
    _emit(args, data_list, "\n".join(lines) or tr("cli.no_tracks"))
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.services import training as T

    chosen = [bool(args.unit and not args.gap), bool(args.gap), bool(args.staff)]
    if sum(chosen) != 1:
        raise CliError(tr("cli.assign_who"))
    due = _day_arg(args.due)
    engine = _open(args)
    track = _track_id(engine, args.track)
    audience: T.Audience
    if args.staff:
        numbers = [n.strip() for n in args.staff.replace(";", ",").split(",") if n.strip()]
        with engine.connect() as conn:
            found = dict(conn.execute(select(m.Staff.employee_number, m.Staff.id)
                                      .where(m.Staff.employee_number.in_(numbers))).all())
        missing = [n for n in numbers if n not in found]
        if missing:
            raise CliError(tr("cli.unknown_people", value=", ".join(missing[:10])))
        audience = T.StaffAudience(tuple(int(found[n]) for n in numbers))
    elif args.gap:
        with engine.connect() as conn:
            comp = conn.execute(select(m.Competency.id).join(m.Framework)
                                .where(m.Competency.code == args.gap, m.Framework.active.is_(True))).scalar()
        if comp is None:
            raise CliError(tr("cli.unknown_competency", value=args.gap))
        audience = T.GapAudience(int(comp), args.min_gap, _filters(args))
    else:
        audience = T.UnitAudience(_id_or_code(args.unit), not args.no_subunits, _id_or_code(args.agency))
    if args.dry_run:
        n = len(T.audience_staff(engine, audience))
        _emit(args, {"track": args.track, "selected": n, "dry_run": True}, tr("cli.assign_dry", n=n, track=args.track))
        return 0
    out = T.assign_track(engine, track, audience, due_on=due, actor=args.user, progress=_stderr_progress(args))
    _emit(args, {**out.to_json(), "track": args.track, "due_on": due},
          tr("cli.assigned", n=out.assigned, track=args.track, already=out.already_assigned))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    import csv as _csv

    from skillmap.services import training as T

    engine = _open(args)
    track = _track_id(engine, args.track) if args.track else None
    where = {"track_id": track, "unit": _id_or_code(args.unit), "agency": _id_or_code(args.agency),
             "as_of": _day_arg(args.as_of)}
    if args.refresh:
        counts = T.refresh_assignment_status(engine, **where, actor=args.user, progress=_stderr_progress(args))
        _emit(args, counts, tr("cli.progress_refreshed", checked=counts["checked"], changed=counts["changed"]))
        return 0
    table = T.assignment_progress(engine, **where)
    rows = table.rows()
    if args.out:
        from skillmap.services.gaps import csv_safe

        path = Path(args.out)
        with path.open("w", newline="", encoding="utf-8-sig") as fh:
            keys = list(rows[0]) if rows else ["employee_number", "status"]
            w = _csv.writer(fh)
            w.writerow(keys)
            for r in rows:
                w.writerow([csv_safe(r[k]) for k in keys])  # type: ignore[arg-type]
        from skillmap.services.reports import log_table_export

        log_table_export(engine, table="progress", path=path, headers=keys, rows=len(rows), lang=get_language(),
                         staff_ids=[int(r["staff_id"]) for r in rows], user=args.user)  # names leave the app
        _emit(args, {"file": str(path), "rows": len(rows)}, tr("cli.exported", file=path))
    elif args.json:
        print(json.dumps({"counts": table.counts(), "rows": rows}, ensure_ascii=False, indent=2, default=str))
    else:
        counts = table.counts()
        print("  ".join(f"{T.status_label(k)}: {v}" for k, v in counts.items()))
        shown = rows if args.limit <= 0 else rows[:args.limit]
        for r in shown:
            pct = "—" if r["pct_done"] is None else f"{r['pct_done']:.0f}%"
            late = " !" if r["overdue"] else ""
            print(f"{r['employee_number']:<10} {r['name'][:34]:<34} {r['track']:<24} "
                  f"{T.status_label(r['status']):<14} {pct:>5}  {r['due_on'] or '—'}{late}")
        if len(rows) > len(shown):
            print(f"… (+{len(rows) - len(shown)})")
    return 0


def cmd_certification(args: argparse.Namespace) -> int:
    from skillmap.services import certification as C

    engine = _open(args)
    if not args.program:
        programs = C.list_programs(engine)
        lang = get_language()
        data = [{"code": p.code, "name": p.name_es if lang == "es" else p.name_en,
                 "validity_years": p.validity_years, "max_attempts": p.max_attempts} for p in programs]
        _emit(args, data, "\n".join(f"{d['code']:<20} {d['name']}" for d in data))
        return 0
    report = C.program_status(engine, args.program, as_of=_day_arg(args.as_of), agency=_id_or_code(args.agency),
                              unit=_id_or_code(args.unit), window_days=args.window)
    rows = report.rows(args.status)
    if args.json:
        print(json.dumps({"program": args.program, "as_of": report.as_of, "counts": report.counts(), "rows": rows},
                         ensure_ascii=False, indent=2, default=str))
        return 0
    print("  ".join(f"{C.status_label(k)}: {v}" for k, v in report.counts().items()))
    shown = rows if args.limit <= 0 else rows[:args.limit]
    for r in shown:
        print(f"{r['employee_number']:<10} {r['name'][:40]:<40} {C.status_label(r['status'])}")
    if len(rows) > len(shown):
        print(f"… (+{len(rows) - len(shown)})")
    return 0


def _id_or_code(value: str | None) -> int | str | None:
    """A filter given on the command line: a number is an id, anything else a code or name."""
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="skillmap", description="SkillMap: skills-gap mapping and workforce planning.")
    p.add_argument("--version", action="version", version=f"skillmap {__version__}")
    p.add_argument("--db", help="database: SQLAlchemy URL or SQLite file (default: $SKILLMAP_DB or per-user file)")
    p.add_argument("--lang", choices=("en", "es"), help="language of messages and of the app")
    p.add_argument("--sample", action="store_true",
                   help="open the app on the bundled sample organisation (created on first use)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("--db", default=argparse.SUPPRESS, help="database URL or SQLite file")
        sp.add_argument("--json", action="store_true", help="print a machine-readable summary")
        sp.add_argument("--lang", choices=("en", "es"), default=argparse.SUPPRESS)
        sp.set_defaults(func=func)
        return sp

    sp = add("init-db", cmd_init_db, "create or upgrade a database and install the bundled frameworks")
    sp.add_argument("--no-frameworks", action="store_true", help="do not install the bundled frameworks")

    sp = add("load-sample", cmd_load_sample, "load the generated sample organisation into the database")
    sp.add_argument("--staff", type=int, default=500)
    sp.add_argument("--agencies", type=int, default=8)
    sp.add_argument("--seed", type=int, default=2026)
    sp.add_argument("--replace", action="store_true", help="delete the organisation already stored first")

    add("frameworks", cmd_frameworks, "list frameworks with their competency and role counts")

    sp = add("import-framework", cmd_import_framework, "import a framework file (YAML/JSON) or a long table")
    sp.add_argument("file")
    sp.add_argument("--table", action="store_true", help="the file is a long table (csv/xlsx), one row per "
                    "role level and skill")
    sp.add_argument("--sheet", help="sheet of a workbook (long table)")
    sp.add_argument("--map", action="append", metavar="FIELD=HEADER", help="map a field to a column header")
    sp.add_argument("--level-word", action="append", metavar="WORD=N", help="map a level word to a number")
    sp.add_argument("--code", help="framework code (long table; default: file name)")
    sp.add_argument("--version", default="1.0", help="framework version (long table)")
    sp.add_argument("--name", help="framework name (long table)")

    sp = add("export-framework", cmd_export_framework, "export a framework to .yaml, .json or .xlsx")
    sp.add_argument("code")
    sp.add_argument("--out", required=True, help="output file (.yaml, .json or .xlsx)")
    sp.add_argument("--version", help="framework version (default: the active one)")

    sp = add("import-staff", cmd_import_staff,
             "import staff and competency levels from an HR spreadsheet (xlsx, xlsm, xls, ods, csv)")
    sp.add_argument("file")
    sp.add_argument("--sheet", action="append",
                    help="sheet to import (default: the likely one); repeat to import several sheets of the file "
                         "one after the other, e.g. the staff sheet and then a sheet of competency levels")
    sp.add_argument("--map", action="append", metavar="FIELD=HEADER", help="map a field to a column header")
    sp.add_argument("--level-column", action="append", metavar="HEADER=CODE",
                    help="map a level column (wide layout) to a competency code")
    sp.add_argument("--level-word", action="append", metavar="WORD=N", help="map a level word to a number")
    sp.add_argument("--header-row", type=int, help="spreadsheet row of the header (default: found)")
    sp.add_argument("--mapping", help="start from a saved mapping")
    sp.add_argument("--save-mapping", metavar="NAME", help="save the mapping used, for the next file")
    sp.add_argument("--encoding", help="CSV encoding (default: detected)")
    sp.add_argument("--delimiter", help="CSV delimiter (default: detected)")
    sp.add_argument("--date", help="date of the levels when the file has none (YYYY-MM-DD; default today)")
    sp.add_argument("--source", choices=("self", "manager", "test", "certification", "course"),
                    help="source of the levels when the file does not say (default manager)")
    sp.add_argument("--dry-run", action="store_true", help="check and show what would change; store nothing")
    sp.add_argument("--skip-bad-rows", action="store_true", help="import the good rows when some have errors")
    sp.add_argument("--problems-out", metavar="FILE", help="write the problems found to FILE (.json or .xlsx)")
    sp.add_argument("--user", help="who imports (recorded with the import)")
    sp.add_argument("--limit", type=int, default=50, help="how many people and problems to list")

    sp = add("import-completions", cmd_import_completions,
             "import course completions exported by a learning platform (xlsx, xlsm, xls, ods, csv)")
    sp.add_argument("file")
    sp.add_argument("--sheet", help="sheet to read (default: the likely one)")
    sp.add_argument("--map", action="append", metavar="FIELD=HEADER",
                    help="map a field (employee_number, course, completed_on, result, score) to a column header; "
                         "an empty header switches the field off")
    sp.add_argument("--header-row", type=int, help="spreadsheet row of the header (default: found)")
    sp.add_argument("--mapping", help="start from a saved completions mapping")
    sp.add_argument("--save-mapping", metavar="NAME", help="save the mapping used, for the next file")
    sp.add_argument("--encoding", help="CSV encoding (default: detected)")
    sp.add_argument("--delimiter", help="CSV delimiter (default: detected)")
    sp.add_argument("--dry-run", action="store_true", help="check and show what would be stored; store nothing")
    sp.add_argument("--skip-bad-rows", action="store_true", help="import the good rows when some have errors")
    sp.add_argument("--problems-out", metavar="FILE", help="write the problems found to FILE (.json or .xlsx)")
    sp.add_argument("--user", help="who imports (recorded with the import)")
    sp.add_argument("--limit", type=int, default=50, help="how many problems to list")

    add("imports", cmd_imports, "list the imports recorded in the database")
    sp = add("undo-import", cmd_undo_import, "undo an import as a whole")
    sp.add_argument("id", type=int)
    sp.add_argument("--user", help="who undoes it (recorded)")

    sp = add("gaps", cmd_gaps, "skills-gap tables: by agency, unit, role family, role, competency or person")
    sp.add_argument("--table", choices=GAP_TABLES, default="gaps",
                    help="gaps (default), supply (supply vs demand per competency and level), titles (title "
                         "check), ratings (self vs manager), trend (mean level per year)")
    sp.add_argument("--by", choices=("agency", "unit", "role_family", "role", "competency", "person"),
                    help="grouping of the gaps table (default competency); ratings: competency or person")
    sp.add_argument("--agency", help="only this agency (id, code or name)")
    sp.add_argument("--unit", help="only this unit and the units under it (id, code or name)")
    sp.add_argument("--family", help="only this role family (id, code or name)")
    sp.add_argument("--framework", help="only this framework's competencies and roles (id or code)")
    sp.add_argument("--as-of", metavar="YYYY-MM-DD", help="levels as they stood on this day")
    sp.add_argument("--out", metavar="FILE", help="write the table to FILE (.csv, .xlsx or .json)")
    sp.add_argument("--limit", type=int, default=60, help="rows to print (0: all)")

    sp = add("pathway", cmd_pathway,
             "role transitions: a person's cheapest route to a role, everyone ranked for a role, or the core "
             "competencies that open the most moves")
    sp.add_argument("--person", metavar="EMPLOYEE_NO", help="the person whose route to --target is wanted")
    sp.add_argument("--target", metavar="ROLE", help="target role profile (code or title); alone: rank everyone")
    sp.add_argument("--moves", action="store_true", help="list the viable moves between role profiles")
    sp.add_argument("--raise-by", type=int, metavar="N",
                    help="core competencies: raising a competency by at most N levels (default: closing its gap)")
    sp.add_argument("--threshold", type=float, default=0.6, help="readiness at which a move is viable (0–1)")
    sp.add_argument("--in-post-share", type=float, default=0.5,
                    help="share of the effort still counted when a gap is closed in post after a move (0–1]")
    sp.add_argument("--level-hours", type=float, default=40.0, help="hours per level where no course reaches it")
    sp.add_argument("--hard-factor", type=float, default=3.0, help="cost factor of hard-to-transfer competencies")
    sp.add_argument("--agency", help="only people of this agency (id, code or name)")
    sp.add_argument("--unit", help="only people of this unit and the units under it")
    sp.add_argument("--framework", help="only this framework's competencies and roles")
    sp.add_argument("--out", metavar="FILE", help="write the table to FILE (.csv, .xlsx or .json)")
    sp.add_argument("--limit", type=int, default=60, help="rows to print (0: all)")

    sp = add("plan", cmd_plan,
             "course plans: the fewest-hours courses that close a person's gaps for a role, or plans for a unit")
    sp.add_argument("--person", metavar="EMPLOYEE_NO", help="plan for this person")
    sp.add_argument("--target", metavar="ROLE", help="target role profile code (default: each person's own)")
    sp.add_argument("--unit", help="plan for everyone in this unit and the units under it")
    sp.add_argument("--agency", help="plan for everyone in this agency (or the agency of --unit)")
    sp.add_argument("--courses", action="store_true", help="for a unit: the courses the plans need, not the people")
    sp.add_argument("--hours-per-week", type=float, default=4.0, help="study hours per week (default 4)")
    sp.add_argument("--start", metavar="YYYY-MM-DD", help="start date (default today)")
    sp.add_argument("--out", metavar="FILE", help="write the table to FILE (.csv, .xlsx or .json)")
    sp.add_argument("--limit", type=int, default=60, help="rows to print (0: all)")

    sp = add("tracks", cmd_tracks, "upskilling tracks: list them, or generate one from a role's typical gap")
    sp.add_argument("--generate", metavar="ROLE", help="propose a track closing this role profile's typical gap")
    sp.add_argument("--min-share", type=float, default=0.3,
                    help="a competency is in the typical gap when at least this share of holders is short")
    sp.add_argument("--save", action="store_true", help="store the proposed track")
    sp.add_argument("--code", help="code of the saved track (default: proposed)")
    sp.add_argument("--user", help="who saves it (for the audit log)")

    sp = add("assign", cmd_assign,
             "assign a track with a due date to a unit, to everyone with a gap, or to a list of people")
    sp.add_argument("--track", required=True, help="track code")
    sp.add_argument("--unit", help="everyone in this unit (and its sub-units unless --no-subunits)")
    sp.add_argument("--agency", help="the agency of --unit (when unit codes repeat), or a filter of --gap")
    sp.add_argument("--no-subunits", action="store_true", help="only the unit itself")
    sp.add_argument("--gap", metavar="COMPETENCY", help="everyone whose level is below their role's in this "
                                                        "competency (code)")
    sp.add_argument("--min-gap", type=int, default=1, help="with --gap: at least this many levels short")
    sp.add_argument("--staff", metavar="NUMBERS", help="employee numbers separated by commas")
    sp.add_argument("--due", metavar="YYYY-MM-DD", help="due date")
    sp.add_argument("--dry-run", action="store_true", help="count who would be assigned, store nothing")
    sp.add_argument("--user", help="who assigns (for the audit log)")

    sp = add("progress", cmd_progress, "progress of assigned tracks from the completions imported")
    sp.add_argument("--track", help="only this track (code)")
    sp.add_argument("--unit", help="only people of this unit and its sub-units")
    sp.add_argument("--agency", help="only people of this agency")
    sp.add_argument("--as-of", metavar="YYYY-MM-DD", help="progress as it stood on this day")
    sp.add_argument("--refresh", action="store_true", help="store the statuses derived from the completions")
    sp.add_argument("--out", metavar="FILE.csv", help="write the rows to a CSV file")
    sp.add_argument("--limit", type=int, default=60, help="rows to print (0: all)")
    sp.add_argument("--user", help="who refreshes (for the audit log)")

    sp = add("certification", cmd_certification,
             "certification programmes, or who is certified, due, expired, at risk or failed out in one")
    sp.add_argument("--program", help="programme code (none: list the programmes)")
    sp.add_argument("--status", choices=("certified", "due", "expired", "at_risk", "failed_out", "never_attempted"),
                    help="only people in this status")
    sp.add_argument("--as-of", metavar="YYYY-MM-DD", help="status on this day (default today)")
    sp.add_argument("--window", type=int, default=180, help="days before expiry at which a person is due")
    sp.add_argument("--agency", help="only people of this agency")
    sp.add_argument("--unit", help="only people of this unit and its sub-units")
    sp.add_argument("--limit", type=int, default=60, help="rows to print (0: all)")

    sp = add("generate-sample", cmd_generate_sample,
             "write a generated organisation's HR workbook (and history CSV when it is large)")
    sp.add_argument("--out", required=True, help="output folder")
    sp.add_argument("--staff", type=int, default=500)
    sp.add_argument("--agencies", type=int, default=8)
    sp.add_argument("--seed", type=int, default=2026)
    sp.add_argument("--name", help="file name stem")

    from skillmap.cli_report import add_report_parser

    add_report_parser(add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if not hasattr(args, "json"):
        args.json = False
    if args.command is None:
        from skillmap.ui.app import run_app

        return run_app(db=args.db, sample=args.sample, lang=args.lang)
    args.engines = []
    try:
        return int(args.func(args))
    except InputError as exc:
        problems = exc.problems
        if args.json:
            print(json.dumps({"error": True, "problems": [pr.to_json() for pr in problems]},
                             ensure_ascii=False, indent=2))
        else:
            print(f"skillmap: {problems[0].text()}", file=sys.stderr)
            for extra in problems[1:20]:
                print(f"  {extra.text()}", file=sys.stderr)
            if len(problems) > 20:
                print(f"  (+{len(problems) - 20})", file=sys.stderr)
        return 2
    except CliError as exc:
        return _fail(args, str(exc))
    except _database_errors() as exc:
        lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return _fail(args, tr("cli.db_error", detail=lines[0] if lines else type(exc).__name__))
    except BrokenPipeError:
        # the reader of our output went away (``skillmap imports | head``): stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(args, f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130
    finally:
        for engine in args.engines:
            engine.dispose()


def _database_errors() -> tuple[type[BaseException], ...]:
    """SQLAlchemy's error class, if SQLAlchemy has been imported (an ``except`` clause evaluates this only
    when an exception reaches it: no command pays for importing SQLAlchemy just to be able to catch it)."""
    exc = sys.modules.get("sqlalchemy.exc")
    return (exc.SQLAlchemyError,) if exc is not None else ()


def _fail(args: argparse.Namespace, message: str) -> int:
    """One line on stderr, or a JSON object on stdout with ``--json``; exit status 2."""
    if args.json:
        print(json.dumps({"error": True, "message": message}, ensure_ascii=False))
    else:
        print(f"skillmap: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
