"""The normal streamed answer: headers, framing, event order, objects, and the demo bot's memory."""

from __future__ import annotations

import json
import re
from typing import Any

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer

from .rawhttp import LOGID, RawConnection, RawResponse, chat_body

EVENT_BLOCK = re.compile(rb"event:[a-z._]+\ndata:[^\n]+\n\n")
CHAT_KEYS = ["id", "conversation_id", "bot_id", "created_at", "last_error", "status", "usage", "section_id"]
MESSAGE_KEYS = [
    "id",
    "conversation_id",
    "bot_id",
    "role",
    "type",
    "content",
    "content_type",
    "chat_id",
    "section_id",
    "reasoning_content",
    "created_at",
]


def ask(conn: RawConnection, question: str, conversation_id: str | None = None, **extra: Any) -> RawResponse:
    path = "/v3/chat" if conversation_id is None else f"/v3/chat?conversation_id={conversation_id}"
    return conn.request("POST", path, chat_body(question, **extra))


def answer_of(response: RawResponse) -> dict[str, Any]:
    answers = [m for m in response.event_json("conversation.message.completed") if m["type"] == "answer"]
    assert len(answers) == 1
    return answers[0]


def test_stream_headers_and_exact_framing(conn: RawConnection) -> None:
    response = ask(conn, "hello")
    assert response.status == 200
    assert response.complete
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["transfer-encoding"] == "chunked"
    assert response.headers["cache-control"] == "no-cache"
    assert LOGID.match(response.headers["x-tt-logid"])
    assert "content-length" not in response.headers
    assert EVENT_BLOCK.sub(b"", response.body) == b""  # nothing but `event:X\ndata:Y\n\n` blocks
    assert response.body.startswith(b"event:conversation.chat.created\ndata:{")
    assert response.body.endswith(b'\n\nevent:done\ndata:"[DONE]"\n\n')


def test_event_order_of_a_plain_answer(conn: RawConnection) -> None:
    names = [name for name, _ in ask(conn, "hello").events()]
    deltas = names.count("conversation.message.delta")
    assert deltas > 50
    assert names == [
        "conversation.chat.created",
        "conversation.chat.in_progress",
        *["conversation.message.delta"] * deltas,
        *["conversation.message.completed"] * 5,
        "conversation.chat.completed",
        "done",
    ]


def test_chat_objects_look_like_coze(conn: RawConnection) -> None:
    response = ask(conn, "hello")
    created = response.event_json("conversation.chat.created")[0]
    assert list(created) == CHAT_KEYS
    assert created["status"] == "created"
    assert created["bot_id"] == DEMO_BOT_ID
    assert created["last_error"] == {"code": 0, "msg": ""}
    assert created["usage"] == {"token_count": 0, "output_count": 0, "input_count": 0}
    assert created["section_id"] == created["conversation_id"]
    assert response.event_json("conversation.chat.in_progress")[0]["status"] == "in_progress"
    completed = response.event_json("conversation.chat.completed")[0]
    assert completed["id"] == created["id"]
    assert completed["status"] == "completed"
    assert completed["completed_at"] >= completed["created_at"]
    usage = completed["usage"]
    assert usage["input_count"] > 100
    assert usage["output_count"] > 50
    assert usage["token_count"] == usage["input_count"] + usage["output_count"]


def test_deltas_add_up_to_the_completed_answer(conn: RawConnection) -> None:
    response = ask(conn, "hello")
    deltas = response.event_json("conversation.message.delta")
    assert all(list(d) == MESSAGE_KEYS for d in deltas)
    answer = answer_of(response)
    assert {d["id"] for d in deltas} == {answer["id"]}
    assert {(d["role"], d["type"], d["content_type"]) for d in deltas} == {("assistant", "answer", "text")}
    assert "".join(d["content"] for d in deltas) == answer["content"]
    assert all(1 <= len(d["content"]) <= 40 for d in deltas)
    chat_id = response.event_json("conversation.chat.created")[0]["id"]
    assert {d["chat_id"] for d in deltas} == {chat_id}


def test_verbose_and_follow_ups_follow_the_answer(conn: RawConnection) -> None:
    completed = ask(conn, "hello").event_json("conversation.message.completed")
    assert [m["type"] for m in completed] == ["answer", "verbose", "follow_up", "follow_up", "follow_up"]
    verbose = json.loads(completed[1]["content"])
    assert verbose == {
        "msg_type": "generate_answer_finish",
        "data": '{"finish_reason":0,"FinData":""}',
        "from_module": None,
        "from_unit": None,
    }
    assert all(m["content"] and m["role"] == "assistant" for m in completed[2:])
    assert len({m["id"] for m in completed}) == 5


def test_why_questions_stream_reasoning_first(conn: RawConnection) -> None:
    response = ask(conn, "Why is the sky blue?")
    deltas = response.event_json("conversation.message.delta")
    thinking = [d for d in deltas if d["reasoning_content"]]
    assert thinking
    assert deltas[: len(thinking)] == thinking  # all reasoning comes before the answer
    assert all(d["content"] == "" for d in thinking)
    answer = answer_of(response)
    assert answer["reasoning_content"] == "".join(d["reasoning_content"] for d in thinking)
    assert "".join(d["content"] for d in deltas) == answer["content"]
    assert "> Why is the sky blue?" in answer["content"]


