"""Bounded, visible, cancellable retries for the errors that mean "not now" (4009, 4013, 4020, HTTP 429).

Coze answers 4009 when too many people use it, 4013 when the model is at its rate or concurrency
limit and 4020 (or HTTP 429 with `Retry-After`) when the caller sends too often. The same request may
succeed a few seconds later, so the caller retries it a bounded number of times, telling the user
before each wait ("retrying in 3 s…") and letting them cancel the wait at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from desktop.core.coze.errors import CozeError

T = TypeVar("T")

DEFAULT_DELAYS = (3.0, 6.0, 12.0)
MAX_RETRY_AFTER = 30.0  # a longer Retry-After is not worth a spinning "retrying…": show the error instead


class RetryCancelled(Exception):
    """The user cancelled while waiting to retry; `error` is what the last attempt answered."""

    def __init__(self, error: CozeError) -> None:
        super().__init__(error.summary())
        self.error = error


@dataclass(frozen=True)
class Backoff:
    """How long to wait before each retry; `len(delays)` bounds the number of retries."""

    delays: tuple[float, ...] = DEFAULT_DELAYS
    max_retry_after: float = MAX_RETRY_AFTER

    def delay(self, retries_done: int, error: CozeError) -> float | None:
        """Seconds to wait before the next attempt, or None: give up and show `error`."""
        if not error.retryable or retries_done >= len(self.delays):
            return None
        if error.retry_after is not None:
            if error.retry_after > self.max_retry_after:
                return None
            return max(error.retry_after, 0.0)
        return self.delays[retries_done]


DEFAULT_BACKOFF = Backoff()
NO_RETRIES = Backoff(delays=())

# on_retry(seconds, attempt, error): called before each wait; attempt counts from 1.
RetryCallback = Callable[[float, int, CozeError], None]
# wait(seconds) -> True when the user cancelled (threading.Event.wait has exactly this shape).
Waiter = Callable[[float], bool]


def call_with_backoff(call: Callable[[], T], backoff: Backoff, wait: Waiter, on_retry: RetryCallback) -> T:
    """`call()`, retried after the waits `backoff` allows while it raises a retryable CozeError.

    Raises the last CozeError when the retries run out (or it is not retryable), and `RetryCancelled`
    when `wait` reports a cancel.
    """
    retries = 0
    while True:
        try:
            return call()
        except CozeError as exc:
            delay = backoff.delay(retries, exc)
            if delay is None:
                raise
            retries += 1
            on_retry(delay, retries, exc)
            if wait(delay):
                raise RetryCancelled(exc) from exc
