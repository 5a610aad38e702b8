"""`coze-desktop serve-demo`: the local Coze-compatible server with its demo bot, alone."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.exit_codes import ExitCode


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve-demo",
        help="run the local Coze-compatible server with the demo bot",
        description="Run the local Coze-compatible server (demo bot, test scenarios) and print its base URL.",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--token", action="append", help="accepted token (repeatable; default: the demo token)")
    parser.add_argument("--pace", type=float, default=0.02, help="seconds between streamed deltas (default 0.02)")
    parser.add_argument("--language", choices=("zh", "en"), default="en", help="language of the demo bot's intro")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.cozeserver import DEMO_TOKEN, serve

    serve(args.port, set(args.token or [DEMO_TOKEN]), args.pace, args.language)
    return ExitCode.OK
