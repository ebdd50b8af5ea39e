"""A tiny loopback HTTP server that records raw requests (for wire-format tests).

Hand-written on the standard library on purpose: the wire-format tests must see the exact
bytes the generated client sends, before any framework parses them.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class Captured:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def parts(self) -> list[Part]:
        """Parse a multipart/form-data body, keeping part order."""
        head = f"Content-Type: {self.headers['content-type']}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + self.body)
        assert message.is_multipart(), "body is not multipart"
        parts = []
        for sub in message.iter_parts():
            disposition = sub.get("Content-Disposition", "")
            params = dict(sub["Content-Disposition"].params) if disposition else {}
            payload = sub.get_payload(decode=True)
            parts.append(
                Part(
                    name=params["name"],
                    filename=params.get("filename"),
                    content_type=sub.get("Content-Type"),
                    content=payload if isinstance(payload, bytes) else b"",
                )
            )
        return parts


@dataclass
class CaptureServer:
    url: str
    requests: list[Captured] = field(default_factory=list)
    response: dict[str, object] = field(default_factory=lambda: {"created": 1, "data": []})


@contextmanager
def capture_server() -> Iterator[CaptureServer]:
    """Serve on 127.0.0.1 (free port) and record every request; answer a minimal ImagesResponse."""
    state = CaptureServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.requests.append(
                Captured(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            payload = json.dumps(state.response).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_POST = do_GET = _record

        def log_message(self, format: str, *args: object) -> None:  # silence stderr
            pass

    with serving(Handler) as url:
        state.url = url
        yield state


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a loopback port in a thread; yields the server's ``http://127.0.0.1:PORT``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
