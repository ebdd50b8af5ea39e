"""From keyword arguments to a checked :class:`Plan`, and from a plan to the generated operation's request.

A plan is built once per call (spec check, image preparation); the request is built again for each
attempt by the generated operation's ``build_request``, because each attempt opens the input files
afresh. :class:`CallOptions` are the per-call settings (``extra_headers``, ``timeout``, ...).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import httpx

from deepshi_openapi import AuthenticatedClient
from deepshi_openapi.types import UNSET, File, RequestOptions, Unset

from ._errors import InvalidRequestError
from ._files import PreparedImage, as_input_list, prepare_images
from ._preflight import Kind, check_extra_body, check_spec
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = ["CallOptions", "Operation", "Plan", "flag", "form_value", "given", "plan_request", "with_extra"]

_B = TypeVar("_B")
_V = TypeVar("_V")


class _AdditionalProperties(Protocol):
    def __setitem__(self, key: str, value: Any) -> None: ...


_M = TypeVar("_M", bound=_AdditionalProperties)


@dataclass(frozen=True)
class CallOptions:
    """The per-call settings every method takes besides the request's own fields."""

    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, str | int | float | bool] | None = None
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    validate: bool | NotGiven = NOT_GIVEN
    total_timeout: float | NotGiven | None = NOT_GIVEN

    def __post_init__(self) -> None:
        _check_text_map("extra_headers", self.extra_headers, header=True)
        _check_text_map("extra_query", self.extra_query, header=False)


def _check_text_map(param: str, value: object, *, header: bool) -> None:
    """Refuse what httpx would fail on only while sending (or send as something else)."""
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise InvalidRequestError(f"{param}: expected a mapping, got {type(value).__name__}.", param=param)
    for key, item in value.items():
        allowed = (str,) if header else (str, int, float, bool)
        if not isinstance(key, str) or not key or not isinstance(item, allowed):
            raise InvalidRequestError(
                f"{param}: expected non-empty str keys and {'str' if header else 'str, int, float or bool'} values; "
                f"got {key!r}: {type(item).__name__}.",
                param=param,
            )
        if header and any(char in key + str(item) for char in "\r\n\0"):
            raise InvalidRequestError(
                f"{param}[{key!r}]: header names and values cannot hold CR, LF or NUL.", param=param
            )
        if header and not (key + str(item)).isascii():
            raise InvalidRequestError(
                f"{param}[{key!r}]: header names and values must be ASCII (HTTP sends them as bytes).", param=param
            )
        if not header:
            _check_sendable(f"{param}[{key!r}]", param, {key: item})


@dataclass(frozen=True)
class Operation(Generic[_B]):
    """What the core needs to know of one image operation (rendered from the spec in ``resources/``)."""

    kind: Kind
    """``edit`` when the operation takes input images, else ``generate``."""
    describe: str
    """``POST /v1/images/edits``-style text for logs."""
    schema: str
    """The request body's schema name in ``components.schemas``."""
    files_field: str | None
    """The body field that carries the input images (``image[]``), if any."""
    files_param: str | None
    """The Python argument that takes them (``image``)."""
    file_aliases: tuple[str, ...]
    """Other wire names the server accepts for the same files (``x-deepshi-field-aliases``)."""
    multipart: bool
    build_request: Callable[[AuthenticatedClient, _B, str, RequestOptions], httpx.Request]
    """The generated operation's ``build_request`` (client, body, idempotency key, options)."""
    parse_document: Callable[..., object]
    """The generated operation's ``parse_document``."""


