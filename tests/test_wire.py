"""A parsed sheet sent from the sandboxed reader to the importer (skillmap.importing.wire).

Round trips: sheets parsed by :func:`parse_staff` (made in the tests and read from the committed sample
workbook with :func:`read_workbook`) come back equal, field by field, after :func:`encode_parsed`, pickling
as the reader process does and the reader's restricted unpickler. Rejections: each kind of malformed
input raises ``ValueError``. The fuzz test mutates encoded sheets (random values in place of leaves and
containers, truncated and lengthened tuples, flipped bytes) and checks that decoding either returns a
:class:`ParsedSheet` or raises ``ValueError``, nothing else; ``SKILLMAP_FUZZ_EXAMPLES`` sets the number of
cases (300 by default).

Speed on the full-scale workbook is printed, not asserted:

    python tests/test_wire.py [/tmp/full/full.xlsx]
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_staff_parsing import LONG_ROWS, WIDE_HEADER, competency_refs, raw

from skillmap.i18n import register, tr
from skillmap.importing.model import SOURCES, CompetencyRef, LevelColumns, StaffMapping
from skillmap.importing.reader import _dumps, _loads, read_workbook
from skillmap.importing.staff import ParsedSheet, parse_staff
from skillmap.importing.wire import ARRAY_DTYPES, MAX_STR, TAG, VERSION, decode_parsed, encode_parsed
from skillmap.problems import Problem, Term

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "muestra_rh.xlsx"
FILE = "/home/rh/muestra_rh.xlsx"
D = dt.date
TODAY = D(2026, 10, 31)
FUZZ_EXAMPLES = int(os.environ.get("SKILLMAP_FUZZ_EXAMPLES", "300"))
Rows = list[list[Any]]

# positions in the encoded tuple, in its level columns and in an encoded problem
SHEET, HEADER_ROW, MAPPING, STAFF, LEVELS, PROBLEMS, SKIPPED, IGNORED, HIDDEN, ERROR_NUMBERS = range(2, 12)
EMP, PERSON, COMP, LEVEL, DAY, SOURCE, ROW, ASSESSOR, EVIDENCE = range(9)
P_KEY, P_PARAMS, P_FILE, P_SHEET, P_ROW, P_COLUMN, P_PATH, P_SEVERITY = range(8)


# -- sheets -----------------------------------------------------------------------------------------------
@functools.cache
def refs() -> list[CompetencyRef]:
    return competency_refs()


def parse(rows: Rows, name: str = "Hoja1", mapping: StaffMapping | None = None) -> ParsedSheet:
    return parse_staff(raw(rows, name), file=FILE, competencies=refs(), mapping=mapping, today=TODAY)


def wide_with_problems() -> ParsedSheet:
    """People with dates, levels with a date and a source column, and problems: an error row, warnings,
    a header list (a Term registered on the fly) and a fuzzy competency header."""
    return parse([
        ["Plantilla de personal"],
        [],
        ["Núm. Empleado", "Nombre completo", "Fecha de nacimiento", "Liderazgo", "Negociación",
         "Liderasgo del cambio", "Fecha de evaluación", "Fuente", "Comentario"],
        ["1", "Ana Ruiz Díaz", D(1990, 1, 1), 2, 3, "Nivel 4", "15/03/2024", "Autoevaluación", "x"],
        ["2", "Eva Gil Paz", D(1985, 5, 5), 1, "", 0, "", "", ""],
        ["3", "Leo Paz Sol", None, 9, 1, 1, "", "Examen", ""],  # level outside the scale: an error row
        ["4", "Noé", D(2015, 1, 1), 1, 1, 1, "", "", ""],  # one word; 11 years old: an error row
        ["5", "Luz Mar Sol", "1980-05-05", "", 2, "", "2024-05-02", "Certificación", "ok"],
        ["Total: 5"],
    ], "Competencias")


def long_layout() -> ParsedSheet:
    return parse([
        *LONG_ROWS,
        ["4", "Noé", "MGR-TEAMWORK", "2", "Curso", "05/13/2024", "", ""],
        ["5", "Eli", "MGR-TEAMWORK", "3", "Curso", "2024-01-02", "Dra. Ruiz", "examen escrito"],
        ["5", "Eli", "MGR-TEAMWORK", "1", "Curso", "2024-01-02", "Dra. Ruiz", "examen escrito"],
        ["Total: 12 evaluaciones"],
    ], "Evaluaciones", StaffMapping(assessed_on=D(2024, 6, 30), default_source="manager"))


def level_words() -> ParsedSheet:
    return parse([
        WIDE_HEADER,
        ["1", "Ana Ruiz Díaz", "Básico", "AVANZADO", "practitioner", 3.0, "Nivel 4", "ok"],
        ["2", "Eva Gil Paz", "2", "n/a", "", "Experto (4)", "3 - Avanzado", ""],
        ["2", "Eva Gil Paz", "2", "n/a", "", "Experto (4)", "3 - Avanzado", ""],  # a duplicate: an error
    ], "Competencias", StaffMapping(level_words={"regular": 2}, default_source="test"))


def missing_columns() -> ParsedSheet:
    """Errors about the sheet itself, with field names and header lists as Terms."""
    return parse([["Clave", "Curso", "Área"], ["1", "Excel", "TI"]], mapping=StaffMapping(fields={"rfc": "R.F.C."}))


def lone_full_name() -> ParsedSheet:
    return parse([["Núm. Empleado", "Nombre", "Correo"], ["7", "Ana Ruiz Díaz", "ana@sep.gob.mx"],
                  ["8", "Eva Gil", "no es correo"]])


def empty() -> ParsedSheet:
    return parse([])


SHEETS: dict[str, Callable[[], ParsedSheet]] = {
    "wide_with_problems": wide_with_problems, "long_layout": long_layout, "level_words": level_words,
    "missing_columns": missing_columns, "lone_full_name": lone_full_name, "empty": empty,
}


@pytest.fixture(scope="module")
def sample() -> dict[str, ParsedSheet]:
    book = read_workbook(SAMPLE, ["Plantilla", "Competencias"])
    return {name: parse_staff(book.sheets[name], file=book.file, competencies=refs(), today=TODAY)
            for name in ("Plantilla", "Competencias")}


# -- helpers ----------------------------------------------------------------------------------------------
def over_the_pipe(encoded: tuple[Any, ...]) -> Any:
    """``encoded`` as the parent receives it: pickled like the reader's messages, read back with the
    reader's restricted unpickler."""
    message = _loads(_dumps(("parsed", encoded)))
    assert message[0] == "parsed"
    return message[1]


