"""Role transitions on arrays: viable moves between role profiles, cheapest routes, rankings, core competencies.

No database and no Qt: inputs are the matrices of :mod:`skillmap.analysis.gaps` (a
:class:`~skillmap.analysis.gaps.LevelMatrix` of current levels, a
:class:`~skillmap.analysis.gaps.RequirementMatrix` of role profiles) and the course catalogue as a list of
:class:`CourseEffort` (competency *columns*, not ids; :func:`course_efforts` converts database rows).

Typical use, from a ``GapData`` ``d`` and the catalogue rows ``(course_id, hours, competency_id, level)``::

    model = EffortModel.from_courses(course_efforts(rows, d.requirements.competency_ids),
                                     d.requirements.shape[1], hard_to_transfer=d.hard_to_transfer)
    tg = build_graph(d.requirements, model, threshold=0.6, in_post_share=0.5)
    route = cheapest_route(tg, d.levels.levels[p], target)          # one person
    ranking = rank_for_target(tg, d.levels, target)                  # everyone, in under a second
    core = core_competencies(tg)                                     # what opens the most moves

Modules: :mod:`.effort` (hours to raise competencies, the people × roles move product), :mod:`.graph` (the
graph, routes, rankings, core competencies), :mod:`.definitions` (the bilingual help texts; also
``docs/pathways.md``). Every measure is defined in the module docstrings.
"""

from skillmap.pathways.definitions import definitions
from skillmap.pathways.effort import (
    HARD_FACTOR,
    LEVEL_HOURS,
    Build,
    CourseEffort,
    EffortModel,
    MoveKernel,
    MoveMeasures,
    course_efforts,
    known_levels,
    move_measures,
    profile_levels,
)
from skillmap.pathways.graph import (
    IN_POST_SHARE,
    THRESHOLD,
    CoreCompetencies,
    PathsToTarget,
    Route,
    RouteStep,
    TargetRanking,
    TransitionGraph,
    build_graph,
    cheapest_route,
    check_in_post_share,
    check_threshold,
    core_competencies,
    rank_for_target,
)

__all__ = [
    "HARD_FACTOR",
    "IN_POST_SHARE",
    "LEVEL_HOURS",
    "THRESHOLD",
    "Build",
    "CoreCompetencies",
    "CourseEffort",
    "EffortModel",
    "MoveKernel",
    "MoveMeasures",
    "PathsToTarget",
    "Route",
    "RouteStep",
    "TargetRanking",
    "TransitionGraph",
    "build_graph",
    "cheapest_route",
    "check_in_post_share",
    "check_threshold",
    "core_competencies",
    "course_efforts",
    "definitions",
    "known_levels",
    "move_measures",
    "profile_levels",
    "rank_for_target",
]
