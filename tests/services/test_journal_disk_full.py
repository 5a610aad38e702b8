"""A regenerate whose moves journal (<profile>/coze-moves.json) cannot be written: the disk is full. The
write-ahead refused, nothing on Coze may be deleted (a quit then would lose the later turns from the bot's
memory), so the new answer fails in one clear sentence and the later turns stay on Coze where they were.
Before, the OSError escaped the pump ("chat worker crashed", an UNKNOWN failure naming Errno 28). A real
full tmpfs holds the journal; the history is elsewhere (it had room). When the disk fills after the
write-ahead, while the new answer streams, the later turns still all go back on Coze (the journal's notes
are logged as not written); before, the first refused note stopped the put-back halfway."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.chat import ChatPump, ChatTurn, MoveJournal, TurnEvent, TurnRequest
from desktop.core.chat.events import AnswerDelta, Ended, MessagesMoved
from desktop.core.chat.forget import coze_rework
from desktop.core.coze import CozeClient
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT, USER
from tests.services.conversing import conversation_on_coze
from tests.small_disk import SmallDisk, needs_root

pytestmark = needs_root


def on_coze(client: CozeClient, coze_id: str) -> list[str]:
    return [m.content for m in client.list_messages(coze_id).messages if m.role == "user"]


def test_a_journal_that_cannot_be_written_deletes_nothing_on_coze(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController, disk: SmallDisk
) -> None:
    chats.journal = MoveJournal(disk.mount / "coze-moves.json")
    conversation_id, coze_id = conversation_on_coze(qtbot, store, chats, "my name is Alice", "what is my name?")
    before = on_coze(client, coze_id)
    first = store.messages.all(conversation_id)[0]
    disk.fill()
    assert chats.regenerate(conversation_id, first.id)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)
    answer = next(m for m in store.messages.all(conversation_id) if m.type == "answer")
    assert answer.status == "failed" and answer.error is not None
    assert answer.error.kind == ErrorKind.NO_ROOM_TO_ASK and "Errno" not in (answer.error.msg or "")
    assert on_coze(client, coze_id) == before  # nothing was deleted: the bot remembers what it did
    assert not (disk.mount / "coze-moves.part").exists()


def test_a_disk_that_fills_while_the_answer_streams_still_puts_every_later_turn_back(
    qtbot: QtBot, store: Store, client: CozeClient, chats: ChatController, disk: SmallDisk
) -> None:
    conversation_id, coze_id = conversation_on_coze(
        qtbot, store, chats, "my name is Alice", "I live in Paris", "what is my name?"
    )
    before = on_coze(client, coze_id)
    first = store.messages.all(conversation_id)[0]
    turn = store.versions.turn(first.id)
    assert turn is not None
    rework = coze_rework(store, turn)
    reworked = ChatTurn.rework(store, turn)
    journal = MoveJournal(disk.mount / "coze-moves.json")
    request = TurnRequest(BOT, USER, first.content, coze_id, rework=rework, journal=journal)
    seen: list[TurnEvent] = []

    def emit(event: TurnEvent) -> None:
        if isinstance(event, AnswerDelta) and not any(isinstance(e, AnswerDelta) for e in seen):
            disk.fill()  # after the write-ahead, before the later turns go back
        seen.append(event)
        reworked.apply(event)

    ChatPump(request).run(client, emit)
    [moved] = [e for e in seen if isinstance(e, MessagesMoved)]
    assert moved.missing == 0 and len(moved.moved) == 4  # two later turns: questions and answers
    assert isinstance(seen[-1], Ended) and seen[-1].failure is None
    assert sorted(on_coze(client, coze_id)) == sorted(before)  # every question is on Coze again
    assert not (disk.mount / "coze-moves.part").exists()
