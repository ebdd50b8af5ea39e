"""The command line: build the payloads, start the mock, run the scenarios, write report and chart."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import fixtures, machine
from .config import FULL, QUICK, ROOT, Sizes
from .context import Context
from .report import RunInfo, render, targets_table
from .results import Scenario
from .server import MockProcess

SCENARIOS = {
    "P1": "s1_small_edit",
    "P2": "s2_upload_rss",
    "P3": "s3_large_answer",
    "P4": "s4_sse",
    "P5": "s5_async",
    "P6": "s6_preflight",
    "P7": "s7_mock_validation",
    "P8": "s8_mock_throughput",
}
README_TESTS = ["tox", "run-parallel", "-p", "all", "-e", "lint,drift,spec-diff,type-contract-unit,readme"]
"""The README's test command (after its `pip install tox`)."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few repetitions (smoke mode, < 30 s)")
    parser.add_argument("--out", type=Path, help="output directory (default bench/results, or bench/results/quick)")
    parser.add_argument("--only", help="comma-separated scenarios to run, e.g. P1,P4 (default: all)")
    timing = parser.add_mutually_exclusive_group()
    timing.add_argument(
        "--test-seconds", type=float, help="the README test command's measured wall time, for target P6"
    )
    timing.add_argument(
        "--time-tests",
        action="store_true",
        help=f"run and time the README test command (`{' '.join(README_TESTS)}`) first, for target P6",
    )
    args = parser.parse_args(argv)
    unknown = set((args.only or "").upper().split(",")) - set(SCENARIOS) - {""}
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIOS)}")
    return args


def time_tests() -> tuple[float, int]:
    """Wall seconds and exit status of the README test command, run from the repo root as on a fresh machine.

    tox gets a new work directory, so its environments are built from scratch (as in CI) and the
    repository's own ``.tox`` is left alone.
    """
    tox = shutil.which("tox")
    with tempfile.TemporaryDirectory(prefix="deepshi-bench-tox-") as workdir:
        command = [tox] if tox else [sys.executable, "-m", "tox"]
        command += [*README_TESTS[1:], "--workdir", workdir]
        print(f"timing the README test command: {' '.join(command)}", flush=True)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, check=False)
        seconds = time.perf_counter() - start
    return seconds, done.returncode


def run_scenarios(selected: list[str], sizes: Sizes, test_seconds: float | None, source: str) -> list[Scenario]:
    """Build the payloads, start the mock, and run each selected scenario in order."""
    scenarios: list[Scenario] = []
    with tempfile.TemporaryDirectory(prefix="deepshi-bench-") as scratch:
        payloads = fixtures.build(Path(scratch), sizes)
        with MockProcess(payloads.cassettes) as mock:
            ctx = Context(sizes, payloads, mock, test_seconds, source)
            for key in selected:
                print(f"{key} ...", end=" ", flush=True)
                module = importlib.import_module(f"bench.{SCENARIOS[key]}")
                start = time.perf_counter()
                scenario: Scenario = module.run(ctx)
                scenario.seconds = time.perf_counter() - start
                scenarios.append(scenario)
                print(f"{scenario.seconds:.1f} s", flush=True)
                mock.reset_journal()
    return scenarios


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(arguments)
    sizes = QUICK if args.quick else FULL
    out: Path = args.out or ROOT / "bench" / "results" / ("quick" if args.quick else "")
    selected = [key for key in SCENARIOS if not args.only or key in args.only.upper().split(",")]
    test_seconds, source = args.test_seconds, "given with --test-seconds"
    if args.time_tests:
        test_seconds, status = time_tests()
        outcome = "passed" if status == 0 else f"FAILED with exit status {status}"
        source = (
            f"`{' '.join(README_TESTS)}` timed just before this run, tox environments built from scratch; it {outcome}"
        )
    started, load_before = time.perf_counter(), machine.load_average()
    busy_before, own_before = machine.busy_cpu_seconds(), machine.own_cpu_seconds()
    scenarios = run_scenarios(selected, sizes, test_seconds, source)
    seconds = time.perf_counter() - started
    busy_after = machine.busy_cpu_seconds()
    others = None
    if busy_before is not None and busy_after is not None:
        others = max(0.0, busy_after - busy_before - (machine.own_cpu_seconds() - own_before)) / seconds
    info = RunInfo(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        mode="quick" if args.quick else "full",
        seconds=seconds,
        command=" ".join(["python -m bench", *arguments]),
        machine=machine.describe(),
        versions=machine.versions(),
        load_before=load_before,
        load_after=machine.load_average(),
        other_load=others,
        code=machine.code_version(),
        chart=None,
    )
    out.mkdir(parents=True, exist_ok=True)
    chart_name, chart_note = draw_chart(scenarios, out, info)
    info = dataclasses.replace(info, chart=chart_name, chart_note=chart_note)
    (out / "latest.md").write_text(render(info, scenarios) + "\n", encoding="utf-8")
    print("\n".join(targets_table(scenarios)))
    print(f"report: {out / 'latest.md'}" + (f", chart: {out / chart_name}" if chart_name else f" ({chart_note})"))
    return 0


def draw_chart(scenarios: list[Scenario], out: Path, info: RunInfo) -> tuple[str | None, str]:
    """Draw ``latest.png`` when matplotlib is installed (the ``bench`` extra); else say why not."""
    try:
        from .chart import draw

        draw(scenarios, out / "latest.png", f"{info.mode} run, {info.date}, {info.machine['cores']} cores")
    except ImportError as exc:
        return None, f"not drawn ({exc.name} is not installed; `pip install -e '.[all]' --group bench`)."
    return "latest.png", ""
