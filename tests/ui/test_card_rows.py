"""Which card is live and what answered the others (plain data), a generic card's fallback, the list preview."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPalette

from desktop.core.coze.display import answer_markdown
from desktop.core.cozeserver.demo_chatflow import input_card, question_card
from desktop.core.store import Store
from desktop.core.vocabulary import MessageStatus, Role
from desktop.core.workflow_cards import parse_card
from desktop.ui.chat.card_rows import CardState, card_states, lay_out_card, readable
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.style import ChatStyle

QUESTION = question_card("Pick one", ("Red", "Blue"))
INPUT = input_card(("city", "date"))


def _user(message_id: int, text: str) -> MessageItem:
    return MessageItem(message_id, Role.USER, text)


def _card(message_id: int, content: str, **fields: object) -> MessageItem:
    return MessageItem(message_id, Role.ASSISTANT, content, content_type="card", **fields)  # type: ignore[arg-type]


def test_only_the_last_card_is_live_and_answered_ones_know_their_answer() -> None:
    items = [_user(1, "hi"), _card(2, QUESTION), _user(3, "Blue"), _card(4, INPUT)]
    states = card_states(items)
    assert set(states) == {2, 4}
    assert not states[2].live and states[2].reply == "Blue" and states[2].chosen() == 1
    assert states[4].live and states[4].reply is None
    answered = card_states([*items, _user(5, "city:Rome\ndate:Fri\nextra:x")])
    assert not answered[4].live and answered[4].values() == {"city": "Rome", "date": "Fri"}


def test_a_streaming_or_foreign_card_is_not_live() -> None:
    assert not card_states([_card(1, QUESTION, status=MessageStatus.STREAMING)])[1].live
    assert card_states([_card(1, '{"x_properties":{"workflow_card_info":"{\\"card_type\\":\\"OTHER\\"}"}}')]) == {}
    assert card_states([MessageItem(1, Role.ASSISTANT, QUESTION)]) == {}  # text that only looks like a card


def test_a_question_card_shows_its_title_an_other_card_its_strings() -> None:
    assert answer_markdown(QUESTION, "card") == "Pick one"
    assert answer_markdown(INPUT, "card") == ""
    other = answer_markdown('{"header":{"title":"Weather"},"text":"Sunny"}', "card")
    assert set(other.split("\n\n")) == {"Weather", "Sunny"}  # the readable fallback of other cards


def test_the_list_previews_a_card_by_its_title_or_fields(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        for content in (QUESTION, INPUT):
            conversation = store.conversations.create("wf", app_id="app")
            store.messages.add_question(conversation.id, "hi")
            answer = store.messages.start_answer(conversation.id)
            store.messages.update(answer.id, content=content, content_type="card", status="complete")
        previews = [row.last_message_preview for row in store.conversations.page()]
    assert sorted(previews) == ["Pick one", "city, date"]


def test_copy_takes_a_card_as_text() -> None:
    assert readable(_card(1, QUESTION)) == "Pick one\n- Red\n- Blue"
    assert readable(_card(1, INPUT)) == "city:\ndate:"
    assert readable(_user(2, '{"x": 1}')) == '{"x": 1}'


def test_a_cards_line_breaks_and_controls_stay_inside_its_chips_and_boxes(qapp: object) -> None:
    """An option or field named "line1\\nline2" drew two lines on a one-line chip, spilling out of it."""
    style = ChatStyle.create(QPalette(), QFont())
    hostile = ("line1\nline2\x07bell", "\u202eevil\u200b", "x" * 100_000)
    for content in (question_card("t", hostile), input_card(hostile)):
        card = parse_card(content)
        assert card is not None
        for state in (CardState(card, live=True), CardState(card, reply="line1\nline2:v\n")):
            for label in lay_out_card(state, style, QPointF(0, 0), 400):
                assert not any(c in label.text for c in "\n\x07\u202e\u200b"), repr(label.text)
                assert len(label.text) < 400


def test_a_field_the_card_marks_not_required_may_stay_blank() -> None:
    content = input_card(("city", "date"))
    outer = json.loads(content)
    info = json.loads(outer["x_properties"]["workflow_card_info"])
    info["input_card_data"][1]["required"] = False
    outer["x_properties"]["workflow_card_info"] = json.dumps(info)
    card = parse_card(json.dumps(outer))
    assert card is not None and card.optional == frozenset({"date"})
    assert card.missing({"city": "Rome"}) == ()
    assert card.missing({"date": "Fri"}) == ("city",)
