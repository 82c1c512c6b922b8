"""Checks on an untrusted spreadsheet before any parser sees it.

HR files arrive from other offices and may be damaged or hostile. :func:`inspect_file` decides what a file
is from its content (never its extension) and refuses, with one located “file rejected: why” problem, what a
parser should not be handed:

* files over a size limit, empty files, PDFs, images, HTML pages saved as ``.xls``, random bytes;
* password-protected workbooks (an OLE2 container holding ``EncryptionInfo`` / ``EncryptedPackage``);
* zip archives with too many members, a total uncompressed size over the limit, a member compressed more
  than ``max_ratio``:1 (zip bombs), encrypted members, unusual compression methods, duplicated names or
  names that climb out of the archive (``../``, absolute paths). Archives up to ``verify_bytes`` are
  inflated whole here from their raw bytes, so a member that holds more than it declares, or whose CRC is
  wrong, is refused too;
* XML parts that declare a DTD (billion-laughs bombs, external entities): OOXML and ODF never use one. The
  few parts parsed here (content types, workbook, relationships) go through :mod:`defusedxml`;
* worksheets whose extent is more than ``max_cells`` cells, from the ``<dimension ref=…>`` tag *and* from a
  bounded scan of the ``r="…"`` references of rows and cells, because the tag may be missing or lie.
  calamine allocates the bounding box of the cells it finds: a 2 KB file with values in ``A1`` and
  ``XFD1048576`` asks for 549 GB and aborts the process.

The extent counted is from ``A1`` to the last row and column used (``rows × cols``), a little stricter than
the bounding box the parser allocates. A sheet of 500,000 rows × 60 columns passes the default limit; the
whole sheet grid of Excel (1,048,576 × 16,384) does not.

:func:`inspect_file` does all of this; ``inspect_file(..., scan=False)`` leaves out the scan of cell
references, which :func:`scan_sheets` runs later (the reader runs it while the parser works).

What the checks cannot bound (cells without ``r`` attributes, legacy ``.xls`` records, ODS repeats, the
contents of large archives) is left to the sandbox of :mod:`skillmap.importing.reader`: a child process
with a memory and time limit.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from skillmap.i18n import register
from skillmap.problems import InputError, Problem, Term

Kind = Literal["xlsx", "xlsm", "xls", "ods", "csv"]

MiB = 2**20
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ODS_MIMETYPES = ("application/vnd.oasis.opendocument.spreadsheet",
                 "application/vnd.oasis.opendocument.spreadsheet-template")
_XLSM_TYPES = ("application/vnd.ms-excel.sheet.macroEnabled.main+xml",
               "application/vnd.ms-excel.template.macroEnabled.main+xml",
               "application/vnd.ms-excel.addin.macroEnabled.main+xml")
_XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
_REL_WORKSHEET = "/worksheet"
_MAX_COL = 16_384  # XFD

register(
    {
        "read.too_big": {"en": "file rejected: it is larger than {limit} MB",
                         "es": "archivo rechazado: pesa más de {limit} MB"},
        "read.empty": {"en": "file rejected: the file is empty", "es": "archivo rechazado: el archivo está vacío"},
        "read.unreadable": {"en": "file rejected: it cannot be opened ({detail})",
                            "es": "archivo rechazado: no se puede abrir ({detail})"},
        "read.not_spreadsheet": {
            "en": "file rejected: it is not a spreadsheet or a CSV file (it looks like {what})",
            "es": "archivo rechazado: no es una hoja de cálculo ni un archivo CSV (parece {what})"},
        "read.what.pdf": {"en": "a PDF document", "es": "un documento PDF"},
        "read.what.image": {"en": "an image", "es": "una imagen"},
        "read.what.html": {"en": "a web page (HTML); open it in Excel and save it as .xlsx",
                           "es": "una página web (HTML); ábrala en Excel y guárdela como .xlsx"},
        "read.what.xml2003": {"en": "an “XML Spreadsheet 2003” file; open it in Excel and save it as .xlsx",
                              "es": "un archivo «Hoja de cálculo XML 2003»; ábralo en Excel y guárdelo como .xlsx"},
        "read.what.archive": {"en": "a compressed archive", "es": "un archivo comprimido"},
        "read.what.office": {"en": "an Office document that is not a workbook",
                             "es": "un documento de Office que no es un libro de cálculo"},
        "read.what.binary": {"en": "binary data", "es": "datos binarios"},
        "read.xlsb": {"en": "file rejected: the binary .xlsb format is not supported; save the workbook as .xlsx",
                      "es": "archivo rechazado: el formato binario .xlsb no es compatible; guarde el libro como .xlsx"},
        "read.password": {
            "en": "file rejected: the workbook is password-protected; open it in Excel, remove the password "
                  "and save it again",
            "es": "archivo rechazado: el libro está protegido con contraseña; ábralo en Excel, quite la "
                  "contraseña y guárdelo de nuevo"},
        "read.damaged": {"en": "file rejected: it is damaged or is not a valid {kind} file ({detail})",
                         "es": "archivo rechazado: está dañado o no es un archivo {kind} válido ({detail})"},
        "read.zip_members": {"en": "file rejected: it has {count} internal parts (the limit is {limit})",
                             "es": "archivo rechazado: tiene {count} partes internas (el límite es {limit})"},
        "read.zip_size": {"en": "file rejected: its contents would expand to more than {limit} MB",
                          "es": "archivo rechazado: su contenido ocuparía más de {limit} MB al descomprimirse"},
        "read.zip_ratio": {
            "en": "file rejected: internal part “{member}” expands {ratio}:1 (the limit is {limit}:1); "
                  "this is how a compression bomb looks",
            "es": "archivo rechazado: la parte interna «{member}» se expande {ratio}:1 (el límite es "
                  "{limit}:1); así se ve una bomba de compresión"},
        "read.zip_lies": {
            "en": "file rejected: internal part “{member}” holds more data than it declares (a compression bomb "
                  "or a damaged file)",
            "es": "archivo rechazado: la parte interna «{member}» contiene más datos de los que declara (una "
                  "bomba de compresión o un archivo dañado)"},
        "read.zip_encrypted": {"en": "file rejected: internal part “{member}” is encrypted",
                               "es": "archivo rechazado: la parte interna «{member}» está cifrada"},
        "read.zip_method": {"en": "file rejected: internal part “{member}” uses an unsupported compression method",
                            "es": "archivo rechazado: la parte interna «{member}» usa un método de compresión "
                                  "no admitido"},
        "read.zip_name": {"en": "file rejected: internal part name “{member}” is unsafe",
                          "es": "archivo rechazado: el nombre de la parte interna «{member}» no es seguro"},
        "read.zip_duplicate": {"en": "file rejected: internal part “{member}” appears more than once",
                               "es": "archivo rechazado: la parte interna «{member}» aparece más de una vez"},
        "read.xml_dtd": {
            "en": "file rejected: internal part “{member}” declares a DTD or entities (an XML bomb or an "
                  "external entity)",
            "es": "archivo rechazado: la parte interna «{member}» declara una DTD o entidades (una bomba XML "
                  "o una entidad externa)"},
        "read.too_many_cells": {
            "en": "file rejected: the sheet reaches row {rows} and column {cols} ({cells} cells; the limit "
                  "is {limit})",
            "es": "archivo rechazado: la hoja llega a la fila {rows} y a la columna {cols} ({cells} celdas; "
                  "el límite es {limit})"},
        "read.no_sheets": {"en": "file rejected: the workbook has no worksheets",
                           "es": "archivo rechazado: el libro no tiene hojas de cálculo"},
    }
)


@dataclass(frozen=True)
class Limits:
    """Bounds applied before parsing. Tests lower them to build small hostile files."""

    max_file_bytes: int = 256 * MiB
    max_members: int = 10_000
    max_uncompressed: int = 2048 * MiB  # total of all zip members
    max_ratio: float = 200.0  # uncompressed / compressed, for members larger than ``ratio_min_size``
    ratio_min_size: int = 1 * MiB
    max_cells: int = 60_000_000  # rows × columns of a sheet, counted from A1
    max_meta_bytes: int = 32 * MiB  # workbook.xml, relationships, content types: parsed whole
    header_bytes: int = 1 * MiB  # of a worksheet part, read to find <dimension> and <cols>
    scan_bytes: int = 512 * MiB  # of a worksheet part, scanned for row and cell references
    verify_bytes: int = 64 * MiB  # archives up to this size uncompressed are read whole (CRC checked)
    max_prolog_bytes: int = 64 * 1024  # XML declaration and comments before the root element


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as the workbook declares it (xlsx/xlsm only; other kinds list sheets when parsed)."""

    name: str
    part: str | None = None  # zip member of the worksheet
    state: str = "visible"  # visible | hidden | veryHidden
    is_worksheet: bool = True  # False for chart sheets and dialog sheets
    dimension: str | None = None  # the <dimension ref> as written
    rows: int = 0  # last row used (from the dimension or the scan), 1-based
    cols: int = 0  # last column used, 1-based
    hidden_columns: frozenset[int] = frozenset()  # 0-based absolute indexes from <cols hidden="1">
    scanned: bool = False  # every explicit row/cell reference was checked (within ``scan_bytes``)


