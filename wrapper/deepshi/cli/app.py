"""The ``deepshi`` command: global options, and the commands wired in from their modules.

`DeepshiGroup` is the one place command-line mistakes are worded: any usage error (an unknown
option, a missing argument, a value the schema refuses, a `UsageProblem` from a global option)
is one line on stderr, ``error: …``, with the key masked, and exit 2. It also accepts the global
options after the command name (``deepshi edit … --api-key K``), as people type them.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from deepshi._version import __version__

from . import demo, mock, models, spec_commands
from .errors import EXIT_FAILURE, EXIT_USAGE, Redactor, UsageProblem
from .options import whole_number
from .output import stderr_console
from .request_fields import BadValue
from .settings import API_KEY_ENV, Settings, check_base_url, enable_debug_logging, settings_of

GLOBAL_PANEL = "Global options (also accepted before the command)"
_LATE_GLOBALS = ("api_key", "base_url", "max_retries", "debug")
"""The global options a command also accepts after its name."""


class DeepshiGroup(TyperGroup):
    """The root command group: one-line usage errors, and the global options accepted after a command."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        late = [_late_option(param) for param in self.params if param.name in _LATE_GLOBALS]
        for command in self.commands.values():
            if not hasattr(command, "commands"):  # a command, not a group (`deepshi mock` passes its arguments on)
                command.params.extend(late)

    def main(  # type: ignore[override]  # the same parameters, made explicit
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(arguments, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except UsageProblem as problem:
            code = _report(problem.message, arguments)
        except typer.TyperException as exc:  # click's usage errors (typer vendors click)
            code = _report_click_error(exc, arguments)
        except typer.Abort:
            stderr_console().print("Aborted.")
            code = EXIT_FAILURE
        if standalone_mode:
            sys.exit(code)
        return code


def _report(message: str, arguments: Sequence[str], code: int = EXIT_USAGE) -> int:
    redact = Redactor([*_keys_in(arguments), os.environ.get(API_KEY_ENV)])
    stderr_console().print(f"[bold red]error:[/] {escape(redact(' '.join(message.split())))}", soft_wrap=True)
    return code


def _report_click_error(exc: typer.TyperException, arguments: Sequence[str]) -> int:
    code = int(getattr(exc, "exit_code", EXIT_USAGE))
    if type(exc).__name__ == "NoArgsIsHelpError":  # `deepshi` or `deepshi mock` alone: the help, not an error
        text = exc.format_message()  # rich already printed it while the error was built; plain click did not
        if text.strip():
            typer.echo(text, err=True)
        return code
    if isinstance(exc, BadValue):
        return _report(exc.message, arguments, code)
    text = exc.format_message()
    context = getattr(exc, "ctx", None)
    if context is not None and code == EXIT_USAGE:
        text = f"{text.rstrip('.')}. See '{context.command_path} --help'."
    return _report(text, arguments, code)


def _keys_in(arguments: Sequence[str]) -> list[str]:
    """The values given to ``--api-key`` on this command line (to mask them in a usage error)."""
    keys = []
    for position, argument in enumerate(arguments):
        if argument == "--api-key" and position + 1 < len(arguments):
            keys.append(arguments[position + 1])
        elif argument.startswith("--api-key="):
            keys.append(argument.split("=", 1)[1])
    return keys


def _late_option(param: Any) -> Any:
    """A copy of a global option for a command's own options: it sets the same setting when given there."""
    late = copy.copy(param)
    late.expose_value = False
    late.default = False if param.is_flag else None
    late.show_default = False
    late.required = False
    late.is_eager = False
    late.rich_help_panel = GLOBAL_PANEL
    late.callback = _apply_late(param.name)
    return late


def _apply_late(name: str) -> Any:
    def apply(ctx: typer.Context, _param: Any, value: Any) -> None:
        if value is None or value is False:
            return
        settings = settings_of(ctx)
        if name == "base_url":
            value = check_base_url(value, "--base-url")
        if name == "debug" and not settings.debug:
            ctx.find_root().call_on_close(enable_debug_logging(settings))
        setattr(settings, name, value)

    return apply


app = typer.Typer(
    name="deepshi",
    cls=DeepshiGroup,
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
        typer.Option(
            "--api-key",
            help=f"API key (default: ${API_KEY_ENV}). Never printed.",
            metavar="KEY",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="API origin (default: $DEEPSHI_BASE_URL, else https://api.deepshi.ai).",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    max_retries: Annotated[
        int,
        typer.Option(
            "--max-retries",
            parser=whole_number("--max-retries", 0),
            metavar="N",
            help="Retries for connection errors, 408/409/429 and 5xx answers.",
        ),
    ] = 2,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs (keys scrubbed).")] = False,
    version: Annotated[  # noqa: ARG001 (handled by the eager callback)
        bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    """Edit and generate images with the Deepshi API; run a local mock of it; try the demo."""
    if base_url is not None:
        base_url = check_base_url(base_url, "--base-url")
    settings = Settings(api_key=api_key, base_url=base_url, debug=debug, max_retries=max_retries)
    ctx.obj = settings
    if debug:
        ctx.call_on_close(enable_debug_logging(settings))


for name in spec_commands.__all__:  # edit, generate (one per image operation of the spec) and batch
    app.command()(getattr(spec_commands, name))
app.command()(models.models)
app.command()(demo.demo)
app.add_typer(mock.app, name="mock")