def assert_same(a: ParsedSheet, b: ParsedSheet) -> None:
    assert type(a) is type(b) is ParsedSheet
    for f in fields(ParsedSheet):
        if f.name != "levels":
            assert getattr(a, f.name) == getattr(b, f.name), f.name
    for s, t in zip(a.staff, b.staff, strict=True):
        assert [type(v) for v in vars(s).values()] == [type(v) for v in vars(t).values()]
    for p, q in zip(a.problems, b.problems, strict=True):
        assert {k: type(v) for k, v in p.params.items()} == {k: type(v) for k, v in q.params.items()}
    for f in fields(LevelColumns):
        x, y = getattr(a.levels, f.name), getattr(b.levels, f.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.dtype.str == ARRAY_DTYPES[f.name], f.name
            assert np.array_equal(x, y), f.name
        else:
            assert x == y, f.name


def builtins_only(value: Any) -> Iterator[type]:
    """The types of everything in ``value``."""
    yield type(value)
    if isinstance(value, (tuple, list, frozenset)):
        for v in value:
            yield from builtins_only(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield type(k)
            yield from builtins_only(v)


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """``value`` with the element at ``path`` (indexes and keys) replaced by ``new``; nothing is modified."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: replaced(value.get(head), rest, new)}
    items = list(value)
    items[head] = replaced(items[head], rest, new)
    return tuple(items) if isinstance(value, tuple) else items


def array(name: str, values: list[Any]) -> tuple[str, bytes]:
    return ARRAY_DTYPES[name], np.array(values, dtype=ARRAY_DTYPES[name]).tobytes()


def codes(values: list[int]) -> bytes:
    """A column's codes as :func:`encode_parsed` sends them."""
    return np.array(values, dtype=np.int32).tobytes()


def decode(data: Any, file: str = FILE) -> ParsedSheet:
    return decode_parsed(data, refs(), file=file)


# -- round trips ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SHEETS))
def test_round_trip_of_parsed_sheets(name: str) -> None:
    parsed = SHEETS[name]()
    encoded = encode_parsed(parsed)
    allowed = {tuple, list, dict, str, int, float, bool, type(None), bytes, dt.date}
    assert set(builtins_only(encoded)) <= allowed
    back = decode(over_the_pipe(encoded))
    assert_same(back, parsed)
    for f in ("person", "competency_id", "level", "assessed_on", "source", "row"):
        a = getattr(back.levels, f)
        assert a.flags.writeable and a.flags.owndata  # as the parser makes them


def test_the_sheets_cover_what_the_wire_carries() -> None:
    wide, long, words = wide_with_problems(), long_layout(), level_words()
    assert len(wide.staff) == 3 and len(wide.levels) > 5 and wide.error_employee_numbers == {"3", "4"}
    assert {type(v) for s in wide.staff for v in (s.birth_date, s.hire_date)} == {D, type(None)}
    assert len(set(wide.levels.source.tolist())) > 1 and len(set(wide.levels.assessed_on.tolist())) > 1
    assert long.levels.assessor is not None and long.levels.evidence is not None and len(long.levels) > 4
    assert long.mapping.assessed_on == D(2024, 6, 30) and words.mapping.level_words == {"regular": 2}
    terms = [v for p in [*wide.problems, *missing_columns().problems] for v in p.params.values()
             if isinstance(v, Term)]
    assert any(t.key.startswith("quoted:") for t in terms) and any(t.key.startswith("field.") for t in terms)
    assert {p.severity for p in wide.problems} == {"error", "warning"}
    assert empty().staff == [] and len(empty().levels) == 0 and empty().problems


@pytest.mark.parametrize("name", ["Plantilla", "Competencias"])
def test_round_trip_of_the_sample_workbook(sample: dict[str, ParsedSheet], name: str) -> None:
    parsed = sample[name]
    assert len(parsed.staff) == 500
    assert (len(parsed.levels) > 5000) == (name == "Competencias")
    assert_same(decode(over_the_pipe(encode_parsed(parsed)), file=parsed.file), parsed)


def test_the_file_is_the_parents() -> None:
    encoded = encode_parsed(wide_with_problems())
    assert FILE not in repr(encoded)  # not sent at all
    problem = encoded[PROBLEMS][0]
    encoded = replaced(encoded, (PROBLEMS,), [*encoded[PROBLEMS], replaced(problem, (P_FILE,), False)])
    back = decode(encoded, file="C:\\RH\\otra.xlsx")
    assert back.file == "C:\\RH\\otra.xlsx"
    assert [p.file for p in back.problems] == ["C:\\RH\\otra.xlsx"] * (len(back.problems) - 1) + [None]


def test_header_lists_read_in_both_languages_after_the_trip() -> None:
    """A header list is a Term the parser registers where it runs: the texts travel with it."""
    header = f"Columna {uuid.uuid4().hex}"
    key = f"quoted:“{header}”, “{{x}}”"
    problem = ("staff.ignored_columns", {"headers": ("term", key, f"“{header}”, “{{x}}”", f"«{header}», «{{x}}»")},
               True, "Hoja1", 1, None, None, "warning")
    encoded = replaced(encode_parsed(empty()), (PROBLEMS,), [problem])
    assert tr(key, "es") == key  # not known in this process
    back = decode(over_the_pipe(encoded))
    assert back.problems[0].params == {"headers": Term(key)}
    assert back.problems[0].message("es").endswith(f": «{header}», «{{x}}»")
    assert back.problems[0].message("en").endswith(f": “{header}”, “{{x}}”")
    # a key already known keeps its texts; texts that are not the ones the key names are refused
    register({"quoted:“A”": {"en": "“A”", "es": "«A»"}})
    decode(replaced(encoded, (PROBLEMS, 0, P_PARAMS, "headers"), ("term", "quoted:“A”", "“A”", "«B»")))
    assert tr("quoted:“A”", "es") == "«A»"
    for term in [("term", key, "“otra”", "«otra»"), ("term", "field.rfc", "RFC", "RFC"), ("term",),
                 ("term", key, "x"), ("text", key), ("term", 5)]:
        with pytest.raises(ValueError):
            decode(replaced(encoded, (PROBLEMS, 0, P_PARAMS, "headers"), term))


# -- rejections -------------------------------------------------------------------------------------------
@functools.cache
def base() -> tuple[Any, ...]:
    """An encoded wide sheet: people, levels with dates and sources, problems."""
    return encode_parsed(wide_with_problems())


@functools.cache
def long_base() -> tuple[Any, ...]:
    return encode_parsed(long_layout())


def levels_n() -> int:
    return len(np.frombuffer(base()[LEVELS][LEVEL][1], ARRAY_DTYPES["level"]))


def scale_max_of_first() -> int:
    comp = np.frombuffer(base()[LEVELS][COMP][1], ARRAY_DTYPES["competency_id"])
    return next(r.scale_max for r in refs() if r.id == comp[0])


REJECTED: dict[str, Callable[[], Any]] = {
    # the top structure
    "not a tuple": lambda: list(base()),
    "short": lambda: base()[:-1],
    "long": lambda: (*base(), None),
    "other tag": lambda: ("other", *base()[1:]),
    "other version": lambda: (TAG, VERSION + 1, *base()[2:]),
    "bool version": lambda: (TAG, bool(VERSION), *base()[2:]),
    "empty": lambda: (),
    "none": lambda: None,
    # scalars of the sheet
    "bool header row": lambda: replaced(base(), (HEADER_ROW,), True),
    "negative header row": lambda: replaced(base(), (HEADER_ROW,), -1),
    "huge skipped rows": lambda: replaced(base(), (SKIPPED,), 2**40),
    "float skipped rows": lambda: replaced(base(), (SKIPPED,), 1.0),
    "bytes sheet name": lambda: replaced(base(), (SHEET,), b"Hoja"),
    "ignored not strings": lambda: replaced(base(), (IGNORED,), ["a", 1]),
    "ignored a tuple": lambda: replaced(base(), (IGNORED,), ("a",)),
    "hidden an empty list inside": lambda: replaced(base(), (HIDDEN,), ["a", []]),
    "error numbers a set": lambda: replaced(base(), (ERROR_NUMBERS,), {"3"}),
    "error numbers with None": lambda: replaced(base(), (ERROR_NUMBERS,), ["3", None]),
    # the mapping
    "mapping not a dict": lambda: replaced(base(), (MAPPING,), [1]),
    "mapping without a key": lambda: replaced(base(), (MAPPING,), {
        k: v for k, v in base()[MAPPING].items() if k != "level_words"}),
    "mapping with an extra key": lambda: replaced(base(), (MAPPING, "extra"), 1),
    "mapping field not a string": lambda: replaced(base(), (MAPPING, "fields", "employee_number"), 5),
    "mapping level word not an int": lambda: replaced(base(), (MAPPING, "level_words"), {"regular": "2"}),
    "mapping level word a bool": lambda: replaced(base(), (MAPPING, "level_words"), {"regular": True}),
    "mapping date not a date": lambda: replaced(base(), (MAPPING, "assessed_on"), "31/02/2024"),
    "mapping date a date object": lambda: replaced(base(), (MAPPING, "assessed_on"), D(2024, 1, 1)),
    "mapping header row a bool": lambda: replaced(base(), (MAPPING, "header_row"), False),
    # people
    "staff a list": lambda: replaced(base(), (STAFF,), list(base()[STAFF])),
    "staff count off by one": lambda: replaced(base(), (STAFF, 0), base()[STAFF][0] + 1),
    "staff count a bool": lambda: replaced(base(), (STAFF, 0), True),
    "staff columns a tuple": lambda: replaced(base(), (STAFF, 1), tuple(base()[STAFF][1])),
    "staff column missing": lambda: replaced(base(), (STAFF, 1), base()[STAFF][1][:-1]),
    "staff column a list": lambda: replaced(base(), (STAFF, 1, 2), list(base()[STAFF][1][2])),
    "staff values a tuple": lambda: replaced(base(), (STAFF, 1, 2, 0), tuple(base()[STAFF][1][2][0])),
    "staff values empty": lambda: replaced(base(), (STAFF, 1, 2, 0), []),
    "staff codes short": lambda: replaced(base(), (STAFF, 1, 2, 1), base()[STAFF][1][2][1][:-4]),
    "staff codes a bytearray": lambda: replaced(base(), (STAFF, 1, 2, 1), bytearray(base()[STAFF][1][2][1])),
    "staff code out of range": lambda: replaced(base(), (STAFF, 1, 2, 1), codes(
        [len(base()[STAFF][1][2][0])] * base()[STAFF][0])),
    "staff code negative": lambda: replaced(base(), (STAFF, 1, 2, 1), codes([-1] * base()[STAFF][0])),
    "non-str name": lambda: replaced(base(), (STAFF, 1, 2, 0, 0), 42),
    "none employee number": lambda: replaced(base(), (STAFF, 1, 1, 0, 0), None),
    "falsy non-str surname": lambda: replaced(base(), (STAFF, 1, 4, 0, 0), 0),
    "bool row": lambda: replaced(base(), (STAFF, 1, 0, 0, 0), True),
    "none row": lambda: replaced(base(), (STAFF, 1, 0, 0, 0), None),
    "negative row": lambda: replaced(base(), (STAFF, 1, 0, 0, 0), -4),
    "datetime birth date": lambda: replaced(base(), (STAFF, 1, 11, 0, 0), dt.datetime(1990, 1, 1)),
    "text birth date": lambda: replaced(base(), (STAFF, 1, 11, 0, 0), "1990-01-01"),
    "oversize string": lambda: replaced(base(), (STAFF, 1, 2, 0, 0), "x" * (MAX_STR + 1)),
    "lone surrogate": lambda: replaced(base(), (STAFF, 1, 2, 0, 0), "Ana \ud800"),
    # levels
    "levels a list": lambda: replaced(base(), (LEVELS,), list(base()[LEVELS])),
    "levels short": lambda: replaced(base(), (LEVELS,), base()[LEVELS][:-1]),
    "wrong dtype": lambda: replaced(base(), (LEVELS, PERSON), array("competency_id", [0] * levels_n())),
    "dtype of another byte order": lambda: replaced(base(), (LEVELS, LEVEL), (">i2", base()[LEVELS][LEVEL][1])),
    "array not bytes": lambda: replaced(base(), (LEVELS, LEVEL), (ARRAY_DTYPES["level"], [1, 2])),
    "array bytearray": lambda: replaced(base(), (LEVELS, LEVEL),
                                        (ARRAY_DTYPES["level"], bytearray(base()[LEVELS][LEVEL][1]))),
    "array a triple": lambda: replaced(base(), (LEVELS, LEVEL), (*base()[LEVELS][LEVEL], 0)),
    "bytes not whole items": lambda: replaced(base(), (LEVELS, LEVEL, 1), base()[LEVELS][LEVEL][1] + b"\x00"),
    "mismatched lengths": lambda: replaced(base(), (LEVELS, LEVEL, 1), base()[LEVELS][LEVEL][1][:-2]),
    "person index out of range": lambda: replaced(base(), (LEVELS, PERSON), array(
        "person", [len(base()[LEVELS][EMP])] * levels_n())),
    "negative person": lambda: replaced(base(), (LEVELS, PERSON), array("person", [-1] * levels_n())),
    "unknown competency id": lambda: replaced(base(), (LEVELS, COMP), array(
        "competency_id", [max(r.id for r in refs()) + 1] * levels_n())),
    "level above scale": lambda: replaced(base(), (LEVELS, LEVEL), array(
        "level", [scale_max_of_first() + 1] + [1] * (levels_n() - 1))),
    "negative level": lambda: replaced(base(), (LEVELS, LEVEL), array("level", [-1] * levels_n())),
    "bad source": lambda: replaced(base(), (LEVELS, SOURCE), array("source", [len(SOURCES)] * levels_n())),
    "negative source": lambda: replaced(base(), (LEVELS, SOURCE), array("source", [-1] * levels_n())),
    "NaT date": lambda: replaced(base(), (LEVELS, DAY), array("assessed_on", ["NaT"] * levels_n())),
    "date past year 9999": lambda: replaced(base(), (LEVELS, DAY), array(
        "assessed_on", [np.datetime64("10000-01-01")] * levels_n())),
    "negative level row": lambda: replaced(base(), (LEVELS, ROW), array("row", [-1] * levels_n())),
    "employee numbers not strings": lambda: replaced(base(), (LEVELS, EMP), [1] * len(base()[LEVELS][EMP])),
    "assessor too short": lambda: replaced(long_base(), (LEVELS, ASSESSOR), long_base()[LEVELS][ASSESSOR][:-1]),
    "assessor not strings": lambda: replaced(long_base(), (LEVELS, ASSESSOR, 0), 7),
    "evidence a tuple": lambda: replaced(long_base(), (LEVELS, EVIDENCE), tuple(long_base()[LEVELS][EVIDENCE])),
    # problems
    "problems a tuple": lambda: replaced(base(), (PROBLEMS,), tuple(base()[PROBLEMS])),
    "problem short": lambda: replaced(base(), (PROBLEMS, 0), base()[PROBLEMS][0][:-1]),
    "problem with a non-str key": lambda: replaced(base(), (PROBLEMS, 0, P_KEY), 3),
    "problem with an oversize key": lambda: replaced(base(), (PROBLEMS, 0, P_KEY), "k" * (MAX_STR + 1)),
    "problem params a list": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), [("a", 1)]),
    "params with a non-str name": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {1: "a"}),
    "params with a list": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"rows": [1, 2]}),
    "params with bytes": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"value": b"x"}),
    "params with a datetime": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"value": dt.datetime(2024, 1, 1)}),
    "params with a set": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"value": frozenset()}),
    "params with a huge int": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"value": 2**64}),
    "params with a plain tuple": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS), {"value": (1, 2)}),
    "header list term without its texts": lambda: replaced(base(), (PROBLEMS, 0, P_PARAMS),
                                                           {"headers": ("term", "quoted:")}),
    "problem file flag not a bool": lambda: replaced(base(), (PROBLEMS, 0, P_FILE), 1),
    "problem row a bool": lambda: replaced(base(), (PROBLEMS, 0, P_ROW), True),
    "problem row negative": lambda: replaced(base(), (PROBLEMS, 0, P_ROW), -2),
    "problem column not a string": lambda: replaced(base(), (PROBLEMS, 0, P_COLUMN), 3.5),
    "problem severity unknown": lambda: replaced(base(), (PROBLEMS, 0, P_SEVERITY), "fatal"),
    "problem severity not a string": lambda: replaced(base(), (PROBLEMS, 0, P_SEVERITY), None),
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_malformed_input_is_rejected(case: str) -> None:
    data = REJECTED[case]()
    with pytest.raises(ValueError) as info:
        decode(data)
    assert type(info.value) is ValueError


