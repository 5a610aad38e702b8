"""Schema 9: the files of each question in their own table, from the previous schema and from now on."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.attachments.copies import question_content
from desktop.core.attachments.local import inspect_bytes
from desktop.core.store import LATEST_VERSION, Store
from desktop.core.store.db import connect
from desktop.core.store.migrations import migrate, schema_version
from tests.images import image_bytes

PICTURE = inspect_bytes("cat.png", image_bytes("PNG", 8, 8))
REPORT = inspect_bytes("report.pdf", b"%PDF-1.4\n%%EOF\n")


def test_migration_writes_a_row_per_attached_file_of_older_questions(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = connect(db_path)
    try:
        migrate(conn, target=8)
        assert schema_version(conn) == 8
        conn.execute("INSERT INTO conversations (id, title, bot_id, created_at, updated_at) VALUES (1, 't', 'b', 1, 1)")
        content, content_type = question_content("看看这个", [PICTURE, REPORT])
        rows = [
            ("user", "question", content, content_type),
            ("user", "question", "plain question", "text"),
            ("user", "question", "[not json", "object_string"),
            ("assistant", "answer", json.dumps([{"type": "image", "sha256": "f" * 64}]), "object_string"),
        ]
        conn.executemany(
            "INSERT INTO messages (conversation_id, role, type, content, content_type, created_at, updated_at)"
            " VALUES (1, ?, ?, ?, ?, 1, 1)",
            rows,
        )
        conn.commit()
    finally:
        conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION >= 9
        question = store.messages.page(1)[0]
        assert question.content == content  # the question itself is untouched
        found = store.attachments.of(question.id)
        assert [(a.position, a.kind, a.name, a.size, a.mime, a.sha256, a.file_id) for a in found] == [
            (1, "image", "cat.png", PICTURE.size, "image/png", PICTURE.sha256, ""),
            (2, "file", "report.pdf", REPORT.size, "application/pdf", REPORT.sha256, ""),
        ]
        assert store.attachments.hashes() == {PICTURE.sha256, REPORT.sha256}  # not the answer's item


def test_a_new_question_records_its_files_and_their_coze_ids(store: Store) -> None:
    conversation = store.conversations.create("b").id
    question = store.messages.add_question(conversation, *question_content("", [PICTURE]))
    assert [a.name for a in store.attachments.of(question.id)] == ["cat.png"]
    assert store.attachments.file_ids(question.id) == {}
    store.attachments.set_file_ids(question.id, {PICTURE.sha256: "7450000000000000001"})
    assert store.attachments.file_ids(question.id) == {PICTURE.sha256: "7450000000000000001"}
    store.conversations.delete(conversation)
    assert store.attachments.of(question.id) == [] and store.attachments.hashes() == set()
