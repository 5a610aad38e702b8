"""`coze-desktop ask`: one question to a Coze bot, the answer streamed to stdout.

`coze-desktop [--profile DIR] ask [--api-base URL] [--bot-id ID] [--conversation ID] [--new] [--json] MESSAGE`
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from desktop.core.coze import ChatEvent, CozeClient, CozeError, EventType, describe, normalize_base_url
from desktop.core.coze.stream import ChatStream
from desktop.core.coze.transcript import AnswerState, ChatTranscript
from desktop.core.profile import Profile
from desktop.core.secrets import TokenStore, TokenStoreError
from desktop.core.settings import Overrides, Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="ask a Coze bot one question and stream the answer to stdout",
        description="Ask a Coze bot one question; the answer streams to stdout. "
        "Token from COZE_API_TOKEN, else the keyring.",
    )
    parser.add_argument("--api-base", metavar="URL", help="API base (default: COZE_API_BASE, else settings)")
    parser.add_argument("--bot-id", metavar="ID", help="bot ID (default: COZE_BOT_ID, else settings)")
    parser.add_argument("--conversation", metavar="ID", help="continue this conversation (local or Coze id)")
    parser.add_argument("--new", action="store_true", help="start a new conversation")
    parser.add_argument("--json", action="store_true", help="print every event as a JSON line instead")
    parser.add_argument("message", metavar="MESSAGE", help="the question ('-' reads it from stdin)")
    parser.set_defaults(handler=run)


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
    _utf8_stdio()
    message = sys.stdin.read() if args.message == "-" else args.message
    if not message.strip():
        return _fail("the message is empty", EXIT_USAGE)
    overrides = Overrides.from_environment()
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    try:
        api_base = normalize_base_url(args.api_base or overrides.api_base or settings.api_base)
    except CozeError as exc:
        return _fail(f"bad API base: {exc.msg}", EXIT_USAGE)
    bot_id = (args.bot_id or overrides.bot_id or settings.default_bot_id).strip()
    if not bot_id:
        return _fail("no bot ID: pass --bot-id, set COZE_BOT_ID, or choose a bot in Settings", EXIT_USAGE)
    token = overrides.token
    if token is None:
        try:
            token = TokenStore().get(api_base)
        except TokenStoreError as exc:
            return _fail(f"{exc}; set COZE_API_TOKEN instead", EXIT_USAGE)
    if not token:
        return _fail(f"no token for {api_base}: set COZE_API_TOKEN or save one in Settings", EXIT_USAGE)
    if settings.ensure_user_id():
        profile.ensure()
        settings.save(profile.settings_path)

    with CozeClient(token, api_base) as client:
        return _ask(client, bot_id, settings.user_id, message, args)


def _ask(client: CozeClient, bot_id: str, user_id: str, message: str, args: argparse.Namespace) -> int:
    conversation_id: str | None = args.conversation or None
    stream: ChatStream | None = None
    printer: AnswerPrinter | None = None
    try:
        if conversation_id is None:
            conversation_id = client.create_conversation(bot_id).id
        stream = client.stream_chat(bot_id, user_id, message, conversation_id=conversation_id)
        printer = AnswerPrinter(sys.stdout, stream.transcript)
        for event in stream:
            if args.json:
                print(json.dumps(event.to_json(), ensure_ascii=False), flush=True)
                continue
            state = stream.transcript.answers.get(event.message.id) if event.message is not None else None
            if state is not None:
                printer.on_answer(event, state)
        if not args.json:
            printer.finish()
    except CozeError as exc:
        if printer is not None and not args.json:
            printer.finish()  # an interrupted stream prints what arrived, then the error
        _report_conversation(conversation_id)
        return _fail(f"{exc.summary()} — {describe(exc)}", EXIT_ERROR)
    except KeyboardInterrupt:
        if stream is not None:
            stream.cancel()
        return EXIT_INTERRUPTED
    _report_conversation(conversation_id)
    return EXIT_OK


def _report_conversation(conversation_id: str | None) -> None:
    if conversation_id:
        print(f"conversation: {conversation_id}", file=sys.stderr)


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
