"""#17 item 12, the small visual flaws: the space above a table that follows a list, curly quotes in
English drawn full-width, the status line moving the layout, the dark theme's spin box; and one found on
the way: a code block's language label lost when a delta ended right after its opening backticks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui import theme
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.documents import make_document
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.quotes import latin_quotes
from desktop.ui.chat.style import ChatStyle
from desktop.ui.settings_dialog import SettingsDialog
from tests.ui.window_harness import Harness


@pytest.fixture
def style(qapp: QApplication) -> ChatStyle:
    return ChatStyle.from_widget(QWidget())


def _document(style: ChatStyle, markdown: str) -> QTextDocument:
    doc = make_document(style, MarkdownRenderer(style).render_markdown(markdown, CodeRegistry()))
    doc.setTextWidth(600)
    return doc


def _space_after_second_block(style: ChatStyle, markdown: str) -> float:
    """From the bottom of the second block (the list's last item) to the top of what follows it."""
    doc = _document(style, markdown)
    layout = doc.documentLayout()
    second = doc.begin().next()
    tables = doc.rootFrame().childFrames()
    below = layout.frameBoundingRect(tables[0]).top() if tables else layout.blockBoundingRect(second.next()).top()
    return below - layout.blockBoundingRect(second).bottom()


def test_a_table_after_a_list_stands_apart_from_it(style: ChatStyle) -> None:
    table = "| x | y |\n|---|---|\n| 1 | 2 |\n"
    before_paragraph = _space_after_second_block(style, "1. a\n2. b\n\nafter\n")
    before_table = _space_after_second_block(style, f"1. a\n2. b\n\n{table}")
    between_items = _space_after_second_block(style, "1. a\n2. b\n3. c\n")
    # Before: 9.5 px, hardly more than the 8 px between the items, as if the table were one of them.
    assert before_table >= before_paragraph
    assert before_table >= 2 * between_items


def test_a_code_blocks_language_survives_a_delta_ending_after_its_backticks(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    source = "A small helper:\n\n```python\nx = 1\n```\n"
    cut = source.index("```") + 3
    view.set_messages([MessageItem(2, "assistant", "", status="streaming", sender_name="Bot")])
    view.append_delta(2, source[:cut])
    qtbot.waitUntil(view.is_idle)
    view.append_delta(2, source[cut:])
    qtbot.waitUntil(view.is_idle)
    view.update_message(MessageItem(2, "assistant", source, status="complete", sender_name="Bot"))
    qtbot.waitUntil(view.is_idle)
    rendered = view._delegate.cached(2)  # the header's label is painted from the message's code registry
    assert rendered is not None
    boxes = [box for _index, page, _y in rendered.content.placed() for box in page.codes]
    assert [(box.head is not None, rendered.content.codes.lang(box.index)) for box in boxes] == [(True, "python")]


def test_curly_quotes_in_english_are_narrow_and_in_chinese_stay_full_width(style: ChatStyle) -> None:
    assert (
        latin_quotes("the “short” version")
        == 'the <span class="latin">“</span>short<span class="latin">”</span> version'
    )
    assert latin_quotes("说“画”就行") == "说“画”就行"
    assert latin_quotes("“你好” is hello") == "“你好” is hello"

    doc = _document(style, "the “short” version")
    fragments = []
    it = doc.begin().begin()
    while not it.atEnd():
        fragments.append(it.fragment())
        it += 1
    quote = next(f for f in fragments if f.text() == "“")
    quote_width = QFontMetricsF(quote.charFormat().font()).horizontalAdvance("“")
    ideograph_width = QFontMetricsF(style.font).horizontalAdvance("国")
    assert quote_width < 0.6 * ideograph_width  # a CJK font's “ is as wide as an ideograph


def test_the_status_line_never_moves_the_layout(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    central = window.centralWidget()
    before = central.geometry()
    for message in ("Synced 3 chats", "已同步 3 个对话", "Coze is busy — retrying in 3 s… (Esc stops) 扣子"):
        window.statusBar().showMessage(message)
        QApplication.processEvents()
        assert central.geometry() == before, message
    window.statusBar().clearMessage()
    QApplication.processEvents()
    assert central.geometry() == before


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QApplication]:
    palette, sheet, style_name = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    theme.apply_theme(qapp, "dark")
    yield qapp
    for watcher in qapp.findChildren(theme._ThemeWatcher):
        watcher.setParent(None)
        watcher.deleteLater()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if qapp.style().name() != style_name:
        qapp.setStyle(style_name)


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 12


def test_the_dark_spin_box_looks_like_the_combo_boxes_and_shows_its_arrows(qtbot: QtBot, dark: QApplication) -> None:
    dialog = SettingsDialog(Settings(font_size=14), None, None, Overrides(None, None, None), lambda *args: None, {})
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.appearance)
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.appearance.font_size
    image: QImage = spin.grab().toImage()
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert _close(middle, QColor(theme.DARK.button))  # Fusion's dark well was the base colour #141519
    arrows = [
        image.pixelColor(x, y)
        for x in range(image.width() - 18, image.width() - 2)
        for y in range(2, image.height() - 2)
    ]
    assert any(_close(pixel, QColor("#8E929B")) for pixel in arrows)  # the arrows are drawn, visibly
    for name in ("spin-up.svg", "spin-down.svg"):
        assert f"/{name}" in theme.stylesheet(theme.DARK)
