"""Text that is not valid Unicode in a request (half a surrogate pair as a \\u escape, bytes that are not
UTF-8): Coze's Go server reads each as U+FFFD (encoding/json) and answers. This server used to keep the lone
surrogate, fail to encode the answer's stream and drop the connection, leaving the conversation occupied:
the next chat in it got 4016 although nothing was running."""

from __future__ import annotations

import json

import pytest

from desktop.core.cozeserver import DEMO_BOT_ID

from .rawhttp import RawConnection, chat_body


def _new_conversation(conn: RawConnection) -> str:
    conversation_id: str = conn.request("POST", "/v1/conversation/create", {"bot_id": DEMO_BOT_ID}).json()["data"]["id"]
    return conversation_id


def _completed(response_body: bytes) -> bool:
    return b"event:conversation.chat.completed" in response_body


@pytest.mark.parametrize(
    "body",
    [
        json.dumps(chat_body("half a pair \ud83d here")).encode(),  # json.dumps writes it as \\ud83d
        json.dumps(chat_body("a low half \udc00 alone", stream=False)).encode(),
        json.dumps(chat_body("bytes: @@")).encode().replace(b"@@", b"\xff\xfe\xc3"),
    ],
    ids=["lone-high-surrogate", "lone-low-surrogate-not-streamed", "not-utf8"],
)
def test_invalid_text_is_read_as_replacement_characters_and_frees_the_conversation(
    conn: RawConnection, body: bytes
) -> None:
    conversation = _new_conversation(conn)
    first = conn.request("POST", f"/v3/chat?conversation_id={conversation}", body)
    assert first.status == 200 and first.complete
    if first.headers["content-type"].startswith("text/event-stream"):
        assert _completed(first.body)
    else:
        assert first.json()["code"] == 0
    listed = conn.request("POST", f"/v1/conversation/message/list?conversation_id={conversation}", {}).json()
    assert listed["code"] == 0
    question = next(m for m in listed["data"] if m["role"] == "user")
    assert "\ufffd" in question["content"]  # what Coze stores: one U+FFFD per bad piece, never an error
    after = conn.request("POST", f"/v3/chat?conversation_id={conversation}", chat_body("and now?"))
    assert after.status == 200 and _completed(after.body), after.body[:300]  # before: 4016, occupied


def test_a_valid_surrogate_pair_stays_the_character_it_names(conn: RawConnection) -> None:
    conversation = _new_conversation(conn)
    conn.request("POST", f"/v3/chat?conversation_id={conversation}", chat_body("smile 😀"))
    listed = conn.request("POST", f"/v1/conversation/message/list?conversation_id={conversation}", {}).json()
    assert next(m for m in listed["data"] if m["role"] == "user")["content"] == "smile 😀"
