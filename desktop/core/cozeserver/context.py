"""Everything the request handlers of one server share: state, settings, the scenario queue, records."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from desktop.core.cozeserver.chatflows import Chatflows
from desktop.core.cozeserver.files import COZE_MAX_UPLOAD_BYTES, UploadedFiles
from desktop.core.cozeserver.http_types import Request
from desktop.core.cozeserver.oauth_state import OAuthState
from desktop.core.cozeserver.scenarios import REPEATING, Scenario
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile
from desktop.core.cozeserver.workspaces import Workspaces


class ServerContext:
    def __init__(self, tokens: Iterable[str], pace: float, language: str, state_path: Path | None = None) -> None:
        self.state = State(StateFile(state_path) if state_path is not None else None)
        self.files = UploadedFiles()
        self.max_upload = COZE_MAX_UPLOAD_BYTES
        self.upload_pace = 0.0  # seconds per MiB of a multipart body (a slow line, for progress and cancel)
        self.tokens = frozenset(tokens)
        self.oauth = OAuthState()
        self.workspaces = Workspaces()
        self.chatflows = Chatflows()
        self.pace = pace
        self.language = language
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._scenarios: deque[Scenario] = deque()
        self._upload_scenarios: deque[Scenario] = deque()
        self._list_scenarios: deque[Scenario] = deque()
        self._create_scenarios: deque[Scenario] = deque()
        self._listed = threading.Condition(self._lock)
        self._listed_conversations: set[str] = set()  # conversations whose messages were listed
        self._listings_to_skip = 0
        self._stuck_left = 0  # listings a repeating scenario (`list_stuck`, `list_endless`) still answers
        self._requests: list[Request] = []
        self._cancelled: set[tuple[str, str]] = set()
        self._open_streams = 0
        self._last_stream_seconds: float | None = None

    @property
    def form_limit(self) -> int:
        """How much of a multipart body is kept: the file limit and room for the part headers."""
        return self.max_upload + 64 * 1024

    def queue(self, scenario: Scenario) -> int:
        with self._lock:
            if scenario.for_listing:
                if not self._list_scenarios:
                    self._listings_to_skip = int(scenario.params["skip"])
                self._list_scenarios.append(scenario)
                return len(self._list_scenarios)
            if scenario.for_create:
                self._create_scenarios.append(scenario)
                return len(self._create_scenarios)
            queue = self._upload_scenarios if scenario.for_upload else self._scenarios
            queue.append(scenario)
            return len(queue)

    def next_list_scenario(self) -> Scenario | None:
        """The listing scenario due now (after its `skip` listings have passed), or None."""
        with self._lock:
            if not self._list_scenarios:
                return None
            if self._listings_to_skip > 0:
                self._listings_to_skip -= 1
                return None
            scenario = self._list_scenarios[0]
            if scenario.name in REPEATING:
                self._stuck_left = self._stuck_left or int(scenario.params["times"])
                self._stuck_left -= 1
                if self._stuck_left > 0:
                    return scenario
            self._list_scenarios.popleft()
            if self._list_scenarios:
                self._listings_to_skip = int(self._list_scenarios[0].params["skip"])
            return scenario

    def next_create_scenario(self, name: str) -> Scenario | None:
        """The first queued `create_held` or `message_create_held` (`name`), taken off the queue."""
        with self._lock:
            for scenario in self._create_scenarios:
                if scenario.name == name:
                    self._create_scenarios.remove(scenario)
                    return scenario
            return None

    def messages_listed(self, conversation_id: str) -> None:
        """A listing of this conversation's messages was answered (`create_held` waits for one)."""
        with self._listed:
            self._listed_conversations.add(conversation_id)
            self._listed.notify_all()

    def wait_messages_listed(self, conversation_id: str, seconds: float) -> bool:
        """Until this conversation's messages are listed (True), `seconds` pass or the server stops."""
        deadline = time.monotonic() + seconds
        with self._listed:
            while conversation_id not in self._listed_conversations:
                left = deadline - time.monotonic()
                if left <= 0 or self.stopping.is_set():
                    return False
                self._listed.wait(min(left, 0.1))  # (a stop is seen within 0.1 s)
            return True

    def next_upload_scenario(self) -> Scenario | None:
        with self._lock:
            return self._upload_scenarios.popleft() if self._upload_scenarios else None

    def next_scenario(self) -> Scenario | None:
        with self._lock:
            return self._scenarios.popleft() if self._scenarios else None

    def pending_scenarios(self) -> list[Scenario]:
        with self._lock:
            return list(self._scenarios)

    def record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)

    def requests(self) -> list[Request]:
        """The live log (list.append and indexing are atomic in CPython, so readers need no lock)."""
        return self._requests

    def note_cancel(self, conversation_id: str, chat_id: str) -> None:
        with self._lock:
            self._cancelled.add((conversation_id, chat_id))

    def cancelled(self) -> set[tuple[str, str]]:
        with self._lock:
            return set(self._cancelled)

    def stream_opened(self) -> None:
        with self._lock:
            self._open_streams += 1

    def stream_closed(self, seconds: float) -> None:
        with self._lock:
            self._open_streams -= 1
            self._last_stream_seconds = seconds

    @property
    def open_streams(self) -> int:
        with self._lock:
            return self._open_streams

    @property
    def last_stream_seconds(self) -> float | None:
        with self._lock:
            return self._last_stream_seconds