@dataclass(frozen=True)
class FileInfo:
    path: str
    kind: Kind
    size: int
    sheets: tuple[SheetInfo, ...] = ()
    uncompressed: int = 0  # total of zip members
    verified: bool = False  # every zip member was inflated whole, its size and CRC checked

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]


def reject(file: str, key: str, sheet: str | None = None, **params: Any) -> InputError:
    """An :class:`InputError` with one problem ``key`` located at ``file`` (and ``sheet``)."""
    return InputError([Problem(key, params, file=file, sheet=sheet)])


def describe(exc: BaseException) -> str:
    """``TypeName: first line of the message``, short enough for a problem text."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def sheet_key(name: str) -> str:
    """How sheet names are compared when the user's choice is matched: trimmed, case-folded."""
    return name.strip().casefold()


def column_letters(col: int) -> str:
    """1-based column number → letters (``1`` → ``A``)."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_number(letters: str | bytes) -> int:
    """Letters → 1-based column number (``A`` → 1, ``XFD`` → 16384); 0 for no letters."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


# -- what is this file? ------------------------------------------------------------------------------------
_SNIFF_BYTES = 64 * 1024
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "read.what.pdf"),
    (b"\x89PNG\r\n\x1a\n", "read.what.image"),
    (b"\xff\xd8\xff", "read.what.image"),
    (b"GIF87a", "read.what.image"),
    (b"GIF89a", "read.what.image"),
    (b"BM", "read.what.image"),
    (b"II*\x00", "read.what.image"),
    (b"MM\x00*", "read.what.image"),
    (b"\x1f\x8b", "read.what.archive"),
    (b"7z\xbc\xaf\x27\x1c", "read.what.archive"),
    (b"Rar!", "read.what.archive"),
)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 26))  # tab, LF, FF, CR, Ctrl-Z allowed


