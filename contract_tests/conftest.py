"""Contract suite setup: which server is tested, its catalog, and the run summary.

The local mock comes from deepshi's own pytest plugin (``deepshi_mock``, ``deepshi_client``,
``async_deepshi_client``), the same fixtures applications use. The deployment-facing contracts
take the ``target`` fixture instead: that mock, or the live deployment named by the environment
(:mod:`contract_tests.target`). Every run ends with the number of schemathesis cases and
hypothesis examples it generated.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from deepshi.mock import MockServer

from . import budget, counts, schemathesis_setup
from .target import Target, TargetConfigError, live_target, mock_target


def live_from_environment() -> Target | None:
    """The live target the environment names (None: the mock); a usage error when half-configured."""
    try:
        return live_target(os.environ)
    except TargetConfigError as exc:
        raise pytest.UsageError(f"contract tests: {exc}") from exc


def _mock_cassettes(config: pytest.Config) -> Path | None:
    """The cassettes the plugin's ``deepshi_mock`` serves (its ``deepshi_mock_cassettes`` ini option)."""
    configured = str(config.getini("deepshi_mock_cassettes") or "")
    return Path(config.rootpath, configured) if configured else None


def pytest_configure(config: pytest.Config) -> None:
    """Stop a half-configured live run, and read the target's catalog before collection.

    Schemathesis builds its coverage-phase cases while collecting, so the catalog they are fitted
    to (``schemathesis_setup``) must be known then: the live deployment's, or the one the
    session mock will serve (read from a short-lived mock over the same cassettes; the
    ``target_catalog`` fixture checks that the session mock serves the same).
    """
    live = live_from_environment()
    if live is not None:
        catalog = fetch_catalog(live)
    else:
        with MockServer(_mock_cassettes(config)) as mock:
            catalog = fetch_catalog(mock_target(mock.url, mock.api_key))
    schemathesis_setup.use_catalog(catalog)


def pytest_report_header(config: pytest.Config) -> str:  # noqa: ARG001 (pytest hook signature)
    live = live_from_environment()
    return f"contract target: {live.describe() if live else 'local mock server (deepshi.mock)'}"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:  # noqa: ARG001
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    lines = counts.summary_lines(f"{profile} ({budget.examples(1.0, minimum=0)} examples per test)")
    if len(lines) > 1:
        terminalreporter.write_sep("-", "contract suite")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def target(deepshi_mock_session: MockServer) -> Target:
    """The server the deployment-facing contracts test: the live deployment, else the session mock."""
    return live_from_environment() or mock_target(deepshi_mock_session.url, deepshi_mock_session.api_key)


def fetch_catalog(target: Target) -> list[Mapping[str, Any]]:
    """The ``data`` of the target's ``GET /v1/models``."""
    response = httpx.get(f"{target.origin}/v1/models", headers=target.headers, timeout=30)
    assert response.status_code == 200, (
        f"Received: GET /v1/models answered {response.status_code}: {response.text[:300]}\n"
        "Documented: 200 with the model catalog"
    )
    models: list[Mapping[str, Any]] = response.json()["data"]
    return models


@pytest.fixture(scope="session")
def target_catalog(target: Target) -> Sequence[Mapping[str, Any]]:
    """The target's catalog, which must be the one generated cases were fitted to at collection."""
    catalog = fetch_catalog(target)
    assert catalog == schemathesis_setup.current_catalog(), (
        "Received: the target's GET /v1/models changed between collection and the run\n"
        "Documented: a stable catalog (generated cases are fitted to it when collected)"
    )
    return catalog


@pytest.fixture(scope="session")
def mock_catalog(deepshi_mock_session: MockServer) -> Sequence[Mapping[str, Any]]:
    """The local mock's catalog (the facade contracts always run against the mock)."""
    return fetch_catalog(mock_target(deepshi_mock_session.url, deepshi_mock_session.api_key))
