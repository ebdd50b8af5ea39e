"""Contract 5, generated <-> spec (and facade <-> spec): nothing drifted, nothing is missing.

* The generated client is byte-identical to what the pinned generator makes from the spec now
  (``scripts/regen.py --check``, the same check as ``tox -e drift``): if this fails, someone
  changed ``openapi/`` without regenerating, or edited ``generated/`` by hand.
* Every ``operationId`` of the spec has a generated module with its four functions.
* Every ``operationId`` has a facade method, on ``Deepshi`` and on ``AsyncDeepshi``, and every
  public facade method reaches an operation of the spec. Both lists are built by looking, not
  written down: the operations from the spec, the methods by calling each public method of each
  resource of a client against the mock and reading the journal.
"""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from deepshi import AsyncDeepshi, Deepshi
from deepshi.mock import MockServer

from .failures import mismatch
from .images import render
from .spec import operations

ROOT = Path(__file__).resolve().parent.parent
PNG = render("image/png", 4, 3, seed=2, noise=0).data


def test_generated_is_byte_identical_to_a_fresh_regeneration() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, mismatch(
        received=f"drift between generated/ and a fresh regeneration:\n{result.stderr.strip()}",
        documented="generated/ is exactly what the pinned generator makes from openapi/",
        reproduce="tox -e drift (fix: tox -e regen)",
    )


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("operation_id", [op.operation_id for op in operations()])
def test_every_operation_is_generated(operation_id: str) -> None:
    op = next(o for o in operations() if o.operation_id == operation_id)
    tag = str(op.raw["tags"][0]).lower()
    module = importlib.import_module(f"deepshi_openapi.api.{tag}.{_snake(operation_id)}")
    missing = [name for name in ("sync", "sync_detailed", "asyncio", "asyncio_detailed") if not hasattr(module, name)]
    assert not missing, mismatch(received=f"{module.__name__} lacks {missing}", documented=f"operation {operation_id}")


def _sample_arguments(method: Any, catalog: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Minimal valid values for a method's required keyword arguments (one name, one value)."""
    editor = next(m["id"] for m in catalog if (m.get("edit") or {}).get("supported"))
    samples = {"model": editor, "prompt": "p", "image": PNG}
    required = [
        p.name
        for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    unknown = [name for name in required if name not in samples]
    assert not unknown, f"{method.__qualname__} needs {unknown}: add sample values to this test"
    return {name: samples[name] for name in required}


def _resources(client: object) -> dict[str, object]:
    return {
        name: value
        for name in dir(client)
        if not name.startswith("_") and type(value := getattr(client, name)).__module__.startswith("deepshi.resources")
    }


def _public_methods(resource: object) -> list[str]:
    return [name for name, member in inspect.getmembers(resource, callable) if not name.startswith("_")]


def _operations_reached(mock: MockServer, before: int) -> list[str]:
    return [entry.operation or f"{entry.method} {entry.path}" for entry in mock.journal[before:]]


def _compare(reached: dict[str, str], client_name: str) -> None:
    in_spec = {op.operation_id for op in operations()}
    covered = set(reached.values())
    listing = "\n  ".join(f"{method} -> {op}" for method, op in sorted(reached.items()))
    assert covered == in_spec, mismatch(
        received=f"{client_name} methods:\n  {listing}",
        documented=f"operationIds {sorted(in_spec)}: each has a facade method; missing {sorted(in_spec - covered)}, "
        f"outside the spec {sorted(covered - in_spec)}",
    )


def test_every_operation_has_a_sync_facade_method(
    deepshi_mock: MockServer, mock_catalog: Sequence[Mapping[str, Any]]
) -> None:
    reached: dict[str, str] = {}
    with Deepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0) as probe:
        resources = _resources(probe)
    for resource_name in sorted(resources):
        for method_name in _public_methods(resources[resource_name]):
            with Deepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0) as client:
                method = getattr(getattr(client, resource_name), method_name)
                before = len(deepshi_mock.journal)
                answer = method(**_sample_arguments(method, mock_catalog))
                if hasattr(answer, "close"):
                    answer.close()
                sent = _operations_reached(deepshi_mock, before)
                assert sent, f"client.{resource_name}.{method_name}() sent no request"
                reached[f"client.{resource_name}.{method_name}"] = sent[-1]  # a preflight catalog fetch comes first
    _compare(reached, "Deepshi")


async def test_every_operation_has_an_async_facade_method(
    deepshi_mock: MockServer, mock_catalog: Sequence[Mapping[str, Any]]
) -> None:
    reached: dict[str, str] = {}
    async with AsyncDeepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0) as probe:
        resources = _resources(probe)
    for resource_name in sorted(resources):
        for method_name in _public_methods(resources[resource_name]):
            async with AsyncDeepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0) as client:
                method = getattr(getattr(client, resource_name), method_name)
                before = len(deepshi_mock.journal)
                answer = await method(**_sample_arguments(method, mock_catalog))
                if hasattr(answer, "aclose"):
                    await answer.aclose()
                sent = _operations_reached(deepshi_mock, before)
                assert sent, f"client.{resource_name}.{method_name}() sent no request"
                reached[f"client.{resource_name}.{method_name}"] = sent[-1]
    _compare(reached, "AsyncDeepshi")
