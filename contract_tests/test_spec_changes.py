"""Upstream spec changes reach users through one command, with no hand edit (docs/spec-changes.md).

On a temporary copy of the repository (a git repository of its own), Deepshi publishes a changed
spec: a modified copy of ``openapi/upstream/deepshi.yaml`` is written outside the copy, as a
download would be, and ``python scripts/spec_update.py FILE --no-contract`` (what ``tox -e
spec-update -- FILE`` runs, minus the contract suite) takes it in. Nothing else is edited, except
what a maintainer must write for a breaking change:

* additive: an optional enum field ``background`` on both request bodies (in both options of the
  published edit body), a new output format, and two response properties (``data[].seed``,
  ``usage.cost.currency``): the update passes; the new argument works end to end against the
  copy's mock (on the wire, in the journal); the new properties are fields of the results; mypy
  accepts the new values and refuses a wrong one;
* breaking: ``image_size`` removed and ``seed`` made required: the update stops, naming the rules
  that fired, until CHANGELOG.md and the version move; then the regeneration holds the decisions'
  example body to the new schema (it lacks ``seed``) until that example moves too; then old calls
  fail type-checking;
* a change a decision was written against (the published edit body no longer a ``oneOf``): the
  update stops before anything is regenerated, naming the decision's action.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from .test_suite_has_teeth import COPIED, committed_copy, copy_environment, git

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


UPSTREAM = Path("openapi/upstream/deepshi.yaml")


def _publish(copy: Path, change: Any) -> Path:
    """Deepshi's next published spec: the copy's vendored one, changed, written outside the copy."""
    document = yaml.safe_load((copy / UPSTREAM).read_text(encoding="utf-8"))
    change(document["components"]["schemas"])
    published = copy.parent / f"published-{change.__name__.strip('_')}.yaml"
    published.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return published


def _update(copy: Path, published: Path) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "scripts/spec_update.py", str(published), "--no-contract"], copy)


def _request_bodies(schemas: dict[str, Any]) -> list[dict[str, Any]]:
    """The property maps of the published request bodies: both options of the edit's oneOf, the generation's."""
    return [option["properties"] for option in schemas["ImageEditRequest"]["oneOf"]] + [
        schemas["ImageGenerationRequest"]["properties"]
    ]


def _additive(schemas: dict[str, Any]) -> None:
    background = {
        "type": "string",
        "enum": ["transparent", "opaque"],
        "description": "Background of the output image.",
    }
    for properties in _request_bodies(schemas):
        properties["background"] = background
    schemas["OutputFormat"]["enum"].append("avif")
    schemas["ImageData"]["properties"]["seed"] = {"type": "integer", "description": "The seed the model used."}
    schemas["Cost"]["properties"]["currency"] = {"type": "string", "description": "ISO 4217 code of the amount."}


def _breaking(schemas: dict[str, Any]) -> None:
    for properties in _request_bodies(schemas):
        del properties["image_size"]
    schemas["ImageGenerationRequest"]["required"].append("seed")


def _flattened(schemas: dict[str, Any]) -> None:
    body = schemas["ImageEditRequest"]
    body.update(body.pop("oneOf")[0])


def _example_with_seed(copy: Path) -> None:
    """What the maintainer writes after a field became required: the decisions' example body carries it."""
    path = copy / "openapi" / "overlays" / "decisions.yaml"
    overlay = yaml.safe_load(path.read_text(encoding="utf-8"))
    action = next(a for a in overlay["actions"] if a["target"] == "$.components.schemas.ImageGenerationRequest")
    action["update"]["example"]["seed"] = 7
    path.write_text(yaml.safe_dump(overlay, sort_keys=False, allow_unicode=True), encoding="utf-8")


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


