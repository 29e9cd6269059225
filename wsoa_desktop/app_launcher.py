"""Start the desktop app. Kept apart from ``cli`` so commands never import Qt."""

from __future__ import annotations

from pathlib import Path


def launch(db_path: Path) -> int:
    from wsoa_desktop.gui.app import run

    return run(db_path)
