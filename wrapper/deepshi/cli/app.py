"""The ``deepshi`` command: global options, and the commands wired in from their modules."""

from __future__ import annotations

from typing import Annotated

import typer

from deepshi._version import __version__

from . import batch, demo, images, mock, models
from .settings import Settings, enable_debug_logging

app = typer.Typer(
    name="deepshi",
    help="Edit and generate images with the Deepshi API; run a local mock of it; try the demo.",
    no_args_is_help=True,
    add_completion=False,
    # Our own handler prints one line per error (tracebacks only with --debug, keys scrubbed);
    # typer's rich tracebacks could show local variables, API key included.
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"deepshi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", help="API key (default: $DEEPSHI_API_KEY). Never printed.", show_default=False),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="API origin (default: $DEEPSHI_BASE_URL, else https://api.deepshi.ai).",
            show_default=False,
        ),
    ] = None,
    max_retries: Annotated[
        int, typer.Option("--max-retries", min=0, help="Retries for connection errors, 408/409/429 and 5xx answers.")
    ] = 2,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs (keys scrubbed).")] = False,
    version: Annotated[  # noqa: ARG001 (handled by the eager callback)
        bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    """Edit and generate images with the Deepshi API; run a local mock of it; try the demo."""
    settings = Settings(api_key=api_key, base_url=base_url, debug=debug, max_retries=max_retries)
    ctx.obj = settings
    if debug:
        ctx.call_on_close(enable_debug_logging(settings))


app.command()(images.edit)
app.command()(images.generate)
app.command()(models.models)
app.command()(batch.batch)
app.command()(demo.demo)
app.add_typer(mock.app, name="mock")
