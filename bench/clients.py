"""The three ways to call the API that every scenario compares, built the same way each time.

* ``deepshi``: the facade (``Deepshi`` / ``AsyncDeepshi``), defaults except ``max_retries=0``;
* ``openai``: the official SDK pointed at the mock, images decoded with ``base64.b64decode`` as
  its own examples do;
* ``httpx (raw)``: a hand-built request on ``httpx.Client`` / ``httpx.AsyncClient`` and the
  fastest decoder there is (``pybase64`` when installed), the floor: no validation, no retries.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import httpx
import openai

from deepshi import AsyncDeepshi, Deepshi

from .config import MODEL
from .server import MockProcess

try:
    import pybase64

    def fastest_b64decode(text: str) -> bytes:
        return pybase64.b64decode(text, validate=True)

except ImportError:  # pragma: no cover - pybase64 is in deepshi[speed], which the bench installs

    def fastest_b64decode(text: str) -> bytes:
        return base64.b64decode(text, validate=True)


def deepshi(mock: MockProcess, **options: Any) -> Deepshi:
    return Deepshi(api_key=mock.api_key, base_url=mock.url, max_retries=0, **options)


def async_deepshi(mock: MockProcess, **options: Any) -> AsyncDeepshi:
    return AsyncDeepshi(api_key=mock.api_key, base_url=mock.url, max_retries=0, **options)


def openai_sync(mock: MockProcess) -> openai.OpenAI:
    return openai.OpenAI(api_key=mock.api_key, base_url=mock.base_url, max_retries=0)


def openai_async(mock: MockProcess, **options: Any) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(api_key=mock.api_key, base_url=mock.base_url, max_retries=0, **options)


def _auth(mock: MockProcess) -> dict[str, str]:
    return {"Authorization": f"Bearer {mock.api_key}"}


def raw_sync(mock: MockProcess) -> httpx.Client:
    return httpx.Client(base_url=mock.url, headers=_auth(mock), timeout=600)


def raw_async(mock: MockProcess, **options: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=mock.url, headers=_auth(mock), timeout=600, **options)


def edit_form(prompt: str) -> dict[str, str]:
    """The non-file fields of every edit."""
    return {"model": MODEL, "prompt": prompt}


def raw_images(
    response: httpx.Response,
    decode: Callable[[str], bytes] = fastest_b64decode,
    parse: Callable[[bytes], Any] | None = None,
) -> list[bytes]:
    """The decoded images of a raw JSON answer (``response.json()``, the stdlib's ``json``, unless ``parse``)."""
    response.raise_for_status()
    document = response.json() if parse is None else parse(response.content)
    return [decode(item["b64_json"]) for item in document["data"]]


def openai_images(response: Any) -> list[bytes]:
    """The decoded images of an openai ``ImagesResponse``, the way its examples decode them."""
    return [base64.b64decode(item.b64_json) for item in response.data]
