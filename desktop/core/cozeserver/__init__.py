"""A Coze-compatible local HTTP server (stdlib only): tests, demo mode, benchmarks, `serve-demo`.

It speaks the real wire format of api.coze.cn (envelopes, `x-tt-logid`, SSE framing, error codes)
from in-memory state, answers with an embedded demo bot, and can be scripted to misbehave with
`Scenario`s. `POST /_local/scenario` and `/_local/bot-icon.png` are local additions, not Coze.
"""

from desktop.core.cozeserver.http_types import Request
from desktop.core.cozeserver.scenarios import SCENARIOS, Scenario
from desktop.core.cozeserver.server import DEMO_TOKEN, CozeServer, serve
from desktop.core.demo_ids import DEMO_BOT_ID

__all__ = ["DEMO_BOT_ID", "DEMO_TOKEN", "SCENARIOS", "CozeServer", "Request", "Scenario", "serve"]
