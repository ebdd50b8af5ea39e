"""``Deepshi`` and ``AsyncDeepshi``: configuration, the httpx client, and how one call is run.

Every request goes through the generated client (``deepshi_openapi``): non-streaming calls through
its operations (``edit_image.sync_detailed``, ...), streaming calls through the same operation's
request (its ``_get_kwargs``) sent on the generated client's own httpx client. Around that the
facade adds the preflight (:mod:`._preflight`), retries (:mod:`._retries`), per-call timeouts
(:mod:`._hooks`) and the mapping of answers to results or errors (:mod:`._unwrap`).
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx

from deepshi_openapi import AuthenticatedClient
from deepshi_openapi.api.images import create_image, edit_image
from deepshi_openapi.api.models import list_models
from deepshi_openapi.models import ImagesResponse, ModelList
from deepshi_openapi.types import Response

from ._catalog import ModelCatalog, ModelInfo
from ._errors import InvalidRequestError, translate_transport_error
from ._files import opened
from ._hooks import CallState, async_event_hooks, call_scope, event_hooks, install
from ._preflight import check_model
from ._requests import Plan, edit_body, generation_body
from ._results import ImagesResult, images_result
from ._retries import DEFAULT_MAX_RETRIES, RetryPolicy, Timer
from ._streaming import AsyncImageStream, ImageStream, check_stream_response
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._unwrap import acall, call, unwrap
from ._version import __version__
from .resources.images import AsyncImages, Images
from .resources.models import AsyncModels, Models

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncDeepshi", "Deepshi"]

DEFAULT_BASE_URL = "https://api.deepshi.ai"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
"""10 minutes to read (slow image models take minutes), 5 seconds to connect."""

_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)
_MASK = "sk-bf-***"


class _Secret(str):
    """The API key: a ``str`` whose ``repr`` never shows the value (it ends up inside reprs of attrs classes)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(_MASK)


def _normalize_base_url(url: str) -> str:
    """The API origin: trailing slashes and a trailing ``/v1`` are dropped (operation paths carry ``/v1``)."""
    url = url.strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    return url


def _as_timeout(timeout: TimeoutTypes) -> httpx.Timeout:
    if (
        not isinstance(timeout, httpx.Timeout)
        and timeout is not None
        and (isinstance(timeout, bool) or not isinstance(timeout, int | float))
    ):
        raise TypeError(f"timeout: expected seconds, an httpx.Timeout or None; got {type(timeout).__name__}")
    result = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
    # Checked here: httpx passes NaN, infinite or negative values on to the socket, which then
    # raises a bare ValueError/OverflowError at connect time.
    for seconds in result.as_dict().values():
        if seconds is not None and not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds >= 0):
            raise InvalidRequestError(
                f"timeout: expected a finite number of seconds >= 0 (None for no timeout); got {seconds!r}.",
                param="timeout",
            )
    return result


