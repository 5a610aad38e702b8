"""The CLI never lets server text command the terminal, and bad API bases are usage errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from desktop.commands.terminal import safe_stdio
from desktop.core.cozeserver import CozeServer, Scenario
from tests.cli.verbs import ask_on_a_terminal
from tests.cli.verbs import run_ask as ask

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
    code, text, stderr = ask_on_a_terminal(server, tmp_path / "p", "hi")
    assert code == 0, stderr
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
