"""Certification cycles: validity, attempts and the status of a person in a certification program.

Pure rules, no database: the service (:mod:`skillmap.services.certification`) reads the attempts and calls
:func:`certification_states` (arrays, for thousands of people at once); :func:`certification_state` is the same
rule for one person, written plainly (the tests check that both agree). ``docs/training.md`` says the same for
users.

Rules
-----
* **Validity.** A passed attempt certifies the person from the day they pass through its anniversary
  ``validity_years`` later, **inclusive** (:func:`valid_until`): passed on 15 March 2020 with five years of
  validity, the person is certified through 15 March 2025 and expired from 16 March 2025. A pass on 29 February
  has its anniversary on 28 February when that year is not a leap year (valid through 28 February, expired from
  1 March); on 29 February when it is. This is the date the sample data stores as ``valid_until``.
* **Attempts.** Only attempts taken on or before the as-of date count. They are ordered by the day taken, then
  the attempt number, then a failure before a pass (two results on one day are read in the person's favour).
* **Cycle.** A cycle is the run of attempts that leads to one certification: it starts with the person's first
  attempt, or the attempt after their latest pass, and ends with a pass. A pass ends the cycle whatever came
  before (so a pass after one failure resets the count: the next cycle starts with every attempt available).
  The **current cycle** is the attempts after the latest pass (all of them if the person never passed).
  Failures in the current cycle count against ``max_attempts``; an earlier certification's expiry does not start
  a new cycle (failing a renewal attempt before expiry and another one after it is failing out).
* **Status** (exactly one per person, first rule that applies):

  ========================  =============================================================================
  ``failed_out``             failures in the current cycle ≥ ``max_attempts``: no attempt left
  ``at_risk``                at least one failure in the current cycle, attempts left (with the usual two:
                             failed once, one attempt left)
  ``expired``                passed before, and the as-of date is after the last valid day (overdue)
  ``due``                    certified, and the last valid day is within ``window_days`` of the as-of date
                             (``valid_until ≤ as_of + window_days``; default 180)
  ``certified``              certified, and the last valid day is later than that
  ``never_attempted``        no attempt on or before the as-of date
  ========================  =============================================================================

  Failing out and being at risk come first because they limit what the person can still do; whether the
  previous certification is still valid stays visible (``valid``/``valid_until``).
* **Irregular.** Attempts beyond ``max_attempts`` should not happen. When the data holds them — a third attempt
  in a cycle, passed or failed — the pass still counts (the record says the person is certified) and the state is
  flagged ``irregular`` for someone to review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

STATUSES: tuple[str, ...] = ("certified", "due", "expired", "at_risk", "failed_out", "never_attempted")
CERTIFIED, DUE, EXPIRED, AT_RISK, FAILED_OUT, NEVER_ATTEMPTED = range(len(STATUSES))
DEFAULT_VALIDITY_YEARS = 5
DEFAULT_MAX_ATTEMPTS = 2
DEFAULT_WINDOW_DAYS = 180

IntArray = npt.NDArray[np.integer[Any]]
BoolArray = npt.NDArray[np.bool_]
DayArray = npt.NDArray[np.datetime64]
NAT = np.datetime64("NaT", "D")


def _check(validity_years: int, max_attempts: int, window_days: int) -> None:
    if validity_years < 1:
        raise ValueError("validity_years must be at least 1")
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    if window_days < 0:
        raise ValueError("window_days must be 0 or more")


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def valid_until(passed_on: date, validity_years: int = DEFAULT_VALIDITY_YEARS) -> date:
    """The last day a pass on ``passed_on`` certifies: its anniversary ``validity_years`` later (28 February for
    a 29 February pass when that year is not a leap year)."""
    year = passed_on.year + validity_years
    if passed_on.month == 2 and passed_on.day == 29 and not _is_leap(year):
        return date(year, 2, 28)
    return passed_on.replace(year=year)


def valid_until_days(passed_on: DayArray, validity_years: int = DEFAULT_VALIDITY_YEARS) -> DayArray:
    """:func:`valid_until` of every day of a ``datetime64[D]`` array (``NaT`` stays ``NaT``)."""
    days = np.asarray(passed_on, dtype="datetime64[D]")
    missing = np.isnat(days)
    safe = np.where(missing, np.datetime64("2000-01-01", "D"), days)
    months = safe.astype("datetime64[M]")
    day_of_month = (safe - months.astype("datetime64[D]")).astype(np.int64) + 1
    years = safe.astype("datetime64[Y]")
    month_of_year = (months - years.astype("datetime64[M]")).astype(np.int64)  # 0 = January
    new_year = years.astype(np.int64) + 1970 + validity_years
    leap = (new_year % 4 == 0) & ((new_year % 100 != 0) | (new_year % 400 == 0))
    day_of_month = np.where((month_of_year == 1) & (day_of_month == 29) & ~leap, 28, day_of_month)
    start = ((new_year - 1970) * 12 + month_of_year).astype("datetime64[M]").astype("datetime64[D]")
    out = start + (day_of_month - 1).astype("timedelta64[D]")
    return np.where(missing, NAT, out)


@dataclass(frozen=True)
class Attempt:
    """One attempt at a certification program."""

    taken_on: date
    passed: bool
    attempt_no: int = 0  # as recorded; orders attempts taken on the same day


@dataclass(frozen=True)
class CertificationState:
    """A person's standing in one program as of a date (see the module docstring for the rules)."""

    status: str  # one of STATUSES
    last_passed_on: date | None  # latest pass on or before the as-of date
    valid_until: date | None  # last valid day of that pass
    failed_in_cycle: int  # failures after the latest pass (all failures if never passed)
    attempts_left: int  # max_attempts − failed_in_cycle, never below 0
    irregular: bool  # the latest pass or the current cycle rests on attempts beyond max_attempts

    @property
    def expires_on(self) -> date | None:
        """The first day the person is no longer certified (the day after ``valid_until``)."""
        return self.valid_until + timedelta(days=1) if self.valid_until else None

    def valid_on(self, day: date) -> bool:
        return self.last_passed_on is not None and self.valid_until is not None and \
            self.last_passed_on <= day <= self.valid_until


