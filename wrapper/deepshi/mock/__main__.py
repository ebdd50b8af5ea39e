"""``python -m deepshi.mock serve [--host 127.0.0.1] [--port 4010] [--cassettes DIR] ...``."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
