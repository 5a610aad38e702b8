"""Logs never hold a token: the redacting filter, the rotating file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.logs import redact, setup_logging

SECRET = "pat_AbCdEf0123456789SECRET"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    yield tmp_path / "logs"
    for handler in list(root.handlers):
        if handler not in before[0]:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(before[1])


def test_redact_patterns() -> None:
    assert SECRET not in redact(f"Authorization: Bearer {SECRET}")
    assert SECRET not in redact(f"headers={{'Authorization': 'Bearer {SECRET}'}}")
    assert SECRET not in redact(f"token {SECRET} leaked")
    assert redact("nothing secret here") == "nothing secret here"


def test_log_file_never_contains_the_token(log_dir: Path) -> None:
    redactor = setup_logging(log_dir, logging.DEBUG)
    redactor.add_secret("plain-secret-without-prefix")
    log = logging.getLogger("desktop.test")
    log.info("sending with Bearer %s", SECRET)
    log.debug("odd token plain-secret-without-prefix in a message")
    try:
        raise RuntimeError(f"failed with {SECRET}")
    except RuntimeError:
        log.exception("crash")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (log_dir / "coze-desktop.log").read_text(encoding="utf-8")
    assert "sending with Bearer [redacted]" in text and "crash" in text
    assert SECRET not in text and "plain-secret-without-prefix" not in text
