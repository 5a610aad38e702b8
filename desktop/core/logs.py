"""Logging: a rotating file in the profile, and a filter that keeps secrets out of every record.

Message bodies are never logged at INFO (the code logs ids and sizes); tokens are redacted even if a
library logs a header or a URL at DEBUG.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

_SECRETS = [
    (re.compile(r"(Bearer\s+)[^\s'\"]+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"(Authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\n]+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"\b(pat|sat|czs)_[A-Za-z0-9]{8,}"), r"\1_[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def __init__(self, extra_secrets: list[str] | None = None) -> None:
        super().__init__()
        self._extra = [s for s in (extra_secrets or []) if len(s) >= 4]

    def add_secret(self, secret: str) -> None:
        if len(secret) >= 4 and secret not in self._extra:
            self._extra.append(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        message = redact(record.getMessage())
        for secret in self._extra:
            message = message.replace(secret, "[redacted]")
        record.msg = message
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            for secret in self._extra:
                record.exc_text = record.exc_text.replace(secret, "[redacted]")
            record.exc_info = None
        return True


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file; when it cannot be written (a full disk), says so once on stderr and goes on quietly,
    instead of a traceback on stderr for every line logged."""

    _failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        if not self._failed:
            self._failed = True
            print(
                f"coze-desktop: the log cannot be written ({error.strerror or error}); going on without it",
                file=sys.stderr,
            )


def setup_logging(log_dir: Path, level: int = logging.INFO, *, to_stderr: bool = False) -> RedactingFilter:
    """Send the app's logs to `log_dir/coze-desktop.log` (1 MB x 5). Returns the redacting filter so the
    caller can register the token it uses (it is then replaced wherever it appears)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    redactor = RedactingFilter()
    handler = _LogFile(log_dir / "coze-desktop.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_coze_desktop", False)]:
        root.removeHandler(old)
        old.close()
    handler._coze_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if to_stderr:
        stream = logging.StreamHandler()
        stream.addFilter(redactor)
        stream._coze_desktop = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    # urllib3 logs full URLs and headers at DEBUG; keep it at WARNING whatever our level.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return redactor
