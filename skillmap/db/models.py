"""The SkillMap schema: SQLAlchemy 2 typed models.

ORM classes are for editing and persistence. Bulk paths (import, sample loading, analysis) use Core
statements against ``Model.__table__`` with executemany, never per-row ORM objects.

Current level rule (see :mod:`skillmap.services.levels`): a person's current level in a competency is the
level of their most recent *validated* assessment (by ``assessed_on``); on the same day the more trusted
source wins (certification > test > manager > course > self), then the later recorded row. Self-assessments
are stored unvalidated; they count only once validated. With no validated assessment the level is unknown.

Tables edited by people carry ``version`` (optimistic locking: a stale edit fails instead of overwriting).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from skillmap.db.base import Base, utcnow


class AssessmentSource(enum.StrEnum):
    SELF = "self"
    MANAGER = "manager"
    TEST = "test"
    CERTIFICATION = "certification"
    COURSE = "course"


# Trust rank used to break ties between assessments of the same day (higher wins).
SOURCE_RANK: dict[str, int] = {"certification": 5, "test": 4, "manager": 3, "course": 2, "self": 1}


class UserRole(enum.StrEnum):
    ADMIN = "admin"
    HR_PLANNER = "hr_planner"
    MANAGER = "manager"
    TRAINER = "trainer"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings with a CHECK constraint: portable across SQLite and PostgreSQL.
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class Versioned:
    """Optimistic locking: the ORM bumps ``version`` on every update and fails on a stale one."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# -- organisation ------------------------------------------------------------------------------------
class Agency(Base):
    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(60))

    units: Mapped[list[Unit]] = relationship(back_populates="agency", cascade="all, delete-orphan")


class Unit(Base):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[int] = mapped_column(SmallInteger, default=1)

    agency: Mapped[Agency] = relationship(back_populates="units")
    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


# -- frameworks --------------------------------------------------------------------------------------
class Framework(Base):
    __tablename__ = "framework"
    __table_args__ = (UniqueConstraint("code", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))

    scale: Mapped[list[ScaleLevel]] = relationship(
        cascade="all, delete-orphan", order_by="ScaleLevel.level", back_populates="framework"
    )
    categories: Mapped[list[Category]] = relationship(
        cascade="all, delete-orphan", order_by="Category.sort_order", back_populates="framework"
    )
    role_families: Mapped[list[RoleFamily]] = relationship(
        cascade="all, delete-orphan", order_by="RoleFamily.sort_order", back_populates="framework"
    )