class _Options:
    """Settings shared by the sync and async clients (read-only after construction)."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        client_timeout: httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        validate: bool,
        timer: Timer | None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("DEEPSHI_API_KEY")
        if not key:
            raise InvalidRequestError(
                "No API key: pass Deepshi(api_key=...) or set the DEEPSHI_API_KEY environment variable.",
                param="api_key",
            )
        if not isinstance(key, str):
            raise TypeError(f"api_key: expected str, got {type(key).__name__}")
        self.api_key = _Secret(key)
        url = base_url if base_url is not None else os.environ.get("DEEPSHI_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = _normalize_base_url(url)
        if isinstance(timeout, NotGiven):
            # Like the OpenAI SDK: a client you pass in keeps its own timeout unless it is httpx's default.
            use_client = client_timeout is not None and client_timeout != _HTTPX_DEFAULT_TIMEOUT
            self.timeout = client_timeout if use_client and client_timeout is not None else DEFAULT_TIMEOUT
        else:
            self.timeout = _as_timeout(timeout)
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidRequestError(f"max_retries: expected an int >= 0, got {max_retries!r}.", param="max_retries")
        self.validate = validate
        self.policy = RetryPolicy(max_retries, timer or Timer())
        self.headers = {"User-Agent": f"deepshi-python/{__version__}", **dict(default_headers or {})}

    def redact(self, text: str) -> str:
        """``text`` with the API key masked (servers sometimes quote the key they rejected)."""
        return text.replace(self.api_key, _MASK) if self.api_key in text else text

    def timeout_for(self, override: TimeoutTypes | NotGiven) -> httpx.Timeout:
        return self.timeout if isinstance(override, NotGiven) else _as_timeout(override)

    def should_validate(self, override: bool | NotGiven) -> bool:
        return self.validate if isinstance(override, NotGiven) else bool(override)

    def request_headers(self, generated: AuthenticatedClient) -> dict[str, str]:
        """Default headers plus the generated client's authorization header."""
        token = f"{generated.prefix} {self.api_key}" if generated.prefix else str(self.api_key)
        return {**self.headers, generated.auth_header_name: token}

    def describe(self, name: str) -> str:
        return (
            f"{name}(base_url={self.base_url!r}, max_retries={self.policy.max_retries}, "
            f"timeout={self.timeout!r}, validate={self.validate})"
        )


def _generated_client(options: _Options) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=options.base_url, token=options.api_key, timeout=options.timeout)


def _configure_user_client(
    client: httpx.Client | httpx.AsyncClient, options: _Options, headers: dict[str, str]
) -> None:
    """Point a client the user passed at the API: base URL, auth and default headers, the facade's hooks."""
    client.base_url = httpx.URL(options.base_url)
    client.headers.update(headers)
    install(client)


def _stream_kwargs(plan: Plan, files: list[Any]) -> dict[str, Any]:
    """The generated operation's request for this plan, asking for an event stream."""
    if plan.kind == "edit":
        kwargs = edit_image._get_kwargs(body=edit_body(plan, files))
    else:
        kwargs = create_image._get_kwargs(body=generation_body(plan))
    kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": "text/event-stream"}
    return kwargs


class _ClientBase:
    """What ``Deepshi`` and ``AsyncDeepshi`` share: settings, the generated client, and how they read."""

    _options: _Options
    _generated: AuthenticatedClient

    def _setup(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        http_client: httpx.Client | httpx.AsyncClient | None,
        default_headers: Mapping[str, str] | None,
        validate: bool,
        timer: Timer | None,
    ) -> dict[str, str]:
        """Read the settings, build the generated client; return the headers every request carries."""
        self._options = _Options(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            client_timeout=http_client.timeout if http_client is not None else None,
            max_retries=max_retries,
            default_headers=default_headers,
            validate=validate,
            timer=timer,
        )
        self._generated = _generated_client(self._options)
        headers = self._options.request_headers(self._generated)
        if http_client is not None:
            _configure_user_client(http_client, self._options, headers)
        self._owns_http_client = http_client is None
        return headers

    @property
    def base_url(self) -> str:
        return self._options.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        return self._options.policy.max_retries

    @property
    def validate(self) -> bool:
        return self._options.validate

    def __repr__(self) -> str:
        return self._options.describe(type(self).__name__)


