"""OutsideRows: the open chat follows what another process writes to it (`coze-desktop ask --conversation-id`
on the same profile, a sync), a moment after it is committed (services/outside_writes.py says when).

It keeps the stamp (updated_at) of every message from the oldest one shown, and on each outside commit
compares: a message it had not seen goes at the bottom (the view stays where the reader is: at the
bottom it follows, scrolled up it stays), a message another process changed (an answer it streams, its
end) is shown again, alone. Rows this window streams are its own signals' and never touched here: their
text on disk lags the screen. Only when another process's message falls between messages already shown
(two processes asking at once), or one went away, is the chat read again, keeping the reader's place.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.store import Message
from desktop.core.vocabulary import MessageStatus, Role
from desktop.services.history import HistoryService, Stamp
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem

ASKED_SECONDS = 60  # a question from elsewhere with no answer yet is being answered for this long at most


class OutsideRows(QObject):
    """Emits `looked()` each time it has compared the open chat with the history (shown or an outside commit):
    whether another process is answering in it (`answering`) may have changed."""

    looked = Signal()

    def __init__(
        self,
        history: HistoryService,
        view: ChatView,
        *,
        items: Callable[[list[Message]], list[MessageItem]],
        reload: Callable[[], None],
        busy: Callable[[int], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._view = view
        self._items = items
        self._reload = reload
        self._busy = busy
        self._conversation: int | None = None
        self._from = 0
        self._seen: dict[int, Stamp] = {}
        self._theirs: set[int] = set()  # the questions shown here (in any chat) that another process asked

    def shown(self, conversation_id: int | None, oldest: int | None) -> None:
        """The presenter (re)read `conversation_id` from the history, back to message `oldest`."""
        self._conversation = conversation_id  # (_theirs stays: ids are unique, and a chat shown again still waits)
        self._from = oldest or 0
        self._seen = self._history.stamps(conversation_id, self._from) if conversation_id is not None else {}
        self.looked.emit()

    def older_shown(self, oldest: int) -> None:
        self._from = oldest  # (their stamps are read on the next look: nothing else wrote them meanwhile)
        if self._conversation is not None:
            self._seen = {**self._history.stamps(self._conversation, oldest), **self._seen}

    def check(self) -> None:
        """Another connection committed: show what it changed in the open chat."""
        self._check()
        self.looked.emit()

    def _check(self) -> None:
        conversation = self._conversation
        if conversation is None:
            return
        now = self._history.stamps(conversation, self._from)
        before, self._seen = self._seen, now
        view, own = self._view, self._history.own_writer()
        gone = [i for i in before.keys() - now.keys() if view.item(i) is not None]
        new = sorted(i for i in now.keys() - before.keys() if view.item(i) is None)
        changed = sorted(i for i in now.keys() & before.keys() if now[i] != before[i] and now[i].writer != own)
        if not (gone or new or changed):
            return
        newest_shown = max((i for i in now if view.item(i) is not None), default=0)
        if gone or (new and new[0] < newest_shown):
            self._reload()  # between rows already shown, or rows went away: read the chat again, in place
            return
        messages = [m for m in (self._history.message(i) for i in [*changed, *new]) if m is not None]
        if not messages:
            return
        self._theirs.update(m.id for m in messages if m.role == Role.USER and m.id in new)
        place = view.place()
        for item in self._items(messages):
            if view.item(item.id) is not None:
                view.update_message(item)
            else:
                view.append_message(item)
        if place is not None:
            view.go_back(place)  # the reader was scrolled up: a question from elsewhere does not pull them down
        last = messages[-1]
        if last.role == Role.ASSISTANT and last.status == MessageStatus.COMPLETE and not self._busy(conversation):
            view.set_follow_ups(self._history.conversations.follow_ups(conversation))

    def answering(self, conversation_id: int) -> bool:
        """Another process is answering in this chat now: its answer streams (and that process still runs),
        or it asked a moment ago and the answer has not begun. Coze takes one chat at a time per
        conversation; a question sent meanwhile would fail, stored between that question and its answer."""
        if conversation_id != self._conversation or not self._seen:
            return False
        newest = max(self._seen)
        message = self._history.message(newest)
        if message is None:
            return False
        writer = self._seen[newest].writer
        if message.role == Role.ASSISTANT:
            if message.status != MessageStatus.STREAMING or writer is None or writer == self._history.own_writer():
                return False
            return self._history.writer_is_live(writer)
        return newest in self._theirs and time.time() - message.created_at < ASKED_SECONDS
