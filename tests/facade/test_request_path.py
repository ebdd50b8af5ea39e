"""The request path: an injected httpx client stays the user's, per-call options reach the wire,
the idempotency key, raw responses, errors carrying the httpx objects, ``with_options``."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from deepshi import (
    APIConnectionError,
    AsyncDeepshi,
    BadRequestError,
    Deepshi,
    ImagesResult,
    ImageStream,
    InvalidRequestError,
    ModelCatalog,
    RawResponse,
)
from deepshi.mock import MockServer
from tests.capture_server import capture_server
from tests.clock import on_clock
from tests.images import png_bytes

from .fakes import BASE_URL, KEY, FakeApi, FakeTimer, completed_event, error_json, images_body, sse_body

PNG = png_bytes()
MODEL = {"model": "nano-banana-2"}


def _state(client: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
    """Everything a facade could change on an httpx client."""
    return {
        "base_url": str(client.base_url),
        "headers": list(client.headers.multi_items()),
        "auth": client.auth,
        "timeout": client.timeout,
        "hooks": {name: list(hooks) for name, hooks in client.event_hooks.items()},
        "cookies": list(client.cookies.jar),
        "follow_redirects": client.follow_redirects,
    }


def test_an_injected_client_is_a_transport_only() -> None:
    seen: list[httpx.Request] = []
    with MockServer() as mock, capture_server() as other:
        user = httpx.Client(
            base_url=other.url,
            headers={"x-theirs": "for their own service"},
            auth=httpx.BasicAuth("me", "their-password"),
            event_hooks={"request": [seen.append]},
        )
        before = _state(user)
        with Deepshi(api_key=mock.api_key, base_url=mock.url, http_client=user) as client:
            client.images.edit(**MODEL, prompt="snow", image=PNG)
            client.models.list()
        assert _state(user) == before
        third_party = user.get("/their/endpoint")  # a relative URL still goes to the user's own base URL
        assert third_party.status_code == 200
        captured = other.requests[-1]
        assert captured.path == "/their/endpoint"
        assert captured.headers["authorization"].startswith("Basic ")  # their auth, not the Deepshi key
        assert mock.api_key not in json.dumps(captured.headers)
        assert not any(name.startswith("x-deepshi") or name == "idempotency-key" for name in captured.headers)
        user.close()
    assert [entry.operation for entry in mock.journal] == ["listModels", "editImage", "listModels"]
    for entry in mock.journal:  # the facade's requests carry neither their header nor their auth
        assert "x-theirs" not in entry.headers
        assert entry.status == 200  # the Deepshi key was accepted (their Basic auth was not used)
    assert [request.url.path for request in seen][:3] == ["/v1/models", "/v1/images/edits", "/v1/models"]


async def test_an_injected_async_client_is_a_transport_only() -> None:
    with MockServer() as mock, capture_server() as other:
        user = httpx.AsyncClient(base_url=other.url, headers={"x-theirs": "1"}, auth=httpx.BasicAuth("me", "pw"))
        before = _state(user)
        async with AsyncDeepshi(api_key=mock.api_key, base_url=mock.url, http_client=user) as client:
            await client.images.generate(**MODEL, prompt="a fox")
        assert _state(user) == before
        await user.get("/elsewhere")
        captured = other.requests[-1]
        assert captured.path == "/elsewhere"
        assert mock.api_key not in json.dumps(captured.headers)
        assert not user.is_closed  # left for its owner to close
        await user.aclose()
    assert all("x-theirs" not in entry.headers and entry.status == 200 for entry in mock.journal)


def test_extra_headers_and_query_reach_the_wire_and_win(client: Deepshi, api: FakeApi) -> None:
    client = client.with_options(default_headers={"x-team": "blue"})
    client.images.generate(
        **MODEL,
        prompt="p",
        validate=False,
        extra_headers={"x-team": "red", "x-trace": "t-1"},
        extra_query={"beta": "true", "limit": 3},
    )
    sent = api.image_requests[0].request
    assert sent.headers["x-team"] == "red"  # the call's headers win over the client's
    assert sent.headers["x-trace"] == "t-1"
    assert dict(sent.url.params) == {"beta": "true", "limit": "3"}
    assert sent.url.path == "/v1/images/generations"


@pytest.mark.parametrize(
    ("extra", "culprit"),
    [
        ({"extra_headers": {"x-bad": "a\r\nInjected: 1"}}, "extra_headers"),
        ({"extra_headers": {"x-num": 3}}, "extra_headers"),
        ({"extra_headers": ["x-a", "b"]}, "extra_headers"),
        ({"extra_query": {"q": object()}}, "extra_query"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
def test_bad_per_call_options_are_refused_before_anything_is_sent(
    client: Deepshi, api: FakeApi, extra: dict[str, Any], culprit: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.images.generate(**MODEL, prompt="p", validate=False, **extra)
    assert caught.value.param == culprit
    assert api.sent == []


def test_the_idempotency_key_is_kept_across_retries_and_new_for_each_call(
    client: Deepshi, api: FakeApi, fake_timer: FakeTimer
) -> None:
    api.answers += [error_json(503), error_json(429), httpx.Response(200, json=images_body())]
    client.images.edit(**MODEL, prompt="p", image=PNG, validate=False)
    client.images.generate(**MODEL, prompt="p", validate=False)
    keys = [sent.request.headers.get("idempotency-key") for sent in api.image_requests]
    assert len(keys) == 4
    assert keys[0] == keys[1] == keys[2]  # one call, three attempts, one key
    assert keys[3] != keys[0]
    assert all(key and key.startswith("deepshi-python-retry-") for key in keys)
    assert fake_timer.sleeps == [0.5, 1.0]


def test_a_key_given_in_extra_headers_is_used_for_every_attempt(client: Deepshi, api: FakeApi) -> None:
    api.answers += [error_json(500)]
    client.images.generate(**MODEL, prompt="p", validate=False, extra_headers={"Idempotency-Key": "mine-1"})
    assert [sent.request.headers["idempotency-key"] for sent in api.image_requests] == ["mine-1", "mine-1"]


def test_the_catalog_fetch_carries_no_idempotency_key(client: Deepshi, api: FakeApi) -> None:
    client.models.list()
    assert "idempotency-key" not in api.sent[0].request.headers


def test_max_retries_per_call(client: Deepshi, api: FakeApi) -> None:
    api.answers += [error_json(503)] * 5
    with pytest.raises(Exception, match="nope"):
        client.images.generate(**MODEL, prompt="p", validate=False, max_retries=0)
    assert len(api.image_requests) == 1
    api.sent.clear()
    with pytest.raises(Exception, match="nope"):
        client.images.generate(**MODEL, prompt="p", validate=False, max_retries=3)
    assert len(api.image_requests) == 4


def test_raw_responses_for_every_operation(client: Deepshi, api: FakeApi) -> None:
    api.answers += [
        error_json(503),
        httpx.Response(200, json=images_body(), headers={"x-request-id": "req_edit"}),
        httpx.Response(200, json=images_body(), headers={"x-request-id": "req_gen"}),
    ]
    edit = client.images.with_raw_response.edit(**MODEL, prompt="p", image=PNG, validate=False)
    generate = client.images.with_raw_response.generate(**MODEL, prompt="p", validate=False)
    models = client.models.with_raw_response.list()
    assert isinstance(edit, RawResponse)
    assert (edit.status_code, edit.request_id, edit.retries_taken) == (200, "req_edit", 1)
    assert edit.http_request.url.path == "/v1/images/edits"
    assert edit.headers["content-type"] == "application/json"
    result = edit.parse()
    assert isinstance(result, ImagesResult)
    assert result.images[0].data == PNG
    assert edit.parse() is result  # parsed once
    assert generate.request_id == "req_gen"
    assert isinstance(generate.parse(), ImagesResult)
    assert models.http_request.url.path == "/v1/models"
    catalog = models.parse()
    assert isinstance(catalog, ModelCatalog)
    assert "tier-2" in catalog


def test_a_raw_stream(client: Deepshi, api: FakeApi) -> None:
    api.answers.append(
        httpx.Response(
            200,
            content=sse_body(completed_event(PNG)),
            headers={"content-type": "text/event-stream", "x-request-id": "req_s"},
        )
    )
    raw = client.images.with_raw_response.generate(**MODEL, prompt="p", validate=False, stream=True)
    assert (raw.status_code, raw.request_id) == (200, "req_s")
    assert raw.http_request.headers["accept"] == "text/event-stream"
    stream = raw.parse()
    assert isinstance(stream, ImageStream)
    with stream:
        assert stream.final_result().images[0].data == PNG


def test_error_statuses_still_raise_with_a_raw_response(client: Deepshi, api: FakeApi) -> None:
    api.answers.append(error_json(400))
    with pytest.raises(BadRequestError):
        client.images.with_raw_response.generate(**MODEL, prompt="p", validate=False)


def test_errors_carry_the_httpx_request_and_response(client: Deepshi, api: FakeApi) -> None:
    api.answers.append(error_json(400, "bad n"))
    with pytest.raises(BadRequestError) as caught:
        client.images.generate(**MODEL, prompt="p", validate=False)
    error = caught.value
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == error.status_code == 400
    assert isinstance(error.request, httpx.Request)
    assert error.request.url.path == "/v1/images/generations"
    assert error.request is error.response.request
    assert json.loads(error.response.content)["error"]["message"] == "bad n"
    api.answers.append(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as refused:
        client.images.generate(**MODEL, prompt="p", validate=False, max_retries=0)
    assert refused.value.response is None
    assert refused.value.request is not None
    assert refused.value.request.url.path == "/v1/images/generations"


def test_with_options_copies_share_the_pool_and_leave_the_original_alone(api: FakeApi, fake_timer: FakeTimer) -> None:
    http = httpx.Client(transport=api.transport())
    with on_clock(Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http, max_retries=2), fake_timer.timer()) as base:
        copy = base.with_options(timeout=7, max_retries=0, validate=False, default_headers={"x-copy": "1"})
        assert (copy.timeout, copy.max_retries, copy.validate) == (httpx.Timeout(7), 0, False)
        assert (base.timeout.read, base.max_retries, base.validate) == (600.0, 2, True)
        api.answers.append(error_json(503))
        with pytest.raises(Exception, match="nope"):
            copy.images.generate(**MODEL, prompt="p")
        assert len(api.image_requests) == 1  # the copy's max_retries=0, and no preflight (validate=False)
        assert api.image_requests[0].request.headers["x-copy"] == "1"
        assert api.image_requests[0].request.extensions["timeout"]["read"] == 7
        copy.close()
        assert not http.is_closed
    http.close()


async def test_async_with_options_and_raw(async_client: AsyncDeepshi, api: FakeApi) -> None:
    copy = async_client.with_options(validate=False)
    raw = await copy.images.with_raw_response.generate(**MODEL, prompt="p")
    assert isinstance(raw.parse(), ImagesResult)
    catalog = (await copy.models.with_raw_response.list()).parse()
    assert "pixels" in catalog
    assert [sent.path for sent in api.sent] == ["/v1/images/generations", "/v1/models"]
