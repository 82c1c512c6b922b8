"""The ``skillmap`` command. With no sub-command it opens the app; sub-commands automate the same services.

Every sub-command takes ``--db`` (a SQLAlchemy URL or a SQLite file; default: ``SKILLMAP_DB`` or the
per-user database) and ``--json`` (print a machine-readable summary). Errors exit non-zero with one line
naming the file and the place.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from skillmap import __version__
from skillmap.i18n import get_language, register, set_language, tr
from skillmap.problems import InputError
from skillmap.tasks import Progress

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
        "cli.exported": {"en": "Wrote {file}", "es": "Se escribió {file}"},
        "cli.generated": {"en": "Wrote {files}", "es": "Se escribieron {files}"},
        "cli.no_frameworks": {"en": "No frameworks in the database.", "es": "No hay marcos en la base de datos."},
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

    sp = add("generate-sample", cmd_generate_sample,
             "write a generated organisation's HR workbook (and history CSV when it is large)")
    sp.add_argument("--out", required=True, help="output folder")
    sp.add_argument("--staff", type=int, default=500)
    sp.add_argument("--agencies", type=int, default=8)
    sp.add_argument("--seed", type=int, default=2026)
    sp.add_argument("--name", help="file name stem")
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
    except SQLAlchemyError as exc:
        lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return _fail(args, tr("cli.db_error", detail=lines[0] if lines else type(exc).__name__))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(args, f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130
    finally:
        for engine in args.engines:
            engine.dispose()


def _fail(args: argparse.Namespace, message: str) -> int:
    """One line on stderr, or a JSON object on stdout with ``--json``; exit status 2."""
    if args.json:
        print(json.dumps({"error": True, "message": message}, ensure_ascii=False))
    else:
        print(f"skillmap: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