def test_the_cases_change_one_thing_each() -> None:
    """The rejected inputs are built from encodings that decode."""
    decode(base())
    decode(long_base())
    assert levels_n() > 5 and long_base()[LEVELS][ASSESSOR] is not None
    # what is allowed: params of every kind, a problem without a file, levels at both ends of the scale
    ok = replaced(base(), (PROBLEMS, 0, P_PARAMS), {"a": None, "b": True, "c": 1.5, "d": float("nan"),
                                                     "e": D(2024, 1, 1), "f": -(2**63), "g": ""})
    ok = replaced(ok, (PROBLEMS, 0, P_FILE), False)
    comp = np.frombuffer(base()[LEVELS][COMP][1], ARRAY_DTYPES["competency_id"])
    scale = {r.id: (r.scale_min, r.scale_max) for r in refs()}
    ends = [scale[int(c)][k % 2] for k, c in enumerate(comp)]
    ok = replaced(ok, (LEVELS, LEVEL), array("level", ends))
    back = decode(ok)
    assert back.problems[0].file is None and back.problems[0].params["e"] == D(2024, 1, 1)
    assert back.levels.level.tolist() == ends
    assert decode(replaced(base(), (STAFF, 1, 2, 0, 0), "x" * MAX_STR)).staff[0].given_names == "x" * MAX_STR


