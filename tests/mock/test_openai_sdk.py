"""The official ``openai`` SDK works against the mock, as Deepshi documents it works against the API."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from PIL import Image

from deepshi.mock import MockServer
from tests.images import jpeg_bytes, png_bytes, webp_bytes


@pytest.fixture
def sdk(deepshi_mock: MockServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=deepshi_mock.base_url, api_key=deepshi_mock.api_key, max_retries=0) as client:
        yield client


def test_edit_with_one_file(sdk: openai.OpenAI, deepshi_mock: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "input.png"
    path.write_bytes(png_bytes())

    with path.open("rb") as image:
        result = sdk.images.edit(model="deepshi-image-1", prompt="make it night", image=image)

    assert result.data is not None
    decoded = Image.open(io.BytesIO(base64.b64decode(result.data[0].b64_json or "")))
    assert f"{decoded.width}x{decoded.height}" == result.size == "1024x1024"
    assert (result.model_extra or {})["model"] == "deepshi-image-1"
    assert result.usage is not None
    assert (result.usage.model_extra or {})["cost"] == {"total_cost": 0.01}
    [entry] = deepshi_mock.journal
    assert entry.valid
    assert [(f.field, f.filename, f.content_type) for f in entry.files] == [("image", "input.png", "image/png")]


def test_edit_with_a_list_of_files(sdk: openai.OpenAI, deepshi_mock: MockServer) -> None:
    result = sdk.images.edit(
        model="nano-banana-2",
        prompt="combine them",
        image=[
            ("a.png", png_bytes(), "image/png"),
            ("b.jpg", jpeg_bytes(), "image/jpeg"),
            ("c.webp", webp_bytes(), "image/webp"),
        ],
        n=2,
        response_format="b64_json",
        output_format="webp",
        extra_body={"aspect_ratio": "16:9", "resolution": "2K"},
    )

    assert result.size == "2048x1152"
    assert result.data is not None
    assert len(result.data) == 2
    for item in result.data:
        decoded = Image.open(io.BytesIO(base64.b64decode(item.b64_json or "")))
        assert (decoded.size, decoded.format) == ((2048, 1152), "WEBP")
    [entry] = deepshi_mock.journal
    assert [f.field for f in entry.files] == ["image[]", "image[]", "image[]"]
    assert entry.fields["n"] == 2
    assert entry.fields["aspect_ratio"] == "16:9"


def test_generate(sdk: openai.OpenAI) -> None:
    result = sdk.images.generate(model="gpt-image-2", prompt="a red fox", quality="high", response_format="url")

    assert result.data is not None
    url = result.data[0].url or ""
    assert url.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).size == (1024, 1024)
    assert result.data[0].revised_prompt == "a red fox, in soft natural light"


def test_models_list(sdk: openai.OpenAI) -> None:
    models = list(sdk.models.list())

    assert len(models) == 10
    by_id = {m.id: m for m in models}
    assert (by_id["nano-banana-2"].model_extra or {})["edit"] == {"supported": True, "max_images": 14}


def test_errors_reach_the_sdk_as_its_typed_errors(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        sdk.images.generate(model="not-a-model", prompt="x")
    assert bad.value.code == "model_not_found"
    assert bad.value.body == {
        "message": bad.value.body["message"],
        "type": "invalid_request_error",
        "code": "model_not_found",
        "param": "model",
    }  # type: ignore[index]

    with pytest.raises(openai.RateLimitError):
        sdk.images.generate(model="deepshi-image-1", prompt="mock-error 429")

    with (
        openai.OpenAI(base_url=sdk.base_url, api_key="sk-bf-x", max_retries=0) as wrong,
        pytest.raises(openai.AuthenticationError),
    ):
        wrong.models.list()
