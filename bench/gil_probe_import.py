"""How long parsing a big export holds the GIL (#13): the parse runs on a thread while this thread sleeps
1 ms at a time and records the longest it had to wait to run again. Run by hand, not a test:

    .venv/bin/python bench/gil_probe_import.py [EXPORT.json]   (default: bench_transfer.py's 66 MB export)
"""

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from desktop.core.store.transfer import load_export
from desktop.core.store.transfer.json_stream import load_export_file

path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/coze-transfer-bench/export.json")


def probe(job):
    done = threading.Event()
    worst = 0.0
    t = threading.Thread(target=lambda: (job(), done.set()))
    last = time.perf_counter()
    t.start()
    start = last
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        worst = max(worst, now - last)
        last = now
    t.join()
    return (time.perf_counter() - start), worst


for _run in range(3):
    for name, job in (
        ("json.loads (before)", lambda: load_export(path.read_bytes())),
        ("load_export_file (after)", lambda: load_export_file(path)),
    ):
        secs, worst = probe(job)
        print(f"{name}: {secs * 1000:.0f} ms total, longest GIL wait {worst * 1000:.1f} ms")
