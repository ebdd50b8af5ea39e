"""The retry policy: the one users know from the official OpenAI and Anthropic SDKs.

What is retried (checked in this order, as openai-python does):

1. a ``Retry-After`` longer than 120 s: never (the error is raised at once);
2. an ``x-should-retry: true|false`` header: obeyed;
3. statuses 408, 409, 429 and every status >= 500: yes; connection errors and timeouts: yes;
4. anything else: no.

The wait before retry number ``n`` (0-based) is the server's ``retry-after-ms``, else its
``Retry-After`` (seconds or an HTTP date) when that is within (0, 120] s, else
``min(0.5 * 2**n, 8) * (1 - 0.25 * random())`` seconds. At most ``max_retries`` retries
(default 2, so 3 attempts). Each retry is logged at INFO on the ``deepshi`` logger (each attempt
at DEBUG; never a header or the key).

A call with a ``total_timeout`` is not retried when the wait would end past its deadline: the
attempt's error is raised at once.

Time is read and spent only through :class:`Timer`, so tests inject a fake one and never sleep.
"""

from __future__ import annotations

import email.utils
import logging
import math
from collections.abc import Callable, Mapping
from typing import TypeVar

from ._clock import Timer
from ._deadline import Deadline
from ._errors import APIConnectionError, APIError, APIStatusError
from ._steps import Sleep, Steps

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RetryPolicy",
    "Timer",
    "parse_retry_after",
    "retrying",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 120.0
RETRYABLE_STATUSES = frozenset({408, 409, 429})

log = logging.getLogger("deepshi")

_T = TypeVar("_T")


def parse_retry_after(headers: Mapping[str, str], now: Callable[[], float]) -> float | None:
    """Seconds the server asked us to wait, from ``retry-after-ms`` or ``Retry-After``; ``None`` if absent or unreadable."""
    retry_ms = headers.get("retry-after-ms")
    if retry_ms is not None:
        try:
            seconds = float(retry_ms) / 1000
        except ValueError:
            pass
        else:
            if math.isfinite(seconds):
                return seconds
    retry_after = headers.get("retry-after")
    if retry_after is None:
        return None
    try:
        seconds = float(retry_after)
    except ValueError:
        return _http_date_delay(retry_after, now)
    return seconds if math.isfinite(seconds) else None


def _http_date_delay(value: str, now: Callable[[], float]) -> float | None:
    """Seconds until an HTTP date; ``None`` when it is not one a calendar can hold (year 99999, say)."""
    try:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        return email.utils.mktime_tz(parsed) - now()
    except (ValueError, OverflowError, TypeError, IndexError):  # what the stdlib date parsers raise on odd input
        return None


class RetryPolicy:
    """Decides whether and when to retry a failed attempt."""

    def __init__(self, max_retries: int, timer: Timer, deadline: Deadline | None = None) -> None:
        self.max_retries = max_retries
        self.timer = timer
        self.deadline = deadline if deadline is not None else Deadline(None, timer.monotonic)

    def backoff(self, retries_taken: int) -> float:
        """Exponential backoff with jitter: 0.5 s doubling to 8 s, times a factor in (0.75, 1]."""
        delay = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 1000), MAX_RETRY_DELAY)
        return delay * (1 - 0.25 * self.timer.random())

    def delay_before_retry(self, error: APIError, retries_taken: int) -> float | None:
        """Seconds to wait before retrying after ``error``, or ``None`` to raise it now."""
        delay = self._delay(error, retries_taken)
        if delay is not None and not self.deadline.allows_wait(delay):
            log.debug("Not retrying: the wait of %.3f seconds would end past the call's total_timeout", delay)
            return None
        return delay

    def _delay(self, error: APIError, retries_taken: int) -> float | None:
        if retries_taken >= self.max_retries:
            return None
        if isinstance(error, APIStatusError):
            retry_after = parse_retry_after(error.headers, self.timer.now)
            if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                return None
            should_retry = error.headers.get("x-should-retry")
            if should_retry == "false":
                return None
            if should_retry != "true" and not (error.status_code in RETRYABLE_STATUSES or error.status_code >= 500):
                return None
            if retry_after is not None and 0 < retry_after <= MAX_RETRY_AFTER:
                return retry_after
            return self.backoff(retries_taken)
        if isinstance(error, APIConnectionError):
            return self.backoff(retries_taken)
        return None

    def log_retry(self, what: str, error: APIError, delay: float, retries_taken: int) -> None:
        log.info(
            "Retrying %s in %.3f seconds (retry %d of %d) after: %s",
            what,
            delay,
            retries_taken + 1,
            self.max_retries,
            _reason(error),
        )


def retrying(what: str, policy: RetryPolicy, attempt: Callable[[int], Steps[_T]]) -> Steps[_T]:
    """Run ``attempt(retries_taken)`` until it succeeds or ``policy`` gives up (then its error is raised).

    Written once for both clients: the wait is a :class:`Sleep` step their drivers perform.
    """
    retries_taken = 0
    while True:
        log.debug("%s (attempt %d of %d)", what, retries_taken + 1, policy.max_retries + 1)
        try:
            return (yield from attempt(retries_taken))
        except APIError as error:
            delay = policy.delay_before_retry(error, retries_taken)
            if delay is None:
                raise
            policy.log_retry(what, error, delay, retries_taken)
        yield Sleep(delay, policy.timer)
        retries_taken += 1


def _reason(error: APIError) -> str:
    if isinstance(error, APIStatusError):
        return f"HTTP {error.status_code} ({type(error).__name__})"
    return type(error).__name__
