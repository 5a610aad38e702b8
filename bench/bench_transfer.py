"""Benchmark of export and import of a big history off the GUI thread (run by hand, not a test).

    .venv/bin/python bench/bench_transfer.py [--dir /tmp/coze-transfer-bench] [--messages 40000] [--only import]

Builds a profile of `--messages` messages (mixed Chinese and English, 200-1,200 characters) in 40
conversations, then runs each export (JSON, Markdown, PDF of one 1,000-message chat) and the import
of the JSON into an empty profile exactly as the window does: `HistoryService.start_export` /
`start_import` on the transfer worker thread, while a 10 ms timer on the GUI thread measures the
longest the event loop went without running (what a user would feel as a freeze). Each job runs in
a fresh process so its peak memory (max RSS) is its own. For comparison, "whole string" builds the
JSON export in memory first, as the window did before #13 item 7. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = [
    "我们",
    "数据",
    "模型",
    "训练",
    "学习",
    "服务器",
    "接口",
    "用户",
    "文件",
    "配置",
    "部署",
    "测试",
    "性能",
    "优化",
    "the",
    "model",
    "data",
    "server",
    "test",
    "deploy",
]


def build(path: Path, messages: int) -> None:
    from desktop.core.store import BotRecord, NewMessage, Store

    rng = random.Random(7)
    with Store.open(path) as store:
        store.bots.upsert(BotRecord("bot1", "Bench bot"))
        per = messages // 40
        for number in range(40):
            conversation = store.conversations.create("bot1", title=f"对话 {number}")
            batch = []
            for m in range(per):
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 360)))
                if m % 7 == 3:
                    text += "\n\n```python\ndef f(x):\n    return x * 2\n```\n"
                role, kind = ("user", "question") if m % 2 == 0 else ("assistant", "answer")
                batch.append(NewMessage(role=role, type=kind, content=text))
            store.messages.add_many(conversation.id, batch)


def run_job(kind: str, database: Path, target: Path) -> dict[str, float]:
    """In this process: one export or import on the worker thread, the GUI thread's longest stall."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.store import Store
    from desktop.services.history import HistoryService
    from desktop.ui.pdf_export import PdfChatWriter, print_style

    app = QApplication([])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store = Store.open(database if kind != "import" else target)
    history = HistoryService(store)
    stall = {"max": 0.0}
    clock = QElapsedTimer()
    clock.start()
    last = {"t": 0.0}

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        stall["max"] = max(stall["max"], now - last["t"])
        last["t"] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    result: dict[str, object] = {}
    history.transfers.finished.connect(lambda r: (result.setdefault("done", r), app.quit()))
    history.transfers.failed.connect(lambda e: (result.setdefault("error", repr(e)), app.quit()))
    started = time.perf_counter()
    if kind == "import":
        history.start_import(database)
    elif kind == "pdf":
        style = print_style()
        history.start_export(target, 1, "pdf", lambda path: PdfChatWriter(path, style))
    elif kind == "whole-string":
        history.transfers.start(lambda _report: target.write_text(json.dumps(_whole(database))))
    else:
        history.start_export(target, None, kind)
    last["t"] = clock.nsecsElapsed() / 1e6
    timer.start()
    app.exec()
    seconds = time.perf_counter() - started
    if "error" in result:
        raise SystemExit(str(result["error"]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    history.shutdown()
    store.close()
    size = target.stat().st_size if kind != "import" else database.stat().st_size
    return {
        "seconds": seconds,
        "stall_ms": stall["max"],
        "rss_mb": peak / 1024,
        "rss_growth_mb": (peak - before) / 1024,
        "bytes": size,
    }


def _whole(database: Path) -> object:
    from desktop.core.store import Store
    from desktop.core.store.transfer import export_json

    with Store.open(database, read_only=True) as store:
        return export_json(store)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=Path("/tmp/coze-transfer-bench"))
    parser.add_argument("--messages", type=int, default=40_000)
    parser.add_argument("--only", action="append", help="run only these jobs (json, md, whole-string, pdf, import)")
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder: Path = args.dir
    database = folder / "history.sqlite3"
    if args.job:
        kind, target = args.job.split(":", 1)
        print(
            json.dumps(
                run_job(
                    kind,
                    database if kind != "import" else Path(target),
                    Path(target) if kind != "import" else folder / "empty.sqlite3",
                )
            )
        )
        return
    folder.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        started = time.perf_counter()
        build(database, args.messages)
        print(f"built {args.messages:,} messages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    jobs = [
        ("json", folder / "export.json"),
        ("md", folder / "export.md"),
        ("whole-string", folder / "whole.json"),
        ("pdf", folder / "chat.pdf"),
        ("import", folder / "export.json"),
    ]
    print("| job | seconds | longest GUI stall ms | peak RSS MB (growth) | output |")
    print("|---|---:|---:|---:|---:|")
    for kind, target in jobs:
        if args.only and kind not in args.only and not (kind == "json" and "import" in args.only):
            continue  # (the import reads the JSON export)
        (folder / "empty.sqlite3").unlink(missing_ok=True)
        line = (
            subprocess.run(
                [sys.executable, __file__, "--dir", str(folder), "--job", f"{kind}:{target}"],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        r = json.loads(line)
        print(
            f"| {kind} | {r['seconds']:.2f} | {r['stall_ms']:.0f} | {r['rss_mb']:.0f} ({r['rss_growth_mb']:+.0f}) | {r['bytes'] / 1e6:.1f} MB |"
        )


if __name__ == "__main__":
    main()
