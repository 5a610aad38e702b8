"""The composer's attachments go to Coze before the chat starts, with a progress bar on each chip.

While they go, the draft stays in the composer: the button (and Esc) cancels them all, a chip's ×
drops that one file. When Coze refuses one, the draft and every attachment stay where they were, with
one sentence saying why under the chips (Coze's code and logid in its tooltip); files that did reach
Coze keep their file_id, so sending again does not upload them twice. Only when every file is on Coze
does the chat start (`on_sent(file_ids)`), and only then is the composer emptied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.core.chat import ChatFailure
from desktop.core.coze.error_text import error_text
from desktop.core.coze.errors import ErrorKind
from desktop.services.connection import Connection
from desktop.services.uploads import UploadBatch, Uploads
from desktop.ui.attachment_chips import Chip
from desktop.ui.composer import Composer
from desktop.ui.i18n import current_language
from desktop.ui.plain_text import plain_tooltip

_GENERIC = frozenset({ErrorKind.UNKNOWN, ErrorKind.BAD_REQUEST})


class DraftUpload(QObject):
    def __init__(self, composer: Composer, uploads: Uploads, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._composer = composer
        self._uploads = uploads
        del language  # the UI's language is looked up when needed: it can change while the app runs
        self._batch: UploadBatch | None = None
        self._chips: list[Chip] = []
        composer.cancelUploadRequested.connect(self.cancel_all)
        composer.chips.removedChip.connect(self._on_chip_removed)

    @property
    def active(self) -> bool:
        return self._batch is not None

    def needed(self) -> bool:
        """Some attachment is not on Coze yet."""
        return any(chip.file is not None and not chip.file_id for chip in self._composer.chips.chips())

    def start(self, connection: Connection, on_sent: Callable[[dict[str, str]], None]) -> None:
        composer = self._composer
        self._chips = [chip for chip in composer.chips.chips() if chip.file is not None]
        files = [chip.file for chip in self._chips if chip.file is not None]
        batch = self._uploads.start(connection, files, composer.chips.file_ids())
        self._batch = batch
        composer.show_problem("")
        composer.set_uploading(True)

        def mine(slot: Callable[..., None]) -> Callable[..., None]:
            # A batch left behind (`leave()`) may still report from its thread: nothing of it reaches the chips shown now.
            return lambda *args: slot(*args) if batch is self._batch else None

        batch.progress.connect(mine(self._on_progress))
        batch.uploaded.connect(mine(self._on_uploaded))
        batch.failed.connect(mine(self._on_failed))
        batch.cancelled.connect(mine(self._end))
        batch.finished.connect(mine(lambda ids: self._on_finished(ids, on_sent)))

    def cancel_all(self) -> None:
        if self._batch is not None:
            self._batch.cancel_all()

    def leave(self) -> None:
        """The composer is about to show another chat: the upload for the chat left stops, and ends here now
        (the files wait in that chat's draft; the next chat's Send is its own at once)."""
        if self._batch is not None:
            self._batch.cancel_all()
            self._end()

    def _on_chip_removed(self, chip: Chip) -> None:
        if self._batch is not None and chip in self._chips:
            self._batch.cancel(self._chips.index(chip))

    def _chip(self, index: int) -> Chip | None:
        chip = self._chips[index] if 0 <= index < len(self._chips) else None
        return chip if chip is not None and chip in self._composer.chips.chips() else None

    def _on_progress(self, index: int, sent: int, total: int) -> None:
        chip = self._chip(index)
        if chip is not None:
            chip.set_progress(sent, total)

    def _on_uploaded(self, index: int, file_id: str) -> None:
        chip = self._chip(index)
        if chip is not None:
            chip.set_uploaded(file_id)

    def _on_failed(self, failure: ChatFailure) -> None:
        self._end()
        self._composer.show_problem(self.sentence(failure))
        details = failure.summary or failure.msg  # Coze's words: a tooltip would render them as HTML
        self._composer.problem.setToolTip(plain_tooltip(details))

    def _on_finished(self, ids: dict[str, str], on_sent: Callable[[dict[str, str]], None]) -> None:
        self._end()
        if self._composer.chips.files():
            on_sent(ids)  # every file left in the draft is on Coze now

    def _end(self) -> None:
        self._batch = None
        self._chips = []
        self._composer.set_uploading(False)

    def sentence(self, failure: ChatFailure) -> str:
        """One sentence: what went wrong and what to do; the draft is still there."""
        if failure.kind in _GENERIC:
            return self.tr(
                "Coze did not accept the attachments. Your message is still here: check the files and send "
                "again, or remove one with ×."
            )
        text = error_text(failure.kind, current_language())
        return self.tr("The attachments were not sent: {what} {action}").format(what=text.sentence, action=text.action)
