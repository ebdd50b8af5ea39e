"""Contract 8, OpenAI SDK -> mock: the official ``openai`` Python SDK (pinned) works for every operation.

Deepshi documents its API as OpenAI-compatible, so the SDK people already use must work against
the mock as it works against the API, through the SDK's own typed objects: edits with one file,
a list, ``(filename, bytes, type)`` tuples, a path and raw bytes; ``n``; both response formats;
``output_format``; model-specific fields through ``extra_body``; streamed generations and edits
(the final image read from the SDK's own event objects); the async client; typed errors. The
mock's journal shows what the SDK put on the wire, and every request must be a valid one.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from openai.types import ImageEditPartialImageEvent, ImageGenCompletedEvent
from PIL import Image

from deepshi.mock import MockServer
from deepshi.mock.journal import JournalEntry

from .images import render

PNG = render("image/png", 64, 48, seed=1, noise=0).data
JPEG = render("image/jpeg", 40, 30, seed=2, noise=0).data
WEBP = render("image/webp", 24, 24, seed=3, noise=0).data


def test_the_sdk_is_the_pinned_one() -> None:
    assert openai.__version__ == "3.57.0"  # pyproject.toml's test extra; bump both together


@pytest.fixture
def sdk(deepshi_mock: MockServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=deepshi_mock.base_url, api_key=deepshi_mock.api_key, max_retries=0) as client:
        yield client


@pytest.fixture
async def async_sdk(deepshi_mock: MockServer) -> AsyncIterator[openai.AsyncOpenAI]:
    async with openai.AsyncOpenAI(
        base_url=deepshi_mock.base_url, api_key=deepshi_mock.api_key, max_retries=0
    ) as client:
        yield client


def image_of(b64: str | None) -> Image.Image:
    assert b64, "no base64 image where the SDK reads it"
    return Image.open(io.BytesIO(base64.b64decode(b64)))


def only_request(mock: MockServer) -> JournalEntry:
    [entry] = mock.journal
    assert entry.valid, entry.error
    assert entry.status == 200
    return entry


def files_sent(entry: JournalEntry) -> list[tuple[str, str | None, str | None, int, str]]:
    return [(f.field, f.filename, f.content_type, f.size, f.sha256) for f in entry.files]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- edits: every way the SDK takes files ---------------------------------------------------------


def test_edit_with_one_open_file(sdk: openai.OpenAI, deepshi_mock: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "input.png"
    path.write_bytes(PNG)

    with path.open("rb") as image:
        result = sdk.images.edit(model="deepshi-image-1", prompt="make it night", image=image)

    assert result.data is not None
    [item] = result.data
    decoded = image_of(item.b64_json)
    assert f"{decoded.width}x{decoded.height}" == result.size == "1024x1024"
    assert result.usage is not None
    assert result.usage.total_tokens is None  # Deepshi's usage: absent, not zero
    assert (result.usage.model_extra or {})["cost"] == {"total_cost": 0.01}
    entry = only_request(deepshi_mock)
    # One file goes under `image`, the name the SDKs use; the server accepts it (decision 1).
    assert files_sent(entry) == [("image", "input.png", "image/png", len(PNG), sha(PNG))]


def test_edit_with_a_path(sdk: openai.OpenAI, deepshi_mock: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(JPEG)

    result = sdk.images.edit(model="nano-banana-2", prompt="x", image=path)

    assert result.data is not None
    assert image_of(result.data[0].b64_json).size == (1024, 1024)
    assert files_sent(only_request(deepshi_mock)) == [("image", "photo.jpg", "image/jpeg", len(JPEG), sha(JPEG))]


def test_edit_with_raw_bytes(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    # The SDK sends bare bytes as `upload`, application/octet-stream: the content decides.
    result = sdk.images.edit(model="nano-banana-2", prompt="x", image=WEBP)

    assert result.data is not None
    assert files_sent(only_request(deepshi_mock)) == [
        ("image", "upload", "application/octet-stream", len(WEBP), sha(WEBP))
    ]


def test_edit_with_a_list_of_tuples_n_output_format_and_extra_body(
    sdk: openai.OpenAI, deepshi_mock: MockServer
) -> None:
    result = sdk.images.edit(
        model="nano-banana-2",
        prompt="combine them",
        image=[("a.png", PNG, "image/png"), ("b.jpg", JPEG, "image/jpeg"), ("c.webp", WEBP, "image/webp")],
        n=2,
        response_format="b64_json",
        output_format="webp",
        extra_body={"aspect_ratio": "16:9", "resolution": "2K", "seed": 7},
    )

    assert result.size == "2048x1152"
    assert result.data is not None
    images = [image_of(item.b64_json) for item in result.data]
    assert [(image.size, image.format) for image in images] == [((2048, 1152), "WEBP")] * 2
    assert images[0].tobytes() != images[1].tobytes()
    entry = only_request(deepshi_mock)
    assert files_sent(entry) == [
        ("image[]", "a.png", "image/png", len(PNG), sha(PNG)),
        ("image[]", "b.jpg", "image/jpeg", len(JPEG), sha(JPEG)),
        ("image[]", "c.webp", "image/webp", len(WEBP), sha(WEBP)),
    ]
    fields = {key: entry.fields[key] for key in ("n", "output_format", "aspect_ratio", "resolution", "seed")}
    assert fields == {"n": 2, "output_format": "webp", "aspect_ratio": "16:9", "resolution": "2K", "seed": 7}


def test_edit_as_a_url_answer(sdk: openai.OpenAI) -> None:
    result = sdk.images.edit(
        model="gpt-image-2", prompt="x", image=("a.png", PNG, "image/png"), response_format="url", quality="high"
    )

    assert result.data is not None
    url = result.data[0].url or ""
    assert url.startswith("data:image/png;base64,")
    assert image_of(url.partition(",")[2]).size == (1024, 1024)


# --- generations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("response_format", ["b64_json", "url"])
def test_generate_in_both_response_formats(sdk: openai.OpenAI, deepshi_mock: MockServer, response_format: Any) -> None:
    result = sdk.images.generate(
        model="gpt-image-2", prompt="a red fox", quality="high", n=2, response_format=response_format
    )

    assert result.data is not None
    assert len(result.data) == 2
    for item in result.data:
        if response_format == "url":
            assert item.b64_json is None
            assert (item.url or "").startswith("data:image/png;base64,")
            encoded = (item.url or "").partition(",")[2]
        else:
            assert item.url is None
            encoded = item.b64_json or ""
        assert image_of(encoded).size == (1024, 1024)
        assert item.revised_prompt == "a red fox, in soft natural light"
    assert only_request(deepshi_mock).fields["quality"] == "high"


def test_generate_with_output_format_and_extra_body(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    result = sdk.images.generate(
        model="flux-2-pro",
        prompt="x",
        output_format="jpeg",
        extra_body={"width": 640, "height": 480, "guidance": 3.5},
    )

    assert result.size == "640x480"
    assert result.data is not None
    assert image_of(result.data[0].b64_json).format == "JPEG"
    entry = only_request(deepshi_mock)
    assert {key: entry.fields[key] for key in ("width", "height", "guidance")} == {
        "width": 640,
        "height": 480,
        "guidance": 3.5,  # an unlisted model parameter, forwarded (decision 5)
    }


def test_models_list(sdk: openai.OpenAI) -> None:
    models = list(sdk.models.list())

    assert len(models) == 10
    by_id = {model.id: model for model in models}
    assert (by_id["nano-banana-2"].model_extra or {})["edit"] == {"supported": True, "max_images": 14}
    assert by_id["flux-2-pro"].owned_by == "black-forest-labs"


# --- streams: the final image from the SDK's own event objects ------------------------------------


def test_streamed_generate(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    events = list(sdk.images.generate(model="gpt-image-2", prompt="a fox", quality="low", stream=True))

    [event] = events  # the keepalive comment is not an event
    assert isinstance(event, ImageGenCompletedEvent)
    assert event.type == "image_generation.completed"
    image = image_of(event.b64_json)
    assert (f"{image.width}x{image.height}", image.format) == (event.size, "PNG")
    assert (event.output_format, event.quality) == ("png", "low")
    assert event.created_at == (event.model_extra or {})["created"]
    assert event.usage.total_tokens == 4280  # the SDK's typed usage reads Deepshi's total
    assert only_request(deepshi_mock).fields["stream"] is True


def test_streamed_edit(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    stream = sdk.images.edit(
        model="nano-banana-2",
        prompt="make it night",
        image=("a.png", PNG, "image/png"),
        stream=True,
        output_format="jpeg",
        extra_body={"aspect_ratio": "4:3"},
    )
    events = list(stream)

    # The edit stream's union does not know `image_generation.completed` (the reference page's
    # terminal event for edits too), so the SDK parses it as its first member; b64_json is there.
    [event] = events
    assert isinstance(event, ImageEditPartialImageEvent)
    assert str(event.type) == "image_generation.completed"  # typed as the member's own literal
    image = image_of(event.b64_json)
    assert (image.size, image.format, event.size, event.output_format) == ((1024, 768), "JPEG", "1024x768", "jpeg")
    entry = only_request(deepshi_mock)
    assert (entry.fields["stream"], files_sent(entry)[0][0]) == (True, "image")


def test_a_stream_error_event_raises_the_sdks_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.APIError, match="The model failed to produce an image"):
        list(sdk.images.generate(model="deepshi-image-1", prompt="mock-error stream", stream=True))


# --- the async client ----------------------------------------------------------------------------


async def test_async_client_edits_generates_and_streams(
    async_sdk: openai.AsyncOpenAI, deepshi_mock: MockServer
) -> None:
    edited = await async_sdk.images.edit(model="grok-imagine", prompt="x", image=("a.png", PNG, "image/png"))
    generated = await async_sdk.images.generate(model="seedream-4.5", prompt="x", size="auto")
    events = [
        event async for event in await async_sdk.images.generate(model="nano-banana-pro", prompt="x", stream=True)
    ]

    assert edited.data is not None
    assert image_of(edited.data[0].b64_json).format == "JPEG"  # grok-imagine's default format
    assert generated.size == "2048x2048"
    [event] = events
    assert isinstance(event, ImageGenCompletedEvent)
    assert image_of(event.b64_json).size == (1024, 1024)
    assert [entry.status for entry in deepshi_mock.journal] == [200, 200, 200]
    assert all(entry.valid for entry in deepshi_mock.journal)


# --- typed errors --------------------------------------------------------------------------------


def test_errors_reach_the_sdk_as_its_typed_errors(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        sdk.images.generate(model="not-a-model", prompt="x")
    assert (bad.value.status_code, bad.value.code, bad.value.param) == (400, "model_not_found", "model")
    assert bad.value.request_id == deepshi_mock.journal[-1].request_id

    with pytest.raises(openai.BadRequestError) as capped:
        sdk.images.edit(model="grok-imagine", prompt="x", image=[("a.png", PNG, "image/png")] * 2)
    assert (capped.value.code, capped.value.param) == ("too_many_images", "image[]")

    with pytest.raises(openai.RateLimitError) as limited:
        sdk.images.generate(model="deepshi-image-1", prompt="mock-error 429")
    assert limited.value.response.headers["retry-after"] == "2"

    with pytest.raises(openai.PermissionDeniedError):
        sdk.with_options(api_key=MockServer.REVOKED_KEY).models.list()
    with pytest.raises(openai.AuthenticationError):
        sdk.with_options(api_key="sk-bf-x").models.list()