def _order_key(a: Attempt) -> tuple[date, int, bool]:
    return (a.taken_on, a.attempt_no, a.passed)


def certification_state(attempts: Iterable[Attempt], as_of: date, *,
                        validity_years: int = DEFAULT_VALIDITY_YEARS, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                        window_days: int = DEFAULT_WINDOW_DAYS) -> CertificationState:
    """One person's state in a program as of ``as_of`` from their attempts (any order)."""
    _check(validity_years, max_attempts, window_days)
    seen = sorted((a for a in attempts if a.taken_on <= as_of), key=_order_key)
    if not seen:
        return CertificationState(STATUSES[NEVER_ATTEMPTED], None, None, 0, max_attempts, False)
    passes = [i for i, a in enumerate(seen) if a.passed]
    last = passes[-1] if passes else -1
    failed = len(seen) - 1 - last  # every attempt after the latest pass is a failure
    irregular = failed > max_attempts
    last_passed = until = None
    if last >= 0:
        previous = passes[-2] if len(passes) > 1 else -1
        irregular = irregular or last - previous > max_attempts  # attempts in the cycle that led to the pass
        last_passed = seen[last].taken_on
        until = valid_until(last_passed, validity_years)
    if failed >= max_attempts:
        status = FAILED_OUT
    elif failed > 0:
        status = AT_RISK
    else:
        assert until is not None  # attempts and no failure after the latest pass: there is a pass
        if as_of > until:
            status = EXPIRED
        elif until <= as_of + timedelta(days=window_days):
            status = DUE
        else:
            status = CERTIFIED
    return CertificationState(STATUSES[status], last_passed, until, failed, max(0, max_attempts - failed),
                              irregular)


@dataclass(eq=False)
class CertificationStates:
    """:func:`certification_states` for ``n`` people: one entry per person position."""

    status: npt.NDArray[np.int8]  # index into STATUSES
    last_passed_on: DayArray  # NaT when never passed
    valid_until: DayArray  # NaT when never passed
    failed_in_cycle: IntArray
    attempts_left: IntArray
    irregular: BoolArray
    valid: BoolArray  # certified on the as-of date (whatever the status)

    def __len__(self) -> int:
        return len(self.status)

    def state(self, i: int) -> CertificationState:
        """Person ``i`` as a :class:`CertificationState`."""
        def day(v: np.datetime64) -> date | None:
            return None if np.isnat(v) else date.fromisoformat(str(v))

        return CertificationState(STATUSES[int(self.status[i])], day(self.last_passed_on[i]),
                                  day(self.valid_until[i]), int(self.failed_in_cycle[i]),
                                  int(self.attempts_left[i]), bool(self.irregular[i]))

    def counts(self) -> dict[str, int]:
        n = np.bincount(self.status.astype(np.int64), minlength=len(STATUSES))
        return {name: int(n[k]) for k, name in enumerate(STATUSES)}


