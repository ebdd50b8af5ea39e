"""How generic OpenAPI tools read the stream answer, measured (docs/contract-tests.md, "Streams").

The spec models ``text/event-stream`` as one parsed event, ``{event, data}`` with ``data``'s JSON
described by ``contentSchema: ImageStreamEvent`` (decision 2). OpenAPI 3.2's ``itemSchema`` is
the standard form for a stream of items; these tests pin, with the pinned tools, why the spec does
not use it yet, and which tools validate the form it uses. When a tool changes its mind, a test
here fails: update the spec's decision 2 and docs/contract-tests.md with it.

| form | openapi-python-client 0.29.1 | schemathesis 4.32.5 | openapi-core 0.23.1 | openapi-spec-validator |
|---|---|---|---|---|
| 3.1, ``schema`` = envelope (shipped) | generates (ignores it) | validates each event | rejects every stream | valid |
| 3.2, ``itemSchema`` = envelope | refuses the document | validates each event | accepts any stream | valid |
| 3.1, ``itemSchema`` = envelope | generates (ignores it) | — | — | invalid |
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
import schemathesis
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate as validate_spec

from deepshi.mock import MockServer

from .spec import SSE_TYPE, document

ENVELOPE = {"$ref": "#/components/schemas/ImageStreamMessage"}


def with_item_schema(version: str) -> dict[str, Any]:
    """The spec with the stream described by OpenAPI 3.2's ``itemSchema`` instead of ``schema``."""
    spec = copy.deepcopy(dict(document()))
    spec["openapi"] = version
    media = spec["components"]["responses"]["ImagesOk"]["content"][SSE_TYPE]
    assert media.pop("schema") == ENVELOPE
    media["itemSchema"] = ENVELOPE
    return spec


@pytest.fixture(scope="module")
def streams(deepshi_mock_session: MockServer) -> dict[str, httpx.Response]:
    """A real stream answer of the mock, and the same with one event field of the wrong type."""
    good = httpx.post(
        f"{deepshi_mock_session.base_url}/images/generations",
        json={"model": "deepshi-image-1", "prompt": "a fox", "stream": True},
        headers={"authorization": f"Bearer {deepshi_mock_session.api_key}"},
        timeout=30,
    )
    assert good.headers["content-type"].startswith(SSE_TYPE)
    broken_text = good.text.replace('"created":', '"created":"yesterday","was":', 1)
    broken = httpx.Response(200, headers=good.headers, content=broken_text.encode(), request=good.request)
    broken.read()
    broken.elapsed = good.elapsed  # schemathesis reads it
    return {"good": good, "broken": broken}


def schemathesis_verdict(spec: Mapping[str, Any], response: httpx.Response) -> str:
    operation = schemathesis.openapi.from_dict(dict(spec))["/v1/images/generations"]["POST"]
    try:
        operation.validate_response(response)
    except Exception as exc:  # schemathesis raises a group of its check failures
        return f"fails: {exc}"
    return "passes"


def openapi_core_verdict(spec: Mapping[str, Any], response: httpx.Response) -> str:
    request = MockRequest(
        "https://api.deepshi.ai",
        "post",
        "/v1/images/generations",
        data=b'{"model": "deepshi-image-1", "prompt": "a fox", "stream": true}',
        content_type="application/json",
    )
    try:
        OpenAPI.from_dict(dict(spec)).validate_response(
            request, MockResponse(response.content, status_code=200, content_type=SSE_TYPE)
        )
    except Exception as exc:
        errors = getattr(exc.__cause__, "schema_errors", None) or []
        return f"fails: {type(exc).__name__}: " + "; ".join(str(error.message)[-200:] for error in errors)
    return "passes"


def test_the_shipped_form_is_valid_openapi_31() -> None:
    validate_spec(dict(document()))
    assert document()["openapi"].startswith("3.1.")
    assert document()["components"]["responses"]["ImagesOk"]["content"][SSE_TYPE]["schema"] == ENVELOPE


def test_schemathesis_validates_each_event_of_the_shipped_form(streams: dict[str, httpx.Response]) -> None:
    assert schemathesis_verdict(document(), streams["good"]) == "passes"
    verdict = schemathesis_verdict(document(), streams["broken"])
    assert verdict.startswith("fails")
    assert "SSE event payload violates content schema" in verdict


def test_openapi_core_reads_the_shipped_form_as_the_whole_body(streams: dict[str, httpx.Response]) -> None:
    # openapi-core has no text/event-stream deserializer: it validates the whole body (bytes)
    # against the one-event envelope, so even a valid stream fails. Validate each event's data
    # against ImageStreamEvent instead (docs/contract-tests.md shows how).
    verdict = openapi_core_verdict(document(), streams["good"])
    assert verdict.startswith("fails: InvalidData")
    assert "is not of type 'object'" in verdict


def test_openapi_32_item_schema_is_valid_and_read_per_event_by_schemathesis(
    streams: dict[str, httpx.Response],
) -> None:
    spec = with_item_schema("3.2.0")
    validate_spec(spec)
    assert schemathesis_verdict(spec, streams["good"]) == "passes"
    assert "SSE event payload violates content schema" in schemathesis_verdict(spec, streams["broken"])


def test_openapi_core_accepts_item_schema_without_checking_the_events(streams: dict[str, httpx.Response]) -> None:
    spec = with_item_schema("3.2.0")
    assert openapi_core_verdict(spec, streams["good"]) == "passes"
    assert openapi_core_verdict(spec, streams["broken"]) == "passes"  # a broken event goes unnoticed


def test_the_pinned_generator_refuses_openapi_32() -> None:
    from openapi_python_client.schema import OpenAPI as GeneratorDocument
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=r"Only OpenAPI versions 3\.1\.\* are supported, got 3\.2\.0"):
        GeneratorDocument.model_validate(with_item_schema("3.2.0"))
    GeneratorDocument.model_validate(dict(document()))  # the shipped 3.1 document parses


def test_item_schema_is_not_allowed_in_an_openapi_31_document() -> None:
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    with pytest.raises(OpenAPIValidationError, match="'itemSchema' was unexpected"):
        validate_spec(with_item_schema(document()["openapi"]))
