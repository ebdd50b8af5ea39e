"""Take a newly published Deepshi spec in: replace the vendored copy, show the diff, regenerate, test.

Usage::

    python scripts/spec_update.py FILE_OR_URL [--no-contract]    # or: tox -e spec-update -- FILE_OR_URL

The engine is :mod:`speclayers.update` (next to this file); docs/spec-changes.md walks through it.
"""

from __future__ import annotations

import sys

from speclayers.update import main

if __name__ == "__main__":
    sys.exit(main())