def _text_kind(head: bytes, file: str, encoding: str | None) -> str | None:
    """``None`` if ``head`` is plausible CSV text, else the reason key (``read.what.*``)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (encoding and encoding.lower().replace("_", "-")
                                                        .startswith(("utf-16", "utf-32"))):
        return None
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<!doctype html", b"<html")) or (sample.startswith(b"<") and b"<table" in sample):
        return "read.what.html"
    if sample.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in sample:
        return "read.what.xml2003"
    if b"\x00" in head:
        return "read.what.binary"
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > max(2, len(head) // 200):
        return "read.what.binary"
    return None


def _ole_streams(path: Path, names: Collection[str], chunk: int = 8 * MiB) -> set[str]:
    """Which of ``names`` are directory entries of the OLE2 compound file at ``path``.

    Directory entries are 128-byte records aligned on 128 bytes: the UTF-16 name, its length in bytes
    (terminator included) at offset 64 and the entry type at 66 (1 storage, 2 stream). Matching all of
    them keeps a cell that happens to contain the word from counting. Read in pieces, never whole."""
    wanted = {name.encode("utf-16-le"): name for name in names}
    found: set[str] = set()
    with path.open("rb") as fh:
        while (block := fh.read(chunk)) and len(found) < len(wanted):  # chunk is a multiple of 128
            for encoded, name in wanted.items():
                start, misses = 0, 0
                while name not in found and misses < 10_000:  # a file stuffed with the word stops here
                    at = block.find(encoded, start)
                    if at < 0 or at + 68 > len(block):
                        break
                    length, kind = struct.unpack_from("<HB", block, at + 64)
                    if at % 128 == 0 and length == len(encoded) + 2 and kind in (1, 2):
                        found.add(name)
                    misses += 1
                    start = at + 2
    return found


def inspect_file(path: str | Path, *, sheets: Collection[str] | None = None, scan: bool = True,
                 encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> FileInfo:
    """What ``path`` is and whether it may be parsed. Raises :class:`InputError` (“file rejected: …”).

    ``scan`` checks the row and cell references of the worksheets named in ``sheets`` (all if None);
    ``scan=False`` reads only each worksheet's declared dimension (enough to list the sheets)."""
    path = Path(path)
    file = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise reject(file, "read.too_big", limit=limits.max_file_bytes // MiB)
        if size == 0:
            raise reject(file, "read.empty")
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        raise reject(file, "read.unreadable", detail=describe(exc)) from exc

    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            return _inspect_zip(path, file, size, sheets, scan, limits)
        except InputError:
            raise
        except Exception as exc:  # zipfile and the XML parser raise many types on damaged input
            raise reject(file, "read.damaged", kind="xlsx/ods", detail=describe(exc)) from exc
    if head.startswith(OLE_MAGIC):
        try:
            streams = _ole_streams(path, ("EncryptedPackage", "EncryptionInfo", "Workbook", "Book"))
        except OSError as exc:
            raise reject(file, "read.unreadable", detail=describe(exc)) from exc
        if {"EncryptedPackage", "EncryptionInfo"} & streams:
            raise reject(file, "read.password")
        if not {"Workbook", "Book"} & streams:  # a Word or Outlook file, or junk after the signature
            raise reject(file, "read.damaged", kind="xls", detail="no Workbook stream")
        return FileInfo(file, "xls", size)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic) and not (magic == b"BM" and _text_kind(head, file, encoding) is None):
            raise reject(file, "read.not_spreadsheet", what=Term(what))
    what = _text_kind(head, file, encoding)
    if what:
        raise reject(file, "read.not_spreadsheet", what=Term(what))
    return FileInfo(file, "csv", size)


