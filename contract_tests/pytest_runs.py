"""Run pytest in child processes, several at once (the suite-has-teeth and live-mode contracts).

Each child gets a clean environment: no live-run variables unless the caller sets them, the
``quick`` hypothesis profile (a known bug must be caught, not searched for), no cache, and plain
asserts (assertion rewriting of every plugin module would cost seconds per child; the contract's
messages do not need it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .target import ENV_ALLOW_EDITS, ENV_API_KEY, ENV_BASE_URL, ENV_EDIT_MODEL

CHILD_TIMEOUT = 240
_LIVE_VARIABLES = (ENV_BASE_URL, ENV_API_KEY, ENV_ALLOW_EDITS, ENV_EDIT_MODEL)


@dataclass(frozen=True)
class PytestRun:
    """One child pytest: its arguments (test paths or node ids), directory and extra environment."""

    name: str
    args: Sequence[str]
    cwd: Path
    env: Mapping[str, str]


@dataclass(frozen=True)
class Finished:
    run: PytestRun
    returncode: int
    output: str

    def describe(self) -> str:
        tail = "\n".join(self.output.strip().splitlines()[-25:])
        return f"[{self.run.name}] exit {self.returncode}\n{tail}"


def child_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process' environment without live-run variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _LIVE_VARIABLES and not k.startswith("PYTEST_")}
    env["HYPOTHESIS_PROFILE"] = "quick"  # the root conftest's profile for child runs
    env["PYTHONHASHSEED"] = "0"
    env.update(extra or {})
    return env


def run_all(runs: Sequence[PytestRun]) -> list[Finished]:
    """Start every run, then wait for all of them (they share the machine's cores)."""
    started = []
    for run in runs:
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--assert=plain", *run.args]
        process = subprocess.Popen(
            command, cwd=run.cwd, env=dict(run.env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        started.append((run, process))
    finished = []
    for run, process in started:
        try:
            output, _ = process.communicate(timeout=CHILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            output += f"\n(killed after {CHILD_TIMEOUT} s)"
        finished.append(Finished(run, process.returncode, output))
    return finished
