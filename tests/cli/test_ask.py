"""`coze-desktop ask` end to end against the local Coze server: stdout, stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from tests.cli.verbs import run_ask as run
from tests.coze_fixtures import BOT, TOKEN


def test_prints_the_answer_and_the_conversation(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("framing", text="你好！I am the answer."))
    code, out, err = run(capsys, tmp_path, "hello")
    assert code == 0
    assert out == "你好！I am the answer.\n"
    assert err.strip().startswith("conversation: ")


def test_several_answers_come_out_whole_in_order(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("interleaved", text="first message", second_text="second message"))
    code, out, _ = run(capsys, tmp_path, "hi")
    assert code == 0
    assert out == "first message\n\nsecond message\n"


def test_json_prints_every_event(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "--json", "hello")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    names = [e["event"] for e in events]
    assert names[0] == "conversation.chat.created" and names[-1] == "done"
    assert events[0]["data"]["conversation_id"]
    assert "conversation.message.completed" in names


@pytest.mark.parametrize(
    ("scenario", "needle"),
    [
        (Scenario("json_error", code=4015), "Coze code 4015"),
        (Scenario("http_error_html", status=502), "HTTP 502"),
        (Scenario("chat_failed", code=5000, msg="model overloaded"), "Coze code 5000"),
    ],
)
def test_errors_exit_1_with_one_line(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, scenario: Scenario, needle: str
) -> None:
    env.queue(scenario)
    code, _, err = run(capsys, tmp_path, "hello")
    assert code == 1
    error_lines = [line for line in err.splitlines() if not line.startswith("conversation:")]
    assert len(error_lines) == 1
    assert needle in error_lines[0] and "logid" in error_lines[0]
    assert "Traceback" not in err


def test_interrupted_stream_prints_what_arrived_then_the_error(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("drop", text="alpha beta gamma delta epsilon zeta", after_deltas=3))
    code, out, err = run(capsys, tmp_path, "hello")
    assert code == 1
    assert out.strip() and "alpha beta gamma delta epsilon zeta".startswith(out.strip())
    assert "interrupted" in err.lower() or "cut off" in err.lower()


def test_usage_errors_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, tmp_path, "--bot-id", "7400000000000000001", "hello")  # (the demo bot needs none)
    assert code == 2 and "token" in err.lower()
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    code, _, err = run(capsys, tmp_path, "hello")
    assert code == 2 and "bot" in err.lower()
    with pytest.raises(SystemExit) as raised:  # a bad --api-base is refused by the argument parser
        run(capsys, tmp_path, "--bot-id", BOT, "--api-base", "http://example.com", "hello")
    assert raised.value.code == 2 and "http" in capsys.readouterr().err.lower()
    with pytest.raises(SystemExit) as raised:
        main(["ask"])
    assert raised.value.code == 2


def test_the_command_as_a_process(server: CozeServer, tmp_path: Path) -> None:
    environment = {**os.environ, "COZE_API_TOKEN": TOKEN, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--profile",
            str(tmp_path / "p"),
            "ask",
            "--api-base",
            server.base_url,
            "--bot-id",
            BOT,
            "你好",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "conversation: " in result.stderr


def test_a_conversation_continues_with_its_own_bot(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.add_bot("7400000000000000077", name="Other")
    code, _, _ = run(capsys, tmp_path, "--new", "first")
    assert code == 0
    code, _, err = run(capsys, tmp_path, "--bot-id", "7400000000000000077", "--conversation-id", "1", "again")
    assert code == 2 and "belongs to bot" in err
    code, _, _ = run(capsys, tmp_path, "--conversation-id", "1", "again")  # COZE_BOT_ID is the same bot: fine
    assert code == 0


def test_a_rate_limited_answer_is_retried_visibly(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("rate_limited", retry_after=0, code=4020))
    env.queue(Scenario("framing", text="after the retry"))
    code, out, err = run(capsys, tmp_path, "hello")
    assert code == 0 and out == "after the retry\n"
    assert "Coze code 4020" in err and "retrying in 0 s (attempt 2)" in err


def test_busy_inside_the_stream_before_the_answer_is_retried_visibly(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("error_event_first", code=4009))  # no Retry-After on a stream: the first wait, 3 s
    env.queue(Scenario("framing", text="after the retry"))
    code, out, err = run(capsys, tmp_path, "hello")
    assert code == 0 and out == "after the retry\n"
    assert "Coze code 4009" in err and "retrying in 3 s (attempt 2)" in err


def test_busy_after_answer_text_prints_it_and_is_not_sent_again(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("error_event", text="alpha beta gamma delta epsilon zeta", after_deltas=3, code=4009))
    code, out, err = run(capsys, tmp_path, "hello")
    assert code == 1 and sum(1 for r in env.requests if r.path == "/v3/chat") == 1
    assert out.strip() and "alpha beta gamma delta epsilon zeta".startswith(out.strip())
    assert "stopped this answer partway" in err and "logid" in err and "retrying" not in err


def test_a_stream_of_only_pings_times_out(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`: ping` comments keep the socket busy but are not events: --timeout counts from the last event."""
    env.queue(Scenario("pings", text="alpha beta gamma delta epsilon", after_deltas=2, count=400, every=0.05))
    code, out, err = run(capsys, tmp_path, "--timeout", "1", "hello")
    assert code == 1
    assert out.strip() and "alpha beta gamma delta epsilon".startswith(out.strip())
    assert "no data arrived in time" in err and "Traceback" not in err
    with Store.open(tmp_path / "profile" / "history.sqlite3") as store:
        answer = store.messages.page(1)[-1]
        assert answer.status == "interrupted" and answer.content == out.strip()


def test_timeout_must_be_a_positive_number(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, tmp_path, "--timeout", "0", "hello")
    assert exit_info.value.code == 2
