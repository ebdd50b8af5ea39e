"""Helpers shared by the reliability tests: running one call of each kind, listing directories."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import settings

from deepshi import AsyncDeepshi, Deepshi, ImagesResult
from tests.clock import on_clock

from .canary import CANARY_KEY
from .clock import FakeClock
from .fault_cases import Kind

MODEL: dict[str, Any] = {"model": "flux-2-pro", "width": 256, "height": 256}
"""A pixel-dimension model at its smallest size: the mock renders its answers fast."""


def thorough() -> bool:
    """Whether the heavier variants run (hypothesis profile ``thorough``)."""
    return os.environ.get("HYPOTHESIS_PROFILE", "ci") == "thorough" or profile_examples() >= 1000


def profile_examples() -> int:
    """``max_examples`` of the loaded hypothesis profile."""
    loaded = settings.default
    assert loaded is not None
    return loaded.max_examples


def listing(directory: Path) -> list[str]:
    """Every file under ``directory``, relative and sorted (hidden ones included); [] if it does not exist."""
    if not directory.exists():
        return []
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


@dataclass(frozen=True)
class Ended:
    """How a call ended: its result, or the exception it raised."""

    result: ImagesResult | None = None
    error: BaseException | None = None

    @property
    def name(self) -> str:
        return "result" if self.error is None else type(self.error).__name__


def client_options(base_url: str, headers: dict[str, str] | None, max_retries: int) -> dict[str, Any]:
    return {
        "api_key": CANARY_KEY,
        "base_url": base_url,
        "max_retries": max_retries,
        "default_headers": headers,
        "validate": False,  # no catalog fetch: every request the mock sees is an attempt of the call
    }


def edit(
    kind: Kind,
    base_url: str,
    clock: FakeClock,
    image: Path,
    prompt: str,
    *,
    timeout: float | None = None,
    headers: dict[str, str] | None = None,
    max_retries: int = 2,
) -> Ended:
    """One edit of ``image`` as a ``kind`` call (streams read to their final result)."""
    options = client_options(base_url, headers, max_retries)
    call: dict[str, Any] = {**MODEL, "prompt": prompt, "image": image}
    if timeout is not None:
        call["timeout"] = timeout
    if kind in ("sync", "stream"):
        try:
            with on_clock(Deepshi(**options), clock.timer()) as client:
                if kind == "sync":
                    return Ended(result=client.images.edit(**call))
                with client.images.edit(**call, stream=True) as stream:
                    for _ in stream:
                        pass
                    return Ended(result=stream.final_result())
        except Exception as error:
            return Ended(error=error)
    return asyncio.run(_edit_async(kind, options, call, clock))


async def _edit_async(kind: Kind, options: dict[str, Any], call: dict[str, Any], clock: FakeClock) -> Ended:
    try:
        async with on_clock(AsyncDeepshi(**options), clock.timer()) as client:
            if kind == "async":
                return Ended(result=await client.images.edit(**call))
            stream = await client.images.edit(**call, stream=True)
            async with stream:
                async for _ in stream:
                    pass
                return Ended(result=await stream.final_result())
    except Exception as error:
        return Ended(error=error)
