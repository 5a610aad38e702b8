"""`coze-desktop ask`: one question to a Coze bot, the answer streamed to stdout.

`coze-desktop [--profile DIR] ask [--api-base URL] [--bot-id ID] [--conversation-id ID] [--new] [--json]
[--file PATH ...] MESSAGE`; with a chatflow: `ask --workflow-id ID (--app-id ID | --bot-id ID)
[--param KEY=VALUE ...] MESSAGE`. A chatflow that stops at a question or input card exits 3.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

from desktop.commands import arguments, chatflow_args, shortcut_args
from desktop.commands.advice import failure_advice
from desktop.commands.answer_printer import AnswerPrinter
from desktop.commands.connect import Route, SetupProblem, api_base_choice, opened, resolver_for, route_of
from desktop.commands.exit_codes import ExitCode
from desktop.commands.shortcut_args import shortcut_for
from desktop.commands.speech import language, say
from desktop.commands.stopping import STOPPED, exit_code_for, terminate_as_interrupt
from desktop.commands.terminal import StdinProblem, flushed_by_caller, is_terminal, stdin_bytes
from desktop.core.attachments import AttachmentRefused, LocalFile, inspect_file
from desktop.core.attachments.text import refusal_text
from desktop.core.chat import ChatPump, ChatTurn, TurnEvent, TurnRequest
from desktop.core.chat.events import Retrying
from desktop.core.chat.targets import chatflow_key, key_of
from desktop.core.coze import ChatEvent, CozeClient
from desktop.core.coze.client import READ_TIMEOUT
from desktop.core.coze.workflows import ChatflowTarget
from desktop.core.destination import BotConflict, Choice, Resolver
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Conversation, Store, StoreError
from desktop.core.store.models import DiskFullError
from desktop.core.vocabulary import ChatOutcome
from desktop.core.workflow_cards import CardKind, WorkflowCard, parse_card

MAX_STDIN_BYTES = 4 << 20  # a question read from stdin (`ask -`): a bigger text goes as a file
LOCAL_ID_DIGITS = 12  # local ids are small; Coze ids have 19 digits


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("not a number of seconds: {text}", text=repr(text))) from None
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(say("the timeout must be between 0 and 86400 seconds"))
    return value


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="ask a Coze bot one question and stream the answer to stdout",
        description="Ask a Coze bot one question; the answer streams to stdout. "
        "Token from COZE_API_TOKEN, else the keyring.",
    )
    parser.add_argument(
        "--api-base", metavar="URL", type=arguments.api_base, help="API base (default: COZE_API_BASE, else settings)"
    )
    parser.add_argument("--bot-id", metavar="ID", help="bot ID (default: COZE_BOT_ID, else settings)")
    arguments.add_id_option(
        parser,
        "--conversation-id",
        old="--conversation",
        dest="conversation",
        metavar="ID",
        help="continue this conversation: a local id (see `list`) or a Coze id",
    )
    parser.add_argument("--new", action="store_true", help="start a new conversation instead of the current one")
    parser.add_argument("--json", action="store_true", help="print every event as a JSON line instead")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=READ_TIMEOUT,
        metavar="SECONDS",
        help=f"give up when no event arrives for SECONDS (keep-alive comments do not count; default {READ_TIMEOUT:g})",
    )
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="PATH",
        dest="files",
        help="attach a file (repeat for several); images go as images, other files as files",
    )
    chatflow_args.add_arguments(parser)
    shortcut_args.add_argument(parser)
    parser.add_argument(
        "message", metavar="MESSAGE", nargs="?", default="", help="the question ('-' reads it from stdin)"
    )
    parser.set_defaults(handler=run, usage_error=parser.error)


_READ_ONLY = "the history is read-only ({path} cannot be written): nothing was asked; make the folder writable"


def _fail(message: str, code: int) -> int:
    print(f"coze-desktop ask: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    if not args.message and not args.files and not args.shortcut:
        args.usage_error(say("MESSAGE is required unless a --file or a --shortcut is given"))
    try:  # a question from stdin: UTF-8 (bytes that are not become U+FFFD, never lone surrogates), bounded
        message = stdin_bytes(MAX_STDIN_BYTES).decode("utf-8", "replace") if args.message == "-" else args.message
    except StdinProblem as exc:
        return _fail(str(exc), ExitCode.USAGE)
    try:
        attachments = [inspect_file(Path(path)) for path in args.files]
    except AttachmentRefused as exc:
        return _fail(refusal_text(exc, language()), ExitCode.USAGE)
    if not message.strip() and not attachments and not args.shortcut:
        return _fail(say("the message is empty"), ExitCode.USAGE)
    if args.shortcut and args.workflow_id:
        return _fail(say("--shortcut runs a bot's command: it cannot be combined with --workflow-id"), ExitCode.USAGE)
    if args.new and args.conversation:
        return _fail(say("--new and --conversation-id cannot be combined"), ExitCode.USAGE)
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    resolver = resolver_for(settings)
    route: Route | None = None
    try:
        base = api_base_choice(resolver, settings.api_base, args.api_base)
        flow = chatflow_args.target_from_flags(args, params_for_shortcut=bool(args.shortcut))
        bot_id = flow.workflow_id if flow else resolver.new_chat_bot(settings.default_bot_id, flag=args.bot_id).value
        if not args.conversation:  # a chat with this bot: what it needs is checked before the history opens
            route = _route(resolver, base, bot_id, flow)
    except SetupProblem as exc:
        return _fail(str(exc), ExitCode.USAGE)
    profile.ensure()
    settings.ensure_user_id()
    try:
        # Recovers only answers whose writer is gone: one the window streams right now stays as it is.
        store = Store.open(profile.database_path)
    except StoreError as exc:
        return _fail(say("the history cannot be opened: {reason}", reason=exc), ExitCode.ERROR)
    try:
        if store.read_only:  # (a read-only disk, another user's folder): the question could not even be kept
            return _fail(say(_READ_ONLY, path=profile.path), ExitCode.ERROR)
        try:
            conversation = _pick(store, settings, bot_id, args, flow)
            if conversation is None and _local_id(args.conversation) is None:  # a Coze id not in the history yet
                route = _route(resolver, base, bot_id, flow)  # it continues with this bot
                conversation = _linked_or_new(store, bot_id, flow, args.conversation.strip())
        except SetupProblem as exc:
            return _fail(str(exc), ExitCode.USAGE)
        if conversation is None:
            return _fail(say("conversation {id} not found", id=args.conversation), ExitCode.ERROR)
        try:
            flow = chatflow_args.target_of(conversation, flow, args.bot_id)
        except SetupProblem as exc:
            return _fail(str(exc), ExitCode.USAGE)
        # A conversation continues with the bot it was started with.
        continued = resolver.bot(
            settings.default_bot_id, flag=None if flow else args.bot_id, conversation_bot=conversation.bot_id
        )
        if isinstance(continued, BotConflict):
            return _fail(
                say(
                    "conversation {id} belongs to bot {bot}, not {wanted}",
                    id=conversation.id,
                    bot=continued.conversation_bot,
                    wanted=continued.wanted_bot,
                ),
                ExitCode.USAGE,
            )
        bot_id = continued.value
        if route is None or route.key != key_of(conversation):  # the conversation's own bot (the demo's too)
            try:
                route = route_of(resolver, base, key_of(conversation))
            except SetupProblem as exc:
                return _fail(str(exc), ExitCode.USAGE)
        settings.current_conversation = conversation.id
        settings.save(profile.settings_path)
        with (
            opened(route, profile) as (api_base, credential),
            CozeClient(credential, api_base, read_timeout=args.timeout) as client,
        ):
            session = _Session(
                client, store, conversation, bot_id, settings, as_json=args.json, flow=flow, api_base=base.value
            )
            try:
                if args.shortcut:  # the bot's command, its inputs from --param; the question is its own unless given
                    try:
                        session.shortcut, message = shortcut_for(client, bot_id, args.shortcut, args.params, message)
                    except SetupProblem as exc:
                        return _fail(str(exc), ExitCode.USAGE)
                return session.ask(message, attachments)
            except DiskFullError:  # what arrived is printed; the history could not take it
                return _fail(
                    say("disk full: the answer was not saved to the history; free some space and ask again"),
                    ExitCode.ERROR,
                )
    finally:
        store.close()


def _route(resolver: Resolver, base: Choice, bot_id: str, flow: ChatflowTarget | None) -> Route:
    """Where a chat with the bot (or chatflow) the flags, COZE_BOT_ID or the settings name goes."""
    if not bot_id:
        raise SetupProblem(say("no bot ID: pass --bot-id, set COZE_BOT_ID, or choose a bot in Settings"))
    return route_of(resolver, base, chatflow_key(flow.workflow_id, flow.app_id, flow.bot_id) if flow else bot_id)


def _local_id(wanted: str | None) -> int | None:
    """--conversation-id's local id (as `list` shows); None for a Coze conversation id, or none given."""
    wanted = (wanted or "").strip()
    return int(wanted) if wanted.isdigit() and len(wanted) <= LOCAL_ID_DIGITS else None


