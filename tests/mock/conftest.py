"""Shared helpers for the mock server tests: clients for the session mock, multipart bodies.

Names these tests share with the spec are derived from it (``ERROR_KEYS``) or pinned to it by
``test_the_shared_names_are_the_spec_s`` (``IMAGE_OPERATIONS``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import pytest

from deepshi import _spec
from deepshi.mock import MockServer

IMAGE_OPERATIONS = ("createImage", "editImage")
"""The operations that answer images: JSON generations and multipart edits (the tests branch on them)."""
ERROR_KEYS = (set(_spec.component("ErrorResponse")["properties"]), set(_spec.component("ErrorDetail")["properties"]))
"""The keys of an error body and of its ``error`` object (spec decision 4: every one is present)."""


@pytest.fixture
def api(deepshi_mock: MockServer) -> Iterator[httpx.Client]:
    """An httpx client on the session mock's ``/v1`` with a valid key."""
    with httpx.Client(
        base_url=deepshi_mock.base_url, headers={"Authorization": f"Bearer {deepshi_mock.api_key}"}, timeout=10
    ) as client:
        yield client


def multipart(parts: Sequence[tuple[str, Any]], boundary: str = "testboundary") -> tuple[bytes, str]:
    """A hand-built multipart body: ``(name, "text")`` or ``(name, (filename, bytes, content_type|None))``."""
    chunks: list[bytes] = []
    for name, value in parts:
        chunks.append(f"--{boundary}\r\n".encode())
        if isinstance(value, tuple):
            filename, content, content_type = value
            chunks.append(f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode())
            if content_type:
                chunks.append(f"Content-Type: {content_type}\r\n".encode())
            chunks.append(b"\r\n" + content + b"\r\n")
        else:
            raw = value if isinstance(value, bytes) else str(value).encode()
            chunks.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + raw + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def post_form(client: httpx.Client, parts: Sequence[tuple[str, Any]], **kwargs: Any) -> httpx.Response:
    """POST a hand-built multipart edit."""
    body, content_type = multipart(parts)
    headers = {"content-type": content_type, **kwargs.pop("headers", {})}
    return client.post("/images/edits", content=body, headers=headers, **kwargs)


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The ``error`` object of a JSON error answer (asserting the shape)."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == ERROR_KEYS[0]
    assert set(body["error"]) == ERROR_KEYS[1]
    return body["error"]  # type: ignore[no-any-return]
