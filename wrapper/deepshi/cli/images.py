"""``deepshi edit`` and ``deepshi generate``: one request, results saved, cost printed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from deepshi import ImagesResult, ImageStream

from . import options as opt
from .command import reports_errors
from .results import print_saved, save_result
from .settings import Settings, settings_of

Images = Annotated[
    list[Path],
    typer.Argument(
        help="Input images (PNG, JPEG or WebP), 1 to 14.",
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
    ),
]


@reports_errors
def edit(
    ctx: typer.Context,
    images: Images,
    prompt: opt.Prompt,
    model: opt.Model,
    n: opt.N = None,
    output_format: opt.Format = None,
    width: opt.Width = None,
    height: opt.Height = None,
    aspect_ratio: opt.AspectRatio = None,
    resolution: opt.Resolution = None,
    quality: opt.Quality = None,
    image_size: opt.ImageSize = None,
    seed: opt.Seed = None,
    stream: opt.Stream = False,
    out: opt.Out = Path("."),
    name: opt.Name = None,
) -> None:
    """Edit one or more images with a prompt; save the results in --out."""
    settings = settings_of(ctx)
    request = opt.request_options(
        n=n, output_format=output_format, width=width, height=height, aspect_ratio=aspect_ratio,
        resolution=resolution, quality=quality, image_size=image_size, seed=seed,
    )  # fmt: skip
    with settings.client() as client:
        result = _send(
            settings,
            f"Editing with {model}",
            stream,
            lambda: client.images.edit(model=model, prompt=prompt, image=images, stream=stream, **request),
        )
    print_saved(settings.out, result, save_result(result, out, name or f"{images[0].stem}-edited"))


@reports_errors
def generate(
    ctx: typer.Context,
    prompt: opt.Prompt,
    model: opt.Model,
    n: opt.N = None,
    output_format: opt.Format = None,
    width: opt.Width = None,
    height: opt.Height = None,
    aspect_ratio: opt.AspectRatio = None,
    resolution: opt.Resolution = None,
    quality: opt.Quality = None,
    image_size: opt.ImageSize = None,
    seed: opt.Seed = None,
    stream: opt.Stream = False,
    out: opt.Out = Path("."),
    name: opt.Name = None,
) -> None:
    """Generate images from a prompt; save them in --out."""
    settings = settings_of(ctx)
    request = opt.request_options(
        n=n, output_format=output_format, width=width, height=height, aspect_ratio=aspect_ratio,
        resolution=resolution, quality=quality, image_size=image_size, seed=seed,
    )  # fmt: skip
    with settings.client() as client:
        result = _send(
            settings,
            f"Generating with {model}",
            stream,
            lambda: client.images.generate(model=model, prompt=prompt, stream=stream, **request),
        )
    print_saved(settings.out, result, save_result(result, out, name or "generated"))


def _send(settings: Settings, label: str, stream: bool, call: Callable[[], ImagesResult | ImageStream]) -> ImagesResult:
    """Make the request under a spinner; when streaming, show the time elapsed while keepalives arrive."""
    waiting: AbstractContextManager[object] = (
        _elapsed(settings, f"{label} (streaming: the server sends keepalives while it works)")
        if stream
        else settings.err.status(f"{label}…")
    )
    with waiting:
        answer = call()
        if isinstance(answer, ImageStream):
            with answer:  # always closes the connection
                return answer.final_result()
        return answer


@contextmanager
def _elapsed(settings: Settings, label: str) -> Iterator[None]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=settings.err, transient=True) as progress:
        progress.add_task(label, total=None)
        yield
