"""Export and import off the GUI thread: one job at a time on a QThread, with progress and Cancel.

A job is a plain function `job(report) -> result` run on the worker thread. It opens its own Store
there (a Store belongs to the thread that opened it), writes through `atomic_write`/`atomic_path`
and calls `report(stage, done, total)` as it goes; once `cancel()` was called, the next `report`
raises TransferCancelled, so an export leaves no file and an import rolls back.

`TransferRunner` signals (on the thread that owns it, the GUI thread):
    progress(str, int, int)  stage ("export", "read", "import"), done, total; at most every 50 ms
    finished(object)         the job's result (the target Path of an export, an ImportResult)
    failed(object)           the exception the job raised
    cancelled()              the job stopped at the user's request; nothing was changed
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.answer_downloads import export_fetch
from desktop.core.files import atomic_write
from desktop.core.profile import Profile
from desktop.core.store import ImportResult, Store
from desktop.core.store.transfer import (
    Progress,
    TransferCancelled,
    import_json,
    write_json,
    write_markdown,
)
from desktop.core.store.transfer.attachments import AttachmentAssets
from desktop.core.store.transfer.json_stream import load_export_file
from desktop.services.pdf_child import PdfChild

log = logging.getLogger(__name__)

Report = Callable[[str, int, int], None]
Job = Callable[[Report], Any]
REPORT_INTERVAL = 0.05  # seconds between two progress signals


def _stage(report: Report, stage: str) -> Progress:
    return lambda done, total: report(stage, done, total)


def export_job(database: Path, target: Path, conversation_id: int | None, fmt: str, language: str = "en") -> Job:
    """Export one conversation (or all) to `target` as "md" or "json" (a PDF is written by a child
    process: see pdf_child.py). A Markdown file's labels are in `language` ("zh" or "en").

    Read through a read-only Store of its own; `target` is replaced only when the whole file is written.
    """

    def run(report: Report) -> Path:
        progress = _stage(report, "export")
        with Store.open(database, read_only=True) as store, atomic_write(target) as out:
            if fmt == "md":  # attached files next to it: <profile>/attachments/<sha256> → <name>_files/
                profile = Profile(database.parent)  # and the answers' pictures and files, cached or fetched
                fetch = export_fetch(profile.image_cache_dir)
                assets = AttachmentAssets.beside(profile.attachments_dir, target, fetch)
                write_markdown(store, out, conversation_id, progress, assets, language=language)
            else:
                write_json(store, out, conversation_id, progress)
        return target

    return run


def import_job(database: Path, source: Path) -> Job:
    """Merge the JSON export `source` into the history at `database`, in one transaction."""

    def run(report: Report) -> ImportResult:
        data = load_export_file(source, _stage(report, "read"))  # a message at a time: never a long GIL hold
        with Store.open(database, integrity_check=False, recover_streaming=False) as store:
            return import_json(store, data, _stage(report, "import"))

    return run


class _Thread(QThread):
    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, job: Job, stop: threading.Event, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._stop = stop
        self._last = 0.0

    def run(self) -> None:
        try:
            result = self._job(self._report)
        except TransferCancelled:
            self.cancelled.emit()
        except Exception as exc:  # delivered to the window, which says it in one sentence
            log.warning("export or import failed: %s", type(exc).__name__, exc_info=True)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    def _report(self, stage: str, done: int, total: int) -> None:
        if self._stop.is_set():
            raise TransferCancelled
        now = time.monotonic()
        if done >= total or now - self._last >= REPORT_INTERVAL:
            self._last = now
            self.progress.emit(stage, done, total)


class TransferRunner(QObject):
    """Runs one job at a time: a function on a worker thread (`start`), or the PDF export's child
    process (`start_child`, see pdf_child.py); either way the same signals."""

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Thread | PdfChild | None = None
        self._stop = threading.Event()
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Job) -> None:
        """Run `job` on a new worker thread; RuntimeError if one is still running."""
        self._check_idle()
        self._stop = threading.Event()
        thread = _Thread(job, self._stop, self)
        self._connect(thread)
        thread.start()

    def start_child(self, child: PdfChild) -> None:
        """Run the PDF export's child process; RuntimeError if a job is still running."""
        self._check_idle()
        child.setParent(self)
        self._connect(child)
        child.start()

    def _check_idle(self) -> None:
        if self._thread is not None or self._closed:
            raise RuntimeError("an export or import is already running, or the app is quitting")

    def _connect(self, job: _Thread | PdfChild) -> None:
        job.progress.connect(self.progress)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self._thread = job

    def cancel(self) -> None:
        """Ask the job to stop at its next step (`cancelled` follows, unless it had just finished)."""
        self._stop.set()
        if isinstance(self._thread, PdfChild):
            self._thread.cancel()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel the job and wait for its thread or process (the app is quitting); True if it ended in time."""
        self._closed = True  # what the thread still reports is not wanted any more
        thread = self._thread
        if thread is None:
            return True
        self._stop.set()
        done = bool(thread.wait(timeout_ms))
        if done or isinstance(thread, PdfChild):  # a child that did not end in time was killed
            self._release()
        return done

    def _release(self) -> None:
        thread, self._thread = self._thread, None
        if isinstance(thread, _Thread):
            thread.wait()  # its run() has returned: this is the moment it takes to end
        if thread is not None:
            thread.deleteLater()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._release()
        if not self._closed:
            self.finished.emit(result)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self._release()
        if not self._closed:
            self.failed.emit(exc)

    @Slot()
    def _cancelled(self) -> None:
        self._release()
        if not self._closed:
            self.cancelled.emit()
