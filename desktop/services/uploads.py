"""Uploads of a draft's attachments before its chat starts, on a pool thread, one file after another.

`Uploads.start(connection, files, known)` returns an `UploadBatch`; its signals arrive on the GUI
thread:
    progress(index, sent, total)   bytes of one file on their way (at most one signal per percent)
    uploaded(index, file_id)       one file is on Coze
    failed(object)                 a `ChatFailure`: Coze (or the network) refused; nothing more is sent
    finished(dict)                 sha256 → file_id of every file that went (cancelled ones are absent)
    cancelled()                    `cancel_all()` ended the batch
Exactly one of failed / finished / cancelled ends a batch. `cancel(index)` drops one file (the others
go on); `cancel_all()` stops the batch between two blocks. `shutdown()` cancels everything and waits
(bounded) at quit, so no upload thread outlives the window.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.core.attachments.local import LocalFile
from desktop.core.attachments.upload import upload_each
from desktop.core.chat import ChatFailure
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.files import UploadCancelled
from desktop.services.connection import Connection

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Emitted from the pool thread; the batch (GUI thread) receives them queued."""

    progress = Signal(int, int, int)
    uploaded = Signal(int, str)
    ended = Signal(str, object)  # "finished" | "failed" | "cancelled", payload


class UploadBatch(QObject):
    progress = Signal(int, int, int)
    uploaded = Signal(int, str)
    failed = Signal(object)
    finished = Signal(dict)
    cancelled = Signal()

    def __init__(self, files: Sequence[LocalFile], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = list(files)
        self.skipped = [threading.Event() for _ in self.files]
        self.stop = threading.Event()
        self.done = False
        self.relay = _Relay(self)
        self.relay.progress.connect(self.progress)
        self.relay.uploaded.connect(self.uploaded)
        self.relay.ended.connect(self._on_ended)

    def cancel(self, index: int) -> None:
        """Drop one file: its upload stops between two blocks and the others go on."""
        if 0 <= index < len(self.skipped):
            self.skipped[index].set()

    def cancel_all(self) -> None:
        self.stop.set()

    @Slot(str, object)
    def _on_ended(self, how: str, payload: object) -> None:
        if self.done:
            return
        self.done = True
        if how == "finished":
            self.finished.emit(payload)
        elif how == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()


class _Job(QRunnable):
    def __init__(self, batch: UploadBatch, connection: Connection, known: Mapping[str, str]) -> None:
        super().__init__()
        self._batch = batch
        self._relay = batch.relay  # used from the pool thread: only its signals
        self._connection = connection
        self._known = dict(known)
        self._percent: dict[int, int] = {}

    def _progress(self, index: int, sent: int, total: int) -> None:
        percent = sent * 100 // total if total else 100
        if self._percent.get(index) != percent:
            self._percent[index] = percent
            self._relay.progress.emit(index, sent, total)

    def run(self) -> None:
        batch = self._batch
        try:
            with self._connection.client() as client:
                ids = upload_each(
                    client,
                    batch.files,
                    known=self._known,
                    progress=self._progress,
                    uploaded=self._relay.uploaded.emit,
                    cancelled=batch.stop,
                    skipped=batch.skipped,
                )
        except UploadCancelled:
            self._relay.ended.emit("cancelled", None)
        except CozeError as exc:
            log.info("upload failed: %s", exc.summary())
            self._relay.ended.emit("failed", ChatFailure.from_error(exc))
        except Exception as exc:  # a bug: the draft stays, the user is told, the log has the traceback
            log.exception("upload crashed")
            self._relay.ended.emit("failed", ChatFailure(ErrorKind.UNKNOWN, f"{type(exc).__name__}: {exc}"))
        else:
            done = {f.sha256: file_id for f, file_id in zip(batch.files, ids, strict=True) if file_id}
            self._relay.ended.emit("cancelled" if batch.stop.is_set() else "finished", done)


class Uploads(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._batches: list[UploadBatch] = []
        self._closed = False

    def start(self, connection: Connection, files: Sequence[LocalFile], known: Mapping[str, str]) -> UploadBatch:
        if self._closed:
            raise RuntimeError("uploads are shut down")
        batch = UploadBatch(files, self)
        self._batches.append(batch)
        for signal in (batch.finished, batch.failed, batch.cancelled):
            signal.connect(lambda *_args, b=batch: self._forget(b))
        self._pool.start(_Job(batch, connection, known))
        return batch

    @property
    def active(self) -> int:
        return len(self._batches)

    def _forget(self, batch: UploadBatch) -> None:
        if batch in self._batches:
            self._batches.remove(batch)
        batch.deleteLater()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Cancel every upload and wait (bounded) for the threads."""
        self._closed = True
        for batch in self._batches:
            batch.cancel_all()
        return bool(self._pool.waitForDone(timeout_ms))