class ScaleLevel(Base):
    __tablename__ = "scale_level"
    __table_args__ = (UniqueConstraint("framework_id", "level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(SmallInteger)
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")

    framework: Mapped[Framework] = relationship(back_populates="scale")


class Category(Base):
    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    framework: Mapped[Framework] = relationship(back_populates="categories")
    competencies: Mapped[list[Competency]] = relationship(
        cascade="all, delete-orphan", order_by="Competency.sort_order", back_populates="category"
    )


class Competency(Versioned, Base):
    __tablename__ = "competency"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    hard_to_transfer: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    category: Mapped[Category] = relationship(back_populates="competencies")
    descriptors: Mapped[list[LevelDescriptor]] = relationship(
        cascade="all, delete-orphan", order_by="LevelDescriptor.level"
    )


class LevelDescriptor(Base):
    __tablename__ = "level_descriptor"
    __table_args__ = (UniqueConstraint("competency_id", "level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(SmallInteger)
    text_en: Mapped[str] = mapped_column(Text, default="")
    text_es: Mapped[str] = mapped_column(Text, default="")


class RoleFamily(Base):
    __tablename__ = "role_family"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    framework: Mapped[Framework] = relationship(back_populates="role_families")
    roles: Mapped[list[Role]] = relationship(
        cascade="all, delete-orphan", order_by="Role.sort_order", back_populates="family"
    )


class Role(Base):
    """A role (data scientist); its seniority levels are :class:`RoleProfile` rows."""

    __tablename__ = "role"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("role_family.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    family: Mapped[RoleFamily] = relationship(back_populates="roles")
    profiles: Mapped[list[RoleProfile]] = relationship(
        cascade="all, delete-orphan", order_by="RoleProfile.seniority", back_populates="role"
    )


class RoleProfile(Versioned, Base):
    """One seniority level of a role: what positions link to, with its competency requirements."""

    __tablename__ = "role_profile"
    __table_args__ = (UniqueConstraint("framework_id", "code"), UniqueConstraint("role_id", "seniority"))
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    seniority: Mapped[int] = mapped_column(SmallInteger)
    title_en: Mapped[str] = mapped_column(String(300), default="")
    title_es: Mapped[str] = mapped_column(String(300), default="")

    role: Mapped[Role] = relationship(back_populates="profiles")
    requirements: Mapped[list[RoleRequirement]] = relationship(cascade="all, delete-orphan")


class RoleRequirement(Base):
    __tablename__ = "role_requirement"
    __table_args__ = (
        UniqueConstraint("role_profile_id", "competency_id"),
        CheckConstraint("weight > 0", name="weight_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    role_profile_id: Mapped[int] = mapped_column(ForeignKey("role_profile.id", ondelete="CASCADE"), index=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id", ondelete="CASCADE"), index=True)
    required_level: Mapped[int] = mapped_column(SmallInteger)
    weight: Mapped[float] = mapped_column(Float, default=1.0)

    competency: Mapped[Competency] = relationship()


# -- people ------------------------------------------------------------------------------------------
class Staff(Versioned, Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_number: Mapped[str] = mapped_column(String(40), unique=True)
    curp: Mapped[str | None] = mapped_column(String(18), unique=True)
    rfc: Mapped[str | None] = mapped_column(String(13))
    given_names: Mapped[str] = mapped_column(String(150))
    first_surname: Mapped[str] = mapped_column(String(100), default="")
    second_surname: Mapped[str | None] = mapped_column(String(100))
    sex: Mapped[str | None] = mapped_column(String(1))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"), index=True)
    position_title: Mapped[str | None] = mapped_column(String(300))
    role_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("role_profile.id", ondelete="SET NULL"), index=True
    )
    grade: Mapped[str | None] = mapped_column(String(20))
    birth_date: Mapped[date | None] = mapped_column(Date)
    hire_date: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(200))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    agency: Mapped[Agency | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
    role_profile: Mapped[RoleProfile | None] = relationship()
    manager: Mapped[Staff | None] = relationship(remote_side="Staff.id")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)


class Assessment(Base):
    """One observation of a person's level in a competency. Never updated in place: history is kept."""

    __tablename__ = "assessment"
    __table_args__ = (
        Index("ix_assessment_staff_competency_date", "staff_id", "competency_id", "assessed_on"),
        CheckConstraint("level >= 0", name="level_non_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    # No index of its own: queries by competency go through the person (ix_assessment_staff_competency_date),
    # and maintaining one cost half a second per large import (migration 0003).
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[AssessmentSource] = mapped_column(_enum(AssessmentSource, "assessment_source"))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str | None] = mapped_column(String(200))
    assessor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    evidence: Mapped[str | None] = mapped_column(Text)
    validated: Mapped[bool] = mapped_column(Boolean, default=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# -- learning ----------------------------------------------------------------------------------------
class Course(Versioned, Base):
    __tablename__ = "course"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    area: Mapped[str] = mapped_column(String(40))  # good_government | management | technical
    title_en: Mapped[str] = mapped_column(String(300), default="")
    title_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[float] = mapped_column(Float)
    modality: Mapped[str] = mapped_column(String(20))  # online | in_person | blended
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CourseCompetency(Base):
    """A course raises a competency to a target level."""

    __tablename__ = "course_competency"
    __table_args__ = (UniqueConstraint("course_id", "competency_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id", ondelete="CASCADE"), index=True)
    target_level: Mapped[int] = mapped_column(SmallInteger)


class CoursePrerequisite(Base):
    __tablename__ = "course_prerequisite"
    __table_args__ = (
        UniqueConstraint("course_id", "prerequisite_id"),
        CheckConstraint("course_id <> prerequisite_id", name="not_self"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    prerequisite_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)


class Track(Versioned, Base):
    """A named, ordered sequence of courses (an upskilling track)."""

    __tablename__ = "track"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    target_role_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("role_profile.id", ondelete="SET NULL")
    )
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrackCourse(Base):
    __tablename__ = "track_course"
    __table_args__ = (UniqueConstraint("track_id", "position"), UniqueConstraint("track_id", "course_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("track.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)


class Assignment(Versioned, Base):
    """A track assigned to a person with a due date. Progress derives from course completions."""

    __tablename__ = "assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("track.id", ondelete="CASCADE"), index=True)
    assigned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    assigned_by: Mapped[str | None] = mapped_column(String(120))
    completed_on: Mapped[date | None] = mapped_column(Date)


class CourseCompletion(Base):
    """A course result as the learning platform reports it (appended, never overwritten)."""

    __tablename__ = "course_completion"
    __table_args__ = (Index("ix_course_completion_staff_course", "staff_id", "course_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    completed_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(20))  # passed | failed | in_progress
    score: Mapped[float | None] = mapped_column(Float)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )


class CertificationProgram(Base):
    __tablename__ = "certification_program"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_en: Mapped[str] = mapped_column(String(300), default="")
    name_es: Mapped[str] = mapped_column(String(300), default="")
    validity_years: Mapped[int] = mapped_column(SmallInteger, default=5)
    max_attempts: Mapped[int] = mapped_column(SmallInteger, default=2)


class CertificationProgramCompetency(Base):
    __tablename__ = "certification_program_competency"
    __table_args__ = (UniqueConstraint("program_id", "competency_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("certification_program.id", ondelete="CASCADE"))
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id", ondelete="CASCADE"))


class CertificationAttempt(Base):
    __tablename__ = "certification_attempt"
    __table_args__ = (UniqueConstraint("staff_id", "program_id", "attempt_no", "taken_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("certification_program.id", ondelete="CASCADE"))
    attempt_no: Mapped[int] = mapped_column(SmallInteger)
    taken_on: Mapped[date] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean)
    valid_until: Mapped[date | None] = mapped_column(Date)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )


# -- administration ----------------------------------------------------------------------------------
class AppUser(Base):
    """A person who uses SkillMap (for the shared installation: roles and unit scope)."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[UserRole] = mapped_column(_enum(UserRole, "user_role"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DatabaseSetting(Base):
    """A setting that belongs to the database rather than to a workstation, shared by everyone who uses it
    (e.g. ``pseudonym_key``: the secret of the keyed pseudonyms in shared reports)."""

    __tablename__ = "db_setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ImportBatch(Base):
    """One import of a file (staff, assessments, completions, framework, sample): can be undone whole."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    imported_by: Mapped[str | None] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | done | undone
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditLog(Base):
    """Append-only record of imports, exports, edits and views of a person's record."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ImportChange(Base):
    """What an import did to one row, so the whole import can be undone: ``created`` rows are deleted,
    ``updated`` rows get ``previous`` back."""

    __tablename__ = "import_change"
    __table_args__ = (Index("ix_import_change_batch", "import_batch_id"),
                      Index("ix_import_change_entity", "entity_type", "entity_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    import_batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"))
    entity_type: Mapped[str] = mapped_column(String(40))  # staff | agency | unit | course
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # created | updated
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ImportMapping(Base):
    """A saved column mapping, offered again for the next file from the same office."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("kind", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # staff | completions
    name: Mapped[str] = mapped_column(String(200))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
