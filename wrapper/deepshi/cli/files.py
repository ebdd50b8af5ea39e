"""Writing output files: atomically, never a partial file, temporary files always cleaned up.

Hand-written because the pieces we need are a few lines of stdlib: a temporary file in the
target's own directory (so `os.replace` is a same-filesystem rename), fsync, rename, and removal
of the temporary file on any failure. Temporary names end in `TEMP_SUFFIX` so a later run can
sweep what a killed process left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".deepshi-tmp"


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside `path`; on a clean exit it replaces `path`, otherwise it is removed."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    # O_EXCL: never reuse someone else's file; mode 0o666 lets the umask decide, like open() does.
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically and return `path`."""
    with atomic_writer(path) as stream:
        stream.write(data)
    return path


def write_json_atomic(path: Path, value: Any) -> Path:
    """Write `value` as JSON to `path` atomically."""
    return write_atomic(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode())


def sweep_temporaries(directory: Path) -> int:
    """Remove temporary files a killed run left in `directory` (not recursive); return how many."""
    removed = 0
    for leftover in directory.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed


def free_stem(directory: Path, stem: str, names: Iterable[str]) -> str:
    """The first of `stem`, `stem-2`, `stem-3`, … for which no `{candidate}{name}` exists in `directory`.

    `names` are the suffixes to be written (e.g. ``["-0.png", "-1.png"]``); existing files are never
    overwritten by `deepshi edit` / `generate`.
    """
    suffixes = list(names)
    candidate, number = stem, 1
    while any((directory / f"{candidate}{suffix}").exists() for suffix in suffixes):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate
