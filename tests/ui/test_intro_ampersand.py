"""A bot's suggested question with "&" in it ("Q&A about R&D", "AT&T prices") shows as written: a push
button takes "&" as the mark of its keyboard shortcut, so it showed "QA about RD" with the A underlined,
"Tom _Jerry", and Alt+A asked the question (found by the attack run with a bot of such suggestions)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from tests.ui.test_chat_view import Opened

SUGGESTIONS = ["Q&A about R&D", "Tom & Jerry", "AT&T prices"]


def test_suggestions_with_an_ampersand_show_it_and_make_no_shortcut(qtbot: QtBot) -> None:
    view = ChatView(open_url=Opened())
    qtbot.addWidget(view)
    view.set_intro("Bot", "Hi", SUGGESTIONS)
    buttons = view.intro.suggestion_buttons()
    assert [b.text().replace("&&", "&") for b in buttons] == SUGGESTIONS
    assert all(QKeySequence.mnemonic(b.text()).isEmpty() for b in buttons)
    with qtbot.waitSignal(view.followUpClicked) as clicked:
        buttons[0].click()
    assert clicked.args == ["Q&A about R&D"]  # what is asked is the question itself
