"""The fault-injection suite: the app attacked as a crash, a second program, old files, bad files and
awkward text would attack it, with the figures each attack measured printed at the end of the run
(see :mod:`tests.reliability.figures` for ``WSOA_RELIABILITY_SCALE``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.reliability.figures import FIGURES, record, scale_setting


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Iterator[Callable[[str], None]]:
    """``figures("…")`` records a line for the run's summary under this test's name."""
    yield lambda text: record(request.node.name, text)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if not FIGURES:
        return
    terminalreporter.section(f"reliability figures (WSOA_RELIABILITY_SCALE={scale_setting()})")
    for name, text in FIGURES:
        terminalreporter.write_line(f"{name}: {text}")
