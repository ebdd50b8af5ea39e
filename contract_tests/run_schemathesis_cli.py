"""Run the ``schemathesis`` CLI with every check: the suite's own run, then the run "from outside".

``tox -e contract`` runs this after pytest::

    python contract_tests/run_schemathesis_cli.py [extra schemathesis run options]
    python contract_tests/run_schemathesis_cli.py --outside     # only the run from outside

1. **The suite's run** (contract 1 from the command line). It starts a ``MockServer`` (unless
   ``DEEPSHI_CONTRACT_BASE_URL``/``DEEPSHI_API_KEY`` name a live deployment: then ``GET``
   operations only, as in the pytest suite), reads its model catalog, and runs ``schemathesis
   run`` on the shipped spec with ``--checks all``, a fixed seed, and the suite's hooks and checks
   (``SCHEMATHESIS_HOOKS=contract_tests.cli_hooks``: real images, bodies fitted to the catalog).
   The key reaches schemathesis through an environment variable named in a temporary config
   file, never on the command line. Extra options are passed to this run.
2. **The run from outside** (mock only): what someone who has only the spec and a key runs, as
   docs/contract-tests.md gives it. ``deepshi mock serve`` in a child process, and ``schemathesis
   run`` with ``--checks all``, the spec, the mock's key and ``schemathesis-outside.toml``; no
   hooks, no catalog fitting. That file accepts 400 for schema-valid image requests (an unknown
   model id, an edit over the cap, a file that is not an image are schema-valid 400s); this script
   then reads the run's report and fails unless every such 400 is one of those
   (:data:`SEMANTIC_REJECTIONS`), unless each image operation accepted a schema-valid request, and
   unless each answered at least one event stream.

Exits non-zero when either run fails.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `contract_tests` importable
    sys.path.insert(0, str(ROOT))

from contract_tests.schemathesis_setup import ENV_CATALOG  # noqa: E402
from contract_tests.spec import SSE_TYPE, spec_path, streaming_operations  # noqa: E402
from contract_tests.target import Target, live_target, mock_target  # noqa: E402

KEY_VARIABLE = "DEEPSHI_CONTRACT_CLI_KEY"
MAX_EXAMPLES = "120"
OUTSIDE_MAX_EXAMPLES = "50"
"""Per operation, as in the documented command (schemathesis' default is 100)."""
OUTSIDE_CONFIG = ROOT / "contract_tests" / "schemathesis-outside.toml"
SEMANTIC_REJECTIONS = frozenset({"model_not_found", "too_many_images", "invalid_image_format"})
"""The 400s a schema-valid request may get, for what a JSON Schema cannot say: the model id is not in
the catalog, the edit carries more images than the model takes, a file is not a PNG, JPEG or WebP
(the encoding's ``contentType``; schemathesis fills ``format: binary`` with PDFs, ZIPs, GIFs, ...)."""
MOCK_KEY = "sk-bf-mock-test-key"
"""The key ``deepshi mock serve`` prints and accepts (a public demo key, not a secret)."""


def schemathesis_executable() -> str:
    return str(Path(sys.executable).with_name("schemathesis"))


# --- 1. the suite's run -------------------------------------------------------------------------


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
    args = [
        schemathesis_executable(),
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


def run_suite(extra: list[str]) -> int:
    from contract_tests.conftest import fetch_catalog
    from deepshi.mock import MockServer

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


# --- 2. the run from outside --------------------------------------------------------------------


def outside_command(origin: str, report_dir: Path, *extra: str) -> list[str]:
    """The documented command (docs/contract-tests.md), plus a fixed seed and a report to re-check."""
    return [
        schemathesis_executable(),
        "--config-file",
        str(OUTSIDE_CONFIG),
        "run",
        str(spec_path()),
        "--url",
        origin,
        "-H",
        f"Authorization: Bearer {MOCK_KEY}",
        "--checks",
        "all",
        "--max-examples",
        OUTSIDE_MAX_EXAMPLES,
        "--seed",
        "1",
        "--report",
        "ndjson",
        "--report-dir",
        str(report_dir),
        *extra,
    ]


@contextmanager
def served_mock(*options: str) -> Iterator[str]:
    """``deepshi mock serve --port 0`` in a child process, as a user starts it; yields its origin."""
    server = subprocess.Popen(
        [sys.executable, "-m", "deepshi", "mock", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # blocks until the server is up (or the process ended)
        prefix = "Deepshi mock server: "
        if not first.startswith(prefix):
            raise RuntimeError(f"deepshi mock serve did not start: {first!r}")
        yield first.removeprefix(prefix).strip().removesuffix("/v1")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


@dataclass
class ReportCheck:
    """What the outside run's report shows beyond schemathesis' own verdict."""

    cases: int = 0
    accepted: Counter[str] = field(default_factory=Counter)
    """operation label -> schema-valid requests answered 2xx."""
    rejections: Counter[str] = field(default_factory=Counter)
    """error code -> schema-valid image requests answered 400 for a reason the schema cannot express."""
    streamed: Counter[str] = field(default_factory=Counter)
    """operation label -> 2xx event streams."""
    problems: list[str] = field(default_factory=list)


def _content(response: Mapping[str, Any]) -> bytes:
    content = response.get("content")
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"])
    return str(content or "").encode()


def _error_code(body: bytes) -> Any:
    try:
        return json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def check_report(report: Path, relaxed: frozenset[str]) -> ReportCheck:
    """Re-check the report: a 400 to a schema-valid request of a ``relaxed`` operation must be a catalog rejection."""
    from contract_tests.spec import operations

    labels = {op.label: op.operation_id for op in operations()}
    found = ReportCheck()
    for line in report.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        recorder = event.get("ScenarioFinished", {}).get("recorder", {})
        for case_id, interaction in recorder.get("interactions", {}).items():
            case = recorder["cases"][case_id]["value"]
            label = f"{case['method']} {case['path']}"
            response = interaction["response"]
            status = response["status_code"]
            found.cases += 1
            content_type = "".join(response.get("headers", {}).get("content-type", []))
            if 200 <= status < 300 and content_type.startswith(SSE_TYPE):
                found.streamed[label] += 1
            mode = (case.get("meta") or {}).get("generation", {}).get("mode")
            if mode == "positive" and 200 <= status < 300:
                found.accepted[label] += 1
            if status != 400 or mode != "positive" or labels.get(label) not in relaxed:
                continue
            code = _error_code(_content(response))
            if code in SEMANTIC_REJECTIONS:
                found.rejections[code] += 1
            else:
                found.problems.append(
                    f"{label} (case {case_id}): a schema-valid request was answered 400 {code!r}\n"
                    f"    Received: {_content(response)[:300]!r}\n"
                    "    Documented: a schema-valid request is refused only for what the schema cannot say "
                    f"({', '.join(sorted(SEMANTIC_REJECTIONS))})\n"
                    f"    Reproduce: st replay {case_id}"
                )
    for op in operations():
        if op.operation_id in relaxed and not found.accepted[op.label]:
            found.problems.append(f"{op.label}: no schema-valid request was answered 2xx (wrong key?)")
    for op in streaming_operations():
        if not found.streamed[op.label]:
            found.problems.append(
                f"{op.label}: no 2xx event stream in the run (Documented: stream: true answers text/event-stream)"
            )
    return found


def relaxed_operations() -> frozenset[str]:
    """The operations whose ``positive_data_acceptance`` the outside config relaxes."""
    config = tomllib.loads(OUTSIDE_CONFIG.read_text(encoding="utf-8"))
    return frozenset(op for entry in config.get("operations", []) for op in entry.get("include-operation-id", []))


def outside_run(*serve_options: str, extra: tuple[str, ...] = ()) -> tuple[int, ReportCheck]:
    """The run from outside: schemathesis' exit code and what its report shows."""
    with served_mock(*serve_options) as origin, tempfile.TemporaryDirectory() as folder:
        print(f"schemathesis run from outside against `deepshi mock serve` at {origin}", flush=True)
        command = outside_command(origin, Path(folder), *extra)
        returncode = subprocess.run(command, cwd=folder, check=False).returncode
        [report] = Path(folder).glob("*.ndjson")
        return returncode, check_report(report, relaxed_operations())


def run_outside() -> int:
    returncode, found = outside_run()
    print(
        f"report re-checked: {found.cases} cases; schema-valid 2xx: "
        + ", ".join(f"{k} {v}" for k, v in sorted(found.accepted.items()))
        + "; schema-valid 400s the schema cannot express: "
        + (", ".join(f"{k} {v}" for k, v in sorted(found.rejections.items())) or "none")
        + "; 2xx streams: "
        + ", ".join(f"{k} {v}" for k, v in sorted(found.streamed.items())),
        flush=True,
    )
    for problem in found.problems:
        print(f"FAILED {problem}", flush=True)
    return returncode or int(bool(found.problems))


def main(argv: list[str]) -> int:
    # schemathesis probes whether NUL bytes pass in headers; uvicorn logs each such request as a
    # warning ("Invalid HTTP request received."), which is expected here and only noise.
    logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
    if argv[:1] == ["--outside"]:
        return run_outside()
    suite = run_suite(argv)
    outside = run_outside() if live_target(os.environ) is None else 0
    return suite or outside


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
