"""``python -m deepshi`` and the ``deepshi`` console script: the command line (``deepshi[cli]``)."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the ``deepshi`` console script."""
    try:
        from .cli.app import app
    except ImportError as exc:  # typer/rich come with the extra
        sys.exit(f"deepshi: the command line needs the 'cli' extra: pip install 'deepshi[cli]' ({exc})")
    from typer.main import get_command

    # The click command itself, not `app()`: Typer.__call__ would install a global excepthook.
    get_command(app)(prog_name="deepshi")


if __name__ == "__main__":
    main()
