"""Quitting (Ctrl+Q, closing the window, a signal) while answers are only in memory because the history
refused them (#13 item 1: the disk is full, or another Coze Desktop command kept the history busy). The
window asks BEFORE it closes, while the user can still go back: Cancel (stay, free some space), Retry
saving, Save to a file and quit, or Quit anyway, which says the answers are lost. Before, the question
came after the event loop had ended, with the window gone and no way back."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.store.models import Message
from desktop.services.quit_losses import QuitLosses
from desktop.ui.plain_text import message_box
from desktop.ui.unsaved_answers import choose_file, disk_full, not_written, offer_to_save, write_answers

log = logging.getLogger(__name__)


class QuitChoice(enum.Enum):
    STAY = "stay"  # Cancel: the window stays open
    QUIT = "quit"  # nothing was (or is any longer) unsaved
    DECIDED = "decided"  # saved to a file, or let go: nothing more to ask at quit


def _why(answers: list[Message], streaming: bool) -> str:
    if disk_full(answers):
        why = QCoreApplication.translate(
            "QuitQuestion",
            "{count} answer(s) could not be saved to your history because the disk is full. Free some disk space "
            "and choose Retry saving, or save them to a file (on another disk, say). If you quit anyway, they are lost.",
        )
    else:
        why = QCoreApplication.translate(
            "QuitQuestion",
            "{count} answer(s) could not be saved to your history because another Coze Desktop command kept it "
            "busy. Choose Retry saving once it is done, or save them to a file. If you quit anyway, they are lost.",
        )
    why = why.format(count=len(answers))
    return why + (  # (a paragraph of its own: no space to put between two Chinese sentences)
        "\n\n" + QCoreApplication.translate("QuitQuestion", "An answer still streaming stops when you quit.")
        if streaming
        else ""
    )


def ask_before_quit(
    parent: QWidget | None, losses: QuitLosses, choose: Callable[[QWidget | None], str] = choose_file
) -> QuitChoice:
    """Ask until the user stays, saves the answers (to the history or a file) or lets them go."""
    problem = ""
    while answers := losses.answers():
        box = message_box(
            parent,
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("QuitQuestion", "Quit with answers not saved?"),
            _why(answers, losses.streaming()) + (f"\n\n{problem}" if problem else ""),
        )
        retry = box.addButton(
            QCoreApplication.translate("QuitQuestion", "Retry saving"), QMessageBox.ButtonRole.ActionRole
        )
        save = box.addButton(
            QCoreApplication.translate("QuitQuestion", "Save to a file and quit…"), QMessageBox.ButtonRole.AcceptRole
        )
        let_go = box.addButton(
            QCoreApplication.translate("QuitQuestion", "Quit anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is retry:
            losses.retry()
            problem = QCoreApplication.translate("QuitQuestion", "Still not saved: {count} answer(s) left.").format(
                count=len(losses.answers())
            )
            continue
        if clicked is let_go:
            log.warning("%d unsaved answer(s) let go at quit", len(answers))
            return QuitChoice.DECIDED
        if clicked is not save:
            return QuitChoice.STAY
        chosen = choose(parent)
        if not chosen:
            continue
        losses.stop_streams()  # no way back from here: the file gets all they had
        _save(parent, losses.answers(), chosen, choose)
        return QuitChoice.DECIDED
    log.info("the answers not saved before are saved now: quitting")
    return QuitChoice.QUIT


def _save(parent: QWidget | None, answers: list[Message], chosen: str, choose: Callable[[QWidget | None], str]) -> None:
    if not answers:  # (the last try as the streams stopped saved them)
        return
    try:
        write_answers(answers, Path(chosen))
    except OSError as exc:  # the quit has begun: ask for another place (or to let them go), no Cancel now
        offer_to_save(parent, answers, choose, problem=not_written(chosen, exc))
        return
    log.info("%d unsaved answer(s) saved to a file at quit", len(answers))


class CloseGuard(QObject):
    """Asks `may_close()` before `window` closes (Ctrl+Q, the title bar's ×, a signal): False keeps it open."""

    def __init__(self, window: QWidget, may_close: Callable[[], bool]) -> None:
        super().__init__(window)
        self._may_close = may_close
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and not self._may_close():
            event.ignore()
            return True
        return False