def _pick(
    store: Store, settings: Settings, bot_id: str, args: argparse.Namespace, flow: ChatflowTarget | None
) -> Conversation | None:
    """--conversation-id takes a local id (as `list` shows) or a Coze conversation id (None: not in the history);
    by default the profile's current conversation with this bot continues; --new starts one."""
    if args.conversation:
        local_id = _local_id(args.conversation)
        if local_id is not None:
            return store.conversations.get(local_id)
        return store.conversations.find_by_coze_id(args.conversation.strip())
    if not args.new and settings.current_conversation:
        current = store.conversations.get(settings.current_conversation)
        if current is not None and current.bot_id == bot_id and current.is_chatflow == (flow is not None):
            return current
    return _create(store, bot_id, flow)


def _linked_or_new(store: Store, bot_id: str, flow: ChatflowTarget | None, coze_id: str) -> Conversation:
    create = functools.partial(_create, store, bot_id, flow, coze_conversation_id=coze_id)
    return store.conversations.linked_or_new(coze_id, create)[0]  # (one transaction: a sync may adopt it)


def _create(
    store: Store, bot_id: str, flow: ChatflowTarget | None, coze_conversation_id: str | None = None
) -> Conversation:
    if flow is None:
        return store.conversations.create(bot_id, coze_conversation_id=coze_conversation_id)
    return store.conversations.create(
        flow.workflow_id,
        coze_conversation_id=coze_conversation_id,
        app_id=flow.app_id or None,
        host_bot_id=flow.bot_id or None,
    )


