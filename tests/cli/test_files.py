"""The CLI's output folders: proven writable before sending, free names, a fallback folder.

(The atomic writes themselves are tested in ``tests/test_atomic.py``: the CLI uses the package's
one helper.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from deepshi.cli.errors import UsageProblem
from deepshi.cli.files import FALLBACK_PREFIX, fallback_directory, free_stem, prepare_output_directory


def test_free_stem_never_picks_a_name_in_use(tmp_path: Path) -> None:
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat"
    (tmp_path / "cat-1.png").write_bytes(b"x")
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat-2"
    (tmp_path / "cat-2-0.png").write_bytes(b"x")
    assert free_stem(tmp_path, "cat", ["-0.png", "-1.png"]) == "cat-3"


def test_a_writable_folder_is_created_and_left_with_no_probe(tmp_path: Path) -> None:
    folder = prepare_output_directory(tmp_path / "a" / "b")
    assert folder.is_dir()
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda _tmp: Path("/proc/deepshi-cannot-be-here"), "No such file or directory"),  # procfs refuses mkdir
        (lambda tmp: tmp / "a-file.txt", "File exists"),
        (lambda tmp: tmp / "a-file.txt" / "below", "Not a directory"),
    ],
)
def test_a_folder_that_cannot_be_written_is_one_usage_line(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-file.txt").write_text("not a folder")
    target = make(tmp_path)
    with pytest.raises(UsageProblem) as caught:
        prepare_output_directory(target)
    assert caught.value.exit_code == 2
    assert caught.value.message == f"--out {target}: cannot write there ({reason}); nothing was sent"


def test_a_read_only_folder_is_refused_too(tmp_path: Path) -> None:
    """As root the mode bits do not stop writes; a read-only file system (here /proc/self) does."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:
            folder = Path("/proc/self")  # exists, is a directory, and nothing may be created in it
        with pytest.raises(UsageProblem, match="cannot write there"):
            prepare_output_directory(folder)
    finally:
        (tmp_path / "read-only").chmod(0o755)


def test_the_fallback_is_a_new_folder_in_the_system_temporary_directory() -> None:
    first, second = fallback_directory(), fallback_directory()
    try:
        assert first != second
        for folder in (first, second):
            assert folder.parent == Path(tempfile.gettempdir())
            assert folder.name.startswith(FALLBACK_PREFIX)
            assert folder.is_dir()
    finally:
        first.rmdir()
        second.rmdir()
