"""Start the desktop app. Kept apart from ``cli`` so commands never import Qt."""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.store.server_address import ServerAddress


def launch(db_path: Path | ServerAddress, *, named: bool = True) -> int:
    """Open the window on ``db_path``; when the officer named no database (``named=False``),
    the shared server database set in Preferences, if any, is opened instead."""
    from wsoa_desktop.gui.app import run

    return run(db_path, named=named)


def refuse_to_start(text: str) -> int:
    """The window cannot open (e.g. IT's settings file is broken): say why in a message, exit 1."""
    from wsoa_desktop.gui.app import refuse_to_start as refuse

    return refuse(text)
