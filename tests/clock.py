"""Putting a client on a fake clock: the facade's constructors take no timer (nothing private in a
public signature), so tests swap the client's clock in place before the first call."""

from __future__ import annotations

from typing import TypeVar

from deepshi import AsyncDeepshi, Deepshi
from deepshi._retries import Timer

_C = TypeVar("_C", Deepshi, AsyncDeepshi)


def on_clock(client: _C, timer: Timer) -> _C:
    """``client``, now reading and spending time only through ``timer`` (retries, Retry-After, catalog TTL)."""
    client._engine.timer = timer
    return client
