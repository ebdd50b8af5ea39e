"""``with_raw_response``: an answer's HTTP details, parsed only when asked (openai-python's shape)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

__all__ = ["RawResponse"]

_T = TypeVar("_T")
_UNPARSED = object()


class RawResponse(Generic[_T]):
    """What ``client.images.with_raw_response.edit(...)`` and friends return.

    The status, headers and request id are there at once; :meth:`parse` gives what the plain call
    would have returned (checked against the spec then, once). Error statuses still raise, as for
    the plain call. For a stream, :meth:`parse` returns the open stream: iterate or close it.
    """

    def __init__(self, http_response: httpx.Response, parse: Callable[[], _T], *, retries_taken: int) -> None:
        self.http_response = http_response
        """The ``httpx.Response`` (its body already read, except for a stream)."""
        self.retries_taken = retries_taken
        """How many times the request was retried before this answer."""
        self._parse = parse
        self._parsed: object = _UNPARSED

    @property
    def http_request(self) -> httpx.Request:
        """The ``httpx.Request`` that was sent."""
        return self.http_response.request

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` response header, to quote to support."""
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    def parse(self) -> _T:
        """The parsed answer (an ``ImagesResult``, a ``ModelCatalog`` or an image stream); computed once."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse()
        return self._parsed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"
