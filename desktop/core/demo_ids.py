"""The embedded demo's ids: its bot, and its app's chatflow. The local server (desktop.core.cozeserver)
serves them; desktop.core.demo_target says when a chat with them goes there. Imports nothing, so both can."""

DEMO_BOT_ID = "7451000000000000001"
DEMO_APP_ID = "7451000000000000300"
DEMO_CHATFLOW_ID = "7451000000000000301"
