"""Every answer maps to the documented result or error class, with foreign exceptions chained."""

from __future__ import annotations

import json
import pickle

import httpx
import pytest

import deepshi
from deepshi import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    Deepshi,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.images import png_bytes

from .fakes import FakeApi, error_json, images_body

STATUS_CLASSES = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (402, InsufficientCreditsError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, APIStatusError),
    (413, APIStatusError),
    (418, APIStatusError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (520, InternalServerError),  # not an http.HTTPStatus member: the generated client chokes on it
    (599, InternalServerError),
]


def edit(client: Deepshi) -> deepshi.ImagesResult:
    return client.images.edit(model="tier-2", prompt="p", image=png_bytes())


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
def test_every_status_maps_to_its_class(api: FakeApi, status: int, cls: type[APIStatusError]) -> None:
    api.answers.append(error_json(status, "the message", "some_type", **{"x-request-id": "req_9"}))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(APIStatusError) as caught:
            edit(client)
    error = caught.value
    assert type(error) is cls
    assert (error.status_code, error.message, error.request_id) == (status, "the message", "req_9")
    assert (error.error_type, error.error_code, error.param) == ("some_type", f"code_{status}", "n")
    assert error.body == {
        "error": {"message": "the message", "type": "some_type", "code": f"code_{status}", "param": "n"}
    }
    assert str(error) == "the message"


def test_generation_and_models_map_errors_too(client: Deepshi, api: FakeApi) -> None:
    api.model_answers.append(error_json(401, "bad key"))
    with pytest.raises(AuthenticationError, match="bad key"):
        client.models.list()
    api.answers.append(error_json(402, "no credits"))
    with pytest.raises(InsufficientCreditsError, match="no credits"):
        client.images.generate(model="tier-2", prompt="p", validate=False)


def test_error_body_that_is_not_json_still_maps_by_status(api: FakeApi) -> None:
    api.answers.append(httpx.Response(502, text="<html>Bad gateway</html>", headers={"content-type": "text/html"}))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(InternalServerError) as caught:
            edit(client)
    assert caught.value.status_code == 502
    assert caught.value.body == "<html>Bad gateway</html>"
    assert "Bad gateway" in caught.value.message
    assert caught.value.error_type is None


def _validation_error(api: FakeApi, response: httpx.Response) -> APIResponseValidationError:
    api.answers.append(response)
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=2, validate=False)
        with pytest.raises(APIResponseValidationError) as caught:
            edit(client)
    assert len(api.image_requests) == 1, "an invalid 2xx body is not retried"
    return caught.value


def test_missing_required_field_is_a_validation_error(api: FakeApi) -> None:
    error = _validation_error(api, httpx.Response(200, json={"data": []}))  # no "created"
    assert "'created' is a required property" in str(error)
    assert error.status_code == 200
    assert error.response is not None
    assert error.request is error.response.request


def test_invalid_json_is_a_validation_error(api: FakeApi) -> None:
    error = _validation_error(
        api, httpx.Response(200, content=b'{"created": 1, "da', headers={"content-type": "application/json"})
    )
    assert isinstance(error.__cause__, json.JSONDecodeError)


def test_wrong_content_type_is_a_validation_error(api: FakeApi) -> None:
    body = json.dumps(images_body()).encode()
    error = _validation_error(api, httpx.Response(200, content=body, headers={"content-type": "text/plain"}))
    assert "text/plain" in str(error)


def test_wrong_field_type_is_caught_by_the_spec_schema(api: FakeApi) -> None:
    error = _validation_error(api, httpx.Response(200, json=images_body(created="yesterday")))
    assert "ImagesResponse" in str(error)
    assert "'yesterday' is not of type 'integer'" in str(error)


def test_undeclared_success_status_is_a_validation_error(api: FakeApi) -> None:
    error = _validation_error(api, httpx.Response(201, json=images_body()))
    assert error.status_code == 201


def test_undecodable_base64_is_a_validation_error(api: FakeApi) -> None:
    body = images_body()
    body["data"][0]["b64_json"] = "not base64!"
    error = _validation_error(api, httpx.Response(200, json=body))
    assert "data[0]" in str(error)
    assert isinstance(error.__cause__, ValueError)


def test_url_that_is_not_a_data_url_is_a_validation_error(api: FakeApi) -> None:
    error = _validation_error(
        api, httpx.Response(200, json={"created": 1, "data": [{"url": "https://cdn.example/x.png"}]})
    )
    assert "data: URL" in str(error)


def test_connection_error_is_translated_and_chained(api: FakeApi) -> None:
    api.answers.append(httpx.ConnectError("[Errno 111] Connection refused"))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(APIConnectionError) as caught:
            edit(client)
    assert type(caught.value) is APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert "Connection refused" in str(caught.value)


@pytest.mark.parametrize("exc", [httpx.ReadTimeout("read"), httpx.ConnectTimeout("connect"), httpx.PoolTimeout("pool")])
def test_timeouts_are_api_timeout_errors(api: FakeApi, exc: httpx.TimeoutException) -> None:
    api.answers.append(exc)
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(APITimeoutError) as caught:
            edit(client)
    assert isinstance(caught.value, APIConnectionError)
    assert caught.value.__cause__ is exc


async def test_async_client_maps_the_same_way(api: FakeApi) -> None:
    api.answers += [error_json(429, "slow down"), httpx.Response(200, json={"data": []})]
    async with httpx.AsyncClient(transport=api.transport()) as http:
        client = deepshi.AsyncDeepshi(
            api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False
        )
        with pytest.raises(RateLimitError):
            await client.images.edit(model="m", prompt="p", image=png_bytes())
        with pytest.raises(APIResponseValidationError):
            await client.images.edit(model="m", prompt="p", image=png_bytes())


def test_server_quoting_the_key_is_redacted(api: FakeApi) -> None:
    key = "sk-bf-quoted-canary-0123"
    api.answers.append(error_json(401, f"Invalid API key provided: {key}."))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key=key, base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(AuthenticationError) as caught:
            edit(client)
    assert key not in str(caught.value)
    assert "Invalid API key provided" in str(caught.value)


def test_error_tree_matches_the_contract() -> None:
    assert issubclass(deepshi.InvalidRequestError, deepshi.DeepshiError)
    assert issubclass(deepshi.InvalidRequestError, ValueError)
    assert issubclass(deepshi.APIError, deepshi.DeepshiError)
    for cls in (APIStatusError, APIConnectionError, APIResponseValidationError, deepshi.StreamError):
        assert cls.__bases__ == (deepshi.APIError,)
    for _, cls in STATUS_CLASSES:
        assert issubclass(cls, APIStatusError)
    assert APITimeoutError.__bases__ == (APIConnectionError,)
    doc = deepshi._errors.__doc__ or ""
    for name in deepshi._errors.__all__:
        assert name in doc, f"{name} is missing from the tree drawn in the _errors docstring"


def test_errors_survive_pickling(api: FakeApi) -> None:
    api.answers.append(error_json(429, "slow down", **{"x-request-id": "req_7"}))
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key="sk-bf-k", base_url="http://t", http_client=http, max_retries=0, validate=False)
        with pytest.raises(RateLimitError) as caught:
            edit(client)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is RateLimitError
    assert (copy.message, copy.status_code, copy.request_id, copy.error_code) == ("slow down", 429, "req_7", "code_429")
    invalid = pickle.loads(pickle.dumps(deepshi.InvalidRequestError("image[1]: bad", param="image[1]")))
    assert (str(invalid), invalid.param) == ("image[1]: bad", "image[1]")
