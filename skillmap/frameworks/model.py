"""Competency frameworks in memory: plain dataclasses, independent of the database and of Qt.

A framework file (see ``docs/framework-format.md``) loads into a :class:`Framework`; the service layer
stores it in the database and can rebuild it from there for export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from skillmap.i18n import pick


@dataclass(frozen=True)
class Text:
    """Bilingual text. Either side may be empty; :meth:`get` falls back to the other."""

    en: str = ""
    es: str = ""

    def get(self, lang: str | None = None) -> str:
        return pick(self.en, self.es, lang)

    def __bool__(self) -> bool:
        return bool(self.en or self.es)


@dataclass
class ScaleLevel:
    level: int
    code: str
    name: Text
    description: Text = field(default_factory=Text)


@dataclass
class Competency:
    code: str
    name: Text
    description: Text = field(default_factory=Text)
    hard_to_transfer: bool = False
    descriptors: dict[int, Text] = field(default_factory=dict)


@dataclass
class Category:
    code: str
    name: Text
    description: Text = field(default_factory=Text)
    competencies: list[Competency] = field(default_factory=list)


@dataclass
class RoleFamily:
    code: str
    name: Text
    description: Text = field(default_factory=Text)


@dataclass
class Requirement:
    competency: str
    level: int
    weight: float = 1.0


@dataclass
class RoleLevel:
    """One rung of a role's career ladder: the unit staff positions map to (a *role profile*)."""

    code: str
    seniority: int
    title: Text
    requirements: list[Requirement] = field(default_factory=list)


@dataclass
class Role:
    code: str
    family: str
    name: Text
    description: Text = field(default_factory=Text)
    levels: list[RoleLevel] = field(default_factory=list)


@dataclass
class Framework:
    code: str
    version: str
    name: Text
    description: Text = field(default_factory=Text)
    publisher: str = ""
    source: str = ""
    scale: list[ScaleLevel] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    role_families: list[RoleFamily] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def competencies(self) -> Iterator[Competency]:
        for category in self.categories:
            yield from category.competencies

    def role_levels(self) -> Iterator[tuple[Role, RoleLevel]]:
        for role in self.roles:
            for level in role.levels:
                yield role, level

    @property
    def scale_range(self) -> tuple[int, int]:
        levels = [s.level for s in self.scale]
        return (min(levels), max(levels)) if levels else (0, 0)
