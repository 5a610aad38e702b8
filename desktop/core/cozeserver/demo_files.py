"""What the demo bot says about the files it received: name, type, size and an image's dimensions."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core import media
from desktop.core.cozeserver.object_string import Attachment

_ZH_LABELS = {
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "webp": "WebP 图片",
    "bmp": "BMP 图片",
    "tiff": "TIFF 图片",
    "heic": "HEIC 图片",
    "pdf": "PDF 文档",
    "zip": "ZIP 压缩包（或 Office 文档）",
    "ole": "旧版 Office 文档",
    "text": "文本文件",
}
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
    label = _ZH_LABELS.get(stored.kind.name, stored.kind.label) if language == "zh" else stored.kind.label
    size = media.human_size(len(stored.data))
    dims = f"{stored.dimensions[0]} × {stored.dimensions[1]}" if stored.dimensions else "–"
    return f"| {_cell(stored.name)} | {label} | {size} | {dims} |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
