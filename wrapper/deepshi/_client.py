"""``Deepshi`` and ``AsyncDeepshi``: settings, the httpx client, and the entry points the resources call.

A call is planned by its resource method (:mod:`._requests`), run by the shared core
(:mod:`._engine`) and performed by the client's driver (:mod:`._drivers`). An ``http_client`` you
pass in is used as a transport only: every request is built by the generated operation with this
client's base URL, key and headers, and nothing on your client is changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from ._catalog import ModelCatalog
from ._clock import Timer
from ._drivers import AsyncDriver, SyncDriver
from ._engine import Engine
from ._raw import RawResponse
from ._requests import CallOptions, Plan
from ._results import ImagesResult
from ._retries import DEFAULT_MAX_RETRIES
from ._settings import DEFAULT_BASE_URL, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_TIMEOUT, ClientSettings
from ._streaming import AsyncImageStream, ImageStream
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from .resources.images import AsyncImages, Images
from .resources.models import AsyncModels, Models

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncDeepshi", "Deepshi"]

_Http = TypeVar("_Http", httpx.Client, httpx.AsyncClient)
_Driver = TypeVar("_Driver", SyncDriver, AsyncDriver)


class _ClientBase(Generic[_Http, _Driver]):
    """What ``Deepshi`` and ``AsyncDeepshi`` share: settings, the core, the httpx client, ``with_options``."""

    _engine: Engine
    _http: _Http
    _owns_http: bool
    _driver: _Driver

    def _attach_resources(self) -> None:
        """Set ``images`` and ``models`` (the sync or async resources) on this client."""
        raise NotImplementedError

    def _setup(self, settings: ClientSettings, http: _Http, *, owns_http: bool, timer: Timer) -> None:
        self._engine = Engine(settings, timer)
        self._http = http
        self._owns_http = owns_http

    @property
    def base_url(self) -> str:
        return self._engine.settings.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._engine.settings.timeout

    @property
    def max_retries(self) -> int:
        return self._engine.settings.max_retries

    @property
    def validate(self) -> bool:
        return self._engine.settings.validate

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        validate: bool | NotGiven = NOT_GIVEN,
        catalog: ModelCatalog | None = None,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_answer_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy with some settings changed, sharing this client's connection pool (``default_headers`` are added)."""
        copy = object.__new__(type(self))
        settings = self._engine.settings.replace(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            validate=validate,
            catalog=catalog,
            total_timeout=total_timeout,
            max_answer_bytes=max_answer_bytes,
        )
        copy._setup(settings, self._http, owns_http=False, timer=self._engine.timer)
        copy._driver = self._driver
        copy._attach_resources()
        return copy

    def __repr__(self) -> str:
        return self._engine.settings.describe(type(self).__name__)


def _settings(
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int,
    http_client: httpx.Client | httpx.AsyncClient | None,
    default_headers: Mapping[str, str] | None,
    validate: bool,
    catalog: ModelCatalog | None,
    total_timeout: float | None,
    max_answer_bytes: int,
) -> ClientSettings:
    return ClientSettings.read(
        api_key=api_key,
        base_url=base_url,
        timeout=timeout,
        client_timeout=http_client.timeout if http_client is not None else None,
        max_retries=max_retries,
        default_headers=default_headers,
        validate=validate,
        catalog=catalog,
        total_timeout=total_timeout,
        max_answer_bytes=max_answer_bytes,
    )


