"""File ▸ Export / Import from the window (#13 item 7, #18 item 3): the work runs on a worker thread
with a progress dialog and Cancel; a cancel leaves the target file and the store as they were; the
default file name is the chat's title; the dialog's title says "this chat" for one chat."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.store import NewMessage, Store
from desktop.services import history as history_module
from desktop.ui import transfer_actions
from desktop.ui.transfer_actions import export_target
from desktop.ui.transfer_progress import SHOW_AFTER_MS
from tests.coze_fixtures import BOT
from tests.small_disk import SmallDisk, needs_root
from tests.store.conftest import sql
from tests.ui.window_harness import Harness

JSON_FILTER = "JSON, for import (*.json)"


def big_conversation(store: Store, count: int, title: str = "big chat") -> int:
    conversation = store.conversations.create(BOT, title=title)
    store.messages.add_many(
        conversation.id,
        [
            NewMessage(
                role="user" if n % 2 == 0 else "assistant",
                type="question" if n % 2 == 0 else "answer",
                content=f"message {n}: 你好，世界 " * 8,
            )
            for n in range(count)
        ],
    )
    return conversation.id


def open_chat(harness: Harness, count: int, title: str = "big chat") -> int:
    conversation_id = big_conversation(harness.store, count, title)
    harness.window.open_conversation(conversation_id)
    return conversation_id


def save_as(
    monkeypatch: pytest.MonkeyPatch, target: Path | None, chosen: str = "Markdown (*.md)"
) -> list[tuple[Any, ...]]:
    """Answer the save dialog with `target` (None: the user cancels it); returns the arguments every
    dialog was opened with."""
    asked: list[tuple[Any, ...]] = []

    def answer(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return ("", "") if target is None else (str(target), chosen)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def counts(store: Store) -> tuple[int, int]:
    with sql(store) as conn:
        return (
            conn.execute("SELECT count(*) FROM conversations").fetchone()[0],
            conn.execute("SELECT count(*) FROM messages").fetchone()[0],
        )


class Gate:
    """Holds a job on its worker thread at its first step of `stage` until the test opens the gate:
    the job itself is the real one (see `wrap`)."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.reached = threading.Event()
        self.opened = threading.Event()

    def wrap(self, make_job: Callable[..., Any]) -> Callable[..., Any]:
        def factory(*args: Any, **kwargs: Any) -> Any:
            job = make_job(*args, **kwargs)

            def run(report: Callable[[str, int, int], None]) -> Any:
                def gated(stage: str, done: int, total: int) -> None:
                    if stage == self.stage and done >= 1 and not self.opened.is_set():
                        self.reached.set()
                        self.opened.wait(10)
                    report(stage, done, total)

                return job(gated)

            return run

        return factory


def click_cancel(harness: Harness) -> None:
    dialog = harness.window.transfer.progress_dialog
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()


def test_export_target_follows_the_chosen_name_or_filter() -> None:
    assert export_target("/tmp/a.md", "Markdown (*.md)") == (Path("/tmp/a.md"), "md")
    assert export_target("/tmp/a.json", "Markdown (*.md)") == (Path("/tmp/a.json"), "json")
    assert export_target("/tmp/a.md", JSON_FILTER) == (Path("/tmp/a.json"), "json")
    assert export_target("/tmp/v1.2 notes", "Markdown (*.md)") == (Path("/tmp/v1.2 notes.md"), "md")
    assert export_target("/tmp/v1.2 notes", JSON_FILTER) == (Path("/tmp/v1.2 notes.json"), "json")
    assert export_target("/tmp/chat", "PDF (*.pdf)") == (Path("/tmp/chat.pdf"), "pdf")
    assert export_target("/tmp/chat.md", "PDF (*.pdf)") == (Path("/tmp/chat.pdf"), "pdf")
    assert export_target("/tmp/chat.PDF", "Markdown (*.md)") == (Path("/tmp/chat.PDF"), "pdf")


