"""`ask --workflow-id` against the local server's demo chatflow: cards on stderr, exit 3, answers by text."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.store import Store
from tests.cli.verbs import run_ask as run
from tests.coze_fixtures import BOT

FLOW = ("--workflow-id", DEMO_CHATFLOW_ID, "--app-id", DEMO_APP_ID)


def _conversation(err: str) -> str:
    return next(line.split(": ", 1)[1] for line in err.splitlines() if line.startswith("conversation: "))


def _bodies(server: CozeServer, path: str) -> list[dict[str, object]]:
    return [r.json_object() for r in server.requests if r.path == path]


def test_a_question_card_prints_numbered_options_and_exits_3(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, tmp_path, *FLOW, "hello")
    assert code == 3
    assert "What would you like to plan?" in err
    assert "  1. A trip\n  2. A dinner\n  3. A study week\n" in err
    conversation = _conversation(err)
    assert f"ask --conversation-id {conversation} OPTION" in err
    assert "debug: https://www.coze.cn/work_flow?execute_id=" in err
    # The conversation was made the way the chat SDK makes an app's: by name, get-or-create.
    created = _bodies(env, "/v1/conversation/create")[0]
    assert created["app_id"] == DEMO_APP_ID and created["get_or_create"] is True
    assert created["workflow_id"] == DEMO_CHATFLOW_ID and str(created["conversation_name"]).startswith("coze-desktop-")
    chat = _bodies(env, "/v1/workflows/chat")[0]
    assert chat == {
        "workflow_id": DEMO_CHATFLOW_ID,
        "additional_messages": [{"role": "user", "content": "hello", "content_type": "text"}],
        "app_id": DEMO_APP_ID,
        "conversation_id": conversation,
        "ext": {"user_id": chat["ext"]["user_id"], "enable_card": "true"},  # type: ignore[index]
    }
    assert out.strip() == "What would you like to plan?"


def test_the_whole_flow_answered_from_the_command_line(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, _, err = run(capsys, tmp_path, *FLOW, "--param", "budget=100", "--param", "party=2=3", "hi")
    conversation = _conversation(err)
    # An option by its number sends the option's name, exactly as the SDK's button does.
    code, _, err = run(capsys, tmp_path, *FLOW, "--conversation-id", conversation, "1")
    assert code == 3
    assert "the chatflow asks for: city, date" in err
    assert _bodies(env, "/v1/workflows/chat")[1]["additional_messages"] == [
        {"role": "user", "content": "A trip", "content_type": "text"}
    ]
    code, out, _ = run(capsys, tmp_path, "--conversation-id", conversation, "city:Paris\ndate:May 1")
    assert code == 0
    assert "All set: **A trip**." in out and "- city:Paris" in out and "- date:May 1" in out
    bodies = _bodies(env, "/v1/workflows/chat")
    assert bodies[0]["parameters"] == {"budget": "100", "party": "2=3"}
    assert all(b["conversation_id"] == conversation for b in bodies)
    with Store.open(tmp_path / "profile" / "history.sqlite3") as store:
        stored = store.conversations.find_by_coze_id(conversation)
        assert stored is not None and stored.is_chatflow
        assert (stored.bot_id, stored.app_id, stored.host_bot_id) == (DEMO_CHATFLOW_ID, DEMO_APP_ID, None)
        messages = store.messages.all(stored.id)
    assert [m.content_type for m in messages if m.role == "assistant"] == ["card", "card", "text"]
    assert all(m.debug_url and m.debug_url.startswith("https://") for m in messages if m.role == "assistant")


def test_a_chatflow_in_a_bot_sends_the_bot_id(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.add_chatflow("7451000000000000999", name="Library flow")
    code, _, _ = run(capsys, tmp_path, "--workflow-id", "7451000000000000999", "--bot-id", BOT, "hi")
    assert code == 3
    assert _bodies(env, "/v1/conversation/create")[0] == {"bot_id": BOT}
    chat = _bodies(env, "/v1/workflows/chat")[0]
    assert chat["bot_id"] == BOT and "app_id" not in chat


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--workflow-id", DEMO_CHATFLOW_ID, "hi"), "exactly one of --app-id and --bot-id"),
        (("--workflow-id", DEMO_CHATFLOW_ID, "--app-id", DEMO_APP_ID, "--bot-id", BOT, "hi"), "exactly one"),
        (("--app-id", DEMO_APP_ID, "hi"), "--app-id needs --workflow-id"),
        (("--param", "a=b", "hi"), "--param is for chatflows"),
    ],
)
def test_wrong_target_flags_are_usage_errors(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    code, _, err = run(capsys, tmp_path, *args)
    assert code == 2
    assert needle in err
    assert not _bodies(env, "/v1/workflows/chat")


def test_a_bad_param_is_a_usage_error(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, tmp_path, *FLOW, "--param", "novalue", "hi")
    assert exited.value.code == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err


def test_a_chatflow_conversation_refuses_another_target(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, _, err = run(capsys, tmp_path, *FLOW, "hi")
    conversation = _conversation(err)
    code, _, err = run(capsys, tmp_path, "--conversation-id", conversation, "--bot-id", BOT, "hi")
    assert code == 2 and "talks to chatflow" in err
    code, _, err = run(capsys, tmp_path, "--workflow-id", "1", "--app-id", "2", "--conversation-id", conversation, "x")
    assert code == 2 and "another chatflow" in err


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        ({"published": False}, "Coze code 4200"),
        ({"published": False}, "Coze cannot find this chatflow, or it has not been published."),
        ({"required_parameters": ("city",)}, "missing required parameters: city"),
        ({"required_parameters": ("city",)}, "Give each one with --param KEY=VALUE"),
    ],
)
def test_chatflow_errors_exit_1(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, setup: dict[str, object], needle: str
) -> None:
    env.add_chatflow("7451000000000000998", app_id=DEMO_APP_ID, **setup)  # type: ignore[arg-type]
    code, _, err = run(capsys, tmp_path, "--workflow-id", "7451000000000000998", "--app-id", DEMO_APP_ID, "hi")
    assert code == 1
    assert needle in err
