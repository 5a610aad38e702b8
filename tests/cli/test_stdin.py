"""`ask -` and `import -` read stdin: a process started with stdin closed, an endless pipe, bytes that are
not UTF-8. Each is one clear line and a usage exit code, never a traceback or a MemoryError, and a
question's bad bytes go to Coze as U+FFFD, never as lone surrogates (which broke the request)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.cozeserver import CozeServer
from tests.coze_fixtures import BOT, TOKEN


def closed_stdin() -> None:
    os.close(0)


def test_a_closed_stdin_is_a_usage_error(server: CozeServer, tmp_path: Path) -> None:
    for args in (("ask", "-"), ("import", "-")):
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), *args],
            capture_output=True,
            env={**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT},
            preexec_fn=closed_stdin,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert b"stdin is closed" in done.stderr and b"Traceback" not in done.stderr


def test_an_endless_stdin_is_refused_past_its_limit(server: CozeServer, tmp_path: Path) -> None:
    env = {**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT}
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), "ask", "-"],
            stdin=zeros,
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2 and b"--file" in done.stderr and b"Traceback" not in done.stderr

    assert not [r for r in server.requests if r.path == "/v3/chat"]


def test_bytes_that_are_not_utf8_go_as_replacement_characters(server: CozeServer, tmp_path: Path) -> None:
    env = {**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT, "LANG": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), "ask", "-"],
        input=b"\xff\xfe caf\xc3\xa9 \xc3",
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (chat,) = [r.json_object() for r in server.requests if r.path == "/v3/chat"]
    assert chat["additional_messages"][0]["content"] == "\ufffd\ufffd café \ufffd"  # type: ignore[index]
