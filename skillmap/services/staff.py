"""Staff for the browser: a columnar table fetched in one query, and one person's detail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from skillmap.db import models as m
from skillmap.db.session import read_session, unit_of_work
from skillmap.services.levels import current_levels_select
from skillmap.textfold import fold_many

STAFF_COLUMNS = ("employee_number", "name", "curp", "agency", "unit", "position", "role", "grade")


@dataclass
class StaffTable:
    """Columns of every staff member, in id order. Text columns hold ``""`` for missing values."""

    ids: list[int] = field(default_factory=list)
    employee_number: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)  # "Surname Surname, Given names"
    curp: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=list)
    agency_id: list[int | None] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)
    unit_id: list[int | None] = field(default_factory=list)
    position: list[str] = field(default_factory=list)
    role_en: list[str] = field(default_factory=list)
    role_es: list[str] = field(default_factory=list)
    role_profile_id: list[int | None] = field(default_factory=list)
    grade: list[str] = field(default_factory=list)
    name_key: list[str] = field(default_factory=list)  # accent-free sort key of ``name``
    search_text: list[str] = field(default_factory=list)  # accent-free text the search box matches

    def __len__(self) -> int:
        return len(self.ids)


def add_search_text(t: StaffTable) -> StaffTable:
    """Fill ``t.search_text`` (what the search box matches), folded for accent-free search."""
    t.search_text = fold_many(
        [" ".join(parts) for parts in zip(t.employee_number, t.name, t.curp, t.position, t.unit, strict=True)]
    )
    return t


def load_staff_table(engine: Engine, *, search_text: bool = True) -> StaffTable:
    """Every staff member as columns. ``search_text=False`` leaves the search text for later
    (:func:`add_search_text`), so a window can show the table sooner."""
    s_, a, u, p = m.Staff, m.Agency, m.Unit, m.RoleProfile
    q = (
        select(s_.id, s_.employee_number, s_.given_names, s_.first_surname, s_.second_surname, s_.curp,
               a.short_name, a.name, s_.agency_id, u.name, s_.unit_id, s_.position_title,
               p.title_en, p.title_es, s_.role_profile_id, s_.grade)
        .outerjoin(a, a.id == s_.agency_id)
        .outerjoin(u, u.id == s_.unit_id)
        .outerjoin(p, p.id == s_.role_profile_id)
        .order_by(s_.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(q).fetchall()
    if not rows:
        return StaffTable()
    (ids, nums, given, sur1, sur2, curp, a_short, a_name, aid, uname, uid, pos, ten, tes, rpid,
     grade) = (list(col) for col in zip(*rows, strict=True))
    t = StaffTable(
        ids=ids,
        employee_number=nums,
        name=[
            f"{s1} {s2}, {g}" if s1 and s2 else (f"{s1 or s2}, {g}" if (s1 or s2) else g)
            for g, s1, s2 in zip(given, sur1, sur2, strict=True)
        ],
        curp=[c or "" for c in curp],
        agency=[s or n or "" for s, n in zip(a_short, a_name, strict=True)],
        agency_id=aid,
        unit=[u or "" for u in uname],
        unit_id=uid,
        position=[x or "" for x in pos],
        role_en=[x or "" for x in ten],
        role_es=[x or "" for x in tes],
        role_profile_id=rpid,
        grade=[x or "" for x in grade],
    )
    t.name_key = fold_many(t.name)
    return add_search_text(t) if search_text else t


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    parent_id: int | None = None


def agency_choices(engine: Engine) -> list[Choice]:
    with engine.connect() as conn:
        rows = conn.execute(select(m.Agency.id, m.Agency.short_name, m.Agency.name).order_by(m.Agency.name))
        return [Choice(i, f"{short} — {name}" if short else name) for i, short, name in rows]


def unit_choices(engine: Engine, agency_id: int | None = None) -> list[Choice]:
    q = select(m.Unit.id, m.Unit.name, m.Unit.agency_id).order_by(m.Unit.agency_id, m.Unit.level, m.Unit.name)
    if agency_id is not None:
        q = q.where(m.Unit.agency_id == agency_id)
    with engine.connect() as conn:
        return [Choice(i, name, aid) for i, name, aid in conn.execute(q)]


def unit_subtree(engine: Engine, unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it."""
    with engine.connect() as conn:
        children: dict[int | None, list[int]] = {}
        for uid, parent in conn.execute(select(m.Unit.id, m.Unit.parent_id)):
            children.setdefault(parent, []).append(uid)
    out, todo = set(), [unit_id]
    while todo:
        u = todo.pop()
        if u not in out:
            out.add(u)
            todo.extend(children.get(u, []))
    return out


@dataclass(frozen=True)
class LevelRow:
    competency_id: int
    framework_code: str
    code: str
    name_en: str
    name_es: str
    hard_to_transfer: bool
    current: int | None
    source: str | None
    assessed_on: date | None
    required: int | None
    weight: float | None

    @property
    def gap(self) -> int | None:
        if self.required is None or self.current is None:
            return None
        return max(0, self.required - self.current)


