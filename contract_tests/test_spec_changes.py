"""Spec changes reach users through the one regenerate command, with no hand edit (docs/spec-changes.md).

On a temporary copy of the repository (a git repository of its own), the spec is changed the way
Deepshi's docs might change, then ``python scripts/regen.py`` runs, and nothing else is edited:

* additive: an optional enum field ``background`` on both request bodies, a new output format,
  and two response properties (``data[].seed``, ``usage.cost.currency``): regen passes; the new
  argument works end to end against the copy's mock (on the wire, in the journal); the new
  properties are fields of the results; mypy accepts the new values and refuses a wrong one;
* breaking: ``image_size`` removed and ``seed`` made required: regen refuses, naming the rules that
  fired, until CHANGELOG.md and the version move; then old calls fail type-checking.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from .test_suite_has_teeth import COPIED, copy_environment, make_copy

ROOT = Path(__file__).resolve().parent.parent
EXTRA_FILES = ("CHANGELOG.md", "README.md", "docs")


def _run(command: list[str], copy: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=copy,
        env=copy_environment(copy),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        **kwargs,
    )


def _git(copy: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=copy, check=True, capture_output=True
    )


def _edit_spec(copy: Path, change: Any) -> None:
    path = copy / "openapi" / "deepshi.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document["components"]["schemas"])
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _additive(schemas: dict[str, Any]) -> None:
    background = {
        "type": "string",
        "enum": ["transparent", "opaque"],
        "description": "Background of the output image.",
    }
    for request in ("ImageEditRequest", "ImageGenerationRequest"):
        schemas[request]["properties"]["background"] = background
    schemas["OutputFormat"]["enum"].append("avif")
    schemas["ImageData"]["properties"]["seed"] = {"type": "integer", "description": "The seed the model used."}
    schemas["Cost"]["properties"]["currency"] = {"type": "string", "description": "ISO 4217 code of the amount."}


def _breaking(schemas: dict[str, Any]) -> None:
    for request in ("ImageEditRequest", "ImageGenerationRequest"):
        del schemas[request]["properties"]["image_size"]
    schemas["ImageGenerationRequest"]["required"].append("seed")
    schemas["ImageGenerationRequest"]["example"]["seed"] = 7  # regen's body check holds examples to the schema


END_TO_END = """
import json
from deepshi import Deepshi, InvalidRequestError
from deepshi.mock import Fault, MockServer

PNG = (__import__("importlib.resources").resources.files("deepshi.samples") / "cabin.png").read_bytes()
with MockServer() as mock, Deepshi(api_key=mock.api_key, base_url=mock.url, max_retries=0) as client:
    client.images.generate(model="nano-banana-pro", prompt="a kite", background="transparent")
    client.images.edit(model="nano-banana-2", prompt="snow", image=PNG, background="opaque")
    fields = [entry.fields.get("background") for entry in mock.journal if entry.operation != "listModels"]
    answer = {"created": 1, "data": [{"index": 0, "b64_json": __import__("base64").b64encode(PNG).decode(), "seed": 42}],
              "usage": {"cost": {"total_cost": 0.01, "currency": "EUR"}}}
    mock.add_fault(Fault("override", status=200, body=json.dumps(answer).encode(), headers={"content-type": "application/json"}))
    result = client.images.generate(model="nano-banana-pro", prompt="a kite")
    try:
        client.images.generate(model="nano-banana-pro", prompt="p", extra_body={"background": "opaque"})
        shadowed = "accepted"
    except InvalidRequestError as error:
        shadowed = str(error)
print(json.dumps({"fields": fields, "seed": result.images[0].seed, "currency": result.usage.cost.currency,
                  "cost": result.cost, "shadowed": shadowed}))
"""

ADDITIVE_TYPES = """
from typing import assert_type
from deepshi import Deepshi

