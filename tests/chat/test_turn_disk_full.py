"""A disk that fills before the answer's row exists: the first deltas cannot create the row. They wait in
memory with the rest; the view is told the disk is full, an answer still unsaved at the end is shown and
offered whole (UnsavedTurns), and once there is room it is saved where it belongs. A real full disk: a
small tmpfs (tests/small_disk.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core.chat import ChatTurn
from desktop.core.chat.events import AnswerCompleted, AnswerDelta, ChatStarted, Ended
from desktop.core.store import Store
from desktop.core.store.models import UnsavedError
from desktop.core.vocabulary import ChatOutcome
from tests.small_disk import SmallDisk, needs_root

pytestmark = needs_root
BOT = "7400000000000000001"


@pytest.fixture
def store(disk: SmallDisk) -> Iterator[Store]:
    with Store.open(disk.mount / "history.sqlite3") as opened:
        yield opened


def test_deltas_before_the_answer_row_are_kept_shown_and_saved_once_there_is_room(
    store: Store, disk: SmallDisk
) -> None:
    conversation = store.conversations.create(BOT)
    turn = ChatTurn.begin(store, conversation.id, "长问题 " * 100)
    turn.apply(ChatStarted("chat1"))
    disk.fill()
    turn.apply(AnswerDelta("m1", "第一段，", ""))
    turn.apply(AnswerDelta("m1", "第二段。", ""))
    turn.apply(AnswerCompleted("m1", "第一段，第二段。", ""))
    with pytest.raises(UnsavedError):
        turn.apply(Ended(ChatOutcome.COMPLETED))
    assert turn.unsaved and turn.disk_full
    [shown] = turn.unsaved_answers()
    assert shown.content == "第一段，第二段。" and shown.error is not None and shown.error.kind == "disk_full"
    disk.free()
    assert turn.save_pending() and not turn.unsaved
    [answer] = [m for m in store.messages.all(conversation.id) if m.type == "answer"]
    assert answer.content == "第一段，第二段。" and answer.status == "complete"


def test_a_regenerated_answer_streams_into_its_own_row_after_the_disk_was_full(store: Store, disk: SmallDisk) -> None:
    conversation = store.conversations.create(BOT)
    first = ChatTurn.begin(store, conversation.id, "问题")
    for event in (ChatStarted("c1"), AnswerDelta("m1", "旧的回答", ""), Ended(ChatOutcome.COMPLETED)):
        first.apply(event)
    turn = store.versions.turn(first.question_id or 0)
    assert turn is not None
    again = ChatTurn.rework(store, turn)
    again.apply(ChatStarted("c2"))
    disk.fill()
    again.apply(AnswerDelta("m2", "新的回答" * 2000, ""))
    disk.free()
    again.apply(AnswerDelta("m2", "。", ""))
    again.apply(Ended(ChatOutcome.COMPLETED))
    answers = [m for m in store.messages.all(conversation.id) if m.type == "answer"]
    assert [(a.id, a.content, a.status) for a in answers] == [
        (turn.answers[0].id, "新的回答" * 2000 + "。", "complete")
    ]
