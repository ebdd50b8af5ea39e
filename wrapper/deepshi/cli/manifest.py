"""The batch manifest: JSON Lines, one edit or generation per line, read as a stream.

A line is a JSON object. With ``image`` (a path or a list of paths, relative to the manifest's
directory) it is an edit, without it a generation::

    {"prompt": "make it night", "model": "nano-banana-2", "image": "photos/a.jpg", "name": "a-night"}
    {"prompt": "a red fox in snow", "model": "gpt-image-2", "n": 2, "output_format": "webp"}

Blank lines are skipped; line numbers count every physical line, starting at 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# Request fields a line may carry, with the JSON type each must have.
_INTEGER_FIELDS = ("n", "seed", "width", "height")
_STRING_FIELDS = (
    "model",
    "prompt",
    "response_format",
    "output_format",
    "aspect_ratio",
    "resolution",
    "quality",
    "image_size",
)
_BOOLEAN_FIELDS = ("stream",)
_LINE_FIELDS = ("image", "name")
KNOWN_FIELDS = frozenset(_INTEGER_FIELDS + _STRING_FIELDS + _BOOLEAN_FIELDS + _LINE_FIELDS)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class ManifestError(Exception):
    """A manifest line that cannot become a request (bad JSON, unknown field, wrong type)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


@dataclass(frozen=True)
class ManifestLine:
    """One non-blank physical line of the manifest."""

    number: int
    text: str

    @property
    def default_name(self) -> str:
        """The output stem used when the line gives no ``name``: the zero-padded line number."""
        return f"{self.number:06d}"


@dataclass(frozen=True)
class Job:
    """One manifest line, checked and ready to send."""

    line: int
    name: str
    operation: Literal["edit", "generate"]
    options: dict[str, Any] = field(default_factory=dict)  # request keyword arguments except `image`
    images: tuple[Path, ...] = ()


def read_lines(path: Path) -> Iterator[ManifestLine]:
    """Yield the manifest's non-blank lines one at a time (the file is never loaded whole)."""
    with path.open(encoding="utf-8") as stream:
        for number, text in enumerate(stream, start=1):
            if text.strip():
                yield ManifestLine(number, text)


def count_lines(path: Path) -> int:
    """How many non-blank lines the manifest has (a streaming pass, for the progress bar)."""
    return sum(1 for _ in read_lines(path))


def parse_job(line: ManifestLine, base_dir: Path, defaults: Mapping[str, Any]) -> Job:
    """Turn a line into a `Job`; `defaults` (from the command line) fill fields the line leaves out."""
    try:
        value = json.loads(line.text)
    except ValueError as exc:
        raise ManifestError(f"line {line.number} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ManifestError(f"line {line.number} must be a JSON object, got {type(value).__name__}")
    unknown = sorted(set(value) - KNOWN_FIELDS)
    if unknown:
        raise ManifestError(
            f"unknown field {unknown[0]!r}; known fields: {', '.join(sorted(KNOWN_FIELDS))}", unknown[0]
        )
    options = {key: item for key, item in defaults.items() if item is not None}
    for key, item in value.items():
        if key not in _LINE_FIELDS:
            options[key] = _checked(key, item)
    for required in ("model", "prompt"):
        if required not in options:
            raise ManifestError(f"missing field {required!r} (give it on the line or as --{required})", required)
    images = _image_paths(value.get("image"), base_dir)
    return Job(
        line=line.number,
        name=_name(value.get("name"), line),
        operation="edit" if images else "generate",
        options=options,
        images=images,
    )


def _checked(key: str, item: Any) -> Any:
    expected: type | tuple[type, ...]
    if key in _INTEGER_FIELDS:
        expected, label = int, "an integer"
    elif key in _BOOLEAN_FIELDS:
        expected, label = bool, "true or false"
    else:
        expected, label = str, "a string"
    # bool is an int in Python, but `"n": true` is a mistake in a manifest.
    if not isinstance(item, expected) or (expected is int and isinstance(item, bool)):
        raise ManifestError(f"field {key!r} must be {label}, got {json.dumps(item)}", key)
    return item


def _image_paths(item: Any, base_dir: Path) -> tuple[Path, ...]:
    if item is None:
        return ()
    entries = [item] if isinstance(item, str) else item
    if not isinstance(entries, list) or not entries or not all(isinstance(entry, str) and entry for entry in entries):
        raise ManifestError("field 'image' must be a path or a non-empty list of paths", "image")
    return tuple(base_dir / entry for entry in entries)


def _name(item: Any, line: ManifestLine) -> str:
    if item is None:
        return line.default_name
    if not isinstance(item, str) or not _SAFE_NAME.fullmatch(item):
        raise ManifestError(
            "field 'name' must be 1-100 characters of letters, digits, '.', '_' or '-', not starting with '.', '_' or '-'",
            "name",
        )
    return item
