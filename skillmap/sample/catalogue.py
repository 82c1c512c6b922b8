"""The course catalogue: courses, the competencies they raise, and their prerequisites.

The bundled catalogue is ``resources/sample/courses.yaml``; the format is documented in
``docs/course-catalogue.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skillmap.frameworks.model import Text
from skillmap.i18n import register
from skillmap.paths import resource
from skillmap.problems import InputError, Problem

AREAS = ("good_government", "management", "technical")
MODALITIES = ("online", "in_person", "blended")

register(
    {
        "courses.bad": {"en": "{what}", "es": "{what}"},
        "courses.unknown_prereq": {
            "en": "prerequisite {code!r} is not a course in the catalogue",
            "es": "el prerrequisito {code!r} no es un curso del catálogo",
        },
        "courses.cycle": {
            "en": "prerequisites form a cycle through {code!r}",
            "es": "los prerrequisitos forman un ciclo que pasa por {code!r}",
        },
    }
)


@dataclass(frozen=True)
class CourseRaise:
    competency: str
    level: int


@dataclass
class CourseSpec:
    code: str
    area: str
    title: Text
    description: Text
    provider: str
    hours: float
    modality: str
    raises: list[CourseRaise] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)


def _text(value: Any) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, dict):
        return Text(str(value.get("en", "")), str(value.get("es", "")))
    return Text()


def load_courses(path: str | Path | None = None) -> list[CourseSpec]:
    """Load and check a course catalogue file; raises :class:`InputError` with located problems."""
    path = Path(path) if path else resource("sample", "courses.yaml")
    file = str(path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[Problem] = []

    def bad(where: str, what: str) -> None:
        problems.append(Problem("courses.bad", {"what": what}, file=file, path=where))

    courses: list[CourseSpec] = []
    raw_courses = doc.get("courses") if isinstance(doc, dict) else None
    if not isinstance(raw_courses, list):
        raise InputError([Problem("courses.bad", {"what": "expected a top-level 'courses' list"}, file=file)])
    seen: set[str] = set()
    for i, raw in enumerate(raw_courses):
        p = f"courses[{i}]"
        if not isinstance(raw, dict):
            bad(p, "expected a mapping")
            continue
        code = str(raw.get("code", ""))
        if not code or code in seen:
            bad(f"{p}.code", f"missing or duplicate code {code!r}")
        seen.add(code)
        area = raw.get("area")
        if area not in AREAS:
            bad(f"{p}.area", f"area must be one of {AREAS}")
        modality = raw.get("modality")
        if modality not in MODALITIES:
            bad(f"{p}.modality", f"modality must be one of {MODALITIES}")
        hours = raw.get("hours")
        if not isinstance(hours, (int, float)) or isinstance(hours, bool) or hours <= 0:
            bad(f"{p}.hours", "hours must be a number greater than 0")
            hours = 0
        raises = []
        for j, r in enumerate(raw.get("raises") or []):
            if not (isinstance(r, dict) and isinstance(r.get("competency"), str) and isinstance(r.get("level"), int)):
                bad(f"{p}.raises[{j}]", "expected {competency: CODE, level: N}")
                continue
            raises.append(CourseRaise(r["competency"], r["level"]))
        prereqs = [str(c) for c in (raw.get("prerequisites") or [])]
        courses.append(
            CourseSpec(
                code=code,
                area=str(area),
                title=_text(raw.get("title")),
                description=_text(raw.get("description")),
                provider=str(raw.get("provider", "")),
                hours=float(hours),
                modality=str(modality),
                raises=raises,
                prerequisites=prereqs,
            )
        )
    codes = {c.code for c in courses}
    for i, c in enumerate(courses):
        for j, pre in enumerate(c.prerequisites):
            if pre not in codes:
                problems.append(
                    Problem("courses.unknown_prereq", {"code": pre}, file=file,
                            path=f"courses[{i}].prerequisites[{j}]")
                )
    # cycle check (depth-first)
    graph = {c.code: c.prerequisites for c in courses}
    state: dict[str, int] = {}

    def visit(code: str) -> bool:
        state[code] = 1
        for nxt in graph.get(code, []):
            if state.get(nxt) == 1 or (state.get(nxt) is None and nxt in graph and visit(nxt)):
                return True
        state[code] = 2
        return False

    for code in graph:
        if state.get(code) is None and visit(code):
            problems.append(Problem("courses.cycle", {"code": code}, file=file))
            break
    if problems:
        raise InputError(problems)
    return courses
