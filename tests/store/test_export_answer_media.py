"""The pictures and files of answers in a Markdown export: saved next to the .md (from the window's
picture cache, else fetched from the local Coze server over loopback), an expired link kept with a note;
the JSON export keeps the answer as it was, and an import brings it back unchanged."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.answer_downloads import export_fetch
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.api_media import PDF, drawing
from desktop.core.cozeserver.demo_files import drawing_answer
from desktop.core.images.cache import ImageCache
from desktop.core.profile import Profile
from desktop.core.store import NewMessage, Store
from desktop.core.store.transfer import import_json, write_json
from desktop.core.store.transfer.attachments import AttachmentAssets
from desktop.core.store.transfer.markdown import write_markdown


def _drawn(store: Store, base: str) -> int:
    """A chat where the demo bot drew (a picture, the picture as a file, a PDF), then sent a file whose
    link has expired (the server answers 404), and a picture as an object_string item."""
    conversation = store.conversations.create("7400000000000000001").id
    store.messages.add_question(conversation, "draw")
    store.messages.add(conversation, NewMessage(role="assistant", type="answer", content=drawing_answer(base, 7, "en")))
    store.messages.add_question(conversation, "and the old report?")
    expired = f"Here it is: [old.pdf]({base}/_local/media/old.pdf), see [the docs]({base}/docs/guide)."
    store.messages.add(conversation, NewMessage(role="assistant", type="answer", content=expired))
    items = [{"type": "text", "text": "Another one:"}, {"type": "image", "file_url": f"{base}/_local/draw/8.png"}]
    store.messages.add(
        conversation,
        NewMessage(role="assistant", type="answer", content=json.dumps(items), content_type="object_string"),
    )
    return conversation


def test_markdown_export_saves_the_answers_pictures_and_files(store: Store, server: CozeServer, tmp_path: Path) -> None:
    base = server.base_url
    conversation = _drawn(store, base)
    target = tmp_path / "out" / "all.md"
    target.parent.mkdir()
    out = io.StringIO()
    assets = AttachmentAssets.beside(tmp_path / "attachments", target, export_fetch(None))
    write_markdown(store, out, conversation, assets=assets)
    text = out.getvalue()
    folder = tmp_path / "out" / "all_files"
    saved = {p.name.split("-", 1)[1]: p.read_bytes() for p in folder.iterdir()}
    assert saved == {"7.png": drawing(7), "report.pdf": PDF, "8.png": drawing(8)}
    assert f"{base}/_local/draw" not in text and f"{base}/_local/media/report.pdf" not in text
    assert "![A sunset over green hills](all_files/" in text and "- [report.pdf](all_files/" in text
    assert "Another one:\n\n![](all_files/" in text and '"file_url"' not in text  # not the raw JSON
    # The expired link stays, with a note saying so; a link to a page is not a file.
    assert f"[old.pdf]({base}/_local/media/old.pdf)" in text and f"[the docs]({base}/docs/guide)" in text
    assert (
        "> *⚠ Not saved with this export (its link may have expired; the address is kept): old.pdf (HTTP 404)*" in text
    )


def test_a_picture_the_window_showed_is_saved_from_its_cache(store: Store, tmp_path: Path) -> None:
    """Coze's links expire: a picture the chat showed is in the picture cache, and saved from there."""
    gone = "http://127.0.0.1:9/_local/draw/3.png"  # nothing answers on the discard port
    conversation = store.conversations.create("7400000000000000001").id
    store.messages.add(conversation, NewMessage(role="assistant", type="answer", content=f"![sunset]({gone})"))
    cache = ImageCache(tmp_path / "cache")
    cache.put(gone, drawing(3), 320, 200)
    target = tmp_path / "chat.md"
    out = io.StringIO()
    write_markdown(
        store, out, conversation, assets=AttachmentAssets.beside(tmp_path, target, export_fetch(cache.folder))
    )
    (copy,) = (tmp_path / "chat_files").iterdir()
    assert copy.read_bytes() == drawing(3) and f"![sunset](chat_files/{copy.name})" in out.getvalue()


def test_the_cli_export_saves_them_and_json_keeps_the_answer_as_it_was(
    server: CozeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    with Store.open(profile.database_path) as store:
        _drawn(store, server.base_url)
    target = tmp_path / "all.md"
    assert main(["--profile", str(profile.path), "export", "--format", "md", "-o", str(target)]) == 0
    assert len(list((tmp_path / "all_files").iterdir())) == 3
    assert "(all_files/" in target.read_text(encoding="utf-8")
    # JSON is for import: the answers keep their addresses, and come back from an import unchanged.
    with Store.open(profile.database_path) as store:
        out = io.StringIO()
        write_json(store, out)
        before = [(m.content, m.content_type) for m in store.messages.all(1)]
    with Store.open(tmp_path / "other" / "history.sqlite3") as other:
        import_json(other, json.loads(out.getvalue()))
        assert [(m.content, m.content_type) for m in other.messages.all(1)] == before
    capsys.readouterr()


def test_the_note_on_what_was_not_saved_speaks_the_exports_language(
    store: Store, server: CozeServer, tmp_path: Path
) -> None:
    """In a Chinese export the note was the one English sentence left (walk of session 33; 5a8bb07 made the
    other labels follow the window's language)."""
    conversation = _drawn(store, server.base_url)
    target = tmp_path / "全部.md"
    out = io.StringIO()
    assets = AttachmentAssets.beside(tmp_path / "attachments", target, export_fetch(None))
    write_markdown(store, out, conversation, assets=assets, language="zh")
    text = out.getvalue()
    assert "Not saved with this export" not in text
    assert "> *⚠ 未随本次导出保存（链接可能已过期，原地址已保留）：old.pdf（HTTP 404）*" in text
