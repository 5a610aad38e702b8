"""`ask` on a profile it cannot write (a read-only disk, a folder of another user): one sentence, no question is
sent and nothing is lost. Before, it ended in a traceback: the settings' lock (OSError, EROFS) when continuing a
chat, the history (ReadOnlyStoreError) in a new one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from tests.cli.verbs import run_verb
from tests.small_disk import needs_root, tmpfs


@needs_root
def test_ask_on_a_read_only_profile_says_so_in_one_sentence(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "disk", "size=4m") as disk:
        code, _out, err = run_verb(capsys, disk, "ask", "hello")
        assert code == 0, err
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        asked = len([r for r in env.requests if r["path"] == "/v3/chat"])
        for verb in (("ask", "--conversation-id", "1", "again"), ("ask", "--new", "a new chat")):
            code, _out, err = run_verb(capsys, disk, *verb)
            assert code != 0 and "Traceback" not in err, err
            assert err.count("\n") == 1 and "read-only" in err, err
        assert len([r for r in env.requests if r["path"] == "/v3/chat"]) == asked
