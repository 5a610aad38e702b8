"""The chat view: model, virtual layout, streaming, safety, actions and scrolling (offscreen, real widgets)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.ui.chat.actions import parse_href
from desktop.ui.chat.blocks import MAX_CHUNK
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.documents import SafeDocument
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.model import ChatModel, Roles
from desktop.ui.chat.rows import COPY, DETAILS, FOLLOW_UP, RETRY, SETTINGS, THINKING
from tests.chat_probes import FrameStats, point_for_action, point_for_code_copy, point_for_text


class Opened(list[QUrl]):
    """Records what the view asked to open (the view's `open_url`)."""

    def __call__(self, url: QUrl) -> None:
        self.append(url)


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def view(qtbot: QtBot, opened: Opened) -> Iterator[ChatView]:
    widget = ChatView(open_url=opened)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def user(message_id: int, text: str) -> MessageItem:
    return MessageItem(message_id, "user", text, created_at=1_760_000_000.0 + message_id)


def answer(message_id: int, text: str, **fields: object) -> MessageItem:
    return MessageItem(message_id, "assistant", text, sender_name="Bot", **fields)  # type: ignore[arg-type]


def conversation(count: int) -> list[MessageItem]:
    items = []
    for n in range(count):
        if n % 2 == 0:
            items.append(user(n, f"question {n}: " + "为什么 " * (n % 7)))
        else:
            body = f"answer {n}\n\n" + "Some **text** here. " * (1 + n % 30)
            items.append(answer(n, body, input_tokens=10, output_tokens=n))
    return items


def idle(qtbot: QtBot, view: ChatView, timeout: int = 20_000) -> None:
    qtbot.waitUntil(view.is_idle, timeout=timeout)


def click(qtbot: QtBot, view: ChatView, point: QPoint | None) -> None:
    assert point is not None
    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def stream(qtbot: QtBot, view: ChatView, message_id: int, pieces: list[str], per_frame: int) -> FrameStats:
    """Feed deltas, letting a frame happen every `per_frame` deltas; the frames it took."""
    stats = FrameStats.watch(view)
    for number, piece in enumerate(pieces, start=1):
        view.append_delta(message_id, piece)
        if number % per_frame == 0:
            shown = stats.frames
            qtbot.waitUntil(lambda shown=shown: stats.frames > shown, timeout=5_000)
    return stats


# -- the model --------------------------------------------------------------------------------------


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ChatModel()
    model.set_items(conversation(20))
    qtmodeltester.check(model)
    model.append(answer(100, "new"))
    model.prepend([user(-2, "older"), answer(-1, "older answer")])
    model.prepend([user(-2, "duplicate id: skipped")])
    model.extend(100, " more", "thinking")
    model.replace_item(answer(100, "replaced", status="failed"))
    model.set_items(conversation(3))
    model.clear()
    qtmodeltester.check(model)


def test_model_roles_and_rows() -> None:
    model = ChatModel()
    model.set_items([user(1, "hi"), answer(2, "hello")])
    index = model.index(1, 0)
    assert model.data(index) == "hello"
    assert model.data(index, Roles.ID) == 2
    assert model.data(index, Roles.ROLE) == "assistant"
    assert isinstance(model.data(index, Roles.ITEM), MessageItem)
    model.prepend([user(0, "first")])
    assert model.row_of(2) == 2 and model.row_of(0) == 0 and model.row_of(99) == -1


# -- opening and laying out -------------------------------------------------------------------------


def test_5000_messages_lay_out_only_the_rows_in_view(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(5000))
    idle(qtbot, view)
    assert view.rows_built <= 40  # the rows in view plus half a screen around it
    assert view.list_view.exact_rows() == view.rows_built
    assert view.list_view.following
    bar = view.list_view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    assert point_for_text(view, 4999, "answer 4999") is not None
    built = view.rows_built
    bar.setValue(bar.maximum() // 2)  # a jump to the middle lays out only what is there
    idle(qtbot, view)
    assert view.rows_built - built <= 40


def test_switching_conversations_forgets_the_old_one(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(10))
    idle(qtbot, view)
    view.set_messages([user(1, "only this")])
    idle(qtbot, view)
    assert view.message_text(3) == ""
    assert view.message_text(1) == "only this"


# -- streaming --------------------------------------------------------------------------------------


def test_3000_deltas_give_the_exact_text_with_far_fewer_renders(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(6))
    view.append_message(answer(50, "", status="streaming"))
    pieces = [f"word{n} " if n % 40 else f"word{n}\n\n" for n in range(3000)]
    stats = stream(qtbot, view, 50, pieces, per_frame=100)
    idle(qtbot, view)
    expected = "".join(pieces)
    assert view.message_text(50) == expected
    assert stats.deltas == 3000
    assert 10 <= stats.frames <= 60  # about one render per 100 deltas, not one per delta
    view.update_message(answer(50, expected, status="complete"))
    idle(qtbot, view)
    shown = view.rendered_text(50)
    assert "word1 word2" in shown and "word2999" in shown


def test_render_work_per_frame_does_not_grow_with_the_answer(qtbot: QtBot, view: ChatView) -> None:
    section = (
        "## 小节 Section\n\nSome text that goes on for a while, 中英文混排 with `code`.\n\n"
        "- a list item\n- another item\n\n```python\nfor i in range(10):\n    print(i)\n```\n\n"
    )
    text = section * 700  # about 120 KB
    pieces = [text[n : n + 60] for n in range(0, len(text), 60)]
    view.append_message(answer(7, "", status="streaming"))
    per_frame = 20  # 1,200 characters arrive per frame
    stats = stream(qtbot, view, 7, pieces, per_frame=per_frame)
    idle(qtbot, view)
    converted = list(stats.converted)
    assert len(converted) > 50
    # Each frame converts what arrived plus the open tail (at most one chunk), never the whole answer.
    assert max(converted[1:]) <= per_frame * 60 + 2 * MAX_CHUNK
    late, early = converted[-20:], converted[5:25]
    assert sum(late) <= 2 * sum(early) + 2 * MAX_CHUNK
    assert sum(converted) < 4 * len(text)  # linear overall (re-rendering everything would be ~n²)
    assert view.message_text(7) == text


def test_update_message_keeps_streamed_text_when_given_an_older_copy(qtbot: QtBot, view: ChatView) -> None:
    view.append_message(answer(3, "", status="streaming"))
    view.append_delta(3, "Hello ", reasoning="Let me think.")
    view.append_delta(3, "world")
    view.update_message(answer(3, "", status="complete", output_tokens=2))
    idle(qtbot, view)
    assert view.message_text(3) == "Hello world"
    assert "Hello world" in view.rendered_text(3)
    view.update_message(answer(3, "Replaced entirely", status="complete"))
    idle(qtbot, view)
    assert view.message_text(3) == "Replaced entirely"


def test_thinking_is_open_while_thinking_and_folds_when_the_answer_starts(qtbot: QtBot, view: ChatView) -> None:
    view.append_message(answer(5, "", status="streaming"))
    view.append_delta(5, reasoning="先分析问题。")
    idle(qtbot, view)
    lv = view.list_view

    def thinking_open() -> bool:
        layout = lv.delegate.layout(view._model.find(5), lv.rows.get(5), lv.row_width)  # type: ignore[arg-type]
        return layout is not None and layout.reasoning is not None

    assert thinking_open()
    view.append_delta(5, "The answer.")
    qtbot.waitUntil(lambda: not thinking_open())
    click(qtbot, view, point_for_action(view, 5, THINKING))
    qtbot.waitUntil(thinking_open)


# -- untrusted content ------------------------------------------------------------------------------


def test_raw_html_shows_as_text_and_nothing_is_loaded(qtbot: QtBot, view: ChatView) -> None:
    before = SafeDocument.resource_requests
    raw = "<b>x</b><img src=file:///etc/passwd>"
    view.set_messages([answer(1, f"{raw}\n\n![alt](file:///etc/passwd) ![remote](https://example.com/x.png)")])
    idle(qtbot, view)
    view.grab()  # paint too
    shown = view.rendered_text(1)
    assert raw in shown
    assert "[image: remote]" in shown
    assert SafeDocument.resource_requests == before


def test_a_document_refuses_resources_when_asked(qtbot: QtBot) -> None:
    doc = SafeDocument()
    before = SafeDocument.resource_requests
    doc.setHtml('<img src="file:///etc/passwd">')
    doc.setTextWidth(200)
    doc.size()
    assert SafeDocument.resource_requests == before + 1  # asked, and got nothing


def test_links_open_only_http_on_click(qtbot: QtBot, view: ChatView, opened: Opened) -> None:
    text = "[safe](https://example.com/a) and [evil](javascript:alert(1)) and [local](file:///etc/passwd)"
    view.set_messages([answer(1, text)])
    idle(qtbot, view)
    lv = view.list_view
    click(qtbot, view, point_for_text(view, 1, "evil"))
    click(qtbot, view, point_for_text(view, 1, "local"))
    assert opened == []
    qtbot.mouseMove(lv.viewport(), point_for_text(view, 1, "safe"))
    assert lv.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert opened == []  # hovering opens nothing
    click(qtbot, view, point_for_text(view, 1, "safe"))
    assert opened == [QUrl("https://example.com/a")]
    # Even an anchor that got into a document some other way opens nothing but http(s).
    for href in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x/y", "https://"):
        lv.actionTriggered.emit(1, parse_href(href))
    assert opened == [QUrl("https://example.com/a")]


def test_bidi_and_zero_width_characters_are_neutralised(qtbot: QtBot, view: ChatView) -> None:
    tricky = "abc\u202edcba\u2066x\u2069 pay\u200bpal\u200f"
    view.set_messages([answer(1, f"{tricky}\n\n```\ncode\u202e here\n```\n"), user(2, f"user {tricky}")])
    idle(qtbot, view)
    for message_id in (1, 2):
        shown = view.rendered_text(message_id)
        assert "abcdcbax paypal" in shown
        assert not set(shown) & {"\u202e", "\u2066", "\u2069", "\u200b", "\u200f"}
    click(qtbot, view, point_for_code_copy(view, 1, 0))
    assert QGuiApplication.clipboard().text() == "code here"


def test_absurd_structures_render_in_bounded_time(qtbot: QtBot, view: ChatView) -> None:
    deep_list = "\n".join("  " * n + f"- level {n}" for n in range(500))
    deep_quote = ">" * 500 + " deep"
    huge_table = "| a | b |\n|---|---|\n" + "".join(f"| {n} | {n} |\n" for n in range(20_000))
    huge_line = "长" + "x" * 1_000_000
    view.set_messages([answer(1, deep_list), answer(2, deep_quote), answer(3, huge_table), answer(4, huge_line)])
    idle(qtbot, view, timeout=60_000)
    expected = {
        1: ["level 499", "Deeply nested content is shown flattened."],
        2: ["deep", "Deeply nested content is shown flattened."],
        3: ["199", "The rest of this table is not shown"],
    }
    for message_id, needles in expected.items():
        view.scroll_to_message(message_id)
        idle(qtbot, view, timeout=60_000)
        for needle in needles:
            assert needle in view.rendered_text(message_id)
    view.scroll_to_message(4)
    idle(qtbot, view, timeout=60_000)
    assert view.rendered_text(4).replace("\n", "").count("x") == 1_000_000


# -- actions ----------------------------------------------------------------------------------------


def test_code_block_copy_puts_the_code_in_the_clipboard(qtbot: QtBot, view: ChatView) -> None:
    text = "Two blocks:\n\n```python\nprint('one')\n```\n\nand\n\n```sh\necho two\nls -la\n```\n"
    view.set_messages([answer(1, text)])
    idle(qtbot, view)
    click(qtbot, view, point_for_code_copy(view, 1, 1))
    assert QGuiApplication.clipboard().text() == "echo two\nls -la"
    assert view.list_view.rows.get(1).copied == "action:copy-code:1"
    click(qtbot, view, point_for_code_copy(view, 1, 0))
    assert QGuiApplication.clipboard().text() == "print('one')"


def test_copy_copies_the_whole_message(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([user(1, "question"), answer(2, "**answer** text")])
    idle(qtbot, view)
    click(qtbot, view, point_for_action(view, 2, COPY))
    assert QGuiApplication.clipboard().text() == "**answer** text"
    click(qtbot, view, point_for_action(view, 1, COPY))
    assert QGuiApplication.clipboard().text() == "question"


def test_errors_offer_retry_settings_and_details(qtbot: QtBot, view: ChatView) -> None:
    failed = answer(
        2,
        "Partial answer that stays visible",
        status="failed",
        error_sentence="Coze did not accept your access token.",
        error_action="Open Settings and paste a valid token.",
        error_details="Coze code 4100: invalid token (logid 20261125ABC)",
        error_settings=True,
    )
    view.set_messages([user(1, "hi"), failed])
    idle(qtbot, view)
    lv = view.list_view
    assert "Partial answer that stays visible" in view.rendered_text(2)
    with qtbot.waitSignal(view.retryRequested) as retry:
        click(qtbot, view, point_for_action(view, 2, RETRY))
    assert retry.args == [2]
    with qtbot.waitSignal(view.settingsRequested):
        click(qtbot, view, point_for_action(view, 2, SETTINGS))
    click(qtbot, view, point_for_action(view, 2, DETAILS))
    assert lv.rows.get(2).details
    layout = lv.delegate.layout(failed, lv.rows.get(2), lv.row_width)
    assert layout is not None and layout.error is not None
    assert "logid 20261125ABC" in layout.error.doc.toPlainText()


def test_interrupted_and_cancelled_answers_are_marked_with_retry(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, "half", status="interrupted"), answer(2, "", status="cancelled")])
    idle(qtbot, view)
    for message_id in (1, 2):
        layout = view.list_view.delegate.layout(
            view._model.find(message_id),  # type: ignore[arg-type]
            view.list_view.rows.get(message_id),
            view.list_view.row_width,
        )
        assert layout is not None and layout.error is not None
        assert "Retry" in layout.error.doc.toPlainText()


def test_follow_up_chips_emit_the_question(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([user(1, "hi"), answer(2, "hello")])
    view.set_follow_ups(["First question?", "第二个问题？"])
    idle(qtbot, view)
    with qtbot.waitSignal(view.followUpClicked) as clicked:
        click(qtbot, view, point_for_action(view, 2, f"{FOLLOW_UP}1"))
    assert clicked.args == ["第二个问题？"]
    view.append_message(user(3, "next"))  # a new message makes the old suggestions stale
    idle(qtbot, view)
    assert view.list_view.rows.get(2).chips == ()


def test_intro_shows_for_an_empty_conversation(qtbot: QtBot, view: ChatView) -> None:
    view.set_intro("Coder", "你好，我是 **Coder**。", ["写一个快速排序", "Explain closures"])
    assert view.intro.isVisible()
    buttons = view.intro.suggestion_buttons()
    assert [b.text() for b in buttons] == ["写一个快速排序", "Explain closures"]
    with qtbot.waitSignal(view.followUpClicked) as clicked:
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert clicked.args == ["Explain closures"]
    view.append_message(user(1, "hi"))
    assert not view.intro.isVisible() and view.list_view.isVisible()
    view.clear()
    assert view.intro.isVisible()


# -- scrolling --------------------------------------------------------------------------------------


def test_follows_the_stream_until_the_user_scrolls_up(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(40))
    view.append_message(answer(100, "", status="streaming"))
    idle(qtbot, view)
    lv, bar = view.list_view, view.list_view.verticalScrollBar()
    line = ["streamed line\n\n"] * 10
    stream(qtbot, view, 100, line, per_frame=5)
    idle(qtbot, view)
    assert lv.following and bar.value() == bar.maximum()
    assert not view._jump.isVisible()

    bar.setValue(bar.maximum() - 400)  # the user scrolls up
    assert not lv.following
    assert view._jump.isVisible()
    where = bar.value()
    stream(qtbot, view, 100, line, per_frame=5)
    idle(qtbot, view)
    assert bar.value() == where  # stays put while the answer grows below

    bar.setValue(bar.maximum())  # back to the bottom: follows again
    assert lv.following
    stream(qtbot, view, 100, line, per_frame=5)
    idle(qtbot, view)
    assert bar.value() == bar.maximum()

    bar.setValue(0)
    qtbot.mouseClick(view._jump, Qt.MouseButton.LeftButton)
    idle(qtbot, view)
    assert lv.following and bar.value() == bar.maximum()


def test_prepending_older_messages_keeps_what_the_user_sees(qtbot: QtBot, view: ChatView) -> None:
    items = conversation(200)
    view.set_messages(items[100:])
    idle(qtbot, view)
    lv = view.list_view
    lv.verticalScrollBar().setValue(lv.verticalScrollBar().maximum() // 2)
    idle(qtbot, view)
    row = lv._row_at(lv.verticalScrollBar().value() + 300)
    message_id = view._model.item(row).id
    needle = f"answer {message_id}" if message_id % 2 else f"question {message_id}"
    before = point_for_text(view, message_id, needle) if message_id % 2 else point_for_action(view, message_id, COPY)
    view.prepend_messages(items[:100])
    idle(qtbot, view)
    after = point_for_text(view, message_id, needle) if message_id % 2 else point_for_action(view, message_id, COPY)
    assert before is not None and after is not None
    assert abs(after.y() - before.y()) <= 1


def test_scrolling_to_the_top_asks_for_older_messages(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(60))
    idle(qtbot, view)
    with qtbot.waitSignal(view.loadOlderRequested):
        view.list_view.verticalScrollBar().setValue(0)


def test_scroll_to_message_shows_it(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(conversation(300))
    idle(qtbot, view)
    view.scroll_to_message(41)
    idle(qtbot, view)
    point = point_for_text(view, 41, "answer 41")
    assert point is not None and 0 <= point.y() <= view.list_view.viewport().height()


# -- look -------------------------------------------------------------------------------------------


def test_font_size_and_palette_changes_rerender(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([user(1, "hi"), answer(2, "Some text " * 40)])
    idle(qtbot, view)
    lv = view.list_view
    before = lv._heights[1]
    view.set_font_point_size(view.font().pointSizeF() * 1.6)
    idle(qtbot, view)
    assert lv._heights[1] > before * 1.3
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#141519"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#E7E8EC"))
    view.setPalette(palette)
    idle(qtbot, view)
    assert lv.delegate.style.dark
    assert "Some text" in view.rendered_text(2)


def test_dragging_selects_text_and_ctrl_c_copies_it(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, "Alpha beta gamma delta.\n\nSecond paragraph here.")])
    idle(qtbot, view)
    lv = view.list_view
    start, end = point_for_text(view, 1, "beta"), point_for_text(view, 1, "paragraph")
    assert start is not None and end is not None
    viewport = lv.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(3, 0))
    qtbot.mouseMove(viewport, end - QPoint(3, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end - QPoint(3, 0))
    assert lv.selected_text() == "beta gamma delta.\nSecond "
    qtbot.keyClick(lv, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "beta gamma delta.\nSecond "
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=start)  # a click clears it
    assert lv.selected_text() == ""


def test_a_conversation_that_fits_in_the_view_asks_for_older_messages(qtbot: QtBot, view: ChatView) -> None:
    with qtbot.waitSignal(view.loadOlderRequested):
        view.set_messages([user(10, "hi"), answer(11, "hello")])
    view.prepend_messages([user(8, "older"), answer(9, "older answer")])
    with qtbot.waitSignal(view.loadOlderRequested):  # still fits: ask again
        idle(qtbot, view)


def test_appending_a_message_that_is_shown_updates_it(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([user(1, "hi"), answer(2, "", status="streaming")])
    view.append_message(answer(2, "done", status="complete"))
    idle(qtbot, view)
    assert view._model.rowCount() == 2
    assert view.message_text(2) == "done"
