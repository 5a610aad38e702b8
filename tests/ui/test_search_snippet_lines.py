"""A search hit shows two lines of its message, the second ending in "…" when there is more: the card is a little
taller than two lines (room for CJK fallback fonts), and the third line of a long snippet showed under them
("ve…" in English, its top pixels in Chinese)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.core.store.models import SearchHit
from desktop.core.vocabulary import Role
from desktop.ui.conversation_list import HIT_MARKERS
from desktop.ui.search_results import SearchResults
from tests.ui.contrast import contrast

START, END = HIT_MARKERS
SNIPPETS = {
    "en": f"...Thanks for asking! Here is a {START}structured{END} answer you can skim: Short version: it depends on "
    "your context, so let's look at the options one by one and pick the one that fits...",
    "zh": f"……谢谢提问！这里是一个{START}结构化{END}的回答，方便你快速浏览：简短版本：这取决于你的具体情况，"
    "我们逐一看看各个选项，再挑出最适合你的那一个……",
}


def _ink_bands(image: QImage, left: int, right: int, top: int, bottom: int, background: QColor) -> int:
    """How many bands of rows hold text pixels (3:1 or more against the background) between top and bottom."""
    bands, inside = 0, False
    for y in range(top, bottom):
        ink = any(contrast(image.pixelColor(x, y), background) >= 3 for x in range(left, right))
        bands += ink and not inside
        inside = ink
    return bands


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [280, 360])
def test_a_long_hit_shows_two_lines_and_nothing_of_a_third(qtbot: QtBot, language: str, width: int) -> None:
    results = SearchResults(HIT_MARKERS)
    qtbot.addWidget(results)
    results.resize(width, 400)
    hit = SearchHit(1, "Quarterly report", 2, Role.ASSISTANT, SNIPPETS[language], 0.0)
    results.show_hits([hit, SearchHit(3, "Trip", 4, Role.ASSISTANT, SNIPPETS[language], 0.0)], "x", "Untitled")
    results.show()
    qtbot.waitExposed(results)
    image = results.viewport().grab().toImage()
    for row in results.hit_rows():  # the first selected (a tinted card), the second plain
        rect = results.visualItemRect(results.item(row))
        background = image.pixelColor(rect.left() + 9, rect.center().y())
        bands = _ink_bands(image, rect.left() + 10, rect.right() - 10, rect.top() + 2, rect.bottom() - 1, background)
        assert bands == 2, (language, width, row, bands)
