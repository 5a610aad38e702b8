"""Search results that look finished: grouped, plain, highlighted, keyboard-driven, with an empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.core.markdown.plain import plain_text
from desktop.services.history import SEARCH_LIMIT
from desktop.ui.conversation_list import HIT_MARKERS
from desktop.ui.search_results import KIND_ROLE, SNIPPET_ROLE, TARGET_ROLE, snippet_html
from tests.coze_fixtures import BOT
from tests.ui.test_main_window import type_and_enter
from tests.ui.window_harness import Harness

ANSWER = "## 关于熊猫\n\n**熊猫**很可爱：\n\n| 动物 | 熊猫 |\n|---|---|\n| 食物 | 竹子 |\n"


def _chat(qtbot: QtBot, harness: Harness, question: str, answer: str) -> int:
    harness.window.new_chat()
    harness.server.queue(Scenario("framing", text=answer))
    type_and_enter(qtbot, harness, question)
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    return conversation


def _search(qtbot: QtBot, harness: Harness, text: str) -> None:
    sidebar = harness.window.sidebar
    sidebar.search.setText(text)
    qtbot.waitUntil(lambda: sidebar.stack.currentWidget() is sidebar.results and sidebar.results.count() > 0)


def test_results_are_grouped_plain_and_keyboard_driven(qtbot: QtBot, harness: Harness) -> None:
    pandas = _chat(qtbot, harness, "tell me about pandas 熊猫", ANSWER)
    _chat(qtbot, harness, "rockets", "no animals here")
    _search(qtbot, harness, "熊猫")
    results = harness.window.sidebar.results
    rows = [(results.item(r).data(KIND_ROLE), results.item(r).text()) for r in range(results.count())]
    snippets = [results.item(r).data(SNIPPET_ROLE) for r in range(1, results.count())]
    assert [kind for kind, _ in rows] == ["group", "hit", "hit"]  # one conversation, two messages
    assert rows[0][1] == "tell me about pandas 熊猫"
    assert results.item(0).data(Qt.ItemDataRole.ToolTipRole) == "2"
    for snippet in snippets:
        assert not any(mark in snippet for mark in ("##", "**", "|", "【")), snippet
        assert f"{HIT_MARKERS[0]}熊猫{HIT_MARKERS[1]}" in snippet
    assert results.currentRow() == 1  # the first hit is selected and visible
    search = harness.window.sidebar.search
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert results.currentRow() == 2
    qtbot.keyClick(search, Qt.Key.Key_Down)  # stays on the last hit
    assert results.currentRow() == 2
    qtbot.keyClick(search, Qt.Key.Key_Up)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    target = results.item(2).data(TARGET_ROLE)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert harness.window.current_conversation == pandas == target[0]
    view = harness.window.chat.view
    assert view.list_view.selected_text() == "熊猫"  # the match is highlighted inside the message


def test_no_match_shows_an_empty_state(qtbot: QtBot, harness: Harness) -> None:
    _chat(qtbot, harness, "hello", "world")
    _search(qtbot, harness, "zzqq")
    results = harness.window.sidebar.results
    assert results.count() == 1
    assert results.item(0).data(KIND_ROLE) == "empty"
    assert results.item(0).text() == "No messages match “zzqq”."
    qtbot.keyClick(harness.window.sidebar.search, Qt.Key.Key_Return)  # nothing to open: nothing happens


def test_the_match_is_highlighted_not_bracketed() -> None:
    html = snippet_html(f"a <b> {HIT_MARKERS[0]}熊猫{HIT_MARKERS[1]} c", HIT_MARKERS, "rgba(1,2,3,0.35)")
    assert html == 'a &lt;b&gt; <span style="background-color:rgba(1,2,3,0.35); font-weight:600">熊猫</span> c'


def test_sidebar_previews_are_plain_text(qtbot: QtBot, harness: Harness) -> None:
    conversation = _chat(qtbot, harness, "q", ANSWER)
    expected = plain_text(ANSWER)
    assert expected == "关于熊猫 熊猫很可爱： 动物 · 熊猫 食物 · 竹子"
    model = harness.window.model

    def preview() -> str:
        summary = model.summary(conversation)
        return summary.last_message_preview if summary is not None else ""

    qtbot.waitUntil(lambda: preview() == expected, timeout=3000)


def test_a_search_that_matches_more_than_it_shows_says_so(qtbot: QtBot, harness: Harness) -> None:
    """Attack: 3,000 chats holding "你好" showed 100 results and nothing said the older 2,900 were left
    out; End in the list stopped at chat 2900 as if that were all."""
    with harness.store.transaction():
        for number in range(SEARCH_LIMIT + 20):
            conversation = harness.store.conversations.create(BOT, title=f"chat {number}")
            harness.store.messages.add_question(conversation.id, f"你好 question {number}")
    _search(qtbot, harness, "你好")
    results = harness.window.sidebar.results
    last = results.item(results.count() - 1)
    assert last.data(KIND_ROLE) == "note"
    assert last.text() == f"Showing the newest {SEARCH_LIMIT} matches. Add words to find older ones."
    assert not last.flags() & Qt.ItemFlag.ItemIsSelectable
    assert len(results.hit_rows()) == SEARCH_LIMIT


def test_a_search_that_shows_every_match_has_no_note(qtbot: QtBot, harness: Harness) -> None:
    _chat(qtbot, harness, "hello 你好", "world")
    _search(qtbot, harness, "你好")
    results = harness.window.sidebar.results
    assert [results.item(r).data(KIND_ROLE) for r in range(results.count())] == ["group", "hit"]


def test_esc_in_the_search_box_clears_the_search(qtbot: QtBot, harness: Harness) -> None:
    """Attack: Esc in the search box did nothing; the old results stayed in the sidebar, even over a
    new chat started meanwhile, until the text was deleted by hand."""
    _chat(qtbot, harness, "hello 你好", "world")
    _search(qtbot, harness, "你好")
    sidebar = harness.window.sidebar
    sidebar.search.setFocus()
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Escape)
    assert sidebar.search.text() == ""
    assert sidebar.stack.currentWidget() is sidebar.list


def test_a_huge_query_that_matches_nothing_is_shown_short(qtbot: QtBot, harness: Harness) -> None:
    """Attack: 1 MB pasted into the search box (the box keeps 32,767 characters) made the empty state
    "No messages match “…”." a wrapped wall of the query's middle, its first words clipped off the row."""
    _chat(qtbot, harness, "hello", "world")
    query = "zzqq 不存在的词 " * 3000
    _search(qtbot, harness, query)
    results = harness.window.sidebar.results
    text = results.item(0).text()
    assert results.item(0).data(KIND_ROLE) == "empty"
    assert text.startswith("No messages match “zzqq 不存在的词") and text.endswith("…”.")
    assert len(text) < 100


def test_a_new_chat_leaves_the_search(qtbot: QtBot, harness: Harness) -> None:
    """Attack: with results showing, New chat (Ctrl+N) opened a chat the sidebar did not list: the old
    results stayed, and the question sent in it showed up nowhere on the left."""
    _chat(qtbot, harness, "hello 你好", "world")
    _search(qtbot, harness, "你好")
    sidebar = harness.window.sidebar
    harness.window.new_chat()
    assert sidebar.search.text() == ""
    assert sidebar.stack.currentWidget() is sidebar.list
