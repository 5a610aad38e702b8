"""ChatTurn: a chat's events become store writes, the same for `ask` and the window (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.chat import ChatFailure, ChatTurn, TurnListener
from desktop.core.chat.events import (
    AnswerCompleted,
    AnswerDelta,
    ChatStarted,
    ConversationCreated,
    Ended,
    FollowUps,
    Retrying,
    TurnEvent,
    UsageReported,
)
from desktop.core.coze.errors import ErrorKind
from desktop.core.store import Message, Store
from desktop.core.store.db import open_database
from desktop.core.vocabulary import ChatOutcome, MessageStatus, Role

BOT = "7400000000000000001"


class Recorder(TurnListener):
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def message_added(self, message: Message) -> None:
        self.calls.append(("added", message.role))

    def answer_delta(self, message_id: int, text: str, reasoning: str) -> None:
        self.calls.append(("delta", text + reasoning))

    def message_updated(self, message: Message) -> None:
        self.calls.append(("updated", message.status))

    def follow_ups_changed(self, questions: list[str]) -> None:
        self.calls.append(("follow_ups", tuple(questions)))

    def conversation_changed(self) -> None:
        self.calls.append(("conversation", None))

    def retrying(self, event: Retrying) -> None:
        self.calls.append(("retrying", event.attempt))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def play(store: Store, events: list[TurnEvent], question: str | None = "hi") -> tuple[ChatTurn, Recorder, int]:
    conversation = store.conversations.create(BOT)
    recorder = Recorder()
    turn = ChatTurn.begin(store, conversation.id, question, recorder)
    for event in events:
        turn.apply(event)
    return turn, recorder, conversation.id


def answers(store: Store, conversation_id: int) -> list[Message]:
    return [m for m in store.messages.page(conversation_id) if m.role is Role.ASSISTANT]


def test_a_whole_chat(store: Store) -> None:
    turn, recorder, conv = play(
        store,
        [
            ConversationCreated("coze-conv"),
            ChatStarted("chat-1"),
            AnswerDelta("m1", "", "thinking"),
            AnswerDelta("m1", "你好"),
            AnswerDelta("m1", "！"),
            AnswerCompleted("m1", "你好！", "thinking"),
            UsageReported(12, 34),
            FollowUps(("再来?", "More?")),
            Ended(ChatOutcome.COMPLETED),
        ],
    )
    question, answer = store.messages.page(conv)
    assert (question.role, question.content, question.status) == (Role.USER, "hi", MessageStatus.COMPLETE)
    assert (answer.content, answer.reasoning_content, answer.status) == ("你好！", "thinking", MessageStatus.COMPLETE)
    assert (answer.coze_message_id, answer.coze_chat_id) == ("m1", "chat-1")
    assert (answer.input_tokens, answer.output_tokens) == (12, 34)
    assert store.conversations.follow_ups(conv) == ["再来?", "More?"]
    found = store.conversations.get(conv)
    assert found is not None and found.coze_conversation_id == "coze-conv" == turn.coze_conversation_id
    assert recorder.calls == [
        ("added", Role.USER),
        ("conversation", None),
        ("follow_ups", ()),
        ("conversation", None),
        ("added", Role.ASSISTANT),
        ("delta", "thinking"),
        ("delta", "你好"),
        ("delta", "！"),
        ("updated", MessageStatus.COMPLETE),
        ("follow_ups", ("再来?", "More?")),
        ("updated", MessageStatus.COMPLETE),
    ]
    assert turn.ended == Ended(ChatOutcome.COMPLETED)


def test_interleaved_answers_are_kept_apart_in_order(store: Store) -> None:
    _, _, conv = play(
        store,
        [
            AnswerDelta("a", "first "),
            AnswerDelta("b", "second "),
            AnswerDelta("a", "message"),
            AnswerDelta("b", "message"),
            AnswerCompleted("b", "second message"),
            AnswerCompleted("a", "first message"),
            UsageReported(1, 2),
            Ended(ChatOutcome.COMPLETED),
        ],
    )
    first, second = answers(store, conv)
    assert (first.content, second.content) == ("first message", "second message")
    assert (first.output_tokens, second.output_tokens) == (None, 2)  # usage goes to the last answer


def test_a_message_that_arrives_whole_gets_a_row(store: Store) -> None:
    _, recorder, conv = play(store, [AnswerCompleted("m", "all at once"), Ended(ChatOutcome.COMPLETED)])
    assert [m.content for m in answers(store, conv)] == ["all at once"]
    assert ("added", Role.ASSISTANT) in recorder.calls


@pytest.mark.parametrize(
    ("outcome", "failure", "status"),
    [
        (ChatOutcome.CANCELLED, None, MessageStatus.CANCELLED),
        (ChatOutcome.INTERRUPTED, ChatFailure(ErrorKind.INTERRUPTED, "cut", logid="L1"), MessageStatus.INTERRUPTED),
        (ChatOutcome.FAILED, ChatFailure(ErrorKind.SERVER, "boom", code=5000, logid="L2"), MessageStatus.FAILED),
        (
            ChatOutcome.REQUIRES_ACTION,
            ChatFailure(ErrorKind.REQUIRES_ACTION, "the bot requires a client-side tool"),
            MessageStatus.FAILED,
        ),
    ],
)
def test_how_a_chat_ends_is_stored_with_what_arrived(
    store: Store, outcome: ChatOutcome, failure: ChatFailure | None, status: MessageStatus
) -> None:
    _, _, conv = play(store, [ChatStarted("c"), AnswerDelta("m", "partial"), Ended(outcome, failure)])
    (answer,) = answers(store, conv)
    assert (answer.content, answer.status) == ("partial", status)
    if failure is None:
        assert answer.error is None
    else:
        assert answer.error is not None
        assert (answer.error.code, answer.error.msg, answer.error.logid, answer.error.kind) == (
            failure.code,
            failure.msg,
            failure.logid,
            failure.kind.value,
        )


def test_a_failure_before_any_answer_leaves_a_failed_row(store: Store) -> None:
    failure = ChatFailure(ErrorKind.INVALID_TOKEN, "no access token is configured")
    _, recorder, conv = play(store, [Ended(ChatOutcome.FAILED, failure)])
    (answer,) = answers(store, conv)
    assert answer.status is MessageStatus.FAILED and answer.error is not None
    assert answer.error.kind == ErrorKind.INVALID_TOKEN.value
    assert recorder.calls[-1] == ("added", Role.ASSISTANT)


def test_a_stop_before_any_answer_leaves_a_cancelled_row(store: Store) -> None:
    _, _, conv = play(store, [Ended(ChatOutcome.CANCELLED)])
    assert [(m.content, m.status) for m in answers(store, conv)] == [("", MessageStatus.CANCELLED)]


def test_events_after_the_end_change_nothing(store: Store) -> None:
    turn, recorder, conv = play(store, [AnswerDelta("m", "kept"), Ended(ChatOutcome.CANCELLED)])
    calls = list(recorder.calls)
    turn.apply(AnswerDelta("m", " late"))
    turn.apply(FollowUps(("late?",)))
    turn.end(ChatOutcome.COMPLETED)
    assert [m.content for m in answers(store, conv)] == ["kept"]
    assert answers(store, conv)[0].status is MessageStatus.CANCELLED
    assert store.conversations.follow_ups(conv) == []
    assert recorder.calls == calls


def test_a_retry_of_the_latest_answer_records_no_second_question(store: Store) -> None:
    conversation = store.conversations.create(BOT)
    store.messages.add_question(conversation.id, "once")
    store.conversations.set_follow_ups(conversation.id, ["old suggestion"])
    turn = ChatTurn.begin(store, conversation.id, None)
    turn.apply(AnswerDelta("m", "again"))
    turn.end(ChatOutcome.COMPLETED)
    assert [m.role for m in store.messages.page(conversation.id)] == [Role.USER, Role.ASSISTANT]
    assert store.conversations.follow_ups(conversation.id) == []  # a new turn starts without the old suggestions


def test_retries_are_told_not_stored(store: Store) -> None:
    _, recorder, conv = play(store, [Retrying(1.5, 0, 4009, "Coze code 4009"), AnswerDelta("m", "ok")])
    assert ("retrying", 0) in recorder.calls
    assert [m.coze_message_id for m in answers(store, conv)] == ["m"]


def test_streaming_text_is_flushed_in_batches(store: Store) -> None:
    """Through the AnswerBuffer: a delta is not a commit; flush() writes what streamed so far."""
    conversation = store.conversations.create(BOT)
    now = [0.0]
    turn = ChatTurn(store, conversation.id, interval=0.3, clock=lambda: now[0])
    turn.apply(AnswerDelta("m", "one "))
    turn.apply(AnswerDelta("m", "two"))
    (row,) = answers(store, conversation.id)
    assert (row.content, row.status) == ("", MessageStatus.STREAMING)  # the row exists, the text waits
    now[0] = 0.31
    turn.flush_if_due()
    assert answers(store, conversation.id)[0].content == "one two"
    turn.apply(AnswerDelta("m", " three"))
    turn.flush()
    assert answers(store, conversation.id)[0].content == "one two three"


class Screen(TurnListener):
    """What a view shows of each message: the row as announced, then every delta appended to it."""

    def __init__(self) -> None:
        self.text: dict[int, str] = {}

    def message_added(self, message: Message) -> None:
        self.text[message.id] = message.content + message.reasoning_content

    def answer_delta(self, message_id: int, text: str, reasoning: str) -> None:
        self.text[message_id] += text + reasoning

    def message_updated(self, message: Message) -> None:
        self.text[message.id] = message.content + message.reasoning_content


@pytest.mark.parametrize("first_delta_at", [0.0, 0.29, 0.31, 5.0])
def test_an_answer_is_shown_once_however_late_its_first_delta_comes(store: Store, first_delta_at: float) -> None:
    """A first delta more than the flush interval after the question (most real answers: the bot thinks
    first) fell due for a flush at once, so the new row was announced holding the delta and then the delta
    was appended to it again: "oneone two" on screen until the answer ended."""
    conversation = store.conversations.create(BOT)
    now = [0.0]
    screen = Screen()
    turn = ChatTurn(store, conversation.id, screen, interval=0.3, clock=lambda: now[0])
    now[0] = first_delta_at
    turn.apply(AnswerDelta("m", "one", "thinking. "))
    turn.apply(AnswerDelta("m", " two"))
    (row,) = answers(store, conversation.id)
    assert screen.text[row.id] == "onethinking.  two"
    now[0] += 1.0
    turn.apply(AnswerDelta("m", " three"))
    assert screen.text[row.id] == "onethinking.  two three"


def test_a_completed_answer_is_shown_final_before_the_chats_end_writes_it(store: Store) -> None:
    """The completed answer's write waits for the end (one UPDATE with the usage); the view hears it as final."""
    shown: list[Message] = []

    class Shown(TurnListener):
        def message_updated(self, message: Message) -> None:
            shown.append(message)

    conversation = store.conversations.create(BOT)
    turn = ChatTurn.begin(store, conversation.id, "hi", Shown())
    for event in (AnswerDelta("m1", "你好"), AnswerCompleted("m1", "你好！", "想")):
        turn.apply(event)
    assert [(m.content, m.reasoning_content, m.status) for m in shown] == [("你好！", "想", MessageStatus.COMPLETE)]
    turn.flush()  # before a view re-reads the conversation: it is written
    assert [(m.content, m.status) for m in answers(store, conversation.id)] == [("你好！", MessageStatus.COMPLETE)]
    turn.apply(UsageReported(3, 4))
    turn.apply(Ended(ChatOutcome.COMPLETED))
    assert (shown[-1].content, shown[-1].status, shown[-1].output_tokens) == ("你好！", MessageStatus.COMPLETE, 4)


def test_a_turn_nobody_listens_to_does_not_read_its_answers_back(tmp_path: Path) -> None:
    """`ask` has no listener: the answer's row (1 MB for a long answer) is written, never read for one."""
    path = tmp_path / "history.sqlite3"
    connection, _ = open_database(path)
    reads: list[str] = []
    with Store(connection, path) as store:
        conversation = store.conversations.create(BOT)
        turn = ChatTurn.begin(store, conversation.id, "hi")
        turn.apply(ChatStarted("chat-1"))
        turn.apply(AnswerDelta("m1", "你"))  # its row is created (and read back once, empty)
        connection.set_trace_callback(lambda sql: reads.append(sql) if "FROM messages" in sql else None)
        for event in (
            AnswerDelta("m1", "好"),
            AnswerCompleted("m1", "你好！"),
            UsageReported(3, 4),
            Ended(ChatOutcome.COMPLETED),
        ):
            turn.apply(event)
        connection.set_trace_callback(None)
        assert reads == []
        assert [(m.content, m.status, m.output_tokens) for m in answers(store, conversation.id)] == [
            ("你好！", MessageStatus.COMPLETE, 4)
        ]
