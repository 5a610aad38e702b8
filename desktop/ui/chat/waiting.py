"""The bot's "•••" row under a question while its answer has not begun.

A Coze bot thinks 0.5–3 s before its first delta, and the answer's row exists only from that delta on
(core/chat/turn.py): until then the question stood alone above an empty view, and only the chat list's
"Answering…" and the Stop button said that anything was happening. While the conversation is busy and its
last message is a question (or a failed answer being retried), the view shows an empty streaming answer row (the delegate draws it as the
bot's name and "•••"); the real answer row takes its place. The row is the view's own: `WAITING_ID` is no
stored message's id, and the row offers nothing to act on (no rework, no rating).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.model import ChatModel

WAITING_ID = -1  # stored messages have positive ids


class WaitingRow:
    def __init__(self, model: ChatModel, forget: Callable[[int], None]) -> None:
        self._model = model
        self._forget = forget  # the delegate's cached rendering of a row
        self._sender: str | None = None  # None: no answer is awaited

    @property
    def shown(self) -> bool:
        return self._model.find(WAITING_ID) is not None

    def set(self, waiting: bool, sender_name: str = "") -> None:
        self._sender = sender_name if waiting else None
        self.sync()

    def hide(self) -> None:
        if self._model.remove(WAITING_ID):
            self._forget(WAITING_ID)

    def sync(self) -> None:
        """Shown at the bottom while an answer is awaited and no answer row streams there yet, else not."""
        items = [item for item in self._model.items() if item.id != WAITING_ID]
        # (a failed answer retried gets its new row below it; a regenerated one streams in its own row)
        wanted = self._sender is not None and bool(items) and not items[-1].is_streaming
        if self.shown and (not wanted or self._model.items()[-1].id != WAITING_ID):
            self.hide()
        if wanted and not self.shown:
            sender = self._sender or ""
            self._model.append(
                MessageItem(WAITING_ID, Role.ASSISTANT, "", status=MessageStatus.STREAMING, sender_name=sender)
            )
