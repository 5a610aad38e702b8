"""How long the message being written is, shown under the box once it comes near MAX_MESSAGE_CHARS.

A paste that would pass the limit goes in as a text file (ui/composer.py); typing goes on past it. Coze
documents no length for a question (core/message_size.py; coze-js's own chat input sets none:
`maxlength={-1}`), so Send stays possible: the count says how far the text is, and past the limit that it
can still be sent but a draft keeps only the first MAX_MESSAGE_CHARS characters (services/draft.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from desktop.core.message_size import MAX_MESSAGE_CHARS

SHOWN_FROM = MAX_MESSAGE_CHARS * 9 // 10  # 18,000: enough warning to stop before the limit


class LengthCount(QLabel):
    """The count of `edit`'s characters, right-aligned, hidden below SHOWN_FROM; in the warning colour past
    the limit, with a sentence."""

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lengthCount")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._edit = edit
        self._over: bool | None = None
        edit.document().contentsChanged.connect(self.count)  # (characterCount is kept by the document: no copy)
        self.count()

    def characters(self) -> int:
        return self._edit.document().characterCount() - 1  # (the document counts its last paragraph's end)

    def count(self) -> None:
        length = self.characters()
        if length < SHOWN_FROM:
            self.setVisible(False)
            return
        over = length > MAX_MESSAGE_CHARS
        if over:
            text = self.tr(
                "{count} / {limit} characters: it can still be sent, but if the app closes first, its draft keeps "
                "only the first {limit}."
            )
        else:
            text = self.tr("{count} / {limit} characters")
        self.setText(text.format(count=f"{length:,}", limit=f"{MAX_MESSAGE_CHARS:,}"))
        if over != self._over:
            self._over = over
            self.setProperty("cozeRole", "warning" if over else "hint")
            self.style().unpolish(self)
            self.style().polish(self)
        self.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.count()
