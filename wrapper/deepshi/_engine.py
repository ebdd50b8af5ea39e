"""The core of every call, written once for ``Deepshi`` and ``AsyncDeepshi``.

Each public call becomes one generator of :mod:`._steps` (see there): the model-aware preflight
(with the shared catalog cache), the request built by the generated operation's
``build_request`` for each attempt, the retries, and the answer turned into a result or an error.
Answers are read once and decoded once: the spec check runs on the decoded document, and the
generated operation's ``parse_document`` builds its model from that same document.

Every request is the generated operation's own: the facade adds only per-call options
(timeout, ``extra_headers``, ``extra_query``, the idempotency key, ``Accept`` for streams) through
``deepshi_openapi.types.RequestOptions``, and sends it on the httpx client as a transport.

Every call runs against one :class:`~._deadline.Deadline` (``total_timeout``), and every answer
is read through its bounds: the deadline and ``max_answer_bytes`` (:mod:`._answer_size`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from deepshi_openapi import AuthenticatedClient
from deepshi_openapi.api.models import list_models
from deepshi_openapi.models import ImagesResponse, ModelList
from deepshi_openapi.types import RequestOptions

from . import _json, _spec
from ._answer_size import SizeLimitedStream
from ._catalog import ModelCatalog
from ._catalog_cache import CATALOG_TTL, CATALOGS
from ._deadline import Deadline
from ._errors import APIError, APIResponseValidationError, make_status_error, translate_transport_error
from ._files import opened
from ._preflight import check_model
from ._raw import RawResponse
from ._requests import CallOptions, Plan
from ._results import ImagesResult, images_result
from ._retries import RetryPolicy, Timer, retrying
from ._settings import ClientSettings
from ._steps import Close, Locked, Read, Send, Steps

__all__ = ["Answer", "Engine", "StreamFactory"]

log = logging.getLogger("deepshi")

_T = TypeVar("_T")
_S = TypeVar("_S")

Answer = Callable[[httpx.Response, int], Steps[_T]]
"""What turns a sent request's response (and the retries it took) into the call's result."""

StreamFactory = Callable[[httpx.Response, Callable[[str], str]], _S]
"""``ImageStream`` or ``AsyncImageStream``: wraps an open event-stream response."""

IDEMPOTENCY_HEADER = "Idempotency-Key"
_PARSE_ERRORS = (KeyError, TypeError, ValueError)  # what the generated from_dict parsers raise


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).partition(";")[0].strip().lower()


def _is_json(response: httpx.Response) -> bool:
    media_type = _media_type(response)
    return media_type == "application/json" or media_type.endswith("+json")


class Engine:
    """One client's core: its settings, the generated client that builds its requests, its clock."""

    def __init__(self, settings: ClientSettings, timer: Timer) -> None:
        self.settings = settings
        self.timer = timer
        self.generated = AuthenticatedClient(
            base_url=settings.base_url,
            token=settings.api_key,
            headers=dict(settings.headers),
            timeout=settings.timeout,
        )

    # -- calls ----------------------------------------------------------------------------------

    def image_call(self, plan: Plan[Any], call: CallOptions, answer: Answer[_T]) -> Steps[_T]:
        """An edit or a generation: preflight, then the request with retries, then ``answer``."""
        deadline = self._deadline(call)
        timeout = self.settings.timeout_for(call.timeout)
        policy = RetryPolicy(self.settings.retries_for(call.max_retries), self.timer, deadline)
        if self.settings.should_validate(call.validate):
            catalog = yield from self._preflight_catalog(timeout, deadline)
            info = catalog.get(plan.model) if catalog is not None else None
            if info is not None:
                check_model(plan.operation, plan.all_fields, plan.image_count, info)
        accept = "text/event-stream" if plan.stream else None
        key = _idempotency_key(call.extra_headers)

        def attempt(retries_taken: int) -> Steps[_T]:
            options = self._request_options(call, deadline.cap(timeout), accept)
            with opened(plan.images) as files:
                request = plan.build_request(files, self.generated, key, options)
                response = yield from self._send(request, deadline, whole=not plan.stream)
            return (yield from answer(response, retries_taken))

        return (yield from retrying(plan.describe(), policy, attempt))

    def catalog_call(self, call: CallOptions, answer: Answer[_T]) -> Steps[_T]:
        """``GET /v1/models`` with retries (what ``client.models.list()`` runs)."""
        deadline = self._deadline(call)
        timeout = self.settings.timeout_for(call.timeout)
        policy = RetryPolicy(self.settings.retries_for(call.max_retries), self.timer, deadline)

        def attempt(retries_taken: int) -> Steps[_T]:
            options = self._request_options(call, deadline.cap(timeout))
            response = yield from self._send(
                list_models.build_request(client=self.generated, options=options), deadline
            )
            return (yield from answer(response, retries_taken))

        return (yield from retrying("GET /v1/models", policy, attempt))

    # -- answers --------------------------------------------------------------------------------

    def images_answer(self, plan: Plan[Any]) -> Answer[ImagesResult]:
        def answer(response: httpx.Response, _retries_taken: int) -> Steps[ImagesResult]:
            yield from self._read_checked(response)
            return self._images_result(plan, response)

        return answer

    def raw_images_answer(self, plan: Plan[Any]) -> Answer[RawResponse[ImagesResult]]:
        def answer(response: httpx.Response, retries_taken: int) -> Steps[RawResponse[ImagesResult]]:
            yield from self._read_checked(response)
            return RawResponse(response, lambda: self._images_result(plan, response), retries_taken=retries_taken)

        return answer

    def stream_answer(self, factory: StreamFactory[_S]) -> Answer[_S]:
        def answer(response: httpx.Response, _retries_taken: int) -> Steps[_S]:
            yield from self._check_stream(response)
            return factory(response, self.settings.redact)

        return answer

    def raw_stream_answer(self, factory: StreamFactory[_S]) -> Answer[RawResponse[_S]]:
        def answer(response: httpx.Response, retries_taken: int) -> Steps[RawResponse[_S]]:
            yield from self._check_stream(response)
            return RawResponse(response, lambda: factory(response, self.settings.redact), retries_taken=retries_taken)

        return answer

    def catalog_answer(self, response: httpx.Response, _retries_taken: int) -> Steps[ModelCatalog]:
        yield from self._read_checked(response)
        return self._catalog(response)

    def raw_catalog_answer(self, response: httpx.Response, retries_taken: int) -> Steps[RawResponse[ModelCatalog]]:
        yield from self._read_checked(response)
        return RawResponse(response, lambda: self._catalog(response), retries_taken=retries_taken)

    # -- the preflight's catalog ----------------------------------------------------------------

    def _preflight_catalog(self, timeout: httpx.Timeout, deadline: Deadline) -> Steps[ModelCatalog | None]:
        """The catalog to check against: the one given, the shared cache's, or a fetch (never an error)."""
        if self.settings.catalog is not None:
            return self.settings.catalog
        entry = CATALOGS.entry(self.settings.base_url, self.settings.api_key)
        if entry.is_fresh(self.timer.monotonic()):
            return entry.catalog

        def fetch() -> Steps[ModelCatalog | None]:
            if entry.is_fresh(self.timer.monotonic()):  # fetched by another caller while this one waited
                return entry.catalog
            try:
                options = RequestOptions(timeout=deadline.cap(timeout))
                request = list_models.build_request(client=self.generated, options=options)
                response = yield from self._send(request, deadline)
                catalog: ModelCatalog | None = yield from self.catalog_answer(response, 0)
            except APIError as error:
                if deadline.expired():  # the call itself is out of time: it fails with that, nothing is cached
                    return None
                log.warning(
                    "Could not fetch the model catalog (GET /v1/models: %s); requests are checked against the "
                    "spec only, without the model-aware checks, for the next %.0f s.",
                    _reason(error),
                    CATALOG_TTL,
                )
                catalog = None
            entry.store(catalog, self.timer.monotonic())
            return catalog

        result: ModelCatalog | None = yield Locked(entry.lock, fetch())
        return result

    # -- shared pieces --------------------------------------------------------------------------

    def _deadline(self, call: CallOptions) -> Deadline:
        return Deadline(self.settings.total_timeout_for(call.total_timeout), self.timer.monotonic)

    def _request_options(self, call: CallOptions, timeout: httpx.Timeout, accept: str | None = None) -> RequestOptions:
        headers = {"Accept": accept} if accept else {}
        headers.update(call.extra_headers or {})
        return RequestOptions(timeout=timeout, headers=headers, params=dict(call.extra_query or {}))

    def _send(self, request: httpx.Request, deadline: Deadline, *, whole: bool = True) -> Steps[httpx.Response]:
        """Send ``request``; its body and its answer's are read under ``deadline`` and ``max_answer_bytes``.

        ``whole``: the answer will be read whole (not streamed), see :class:`SizeLimitedStream`.
        """
        deadline.check(request)
        request.stream = deadline.guard(request.stream, request)
        try:
            response: httpx.Response = yield Send(request)
        except httpx.RequestError as exc:
            if deadline.expired():
                raise deadline.error(request) from exc
            raise translate_transport_error(exc, request, redact=self.settings.redact) from exc
        limit = self.settings.max_answer_bytes
        response.stream = SizeLimitedStream(deadline.guard(response.stream, request), response, limit, whole=whole)
        return response

    def _read_checked(self, response: httpx.Response) -> Steps[None]:
        """Read the whole body; raise the mapped error for an error status."""
        try:
            content: bytes = yield Read(response)
        except (httpx.RequestError, httpx.StreamError) as exc:
            raise translate_transport_error(exc, response.request, redact=self.settings.redact) from exc
        except APIResponseValidationError as exc:  # over max_answer_bytes: an error status keeps its class
            if response.is_success:
                raise
            raise make_status_error(response, b"", redact=self.settings.redact) from exc
        if not response.is_success:
            raise make_status_error(response, content, redact=self.settings.redact)

    def _check_stream(self, response: httpx.Response) -> Steps[None]:
        """Raise for an error status or an answer that is not an event stream (closing it first)."""
        if not response.is_success:
            yield from self._read_checked(response)
        if _media_type(response) != "text/event-stream":
            yield Close(response)
            content_type = response.headers.get("content-type", "")
            raise APIResponseValidationError(
                f"The API answered a stream request with content type {content_type!r}; expected text/event-stream.",
                response=response,
            )

    def _document(self, response: httpx.Response, schema: str) -> Any:
        """The answer's JSON body, decoded once and checked against the spec's ``schema``."""
        status = response.status_code
        if not _is_json(response):
            content_type = response.headers.get("content-type", "")
            raise APIResponseValidationError(
                f"The API answered {status} with content type {content_type!r}; expected application/json.",
                response=response,
            )
        try:
            document = _json.loads(response.content)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested thousands deep
            raise APIResponseValidationError(
                f"The API answered {status} with a body that is not JSON ({type(exc).__name__}: "
                f"{self.settings.redact(str(exc))[:200]}).",
                response=response,
            ) from exc
        problems = [error.message for error in _spec.validator(schema).iter_errors(document)]
        if problems:
            raise APIResponseValidationError(
                f"The API's answer does not match the {schema} schema: "
                + self.settings.redact("; ".join(problems[:3]))[:500],
                response=response,
            )
        return document

    def _parsed(self, response: httpx.Response, parse: Callable[..., object], expected: type[_T], schema: str) -> _T:
        """The generated model for the answer, from the document :meth:`_document` decoded and checked."""
        document = self._document(response, schema)
        try:
            parsed = parse(status_code=response.status_code, document=document)
        except _PARSE_ERRORS as exc:
            raise APIResponseValidationError(
                f"The API answered {response.status_code} with a body the {schema} model cannot read "
                f"({type(exc).__name__}: {self.settings.redact(str(exc))[:200]}).",
                response=response,
            ) from exc
        if not isinstance(parsed, expected):
            raise APIResponseValidationError(
                f"The API answered {response.status_code}, which the spec does not declare for this operation.",
                response=response,
            )
        return parsed

    def _images_result(self, plan: Plan[Any], response: httpx.Response) -> ImagesResult:
        parsed = self._parsed(response, plan.operation.parse_document, ImagesResponse, "ImagesResponse")
        return images_result(parsed, response)

    def _catalog(self, response: httpx.Response) -> ModelCatalog:
        catalog = ModelCatalog.from_raw(self._parsed(response, list_models.parse_document, ModelList, "ModelList"))
        if self.settings.catalog is None:  # a fresh answer is the preflight's catalog from now on
            CATALOGS.entry(self.settings.base_url, self.settings.api_key).store(catalog, self.timer.monotonic())
        return catalog


def _idempotency_key(extra_headers: Mapping[str, str] | None) -> str:
    """The caller's ``Idempotency-Key`` (from ``extra_headers``), else a new one for this call's attempts."""
    given: str | None = httpx.Headers(extra_headers or {}).get(IDEMPOTENCY_HEADER)
    return given or f"deepshi-python-retry-{uuid.uuid4()}"


def _reason(error: APIError) -> str:
    status = getattr(error, "status_code", None)
    return f"{type(error).__name__}, HTTP {status}" if status is not None else type(error).__name__
