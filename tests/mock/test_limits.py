"""Uploads over the limit get 413 with the error body, without the server buffering them."""

from __future__ import annotations

import socket
import tracemalloc
from collections.abc import Iterator

import httpx
import pytest

from deepshi.mock import MockServer
from tests.images import png_bytes

from .conftest import error_of, multipart

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def small() -> Iterator[MockServer]:
    with MockServer(max_upload_bytes=LIMIT) as server:
        yield server


def edit(server: MockServer, files: list[tuple[str, tuple[str, bytes, str]]]) -> httpx.Response:
    body, content_type = multipart([("model", "nano-banana-2"), ("prompt", "x"), *files])
    headers = {"content-type": content_type, "authorization": f"Bearer {server.api_key}"}
    return httpx.post(server.base_url + "/images/edits", content=body, headers=headers)


def padded_png(size: int) -> bytes:
    return png_bytes() + b"\0" * (size - len(png_bytes()))


@pytest.mark.parametrize("field", ["image[]", "image"])
def test_a_file_over_the_limit_is_413_naming_the_field(small: MockServer, field: str) -> None:
    files = [
        (field, ("ok.png", padded_png(LIMIT), "image/png")),
        (field, ("big.png", padded_png(LIMIT + 1), "image/png")),
    ]

    response = edit(small, files)

    assert response.status_code == 413
    error = error_of(response)
    assert (error["param"], error["code"]) == (field, "file_too_large")
    assert f"'{field}' #2" in error["message"]
    entry = small.journal[-1]
    assert (entry.status, entry.valid) == (413, False)
    assert [f.size for f in entry.files] == [LIMIT]


def test_a_file_at_the_limit_is_accepted(small: MockServer) -> None:
    assert edit(small, [("image[]", ("ok.png", padded_png(LIMIT), "image/png"))]).status_code == 200


def test_a_declared_length_over_the_bound_is_refused_before_reading(small: MockServer) -> None:
    # Only headers are sent: the answer comes without the server waiting for the body.
    with socket.create_connection(("127.0.0.1", small.port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/images/edits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-bf-mock-test-key\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000000000\r\n\r\n"
        )
        received = b""
        while chunk := sock.recv(65536):  # the server closes the connection after answering
            received += chunk
        head = received.decode("latin-1")

    assert head.startswith("HTTP/1.1 413 ")
    assert '"code":"request_too_large"' in head
    assert "application/json" in head


def test_an_endless_upload_is_cut_off_without_buffering(small: MockServer) -> None:
    chunk = b"\0" * 65536

    def endless() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="image[]"; filename="a.png"\r\n\r\n' + png_bytes()
        for _ in range(400):  # 25 MB, chunked, far over the 64 KB per-file limit
            yield chunk

    tracemalloc.start()
    try:
        try:
            response = httpx.post(
                small.base_url + "/images/edits",
                content=endless(),
                headers={"content-type": "multipart/form-data; boundary=b", "authorization": f"Bearer {small.api_key}"},
            )
            status = response.status_code
        except httpx.TransportError:
            status = None  # the server may close the connection while the client is still sending
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert status in (413, None)
    assert peak < 8 * 1024 * 1024, f"peak traced memory {peak} bytes while uploading 25 MB"
    entry = small.journal[-1]
    assert entry.status == 413
    assert entry.error is not None
    assert "larger than" in entry.error


def test_a_generation_body_over_the_file_limit_is_413(small: MockServer) -> None:
    prompt = "p" * (LIMIT + 1)
    response = httpx.post(
        small.base_url + "/images/generations",
        json={"model": "nano-banana-2", "prompt": prompt},
        headers={"authorization": f"Bearer {small.api_key}"},
    )

    assert response.status_code == 413
    assert error_of(response)["code"] == "request_too_large"


def test_a_huge_text_field_is_413(small: MockServer) -> None:
    body, content_type = multipart([("model", "nano-banana-2"), ("prompt", "p" * (1024 * 1024 + 1))])
    response = httpx.post(
        small.base_url + "/images/edits",
        content=body,
        headers={"content-type": content_type, "authorization": f"Bearer {small.api_key}"},
    )

    assert response.status_code == 413
    assert error_of(response)["param"] == "prompt"
