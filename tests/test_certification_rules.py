"""Certification cycle rules at their edges: the expiry day, 29 February, failures, resets, attempts beyond the
maximum, the due window; and the array version agreeing with the one-person rule on random histories."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmap.planning.certification import (
    STATUSES,
    Attempt,
    CertificationState,
    certification_state,
    certification_states,
    valid_until,
    valid_until_days,
)

D = date


def state(attempts: list[Attempt], as_of: date, **kw: int) -> CertificationState:
    return certification_state(attempts, as_of, **kw)


def status(attempts: list[Attempt], as_of: date, **kw: int) -> str:
    return state(attempts, as_of, **kw).status


# -- validity ---------------------------------------------------------------------------------------------
def test_valid_through_the_anniversary_and_expired_the_day_after() -> None:
    passed = [Attempt(D(2020, 3, 15), True, 1)]
    assert valid_until(D(2020, 3, 15)) == D(2025, 3, 15)
    s = state(passed, D(2025, 3, 15))
    assert (s.status, s.valid_until, s.expires_on) == ("due", D(2025, 3, 15), D(2025, 3, 16))
    assert s.valid_on(D(2025, 3, 15)) and not s.valid_on(D(2025, 3, 16))
    assert status(passed, D(2025, 3, 14)) == "due"
    assert status(passed, D(2025, 3, 16)) == "expired"
    assert status(passed, D(2020, 3, 15)) == "certified"  # certified on the day they pass
    assert status(passed, D(2020, 3, 14)) == "never_attempted"  # the attempt has not happened yet


def test_a_29_february_pass() -> None:
    # 2029 is not a leap year: valid through 28 February, expired on 1 March
    assert valid_until(D(2024, 2, 29)) == D(2029, 2, 28)
    passed = [Attempt(D(2024, 2, 29), True)]
    assert status(passed, D(2029, 2, 28)) == "due"
    assert status(passed, D(2029, 3, 1)) == "expired"
    # four years later is a leap year: the anniversary is 29 February itself
    assert valid_until(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert status(passed, D(2028, 2, 29), validity_years=4) == "due"
    assert status(passed, D(2028, 3, 1), validity_years=4) == "expired"
    # 2100 is not a leap year, 2000 was
    assert valid_until(D(2096, 2, 29), 4) == D(2100, 2, 28)
    assert valid_until(D(1996, 2, 29), 4) == D(2000, 2, 29)
    # 28 February and 1 March passes are plain anniversaries
    assert valid_until(D(2024, 2, 28)) == D(2029, 2, 28)
    assert valid_until(D(2024, 3, 1)) == D(2029, 3, 1)


def test_the_array_anniversaries_equal_the_date_ones() -> None:
    start = np.datetime64("1995-01-01", "D")
    days = start + np.arange(0, 365 * 12, dtype=np.int64).astype("timedelta64[D]")
    for years in (1, 4, 5):
        expected = np.array([np.datetime64(valid_until(D.fromisoformat(str(d)), years), "D") for d in days])
        assert np.array_equal(valid_until_days(days, years), expected)
    with_nat = valid_until_days(np.array(["2024-02-29", "NaT"], dtype="datetime64[D]"))
    assert str(with_nat[0]) == "2029-02-28" and np.isnat(with_nat[1])


# -- due window ----------------------------------------------------------------------------------------------
def test_due_window_edges() -> None:
    passed = [Attempt(D(2020, 6, 30), True)]  # valid through 2025-06-30
    edge = D(2025, 6, 30) - timedelta(days=180)
    assert status(passed, edge) == "due"  # expires exactly 180 days later: within the window
    assert status(passed, edge - timedelta(days=1)) == "certified"
    assert status(passed, edge - timedelta(days=1), window_days=181) == "due"
    assert status(passed, D(2025, 6, 30), window_days=0) == "due"  # the last valid day
    assert status(passed, D(2025, 6, 29), window_days=0) == "certified"


# -- attempts and cycles -------------------------------------------------------------------------------------
def test_never_attempted() -> None:
    s = state([], D(2025, 1, 1))
    assert (s.status, s.failed_in_cycle, s.attempts_left, s.last_passed_on, s.valid_until) == (
        "never_attempted", 0, 2, None, None)


def test_one_failure_is_at_risk_and_the_second_fails_out() -> None:
    first = Attempt(D(2021, 5, 1), False, 1)
    second = Attempt(D(2021, 11, 1), False, 2)
    s = state([first], D(2021, 6, 1))
    assert (s.status, s.failed_in_cycle, s.attempts_left) == ("at_risk", 1, 1)
    s = state([first, second], D(2021, 11, 1))
    assert (s.status, s.failed_in_cycle, s.attempts_left, s.irregular) == ("failed_out", 2, 0, False)
    assert status([first, second], D(2021, 10, 31)) == "at_risk"  # the day before the second attempt


def test_a_pass_after_one_failure_resets_the_cycle() -> None:
    attempts = [Attempt(D(2019, 1, 10), False, 1), Attempt(D(2019, 7, 10), True, 2)]
    s = state(attempts, D(2020, 1, 1))
    assert (s.status, s.failed_in_cycle, s.attempts_left, s.last_passed_on, s.irregular) == (
        "certified", 0, 2, D(2019, 7, 10), False)
    # the next cycle: a failed renewal attempt puts them at risk though still valid
    renewal = [*attempts, Attempt(D(2024, 3, 1), False, 1)]
    s = state(renewal, D(2024, 3, 2))
    assert (s.status, s.failed_in_cycle, s.attempts_left) == ("at_risk", 1, 1)
    assert s.valid_on(D(2024, 3, 2)) and s.valid_until == D(2024, 7, 10)
    # failing once before expiry and once after it is failing out: expiry does not start a cycle
    later = [*renewal, Attempt(D(2024, 9, 1), False, 2)]
    assert status(later, D(2024, 9, 1)) == "failed_out"
    # passing the second attempt certifies again from that day
    passed = [*renewal, Attempt(D(2024, 9, 1), True, 2)]
    s = state(passed, D(2024, 9, 1))
    assert (s.status, s.valid_until, s.attempts_left) == ("certified", D(2029, 9, 1), 2)


def test_an_expired_certification_without_failures_is_expired() -> None:
    attempts = [Attempt(D(2010, 4, 4), True)]
    s = state(attempts, D(2020, 1, 1))
    assert (s.status, s.valid_until, s.attempts_left) == ("expired", D(2015, 4, 4), 2)
    assert not s.valid_on(D(2020, 1, 1))


def test_attempts_beyond_the_maximum_are_flagged() -> None:
    fails = [Attempt(D(2020, 1, 1), False, 1), Attempt(D(2020, 6, 1), False, 2)]
    third_fail = [*fails, Attempt(D(2021, 1, 1), False, 3)]
    s = state(third_fail, D(2021, 2, 1))
    assert (s.status, s.failed_in_cycle, s.attempts_left, s.irregular) == ("failed_out", 3, 0, True)
    third_pass = [*fails, Attempt(D(2021, 1, 1), True, 3)]
    s = state(third_pass, D(2021, 2, 1))
    assert (s.status, s.last_passed_on, s.irregular) == ("certified", D(2021, 1, 1), True)
    # with three attempts allowed nothing is irregular
    s = state(third_pass, D(2021, 2, 1), max_attempts=3)
    assert (s.status, s.irregular) == ("certified", False)
    assert status(fails, D(2021, 2, 1), max_attempts=3) == "at_risk"
    # one attempt allowed: a single failure fails out
    assert status(fails[:1], D(2021, 2, 1), max_attempts=1) == "failed_out"


def test_order_of_attempts_on_one_day_and_input_order() -> None:
    same_day = [Attempt(D(2022, 2, 2), True, 2), Attempt(D(2022, 2, 2), False, 1)]
    assert status(same_day, D(2022, 3, 1)) == "certified"
    mixed = [Attempt(D(2022, 2, 2), True), Attempt(D(2022, 2, 2), False)]  # no numbers: the failure comes first
    assert status(mixed, D(2022, 3, 1)) == "certified"
    assert state(list(reversed(same_day)), D(2022, 3, 1)) == state(same_day, D(2022, 3, 1))


def test_parameters_are_checked() -> None:
    for kw in ({"validity_years": 0}, {"max_attempts": 0}, {"window_days": -1}):
        with pytest.raises(ValueError):
            certification_state([], D(2020, 1, 1), **kw)
    with pytest.raises(ValueError):
        certification_states(np.array([3]), np.array(["2020-01-01"], dtype="datetime64[D]"), np.array([True]), 2,
                             D(2021, 1, 1))


# -- arrays against the one-person rule ------------------------------------------------------------------
def test_array_version_on_a_small_population() -> None:
    person = np.array([0, 0, 2, 2, 2, 3])
    taken = np.array(["2019-01-10", "2019-07-10", "2021-05-01", "2021-11-01", "2030-01-01", "2024-02-29"],
                     dtype="datetime64[D]")
    passed = np.array([False, True, False, False, True, True])
    out = certification_states(person, taken, passed, 5, D(2029, 2, 1), attempt_no=np.array([1, 2, 1, 2, 3, 1]))
    assert [STATUSES[int(s)] for s in out.status] == ["expired", "never_attempted", "failed_out", "due",
                                                      "never_attempted"]
    assert out.counts() == {"certified": 0, "due": 1, "expired": 1, "at_risk": 0, "failed_out": 1,
                            "never_attempted": 2}
    assert out.state(3).valid_until == D(2029, 2, 28) and bool(out.valid[3]) and not bool(out.valid[0])
    assert out.state(2) == certification_state([Attempt(D(2021, 5, 1), False, 1), Attempt(D(2021, 11, 1), False, 2)],
                                               D(2029, 2, 1))


_days = st.integers(min_value=0, max_value=365 * 14)
_attempt = st.tuples(st.integers(min_value=0, max_value=5), _days, st.booleans(), st.integers(min_value=1,
                                                                                              max_value=3))


@settings(max_examples=300, deadline=None)
@given(st.lists(_attempt, max_size=30), _days, st.integers(min_value=1, max_value=3),
       st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=400))
def test_array_version_equals_the_rule(rows: list[tuple[int, int, bool, int]], as_of: int, max_attempts: int,
                                       years: int, window: int) -> None:
    start = D(2012, 1, 1)
    today = start + timedelta(days=as_of)
    person = np.array([r[0] for r in rows], dtype=np.int64)
    taken = np.array([np.datetime64(start + timedelta(days=r[1]), "D") for r in rows], dtype="datetime64[D]")
    out = certification_states(person, taken, np.array([r[2] for r in rows], dtype=bool), 6, today,
                               attempt_no=np.array([r[3] for r in rows], dtype=np.int64),
                               validity_years=years, max_attempts=max_attempts, window_days=window)
    for p in range(6):
        mine = [Attempt(start + timedelta(days=r[1]), r[2], r[3]) for r in rows if r[0] == p]
        expected = certification_state(mine, today, validity_years=years, max_attempts=max_attempts,
                                       window_days=window)
        assert out.state(p) == expected
        assert bool(out.valid[p]) == expected.valid_on(today)