def use(client: Deepshi) -> None:
    client.images.generate(model="m", prompt="p", background="transparent", output_format="avif")
    client.images.edit(model="m", prompt="p", image="a.png", background="opaque")
    client.images.generate(model="m", prompt="p", background="neon")  # type: ignore[call-overload]
    result = client.images.generate(model="m", prompt="p")
    assert_type(result.images[0].seed, int | None)
    cost = result.usage.cost if result.usage else None
    assert_type(cost.currency if cost else None, str | None)
"""

OLD_CALLS = """
from deepshi import Deepshi

def use(client: Deepshi) -> None:
    client.images.generate(model="m", prompt="p", seed=1, image_size="auto_2K")
    client.images.generate(model="m", prompt="p")
"""


def _mypy(copy: Path, source: str) -> subprocess.CompletedProcess[str]:
    (copy / "usage_check.py").write_text(textwrap.dedent(source), encoding="utf-8")
    env = {**copy_environment(copy), "MYPYPATH": f"{copy / 'wrapper'}:{copy / 'generated'}"}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(copy / ".mypy_cache"), "usage_check.py"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = make_copy(tmp_path_factory.mktemp("spec-changes") / "repo")
    for name in EXTRA_FILES:
        source = ROOT / name
        if source.is_dir():
            __import__("shutil").copytree(source, target / name)
        else:
            (target / name).write_bytes(source.read_bytes())
    assert set(COPIED) <= {p.name for p in target.iterdir()}
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "baseline")
    return target


def test_an_additive_change_reaches_users_with_no_hand_edit(copy: Path) -> None:
    _edit_spec(copy, _additive)
    regen = _run([sys.executable, "scripts/regen.py"], copy)
    assert regen.returncode == 0, regen.stdout + regen.stderr
    assert "new-optional-request-property" in regen.stdout
    assert "Breaking changes" not in regen.stdout.split("Python surface")[0]
    changed = _run(["git", "status", "--porcelain"], copy).stdout.split("\n")
    hand_edited = [line for line in changed if line and "openapi/deepshi.yaml" not in line]
    assert all(
        "generated/" in line or "wrapper/deepshi/resources/" in line or "wrapper/deepshi/_" in line
        for line in hand_edited
    ), f"regen wrote outside its outputs: {hand_edited}"

    done = _run([sys.executable, "-c", END_TO_END], copy)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["fields"] == ["transparent", "opaque"]  # the new argument went out on both operations
    assert (seen["seed"], seen["currency"], seen["cost"]) == (42, "EUR", 0.01)  # the new properties reach results
    assert "pass background=... instead" in seen["shadowed"]  # and it is a named argument now, not an extra

    typed = _mypy(copy, ADDITIVE_TYPES)
    assert typed.returncode == 0, typed.stdout + typed.stderr  # new values accepted, "neon" refused (the ignore)
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "additive")


def test_a_breaking_change_is_refused_until_the_changelog_and_version_move(copy: Path) -> None:
    _edit_spec(copy, _breaking)
    refused = _run([sys.executable, "scripts/regen.py"], copy)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "request-property-removed" in refused.stdout
    assert "image_size" in refused.stdout
    assert "request-property-became-required" in refused.stdout  # seed
    assert "bump the version" in refused.stdout
    assert not _run(["git", "status", "--porcelain", "generated/"], copy).stdout.strip(), "generated/ was touched"

    changelog = copy / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text().replace(
            "## [Unreleased]\n", "## [Unreleased]\n\n### Removed\n\n- **Breaking:** `image_size`.\n", 1
        )
    )
    version = copy / "wrapper" / "deepshi" / "_version.py"
    major, minor, _ = version.read_text().split('"')[1].split(".")
    version.write_text(f'__version__ = "{major}.{int(minor) + 1}.0"\n')
    accepted = _run([sys.executable, "scripts/regen.py"], copy)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    typed = _mypy(copy, OLD_CALLS)
    assert typed.returncode == 1
    assert 'Unexpected keyword argument "image_size"' in typed.stdout or "image_size" in typed.stdout
    assert typed.stdout.count("error:") >= 2, typed.stdout  # the removed field, and the now-required seed