def _rendered_targets() -> tuple[str, ...]:
    """What the renderer owns: its ``TARGETS``, read from the script's source (no import needed)."""
    tree = ast.parse((ROOT / "scripts" / "render_surface.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "TARGETS" for t in node.targets):
            targets: tuple[str, ...] = ast.literal_eval(node.value)
            return targets
    raise AssertionError("scripts/render_surface.py has no TARGETS")


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
    target = committed_copy(tmp_path_factory.mktemp("spec-changes") / "repo", EXTRA_FILES)
    assert set(COPIED) <= {p.name for p in target.iterdir()}
    return target


def test_an_additive_change_reaches_users_with_no_hand_edit(copy: Path) -> None:
    regen = _update(copy, _publish(copy, _additive))
    assert regen.returncode == 0, regen.stdout + regen.stderr
    published, users = regen.stdout.split("Spec: generated/deepshi_openapi/openapi.yaml")
    assert "new-optional-request-property" in published  # what Deepshi changed
    assert "new-optional-request-property" in users  # what users see, judged by the gate
    assert "Breaking changes" not in users.split("Python surface")[0]
    changed = [line[3:] for line in _run(["git", "status", "--porcelain"], copy).stdout.splitlines() if line]
    outputs = ("generated/", *_rendered_targets())
    stray = [
        path for path in changed if path not in ("openapi/deepshi.yaml", str(UPSTREAM)) and not path.startswith(outputs)
    ]
    assert stray == [], f"regen wrote outside its outputs: {stray}"

    done = _run([sys.executable, "-c", END_TO_END], copy)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["fields"] == ["transparent", "opaque"]  # the new argument went out on both operations
    assert (seen["seed"], seen["currency"], seen["cost"]) == (42, "EUR", 0.01)  # the new properties reach results
    assert "pass background=... instead" in seen["shadowed"]  # and it is a named argument now, not an extra

    typed = _mypy(copy, ADDITIVE_TYPES)
    assert typed.returncode == 0, typed.stdout + typed.stderr  # new values accepted, "neon" refused (the ignore)
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "additive")


def test_a_breaking_change_is_refused_until_the_changelog_and_version_move(copy: Path) -> None:
    refused = _update(copy, _publish(copy, _breaking))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "request-property-removed" in refused.stdout
    assert "image_size" in refused.stdout
    assert "request-property-became-required" in refused.stdout  # seed
    assert "bump the version" in refused.stdout
    assert not _run(["git", "status", "--porcelain", "generated/", "openapi/deepshi.yaml"], copy).stdout.strip()
    assert "tox -e regen" in refused.stdout  # what to run once the gate's conditions are met

    changelog = copy / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text().replace(
            "## [Unreleased]\n", "## [Unreleased]\n\n### Removed\n\n- **Breaking:** `image_size`.\n", 1
        )
    )
    version = copy / "wrapper" / "deepshi" / "_version.py"
    major, minor, _ = version.read_text().split('"')[1].split(".")
    version.write_text(f'__version__ = "{major}.{int(minor) + 1}.0"\n')
    stale_example = _run([sys.executable, "scripts/regen.py"], copy)
    assert stale_example.returncode == 1, stale_example.stdout + stale_example.stderr
    assert "createImage" in stale_example.stderr
    assert "the example body does not fit ImageGenerationRequest" in stale_example.stderr
    assert "seed" in stale_example.stderr
    _example_with_seed(copy)
    accepted = _run([sys.executable, "scripts/regen.py"], copy)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    typed = _mypy(copy, OLD_CALLS)
    assert typed.returncode == 1
    assert 'Unexpected keyword argument "image_size"' in typed.stdout or "image_size" in typed.stdout
    assert typed.stdout.count("error:") >= 2, typed.stdout  # the removed field, and the now-required seed


def test_a_change_a_decision_was_written_against_stops_the_update_naming_it(copy: Path) -> None:
    built = (copy / "openapi" / "deepshi.yaml").read_bytes()
    generated = (copy / "generated" / "deepshi_openapi" / "openapi.yaml").read_bytes()
    stopped = _update(copy, _publish(copy, _flattened))
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert "decisions.yaml action #3 [image-alias]" in stopped.stderr
    assert "selects nothing" in stopped.stderr
    assert (copy / "openapi" / "deepshi.yaml").read_bytes() == built
    assert (copy / "generated" / "deepshi_openapi" / "openapi.yaml").read_bytes() == generated
