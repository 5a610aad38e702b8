"""English sentences for refused attachments and Coze's upload errors (the CLI's words; the window
says the same through tr() in `desktop.ui.attachment_text`)."""

from __future__ import annotations

from desktop.core import media
from desktop.core.attachments.local import AttachmentRefused, Refusal

# Coze's file error codes. The SDKs do not list them; these meanings are the local server's, and the
# window and the CLI word them the same way.
UPLOAD_CODES: dict[int, str] = {
    4300: "The file is larger than Coze accepts (512 MB per file).",
    4301: "Coze does not accept this type of file.",
    4302: "The file is empty or damaged.",
    4303: "Coze no longer has this file (uploads are kept for about three months); it must be uploaded again.",
    4304: "Coze could not store the file. Try again in a moment.",
}
FILE_GONE = 4303


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
    real = exc.real.label if exc.real is not None else "something else"
    expected = media.expected_kind(name)
    promised = f" not a {expected.label}" if expected is not None else ""
    return f"{name} is really a {real},{promised}. Give it the right extension and attach it again."


def upload_error_text(code: int | None) -> str | None:
    return UPLOAD_CODES.get(code) if code is not None else None
