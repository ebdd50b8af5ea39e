"""The CLI's output folders: checked writable before anything is sent, swept of what killed runs
left, free names that never overwrite, and a fallback folder when saving fails after the answer.

Every file is written by the package's one atomic-write helper (``deepshi._atomic``, re-exported
here for the commands): a temporary file beside the target, fsync, rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from deepshi._atomic import (
    TEMP_SUFFIX,
    atomic_writer,
    sweep_temporaries,
    temporary_path,
    write_atomic,
    write_json_atomic,
)

from .errors import UsageProblem

__all__ = [
    "TEMP_SUFFIX",
    "atomic_writer",
    "fallback_directory",
    "free_stem",
    "prepare_output_directory",
    "sweep_temporaries",
    "write_atomic",
    "write_json_atomic",
]

FALLBACK_PREFIX = "deepshi-unsaved-"


def prepare_output_directory(directory: Path, option: str = "--out") -> Path:
    """Create `directory` if needed, prove a file can be written in it, and sweep stale temporaries.

    Called before any request is sent, so a folder that cannot be written costs nothing: the
    problem is a `UsageProblem` (exit 2, one line) naming the option and the reason.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # A real file, created and removed the way results will be (same temporary-name pattern,
        # so even a probe orphaned by a kill is swept by the next run).
        probe = temporary_path(directory / "write-probe")
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.close(descriptor)
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageProblem(f"{option} {directory}: cannot write there ({reason}); nothing was sent") from None
    sweep_temporaries(directory)
    return directory


def fallback_directory() -> Path:
    """A new folder in the system's temporary directory, for images that could not be saved where asked."""
    return Path(tempfile.mkdtemp(prefix=FALLBACK_PREFIX))


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
