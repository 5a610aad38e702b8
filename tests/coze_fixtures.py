"""Constants shared by tests that talk to the local Coze server (fixtures are in conftest.py)."""

from desktop.core.cozeserver import DEMO_BOT_ID

TOKEN = "pat_test_token_0123456789"
BOT = DEMO_BOT_ID
USER = "test-user"
