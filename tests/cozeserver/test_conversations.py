"""Conversations and the message list."""

from __future__ import annotations

from typing import Any

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer

from .rawhttp import RawConnection, chat_body


def _create(conn: RawConnection, **body: Any) -> dict[str, Any]:
    response = conn.request("POST", "/v1/conversation/create", {"bot_id": DEMO_BOT_ID, **body}).json()
    assert response["code"] == 0
    data: dict[str, Any] = response["data"]
    return data


def _chat(conn: RawConnection, conversation_id: str, question: str) -> None:
    response = conn.request("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body(question))
    assert response.complete
    assert response.events()[-1] == ("done", '"[DONE]"')


def _list(conn: RawConnection, conversation_id: str, **body: Any) -> dict[str, Any]:
    result: dict[str, Any] = conn.request(
        "POST", f"/v1/conversation/message/list?conversation_id={conversation_id}", body
    ).json()
    assert result["code"] == 0
    return result


def test_create_returns_the_conversation_object(conn: RawConnection) -> None:
    data = _create(conn, meta_data={"k": "v"})
    assert set(data) == {"id", "created_at", "meta_data", "last_section_id"}
    assert len(data["id"]) == 19
    assert data["id"].isdigit()
    assert isinstance(data["created_at"], int)
    assert data["meta_data"] == {"k": "v"}
    assert data["last_section_id"] == data["id"]


def test_create_with_messages_stores_them(conn: RawConnection) -> None:
    conv = _create(conn, messages=[{"role": "user", "content": "earlier", "content_type": "text"}])
    messages = _list(conn, conv["id"])["data"]
    assert [(m["role"], m["type"], m["content"]) for m in messages] == [("user", "question", "earlier")]


def test_create_for_an_unknown_bot_is_4200(conn: RawConnection) -> None:
    assert conn.request("POST", "/v1/conversation/create", {"bot_id": "1"}).json()["code"] == 4200


def test_list_rename_delete(conn: RawConnection) -> None:
    ids = [_create(conn)["id"] for _ in range(3)]
    page = conn.request("GET", f"/v1/conversations?bot_id={DEMO_BOT_ID}&page_num=1&page_size=2").json()
    assert page["code"] == 0
    assert [c["id"] for c in page["data"]["conversations"]] == ids[::-1][:2]
    assert page["data"]["has_more"] is True
    last = conn.request("GET", f"/v1/conversations?bot_id={DEMO_BOT_ID}&page_num=2&page_size=2").json()
    assert [c["id"] for c in last["data"]["conversations"]] == [ids[0]]
    assert last["data"]["has_more"] is False
    ascending = conn.request("GET", f"/v1/conversations?bot_id={DEMO_BOT_ID}&sort_order=asc").json()
    assert [c["id"] for c in ascending["data"]["conversations"]] == ids

    renamed = conn.request("PUT", f"/v1/conversations/{ids[0]}", {"name": "Trip plans"}).json()
    assert renamed["data"]["name"] == "Trip plans"
    assert renamed["data"]["id"] == ids[0]
    deleted = conn.request("DELETE", f"/v1/conversations/{ids[0]}")
    assert deleted.json() == {"code": 0, "msg": "", "detail": {"logid": deleted.headers["x-tt-logid"]}}
    gone = conn.request("GET", f"/v1/conversation/retrieve?conversation_id={ids[0]}").json()
    assert gone["code"] == 4200
    assert conn.request("DELETE", f"/v1/conversations/{ids[0]}").json()["code"] == 4200


def test_list_needs_a_bot_id(conn: RawConnection) -> None:
    assert conn.request("GET", "/v1/conversations").json()["code"] == 4000


def test_a_chat_names_the_conversation_after_the_first_question(conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "Plan a trip to Hangzhou")
    listed = conn.request("GET", f"/v1/conversations?bot_id={DEMO_BOT_ID}").json()["data"]["conversations"]
    assert listed[0]["name"] == "Plan a trip to Hangzhou"
    assert listed[0]["updated_at"] >= listed[0]["created_at"]


def test_message_list_holds_each_chat_and_pages_by_cursor(conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "hello")
    _chat(conn, conv["id"], "show me a table")
    everything = _list(conn, conv["id"], order="asc")
    types = [m["type"] for m in everything["data"]]
    per_chat = ["question", "answer", "verbose", "follow_up", "follow_up", "follow_up"]
    assert types == per_chat * 2
    assert everything["has_more"] is False
    first = everything["data"][0]
    assert set(first) >= {"id", "conversation_id", "bot_id", "chat_id", "role", "content", "created_at", "meta_data"}

    ids = [m["id"] for m in everything["data"]][::-1]  # newest first
    page1 = _list(conn, conv["id"], order="desc", limit=5)
    assert [m["id"] for m in page1["data"]] == ids[:5]
    assert (page1["first_id"], page1["last_id"], page1["has_more"]) == (ids[0], ids[4], True)
    page2 = _list(conn, conv["id"], order="desc", limit=5, after_id=page1["last_id"])
    assert [m["id"] for m in page2["data"]] == ids[5:10]
    page3 = _list(conn, conv["id"], order="desc", limit=5, after_id=page2["last_id"])
    assert [m["id"] for m in page3["data"]] == ids[10:]
    assert page3["has_more"] is False
    back = _list(conn, conv["id"], order="desc", limit=5, before_id=page2["first_id"])
    assert [m["id"] for m in back["data"]] == ids[:5]


def test_message_list_limit_is_capped_at_50(conn: RawConnection) -> None:
    conv = _create(conn, messages=[{"role": "user", "content": str(i)} for i in range(60)])
    page = _list(conn, conv["id"], limit=500)
    assert len(page["data"]) == 50
    assert page["has_more"] is True


def test_message_list_filters_by_chat(server: CozeServer, conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "one")
    _chat(conn, conv["id"], "two")
    chat_id = _list(conn, conv["id"])["data"][0]["chat_id"]
    filtered = _list(conn, conv["id"], chat_id=chat_id)["data"]
    assert len(filtered) == 6
    assert {m["chat_id"] for m in filtered} == {chat_id}


def test_clear_starts_a_new_section_and_the_bot_forgets(conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "My name is Ada")
    cleared = conn.request("POST", f"/v1/conversations/{conv['id']}/clear").json()["data"]
    assert cleared["conversation_id"] == conv["id"]
    assert cleared["id"] != conv["last_section_id"]
    response = conn.request("POST", f"/v3/chat?conversation_id={conv['id']}", chat_body("What is my name?"))
    answer = response.event_json("conversation.message.completed")[0]
    assert answer["section_id"] == cleared["id"]
    assert "Ada" not in answer["content"]


def test_delete_a_message_takes_its_answer_parts_and_the_bot_forgets(conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "My name is Ada")
    _chat(conn, conv["id"], "hello")
    messages = _list(conn, conv["id"], order="asc")["data"]
    first_chat = [m for m in messages if m["chat_id"] == messages[0]["chat_id"]]
    question, answer = first_chat[0], first_chat[1]
    path = "/v1/conversation/message/delete"
    response = conn.request("POST", f"{path}?conversation_id={conv['id']}&message_id={answer['id']}").json()
    assert response["code"] == 0 and response["data"]["id"] == answer["id"] and response["data"]["type"] == "answer"
    left = [m["type"] for m in _list(conn, conv["id"], order="asc", chat_id=question["chat_id"])["data"]]
    assert left == ["question"]  # the answer took its verbose and follow-up messages with it
    chat_list = conn.request(
        "GET", f"/v3/chat/message/list?conversation_id={conv['id']}&chat_id={question['chat_id']}"
    ).json()
    assert chat_list["data"] == []
    conn.request("POST", f"{path}?conversation_id={conv['id']}&message_id={question['id']}")
    assert [m["chat_id"] for m in _list(conn, conv["id"])["data"]] != [] and all(
        m["chat_id"] != question["chat_id"] for m in _list(conn, conv["id"])["data"]
    )
    response = conn.request("POST", f"/v3/chat?conversation_id={conv['id']}", chat_body("What is my name?"))
    assert "Ada" not in response.event_json("conversation.message.completed")[0]["content"]


def test_delete_a_message_checks_its_arguments(conn: RawConnection) -> None:
    conv = _create(conn)
    _chat(conn, conv["id"], "hello")
    verbose = next(m for m in _list(conn, conv["id"])["data"] if m["type"] == "verbose")
    path = "/v1/conversation/message/delete"
    for query, code in (
        (f"conversation_id={conv['id']}", 4000),
        (f"message_id={verbose['id']}", 4000),
        (f"conversation_id={conv['id']}&message_id=123", 4000),
        (f"conversation_id={conv['id']}&message_id={verbose['id']}", 4000),
        (f"conversation_id=999&message_id={verbose['id']}", 4200),
    ):
        assert conn.request("POST", f"{path}?{query}").json()["code"] == code, query


def test_message_create_refuses_what_coze_refuses(conn: RawConnection) -> None:
    conversation = _create(conn)["id"]
    path = f"/v1/conversation/message/create?conversation_id={conversation}"
    good = {"role": "user", "content": "hi", "content_type": "text"}
    for body in (
        {k: v for k, v in good.items() if k != "role"},
        {**good, "role": "system"},
        {**good, "content": 5},
        {**good, "content_type": "audio"},
        {**good, "meta_data": {str(n): "v" for n in range(17)}},
        {**good, "meta_data": {"k" * 65: "v"}},
    ):
        refused = conn.request("POST", path, body).json()
        assert refused["code"] == 4000, body
    unknown = conn.request("POST", "/v1/conversation/message/create?conversation_id=7", good).json()
    assert unknown["code"] == 4200
    assert _list(conn, conversation)["data"] == []  # nothing was added by a refused call
    made = conn.request("POST", path, good).json()
    assert made["code"] == 0 and made["data"]["type"] == "question" and made["data"]["chat_id"] == ""
    assert [m["id"] for m in _list(conn, conversation)["data"]] == [made["data"]["id"]]
