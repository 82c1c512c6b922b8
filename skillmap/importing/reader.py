"""Read an untrusted workbook or CSV file into :class:`~skillmap.importing.model.WorkbookData`, safely.

:func:`read_workbook` checks the file in this process with :mod:`skillmap.importing.safety` — what it
is by content; zip sizes, ratios, encryption, part names; DTDs; declared sheet dimensions; and the cell
references of the sheets to read — then parses it in a child process started with the ``spawn`` method
(the app has threads, so ``fork`` is unsafe), under an address-space limit (``RLIMIT_AS``), no core dumps,
no file writes (``RLIMIT_FSIZE = 0``) and a wall-clock timeout enforced by a watchdog. A child that dies
(calamine aborts its whole process when an allocation fails) or runs out of time becomes one “file
rejected: the file could not be read safely (…)” problem; this process carries on.

For files under 1 MiB every check runs before the child is started, so most damaged files never cost a
process. Larger files start the child at once (it takes ~0.15 s to start) and, once the structural checks
pass, the scan of cell references runs beside the parsing; a sheet the scan refuses stops the child and is
reported as such. Several worksheets of a large xlsx file are shared between two children, which parse at
once (each under the same limits, each scanning its sheets before calamine parses them), while this
process takes in the rows of both.

Workbooks (xlsx, xlsm, xls, ods) are parsed with python-calamine. Values are what calamine gives (``str``,
``float``, ``bool``, ``date``, ``datetime``, ``time``, ``timedelta``) except that empty cells become
``None`` and whole-number floats (calamine returns ``3.0`` for a cell holding ``3``) become ``int``. Date
cells stay dates; a date typed into a cell without a date format stays its serial number, as Excel stores
it. Each :class:`RawSheet` keeps the spreadsheet's own row numbers (blank rows are left out) and the column
of its first cell, so ``rows[i][j]`` is cell ``column_letter(j)`` + ``row_numbers[i]``; rows are all as
wide as the sheet's used range. Hidden columns come from the ``<cols>`` section of xlsx sheets (xls and
ods sheets report none).

CSV text is decoded (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252, as Excel in Spanish
writes it) and split on the detected delimiter (``, ; tab |``); both can be overridden. Cells are strings
with line breaks as ``\\n``, empty cells ``None``; a quoted cell spanning lines is one cell, and row numbers
count records, as Excel shows them. The single sheet is named after the file.

Calamine parses each sheet once; the child then turns its rows into Python values a chunk at a time and
sends them through a pipe in pickles of about 250,000 cells (protocol 5, no memo), so this process
unpickles one while the child builds the next and no process ever holds a sheet twice as Python objects.
The unpickler accepts nothing callable but the :mod:`datetime` types: even a child subverted by a hostile
file cannot make this process run code.

:func:`parse_workbook` goes one step further for the importer: each child also *parses* the sheets it reads
(:func:`~skillmap.importing.staff.parse_staff`, with the mapping and competencies the caller passes) and
sends only the result, encoded and checked by :mod:`skillmap.importing.wire`; the rows never cross into
this process. Sheets are handed out in the order asked for, each as soon as it is ready, so the caller
stores one while the next is still being parsed; the children of later sheets run at a lower priority, and
so does the scan of cell references, which then runs in a thread here.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import gc
import hashlib
import io
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillmap.frameworks.tabular import _decode, sniff_delimiter
from skillmap.i18n import register
from skillmap.importing.safety import (
    DEFAULT_LIMITS,
    FileInfo,
    Limits,
    describe,
    inspect_file,
    reject,
    scan_sheets,
    sheet_key,
)
from skillmap.problems import InputError, Problem
from skillmap.tasks import Cancelled, Progress

if TYPE_CHECKING:  # the model imports numpy: not worth 90 ms in every sandbox process
    from skillmap.importing.model import ParseRequest, RawSheet, WorkbookData
    from skillmap.importing.staff import ParsedSheet

register(
    {
        "read.unsafe_timeout": {
            "en": "file rejected: the file could not be read safely (reading took longer than {seconds} s)",
            "es": "archivo rechazado: el archivo no se pudo leer de forma segura (la lectura tardó más de "
                  "{seconds} s)"},
        "read.unsafe_memory": {
            "en": "file rejected: the file could not be read safely (it needs more than {limit} MB of memory)",
            "es": "archivo rechazado: el archivo no se pudo leer de forma segura (necesita más de {limit} MB "
                  "de memoria)"},
        "read.unsafe_crash": {
            "en": "file rejected: the file could not be read safely (the reader stopped: {how}; it may have "
                  "needed more than {limit} MB of memory)",
            "es": "archivo rechazado: el archivo no se pudo leer de forma segura (el lector se detuvo: {how}; "
                  "quizá necesitaba más de {limit} MB de memoria)"},
        "read.no_sheet": {"en": "file rejected: there is no sheet named “{name}” (sheets: {sheets})",
                          "es": "archivo rechazado: no hay una hoja llamada «{name}» (hojas: {sheets})"},
        "read.too_many_rows": {"en": "file rejected: the sheet has more than {limit} rows",
                               "es": "archivo rechazado: la hoja tiene más de {limit} filas"},
        "read.encoding_unknown": {"en": "file rejected: “{encoding}” is not a known text encoding",
                                  "es": "archivo rechazado: «{encoding}» no es una codificación de texto conocida"},
        "read.encoding_wrong": {"en": "file rejected: the text cannot be read as {encoding} ({detail})",
                                "es": "archivo rechazado: el texto no se puede leer como {encoding} ({detail})"},
        "read.delimiter": {
            "en": "file rejected: the delimiter must be one character other than quotes and line breaks, "
                  "not {delimiter!r}",
            "es": "archivo rechazado: el delimitador debe ser un carácter distinto de comillas y saltos de "
                  "línea, no {delimiter!r}"},
        "read.csv_nul": {"en": "file rejected: the text contains NUL characters (it is not a CSV file)",
                         "es": "archivo rechazado: el texto contiene caracteres NUL (no es un archivo CSV)"},
        "read.csv_error": {"en": "file rejected: the CSV text is malformed at record {row} ({detail})",
                           "es": "archivo rechazado: el texto CSV está mal formado en el registro {row} ({detail})"},
    }
)

START_METHOD = "spawn"  # the app has threads: a forked child could inherit a lock held by another thread
_LARGE_BYTES = 1 << 20  # from this size the child starts early and the reference scan runs beside it
# Extensions with which calamine picks the reader for ``kind`` itself; any other name → by content.
_CALAMINE_EXT: dict[str, tuple[str, ...]] = {
    "xlsx": (".xlsx", ".xlsm", ".xlam"), "xlsm": (".xlsx", ".xlsm", ".xlam"), "xls": (".xls", ".xla"),
    "ods": (".ods",),
}
_WHOLE = float(2**53)  # floats with integral values below this convert to int exactly
_CHUNK_CELLS = 250_000  # cells per message from the child
_LATER_NICE = 10  # priority of the children parsing sheets handed out after the first (see _launch)


# -- in the sandbox ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Job:
    op: str  # "read" | "names"
    path: str
    kind: str
    sheets: tuple[str, ...] | None
    encoding: str | None
    delimiter: str | None
    max_rows: int
    memory_mb: int
    timeout: float
    scan: FileInfo | None = None  # scan each sheet's cell references before parsing it (large xlsx files)
    limits: Limits = DEFAULT_LIMITS
    # A pickled ParseRequest: parse each sheet in the child and send the result instead of its rows. Pickled
    # apart so that receiving the job does not wait for numpy and the parser to load (see _preload).
    parse: bytes | None = None
    hidden: dict[str, frozenset[int]] | None = None  # hidden columns by sheet, for ``parse``
    nice: int = 0  # run at this lower priority (a child parsing sheets that are handed out later)


def _limit_self(memory_mb: int, timeout: float) -> None:
    """Bound this (child) process: address space, CPU time, no core file, no file writes at all."""
    os.environ["RUST_BACKTRACE"] = "0"  # a panic or failed allocation prints one line, not a backtrace
    try:
        import resource
    except ImportError:  # Windows: the wall-clock timeout still applies
        return

    def cap(which: int, soft: int, hard: int | None = None) -> None:
        cur_hard = resource.getrlimit(which)[1]
        hard = soft if hard is None else hard
        if cur_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, cur_hard), min(hard, cur_hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (soft, hard))

    cap(resource.RLIMIT_AS, memory_mb * 2**20)
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_FSIZE, 0)
    cap(resource.RLIMIT_CPU, int(timeout) + 2, int(timeout) + 5)


def _dumps(message: tuple[Any, ...]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: 3× quicker on sheets of distinct strings; the rows have no cycles
    pickler.dump(message)
    return buffer.getvalue()


def _preload() -> threading.Thread:
    """Load the modules a parsing child needs in a thread: calamine releases the GIL while it reads a
    sheet, so they load meanwhile (about 0.3 s otherwise spent before the first sheet is even opened). What
    fails here fails again, and is reported, where the parser is first used."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's BLAS threads would only reserve memory

    def load() -> None:
        with contextlib.suppress(BaseException):
            import skillmap.importing.staff
            import skillmap.importing.wire  # noqa: F401

    thread = threading.Thread(target=load, name="skillmap-reader-preload", daemon=True)
    thread.start()
    return thread


