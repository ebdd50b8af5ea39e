"""Where the client gets time from: one object, so tests swap it and never sleep."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

__all__ = ["Timer"]


async def _asyncio_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


@dataclass(frozen=True)
class Timer:
    """The client's clock: waits between retries, ``Retry-After`` dates, catalog freshness, jitter."""

    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep
    now: Callable[[], float] = time.time
    """Wall-clock seconds since the epoch (for ``Retry-After`` HTTP dates)."""
    monotonic: Callable[[], float] = time.monotonic
    """Seconds on a clock that never goes back (for how long a cached catalog stays fresh)."""
    random: Callable[[], float] = field(default=random.random)
    """A float in [0, 1) for the jitter."""
