"""Test doubles for the facade's transport-level tests: a scripted API behind ``httpx.MockTransport``
and a fake retry timer (no test ever sleeps)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from deepshi._retries import Timer
from tests.capture_server import Captured, Part
from tests.images import png_bytes

KEY = "sk-bf-facade-test-key"
BASE_URL = "http://deepshi.test"

CATALOG: dict[str, Any] = {
    "object": "list",
    "data": [
        {
            "id": "tier-2",
            "object": "model",
            "sizing_style": "resolution_tier",
            "prompt_max_length": 40,
            "edit": {"supported": True, "max_images": 2},
            "parameters": {
                "n": {"type": "integer", "allowed_values": [1], "default": 1},
                "aspect_ratio": {"type": "string", "allowed_values": ["1:1", "16:9"], "default": "1:1"},
                "resolution": {"type": "string", "allowed_values": ["1K", "2K"], "default": "1K"},
                "guidance": {"type": "number", "minimum": 0, "maximum": 10},
            },
        },
        {
            "id": "pixels",
            "object": "model",
            "sizing_style": "pixel_dimensions",
            "edit": {"supported": True, "max_images": 14},
            "parameters": {
                "n": {"type": "integer", "minimum": 1, "maximum": 3},
                "width": {"type": "integer", "minimum": 256, "maximum": 2048},
                "height": {"type": "integer", "minimum": 256, "maximum": 2048},
            },
        },
        {"id": "no-edit", "object": "model", "edit": {"supported": False}, "parameters": {}},
        {"id": "bare", "object": "model"},
    ],
}


def images_body(*images: bytes, **extra: Any) -> dict[str, Any]:
    """An ImagesResponse body carrying ``images`` (default: one PNG) as b64_json."""
    data = [
        {"index": i, "b64_json": base64.b64encode(image).decode()} for i, image in enumerate(images or (png_bytes(),))
    ]
    return {"created": 1782595538, "model": "tier-2", "size": "8x6", "data": data, **extra}


def sse_body(*events: tuple[str, Any], keepalives: int = 1) -> bytes:
    """An event-stream body: keepalive comments, then the given (event, data) pairs."""
    out = ": keepalive\n\n" * keepalives
    for event, data in events:
        out += f"event: {event}\ndata: {data if isinstance(data, str) else json.dumps(data)}\n\n"
    return out.encode()


def completed_event(*images: bytes) -> tuple[str, Any]:
    return ("image_generation.completed", {"type": "image_generation.completed", **images_body(*images)})


def error_json(
    status: int, message: str = "nope", type_: str = "invalid_request_error", **headers: str
) -> httpx.Response:
    body = {"error": {"message": message, "type": type_, "code": f"code_{status}", "param": "n"}}
    return httpx.Response(status, json=body, headers=headers)


Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class Sent:
    """One request as the API saw it."""

    request: httpx.Request
    body: bytes

    @property
    def path(self) -> str:
        return self.request.url.path

    def parts(self) -> list[Part]:
        return Captured(
            self.request.method, self.path, {k.lower(): v for k, v in self.request.headers.items()}, self.body
        ).parts()

    def images(self) -> list[Part]:
        return [part for part in self.parts() if part.name == "image[]"]

    def fields(self) -> dict[str, str]:
        return {p.name: p.content.decode() for p in self.parts() if p.filename is None}

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class FakeApi:
    """A scripted API: ``answers`` are served in order to image requests (then a default 200);
    ``/v1/models`` answers the catalog unless ``model_answers`` has something queued."""

    answers: list[Answer] = field(default_factory=list)
    model_answers: list[Answer] = field(default_factory=list)
    catalog: dict[str, Any] = field(default_factory=lambda: CATALOG)
    sent: list[Sent] = field(default_factory=list)

    def _answer(
        self, queue: list[Answer], request: httpx.Request, default: Callable[[], httpx.Response]
    ) -> httpx.Response:
        if not queue:
            return default()
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(Sent(request, request.read()))
        if request.url.path == "/v1/models":
            return self._answer(self.model_answers, request, lambda: httpx.Response(200, json=self.catalog))
        return self._answer(self.answers, request, lambda: httpx.Response(200, json=images_body()))

    @property
    def image_requests(self) -> list[Sent]:
        return [s for s in self.sent if s.path != "/v1/models"]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


@dataclass
class FakeTimer:
    """Records the sleeps the retry loop asks for; ``now`` and ``random`` are fixed."""

    now: float = 1_800_000_000.0
    monotonic: float = 1000.0
    random: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def timer(self) -> Timer:
        return Timer(
            sleep=self.sleep,
            async_sleep=self.async_sleep,
            now=lambda: self.now,
            monotonic=lambda: self.monotonic,
            random=lambda: self.random,
        )


def all_text(exc: BaseException) -> Iterator[str]:
    """str/repr of an exception and everything it chains to."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield from (str(arg) for arg in current.args)
        current = current.__cause__ or current.__context__
