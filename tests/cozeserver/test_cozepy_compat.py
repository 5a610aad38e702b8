"""The official SDK (`cozepy`, a bench extra) talks to this server as it would to api.coze.cn."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario

with warnings.catch_warnings(record=True):  # authlib, imported by cozepy, warns about itself on import
    cozepy = pytest.importorskip("cozepy")


def test_streamed_chat_parses_with_the_sdk(coze: Any) -> None:
    conversation = coze.conversations.create(bot_id=DEMO_BOT_ID)
    events = list(
        coze.chat.stream(
            bot_id=DEMO_BOT_ID,
            user_id="u1",
            conversation_id=conversation.id,
            additional_messages=[cozepy.Message.build_user_question_text("Why is the sky blue?")],
        )
    )
    kinds = [e.event for e in events]
    assert kinds[0] == cozepy.ChatEventType.CONVERSATION_CHAT_CREATED
    assert kinds[-1] == cozepy.ChatEventType.CONVERSATION_CHAT_COMPLETED
    deltas = [e.message.content for e in events if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_DELTA]
    answer = next(
        e.message
        for e in events
        if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_COMPLETED and e.message.type == "answer"
    )
    assert "".join(deltas) == answer.content
    assert answer.reasoning_content
    assert events[-1].chat.usage.token_count > 0

    messages = list(coze.conversations.messages.list(conversation_id=conversation.id, limit=4))
    assert len(messages) == 6  # question, answer, verbose, 3 follow-ups; paged 4 + 2
    assert messages[-1].type == "question"


def test_bot_conversations_and_errors_through_the_sdk(server: CozeServer, coze: Any) -> None:
    bot = coze.bots.retrieve(bot_id=DEMO_BOT_ID, use_api_version=2)
    assert bot.onboarding_info.suggested_questions
    first = coze.conversations.create(bot_id=DEMO_BOT_ID)
    coze.conversations.create(bot_id=DEMO_BOT_ID)
    listed = list(coze.conversations.list(bot_id=DEMO_BOT_ID, page_size=1))
    assert len(listed) == 2
    renamed = coze.conversations.update(conversation_id=first.id, name="Renamed")
    assert renamed.name == "Renamed"

    server.queue(Scenario("json_error", code=4015))
    with pytest.raises(cozepy.CozeAPIError) as caught:
        coze.chat.create(bot_id=DEMO_BOT_ID, user_id="u1")
    assert caught.value.code == 4015
    assert caught.value.logid

    poll = coze.chat.create_and_poll(
        bot_id=DEMO_BOT_ID, user_id="u1", additional_messages=[cozepy.Message.build_user_question_text("hi")]
    )
    assert poll.chat.status == cozepy.ChatStatus.COMPLETED
    assert poll.messages[0].type == "answer"


def test_sdk_upload_and_multimodal_question(server: CozeServer, coze: Any, tmp_path: Any) -> None:
    from tests.images import image_bytes

    path = tmp_path / "照片.png"
    path.write_bytes(image_bytes("PNG", 32, 16))
    with path.open("rb") as handle:  # a Path would be opened by cozepy and never closed
        uploaded = coze.files.upload(file=handle)
    assert uploaded.file_name == "照片.png"
    assert uploaded.bytes == path.stat().st_size
    assert coze.files.retrieve(file_id=uploaded.id).id == uploaded.id
    message = cozepy.Message.build_user_question_objects(
        [
            cozepy.MessageObjectString.build_text("what is it?"),
            cozepy.MessageObjectString.build_image(file_id=uploaded.id),
        ]
    )
    assert '"file_url": null' in message.content  # cozepy writes nulls for unused fields
    events = list(coze.chat.stream(bot_id=DEMO_BOT_ID, user_id="u1", additional_messages=[message]))
    answer = next(e.message for e in events if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_COMPLETED)
    assert "32 × 16" in answer.content


def test_sdk_deletes_a_turn_and_the_bot_forgets_it(coze: Any) -> None:
    """`messages.delete` as cozepy sends it (POST, both ids in the query, no body); Coze then forgets."""
    conversation = coze.conversations.create(bot_id=DEMO_BOT_ID)

    def ask(text: str) -> str:
        events = coze.chat.stream(
            bot_id=DEMO_BOT_ID,
            user_id="u1",
            conversation_id=conversation.id,
            additional_messages=[cozepy.Message.build_user_question_text(text)],
        )
        done = [e.message for e in events if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_COMPLETED]
        return next(m.content for m in done if m.type == cozepy.MessageType.ANSWER)

    ask("my name is Alice")
    turn = [
        m for m in coze.conversations.messages.list(conversation_id=conversation.id) if m.type in ("question", "answer")
    ]
    for message in turn:
        deleted = coze.conversations.messages.delete(conversation_id=conversation.id, message_id=message.id)
        assert deleted.id == message.id and deleted.content == message.content
    assert (
        list(coze.conversations.messages.list(conversation_id=conversation.id)) == []
    )  # verbose and follow-ups went too
    assert "Alice" not in ask("what is my name?")


def test_sdk_creates_messages_last_in_the_bot_memory(coze: Any) -> None:
    """`messages.create` as cozepy sends it (POST, conversation_id in the query, {role, content,
    content_type, meta_data}): the message goes last, in the current section, in no chat, and the bot
    remembers it (what a regenerated older turn needs to put the later turns back after it)."""
    conversation = coze.conversations.create(bot_id=DEMO_BOT_ID)
    question = coze.conversations.messages.create(
        conversation_id=conversation.id,
        role=cozepy.MessageRole.USER,
        content="my name is Carol",
        content_type=cozepy.MessageContentType.TEXT,
        meta_data={"from": "coze-desktop"},
    )
    answer = coze.conversations.messages.create(
        conversation_id=conversation.id,
        role=cozepy.MessageRole.ASSISTANT,
        content="Hello Carol!",
        content_type=cozepy.MessageContentType.TEXT,
    )
    assert (question.type, answer.type) == (cozepy.MessageType.QUESTION, cozepy.MessageType.ANSWER)
    assert question.meta_data == {"from": "coze-desktop"} and question.chat_id == "" and len(question.id) == 19
    assert question.section_id == conversation.last_section_id
    listed = list(coze.conversations.messages.list(conversation_id=conversation.id, order="asc"))
    assert [m.id for m in listed] == [question.id, answer.id]
    events = coze.chat.stream(
        bot_id=DEMO_BOT_ID,
        user_id="u1",
        conversation_id=conversation.id,
        additional_messages=[cozepy.Message.build_user_question_text("what is my name?")],
    )
    done = [e.message for e in events if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_COMPLETED]
    assert "Carol" in next(m.content for m in done if m.type == cozepy.MessageType.ANSWER)
