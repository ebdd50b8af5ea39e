"""The only module that reads the generated ``Response`` objects: it returns the parsed body or raises.

A generated operation either returns ``Response[ErrorResponse | T]`` or raises while sending
(httpx errors) or while parsing (``KeyError``/``TypeError``/``ValueError`` from ``json`` or a
``from_dict``). :func:`call` and :func:`acall` translate those exceptions where they enter;
:func:`unwrap` turns a response into ``(T, headers)`` or raises the facade error for its status.
A 2xx body must have a JSON content type and must validate against the spec's schema (the
generated parsers only notice missing keys), else :class:`APIResponseValidationError`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Generic, NamedTuple, TypeVar

import httpx

from deepshi_openapi.types import Response

from . import _spec
from ._errors import APIResponseValidationError, APIStatusError, make_status_error, translate_transport_error
from ._hooks import CallState

__all__ = ["Answer", "acall", "call", "unwrap"]

_T = TypeVar("_T")

_PARSE_ERRORS = (KeyError, TypeError, ValueError)  # json.JSONDecodeError is a ValueError


class Answer(NamedTuple, Generic[_T]):
    """A successful answer: the parsed body, the response headers and the status."""

    parsed: _T
    headers: httpx.Headers
    status_code: int


def _unparsable(exc: Exception, state: CallState, redact: Callable[[str], str]) -> Exception | None:
    """The facade error for an answer the generated parser choked on (``None``: not a parse failure)."""
    raw = state.last_response
    if raw is None:  # nothing was received, so the failure happened before sending: not ours to map
        return None
    if not raw.is_success:
        return make_status_error(raw.status_code, raw.headers, raw.content, redact=redact)
    return APIResponseValidationError(
        f"The API answered {raw.status_code} with a body that does not match the spec ({type(exc).__name__}: "
        f"{redact(str(exc))[:200]}).",
        status_code=raw.status_code,
        headers=raw.headers,
    )


_CALL_FAILURES = (httpx.RequestError, *_PARSE_ERRORS)


def _translated(exc: Exception, state: CallState, redact: Callable[[str], str]) -> Exception | None:
    """The facade error for what a generated operation raised (``None``: not ours to map)."""
    if isinstance(exc, httpx.RequestError):
        return translate_transport_error(exc)
    return _unparsable(exc, state, redact)


def call(operation: Callable[[], Response[Any]], state: CallState, redact: Callable[[str], str]) -> Response[Any]:
    """Run a generated ``sync_detailed`` operation, translating transport and parse failures."""
    try:
        return operation()
    except _CALL_FAILURES as exc:
        error = _translated(exc, state, redact)
        if error is None:
            raise
        raise error from exc


async def acall(
    operation: Callable[[], Awaitable[Response[Any]]], state: CallState, redact: Callable[[str], str]
) -> Response[Any]:
    """The async twin of :func:`call`, for ``asyncio_detailed`` operations."""
    try:
        return await operation()
    except _CALL_FAILURES as exc:
        error = _translated(exc, state, redact)
        if error is None:
            raise
        raise error from exc


def _is_json(content_type: str) -> bool:
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def unwrap(response: Response[Any], expected: type[_T], schema: str, redact: Callable[[str], str]) -> Answer[_T]:
    """The :class:`Answer` of a 2xx response that matches ``schema``; otherwise raise the mapped error.

    The annotation is ``Response[Any]``: the generated ``Response`` is an invariant generic, and each
    operation has its own union of parsed types.
    """
    status = int(response.status_code)
    headers = httpx.Headers(response.headers)
    if not 200 <= status < 300:
        error: APIStatusError = make_status_error(status, headers, response.content, redact=redact)
        raise error
    content_type = headers.get("content-type", "")
    if not _is_json(content_type):
        raise APIResponseValidationError(
            f"The API answered {status} with content type {content_type!r}; expected application/json.",
            status_code=status,
            headers=headers,
        )
    parsed = response.parsed
    if not isinstance(parsed, expected):
        raise APIResponseValidationError(
            f"The API answered {status}, which the spec does not declare for this operation.",
            status_code=status,
            headers=headers,
        )
    # The raw JSON is validated, not ``parsed.to_dict()``: the generated parsers take whatever
    # ``dict()`` and iteration take, so ``"data": ""`` parses as no images and ``"usage": []`` as
    # an empty usage; only the document as received shows that it breaks the schema.
    problems = [error.message for error in _spec.validator(schema).iter_errors(json.loads(response.content))]
    if problems:
        raise APIResponseValidationError(
            f"The API's answer does not match the {schema} schema: " + redact("; ".join(problems[:3])[:500]),
            status_code=status,
            headers=headers,
        )
    return Answer(parsed, headers, status)
