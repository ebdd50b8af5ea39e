"""Missing, malformed or unknown keys get 401 on every operation; configured keys 402/403."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from deepshi.mock import MockServer
from tests.images import png_bytes

from .conftest import error_of, multipart

EDIT_BODY, EDIT_TYPE = multipart(
    [("model", "deepshi-image-1"), ("prompt", "x"), ("image[]", ("a.png", png_bytes(), "image/png"))]
)
OPERATIONS: dict[str, dict[str, Any]] = {
    "listModels": {"method": "GET", "url": "/models"},
    "createImage": {"method": "POST", "url": "/images/generations", "json": {"model": "nano-banana-2", "prompt": "x"}},
    "editImage": {
        "method": "POST",
        "url": "/images/edits",
        "content": EDIT_BODY,
        "headers": {"content-type": EDIT_TYPE},
    },
}


def call(base_url: str, operation: str, authorization: list[str]) -> httpx.Response:
    spec = dict(OPERATIONS[operation])
    headers = [*spec.pop("headers", {}).items(), *(("authorization", value) for value in authorization)]
    return httpx.request(spec.pop("method"), base_url + spec.pop("url"), headers=headers, **spec)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize(
    ("authorization", "needle"),
    [
        ([], "didn't provide an API key"),
        (["sk-bf-mock-test-key"], "Malformed Authorization"),
        (["Basic c2stYmYtbW9jaw=="], "Malformed Authorization"),
        (["Bearer"], "Malformed Authorization"),
        (["Bearer sk-bf-short"], "Invalid API key"),
        (["Bearer sk-live-0123456789"], "Invalid API key"),
        (["Bearer sk-bf-mock-test-key", "Bearer sk-bf-mock-test-key"], "Malformed Authorization"),
    ],
)
def test_bad_credentials_are_401_on_every_operation(
    deepshi_mock: MockServer, operation: str, authorization: list[str], needle: str
) -> None:
    response = call(deepshi_mock.base_url, operation, authorization)

    assert response.status_code == 401
    error = error_of(response)
    assert (error["type"], error["code"], error["param"]) == ("authentication_error", "invalid_api_key", None)
    assert needle in error["message"]
    assert "sk-bf-mock-test-key" not in response.text


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_any_well_formed_key_is_accepted_by_default(deepshi_mock: MockServer, operation: str) -> None:
    assert call(deepshi_mock.base_url, operation, ["Bearer sk-bf-Any_key-1234"]).status_code == 200
    assert call(deepshi_mock.base_url, operation, ["bearer sk-bf-Any_key-1234"]).status_code == 200


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_the_demo_revoked_key_is_403(deepshi_mock: MockServer, operation: str) -> None:
    response = call(deepshi_mock.base_url, operation, [f"Bearer {MockServer.REVOKED_KEY}"])

    assert response.status_code == 403
    error = error_of(response)
    assert (error["type"], error["code"]) == ("permission_error", "key_revoked")


@pytest.mark.parametrize(("operation", "status"), [("listModels", 200), ("createImage", 402), ("editImage", 402)])
def test_the_demo_key_without_credits_is_402_on_image_operations(
    deepshi_mock: MockServer, operation: str, status: int
) -> None:
    response = call(deepshi_mock.base_url, operation, [f"Bearer {MockServer.NO_CREDITS_KEY}"])

    assert response.status_code == status
    if status == 402:
        assert error_of(response)["type"] == "insufficient_quota"


@pytest.fixture(scope="module")
def keyed() -> Iterator[MockServer]:
    keys = {"sk-bf-paying-customer": "ok", "sk-bf-empty-wallet": "no_credits", "sk-bf-revoked-one": "revoked"}
    with MockServer(api_keys=keys) as server:
        yield server


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("sk-bf-paying-customer", 200),
        ("sk-bf-mock-test-key", 200),
        ("sk-bf-empty-wallet", 402),
        ("sk-bf-revoked-one", 403),
        ("sk-bf-someone-else", 401),
        (MockServer.NO_CREDITS_KEY, 401),
    ],
)
def test_configured_keys(keyed: MockServer, key: str, status: int) -> None:
    assert call(keyed.base_url, "createImage", [f"Bearer {key}"]).status_code == status


def test_auth_is_checked_before_validation(deepshi_mock: MockServer) -> None:
    response = httpx.post(deepshi_mock.base_url + "/images/generations", json={"nonsense": True})

    assert response.status_code == 401
    entry = deepshi_mock.journal[-1]
    assert (entry.status, entry.valid) == (401, False)


def test_key_configuration_is_checked() -> None:
    with pytest.raises(ValueError, match="policy"):
        MockServer(api_keys={"sk-bf-0123456789": "maybe"})
    with pytest.raises(ValueError, match="sk-bf-"):
        MockServer(api_keys={"not-a-key": "ok"})
