"""Can a rating's name be read on its colour? WCAG 2 contrast, computed, not guessed.

A rating is always shown as its name written on its fill, so the pair must
reach WCAG AA for normal text (4.5:1): a pale yellow with white text fails
on a projector and for many readers. The scheme dialog shows the ratio for
every rating and offers whichever of black or white text reads better.
"""

from __future__ import annotations

import re

#: WCAG 2.x AA for normal-size text.
AA_NORMAL = 4.5
BLACK = "#000000"
WHITE = "#FFFFFF"

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def normalise_hex(text: str | None) -> str | None:
    """``"1f5fad"``, ``"#1F5FAD"`` or ``"#fff"`` as ``"#1F5FAD"`` / ``"#FFFFFF"``; None when not a colour."""
    found = _HEX.match((text or "").strip())
    if not found:
        return None
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _channel(value: int) -> float:
    v = value / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    hex_colour = normalise_hex(colour)
    if hex_colour is None:
        raise ValueError(f"not a colour: {colour!r}")
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def best_text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE


def meets_aa(fill: str, text: str) -> bool:
    return contrast_ratio(fill, text) >= AA_NORMAL


def describe_contrast(fill: str, text: str) -> str:
    """``"7.2:1, passes AA"`` or ``"2.1:1, too low (AA needs 4.5:1): use black text (13.0:1)"``."""
    ratio = contrast_ratio(fill, text)
    if ratio >= AA_NORMAL:
        return f"{ratio:.1f}:1, passes AA"
    best = best_text_colour(fill)
    best_ratio = contrast_ratio(fill, best)
    advice = (f"use {'black' if best == BLACK else 'white'} text ({best_ratio:.1f}:1)"
              if best_ratio >= AA_NORMAL else "choose a darker or lighter fill")
    return f"{ratio:.1f}:1, too low (AA needs {AA_NORMAL}:1): {advice}"
