"""``stream=true``: keepalive comments, exactly one terminal event, then the stream closes.

The terminal event carries the JSON answer's fields and, beside them, the top-level fields of
OpenAI's completed image stream events (spec decision 2), which the facade exposes too.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from deepshi import Deepshi, ImageCompletedEvent
from deepshi.mock import MockServer
from deepshi.mock.sse import DEFAULT_INTERVAL, DEFAULT_KEEPALIVES
from tests.images import png_bytes

from .conftest import IMAGE_OPERATIONS, multipart
from .test_answers import conforms

recorded_pacing: list[float] = []


async def recording_sleep(seconds: float) -> None:
    """Stands in for asyncio.sleep: records the delay, waits for nothing."""
    recorded_pacing.append(seconds)


@pytest.fixture(scope="module")
def paced() -> Iterator[MockServer]:
    with MockServer(sse_keepalives=3, sse_interval=15.0, sleep=recording_sleep) as server:
        yield server


@pytest.fixture(scope="module")
def default_paced() -> Iterator[MockServer]:
    """A mock with the default pacing, its delays recorded instead of waited."""
    with MockServer(sleep=recording_sleep) as server:
        yield server


def parse(raw: str) -> list[dict[str, Any]]:
    """SSE blocks -> [{"comment": ...} | {"event": ..., "data": ...}], strictly."""
    assert raw.endswith("\n\n")
    items = []
    for block in raw[:-2].split("\n\n"):
        lines = block.split("\n")
        if lines[0].startswith(":"):
            assert len(lines) == 1
            items.append({"comment": lines[0]})
        else:
            assert len(lines) == 2, block
            assert lines[0].startswith("event: ")
            assert lines[1].startswith("data: ")
            items.append({"event": lines[0][7:], "data": lines[1][6:]})
    return items


def terminal_of(response: httpx.Response) -> dict[str, Any]:
    """The JSON payload of the stream's one event, after its keepalive comments."""
    *comments, terminal = parse(response.text)
    assert all("comment" in item for item in comments)
    payload: dict[str, Any] = json.loads(terminal["data"])
    return payload


def stream(server: MockServer, operation: str, **fields: Any) -> httpx.Response:
    headers = {"authorization": f"Bearer {server.api_key}"}
    if operation == "createImage":
        return httpx.post(server.base_url + "/images/generations", json={**fields, "stream": True}, headers=headers)
    body, content_type = multipart(
        [*fields.items(), ("stream", "true"), ("image[]", ("a.png", png_bytes(), "image/png"))]
    )
    return httpx.post(
        server.base_url + "/images/edits", content=body, headers={**headers, "content-type": content_type}
    )


def plain(server: MockServer, operation: str, **fields: Any) -> dict[str, Any]:
    """The JSON answer to the same request without ``stream``."""
    headers = {"authorization": f"Bearer {server.api_key}"}
    if operation == "createImage":
        response = httpx.post(server.base_url + "/images/generations", json=fields, headers=headers)
    else:
        body, content_type = multipart([*fields.items(), ("image[]", ("a.png", png_bytes(), "image/png"))])
        response = httpx.post(
            server.base_url + "/images/edits", content=body, headers={**headers, "content-type": content_type}
        )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.mark.parametrize("operation", IMAGE_OPERATIONS)
def test_keepalives_then_one_completed_event(paced: MockServer, operation: str) -> None:
    recorded_pacing.clear()
    response = stream(paced, operation, model="nano-banana-2", prompt="x", n=2, aspect_ratio="16:9")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert "content-length" not in response.headers
    items = parse(response.text)
    assert items[:3] == [{"comment": ": keepalive"}] * 3
    [terminal] = items[3:]
    assert terminal["event"] == "image_generation.completed"
    conforms({"event": terminal["event"], "data": terminal["data"]}, "ImageStreamMessage")
    payload = json.loads(terminal["data"])
    conforms(payload, "ImageStreamEvent")
    assert payload["type"] == "image_generation.completed"
    assert (payload["model"], payload["size"], len(payload["data"])) == ("nano-banana-2", "1024x576", 2)
    for item in payload["data"]:
        assert Image.open(io.BytesIO(base64.b64decode(item["b64_json"]))).size == (1024, 576)
    assert payload["usage"]["cost"]["total_cost"] > 0
    assert recorded_pacing == [15.0, 15.0, 15.0]


@pytest.mark.parametrize("operation", IMAGE_OPERATIONS)
def test_by_default_a_stream_sends_a_keepalive_first(default_paced: MockServer, operation: str) -> None:
    # The API sends "periodic keepalive comments": a client that chokes on them must fail here too.
    recorded_pacing.clear()
    response = stream(default_paced, operation, model="deepshi-image-1", prompt="x")

    items = parse(response.text)
    assert (DEFAULT_KEEPALIVES, DEFAULT_INTERVAL) == (1, 0.01)  # what docs/mock.md states
    assert items[:-1] == [{"comment": ": keepalive"}] * DEFAULT_KEEPALIVES
    assert items[-1]["event"] == "image_generation.completed"
    assert recorded_pacing == [DEFAULT_INTERVAL] * DEFAULT_KEEPALIVES


def test_keepalives_can_be_turned_off() -> None:
    with MockServer(sse_keepalives=0) as server:
        items = parse(stream(server, "createImage", model="deepshi-image-1", prompt="x").text)

    assert [item.get("event") for item in items] == ["image_generation.completed"]


