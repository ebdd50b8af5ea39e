"""Server-Sent Events of an image stream, parsed into typed events with the generated event models.

The SSE framing itself is parsed by ``httpx-sse`` (keepalive comments never reach this module).
Each event's ``data`` is JSON discriminated by ``type`` (spec decision 2):
``image_generation.completed`` becomes an :class:`ImageCompletedEvent` carrying the result,
``error`` raises :class:`StreamError`, and any other type is passed on as an
:class:`UnknownStreamEvent` (clients must tolerate event types they do not know).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeAlias

import httpx
from httpx_sse import ServerSentEvent

from deepshi_openapi.models import ImageGenerationCompletedEvent, ImagesResponse, ImageStreamErrorEvent

from . import _spec
from ._errors import APIResponseValidationError, StreamError, decode_json
from ._redact import redact_json
from ._results import ImagesResult, images_result

__all__ = ["COMPLETED", "ImageCompletedEvent", "StreamEvent", "UnknownStreamEvent", "parse_event"]

COMPLETED: Final = "image_generation.completed"


@dataclass(frozen=True)
class ImageCompletedEvent:
    """The terminal success event: the final images, usage and cost."""

    result: ImagesResult
    raw: ImageGenerationCompletedEvent = field(repr=False, compare=False)
    type: Literal["image_generation.completed"] = COMPLETED


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
    document = raw.to_dict()
    document.pop("type")
    images = ImagesResponse.from_dict(document)
    return ImageCompletedEvent(result=images_result(images, response), raw=raw)


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
