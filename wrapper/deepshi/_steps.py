"""The I/O a call needs, as values: one core for the sync and the async client.

Everything a call decides (request building, preflight, retries, response to result) is written
once, as a generator that *yields* the I/O it needs (:class:`Send`, :class:`Read`, :class:`Close`,
:class:`Sleep`, :class:`Locked`) and receives the outcome: the "sans-I/O" shape of h11 and
h2. :mod:`._drivers` has the two drivers that perform the steps, with ``httpx.Client`` or
``httpx.AsyncClient``; they are the only code that differs between the twins, and differ only
where the async one awaits. A failure while performing a step (an httpx error) is thrown back
into the generator at the ``yield``, so the core translates it where the step was asked for.
"""

from __future__ import annotations

import threading
import weakref
from asyncio import AbstractEventLoop, Lock, get_running_loop
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, TypeAlias, TypeVar

import httpx

from ._clock import Timer

__all__ = ["Close", "Read", "Send", "SharedLock", "Sleep", "Step", "Steps"]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Send:
    """Send ``request``; the outcome is the ``httpx.Response`` with its headers read, body not yet."""

    request: httpx.Request


@dataclass(frozen=True)
class Read:
    """Read ``response``'s whole body, then close it; the outcome is the body's bytes."""

    response: httpx.Response


@dataclass(frozen=True)
class Close:
    """Close ``response`` without reading the rest of its body."""

    response: httpx.Response


@dataclass(frozen=True)
class Sleep:
    """Wait ``seconds`` on ``timer`` (the client's clock, which tests replace)."""

    seconds: float
    timer: Timer


@dataclass(frozen=True)
class Locked:
    """Run ``steps`` while holding ``lock``; the outcome is theirs."""

    lock: SharedLock
    steps: Steps[Any]


Step: TypeAlias = Send | Read | Close | Sleep | Locked
Steps: TypeAlias = Generator[Step, Any, _T]
"""A call's core: yields steps, receives their outcomes, returns the call's result."""


@dataclass
class SharedLock:
    """A lock usable from threads (sync clients) and from event loops (async clients).

    Threads share one ``threading.Lock``; each event loop gets its own ``asyncio.Lock`` (an
    asyncio lock belongs to one loop, and a thread lock must not be held across an ``await``).
    """

    thread_lock: threading.Lock = field(default_factory=threading.Lock)
    _loop_locks: weakref.WeakKeyDictionary[AbstractEventLoop, Lock] = field(default_factory=weakref.WeakKeyDictionary)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    """Guards ``_loop_locks`` only (never held across I/O, so an event loop never waits on it long)."""

    def for_this_loop(self) -> Lock:
        """The ``asyncio.Lock`` of the running event loop."""
        loop = get_running_loop()
        with self._guard:
            lock = self._loop_locks.get(loop)
            if lock is None:
                lock = self._loop_locks[loop] = Lock()
            return lock
