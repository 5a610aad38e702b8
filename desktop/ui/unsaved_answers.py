"""Quitting while answers are only in memory (the disk stayed full, #13 item 1): the user is offered to
save them to a file of their choice (another disk, a USB stick) before they are gone."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.coze.errors import ErrorKind
from desktop.core.files import atomic_write
from desktop.core.store.models import Message
from desktop.ui.plain_text import message_box

log = logging.getLogger(__name__)

DEFAULT_NAME = "coze-unsaved-answers.md"


def answers_markdown(answers: Sequence[Message]) -> str:
    """The answers as one Markdown file: a heading per answer (its chat and time), then its whole text."""
    title = QCoreApplication.translate("UnsavedAnswers", "Answers Coze Desktop could not save")
    parts = [f"# {title}\n"]
    for answer in answers:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(answer.created_at))
        heading = QCoreApplication.translate("UnsavedAnswers", "Chat {number}, {when}").format(
            number=answer.conversation_id, when=when
        )
        parts.append(f"## {heading}\n\n{answer.content}\n")
    return "\n".join(parts)


def write_answers(answers: Sequence[Message], target: Path) -> None:
    """Write the answers to `target` (whole or not at all); raises OSError."""
    with atomic_write(target) as out:
        out.write(answers_markdown(answers))


def choose_file(parent: QWidget | None) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("UnsavedAnswers", "Save the unsaved answers"),
        str(Path.home() / DEFAULT_NAME),
        QCoreApplication.translate("UnsavedAnswers", "Markdown (*.md)"),
    )
    return path


def not_written(path: str, exc: OSError) -> str:
    return QCoreApplication.translate(
        "UnsavedAnswers", "They could not be written to {path}: {reason}. Choose another place."
    ).format(path=path, reason=exc.strerror or exc)


def disk_full(answers: Sequence[Message]) -> bool:
    """The history refused them because the disk is full (else: another process kept it busy)."""
    return any(a.error is not None and a.error.kind == ErrorKind.DISK_FULL for a in answers)


def offer_to_save(
    parent: QWidget | None,
    answers: Sequence[Message],
    choose: Callable[[QWidget | None], str] = choose_file,
    problem: str = "",
) -> Path | None:
    """Ask until the answers are saved to a file or the user lets them go; where they went, or None. `problem`:
    why a first try to write them failed (see `not_written`)."""
    why = (
        QCoreApplication.translate(
            "UnsavedAnswers",
            "{count} answer(s) could not be saved to your history because the disk is full. "
            "Save them to a file (on another disk, say) before quitting, or they are lost.",
        )
        if disk_full(answers)
        else QCoreApplication.translate(
            "UnsavedAnswers",
            "{count} answer(s) could not be saved to your history because another Coze Desktop command kept it busy. "
            "Save them to a file before quitting, or they are lost.",
        )
    ).format(count=len(answers))
    while True:
        box = message_box(
            parent,
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("UnsavedAnswers", "Answers not saved"),
            why + (f"\n\n{problem}" if problem else ""),
        )
        save = box.addButton(
            QCoreApplication.translate("UnsavedAnswers", "Save to a file…"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("UnsavedAnswers", "Quit without saving"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is not save:
            log.warning("%d unsaved answer(s) let go at quit", len(answers))
            return None
        chosen = choose(parent)
        if not chosen:
            continue
        try:
            write_answers(answers, Path(chosen))
        except OSError as exc:
            problem = not_written(chosen, exc)
            continue
        log.info("%d unsaved answer(s) saved to a file at quit", len(answers))
        return Path(chosen)
