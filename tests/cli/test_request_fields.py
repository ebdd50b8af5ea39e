"""The command line's request fields follow the shipped spec, and their checks speak plainly.

The tables in ``deepshi.cli.request_schema`` are rendered from the spec by ``scripts/regen.py``
(the drift check proves they are fresh); this test proves they say what the spec says, property by
property, and that the commands and the manifest take exactly those fields.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer.main

from deepshi import _spec
from deepshi.cli.app import app
from deepshi.cli.manifest import ManifestError, ManifestLine, parse_job
from deepshi.cli.request_fields import BadValue, Field
from deepshi.cli.request_schema import FIELDS, FILES

REQUESTS = {"edit": "ImageEditRequest", "generate": "ImageGenerationRequest"}


def _request_properties(command: str) -> dict[str, Any]:
    schema = _spec.component(REQUESTS[command])
    # an alias spelling (`image` beside `image[]`, spec decision 1) is the same files, not a field
    aliases = {alias for names in _spec.field_aliases(REQUESTS[command]).values() for alias in names}
    return {name: node for name, node in schema["properties"].items() if name not in aliases}


@pytest.mark.parametrize("command", sorted(REQUESTS))
def test_every_request_property_is_a_field_with_the_schemas_facts(command: str) -> None:
    properties = _request_properties(command)
    required = set(_spec.component(REQUESTS[command]).get("required", []))
    files = FILES[command]
    expected = {name for name in properties if not name.endswith("[]")}
    assert set(FIELDS[command]) == expected
    assert (files is not None) == any(name.endswith("[]") for name in properties)
    for name, field in FIELDS[command].items():
        schema = _spec.property_schema(REQUESTS[command], name)
        assert field.required == (name in required), name
        assert list(field.choices) == list(schema.get("enum", [])), name
        assert field.minimum == schema.get("minimum"), name
        assert field.maximum == schema.get("maximum"), name
        assert field.min_length == schema.get("minLength"), name
        assert field.flag == "--" + name.replace("_", "-")
        kind = schema.get("type")
        assert field.kind == kind, name


@pytest.mark.parametrize("command", sorted(REQUESTS))
def test_every_field_is_a_flag_of_its_command_and_a_default_of_batch(command: str) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    flags = {opt for param in commands[command].params for opt in param.opts}
    batch_flags = {opt for param in commands["batch"].params for opt in param.opts}
    for field in FIELDS[command].values():
        assert field.flag in flags, field.flag
        assert field.flag in batch_flags, field.flag
    help_text = {param.name: param.help for param in commands[command].params}
    assert _spec.property_schema(REQUESTS[command], "seed")["description"] in (help_text["seed"] or "")


def test_required_fields_are_required_options() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for command, fields in FIELDS.items():
        params = {param.name: param for param in commands[command].params}
        for name, field in fields.items():
            assert params[name].required == field.required, (command, name)
        batch_params = {param.name: param for param in commands["batch"].params}
        assert not any(batch_params[name].required for name in fields)  # defaults only


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (Field("n", "--n", "integer", minimum=1, maximum=4), "0", "--n must be 1–4 (got '0')"),
        (Field("n", "--n", "integer", minimum=1, maximum=4), "2.0", "--n must be a whole number (got '2.0')"),
        (Field("w", "--w", "integer", minimum=1), "-3", "--w must be at least 1 (got '-3')"),
        (Field("s", "--s", "number", maximum=2.5), "3", "--s must be at most 2.5 (got '3')"),
        (Field("s", "--s", "number"), "nan", "--s must be a number (got 'nan')"),
        (Field("s", "--s", "number", exclusive_minimum=0), "0", "--s must be more than 0 (got '0')"),
        (Field("f", "--f", "string", choices=("png", "jpeg")), "gif", "--f: choose png or jpeg (got 'gif')"),
        (Field("p", "--p", "string", min_length=1), " \t", "--p must not be empty or blank (got ' \\t')"),
        (Field("p", "--p", "string", max_length=3), "abcd", "--p must be at most 3 characters (got 'abcd')"),
        (Field("o", "--o", "object"), "[1]", "--o must be a JSON object (got '[1]')"),
        (Field("t", "--t", "array", item_kind="integer"), "x", "--t must be a whole number (got 'x')"),
    ],
)
def test_a_refused_value_says_what_the_flag_accepts(field: Field, text: str, message: str) -> None:
    with pytest.raises(BadValue) as caught:
        field.parse(text)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        (Field("n", "--n", "integer", minimum=1, maximum=4), " 3 ", 3),
        (Field("s", "--s", "number"), "0.5", 0.5),
        (Field("o", "--o", "object"), '{"a": 1}', {"a": 1}),
        (Field("e", "--e", "integer", choices=(1, 2)), "2", 2),
        (Field("b", "--b", "boolean"), "yes", True),
    ],
)
def test_an_accepted_value_is_converted_to_the_schemas_type(field: Field, text: str, value: object) -> None:
    assert field.parse(text) == value


def test_manifest_values_are_checked_by_the_same_rules() -> None:
    n = Field("n", "--n", "integer", minimum=1, maximum=4)
    assert n.problem(True) == "must be an integer"  # bool is an int in Python, not in a manifest
    assert n.problem(5) == "must be 1–4"
    assert n.problem(None) == "must be an integer"
    assert Field("n", "--n", "integer", nullable=True).problem(None) is None
    assert Field("e", "--e", "integer", choices=(1, 2)).problem(True) == "choose 1 or 2"
    tags = Field("t", "--t", "array", item_kind="string", choices=("a", "b"))
    assert tags.problem(["a", "c"]) == "items: choose a or b"
    assert tags.problem("a") == "must be a list"


def _line(value: dict[str, Any]) -> ManifestLine:
    return ManifestLine(1, json.dumps(value))


def test_a_manifest_line_takes_exactly_its_commands_fields(tmp_path: Path) -> None:
    for command, fields in FIELDS.items():
        line: dict[str, Any] = {name: _valid(field) for name, field in fields.items()}
        if FILES[command]:
            line[FILES[command]] = "a.png"
        job = parse_job(_line(line), tmp_path, {})
        assert job.operation == command
        assert set(job.options) == set(fields)
    with pytest.raises(ManifestError, match="unknown field 'colour'; known fields: ") as caught:
        parse_job(_line({"prompt": "p", "model": "m", "colour": "red"}), tmp_path, {})
    assert caught.value.param == "colour"
    with pytest.raises(ManifestError, match=r"field 'output_format': choose png, jpeg or webp \(got \"gif\"\)"):
        parse_job(_line({"prompt": "p", "model": "m", "output_format": "gif"}), tmp_path, {})
    with pytest.raises(ManifestError, match=r"field 'prompt' must not be empty or blank \(got \"   \"\)"):
        parse_job(_line({"prompt": "   ", "model": "m"}), tmp_path, {})


def test_command_line_defaults_fill_only_the_lines_fields(tmp_path: Path) -> None:
    job = parse_job(_line({"prompt": "p"}), tmp_path, {"model": "m", "resolution": "2K", "not_a_field": 1})
    assert job.options == {"prompt": "p", "model": "m", "resolution": "2K"}


def _valid(field: Field) -> object:
    if field.choices:
        return field.choices[0]
    return {"integer": int(field.minimum or 1), "number": 1.0, "boolean": True, "string": "x"}[field.kind]
