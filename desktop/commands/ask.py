"""`coze-desktop ask`: one question to a Coze bot, the answer streamed to stdout.

`coze-desktop [--profile DIR] ask [--api-base URL] [--bot-id ID] [--conversation ID] [--new] [--json]
[--file PATH ...] MESSAGE`
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

from desktop.commands import arguments
from desktop.commands.connect import SetupProblem, api_base_of, credential_of, resolver_for
from desktop.commands.exit_codes import ExitCode
from desktop.core.attachments import AttachmentRefused, LocalFile, inspect_file
from desktop.core.attachments.text import refusal_text
from desktop.core.attachments.upload import upload_all, upload_failure
from desktop.core.coze import ChatEvent, CozeClient, CozeError, EventType, describe
from desktop.core.coze.backoff import DEFAULT_BACKOFF, call_with_backoff
from desktop.core.coze.client import requires_action
from desktop.core.coze.errors import CozeStreamInterrupted
from desktop.core.coze.stream import ChatStream
from desktop.core.coze.transcript import AnswerState, ChatTranscript
from desktop.core.destination import BotConflict
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import AnswerBuffer, Conversation, MessageError, Store, StoreError
from desktop.core.vocabulary import ChatOutcome, MessageStatus

T = TypeVar("T")
LOCAL_ID_DIGITS = 12  # local ids are small; Coze ids have 19 digits


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
    parser.add_argument(
        "--conversation", metavar="ID", help="continue this conversation: a local id (see `list`) or a Coze id"
    )
    parser.add_argument("--new", action="store_true", help="start a new conversation instead of the current one")
    parser.add_argument("--json", action="store_true", help="print every event as a JSON line instead")
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="PATH",
        dest="files",
        help="attach a file (repeat for several); images go as images, other files as files",
    )
    parser.add_argument(
        "message", metavar="MESSAGE", nargs="?", default="", help="the question ('-' reads it from stdin)"
    )
    parser.set_defaults(handler=run, usage_error=parser.error)


class AnswerPrinter:
    """Writes answer text as it streams: the current message live, later ones whole, in order.

    A chat can carry several answer messages. The first one seen streams live; deltas of the
    others are held (in the transcript) and printed whole, separated by a blank line, once the live
    one completes, in order of first appearance.
    """

    def __init__(self, out: TextIO, transcript: ChatTranscript) -> None:
        self._out = out
        self._transcript = transcript
        self._written: dict[str, int] = {}  # message id -> characters printed
        self._live: str | None = None

    def on_answer(self, event: ChatEvent, state: AnswerState) -> None:
        if self._live is None:
            self._start(state.message_id)
        if state.message_id != self._live:
            return
        if event.type == EventType.MESSAGE_DELTA and event.message is not None and event.message.content:
            self._out.write(event.message.content)
            self._written[state.message_id] += len(event.message.content)
            self._out.flush()
        elif state.completed:
            self._catch_up(state)  # the completed message is the authority: print what deltas missed
            self._live = None
            self._next_live()

    def finish(self) -> None:
        """Print whatever has not been printed yet (messages that never completed included)."""
        for state in self._transcript.answers.values():
            if state.message_id not in self._written and state.text:
                self._start(state.message_id)
            if state.message_id in self._written:
                self._catch_up(state)
        if self._written:
            self._out.write("\n")
        self._out.flush()

    def _start(self, message_id: str) -> None:
        if self._written:
            self._out.write("\n\n")
        self._written[message_id] = 0
        self._live = message_id

    def _catch_up(self, state: AnswerState) -> None:
        text = state.text
        done = self._written[state.message_id]
        if len(text) > done and text.startswith(text[:done]):
            self._out.write(text[done:])
            self._written[state.message_id] = len(text)

    def _next_live(self) -> None:
        for state in self._transcript.answers.values():
            if state.message_id in self._written:
                continue
            self._start(state.message_id)
            self._catch_up(state)
            if not state.completed:
                return
            self._live = None
        self._out.flush()


def _fail(message: str, code: int) -> int:
    print(f"coze-desktop ask: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    if not args.message and not args.files:
        args.usage_error("MESSAGE is required unless a --file is given")
    message = sys.stdin.read() if args.message == "-" else args.message
    try:
        attachments = [inspect_file(Path(path)) for path in args.files]
    except AttachmentRefused as exc:
        return _fail(refusal_text(exc), ExitCode.USAGE)
    if not message.strip() and not attachments:
        return _fail("the message is empty", ExitCode.USAGE)
    if args.new and args.conversation:
        return _fail("--new and --conversation cannot be combined", ExitCode.USAGE)
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    resolver = resolver_for(settings)
    try:
        api_base = api_base_of(resolver, settings, args.api_base)
        bot_id = resolver.new_chat_bot(settings.default_bot_id, flag=args.bot_id).value
        if not bot_id:
            raise SetupProblem("no bot ID: pass --bot-id, set COZE_BOT_ID, or choose a bot in Settings")
        credential = credential_of(resolver, api_base)
    except SetupProblem as exc:
        return _fail(str(exc), ExitCode.USAGE)
    profile.ensure()
    settings.ensure_user_id()
    try:
        # recover_streaming=False: an answer the window is streaming right now is not ours to mark.
        store = Store.open(profile.database_path, recover_streaming=False)
    except StoreError as exc:
        return _fail(f"the history cannot be opened: {exc}", ExitCode.ERROR)
    try:
        conversation = _pick_conversation(store, settings, bot_id, args)
        if conversation is None:
            return _fail(f"conversation {args.conversation} not found", ExitCode.ERROR)
        # A conversation continues with the bot it was started with.
        continued = resolver.bot(settings.default_bot_id, flag=args.bot_id, conversation_bot=conversation.bot_id)
        if isinstance(continued, BotConflict):
            return _fail(
                f"conversation {conversation.id} belongs to bot {continued.conversation_bot}, not {continued.wanted_bot}",
                ExitCode.USAGE,
            )
        bot_id = continued.value
        settings.current_conversation = conversation.id
        settings.save(profile.settings_path)
        with CozeClient(credential, api_base) as client:
            session = _Session(client, store, conversation, bot_id, settings.user_id, as_json=args.json)
            return session.ask(message, attachments)
    finally:
        store.close()


def _pick_conversation(store: Store, settings: Settings, bot_id: str, args: argparse.Namespace) -> Conversation | None:
    """--conversation takes a local id (as `list` shows) or a Coze conversation id; by default the
    profile's current conversation with this bot continues; --new starts one."""
    wanted: str | None = args.conversation
    if wanted:
        wanted = wanted.strip()
        if wanted.isdigit() and len(wanted) <= LOCAL_ID_DIGITS:
            return store.get_conversation(int(wanted))
        found = store.find_conversation_by_coze_id(wanted)
        return found or store.create_conversation(bot_id, coze_conversation_id=wanted)
    if not args.new and settings.current_conversation:
        current = store.get_conversation(settings.current_conversation)
        if current is not None and current.bot_id == bot_id:
            return current
    return store.create_conversation(bot_id)


