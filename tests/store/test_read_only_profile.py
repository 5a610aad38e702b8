"""A read-only profile (a read-only mount, or a folder the user cannot write): the history opens
read-only, the reading verbs work, and the window says so in a dialog instead of a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.profile import Profile
from desktop.core.store import Store
from tests.coze_fixtures import BOT
from tests.gui_process import assert_window_opens_read_only

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="needs root to mount a read-only filesystem",
)


@pytest.fixture
def read_only_profile(tmp_path: Path) -> Iterator[Profile]:
    """A profile with one chat, on a tmpfs remounted read-only (root ignores file modes)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=True)
    try:
        profile = Profile(mount / "profile").ensure()
        with Store.open(profile.database_path) as store:
            conversation = store.conversations.create(BOT, title="Saved chat")
            store.messages.add_question(conversation.id, "a question kept on a read-only disk")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield profile
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def run(profile: Profile, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--profile", str(profile.path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_reading_verbs_work_on_a_read_only_profile(
    read_only_profile: Profile, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(read_only_profile, capsys, "list")
    assert code == 0, err
    assert "Saved chat" in out
    code, out, err = run(read_only_profile, capsys, "show", "1")
    assert code == 0 and "a question kept on a read-only disk" in out, err
    code, out, err = run(read_only_profile, capsys, "search", "read-only disk")
    assert code == 0 and "Saved chat" in out, err
    code, out, err = run(read_only_profile, capsys, "export", "-o", str(tmp_path / "out.json"))
    assert code == 0, err
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["conversations"]
    assert "Traceback" not in err


def test_the_window_opens_a_read_only_profile_and_says_so(read_only_profile: Profile, tmp_path: Path) -> None:
    assert_window_opens_read_only(read_only_profile.path, tmp_path)
