"""Start the desktop app. Kept apart from ``cli`` so commands never import Qt."""

from __future__ import annotations

from pathlib import Path


def launch(db_path: Path) -> int:
    from wsoa_desktop.gui.app import run

    return run(db_path)


def refuse_to_start(text: str) -> int:
    """The window cannot open (e.g. IT's settings file is broken): say why in a message, exit 1."""
    from wsoa_desktop.gui.app import refuse_to_start as refuse

    return refuse(text)
