"""What happens in one chat, as plain data: the values a ChatPump emits and a ChatTurn applies.

One value per thing that happened (one per answer delta), immutable and free of Qt and of live
objects, so it can cross from the worker thread to the GUI thread in one queued signal and be
recorded by `ask` the same way. A new kind of Coze event is one new value here, a line in
`ChatPump._pump` that emits it and a handler in `ChatTurn`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.coze import CozeError
from desktop.core.coze.errors import ErrorKind
from desktop.core.vocabulary import ChatOutcome


@dataclass(frozen=True, slots=True)
class ChatFailure:
    """What went wrong, as plain data (a CozeError object stays in the thread that raised it)."""

    kind: ErrorKind
    msg: str
    code: int | None = None
    status: int | None = None
    logid: str | None = None
    summary: str = ""  # one line: the Coze code (or HTTP status), the message and the logid
    # (what it means and what to do is said by kind: desktop.core.coze.error_text, for the window or the CLI)

    @classmethod
    def from_error(cls, error: CozeError) -> ChatFailure:
        return cls(
            kind=error.kind,
            msg=error.msg,
            code=error.code,
            status=error.status,
            logid=error.logid,
            summary=error.summary(),
        )


@dataclass(frozen=True, slots=True)
class ConversationCreated:
    """The Coze conversation this chat runs in was created (the local one had none yet)."""

    coze_conversation_id: str


@dataclass(frozen=True, slots=True)
class ChatStarted:
    """`conversation.chat.created`: the Coze chat id, stored with every answer of this chat."""

    chat_id: str


@dataclass(frozen=True, slots=True, init=False)
class AnswerDelta:
    """A piece of an answer message's text and/or reasoning (never both empty)."""

    coze_message_id: str
    text: str
    reasoning: str = ""

    def __init__(self, coze_message_id: str, text: str, reasoning: str = "") -> None:
        # One per delta: its slots are set directly (~0.3 µs in all), not by the frozen dataclass's
        # `object.__setattr__` per field (~0.7 µs).
        _set_message_id(self, coze_message_id)
        _set_text(self, text)
        _set_reasoning(self, reasoning)


_set_message_id, _set_text, _set_reasoning = (
    AnswerDelta.__dict__[name].__set__ for name in ("coze_message_id", "text", "reasoning")
)  # (each slot's descriptor)


@dataclass(frozen=True, slots=True)
class AnswerCompleted:
    """An answer message is complete; its whole text is the authority over the deltas."""

    coze_message_id: str
    content: str
    reasoning: str = ""
    content_type: str = "text"  # "card": a chatflow's question or input card, or another card


@dataclass(frozen=True, slots=True)
class StepMessage:
    """A message beside the answers (a tool call, its output, a verbose note such as a knowledge recall):
    kept in the history and shown folded under the answer (desktop.core.tool_steps)."""

    coze_message_id: str
    type: str
    content: str


@dataclass(frozen=True, slots=True)
class FollowUps:
    """The questions the bot suggests next."""

    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UsageReported:
    """Token counts of the chat (`conversation.chat.completed`)."""

    input_tokens: int
    output_tokens: int


@dataclass(frozen=True, slots=True)
class Retrying:
    """Coze is busy or limiting the rate: the request is sent again in `seconds` (nothing streamed yet)."""

    seconds: float
    attempt: int
    code: int  # the Coze code (0: none, e.g. HTTP 429)
    summary: str


@dataclass(frozen=True, slots=True)
class FilesUploaded:
    """Attachments of the question went to Coze: sha256 → file_id, kept so a resend reuses them."""

    file_ids: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class MessagesMoved:
    """After a reworked turn, the later turns were created again on Coze, after the new answer:
    (local row id, new Coze message id) of each; `missing` could not be put back (Coze forgot them)."""

    moved: tuple[tuple[int, str], ...]
    missing: int = 0
    deleted: tuple[str, ...] = ()  # every Coze message id the rework deleted (the sync's cursor may be one)


@dataclass(frozen=True, slots=True)
class Ended:
    """The last event of every chat: how it ended, and why when it failed."""

    outcome: ChatOutcome
    failure: ChatFailure | None = None
    debug_url: str = ""  # a chatflow run's page, for the bot's author


TurnEvent = (
    ConversationCreated
    | ChatStarted
    | AnswerDelta
    | AnswerCompleted
    | StepMessage
    | FollowUps
    | UsageReported
    | Retrying
    | FilesUploaded
    | MessagesMoved
    | Ended
)
