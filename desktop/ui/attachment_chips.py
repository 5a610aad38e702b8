"""The files attached to the message being written: a chip each (thumbnail or icon, name, size, ×),
and the sentence saying why a file was refused."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.core import media
from desktop.core.attachments.local import AttachmentRefused, LocalFile, Refusal

THUMB = 32


def refusal_sentence(exc: AttachmentRefused) -> str:
    """Why a file cannot be attached, in the UI's language."""
    name = exc.name
    if exc.reason is Refusal.EMPTY:
        return QCoreApplication.translate("Composer", "{name} is empty; there is nothing to send.").format(name=name)
    if exc.reason is Refusal.TOO_LARGE:
        return QCoreApplication.translate("Composer", "{name} is too large: Coze accepts files up to {limit}.").format(
            name=name, limit=media.human_size(exc.limit)
        )
    if exc.reason is Refusal.TYPE_MISMATCH:
        real = exc.real.label if exc.real is not None else "?"
        return QCoreApplication.translate(
            "Composer", "{name} is really a {real}. Give it the right extension and attach it again."
        ).format(name=name, real=real)
    if exc.reason is Refusal.MISSING:
        return QCoreApplication.translate("Composer", "{name} does not exist.").format(name=name)
    return QCoreApplication.translate("Composer", "{name} cannot be read.").format(name=name)


class Chip(QFrame):
    removed = Signal(object)

    def __init__(self, file: LocalFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file = file
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap(str(file.path)) if file.is_image and file.path is not None else QPixmap()
        if not pixmap.isNull():
            mode = Qt.TransformationMode.SmoothTransformation
            self.thumb.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, mode))
        else:
            self.thumb.setText("📄")
        self.name = QLabel(file.name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setMaximumWidth(180)
        self.size_label = QLabel(media.human_size(file.size))
        self.size_label.setEnabled(False)
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove {name}").format(name=file.name))
        self.remove.setAccessibleName(self.tr("Remove {name}").format(name=file.name))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.setSpacing(6)
        for widget in (self.thumb, self.name, self.size_label, self.remove):
            layout.addWidget(widget)


class AttachmentChips(QWidget):
    """Emits `changed()` when a file is added or removed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self._chips: list[Chip] = []
        self.setVisible(False)

    def files(self) -> list[LocalFile]:
        return [chip.file for chip in self._chips]

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def add(self, file: LocalFile) -> None:
        if any(chip.file.sha256 == file.sha256 and chip.file.name == file.name for chip in self._chips):
            return
        chip = Chip(file, self)
        chip.removed.connect(self._remove)
        self._layout.insertWidget(len(self._chips), chip)
        self._chips.append(chip)
        self._refresh()

    def clear(self) -> None:
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        self._refresh()

    def _remove(self, chip: Chip) -> None:
        self._chips.remove(chip)
        chip.deleteLater()
        self._refresh()

    def _refresh(self) -> None:
        self.setVisible(bool(self._chips))
        self.changed.emit()
