"""Contract 4, recordings <-> spec: every shipped cassette is an answer the spec documents.

For each interaction of the cassettes shipped in ``deepshi.mock`` (read by ``cassette_reader.py``,
not by the mock's own loader):

* its status is documented for every operation it answers, with its content type;
* each documented header it sets matches its schema;
* its body validates against the response schema; for a stream, each event validates as the
  ``text/event-stream`` envelope and its ``data`` as ``ImageStreamEvent``, and the stream has the
  documented shape (comments, then exactly one terminal event named as its ``type``);
* every image it references is a real PNG/JPEG/WebP, and decodes to the ``size`` the answer
  claims. Template answers are rendered by the mock at the size each request asks for, so those
  are checked as served: the mock answers a request matching the template, and that answer must
  pass schemathesis' checks and the project's (including the size check).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
import schemathesis
from openapi_schema_validator import OAS31Validator

from deepshi.mock import MockServer

from .cassette_reader import Recording, read
from .checks import parse_events, run_project_checks
from .failures import mismatch
from .images import pixel_size, render, sniffed_type
from .spec import component_validator, operation, resolve, schema_pointer, spec_path, validator

RECORDINGS = list(read())
IDS = [recording.where for recording in RECORDINGS]
PNG = render("image/png", 4, 4, seed=5, noise=0).data


def _errors(pointer: str, instance: Any) -> list[str]:
    found = sorted(validator(pointer).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


@pytest.mark.parametrize("recording", RECORDINGS, ids=IDS)
def test_recording_is_a_documented_answer(recording: Recording) -> None:
    for operation_id in recording.operations:
        op = operation(operation_id)
        response = op.response(recording.status)
        where = f"{recording.where}, as an answer to {operation_id}"
        assert response is not None, mismatch(
            received=f"status {recording.status} ({where})", documented=f"statuses {op.declared_statuses()}"
        )
        media_types = list(response.get("content", {}))
        assert recording.content_type in media_types, mismatch(
            received=f"content type {recording.content_type} ({where})", documented=f"{media_types}"
        )
        for name, header in response.get("headers", {}).items():
            if name.lower() in recording.headers:
                schema = resolve(header).get("schema", {})
                problems = [e.message for e in OAS31Validator(schema).iter_errors(recording.headers[name.lower()])]
                assert not problems, mismatch(received=f"header {name}: {problems} ({where})", documented=f"{schema}")
        pointer = schema_pointer(operation_id, recording.status, recording.content_type)
        assert pointer is not None
        if recording.stream is not None:
            _check_stream(recording, pointer, where)
        else:
            body = recording.body if recording.raw_body is None else json.loads(recording.raw_body)
            problems = _errors(pointer, body)
            assert not problems, mismatch(received=f"body {problems} ({where})", documented=f"the schema at {pointer}")


def _check_stream(recording: Recording, pointer: str, where: str) -> None:
    assert recording.stream is not None
    events = [item for item in recording.stream if "data" in item]
    shaped = (
        bool(events) and all("data" not in item for item in recording.stream[:-1]) and "data" in recording.stream[-1]
    )
    assert shaped, mismatch(
        received=f"stream items {[sorted(item) for item in recording.stream]} ({where})",
        documented="comments, then exactly one terminal event (spec decision 2)",
    )
    for item in events:
        data = item["data"] if isinstance(item["data"], str) else json.dumps(item["data"])
        envelope = {"data": data, **({"event": item["event"]} if "event" in item else {})}
        problems = _errors(pointer, envelope) + [
            f"data {p}" for p in _errors("/components/schemas/ImageStreamEvent", json.loads(data))
        ]
        assert not problems, mismatch(received=f"event {problems} ({where})", documented="ImageStreamEvent")
        payload = json.loads(data)
        assert item.get("event", payload["type"]) == payload["type"], mismatch(
            received=f"event {item.get('event')!r} carrying type {payload['type']!r} ({where})",
            documented="the event name is the payload's type",
        )


@pytest.mark.parametrize("recording", RECORDINGS, ids=IDS)
def test_recorded_images_decode_to_their_claimed_size(recording: Recording) -> None:
    for use in recording.images:
        data = use.path.read_bytes()
        kind = sniffed_type(data)
        assert kind is not None, mismatch(
            received=f"{use.path.name} starts with {data[:12]!r} ({recording.where})", documented="a PNG, JPEG or WebP"
        )
        width, height = pixel_size(data)
        claimed = use.owner.get("size")
        if recording.template or not isinstance(claimed, str):
            continue  # a template's images are sources, rendered at the requested size (next test)
        assert claimed == f"{width}x{height}", mismatch(
            received=f"{use.path.name} is a {width}x{height} {kind} ({recording.where})",
            documented=f"`size` {claimed!r}, the actual output dimensions",
        )


TEMPLATES = [r for r in RECORDINGS if r.template]
_schema = schemathesis.openapi.from_path(str(spec_path()))


def _request_for(recording: Recording, operation_id: str) -> dict[str, Any]:
    """httpx arguments for a request the template ``recording`` matches."""
    fields = {k: (v[0] if isinstance(v, list) else v) for k, v in recording.match.items() if k != "image_count"}
    fields.setdefault("prompt", "a contract test")
    if operation_id == "createImage":
        return {"json": fields}
    images = [("image[]", (f"{i}.png", PNG, "image/png")) for i in range(int(recording.match.get("image_count", 1)))]
    text = [(k, (None, json.dumps(v) if isinstance(v, bool) else str(v))) for k, v in fields.items()]
    return {"files": [*text, *images]}


@pytest.mark.parametrize(
    ("recording", "operation_id"),
    [(r, op) for r in TEMPLATES for op in r.operations],
    ids=[f"{r.where} {op}" for r in TEMPLATES for op in r.operations],
)
def test_templates_are_served_as_documented_answers(
    recording: Recording, operation_id: str, deepshi_mock: MockServer
) -> None:
    op = operation(operation_id)
    response = httpx.post(
        deepshi_mock.url + op.path,
        headers={"Authorization": f"Bearer {deepshi_mock.api_key}"},
        timeout=30,
        **_request_for(recording, operation_id),
    )
    served_by = response.headers.get("x-deepshi-mock-interaction", "")
    assert served_by.startswith(recording.where.split(" ", 1)[0]), mismatch(
        received=f"{response.status_code}, served by {served_by!r}",
        documented=f"the template {recording.where}",
        reproduce=f"POST {op.path} {_request_for(recording, operation_id)}",
    )
    response.request.read()
    st_operation = _schema[op.path][op.method]
    case = st_operation.Case(media_type=op.request_media_types()[0])
    st_operation.validate_response(response)
    run_project_checks(schemathesis.Response.from_any(response), case)
    _served_sizes_match(response)


def _served_sizes_match(response: httpx.Response) -> None:
    """Belt and braces beside the check: decode (fully) every served image."""
    body: Mapping[str, Any]
    if response.headers.get("content-type", "").startswith("text/event-stream"):
        body = json.loads(parse_events(response.content)[-1].data)
    else:
        body = response.json()
    for item in body["data"]:
        encoded = item.get("b64_json") or item["url"].partition(",")[2]
        width, height = pixel_size(base64.b64decode(encoded))
        assert body["size"] == f"{width}x{height}"
    assert component_validator("ImagesResponse").is_valid({k: v for k, v in body.items() if k != "type"})
