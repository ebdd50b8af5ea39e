"""The package's one atomic-write helper (``deepshi._atomic``): complete or absent, one temporary-name
pattern for every writer, and a sweep that removes what killed writers left (and nothing else).

The SIGKILL test kills a real child process in the middle of ``GeneratedImage.save()`` (paused
right after its bytes hit the temporary file), then runs the real ``deepshi`` command into the
same folder: the leftover must be gone, a live writer's temporary file must stay.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deepshi._atomic import (
    TEMP_SUFFIX,
    atomic_writer,
    is_temporary,
    sweep_temporaries,
    temporary_path,
    write_atomic,
)
from deepshi.mock import MockServer
from tests.cli.conftest import CANARY_KEY, listing

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = ROOT / "wrapper" / "deepshi"


def test_write_atomic_writes_the_bytes_with_normal_permissions(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.png", b"image bytes")
    assert target.read_bytes() == b"image bytes"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.png", b"old")

    def interrupted_write() -> None:
        with atomic_writer(target) as stream:
            stream.write(b"half of the new")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_write()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]


def test_a_failure_before_the_first_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="disk full"), atomic_writer(tmp_path / "new.png"):
        raise OSError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_temporary_names_carry_the_writer_and_fit_any_target_name(tmp_path: Path) -> None:
    temp = temporary_path(tmp_path / ("x" * 250 + ".png"))
    assert temp.parent == tmp_path
    assert is_temporary(temp.name)
    assert f".{os.getpid()}." in temp.name
    assert temp.name.endswith(TEMP_SUFFIX)
    assert len(temp.name.encode()) < 255  # NAME_MAX: a long target name still gets a temporary file
    write_atomic(tmp_path / ("x" * 250 + ".png"), b"ok")


def test_every_writer_of_the_package_uses_the_one_helper() -> None:
    """No other module renames files into place or makes its own temporary files."""
    offenders = []
    for path in WRAPPER.rglob("*.py"):
        if path.name == "_atomic.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"os\.replace\(", r"os\.rename\(", r"mkstemp\(", r"NamedTemporaryFile\(", r"\.tmp\b"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_sweep_removes_only_temporaries_whose_writer_is_gone(tmp_path: Path) -> None:
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        stale = tmp_path / f".a.png.{dead}.1234abcd{TEMP_SUFFIX}"
        stale.write_bytes(b"left by a killed run")
        live = tmp_path / f".b.png.{sleeper.pid}.1234abcd{TEMP_SUFFIX}"
        live.write_bytes(b"a write still in progress")
        own = temporary_path(tmp_path / "c.png")
        own.write_bytes(b"this process's own write")
        others = [
            "keep.png",
            ".hidden",
            f".old-style.1234abcd{TEMP_SUFFIX}",  # no pid: not ours to judge
            ".someone-elses.1234abcd.tmp",
            f"visible.{dead}.1234abcd{TEMP_SUFFIX}",  # not hidden: not our pattern
        ]
        for name in others:
            (tmp_path / name).write_bytes(b"x")
        assert sweep_temporaries(tmp_path) == 1
        assert sorted(listing(tmp_path)) == sorted([live.name, own.name, *others])
    finally:
        sleeper.communicate(b"")
    assert sweep_temporaries(tmp_path / "missing") == 0


KILLED_SAVE = textwrap.dedent(
    """
    import os, sys, threading
    from deepshi._results import GeneratedImage
    from deepshi_openapi.models import ImageData

    real_fsync = os.fsync

    def pause(fd):  # the bytes are in the temporary file; stop here until killed
        real_fsync(fd)
        print("written", flush=True)
        threading.Event().wait()

    os.fsync = pause
    image = GeneratedImage.from_raw(ImageData(index=0), position=0, data=os.urandom(4 * 1024 * 1024),
                                    mime_type="image/png")
    image.save(sys.argv[1])
    """
)


def test_a_save_killed_with_sigkill_leaves_a_temporary_the_cli_sweeps(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, str(out / "kept.png")], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "written\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    [leftover] = listing(out)
    assert is_temporary(leftover), leftover  # the facade's saves use the shared pattern
    assert (out / leftover).stat().st_size == 4 * 1024 * 1024

    with MockServer() as mock:
        command = ["generate", "-p", "a lighthouse", "-m", "nano-banana-2", "-o", str(out)]
        done = subprocess.run(
            [sys.executable, "-m", "deepshi", "--base-url", mock.url, "--api-key", CANARY_KEY, *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert listing(out) == ["generated-0.png"]  # the killed save's 4 MiB are gone
