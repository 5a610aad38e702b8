"""The bot's steps beside an answer (tool calls, their output, a knowledge recall), from a stream or a
sync, kept as rows and read as readable lines: never raw JSON, never in the answer's text."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.chat.pump import ChatPump, TurnRequest
from desktop.core.chat.turn import ChatTurn
from desktop.core.coze import CozeClient
from desktop.core.cozeserver.demo_shortcuts import DOCS_ID, WEATHER_ID
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Store
from desktop.core.sync import Puller
from desktop.core.tool_steps import KIND_OTHER, KIND_RECALL, KIND_TOOL, readable, steps_of
from tests.coze_fixtures import BOT, USER

CALL = json.dumps(
    {
        "name": "ts-byteartist-text2image",
        "arguments": {"prompt": "美丽的风景照"},
        "plugin_id": 7257418203524284472,
        "api_id": 7288904268684378171,
        "plugin_type": 1,
        "thought": "需要调用 ts-byteartist-text2image 工具",
    },
    ensure_ascii=False,
)  # the shape in Coze's docs (查看对话消息详情, 图文对话)
OUTPUT = '{"code":0,"msg":"success","data":{"images":[{"image_url":"https://example.com/a.png"}]},"log_id":"2024"}'
FINISH = '{"msg_type":"generate_answer_finish","data":"{\\"finish_reason\\":0,\\"FinData\\":\\"\\"}","from_module":null,"from_unit":null}'


def test_a_call_and_its_output_make_one_step_of_readable_lines() -> None:
    [step] = steps_of([("function_call", CALL), ("tool_response", OUTPUT), ("verbose", FINISH)])
    assert (step.kind, step.name, step.answered) == (KIND_TOOL, "ts-byteartist-text2image", True)
    assert step.arguments == (("prompt", "美丽的风景照"),)
    assert step.thought.startswith("需要调用")
    assert ("data.images[1].image_url", "https://example.com/a.png") in step.result
    assert not any("{" in value for _, value in step.result)


def test_bookkeeping_is_not_a_step_and_other_verbose_notes_are() -> None:
    assert steps_of([("verbose", FINISH)]) == []
    recall = json.dumps({"msg_type": "knowledge_recall", "data": json.dumps({"chunks": [{"slice": "片段"}]})})
    other = json.dumps({"msg_type": "time_capsule_recall", "data": "记住了"})
    kinds = [(s.kind, s.result) for s in steps_of([("verbose", recall), ("verbose", other)])]
    assert kinds == [(KIND_RECALL, (("", "片段"),)), (KIND_OTHER, (("", "记住了"),))]
    assert steps_of([("tool_output", "plain text")])[0].result == (("", "plain text"),)  # an output without a call
    assert readable("not json {") == [("", "not json {")]


def test_a_stream_keeps_its_steps_as_rows_beside_the_answer(tmp_path: Path, client: CozeClient) -> None:
    with Store.open(tmp_path / "h.db") as store:
        conversation = store.conversations.create(BOT)
        use = ShortcutUse(WEATHER_ID, "/weather", "Weather", (("city", "Paris"),))
        turn = ChatTurn.begin(store, conversation.id, "weather in Paris", shortcut=use.to_json())
        ChatPump(TurnRequest(BOT, USER, "weather in Paris", shortcut=use)).run(client, turn.apply)
        rows = store.messages.all(conversation.id)
        assert [m.type for m in rows] == ["question", "function_call", "tool_response", "answer"]
        assert len({m.coze_chat_id for m in rows[1:]}) == 1  # the chat's id ties the steps to the answer
        assert "{" not in rows[-1].content
        assert json.loads(rows[0].shortcut or "{}")["parameters"] == {"city": "Paris"}


def test_a_sync_brings_the_steps_of_a_conversation_made_elsewhere(tmp_path: Path, client: CozeClient) -> None:
    conversation = client.create_conversation(BOT)
    list(client.stream_chat(BOT, USER, "", conversation_id=conversation.id, shortcut=ShortcutUse(DOCS_ID, "/docs")))
    with Store.open(tmp_path / "h.db") as store:
        Puller(client, store).pull(BOT)
        local = store.conversations.find_by_coze_id(conversation.id)
        assert local is not None
        kinds = [m.type for m in store.messages.all(local.id)]
        assert kinds[:3] == ["question", "verbose", "answer"]


def test_the_bot_info_commands_parse(client: CozeClient) -> None:
    commands = client.get_bot(BOT).shortcut_commands
    weather = commands[0]
    assert (weather.command, weather.tool_name, weather.tool_type) == ("/weather", "weather", "plugin")
    assert [c.name for c in weather.asked] == ["city", "unit"]
    docs = commands[3]
    assert [c.name for c in docs.asked] == ["question"] and len(docs.components) == 2  # a hidden one
    assert weather.question({"city": "Paris"}) == "What is the weather in Paris today? In Celsius."