# -- zip containers ----------------------------------------------------------------------------------------
def _zip_entry_count(path: Path) -> int | None:
    """Entries announced by the end-of-central-directory record (zip64 aware), read before ``ZipFile``
    walks the directory, so a directory of millions of entries is refused without being parsed."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        tail_len = min(size, 65_557)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return None
        total = struct.unpack_from("<H", tail, at + 10)[0]
        if total != 0xFFFF:
            return int(total)
        loc = at - 20
        if loc < 0 or tail[loc:loc + 4] != b"PK\x06\x07":
            return None
        offset = struct.unpack_from("<Q", tail, loc + 8)[0]
        if offset + 56 > size:
            return None
        fh.seek(offset)
        rec = fh.read(56)
        if rec[:4] != b"PK\x06\x06":
            return None
        return int(struct.unpack_from("<Q", rec, 32)[0])


def _unsafe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    parts = name.split("/")
    return ".." in parts or (len(parts[0]) >= 2 and parts[0][1] == ":")


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, file: str) -> bytes:
    """The first ``limit`` bytes of a member, decompressed by :mod:`zipfile` (which never goes past the
    announced size, so this is bounded whatever the member holds)."""
    try:
        with zf.open(info) as fh:
            return fh.read(limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise reject(file, "read.damaged", kind="xlsx/ods", detail=describe(exc)) from exc


def _read_whole(fh: Any, info: zipfile.ZipInfo, file: str) -> bytes:
    """A member inflated from its raw bytes, checking what :mod:`zipfile` takes on trust: that the
    stream ends at the announced size (a bomb may announce 1 KB and inflate to gigabytes, and another
    parser need not stop where the directory says) and that the CRC matches."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise reject(file, "read.damaged", kind="xlsx/ods", detail=f"{info.filename}: bad local header")
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    fh.seek(name_len + extra_len, 1)
    raw = fh.read(info.compress_size)
    if info.compress_type == zipfile.ZIP_STORED:
        data, more = raw[: info.file_size], len(raw) > info.file_size
    else:
        inflate = zlib.decompressobj(-15)
        try:
            data = inflate.decompress(raw, info.file_size + 1)
        except zlib.error as exc:
            raise reject(file, "read.damaged", kind="xlsx/ods", detail=f"{info.filename}: {exc}") from exc
        more = len(data) > info.file_size
    if more:
        raise reject(file, "read.zip_lies", member=info.filename)
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise reject(file, "read.damaged", kind="xlsx/ods", detail=f"{info.filename}: size or CRC mismatch")
    return data


