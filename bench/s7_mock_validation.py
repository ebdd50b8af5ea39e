"""Scenario 7: the mock's request-validation overhead per request, for a 10 MB multipart edit.

Measured in-process through ASGI, so no socket or HTTP parser is involved: the mock app handling
the request (multipart parsing, spec and catalog checks, journal, the cached answer of a recorded
cassette) against a bare ASGI app that only reads the same body chunks and answers. The difference
is the overhead; component rows show where it goes, and what the mock no longer does per request
(the upload's sha256 is computed when the journal's digest is read; its xxh3 key only when an
answer is derived from it).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from starlette.types import Message, Receive, Send

from deepshi.mock.app import MockApp, MockSettings
from deepshi.mock.multipart import FormReader
from deepshi.mock.server import MockServer

from . import clients
from .config import MiB
from .context import Context
from .fixtures import UPLOAD, noise_png
from .results import Row, Scenario, Target, timing_row
from .stats import median

CHUNK = 64 * 1024
"""Body chunk size handed to the app (what a socket read typically yields)."""
MOCK = "mock app (full request handling)"
BARE = "bare ASGI app (reads the body, answers)"
App = Callable[[dict[str, Any], Receive, Send], Awaitable[None]]


def _request(data: bytes) -> httpx.Request:
    request = httpx.Request(
        "POST",
        "http://mock/v1/images/edits",
        data=clients.edit_form(UPLOAD),
        files=[("image[]", ("upload.png", data, "image/png"))],
        headers={"authorization": f"Bearer {MockServer.API_KEY}"},
    )
    request.read()
    return request


def _scope(request: httpx.Request) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": request.url.path,
        "raw_path": request.url.raw_path,
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower(), v) for k, v in request.headers.raw],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }


async def _handle(app: App, scope: dict[str, Any], chunks: list[bytes]) -> int:
    messages: list[Message] = [
        {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]
    messages.reverse()
    status = 0

    async def receive() -> Message:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _bare(_scope: dict[str, Any], receive: Receive, send: Send) -> None:
    while (await receive()).get("more_body", False):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b"{}", "more_body": False})


async def _time_apps(
    mock: MockApp, scope: dict[str, Any], chunks: list[bytes], iterations: int
) -> dict[str, list[float]]:
    apps: dict[str, App] = {MOCK: mock, BARE: _bare}
    for name, app in apps.items():
        status = await _handle(app, scope, chunks)
        if status != 200:
            raise AssertionError(f"scenario 7: {name} answered {status}: {mock.journal.entries()[-1].error}")
    samples: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(iterations):
        for name, app in apps.items():
            start = time.perf_counter()
            await _handle(app, scope, chunks)
            samples[name].append(time.perf_counter() - start)
        mock.journal.clear()
    return samples


def _components(request: httpx.Request, chunks: list[bytes], data: bytes, iterations: int) -> list[Row]:
    def parse() -> None:
        reader = FormReader(request.headers["content-type"], max_file_bytes=50 * MiB)
        for chunk in chunks:
            reader.feed(chunk)
        reader.finish()

    import xxhash

    def fast_key() -> None:
        xxhash.xxh3_128_hexdigest(data)

    rows = []
    for label, function in (
        ("  of which: multipart parsing (FormReader; the file kept as its chunks)", parse),
        (
            "  not per request: sha256 of the file (when the journal's digest is read)",
            lambda: hashlib.sha256(data).digest(),
        ),
        ("  not per request: xxh3-128 of the file (cache key of an answer derived from it)", fast_key),
    ):
        seconds = []
        for _ in range(iterations):
            start = time.perf_counter()
            function()
            seconds.append(time.perf_counter() - start)
        rows.append(timing_row(label, seconds))
    return rows


def run(ctx: Context) -> Scenario:
    data = noise_png(ctx.sizes.p7_upload_bytes, seed=7)
    request = _request(data)
    body = request.content
    chunks = [body[start : start + CHUNK] for start in range(0, len(body), CHUNK)]
    mock = MockApp(MockSettings(cassettes=ctx.payloads.cassettes, fast=True))
    samples = asyncio.run(_time_apps(mock, _scope(request), chunks, ctx.sizes.p7_iterations))
    rows = [timing_row(name, seconds) for name, seconds in samples.items()]
    overhead = [full - bare for full, bare in zip(samples[MOCK], samples[BARE], strict=True)]
    overhead_row = timing_row("validation overhead (mock - bare)", overhead)
    rows = [rows[0], rows[1], overhead_row, *_components(request, chunks, data, ctx.sizes.p7_iterations)]
    scenario = Scenario(
        key="P7",
        title="Mock server: request-validation overhead",
        how=(
            f"One edit with a {len(data) / MiB:.1f} MB PNG ({len(body) / MiB:.1f} MB multipart body) handed to the app "
            f"in {CHUNK // 1024} KiB ASGI chunks, in-process (no socket); {ctx.sizes.p7_iterations} requests per app, "
            "alternating. Overhead = per-request difference between the mock app and a bare app reading the same chunks."
        ),
        rows=rows,
    )
    measured = median(overhead) * 1e3
    by_label = {row.label.strip(): row for row in rows}
    parsing = next(row for label, row in by_label.items() if label.startswith("of which: multipart parsing"))
    scenario.targets.append(
        Target(
            "P7",
            "≤ 5 ms per request (10 MB multipart), in the same run as a bare ASGI app",
            f"{measured:.1f} ms (bare app: {by_label[BARE].median:.2f} ms)",
            measured <= 5,
            limit=(
                f"Multipart parsing alone takes {parsing.median:.1f} ms of the {measured:.1f} ms (python-multipart "
                "searching each 64 KiB chunk for the boundary); the rest is the spec and catalog checks, the journal "
                "and the answer."
            ),
        )
    )
    return scenario
