"""The exit codes of every `coze-desktop` verb, in one place (scripts depend on them)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # the verb ran and failed: a Coze error, a missing conversation, an unreadable history...
    USAGE = 2  # the command line or the setup is wrong (argparse uses 2 as well)
    NEEDS_ANSWER = 3  # a chatflow stopped at a question or input card: answer with `ask --conversation-id`
    INTERRUPTED = 130  # Ctrl+C (128 + SIGINT), as shells report it
    BROKEN_PIPE = 141  # whoever read our stdout closed it (128 + SIGPIPE)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)
