"""Cell-value parsers of HR imports (skillmap.importing.values): dates, numbers, identifiers, names.

The column-wise versions (numpy, one pass per distinct value) are checked against the one-cell versions.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmap.i18n import tr
from skillmap.importing import values as V
from skillmap.importing.values import CellError
from skillmap.sample.generator import bundled_sample, curp_check_digit, make_curp, rfc_check_digit

D = dt.date


def error_key(fn: object, *args: object) -> str:
    with pytest.raises(CellError) as info:
        fn(*args)  # type: ignore[operator]
    return info.value.key


# -- dates -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (D(2012, 3, 15), D(2012, 3, 15)),
        (dt.datetime(2012, 3, 15, 10, 30), D(2012, 3, 15)),
        (40983, D(2012, 3, 15)),  # Excel serial
        (40983.75, D(2012, 3, 15)),  # serial with a time of day
        ("40983", D(2012, 3, 15)),  # serial that went through a CSV
        (20120315, D(2012, 3, 15)),  # yyyymmdd as a number
        ("15/03/2012", D(2012, 3, 15)),
        ("15-03-2012", D(2012, 3, 15)),
        ("15.03.2012", D(2012, 3, 15)),
        (" 5/3/2012 ", D(2012, 3, 5)),
        ("03/04/2012", D(2012, 4, 3)),  # ambiguous: always day first
        ("15/03/2012 10:30", D(2012, 3, 15)),
        ("15/03/2012 10:30:00 p. m.", D(2012, 3, 15)),
        ("2012-03-15", D(2012, 3, 15)),
        ("2012/03/15", D(2012, 3, 15)),
        ("2012-03-15 00:00:00", D(2012, 3, 15)),
        ("2012-03-15T08:00", D(2012, 3, 15)),
        ("15 de marzo de 2012", D(2012, 3, 15)),
        ("15 DE MARZO DEL 2012", D(2012, 3, 15)),
        ("15-mar-2012", D(2012, 3, 15)),
        ("15/Mar/2012", D(2012, 3, 15)),
        ("1 ene. 2020", D(2020, 1, 1)),
        ("15 Sept 2012", D(2012, 9, 15)),
        ("31 dic 1999", D(1999, 12, 31)),
        ("29/02/2024", D(2024, 2, 29)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_date(cell: object, expected: D | None) -> None:
    assert V.parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("03/15/2012", "value.date_month_first"),
        ("12/31/2020", "value.date_month_first"),
        ("31/02/2012", "value.date"),
        ("29/02/2023", "value.date"),
        ("32/01/2012", "value.date"),
        ("15/03/12", "value.date_short_year"),
        ("15-mar-12", "value.date_short_year"),
        ("marzo 2012", "value.date"),
        ("hola", "value.date"),
        ("15/13/2012", "value.date"),
        (True, "value.date"),
        (0, "value.date_serial"),
        (-5.0, "value.date_serial"),
        (10**9, "value.date_serial"),
        (dt.time(10, 0), "value.date"),
    ],
)
def test_parse_date_errors(cell: object, key: str) -> None:
    assert error_key(V.parse_date, cell) == key


def test_month_first_message_names_the_month() -> None:
    with pytest.raises(CellError) as info:
        V.parse_date("03/15/2012")
    assert info.value.params == {"value": "03/15/2012", "month": 15}
    assert "month first" in tr(info.value.key, "en", **info.value.params)
    assert "mes primero" in tr(info.value.key, "es", **info.value.params)


def test_excel_date_matches_excel_epoch() -> None:
    assert V.excel_date(3654) == D(1910, 1, 1)
    assert V.excel_date(45292) == D(2024, 1, 1)
    assert error_key(V.parse_date, 2012) == "value.date_serial"  # a year alone is not a date
    assert error_key(V.parse_date, "2012") == "value.date_serial"


def test_date_column_fast_path_and_errors() -> None:
    cells = [D(2020, 1, 1), "", None, D(2021, 5, 6)]
    assert V.date_column(cells) == ([D(2020, 1, 1), None, None, D(2021, 5, 6)], {})
    values, errors = V.date_column([D(2020, 1, 1), "15/03/2012", "03/15/2012", "03/15/2012"])
    assert values == [D(2020, 1, 1), D(2012, 3, 15), None, None]
    assert sorted(errors) == [2, 3] and errors[2].key == "value.date_month_first"


def test_day_numbers_and_ymd() -> None:
    days = V.day_numbers([D(2012, 3, 15), None, D(1970, 1, 1), D(1969, 12, 31)])
    assert days.dtype == np.dtype("datetime64[D]")
    assert np.isnat(days[1]) and str(days[0]) == "2012-03-15" and days[2].astype(int) == 0
    y, m, d = V.ymd(np.array(["2012-03-15", "1969-12-31"], dtype="datetime64[D]"))
    assert y.tolist() == [2012, 1969] and m.tolist() == [3, 12] and d.tolist() == [15, 31]


# -- numbers and text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [(8, 8.0), (8.5, 8.5), ("8,5", 8.5), ("8.5", 8.5), (" 85 % ", 85.0), ("1,234.5", 1234.5),
     ("1.234,5", 1234.5), ("-3", -3.0), (",5", 0.5), (None, None), ("", None)],
)
def test_parse_number(cell: object, expected: float | None) -> None:
    assert V.parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["ocho", "8,5,1", True, float("nan"), "1e5x"])
def test_parse_number_errors(cell: object) -> None:
    assert error_key(V.parse_number, cell) == "value.number"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(100124.0, "100124"), (8.5, "8.5"), ("  a \n  b ", "a b"), (D(2012, 3, 15), "2012-03-15"),
     (dt.datetime(2012, 3, 15), "2012-03-15"), (None, None), ("  ", None), (True, "TRUE")],
)
def test_cell_text(cell: object, expected: str | None) -> None:
    assert V.cell_text(cell) == expected


# -- employee numbers --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [(100124.0, "100124"), (100124, "100124"), ("000123", "000123"), (" 100124 ", "100124"),
     ("100124.0", "100124"), ("A-12/3", "A-12/3"), ("emp_7", "emp_7"), (None, None), ("", None)],
)
def test_employee_number(cell: object, expected: str | None) -> None:
    assert V.employee_number(cell) == expected


@pytest.mark.parametrize("cell", [100124.5, "12 34", True, -1, "Total: 5", "x" * 41, float("inf")])
def test_employee_number_errors(cell: object) -> None:
    assert error_key(V.employee_number, cell) == "value.employee_number"


# -- CURP ------------------------------------------------------------------------------------------------
GOOD_CURP = "HEGJ760422HVZRRN00"  # first person of the sample organisation


def with_check_digit(first17: str) -> str:
    return first17 + curp_check_digit(first17)


def test_check_curp_accepts_and_normalises() -> None:
    assert V.check_curp(GOOD_CURP) == GOOD_CURP
    assert V.check_curp(" hegj 760422 hvzrrn00 ") == GOOD_CURP
    assert V.check_curp(None) is None and V.check_curp("") is None
    born_2004 = with_check_digit("GOSB040319MCHNLTA")  # a letter in the 17th place: born after 1999
    assert V.check_curp(born_2004) == born_2004
    assert V.curp_birth_date(born_2004) == D(2004, 3, 19)
    assert V.curp_birth_date(GOOD_CURP) == D(1976, 4, 22)


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("HEGJ760422HVZRRN01", "value.curp_check"),
        ("HEGJ760422HVZRRN0", "value.curp_shape"),
        ("HEGJ760422XVZRRN00", "value.curp_shape"),  # sex H or M
        ("H1GJ760422HVZRRN00", "value.curp_shape"),
        ("HEGJ760422HVZRAN00", "value.curp_shape"),  # internal consonants
        (with_check_digit("HEGJ761322HVZRRN0"), "value.curp_date"),  # month 13
        (with_check_digit("HEGJ770229HVZRRN0"), "value.curp_date"),  # 1977 is not a leap year
        (12345, "value.not_text"),
    ],
)
def test_check_curp_errors(cell: object, key: str) -> None:
    assert error_key(V.check_curp, cell) == key


def test_wrong_check_digit_says_the_expected_one() -> None:
    with pytest.raises(CellError) as info:
        V.check_curp("HEGJ760422HVZRRN01")
    assert info.value.params["expected"] == "0"


def test_sample_curps_and_rfcs_are_valid() -> None:
    org = bundled_sample()
    curps, errors, births = V.check_curps([s.curp for s in org.staff])
    assert not errors and curps == [s.curp for s in org.staff]
    assert [str(b) for b in births] == [s.birth_date.isoformat() for s in org.staff]
    rfcs, errors, warnings = V.check_rfcs([s.rfc for s in org.staff])
    assert not errors and not warnings and rfcs == [s.rfc for s in org.staff]


def mutations(code: str, rnd: random.Random, alphabet: str) -> str:
    chars = list(code)
    for _ in range(rnd.randint(1, 2)):
        chars[rnd.randrange(len(chars))] = rnd.choice(alphabet)
    return "".join(chars)


def test_check_curps_agrees_with_check_curp() -> None:
    rnd = random.Random(7)
    org = bundled_sample()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789Ñ -"
    cells: list[object] = [s.curp for s in org.staff[:150]]
    cells += [mutations(s.curp, rnd, alphabet) for s in org.staff[150:]]
    cells += [s.curp.lower() for s in org.staff[:20]]
    cells += ["", None, "  ", 123, "HEGJ760422HVZRRN00X", "ÑEGJ760422HVZRRN00"]
    cells += [make_curp("Ana", "Pérez", None, D(2001, 2, 3), "M", "DF", "A")]
    values, errors, births = V.check_curps(cells)
    assert len(errors) > 100
    for k, cell in enumerate(cells):
        try:
            one = V.check_curp(cell)
        except CellError as e:
            assert errors[k].key == e.key and errors[k].params == e.params
            assert values[k] is None and np.isnat(births[k])
        else:
            assert k not in errors and values[k] == one
            if one is not None:
                assert births[k] == np.datetime64(V.curp_birth_date(one))


# -- RFC -------------------------------------------------------------------------------------------------
def test_check_rfc() -> None:
    assert V.check_rfc("HEGJ760422846") == ("HEGJ760422846", None)
    assert V.check_rfc("hegj-760422-846") == ("HEGJ760422846", None)
    assert V.check_rfc("ABC010203AB9") == ("ABC010203AB9", None)  # a company: 12 characters
    assert V.check_rfc(None) == (None, None)
    value, warning = V.check_rfc("HEGJ760422")
    assert value == "HEGJ760422" and warning is not None and warning.key == "value.rfc_short"
    value, warning = V.check_rfc("HEGJ760422845")
    assert value == "HEGJ760422845" and warning is not None and warning.key == "value.rfc_check"
    assert warning.params["expected"] == rfc_check_digit("HEGJ76042284")


@pytest.mark.parametrize(
    ("cell", "key"),
    [("HEGJ76042284", "value.rfc_shape"), ("HEGJ7604228466", "value.rfc_shape"), ("1EGJ760422846", "value.rfc_shape"),
     ("HEGJ761422846", "value.rfc_date"), ("HEGJ760231846", "value.rfc_date"), (760422, "value.not_text")],
)
def test_check_rfc_errors(cell: object, key: str) -> None:
    assert error_key(V.check_rfc, cell) == key


def test_check_rfcs_agrees_with_check_rfc() -> None:
    rnd = random.Random(11)
    org = bundled_sample()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789Ñ&"
    cells: list[object] = [s.rfc for s in org.staff[:100]]
    cells += [mutations(s.rfc, rnd, alphabet) for s in org.staff[100:]]
    cells += ["ABC010203AB9", "HEGJ760422", "ÑAND760422846", "", None, 7, "HEGJ-760422-846"]
    today = D(2026, 10, 31)
    values, errors, warnings = V.check_rfcs(cells, today)
    for k, cell in enumerate(cells):
        try:
            one, warning = V.check_rfc(cell, today)
        except CellError as e:
            assert errors[k].key == e.key and values[k] is None
        else:
            assert k not in errors and values[k] == one
            assert (warnings[k].key if k in warnings else None) == (warning.key if warning else None)


# -- e-mail ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [("juan.hernandez@hacienda.gob.mx", "juan.hernandez@hacienda.gob.mx"), (" a@b.mx ", "a@b.mx"),
     ("mailto:Ana.Perez@SEP.gob.mx", "Ana.Perez@SEP.gob.mx"), (None, None), ("", None)],
)
def test_check_email(cell: object, expected: str | None) -> None:
    assert V.check_email(cell) == expected


@pytest.mark.parametrize("cell", ["juan", "juan@", "juan@sep", "a..b@sep.gob.mx", "a b@sep.mx", "a@b@c.mx", 5])
def test_check_email_errors(cell: object) -> None:
    assert error_key(V.check_email, cell) == "value.email"


def test_check_emails() -> None:
    values, errors = V.check_emails(["a@b.mx", " c@d.mx", "nope", None, ""])
    assert values == ["a@b.mx", "c@d.mx", None, None, None]
    assert list(errors) == [2]


# -- names -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Juan Hernández García", ("Juan", "Hernández", "García")),
        ("José Luis Estrada Muñoz", ("José Luis", "Estrada", "Muñoz")),
        ("Juan Pérez", ("Juan", "Pérez", None)),
        ("Juan", ("Juan", "", None)),
        ("  Juan   Pérez  García ", ("Juan", "Pérez", "García")),
        ("Adrián de la Cruz Castillo", ("Adrián", "de la Cruz", "Castillo")),
        ("Ana Del Valle Ruiz", ("Ana", "Del Valle", "Ruiz")),
        ("Brenda Pérez del Ángel", ("Brenda", "Pérez", "del Ángel")),
        ("María del Carmen Martínez", ("María del Carmen", "Martínez", None)),
        ("María de los Ángeles García Ponce", ("María de los Ángeles", "García", "Ponce")),
        ("José de Jesús Pérez Rangel", ("José de Jesús", "Pérez", "Rangel")),
        ("HERNÁNDEZ GARCÍA, JUAN", ("JUAN", "HERNÁNDEZ", "GARCÍA")),
        ("De la Cruz López, María Fernanda", ("María Fernanda", "De la Cruz", "López")),
        ("Ponce de León Ruiz, Ana", ("Ana", "Ponce de León", "Ruiz")),
        ("Del Valle, Ana", ("Ana", "Del Valle", None)),
        ("Pérez,", ("Pérez", "", None)),
    ],
)
def test_split_full_name(text: str, expected: tuple[str, str, str | None]) -> None:
    assert V.split_full_name(text) == expected


def test_split_full_name_of_the_sample_staff() -> None:
    staff = bundled_sample().staff
    parts = [(s.given_names, s.first_surname, s.second_surname) for s in staff]
    assert [V.split_full_name(f"{s.first_surname} {s.second_surname or ''}, {s.given_names}") for s in staff] == parts
    split = [V.split_full_name(s.full_name) for s in staff]
    wrong = [s.full_name for s, p, q in zip(staff, split, parts, strict=True) if p != q]
    # only people with a single surname and two given names are read otherwise (“María Fernanda Guerrero”)
    assert len(wrong) <= 3 and all(s.second_surname is None for s in staff if s.full_name in wrong)


WORDS = st.sampled_from(["Juan", "María", "José", "Luis", "Pérez", "García", "de", "del", "la", "los", "Cruz",
                         "Valle", "Ángeles", "y", "DE", "Carmen", "León", "Ñuñez"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(WORDS, min_size=0, max_size=6).map(" ".join),
                          st.tuples(st.lists(WORDS, max_size=3), st.lists(WORDS, max_size=3)).map(
                              lambda t: f"{' '.join(t[0])}, {' '.join(t[1])}")), max_size=12))
def test_split_full_names_agrees_with_split_full_name(texts: list[str | None]) -> None:
    expected = [V.split_full_name(t) if t and t.strip() else None for t in texts]
    assert V.split_full_names(texts) == expected


def test_map_column_calls_once_per_distinct_value() -> None:
    calls: list[object] = []

    def parse(value: object) -> object:
        calls.append(value)
        if value == "bad":
            raise CellError("value.number", value="bad")
        return value

    values, errors = V.map_column(parse, ["a", "b", "a", "bad", "a", "bad"])
    assert values == ["a", "b", "a", None, "a", None]
    assert sorted(errors) == [3, 5] and sorted(calls) == ["a", "b", "bad"]  # type: ignore[type-var]


def test_text_column_limit() -> None:
    values, errors = V.text_column(["ok", "x" * 21, None], 20)
    assert values == ["ok", None, None] and errors[1].key == "value.too_long"


def test_every_value_message_reads_in_both_languages() -> None:
    from skillmap.i18n import _catalogue

    keys = [k for k in _catalogue if k.startswith("value.")]
    assert len(keys) >= 15
    for key in keys:
        for lang in ("en", "es"):
            text = tr(key, lang, value="X", limit=3, digits="761322", expected="0", month=15, field="f")
            assert "{" not in text and text != key


TEXTS = st.one_of(st.none(), st.sampled_from(["", " ", "Ana", "Ana  María", " Ana", "Ana ", "a\nb", "x\xa0y"]),
                  st.text(alphabet="ab ñ\t\n", max_size=6), st.integers(-5, 5), st.floats(allow_nan=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, max_size=10), st.sampled_from([None, 3, 100]))
def test_text_column_agrees_with_cell_text(cells: list[object], limit: int | None) -> None:
    values, errors = V.text_column(cells, limit)
    for k, cell in enumerate(cells):
        text = V.cell_text(cell)
        if limit is not None and text is not None and len(text) > limit:
            assert values[k] is None and errors[k].key == "value.too_long"
        else:
            assert k not in errors and values[k] == text
