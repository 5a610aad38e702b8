"""Search finds what the chat view shows: a conversation pulled from Coze (`sync`) also holds Coze's
follow-up suggestions, `verbose` JSON and tool calls; they were hits that showed raw JSON
('{"msg_type":"generate_answer_finish",…') and opened the chat without a match to show (found by the
attack run)."""

from __future__ import annotations

import pytest

from desktop.core.store import NewMessage, Store
from desktop.core.store import search as search_module

MACHINERY = [
    ("follow_up", "Make a table of the SSE fields"),
    ("verbose", '{"msg_type":"generate_answer_finish","data":"{\\"finish_reason\\":0}"}'),
    ("function_call", '{"name":"get_weather","arguments":{"city":"杭州"}}'),
    ("tool_output", '{"weather":"晴 SSE finish"}'),
]


@pytest.fixture
def synced(store: Store) -> Store:
    conversation = store.conversations.create("bot1", title="synced")
    store.messages.add_question(conversation.id, "what are SSE fields?")
    for kind, content in MACHINERY:
        store.messages.add(conversation.id, NewMessage(role="assistant", type=kind, content=content))
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content="SSE has 4 fields. 杭州"))
    store.search.index_pending()
    return store


def _found(store: Store, query: str) -> list[str]:
    by_id = {m.id: m.content for m in store.messages.all(1)}
    return [by_id[hit.message_id] for hit in store.search.find(query)]


@pytest.mark.parametrize("path", ["index", "scan", "vocabulary", "bounded-scan"])
def test_search_finds_the_dialogue_only(synced: Store, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path != "scan":
        monkeypatch.setattr(search_module, "QUICK_SCAN_ROWS", 0)
    if path == "bounded-scan":
        monkeypatch.setattr(search_module, "MAX_SHORT_TERMS", 0)
    if path == "index":  # 3 characters or more: the trigram index
        assert _found(synced, "SSE") == ["SSE has 4 fields. 杭州", "what are SSE fields?"]
        assert _found(synced, "finish") == _found(synced, "get_weather") == _found(synced, "Make a table") == []
    else:  # 1-2 characters: a scan of the newest messages, the index's vocabulary, or a bounded scan
        assert _found(synced, "晴") == []
        assert _found(synced, "杭") == ["SSE has 4 fields. 杭州"]


def test_an_answer_waiting_for_the_index_is_found_and_its_machinery_is_not(store: Store) -> None:
    conversation = store.conversations.create("bot1", title="fresh")
    for kind, content in MACHINERY:
        store.messages.add(conversation.id, NewMessage(role="assistant", type=kind, content=content))
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content="finish line"))
    assert _found(store, "finish") == ["finish line"]
