"""Summaries of timing samples, and running several cases interleaved so noise hits them alike."""

from __future__ import annotations

import gc
import math
import statistics
import time
import timeit
from collections.abc import Callable, Mapping, Sequence


def median(samples: Sequence[float]) -> float:
    """The median of ``samples``."""
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """The 95th percentile (nearest rank: with few samples this is the largest one)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def micro_us(function: Callable[[], object], number: int = 200) -> float:
    """Median µs per call of ``function`` over 7 repeats of ``number`` calls."""
    return median(timeit.repeat(function, number=number, repeat=7)) / number * 1e6


def interleaved(
    cases: Mapping[str, Callable[[], object]], *, iterations: int, warmup: int = 1, collect: bool = False
) -> dict[str, list[float]]:
    """Seconds per call of each case, the cases taking turns (the order rotates each round).

    ``collect`` runs the garbage collector before each call (outside the timing), for cases that
    allocate hundreds of MB, so one case does not pay for another's garbage.
    """
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(iterations):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            if collect:
                gc.collect()
            samples[name].append(timed(cases[name]))
    return samples
