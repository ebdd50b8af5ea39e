"""Contract: the generated client is exactly what the pinned generator makes from the spec.

If this fails, someone changed ``openapi/`` without regenerating, or edited ``generated/`` by
hand. Reproduce with ``tox -e drift``; fix with ``tox -e regen``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_is_byte_identical_to_a_fresh_regeneration() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"Received: drift\n{result.stderr}\nReproduce: tox -e drift"
