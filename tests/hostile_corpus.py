"""Build spreadsheet files by hand, valid and hostile, for the reader tests. Nothing is committed: every
file is made in memory from these functions and written under the test's ``tmp_path``.

The minimal workbooks here are what Excel needs and no more: ``[Content_Types].xml``, the package and
workbook relationships, ``xl/workbook.xml`` and one XML part per sheet (plus ``xl/sharedStrings.xml`` when
given). :func:`cfb` writes a small OLE2 compound file (the container of legacy ``.xls`` workbooks and of
password-protected OOXML files) with named streams, so detection can be tested on real directory entries.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XLSX_MAIN_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"

Cell = tuple[str, object]  # ("B3", value): str → inline string, bool, int/float → number


def column_letters(index: int) -> str:
    """``0`` → ``A``, ``16383`` → ``XFD``."""
    n, out = index + 1, ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_xml(ref: str, value: object) -> str:
    if value is None:
        return f'<c r="{ref}"/>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, tuple) and value[0] == "s":  # ("s", index): shared string
        return f'<c r="{ref}" t="s"><v>{value[1]}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(cells: Iterable[Cell], *, dimension: str | None = None, cols: str = "",
              prolog: str = "") -> str:
    """A worksheet part. Cells are grouped into ``<row>`` elements by their row number, in the given order."""
    rows: dict[int, list[str]] = {}
    for ref, value in cells:
        digits = ref.upper().lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        rows.setdefault(int(digits), []).append(_cell_xml(ref, value))
    body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in rows.items())
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{dim}{cols}<sheetData>{body}</sheetData></worksheet>')


def xlsx_parts(sheets: Sequence[tuple[str, str]], *, shared_strings: str | None = None,
               macro: bool = False, hidden_sheets: Sequence[str] = ()) -> dict[str, bytes]:
    """The parts of a minimal workbook: ``sheets`` is ``[(name, worksheet xml), ...]``."""
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{XLSM_MAIN_CT if macro else XLSX_MAIN_CT}"/>']
    wb_sheets, wb_rels = [], []
    parts: dict[str, bytes] = {}
    for i, (name, xml) in enumerate(sheets, start=1):
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        state = ' state="hidden"' if name in hidden_sheets else ""
        wb_sheets.append(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}"{state} r:id="rId{i}"/>')
        wb_rels.append(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = xml.encode("utf-8")
    if shared_strings is not None:
        n = len(sheets) + 1
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        wb_rels.append(f'<Relationship Id="rId{n}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = shared_strings.encode("utf-8")
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return {
        "[Content_Types].xml": (
            f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'{"".join(overrides)}</Types>').encode(),
        "_rels/.rels": (
            f'{head}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (
            f'{head}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{"".join(wb_sheets)}</sheets>'
            '</workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            f'{head}<Relationships xmlns="{PKG_REL_NS}">{"".join(wb_rels)}</Relationships>').encode(),
        **parts,
    }


def zip_bytes(parts: dict[str, bytes] | Iterable[tuple[str, bytes]], *,
              compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in items:
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buffer.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, str]], **kwargs: object) -> bytes:
    return zip_bytes(xlsx_parts(sheets, **kwargs))  # type: ignore[arg-type]


def small_xlsx() -> bytes:
    """A small valid workbook with two sheets, shared and inline strings, numbers and a boolean."""
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="3" uniqueCount="3">'
              "<si><t>Núm. Empleado</t></si><si><t>Nombre</t></si><si><t>Nivel</t></si></sst>")
    personal = sheet_xml(
        [("A1", ("s", 0)), ("B1", ("s", 1)), ("C1", ("s", 2)),
         ("A2", "1001"), ("B2", "Ana Núñez"), ("C2", 3),
         ("A3", "1002"), ("B3", "Luis Pérez"), ("C3", 2.5), ("D3", True)],
        dimension="A1:D3", cols='<cols><col min="4" max="4" hidden="1" width="9"/></cols>')
    notes = sheet_xml([("A1", "Notas")], dimension="A1")
    return xlsx_bytes([("Personal", personal), ("Notas", notes)], shared_strings=shared)


# -- hostile workbooks ----------------------------------------------------------------------------------
def far_cell_xlsx(*, dimension: str | None = "A1:XFD1048576") -> bytes:
    """About 1 KB: a value in A1 and one at XFD1048576 (the last cell Excel allows)."""
    return xlsx_bytes([("Hoja1", sheet_xml([("A1", "x"), ("XFD1048576", "y")], dimension=dimension))])


def lying_dimension_xlsx() -> bytes:
    """Declares ``A1:B2`` but has a cell at ``ZZ999999`` (702 columns × 999,999 rows)."""
    return xlsx_bytes([("Hoja1", sheet_xml([("A1", "x"), ("B2", 1), ("ZZ999999", "far")], dimension="A1:B2"))])


def zip_bomb_xlsx(uncompressed: int = 64 * 2**20) -> bytes:
    """A worksheet that inflates ``uncompressed`` bytes of padding from about 1/1000 of that."""
    parts = xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))])
    xml = parts["xl/worksheets/sheet1.xml"]
    head, tail = xml.split(b"<sheetData>")
    # Whitespace between elements is legal XML; it compresses about 1000:1.
    parts["xl/worksheets/sheet1.xml"] = head + b" " * uncompressed + b"<sheetData>" + tail
    return zip_bytes(parts)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']>\n'
)


def billion_laughs_xlsx() -> bytes:
    shared = BILLION_LAUGHS + f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    return xlsx_bytes([("Hoja1", sheet_xml([("A1", ("s", 0))], dimension="A1"))], shared_strings=shared)


def xxe_xlsx() -> bytes:
    """An external entity in a worksheet: ``&xxe;`` would be the content of /etc/passwd."""
    prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    xml = sheet_xml([("A1", "x")], dimension="A1", prolog=prolog).replace("<t>x</t>", "<t>&xxe;</t>")
    return xlsx_bytes([("Hoja1", xml)])


def xxe_in_workbook_xml() -> bytes:
    parts = xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))])
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"?>\n", b'?>\n<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>\n', 1)
    return zip_bytes(parts)


def traversal_xlsx() -> bytes:
    parts = xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))])
    parts["../../evil.txt"] = b"pwned"
    return zip_bytes(parts)


def encrypted_member_xlsx() -> bytes:
    """A workbook whose sheet member has the zip "encrypted" flag set (traditional PKWARE encryption)."""
    data = bytearray(xlsx_bytes([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))]))
    name = b"xl/worksheets/sheet1.xml"
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            if data[at + name_offset:at + name_offset + len(name)] == name:
                flags = struct.unpack_from("<H", data, at + flag_offset)[0]
                struct.pack_into("<H", data, at + flag_offset, flags | 1)
            start = at + 4
    return bytes(data)


def zeros_member_xlsx(n: int) -> bytes:
    """A valid workbook plus a part of ``n`` zero bytes, streamed into the archive 1 MiB at a time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))]).items():
            zf.writestr(name, data)
        with zf.open(zipfile.ZipInfo("xl/media/image1.bin", (2024, 1, 1, 0, 0, 0)), "w", force_zip64=True) as fh:
            chunk = bytes(2**20)
            for _ in range(n // len(chunk)):
                fh.write(chunk)
            fh.write(bytes(n % len(chunk)))
    return buffer.getvalue()


def bzip2_member_xlsx() -> bytes:
    parts = xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_BZIP2 if name.endswith("sheet1.xml")
                        else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def dtd_after_comment_xlsx() -> bytes:
    """A DOCTYPE hidden behind 100 KB of comment, past where a naive check would look."""
    prolog = "<!--" + "x" * 100_000 + '-->\n<!DOCTYPE worksheet [<!ENTITY a "b">]>\n'
    return xlsx_bytes([("Hoja1", sheet_xml([("A1", "x")], dimension="A1", prolog=prolog))])


def wide_box_xlsx(last: str = "J200000") -> bytes:
    """Two cells, in A1 and ``last``: within the cell limit, but the parser allocates the whole box."""
    return xlsx_bytes([("Hoja1", sheet_xml([("A1", "x"), (last, "y")], dimension=f"A1:{last}"))])


def duplicate_member_xlsx() -> bytes:
    """The worksheet part twice: readers disagree on which copy counts."""
    parts = xlsx_parts([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))])
    items = [*parts.items(), ("xl/worksheets/sheet1.xml", parts["xl/worksheets/sheet1.xml"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, which is the point
        return zip_bytes(items)


def declared_size_bomb() -> bytes:
    """A small workbook whose central directory says the worksheet expands to 3.9 GB."""
    data = bytearray(xlsx_bytes([("Hoja1", sheet_xml([("A1", "x")], dimension="A1"))]))
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        if data[at + 46:at + 46 + len(name)] == name:
            struct.pack_into("<I", data, at + 24, 0xF0000000)  # uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def understated_size_xlsx() -> bytes:
    """The worksheet announces 100 bytes in both headers and inflates to far more."""
    xml = sheet_xml([(f"A{i}", f"fila {i}") for i in range(1, 200)], dimension="A1:A199")
    data = bytearray(xlsx_bytes([("Hoja1", xml)]))
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_offset:at + name_offset + len(name)] == name:
                struct.pack_into("<I", data, at + size_offset, 100)
            at = data.find(signature, at + 4)
    return bytes(data)


def xlsb_like() -> bytes:
    """What an .xlsb looks like from outside: an OOXML package with a binary workbook part."""
    return zip_bytes({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                               b'2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/'
                               b'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
        "xl/workbook.bin": b"\x83\x01\x00",
    })


def docx_like() -> bytes:
    """An OOXML package that is a document, not a workbook."""
    return zip_bytes({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                               b'package/2006/content-types"/>',
        "word/document.xml": b'<?xml version="1.0"?><document/>',
    })


# -- OpenDocument -------------------------------------------------------------------------------------
def ods_bytes(tables: Sequence[tuple[str, Sequence[Sequence[object]]]], *, hidden_columns: dict[str, int] | None = None,
              raw_table_xml: str | None = None) -> bytes:
    """A minimal .ods: ``mimetype`` (stored, first), ``META-INF/manifest.xml`` and ``content.xml``.
    ``tables`` is ``[(name, rows)]``; a row is a list of values (str, int, float, bool, None)."""
    hidden_columns = hidden_columns or {}
    body = []
    for name, rows in tables:
        width = max((len(r) for r in rows), default=1)
        cols = "".join(
            '<table:table-column table:visibility="collapse"/>' if i == hidden_columns.get(name) else
            "<table:table-column/>" for i in range(width))
        xml_rows = []
        for row in rows:
            cells = []
            for v in row:
                if v is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(v, bool):
                    cells.append(f'<table:table-cell office:value-type="boolean" office:boolean-value='
                                 f'"{str(v).lower()}"><text:p>{v}</text:p></table:table-cell>')
                elif isinstance(v, (int, float)):
                    cells.append(f'<table:table-cell office:value-type="float" office:value="{v}">'
                                 f"<text:p>{v}</text:p></table:table-cell>")
                else:
                    cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}'
                                 "</text:p></table:table-cell>")
            xml_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        body.append(f'<table:table table:name="{escape(name)}">{cols}{"".join(xml_rows)}</table:table>')
    if raw_table_xml is not None:
        body.append(raw_table_xml)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet>{"".join(body)}</office:spreadsheet></office:body>'
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)), ODS_MIME, compress_type=zipfile.ZIP_STORED)
        zf.writestr(zipfile.ZipInfo("META-INF/manifest.xml", (2024, 1, 1, 0, 0, 0)), manifest,
                    compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("content.xml", (2024, 1, 1, 0, 0, 0)), content,
                    compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_repeat_bomb() -> bytes:
    """A few hundred bytes of content.xml that describe 1,048,576 × 16,384 non-empty cells."""
    table = ('<table:table table:name="Bomba"><table:table-row table:number-rows-repeated="1048576">'
             '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
             'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>')
    return ods_bytes([], raw_table_xml=table)


# -- OLE2 compound files ----------------------------------------------------------------------------------
_FREESECT, _ENDOFCHAIN, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = _NOSTREAM,
               right: int = _NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)  # black node
            + struct.pack("<III", _NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<IQ", start, size))


def cfb(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A version-3 compound file (512-byte sectors) holding ``streams`` in the root storage. Every stream
    is zero-padded to at least 4096 bytes (the mini-stream cutoff) and stored in regular sectors, so there is
    no mini stream and no mini FAT (readers ignore what follows a BIFF stream's last EOF record)."""
    sector = 512
    streams = [(name, data.ljust(4096, b"\0")) for name, data in streams]
    padded = [data.ljust(-(-len(data) // sector) * sector, b"\0") for _, data in streams]
    n_data = sum(len(p) // sector for p in padded)
    n_dir = -(-(len(streams) + 1) // 4)
    n_fat = 1
    while (n_fat + n_dir + n_data) > n_fat * 128:
        n_fat += 1
    fat = [_FATSECT] * n_fat
    dir_start = n_fat
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [_ENDOFCHAIN]
    starts = []
    next_sector = n_fat + n_dir
    for p in padded:
        count = len(p) // sector
        starts.append(next_sector)
        fat += [next_sector + i + 1 for i in range(count - 1)] + [_ENDOFCHAIN]
        next_sector += count
    fat += [_FREESECT] * (n_fat * 128 - len(fat))
    # Directory: root, then the streams as a right-leaning chain of siblings (a valid, if unbalanced, tree).
    entries = [_dir_entry("Root Entry", 5, _ENDOFCHAIN, 0, child=1 if streams else _NOSTREAM)]
    for i, ((name, data), start) in enumerate(zip(streams, starts, strict=True), start=1):
        entries.append(_dir_entry(name, 2, start, len(data), right=i + 1 if i < len(streams) else _NOSTREAM))
    directory = b"".join(entries).ljust(n_dir * sector, b"\0")
    for i in range(len(entries), n_dir * 4):  # unused entries
        directory = directory[: i * 128] + _dir_entry("", 0, 0, 0) + directory[(i + 1) * 128:]
    difat = [*range(n_fat), *([_FREESECT] * (109 - n_fat))]
    header = (OLE_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0)
              + struct.pack("<109I", *difat))
    assert len(header) == 512
    return header + struct.pack(f"<{n_fat * 128}I", *fat) + directory + b"".join(padded)


def encrypted_ooxml() -> bytes:
    """What Excel writes for a password-protected workbook: a compound file with these two streams."""
    return cfb([("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 200),
                ("EncryptedPackage", struct.pack("<Q", 5000) + b"\x8f" * 5000)])


def ole_word_like() -> bytes:
    """A valid compound file with no workbook in it (what a .doc looks like from outside)."""
    return cfb([("WordDocument", b"\xec\xa5" + bytes(600)), ("\x05SummaryInformation", bytes(200))])


def ole_junk() -> bytes:
    return OLE_MAGIC + bytes(range(256)) * 8


# -- BIFF8 (legacy .xls) ----------------------------------------------------------------------------------
def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _short_unicode(text: str) -> bytes:  # ShortXLUnicodeString, uncompressed UTF-16
    return struct.pack("<BB", len(text), 1) + text.encode("utf-16-le")


def _unicode(text: str) -> bytes:  # XLUnicodeString
    return struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")


def xls_bytes(sheets: Sequence[tuple[str, Sequence[tuple[int, int, object]]]]) -> bytes:
    """A BIFF8 workbook (what Excel 97–2003 writes) in a compound file: ``sheets`` is
    ``[(name, [(row0, col0, value), ...])]`` with str (LABEL), int or float (NUMBER) or date values (a
    NUMBER holding the serial day, formatted with the built-in date format 14)."""
    bof_globals = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0206))
    bof_sheet = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x0206))
    eof = _record(0x000A)
    codepage = _record(0x0042, struct.pack("<H", 1200))
    # 16 style XFs and one cell XF (index 15 is the default cell format in Excel's files).
    # 16 style XFs, the default cell XF (15) and a cell XF with number format 14 (a date) at index 16.
    xf = b"".join(_record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 14 if i == 16 else 0, 0xFFF5 if i < 15 else 0,
                                                0x20, 0, 0, 0, 0, 0, 0x20C0)) for i in range(17))
    bodies = []
    for _, cells in sheets:
        rows = [r for r, _, _ in cells] or [0]
        cols = [c for _, c, _ in cells] or [0]
        dims = _record(0x0200, struct.pack("<IIHHH", min(rows), max(rows) + 1, min(cols), max(cols) + 1, 0))
        recs = []
        for r, c, v in cells:
            if isinstance(v, str):
                recs.append(_record(0x0204, struct.pack("<HHH", r, c, 15) + _unicode(v)))
            elif isinstance(v, dt.date):
                serial = (v - dt.date(1899, 12, 30)).days
                recs.append(_record(0x0203, struct.pack("<HHHd", r, c, 16, float(serial))))
            else:
                recs.append(_record(0x0203, struct.pack("<HHHd", r, c, 15, float(v))))  # type: ignore[arg-type]
        bodies.append(bof_sheet + dims + b"".join(recs) + eof)
    # BoundSheet8 records carry the absolute offset of each sheet's BOF; their size does not depend on it.
    bound_len = [len(_record(0x0085, struct.pack("<IBB", 0, 0, 0) + _short_unicode(n))) for n, _ in sheets]
    offset = len(bof_globals) + len(codepage) + len(xf) + sum(bound_len) + len(eof)
    bound = []
    for (name, _), body in zip(sheets, bodies, strict=True):
        bound.append(_record(0x0085, struct.pack("<IBB", offset, 0, 0) + _short_unicode(name)))
        offset += len(body)
    stream = bof_globals + codepage + xf + b"".join(bound) + eof + b"".join(bodies)
    return cfb([("Workbook", stream)])


# -- other hostile bytes -------------------------------------------------------------------------------
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D49444154789C6360"
                    "000002000001E221BC330000000049454E44AE426082")


def random_bytes(n: int = 4096, seed: int = 7) -> bytes:
    out, x = bytearray(), seed
    for _ in range(n):
        x = (1103515245 * x + 12345) & 0x7FFFFFFF
        out.append((x >> 16) & 0xFF)
    return bytes(out)


def deflate_zeros(n: int) -> bytes:
    """``n`` zero bytes, raw-deflated in 1 MiB pieces (modest memory whatever ``n``)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * 2**20
    out = bytearray()
    for _ in range(n // len(chunk)):
        out += comp.compress(chunk)
    out += comp.compress(b"\0" * (n % len(chunk)))
    return bytes(out + comp.flush())
