"""The context menu of a message row: copying (the selection as text or Markdown, the message, code, a
link, the whole conversation), links and pictures, rating the answer and its versions, and asking again
(Retry, Regenerate, Edit): what the row's buttons do, for the keyboard's Menu key too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.media_actions import ChatMedia, is_file_link
from desktop.ui.chat.rework_intents import busy_hint


def message_menu(
    parent: QWidget,
    item: MessageItem,
    action: RowAction | None,
    selected: Callable[[bool], str],
    act: Callable[[RowAction], None],
    *,
    open_url: Callable[[str], None],
    media: ChatMedia | None,
    busy: bool = False,
) -> QMenu:
    """`selected(markdown)` is the selection's text; `act` does what a click on the action would. While
    an answer streams (`busy`), Regenerate and Edit are there but disabled, their tooltip saying why."""
    menu = QMenu(parent)
    clipboard = QGuiApplication.clipboard()
    plain = selected(False)
    if plain:
        markdown = selected(True)
        menu.addAction(QCoreApplication.translate("ChatView", "Copy"), lambda: clipboard.setText(plain))
        menu.addAction(QCoreApplication.translate("ChatView", "Copy as Markdown"), lambda: clipboard.setText(markdown))
    menu.addAction(QCoreApplication.translate("ChatView", "Copy message"), lambda: act(RowAction(Act.COPY)))
    if action is not None and action.kind is Act.COPY_CODE:
        menu.addAction(QCoreApplication.translate("ChatView", "Copy code"), lambda: act(action))
    if action is not None and action.is_web_link:
        url = action.url
        menu.addAction(QCoreApplication.translate("ChatView", "Open link"), lambda: open_url(url))
        menu.addAction(QCoreApplication.translate("ChatView", "Copy link address"), lambda: clipboard.setText(url))
        if media is not None and is_file_link(url):  # downloaded by the app: no browser needed
            menu.addAction(QCoreApplication.translate("ChatView", "Save file as…"), lambda: media.save_file(url))
    if media is not None and action is not None and action.kind is Act.LINK:
        media.add_actions(menu, action.url)
    menu.addSeparator()
    if item.feedback is not None:  # the answer's Like and Dislike, checked as rated (again: taken back)
        like = menu.addAction(QCoreApplication.translate("ChatView", "Like"), lambda: act(RowAction(Act.LIKE)))
        dislike = menu.addAction(QCoreApplication.translate("ChatView", "Dislike"), lambda: act(RowAction(Act.DISLIKE)))
        for rate, rating in ((like, "like"), (dislike, "unlike")):
            rate.setCheckable(True)
            rate.setChecked(item.feedback == rating)
    if item.versions > 1:
        translate = QCoreApplication.translate
        earlier = menu.addAction(translate("ChatView", "Previous version"), lambda: act(RowAction(Act.VERSION_PREV)))
        later = menu.addAction(translate("ChatView", "Next version"), lambda: act(RowAction(Act.VERSION_NEXT)))
        earlier.setEnabled(item.version > 1)
        later.setEnabled(item.version < item.versions)
    if item.unfinished and not item.is_user:
        menu.addAction(QCoreApplication.translate("ChatView", "Retry"), lambda: act(RowAction(Act.RETRY)))
    if item.can_rework:
        kind = Act.EDIT if item.is_user else Act.REGENERATE
        if item.is_user:
            label = QCoreApplication.translate("ChatView", "Edit question…")
        else:
            label = QCoreApplication.translate("ChatView", "Regenerate")
        rework = menu.addAction(label, lambda: act(RowAction(kind)))
        if busy:
            rework.setEnabled(False)
            rework.setToolTip(busy_hint(item))
            menu.setToolTipsVisible(True)
    return menu
