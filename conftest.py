"""Shared pytest setup: hypothesis profiles for every suite.

``ci`` (the default, used by the README test command) is derandomized and bounded so a run is
repeatable and fits the time budget; ``thorough`` is for nightly or local deep runs:
``HYPOTHESIS_PROFILE=thorough tox -e contract``; ``quick`` is what the contract suite's own child
runs use.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=40,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    # The contract suite's own child runs (contract_tests/test_suite_has_teeth.py, test_live_mode.py):
    # they prove that a known bug is caught or that the target switch works, not search for bugs.
    "quick",
    parent=settings.get_profile("ci"),
    max_examples=10,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def pytest_report_header(config: pytest.Config) -> str:  # noqa: ARG001 (pytest hook signature)
    return f"hypothesis profile: {PROFILE} ({settings.default.max_examples} examples per test)"


@pytest.fixture(autouse=True)
def _fresh_catalog_cache() -> None:
    """Each test starts with the facade's process-wide catalog cache empty (as a new process would)."""
    from deepshi._catalog_cache import CATALOGS

    CATALOGS.clear()
