"""A second, generic validator reads the spec users read as the docs mean it: both file spellings (decision 1).

The official ``openai`` SDK (pinned in the test extra) sends a single-file edit under ``image`` and a
list under ``image[]``. Its requests (captured with a mock transport, nothing sent) are validated
with openapi-core 0.23.1 against the shipped spec:

* each passes, except for openapi-core's own limit with binary parts under OpenAPI 3.1: it hands
  the file's bytes to a validator that wants a ``string`` (python-openapi/openapi-core#854). So the
  only errors allowed are exactly that one, once per file, at the spelling the SDK used: which
  also shows that openapi-core found the files under that spelling;
* an edit with no image, or with a value the spec forbids, fails for that reason (it does check);
* the measured alternative: items without ``type: string`` would satisfy openapi-core fully, but
  then schemathesis 4.32.5 generates files that are not files, so the spec keeps the type
  (docs/contract-tests.md).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

import httpx2
import openai
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest
from schemathesis.core.media_types import MEDIA_TYPE_STRATEGIES
from schemathesis.transport.serialization import Binary

from . import budget
from .images import render
from .spec import document

PNG = render("image/png", 8, 6, seed=3, noise=0).data
JPEG = render("image/jpeg", 8, 6, seed=4, noise=0).data
EDIT = "/v1/images/edits"
ISSUE_854 = re.compile(r"^b'.*' is not of type 'string'$", re.S)


def _validator(spec: Mapping[str, Any]) -> OpenAPI:
    local = copy.deepcopy(dict(spec))
    local["servers"] = [{"url": "/"}]  # openapi-core matches the request's host against `servers`
    return OpenAPI.from_dict(local)


def _sdk_edit(**arguments: Any) -> tuple[str, bytes]:
    """The (content type, body) of the edit the openai SDK sends for these arguments."""
    sent: list[tuple[str, bytes]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append((request.headers["content-type"], request.read()))
        return httpx2.Response(200, json={"created": 1, "data": [{"index": 0, "b64_json": "aGk="}]})

    transport = httpx2.Client(transport=httpx2.MockTransport(handler))
    client = openai.OpenAI(api_key="sk-bf-test", base_url="http://api.test/v1", http_client=transport, max_retries=0)
    client.images.edit(model="nano-banana-2", prompt="snow on the roof", **arguments)
    assert len(sent) == 1
    return sent[0]


def _schema_errors(validator: OpenAPI, content_type: str, body: bytes) -> list[Any]:
    request = MockRequest(
        "http://api.test", "post", EDIT, data=body, content_type=content_type, headers={"Authorization": "Bearer k"}
    )
    result = validator.unmarshal_request(request)
    found: list[Any] = []
    for error in result.errors:
        cause = error.__cause__
        nested = list(getattr(cause, "schema_errors", None) or [])
        assert nested, f"not a body-schema error: {error!r} ({cause!r})"
        found += nested
    return found


def _only_issue_854(errors: list[Any], spelling: str, files: int) -> None:
    where = sorted(tuple(error.absolute_path) for error in errors)
    assert where == [(spelling, index) for index in range(files)], [error.message[:120] for error in errors]
    assert all(ISSUE_854.match(error.message) for error in errors), [error.message[:120] for error in errors]


@pytest.fixture(scope="module")
def validator() -> OpenAPI:
    return _validator(document())


@pytest.mark.parametrize(
    ("arguments", "spelling", "files"),
    [
        ({"image": ("cabin.png", PNG, "image/png")}, "image", 1),
        ({"image": [("a.png", PNG, "image/png"), ("b.jpg", JPEG, "image/jpeg")]}, "image[]", 2),
    ],
    ids=["one file: image", "a list: image[]"],
)
def test_the_openai_sdks_edits_pass_openapi_core_but_for_its_binary_limit(
    validator: OpenAPI, arguments: dict[str, Any], spelling: str, files: int
) -> None:
    content_type, body = _sdk_edit(**arguments)
    assert f'name="{spelling}"'.encode() in body
    _only_issue_854(_schema_errors(validator, content_type, body), spelling, files)


def test_openapi_core_still_checks_the_rest(validator: OpenAPI) -> None:
    content_type, body = _sdk_edit(image=("cabin.png", PNG, "image/png"))
    no_image = re.sub(
        rb'--[0-9a-f]+\r\nContent-Disposition: form-data; name="image"; .*?\r\n(?=--)', b"", body, flags=re.S
    )
    assert b'name="image"' not in no_image
    errors = _schema_errors(validator, content_type, no_image)
    assert [error.validator for error in errors] == ["anyOf"], "one of image[] / image is required"
    wrong = body.replace(b"nano-banana-2", b"")
    messages = [error.message for error in _schema_errors(validator, content_type, wrong)]
    assert any("should be non-empty" in message or "is too short" in message for message in messages), messages


def _untyped_items(spec: Mapping[str, Any]) -> dict[str, Any]:
    variant = copy.deepcopy(dict(spec))
    for field in ("image[]", "image"):
        variant["components"]["schemas"]["ImageEditRequest"]["properties"][field]["items"].pop("type")
    return variant


def test_items_without_a_type_would_pass_openapi_core_fully() -> None:
    validator = _validator(_untyped_items(document()))
    for arguments in ({"image": ("cabin.png", PNG, "image/png")}, {"image": [("a.png", PNG, "image/png")]}):
        assert _schema_errors(validator, *_sdk_edit(**arguments)) == []


def _file_kinds(spec: dict[str, Any]) -> set[str]:
    """The Python types schemathesis generates for the items of the edit's file fields, by itself.

    Without the suite's real-image strategies (``schemathesis_setup`` registers them per media type,
    globally, when contract 1 loads): what a user's own schemathesis run gets from the spec.
    """
    registered = dict(MEDIA_TYPE_STRATEGIES)
    MEDIA_TYPE_STRATEGIES.clear()
    try:
        return _generated_kinds(spec)
    finally:
        MEDIA_TYPE_STRATEGIES.update(registered)


def _generated_kinds(spec: dict[str, Any]) -> set[str]:
    operation = schemathesis.openapi.from_dict(spec)[EDIT]["POST"]
    kinds: set[str] = set()

    @given(case=operation.as_strategy())
    @settings(
        max_examples=budget.examples(0.3), derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def collect(case: Any) -> None:
        body = case.body if isinstance(case.body, dict) else {}
        for field in ("image[]", "image"):
            value = body.get(field)
            kinds.update(type(item).__name__ for item in (value if isinstance(value, list) else []))

    collect()
    return kinds


@pytest.mark.parametrize(
    ("variant", "expected"),
    [(lambda spec: copy.deepcopy(dict(spec)), {Binary.__name__}), (_untyped_items, None)],
    ids=["the spec: files only", "untyped items: not only files"],
)
def test_schemathesis_generates_files_only_while_the_items_keep_their_type(
    variant: Callable[[Mapping[str, Any]], dict[str, Any]], expected: set[str] | None
) -> None:
    kinds = _file_kinds(variant(document()))
    if expected is not None:
        assert kinds == expected
    else:
        assert kinds - {Binary.__name__}, f"untyped items now generate only files ({kinds}): revisit decision 1"
