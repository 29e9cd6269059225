"""Ways to break a file: byte damage, XML damage inside a zip, a zip bomb, an external entity.

Every function takes the bytes of a real file (made by the app's own exporters)
and a seeded :class:`random.Random`, so a failure names a seed that repeats it.
"""

from __future__ import annotations

import io
import random
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

# -- byte damage (any file) -------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(out))
        out[i] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def zero_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    n = rng.randint(1, 2048)
    return data[:start] + b"\0" * min(n, len(data) - start) + data[start + n:]


def splice(data: bytes, rng: random.Random) -> bytes:
    """A block of the file copied over another place (a bad sector, a sync tool's mix-up)."""
    n = rng.randint(16, 4096)
    src, dst = rng.randrange(len(data)), rng.randrange(len(data))
    return data[:dst] + data[src:src + n] + data[dst + n:]


BYTE_DAMAGE: list[Callable[[bytes, random.Random], bytes]] = [flip_bytes, truncate, zero_range, splice]


# -- damage to the XML inside an .xlsx/.docx, re-zipped with correct checksums -----------------

JUNK = ["<", ">", "&", "&amp", "\x00", "\x01", "]]>", "<!--", "\"", "'", "</", "<x>", "\ufffe", "&#0;", "&#xD800;",
        "<t>", "</t>", "<c>", "<row r=\"0\">", "r=\"ZZZ9999999\"", "s=\"99999\"", "t=\"n\"", "t=\"b\"", "t=\"e\"",
        "<v>NaN</v>", "<v>1e999</v>", "<v>-1</v>", "t=\"d\"", "<v>99999999</v>", "\udcff"]


def xml_edit(text: str, rng: random.Random) -> str:
    """One random edit to XML text: a cut, a deletion, a duplication or junk inserted."""
    if not text:
        return "<"
    i = rng.randrange(len(text))
    j = min(len(text), i + rng.randint(1, 400))
    choice = rng.randrange(5)
    if choice == 0:
        return text[:i]
    if choice == 1:
        return text[:i] + text[j:]
    if choice == 2:
        return text[:j] + text[i:j] + text[j:]
    if choice == 3:
        return text[:i] + rng.choice(JUNK) + text[i:]
    return text[:i] + text[i:j].replace("\"", "'").replace("r=", "x=").replace("t>", "q>") + text[j:]


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def rezip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts:
            z.writestr(name, content)
    return buf.getvalue()


def damage_xml(data: bytes, rng: random.Random) -> bytes:
    """Edit one XML part of the package (1–3 edits) and zip it again, checksums correct."""
    parts = members(data)
    xml = [i for i, (name, _) in enumerate(parts) if name.endswith((".xml", ".rels"))]
    i = rng.choice(xml)
    name, content = parts[i]
    text = content.decode("utf-8", errors="surrogateescape")
    for _ in range(rng.randint(1, 3)):
        text = xml_edit(text, rng)
    parts[i] = (name, text.encode("utf-8", errors="surrogateescape"))
    return rezip(parts)


def drop_part(data: bytes, rng: random.Random) -> bytes:
    parts = members(data)
    del parts[rng.randrange(len(parts))]
    return rezip(parts)


ZIP_DAMAGE: list[Callable[[bytes, random.Random], bytes]] = BYTE_DAMAGE + [damage_xml, damage_xml, damage_xml,
                                                                           drop_part]


# -- damage to a plan file's JSON: still JSON, but not what the app wrote -------------------------

#: Values a hand edit or another program might leave where the app wrote something else.
ODD_VALUES: list[object] = [None, 0, -1, 1e308, True, "", "x" * 300, "2022-13-45", "not a date", [], {}, [[[]]],
                            {"ref": None}, "1.1", 10**30, "\u0000", ["a", 1, None]]


