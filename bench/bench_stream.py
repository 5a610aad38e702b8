"""Streaming benchmark: our ChatStream against the official `cozepy` SDK and a raw socket floor.

    /tmp/venv0/bin/python bench/bench_stream.py [--runs 7] [--huge-runs 5] [--no-profile]

One in-process CozeServer (pace 0) serves the `long_answer` scenario (1 MB of mixed Chinese/English
text in 30,000 deltas, ~11.7 MB on the wire) and `huge_event` (one 10 MB delta) over loopback. After
a warm-up of each, the clients run in rotating order, `--runs` times each. Per run: wall = request
sent -> last event; read = response headers in hand -> last event (wall minus the server building
the stream before its first byte); server send = the server's own `last_stream_seconds`. The raw
floor reads the same response with a bare socket that only counts bytes. Results:
bench/results_stream.md. Needs the bench extra (`cozepy`).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import socket
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.chat import ChatPump, ChatTurn, TurnEvent, TurnRequest
from desktop.core.chat.events import AnswerDelta
from desktop.core.coze import ChatEvent, CozeClient
from desktop.core.coze.events import EventType
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.cozeserver.scenario_streams import bench_text
from desktop.core.store import Store

with warnings.catch_warnings():
    warnings.showwarning = lambda *args, **kwargs: None  # authlib's deprecation notice on import
    from cozepy import ChatEventType, Coze, Message, TokenAuth

TOKEN = "tok"
USER = "bench-user"


@dataclass
class Run:
    wall: float  # request -> last event
    read: float  # response headers -> last event
    server: float  # the server's send time of this stream
    events: int = 0
    deltas: int = 0
    text: str = ""
    wire_bytes: int = 0  # raw floor only: the HTTP body as sent (chunked framing included)


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def med(self, key: str) -> float:
        return float(statistics.median(getattr(r, key) for r in self.runs))

    def min(self, key: str) -> float:
        return float(min(getattr(r, key) for r in self.runs))


Client = Callable[[CozeServer], Run]


def server_seconds(srv: CozeServer) -> float:
    """The stream's send time, once the server has booked it (it may lag the client's last event)."""
    deadline = time.monotonic() + 5
    while srv.open_streams and time.monotonic() < deadline:
        time.sleep(0.0005)
    return srv.last_stream_seconds or 0.0


def ours(client: CozeClient) -> Client:
    def run(srv: CozeServer) -> Run:
        parts: list[str] = []
        events = 0
        t0 = time.perf_counter()
        stream = client.stream_chat(DEMO_BOT_ID, USER, "hi")
        t1 = time.perf_counter()
        for event in stream:
            events += 1
            if event.type == EventType.MESSAGE_DELTA and event.message is not None:
                parts.append(event.message.content)
        t2 = time.perf_counter()
        return Run(t2 - t0, t2 - t1, server_seconds(srv), events, len(parts), "".join(parts))

    return run


def ours_with_turn(client: CozeClient, store: Store) -> Client:
    """`ask`'s whole path without printing: ChatPump emits one value per event, ChatTurn writes the
    answer into a real SQLite history through the AnswerBuffer (desktop/core/chat)."""
    coze_conversation = client.create_conversation(DEMO_BOT_ID).id
    conversation = store.conversations.create(DEMO_BOT_ID, coze_conversation_id=coze_conversation)

    def run(srv: CozeServer) -> Run:
        counts = {"events": 0, "deltas": 0}
        first: list[float] = []

        def on_raw(_event: ChatEvent) -> None:
            counts["events"] += 1

        def on_event(event: TurnEvent) -> None:
            if not first:
                first.append(time.perf_counter())
            if isinstance(event, AnswerDelta):
                counts["deltas"] += 1
            turn.apply(event)

        t0 = time.perf_counter()
        turn = ChatTurn.begin(store, conversation.id, "hi")
        ChatPump(TurnRequest(DEMO_BOT_ID, USER, "hi", coze_conversation)).run(client, on_event, on_raw)
        t2 = time.perf_counter()
        rows = [store.messages.get(i) for i in turn.message_ids.values()]
        text = "".join(row.content for row in rows if row is not None)
        return Run(t2 - t0, t2 - first[0], server_seconds(srv), counts["events"], counts["deltas"], text)

    return run


def official(coze: Coze) -> Client:
    def run(srv: CozeServer) -> Run:
        parts: list[str] = []
        events = 0
        question = [Message.build_user_question_text("hi")]
        t0 = time.perf_counter()
        stream = coze.chat.stream(bot_id=DEMO_BOT_ID, user_id=USER, additional_messages=question)
        t1 = time.perf_counter()
        for event in stream:
            events += 1
            if event.event == ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message is not None:
                parts.append(event.message.content)
        t2 = time.perf_counter()
        return Run(t2 - t0, t2 - t1, server_seconds(srv), events, len(parts), "".join(parts))

    return run


def raw_floor(srv: CozeServer) -> Run:
    """POST /v3/chat on a bare socket (Connection: close) and count the bytes until EOF."""
    url = urlsplit(srv.base_url)
    body = json.dumps(
        {
            "bot_id": DEMO_BOT_ID,
            "user_id": USER,
            "stream": True,
            "additional_messages": [{"role": "user", "content": "hi", "content_type": "text"}],
        }
    ).encode()
    head = (
        f"POST /v3/chat HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    buf = bytearray(256 * 1024)
    t0 = time.perf_counter()
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80)) as sock:
        sock.sendall(head.encode() + body)
        n = sock.recv_into(buf)
        t1 = time.perf_counter()
        header_end = bytes(buf[:n]).index(b"\r\n\r\n") + 4  # the status line and headers fit one read
        total = n
        while n := sock.recv_into(buf):
            total += n
    t2 = time.perf_counter()
    return Run(t2 - t0, t2 - t1, server_seconds(srv), wire_bytes=total - header_end)


def measure(srv: CozeServer, scenario: Scenario, clients: dict[str, Client], runs: int) -> dict[str, Series]:
    names = list(clients)
    for name in names:  # warm-up: connections, imports, caches
        srv.queue(scenario)
        clients[name](srv)
    series = {name: Series() for name in names}
    for i in range(runs):
        for name in names[i % len(names) :] + names[: i % len(names)]:  # rotate who goes first
            gc.collect()
            srv.queue(scenario)
            series[name].runs.append(clients[name](srv))
    return series


def profile_ours(srv: CozeServer, client: CozeClient, scenario: Scenario, top: int = 10) -> str:
    srv.queue(scenario)
    stream = client.stream_chat(DEMO_BOT_ID, USER, "hi")
    profiler = cProfile.Profile()
    profiler.enable()
    for _event in stream:
        pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]  # type: ignore[attr-defined]
    lines = ["| function | calls | tottime ms | cumtime ms |", "|---|---:|---:|---:|"]
    for (path, line, func), (_cc, calls, tottime, cumtime, _callers) in rows:
        where = f"{Path(path).name}:{line}({func})" if line else func
        lines.append(f"| `{where}` | {calls} | {tottime * 1000:.1f} | {cumtime * 1000:.1f} |")
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    return "\n".join(
        [*lines, f"\nProfiled read of one stream: {total * 1000:.0f} ms total (cProfile inflates call-heavy code)."]
    )


def check(series: dict[str, Series], expected: str) -> list[str]:
    out = []
    for name in ("ours", "ours + ChatTurn → SQLite", "cozepy"):
        r = series[name].runs
        same = all(x.text == expected for x in r)
        out.append(
            f"- {name}: {r[0].events} events, {r[0].deltas} deltas, {len(r[0].text)} characters; "
            f"every run's reassembled text == the server's text: {same}"
        )
    a, b = series["ours"].runs[0], series["cozepy"].runs[0]
    out.append(f"- same delta count: {a.deltas == b.deltas}; same reassembled text: {a.text == b.text}")
    return out


def table(series: dict[str, Series]) -> list[str]:
    floor, send = series["raw floor"], series["raw floor"].med("server")
    mb = floor.runs[0].wire_bytes / 1e6
    lines = [
        "| client | events | wall med ms | wall min ms | read med ms | read min ms | events/s (wall) | events/s (read)"
        " | MB/s (read) | server send ms | read ÷ server send alone | read ÷ raw floor read |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in series.items():
        n, wall, read = s.runs[0].events, s.med("wall"), s.med("read")
        lines.append(
            f"| {name} | {n or '–'} | {wall * 1e3:.1f} | {s.min('wall') * 1e3:.1f} | {read * 1e3:.1f} | "
            f"{s.min('read') * 1e3:.1f} | {f'{n / wall:,.0f}' if n else '–'} | {f'{n / read:,.0f}' if n else '–'} | "
            f"{mb / read:.0f} | {s.med('server') * 1e3:.1f} | {read / send:.1f}× | {read / floor.med('read'):.1f}× |"
        )
    o, c = series["ours"], series["cozepy"]
    return [
        *lines,
        f"\nWire body {mb:.2f} MB; server send alone (its send time while the raw floor reads) {send * 1e3:.1f} ms.",
        f"ours/cozepy: events/s (wall, median) {(o.runs[0].events / o.med('wall')) / (c.runs[0].events / c.med('wall')):.2f}×;"
        f" read time {o.med('read') / c.med('read'):.2f} (median), {o.min('read') / c.min('read'):.2f} (min)\n",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--huge-runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--deltas", type=int, default=30_000)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    packages = ", ".join(f"{name} {version(name)}" for name in ("requests", "urllib3", "httpx", "pydantic", "cozepy"))
    print(f"Python {sys.version.split()[0]}, {packages}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    long_answer = Scenario("long_answer", size_bytes=args.size, deltas=args.deltas)
    huge = Scenario("huge_event")
    with (
        CozeServer(accepted_tokens={TOKEN}, pace=0.0) as srv,
        CozeClient(TOKEN, srv.base_url) as client,
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "history.sqlite3") as store,
    ):
        coze = Coze(auth=TokenAuth(TOKEN), base_url=srv.base_url)
        clients: dict[str, Client] = {
            "ours": ours(client),
            "ours + ChatTurn → SQLite": ours_with_turn(client, store),
            "cozepy": official(coze),
            "raw floor": raw_floor,
        }
        series = measure(srv, long_answer, clients, args.runs)
        print(f"\n## long_answer: {args.size:,} bytes of text in {args.deltas:,} deltas, {args.runs} runs each\n")
        print("\n".join(table(series) + check(series, bench_text(args.size))))
        series = measure(srv, huge, clients, args.huge_runs)
        print(f"\n## huge_event: one 10 MB delta, {args.huge_runs} runs each\n")
        print("\n".join(table(series) + check(series, bench_text(10_000_000))))
        if not args.no_profile:
            print("\n## cProfile of ours, long_answer, top 10 by tottime\n")
            print(profile_ours(srv, client, long_answer))
            print("\n## cProfile of ours, huge_event, top 10 by tottime\n")
            print(profile_ours(srv, client, huge))
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f} (anything else running skews the figures)")


if __name__ == "__main__":
    main()
