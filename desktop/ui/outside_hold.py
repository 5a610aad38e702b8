"""OutsideHold: while another process (`coze-desktop ask --conversation-id N`, a second window) is getting an
answer in the open chat, Send is greyed out with one sentence saying why, and comes back when the answer
has arrived. Coze answers one chat at a time per conversation: a question sent meanwhile would be refused
("conversation occupied") and stored between that process's question and its answer.

It looks each time the open chat is compared with the history (OutsideRows.looked: the chat shown, or
another process committed: the data_version poll), and every second while it holds, since some ends
commit nothing: the other process killed mid-answer (its writer lock is gone), or a question asked
elsewhere that got no answer within OutsideRows' ASKED_SECONDS.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.ui.composer import Composer
from desktop.ui.outside_rows import OutsideRows

RECHECK_MS = 1000


class OutsideHold(QObject):
    def __init__(
        self,
        outside: OutsideRows,
        composer: Composer,
        current: Callable[[], int | None],
        busy: Callable[[int], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._outside = outside
        self._composer = composer
        self._current = current
        self._busy = busy
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.look)
        outside.looked.connect(self.look)

    def look(self) -> None:
        if self._stopped:
            return
        conversation = self._current()
        held = conversation is not None and not self._busy(conversation) and self._outside.answering(conversation)
        if held:
            self._composer.set_held(
                self.tr(
                    "Another window or coze-desktop ask is getting an answer in this chat. You can send when it "
                    "has arrived; your message stays here."
                )
            )
            self._timer.start()
        elif self._timer.isActive():
            self._timer.stop()
            self._composer.set_held("")

    def stop(self) -> None:
        """The window lets the services go (quit): no more looks at the history."""
        self._stopped = True
        self._timer.stop()
