from __future__ import annotations

import copy
import io
import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.store import BotRecord, ImportResult, InvalidExportFile, NewMessage, NotFoundError, Store, transfer
from desktop.core.store.transfer import export_json, export_markdown, import_json, write_json, write_markdown
from tests.store.conftest import sql

CODE_ANSWER = "Here is code:\n\n```python\ndef f(x):\n    return x * 2  # 乘以二\n```\n\nDone."


def _populate(store: Store) -> None:
    store.bots.upsert(BotRecord("bot1", "小助手", prologue="你好"))
    first = store.conversations.create("bot1", coze_conversation_id="coze-conv-1")
    store.messages.add_question(first.id, "写一个 Python 函数")
    store.messages.add(
        first.id,
        NewMessage(role="assistant", type="answer", content=CODE_ANSWER, coze_message_id="m-1", usage=(5, 50)),
    )
    store.messages.add(
        first.id, NewMessage(role="assistant", type="verbose", content='{"plugin": 1}', coze_message_id="m-2")
    )
    store.conversations.set_follow_ups(first.id, ["再来一个", "解释一下"])
    store.conversations.set_pinned(first.id, True)
    second = store.conversations.create("bot1", title="No Coze id")
    store.messages.add_question(second.id, "Tell me a story")
    cut = store.messages.start_answer(second.id)
    store.messages.update(cut.id, content="Once upon a time\n```py\nunclosed", status="interrupted")
    store.messages.add_question(second.id, "retry")
    failed = store.messages.start_answer(second.id)
    store.messages.update(failed.id, status="failed", error=(4013, "rate limited", "log-abc"))
    store.conversations.set_archived(second.id, True)


def _snapshot(store: Store) -> list[Any]:
    with sql(store) as conn:
        return [
            conn.execute("SELECT * FROM bots ORDER BY bot_id").fetchall(),
            [tuple(r) for r in conn.execute("SELECT * FROM conversations ORDER BY id")],
            [tuple(r) for r in conn.execute("SELECT * FROM messages ORDER BY id")],
        ]


def _comparable(doc: dict[str, Any]) -> list[Any]:
    """An export without what differs between profiles (local ids, export time)."""
    return [{k: v for k, v in c.items() if k != "id"} for c in doc["conversations"]]


@pytest.fixture
def source(store: Store) -> Store:
    _populate(store)
    return store


def test_round_trip_into_an_empty_profile_and_again(source: Store, tmp_path: Path) -> None:
    doc = export_json(source)
    assert doc["format"] == "coze-desktop-export" and doc["version"] == 1 and doc["exported_at"]
    text = json.dumps(doc, ensure_ascii=False)
    with Store.open(tmp_path / "other" / "history.sqlite3") as target:
        result = import_json(target, text)
        assert (result.conversations_added, result.messages_added, result.skipped_duplicates) == (2, 7, 0)
        copied = export_json(target)
        assert _comparable(copied) == _comparable(doc)
        bot = target.bots.get("bot1")
        assert bot is not None and bot.name == "小助手"
        assert target.search.find("乘以二")  # the import feeds the search index
        before = _snapshot(target)
        again = import_json(target, text)
        assert again == ImportResult(0, 0, 7)
        assert _snapshot(target) == before


def test_import_into_the_same_profile_adds_nothing(source: Store) -> None:
    before = _snapshot(source)
    result = import_json(source, export_json(source))
    assert (result.conversations_added, result.messages_added, result.skipped_duplicates) == (0, 0, 7)
    assert _snapshot(source) == before


def test_import_merges_new_messages_into_known_conversations(source: Store, tmp_path: Path) -> None:
    doc = export_json(source)
    with Store.open(tmp_path / "other" / "history.sqlite3") as target:
        import_json(target, doc)
        newer = copy.deepcopy(doc)
        newer["conversations"][0]["messages"].append(
            {**newer["conversations"][0]["messages"][0], "content": "新问题", "created_at": 2e9}
        )
        result = import_json(target, newer)
        assert (result.conversations_added, result.messages_added, result.skipped_duplicates) == (0, 1, 7)
        assert target.messages.count(result.conversation_ids[0]) == 4


def test_write_json_streams_the_same_document(source: Store) -> None:
    out = io.StringIO()
    write_json(source, out)
    streamed = json.loads(out.getvalue())
    assert _comparable(streamed) == _comparable(export_json(source))
    assert streamed["bots"] == export_json(source)["bots"]
    single = io.StringIO()
    write_json(source, single, conversation_id=2)
    assert [c["title"] for c in json.loads(single.getvalue())["conversations"]] == ["No Coze id"]
    with pytest.raises(NotFoundError):
        write_json(source, io.StringIO(), conversation_id=99)


