"""Starting and stopping: stop() never hangs, clients that leave are noticed, `serve()` runs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import desktop
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.cozeserver import server as server_module

from .rawhttp import RawConnection, chat_body, wait_until


def test_stop_with_an_endless_stream_open_returns_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without its bounds (STOP_TIMEOUT), stop() returns only if it cuts the endless stream and the idle
    # connection itself: what "quickly" means, checked without a clock (a bound in seconds failed under load).
    monkeypatch.setattr(server_module, "STOP_TIMEOUT", 3600.0)
    server = CozeServer().start()
    server.queue(Scenario("endless", pace=0.01))
    stream = RawConnection(server.port)
    idle = RawConnection(server.port)  # an idle keep-alive connection must not block either
    try:
        assert idle.request("GET", f"/v1/bots/{DEMO_BOT_ID}").status == 200
        stream.send("POST", "/v3/chat", chat_body("hello"))
        stream.read_head()
        assert stream.read_chunk() is not None
        stopper = threading.Thread(target=server.stop, daemon=True)
        stopper.start()
        stopper.join(60)  # only a hang guard: it returns in milliseconds
        assert not stopper.is_alive()
        assert server.open_streams == 0
        with pytest.raises((EOFError, ConnectionResetError)):
            while stream.read_chunk() is not None:
                pass
        assert idle.at_eof()
    finally:
        stream.close()
        idle.close()


def test_stop_is_idempotent_and_start_is_once() -> None:
    server = CozeServer()
    server.stop()  # never started: nothing to do
    with CozeServer() as started:
        started.stop()
        started.stop()
        with pytest.raises(RuntimeError):
            started.start()


def test_a_client_leaving_a_paced_answer_is_noticed() -> None:
    with CozeServer(pace=0.02) as server:
        with RawConnection(server.port) as stream:
            stream.send("POST", "/v3/chat", chat_body("give me a long answer"))
            stream.read_head()
            first = stream.read_chunk()
            assert first is not None
            chat_id = first.split(b'"id":"')[1].split(b'"')[0].decode()
            conversation_id = first.split(b'"conversation_id":"')[1].split(b'"')[0].decode()
            assert server.open_streams == 1
        wait_until(lambda: server.open_streams == 0, timeout=2)
        with RawConnection(server.port) as conn:
            # Like Coze, the chat is still running without its client: it can be canceled afterwards,
            # and the conversation accepts a new chat.
            query = f"conversation_id={conversation_id}&chat_id={chat_id}"
            assert conn.request("GET", f"/v3/chat/retrieve?{query}").json()["data"]["status"] == "in_progress"
            cancel = {"conversation_id": conversation_id, "chat_id": chat_id}
            assert conn.request("POST", "/v3/chat/cancel", cancel).json()["data"]["status"] == "canceled"
            server.pace = 0.0
            again = conn.request("POST", f"/v3/chat?conversation_id={conversation_id}", chat_body("hello"))
            assert again.complete


def test_serve_prints_its_address_and_stops_on_sigterm() -> None:
    root = Path(desktop.__file__).resolve().parent.parent
    code = "from desktop.core.cozeserver import serve; serve(0, set(), 0.0, 'zh')"
    env = {**os.environ, "PYTHONPATH": str(root)}
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, cwd=root
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.fullmatch(
                r"Coze demo server listening on http://127\.0\.0\.1:(\d+) {2}"
                rf"\(bot id {DEMO_BOT_ID}, token pat_demo_local_only\)\n",
                line,
            )
            assert match, line
            with RawConnection(int(match.group(1))) as conn:
                assert conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}").json()["data"]["name"] == "扣子演示助手"
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=5) == 0
        finally:
            if process.poll() is None:
                process.kill()
