"""The checked-in generated client is exactly what the pinned generator makes from the spec."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_client_matches_a_fresh_regeneration() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_generated_package_is_marked_as_generated() -> None:
    readme = (ROOT / "generated" / "deepshi_openapi" / "README.md").read_text()
    assert "do not edit" in readme
    assert "generated/** linguist-generated=true" in (ROOT / ".gitattributes").read_text()
