"""The facade against the real mock server (``deepshi.mock``): every input kind on the wire, MIME
sniffing, each preflight rule with an empty journal proving nothing was sent, sync and async,
streaming, faults and retries."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from deepshi import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncDeepshi,
    AuthenticationError,
    BadRequestError,
    Deepshi,
    ImageCompletedEvent,
    InsufficientCreditsError,
    InvalidRequestError,
    PermissionDeniedError,
    StreamError,
)
from deepshi.mock import Fault, MockServer
from tests.clock import on_clock
from tests.images import jpeg_bytes, png_bytes, webp_bytes

from .fakes import FakeTimer


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def mock(deepshi_mock: MockServer) -> MockServer:
    return deepshi_mock


@pytest.fixture
def timer() -> FakeTimer:
    return FakeTimer()


@pytest.fixture
def client(mock: MockServer, timer: FakeTimer) -> Iterator[Deepshi]:
    with on_clock(Deepshi(base_url=mock.base_url, api_key=mock.api_key), timer.timer()) as deepshi:
        deepshi.models.list()  # warm the catalog, so the journal shows only what each test sends
        mock.reset_journal()
        yield deepshi


def edits(mock: MockServer) -> list[object]:
    return [entry for entry in mock.journal if entry.operation == "editImage"]


def test_every_input_kind_reaches_the_server(client: Deepshi, mock: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "lighthouse.png"
    path.write_bytes(png_bytes())
    pil = Image.new("RGB", (6, 5), (10, 200, 30))
    with open(path, "rb") as handle:
        inputs: list[object] = [
            path,
            str(path),
            jpeg_bytes(),
            bytearray(webp_bytes()),
            memoryview(png_bytes()),
            handle,
            io.BytesIO(webp_bytes()),
            ("named.jpg", jpeg_bytes()),
            ("typed.webp", io.BytesIO(webp_bytes()), "image/webp"),
            pil,
        ]
        result = client.images.edit(model="nano-banana-2", prompt="add a rainbow", image=inputs)  # type: ignore[arg-type]
    assert result.images
    assert result.images[0].mime_type == "image/png"
    (entry,) = mock.journal
    assert entry.valid
    assert entry.status == 200
    assert entry.operation == "editImage"
    assert [f.field for f in entry.files] == ["image[]"] * 10
    assert [f.content_type for f in entry.files] == [
        "image/png", "image/png", "image/jpeg", "image/webp", "image/png",
        "image/png", "image/webp", "image/jpeg", "image/webp", "image/png",
    ]  # fmt: skip
    assert [f.filename for f in entry.files][:2] == ["lighthouse.png", "lighthouse.png"]
    assert [f.filename for f in entry.files][7:9] == ["named.jpg", "typed.webp"]
    expected = [
        png_bytes(),
        png_bytes(),
        jpeg_bytes(),
        webp_bytes(),
        png_bytes(),
        png_bytes(),
        webp_bytes(),
        jpeg_bytes(),
        webp_bytes(),
    ]
    assert [f.sha256 for f in entry.files][:9] == [sha(data) for data in expected]
    assert entry.fields == {"model": "nano-banana-2", "prompt": "add a rainbow"}


def test_mime_type_is_sniffed_not_taken_from_the_name(client: Deepshi, mock: MockServer, tmp_path: Path) -> None:
    liar = tmp_path / "photo.png"
    liar.write_bytes(jpeg_bytes())
    client.images.edit(model="nano-banana-2", prompt="p", image=[liar, ("still-a-webp.jpg", webp_bytes())])
    (entry,) = mock.journal
    assert [(f.filename, f.content_type) for f in entry.files] == [
        ("photo.png", "image/jpeg"),
        ("still-a-webp.jpg", "image/webp"),
    ]


PREFLIGHT_CASES: list[tuple[dict[str, object], str]] = [
    ({"model": "grok-imagine", "image": [png_bytes(), png_bytes()]}, "accepts at most 1 per edit"),
    ({"model": "seedream-4.5", "prompt": "x" * 4001}, "accepts at most 4000"),
    ({"model": "deepshi-image-1", "n": 2}, "n: model 'deepshi-image-1' accepts only 1; got 2"),
    ({"model": "nano-banana-2", "width": 1024}, "width: model 'nano-banana-2' does not accept width"),
    ({"model": "gpt-image-2", "aspect_ratio": "16:9"}, "its sizing/quality fields are: image_size, quality"),
    (
        {"model": "nano-banana-2", "resolution": "8K"},
        "resolution: model 'nano-banana-2' accepts one of '1K', '2K', '4K'",
    ),
    ({"model": "flux-2-pro", "width": 100, "height": 512}, "width: model 'flux-2-pro' accepts an integer >= 256"),
    ({"model": "gpt-image-2", "quality": "ultra"}, "quality: 'ultra' is not one of"),
    ({"model": "nano-banana-2", "n": 5}, "n: 5 is greater than the maximum of 4"),
    ({"model": "nano-banana-2", "prompt": 7}, "prompt: expected string, got int 7"),
    ({"model": "nano-banana-2", "image": [png_bytes()] * 15}, "image: 15 given; the API accepts at most 14"),
    ({"model": "nano-banana-2", "image": b"GIF89a\x01\x00"}, "image: not a PNG, JPEG or WebP image"),
]


@pytest.mark.parametrize(("options", "message"), PREFLIGHT_CASES)
def test_each_preflight_rule_sends_nothing(
    client: Deepshi, mock: MockServer, options: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"prompt": "make it blue", "image": png_bytes(), **options}
    with pytest.raises(InvalidRequestError, match=message.replace("(", r"\(").replace("[", r"\[")):
        client.images.edit(**arguments)  # type: ignore[call-overload]
    assert mock.journal == []


def test_without_the_preflight_the_server_rejects_the_same_requests(client: Deepshi, mock: MockServer) -> None:
    with pytest.raises(BadRequestError):  # the edit cap: refused by the API, and by the mock in every mode
        client.images.edit(model="grok-imagine", prompt="p", image=[png_bytes(), png_bytes()], validate=False)
    assert [entry.status for entry in mock.journal] == [400]
    # A value outside the catalog is ignored by default (as the API documents); a strict mock refuses it.
    with (
        MockServer(strict_parameters=True) as strict,
        Deepshi(base_url=strict.base_url, api_key=strict.api_key, max_retries=0) as strict_client,
        pytest.raises(BadRequestError),
    ):
        strict_client.images.edit(model="deepshi-image-1", prompt="p", image=png_bytes(), n=2, validate=False)


def test_unknown_model_is_left_to_the_server(client: Deepshi, mock: MockServer) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.images.generate(model="no-such-model", prompt="p")
    assert caught.value.param == "model"
    assert caught.value.request_id
    assert [entry.status for entry in mock.journal] == [400]


def test_generation_with_options_and_url_format(client: Deepshi, mock: MockServer) -> None:
    result = client.images.generate(
        model="gpt-image-2", prompt="a cabin", quality="high", image_size="1024x1024", response_format="url", seed=3
    )
    image = result.images[0]
    assert image.mime_type == "image/png"
    assert image.data.startswith(b"\x89PNG")
    assert image.raw.url is not None
    assert str(image.raw.url).startswith("data:image/png;base64,")
    (entry,) = mock.journal
    assert entry.fields["quality"] == "high"
    assert entry.fields["response_format"] == "url"
    assert result.request_id == entry.request_id


def test_saving_results(client: Deepshi, tmp_path: Path) -> None:
    result = client.images.edit(model="nano-banana-2", prompt="p", image=png_bytes(), n=2, output_format="webp")
    paths = result.save_all(tmp_path)
    assert [p.name for p in paths] == [f"{i.index}.{i.extension}" for i in result.images]
    assert all(Image.open(p).format in ("PNG", "JPEG", "WEBP") for p in paths)


def test_streaming_edit(mock: MockServer, client: Deepshi) -> None:
    with client.images.edit(model="nano-banana-2", prompt="p", image=jpeg_bytes(), stream=True) as stream:
        events = list(stream)
    assert isinstance(events[-1], ImageCompletedEvent)
    assert stream.final_result().images[0].data[:4] == b"\x89PNG"
    assert mock.journal[0].fields["stream"] is True


def test_stream_error_event_and_truncated_stream(client: Deepshi, mock: MockServer) -> None:
    mock.add_fault(Fault("sse_error_event", message="the model crashed"))
    with pytest.raises(StreamError, match="the model crashed"):
        client.images.generate(model="nano-banana-2", prompt="p", stream=True).final_result()
    mock.add_fault(Fault("truncated_sse"))
    with pytest.raises(StreamError):
        client.images.generate(model="nano-banana-2", prompt="p", stream=True).final_result()


def test_retry_after_fault_is_retried_and_files_resent(
    client: Deepshi, mock: MockServer, timer: FakeTimer, tmp_path: Path
) -> None:
    path = tmp_path / "a.webp"
    path.write_bytes(webp_bytes())
    mock.add_fault(Fault("status", status=503, retry_after=2), count=1)
    mock.add_fault(Fault("status", status=429, retry_after_ms=1500), count=1)
    with open(path, "rb") as handle:
        result = client.images.edit(model="nano-banana-2", prompt="p", image=[path, handle, png_bytes()])
    assert result.images
    assert timer.sleeps == [2.0, 1.5]
    attempts = edits(mock)
    assert [e.status for e in attempts] == [503, 429, 200]  # type: ignore[attr-defined]
    digests = {tuple(f.sha256 for f in e.files) for e in attempts}  # type: ignore[attr-defined]
    assert digests == {(sha(webp_bytes()), sha(webp_bytes()), sha(png_bytes()))}


def test_broken_or_malformed_answers(mock: MockServer) -> None:
    client_no_retry = Deepshi(base_url=mock.base_url, api_key=mock.api_key, max_retries=0, validate=False)
    with client_no_retry:
        mock.add_fault(Fault("reset_before_headers"))
        with pytest.raises(APIConnectionError):
            client_no_retry.images.generate(model="nano-banana-2", prompt="p")
        for kind in ("malformed_json", "wrong_content_type"):
            mock.add_fault(Fault(kind))
            with pytest.raises(APIResponseValidationError):
                client_no_retry.images.generate(model="nano-banana-2", prompt="p")
        mock.add_fault(Fault("truncated_json"))
        with pytest.raises((APIResponseValidationError, APIConnectionError)):
            client_no_retry.images.generate(model="nano-banana-2", prompt="p")


def test_key_problems_map_to_their_errors() -> None:
    keys = {"sk-bf-broke-000": "no_credits", "sk-bf-revoked-000": "revoked", "sk-bf-good-0000": "ok"}
    cases = (
        ("sk-bf-broke-000", InsufficientCreditsError),
        ("sk-bf-revoked-000", PermissionDeniedError),
        ("sk-bf-unknown-000", AuthenticationError),
    )
    with MockServer(api_keys=keys) as server:
        for key, error in cases:
            with Deepshi(base_url=server.base_url, api_key=key, max_retries=0) as client, pytest.raises(error):
                client.images.generate(model="nano-banana-2", prompt="p")


async def test_async_edit_generate_and_stream(mock: MockServer, timer: FakeTimer, tmp_path: Path) -> None:
    path = tmp_path / "x.jpg"
    path.write_bytes(jpeg_bytes())
    async with on_clock(AsyncDeepshi(base_url=mock.base_url, api_key=mock.api_key), timer.timer()) as client:
        mock.add_fault(Fault("status", status=500, operation="editImage"), count=1)
        result = await client.images.edit(
            model="flux-2-pro", prompt="p", image=[path, png_bytes()], width=512, height=512
        )
        assert result.images
        assert timer.sleeps == [0.5]
        with pytest.raises(InvalidRequestError, match="does not accept resolution"):
            await client.images.generate(model="flux-2-pro", prompt="p", resolution="2K")
        stream = await client.images.generate(model="nano-banana-pro", prompt="p", stream=True)
        async with stream:
            events = [event async for event in stream]
        assert isinstance(events[-1], ImageCompletedEvent)
    statuses = [(e.operation, e.status) for e in mock.journal]
    assert statuses == [("listModels", 200), ("editImage", 500), ("editImage", 200), ("createImage", 200)]


@pytest.mark.parametrize("style", ["client", "transport"])
async def test_async_client_on_the_aiohttp_transport(mock: MockServer, style: str) -> None:
    import httpx_aiohttp

    http: httpx.AsyncClient = (
        httpx_aiohttp.HttpxAiohttpClient()
        if style == "client"
        else httpx.AsyncClient(transport=httpx_aiohttp.AiohttpTransport())
    )
    async with http, AsyncDeepshi(base_url=mock.base_url, api_key=mock.api_key, http_client=http) as client:
        result = await client.images.edit(model="nano-banana-2", prompt="p", image=[png_bytes(), webp_bytes()])
        assert result.images[0].data[:4] == b"\x89PNG"
        stream = await client.images.generate(model="nano-banana-2", prompt="p", stream=True)
        async with stream:
            assert (await stream.final_result()).images
        with pytest.raises(BadRequestError):
            await client.images.generate(model="nope", prompt="p")
    assert [e.status for e in mock.journal] == [200, 200, 200, 400]
