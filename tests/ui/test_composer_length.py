"""Typing goes on past the length a paste is held to (a longer paste becomes a text file): near that limit
the composer shows how long the text is, past it that it can still be sent (Coze documents no limit, and
coze-js's own chat input sets none) but a draft keeps only the first 20,000 characters. Before, nothing
said so: the text past the limit was silently cut from the draft kept for a restart."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.ui.composer import Composer


def _composer(qtbot: QtBot) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.resize(700, 200)
    composer.show()
    return composer


def test_the_count_shows_near_the_limit_and_send_stays_possible_past_it(qtbot: QtBot) -> None:
    composer = _composer(qtbot)
    count = composer.length
    composer.edit.insertPlainText("字" * 17_999)  # typed (a paste this long would be one too)
    assert count.isHidden()
    composer.edit.insertPlainText("a")
    assert count.isVisible() and count.text() == "18,000 / 20,000 characters"
    assert count.property("cozeRole") == "hint"
    composer.edit.insertPlainText("b" * (MAX_MESSAGE_CHARS - 18_000))
    assert count.text() == "20,000 / 20,000 characters"
    composer.edit.insertPlainText("c")
    assert count.text() == (
        "20,001 / 20,000 characters: it can still be sent, but if the app closes first, its draft keeps only "
        "the first 20,000."
    )
    assert count.property("cozeRole") == "warning"
    assert composer.button.isEnabled()
    with qtbot.waitSignal(composer.sendRequested) as sent:
        composer.button.click()
    assert len(sent.args[0]) == MAX_MESSAGE_CHARS + 1  # the whole text goes
    composer.set_text("short again")
    assert count.isHidden()
