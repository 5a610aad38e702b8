"""Benchmark of the history store at scale (run by hand, not a test).

    /tmp/venv0/bin/python bench/bench_store.py [--dir /tmp/coze-bench] [--reuse] [--runs 50]

Builds a profile of 10,000 conversations / 500,000 messages (mixed Chinese and English, 20-800
characters, messages of different conversations interleaved as they are in real use, one
conversation of 5,000 messages), then times the interactive operations through the public Store API
and prints a Markdown table (p50/p95 in milliseconds, warm cache). Results: bench/results_store.md.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.store import AnswerBuffer, Store
from desktop.core.store.search import FALLBACK_SCAN_ROWS, MAX_SHORT_TERMS, QUICK_SCAN_ROWS, scan_ids

_ZH = (
    "我们 你们 他们 这个 那个 什么 怎么 为什么 因为 所以 但是 如果 可以 需要 应该 已经 还是 或者 "
    "问题 答案 方法 系统 数据 模型 训练 学习 机器学习 深度学习 神经网络 人工智能 算法 代码 程序 "
    "函数 变量 服务器 数据库 接口 用户 文件 配置 部署 测试 性能 优化 内存 网络 请求 响应 错误 "
    "今天 明天 天气 时间 工作 生活 朋友 家人 城市 北京 上海 旅行 美食 电影 音乐 书籍 历史 文化 "
    "经济 市场 公司 产品 设计 开发 管理 团队 项目 计划 目标 结果 分析 报告 建议 总结 例如 首先 "
    "其次 最后 一般 非常 比较 特别 重要 简单 复杂 容易 困难 的 了 是 在 有 和 就 不 也 都 很 "
    "猫 狗 鱼 鸟 花 树 山 水 海 风 雨 雪 春天 夏天 秋天 冬天 机器 机会 器材 学生 老师 学校"
)
_EN = (
    "the of and to in is it that for you with as on are this be at by not from or have an they "
    "which one can all there were when your use how said each she do time if will way about many "
    "then them write would like so these her long make thing see him two has look more day could "
    "go come number sound no most people my over know water than call first who may down side been "
    "now find python function variable class module package import return value error exception "
    "server client request response database query index table column schema migration transaction "
    "model training inference token prompt answer question stream buffer thread process memory "
    "performance latency throughput benchmark cache network socket protocol json markdown code "
    "deploy release version update install configure docker linux windows macos desktop window "
    "widget layout signal slot event loop timer search result snippet chinese english translate"
)
ZH_WORDS = _ZH.split()
EN_WORDS = _EN.split()
# Rare terms planted in a few messages so the "rare match" searches have something to find.
RARE = ("量子纠缠", "kubernetes")
# Terms planted in 1% of the older messages and never in the newest 50,000: searches for them cannot
# be answered from recent messages (the quick scan of short queries finds nothing there).
OLD_ONLY = ("蓝鲸", "haskell")


def _corpus(words: tuple[str, ...] | list[str], other: list[str], chars: int, rng: random.Random, sep: str) -> str:
    parts: list[str] = []
    total = 0
    while total < chars:
        word = rng.choice(other) if rng.random() < 0.08 else rng.choice(words)
        piece = word + (sep if rng.random() < 0.9 else "，" if sep == "" else ". ")
        parts.append(piece)
        total += len(piece)
    return "".join(parts)


def generate(path: Path, conversations: int, messages: int, big: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    zh = _corpus(ZH_WORDS, EN_WORDS, 2_000_000, rng, "")
    en = _corpus(EN_WORDS, ZH_WORDS, 3_000_000, rng, " ")
    start = time.perf_counter()
    Store.open(path).close()  # creates the schema
    # Bulk generation with plain SQL on a connection of its own: the store has no bulk-insert of
    # synthetic rows, and should not have one.
    conn = sqlite3.connect(path, isolation_level=None)
    now = time.time()
    t0 = now - 2 * 365 * 86400
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO bots (bot_id, name, updated_at) VALUES (?, ?, ?)",
        [(f"bot{i}", f"Bot {i}", now) for i in range(5)],
    )
    conn.executemany(
        "INSERT INTO conversations (id, title, bot_id, created_at, updated_at, pinned, archived,"
        " title_is_auto) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
        [
            (
                cid,
                f"Conversation {cid} 关于{rng.choice(ZH_WORDS)}",
                f"bot{cid % 5}",
                t0,
                t0,
                int(cid % 500 == 0),
                int(cid % 50 == 7),
            )
            for cid in range(1, conversations + 1)
        ],
    )
    conn.execute("COMMIT")
    # Conversation 1 gets `big` messages, the others share the rest; shuffled so that messages of
    # one conversation are scattered through the table as in real use.
    owners = [1] * big
    rest = messages - big
    for cid in range(2, conversations + 1):
        owners.extend([cid] * (rest // (conversations - 1)))
    owners.extend(rng.randrange(2, conversations + 1) for _ in range(messages - len(owners)))
    rng.shuffle(owners)
    step = (now - t0) / messages
    rare_at = set(rng.sample(range(messages), 20))
    old_at = set(rng.sample(range(max(0, messages - 50_000)), messages // 100))
    batch: list[tuple[object, ...]] = []
    role_of: dict[int, int] = {}
    for n, cid in enumerate(owners):
        turn = role_of.get(cid, 0)
        role_of[cid] = turn + 1
        user = turn % 2 == 0
        length = rng.randint(20, 200) if user else rng.randint(60, 800)
        text_source = zh if rng.random() < 0.6 else en
        offset = rng.randrange(0, len(text_source) - length)
        content = text_source[offset : offset + length]
        if n in rare_at:
            content += " " + RARE[n % 2]
        if n in old_at:
            content = content[: length // 2] + f" {OLD_ONLY[n % 2]} " + content[length // 2 :]
        created = t0 + n * step
        batch.append(
            (
                cid,
                "user" if user else "assistant",
                "question" if user else "answer",
                content,
                "complete",
                created,
                created,
            )
        )
        if len(batch) == 50_000:
            _insert(conn, batch)
            batch.clear()
    _insert(conn, batch)
    conn.execute("BEGIN")
    conn.execute(
        "UPDATE conversations SET updated_at = (SELECT max(created_at) FROM messages m"
        " WHERE m.conversation_id = conversations.id)"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - start


def _insert(conn: object, rows: list[tuple[object, ...]]) -> None:
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/coze-bench"))
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--big", type=int, default=5_000, help="messages in the largest conversation")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep an existing generated profile")
    args = parser.parse_args()
    path = args.dir / "history.sqlite3"
    if not (args.reuse and path.exists()):
        args.dir.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        seconds = generate(path, args.conversations, args.messages, args.big)
        print(f"generated {args.conversations} conversations / {args.messages} messages in {seconds:.1f} s")
    print(f"database size: {path.stat().st_size / 1e6:.0f} MB")

    t = time.perf_counter()
    store = Store.open(path, integrity_check=True)
    print(f"Store.open with quick_check: {(time.perf_counter() - t) * 1000:.0f} ms (page cache warm)")
    store.close()
    t = time.perf_counter()
    store = Store.open(path)
    print(f"Store.open (default: no quick_check above 64 MB): {(time.perf_counter() - t) * 1000:.1f} ms")
    scan_conn = sqlite3.connect(path)  # the worst-case scan below runs on a connection of its own

    ops: list[tuple[str, Callable[[], object]]] = [
        ("list_conversations (first page, 50)", lambda: store.conversations.page(50)),
        ("list_conversations (page 100, offset 5000)", lambda: store.conversations.page(50, offset=5000)),
        ("list_conversations --all (first page)", lambda: store.conversations.page(50, include_archived=True)),
        ("list_messages, 5,000-msg conversation, last 100", lambda: store.messages.page(1, 100)),
        ("count_messages, 5,000-msg conversation", lambda: store.messages.count(1)),
    ]
    searches = [
        ("search 'python' (en, 6 chars, common)", "python"),
        ("search 'kubernetes' (en, rare)", "kubernetes"),
        ("search 'the python' (en phrase)", "the python"),
        ("search '机器学习' (zh, 4 chars, common)", "机器学习"),
        ("search '量子纠缠' (zh, 4 chars, rare)", "量子纠缠"),
        ("search '机器' (zh, 2 chars, common)", "机器"),
        ("search '纠缠' (zh, 2 chars, rare)", "纠缠"),
        ("search '蓝鲸' (zh, 2 chars, 1% of old messages only)", "蓝鲸"),
        ("search '鲸' (zh, 1 char, 1% of old messages only)", "鲸"),
        ("search 'haskell' (en, 1% of old messages only)", "haskell"),
        ("search 'the of' (en, two very common words, rare phrase)", "the of"),
        ("search '的学习' (zh, common trigrams, rare phrase)", "的学习"),
        ("search '鲸鱼' (zh, 2 chars, absent)", "鲸鱼"),
        ("search '纠' (zh, 1 char, rare)", "纠"),
        ("search 'py' (en, 2 chars)", "py"),
        ("search '猫' (zh, 1 char, common)", "猫"),
        ("search 'Q' (en, 1 char, common)", "Q"),
    ]
    for label, query in searches:
        ops.append((label, lambda q=query: store.search.find(q, 50)))  # type: ignore[misc]
    # The worst case of a short query: rare among recent messages yet expanding to more than
    # MAX_SHORT_TERMS trigrams, so it scans the newest FALLBACK_SCAN_ROWS messages in full.
    ops.append(
        (
            f"worst short query: LIKE scan of the newest {FALLBACK_SCAN_ROWS} messages, no match",
            lambda: scan_ids(scan_conn, "鲸鱼", 50, FALLBACK_SCAN_ROWS),
        )
    )
    # Write path: what the chat does per question and per flush while an answer streams.
    scratch = store.conversations.create("bot0", title="bench writes")
    answer = store.messages.start_answer(scratch.id)
    long_answer = (ZH_WORDS[0] + " some English words ") * 200  # ~4,000 characters
    buffer = AnswerBuffer(store, scratch.id, interval=3600)  # flushed by hand below

    def stream_step() -> int:
        for _ in range(20):
            buffer.append("m", "增量 delta ")
        buffer.flush()
        return len(buffer.content("m"))

    ops.append(
        ("add_user_message (one commit)", lambda: store.messages.add_question(scratch.id, "一个问题 a question"))
    )
    ops.append(
        (
            "update_answer of a 4,000-char answer (re-index + commit)",
            lambda: store.messages.update(answer.id, content=long_answer + str(time.perf_counter())),
        )
    )
    ops.append(
        (
            "AnswerBuffer: 20 deltas + 1 flush (answer grows to ~10k chars)",
            stream_step,
        )
    )
    print(
        f"\nshort queries: quick scan {QUICK_SCAN_ROWS} rows, up to {MAX_SHORT_TERMS} trigrams,"
        f" fallback scan {FALLBACK_SCAN_ROWS} rows; {args.runs} runs each, warm cache\n"
    )
    print("| operation | p50 ms | p95 ms | max ms | results |")
    print("|---|---:|---:|---:|---:|")
    for label, fn in ops:
        p50, p95, worst = measure(fn, args.runs)
        result = fn()
        count = len(result) if isinstance(result, list) else result if isinstance(result, int) else ""
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {count} |")
    scan_conn.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
