"""``skillmap report``: write a gap, individual or training report (xlsx, PDF or CSV), or one per unit or agency.

Examples::

    skillmap report --kind gaps --agency SHCP --out shcp.xlsx            # pseudonymised (the default)
    skillmap report --kind gaps --unit SHCP-120 --format pdf --lang en --out uaf.pdf
    skillmap report --kind person --person 101144 --out desarrollo.pdf    # in the language of --lang
    skillmap report --kind training --agency SEP --format csv --out sep.csv
    skillmap report --kind gaps --every unit --format xlsx --out-dir reports/   # one file per unit
    skillmap report --kind gaps --agency SHCP --full --user ana.lopez --out shcp-full.xlsx

Reports about more than one person name people by a pseudonym. ``--full`` (names and employee numbers) needs
``--user`` and is granted by the rule of :func:`skillmap.services.reports.may_export_full`: on a database with
application users, an active user with the role ``admin`` or ``hr_planner``; on a single-user workstation with
no application users, the local user. Every file written is recorded in the audit log with the people in it.

Wired into :mod:`skillmap.cli` by ``add_report_parser(add)`` inside ``build_parser``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillmap.i18n import get_language, register, tr

KINDS = ("gaps", "person", "training")
FORMATS = ("xlsx", "pdf", "csv")
DEFAULT_FORMAT = {"gaps": "xlsx", "person": "pdf", "training": "xlsx"}

register(
    {
        "cli.report.needs_out": {"en": "say where to write the report: --out FILE (or --every with --out-dir DIR)",
                                 "es": "indique dónde escribir el reporte: --out ARCHIVO (o --every con --out-dir "
                                       "CARPETA)"},
        "cli.report.every_needs_dir": {"en": "--every needs --out-dir DIR (one file per unit or agency)",
                                       "es": "--every requiere --out-dir CARPETA (un archivo por unidad o "
                                             "dependencia)"},
        "cli.report.person_needs_number": {"en": "--kind person needs --person EMPLOYEE_NO",
                                           "es": "--kind person requiere --person NÚM_EMPLEADO"},
        "cli.report.person_only": {"en": "--person applies to --kind person only",
                                   "es": "--person solo se usa con --kind person"},
        "cli.report.unknown_person": {"en": "no staff member with employee number “{value}”",
                                      "es": "no hay una persona con número de empleado «{value}»"},
        "cli.report.full_needs_user": {"en": "--full needs --user NAME (recorded in the audit log)",
                                       "es": "--full requiere --user NOMBRE (se registra en la bitácora)"},
        "cli.report.suffix": {"en": "{file}: a {fmt} report must end in .{fmt}",
                              "es": "{file}: un reporte {fmt} debe terminar en .{fmt}"},
        "cli.report.bad_suffix": {"en": "{file}: the report must end in .xlsx, .pdf or .csv",
                                  "es": "{file}: el reporte debe terminar en .xlsx, .pdf o .csv"},
        "cli.report.written": {"en": "Wrote {file} ({kind}, {fmt}, {lang}{full})",
                               "es": "Se escribió {file} ({kind}, {fmt}, {lang}{full})"},
        "cli.report.full": {"en": ", with names", "es": ", con nombres"},
        "cli.report.batch": {"en": "Wrote {count} reports to {dir}", "es": "Se escribieron {count} reportes en {dir}"},
    }
)

AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_report_parser(add: AddCommand) -> argparse.ArgumentParser:
    """Add the ``report`` sub-command through ``skillmap.cli.build_parser``'s ``add``."""
    sp = add("report", cmd_report,
             "write a gap, individual or training report (xlsx, pdf, csv), or one per unit or agency")
    sp.add_argument("--kind", choices=KINDS, default="gaps",
                    help="gaps (unit, agency or everyone; default), person (one person's development report) or "
                         "training (assignments and certifications)")
    sp.add_argument("--format", dest="fmt", choices=FORMATS,
                    help="file format (default: from --out's extension, else xlsx; pdf for --kind person)")
    sp.add_argument("--agency", help="only this agency (id, code or name)")
    sp.add_argument("--unit", help="only this unit and the units under it (id, code or name)")
    sp.add_argument("--person", metavar="EMPLOYEE_NO", help="the person of an individual report")
    sp.add_argument("--full", action="store_true",
                    help="names instead of pseudonyms (needs --user with the role admin or hr_planner; on a "
                         "workstation without application users, any --user)")
    sp.add_argument("--user", help="who exports (recorded in the audit log)")
    sp.add_argument("--out", metavar="FILE", help="the file to write (.xlsx, .pdf or .csv)")
    sp.add_argument("--every", choices=("unit", "agency"),
                    help="one report per unit (with its sub-units) or per agency, within --agency if given")
    sp.add_argument("--out-dir", metavar="DIR", help="folder for --every")
    return sp


