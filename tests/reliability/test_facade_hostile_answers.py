"""Hostile answers to the facade: odd Retry-After dates, gzip bombs, images that are not images.

Issue 15, items 13, 14 and 20 (facade side). Each answer comes from a hand-made loopback server;
the gzip bomb's memory cost is measured in a child process from ``/proc/self/status`` (VmHWM,
the peak resident set), against the server in this process.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deepshi import (
    APIResponseValidationError,
    AsyncDeepshi,
    Deepshi,
    InternalServerError,
    RateLimitError,
    _spec,
)
from deepshi._retries import parse_retry_after
from tests.clock import on_clock
from tests.images import encoded

from . import figures
from .canary import CANARY_KEY, Corpus
from .clock import NOW, FakeClock
from .fake_api import Connection, FakeApi, Request, completed_event, each_request, fake_api, head, images_body

ROOT = Path(__file__).resolve().parents[2]
PROMPT: dict[str, Any] = {"model": "flux-2-pro", "prompt": "p", "width": 256, "height": 256}
MiB = 1024 * 1024


def _client(api: FakeApi, **options: Any) -> Deepshi:
    settings = {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False, "max_retries": 0, **options}
    return on_clock(Deepshi(**settings), FakeClock().timer())


def _serve(status: int, body: bytes, headers: dict[str, str] | None = None) -> Callable[[Connection], None]:
    def answer(conn: Connection, _request: Request, _body: bytes) -> bool:
        conn.answer(status, body, headers)
        return True

    return each_request(answer)


# -- item 13 --------------------------------------------------------------------------------------

RATE_LIMITED = json.dumps({"error": {"message": "slow down", "type": "rate_limit_error", "code": None, "param": None}})


@pytest.mark.parametrize(
    "retry_after",
    ["Fri, 15 Jan 99999 08:00:30 GMT", "Fri, 15 Jan 0000 08:00:30 GMT", "Mon, 99 Foo 2027 99:99:99 +9999999999"],
)
def test_a_retry_after_date_no_calendar_holds_keeps_the_rate_limit_error(retry_after: str, corpus: Corpus) -> None:
    clock = FakeClock()
    with fake_api(_serve(429, RATE_LIMITED.encode(), {"retry-after": retry_after})) as api:
        client = on_clock(
            Deepshi(api_key=CANARY_KEY, base_url=api.base_url, validate=False, max_retries=1), clock.timer()
        )
        with client, pytest.raises(RateLimitError) as raised:
            client.images.generate(**PROMPT)
    assert len(api.requests) == 2  # the unreadable date is ignored: the usual backoff, then the retry
    assert clock.waits == [0.5]
    corpus.add_exception("rate limit with an out-of-range Retry-After", raised.value)


DATES = st.builds(
    "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} {}".format,
    st.sampled_from(["Mon", "Fri", "Xyz", ""]),
    st.integers(-5, 120),
    st.sampled_from(["Jan", "Dec", "Foo"]),
    st.one_of(st.integers(-(10**6), 10**12), st.text(max_size=6)),
    st.integers(-5, 1000),
    st.integers(-5, 1000),
    st.integers(-5, 1000),
    st.sampled_from(["GMT", "+9999999999", "-0000", "UT", "Z", ""]),
)


@given(value=st.one_of(st.text(), DATES))
def test_no_retry_after_value_raises_anything_but_gives_a_finite_delay_or_none(value: str) -> None:
    delay = parse_retry_after({"retry-after": value}, lambda: NOW)
    assert delay is None or math.isfinite(delay)


# -- item 14 --------------------------------------------------------------------------------------


@cache
def gzip_bomb(inflated_mib: int) -> bytes:
    """A gzip-encoded ImagesResponse whose b64_json is ``inflated_mib`` MiB of "A": about 1 KiB per MiB.

    Built from one deflate block repeated (each ends with a full flush, so it stands alone): fast
    to make, and a real gzip stream (CRC and size included) that zlib and httpx inflate whole.
    """
    chunk = b"A" * MiB
    head_text, tail_text = b'{"created": 1782595538, "data": [{"b64_json": "', b'"}]}'
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = deflate.compress(head_text) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.compress(tail_text) + deflate.flush()
    crc = zlib.crc32(head_text)
    for _ in range(inflated_mib):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail_text, crc)
    size = len(head_text) + inflated_mib * MiB + len(tail_text)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + start + block * inflated_mib + end + struct.pack("<II", crc, size % 2**32)


CHILD = textwrap.dedent(
    """
    import json, sys
    from deepshi import Deepshi

    def peak_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

    client = Deepshi(api_key=sys.argv[2], base_url=sys.argv[1], validate=False, max_retries=0)
    client.images.generate(model="flux-2-pro", prompt="warm up", width=256, height=256)
    before = peak_mib()
    try:
        client.images.generate(model="flux-2-pro", prompt="the bomb", width=256, height=256)
        outcome, message = "result", ""
    except Exception as error:
        outcome, message = type(error).__name__, str(error)
    print(json.dumps({"outcome": outcome, "message": message, "before": before, "after": peak_mib()}))
    """
)


def test_a_gzip_bomb_fails_past_max_answer_bytes_without_inflating_in_memory(corpus: Corpus) -> None:
    bomb = gzip_bomb(600)
    assert len(bomb) < 700 * 1024  # ~600 KiB on the wire ...
    answers = iter([images_body(), bomb])

    def answer(conn: Connection, _request: Request, _body: bytes) -> bool:
        body = next(answers)
        encoding = {"content-encoding": "gzip"} if body is bomb else {}
        conn.answer(200, body, encoding)
        return True

    with fake_api(each_request(answer)) as api:
        run = subprocess.run(
            [sys.executable, "-c", CHILD, api.base_url, CANARY_KEY],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    assert run.returncode == 0, run.stderr[-3000:]
    measured = json.loads(run.stdout)
    growth = measured["after"] - measured["before"]
    assert measured["outcome"] == "APIResponseValidationError", measured
    assert "larger than max_answer_bytes (536,870,912 bytes) once decoded (gzip)" in measured["message"]
    assert growth < 64, f"the peak resident set grew by {growth:.0f} MiB"  # ... 600 MiB once inflated
    corpus.add("gzip bomb child", run.stdout + run.stderr)
    figures.record(
        "facade answers",
        bomb_wire_kib=round(len(bomb) / 1024),
        bomb_inflated_mib=600,
        bomb_peak_growth_mib=round(growth, 1),
    )


def _deflate(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


def _padded_png(size: int) -> bytes:
    """A complete PNG of about ``size`` bytes: a tEXt chunk of spaces after its IHDR (compresses well)."""
    png = encoded("PNG", 8, 6)
    text = b"Comment\0" + b" " * size
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text))
    return png[:33] + chunk + png[33:]


BIG = images_body(_padded_png(300 * 1024))  # a 400 kB answer
ENCODED: dict[str, tuple[bytes, dict[str, str]]] = {
    "identity, Content-Length": (BIG, {}),
    "gzip": (_deflate(BIG, 31), {"content-encoding": "gzip"}),
    "deflate (zlib)": (_deflate(BIG, 15), {"content-encoding": "deflate"}),
    "deflate (raw)": (_deflate(BIG, -15), {"content-encoding": "deflate"}),
    "gzip twice": (_deflate(_deflate(BIG, 31), 31), {"content-encoding": "gzip, gzip"}),
}


@pytest.mark.parametrize(("body", "headers"), ENCODED.values(), ids=list(ENCODED))
def test_an_answer_over_max_answer_bytes_fails_typed_in_every_coding(body: bytes, headers: dict[str, str]) -> None:
    with fake_api(_serve(200, body, headers)) as api:
        with _client(api, max_answer_bytes=len(BIG) - 1) as client, pytest.raises(APIResponseValidationError) as raised:
            client.images.generate(**PROMPT)
        assert "larger than max_answer_bytes (" in str(raised.value)
        with _client(api, max_answer_bytes=len(BIG)) as client:  # exactly at the limit: accepted
            assert client.images.generate(**PROMPT).images[0].data == _padded_png(300 * 1024)


def test_an_answer_without_a_length_is_counted_as_it_arrives() -> None:
    def chunked(conn: Connection) -> None:
        request = conn.read_head()
        if request is None:
            return
        conn.read_body(request)
        conn.send(head(200, {"content-type": "application/json", "transfer-encoding": "chunked"}))
        for _ in range(1000):  # 1000 x 64 KiB, far past the limit; stops when the client goes away
            if not conn.send(b"10000\r\n" + b" " * 0x10000 + b"\r\n"):
                return

    with (
        fake_api(chunked) as api,
        _client(api, max_answer_bytes=MiB) as client,
        pytest.raises(APIResponseValidationError, match="larger than max_answer_bytes"),
    ):
        client.images.generate(**PROMPT)


def test_a_coding_the_client_cannot_bound_is_refused() -> None:
    with (
        fake_api(_serve(200, b"\x1b\x00", {"content-encoding": "br"})) as api,
        _client(api) as client,
        pytest.raises(APIResponseValidationError, match="Content-Encoding 'br'"),
    ):
        client.images.generate(**PROMPT)


def test_an_error_answer_over_the_limit_keeps_its_status_class() -> None:
    with (
        fake_api(_serve(500, _deflate(b" " * (4 * MiB), 31), {"content-encoding": "gzip"})) as api,
        _client(api, max_answer_bytes=MiB) as client,
        pytest.raises(InternalServerError) as raised,
    ):
        client.images.generate(**PROMPT)
    assert raised.value.status_code == 500
    assert isinstance(raised.value.__cause__, APIResponseValidationError)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_stream_over_max_answer_bytes_fails_typed(kind: str) -> None:
    keepalives = b": keepalive\n\n" * 20_000  # 260 kB of keepalives before the event, gzip-encoded
    body = _deflate(keepalives + completed_event(), 31)
    options: dict[str, Any] = {"api_key": CANARY_KEY, "validate": False, "max_answer_bytes": 100_000}

    def stream(conn: Connection) -> None:
        request = conn.read_head()
        if request is not None:
            conn.read_body(request)
            conn.answer(200, body, {"content-type": "text/event-stream", "content-encoding": "gzip"})

    with fake_api(stream) as api:
        options["base_url"] = api.base_url
        if kind == "sync":
            with Deepshi(**options) as client, pytest.raises(APIResponseValidationError, match="max_answer_bytes"):
                client.images.generate(**PROMPT, stream=True).final_result()
        else:

            async def main() -> None:
                async with AsyncDeepshi(**options) as client:
                    events = await client.images.generate(**PROMPT, stream=True)
                    await events.final_result()

            with pytest.raises(APIResponseValidationError, match="max_answer_bytes"):
                asyncio.run(main())


def test_the_default_max_answer_bytes_is_well_above_the_largest_real_answer() -> None:
    from deepshi._settings import DEFAULT_MAX_ANSWER_BYTES

    most_images = _spec.component("ImageCount")["maximum"]
    worst_image = 4096 * 4096 * 4 + 64 * 1024  # a 4K RGBA PNG stored uncompressed, with its chunk overhead
    largest_answer = most_images * math.ceil(worst_image / 3) * 4  # base64
    assert most_images == 4
    assert largest_answer * 1.4 < DEFAULT_MAX_ANSWER_BYTES < 2 * largest_answer
    with Deepshi(api_key=CANARY_KEY) as client:
        assert client._engine.settings.max_answer_bytes == DEFAULT_MAX_ANSWER_BYTES == 512 * MiB


# -- item 20 --------------------------------------------------------------------------------------

PNG = encoded("PNG", 64, 48, (30, 120, 200))
JPEG = encoded("JPEG", 64, 48, (30, 120, 200))
WEBP = encoded("WEBP", 64, 48, (30, 120, 200))


def _item(data: bytes, how: str = "b64_json", media_type: str = "image/png") -> dict[str, Any]:
    encoded_data = base64.b64encode(data).decode()
    return {"b64_json": encoded_data} if how == "b64_json" else {"url": f"data:{media_type};base64,{encoded_data}"}


NOT_IMAGES: dict[str, tuple[dict[str, Any], str]] = {
    "a data:text/html URL": (_item(b"<html><script>alert(1)</script></html>", "url", "text/html"), "not an image type"),
    "a data:text/html URL holding a PNG": (_item(PNG, "url", "text/html"), "not an image type"),
    "a PNG cut to 20 bytes": (_item(PNG[:20]), "before its IEND chunk"),
    "a PNG missing its last byte": (_item(PNG[:-1]), "before its IEND chunk"),
    "a PNG whose IHDR is not first": (_item(PNG[:8] + PNG[33:]), "first chunk is not IHDR"),
    "a JPEG cut in half": (_item(JPEG[: len(JPEG) // 2]), "without the JPEG end marker"),
    "a WebP cut in half": (_item(WEBP[: len(WEBP) // 2]), "bytes its RIFF header declares"),
    "bytes of no image type": (_item(b"GIF89a" + b"\0" * 40), "it looks like a GIF image"),
}


def _result(client: Deepshi, stream: bool) -> Any:
    if stream:
        with client.images.generate(**PROMPT, stream=True) as events:
            return events.final_result()
    return client.images.generate(**PROMPT)


@pytest.mark.parametrize(("item", "reason"), NOT_IMAGES.values(), ids=list(NOT_IMAGES))
@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_an_answer_whose_image_is_not_a_complete_image_is_not_a_result(
    stream: bool, item: dict[str, Any], reason: str, tmp_path: Path, corpus: Corpus
) -> None:
    document = {"created": 1782595538, "data": [_item(PNG), item]}
    if stream:
        payload = f"event: image_generation.completed\ndata: {json.dumps({'type': 'image_generation.completed', **document})}\n\n"
        script = _serve(200, payload.encode(), {"content-type": "text/event-stream"})
    else:
        script = _serve(200, json.dumps(document).encode())
    with fake_api(script) as api, _client(api) as client, pytest.raises(APIResponseValidationError) as raised:
        _result(client, stream)
    assert "data[1]" in str(raised.value)
    assert reason in str(raised.value)
    assert list(tmp_path.iterdir()) == []
    corpus.add_exception("not an image", raised.value)
    figures.add("facade answers", "not images refused")


def test_complete_images_of_each_type_are_results_whatever_the_data_url_declares() -> None:
    items = [_item(PNG), _item(JPEG, "url", "image/jpeg"), _item(WEBP, "url", "image/png"), _item(PNG + b"\0\0")]
    document = {"created": 1782595538, "data": items}
    with fake_api(_serve(200, json.dumps(document).encode())) as api, _client(api) as client:
        result = client.images.generate(**PROMPT)
    assert [image.mime_type for image in result.images] == ["image/png", "image/jpeg", "image/webp", "image/png"]
    assert [image.extension for image in result.images] == ["png", "jpg", "webp", "png"]
