"""The `framing` options, which every stream scenario accepts."""

from __future__ import annotations

import json

import pytest

from desktop.core.cozeserver import CozeServer, Scenario

from .rawhttp import RawConnection, RawResponse, chat_body

QUESTION = "你好 hello"


def play(server: CozeServer, conn: RawConnection, **framing: object) -> RawResponse:
    server.queue(Scenario("framing", text="中文 and English 混合的回答。", **framing))
    response = conn.request("POST", "/v3/chat", chat_body(QUESTION))
    assert response.complete
    return response


def normalized(response: RawResponse) -> tuple[list[str], str]:
    """Event names and the text of the deltas: what must not depend on framing."""
    events = response.events()
    text = "".join(json.loads(data)["content"] for name, data in events if name == "conversation.message.delta")
    names = [name for name, _ in events if name != "conversation.message.delta"]
    return names, text


@pytest.mark.parametrize("line_ending", ["\r\n", "\r"])
def test_line_endings(server: CozeServer, conn: RawConnection, line_ending: str) -> None:
    plain = play(server, conn)
    framed = play(server, conn, line_ending=line_ending)
    if line_ending == "\r":
        assert b"\n" not in framed.body
    else:
        assert framed.body.count(b"\n") == framed.body.count(b"\r\n") > 0
    assert framed.body.endswith(f'data:"[DONE]"{line_ending}{line_ending}'.encode())
    assert normalized(framed) == normalized(plain)


def test_comments_and_ids(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, comments=True, ids=True)
    assert response.body.startswith(b": keep-alive\nid:1\nretry:3000\nevent:conversation.chat.created\ndata:{")
    assert b"\nid:2\nevent:conversation.chat.in_progress\n" in response.body
    assert response.body.count(b": keep-alive\n") == len(response.events())


def test_multiline_data_is_pretty_printed_json(server: CozeServer, conn: RawConnection) -> None:
    plain = play(server, conn)
    response = play(server, conn, multiline_data=True)
    assert b'data:{\ndata:  "id": "' in response.body
    assert normalized(response) == normalized(plain)


def test_no_trailing_blank_line(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, no_trailing_blank_line=True)
    assert response.body.endswith(b'\n\nevent:done\ndata:"[DONE]"\n')


def test_small_chunks_split_utf8_characters(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, chunk_size=7)
    sizes = [len(c) for c in response.chunks]
    assert max(sizes) == 7
    assert sizes.count(7) > len(sizes) * 0.9  # only the end of a flush may be shorter
    assert any(_splits_a_character(c) for c in response.chunks)
    assert response.body.decode("utf-8")  # the whole body is still valid


def test_all_options_together(server: CozeServer, conn: RawConnection) -> None:
    plain = play(server, conn)
    options = {"line_ending": "\r\n", "comments": True, "ids": True, "multiline_data": True, "chunk_size": 5}
    response = play(server, conn, no_trailing_blank_line=True, **options)
    assert normalized(response) == normalized(plain)


def test_framing_applies_to_other_scenarios(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("chat_failed", after_deltas=1, line_ending="\r\n", chunk_size=3))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert b"\r\nevent:conversation.chat.failed\r\n" in response.body
    assert max(len(c) for c in response.chunks) == 3


def _splits_a_character(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
