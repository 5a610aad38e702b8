"""The message box: multi-line, Enter sends, Shift+Enter starts a new line, and Enter while an input
method is composing (Chinese pinyin, Japanese kana) belongs to the input method, never sends.
The Send button turns into Stop (Esc) while an answer streams."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import AttachmentRefused, LocalFile
from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.services.tasks import TaskRunner
from desktop.ui.attachment_chips import THUMB, AttachmentChips, Chip, refusal_sentence
from desktop.ui.attachment_reading import pasted_name, png_bytes, with_thumbnail
from desktop.ui.composer_shortcuts import ShortcutCommands
from desktop.ui.length_count import LengthCount
from desktop.ui.message_edit import MessageEdit, has_attachable
from desktop.ui.pending_send import PendingSend, Stage, Step

log = logging.getLogger(__name__)


class Composer(QWidget):
    """Emits sendRequested(text) or stopRequested(); the window decides what they mean. While the
    attachments are being sent (`set_uploading(True)`) the button and Esc emit cancelUploadRequested()."""

    sendRequested = Signal(str)
    stopRequested = Signal()
    cancelUploadRequested = Signal()
    shortcutRequested = Signal(str, object)  # the question and the ShortcutUse: a bot's "/" command

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._busy = False
        self._uploading = False
        self._held = ""  # why sending waits (another process answers in this chat: ui/outside_hold.py)
        self._pending: PendingSend | None = None  # a Send waiting for a saved draft's files' check (send_after_check)
        # Reading a dropped file (hash, copy into the profile) can take seconds for a big one: never on
        # the GUI thread. One at a time, so two big files do not fight over the disk.
        self._reader = TaskRunner(self, max_threads=1)
        self.encode_png: Callable[[QImage], bytes] = png_bytes  # a pasted picture's, on the reader (tests wrap it)
        self._problems: list[str] = []
        self._after_reads: list[Callable[[], None]] = []  # waiting for the files being read (after_reads)
        self.edit = MessageEdit(self)
        self.edit.setObjectName("composerEdit")
        self.text_changed = self.edit.textChanged  # the unsent text is kept (services/draft.py)
        self._set_placeholders()
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setObjectName("sendButton")
        self.button.setDefault(False)
        self.button.setAutoDefault(False)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.copies: LocalCopies | None = None  # where attached files are kept (set by the app)
        self.attach_button = QToolButton(self)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setText("📎")
        self.attach_button.setToolTip(self.tr("Attach files (or paste or drop them here)"))
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.setAutoRaise(True)
        self.chips = AttachmentChips(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("attachmentProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.setAcceptDrops(True)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.chips)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.length = LengthCount(self.edit, self)  # near the limit: how long the text is (Send stays possible)
        layout.addWidget(self.length)
        self.edit.attach.connect(self.attach_mime)
        self.edit.tooLong.connect(self.attach_long_text)
        self.attach_button.clicked.connect(self._choose_files)
        self.chips.changed.connect(self._update_button)
        self.chips.refusedAway.connect(self._told_later)  # files refused in a chat while another was shown
        self.chips.checkReported.connect(self._checked)
        self.edit.submitted.connect(self._on_submit)
        self.edit.escapePressed.connect(self._on_escape)
        self.button.clicked.connect(self._on_button)
        self.edit.textChanged.connect(self._update_button)
        self.shortcuts = ShortcutCommands(self)
        self._update_button()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def uploading(self) -> bool:
        return self._uploading

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._show_button()

    def set_uploading(self, uploading: bool) -> None:
        """The attachments are on their way to Coze: the button cancels that (Esc too)."""
        self._uploading = uploading
        if not uploading:
            for chip in self.chips.chips():
                chip.end_upload()
        self._show_button()

    def set_held(self, why: str) -> None:
        """Sending waits: Send is greyed out and `why` shows under the chips and as its tooltip ("" ends it)."""
        self._held = why
        self._show_problems()
        self._show_button()

    def _show_button(self) -> None:
        if self._uploading:
            self.button.setText(self.tr("Cancel"))
            self.button.setToolTip(self.tr("Stop sending the attachments (Esc); the message stays here"))
        else:
            self.button.setText(self.tr("Stop") if self._busy else self.tr("Send"))
            idle = self._held or self.tr("Send (Enter)")  # (greyed out while held: it says why)
            self.button.setToolTip(self.tr("Stop the answer (Esc)") if self._busy else idle)
        self._update_button()

    def send_after_check(self, then: Callable[[], None], question: str = "", command: str = "") -> bool:
        """True when a file brought back from a saved draft is still having its content checked (services/draft.py):
        Send waits, greyed out, saying so, and `then()` is called once the check reports the files unchanged (and
        the files attached meanwhile are read); a file found changed, or one attached meanwhile refused, stops it:
        nothing is sent, and that is said. What waits is the box's words, or a suggested `question` (put in the box
        when it stops), or a "/" `command` (named as not run)."""
        if not self.chips.checking:
            return False
        self._pending = PendingSend(then, question, command)
        self._show_problems()
        self._show_button()
        return True

    def cancel_send_after_check(self) -> None:
        """The box shows another chat: a Send waiting for the check of the chat left is dropped."""
        if self._pending is not None:
            self._pending = None
            self._show_problems()
            self._show_button()

    def _checked(self, withdrawn: bool) -> None:
        if self._pending is not None:
            self._settle(self._pending.checked(withdrawn, self.chips.ready))

    def _read_then_send(self) -> None:
        if self._pending is not None:  # (None: the box moved on to another chat meanwhile)
            self._settle(self._pending.read())

    def _settle(self, step: Step) -> None:
        """Act on what the waiting Send's last step says (ui/pending_send.py)."""
        pending = self._pending
        if pending is None or step is Step.WAIT:
            return
        if step is Step.READ:
            self._show_problems()
            self._show_button()
            self.after_reads(self._read_then_send)
            return
        self._pending = None
        if step is Step.STOP:  # (which file and why is said already: AttachmentChips.dropped, _refused)
            self._problems.append(self._not_sent(pending))
        self._show_problems()
        self._show_button()
        if step is Step.GO:
            pending.then()

    def _not_sent(self, pending: PendingSend) -> str:
        """What became of a waiting Send that stopped, true of what was asked."""
        if pending.command:  # (the box keeps the "/…" it was chosen from)
            sentence = self.tr("Nothing was sent: {command} did not run. Check the attached files and choose it again.")
            return sentence.format(command=pending.command)
        if pending.question:  # never in the box: it goes there, after the words the box has (neither is lost)
            words = self.text()
            self.set_text(f"{words}\n{pending.question}" if words.strip() else pending.question)
            return self.tr(
                "Nothing was sent: the question you chose is in the message box now. Check it and send it again."
            )
        return self.tr("Nothing was sent: your message is still here. Check it and send it again.")

    def show_problem(self, sentence: str) -> None:
        """One sentence under the chips (an upload Coze refused); the draft stays as it is."""
        self._problems = [sentence] if sentence else []
        self._show_problems()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Wait (bounded) for a file still being read; its result is dropped."""
        return self._reader.shutdown(timeout_ms)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- attachments --------------------------------------------------------------------------------

    def attachments(self) -> list[LocalFile]:
        return self.chips.files()

    def clear_attachments(self) -> None:
        self.chips.clear()
        self.show_problem("")

    def attach_paths(self, paths: list[Path]) -> None:
        """Each file gets its chip at once; it is checked, hashed and copied into the profile on a
        worker thread (the chip shows a busy bar until then, and Send waits for it)."""
        self._problems = []
        copies = self._copies()
        for path in paths:
            if copies is None:
                break
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            self._read(path.name, size, functools.partial(copies.keep_file, path))
        self._show_problems()

    def attach_mime(self, mime: QMimeData) -> None:
        """Files dropped or pasted from a file manager, or a pasted picture (kept as PNG)."""
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if files:
            self.attach_paths(files)
            return
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            self._problems = []
            copies, name, encode = self._copies(), pasted_name(), self.encode_png
            if copies is not None:  # encoded as PNG on the reader thread too (its chip says Reading… meanwhile)
                self._read(name, 0, lambda: copies.keep_bytes(name, encode(image)))
            self._show_problems()

    def attach_long_text(self, text: str) -> None:
        """Text too long for a message (a paste of a whole document) goes in as a text file, and we say so."""
        self._problems = []
        copies = self._copies()
        if copies is not None:
            name, content = time.strftime("pasted-text-%Y%m%d-%H%M%S.txt"), text.encode("utf-8")
            self._read(name, len(content), functools.partial(copies.keep_bytes, name, content))
            sentence = self.tr(
                "The pasted text is longer than a message can be ({limit} characters), so it is attached as {name}. "
                "Remove it with × to paste a shorter part instead."
            )
            self._problems.append(sentence.format(limit=f"{MAX_MESSAGE_CHARS:,}", name=name))
        self._show_problems()

    def _read(self, name: str, size: int, read: Callable[[], LocalFile]) -> None:
        chip, owner = self.chips.add_pending(name, size), self.chips.owner  # the chat it is attached in
        done = lambda result: self.chips.read(chip, owner, *result)  # noqa: E731 (the file and its thumbnail)
        self._reader.submit(
            functools.partial(with_thumbnail, read, THUMB),
            self._then_settle(done),
            self._then_settle(lambda exc: self._refused(chip, owner, exc)),
        )

    def _then_settle(self, slot: Callable[[Any], None]) -> Callable[[Any], None]:
        """`slot`, then what waits for the last file being read (after_reads) once it was."""

        def run(result: Any) -> None:
            slot(result)
            while not self._reader.active and self._after_reads:
                self._after_reads.pop(0)()

        return run

    def after_reads(self, then: Callable[[], None]) -> None:
        """`then()` once no attached file is still being read (now, if none is): a copy being read in is in no
        draft yet, and must not be taken for unused (services/history.py deletes the unused ones)."""
        if self._reader.active:
            self._after_reads.append(then)
        else:
            then()

    def _refused(self, chip: Chip, owner: str, exc: Exception) -> None:
        """The file cannot be attached: why, said where it was attached — now, or in its chat when it is shown
        again (AttachmentChips.refused); nothing for a file removed meanwhile."""
        if isinstance(exc, AttachmentRefused):
            sentence = refusal_sentence(exc)
        elif isinstance(exc, OSError):
            sentence = str(exc)
        else:  # a bug: the user hears that the file could not be read, the log has the traceback
            log.error("reading %s failed", chip.full_name, exc_info=exc)
            sentence = self.tr("{name} cannot be read.").format(name=chip.full_name)
        if self.chips.refused(chip, owner, sentence):
            if self._pending is not None:
                self._pending.refuse()  # (a Send waiting for it is not made)
            self._problems.append(sentence)
            self._show_problems()

    def _told_later(self, sentences: list[str]) -> None:
        self._problems.extend(sentences)
        self._show_problems()

    def _show_problems(self) -> None:
        checking = []
        if self._pending is not None:  # a Send waits: for the check of a saved draft's files, or for reads after it
            checking = [
                self.tr("Checking the attached files before sending…")
                if self._pending.stage is Stage.CHECKING
                else self.tr("Sending once the attached files are read…")
            ]
        lines = [*self._problems, *checking, *([self._held] if self._held else [])]
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def _copies(self) -> LocalCopies | None:
        if self.copies is None:
            self._problems.append(self.tr("Attachments are not available here."))
        return self.copies

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.attach_paths([Path(path) for path in paths])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if has_attachable(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if has_attachable(event.mimeData()):
            self.attach_mime(event.mimeData())
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    # -- sending ------------------------------------------------------------------------------------

    def _update_button(self) -> None:
        has_content = bool(self.edit.toPlainText().strip()) or bool(self.chips.chips())
        waiting = self._pending is not None  # a Send waits already
        ready = has_content and self.chips.ready and not self._held and not waiting
        self.button.setEnabled(self._busy or self._uploading or ready)

    def _on_submit(self) -> None:
        if self._busy or self._uploading or self._held or not self.chips.ready or self._pending is not None:
            return  # one answer at a time (ours or another process's); files being read (or checked) are waited for
        text = self.edit.toPlainText()
        if text.strip() or self.chips.files():
            self.sendRequested.emit(text)

    def _on_escape(self) -> None:
        if self._uploading:
            self.cancelUploadRequested.emit()
        elif self._busy:
            self.stopRequested.emit()

    def _on_button(self) -> None:
        if self._uploading:
            self.cancelUploadRequested.emit()
        elif self._busy:
            self.stopRequested.emit()
        else:
            self._on_submit()

    def _set_placeholders(self) -> None:
        self.edit.set_placeholders(
            self.tr("Message the bot… (Enter to send, Shift+Enter for a new line)"), self.tr("Message the bot…")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_busy(self._busy)
            self._set_placeholders()
        super().changeEvent(event)
