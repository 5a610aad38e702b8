"""Where everything of one message row goes: the geometry the delegate paints and hit-tests.

A row is: (assistant) the bot's name, a collapsible "Thinking" block, the answer, an error box, a
small gray line with time, duration, tokens and Copy, and follow-up chips under the last answer;
(user) a right-aligned bubble with a line for time and Copy under it. Content sits in a centered
column no wider than a comfortable reading width.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QDateTime, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from desktop.core.attachments.copies import question_files
from desktop.core.coze.content import OBJECT_STRING
from desktop.core.timestamps import MAX_SECONDS
from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui.chat.card_rows import CardState, lay_out_card
from desktop.ui.chat.documents import Page
from desktop.ui.chat.folding import fold_label
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.labels import Label
from desktop.ui.chat.markdown import neutralize
from desktop.ui.chat.question_files import lay_out_files
from desktop.ui.chat.selection import Selection
from desktop.ui.chat.small_line import Piece, flow
from desktop.ui.chat.step_rows import StepBox, lay_out_steps
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

MAX_DETAILS = 4_000

# Actions, as anchors (in documents) and as the href of painted items.
COPY = "action:copy"
COPY_CODE = "action:copy-code:"
COPY_DETAILS = "action:copy-details"
RETRY = "action:retry"
SETTINGS = "action:settings"
NEW_CONVERSATION = "action:new-conversation"
DETAILS = "action:details"
THINKING = "action:thinking"
FOLLOW_UP = "action:follow-up:"
LIKE = "action:like"
DISLIKE = "action:dislike"
REGENERATE = "action:regenerate"
EDIT = "action:edit"
VERSION_PREV = "action:version-prev"
VERSION_NEXT = "action:version-next"


@dataclass
class RowState:
    """What the view remembers about a row beyond its item."""

    thinking: bool | None = None  # None: open while the model thinks, closed once the answer starts
    details: bool = False
    chips: tuple[str, ...] = ()
    hover: str = ""
    focus: str = ""  # the href with the keyboard's ring (a live card's option, a message's action)
    marked: bool = False  # the keyboard is on this message (message_keys.py): a ring round it
    copied: str = ""  # the copy action that just happened: it says "Copied" for a moment
    selection: Selection | None = None  # painted, but the layout does not depend on it
    more: Selection | None = None  # a second selected part of the row (its answer, below a selected reasoning)
    card: CardState | None = None  # a chatflow's question or input card, and its answer
    steps: frozenset[int] = frozenset()  # the bot's steps shown open (indexes into item.steps)

    def key(self) -> tuple[object, ...]:
        return (self.thinking, self.details, self.chips, self.copied, self.card, self.steps)


@dataclass
class RowLayout:
    height: int
    column: QRectF  # the content column (x, width)
    bubble: QRectF | None = None
    content: QPointF = field(default_factory=QPointF)
    content_color: QColor = field(default_factory=QColor)
    reasoning: QPointF | None = None  # where the reasoning pages go, when open
    thinking_bar: QRectF | None = None
    error_box: QRectF | None = None
    error_color: QColor = field(default_factory=QColor)
    error: Page | None = None
    error_origin: QPointF = field(default_factory=QPointF)
    typing: bool = False  # the answer is streaming: paint a caret after the text
    labels: list[Label] = field(default_factory=list)
    rules: list[QRectF] = field(default_factory=list)  # hairlines (a divider's)
    steps: list[StepBox] = field(default_factory=list)  # the bot's open steps (tool calls), under the answer


def thinking_open(item: MessageItem, state: RowState) -> bool:
    if state.thinking is not None:
        return state.thinking
    return item.is_streaming and not item.content


def format_time(created_at: float) -> str:
    if not 0 < created_at < MAX_SECONDS:  # unknown, or a time no clock shows (NaN and Infinity too)
        return ""
    when = QDateTime.fromSecsSinceEpoch(int(created_at))
    now = QDateTime.currentDateTime()
    if when.date() == now.date():
        return when.toString("HH:mm")
    if when.date().year() == now.date().year():
        return when.toString("MM-dd HH:mm")
    return when.toString("yyyy-MM-dd HH:mm")


def format_duration(seconds: float) -> str:
    if seconds <= 0:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("ChatView", "{seconds} s").format(seconds=f"{seconds:.1f}")
    return QCoreApplication.translate("ChatView", "{minutes} min {seconds} s").format(
        minutes=int(seconds // 60), seconds=int(seconds % 60)
    )


def error_html(item: MessageItem, style: ChatStyle, details: bool, accent: QColor) -> str:
    """The error box's document: what happened, what to do, Retry / Open Settings / Details."""
    if item.error_sentence:
        sentence = item.error_sentence
    elif item.status == MessageStatus.CANCELLED:
        sentence = QCoreApplication.translate("ChatView", "You stopped this answer.")
    elif item.status == MessageStatus.FAILED:
        sentence = QCoreApplication.translate("ChatView", "This answer failed.")
    else:
        sentence = QCoreApplication.translate("ChatView", "This answer was interrupted.")

    def esc(text: str) -> str:
        return html.escape(neutralize(text), quote=False)

    parts = [
        f'<p style="margin-bottom:4px"><span style="color:{accent.name()}; font-weight:600">{esc(sentence)}</span></p>'
    ]
    if item.error_action:
        parts.append(f'<p style="margin-bottom:4px">{esc(item.error_action)}</p>')
    # Texts first, markup after: lupdate does not look inside f-strings.
    retry = esc(QCoreApplication.translate("ChatView", "Retry"))
    settings = esc(QCoreApplication.translate("ChatView", "Open Settings"))
    fresh = esc(QCoreApplication.translate("ChatView", "Continue in a new Coze conversation"))
    more = esc(QCoreApplication.translate("ChatView", "Details"))
    copy = esc(QCoreApplication.translate("ChatView", "Copy details"))
    links = []
    if item.role == Role.ASSISTANT and item.unfinished and item.error_new_conversation:
        links.append(f'<a href="{NEW_CONVERSATION}">{fresh}</a>')
    elif item.role == Role.ASSISTANT and item.unfinished:
        links.append(f'<a href="{RETRY}">{retry}</a>')
    if item.error_settings:
        links.append(f'<a href="{SETTINGS}">{settings}</a>')
    if item.error_details:
        links.append(f'<a href="{DETAILS}">{more} {"▾" if details else "▸"}</a>')
    if links:
        parts.append(f'<p style="margin-bottom:0px">{"&nbsp;&nbsp;&nbsp;&nbsp;".join(links)}</p>')
    if details and item.error_details:
        text = esc(item.error_details[:MAX_DETAILS])
        parts.append(f'<p class="code" style="margin:6px 0px 4px 0px; color:{style.muted.name()}">{text}</p>')
        parts.append(f'<p style="margin-bottom:0px"><a href="{COPY_DETAILS}">{copy}</a></p>')
    return "".join(parts)


