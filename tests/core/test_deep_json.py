"""Text from outside nested deeper than a JSON parser goes (`[[[[…`, from a hostile or broken server, a
synced question, a card): every parser of it treats it as bad JSON. Each of these raised RecursionError
past its `except ValueError`, into the view's painting, the chat worker or the sync (#13 attack)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.core.attachments.copies import stored_question, with_local_copies
from desktop.core.coze import content, display, events
from desktop.core.coze.events import BrokenEventError
from desktop.core.coze.sse import SSEEvent
from desktop.core.coze.transcript import done_debug_url
from desktop.core.cozeserver.demo_bot import question_text as demo_question_text
from desktop.core.store.conversations import question_title
from desktop.core.store.transfer.attachments import question_text
from desktop.core.workflow_cards import parse_card

DEEP = "[" * 100_000
DEEP_OBJECT = '{"a": ' + DEEP


def _event(data: str) -> object:
    try:
        return events.parse_event(SSEEvent("conversation.message.delta", data))
    except BrokenEventError:
        return "broken"  # what a bad event is: the pump skips it


CASES: dict[str, Callable[[], object]] = {
    "content items": lambda: content.parse(DEEP),
    "an object_string answer": lambda: display.answer_markdown(DEEP_OBJECT, "object_string"),
    "a card": lambda: display.card_text(DEEP_OBJECT),
    "an answer in the terminal": lambda: display.terminal_text(DEEP, "object_string"),
    "a workflow card": lambda: parse_card(DEEP_OBJECT),
    "a stream event": lambda: _event(DEEP_OBJECT),
    "an event as JSON": lambda: events.ChatEvent("x", raw=DEEP).to_json(),
    "the done event's debug url": lambda: done_debug_url(DEEP_OBJECT),
    "a synced question's title": lambda: question_title(DEEP, "object_string"),
    "a synced question's files": lambda: stored_question(DEEP, "object_string"),
    "a synced question's local copies": lambda: with_local_copies(DEEP, lambda _file_id: None),
    "an exported question's text": lambda: question_text(DEEP, "object_string"),
    "the demo bot's reading of a question": lambda: demo_question_text(DEEP),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_nesting_too_deep_is_bad_json_not_a_crash(case: str) -> None:
    CASES[case]()  # returns (a fallback), never RecursionError
