"""One chat turn, without Qt: `ChatPump` runs a chat against Coze and emits `TurnEvent` values;
`ChatTurn` records them in the store. `ask` runs both in one loop; the window runs the pump on a
worker thread and the turn on the GUI thread."""

from desktop.core.chat.events import ChatFailure, Ended, TurnEvent
from desktop.core.chat.listener import TurnListener
from desktop.core.chat.move_journal import MoveJournal
from desktop.core.chat.pump import ChatPump, TurnRequest
from desktop.core.chat.turn import ChatTurn

__all__ = ["ChatFailure", "ChatPump", "ChatTurn", "Ended", "MoveJournal", "TurnEvent", "TurnListener", "TurnRequest"]
