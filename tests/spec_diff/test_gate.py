"""The gate and the command, driven on a temporary git repository holding the real spec.

The repository has the spec-diff scripts, the real spec (working and generated copies), a
CHANGELOG.md and a small ``deepshi`` package (the surface check has its own tests); each test
edits it the way a contributor would and runs the command.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from specdiff import before_regen, main

from .conftest import ROOT, SPEC

CHANGELOG = """\
# Changelog

## [Unreleased]

### Added

- The first thing.
"""
PACKAGE = '''\
"""A stand-in for deepshi with one public function."""

from ._version import __version__


def edit(prompt: str, *, n: int = 1) -> None:
    """Edit an image."""
'''


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def spec_path(self) -> Path:
        return self.root / "openapi" / "deepshi.yaml"

    def edit_spec(self, mutate: Callable[[dict[str, Any]], object]) -> None:
        spec = copy.deepcopy(SPEC)
        mutate(spec)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        self.spec_path.write_text(yaml.dump(spec, Dumper=dumper, sort_keys=False), encoding="utf-8")

    def set_version(self, version: str) -> None:
        (self.root / "wrapper" / "deepshi" / "_version.py").write_text(f'__version__ = "{version}"\n')

    def add_entry(self, text: str = "- `seed` is now required (`request-property-became-required`).") -> None:
        path = self.root / "CHANGELOG.md"
        path.write_text(path.read_text().replace("### Added\n\n", f"### Changed\n\n{text}\n\n### Added\n\n"))

    def commit(self, message: str) -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message)

    def run(self, *argv: str) -> tuple[int, str]:
        out = io.StringIO()
        status = main(list(argv), root=self.root, out=out)
        return status, out.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "spec_diff.py", root / "scripts")
    shutil.copytree(
        ROOT / "scripts" / "specdiff", root / "scripts" / "specdiff", ignore=shutil.ignore_patterns("__pycache__")
    )
    for target in ("openapi/deepshi.yaml", "generated/deepshi_openapi/openapi.yaml"):
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "openapi" / "deepshi.yaml", root / target)
    (root / "wrapper" / "deepshi").mkdir(parents=True)
    (root / "wrapper" / "deepshi" / "__init__.py").write_text(PACKAGE)
    (root / "CHANGELOG.md").write_text(CHANGELOG)
    repo = Repo(root)
    repo.set_version("0.1.0")
    git(root, "init", "-q", "-b", "main")
    repo.commit("init")
    return repo


def require_seed(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ImageGenerationRequest"]["required"].append("seed")


def add_style(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ImageGenerationRequest"]["properties"]["style"] = {"type": "string"}


def test_breaking_change_alone_fails_and_names_the_rule(repo: Repo) -> None:
    repo.edit_spec(require_seed)
    status, out = repo.run()
    assert status == 1
    assert "error [request-property-became-required] request property `seed`: became required" in out
    assert "Gate (1 breaking): FAILS" in out
    assert "CHANGELOG.md: no new entry under ## [Unreleased] and no new version section since HEAD" in out
    assert "version: 0.1.0 -> 0.1.0; a breaking change needs at least 0.2.0" in out
    assert "breaking: request-property-became-required" in out


def test_breaking_change_passes_with_both_a_changelog_entry_and_a_minor_bump(repo: Repo) -> None:
    repo.edit_spec(require_seed)
    repo.add_entry()
    code, out = repo.run()
    assert code == 1
    assert "CHANGELOG.md: 1 new entry under [Unreleased] since HEAD: ok" in out
    assert "version: 0.1.0 -> 0.1.0; a breaking change needs at least 0.2.0" in out
    repo.set_version("0.1.1")  # a patch is for what breaks nobody
    code, out = repo.run()
    assert code == 1
    assert "version: 0.1.0 -> 0.1.1; a breaking change needs at least 0.2.0" in out
    repo.set_version("0.2.0")
    code, out = repo.run()
    assert code == 0
    assert "Gate (1 breaking): passes" in out
    assert "version: 0.1.0 -> 0.2.0: ok" in out
    (repo.root / "CHANGELOG.md").write_text(CHANGELOG)  # the bump alone is not enough
    code, out = repo.run()
    assert code == 1
    assert "CHANGELOG.md: no new entry" in out


def test_a_release_section_counts_and_must_name_the_version(repo: Repo) -> None:
    repo.edit_spec(require_seed)
    repo.set_version("0.2.0")
    changelog = repo.root / "CHANGELOG.md"
    released = CHANGELOG.replace("## [Unreleased]\n", "## [Unreleased]\n\n## [0.3.0] - 2026-12-01\n")
    changelog.write_text(released)
    code, out = repo.run()
    assert code == 1
    assert "the new section [0.3.0] does not name the package version 0.2.0" in out
    changelog.write_text(released.replace("0.3.0", "0.2.0"))
    assert repo.run()[0] == 0


def test_additive_change_needs_nothing(repo: Repo) -> None:
    repo.edit_spec(add_style)
    code, out = repo.run()
    assert code == 0
    assert "info  [new-optional-request-property] request property `style`: new optional property" in out
    assert "Gate" not in out


def test_warnings_gate_only_when_asked(repo: Repo) -> None:
    repo.edit_spec(lambda spec: spec["components"]["schemas"]["ImageGenerationRequest"]["properties"].pop("seed"))
    assert repo.run()[0] == 0
    code, out = repo.run("--fail-on", "WARN")
    assert code == 1
    assert "breaking: request-property-removed" in out


def test_a_ref_base_judges_the_changelog_against_that_ref(repo: Repo) -> None:
    repo.edit_spec(require_seed)
    repo.commit("seed required, no changelog")
    code, out = repo.run("--base", "HEAD~1")
    assert code == 1
    assert "Spec: HEAD~1:openapi/deepshi.yaml -> openapi/deepshi.yaml" in out
    assert "since HEAD~1" in out
    repo.add_entry()
    repo.set_version("0.2.0")
    repo.commit("changelog and version")
    assert repo.run("--base", "HEAD~2")[0] == 0
    code, out = repo.run("--base", "HEAD~2:generated/deepshi_openapi/openapi.yaml")
    assert code == 0
    assert "[request-property-became-required]" in out


def test_the_command_prints_no_changes_on_an_unchanged_tree(repo: Repo) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/spec_diff.py"], cwd=repo.root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Spec: generated/deepshi_openapi/openapi.yaml -> openapi/deepshi.yaml; info.version 1.0.0 (unchanged)",
        "  no changes",
    ]
    assert "no changes that break users (griffe)" in result.stdout


def test_unreadable_inputs_exit_2(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert repo.run("--base", "no-such-ref")[0] == 2
    assert "neither a file nor a git ref" in capsys.readouterr().err
    repo.spec_path.write_text("openapi: [unclosed\n")
    assert repo.run()[0] == 2


def test_before_regen_is_the_gate_on_the_generated_spec(repo: Repo) -> None:
    out = io.StringIO()
    assert before_regen(root=repo.root, out=out) == 0
    repo.edit_spec(require_seed)
    assert before_regen(root=repo.root, out=out) == 1
    (repo.root / "generated" / "deepshi_openapi" / "openapi.yaml").unlink()
    out = io.StringIO()
    assert before_regen(root=repo.root, out=out) == 0
    assert "nothing to compare" in out.getvalue()
