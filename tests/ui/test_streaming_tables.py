"""A Markdown table as it streams: a line that may be its header row waits for the line that decides it
(no raw "| a | b |" that then jumps to a table), its rows show as rows, and the table sits where the
finished answer puts it (Qt puts an empty line above a table that starts a document: the open tail did)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle
from tests.chat_probes import FrameStats, point_for_text

TABLES = {
    "en": (
        "Here is how the two compare:\n\n| Option | Speed | Notes |\n|---|:-:|---|\n"
        "| Cache | fast | kept in memory |\n| Disk | slow | survives a restart |\n"
    ),
    "zh": (
        "两种方案对比如下：\n\n| 方案 | 速度 | 说明 |\n|---|:-:|---|\n"
        "| 缓存 | 快 | 保存在内存里，重启后丢失 |\n| 磁盘 | 慢 | 重启后仍然保留 |\n"
    ),
}
HEADER = {"en": "Option", "zh": "方案"}
INTRO = {"en": "Here is", "zh": "两种方案"}


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def answer(message_id: int, text: str, **fields: object) -> MessageItem:
    return MessageItem(message_id, "assistant", text, sender_name="Bot", **fields)  # type: ignore[arg-type]


def go_dark(view: ChatView) -> None:
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#141519"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#E7E8EC"))
    view.setPalette(palette)


def frames(qtbot: QtBot, view: ChatView, message_id: int, text: str, step: int) -> Iterator[str]:
    """Stream `text` into the view `step` characters a frame; yields the text sent once its frame is shown."""
    stats = FrameStats.watch(view)
    for end in range(step, len(text) + step, step):
        shown = stats.frames
        view.append_delta(message_id, text[end - step : end])
        qtbot.waitUntil(lambda shown=shown: stats.frames > shown, timeout=5_000)
        yield text[:end]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_streaming_table_never_shows_its_pipes(qtbot: QtBot, view: ChatView, language: str, dark: bool) -> None:
    if dark:
        go_dark(view)
    view.append_message(answer(2, "", status="streaming"))
    text = TABLES[language] + ("\nPick the cache when in doubt." if language == "en" else "\n拿不准时选缓存。")
    delimiter_done = text.index("|\n", text.index("|---")) + 2
    for sent in frames(qtbot, view, 2, text, 3):
        shown = view.rendered_text(2)
        assert "|" not in shown, sent  # a header row waiting for its delimiter row, or a bare new row
        if len(sent) >= delimiter_done:
            assert HEADER[language] in shown, sent  # the table shows once its delimiter row is complete
    cell = "survives" if language == "en" else "重启后仍然"
    assert cell in view.rendered_text(2)


def test_rows_show_as_they_stream_and_a_header_that_is_not_one_as_text(style: ChatStyle) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(500)
    text = TABLES["en"]
    row = text.index("| Disk") + len("| Disk | sl")
    document.update(text[:row], budget=10**6)
    last = document.last_page()
    assert last is not None and ">sl</td>" in last[0].html  # a row being written is a row
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.update("Prose with a | pipe\n", budget=10**6)
    assert "pipe" not in document.rendered_text()  # may still be a header row
    document.update("Prose with a | pipe\nand more", budget=10**6)
    assert "a | pipe" in document.rendered_text()  # the next line says it is text
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.update("| a | b |\n\n", budget=10**6)
    assert "| a | b |" in document.rendered_text()  # a blank line: text, not a table
    document.update("| a | b |\n|---", budget=10**6, final=True)
    assert "| a | b |" in document.rendered_text()  # the end of the answer shows everything as markdown does


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_streaming_table_sits_where_the_finished_answer_puts_it(qtbot: QtBot, view: ChatView, language: str) -> None:
    """No empty line above a table while it streams: it does not move up when the answer ends."""
    view.append_message(answer(2, "", status="streaming"))
    text, header, intro = TABLES[language], HEADER[language], INTRO[language]

    def header_below_intro() -> int | None:
        top, cell = point_for_text(view, 2, intro), point_for_text(view, 2, header)
        return None if top is None or cell is None else cell.y() - top.y()

    streaming = [header_below_intro() for sent in frames(qtbot, view, 2, text, 5) if "|\n|---|:-:|---|\n" in sent]
    view.update_message(answer(2, text, status="complete"))
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    finished = header_below_intro()
    assert finished is not None and streaming
    assert streaming == [finished] * len(streaming)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_paragraph_with_a_pipe_streams_on(qtbot: QtBot, view: ChatView, language: str) -> None:
    """Prose with a pipe early on (a shell pipeline in code, "A | B"): a table whose header row has no leading pipe
    is short, so a longer line is text and streams on; before, the rest of the paragraph waited for its line end."""
    paragraph = {
        "en": "Run `ps aux | grep coze` to see whether the app is still running; if it is, stop it with kill, wait a "
        "moment, and start it again from the menu.",
        "zh": "先运行 `ps aux | grep coze` 看看应用是否还在运行；如果还在，用 kill 结束它，稍等片刻，再从菜单里重新打开。"
        "如果仍然打不开，请查看日志文件里最后几行的错误信息，并把它们附在反馈里发给我们。",
    }[language]
    view.append_message(answer(2, "", status="streaming"))
    behind, lengths = [], []
    for sent in frames(qtbot, view, 2, paragraph, 4):
        shown = view.rendered_text(2).replace("`", "").strip()
        behind.append(len(sent.replace("`", "")) - len(shown))
        lengths.append(len(shown))
    assert max(behind) <= 64, behind  # the held pipe and what follows it, bounded
    assert lengths == sorted(lengths)  # and nothing shown goes away when the line turns out to be text
    assert "|" in view.rendered_text(2)  # text, pipe and all
