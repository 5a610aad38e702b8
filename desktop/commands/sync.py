"""`coze-desktop sync`: pull the bots' conversations on Coze into the local history.

    coze-desktop [--profile DIR] sync [--api-base URL] [--bot-id ID ...] [--json]

Without `--bot-id`, every bot in Settings. Token and API base as for `ask`. Prints what it added (one
line per bot; `--json`: one object per bot); a second run adds nothing. Exit 0 synced, 1 Coze refused
or the connection dropped (what was read is kept: run it again to continue), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.commands import arguments
from desktop.commands.advice import advice
from desktop.commands.connect import SetupProblem, destination_of
from desktop.commands.exit_codes import ExitCode
from desktop.commands.plural import counted
from desktop.commands.speech import say
from desktop.core.chat.targets import parse_key
from desktop.core.coze import CozeClient, CozeError
from desktop.core.profile import Profile
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store, StoreError
from desktop.core.sync import Puller, SyncReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="pull your bots' conversations on Coze into the local history",
        description="Add the conversations Coze keeps for your bots (API and chat SDK channels) and their "
        "messages to the local history, without duplicates. Nothing is uploaded.",
    )
    parser.add_argument(
        "--api-base", metavar="URL", type=arguments.api_base, help="API base (default: COZE_API_BASE, else settings)"
    )
    parser.add_argument(
        "--bot-id", metavar="ID", action="append", default=[], help="this bot only (repeatable; default: every bot)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per bot")
    parser.set_defaults(handler=run)


NOT_LISTED = "{key}: not synced: Coze lists conversations by bot, not by chatflow; its chats here stay as they are"


def _fail(message: str, code: int) -> int:
    print(f"coze-desktop sync: {message}", file=sys.stderr)
    return code


def bots_to_sync(settings: Settings, flags: list[str], environment_bot: str | None) -> list[str]:
    chosen = [b.strip() for b in flags if b.strip()] or ([environment_bot] if environment_bot else settings.bot_ids)
    return list(dict.fromkeys(chosen))


def run(args: argparse.Namespace) -> int:
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    try:
        api_base, credential = destination_of(settings, args.api_base)
    except SetupProblem as exc:
        return _fail(str(exc), ExitCode.USAGE)
    chosen = bots_to_sync(settings, args.bot_id, Overrides.from_environment().bot_id)
    if not chosen:
        return _fail(say("no bot to sync: pass --bot-id ID or add a bot in Settings"), ExitCode.USAGE)
    # Coze lists conversations by bot (GET /v1/conversations?bot_id=): a chatflow has no list to pull, as
    # in the window. Saying "0 on Coze" for one would be untrue.
    for key in (key for key in chosen if parse_key(key) is not None):
        print(f"coze-desktop sync: {say(NOT_LISTED, key=key)}", file=sys.stderr)
    bot_ids = [key for key in chosen if parse_key(key) is None]
    if not bot_ids:
        return ExitCode.OK
    try:
        store = Store.open(profile.database_path)
    except StoreError as exc:
        return _fail(say("the history cannot be opened: {reason}", reason=exc), ExitCode.ERROR)
    try:
        with CozeClient(credential, api_base) as client:
            puller = Puller(client, store, on_retry=_say_retry)
            for bot_id in bot_ids:
                _print(puller.pull(bot_id), args.json)
    except CozeError as exc:
        return _fail(
            f"{exc.summary()} — {advice(exc, settings, api_base=api_base)} "
            + say("(what was read is kept; run sync again)"),
            ExitCode.ERROR,
        )
    except StoreError as exc:
        return _fail(say("the history cannot be written: {reason}", reason=exc), ExitCode.ERROR)
    finally:
        store.close()
    return ExitCode.OK


def _say_retry(seconds: float, attempt: int, error: CozeError) -> None:
    retry = say("Coze says {reason}; retrying in {seconds} s…", reason=error.summary(), seconds=f"{seconds:.0f}")
    print(f"coze-desktop sync: {retry}", file=sys.stderr)


def _print(report: SyncReport, as_json: bool) -> None:
    if as_json:
        fields = ("bot_id", "conversations_seen", "conversations_added", "messages_added", "renamed", "gone")
        print(json.dumps({name: getattr(report, name) for name in fields}, ensure_ascii=False), flush=True)
        return
    print(
        f"{report.bot_id}: "
        + say(
            "{conversations} and {messages} added ({seen} on Coze, {renamed} renamed, {gone} now only on this computer)",
            conversations=counted(report.conversations_added, "conversation"),
            messages=counted(report.messages_added, "message"),
            seen=report.conversations_seen,
            renamed=report.renamed,
            gone=report.gone,
        ),
        flush=True,
    )
