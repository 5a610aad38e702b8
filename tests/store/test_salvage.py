"""A damaged history is salvaged, not just replaced: what can still be read is copied into the fresh
one (#13 item 8). Over 64 MB the file is not checked at every open, so the first read that meets the
damage checks it then, and `show`/`export` go on with what was salvaged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.core.store import Store
from desktop.core.store.db import AUTO_CHECK_MAX_BYTES
from tests.cli.verbs import run_verb

CONVERSATIONS = 4
PER_CONVERSATION = 180
FILLER = "思考" * 50_000  # 100,000 characters (~300 KB of UTF-8) of reasoning per answer


def _history(path: Path, conversations: int = CONVERSATIONS, title: str = "对话") -> dict[int, list[str]]:
    """A history of `conversations` × PER_CONVERSATION answers; returns each conversation's texts."""
    texts: dict[int, list[str]] = {}
    with Store.open(path) as store, store.transaction():
        for i in range(conversations):
            conversation = store.conversations.create("bot1", title=f"{title} {i}")
            texts[conversation.id] = []
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        per_conversation = PER_CONVERSATION * CONVERSATIONS // conversations
        for conversation_id, bucket in texts.items():
            for j in range(per_conversation):
                text = f"answer {conversation_id}-{j} 回答"
                bucket.append(text)
                conn.execute(
                    "INSERT INTO messages (conversation_id, role, type, content, reasoning_content, created_at,"
                    " updated_at) VALUES (?, 'assistant', 'answer', ?, ?, ?, ?)",
                    (
                        conversation_id,
                        text,
                        FILLER if (conversation_id + j) % 3 == 0 else "",
                        1_700_000_000 + j,
                        1_700_000_000 + j,
                    ),
                )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return texts


def _shred_a_leaf_of(path: Path, table: str) -> int:
    """Overwrite one leaf page in the middle of `table` (as a bad sector would); returns how many rows it held."""
    conn = sqlite3.connect(path)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        leaves = conn.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,)
        ).fetchall()
    finally:
        conn.close()
    pageno, cells = leaves[len(leaves) // 2]
    with path.open("r+b") as handle:
        handle.seek((pageno - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return int(cells)


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, dict[int, list[str]], int]:
    path = tmp_path / "profile" / "history.sqlite3"
    path.parent.mkdir()
    texts = _history(path)
    assert path.stat().st_size > AUTO_CHECK_MAX_BYTES  # not checked at every open
    lost = _shred_a_leaf_of(path, "messages")
    return path, texts, lost


def test_export_of_a_big_damaged_history_salvages_what_is_readable(
    damaged: tuple[Path, dict[int, list[str]], int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, texts, lost = damaged
    original = path.read_bytes()
    out_file = tmp_path / "export.json"
    code, _out, err = run_verb(capsys, tmp_path, "export", "-o", str(out_file))
    assert code == 0, err
    assert "damaged" in err and "salvaged" in err
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    got = [m["content"] for c in exported["conversations"] for m in c["messages"]]
    every = [text for bucket in texts.values() for text in bucket]
    assert len(exported["conversations"]) == CONVERSATIONS
    assert set(got) <= set(every)
    assert len(every) - lost <= len(got) < len(every)  # only the shredded page's rows are missing
    moved = [p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1 and moved[0].read_bytes() == original  # the damaged file, kept as it was


def test_show_of_a_big_damaged_history_shows_what_survived_of_each_conversation(
    damaged: tuple[Path, dict[int, list[str]], int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _path, texts, lost = damaged
    missing = 0
    for conversation_id, bucket in texts.items():
        code, out, err = run_verb(capsys, tmp_path, "show", str(conversation_id))
        assert code == 0, err
        missing += sum(text not in out for text in bucket)
    assert 0 < missing <= lost  # the conversation with the shredded page shows the rest of itself


def test_opening_salvages_rows_around_damaged_pages(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    texts = _history(path)
    lost = _shred_a_leaf_of(path, "messages")
    with Store.open(path, integrity_check=True) as store:
        assert store.recovered_from is not None
        report = store.salvaged
        assert report is not None and report.gaps >= 1
        assert report.rows("conversations") == CONVERSATIONS
        total = sum(len(bucket) for bucket in texts.values())
        assert total - lost <= report.rows("messages") < total
        assert store.search.find("answer")  # the fresh index covers what was salvaged


def test_a_verb_that_meets_damage_in_a_big_history_checks_it_then_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # `list` does not check a file over 64 MB at open; the first read of the shredded page fails, and
    # only then is the file checked, moved aside, salvaged, and the list printed from what was saved.
    path = tmp_path / "profile" / "history.sqlite3"
    path.parent.mkdir()
    texts = _history(path, conversations=360, title="一个相当长的标题，让每页只放得下几个对话" * 4)
    assert path.stat().st_size > AUTO_CHECK_MAX_BYTES
    lost = _shred_a_leaf_of(path, "conversations")
    code, out, err = run_verb(capsys, tmp_path, "list")
    assert code == 0, err
    assert "damaged" in err and "salvaged" in err
    listed = [line for line in out.splitlines() if line.strip()]
    assert len(texts) - lost <= len(listed) < len(texts)
