"""Atomic file writes, the one helper of the package: `GeneratedImage.save`/`save_all`, the CLI
and the mock's record mode all write through it, with one temporary-name pattern.

A file is written to a temporary file in its own directory (so ``os.replace`` is a rename on one
file system), flushed, fsynced and renamed over the target: readers see the old file or the
complete new one, never a partial file. On any failure the temporary file is removed. Only a
process killed mid-write (SIGKILL, power loss) can leave one behind, named

    .{target name}.{writer's pid}.{8 hex digits}.deepshi-tmp

so :func:`sweep_temporaries` can tell it apart from anyone else's files and from a write still in
progress: it removes such a file only when the process that wrote it is no longer running (where
that cannot be told, on Windows, when it is older than a day). The CLI sweeps every folder it
writes results into before writing.

Hand-written because it is a few lines of stdlib (``tempfile.mkstemp`` creates its files with mode
0o600, which would give saved images unusual permissions; here the umask decides, as for ``open``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".deepshi-tmp"
_TEMP_NAME = re.compile(r"^\..*\.(?P<pid>\d+)\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$", re.DOTALL)
_STEM_LIMIT = 128
"""At most this many characters of the target's name go into the temporary name (NAME_MAX is 255 bytes)."""
_WINDOWS_STALE_AFTER = 24 * 3600.0


def temporary_path(path: Path) -> Path:
    """A fresh temporary name beside ``path``, in the pattern :func:`sweep_temporaries` recognises."""
    return path.with_name(f".{path.name[:_STEM_LIMIT]}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


class AtomicFile:
    """A file written under a temporary name beside ``path``: :meth:`commit` flushes, fsyncs and renames
    it over ``path``; :meth:`discard` removes it. For a file written over time (a log published at
    the end); :func:`atomic_writer` and :func:`write_atomic` are the usual ways in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temp = temporary_path(path)
        # O_EXCL: never reuse someone else's file; mode 0o666 lets the umask decide, like open() does.
        descriptor = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        self.stream: IO[bytes] = os.fdopen(descriptor, "wb")

    def commit(self) -> Path:
        """Make the written bytes the content of ``path`` (all of them or, on a failure, none)."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise
        return self.path

    def discard(self) -> None:
        """Remove the temporary file; ``path`` is left as it was."""
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; on a clean exit it replaces ``path``, otherwise it is removed."""
    file = AtomicFile(path)
    try:
        yield file.stream
    except BaseException:
        file.discard()
        raise
    file.commit()


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    with atomic_writer(path) as stream:
        stream.write(data)
    return path


def write_json_atomic(path: Path, value: Any) -> Path:
    """Write ``value`` as indented JSON to ``path`` atomically."""
    return write_atomic(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode())


def is_temporary(name: str) -> bool:
    """Whether a file name is one of this helper's temporary files."""
    return _TEMP_NAME.match(name) is not None


def sweep_temporaries(directory: Path) -> int:
    """Remove the temporary files that killed writers left in ``directory`` (not recursive); return how many.

    A temporary file of a process still running (this one included) is left alone: it may be a
    write in progress.
    """
    removed = 0
    try:
        candidates = list(directory.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for leftover in candidates:
        match = _TEMP_NAME.match(leftover.name)
        if match is None or not _stale(leftover, int(match["pid"])):
            continue
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed


def _stale(path: Path, pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there; judge by age instead
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime > _WINDOWS_STALE_AFTER
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OverflowError:  # no process can have that number
        return True
    except PermissionError:  # running, under another user
        return False
    return False