def build_row(
    item: MessageItem,
    state: RowState,
    width: int,
    style: ChatStyle,
    *,
    content: StreamingDocument,
    reasoning: StreamingDocument | None,
    fold: str = "",
) -> RowLayout:
    """Lay out one row at `width` (the documents must be up to date); `fold`: a long question's "Show all"
    ("more") or "Show less" ("less") under its bubble (folding.py)."""
    em = style.em
    column_width = max(em * 8, min(width - 2 * round(em * 1.4), round(em * 56)))
    x0 = round((width - column_width) / 2)
    small = QFontMetricsF(style.small)
    small_height = math.ceil(small.height())
    row = RowLayout(height=0, column=QRectF(x0, 0, column_width, 0), content_color=style.text)
    if item.divider:
        return _divider_row(row, style)
    y: float = round(em * 1.0)
    copy_label = (
        QCoreApplication.translate("ChatView", "Copied")
        if state.copied == COPY
        else QCoreApplication.translate("ChatView", "Copy")
    )
    if item.is_user:
        if item.shortcut:  # sent with a shortcut command: the command and what was filled in, above the bubble
            text = small.elidedText("⚡ " + neutralize(item.shortcut), Qt.TextElideMode.ElideRight, column_width * 0.82)
            w = small.horizontalAdvance(text) + 2
            row.labels.append(Label(QRectF(x0 + column_width - w, y, w, small_height), text, style.small, style.accent))
            y += small_height + round(em * 0.3)
        pad_x, pad_y = round(style.pad * 1.2), round(style.pad * 0.8)
        inner_max = column_width * 0.82 - 2 * pad_x
        files = question_files(item.content, item.content_type)[1] if item.content_type == OBJECT_STRING else []
        if files:  # pictures and file chips above the bubble (alone when the question has no text)
            labels, y = lay_out_files(files, style, x0 + column_width, y, column_width * 0.82)
            row.labels.extend(labels)
            y += round(em * 0.4) if content.text else 0
        height = content.layout(inner_max)
        inner = min(inner_max, math.ceil(content.ideal_width()) + 2)
        if (
            content.text and inner < inner_max
        ):  # at the bubble's width: Qt right-aligns an RTL paragraph to the width laid out
            height = content.layout(inner)
        if content.text or not files:
            bubble = QRectF(x0 + column_width - inner - 2 * pad_x, y, inner + 2 * pad_x, height + 2 * pad_y)
            row.bubble = bubble
            row.content = QPointF(bubble.x() + pad_x, y + pad_y)
            y = bubble.bottom()
        else:
            row.content = QPointF(x0 + column_width, y)
        y += round(em * 0.3)
        right = x0 + column_width - round(em * 0.3)
        edit = QCoreApplication.translate("ChatView", "Edit") if item.can_rework else ""
        for text, href in ((copy_label, COPY), (edit, EDIT), (format_time(item.created_at), "")):
            if text:
                w = small.horizontalAdvance(text)
                row.labels.append(Label(QRectF(right - w, y, w, small_height), text, style.small, style.muted, href))
                right -= w + em
        if fold and row.bubble is not None:  # at the bubble's left edge, as wide as the line leaves room for
            room = QRectF(row.bubble.x(), y, max(em, right - row.bubble.x()), small_height)
            row.labels.append(fold_label(item, fold == "less", room, style))
        y += small_height
    else:
        name = neutralize(item.sender_name) or QCoreApplication.translate("ChatView", "Assistant")
        side = round(em * 1.6)
        initial = name.strip()[:1].upper() or "?"
        row.labels.append(Label(QRectF(x0, y, side, side), initial, style.small, style.accent, badge=True))
        name_width = min(column_width - side, QFontMetricsF(style.bold).horizontalAdvance(name) + 2)
        name_rect = QRectF(x0 + side + round(em * 0.5), y, name_width, side)
        row.labels.append(Label(name_rect, name, style.bold, style.text))
        y += side + round(em * 0.45)
        if reasoning is not None and item.reasoning:
            opened = thinking_open(item, state)
            label = ("▾ " if opened else "▸ ") + (
                QCoreApplication.translate("ChatView", "Thinking…")
                if item.is_streaming and not item.content
                else QCoreApplication.translate("ChatView", "Thinking")
            )
            w = small.horizontalAdvance(label) + 4
            row.labels.append(Label(QRectF(x0, y, w, small_height), label, style.small, style.muted, THINKING))
            y += small_height + round(em * 0.35)
            if opened:
                indent = round(em * 1.0)
                height = reasoning.layout(column_width - indent)
                row.reasoning = QPointF(x0 + indent, y)
                row.thinking_bar = QRectF(x0 + round(em * 0.25), y, 2, height)
                y += height + round(em * 0.7)
        height = content.layout(column_width)
        row.content = QPointF(x0, y)
        y += height
        row.typing = item.is_streaming
        if item.is_streaming and not item.content and not (item.reasoning and thinking_open(item, state)):
            row.labels.append(Label(QRectF(x0, y, em * 3, style.line), "•••", style.font, style.muted))
            y += style.line
        if state.card is not None:
            for p in lay_out_card(state.card, style, QPointF(x0, y + round(em * 0.5)), column_width):
                row.labels.append(
                    Label(p.rect, p.text, p.font, p.color, p.href, p.chip, box=p.box, selected=p.selected)
                )
                y = max(y, p.rect.bottom())
        if item.steps:
            labels, row.steps, y = lay_out_steps(
                item.steps, state.steps, style, QPointF(x0, y + em * 0.5), column_width
            )
            row.labels += labels
    if item.unfinished or item.error_sentence:
        accent = {MessageStatus.CANCELLED: style.muted, MessageStatus.FAILED: style.error}.get(
            item.status, style.warning
        )
        if item.error_sentence and item.status != MessageStatus.CANCELLED:
            accent = style.error if item.status == MessageStatus.FAILED else style.warning
        y += round(em * 0.5)
        pad = style.pad
        page = Page(style, error_html(item, style, state.details, accent))
        page.layout(column_width - 2 * pad - 3)
        row.error, row.error_color = page, accent
        row.error_box = QRectF(x0, y, column_width, page.height + 2 * pad * 0.8)
        row.error_origin = QPointF(x0 + pad + 3, y + pad * 0.8)
        y = row.error_box.bottom()
    if not item.is_user and not item.is_streaming:
        y += round(em * 0.45)
        facts = [format_time(item.created_at), format_duration(item.duration)]
        if item.input_tokens or item.output_tokens:
            facts.append(
                QCoreApplication.translate("ChatView", "{input} in · {output} out tokens").format(
                    input=item.input_tokens, output=item.output_tokens
                )
            )
        muted = style.muted
        pieces = [Piece(fact, muted, gap=0.0, lead="  ·  ") for fact in facts if fact]
        if pieces:
            pieces[-1] = Piece(pieces[-1].text, muted, gap=em * 1.2, lead=pieces[-1].lead)
        if item.content:
            pieces.append(Piece(copy_label, muted, COPY, gap=em * 1.2))
        if item.feedback is not None:  # rate the answer on Coze; the chosen rating in the accent colour
            for kind, href, label in _rating_labels(item.feedback):
                pieces.append(Piece(label, style.accent if item.feedback == kind else muted, href, gap=em * 1.2))
        if item.debug_url:  # a chatflow run's trace, for the bot's author
            pieces.append(Piece(QCoreApplication.translate("ChatView", "Run details"), muted, item.debug_url, em * 1.2))
        pieces += _rework_pieces(item, style)
        labels, y = flow(pieces, style.small, QPointF(x0, y), left=x0, right=x0 + column_width, gap=em * 0.3)
        row.labels += labels
        y += small_height
    if not item.is_user and state.chips:
        y = _chips(row, state.chips, style, QPointF(x0, y + round(em * 0.8)), column_width)
    row.height = math.ceil(y + em * 0.4)
    return row


