"""Attachments in exports: Markdown writes the files next to the .md with relative links; JSON names
them by hash; an import brings the rows back."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desktop.core.attachments.copies import LocalCopies, question_content
from desktop.core.store import Store
from desktop.core.store.transfer import import_json, write_json, write_markdown
from desktop.core.store.transfer.attachments import AttachmentAssets
from tests.images import image_bytes


def _history(store: Store, copies: LocalCopies) -> tuple[int, str, str]:
    picture = copies.keep_bytes("cat photo.png", image_bytes("PNG", 20, 10))
    report = copies.keep_bytes("report.pdf", b"%PDF-1.4\n%%EOF\n")
    gone = copies.keep_bytes("gone.txt", b"bye!!")
    conversation = store.conversations.create("7400000000000000001").id
    store.messages.add_question(conversation, *question_content("看看这些", [picture, report]))
    store.messages.add_question(conversation, *question_content("", [picture]))  # a picture alone
    store.messages.add_question(conversation, *question_content("and this", [gone]))
    (copies.folder / gone.sha256).unlink()
    return conversation, picture.sha256, report.sha256


def test_markdown_export_writes_pictures_next_to_it(store: Store, tmp_path: Path) -> None:
    copies = LocalCopies(tmp_path / "profile" / "attachments")
    conversation, picture, report = _history(store, copies)
    target = tmp_path / "out" / "my chat.md"
    target.parent.mkdir()
    out = io.StringIO()
    write_markdown(store, out, conversation, assets=AttachmentAssets.beside(copies.folder, target))
    text = out.getvalue()
    folder = target.parent / "my chat_files"
    image_name = f"{picture[:12]}-cat_photo.png"
    assert f"看看这些\n\n![cat photo.png](my%20chat_files/{image_name})" in text
    assert f"📄 [report.pdf](my%20chat_files/{report[:12]}-report.pdf) · " in text
    assert "📄 gone.txt · 5 B" in text  # its local copy is gone: named, not linked
    assert text.count(f"![cat photo.png](my%20chat_files/{image_name})") == 2  # the picture-only question too
    assert '"sha256"' not in text and "[{" not in text  # never the raw object_string
    assert (folder / image_name).read_bytes() == (copies.folder / picture).read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == sorted([image_name, f"{report[:12]}-report.pdf"])


def test_markdown_export_without_a_folder_names_the_files(store: Store, tmp_path: Path) -> None:
    conversation, _picture, _report = _history(store, LocalCopies(tmp_path / "attachments"))
    out = io.StringIO()
    write_markdown(store, out, conversation)
    assert "🖼 cat photo.png · " in out.getvalue() and "📄 report.pdf · " in out.getvalue()


def test_json_export_references_attachments_by_hash_and_import_restores_them(store: Store, tmp_path: Path) -> None:
    conversation, picture, report = _history(store, LocalCopies(tmp_path / "attachments"))
    out = io.StringIO()
    write_json(store, out, conversation)
    document = json.loads(out.getvalue())
    first = document["conversations"][0]["messages"][0]
    assert [(a["kind"], a["name"], a["mime"], a["sha256"]) for a in first["attachments"]] == [
        ("image", "cat photo.png", "image/png", picture),
        ("file", "report.pdf", "application/pdf", report),
    ]
    assert all("file_id" not in a for a in first["attachments"])  # Coze ids belong to the account
    with Store.open(tmp_path / "other.sqlite3") as other:
        import_json(other, document)
        [imported] = other.conversations.page()
        question = other.messages.all(imported.id)[0]
        assert [a.sha256 for a in other.attachments.of(question.id)] == [picture, report]
