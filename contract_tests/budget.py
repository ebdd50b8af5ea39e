"""How many examples each generating test runs, scaled from the active hypothesis profile.

``ci`` (40 per test, derandomized) is the README test command's profile (the suite's time on two
cores is in docs/contract-tests.md); ``thorough`` (1000 per test) is for nightly or local deep runs. A contract that needs more or
fewer examples than a plain property test says so with a factor, not with a number of its own.
"""

from __future__ import annotations

from hypothesis import settings


def examples(factor: float = 1.0, minimum: int = 5) -> int:
    """``factor`` times the profile's ``max_examples`` (at least ``minimum``)."""
    current = settings.default
    assert current is not None  # the root conftest loads a profile
    return max(minimum, int(current.max_examples * factor))