class Deepshi(_ClientBase):
    """The Deepshi image API client.

    ``api_key`` defaults to ``$DEEPSHI_API_KEY``, ``base_url`` to ``$DEEPSHI_BASE_URL`` or
    ``https://api.deepshi.ai`` (the origin; a trailing ``/v1`` is accepted). ``timeout`` defaults
    to 600 s to read and 5 s to connect; ``max_retries`` to 2. ``http_client`` lets you bring
    your own ``httpx.Client`` (the facade sets its ``base_url``, adds the auth and default headers
    and two event hooks, and leaves closing it to you). ``validate=False`` skips the model-aware
    preflight (the spec checks always run).
    """

    images: Images
    models: Models

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        validate: bool = True,
        _timer: Timer | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client: expected an httpx.Client, got {type(http_client).__name__}")
        headers = self._setup(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            default_headers=default_headers,
            validate=validate,
            timer=_timer,
        )
        if http_client is None:
            http_client = httpx.Client(
                base_url=self.base_url, headers=headers, timeout=self.timeout, event_hooks=event_hooks()
            )
        self._generated.set_httpx_client(http_client)
        self._http = http_client
        self._catalog: ModelCatalog | None = None
        self._catalog_lock = threading.Lock()
        self.images = Images(self)
        self.models = Models(self)

    def close(self) -> None:
        """Close the connection pool (a client you passed in is left open)."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Deepshi:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- used by the resources ------------------------------------------------------------------

    def _run(self, what: str, timeout: TimeoutTypes | NotGiven, attempt: Callable[[CallState], Any]) -> Any:
        with call_scope(self._options.timeout_for(timeout)) as state:
            return self._options.policy.run(what, lambda: attempt(state))

    def _get_catalog(self, *, refresh: bool) -> ModelCatalog:
        with self._catalog_lock:
            if self._catalog is None or refresh:
                self._catalog = self._run("GET /v1/models", NOT_GIVEN, self._fetch_catalog)
            return self._catalog

    def _fetch_catalog(self, state: CallState) -> ModelCatalog:
        response = call(lambda: list_models.sync_detailed(client=self._generated), state, self._options.redact)
        return ModelCatalog.from_raw(unwrap(response, ModelList, "ModelList", self._options.redact).parsed)

    def _model_info(self, model: str) -> ModelInfo | None:
        return self._get_catalog(refresh=False).get(model)

    def _execute(
        self, plan: Plan, timeout: TimeoutTypes | NotGiven, validate: bool | NotGiven
    ) -> ImagesResult | ImageStream:
        if self._options.should_validate(validate):
            info = self._model_info(plan.model)
            if info is not None:
                check_model(plan.kind, plan.all_fields, plan.image_count, info)
        if plan.stream:
            stream: ImageStream = self._run(plan.describe(), timeout, lambda _state: self._open_stream(plan))
            return stream
        result: ImagesResult = self._run(plan.describe(), timeout, lambda state: self._request(plan, state))
        return result

    def _request(self, plan: Plan, state: CallState) -> ImagesResult:
        redact = self._options.redact
        response: Response[Any]
        with opened(plan.images) as files:
            if plan.kind == "edit":
                body = edit_body(plan, files)
                response = call(lambda: edit_image.sync_detailed(client=self._generated, body=body), state, redact)
            else:
                json_body = generation_body(plan)
                response = call(
                    lambda: create_image.sync_detailed(client=self._generated, body=json_body), state, redact
                )
        answer = unwrap(response, ImagesResponse, "ImagesResponse", redact)
        return images_result(answer.parsed, answer.headers, answer.status_code)

    def _open_stream(self, plan: Plan) -> ImageStream:
        http = self._generated.get_httpx_client()
        with opened(plan.images) as files:
            request = http.build_request(**_stream_kwargs(plan, files))
            try:
                response = http.send(request, stream=True)
            except httpx.RequestError as exc:
                raise translate_transport_error(exc) from exc
        if not response.is_success:
            try:
                response.read()
            except httpx.RequestError as exc:
                raise translate_transport_error(exc) from exc
            finally:
                response.close()
        error = check_stream_response(response, self._options.redact)
        if error is not None:
            response.close()
            raise error
        return ImageStream(response, self._options.redact)


class AsyncDeepshi(_ClientBase):
    """The async twin of :class:`Deepshi` (``await``, ``async with``, ``aclose``).

    ``http_client`` takes any ``httpx.AsyncClient``, including one on the aiohttp transport from
    ``httpx-aiohttp`` (``deepshi[speed]``), which is faster under concurrency:
    ``AsyncDeepshi(http_client=httpx_aiohttp.HttpxAiohttpClient())``.
    """

    images: AsyncImages
    models: AsyncModels

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        validate: bool = True,
        _timer: Timer | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client: expected an httpx.AsyncClient, got {type(http_client).__name__}")
        headers = self._setup(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            default_headers=default_headers,
            validate=validate,
            timer=_timer,
        )
        if http_client is None:
            http_client = httpx.AsyncClient(
                base_url=self.base_url, headers=headers, timeout=self.timeout, event_hooks=async_event_hooks()
            )
        self._generated.set_async_httpx_client(http_client)
        self._http = http_client
        self._catalog: ModelCatalog | None = None
        self._catalog_lock = asyncio.Lock()
        self.images = AsyncImages(self)
        self.models = AsyncModels(self)

    async def aclose(self) -> None:
        """Close the connection pool (a client you passed in is left open)."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncDeepshi:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- used by the resources ------------------------------------------------------------------

    async def _run(self, what: str, call_timeout: TimeoutTypes | NotGiven, attempt: Callable[[CallState], Any]) -> Any:
        with call_scope(self._options.timeout_for(call_timeout)) as state:
            return await self._options.policy.arun(what, lambda: attempt(state))

    async def _get_catalog(self, *, refresh: bool) -> ModelCatalog:
        async with self._catalog_lock:
            if self._catalog is None or refresh:
                self._catalog = await self._run("GET /v1/models", NOT_GIVEN, self._fetch_catalog)
            return self._catalog

    async def _fetch_catalog(self, state: CallState) -> ModelCatalog:
        response = await acall(
            lambda: list_models.asyncio_detailed(client=self._generated), state, self._options.redact
        )
        return ModelCatalog.from_raw(unwrap(response, ModelList, "ModelList", self._options.redact).parsed)

    async def _model_info(self, model: str) -> ModelInfo | None:
        return (await self._get_catalog(refresh=False)).get(model)

    async def _execute(
        self, plan: Plan, call_timeout: TimeoutTypes | NotGiven, validate: bool | NotGiven
    ) -> ImagesResult | AsyncImageStream:
        if self._options.should_validate(validate):
            info = await self._model_info(plan.model)
            if info is not None:
                check_model(plan.kind, plan.all_fields, plan.image_count, info)
        if plan.stream:
            stream: AsyncImageStream = await self._run(
                plan.describe(), call_timeout, lambda _state: self._open_stream(plan)
            )
            return stream
        result: ImagesResult = await self._run(plan.describe(), call_timeout, lambda state: self._request(plan, state))
        return result

    async def _request(self, plan: Plan, state: CallState) -> ImagesResult:
        redact = self._options.redact
        response: Response[Any]
        with opened(plan.images) as files:
            if plan.kind == "edit":
                body = edit_body(plan, files)
                response = await acall(
                    lambda: edit_image.asyncio_detailed(client=self._generated, body=body), state, redact
                )
            else:
                json_body = generation_body(plan)
                response = await acall(
                    lambda: create_image.asyncio_detailed(client=self._generated, body=json_body), state, redact
                )
        answer = unwrap(response, ImagesResponse, "ImagesResponse", redact)
        return images_result(answer.parsed, answer.headers, answer.status_code)

    async def _open_stream(self, plan: Plan) -> AsyncImageStream:
        http = self._generated.get_async_httpx_client()
        with opened(plan.images) as files:
            request = http.build_request(**_stream_kwargs(plan, files))
            try:
                response = await http.send(request, stream=True)
            except httpx.RequestError as exc:
                raise translate_transport_error(exc) from exc
        if not response.is_success:
            try:
                await response.aread()
            except httpx.RequestError as exc:
                raise translate_transport_error(exc) from exc
            finally:
                await response.aclose()
        error = check_stream_response(response, self._options.redact)
        if error is not None:
            await response.aclose()
            raise error
        return AsyncImageStream(response, self._options.redact)
