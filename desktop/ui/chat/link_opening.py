"""Opening a link in an answer, and saying so when nothing on this computer could.

`QDesktopServices.openUrl` returns False when no web browser or file opener is set up (a bare Linux
desktop, a kiosk): the click used to do nothing and say nothing. Now a note floats over the messages
saying that, with buttons to copy the link or, for a file, to save it through the app's own download
(off the GUI thread, see `ChatMedia.save_file`). The same note shows a download's news ("Downloading
report.pdf…", "Saved report.pdf", or why it failed)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.ui.chat.media_actions import ChatMedia, file_name, is_file_link
from desktop.ui.toast import Toast, Words

log = logging.getLogger(__name__)

NEWS_MS = 6000
CANNOT_OPEN_MS = 20_000  # long enough to read it and press a button


class LinkOpening(QObject):
    def __init__(
        self, view: QWidget, open_url: Callable[[QUrl], object], media: Callable[[], ChatMedia | None]
    ) -> None:
        super().__init__(view)
        self.toast = Toast(view)
        self.toast.text.setWordWrap(True)  # a sentence and two buttons: more than one line in a narrow window
        self._open_url = open_url
        self._media = media

    def open(self, href: str) -> None:
        """Open an http(s) link with the system's browser; anything else is never opened."""
        url = QUrl(href)
        if not (url.isValid() and url.scheme().lower() in ("http", "https") and url.host()):
            log.debug("not opening a link with scheme %r", url.scheme())
            return
        if self._open_url(url) is False:  # openUrl's answer (a test's recorder returns None)
            log.info("the system could not open a link")
            self.cannot_open(href)

    def cannot_open(self, href: str) -> None:
        media = self._media()
        name = file_name(href)
        actions: list[tuple[Words, Callable[[], None]]] = [
            (lambda: self.tr("Copy link"), lambda: QGuiApplication.clipboard().setText(href))
        ]
        if media is not None and is_file_link(href):
            actions.append((lambda: self.tr("Save file as…"), lambda: media.save_file(href)))
            words = lambda: self.tr(  # noqa: E731 (said again after a language switch)
                "Nothing on this computer could open {name}: no web browser or file opener is set up. "
                "Copy the link, or save the file and open it from its folder."
            ).format(name=name)
        else:
            words = lambda: self.tr(  # noqa: E731
                "Nothing on this computer could open this link: no web browser is set up. Copy the link and "
                "open it in a browser on another device."
            )
        self.toast.show_message(words, actions, CANNOT_OPEN_MS)

    def news(self, text: str) -> None:
        """A download's progress or outcome, in a sentence."""
        self.toast.show_message(text, [], NEWS_MS)
