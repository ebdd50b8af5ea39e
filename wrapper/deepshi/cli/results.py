"""Saving a result's images and telling the user where they went and what they cost."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from deepshi import ImagesResult

from .files import free_stem, write_atomic
from .output import format_bytes, format_cost, plural


@dataclass(frozen=True)
class SavedImage:
    path: Path
    size_bytes: int


def save_result(result: ImagesResult, directory: Path, stem: str, *, overwrite: bool = False) -> list[SavedImage]:
    """Write every image as ``{stem}-{index}.{ext}`` in `directory`, each atomically.

    Unless `overwrite`, the stem gets a ``-2``, ``-3``… suffix when a file of that name exists.
    """
    directory.mkdir(parents=True, exist_ok=True)
    suffixes = [f"-{image.index}.{image.extension}" for image in result.images]
    if not overwrite:
        stem = free_stem(directory, stem, suffixes)
    return [
        SavedImage(write_atomic(directory / f"{stem}{suffix}", image.data), len(image.data))
        for image, suffix in zip(result.images, suffixes, strict=True)
    ]


def print_saved(console: Console, result: ImagesResult, saved: list[SavedImage]) -> None:
    """``Saved 2 images (nano-banana-2, 1024x1024), cost $0.078:`` then one line per file."""
    facts = ", ".join(fact for fact in (result.model, result.size) if fact)
    console.print(
        f"Saved {plural(len(saved), 'image')}{f' ({escape(facts)})' if facts else ''}, cost [bold]{format_cost(result.cost)}[/]:"
    )
    for item in saved:
        console.print(f"  {escape(str(item.path))}  [dim]{format_bytes(item.size_bytes)}[/]")
