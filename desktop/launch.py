"""How the window's process starts and ends, around the composition root (desktop/app.py): a display,
the logs and the crash log, one instance per profile, the history opened (or one clear sentence why
not), the event loop, and a quit that never waits on a stuck thread."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.app import DesktopApp
from desktop.commands.speech import say
from desktop.core.crash_log import CrashLog
from desktop.core.logs import RedactingFilter, setup_logging
from desktop.core.profile import Profile
from desktop.core.runtime_dir import read_only_logs_dir
from desktop.core.settings import Settings
from desktop.core.store import NewerDatabaseError, Store, StoreError
from desktop.core.store.db import disk_is_full
from desktop.core.store.models import DiskFullError
from desktop.services.crash_reports import CrashReports
from desktop.services.os_signals import QuitOnSignals
from desktop.services.single_instance import SingleInstance
from desktop.ui.crash_dialog import CrashDialogs, run_crash_self_test
from desktop.ui.i18n import install_translators
from desktop.ui.plain_text import message_box
from desktop.ui.qt_app import NO_DISPLAY, has_display, qt_application, smoke_check
from desktop.ui.read_only_notice import read_only_box
from desktop.ui.startup_errors import newer_history_box
from desktop.ui.warm_up import after_start

log = logging.getLogger(__name__)


# What a second start on the profile says, in the profile's language (cli.main chose it; Chinese in zh_CN.json).
_NOT_SENT = (
    "coze-desktop: already running with this profile, and its window did not take the text: it was NOT sent (the"
    " history may be read-only, no bot chosen, or that window an older version); send it from the window."
)
_SENT_THERE = (
    "coze-desktop: already running with this profile; brought its window to the front; the text was sent there in a"
    " new chat."
)
_NOT_SENT_HERE = (
    "coze-desktop: the text was NOT sent (the history is read-only, or no bot is chosen); send it from the window."
)
_TO_THE_FRONT = "coze-desktop: already running with this profile; brought its window to the front."


def run_gui(args: argparse.Namespace) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    profile = Profile(args.profile) if args.profile else Profile.default()
    logs_dir = profile.logs_dir
    if profile.is_writable():
        profile.ensure()
    else:  # a read-only profile: the history opens read-only, the logs go to this user's runtime folder
        logs_dir = read_only_logs_dir()
    redactor = setup_logging(logs_dir)
    crash_log = CrashLog(logs_dir).install()
    try:
        return _run_window(args, profile, redactor, crash_log)
    finally:
        crash_log.uninstall()


def _run_window(args: argparse.Namespace, profile: Profile, redactor: RedactingFilter, crash_log: CrashLog) -> int:
    log.info("Coze Desktop %s starting (profile %s)", __version__, profile.path)
    qapp = qt_application()
    crash_reports = CrashReports(crash_log, qapp)
    crash_reports.install_qt_message_handler()
    crash_dialogs = CrashDialogs(crash_reports, crash_log.log_dir, qapp)
    try:
        return _run_instance(args, qapp, profile, redactor, crash_dialogs)
    finally:
        crash_reports.uninstall_qt_message_handler()


def _run_instance(
    args: argparse.Namespace,
    qapp: QApplication,
    profile: Profile,
    redactor: RedactingFilter,
    crash_dialogs: CrashDialogs,
) -> int:
    instance = SingleInstance(profile.path)
    sends = [text for text in args.send or () if text.strip()]  # `--send ""` is nothing to send, as an empty box
    if not instance.claim(sends):
        if not instance.handed_over:
            print(say(_NOT_SENT), file=sys.stderr)
            return 1
        print(say(_SENT_THERE if sends else _TO_THE_FRONT), file=sys.stderr)
        return 0
    try:
        try:
            store = Store.open(profile.database_path)
        except DiskFullError as exc:  # nothing can be written: the history opens read-only, and says why
            log.error("%s", exc)
            store = Store.open(profile.database_path, read_only=True)
    except NewerDatabaseError as exc:
        log.error("not starting: %s", exc)
        install_translators(qapp, Settings.load(profile.settings_path).language)
        newer_history_box(exc, profile.database_path).exec()
        instance.release()
        return 1
    except StoreError as exc:
        message_box(None, QMessageBox.Icon.Critical, "Coze Desktop", f"The chat history cannot be opened: {exc}").exec()
        return 1
    app = DesktopApp(qapp, profile, store, redactor)
    crash_dialogs.set_window(app.window)
    instance.activationRequested.connect(app.bring_to_front)
    instance.set_receiver(app.send_handed_over)
    app.start(demo=bool(args.demo))
    QTimer.singleShot(100, lambda: after_start(app.tasks))  # the window is painted: settle the heap, warm up (#21)
    if store.read_only:
        log.warning("the profile %s cannot be written: the history is open read-only", profile.path)
        app.window.chat.composer.setEnabled(False)
        notice = read_only_box(app.window, profile.path, crash_dialogs.log_dir, disk_is_full(profile.database_path))
        QTimer.singleShot(0, notice.open)
    if sends and not app.send_handed_over(sends):  # each in a chat of its own, not through the box:
        print(say(_NOT_SENT_HERE), file=sys.stderr)  # the new chat's saved draft stays as it is, unsent
    if args.smoke:
        QTimer.singleShot(300, lambda: QApplication.exit(smoke_check(app.window, store.read_only)))
    if getattr(args, "crash_test", None):
        run_crash_self_test(args.crash_test, crash_dialogs)
    quit_on_signals = QuitOnSignals(app.window.close)
    code = qapp.exec()
    quit_on_signals.close()
    clean = app.shutdown()
    instance.release()
    log.info("Coze Desktop exiting (%s)", "clean" if clean else "threads still running")
    if not clean:  # a thread stuck in DNS/connect cannot be interrupted; the history is closed: leave, not a Qt abort
        logging.shutdown()
        sys.stdout.flush()
        os._exit(code)
    return int(code)