def _nodes(value: object, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (as a path of keys and indexes)."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _nodes(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _nodes(v, (*path, i))
    return out


def damage_json(data: bytes, rng: random.Random) -> bytes:
    """1–4 edits to the document: an entry deleted, given an odd value, or a list entry repeated."""
    import json

    doc = json.loads(data)
    for _ in range(rng.randint(1, 4)):
        places = [p for p in _nodes(doc) if p]
        place = rng.choice(places)
        parent = doc
        for key in place[:-1]:
            parent = parent[key]
        last = place[-1]
        choice = rng.randrange(3)
        if choice == 0:
            del parent[last]
        elif choice == 1:
            parent[last] = rng.choice(ODD_VALUES)
        elif isinstance(parent, list):
            parent.insert(last, parent[last])
        else:
            parent[last] = rng.choice(ODD_VALUES)
    return json.dumps(doc).encode("utf-8")


JSON_DAMAGE: list[Callable[[bytes, random.Random], bytes]] = BYTE_DAMAGE + [damage_json] * 4


# -- a zip bomb ----------------------------------------------------------------------------------


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, crc32, unpacked size), written by hand (sizes honest)."""
    out = io.BytesIO()
    central = []
    for name, raw, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded), 0))
        out.write(encoded)
        out.write(raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def zip_bomb(data: bytes, part: str, unpacked: int) -> bytes:
    """``data`` (an .xlsx/.docx) with ``part`` replaced by well-formed XML of ``unpacked`` bytes.

    The repeated block is compressed once and its compressed form repeated: each
    block ends with a full flush, so it does not refer back and the copies are
    identical. The sizes and CRC in the zip are the true ones.
    """
    entries = []
    for name, content in members(data):
        if name != part:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            entries.append((name, c.compress(content) + c.flush(), zlib.crc32(content), len(content)))
            continue
        head = content[:content.index(b"<sheetData>") + len(b"<sheetData>")] if b"<sheetData>" in content \
            else content[:content.index(b"<w:body>") + len(b"<w:body>")]
        tail = b"</sheetData></worksheet>" if b"<sheetData>" in content else b"</w:body></w:document>"
        cell = (b'<row><c t="inlineStr"><is><t>' + b"x" * 4000 + b"</t></is></c></row>") if b"<sheetData>" in content \
            else (b"<w:p><w:r><w:t>" + b"x" * 4000 + b"</w:t></w:r></w:p>")
        block = cell * 256
        copies = max(1, (unpacked - len(head) - len(tail)) // len(block))
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
        again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
        raw = first + again * copies + c.compress(tail) + c.flush()
        crc = zlib.crc32(head)
        for _ in range(copies):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(tail, crc)
        entries.append((name, raw, crc, len(head) + copies * len(block) + len(tail)))
    return _raw_zip(entries)


# -- XML external entities ---------------------------------------------------------------------


def with_entity(data: bytes, part: str, target: Path, replace: bytes) -> bytes:
    """``part`` declaring an external entity that points at ``target``, used in place of ``replace``."""
    parts = members(data)
    for i, (name, content) in enumerate(parts):
        if name == part:
            body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
            root = body.lstrip()[1:].split(None, 1)[0].split(b">")[0]
            doctype = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE ' + root +
                       b' [<!ENTITY secret SYSTEM "' + target.as_uri().encode() + b'">]>')
            assert replace in body, (part, replace)
            parts[i] = (name, doctype + body.replace(replace, b"&secret;", 1))
    return rezip(parts)


# -- the database, before and after ------------------------------------------------------------


def fingerprint(db: Path) -> dict[str, int]:
    """Rows in every table: an import refused must leave every count as it was."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def replace_in_parts(path: Path, old: str, new: str) -> None:
    """Replace text inside the XML of an .xlsx/.docx (openpyxl itself cuts a cell at 32,767 characters)."""
    parts = members(path.read_bytes())
    found = False
    for i, (name, content) in enumerate(parts):
        if name.endswith(".xml") and old.encode() in content:
            parts[i] = (name, content.replace(old.encode(), new.encode()))
            found = True
    assert found, old
    path.write_bytes(rezip(parts))
