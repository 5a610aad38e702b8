"""A message row's buttons as the keyboard goes through them (message_keys.py): the painted labels with an
href (Copy, Like, Regenerate, versions, pictures, the suggested questions, the reasoning's Thinking toggle…),
each code block's Copy, the links of the reasoning (while it is open) and of the answer, and the error box's Retry, Open Settings, Details, in reading order, with where they are
(row coordinates) and what a screen reader says for them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF

from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.focus_ring import code_copy_rect
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.links import document_links, page_links
from desktop.ui.chat.rows import COPY_CODE, FOLLOW_UP, VERSION_NEXT, VERSION_PREV, RowState

OBJECT = "\ufffc"  # a picture's place in a document's text
ACTION = "action:"  # our own hrefs (rows.py), not links


@dataclass(frozen=True)
class Button:
    href: str
    name: str
    rect: QRectF


def row_buttons(delegate: MessageDelegate, item: MessageItem, state: RowState, width: int) -> list[Button]:
    """The row's buttons, top to bottom and left to right ([] while it is not laid out)."""
    layout = delegate.layout(item, state, width)
    rendered = delegate.cached(item.id)
    if layout is None or rendered is None:
        return []
    found = [Button(label.href, _name(label.href, label.text), label.rect) for label in layout.labels if label.href]
    if delegate.actions:
        copy = QCoreApplication.translate("ChatView", "Copy")
        for _index, page, y in rendered.content.placed():
            for box in page.codes:
                if box.head is not None:
                    origin = layout.content.y() + y
                    head = QRectF(layout.content.x(), origin + box.head.top(), page.width, box.head.height())
                    name = QCoreApplication.translate("ChatView", "Copy code")
                    language = rendered.content.codes.lang(box.index)
                    found.append(
                        Button(
                            f"{COPY_CODE}{box.index}",
                            f"{name} ({language})" if language else name,
                            code_copy_rect(head, copy, delegate.style),
                        )
                    )
    for link in document_links(layout, rendered.content, rendered.reasoning):
        found.append(Button(link.href, _link_name(link.href, link.text), link.rect))
    if layout.error is not None:  # the error box's Retry, Open Settings, Details…
        found += [Button(link.href, link.text, link.rect) for link in page_links(layout.error, layout.error_origin)]
    unique = {button.href: button for button in reversed(found)}  # (a link given twice: the first is its button)
    return sorted(unique.values(), key=lambda button: (round(button.rect.y()), button.rect.x()))


def _name(href: str, text: str) -> str:
    """What a screen reader says for a button (an arrow is not a word)."""
    if href == VERSION_PREV:
        return QCoreApplication.translate("ChatView", "Previous version")
    if href == VERSION_NEXT:
        return QCoreApplication.translate("ChatView", "Next version")
    if href.startswith(FOLLOW_UP):
        return QCoreApplication.translate("ChatView", "Ask: {question}").format(question=text)
    return text or QCoreApplication.translate("ChatView", "Picture")


def _link_name(href: str, text: str) -> str:
    words = text.replace(OBJECT, "").strip()
    if not words:  # a picture that opens
        return QCoreApplication.translate("ChatView", "Picture")
    if href.startswith(ACTION):
        return words
    return QCoreApplication.translate("ChatView", "Link: {text}").format(text=words)
