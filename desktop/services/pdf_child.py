"""The window's PDF export, run by the app's own CLI in a child process (see desktop/core/pdf_child.py
for why and for what the two sides say). Driven by QProcess on the GUI thread: no worker thread of
ours, nothing waits.

`PdfChild` signals (the same as a transfer job's, see transfer.py):
    progress(str, int, int)  "export", messages drawn, messages in all
    succeeded(object)        the target Path: the file is complete
    failed(object)           a PdfExportFailed (its `reason`, a few words from the child, may be "")
    cancelled()              stopped by `cancel()`; no file was written

Whatever ends the child short of success (a kill, a crash, Cancel), its half-written temporary file (it says
which: `temporary PATH`) is removed here too: a child that dies cannot clean up after itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal, Slot

import desktop
from desktop.core.pdf_child import PdfLook, child_arguments, parse_failed, parse_progress, parse_temporary

log = logging.getLogger(__name__)

KILL_AFTER_MS = 5000  # a child that does not stop this long after Cancel is killed


class PdfExportFailed(Exception):
    """The child could not write the PDF: `reason` is what it said (OS words, e.g. "Permission denied"),
    `errno` the OS error's number (None: not an OS error, or the child said nothing: it crashed)."""

    def __init__(self, reason: str, errno: int | None = None) -> None:
        super().__init__(reason or "the PDF export stopped")
        self.reason = reason
        self.errno = errno


def app_program() -> tuple[str, list[str]]:
    """The program and first arguments that run this app's CLI: the packaged binary itself (a frozen
    app has no `python -m`), else this Python on the `desktop` package."""
    if getattr(sys, "frozen", False):
        return sys.executable, []
    return sys.executable, ["-m", "desktop"]


class PdfChild(QObject):
    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(
        self, profile: Path, target: Path, conversation_id: int | None, look: PdfLook, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.target = target
        self._cancelling = False
        self._reason = ""
        self._errno: int | None = None
        self._stderr = b""
        self._pending = b""
        self._temporary: Path | None = None  # the file the child writes, until it renames it to `target`
        self._process = QProcess(self)
        program, first = app_program()
        self._process.setProgram(program)
        self._process.setArguments([*first, *child_arguments(profile, target, conversation_id, look)])
        self._process.setProcessEnvironment(_environment())
        self._process.readyReadStandardOutput.connect(self._read)
        self._process.readyReadStandardError.connect(self._read_errors)
        self._process.finished.connect(self._finished)
        self._process.errorOccurred.connect(self._error)
        self._kill = QTimer(self)
        self._kill.setSingleShot(True)
        self._kill.setInterval(KILL_AFTER_MS)
        self._kill.timeout.connect(self._process.kill)

    def start(self) -> None:
        self._process.start()  # stdin stays open: closing it is the child's Cancel

    def cancel(self) -> None:
        """Ask the child to stop (it removes its half-written file); killed if it does not, in time."""
        if self._cancelling or self._process.state() == QProcess.ProcessState.NotRunning:
            return
        self._cancelling = True
        self._process.closeWriteChannel()
        self._kill.start()

    def wait(self, timeout_ms: int) -> bool:
        """Cancel and wait for the child to end (the app is quitting); True if it ended in time (else killed)."""
        self.cancel()
        if self._process.state() == QProcess.ProcessState.NotRunning:
            return True
        if self._process.waitForFinished(timeout_ms):
            return True
        self._process.kill()
        self._process.waitForFinished(1000)
        return False

    @property
    def pid(self) -> int:
        return int(self._process.processId())

    @Slot()
    def _read(self) -> None:
        self._pending += bytes(self._process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            counts = parse_progress(line)
            if counts is not None:
                self.progress.emit("export", *counts)
            elif (failure := parse_failed(line)) is not None:
                self._errno, self._reason = failure
            elif (temporary := parse_temporary(line)) is not None and self._beside_target(temporary):
                self._temporary = temporary

    @Slot()
    def _read_errors(self) -> None:
        self._stderr = (self._stderr + bytes(self._process.readAllStandardError().data()))[-4000:]

    @Slot(int, QProcess.ExitStatus)
    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._kill.stop()
        self._read()
        self._read_errors()
        if status == QProcess.ExitStatus.NormalExit and code == 0 and self.target.is_file():
            self.succeeded.emit(self.target)  # done before it saw a Cancel: the file is there, say so
            return
        self._remove_temporary()
        if self._cancelling:
            self.cancelled.emit()
        else:
            how = f"exit code {code}" if status == QProcess.ExitStatus.NormalExit else "crashed"
            log.warning("the PDF export process failed (%s): %s", how, self._last_error())
            self.failed.emit(PdfExportFailed(self._reason, self._errno))

    @Slot(QProcess.ProcessError)
    def _error(self, error: QProcess.ProcessError) -> None:
        if error != QProcess.ProcessError.FailedToStart:
            return  # a crash or a kill: `finished` follows and says it
        log.warning(
            "the PDF export process could not start: %s (%s)", self._process.errorString(), self._process.program()
        )
        self.failed.emit(PdfExportFailed(""))

    def _beside_target(self, temporary: Path) -> bool:
        """A temporary file the child may have written: in the target's folder, named after it (atomic_path):
        nothing else is ever removed on its word."""
        return temporary.parent == self.target.parent and temporary.name.startswith(f".{self.target.name}.")

    def _remove_temporary(self) -> None:
        if self._temporary is not None:
            with contextlib.suppress(OSError):  # gone already: the child removed it (a Cancel it saw)
                self._temporary.unlink()
            self._temporary = None

    def _last_error(self) -> str:
        lines = self._stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "(nothing on stderr)"


def _environment() -> QProcessEnvironment:
    """This process's environment; run from source, the `desktop` package this process runs is found first."""
    env = QProcessEnvironment.systemEnvironment()
    if not getattr(sys, "frozen", False):
        root = str(Path(desktop.__file__).resolve().parent.parent)
        current = env.value("PYTHONPATH")
        env.insert("PYTHONPATH", root + (os.pathsep + current if current else ""))
    env.insert("PYTHONIOENCODING", "utf-8")
    return env
