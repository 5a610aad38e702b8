"""The history verbs: `list`, `show`, `search`, `export`, `import` over the profile's local history.

Exit codes: 0 done, 1 a data problem (one line on stderr: unknown conversation, invalid import
file, unreadable database), 2 bad usage (argparse). Never a traceback. The profile is created if it
does not exist yet (an empty history).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.commands.arguments import add_id_option
from desktop.commands.exit_codes import ExitCode
from desktop.commands.history_pdf import PdfWriter, child_export, profile_of, write_pdf
from desktop.commands.import_source import not_json_sentence, read_export
from desktop.commands.plural import counted
from desktop.commands.speech import language, say
from desktop.commands.terminal import StdinProblem
from desktop.core.answer_downloads import export_fetch
from desktop.core.files import atomic_write
from desktop.core.store import InvalidExportFile, Message, NotFoundError, Store, StoreError
from desktop.core.store.db import is_corruption
from desktop.core.store.models import DIALOGUE_TYPES, DiskFullError
from desktop.core.store.transfer import (
    import_json,
    write_json,
    write_markdown,
)
from desktop.core.store.transfer.attachments import AttachmentAssets
from desktop.core.store.transfer.format import NotJson
from desktop.core.timestamps import local_time
from desktop.core.vocabulary import MessageStatus, Role

LIST_PAGE = 500

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[Any], pdf_writer: PdfWriter | None = None) -> None:
    """Add the history verbs to the top-level parser's subparsers. `pdf_writer` makes the PDF of
    `export --format pdf` (it draws with the window's renderer, so it comes from outside the verbs)."""
    p = subparsers.add_parser("list", help="list local conversations, newest first")
    p.add_argument("--all", action="store_true", help="include archived conversations")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N conversations (0 = all)")
    p.set_defaults(handler=_guard(cmd_list))

    p = subparsers.add_parser("show", help="print one conversation")
    p.add_argument("conversation", type=int, metavar="LOCAL_ID", help="the id shown by `list`")
    p.set_defaults(handler=_guard(cmd_show))

    p = subparsers.add_parser("search", help="search message text (Chinese and English)")
    p.add_argument("query", metavar="QUERY", help="a literal phrase; 1 character is enough")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (default 50)")
    p.set_defaults(handler=_guard(cmd_search))

    p = subparsers.add_parser("export", help="export the history (or one conversation)")
    add_id_option(
        p,
        "--conversation-id",
        old="--conversation",
        dest="conversation",
        type=int,
        metavar="LOCAL_ID",
        help="only this conversation",
    )
    p.add_argument(
        "--format", choices=("md", "json", "pdf"), default="json", help="json (default), md, or pdf (needs -o FILE)"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    # The window's PDF export runs this verb in a child process (desktop/core/pdf_child.py): the look
    # it shows, and `--child`. Not for people: hidden.
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--language", choices=("en", "zh_CN"), default="en", help=argparse.SUPPRESS)
    p.add_argument("--font", default="", help=argparse.SUPPRESS)
    p.add_argument("--picture-cache", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--attachments", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--no-pictures", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=_guard(cmd_export), pdf_writer=pdf_writer)

    p = subparsers.add_parser("import", help="merge a JSON export into the history (no duplicates)")
    p.add_argument("file", metavar="FILE", help="a JSON export file, or - for stdin")
    p.set_defaults(handler=_guard(cmd_import))


# --- plumbing ---


def _error(message: str) -> int:
    print(say("error: {message}", message=message), file=sys.stderr)
    return ExitCode.ERROR


def _os_problem(exc: OSError) -> str:
    """A file that could not be read or written, in the profile's language with what to do; the OS's own
    (English) words only for a rarer failure."""
    path = str(exc.filename) if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return say("the disk is full: free some space, then try again")
    if path and exc.errno == errno.ENOENT:
        return say("{path} does not exist: check the path (a folder to write into must exist already)", path=path)
    if path and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return say("{path} cannot be used here (no permission, or a read-only disk): choose another place", path=path)
    return f"{exc.strerror or exc}: {path}" if path else str(exc.strerror or exc)


def _guard(command: Handler) -> Handler:
    """Run `command` turning every expected failure into one line on stderr and exit code 1."""

    def handler(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except NotFoundError as exc:
            return _error(str(exc))
        except NotJson as exc:
            return _error(not_json_sentence(exc))
        except InvalidExportFile as exc:
            return _error(say("invalid import file: {reason}", reason=exc))
        except BrokenPipeError:
            # `coze-desktop list | head`: the reader left. Keep Python from complaining at exit.
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return ExitCode.ERROR
        except StoreError as exc:
            return _error(str(exc))
        except sqlite3.DatabaseError as exc:
            if is_corruption(exc) and not getattr(args, "check_integrity", False):
                # Damage a big history was not checked for at open: check now (the file is moved aside
                # and what can be read is salvaged), then do it again on the salvaged history.
                args.check_integrity = True
                return handler(args)
            return _error(say("history database: {reason}", reason=exc))
        except sqlite3.Error as exc:
            return _error(say("history database: {reason}", reason=exc))
        except OSError as exc:
            return _error(_os_problem(exc))
        except KeyboardInterrupt:
            return ExitCode.INTERRUPTED

    handler.__name__ = command.__name__
    handler.__doc__ = command.__doc__
    return handler


def _open_store(args: argparse.Namespace, *, check: bool = False) -> Store:
    """`check`: look for damage at open whatever the file's size (before a verb that reads everything
    prints anything), so a damaged history is salvaged first."""
    profile = profile_of(args)
    if profile.is_writable():
        profile.ensure()
    check = check or getattr(args, "check_integrity", False)
    # Recovers only answers whose writer is gone; read-only where the profile cannot be written (a
    # read-only mount): the reading verbs still work.
    try:
        store = Store.open(profile.database_path, integrity_check=True if check else None)
    except DiskFullError as exc:  # the history can still be read: the reading verbs work
        store = Store.open(profile.database_path, read_only=True)
        print(say("warning: {reason}; the history is open read-only", reason=exc), file=sys.stderr)
    if store.recovered_from is not None:
        moved = say("warning: the history database was damaged; it was moved to {path}", path=store.recovered_from)
        print(moved, file=sys.stderr)
        salvaged = store.salvaged
        if salvaged is not None and salvaged.copied:
            lost = (
                ""
                if salvaged.complete
                else say("; {parts} could not be read", parts=counted(salvaged.gaps, "damaged part"))
            )
            conversations, messages = (
                counted(salvaged.rows("conversations"), "conversation"),
                counted(salvaged.rows("messages"), "message"),
            )
            print(
                say(
                    "warning: salvaged {conversations} and {messages} from it into a new history",
                    conversations=conversations,
                    messages=messages,
                )
                + lost,
                file=sys.stderr,
            )
        else:
            print(say("warning: nothing could be read from it; a new empty history was started"), file=sys.stderr)
    return store


def _when(timestamp: float) -> str:
    return local_time(timestamp)


def _bot_name(store: Store, bot_id: str) -> str:
    bot = store.bots.get(bot_id)
    return bot.name if bot is not None and bot.name else say("Bot")


def _status_marker(message: Message) -> str:
    if message.status == MessageStatus.COMPLETE:
        return ""
    if message.status == MessageStatus.FAILED and message.error is not None:
        details = [message.error.msg] if message.error.msg else []
        if message.error.code is not None:
            details.append(say("code {code}", code=message.error.code))
        if message.error.logid:
            details.append(f"logid {message.error.logid}")
        return say(" [failed: {details}]", details=", ".join(details)) if details else say(" [failed]")
    return f" [{message.status}]"


def _body(message: Message) -> list[str]:
    """A message's reasoning (each line after "  > ") and its text."""
    lines = [f"  > {line}" for line in message.reasoning_content.splitlines()]
    return lines + ([message.content] if message.content else [])


# --- verbs ---


def cmd_list(args: argparse.Namespace) -> int:
    """One line per conversation: local id, last update, title, last message preview."""
    with _open_store(args) as store:
        printed = 0
        while args.limit <= 0 or printed < args.limit:
            page = LIST_PAGE if args.limit <= 0 else min(LIST_PAGE, args.limit - printed)
            rows = store.conversations.page(page, printed, include_archived=args.all)
            for row in rows:
                flags = (say("[pinned] ") if row.pinned else "") + (say("[archived] ") if row.archived else "")
                speaker = say("You") if row.last_message_role == Role.USER else (row.bot_name or say("Bot"))
                preview = f"  · {speaker}: {row.last_message_preview}" if row.last_message_role else ""
                print(f"{row.id:>6}  {_when(row.updated_at)}  {flags}{row.title or say('(untitled)')}{preview}")
            printed += len(rows)
            if len(rows) < page:
                break
        if printed == 0:
            print(say("no conversations"), file=sys.stderr)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    """A conversation's messages with speaker labels and status markers."""
    with _open_store(args, check=True) as store:
        conversation = store.conversations.get(args.conversation)
        if conversation is None:
            raise NotFoundError(say("conversation {id} not found", id=args.conversation))
        bot_name = _bot_name(store, conversation.bot_id)
        print(f"# {conversation.title or say('(untitled)')}")
        flags = (say(" · pinned") if conversation.pinned else "") + (
            say(" · archived") if conversation.archived else ""
        )
        started = _when(conversation.created_at)
        print(
            say(
                "conversation {id} · {bot} ({bot_id}) · started {when}",
                id=conversation.id,
                bot=bot_name,
                bot_id=conversation.bot_id,
                when=started,
            )
            + flags
        )
        versions = store.versions.in_conversation(conversation.id)
        question = ""
        for message in store.messages.all(conversation.id):
            speaker = say("You") if message.role == Role.USER else bot_name
            if message.type not in DIALOGUE_TYPES:
                speaker += f" ({message.type})"
            earlier = versions.get(message.id, [])
            count = len(earlier) + 1
            shown = say(" (version {number} of {count})", number=count, count=count) if earlier else ""
            print(f"\n[{_when(message.created_at)}] {speaker}:{_status_marker(message)}{shown}")
            body = _body(message)
            if body:
                print("\n".join(body))
            question = message.content if message.role == Role.USER else question
            for number, version in enumerate(earlier, start=1):  # after the one shown, indented
                asked = (
                    ""
                    if version.question == question
                    else say(" · asked as: {question}", question=" ".join(version.question.split()))
                )
                head = say(
                    "earlier version {number} of {count} · {when}",
                    number=number,
                    count=count,
                    when=_when(version.answer.created_at),
                )
                print(f"\n  [{head}]{_status_marker(version.answer)}{asked}")
                print("\n".join("  | " + line for line in "\n".join(_body(version.answer)).splitlines()))
        follow_ups = store.conversations.follow_ups(conversation.id)
        if follow_ups:
            print("\n" + say("Suggested follow-ups:"))
            for question in follow_ups:
                print(f"  - {question}")
    return ExitCode.OK


def cmd_search(args: argparse.Namespace) -> int:
    """Hits, newest first: conversation id and title, who said it, the snippet."""
    if not args.query.strip():
        return _error(say("the search query is empty"))
    with _open_store(args) as store:
        if not store.read_only:  # answers `ask` finished since the window last ran (found either way)
            with contextlib.suppress(StoreError):
                store.search.index_pending()
        hits = store.search.find(args.query, limit=max(1, args.limit))
        names: dict[int, str] = {}
        for hit in hits:
            if hit.role == Role.USER:
                speaker = say("You")
            else:
                if hit.conversation_id not in names:
                    conversation = store.conversations.get(hit.conversation_id)
                    names[hit.conversation_id] = _bot_name(store, conversation.bot_id) if conversation else say("Bot")
                speaker = names[hit.conversation_id]
            print(
                f"{hit.conversation_id:>6}  {_when(hit.created_at)}  {hit.conversation_title or say('(untitled)')}"
                f"  · {speaker}: {hit.snippet}"
            )
        if not hits:
            print(say("no matches"), file=sys.stderr)
    return ExitCode.OK


def _write_export(store: Store, args: argparse.Namespace, out: TextIO) -> None:
    if args.format == "md":
        assets = None
        if args.output is not None:  # attached files go next to the .md, linked relatively, and the
            profile = profile_of(args)  # answers' pictures and files: from the window's cache, or fetched
            fetch = export_fetch(profile.image_cache_dir)
            assets = AttachmentAssets.beside(profile.attachments_dir, args.output, fetch)
        write_markdown(store, out, args.conversation, assets=assets, language=language())
    else:
        write_json(store, out, args.conversation)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export to stdout or, atomically (temp file + rename), to `-o FILE`."""
    if args.child:
        if args.format != "pdf" or args.output is None:
            _error(say("--child writes a PDF to -o FILE"))
            return ExitCode.USAGE
        return child_export(args, args.output)
    with _open_store(args, check=True) as store:
        if args.conversation is not None and store.conversations.get(args.conversation) is None:
            raise NotFoundError(say("conversation {id} not found", id=args.conversation))
        if args.output is None and args.format == "pdf":
            _error(say("a PDF does not go to the terminal: write it to a file with -o FILE"))
            return ExitCode.USAGE
        if args.output is None:
            _write_export(store, args, sys.stdout)
            sys.stdout.flush()
            return ExitCode.OK
        target: Path = args.output
        if args.format == "pdf":
            write_pdf(store, args, target)
        else:
            with atomic_write(target) as out:
                _write_export(store, args, out)
    print(say("exported to {path}", path=target), file=sys.stderr)
    return ExitCode.OK


def cmd_import(args: argparse.Namespace) -> int:
    """Merge a JSON export; prints what was added and what was already there."""
    try:
        data = read_export(args.file)  # a stream (stdin, a pipe) is bounded: see import_source
    except StdinProblem as exc:
        print(say("error: {message}", message=exc), file=sys.stderr)
        return ExitCode.USAGE
    with _open_store(args) as store:
        result = import_json(store, data)
    conversations, messages = (
        counted(result.conversations_added, "conversation"),
        counted(result.messages_added, "message"),
    )
    print(
        say(
            "imported {conversations} and {messages} ({present} already present)",
            conversations=conversations,
            messages=messages,
            present=result.skipped_duplicates,
        )
    )
    return ExitCode.OK
