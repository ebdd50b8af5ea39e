"""The CLI exposes every request field the spec declares: a flag on its command, and a batch manifest key.

For every operation ``openapi/surface/surface.yaml`` names a method for and that takes a body,
the command named like the method (``deepshi edit``) has one option per request field (the file
field is its ``IMAGE...`` argument), with the spec's required-ness and enum values as choices, and
the manifest's field table (``deepshi.cli.request_schema.FIELDS``, which batch lines are checked
against) holds the same keys. Both are rendered by ``tox -e regen``; ``test_suite_has_teeth``
breaks the renderer to prove this test notices a field the CLI no longer takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from deepshi import _spec
from deepshi.cli.app import app
from deepshi.cli.request_schema import FIELDS

SURFACE = Path(__file__).resolve().parent.parent / "openapi" / "surface" / "surface.yaml"


def _commands() -> list[tuple[str, str]]:
    """(command name, request schema name) for every operation the CLI renders a command for."""
    surface = yaml.safe_load(SURFACE.read_text(encoding="utf-8"))["operations"]
    bodies = _spec.request_bodies()
    return [
        (entry["method"], bodies[operation][1])
        for operation, entry in surface.items()
        if operation in bodies and entry.get("returns") == "images"
    ]


COMMANDS = _commands()


def _options(command: str) -> dict[str, Any]:
    """The click parameters of ``deepshi <command>``, by parameter name."""
    group = typer.main.get_command(app)
    ctx = group.make_context("deepshi", [command, "--help"], resilient_parsing=True)
    found = group.get_command(ctx, command)  # type: ignore[attr-defined]
    assert found is not None, f"Received: no command `deepshi {command}`\nDocumented: one per image operation"
    return {param.name: param for param in found.params}


def test_every_image_operation_has_a_command() -> None:
    assert COMMANDS, "surface.yaml names no image operation with a request body"
    assert {name for name, _ in COMMANDS} == set(FIELDS)


@pytest.mark.parametrize(("command", "request_schema"), COMMANDS)
def test_every_request_field_is_a_flag_and_a_manifest_key(command: str, request_schema: str) -> None:
    options = _options(command)
    table = FIELDS[command]
    for field in _spec.request_fields(request_schema):
        if field.schema.get("type") == "array" and field.schema.get("items", {}).get("format") == "binary":
            continue  # the files: the command's IMAGE... argument, a manifest line's `images`
        assert field.name in table, (
            f"Received: the batch manifest of `deepshi {command}` has no key {field.name!r}\n"
            f"Documented: every property of {request_schema} ({field.wire})"
        )
        assert field.name in options, (
            f"Received: `deepshi {command}` has no option for {field.wire!r}\n"
            f"Documented: every property of {request_schema} is a flag"
        )
        assert table[field.name].required == field.required, f"{command} {field.wire}: required-ness differs"
        enum = [value for value in field.schema.get("enum", []) if value is not None]
        if enum:
            assert list(table[field.name].choices or ()) == enum, (
                f"{command} {field.wire}: choices differ from the enum"
            )
