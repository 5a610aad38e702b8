"""An answer asked again (Regenerate, or its question edited) drops the follow-up suggestions of the
answer it replaces: they stayed under the new answer while it streamed, clickable, about the old text
(found by the attack run: edit a question, the old "来一个长一点的回答" chips under "思考中…")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from tests.ui.test_chat_view import Opened, answer, idle, user


def test_a_reworked_answer_loses_the_old_suggestions_and_gets_its_own(qtbot: QtBot) -> None:
    view = ChatView(open_url=Opened())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_messages([user(1, "why is the sky blue?"), answer(2, "Rayleigh scattering.", status="complete")])
    view.set_follow_ups(["Show me some code", "Make it longer"])
    idle(qtbot, view)
    rows = view.list_view.rows
    assert rows.get(2).chips == ("Show me some code", "Make it longer")
    view.replace_message(answer(2, "", status="streaming"))  # Regenerate: the row is emptied and streams again
    assert rows.get(2).chips == ()
    view.update_message(answer(2, "Because of Rayleigh scattering.", status="complete"))
    view.set_follow_ups(["What is Rayleigh scattering?"])  # the new answer's own, when it ends
    assert rows.get(2).chips == ("What is Rayleigh scattering?",)
