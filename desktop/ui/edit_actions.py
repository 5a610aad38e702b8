"""Edit ▸ Undo, Redo, Cut, Copy, Copy as Markdown, Paste and Select all, acting on the widget that has the
focus: a text field (the message box, an inline rename, the search box, a dialog's field) does what its own
keys do, undoing and redoing its own typing; the chat copies or selects its messages (text or Markdown).
Opening the menu greys out what the focused widget cannot do right now (nothing to undo: Undo is grey).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from desktop.ui.chat.list_view import MessageListView

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit
EDIT_COMMANDS = ("undo", "redo", "cut", "copy", "copy_markdown", "paste", "select_all")


def focused_target() -> TextWidget | MessageListView | None:
    """The focused text widget, or the chat's message list if the focus is in it (or in its viewport)."""
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None:
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | MessageListView):
            return widget
        widget = widget.parentWidget() if not widget.isWindow() else None
    return None


def _has_selection(target: TextWidget | MessageListView | None) -> bool:
    if isinstance(target, QLineEdit):
        return target.hasSelectedText() and target.echoMode() == QLineEdit.EchoMode.Normal
    if isinstance(target, QPlainTextEdit | QTextEdit):
        return target.textCursor().hasSelection()
    if isinstance(target, MessageListView):
        span = target.rows.span
        return span is not None and not span.empty
    return False


def _can_cut(target: TextWidget | MessageListView | None) -> bool:
    return (
        isinstance(target, QLineEdit | QPlainTextEdit | QTextEdit)
        and not target.isReadOnly()
        and _has_selection(target)
    )


def _can_undo(target: TextWidget | MessageListView | None, redo: bool = False) -> bool:
    """The focused field has typing to undo (or, with `redo`, an undo to redo) and may be changed."""
    if isinstance(target, QLineEdit):
        return not target.isReadOnly() and (target.isRedoAvailable() if redo else target.isUndoAvailable())
    if isinstance(target, QPlainTextEdit | QTextEdit):
        document = target.document()
        available = document.isRedoAvailable() if redo else document.isUndoAvailable()
        return not target.isReadOnly() and target.isUndoRedoEnabled() and available
    return False


def _can_paste(target: TextWidget | MessageListView | None) -> bool:
    if isinstance(target, QLineEdit):
        return not target.isReadOnly() and bool(QGuiApplication.clipboard().text())
    if isinstance(target, QPlainTextEdit | QTextEdit):
        mime = QGuiApplication.clipboard().mimeData()
        return not target.isReadOnly() and mime is not None and target.canPaste()
    return False


class EditActions:
    """Runs the Edit menu's text commands on the focused widget; `update` greys out what cannot run."""

    def undo(self) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView) or target is None or not _can_undo(target):
            return False
        target.undo()
        return True

    def redo(self) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView) or target is None or not _can_undo(target, redo=True):
            return False
        target.redo()
        return True

    def cut(self) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView) or target is None or not _can_cut(target):
            return False
        target.cut()
        return True

    def copy(self, markdown: bool = False) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView):
            return target.selecting.copy(markdown=markdown)
        if target is not None and _has_selection(target):
            target.copy()
            return True
        return False

    def paste(self) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView) or target is None or not _can_paste(target):
            return False
        target.paste()  # the message box takes pictures and files too (its insertFromMimeData)
        return True

    def select_all(self) -> bool:
        target = focused_target()
        if isinstance(target, MessageListView):
            target.selecting.select_all()
        elif target is not None:
            target.selectAll()
        return target is not None

    def update(self, actions: dict[str, QAction]) -> None:
        """Before the Edit menu shows: enable what the focused widget can do."""
        target = focused_target()
        actions["undo"].setEnabled(_can_undo(target))
        actions["redo"].setEnabled(_can_undo(target, redo=True))
        actions["cut"].setEnabled(_can_cut(target))
        actions["copy"].setEnabled(_has_selection(target))
        actions["copy_markdown"].setEnabled(isinstance(target, MessageListView) and _has_selection(target))
        actions["paste"].setEnabled(_can_paste(target))
        actions["select_all"].setEnabled(target is not None)

    @staticmethod
    def enable_all(actions: dict[str, QAction]) -> None:
        """After the menu closed: the keys work again whatever the menu showed (each does nothing if it can't)."""
        for name in EDIT_COMMANDS:
            actions[name].setEnabled(True)
