"""The written definition of every role-transition measure, in English and Spanish (Mexico), for the app's help.

The same text, with a worked example, is in ``docs/pathways.md``; the engine's docstrings
(:mod:`skillmap.pathways.effort`, :mod:`skillmap.pathways.graph`) state it next to the code. :func:`definitions`
returns ``(key, term, text)`` in the order a help page shows them; the messages are registered as
``pathways.term.<key>`` and ``pathways.def.<key>``. ``{threshold}``, ``{level_hours}``, ``{hard_factor}`` and
``{in_post_share}`` in the texts are filled with the values in use.
"""

from __future__ import annotations

from skillmap.i18n import register, tr

MEASURES: tuple[str, ...] = (
    "profile", "unknown", "move_readiness", "viable", "course_hours", "estimate", "step_cost", "hard", "effort",
    "edge", "reskill", "in_post", "route", "cheapest", "stepping_stones", "hire", "ranking", "core",
    "no_requirements", "limits",
)

_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "profile": {
        "en": ("Role profile as levels",
               "A role profile read as a set of levels: its required level in each competency it requires, and 0 "
               "in the others. Whoever holds the role is assumed to be at those levels."),
        "es": ("Perfil de puesto como niveles",
               "Un perfil de puesto leído como un conjunto de niveles: su nivel requerido en cada competencia que "
               "requiere y 0 en las demás. Se supone que quien ocupa el puesto está en esos niveles."),
    },
    "unknown": {
        "en": ("Unknown levels",
               "For transitions an unknown level counts as 0: a move must be justified by what is known, and a "
               "competency nobody has assessed is costed as built from scratch. (The gap measures leave unknown "
               "levels out instead.)"),
        "es": ("Niveles desconocidos",
               "En las transiciones un nivel desconocido cuenta como 0: un cambio debe justificarse con lo que "
               "se sabe, y una competencia que nadie ha evaluado se costea como construida desde cero. (Las "
               "medidas de brecha, en cambio, excluyen los niveles desconocidos.)"),
    },
    "move_readiness": {
        "en": ("Readiness for a move",
               "Of a set of levels for a role: Σ weight × min(level, required) ÷ Σ weight × required over all the "
               "role's requirements, unknown levels counted as 0; from 0 to 100 %."),
        "es": ("Preparación para un cambio",
               "De un conjunto de niveles para un puesto: Σ peso × mín(nivel, requerido) ÷ Σ peso × requerido "
               "sobre todos los requisitos del puesto, con los niveles desconocidos como 0; de 0 a 100 %."),
    },
    "viable": {
        "en": ("Viable move",
               "A move into a role is viable when the readiness for it is at or above the threshold you set "
               "(now {threshold})."),
        "es": ("Cambio viable",
               "Un cambio a un puesto es viable cuando la preparación para él alcanza o supera el umbral que usted "
               "fija (ahora {threshold})."),
    },
    "course_hours": {
        "en": ("Course hours",
               "For a competency and a level: the hours of the cheapest course in the catalogue that brings the "
               "competency to that level or higher. A course brings a person to its level whatever their level "
               "before, so one course covers several level steps."),
        "es": ("Horas de curso",
               "Para una competencia y un nivel: las horas del curso más barato del catálogo que lleva la "
               "competencia a ese nivel o a uno mayor. Un curso lleva a la persona a su nivel sin importar su "
               "nivel anterior, así que un curso cubre varios escalones."),
    },
    "estimate": {
        "en": ("Estimate per level",
               "{level_hours} hours for each level step above the highest level any course reaches in that "
               "competency."),
        "es": ("Estimación por nivel",
               "{level_hours} horas por cada escalón de nivel por encima del nivel más alto que alcanza algún "
               "curso en esa competencia."),
    },
    "step_cost": {
        "en": ("Cost of raising a competency",
               "From level x to level r: nothing if x ≥ r; otherwise the hours of the cheapest course that goes "
               "as far towards r as the catalogue allows (if that is above x), plus the estimate for each level "
               "step above the catalogue. Levels the catalogue covers are always costed by course hours."),
        "es": ("Costo de elevar una competencia",
               "Del nivel x al nivel r: nada si x ≥ r; si no, las horas del curso más barato que llega tan cerca "
               "de r como lo permite el catálogo (si eso supera x), más la estimación por cada escalón por encima "
               "del catálogo. Los niveles que cubre el catálogo se costean siempre con horas de curso."),
    },
    "hard": {
        "en": ("Hard-to-transfer factor",
               "The cost of raising a competency marked hard to transfer is multiplied by {hard_factor}."),
        "es": ("Factor de difícil transferencia",
               "El costo de elevar una competencia marcada como difícil de transferir se multiplica por "
               "{hard_factor}."),
    },
    "effort": {
        "en": ("Effort",
               "From a set of levels to a role: the sum of the cost of raising each competency the role requires "
               "to its required level, in hours."),
        "es": ("Esfuerzo",
               "De un conjunto de niveles a un puesto: la suma del costo de elevar cada competencia que el "
               "puesto requiere a su nivel requerido, en horas."),
    },
    "edge": {
        "en": ("Transition",
               "An arrow from role A to role B when the move from A's profile into B is viable, weighted by the "
               "effort from A's profile to B."),
        "es": ("Transición",
               "Una flecha del puesto A al puesto B cuando el cambio del perfil de A a B es viable, con peso igual "
               "al esfuerzo del perfil de A a B."),
    },
    "reskill": {
        "en": ("Reskilling in place (direct hours)",
               "Training up to the target role's profile before any move, whatever the readiness: the effort "
               "from the person's current levels to the target, counted in full."),
        "es": ("Recapacitación en el puesto actual (horas directas)",
               "Capacitarse hasta el perfil del puesto objetivo antes de cualquier cambio, sin importar la "
               "preparación: el esfuerzo desde los niveles actuales de la persona hasta el objetivo, contado "
               "completo."),
    },
    "in_post": {
        "en": ("Learning in post",
               "After a viable move the person closes the gap to the new role's profile while doing the job, "
               "which does part of the learning: only {in_post_share} of the effort is counted. This share is a "
               "planning assumption you set, not a measured figure."),
        "es": ("Aprendizaje en el puesto",
               "Después de un cambio viable la persona cierra la brecha con el perfil del nuevo puesto mientras "
               "lo desempeña, lo que aporta parte del aprendizaje: solo se cuenta el {in_post_share} del "
               "esfuerzo. Esta proporción es un supuesto de planeación que usted fija, no una cifra medida."),
    },
    "route": {
        "en": ("Route",
               "How a person reaches a target role: either reskilling in place, then moving; or a sequence of "
               "moves, each viable when it is made, learning in post after each one. The effort of the first "
               "move is the person's own gap to that role; that of the next moves, the effort from one role's "
               "profile to the next."),
        "es": ("Ruta",
               "Cómo llega una persona a un puesto objetivo: o bien se recapacita en su puesto actual y después "
               "cambia, o bien recorre una secuencia de cambios, cada uno viable al hacerse, aprendiendo en el "
               "puesto después de cada uno. El esfuerzo del primer cambio es la brecha propia de la persona "
               "para ese puesto; el de los siguientes, el esfuerzo del perfil de un puesto al del siguiente."),
    },
    "cheapest": {
        "en": ("Cheapest route",
               "The route with the fewest hours; among equal ones the direct move, then reskilling in place, "
               "then the route with the fewest moves."),
        "es": ("Ruta más corta",
               "La ruta con menos horas; entre rutas iguales, el cambio directo, luego la recapacitación en el "
               "puesto actual y luego la ruta con menos cambios."),
    },
    "stepping_stones": {
        "en": ("Stepping-stone roles",
               "Roles entered on the way to the target. A stop never reduces the effort (each move closes its "
               "whole gap), so stepping stones appear exactly when the person is not ready enough to move to the "
               "target directly but can move now into a role they are ready for, and learning in post along the "
               "way takes fewer hours than reskilling in place. A person ready for the target always moves "
               "directly."),
        "es": ("Puestos intermedios",
               "Puestos que se ocupan en el camino al objetivo. Una parada nunca reduce el esfuerzo (cada cambio "
               "cierra toda su brecha), así que los puestos intermedios aparecen justo cuando la persona no está "
               "suficientemente preparada para ir directo al objetivo, pero puede pasar ya a un puesto para el que "
               "sí lo está, y aprender en el puesto a lo largo del camino toma menos horas que recapacitarse en "
               "su puesto actual. Quien está preparado para el objetivo siempre cambia directamente."),
    },
    "hire": {
        "en": ("Hire rather than reskill",
               "The route has to build at least one competency marked hard to transfer: hiring someone who "
               "already has it may be better than reskilling."),
        "es": ("Contratar en lugar de recapacitar",
               "La ruta debe construir al menos una competencia marcada como difícil de transferir: puede "
               "convenir contratar a alguien que ya la tenga en lugar de recapacitar."),
    },
    "ranking": {
        "en": ("Ranking for a target role",
               "Everyone in the selection by the hours of their cheapest route to the role."),
        "es": ("Clasificación para un puesto objetivo",
               "Todas las personas de la selección según las horas de su ruta más corta al puesto."),
    },
    "core": {
        "en": ("Core competencies",
               "For each competency: how many moves between two role profiles that are not viable now would "
               "become viable if the first profile had no gap in that competency for the second (or had it "
               "raised by the number of levels you choose). The competencies that open the most moves come "
               "first."),
        "es": ("Competencias clave",
               "Para cada competencia: cuántos cambios entre dos perfiles de puesto que hoy no son viables lo "
               "serían si el primer perfil no tuviera brecha en esa competencia para el segundo (o la tuviera "
               "elevada en el número de niveles que usted elija). Primero van las que abren más cambios."),
    },
    "no_requirements": {
        "en": ("Roles without requirements",
               "A role profile that requires nothing takes no part in transitions (no arrows in or out). As a "
               "target it needs no hours and everyone is ready for it."),
        "es": ("Puestos sin requisitos",
               "Un perfil de puesto que no requiere nada no participa en las transiciones (no tiene flechas de "
               "entrada ni de salida). Como objetivo no requiere horas y todos están preparados para él."),
    },
    "limits": {
        "en": ("What the hours are not",
               "A yardstick to compare moves, not a training plan: a course that raises several competencies a "
               "move needs is counted for each of them, prerequisites are not added, and after the first move "
               "the person is taken to be at the profile of the role they hold (extra levels are not credited). "
               "The course planner chooses the actual courses."),
        "es": ("Lo que no son las horas",
               "Una medida para comparar cambios, no un plan de capacitación: un curso que eleva varias "
               "competencias que el cambio necesita se cuenta para cada una, no se suman prerrequisitos, y "
               "después del primer cambio se supone que la persona está en el perfil del puesto que ocupa (no se "
               "acreditan niveles adicionales). El planificador de cursos elige los cursos concretos."),
    },
}

register({f"pathways.term.{k}": {lang: texts[lang][0] for lang in ("en", "es")} for k, texts in _TEXTS.items()})
register({f"pathways.def.{k}": {lang: texts[lang][1] for lang in ("en", "es")} for k, texts in _TEXTS.items()})


def _number(value: float) -> str:
    return f"{value:g}"


def definitions(lang: str | None = None, *, threshold: float = 0.6, level_hours: float = 40.0,
                hard_factor: float = 3.0, in_post_share: float = 0.5) -> list[tuple[str, str, str]]:
    """``(key, term, definition)`` of every measure, in ``lang`` (default: the current language), with the
    parameters in use filled in (threshold and share as percentages)."""
    params = {"threshold": f"{threshold * 100:g} %", "level_hours": _number(level_hours),
              "hard_factor": _number(hard_factor), "in_post_share": f"{in_post_share * 100:g} %"}
    return [(k, tr(f"pathways.term.{k}", lang), tr(f"pathways.def.{k}", lang, **params)) for k in MEASURES]
