"""The figures docs/reliability.md publishes, and the script that refreshes them from a real run.

Tests record what they measured in :data:`FIGURES`. When the environment variable
``DEEPSHI_RELIABILITY_FIGURES`` names a file, the suite writes them there as JSON at the end of
the session (see ``conftest.py``). ``python -m tests.reliability.figures`` runs the suite that
way and rewrites the generated parts of docs/reliability.md: the fault tables and the figures.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .fault_cases import render_tables

FIGURES: dict[str, Any] = {}
ENV = "DEEPSHI_RELIABILITY_FIGURES"
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
MARKERS = {
    "tables": ("<!-- fault-tables:start -->", "<!-- fault-tables:end -->"),
    "figures": ("<!-- figures:start -->", "<!-- figures:end -->"),
}


def record(section: str, **values: Any) -> None:
    """Merge ``values`` into ``FIGURES[section]``."""
    FIGURES.setdefault(section, {}).update(values)


def add(section: str, name: str, amount: float = 1) -> None:
    """Add ``amount`` to the counter ``FIGURES[section][name]``."""
    bucket = FIGURES.setdefault(section, {})
    bucket[name] = bucket.get(name, 0) + amount


def write(path: str) -> None:
    Path(path).write_text(json.dumps(FIGURES, indent=2, sort_keys=True), encoding="utf-8")


def replace_block(text: str, block: str, content: str) -> str:
    start, end = MARKERS[block]
    head, found, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise ValueError(f"docs/reliability.md lacks the {start} ... {end} markers")
    return f"{head}{start}\n{content.strip()}\n{end}{tail}"


def _s(value: float) -> str:
    return f"{value:.1f} s"


def _concurrency(figures: dict[str, Any], transport: str, label: str) -> str:
    load = figures[f"concurrency ({transport})"]
    return (
        f"{load['requests']} concurrent calls from AsyncDeepshi over {label} ({load['connections']} connections): "
        f"{load['errors']} errors in {_s(load['seconds'])}; open file descriptors {load['fds before']} before, "
        f"{load['fds during']} during, {load['fds after']} after"
    )


def render_figures(figures: dict[str, Any], wall: float) -> str:
    """The figures section (markdown) for one run's ``figures``."""
    matrix = figures["fault matrix"]
    fuzz = figures["bad input fuzz"]
    malformed = figures["malformed responses"]
    leaks = figures["secrets"]
    upload = figures["upload limit"]
    lost = figures["nothing lost"]
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"
    raised = fuzz["exceptions"]
    rows = [
        (
            "faults covered",
            f"{matrix['cases']} faults x {matrix['kinds']} call kinds x 2 armings = {matrix['scenarios']} scenarios, "
            f"{matrix['passed']} ended exactly as the table says; {matrix['attempts']} attempts reached the mock "
            f"({matrix['faulted attempts']} faulted), {matrix['retries']} retries, {matrix['waited']:g} s of waits "
            "taken on the injected clock",
        ),
        (
            "nothing lost",
            f"{lost['scenarios']} save, save_all and batch scenarios (network faults, a full disk, SIGKILL, SIGINT): "
            f"{lost['partial files']} partial or temporary files left, {lost['redone lines']} finished batch lines "
            "sent again",
        ),
        (
            "inputs fuzzed",
            f"{fuzz['calls']} invalid calls in {_s(fuzz['seconds'])} ({len(fuzz['categories'])} kinds of mistake; "
            f"sync, async and streaming): {raised.get('InvalidRequestError', 0)} InvalidRequestError, "
            f"{raised.get('TypeError', 0)} TypeError, each naming the argument; {fuzz['reached the mock']} reached "
            "the mock",
        ),
        (
            "malformed answers",
            f"{malformed['responses']} generated answers that break the spec: {malformed['APIResponseValidationError']} "
            f"raised APIResponseValidationError; other outcomes: {malformed['other']}",
        ),
        (
            "leaks found",
            f"{leaks['findings']} occurrences of the canary key in {leaks['items']} captured items "
            f"({leaks['bytes'] / 1e6:.1f} MB: {leaks['log records']} DEBUG log records, "
            f"{leaks['exception chains']} formatted exception chains, journals, reprs, cassettes, CLI output, "
            f"files); the positive control found all {leaks['control forms']} planted encodings",
        ),
        ("concurrency held", _concurrency(figures, "aiohttp", "the aiohttp transport")),
        ("", _concurrency(figures, "httpx", "its own httpx pool")),
        (
            "uploads over the limit",
            f"a {upload['upload MiB']} MiB upload against a {upload['limit MiB']} MiB limit: {upload['status']} "
            f"`{upload['code']}`, peak traced memory {upload['peak MiB']:.1f} MiB (client and mock in one process)",
        ),
    ]
    lines = ["| figure | last run |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]
    lines += [
        "",
        f"Produced by `python -m tests.reliability.figures` on {time.strftime('%Y-%m-%d')} ({machine}, "
        f"hypothesis profile `{figures.get('profile', 'ci')}`): it runs `pytest tests/reliability` with "
        f"`{ENV}` set, so that the tests write what they measured to a JSON file, then rewrites this "
        f"section and the fault tables above from it. That run took {_s(wall)}.",
    ]
    return "\n".join(lines)


def main() -> int:
    """Rewrite the fault tables, run the suite (which checks them), then write its figures."""
    DOC.write_text(replace_block(DOC.read_text(encoding="utf-8"), "tables", render_tables()), encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "figures.json"
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env={**os.environ, ENV: str(output)},
            check=False,
        )
        wall = time.perf_counter() - started
        if run.returncode != 0:
            print("the reliability suite failed; docs/reliability.md left as it was", file=sys.stderr)
            return run.returncode
        figures = json.loads(output.read_text(encoding="utf-8"))
    DOC.write_text(
        replace_block(DOC.read_text(encoding="utf-8"), "figures", render_figures(figures, wall)), encoding="utf-8"
    )
    print(f"docs/reliability.md updated ({wall:.1f} s run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
