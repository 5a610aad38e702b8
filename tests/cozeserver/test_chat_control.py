"""Chat validation, 4016 concurrency, cancel, retrieve, non-streamed chats, tool outputs."""

from __future__ import annotations

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario

from .rawhttp import RawConnection, chat_body, wait_until


def _new_conversation(conn: RawConnection) -> str:
    conversation_id: str = conn.request("POST", "/v1/conversation/create", {"bot_id": DEMO_BOT_ID}).json()["data"]["id"]
    return conversation_id


def _open_stalled_stream(server: CozeServer, conversation_id: str) -> tuple[RawConnection, str]:
    """A stream that sent its first events and then waits; returns (connection, chat_id)."""
    server.queue(Scenario("stall", after_deltas=1, seconds=30))
    stream = RawConnection(server.port)
    stream.send("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body("hello"))
    head = stream.read_head()
    assert head.status == 200
    first = stream.read_chunk()
    assert first is not None
    chat_id = first.split(b'"id":"')[1].split(b'"')[0].decode()
    return stream, chat_id


def test_missing_fields_are_4000(conn: RawConnection) -> None:
    for missing in ("bot_id", "user_id"):
        body = chat_body("hello")
        del body[missing]
        response = conn.request("POST", "/v3/chat", body).json()
        assert response["code"] == 4000
        assert response["msg"] == f"invalid parameter: {missing} is required"


def test_unknown_bot_is_4200_and_unpublished_is_4015(server: CozeServer, conn: RawConnection) -> None:
    assert conn.request("POST", "/v3/chat", chat_body("hi", bot_id="7000000000000000000")).json()["code"] == 4200
    server.add_bot("7000000000000000001", name="Draft", published=False)
    response = conn.request("POST", "/v3/chat", chat_body("hi", bot_id="7000000000000000001"))
    assert response.status == 200
    body = response.json()
    assert body["code"] == 4015
    assert body["msg"].startswith("The bot_id 7000000000000000001 has not been published to the channel Agent As API")


def test_unknown_conversation_is_4002_invalid_conversation(conn: RawConnection) -> None:
    body = conn.request("POST", "/v3/chat?conversation_id=123", chat_body("hi")).json()
    assert body["code"] == 4002
    assert body["msg"] == "invalid conversation: conversation_id 123 does not exist"


def test_second_chat_in_a_busy_conversation_is_4016(server: CozeServer, conn: RawConnection) -> None:
    conversation_id = _new_conversation(conn)
    stream, chat_id = _open_stalled_stream(server, conversation_id)
    with stream:
        busy = conn.request("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body("again")).json()
        assert busy["code"] == 4016
        other = _new_conversation(conn)  # other conversations are not blocked
        assert conn.request("POST", f"/v3/chat?conversation_id={other}", chat_body("hi")).complete
        retrieved = conn.request("POST", f"/v3/chat/retrieve?conversation_id={conversation_id}&chat_id={chat_id}")
        assert retrieved.json()["data"]["status"] == "in_progress"
    wait_until(lambda: server.open_streams == 0)  # the server noticed the client left
    assert conn.request("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body("again")).complete


def test_cancel_frees_the_conversation_and_is_recorded(server: CozeServer, conn: RawConnection) -> None:
    conversation_id = _new_conversation(conn)
    stream, chat_id = _open_stalled_stream(server, conversation_id)
    with stream:
        cancel = {"conversation_id": conversation_id, "chat_id": chat_id}
        response = conn.request("POST", "/v3/chat/cancel", cancel).json()
        assert response["code"] == 0
        assert response["data"]["status"] == "canceled"
        assert response["data"]["id"] == chat_id
        assert server.cancelled_chats == {(conversation_id, chat_id)}
        assert server.open_streams == 1  # like Coze, cancel does not end the stream
        again = conn.request("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body("again"))
        assert again.complete
        assert conn.request("POST", "/v3/chat/cancel", cancel).json()["code"] == 4104
    wait_until(lambda: server.open_streams == 0)


def test_cancel_of_an_unknown_chat_is_4200_but_recorded(server: CozeServer, conn: RawConnection) -> None:
    response = conn.request("POST", "/v3/chat/cancel", {"conversation_id": "1", "chat_id": "2"})
    assert response.json()["code"] == 4200
    assert ("1", "2") in server.cancelled_chats


def test_retrieve_after_a_stream_is_completed(conn: RawConnection) -> None:
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    created = response.event_json("conversation.chat.created")[0]
    query = f"conversation_id={created['conversation_id']}&chat_id={created['id']}"
    chat = conn.request("POST", f"/v3/chat/retrieve?{query}").json()["data"]
    assert chat["status"] == "completed"
    assert chat["usage"] == response.event_json("conversation.chat.completed")[0]["usage"]


def test_non_streamed_chat_is_in_progress_then_completed(conn: RawConnection) -> None:
    response = conn.request("POST", "/v3/chat", chat_body("hello", stream=False))
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    chat = response.json()["data"]
    assert chat["status"] == "in_progress"
    query = f"conversation_id={chat['conversation_id']}&chat_id={chat['id']}"
    assert conn.request("GET", f"/v3/chat/retrieve?{query}").json()["data"]["status"] == "completed"
    messages = conn.request("GET", f"/v3/chat/message/list?{query}").json()["data"]
    assert [m["type"] for m in messages] == ["answer", "verbose", "follow_up", "follow_up", "follow_up"]


def test_non_streamed_chat_must_save_history(conn: RawConnection) -> None:
    body = chat_body("hello", stream=False, auto_save_history=False)
    assert conn.request("POST", "/v3/chat", body).json()["code"] == 4000


def test_requires_action_then_submit_tool_outputs(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("requires_action", function="get_weather", arguments={"city": "Hangzhou"}))
    response = conn.request("POST", "/v3/chat", chat_body("weather?"))
    names = [name for name, _ in response.events()]
    assert names == [
        "conversation.chat.created",
        "conversation.chat.in_progress",
        "conversation.message.completed",
        "conversation.chat.requires_action",
        "done",
    ]
    function_call = response.event_json("conversation.message.completed")[0]
    assert function_call["type"] == "function_call"
    chat = response.event_json("conversation.chat.requires_action")[0]
    assert chat["status"] == "requires_action"
    call = chat["required_action"]["submit_tool_outputs"]["tool_calls"][0]
    assert chat["required_action"]["type"] == "submit_tool_outputs"
    assert call["function"] == {"name": "get_weather", "arguments": '{"city":"Hangzhou"}'}

    query = f"conversation_id={chat['conversation_id']}&chat_id={chat['id']}"
    outputs = {"tool_outputs": [{"tool_call_id": call["id"], "output": "sunny, 22°C"}], "stream": True}
    resumed = conn.request("POST", f"/v3/chat/submit_tool_outputs?{query}", outputs)
    assert resumed.events()[0][0] == "conversation.chat.in_progress"
    assert resumed.events()[-1] == ("done", '"[DONE]"')
    answer = next(m for m in resumed.event_json("conversation.message.completed") if m["type"] == "answer")
    assert "sunny, 22°C" in answer["content"]
    assert conn.request("GET", f"/v3/chat/retrieve?{query}").json()["data"]["status"] == "completed"
    again = conn.request("POST", f"/v3/chat/submit_tool_outputs?{query}", outputs).json()
    assert again["code"] == 4000


def test_a_chat_waiting_for_tool_outputs_cannot_be_cancelled(server: CozeServer, conn: RawConnection) -> None:
    """Coze's cancel documentation (quoted in coze-py `ChatClient.cancel`): chats that are completed, failed
    or requires_action cannot be cancelled; the only way on from requires_action is submit_tool_outputs."""
    server.queue(Scenario("requires_action"))
    chat = conn.request("POST", "/v3/chat", chat_body("weather?")).event_json("conversation.chat.requires_action")[0]
    ids = {"conversation_id": chat["conversation_id"], "chat_id": chat["id"]}
    refused = conn.request("POST", "/v3/chat/cancel", ids).json()
    assert refused["code"] == 4104
    query = f"conversation_id={chat['conversation_id']}&chat_id={chat['id']}"
    assert conn.request("GET", f"/v3/chat/retrieve?{query}").json()["data"]["status"] == "requires_action"
