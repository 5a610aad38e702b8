"""The Markdown a message row shows: a question's text without its files; an answer's object_string items,
cards and picture links made readable; and an answer cut in the middle of a phrase (interrupted, failed,
stopped) with the marks left open on its last line closed, as they were while it streamed
(`open_marks.close_open_marks`): "_This is our 5th…" in italics, not with its raw "_" (walk of session 33)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.attachments.copies import question_files
from desktop.core.coze.display import answer_markdown, is_streaming_items
from desktop.ui.chat.images import PictureSource
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.open_marks import close_open_marks


def display_words() -> dict[str, str]:
    """The words of file lines and fallbacks (`desktop.core.coze.display`), in the UI's language."""
    return {
        "save": QCoreApplication.translate("ChatView", "Save as…"),
        "open": QCoreApplication.translate("ChatView", "Open"),
        "unsupported": QCoreApplication.translate("ChatView", "[{kind}: this kind of content is not shown here]"),
        "card": QCoreApplication.translate("ChatView", "[A card that Coze Desktop cannot show]"),
    }


def shown_markdown(item: MessageItem, images: PictureSource | None) -> str:
    """What `item` shows, as Markdown (`images`: whether a link is a picture; None: none is)."""
    if item.is_user:
        if item.content_type != "object_string":
            return item.content
        return question_files(item.content, item.content_type)[0]  # the files: question_files.py
    if item.is_streaming:
        return "" if is_streaming_items(item.content) else item.content
    not_image = images.not_image if images is not None and images.enabled else (lambda _url: True)
    shown = answer_markdown(item.content, item.content_type, not_image, display_words())
    return close_open_marks(shown) if item.unfinished and item.content_type == "text" else shown
