"""What the window says when it cannot start on the user's profile (shown before the main window exists)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.store import NewerDatabaseError


def newer_history_box(error: NewerDatabaseError, path: Path) -> QMessageBox:
    """The message for a history written by a newer release: one sentence, what to do, the file under
    Details. Translators must be installed first (the main window, which installs them, never opened)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("StartupErrors", "Coze Desktop"),
        QCoreApplication.translate(
            "StartupErrors",
            "This chat history was saved by a newer version of Coze Desktop, which this version cannot open.",
        ),
        QMessageBox.StandardButton.Close,
    )
    box.setInformativeText(
        QCoreApplication.translate("StartupErrors", "Update Coze Desktop to open it. Nothing in the file was changed.")
    )
    box.setDetailedText(
        QCoreApplication.translate(
            "StartupErrors", "File: {path}\nSchema version of the file: {found}; this version reads up to {known}."
        ).format(path=path, found=error.found, known=error.known)
    )
    return box
