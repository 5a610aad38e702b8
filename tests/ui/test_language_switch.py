"""Settings → Language applies live (#17 item 10): the open window's words change language at once,
without a restart pop-up, and back again; a chat's own title is data and stays as it is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.coze.shortcuts import parse_commands
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.store import MessageError, NewMessage
from desktop.core.vocabulary import MessageStatus, Role
from desktop.services.store_writes import WriteProblem
from desktop.ui import i18n
from desktop.ui.chat.cards import CardForm
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rework_intents import busy_hint
from desktop.ui.conversation_groups import DateGroup
from desktop.ui.language_switch import LanguageSwitch
from desktop.ui.settings.appearance_page import AppearancePage
from desktop.ui.shortcut_form import ShortcutForm
from desktop.ui.status_news import show_status
from desktop.ui.write_problems import WriteProblemNotice
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The app's translator installed before the window is built, as the app does it."""
    locale = QLocale()
    i18n.install_translators(qapp, "en")
    yield
    i18n.install_translators(qapp, "en")
    QLocale.setDefault(locale)


@pytest.fixture
def switch(qapp: QApplication, english: None, harness: Harness) -> LanguageSwitch:
    return LanguageSwitch(qapp, harness.window)


def words(harness: Harness) -> dict[str, str]:
    """A representative set of what the window shows."""
    window = harness.window
    composer = window.chat.composer
    return {
        "menu": window.menuBar().actions()[0].text(),
        "first action": window.menuBar().actions()[0].menu().actions()[0].text(),
        "search": window.sidebar.search.placeholderText(),
        "new chat button": window.sidebar.new_button.text(),
        "send": composer.button.text(),
        "placeholder": composer.edit.placeholderText(),
        "header": window.chat.header.title.text(),
        "today": window.sidebar.labels.groups[DateGroup.TODAY],
        "untitled": window.model.untitled,
        "welcome": window.welcome.demo_button.text(),
    }


ENGLISH = {
    "menu": "&File",
    "first action": "&New chat",
    "search": "Search (Ctrl+K)",
    "new chat button": "New chat",
    "send": "Send",
    "header": "New chat",
    "today": "Today",
    "untitled": "New chat",
    "welcome": "Try the demo bot",
}


