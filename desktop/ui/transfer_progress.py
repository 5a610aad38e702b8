"""The progress dialog of an export or import: what is happening, how far, and Cancel.

It appears only when the work takes longer than a moment (a small export never flashes a dialog),
is window-modal (the window keeps painting and streaming, but no second export starts) and closes
when the work ends.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 400
STEPS = 1000  # the bar counts per mille: a byte count does not fit a QProgressBar's int


class TransferProgress(QProgressDialog):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("transferProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setRange(0, STEPS)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(360)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setLabelText(self.tr("Starting…"))
        self.setValue(0)

    def report(self, stage: str, done: int, total: int) -> None:
        """Show `done` of `total` for a stage of the work ("export", "read", "import")."""
        if self.wasCanceled():
            return
        if stage == "export":
            text = self.tr("Writing message {done} of {total}…")
        elif stage == "read":
            text = self.tr("Reading the file… {percent}%")
        else:
            text = self.tr("Importing chat {done} of {total}…")
        percent = 100 * done // total if total > 0 else 100
        self.setLabelText(text.format(done=f"{done:,}", total=f"{total:,}", percent=percent))
        self.setValue(STEPS * done // total if total > 0 else STEPS)

    def finish(self) -> None:
        self.reset()
        self.close()
        self.deleteLater()
