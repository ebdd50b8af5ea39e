from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.image_edit_request import ImageEditRequest
from ...models.images_response import ImagesResponse
from ...types import UNSET, RequestOptions, Response, Unset


def _get_kwargs(
    *,
    body: ImageEditRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/images/edits",
    }

    _kwargs["files"] = body.to_multipart()

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
    body: ImageEditRequest,
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
    body: ImageEditRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ImagesResponse]:
    """Edit an image

     Edits or transforms existing images from a prompt plus one or more input images, sent
    as `multipart/form-data`. Supports the same model-specific sizing and quality
    parameters as generation. How many reference images a model accepts varies (1 up to
    14): see the `edit` block in `GET /v1/models`. The files may be sent under `image[]`
    or under `image` (both declared; see decision 1).

    Args:
        idempotency_key (str | Unset):
        body (ImageEditRequest): Image edit request, sent as `multipart/form-data`. `model`,
            `prompt` and at least one
            input image are required. Send the image files under `image[]` or under `image` (the field
            name the OpenAI SDKs use for a single file): both are declared, and both carry the same
            files
            (decision 1). Model parameters that are not listed are forwarded to the model (decision
            5).
             Example: {'model': 'nano-banana-2', 'prompt': 'remove the person on the left', 'n': 1,
            'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

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
    body: ImageEditRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> ErrorResponse | ImagesResponse | None:
    """Edit an image

     Edits or transforms existing images from a prompt plus one or more input images, sent
    as `multipart/form-data`. Supports the same model-specific sizing and quality
    parameters as generation. How many reference images a model accepts varies (1 up to
    14): see the `edit` block in `GET /v1/models`. The files may be sent under `image[]`
    or under `image` (both declared; see decision 1).

    Args:
        idempotency_key (str | Unset):
        body (ImageEditRequest): Image edit request, sent as `multipart/form-data`. `model`,
            `prompt` and at least one
            input image are required. Send the image files under `image[]` or under `image` (the field
            name the OpenAI SDKs use for a single file): both are declared, and both carry the same
            files
            (decision 1). Model parameters that are not listed are forwarded to the model (decision
            5).
             Example: {'model': 'nano-banana-2', 'prompt': 'remove the person on the left', 'n': 1,
            'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

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
    body: ImageEditRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ImagesResponse]:
    """Edit an image

     Edits or transforms existing images from a prompt plus one or more input images, sent
    as `multipart/form-data`. Supports the same model-specific sizing and quality
    parameters as generation. How many reference images a model accepts varies (1 up to
    14): see the `edit` block in `GET /v1/models`. The files may be sent under `image[]`
    or under `image` (both declared; see decision 1).

    Args:
        idempotency_key (str | Unset):
        body (ImageEditRequest): Image edit request, sent as `multipart/form-data`. `model`,
            `prompt` and at least one
            input image are required. Send the image files under `image[]` or under `image` (the field
            name the OpenAI SDKs use for a single file): both are declared, and both carry the same
            files
            (decision 1). Model parameters that are not listed are forwarded to the model (decision
            5).
             Example: {'model': 'nano-banana-2', 'prompt': 'remove the person on the left', 'n': 1,
            'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

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
    body: ImageEditRequest,
    idempotency_key: str | Unset = UNSET,
    options: RequestOptions | None = None,
) -> ErrorResponse | ImagesResponse | None:
    """Edit an image

     Edits or transforms existing images from a prompt plus one or more input images, sent
    as `multipart/form-data`. Supports the same model-specific sizing and quality
    parameters as generation. How many reference images a model accepts varies (1 up to
    14): see the `edit` block in `GET /v1/models`. The files may be sent under `image[]`
    or under `image` (both declared; see decision 1).

    Args:
        idempotency_key (str | Unset):
        body (ImageEditRequest): Image edit request, sent as `multipart/form-data`. `model`,
            `prompt` and at least one
            input image are required. Send the image files under `image[]` or under `image` (the field
            name the OpenAI SDKs use for a single file): both are declared, and both carry the same
            files
            (decision 1). Model parameters that are not listed are forwarded to the model (decision
            5).
             Example: {'model': 'nano-banana-2', 'prompt': 'remove the person on the left', 'n': 1,
            'response_format': 'b64_json', 'aspect_ratio': '16:9', 'resolution': '2K'}.

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
