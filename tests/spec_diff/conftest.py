"""The spec-diff engine lives in scripts/specdiff (a tool, not part of the package): import it from there."""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from specdiff import Document, Finding, compare  # noqa: E402

SPEC = yaml.safe_load((ROOT / "openapi" / "deepshi.yaml").read_text(encoding="utf-8"))

Mutation = Callable[[dict[str, Any]], object]


def diff(mutate: Mutation, base: dict[str, Any] | None = None) -> list[Finding]:
    """The findings from the real spec (or ``base``) to a copy changed by ``mutate``."""
    before = copy.deepcopy(base if base is not None else SPEC)
    after = copy.deepcopy(before)
    mutate(after)
    return compare(Document(before, "base"), Document(after, "new")).items


@pytest.fixture
def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)