def _child_main(conn: Connection, preload: bool = False) -> None:
    """Entry point of the sandbox process: read one job, send messages, exit. With ``preload`` (a child
    that will parse what it reads) the parser starts loading before the job arrives."""
    gc.disable()  # millions of new lists and a short life: collection only costs time
    loading = _preload() if preload else None
    try:
        job: _Job = conn.recv()
    except (EOFError, OSError):
        return
    from python_calamine import PasswordError  # loaded before the limits apply

    if job.parse is not None and loading is None:
        loading = _preload()
    if job.nice > 0:
        _lower_process_priority(job.nice)
    _limit_self(job.memory_mb, job.timeout)
    try:
        messages = _parse(job)
        if job.parse is not None:
            messages = _parsed(messages, job)
        for message in messages:
            conn.send_bytes(_dumps(message))
        conn.send_bytes(_dumps(("done",)))
    except InputError as exc:
        _send_error(conn, [(p.key, p.params, p.sheet) for p in exc.problems])
    except MemoryError:
        _send_error(conn, [("read.unsafe_memory", {"limit": job.memory_mb}, None)])
    except PasswordError:  # a legacy .xls with a password, found when a sheet is read
        _send_error(conn, [("read.password", {}, None)])
    except BaseException as exc:  # calamine's errors, and its Rust panics (PanicException is a BaseException)
        _send_error(conn, [("read.damaged", {"kind": job.kind, "detail": describe(exc)}, None)])
    finally:
        conn.close()


