"""Action references, and their natural order.

Two shapes of reference are met in councils' plans:

* **numbered** — ``1``, ``1.2``, ``1.2.10`` (the 2022 WSOA). The reference says
  where the item sits: one part is a priority, two an action, three a
  sub-action, and ``1.2`` is the parent of ``1.2.3``;
* **named** — ``SEND 1``, ``LAC 2-2``, ``EH12``, ``Peer Review 3`` (the 2017 joint
  action plan). A named reference is an action's own name; which section or
  priority it sits under comes from the document, not from the text, so a named
  reference is always an action (level 2), and ``SEND 1.2`` a sub-action of it.

Both sort naturally: every run of digits compares as a number, so ``1.2.10``
follows ``1.2.9`` and ``SEND 10`` follows ``SEND 2``; numbered references come
before named ones. Every part of a reference holds a digit, which is what keeps
a section heading such as “PEER REVIEW MEASURES” from being read as one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wsoa_desktop.domain.errors import ValidationError

_NUMBERED_PART = re.compile(r"^[0-9]+[A-Za-z]?$")
# Words of letters and digits joined by single spaces or hyphens: "SEND 1", "LAC 2-2", "EH12".
_NAMED_PART = re.compile(r"^[A-Za-z0-9]+(?:[ \-][A-Za-z0-9]+)*$")
#: A first word that makes a heading, not a reference ("Priority 1 – EHC Plans").
_HEADING_WORDS = {"priority", "appendix", "version", "table", "page"}
_TOKENS = re.compile(r"[0-9]+|[^0-9]+")
MAX_DEPTH = 3
#: Longest reference (characters) and most words in one part: longer text is a heading, not a reference.
MAX_LENGTH = 30
MAX_WORDS = 4
#: Digits compared by value up to this many figures (more are compared as text).
_PAD = 6
#: What separates several references written in one Ref cell ("SEND 1 / SEND 4").
_SEVERAL = re.compile(r"\s*(?:/|;|,|&|\n|\r)\s*")


_PLAIN_NUMBERED = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def normalise_ref(ref: str) -> str:
    """A reference as stored: spaces tidied, no trailing dot (``1.1.`` is how Word often shows ``1.1``).

    A numbered reference loses every space (``1. 2`` is ``1.2``); a named one keeps
    single spaces between its words (``SEND  1`` is ``SEND 1``).
    """
    if ref and _PLAIN_NUMBERED.fullmatch(ref):
        return ref  # already as stored: the common case, thousands of times in an import
    return _normalised(ref or "")


@lru_cache(maxsize=32768)
def _normalised(ref: str) -> str:
    text = " ".join(ref.split())
    text = re.sub(r"\s*\.\s*", ".", text)
    while text.endswith("."):
        text = text[:-1]
    squeezed = text.replace(" ", "")
    if squeezed and all(_NUMBERED_PART.match(p) for p in squeezed.split(".")):
        return squeezed
    return text


def split_ref(ref: str) -> list[str]:
    """The parts of a reference; raises for anything that is not one."""
    text = normalise_ref(ref)
    if not text:
        raise ValidationError("A reference is empty: give one such as 1.2.3 or SEND 4.", ref=ref)
    parts = _checked_parts(text)
    if parts is None:
        raise ValidationError(
            f"“{ref}” is not a reference: use numbers separated by dots (1.2.3), or a short name "
            "with a number (SEND 4).", ref=ref)
    return list(parts)


@lru_cache(maxsize=32768)
def _checked_parts(text: str) -> tuple[str, ...] | None:
    parts = text.split(".")
    if len(text) > MAX_LENGTH or parts[0].split(" ")[0].casefold() in _HEADING_WORDS or any(
            not _NAMED_PART.match(p) or not any(ch.isdigit() for ch in p)
            or len(p.replace("-", " ").split()) > MAX_WORDS for p in parts):
        return None
    return tuple(parts)


def is_ref(text: str) -> bool:
    normal = normalise_ref(text)
    return bool(normal) and _checked_parts(normal) is not None


def is_numbered(ref: str) -> bool:
    """Is ``ref`` a numbered reference (``1.2.3``), whose parts say where it sits?"""
    normal = normalise_ref(ref)
    parts = _checked_parts(normal) if normal else None
    return parts is not None and all(_NUMBERED_PART.match(p) for p in parts)


def ref_level(ref: str) -> int:
    """1 for a priority (``1``), 2 for an action (``1.1``, ``SEND 1``), 3 for a sub-action."""
    parts = split_ref(ref)
    return len(parts) if is_numbered(ref) else len(parts) + 1


def parent_ref(ref: str) -> str | None:
    """The reference of the item above, when the reference says it (a named action's does not)."""
    parts = split_ref(ref)
    return ".".join(parts[:-1]) if len(parts) > 1 else None


def split_several(text: str) -> list[str]:
    """The references in one Ref cell (``SEND 1 / SEND 4`` → both), or [] when any piece is not one.

    A reference broken over lines by a narrow column (``WORK-`` / ``FORCE DEV 1``)
    is joined again first.
    """
    if text and _PLAIN_NUMBERED.fullmatch(text):
        return [text]
    joined = re.sub(r"-\s*\n\s*", "-", (text or "").strip())
    pieces: list[str] = []
    waiting = ""
    for piece in (p for p in _SEVERAL.split(joined) if p.strip()):
        piece = f"{waiting} {piece}".strip() if waiting else piece
        waiting = "" if any(ch.isdigit() for ch in piece) else piece
        if not waiting:
            pieces.append(piece)
    if waiting:
        pieces.append(waiting)
    if not pieces:
        return []
    if all(is_ref(p) for p in pieces):
        return list(dict.fromkeys(normalise_ref(p) for p in pieces))
    whole = " ".join(joined.split())
    return [normalise_ref(whole)] if is_ref(whole) else []


def _token_key(token: str) -> tuple[int, int | str]:
    if token.isdigit() and len(token) <= _PAD:
        return (0, int(token))
    return (1, token.casefold())


def _part_key(part: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(_token_key(t) for t in _TOKENS.findall(part.replace(" ", "")))


def ref_key(ref: str) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """Sort key for natural reference order (numbers by value, words ignoring case)."""
    return tuple(_part_key(p) for p in normalise_ref(ref).split("."))


def ref_sort_text(ref: str) -> str:
    """A string that sorts like :func:`ref_key`, for an indexed database column.

    Numbered references keep the form earlier versions stored (``000001.000002``).
    """
    out = []
    for part in normalise_ref(ref).split("."):
        text = []
        for token in _TOKENS.findall(part.replace(" ", "")):
            # A hyphen sorts as "/": after the "." between parts, as the key has it.
            text.append(f"{int(token):0{_PAD}d}" if token.isdigit() and len(token) <= _PAD
                        else token.casefold().replace("-", "/"))
        out.append("".join(text))
    return ".".join(out)


def sort_refs(refs: list[str]) -> list[str]:
    return sorted(refs, key=ref_key)


def _named_stem(ref: str) -> tuple[str, int] | None:
    """``SEND 12`` → (``SEND ``, 12): the words before a reference's last number, and the number."""
    m = re.match(r"^(.*?)([0-9]+)$", ref)
    if not m or not m.group(1):
        return None
    return m.group(1), int(m.group(2))


def child_ref(parent: str | None, siblings: list[str]) -> str:
    """The next free reference under ``parent`` given the siblings' references.

    Under a priority whose actions are named (``SEND 1`` … ``SEND 9``) the next is
    ``SEND 10``; otherwise the next number after the parent's.
    """
    named = [s for s in siblings if not is_numbered(s) and "." not in normalise_ref(s)]
    if named:
        stems = [x for x in (_named_stem(normalise_ref(s)) for s in named) if x]
        if stems:
            stem = max(set(st for st, _ in stems), key=lambda st: sum(1 for x, _ in stems if x == st))
            return f"{stem}{max(n for st, n in stems if st == stem) + 1}"
    highest = 0
    for s in siblings:
        if not is_ref(s) or (not is_numbered(s) and "." not in normalise_ref(s)):
            continue
        last = split_ref(s)[-1]
        m = re.match(r"^([0-9]+)", last)
        if m:
            highest = max(highest, int(m.group(1)))
    return f"{parent}.{highest + 1}" if parent else str(highest + 1)
