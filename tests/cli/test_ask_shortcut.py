"""`ask --shortcut NAME [--param NAME=VALUE …]`: one of the bot's shortcut commands from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_shortcuts import SUMMARY_ID, WEATHER_ID
from desktop.core.profile import Profile
from desktop.core.store import Store
from tests.cli.verbs import run_ask as run
from tests.coze_fixtures import BOT


def _chat_bodies(server: CozeServer) -> list[dict[str, object]]:
    return [r.json_object() for r in server.requests if r.path == "/v3/chat"]


def test_a_command_with_inputs_sends_them_exactly(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, tmp_path, "--shortcut", "/weather", "--param", "city=Paris", "--param", "unit=Fahrenheit"
    )
    assert code == 0
    body = _chat_bodies(env)[-1]
    assert body["shortcut_command"] == {"command_id": WEATHER_ID, "parameters": {"city": "Paris", "unit": "Fahrenheit"}}
    assert body["additional_messages"] == [
        {"role": "user", "content": "What is the weather in Paris today? In Fahrenheit.", "content_type": "text"}
    ]
    assert "Paris" in out and "weather-getWeather" not in out and "{" not in out  # the answer only, no tool JSON
    with Store.open(Profile(tmp_path / "profile").database_path) as store:
        conversation = store.conversations.ids()[0]
        question = store.messages.all(conversation)[0]
        assert json.loads(question.shortcut or "{}")["command"] == "/weather"


def test_a_command_by_its_name_with_a_message_of_ones_own(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, tmp_path, "--shortcut", "summarize", "sum it up please")
    assert code == 0
    body = _chat_bodies(env)[-1]
    assert body["shortcut_command"] == {"command_id": SUMMARY_ID}
    assert body["additional_messages"][0]["content"] == "sum it up please"  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ("--shortcut", "/nope"),
            "has no shortcut command '/nope' (it has: /weather, /translate, /summary, /docs, /look)",
        ),
        (("--shortcut", "weather", "--param", "country=FR"), "has no input 'country' (its inputs: city, unit)"),
    ],
)
def test_unknown_commands_and_inputs_are_usage_errors(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    code, _, err = run(capsys, tmp_path, *args)
    assert code == 2 and needle in err
    assert _chat_bodies(env) == []


def test_a_file_input_takes_a_path_and_sends_the_uploaded_file_as_coze_js_does(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from desktop.core.cozeserver.demo_shortcuts import LOOK_ID
    from tests.images import image_bytes

    picture = tmp_path / "cat.png"
    picture.write_bytes(image_bytes("PNG", 64, 48))
    code, out, _ = run(capsys, tmp_path, "--shortcut", "/look", "--param", f"file={picture}")
    assert code == 0
    [file_id] = env.uploads.ids()
    body = _chat_bodies(env)[-1]
    assert body["shortcut_command"] == {
        "command_id": LOOK_ID,
        "parameters": {"file": f'{{"type":"image","file_id":"{file_id}"}}'},
    }
    assert "cat.png" in out and "64 × 48" in out
    with Store.open(Profile(tmp_path / "profile").database_path) as store:  # kept so the window can ask again
        question = store.messages.all(store.conversations.ids()[0])[0]
        [item] = json.loads(question.shortcut or "{}")["file_items"].values()
        assert item["file_id"] == file_id and item["name"] == "cat.png" and len(item["sha256"]) == 64
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"plain text")
    code, _, err = run(capsys, tmp_path, "--shortcut", "/look", "--param", f"file={fake}")
    assert code != 0 and "fake.png" in err and len(env.uploads.ids()) == 1


HOSTILE_COMMANDS = [
    {"id": "11", "command": "/dup", "name": "First", "description": "one"},
    {"id": "12", "command": "/dup", "name": "Second", "description": "two"},
    {"id": "13", "command": "", "name": ""},  # no name at all
    *({"id": str(100 + n), "command": f"/c{n}", "name": f"c{n}"} for n in range(5000)),
    {"id": "14", "command": "/w", "name": "w", "components": [{"name": "city"}]},
]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--shortcut", "/dup"), "the bot has 2 shortcut commands '/dup': pass the id of one (11 (/dup First), 12"),
        (("--shortcut", "/"), "--shortcut needs a command's name"),  # ran the nameless command
        (("--shortcut", "/nope"), "/c16 and 4984 more)"),  # named all 5,003 commands on one line
        (("--shortcut", "/dup", "--param", "x=1"), "pass the id of one"),
    ],
)
def test_a_hostile_command_list_is_a_clear_usage_error(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    env.add_bot(BOT, name="Hostile", shortcut_commands=HOSTILE_COMMANDS)
    code, _, err = run(capsys, tmp_path, *args)
    assert code == 2 and needle in err, err[:500]
    assert len(err) < 2000
    assert _chat_bodies(env) == []


def test_a_duplicate_command_runs_by_its_id_and_an_input_given_twice_is_refused(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.add_bot(BOT, name="Hostile", shortcut_commands=HOSTILE_COMMANDS)
    code, _, _ = run(capsys, tmp_path, "--shortcut", "12")
    assert code == 0 and _chat_bodies(env)[-1]["shortcut_command"] == {"command_id": "12"}
    code, _, err = run(capsys, tmp_path, "--shortcut", "/w", "--param", "city=a", "--param", "city=b")
    assert code == 2 and "--param city is given twice" in err  # the first value was silently dropped