def test_export_one_conversation(source: Store) -> None:
    doc = export_json(source, conversation_id=1)
    assert len(doc["conversations"]) == 1
    conversation = doc["conversations"][0]
    assert conversation["pinned"] is True and conversation["follow_ups"] == ["再来一个", "解释一下"]
    answer = conversation["messages"][1]
    assert answer["usage"] == {"input_tokens": 5, "output_tokens": 50}
    assert set(answer) >= {
        "role", "type", "content", "content_type", "reasoning_content", "status", "error", "coze_message_id",
        "created_at",
    }  # fmt: skip
    with pytest.raises(NotFoundError):
        export_json(source, conversation_id=99)


def test_markdown_reads_well(source: Store) -> None:
    md = export_markdown(source)
    assert md.startswith("# 写一个 Python 函数\n")
    assert "# No Coze id" in md and "\n---\n" in md
    assert "**You** ·" in md and "**小助手** ·" in md
    assert CODE_ANSWER in md  # verbatim, fences intact
    assert '{"plugin": 1}' not in md  # machinery is left out
    assert "answer interrupted" in md
    assert "failed: rate limited, code 4013, logid log-abc" in md
    # The interrupted answer's open fence is closed so it does not swallow the rest of the file.
    cut = md.index("Once upon a time")
    assert md[cut:].index("```py\nunclosed\n```") < md[cut:].index("**You**")
    out = io.StringIO()
    write_markdown(source, out, conversation_id=2)
    assert out.getvalue().startswith("# No Coze id") and "写一个" not in out.getvalue()


def _valid_doc() -> dict[str, Any]:
    return {
        "format": "coze-desktop-export",
        "version": 1,
        "exported_at": "2025-01-01T00:00:00Z",
        "conversations": [
            {
                "id": 1,
                "title": "ok",
                "bot_id": "b",
                "coze_conversation_id": None,
                "created_at": 1.0,
                "updated_at": 2.0,
                "pinned": False,
                "messages": [
                    {
                        "role": "user",
                        "type": "question",
                        "content": "hi",
                        "content_type": "text",
                        "reasoning_content": "",
                        "status": "complete",
                        "error": None,
                        "coze_message_id": "m1",
                        "created_at": 1.0,
                    }
                ],
            }
        ],
    }


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last: Any = int(keys[-1]) if keys[-1].isdigit() else keys[-1]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return mutate


_DELETE = object()


def _twin_with_coze_id(doc: dict[str, Any]) -> None:
    doc["conversations"][0]["coze_conversation_id"] = "c"
    doc["conversations"].append({**copy.deepcopy(doc["conversations"][0]), "id": 2, "messages": []})


