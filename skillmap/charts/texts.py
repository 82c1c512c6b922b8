"""Fixed texts of the charts (titles, axis labels, legends), in English and Spanish (Mexico).

Registered in :mod:`skillmap.i18n` at import; every chart function takes ``lang`` and renders these with
:func:`skillmap.i18n.tr`. Names of agencies, competencies, roles and people come from the caller, already
in the right language.
"""

from __future__ import annotations

from skillmap.i18n import register

register(
    {
        # -- common
        "chart.competency": {"en": "Competency", "es": "Competencia"},
        "chart.level": {"en": "Level", "es": "Nivel"},
        "chart.people": {"en": "People", "es": "Personas"},
        "chart.no_data": {"en": "No data to show", "es": "No hay datos para mostrar"},
        "chart.save.ext": {"en": "cannot save a chart as {ext!r}: use .png, .svg or .pdf",
                           "es": "no se puede guardar una gráfica como {ext!r}: use .png, .svg o .pdf"},
        # -- heatmap
        "chart.heatmap.title": {"en": "Skills gap by group and competency",
                                "es": "Brecha de competencias por grupo y competencia"},
        "chart.heatmap.share": {"en": "Share meeting the required level",
                                "es": "Proporción que cumple el nivel requerido"},
        "chart.heatmap.gap": {"en": "Mean gap (levels below the requirement)",
                              "es": "Brecha promedio (niveles por debajo del requerido)"},
        "chart.heatmap.missing": {"en": "No requirement or no data", "es": "Sin requisito o sin datos"},
        # -- person
        "chart.person.title": {"en": "Current and required levels", "es": "Nivel actual y nivel requerido"},
        "chart.person.title_of": {"en": "{person}: current and required levels",
                                  "es": "{person}: nivel actual y nivel requerido"},
        "chart.person.current": {"en": "Current level", "es": "Nivel actual"},
        "chart.person.meets": {"en": "Current level, meets the requirement",
                               "es": "Nivel actual, cumple el requerido"},
        "chart.person.short": {"en": "Current level, below the requirement",
                               "es": "Nivel actual, por debajo del requerido"},
        "chart.person.required": {"en": "Required level", "es": "Nivel requerido"},
        "chart.person.required_for": {"en": "Required for {role}", "es": "Requerido para {role}"},
        "chart.person.unknown": {"en": "Current level unknown", "es": "Nivel actual desconocido"},
        "chart.person.unknown_short": {"en": "unknown", "es": "desconocido"},
        "chart.person.gap": {"en": "Gap", "es": "Brecha"},
        # -- dashboard
        "chart.top_gaps.title": {"en": "Competencies with the widest gaps",
                                 "es": "Competencias con mayor brecha"},
        "chart.top_gaps.count": {"en": "People below the required level",
                                 "es": "Personas por debajo del nivel requerido"},
        "chart.top_gaps.mean": {"en": "Mean gap (levels)", "es": "Brecha promedio (niveles)"},
        "chart.behind.title": {"en": "Agencies furthest behind", "es": "Instituciones con menor preparación"},
        "chart.behind.axis": {"en": "Average readiness", "es": "Preparación promedio"},
        "chart.behind.overall": {"en": "All agencies: {value}", "es": "Todas las dependencias: {value}"},
        "chart.hist.title": {"en": "Readiness of staff for their role",
                             "es": "Preparación del personal para su puesto"},
        "chart.hist.axis": {"en": "Readiness (share of the role's requirements met)",
                            "es": "Preparación (proporción de los requisitos del puesto que cumple)"},
        "chart.hist.median": {"en": "Median: {value}", "es": "Mediana: {value}"},
        "chart.hist.target": {"en": "Target: {value}", "es": "Meta: {value}"},
        # -- supply and demand
        "chart.supply.title": {"en": "Supply and demand by competency",
                               "es": "Oferta y demanda por competencia"},
        "chart.supply.title_level": {"en": "Supply and demand by competency ({level})",
                                     "es": "Oferta y demanda por competencia ({level})"},
        "chart.supply.supply": {"en": "People holding the required level or above",
                                "es": "Personas con el nivel requerido o superior"},
        "chart.supply.demand": {"en": "Positions requiring it", "es": "Puestos que lo requieren"},
        "chart.supply.count": {"en": "People or positions", "es": "Personas o puestos"},
        "chart.supply.balance": {"en": "People minus positions", "es": "Personas menos puestos"},
        "chart.supply.surplus": {"en": "More people than positions", "es": "Más personas que puestos"},
        "chart.supply.shortfall": {"en": "Fewer people than positions", "es": "Menos personas que puestos"},
        # -- team grid
        "chart.team.title": {"en": "Team gaps by person and competency",
                             "es": "Brechas del equipo por persona y competencia"},
        "chart.team.met": {"en": "Meets the requirement", "es": "Cumple el requisito"},
        "chart.team.gap1": {"en": "1 level below", "es": "1 nivel por debajo"},
        "chart.team.gapn": {"en": "{n} levels below", "es": "{n} niveles por debajo"},
        "chart.team.gapmore": {"en": "{n} or more levels below", "es": "{n} o más niveles por debajo"},
        "chart.team.not_required": {"en": "Not required", "es": "No requerida"},
        "chart.team.unknown": {"en": "Required, level unknown", "es": "Requerida, nivel desconocido"},
        # -- trend and ratings
        "chart.trend.title": {"en": "Mean level over time", "es": "Nivel promedio a lo largo del tiempo"},
        "chart.trend.axis": {"en": "Mean level", "es": "Nivel promedio"},
        "chart.trend.date": {"en": "Date", "es": "Fecha"},
        "chart.rating.title": {"en": "Self-assessment against manager rating",
                               "es": "Autoevaluación frente a la evaluación del jefe inmediato"},
        "chart.rating.axis": {"en": "Self minus manager (levels)",
                              "es": "Autoevaluación menos evaluación del jefe (niveles)"},
        "chart.rating.higher_self": {"en": "Rates self higher than the manager does",
                                     "es": "Se califica más alto que su jefe"},
        "chart.rating.higher_manager": {"en": "Manager rates higher", "es": "El jefe califica más alto"},
        "chart.rating.self": {"en": "Self-assessed level", "es": "Nivel autoevaluado"},
        "chart.rating.manager": {"en": "Level rated by the manager", "es": "Nivel según el jefe inmediato"},
        "chart.rating.agree": {"en": "Same level", "es": "Mismo nivel"},
        "chart.rating.count": {"en": "Circle area: number of ratings",
                               "es": "Área del círculo: número de evaluaciones"},
    }
)
