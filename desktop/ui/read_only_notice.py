"""A profile that cannot be written: the window opens the history read-only and says so, once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.plain_text import message_box


def read_only_box(parent: QWidget | None, profile_dir: Path, logs_dir: Path, disk_full: bool = False) -> QMessageBox:
    """Not shown yet: `open()` it (window-modal, so the window behind stays readable). `disk_full`: the
    reason is a disk with no space left, not a folder that cannot be written."""
    if disk_full:
        text = QCoreApplication.translate(
            "ReadOnlyProfile",
            "The disk holding your chats is full:\n{path}\n\nYour chats are open read-only: you can read, "
            "search and export them, but not chat. Free some disk space and start Coze Desktop again.",
        )
    else:
        text = QCoreApplication.translate(
            "ReadOnlyProfile",
            "Coze Desktop cannot write to its folder:\n{path}\n\nYour chats are open read-only: you can read, "
            "search and export them, but not chat or change settings. Make the folder writable (or choose "
            "another with --profile) and start Coze Desktop again.",
        )
    box = message_box(
        parent,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("ReadOnlyProfile", "History opened read-only"),
        text.format(path=profile_dir),
        details=QCoreApplication.translate("ReadOnlyProfile", "Logs of this session: {path}").format(path=logs_dir),
    )
    return box
