"""English sentences for attachments refused before sending (the CLI's words; the window says the same
through tr()). Coze's own upload errors (4300–4304) are an error kind like any other: their sentence, in
Chinese and English, is in desktop.core.coze.error_sentences (ErrorKind.FILE_REFUSED)."""

from __future__ import annotations

from desktop.core import media
from desktop.core.attachments.local import AttachmentRefused, Refusal


def refusal_text(exc: AttachmentRefused, language: str = "en") -> str:
    del language  # English only in the core; see the module docstring
    name = exc.name
    if exc.reason is Refusal.MISSING:
        return f"{name} does not exist."
    if exc.reason is Refusal.NOT_A_FILE:
        return f"{name} is not a file."
    if exc.reason is Refusal.UNREADABLE:
        return f"{name} cannot be read."
    if exc.reason is Refusal.EMPTY:
        return f"{name} is empty; there is nothing to send."
    if exc.reason is Refusal.TOO_LARGE:
        return f"{name} is too large: Coze accepts files up to {media.human_size(exc.limit)}."
    if exc.reason is Refusal.NO_SPACE:
        return f"The disk is full: {name} cannot be kept to send. Free some space and attach it again."
    real = exc.real.label if exc.real is not None else "something else"
    expected = media.expected_kind(name)
    promised = f" not a {expected.label}" if expected is not None else ""
    return f"{name} is really a {real},{promised}. Give it the right extension and attach it again."
