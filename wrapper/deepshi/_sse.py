"""Server-Sent Events of an image stream, parsed into typed events with the generated event models.

The SSE framing itself is parsed by ``httpx-sse`` (keepalive comments never reach this module).
Each event's ``data`` is JSON discriminated by ``type`` (spec decision 2):
``image_generation.completed`` becomes an :class:`ImageCompletedEvent` carrying the result,
``error`` raises :class:`StreamError`, and any other type is passed on as an
:class:`UnknownStreamEvent` (clients must tolerate event types they do not know).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeAlias, TypeVar

import httpx
from httpx_sse import ServerSentEvent

from deepshi_openapi.models import ImageGenerationCompletedEvent, ImagesResponse, ImageStreamErrorEvent
from deepshi_openapi.types import Unset

from . import _spec
from ._errors import APIResponseValidationError, StreamError, decode_json
from ._redact import redact_json
from ._results import ImagesResult, images_result

__all__ = ["COMPLETED", "ImageCompletedEvent", "StreamEvent", "UnknownStreamEvent", "parse_event"]

COMPLETED: Final = "image_generation.completed"
_T = TypeVar("_T")


@dataclass(frozen=True)
class ImageCompletedEvent:
    """The terminal success event: the final images, usage and cost.

    ``result`` is what the same request without ``stream`` returns. The event's other top-level
    fields, the ones OpenAI's completed image stream events carry (spec decision 2), are exposed
    as they came (``None`` when absent); ``b64_json`` is the first image, the same bytes as
    ``result.images[0]``.
    """

    result: ImagesResult
    raw: ImageGenerationCompletedEvent = field(repr=False, compare=False)
    type: Literal["image_generation.completed"] = COMPLETED
    b64_json: str | None = field(default=None, repr=False)
    created_at: int | None = None
    output_format: str | None = None
    quality: str | None = None
    background: str | None = None


@dataclass(frozen=True)
class UnknownStreamEvent:
    """An event type this version does not know (e.g. future partial images); safe to ignore."""

    type: str
    """The payload's ``type`` (or the SSE ``event`` name when the payload has none)."""
    data: Any
    """The decoded JSON payload, or the raw text when it was not JSON."""


StreamEvent: TypeAlias = ImageCompletedEvent | UnknownStreamEvent


def _decode(data: str) -> Any:
    return decode_json(data)[1]


def _stream_error(payload: Any, response: httpx.Response, redact: Callable[[str], str]) -> StreamError:
    try:
        event = ImageStreamErrorEvent.from_dict(payload)
    except (KeyError, TypeError, ValueError):
        return StreamError("The stream reported an error without a readable error object.", response=response)
    detail = event.error
    return StreamError(
        redact(detail.message),
        error_type=detail.type_,
        error_code=detail.code if isinstance(detail.code, str) else None,
        param=detail.param if isinstance(detail.param, str) else None,
        response=response,
    )


def _completed(payload: Any, response: httpx.Response, redact: Callable[[str], str]) -> ImageCompletedEvent:
    def invalid(reason: str) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"The stream's {COMPLETED} event does not match the spec: {redact(reason)[:500]}", response=response
        )

    try:
        raw = ImageGenerationCompletedEvent.from_dict(payload)
    except (KeyError, TypeError, ValueError) as exc:
        raise invalid(f"{type(exc).__name__}: {exc}") from exc
    # The payload as received, not ``raw.to_dict()`` (the generated parsers are lenient).
    problems = [error.message for error in _spec.validator("ImageGenerationCompletedEvent").iter_errors(payload)]
    if problems:
        raise invalid("; ".join(problems[:3]))
    document = {key: value for key, value in raw.to_dict().items() if key not in _event_only_fields()}
    images = ImagesResponse.from_dict(document)
    return ImageCompletedEvent(
        result=images_result(images, response),
        raw=raw,
        b64_json=_present(raw.b64_json),
        created_at=_present(raw.created_at),
        output_format=_present(raw.output_format),
        quality=_present(raw.quality),
        background=_present(raw.background),
    )


@functools.cache
def _event_only_fields() -> frozenset[str]:
    """The terminal event's declared fields that ``ImagesResponse`` does not have (``type``, OpenAI's)."""
    event = _spec.component("ImageGenerationCompletedEvent")["properties"]
    return frozenset(event) - frozenset(_spec.component("ImagesResponse")["properties"])


def _present(value: _T | Unset) -> _T | None:
    return None if isinstance(value, Unset) else value


def parse_event(sse: ServerSentEvent, response: httpx.Response, redact: Callable[[str], str]) -> StreamEvent:
    """The typed event for one SSE event; raises :class:`StreamError` for an ``error`` event."""
    payload = _decode(sse.data)
    declared = payload.get("type") if isinstance(payload, dict) else None
    kind = declared if isinstance(declared, str) else sse.event
    if kind == "error":
        raise _stream_error(payload, response, redact)
    if kind == COMPLETED:
        if not isinstance(payload, dict):
            raise APIResponseValidationError(
                f"The stream's {COMPLETED} event data is not a JSON object.", response=response
            )
        return _completed(payload, response, redact)
    data = redact_json(payload, redact) if payload is not None else redact(sse.data)
    return UnknownStreamEvent(type=redact(kind), data=data)