def _format(args: argparse.Namespace) -> str:
    from skillmap.cli import CliError

    if args.out and not args.every:
        suffix = Path(args.out).suffix.lower().lstrip(".")
        if args.fmt is None:
            if suffix not in FORMATS:
                raise CliError(tr("cli.report.bad_suffix", file=args.out))
            return suffix
        if suffix != args.fmt:
            raise CliError(tr("cli.report.suffix", file=args.out, fmt=args.fmt))
    return str(args.fmt or DEFAULT_FORMAT[args.kind])


def _staff_id(engine: Any, number: str) -> int:
    from sqlalchemy import select

    from skillmap.db import models as m
    from skillmap.problems import InputError, Problem

    with engine.connect() as conn:
        sid = conn.execute(select(m.Staff.id).where(m.Staff.employee_number == number.strip())).scalar()
    if sid is None:
        raise InputError([Problem("cli.report.unknown_person", {"value": number})])
    return int(sid)


def cmd_report(args: argparse.Namespace) -> int:
    from skillmap.cli import CliError, _emit, _id_or_code, _open, _stderr_progress
    from skillmap.services import reports as R
    from skillmap.services.gaps import GapFilters

    lang = getattr(args, "lang", None) or get_language()
    if args.every and not args.out_dir:
        raise CliError(tr("cli.report.every_needs_dir"))
    if not args.every and not args.out:
        raise CliError(tr("cli.report.needs_out"))
    if args.kind == "person" and not args.person and not args.every:
        raise CliError(tr("cli.report.person_needs_number"))
    if args.person and args.kind != "person":
        raise CliError(tr("cli.report.person_only"))
    if args.full and not args.user:
        raise CliError(tr("cli.report.full_needs_user"))
    fmt = _format(args)
    engine = _open(args)
    allow_full = bool(args.full) and R.may_export_full(engine, args.user)
    pseudonymise = not args.full
    progress = _stderr_progress(args)
    if args.every:
        paths = R.batch_export(engine, args.kind, fmt, args.out_dir, per=args.every, agency=_id_or_code(args.agency),
                               lang=lang, pseudonymise=pseudonymise, allow_full=allow_full, user=args.user,
                               progress=progress)
        _emit(args, {"kind": args.kind, "format": fmt, "lang": lang, "pseudonymised": pseudonymise,
                     "count": len(paths), "files": [str(p) for p in paths]},
              tr("cli.report.batch", count=len(paths), dir=args.out_dir))
        return 0
    target: Any
    if args.kind == "person":
        target = _staff_id(engine, args.person)
    else:
        target = GapFilters(agency=_id_or_code(args.agency), unit=_id_or_code(args.unit))
    path = R.export_report(engine, args.kind, target, args.out, fmt=fmt, lang=lang, pseudonymise=pseudonymise,
                           allow_full=allow_full, user=args.user, progress=progress)
    named = args.kind == "person" or not pseudonymise
    _emit(args, {"file": str(path), "kind": args.kind, "format": fmt, "lang": lang,
                 "pseudonymised": not named},
          tr("cli.report.written", file=path, kind=args.kind, fmt=fmt, lang=lang,
             full=tr("cli.report.full") if named and args.kind != "person" else ""))
    return 0
