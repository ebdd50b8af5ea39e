"""A hand-made stand-in for the API, for the answers the mock would never give (and to act while a
request is in flight): serves a model catalog, answers every image request with a chosen body, and
counts the image requests it received (each would have been billed).

On the standard library on purpose: a second, independent server, so the CLI's handling of odd
answers is not only ever tested against the project's own mock.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.capture_server import serving


def images_body(*images: tuple[int, bytes]) -> dict[str, Any]:
    """An ImagesResponse carrying ``(index, bytes)`` images (indexes may repeat: the spec allows it)."""
    data = [{"index": index, "b64_json": base64.b64encode(image).decode()} for index, image in images]
    return {
        "created": 1,
        "model": "nano-banana-2",
        "size": "64x48",
        "data": data,
        "usage": {"cost": {"total_cost": 0.5}},
    }


@dataclass
class FakeApi:
    url: str
    catalog: dict[str, Any]
    answer: dict[str, Any]
    before_answer: Callable[[], None] = lambda: None
    """Runs in the server thread once an image request has been read, before it is answered."""
    status: int = 200
    """Not 200: every request, the catalog's included, is answered ``answer`` with this status."""
    image_requests: list[str] = field(default_factory=list)


@contextmanager
def fake_api(catalog: dict[str, Any], answer: dict[str, Any]) -> Iterator[FakeApi]:
    """Serve on 127.0.0.1 (a free port) until the block ends."""
    state = FakeApi(url="", catalog=catalog, answer=answer)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: Any) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            if state.status != 200:
                self._send(state.status, state.answer)
            elif self.path.rstrip("/").endswith("/models"):
                self._send(200, state.catalog)
            else:
                self._send(404, {})

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.image_requests.append(self.path)
            state.before_answer()
            self._send(state.status, state.answer)

        def log_message(self, format: str, *args: object) -> None:  # silence stderr
            pass

    with serving(Handler) as url:
        state.url = url
        yield state