def _rework_pieces(item: MessageItem, style: ChatStyle) -> list[Piece]:
    """Regenerate, and "‹ 2/3 ›" when the answer has earlier versions (kept together on one line)."""
    pieces: list[Piece] = []
    if item.can_rework:
        pieces.append(
            Piece(QCoreApplication.translate("ChatView", "Regenerate"), style.muted, REGENERATE, style.em * 1.2)
        )
    if item.versions > 1:
        arrows = (
            ("‹", VERSION_PREV if item.version > 1 else ""),
            ("›", VERSION_NEXT if item.version < item.versions else ""),
        )
        (prev, prev_href), (after, next_href) = arrows
        # Controls, not small print: the arrows in the body's size, bold, in the text colour, round buttons
        # (walk of session 33: the small line's grey "‹" and "›" were hard to see and to hit).
        pad, dim, arrow = style.em * 0.6, style.border, QFont(style.font)
        arrow.setBold(True)
        pieces += [
            Piece(prev, style.text if prev_href else dim, prev_href, style.em * 0.2, pad=pad, font=arrow, button=True),
            Piece(f"{item.version} / {item.versions}", style.text, "", style.em * 0.2, glued=True),
            Piece(
                after, style.text if next_href else dim, next_href, 0.0, glued=True, pad=pad, font=arrow, button=True
            ),
        ]
    return pieces


