"""`coze-desktop ask --file PATH …`: uploads first, then one object_string question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from tests.cli.verbs import run_ask as run
from tests.images import image_bytes


def test_files_go_as_image_and_file_items(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = tmp_path / "photo.webp"
    image.write_bytes(image_bytes("WEBP", 320, 240))
    doc = tmp_path / "说明.txt"
    doc.write_text("第一行\n", encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "--file", str(image), "--file", str(doc), "what are these?")
    assert code == 0, err
    assert "I received **2 files**" in out
    assert "| photo.webp | WebP image |" in out and "320 × 240" in out
    assert "| 说明.txt | text file |" in out
    uploads = [r for r in env.requests if r.path == "/v1/files/upload"]
    assert len(uploads) == 2
    chat = next(r for r in env.requests if r.path == "/v3/chat").json_object()
    message = chat["additional_messages"][0]
    assert message["content_type"] == "object_string"
    items = json.loads(message["content"])
    assert [i["type"] for i in items] == ["text", "image", "file"]
    assert items[0] == {"type": "text", "text": "what are these?"}
    assert set(items[1]) == {"type", "file_id"}


def test_a_file_without_a_message(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = tmp_path / "a.pdf"
    doc.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out, _ = run(capsys, tmp_path, "--file", str(doc))
    assert code == 0
    assert "I received **1 file**" in out and "PDF document" in out
    chat = next(r for r in env.requests if r.path == "/v3/chat").json_object()
    assert json.loads(chat["additional_messages"][0]["content"])[0]["type"] == "file"


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("photo.jpg", image_bytes("PNG"), "photo.jpg is really a PNG image, not a JPEG image."),
        ("empty.txt", b"", "empty.txt is empty"),
    ],
)
def test_refused_files_exit_2_before_anything_is_sent(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, tmp_path, "--file", str(path), "look")
    assert code == 2
    assert needle in err
    assert out == ""
    assert not env.requests


def test_a_missing_file(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, "--file", str(tmp_path / "nope.png"), "look")
    assert code == 2
    assert "nope.png does not exist" in err


def test_an_upload_error_exits_1_and_keeps_the_question(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello")
    env.queue(Scenario("upload_error", code=4304))
    code, _, err = run(capsys, tmp_path, "--file", str(path), "keep me")
    assert code == 1
    assert "Coze code 4304" in err and "logid" in err
    assert "Coze did not accept the file." in err  # generic: the SDKs do not define 4300–4304
    assert not [r for r in env.requests if r.path == "/v3/chat"]
    with Store.open(tmp_path / "profile" / "history.sqlite3") as store:
        conversation = store.conversations.page()[0]
        texts = [m.content for m in store.messages.all(conversation.id)]
    assert "keep me" in texts


def test_an_upload_error_is_said_in_the_profiles_language(
    env: CozeServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Coze's file errors were said in English only, whatever the language (they had their own sentence
    beside the error table); now they are a kind of the table, in Chinese and English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    path = tmp_path / "a.txt"
    path.write_text("hello")
    env.queue(Scenario("upload_error", code=4301))
    code, _, err = run(capsys, tmp_path, "--file", str(path), "keep me")
    assert code == 1
    assert "扣子没有接受这个文件。" in err and "512 MB" in err, err
    assert "Coze did not accept" not in err


def test_pictures_and_files_in_an_answer_print_as_urls(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    items = (
        '[{"type":"text","text":"Here:"},{"type":"image","file_url":"https://cdn.example/a.png"},'
        '{"type":"file","name":"r.pdf","size":3,"file_url":"https://cdn.example/r.pdf"}]'
    )
    env.queue(Scenario("framing", text=items))
    code, out, _ = run(capsys, tmp_path, "show me")
    assert code == 0
    assert out == "Here:\nhttps://cdn.example/a.png\nhttps://cdn.example/r.pdf\n"


def test_the_demo_bot_draws(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "draw me a sunset")
    assert code == 0
    assert f"![A sunset over green hills]({env.base_url}/_local/draw/" in out
