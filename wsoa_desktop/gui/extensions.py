"""Menus and docks other areas add to the main window, without editing it.

Each module named here has ``install(window)``. One area failing to install is
logged and skipped, so a fault there never stops the officer's window opening.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow

EXTENSION_MODULES = (
    "wsoa_desktop.gui.round_actions",
    "wsoa_desktop.gui.report_actions",
    "wsoa_desktop.gui.backup_actions",
    "wsoa_desktop.gui.governance_actions",
    "wsoa_desktop.gui.dashboard.actions",
)

log = logging.getLogger(__name__)


def install_all(window: MainWindow) -> list[str]:
    """Install every extension; returns the names installed."""
    installed = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
            install = getattr(module, "install", None)
            if install is None:
                continue
            install(window)
        except Exception:  # one area's fault must not stop the officer's window opening
            log.exception("Could not add %s to the main window", name)
            continue
        installed.append(name)
    return installed
