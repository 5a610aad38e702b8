"""What a chat stream has said so far: answers by message id, reasoning, follow-ups, usage, outcome.

Several answer messages in one chat are kept apart by message id and ordered by first appearance.
Appending a delta is O(len(delta)); the text is joined only when asked for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.core.coze.events import AUDIO_DELTA, MESSAGE_DELTA, ChatEvent, EventType, MessageType
from desktop.core.coze.models import ChatInfo, ChatMessage, Usage
from desktop.core.vocabulary import ChatOutcome, Role


@dataclass(slots=True)
class AnswerState:
    message_id: str
    type: str
    content_type: str = "text"
    parts: list[str] = field(default_factory=list)
    reasoning_parts: list[str] = field(default_factory=list)
    completed: bool = False

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    @property
    def reasoning(self) -> str:
        if len(self.reasoning_parts) > 1:
            self.reasoning_parts[:] = ["".join(self.reasoning_parts)]
        return self.reasoning_parts[0] if self.reasoning_parts else ""


# Message types that are shown as the bot's answer text. Tool traffic and verbose bookkeeping are kept
# by the transcript but are not "the answer".
_ANSWER_TYPES = frozenset({MessageType.ANSWER, ""})
_ANSWER_ROLES = (Role.ASSISTANT, "")


@dataclass(slots=True)
class ChatTranscript:
    chat: ChatInfo | None = None
    answers: dict[str, AnswerState] = field(default_factory=dict)
    others: list[ChatMessage] = field(default_factory=list)  # function_call, tool_output, verbose, ...
    follow_ups: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    outcome: ChatOutcome = ChatOutcome.STREAMING
    broken_events: int = 0
    unknown_events: int = 0
    got_done: bool = False
    debug_url: str = ""  # a chatflow run's, from the `done` event (`/v1/workflows/chat` only)
    # The answer the last applied event changed (None when it changed none): what a consumer acts on,
    # so that nothing the transcript refused (a stray delta, a tool message reusing an answer's id)
    # reaches a screen or the store.
    last_change: AnswerState | None = None

    @property
    def conversation_id(self) -> str:
        return self.chat.conversation_id if self.chat else ""

    @property
    def chat_id(self) -> str:
        return self.chat.id if self.chat else ""

    def apply(self, event: ChatEvent) -> AnswerState | None:
        """Record `event`; returns the answer it extended, if it was an answer delta or completion
        (also kept in `last_change`)."""
        kind = event.type
        message = event.message
        if (  # an answer's delta or completion: the event of nearly every call, so tested here first
            message is not None
            and kind != AUDIO_DELTA
            and message.type in _ANSWER_TYPES
            and message.role in _ANSWER_ROLES
        ):
            change = self._apply_answer(kind, message)
        else:
            self._apply(event)
            change = None
        self.last_change = change
        return change

    def _apply(self, event: ChatEvent) -> None:
        kind = event.type
        message = event.message
        if message is not None:
            if kind == EventType.MESSAGE_COMPLETED:  # (audio deltas and other messages: nothing to keep)
                if message.type == MessageType.FOLLOW_UP:
                    self.follow_ups.append(message.content)
                else:
                    self.others.append(message)
            return
        if event.chat is not None:
            self.chat = event.chat
            if event.chat.usage.token_count:
                self.usage = event.chat.usage
            if kind == EventType.CHAT_COMPLETED:
                self.outcome = ChatOutcome.COMPLETED
            elif kind == EventType.CHAT_FAILED:
                self.outcome = ChatOutcome.FAILED
            elif kind == EventType.CHAT_REQUIRES_ACTION:
                self.outcome = ChatOutcome.REQUIRES_ACTION
            return
        if kind == EventType.DONE:
            self.got_done = True
            self.debug_url = done_debug_url(event.raw)
        elif kind == EventType.ERROR:
            self.outcome = ChatOutcome.FAILED
        elif not event.known:
            self.unknown_events += 1

    def _apply_answer(self, kind: str, message: ChatMessage) -> AnswerState | None:
        state = self.answers.get(message.id)
        if state is not None and state.completed:
            return None  # a completed answer is final: later deltas or completions for its id are strays
        if state is None:
            state = AnswerState(message.id, message.type or MessageType.ANSWER, message.content_type)
            self.answers[message.id] = state
        if kind == MESSAGE_DELTA:
            if message.content:
                state.parts.append(message.content)
            if message.reasoning_content:
                state.reasoning_parts.append(message.reasoning_content)
        else:
            # The completed message carries the whole text: it is the authority.
            state.parts[:] = [message.content] if message.content else state.parts
            if message.reasoning_content:
                state.reasoning_parts[:] = [message.reasoning_content]
            state.completed = True
        return state

    def answer_texts(self) -> list[str]:
        return [state.text for state in self.answers.values() if state.text]

    def text(self) -> str:
        """Every answer message's text, in order of first appearance, separated by a blank line."""
        return "\n\n".join(self.answer_texts())


def done_debug_url(data: str) -> str:
    """The `debug_url` of a `done` event's data (`{"debug_url": ...}` after a chatflow; `"[DONE]"` else)."""
    if not data.lstrip().startswith("{"):
        return ""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return ""
    url = value.get("debug_url") if isinstance(value, dict) else None
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else ""
