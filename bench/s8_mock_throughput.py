"""Scenario 8: the mock as a product, its throughput and start-up, against Stoplight Prism on the same spec.

Each server runs in its own process, driven by the same closed-loop load generator in another
(:mod:`.load`): ``GET /v1/models``, a JSON generation with a tiny answer, and a 1-image edit with
scenario 1's ~1 MB answer (the mock only: Prism answers an edit with the spec's example, not with
an image of that size). The servers take turns, round after round; the median round counts.
Start-up: wall time from spawning the server until ``GET /v1/models`` answers 200.

Prism (``@stoplight/prism-cli``, pinned below) is installed with npm into a cache directory the
first time (``DEEPSHI_BENCH_PRISM_DIR``, default ``~/.cache/deepshi-bench/prism-<version>``) and
run as ``prism mock`` on the shipped spec (it answers with the spec's examples). Its rows are
skipped, with the reason printed, when node or npm is missing, when the install fails, and in
quick mode (the smoke test must not reach the network).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

import deepshi_openapi

from . import procinfo
from .config import MODEL, QUICK
from .context import Context
from .fixtures import SMALL_EDIT, TINY_GENERATION
from .load import Load, Outcome
from .load import run as drive
from .results import Row, Scenario, Target
from .stats import median

PRISM_PACKAGE = "@stoplight/prism-cli"
PRISM_VERSION = "5.14.2"
SPEC = Path(deepshi_openapi.__file__).with_name("openapi.yaml")
MOCK = "deepshi mock"
PRISM = "Prism"
MODELS = "GET /v1/models"
GENERATION = "JSON generation (tiny image)"
EDIT = "1-image edit (~1 MB answer)"


@dataclass
class Server:
    """A running server: its name, origin and process (for its CPU time)."""

    name: str
    origin: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        return procinfo.cpu_seconds(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _size(count: int) -> str:
    return f"{count / 2**20:.2f} MB" if count >= 2**20 else f"{count / 1024:.1f} KB" if count >= 1024 else f"{count} B"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(name: str, command: Callable[[int], list[str]], key: str) -> tuple[Server, float]:
    """Spawn a server on a free port; it and the seconds until ``GET /v1/models`` answered 200."""
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    # Output to /dev/null: Prism logs every request, the mock prints its banner; neither is read.
    process = subprocess.Popen(command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + 60
    with httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=5) as http:
        while True:
            try:
                if http.get(f"{origin}/v1/models").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.perf_counter() > deadline:
                process.kill()
                raise RuntimeError(f"{name} did not start: `{' '.join(command(port))}`")
            time.sleep(0.002)  # polling a starting server: the bench measures, it does not synchronise
    return Server(name, origin, process), time.perf_counter() - start


def _mock_command(cassettes: Path) -> Callable[[int], list[str]]:
    return lambda port: [
        sys.executable,
        "-m",
        "deepshi.mock",
        "serve",
        "--port",
        str(port),
        "--fast",
        "--cassettes",
        str(cassettes),
    ]


def _prism_command(binary: Path) -> Callable[[int], list[str]]:
    return lambda port: [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), str(SPEC)]


def prism_binary(quick: bool) -> tuple[Path | None, str]:
    """The ``prism`` executable (installed into the cache when missing), or None and why not."""
    if quick:
        return None, "quick mode: Prism is not installed or run (npm needs the network; the smoke test must not)"
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return None, f"{'node' if node is None else 'npm'} is not installed: the Prism rows need node and npm"
    default = Path.home() / ".cache" / "deepshi-bench" / f"prism-{PRISM_VERSION}"
    root = Path(os.environ.get("DEEPSHI_BENCH_PRISM_DIR", default))
    binary = root / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        root.mkdir(parents=True, exist_ok=True)
        print(f"installing {PRISM_PACKAGE}@{PRISM_VERSION} into {root} ...", end=" ", flush=True)
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(root), f"{PRISM_PACKAGE}@{PRISM_VERSION}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not binary.exists():
            return None, f"`npm install {PRISM_PACKAGE}@{PRISM_VERSION}` failed: {done.stderr.strip()[-300:]}"
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return binary, f"{PRISM_PACKAGE} {PRISM_VERSION} on node {node_version}"


def _loads(ctx: Context, origin: str) -> dict[str, Load]:
    sizes = ctx.sizes
    common = {
        "headers": {"Authorization": f"Bearer {ctx.mock.api_key}"},
        "connections": sizes.p8_connections,
        "requests": sizes.p8_requests,
        "seconds": sizes.p8_seconds,
        "warmup": max(10, sizes.p8_requests // 20),
    }
    image = ctx.payloads.small_input
    return {
        MODELS: Load(f"{origin}/v1/models", **common),  # type: ignore[arg-type]
        GENERATION: Load(
            f"{origin}/v1/images/generations",
            method="POST",
            json_body={"model": MODEL, "prompt": TINY_GENERATION},
            **common,  # type: ignore[arg-type]
        ),
        EDIT: Load(
            f"{origin}/v1/images/edits",
            method="POST",
            form=[
                ("model", "", MODEL, None),
                ("prompt", "", SMALL_EDIT, None),
                ("image[]", "in.png", image, "image/png"),
            ],
            **common,  # type: ignore[arg-type]
        ),
    }


@dataclass
class Tally:
    rates: list[float]
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    requests: int = 0
    answer_bytes: int = 0
    statuses: dict[str, int] | None = None


def _measure(server: Server, load: Load, tally: Tally) -> None:
    cpu = server.cpu_seconds()
    outcome: Outcome = drive(load)
    tally.server_cpu += server.cpu_seconds() - cpu
    tally.client_cpu += outcome.client_cpu
    tally.requests += outcome.requests
    tally.answer_bytes = outcome.answer_bytes
    tally.rates.append(outcome.rate)
    if set(outcome.statuses) != {"200"}:
        raise AssertionError(f"scenario 8: {server.name} answered {outcome.statuses} to {load.method} {load.url}")


def run(ctx: Context) -> Scenario:
    binary, prism_note = prism_binary(ctx.sizes == QUICK)
    if binary is None:
        print(f"(P8: Prism rows skipped: {prism_note})", end=" ", flush=True)
    commands = {MOCK: _mock_command(ctx.payloads.cassettes)}
    if binary is not None:
        commands[PRISM] = _prism_command(binary)
    starts: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ctx.sizes.p8_starts):  # the servers take turns starting; each is stopped again
        for name, command in commands.items():
            server, seconds = _start(name, command, ctx.mock.api_key)
            starts[name].append(seconds)
            server.stop()
    servers = {name: _start(name, command, ctx.mock.api_key)[0] for name, command in commands.items()}
    try:
        kinds = {MOCK: [MODELS, GENERATION, EDIT], PRISM: [MODELS, GENERATION]}
        loads = {name: _loads(ctx, server.origin) for name, server in servers.items()}
        tallies = {(name, kind): Tally([]) for name in servers for kind in kinds[name]}
        for _ in range(ctx.sizes.p8_rounds):
            for kind in (MODELS, GENERATION, EDIT):
                for name, server in servers.items():
                    if kind in kinds[name]:
                        _measure(server, loads[name][kind], tallies[(name, kind)])
    finally:
        for server in servers.values():
            server.stop()
    return _scenario(ctx, tallies, starts, binary is not None, prism_note)


def _scenario(
    ctx: Context,
    tallies: dict[tuple[str, str], Tally],
    starts: dict[str, list[float]],
    with_prism: bool,
    prism_note: str,
) -> Scenario:
    sizes = ctx.sizes
    rows: list[Row] = []
    rates = {key: median(tally.rates) for key, tally in tallies.items()}
    for (name, kind), tally in tallies.items():
        versus = rates.get((PRISM, kind)) if name == MOCK else None
        per_request = 1e6 / tally.requests
        note = (
            (f"{rates[(name, kind)] / versus:.2f}× Prism's; " if versus else "")
            + f"answer {_size(tally.answer_bytes)}; CPU per request: server {tally.server_cpu * per_request:.0f} µs, "
            f"load generator {tally.client_cpu * per_request:.0f} µs"
        )
        rows.append(Row(f"{name}, {kind}", "req/s", rates[(name, kind)], min(tally.rates), note=note))
    startup = {name: median(seconds) * 1e3 for name, seconds in starts.items()}
    for name, seconds in starts.items():
        note = f"{startup[name] / startup[PRISM]:.2f}× Prism's" if name == MOCK and with_prism else ""
        rows.append(Row(f"{name}, start-up to first answer", "ms", startup[name], max(seconds) * 1e3, note=note))
    scenario = Scenario(
        key="P8",
        title="Mock server: throughput and start-up, against Prism",
        how=(
            f"Each server in its own process (the mock: `python -m deepshi.mock serve --fast`, the bench's cassettes; "
            f"Prism: `prism mock` on the same shipped spec, {prism_note}); a closed-loop aiohttp load generator in a "
            f"third process keeps {sizes.p8_connections} keep-alive connections busy for {sizes.p8_requests:,} "
            f"requests or {sizes.p8_seconds:g} s, whichever ends first, after a warm-up; {sizes.p8_rounds} round(s), "
            "the servers taking turns; median round (p95 column: the slowest round). All three share the machine's "
            f"cores. Start-up: spawn to the first 200 of `GET /v1/models`, {sizes.p8_starts} start(s) each "
            "(p95 column: the slowest)."
        ),
        rows=rows,
    )
    if not with_prism:
        scenario.notes.append(f"Prism rows skipped: {prism_note}.")
        scenario.targets.append(
            Target("P8", "≥ 2× Prism's requests/s (models, generation); start-up ≤ 0.5× Prism's", "not measured", None)
        )
        return scenario
    ratios = {kind: rates[(MOCK, kind)] / rates[(PRISM, kind)] for kind in (MODELS, GENERATION)}
    start_ratio = startup[MOCK] / startup[PRISM]
    met = all(ratio >= 2 for ratio in ratios.values()) and start_ratio <= 0.5
    mock_cpu = {kind: tallies[(MOCK, kind)] for kind in ratios}
    scenario.targets.append(
        Target(
            "P8",
            "≥ 2× Prism's requests/s (models list, JSON generation); start-up ≤ 0.5× Prism's",
            f"models {ratios[MODELS]:.2f}×, generation {ratios[GENERATION]:.2f}× Prism's req/s; "
            f"start-up {start_ratio:.2f}× Prism's ({startup[MOCK]:.0f} vs {startup[PRISM]:.0f} ms)",
            met,
            limit=(
                "The mock spends "
                + ", ".join(
                    f"{tally.server_cpu / tally.requests * 1e6:.0f} µs of CPU per {kind} request"
                    for kind, tally in mock_cpu.items()
                )
                + " against Prism's "
                + ", ".join(
                    f"{tallies[(PRISM, kind)].server_cpu / tallies[(PRISM, kind)].requests * 1e6:.0f} µs"
                    for kind in ratios
                )
                + " (the rows' notes): one uvicorn worker (h11) on one core, validating each request against the "
                "spec, journaling it and answering from its cache. The requests/s ratio is smaller than the CPU "
                "ratio because the servers share the cores with the load generator (its CPU per request is in the "
                "notes too) and with whatever else runs (the report's machine table). Start-up is the interpreter, "
                "the imports (starlette, uvicorn, the spec's validators) and loading the spec and the cassettes."
            ),
        )
    )
    return scenario
