"""Per-call settings carried into the generated operations through httpx event hooks.

The generated operations take only ``client`` and ``body``, so a per-call timeout cannot be passed
to them. Instead the facade installs two event hooks on the httpx client and opens a
:func:`call_scope` around each call: the request hook sets the call's timeout on the outgoing
request (``request.extensions["timeout"]``, which is what the transports read), and the response
hook remembers the raw response, so that when a generated parser fails on a malformed body the
facade can still report the status and headers. A ``ContextVar`` keeps concurrent calls (threads
or asyncio tasks) apart; outside a scope the hooks do nothing, so a client you pass in keeps
working as before for your own requests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["CallState", "async_event_hooks", "call_scope", "event_hooks", "install"]


@dataclass
class CallState:
    """What one facade call tells its requests, and what they tell it back."""

    timeout: httpx.Timeout
    last_response: httpx.Response | None = None


_current: ContextVar[CallState | None] = ContextVar("deepshi_call_state", default=None)


@contextmanager
def call_scope(timeout: httpx.Timeout) -> Iterator[CallState]:
    """Make ``timeout`` apply to the requests sent inside the ``with`` block."""
    state = CallState(timeout=timeout)
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


def _on_request(request: httpx.Request) -> None:
    state = _current.get()
    if state is not None:
        request.extensions["timeout"] = state.timeout.as_dict()
        state.last_response = None


def _on_response(response: httpx.Response) -> None:
    state = _current.get()
    if state is not None:
        state.last_response = response


async def _on_request_async(request: httpx.Request) -> None:
    _on_request(request)


async def _on_response_async(response: httpx.Response) -> None:
    _on_response(response)


Hooks = dict[str, list[Callable[..., Any]]]


def event_hooks() -> Hooks:
    """The hooks for an ``httpx.Client`` the facade creates."""
    return {"request": [_on_request], "response": [_on_response]}


def async_event_hooks() -> Hooks:
    """The hooks for an ``httpx.AsyncClient`` the facade creates."""
    return {"request": [_on_request_async], "response": [_on_response_async]}


def install(client: httpx.Client | httpx.AsyncClient) -> None:
    """Add the hooks to a client the user passed in (keeping the client's own hooks)."""
    hooks = client.event_hooks
    ours = async_event_hooks() if isinstance(client, httpx.AsyncClient) else event_hooks()
    for event, functions in ours.items():
        hooks[event] += [function for function in functions if function not in hooks[event]]
    client.event_hooks = hooks
