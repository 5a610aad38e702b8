"""The client's upload and retrieve against the local server over loopback: progress, cancel,
errors with their logid, and the object_string question exactly as the server receives it."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from desktop.core.coze import CozeClient, CozeError, EventType
from desktop.core.coze.content import ContentItem, encode, parse, user_message
from desktop.core.coze.files import MultipartBody, UploadCancelled
from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, USER
from tests.images import image_bytes


def test_upload_a_file_with_progress(client: CozeClient, server: CozeServer, tmp_path: Path) -> None:
    path = tmp_path / '报告 "final".pdf'
    path.write_bytes(b"%PDF-1.7\n" + bytes(300_000))
    seen: list[tuple[int, int]] = []
    info = client.upload_file(
        MultipartBody(path.name, path, "application/pdf", progress=lambda a, b: seen.append((a, b)))
    )
    assert info.file_name == path.name  # UTF-8 name and the quote survive
    assert info.bytes == path.stat().st_size
    assert seen[-1] == (info.bytes, info.bytes)
    assert len(seen) > 3 and seen == sorted(seen)
    assert server.uploads.get(info.id) is not None
    assert client.retrieve_file(info.id) == info


def test_upload_can_be_cancelled(client: CozeClient, server: CozeServer, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_000_000)
    cancel = threading.Event()

    def progress(sent: int, total: int) -> None:
        if sent > 200_000:
            cancel.set()

    with pytest.raises(UploadCancelled):
        client.upload_file(MultipartBody(path.name, path, "text/plain", progress=progress, cancelled=cancel))
    assert not server.uploads.ids()
    # the client still works after a cancelled upload
    assert client.upload_file(MultipartBody("ok.txt", b"fine", "text/plain")).bytes == 4


@pytest.mark.parametrize("code", [4300, 4301, 4302, 4303, 4304])
def test_upload_errors_carry_code_and_logid(client: CozeClient, server: CozeServer, code: int) -> None:
    server.queue(Scenario("upload_error", code=code))
    with pytest.raises(CozeError) as caught:
        client.upload_file(MultipartBody("a.txt", b"hello", "text/plain"))
    assert caught.value.code == code
    assert caught.value.logid


def test_the_question_arrives_as_a_json_string_without_nulls(client: CozeClient, server: CozeServer) -> None:
    info = client.upload_file(MultipartBody("cat.png", image_bytes("PNG", 10, 10), "image/png"))
    content, content_type = user_message("看这张图", [ContentItem("image", file_id=info.id)])
    stream = client.stream_chat(BOT, USER, content, content_type=content_type)
    answer = "".join(e.message.content for e in stream if e.type == EventType.MESSAGE_DELTA and e.message)
    assert "10 × 10" in answer
    sent = server.requests[-1].json_object()["additional_messages"][0]
    assert sent["content_type"] == "object_string"
    assert isinstance(sent["content"], str)
    assert json.loads(sent["content"]) == [{"type": "text", "text": "看这张图"}, {"type": "image", "file_id": info.id}]
    assert "null" not in sent["content"]


def test_content_helpers() -> None:
    assert user_message("hi", []) == ("hi", "text")
    only_image = user_message("  ", [ContentItem("image", file_id="1")])
    assert only_image == ('[{"type":"image","file_id":"1"}]', "object_string")
    cozepy_style = '[{"type": "text", "text": "a", "file_id": null, "file_url": null}, {"type": "file", "text": null, "file_id": "9", "file_url": null, "name": "x.pdf", "size": 12}]'
    assert parse(cozepy_style) == [
        ContentItem("text", text="a"),
        ContentItem("file", file_id="9", name="x.pdf", size=12),
    ]
    assert parse("plain text") is None
    assert parse('{"type":"text"}') is None
    assert encode(parse('[{"type":"card","text":null}]') or []) == '[{"type":"card"}]'
