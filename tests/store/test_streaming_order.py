"""The chat list's order while answers stream: a conversation moves up when a message starts or ends, not
with every flush of an answer's text (the walk at a real pace saw a chat just asked in drop below another
chat still streaming, then jump back when its own answer ended)."""

from __future__ import annotations

from desktop.core.store import Store


def order(store: Store) -> list[int]:
    return [summary.id for summary in store.conversations.page()]


def test_streamed_text_does_not_move_its_conversation_above_a_newer_question(store: Store) -> None:
    streaming = store.conversations.create("bot1")
    store.messages.add_question(streaming.id, "a long answer please")
    answer = store.messages.start_answer(streaming.id, coze_chat_id="chat1")
    store.messages.update(answer.id, content="Part 1")
    asked = store.conversations.create("bot1")
    store.messages.add_question(asked.id, "a short question")  # asked while the other streams
    assert order(store) == [asked.id, streaming.id]
    store.messages.update(answer.id, content="Part 1, part 2", reasoning_content="thinking")  # flushes
    store.messages.update(answer.id, content="Part 1, part 2, part 3")
    assert order(store) == [asked.id, streaming.id]
    store.messages.update(answer.id, content="Part 1, part 2, part 3.", status="complete")  # its end does
    assert order(store) == [streaming.id, asked.id]


def test_a_finished_message_changed_later_still_moves_its_conversation_up(store: Store) -> None:
    first = store.conversations.create("bot1")
    answer = store.messages.start_answer(first.id, coze_chat_id="chat1")
    store.messages.update(answer.id, content="done", status="complete")
    second = store.conversations.create("bot1")
    store.messages.add_question(second.id, "newer")
    assert order(store) == [second.id, first.id]
    store.messages.update(answer.id, content="done, corrected")  # (a sync brought Coze's final text)
    assert order(store) == [first.id, second.id]
