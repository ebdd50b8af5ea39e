"""Many requests at once: 200 concurrent edits and generations all succeed."""

from __future__ import annotations

import asyncio

import httpx

from deepshi.mock import MockServer
from tests.images import png_bytes

from .conftest import multipart


async def test_200_concurrent_requests_succeed(deepshi_mock: MockServer) -> None:
    body, content_type = multipart(
        [
            ("model", "flux-2-pro"),
            ("prompt", "x"),
            ("width", "256"),
            ("height", "256"),
            ("image[]", ("a.png", png_bytes(), "image/png")),
        ]
    )
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    headers = {"authorization": f"Bearer {deepshi_mock.api_key}"}
    async with httpx.AsyncClient(base_url=deepshi_mock.base_url, headers=headers, limits=limits, timeout=60) as client:

        async def one(index: int) -> httpx.Response:
            if index % 2:
                return await client.post("/images/edits", content=body, headers={"content-type": content_type})
            return await client.post(
                "/images/generations", json={"model": "flux-2-pro", "prompt": f"p{index}", "width": 256, "height": 256}
            )

        responses = await asyncio.gather(*(one(i) for i in range(200)))

    assert [r.status_code for r in responses] == [200] * 200
    assert {r.json()["size"] for r in responses} == {"256x256"}
    assert len({r.headers["x-request-id"] for r in responses}) == 200
    journal = deepshi_mock.journal
    assert len(journal) == 200
    assert all(e.valid and e.status == 200 for e in journal)
