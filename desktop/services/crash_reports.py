"""Crash reports as a signal, and Qt's own messages in the log.

`CrashReports` listens to a `CrashLog` and re-emits each report as `crashed(summary, details)`.
Reports can come from any thread; a signal to a receiver living in the GUI thread is queued, so the
dialog is always built in the GUI thread. It also installs a Qt message handler: Qt's warnings,
criticals and fatals go to the log (logger `qt`) instead of a stderr nobody sees in the windowed build.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, Signal, qInstallMessageHandler

from desktop.core.crash_log import CrashLog, CrashReport

qt_log = logging.getLogger("qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
    if kind == QtMsgType.QtFatalMsg:
        for handler in logging.getLogger().handlers:
            handler.flush()  # Qt aborts right after a fatal message


class CrashReports(QObject):
    """Signal: crashed(str summary, str details) — in the thread this object lives in (the GUI's)."""

    crashed = Signal(str, str)

    def __init__(self, crash_log: CrashLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.crash_log = crash_log
        crash_log.add_listener(self._on_report)
        self._previous_handler: Any = None
        self._installed = False

    def install_qt_message_handler(self) -> None:
        self._previous_handler = qInstallMessageHandler(qt_message_to_log)
        self._installed = True

    def uninstall_qt_message_handler(self) -> None:
        if self._installed:
            qInstallMessageHandler(self._previous_handler)
            self._installed = False

    def _on_report(self, report: CrashReport) -> None:
        self.crashed.emit(report.summary, report.details)
