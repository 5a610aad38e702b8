"""English sentences for refused attachments and Coze's upload errors (the CLI's words; the window
says the same through tr() in `desktop.ui.attachment_text`)."""

from __future__ import annotations

from desktop.core import media
from desktop.core.attachments.local import AttachmentRefused, Refusal

# Coze's file errors 4300–4304: neither official SDK (coze-dev/coze-py, coze-dev/coze-js) names these
# codes or says what each means, so the sentence is the same generic one for all of them, with the code
# (the local server answers with them, but its meanings are its own). Whether Coze still has a file is
# asked of `/v1/files/retrieve` instead (desktop.core.attachments.upload.forgotten), never read from a code.
UPLOAD_CODES = range(4300, 4305)


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


def upload_error_text(code: int | None) -> str | None:
    if code is None or code not in UPLOAD_CODES:
        return None
    return (
        f"Coze did not accept the file (code {code}). Check that it is a type Coze reads and under 512 MB, "
        "then send it again; the message was kept."
    )
