"""Frameworks in the database: store, list, rebuild for export, install the bundled ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, selectinload

from skillmap.db import models as m
from skillmap.db.session import read_session, unit_of_work
from skillmap.frameworks import model as fm
from skillmap.frameworks.fileformat import dump_framework, load_framework
from skillmap.i18n import register
from skillmap.paths import bundled_framework_files
from skillmap.problems import InputError, Problem

register(
    {
        "fw.exists": {
            "en": "framework {code} version {version} is already in the database; give the file a new version",
            "es": "el marco {code} versión {version} ya está en la base de datos; asigne una versión nueva al archivo",
        },
        "fw.not_found": {
            "en": "no framework with code {code!r}{version} in the database",
            "es": "no hay un marco con código {code!r}{version} en la base de datos",
        },
        "fw.export_ext": {
            "en": "unknown export format {ext!r}: use .yaml, .json or .xlsx",
            "es": "formato de exportación desconocido {ext!r}: use .yaml, .json o .xlsx",
        },
    }
)


@dataclass(frozen=True)
class FrameworkSummary:
    id: int
    code: str
    version: str
    name_en: str
    name_es: str
    active: bool
    categories: int
    competencies: int
    roles: int
    role_profiles: int
    requirements: int

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def store_framework(session: Session, fw: fm.Framework, *, file: str | None = None,
                    import_batch_id: int | None = None) -> m.Framework:
    """Add ``fw`` to the database (inside the caller's transaction). Earlier versions become inactive."""
    exists = session.scalar(
        select(m.Framework.id).where(m.Framework.code == fw.code, m.Framework.version == fw.version)
    )
    if exists:
        raise InputError([Problem("fw.exists", {"code": fw.code, "version": fw.version}, file=file)])
    session.execute(update(m.Framework).where(m.Framework.code == fw.code).values(active=False))
    row = m.Framework(
        code=fw.code, version=fw.version, name_en=fw.name.en, name_es=fw.name.es,
        description_en=fw.description.en, description_es=fw.description.es,
        publisher=fw.publisher, source=fw.source, active=True,
        import_batch_id=import_batch_id,
    )
    row.scale = [
        m.ScaleLevel(level=s.level, code=s.code, name_en=s.name.en, name_es=s.name.es,
                     description_en=s.description.en, description_es=s.description.es)
        for s in fw.scale
    ]
    session.add(row)
    session.flush()
    comp_ids: dict[str, int] = {}
    for ci, cat in enumerate(fw.categories):
        crow = m.Category(framework=row, code=cat.code, name_en=cat.name.en, name_es=cat.name.es,
                          description_en=cat.description.en, description_es=cat.description.es, sort_order=ci)
        session.add(crow)
        for k, comp in enumerate(cat.competencies):
            comp_row = m.Competency(
                framework_id=row.id, category=crow, code=comp.code, name_en=comp.name.en,
                name_es=comp.name.es, description_en=comp.description.en,
                description_es=comp.description.es, hard_to_transfer=comp.hard_to_transfer, sort_order=k,
                descriptors=[m.LevelDescriptor(level=lvl, text_en=t.en, text_es=t.es)
                             for lvl, t in sorted(comp.descriptors.items())],
            )
            session.add(comp_row)
            session.flush()
            comp_ids[comp.code] = comp_row.id
    families: dict[str, m.RoleFamily] = {}
    for fi, fam in enumerate(fw.role_families):
        families[fam.code] = m.RoleFamily(
            framework=row, code=fam.code, name_en=fam.name.en, name_es=fam.name.es,
            description_en=fam.description.en, description_es=fam.description.es, sort_order=fi)
        session.add(families[fam.code])
    for ri, role in enumerate(fw.roles):
        rrow = m.Role(framework_id=row.id, family=families[role.family], code=role.code, name_en=role.name.en,
                      name_es=role.name.es, description_en=role.description.en,
                      description_es=role.description.es, sort_order=ri)
        for level in role.levels:
            rrow.profiles.append(
                m.RoleProfile(
                    framework_id=row.id, code=level.code, seniority=level.seniority,
                    title_en=level.title.en, title_es=level.title.es,
                    requirements=[m.RoleRequirement(competency_id=comp_ids[q.competency],
                                                    required_level=q.level, weight=q.weight)
                                  for q in level.requirements],
                )
            )
        session.add(rrow)
    session.flush()
    return row


def import_framework_file(engine: Engine, path: str | Path, *, actor: str | None = None) -> FrameworkSummary:
    """Validate a framework file and store it in one transaction; audit-logged."""
    fw = load_framework(path)
    return import_framework(engine, fw, file=str(path), actor=actor)


def import_framework(engine: Engine, fw: fm.Framework, *, file: str | None = None,
                     actor: str | None = None) -> FrameworkSummary:
    with unit_of_work(engine) as s:
        row = store_framework(s, fw, file=file)
        s.add(m.AuditLog(actor=actor, action="import_framework", entity_type="framework", entity_id=row.id,
                         details={"code": fw.code, "version": fw.version, "file": Path(file).name if file else None}))
        fid = row.id
    return next(f for f in list_frameworks(engine) if f.id == fid)


def _bundled_identity(path: Path) -> tuple[str, str] | None:
    """``(code, version)`` of a bundled file from its header lines, without parsing the whole file."""
    head: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("scale:", "categories:")):
                break
            head.append(line)
    doc = yaml.safe_load("".join(head)) or {}
    if isinstance(doc, dict) and doc.get("code") and doc.get("version"):
        return str(doc["code"]), str(doc["version"])
    return None


