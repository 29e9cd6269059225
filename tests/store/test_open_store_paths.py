"""open_store never makes folders and never turns a server address into a file, whoever calls it."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store.database import open_store


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DatabaseError, match="does not exist, so no database was created"):
        open_store(tmp_path / "Plnas" / "plan.db")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("address", "words"), [
    ("postgresql://officer@127.0.0.1:1/wsoa", "Cannot reach"),
    (Path("postgresql://server/wsoa"), "names no database")])  # Path folded the // into one /
def test_a_server_address_never_becomes_a_file_even_as_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              address: object, words: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatabaseError, match=words):
        open_store(address)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_create_false_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="There is no database at"):
        open_store(tmp_path / "plan.db", create=False)
    assert not (tmp_path / "plan.db").exists()
