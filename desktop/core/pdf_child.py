"""The window's PDF export as a child process: what it is asked and what it says back, in one place
for both sides (`desktop.commands.history` runs it, `desktop.services.pdf_child` starts and reads it).

Why a process: drawing a PDF lays out text with Qt from Python. On a worker thread of the window that
holds the interpreter lock inside Qt (`QTextDocument.size()`, font look-ups) while the GUI thread may
hold a Qt lock and want the interpreter lock (PySide6 deleting a widget): once, both waited forever.
A process of its own shares neither lock with the window; it is the CLI's `export --format pdf`.

The child: `coze-desktop --profile DIR export --format pdf -o FILE --child [look options]`
    stdout  `temporary PATH` first (the file it writes, renamed to FILE when complete: the window removes
            it if the child dies before that), `progress DONE TOTAL` per message drawn; `failed ERRNO REASON`
            if the file could not be written (ERRNO: the error's name, e.g. EROFS, or "-")
    stdin   closing it (Cancel, or the window gone) stops the export at the next message: no file
    exit    0 written, 130 cancelled, 1 failed (one line on stderr, as every verb)
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

PROGRESS = "progress"
FAILED = "failed"
TEMPORARY = "temporary"


@dataclass(frozen=True)
class PdfLook:
    """What a PDF is drawn with: the pictures of answers (a picture cache folder; None: links only), the
    local copies of attached files (None: questions' pictures as boxes with their names), the language of
    its labels ("en" or "zh_CN") and the font (`QFont.toString()`; "" for the application's)."""

    picture_cache: Path | None
    attachments: Path | None
    language: str = "en"
    font: str = ""


def child_arguments(profile: Path, target: Path, conversation_id: int | None, look: PdfLook) -> list[str]:
    """The app's command-line arguments (after the program) of the child that writes `target`."""
    args = ["--profile", str(profile), "export", "--format", "pdf", "-o", str(target), "--child"]
    if conversation_id is not None:
        args += ["--conversation-id", str(conversation_id)]
    args += ["--language", look.language, "--font", look.font]
    args += ["--no-pictures"] if look.picture_cache is None else ["--picture-cache", str(look.picture_cache)]
    if look.attachments is not None:
        args += ["--attachments", str(look.attachments)]
    return args


def progress_line(done: int, total: int) -> str:
    return f"{PROGRESS} {done} {total}"


def parse_progress(line: str) -> tuple[int, int] | None:
    """(done, total) of a progress line; None for any other line."""
    parts = line.split()
    if len(parts) == 3 and parts[0] == PROGRESS and parts[1].isdigit() and parts[2].isdigit():
        return int(parts[1]), int(parts[2])
    return None


def failed_line(reason: str, code: int | None = None) -> str:
    """`code`: the OSError's errno, for the window to say in the user's language what went wrong."""
    name = errno.errorcode.get(code, "-") if code is not None else "-"
    return f"{FAILED} {name} {' '.join(reason.split())}"


def parse_failed(line: str) -> tuple[int | None, str] | None:
    """(errno or None, reason) of a failed line; None for any other line."""
    if not line.startswith(FAILED + " "):
        return None
    name, _, reason = line[len(FAILED) + 1 :].strip().partition(" ")
    code = getattr(errno, name, None) if name.startswith("E") else None
    return (code if isinstance(code, int) else None), reason.strip()


def temporary_line(path: Path) -> str:
    return f"{TEMPORARY} {path}"


def parse_temporary(line: str) -> Path | None:
    """The file of a temporary line; None for any other line."""
    return Path(line[len(TEMPORARY) + 1 :]) if line.startswith(TEMPORARY + " ") else None
