"""The connection guard: uvicorn's h11 protocol, with a deadline on request heads and a connection cap.

What uvicorn provides is used as is: ``h11_max_incomplete_event_size`` bounds a request head's size,
``timeout_keep_alive`` closes idle keep-alive connections, and the body deadline lives in the app
(``body.BodyStream``). Two guards are hand-written here, on uvicorn's documented extension point
(``Config(http=<protocol class>)``), because uvicorn has no equivalent:

- **a head deadline**: uvicorn never times out a request whose line or headers are still arriving
  (slowloris). From the moment a connection is accepted, or the first byte of a later request on it
  arrives, the head must be complete within ``header_timeout``; otherwise the client gets a 408
  (if it had sent anything) and the connection is closed.
- **a connection cap**: uvicorn's ``limit_concurrency`` answers a text/plain 503 to *every* request,
  on every connection, once the count is reached. Here only connections beyond ``max_connections``
  are refused, each with a 503 in the API's JSON error shape, and then closed.

Errors h11 raises on a malformed head (which uvicorn answers with a text/plain 400) get the API's JSON
error shape too: 431 for a head over the size bound, 400 otherwise.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import h11
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import error_body

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 4096
DEFAULT_MAX_HEADER_BYTES = 16 * 1024
"""h11's own default bound on a request head."""


_HEAD_END = re.compile(rb"\r?\n\r?\n")


@dataclass(frozen=True)
class ConnectionLimits:
    """What the guard enforces (see ``MockServer``: ``header_timeout``, ``max_connections``, ``max_header_bytes``)."""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES

    def __post_init__(self) -> None:
        timeout = self.header_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
            raise ValueError(f"header_timeout must be a positive number of seconds, not {timeout!r}")
        for name in ("max_connections", "max_header_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")


def protocol_class(limits: ConnectionLimits) -> type[H11Protocol]:
    """A :class:`GuardedH11Protocol` subclass bound to ``limits`` (uvicorn instantiates it per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})


def _json(
    status: int, message: str, code: str, extra: tuple[tuple[bytes, bytes], ...] = ()
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    error_type = "invalid_request_error" if status < 500 else "server_error"
    body = json.dumps(error_body(message, error_type, code), separators=(",", ":")).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *extra,
    ]
    return headers, body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the guards described in the module docstring."""

    limits = ConnectionLimits()
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self.app = _over_the_cap(self.limits.max_connections)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE and self._head_too_large(data):
            self._unset_keepalive_if_required()
            self._answer_too_large()
            return
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._head_timer is None:
                self._arm_head_timer()
        else:
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # A pipelined request parsed by the call above has its head complete; one still arriving is
        # timed from its next bytes (data_received), and an idle connection by uvicorn's keep-alive.
        self._cancel_head_timer()

    def send_400_response(self, msg: str) -> None:
        """h11 refused the request head: answer in the API's error shape (431 when it was too large)."""
        if len(self.conn.trailing_data[0]) > self.limits.max_header_bytes:
            self._answer_too_large()
        else:
            self._answer_and_close(400, f"Malformed HTTP request: {msg}", "invalid_http")

    def _head_too_large(self, data: bytes) -> bool:
        """Whether the head being received is over the bound (h11 only bounds what it buffers incomplete,
        so a whole oversized head arriving in one read would pass it)."""
        limit = self.limits.max_header_bytes
        buffered = self.conn.trailing_data[0]
        if len(buffered) + len(data) <= limit:
            return False
        head = (buffered + data)[: limit + 4]
        return _HEAD_END.search(head) is None

    def _answer_too_large(self) -> None:
        message = f"The request line and headers are larger than the {self.limits.max_header_bytes} bytes this server accepts."
        self._answer_and_close(431, message, "request_header_fields_too_large")

    # the head deadline -----------------------------------------------------------------------

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0] and self.conn.our_state is h11.IDLE:
            message = f"The request line and headers did not arrive within {self.limits.header_timeout:g} s."
            self._answer_and_close(408, message, "request_timeout")
        else:
            self.transport.close()

    def _answer_and_close(self, status: int, message: str, code: str) -> None:
        headers, body = _json(status, message, code)
        try:
            reason = HTTPStatus(status).phrase.encode()
            output = self.conn.send(h11.Response(status_code=status, headers=headers, reason=reason))
            output = (output or b"") + (self.conn.send(h11.Data(data=body)) or b"")
            output += self.conn.send(h11.EndOfMessage()) or b""
        except h11.LocalProtocolError:  # h11 cannot answer in its current state: just close
            output = b""
        if output:
            self.transport.write(output)
        self.transport.close()


def _over_the_cap(limit: int) -> Any:
    """The ASGI app a connection beyond the cap gets for its request: a JSON 503, then the close."""

    async def refuse(scope: Scope, receive: Receive, send: Send) -> None:  # noqa: ARG001 (ASGI signature)
        if scope["type"] != "http":
            return
        message = f"The mock server already holds {limit} connections (its max_connections); retry later."
        headers, body = _json(503, message, "too_many_connections", ((b"retry-after", b"1"),))
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return refuse
