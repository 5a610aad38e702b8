"""A suggested question clicked, or a "/" command chosen, while the content check of a saved draft's files still runs
waits for that check as a Send from the box does (Send greyed out, "Checking the attached files before sending…"):
found unchanged, it goes with the draft's files; a file taken out stops it, and what is said is true of it. A
suggestion's words are put in the box (after the draft's own words: neither is lost) and the sentence says so; a
command is named as not run (the box keeps the "/…" it was chosen from). Before, either was dropped when a file was
taken out, and the box said "your message is still here" of a message that had never been in it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.profile import Profile
from tests.draft_restart import changed, questions, restarted_with_a_draft
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app

CHECKING = "Checking the attached files before sending…"
CHANGED = (
    "notes.txt changed since it was attached, so it was taken out of this unsent message. "
    "Attach it again to send it as it is now."
)
QUESTION_IN_BOX = "Nothing was sent: the question you chose is in the message box now. Check it and send it again."
COMMAND_NOT_RUN = "Nothing was sent: /summary did not run. Check the attached files and choose it again."
SUGGESTION = "What can you do?"  # the demo bot's first suggested question


def _click_the_suggestion(qtbot: QtBot, app: DesktopApp) -> None:
    intro = app.window.chat.view.intro
    qtbot.waitUntil(lambda: bool(intro.suggestion_buttons()), timeout=5000)  # (once the bot's details are in)
    buttons = intro.suggestion_buttons()
    assert buttons[0].text() == SUGGESTION
    buttons[0].click()


def _choose_summary(qtbot: QtBot, app: DesktopApp) -> None:
    """The person types "/sum" over the draft's words and picks /summary (a command that asks nothing) with Enter."""
    composer = app.window.chat.composer
    qtbot.waitUntil(lambda: bool(composer.shortcuts.menu.commands), timeout=5000)  # (once the bot's details are in)
    composer.set_text("")
    qtbot.keyClicks(composer.edit, "/sum")
    assert composer.shortcuts.menu.isVisible()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)


def _waits_for_the_check(app: DesktopApp) -> None:
    composer = app.window.chat.composer
    upload = app.window.presenter.upload
    assert upload is not None and not upload.active  # nothing on its way to Coze yet
    assert composer.problem.text() == CHECKING and not composer.button.isEnabled()
    assert app.window.presenter.current is None and questions(app) == []


def _answered(qtbot: QtBot, app: DesktopApp) -> None:
    qtbot.waitUntil(lambda: app.window.presenter.current is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not app.chats.busy_conversations, timeout=15_000)


@pytest.mark.parametrize(
    ("words", "then_in_the_box"),
    [("what is in it?", f"what is in it?\n{SUGGESTION}"), ("", SUGGESTION)],
    ids=["after-the-drafts-words", "in-an-empty-box"],
)
def test_a_suggestion_clicked_while_the_check_runs_is_put_in_the_box_when_a_file_is_taken_out(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event, words: str, then_in_the_box: str
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate, change=changed) as (app, _copy):
        composer = app.window.chat.composer
        composer.set_text(words)
        _click_the_suggestion(qtbot, app)
        _waits_for_the_check(app)
        gate.set()
        qtbot.waitUntil(lambda: names(app) == [], timeout=10_000)
        assert composer.problem.text() == f"{CHANGED}\n{QUESTION_IN_BOX}"  # before: "…your message is still here…"
        assert composer.text() == then_in_the_box and composer.button.isEnabled()  # before: the suggestion was lost
        assert app.window.presenter.current is None and questions(app) == []


def test_a_suggestion_clicked_while_the_check_runs_goes_with_the_drafts_file_once_found_unchanged(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate) as (app, _copy):
        _click_the_suggestion(qtbot, app)
        _waits_for_the_check(app)
        gate.set()
        _answered(qtbot, app)
        [(question, files)] = questions(app)
        assert SUGGESTION in question and files == 1
        assert app.window.chat.composer.problem.isHidden() and names(app) == []


def test_a_command_chosen_while_the_check_runs_is_said_not_run_when_a_file_is_taken_out(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate, change=changed) as (app, _copy):
        composer = app.window.chat.composer
        _choose_summary(qtbot, app)
        _waits_for_the_check(app)
        gate.set()
        qtbot.waitUntil(lambda: names(app) == [], timeout=10_000)
        assert composer.problem.text() == f"{CHANGED}\n{COMMAND_NOT_RUN}"  # before: "…your message is still here…"
        assert composer.text() == "/sum" and composer.button.isEnabled()  # where it was chosen from, to choose again
        assert app.window.presenter.current is None and questions(app) == []


def test_a_command_chosen_while_the_check_runs_runs_with_the_drafts_file_once_found_unchanged(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate) as (app, _copy):
        _choose_summary(qtbot, app)
        _waits_for_the_check(app)
        gate.set()
        _answered(qtbot, app)
        conversation = app.window.presenter.current
        assert conversation is not None
        [question] = [m for m in app.store.messages.page(conversation) if m.role == "user"]
        assert '"/summary"' in (question.shortcut or "") and len(app.store.attachments.of(question.id)) == 1
        assert app.window.chat.composer.problem.isHidden() and names(app) == []


def test_a_suggestion_clicked_with_files_in_the_box_asks_the_suggestion_not_the_boxs_words(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """No check at all: the draft's files go to Coze first, and what was asked after them was the box's words (the
    upload's end took `composer.text()` for every question but a command's), so the suggestion was lost."""
    notes = tmp_path / "notes.txt"
    notes.write_text("the words that were attached", encoding="utf-8")
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    app.start(demo=True)
    try:
        app.window.new_chat()
        composer = app.window.chat.composer
        composer.set_text("what is in it?")
        composer.attach_paths([notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
        _click_the_suggestion(qtbot, app)
        _answered(qtbot, app)
        [(question, files)] = questions(app)
        assert SUGGESTION in question and "what is in it?" not in question and files == 1
    finally:
        close_app(app)
