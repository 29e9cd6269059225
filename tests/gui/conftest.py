"""GUI fixtures: the real main window over a private copy of the sample plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from wsoa_desktop.gui import messages
from wsoa_desktop.gui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    s.set("backup/offer_on_exit", False)  # the backup area's own tests cover its exit offer
    return s


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the officer would see, collected instead of shown modally."""
    seen: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: seen.append(text))
    return seen


@pytest.fixture
def window(qtbot, sample_store, settings, warnings):  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui.main_window import MainWindow

    w = MainWindow(sample_store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
