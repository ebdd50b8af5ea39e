"""``deepshi mock serve``: the recorded mock server of the API, in the foreground.

The mock's options are defined once, in ``deepshi.mock.cli`` (``python -m deepshi.mock serve``
uses the same definition): this command hands its arguments, ``--help`` included, to that parser,
so the two commands cannot disagree. It needs the ``mock`` extra.
"""

from __future__ import annotations

import typer

from .errors import ConfigurationError
from .settings import settings_of

app = typer.Typer(
    help="The recorded, spec-validating mock of the Deepshi API (needs the mock extra).", no_args_is_help=True
)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
def serve(ctx: typer.Context) -> None:
    """Serve the mock API until Ctrl-C; prints its base URL and the export line for the other commands.

    Options: deepshi mock serve --help (the same as python -m deepshi.mock serve).
    """
    try:
        from deepshi.mock.cli import main
    except ImportError as exc:
        settings_of(ctx).error(
            str(ConfigurationError(f"the mock server needs the 'mock' extra: pip install 'deepshi[mock]' ({exc})"))
        )
        raise typer.Exit(ConfigurationError.exit_code) from None
    raise typer.Exit(main(["serve", *ctx.args], prog="deepshi mock"))
