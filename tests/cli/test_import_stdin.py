"""`import -` (and an import FILE that is a pipe) reads its export a piece at a time, as the JSON import
does: stdin that is no JSON (`< /dev/zero`) is said at its first byte, a stream that never ends is refused
past its bound with a usage error, and a real export far over `ask -`'s 4 MiB still imports. Before,
`import - < /dev/zero` read without limit until memory ran out."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.commands.import_source import read_export
from desktop.commands.terminal import StdinProblem
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.core.store.transfer import export_json

LIMIT = 1 << 20


def run(
    tmp_path: Path, *args: str, stdin: object = None, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), *args],
        stdin=stdin,  # type: ignore[arg-type]
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_stdin_that_is_no_json_is_said_at_once(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        done = run(tmp_path, "import", "-", stdin=zeros)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"invalid import file: not valid JSON at line 1, column 1 (the file is damaged" in done.stderr


@pytest.fixture
def endless_pipe() -> Iterator[int]:
    """The read end of a real pipe whose writer sends the start of a string, then never stops."""
    reader, writer = os.pipe()

    def write() -> None:
        try:
            with open(writer, "wb", buffering=0) as out:
                out.write(b'{"format": "')
                while True:
                    out.write(b"a" * 65536)
        except OSError:  # the reader closed its end (BrokenPipeError): done
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    yield reader
    thread.join(timeout=10)


def test_a_pipe_that_never_ends_is_refused_past_the_bound(endless_pipe: int) -> None:
    with pytest.raises(StdinProblem, match=r"goes on past 1 MiB .* save it to a file and import that file"):
        read_export(f"/dev/fd/{endless_pipe}", limit=LIMIT)  # as `import <(…)` names it
    os.close(endless_pipe)


def test_stdin_that_never_ends_is_refused_past_the_bound(endless_pipe: int, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(endless_pipe, "rb") as raw:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
        with pytest.raises(StdinProblem, match=r"^stdin goes on past 1 MiB"):
            read_export("-", limit=LIMIT)


def test_a_real_export_far_over_ask_s_limit_imports_from_stdin(tmp_path: Path) -> None:
    with Store.open(tmp_path / "source.sqlite3") as source:
        for number in range(6):
            conversation = source.conversations.create("7451000000000000001", title=f"chat {number}")
            for _ in range(20):
                source.messages.add_question(conversation.id, "长文本 long text " * 4_000)
        export = json.dumps(export_json(source), ensure_ascii=False).encode()
    assert len(export) > 8 << 20  # twice what `ask -` takes from stdin
    done = run(tmp_path, "import", "-", data=export)
    assert done.returncode == 0, done.stderr
    assert b"imported 6 conversations and 120 messages" in done.stdout
    with Store.open(Profile(tmp_path / "p").database_path) as imported:
        assert len(imported.conversations.ids()) == 6
