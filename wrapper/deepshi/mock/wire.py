"""Putting an answer on the wire over raw ASGI, with the faults applied.

Resets are real TCP resets: the socket gets ``SO_LINGER`` 0 and the transport is aborted,
so the kernel sends RST and the client sees ``ECONNRESET``. ASGI has no way to abort a
connection; uvicorn's ``send`` callable is a bound method of its request cycle, which holds
the asyncio transport (uvicorn 0.34+, h11 and httptools alike). If another server runs the
app, the fallback raises, which closes the connection (or answers 500 before headers).
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.types import Receive, Send

from . import sse
from .answers import JSON_TYPE, Answer
from .errors import default_error_type, error_body
from .faults import Fault
from .terms import Error, ErrorDetail, Failed

Sleep = Callable[[float], Awaitable[None]]

SHAPING = {"status", "override", "malformed_json", "wrong_content_type", "sse_error_event"}
HTML_BODY = b"<html><body><h1>502 Bad Gateway</h1><p>deepshi mock: wrong_content_type fault</p></body></html>"


class ConnectionAborted(Exception):
    """Raised to make the server drop the connection when no transport can be reset."""


class Wire:
    """Sends one response over ASGI, and can cut or reset the connection."""

    def __init__(self, send: Send, receive: Receive) -> None:
        self._send = send
        self._receive = receive
        self.started = False

    async def start(self, status: int, headers: Iterable[tuple[str, str]]) -> None:
        """Send the status line and headers."""
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        await self._send({"type": "http.response.start", "status": status, "headers": raw})
        self.started = True

    async def write(self, data: bytes, *, more: bool = True) -> None:
        """Send body bytes (``more=False`` completes the response)."""
        await self._send({"type": "http.response.body", "body": data, "more_body": more})

    @property
    def closed(self) -> bool:
        """Whether the client has gone (paced writes stop then)."""
        transport = self._transport()
        return transport is not None and transport.is_closing()

    async def reset(self) -> None:
        """Reset the TCP connection (RST), whatever was sent so far."""
        transport = self._transport()
        if transport is None:
            raise ConnectionAborted("connection reset by fault")
        await self._flush(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
        await self._wait_disconnect()

    async def cut(self) -> None:
        """Close the connection cleanly (FIN) without completing the response."""
        transport = self._transport()
        if transport is None:
            raise ConnectionAborted("connection closed by fault")
        await self._flush(transport)
        transport.close()
        await self._wait_disconnect()

    def _transport(self) -> asyncio.Transport | None:
        # uvicorn-specific: see the module docstring.
        transport = getattr(getattr(self._send, "__self__", None), "transport", None)
        return transport if isinstance(transport, asyncio.Transport) else None

    @staticmethod
    async def _flush(transport: asyncio.Transport) -> None:
        for _ in range(1000):
            if transport.get_write_buffer_size() == 0:
                return
            await asyncio.sleep(0)

    async def _wait_disconnect(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass


def shape(answer: Answer, faults: Iterable[Fault], error_example: Callable[[int], Any]) -> Answer:
    """Apply the faults that change what is answered (status, override, malformed, ...)."""
    for fault in faults:
        if fault.kind == "status":
            answer = _status_answer(answer, fault, error_example)
        elif fault.kind == "override":
            answer = _override_answer(answer, fault)
        elif fault.kind == "malformed_json":
            answer = _malformed(answer)
        elif fault.kind == "wrong_content_type":
            status = fault.status or answer.status
            headers = [
                ("content-type", fault.content_type or "text/html; charset=utf-8"),
                *_keep(answer, "x-request-id"),
            ]
            answer = Answer(status, headers, HTML_BODY)
        elif fault.kind == "sse_error_event":
            answer = _error_event(answer, fault)
    return answer


def _keep(answer: Answer, *names: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in answer.headers if k.lower() in names]


def _status_answer(answer: Answer, fault: Fault, error_example: Callable[[int], Any]) -> Answer:
    status = fault.status or 500
    body = error_example(status)
    if not (isinstance(body, dict) and isinstance(body.get(Error.ERROR), dict)):
        body = error_body(f"Mock fault: HTTP {status}.", default_error_type(status))
    detail = dict(body[Error.ERROR])
    given = ((ErrorDetail.MESSAGE, fault.message), (ErrorDetail.TYPE, fault.error_type), (ErrorDetail.CODE, fault.code))
    detail.update({k: v for k, v in given if v})
    headers = [("content-type", JSON_TYPE), *_keep(answer, "x-request-id")]
    if fault.retry_after is not None:
        headers.append(("retry-after", str(fault.retry_after)))
    if fault.retry_after_ms is not None:
        headers.append(("retry-after-ms", str(fault.retry_after_ms)))
    if fault.x_should_retry is not None:
        headers.append(("x-should-retry", "true" if fault.x_should_retry else "false"))
    headers.extend((k.lower(), v) for k, v in fault.headers.items())
    return Answer(status, headers, sse.dumps({Error.ERROR: detail}).encode())


def _override_answer(answer: Answer, fault: Fault) -> Answer:
    body = fault.body
    if isinstance(body, bytes):
        raw, default_type = body, "application/octet-stream"
    elif isinstance(body, str):
        raw, default_type = body.encode(), "text/plain; charset=utf-8"
    elif body is None:
        raw, default_type = b"", JSON_TYPE
    else:
        raw, default_type = sse.dumps(body).encode(), JSON_TYPE
    headers = {k.lower(): v for k, v in fault.headers.items()}
    headers.setdefault("content-type", fault.content_type or default_type)
    request_id = answer.header("x-request-id")
    if request_id:
        headers.setdefault("x-request-id", request_id)
    items = list(headers.items())
    if headers["content-type"].startswith("text/event-stream"):
        return Answer(fault.status or 200, items, events=[raw])
    return Answer(fault.status or 200, items, raw)


def _corrupt(data: bytes) -> bytes:
    return data[: max(1, len(data) // 2)] + b"!!not json"


def _malformed(answer: Answer) -> Answer:
    if answer.events:
        last = sse.parse(answer.events[-1])
        data = last[-1].data if last and last[-1].data is not None else "{}"
        name = last[-1].event if last else None
        corrupted = _corrupt(data.encode()).decode("utf-8", errors="replace")
        return Answer(answer.status, answer.headers, events=[*answer.events[:-1], sse.event(name, corrupted)])
    return Answer(answer.status, answer.headers, _corrupt(answer.body))


def _error_event(answer: Answer, fault: Fault) -> Answer:
    body = error_body(
        fault.message or "The model failed to produce an image.",
        fault.error_type or "server_error",
        fault.code or "generation_failed",
    )
    if answer.events is None:
        headers = [("content-type", JSON_TYPE), *_keep(answer, "x-request-id")]
        return Answer(fault.status or 500, headers, sse.dumps(body).encode())
    event = {Failed.TYPE: Failed.KIND, Failed.ERROR: body[Error.ERROR]}
    error = sse.event(sse.ERROR, sse.dumps(event))
    return Answer(answer.status, answer.headers, events=[*answer.events[:-1], error])


BODILESS = frozenset({204, 304})
"""Statuses whose answers never carry a body (nor, here, a ``Content-Length``): RFC 9110 6.4.1."""


async def deliver(
    answer: Answer,
    faults: Iterable[Fault],
    wire: Wire,
    *,
    sleep: Sleep,
    sse_interval: float,
    head: bool = False,
) -> None:
    """Send ``answer``, applying the delivery faults (latency, drip, resets, truncation).

    The answer to a ``HEAD`` request, a 204 and a 304 are sent without a body, whatever the answer
    or a fault holds (h11 refuses body bytes there: "Too much data for declared Content-Length").
    """
    mode: Fault | None = None
    for fault in faults:
        if fault.kind == "latency" and fault.seconds > 0:
            await sleep(fault.seconds)
        elif fault.kind not in SHAPING and fault.kind != "latency":
            mode = fault
    if mode is not None and mode.kind == "reset_before_headers":
        await wire.reset()
        return
    bodiless = answer.status in BODILESS
    headers = [(k, v) for k, v in answer.headers if not (bodiless and k.lower() == "content-length")]
    if answer.events is None and not bodiless:
        headers.append(("content-length", str(len(answer.body))))
    elif answer.events is not None:
        headers.append(("cache-control", "no-cache"))
    await wire.start(answer.status, headers)
    if bodiless or head:
        if mode is not None and mode.kind == "reset_after_headers":
            await wire.reset()
        else:
            await wire.write(b"", more=False)
        return
    if mode is None:
        await _send_all(answer, wire, sleep, sse_interval)
        return
    # Only the faults below need the whole body in one piece (a stream's events joined).
    body = answer.body if answer.events is None else b"".join(answer.events)
    if mode.kind == "reset_after_headers":
        if mode.after_bytes:
            await wire.write(body[: mode.after_bytes])
        await wire.reset()
    elif mode.kind in ("truncated_json", "truncated_sse"):
        await _truncate(answer, body, mode, wire)
    elif mode.kind == "slow_drip":
        for start in range(0, len(body), mode.bytes_per_chunk):
            if start:
                await sleep(mode.interval)
            if wire.closed:
                return
            await wire.write(body[start : start + mode.bytes_per_chunk])
        await wire.write(b"", more=False)


WRITE_BYTES = 1024 * 1024
"""The largest single write. uvicorn's HTTP framing and asyncio's send buffer each copy what
they are given, so a 100 MB body written at once costs two 100 MB copies (and their page faults)
per request; written in 1 MiB slices it costs a few small, reused buffers."""


async def _write_sliced(wire: Wire, data: bytes, *, more: bool = True) -> None:
    """Write ``data`` in slices of at most ``WRITE_BYTES`` (one write when it is smaller)."""
    last = max(0, (len(data) - 1) // WRITE_BYTES * WRITE_BYTES)
    for start in range(0, last, WRITE_BYTES):
        await wire.write(data[start : start + WRITE_BYTES])
    await wire.write(data[last:], more=more)


async def _send_all(answer: Answer, wire: Wire, sleep: Sleep, sse_interval: float) -> None:
    if answer.events is None:
        await _write_sliced(wire, answer.body, more=False)
        return
    for chunk in answer.events:
        if chunk.startswith(b":") and sse_interval > 0:
            await sleep(sse_interval)
            if wire.closed:
                return
        await _write_sliced(wire, chunk)
    await wire.write(b"", more=False)


async def _truncate(answer: Answer, body: bytes, fault: Fault, wire: Wire) -> None:
    if answer.events:
        head = b"".join(answer.events[:-1])
        last = answer.events[-1]
        cut = fault.after_bytes if fault.after_bytes is not None else len(head) + max(1, len(last) // 2)
    else:
        cut = fault.after_bytes if fault.after_bytes is not None else len(body) // 2
    await wire.write(body[:cut])
    if fault.abort:
        await wire.reset()
    elif answer.events is not None:
        await wire.write(b"", more=False)
    else:
        await wire.cut()