def _check_prolog(data: bytes, member: str, file: str, limits: Limits) -> None:
    """Refuse an XML part whose prolog declares a DTD (``<!DOCTYPE``, and with it ``<!ENTITY``)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data[: limits.max_prolog_bytes].decode("utf-16", "ignore")
    elif data[:2] in (b"<\x00", b"\x00<"):
        text = data[: limits.max_prolog_bytes].decode("utf-16-le" if data[0] == 60 else "utf-16-be", "ignore")
    else:
        text = data[: limits.max_prolog_bytes].decode("latin-1")
    text = text.removeprefix("\ufeff").removeprefix("ï»¿")
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
        elif text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                break
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                break
            i = end + 3
        elif text.startswith("<!", i):
            raise reject(file, "read.xml_dtd", member=member)
        else:
            return  # the root element, or not XML at all (then the parser will say so)
    if n >= limits.max_prolog_bytes:  # a prolog this long is not what any spreadsheet writes
        raise reject(file, "read.xml_dtd", member=member)


def _parse_xml(data: bytes, member: str, file: str, kind: str) -> Element:
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise reject(file, "read.xml_dtd", member=member) from exc
    except (ParseError, ValueError) as exc:
        raise reject(file, "read.damaged", kind=kind, detail=f"{member}: {describe(exc)}") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inspect_zip(path: Path, file: str, size: int, wanted: Collection[str] | None, scan: bool,
                 limits: Limits) -> FileInfo:
    try:
        announced = _zip_entry_count(path)
    except OSError as exc:
        raise reject(file, "read.unreadable", detail=describe(exc)) from exc
    if announced is not None and announced > limits.max_members:
        raise reject(file, "read.zip_members", count=announced, limit=limits.max_members)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            struct.error, UnicodeDecodeError) as exc:
        raise reject(file, "read.damaged", kind="xlsx/ods", detail=describe(exc)) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise reject(file, "read.zip_members", count=len(infos), limit=limits.max_members)
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if _unsafe_name(name):
                raise reject(file, "read.zip_name", member=name)
            if name.lower() in seen:
                raise reject(file, "read.zip_duplicate", member=name)
            seen.add(name.lower())
            if info.flag_bits & 0x41:  # 0x01 encrypted, 0x40 strong encryption
                raise reject(file, "read.zip_encrypted", member=name)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise reject(file, "read.zip_method", member=name)
            total += info.file_size
            if total > limits.max_uncompressed:
                raise reject(file, "read.zip_size", limit=limits.max_uncompressed // MiB)
            if info.file_size > limits.ratio_min_size:
                ratio = info.file_size / max(1, info.compress_size)
                if ratio > limits.max_ratio:
                    raise reject(file, "read.zip_ratio", member=name, ratio=round(ratio),
                                 limit=round(limits.max_ratio))
        by_name = {i.filename: i for i in infos}
        verify = total <= limits.verify_bytes
        cache: dict[str, bytes] = {}
        with path.open("rb") as raw:
            for info in infos:
                # Small archives are read whole here (sizes and CRCs checked); otherwise each part's start.
                if verify:
                    data = cache[info.filename] = _read_whole(raw, info, file)
                else:
                    data = _read_member(zf, info, limits.max_prolog_bytes, file)
                if data[:64].lstrip()[:1] == b"<" or data[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<") \
                        or data.startswith(b"\xef\xbb\xbf"):
                    _check_prolog(data, info.filename, file, limits)

        def member(name: str, limit: int) -> bytes:
            if name in cache:
                return cache[name][:limit]
            return _read_member(zf, by_name[name], limit, file)

        if "mimetype" in by_name:
            mime = member("mimetype", 200).decode("ascii", "replace").strip()
            if mime in ODS_MIMETYPES:
                if "content.xml" not in by_name:
                    raise reject(file, "read.damaged", kind="ods", detail="content.xml is missing")
                return FileInfo(file, "ods", size, uncompressed=total, verified=verify)
            if mime.startswith("application/vnd.oasis.opendocument."):
                raise reject(file, "read.not_spreadsheet", what=Term("read.what.office"))
        if "[Content_Types].xml" not in by_name:
            raise reject(file, "read.not_spreadsheet", what=Term("read.what.archive"))
        if not any(n.startswith("xl/") for n in by_name):
            raise reject(file, "read.not_spreadsheet", what=Term("read.what.office"))
        kind = _ooxml_kind(member, by_name, file, limits)
        sheets = _xlsx_sheets(member, by_name, file, kind, limits)
        if not any(s.is_worksheet for s in sheets):
            raise reject(file, "read.no_sheets")
        keys = None if wanted is None else {sheet_key(w) for w in wanted}
        checked = []
        for sheet in sheets:
            if sheet.part is None:
                checked.append(sheet)
                continue
            deep = scan and (keys is None or sheet_key(sheet.name) in keys)
            stream = _member_chunks(zf, by_name[sheet.part], cache.get(sheet.part), file)
            checked.append(_check_sheet(stream, sheet, deep, file, limits))
        return FileInfo(file, kind, size, tuple(checked), uncompressed=total, verified=verify)


def _ooxml_kind(member: Any, by_name: dict[str, zipfile.ZipInfo], file: str, limits: Limits) -> Kind:
    types = _parse_xml(member("[Content_Types].xml", limits.max_meta_bytes), "[Content_Types].xml", file, "xlsx")
    main = ""
    for el in types:
        if _local(el.tag) == "Override" and el.get("PartName", "").lower() in ("/xl/workbook.xml",
                                                                               "/xl/workbook.bin"):
            main = el.get("ContentType", "")
    if main == _XLSB_TYPE or "xl/workbook.bin" in by_name:
        raise reject(file, "read.xlsb")
    if "xl/workbook.xml" not in by_name:
        raise reject(file, "read.damaged", kind="xlsx", detail="xl/workbook.xml is missing")
    return "xlsm" if main in _XLSM_TYPES else "xlsx"


def _xlsx_sheets(member: Any, by_name: dict[str, zipfile.ZipInfo], file: str, kind: str,
                 limits: Limits) -> list[SheetInfo]:
    workbook = _parse_xml(member("xl/workbook.xml", limits.max_meta_bytes), "xl/workbook.xml", file, kind)
    rels: dict[str, tuple[str, str]] = {}
    if "xl/_rels/workbook.xml.rels" in by_name:
        root = _parse_xml(member("xl/_rels/workbook.xml.rels", limits.max_meta_bytes),
                          "xl/_rels/workbook.xml.rels", file, kind)
        for el in root:
            rels[el.get("Id", "")] = (el.get("Type", ""), el.get("Target", ""))
    sheets: list[SheetInfo] = []
    for el in workbook.iter():
        if _local(el.tag) != "sheet":
            continue
        name = el.get("name")
        if name is None:
            raise reject(file, "read.damaged", kind=kind, detail="a sheet has no name")
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
        rel_type, target = rels.get(rid, ("", ""))
        part = target.lstrip("/") if target.startswith("/") else _resolve("xl/", target)
        is_ws = rel_type.endswith(_REL_WORKSHEET)
        if is_ws and part not in by_name:
            raise reject(file, "read.damaged", kind=kind, detail=f"the part of sheet “{name}” is missing")
        # Chart, dialog and macro sheets are checked too: the parser may be asked to read any of them.
        sheets.append(SheetInfo(name=name, part=part if part in by_name else None,
                                state=el.get("state", "visible"), is_worksheet=is_ws))
    return sheets


def _resolve(base: str, target: str) -> str:
    parts: list[str] = base.rstrip("/").split("/") if base else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _member_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cached: bytes | None, file: str,
                   chunk: int = 4 * MiB, first: int = 64 * 1024) -> Iterator[bytes]:
    """A member's bytes in pieces: a small first piece (the header of a sheet is all some callers need)."""
    if cached is not None:
        yield cached[:first]
        for i in range(first, len(cached), chunk):
            yield cached[i:i + chunk]
        return
    try:
        with zf.open(info) as fh:
            size = first
            while data := fh.read(size):
                yield data
                size = chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise reject(file, "read.damaged", kind="xlsx/ods", detail=describe(exc)) from exc


