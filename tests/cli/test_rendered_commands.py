"""The rendering of the command line (``scripts/render_cli.py``, stage 2 of ``scripts/regen.py``)
follows the spec when it changes: a removed field disappears, a field made required becomes a
required option, a new type gets its own flag, and a field that would collide with a command's own
option stops the regen naming it. (``contract_tests/test_spec_change_reaches_the_cli.py`` runs the
whole regen on a copy and drives the result end to end.)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import render_surface  # noqa: E402  (a script, importable once scripts/ is on the path)
from speclayers import build_module as spec_layers  # noqa: E402

COMMANDS = "wrapper/deepshi/cli/spec_commands.py"
FIELDS = "wrapper/deepshi/cli/request_schema.py"
REQUESTS = ("ImageEditRequest", "ImageGenerationRequest")


def _render(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> dict[str, str]:
    document = yaml.safe_load((ROOT / "openapi" / "deepshi.yaml").read_text(encoding="utf-8"))
    change(document["components"]["schemas"])
    spec = tmp_path / "generator-input.yaml"  # stage 2 renders from the generator's normalized input
    normalized = spec_layers.generator_input(document, spec_layers.normalizations())
    spec.write_text(yaml.safe_dump(normalized, sort_keys=False), encoding="utf-8")
    return render_surface.render(spec)


def test_a_removed_field_disappears_from_flags_and_manifest(tmp_path: Path) -> None:
    def remove_seed(schemas: dict[str, Any]) -> None:
        for request in REQUESTS:
            del schemas[request]["properties"]["seed"]

    files = _render(tmp_path, remove_seed)
    assert "--seed" not in files[COMMANDS]
    assert "seed:" not in files[COMMANDS]
    assert "seed=" not in files[COMMANDS]
    assert '"seed"' not in files[FIELDS]


def test_a_field_made_required_is_a_required_option(tmp_path: Path) -> None:
    def require_seed(schemas: dict[str, Any]) -> None:
        for request in REQUESTS:
            schemas[request]["required"].append("seed")

    files = _render(tmp_path, require_seed)
    assert "Field('seed', '--seed', 'integer', required=True)" in files[FIELDS]
    signature = files[COMMANDS].split("def generate(", 1)[1].split(") -> None:", 1)[0]
    seed = signature.split("    seed: ", 1)[1].split("\n    ", 1)[0]
    assert seed.startswith("Annotated[int, ")
    assert "= None" not in signature.split("    seed: ", 1)[1].split("\n    n: ", 1)[0]
    assert "seed=seed," in files[COMMANDS]  # passed as is, not through given()


def test_new_field_types_get_a_flag_each(tmp_path: Path) -> None:
    def add_fields(schemas: dict[str, Any]) -> None:
        for request in REQUESTS:
            properties = schemas[request]["properties"]
            properties["guidance"] = {"type": "number", "minimum": 0, "maximum": 20, "description": "How closely."}
            properties["safe_mode"] = {"type": "boolean", "description": "Filter the output."}
            properties["tags"] = {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}
            properties["style_options"] = {"type": "object", "description": "Model options."}
            properties["steps"] = {"type": ["integer", "null"], "minimum": 1}

    files = _render(tmp_path, add_fields)
    fields, commands = files[FIELDS], files[COMMANDS]
    assert "Field('guidance', '--guidance', 'number', minimum=0, maximum=20)" in fields
    assert "Field('safe_mode', '--safe-mode', 'boolean')" in fields
    assert "Field('tags', '--tags', 'array', choices=('a', 'b'), item_kind='string')" in fields
    assert "Field('style_options', '--style-options', 'object')" in fields
    assert "Field('steps', '--steps', 'integer', minimum=1, nullable=True)" in fields
    assert "'--safe-mode/--no-safe-mode'" in commands
    assert "metavar='JSON'" in commands
    assert "tags: Annotated[list[Literal['a', 'b']] | None," in commands


@pytest.mark.parametrize("name", ["out", "name", "concurrency"])
def test_a_field_named_like_a_command_option_stops_the_regen(tmp_path: Path, name: str) -> None:
    def collide(schemas: dict[str, Any]) -> None:
        schemas["ImageGenerationRequest"]["properties"][name] = {"type": "string"}

    with pytest.raises(render_surface.SurfaceError, match=f"field '{name}' would be the flag of a command option"):
        _render(tmp_path, collide)
