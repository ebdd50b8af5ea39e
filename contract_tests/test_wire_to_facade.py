"""Contract 3, wire -> facade: every answer the spec allows is parsed without loss; others fail cleanly.

Answers are generated from the spec's own response schemas (``responses.py``): optional fields
present or absent, unknown extra fields anywhere ``additionalProperties`` allows them, real images
in every ``data`` item. The mock serves each one verbatim (its ``override`` fault), and the facade
call that receives it must

* for ``ImagesResponse`` (JSON) and ``image_generation.completed`` (SSE, after keepalives and
  events of types it does not know, which it must pass on as ``UnknownStreamEvent``): keep every
  field (``result.raw.to_dict()`` equals what was sent), decode ``images[i].data`` to exactly the
  bytes that were encoded, report ``cost`` = ``usage.cost.total_cost`` and each usage field as sent
  (``None`` when absent, never 0), and the ``x-request-id``; a completed event's own fields
  (OpenAI's top-level ``b64_json``, ``created_at``, ..., spec decision 2) stay on the event;
* for ``ModelList``: keep every model and field (``raw.to_dict()``), in order;
* for documented error statuses and ``ErrorResponse`` bodies, and ``error`` stream events: raise
  the mapped error class carrying status, type, code, param and body;
* for answers that violate the schema (schemathesis' negative mode), or are not JSON, or carry an
  undecodable image: raise ``APIResponseValidationError``, never ``KeyError``/``TypeError``/...
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from deepshi import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    Deepshi,
    ImageCompletedEvent,
    ImagesResult,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    StreamError,
    UnknownStreamEvent,
    UnprocessableEntityError,
)
from deepshi.mock import Fault, MockServer

from . import budget, counts
from .failures import mismatch
from .images import render
from .responses import WithImages, bodies, images_bodies, round_trip, wire_json
from .spec import component_validator, document
from .views import view_document

SETTINGS = settings(max_examples=budget.examples(0.75), deadline=None, suppress_health_check=list(HealthCheck))
JSON_TYPE = "application/json"
SSE_TYPE = "text/event-stream; charset=utf-8"
PNG = render("image/png", 2, 2, seed=3, noise=0).data
ERROR_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    413: APIStatusError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    500: InternalServerError,
    502: InternalServerError,
    503: InternalServerError,
}
REQUEST_IDS = st.from_regex(r"req_[A-Za-z0-9]{1,12}", fullmatch=True)
"""Sent with every answer (without one, the mock stamps its own)."""


def _model(catalog: Sequence[Mapping[str, Any]], operation: str) -> str:
    for model in catalog:
        if operation == "createImage" or (model.get("edit") or {}).get("supported"):
            return str(model["id"])
    raise AssertionError("the mock's catalog has no model for " + operation)


def _ask(client: Deepshi, catalog: Sequence[Mapping[str, Any]], operation: str, *, stream: bool = False) -> Any:
    """Send a valid edit or generation (the answer is whatever the armed override serves)."""
    model = _model(catalog, operation)
    if operation == "editImage":
        return client.images.edit(model=model, prompt="p", image=PNG, stream=stream)
    return client.images.generate(model=model, prompt="p", stream=stream)


def _arm(mock: MockServer, operation: str, status: int, content_type: str, body: bytes, request_id: str | None) -> None:
    headers = {"content-type": content_type}
    if request_id is not None:
        headers["x-request-id"] = request_id
    mock.add_fault(Fault("override", status=status, headers=headers, body=body, operation=operation))


def check_result(result: ImagesResult, sent: Mapping[str, Any], images: WithImages, request_id: str | None) -> None:
    """``result`` holds everything ``sent`` carried (see the module docstring)."""
    reproduce = f"serve {json.dumps(sent)[:400]}..."
    assert result.raw.to_dict() == sent, mismatch(
        received=f"raw.to_dict() = {json.dumps(result.raw.to_dict())[:400]}",
        documented="every field of the answer kept, unknown ones in additional_properties",
        reproduce=reproduce,
    )
    assert view_document(result) == sent, mismatch(
        received=f"the views show {json.dumps(view_document(result))[:400]}",
        documented="every property the answer carried, on the result's fields or in extra",
        reproduce=reproduce,
    )
    decoded = [image.data for image in result.images]
    assert decoded == [image.data for image in images.images], mismatch(
        received=f"{len(decoded)} images of {[len(d) for d in decoded]} bytes",
        documented=f"{len(images.images)} images of {[len(i.data) for i in images.images]} bytes",
        reproduce=reproduce,
    )
    usage = sent.get("usage")
    cost = usage.get("cost") if isinstance(usage, dict) else None
    expected_cost = cost["total_cost"] if isinstance(cost, dict) else None
    assert result.cost == expected_cost, mismatch(
        received=f"cost {result.cost!r}", documented=f"usage.cost.total_cost {expected_cost!r}", reproduce=reproduce
    )
    if isinstance(usage, dict):
        assert result.usage is not None
        for name in ("prompt_tokens", "completion_tokens", "total_tokens"):
            assert getattr(result.usage, name) == usage.get(name), mismatch(
                received=f"usage.{name} {getattr(result.usage, name)!r}",
                documented=f"{usage.get(name)!r} (None when absent)",
                reproduce=reproduce,
            )
    else:
        assert result.usage is None
    assert (result.created, result.model, result.size) == (sent["created"], sent.get("model"), sent.get("size"))
    assert result.request_id == request_id


OPERATIONS = st.sampled_from(["createImage", "editImage"])
EVENT_ONLY = frozenset(document()["components"]["schemas"]["ImageGenerationCompletedEvent"]["properties"]) - frozenset(
    document()["components"]["schemas"]["ImagesResponse"]["properties"]
)
"""The terminal event's own fields: ``type`` and OpenAI's top-level ones."""


@SETTINGS
@given(operation=OPERATIONS, answer=images_bodies(), request_id=REQUEST_IDS)
def test_json_answers_parse_without_loss(
    operation: str,
    answer: WithImages,
    request_id: str | None,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    counts.record_example("wire -> facade: JSON ImagesResponse")
    _arm(deepshi_mock, operation, 200, JSON_TYPE, wire_json(answer.body), request_id)
    result = _ask(deepshi_client, mock_catalog, operation)
    check_result(result, answer.body, answer, request_id)


@st.composite
def event_streams(draw: st.DrawFn, terminal: Mapping[str, Any]) -> tuple[bytes, list[tuple[str, Any]]]:
    """A stream: keepalives and unknown events (returned, to check they are passed on), then ``terminal``."""
    chunks: list[bytes] = []
    unknown: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            chunks.append(b": keepalive\n\n")
            continue
        kind = draw(
            st.from_regex(r"image_generation\.[a-z_]{1,12}", fullmatch=True).filter(lambda k: k != terminal["type"])
        )
        payload = {"type": kind, "partial_image_index": draw(st.integers(0, 3))}
        chunks.append(f"event: {kind}\ndata: {json.dumps(payload)}\n\n".encode())
        unknown.append((kind, payload))
    text = json.dumps(terminal, indent=draw(st.sampled_from([None, 1])))
    named = f"event: {terminal['type']}\n" if draw(st.booleans()) else ""
    data = "".join(f"data: {line}\n" for line in text.split("\n"))  # a multi-line payload is several data: lines
    chunks.append(f"{named}{data}\n".encode())
    return b"".join(chunks), unknown


@SETTINGS
@given(operation=OPERATIONS, answer=images_bodies("ImageGenerationCompletedEvent"), data=st.data())
def test_streamed_answers_parse_without_loss(
    operation: str,
    answer: WithImages,
    data: st.DataObject,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    counts.record_example("wire -> facade: SSE image_generation.completed")
    wire, unknown = data.draw(event_streams(answer.body), label="stream")
    request_id = data.draw(REQUEST_IDS, label="request_id")
    _arm(deepshi_mock, operation, 200, SSE_TYPE, wire, request_id)
    with _ask(deepshi_client, mock_catalog, operation, stream=True) as stream:
        events = list(stream)
        result = stream.final_result()
    reproduce = f"serve the stream {wire[:300]!r}..."
    passed_on = [(e.type, e.data) for e in events if isinstance(e, UnknownStreamEvent)]
    assert passed_on == unknown, mismatch(
        received=f"unknown events {passed_on}", documented=f"{unknown}, passed on in order", reproduce=reproduce
    )
    completed = events[-1]
    assert isinstance(completed, ImageCompletedEvent), f"the stream did not end with its completed event: {events}"
    assert completed.raw.to_dict() == answer.body, mismatch(
        received=f"last event {completed!r}",
        documented="the image_generation.completed event, every field kept",
        reproduce=reproduce,
    )
    # OpenAI's top-level fields (decision 2) are the event's; the result is the ImagesResponse part.
    for name in EVENT_ONLY - {"type"}:
        assert getattr(completed, name) == answer.body.get(name), mismatch(
            received=f"event.{name} = {getattr(completed, name)!r}",
            documented=f"the event's {name} field, {answer.body.get(name)!r} (None when absent)",
            reproduce=reproduce,
        )
    check_result(result, {k: v for k, v in answer.body.items() if k not in EVENT_ONLY}, answer, request_id)


@SETTINGS
@given(catalog=bodies("ModelList"), request_id=REQUEST_IDS)
def test_model_catalogs_parse_without_loss(
    catalog: Any, request_id: str | None, deepshi_client: Deepshi, deepshi_mock: MockServer
) -> None:
    counts.record_example("wire -> facade: ModelList")
    sent = round_trip(catalog)
    _arm(deepshi_mock, "listModels", 200, JSON_TYPE, wire_json(catalog), request_id)
    parsed = deepshi_client.models.list()
    reproduce = f"serve {json.dumps(sent)[:400]}..."
    assert parsed.raw.to_dict() == sent, mismatch(
        received=f"raw.to_dict() = {json.dumps(parsed.raw.to_dict())[:400]}",
        documented="every model and field kept",
        reproduce=reproduce,
    )
    assert [model.raw.to_dict() for model in parsed] == sent["data"]
    assert view_document(parsed) == sent, mismatch(
        received=f"the views show {json.dumps(view_document(parsed))[:400]}",
        documented="every property of the catalog on the views' fields or in extra",
        reproduce=reproduce,
    )
    for model, raw in zip(parsed, sent["data"], strict=True):
        edit = raw.get("edit") if isinstance(raw.get("edit"), dict) else None
        assert model.id == raw["id"]
        assert model.max_images == (edit or {}).get("max_images")
        assert model.prompt_max_length == raw.get("prompt_max_length")
        assert set(model.accepted) == set(raw.get("parameters") or {})


@SETTINGS
@given(
    operation=OPERATIONS,
    status=st.sampled_from(sorted(ERROR_CLASSES)),
    body=bodies("ErrorResponse"),
    request_id=REQUEST_IDS,
)
def test_error_answers_raise_the_mapped_error(
    operation: str,
    status: int,
    body: Any,
    request_id: str | None,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    counts.record_example("wire -> facade: error answers")
    sent = round_trip(body)
    _arm(deepshi_mock, operation, status, JSON_TYPE, wire_json(body), request_id)
    with pytest.raises(APIStatusError) as raised:
        _ask(deepshi_client, mock_catalog, operation)
    error = raised.value
    detail = sent["error"]
    expected = (
        ERROR_CLASSES[status],
        status,
        sent,
        detail["type"],
        detail.get("code") if isinstance(detail.get("code"), str) else None,
        detail.get("param") if isinstance(detail.get("param"), str) else None,
        request_id,
    )
    received = (
        type(error),
        error.status_code,
        error.body,
        error.error_type,
        error.error_code,
        error.param,
        error.request_id,
    )
    assert received == expected, mismatch(
        received=f"(class, status, body, type, code, param, request id) = {received}",
        documented=f"{expected}",
        reproduce=f"answer {status} with {json.dumps(sent)[:300]}",
    )


@SETTINGS
@given(operation=OPERATIONS, event=bodies("ImageStreamErrorEvent"), data=st.data())
def test_stream_error_events_raise_stream_error(
    operation: str,
    event: Any,
    data: st.DataObject,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    counts.record_example("wire -> facade: SSE error events")
    sent = round_trip(event)
    wire, _ = data.draw(event_streams(sent), label="stream")
    _arm(deepshi_mock, operation, 200, SSE_TYPE, wire, None)
    with pytest.raises(StreamError) as raised, _ask(deepshi_client, mock_catalog, operation, stream=True) as stream:
        stream.final_result()
    detail = sent["error"]
    error = raised.value
    code = detail.get("code") if isinstance(detail.get("code"), str) else None
    param = detail.get("param") if isinstance(detail.get("param"), str) else None
    assert (error.error_type, error.error_code, error.param) == (detail["type"], code, param), mismatch(
        received=f"StreamError {error!r} (type, code, param) = {(error.error_type, error.error_code, error.param)}",
        documented=f"{(detail['type'], code, param)}",
        reproduce=f"serve the stream {wire[:300]!r}",
    )
    assert str(error) == detail["message"] or detail["message"] in str(error)


# --- answers the facade must refuse ---------------------------------------------------------------


def _completed_type(body: Any) -> Any:
    """A negative completed event keeps its ``type``, so it is judged as the terminal event."""
    return {**body, "type": "image_generation.completed"} if isinstance(body, dict) else body


def _raw(body: Any) -> bytes:
    return body if isinstance(body, bytes) else wire_json(body)


def _invalid(schema: str, body: Any) -> bool:
    if isinstance(body, bytes):
        return True
    return not component_validator(schema).is_valid(round_trip(body))


@SETTINGS
@given(operation=OPERATIONS, body=bodies("ImagesResponse", GenerationMode.NEGATIVE))
def test_schema_violating_json_answers_raise_validation_error(
    operation: str,
    body: Any,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    assume(_invalid("ImagesResponse", body))
    counts.record_example("wire -> facade: schema-violating JSON answers")
    _arm(deepshi_mock, operation, 200, JSON_TYPE, _raw(body), None)
    with pytest.raises(APIResponseValidationError):
        _ask(deepshi_client, mock_catalog, operation)


@SETTINGS
@given(operation=OPERATIONS, body=bodies("ImageGenerationCompletedEvent", GenerationMode.NEGATIVE).map(_completed_type))
def test_schema_violating_stream_events_raise_validation_error(
    operation: str,
    body: Any,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    assume(_invalid("ImageGenerationCompletedEvent", body))
    counts.record_example("wire -> facade: schema-violating stream events")
    data = body.decode("latin-1") if isinstance(body, bytes) else json.dumps(body)
    wire = f"event: image_generation.completed\ndata: {data}\n\n".encode()
    _arm(deepshi_mock, operation, 200, SSE_TYPE, wire, None)
    with (
        pytest.raises(APIResponseValidationError),
        _ask(deepshi_client, mock_catalog, operation, stream=True) as stream,
    ):
        stream.final_result()


BROKEN_ANSWERS: dict[str, tuple[str, bytes]] = {
    "not JSON": (JSON_TYPE, b"<html>502 Bad Gateway</html>"),
    "truncated JSON": (JSON_TYPE, b'{"created": 1, "data": [{"b64_json": "iVBO'),
    "an HTML content type": ("text/html", wire_json({"created": 1, "data": []})),
    "an image that is not base64": (JSON_TYPE, wire_json({"created": 1, "data": [{"b64_json": "%%% not base64 %%%"}]})),
    "a url that is not a data: URL": (
        JSON_TYPE,
        wire_json({"created": 1, "data": [{"url": "https://example.invalid/a.png"}]}),
    ),
    "an item without its image": (JSON_TYPE, wire_json({"created": 1, "data": [{"index": 0, "revised_prompt": "p"}]})),
    "a JSON array": (JSON_TYPE, b"[]"),
}


@pytest.mark.parametrize("operation", ["createImage", "editImage"])
@pytest.mark.parametrize("name", sorted(BROKEN_ANSWERS))
def test_broken_answers_raise_validation_error(
    name: str,
    operation: str,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
) -> None:
    content_type, body = BROKEN_ANSWERS[name]
    _arm(deepshi_mock, operation, 200, content_type, body, None)
    with pytest.raises(APIResponseValidationError):
        _ask(deepshi_client, mock_catalog, operation)
