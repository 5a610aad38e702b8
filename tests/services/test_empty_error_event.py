"""An `error` event that says nothing (`data:{}`, as in cozepy's tests/testdata/chat_error_resp.txt; see
docs/wire-audit.md) showed "{}" as Coze's words under the answer. It is an error we know nothing about: the general
sentence, in the user's language, and only the logid under Details."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.coze import ErrorKind, error_text
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.connection import Connection
from desktop.ui.presenters import message_item
from tests.coze_fixtures import BOT, TOKEN
from tests.services.test_faults import check, run_chat


@pytest.mark.parametrize("data", ["{}", '{"msg": ""}', '{"code": null, "msg": null}'])
def test_an_error_event_that_says_nothing_shows_the_general_sentence_and_the_logid(
    qtbot: QtBot, store: Store, server: CozeServer, data: str
) -> None:
    server.queue(Scenario("error_event", text="one two three four five six", after_deltas=3, data=data))
    chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    check(store, conversation_id, "failed", "unknown", partial=True)  # before: "chat_failed", its message "{}"
    answer = store.messages.page(conversation_id)[1]
    logid = next(r for r in server.requests if r.path == "/v3/chat").logid
    for language in ("en", "zh_CN"):
        item = message_item(answer, "Demo", language)
        assert item.error_sentence == error_text(ErrorKind.UNKNOWN, language).sentence
        assert item.error_details == f"logid: {logid}"  # nothing else: Coze said nothing
    assert chats.shutdown(2000)


def test_an_error_event_with_words_still_shows_them(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    server.queue(Scenario("error_event", text="one two three four", after_deltas=2, data='{"detail": "overloaded"}'))
    chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    answer = store.messages.page(conversation_id)[1]
    assert '{"detail": "overloaded"}' in message_item(answer, "Demo", "en").error_details  # what Coze said, kept
    assert chats.shutdown(2000)
