"""Hand-made hostile API servers on raw loopback sockets, for the facade's round-2 tests.

Not the project's mock: each test scripts what its server does byte by byte (drip an answer, send
only keepalives, answer with a gzip bomb, quote the key back JSON-escaped, hold a request body
unread while the test changes the file being uploaded). A :class:`FakeApi` listens on
127.0.0.1 (port 0), serves each connection in its own thread with the test's ``script``, counts
connections and requests, and stops every loop it runs when the test ends (each loop is also
bounded in count).
"""

from __future__ import annotations

import base64
import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from tests.images import encoded

IMAGE = encoded("PNG", 8, 6, (30, 120, 200))
"""The image the fake servers answer with (a real, complete PNG)."""


def images_body(*images: bytes) -> bytes:
    """An ``ImagesResponse`` JSON body carrying ``images`` (default: :data:`IMAGE`) as b64_json."""
    data = [{"index": i, "b64_json": base64.b64encode(image).decode()} for i, image in enumerate(images or (IMAGE,))]
    return json.dumps({"created": 1782595538, "data": data}).encode()


def completed_event(document: dict[str, Any] | None = None) -> bytes:
    """One SSE ``image_generation.completed`` event (the document of :func:`images_body` by default)."""
    payload = {"type": "image_generation.completed", **(document or json.loads(images_body()))}
    return f"event: image_generation.completed\ndata: {json.dumps(payload)}\n\n".encode()


@dataclass
class Request:
    """A request head as the fake server read it."""

    method: str
    target: str
    headers: dict[str, str]

    @property
    def content_length(self) -> int:
        return int(self.headers.get("content-length", "0"))


class Connection:
    """One accepted connection: read a request head and body, send raw bytes."""

    def __init__(self, sock: socket.socket, server: FakeApi) -> None:
        self.sock = sock
        self.server = server
        self._buffer = b""

    @property
    def stopped(self) -> threading.Event:
        return self.server.stop

    def read_head(self) -> Request | None:
        """The next request head, or ``None`` when the client closed the connection first."""
        while b"\r\n\r\n" not in self._buffer:
            chunk = self._recv()
            if not chunk:
                return None
            self._buffer += chunk
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        line, *lines = head.decode("latin-1").split("\r\n")
        method, target, _ = line.split(" ", 2)
        headers = {}
        for item in lines:
            name, _, value = item.partition(":")
            headers[name.strip().lower()] = value.strip()
        request = Request(method, target, headers)
        self.server.requests.append(request)
        return request

    def read_body(self, request: Request) -> bytes:
        """The request's body (``Content-Length`` framing), or what arrived before the client closed."""
        while len(self._buffer) < request.content_length:
            chunk = self._recv()
            if not chunk:
                break
            self._buffer += chunk
        body, self._buffer = self._buffer[: request.content_length], self._buffer[request.content_length :]
        self.server.bodies.append(body)
        return body

    def read_until_closed(self) -> bytes:
        """Everything the client sends until it closes (or resets) the connection."""
        data = self._buffer
        self._buffer = b""
        while chunk := self._recv():
            data += chunk
        return data

    def _recv(self) -> bytes:
        try:
            return self.sock.recv(65536)
        except OSError:
            return b""

    def send(self, data: bytes) -> bool:
        """Send ``data``; ``False`` once the client has gone away."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> bool:
        """A complete answer with a ``Content-Length`` (``application/json`` unless ``headers`` says otherwise)."""
        fields = {"content-type": "application/json", **(headers or {}), "content-length": str(len(body))}
        return self.send(head(status, fields) + body)

    def pause(self, seconds: float) -> bool:
        """Wait ``seconds`` of real time (a drip's interval); ``False`` when the test has ended."""
        return not self.stopped.wait(seconds)


def head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} Status"] + [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


Script = Callable[[Connection], None]


@dataclass
class FakeApi:
    """A loopback server running ``script`` on every connection it accepts."""

    script: Script
    requests: list[Request] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    connections: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    errors: list[BaseException] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._sockets.append(sock)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            self.script(Connection(sock, self))
        except Exception as error:  # reported by close(): a broken script must fail its test
            self.errors.append(error)
        finally:
            sock.close()

    def close(self) -> None:
        self.stop.set()
        self._acceptor.join(5)
        self._listener.close()
        for sock in self._sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)
        assert not self.errors, self.errors


@contextmanager
def fake_api(script: Script) -> Iterator[FakeApi]:
    server = FakeApi(script)
    try:
        yield server
    finally:
        server.close()


def each_request(answer: Callable[[Connection, Request, bytes], bool | None]) -> Script:
    """A script that reads each request (head and body) on a keep-alive connection and lets ``answer`` reply.

    ``answer`` returns ``False`` to close the connection after its reply.
    """

    def script(conn: Connection) -> None:
        while (request := conn.read_head()) is not None:
            body = conn.read_body(request)
            if answer(conn, request, body) is False:
                return

    return script
