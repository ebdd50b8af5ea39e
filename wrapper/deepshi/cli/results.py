"""Saving a result's images and telling the user where they went and what they cost.

Every image is kept: files are ``{stem}-{label}.{ext}`` where the label is the image's index, made
distinct when an answer repeats an index (``deepshi._filenames``). If a write fails once the answer
has arrived (it was billed), the images not yet written go to a new fallback folder in the system's
temporary directory, and the failure names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from deepshi import GeneratedImage, ImagesResult
from deepshi._filenames import image_labels

from .errors import SavingFailed
from .files import fallback_directory, free_stem, write_atomic
from .output import format_bytes, format_cost, plural


@dataclass(frozen=True)
class SavedImage:
    path: Path
    size_bytes: int


@dataclass(frozen=True)
class Saved:
    """What was written, and, when some images had to go elsewhere, the failure to report."""

    images: list[SavedImage]
    problem: SavingFailed | None = None


def image_file_names(images: list[GeneratedImage], stem: str) -> list[str]:
    """``{stem}-{label}.{ext}`` per image, every name distinct (see ``deepshi._filenames``)."""
    labels = image_labels(image.number for image in images)
    return [f"{stem}-{label}.{image.extension}" for image, label in zip(images, labels, strict=True)]


def save_result(result: ImagesResult, directory: Path, stem: str) -> Saved:
    """Write every image as ``{stem}-{label}.{ext}`` in `directory` (which exists), each atomically.

    The stem gets a ``-2``, ``-3``… suffix when a file of one of those names exists: nothing is
    overwritten. A failed write sends the rest to a fallback folder (see the module's docstring).
    """
    names = image_file_names(result.images, "")
    stem = free_stem(directory, stem, names)
    return save_images(list(zip(result.images, [stem + name for name in names], strict=True)), directory)


def save_images(
    named: list[tuple[GeneratedImage, str]], directory: Path, *, fallback: Callable[[], Path] = fallback_directory
) -> Saved:
    """Write each image under its name in `directory`; on a failure, the rest go to the `fallback()` folder."""
    saved: list[SavedImage] = []
    for position, (image, name) in enumerate(named):
        try:
            saved.append(SavedImage(write_atomic(directory / name, image.data), len(image.data)))
        except OSError as exc:
            return Saved(saved, _rescue(named[position:], saved, directory, exc, fallback))
    return Saved(saved)


def _rescue(
    rest: list[tuple[GeneratedImage, str]],
    saved: list[SavedImage],
    directory: Path,
    cause: OSError,
    make_fallback: Callable[[], Path],
) -> SavingFailed:
    reason = cause.strerror or str(cause) or type(cause).__name__
    try:
        fallback = make_fallback()
        for image, name in rest:
            saved.append(SavedImage(write_atomic(fallback / name, image.data), len(image.data)))
    except OSError as again:
        return SavingFailed(
            f"could not save {plural(len(rest), 'image')} in {directory} ({reason}), nor in a temporary "
            f"folder ({again.strerror or again}): they are lost, though the request was billed"
        )
    return SavingFailed(
        f"could not save in {directory} ({reason}); saved {plural(len(rest), 'image')} in {fallback} instead"
    )


def print_saved(console: Console, result: ImagesResult, saved: list[SavedImage]) -> None:
    """``Saved 2 images (nano-banana-2, 1024x1024), cost $0.078:`` then one line per file."""
    facts = ", ".join(fact for fact in (result.model, result.size) if fact)
    console.print(
        f"Saved {plural(len(saved), 'image')}{f' ({escape(facts)})' if facts else ''}, cost [bold]{format_cost(result.cost)}[/]:"
    )
    for item in saved:
        console.print(f"  {escape(str(item.path))}  [dim]{format_bytes(item.size_bytes)}[/]")
