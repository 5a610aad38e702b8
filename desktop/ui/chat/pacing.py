"""When the chat view shows streamed text: at once after a pause, at most `STEADY_FPS` times a second while
deltas keep coming.

A bot streams 20-60 deltas a second; painting each would cost a frame per delta, and a frame costs about
as much as everything else the window does with a delta. So while deltas arrive steadily, a frame shows
what arrived since the last one, `1 / STEADY_FPS` s apart: text moves on 20 times a second, smooth to the
eye. A delta that comes after a pause (the first of an answer, or one after `QUIET` s without any) is
shown at once, not a frame later, and so is every delta of a slow stream (it arrives after the frame
interval has passed). A frame that took long (a big table or code block converted again) stretches the
next interval, never beyond `1 / SLOWEST_FPS` s: text never looks stuck. The end of an answer is shown
when it is reported (`ChatView.update_message`), not by a frame.

Pure Python, no Qt: the view asks `delay()` for each delta and tells `shown()` after each frame.
"""

from __future__ import annotations

STEADY_FPS = 20  # frames a second while deltas arrive steadily
SLOWEST_FPS = 15  # at least this many while text arrives, however long a frame takes
QUIET = 0.15  # s without a delta after which the next one is shown at once
COST_SHARE = 10  # a frame may take at most 1/COST_SHARE of the interval before the interval grows


class FramePacer:
    """Times the frames of one view (seconds on a monotonic clock)."""

    def __init__(self) -> None:
        self.interval = 1 / STEADY_FPS
        self._last_delta = float("-inf")
        self._last_frame = float("-inf")

    def delay(self, now: float) -> float:
        """A delta arrived at `now`: how long until a frame shows it (the view schedules one only if no
        frame is due already)."""
        quiet = now - self._last_delta > QUIET
        self._last_delta = now
        if quiet:
            return 0.0
        return max(0.0, self._last_frame + self.interval - now)

    def shown(self, now: float, cost: float = 0.0) -> None:
        """A frame was shown at `now`, having taken `cost` seconds of the thread."""
        self._last_frame = now
        self.interval = min(1 / SLOWEST_FPS, max(1 / STEADY_FPS, cost * COST_SHARE))
