"""The retry policy (openai-python's): what is retried, how long to wait, and that files are re-sent.

A fake timer records the waits; nothing sleeps.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from deepshi import (
    APIConnectionError,
    APITimeoutError,
    AsyncDeepshi,
    BadRequestError,
    Deepshi,
    ImagesResult,
    InternalServerError,
    RateLimitError,
)
from deepshi._retries import parse_retry_after
from tests.clock import on_clock
from tests.images import jpeg_bytes, png_bytes, webp_bytes

from .fakes import BASE_URL, KEY, FakeApi, FakeTimer, error_json


def make(api: FakeApi, timer: FakeTimer, max_retries: int = 2) -> tuple[httpx.Client, Deepshi]:
    http = httpx.Client(transport=api.transport())
    client = Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http, validate=False, max_retries=max_retries)
    return http, on_clock(client, timer.timer())


def edit(client: Deepshi, image: Any = None) -> ImagesResult:
    return client.images.edit(model="m", prompt="p", image=image if image is not None else png_bytes())


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_then_succeed(api: FakeApi, fake_timer: FakeTimer, status: int) -> None:
    api.answers += [error_json(status), error_json(status)]
    http, client = make(api, fake_timer)
    with http:
        result = edit(client)
    assert len(api.image_requests) == 3
    assert result.images[0].data == png_bytes()
    assert fake_timer.sleeps == [0.5, 1.0]  # random() == 0: no jitter


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 413, 422])
def test_other_statuses_are_not_retried(api: FakeApi, fake_timer: FakeTimer, status: int) -> None:
    api.answers.append(error_json(status))
    http, client = make(api, fake_timer)
    with http, pytest.raises(Exception, match="nope"):
        edit(client)
    assert len(api.image_requests) == 1
    assert fake_timer.sleeps == []


def test_gives_up_after_max_retries_with_the_last_error(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers += [error_json(500, "first"), error_json(500, "second"), error_json(503, "third"), error_json(500)]
    http, client = make(api, fake_timer)
    with http, pytest.raises(InternalServerError, match="third"):
        edit(client)
    assert len(api.image_requests) == 3  # 1 + max_retries (2)


def test_max_retries_zero_means_one_attempt(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers.append(error_json(503))
    http, client = make(api, fake_timer, max_retries=0)
    with http, pytest.raises(InternalServerError):
        edit(client)
    assert len(api.image_requests) == 1


def test_backoff_doubles_from_half_a_second_and_caps_at_eight(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers += [error_json(500)] * 6
    http, client = make(api, fake_timer, max_retries=6)
    with http:
        edit(client)
    assert fake_timer.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_jitter_shortens_the_wait_by_up_to_a_quarter(api: FakeApi) -> None:
    timer = FakeTimer(random=0.999)
    api.answers += [error_json(500)] * 2
    http, client = make(api, timer)
    with http:
        edit(client)
    assert timer.sleeps == pytest.approx([0.5 * (1 - 0.25 * 0.999), 1.0 * (1 - 0.25 * 0.999)])


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),  # -ms wins
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "120"}, 120.0),
        ({"retry-after": "0"}, 0.5),  # not > 0: backoff
        ({"retry-after": "-4"}, 0.5),
        ({"retry-after": "soon"}, 0.5),  # unreadable: backoff
        ({"retry-after-ms": "nan", "retry-after": "7"}, 7.0),
    ],
)
def test_retry_after_forms(api: FakeApi, fake_timer: FakeTimer, headers: dict[str, str], wait: float) -> None:
    api.answers.append(error_json(429, **headers))
    http, client = make(api, fake_timer)
    with http:
        edit(client)
    assert fake_timer.sleeps == [wait]


def test_retry_after_as_http_date(api: FakeApi, fake_timer: FakeTimer) -> None:
    when = format_datetime(datetime.fromtimestamp(fake_timer.now + 30, tz=UTC), usegmt=True)
    api.answers.append(error_json(503, **{"retry-after": when}))
    http, client = make(api, fake_timer)
    with http:
        edit(client)
    assert fake_timer.sleeps == [30.0]


@pytest.mark.parametrize("headers", [{"retry-after": "121"}, {"retry-after-ms": "600000"}])
def test_retry_after_beyond_two_minutes_raises_at_once(
    api: FakeApi, fake_timer: FakeTimer, headers: dict[str, str]
) -> None:
    api.answers.append(error_json(429, **headers))
    http, client = make(api, fake_timer)
    with http, pytest.raises(RateLimitError):
        edit(client)
    assert len(api.image_requests) == 1
    assert fake_timer.sleeps == []


def test_x_should_retry_true_overrides_a_non_retryable_status(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers.append(error_json(400, **{"x-should-retry": "true"}))
    http, client = make(api, fake_timer)
    with http:
        edit(client)
    assert len(api.image_requests) == 2


def test_x_should_retry_false_overrides_a_retryable_status(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers.append(error_json(503, **{"x-should-retry": "false"}))
    http, client = make(api, fake_timer)
    with http, pytest.raises(InternalServerError):
        edit(client)
    assert len(api.image_requests) == 1


def test_400_without_override_is_final(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers.append(error_json(400))
    http, client = make(api, fake_timer)
    with http, pytest.raises(BadRequestError):
        edit(client)
    assert fake_timer.sleeps == []


def test_connection_errors_and_timeouts_are_retried(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers += [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")]
    http, client = make(api, fake_timer)
    with http:
        edit(client)
    assert len(api.image_requests) == 3
    assert fake_timer.sleeps == [0.5, 1.0]


def test_connection_errors_surface_after_the_last_retry(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.answers += [httpx.ConnectError("refused")] * 2 + [httpx.ReadTimeout("slow")]
    http, client = make(api, fake_timer)
    with http:
        with pytest.raises(APITimeoutError):
            edit(client)
        api.answers += [httpx.ConnectError("refused")] * 3
        with pytest.raises(APIConnectionError) as caught:
            edit(client)
    assert type(caught.value) is APIConnectionError
    assert len(api.image_requests) == 6


def test_each_retry_is_logged_at_info_on_the_deepshi_logger(
    api: FakeApi, fake_timer: FakeTimer, caplog: pytest.LogCaptureFixture
) -> None:
    api.answers += [error_json(429), httpx.ConnectError("refused")]
    http, client = make(api, fake_timer)
    with caplog.at_level(logging.DEBUG, logger="deepshi"), http:
        edit(client)
    attempts = [r.getMessage() for r in caplog.records if r.name == "deepshi" and r.levelno == logging.DEBUG]
    assert attempts == [f"POST /v1/images/edits (attempt {n} of 3)" for n in (1, 2, 3)]
    records = [r for r in caplog.records if r.name == "deepshi" and r.levelno == logging.INFO]
    assert len(records) == 2
    assert "POST /v1/images/edits" in records[0].getMessage()
    assert "HTTP 429" in records[0].getMessage()
    assert "retry 2 of 2" in records[1].getMessage()


def test_models_catalog_fetch_is_retried(api: FakeApi, fake_timer: FakeTimer) -> None:
    api.model_answers.append(error_json(500))
    http, client = make(api, fake_timer)
    with http:
        assert "tier-2" in client.models.list()
    assert len([s for s in api.sent if s.path == "/v1/models"]) == 2


def test_every_input_kind_is_resent_whole_on_retry(api: FakeApi, fake_timer: FakeTimer, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(jpeg_bytes())
    file_object = io.BytesIO(webp_bytes())
    with open(path, "rb") as handle:
        inputs = [str(path), png_bytes(), file_object, handle, ("named.png", io.BytesIO(png_bytes()))]
        api.answers += [error_json(500), error_json(502)]
        http, client = make(api, fake_timer)
        with http:
            edit(client, inputs)
    expected = [jpeg_bytes(), png_bytes(), webp_bytes(), jpeg_bytes(), png_bytes()]
    assert len(api.image_requests) == 3
    for sent in api.image_requests:
        assert [part.content for part in sent.images()] == expected
        assert [part.content_type for part in sent.images()] == [
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/jpeg",
            "image/png",
        ]


def test_a_path_is_reopened_for_each_attempt(api: FakeApi, fake_timer: FakeTimer, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes())

    def fail_then_swap(_: httpx.Request) -> httpx.Response:
        path.write_bytes(png_bytes() + b"-second-version")  # what a reopened file shows on retry
        return error_json(503)

    api.answers.append(fail_then_swap)
    http, client = make(api, fake_timer)
    with http:
        edit(client, path)
    first, second = (sent.images()[0].content for sent in api.image_requests)
    assert first == png_bytes()
    assert second == png_bytes() + b"-second-version"


def test_parse_retry_after_reads_headers_case_insensitively() -> None:
    now = 1_800_000_000.0
    assert parse_retry_after(httpx.Headers({"Retry-After": "5"}), lambda: now) == 5.0
    assert parse_retry_after(httpx.Headers({"Retry-After-Ms": "20"}), lambda: now) == 0.02
    assert parse_retry_after(httpx.Headers({}), lambda: now) is None
    date = format_datetime(datetime.fromtimestamp(now - 10, tz=UTC), usegmt=True)
    assert parse_retry_after(httpx.Headers({"retry-after": date}), lambda: now) == -10.0


async def test_async_retries_use_the_async_sleep(api: FakeApi, fake_timer: FakeTimer, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes())
    api.answers += [error_json(429, **{"retry-after": "2"}), httpx.ConnectError("refused")]
    async with httpx.AsyncClient(transport=api.transport()) as http:
        client = on_clock(
            AsyncDeepshi(api_key=KEY, base_url=BASE_URL, http_client=http, validate=False), fake_timer.timer()
        )
        result = await client.images.edit(model="m", prompt="p", image=path)
    assert result.images[0].data == png_bytes()
    assert fake_timer.sleeps == [2.0, 1.0]
    assert [sent.images()[0].content for sent in api.image_requests] == [png_bytes()] * 3
