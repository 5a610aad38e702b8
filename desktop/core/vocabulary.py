"""The words every layer shares: who wrote a message, where a message stands, how a chat ended.

Defined once here (a leaf module: it imports nothing of ours) and used by the Coze client, the store,
the chat turn, the services, the widgets and the CLI. They are `StrEnum`s, so a member is its wire or
column value (`Role.USER == "user"`): rows and JSON read and write them as plain text.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who wrote a message."""

    USER = "user"
    ASSISTANT = "assistant"


ROLES = frozenset(Role)


class MessageStatus(StrEnum):
    """Where a stored message stands. Only an answer is ever anything but COMPLETE."""

    COMPLETE = "complete"
    STREAMING = "streaming"
    INTERRUPTED = "interrupted"  # the stream broke off (a dropped connection, a timeout, a crash)
    FAILED = "failed"  # Coze refused or failed the chat
    CANCELLED = "cancelled"  # the user stopped it

    @property
    def unfinished(self) -> bool:
        """An answer that ended without finishing: the view offers Retry for these."""
        return self in UNFINISHED_STATUSES


STATUSES = frozenset(MessageStatus)
UNFINISHED_STATUSES = frozenset({MessageStatus.INTERRUPTED, MessageStatus.FAILED, MessageStatus.CANCELLED})


class ChatOutcome(StrEnum):
    """How one chat (one question and its answers) ended, as the Coze stream told it."""

    STREAMING = "streaming"  # not ended yet
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"
    REQUIRES_ACTION = "requires_action"  # the bot wants a tool answer this app cannot give

    @property
    def status(self) -> MessageStatus:
        """The status the answers of a chat that ended so are stored with."""
        return _OUTCOME_STATUS[self]


_OUTCOME_STATUS = {
    ChatOutcome.STREAMING: MessageStatus.COMPLETE,  # ended by `done` without chat.completed: still an answer
    ChatOutcome.COMPLETED: MessageStatus.COMPLETE,
    ChatOutcome.FAILED: MessageStatus.FAILED,
    ChatOutcome.INTERRUPTED: MessageStatus.INTERRUPTED,
    ChatOutcome.CANCELLED: MessageStatus.CANCELLED,
    ChatOutcome.REQUIRES_ACTION: MessageStatus.FAILED,
}
