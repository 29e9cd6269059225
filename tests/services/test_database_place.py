"""Where the live database sits: network drives and cloud-synced folders are warned about, with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsoa_desktop.services import database_place, network_drive


@pytest.mark.parametrize(("path", "service"), [
    ("/home/ann/OneDrive - Rotherham MBC/WSOA/plan.db", "OneDrive"),
    ("/home/ann/OneDrive/plan.db", "OneDrive"),
    ("/Users/ann/Library/CloudStorage/OneDrive-Personal/plan.db", "a cloud-sync service"),
    ("/home/ann/Dropbox (Council)/plan.db", "Dropbox"),
    ("/home/ann/Dropbox/SEND/plan.db", "Dropbox"),
    ("/mnt/g/My Drive/plan.db", "Google Drive"),
    ("/home/ann/Google Drive/plan.db", "Google Drive"),
    ("/home/ann/iCloud Drive/plan.db", "iCloud"),
    ("/home/ann/Box/plan.db", "Box"),
])
def test_cloud_synced_folders_are_recognised(path: str, service: str) -> None:
    assert database_place.synced_service(path, environ={}) == service


@pytest.mark.parametrize("path", ["/home/ann/Documents/plan.db", "/home/ann/OneDrive.db",
                                  "/home/ann/Documents/Dropbox.db", "/home/ann/boxes/plan.db"])
def test_ordinary_folders_are_not(path: str) -> None:
    assert database_place.synced_service(path, environ={}) is None


def test_the_onedrive_folder_windows_names_is_recognised_whatever_it_is_called(tmp_path: Path) -> None:
    root = tmp_path / "Rotherham Council"
    assert database_place.synced_service(root / "WSOA" / "plan.db", environ={"OneDriveCommercial": str(root)}) \
        == "OneDrive"
    assert database_place.synced_service(tmp_path / "other" / "plan.db",
                                         environ={"OneDriveCommercial": str(root)}) is None


def test_the_warning_gives_sqlites_reason_and_never_mentions_a_server_mode(tmp_path: Path, monkeypatch) -> None:
    synced = tmp_path / "Dropbox" / "plan.db"
    text = database_place.place_warning(synced)
    assert text is not None
    assert text.startswith(f"The database {synced} is in a folder synced by Dropbox.")
    assert "file locking" in text and "OneDrive, Dropbox, Google Drive" in text
    assert "this computer's own disk" in text and "server" not in text.casefold()
    assert database_place.place_warning(tmp_path / "plan.db") is None
    monkeypatch.setattr(network_drive, "is_network_path", lambda path: True)
    network = database_place.place_warning(tmp_path / "plan.db")
    assert network is not None and "is on a network drive" in network and "server" not in network.casefold()


def test_network_mounts_are_recognised_from_the_mount_table() -> None:
    mounts = "//fileserver/send /mnt/shared cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    assert network_drive.is_network_path("/mnt/shared/WSOA/plan.db", mounts_text=mounts)
    assert not network_drive.is_network_path("/home/ann/plan.db", mounts_text=mounts)
