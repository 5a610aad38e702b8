"""What the chat view shows for one message: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.tool_steps import ToolStep
from desktop.core.vocabulary import UNFINISHED_STATUSES, MessageStatus, Role


@dataclass
class MessageItem:
    """One message of a conversation, as the view displays it.

    `content` is markdown for the assistant and plain text for the user. Error texts arrive already
    translated; `error_settings` asks for an "Open Settings" link next to the error, `error_new_conversation`
    for "Continue in a new Coze conversation" instead of Retry (Coze no longer has the conversation).
    """

    id: int
    role: Role
    content: str
    reasoning: str = ""
    status: MessageStatus = MessageStatus.COMPLETE
    error_sentence: str = ""
    error_action: str = ""
    error_details: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    created_at: float = 0.0
    duration: float = 0.0
    sender_name: str = ""
    error_settings: bool = False
    content_type: str = "text"  # as Coze sent it: text, object_string, card…
    error_new_conversation: bool = False
    can_rework: bool = False  # offer Regenerate (an answer) or Edit (a question)
    version: int = 1  # which version of the answer is shown (1 = the first), of `versions`
    versions: int = 1
    debug_url: str = ""  # a chatflow answer's run (the `done` event's debug_url)
    divider: bool = False  # not a message: the context was cleared here ("new topic")
    feedback: str | None = None  # None: cannot be rated; "": not rated; "like" or "unlike": the user's rating
    steps: tuple[ToolStep, ...] = ()  # what the bot did on the way to this answer (tool calls, a recall)
    shortcut: str = ""  # a question sent with a shortcut command: "/weather · city: 上海"

    @property
    def is_user(self) -> bool:
        return self.role == Role.USER

    @property
    def is_streaming(self) -> bool:
        return self.status == MessageStatus.STREAMING

    @property
    def unfinished(self) -> bool:
        return self.status in UNFINISHED_STATUSES
