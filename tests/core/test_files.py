"""atomic_write: the one way the app writes a file (settings, exports, cached icons)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from desktop.core.files import atomic_write, atomic_write_bytes


def test_writes_the_whole_text_private_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    with atomic_write(target) as out:
        out.write("第一行\n")
        out.write("line two\n")
    assert target.read_bytes() == "第一行\nline two\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_mode_is_the_callers_choice_whatever_the_umask(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    old = os.umask(0o077)
    try:
        with atomic_write(tmp_path / "x", mode=0o644) as out:
            out.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == 0o644


def test_a_failure_keeps_the_old_file_and_removes_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "settings.ini"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write("half of the new")
        raise RuntimeError("crash in the middle")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]


def test_bytes(tmp_path: Path) -> None:
    with atomic_write_bytes(tmp_path / "icon.img") as out:
        out.write(b"\x89PNG")
    assert (tmp_path / "icon.img").read_bytes() == b"\x89PNG"


def test_two_writers_never_share_a_temporary_file(tmp_path: Path) -> None:
    """Both write at once (each waits inside its block for the other): each file is whole."""
    target = tmp_path / "shared.txt"
    both_inside = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def write(text: str) -> None:
        try:
            with atomic_write(target) as out:
                out.write(text)
                both_inside.wait()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(c * 10_000,)) for c in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert target.read_text(encoding="utf-8") in ("a" * 10_000, "b" * 10_000)
    assert [p.name for p in tmp_path.iterdir()] == ["shared.txt"]


def test_a_missing_folder_is_named_by_the_file_asked_for_not_the_temporary_one(tmp_path: Path) -> None:
    # `coze-desktop export -o missing/x.md` said "No such file or directory: missing/.x.md.epjn6yfa.tmp"
    target = tmp_path / "missing" / "chats.md"
    with pytest.raises(FileNotFoundError) as caught, atomic_write(target) as out:
        out.write("never")
    assert caught.value.filename == str(target)
    assert str(target) in str(caught.value)
