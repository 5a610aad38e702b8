"""The Coze API, without Qt: client, SSE parser, events, errors."""

from desktop.core.coze.addresses import normalize_base_url
from desktop.core.coze.client import COZE_CN, COZE_COM, CozeClient
from desktop.core.coze.error_text import describe, error_text
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.events import ChatEvent, EventType, MessageType
from desktop.core.coze.models import BotInfo, ChatInfo, ChatMessage, Conversation
from desktop.core.coze.stream import ChatStream
from desktop.core.coze.transcript import ChatTranscript

__all__ = [
    "COZE_CN",
    "COZE_COM",
    "BotInfo",
    "ChatEvent",
    "ChatInfo",
    "ChatMessage",
    "ChatStream",
    "ChatTranscript",
    "Conversation",
    "CozeClient",
    "CozeError",
    "ErrorKind",
    "EventType",
    "MessageType",
    "describe",
    "error_text",
    "normalize_base_url",
]
