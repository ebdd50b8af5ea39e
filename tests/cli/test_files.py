"""Atomic output files: complete or absent, never partial; temporaries always cleaned up."""

from __future__ import annotations

from pathlib import Path

import pytest

from deepshi.cli.files import TEMP_SUFFIX, atomic_writer, free_stem, sweep_temporaries, write_atomic


def test_write_atomic_writes_the_bytes_with_normal_permissions(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.png", b"image bytes")
    assert target.read_bytes() == b"image bytes"
    assert target.stat().st_mode & 0o777 != 0o600  # not mkstemp's private mode
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


def test_sweep_removes_only_our_temporaries(tmp_path: Path) -> None:
    (tmp_path / f".a.png.1234abcd{TEMP_SUFFIX}").write_bytes(b"left by a killed run")
    (tmp_path / "keep.png").write_bytes(b"x")
    (tmp_path / ".hidden").write_bytes(b"x")
    assert sweep_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hidden", "keep.png"]


def test_free_stem_never_picks_a_name_in_use(tmp_path: Path) -> None:
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat"
    (tmp_path / "cat-1.png").write_bytes(b"x")
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat-2"
    (tmp_path / "cat-2-0.png").write_bytes(b"x")
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat-3"
