"""The events of one chat's stream, as Coze sends them, and the state hooks that go with them.

A normal answer is `created, in_progress, [completed function_call / tool_response / verbose recall],
[reasoning deltas], answer deltas, completed answer,
completed verbose, 3 completed follow_up, chat.completed, done`. `AnswerParts` keeps that split
into head / deltas / tail so scenarios can cut, stall or garble it at a delta boundary.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.cozeserver.deltas import split_deltas
from desktop.core.cozeserver.demo_bot import Reply
from desktop.core.cozeserver.records import ChatHandle
from desktop.core.cozeserver.sse_writer import Event, Hook, Item
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.wire import (
    NO_USAGE,
    JsonDict,
    Usage,
    chat_object,
    dumps,
    estimate_tokens,
    field_template,
    message_object,
    new_id,
    verbose_finish_content,
)

SYSTEM_PROMPT_TOKENS = 180


@dataclass
class AnswerParts:
    head: list[Item]
    deltas: list[Event]
    tail: list[Item]

    def items(self) -> list[Item]:
        return [*self.head, *self.deltas, *self.tail]


class AnswerStream:
    """Builds events for one chat. Ids and timestamps are fixed at construction."""

    def __init__(self, handle: ChatHandle, state: State, pace: float, input_tokens: int) -> None:
        self.handle = handle
        self.state = state
        self.pace = pace
        self.input_tokens = input_tokens

    # -- objects ----------------------------------------------------------------------------------
    def chat(
        self,
        status: str,
        *,
        usage: Usage = NO_USAGE,
        completed_at: int | None = None,
        failed_at: int | None = None,
        last_error: tuple[int, str] = (0, ""),
        required_action: JsonDict | None = None,
    ) -> JsonDict:
        h = self.handle
        return chat_object(
            chat_id=h.chat_id,
            conversation_id=h.conversation_id,
            bot_id=h.bot_id,
            created_at=h.created_at,
            section_id=h.section_id,
            status=status,
            usage=usage,
            completed_at=completed_at,
            failed_at=failed_at,
            last_error=last_error,
            meta_data=h.meta_data,
            required_action=required_action,
        )

    def message(self, msg_type: str, content: str, *, msg_id: str | None = None, reasoning: str = "") -> JsonDict:
        h = self.handle
        return message_object(
            msg_id=msg_id or new_id(),
            conversation_id=h.conversation_id,
            bot_id=h.bot_id,
            chat_id=h.chat_id,
            section_id=h.section_id,
            role="assistant",
            msg_type=msg_type,
            content=content,
            created_at=h.created_at,
            reasoning_content=reasoning,
        )

    def usage(self, *outputs: str) -> Usage:
        return Usage(self.input_tokens, sum(estimate_tokens(text) for text in outputs))

    # -- events -----------------------------------------------------------------------------------
    def chat_event(self, name: str, chat: JsonDict) -> Event:
        return Event(name, dumps(chat))

    def start(self) -> list[Item]:
        return [
            self.chat_event("conversation.chat.created", self.chat("created")),
            self.chat_event("conversation.chat.in_progress", self.chat("in_progress")),
        ]

    def deltas(self, pieces: Sequence[str], *, msg_id: str, field: str = "content") -> list[Event]:
        """Delta events for one message; `field="reasoning_content"` for thinking deltas."""
        template = self.message("answer", "", msg_id=msg_id)
        head, tail = field_template(template, field)
        return [Event("conversation.message.delta", head + dumps(piece) + tail, paced=True) for piece in pieces]

    def completed(self, message: JsonDict) -> Event:
        return Event("conversation.message.completed", dumps(message))

    def done(self) -> Event:
        return Event("done", '"[DONE]"')

    def finished(
        self, messages: list[JsonDict], usage: Usage, delta_count: int, before: Sequence[JsonDict] = ()
    ) -> list[Item]:
        """Completed messages, the history hook (which also keeps `before`: the messages completed ahead
        of the answer), chat.completed and done."""
        completed_at = self.handle.created_at + int(self.pace * delta_count) + 1
        kept = [*before, *messages]
        return [
            *(self.completed(m) for m in messages),
            Hook(lambda: self.state.finish_chat(self.handle, kept, usage)),
            self.chat_event(
                "conversation.chat.completed", self.chat("completed", completed_at=completed_at, usage=usage)
            ),
            self.done(),
        ]

    def failed(self, code: int, msg: str) -> list[Item]:
        failed_at = self.handle.created_at + 1
        return [
            Hook(lambda: self.state.fail_chat(self.handle, code, msg)),
            self.chat_event(
                "conversation.chat.failed", self.chat("failed", failed_at=failed_at, last_error=(code, msg))
            ),
            self.done(),
        ]

    # -- a whole answer ---------------------------------------------------------------------------
    def step_messages(self, reply: Reply) -> list[JsonDict]:
        """What comes whole before the answer starts: tool calls, tool output, a knowledge recall."""
        return [self.message(kind, content) for kind, content in reply.steps]

    def final_messages(self, reply: Reply, msg_id: str) -> list[JsonDict]:
        """The answer, the verbose "all answers finished" message and the follow-up suggestions."""
        return [
            self.message("answer", reply.answer, msg_id=msg_id, reasoning=reply.reasoning),
            self.message("verbose", verbose_finish_content()),
            *(self.message("follow_up", question) for question in reply.follow_ups),
        ]

    def parts(self, reply: Reply, rng: random.Random, pieces: Sequence[str] | None = None) -> AnswerParts:
        msg_id = new_id()
        if pieces is None:
            pieces = split_deltas(reply.answer, rng)
        thinking = self.deltas(split_deltas(reply.reasoning, rng), msg_id=msg_id, field="reasoning_content")
        deltas = self.deltas(pieces, msg_id=msg_id)
        usage = self.usage(reply.answer, reply.reasoning)
        steps = self.step_messages(reply)
        tail = self.finished(self.final_messages(reply, msg_id), usage, len(thinking) + len(deltas), steps)
        return AnswerParts([*self.start(), *(self.completed(m) for m in steps), *thinking], deltas, tail)


def input_tokens(question: str, history: Sequence[JsonDict]) -> int:
    context = "".join(str(m.get("content", "")) for m in history)
    return SYSTEM_PROMPT_TOKENS + estimate_tokens(context) + estimate_tokens(question)
