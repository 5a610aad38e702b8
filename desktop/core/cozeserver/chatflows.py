"""The account's Coze apps (应用) and workflows, and the app conversations created by name.

Wire shapes from coze-py: `cozepy/apps/__init__.py` (`SimpleApp`: id, name, description, icon_url,
is_published, owner_user_id, updated_at, folder_id, published_at; list data `{items, total}`) and
`cozepy/workflows/__init__.py` (`WorkflowBasic`: workflow_id, workflow_name, description, icon_url,
app_id, created_at, updated_at, creator; list data `{items, has_more}`; retrieve data
`{workflow_detail}`). The chat SDK reads the same retrieve call's `role` (name, avatar.image_url,
onboarding_info.prologue; coze-js `packages/chat-sdk/src/chatflow/helper/chat-service-type.ts`),
so a chatflow answers with both.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop.core.cozeserver.wire import ApiError, JsonDict, now

OWNER = "4000000000000000001"


@dataclass
class AppRecord:
    app_id: str
    name: str
    workspace_id: str
    description: str = ""
    icon_url: str = ""
    published: bool = True
    created_at: int = field(default_factory=now)

    def to_wire(self, icon_fallback: str) -> JsonDict:
        return {
            "id": self.app_id,
            "name": self.name,
            "description": self.description,
            "icon_url": self.icon_url or icon_fallback,
            "is_published": self.published,
            "owner_user_id": OWNER,
            "updated_at": self.created_at,
            "folder_id": "",
            "published_at": self.created_at if self.published else 0,
        }


@dataclass
class ChatflowRecord:
    """A workflow; `app_id` is empty for one in the workspace's library. `required` names the input
    parameters a chat must give."""

    workflow_id: str
    name: str
    workspace_id: str
    app_id: str = ""
    description: str = ""
    icon_url: str = ""
    prologue: str = ""
    published: bool = True
    mode: str = "chatflow"
    required: tuple[str, ...] = ()
    created_at: int = field(default_factory=now)

    def basic(self, icon_fallback: str) -> JsonDict:
        return {
            "workflow_id": self.workflow_id,
            "workflow_name": self.name,
            "description": self.description,
            "icon_url": self.icon_url or icon_fallback,
            "app_id": self.app_id,
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "creator": {"id": OWNER, "name": "demo"},
        }

    def to_wire(self, icon_fallback: str) -> JsonDict:
        icon = self.icon_url or icon_fallback
        return {
            "workflow_detail": self.basic(icon_fallback),
            "role": {
                "id": self.workflow_id,
                "workflow_id": self.workflow_id,
                "connector_id": "1024",
                "name": self.name,
                "description": self.description,
                "avatar": {"image_uri": "", "image_url": icon},
                "onboarding_info": {
                    "prologue": self.prologue,
                    "display_all_suggestions": False,
                    "suggested_questions": [],
                },
            },
        }


class Chatflows:
    """Apps, workflows and the app conversations known by name, behind one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._apps: dict[str, AppRecord] = {}
        self._workflows: dict[str, ChatflowRecord] = {}
        self._named: dict[tuple[str, str], str] = {}  # (app id, conversation name) -> conversation id

    def add_app(self, app: AppRecord) -> None:
        with self._lock:
            self._apps[app.app_id] = app

    def add_workflow(self, workflow: ChatflowRecord) -> None:
        with self._lock:
            self._workflows[workflow.workflow_id] = workflow

    def apps(self, workspace_id: str) -> list[AppRecord]:
        with self._lock:
            return [a for a in self._apps.values() if a.workspace_id == workspace_id]

    def app(self, app_id: str) -> AppRecord:
        with self._lock:
            app = self._apps.get(app_id)
        if app is None:
            raise ApiError(4200)
        return app

    def workflows(self, workspace_id: str, app_id: str, mode: str) -> list[ChatflowRecord]:
        with self._lock:
            found = [w for w in self._workflows.values() if w.workspace_id == workspace_id]
        if app_id:
            found = [w for w in found if w.app_id == app_id]
        return [w for w in found if not mode or w.mode == mode]

    def workflow(self, workflow_id: str) -> ChatflowRecord:
        with self._lock:
            workflow = self._workflows.get(workflow_id)
        if workflow is None:
            raise ApiError(4200)
        return workflow

    def named_conversation(self, app_id: str, name: str) -> str | None:
        with self._lock:
            return self._named.get((app_id, name))

    def name_conversation(self, app_id: str, name: str, conversation_id: str) -> None:
        with self._lock:
            self._named[(app_id, name)] = conversation_id
