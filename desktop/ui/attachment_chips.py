"""The files attached to the message being written: a chip each (thumbnail or icon, name, size, ×,
and a thin progress bar while the file is read into the profile or sent to Coze), and the sentence
saying why a file was refused."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from desktop.core import media
from desktop.core.attachments.held import HeldFile
from desktop.core.attachments.local import AttachmentRefused, LocalFile
from desktop.core.attachments.text import refusal_text
from desktop.ui.i18n import current_language
from desktop.ui.plain_text import plain_tooltip

THUMB = 32
NAME_WIDTH = 180  # px: a longer name is elided in its middle, so its extension stays in sight


def refusal_sentence(exc: AttachmentRefused) -> str:
    """Why a file cannot be attached, in the UI's language (the core's sentences: the CLI says the same)."""
    return refusal_text(exc, current_language())


class Chip(QFrame):
    """One attachment. `file` is None while the file is still being read (hashed and copied into the
    profile off the GUI thread); `file_id` is set once Coze has it."""

    removed = Signal(object)

    def __init__(self, name: str, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: LocalFile | None = None
        self.file_id = ""
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setText("📄")
        self.full_name = name
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setMaximumWidth(NAME_WIDTH)
        self._fit_name()
        self.size_label = QLabel(media.human_size(size) if size > 0 else self.tr("Reading…"))  # (not known yet)
        self.size_label.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setObjectName("attachmentProgress")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(4)
        self.bar.setRange(0, 0)  # busy until the file is read
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(plain_tooltip(self.tr("Remove {name}").format(name=name)))
        self.remove.setAccessibleName(self.tr("Remove {name}").format(name=name))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 2, 4)
        layout.setSpacing(6)
        layout.addWidget(self.thumb)
        texts = QHBoxLayout()
        texts.setSpacing(6)
        texts.addWidget(self.name)
        texts.addWidget(self.size_label)
        middle = QVBoxLayout()  # the name centred beside the picture and ×, the progress bar under it while it shows
        middle.setSpacing(2)
        middle.addStretch(1)
        middle.addLayout(texts)
        middle.addWidget(self.bar)
        middle.addStretch(1)
        layout.addLayout(middle)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignVCenter)
        # A file's name is data: a tooltip guesses HTML, and "<font size=7>x.txt" is a valid file name.
        self.setToolTip(plain_tooltip(self.tr("Reading {name}…").format(name=name)))

    def _fit_name(self) -> None:
        """The name elided to NAME_WIDTH in the label's font (a longer one was cut off mid-letter), whole in
        its tooltip."""
        self.name.ensurePolished()
        shown = self.name.fontMetrics().elidedText(self.full_name, Qt.TextElideMode.ElideMiddle, NAME_WIDTH)
        self.name.setText(shown)
        self.name.setToolTip(plain_tooltip(self.full_name) if shown != self.full_name else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_name()

    @property
    def ready(self) -> bool:
        return self.file is not None

    def set_file(self, file: LocalFile, thumb: QImage | None = None) -> None:
        """The file is read and kept: show its thumbnail (made on the reader thread, or read here); it can be sent."""
        self.file = file
        if thumb is not None:
            pixmap = QPixmap.fromImage(thumb)
        else:
            pixmap = QPixmap(str(file.path)) if file.is_image and file.path is not None else QPixmap()
        if not pixmap.isNull():
            mode = Qt.TransformationMode.SmoothTransformation
            self.thumb.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, mode))
        self.size_label.setText(media.human_size(file.size))
        self.bar.hide()
        self.setToolTip("")

    def set_progress(self, sent: int, total: int) -> None:
        """Bytes of this file on their way to Coze."""
        self.bar.setRange(0, 1000)
        self.bar.setValue(sent * 1000 // total if total else 1000)
        self.bar.show()
        self.remove.setToolTip(plain_tooltip(self.tr("Stop sending {name}").format(name=self.full_name)))

    def set_uploaded(self, file_id: str) -> None:
        self.file_id = file_id
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)

    def end_upload(self) -> None:
        """The upload ended (sent, failed or cancelled): the chip looks as before."""
        self.bar.hide()
        self.remove.setToolTip(plain_tooltip(self.tr("Remove {name}").format(name=self.full_name)))


class AttachmentChips(QWidget):
    """Emits `changed()` when a file is added, read or removed, `removedChip(chip)` for a chip the
    user removed (an upload in progress drops that file), `readAway(owner, file)` for a file that
    finished being read after the box moved on to another chat: it belongs to the draft of `owner`,
    `refusedAway(sentences)` when a chat is shown again in which files were refused (or taken out of its saved
    draft: `dropped`) while it was not, or at once for the chat shown, and `checkReported(withdrawn)` when the
    content check of the files brought back from saved drafts reported (`withdrawn`: one of the shown ones left).

    The chips are one chat's (`owner`, its draft's key: services/draft.py); `hold()` shows another's."""

    changed = Signal()
    removedChip = Signal(object)
    readAway = Signal(str, object)
    refusedAway = Signal(list)
    checkReported = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self._chips: list[Chip] = []
        self._away: dict[Chip, str] = {}  # still being read when the box moved on → the chat they go to
        self._untold: dict[str, list[str]] = {}  # a chat's files refused while it was not shown: why
        self._unchecked: set[LocalFile] = set()  # brought back from saved drafts, their content not checked yet
        self.owner = ""
        self.setVisible(False)

    def held(self) -> list[HeldFile]:
        """The files read so far, each with its Coze file_id when it went already (a chat's draft keeps them)."""
        return [(chip.file, chip.file_id) for chip in self._chips if chip.file is not None]

    def hold(self, owner: str, files: list[HeldFile]) -> None:
        """Show `owner`'s draft: its files replace these (those still being read go to their chat once read)."""
        self._away.update({chip: self.owner for chip in self._chips if not chip.ready})
        self.clear()
        self.owner = owner
        for file, file_id in files:
            chip = self.add(file)
            if chip is not None:
                chip.file_id = file_id
        untold = self._untold.pop(owner, [])
        if untold:
            self.refusedAway.emit(untold)

    def withdraw(self, files: Collection[LocalFile]) -> None:
        """These files can no longer be sent (a draft's copy changed since it was attached): their chips go, as
        if removed (an upload of one in progress stops)."""
        for chip in [chip for chip in self._chips if chip.file is not None and chip.file in files]:
            self._remove(chip)

    def check(self, files: Collection[LocalFile]) -> None:
        """These files, brought back from saved drafts, are having their content checked (services/draft.py):
        until `checked`, a Send with one of them waits (`checking`)."""
        self._unchecked.update(files)

    @property
    def checking(self) -> bool:
        """A file shown here is still being checked: sending it now could send what was never attached."""
        return any(chip.file in self._unchecked for chip in self._chips if chip.file is not None)

    def checked(self, changed: Collection[LocalFile]) -> None:
        """The check reported: the `changed` files go (`withdraw`), the others can be sent."""
        self._unchecked.clear()
        withdrawn = any(chip.file in changed for chip in self._chips if chip.file is not None)
        self.withdraw(changed)
        self.checkReported.emit(withdrawn)

    def dropped(self, owner: str, names: list[str], *, changed: bool) -> None:
        """Files were taken out of `owner`'s saved draft (their copies gone, unreadable, or `changed`): said under
        the chips, now if that chat is shown, else when it is shown again, as a file refused there is."""
        if changed:
            sentence = self.tr(
                "{name} changed since it was attached, so it was taken out of this unsent message. "
                "Attach it again to send it as it is now."
            )
        else:
            sentence = self.tr(
                "{name} was taken out of this unsent message: the app's copy of it is gone or cannot be read. "
                "Attach it again to send it."
            )
        sentences = [sentence.format(name=name) for name in names]
        if owner == self.owner:
            self.refusedAway.emit(sentences)
        elif sentences:
            self._untold.setdefault(owner, []).extend(sentences)

    def forget(self, owner: str) -> None:
        """`owner`'s chat was deleted: its files still being read go nowhere, and nothing is said about them."""
        self._away = {chip: chat for chip, chat in self._away.items() if chat != owner}
        self._untold.pop(owner, None)

    def refused(self, chip: Chip, owner: str, sentence: str) -> bool:
        """`chip`'s file was refused for `owner`'s draft: True when `sentence` is to be said now (its chat is
        shown). A file attached in a chat the box has left is told there when that chat is shown again
        (`refusedAway`), beside the draft it is about, rather than over another chat; one removed meanwhile
        says nothing."""
        shown, away = chip in self._chips, chip in self._away
        self.drop(chip)
        if shown or (away and owner == self.owner):
            return True
        if away:
            self._untold.setdefault(owner, []).append(sentence)
        return False

    def read(self, chip: Chip, owner: str, file: LocalFile, thumb: QImage | None = None) -> None:
        """A file read off the GUI thread for `owner`'s draft: shown on its chip, or, moved away, sent after."""
        if chip not in self._away:
            self.resolve(chip, file, thumb)  # (a chip removed meanwhile, or of a chat deleted since, is not there)
            return
        del self._away[chip]
        if owner == self.owner:  # that chat is shown again
            self.add(file)
        else:
            self.readAway.emit(owner, file)

    def files(self) -> list[LocalFile]:
        return [chip.file for chip in self._chips if chip.file is not None]

    def chips(self) -> list[Chip]:
        return list(self._chips)

    @property
    def ready(self) -> bool:
        """Every file is read (nothing is still being hashed or copied)."""
        return all(chip.ready for chip in self._chips)

    def file_ids(self) -> dict[str, str]:
        """sha256 → the Coze file_id of each file already uploaded."""
        return {chip.file.sha256: chip.file_id for chip in self._chips if chip.file is not None and chip.file_id}

    def add_pending(self, name: str, size: int) -> Chip:
        chip = Chip(name, size, self)
        chip.removed.connect(self._remove)
        self._layout.insertWidget(len(self._chips), chip)
        self._chips.append(chip)
        self._refresh()
        return chip

    def add(self, file: LocalFile) -> Chip | None:
        """A file already read; None when the same file is attached already."""
        chip = self.add_pending(file.name, file.size)
        return chip if self.resolve(chip, file) else None

    def resolve(self, chip: Chip, file: LocalFile, thumb: QImage | None = None) -> bool:
        """A pending chip's file is read; False (and the chip goes) when it duplicates another."""
        if chip not in self._chips:
            return False
        if any(
            c is not chip and c.file is not None and (c.file.sha256, c.file.name) == (file.sha256, file.name)
            for c in self._chips
        ):
            self.drop(chip)
            return False
        chip.set_file(file, thumb)
        self._refresh()
        return True

    def drop(self, chip: Chip) -> None:
        self._away.pop(chip, None)
        if chip in self._chips:
            self._chips.remove(chip)
            chip.deleteLater()
            self._refresh()

    def clear(self) -> None:
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        self._refresh()

    def _remove(self, chip: Chip) -> None:
        self.drop(chip)
        self.removedChip.emit(chip)

    def _refresh(self) -> None:
        self.setVisible(bool(self._chips))
        self.changed.emit()
