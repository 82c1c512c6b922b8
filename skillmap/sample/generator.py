"""A deterministic generator of a realistic sample Mexican federal organisation.

:func:`generate` builds agencies, a tree of administrative units per agency, staff with CURP, RFC, e-mail,
position, grade and manager, a history of competency assessments, course completions and career-service
certifications. The same inputs and seed always give the same organisation (a seeded
:class:`numpy.random.Generator` and :class:`random.Random`; nothing depends on hash order).

People are placed by a few rules:

* Every agency has a head office, a handful of top-level units (administration and finance, the IT
  directorate, the internal control body, legal, human resources, substantive directorates ...; bigger
  agencies add a data unit, a digital government unit and regional offices) and *direcciones de área*
  below them; the number of units grows with the agency.
* About a quarter of the staff hold digital, data and technology roles (frameworks other than
  ``mx-mgr`` and ``mx-dsa``), mostly in the IT, data and digital units. Heads of units and the
  jefatura–subdirección–dirección pyramid hold the managerial role (``mx-mgr``); *enlaces* hold the
  public-servant levels of ``mx-dsa``. With other frameworks the same rules apply generically.
* Everyone reports to the head of their unit; a head reports to the head of the parent unit.

Assessments are generated column-wise with numpy (no Python loop per assessment).
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

import numpy as np

from skillmap.frameworks.fileformat import load_framework
from skillmap.frameworks.model import Framework, Text
from skillmap.paths import bundled_framework_files
from skillmap.sample import names as N
from skillmap.sample.catalogue import CourseSpec, load_courses

SOURCES: tuple[str, ...] = ("self", "manager", "test", "certification", "course")
SELF, MANAGER, TEST, CERTIFICATION, COURSE = range(5)

SMALL: tuple[int, int] = (500, 8)
FULL: tuple[int, int] = (47_700, 85)

# Frameworks with a special place: managerial positions, and digital skills for everyone. Any other
# framework with roles (mx-ddat among them) supplies the specialist roles.
MGR_FRAMEWORK = "mx-mgr"
DSA_FRAMEWORK = "mx-dsa"
DDAT_FRAMEWORK = "mx-ddat"

HISTORY_YEARS = 6
CERT_VALIDITY_YEARS = 5
CERT_MAX_ATTEMPTS = 2

# Position ranks, by the letter of Mexico's federal salary tabulator.
ENLACE, JEFATURA, SUBDIRECCION, DIRECCION_AREA, DGA, DG = 1, 2, 3, 4, 5, 6
RANK_LETTER = {ENLACE: "P", JEFATURA: "O", SUBDIRECCION: "N", DIRECCION_AREA: "M", DGA: "L", DG: "K"}
_RANK_TITLE: dict[int, tuple[str, str]] = {
    ENLACE: ("Enlace de {t}", "Enlace de {t}"),
    JEFATURA: ("Jefe de Departamento de {t}", "Jefa de Departamento de {t}"),
    SUBDIRECCION: ("Subdirector de {t}", "Subdirectora de {t}"),
    DIRECCION_AREA: ("Director de Área de {t}", "Directora de Área de {t}"),
    DGA: ("Director General Adjunto de {t}", "Directora General Adjunta de {t}"),
    DG: ("Director General de {t}", "Directora General de {t}"),
}
# How a unit's name turns into its head's title (first matching prefix wins).
_HEAD_TITLES: tuple[tuple[str, str, str], ...] = (
    ("Jefatura del", "Jefe del", "Jefa del"),
    ("Dirección General Adjunta", "Director General Adjunto", "Directora General Adjunta"),
    ("Dirección General", "Director General", "Directora General"),
    ("Subdirección General", "Subdirector General", "Subdirectora General"),
    ("Dirección Divisional", "Director Divisional", "Directora Divisional"),
    ("Dirección Local", "Director Local", "Directora Local"),
    ("Dirección", "Director", "Directora"),
    ("Administración General", "Administrador General", "Administradora General"),
    ("Administración Central", "Administrador Central", "Administradora Central"),
    ("Administración Desconcentrada", "Administrador Desconcentrado", "Administradora Desconcentrada"),
    ("Coordinación General", "Coordinador General", "Coordinadora General"),
    ("Coordinación", "Coordinador", "Coordinadora"),
    ("Comisión", "Comisionado", "Comisionada"),
    ("Tesorería", "Tesorero", "Tesorera"),
    ("Delegación", "Delegado", "Delegada"),
    ("Oficina de Representación", "Titular de la Oficina de Representación",
     "Titular de la Oficina de Representación"),
    ("Oficina", "Jefe de la Oficina", "Jefa de la Oficina"),
    ("Unidad", "Titular de la Unidad", "Titular de la Unidad"),
    ("Órgano", "Titular del Órgano", "Titular del Órgano"),
    ("Área", "Titular del Área", "Titular del Área"),
    ("Centro", "Titular del Centro", "Titular del Centro"),
)

# Top-level unit kinds: weight of their subtree in the agency's headcount.
_KIND_WEIGHT = {"root": 0.2, "ti": 1.0, "data": 0.7, "digital": 0.6, "uaf": 1.1, "rh": 0.7, "oic": 0.45,
                "legal": 0.45, "comms": 0.3, "planning": 0.5, "program": 1.3, "regional": 0.5}
# Chance that a member of a non-digital unit of this kind holds a digital role (analysts, designers).
_SCATTER = {"planning": 0.30, "program": 0.08, "uaf": 0.03, "rh": 0.05, "comms": 0.06, "root": 0.04,
            "regional": 0.03, "oic": 0.02, "legal": 0.01}
_DIGITAL_SHARE = 0.25  # of each agency's headcount, in the digital units' subtrees
_SLOTS = ("ti", "uaf", "oic", "P", "data", "rh", "legal", "P", "comms", "planning", "digital")

# Assessment histories per cell: source sequences in date order, and their probabilities by the class
# of the competency's framework (all staff, managerial, specialist).
_TEMPLATES: tuple[tuple[int, ...], ...] = (
    (SELF,), (MANAGER,), (TEST,), (SELF, MANAGER), (SELF, TEST), (TEST, TEST), (MANAGER, MANAGER),
    (SELF, MANAGER, TEST), (SELF, MANAGER, MANAGER), (SELF, TEST, MANAGER),
)
_TEMPLATE_P = np.array(
    [
        [0.06, 0.09, 0.16, 0.16, 0.15, 0.06, 0.04, 0.12, 0.06, 0.10],  # all staff (digital skills)
        [0.05, 0.16, 0.03, 0.28, 0.03, 0.00, 0.15, 0.06, 0.20, 0.04],  # managerial
        [0.06, 0.12, 0.11, 0.22, 0.10, 0.03, 0.05, 0.14, 0.08, 0.09],  # specialist
    ]
)
CLASS_ALL, CLASS_MGR, CLASS_SPEC = 0, 1, 2
_SOURCE_BIAS = np.array([0.35, 0.0, -0.1, 0.0, 0.0])
_SOURCE_NOISE = np.array([0.55, 0.45, 0.45, 0.0, 0.0])
_GROWTH_PER_YEAR = 0.12
_UNKNOWN_SHARE = 0.14
_NEIGHBOUR_P = 0.4
_MAX_NEIGHBOURS = 6
_COURSE_AREA_WEIGHT = {  # staff class -> course area -> weight
    CLASS_SPEC: {"good_government": 0.8, "management": 0.3, "technical": 3.0},
    CLASS_MGR: {"good_government": 1.0, "management": 3.0, "technical": 0.5},
    CLASS_ALL: {"good_government": 2.0, "management": 0.4, "technical": 1.2},
}

_EPOCH = date(1970, 1, 1)


# -- result rows ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgencyRow:
    code: str
    name: str
    short_name: str  # the e-mail domain label: <short_name>.gob.mx


@dataclass(frozen=True, slots=True)
class UnitRow:
    code: str
    agency_code: str
    parent_code: str | None
    name: str
    level: int  # 1 head office, 2 top-level unit (DG level), 3 dirección de área


@dataclass(frozen=True, slots=True)
class StaffRow:
    employee_number: str
    curp: str
    rfc: str
    given_names: str
    first_surname: str
    second_surname: str | None
    sex: str  # "H" or "M", as in the CURP
    agency_code: str
    unit_code: str
    position_title: str
    framework_code: str | None
    role_code: str | None  # a role level (role profile) code of that framework
    grade: str
    birth_date: date
    hire_date: date
    email: str
    manager_employee_number: str | None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)


@dataclass(eq=False)
class AssessmentColumns:
    """One element per assessment. ``comp_idx`` indexes :attr:`SampleOrg.competencies`, ``source``
    indexes :data:`SOURCES`; ``assessor_idx`` is a staff index or -1."""

    staff_idx: np.ndarray  # int32
    comp_idx: np.ndarray  # int32
    level: np.ndarray  # int8
    source: np.ndarray  # int8
    assessed_on: np.ndarray  # datetime64[D]
    assessor_idx: np.ndarray  # int32
    validated: np.ndarray  # bool

    def __len__(self) -> int:
        return int(self.staff_idx.shape[0])

    def equals(self, other: AssessmentColumns) -> bool:
        return all(
            np.array_equal(getattr(self, name), getattr(other, name))
            for name in ("staff_idx", "comp_idx", "level", "source", "assessed_on", "assessor_idx",
                         "validated")
        )


@dataclass(eq=False)
class CompletionColumns:
    staff_idx: np.ndarray  # int32
    course_idx: np.ndarray  # int32, into SampleOrg.courses
    completed_on: np.ndarray  # datetime64[D]
    passed: np.ndarray  # bool
    score: np.ndarray  # float32, 0-100

    def __len__(self) -> int:
        return int(self.staff_idx.shape[0])

    def equals(self, other: CompletionColumns) -> bool:
        return all(
            np.array_equal(getattr(self, name), getattr(other, name))
            for name in ("staff_idx", "course_idx", "completed_on", "passed", "score")
        )


@dataclass
class CertProgramRow:
    code: str
    name: Text
    competencies: list[tuple[str, str]]
    validity_years: int = CERT_VALIDITY_YEARS
    max_attempts: int = CERT_MAX_ATTEMPTS


@dataclass(frozen=True, slots=True)
class CertAttemptRow:
    employee_number: str
    program_code: str
    attempt_no: int  # 1 or 2
    taken_on: date
    passed: bool
    valid_until: date | None


@dataclass(eq=False)
class SampleOrg:
    as_of: date
    seed: int
    agencies: list[AgencyRow]
    units: list[UnitRow]
    staff: list[StaffRow]
    competencies: list[tuple[str, str]]  # (framework code, competency code)
    assessments: AssessmentColumns
    completions: CompletionColumns
    certification_programs: list[CertProgramRow]
    certification_attempts: list[CertAttemptRow]
    courses: list[CourseSpec] = field(default_factory=list)

    def staff_index(self) -> dict[str, int]:
        """Employee number → index into :attr:`staff`."""
        return {s.employee_number: i for i, s in enumerate(self.staff)}


# -- public entry points ----------------------------------------------------------------------------
def generate(
    frameworks: list[Framework],
    courses: list[CourseSpec],
    *,
    n_staff: int = 500,
    n_agencies: int = 8,
    seed: int = 2026,
    as_of: date = date(2026, 10, 31),
) -> SampleOrg:
    """Generate a sample organisation of ``n_staff`` people in the first ``n_agencies`` agencies."""
    if not 1 <= n_agencies <= len(N.AGENCIES):
        raise ValueError(f"n_agencies must be between 1 and {len(N.AGENCIES)}")
    if n_staff < 20 * n_agencies:
        raise ValueError("n_staff must be at least 20 per agency")
    rnd = random.Random(seed)
    rng = np.random.default_rng(seed)
    cat = _Catalogue(frameworks)

    agencies = [AgencyRow(code, name, short) for code, name, short, _ in N.AGENCIES[:n_agencies]]
    sizes = _agency_sizes(n_staff, n_agencies, rng)
    units: list[_Unit] = []
    people = _People()
    for a_idx, (code, _name, _short, kind) in enumerate(N.AGENCIES[:n_agencies]):
        agency_units = _build_units(a_idx, code, kind, int(sizes[a_idx]), len(units), rnd, rng)
        units.extend(agency_units)
        _staff_agency(a_idx, agency_units, units, cat, people, rnd)
    if len(people) != n_staff:  # pragma: no cover - a bug guard
        raise AssertionError(f"generated {len(people)} people instead of {n_staff}")

    as_of_day = _day(as_of)
    demo = _demographics(people, as_of_day, rng)
    staff = _identities(people, agencies, units, cat, demo, rnd, rng)
    unit_rows = [
        UnitRow(u.code, agencies[u.agency].code, units[u.parent].code if u.parent is not None else None,
                u.name, u.level)
        for u in units
    ]
    history = _History(cat, people, demo, as_of, rng)
    programs = history.programs()
    attempts = history.certifications(programs, staff)
    completions = history.completions(courses)
    assessments = history.assessments(courses, completions)
    return SampleOrg(
        as_of=as_of,
        seed=seed,
        agencies=agencies,
        units=unit_rows,
        staff=staff,
        competencies=list(cat.competencies),
        assessments=assessments,
        completions=completions,
        certification_programs=programs,
        certification_attempts=attempts,
        courses=list(courses),
    )


def bundled_sample(n_staff: int = SMALL[0], n_agencies: int = SMALL[1], seed: int = 2026) -> SampleOrg:
    """The sample organisation built from the bundled frameworks and course catalogue."""
    frameworks = [load_framework(p) for p in bundled_framework_files()]
    return generate(frameworks, load_courses(), n_staff=n_staff, n_agencies=n_agencies, seed=seed)


# -- frameworks -------------------------------------------------------------------------------------
@dataclass
class _LevelRef:
    id: int
    fw_code: str
    code: str  # role level code
    seniority: int
    rank: int
    topic: str
    hint_text: str
    requirements: dict[int, int]  # competency index -> required level
    klass: int
    neighbours: list[int] = field(default_factory=list)


class _Catalogue:
    """What the generator needs to know about the frameworks, indexed."""

    def __init__(self, frameworks: Sequence[Framework]):
        self.competencies: list[tuple[str, str]] = []
        self.comp_names: list[Text] = []
        self.comp_index: dict[tuple[str, str], int] = {}
        self.comp_by_code: dict[str, int] = {}
        lo: list[int] = []
        hi: list[int] = []
        klass: list[int] = []
        self.levels: list[_LevelRef] = []
        self.mgr_levels: list[_LevelRef] = []
        self.dsa_levels: list[_LevelRef] = []
        self.spec_by_rank: dict[int, list[_LevelRef]] = {}
        self.mgr_comps: list[int] = []
        self.dsa_comps: list[int] = []
        for fw in frameworks:
            c = {MGR_FRAMEWORK: CLASS_MGR, DSA_FRAMEWORK: CLASS_ALL}.get(fw.code, CLASS_SPEC)
            low, high = fw.scale_range
            for comp in fw.competencies():
                key = (fw.code, comp.code)
                if key in self.comp_index:
                    continue
                idx = len(self.competencies)
                self.competencies.append(key)
                self.comp_names.append(comp.name)
                self.comp_index[key] = idx
                self.comp_by_code.setdefault(comp.code, idx)
                lo.append(low)
                hi.append(high)
                klass.append(c)
                if c == CLASS_MGR:
                    self.mgr_comps.append(idx)
                elif c == CLASS_ALL:
                    self.dsa_comps.append(idx)
            self._add_levels(fw, c)
        self.comp_lo = np.array(lo, dtype=np.int16)
        self.comp_hi = np.array(hi, dtype=np.int16)
        self.comp_class = np.array(klass, dtype=np.int8)
        # default target where a profile names a competency without a requirement: the median
        # requirement across the framework's role levels, else the middle of the scale
        reqs: dict[int, list[int]] = {}
        for lv in self.levels:
            for ci, level in lv.requirements.items():
                reqs.setdefault(ci, []).append(level)
        self.comp_default = np.array(
            [int(np.median(reqs[i])) if i in reqs else (lo[i] + hi[i] + 1) // 2 for i in range(len(lo))],
            dtype=np.int16,
        )
        self.mgr_levels.sort(key=lambda lv: lv.seniority)
        self.dsa_levels.sort(key=lambda lv: lv.seniority)

    def _add_levels(self, fw: Framework, klass: int) -> None:
        all_levels = [lv for _, lv in fw.role_levels()]
        if not all_levels:
            return
        fw_min = min(lv.seniority for lv in all_levels)
        families = {f.code: f.name.es or f.name.en for f in fw.role_families}
        family_reqs: dict[str, dict[int, int]] = {}
        refs_by_role: list[tuple[str, list[_LevelRef]]] = []
        for role in fw.roles:
            if not role.levels:
                continue
            shift = 1 if min(lv.seniority for lv in role.levels) > fw_min else 0
            topic = N.ROLE_TOPICS.get(role.code) or families.get(role.family) or role.name.es or role.name.en
            refs: list[_LevelRef] = []
            for lv in role.levels:
                requirements = {
                    self.comp_index[(fw.code, q.competency)]: q.level
                    for q in lv.requirements
                    if (fw.code, q.competency) in self.comp_index
                }
                rank = min(DGA, max(ENLACE, lv.seniority - fw_min + 1 + shift))
                ref = _LevelRef(len(self.levels), fw.code, lv.code, lv.seniority, rank, topic,
                                f"{role.code} {role.family}".lower(), requirements, klass)
                self.levels.append(ref)
                refs.append(ref)
                counts = family_reqs.setdefault(role.family, {})
                for ci in requirements:
                    counts[ci] = counts.get(ci, 0) + 1
            refs_by_role.append((role.family, refs))
        for family, refs in refs_by_role:
            for ref in refs:
                if klass == CLASS_MGR:
                    self.mgr_levels.append(ref)
                elif klass == CLASS_ALL:
                    self.dsa_levels.append(ref)
                else:
                    self.spec_by_rank.setdefault(ref.rank, []).append(ref)
                    counts = family_reqs.get(family, {})
                    candidates = sorted((ci for ci in counts if ci not in ref.requirements),
                                        key=lambda ci: (-counts[ci], ci))
                    ref.neighbours = candidates[:_MAX_NEIGHBOURS]

    @property
    def has_specialists(self) -> bool:
        return bool(self.spec_by_rank)

    def specialist(self, rank: int, hints: Sequence[str], rnd: random.Random,
                   p_hint: float = 0.7) -> _LevelRef:
        ranks = sorted(self.spec_by_rank, key=lambda r: (abs(r - rank), r))
        candidates = self.spec_by_rank[ranks[0]]
        if hints and rnd.random() < p_hint:
            preferred = [c for c in candidates if any(h in c.hint_text for h in hints)]
            if preferred:
                return rnd.choice(preferred)
        return rnd.choice(candidates)

    def manager_level(self, rank: int) -> _LevelRef | None:
        if not self.mgr_levels:
            return None
        n = len(self.mgr_levels)
        return self.mgr_levels[round((max(JEFATURA, rank) - JEFATURA) * (n - 1) / (DG - JEFATURA))]

    def dsa_index(self, group: int) -> int:
        """Index into :attr:`dsa_levels` for an enlace of tabulator group 1-3 (-1 if no such framework)."""
        if not self.dsa_levels:
            return -1
        return round((group - 1) * (len(self.dsa_levels) - 1) / 2)


# -- agencies and units -----------------------------------------------------------------------------
@dataclass
class _Unit:
    code: str
    agency: int
    name: str
    kind: str
    level: int
    parent: int | None  # global index
    digital: bool
    hints: tuple[str, ...] = ()
    state: str | None = None
    weight: float = 1.0
    subtree: float = 0.0
    members: int = 0


def _agency_sizes(n_staff: int, n_agencies: int, rng: np.random.Generator) -> np.ndarray:
    """Heavy-tailed agency headcounts (Zipf-like with noise) that add up to ``n_staff``."""
    weights = np.arange(1, n_agencies + 1, dtype=float) ** -0.8 * rng.lognormal(0.0, 0.25, n_agencies)
    weights = np.sort(weights)[::-1]  # keep the big secretarías first
    floor = 20
    rest = n_staff - floor * n_agencies
    raw = weights / weights.sum() * rest
    sizes = np.floor(raw).astype(np.int64)
    short = rest - int(sizes.sum())
    sizes[np.argsort(-(raw - sizes), kind="stable")[:short]] += 1
    return sizes + floor


def _build_units(a_idx: int, code: str, kind: str, size: int, offset: int, rnd: random.Random,
                 rng: np.random.Generator) -> list[_Unit]:
    """The unit tree of one agency; ``offset`` is the global index of its first unit."""
    root_name = N.ROOT_UNIT_OVERRIDES.get(code, N.ROOT_UNIT[kind])
    units = [_Unit(f"{code}-100", a_idx, root_name, "root", 1, None, False)]
    core = {**N.CORE_UNITS, **N.CORE_OVERRIDES.get(code, {})}
    pool = list(N.AGENCY_UNITS.get(code, ())) + [(name, "program") for name in N.GENERIC_PROGRAM_UNITS]
    used: set[str] = set()

    def take(wanted: str | None) -> tuple[str, str] | None:
        for i, (name, k) in enumerate(pool):
            if (wanted is None or k == wanted) and name not in used:
                del pool[i]
                return name, k
        return None

    n_top = max(3, round(0.6 * size**0.45))
    top: list[tuple[str, str]] = []
    slots = list(_SLOTS)
    while len(top) < n_top:
        slot = slots.pop(0) if slots else "P"
        picked: tuple[str, str] | None
        if slot == "data":
            if size < 100:
                continue
            picked = take("data") or (N.DATA_UNITS[a_idx % len(N.DATA_UNITS)], "data")
        elif slot == "digital":
            if size < 350:
                continue
            picked = take("digital") or (N.DIGITAL_UNITS[a_idx % len(N.DIGITAL_UNITS)], "digital")
        elif slot == "planning":
            picked = take("planning") or (core["planning"], "planning")
        elif slot == "P":
            picked = take(None)
        else:
            picked = (core[slot], slot)
        if picked is None:
            break
        if picked[0] in used:
            continue
        used.add(picked[0])
        top.append(picked)
    if size >= 1500:
        pattern = N.REGIONAL_OVERRIDES.get(code, N.REGIONAL_PATTERN)
        states = sorted((s for s in N.STATES if s[0] != "DF"), key=lambda s: -s[2])
        for st_code, st_name, _ in states[: min(len(states), round(size / 260))]:
            top.append((pattern.format(state=st_name), f"regional:{st_code}"))

    tops: list[_Unit] = []
    for i, (name, k) in enumerate(top, start=1):
        state = None
        if k.startswith("regional:"):
            k, state = "regional", k.split(":", 1)[1]
        tops.append(_Unit(f"{code}-{100 + 10 * i}", a_idx, name, k, 2, offset, k in N.DIGITAL_UNIT_KINDS,
                          state=state, weight=_KIND_WEIGHT[k]))
    # scale the digital units so that their subtrees hold about _DIGITAL_SHARE of the agency
    share = _DIGITAL_SHARE + rnd.uniform(-0.03, 0.03)
    w_dig = sum(u.weight for u in tops if u.digital)
    w_rest = sum(u.weight for u in tops if not u.digital) + _KIND_WEIGHT["root"]
    for u in tops:
        if u.digital and w_dig > 0:
            u.weight *= share / (1 - share) * w_rest / w_dig
    w_total = sum(u.weight for u in tops) + _KIND_WEIGHT["root"]
    units[0].subtree = (size - 1) * _KIND_WEIGHT["root"] / w_total
    for u in tops:
        u.subtree = (size - 1) * u.weight / w_total

    root_dirs = min(len(N.DIRECTIONS["root"]), round(units[0].subtree / 20)) if units[0].subtree >= 30 else 0
    children: list[tuple[_Unit, list[_Unit]]] = [(units[0], [])]
    for j, (name, hints) in enumerate(N.DIRECTIONS["root"][:root_dirs], start=1):
        children[0][1].append(_Unit(f"{code}-100-{j:02d}", a_idx, name, "root", 3, offset, False, hints))
    for u in tops:
        templates = N.DIRECTIONS[u.kind]
        n_dirs = min(len(templates), round((u.subtree - 2) / 14)) if u.subtree >= 9 else 0
        picked = sorted(rnd.sample(range(len(templates)), n_dirs))
        dirs = [
            _Unit(f"{u.code}-{j:02d}", a_idx, templates[t][0], u.kind, 3, -1, u.digital, templates[t][1],
                  u.state)
            for j, t in enumerate(picked, start=1)
        ]
        children.append((u, dirs))
    # flatten in tree order (a unit before its children) and fix parent indices
    result = []
    for parent, dirs in children:
        parent_idx = offset + len(result)
        result.append(parent)
        for d in dirs:
            d.parent = parent_idx
            result.append(d)
    # members (everyone but the heads), spread by subtree: a top-level unit with direcciones keeps a
    # small share itself
    n_members = size - len(result)
    share_of = np.zeros(len(result))
    i = 0
    while i < len(result):
        parent = result[i]
        j = i + 1
        while j < len(result) and result[j].level == 3:
            j += 1
        n_dirs = j - i - 1
        if n_dirs == 0:
            share_of[i] = parent.subtree
        else:
            share_of[i] = parent.subtree * 0.12
            noise = rng.lognormal(0.0, 0.3, n_dirs)
            share_of[i + 1 : j] = parent.subtree * 0.88 * noise / noise.sum()
        i = j
    counts = rng.multinomial(n_members, share_of / share_of.sum())
    for unit, n in zip(result, counts, strict=True):
        unit.members = int(n)
    return result


# -- placing people ---------------------------------------------------------------------------------
class _People:
    """Column-wise working records of the people generated so far."""

    def __init__(self) -> None:
        self.unit: list[int] = []
        self.agency: list[int] = []
        self.rank: list[int] = []
        self.level: list[int] = []  # _LevelRef id or -1
        self.dsa: list[int] = []  # index into the dsa levels for the all-staff targets, or -1
        self.klass: list[int] = []  # CLASS_* of the role, -1 without a role
        self.title_m: list[str] = []
        self.title_f: list[str] = []
        self.manager: list[int] = []
        self.group: list[int] = []  # tabulator group 1-3

    def __len__(self) -> int:
        return len(self.unit)

    def add(self, unit: int, agency: int, rank: int, level: _LevelRef | None, klass: int, dsa: int,
            titles: tuple[str, str], manager: int, group: int) -> int:
        self.unit.append(unit)
        self.agency.append(agency)
        self.rank.append(rank)
        self.level.append(level.id if level is not None else -1)
        self.klass.append(klass if level is not None else -1)
        self.dsa.append(dsa)
        self.title_m.append(titles[0])
        self.title_f.append(titles[1])
        self.manager.append(manager)
        self.group.append(group)
        return len(self.unit) - 1


def _head_titles(name: str, level: int) -> tuple[str, str]:
    if level == 3 and name.startswith("Dirección "):
        rest = name[len("Dirección"):]
        return f"Director de Área{rest}", f"Directora de Área{rest}"
    for prefix, male, female in _HEAD_TITLES:
        if name.startswith(prefix):
            rest = name[len(prefix):]
            return male + rest, female + rest
    return f"Titular de {name}", f"Titular de {name}"


def _rank_titles(rank: int, topic: str) -> tuple[str, str]:
    male, female = _RANK_TITLE[rank]
    return male.format(t=topic), female.format(t=topic)


def _weighted(rnd: random.Random, table: dict[int, float]) -> int:
    return rnd.choices(list(table), weights=list(table.values()))[0]


def _staff_agency(a_idx: int, agency_units: list[_Unit], units: list[_Unit], cat: _Catalogue,
                  people: _People, rnd: random.Random) -> None:
    """Place the heads and members of one agency's units, in tree order."""
    heads: dict[int, int] = {}
    first_global = len(units) - len(agency_units)
    top_dga_left: dict[int, int] = {}
    for local, unit in enumerate(agency_units):
        g = first_global + local
        manager = heads[unit.parent] if unit.parent is not None else -1
        dsa_top = len(cat.dsa_levels) - 1 if cat.dsa_levels else -1
        # the head
        if unit.level <= 2:
            level = cat.manager_level(DG)
            head = people.add(g, a_idx, DG, level, CLASS_MGR, dsa_top, _head_titles(unit.name, unit.level),
                              manager, rnd.choice((1, 1, 2, 3)))
        elif unit.digital and cat.has_specialists:
            ref = cat.specialist(DIRECCION_AREA, unit.hints, rnd, p_hint=0.85)
            head = people.add(g, a_idx, ref.rank, ref, CLASS_SPEC, dsa_top, _head_titles(unit.name, 3),
                              manager, rnd.choice((1, 2, 3)))
        else:
            level = cat.manager_level(DIRECCION_AREA)
            head = people.add(g, a_idx, DIRECCION_AREA, level, CLASS_MGR, dsa_top,
                              _head_titles(unit.name, 3), manager, rnd.choice((1, 2, 2, 3)))
        heads[g] = head
        if unit.level == 2 and unit.kind != "regional":
            top_dga_left[g] = min(3, int(unit.subtree // 70))
        # the members
        dtos = 0
        for _ in range(unit.members):
            if unit.digital and cat.has_specialists:
                if (unit.level == 2 and unit.kind in ("ti", "digital") and dtos == 0 and unit.members >= 3
                        and DGA in cat.spec_by_rank):
                    ref = cat.specialist(DGA, ("transformation",), rnd, p_hint=1.0)
                    dtos += 1
                elif rnd.random() < 0.10:
                    _add_operational(people, g, a_idx, unit, head, cat, rnd)
                    continue
                else:
                    table = {ENLACE: 0.36, JEFATURA: 0.36, SUBDIRECCION: 0.23}
                    if unit.level == 2:
                        table[DIRECCION_AREA] = 0.05
                    ref = cat.specialist(_weighted(rnd, table), unit.hints, rnd)
                people.add(g, a_idx, ref.rank, ref, CLASS_SPEC, _dsa_for(cat, ref.rank, True),
                           _rank_titles(ref.rank, ref.topic), head, rnd.choice((1, 2, 3)))
                continue
            if cat.has_specialists and rnd.random() < _SCATTER.get(unit.kind, 0.0):
                rank = _weighted(rnd, {ENLACE: 0.4, JEFATURA: 0.4, SUBDIRECCION: 0.2})
                ref = cat.specialist(rank, N.SCATTERED_ROLE_HINTS, rnd, p_hint=0.85)
                people.add(g, a_idx, ref.rank, ref, CLASS_SPEC, _dsa_for(cat, ref.rank, True),
                           _rank_titles(ref.rank, ref.topic), head, rnd.choice((1, 2, 3)))
                continue
            topic = rnd.choice(N.SUBTOPICS[unit.kind])
            if top_dga_left.get(g, 0) > 0:
                top_dga_left[g] -= 1
                people.add(g, a_idx, DGA, cat.manager_level(DGA), CLASS_MGR, _dsa_for(cat, DGA, False),
                           _rank_titles(DGA, topic), head, rnd.choice((1, 2, 3)))
                continue
            rank = _weighted(rnd, {SUBDIRECCION: 0.20, JEFATURA: 0.42, ENLACE: 0.38})
            if rank == ENLACE:
                _add_operational(people, g, a_idx, unit, head, cat, rnd, topic)
            else:
                people.add(g, a_idx, rank, cat.manager_level(rank), CLASS_MGR, _dsa_for(cat, rank, False),
                           _rank_titles(rank, topic), head, rnd.choice((1, 1, 2, 3)))


def _dsa_for(cat: _Catalogue, rank: int, digital: bool) -> int:
    """Which all-staff level sets the targets of someone who is not an enlace."""
    if not cat.dsa_levels:
        return -1
    top = len(cat.dsa_levels) - 1
    if digital or rank >= DIRECCION_AREA:
        return top
    return (top + 1) // 2


def _add_operational(people: _People, g: int, a_idx: int, unit: _Unit, head: int, cat: _Catalogue,
                     rnd: random.Random, topic: str | None = None) -> None:
    group = rnd.choices((1, 2, 3), weights=(0.45, 0.35, 0.20))[0]
    dsa = cat.dsa_index(group)
    level = cat.dsa_levels[dsa] if dsa >= 0 else None
    titles = _rank_titles(ENLACE, topic) if topic else ("Enlace Administrativo", "Enlace Administrativa")
    people.add(g, a_idx, ENLACE, level, CLASS_ALL, dsa, titles, head, group)


# -- dates, names and identifiers -------------------------------------------------------------------
def _day(d: date) -> int:
    return (d - _EPOCH).days


def _date(day: int) -> date:
    return _EPOCH + timedelta(days=int(day))


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass
class _Demographics:
    female: np.ndarray
    birth: np.ndarray  # days since 1970-01-01
    hire: np.ndarray


def _demographics(people: _People, as_of_day: int, rng: np.random.Generator) -> _Demographics:
    rank = np.array(people.rank)
    digital = np.array(people.klass) == CLASS_SPEC
    n = len(rank)
    p_female = np.array([0, 0.56, 0.49, 0.45, 0.41, 0.37, 0.33])[rank] * np.where(digital, 0.72, 1.0)
    female = rng.random(n) < p_female
    mean_age = np.array([0, 35, 40, 43, 46, 49, 52], dtype=float)[rank]
    age = np.clip(rng.normal(mean_age, 8.0), 22.05, 66.95)
    birth = as_of_day - np.floor(age * 365.2425).astype(np.int64)
    scale = np.array([0, 3.5, 4.5, 5.0, 5.5, 6.0, 6.0])[rank]
    tenure = rng.gamma(2.0, scale)
    max_tenure = age - 18.1
    tenure = np.clip(np.minimum(tenure, max_tenure), 30 / 365.2425 + 0.01, None)
    hire = as_of_day - np.floor(tenure * 365.2425).astype(np.int64)
    hire = np.minimum(hire, as_of_day - 31)
    return _Demographics(female, birth, hire)


@cache
def _plain(text: str) -> str:
    """Upper case without accents, keeping Ñ (as the CURP and RFC rules read names)."""
    text = text.upper().replace("Ñ", "\0")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return text.replace("\0", "Ñ")


@cache
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in ("".join(ch for ch in _plain(text) if ch.isalpha() or ch in " Ñ")).split() if w)


@cache
def _name_word(text: str | None, given: bool = False) -> str:
    """The word of a name the CURP and RFC take their letters from."""
    if not text:
        return ""
    words = _words(text)
    if given and len(words) > 1 and words[0] in N.SKIPPED_FIRST_NAMES:
        words = words[1:]
    rest = [w for w in words if w not in N.NAME_PARTICLES]
    return (rest or list(words) or [""])[0]


_VOWELS = "AEIOU"


def _first_internal(word: str, vowel: bool) -> str:
    for ch in word[1:]:
        if (ch in _VOWELS) == vowel and ch.isalpha():
            return "X" if ch == "Ñ" else ch
    return "X"


@cache
def _curp_letters(given: str, first: str, second: str | None) -> str:
    s1, s2, g = _name_word(first), _name_word(second), _name_word(given, given=True)
    letters = (s1[:1] or "X") + _first_internal(s1, True) + (s2[:1] or "X") + (g[:1] or "X")
    letters = letters.replace("Ñ", "X")
    if letters in N.INCONVENIENT_WORDS:
        letters = letters[0] + "X" + letters[2:]
    return letters


@cache
def _curp_consonants(given: str, first: str, second: str | None) -> str:
    s1, s2, g = _name_word(first), _name_word(second), _name_word(given, given=True)
    return (_first_internal(s1, False) + (_first_internal(s2, False) if s2 else "X")
            + _first_internal(g, False))


_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def curp_check_digit(first17: str) -> str:
    """RENAPO's check digit over the first 17 characters of a CURP."""
    total = sum(_CURP_ALPHABET.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def make_curp(given: str, first: str, second: str | None, birth: date, sex: str, state: str,
              homoclave: str) -> str:
    body = (_curp_letters(given, first, second) + birth.strftime("%y%m%d") + sex + state
            + _curp_consonants(given, first, second) + homoclave)
    return body + curp_check_digit(body)


@cache
def _rfc_letters(given: str, first: str, second: str | None) -> str:
    s1, s2, g = _name_word(first), _name_word(second), _name_word(given, given=True)
    if not s2:
        letters = (s1 + "XX")[:2] + (g + "XX")[:2]
    elif len(s1) <= 2:
        letters = s1[:1] + s2[:1] + (g + "XX")[:2]
    else:
        letters = s1[0] + _first_internal(s1, True) + s2[0] + (g[:1] or "X")
    letters = letters.replace("Ñ", "X")
    if letters in N.INCONVENIENT_WORDS:
        letters = letters[:3] + "X"
    return letters


_RFC_NAME_VALUES = {" ": "00", "&": "10", "Ñ": "40", **{str(d): f"{d:02d}" for d in range(10)}}
_RFC_NAME_VALUES.update({ch: str(11 + i) for i, ch in enumerate("ABCDEFGHI")})
_RFC_NAME_VALUES.update({ch: str(21 + i) for i, ch in enumerate("JKLMNOPQR")})
_RFC_NAME_VALUES.update({ch: str(32 + i) for i, ch in enumerate("STUVWXYZ")})
_RFC_HOMONYM = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
_RFC_CHECK = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def rfc_check_digit(first12: str) -> str:
    """The SAT's check digit (mod 11) over the first 12 characters of a person's RFC."""
    total = sum(_RFC_CHECK.index(ch) * (13 - i) for i, ch in enumerate(first12))
    digit = 11 - total % 11
    return "0" if digit == 11 else "A" if digit == 10 else str(digit)


@cache
def _rfc_digits(word: str) -> tuple[int, int, int]:
    """A word's digit string for the RFC homonym key: (sum over its pairs, first digit, last digit)."""
    d = "".join(_RFC_NAME_VALUES.get(ch, "00") for ch in word)
    return sum(int(d[i : i + 2]) * int(d[i + 1]) for i in range(len(d) - 1)), int(d[0]), int(d[-1])


def _rfc_homonym(given: str, first: str, second: str | None) -> int:
    """The SAT's homonym key: "0" + two digits per character of "PATERNO MATERNO NOMBRE", summing
    (digit pair × its second digit) over adjacent pairs; a space is "00", so words add up separately."""
    total = 0
    for word in (*_words(first), *_words(second or ""), *_words(given)):
        internal, head, _ = _rfc_digits(word)
        total += head * head + internal  # the pair (0, head) across the leading "0" or the space before
    return total % 1000


def make_rfc(given: str, first: str, second: str | None, birth: date, bump: int = 0) -> str:
    """A person's 13-character RFC; ``bump`` shifts the homonym key to separate namesakes."""
    code = (_rfc_homonym(given, first, second) + bump) % (34 * 34)
    body = (_rfc_letters(given, first, second) + birth.strftime("%y%m%d") + _RFC_HOMONYM[code // 34 % 34]
            + _RFC_HOMONYM[code % 34])
    return body + rfc_check_digit(body)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def _identities(people: _People, agencies: list[AgencyRow], units: list[_Unit], cat: _Catalogue,
                demo: _Demographics, rnd: random.Random, rng: np.random.Generator) -> list[StaffRow]:
    n = len(people)
    names_f = [name for name, _ in N.GIVEN_NAMES_F]
    cum_f = list(accumulate(w for _, w in N.GIVEN_NAMES_F))
    names_m = [name for name, _ in N.GIVEN_NAMES_M]
    cum_m = list(accumulate(w for _, w in N.GIVEN_NAMES_M))
    surnames = [name for name, _ in N.SURNAMES]
    cum_s = list(accumulate(w for _, w in N.SURNAMES))
    state_codes = [s[0] for s in N.STATES]
    state_w = [s[2] * (3.0 if s[0] == "DF" else 1.4 if s[0] == "MC" else 1.0) for s in N.STATES]
    cum_state = list(accumulate(state_w))

    def pick(seq: list[str], cum: list[int] | list[float]) -> str:
        return seq[bisect_right(cum, rnd.random() * cum[-1])]

    # employee numbers follow the hire date, as payroll systems hand them out
    order = np.argsort(demo.hire, kind="stable")
    numbers = np.empty(n, dtype=np.int64)
    numbers[order] = 100_000 + np.cumsum(rng.integers(1, 8, n))
    emp = [str(x) for x in numbers.tolist()]

    curps: set[str] = set()
    rfcs: set[str] = set()
    emails: set[str] = set()
    rows: list[StaffRow] = []
    levels = cat.levels
    birth_days = demo.birth.tolist()
    hire_days = demo.hire.tolist()
    female = demo.female.tolist()
    for i in range(n):
        unit = units[people.unit[i]]
        agency = agencies[people.agency[i]]
        is_f = female[i]
        given = pick(names_f, cum_f) if is_f else pick(names_m, cum_m)
        first = pick(surnames, cum_s)
        second = None if rnd.random() < 0.02 else pick(surnames, cum_s)
        sex = "M" if is_f else "H"
        r = rnd.random()
        if unit.state and r < 0.65:
            state = unit.state
        elif r > 0.995:
            state = N.BORN_ABROAD
        else:
            state = pick(state_codes, cum_state)
        birth = _date(birth_days[i])
        homoclave = 0
        while True:
            hc = str(homoclave % 10) if birth.year < 2000 else chr(ord("A") + homoclave % 26)
            curp = make_curp(given, first, second, birth, sex, state, hc)
            if curp not in curps:
                break
            homoclave += 1
            if homoclave % 10 == 0:  # the digits ran out: the person was born a day later
                birth += timedelta(days=1)
        curps.add(curp)
        bump = 0
        rfc = make_rfc(given, first, second, birth)
        while rfc in rfcs:
            bump += 1
            rfc = make_rfc(given, first, second, birth, bump)
        rfcs.add(rfc)
        g_word = _ascii(given.split()[0])
        s_word = _ascii(first)
        domain = f"@{agency.short_name}.gob.mx"
        local = f"{g_word}.{s_word}"
        if local + domain in emails and second:
            local = f"{g_word}.{s_word}.{_ascii(second)}"
        base, k = local, 2
        while local + domain in emails:
            local = f"{base}{k}"
            k += 1
        email = local + domain
        emails.add(email)
        lv = people.level[i]
        ref = levels[lv] if lv >= 0 else None
        rank = people.rank[i]
        manager = people.manager[i]
        rows.append(
            StaffRow(
                employee_number=emp[i],
                curp=curp,
                rfc=rfc,
                given_names=given,
                first_surname=first,
                second_surname=second,
                sex=sex,
                agency_code=agency.code,
                unit_code=unit.code,
                position_title=people.title_f[i] if is_f else people.title_m[i],
                framework_code=ref.fw_code if ref else None,
                role_code=ref.code if ref else None,
                grade=f"{RANK_LETTER[rank]}{people.group[i]}{rnd.choice((1, 1, 2, 3))}",
                birth_date=birth,
                hire_date=_date(hire_days[i]),
                email=email,
                manager_employee_number=emp[manager] if manager >= 0 else None,
            )
        )
    return rows


# -- assessments, certifications and courses --------------------------------------------------------
def _group_positions(groups: np.ndarray) -> np.ndarray:
    """Position of each element within its run of equal, contiguous ``groups`` values."""
    n = groups.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.nonzero(groups[1:] != groups[:-1])[0] + 1]
    lengths = np.diff(np.r_[starts, n])
    return np.arange(n) - np.repeat(starts, lengths)


def _sorted_within(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """``values`` sorted inside each run of contiguous equal ``groups`` (groups must be non-decreasing)."""
    return values[np.lexsort((values, groups))]


class _History:
    """Competency cells, latent levels and the histories drawn from them."""

    def __init__(self, cat: _Catalogue, people: _People, demo: _Demographics, as_of: date,
                 rng: np.random.Generator):
        self.cat = cat
        self.rng = rng
        self.as_of = as_of
        self.as_of_day = _day(as_of)
        self.n_staff = len(people)
        self.manager = np.array(people.manager, dtype=np.int32)
        self.klass = np.array(people.klass, dtype=np.int8)
        self.level_id = np.array(people.level, dtype=np.int32)
        start = _day(_add_years(as_of, -HISTORY_YEARS))
        self.window_lo = np.maximum(demo.hire, start)
        self.window_hi = np.full(self.n_staff, self.as_of_day - 1, dtype=np.int64)
        self._build_cells(people)

    # profiles: which competencies a person is assessed in, with the target (required) level
    def _profile(self, dsa: int, level_id: int) -> tuple[list[int], list[int], list[bool]]:
        cat = self.cat
        comps: list[int] = []
        targets: list[int] = []
        optional: list[bool] = []
        dsa_req = cat.dsa_levels[dsa].requirements if dsa >= 0 else {}
        for ci in cat.dsa_comps:
            comps.append(ci)
            targets.append(dsa_req.get(ci, int(cat.comp_default[ci])))
            optional.append(False)
        ref = cat.levels[level_id] if level_id >= 0 else None
        if ref is not None and ref.fw_code == MGR_FRAMEWORK:
            for ci in cat.mgr_comps:
                comps.append(ci)
                targets.append(ref.requirements.get(ci, int(cat.comp_default[ci])))
                optional.append(False)
        elif ref is not None and ref.klass == CLASS_SPEC:
            for ci, level in ref.requirements.items():
                comps.append(ci)
                targets.append(level)
                optional.append(False)
            typical = int(np.median(list(ref.requirements.values()))) if ref.requirements else 1
            for ci in ref.neighbours:
                comps.append(ci)
                targets.append(max(int(cat.comp_lo[ci]) + 1, typical - 1))
                optional.append(True)
        return comps, targets, optional

    def _build_cells(self, people: _People) -> None:
        rng, n = self.rng, self.n_staff
        keys: dict[tuple[int, int], int] = {}
        comp_parts: list[list[int]] = []
        target_parts: list[list[int]] = []
        optional_parts: list[list[bool]] = []
        profile = np.empty(n, dtype=np.int64)
        for i in range(n):
            key = (people.dsa[i], people.level[i])
            pid = keys.get(key)
            if pid is None:
                pid = keys[key] = len(comp_parts)
                comps, targets, optional = self._profile(*key)
                comp_parts.append(comps)
                target_parts.append(targets)
                optional_parts.append(optional)
            profile[i] = pid
        p_len = np.array([len(c) for c in comp_parts], dtype=np.int64)
        p_start = np.r_[0, np.cumsum(p_len)[:-1]]
        all_comp = np.array([c for part in comp_parts for c in part], dtype=np.int32)
        all_target = np.array([t for part in target_parts for t in part], dtype=np.int16)
        all_optional = np.array([o for part in optional_parts for o in part], dtype=bool)
        lengths = p_len[profile]
        cell_staff = np.repeat(np.arange(n, dtype=np.int32), lengths)
        src = np.repeat(p_start[profile], lengths) + _group_positions(cell_staff)
        keep = rng.random(src.shape[0]) >= _UNKNOWN_SHARE
        keep &= ~all_optional[src] | (rng.random(src.shape[0]) < _NEIGHBOUR_P)
        self.cell_staff = cell_staff[keep]
        src = src[keep]
        self.cell_comp = all_comp[src]
        self.cell_target = all_target[src]
        # latent level: the target, a person effect (slightly behind on average) and a cell effect
        person = rng.normal(-0.3, 0.45, n)
        self.cell_latent = self.cell_target + person[self.cell_staff] + rng.normal(0.0, 0.7, src.shape[0])

    def _observed(self, cells: np.ndarray, days: np.ndarray, sources: np.ndarray) -> np.ndarray:
        years = (self.as_of_day - days) / 365.2425
        value = self.cell_latent[cells] - _GROWTH_PER_YEAR * years
        value = value + self.rng.normal(_SOURCE_BIAS[sources], np.maximum(_SOURCE_NOISE[sources], 1e-9))
        comp = self.cell_comp[cells]
        return np.clip(np.rint(value), self.cat.comp_lo[comp], self.cat.comp_hi[comp]).astype(np.int8)

    def programs(self) -> list[CertProgramRow]:
        programs = []
        for ci in self.cat.mgr_comps:
            fw_code, code = self.cat.competencies[ci]
            name = self.cat.comp_names[ci]
            programs.append(CertProgramRow(f"CERT-{code}", Text(f"Certification in {_lower_first(name.en)}",
                                                                f"Certificación en {_lower_first(name.es)}"),
                                           [(fw_code, code)]))
        return programs

    def certifications(self, programs: list[CertProgramRow], staff: list[StaffRow]) -> list[CertAttemptRow]:
        """Career-service certification attempts of managers in their managerial competencies, and the
        certification assessments of the passed ones."""
        rng, cat = self.rng, self.cat
        empty = np.zeros(0, dtype=np.int64)
        self.cert = (empty, empty, empty)
        if not programs:
            return []
        program_of = {cat.comp_index[p.competencies[0]]: k for k, p in enumerate(programs)}
        prog = np.full(len(cat.competencies), -1, dtype=np.int64)
        for ci, k in program_of.items():
            prog[ci] = k
        staff_of = self.cell_staff
        eligible = (prog[self.cell_comp] >= 0) & (self.klass[staff_of] == CLASS_MGR)
        lo = np.maximum(self.window_lo[staff_of] + 180, self.as_of_day - HISTORY_YEARS * 365)
        hi = self.as_of_day - 15
        eligible &= lo <= hi
        cells = np.nonzero(eligible & (rng.random(staff_of.shape[0]) < 0.7))[0]
        lo = lo[cells]
        day1 = lo + np.floor(rng.random(cells.shape[0]) * (hi - lo + 1)).astype(np.int64)
        able = np.rint(self.cell_latent[cells] - _GROWTH_PER_YEAR * (self.as_of_day - day1) / 365.2425)
        able_ok = able >= self.cell_target[cells]
        pass1 = rng.random(cells.shape[0]) < np.where(able_ok, 0.85, 0.4)
        day2 = day1 + rng.integers(90, 366, cells.shape[0])
        second = ~pass1 & (day2 <= self.as_of_day - 1)
        pass2 = second & (rng.random(cells.shape[0]) < np.where(able_ok, 0.8, 0.5))
        # certification assessments: on the day of the passed attempt, at least the required level
        passed_cells = np.r_[cells[pass1], cells[pass2]]
        passed_days = np.r_[day1[pass1], day2[pass2]]
        comp = self.cell_comp[passed_cells]
        years = (self.as_of_day - passed_days) / 365.2425
        level = np.maximum(np.rint(self.cell_latent[passed_cells] - _GROWTH_PER_YEAR * years),
                           self.cell_target[passed_cells])
        level = np.clip(level, cat.comp_lo[comp], cat.comp_hi[comp]).astype(np.int8)
        self.cert = (passed_cells, passed_days, level)
        # rows, sorted by person, program and attempt
        rows: list[CertAttemptRow] = []
        staff_idx = staff_of[cells]
        order = np.lexsort((prog[self.cell_comp[cells]], staff_idx))
        for j in order.tolist():
            s = staff[int(staff_idx[j])]
            code = programs[int(prog[self.cell_comp[cells[j]]])].code
            taken = _date(int(day1[j]))
            ok = bool(pass1[j])
            rows.append(CertAttemptRow(s.employee_number, code, 1, taken, ok,
                                       _add_years(taken, CERT_VALIDITY_YEARS) if ok else None))
            if second[j]:
                taken = _date(int(day2[j]))
                ok = bool(pass2[j])
                rows.append(CertAttemptRow(s.employee_number, code, 2, taken, ok,
                                           _add_years(taken, CERT_VALIDITY_YEARS) if ok else None))
        return rows

    def completions(self, courses: list[CourseSpec]) -> CompletionColumns:
        """A few courses per person, with every prerequisite passed on an earlier day."""
        rng, n = self.rng, self.n_staff
        n_courses = len(courses)
        if n_courses == 0:
            z = np.zeros(0, dtype=np.int32)
            return CompletionColumns(z, z.copy(), np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=bool),
                                     np.zeros(0, dtype=np.float32))
        code_index = {c.code: i for i, c in enumerate(courses)}
        prereq = np.zeros((n_courses, n_courses), dtype=np.float32)  # [course, prerequisite]
        for i, c in enumerate(courses):
            for p in c.prerequisites:
                if p in code_index:
                    prereq[i, code_index[p]] = 1
        depth = _course_depths(courses, code_index)
        kind = np.where(self.klass == CLASS_SPEC, CLASS_SPEC,
                        np.where(self.klass == CLASS_MGR, CLASS_MGR, CLASS_ALL))
        weights = np.array([[_COURSE_AREA_WEIGHT[k].get(c.area, 1.0) for c in courses] for k in range(3)])
        w = weights[kind]
        keys = np.log(rng.random((n, n_courses)) + 1e-12) / w  # Efraimidis-Spirakis: top k keys
        k = np.minimum(rng.poisson(1.4, n), 6)
        k[rng.random(n) < 0.08] = 0
        rank_of = np.empty((n, n_courses), dtype=np.int64)
        rank_of[np.arange(n)[:, None], np.argsort(-keys, axis=1)] = np.arange(n_courses)
        chosen = rank_of < k[:, None]
        for _ in range(int(depth.max()) + 1):  # add the prerequisites, transitively
            needed = (chosen.astype(np.float32) @ prereq) > 0
            if not (needed & ~chosen).any():
                break
            chosen |= needed
        needed = ((chosen.astype(np.float32) @ prereq) > 0) & chosen
        s_idx, c_idx = np.nonzero(chosen)
        order = np.lexsort((rng.random(s_idx.shape[0]), depth[c_idx], s_idx))
        s_idx, c_idx = s_idx[order], c_idx[order]
        lo, hi = self.window_lo[s_idx], self.window_hi[s_idx]
        u = _sorted_within(rng.random(s_idx.shape[0]), s_idx)
        day = lo + np.floor(u * (hi - lo + 1)).astype(np.int64)
        pos = _group_positions(s_idx)
        offset = s_idx.astype(np.int64) * 10_000_000
        day = np.maximum.accumulate(day - pos + offset) - offset + pos  # strictly increasing per person
        keep = day <= hi
        s_idx, c_idx, day = s_idx[keep], c_idx[keep], day[keep]
        passed = needed[s_idx, c_idx] | (rng.random(s_idx.shape[0]) < 0.9)
        score = np.where(passed, 70 + 30 * rng.beta(2.0, 1.3, s_idx.shape[0]),
                         40 + 29.9 * rng.random(s_idx.shape[0]))
        return CompletionColumns(
            staff_idx=s_idx.astype(np.int32),
            course_idx=c_idx.astype(np.int32),
            completed_on=day.astype("datetime64[D]"),
            passed=passed,
            score=np.round(score, 1).astype(np.float32),
        )

    def assessments(self, courses: list[CourseSpec], completions: CompletionColumns) -> AssessmentColumns:
        rng, cat = self.rng, self.cat
        n_cells = self.cell_staff.shape[0]
        klass = cat.comp_class[self.cell_comp]
        cum = np.cumsum(_TEMPLATE_P, axis=1)
        cum[:, -1] = 1.0
        template = (rng.random(n_cells)[:, None] > cum[klass]).sum(axis=1)
        t_len = np.array([len(t) for t in _TEMPLATES], dtype=np.int64)
        t_src = np.full((len(_TEMPLATES), 3), -1, dtype=np.int8)
        for i, t in enumerate(_TEMPLATES):
            t_src[i, : len(t)] = t
        lengths = t_len[template]
        cell = np.repeat(np.arange(n_cells, dtype=np.int64), lengths)
        pos = _group_positions(cell)
        source = t_src[template[cell], pos]
        staff = self.cell_staff[cell]
        assessor = np.where(source == MANAGER, self.manager[staff], -1).astype(np.int32)
        source = np.where((source == MANAGER) & (assessor < 0), TEST, source).astype(np.int8)
        lo, hi = self.window_lo[staff], self.window_hi[staff]
        u = _sorted_within(rng.random(cell.shape[0]), cell)
        day = lo + np.floor(u * (hi - lo + 1)).astype(np.int64)
        level = self._observed(cell, day, source)

        parts_staff = [staff]
        parts_comp = [self.cell_comp[cell]]
        parts_level = [level]
        parts_source = [source]
        parts_day = [day]
        parts_assessor = [assessor]
        # certifications
        c_cells, c_days, c_level = self.cert
        parts_staff.append(self.cell_staff[c_cells])
        parts_comp.append(self.cell_comp[c_cells])
        parts_level.append(c_level)
        parts_source.append(np.full(c_cells.shape[0], CERTIFICATION, dtype=np.int8))
        parts_day.append(c_days)
        parts_assessor.append(np.full(c_cells.shape[0], -1, dtype=np.int32))
        # passed courses: the level each course raises its competencies to
        r_course, r_comp, r_level = [], [], []
        for i, c in enumerate(courses):
            for r in c.raises:
                ci = cat.comp_by_code.get(r.competency)
                if ci is not None:
                    r_course.append(i)
                    r_comp.append(ci)
                    r_level.append(int(np.clip(r.level, cat.comp_lo[ci], cat.comp_hi[ci])))
        if r_course and len(completions):
            rc = np.array(r_course, dtype=np.int64)
            per_course = np.bincount(rc, minlength=len(courses))
            first = np.r_[0, np.cumsum(per_course)[:-1]]
            done = np.nonzero(completions.passed)[0]
            counts = per_course[completions.course_idx[done]]
            which = np.repeat(done, counts)
            idx = np.repeat(first[completions.course_idx[done]], counts) + _group_positions(which)
            c_staff = completions.staff_idx[which]
            c_comp = np.array(r_comp, dtype=np.int32)[idx]
            c_day = completions.completed_on[which].astype(np.int64)
            # a course attests at least the level it raises to; someone already above it keeps their level
            latent = np.full((self.n_staff, len(cat.competencies)), np.nan)
            latent[self.cell_staff, self.cell_comp] = self.cell_latent
            before = np.rint(latent[c_staff, c_comp] - _GROWTH_PER_YEAR * (self.as_of_day - c_day) / 365.2425)
            raised = np.array(r_level, dtype=np.int16)[idx]
            c_level = np.where(np.isnan(before), raised, np.maximum(raised, np.nan_to_num(before)))
            parts_staff.append(c_staff)
            parts_comp.append(c_comp)
            parts_level.append(np.clip(c_level, cat.comp_lo[c_comp], cat.comp_hi[c_comp]).astype(np.int8))
            parts_source.append(np.full(which.shape[0], COURSE, dtype=np.int8))
            parts_day.append(c_day)
            parts_assessor.append(np.full(which.shape[0], -1, dtype=np.int32))

        staff_all = np.concatenate(parts_staff).astype(np.int32)
        comp_all = np.concatenate(parts_comp).astype(np.int32)
        day_all = np.concatenate(parts_day).astype(np.int64)
        source_all = np.concatenate(parts_source).astype(np.int8)
        order = np.lexsort((source_all, comp_all, day_all, staff_all))
        return AssessmentColumns(
            staff_idx=staff_all[order],
            comp_idx=comp_all[order],
            level=np.concatenate(parts_level).astype(np.int8)[order],
            source=source_all[order],
            assessed_on=day_all[order].astype("datetime64[D]"),
            assessor_idx=np.concatenate(parts_assessor).astype(np.int32)[order],
            validated=source_all[order] != SELF,
        )


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _course_depths(courses: list[CourseSpec], code_index: dict[str, int]) -> np.ndarray:
    """Length of the longest prerequisite chain below each course (0 for none)."""
    depth = np.full(len(courses), -1, dtype=np.int64)

    def visit(i: int, trail: frozenset[int]) -> int:
        if depth[i] >= 0:
            return int(depth[i])
        if i in trail:  # a cycle: the catalogue loader rejects these; do not loop here
            return 0
        pre = [code_index[p] for p in courses[i].prerequisites if p in code_index]
        d = 1 + max((visit(p, trail | {i}) for p in pre), default=-1)
        depth[i] = d
        return d

    for i in range(len(courses)):
        visit(i, frozenset())
    return depth


