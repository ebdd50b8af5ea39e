"""``client.images``: edit and generate images (the spec's ``Images`` tag).

Each method checks its arguments against the spec and prepares the input images
(:func:`deepshi._requests.plan_request`), then hands the plan to the client, which runs the
model-aware preflight, sends the request through the generated operation and returns an
:class:`ImagesResult` (or a stream with ``stream=True``). Overloads make the static return type
follow ``stream``. Argument descriptions are the spec's (a test keeps them in sync).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, overload

from deepshi._requests import plan_request
from deepshi._results import ImagesResult
from deepshi._streaming import AsyncImageStream, ImageStream
from deepshi._types import NOT_GIVEN, ImageInputs, NotGiven, OutputFormat, Quality, ResponseFormat, TimeoutTypes

if TYPE_CHECKING:
    from deepshi._client import AsyncDeepshi, Deepshi

__all__ = ["AsyncImages", "Images"]


class Images:
    """``client.images``: ``edit`` and ``generate``."""

    def __init__(self, client: Deepshi) -> None:
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream:
        """Edit images from a prompt plus 1 to 14 input images (`POST /v1/images/edits`).

        Checked before sending (spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx. A retried edit that the server had
        already received may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a
                model accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The
                same files may be sent under `image`, the field name the OpenAI SDKs use when you
                pass a single file. Each input may be a path, bytes, a binary file object (streamed,
                not read into memory), a `(filename, content[, mime_type])` tuple or a
                `PIL.Image.Image` (sent as lossless PNG); pass several as a list. The type is
                sniffed from the bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1.
            response_format: How images are returned. `url` returns an inline base64 `data:` URI,
                not a hosted link.
            output_format: Encoding of the returned image. Not all models honor every format. No
                default is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image
                stream instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g.
                flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g.
                nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`.
                Determines the billed price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5,
                gpt-image-2). Higher tiers cost more, and the price depends on the image size and
                quality you pick. Omit to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g.
                seedream-4.5), such as `auto_2K` or `1024x1024`.
            extra_body: Fields the spec does not name, forwarded to the model (booleans go out as
                `true`/`false`, lists and dicts as JSON in multipart).
            timeout: Override the client's timeout for this call (seconds, an `httpx.Timeout`, or
                `None` for none).
            validate: Override the client's `validate`: `False` skips the model-aware preflight for
                this call.

        Returns:
            An `ImagesResult`, or an `ImageStream` when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
                APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
                APIResponseValidationError: see `deepshi._errors`.
        """
        plan = plan_request(
            "edit",
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
        return self._client._execute(plan, timeout, validate)

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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | ImageStream:
        """Generate images from a text prompt (`POST /v1/images/generations`).

        Checked before sending (spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx. A retried generation that the server
        had already received may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1.
            response_format: How images are returned. `url` returns an inline base64 `data:` URI,
                not a hosted link.
            output_format: Encoding of the returned image. Not all models honor every format. No
                default is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image
                stream instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g.
                flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g.
                nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`.
                Determines the billed price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5,
                gpt-image-2). Higher tiers cost more, and the price depends on the image size and
                quality you pick. Omit to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g.
                seedream-4.5), such as `auto_2K` or `1024x1024`.
            extra_body: Fields the spec does not name, forwarded to the model (booleans go out as
                `true`/`false`, lists and dicts as JSON in multipart).
            timeout: Override the client's timeout for this call (seconds, an `httpx.Timeout`, or
                `None` for none).
            validate: Override the client's `validate`: `False` skips the model-aware preflight for
                this call.

        Returns:
            An `ImagesResult`, or an `ImageStream` when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
                APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
                APIResponseValidationError: see `deepshi._errors`.
        """
        plan = plan_request(
            "generate",
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
        return self._client._execute(plan, timeout, validate)


class AsyncImages:
    """``client.images`` of :class:`AsyncDeepshi`: ``await edit(...)`` and ``await generate(...)``."""

    def __init__(self, client: AsyncDeepshi) -> None:
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream:
        """Edit images from a prompt plus 1 to 14 input images (`POST /v1/images/edits`).

        Checked before sending (spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx. A retried edit that the server had
        already received may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Instruction describing the edit to perform. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            image: One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
                `image[]` part with a filename and its content type. How many reference images a
                model accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The
                same files may be sent under `image`, the field name the OpenAI SDKs use when you
                pass a single file. Each input may be a path, bytes, a binary file object (streamed,
                not read into memory), a `(filename, content[, mime_type])` tuple or a
                `PIL.Image.Image` (sent as lossless PNG); pass several as a list. The type is
                sniffed from the bytes, never the file name.
            n: Number of images to generate (1–4). Deepshi's own image models support only 1.
            response_format: How images are returned. `url` returns an inline base64 `data:` URI,
                not a hosted link.
            output_format: Encoding of the returned image. Not all models honor every format. No
                default is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image
                stream instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g.
                flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g.
                nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`.
                Determines the billed price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5,
                gpt-image-2). Higher tiers cost more, and the price depends on the image size and
                quality you pick. Omit to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g.
                seedream-4.5), such as `auto_2K` or `1024x1024`.
            extra_body: Fields the spec does not name, forwarded to the model (booleans go out as
                `true`/`false`, lists and dicts as JSON in multipart).
            timeout: Override the client's timeout for this call (seconds, an `httpx.Timeout`, or
                `None` for none).
            validate: Override the client's `validate`: `False` skips the model-aware preflight for
                this call.

        Returns:
            An `ImagesResult`, or an `AsyncImageStream` when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
                APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
                APIResponseValidationError: see `deepshi._errors`.
        """
        plan = plan_request(
            "edit",
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
        return await self._client._execute(plan, timeout, validate)

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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
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
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109 (an HTTP timeout, as in httpx)
        validate: bool | NotGiven = NOT_GIVEN,
    ) -> ImagesResult | AsyncImageStream:
        """Generate images from a text prompt (`POST /v1/images/generations`).

        Checked before sending (spec, then the model's catalog entry unless `validate=False`);
        retried on connection errors, 408, 409, 429 and 5xx. A retried generation that the server
        had already received may be billed twice.

        Args:
            model: The image model id to use. See `GET /v1/models`.
            prompt: Text description of the image to generate. The maximum length is per model
                (`prompt_max_length` in `GET /v1/models`).
            n: Number of images to generate (1–4). Deepshi's own image models support only 1.
            response_format: How images are returned. `url` returns an inline base64 `data:` URI,
                not a hosted link.
            output_format: Encoding of the returned image. Not all models honor every format. No
                default is documented; the model's own default applies when omitted.
            stream: Stream the result as Server-Sent Events. Use it for slow, high-resolution
                generations that would otherwise time out. With `True` the call returns an image
                stream instead of a result.
            seed: Seed for reproducible output. Omit for a random seed.
            width: Model-specific. Output width in pixels, for pixel-dimension models (e.g.
                flux-2-pro).
            height: Model-specific. Output height in pixels, for pixel-dimension models.
            aspect_ratio: Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.
            resolution: Model-specific. Resolution tier for resolution-tier models (e.g.
                nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`.
                Determines the billed price for those models.
            quality: Model-specific. Quality tier for the GPT Image models (gpt-image-1.5,
                gpt-image-2). Higher tiers cost more, and the price depends on the image size and
                quality you pick. Omit to use the model's default tier.
            image_size: Model-specific. Named output size for preset-size models (e.g.
                seedream-4.5), such as `auto_2K` or `1024x1024`.
            extra_body: Fields the spec does not name, forwarded to the model (booleans go out as
                `true`/`false`, lists and dicts as JSON in multipart).
            timeout: Override the client's timeout for this call (seconds, an `httpx.Timeout`, or
                `None` for none).
            validate: Override the client's `validate`: `False` skips the model-aware preflight for
                this call.

        Returns:
            An `ImagesResult`, or an `AsyncImageStream` when `stream=True`.

        Raises:
            InvalidRequestError: the request was rejected before sending (nothing was sent).
                APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,
                APIResponseValidationError: see `deepshi._errors`.
        """
        plan = plan_request(
            "generate",
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
        return await self._client._execute(plan, timeout, validate)