@dataclass(frozen=True)
class Plan(Generic[_B]):
    """One checked request: what to send, before any file is opened."""

    operation: Operation[_B]
    fields: dict[str, Any]
    """The named arguments that were given (``model``, ``prompt``, ``n``, ...), as Python values."""
    extra: dict[str, Any]
    """``extra_body``: fields the spec does not name, forwarded to the model."""
    images: list[PreparedImage]
    """The input images of an edit (empty for a generation)."""
    body: Callable[[list[File]], _B]
    """The generated body model for one attempt, from the files opened for it."""

    @property
    def kind(self) -> Kind:
        return self.operation.kind

    @property
    def model(self) -> str:
        return str(self.fields["model"])

    @property
    def stream(self) -> bool:
        return self.fields.get("stream") is True

    @property
    def all_fields(self) -> dict[str, Any]:
        """``extra`` and ``fields`` merged: the JSON-level view of the body."""
        return {**self.extra, **self.fields}

    @property
    def image_count(self) -> int | None:
        return len(self.images) if self.operation.files_field is not None else None

    def describe(self) -> str:
        return self.operation.describe

    def build_request(
        self, files: list[File], client: AuthenticatedClient, idempotency_key: str, options: RequestOptions
    ) -> httpx.Request:
        """The generated operation's request for one attempt (nothing is sent)."""
        return self.operation.build_request(client, self.body(files), idempotency_key, options)


def _check_sendable(label: str, param: str, value: Any) -> None:
    """Refuse what the request encoder would fail on while sending: the checks httpx runs, run first.

    A request body is JSON (``allow_nan=False``) or multipart text, both UTF-8: so no NaN or
    infinity, no lone surrogate (in a value or an object key), nothing ``json`` cannot serialize,
    and no nesting deep enough to exhaust the recursion limit.
    """
    try:
        json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else ""
        raise InvalidRequestError(
            f"{label}: holds a lone surrogate ({char!r}), which is not valid Unicode and cannot be sent as UTF-8.",
            param=param,
        ) from exc
    except ValueError as exc:
        reason = "NaN and infinity are not valid JSON" if "float" in str(exc) else str(exc)
        raise InvalidRequestError(f"{label}: {reason}.", param=param) from exc
    except TypeError as exc:
        raise InvalidRequestError(f"{label}: not JSON-serializable ({exc}).", param=param) from exc
    except RecursionError as exc:
        raise InvalidRequestError(f"{label}: nested too deeply to be sent.", param=param) from exc


def _check_json(extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        _check_sendable(f"extra_body[{key!r}]", "extra_body", {key: value})


def plan_request(
    operation: Operation[_B],
    *,
    fields: Mapping[str, Any],
    images: object = None,
    extra_body: Mapping[str, Any] | None,
    body: Callable[[list[File], Mapping[str, Any]], _B],
) -> Plan[_B]:
    """Check the arguments against the spec (and prepare the images) without sending anything.

    ``fields`` are the named arguments (``NOT_GIVEN`` ones are dropped; ``stream=False``, the
    API's default, is not sent); ``body(files, extra)`` builds the generated body model.
    """
    if extra_body is not None and not isinstance(extra_body, Mapping):
        raise InvalidRequestError(
            f"extra_body: expected a mapping, got {type(extra_body).__name__}.", param="extra_body"
        )
    extra = dict(extra_body or {})
    check_extra_body(operation, extra)
    _check_json(extra)
    given = {name: value for name, value in fields.items() if not isinstance(value, NotGiven)}
    if given.get("stream") is False:
        del given["stream"]
    takes_files = operation.files_field is not None
    inputs, single = as_input_list(images) if takes_files else ([], True)
    check_spec(operation, {**extra, **given}, len(inputs) if takes_files else None)
    for name, value in given.items():
        _check_sendable(name, name, value)
    prepared = prepare_images(inputs, single) if takes_files else []
    return Plan(operation=operation, fields=given, extra=extra, images=prepared, body=lambda files: body(files, extra))


def given(value: _V | NotGiven) -> _V | Unset:
    """A named argument as the generated model takes it: ``NOT_GIVEN`` becomes ``UNSET`` (not sent)."""
    return UNSET if isinstance(value, NotGiven) else value


def flag(value: bool) -> bool | Unset:
    """A boolean argument whose ``False`` is the API's default: sent only when ``True``."""
    return True if value else UNSET


def form_value(value: Any) -> str:
    """How an ``extra_body`` value is written as a multipart text field (as the OpenAI SDK does)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict | list | tuple):
        return json.dumps(value)
    return str(value)


def with_extra(body: _M, extra: Mapping[str, Any], *, multipart: bool) -> _M:
    """``body`` with the ``extra_body`` fields added as additional properties (as text in multipart)."""
    for key, value in extra.items():
        body[key] = form_value(value) if multipart else value
    return body
