"""An injected clock for the retry loop: it records every wait and never sleeps."""

from __future__ import annotations

from dataclasses import dataclass, field

from deepshi._retries import Timer

NOW = 1_800_000_000.0
"""The fake wall clock (2027-01-15 08:00:00 UTC): ``Retry-After`` HTTP dates are measured against it."""


@dataclass
class FakeClock:
    """``timer()`` goes into ``tests.clock.on_clock(client, ...)``; ``waits`` lists the retry waits asked for."""

    now: float = NOW
    waits: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def timer(self) -> Timer:
        # random() == 0: no jitter, so backoff waits are exactly 0.5 s, 1 s, ...
        return Timer(sleep=self.sleep, async_sleep=self.async_sleep, now=lambda: self.now, random=lambda: 0.0)
