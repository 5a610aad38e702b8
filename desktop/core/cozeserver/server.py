"""`CozeServer`: a Coze-compatible HTTP server on a background thread, and `serve()` for the CLI."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from desktop.core.cozeserver import demo_chatflow
from desktop.core.cozeserver.chatflows import AppRecord, ChatflowRecord
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.demo_bot import demo_bot
from desktop.core.cozeserver.files import UploadedFiles
from desktop.core.cozeserver.handler import CozeHTTPServer
from desktop.core.cozeserver.http_types import Request
from desktop.core.cozeserver.oauth_state import OAuthState
from desktop.core.cozeserver.records import Bot
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.cozeserver.wire import JsonDict
from desktop.core.cozeserver.workspaces import PERSONAL_WORKSPACE, Workspaces
from desktop.core.demo_ids import DEMO_BOT_ID

DEMO_TOKEN = "pat_demo_local_only"
LANGUAGES = ("en", "zh")
STOP_TIMEOUT = 2.0


class CozeServer:
    """Speaks the Coze wire format from memory: conversations, chats, SSE answers, errors.

    The demo bot (`DEMO_BOT_ID`) is always there and published. With `state_path`, conversations,
    messages and chats are kept in that file across restarts (see `state_file.py`). `queue()` scripts failures for
    the next `/v3/chat` calls; `requests`, `cancelled_chats` and `open_streams` let tests look in.
    """

    def __init__(
        self,
        accepted_tokens: Iterable[str] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        pace: float = 0.0,
        language: str = "en",
        state_path: Path | None = None,
    ) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        tokens = {DEMO_TOKEN} if accepted_tokens is None else set(accepted_tokens)
        self._ctx = ServerContext(tokens, pace, language, state_path)
        self._ctx.state.add_bot(demo_bot(language))
        self._ctx.workspaces.add(PERSONAL_WORKSPACE, "Personal" if language == "en" else "个人空间", "personal")
        self._ctx.workspaces.place(PERSONAL_WORKSPACE, DEMO_BOT_ID)
        demo_chatflow.register(self._ctx.chatflows, PERSONAL_WORKSPACE, language)
        self._address = (host, port)
        self._httpd: CozeHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------------
    def start(self) -> Self:
        if self._httpd is not None or self._ctx.stopping.is_set():
            raise RuntimeError("a CozeServer can be started once")
        self._httpd = CozeHTTPServer(self._address, self._ctx)
        self._thread = threading.Thread(target=self._httpd.serve, name="coze-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, cut open streams and idle connections, and join every thread (bounded)."""
        httpd, thread = self._httpd, self._thread
        self._ctx.stopping.set()
        if httpd is None or thread is None:
            return
        httpd.stop_serving()
        thread.join(STOP_TIMEOUT)
        httpd.close_connections()
        httpd.server_close()
        httpd.join_handlers(STOP_TIMEOUT)
        self._ctx.state.close()

    def __enter__(self) -> Self:
        return self if self._httpd is not None else self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- where ------------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = self._address[0]
        return f"http://{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{self.port}"

    # -- behaviour --------------------------------------------------------------------------------
    @property
    def pace(self) -> float:
        """Seconds between deltas (0 = as fast as possible); read at the start of each chat."""
        return self._ctx.pace

    @pace.setter
    def pace(self, value: float) -> None:
        self._ctx.pace = value

    @property
    def language(self) -> str:
        return self._ctx.language

    @language.setter
    def language(self, value: str) -> None:
        """The demo's language for answers that do not show theirs, its bot's and chatflow's names and
        prologues (the app's language switched while the demo runs); conversations are kept."""
        if value not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        self._ctx.language = value
        self._ctx.state.add_bot(demo_bot(value))
        demo_chatflow.register(self._ctx.chatflows, PERSONAL_WORKSPACE, value)

    @property
    def max_upload_bytes(self) -> int:
        """The per-file upload limit (Coze's 512 MB unless a test lowers it)."""
        return self._ctx.max_upload

    @max_upload_bytes.setter
    def max_upload_bytes(self, value: int) -> None:
        self._ctx.max_upload = value

    @property
    def upload_pace(self) -> float:
        """Seconds the server takes per MiB of an upload (0: as fast as the socket goes)."""
        return self._ctx.upload_pace

    @upload_pace.setter
    def upload_pace(self, seconds_per_mib: float) -> None:
        self._ctx.upload_pace = seconds_per_mib

    @property
    def uploads(self) -> UploadedFiles:
        """The files uploaded so far; `uploads.forget(file_id)` plays a file Coze no longer has."""
        return self._ctx.files

    def queue(self, scenario: Scenario) -> None:
        """The next `/v3/chat` call plays `scenario` (FIFO, one call each); an upload scenario the
        next `/v1/files/upload` call, a listing scenario the listings, `create_held` the next
        `/v1/conversation/create`."""
        self._ctx.queue(scenario)

    @property
    def pending_scenarios(self) -> list[Scenario]:
        return self._ctx.pending_scenarios()

    def add_bot(
        self,
        bot_id: str,
        *,
        name: str = "Test Bot",
        description: str = "",
        prologue: str = "",
        suggested_questions: Sequence[str] = (),
        icon_url: str = "",
        published: bool = True,
        workspace_id: str = PERSONAL_WORKSPACE,
        shortcut_commands: Sequence[JsonDict] = (),
    ) -> None:
        """Add (or replace) a bot in a workspace (`add_workspace` first, or the personal one); it answers
        like the demo bot, and publishes `shortcut_commands` (bot info's shape) as its own."""
        bot = Bot(bot_id, name, description, prologue, list(suggested_questions), icon_url, published)
        bot.shortcut_commands = [dict(command) for command in shortcut_commands]
        self._ctx.state.add_bot(bot)
        self._ctx.workspaces.place(workspace_id, bot_id)

    def add_app(self, app_id: str, *, name: str = "Test App", workspace_id: str = PERSONAL_WORKSPACE) -> None:
        """Add (or replace) a Coze app; its chatflows come with `add_chatflow`."""
        self._ctx.chatflows.add_app(AppRecord(app_id, name, workspace_id))

    def add_chatflow(
        self,
        workflow_id: str,
        *,
        name: str = "Test Chatflow",
        app_id: str = "",
        prologue: str = "",
        published: bool = True,
        required_parameters: Sequence[str] = (),
        workspace_id: str = PERSONAL_WORKSPACE,
    ) -> None:
        """Add (or replace) a chatflow, in an app or (no `app_id`) in the workspace's library; it
        plays the demo chatflow's script."""
        record = ChatflowRecord(
            workflow_id,
            name,
            workspace_id,
            app_id,
            prologue=prologue,
            published=published,
            required=tuple(required_parameters),
        )
        self._ctx.chatflows.add_workflow(record)

    @property
    def workspaces(self) -> Workspaces:
        """The account's workspaces (`add(id, name)`), and `denied_permissions` to script 4101."""
        return self._ctx.workspaces

    @property
    def oauth(self) -> OAuthState:
        """Device codes, OAuth tokens and refresh rotation; script it (`script`, `error_style`, `access_ttl`)."""
        return self._ctx.oauth

    # -- what happened ----------------------------------------------------------------------------
    @property
    def requests(self) -> list[Request]:
        """The Coze API requests received so far (not the /_local/ ones), oldest first.

        A live list: handler threads append to it; tests may index it, copy it or `clear()` it.
        """
        return self._ctx.requests()

    @property
    def cancelled_chats(self) -> set[tuple[str, str]]:
        """(conversation_id, chat_id) pairs received on /v3/chat/cancel."""
        return self._ctx.cancelled()

    @property
    def open_streams(self) -> int:
        """SSE responses being written right now."""
        return self._ctx.open_streams

    @property
    def last_stream_seconds(self) -> float | None:
        """Wall time the server spent writing the most recent stream (headers to last byte)."""
        return self._ctx.last_stream_seconds


def serve(port: int, tokens: set[str], pace: float, language: str) -> None:
    """Run a server in the foreground until Ctrl+C or SIGTERM."""
    server = CozeServer(accepted_tokens=tokens or {DEMO_TOKEN}, port=port, pace=pace, language=language)
    server.start()
    shown = DEMO_TOKEN if not tokens or DEMO_TOKEN in tokens else sorted(tokens)[0]
    print(f"Coze demo server listening on {server.base_url}  (bot id {DEMO_BOT_ID}, token {shown})", flush=True)
    done = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, lambda _signum, _frame: done.set())
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        server.stop()