def install_bundled_frameworks(engine: Engine) -> list[FrameworkSummary]:
    """Store each bundled framework whose code and version are not in the database yet.

    Runs every time a database is opened, so it reads only the files' header lines to decide.
    """
    with read_session(engine) as s:
        have = {(c, v) for c, v in s.execute(select(m.Framework.code, m.Framework.version))}
    added = []
    for path in bundled_framework_files():
        if _bundled_identity(path) in have:
            continue
        fw = load_framework(path)
        if (fw.code, fw.version) not in have:
            added.append(import_framework(engine, fw, file=str(path), actor="skillmap"))
    return added


def list_frameworks(engine: Engine) -> list[FrameworkSummary]:
    def counts(session: Session, model: type[m.Base], col: object) -> dict[int, int]:
        return dict(session.execute(select(col, func.count()).select_from(model).group_by(col)).all())

    with read_session(engine) as s:
        cats = counts(s, m.Category, m.Category.framework_id)
        comps = counts(s, m.Competency, m.Competency.framework_id)
        roles = counts(s, m.Role, m.Role.framework_id)
        profiles = counts(s, m.RoleProfile, m.RoleProfile.framework_id)
        reqs = dict(
            s.execute(
                select(m.RoleProfile.framework_id, func.count())
                .join(m.RoleRequirement, m.RoleRequirement.role_profile_id == m.RoleProfile.id)
                .group_by(m.RoleProfile.framework_id)
            ).all()
        )
        rows = s.scalars(select(m.Framework).order_by(m.Framework.code, m.Framework.id)).all()
        return [
            FrameworkSummary(
                id=r.id, code=r.code, version=r.version, name_en=r.name_en, name_es=r.name_es,
                active=r.active, categories=cats.get(r.id, 0), competencies=comps.get(r.id, 0),
                roles=roles.get(r.id, 0), role_profiles=profiles.get(r.id, 0), requirements=reqs.get(r.id, 0),
            )
            for r in rows
        ]


def find_framework_id(engine: Engine, code: str, version: str | None = None) -> int:
    with read_session(engine) as s:
        q = select(m.Framework.id).where(m.Framework.code == code)
        q = q.where(m.Framework.version == version) if version else q.order_by(
            m.Framework.active.desc(), m.Framework.id.desc())
        fid = s.scalars(q).first()
    if fid is None:
        suffix = f" version {version}" if version else ""
        raise InputError([Problem("fw.not_found", {"code": code, "version": suffix})])
    return fid


