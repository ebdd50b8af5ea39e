"""HTTP/1.1 over raw sockets, for the hostile-client tests: half-sent requests, keep-alive checks.

Requests are framed and answers parsed by h11 on the client side (so a stray byte after an answer
that should have no body is a protocol error, not something a lenient client skips).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import h11


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def error(self) -> dict[str, Any]:
        """The ``error`` object of a JSON error answer, asserting the API's shape."""
        assert self.headers.get("content-type", "").startswith("application/json"), self.headers
        parsed = json.loads(self.body)
        assert set(parsed) == {"error"}, parsed
        assert set(parsed["error"]) == {"message", "type", "code", "param"}, parsed
        return parsed["error"]  # type: ignore[no-any-return]


def connect(port: int, timeout: float = 10.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class Client:
    """One keep-alive connection driven by h11: several requests in turn, each answer parsed strictly."""

    def __init__(self, port: int, timeout: float = 10.0) -> None:
        self.sock = connect(port, timeout)
        self.conn = h11.Connection(h11.CLIENT)

    def request(self, method: str, target: str, headers: Sequence[tuple[str, str]] = (), body: bytes = b"") -> Reply:
        if self.conn.our_state is h11.DONE and self.conn.their_state is h11.DONE:
            self.conn.start_next_cycle()
        framing = [("content-length", str(len(body)))] if body or method in ("POST", "PUT") else []
        request = h11.Request(method=method, target=target, headers=[("host", "mock"), *framing, *headers])
        self.sock.sendall(
            self.conn.send(request) + self.conn.send(h11.Data(data=body)) + self.conn.send(h11.EndOfMessage())
        )
        status, answer_headers, chunks = 0, {}, []
        while True:
            event = self.conn.next_event()
            if event is h11.NEED_DATA:
                self.conn.receive_data(self.sock.recv(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
                answer_headers = {k.decode().lower(): v.decode("latin-1") for k, v in event.headers}
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                return Reply(status, answer_headers, b"".join(chunks))
            elif isinstance(event, h11.ConnectionClosed):
                raise ConnectionError("closed before the answer ended")

    def close(self) -> None:
        self.sock.close()


def read_until_closed(sock: socket.socket, deadline: float) -> bytes:
    """Everything the server sends until it closes the connection; fails past ``deadline`` (monotonic)."""
    data = b""
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"the server kept the connection open; received so far {data[:200]!r}"
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def parse(raw: bytes) -> Reply:
    """One complete answer as raw bytes (headers and a Content-Length body)."""
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", len(body)))
    assert len(body) == length, (len(body), length, raw[:300])
    return Reply(int(status_line.split(" ")[1]), headers, body)


def form(parts: list[tuple[str, bytes]], boundary: str = "journalbound") -> tuple[bytes, str]:
    """A multipart body of text parts, and its content type."""
    chunks = []
    for name, value in parts:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def wait_for(condition: Any, deadline: float) -> None:
    """Wait until ``condition()`` holds, re-checking whenever the mock's loop had a chance to run."""
    event = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "condition not reached before the deadline"
        event.wait(0.01)
