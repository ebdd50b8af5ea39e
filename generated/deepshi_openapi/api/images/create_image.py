from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.image_generation_request import ImageGenerationRequest
from ...models.images_response import ImagesResponse
from ...types import UNSET, RequestOptions, Response, Unset


def _get_kwargs(
    *,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/images/generations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ImagesResponse | None:
    if response.status_code == 200:
        response_200 = ImagesResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorResponse.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def parse_document(*, status_code: int, document: Any) -> ErrorResponse | ImagesResponse | None:
    """The declared model for an answer's status and its decoded JSON body (see ``_parse_response``)"""
    if status_code == 200:
        response_200 = ImagesResponse.from_dict(document)

        return response_200

    if status_code == 400:
        response_400 = ErrorResponse.from_dict(document)

        return response_400

    if status_code == 401:
        response_401 = ErrorResponse.from_dict(document)

        return response_401

    if status_code == 402:
        response_402 = ErrorResponse.from_dict(document)

        return response_402

    if status_code == 403:
        response_403 = ErrorResponse.from_dict(document)

        return response_403

    if status_code == 404:
        response_404 = ErrorResponse.from_dict(document)

        return response_404

    if status_code == 413:
        response_413 = ErrorResponse.from_dict(document)

        return response_413

    if status_code == 422:
        response_422 = ErrorResponse.from_dict(document)

        return response_422

    if status_code == 429:
        response_429 = ErrorResponse.from_dict(document)

        return response_429

    if 500 <= status_code <= 599:
        response_5xx = ErrorResponse.from_dict(document)

        return response_5xx

    return None


def build_request(
    *,
    client: AuthenticatedClient | Client,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> httpx.Request:
    """The request this operation sends, built from ``client``'s settings and ``options``; nothing is sent"""
    return client.build_request(
        _get_kwargs(
            body=body,
            idempotency_key=idempotency_key,
        ),
        options,
    )


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ImagesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ImagesResponse]:
    """Generate an image

     Creates images from a text prompt. Beyond the standard fields each model accepts its
    own model-specific sizing and quality parameters (`resolution`, `aspect_ratio`,
    `width`/`height`, `quality`, `image_size`); send the ones your model supports (see
    `GET /v1/models`). Every response returns the actual `usage.cost`. Use `stream: true`
    for slow, high-resolution generations that would otherwise time out.

    Args:
        idempotency_key (str | Unset):
        body (ImageGenerationRequest): Image generation request. `model` and `prompt` are
            required; the rest is optional. A
            model safely ignores any field it does not support. The model-specific sizing and
            quality fields apply only to models that declare them. Additional model-specific
            parameters not listed may also be sent and are forwarded to the model.
             Example: {'model': 'nano-banana-pro', 'prompt': 'a serene canal in Venice at sunset',
            'n': 1, 'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImagesResponse]
    """

    request = build_request(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        options=options,
    )

    response = client.get_httpx_client().send(request)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> ErrorResponse | ImagesResponse | None:
    """Generate an image

     Creates images from a text prompt. Beyond the standard fields each model accepts its
    own model-specific sizing and quality parameters (`resolution`, `aspect_ratio`,
    `width`/`height`, `quality`, `image_size`); send the ones your model supports (see
    `GET /v1/models`). Every response returns the actual `usage.cost`. Use `stream: true`
    for slow, high-resolution generations that would otherwise time out.

    Args:
        idempotency_key (str | Unset):
        body (ImageGenerationRequest): Image generation request. `model` and `prompt` are
            required; the rest is optional. A
            model safely ignores any field it does not support. The model-specific sizing and
            quality fields apply only to models that declare them. Additional model-specific
            parameters not listed may also be sent and are forwarded to the model.
             Example: {'model': 'nano-banana-pro', 'prompt': 'a serene canal in Venice at sunset',
            'n': 1, 'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImagesResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        options=options,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ImagesResponse]:
    """Generate an image

     Creates images from a text prompt. Beyond the standard fields each model accepts its
    own model-specific sizing and quality parameters (`resolution`, `aspect_ratio`,
    `width`/`height`, `quality`, `image_size`); send the ones your model supports (see
    `GET /v1/models`). Every response returns the actual `usage.cost`. Use `stream: true`
    for slow, high-resolution generations that would otherwise time out.

    Args:
        idempotency_key (str | Unset):
        body (ImageGenerationRequest): Image generation request. `model` and `prompt` are
            required; the rest is optional. A
            model safely ignores any field it does not support. The model-specific sizing and
            quality fields apply only to models that declare them. Additional model-specific
            parameters not listed may also be sent and are forwarded to the model.
             Example: {'model': 'nano-banana-pro', 'prompt': 'a serene canal in Venice at sunset',
            'n': 1, 'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImagesResponse]
    """

    request = build_request(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        options=options,
    )

    response = await client.get_async_httpx_client().send(request)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImageGenerationRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> ErrorResponse | ImagesResponse | None:
    """Generate an image

     Creates images from a text prompt. Beyond the standard fields each model accepts its
    own model-specific sizing and quality parameters (`resolution`, `aspect_ratio`,
    `width`/`height`, `quality`, `image_size`); send the ones your model supports (see
    `GET /v1/models`). Every response returns the actual `usage.cost`. Use `stream: true`
    for slow, high-resolution generations that would otherwise time out.

    Args:
        idempotency_key (str | Unset):
        body (ImageGenerationRequest): Image generation request. `model` and `prompt` are
            required; the rest is optional. A
            model safely ignores any field it does not support. The model-specific sizing and
            quality fields apply only to models that declare them. Additional model-specific
            parameters not listed may also be sent and are forwarded to the model.
             Example: {'model': 'nano-banana-pro', 'prompt': 'a serene canal in Venice at sunset',
            'n': 1, 'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImagesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            options=options,
        )
    ).parsed
