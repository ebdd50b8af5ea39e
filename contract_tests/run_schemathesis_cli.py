"""Run the ``schemathesis`` CLI with every check against a mock server (or the live target).

The same run as contract 1, from the command line (``tox -e contract`` runs it after pytest)::

    python contract_tests/run_schemathesis_cli.py [extra schemathesis run options]

It starts a ``MockServer`` (unless ``DEEPSHI_CONTRACT_BASE_URL``/``DEEPSHI_API_KEY`` name a live
deployment: then ``GET`` operations only, as in the pytest suite), reads its model catalog, and runs
``schemathesis run`` on the shipped spec with ``--checks all``, a fixed seed, and the suite's
hooks and checks (``SCHEMATHESIS_HOOKS=contract_tests.cli_hooks``). The key reaches schemathesis
through an environment variable named in a temporary config file, never on the command line.
Exits with schemathesis' exit code.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `contract_tests` importable
    sys.path.insert(0, str(ROOT))

from contract_tests.schemathesis_setup import ENV_CATALOG  # noqa: E402
from contract_tests.spec import spec_path  # noqa: E402
from contract_tests.target import Target, live_target, mock_target  # noqa: E402

KEY_VARIABLE = "DEEPSHI_CONTRACT_CLI_KEY"
MAX_EXAMPLES = "120"


def config_text(target: Target) -> str:
    """A ``schemathesis.toml`` for the run (the key as a ``${...}`` placeholder)."""
    lines = [
        f'headers = {{ Authorization = "Bearer ${{{KEY_VARIABLE}}}" }}',
        "",
        "[cache]",
        "enabled = false  # no .schemathesis/ crash cache in the work tree",
    ]
    if target.live:
        lines += ["", "[phases.coverage]", "unexpected-methods = []  # read-only: GET requests only"]
    return "\n".join(lines) + "\n"


def command(target: Target, config: Path, extra: list[str]) -> list[str]:
    executable = Path(sys.executable).with_name("schemathesis")
    args = [
        str(executable),
        "--config-file",
        str(config),
        "run",
        str(spec_path()),
        "--url",
        target.origin,
        "--checks",
        "all",
        "--seed",
        "1",
        "--max-examples",
        MAX_EXAMPLES,
        "--workers",
        "1",
        "--suppress-health-check",
        "all",
    ]
    if target.live:
        args += ["--include-method", "GET"]
    return args + extra


def main(extra: list[str]) -> int:
    from contract_tests.conftest import fetch_catalog
    from deepshi.mock import MockServer

    # schemathesis probes whether NUL bytes pass in headers; uvicorn logs each such request as a
    # warning ("Invalid HTTP request received."), which is expected here and only noise.
    logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
    with ExitStack() as stack:
        target = live_target(os.environ)
        if target is None:
            mock = stack.enter_context(MockServer())
            target = mock_target(mock.url, mock.api_key)
        print(f"schemathesis run against {target.describe()}", flush=True)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        config = folder / "schemathesis.toml"
        config.write_text(config_text(target), encoding="utf-8")
        env = {
            **os.environ,
            KEY_VARIABLE: target.api_key,
            ENV_CATALOG: json.dumps(fetch_catalog(target)),
            "SCHEMATHESIS_HOOKS": "contract_tests.cli_hooks",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        return subprocess.run(command(target, config, extra), env=env, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
