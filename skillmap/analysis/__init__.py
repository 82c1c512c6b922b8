"""Numeric work on arrays: skills gaps, readiness, aggregates (no ORM objects, no Qt, no services).

:mod:`skillmap.analysis.gaps` is the vectorised gap engine; :mod:`skillmap.analysis.reference` an obviously
correct pure-Python version of the same definitions, used only by the tests; :mod:`skillmap.analysis.definitions`
the written definition of every measure in English and Spanish (also in ``docs/gaps.md``).
"""