def _send_error(conn: Connection, problems: list[tuple[str, dict[str, Any], str | None]]) -> None:
    with contextlib.suppress(OSError, MemoryError, ValueError):
        conn.send_bytes(_dumps(("error", problems)))


def _parse(job: _Job) -> Iterator[tuple[Any, ...]]:
    if job.kind == "csv":
        yield from _parse_csv(job)
    else:
        yield from _parse_book(job)


def _parse_sheet(sheet: RawSheet, request: ParseRequest, file: str,
                 hidden: dict[str, frozenset[int]]) -> ParsedSheet:
    """:func:`~skillmap.importing.staff.parse_staff` of ``sheet`` as ``request`` asks (its mapping copied,
    with this sheet's name), the sheet's hidden columns set first."""
    import copy

    from skillmap.importing.model import StaffMapping
    from skillmap.importing.staff import parse_staff

    width = len(sheet.rows[0]) if sheet.rows else 0
    sheet.hidden_columns = frozenset(c for c in hidden.get(sheet.name, ())
                                     if sheet.col_offset <= c < sheet.col_offset + width)
    mapping = copy.deepcopy(request.mapping) if request.mapping is not None else StaffMapping()
    mapping.sheet = sheet.name
    return parse_staff(sheet, file=file, competencies=list(request.competencies), mapping=mapping,
                       today=request.today)


def _parsed(messages: Iterator[tuple[Any, ...]], job: _Job) -> Iterator[tuple[Any, ...]]:
    """``messages`` with each sheet's rows gathered here and replaced by one ``("parsed", name, …)``
    message: :func:`_parse_sheet` of the sheet, encoded by :func:`~skillmap.importing.wire.encode_parsed`.
    A sheet is whole at the next ``sheet`` message or at the end (its ``shift`` comes after its rows)."""
    # The parser is imported where it is first needed, once calamine has read the first sheet: until
    # then it is loading in a thread (see _preload).
    assert job.parse is not None
    hidden = job.hidden or {}

    def finish(sheet: RawSheet) -> tuple[Any, ...]:
        from skillmap.importing.wire import encode_parsed

        request: ParseRequest = pickle.loads(job.parse)  # from the parent, which the child trusts
        return ("parsed", sheet.name, encode_parsed(_parse_sheet(sheet, request, job.path, hidden)))

    current: RawSheet | None = None
    for message in messages:
        tag = message[0]
        if tag == "rows":
            assert current is not None
            current.rows.extend(message[1])
            current.row_numbers.extend(message[2])
        elif tag == "shift":
            assert current is not None and current.name == message[1]
            current.row_numbers = [n + message[2] for n in current.row_numbers]
        elif tag == "sheet":
            if current is not None:
                done, current = current, None
                yield finish(done)
                del done
            from skillmap.importing.model import RawSheet

            current = RawSheet(name=message[1], rows=[], row_numbers=[], col_offset=message[2])
        else:  # names, csv
            yield message
    if current is not None:
        yield finish(current)


def _pick(requested: Sequence[str] | None, names: list[str], file: str) -> list[str]:
    """The sheets to read, by exact name, else trimmed and case-insensitive (``Plantilla `` → ``plantilla``)."""
    if requested is None:
        return list(names)
    keys = {sheet_key(n): n for n in reversed(names)}
    chosen: list[str] = []
    for want in requested:
        name = want if want in names else keys.get(sheet_key(want))
        if name is None:
            raise reject(file, "read.no_sheet", name=want, sheets=", ".join(names))
        if name not in chosen:
            chosen.append(name)
    return chosen


def _clean(raw: list[list[Any]], first_row: int) -> tuple[list[list[Any]], list[int]]:
    """Drop blank rows, number the others, ``''`` → ``None``, whole floats → ``int``."""
    rows: list[list[Any]] = []
    numbers: list[int] = []
    flt = float
    for i, row in enumerate(raw):
        if row.count("") == len(row):
            continue
        rows.append([(int(v) if v.is_integer() and -_WHOLE < v < _WHOLE else v) if v.__class__ is flt
                     else None if v == "" else v for v in row])
        numbers.append(first_row + i)
    return rows, numbers


