"""Client options: key and base URL from the environment, timeouts (default and per call), default
headers, bring-your-own httpx clients, closing, and an API key that never leaks."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest

from deepshi import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    APIConnectionError,
    APITimeoutError,
    AsyncDeepshi,
    AuthenticationError,
    Deepshi,
    InvalidRequestError,
    __version__,
)
from tests.clock import on_clock
from tests.images import png_bytes

from .fakes import BASE_URL, FakeApi, FakeTimer, all_text, error_json

CANARY = "sk-bf-CANARY-c4n4ry-0f-th3-k3y"


def test_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, api: FakeApi) -> None:
    monkeypatch.setenv("DEEPSHI_API_KEY", "sk-bf-from-env")
    monkeypatch.setenv("DEEPSHI_BASE_URL", "http://env.test/v1/")
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(http_client=http)
        assert client.base_url == "http://env.test"
        client.models.list()
    sent = api.sent[0].request
    assert sent.headers["authorization"] == "Bearer sk-bf-from-env"
    assert str(sent.url) == "http://env.test/v1/models"


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPSHI_BASE_URL", raising=False)
    with Deepshi(api_key="sk-bf-x") as client:
        assert client.base_url == "https://api.deepshi.ai"
    for given in ("https://h.test", "https://h.test/", "https://h.test/v1", "https://h.test/v1/"):
        with Deepshi(api_key="sk-bf-x", base_url=given) as client:
            assert client.base_url == "https://h.test"


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPSHI_API_KEY", raising=False)
    for key in (None, ""):
        with pytest.raises(InvalidRequestError, match="DEEPSHI_API_KEY"):
            Deepshi(api_key=key)
        with pytest.raises(InvalidRequestError, match="DEEPSHI_API_KEY"):
            AsyncDeepshi(api_key=key)


def test_bad_options_are_rejected() -> None:
    with pytest.raises(InvalidRequestError, match="max_retries"):
        Deepshi(api_key="sk-bf-x", max_retries=-1)
    with pytest.raises(TypeError, match="timeout"):
        Deepshi(api_key="sk-bf-x", timeout="soon")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.Client"):
        Deepshi(api_key="sk-bf-x", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        AsyncDeepshi(api_key="sk-bf-x", http_client=httpx.Client())  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [0, -1, True, 1.5, "1"])
def test_a_max_answer_bytes_that_is_not_a_positive_int_is_rejected(limit: object) -> None:
    with pytest.raises(InvalidRequestError, match="max_answer_bytes") as raised:
        Deepshi(api_key="sk-bf-x", max_answer_bytes=limit)  # type: ignore[arg-type]
    assert raised.value.param == "max_answer_bytes"
    with pytest.raises(InvalidRequestError, match="max_answer_bytes"):
        AsyncDeepshi(api_key="sk-bf-x").with_options(max_answer_bytes=limit)  # type: ignore[arg-type]


def test_with_options_carries_and_changes_the_bounds() -> None:
    client = Deepshi(api_key="sk-bf-x", total_timeout=30, max_answer_bytes=1024)
    copy = client.with_options(max_retries=0)
    assert (copy._engine.settings.total_timeout, copy._engine.settings.max_answer_bytes) == (30.0, 1024)
    changed = client.with_options(total_timeout=None, max_answer_bytes=2048)
    assert (changed._engine.settings.total_timeout, changed._engine.settings.max_answer_bytes) == (None, 2048)
    assert (client._engine.settings.total_timeout, client._engine.settings.max_answer_bytes) == (30.0, 1024)


def timeouts_seen(api: FakeApi) -> list[dict[str, float | None]]:
    return [sent.request.extensions["timeout"] for sent in api.sent]


def test_timeout_default_and_per_call_override(api: FakeApi) -> None:
    assert httpx.Timeout(600, connect=5) == DEFAULT_TIMEOUT
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=http, validate=False)
        assert client.timeout == DEFAULT_TIMEOUT
        client.images.edit(model="m", prompt="p", image=png_bytes())
        client.images.edit(model="m", prompt="p", image=png_bytes(), timeout=12.5)
        client.images.generate(model="m", prompt="p", timeout=httpx.Timeout(30, connect=2))
        client.images.generate(model="m", prompt="p", timeout=None)
        client.images.generate(model="m", prompt="p", timeout=NOT_GIVEN)
    assert timeouts_seen(api) == [
        {"connect": 5.0, "read": 600.0, "write": 600.0, "pool": 600.0},
        {"connect": 12.5, "read": 12.5, "write": 12.5, "pool": 12.5},
        {"connect": 2.0, "read": 30.0, "write": 30.0, "pool": 30.0},
        {"connect": None, "read": None, "write": None, "pool": None},
        {"connect": 5.0, "read": 600.0, "write": 600.0, "pool": 600.0},
    ]
    http.close()


def test_client_timeout_option_and_byo_client_timeout(api: FakeApi) -> None:
    with httpx.Client(transport=api.transport(), timeout=httpx.Timeout(42)) as http:
        Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=http).models.list()
        Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=http, timeout=7).models.list()
    with httpx.Client(transport=api.transport()) as default_http:  # httpx's 5 s default is not kept
        Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=default_http).models.list()
    assert [t["read"] for t in timeouts_seen(api)] == [42, 7, 600]


def test_a_timeout_applies_only_inside_facade_calls(api: FakeApi) -> None:
    with httpx.Client(transport=api.transport(), timeout=3, base_url="http://mine.test") as http:
        Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=http, timeout=99).models.list()
        http.get("/other")  # the user's own request through the same client
    assert [t["read"] for t in timeouts_seen(api)] == [99, 3]
    assert str(api.sent[1].request.url) == "http://mine.test/other"  # the client's own base URL, kept
    assert "authorization" not in api.sent[1].request.headers  # and no Deepshi key on the user's request


def test_default_headers_and_user_agent(api: FakeApi) -> None:
    with httpx.Client(transport=api.transport(), headers={"x-mine": "not ours to send"}) as http:
        client = Deepshi(api_key="sk-bf-x", base_url=BASE_URL, http_client=http, default_headers={"x-team": "blue"})
        client.images.generate(model="m", prompt="p", validate=False)
    headers = api.sent[0].request.headers
    assert headers["x-team"] == "blue"
    assert "x-mine" not in headers  # a passed client is a transport: its own headers are for its own requests
    assert headers["user-agent"] == f"deepshi-python/{__version__}"
    assert headers["authorization"] == "Bearer sk-bf-x"
    assert str(api.sent[0].request.url) == f"{BASE_URL}/v1/images/generations"


def test_own_http_client_is_closed_but_a_passed_one_is_not() -> None:
    with Deepshi(api_key="sk-bf-x") as client:
        own = client._http
    assert own.is_closed
    passed = httpx.Client()
    with Deepshi(api_key="sk-bf-x", http_client=passed):
        pass
    assert not passed.is_closed
    passed.close()


async def test_async_clients_close_the_same_way() -> None:
    async with AsyncDeepshi(api_key="sk-bf-x") as client:
        own = client._http
        assert (client.max_retries, client.validate) == (2, True)
    assert own.is_closed
    passed = httpx.AsyncClient()
    await AsyncDeepshi(api_key="sk-bf-x", http_client=passed).aclose()
    assert not passed.is_closed
    await passed.aclose()


def test_repr_shows_settings_but_not_the_key() -> None:
    with Deepshi(api_key=CANARY, base_url="http://h.test", max_retries=4, validate=False) as client:
        text = repr(client)
        assert text.startswith("Deepshi(base_url='http://h.test', max_retries=4, timeout=Timeout(")
        assert "validate=False" in text
        for obj in (
            client,
            client._engine.generated,
            client._http.headers,
            client._engine.settings,
            vars(client),
            client.images,
        ):
            assert CANARY not in repr(obj)
            assert CANARY not in str(obj)
    assert CANARY not in repr(AsyncDeepshi(api_key=CANARY))


def test_the_key_never_shows_in_logs_or_exceptions(
    api: FakeApi, fake_timer: FakeTimer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPSHI_API_KEY", CANARY)
    api.answers += [
        error_json(500, f"upstream said {CANARY}"),
        httpx.ConnectError("could not connect"),
        error_json(401, f"Invalid API key provided: {CANARY}"),
    ]
    failures: list[BaseException] = []
    with caplog.at_level(logging.DEBUG), httpx.Client(transport=api.transport()) as http:
        client = on_clock(Deepshi(base_url=BASE_URL, http_client=http, max_retries=1), fake_timer.timer())
        with pytest.raises(APIConnectionError) as first:
            client.images.edit(model="tier-2", prompt="p", image=png_bytes())
        failures.append(first.value)
        with pytest.raises(AuthenticationError) as second:
            client.images.edit(model="tier-2", prompt="p", image=png_bytes(), validate=False)
        failures.append(second.value)
        api.answers += [httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow")]
        with pytest.raises(APITimeoutError) as third:
            client.images.generate(model="tier-2", prompt="p", timeout=1, validate=False)
        failures.append(third.value)
        for bad in ({"prompt": 3}, {"image": b"GIF89a"}, {"n": 2}):
            arguments: dict[str, object] = {"model": "tier-2", "prompt": "p", "image": png_bytes(), **bad}
            with pytest.raises(InvalidRequestError) as invalid:
                client.images.edit(**arguments)  # type: ignore[call-overload]
            failures.append(invalid.value)
    assert CANARY in api.sent[0].request.headers["authorization"], "the key was really in use"
    assert caplog.records, "DEBUG logging captured something"
    for record in caplog.records:
        assert CANARY not in record.getMessage()
        assert CANARY not in str(record.args)
    for failure in failures:
        for text in all_text(failure):
            assert CANARY not in text
        assert CANARY not in "".join(traceback.format_exception(failure))
    assert CANARY not in caplog.text
    assert [type(f).__name__ for f in failures[:3]] == ["APIConnectionError", "AuthenticationError", "APITimeoutError"]
    assert fake_timer.sleeps == [0.5, 0.5]


def test_the_key_quoted_by_the_server_is_masked_in_the_error_body(api: FakeApi) -> None:
    api.answers.append(error_json(401, f"Invalid API key provided: {CANARY}"))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key=CANARY, base_url=BASE_URL, http_client=http, validate=False)
        with pytest.raises(AuthenticationError) as caught:
            client.images.generate(model="m", prompt="p")
    assert caught.value.message == "Invalid API key provided: sk-bf-***"
    assert CANARY not in repr(caught.value.body)
    assert CANARY not in repr(vars(caught.value))
