"""The wrapper every command runs in: any error becomes one clear line and a non-zero exit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, CliError, debug_traceback, describe
from .settings import HasRoot, settings_of

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command (whose first parameter is ``ctx: typer.Context``) so that an exception
    prints ``error: <Class> (<status>): <message> [param: ...]`` on stderr and exits 1, with the
    traceback before it only under ``--debug``; a `CliError` prints its own message and exits with
    its code (2 for a `UsageProblem`: nothing was sent); Ctrl-C exits 130. The API key is masked.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        # typer passes the context by its parameter name; it is a click Context (typer.Context is
        # only the annotation), so it is looked up by name rather than by type.
        context = kwargs.get("ctx", args[0] if args else None)
        settings = settings_of(context) if isinstance(context, HasRoot) else None
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):  # exits and click's usage errors
            raise
        except KeyboardInterrupt:
            if settings is not None:
                settings.error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        # The one place that turns any failure into a clean exit; the details stay reachable with --debug.
        except Exception as exc:
            if settings is None:
                raise
            if settings.debug:
                settings.err.print(settings.redact(debug_traceback(exc)), markup=False, highlight=False, soft_wrap=True)
            settings.error(describe(exc))
            raise typer.Exit(exc.exit_code if isinstance(exc, CliError) else EXIT_FAILURE) from None

    return run
