"""The two drivers that perform a call's steps (:mod:`._steps`): the only code the twins do not share.

The httpx client is used as a transport: each request arrives fully built (absolute URL, the
facade's headers), is sent with the client's auth and redirect handling switched off, and nothing on
the client (base URL, headers, hooks, auth) is read or changed.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx

from ._steps import Close, Locked, Read, Send, Sleep, Step, Steps

__all__ = ["AsyncDriver", "SyncDriver"]

_T = TypeVar("_T")


class SyncDriver:
    """Performs steps with an ``httpx.Client``."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def run(self, steps: Steps[_T]) -> _T:
        """Drive ``steps`` to its result; a failed step's exception is thrown back into it."""
        outcome: Any = None
        failure: BaseException | None = None
        while True:
            try:
                step = steps.throw(failure) if failure is not None else steps.send(outcome)
            except StopIteration as stop:
                result: _T = stop.value
                return result
            outcome, failure = None, None
            try:
                outcome = self._perform(step)
            except BaseException as exc:  # handed to the core, which translates, retries or re-raises
                failure = exc

    def _perform(self, step: Step) -> Any:
        match step:
            case Send(request):
                return self.http.send(request, stream=True, auth=None, follow_redirects=False)
            case Read(response):
                try:
                    return response.read()
                finally:
                    response.close()
            case Close(response):
                response.close()
                return None
            case Sleep(seconds, timer):
                timer.sleep(seconds)
                return None
            case Locked(lock, steps):
                with lock.thread_lock:
                    return self.run(steps)
        raise TypeError(f"unknown step {step!r}")  # pragma: no cover - the Step union is closed


class AsyncDriver:
    """Performs steps with an ``httpx.AsyncClient`` (the twin of :class:`SyncDriver`, awaiting)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def run(self, steps: Steps[_T]) -> _T:
        """Drive ``steps`` to its result; a failed step's exception is thrown back into it."""
        outcome: Any = None
        failure: BaseException | None = None
        while True:
            try:
                step = steps.throw(failure) if failure is not None else steps.send(outcome)
            except StopIteration as stop:
                result: _T = stop.value
                return result
            outcome, failure = None, None
            try:
                outcome = await self._perform(step)
            except BaseException as exc:  # handed to the core, which translates, retries or re-raises
                failure = exc

    async def _perform(self, step: Step) -> Any:
        match step:
            case Send(request):
                return await self.http.send(request, stream=True, auth=None, follow_redirects=False)
            case Read(response):
                try:
                    return await response.aread()
                finally:
                    await response.aclose()
            case Close(response):
                await response.aclose()
                return None
            case Sleep(seconds, timer):
                await timer.async_sleep(seconds)
                return None
            case Locked(lock, steps):
                async with lock.for_this_loop():
                    return await self.run(steps)
        raise TypeError(f"unknown step {step!r}")  # pragma: no cover - the Step union is closed
