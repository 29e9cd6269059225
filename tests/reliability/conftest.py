"""The fault-injection suite: the app attacked as a crash, a second program, old files, bad files and
awkward text would attack it, with the figures each attack measured printed at the end of the run.

Counts are modest by default so the suite runs in the ordinary ``pytest`` run (each test well under
15 s on a two-core machine). ``WSOA_RELIABILITY_SCALE`` makes them bigger for a nightly run: a
number multiplies the default counts, and ``full`` uses the figures the issue asks for (1,000 edits
killed 20 times, …).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

_FIGURES: list[tuple[str, str]] = []


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


class Figures:
    """What one test measured, printed in the run's summary."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, text: str) -> None:
        _FIGURES.append((self.name, text))


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    yield Figures(request.node.name)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if not _FIGURES:
        return
    terminalreporter.section(f"reliability figures (WSOA_RELIABILITY_SCALE={scale_setting()})")
    for name, text in _FIGURES:
        terminalreporter.write_line(f"{name}: {text}")
