"""``stream=True``: typed events, keepalives consumed, the terminal event's result, in-stream errors
and broken or truncated streams, always closing the connection; sync and async."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from deepshi import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncDeepshi,
    AsyncImageStream,
    Deepshi,
    ImageCompletedEvent,
    ImageStream,
    RateLimitError,
    StreamError,
    UnknownStreamEvent,
)
from tests.images import jpeg_bytes, png_bytes

from .fakes import FakeApi, FakeTimer, completed_event, error_json, sse_body

SSE = {"content-type": "text/event-stream; charset=utf-8", "x-request-id": "req_s"}
ERROR_EVENT = (
    "error",
    {
        "type": "error",
        "error": {"message": "model failed", "type": "server_error", "code": "generation_failed", "param": None},
    },
)


class Broken(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that sends some bytes, then breaks as a dropped connection does."""

    def __init__(self, head: bytes, exc: Exception) -> None:
        self.head, self.exc = head, exc

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        raise self.exc

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.head
        raise self.exc


def stream_of(api: FakeApi, body: bytes | httpx.SyncByteStream) -> None:
    if isinstance(body, bytes):
        api.answers.append(httpx.Response(200, content=body, headers=SSE))
    else:
        api.answers.append(httpx.Response(200, stream=body, headers=SSE))


def open_edit(client: Deepshi) -> ImageStream:
    return client.images.edit(model="m", prompt="p", image=png_bytes(), stream=True, validate=False)


def test_events_are_typed_and_keepalives_consumed(client: Deepshi, api: FakeApi) -> None:
    future = ("image_generation.partial_image", {"type": "image_generation.partial_image", "partial_image_index": 0})
    stream_of(api, sse_body(future, ("mystery", "not json"), completed_event(jpeg_bytes()), keepalives=3))
    with open_edit(client) as stream:
        assert stream.request_id == "req_s"
        events = list(stream)
    assert [type(e) for e in events] == [UnknownStreamEvent, UnknownStreamEvent, ImageCompletedEvent]
    partial, mystery = events[0], events[1]
    assert isinstance(partial, UnknownStreamEvent)
    assert isinstance(mystery, UnknownStreamEvent)
    assert partial.type == "image_generation.partial_image"
    assert partial.data["partial_image_index"] == 0
    assert (mystery.type, mystery.data) == ("mystery", "not json")
    final = events[2]
    assert isinstance(final, ImageCompletedEvent)
    assert final.type == "image_generation.completed"
    assert final.result.images[0].data == jpeg_bytes()
    assert final.result.request_id == "req_s"
    assert stream.final_result() is final.result
    assert stream.response.is_closed


def test_the_request_asks_for_a_stream(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(completed_event()))
    with open_edit(client) as stream:
        stream.final_result()
    sent = api.image_requests[0]
    assert sent.request.headers["accept"] == "text/event-stream"
    assert sent.fields()["stream"] == "true"
    stream_of(api, sse_body(completed_event()))
    with client.images.generate(model="m", prompt="p", stream=True, validate=False) as stream:
        assert stream.final_result().images[0].data == png_bytes()
    assert api.image_requests[1].json() == {"model": "m", "prompt": "p", "stream": True}


def test_final_result_without_iterating(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(completed_event(jpeg_bytes())))
    stream = open_edit(client)
    assert stream.final_result().images[0].mime_type == "image/jpeg"
    assert stream.response.is_closed


def test_error_event_raises_stream_error_with_its_fields(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(ERROR_EVENT, keepalives=2))
    with open_edit(client) as stream, pytest.raises(StreamError) as caught:
        list(stream)
    error = caught.value
    assert (error.message, error.error_type, error.error_code, error.param) == (
        "model failed",
        "server_error",
        "generation_failed",
        None,
    )
    assert error.request_id == "req_s"
    assert stream.response.is_closed
    with pytest.raises(StreamError, match="model failed"):
        stream.final_result()  # the same error again, not a new read


@pytest.mark.parametrize(
    "body",
    [
        b": keepalive\n\n",  # ended after keepalives
        b"",  # nothing at all
        b'event: image_generation.completed\ndata: {"type":"image_generation.completed","created":1,"da',  # cut mid-event
    ],
)
def test_stream_that_ends_early_raises_stream_error(client: Deepshi, api: FakeApi, body: bytes) -> None:
    stream_of(api, body)
    with open_edit(client) as stream, pytest.raises(StreamError, match="ended before its terminal event"):
        stream.final_result()
    assert stream.response.is_closed


