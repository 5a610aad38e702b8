"""`coze-desktop bots`: every bot published to the API channel in your workspaces.

    coze-desktop [--profile DIR] bots [--workspace-id ID] [--api-base URL] [--json]

Uses the active credential for the API base (the signed-in account or the PAT; COZE_API_TOKEN
overrides). `--json` prints one object per line with bot_id, name, description, workspace_id and
icon_url. Exit 0 listed, 1 Coze refused (a missing permission is named), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.commands.advice import advice
from desktop.commands.connect import SetupProblem, destination_of
from desktop.commands.exit_codes import ExitCode
from desktop.core.coze import CozeClient, CozeError
from desktop.core.coze.catalog import BotSummary, Workspace, load_catalog
from desktop.core.profile import Profile
from desktop.core.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bots",
        help="list the bots published to the API channel in your workspaces",
        description="List every bot published to the API channel in every workspace (or one), all pages.",
    )
    parser.add_argument("--workspace-id", metavar="ID", help="only this workspace")
    parser.add_argument("--api-base", metavar="URL", help="API base (default: COZE_API_BASE, else settings)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(handler=run)


def _fail(message: str, code: int) -> int:
    print(f"coze-desktop bots: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    try:
        api_base, credential = destination_of(settings, args.api_base)
    except SetupProblem as exc:
        return _fail(str(exc), ExitCode.USAGE)
    try:
        with CozeClient(credential, api_base) as client:
            for space, bots in load_catalog(client, (args.workspace_id or "").strip() or None):
                for bot in bots:
                    _print(bot, space, args.json)
    except CozeError as exc:
        return _fail(f"{exc.summary()} — {advice(exc, settings, api_base=api_base)}", ExitCode.ERROR)
    return ExitCode.OK


def _print(bot: BotSummary, space: Workspace, as_json: bool) -> None:
    if as_json:
        print(json.dumps(bot.to_json(), ensure_ascii=False), flush=True)
    else:
        description = f" — {bot.description}" if bot.description else ""
        print(f"{bot.bot_id}  {bot.name}  [{space.name}]{description}", flush=True)
