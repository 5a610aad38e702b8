"""`/v1/files/upload` and `/v1/files/retrieve` over a real socket, with Coze's limits and errors,
and object_string questions whose files the demo bot describes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer, Scenario
from tests.images import image_bytes

AUTH = {"Authorization": f"Bearer {DEMO_TOKEN}"}


def _upload(server: CozeServer, name: str, data: bytes, field: str = "file") -> dict[str, Any]:
    response = requests.post(
        server.base_url + "/v1/files/upload", headers=AUTH, files={field: (name, data)}, timeout=10
    )
    assert response.headers["x-tt-logid"]
    body: dict[str, Any] = response.json()
    return body


def test_upload_and_retrieve(server: CozeServer) -> None:
    data = image_bytes("PNG", 20, 10)
    body = _upload(server, "图.png", data)
    assert body["code"] == 0
    info = body["data"]
    assert set(info) == {"id", "bytes", "created_at", "file_name"}
    assert (info["bytes"], info["file_name"]) == (len(data), "图.png")
    assert len(info["id"]) == 19
    again = requests.get(
        server.base_url + "/v1/files/retrieve", headers=AUTH, params={"file_id": info["id"]}, timeout=10
    ).json()
    assert again["data"] == info
    assert server.uploads.get(info["id"]) is not None


@pytest.mark.parametrize(
    ("name", "data", "field", "code"),
    [
        ("a.png", b"", "file", 4302),  # empty
        ("a.jpg", image_bytes("PNG"), "file", 4000),  # content does not match the extension
        ("a.exe", b"MZ\x90\x00" + bytes(100), "file", 4301),  # not a supported type
        ("a.png", image_bytes("PNG"), "upload", 4000),  # no part named file
    ],
)
def test_upload_refusals(server: CozeServer, name: str, data: bytes, field: str, code: int) -> None:
    body = _upload(server, name, data, field)
    assert body["code"] == code
    assert body["detail"]["logid"]
    assert not server.uploads.ids()


def test_upload_size_limit(server: CozeServer) -> None:
    server.max_upload_bytes = 1000
    body = _upload(server, "a.txt", b"x" * 200_000)
    assert body["code"] == 4300
    assert "1000 B" in body["msg"]
    assert _upload(server, "b.txt", b"x" * 900)["code"] == 0


@pytest.mark.parametrize("code", [4300, 4301, 4302, 4303, 4304])
def test_scripted_upload_errors(server: CozeServer, code: int) -> None:
    server.queue(Scenario("upload_error", code=code))
    assert _upload(server, "a.txt", b"hello")["code"] == code
    assert _upload(server, "a.txt", b"hello")["code"] == 0  # one call each


def test_scripted_upload_error_over_http(server: CozeServer) -> None:
    queued = requests.post(server.base_url + "/_local/scenario", json={"name": "upload_error", "code": 4301}, timeout=5)
    assert queued.json()["code"] == 0
    assert _upload(server, "a.txt", b"hello")["code"] == 4301


def test_retrieve_unknown_file(server: CozeServer) -> None:
    body = requests.get(
        server.base_url + "/v1/files/retrieve", headers=AUTH, params={"file_id": "7400000000000000000"}, timeout=5
    ).json()
    assert body["code"] == 4303


def _chat(server: CozeServer, content: str, content_type: str = "object_string") -> requests.Response:
    body = {
        "bot_id": DEMO_BOT_ID,
        "user_id": "u",
        "stream": True,
        "additional_messages": [{"role": "user", "content": content, "content_type": content_type}],
    }
    return requests.post(server.base_url + "/v3/chat", headers=AUTH, json=body, timeout=10)


def _answer(response: requests.Response) -> str:
    for block in response.text.split("\n\n"):
        if "event:conversation.message.completed" in block:
            data = json.loads(block.split("data:", 1)[1])
            if data["type"] == "answer":
                return str(data["content"])
    raise AssertionError("no completed answer")


def test_the_demo_bot_describes_what_it_received(server: CozeServer) -> None:
    image = _upload(server, "cat.png", image_bytes("PNG", 640, 480))["data"]["id"]
    doc = _upload(server, "notes.txt", b"some notes")["data"]["id"]
    content = json.dumps(
        [
            {"type": "text", "text": "what is this?"},
            {"type": "image", "file_id": image},
            {"type": "file", "file_id": doc},
        ]
    )
    answer = _answer(_chat(server, content))
    assert "I received **2 files**" in answer
    assert "| cat.png | PNG image |" in answer
    assert "640 × 480" in answer
    assert "| notes.txt | text file | 10 B | – |" in answer


def test_nulls_as_cozepy_writes_them_are_accepted(server: CozeServer) -> None:
    image = _upload(server, "cat.jpg", image_bytes("JPEG", 8, 8))["data"]["id"]
    content = json.dumps(
        [
            {"type": "text", "text": "你看", "file_id": None, "file_url": None},
            {"type": "image", "text": None, "file_id": image, "file_url": None},
        ]
    )
    answer = _answer(_chat(server, content))
    assert "我收到了 **1 个文件**" in answer
    assert "JPEG 图片" in answer


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([{"type": "text", "text": "only text"}], 4000),
        (
            [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}, {"type": "file", "file_url": "https://x/y"}],
            4000,
        ),
        ([{"type": "image"}], 4000),
        ([{"type": "image", "file_id": "7400000000000000000"}], 4303),
        ([{"type": "video", "file_id": "1"}], 4000),
    ],
)
def test_object_string_rules(server: CozeServer, items: list[dict[str, Any]], code: int) -> None:
    body = _chat(server, json.dumps(items)).json()
    assert body["code"] == code


def test_object_string_that_is_not_json(server: CozeServer) -> None:
    assert _chat(server, "[not json").json()["code"] == 4000


def test_a_forgotten_file_can_fail_the_chat_mid_stream(server: CozeServer) -> None:
    """Scenario `file_failed`: the chat is taken and then fails, as cozepy and coze-js read it: event
    `conversation.chat.failed` whose data is the chat with `status: failed` and `last_error {code, msg}`."""
    image = _upload(server, "cat.png", image_bytes("PNG", 8, 8))["data"]["id"]
    server.uploads.forget(image)
    server.queue(Scenario("file_failed"))
    response = _chat(server, json.dumps([{"type": "image", "file_id": image}]))
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [block.split("\n", 1)[0] for block in response.text.strip().split("\n\n")]
    assert events == [
        "event:conversation.chat.created",
        "event:conversation.chat.in_progress",
        "event:conversation.chat.failed",
        "event:done",
    ]
    failed = json.loads(
        response.text.split("event:conversation.chat.failed\n", 1)[1].split("data:", 1)[1].split("\n")[0]
    )
    assert failed["status"] == "failed" and failed["last_error"]["code"] == 4303 and failed["last_error"]["msg"]


def test_file_failed_answers_normally_when_every_file_is_known(server: CozeServer) -> None:
    image = _upload(server, "cat.png", image_bytes("PNG", 8, 8))["data"]["id"]
    server.queue(Scenario("file_failed"))
    assert "cat.png" in _answer(_chat(server, json.dumps([{"type": "image", "file_id": image}])))