class _Session:
    """One question: recorded before it leaves, answered into the store as it streams."""

    def __init__(
        self, client: CozeClient, store: Store, conversation: Conversation, bot_id: str, user_id: str, *, as_json: bool
    ) -> None:
        self.client = client
        self.store = store
        self.conversation = conversation
        self.bot_id = bot_id
        self.user_id = user_id
        self.as_json = as_json

    def ask(self, message: str, attachments: list[LocalFile]) -> int:
        store, conv = self.store, self.conversation
        store.add_user_message(conv.id, message)  # on disk before the request leaves
        buffer = AnswerBuffer(store, conv.id)
        coze_id = conv.coze_conversation_id
        stream: ChatStream | None = None
        printer: AnswerPrinter | None = None
        try:
            content, content_type = upload_all(self.client, message, attachments)  # before the chat starts
            if not coze_id:
                coze_id = retrying(lambda: self.client.create_conversation(self.bot_id).id)
                store.set_coze_conversation_id(conv.id, coze_id)
            chat_in = coze_id
            stream = retrying(
                lambda: self.client.stream_chat(
                    self.bot_id, self.user_id, content, conversation_id=chat_in, content_type=content_type
                )
            )
            printer = AnswerPrinter(sys.stdout, stream.transcript)
            for event in stream:
                self._record(buffer, stream, event)
                if self.as_json:
                    print(json.dumps(event.to_json(), ensure_ascii=False), flush=True)
                    continue
                state = stream.transcript.answers.get(event.message.id) if event.message is not None else None
                if state is not None:
                    printer.on_answer(event, state)
            if printer is not None and not self.as_json:
                printer.finish()
            if stream.transcript.outcome is ChatOutcome.REQUIRES_ACTION:
                raise requires_action(self.client, stream.transcript, stream.logid)
        except CozeError as exc:
            if printer is not None and not self.as_json:
                printer.finish()  # an interrupted stream prints what arrived, then the error
            status = MessageStatus.INTERRUPTED if isinstance(exc, CozeStreamInterrupted) else MessageStatus.FAILED
            buffer.finish(status, error=MessageError(exc.code, exc.msg, exc.logid, exc.kind.value))
            _report_conversation(coze_id)
            return _fail(f"{exc.summary()} — {upload_failure(exc) or describe(exc)}", ExitCode.ERROR)
        except KeyboardInterrupt:
            if stream is not None:
                stream.cancel()
            buffer.finish(MessageStatus.CANCELLED)
            return ExitCode.INTERRUPTED
        transcript = stream.transcript
        if transcript.follow_ups:
            store.set_follow_ups(conv.id, transcript.follow_ups)
        usage = transcript.usage
        buffer.finish(MessageStatus.COMPLETE, usage=(usage.input_count, usage.output_count))
        _report_conversation(coze_id)
        return ExitCode.OK

    @staticmethod
    def _record(buffer: AnswerBuffer, stream: ChatStream, event: ChatEvent) -> None:
        message = event.message
        if message is None or message.id not in stream.transcript.answers:
            if event.type == EventType.CHAT_CREATED and event.chat is not None:
                buffer.set_chat_id(event.chat.id)
            return
        if event.type == EventType.MESSAGE_DELTA:
            buffer.append(message.id, message.content, message.reasoning_content)
        elif event.type == EventType.MESSAGE_COMPLETED:
            state = stream.transcript.answers[message.id]
            buffer.complete_message(message.id, state.text, state.reasoning or None)


def retrying(call: Callable[[], T]) -> T:
    """`call()`, retried (bounded) while Coze is busy or limiting the rate, saying so on stderr; Ctrl+C stops."""

    def announce(seconds: float, attempt: int, error: CozeError) -> None:
        print(
            f"coze-desktop ask: {error.summary()}; retrying in {seconds:g} s (attempt {attempt + 1})…", file=sys.stderr
        )

    return call_with_backoff(call, DEFAULT_BACKOFF, threading.Event().wait, announce)


def _report_conversation(conversation_id: str | None) -> None:
    if conversation_id:
        print(f"conversation: {conversation_id}", file=sys.stderr)
