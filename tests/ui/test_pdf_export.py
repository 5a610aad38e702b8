"""PDF export of a chat (#18 item 3): drawn by the chat view's renderer with QPdfWriter; checked with
poppler's tools (tools/setup.sh installs poppler-utils): the pages, the text (Chinese extracts as
itself, no line twice across a page break), the embedded CJK font, highlighted code, pictures from
the cache. From the window (File ▸ Export this chat ▸ PDF) and from the CLI (`export --format pdf`)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.core.images.cache import ImageCache
from desktop.core.pdf_text_map import fix_cmap, ideograph
from desktop.core.store import BotRecord, NewMessage, Store
from desktop.core.store.transfer import walk
from desktop.ui.pdf_export import CachedPictures, PdfChatWriter, print_style
from tests.store.conftest import child_env
from tests.store.test_export_versions import reworked_chat
from tests.ui.window_harness import Harness

PICTURE = "https://example.com/diagram.png"
CODE = "squares = [x * x for x in range(10)]  # 平方"
PARAGRAPHS = 40


def _paragraph(number: int) -> str:
    return f"第 {number} 段：这是一段很长的中文文字，用来测试分页。The quick brown fox jumps over the lazy dog. " * 3


ANSWER = f"""好的！下面是一个**列表推导式**的例子：

```python
{CODE}
print(squares)
```

> 提示：推导式比 for 循环更简洁。

![示意图]({PICTURE})

