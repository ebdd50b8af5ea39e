"""The Python surface of ``deepshi``: griffe's API-breakage check between a git ref and the working tree.

griffe (pinned in the ``test`` extra and the ``spec-diff`` tox env) reads both versions
statically, without importing them. The old version is taken with ``git archive`` into a
temporary directory rather than with ``griffe.load_git``, which adds (and removes) a worktree
and a ``griffe-<ref>`` branch in the repository: two runs at once in worktrees of one repository
would collide on that branch, and a check has no business writing to the repository it checks.
"""

from __future__ import annotations

import io
import logging
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import griffe

PACKAGE = "deepshi"
SEARCH_PATH = "wrapper"  # the package lives in wrapper/deepshi
# Bumping the version is what the gate asks for, not an API break.
IGNORED = {(f"{PACKAGE}.__version__", griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE)}
# The command line's contract is its commands and flags (docs/cli.md), not the Python modules that
# implement them: `deepshi.cli` is not an importable API (docs/versioning.md says so).
NOT_API = (f"{PACKAGE}.cli.",)


class SurfaceError(Exception):
    """The ref cannot be read (not a git repository, or an unknown ref)."""


@dataclass(frozen=True)
class Breakage:
    """One break of the public Python API, as griffe names it."""

    kind: str  # griffe's BreakageKind, as an id: "parameter-removed"
    message: str


def breakages(root: Path, ref: str, *, package: str = PACKAGE, search_path: str = SEARCH_PATH) -> list[Breakage] | None:
    """What breaks for users of ``package`` from ``ref`` to the working tree (``None``: absent at ``ref``)."""
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "--", f"{search_path}/{package}"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        known = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            capture_output=True,
            check=False,
        )
        if known.returncode != 0:
            raise SurfaceError(f"{ref!r} is not a commit of the git repository at {root}")
        return None  # the package does not exist at that ref: nothing can break
    logging.getLogger("griffe").setLevel(logging.ERROR)  # unresolved re-exports are expected, not news
    with tempfile.TemporaryDirectory(prefix="specdiff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        old = _load(package, Path(tmp) / search_path)
        new = _load(package, root / search_path)
        found = [
            Breakage(item.kind.name.lower().replace("_", "-"), _describe(item))
            for item in griffe.find_breaking_changes(old, new)
            if (item.obj.path, item.kind) not in IGNORED and not item.obj.path.startswith(NOT_API)
        ]
    return found


def _load(package: str, search_path: Path) -> griffe.Object | griffe.Alias:
    return griffe.load(
        package,
        search_paths=[search_path],
        try_relative_path=False,
        allow_inspection=False,  # never import either version
        modules_collection=griffe.ModulesCollection(),
        lines_collection=griffe.LinesCollection(),
    )


def _describe(item: griffe.Breakage) -> str:
    subject = item.obj.path
    parameter = item.old_value if isinstance(item.old_value, griffe.Parameter) else item.new_value
    if isinstance(parameter, griffe.Parameter):
        subject += f"({parameter.name})"
    detail = ""
    if item.kind is griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT:
        detail = f": {item.old_value.default} -> {item.new_value.default}"
    elif item.kind in {
        griffe.BreakageKind.ATTRIBUTE_CHANGED_TYPE,
        griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE,
        griffe.BreakageKind.RETURN_CHANGED_TYPE,
    }:
        detail = f": {item.old_value} -> {item.new_value}"
    return f"`{subject}`: {item.kind.value}{detail}"
