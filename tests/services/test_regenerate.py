"""Regenerate and edit-and-resend through the real controller, worker thread and local Coze server: the
new answer takes the old one's place, the old one stays as an earlier version, and Coze forgets the
replaced turn before it is asked again (the demo bot's memory proves its context matches the screen)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat import forget
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Message, Store
from desktop.core.vocabulary import Role
from desktop.services.chat_controller import MEMORY_LOST, MEMORY_NOT_REORDERED, ChatController
from tests.coze_fixtures import BOT


def _ask(qtbot: QtBot, store: Store, chats: ChatController, conversation_id: int, text: str) -> Message:
    assert chats.send(conversation_id, text)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)
    return store.messages.page(conversation_id)[-1]


def _wait(qtbot: QtBot, chats: ChatController, conversation_id: int) -> None:
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)


def _coze_texts(client: CozeClient, coze_id: str) -> list[tuple[str, str]]:
    """(role, content) of the question and answer messages Coze keeps for the conversation."""
    page = client.list_messages(coze_id, order="asc")
    return [(m.role, m.content) for m in page.messages if m.type in ("question", "answer")]


def test_edit_and_resend_makes_the_bot_forget_the_old_question(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    conversation = store.conversations.create(BOT)
    first = _ask(qtbot, store, chats, conversation.id, "my name is Alice")
    assert "Alice" in first.content
    question = store.messages.page(conversation.id)[0]
    replaced: list[Message] = []
    chats.messageReplaced.connect(lambda _c, message: replaced.append(message))

    assert chats.regenerate(conversation.id, question.id, "my name is Bob")
    _wait(qtbot, chats, conversation.id)
    messages = store.messages.page(conversation.id)
    assert [(m.id, m.role) for m in messages] == [(question.id, Role.USER), (first.id, Role.ASSISTANT)]
    assert messages[0].content == "my name is Bob"
    assert "Bob" in messages[1].content and messages[1].status == "complete"
    assert [m.id for m in replaced] == [question.id, first.id] and replaced[1].content == ""
    earlier = store.versions.of(first.id)
    assert [(v.question, "Alice" in v.answer.content) for v in earlier] == [("my name is Alice", True)]

    later = _ask(qtbot, store, chats, conversation.id, "what is my name?")
    assert "**Bob**" in later.content  # the bot remembers what the user sees, not the replaced turn
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    assert coze_id is not None
    texts = _coze_texts(client, coze_id)
    assert [role for role, _ in texts] == ["user", "assistant", "user", "assistant"]
    assert not any("Alice" in content for _, content in texts)
    deletes = [r for r in server.requests if r.path == "/v1/conversation/message/delete"]
    assert len(deletes) == 2 and all(r.query.get("message_id") for r in deletes)  # the question and its answer


def test_regenerate_replaces_the_answer_in_place_and_keeps_the_old_one(
    qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController
) -> None:
    conversation = store.conversations.create(BOT)
    server.queue(Scenario("rewritten", final="the first answer"))
    first = _ask(qtbot, store, chats, conversation.id, "hello")
    assert first.content == "the first answer"
    _ask(qtbot, store, chats, conversation.id, "show me some code")
    assert chats.regenerate(conversation.id, first.id)
    _wait(qtbot, chats, conversation.id)
    again = store.messages.get(first.id)
    assert again is not None and again.status == "complete" and again.content != "the first answer"
    assert [m.id for m in store.messages.page(conversation.id)][:2] == [first.id - 1, first.id]
    assert store.messages.count(conversation.id) == 4  # nothing added: the new answer is where the old one was
    assert [v.answer.content for v in store.versions.of(first.id)] == ["the first answer"]
    assert store.versions.counts([first.id, first.id + 1]) == {first.id: 1}
    assert [h.message_id for h in store.search.find("the first answer")] == []  # search finds what is shown

    assert chats.regenerate(conversation.id, first.id)  # a third version: both earlier ones stay
    _wait(qtbot, chats, conversation.id)
    assert len(store.versions.of(first.id)) == 2


def test_a_turn_cannot_be_reworked_while_the_chat_streams(
    qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController
) -> None:
    conversation = store.conversations.create(BOT)
    answer = _ask(qtbot, store, chats, conversation.id, "hello")
    server.queue(Scenario("slow"))
    assert chats.send(conversation.id, "again")
    assert not chats.regenerate(conversation.id, answer.id)
    chats.stop(conversation.id)
    _wait(qtbot, chats, conversation.id)
    assert store.versions.of(answer.id) == []


def test_a_failed_forget_fails_the_answer_and_keeps_the_old_one(
    qtbot: QtBot, store: Store, client: CozeClient, chats: ChatController
) -> None:
    conversation = store.conversations.create(BOT)
    answer = _ask(qtbot, store, chats, conversation.id, "my name is Alice")
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    assert coze_id is not None
    client.delete_conversation(coze_id)  # Coze lost the conversation meanwhile
    assert chats.regenerate(conversation.id, answer.id)
    _wait(qtbot, chats, conversation.id)
    failed = store.messages.get(answer.id)
    assert failed is not None and failed.status == "failed" and failed.error is not None
    assert len(store.versions.of(answer.id)) == 1  # the Alice answer is kept as it was


def _dialogue(store: Store, conversation_id: int) -> list[tuple[str, str]]:
    return [(m.role, m.content) for m in store.messages.page(conversation_id) if m.type in ("question", "answer")]


def test_regenerating_an_older_turn_keeps_coze_in_the_order_on_screen(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    """#18 gap: the new answer of an older turn stays where it is on Coze too: the later turns are taken
    off Coze before the chat and created again after it (message delete + message create)."""
    conversation = store.conversations.create(BOT)
    first = _ask(qtbot, store, chats, conversation.id, "my name is Alice")
    _ask(qtbot, store, chats, conversation.id, "hello there")
    _ask(qtbot, store, chats, conversation.id, "show me some code")
    question = store.messages.page(conversation.id)[0]
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    assert coze_id is not None

    assert chats.regenerate(conversation.id, question.id, "my name is Bob")
    _wait(qtbot, chats, conversation.id)
    on_screen = _dialogue(store, conversation.id)
    assert on_screen[0] == ("user", "my name is Bob") and "Bob" in on_screen[1][1]
    assert _coze_texts(client, coze_id) == on_screen  # same messages, same order
    listed = [m.id for m in client.list_messages(coze_id, order="asc").messages if m.type in ("question", "answer")]
    later = store.messages.page(conversation.id)[2:]
    assert [m.coze_message_id for m in later] == listed[2:]  # the moved rows name their new Coze messages
    creates = [r for r in server.requests if r.path == "/v1/conversation/message/create"]
    assert len(creates) == 4  # two later turns, a question and an answer each

    second = store.messages.page(conversation.id)[3]
    assert chats.regenerate(conversation.id, second.id)  # a moved turn is found by its new ids
    _wait(qtbot, chats, conversation.id)
    assert _coze_texts(client, coze_id) == _dialogue(store, conversation.id)
    later_answer = _ask(qtbot, store, chats, conversation.id, "what is my name?")
    assert "**Bob**" in later_answer.content and "Alice" not in later_answer.content
    assert first.id == store.messages.page(conversation.id)[1].id


def test_too_many_later_messages_stay_and_the_user_is_told(
    qtbot: QtBot,
    store: Store,
    client: CozeClient,
    chats: ChatController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forget, "MAX_MOVED", 1)  # each moved message costs two requests: a long tail stays
    notices: list[tuple[int, str, int]] = []
    chats.memoryNotice.connect(lambda *args: notices.append(args))
    conversation = store.conversations.create(BOT)
    first = _ask(qtbot, store, chats, conversation.id, "hello")
    _ask(qtbot, store, chats, conversation.id, "show me some code")
    assert chats.regenerate(conversation.id, first.id)
    _wait(qtbot, chats, conversation.id)
    assert notices == [(conversation.id, MEMORY_NOT_REORDERED, 0)]
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    texts = _coze_texts(client, coze_id or "")
    assert texts[-1] == _dialogue(store, conversation.id)[1]  # on Coze the new answer is the latest


def test_later_messages_coze_could_not_take_back_are_announced(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    notices: list[tuple[int, str, int]] = []
    chats.memoryNotice.connect(lambda *args: notices.append(args))
    conversation = store.conversations.create(BOT)
    first = _ask(qtbot, store, chats, conversation.id, "hello")
    _ask(qtbot, store, chats, conversation.id, "show me some code")
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    # The answer stops after two deltas for 3 s (then ends): the delete lands while it streams however
    # slow the machine (with a steady pace, a loaded run could see the text only once the answer was done).
    server.queue(Scenario("stall", after_deltas=2, seconds=3.0, text="one two three four five six"))
    assert chats.regenerate(conversation.id, first.id)
    qtbot.waitUntil(lambda: bool(store.messages.get(first.id).content), timeout=10_000)  # type: ignore[union-attr]
    client.delete_conversation(coze_id or "")  # Coze loses the conversation while the new answer streams
    _wait(qtbot, chats, conversation.id)
    qtbot.waitUntil(lambda: bool(notices), timeout=10_000)
    assert notices == [(conversation.id, MEMORY_LOST, 2)]


def test_regenerating_again_after_coze_failed_before_the_answer_keeps_no_empty_versions(
    qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController
) -> None:
    """A gateway's 502 page, then garbage, while Coze was to forget the old turn: each attempt failed with
    nothing to show. They used to pile up as earlier versions (1 of 3: two blank error pages)."""
    conversation = store.conversations.create(BOT)
    first = _ask(qtbot, store, chats, conversation.id, "hello")
    original = first.content
    for failure in (Scenario("list_error", status=502), Scenario("list_body", body="<html>oops</html>")):
        server.queue(failure)
        assert chats.regenerate(conversation.id, first.id)
        _wait(qtbot, chats, conversation.id)
        failed = store.messages.get(first.id)
        assert failed is not None and failed.status == "failed" and failed.error is not None
        assert failed.error.logid  # the user can quote it
    assert chats.regenerate(conversation.id, first.id)
    _wait(qtbot, chats, conversation.id)
    assert store.messages.get(first.id).status == "complete"  # type: ignore[union-attr]
    assert [v.answer.content for v in store.versions.of(first.id)] == [original]
