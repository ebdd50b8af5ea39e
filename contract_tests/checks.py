"""Project checks schemathesis runs on every response, beside its own (registered on import).

The spec says some things in prose that JSON Schema cannot express; these checks hold the server
to them. A check is a plain function ``(ctx, response, case)`` decorated with
``@schemathesis.check``: return ``None`` when it does not apply, raise ``AssertionError`` with a
"Received / Documented" message when the response breaks the contract.

* :func:`event_stream_shape`: spec decision 2: a stream is keepalive comments, then exactly one
  terminal event (``image_generation.completed`` or ``error``), then the end; the ``event:`` name
  equals the payload's ``type``. (Each event's payload schema is checked by schemathesis itself,
  through the ``contentSchema`` of the ``text/event-stream`` response.)
* :func:`images_match_claimed_size`: every returned image (``b64_json`` or a ``data:`` URL)
  decodes to a PNG, JPEG or WebP whose pixel size is the ``size`` the answer claims.
* :func:`image_where_response_format_says`: spec decision 8: every image is in the ``ImageData``
  property the request's ``response_format`` value names in ``x-deepshi-image-property``, encoded
  as it says (``base64`` or a ``data:`` URI).

Where the images go is read from the shipped spec (:func:`image_properties`), never restated.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import httpx
import schemathesis
from httpx_sse import EventSource, ServerSentEvent

from .images import pixel_size, sniffed_type
from .spec import operations, resolve

IMAGE_PROPERTY = "x-deepshi-image-property"

TERMINAL_EVENTS = ("image_generation.completed", "error")
IMAGE_OPERATIONS = ("POST /v1/images/edits", "POST /v1/images/generations")


def _media_type(response: schemathesis.Response) -> str:
    values = response.headers.get("content-type") or [""]
    return values[0].partition(";")[0].strip().lower()


def parse_events(content: bytes) -> list[ServerSentEvent]:
    """The events of a complete event stream (comments dropped), parsed by ``httpx-sse``."""
    stream = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=content)
    return list(EventSource(stream).iter_sse())


def _fail(received: str, documented: str) -> AssertionError:
    return AssertionError(f"Received: {received}\nDocumented: {documented}")


@schemathesis.check
def event_stream_shape(ctx: Any, response: schemathesis.Response, case: schemathesis.Case[Any]) -> bool | None:  # noqa: ARG001 (check signature)
    """Spec decision 2: comments, then exactly one terminal event, then the end."""
    if _media_type(response) != "text/event-stream" or response.status_code != 200:
        return None
    documented = (
        "keepalive comments, then exactly one terminal event (image_generation.completed or error) whose "
        "`event:` name equals its payload's `type`, then the end of the stream (spec decision 2)"
    )
    events = parse_events(response.content)
    if len(events) != 1:
        names = [event.event for event in events]
        raise _fail(f"{len(events)} events {names}", documented)
    event = events[0]
    try:
        payload = json.loads(event.data)
    except ValueError:
        raise _fail(f"event data that is not JSON: {event.data[:120]!r}", documented) from None
    kind = payload.get("type") if isinstance(payload, dict) else None
    if kind not in TERMINAL_EVENTS or event.event != kind:
        raise _fail(f"event name {event.event!r} with payload type {kind!r}", documented)
    return True


@dataclass(frozen=True)
class ImageProperties:
    """Spec decision 8: the request field choosing where images go, and each value's property and encoding."""

    field: str
    default: Any
    by_value: Mapping[str, tuple[str, str]]
    """``response_format`` value -> (``ImageData`` property, encoding)."""

    @property
    def encodings(self) -> dict[str, str]:
        return dict(self.by_value.values())


@functools.cache
def image_properties() -> ImageProperties:
    """Read from the shipped spec: the request property whose schema has ``x-deepshi-image-property``."""
    for op in operations():
        body = resolve(op.raw.get("requestBody", {}))
        for media in body.get("content", {}).values():
            for name, prop in resolve(media.get("schema", {})).get("properties", {}).items():
                schema = resolve(prop)
                if IMAGE_PROPERTY in schema:
                    by_value = {v: (e["property"], e["encoding"]) for v, e in schema[IMAGE_PROPERTY].items()}
                    return ImageProperties(name, schema.get("default"), by_value)
    raise AssertionError(f"no request property of the shipped spec has {IMAGE_PROPERTY} (spec decision 8)")


def _payload(value: Any, encoding: str) -> str | None:
    """The base64 payload of an image property's value in ``encoding`` (None if it is not one)."""
    if not isinstance(value, str):
        return None
    if encoding == "data-uri":
        header, comma, payload = value.partition(",")
        return payload if comma and header.startswith("data:") and header.endswith(";base64") else None
    return value


