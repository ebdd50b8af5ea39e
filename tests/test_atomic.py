"""The package's one atomic-write helper (``deepshi._atomic``): complete or absent, one temporary-name
pattern for every writer, and a sweep that removes what killed writers left (and nothing else).
"""

from __future__ import annotations

import os
import subprocess
import sys
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
from tests.cli.conftest import listing

ROOT = Path(__file__).resolve().parent.parent


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
