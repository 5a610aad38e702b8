"""What the chat view does with pictures and files in answers: the preview, the picture's context
menu (copy, save as, open in browser), and a file card's Save as / Open (downloaded off the GUI
thread; opening a program or a script a bot sent asks first)."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.core import media
from desktop.core.coze.assets import fetch_bounded
from desktop.core.coze.display import OPEN, SAVE
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.images import FAILED, InlineImages
from desktop.ui.chat.images import OPEN as IMAGE_OPEN
from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.question_files import opened
from desktop.ui.chat.thumbnails import Thumbnails

if TYPE_CHECKING:
    from desktop.ui.image_preview import ImagePreview  # imported when first shown (#21)

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 512 * 1024 * 1024
FILE_DEADLINE = 600.0
RISKY_EXTENSIONS = frozenset(
    [
        "exe",
        "msi",
        "bat",
        "cmd",
        "com",
        "scr",
        "ps1",
        "vbs",
        "vbe",
        "js",
        "jse",
        "wsf",
        "wsh",
        "hta",
        "jar",
        "sh",
        "bash",
        "zsh",
        "run",
        "bin",
        "appimage",
        "deb",
        "rpm",
        "apk",
        "dmg",
        "pkg",
        "app",
        "command",
        "py",
        "pl",
        "rb",
        "php",
        "desktop",
        "lnk",
        "reg",
    ]
)


def file_name(url: str) -> str:
    tail = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    return tail or "download"


WEB_PAGE_EXTENSIONS = frozenset(["", "htm", "html", "xhtml", "php", "asp", "aspx", "jsp", "cgi"])


def is_file_link(url: str) -> bool:
    """A link to a file (report.pdf, sunset.png) rather than to a page: its last path segment has an extension."""
    tail = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return "." in tail and media.extension(unquote(tail)) not in WEB_PAGE_EXTENSIONS


def is_risky(name: str, head: bytes) -> bool:
    """A program or a script: by its extension, or by its first bytes (MZ, ELF, #!)."""
    kind = media.sniff(head[: media.SNIFF_BYTES])
    return media.extension(name) in RISKY_EXTENSIONS or kind.name in ("exe", "elf") or head.startswith(b"#!")


def repaint_pictures(media: ChatMedia, model: ChatModel, delegate: MessageDelegate, rows: MessageListView) -> None:
    """Keep the rows that show a picture up to date: an answer's picture arrived or failed (its row is laid
    out again: the picture's size is known now), a question's thumbnail arrived (a repaint: its tile's
    size never changes)."""

    def picture_changed(url: str) -> None:
        for item in model.items():
            if url in item.content or url in delegate.whole_text(item):
                delegate.forget(item.id)
                rows.refresh(item.id)

    def thumbnail_changed(sha256: str) -> None:
        for item in model.items():
            if item.is_user and sha256 in item.content:
                rows.repaint_row(item.id)

    media.images.changed.connect(picture_changed)
    if media.thumbnails is not None:
        media.thumbnails.changed.connect(thumbnail_changed)


class ChatMedia(QObject):
    """Signals `message(str)` with a sentence for the user (a download finished or failed)."""

    message = Signal(str)

    def __init__(
        self,
        images: InlineImages,
        runner: TaskRunner,
        parent: QWidget,
        *,
        open_url: Callable[[QUrl], object] | None = None,
        choose_path: Callable[[str], str] | None = None,
        confirm: Callable[[str], bool] | None = None,
        thumbnails: Thumbnails | None = None,
    ) -> None:
        super().__init__(parent)
        self.images = images
        self.thumbnails = thumbnails  # the pictures of questions, from their local copies
        self._runner = runner
        self._parent = parent
        self.open_url = open_url if open_url is not None else QDesktopServices.openUrl
        self.choose_path = choose_path or self._ask_path
        self.confirm = confirm or self._ask_confirm
        self.preview: ImagePreview | None = None
        self.save_folder = downloads_folder()  # where Save as opens
        self.downloads: dict[str, str] = {}  # url -> "downloading" / "saved:<path>" / "opened:<path>" / "failed"

    # -- clicks -------------------------------------------------------------------------------------

    def activate(self, href: str) -> bool:
        picture = opened(href)
        if picture is not None:
            if self.thumbnails is not None:
                self.thumbnails.open(*picture, self._parent)
        elif href.startswith(IMAGE_OPEN):
            self.show_preview(href[len(IMAGE_OPEN) :])
        elif href.startswith(SAVE):
            self.save_file(href[len(SAVE) :])
        elif href.startswith(OPEN):
            self.open_file(href[len(OPEN) :])
        else:
            return False
        return True

    def show_preview(self, url: str) -> None:
        image = self.images.image(url)
        if image is None:
            if self.images.status(url) == FAILED:
                self.images.retry(url)
            return
        from desktop.ui.image_preview import ImagePreview

        self.preview = ImagePreview(image, file_name(url), self._parent)
        self.preview.setModal(True)
        self.preview.show()

    def add_actions(self, menu: QMenu, href: str) -> None:
        if not href.startswith(IMAGE_OPEN):
            return
        url = href[len(IMAGE_OPEN) :]
        image = self.images.image(url)
        if image is not None:
            menu.addAction(self.tr("Copy picture"), lambda: QGuiApplication.clipboard().setImage(image))
            menu.addAction(self.tr("Save picture as…"), lambda: self.save_file(url))
        menu.addAction(self.tr("Open picture in browser"), lambda: self.open_url(QUrl(url)))

    # -- files --------------------------------------------------------------------------------------

    def save_file(self, url: str) -> None:
        path = self.choose_path(file_name(url))
        if path:
            self._download(url, lambda data: self._write(url, Path(path), data, open_after=False))

    def open_file(self, url: str) -> None:
        def opened(data: bytes) -> None:
            name = file_name(url)
            if is_risky(name, data[:4096]) and not self.confirm(name):
                self.downloads[url] = "declined"
                return
            folder = Path(tempfile.mkdtemp(prefix="coze-desktop-"))
            self._write(url, folder / name, data, open_after=True)

        self._download(url, opened)

    def _download(self, url: str, then: Callable[[bytes], None]) -> None:
        self.downloads[url] = "downloading"
        self.message.emit(self.tr("Downloading {name}…").format(name=file_name(url)))
        self._runner.submit(
            lambda: fetch_bounded(url, max_bytes=MAX_FILE_BYTES, deadline=FILE_DEADLINE, what="file"),
            then,
            lambda exc: self._failed(url, exc),
        )

    def _write(self, url: str, path: Path, data: bytes, *, open_after: bool) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            self._failed(url, exc)
            return
        self.downloads[url] = ("opened:" if open_after else "saved:") + str(path)
        self.message.emit(self.tr("Saved {name}").format(name=path.name))
        if open_after and self.open_url(QUrl.fromLocalFile(str(path))) is False:  # no opener for this type
            self.message.emit(
                self.tr(
                    "{name} is saved in {folder}, but nothing on this computer opens it. Open it from there."
                ).format(name=path.name, folder=str(path.parent))
            )

    def _failed(self, url: str, exc: Exception) -> None:
        log.info("download failed: %s", exc)
        self.downloads[url] = "failed"
        self.message.emit(
            self.tr("{name} could not be downloaded. Check the connection and try again.").format(name=file_name(url))
        )

    def _ask_path(self, name: str) -> str:
        """Where to save `name`: the dialog opens in Downloads, then where the last file went (a bare name opened
        it in the app's working directory: a terminal's, a source checkout)."""
        path, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Save as"), str(self.save_folder / name))
        if path:
            self.save_folder = Path(path).parent
        return path

    def _ask_confirm(self, name: str) -> bool:
        answer = QMessageBox.warning(
            self._parent,
            self.tr("Open a program?"),
            self.tr("{name} is a program or a script that a bot sent. Open it only if you trust it.").format(name=name),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open


def downloads_folder() -> Path:
    """The user's Downloads folder, or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