# -- worksheet extent --------------------------------------------------------------------------------------
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?$")
_SHEETDATA = re.compile(rb"<(?:[\w.-]+:)?sheetData[\s>/]")
_COLS = re.compile(rb"<(?:[\w.-]+:)?cols[\s>].*?(?:</(?:[\w.-]+:)?cols\s*>|$)", re.S)
_COL = re.compile(rb"<(?:[\w.-]+:)?col\s([^>]*)>")
_ATTR = re.compile(rb"\b(min|max|hidden)\s*=\s*[\"']([^\"']*)[\"']")
# The r attribute of <row> and <c> (no other element of a worksheet has one): column letters, then the row.
# The patterns start with ``r`` rather than a space so the regex engine can skip ahead quickly; what
# precedes the ``r`` is checked on the (rare) matches of ``_beyond``. ``_REF`` may also catch an attribute
# whose name ends in r (``firstPageNumber="2"``): that only makes the extent a little larger.
_REF_ATTR = re.compile(rb"r\s*=\s*[\"']([A-Za-z]*)([0-9]+)[\"']")
_SPACE = b" \t\r\n"
_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _char_class(chars: str) -> str:
    """``"OPQ…Z"`` → ``[O-Zo-z]`` (column letters are read case-insensitively)."""
    first, last = chars[0], chars[-1]
    if first.isalpha():
        return f"[{first}-{last}{first.lower()}-{last.lower()}]"
    return f"[{first}-{last}]"


