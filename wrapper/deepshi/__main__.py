"""``python -m deepshi``: the command line."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the ``deepshi`` console script."""
    from ._version import __version__

    print(f"deepshi {__version__}")
    sys.exit(0)


if __name__ == "__main__":
    main()