def test_switching_language_retranslates_the_open_window_and_back(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    before = words(harness)
    assert {k: v for k, v in before.items() if k != "placeholder"} == ENGLISH
    assert before["placeholder"].startswith("Message the bot…")

    welcome = [label.text() for label in harness.window.welcome.findChildren(QLabel) if label.text()]
    with qtbot.waitSignal(switch.switched) as switched:
        switch.switch("zh_CN")
    welcome_now = [label.text() for label in harness.window.welcome.findChildren(QLabel) if label.text()]
    assert len(welcome_now) == len(welcome) >= 3
    assert not set(welcome) & set(welcome_now)  # the page not on screen changed too
    assert switched.args == ["zh"]
    chinese = words(harness)
    assert chinese["menu"] == "文件(&F)"
    assert chinese["first action"] == "新建对话(&N)"
    assert chinese["search"] != before["search"] and "Ctrl+K" in chinese["search"]
    assert chinese["today"] == "今天"
    for key, english in before.items():
        assert chinese[key] != english, key  # every one of them changed
        assert any("\u4e00" <= c <= "\u9fff" for c in chinese[key]), (key, chinese[key])
    assert harness.window.windowTitle() == "扣子桌面"

    switch.switch("en")
    assert words(harness) == before
    assert harness.window.windowTitle() == "Coze Desktop"


def test_a_chats_title_is_not_translated_but_its_error_sentence_is(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    conversation = harness.store.conversations.create(harness.window.presenter.bot_for_new_chat() or "", "Settings")
    harness.store.messages.add(conversation.id, NewMessage(role=Role.USER, type="question", content="hi"))
    failed = harness.store.messages.add(
        conversation.id,
        NewMessage(
            role=Role.ASSISTANT,
            type="answer",
            content="partial",
            status=MessageStatus.FAILED,
            error=MessageError(code=None, msg="connection reset", kind="network"),
        ),
    )
    harness.window.open_conversation(conversation.id)
    english = harness.window.chat.view.item(failed.id)
    assert english is not None and english.error_sentence.isascii()

    switch.switch("zh_CN")
    assert harness.window.chat.header.title.text() == "Settings"  # the chat's own title: data, not a UI word
    assert harness.window.windowTitle().startswith("Settings")
    chinese = harness.window.chat.view.item(failed.id)
    assert chinese is not None and chinese.error_sentence != english.error_sentence
    assert not chinese.error_sentence.isascii()


def test_dialogs_opened_after_a_switch_and_qt_buttons_follow(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    switch.switch("zh_CN")
    page = AppearancePage("system", "zh_CN", 0)
    qtbot.addWidget(page)
    assert page.language_hint.text() == "按“确定”后，整个应用立即切换到新语言。"
    menu = harness.window.chat.composer.edit.createStandardContextMenu()
    assert menu is not None
    assert "粘贴(&P)" in [action.text().split("\t")[0] for action in menu.actions()]
    menu.deleteLater()


def test_an_open_input_card_form_and_shortcut_form_follow_a_switch_while_an_answer_streams(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    """Switched 51 times with a card's form and a command's form open and an answer streaming: the forms
    end in the new language (the form's field hints were left in the old one), the answer is whole."""
    harness.window.new_chat()
    harness.server.queue(Scenario("slow", pace=0.02))
    composer = harness.window.chat.composer
    composer.set_text("hello")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None)
    conversation = harness.window.current_conversation
    assert conversation is not None
    card = CardForm(("city",), harness.window)
    card.open()
    command = parse_commands([{"id": "1", "command": "/x", "name": "x", "components": [{"name": "a"}]}])[0]
    shortcut = ShortcutForm(command, harness.window)
    shortcut.open()
    for number in range(51):
        switch.switch("zh_CN" if number % 2 == 0 else "en")
    qtbot.waitUntil(lambda: card.edits["city"].placeholderText() == "请输入 city…")  # on the LanguageChange event
    assert card.windowTitle() == "填写"
    assert shortcut.send_button.text() == "发送"
    card.reject()
    shortcut.reject()
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=20_000)
    answer = harness.store.messages.page(conversation)[-1]
    assert answer.status == MessageStatus.COMPLETE and len(answer.content) > 100


def test_toasts_showing_during_a_switch_speak_the_new_language(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    """The Undo toast of a deletion (with its second button) and the chat's brief note are said again
    in the new language, and the toast is sized for its new words (nothing clipped)."""
    window = harness.window
    chat = harness.store.conversations.create(BOT, "Trip", coze_conversation_id="7450000000000009999")
    window.sidebar.reload()
    window.open_conversation(chat.id)
    window.conversations.delete_current()
    toast = window.conversations.toast
    assert toast.isVisible() and toast.text.text() == "Deleted “Trip”."
    note = window.chat.view.rework.toast
    note.show_text(lambda: busy_hint(MessageItem(1, Role.ASSISTANT, "answer")))
    assert note.text().startswith("Wait for the answer")

    switch.switch("zh_CN")
    qtbot.waitUntil(lambda: toast.text.text() == "已删除“Trip”。")
    assert [button.text() for button in toast.findChildren(QPushButton)] == ["撤销", "同时在扣子上删除"]
    for part in (toast.text, *toast.findChildren(QPushButton)):
        assert part.geometry().right() <= toast.contentsRect().right(), part.text()  # the toast grew to fit
        assert part.width() >= part.sizeHint().width(), part.text()
    assert note.text() == "请等回答结束（或停止回答）后再重新生成。"

    switch.switch("en")
    qtbot.waitUntil(lambda: toast.text.text() == "Deleted “Trip”.")
    assert [button.text() for button in toast.findChildren(QPushButton)] == ["Undo", "Also delete on Coze"]
    for button in toast.findChildren(QPushButton):
        assert button.width() >= button.sizeHint().width(), button.text()
    assert note.text().startswith("Wait for the answer")
    toast.button("Undo").click()  # type: ignore[union-attr]
    assert harness.store.conversations.get(chat.id) is not None


def test_the_bot_placeholder_switches_but_answers_stay(qtbot: QtBot, switch: LanguageSwitch, harness: Harness) -> None:
    """A bot whose details have not arrived is "Bot" / "智能体" in the header and on its answers, and
    switches; what the bot answered is content and keeps its language."""
    stranger = harness.store.conversations.create("7450000000000000077", "A new bot")
    harness.store.messages.add(stranger.id, NewMessage(role=Role.USER, type="question", content="Hello"))
    answer = harness.store.messages.add(
        stranger.id, NewMessage(role=Role.ASSISTANT, type="answer", content="Hi! How can I help?")
    )
    window = harness.window
    window.open_conversation(stranger.id)
    assert window.chat.header.subtitle.text() == "Bot"
    switch.switch("zh_CN")
    assert window.chat.header.subtitle.text() == "智能体"
    item = window.chat.view.item(answer.id)
    assert item is not None and item.sender_name == "智能体" and item.content == "Hi! How can I help?"


def test_a_status_bar_message_showing_during_a_switch_speaks_the_new_language(
    qtbot: QtBot, switch: LanguageSwitch, harness: Harness
) -> None:
    bar = harness.window.statusBar()
    WriteProblemNotice(harness.window).show(WriteProblem.DISK_FULL)
    assert bar.currentMessage().startswith("The disk is full")
    switch.switch("zh_CN")
    qtbot.waitUntil(lambda: bar.currentMessage() == "磁盘已满，你的修改没有保存。请释放一些磁盘空间后再试。")
    bar.showMessage("someone else's words")  # not ours to say again
    switch.switch("en")
    qtbot.wait(50)
    assert bar.currentMessage() == "someone else's words"
    show_status(bar, lambda: "gone", 1)
    qtbot.waitUntil(lambda: bar.currentMessage() == "")
    switch.switch("zh_CN")
    qtbot.wait(50)
    assert bar.currentMessage() == ""  # its time was up: it does not come back
