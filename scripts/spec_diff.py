"""What changed in the spec (and the Python surface), classified by oasdiff's rules; gates breaking changes.

Usage::

    python scripts/spec_diff.py                      # generated/deepshi_openapi/openapi.yaml -> openapi/deepshi.yaml
    python scripts/spec_diff.py --base origin/main   # that ref's openapi/deepshi.yaml; CHANGELOG/version judged against it
    python scripts/spec_diff.py --base old.yaml --new openapi/deepshi.yaml

Exit status 1 when a breaking change has no CHANGELOG.md entry and version bump (docs/versioning.md).
The engine is the ``specdiff`` package next to this file.
"""

from __future__ import annotations

import sys

from specdiff import main

if __name__ == "__main__":
    sys.exit(main())
