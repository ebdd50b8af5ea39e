# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""``client.images``: Generate and edit images.

Rendered from the spec (``scripts/regen.py``, stage 2): every argument, its type, whether it is
required, and its description come from the request schema; the behaviour behind the methods is
hand-written (``deepshi._requests``, ``deepshi._engine``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal, overload

from deepshi._raw import RawResponse
from deepshi._requests import CallOptions, Operation, Plan, flag, given, plan_request, with_extra
from deepshi._resource import AsyncCore, SyncCore
from deepshi._results import ImagesResult
from deepshi._streaming import AsyncImageStream, ImageStream
from deepshi._types import NOT_GIVEN, ImageInputs, NotGiven, TimeoutTypes
from deepshi_openapi.api.images import create_image, edit_image
from deepshi_openapi.models import ImageEditRequest, ImageGenerationRequest, OutputFormat, Quality, ResponseFormat
from deepshi_openapi.types import File

__all__ = [
    "AsyncImages",
    "AsyncImagesWithRawResponse",
    "Images",
    "ImagesWithRawResponse",
]


EDIT_IMAGE: Operation[ImageEditRequest] = Operation(
    kind="edit",
    describe="POST /v1/images/edits",
    schema="ImageEditRequest",
    files_field="image[]",
    files_param="image",
    file_aliases=("image",),
    multipart=True,
    build_request=lambda client, body, key, options: edit_image.build_request(
        client=client, body=body, idempotency_key=key, options=options
    ),
    parse_document=edit_image.parse_document,
)


def _edit_plan(
    *,
    model: str,
    prompt: str,
    image: ImageInputs,
    n: int | NotGiven = NOT_GIVEN,
    response_format: ResponseFormat | NotGiven = NOT_GIVEN,
    output_format: OutputFormat | NotGiven = NOT_GIVEN,
    stream: bool = False,
    seed: int | NotGiven = NOT_GIVEN,
    width: int | NotGiven = NOT_GIVEN,
    height: int | NotGiven = NOT_GIVEN,
    aspect_ratio: str | NotGiven = NOT_GIVEN,
    resolution: str | NotGiven = NOT_GIVEN,
    quality: Quality | NotGiven = NOT_GIVEN,
    image_size: str | NotGiven = NOT_GIVEN,
    extra_body: Mapping[str, object] | None = None,
) -> Plan[ImageEditRequest]:
    def body(files: list[File], extra: Mapping[str, Any]) -> ImageEditRequest:
        return with_extra(
            ImageEditRequest(
                model=model,
                prompt=prompt,
                image=files,
                n=given(n),
                response_format=given(response_format),
                output_format=given(output_format),
                stream=flag(stream),
                seed=given(seed),
                width=given(width),
                height=given(height),
                aspect_ratio=given(aspect_ratio),
                resolution=given(resolution),
                quality=given(quality),
                image_size=given(image_size),
            ),
            extra,
            multipart=True,
        )

    return plan_request(
        EDIT_IMAGE,
        fields={
            "model": model,
            "prompt": prompt,
            "n": n,
            "response_format": response_format,
            "output_format": output_format,
            "stream": stream,
            "seed": seed,
            "width": width,
            "height": height,
            "aspect_ratio": aspect_ratio,
            "resolution": resolution,
            "quality": quality,
            "image_size": image_size,
        },
        images=image,
        extra_body=extra_body,
        body=body,
    )


CREATE_IMAGE: Operation[ImageGenerationRequest] = Operation(
    kind="generate",
    describe="POST /v1/images/generations",
    schema="ImageGenerationRequest",
    files_field=None,
    files_param=None,
    file_aliases=(),
    multipart=False,
    build_request=lambda client, body, key, options: create_image.build_request(
        client=client, body=body, idempotency_key=key, options=options
    ),
    parse_document=create_image.parse_document,
)


def _generate_plan(
    *,
    model: str,
    prompt: str,
    n: int | NotGiven = NOT_GIVEN,
    response_format: ResponseFormat | NotGiven = NOT_GIVEN,
    output_format: OutputFormat | NotGiven = NOT_GIVEN,
    stream: bool = False,
    seed: int | NotGiven = NOT_GIVEN,
    width: int | NotGiven = NOT_GIVEN,
    height: int | NotGiven = NOT_GIVEN,
    aspect_ratio: str | NotGiven = NOT_GIVEN,
    resolution: str | NotGiven = NOT_GIVEN,
    quality: Quality | NotGiven = NOT_GIVEN,
    image_size: str | NotGiven = NOT_GIVEN,
    extra_body: Mapping[str, object] | None = None,
) -> Plan[ImageGenerationRequest]:
    def body(_files: list[File], extra: Mapping[str, Any]) -> ImageGenerationRequest:
        return with_extra(
            ImageGenerationRequest(
                model=model,
                prompt=prompt,
                n=given(n),
                response_format=given(response_format),
                output_format=given(output_format),
                stream=flag(stream),
                seed=given(seed),
                width=given(width),
                height=given(height),
                aspect_ratio=given(aspect_ratio),
                resolution=given(resolution),
                quality=given(quality),
                image_size=given(image_size),
            ),
            extra,
            multipart=False,
        )

    return plan_request(
        CREATE_IMAGE,
        fields={
            "model": model,
            "prompt": prompt,
            "n": n,
            "response_format": response_format,
            "output_format": output_format,
            "stream": stream,
            "seed": seed,
            "width": width,
            "height": height,
            "aspect_ratio": aspect_ratio,
            "resolution": resolution,
            "quality": quality,
            "image_size": image_size,
        },
        images=None,
        extra_body=extra_body,
        body=body,
    )


class Images:
    """``client.images``: Generate and edit images."""

    def __init__(self, client: SyncCore) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ImagesWithRawResponse:
        """These methods, returning the answer's HTTP details with ``.parse()`` for the result."""
        return ImagesWithRawResponse(self._client)

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult: ...

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImageStream: ...

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream: ...

    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream:
        """Edit an image (`POST /v1/images/edits`).

        Edits or transforms existing images from a prompt plus one or more input images, sent as
        `multipart/form-data`. Supports the same model-specific sizing and quality parameters as
        generation. How many reference images a model accepts varies (1 up to 14): see the `edit` block
        in `GET /v1/models`. The files may be sent under `image[]` or under `image` (both declared; see
        decision 1).

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a model
                accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The same files may
                be sent under `image`, the field name the OpenAI SDKs use when you pass a single file. Each
                input may be a path, bytes, a binary file object (streamed, not read into memory), a
                `(filename, content[, mime_type])` tuple or a `PIL.Image.Image` (sent as lossless PNG); pass
                several as a list. Each is sent with a filename and its content type, sniffed from the
                bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _edit_plan(
            model=model,
            prompt=prompt,
            image=image,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return self._client._images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult: ...

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImageStream: ...

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream: ...

    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream:
        """Generate an image (`POST /v1/images/generations`).

        Creates images from a text prompt. Beyond the standard fields each model accepts its own
        model-specific sizing and quality parameters (`resolution`, `aspect_ratio`, `width`/`height`,
        `quality`, `image_size`); send the ones your model supports (see `GET /v1/models`). Every
        response returns the actual `usage.cost`. Use `stream: true` for slow, high-resolution
        generations that would otherwise time out.

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _generate_plan(
            model=model,
            prompt=prompt,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return self._client._images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )


class ImagesWithRawResponse:
    """``client.images.with_raw_response``: the same methods, returning a ``RawResponse`` (status, headers, ``.parse()``)."""

    def __init__(self, client: SyncCore) -> None:
        self._client = client

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult]: ...

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImageStream]: ...

    @overload
    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[ImageStream]: ...

    def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[ImageStream]:
        """Edit an image (`POST /v1/images/edits`).

        Edits or transforms existing images from a prompt plus one or more input images, sent as
        `multipart/form-data`. Supports the same model-specific sizing and quality parameters as
        generation. How many reference images a model accepts varies (1 up to 14): see the `edit` block
        in `GET /v1/models`. The files may be sent under `image[]` or under `image` (both declared; see
        decision 1).

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a model
                accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The same files may
                be sent under `image`, the field name the OpenAI SDKs use when you pass a single file. Each
                input may be a path, bytes, a binary file object (streamed, not read into memory), a
                `(filename, content[, mime_type])` tuple or a `PIL.Image.Image` (sent as lossless PNG); pass
                several as a list. Each is sent with a filename and its content type, sniffed from the
                bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _edit_plan(
            model=model,
            prompt=prompt,
            image=image,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return self._client._raw_images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult]: ...

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImageStream]: ...

    @overload
    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[ImageStream]: ...

    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[ImageStream]:
        """Generate an image (`POST /v1/images/generations`).

        Creates images from a text prompt. Beyond the standard fields each model accepts its own
        model-specific sizing and quality parameters (`resolution`, `aspect_ratio`, `width`/`height`,
        `quality`, `image_size`); send the ones your model supports (see `GET /v1/models`). Every
        response returns the actual `usage.cost`. Use `stream: true` for slow, high-resolution
        generations that would otherwise time out.

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _generate_plan(
            model=model,
            prompt=prompt,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return self._client._raw_images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )


class AsyncImages:
    """``client.images`` of AsyncDeepshi: Generate and edit images."""

    def __init__(self, client: AsyncCore) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncImagesWithRawResponse:
        """These methods, returning the answer's HTTP details with ``.parse()`` for the result."""
        return AsyncImagesWithRawResponse(self._client)

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult: ...

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncImageStream: ...

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream: ...

    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream:
        """Edit an image (`POST /v1/images/edits`).

        Edits or transforms existing images from a prompt plus one or more input images, sent as
        `multipart/form-data`. Supports the same model-specific sizing and quality parameters as
        generation. How many reference images a model accepts varies (1 up to 14): see the `edit` block
        in `GET /v1/models`. The files may be sent under `image[]` or under `image` (both declared; see
        decision 1).

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a model
                accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The same files may
                be sent under `image`, the field name the OpenAI SDKs use when you pass a single file. Each
                input may be a path, bytes, a binary file object (streamed, not read into memory), a
                `(filename, content[, mime_type])` tuple or a `PIL.Image.Image` (sent as lossless PNG); pass
                several as a list. Each is sent with a filename and its content type, sniffed from the
                bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _edit_plan(
            model=model,
            prompt=prompt,
            image=image,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return await self._client._images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult: ...

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncImageStream: ...

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream: ...

    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream:
        """Generate an image (`POST /v1/images/generations`).

        Creates images from a text prompt. Beyond the standard fields each model accepts its own
        model-specific sizing and quality parameters (`resolution`, `aspect_ratio`, `width`/`height`,
        `quality`, `image_size`); send the ones your model supports (see `GET /v1/models`). Every
        response returns the actual `usage.cost`. Use `stream: true` for slow, high-resolution
        generations that would otherwise time out.

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _generate_plan(
            model=model,
            prompt=prompt,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return await self._client._images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )


class AsyncImagesWithRawResponse:
    """``client.images.with_raw_response``: the same methods, returning a ``RawResponse`` (status, headers, ``.parse()``)."""

    def __init__(self, client: AsyncCore) -> None:
        self._client = client

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult]: ...

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncImageStream]: ...

    @overload
    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]: ...

    async def edit(
        self,
        *,
        model: str,
        prompt: str,
        image: ImageInputs,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]:
        """Edit an image (`POST /v1/images/edits`).

        Edits or transforms existing images from a prompt plus one or more input images, sent as
        `multipart/form-data`. Supports the same model-specific sizing and quality parameters as
        generation. How many reference images a model accepts varies (1 up to 14): see the `edit` block
        in `GET /v1/models`. The files may be sent under `image[]` or under `image` (both declared; see
        decision 1).

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a model
                accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The same files may
                be sent under `image`, the field name the OpenAI SDKs use when you pass a single file. Each
                input may be a path, bytes, a binary file object (streamed, not read into memory), a
                `(filename, content[, mime_type])` tuple or a `PIL.Image.Image` (sent as lossless PNG); pass
                several as a list. Each is sent with a filename and its content type, sniffed from the
                bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _edit_plan(
            model=model,
            prompt=prompt,
            image=image,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return await self._client._raw_images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[False] = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult]: ...

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncImageStream]: ...

    @overload
    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]: ...

    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | NotGiven = NOT_GIVEN,
        response_format: ResponseFormat | NotGiven = NOT_GIVEN,
        output_format: OutputFormat | NotGiven = NOT_GIVEN,
        stream: bool = False,
        seed: int | NotGiven = NOT_GIVEN,
        width: int | NotGiven = NOT_GIVEN,
        height: int | NotGiven = NOT_GIVEN,
        aspect_ratio: str | NotGiven = NOT_GIVEN,
        resolution: str | NotGiven = NOT_GIVEN,
        quality: Quality | NotGiven = NOT_GIVEN,
        image_size: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str | int | float | bool] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]:
        """Generate an image (`POST /v1/images/generations`).

        Creates images from a text prompt. Beyond the standard fields each model accepts its own
        model-specific sizing and quality parameters (`resolution`, `aspect_ratio`, `width`/`height`,
        `quality`, `image_size`); send the ones your model supports (see `GET /v1/models`). Every
        response returns the actual `usage.cost`. Use `stream: true` for slow, high-resolution
        generations that would otherwise time out.

        Checked before sending (the spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The
        Deepshi docs do not promise deduplication: a retried request may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1. The API's
                default is 1 (not sent when omitted).
            response_format: How images are returned. `url` returns an inline base64 `data:` URI, not a
                hosted link. The API's default is 'b64_json' (not sent when omitted).
            output_format: Encoding of the returned image. Not all models honor every format. No default
                is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image stream
                instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2,
                nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed
                price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2).
                Higher tiers cost more, and the price depends on the image size and quality you pick. Omit
                to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g. seedream-4.5),
                such as `auto_2K` or `1024x1024`.
            extra_headers: Headers to send with this request (they win over the client's; never logged).
            extra_query: Query parameters to add to this request.
            extra_body: Fields the spec does not name, forwarded to the model (in multipart, booleans go
                out as `true`/`false`, lists and dicts as JSON).
            timeout: Override the client's timeout for this request (seconds, an `httpx.Timeout`, or
                `None` for none); it also bounds the model-catalog fetch of the preflight.
            total_timeout: Override the client's `total_timeout` for this call: the most it may take as
                a whole, in seconds (the preflight, every attempt, the waits between retries and, for a
                stream, reading it to its end), or `None` for no bound; past it, `APITimeoutError`, not
                retried.
            max_retries: Override the client's `max_retries` for this call.
            validate: Override the client's `validate`: `False` skips the model-aware preflight for this
                call.

        Returns:
            An `ImagesResult`, or an image stream when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
            APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
            APIResponseValidationError: see `deepshi._errors`.
        """
        plan = _generate_plan(
            model=model,
            prompt=prompt,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
            extra_body=extra_body,
        )
        return await self._client._raw_images(
            plan,
            CallOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                total_timeout=total_timeout,
                max_retries=max_retries,
                validate=validate,
            ),
        )