@pytest.mark.parametrize("operation", IMAGE_OPERATIONS)
def test_the_terminal_event_is_the_json_answer_plus_openais_fields(deepshi_mock: MockServer, operation: str) -> None:
    fields = {"model": "flux-2-pro", "prompt": "x", "width": 320, "height": 256}
    expected = plain(deepshi_mock, operation, **fields)

    payload = terminal_of(stream(deepshi_mock, operation, **fields))

    assert payload == {
        "type": "image_generation.completed",
        **expected,
        "b64_json": expected["data"][0]["b64_json"],
        "created_at": expected["created"],
        "output_format": "jpeg",  # flux-2-pro's catalog default
    }
    conforms(payload, "ImageGenerationCompletedEvent")
    image = Image.open(io.BytesIO(base64.b64decode(payload["b64_json"])))
    assert (image.format, f"{image.width}x{image.height}") == ("JPEG", payload["size"])


def test_with_url_images_the_top_level_b64_json_is_the_first_images_bytes(deepshi_mock: MockServer) -> None:
    payload = terminal_of(
        stream(deepshi_mock, "createImage", model="nano-banana-2", prompt="x", n=2, response_format="url")
    )

    first = payload["data"][0]
    assert "b64_json" not in first
    assert first["url"] == f"data:image/png;base64,{payload['b64_json']}"
    assert payload["b64_json"] != payload["data"][1]["url"].partition(",")[2]


def test_quality_and_background_are_carried_when_known(deepshi_mock: MockServer) -> None:
    default_tier = terminal_of(stream(deepshi_mock, "createImage", model="gpt-image-2", prompt="x"))
    asked = terminal_of(
        stream(deepshi_mock, "createImage", model="gpt-image-2", prompt="x", quality="high", background="transparent")
    )
    no_tier = terminal_of(stream(deepshi_mock, "createImage", model="flux-2-pro", prompt="x", quality="high"))

    assert default_tier["quality"] == "medium"  # gpt-image-2's catalog default
    assert "background" not in default_tier
    assert (asked["quality"], asked["background"]) == ("high", "transparent")
    assert "quality" not in no_tier  # flux-2-pro has no quality tier: the field was ignored


def test_an_in_stream_error_event_ends_the_stream(deepshi_mock: MockServer) -> None:
    response = stream(deepshi_mock, "createImage", model="deepshi-image-1", prompt="mock-error stream")

    assert response.status_code == 200
    comment, terminal = parse(response.text)
    assert comment == {"comment": ": keepalive"}
    assert terminal["event"] == "error"
    payload = json.loads(terminal["data"])
    conforms(payload, "ImageStreamEvent")
    assert payload["error"]["code"] == "generation_failed"


def test_a_recorded_stream_replays_verbatim(deepshi_mock: MockServer) -> None:
    response = stream(deepshi_mock, "editImage", model="deepshi-image-1", prompt="a lighthouse at dawn")

    items = parse(response.text)
    assert [i.get("comment") or i["event"] for i in items] == [
        ": keepalive",
        ": keepalive",
        "image_generation.completed",
    ]
    assert response.headers["x-deepshi-mock-match"] == "recorded"
    payload = json.loads(items[-1]["data"])
    conforms(payload, "ImageGenerationCompletedEvent")
    assert payload["b64_json"] == payload["data"][0]["b64_json"]
    assert (payload["created_at"], payload["output_format"]) == (payload["created"], "png")


def test_fast_mode_has_no_pacing_and_caches_answers() -> None:
    recorded_pacing.clear()
    with MockServer(sse_keepalives=2, sse_interval=30.0, fast=True, sleep=recording_sleep) as server:
        first = stream(server, "createImage", model="gpt-image-2", prompt="x")
        second = stream(server, "createImage", model="gpt-image-2", prompt="x")

    assert recorded_pacing == []
    assert first.content == second.content
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert len(parse(first.text)) == 3


def test_a_cached_answer_is_served_on_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only building an answer (which may render images) goes to a thread; a cache hit does not."""
    import asyncio

    from deepshi.mock import app

    handed: list[object] = []
    to_thread = asyncio.to_thread

    async def counting_to_thread(function: Any, /, *args: Any, **kwargs: Any) -> Any:
        handed.append(function)
        return await to_thread(function, *args, **kwargs)

    monkeypatch.setattr(app.asyncio, "to_thread", counting_to_thread)
    with MockServer(fast=True) as server:
        first = plain(server, "createImage", model="gpt-image-2", prompt="x")
        second = plain(server, "createImage", model="gpt-image-2", prompt="x")
        assert len(handed) == 1
        plain(server, "createImage", model="gpt-image-2", prompt="y")  # another request: built, in a thread
    assert first == second
    assert len(handed) == 2


@pytest.mark.parametrize("operation", IMAGE_OPERATIONS)
def test_the_facade_reads_the_terminal_event(deepshi_mock: MockServer, operation: str) -> None:
    fields: dict[str, Any] = {"model": "gpt-image-2", "prompt": "x", "quality": "low"}
    expected = plain(deepshi_mock, operation, **fields)

    with Deepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0) as client:
        if operation == "createImage":
            events = list(client.images.generate(**fields, stream=True))
        else:
            events = list(client.images.edit(**fields, image=png_bytes(), stream=True))

    [event] = events
    assert isinstance(event, ImageCompletedEvent)
    assert (event.created_at, event.output_format, event.quality, event.background) == (
        expected["created"],
        "png",
        "low",
        None,
    )
    assert event.b64_json is not None
    assert base64.b64decode(event.b64_json) == event.result.images[0].data
    # The result is what the same request without `stream` gives: OpenAI's fields stay on the event.
    assert event.result.raw.to_dict() == expected
    assert event.result.cost == expected["usage"]["cost"]["total_cost"]
