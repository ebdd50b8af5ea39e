"""``stream=True`` answers: :class:`ImageStream` and :class:`AsyncImageStream`.

The generated operations parse every body as JSON, so for ``stream=True`` the core sends the
generated operation's own request (its ``build_request``, with ``Accept: text/event-stream``) and
hands the open response to a stream, which reads the events as they come. A stream is an iterator of typed
events and a context manager that always closes the connection; :meth:`ImageStream.final_result`
returns the :class:`ImagesResult` of the terminal event.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError

from ._errors import APIError, APIResponseValidationError, APITimeoutError, StreamError
from ._results import ImagesResult
from ._sse import COMPLETED, ImageCompletedEvent, StreamEvent, parse_event

__all__ = ["AsyncImageStream", "ImageStream"]

_ENDED_EARLY = f"The stream ended before its terminal event ({COMPLETED} or error)."


def _broken(exc: Exception, response: httpx.Response, redact: Callable[[str], str]) -> APIError:
    """The error for a stream whose connection broke after it started (its reason masked with ``redact``)."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"The stream timed out ({type(exc).__name__}).", request=response.request)
    if isinstance(exc, SSEError):
        return APIResponseValidationError(
            f"The stream is not valid Server-Sent Events: {redact(str(exc))}", response=response
        )
    return StreamError(
        f"The stream broke before its terminal event: {redact(str(exc)) or type(exc).__name__}", response=response
    )


_STREAM_FAILURES = (httpx.RequestError, httpx.StreamError, SSEError)


class _StreamState:
    """What the sync and async streams share: the response, the result or error seen so far."""

    def __init__(self, response: httpx.Response, redact: Callable[[str], str]) -> None:
        self.response = response
        self.redact = redact
        self.result: ImagesResult | None = None
        self.error: APIError | None = None

    def handle(self, event: StreamEvent) -> StreamEvent:
        if isinstance(event, ImageCompletedEvent):
            self.result = event.result
        return event

    def parse(self, sse: ServerSentEvent) -> StreamEvent:
        try:
            return self.handle(parse_event(sse, self.response, self.redact))
        except APIError as error:
            self.error = error
            raise

    def fail(self, error: APIError) -> APIError:
        self.error = error
        return error


class _StreamBase:
    """What both stream classes read off the response."""

    response: httpx.Response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def request_id(self) -> str | None:
        request_id: str | None = self.response.headers.get("x-request-id")
        return request_id


class ImageStream(_StreamBase):
    """The events of one streamed edit or generation (``with`` it, iterate it, or call :meth:`final_result`).

    Keepalive comments are consumed, not yielded; the terminal :class:`ImageCompletedEvent` is the
    last event. An ``error`` event, or a stream that ends or breaks before the terminal event,
    raises :class:`StreamError` (a timeout raises :class:`APITimeoutError`).
    """

    def __init__(self, response: httpx.Response, redact: Callable[[str], str]) -> None:
        self.response = response
        """The underlying httpx response (status 200, ``text/event-stream``)."""
        self._state = _StreamState(response, redact)
        self._iterator = self._events()

    def _events(self) -> Generator[StreamEvent, None, None]:
        state = self._state
        try:
            for sse in EventSource(self.response).iter_sse():
                event = state.parse(sse)
                yield event
                if isinstance(event, ImageCompletedEvent):
                    return
            raise state.fail(StreamError(_ENDED_EARLY, response=self.response))
        except APIError as error:  # an error event, or the answer's bounds (total_timeout, max_answer_bytes)
            state.fail(error)
            raise
        except _STREAM_FAILURES as exc:
            raise state.fail(_broken(exc, self.response, state.redact)) from exc
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[StreamEvent]:
        return self

    def __next__(self) -> StreamEvent:
        return next(self._iterator)

    def final_result(self) -> ImagesResult:
        """Read the stream to its end and return the final images (raises like iteration does)."""
        for _ in self:
            pass
        if self._state.result is not None:
            return self._state.result
        raise self._state.error or StreamError(_ENDED_EARLY, response=self.response)

    def close(self) -> None:
        """Close the connection (safe to call more than once)."""
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> ImageStream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ImageStream(request_id={self.request_id!r}, closed={self.response.is_closed})"


class AsyncImageStream(_StreamBase):
    """The async twin of :class:`ImageStream` (``async with``, ``async for``, ``await final_result()``)."""

    def __init__(self, response: httpx.Response, redact: Callable[[str], str]) -> None:
        self.response = response
        self._state = _StreamState(response, redact)
        self._iterator = self._events()

    async def _events(self) -> AsyncGenerator[StreamEvent, None]:
        state = self._state
        try:
            async for sse in EventSource(self.response).aiter_sse():
                event = state.parse(sse)
                yield event
                if isinstance(event, ImageCompletedEvent):
                    return
            raise state.fail(StreamError(_ENDED_EARLY, response=self.response))
        except APIError as error:  # an error event, or the answer's bounds (total_timeout, max_answer_bytes)
            state.fail(error)
            raise
        except _STREAM_FAILURES as exc:
            raise state.fail(_broken(exc, self.response, state.redact)) from exc
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[StreamEvent]:
        return self

    async def __anext__(self) -> StreamEvent:
        return await anext(self._iterator)

    async def final_result(self) -> ImagesResult:
        """Read the stream to its end and return the final images (raises like iteration does)."""
        async for _ in self:
            pass
        if self._state.result is not None:
            return self._state.result
        raise self._state.error or StreamError(_ENDED_EARLY, response=self.response)

    async def aclose(self) -> None:
        """Close the connection (safe to call more than once)."""
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> AsyncImageStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncImageStream(request_id={self.request_id!r}, closed={self.response.is_closed})"
