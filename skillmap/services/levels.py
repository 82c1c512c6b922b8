"""Current levels, by the documented rule.

A person's **current level** in a competency is the level of their most recent *validated* assessment
(latest ``assessed_on``). On the same day the more trusted source wins — certification, then test,
then manager, then course, then self — and after that the later recorded row. Self-assessments are stored
unvalidated and count only once validated. With no validated assessment the level is unknown (not zero).
"""

from __future__ import annotations

from sqlalchemy import Select, case, func, select

from skillmap.db import models as m

SOURCE_RANK_SQL = case(
    *((m.Assessment.source == src, rank) for src, rank in m.SOURCE_RANK.items()), else_=0
)


def current_levels_select(staff_ids: list[int] | None = None) -> Select[tuple[int, int, int, str, object, int]]:
    """``(staff_id, competency_id, level, source, assessed_on, assessment_id)`` — one row per known cell."""
    ranked = select(
        m.Assessment.staff_id,
        m.Assessment.competency_id,
        m.Assessment.level,
        m.Assessment.source,
        m.Assessment.assessed_on,
        m.Assessment.id,
        func.row_number()
        .over(
            partition_by=(m.Assessment.staff_id, m.Assessment.competency_id),
            order_by=(m.Assessment.assessed_on.desc(), SOURCE_RANK_SQL.desc(), m.Assessment.id.desc()),
        )
        .label("rn"),
    ).where(m.Assessment.validated.is_(True))
    if staff_ids is not None:
        ranked = ranked.where(m.Assessment.staff_id.in_(staff_ids))
    sub = ranked.subquery()
    return select(sub.c.staff_id, sub.c.competency_id, sub.c.level, sub.c.source, sub.c.assessed_on,
                  sub.c.id).where(sub.c.rn == 1)
