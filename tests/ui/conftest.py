"""Fixtures shared by the widget tests."""

from tests.ui.contrast import themed
from tests.ui.sync_harness import synced
from tests.ui.test_visual_flaws import dark
from tests.ui.window_harness import harness

__all__ = ["dark", "harness", "synced", "themed"]
