"""Files a user attaches: checked before upload (real type, size, emptiness) and described."""

from desktop.core.attachments.local import (
    COZE_MAX_UPLOAD_BYTES,
    AttachmentRefused,
    LocalFile,
    Refusal,
    inspect_bytes,
    inspect_file,
)

__all__ = [
    "COZE_MAX_UPLOAD_BYTES",
    "AttachmentRefused",
    "LocalFile",
    "Refusal",
    "inspect_bytes",
    "inspect_file",
]