def test_export_all_then_import_into_another_profile(
    qtbot: QtBot, harness: Harness, tmp_path: Path, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation_id = big_conversation(harness.store, 3, "to move")
    target = tmp_path / "chats.json"
    save_as(monkeypatch, target, JSON_FILTER)
    with qtbot.waitSignal(harness.history.transfers.finished, timeout=20_000):
        harness.window.transfer.export_chats(True)
    assert target.is_file()
    assert str(target) in harness.window.statusBar().currentMessage()
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *_a: told.append(text))
    with Store.open(tmp_path / "other.sqlite3") as other_store:
        other = Harness(other_store, server)
        qtbot.addWidget(other.window)
        with qtbot.waitSignal(other.history.conversationsChanged, timeout=20_000):
            other.window.transfer.import_chats()
        assert told == ["Import done. New chats: 1; new messages: 3; already here: 0."]
        (imported,) = other_store.conversations.page(limit=10, offset=0)
        assert imported.title == "to move" and other_store.messages.count(imported.id) == 3
        qtbot.waitUntil(lambda: other.window.model.rowCount() == 1)  # the list shows it
        other.close()
    assert harness.store.messages.count(conversation_id) == 3


def test_export_this_chat_without_one_open_says_so(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *_a: told.append(text))
    harness.window.transfer.export_chats(False)
    assert told == ["Open a chat first."]


