"""Requests are validated against the shipped spec; errors name the field in ``param``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from deepshi.mock import MockServer
from tests.images import encoded, jpeg_bytes, png_bytes, webp_bytes

from .conftest import error_of, post_form

PNG = ("a.png", png_bytes(), "image/png")
BASE: list[tuple[str, Any]] = [("model", "deepshi-image-1"), ("prompt", "remove the person on the left")]


@pytest.mark.parametrize("field", ["image[]", "image"])
def test_both_spellings_of_the_image_field_are_accepted(
    api: httpx.Client, deepshi_mock: MockServer, field: str
) -> None:
    response = post_form(api, [*BASE, (field, PNG), (field, ("b.webp", webp_bytes(), "image/webp"))])

    assert response.status_code == 200, response.text
    entry = deepshi_mock.journal[-1]
    assert entry.valid is True
    assert [f.field for f in entry.files] == [field, field]


def test_mixed_spellings_count_together_against_the_edit_cap(api: httpx.Client) -> None:
    parts = [*BASE, *[("image[]", PNG)] * 3, *[("image", PNG)] * 3]

    error = error_of(post_form(api, parts))

    assert error["param"] == "image[]"
    assert "6 images were sent" in error["message"]
    assert "at most 5" in error["message"]


@pytest.mark.parametrize(
    ("parts", "param", "code", "needle"),
    [
        ([("prompt", "x"), ("image[]", PNG)], "model", "missing_required_parameter", "'model'"),
        ([("model", "deepshi-image-1"), ("image[]", PNG)], "prompt", "missing_required_parameter", "'prompt'"),
        (BASE, "image[]", "missing_required_parameter", "also accepted as 'image'"),
        ([*BASE, ("image[]", PNG), ("n", "9")], "n", "invalid_value", "9 is greater than the maximum of 4"),
        ([*BASE, ("image[]", PNG), ("n", "two")], "n", "invalid_type", "'two' is not of type 'integer'"),
        ([*BASE, ("image[]", PNG), ("stream", "True")], "stream", "invalid_type", "'True' is not of type 'boolean'"),
        ([*BASE, ("image[]", PNG), ("response_format", "gif")], "response_format", "invalid_value", "'gif'"),
        ([*BASE, ("image[]", PNG), ("quality", "ultra")], "quality", "invalid_value", "'ultra'"),
        ([*BASE, ("image[]", PNG), ("width", "0")], "width", "invalid_value", "less than the minimum"),
        ([("model", ""), ("prompt", "x"), ("image[]", PNG)], "model", "invalid_value", "should be non-empty"),
        ([*BASE, ("image[]", "not a file")], "image[]", "invalid_type", "expected a file upload"),
        ([*BASE, ("image", "not a file")], "image", "invalid_type", "expected a file upload"),
        ([*BASE, ("image[]", PNG), ("prompt", ("p.txt", b"x", "text/plain"))], "prompt", "invalid_type", "got a file"),
        ([*BASE, ("image[]", PNG), ("n", "1"), ("n", "1")], "n", "invalid_value", "more than once"),
        ([*BASE, *[("image[]", PNG)] * 15], "image[]", "invalid_value", "15 were sent, but at most 14"),
        ([*BASE, *[("image", PNG)] * 15], "image", "invalid_value", "15 were sent, but at most 14"),
        ([*BASE, ("image[]", ("a.gif", encoded("GIF"), "image/gif"))], "image[]", "invalid_image_format", "a.gif"),
        ([*BASE, ("image[]", ("a.png", b"not an image at all", "image/png"))], "image[]", "invalid_image_format", "#1"),
        ([*BASE, ("image[]", PNG), ("image[]", ("b.png", b"", "image/png"))], "image[]", "invalid_image_format", "#2"),
    ],
)
def test_invalid_edits_are_400_naming_the_field(
    api: httpx.Client, deepshi_mock: MockServer, parts: list[tuple[str, Any]], param: str, code: str, needle: str
) -> None:
    response = post_form(api, parts)

    assert response.status_code == 400
    error = error_of(response)
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert error["code"] == code
    assert needle in error["message"]
    assert param in error["message"]
    entry = deepshi_mock.journal[-1]
    assert (entry.valid, entry.status, entry.error) == (False, 400, error["message"])


@pytest.mark.parametrize(
    ("body", "param", "needle"),
    [
        ({"prompt": "x"}, "model", "Missing required parameter: 'model'"),
        ({"model": "nano-banana-2", "prompt": "x", "n": 0}, "n", "less than the minimum of 1"),
        ({"model": "nano-banana-2", "prompt": "x", "stream": "yes"}, "stream", "not of type 'boolean'"),
        ({"model": "nano-banana-2", "prompt": "x", "output_format": "gif"}, "output_format", "'gif'"),
        ({"model": "nano-banana-2", "prompt": 7}, "prompt", "not of type 'string'"),
        ({"model": "nano-banana-2", "prompt": "x", "seed": 1.5}, "seed", "not of type 'integer'"),
    ],
)
def test_invalid_generations_are_400_naming_the_field(
    api: httpx.Client, body: dict[str, Any], param: str, needle: str
) -> None:
    error = error_of(api.post("/images/generations", json=body))

    assert error["param"] == param
    assert needle in error["message"]


@pytest.mark.parametrize(
    ("request_kwargs", "code"),
    [
        ({"content": b"\xff\xfe{}", "headers": {"content-type": "application/json"}}, "invalid_encoding"),
        ({"content": b'{"model": ', "headers": {"content-type": "application/json"}}, "invalid_json"),
        ({"content": b"[1, 2]", "headers": {"content-type": "application/json"}}, "invalid_type"),
        (
            {"content": b"model=x&prompt=y", "headers": {"content-type": "application/x-www-form-urlencoded"}},
            "invalid_content_type",
        ),
        ({"content": b'{"model":"x"}', "headers": {"content-type": "text/plain"}}, "invalid_content_type"),
        ({"content": b'{"model":"x"}'}, "invalid_content_type"),
    ],
)
def test_unparseable_generation_bodies_get_the_json_error_shape(
    api: httpx.Client, request_kwargs: dict[str, Any], code: str
) -> None:
    response = api.post("/images/generations", **request_kwargs)

    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == (code, None)


@pytest.mark.parametrize(
    ("body", "content_type", "code", "param"),
    [
        (b"garbage", "multipart/form-data; boundary=xx", "invalid_multipart", None),
        (
            b'--xx\r\nContent-Disposition: form-data; name="model"\r\n\r\nabc',
            "multipart/form-data; boundary=xx",
            "invalid_multipart",
            None,
        ),
        (
            b"--xx\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--xx--\r\n",
            "multipart/form-data; boundary=xx",
            "invalid_multipart",
            None,
        ),
        (
            b'--xx\r\nContent-Disposition: form-data; name="model"\r\n\r\nabc\r\n--xx--\r\n',
            "multipart/form-data",
            "invalid_multipart",
            None,
        ),
        (
            b'--xx\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n\xff\xfe\r\n--xx--\r\n',
            "multipart/form-data; boundary=xx",
            "invalid_encoding",
            "prompt",
        ),
        (b'{"model": "deepshi-image-1"}', "application/json", "invalid_content_type", None),
    ],
)
def test_malformed_multipart_gets_the_json_error_shape(
    api: httpx.Client, body: bytes, content_type: str, code: str, param: str | None
) -> None:
    response = api.post("/images/edits", content=body, headers={"content-type": content_type})

    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == (code, param)


@pytest.fixture(scope="module")
def strict_api() -> Iterator[httpx.Client]:
    """A client of a mock with ``strict_parameters=True`` (the opt-in catalog checks)."""
    with (
        MockServer(strict_parameters=True) as server,
        httpx.Client(base_url=server.base_url, headers={"authorization": f"Bearer {server.api_key}"}) as client,
    ):
        yield client


@pytest.mark.parametrize(
    ("extra", "param", "code", "needle"),
    [
        ([("model", "not-a-model")], "model", "model_not_found", "does not exist"),
        ([("model", "deepshi-image-1"), ("n", "2")], "n", "invalid_value", "allowed: 1"),
        ([("model", "nano-banana-2"), ("resolution", "8K")], "resolution", "invalid_value", "allowed: 1K, 2K, 4K"),
        ([("model", "flux-2-pro"), ("width", "4096")], "width", "invalid_value", "maximum of 2048"),
        ([("model", "flux-2-pro"), ("height", "100")], "height", "invalid_value", "minimum of 256"),
        ([("model", "seedream-4.5"), ("prompt", "p" * 4001)], "prompt", "prompt_too_long", "4001 characters"),
    ],
)
def test_catalog_checks(
    strict_api: httpx.Client, extra: list[tuple[str, Any]], param: str, code: str, needle: str
) -> None:
    fields = dict([("prompt", "x"), *extra])
    error = error_of(post_form(strict_api, [*fields.items(), ("image[]", PNG)]))

    assert (error["param"], error["code"]) == (param, code)
    assert needle in error["message"]


def test_the_edit_cap_comes_from_the_catalog(api: httpx.Client) -> None:
    parts = [("model", "nano-banana-2"), ("prompt", "x")]

    assert post_form(api, [*parts, *[("image[]", PNG)] * 14]).status_code == 200
    single = [("model", "grok-imagine"), ("prompt", "x")]
    assert post_form(api, [*single, ("image", PNG)]).status_code == 200
    error = error_of(post_form(api, [*single, ("image", PNG), ("image", PNG)]))
    assert error["param"] == "image"
    assert error["code"] == "too_many_images"


def test_fields_a_model_does_not_list_are_ignored(api: httpx.Client) -> None:
    # flux-2-pro takes width/height; resolution and quality are not its fields.
    response = post_form(
        api, [("model", "flux-2-pro"), ("prompt", "x"), ("resolution", "8K"), ("quality", "low"), ("image[]", PNG)]
    )

    assert response.status_code == 200, response.text


def test_unknown_extra_fields_are_forwarded_not_rejected(api: httpx.Client, deepshi_mock: MockServer) -> None:
    response = post_form(api, [*BASE, ("guidance", "7.5"), ("image[]", PNG)])

    assert response.status_code == 200
    assert deepshi_mock.journal[-1].fields["guidance"] == "7.5"


def test_a_float_n_with_no_fraction_is_an_integer(api: httpx.Client) -> None:
    # JSON Schema 2020-12: 1.0 is an integer. The mock must not crash on it (schemathesis sends it).
    response = api.post("/images/generations", json={"model": "nano-banana-2", "prompt": "x", "n": 1.0})

    assert response.status_code == 200


def test_all_image_types_are_accepted_whatever_their_declared_type(api: httpx.Client) -> None:
    # The OpenAI SDK sends raw bytes as application/octet-stream named "upload": the content decides.
    files = [
        ("image[]", ("upload", png_bytes(), "application/octet-stream")),
        ("image[]", ("b.jpg", jpeg_bytes(), "image/jpeg")),
        ("image[]", ("c", webp_bytes(), None)),
    ]

    assert post_form(api, [*BASE, *files]).status_code == 200


def test_by_default_only_the_documented_catalog_checks_apply(deepshi_mock: MockServer) -> None:
    with httpx.Client(
        base_url=deepshi_mock.base_url, headers={"authorization": f"Bearer {deepshi_mock.api_key}"}
    ) as client:
        relaxed = post_form(
            client, [("model", "nano-banana-2"), ("prompt", "x"), ("resolution", "0"), ("image[]", PNG)]
        )
        unknown = post_form(client, [("model", "nano-banana-3"), ("prompt", "x"), ("image[]", PNG)])
        too_many = post_form(client, [("model", "grok-imagine"), ("prompt", "x"), ("image[]", PNG), ("image[]", PNG)])

    assert relaxed.status_code == 200
    assert relaxed.json()["size"] == "1024x1024"
    assert error_of(unknown)["code"] == "model_not_found"
    assert error_of(too_many)["code"] == "too_many_images"


def test_405_lists_the_allowed_methods(api: httpx.Client) -> None:
    response = api.delete("/images/edits")

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_of(response)["code"] == "method_not_allowed"
