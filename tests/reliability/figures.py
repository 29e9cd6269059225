"""What the fault-injection tests measured, and how many runs they make.

Counts are modest by default so the suite runs in the ordinary ``pytest`` run (each test well under
15 s on a two-core machine). ``WSOA_RELIABILITY_SCALE`` makes them bigger for a nightly run: a
number multiplies the default counts, and ``full`` uses the figures the issue asks for (1,000 edits
killed 20 times, …). The figures are printed at the end of the run
(``tests/reliability/conftest.py``).
"""

from __future__ import annotations

import os

import pytest

FIGURES: list[tuple[str, str]] = []


def scale_setting() -> str:
    return os.environ.get("WSOA_RELIABILITY_SCALE", "1").strip().lower() or "1"


def amount(default: int, full: int) -> int:
    """How many (runs, kills, files…) this run makes: ``default``, scaled, or the ``full`` figure."""
    setting = scale_setting()
    if setting == "full":
        return full
    try:
        factor = float(setting)
    except ValueError as exc:
        raise pytest.UsageError(f"WSOA_RELIABILITY_SCALE must be a number or 'full', not {setting!r}") from exc
    return max(1, round(default * factor))


def record(test_name: str, text: str) -> None:
    FIGURES.append((test_name, text))
