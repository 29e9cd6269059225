"""Evidence comes only from ordinary files, read with a hard cap: the size the system reports is not trusted."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import evidence


def _refused(store, path: Path, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=match):
        evidence.attach_file(store, 1, "2.2.2", path)
    assert evidence.list_evidence(store, 1, "2.2.2") == []


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_a_file_that_says_it_is_empty_and_is_not_is_refused(sample_store) -> None:  # type: ignore[no-untyped-def]
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0 and maps.is_file()  # what fooled the size check
    _refused(sample_store, maps, "not an ordinary saved file")


def test_a_device_is_refused_without_reading_it(sample_store) -> None:  # type: ignore[no-untyped-def]
    device = Path(os.devnull if sys.platform != "win32" else "NUL")
    _refused(sample_store, device, "not an ordinary file")
    if Path("/dev/zero").exists():
        _refused(sample_store, Path("/dev/zero"), "not an ordinary file")  # would never end


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_waiting_for_a_writer(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pipe = tmp_path / "minutes.pdf"
    os.mkfifo(pipe)
    done = threading.Event()

    def attach() -> None:
        try:
            _refused(sample_store, pipe, "not an ordinary file")
        finally:
            done.set()

    worker = threading.Thread(target=attach, daemon=True)
    worker.start()
    if not done.wait(10):  # it blocked: unblock the thread so the test can end, then fail
        with open(pipe, "wb"):
            pass
        pytest.fail("attaching a named pipe waited for a writer")
    worker.join()


def test_a_file_past_the_cap_is_refused_even_when_its_size_is_not_believed(
        sample_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(evidence, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "report.pdf"
    big.write_bytes(b"x" * 1025)
    real_fstat = os.fstat

    class Lying:
        def __init__(self, st: os.stat_result) -> None:
            self._st = st

        def __getattr__(self, name: str) -> object:
            return 0 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(evidence.os, "fstat", lambda fd: Lying(real_fstat(fd)))
    _refused(sample_store, big, "at most 0.0 MB")


def test_an_empty_file_and_a_folder_are_refused(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    _refused(sample_store, empty, "empty")
    _refused(sample_store, tmp_path, "folder")
    _refused(sample_store, tmp_path / "missing.pdf", "There is no file")


def test_an_ordinary_file_is_kept_whole(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "minutes.pdf"
    payload = bytes(range(256)) * 400
    src.write_bytes(payload)
    eid = evidence.attach_file(sample_store, 1, "2.2.2", src)
    assert evidence.save_copy(sample_store, 1, eid, tmp_path / "copy.pdf").read_bytes() == payload
