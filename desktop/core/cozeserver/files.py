"""Files uploaded to the local server (and pictures the demo bot draws), kept in memory.

Like Coze: an upload gets a 19-digit id and is readable only through that id; `forget()` lets a
test play the case where Coze no longer has a file (uploads expire after about three months).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop.core import media
from desktop.core.cozeserver.wire import JsonDict, new_id, now

COZE_MAX_UPLOAD_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    id: str
    name: str
    data: bytes = field(repr=False)
    created_at: int
    kind: media.Kind
    dimensions: tuple[int, int] | None = None

    def to_wire(self) -> JsonDict:
        return {"bytes": len(self.data), "created_at": self.created_at, "file_name": self.name, "id": self.id}


class UploadedFiles:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, StoredFile] = {}

    def add(self, name: str, data: bytes) -> StoredFile:
        kind = media.sniff(data[: media.SNIFF_BYTES])
        dimensions = media.image_size(data) if kind.image else None
        stored = StoredFile(new_id(), name, data, now(), kind, dimensions)
        with self._lock:
            self._files[stored.id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        with self._lock:
            return self._files.get(file_id)

    def forget(self, file_id: str) -> bool:
        with self._lock:
            return self._files.pop(file_id, None) is not None

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._files)
