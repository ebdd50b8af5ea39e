"""Contract 1 from schemathesis' own command line: the suite's CLI run, then the run from outside.

``run_schemathesis_cli.py`` is what a user types (docs/contract-tests.md); this test runs it as a
child process, as written, so that the suite's one command (``pytest contract_tests``, so also
``tox -e contract`` and ``tox -e spec-update``) covers it. Its result lines reach the suite's summary.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from . import counts

RUNNER = Path(__file__).with_name("run_schemathesis_cli.py")
RESULT = re.compile(r"^(\d+ generated, .*|report re-checked: .*)$")
"""schemathesis' own total line of each run, and the runner's re-check of the run from outside."""


def test_both_cli_runs_pass() -> None:
    # As the suite was started (a live deployment's variables included: the runner then runs the
    # suite's CLI run against it, read-only, and skips the mock-only run from outside).
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(
        [sys.executable, str(RUNNER)], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    output = done.stdout + done.stderr
    found = [m.group(1) for line in output.splitlines() if (m := RESULT.match(line.strip()))]
    counts.CLI_RUNS.extend(found)
    assert done.returncode == 0, output[-6000:]
    assert any(" generated, " in line for line in found), output[-3000:]
