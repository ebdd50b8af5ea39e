"""The model-aware preflight's catalog: no surprises.

It is fetched with the call's timeout, at most once per base URL and key for the whole process
(shared by clients, threads and tasks) per ``CATALOG_TTL``; a failed fetch never fails the call
(spec-only checks and one warning); a catalog can be given so nothing is fetched at all.
"""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from deepshi import CATALOG_TTL, AsyncDeepshi, Deepshi, InvalidRequestError, ModelCatalog
from tests.clock import on_clock
from tests.images import png_bytes

from .fakes import BASE_URL, CATALOG, KEY, FakeApi, FakeTimer, error_json, images_body

PNG = png_bytes()
TOO_MANY = [PNG, PNG, PNG]  # "tier-2" takes at most 2 per edit


def _models_requests(api: FakeApi) -> int:
    return [sent.path for sent in api.sent].count("/v1/models")


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "deepshi" and r.levelno == logging.WARNING]


@pytest.mark.parametrize(
    "failure",
    [
        error_json(404, "no such route"),
        error_json(403, "key may not list models", "permission_error"),
        error_json(500, "boom", "server_error"),
        httpx.ConnectError("connection reset by peer"),
        httpx.ReadTimeout("timed out"),
        httpx.Response(200, json={"object": "list", "data": "not a list"}),
    ],
    ids=["404", "403", "500", "reset", "timeout", "malformed"],
)
def test_a_failed_catalog_fetch_never_fails_the_call(
    client: Deepshi, api: FakeApi, caplog: pytest.LogCaptureFixture, failure: httpx.Response | Exception
) -> None:
    api.model_answers.append(failure)
    result = client.images.edit(model="tier-2", prompt="p", image=TOO_MANY)  # the catalog would refuse 3 images
    assert result.images[0].data == PNG
    assert [sent.path for sent in api.sent] == ["/v1/models", "/v1/images/edits"]
    [warning] = _warnings(caplog)
    assert "GET /v1/models" in warning
    assert "checked against the spec only" in warning
    assert KEY not in warning
    client.images.edit(model="tier-2", prompt="p", image=TOO_MANY)  # the failure is remembered: no new fetch
    assert _models_requests(api) == 1
    assert len(_warnings(caplog)) == 1


def test_spec_checks_still_run_when_the_catalog_failed(client: Deepshi, api: FakeApi) -> None:
    api.model_answers.append(error_json(503))
    with pytest.raises(InvalidRequestError, match="n: 9 is greater than the maximum of 4"):
        client.images.edit(model="tier-2", prompt="p", image=PNG, n=9)
    assert api.image_requests == []


def test_the_call_timeout_reaches_the_catalog_fetch(client: Deepshi, api: FakeApi) -> None:
    client.images.generate(model="tier-2", prompt="p", timeout=7.5)
    timeouts = [sent.request.extensions["timeout"] for sent in api.sent]
    assert [sent.path for sent in api.sent] == ["/v1/models", "/v1/images/generations"]
    assert timeouts[0] == timeouts[1] == httpx.Timeout(7.5).as_dict()


def test_one_fetch_per_base_url_and_key_for_every_client(api: FakeApi, fake_timer: FakeTimer) -> None:
    with httpx.Client(transport=api.transport()) as http:
        first = on_clock(Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http), fake_timer.timer())
        second = on_clock(Deepshi(api_key=KEY, base_url=BASE_URL + "/v1", http_client=http), fake_timer.timer())
        other_key = on_clock(Deepshi(api_key="sk-bf-other", base_url=BASE_URL, http_client=http), fake_timer.timer())
        for client in (first, second, first.with_options(timeout=3)):
            with pytest.raises(InvalidRequestError, match="at most 2 per edit"):
                client.images.edit(model="tier-2", prompt="p", image=TOO_MANY)
        assert _models_requests(api) == 1
        with pytest.raises(InvalidRequestError):
            other_key.images.edit(model="tier-2", prompt="p", image=TOO_MANY)  # another key: its own catalog
        assert _models_requests(api) == 2


def test_the_catalog_is_fetched_again_after_its_ttl(client: Deepshi, api: FakeApi, fake_timer: FakeTimer) -> None:
    client.images.generate(model="tier-2", prompt="p")
    fake_timer.monotonic += CATALOG_TTL - 1
    client.images.generate(model="tier-2", prompt="p")
    assert _models_requests(api) == 1
    fake_timer.monotonic += 2
    client.images.generate(model="tier-2", prompt="p")
    assert _models_requests(api) == 2


def test_a_given_catalog_is_used_and_nothing_is_fetched(api: FakeApi) -> None:
    catalog = ModelCatalog.from_dict(CATALOG)
    with (
        httpx.Client(transport=api.transport()) as http,
        Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http, catalog=catalog) as client,
    ):
        with pytest.raises(InvalidRequestError, match="at most 2 per edit"):
            client.images.edit(model="tier-2", prompt="p", image=TOO_MANY)
        client.images.edit(model="tier-2", prompt="p", image=PNG)
    assert [sent.path for sent in api.sent] == ["/v1/images/edits"]


def test_a_catalog_document_is_checked_against_the_spec() -> None:
    with pytest.raises(ValueError, match="not a ModelList document"):
        ModelCatalog.from_dict({"object": "list", "data": [{"object": "model"}]})  # no id


def test_validate_false_fetches_nothing(client: Deepshi, api: FakeApi) -> None:
    client.images.edit(model="tier-2", prompt="p", image=TOO_MANY, validate=False)
    assert [sent.path for sent in api.sent] == ["/v1/images/edits"]


async def test_concurrent_first_calls_share_one_fetch(fake_timer: FakeTimer) -> None:
    release = asyncio.Event()
    fetches = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal fetches
        if request.url.path == "/v1/models":
            fetches += 1
            await release.wait()  # every other call is waiting by now: on the lock, or on this fetch
            return httpx.Response(200, json=CATALOG)
        return httpx.Response(200, json=images_body())

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
        on_clock(AsyncDeepshi(api_key=KEY, base_url=BASE_URL, http_client=http), fake_timer.timer()) as client,
    ):
        calls = [asyncio.ensure_future(client.images.generate(model="tier-2", prompt=f"p{i}")) for i in range(8)]
        for _ in range(100):  # let every task run up to where it waits (scheduling, not time)
            await asyncio.sleep(0)
        assert fetches == 1
        release.set()
        results = await asyncio.gather(*calls)
    assert len(results) == 8
    assert fetches == 1
