"""A disk cache of downloaded images in the profile (`<profile>/cache/images`), limited in size.

Files are named by the SHA-256 of their URL; `index.json` remembers each entry's size, its pixel
dimensions (so a placeholder of the right size can be drawn before the image is decoded) and when
it was last used. Past `limit` bytes the least recently used entries go. Thread-safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMIT = 200 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    size: int
    width: int
    height: int
    used: float


class ImageCache:
    def __init__(self, folder: Path, limit: int = DEFAULT_LIMIT) -> None:
        self.folder = folder
        self.limit = limit
        self._lock = threading.Lock()
        self._index: dict[str, Entry] = {}
        self._load_index()

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()

    def get(self, url: str) -> bytes | None:
        key = self.key(url)
        with self._lock:
            entry = self._index.get(key)
            if entry is None:
                return None
            try:
                data = (self.folder / key).read_bytes()
            except OSError:
                self._index.pop(key, None)
                return None
            self._index[key] = Entry(entry.size, entry.width, entry.height, time.time())
            return data

    def dimensions(self, url: str) -> tuple[int, int] | None:
        with self._lock:
            entry = self._index.get(self.key(url))
        return (entry.width, entry.height) if entry is not None and entry.width > 0 else None

    def put(self, url: str, data: bytes, width: int, height: int) -> None:
        if len(data) > self.limit:
            return
        key = self.key(url)
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.part"
            temporary.write_bytes(data)
            os.replace(temporary, self.folder / key)
            self._index[key] = Entry(len(data), width, height, time.time())
            self._evict()
            self._save_index()

    def total(self) -> int:
        with self._lock:
            return sum(entry.size for entry in self._index.values())

    def clear(self) -> None:
        with self._lock:
            for key in list(self._index):
                with contextlib.suppress(OSError):
                    (self.folder / key).unlink()
            self._index.clear()
            self._save_index()

    def _evict(self) -> None:
        total = sum(entry.size for entry in self._index.values())
        for key, entry in sorted(self._index.items(), key=lambda pair: pair[1].used):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                (self.folder / key).unlink()
            del self._index[key]
            total -= entry.size

    def _load_index(self) -> None:
        try:
            raw = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict):
            return
        for key, value in raw.items():
            if isinstance(value, list) and len(value) == 4 and (self.folder / key).is_file():
                with contextlib.suppress(TypeError, ValueError):
                    self._index[key] = Entry(int(value[0]), int(value[1]), int(value[2]), float(value[3]))

    def _save_index(self) -> None:
        data = {key: [e.size, e.width, e.height, e.used] for key, e in self._index.items()}
        temporary = self.folder / ".index.json.part"
        try:
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.folder / "index.json")
        except OSError:
            pass  # the cache is a convenience: a full disk must not break showing an image
