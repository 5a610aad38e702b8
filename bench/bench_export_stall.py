"""The window's longest stall while it exports a chat with a huge question (run by hand, not a test).

    .venv/bin/python bench/bench_export_stall.py [--dir /tmp/coze-pdf-stall] [--mb 4] [--one-line]
        [--format pdf|md|json] [--cancel-after S] [--send] [--trace-ms 30]

Builds a profile with one chat: a question of `--mb` MB (Chinese and English words, in paragraphs or, with
--one-line, one line). Starts the real app (`DesktopApp`, offscreen unless QT_QPA_PLATFORM says otherwise),
opens the chat (or, with --send, sends the question to the demo bot) and waits until the view has shown it,
then exports it as File ▸ Export this chat does (`TransferActions`, minus the file dialog; PDF in the child
process, md/json on the transfer thread) while a 2 ms timer on the GUI thread measures how long the event
loop went without running. Prints the longest gap of each phase: opening, the export (up to and after a
Cancel with --cancel-after) and the 8 s after it. --trace-ms samples the GUI thread's stack in stalls longer
than that (bench/stall_sampler.py); the sampler's thread holds the GUI thread's frames, and a frame it lets
go last is freed on its thread, Qt objects too: it has crashed the app (segmentation fault), so measure
without it first, or with py-spy from outside (`py-spy record --idle --threads -f speedscope`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer

from bench.stall_sampler import StallSampler
from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.ui.qt_app import qt_application

WORDS = [
    "我们",
    "数据",
    "模型",
    "stream",
    "answer",
    "服务器",
    "接口",
    "the",
    "question",
    "用户",
    "文件",
    "配置",
    "部署",
    "export",
    "window",
]


def huge_question(megabytes: float, paragraphs: bool) -> str:
    words, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        word = WORDS[n * 7 % len(WORDS)]
        words.append(word + ("\n\n" if paragraphs and n % 97 == 96 else " "))
        size += len(word.encode()) + 1
        n += 1
    return "".join(words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/coze-pdf-stall")
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--one-line", action="store_true", help="no paragraph breaks: one 4 MB line")
    parser.add_argument("--cancel-after", type=float, default=0.0, help="press Cancel this many seconds in")
    parser.add_argument("--format", default="pdf", choices=("pdf", "md", "json"), help="md, json: on the worker thread")
    parser.add_argument("--send", action="store_true", help="send the question to the demo bot (it answers)")
    parser.add_argument("--trace-ms", type=float, default=0.0)
    args = parser.parse_args()
    folder = Path(args.dir)
    shutil.rmtree(folder, ignore_errors=True)
    profile = Profile(folder / "profile")
    profile.ensure()
    with Store.open(profile.database_path) as store:
        chat = store.conversations.create("7400000000000000042", "A huge question")
        store.messages.add_question(chat.id, huge_question(args.mb, not args.one_line))

    qapp = qt_application()
    app = DesktopApp(qapp, profile, Store.open(profile.database_path), setup_logging(profile.logs_dir))
    beats: dict[str, Any] = {"last": time.perf_counter(), "gaps": []}

    def beat() -> None:
        now = time.perf_counter()
        beats["gaps"].append((now, now - beats["last"]))
        beats["last"] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(beat)
    sampler = StallSampler(lambda: beats["last"], late=0.02) if args.trace_ms else None
    app.window.show()
    timer.start()

    def run_until(name: str, done: Callable[[], bool], limit: float = 300.0) -> None:
        beats["gaps"], beats["last"] = [], time.perf_counter()
        if sampler is not None:
            sampler.clear()
        start = time.perf_counter()
        while not done() and time.perf_counter() - start < limit:
            qapp.processEvents()
            time.sleep(0.0005)
        gaps = list(beats["gaps"])
        longest = max((length for _end, length in gaps), default=0.0)
        print(f"{name}: {time.perf_counter() - start:.1f} s, longest GUI stall {longest * 1000:.0f} ms", flush=True)
        if sampler is not None:
            print("\n".join(sampler.report(gaps, args.trace_ms / 1000)), flush=True)

    if args.send:
        app.start_demo()  # (a new chat with the demo bot)
        app.window.send(huge_question(args.mb, not args.one_line))
        sent = app.window.current_conversation
        assert sent is not None
        chat_id = sent
        run_until("sending it", lambda: not app.chats.is_busy(sent) and app.window.chat.view.is_idle())
    else:
        chat_id = chat.id
        app.window.open_conversation(chat.id)
        run_until("opening the chat", app.window.chat.view.is_idle)
    ended: list[object] = []
    history = app.history
    history.transfers.finished.connect(ended.append)
    history.transfers.failed.connect(ended.append)
    history.transfers.cancelled.connect(lambda: ended.append("cancelled"))
    target = folder / f"chat.{args.format}"
    app.window.transfer._begin("export", "Export this chat")
    if args.format == "pdf":
        history.start_pdf_export(target, chat_id, app.window.transfer.pdf_look())
    else:
        history.start_export(target, chat_id, args.format)
    if args.cancel_after:
        cancel_at = time.perf_counter() + args.cancel_after
        run_until("exporting to PDF until Cancel", lambda: time.perf_counter() > cancel_at)
        history.transfers.cancel()
        run_until("from Cancel to its end", lambda: bool(ended))
    else:
        run_until(f"exporting to {args.format}", lambda: bool(ended))
    settle = time.perf_counter() + 8
    run_until("the 8 s after it", lambda: time.perf_counter() > settle)
    print(f"export: {ended}, {target.stat().st_size / 1e6:.1f} MB" if target.exists() else f"export: {ended}")
    if sampler is not None:
        sampler.close()
    app.window.close()
    app.shutdown()


if __name__ == "__main__":
    main()
