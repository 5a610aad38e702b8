"""Why an attachment is refused before sending, in Chinese and English, for the CLI and the window alike.

The core has no Qt, so these sentences cannot go through `tr()`: they live here once (as the Coze error
sentences do in `desktop.core.coze.error_sentences`) and the caller picks the language ("zh…" for
Chinese, anything else English; the window passes `desktop.ui.i18n.current_language()`). A file whose
content we cannot recognise at all is told as damaged, never as "rename it": no extension would help.
Coze's own upload errors (4300–4304) are an error kind like any other (ErrorKind.FILE_REFUSED).
"""

from __future__ import annotations

from desktop.core import media
from desktop.core.attachments.local import AttachmentRefused, Refusal

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        Refusal.MISSING: "{name} does not exist.",
        Refusal.NOT_A_FILE: "{name} is not a file.",
        Refusal.UNREADABLE: "{name} cannot be read.",
        Refusal.EMPTY: "{name} is empty; there is nothing to send.",
        Refusal.TOO_LARGE: "{name} is too large: Coze accepts files up to {limit}.",
        Refusal.NO_SPACE: "The disk is full: {name} cannot be kept to send. Free some space and attach it again.",
        Refusal.TYPE_MISMATCH: "{name} is really a {real}{promised}. Give it the right extension and attach it again.",
        "promised": ", not a {expected}",
        "damaged": "{name} is damaged or its format cannot be recognised{promised}. Open it on this computer to "
        "check it, or attach a good copy.",
        "damaged_promised": " (it is not a valid {expected})",
    },
    "zh": {
        Refusal.MISSING: "{name} 不存在。",
        Refusal.NOT_A_FILE: "{name} 不是文件。",
        Refusal.UNREADABLE: "无法读取 {name}。",
        Refusal.EMPTY: "{name} 是空文件，没有可发送的内容。",
        Refusal.TOO_LARGE: "{name} 太大：扣子只接受不超过 {limit} 的文件。",
        Refusal.NO_SPACE: "磁盘已满，无法保存 {name} 以便发送。请释放一些空间后再添加。",
        Refusal.TYPE_MISMATCH: "{name} 实际上是 {real}{promised}。请改成正确的扩展名后重新添加。",
        "promised": "，而不是 {expected}",
        "damaged": "{name} 文件已损坏或无法识别其格式{promised}。请在电脑上打开它检查一下，或者添加一份完好的文件。",
        "damaged_promised": "（不是有效的 {expected}）",
    },
}


def refusal_text(exc: AttachmentRefused, language: str = "en") -> str:
    """One sentence: why `exc.name` is not attached and what to do, in `language`."""
    lang = "zh" if language.lower().startswith("zh") else "en"
    text = _TEXT[lang]
    name = exc.name
    if exc.reason is not Refusal.TYPE_MISMATCH:
        return text[exc.reason].format(name=name, limit=media.human_size(exc.limit))
    expected = media.expected_kind(name)
    if exc.real is None or exc.real.name == "unknown":
        promised = text["damaged_promised"].format(expected=expected.label_in(lang)) if expected is not None else ""
        return text["damaged"].format(name=name, promised=promised)
    promised = text["promised"].format(expected=expected.label_in(lang)) if expected is not None else ""
    return text[Refusal.TYPE_MISMATCH].format(name=name, real=exc.real.label_in(lang), promised=promised)
