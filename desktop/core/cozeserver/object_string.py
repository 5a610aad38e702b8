"""The server's side of `object_string` user messages: Coze's rules, and the files they point at.

Rules (docs "发起对话", object_string object): `content` is a JSON-encoded array of items with a
`type` of text, file, image or audio; at most one text item; a text item needs at least one file or
image beside it (text alone must be sent as `content_type: text`); file, image and audio items need
a `file_id` or a `file_url`. cozepy sends unused fields as null, coze-js leaves them out: both pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.core.cozeserver.api_files import FILE_NOT_FOUND, file_error
from desktop.core.cozeserver.files import StoredFile, UploadedFiles
from desktop.core.cozeserver.wire import JsonDict, invalid_parameter

ITEM_TYPES = frozenset({"text", "file", "image", "audio"})


@dataclass(frozen=True)
class Attachment:
    type: str  # file, image or audio
    stored: StoredFile | None  # by file_id
    url: str = ""  # by file_url


def check_messages(messages: list[JsonDict], files: UploadedFiles) -> None:
    """Raise Coze's error for the first object_string message that breaks the rules."""
    for message in messages:
        if isinstance(message, dict) and message.get("content_type") == "object_string":
            items(message.get("content"), files)


def items(content: object, files: UploadedFiles) -> tuple[str, list[Attachment]]:
    """(the text, the attachments) of an object_string content; raises ApiError when invalid."""
    if not isinstance(content, str):
        raise invalid_parameter("object_string content must be a JSON string")
    try:
        parsed = json.loads(content)
    except ValueError:
        raise invalid_parameter("object_string content is not valid JSON") from None
    if not isinstance(parsed, list) or not parsed:
        raise invalid_parameter("object_string content must be a non-empty JSON array")
    texts: list[str] = []
    attachments: list[Attachment] = []
    for item in parsed:
        if not isinstance(item, dict) or item.get("type") not in ITEM_TYPES:
            raise invalid_parameter("each object_string item needs a type: text, file, image or audio")
        if item["type"] == "text":
            text = item.get("text")
            if not isinstance(text, str):
                raise invalid_parameter("a text item needs text")
            texts.append(text)
            continue
        attachments.append(attachment(item, files))
    if len(texts) > 1:
        raise invalid_parameter("an object_string holds at most one text item")
    if not attachments:
        raise invalid_parameter("a text-only message must use content_type text, not object_string")
    return (texts[0] if texts else ""), attachments


def attachment(item: JsonDict, files: UploadedFiles) -> Attachment:
    """The file an item names (by file_id, which must be known, or by file_url); raises ApiError."""
    file_id, file_url = item.get("file_id"), item.get("file_url")
    if file_id:
        stored = files.get(str(file_id))
        if stored is None:
            raise file_error(FILE_NOT_FOUND)
        return Attachment(item["type"], stored)
    if isinstance(file_url, str) and file_url.startswith(("http://", "https://")):
        return Attachment(item["type"], None, file_url)
    raise invalid_parameter(f"a {item['type']} item needs a file_id or a file_url")
