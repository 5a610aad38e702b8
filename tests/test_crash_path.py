"""The crash path: uncaught exceptions (main thread, Qt slots, Python threads) and hard crashes land in
the log folder, and the user sees one calm dialog with the log's location and copyable details while
the app goes on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.crash_log import CRASH_LOG_NAME, CrashLog
from desktop.core.logs import setup_logging
from desktop.services.crash_reports import CrashReports
from desktop.ui.crash_dialog import CrashDialogs

SECRET = "pat_CrashPathSecret0123456789"


@pytest.fixture
def crash_path(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[CrashLog, CrashReports, CrashDialogs]]:
    setup_logging(tmp_path / "logs")
    crash_log = CrashLog(tmp_path / "logs").install()
    reports = CrashReports(crash_log)
    dialogs = CrashDialogs(reports, tmp_path / "logs")
    try:
        yield crash_log, reports, dialogs
    finally:
        crash_log.uninstall()
        if dialogs.dialog is not None:
            dialogs.dialog.close()
            dialogs.dialog.deleteLater()


def log_text(tmp_path: Path) -> str:
    return (tmp_path / "logs" / "coze-desktop.log").read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_an_exception_in_a_slot_is_logged_and_shown_once_calmly(
    qtbot: QtBot, tmp_path: Path, crash_path: tuple[CrashLog, CrashReports, CrashDialogs]
) -> None:
    _, _, dialogs = crash_path

    def broken_slot() -> None:
        raise ValueError(f"boom in a slot with Bearer {SECRET}")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: dialogs.dialog is not None and dialogs.dialog.isVisible(), timeout=5000)
    dialog = dialogs.dialog
    assert dialog is not None
    assert str(tmp_path / "logs") in dialog.where.text()
    assert "ValueError: boom in a slot" in dialog.details.toPlainText()
    assert SECRET not in dialog.details.toPlainText(), "details are redacted like the log"
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: boom in a slot" in copied and str(tmp_path / "logs") in copied
    text = log_text(tmp_path)
    assert "uncaught exception" in text and "broken_slot" in text and SECRET not in text

    QTimer.singleShot(0, broken_slot)  # a second one joins the open dialog instead of stacking another
    qtbot.waitUntil(lambda: dialog.reports == 2, timeout=5000)
    assert dialogs.dialog is dialog


@pytest.mark.qt_no_exception_capture
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_an_exception_ending_a_thread_reaches_the_dialog_in_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, crash_path: tuple[CrashLog, CrashReports, CrashDialogs]
) -> None:
    _, _, dialogs = crash_path

    def worker() -> None:
        raise OSError("boom in a thread")

    thread = threading.Thread(target=worker, name="a-worker")
    thread.start()
    thread.join(5)
    qtbot.waitUntil(lambda: dialogs.dialog is not None and dialogs.dialog.isVisible(), timeout=5000)
    assert dialogs.dialog is not None and dialogs.dialog.thread() is QGuiApplication.instance().thread()
    assert "OSError: boom in a thread" in dialogs.dialog.details.toPlainText()
    assert "thread a-worker" in log_text(tmp_path)


def test_qt_messages_go_to_the_log(
    qtbot: QtBot, tmp_path: Path, crash_path: tuple[CrashLog, CrashReports, CrashDialogs]
) -> None:
    _, reports, _ = crash_path
    reports.install_qt_message_handler()
    try:
        qWarning("a Qt warning for the log")
    finally:
        reports.uninstall_qt_message_handler()
    assert "WARNING MainThread qt: a Qt warning for the log" in log_text(tmp_path)


def _app(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "profile"), *flags],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("kind", ["slot", "thread"])
def test_the_real_app_logs_an_exception_shows_the_dialog_and_goes_on(tmp_path: Path, kind: str) -> None:
    done = _app(tmp_path, "--demo", "--crash-test", kind)
    assert done.returncode == 0, done.stderr
    assert "crash-test: dialog shown, 1 report(s)" in done.stdout
    assert "Traceback" not in done.stderr, "nothing goes to a stderr nobody sees"
    log = (tmp_path / "profile" / "logs" / "coze-desktop.log").read_text(encoding="utf-8")
    assert f"RuntimeError: crash self-test: an exception in a {'Qt slot' if kind == 'slot' else 'thread'}" in log
    assert "Coze Desktop exiting (clean)" in log, "the app went on and quit normally"


def test_a_hard_crash_leaves_the_stacks_in_the_log_folder(tmp_path: Path) -> None:
    done = _app(tmp_path, "--demo", "--crash-test", "fault")
    assert done.returncode != 0
    crash = (tmp_path / "profile" / "logs" / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash and "Current thread" in crash
