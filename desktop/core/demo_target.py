"""The embedded demo: its bot and chatflow, and when a chat with one of them goes to the demo server
started in the process rather than to the API base. The window (desktop.services) and `ask` both ask here.

The demo's ids mean nothing to Coze: a chat with them is answered by the local server
(desktop.core.cozeserver) started in the process, with its own token, so no account is needed. Only an
explicit API base (`--api-base` or COZE_API_BASE) sends it elsewhere: whoever set one chose the server,
e.g. `coze-desktop serve-demo` in a process of its own. The window's demo mode (the welcome page's demo
button, `--demo`) is a choice of the demo itself and keeps it in process.
"""

from __future__ import annotations

from desktop.core.chat.targets import chatflow_key
from desktop.core.demo_ids import DEMO_APP_ID, DEMO_BOT_ID, DEMO_CHATFLOW_ID
from desktop.core.destination import Choice, Origin

DEMO_PACE = 0.02  # seconds between the demo's deltas: reads like a real bot typing
DEMO_TARGETS = (DEMO_BOT_ID, chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID))
EXPLICIT = (Origin.FLAG, Origin.ENVIRONMENT)


def is_demo_target(key: str) -> bool:
    """`key` (a bot id or a chatflow key, desktop.core.chat.targets) is the demo bot or the demo chatflow."""
    return key in DEMO_TARGETS


def goes_to_demo(key: str, api_base: Choice, *, demo_mode: bool = False) -> bool:
    """A chat with `key` goes to the in-process demo server, not to `api_base` (see above)."""
    return is_demo_target(key) and (demo_mode or api_base.origin not in EXPLICIT)
