# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""``client.models``: The models your key can call, and what each accepts.

Rendered from the spec (``scripts/regen.py``, stage 2): every argument, its type, whether it is
required, and its description come from the request schema; the behaviour behind the methods is
hand-written (``deepshi._requests``, ``deepshi._engine``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from deepshi._catalog import ModelCatalog
from deepshi._raw import RawResponse
from deepshi._requests import CallOptions
from deepshi._resource import AsyncCore, SyncCore
from deepshi._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = [
    "AsyncModels",
    "AsyncModelsWithRawResponse",
    "Models",
    "ModelsWithRawResponse",
]


class Models:
    """``client.models``: The models your key can call, and what each accepts."""

    def __init__(self, client: SyncCore) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ModelsWithRawResponse:
        """These methods, returning the answer's HTTP details with ``.parse()`` for the result."""
        return ModelsWithRawResponse(self._client)

    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ModelCatalog:
        """List models (`GET /v1/models`).

        Lists the models your key can call. For image models each entry tells the parameters it accepts
        (with type, allowed values and default), its `edit` block (editing support and reference-image
        cap), `prompt_max_length` and its modalities. The shape of these blocks is our design (decision
        3).

        Args:
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.

        Returns:
            The `ModelCatalog`; a fresh answer is also the preflight's catalog from now on.
        """
        return self._client._models(
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
            )
        )


class ModelsWithRawResponse:
    """``client.models.with_raw_response``: the same methods, returning a ``RawResponse`` (status, headers, ``.parse()``)."""

    def __init__(self, client: SyncCore) -> None:
        self._client = client

    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ModelCatalog]:
        """List models (`GET /v1/models`).

        Lists the models your key can call. For image models each entry tells the parameters it accepts
        (with type, allowed values and default), its `edit` block (editing support and reference-image
        cap), `prompt_max_length` and its modalities. The shape of these blocks is our design (decision
        3).

        Args:
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.

        Returns:
            The `ModelCatalog`; a fresh answer is also the preflight's catalog from now on.
        """
        return self._client._raw_models(
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
            )
        )


class AsyncModels:
    """``client.models`` of AsyncDeepshi: The models your key can call, and what each accepts."""

    def __init__(self, client: AsyncCore) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncModelsWithRawResponse:
        """These methods, returning the answer's HTTP details with ``.parse()`` for the result."""
        return AsyncModelsWithRawResponse(self._client)

    async def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ModelCatalog:
        """List models (`GET /v1/models`).

        Lists the models your key can call. For image models each entry tells the parameters it accepts
        (with type, allowed values and default), its `edit` block (editing support and reference-image
        cap), `prompt_max_length` and its modalities. The shape of these blocks is our design (decision
        3).

        Args:
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.

        Returns:
            The `ModelCatalog`; a fresh answer is also the preflight's catalog from now on.
        """
        return await self._client._models(
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
            )
        )


class AsyncModelsWithRawResponse:
    """``client.models.with_raw_response``: the same methods, returning a ``RawResponse`` (status, headers, ``.parse()``)."""

    def __init__(self, client: AsyncCore) -> None:
        self._client = client

    async def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ModelCatalog]:
        """List models (`GET /v1/models`).

        Lists the models your key can call. For image models each entry tells the parameters it accepts
        (with type, allowed values and default), its `edit` block (editing support and reference-image
        cap), `prompt_max_length` and its modalities. The shape of these blocks is our design (decision
        3).

        Args:
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.

        Returns:
            The `ModelCatalog`; a fresh answer is also the preflight's catalog from now on.
        """
        return await self._client._raw_models(
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
            )
        )
