"""The small form a shortcut command with inputs asks first: a line per text input (its default filled in),
a list per select input, and a Choose… button per file input (the file is checked and kept like an
attachment, then uploaded before the chat: `ShortcutUse.files`). Send is the default button; the values go out exactly as entered, keyed by the input's name. Everything the
bot's data puts on screen is plain text (a description of `<img src="/dev/urandom">` is words, not a file
read) and bounded: a command with thousands of inputs scrolls, a 1 MB option is one elided line in its list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.attachments.local import AttachmentRefused, LocalFile
from desktop.core.coze.shortcuts import COMPONENT_FILE, COMPONENT_SELECT, ShortcutCommand, ShortcutComponent
from desktop.core.media import human_size
from desktop.ui.attachment_chips import refusal_sentence
from desktop.ui.plain_text import MAX_MESSAGE_CHARS, data_text, plain_label, scrolling_form

KeepFile = Callable[[Path], LocalFile]  # checks a file and keeps its local copy (LocalCopies.keep_file)

OPTION_CHARS = 80  # a select option as the list shows it (the whole option is what is sent)


class ShortcutForm(QDialog):
    def __init__(
        self, command: ShortcutCommand, parent: QWidget | None = None, keep_file: KeepFile | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutForm")
        self.command = command
        self._keep_file = keep_file
        self.setWindowTitle(self.tr("{command} · {name}").format(command=command.command, name=command.name))
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.files: dict[str, LocalFile] = {}  # the file chosen for each file input
        self.file_labels: dict[str, QLabel] = {}
        self.choose_buttons: dict[str, QPushButton] = {}
        self.choose_path: Callable[[], str] = self._ask_path  # tests give theirs
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
                form.addRow(label, self._file_row(component))
            else:
                line = QLineEdit(component.default_value, self)
                line.setPlaceholderText(label.text())
                self.fields[component.name] = line
                form.addRow(label, line)
        layout.addWidget(scrolling_form(form, self))
        self.problem = plain_label("", self)
        self.problem.setObjectName("shortcutProblem")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        if self.fields:
            next(iter(self.fields.values())).setFocus()  # typing starts in the first input

    def _file_row(self, component: ShortcutComponent) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        chosen = plain_label(self.tr("No file chosen"), row)
        chosen.setObjectName("shortcutFileName")
        button = QPushButton(self.tr("Choose…"), row)
        if self._keep_file is None:  # (no profile to keep it in: Coze's default is used)
            button.setEnabled(False)
            chosen.setText(self.tr("Files cannot be chosen here: the bot's default is used."))
        button.clicked.connect(lambda: self.choose_file(component.name))
        line.addWidget(chosen, 1)
        line.addWidget(button)
        self.file_labels[component.name] = chosen
        self.choose_buttons[component.name] = button
        return row

    def choose_file(self, name: str, path: Path | None = None) -> bool:
        """Pick the file of input `name` (asked with a file dialog when `path` is None): checked as an
        attachment is (its real type, size, not empty) and kept; a refused one is said here."""
        if self._keep_file is None:
            return False
        if path is None:
            picked = self.choose_path()
            if not picked:
                return False
            path = Path(picked)
        try:
            kept = self._keep_file(path)
        except AttachmentRefused as exc:
            self._say(refusal_sentence(exc))
            return False
        except OSError:
            self._say(self.tr("{name} cannot be read.").format(name=path.name))
            return False
        self.files[name] = kept
        self.file_labels[name].setText(f"{'🖼' if kept.is_image else '📄'} {kept.name} · {human_size(kept.size)}")
        self._say("")
        return True

    def _ask_path(self) -> str:
        return QFileDialog.getOpenFileName(self, self.tr("Choose a file"))[0]

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def values(self) -> dict[str, str]:
        """What was entered, by input name (a select's chosen option)."""
        return {
            name: str(field.currentData()) if isinstance(field, QComboBox) else field.text().strip()
            for name, field in self.fields.items()
        }
