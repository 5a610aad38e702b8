"""The demo bot's shortcut commands: listed in bot info, run by `/v3/chat` with `shortcut_command`, and the
tool messages (function_call, tool_response, a knowledge recall) a command with a tool answers with."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.cozeserver.demo_shortcuts import DOCS_ID, SUMMARY_ID, WEATHER_ID

from .rawhttp import RawConnection, chat_body


def commands(conn: RawConnection) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}").json()["data"]["shortcut_commands"]
    return result


def run(conn: RawConnection, shortcut: dict[str, Any], question: str | None = None, **extra: Any) -> Any:
    body = chat_body(question or "", shortcut_command=shortcut, **extra)
    if question is None:
        body["additional_messages"] = []
    return conn.request("POST", "/v3/chat", body)


def test_bot_info_lists_the_commands_in_coze_js_shape(conn: RawConnection) -> None:
    listed = commands(conn)
    assert [c["command"] for c in listed] == ["/weather", "/translate", "/summary", "/docs", "/look"]
    for command in listed:
        assert set(command) == {
            "id", "name", "command", "description", "query_template", "icon_url", "tool", "components"
        }  # fmt: skip
        assert set(command["tool"]) == {"name", "type"}
        for component in command["components"]:
            assert {"name", "description", "type", "tool_parameter", "default_value", "is_hide"} <= set(component)
            assert component["type"] in ("text", "select", "file")
    weather = listed[0]
    assert weather["components"][1]["type"] == "select" and len(weather["components"][1]["options"]) == 2
    assert listed[2]["components"] == []


def test_a_command_with_a_tool_streams_the_call_and_its_output_before_the_answer(conn: RawConnection) -> None:
    response = run(conn, {"command_id": WEATHER_ID, "parameters": {"city": "上海"}})
    assert response.status == 200
    completed = response.event_json("conversation.message.completed")
    assert [m["type"] for m in completed[:2]] == ["function_call", "tool_response"]
    call = json.loads(completed[0]["content"])
    assert call["name"] == "weather-getWeather" and call["arguments"]["city"] == "上海"
    assert {"plugin_id", "api_id", "plugin_type", "thought"} <= set(call)
    names = [name for name, _ in response.events()]
    first_delta = names.index("conversation.message.delta")
    assert names.index("conversation.message.completed") < first_delta  # the tool ran before the answer
    answer = next(m for m in completed if m["type"] == "answer")
    assert "上海" in answer["content"]
    conversation = completed[0]["conversation_id"]
    stored = conn.request("POST", f"/v1/conversation/message/list?conversation_id={conversation}", {"order": "asc"})
    types = [m["type"] for m in stored.json()["data"]]
    assert types[:3] == ["question", "function_call", "tool_response"]
    question = stored.json()["data"][0]["content"]
    assert "上海" in question  # no question sent: the command's template, filled in, is the question


def test_parameters_arrive_exactly_and_defaults_fill_the_rest(server: CozeServer, conn: RawConnection) -> None:
    run(conn, {"command_id": WEATHER_ID, "parameters": {"unit": "华氏度"}}, "北京今天的天气怎么样？用华氏度。")
    body = server.requests[-1].json
    assert body is not None and body["shortcut_command"] == {"command_id": WEATHER_ID, "parameters": {"unit": "华氏度"}}


def test_a_knowledge_recall_comes_as_a_verbose_message(conn: RawConnection) -> None:
    completed = run(conn, {"command_id": DOCS_ID, "parameters": {"question": "令牌存在哪里"}}).event_json(
        "conversation.message.completed"
    )
    recall = json.loads(completed[0]["content"])
    assert completed[0]["type"] == "verbose" and recall["msg_type"] == "knowledge_recall"
    assert json.loads(recall["data"])["chunks"][0]["slice"]


def test_a_command_without_parameters_uses_the_conversation(conn: RawConnection) -> None:
    first = conn.request("POST", "/v3/chat", chat_body("你好"))
    conversation = first.event_json("conversation.message.completed")[0]["conversation_id"]
    response = conn.request(
        "POST",
        f"/v3/chat?conversation_id={conversation}",
        {**chat_body("请总结一下我们到目前为止的对话。"), "shortcut_command": {"command_id": SUMMARY_ID}},
    )
    answer = next(m for m in response.event_json("conversation.message.completed") if m["type"] == "answer")
    assert "你好" in answer["content"]


def test_bad_commands_and_parameters_are_refused(conn: RawConnection) -> None:
    unknown = run(conn, {"command_id": "123"}, "hi").json()
    assert unknown["code"] == 4000 and "shortcut" in unknown["msg"]
    assert run(conn, {"command_id": WEATHER_ID, "parameters": {"nope": "x"}}, "hi").json()["code"] == 4000
    assert run(conn, {"command_id": WEATHER_ID, "parameters": {"unit": "开尔文"}}, "hi").json()["code"] == 4000
    assert run(conn, {"command_id": WEATHER_ID, "parameters": {"city": 3}}, "hi").json()["code"] == 4000


def test_a_file_component_takes_an_object_string_item_as_coze_js_sends_it(
    server: CozeServer, conn: RawConnection
) -> None:
    """coze-js `ShortcutCommand.parameters`: a file component's value is an object_string item serialised to
    JSON (`handleParameters`); the demo bot's /look describes the file it names."""
    from tests.cozeserver.test_files import _upload
    from tests.images import image_bytes

    look = next(c for c in commands(conn) if c["command"] == "/look")
    assert [(c["name"], c["type"]) for c in look["components"]] == [("file", "file")]
    file_id = _upload(server, "猫.png", image_bytes("PNG", 40, 30))["data"]["id"]
    item = json.dumps({"type": "image", "file_id": file_id})
    response = run(conn, {"command_id": look["id"], "parameters": {"file": item}})
    answer = next(m for m in response.event_json("conversation.message.completed") if m["type"] == "answer")
    assert "猫.png" in answer["content"] and "40 × 30" in answer["content"]
    for bad in ("not json", json.dumps({"type": "text", "text": "x"}), json.dumps({"type": "image"})):
        assert run(conn, {"command_id": look["id"], "parameters": {"file": bad}}, "hi").json()["code"] == 4000
    gone = json.dumps({"type": "file", "file_id": "7000000000000000001"})
    assert run(conn, {"command_id": look["id"], "parameters": {"file": gone}}, "hi").json()["code"] == 4303