class Deepshi(_ClientBase[httpx.Client, SyncDriver]):
    """The Deepshi image API client.

    ``api_key`` defaults to ``$DEEPSHI_API_KEY``, ``base_url`` to ``$DEEPSHI_BASE_URL`` or
    ``https://api.deepshi.ai`` (the origin; a trailing ``/v1`` is accepted). ``timeout`` defaults
    to 600 s to read and 5 s to connect; ``max_retries`` to 2. ``http_client`` lets you bring your
    own ``httpx.Client``: it is used as a transport only (nothing on it is changed, and closing it
    is left to you). ``validate=False`` skips the model-aware preflight (the spec checks always
    run); ``catalog`` gives the preflight a catalog, so it never fetches ``GET /v1/models``.
    ``total_timeout`` bounds each call as a whole, retries and streams included (default: no
    bound); ``max_answer_bytes`` bounds what an answer may hold once decoded (default 512 MiB).
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
        catalog: ModelCatalog | None = None,
        total_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client: expected an httpx.Client, got {type(http_client).__name__}")
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            default_headers=default_headers,
            validate=validate,
            catalog=catalog,
            total_timeout=total_timeout,
            max_answer_bytes=max_answer_bytes,
        )
        owns = http_client is None
        self._setup(settings, http_client if http_client is not None else httpx.Client(), owns_http=owns, timer=Timer())
        self._driver = SyncDriver(self._http)
        self._attach_resources()

    def _attach_resources(self) -> None:
        self.images = Images(self)
        self.models = Models(self)

    def close(self) -> None:
        """Close the connection pool (a client you passed in, or a ``with_options`` copy's, is left open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Deepshi:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- what the resources call ----------------------------------------------------------------

    def _images(self, plan: Plan[Any], call: CallOptions) -> ImagesResult | ImageStream:
        engine = self._engine
        if plan.stream:
            return self._driver.run(engine.image_call(plan, call, engine.stream_answer(ImageStream)))
        return self._driver.run(engine.image_call(plan, call, engine.images_answer(plan)))

    def _raw_images(self, plan: Plan[Any], call: CallOptions) -> RawResponse[ImagesResult] | RawResponse[ImageStream]:
        engine = self._engine
        if plan.stream:
            return self._driver.run(engine.image_call(plan, call, engine.raw_stream_answer(ImageStream)))
        return self._driver.run(engine.image_call(plan, call, engine.raw_images_answer(plan)))

    def _models(self, call: CallOptions) -> ModelCatalog:
        return self._driver.run(self._engine.catalog_call(call, self._engine.catalog_answer))

    def _raw_models(self, call: CallOptions) -> RawResponse[ModelCatalog]:
        return self._driver.run(self._engine.catalog_call(call, self._engine.raw_catalog_answer))


class AsyncDeepshi(_ClientBase[httpx.AsyncClient, AsyncDriver]):
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
        catalog: ModelCatalog | None = None,
        total_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client: expected an httpx.AsyncClient, got {type(http_client).__name__}")
        settings = _settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            default_headers=default_headers,
            validate=validate,
            catalog=catalog,
            total_timeout=total_timeout,
            max_answer_bytes=max_answer_bytes,
        )
        owns = http_client is None
        http = http_client if http_client is not None else httpx.AsyncClient()
        self._setup(settings, http, owns_http=owns, timer=Timer())
        self._driver = AsyncDriver(self._http)
        self._attach_resources()

    def _attach_resources(self) -> None:
        self.images = AsyncImages(self)
        self.models = AsyncModels(self)

    async def aclose(self) -> None:
        """Close the connection pool (a client you passed in, or a ``with_options`` copy's, is left open)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncDeepshi:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- what the resources call ----------------------------------------------------------------

    async def _images(self, plan: Plan[Any], call: CallOptions) -> ImagesResult | AsyncImageStream:
        engine = self._engine
        if plan.stream:
            return await self._driver.run(engine.image_call(plan, call, engine.stream_answer(AsyncImageStream)))
        return await self._driver.run(engine.image_call(plan, call, engine.images_answer(plan)))

    async def _raw_images(
        self, plan: Plan[Any], call: CallOptions
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]:
        engine = self._engine
        if plan.stream:
            return await self._driver.run(engine.image_call(plan, call, engine.raw_stream_answer(AsyncImageStream)))
        return await self._driver.run(engine.image_call(plan, call, engine.raw_images_answer(plan)))

    async def _models(self, call: CallOptions) -> ModelCatalog:
        return await self._driver.run(self._engine.catalog_call(call, self._engine.catalog_answer))

    async def _raw_models(self, call: CallOptions) -> RawResponse[ModelCatalog]:
        return await self._driver.run(self._engine.catalog_call(call, self._engine.raw_catalog_answer))
