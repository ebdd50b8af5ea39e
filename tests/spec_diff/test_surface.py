"""griffe's breakage check of the Python surface, on a toy package in a temporary git repository."""

from __future__ import annotations

import pytest
from specdiff import surface

from .test_gate import PACKAGE, Repo, git
from .test_gate import repo as repo  # the fixture


def write_package(repo: Repo, source: str) -> None:
    (repo.root / "wrapper" / "deepshi" / "__init__.py").write_text(source)


def test_a_removed_parameter_is_a_breakage_the_gate_stops(repo: Repo) -> None:
    write_package(repo, PACKAGE.replace("def edit(prompt: str, *, n: int = 1)", "def edit(prompt: str)"))
    (breakage,) = surface.breakages(repo.root, "HEAD") or []
    assert breakage.kind == "parameter-removed"
    assert breakage.message == "`deepshi.edit(n)`: Parameter was removed"
    code, out = repo.run()
    assert code == 1
    assert "error [griffe parameter-removed] `deepshi.edit(n)`: Parameter was removed" in out
    assert "breaking: griffe parameter-removed" in out
    repo.add_entry("- `edit()` lost `n` (`griffe parameter-removed`).")
    repo.set_version("0.2.0")
    assert repo.run()[0] == 0


def test_additions_and_a_version_bump_break_nothing(repo: Repo) -> None:
    write_package(repo, PACKAGE + '\n\ndef generate(prompt: str, *, n: int = 1) -> None:\n    """Generate."""\n')
    repo.set_version("0.1.1")
    assert surface.breakages(repo.root, "HEAD") == []
    assert repo.run() == (0, repo.run()[1])


def test_a_changed_default_is_a_breakage(repo: Repo) -> None:
    write_package(repo, PACKAGE.replace("n: int = 1", "n: int = 2"))
    (breakage,) = surface.breakages(repo.root, "HEAD") or []
    assert (breakage.kind, breakage.message) == (
        "parameter-changed-default",
        "`deepshi.edit(n)`: Parameter default was changed: 1 -> 2",
    )


def test_a_package_new_since_the_ref_has_nothing_to_break(repo: Repo) -> None:
    git(repo.root, "rm", "-q", "-r", "wrapper")
    repo.commit("no package yet")
    (repo.root / "wrapper" / "deepshi").mkdir(parents=True)
    write_package(repo, PACKAGE)
    repo.set_version("0.1.0")
    assert surface.breakages(repo.root, "HEAD") is None
    assert "not present at the base ref" in repo.run()[1]


def test_an_unknown_ref_is_an_error(repo: Repo) -> None:
    with pytest.raises(surface.SurfaceError, match="not a commit"):
        surface.breakages(repo.root, "no-such-ref")
