"""One chat the ChatController is running: its worker, the worker's thread and the turn it records."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QThread

from desktop.core.chat import ChatTurn
from desktop.services.chat_worker import ChatWorker


@dataclass
class ActiveChat:
    conversation_id: int
    worker: ChatWorker
    thread: QThread
    turn: ChatTurn
    started: float
    ended: bool = False
    stopped: bool = False  # the user's Stop, so a quit right after it is not what cut the answer
