"""A client clock whose monotonic time moves: for ``total_timeout`` tests that never wait for real.

Each read of :meth:`TickingClock.monotonic` advances it by ``tick`` seconds (so every check the
core makes costs time, as a real slow network would), and every retry wait advances it by the
wait; the waits are recorded. Wall-clock time stays at :data:`tests.reliability.clock.NOW`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deepshi._clock import Timer

from .clock import NOW


@dataclass
class TickingClock:
    tick: float
    elapsed: float = 0.0
    waits: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        self.elapsed += self.tick
        return self.elapsed

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.elapsed += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def timer(self) -> Timer:
        return Timer(
            sleep=self.sleep,
            async_sleep=self.async_sleep,
            now=lambda: NOW,
            monotonic=self.monotonic,
            random=lambda: 0.0,
        )
