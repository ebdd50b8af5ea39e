"""Static-typing usage checked by ``mypy --strict tests/facade/typing_usage.py`` (never executed).

It proves the overloads: the return type follows ``stream`` (``ImagesResult`` by default or with
``stream=False``, a stream with ``stream=True``, the union for a plain ``bool``), and that every
documented input kind type-checks while a wrong one does not. ``warn_unused_ignores`` makes each
``type: ignore`` below an assertion that mypy does reject that line.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import assert_type

import httpx
from PIL import Image

from deepshi import (
    AsyncDeepshi,
    AsyncImageStream,
    Deepshi,
    GeneratedImage,
    ImageCompletedEvent,
    ImageEditParams,
    ImageGenerateParams,
    ImagesResult,
    ImageStream,
    ModelCatalog,
    ModelInfo,
    RawResponse,
    StreamEvent,
    Usage,
)


def sync_usage(client: Deepshi, flag: bool) -> None:
    assert_type(client.images.edit(model="m", prompt="p", image="a.png"), ImagesResult)
    assert_type(client.images.edit(model="m", prompt="p", image="a.png", stream=False), ImagesResult)
    assert_type(client.images.edit(model="m", prompt="p", image="a.png", stream=True), ImageStream)
    assert_type(client.images.edit(model="m", prompt="p", image="a.png", stream=flag), ImagesResult | ImageStream)
    assert_type(client.images.generate(model="m", prompt="p"), ImagesResult)
    assert_type(client.images.generate(model="m", prompt="p", stream=True), ImageStream)
    assert_type(client.images.generate(model="m", prompt="p", stream=flag), ImagesResult | ImageStream)

    result = client.images.generate(model="m", prompt="p", n=2, quality="high", timeout=None, validate=False)
    assert_type(result.images, list[GeneratedImage])
    assert_type(result.images[0].data, bytes)
    assert_type(result.images[0].save("out.png"), Path)
    assert_type(result.save_all("out"), list[Path])
    assert_type(result.usage, Usage | None)
    assert_type(result.cost, float | None)
    assert_type(result.request_id, str | None)

    with client.images.edit(model="m", prompt="p", image=b"...", stream=True) as stream:
        for event in stream:
            assert_type(event, StreamEvent)
            if isinstance(event, ImageCompletedEvent):
                assert_type(event.result, ImagesResult)
        assert_type(stream.final_result(), ImagesResult)

    catalog = client.models.list()
    assert_type(catalog, ModelCatalog)
    assert_type(catalog.get("m"), ModelInfo | None)
    assert_type(client.models.list(), ModelCatalog)

    client.images.edit(model="m", prompt="p", image="a.png").images  # noqa: B018
    client.images.edit(model="m", prompt="p", image="a.png", stream=True).images  # type: ignore[attr-defined]  # noqa: B018
    client.images.edit(model="m", prompt="p", image=3)  # type: ignore[call-overload]
    client.images.generate(model="m", prompt="p", quality="ultra")  # type: ignore[call-overload]
    client.images.generate(model="m", prompt="p", response_format="png")  # type: ignore[call-overload]


def raw_and_options(client: Deepshi, flag: bool) -> None:
    raw = client.images.with_raw_response.edit(model="m", prompt="p", image="a.png")
    assert_type(raw, RawResponse[ImagesResult])
    assert_type(raw.parse(), ImagesResult)
    assert_type(raw.status_code, int)
    assert_type(raw.request_id, str | None)
    assert_type(raw.http_request, httpx.Request)
    streamed = client.images.with_raw_response.generate(model="m", prompt="p", stream=True)
    assert_type(streamed, RawResponse[ImageStream])
    assert_type(
        client.images.with_raw_response.generate(model="m", prompt="p", stream=flag),
        RawResponse[ImagesResult] | RawResponse[ImageStream],
    )
    assert_type(client.models.with_raw_response.list(), RawResponse[ModelCatalog])
    copy = client.with_options(timeout=30, max_retries=0, default_headers={"x": "y"})
    assert_type(copy, Deepshi)
    client.images.generate(
        model="m", prompt="p", extra_headers={"x-a": "b"}, extra_query={"q": 1}, extra_body={"k": [1]}, max_retries=3
    )
    client.images.generate(model="m", prompt="p", extra_headers={"x-a": 1})  # type: ignore[dict-item]
    params: ImageGenerateParams = {"model": "m", "prompt": "p", "n": 2, "output_format": "webp"}
    client.images.generate(**params)
    edit_params: ImageEditParams = {"model": "m", "prompt": "p", "image": "a.png"}
    client.images.edit(**edit_params)
    client.images.generate(**ImageGenerateParams(prompt="p"))  # type: ignore[typeddict-item]
    client.images.generate(**ImageGenerateParams(model="m", prompt="p", quality="ultra"))  # type: ignore[typeddict-item]


def input_kinds(client: Deepshi, path: Path, handle: io.BufferedReader, picture: Image.Image) -> None:
    client.images.edit(model="m", prompt="p", image="photo.png")
    client.images.edit(model="m", prompt="p", image=path)
    client.images.edit(model="m", prompt="p", image=b"...")
    client.images.edit(model="m", prompt="p", image=bytearray(b"..."))
    client.images.edit(model="m", prompt="p", image=memoryview(b"..."))
    client.images.edit(model="m", prompt="p", image=handle)
    client.images.edit(model="m", prompt="p", image=io.BytesIO(b"..."))
    client.images.edit(model="m", prompt="p", image=("a.png", b"..."))
    client.images.edit(model="m", prompt="p", image=("a.png", handle, "image/png"))
    client.images.edit(model="m", prompt="p", image=picture)
    client.images.edit(model="m", prompt="p", image=[path, b"...", handle, ("a.png", b"..."), picture])


async def async_usage(client: AsyncDeepshi, flag: bool) -> None:
    assert_type(await client.images.edit(model="m", prompt="p", image="a.png"), ImagesResult)
    assert_type(await client.images.edit(model="m", prompt="p", image="a.png", stream=True), AsyncImageStream)
    assert_type(await client.images.generate(model="m", prompt="p", stream=flag), ImagesResult | AsyncImageStream)
    stream = await client.images.generate(model="m", prompt="p", stream=True)
    async with stream:
        async for event in stream:
            assert_type(event, StreamEvent)
        assert_type(await stream.final_result(), ImagesResult)
    assert_type(await client.models.list(), ModelCatalog)
    raw = await client.images.with_raw_response.edit(model="m", prompt="p", image="a.png", stream=True)
    assert_type(raw, RawResponse[AsyncImageStream])
    assert_type(await client.models.with_raw_response.list(), RawResponse[ModelCatalog])
    assert_type(client.with_options(validate=False), AsyncDeepshi)


def construction() -> None:
    Deepshi(api_key="sk-bf-...", base_url="http://127.0.0.1:8000/v1", timeout=30, max_retries=0)
    Deepshi(timeout=httpx.Timeout(600, connect=5), http_client=httpx.Client(), default_headers={"x": "y"})
    AsyncDeepshi(http_client=httpx.AsyncClient(), validate=False)
    Deepshi(http_client=httpx.AsyncClient())  # type: ignore[arg-type]
