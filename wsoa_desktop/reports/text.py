"""User text into ReportLab Paragraph markup, exactly as typed.

Officers type ``&``, ``<b>`` and ``<draft v2>`` as words; Paragraph reads markup,
so every character that means something to it is escaped here, and only here.
Line breaks the officer typed become ``<br/>`` so paragraphs keep their shape.
Long unbroken words (references lists, URLs) are split at the column edge by the
style's ``splitLongWords``, so nothing runs outside its cell.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

_ENTITIES = {'"': "&quot;"}

#: Characters the embedded font cannot draw would print as boxes; these are
#: controls that never belong in a printed cell.
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def printable(text: str) -> str:
    """The text without control characters (they would print as boxes); line breaks kept."""
    return text.translate(_CONTROL)


def markup(text: str | None) -> str:
    """Escape ``text`` for a Paragraph, keeping line breaks and repeated spaces."""
    if not text:
        return ""
    clean = str(text).translate(_CONTROL).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [escape(line, _ENTITIES) for line in clean.split("\n")]
    return "<br/>".join(lines)


def bold(text: str | None) -> str:
    """Escaped text in bold (the markup is ours, the text is the officer's)."""
    inner = markup(text)
    return f"<b>{inner}</b>" if inner else ""
