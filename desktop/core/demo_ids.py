"""The embedded demo's ids: its bot, and its app's chatflow. The local server (desktop.core.cozeserver)
serves them; desktop.core.demo_target says when a chat with them goes there. Imports nothing, so both can.

They can never be a real Coze id: Coze's ids are positive 64-bit integers written in decimal (19 digits,
never a leading zero), and these start with "0", so a user's own bot or chatflow is never taken for the
demo. In 0.1.0 they were 7451000000000000001 and the like, which a real bot could have had: `renamed`
turns those into these where the app keeps ids (history migration 16, the settings, the demo's state).
"""

import re

DEMO_BOT_ID = "0000000000000000001"
DEMO_APP_ID = "0000000000000000300"
DEMO_CHATFLOW_ID = "0000000000000000301"

FORMER_IDS = {
    "7451000000000000001": DEMO_BOT_ID,
    "7451000000000000300": DEMO_APP_ID,
    "7451000000000000301": DEMO_CHATFLOW_ID,
}
_FORMER = re.compile(r"(?<![0-9])(" + "|".join(FORMER_IDS) + r")(?![0-9])")


def renamed(text: str) -> str:
    """`text` (an id, a chatflow key "chatflow:<id>@app:<id>", a settings entry) with the demo's former ids made
    the current ones."""
    return _FORMER.sub(lambda found: FORMER_IDS[found.group(1)], text)
