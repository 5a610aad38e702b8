"""Rating answers on Coze: Like sends at once; Dislike asks for optional reasons and a comment first.

Clicking the chosen rating again takes it back. The rating is stored locally only once Coze took it;
a refusal (only the conversation's creator may rate) is said in the status bar with what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.chat.targets import key_of
from desktop.core.coze.error_text import text_for
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.store.coze_links import LIKE, MAX_COMMENT_CHARS, UNLIKE, Feedback
from desktop.services.history import HistoryService
from desktop.services.sync import SyncService
from desktop.ui.i18n import current_language
from desktop.ui.main_window import MainWindow

STATUS_MS = 8000


class DislikeDialog(QDialog):
    """What was wrong: a few reason tags (each ≤ 30 characters, as Coze wants) and a comment (≤ 250)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What was wrong with this answer?"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Optional: tell Coze why, so the bot's author can improve it."), self))
        self.reasons = [
            QCheckBox(text, self)
            for text in (
                self.tr("Inaccurate"),
                self.tr("Not helpful"),
                self.tr("Too long"),
                self.tr("Off topic"),
                self.tr("Harmful or offensive"),
            )
        ]
        for box in self.reasons:
            layout.addWidget(box)
        self.comment = QLineEdit(self)
        self.comment.setMaxLength(MAX_COMMENT_CHARS)
        self.comment.setPlaceholderText(self.tr("A comment (optional)"))
        layout.addWidget(self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def feedback(self) -> Feedback:
        chosen = tuple(box.text().replace("&", "")[:30] for box in self.reasons if box.isChecked())
        return Feedback(UNLIKE, chosen, self.comment.text().strip()[:MAX_COMMENT_CHARS])


class FeedbackActions(QObject):
    def __init__(self, window: MainWindow, sync: SyncService, history: HistoryService, language: str) -> None:
        super().__init__(window)
        self._window = window
        self._sync = sync
        self._history = history
        del language  # the UI's language is looked up when needed: it can change while the app runs
        window.chat.view.feedbackRequested.connect(self.rate)

    def rate(self, message_id: int, kind: str) -> bool:
        """The user clicked Like or Dislike on an answer; False when nothing is sent."""
        if not self._history.writes.allowed():  # the rating could not be kept here
            return False
        message = self._history.message(message_id)
        if message is None or not message.coze_message_id:
            return False
        conversation = self._history.on_coze(message.conversation_id)
        if conversation is None or not conversation.coze_conversation_id:
            self._say(self.tr("This chat is only on this computer: Coze cannot take a rating for it."))
            return False
        current = Feedback.from_json(message.feedback)
        feedback: Feedback | None
        if current is not None and current.kind == kind:
            feedback = None  # clicked again: take it back
        elif kind == LIKE:
            feedback = Feedback(LIKE)
        else:
            dialog = DislikeDialog(self._window)
            if not dialog.exec():
                return False
            feedback = dialog.feedback()

        def taken(_result: object) -> None:
            self._history.set_feedback(
                message_id, feedback, lambda m: self._window.presenter.on_message_updated(m.conversation_id, m)
            )

        ids = (conversation.coze_conversation_id, message.coze_message_id)
        return self._sync.rate(key_of(conversation), ids, feedback, taken, self._refused)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, CozeError) and error.kind is ErrorKind.CONVERSATION_NOT_FOUND:
            self._say(self.tr("This answer can't be rated: Coze no longer has it."))
        elif isinstance(error, CozeError):
            text = text_for(error, current_language())
            self._say(
                self.tr("Coze did not take the rating: {sentence} {action}").format(
                    sentence=text.sentence, action=text.action
                )
            )

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)
