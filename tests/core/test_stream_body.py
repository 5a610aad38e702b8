"""How a chat stream reads its body: straight from http.client when urllib3 has nothing to add (#21: its
per-read layers were ~45 µs of a delta's ~250 on the worker), through urllib3 when it has (gzip)."""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

import urllib3

from desktop.core.coze import CozeClient, EventType
from desktop.core.vocabulary import ChatOutcome
from tests.coze_fixtures import BOT, TOKEN, USER

URLLIB3 = str(Path(urllib3.__file__).parent)


def test_the_deltas_are_read_without_urllib3s_layers(client: CozeClient) -> None:
    stream = client.stream_chat(BOT, USER, "hello")
    events = iter(stream)
    calls: list[str] = []

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(URLLIB3):
            calls.append(frame.f_code.co_name)

    kinds = []
    sys.setprofile(profile)
    try:
        for event in events:
            kinds.append(event.type)
            if event.type == EventType.MESSAGE_DELTA:
                break  # past the first read: what follows must not go through urllib3's read1
        calls.clear()
        for event in events:
            kinds.append(event.type)
    finally:
        sys.setprofile(None)
    assert stream.transcript.outcome is ChatOutcome.COMPLETED
    assert kinds.count(EventType.MESSAGE_DELTA) > 1
    # Only the connection going back to the pool at the end, no read: 20 calls a read before.
    assert not [name for name in calls if "read" in name], calls


EVENTS = (
    b'event: conversation.chat.created\ndata: {"id": "c1", "conversation_id": "v1", "status": "created"}\n\n'
    b'event: conversation.message.delta\ndata: {"id": "m1", "chat_id": "c1", "conversation_id": "v1", '
    b'"role": "assistant", "type": "answer", "content": "Hel"}\n\n'
    b'event: conversation.message.delta\ndata: {"id": "m1", "chat_id": "c1", "conversation_id": "v1", '
    b'"role": "assistant", "type": "answer", "content": "lo"}\n\n'
    b'event: conversation.chat.completed\ndata: {"id": "c1", "conversation_id": "v1", "status": "completed"}\n\n'
    b'event: done\ndata: "[DONE]"\n\n'
)


class _Gzipped(BaseHTTPRequestHandler):
    """A chat answered as a gzip-encoded event stream (a proxy may compress one)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = gzip.compress(EVENTS)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def gzip_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Gzipped)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_a_gzip_encoded_stream_is_still_decoded() -> None:
    with gzip_server() as base, CozeClient(TOKEN, base) as client:
        stream = client.stream_chat(BOT, USER, "hello")
        kinds = [event.type for event in stream]
    assert kinds[-1] == EventType.DONE
    assert stream.transcript.outcome is ChatOutcome.COMPLETED
    assert stream.transcript.text() == "Hello"
