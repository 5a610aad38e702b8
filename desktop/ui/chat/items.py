"""What the chat view shows for one message: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

ROLE_USER = "user"
ROLE_ASSISTANT = "assistant"

STATUS_COMPLETE = "complete"
STATUS_STREAMING = "streaming"
STATUS_INTERRUPTED = "interrupted"
STATUS_FAILED = "failed"
STATUS_CANCELLED = "cancelled"

#: Statuses of an answer that ended without finishing: the view offers Retry for these.
UNFINISHED_STATUSES = frozenset({STATUS_INTERRUPTED, STATUS_FAILED, STATUS_CANCELLED})


@dataclass
class MessageItem:
    """One message of a conversation, as the view displays it.

    `content` is markdown for the assistant and plain text for the user. Error texts arrive already
    translated; `error_settings` asks for an "Open Settings" link next to the error.
    """

    id: int
    role: str
    content: str
    reasoning: str = ""
    status: str = STATUS_COMPLETE
    error_sentence: str = ""
    error_action: str = ""
    error_details: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    created_at: float = 0.0
    duration: float = 0.0
    sender_name: str = ""
    error_settings: bool = False

    @property
    def is_user(self) -> bool:
        return self.role == ROLE_USER

    @property
    def is_streaming(self) -> bool:
        return self.status == STATUS_STREAMING

    @property
    def unfinished(self) -> bool:
        return self.status in UNFINISHED_STATUSES
