"""The HTTP/1.1 layer: parse a request, dispatch it, write JSON, raw or SSE answers with a logid.

`CozeHTTPServer` also keeps track of its live connections, so stopping can close them (idle
keep-alive connections and open streams alike) and join their threads instead of hanging.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import selectors
import socket
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, RawResponse, Request, Response, StreamResponse
from desktop.core.cozeserver.routes import dispatch
from desktop.core.cozeserver.sse_writer import ChunkedSink, StreamAborted, compile_ops, play
from desktop.core.cozeserver.wire import dumps, error_body, new_logid

logger = logging.getLogger(__name__)


class CozeHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # we join our own handler threads, with a deadline

    def __init__(self, address: tuple[str, int], ctx: ServerContext) -> None:
        self.ctx = ctx
        self._connections: dict[socket.socket, threading.Thread] = {}
        self._connections_lock = threading.Lock()
        self._stop_requested = False
        self._wake_recv, self._wake_send = socket.socketpair()
        super().__init__(address, CozeRequestHandler)

    def serve(self) -> None:
        """Accept connections until `stop_serving()`, which wakes this loop at once (no polling)."""
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_recv, selectors.EVENT_READ)
            while not self._stop_requested:
                ready = selector.select()
                if not self._stop_requested and any(key.fileobj is self for key, _ in ready):
                    self._accept()

    def _accept(self) -> None:
        try:
            request, client_address = self.get_request()
        except OSError:
            return
        try:
            self.process_request(request, client_address)  # starts the handler thread
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)

    def stop_serving(self) -> None:
        self._stop_requested = True
        with contextlib.suppress(OSError):
            self._wake_send.send(b"\0")

    def server_close(self) -> None:
        super().server_close()
        self._wake_recv.close()
        self._wake_send.close()

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn), which can stall offline.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def track(self, sock: socket.socket) -> None:
        with self._connections_lock:
            self._connections[sock] = threading.current_thread()
        if self._stop_requested:  # accepted while stopping: close_connections() may have run already
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def untrack(self, sock: socket.socket) -> None:
        with self._connections_lock:
            self._connections.pop(sock, None)

    def close_connections(self) -> None:
        """Wake every handler thread: blocked reads see EOF, blocked writes fail."""
        with self._connections_lock:
            sockets = list(self._connections)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def join_handlers(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._connections_lock:
            threads = list(self._connections.values())
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class CozeRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "coze-local/1.0"
    sys_version = ""
    server: CozeHTTPServer

    def setup(self) -> None:
        super().setup()
        # Like Go's net/http: no Nagle, so small writes (headers, then body or events) go out at once.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def _handle(self) -> None:
        ctx = self.server.ctx
        url = urlsplit(self.path)
        form, truncated, raw = b"", False, b""
        if self.headers.get("Content-Type", "").lower().startswith("multipart/form-data"):
            body, bad_json = None, False
            form, truncated = self._read_form(ctx.form_limit)
        else:
            raw = self._read_body()
            body, bad_json = _parse_json(raw)
        req = Request(
            method=self.command,
            path=url.path,
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            json=body,
            logid=new_logid(),
            bad_json=bad_json,
            raw_body=raw,
            form=form,
            form_truncated=truncated,
        )
        if not url.path.startswith("/_local/"):
            ctx.record(req)
        try:
            response: Response = dispatch(ctx, req)
        except Exception:
            logger.exception("%s %s failed", req.method, req.path)
            response = JsonResponse(error_body(5000), status=500)
        if isinstance(response, StreamResponse):
            self._send_stream(response, req.logid)
        elif isinstance(response, JsonResponse):
            self._send_json(response, req.logid)
        else:
            self._send_raw(response, req.logid)

    def _send_json(self, response: JsonResponse, logid: str) -> None:
        payload = dict(response.body)
        if "code" in payload:
            payload["detail"] = {"logid": logid}
        data = dumps(payload).encode()
        self._head(response.status, "application/json; charset=utf-8", logid, response.headers, len(data))
        self.wfile.write(data)

    def _send_raw(self, response: RawResponse, logid: str) -> None:
        if response.header_pace > 0:
            self.close_connection = True
        self._head(
            response.status,
            response.content_type,
            logid,
            response.headers,
            len(response.body),
            pace=response.header_pace,
        )
        self.wfile.write(response.body)

    def _send_stream(self, response: StreamResponse, logid: str) -> None:
        ctx = self.server.ctx
        try:
            ops = compile_ops(response.items, response.framing, response.pace)
            if isinstance(response.items, list):
                ops = iter(list(ops))  # build every byte before the clock starts
        except Exception:  # a bug: the chat is over all the same, so its conversation takes the next one
            logger.exception("stream %s could not be built", logid)
            response.on_close()
            self._send_json(JsonResponse(error_body(5000), status=500), logid)
            return
        started = time.perf_counter()
        headers = {"Cache-Control": "no-cache", "Transfer-Encoding": "chunked"}
        self._head(200, "text/event-stream; charset=utf-8", logid, headers, None)
        ctx.stream_opened()
        closed = completed = False

        def close() -> None:
            nonlocal closed
            if not closed:
                closed = True
                response.on_close()
                ctx.stream_closed(time.perf_counter() - started)

        try:
            completed = play(ops, ChunkedSink(self.connection, response.framing.chunk_size, ctx.stopping), close)
        except StreamAborted:
            logger.debug("stream %s aborted (client gone or server stopping)", logid)
        except Exception:
            logger.exception("stream %s failed", logid)
        finally:
            close()
            if not completed:
                self.close_connection = True

    def _head(
        self,
        status: int,
        content_type: str,
        logid: str,
        extra: dict[str, str],
        length: int | None,
        *,
        pace: float = 0.0,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Connection", "close" if self.close_connection else "keep-alive")
        self.send_header("x-tt-logid", logid)
        if pace <= 0:
            self.end_headers()
            return
        # A slow gateway: every byte of the head on its own, `pace` seconds apart (until the client leaves).
        buffered: list[bytes] = getattr(self, "_headers_buffer", [])
        head = b"".join(buffered) + b"\r\n"
        buffered.clear()
        for index in range(len(head)):
            if self.server.ctx.stopping.wait(pace if index else 0):
                raise ConnectionAbortedError("server stopping")
            self.wfile.write(head[index : index + 1])
            self.wfile.flush()

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length:
            return self.rfile.read(int(length))
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        return b""

    def _read_form(self, limit: int) -> tuple[bytes, bool]:
        """A multipart body: kept up to `limit` bytes, the rest read and dropped (so the client
        gets our error answer instead of a reset connection)."""
        length = self.headers.get("Content-Length")
        if not length:
            data = self._read_body()
            return data[:limit], len(data) > limit
        remaining = int(length)
        kept = bytearray()
        ctx = self.server.ctx
        block = 64 * 1024 if ctx.upload_pace else 1 << 20
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, block))
            if not chunk:
                break
            if ctx.upload_pace and ctx.stopping.wait(ctx.upload_pace * len(chunk) / (1 << 20)):
                break
            remaining -= len(chunk)
            if len(kept) <= limit:
                kept += chunk[: limit + 1 - len(kept)]
        return bytes(kept[:limit]), len(kept) > limit

    def _read_chunked(self) -> bytes:
        data = bytearray()
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            data += self.rfile.read(size)
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailers
        return bytes(data)


def _parse_json(raw: bytes) -> tuple[Any, bool]:
    """The body as Coze's Go server reads it (encoding/json): bytes that are not UTF-8, and a \\u escape of
    half a surrogate pair, are each U+FFFD, never an error (and never a lone surrogate, which no reply
    could encode: the chat's stream then failed with its conversation left occupied)."""
    if not raw.strip():
        return None, False
    try:
        body = json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return None, True
    return (_without_surrogates(body) if _SURROGATE_ESCAPE.search(raw) else body), False


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value
