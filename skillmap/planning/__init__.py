"""Planning on plain data (no database, no Qt): course plans that close skills gaps.

:mod:`skillmap.planning.course_plan` chooses the courses that close a person's gaps for a target with the
fewest hours, respecting prerequisites, in an order they can be taken, with dates (``docs/course-plans.md``).
"""

from skillmap.planning.course_plan import (
    CourseOption,
    CoursePlan,
    PlanError,
    PlanStep,
    describe_method,
    finish_date,
    plan_courses,
    schedule,
)

__all__ = [
    "CourseOption",
    "CoursePlan",
    "PlanError",
    "PlanStep",
    "describe_method",
    "finish_date",
    "plan_courses",
    "schedule",
]
