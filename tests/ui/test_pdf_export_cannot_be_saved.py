"""The window's PDF, drawn by its child process, says why it could not be saved as any export does, in
the UI's language and with what to do next: the child names the OS error (`failed EROFS …`), whose own
words ("Read-only file system") are English whatever the user reads. A read-only folder is a real
read-only tmpfs (root mounts it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.ui import i18n, transfer_actions
from tests.small_disk import needs_root, tmpfs
from tests.ui.test_pdf_export import chat
from tests.ui.window_harness import Harness


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "read-only", "size=1m,ro") as folder:
        yield folder


def export_pdf(qtbot: QtBot, harness: Harness, target: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(transfer_actions, "warn", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), "PDF (*.pdf)"))
    harness.window.open_conversation(chat(harness.store))
    with qtbot.waitSignal(harness.history.transfers.failed, timeout=60_000):
        harness.window.transfer.export_chats(False)
    return said


@needs_root
def test_a_pdf_to_a_read_only_folder_says_so_and_what_to_do(
    qtbot: QtBot, harness: Harness, read_only_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = export_pdf(qtbot, harness, read_only_folder / "chat.pdf", monkeypatch)
    assert said == [f"Could not write the file: {read_only_folder} cannot be written to. Choose another folder."]
    assert list(read_only_folder.iterdir()) == []


@needs_root
def test_the_pdf_s_problem_is_said_in_chinese(
    qtbot: QtBot, harness: Harness, read_only_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        said = export_pdf(qtbot, harness, read_only_folder / "chat.pdf", monkeypatch)
    finally:
        i18n.install_translators(app, "en")
    assert said == [f"无法写入文件：{read_only_folder} 不可写入。请选择别的文件夹。"]  # was "…：Read-only file system"
