"""The records the in-memory store keeps: bots, conversations, chats, and how they look on the wire."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.cozeserver.wire import (
    NO_USAGE,
    JsonDict,
    Usage,
    chat_object,
    invalid_parameter,
    message_object,
    new_id,
    now,
)

CREATOR_ID = "4000000000000000001"  # the account behind every accepted token (the demo's one user)


@dataclass
class Bot:
    bot_id: str
    name: str
    description: str = ""
    prologue: str = ""
    suggested_questions: list[str] = field(default_factory=list)
    icon_url: str = ""
    published: bool = True
    prompt: str = ""
    created_at: int = field(default_factory=now)
    shortcut_commands: list[JsonDict] = field(default_factory=list)  # as bot info lists them

    def to_wire(self, icon_fallback: str) -> JsonDict:
        return {
            "bot_id": self.bot_id,
            "name": self.name,
            "description": self.description,
            "icon_url": self.icon_url or icon_fallback,
            "create_time": self.created_at,
            "update_time": self.created_at,
            "version": str(self.created_at * 1000),
            "prompt_info": {"prompt": self.prompt},
            "onboarding_info": {"prologue": self.prologue, "suggested_questions": list(self.suggested_questions)},
            "bot_mode": 0,
            "plugin_info_list": [],
            "model_info": {"model_id": "1737521813", "model_name": "local-demo"},
            "knowledge": {"dataset_ids": [], "auto_call": True, "search_strategy": 0},
            "suggest_reply_info": {"reply_mode": "enable", "customized_prompt": ""},
            "variables": [],
            "owner_user_id": CREATOR_ID,
            "shortcut_commands": [dict(command) for command in self.shortcut_commands],
            "default_user_input_type": "text",
        }


@dataclass(frozen=True)
class ChatHandle:
    """The ids every event of one chat repeats."""

    chat_id: str
    conversation_id: str
    bot_id: str
    section_id: str
    created_at: int
    meta_data: dict[str, str] | None = None


@dataclass(frozen=True)
class StartedChat:
    handle: ChatHandle
    question: str
    history: list[JsonDict]  # earlier messages of the current section, oldest first


@dataclass
class ChatRecord:
    handle: ChatHandle
    save: bool
    status: str = "in_progress"
    usage: Usage = NO_USAGE
    completed_at: int | None = None
    failed_at: int | None = None
    last_error: tuple[int, str] = (0, "")
    required_action: JsonDict | None = None
    messages: list[JsonDict] = field(default_factory=list)

    def to_wire(self) -> JsonDict:
        h = self.handle
        return chat_object(
            chat_id=h.chat_id,
            conversation_id=h.conversation_id,
            bot_id=h.bot_id,
            created_at=h.created_at,
            section_id=h.section_id,
            status=self.status,
            usage=self.usage,
            completed_at=self.completed_at,
            failed_at=self.failed_at,
            last_error=self.last_error,
            meta_data=h.meta_data,
            required_action=self.required_action if self.status == "requires_action" else None,
        )


@dataclass
class ConversationRecord:
    id: str
    bot_id: str
    created_at: int
    meta_data: dict[str, str]
    name: str = ""
    section_id: str = ""
    updated_at: int = 0
    messages: list[JsonDict] = field(default_factory=list)
    running: str | None = None  # the chat whose stream is being written
    running_owner: str = ""  # the process writing it, with a state file (StateFile.stream_owner; "" without one)
    connector_id: str = "1024"  # the channel it was made in: 1024 API, 999 chat SDK
    feedback: dict[str, JsonDict] = field(default_factory=dict)  # message id -> its feedback body

    def to_wire(self, full: bool = True) -> JsonDict:
        obj: JsonDict = {
            "id": self.id,
            "created_at": self.created_at,
            "meta_data": dict(self.meta_data),
            "last_section_id": self.section_id,
        }
        if full:
            obj.update(
                name=self.name, updated_at=self.updated_at, creator_id=CREATOR_ID, connector_id=self.connector_id
            )
        return obj


def stored(message: JsonDict) -> JsonDict:
    """A stream message as the message-list API returns it."""
    return {**message, "meta_data": message.get("meta_data") or {}, "updated_at": message["created_at"]}


def client_message(handle: ChatHandle, message: JsonDict) -> JsonDict:
    """A message given by the client (additional_messages, conversation create), as a stored message."""
    if not isinstance(message, dict):
        raise invalid_parameter("each message must be an object")
    role = message.get("role")
    content = message.get("content")
    if role not in ("user", "assistant") or not isinstance(content, str):
        raise invalid_parameter("each message needs a role (user or assistant) and a string content")
    content_type = message.get("content_type") or "text"
    if content_type not in ("text", "object_string", "card"):
        raise invalid_parameter(f"content_type {content_type!r} is not supported")
    msg = message_object(
        msg_id=new_id(),
        conversation_id=handle.conversation_id,
        bot_id=handle.bot_id,
        chat_id=handle.chat_id,
        section_id=handle.section_id,
        role=role,
        msg_type=message.get("type") or ("question" if role == "user" else "answer"),
        content=content,
        content_type=content_type,
        created_at=handle.created_at,
    )
    meta = message.get("meta_data")
    if isinstance(meta, dict):
        msg["meta_data"] = {str(k): str(v) for k, v in meta.items()}
    return msg
