"""Typing while the message list has the focus goes to the message box: a click on an answer's text (or on a
suggested question that then went away) leaves the focus on the list, and the letters typed next were lost.

Installed on the list before the keyboard ring's filters (`MessageKeys`, `CardKeys`), so it sees only the keys
they leave: Enter, Esc, Tab, arrows, 1–9 on a card and Space on a button stay theirs, and the list's own
(Ctrl+C, Shift+arrows, Home/End) carry modifiers or no text.

An input method (pinyin in ibus or fcitx) sees a key before the widget only if the focused widget accepts input
methods: without that the first letter reached the box as a Latin letter ("n你好"). So, with a box, the list
accepts them and lends them the box: the input method's questions get the box's answers (its cursor, mapped into
the list, puts the candidate window at the box), the composition is shown in the box, and the focus moves there
once the composition is committed (moving it before would make the input method commit the Latin letters). When the
focus goes anywhere else mid-composition, the composition goes, as the box's own does (not when the window is left:
the input method's own window may take the activation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QGuiApplication, QInputMethodEvent, QInputMethodQueryEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

_TYPING = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier  # (capitals, the keypad)
_Q = Qt.InputMethodQuery
_KEEPS_COMPOSING = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
_RECTANGLES = (_Q.ImCursorRectangle, _Q.ImAnchorRectangle, _Q.ImInputItemClipRectangle)  # in the asker's coordinates


class TypeAhead(QObject):
    """Sends what is typed on `view` to the box given to `set_box` (whoever owns the message box gives it)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._box: QWidget | None = None
        self._composing = False  # the box shows a composition lent by the list
        view.installEventFilter(self)

    def set_box(self, box: QWidget | None) -> None:
        self._box = box
        self._view.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, box is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        box = self._box
        if box is None:
            return False
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._type(box, event)
        if isinstance(event, QInputMethodQueryEvent):
            self._answer(box, event)
            return True
        if isinstance(event, QInputMethodEvent):
            self._compose(box, event)
            return True
        if isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut:
            self._left(box, event.reason())
        return False

    def _type(self, box: QWidget, event: QKeyEvent) -> bool:
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & ~_TYPING:
            return False
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        QCoreApplication.sendEvent(box, QKeyEvent(event.type(), event.key(), event.modifiers(), text))
        return True

    def _answer(self, box: QWidget, event: QInputMethodQueryEvent) -> None:
        for query in _Q:  # (one bit each: ImEnabled … ImPlatformData)
            if not event.queries() & query:
                continue
            value = True if query == _Q.ImEnabled else box.inputMethodQuery(query)
            if query in _RECTANGLES and isinstance(value, (QRect, QRectF)):
                value = QRectF(value)
                value.moveTopLeft(self._view.mapFromGlobal(box.mapToGlobal(value.topLeft())))
            event.setValue(query, value)

    def _compose(self, box: QWidget, event: QInputMethodEvent) -> None:
        QCoreApplication.sendEvent(box, event)
        self._composing = bool(event.preeditString())
        if event.commitString() and not event.preeditString():
            box.setFocus(Qt.FocusReason.OtherFocusReason)  # (the input method now asks the box itself)
        else:
            QGuiApplication.inputMethod().update(_Q.ImQueryInput)  # (the box's cursor moved)

    def _left(self, box: QWidget, reason: Qt.FocusReason) -> None:
        """The list lost the focus: a composition it lent the box is dropped, unless the box itself took the focus
        (the input method composes on there) or the window was left for a while (it comes back to it)."""
        if reason in _KEEPS_COMPOSING or not self._composing:
            return
        self._composing = False
        if box.hasFocus():
            return
        QGuiApplication.inputMethod().reset()
        QCoreApplication.sendEvent(box, QInputMethodEvent())  # (an empty composition: none left in the box)