def test_levels_must_name_the_parents_competencies() -> None:
    """The same levels, checked against other competencies: unknown ids and narrower scales are refused."""
    data = base()
    with pytest.raises(ValueError, match="competency"):
        decode_parsed(data, [], file=FILE)
    narrow = [CompetencyRef(r.id, r.framework_code, r.code, r.name_en, r.name_es, 1, 1) for r in refs()]
    with pytest.raises(ValueError, match="scale"):
        decode_parsed(data, narrow, file=FILE)


# -- fuzz -------------------------------------------------------------------------------------------------
_LEAVES = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.integers(-3, 600) | st.floats()
           | st.text(max_size=12) | st.binary(max_size=24) | st.dates() | st.datetimes() | st.times()
           | st.timedeltas()
           | st.sampled_from(["", "error", "warning", "term", "quoted:x", TAG, *ARRAY_DTYPES.values(), "<i8"]))
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.tuples(inner)
                   | st.dictionaries(st.text(max_size=6), inner, max_size=3)
                   | st.frozensets(st.integers() | st.text(max_size=4), max_size=3)),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, (tuple, list)):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _like(node: Any) -> st.SearchStrategy[Any]:
    """Values of the type of ``node``: mutations that the type checks alone do not catch."""
    if isinstance(node, bool):
        return st.booleans()
    if isinstance(node, int):
        return st.integers(-3, 60) | st.sampled_from([node - 1, node + 1, 2**31, -(2**31), 2**63, -(2**63) - 1])
    if isinstance(node, str):
        return st.text(max_size=20) | st.sampled_from(["", "\ud800", "x" * (MAX_STR + 1), "error", "quoted:x"])
    if isinstance(node, bytes):
        return st.binary(max_size=40)
    if isinstance(node, dt.date):
        return st.dates() | st.datetimes()
    if isinstance(node, (tuple, list)) and node:
        return st.permutations(list(node)).map(lambda p: tuple(p) if isinstance(node, tuple) else p)
    if isinstance(node, dict) and node:
        return st.sampled_from(list(node)).map(lambda k: {key: v for key, v in node.items() if key != k})
    return st.none() | st.text(max_size=5)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    data: Any = draw(st.sampled_from([base, long_base, lambda: encode_parsed(missing_columns())]))()
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        if draw(st.integers(0, 9)):  # mostly inside the sheet: a broken tag or top tuple is soon refused
            paths = [p for p in paths if p not in {(), (0,), (1,)}] or paths
        path = paths[draw(st.integers(0, len(paths) - 1))]
        node = _at(data, path)
        how = draw(st.sampled_from(["replace", "same type", "same type", "truncate", "extend", "flip"]))
        if how == "truncate" and isinstance(node, (tuple, list)) and node:
            data = replaced(data, path, node[: draw(st.integers(0, len(node) - 1))])
        elif how == "extend" and isinstance(node, (tuple, list)):
            more = draw(st.lists(_VALUES, min_size=1, max_size=2))
            data = replaced(data, path, (*node, *more) if isinstance(node, tuple) else [*node, *more])
        elif how == "flip" and isinstance(node, bytes) and node:
            at = draw(st.integers(0, len(node) - 1))
            flipped = bytes([node[at] ^ draw(st.integers(1, 255))])
            data = replaced(data, path, node[:at] + flipped + node[at + 1:])
        elif how == "same type":
            data = replaced(data, path, draw(_like(node)))
        else:
            how = "replace"
            data = replaced(data, path, draw(_VALUES))
        event(f"{how} {type(node).__name__}")
    return data


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated())
def test_fuzz_mutated_encodings_decode_or_raise_value_error(data: Any) -> None:
    received = over_the_pipe(data)  # every mutation is made of what the restricted unpickler builds
    try:
        out = decode(received, file="/srv/import/libro.xlsx")
    except ValueError as exc:
        assert type(exc) is ValueError
        event("rejected")
        return
    event("accepted")
    assert isinstance(out, ParsedSheet) and out.file == "/srv/import/libro.xlsx"
    assert {p.file for p in out.problems} <= {None, "/srv/import/libro.xlsx"}
    lv = out.levels
    for name, dtype in ARRAY_DTYPES.items():
        assert getattr(lv, name).dtype.str == dtype and len(getattr(lv, name)) == len(lv)
    assert all(0 <= p < len(lv.employee_number) for p in lv.person.tolist())
    assert all(isinstance(d, dt.date) for d in lv.assessed_on.tolist())
    assert_same(decode(over_the_pipe(encode_parsed(out)), file=out.file), out)  # what is accepted goes again


