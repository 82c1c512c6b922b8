"""The written definition of every gap measure, in English and Spanish (Mexico), for the app's help.

The same text, with examples, is in ``docs/gaps.md``. :func:`definitions` returns ``(key, term, text)`` in
the order a help page shows them; the messages are registered as ``gaps.term.<key>`` and ``gaps.def.<key>``.
"""

from __future__ import annotations

from skillmap.i18n import register, tr

MEASURES: tuple[str, ...] = (
    "current_level", "unknown", "gap", "weighted_gap", "readiness", "coverage", "met", "no_requirements",
    "share_meeting", "mean_gap", "short", "supply", "demand", "distance", "best_fit", "fit", "self_manager",
    "trend",
    "filters",
)

_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "current_level": {
        "en": ("Current level",
               "The level of the person's most recent validated assessment in the competency (on or before the "
               "as-of date, when one is set). On the same day the more trusted source wins (certification > test "
               "> manager > course > self), then the later recorded one. Self-assessments count only once "
               "validated."),
        "es": ("Nivel actual",
               "El nivel de la evaluación validada más reciente de la persona en la competencia (en la fecha de "
               "corte o antes, si se fija una). El mismo día gana la fuente más confiable (certificación > "
               "examen > jefe inmediato > curso > autoevaluación) y después la registrada más tarde. Las "
               "autoevaluaciones cuentan solo una vez validadas."),
    },
    "unknown": {
        "en": ("Unknown level",
               "No validated assessment: the level is unknown, never taken as zero. Unknown levels are left out "
               "of gaps, readiness and means; coverage shows how much is unknown."),
        "es": ("Nivel desconocido",
               "Sin evaluación validada el nivel es desconocido; nunca se toma como cero. Los niveles "
               "desconocidos se excluyen de brechas, preparación y promedios; la cobertura muestra cuánto se "
               "desconoce."),
    },
    "gap": {
        "en": ("Gap",
               "For one competency a role requires: required level minus current level, and 0 if the person "
               "is at or above it: max(0, required − current). Unknown when the current level is unknown."),
        "es": ("Brecha",
               "Para una competencia que el puesto requiere: nivel requerido menos nivel actual, y 0 si la "
               "persona lo alcanza o lo supera: máx(0, requerido − actual). Desconocida si el nivel actual lo es."),
    },
    "weighted_gap": {
        "en": ("Weighted gap",
               "The sum of weight × gap over the role's requirements whose level is known, in level points. "
               "0 means every assessed requirement is met."),
        "es": ("Brecha ponderada",
               "La suma de peso × brecha sobre los requisitos del puesto cuyo nivel se conoce, en puntos de "
               "nivel. 0 significa que se cumple todo requisito evaluado."),
    },
    "readiness": {
        "en": ("Readiness",
               "How much of the role's required proficiency the person already has, over the requirements whose "
               "level is known: Σ weight × min(current, required) ÷ Σ weight × required, from 0 to 100 %. "
               "Unknown levels are left out, not counted as 0, so readiness answers \"as far as we know\" and "
               "must be read with coverage. Example: required 3 and 2 (weights 2 and 1), current 2 and 3, a "
               "third requirement unknown → (2×2 + 1×2) ÷ (2×3 + 1×2) = 75 %."),
        "es": ("Preparación",
               "Cuánto del dominio que el puesto requiere tiene ya la persona, sobre los requisitos cuyo nivel se "
               "conoce: Σ peso × mín(actual, requerido) ÷ Σ peso × requerido, de 0 a 100 %. Los niveles "
               "desconocidos se excluyen (no cuentan como 0): la preparación responde \"hasta donde sabemos\" y "
               "se lee junto con la cobertura. Ejemplo: requeridos 3 y 2 (pesos 2 y 1), actuales 2 y 3, un "
               "tercer requisito desconocido → (2×2 + 1×2) ÷ (2×3 + 1×2) = 75 %."),
    },
    "coverage": {
        "en": ("Coverage",
               "How much of the role's requirement has been assessed at all: Σ weight of the requirements with a "
               "known level ÷ Σ weight of all the role's requirements, from 0 to 100 %. In tables of groups: "
               "the share of required (person, competency) pairs with a known level."),
        "es": ("Cobertura",
               "Qué parte de lo que el puesto requiere se ha evaluado: Σ peso de los requisitos con nivel "
               "conocido ÷ Σ peso de todos los requisitos del puesto, de 0 a 100 %. En tablas por grupo: la "
               "proporción de pares (persona, competencia) requeridos con nivel conocido."),
    },
    "met": {
        "en": ("Requirements met",
               "Σ weight of the assessed requirements the person fully meets (current ≥ required) ÷ Σ weight of "
               "the assessed requirements, from 0 to 100 %."),
        "es": ("Requisitos cumplidos",
               "Σ peso de los requisitos evaluados que la persona cumple del todo (actual ≥ requerido) ÷ Σ peso "
               "de los requisitos evaluados, de 0 a 100 %."),
    },
    "no_requirements": {
        "en": ("Undefined values",
               "A role with no requirements has no readiness or coverage (shown empty, never 100 %). A person "
               "none of whose requirements is assessed has coverage 0 and no readiness. A person without a role "
               "profile has no own-role measures."),
        "es": ("Valores indefinidos",
               "Un puesto sin requisitos no tiene preparación ni cobertura (se muestran vacías, nunca 100 %). "
               "Una persona sin ningún requisito evaluado tiene cobertura 0 y no tiene preparación. Una persona "
               "sin perfil de puesto no tiene medidas de su propio puesto."),
    },
    "share_meeting": {
        "en": ("Share meeting the requirement",
               "In a group (unit, agency, role family, role or competency), measured against each person's own "
               "role: the share of assessed (person, required competency) pairs where current ≥ required."),
        "es": ("Proporción que cumple",
               "En un grupo (unidad, dependencia, familia de puestos, puesto o competencia), contra el puesto "
               "propio de cada persona: la proporción de pares (persona, competencia requerida) evaluados con "
               "actual ≥ requerido."),
    },
    "mean_gap": {
        "en": ("Mean gap",
               "In a group: the mean gap, in levels, over the assessed (person, required competency) pairs."),
        "es": ("Brecha promedio",
               "En un grupo: la brecha promedio, en niveles, sobre los pares (persona, competencia requerida) "
               "evaluados."),
    },
    "short": {
        "en": ("Short",
               "In a group: the number of people with a gap in at least one assessed requirement of their own "
               "role (for a competency: the people with a gap in it)."),
        "es": ("Con brecha",
               "En un grupo: el número de personas con brecha en al menos un requisito evaluado de su propio "
               "puesto (para una competencia: las personas con brecha en ella)."),
    },
    "supply": {
        "en": ("Supply",
               "Per competency and level: how many people in the selection hold that current level (and how "
               "many hold it or a higher one); people with an unknown level are counted apart."),
        "es": ("Oferta",
               "Por competencia y nivel: cuántas personas de la selección tienen ese nivel actual (y cuántas "
               "ese nivel o uno mayor); las de nivel desconocido se cuentan aparte."),
    },
    "demand": {
        "en": ("Demand",
               "Per competency and level: how many people in the selection hold a position whose role profile "
               "requires exactly that level (and how many require it or a higher one)."),
        "es": ("Demanda",
               "Por competencia y nivel: cuántas personas de la selección ocupan un puesto cuyo perfil requiere "
               "exactamente ese nivel (y cuántas ese nivel o uno mayor)."),
    },
    "distance": {
        "en": ("Distance to a role",
               "How far, in levels, the person's assessed levels are from a role's required levels, above or "
               "below: Σ weight × |current − required| ÷ Σ weight, over the requirements whose level is known "
               "(0 = exactly the role's levels). Unlike readiness it does not favour less demanding roles, so it "
               "measures fit."),
        "es": ("Distancia a un puesto",
               "Cuántos niveles separan los niveles evaluados de la persona de los requeridos por un puesto, por "
               "arriba o por abajo: Σ peso × |actual − requerido| ÷ Σ peso, sobre los requisitos cuyo nivel se "
               "conoce (0 = exactamente los niveles del puesto). A diferencia de la preparación no favorece a "
               "los puestos menos exigentes, así que mide la correspondencia."),
    },
    "best_fit": {
        "en": ("Best-fitting role",
               "Among the role profiles of the same framework as the person's own (of any framework for people "
               "without one) with coverage of at least 50 %: the one at the smallest distance. On equal distance "
               "the higher-ranked role wins — roles rank by seniority, then by demand (Σ weight × required "
               "level) — then the person's own role."),
        "es": ("Puesto que mejor corresponde",
               "Entre los perfiles de puesto del mismo marco que el propio (de cualquier marco para quien no "
               "tiene uno) con cobertura de al menos 50 %: el de menor distancia. A igual distancia gana el de "
               "mayor rango —el rango es el nivel de antigüedad y luego la exigencia (Σ peso × nivel "
               "requerido)— y después el puesto propio."),
    },
    "fit": {
        "en": ("Title check",
               "Compares the position's role profile with the best-fitting one; \"ready\" means readiness of at "
               "least 80 %. Title claims more than the levels show: the best fit ranks lower and the person is "
               "not ready for their own role. Levels show more than the title: the best fit ranks higher and "
               "the person is ready for their own role. Consistent: the best fit is the own role, or ranks lower "
               "while the person is ready for their own. Another role fits better: any other difference. Not "
               "enough assessed: own-role coverage below 50 %."),
        "es": ("Revisión del puesto",
               "Compara el perfil del puesto con el que mejor corresponde; \"preparada\" significa preparación "
               "de al menos 80 %. El puesto dice más de lo que muestran los niveles: el que mejor corresponde es "
               "de menor rango y la persona no está preparada para su puesto. Los niveles muestran más que el "
               "puesto: el que mejor corresponde es de mayor rango y la persona está preparada para su puesto. "
               "Coincide: el que mejor corresponde es el propio, o es de menor rango pero la persona está "
               "preparada para el suyo. Corresponde mejor otro puesto: cualquier otra diferencia. Sin evaluación "
               "suficiente: cobertura del puesto propio menor que 50 %."),
    },
    "self_manager": {
        "en": ("Self versus manager",
               "Per person and competency: the latest self-assessment (validated or not) minus the latest "
               "manager assessment, where both exist. Positive: the person rates themself higher."),
        "es": ("Autoevaluación frente a jefe",
               "Por persona y competencia: la autoevaluación más reciente (validada o no) menos la evaluación "
               "más reciente del jefe inmediato, cuando existen ambas. Positiva: la persona se califica más "
               "alto."),
    },
    "trend": {
        "en": ("Change over time",
               "Per competency: the mean current level on 31 December of each year (and on the as-of date), over "
               "the people in the selection whose level was known then. People are placed by their present unit "
               "and position."),
        "es": ("Cambio en el tiempo",
               "Por competencia: el nivel actual promedio al 31 de diciembre de cada año (y en la fecha de "
               "corte), sobre las personas de la selección cuyo nivel se conocía entonces. Las personas se "
               "ubican por su unidad y puesto actuales."),
    },
    "filters": {
        "en": ("Filters",
               "Agency; unit, with every unit below it; role family (people in positions of that family, and "
               "that family's roles); framework (its competencies and roles); as-of date (assessments after it "
               "are ignored). Only active staff and the active version of each framework are counted."),
        "es": ("Filtros",
               "Dependencia; unidad, con todas las unidades que dependen de ella; familia de puestos (personas "
               "en puestos de esa familia, y los puestos de la familia); marco (sus competencias y puestos); "
               "fecha de corte (se ignoran las evaluaciones posteriores). Solo cuenta el personal activo y la "
               "versión activa de cada marco."),
    },
}

register({f"gaps.term.{k}": {lang: texts[lang][0] for lang in ("en", "es")} for k, texts in _TEXTS.items()})
register({f"gaps.def.{k}": {lang: texts[lang][1] for lang in ("en", "es")} for k, texts in _TEXTS.items()})


def definitions(lang: str | None = None) -> list[tuple[str, str, str]]:
    """``(key, term, definition)`` of every measure, in ``lang`` (default: the current language)."""
    return [(k, tr(f"gaps.term.{k}", lang), tr(f"gaps.def.{k}", lang)) for k in MEASURES]
