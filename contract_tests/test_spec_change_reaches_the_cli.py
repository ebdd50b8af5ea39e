"""A new optional request field reaches the command line and the batch manifest with no hand edit.

On a temporary copy of the project (a git repository, as a maintainer's clone is), the published
spec (``openapi/upstream/``) gets an optional enum field ``background`` in both request schemas,
and the one regenerate command runs (``python scripts/regen.py``). Then, with nothing else edited (the test checks which files
changed), the copy's own ``deepshi`` command and mock server, started from the copy:

* ``deepshi generate --background transparent`` and ``deepshi edit … --background opaque`` send
  the field (the mock's journal shows it), ``--help`` lists it with its choices, and a value off
  the enum is a usage error naming them, before anything is sent;
* a batch manifest line with ``"background": "auto"`` sends it; one with a value off the enum fails
  that line, naming the choices; ``deepshi batch --background`` is a default for the other lines.

Slow (it runs the generator and a dozen processes), so it lives in the contract suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .pytest_runs import child_environment
from .test_suite_has_teeth import committed_copy, git

UPSTREAM = "openapi/upstream/deepshi.yaml"
FIELD = """\
background:
  $ref: '#/components/schemas/Background'
"""
SCHEMA = """\
Background:
  type: string
  enum: [transparent, opaque, auto]
  description: Background of the generated image (added to test the regenerate path).
"""
RENDERED_OR_GENERATED = ("generated/", "wrapper/deepshi/resources/", "wrapper/deepshi/_params.py")
CLI_RENDERED = ("wrapper/deepshi/cli/request_schema.py", "wrapper/deepshi/cli/spec_commands.py")


def _environment(copy: Path) -> dict[str, str]:
    return child_environment({"PYTHONPATH": f"{copy / 'wrapper'}:{copy / 'generated'}", "COLUMNS": "200"})


def _deepshi(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deepshi", *args],
        cwd=copy,
        env=_environment(copy),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # CHANGELOG.md: the spec-diff gate reads it
    copy = committed_copy(tmp_path_factory.mktemp("spec-change") / "repo", ("CHANGELOG.md",))

    # Deepshi publishes the field: the vendored upstream copy changes (openapi/deepshi.yaml is built
    # from it), in both options of its edit body and in the generation body.
    spec = copy / UPSTREAM
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    bodies = [option["properties"] for option in schemas["ImageEditRequest"]["oneOf"]]
    bodies.append(schemas["ImageGenerationRequest"]["properties"])
    for properties in bodies:
        properties["background"] = yaml.safe_load(FIELD)["background"]
    schemas.update(yaml.safe_load(SCHEMA))
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    regen = subprocess.run(
        [sys.executable, "scripts/regen.py"], cwd=copy, capture_output=True, text=True, check=False, timeout=600
    )
    assert regen.returncode == 0, regen.stdout + regen.stderr
    return copy


@pytest.fixture(scope="module")
def mock_url(regenerated: Path) -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "deepshi.mock", "serve", "--port", "0"],
        cwd=regenerated,
        env={**_environment(regenerated), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("Deepshi mock server: "), first
        yield first.split(": ", 1)[1].strip().removesuffix("/v1")
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _journal(origin: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(f"{origin}/__mock__/journal", timeout=10) as answer:
        entries: list[dict[str, object]] = json.load(answer)["entries"]
    return [entry for entry in entries if entry["operation"] != "listModels"]


def test_only_the_spec_and_what_regen_writes_changed(regenerated: Path) -> None:
    changed = [line[3:] for line in git(regenerated, "status", "--porcelain", "-uall").splitlines()]
    assert "openapi/deepshi.yaml" in changed
    assert UPSTREAM in changed
    others = [path for path in changed if path not in ("openapi/deepshi.yaml", UPSTREAM)]
    assert others, "regen changed nothing"
    unexpected = [path for path in others if not (path.startswith(RENDERED_OR_GENERATED) or path in CLI_RENDERED)]
    assert not unexpected, f"regen changed files it does not write: {unexpected}"
    assert set(CLI_RENDERED) <= set(changed)
    where = subprocess.run(  # the copy's package is the one that runs
        [sys.executable, "-c", "import deepshi.cli.spec_commands as m; print(m.__file__)"],
        env=_environment(regenerated),
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(regenerated.resolve())


def test_the_new_field_is_a_flag_with_its_choices(regenerated: Path, mock_url: str, tmp_path: Path) -> None:
    shown = _deepshi(regenerated, "generate", "--help")  # (edit's and batch's flags are used below)
    assert shown.returncode == 0, shown.stderr
    assert "--background" in shown.stdout
    assert "transparent|opaque|auto" in shown.stdout

    base = ["--base-url", mock_url, "--api-key", "sk-bf-mock-test-key", "--max-retries", "0"]
    refused = _deepshi(regenerated, *base, "generate", "-p", "x", "-m", "nano-banana-2", "--background", "clear")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "error: --background: choose transparent, opaque or auto (got 'clear')"
    assert _journal(mock_url) == []

    out = tmp_path / "out"
    generated = _deepshi(
        regenerated,
        *base,
        "generate",
        "-p",
        "a fox",
        "-m",
        "nano-banana-2",
        "--background",
        "transparent",
        "-o",
        str(out),
    )
    assert generated.returncode == 0, generated.stderr
    image = next(out.iterdir())
    edited = _deepshi(
        regenerated,
        *base,
        "edit",
        str(image),
        "-p",
        "night",
        "-m",
        "nano-banana-2",
        "--background",
        "opaque",
        "-o",
        str(out),
    )
    assert edited.returncode == 0, edited.stderr
    sent = [(entry["operation"], entry["fields"].get("background")) for entry in _journal(mock_url)]  # type: ignore[attr-defined]
    assert sent == [("createImage", "transparent"), ("editImage", "opaque")]


def test_the_new_field_is_a_manifest_key(regenerated: Path, mock_url: str, tmp_path: Path) -> None:
    before = len(_journal(mock_url))
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(
        json.dumps({"name": "good", "prompt": "a kite", "model": "nano-banana-2", "background": "auto"})
        + "\n"
        + json.dumps({"name": "bad", "prompt": "a kite", "model": "nano-banana-2", "background": "clear"})
        + "\n"
    )
    out = tmp_path / "out"
    base = ["--base-url", mock_url, "--api-key", "sk-bf-mock-test-key", "--max-retries", "0"]
    done = _deepshi(regenerated, *base, "batch", str(manifest), "-o", str(out))
    assert done.returncode == 1, done.stdout + done.stderr
    [failure] = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert (failure["line"], failure["param"]) == (2, "background")
    assert failure["message"] == "field 'background': choose transparent, opaque or auto (got \"clear\")"
    sent = [entry["fields"].get("background") for entry in _journal(mock_url)[before:]]  # type: ignore[attr-defined]
    assert sent == ["auto"]
    # a command-line default fills the lines that leave the field out
    manifest.write_text(json.dumps({"name": "default", "prompt": "a kite", "model": "nano-banana-2"}) + "\n")
    done = _deepshi(regenerated, *base, "batch", str(manifest), "-o", str(out), "--background", "opaque")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _journal(mock_url)[-1]["fields"]["background"] == "opaque"  # type: ignore[index]
