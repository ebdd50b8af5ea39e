"""Record mode proxies to an upstream, writes a redacted cassette, and replay is byte-identical."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from PIL import Image

from deepshi.mock import Fault, MockServer
from tests.images import jpeg_bytes, png_bytes, webp_bytes

from .conftest import multipart

CANARY = "sk-bf-canary-0123456789abcdef"


def exchanges() -> list[dict[str, Any]]:
    edit_body, edit_type = multipart(
        [
            ("model", "deepshi-image-1"),
            ("prompt", "swap the sky"),
            ("image[]", ("a.png", png_bytes(), "image/png")),
            ("image[]", ("b.jpg", jpeg_bytes(), "image/jpeg")),
            ("image", ("c.webp", webp_bytes(), "image/webp")),
        ]
    )
    return [
        {"method": "GET", "url": "/models", "params": {"api_key": CANARY}},
        {
            "method": "POST",
            "url": "/images/generations",
            "json": {"model": "nano-banana-2", "prompt": "a", "n": 2, "aspect_ratio": "16:9"},
        },
        {
            "method": "POST",
            "url": "/images/generations",
            "json": {"model": "gpt-image-2", "prompt": "b", "response_format": "url"},
        },
        {"method": "POST", "url": "/images/edits", "content": edit_body, "headers": {"content-type": edit_type}},
        {
            "method": "POST",
            "url": "/images/generations",
            "json": {"model": "deepshi-image-1", "prompt": "a lighthouse at dawn", "stream": True},
        },
        {
            "method": "POST",
            "url": "/images/generations",
            "json": {"model": "flux-2-pro", "prompt": "c", "stream": True, "n": 2},
        },
        {"method": "POST", "url": "/images/generations", "json": {"model": "seedream-4.5", "prompt": "mock-error 429"}},
        {
            "method": "POST",
            "url": "/images/generations",
            "json": {"model": "seedream-4.5", "prompt": "mock-error stream", "stream": True},
        },
    ]


def send(client: httpx.Client, exchange: dict[str, Any]) -> httpx.Response:
    spec = dict(exchange)
    return client.request(spec.pop("method"), spec.pop("url"), **spec)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[httpx.Response], MockServer]:
    directory = tmp_path_factory.mktemp("recorded")
    with (
        MockServer(sse_keepalives=1) as upstream,
        MockServer(directory, record=True, upstream=upstream.url) as recorder,
        httpx.Client(base_url=recorder.base_url, headers={"authorization": f"Bearer {CANARY}"}, timeout=30) as client,
    ):
        responses = [send(client, exchange) for exchange in exchanges()]
        upstream.add_fault(
            Fault(
                "override",
                headers={"set-cookie": f"session={CANARY}", "x-api-key": CANARY, "x-request-id": "req_echo"},
                body={"created": 1, "data": [], "echo": f"your key is {CANARY}"},
            )
        )
        echoed = client.post("/images/generations", json={"model": "nano-banana-2", "prompt": "echo"})
        assert CANARY in echoed.text  # the client still gets what the upstream said
        assert upstream.journal[0].headers["authorization"] == "[REDACTED]"
        assert [e.status for e in upstream.journal] == [r.status_code for r in [*responses, echoed]]
        return directory, responses, recorder


def test_the_client_gets_the_upstream_answers_through_the_recorder(
    recorded: tuple[Path, list[httpx.Response], MockServer],
) -> None:
    _, responses, recorder = recorded

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 200, 429, 200]
    assert responses[6].headers["retry-after"] == "2"
    assert responses[5].text.startswith(": keepalive\n\nevent: image_generation.completed\n")
    entries = recorder.journal
    assert [e.operation for e in entries[:4]] == ["listModels", "createImage", "createImage", "editImage"]
    assert [f.field for f in entries[3].files] == ["image[]", "image[]", "image"]
    assert all(e.valid for e in entries)
    assert all(e.headers["authorization"] == "[REDACTED]" for e in entries)


def test_nothing_secret_reaches_disk(recorded: tuple[Path, list[httpx.Response], MockServer]) -> None:
    directory, _, _ = recorded

    files = [p for p in directory.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert CANARY.encode() not in path.read_bytes(), path
    [cassette] = directory.glob("recorded-*.yaml")
    document = yaml.safe_load(cassette.read_text())
    echo = document["interactions"][-1]
    assert "set-cookie" not in echo["response"]["headers"]
    assert "x-api-key" not in echo["response"]["headers"]
    assert echo["response"]["body"]["echo"] == "your key is [REDACTED]"
    assert document["interactions"][0]["recorded"]["query"] == "api_key=%5BREDACTED%5D"


def test_images_are_written_as_real_files(recorded: tuple[Path, list[httpx.Response], MockServer]) -> None:
    directory, _, _ = recorded
    [cassette] = directory.glob("recorded-*.yaml")
    document = yaml.safe_load(cassette.read_text())

    generation = document["interactions"][1]
    assert generation["request"] == {
        "operation": "createImage",
        "model": "nano-banana-2",
        "prompt": "a",
        "n": 2,
        "aspect_ratio": "16:9",
    }
    refs = [item["b64_json"]["$image"] for item in generation["response"]["body"]["data"]]
    for ref in refs:
        image = Image.open(io.BytesIO((directory / ref).read_bytes()))
        assert f"{image.width}x{image.height}" == generation["response"]["body"]["size"]
    url_item = document["interactions"][2]["response"]["body"]["data"][0]
    assert set(url_item["url"]) == {"$image"}
    edit = document["interactions"][3]
    assert edit["request"]["image_count"] == 3
    assert [f["field"] for f in edit["recorded"]["files"]] == ["image[]", "image[]", "image"]
    stream = document["interactions"][5]["response"]["stream"]
    assert stream[0] == {"comment": "keepalive"}
    assert stream[1]["event"] == "image_generation.completed"
    assert set(stream[1]["data"]["data"][0]["b64_json"]) == {"$image"}
    assert not (directory / "bodies").exists()


def test_the_recording_replays_byte_identically(recorded: tuple[Path, list[httpx.Response], MockServer]) -> None:
    directory, responses, _ = recorded

    with (
        MockServer(directory) as replay,
        httpx.Client(base_url=replay.base_url, headers={"authorization": f"Bearer {CANARY}"}, timeout=30) as client,
    ):
        replayed = [send(client, exchange) for exchange in exchanges()]

    for original, again in zip(responses, replayed, strict=True):
        assert again.status_code == original.status_code
        assert again.content == original.content
        assert again.headers["content-type"] == original.headers["content-type"]
        assert again.headers["x-request-id"] == original.headers["x-request-id"]
    assert {r.headers["x-deepshi-mock-match"] for r in replayed} == {"recorded"}


def test_an_unreachable_upstream_is_a_502(tmp_path: Path) -> None:
    with MockServer(tmp_path, record=True, upstream="http://127.0.0.1:9") as recorder:
        response = httpx.get(recorder.base_url + "/models", headers={"authorization": f"Bearer {recorder.api_key}"})

    assert response.status_code == 502
    assert response.json()["error"]["code"] == "upstream_error"


def test_record_mode_needs_both_an_upstream_and_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="upstream"):
        MockServer(tmp_path, record=True)
    with pytest.raises(ValueError, match="record mode"):
        MockServer(tmp_path, upstream="http://127.0.0.1:9")
