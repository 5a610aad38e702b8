from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core.store import NewMessage, Store
from desktop.core.store import search as search_module

TEXTS = [
    "我喜欢猫和狗",
    "机器学习很有趣",
    "深度学习是机器学习的一个分支",
    "I love Python programming",
    "PyTorch and python for ML",
    "混合 mixed 文本 with 中文 and English",
    "海里有鲸鱼",  # the 2-character word is at the very end
    "猫",  # a whole message of one character
    "打折 100% 优惠_活动",
    'He said "hello" (twice) OR more*',
]


@pytest.fixture
def filled(store: Store) -> Store:
    conversation = store.conversations.create("bot1", title="Search me")
    for text in TEXTS:
        store.messages.add_question(conversation.id, text)
    return store


@pytest.fixture(params=["recent-scan", "trigram-vocabulary", "bounded-scan"])
def short_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each way a 1-2 character query can be answered must give the same hits."""
    if request.param != "recent-scan":
        monkeypatch.setattr(search_module, "QUICK_SCAN_ROWS", 0)
    if request.param == "bounded-scan":
        monkeypatch.setattr(search_module, "MAX_SHORT_TERMS", 0)
    yield request.param


def _texts(store: Store, query: str, limit: int = 50) -> list[str]:
    by_id = {m.id: m.content for m in store.messages.all(1)}
    return [by_id[hit.message_id] for hit in store.search.find(query, limit)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("机器学习", ["深度学习是机器学习的一个分支", "机器学习很有趣"]),
        ("python", ["PyTorch and python for ML", "I love Python programming"]),
        ("PYTHON", ["PyTorch and python for ML", "I love Python programming"]),
        ("mixed 文本", ["混合 mixed 文本 with 中文 and English"]),
        ("学习的一", ["深度学习是机器学习的一个分支"]),
        ("100%", ["打折 100% 优惠_活动"]),
        ("深度学习是机器学习的一个分支", ["深度学习是机器学习的一个分支"]),
        ("不存在的词", []),
    ],
)
def test_three_or_more_characters(filled: Store, query: str, expected: list[str]) -> None:
    assert _texts(filled, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("猫", ["猫", "我喜欢猫和狗"]),
        ("机器", ["深度学习是机器学习的一个分支", "机器学习很有趣"]),
        ("py", ["PyTorch and python for ML", "I love Python programming"]),
        ("PY", ["PyTorch and python for ML", "I love Python programming"]),
        ("鲸鱼", ["海里有鲸鱼"]),
        ("鱼", ["海里有鲸鱼"]),
        ("%", ["打折 100% 优惠_活动"]),
        ("_", ["打折 100% 优惠_活动"]),
        ('"', ['He said "hello" (twice) OR more*']),
        ("*", ['He said "hello" (twice) OR more*']),
        ("OR", ['He said "hello" (twice) OR more*', "PyTorch and python for ML"]),
        ("鲨", []),
    ],
)
def test_one_and_two_characters(filled: Store, short_path: str, query: str, expected: list[str]) -> None:
    assert _texts(filled, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"unterminated',
        "*",
        "a*",
        "OR",
        "AND",
        "NOT",
        "a OR b",
        "NEAR(a b)",
        "(",
        ")",
        "(((",
        "content:猫",
        "^start",
        "-minus",
        "+",
        "\\",
        "'",
        "'; DROP TABLE messages; --",
        "\x00",
        "a\x00b",
        "\ud800",
        "猫\udfff",
        "🐱",
        " ",
        "",
        "x" * 10_000,
        "%_%",
    ],
)
def test_hostile_queries_never_raise(filled: Store, query: str) -> None:
    hits = filled.search.find(query)
    assert isinstance(hits, list)
    assert filled.messages.count(1) == len(TEXTS)


def test_hostile_phrase_is_literal(filled: Store) -> None:
    assert _texts(filled, '"hello" (twice) OR more*') == ['He said "hello" (twice) OR more*']
    assert _texts(filled, "hello OR python") == []


def test_hits_are_newest_first_and_limited(store: Store) -> None:
    first = store.conversations.create("bot1", title="first")
    second = store.conversations.create("bot1", title="second")
    for i in range(5):
        store.messages.add_question(first.id, f"apple pie {i}")
        store.messages.add_question(second.id, f"苹果 apple {i}")
    hits = store.search.find("apple", limit=3)
    assert [h.message_id for h in hits] == sorted((h.message_id for h in hits), reverse=True)
    assert len(hits) == 3 and hits[0].conversation_title == "second"
    assert store.search.find("apple", limit=0) == []
    assert len(store.search.find("ap", limit=4)) == 4


def test_snippet_marks_the_match(store: Store) -> None:
    conversation = store.conversations.create("bot1", title="t")
    long_text = "前面的内容" * 20 + "\n\n机器   学习 Python 很好\n" + "后面的内容" * 20
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content=long_text))
    hit = store.search.find("python")[0]
    assert "[Python]" in hit.snippet and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and "机器 学习 [Python]" in hit.snippet
    assert hit.role == "assistant" and hit.conversation_title == "t"
    custom = store.search.find("机器", markers=("<b>", "</b>"))[0]
    assert "<b>机器</b>" in custom.snippet


def test_a_streaming_answer_is_indexed_once_it_ends(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    answer = store.messages.start_answer(conversation.id)
    for text in ("正在流式", "正在流式输出的答案", "正在流式输出的答案，很长"):
        store.messages.update(answer.id, content=text)  # progressive saves: no re-indexing
    assert store.search.find("流式输出") == []
    store.messages.update(answer.id, status="interrupted")
    assert [h.message_id for h in store.search.find("流式输出")] == [answer.id]
    store.conversations.delete(conversation.id)
    assert store.search.find("流式输出") == []
    store.search.check_index()


def test_index_follows_updates(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    answer = store.messages.start_answer(conversation.id)
    store.messages.update(answer.id, content="第一版答案", status="complete")
    assert store.search.find("第一版")
    store.messages.update(answer.id, content="第二版答案")
    assert not store.search.find("第一版") and not store.search.find("一版")
    assert [h.message_id for h in store.search.find("第二版")] == [answer.id]
    store.search.check_index()