![没有缓存的图](https://example.com/not-cached.png)

""" + "\n\n".join(_paragraph(n) for n in range(PARAGRAPHS))


def chat(store: Store, title: str = "Python 入门：列表推导式") -> int:
    store.bots.upsert(BotRecord("bot1", "小助手"))
    conversation = store.conversations.create("bot1", title=title)
    store.messages.add(
        conversation.id, NewMessage(role="user", type="question", content="怎么用 Python 写列表推导式？")
    )
    store.messages.add(
        conversation.id,
        NewMessage(role="assistant", type="answer", content=ANSWER, reasoning_content="用户想要一个例子。"),
    )
    return conversation.id


def cached_picture(folder: Path) -> ImageCache:
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a90e2"))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    cache = ImageCache(folder)
    cache.put(PICTURE, bytes(buffer.data().data()), 640, 360)
    return cache


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture
def exported(qtbot: QtBot, tmp_path: Path) -> tuple[Path, int]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        conversation_id = chat(store)
        writer = PdfChatWriter(tmp_path / "chat.pdf", print_style(pictures=CachedPictures(cached_picture(tmp_path))))
        try:
            walk(store, conversation_id, writer)
        finally:
            writer.close()
    return tmp_path / "chat.pdf", writer.pages


def test_the_pdf_has_its_pages_and_the_chat_as_text(exported: tuple[Path, int]) -> None:
    path, pages = exported
    assert pages >= 3
    assert f"Pages:           {pages}" in poppler("pdfinfo", str(path))
    text = poppler("pdftotext", str(path), "-")
    words = " ".join(text.split())
    for expected in ("Python 入门：列表推导式", "怎么用 Python 写列表推导式？", "用户想要一个例子。", CODE, "小助手"):
        assert " ".join(expected.split()) in words
    assert "[image: 没有缓存的图]" in text  # a picture the window never loaded stays a link
    assert "Copy" not in text  # no buttons on paper
    # Every paragraph once: a page break cuts between lines, and no line is drawn on both pages.
    flat = text.replace("\n", " ")
    for number in range(PARAGRAPHS):
        assert flat.count(f"第 {number} 段") == 3, number
    assert flat.count("lazy dog.") == 3 * PARAGRAPHS


def test_the_cjk_font_is_embedded_and_the_picture_included(exported: tuple[Path, int]) -> None:
    path, _pages = exported
    fonts = [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    cjk = [row for row in fonts if "CJK" in row[0]]
    assert cjk and all(row[-5] == "yes" for row in cjk)  # the "emb" column
    images = poppler("pdfimages", "-list", str(path)).splitlines()[2:]
    assert [(row.split()[3], row.split()[4]) for row in images] == [("640", "360")]


def test_code_is_highlighted_as_on_screen(exported: tuple[Path, int], tmp_path: Path) -> None:
    path, _pages = exported
    poppler("pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page"))
    page = QImage(str(tmp_path / "page-1.png"))
    assert not page.isNull()
    green = 0  # Pygments' default style draws Python keywords (for, in) in #008000
    for y in range(0, page.height(), 2):
        for x in range(0, page.width(), 2):
            color = page.pixelColor(x, y)
            green += color.green() > 90 and color.red() < 60 and color.blue() < 60
    assert green > 10


def test_chinese_extracts_as_ideographs_not_as_the_radicals_sharing_their_glyph() -> None:
    assert chr(ideograph(0x2F0A)) == "入"  # a Kangxi radical: its NFKC form
    assert chr(ideograph(0x2EA8)) == chr(0x2EA8) or ideograph(0x2EA8) >= 0x4E00
    assert chr(ideograph(0x2F3E, {0x2F3E: 0x6237})) == "户"  # what the font itself draws wins
    cmap = b"1 beginbfrange\n<0001> <0003> [<0066> <2F0A> <2F08> ]\n<0004> <0005> <2F00>\nendbfrange\n"
    cmap += b"1 beginbfchar\n<2F0A> <2F0A>\nendbfchar\n"
    fixed = fix_cmap(cmap)
    assert len(fixed) == len(cmap)  # in place: no offset of the file moves
    assert b"[<0066> <5165> <4EBA> ]" in fixed and b"<0004> <0005> <2F00>" in fixed
    assert b"<2F0A> <5165>" in fixed  # the glyph id (left) is kept, the character (right) mapped


def test_pdf_export_from_the_window(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation_id = chat(harness.store, "周报 / 第 3 周")
    harness.window.open_conversation(conversation_id)
    cache = cached_picture(tmp_path / "cache")
    harness.window.transfer.picture_cache = lambda: cache
    asked: list[str] = []

    def answer(_parent: object, _title: str, path: str, _filters: str) -> tuple[str, str]:
        asked.append(path)
        return str(Path(path).with_suffix("")), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    with qtbot.waitSignal(harness.history.transfers.finished, timeout=60_000) as finished:
        harness.window.transfer.export_chats(False)
    target = Path(asked[0]).with_suffix(".pdf")
    assert finished.args == [target] and target.name == "周报 _ 第 3 周.pdf"
    assert "周报 / 第 3 周" in poppler("pdftotext", str(target), "-")
    assert len(poppler("pdfimages", "-list", str(target)).splitlines()) == 3  # header lines + the picture
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_pdf_export_from_the_command_line_needs_no_screen(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    with Store.open(profile / "history.sqlite3") as store:
        conversation_id = chat(store)
    env = {k: v for k, v in child_env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    command = [sys.executable, "-m", "desktop.cli", "--profile", str(profile), "export", "--format", "pdf"]
    target = tmp_path / "out.pdf"
    done = subprocess.run(
        [*command, "--conversation-id", str(conversation_id), "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "列表推导式" in poppler("pdftotext", str(target), "-")
    to_terminal = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert to_terminal.returncode == 2 and "-o FILE" in to_terminal.stderr and to_terminal.stdout == ""


def test_earlier_versions_follow_the_answer_under_a_caption(qtbot: QtBot, tmp_path: Path) -> None:
    """#18 gap: a regenerated answer's earlier versions are in the PDF, after the shown one, each under
    "Earlier version N of M" (with the question as asked then, when it was edited since)."""
    with Store.open(tmp_path / "history.sqlite3") as store:
        conversation_id, _answer = reworked_chat(store)
        writer = PdfChatWriter(tmp_path / "versions.pdf", print_style())
        try:
            walk(store, conversation_id, writer)
        finally:
            writer.close()
    text = unicodedata.normalize("NFKC", poppler("pdftotext", str(tmp_path / "versions.pdf"), "-"))  # "ﬁ" → "fi"
    words = " ".join(text.split())
    # Digits of some lines do not extract from Qt's PDF (the answers' time lines lose theirs too), so the
    # captions are found by their words; the page image shows "Earlier version 1 of 3" (docs/rework).
    order = [
        "edited question",
        "the shown answer",
        "Earlier version",
        "asked as: first question",
        "Coze code 5000: boom",
        "Earlier version",
        "第二版回答",
        "a later question",
        "a later answer",
    ]
    found, start = [], 0
    for piece in order:
        start = words.find(piece, start)
        found.append(start)
    assert -1 not in found, dict(zip(order, found, strict=True))
    assert words.count("Earlier version") == 2 and words.count("asked as: first question") == 2
