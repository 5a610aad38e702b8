"""The CLI never lets server text command the terminal, and bad API bases are usage errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.commands.terminal import safe_stdio
from desktop.core.cozeserver import CozeServer, Scenario
from tests.cli.verbs import run_ask as ask
from tests.coze_fixtures import BOT, TOKEN

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31mred\u202etxt.exe\r\n"


def test_a_server_error_message_cannot_retitle_or_clear_the_terminal(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("json_error", code=4000, msg=f"bad {HOSTILE} request"))
    code, _, err = ask(capsys, tmp_path, "hello")
    assert code == 1
    assert "bad ]0;pwned[2J31mredtxt.exe\n request" in err
    assert not any(ch in err for ch in "\x1b\x07\x9b\u202e\r")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stdout_is_filtered_on_a_terminal_and_exact_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        monkeypatch.setattr(sys, "stdout", stream)
        with safe_stdio():
            print(HOSTILE, end="")
    assert terminal.getvalue() == "]0;pwned[2J31mredtxt.exe\n"
    assert pipe.getvalue() == HOSTILE


def test_an_answer_on_a_real_terminal_is_clean(server: CozeServer, tmp_path: Path) -> None:
    server.queue(Scenario("framing", text=f"answer {HOSTILE}end"))
    controller, device = os.openpty()
    env = {**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), "ask", "hi"],
            stdout=device,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
        os.close(device)
        device = -1
        printed = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            printed += chunk
    finally:
        os.close(controller)
        if device >= 0:
            os.close(device)
    assert done.returncode == 0, done.stderr
    text = printed.decode()
    assert "answer ]0;pwned[2J31mredtxt.exe" in text
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text


@pytest.mark.parametrize(
    ("value", "said"),
    [("", "the API base is empty"), ("   ", "the API base is empty"), ("http://[::1", "not a valid web address")],
)
def test_a_bad_api_base_is_a_usage_error(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, said: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        ask(capsys, tmp_path, "--api-base", value, "hello")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not (tmp_path / "profile").exists(), "nothing was asked, nothing was stored"


def test_a_malformed_api_base_from_the_environment_is_a_message(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COZE_API_BASE", "http://[::1")
    code, _, err = ask(capsys, tmp_path, "hello")
    assert code == 2 and "bad API base" in err
