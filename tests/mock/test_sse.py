"""``stream=true``: keepalive comments, exactly one terminal event, then the stream closes."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from deepshi.mock import MockServer
from tests.images import png_bytes

from .conftest import multipart
from .test_answers import conforms

recorded_pacing: list[float] = []


async def recording_sleep(seconds: float) -> None:
    """Stands in for asyncio.sleep: records the delay, waits for nothing."""
    recorded_pacing.append(seconds)


@pytest.fixture(scope="module")
def paced() -> Iterator[MockServer]:
    with MockServer(sse_keepalives=3, sse_interval=15.0, sleep=recording_sleep) as server:
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


@pytest.mark.parametrize("operation", ["createImage", "editImage"])
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


def test_the_stream_answer_carries_the_json_answer(deepshi_mock: MockServer) -> None:
    fields = {"model": "flux-2-pro", "prompt": "x", "width": 320, "height": 256}
    headers = {"authorization": f"Bearer {deepshi_mock.api_key}"}
    plain = httpx.post(deepshi_mock.base_url + "/images/generations", json=fields, headers=headers).json()

    [terminal] = parse(stream(deepshi_mock, "createImage", **fields).text)

    assert json.loads(terminal["data"]) == {"type": "image_generation.completed", **plain}


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


def test_fast_mode_has_no_pacing_and_caches_answers() -> None:
    recorded_pacing.clear()
    with MockServer(sse_keepalives=2, sse_interval=30.0, fast=True, sleep=recording_sleep) as server:
        first = stream(server, "createImage", model="gpt-image-2", prompt="x")
        second = stream(server, "createImage", model="gpt-image-2", prompt="x")

    assert recorded_pacing == []
    assert first.content == second.content
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert len(parse(first.text)) == 3
