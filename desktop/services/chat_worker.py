"""One streaming chat on its own QThread: plain data in, one signal per delta out.

The worker only pumps: it runs a `ChatPump` (desktop/core/chat) and emits each `TurnEvent` value it
produces as one `turnEvent` signal; it never touches a widget or the store (the controller applies the
events to a `ChatTurn` on the GUI thread). Lifecycle (owned by ChatController):
`worker.moveToThread(thread)`, `thread.started -> worker.run`, `worker.done -> thread.quit`.
`stop()` may be called from any thread: it closes the stream at once (the chat is then cancelled on
the server from the worker thread).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.chat import ChatFailure, ChatPump, Ended, TurnEvent, TurnRequest
from desktop.core.chat.events import AnswerDelta
from desktop.core.coze.errors import ErrorKind
from desktop.core.vocabulary import ChatOutcome
from desktop.services.backlog import Backlog
from desktop.services.connection import Connection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatRequest:
    conversation_id: int  # local id: every signal carries it so the controller can route
    turn: TurnRequest
    connection: Connection


class ChatWorker(QObject):
    turnEvent = Signal(int, object)  # local conversation id, one TurnEvent (the last one is always an Ended)
    done = Signal()  # the very last signal, whatever happened: quit the thread

    def __init__(self, request: ChatRequest) -> None:
        super().__init__()
        self.request = request
        self._pump = ChatPump(request.turn)
        self.backlog = Backlog()  # the receiver calls backlog.take_one() for each turnEvent it takes in

    def stop(self) -> None:
        """Thread-safe. Closes the stream now; a request not yet answered is dropped when it returns."""
        self._pump.stop()
        self.backlog.close()

    @property
    def stopped(self) -> bool:
        return self._pump.stopped

    @Slot()
    def run(self) -> None:
        conv = self.request.conversation_id

        sent_one = self.backlog.sent_one

        def emit(event: TurnEvent) -> None:
            self.turnEvent.emit(conv, event)
            # Waits while the GUI thread has too many queued; anything but a delta is taken in alone.
            sent_one(type(event) is not AnswerDelta)

        try:
            with self.request.connection.client() as client:
                self._pump.run(client, emit)
        except Exception as exc:  # a bug must not kill the thread silently: report it as a failure
            log.exception("chat worker crashed")
            emit(Ended(ChatOutcome.FAILED, ChatFailure(ErrorKind.UNKNOWN, f"{type(exc).__name__}: {exc}")))
        finally:
            # Hand ourselves back to the GUI thread so the controller deletes us there. Deleting a QObject
            # in its own worker thread makes Qt call into PySide (needing the GIL) under a signal-slot lock
            # the GUI thread may be waiting for while holding the GIL: a deadlock (seen in the soak run).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.done.emit()