def test_a_big_export_runs_on_a_worker_and_the_window_hears_its_progress(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_chat(harness, 5000)
    target = tmp_path / "big.md"
    save_as(monkeypatch, target)
    heard: list[tuple[str, int, int]] = []
    runner = harness.history.transfers
    runner.progress.connect(lambda *args: heard.append(args))
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        harness.window.transfer.export_chats(False)
        assert runner.busy and not target.exists()  # the slot returned at once: the work is elsewhere
        assert harness.window.transfer.progress_dialog is not None
    # In arrival order, not call order: the window-modal progress dialog's setValue runs the event loop
    # (QProgressDialog does for modal dialogs), so a later report and the end can be heard inside an
    # earlier report's slot, and the lambda, connected after the dialog, records that earlier one last.
    assert heard[0] == ("export", 0, 5000) and ("export", 5000, 5000) in heard
    assert max(done for _, done, _ in heard) == 5000
    text = target.read_text(encoding="utf-8")
    assert text.count("**You**") == 2500 and "message 4999" in text
    assert harness.window.transfer.progress_dialog is None
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600  # exports are private, like the CLI's


def test_the_progress_dialog_says_how_far_in_words(qtbot: QtBot, harness: Harness) -> None:
    dialog = transfer_actions.TransferProgress("Export this chat", harness.window)
    dialog.report("export", 1200, 5000)
    assert dialog.labelText() == "Writing message 1,200 of 5,000…" and dialog.value() == 240
    dialog.report("read", 5, 10)
    assert dialog.labelText() == "Reading the file… 50%"
    dialog.report("import", 3, 4)
    assert dialog.labelText() == "Importing chat 3 of 4…" and dialog.value() == 750
    dialog.finish()


def test_cancel_leaves_the_old_file_and_no_half_file(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_chat(harness, 200)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "big chat.md"
    target.write_text("the export of last week", encoding="utf-8")
    save_as(monkeypatch, target)
    gate = Gate("export")
    monkeypatch.setattr(history_module, "export_job", gate.wrap(history_module.export_job))
    harness.window.transfer.export_chats(False)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    with qtbot.waitSignal(harness.history.transfers.cancelled, timeout=20_000):
        click_cancel(harness)
        gate.opened.set()
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert os.listdir(folder) == ["big chat.md"]  # no temporary file left
    assert harness.window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert not harness.history.transfers.busy


def test_cancel_of_an_import_leaves_the_history_as_it_was(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "to-import.json"
    with Store.open(tmp_path / "other.sqlite3") as other:
        for number in range(4):
            big_conversation(other, 20, f"imported {number}")
        from desktop.core.store.transfer import write_json

        with source.open("w", encoding="utf-8") as out:
            write_json(other, out)
    before = counts(harness.store)
    gate = Gate("import")  # held after the first conversation was merged inside the transaction
    monkeypatch.setattr(history_module, "import_job", gate.wrap(history_module.import_job))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    harness.window.transfer.import_chats()
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    with qtbot.waitSignal(harness.history.transfers.cancelled, timeout=20_000):
        click_cancel(harness)
        gate.opened.set()
    assert counts(harness.store) == before
    assert harness.window.statusBar().currentMessage() == "Import cancelled; nothing was imported."


def test_the_default_name_is_the_chat_title_and_the_dialog_says_this_chat(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_chat(harness, 2, 'Q3 计划: "草稿" / v2.')
    asked = save_as(monkeypatch, None)
    harness.window.transfer.export_chats(False)
    harness.window.transfer.export_chats(True)
    (_parent, one_title, one_path, filters), (_p, all_title, all_path, _f) = asked
    assert one_title == "Export this chat" and all_title == "Export all chats"
    assert Path(one_path).name == "Q3 计划_ _草稿_ _ v2.md"
    assert Path(all_path).name.startswith("Coze chats 20") and Path(all_path).suffix == ".md"
    assert "*.json" in filters
    assert not harness.history.transfers.busy  # nothing started


def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_chat(harness, 2)
    save_as(monkeypatch, tmp_path / "no such folder" / "chat.md")
    warned: list[str] = []
    monkeypatch.setattr(transfer_actions, "warn", lambda _parent, _title, text: warned.append(text))
    with qtbot.waitSignal(harness.history.transfers.failed, timeout=20_000):
        harness.window.transfer.export_chats(False)
    folder = tmp_path / "no such folder"
    assert warned == [f"Could not write the file: the folder {folder} does not exist. Choose another folder."]


@needs_root
def test_an_export_to_a_full_disk_says_so_and_what_to_do(
    qtbot: QtBot, harness: Harness, disk: SmallDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: exporting to a full disk said "Could not write the file: No space left on device", the OS's
    English even in the Chinese UI, and nothing about what to do."""
    open_chat(harness, 200)
    save_as(monkeypatch, disk.mount / "chat.md")
    warned: list[str] = []
    monkeypatch.setattr(transfer_actions, "warn", lambda _parent, _title, text: warned.append(text))
    disk.fill()
    with qtbot.waitSignal(harness.history.transfers.failed, timeout=20_000):
        harness.window.transfer.export_chats(False)
    assert warned == [
        "Could not write the file: the disk is full. Free some space, or choose a folder on another disk."
    ]
    assert sorted(p.name for p in disk.mount.iterdir()) == ["filler"]  # no half file left


def test_quitting_during_an_export_cancels_it_and_waits_for_the_thread(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_chat(harness, 50)
    target = tmp_path / "chat.md"
    save_as(monkeypatch, target)
    gate = Gate("export")
    monkeypatch.setattr(history_module, "export_job", gate.wrap(history_module.export_job))
    heard: list[str] = []
    harness.history.transfers.cancelled.connect(lambda: heard.append("cancelled"))
    harness.window.transfer.export_chats(False)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    threading.Timer(0.2, gate.opened.set).start()  # the job goes on while the app waits for it
    assert harness.history.shutdown(5000)
    assert not harness.history.transfers.busy and not target.exists() and os.listdir(tmp_path) != []
    qtbot.wait(50)
    assert heard == []  # the app is quitting: no dialog or note after the end


def test_after_a_quit_during_an_export_its_dialog_never_comes_up(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quit cancels the export without a word, so nothing ends the dialog; its show timer used to
    # bring it up a moment later, window-modal over whatever the window showed next.
    open_chat(harness, 50)
    save_as(monkeypatch, tmp_path / "chat.md")
    gate = Gate("export")
    monkeypatch.setattr(history_module, "export_job", gate.wrap(history_module.export_job))
    harness.window.transfer.export_chats(False)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    gate.opened.set()
    assert harness.history.shutdown(5000)
    harness.window.detach()  # as the app does once its services stopped
    assert harness.window.transfer.progress_dialog is None
    qtbot.wait(SHOW_AFTER_MS + 200)
    assert QApplication.activeModalWidget() is None
    assert not any(d.isVisible() for d in harness.window.findChildren(transfer_actions.TransferProgress))


def test_importing_a_damaged_file_says_what_it_is_and_what_to_choose(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: a cut-short export imported in the Chinese UI said "没有导入任何内容：not valid JSON: Expecting
    value at line 1 column 53" — the parser's English, and nothing about which file would do."""
    source = tmp_path / "cut short.json"
    source.write_text('{"format": "coze-desktop-export", "conversations": [', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    shown: list[tuple[str, str]] = []

    def shown_box(box: QMessageBox) -> int:
        shown.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_box)
    with qtbot.waitSignal(harness.history.transfers.failed, timeout=20_000):
        harness.window.transfer.import_chats()
    qtbot.waitUntil(lambda: bool(shown))
    text, details = shown[0]
    assert text == (
        "Nothing was imported: the file is not a JSON export of Coze Desktop, or it is damaged. "
        "Choose a file made with File ▸ Export all chats… (JSON)."
    )
    assert details.startswith("not valid JSON")  # the parser's words, for whoever wants them
