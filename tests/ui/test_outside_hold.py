"""While another process (a real `coze-desktop ask --conversation-id N` on the same profile) is getting an answer
in the open chat, Send is greyed out with a sentence saying why, and comes back by itself when the answer has
arrived (the data_version poll sees the row end). Before: Send stayed enabled; the question was held back
only once pressed (tests/ui/test_outside_writes.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.core.vocabulary import MessageStatus
from tests.ui.test_outside_writes import answered, ask, shown, stored
from tests.ui.window_harness import Harness


def test_send_waits_while_ask_answers_in_the_open_chat(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    window, composer = harness.window, harness.window.chat.composer
    window.send("first, from the window")
    qtbot.waitUntil(lambda: answered(harness), timeout=15_000)
    conversation = window.current_conversation
    assert conversation is not None
    composer.set_text("third, from the window")
    assert composer.button.isEnabled()
    harness.server.queue(Scenario("slow", pace=0.25, text="an answer that takes ten seconds to arrive " * 5))
    other = ask(harness, tmp_path, conversation, "second, from ask")
    try:
        qtbot.waitUntil(lambda: not composer.button.isEnabled(), timeout=30_000)  # greyed out, by itself
        assert other.poll() is None and composer.text() == "third, from the window"
        assert "coze-desktop ask" in composer.button.toolTip()
        assert composer.problem.isVisibleTo(composer) and "coze-desktop ask" in composer.problem.text()
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # Enter does not send either
        assert composer.text() == "third, from the window"
        assert "third, from the window" not in [text for _, text in stored(harness)]
        window.new_chat()  # another chat: nothing holds it
        composer.set_text("elsewhere")
        assert composer.button.isEnabled() and not composer.problem.isVisibleTo(composer)
        window.open_conversation(conversation)  # back: held at once, before the next commit
        assert other.poll() is None and not composer.button.isEnabled()
        composer.set_text("third, from the window")  # (this harness keeps no drafts per chat)
        assert not composer.button.isEnabled()
        qtbot.waitUntil(composer.button.isEnabled, timeout=30_000)  # the answer is in: Send is back
        assert not composer.problem.isVisibleTo(composer) and composer.button.toolTip() == "Send (Enter)"
        qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    finally:
        if other.poll() is None:
            other.kill()
        _, err = other.communicate()
    assert other.returncode == 0, err
    qtbot.waitUntil(lambda: shown(harness) == stored(harness), timeout=10_000)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: answered(harness) and len(stored(harness)) == 6, timeout=15_000)
    assert [text for _, text in stored(harness)][::2] == [
        "first, from the window",
        "second, from ask",
        "third, from the window",
    ]


def test_send_comes_back_when_the_answering_process_is_killed(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """A process killed mid-answer commits nothing more: Send comes back once its writer lock is gone."""
    window, composer = harness.window, harness.window.chat.composer
    window.send("first, from the window")
    qtbot.waitUntil(lambda: answered(harness), timeout=15_000)
    conversation = window.current_conversation
    assert conversation is not None
    harness.server.queue(Scenario("slow", pace=0.25, text="an answer that takes ten seconds to arrive " * 5))
    other = ask(harness, tmp_path, conversation, "second, from ask")
    try:
        streaming = lambda: harness.history.messages(conversation)[-1].status == MessageStatus.STREAMING  # noqa: E731
        qtbot.waitUntil(lambda: len(stored(harness)) == 4 and streaming(), timeout=30_000)
        composer.set_text("third, from the window")
        qtbot.waitUntil(lambda: not composer.button.isEnabled(), timeout=10_000)
        other.kill()
        other.wait(10)
        assert streaming()  # the row stays as the kill left it
        qtbot.waitUntil(composer.button.isEnabled, timeout=10_000)
        assert not composer.problem.isVisibleTo(composer)
    finally:
        if other.poll() is None:
            other.kill()
        other.communicate()
