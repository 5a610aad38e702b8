"""Soak: thousands of chats across many conversations, random faults, the window switching all the time.

    QT_QPA_PLATFORM=offscreen python bench/soak.py [--chats 2000] [--conversations 50] [--quick]

The real store (temp profile), HistoryService, ChatController (worker threads), MainWindow and the app's
file logging run in this process; the local Coze server runs in a child process (it stands in for
Coze, and its in-memory history must not count in our RSS). Up to `--inflight` chats stream at once;
~30 % get a fault scenario queued (the server's queue is shared and FIFO, so a fault may land on a
neighbouring chat: results are judged from the store, not from what was queued). Chats running longer
than 2 s (endless streams) are stopped through the window, and ~3 % are stopped at random.

Exits 1 if a question is lost or doubled, a chat has no final answer, a row is left streaming, a
completed answer differs from what the server sent, or the view differs from the store.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import gc
import json
import multiprocessing as mp
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PySide6
import shiboken6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.qt_imports import lighten_pyside_imports

lighten_pyside_imports()  # before the window's modules, as the app does (cli.py)

from desktop.core.heap import cap_arenas, settle  # noqa: E402
from desktop.core.logs import setup_logging  # noqa: E402
from desktop.core.store import BotRecord, Store  # noqa: E402
from desktop.services.bots import BotService  # noqa: E402
from desktop.services.chat_controller import ChatController  # noqa: E402
from desktop.services.connection import Connection  # noqa: E402
from desktop.services.history import HistoryService  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.qt_app import chinese_fonts_for_han  # noqa: E402

TOKEN = "pat_soak_local_only"
BOT = "7450000000000000042"
STOP_AFTER = 2.0  # s: a chat still running after this is stopped (what a user does with an endless one)
READ_TIMEOUT = 1.0  # s: so a `stall` ends as a timeout
STUCK_AFTER = 60.0  # s without a free slot for a new chat: give up (a stuck thread), exit 1
WATCHDOG = 180  # s without progress while the GUI thread is blocked (a deadlock): dump every stack, exit 1
FAULTS: list[tuple[str, dict[str, Any]]] = [
    ("drop", {}), ("chat_failed", {}), ("error_event", {}), ("json_error", {"code": 4100}),
    ("http_error_html", {}), ("rate_limited", {}), ("garbage", {}), ("broken_json", {}),
    ("unknown_events", {}), ("stall", {"seconds": 3.0}), ("endless", {"pace": 0.005}),
]  # fmt: skip
QUESTIONS = [
    "hello, what can you do?", "write some python code", "compare cats and dogs in a table",
    "why is the sky blue?", "my name is Ada", "what is my name?", "a long answer please",
    "你好，你能做什么？", "用表格对比一下猫和狗", "为什么天是蓝的？",
]  # fmt: skip


def serve(pipe: Pipe) -> None:
    """Child process: the local Coze server, driven over `pipe` (queue a scenario, fetch answers)."""
    from desktop.core.cozeserver import CozeServer, Scenario

    with CozeServer(accepted_tokens={TOKEN}, pace=0.0, language="en") as server:
        server.add_bot(BOT, name="Soak Bot")
        pipe.send(server.base_url)
        while True:
            command, arg = pipe.recv()
            if command == "queue":
                server.queue(Scenario(arg[0], **arg[1]))
                pipe.send(None)
            elif command == "answers":  # [(coze conversation id, chat id)] -> the answer text sent
                pipe.send([_answer(server.base_url, conv, chat) for conv, chat in arg])
            elif command == "stats":
                pipe.send({"chat_requests": sum(r.path == "/v3/chat" for r in server.requests),
                           "unused_scenarios": len(server.pending_scenarios)})  # fmt: skip
            else:
                return


def _answer(base: str, conversation: str, chat: str) -> str | None:
    url = f"{base}/v3/chat/message/list?conversation_id={conversation}&chat_id={chat}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        data = json.load(response).get("data") or []
    answers = [m["content"] for m in data if m.get("type") == "answer"]
    return answers[0] if len(answers) == 1 else None


def pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def resources() -> dict[str, int]:
    status = Path("/proc/self/status").read_text()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith("Vm")}
    fds = os.listdir("/proc/self/fd")
    sockets = sum(_is_socket(f"/proc/self/fd/{fd}") for fd in fds)
    return {"rss_kb": kb["VmRSS"], "hwm_kb": kb["VmHWM"], "fds": len(fds), "sockets": sockets,
            "os_threads": len(os.listdir("/proc/self/task")), "py_threads": threading.active_count()}  # fmt: skip


def mapped_kb() -> Counter[str]:
    """Resident kB by kind of mapping (/proc/self/smaps): the heap, other anonymous memory (Python's arenas,
    thread stacks, big blocks), glibc's per-thread arenas (64 MiB-aligned anonymous regions), shared
    libraries, the Noto CJK font files, other fonts, other files."""
    kinds: Counter[str] = Counter()
    kind = ""
    with open("/proc/self/smaps", encoding="utf-8") as smaps:
        for line in smaps:
            if line[0] in "0123456789abcdef" and "-" in line.split(" ", 1)[0]:
                fields = line.split(None, 5)
                name, start = (fields[5].strip() if len(fields) > 5 else ""), int(fields[0].split("-")[0], 16)
                if name == "[heap]":
                    kind = "heap"
                elif not name:
                    kind = "arenas" if start % (64 << 20) == 0 and fields[1].startswith("rw") else "anonymous"
                elif name.startswith("["):
                    kind = "anonymous"
                elif "NotoSansCJK" in name or "NotoSerifCJK" in name:
                    kind = "Noto CJK"
                elif name.endswith((".ttf", ".ttc", ".otf")):
                    kind = "other fonts"
                else:
                    kind = "libraries" if ".so" in name else "other files"
            elif line.startswith("Rss:"):
                kinds[kind] += int(line.split()[1])
            elif line.startswith("Private_Dirty:"):
                kinds["private dirty"] += int(line.split()[1])  # of all kinds: memory only this process holds
    return kinds


def _is_socket(path: str) -> bool:
    with contextlib.suppress(OSError):
        return os.readlink(path).startswith("socket:")
    return False


def chat_workers() -> tuple[int, int]:
    """ChatWorker objects still in memory, and how many of them still have their C++ QObject."""
    workers = [o for o in gc.get_objects() if type(o).__name__ == "ChatWorker"]
    return len(workers), sum(shiboken6.isValid(w) for w in workers)


def object_census() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__qualname__ for o in gc.get_objects())


class Soak:
    def __init__(self, args: argparse.Namespace, pipe: Pipe, base_url: str, profile: Path) -> None:
        self.args, self.pipe, self.rng = args, pipe, random.Random(args.seed)
        self.store = Store.open(profile / "history.sqlite3")
        self.store.bots.upsert(BotRecord(BOT, name="Soak Bot", prologue="Hi."))
        self.tasks = TaskRunner()
        self.history = HistoryService(self.store)
        self.bots = BotService(self.store.bots, self.tasks)
        self.chats = ChatController(
            self.store, lambda bot: Connection(base_url, TOKEN, bot, "soak-user", read_timeout=READ_TIMEOUT)
        )
        self.window = MainWindow(
            self.history, self.chats, self.bots, language="en", bot_for_new_chat=lambda: BOT, is_demo=lambda: False
        )
        self.window.show()
        pump(200)
        settle()  # as the app does once its window is painted
        self.conversations = [self.history.create_conversation(BOT).id for _ in range(args.conversations)]
        self.questions: dict[str, int] = {}  # question text -> conversation
        self.queued: Counter[str] = Counter()
        self.stopped_long = self.stopped_random = self.view_checks = 0
        self.problems: list[str] = []
        self.samples: list[dict[str, Any]] = []
        self.sent, self.warmup = 0, min(50, args.chats // 4)

    def rpc(self, command: str, arg: object = None) -> Any:
        self.pipe.send((command, arg))
        return self.pipe.recv()

    def send_one(self, n: int) -> None:
        idle = [c for c in self.conversations if not self.chats.is_busy(c)]
        conversation = self.rng.choice(idle)
        if self.rng.random() < self.args.fault_rate:
            name, params = self.rng.choice(FAULTS)
            self.rpc("queue", (name, params))
            self.queued[name] += 1
        text = f"{self.rng.choice(QUESTIONS)} [soak {n}]"
        self.check_view()  # the window is about to leave this conversation: does it show what is stored?
        self.window.open_conversation(conversation)
        self.window.send(text)
        self.questions[text] = conversation
        if not self.chats.is_busy(conversation):
            self.problems.append(f"send refused in conversation {conversation}: {text!r}")
        if self.rng.random() < 0.03:
            self.stopped_random += 1
            QTimer.singleShot(self.rng.randrange(0, 300), lambda c=conversation: self.chats.stop(c))
        busy = [c for c in self.chats.busy_conversations if c != conversation]
        if busy and self.rng.random() < 0.3:  # look at another chat while it streams
            self.check_view()
            self.window.open_conversation(self.rng.choice(busy))

    def stop_long_running(self, asked: set[int]) -> None:
        for conversation in self.chats.busy_conversations:
            running = self.chats.answer_duration(conversation)
            if running > STOP_AFTER and conversation not in asked:
                asked.add(conversation)
                self.stopped_long += 1
                self.check_view()
                self.window.open_conversation(conversation)
                self.window.stop()  # the Stop button's path
            elif running > STOP_AFTER + 30:
                self.problems.append(f"conversation {conversation}: chat still running {running:.0f} s after Stop")
                asked.discard(conversation)

    def check_view(self) -> None:
        conversation = self.window.current_conversation
        if conversation is None or self.chats.is_busy(conversation):
            return
        self.view_checks += 1
        view = self.window.chat.view
        for message in self.store.messages.page(conversation, limit=100):
            item = view.item(message.id)
            if item is None or view.message_text(message.id) != message.content or item.status != message.status:
                shown = "missing" if item is None else f"{item.status}, {len(view.message_text(message.id))} chars"
                self.problems.append(
                    f"view of conversation {conversation}, message {message.id} ({message.status}, "
                    f"{len(message.content)} chars) shows {shown}"
                )

    def drain(self, timeout: float = 60.0) -> None:
        asked: set[int] = set()
        deadline = time.monotonic() + timeout
        while self.chats.busy_conversations and time.monotonic() < deadline:
            self.stop_long_running(asked)
            pump(10)
        if self.chats.busy_conversations:
            self.problems.append(f"still busy after draining: {self.chats.busy_conversations}")
        pump(500)  # let the finished threads be reaped (deleteLater)

    def sample(self, sent: int) -> None:
        self.samples.append(s := {"chats": sent, "busy": len(self.chats.busy_conversations), **resources()})
        if len(self.samples) == 1:
            print("trend:  chats  busy    RSS MiB   fds  sockets  os_threads  py_threads")
        print(f"      {s['chats']:6d} {s['busy']:4d} {s['rss_kb'] / 1024:10.1f} {s['fds']:5d} {s['sockets']:8d} "
              f"{s['os_threads']:11d} {s['py_threads']:11d}", flush=True)  # fmt: skip

    def run(self) -> tuple[dict[str, Any], dict[str, Any], float, Counter[str], Counter[str]]:
        total, warmup = self.args.chats, self.warmup
        asked: set[int] = set()
        sent, start, base, progress = 0, time.monotonic(), resources(), time.monotonic()
        census0: Counter[str] = Counter()
        while sent < total:
            self.stop_long_running(asked)
            asked &= set(self.chats.busy_conversations)
            if time.monotonic() - progress > STUCK_AFTER:
                self.problems.append(f"no free slot for {STUCK_AFTER:.0f} s: {self.chats.busy_conversations} stuck")
                break
            if len(self.chats.busy_conversations) < self.args.inflight:
                sent, progress = sent + 1, time.monotonic()
                if sent % 50 == 1:  # re-armed now and then: a thread per call, so not every chat
                    faulthandler.dump_traceback_later(WATCHDOG, exit=True)
                self.send_one(sent)
                if sent == warmup:
                    self.drain()
                    census0, base, start = object_census(), resources(), time.monotonic()
                    self.sample(sent)
                elif sent % 200 == 0:
                    self.sample(sent)
            pump(2)
        self.sent = sent
        faulthandler.dump_traceback_later(WATCHDOG, exit=True)
        self.drain()
        elapsed = time.monotonic() - start
        census1, end = object_census(), resources()
        self.sample(sent)
        self.check_view()
        faulthandler.cancel_dump_traceback_later()
        return base, end, elapsed, census0, census1

    def verify(self) -> Counter[str]:
        seen: Counter[str] = Counter()
        statuses: Counter[str] = Counter()
        completed: list[tuple[str, str, str, int]] = []  # coze conversation, chat id, content, message id
        for conversation in self.conversations:
            record = self.store.conversations.get(conversation)
            coze_id = record.coze_conversation_id if record else None
            question, answers = "", 0
            for message in [*self.store.messages.all(conversation), None]:
                if (message is None or message.role == "user") and question and answers != 1:
                    self.problems.append(f"{answers} answers after {question!r} in conversation {conversation}")
                if message is None:
                    break
                if message.role == "user":
                    seen[message.content] += 1
                    if self.questions.get(message.content) != conversation:
                        self.problems.append(f"unexpected question {message.content!r} in {conversation}")
                    question, answers = message.content, 0
                    continue
                answers += 1
                statuses[message.status.value] += 1
                if not question:
                    self.problems.append(f"answer {message.id} before any question in {conversation}")
                if message.status == "streaming":
                    self.problems.append(f"message {message.id} left streaming")
                elif message.status == "complete":
                    if not message.content or not message.coze_chat_id or not coze_id:
                        self.problems.append(f"completed answer {message.id} empty or without Coze ids")
                    else:
                        completed.append((coze_id, message.coze_chat_id, message.content, message.id))
        for text in self.questions:
            if seen[text] != 1:
                self.problems.append(f"question {text!r} stored {seen[text]} times")
        sent = self.rpc("answers", [(conv, chat) for conv, chat, _, _ in completed])
        for (_, _, content, message_id), server_text in zip(completed, sent, strict=True):
            if content != server_text:
                self.problems.append(f"answer {message_id}: stored text differs from what the server sent")
        statuses["compared_with_server"] = len(completed)
        return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 chats")
    parser.add_argument("--inflight", type=int, default=4, help="chats streaming at once (default 4)")
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.quick:
        args.chats = 200
    args.inflight = max(1, min(args.inflight, args.conversations - 1))
    context = mp.get_context("spawn")
    pipe, child_pipe = context.Pipe()
    server = context.Process(target=serve, args=(child_pipe,), name="coze-server", daemon=True)
    server.start()
    base_url = pipe.recv()
    cap_arenas()  # as the app's start does, before its threads
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    chinese_fonts_for_han(qapp)  # the app font qt_application() sets: Han in widgets by the SC font
    with tempfile.TemporaryDirectory(prefix="coze-soak-") as tmp:
        profile = Path(tmp)
        setup_logging(profile / "logs")  # as the app does: worker threads log at INFO
        soak = Soak(args, pipe, base_url, profile)
        print(f"soak: {args.chats} chats, {args.conversations} conversations, seed {args.seed}", flush=True)
        t0 = time.monotonic()
        base, end, elapsed, census0, census1 = soak.run()
        workers = chat_workers()
        kinds = mapped_kb()
        wall = time.monotonic() - t0
        statuses = soak.verify()
        server_stats = soak.rpc("stats")
        db = soak.store.path
        db_bytes = db.stat().st_size
        wal = db.with_name(db.name + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        with contextlib.closing(sqlite3.connect(db)) as conn:
            rows = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        clean = soak.chats.shutdown(3000) and soak.tasks.shutdown(1000)
        soak.store.close()
        soak.window.close()
    pipe.send(("stop", None))
    server.join(5)
    measured, growth_kb = soak.sent - soak.warmup, end["rss_kb"] - base["rss_kb"]
    print(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}, SQLite {sqlite3.sqlite_version}, "
          f"nproc {os.cpu_count()}; {soak.sent} chats, {args.conversations} conversations, {args.inflight} in "
          f"flight, fault rate {args.fault_rate}, seed {args.seed}; wall {wall:.1f} s; after the {soak.warmup} "
          f"warm-up chats: {measured} chats in {elapsed:.1f} s = {measured / elapsed:.1f} chats/s")  # fmt: skip
    print(f"faults queued: {dict(sorted(soak.queued.items()))} (total {sum(soak.queued.values())}); server: "
          f"{server_stats}; stops: {soak.stopped_long} long-running (through the window), {soak.stopped_random} "
          f"random; view checks: {soak.view_checks}; answer rows by status: {dict(statuses)}")  # fmt: skip
    print(
        f"RSS: {base['rss_kb'] / 1024:.1f} -> {end['rss_kb'] / 1024:.1f} MiB (+{growth_kb / 1024:.1f} MiB, "
        f"{growth_kb / max(1, measured):.2f} KiB/chat; peak {end['hwm_kb'] / 1024:.1f} MiB); "
        + "; ".join(f"{k}: {base[k]} -> {end[k]}" for k in ("fds", "sockets", "os_threads", "py_threads"))
    )
    private = kinds.pop("private dirty")
    print("RSS at the end by mapping, MiB: " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in kinds.most_common()))
    print(
        f"of which private dirty (this process's own: heap, arenas, written pages of libraries): {private / 1024:.1f} MiB"
    )
    print(f"store: {rows} messages, {db_bytes / 1e6:.2f} MB + WAL {wal_bytes / 1e6:.2f} MB; clean shutdown: {clean}")
    growth = sorted(((census1[k] - census0[k], k) for k in census1 | census0), reverse=True)[:8]
    print(
        f"python objects: {sum(census0.values())} -> {sum(census1.values())}, most grown: "
        + ", ".join(f"{k} +{d}" for d, k in growth if d > 0)
        + f"; ChatWorkers after the last chat: {workers[0]} in memory, {workers[1]} with a live QObject"
    )
    del qapp
    if soak.problems:
        print(f"FAILED: {len(soak.problems)} problem(s)")
        for problem in soak.problems[:40]:
            print("  " + problem)
        return 1
    print(f"OK: {len(soak.questions)} questions, each stored once with one final answer; none left streaming")
    return 0


if __name__ == "__main__":
    sys.exit(main())
