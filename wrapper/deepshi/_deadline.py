"""``total_timeout``: one deadline per call, on the client's clock, checked wherever the call waits.

httpx's ``timeout`` bounds each network wait on its own (connect, each read, each write, the
pool), so a server that drips a byte every few seconds, or a stream of keepalives, never trips it.
A :class:`Deadline` bounds the call as a whole: the preflight's catalog fetch, every attempt and
the waits between retries. The core checks it before each request, caps each attempt's
``timeout`` at the time left, never sleeps past it before a retry, and wraps the request body and
the answer (:class:`DeadlineStream`) so that it is checked again as each chunk is sent or
arrives, streams included. Time is read only from the client's clock (``Timer.monotonic``),
which tests replace.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx

from ._errors import APITimeoutError
from ._wrapped_stream import WrappedStream

__all__ = ["Deadline", "DeadlineStream"]


def _capped(seconds: float | None, cap: float) -> float:
    return cap if seconds is None else min(seconds, cap)


class Deadline:
    """When a call must be over: ``seconds`` after it started on ``clock`` (never, for ``None``)."""

    def __init__(self, seconds: float | None, clock: Callable[[], float]) -> None:
        self.seconds = seconds
        self._clock = clock
        self._expires = math.inf if seconds is None else clock() + seconds

    @property
    def bounded(self) -> bool:
        return self.seconds is not None

    def remaining(self) -> float:
        """Seconds left (``inf`` when unbounded; 0 or less once expired)."""
        return math.inf if self.seconds is None else self._expires - self._clock()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def error(self, request: httpx.Request | None) -> APITimeoutError:
        return APITimeoutError(
            f"The call did not finish within its total_timeout of {self.seconds:g} s "
            "(retries and waits included); it was not retried.",
            request=request,
        )

    def check(self, request: httpx.Request | None) -> None:
        """Raise :meth:`error` once the deadline has passed."""
        if self.expired():
            raise self.error(request)

    def cap(self, timeout: httpx.Timeout) -> httpx.Timeout:
        """``timeout`` with no phase longer than the time left (raises :meth:`error` if none is)."""
        if self.seconds is None:
            return timeout
        left = self.remaining()
        if left <= 0:
            raise self.error(None)
        return httpx.Timeout(
            connect=_capped(timeout.connect, left),
            read=_capped(timeout.read, left),
            write=_capped(timeout.write, left),
            pool=_capped(timeout.pool, left),
        )

    def allows_wait(self, seconds: float) -> bool:
        """Whether a wait of ``seconds`` (before a retry) would end before the deadline."""
        return seconds < self.remaining()

    def guard(self, stream: Any, request: httpx.Request) -> Any:
        """``stream`` (a request body or an answer), checked against this deadline at each chunk."""
        return DeadlineStream(stream, self, request) if self.bounded else stream


class DeadlineStream(WrappedStream):
    """A byte stream that raises the deadline's ``APITimeoutError`` as soon as a chunk comes past it.

    Wraps a request body (``request.stream``) or an answer (``response.stream``), for the sync and the
    async client alike; a network timeout that fires after the deadline is reported as the deadline.
    """

    def __init__(self, inner: Any, deadline: Deadline, request: httpx.Request) -> None:
        super().__init__(inner)
        self.deadline = deadline
        self.request = request

    def __iter__(self) -> Iterator[bytes]:
        self.deadline.check(self.request)
        chunks = iter(self.inner)
        while True:
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            except httpx.TimeoutException as exc:
                if self.deadline.expired():
                    raise self.deadline.error(self.request) from exc
                raise
            self.deadline.check(self.request)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.deadline.check(self.request)
        chunks = aiter(self.inner)
        while True:
            try:
                chunk = await anext(chunks)
            except StopAsyncIteration:
                return
            except httpx.TimeoutException as exc:
                if self.deadline.expired():
                    raise self.deadline.error(self.request) from exc
                raise
            self.deadline.check(self.request)
            yield chunk