class _Session:
    """One question, as one ChatTurn: recorded before it leaves, answered into the store as it streams,
    printed as it arrives."""

    def __init__(
        self,
        client: CozeClient,
        store: Store,
        conversation: Conversation,
        bot_id: str,
        settings: Settings,
        *,
        as_json: bool,
        flow: ChatflowTarget | None = None,
        api_base: str | None = None,
    ) -> None:
        self.flow = flow
        self.api_base = api_base  # the address chosen (the demo's too): which token pages the advice cites
        self.client = client
        self.store = store
        self.conversation = conversation
        self.bot_id = bot_id
        self.settings = settings
        self.as_json = as_json
        self.shortcut: ShortcutUse | None = None  # one of the bot's shortcut commands (--shortcut)

    def ask(self, message: str, attachments: list[LocalFile]) -> int:
        conv = self.conversation
        message = self._option_by_number(message)
        used = self.shortcut.to_json() if self.shortcut is not None else None
        turn = ChatTurn.begin(self.store, conv.id, message, shortcut=used)  # on disk before the request leaves
        request = TurnRequest(
            self.bot_id,
            self.settings.user_id,
            message,
            conv.coze_conversation_id,
            attachments,
            chatflow=self.flow,
            shortcut=self.shortcut,
        )
        pump = ChatPump(request)
        printer = AnswerPrinter(
            sys.stdout, lambda: pump.transcript, live=is_terminal(sys.stdout), note=lambda text: _fail(text, 0)
        )

        def on_event(event: TurnEvent) -> None:
            turn.apply(event)
            if isinstance(event, Retrying):
                print(
                    "coze-desktop ask: "
                    + say(
                        "{reason}; retrying in {seconds} s (attempt {attempt})…",
                        reason=event.summary,
                        seconds=f"{event.seconds:g}",
                        attempt=event.attempt + 1,
                    ),
                    file=sys.stderr,
                )
            elif not self.as_json:
                printer.on_event(event)

        try:
            with terminate_as_interrupt():
                with flushed_by_caller(sys.stdout):  # flushed before each network read, not per delta or line
                    flush_out = sys.stdout.flush if self.as_json else printer.flush

                    def on_idle() -> None:  # before each network read: the output, and the history when due
                        flush_out()
                        turn.flush_if_due()

                    pump.run(self.client, on_event, on_raw=_print_json if self.as_json else None, on_idle=on_idle)
                if not self.as_json:
                    printer.finish()  # an interrupted stream prints what arrived, then the error
        except STOPPED as stop:  # Ctrl+C, SIGTERM or a closed stdout: stored as cancelled, no traceback
            pump.stop()
            turn.end(ChatOutcome.CANCELLED)
            return exit_code_for(stop)
        _report_conversation(turn.coze_conversation_id)
        ended = turn.ended
        failure = ended.failure if ended is not None else None
        if failure is not None:
            return _fail(
                f"{failure.summary} — {failure_advice(failure, self.settings, api_base=self.api_base)}", ExitCode.ERROR
            )
        if ended is not None and ended.debug_url:
            print(f"debug: {ended.debug_url}", file=sys.stderr)
        card = self._last_card(list(turn.message_ids.values()), turn.content_types)
        if card is not None:
            chatflow_args.print_card(card, turn.coze_conversation_id)
            return ExitCode.NEEDS_ANSWER
        return ExitCode.OK

    def _last_card(self, message_ids: list[int], content_types: dict[int, str]) -> WorkflowCard | None:
        if not message_ids or content_types.get(message_ids[-1]) != "card":  # (a text answer is not read back)
            return None
        last = self.store.messages.get(message_ids[-1])
        return parse_card(last.content, last.content_type) if last is not None else None

    def _option_by_number(self, message: str) -> str:
        """An answer to a question card may be its option's number, as `ask` printed them."""
        if self.flow is None or not message.strip().isdigit():
            return message
        latest = self.store.messages.page(self.conversation.id, limit=1)
        card = parse_card(latest[0].content, latest[0].content_type) if latest else None
        number = int(message.strip())
        if card is None or card.kind is not CardKind.QUESTION or not 1 <= number <= len(card.options):
            return message
        return card.options[number - 1]


def _print_json(event: ChatEvent) -> None:
    print(json.dumps(event.to_json(), ensure_ascii=False))  # flushed before the stream reads more


def _report_conversation(conversation_id: str | None) -> None:
    if conversation_id:
        print(f"conversation: {conversation_id}", file=sys.stderr)
