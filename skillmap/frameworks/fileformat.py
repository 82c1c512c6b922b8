"""Read and write SkillMap framework files (YAML or JSON), with a schema check that says where.

The format is documented in ``docs/framework-format.md``. :func:`load_framework` collects *every*
problem it finds (file, path inside the file, what is wrong) before raising :class:`InputError`, so an
author fixes a file in one pass rather than one error at a time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from skillmap.frameworks.model import (
    Category,
    Competency,
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    ScaleLevel,
    Text,
)
from skillmap.i18n import register
from skillmap.problems import InputError, Problem, Term

FORMAT_ID = "skillmap-framework"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")

register(
    {
        "fw.unreadable": {"en": "cannot read the file: {error}", "es": "no se puede leer el archivo: {error}"},
        "fw.too_big": {
            "en": "the file is larger than {limit} MB",
            "es": "el archivo pesa más de {limit} MB",
        },
        "fw.syntax": {"en": "not valid {kind}: {error}", "es": "no es {kind} válido: {error}"},
        "fw.extension": {
            "en": "unknown extension {ext!r}: use .yaml, .yml or .json",
            "es": "extensión desconocida {ext!r}: use .yaml, .yml o .json",
        },
        "fw.format": {
            "en": "“format” must be “{expected}/{version}” (found {found!r})",
            "es": "«format» debe ser «{expected}/{version}» (se encontró {found!r})",
        },
        "fw.missing": {"en": "required key {key!r} is missing", "es": "falta la clave obligatoria {key!r}"},
        "fw.unknown_key": {"en": "unknown key {key!r}", "es": "clave desconocida {key!r}"},
        "fw.type": {
            "en": "expected {expected}, found {found}",
            "es": "se esperaba {expected}, se encontró {found}",
        },
        "fw.empty_text": {
            "en": "text needs “en” or “es”",
            "es": "el texto necesita «en» o «es»",
        },
        "fw.code": {
            "en": "{code!r} is not a valid code (letters, digits, “-”, “_”, “.”; at most 64)",
            "es": "{code!r} no es un código válido (letras, dígitos, «-», «_», «.»; máximo 64)",
        },
        "fw.duplicate": {"en": "duplicate {what} {code!r}", "es": "{what} {code!r} repetido"},
        "fw.scale_order": {
            "en": "scale levels must be consecutive whole numbers in ascending order",
            "es": "los niveles de la escala deben ser enteros consecutivos en orden ascendente",
        },
        "fw.scale_small": {
            "en": "the scale needs at least two levels",
            "es": "la escala necesita al menos dos niveles",
        },
        "fw.level_range": {
            "en": "level {level} is outside the scale {low}–{high}",
            "es": "el nivel {level} está fuera de la escala {low}–{high}",
        },
        "fw.unknown_family": {
            "en": "role family {code!r} is not defined in “role_families”",
            "es": "la familia de roles {code!r} no está definida en «role_families»",
        },
        "fw.unknown_competency": {
            "en": "competency {code!r} is not defined in this framework",
            "es": "la competencia {code!r} no está definida en este marco",
        },
        "fw.weight": {
            "en": "weight must be a number greater than 0 (found {weight!r})",
            "es": "el peso debe ser un número mayor que 0 (se encontró {weight!r})",
        },
        "fw.kind.mapping": {"en": "a mapping", "es": "un mapeo (clave: valor)"},
        "fw.kind.list": {"en": "a list", "es": "una lista"},
        "fw.kind.text": {"en": "text", "es": "texto"},
        "fw.kind.integer": {"en": "a whole number", "es": "un número entero"},
        "fw.kind.boolean": {"en": "true or false", "es": "true o false"},
        "fw.kind.number": {"en": "a number", "es": "un número"},
        "fw.kind.nothing": {"en": "nothing", "es": "nada"},
        "fw.kind.other": {"en": "another kind of value", "es": "otro tipo de valor"},
        "fw.no_competencies": {
            "en": "the framework defines no competencies",
            "es": "el marco no define competencias",
        },
    }
)

# libyaml's C loader when PyYAML was built with it: the bundled frameworks parse several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TYPE_NAMES = {dict: "mapping", list: "list", str: "text", int: "integer", bool: "boolean"}
_FOUND_NAMES = {"dict": "mapping", "list": "list", "str": "text", "int": "integer", "bool": "boolean",
                "float": "number", "nothing": "nothing"}


class _Checker:
    """Walks the parsed document, converting it to the model and collecting located problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, /, **params: Any) -> None:
        self.problems.append(Problem(message, params, file=self.file, path=path or None))

    def typed(self, value: Any, expected: type, path: str) -> bool:
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if not ok:
            found = type(value).__name__ if value is not None else "nothing"
            self.add(path, "fw.type", expected=Term(f"fw.kind.{_TYPE_NAMES.get(expected, 'text')}"),
                     found=Term(f"fw.kind.{_FOUND_NAMES.get(found, 'other')}"))
        return ok

    def mapping(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any] | None:
        if not self.typed(value, dict, path):
            return None
        for key in sorted(required - value.keys()):
            self.add(path, "fw.missing", key=key)
        for key in sorted(set(value.keys()) - required - optional, key=str):
            self.add(f"{path}.{key}" if path else str(key), "fw.unknown_key", key=key)
        return value

    def text(self, value: Any, path: str, required: bool = True) -> Text:
        if value is None and not required:
            return Text()
        if isinstance(value, str):  # a plain string is taken as both languages
            return Text(value.strip(), value.strip())
        m = self.mapping(value, path, set(), {"en", "es"})
        if m is None:
            return Text()
        en, es = m.get("en", ""), m.get("es", "")
        for lang, v in (("en", en), ("es", es)):
            if v is not None and not isinstance(v, str):
                self.typed(v, str, f"{path}.{lang}")
        en = en.strip() if isinstance(en, str) else ""
        es = es.strip() if isinstance(es, str) else ""
        if required and not (en or es):
            self.add(path, "fw.empty_text")
        return Text(en, es)

    def code(self, value: Any, path: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not self.typed(value, str, path):
            return ""
        if not CODE_RE.match(value):
            self.add(path, "fw.code", code=value)
        return value

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        return value if self.typed(value, list, path) else []

    def unique(self, seen: set[str], code: str, path: str, what: str) -> None:
        if code in seen:
            self.add(path, "fw.duplicate", what=what, code=code)
        seen.add(code)

    # -- the document -------------------------------------------------------------------------
    def framework(self, doc: Any) -> Framework:
        top = self.mapping(
            doc,
            "",
            {"code", "version", "name", "scale", "categories"},
            {"format", "description", "publisher", "source", "role_families", "roles"},
        )
        if top is None:
            return Framework(code="", version="", name=Text())
        fmt = top.get("format")
        if fmt is not None and fmt != f"{FORMAT_ID}/{FORMAT_VERSION}":
            self.add("format", "fw.format", expected=FORMAT_ID, version=FORMAT_VERSION, found=fmt)
        version = top.get("version")
        if isinstance(version, (int, float)) and not isinstance(version, bool):
            version = str(version)
        fw = Framework(
            code=self.code(top.get("code"), "code") if "code" in top else "",
            version=version if isinstance(version, str) else "",
            name=self.text(top.get("name"), "name") if "name" in top else Text(),
            description=self.text(top.get("description"), "description", required=False),
            publisher=str(top.get("publisher") or ""),
            source=str(top.get("source") or ""),
        )
        if "version" in top and not isinstance(version, str):
            self.typed(top.get("version"), str, "version")
        fw.scale = self.scale(top.get("scale"), "scale") if "scale" in top else []
        low, high = fw.scale_range
        comp_codes: set[str] = set()
        seen_cat: set[str] = set()
        for i, raw in enumerate(self.items(top.get("categories"), "categories")):
            path = f"categories[{i}]"
            cat = self.mapping(raw, path, {"code", "name", "competencies"}, {"description"})
            if cat is None:
                continue
            category = Category(
                code=self.code(cat.get("code"), f"{path}.code"),
                name=self.text(cat.get("name"), f"{path}.name") if "name" in cat else Text(),
                description=self.text(cat.get("description"), f"{path}.description", required=False),
            )
            self.unique(seen_cat, category.code, f"{path}.code", "category")
            for j, craw in enumerate(self.items(cat.get("competencies"), f"{path}.competencies")):
                comp = self.competency(craw, f"{path}.competencies[{j}]", fw.scale)
                if comp is not None:
                    self.unique(comp_codes, comp.code, f"{path}.competencies[{j}].code", "competency")
                    category.competencies.append(comp)
            fw.categories.append(category)
        if "categories" in top and not comp_codes and not self.problems:
            self.add("categories", "fw.no_competencies")

        families: set[str] = set()
        for i, raw in enumerate(self.items(top.get("role_families"), "role_families")):
            path = f"role_families[{i}]"
            fam = self.mapping(raw, path, {"code", "name"}, {"description"})
            if fam is None:
                continue
            family = RoleFamily(
                code=self.code(fam.get("code"), f"{path}.code"),
                name=self.text(fam.get("name"), f"{path}.name") if "name" in fam else Text(),
                description=self.text(fam.get("description"), f"{path}.description", required=False),
            )
            self.unique(families, family.code, f"{path}.code", "role family")
            fw.role_families.append(family)

        role_codes: set[str] = set()
        level_codes: set[str] = set()
        for i, raw in enumerate(self.items(top.get("roles"), "roles")):
            role = self.role(raw, f"roles[{i}]", families, comp_codes, (low, high), level_codes)
            if role is not None:
                self.unique(role_codes, role.code, f"roles[{i}].code", "role")
                fw.roles.append(role)
        return fw

    def scale(self, value: Any, path: str) -> list[ScaleLevel]:
        levels: list[ScaleLevel] = []
        for i, raw in enumerate(self.items(value, path)):
            p = f"{path}[{i}]"
            m = self.mapping(raw, p, {"level", "code", "name"}, {"description"})
            if m is None or not self.typed(m.get("level"), int, f"{p}.level"):
                continue
            levels.append(
                ScaleLevel(
                    level=m["level"],
                    code=self.code(m.get("code"), f"{p}.code"),
                    name=self.text(m.get("name"), f"{p}.name") if "name" in m else Text(),
                    description=self.text(m.get("description"), f"{p}.description", required=False),
                )
            )
        numbers = [s.level for s in levels]
        if isinstance(value, list) and len(value) < 2:
            self.add(path, "fw.scale_small")
        elif numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            self.add(path, "fw.scale_order")
        return levels

    def competency(self, raw: Any, path: str, scale: list[ScaleLevel]) -> Competency | None:
        m = self.mapping(raw, path, {"code", "name"}, {"description", "hard_to_transfer", "levels"})
        if m is None:
            return None
        comp = Competency(
            code=self.code(m.get("code"), f"{path}.code"),
            name=self.text(m.get("name"), f"{path}.name") if "name" in m else Text(),
            description=self.text(m.get("description"), f"{path}.description", required=False),
        )
        if "hard_to_transfer" in m and self.typed(m["hard_to_transfer"], bool, f"{path}.hard_to_transfer"):
            comp.hard_to_transfer = m["hard_to_transfer"]
        levels = m.get("levels")
        if levels is not None and self.typed(levels, dict, f"{path}.levels"):
            valid = {s.level for s in scale}
            for key, text in levels.items():
                lp = f"{path}.levels.{key}"
                try:
                    level = int(key)
                except (TypeError, ValueError):
                    self.typed(key, int, lp)
                    continue
                if valid and level not in valid:
                    self.add(lp, "fw.level_range", level=level, low=min(valid), high=max(valid))
                    continue
                comp.descriptors[level] = self.text(text, lp)
        return comp

    def role(
        self,
        raw: Any,
        path: str,
        families: set[str],
        competencies: set[str],
        scale: tuple[int, int],
        level_codes: set[str],
    ) -> Role | None:
        m = self.mapping(raw, path, {"code", "family", "name", "levels"}, {"description"})
        if m is None:
            return None
        role = Role(
            code=self.code(m.get("code"), f"{path}.code") if "code" in m else "",
            family=self.code(m.get("family"), f"{path}.family") if "family" in m else "",
            name=self.text(m.get("name"), f"{path}.name") if "name" in m else Text(),
            description=self.text(m.get("description"), f"{path}.description", required=False),
        )
        if role.family and role.family not in families:
            self.add(f"{path}.family", "fw.unknown_family", code=role.family)
        seniorities: set[str] = set()
        for i, lraw in enumerate(self.items(m.get("levels"), f"{path}.levels")):
            lp = f"{path}.levels[{i}]"
            lm = self.mapping(lraw, lp, {"seniority", "title"}, {"code", "requirements"})
            if lm is None or not self.typed(lm.get("seniority"), int, f"{lp}.seniority"):
                continue
            seniority = lm["seniority"]
            self.unique(seniorities, str(seniority), f"{lp}.seniority", "seniority")
            code = self.code(lm["code"], f"{lp}.code") if "code" in lm else f"{role.code}-{seniority}"
            self.unique(level_codes, code, f"{lp}.code", "role level")
            level = RoleLevel(
                code=code,
                seniority=seniority,
                title=self.text(lm.get("title"), f"{lp}.title") if "title" in lm else Text(),
            )
            reqs = lm.get("requirements")
            if reqs is not None and self.typed(reqs, dict, f"{lp}.requirements"):
                for comp_code, spec in reqs.items():
                    rp = f"{lp}.requirements.{comp_code}"
                    req = self.requirement(str(comp_code), spec, rp, scale)
                    if req is None:
                        continue
                    if competencies and req.competency not in competencies:
                        self.add(rp, "fw.unknown_competency", code=req.competency)
                        continue
                    level.requirements.append(req)
            role.levels.append(level)
        return role

    def requirement(self, code: str, spec: Any, path: str, scale: tuple[int, int]) -> Requirement | None:
        weight: Any = 1.0
        if isinstance(spec, dict):
            m = self.mapping(spec, path, {"level"}, {"weight"})
            if m is None or "level" not in m:
                return None
            level, weight = m["level"], m.get("weight", 1.0)
        else:
            level = spec
        if not self.typed(level, int, f"{path}.level" if isinstance(spec, dict) else path):
            return None
        low, high = scale
        if not (low <= level <= high):
            self.add(path, "fw.level_range", level=level, low=low, high=high)
            return None
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            self.add(f"{path}.weight", "fw.weight", weight=weight)
            return None
        return Requirement(code, level, float(weight))


def parse_framework(doc: Any, file: str) -> Framework:
    """Validate an already-parsed document. Raises :class:`InputError` listing every problem."""
    checker = _Checker(file)
    fw = checker.framework(doc)
    if checker.problems:
        raise InputError(checker.problems)
    return fw


def load_framework(path: str | Path) -> Framework:
    """Load and validate a framework file (``.yaml``, ``.yml`` or ``.json``)."""
    path = Path(path)
    file = str(path)
    ext = path.suffix.lower()
    if ext not in (".yaml", ".yml", ".json"):
        raise InputError([Problem("fw.extension", {"ext": ext}, file=file)])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError([Problem("fw.too_big", {"limit": MAX_FILE_BYTES // 2**20}, file=file)])
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem("fw.unreadable", {"error": str(exc)}, file=file)]) from exc
    try:
        doc = json.loads(raw) if ext == ".json" else yaml.load(raw, Loader=_SafeLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        kind = "JSON" if ext == ".json" else "YAML"
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            detail = f"{getattr(exc, 'problem', detail)} (line {mark.line + 1}, column {mark.column + 1})"
        raise InputError([Problem("fw.syntax", {"kind": kind, "error": detail}, file=file)]) from exc
    return parse_framework(doc, file)


# -- writing ----------------------------------------------------------------------------------
def _text(t: Text) -> dict[str, str]:
    return {"en": t.en, "es": t.es}


def framework_to_dict(fw: Framework) -> dict[str, Any]:
    """The framework as the documented file structure (round-trips through :func:`parse_framework`)."""

    def opt(d: dict[str, Any], key: str, t: Text) -> None:
        if t:
            d[key] = _text(t)

    doc: dict[str, Any] = {
        "format": f"{FORMAT_ID}/{FORMAT_VERSION}",
        "code": fw.code,
        "version": fw.version,
        "name": _text(fw.name),
    }
    opt(doc, "description", fw.description)
    if fw.publisher:
        doc["publisher"] = fw.publisher
    if fw.source:
        doc["source"] = fw.source
    scale = []
    for s in fw.scale:
        item: dict[str, Any] = {"level": s.level, "code": s.code, "name": _text(s.name)}
        opt(item, "description", s.description)
        scale.append(item)
    doc["scale"] = scale
    cats = []
    for c in fw.categories:
        cat: dict[str, Any] = {"code": c.code, "name": _text(c.name)}
        opt(cat, "description", c.description)
        comps = []
        for comp in c.competencies:
            item = {"code": comp.code, "name": _text(comp.name)}
            opt(item, "description", comp.description)
            if comp.hard_to_transfer:
                item["hard_to_transfer"] = True
            if comp.descriptors:
                item["levels"] = {lvl: _text(t) for lvl, t in sorted(comp.descriptors.items())}
            comps.append(item)
        cat["competencies"] = comps
        cats.append(cat)
    doc["categories"] = cats
    if fw.role_families:
        fams = []
        for f in fw.role_families:
            item = {"code": f.code, "name": _text(f.name)}
            opt(item, "description", f.description)
            fams.append(item)
        doc["role_families"] = fams
    if fw.roles:
        roles = []
        for r in fw.roles:
            item = {"code": r.code, "family": r.family, "name": _text(r.name)}
            opt(item, "description", r.description)
            levels = []
            for lv in r.levels:
                reqs: dict[str, Any] = {}
                for q in lv.requirements:
                    reqs[q.competency] = q.level if q.weight == 1.0 else {"level": q.level, "weight": q.weight}
                lvl: dict[str, Any] = {"seniority": lv.seniority, "code": lv.code, "title": _text(lv.title)}
                if reqs:
                    lvl["requirements"] = reqs
                levels.append(lvl)
            item["levels"] = levels
            roles.append(item)
        doc["roles"] = roles
    return doc


def dump_framework(fw: Framework, path: str | Path) -> Path:
    """Write ``fw`` as YAML or JSON according to the extension of ``path``."""
    path = Path(path)
    doc = framework_to_dict(fw)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
    return path




def load_bundled_frameworks() -> list[Framework]:
    """The frameworks shipped in ``resources/frameworks``."""
    from skillmap.paths import bundled_framework_files

    return [load_framework(p) for p in bundled_framework_files()]