def test_markdown_variety_by_keyword(conn: RawConnection) -> None:
    code = answer_of(ask(conn, "show me some python code"))["content"]
    assert "```python\n" in code
    assert "`" in code.replace("```", "")
    table = answer_of(ask(conn, "make a table"))["content"]
    assert "|---|" in table
    default = answer_of(ask(conn, "Tell me about tea"))["content"]
    for mark in ("## ", "\n- ", "|---|", "```python", "> Tell me about tea"):
        assert mark in default
    long = answer_of(ask(conn, "give me a long answer"))["content"]
    assert len(long.encode()) >= 10_000
    greeting = answer_of(ask(conn, "hi"))["content"]
    assert greeting.startswith("## Hello")


def test_chinese_questions_get_chinese_answers_in_small_deltas(conn: RawConnection) -> None:
    response = ask(conn, "你好，你能做什么？")
    answer = answer_of(response)
    assert answer["content"].startswith("## 你好")
    follow_ups = [m["content"] for m in response.event_json("conversation.message.completed")[2:]]
    assert all(re.search(r"[\u4e00-\u9fff]", q) for q in follow_ups)
    chinese = [
        d["content"]
        for d in response.event_json("conversation.message.delta")
        if re.fullmatch(r"[\u4e00-\u9fff]+", d["content"])
    ]
    assert chinese
    assert max(len(piece) for piece in chinese) <= 4


def test_conversation_id_travels_in_the_query(server: CozeServer, conn: RawConnection) -> None:
    conversation_id = conn.request("POST", "/v1/conversation/create", {"bot_id": DEMO_BOT_ID}).json()["data"]["id"]
    response = ask(conn, "hello", conversation_id)
    assert response.event_json("conversation.chat.created")[0]["conversation_id"] == conversation_id
    assert server.requests[-1].query == {"conversation_id": conversation_id}
    assert server.requests[-1].json["additional_messages"][0]["content"] == "hello"


def test_without_conversation_id_a_new_conversation_is_made(server: CozeServer, conn: RawConnection) -> None:
    first = ask(conn, "hello").event_json("conversation.chat.created")[0]["conversation_id"]
    second = ask(conn, "hello").event_json("conversation.chat.created")[0]["conversation_id"]
    assert first != second
    assert "conversation_id" not in server.requests[-1].query


def test_the_bot_remembers_earlier_turns(conn: RawConnection) -> None:
    conversation_id = ask(conn, "My name is Ada.").event_json("conversation.chat.created")[0]["conversation_id"]
    second = answer_of(ask(conn, "What is my name?", conversation_id))["content"]
    assert "Your name is **Ada**" in second
    assert "2nd exchange" in second
    assert "“My name is Ada.”" in second
    third = answer_of(ask(conn, "hello", conversation_id))["content"]
    assert "3rd exchange" in third
    assert "Hello, Ada!" in third
    other = answer_of(ask(conn, "What is my name?"))["content"]  # a new conversation
    assert "I don't know your name yet" in other


def test_the_bot_remembers_in_chinese(conn: RawConnection) -> None:
    conversation_id = ask(conn, "我叫小明。").event_json("conversation.chat.created")[0]["conversation_id"]
    answer = answer_of(ask(conn, "我叫什么？", conversation_id))["content"]
    assert "你叫 **小明**" in answer
    assert "第 2 轮对话" in answer


def test_without_auto_save_history_nothing_is_kept(conn: RawConnection) -> None:
    response = ask(conn, "My name is Bo", auto_save_history=False)
    conversation_id = response.event_json("conversation.chat.created")[0]["conversation_id"]
    listed = conn.request("POST", f"/v1/conversation/message/list?conversation_id={conversation_id}", {}).json()
    assert listed["data"] == []
    assert "Bo" not in answer_of(ask(conn, "What is my name?", conversation_id))["content"]


def test_meta_data_is_echoed_in_chat_objects(conn: RawConnection) -> None:
    response = ask(conn, "hello", meta_data={"source": "desktop"})
    assert response.event_json("conversation.chat.created")[0]["meta_data"] == {"source": "desktop"}


def test_object_string_questions_are_understood(conn: RawConnection) -> None:
    content = json.dumps([{"type": "text", "text": "make a table"}, {"type": "image", "file_url": "http://x/y.png"}])
    body = chat_body("")
    body["additional_messages"] = [{"role": "user", "content": content, "content_type": "object_string"}]
    response = conn.request("POST", "/v3/chat", body)
    assert "|---|" in answer_of(response)["content"]


def test_a_huge_question_is_answered_from_its_start(conn: RawConnection) -> None:
    """The demo reads a question's first 2,000 characters (demo_bot.READ_CHARS), for "draw" too: before, the
    word at the end of a 100,000-character question made it draw (a scan of the whole text on the server's
    thread, ~50 ms of GIL for 4 MB, when the demo runs in the app)."""
    question = "summarise this log line\n" * 4_200 + "and draw"
    answer = answer_of(ask(conn, question))["content"]
    assert "_local/draw" not in answer and "_(the first 2,000 of 100,808 characters)_" in answer
    assert "_local/draw" in answer_of(ask(conn, "please draw"))["content"]
