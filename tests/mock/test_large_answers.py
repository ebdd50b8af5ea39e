"""Answers bigger than the mock's write slice (``wire.WRITE_BYTES``) arrive whole and in order."""

from __future__ import annotations

import os

import httpx
import pytest

from deepshi.mock import Fault, MockServer
from deepshi.mock.wire import WRITE_BYTES

GENERATE = {"model": "nano-banana-2", "prompt": "x"}


@pytest.mark.parametrize("size", [WRITE_BYTES, WRITE_BYTES + 1, 2 * WRITE_BYTES + 12345])
def test_a_large_json_answer_arrives_whole(deepshi_mock: MockServer, size: int) -> None:
    body = os.urandom(size)
    deepshi_mock.add_fault(Fault("override", body=body, content_type="application/octet-stream"))

    response = httpx.post(
        deepshi_mock.base_url + "/images/generations",
        json=GENERATE,
        headers={"authorization": f"Bearer {deepshi_mock.api_key}"},
        timeout=10,
    )

    assert response.headers["content-length"] == str(size)
    assert response.content == body


def test_a_large_stream_event_arrives_whole(deepshi_mock: MockServer) -> None:
    payload = "A" * (2 * WRITE_BYTES + 7)
    raw = f": keepalive\n\nevent: image_generation.completed\ndata: {payload}\n\n".encode()
    deepshi_mock.add_fault(Fault("override", body=raw, content_type="text/event-stream"))

    with httpx.stream(
        "POST",
        deepshi_mock.base_url + "/images/generations",
        json={**GENERATE, "stream": True},
        headers={"authorization": f"Bearer {deepshi_mock.api_key}"},
        timeout=10,
    ) as response:
        received = response.read()

    assert received == raw