HOSTILE: dict[str, Callable[[dict[str, Any]], None]] = {
    "wrong format": _set("format", "something-else"),
    "newer version": _set("version", 2),
    "version as text": _set("version", "1"),
    "version as bool": _set("version", True),
    "no conversations": _set("conversations", _DELETE),
    "conversations not a list": _set("conversations", {"a": 1}),
    "conversation not an object": _set("conversations.0", "x"),
    "missing title": _set("conversations.0.title", _DELETE),
    "title not text": _set("conversations.0.title", 5),
    "pinned as text": _set("conversations.0.pinned", "yes"),
    "id as text": _set("conversations.0.id", "1"),
    "created_at as text": _set("conversations.0.created_at", "yesterday"),
    "negative time": _set("conversations.0.updated_at", -5),
    "absurd time": _set("conversations.0.created_at", 1e300),
    "bool time": _set("conversations.0.created_at", True),
    "unknown role": _set("conversations.0.messages.0.role", "system"),
    "unknown status": _set("conversations.0.messages.0.status", "done"),
    "content not text": _set("conversations.0.messages.0.content", ["x"]),
    "missing content": _set("conversations.0.messages.0.content", _DELETE),
    "huge content": _set("conversations.0.messages.0.content", "长" * (4 * 1024 * 1024)),
    "huge bot id": _set("conversations.0.bot_id", "b" * 1000),
    "error not an object": _set("conversations.0.messages.0.error", "boom"),
    "error code as text": _set("conversations.0.messages.0.error", {"code": "x", "msg": "m", "logid": None}),
    "negative usage": _set("conversations.0.messages.0.usage", {"input_tokens": -1, "output_tokens": 0}),
    "messages not a list": _set("conversations.0.messages", None),
    "duplicate conversation ids": lambda d: d["conversations"].append(
        {**copy.deepcopy(d["conversations"][0]), "messages": []}
    ),
    "duplicate message ids": lambda d: d["conversations"][0]["messages"].append(
        {**d["conversations"][0]["messages"][0], "content": "other"}
    ),
    "duplicate coze conversation ids": _twin_with_coze_id,
    # The first conversation is valid: it must not be written before the second one is refused.
    "bad second conversation": lambda d: d["conversations"].append(
        {**copy.deepcopy(d["conversations"][0]), "id": 2, "title": None}
    ),
    "bots not a list": _set("bots", "x"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_documents_change_nothing(source: Store, case: str) -> None:
    doc = _valid_doc()
    HOSTILE[case](doc)
    before = _snapshot(source)
    with pytest.raises(InvalidExportFile) as caught:
        import_json(source, doc)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 300
    assert _snapshot(source) == before


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[1, 2, 3]",
        b"null",
        b'{"format": "coze-desktop-export", "version": 1, "conversations": [], "conversations": []}',
        b'{"format": "coze-desktop-export", "version": 1, "conversations": [{"id": 1, "created_at": NaN}]}',
        b'{"format": "coze-desktop-export", "version": 1, "conversations": [{"created_at": 1e999}]}',
        b"\xff\xfe\x00garbage",
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_hostile_bytes_change_nothing(source: Store, raw: bytes) -> None:
    before = _snapshot(source)
    with pytest.raises(InvalidExportFile):
        import_json(source, raw)
    assert _snapshot(source) == before


def test_failure_while_writing_rolls_everything_back(source: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _valid_doc()
    first_message = doc["conversations"][0]["messages"][0]
    doc["conversations"][0]["messages"].append({**first_message, "coze_message_id": "m2", "content": "hi 2"})
    before = _snapshot(source)
    real = source.messages.insert_many  # what the import writes each batch with

    def failing(conversation_id: int, messages: Iterable[NewMessage]) -> list[int]:
        def second_fails() -> Iterator[NewMessage]:
            for i, message in enumerate(messages):
                if i == 1:
                    raise OSError("disk full")
                yield message

        return real(conversation_id, second_fails())

    monkeypatch.setattr(source.messages, "insert_many", failing)
    with pytest.raises(OSError, match="disk full"):
        import_json(source, doc)
    assert _snapshot(source) == before


def test_minimal_valid_document_and_streaming_becomes_interrupted(store: Store) -> None:
    doc = _valid_doc()
    doc["conversations"][0]["messages"].append(
        {
            "role": "assistant",
            "type": "answer",
            "content": "half",
            "status": "streaming",
            "coze_message_id": None,
            "created_at": 2.0,
        }
    )
    result = import_json(store, doc)
    assert (result.conversations_added, result.messages_added) == (1, 2)
    statuses = [m.status for m in store.messages.page(result.conversation_ids[0])]
    assert statuses == ["complete", "interrupted"]


def test_transfer_package_offers_export_and_import(source: Store) -> None:
    assert transfer.export_json(source, 1)["conversations"][0]["title"] == "写一个 Python 函数"
    assert transfer.export_markdown(source, 2).startswith("# No Coze id")
    assert transfer.import_json(source, json.dumps(transfer.export_json(source))).messages_added == 0


def test_an_imported_date_far_in_the_future_is_clamped(store: Store) -> None:
    doc = _valid_doc()
    conversation = doc["conversations"][0]
    conversation["created_at"] = conversation["updated_at"] = 4_102_444_800.0  # the year 2100
    conversation["messages"][0]["created_at"] = 4_102_444_800.0
    result = import_json(store, doc)
    limit = time.time() + 86_400 + 60
    imported = store.conversations.get(result.conversation_ids[0])
    assert imported is not None and imported.created_at <= limit and imported.updated_at <= limit
    assert all(m.created_at <= limit for m in store.messages.page(imported.id))


def test_an_export_of_a_history_with_impossible_times_imports_again(tmp_path: Path) -> None:
    """A history synced by an older version holds Coze's milliseconds and negatives: its own JSON export was
    refused whole by import ("conversations[0].created_at: not a plausible time"), nothing imported."""
    with Store.open(tmp_path / "old.sqlite3") as old:
        conversation = old.conversations.create("bot")
        old.messages.add_many(
            conversation.id,
            [
                NewMessage("user", "question", "q", created_at=1_733_400_000_000.0),  # milliseconds
                NewMessage("assistant", "answer", "a", created_at=-5.0),
            ],
        )
        with sql(old) as conn:
            conn.execute(
                "UPDATE conversations SET created_at = -1e15, updated_at = 1e300 WHERE id = ?", (conversation.id,)
            )
        out = io.StringIO()
        write_json(old, out)
    with Store.open(tmp_path / "new.sqlite3") as new:
        result = import_json(new, out.getvalue())
        assert result.conversations_added == 1 and result.messages_added == 2
        (imported,) = new.conversations.page()
        assert [m.created_at for m in new.messages.all(imported.id)] == [1_733_400_000.0, 0.0]
