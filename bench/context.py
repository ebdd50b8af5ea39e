"""What every scenario gets: the sizes, the payloads, the running mock and the command-line options."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Sizes
from .fixtures import Payloads
from .server import MockProcess


@dataclass(frozen=True)
class Context:
    sizes: Sizes
    payloads: Payloads
    mock: MockProcess
    test_seconds: float | None
    """The README test command's wall time, when given or measured (P6)."""
    test_seconds_source: str
