"""One calm dialog when something unexpected fails: what happened, where the log is, the details to
copy. Only one is open at a time; further reports while it is open are added to its details."""

from __future__ import annotations

import faulthandler
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.crash_reports import CrashReports


class CrashDialog(QDialog):
    def __init__(self, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setObjectName("crashDialog")
        self.log_dir = log_dir
        self.reports = 0
        headline = QLabel(
            self.tr(
                "Coze Desktop ran into an unexpected problem. Your chats are saved, and the app keeps "
                "running; if something looks wrong, restart it."
            ),
            self,
        )
        headline.setWordWrap(True)
        headline.setTextFormat(Qt.TextFormat.PlainText)
        where = QLabel(self.tr("The details are in the log: {path}").format(path=log_dir), self)
        where.setWordWrap(True)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = where
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.open_logs_button = QPushButton(self.tr("Open log folder"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_logs_button.clicked.connect(self._open_logs)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(where)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_report(self, summary: str, details: str) -> None:
        self.reports += 1
        text = details if self.reports == 1 else f"{self.details.toPlainText()}\n\n{details}"
        self.details.setPlainText(text)
        self.details.setToolTip(summary)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.where.text()}\n\n{self.details.toPlainText()}")

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))


class CrashDialogs(QObject):
    """Shows reports from `CrashReports` in one non-modal dialog over `parent_window()`."""

    def __init__(self, reports: CrashReports, log_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self._window: QWidget | None = None
        self.dialog: CrashDialog | None = None
        reports.crashed.connect(self.show_report)

    def set_window(self, window: QWidget | None) -> None:
        self._window = window

    def show_report(self, summary: str, details: str) -> None:
        if self.dialog is None or not self.dialog.isVisible():
            if self.dialog is not None:
                self.dialog.deleteLater()
            self.dialog = CrashDialog(self.log_dir, self._window)
        self.dialog.add_report(summary, details)
        self.dialog.show()
        self.dialog.raise_()


CRASH_TESTS = ("slot", "thread", "fault")


def run_crash_self_test(kind: str, dialogs: CrashDialogs) -> None:
    """`--crash-test KIND` (hidden, like --smoke): prove the crash path in a real or packaged build.
    `slot` raises in a Qt slot, `thread` in a Python thread, `fault` crashes the interpreter; for the
    first two it prints whether the dialog is shown, then quits."""

    def fail_in_slot() -> None:
        raise RuntimeError("crash self-test: an exception in a Qt slot")

    def fail_in_thread() -> None:
        raise RuntimeError("crash self-test: an exception in a thread")

    def report() -> None:
        dialog = dialogs.dialog
        shown = dialog is not None and dialog.isVisible()
        count = dialog.reports if dialog is not None else 0
        print(f"crash-test: dialog {'shown' if shown else 'NOT shown'}, {count} report(s)", flush=True)
        QApplication.exit(0 if shown else 1)

    if kind == "fault":
        QTimer.singleShot(100, faulthandler._sigsegv)  # type: ignore[attr-defined]
        return
    if kind == "thread":
        QTimer.singleShot(100, lambda: threading.Thread(target=fail_in_thread, name="crash-test").start())
    else:
        QTimer.singleShot(100, fail_in_slot)
    QTimer.singleShot(1500, report)
