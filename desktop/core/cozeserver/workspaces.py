"""The local account's workspaces and which bots live in each (served by `api_workspaces`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop.core.cozeserver.wire import JsonDict

PERSONAL_WORKSPACE = "7440000000000000100"


@dataclass
class WorkspaceRecord:
    workspace_id: str
    name: str
    workspace_type: str = "team"
    role_type: str = "member"
    bot_ids: list[str] = field(default_factory=list)

    def to_wire(self, icon_url: str) -> JsonDict:
        return {
            "id": self.workspace_id,
            "name": self.name,
            "icon_url": icon_url,
            "role_type": self.role_type,
            "workspace_type": self.workspace_type,
            "enterprise_id": "",
        }


@dataclass
class Workspaces:
    """The account's workspaces, in order; the personal one holds the demo bot."""

    records: list[WorkspaceRecord] = field(default_factory=list)
    denied_permissions: set[str] = field(default_factory=set)  # e.g. {"listBot"}: those calls answer 4101
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, workspace_id: str, name: str, workspace_type: str = "team") -> WorkspaceRecord:
        with self._lock:
            for record in self.records:
                if record.workspace_id == workspace_id:
                    record.name = name
                    return record
            record = WorkspaceRecord(
                workspace_id, name, workspace_type, "owner" if workspace_type == "personal" else "member"
            )
            self.records.append(record)
            return record

    def place(self, workspace_id: str, bot_id: str) -> None:
        with self._lock:
            for record in self.records:
                if bot_id in record.bot_ids:
                    record.bot_ids.remove(bot_id)
            target = next((r for r in self.records if r.workspace_id == workspace_id), None)
            if target is None:
                raise KeyError(workspace_id)
            target.bot_ids.append(bot_id)

    def snapshot(self) -> list[WorkspaceRecord]:
        with self._lock:
            return [
                WorkspaceRecord(r.workspace_id, r.name, r.workspace_type, r.role_type, list(r.bot_ids))
                for r in self.records
            ]
