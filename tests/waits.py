"""A stand-in for a wait the code under test would sleep through: it records the seconds and can
report a cancel (the user's Stop or Cancel) at the n-th wait. The code's own logic stays real."""

from __future__ import annotations


class Waits:
    def __init__(self, cancel_at: int | None = None) -> None:
        self.seconds: list[float] = []
        self.cancel_at = cancel_at

    def __call__(self, seconds: float) -> bool:
        self.seconds.append(seconds)
        return self.cancel_at is not None and len(self.seconds) >= self.cancel_at
