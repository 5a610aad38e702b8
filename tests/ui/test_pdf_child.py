"""The window's PDF export runs in a child process (the app's own CLI, `export --format pdf --child`):
its Qt layout never runs on a thread of the window's process, where it once deadlocked with the GUI
thread (the layout holding the interpreter lock inside QTextDocument.size(), the GUI thread deleting a
widget and wanting it). Progress, Cancel and failure come back through the same signals as before."""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.core.pdf_child import (
    PdfLook,
    child_arguments,
    failed_line,
    parse_failed,
    parse_progress,
    parse_temporary,
    progress_line,
    temporary_line,
)
from desktop.core.store import NewMessage
from desktop.services import pdf_child
from desktop.services.transfer import TransferRunner
from desktop.ui import pdf_export, transfer_actions
from tests.ui.test_pdf_export import chat, poppler
from tests.ui.window_harness import Harness


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), "PDF (*.pdf)"))


def test_the_window_s_pdf_is_drawn_by_another_process(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn_here: list[str] = []
    original = pdf_export.PdfChatWriter.__init__

    def spy(self: pdf_export.PdfChatWriter, *args: object, **kwargs: object) -> None:
        drawn_here.append(threading.current_thread().name)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_export.PdfChatWriter, "__init__", spy)
    harness.window.open_conversation(chat(harness.store, "进程外的导出"))
    target = tmp_path / "out.pdf"
    _save_as(monkeypatch, target)
    steps: list[tuple[str, int, int]] = []
    harness.history.transfers.progress.connect(lambda *step: steps.append(step))
    with qtbot.waitSignal(harness.history.transfers.finished, timeout=60_000) as finished:
        harness.window.transfer.export_chats(False)
    assert finished.args == [target]
    assert "进程外的导出" in poppler("pdftotext", str(target), "-")
    assert drawn_here == []  # no PdfChatWriter in this process: no layout beside the GUI thread
    assert steps and steps[-1] == ("export", 2, 2)
    assert not harness.history.transfers.busy


def _export_under_way(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str, name: str
) -> tuple[Path, TransferRunner]:
    """A 300-message chat's PDF export to tmp_path/out/`name`, started from the window and under way (the
    child reported progress): the folder and the window's transfer runner."""
    conversation_id = chat(harness.store, title)
    for number in range(300):
        harness.store.messages.add(conversation_id, NewMessage(role="user", type="question", content=f"问题 {number}"))
    harness.window.open_conversation(conversation_id)
    folder = tmp_path / "out"
    folder.mkdir()
    _save_as(monkeypatch, folder / name)
    runner = harness.history.transfers
    with qtbot.waitSignal(runner.progress, timeout=60_000, check_params_cb=lambda _s, done, _t: done > 0):
        harness.window.transfer.export_chats(False)
    return folder, runner


def test_cancel_stops_the_child_and_leaves_no_file(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, runner = _export_under_way(qtbot, harness, tmp_path, monkeypatch, "很长的对话", "long.pdf")
    with qtbot.waitSignal(runner.cancelled, timeout=30_000):
        runner.cancel()
    assert list(folder.iterdir()) == []  # neither the PDF nor the child's temporary file
    assert not runner.busy


def test_a_killed_child_leaves_no_half_written_file(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(transfer_actions, "warn", lambda _parent, _title, text: said.append(text))
    folder, runner = _export_under_way(qtbot, harness, tmp_path, monkeypatch, "被杀掉的导出", "killed.pdf")
    child = runner.findChild(pdf_child.PdfChild)
    assert child is not None and list(folder.iterdir()) != []  # the child is writing its temporary file
    with qtbot.waitSignal(runner.failed, timeout=30_000):
        os.kill(child.pid, signal.SIGKILL)  # no chance to clean up: as a crash, or the OS ending it
    assert list(folder.iterdir()) == []  # neither a PDF nor the half-written temporary file
    assert said == ["The PDF export stopped unexpectedly. Export again; if it stops again, the log has the details."]
    assert not runner.busy


def test_a_failed_child_is_said_in_one_sentence(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(transfer_actions, "warn", lambda _parent, _title, text: said.append(text))
    harness.window.open_conversation(chat(harness.store))
    _save_as(monkeypatch, tmp_path / "gone" / "chat.pdf")  # its folder went away after the dialog
    with qtbot.waitSignal(harness.history.transfers.failed, timeout=60_000) as failed:
        harness.window.transfer.export_chats(False)
    assert isinstance(failed.args[0], pdf_child.PdfExportFailed)
    folder = tmp_path / "gone"
    assert said == [f"Could not write the file: the folder {folder} does not exist. Choose another folder."]


def test_a_frozen_app_runs_its_own_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdf_child.app_program() == (sys.executable, ["-m", "desktop"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pdf_child.app_program() == (sys.executable, [])


def test_the_child_protocol_round_trips() -> None:
    look = PdfLook(None, Path("/a"), "zh_CN", "Noto Sans,12")
    args = child_arguments(Path("/p"), Path("/t.pdf"), 7, look)
    assert args[:3] == ["--profile", "/p", "export"] and "--no-pictures" in args and "--child" in args
    assert args[args.index("--font") + 1] == "Noto Sans,12" and args[args.index("--conversation-id") + 1] == "7"
    assert parse_progress(progress_line(3, 9)) == (3, 9) and parse_progress("exported to x") is None
    assert parse_failed(failed_line("No space left on device", errno.ENOSPC)) == (
        errno.ENOSPC,
        "No space left on device",
    )
    assert parse_failed(failed_line("conversation 7 not found")) == (None, "conversation 7 not found")
    temporary = Path("/home/me/My PDFs/.t.pdf.x1y2.tmp")
    assert parse_temporary(temporary_line(temporary)) == temporary and parse_temporary("progress 1 2") is None
