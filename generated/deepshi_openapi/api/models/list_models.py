from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.model_list import ModelList
from ...types import RequestOptions, Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/models",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ModelList | None:
    if response.status_code == 200:
        response_200 = ModelList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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


def parse_document(*, status_code: int, document: Any) -> ErrorResponse | ModelList | None:
    """The declared model for an answer's status and its decoded JSON body (see ``_parse_response``)"""
    if status_code == 200:
        response_200 = ModelList.from_dict(document)

        return response_200

    if status_code == 401:
        response_401 = ErrorResponse.from_dict(document)

        return response_401

    if status_code == 403:
        response_403 = ErrorResponse.from_dict(document)

        return response_403

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
    options: RequestOptions | None = None,
) -> httpx.Request:
    """The request this operation sends, built from ``client``'s settings and ``options``; nothing is sent"""
    return client.build_request(
        _get_kwargs(),
        options,
    )


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ModelList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ModelList]:
    """List models

     Lists the models your key can call. For image models each entry tells the parameters
    it accepts (with type, allowed values and default), its `edit` block (editing support
    and reference-image cap), `prompt_max_length` and its modalities. The shape of these
    blocks is our design (decision 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ModelList]
    """

    request = build_request(
        client=client,
        options=options,
    )

    response = client.get_httpx_client().send(request)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    options: RequestOptions | None = None,
) -> ErrorResponse | ModelList | None:
    """List models

     Lists the models your key can call. For image models each entry tells the parameters
    it accepts (with type, allowed values and default), its `edit` block (editing support
    and reference-image cap), `prompt_max_length` and its modalities. The shape of these
    blocks is our design (decision 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ModelList
    """

    return sync_detailed(
        client=client,
        options=options,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | ModelList]:
    """List models

     Lists the models your key can call. For image models each entry tells the parameters
    it accepts (with type, allowed values and default), its `edit` block (editing support
    and reference-image cap), `prompt_max_length` and its modalities. The shape of these
    blocks is our design (decision 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ModelList]
    """

    request = build_request(
        client=client,
        options=options,
    )

    response = await client.get_async_httpx_client().send(request)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    options: RequestOptions | None = None,
) -> ErrorResponse | ModelList | None:
    """List models

     Lists the models your key can call. For image models each entry tells the parameters
    it accepts (with type, allowed values and default), its `edit` block (editing support
    and reference-image cap), `prompt_max_length` and its modalities. The shape of these
    blocks is our design (decision 3).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ModelList
    """

    return (
        await asyncio_detailed(
            client=client,
            options=options,
        )
    ).parsed
