"""Switching the UI language while the app runs: every open widget's words in the new language.

Qt's own widgets redo their words on `QEvent.LanguageChange` (dialog buttons, the file dialog). Ours set
theirs once, with `tr()`, when they are built. Rather than a hand-written `retranslateUi()` in each of
the many pages and dialogs (which every new string would have to remember), `retranslate_tree` walks the
widgets and actions and looks each text up in the `WordBook`: the app's one dictionary of English source
→ Chinese (resources/translations/zh_CN.json, the same words in every context, which is what the
catalog is compiled from), both ways.

Only exact texts of that dictionary are touched, and data labels (`DataLabel`: a chat's title, a bot's
name) are skipped. Texts made from a template with values filled in ("{title} — Coze Desktop") and words
a delegate paints are redone by their owners (see desktop/ui/language_switch.py).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop.resources import resource_path
from desktop.ui.plain_text import DataLabel

log = logging.getLogger(__name__)


class WordBook:
    """The UI's words in both languages: `again(text, "zh" | "en")` is `text` in that language, or None
    when `text` is not one of the app's words (data, a filled-in template)."""

    def __init__(self, chinese: dict[str, str]) -> None:
        self._chinese = chinese
        self._english = {zh: en for en, zh in chinese.items()}

    @classmethod
    def load(cls) -> WordBook:
        path = resource_path("translations", "zh_CN.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("the UI's dictionary %s cannot be read (%s): a language switch needs a restart", path, exc)
            data = {}
        return cls({k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)})

    def again(self, text: str, language: str) -> str | None:
        if language == "zh":
            return self._chinese.get(text)
        return self._english.get(text)


@functools.cache
def word_book() -> WordBook:
    return WordBook.load()


class _Redo:
    """Redo one language's words (the switch's target language)."""

    def __init__(self, book: WordBook, language: str) -> None:
        self.book = book
        self.language = language

    def again(self, text: str) -> str | None:
        return self.book.again(text, self.language) if text else None


def _is_data(widget: QWidget) -> bool:
    return isinstance(widget, DataLabel)


def retranslate_widget(widget: QWidget, memory: _Redo) -> int:
    """Redo `widget`'s own words (not its children's); how many texts changed."""

    def redo(getter: str, setter: str, *index: int) -> int:
        current = getattr(widget, getter)(*index)
        if not isinstance(current, str) or not current:
            return 0
        new = memory.again(current)
        if new is None or new == current:
            return 0
        getattr(widget, setter)(*index, new)
        return 1

    changed = redo("windowTitle", "setWindowTitle") + redo("toolTip", "setToolTip")
    changed += redo("accessibleName", "setAccessibleName")
    if _is_data(widget):
        return changed
    if isinstance(widget, (QLabel, QAbstractButton)):
        changed += redo("text", "setText")
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        changed += redo("placeholderText", "setPlaceholderText")
    if isinstance(widget, QGroupBox):
        changed += redo("title", "setTitle")
    if isinstance(widget, QMenu):
        changed += redo("title", "setTitle")
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            changed += redo("tabText", "setTabText", i) + redo("tabToolTip", "setTabToolTip", i)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            changed += redo("itemText", "setItemText", i)
    return changed


def retranslate_action(action: QAction, memory: _Redo) -> int:
    changed = 0
    for getter, setter in (("text", "setText"), ("toolTip", "setToolTip"), ("statusTip", "setStatusTip")):
        current = getattr(action, getter)()
        new = memory.again(current) if current else None
        if new is not None and new != current:
            getattr(action, setter)(new)
            changed += 1
    return changed


def retranslate_tree(roots: Iterable[QWidget], language: str, book: WordBook | None = None) -> int:
    """Every widget and action under `roots` (top-level windows and dialogs) in `language` ("zh" or
    "en"); how many texts changed."""
    memory = _Redo(book if book is not None else word_book(), language)
    changed = 0
    actions: set[int] = set()
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            changed += retranslate_widget(widget, memory)
            for action in widget.actions():
                if id(action) not in actions:
                    actions.add(id(action))
                    changed += retranslate_action(action, memory)
        for action in root.findChildren(QAction):
            if id(action) not in actions:
                actions.add(id(action))
                changed += retranslate_action(action, memory)
    return changed
