"""A chatflow card under its answer: a question card's options as chips, an input card's fields as a list
with a "Fill in and send…" button (which opens the form the fields are typed in).

Only the last card of a conversation is live (its chips, fields and button are clickable); one answered
since shows what was chosen: the chosen option highlighted, the others dimmed, the fields with the values sent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.core.attachments.copies import question_files
from desktop.core.coze.content import OBJECT_STRING
from desktop.core.text_safety import one_line
from desktop.core.workflow_cards import CardKind, WorkflowCard, card_as_text, parse_card
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.labels import Label
from desktop.ui.chat.markdown import neutralize
from desktop.ui.chat.style import ChatStyle

CARD_OPTION = "action:card-option:"
CARD_INPUT = "action:card-input"
FIELD_WIDTH_EM = 24
LINE_CHARS = 300  # more than any chip or box shows: it is elided to its width anyway


@dataclass(frozen=True)
class CardState:
    card: WorkflowCard
    reply: str | None = None  # the user's answer that followed it (None: not answered)
    live: bool = False  # the conversation's last message: it can be answered now

    def chosen(self) -> int:
        """The option the reply chose (-1: none, or not a question card)."""
        reply = (self.reply or "").strip()
        return next((i for i, name in enumerate(self.card.options) if name.strip() == reply), -1)

    def values(self) -> dict[str, str]:
        """An answered input card's values, read back from its `name:value` lines."""
        values: dict[str, str] = {}
        for line in (self.reply or "").splitlines():
            name, sep, value = line.partition(":")
            if sep and name in self.card.fields:
                values[name] = value
        return values


def card_states(items: Sequence[MessageItem]) -> dict[int, CardState]:
    """Every question or input card among `items` (oldest first), with what answered it."""
    states: dict[int, CardState] = {}
    for index, item in enumerate(items):
        if item.is_user or item.content_type != "card":
            continue
        card = parse_card(item.content, item.content_type)
        if card is None:
            continue
        reply = next((later.content for later in items[index + 1 :] if later.is_user), None)
        live = reply is None and index == len(items) - 1 and not item.is_streaming
        states[item.id] = CardState(card, reply, live)
    return states


def readable(item: MessageItem) -> str:
    """What Copy copies of a message: a chatflow card as its title and options (or fields), never JSON."""
    if item.is_user and item.content_type == OBJECT_STRING:
        text, files = question_files(item.content, item.content_type)
        return "\n".join([*([text] if text else []), *(f"[{f.name or f.file_id or '…'}]" for f in files)])
    card = parse_card(item.content, item.content_type) if not item.is_user else None
    return item.content if card is None else card_as_text(card)


def lay_out_card(state: CardState, style: ChatStyle, origin: QPointF, width: float) -> list[Label]:
    if state.card.kind is CardKind.QUESTION:
        return _options(state, style, origin, width)
    return _fields(state, style, origin, width)


def _options(state: CardState, style: ChatStyle, origin: QPointF, width: float) -> list[Label]:
    metrics = QFontMetricsF(style.font)
    pad_x, height, gap = style.em * 1.1, math.ceil(metrics.height() + style.em * 0.9), style.em * 0.5
    chosen = state.chosen()
    pieces: list[Label] = []
    x, y = origin.x(), origin.y()
    for number, option in enumerate(state.card.options):
        text = ("✓ " if number == chosen else "") + _line(option)
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * pad_x)
        w = metrics.horizontalAdvance(text) + 2 * pad_x
        if x > origin.x() and x + w > origin.x() + width:
            x, y = origin.x(), y + height + gap
        answered = state.reply is not None
        color = style.accent if number == chosen else style.muted if answered else style.text
        href = f"{CARD_OPTION}{number}" if state.live else ""
        pieces.append(
            Label(QRectF(x, y, w, height), text, style.font, color, href, chip=True, selected=number == chosen)
        )
        x += w + gap
    return pieces


def _line(text: str) -> str:
    """A card's text as one line on its chip or box (a line break would spill out of it), controls gone."""
    return one_line(neutralize(text), LINE_CHARS)


def _fields(state: CardState, style: ChatStyle, origin: QPointF, width: float) -> list[Label]:
    """An input card's fields as lines of text ("city", or "city: Rome" once answered), not as boxes: they
    looked like text boxes to type in, yet a click opens the "Fill in" form (as the button under them says)."""
    metrics = QFontMetricsF(style.font)
    line_width = min(width, style.em * FIELD_WIDTH_EM)
    line_height = math.ceil(metrics.height() + style.em * 0.25)
    box_height = math.ceil(metrics.height() + style.em * 0.9)
    values = state.values()
    href = CARD_INPUT if state.live else ""
    translate = QCoreApplication.translate
    pieces: list[Label] = []
    y = origin.y()
    for name in dict.fromkeys(state.card.fields):
        if state.reply is not None:
            text, color = f"{_line(name)}: {_line(values.get(name, ''))}", style.text
        elif name in state.card.optional:
            text, color = translate("ChatView", "{name} (optional)").format(name=_line(name)), style.muted
        else:
            text, color = _line(name), style.text
        text = metrics.elidedText(f"•  {text}", Qt.TextElideMode.ElideRight, line_width)
        pieces.append(
            Label(QRectF(origin.x(), y, metrics.horizontalAdvance(text), line_height), text, style.font, color, href)
        )
        y += line_height
    if state.live:
        submit = translate("ChatView", "Fill in and send…")
        w = metrics.horizontalAdvance(submit) + style.em * 2.2
        rect = QRectF(origin.x(), y + style.em * 0.5, w, box_height)
        pieces.append(Label(rect, submit, style.font, style.accent, href, chip=True, selected=True))
    return pieces
