"""What the sync, clear and feedback need from the local server: channels, feedback limits, listing faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.coze import CozeClient
from desktop.core.coze.errors import CozeAPIError, CozeHTTPError
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.scenarios import Scenario
from tests.coze_fixtures import BOT, TOKEN, USER


def test_conversations_are_listed_per_channel(client: CozeClient) -> None:
    api = client.create_conversation(BOT)
    sdk = client.create_conversation(BOT, connector_id="999")
    assert [c.id for c in client.list_conversations(BOT).conversations] == [api.id]
    listed = client.list_conversations(BOT, connector_id="999").conversations
    assert [(c.id, c.connector_id) for c in listed] == [(sdk.id, "999")]
    with pytest.raises(CozeAPIError) as raised:
        client.list_conversations(BOT, connector_id="42")
    assert raised.value.code == 4000


def answer_of(client: CozeClient, question: str) -> tuple[str, str]:
    conversation = client.create_conversation(BOT)
    list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    answer = next(m for m in client.list_messages(conversation.id).messages if m.type == "answer")
    return conversation.id, answer.id


def test_feedback_is_kept_and_taken_back(server: CozeServer, client: CozeClient) -> None:
    cid, mid = answer_of(client, "hello")
    client.send_feedback(cid, mid, "unlike", ["不准确", "too long"], "答非所问")
    body = server.requests[-1].json_object()
    assert body == {"feedback_type": "unlike", "reason_types": ["不准确", "too long"], "comment": "答非所问"}
    client.delete_feedback(cid, mid)
    assert server.requests[-1].method == "DELETE"


@pytest.mark.parametrize(
    ("reasons", "comment"),
    [(["r"] * 11, ""), (["x" * 31], ""), ([], "c" * 251)],
    ids=["eleven tags", "a long tag", "a long comment"],
)
def test_feedback_limits(client: CozeClient, reasons: list[str], comment: str) -> None:
    cid, mid = answer_of(client, "hello")
    with pytest.raises(CozeAPIError) as raised:
        client.send_feedback(cid, mid, "like", reasons, comment)
    assert raised.value.code == 4000
    client.send_feedback(cid, mid, "like", ["r"] * 10, "c" * 250)  # exactly at the limits


def test_only_answers_can_be_rated(client: CozeClient) -> None:
    cid, _ = answer_of(client, "hello")
    question = next(m for m in client.list_messages(cid).messages if m.type == "question")
    with pytest.raises(CozeAPIError):
        client.send_feedback(cid, question.id, "like", [])
    with pytest.raises(CozeAPIError) as raised:
        client.send_feedback(cid, "7000000000000000000", "like", [])
    assert raised.value.code == 4200


def test_listing_errors_come_after_the_listings_they_skip(server: CozeServer, client: CozeClient) -> None:
    server.queue(Scenario("list_error", skip=1))
    client.list_conversations(BOT)
    with pytest.raises(CozeHTTPError) as raised:
        client.list_conversations(BOT)
    assert raised.value.status == 502
    client.list_conversations(BOT)


def test_channel_and_feedback_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "demo-server.json"
    with CozeServer(accepted_tokens={TOKEN}, state_path=state) as first, CozeClient(TOKEN, first.base_url) as c:
        sdk = c.create_conversation(BOT, connector_id="999")
        list(c.stream_chat(BOT, USER, "hi", conversation_id=sdk.id))
        answer = next(m for m in c.list_messages(sdk.id).messages if m.type == "answer")
        c.send_feedback(sdk.id, answer.id, "like", [])
    with CozeServer(accepted_tokens={TOKEN}, state_path=state) as again, CozeClient(TOKEN, again.base_url) as c:
        assert [x.id for x in c.list_conversations(BOT, connector_id="999").conversations] == [sdk.id]
        assert again._ctx.state.feedback(sdk.id, answer.id) == {
            "feedback_type": "like",
            "reason_types": [],
            "comment": "",
        }
