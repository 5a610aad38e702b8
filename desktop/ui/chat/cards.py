"""Chatflow cards in the chat view: which card is live, what answered the others, and the answers a click makes.

`CardTracker` keeps every card row's `CardState` in step with the messages shown, and turns a click on
a live card into the text the chat SDK would send: an option's `name`, or an input card's `name:value`
lines from a small form (`CardForm`).

Signals: answered(str)   the text to send as the user's next message
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.workflow_cards import input_reply, missing_fields
from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.chat.card_rows import CardState, card_states
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.row_states import RowStates
from desktop.ui.plain_text import data_text, plain_label, scrolling_form


class CardForm(QDialog):
    """An input card's fields, filled in and sent at once (Enter sends, Esc closes). A required field left
    blank keeps the form open, saying which (`problem`), its box focused; `optional` fields may stay blank."""

    submitted = Signal(str)

    def __init__(
        self, fields: tuple[str, ...], parent: QWidget | None = None, *, optional: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fill in"))
        self.setModal(True)
        self._fields = fields
        self._optional = optional
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in dict.fromkeys(fields):  # a name twice is one box (its value goes on both lines)
            edit = QLineEdit(self)
            edit.setAccessibleName(data_text(name))  # the card's data: plain, one line, capped
            self.edits[name] = edit
            form.addRow(plain_label(name, self), edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        send = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        send.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setProperty("cozeRole", "error")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self._missing: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling_form(form, self))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)
        self._name_fields()
        if self.edits:
            next(iter(self.edits.values())).setFocus()  # typing starts in the first field

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # a live language switch while the form is open
            self.setWindowTitle(self.tr("Fill in"))
            self._name_fields()
            self._say_missing()

    def _name_fields(self) -> None:
        for name, edit in self.edits.items():
            if name in self._optional:
                edit.setPlaceholderText(self.tr("{name} (optional)").format(name=data_text(name)))
            else:
                edit.setPlaceholderText(self.tr("Enter {name}…").format(name=data_text(name)))

    def accept(self) -> None:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        self._missing = missing_fields(self._fields, self._optional, values)
        if self._missing:  # the flow would take "date:" with nothing after it
            self._say_missing()
            self.edits[self._missing[0]].setFocus()
            return
        super().accept()
        self.submitted.emit(input_reply(self._fields, values))

    def _say_missing(self) -> None:
        if self._missing:
            names = self.tr(", ").join(f"“{data_text(name)}”" for name in self._missing)
            self.problem.setText(self.tr("Fill in {names} before sending: the flow needs them.").format(names=names))
        self.problem.setVisible(bool(self._missing))


class CardTracker(QObject):
    answered = Signal(str)

    def __init__(self, model: ChatModel, rows: RowStates, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self._rows = rows
        self._parent = parent
        self.form: CardForm | None = None  # the open input form (tests fill it in)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self.refresh)

    def live(self) -> tuple[int, CardState] | None:
        """The conversation's live card (its last message, answerable now) and its message id."""
        items = self._model.items()
        state = self._rows.get(items[-1].id).card if items else None
        return (items[-1].id, state) if state is not None and state.live else None

    def refresh(self) -> None:
        for message_id, state in card_states(self._model.items()).items():
            self._rows.set_card(message_id, state)

    def handle(self, message_id: int, action: RowAction) -> bool:
        """A click on a card (True: it was one, answered or not)."""
        if action.kind not in (Act.CARD_OPTION, Act.CARD_INPUT):
            return False
        state = self._rows.get(message_id).card
        if state is None or not state.live:
            return True  # an answered card is inert
        if action.kind is Act.CARD_OPTION and 0 <= action.index < len(state.card.options):
            self.answered.emit(state.card.reply_for_option(action.index))
        elif action.kind is Act.CARD_INPUT and state.card.fields:
            self._open_form(state.card.fields)
        return True

    def _open_form(self, fields: tuple[str, ...]) -> None:
        if self.form is not None:
            self.form.close()
        form = CardForm(fields, self._parent)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(self.answered)
        form.destroyed.connect(lambda: setattr(self, "form", None) if self.form is form else None)
        self.form = form
        form.open()