@dataclass
class StaffDetail:
    id: int
    employee_number: str
    full_name: str
    curp: str | None
    rfc: str | None
    email: str | None
    sex: str | None
    birth_date: date | None
    hire_date: date | None
    agency: str | None
    unit_path: list[str]
    position_title: str | None
    grade: str | None
    role_title_en: str | None
    role_title_es: str | None
    framework_code: str | None
    manager_name: str | None
    levels: list[LevelRow]


def staff_detail(engine: Engine, staff_id: int, *, actor: str | None = None) -> StaffDetail | None:
    """One person's record with current and required levels. Viewing is written to the audit log."""
    with read_session(engine) as s:
        person = s.get(m.Staff, staff_id)
        if person is None:
            return None
        unit_path: list[str] = []
        unit = person.unit
        while unit is not None and len(unit_path) < 20:
            unit_path.insert(0, unit.name)
            unit = unit.parent
        profile = person.role_profile
        fw_code = s.scalar(select(m.Framework.code).where(m.Framework.id == profile.framework_id)) if profile else None
        required = {}
        if profile is not None:
            required = {r.competency_id: (r.required_level, r.weight) for r in profile.requirements}
        current = {
            cid: (lvl, src, on)
            for _sid, cid, lvl, src, on, _aid in s.execute(current_levels_select([staff_id]))
        }
        ids = set(current) | set(required)
        comp_rows = []
        if ids:
            fw = aliased(m.Framework)
            comp_rows = s.execute(
                select(m.Competency.id, fw.code, m.Competency.code, m.Competency.name_en, m.Competency.name_es,
                       m.Competency.hard_to_transfer)
                .join(fw, fw.id == m.Competency.framework_id)
                .where(m.Competency.id.in_(ids))
                .order_by(fw.code, m.Competency.category_id, m.Competency.sort_order)
            ).all()
        levels = []
        for cid, fcode, code, en, es, htt in comp_rows:
            cur = current.get(cid)
            req = required.get(cid)
            levels.append(LevelRow(cid, fcode, code, en, es, htt, cur[0] if cur else None,
                                   str(cur[1]) if cur else None, cur[2] if cur else None,
                                   req[0] if req else None, req[1] if req else None))
        # required first, then the rest
        levels.sort(key=lambda r: (r.required is None, r.framework_code != (fw_code or r.framework_code)))
        detail = StaffDetail(
            id=person.id, employee_number=person.employee_number, full_name=person.full_name,
            curp=person.curp, rfc=person.rfc, email=person.email, sex=person.sex,
            birth_date=person.birth_date, hire_date=person.hire_date,
            agency=person.agency.name if person.agency else None, unit_path=unit_path,
            position_title=person.position_title, grade=person.grade,
            role_title_en=profile.title_en if profile else None,
            role_title_es=profile.title_es if profile else None, framework_code=fw_code,
            manager_name=person.manager.full_name if person.manager else None, levels=levels,
        )
    with unit_of_work(engine) as s:
        s.add(m.AuditLog(actor=actor, action="view_staff", entity_type="staff", entity_id=staff_id, details={}))
    return detail


@dataclass(frozen=True)
class DatabaseSummary:
    location: str
    staff: int
    agencies: int
    units: int
    frameworks: int
    competencies: int
    role_profiles: int
    assessments: int
    courses: int
    latest_assessment: date | None

    def to_json(self) -> dict[str, object]:
        d = dict(self.__dict__)
        d["latest_assessment"] = self.latest_assessment.isoformat() if self.latest_assessment else None
        return d


def database_summary(engine: Engine) -> DatabaseSummary:
    from skillmap.db.engine import describe

    def count(model: type[m.Base]) -> int:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())

    with engine.connect() as conn:
        latest = conn.execute(select(func.max(m.Assessment.assessed_on))).scalar()
        return DatabaseSummary(
            location=describe(engine), staff=count(m.Staff), agencies=count(m.Agency), units=count(m.Unit),
            frameworks=count(m.Framework), competencies=count(m.Competency),
            role_profiles=count(m.RoleProfile), assessments=count(m.Assessment), courses=count(m.Course),
            latest_assessment=latest,
        )


@dataclass(frozen=True)
class ProfileChoice:
    id: int
    framework_code: str
    code: str
    title_en: str
    title_es: str


def role_profile_choices(engine: Engine, only_used: bool = True) -> list[ProfileChoice]:
    """Role profiles (those some staff hold, unless ``only_used`` is false), ordered by framework and role."""
    q = (
        select(m.RoleProfile.id, m.Framework.code, m.RoleProfile.code, m.RoleProfile.title_en,
               m.RoleProfile.title_es)
        .join(m.Framework, m.Framework.id == m.RoleProfile.framework_id)
        .join(m.Role, m.Role.id == m.RoleProfile.role_id)
        .order_by(m.Framework.code, m.Role.sort_order, m.RoleProfile.seniority)
    )
    if only_used:
        q = q.where(m.RoleProfile.id.in_(select(m.Staff.role_profile_id).distinct()))
    with engine.connect() as conn:
        return [ProfileChoice(*row) for row in conn.execute(q)]
