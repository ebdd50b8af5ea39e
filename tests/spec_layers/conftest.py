"""The spec layers live in scripts/speclayers (a tool, not part of the package): import them from there."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
