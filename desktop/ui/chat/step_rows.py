"""The bot's steps under an answer (tool calls and their output, a knowledge recall): one folded line each,
"▸ Used tool weather-getWeather", that opens into readable lines (arguments, the bot's thought, the
result) in a tinted box. Never raw JSON, never part of the answer's text (desktop.core.tool_steps)."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.core.tool_steps import KIND_RECALL, KIND_TOOL, Lines, ToolStep
from desktop.ui.chat.documents import Page
from desktop.ui.chat.labels import Label
from desktop.ui.chat.markdown import neutralize
from desktop.ui.chat.style import ChatStyle

STEP = "action:step:"  # + the step's index: open or close it


@dataclass
class StepBox:
    """An open step's lines: the page and where it goes, in a tinted box."""

    page: Page
    origin: QPointF
    box: QRectF


def step_title(step: ToolStep) -> str:
    if step.kind == KIND_TOOL:
        if not step.name:
            return QCoreApplication.translate("ChatView", "Used a tool")
        return QCoreApplication.translate("ChatView", "Used tool {name}").format(name=neutralize(step.name))
    if step.kind == KIND_RECALL:
        return QCoreApplication.translate("ChatView", "Searched the knowledge base")
    return QCoreApplication.translate("ChatView", "Step: {name}").format(name=neutralize(step.name))


def _esc(text: str) -> str:
    return html.escape(neutralize(text), quote=False).replace("\n", "<br/>")


def _lines(lines: Lines) -> str:
    rows = []
    for label, value in lines:
        head = f"<span style='font-weight:600'>{_esc(label)}</span>: " if label else ""
        rows.append(f"{head}{_esc(value)}")
    return f"<p style='margin:0 0 6px 0'>{'<br/>'.join(rows)}</p>"


def step_html(step: ToolStep) -> str:
    """An open step's document: plain lines under small headings."""
    parts: list[str] = []

    def heading(text: str) -> None:
        parts.append(f"<p style='margin:0; font-weight:600'>{_esc(text)}</p>")

    if step.thought:
        heading(QCoreApplication.translate("ChatView", "Why"))
        parts.append(f"<p style='margin:0 0 6px 0'>{_esc(step.thought)}</p>")
    if step.kind == KIND_TOOL and step.arguments:
        heading(QCoreApplication.translate("ChatView", "Arguments"))
        parts.append(_lines(step.arguments))
    if step.kind == KIND_RECALL:
        heading(QCoreApplication.translate("ChatView", "Found"))
    elif step.kind == KIND_TOOL:
        heading(QCoreApplication.translate("ChatView", "Result"))
    if step.result:
        parts.append(_lines(step.result))
    elif step.kind == KIND_TOOL:
        waiting = QCoreApplication.translate("ChatView", "No output from the tool yet.")
        parts.append(f"<p style='margin:0'>{_esc(waiting)}</p>")
    return "".join(parts)


def lay_out_steps(
    steps: tuple[ToolStep, ...], opened: frozenset[int], style: ChatStyle, origin: QPointF, width: float
) -> tuple[list[Label], list[StepBox], float]:
    """The steps' lines from `origin` down: the labels, the open boxes, and the y below them."""
    small = QFontMetricsF(style.small)
    height = math.ceil(small.height())
    labels: list[Label] = []
    boxes: list[StepBox] = []
    x, y = origin.x(), origin.y()
    for index, step in enumerate(steps):
        is_open = index in opened
        text = ("▾ " if is_open else "▸ ") + "🔧 " + step_title(step)
        text = small.elidedText(text, Qt.TextElideMode.ElideRight, width)
        w = small.horizontalAdvance(text) + 4
        labels.append(Label(QRectF(x, y, w, height), text, style.small, style.muted, f"{STEP}{index}"))
        y += height + round(style.em * 0.3)
        if is_open:
            pad = style.pad
            page = Page(style, step_html(step))
            page.layout(width - 2 * pad - 3)
            box = QRectF(x, y, width, page.height + 2 * pad * 0.8)
            boxes.append(StepBox(page, QPointF(x + pad + 3, y + pad * 0.8), box))
            y = box.bottom() + round(style.em * 0.4)
    return labels, boxes, y
