"""Action references such as ``1``, ``1.2`` and ``1.2.10``, and their natural order.

References are compared part by part as numbers, so ``1.2.10`` follows ``1.2.9``.
A part that is not a number (``4a``) still sorts sensibly: digits first by value,
then the rest as text.
"""

from __future__ import annotations

import re

from wsoa_desktop.domain.errors import ValidationError

_PART = re.compile(r"^[0-9]+[A-Za-z]?$")
MAX_DEPTH = 3


def split_ref(ref: str) -> list[str]:
    """The parts of a reference; raises for anything that is not one."""
    text = normalise_ref(ref)
    if not text:
        raise ValidationError("A reference is empty: give one such as 1.2.3.", ref=ref)
    parts = text.split(".")
    if any(not _PART.match(p) for p in parts):
        raise ValidationError(
            f"“{ref}” is not a reference: use numbers separated by dots, such as 1.2.3.",
            ref=ref,
        )
    return parts


def normalise_ref(ref: str) -> str:
    """Trim spaces and a trailing dot (``1.1.`` is how Word often shows ``1.1``)."""
    text = (ref or "").strip().replace(" ", "")
    while text.endswith("."):
        text = text[:-1]
    return text


def is_ref(text: str) -> bool:
    try:
        split_ref(text)
    except ValidationError:
        return False
    return True


def ref_level(ref: str) -> int:
    """1 for a priority (``1``), 2 for an action (``1.1``), 3 for a sub-action."""
    return len(split_ref(ref))


def parent_ref(ref: str) -> str | None:
    parts = split_ref(ref)
    return ".".join(parts[:-1]) if len(parts) > 1 else None


def _part_key(part: str) -> tuple[int, str]:
    m = re.match(r"^([0-9]+)(.*)$", part)
    if m:
        return int(m.group(1)), m.group(2)
    return 10**9, part


def ref_key(ref: str) -> tuple[tuple[int, str], ...]:
    """Sort key for natural reference order."""
    return tuple(_part_key(p) for p in normalise_ref(ref).split("."))


def ref_sort_text(ref: str) -> str:
    """A string that sorts like :func:`ref_key`, for an indexed database column."""
    out = []
    for number, rest in ref_key(ref):
        out.append(f"{number:06d}{rest}")
    return ".".join(out)


def sort_refs(refs: list[str]) -> list[str]:
    return sorted(refs, key=ref_key)


def child_ref(parent: str | None, siblings: list[str]) -> str:
    """The next free reference under ``parent`` given the siblings' references."""
    highest = 0
    for s in siblings:
        last = split_ref(s)[-1]
        number, _ = _part_key(last)
        if number < 10**9:
            highest = max(highest, number)
    return f"{parent}.{highest + 1}" if parent else str(highest + 1)
