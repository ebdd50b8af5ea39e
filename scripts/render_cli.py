"""Stage 2, command-line part: render the commands whose flags are the spec's request fields.

Called by :func:`render_surface.render` with the operations it has already resolved from the spec
(``Method``/``Param``: fields, required-ness, Python types, ``Literal`` enums, descriptions, and
each field's resolved schema). With ``openapi/surface/cli.yaml`` (names only) and the templates
``cli_fields.py.jinja`` and ``cli_commands.py.jinja`` it renders:

* ``wrapper/deepshi/cli/request_schema.py``: every request field of each command as a
  ``deepshi.cli.request_fields.Field`` (flag, JSON type, enum values, bounds, required), the table
  the batch manifest is checked against and the flags parse with;
* ``wrapper/deepshi/cli/spec_commands.py``: ``deepshi edit``/``generate`` (one per operation
  returning images, named like the facade method) and ``deepshi batch``, with explicit typer
  signatures (one option per field, help from the spec) that call the facade with typed keyword
  arguments, so mypy checks every flag against the facade's rendered signature.

Why rendered rather than built from the spec at import time: explicit signatures are what typer
reads and what mypy checks (a flag whose type the facade no longer accepts fails ``tox -e type``),
the CLI starts without parsing the spec, and the drift check covers the result like the rest of
stage 2. The behaviour (sending, saving, batch running) stays hand-written in ``deepshi.cli``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from render_surface import HEADER, Method, Param, Spec, SurfaceError

SURFACE = Path(__file__).resolve().parent.parent / "openapi" / "surface"
FIELDS_TARGET = "wrapper/deepshi/cli/request_schema.py"
COMMANDS_TARGET = "wrapper/deepshi/cli/spec_commands.py"
_KINDS = ("string", "integer", "number", "boolean", "array", "object")
_METAVARS = {"string": "TEXT", "integer": "INTEGER", "number": "NUMBER", "object": "JSON"}


@dataclass
class CliField:
    """One request field as a flag: what the templates need, all of it from the spec (and cli.yaml)."""

    param: Param
    flag: str
    short: str | None
    kind: str
    item_kind: str | None
    choices: list[Any]
    limits: dict[str, Any]
    nullable: bool
    help: str
    panel: str | None

    @property
    def name(self) -> str:
        return self.param.name

    @property
    def is_stream(self) -> bool:
        return self.param.role == "stream"

    @property
    def field_call(self) -> str:
        """The ``Field(...)`` constructor call of ``request_schema.py``."""
        args = [repr(self.name), repr(self.flag), repr(self.kind)]
        if self.param.required:
            args.append("required=True")
        if self.choices:
            values = ", ".join(repr(choice) for choice in self.choices)
            args.append(f"choices=({values}{',' if len(self.choices) == 1 else ''})")
        args += [f"{key}={value!r}" for key, value in self.limits.items()]
        if self.item_kind:
            args.append(f"item_kind={self.item_kind!r}")
        if self.nullable:
            args.append("nullable=True")
        return f"Field({', '.join(args)})"

    @property
    def annotation(self) -> str:
        """The Python type of the value (the facade's, without ``None`` when the spec allows null)."""
        text = self.param.annotation
        return text.removesuffix(" | None") if self.nullable else text

    @property
    def decls(self) -> str:
        if self.is_stream:
            return repr(self.flag)
        return ", ".join(repr(flag) for flag in (self.flag, self.short) if flag)

    @property
    def metavar(self) -> str:
        if self.choices:
            return "|".join(str(choice) for choice in self.choices)
        return _METAVARS.get(self.item_kind or self.kind, "TEXT")

    def option(self, table: str, *, as_default: bool = False, panel: str | None = None) -> str:
        """The ``typer.Option(...)`` of this field; ``as_default``: a default for batch lines (so a
        boolean is ``--x/--no-x`` and nothing is required)."""
        if self.kind == "boolean":
            plain = self.is_stream and not as_default  # `--stream`, False unless given
            parts = [repr(self.flag if plain else f"{self.flag}/--no-{self.flag.removeprefix('--')}")]
        else:
            parts = [self.decls, f"parser={table}[{self.name!r}].parse", f"metavar={self.metavar!r}"]
        parts.append(f"help={self.help!r}")
        if panel or self.panel:
            parts.append(f"rich_help_panel={panel or self.panel!r}")
        parts.append("show_default=False")
        return f"typer.Option({', '.join(parts)})"


def _schema_kind(schema: Mapping[str, Any], where: str) -> tuple[str, bool]:
    kind = schema.get("type")
    nullable = False
    if isinstance(kind, list):
        nullable = "null" in kind
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if kind is None and "enum" in schema:
        values = [value for value in schema["enum"] if value is not None]
        nullable = nullable or None in schema["enum"]
        kind = next((k for k, t in (("boolean", bool), ("integer", int), ("number", float), ("string", str))
                     if all(type(v) is t for v in values)), None)  # fmt: skip
    if kind not in _KINDS:
        raise SurfaceError(f"{where}: the command line cannot take a field of type {schema.get('type')!r}")
    return str(kind), nullable


def _limits(schema: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, name in (
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("exclusiveMinimum", "exclusive_minimum"),
        ("exclusiveMaximum", "exclusive_maximum"),
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
    ):
        value = schema.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            found[name] = value
    return found


def _help(param: Param, limits: Mapping[str, Any]) -> str:
    text = param.description or param.name.replace("_", " ")
    if param.default is not None and param.role == "field":
        text += f" The API's default: {param.default}."
    low, high = limits.get("minimum"), limits.get("maximum")
    if low is not None and high is not None and f"{low}–{high}" not in text:
        text += f" {low}–{high}."
    # typer renders help as rich markup: a bracket in a description must stay a bracket.
    return text.replace("[", "\\[")


def cli_field(param: Param, config: Mapping[str, Any]) -> CliField:
    schema = param.schema
    where = f"field {param.wire!r}"
    kind, nullable = _schema_kind(schema, where)
    item_kind = None
    enum_node = schema
    if kind == "array":
        items = schema.get("items", {})
        item_kind, _ = _schema_kind(items, where + " items")
        if item_kind in ("array", "object"):
            raise SurfaceError(f"{where}: the command line cannot take a list of {item_kind}s")
        enum_node = items
    choices = [value for value in enum_node.get("enum", []) if value is not None]
    limits = _limits(schema)
    model_specific = config.get("model_specific") or {}
    prefix = model_specific.get("prefix")
    panel = model_specific.get("panel") if prefix and param.description.startswith(prefix) else None
    return CliField(
        param=param,
        flag="--" + param.name.replace("_", "-"),
        short=(config.get("short_flags") or {}).get(param.name),
        kind=kind,
        item_kind=item_kind,
        choices=choices,
        limits=limits,
        nullable=nullable,
        help=_help(param, limits),
        panel=panel,
    )


@dataclass
class CliCommand:
    """One rendered command: a facade method that returns images, and its fields as flags."""

    method: Method
    fields: list[CliField]

    @property
    def name(self) -> str:
        return self.method.name

    @property
    def table(self) -> str:
        return f"{self.name.upper()}_FIELDS"

    @property
    def stream(self) -> CliField | None:
        return next((field for field in self.fields if field.is_stream), None)

    @property
    def files(self) -> Param | None:
        return self.method.files

    def files_help(self) -> str:
        schema = self.method.files.schema if self.method.files else {}
        low, high = schema.get("minItems"), schema.get("maxItems")
        count = f"{low} to {high}" if low is not None and high is not None else "one or more"
        return (
            f"Input image files, {count} (how many a model takes: `deepshi models`); the type is read "
            "from the bytes, not the name."
        )


def commands(methods: Sequence[Method], config: Mapping[str, Any]) -> list[CliCommand]:
    reserved = set(config.get("reserved") or ())
    rendered: list[CliCommand] = []
    for method in methods:
        if method.returns != "images":
            continue
        if any(command.name == method.name for command in rendered):
            raise SurfaceError(f"two operations would both be the command `deepshi {method.name}`")
        fields = []
        for param in method.params:
            if param.role == "files":
                continue
            if param.name in reserved or (method.files is not None and param.name == method.files.name):
                raise SurfaceError(
                    f"{method.operation_id}: field {param.wire!r} would be the flag of a command option "
                    f"({param.name!r}); see 'reserved' in openapi/surface/cli.yaml"
                )
            fields.append(cli_field(param, config))
        rendered.append(CliCommand(method, fields))
    return rendered


def batch_defaults(rendered: Sequence[CliCommand]) -> list[tuple[CliCommand, CliField]]:
    """Every field of every command once (the first command that has it defines its flag)."""
    seen: dict[str, tuple[CliCommand, CliField]] = {}
    for command in rendered:
        for field in command.fields:
            seen.setdefault(field.name, (command, field))
    return list(seen.values())


def render_cli(spec: Spec, methods: Sequence[Method], environment: jinja2.Environment) -> dict[str, str]:
    """The two rendered modules of the command line, by path relative to the repo (not yet formatted)."""
    config = yaml.safe_load((SURFACE / "cli.yaml").read_text(encoding="utf-8")) or {}
    rendered = commands(methods, config)
    annotations = " ".join(field.annotation for command in rendered for field in command.fields)
    literals = sorted(name for name in spec.literals if re.search(rf"\b{name}\b", annotations))
    typing = ["Annotated"] + [name for name in ("Any", "Literal") if re.search(rf"\b{name}\b", annotations)]
    stdlib = []
    if "Mapping[" in annotations:
        stdlib.append("from collections.abc import Mapping")
    stdlib += ["from pathlib import Path", f"from typing import {', '.join(typing)}"]
    context = {
        "header": HEADER,
        "commands": rendered,
        "defaults": batch_defaults(rendered),
        "literals": literals,
        "stdlib_imports": stdlib,
    }
    environment.filters["py"] = repr
    return {
        FIELDS_TARGET: environment.get_template("cli_fields.py.jinja").render(**context),
        COMMANDS_TARGET: environment.get_template("cli_commands.py.jinja").render(**context),
    }