def _chunks(rows: list[list[Any]], numbers: list[int]) -> Iterator[tuple[Any, ...]]:
    """``("rows", …)`` messages of about ``_CHUNK_CELLS`` cells: the parent unpickles one while the next
    is pickled here."""
    step = max(256, _CHUNK_CELLS // max(len(rows[0]) if rows else 1, 1))
    for i in range(0, len(rows), step):
        yield ("rows", rows[i:i + step], numbers[i:i + step])


def _parse_book(job: _Job) -> Iterator[tuple[Any, ...]]:
    from python_calamine import CalamineWorkbook

    if Path(job.path).suffix.lower() in _CALAMINE_EXT.get(job.kind, ()):
        book = CalamineWorkbook.from_path(job.path)
    else:  # a renamed file: let calamine recognise the format from the content
        with open(job.path, "rb") as fh:
            book = CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
    names = list(book.sheet_names)
    yield ("names", names)
    if job.op == "names":
        return
    for name in _pick(job.sheets, names, job.path):
        if job.scan is not None:  # before calamine sizes the sheet by its references: see read_workbook
            _scan(job.scan, [name], job.limits)
        sheet = book.get_sheet_by_name(name)
        start = sheet.start
        if start is None:
            yield ("sheet", name, 0)
            continue
        if sheet.height > job.max_rows:
            raise reject(job.path, "read.too_many_rows", sheet=name, limit=f"{job.max_rows:,}")
        yield ("sheet", name, start[1])
        # Row by row from calamine's own (compact) copy of the sheet: Python objects exist for one chunk
        # at a time, which is pickled and sent while the parent unpickles the one before. ``iter_rows``
        # may start at the sheet's first row or at row 1 (python-calamine 0.9 pads the rows above the data
        # with blank ones): rows are numbered from the start, and once the count is known a ``shift``
        # message makes the last row the sheet's last.
        step = max(256, _CHUNK_CELLS // max(sheet.width, 1))
        rows_left = sheet.iter_rows()
        end = sheet.end
        number = start[0] + 1
        while raw := list(islice(rows_left, step)):
            rows, numbers = _clean(raw, number)
            number += len(raw)
            del raw
            if rows:
                yield ("rows", rows, numbers)
        del rows_left, sheet
        last = (end[0] if end is not None else start[0]) + 1
        if number - 1 != last:
            yield ("shift", name, last - (number - 1))


def _scan(info: FileInfo, sheets: Sequence[str] | None, limits: Limits) -> FileInfo:
    """:func:`scan_sheets`, refusing with a fresh error: the scan's own traceback holds the generator that
    reads the zip member, which is then closed at once rather than whenever the collector gets to it."""
    try:
        return scan_sheets(info, sheets, limits=limits)
    except InputError as exc:
        problems = exc.problems
    raise InputError(problems)


def _parse_csv(job: _Job) -> Iterator[tuple[Any, ...]]:
    file = job.path
    data = Path(file).read_bytes()
    if job.encoding:
        try:
            codecs.lookup(job.encoding)
        except LookupError as exc:
            raise reject(file, "read.encoding_unknown", encoding=job.encoding) from exc
        try:
            text = data.decode(job.encoding)
        except UnicodeError as exc:
            raise reject(file, "read.encoding_wrong", encoding=job.encoding, detail=describe(exc)) from exc
        text = text.removeprefix("\ufeff")
        encoding = job.encoding
    else:
        text, encoding = _decode(data, file)
        if encoding == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8"
    del data
    if "\x00" in text:
        raise reject(file, "read.csv_nul")
    if "\r" in text:  # line breaks inside quoted cells become \n here, once, instead of cell by cell
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = job.delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    rows: list[list[Any]] = []
    numbers: list[int] = []
    width = 0
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if number > job.max_rows:
                raise reject(file, "read.too_many_rows", limit=f"{job.max_rows:,}")
            if not any(record):
                continue
            rows.append([c or None for c in record])
            numbers.append(number)
            width = max(width, len(record))
    except csv.Error as exc:
        raise reject(file, "read.csv_error", row=number + 1, detail=describe(exc)) from exc
    for row in rows:
        if len(row) < width:
            row.extend([None] * (width - len(row)))
    name = Path(file).stem
    yield ("names", [name])
    yield ("csv", encoding, delimiter)
    yield ("sheet", name, 0)
    yield from _chunks(rows, numbers)


# -- in this process -----------------------------------------------------------------------------------------
class _Unpickler(pickle.Unpickler):
    """Builds lists, strings and numbers, and the datetime types: nothing callable besides those."""

    _ALLOWED = frozenset({"date", "datetime", "time", "timedelta"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self._ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed from the reader process")


def _loads(payload: bytes) -> tuple[Any, ...]:
    enabled = gc.isenabled()
    gc.disable()  # unpickling a million rows would trigger hundreds of needless collections
    try:
        message = _Unpickler(io.BytesIO(payload)).load()
    finally:
        if enabled:
            gc.enable()
    if not isinstance(message, tuple) or not message:
        raise pickle.UnpicklingError("unexpected message from the reader process")
    return message


class _Sandbox:
    """One child process that parses one file. Use as a context manager: the child never outlives it."""

    def __init__(self, file: str, memory_mb: int, timeout: float, progress: Progress | None = None,
                 preload: bool = False):
        self.file, self.memory_mb, self.timeout, self.progress = file, memory_mb, timeout, progress
        self.preload = preload  # the child loads the parser while it waits for its job
        self.proc: Any = None
        self.conn: Connection | None = None
        self.deadline = 0.0
        self.expired = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        ctx = multiprocessing.get_context(START_METHOD)
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_child_main, args=(child_conn, self.preload), name="skillmap-reader",
                                daemon=True)
        self.proc.start()
        child_conn.close()

    def __enter__(self) -> _Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self.proc is not None:
                if self.proc.is_alive():
                    self.proc.kill()
                self.proc.join()
                self.proc.close()
                self.proc = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def kill(self) -> None:
        """Stop the child now (from any thread): its :meth:`receive` then ends with an error."""
        with self._lock:
            if self.proc is not None and self.proc.is_alive():
                self.proc.kill()

    def _expire(self) -> None:
        """Watchdog: the deadline holds even while this process is busy checking the file."""
        with self._lock:
            if self.proc is not None and self.proc.is_alive():
                self.expired = True
                self.proc.kill()

    def send(self, job: _Job) -> None:
        """Give the child its job (starting it if needed); the timeout runs from now."""
        if self.proc is None:
            self.start()
        assert self.conn is not None
        self.deadline = time.monotonic() + self.timeout
        self._timer = threading.Timer(self.timeout, self._expire)
        self._timer.daemon = True
        self._timer.start()
        try:
            self.conn.send(job)
        except OSError:
            raise self._died() from None

    def receive(self) -> Iterator[tuple[Any, ...]]:
        """The child's messages until it is done. Errors, death and timeout become :class:`InputError`."""
        assert self.conn is not None and self.proc is not None
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.proc.kill()
                raise reject(self.file, "read.unsafe_timeout", seconds=f"{self.timeout:g}")
            # With a progress object, wake up often to honour Cancel (raising Cancelled kills the child).
            ready = wait([self.conn, self.proc.sentinel], min(remaining, 0.1) if self.progress else remaining)
            if self.progress is not None:
                self.progress.check()
            if not ready:
                continue
            if self.conn not in ready and not self.conn.poll():
                raise self._died()
            try:
                payload = self.conn.recv_bytes(maxlength=max(self.memory_mb, 64) * 2**20)
            except (EOFError, OSError):
                raise self._died() from None
            try:
                message = _loads(payload)
            except Exception as exc:
                self.proc.kill()
                raise reject(self.file, "read.unsafe_crash", how=describe(exc), limit=self.memory_mb) from exc
            del payload
            if message[0] == "done":
                return
            if message[0] == "error":
                raise InputError([Problem(key, dict(params), file=self.file, sheet=sheet)
                                  for key, params, sheet in message[1]])
            yield message

    def _died(self) -> InputError:
        assert self.proc is not None
        self.proc.join(5)
        code = self.proc.exitcode
        if self.expired:
            return reject(self.file, "read.unsafe_timeout", seconds=f"{self.timeout:g}")
        if code is None:
            self.proc.kill()
            how = "no answer"
        elif code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
            if -code == getattr(signal, "SIGXCPU", None):
                return reject(self.file, "read.unsafe_timeout", seconds=f"{self.timeout:g}")
        else:
            how = f"exit code {code}"
        return reject(self.file, "read.unsafe_crash", how=how, limit=self.memory_mb)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _check_delimiter(delimiter: str | None, file: str) -> None:
    if delimiter is not None and (len(delimiter) != 1 or delimiter in "\"\r\n"):
        raise reject(file, "read.delimiter", delimiter=delimiter)


class _Collector(threading.Thread):
    """Receives one child's messages into sheets, in a thread: the children's output is taken in while
    this process checks the file. On an error every child of the read is stopped."""

    def __init__(self, box: _Sandbox, everyone: list[_Sandbox], failures: list[BaseException],
                 request: ParseRequest | None = None, arrived: threading.Condition | None = None):
        super().__init__(name="skillmap-reader-receive", daemon=True)
        self.box, self.everyone, self.failures = box, everyone, failures
        self.sheets: dict[str, RawSheet] = {}
        self.names: list[str] = []
        self.csv: tuple[str | None, str | None] = (None, None)
        self.request = request
        self.parsed: dict[str, Any] = {}  # with ``request``: each sheet as the child encoded its parse
        self.arrived = arrived or threading.Condition()  # notified on each parsed sheet, failure and the end

    def run(self) -> None:
        try:
            self._receive()
        finally:
            with self.arrived:
                self.arrived.notify_all()

    def _receive(self) -> None:
        from skillmap.importing.model import RawSheet

        try:
            current: RawSheet | None = None
            for message in self.box.receive():
                tag = message[0]
                if tag == "parsed" and self.request is not None:
                    # kept as received: decoded (and checked) when it is asked for, in the caller's thread,
                    # rather than here while the caller may be storing the sheet before it
                    with self.arrived:
                        self.parsed[str(message[1])] = message[2]
                        self.arrived.notify_all()
                elif tag == "rows":
                    assert current is not None
                    current.rows.extend(message[1])
                    current.row_numbers.extend(message[2])
                elif tag == "sheet":
                    current = RawSheet(name=message[1], rows=[], row_numbers=[], col_offset=message[2])
                    self.sheets[current.name] = current
                elif tag == "shift":
                    shifted = self.sheets[message[1]]
                    shifted.row_numbers = [n + message[2] for n in shifted.row_numbers]
                elif tag == "names":
                    self.names = list(message[1])
                elif tag == "csv":
                    self.csv = (message[1], message[2])
        except (InputError, Cancelled) as exc:  # handed to the caller's thread, which raises the first one
            self.fail(exc)
        except Exception as exc:  # a message that makes no sense: the child is not to be trusted
            self.fail(reject(self.box.file, "read.unsafe_crash", how=describe(exc), limit=self.box.memory_mb))
        except BaseException as exc:
            self.fail(exc)

    def fail(self, exc: BaseException) -> None:
        with self.arrived:
            self.failures.append(exc)
            self.arrived.notify_all()
        for box in self.everyone:
            box.kill()


def _split(info: FileInfo, names: list[str], parts: int) -> list[tuple[str, ...]]:
    """``names`` (worksheets of an xlsx file) in at most ``parts`` groups of about equal declared size,
    each in workbook order: one child process per group."""
    by_name = {s.name: s for s in info.sheets}
    if parts < 2 or len(names) < 2 or not all(n in by_name and by_name[n].part and by_name[n].is_worksheet
                                               for n in names):
        return [tuple(names)]
    groups: list[list[str]] = [[] for _ in range(min(parts, len(names)))]
    load = [0] * len(groups)
    for name in sorted(names, key=lambda n: -max(by_name[n].rows * max(by_name[n].cols, 1), 1)):
        k = load.index(min(load))
        groups[k].append(name)
        load[k] += max(by_name[name].rows * max(by_name[name].cols, 1), 1)
    rank = {n: i for i, n in enumerate(names)}
    return [tuple(sorted(g, key=rank.__getitem__)) for g in groups if g]


@dataclass
class _Launched:
    """The children of one read, started, and the threads taking in their messages."""

    file: str
    info: FileInfo
    chosen: list[str] | None  # the requested sheets as named in the file, in the order requested
    collectors: list[_Collector]
    failures: list[BaseException]
    sha256: str
    scanner: _Scanner | None = None  # the scan of cell references running beside the children, if any

    def join(self) -> None:
        for collector in self.collectors:
            collector.join()
        if self.scanner is not None:
            self.scanner.join()


class _Scanner(threading.Thread):
    """The scan of cell references (:func:`~skillmap.importing.safety.scan_sheets`) of the sheets being read,
    in this process beside the children, sheet by sheet in the order asked for and at a lower priority
    (where the platform has thread priorities): the children, which do the work, keep the cores. A sheet
    it refuses stops every child; a sheet is handed out only once scanned (see :meth:`scanned`)."""

    def __init__(self, info: FileInfo, names: list[str], limits: Limits, boxes: list[_Sandbox],
                 failures: list[BaseException], arrived: threading.Condition) -> None:
        super().__init__(name="skillmap-reader-scan", daemon=True)
        self.info, self.names, self.limits, self.boxes = info, names, limits, boxes
        self.failures, self.arrived = failures, arrived
        self.done: set[str] = set()
        self.stopping = threading.Event()  # the read is over (failed, or left early): scan no further

    def run(self) -> None:
        _lower_thread_priority(_LATER_NICE)
        try:
            for name in self.names:
                if self.failures or self.stopping.is_set():
                    return
                _scan(self.info, [name], self.limits)
                with self.arrived:
                    self.done.add(name)
                    self.arrived.notify_all()
        except BaseException as exc:
            with self.arrived:
                self.failures.insert(0, exc)  # why the children are stopped: reported before what that causes
                self.arrived.notify_all()
            for box in self.boxes:
                box.kill()

    def scanned(self, name: str) -> bool:
        return name in self.done or not self.is_alive()


def _lower_process_priority(step: int) -> None:
    """Lower this process's priority by ``step``, every thread of it: on Linux priorities are per thread,
    and the parser may already be loading in one (see _preload)."""
    tasks = Path("/proc/self/task")
    if sys.platform.startswith("linux") and tasks.is_dir():
        with contextlib.suppress(OSError):
            for tid in (int(t.name) for t in tasks.iterdir()):
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + step)
            return
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(step)


def _lower_thread_priority(step: int) -> None:
    """Lower the calling thread's priority by ``step`` (Linux, where priorities are per thread)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(AttributeError, OSError):
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + step)


def _launch(stack: contextlib.ExitStack, path: Path, sheets: list[str] | None, *, encoding: str | None,
            delimiter: str | None, max_rows: int, timeout: float, memory_mb: int, limits: Limits,
            progress: Progress | None, request: ParseRequest | None = None) -> _Launched:
    """Check ``path``, start the children (entered in ``stack``, which stops them), send their jobs and start
    a collector thread for each; the file's hash is computed meanwhile. On an error every child is stopped
    and the collectors are joined before it propagates."""
    file = str(path)
    _check_delimiter(delimiter, file)
    try:
        large = path.stat().st_size >= _LARGE_BYTES
    except OSError:
        large = False
    failures: list[BaseException] = []
    arrived = threading.Condition()
    preload = request is not None
    first = stack.enter_context(_Sandbox(file, memory_mb, timeout, progress, preload))
    if large:  # start the child (~0.15 s) while this process checks the file
        first.start()
    # Small files are checked whole before the child sees them. Large ones get the structural checks
    # here (sizes, ratios, encryption, part names, DTDs, declared dimensions); the scan of their cell
    # references, which reads each sheet whole, then runs beside the parsing: here while one child
    # parses (a sheet it refuses stops the child), or, when two children share the sheets, in each
    # child just before calamine parses the sheet, so that this process is free to take in the rows
    # of both. (The scan spares calamine a sheet whose extent it could not hold; what it finds only
    # decides whether that child goes on, so running it there loses nothing.)
    info = inspect_file(path, sheets=sheets, scan=not large, encoding=encoding, limits=limits)
    chosen: list[str] | None = None
    if info.sheets and sheets is not None:
        chosen = _pick(sheets, info.sheet_names, file)  # an unknown sheet is refused before the child starts
    groups: list[tuple[str, ...] | None] = [tuple(sheets) if sheets is not None else None]
    if large and info.kind in ("xlsx", "xlsm") and info.sheets:
        split = _split(info, chosen if chosen is not None else info.sheet_names, min(os.cpu_count() or 1, 2))
        if len(split) > 1:
            groups = list(split)
    boxes = [first] + [stack.enter_context(_Sandbox(file, memory_mb, timeout, progress, preload))
                       for _ in groups[1:]]
    # Where the scan of cell references runs (see above): in the children when two of them send rows for
    # this process to take in; here when they parse the sheets themselves (this process is then idle), so
    # that it does not delay the sheets' parsing.
    in_children = large and len(groups) > 1 and request is None
    hidden = {s.name: s.hidden_columns for s in info.sheets} if request is not None else None
    blob = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL) if request is not None else None
    # Parsed sheets are handed out in the order asked for, and the caller stores each before taking the
    # next: the children of later sheets run at a lower priority, so that the first sheet is ready sooner
    # (the two cores are otherwise shared evenly) and is stored while the rest are still being parsed.
    first_sheet = chosen[0] if chosen else None
    later = _LATER_NICE if request is not None and len(groups) > 1 else 0
    collectors: list[_Collector] = []
    scanner: _Scanner | None = None
    try:
        for box, names in zip(boxes, groups, strict=True):
            nice = later if names is not None and first_sheet not in names else 0
            box.send(_Job("read", file, info.kind, names, encoding, delimiter, max_rows, memory_mb, timeout,
                          info if in_children else None, limits, blob, hidden, nice))
            collectors.append(_Collector(box, boxes, failures, request, arrived))
            collectors[-1].start()
        if large and not in_children:
            scan_names = chosen if chosen is not None else [s.name for s in info.sheets if s.part]
            scanner = _Scanner(info, scan_names, limits, boxes, failures, arrived)
            scanner.start()
        sha256 = _sha256(path)
    except BaseException:  # a refused sheet (or a child that could not start) stops them all
        for box in boxes:
            box.kill()
        for collector in collectors:
            collector.join()
        raise
    return _Launched(file, info, chosen, collectors, failures, sha256, scanner)


def read_workbook(path: str | Path, sheets: list[str] | None = None, *, encoding: str | None = None,
                  delimiter: str | None = None, max_rows: int = 1_100_000, timeout: float = 120,
                  memory_mb: int = 2048, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress | None = None) -> WorkbookData:
    """Read ``sheets`` of ``path`` (all if None; ignored for CSV) in a sandboxed child process.

    ``encoding`` and ``delimiter`` override detection for CSV; ``timeout`` (seconds) and ``memory_mb``
    bound the child; ``limits`` the checks made before parsing. With ``progress``, Cancel stops the child
    at once (:class:`~skillmap.tasks.Cancelled` is raised); nothing is reported to it.
    Raises :class:`InputError` with one “file rejected: …” problem when the file is refused, damaged,
    too large, or kills the reader.

    Several worksheets of a large xlsx file are parsed by two children at once (each under the same
    limits), in groups of about equal declared size."""
    from skillmap.importing.model import WorkbookData

    path = Path(path)
    with contextlib.ExitStack() as stack:
        run = _launch(stack, path, sheets, encoding=encoding, delimiter=delimiter, max_rows=max_rows,
                      timeout=timeout, memory_mb=memory_mb, limits=limits, progress=progress)
        collectors, info, chosen = run.collectors, run.info, run.chosen
        run.join()
        if run.failures:
            raise run.failures[0]
    data = WorkbookData(file=run.file, sha256=run.sha256, kind=info.kind, sheet_names=collectors[0].names)
    data.encoding, data.delimiter = collectors[0].csv
    if len(collectors) == 1:
        data.sheets = collectors[0].sheets
    else:
        found = {name: sheet for c in collectors for name, sheet in c.sheets.items()}
        order = {name: i for i, name in enumerate(chosen if chosen is not None else info.sheet_names)}
        data.sheets = {name: found[name] for name in sorted(found, key=lambda n: order.get(n, len(order)))}
    hidden = {s.name: s.hidden_columns for s in info.sheets}
    for sheet in data.sheets.values():
        width = len(sheet.rows[0]) if sheet.rows else 0
        sheet.hidden_columns = frozenset(c for c in hidden.get(sheet.name, ())
                                         if sheet.col_offset <= c < sheet.col_offset + width)
    return data


class ParsedWorkbook:
    """Sheets of one file, each parsed in a reader child: see :func:`parse_workbook`. Iterate for the
    :class:`~skillmap.importing.staff.ParsedSheet` of each sheet in the order asked for, each as soon as it
    is ready; use as a context manager (or call :meth:`close`): leaving stops the children still at work."""

    def __init__(self, stack: contextlib.ExitStack, run: _Launched, names: list[str],
                 progress: Progress | None) -> None:
        self._stack, self._run, self._progress = stack, run, progress
        self.file, self.sha256, self.kind = run.file, run.sha256, run.info.kind
        self.sheets = names  # in the order asked for; xlsx: as the file names them; CSV: named after the file

    def __enter__(self) -> ParsedWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._run.scanner is not None:
            self._run.scanner.stopping.set()
        for collector in self._run.collectors:
            collector.box.kill()
        self._run.join()
        self._stack.close()

    def __iter__(self) -> Iterator[ParsedSheet]:
        for name in self.sheets:
            yield self._wait(name)

    def _decode(self, collector: _Collector, data: Any) -> ParsedSheet:
        """What the child sent, checked (:func:`~skillmap.importing.wire.decode_parsed`): anything the checks
        refuse rejects the file as unreadable, and stops the children."""
        from skillmap.importing.wire import decode_parsed

        assert collector.request is not None
        try:
            return decode_parsed(data, collector.request.competencies, file=self.file)
        except ValueError as exc:  # the child sent something no parser makes: do not trust it
            for other in self._run.collectors:
                other.box.kill()
            raise reject(self.file, "read.unsafe_crash", how=str(exc), limit=collector.box.memory_mb) from None

    def _wait(self, name: str) -> ParsedSheet:
        """Sheet ``name`` once a child has parsed it and it is scanned, decoded and checked."""
        arrived = self._run.collectors[0].arrived
        with arrived:
            while (found := self._ready(name)) is None:
                arrived.wait(0.1)
                if self._progress is not None:
                    self._progress.check()
        return self._decode(*found)

    def _ready(self, name: str) -> tuple[_Collector, Any] | None:
        """(collector, the child's encoded parse of ``name``), taken from it; None while it is not there yet.
        Raises the read's first failure."""
        run = self._run
        if run.failures:
            raise run.failures[0]
        if run.collectors[0].names and name not in run.collectors[0].names:  # xls, ods: named as the file does
            name = _pick([name], run.collectors[0].names, self.file)[0]
        if run.scanner is not None and not run.scanner.scanned(name):
            return None
        for collector in run.collectors:
            if name in collector.parsed:
                return collector, collector.parsed.pop(name)
        if not any(c.is_alive() for c in run.collectors):
            raise reject(self.file, "read.unsafe_crash", how=f"no result for sheet {name!r}",
                         limit=run.collectors[0].box.memory_mb)
        return None


def parse_workbook(path: str | Path, sheets: list[str], request: ParseRequest, *,
                   encoding: str | None = None, delimiter: str | None = None, max_rows: int = 1_100_000,
                   timeout: float = 300, memory_mb: int = 3072, limits: Limits = DEFAULT_LIMITS,
                   progress: Progress | None = None) -> ParsedWorkbook:
    """Read ``sheets`` of ``path`` (by name, in the order given; ignored for CSV, which is one sheet) and
    parse each as staff with :func:`~skillmap.importing.staff.parse_staff`, handing each out as soon as it
    is ready: iterate the result. The caller can store one sheet while the next is still being parsed.

    The sheets are read *and parsed* in the sandboxed reader children (two sheets of a large xlsx file by two
    children at once, the child of later sheets at a lower priority, so that the first is ready sooner), so
    their rows never cross into this process: only the parsed result does, which this process checks
    (:func:`~skillmap.importing.wire.decode_parsed`) before handing it out. Same checks, limits and errors
    as :func:`read_workbook`, except that each child may use more memory and time (``memory_mb``,
    ``timeout``): it holds its sheet's rows and their parse, which :func:`read_workbook` leaves to this
    process (a 500,000-person sheet of 40 competencies needs about 1.7 GB)."""
    if not sheets:
        raise ValueError("parse_workbook needs the names of the sheets to read")
    path = Path(path)
    stack = contextlib.ExitStack()
    try:
        run = _launch(stack, path, sheets, encoding=encoding, delimiter=delimiter, max_rows=max_rows,
                      timeout=timeout, memory_mb=memory_mb, limits=limits, progress=progress, request=request)
    except BaseException:
        stack.close()
        raise
    names = [path.stem] if run.info.kind == "csv" else list(run.chosen or sheets)
    return ParsedWorkbook(stack, run, names, progress)


def list_sheets(path: str | Path, *, timeout: float = 30, memory_mb: int = 1024,
                limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None) -> list[str]:
    """The sheet names of ``path``, in workbook order, after the safety checks (a CSV file is one sheet,
    named after the file). xlsx names come from the workbook part without parsing any sheet; xls and ods
    names from the sandboxed reader."""
    path = Path(path)
    info: FileInfo = inspect_file(path, scan=False, limits=limits)
    if info.kind == "csv":
        return [path.stem]
    if info.kind in ("xlsx", "xlsm"):
        return info.sheet_names
    job = _Job("names", str(path), info.kind, None, None, None, 0, memory_mb, timeout)
    with _Sandbox(str(path), memory_mb, timeout, progress) as sandbox:
        sandbox.send(job)
        for message in sandbox.receive():
            if message[0] == "names":
                return list(message[1])
    return []


def table_rows(sheet: RawSheet) -> int:
    """Rows with at least two non-empty cells: table rows, not titles or notes."""
    return sum(1 for row in sheet.rows if len(row) - row.count(None) >= 2)


def likely_sheet(data: WorkbookData | str | Path, score: Callable[[RawSheet], float] | None = None) -> str | None:
    """The sheet to propose: the one with the highest ``score`` (by default :func:`table_rows`, the rows
    with at least two values), the first in workbook order on a tie; ``None`` if no sheet was read.

    The staff importer passes a scorer that recognises its header. A path is read whole first."""
    from skillmap.importing.model import WorkbookData

    if not isinstance(data, WorkbookData):
        data = read_workbook(data)
    scorer = score or table_rows
    best: str | None = None
    best_score = float("-inf")
    for name in data.sheet_names or list(data.sheets):
        sheet = data.sheets.get(name)
        if sheet is None:
            continue
        value = scorer(sheet)
        if value > best_score:
            best, best_score = name, value
    return best


__all__ = ["START_METHOD", "ParsedWorkbook", "likely_sheet", "list_sheets", "parse_workbook", "read_workbook",
           "table_rows"]
