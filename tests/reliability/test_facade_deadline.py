"""``total_timeout``: one bound per call that no drip, keepalive or retry can stretch (issue 15, item 6).

``timeout`` bounds each network wait alone, so a server that keeps sending a little never trips
it. Each test here serves such an answer from a hand-made loopback server (bounded: it stops by
itself after a few seconds) and checks that the call ends with ``APITimeoutError`` as soon as its
``total_timeout`` has passed on the client's clock, which is injected and ticks at every read: the
only real waiting is the server's drip interval, a few milliseconds per chunk.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from deepshi import APITimeoutError, AsyncDeepshi, Deepshi, InvalidRequestError, RateLimitError
from tests.clock import on_clock
from tests.images import encoded

from . import figures
from .canary import CANARY_KEY, Corpus
from .fake_api import Connection, FakeApi, Request, completed_event, each_request, fake_api, head, images_body
from .ticking_clock import TickingClock

PROMPT: dict[str, Any] = {"model": "flux-2-pro", "prompt": "a lighthouse", "width": 256, "height": 256}
DRIPS = 600
"""The most chunks a dripping server sends (then it stops: every loop here is bounded)."""
INTERVAL = 0.005
"""Real seconds between two drips."""


def keepalives_only(conn: Connection) -> None:
    """200 text/event-stream, then a keepalive comment every few milliseconds and never an event."""
    request = conn.read_head()
    assert request is not None
    conn.read_body(request)
    conn.send(head(200, {"content-type": "text/event-stream", "cache-control": "no-store"}))
    for _ in range(DRIPS):
        if not (conn.send(b": keepalive\n\n") and conn.pause(INTERVAL)):
            return


def json_drip(conn: Connection, interval: float = INTERVAL) -> None:
    """200 JSON whose body comes one byte at a time."""
    request = conn.read_head()
    assert request is not None
    conn.read_body(request)
    body = images_body()
    conn.send(head(200, {"content-type": "application/json", "content-length": str(len(body))}))
    for index in range(min(DRIPS, len(body))):
        if not (conn.send(body[index : index + 1]) and conn.pause(interval)):
            return
    conn.send(body[DRIPS:])


def _client(kind: str, api: FakeApi, clock: TickingClock, **options: Any) -> Any:
    cls = AsyncDeepshi if kind == "async" else Deepshi
    settings = {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False, "max_retries": 0, **options}
    return on_clock(cls(**settings), clock.timer())


def _run(kind: str, api: FakeApi, clock: TickingClock, *, stream: bool, **options: Any) -> BaseException | None:
    """One generation (a stream read to its end); the exception it raised, if any."""
    call: dict[str, Any] = {**PROMPT, "stream": True} if stream else dict(PROMPT)
    if kind == "sync":
        try:
            with _client(kind, api, clock, **options) as client:
                answer = client.images.generate(**call)
                if stream:
                    with answer:
                        answer.final_result()
        except Exception as error:
            return error
        return None

    async def main() -> BaseException | None:
        try:
            async with _client(kind, api, clock, **options) as client:
                answer = await client.images.generate(**call)
                if stream:
                    async with answer:
                        await answer.final_result()
        except Exception as error:
            return error
        return None

    return asyncio.run(main())


def _ended_at_the_deadline(error: BaseException | None, clock: TickingClock, seconds: float, corpus: Corpus) -> None:
    assert type(error) is APITimeoutError, repr(error)
    assert f"total_timeout of {seconds:g} s" in str(error)
    assert seconds <= clock.elapsed <= seconds + 1, clock.elapsed
    corpus.add_exception("total_timeout", error)


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(("script", "stream"), [(keepalives_only, True), (json_drip, False)], ids=["sse", "json"])
def test_an_answer_that_keeps_dripping_ends_at_the_total_timeout(
    kind: str, script: Callable[[Connection], None], stream: bool, corpus: Corpus
) -> None:
    clock = TickingClock(tick=0.1)  # 20 reads to the deadline: the ~170-byte body has more, however they coalesce
    started = time.monotonic()
    with fake_api(script) as api:
        # timeout=2 alone never ends these calls: each drip arrives well within it.
        error = _run(kind, api, clock, stream=stream, timeout=2, total_timeout=2)
    _ended_at_the_deadline(error, clock, 2, corpus)
    real = time.monotonic() - started
    assert real < DRIPS * INTERVAL / 2, real  # ended at the deadline, long before the server stopped
    assert api.connections == 1
    figures.add("facade deadline", "dripping answers cut")


def test_the_per_call_option_overrides_the_client_and_none_lifts_it(corpus: Corpus) -> None:
    with fake_api(functools.partial(json_drip, interval=0.0005)) as fast:  # these calls read it to its end
        assert _run("sync", fast, TickingClock(tick=0.05), stream=False, total_timeout=1000) is None
        with _client("sync", fast, TickingClock(tick=0.05), total_timeout=1) as client:
            assert client.images.generate(**PROMPT, total_timeout=None).images
    clock = TickingClock(tick=0.2)
    with fake_api(json_drip) as slow, _client("sync", slow, clock, total_timeout=1000) as client:
        with pytest.raises(APITimeoutError) as raised:
            client.images.generate(**PROMPT, total_timeout=1.5)
        _ended_at_the_deadline(raised.value, clock, 1.5, corpus)
        with pytest.raises(APITimeoutError, match="total_timeout of 1 s"):
            client.with_options(total_timeout=1).images.generate(**PROMPT)


def _status(status: int, headers: dict[str, str]) -> Callable[[Connection, Request, bytes], bool]:
    body = json.dumps({"error": {"message": "slow down", "type": "rate_limit_error", "code": None, "param": None}})

    def answer(conn: Connection, _request: Request, _body: bytes) -> bool:
        conn.answer(status, body.encode(), headers)
        return True

    return answer


def test_a_retry_whose_wait_would_pass_the_deadline_is_not_taken() -> None:
    with fake_api(each_request(_status(429, {"retry-after": "30"}))) as api:
        clock = TickingClock(tick=0.01)
        with _client("sync", api, clock, max_retries=2, total_timeout=10) as client, pytest.raises(RateLimitError):
            client.images.generate(**PROMPT)
        assert clock.waits == []  # a 30 s wait would end past the 10 s deadline: raised at once
        assert len(api.requests) == 1
        clock = TickingClock(tick=0.01)
        with _client("sync", api, clock, max_retries=2, total_timeout=100) as client, pytest.raises(RateLimitError):
            client.images.generate(**PROMPT)
        assert clock.waits == [30, 30]  # both waits fit in 100 s: retried as usual
        clock = TickingClock(tick=0.01)
        with _client("sync", api, clock, max_retries=2, total_timeout=45) as client, pytest.raises(RateLimitError):
            client.images.generate(**PROMPT)
        assert clock.waits == [30]  # the second would end past 45 s
    figures.record("facade deadline", retry_waits_not_taken=1)


def test_each_attempt_waits_no_longer_than_the_time_left() -> None:
    seen: list[dict[str, float | None]] = []

    def silent(conn: Connection) -> None:
        request = conn.read_head()
        if request is not None:
            conn.read_body(request)
            conn.stopped.wait(10)  # never answers (the test ends it)

    with (
        fake_api(silent) as api,
        httpx.Client(event_hooks={"request": [lambda r: seen.append(r.extensions["timeout"])]}) as http,
    ):
        # The real clock: a server that says nothing is cut by the network timeout, capped at what is left.
        client = Deepshi(api_key=CANARY_KEY, base_url=api.base_url, validate=False, max_retries=3, http_client=http)
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match=r"total_timeout of 0\.4 s"):
            client.images.generate(**PROMPT, timeout=600, total_timeout=0.4)
        real = time.monotonic() - started
    assert real < 3, real  # not 600 s, and no retry after the deadline
    assert seen
    assert all(value is not None and value <= 0.4 for value in seen[0].values()), seen
    figures.record("facade deadline", silent_server_seconds=round(real, 2))


def test_the_preflight_catalog_fetch_counts_against_the_deadline() -> None:
    def slow_catalog(conn: Connection) -> None:
        request = conn.read_head()
        if request is None:
            return
        conn.read_body(request)
        body = b'{"object": "list", "data": []}' + b" " * 1000
        conn.send(head(200, {"content-type": "application/json", "content-length": str(len(body))}))
        for index in range(len(body)):
            if not (conn.send(body[index : index + 1]) and conn.pause(INTERVAL)):
                return

    clock = TickingClock(tick=0.05)
    with (
        fake_api(slow_catalog) as api,
        _client("sync", api, clock, validate=True, total_timeout=1) as client,
        pytest.raises(APITimeoutError, match="total_timeout of 1 s"),
    ):
        client.images.generate(**PROMPT)
    assert [request.target for request in api.requests] == ["/v1/models"]  # the edit itself was never sent


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "2", True])
def test_a_total_timeout_that_is_not_a_positive_number_is_refused(value: object) -> None:
    with pytest.raises(InvalidRequestError, match="total_timeout") as raised:
        Deepshi(api_key=CANARY_KEY, total_timeout=value)  # type: ignore[arg-type]
    assert raised.value.param == "total_timeout"
    with Deepshi(api_key=CANARY_KEY, base_url="http://127.0.0.1:9", validate=False) as client:
        with pytest.raises(InvalidRequestError) as raised:
            client.images.generate(**PROMPT, total_timeout=value)  # type: ignore[arg-type]
        assert raised.value.param == "total_timeout"


def test_a_stream_is_bounded_until_its_terminal_event() -> None:
    """A stream that does end, but only after its deadline: the bound holds to the terminal event."""

    def late_event(conn: Connection) -> None:
        request = conn.read_head()
        assert request is not None
        conn.read_body(request)
        conn.send(head(200, {"content-type": "text/event-stream"}))
        for _ in range(60):
            if not (conn.send(b": keepalive\n\n") and conn.pause(0.001)):
                return
        conn.send(completed_event())

    with fake_api(late_event) as api:
        assert _run("sync", api, TickingClock(tick=0.01), stream=True, total_timeout=100) is None  # control
        error = _run("sync", api, TickingClock(tick=0.05), stream=True, total_timeout=1)
    assert type(error) is APITimeoutError, repr(error)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_upload_the_server_reads_slowly_ends_at_the_total_timeout(kind: str, tmp_path: Path) -> None:
    """The deadline holds while the request body goes out too, not only while the answer comes in."""
    image = tmp_path / "large.png"
    image.write_bytes(encoded("PNG", 8, 6) + b"\0" * (16 << 20))

    def slow_reader(conn: Connection) -> None:
        request = conn.read_head()
        if request is None:
            return
        for _ in range(DRIPS):  # 64 KiB at a time: the client's sends block once the socket buffers are full
            if not conn.sock.recv(65536) or not conn.pause(INTERVAL):
                return

    clock = TickingClock(tick=0.05)
    with fake_api(slow_reader) as api:
        options: dict[str, Any] = {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False}
        call = {**PROMPT, "image": str(image), "total_timeout": 2}
        if kind == "sync":
            with on_clock(Deepshi(**options), clock.timer()) as client, pytest.raises(APITimeoutError) as raised:
                client.images.edit(**call)
        else:

            async def main() -> None:
                async with on_clock(AsyncDeepshi(**options), clock.timer()) as client:
                    await client.images.edit(**call)

            with pytest.raises(APITimeoutError) as raised:
                asyncio.run(main())
    assert "total_timeout of 2 s" in str(raised.value)
    assert api.connections == 1
    image.unlink()  # 16 MiB: not worth the final secret scan's time
