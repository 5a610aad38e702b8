"""The PDF of `export --format pdf`: written here, or, with `--child`, as the window's export in a process
of its own (desktop/core/pdf_child.py reads the lines it prints). The drawing comes from outside the
verbs (`PdfWriter`: it uses the window's renderer, so Qt is loaded for this verb only)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.commands.exit_codes import ExitCode
from desktop.core.files import atomic_path
from desktop.core.pdf_child import PdfLook, failed_line, progress_line, temporary_line
from desktop.core.profile import Profile
from desktop.core.store import NotFoundError, Store, StoreError
from desktop.core.store.transfer import FileWriter, Progress, TransferCancelled, no_progress, walk

# (file to write, its look) → writer
PdfWriter = Callable[[Path, PdfLook], FileWriter]


def profile_of(args: argparse.Namespace) -> Profile:
    return Profile(args.profile) if getattr(args, "profile", None) else Profile.default()


def _pdf_look(args: argparse.Namespace) -> PdfLook:
    profile = profile_of(args)
    cache = None if args.no_pictures else (args.picture_cache or profile.image_cache_dir)
    return PdfLook(cache, args.attachments or profile.attachments_dir, args.language, args.font)


def write_pdf(
    store: Store, args: argparse.Namespace, target: Path, progress: Progress = no_progress, *, child: bool = False
) -> None:
    """`child`: the temporary file is named on stdout first, for the window to remove if this process dies."""
    if args.pdf_writer is None:
        raise StoreError("PDF export is not available in this program")
    with atomic_path(target) as temporary:
        if child:
            print(temporary_line(temporary), flush=True)
        writer = args.pdf_writer(temporary, _pdf_look(args))
        try:
            walk(store, args.conversation, writer, progress)
        finally:
            writer.close()


def child_export(args: argparse.Namespace, target: Path) -> int:
    """`export --format pdf --child`: the window's export in a process of its own (desktop/core/pdf_child.py).
    The history is read read-only (the window owns it); stdin closing stops it at the next message and
    the half-written file is removed."""
    stop = threading.Event()

    def watch_stdin() -> None:
        # os.read, not sys.stdin: a daemon thread blocked in a buffered reader aborts the interpreter's exit
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass
        stop.set()

    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    def progress(done: int, total: int) -> None:
        if stop.is_set():
            raise TransferCancelled
        print(progress_line(done, total), flush=True)

    profile = profile_of(args)
    try:
        with Store.open(profile.database_path, read_only=True) as store:
            if args.conversation is not None and store.conversations.get(args.conversation) is None:
                raise NotFoundError(f"conversation {args.conversation} not found")
            write_pdf(store, args, target, progress, child=True)
    except TransferCancelled:
        return ExitCode.INTERRUPTED
    except OSError as exc:  # the reason without the temporary file's name
        print(failed_line(exc.strerror or str(exc), exc.errno), flush=True)
        raise
    except (StoreError, sqlite3.Error) as exc:
        print(failed_line(str(exc)), flush=True)
        raise
    return ExitCode.OK
