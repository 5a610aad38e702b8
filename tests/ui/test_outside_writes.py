"""Two processes on one profile: what `coze-desktop ask --conversation-id ID` (a real second process) adds to
the chat open in the window shows there a moment later, in the history's order, without switching chats.

Found by driving the app: ask's question and answer reached the history but the open chat went on showing
the old rows; a follow-up typed in the window then showed straight under the window's last answer while the
history (and the bot, "our 3rd exchange") had ask's turn in between."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.core.vocabulary import MessageStatus, Role
from tests.coze_fixtures import BOT, TOKEN
from tests.ui.window_harness import Harness


def ask(harness: Harness, profile: Path, conversation: int, question: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": harness.server.base_url, "COZE_BOT_ID": BOT}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "--profile",
            str(profile),
            "ask",
            "--conversation-id",
            str(conversation),
            question,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def shown(harness: Harness) -> list[tuple[int, str]]:
    """What the open chat shows, top to bottom (the view's own items: their text, as shown)."""
    return [(item.id, item.content) for item in harness.window.chat.view._model.items()]


def stored(harness: Harness) -> list[tuple[int, str]]:
    conversation = harness.window.current_conversation
    assert conversation is not None
    return [(m.id, m.content) for m in harness.history.messages(conversation)]


def answered(harness: Harness) -> bool:
    conversation = harness.window.current_conversation
    if conversation is None or harness.chats.is_busy(conversation):
        return False
    last = harness.history.messages(conversation)[-1]
    return last.role == Role.ASSISTANT and last.status == MessageStatus.COMPLETE


def test_the_open_chat_shows_what_ask_adds_to_it(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    window, view = harness.window, harness.window.chat.view
    window.send("first, from the window")
    qtbot.waitUntil(lambda: answered(harness), timeout=15_000)
    conversation = window.current_conversation
    assert conversation is not None
    harness.server.queue(Scenario("slow", pace=0.05))  # ask's answer streams in while the window looks
    other = ask(harness, tmp_path, conversation, "second, from ask")
    try:
        qtbot.waitUntil(lambda: any(text == "second, from ask" for _, text in shown(harness)), timeout=30_000)
        qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    finally:
        if other.poll() is None:
            other.kill()
        _, err = other.communicate()
    assert other.returncode == 0, err
    qtbot.waitUntil(lambda: shown(harness) == stored(harness), timeout=10_000)  # ask's whole answer, as stored
    answer = view.item(stored(harness)[-1][0])
    assert answer is not None and "2nd exchange" in answer.content and answer.can_rework  # whole, not streaming
    assert window.current_conversation == conversation
    window.send("third, from the window")
    qtbot.waitUntil(lambda: answered(harness), timeout=15_000)
    assert [text for _, text in shown(harness)][::2] == [
        "first, from the window",
        "second, from ask",
        "third, from the window",
    ]
    assert shown(harness) == stored(harness)  # each question above its answer, in the history's order


def test_a_question_waits_while_ask_is_answering_in_the_chat(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """Coze answers one chat at a time per conversation: a question sent from the window while ask's answer
    streamed failed ("conversation occupied") and was stored between ask's question and its answer. Now the
    window keeps it in the box and says why until the answer has arrived; then it goes, in turn."""
    window, composer = harness.window, harness.window.chat.composer
    window.send("first, from the window")
    qtbot.waitUntil(lambda: answered(harness), timeout=15_000)
    conversation = window.current_conversation
    assert conversation is not None
    harness.server.queue(Scenario("slow", pace=0.25, text="an answer that takes ten seconds to arrive " * 5))
    other = ask(harness, tmp_path, conversation, "second, from ask")
    try:
        qtbot.waitUntil(lambda: any(text == "second, from ask" for _, text in shown(harness)), timeout=30_000)
        composer.set_text("third, from the window")
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        assert other.poll() is None  # ask's answer is still coming
        assert composer.text() == "third, from the window"  # held, and said why
        assert composer.problem.isVisibleTo(composer) and "coze-desktop ask" in composer.problem.text()
        assert "third, from the window" not in [text for _, text in stored(harness)]
        qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    finally:
        if other.poll() is None:
            other.kill()
        _, err = other.communicate()
    assert other.returncode == 0, err
    qtbot.waitUntil(lambda: shown(harness) == stored(harness), timeout=10_000)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # the answer is in: now it goes
    qtbot.waitUntil(lambda: answered(harness) and len(stored(harness)) == 6, timeout=15_000)
    assert [text for _, text in stored(harness)][::2] == [
        "first, from the window",
        "second, from ask",
        "third, from the window",
    ]
    assert shown(harness) == stored(harness)
    assert composer.text() == "" and not composer.problem.isVisibleTo(composer)
