"""Contract 7, live mode: the environment decides what the suite talks to, and nothing else does.

* The variables are read strictly (``target.py``): URL and key -> that deployment, read-only;
  plus ``DEEPSHI_CONTRACT_ALLOW_EDITS=1`` -> a few cheap edits too; nothing -> the mock;
  anything half-configured -> the run stops with a usage error instead of testing the mock.
* The switch itself is proven end to end, without any network: a second ``MockServer`` stands in
  for "the deployment", and the deployment-facing contracts are run in child processes with and
  without the variables. The stand-in's journal then shows exactly what a deployment would
  receive: only ``GET /v1/models`` in a read-only run, exactly the two opted-in edits in an edit
  run, and nothing at all in a run with only the facade's own ``DEEPSHI_BASE_URL`` and
  ``DEEPSHI_API_KEY`` pointing at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deepshi.mock import MockServer

from . import conftest
from .pytest_runs import Finished, PytestRun, child_environment, run_all
from .target import (
    ENV_ALLOW_EDITS,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_EDIT_MODEL,
    Target,
    TargetConfigError,
    live_target,
    normalize_origin,
)

ROOT = Path(__file__).resolve().parent.parent
URL = "https://deepshi.example.invalid"
KEY = "sk-bf-contract-live-key"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({ENV_API_KEY: KEY}, None),  # a key alone (a developer's shell) is not a live run
        ({ENV_BASE_URL: URL, ENV_API_KEY: KEY}, Target(URL, KEY, live=True, allow_edits=False)),
        ({ENV_BASE_URL: URL + "/v1/", ENV_API_KEY: KEY}, Target(URL, KEY, live=True, allow_edits=False)),
        ({ENV_BASE_URL: URL, ENV_API_KEY: KEY, ENV_ALLOW_EDITS: "1"}, Target(URL, KEY, live=True, allow_edits=True)),
        ({ENV_BASE_URL: URL, ENV_API_KEY: KEY, ENV_ALLOW_EDITS: "no"}, Target(URL, KEY, live=True, allow_edits=False)),
        (
            {ENV_BASE_URL: URL, ENV_API_KEY: KEY, ENV_ALLOW_EDITS: "true", ENV_EDIT_MODEL: "m"},
            Target(URL, KEY, live=True, allow_edits=True, edit_model="m"),
        ),
    ],
)
def test_environment_selects_the_target(env: dict[str, str], expected: Target | None) -> None:
    assert live_target(env) == expected


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({ENV_BASE_URL: URL}, ENV_API_KEY),
        ({ENV_BASE_URL: URL, ENV_API_KEY: " "}, ENV_API_KEY),
        ({ENV_ALLOW_EDITS: "1", ENV_API_KEY: KEY}, ENV_BASE_URL),
        ({ENV_BASE_URL: URL, ENV_API_KEY: KEY, ENV_ALLOW_EDITS: "sure"}, ENV_ALLOW_EDITS),
        ({ENV_BASE_URL: "api.deepshi.ai", ENV_API_KEY: KEY}, "http(s) URL"),
    ],
)
def test_half_a_configuration_stops_the_run(env: dict[str, str], says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TargetConfigError, match=says.replace("(", r"\(").replace(")", r"\)")):
        live_target(env)
    for name in (ENV_BASE_URL, ENV_API_KEY, ENV_ALLOW_EDITS):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(pytest.UsageError, match="contract tests"):
        conftest.live_from_environment()


def test_the_key_never_shows() -> None:
    target = Target(URL, KEY, live=True, allow_edits=True)
    assert KEY not in repr(target)
    assert KEY not in target.describe()
    assert normalize_origin(" https://h/v1/ ") == "https://h"


@pytest.fixture(scope="module")
def switch_runs() -> Iterator[tuple[MockServer, MockServer, MockServer, dict[str, Finished]]]:
    """Three child runs against three stand-in deployments: read-only, with edits, and unset."""
    with MockServer() as read_only, MockServer() as editable, MockServer() as unused:
        live = {ENV_API_KEY: read_only.api_key, ENV_BASE_URL: read_only.url}
        edits = {ENV_API_KEY: editable.api_key, ENV_BASE_URL: editable.base_url, ENV_ALLOW_EDITS: "1"}
        runs = [
            PytestRun(
                "read-only",
                ["contract_tests/test_mock_conforms_to_spec.py", "contract_tests/test_deployment.py"],
                ROOT,
                child_environment(live),
            ),
            PytestRun("edits", ["contract_tests/test_deployment.py"], ROOT, child_environment(edits)),
            # The facade's own variables point at the stand-in: the suite must still use its mock.
            PytestRun(
                "mock",
                ["contract_tests/test_deployment.py"],
                ROOT,
                child_environment({ENV_API_KEY: unused.api_key, "DEEPSHI_BASE_URL": unused.url}),
            ),
        ]
        finished = {result.run.name: result for result in run_all(runs)}
        yield read_only, editable, unused, finished


def test_read_only_run_sends_only_reads(
    switch_runs: tuple[MockServer, MockServer, MockServer, dict[str, Finished]],
) -> None:
    deployment, _, _, finished = switch_runs
    result = finished["read-only"]
    assert result.returncode == 0, result.describe()
    assert f"contract target: LIVE deployment {deployment.url} (read-only)" in result.output, result.describe()
    received = [(entry.method, entry.path) for entry in deployment.journal]
    assert len(received) >= 20, f"the deployment received only {received}"
    assert set(received) == {("GET", "/v1/models")}, sorted(set(received))


def test_opted_in_run_sends_exactly_the_cheap_edits(
    switch_runs: tuple[MockServer, MockServer, MockServer, dict[str, Finished]],
) -> None:
    _, deployment, _, finished = switch_runs
    result = finished["edits"]
    assert result.returncode == 0, result.describe()
    assert "(read-only + opt-in cheap edits)" in result.output, result.describe()
    edits = [entry for entry in deployment.journal if entry.operation != "listModels"]
    assert [(e.operation, e.valid, e.status, e.fields.get("stream")) for e in edits] == [
        ("editImage", True, 200, None),
        ("editImage", True, 200, True),
    ]
    assert all(e.fields.get("n") in (None, 1) and len(e.files) == 1 for e in edits)


def test_run_without_the_variables_uses_the_mock(
    switch_runs: tuple[MockServer, MockServer, MockServer, dict[str, Finished]],
) -> None:
    _, _, deployment, finished = switch_runs
    result = finished["mock"]
    assert result.returncode == 0, result.describe()
    assert "contract target: local mock server" in result.output, result.describe()
    assert deployment.journal == []
