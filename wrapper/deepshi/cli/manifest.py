"""The batch manifest: JSON Lines, one edit or generation per line, read as a stream.

A line is a JSON object. With ``image`` (a path or a list of paths, relative to the manifest's
directory) it is an edit, without it a generation::

    {"prompt": "make it night", "model": "nano-banana-2", "image": "photos/a.jpg", "name": "a-night"}
    {"prompt": "a red fox in snow", "model": "gpt-image-2", "n": 2, "output_format": "webp"}

Its keys are the request fields of that command (``request_schema``, rendered from the spec: a
field added to the spec is a key the next regen, a removed one is refused), plus ``name``; each
value is checked against the field's schema, and the command line's field flags fill the fields a
line leaves out. Blank lines are skipped; line numbers count every physical line, starting at 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .request_fields import phrase
from .request_schema import FIELDS, FILES

NAME_KEY = "name"
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
    operation: str
    """The command (and facade method) it runs: ``edit`` or ``generate``."""
    options: dict[str, Any] = field(default_factory=dict)  # request keyword arguments except the files
    images: tuple[Path, ...] = ()


@dataclass
class Survey:
    """A first pass over the manifest: how many lines, and which reuse another line's name."""

    lines: int = 0
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)
    """``(line, name, first line with that name)`` for every line whose output name is taken."""


def read_lines(path: Path) -> Iterator[ManifestLine]:
    """Yield the manifest's non-blank lines one at a time (the file is never loaded whole)."""
    with path.open(encoding="utf-8") as stream:
        for number, text in enumerate(stream, start=1):
            if text.strip():
                yield ManifestLine(number, text)


def count_lines(path: Path) -> int:
    """How many non-blank lines the manifest has (a streaming pass, for the progress bar)."""
    return sum(1 for _ in read_lines(path))


def survey(path: Path) -> Survey:
    """Count the lines and find the output names used twice (a streaming pass; only names are kept).

    Two lines with one name would both be sent and billed and one result kept, so the batch
    refuses to start. A line that is not valid JSON or has an unusable name is left for its turn
    (it fails on its own).
    """
    found = Survey()
    first: dict[str, int] = {}
    for line in read_lines(path):
        found.lines += 1
        name = _output_name(line)
        if name is None:
            continue
        if name in first:
            found.duplicates.append((line.number, name, first[name]))
        else:
            first[name] = line.number
    return found


def _output_name(line: ManifestLine) -> str | None:
    try:
        value = json.loads(line.text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    try:
        return _name(value.get(NAME_KEY), line)
    except ManifestError:
        return None


def command_of(value: Mapping[str, Any]) -> str:
    """The command a line runs: the one whose files key it has, else the one that takes no files."""
    for command, files in FILES.items():
        if files is not None and files in value:
            return command
    return next(command for command, files in FILES.items() if files is None)


def parse_job(line: ManifestLine, base_dir: Path, defaults: Mapping[str, Any]) -> Job:
    """Turn a line into a `Job`; `defaults` (from the command line) fill fields the line leaves out."""
    try:
        value = json.loads(line.text)
    except ValueError as exc:
        raise ManifestError(f"line {line.number} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ManifestError(f"line {line.number} must be a JSON object, got {type(value).__name__}")
    command = command_of(value)
    fields = FIELDS[command]
    files = FILES[command]
    own = {NAME_KEY} | ({files} if files else set())
    known = sorted(set(fields) | own)
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise ManifestError(f"unknown field {unknown[0]!r}; known fields: {', '.join(known)}", unknown[0])
    options = {key: item for key, item in defaults.items() if item is not None and key in fields}
    for key, item in value.items():
        if key in own:
            continue
        problem = fields[key].problem(item)
        if problem is not None:
            raise ManifestError(f"{phrase(f'field {key!r}', problem)} (got {json.dumps(item)})", key)
        options[key] = item
    for required in (key for key, spec in fields.items() if spec.required):
        if required not in options:
            flag = fields[required].flag
            raise ManifestError(f"missing field {required!r} (give it on the line or as {flag})", required)
    images = _image_paths(value.get(files), base_dir, files) if files else ()
    return Job(
        line=line.number,
        name=_name(value.get(NAME_KEY), line),
        operation=command,
        options=options,
        images=images,
    )


def _image_paths(item: Any, base_dir: Path, key: str) -> tuple[Path, ...]:
    entries = [item] if isinstance(item, str) else item
    if not isinstance(entries, list) or not entries or not all(isinstance(entry, str) and entry for entry in entries):
        raise ManifestError(f"field {key!r} must be a path or a non-empty list of paths", key)
    return tuple(base_dir / entry for entry in entries)


def _name(item: Any, line: ManifestLine) -> str:
    if item is None:
        return line.default_name
    if not isinstance(item, str) or not _SAFE_NAME.fullmatch(item):
        raise ManifestError(
            "field 'name' must be 1-100 characters of letters, digits, '.', '_' or '-', not starting with '.', '_' or '-'",
            NAME_KEY,
        )
    return item
