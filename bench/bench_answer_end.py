"""The history's writes at the end of a long answer: `conversation.message.completed` then, at once,
`conversation.chat.completed` with the token usage, as AnswerBuffer records them (the code on sys.path).

    PYTHONPATH=TREE python bench/bench_answer_end.py [--runs 7] [--chars 632917]

The answer streams in 30,000 deltas with progressive saves (a clock moved by hand, one save per 3,000
deltas), into a history of 9 earlier such answers; reported: the median (min, max) milliseconds of the
completing call, of the end (`finish` with usage) and of both, on a fresh history each run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.store import AnswerBuffer, Store


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def one_run(folder: Path, chars: int) -> tuple[float, float]:
    text = ("流式回答 streaming answer, 第二段。\n" * (chars // 28 + 1))[:chars]
    piece = len(text) // 30_000 + 1
    deltas = [text[i : i + piece] for i in range(0, len(text), piece)]
    with Store.open(folder / "history.sqlite3") as store:
        conversation = store.conversations.create("7400000000000000001")
        for n in range(10):
            store.messages.add_question(conversation.id, f"问题 {n}")
            ticker = Ticker()
            buffer = AnswerBuffer(store, conversation.id, clock=ticker)
            for i, delta in enumerate(deltas):
                if i % 3_000 == 0:
                    ticker.now += 1.0
                buffer.append("m1", delta)
            started = time.perf_counter()
            buffer.complete_message("m1", text)
            completed = time.perf_counter()
            buffer.finish("complete", usage=(1200, 340_000))
            ended = time.perf_counter()
        return (completed - started) * 1e3, (ended - completed) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chars", type=int, default=632_917)
    args = parser.parse_args()
    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            results.append(one_run(Path(folder), args.chars))
    for name, values in (
        ("complete_message", [r[0] for r in results]),
        ("finish(usage)", [r[1] for r in results]),
        ("both", [r[0] + r[1] for r in results]),
    ):
        print(f"{name:18} {statistics.median(values):7.2f} ms ({min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
