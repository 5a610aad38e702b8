"""A local copy under `<profile>/attachments/<sha256>` that is not the file any more: emptied, cut short, a
directory or a symlink loop in its place. Attaching that file again used to trust whatever held the name,
so the upload read 0 bytes (or failed with IsADirectoryError): now what is kept is always the file's
bytes, and a name that cannot be had is worked around."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.attachments.copies import LocalCopies
from tests.images import image_bytes

DATA = image_bytes("PNG", 300, 200)
SHA = hashlib.sha256(DATA).hexdigest()


def emptied(target: Path) -> None:
    target.write_bytes(b"")


def cut_short(target: Path) -> None:
    target.write_bytes(DATA[:100])


def directory(target: Path) -> None:
    target.mkdir()
    (target / "inside").write_text("x")


def symlink_loop(target: Path) -> None:
    os.symlink(target.name, target)


@pytest.mark.parametrize("spoil", [emptied, cut_short, directory, symlink_loop])
@pytest.mark.parametrize("how", ["file", "bytes"])
def test_a_spoiled_copy_is_never_what_is_kept(tmp_path: Path, spoil: Callable[[Path], None], how: str) -> None:
    copies = LocalCopies(tmp_path / "attachments")
    copies.folder.mkdir()
    spoil(copies.path_of(SHA))
    source = tmp_path / "photo.png"
    source.write_bytes(DATA)
    kept = copies.keep_file(source) if how == "file" else copies.keep_bytes("photo.png", DATA)
    assert kept.path.read_bytes() == DATA
    assert kept.size == len(DATA) and kept.sha256 == SHA
    if spoil is not directory:  # the name is the copy again: its thumbnail shows
        assert copies.path_of(SHA).read_bytes() == DATA


def test_a_whole_copy_is_not_written_again(tmp_path: Path) -> None:
    copies = LocalCopies(tmp_path / "attachments")
    first = copies.keep_bytes("a.png", DATA)
    before = first.path.stat().st_mtime_ns
    os.utime(first.path, ns=(before - 10**9, before - 10**9))
    again = copies.keep_bytes("b.png", DATA)
    assert again.path == first.path and again.path.stat().st_mtime_ns == before - 10**9
