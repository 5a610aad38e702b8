"""A tiny hostile web server on loopback for download tests: redirects anywhere, and trickles bytes.

Routes: `/icon.png` (a real PNG), `/redirect?to=URL` (302 to URL), `/trickle` (a PNG header, then one
byte every 50 ms for as long as the client keeps reading); for an API client pointed at `/endless` or `/bomb`
as its base: a JSON envelope that never ends (chunked), and one of 64 KiB gzipped that unpacks to 64 MiB.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from desktop.core.cozeserver.api_local import icon_png


class _Handler(BaseHTTPRequestHandler):
    server_version = "hostile/1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/icon.png":
            body = icon_png()
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif parts.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", parse_qs(parts.query)["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parts.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")
            try:
                while not self.server.stopping.is_set():  # type: ignore[attr-defined]
                    self.wfile.write(b"\0")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif parts.path.startswith("/endless/"):
            self._endless()
        elif parts.path.startswith("/bomb/"):
            body = _bomb()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        head, piece = b'{"code":0,"data":"', b"a" * 65536
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
            while not self.server.stopping.is_set():  # type: ignore[attr-defined]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        except OSError:
            pass


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b'{"code":0,"data":{"x":"' + b"a" * (64 << 20) + b'"}}', compresslevel=9)


@contextmanager
def hostile_web() -> Iterator[str]:
    """Run the server; yields its base URL (http://127.0.0.1:PORT)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.stopping = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.stopping.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
