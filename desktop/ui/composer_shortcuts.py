"""The message box's side of a bot's shortcut commands: the "/" menu follows the text, a picked command
with inputs asks for them in a small form, and the composer then emits shortcutRequested(question, use)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from desktop.core.attachments.copies import LocalCopies
from desktop.core.coze.shortcuts import ShortcutCommand
from desktop.ui.shortcut_menu import ShortcutMenu

if TYPE_CHECKING:
    from desktop.ui.shortcut_form import ShortcutForm  # imported when first shown (#21)


class Composer(Protocol):
    """What of the message box this uses (desktop.ui.composer.Composer)."""

    shortcutRequested: SignalInstance

    @property
    def edit(self) -> QPlainTextEdit: ...
    @property
    def busy(self) -> bool: ...
    @property
    def uploading(self) -> bool: ...
    @property
    def copies(self) -> LocalCopies | None: ...
    def text(self) -> str: ...
    def focus(self) -> None: ...
    def window(self) -> QWidget: ...


class ShortcutCommands(QObject):
    def __init__(self, composer: Composer) -> None:
        super().__init__(composer.edit)
        self._composer = composer
        self.menu = ShortcutMenu(composer.edit)
        self.form: ShortcutForm | None = None  # the open form of a command with inputs
        composer.edit.key_hook = self.menu.handle_key  # type: ignore[attr-defined]  # a MessageEdit
        composer.edit.textChanged.connect(lambda: self.menu.follow(composer.text()))
        self.menu.chosen.connect(self.choose)

    def set_commands(self, commands: tuple[ShortcutCommand, ...]) -> None:
        """The shown chat's bot's commands (none: "/" is just a character)."""
        self.menu.set_commands(commands)

    def choose(self, command: ShortcutCommand) -> None:
        """Run a command: at once when it asks nothing, else after its form."""
        composer = self._composer
        if composer.busy or composer.uploading:
            return  # one answer at a time: the text stays, pick it again when the answer is done
        if not command.asked:
            composer.shortcutRequested.emit(command.question({}), command.use({}))
            return
        from desktop.ui.shortcut_form import ShortcutForm

        copies = composer.copies
        form = self.form = ShortcutForm(command, composer.window(), copies.keep_file if copies is not None else None)
        form.finished.connect(lambda result: self._filled(form, result))
        form.open()

    def _filled(self, form: ShortcutForm, result: int) -> None:
        self.form = None
        form.deleteLater()
        if result == QDialog.DialogCode.Accepted and not self._composer.busy:
            values = form.values()
            use = form.command.use(values, form.files)
            self._composer.shortcutRequested.emit(form.command.question(values), use)
        self._composer.focus()
