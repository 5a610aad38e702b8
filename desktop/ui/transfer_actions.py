"""Export and import of chats from the window: the file dialogs, the work on the history service's
worker thread (with a progress dialog and Cancel), and what the user is told afterwards (a
status-bar note, or one sentence in a message box).

The default file name of an export is the chat's title, made safe for every OS (`safe_file_name`).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.images.cache import ImageCache
from desktop.core.pdf_child import PdfLook
from desktop.core.store import ImportResult, InvalidExportFile, StoreError
from desktop.core.store.transfer import safe_file_name
from desktop.services.history import HistoryService
from desktop.services.pdf_child import PdfExportFailed
from desktop.ui.i18n import current_language
from desktop.ui.plain_text import message_box, warn
from desktop.ui.transfer_progress import TransferProgress

STATUS_MS = 6000
FORMATS = {".md": "md", ".json": "json", ".pdf": "pdf"}


def export_target(path: str, chosen_filter: str) -> tuple[Path, str]:
    """The file and format a save dialog's answer means: the name's extension, else the chosen
    filter's (a name ending in .md with the JSON or PDF filter chosen takes the filter's)."""
    target = Path(path)
    chosen = next((fmt for fmt in ("json", "pdf") if fmt in chosen_filter.lower()), "md")
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        return target.with_name(f"{target.name}.{chosen}"), chosen
    if fmt == "md" and chosen != "md":
        return target.with_suffix(f".{chosen}"), chosen
    return target, fmt


class TransferActions(QObject):
    """File ▸ Export this chat / Export all chats / Import chats."""

    def __init__(
        self,
        history: HistoryService,
        window: QWidget,
        current: Callable[[], int | None],
        show_status: Callable[[str, int], None],
        *,
        language: str = "en",
        picture_cache: Callable[[], ImageCache | None] = lambda: None,
        attachments: Callable[[], Path | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._history = history
        self._window = window
        self._current = current
        self._show_status = show_status
        del language  # the UI's language is looked up when needed: it can change while the app runs
        self.picture_cache = picture_cache  # the pictures the window loaded, for the PDF
        self.attachments = attachments  # the folder of the local copies of attached files, for the PDF
        self._folder = Path.home()  # where the last export or import was: the next dialog opens there
        self._dialog: TransferProgress | None = None
        self._what = ""  # "export" or "import": what the running transfer is, for the messages after it
        runner = history.transfers
        runner.progress.connect(self._progress)
        runner.finished.connect(self._finished)
        runner.failed.connect(self._failed)
        runner.cancelled.connect(self._cancelled)

    @property
    def progress_dialog(self) -> TransferProgress | None:
        return self._dialog

    # -- export -----------------------------------------------------------------------------------

    def default_name(self, conversation_id: int | None) -> str:
        """The export's file name without extension: the chat's title, or "Coze chats <date>"."""
        if conversation_id is None:
            return safe_file_name(self.tr("Coze chats {date}").format(date=date.today().isoformat()), "coze-chats")
        conversation = self._history.conversations.get(conversation_id)
        title = conversation.title if conversation is not None else ""
        return safe_file_name(title, safe_file_name(self.tr("New chat"), "chat"))

    def export_chats(self, everything: bool) -> None:
        conversation_id = None if everything else self._current()
        if not everything and conversation_id is None:
            QMessageBox.information(self._window, self.tr("Export"), self.tr("Open a chat first."))
            return
        if self._still_running():
            return
        title = self.tr("Export all chats") if everything else self.tr("Export this chat")
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            title,
            str(self._folder / f"{self.default_name(conversation_id)}.md"),
            self.tr("Markdown (*.md);;JSON, for import (*.json);;PDF (*.pdf)"),
        )
        if not path:
            return
        target, fmt = export_target(path, chosen)
        self._folder = target.parent
        self._begin("export", title)
        if fmt == "pdf":
            self._history.start_pdf_export(target, conversation_id, self.pdf_look())
        else:
            self._history.start_export(target, conversation_id, fmt, current_language())  # Markdown's labels

    def pdf_look(self) -> PdfLook:
        """The PDF is drawn in a child process (desktop/core/pdf_child.py) the way this window draws:
        its font and language, the pictures it has cached, the local copies of attached files."""
        cache = self.picture_cache()
        return PdfLook(
            cache.folder if cache is not None else None,
            self.attachments(),
            "zh_CN" if current_language() == "zh" else "en",
            self._window.font().toString(),
        )

    # -- import -----------------------------------------------------------------------------------

    def import_chats(self) -> None:
        if self._still_running():
            return
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import chats"), str(self._folder), self.tr("Coze Desktop export (*.json)")
        )
        if not path:
            return
        self._folder = Path(path).parent
        self._begin("import", self.tr("Import chats"))
        self._history.start_import(Path(path))

    # -- the running transfer ---------------------------------------------------------------------

    def _still_running(self) -> bool:
        if not self._history.transfers.busy:
            return False
        QMessageBox.information(
            self._window,
            self.tr("Export"),
            self.tr("An export or import is still running. Wait for it to finish, or cancel it."),
        )
        return True

    def _begin(self, what: str, title: str) -> None:
        self._what = what
        dialog = TransferProgress(title, self._window)
        dialog.canceled.connect(self._history.transfers.cancel)
        self._dialog = dialog

    def detach(self) -> None:
        """The app is quitting: the transfer was cancelled without a word, so its dialog goes now
        (left alone, its show timer would bring it up over the closing window)."""
        self._end()

    def _end(self) -> None:
        if self._dialog is not None:
            self._dialog.finish()
            self._dialog = None

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.report(stage, done, total)

    def _finished(self, result: object) -> None:
        self._end()
        if isinstance(result, ImportResult):
            QMessageBox.information(
                self._window,
                self.tr("Import finished"),
                self.tr("Import done. New chats: {c}; new messages: {m}; already here: {d}.").format(
                    c=result.conversations_added, m=result.messages_added, d=result.skipped_duplicates
                ),
            )
        elif isinstance(result, Path):
            self._show_status(self.tr("Exported to {path}").format(path=result), STATUS_MS)

    def _failed(self, exc: object) -> None:
        self._end()
        if self._what == "import":
            details = ""
            if isinstance(exc, InvalidExportFile):  # the parser's words (line, column) go under Details
                text = self.tr(
                    "Nothing was imported: the file is not a JSON export of Coze Desktop, or it is damaged. "
                    "Choose a file made with File ▸ Export all chats… (JSON)."
                )
                details = str(exc)
            elif isinstance(exc, OSError | StoreError):
                text = self.tr("Nothing was imported: {error}").format(error=_reason(exc))
            else:
                text = self.tr("Nothing was imported: something went wrong; the log has the details.")
            message_box(self._window, QMessageBox.Icon.Warning, self.tr("Import failed"), text, details=details).exec()
        else:
            if isinstance(exc, PdfExportFailed):
                text = self._pdf_problem(exc)
            elif isinstance(exc, OSError):
                text = self._write_problem(exc)
            elif isinstance(exc, StoreError):
                text = self.tr("Could not write the file: {error}").format(error=_reason(exc))
            else:
                text = self.tr("Could not write the file; the log has the details.")
            warn(self._window, self.tr("Export failed"), text)

    def _pdf_problem(self, exc: PdfExportFailed) -> str:
        """The PDF's child said why (an OS error: as any export's) or, having crashed or been killed, nothing."""
        if exc.errno is not None:
            return self._write_problem(OSError(exc.errno, exc.reason))
        if exc.reason:
            return self.tr("Could not write the PDF: {error}").format(error=exc.reason)
        return self.tr("The PDF export stopped unexpectedly. Export again; if it stops again, the log has the details.")

    def _write_problem(self, exc: OSError) -> str:
        """Why an export could not be written and what to do, in the UI's language (the OS's own
        words, "No space left on device", are English whatever the language)."""
        folder = str(self._folder)
        if exc.errno == errno.ENOENT:
            return self.tr(
                "Could not write the file: the folder {folder} does not exist. Choose another folder."
            ).format(folder=folder)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return self.tr("Could not write the file: {folder} cannot be written to. Choose another folder.").format(
                folder=folder
            )
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return self.tr(
                "Could not write the file: the disk is full. Free some space, or choose a folder on another disk."
            )
        return self.tr("Could not write the file: {error}").format(error=_reason(exc))

    def _cancelled(self) -> None:
        self._end()
        if self._what == "import":
            self._show_status(self.tr("Import cancelled; nothing was imported."), STATUS_MS)
        else:
            self._show_status(self.tr("Export cancelled; no file was written."), STATUS_MS)


def _reason(exc: Exception) -> str:
    """An error in a few words: an OSError's reason and file (not a temporary file's name)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