def test_connection_dropped_mid_stream_raises_stream_error_chained(client: Deepshi, api: FakeApi) -> None:
    drop = httpx.RemoteProtocolError("peer closed connection without sending complete message body")
    stream_of(api, Broken(b": keepalive\n\n", drop))
    with open_edit(client) as stream, pytest.raises(StreamError) as caught:
        stream.final_result()
    assert caught.value.__cause__ is drop


def test_read_timeout_mid_stream_is_a_timeout(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, Broken(b": keepalive\n\n", httpx.ReadTimeout("no data")))
    with open_edit(client) as stream, pytest.raises(APITimeoutError):
        stream.final_result()


def test_invalid_completed_event_is_a_validation_error(client: Deepshi, api: FakeApi) -> None:
    for data in (
        '{"type":"image_generation.completed"}',
        "{not json",
        '{"type":"image_generation.completed","created":"x","data":[]}',
    ):
        stream_of(api, f"event: image_generation.completed\ndata: {data}\n\n".encode())
        with open_edit(client) as stream, pytest.raises(APIResponseValidationError):
            list(stream)


def test_errors_before_the_stream_starts_are_mapped_and_retried(
    client: Deepshi, api: FakeApi, fake_timer: FakeTimer
) -> None:
    api.answers += [error_json(503), httpx.ConnectError("refused")]
    stream_of(api, sse_body(completed_event()))
    with open_edit(client) as stream:
        assert stream.final_result().images
    assert len(api.image_requests) == 3
    assert fake_timer.sleeps == [0.5, 1.0]
    api.answers.append(error_json(429, "slow down", **{"retry-after": "500"}))
    with pytest.raises(RateLimitError, match="slow down"):
        open_edit(client)


def test_wrong_content_type_for_a_stream_is_a_validation_error(client: Deepshi, api: FakeApi) -> None:
    api.answers.append(httpx.Response(200, json={"created": 1, "data": []}))
    with pytest.raises(APIResponseValidationError, match="expected text/event-stream"):
        open_edit(client)


def test_leaving_the_with_block_early_closes_the_connection(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(("partial", {"type": "partial"}), completed_event()))
    with open_edit(client) as stream:
        first = next(stream)
        assert isinstance(first, UnknownStreamEvent)
    assert stream.response.is_closed
    assert "closed=True" in repr(stream)


def test_stream_error_is_not_retried(client: Deepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(ERROR_EVENT))
    with pytest.raises(StreamError):
        open_edit(client).final_result()
    assert len(api.image_requests) == 1


async def test_async_stream(async_client: AsyncDeepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(("partial", {"type": "partial"}), completed_event(jpeg_bytes()), keepalives=2))
    stream = await async_client.images.edit(model="m", prompt="p", image=png_bytes(), stream=True, validate=False)
    assert isinstance(stream, AsyncImageStream)
    async with stream:
        events = [event async for event in stream]
    assert [type(e) for e in events] == [UnknownStreamEvent, ImageCompletedEvent]
    assert (await stream.final_result()).images[0].data == jpeg_bytes()
    assert stream.response.is_closed


async def test_async_stream_errors(async_client: AsyncDeepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(ERROR_EVENT))
    stream = await async_client.images.generate(model="m", prompt="p", stream=True, validate=False)
    with pytest.raises(StreamError, match="model failed"):
        await stream.final_result()
    stream_of(api, Broken(b": keepalive\n\n", httpx.ReadError("reset")))
    async with await async_client.images.generate(model="m", prompt="p", stream=True, validate=False) as stream:
        with pytest.raises(StreamError, match="broke"):
            await stream.final_result()
    stream_of(api, b": keepalive\n\n")
    async with await async_client.images.generate(model="m", prompt="p", stream=True, validate=False) as stream:
        with pytest.raises(StreamError, match="ended before"):
            async for _ in stream:
                pass
    api.answers.append(error_json(400, "bad"))
    with pytest.raises(Exception, match="bad"):
        await async_client.images.generate(model="m", prompt="p", stream=True, validate=False)
    assert json.loads(api.image_requests[0].body)["stream"] is True


async def test_async_stream_closed_early(async_client: AsyncDeepshi, api: FakeApi) -> None:
    stream_of(api, sse_body(("partial", {"type": "partial"}), completed_event()))
    async with await async_client.images.generate(model="m", prompt="p", stream=True, validate=False) as stream:
        assert isinstance(await anext(stream), UnknownStreamEvent)
    assert stream.response.is_closed
