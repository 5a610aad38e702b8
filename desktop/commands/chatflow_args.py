"""`ask` with a chatflow: `--workflow-id ID (--app-id ID | --bot-id ID) [--param KEY=VALUE …]`, and what
`ask` prints when the chatflow stops at a question or input card (exit 3: answer with `--conversation-id`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from desktop.commands.connect import SetupProblem
from desktop.commands.speech import say
from desktop.core.coze.workflows import ChatflowTarget
from desktop.core.store import Conversation
from desktop.core.workflow_cards import CardKind, WorkflowCard


def add_arguments(parser: Any) -> None:
    parser.add_argument(
        "--workflow-id", metavar="ID", help="chat with this chatflow (published), run in --app-id or --bot-id"
    )
    parser.add_argument("--app-id", metavar="ID", help="the Coze app the chatflow belongs to")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="params",
        type=_pair,
        help="a chatflow input parameter, or a --shortcut command's input (repeat for several; values are strings)",
    )


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(say("expected KEY=VALUE, got {text}", text=repr(text)))
    return key.strip(), value


def target_from_flags(args: argparse.Namespace, *, params_for_shortcut: bool = False) -> ChatflowTarget | None:
    """The chatflow the flags name (None: no --workflow-id); SetupProblem for a wrong combination.
    `params_for_shortcut`: the --param flags are a shortcut command's inputs."""
    if not args.workflow_id:
        if args.app_id:
            raise SetupProblem(say("--app-id needs --workflow-id (the chatflow to run in the app)"))
        if args.params and not params_for_shortcut:
            raise SetupProblem(
                say("--param is for chatflows and shortcut commands: pass --workflow-id or --shortcut too")
            )
        return None
    if bool(args.app_id) == bool(args.bot_id):
        raise SetupProblem(say("a chatflow runs in an app or a bot: pass exactly one of --app-id and --bot-id"))
    return ChatflowTarget(
        args.workflow_id.strip(), (args.app_id or "").strip(), (args.bot_id or "").strip(), dict(args.params)
    )


def target_of(conversation: Conversation, flags: ChatflowTarget | None, bot_flag: str | None) -> ChatflowTarget | None:
    """The target a conversation continues with: its own; flags naming another one are a SetupProblem."""
    if not conversation.is_chatflow:
        if flags is not None:
            raise SetupProblem(
                say("conversation {id} talks to bot {bot}, not a chatflow", id=conversation.id, bot=conversation.bot_id)
            )
        return None
    own = ChatflowTarget(conversation.bot_id, conversation.app_id or "", conversation.host_bot_id or "")
    if flags is None:
        if bot_flag and bot_flag.strip() != own.bot_id:
            raise SetupProblem(
                say(
                    "conversation {id} talks to chatflow {workflow}, not bot {bot}",
                    id=conversation.id,
                    workflow=own.workflow_id,
                    bot=bot_flag,
                )
            )
        return own
    if (flags.workflow_id, flags.app_id, flags.bot_id) != (own.workflow_id, own.app_id, own.bot_id):
        raise SetupProblem(
            say(
                "conversation {id} talks to another chatflow ({workflow})", id=conversation.id, workflow=own.workflow_id
            )
        )
    return flags


def print_card(card: WorkflowCard, conversation_id: str | None, out: TextIO | None = None) -> None:
    """What a card asks, on stderr: the options numbered, or the fields to fill, and how to answer."""
    out = out or sys.stderr
    where = conversation_id or "ID"
    if card.kind is CardKind.QUESTION:
        if card.title:
            print(card.title, file=out)
        for number, option in enumerate(card.options, start=1):
            print(f"  {number}. {option}", file=out)
        print(say("answer with: {command}", command=f"coze-desktop ask --conversation-id {where} OPTION"), file=out)
    else:
        print(say("the chatflow asks for: {fields}", fields=", ".join(card.fields)), file=out)
        example = "\\n".join(f"{name}:…" for name in card.fields)
        print(
            say("answer with: {command}", command=f"coze-desktop ask --conversation-id {where} $'{example}'"), file=out
        )
    out.flush()
