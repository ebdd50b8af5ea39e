"""``python -m bench``: run every scenario and write the report and the chart."""

from __future__ import annotations

import sys

from .runner import main

if __name__ == "__main__":
    sys.exit(main())
