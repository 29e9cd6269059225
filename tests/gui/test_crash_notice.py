"""Opening a database that a crash left mid-save: the window opens it and says what was put right."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.store.test_crash_recovery import kill_mid_save
from wsoa_desktop.gui import file_actions
from wsoa_desktop.store import schema_version


def test_a_crashed_database_opens_with_a_plain_notice(window, tmp_path: Path, _sample_db: Path,  # type: ignore[no-untyped-def]
                                                      warnings: list[str]) -> None:
    crashed = tmp_path / "SEND Papers #3" / "plan.db"
    crashed.parent.mkdir()
    shutil.copy(_sample_db, crashed)
    kill_mid_save(crashed)
    assert schema_version.has_hot_journal(crashed)
    assert file_actions.open_path(window, crashed)
    assert window.store.path == crashed and window.plan_id is not None
    assert len(warnings) == 1 and "was not closed properly" in warnings[0] and "undone" in warnings[0]
    assert not schema_version.journal_path(crashed).exists()
