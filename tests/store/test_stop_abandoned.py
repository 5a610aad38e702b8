"""`messages.stop_abandoned`: a conversation's answers this process left streaming become stopped ones; an answer
another process streams in it stays streaming, and other conversations are not touched."""

from __future__ import annotations

from desktop.core.store import Store
from desktop.core.vocabulary import MessageStatus


def test_only_this_processs_abandoned_answers_of_that_chat_are_stopped(store: Store) -> None:
    chat, other = store.conversations.create("bot1").id, store.conversations.create("bot1").id
    store.messages.owner_provider = lambda: "another-process"
    theirs = store.messages.start_answer(chat).id
    store.messages.owner_provider = lambda: "this-process"
    mine = store.messages.start_answer(chat).id
    elsewhere = store.messages.start_answer(other).id
    store.messages.update(mine, content="half an answer")
    assert store.messages.stop_abandoned(chat) == 1
    statuses = {m: store.messages.get(m).status for m in (mine, theirs, elsewhere)}  # type: ignore[union-attr]
    assert statuses == {mine: MessageStatus.CANCELLED, theirs: MessageStatus.STREAMING, elsewhere: "streaming"}
    assert store.messages.get(mine).content == "half an answer"  # type: ignore[union-attr]
