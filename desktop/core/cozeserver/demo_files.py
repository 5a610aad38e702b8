"""What the demo bot says about the files it received: name, type, size and an image's dimensions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core import media
from desktop.core.cozeserver.object_string import Attachment

_TEXT = {
    "en": {
        "intro_one": "I received **1 file**:",
        "intro_many": "I received **{count} files**:",
        "header": "| File | Type | Size | Dimensions |",
        "link": "a link",
        "closing": "Ask me something about {them}, or say **draw** and I will answer with a picture.",
        "it": "it",
        "them": "them",
    },
    "zh": {
        "intro_one": "我收到了 **1 个文件**：",
        "intro_many": "我收到了 **{count} 个文件**：",
        "header": "| 文件 | 类型 | 大小 | 尺寸 |",
        "link": "链接",
        "closing": "可以就{them}问我问题，或者说“**画**”，我会用一张图片回答。",
        "it": "它",
        "them": "它们",
    },
}


DRAW = re.compile(r"\bdraw(?:ing)?\b|画", re.IGNORECASE)
_DRAWING = {
    "en": (
        "Here is a picture I drew for you:\n\n![A sunset over green hills]({url})\n\n"
        "And the same picture as a file, with a small report:\n\n"
        "- [sunset.png]({url})\n- [report.pdf]({base}/_local/media/report.pdf)\n"
    ),
    "zh": (
        "我给你画了一幅画：\n\n![绿色山丘上的日落]({url})\n\n"
        "同一张图片的文件，还有一份小报告：\n\n"
        "- [sunset.png]({url})\n- [report.pdf]({base}/_local/media/report.pdf)\n"
    ),
}


def drawing_answer(base: str, seed: int, language: str) -> str:
    """The demo bot's answer to "draw": a picture the server serves, and files to download."""
    return _DRAWING[language].format(url=f"{base}/_local/draw/{seed}.png", base=base)


def describe(attachments: Sequence[Attachment], language: str) -> str:
    """A Markdown table of the attachments, in the bot's language."""
    texts = _TEXT[language]
    count = len(attachments)
    intro = texts["intro_one"] if count == 1 else texts["intro_many"].format(count=count)
    rows = [intro, "", texts["header"], "|---|---|---|---|"]
    for attachment in attachments:
        rows.append(_row(attachment, language, texts["link"]))
    closing = texts["closing"].format(them=texts["it"] if count == 1 else texts["them"])
    return "\n".join(rows) + "\n\n" + closing + "\n"


def _row(attachment: Attachment, language: str, link: str) -> str:
    stored = attachment.stored
    if stored is None:
        return f"| {_cell(attachment.url)} | {attachment.type} ({link}) | – | – |"
    label = stored.kind.label_in(language)
    size = media.human_size(len(stored.data))
    dims = f"{stored.dimensions[0]} × {stored.dimensions[1]}" if stored.dimensions else "–"
    return f"| {_cell(stored.name)} | {label} | {size} | {dims} |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