def _decode_image(item: dict[str, Any]) -> bytes | None:
    for name, encoding in image_properties().encodings.items():
        payload = _payload(item.get(name), encoding)
        if payload is not None:
            return base64.b64decode(payload, validate=True)
    return None


def _answered_images(response: schemathesis.Response) -> dict[str, Any] | None:
    media_type = _media_type(response)
    if media_type == "application/json":
        body = response.json()
        return body if isinstance(body, dict) else None
    if media_type == "text/event-stream":
        events = parse_events(response.content)
        payload = json.loads(events[-1].data) if events else None
        if isinstance(payload, dict) and payload.get("type") == "image_generation.completed":
            return payload
    return None


@schemathesis.check
def images_match_claimed_size(ctx: Any, response: schemathesis.Response, case: schemathesis.Case[Any]) -> bool | None:  # noqa: ARG001 (check signature)
    """Every returned image decodes to a PNG, JPEG or WebP of the ``size`` the answer claims."""
    if response.status_code != 200 or case.operation.label not in IMAGE_OPERATIONS:
        return None
    try:
        body = _answered_images(response)
    except ValueError:
        return None  # not JSON: response_schema_conformance reports it
    if body is None or not isinstance(body.get("data"), list):
        return None
    claimed = body.get("size")
    for position, item in enumerate(body["data"]):
        if not isinstance(item, dict):
            continue
        try:
            data = _decode_image(item)
        except binascii.Error as exc:
            raise _fail(f"data[{position}] is not valid base64 ({exc})", "a base64-encoded image") from None
        if data is None:
            raise _fail(f"data[{position}] carries neither b64_json nor a base64 data: url", "the image")
        media_type = sniffed_type(data)
        if media_type is None:
            raise _fail(f"data[{position}] decodes to {data[:16]!r}...", "a PNG, JPEG or WebP image")
        width, height = pixel_size(data, decode=False)
        if isinstance(claimed, str) and claimed != f"{width}x{height}":
            raise _fail(
                f"data[{position}] is a {width}x{height} {media_type}",
                f"`size` {claimed!r}: the actual output dimensions, as WIDTHxHEIGHT",
            )
    return True


def _requested_format(case: schemathesis.Case[Any]) -> Any:
    """The request's ``response_format`` value (its schema default when the request omits it)."""
    properties = image_properties()
    body: Any = case.body
    form = getattr(body, "body", None)  # a multipart body may arrive wrapped with its part types
    if isinstance(form, Mapping):
        body = form
    value = body.get(properties.field, properties.default) if isinstance(body, Mapping) else properties.default
    return value.decode() if isinstance(value, bytes) else value


@schemathesis.check
def image_where_response_format_says(
    ctx: Any,  # noqa: ARG001 (check signature)
    response: schemathesis.Response,
    case: schemathesis.Case[Any],
) -> bool | None:
    """Spec decision 8: each image in the property its ``response_format`` value names, encoded as it says."""
    if response.status_code != 200 or case.operation.label not in IMAGE_OPERATIONS:
        return None
    properties = image_properties()
    value = _requested_format(case)
    if not isinstance(value, str) or value not in properties.by_value:
        return None  # not a value of the enum: the request was invalid, and other checks judge the answer
    try:
        body = _answered_images(response)
    except ValueError:
        return None
    if body is None or not isinstance(body.get("data"), list):
        return None
    wanted, encoding = properties.by_value[value]
    documented = (
        f"with {properties.field}={value!r}, every image in `{wanted}`, as {encoding} ({IMAGE_PROPERTY}, "
        "spec decision 8)"
    )
    for position, item in enumerate(body["data"]):
        if not isinstance(item, dict):
            continue
        if wanted not in item:
            carried = sorted(name for name in properties.encodings if name in item)
            raise _fail(f"data[{position}] carries its image in {carried or 'no image property'}", documented)
        if _payload(item[wanted], encoding) is None:
            raise _fail(f"data[{position}].{wanted} = {str(item[wanted])[:60]!r}...", documented)
    return True


PROJECT_CHECKS: list[schemathesis.CheckFunction] = [
    event_stream_shape,
    images_match_claimed_size,
    image_where_response_format_says,
]
"""Pass as ``additional_checks``: schemathesis' pytest API runs only its built-in checks by default."""


def run_project_checks(response: schemathesis.Response, case: schemathesis.Case[Any]) -> None:
    """Run the project's checks on one response outside a schemathesis run (they ignore the context).

    For answers the suite obtained itself (the facade's, a served template), where
    ``case.validate_response`` would also run checks that re-send the request.
    """
    for check in PROJECT_CHECKS:
        check(cast(Any, None), response, case)
