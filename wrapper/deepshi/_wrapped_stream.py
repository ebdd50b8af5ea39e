"""A byte stream wrapped around another one (httpx's request or response stream)."""

from __future__ import annotations

from typing import Any

import httpx


class WrappedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Serves sync and async clients alike; closing it closes the stream it wraps, if that can close.

    Subclasses define ``__iter__``/``__aiter__`` over ``self.inner``.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    async def aclose(self) -> None:
        aclose = getattr(self.inner, "aclose", None)
        if aclose is not None:
            await aclose()
