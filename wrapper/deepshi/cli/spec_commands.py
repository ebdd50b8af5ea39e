# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""``deepshi edit``, ``deepshi generate`` and ``deepshi batch``: their flags are the request fields (rendered).

Every request field of the spec is a flag here, with its type, enum values, bounds, required-ness
and description taken from the request schema (see ``openapi/surface/cli.yaml``); what the
commands do is hand-written in ``deepshi.cli.images`` and ``deepshi.cli.batch``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from deepshi import Deepshi, ImagesResult, ImageStream
from deepshi_openapi.models import OutputFormat, Quality, ResponseFormat

from . import batch as batch_command
from . import images as image_command
from .command import reports_errors
from .options import BatchConcurrency, BatchManifest, BatchOut, Name, Out
from .request_fields import given, input_file
from .request_schema import EDIT_FIELDS, GENERATE_FIELDS

__all__ = ["batch", "edit", "generate"]


@reports_errors
def edit(
    ctx: typer.Context,
    image: Annotated[
        list[Path],
        typer.Argument(
            metavar="IMAGE...",
            parser=input_file,
            help="Input image files, 1 to 14 (how many a model takes: `deepshi models`); the type is read from the bytes, not the name.",
            show_default=False,
        ),
    ],
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            parser=EDIT_FIELDS["model"].parse,
            metavar="TEXT",
            help="The image model id to use. See `GET /v1/models`.",
            show_default=False,
        ),
    ],
    prompt: Annotated[
        str,
        typer.Option(
            "--prompt",
            "-p",
            parser=EDIT_FIELDS["prompt"].parse,
            metavar="TEXT",
            help="Instruction describing the edit to perform. The maximum length is per model (`prompt_max_length` in `GET /v1/models`).",
            show_default=False,
        ),
    ],
    n: Annotated[
        int | None,
        typer.Option(
            "--n",
            parser=EDIT_FIELDS["n"].parse,
            metavar="INTEGER",
            help="Number of images to generate (1–4). Deepshi's own image models support only 1. The API's default: 1.",
            show_default=False,
        ),
    ] = None,
    response_format: Annotated[
        ResponseFormat | None,
        typer.Option(
            "--response-format",
            parser=EDIT_FIELDS["response_format"].parse,
            metavar="b64_json|url",
            help="How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link. The API's default: b64_json.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output-format",
            parser=EDIT_FIELDS["output_format"].parse,
            metavar="png|jpeg|webp",
            help="Encoding of the returned image. Not all models honor every format. No default is documented; the model's own default applies when omitted.",
            show_default=False,
        ),
    ] = None,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help="Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise time out.",
            show_default=False,
        ),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            parser=EDIT_FIELDS["seed"].parse,
            metavar="INTEGER",
            help="Seed for reproducible output. Omit for a random seed.",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            parser=EDIT_FIELDS["width"].parse,
            metavar="INTEGER",
            help="Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    height: Annotated[
        int | None,
        typer.Option(
            "--height",
            parser=EDIT_FIELDS["height"].parse,
            metavar="INTEGER",
            help="Model-specific. Output height in pixels, for pixel-dimension models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    aspect_ratio: Annotated[
        str | None,
        typer.Option(
            "--aspect-ratio",
            parser=EDIT_FIELDS["aspect_ratio"].parse,
            metavar="TEXT",
            help="Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            parser=EDIT_FIELDS["resolution"].parse,
            metavar="TEXT",
            help="Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    quality: Annotated[
        Quality | None,
        typer.Option(
            "--quality",
            parser=EDIT_FIELDS["quality"].parse,
            metavar="low|medium|high",
            help="Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more, and the price depends on the image size and quality you pick. Omit to use the model's default tier.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    image_size: Annotated[
        str | None,
        typer.Option(
            "--image-size",
            parser=EDIT_FIELDS["image_size"].parse,
            metavar="TEXT",
            help="Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or `1024x1024`.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    out: Out = Path("."),
    name: Name = None,
) -> None:
    """Edit an image (`POST /v1/images/edits`) and save the results in --out, never overwriting a file."""

    def send(client: Deepshi) -> ImagesResult | ImageStream:
        return client.images.edit(
            image=image,
            model=model,
            prompt=prompt,
            n=given(n),
            response_format=given(response_format),
            output_format=given(output_format),
            stream=stream,
            seed=given(seed),
            width=given(width),
            height=given(height),
            aspect_ratio=given(aspect_ratio),
            resolution=given(resolution),
            quality=given(quality),
            image_size=given(image_size),
        )

    image_command.run(
        ctx,
        command="edit",
        inputs=image,
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
        stream=stream,
        out=out,
        name=name,
        send=send,
    )


@reports_errors
def generate(
    ctx: typer.Context,
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            parser=GENERATE_FIELDS["model"].parse,
            metavar="TEXT",
            help="The image model id to use. See `GET /v1/models`.",
            show_default=False,
        ),
    ],
    prompt: Annotated[
        str,
        typer.Option(
            "--prompt",
            "-p",
            parser=GENERATE_FIELDS["prompt"].parse,
            metavar="TEXT",
            help="Text description of the image to generate. The maximum length is per model (`prompt_max_length` in `GET /v1/models`).",
            show_default=False,
        ),
    ],
    n: Annotated[
        int | None,
        typer.Option(
            "--n",
            parser=GENERATE_FIELDS["n"].parse,
            metavar="INTEGER",
            help="Number of images to generate (1–4). Deepshi's own image models support only 1. The API's default: 1.",
            show_default=False,
        ),
    ] = None,
    response_format: Annotated[
        ResponseFormat | None,
        typer.Option(
            "--response-format",
            parser=GENERATE_FIELDS["response_format"].parse,
            metavar="b64_json|url",
            help="How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link. The API's default: b64_json.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output-format",
            parser=GENERATE_FIELDS["output_format"].parse,
            metavar="png|jpeg|webp",
            help="Encoding of the returned image. Not all models honor every format. No default is documented; the model's own default applies when omitted.",
            show_default=False,
        ),
    ] = None,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help="Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise time out.",
            show_default=False,
        ),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            parser=GENERATE_FIELDS["seed"].parse,
            metavar="INTEGER",
            help="Seed for reproducible output. Omit for a random seed.",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            parser=GENERATE_FIELDS["width"].parse,
            metavar="INTEGER",
            help="Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    height: Annotated[
        int | None,
        typer.Option(
            "--height",
            parser=GENERATE_FIELDS["height"].parse,
            metavar="INTEGER",
            help="Model-specific. Output height in pixels, for pixel-dimension models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    aspect_ratio: Annotated[
        str | None,
        typer.Option(
            "--aspect-ratio",
            parser=GENERATE_FIELDS["aspect_ratio"].parse,
            metavar="TEXT",
            help="Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            parser=GENERATE_FIELDS["resolution"].parse,
            metavar="TEXT",
            help="Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    quality: Annotated[
        Quality | None,
        typer.Option(
            "--quality",
            parser=GENERATE_FIELDS["quality"].parse,
            metavar="low|medium|high",
            help="Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more, and the price depends on the image size and quality you pick. Omit to use the model's default tier.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    image_size: Annotated[
        str | None,
        typer.Option(
            "--image-size",
            parser=GENERATE_FIELDS["image_size"].parse,
            metavar="TEXT",
            help="Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or `1024x1024`.",
            rich_help_panel="Model-specific (the model decides which apply; see `deepshi models`)",
            show_default=False,
        ),
    ] = None,
    out: Out = Path("."),
    name: Name = None,
) -> None:
    """Generate an image (`POST /v1/images/generations`) and save the results in --out, never overwriting a file."""

    def send(client: Deepshi) -> ImagesResult | ImageStream:
        return client.images.generate(
            model=model,
            prompt=prompt,
            n=given(n),
            response_format=given(response_format),
            output_format=given(output_format),
            stream=stream,
            seed=given(seed),
            width=given(width),
            height=given(height),
            aspect_ratio=given(aspect_ratio),
            resolution=given(resolution),
            quality=given(quality),
            image_size=given(image_size),
        )

    image_command.run(
        ctx,
        command="generate",
        inputs=[],
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
        stream=stream,
        out=out,
        name=name,
        send=send,
    )


@reports_errors
def batch(
    ctx: typer.Context,
    manifest: BatchManifest,
    out: BatchOut,
    concurrency: BatchConcurrency = 8,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            parser=EDIT_FIELDS["model"].parse,
            metavar="TEXT",
            help="The image model id to use. See `GET /v1/models`.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    prompt: Annotated[
        str | None,
        typer.Option(
            "--prompt",
            "-p",
            parser=EDIT_FIELDS["prompt"].parse,
            metavar="TEXT",
            help="Instruction describing the edit to perform. The maximum length is per model (`prompt_max_length` in `GET /v1/models`).",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    n: Annotated[
        int | None,
        typer.Option(
            "--n",
            parser=EDIT_FIELDS["n"].parse,
            metavar="INTEGER",
            help="Number of images to generate (1–4). Deepshi's own image models support only 1. The API's default: 1.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    response_format: Annotated[
        ResponseFormat | None,
        typer.Option(
            "--response-format",
            parser=EDIT_FIELDS["response_format"].parse,
            metavar="b64_json|url",
            help="How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link. The API's default: b64_json.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output-format",
            parser=EDIT_FIELDS["output_format"].parse,
            metavar="png|jpeg|webp",
            help="Encoding of the returned image. Not all models honor every format. No default is documented; the model's own default applies when omitted.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    stream: Annotated[
        bool | None,
        typer.Option(
            "--stream/--no-stream",
            help="Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise time out.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            parser=EDIT_FIELDS["seed"].parse,
            metavar="INTEGER",
            help="Seed for reproducible output. Omit for a random seed.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            parser=EDIT_FIELDS["width"].parse,
            metavar="INTEGER",
            help="Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro).",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    height: Annotated[
        int | None,
        typer.Option(
            "--height",
            parser=EDIT_FIELDS["height"].parse,
            metavar="INTEGER",
            help="Model-specific. Output height in pixels, for pixel-dimension models.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    aspect_ratio: Annotated[
        str | None,
        typer.Option(
            "--aspect-ratio",
            parser=EDIT_FIELDS["aspect_ratio"].parse,
            metavar="TEXT",
            help="Model-specific. Aspect ratio for aspect-ratio and resolution-tier models.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            parser=EDIT_FIELDS["resolution"].parse,
            metavar="TEXT",
            help="Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    quality: Annotated[
        Quality | None,
        typer.Option(
            "--quality",
            parser=EDIT_FIELDS["quality"].parse,
            metavar="low|medium|high",
            help="Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more, and the price depends on the image size and quality you pick. Omit to use the model's default tier.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
    image_size: Annotated[
        str | None,
        typer.Option(
            "--image-size",
            parser=EDIT_FIELDS["image_size"].parse,
            metavar="TEXT",
            help="Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or `1024x1024`.",
            rich_help_panel="Defaults for the lines that leave a field out",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run every line of MANIFEST (JSON Lines; a line that names input images is an edit, else a generation).

    Results are OUT/{name}-{index}.{ext}; a rerun skips the lines already done; failed lines are listed in OUT/failures.jsonl and make the exit code 1.
    """
    batch_command.run(
        ctx,
        manifest=manifest,
        out=out,
        concurrency=concurrency,
        defaults={
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
    )
