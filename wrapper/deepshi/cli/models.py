"""``deepshi models``: the model catalog as a table, or as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from deepshi import ModelInfo, ParameterInfo

from .command import reports_errors
from .settings import settings_of


@reports_errors
def models(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the catalog as JSON (as the API returns it).")] = False,
) -> None:
    """List the models: id, sizing style, edit support and the parameters each accepts."""
    settings = settings_of(ctx)
    with settings.client() as client, settings.err.status("Fetching models…"):
        catalog = list(client.models.list())
    if as_json:
        settings.out.print_json(json.dumps({"data": [info.raw.to_dict() for info in catalog]}))
        return
    table = Table(title=f"{len(catalog)} models", title_justify="left", box=box.SIMPLE_HEAD, show_lines=True)
    for column in ("id", "sizing style", "edit cap"):
        table.add_column(column, no_wrap=True)
    table.add_column("accepted parameters", overflow="fold")
    for info in catalog:
        lines = [f"prompt: up to {info.prompt_max_length:,} characters"] if info.prompt_max_length else []
        lines += [f"{key}: {_describe(parameter)}" for key, parameter in sorted((info.parameters or {}).items())]
        table.add_row(
            f"[bold]{escape(info.id)}[/]",
            escape(info.sizing_style or "-"),
            _edit_cap(info),
            escape("\n".join(lines) or "-"),
        )
    settings.out.print(table)


def _edit_cap(info: ModelInfo) -> str:
    if not info.edit_supported:
        return "no"
    return f"up to {info.max_images}" if info.max_images else "yes"


def _describe(parameter: ParameterInfo) -> str:
    """``1K | 2K | 4K (default 1K)``, ``256-2048 (default 1024)``, or the bare type (``integer``)."""
    if parameter.allowed_values:
        text = " | ".join(str(value) for value in parameter.allowed_values)
    elif parameter.minimum is not None or parameter.maximum is not None:
        low = "" if parameter.minimum is None else f"{parameter.minimum:g}"
        high = "" if parameter.maximum is None else f"{parameter.maximum:g}"
        text = f"{low}-{high}"
    else:
        text = parameter.type or "any"
    return text if parameter.default is None else f"{text} (default {parameter.default})"
