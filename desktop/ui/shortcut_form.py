"""The small form a shortcut command with inputs asks first: a line per text input (its default filled in),
a list per select input, and a note for a file input (not taken here yet: Coze's default is used).
Send is the default button; the values go out exactly as entered, keyed by the input's name. Everything the
bot's data puts on screen is plain text (a description of `<img src="/dev/urandom">` is words, not a file
read) and bounded: a command with thousands of inputs scrolls, a 1 MB option is one elided line in its list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.coze.shortcuts import COMPONENT_FILE, COMPONENT_SELECT, ShortcutCommand
from desktop.ui.plain_text import MAX_MESSAGE_CHARS, data_text, plain_label, scrolling_form

OPTION_CHARS = 80  # a select option as the list shows it (the whole option is what is sent)


class ShortcutForm(QDialog):
    def __init__(self, command: ShortcutCommand, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutForm")
        self.command = command
        self.setWindowTitle(self.tr("{command} · {name}").format(command=command.command, name=command.name))
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        layout = QVBoxLayout(self)
        if command.description:
            about = plain_label(command.description, self, MAX_MESSAGE_CHARS)
            about.setObjectName("shortcutAbout")
            layout.addWidget(about)
        form = QFormLayout()
        for component in command.asked:
            label = plain_label(component.description or component.name, self)
            if component.type == COMPONENT_SELECT and component.options:
                box = QComboBox(self)
                box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                box.setMinimumContentsLength(16)
                for option in component.options:
                    box.addItem(data_text(option, OPTION_CHARS), option)
                if component.default_value in component.options:
                    box.setCurrentIndex(component.options.index(component.default_value))
                self.fields[component.name] = box
                form.addRow(label, box)
            elif component.type == COMPONENT_FILE:
                note = QLabel(self.tr("Files cannot be chosen here yet: the bot's default is used."), self)
                note.setWordWrap(True)
                note.setEnabled(False)
                form.addRow(label, note)
            else:
                line = QLineEdit(component.default_value, self)
                line.setPlaceholderText(label.text())
                self.fields[component.name] = line
                form.addRow(label, line)
        layout.addWidget(scrolling_form(form, self))
        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)
        if self.fields:
            next(iter(self.fields.values())).setFocus()  # typing starts in the first input

    def values(self) -> dict[str, str]:
        """What was entered, by input name (a select's chosen option)."""
        return {
            name: str(field.currentData()) if isinstance(field, QComboBox) else field.text().strip()
            for name, field in self.fields.items()
        }