def _t(en: str, es: str) -> fm.Text:
    return fm.Text(en or "", es or "")


def framework_from_db(engine: Engine, framework_id: int) -> fm.Framework:
    """Rebuild the in-memory framework (for export and for the framework browser)."""
    with read_session(engine) as s:
        row = s.get(
            m.Framework, framework_id,
            options=[
                selectinload(m.Framework.scale),
                selectinload(m.Framework.categories).selectinload(m.Category.competencies)
                .selectinload(m.Competency.descriptors),
                selectinload(m.Framework.role_families).selectinload(m.RoleFamily.roles)
                .selectinload(m.Role.profiles).selectinload(m.RoleProfile.requirements)
                .selectinload(m.RoleRequirement.competency),
            ],
        )
        if row is None:
            raise InputError([Problem("fw.not_found", {"code": str(framework_id), "version": ""})])
        fw = fm.Framework(
            code=row.code, version=row.version, name=_t(row.name_en, row.name_es),
            description=_t(row.description_en, row.description_es), publisher=row.publisher,
            source=row.source,
            scale=[fm.ScaleLevel(s_.level, s_.code, _t(s_.name_en, s_.name_es),
                                 _t(s_.description_en, s_.description_es)) for s_ in row.scale],
        )
        for cat in row.categories:
            fw.categories.append(fm.Category(
                code=cat.code, name=_t(cat.name_en, cat.name_es),
                description=_t(cat.description_en, cat.description_es),
                competencies=[
                    fm.Competency(code=c.code, name=_t(c.name_en, c.name_es),
                                  description=_t(c.description_en, c.description_es),
                                  hard_to_transfer=c.hard_to_transfer,
                                  descriptors={d.level: _t(d.text_en, d.text_es) for d in c.descriptors})
                    for c in cat.competencies
                ],
            ))
        for fam in row.role_families:
            fw.role_families.append(fm.RoleFamily(fam.code, _t(fam.name_en, fam.name_es),
                                                  _t(fam.description_en, fam.description_es)))
            for role in fam.roles:
                fw.roles.append(fm.Role(
                    code=role.code, family=fam.code, name=_t(role.name_en, role.name_es),
                    description=_t(role.description_en, role.description_es),
                    levels=[fm.RoleLevel(
                        code=p.code, seniority=p.seniority, title=_t(p.title_en, p.title_es),
                        requirements=[fm.Requirement(q.competency.code, q.required_level, q.weight)
                                      for q in sorted(p.requirements, key=lambda q: q.id)],
                    ) for p in role.profiles],
                ))
        # roles come back grouped by family; restore the file's order
        order = {r.code: r.sort_order for fam in row.role_families for r in fam.roles}
        fw.roles.sort(key=lambda r: order[r.code])
    return fw


def export_framework(engine: Engine, code: str, out: str | Path, *, version: str | None = None,
                     actor: str | None = None) -> Path:
    """Write a stored framework to ``out``: ``.yaml``/``.yml``/``.json`` (the file format) or ``.xlsx``."""
    out = Path(out)
    ext = out.suffix.lower()
    if ext not in (".yaml", ".yml", ".json", ".xlsx"):
        raise InputError([Problem("fw.export_ext", {"ext": ext}, file=str(out))])
    fid = find_framework_id(engine, code, version)
    fw = framework_from_db(engine, fid)
    if ext == ".xlsx":
        from skillmap.frameworks.xlsx_export import write_framework_xlsx

        write_framework_xlsx(fw, out)
    else:
        dump_framework(fw, out)
    with unit_of_work(engine) as s:
        s.add(m.AuditLog(actor=actor, action="export_framework", entity_type="framework", entity_id=fid,
                         details={"code": fw.code, "version": fw.version, "file": out.name}))
    return out