def _chips(row: RowLayout, chips: tuple[str, ...], style: ChatStyle, origin: QPointF, width: float) -> float:
    x0, y = origin.x(), origin.y()
    metrics = QFontMetricsF(style.font)
    pad_x, height, gap = style.em * 0.9, math.ceil(metrics.height() + style.em * 0.8), style.em * 0.5
    x = x0
    for number, question in enumerate(chips):
        text = metrics.elidedText(neutralize(question), Qt.TextElideMode.ElideRight, width - 2 * pad_x)
        w = metrics.horizontalAdvance(text) + 2 * pad_x
        if x > x0 and x + w > x0 + width:
            x, y = x0, y + height + gap
        rect = QRectF(x, y, w, height)
        row.labels.append(Label(rect, text, style.font, style.text, f"{FOLLOW_UP}{number}", chip=True))
        x += w + gap
    return y + height


def _rating_labels(rating: str) -> tuple[tuple[str, str, str], ...]:
    translate = QCoreApplication.translate
    like = translate("ChatView", "Liked") if rating == "like" else translate("ChatView", "Like")
    dislike = translate("ChatView", "Disliked") if rating == "unlike" else translate("ChatView", "Dislike")
    return (("like", LIKE, like), ("unlike", DISLIKE, dislike))


def _divider_row(row: RowLayout, style: ChatStyle) -> RowLayout:
    """ "── New topic ──" across the column: the bot does not see what is above it."""
    em, column = style.em, row.column
    small = QFontMetricsF(style.small)
    text = QCoreApplication.translate("ChatView", "New topic · the bot no longer sees the messages above")
    width = min(column.width() - 2 * em, small.horizontalAdvance(text) + 2)
    y, height = round(em * 1.2), math.ceil(small.height())
    left = column.x() + (column.width() - width) / 2
    row.labels.append(Label(QRectF(left, y, width, height), text, style.small, style.muted))
    middle = y + height / 2
    row.rules.append(QRectF(column.x(), middle, max(0.0, left - em * 0.8 - column.x()), 1))
    right = left + width + em * 0.8
    row.rules.append(QRectF(right, middle, max(0.0, column.right() - right), 1))
    row.height = math.ceil(y + height + em * 1.2)
    return row


def estimate_height(item: MessageItem, width: int, style: ChatStyle) -> int:
    """A cheap guess of a row's height for rows never laid out (corrected when they come into view)."""
    em = style.em
    if item.divider:
        return math.ceil(em * 2.4 + style.line)
    column = max(em * 8, min(width - 2 * round(em * 1.4), round(em * 56)))
    if item.is_user:
        column *= 0.7
        if item.content_type == "object_string":  # the files' tiles and chips; the JSON is not text
            return math.ceil(style.line * 2 + em * (4.2 + 7 * item.content.count('"type":"image"')))
    per_line = max(8.0, column / (em * 0.62))
    text = item.content
    lines = text.count("\n", 0, 200_000) + len(text) / per_line + 1
    chrome = em * (4.2 if item.is_user else 5.5) + (em * 5 if item.unfinished else 0)
    return math.ceil(lines * style.line + chrome)