def certification_states(person: IntArray, taken_on: DayArray, passed: BoolArray, n_people: int, as_of: date, *,
                         attempt_no: IntArray | None = None, validity_years: int = DEFAULT_VALIDITY_YEARS,
                         max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                         window_days: int = DEFAULT_WINDOW_DAYS) -> CertificationStates:
    """The rule of :func:`certification_state` for many people at once.

    ``person[k]`` (0 ≤ position < ``n_people``), ``taken_on[k]``, ``passed[k]`` and ``attempt_no[k]`` describe
    attempt *k* (any order). People without attempts are ``never_attempted``. A sort and a few bincounts:
    linear in the attempts after the sort."""
    _check(validity_years, max_attempts, window_days)
    person = np.asarray(person, dtype=np.int64)
    day = np.asarray(taken_on, dtype="datetime64[D]")
    ok = np.asarray(passed, dtype=bool)
    number = np.zeros(len(person), np.int64) if attempt_no is None else np.asarray(attempt_no, dtype=np.int64)
    if len(person) and (person.min() < 0 or person.max() >= n_people):
        raise ValueError("person positions must be in range(n_people)")
    keep = day <= np.datetime64(as_of, "D")
    person, day, ok, number = person[keep], day[keep], ok[keep], number[keep]
    order = np.lexsort((ok, number, day, person))
    person, day, ok = person[order], day[order], ok[order]
    n = len(person)
    pos = np.arange(n, dtype=np.int64)
    count = np.bincount(person, minlength=n_people)
    first = np.cumsum(count) - count  # position of each person's first attempt

    pass_pos = pos[ok]
    pass_person = person[ok]
    is_last = np.ones(len(pass_pos), dtype=bool)  # the latest pass of each person (sorted by person, then time)
    is_last[:-1] = pass_person[1:] != pass_person[:-1]
    last_pass = np.full(n_people, -1, dtype=np.int64)  # position of the latest pass
    last_pass[pass_person[is_last]] = pass_pos[is_last]
    after_last = pos > last_pass[person]
    failed = np.bincount(person[after_last], minlength=n_people).astype(np.int64)

    # attempts in the cycle that ended with the latest pass: since the previous pass (or the first attempt)
    prev_pass = np.full(len(pass_pos), -1, dtype=np.int64)
    if len(pass_pos) > 1:
        same = pass_person[1:] == pass_person[:-1]
        prev_pass[1:] = np.where(same, pass_pos[:-1], -1)
    prev_of_last = np.full(n_people, -1, dtype=np.int64)
    prev_of_last[pass_person[is_last]] = prev_pass[is_last]
    has_pass = last_pass >= 0
    cycle_len = np.where(has_pass, last_pass - np.maximum(prev_of_last, first - 1), 0)
    irregular = (failed > max_attempts) | (cycle_len > max_attempts)

    last_day = np.full(n_people, NAT)
    last_day[has_pass] = day[last_pass[has_pass]]
    until = valid_until_days(last_day, validity_years)
    today = np.datetime64(as_of, "D")
    status = np.full(n_people, NEVER_ATTEMPTED, dtype=np.int8)
    status[has_pass] = CERTIFIED
    soon = has_pass & (until <= today + np.timedelta64(window_days, "D"))
    status[soon] = DUE
    status[has_pass & (until < today)] = EXPIRED
    status[failed > 0] = AT_RISK
    status[failed >= max_attempts] = FAILED_OUT
    valid = has_pass & (until >= today)
    return CertificationStates(status, last_day, until, failed, np.maximum(0, max_attempts - failed), irregular,
                               valid)


__all__ = [
    "AT_RISK", "CERTIFIED", "DEFAULT_MAX_ATTEMPTS", "DEFAULT_VALIDITY_YEARS", "DEFAULT_WINDOW_DAYS", "DUE",
    "EXPIRED", "FAILED_OUT", "NEVER_ATTEMPTED", "STATUSES", "Attempt", "CertificationState", "CertificationStates",
    "certification_state", "certification_states", "valid_until", "valid_until_days",
]
