"""Which font draws Chinese: the Simplified Chinese one in widgets too, and the chat keeps its look (#21).

Left to fontconfig, a Han character in a widget fell back to the font for the system's language: in the
English UI on an English Linux (LANG unset or C.UTF-8, as here) Noto Sans CJK JP, Japanese forms of Chinese
characters in the sidebar, the header, the composer and every dialog, while the chat used Noto Sans CJK SC.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.chat.style import CJK_SANS, ChatStyle
from desktop.ui.qt_app import chinese_fonts_for_han


def empty_qt_font_caches() -> None:
    """Qt keeps the font engines it made for the whole process (QFontCache), and a font naming the Chinese
    fonts after the platform family can be handed an engine made earlier for that family alone, which falls
    back to fontconfig's choice for Han (Noto Sans CJK JP). Earlier tests of a full run leave such engines
    behind, and this test failed after them; adding and removing a font empties Qt's caches."""
    font_file = next((path for path in Path("/usr/share/fonts").rglob("*.tt[fc]") if path.is_file()), None)
    if font_file is None:
        pytest.skip("needs a font file under /usr/share/fonts")
    handle = QFontDatabase.addApplicationFont(str(font_file))
    assert handle >= 0 and QFontDatabase.removeApplicationFont(handle)


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    """The app font as qt_application() sets it; the platform's own is restored after."""
    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("needs fonts-noto-cjk (test.sh installs it)")
    saved = QFont(qapp.font())
    empty_qt_font_caches()  # as at a start: nothing drawn yet
    chinese_fonts_for_han(qapp)
    yield QApplication.font()
    qapp.setFont(saved)


def drawn_by(font: QFont, text: str) -> list[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [run.rawFont().familyName() for run in layout.glyphRuns()]


def test_widgets_draw_chinese_with_the_simplified_chinese_font(app_font: QFont) -> None:
    families = drawn_by(QWidget().font(), "Chats 你好，世界。说明")

    assert "Noto Sans CJK SC" in families
    assert not [family for family in families if "JP" in family or "KR" in family or "TC" in family]


def test_widgets_keep_the_platform_font_for_latin(qapp: QApplication, app_font: QFont) -> None:
    assert app_font.families()[0] not in CJK_SANS  # the platform font's real family, not an alias
    assert drawn_by(app_font, "Chats")[0] == drawn_by(QFont(), "Chats")[0]


def test_the_chat_is_drawn_by_the_chinese_fonts_as_before(app_font: QFont) -> None:
    widget = QWidget()
    style = ChatStyle.from_widget(widget)

    platform = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    assert style.font.families() == [platform, *CJK_SANS]  # Segoe UI / SF first on Windows / macOS
    assert drawn_by(style.font, "Hello 你好") == ["Noto Sans CJK SC"]
    assert drawn_by(style.bold, "Hello 你好") == ["Noto Sans CJK SC"]
