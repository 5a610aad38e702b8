"""Regenerate, Edit and the ‹ 1/2 › switcher of the chat view's rows, turned into the view's signals.

While an answer is streaming in the chat, a turn cannot be asked again (Coze answers one chat of a
conversation at a time): Regenerate and Edit then say so in a brief tip next to the pointer instead of
doing nothing (a brief note over the messages), and Edit does not open its dialog (the edited text would have nowhere to go).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.core.attachments.copies import stored_question
from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.toast import Toast

REWORK_ACTS = frozenset({Act.REGENERATE, Act.EDIT, Act.VERSION_PREV, Act.VERSION_NEXT})


def busy_hint(item: MessageItem) -> str:
    """Why Regenerate (an answer) or Edit (a question) does nothing right now."""
    if item.is_user:
        return QCoreApplication.translate(
            "ChatView", "Wait for the answer to finish (or stop it), then edit the question."
        )
    return QCoreApplication.translate("ChatView", "Wait for the answer to finish (or stop it), then regenerate.")


class _Emitter(Protocol):
    def emit(self, *args: object) -> None: ...


class ReworkIntents:
    """The rework actions of one view. `busy` is set by whoever knows the chat is streaming."""

    def __init__(
        self,
        view: QWidget,
        regenerate: _Emitter,
        resend: _Emitter,
        version: _Emitter,
        edit: Callable[[str], str | None],
    ) -> None:
        self.toast = Toast(view)
        self._edit = edit  # a question's new text (None: cancelled)
        self._regenerate, self._resend, self._version = regenerate, resend, version
        self.busy = False

    def handle(self, message_id: int, item: MessageItem, action: RowAction) -> bool:
        """Act on a rework action; False if `action` is not one."""
        kind = action.kind
        if kind not in REWORK_ACTS:
            return False
        if kind in (Act.REGENERATE, Act.EDIT) and self.busy:
            self.toast.show_text(lambda: busy_hint(item))  # in the new language after a switch
        elif kind is Act.REGENERATE:
            self._regenerate.emit(message_id)
        elif kind is Act.EDIT:
            edited = self._edit(stored_question(item.content, item.content_type)[0])
            if edited is not None:
                self._resend.emit(message_id, edited)
        else:
            self._version.emit(message_id, item.version + (1 if kind is Act.VERSION_NEXT else -1))
        return True