def _greater_than(value: str, alphabet: str) -> str:
    """A regex for strings over ``alphabet`` (in order) that are longer than ``value``, or as long and
    greater: for digits and for column letters that is numeric order (``AA`` > ``Z``)."""
    any_char = _char_class(alphabet)
    alts = [f"{any_char}{{{len(value) + 1},}}"]
    for i, ch in enumerate(value):
        higher = alphabet[alphabet.index(ch) + 1:]
        if higher:
            prefix = "".join(_char_class(c) for c in value[:i])
            alts.append(f"{prefix}{_char_class(higher)}{any_char}{{{len(value) - i - 1}}}")
    return "(?:" + "|".join(alts) + ")"


def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """Matches an ``r="…"`` reference beyond row ``rows`` or column ``cols``. In a sheet whose
    dimension tells the truth it never matches, so the scan runs at the speed of the regex engine."""
    row_gt = _greater_than(str(max(rows, 1)), _DIGITS)
    col_gt = _greater_than(column_letters(max(cols, 1)), _LETTERS)
    return re.compile(rf"r\s*=\s*[\"'](?:{col_gt}[0-9]|[A-Za-z]*{row_gt}[\"'])".encode())


def _extent(found: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """Last row and last column of ``(letters, digits)`` references."""
    digits = max((d.lstrip(b"0") for _, d in found), key=lambda d: (len(d), d))
    letters = max({c.upper() for c, _ in found}, key=lambda c: (len(c), c))
    row = int(digits or b"0") if len(digits) <= 12 else 10**12
    col = column_number(letters) if len(letters) <= 6 else 26**6
    return row, col


def _parse_header(head: bytes) -> tuple[str | None, int, int, frozenset[int]]:
    dimension, rows, cols = None, 0, 0
    m = _DIMENSION.search(head)
    if m:
        dimension = m.group(1).decode("ascii", "replace")
        ref = _REF.match(dimension.strip())
        if ref:
            last_col, last_row = (ref.group(3), ref.group(4)) if ref.group(3) else (ref.group(1), ref.group(2))
            rows, cols = int(last_row), column_number(last_col)
        else:
            dimension = None
    hidden: set[int] = set()
    block = _COLS.search(head)
    if block:
        for col in _COL.finditer(block.group(0)):
            attrs = dict(_ATTR.findall(col.group(1)))
            if attrs.get(b"hidden", b"").strip().lower() not in (b"1", b"true"):
                continue
            try:
                lo, hi = int(attrs[b"min"]), int(attrs.get(b"max", attrs[b"min"]))
            except (KeyError, ValueError):
                continue
            lo, hi = max(lo, 1), min(hi, _MAX_COL)
            hidden.update(range(lo - 1, hi))
    return dimension, rows, cols, frozenset(hidden)


def _check_extent(sheet: str, rows: int, cols: int, file: str, limits: Limits) -> None:
    if rows * max(cols, 1) > limits.max_cells:
        raise reject(file, "read.too_many_cells", sheet=sheet, rows=f"{rows:,}",
                     cols=column_letters(cols) if cols <= 26**3 else f"#{cols:,}",
                     cells=f"{rows * max(cols, 1):,}", limit=f"{limits.max_cells:,}")


def _check_sheet(chunks: Iterator[bytes], sheet: SheetInfo, deep: bool, file: str, limits: Limits) -> SheetInfo:
    """Check one worksheet part; the chunk generator (an open zip member) is closed also when it is refused."""
    try:
        return _check_sheet_chunks(chunks, sheet, deep, file, limits)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def _check_sheet_chunks(chunks: Iterator[bytes], sheet: SheetInfo, deep: bool, file: str,
                        limits: Limits) -> SheetInfo:
    head = b""
    for data in chunks:
        head += data
        if len(head) >= limits.header_bytes or _SHEETDATA.search(head):
            break
    dimension, rows, cols, hidden = _parse_header(head[: max(limits.header_bytes, 1)])
    _check_extent(sheet.name, rows, cols, file, limits)
    if not deep:
        return SheetInfo(sheet.name, sheet.part, sheet.state, sheet.is_worksheet, dimension, rows, cols, hidden)

    # Scan the part for explicit references. While they stay inside the declared dimension only ``beyond``
    # runs; once one lies outside (or there is no dimension), every reference is read to find the extent.
    beyond = _beyond(rows, cols) if dimension else None
    scanned, carry, complete = 0, b"", True
    pending = [head]
    while True:
        data = pending.pop() if pending else next(chunks, None)
        if data is None:
            break
        if scanned >= limits.scan_bytes:
            complete = False
            break
        scanned += len(data)
        buf = carry + data
        cut = buf.rfind(b"<")  # an element cut in two is scanned again with the next piece
        carry = buf[cut:] if cut >= 0 and b">" not in buf[cut:] and len(buf) - cut < MiB else b""
        if beyond is not None:
            pos = 0
            while (m := beyond.search(buf, pos)) is not None and m.start() and buf[m.start() - 1] not in _SPACE:
                pos = m.start() + 1  # an attribute that merely ends in r (firstPageNumber="…")
            if m is None:
                continue
            beyond = None
            buf = buf[max(m.start() - 1, 0):]
        found = _REF_ATTR.findall(buf)
        if found:
            r, c = _extent(found)
            rows, cols = max(rows, r), max(cols, c)
            _check_extent(sheet.name, rows, cols, file, limits)
    return SheetInfo(sheet.name, sheet.part, sheet.state, sheet.is_worksheet, dimension, rows, cols, hidden,
                     scanned=complete)


def scan_sheets(info: FileInfo, sheets: Collection[str] | None = None, *,
                limits: Limits = DEFAULT_LIMITS) -> FileInfo:
    """Check the row and cell references of the worksheets named in ``sheets`` (all if None) that
    :func:`inspect_file` did not scan. Raises :class:`InputError` for a sheet over ``max_cells``."""
    keys = None if sheets is None else {sheet_key(s) for s in sheets}
    todo = [s for s in info.sheets if s.part and not s.scanned and (keys is None or sheet_key(s.name) in keys)]
    if not todo:
        return info
    done: dict[str, SheetInfo] = {}
    try:
        with zipfile.ZipFile(info.path) as zf:
            for sheet in todo:
                assert sheet.part is not None
                chunks = _member_chunks(zf, zf.getinfo(sheet.part), None, info.path)
                done[sheet.name] = _check_sheet(chunks, sheet, True, info.path, limits)
    except InputError:
        raise
    except Exception as exc:
        raise reject(info.path, "read.damaged", kind="xlsx", detail=describe(exc)) from exc
    return replace(info, sheets=tuple(done.get(s.name, s) for s in info.sheets))