def test_a_problem_param_that_cannot_travel_is_refused_by_the_child() -> None:
    sheet = empty()
    sheet.problems.append(Problem("x", {"value": [1, 2]}))
    with pytest.raises(TypeError):
        encode_parsed(sheet)
    sheet.problems[-1] = Problem("x", {"n": np.int64(3), "b": np.bool_(True)})
    back = decode(encode_parsed(sheet))
    assert back.problems[-1].params == {"n": 3, "b": True} and type(back.problems[-1].params["n"]) is int


# -- speed (printed, not asserted): python tests/test_wire.py [/tmp/full/full.xlsx] ------------------------
def _speed(path: str) -> None:  # pragma: no cover - a manual benchmark
    import time

    book = read_workbook(path, ["Plantilla", "Competencias"])
    for name in ("Plantilla", "Competencias"):
        parsed = parse_staff(book.sheets[name], file=book.file, competencies=refs())
        best: dict[str, float] = {}
        for _ in range(3):
            t0 = time.perf_counter()
            encoded = encode_parsed(parsed)
            t1 = time.perf_counter()
            payload = _dumps(("parsed", encoded))
            t2 = time.perf_counter()
            received = _loads(payload)[1]
            t3 = time.perf_counter()
            decode_parsed(received, refs(), file=book.file)
            t4 = time.perf_counter()
            for step, s in (("encode", t1 - t0), ("pickle", t2 - t1), ("unpickle", t3 - t2), ("decode", t4 - t3)):
                best[step] = min(best.get(step, s), s)
        print(f"{name:13s} {len(parsed.staff):,} people, {len(parsed.levels):,} levels, "
              f"{len(parsed.problems)} problems; pickle {len(payload) / 2**20:.1f} MiB; "
              + ", ".join(f"{k} {v:.3f} s" for k, v in best.items()) + " (best of 3)")


if __name__ == "__main__":  # pragma: no cover
    import sys

    _speed(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full/full.xlsx")
