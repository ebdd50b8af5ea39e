"""Nothing lost, nothing half-written: saving and the CLI batch under network faults, a full disk and kills.

The fault matrix already saves every result it gets (and checks that a failed call leaves no
directory); here the faults hit the writing itself, and the batch: lines whose faults are retried
away, lines that fail and are the only ones redone on the next run, and a batch killed (SIGKILL)
or interrupted (SIGINT) while an answer is still arriving. Every output directory is compared
with exactly what must be in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner, Result

import deepshi._client
from deepshi.cli.app import app
from deepshi.cli.files import TEMP_SUFFIX
from deepshi.mock import Fault, MockServer
from tests.images import encoded

from . import figures
from .canary import CANARY_KEY, Corpus
from .clock import FakeClock
from .support import MODEL, listing

NOOP = Fault("latency", seconds=0)
"""Takes a place in the fault queue and changes nothing (the attempts around it keep their faults)."""

# -- saving on a full disk ---------------------------------------------------------------------------

DISK_FULL_CHILD = textwrap.dedent(
    """
    import errno, hashlib, json, resource, sys
    from pathlib import Path
    import httpx
    from deepshi._results import images_result
    from deepshi.cli.files import write_atomic
    from deepshi_openapi.models import ImagesResponse
    import base64

    small, large, old = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]).read_bytes(), b"the previous version"
    out = Path(sys.argv[3])
    limit = len(small) + 1000  # RLIMIT_FSIZE: a write past this offset fails with EFBIG, like a full disk
    assert len(large) > 2 * limit
    body = {"created": 1, "data": [{"index": 0, "b64_json": base64.b64encode(small).decode()},
                                   {"index": 1, "b64_json": base64.b64encode(large).decode()}]}
    result = images_result(ImagesResponse.from_dict(body), httpx.Response(200))
    (out / "save").mkdir()
    (out / "save" / "kept.png").write_bytes(old)
    (out / "cli").mkdir()
    (out / "cli" / "kept.png").write_bytes(old)
    report = {}
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    for name, action in (
        ("save_all", lambda: result.save_all(out / "save_all")),
        ("save", lambda: result.images[1].save(out / "save" / "kept.png")),
        ("cli write_atomic", lambda: write_atomic(out / "cli" / "kept.png", large)),
    ):
        try:
            action()
            report[name] = None
        except OSError as error:
            report[name] = error.errno
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print(json.dumps({"errors": report, "efbig": errno.EFBIG}))
    """
)


def test_a_full_disk_leaves_complete_files_or_the_previous_ones(tmp_path: Path, corpus: Corpus) -> None:
    small = encoded("PNG", 16, 16, (1, 2, 3))
    large = Image.effect_noise((256, 256), 64).convert("RGB")
    large_path, small_path = tmp_path / "large.png", tmp_path / "small.png"
    large.save(large_path)
    small_path.write_bytes(small)
    out = tmp_path / "out"
    out.mkdir()

    child = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, str(small_path), str(large_path), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    corpus.add("disk-full child: output", child.stdout + child.stderr)
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout)
    assert report["errors"] == dict.fromkeys(("save_all", "save", "cli write_atomic"), report["efbig"])
    # save_all: the first image is complete, the second absent; no temporary file anywhere.
    assert listing(out) == ["cli/kept.png", "save/kept.png", "save_all/0.png"]
    assert (out / "save_all" / "0.png").read_bytes() == small
    assert (out / "save" / "kept.png").read_bytes() == b"the previous version"
    assert (out / "cli" / "kept.png").read_bytes() == b"the previous version"
    _count(out, scenarios=3)


# -- the CLI batch -------------------------------------------------------------------------------------


@pytest.fixture
def cli(mock: MockServer, corpus: Corpus, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Runs ``deepshi --base-url MOCK --api-key CANARY ARGS...`` in process, retries on the injected clock."""
    monkeypatch.setattr(deepshi._client, "Timer", clock.timer)

    def run(*args: str, base_url: str | None = None) -> Result:
        global_args = ["--base-url", base_url or mock.url, "--api-key", CANARY_KEY]
        environment = {"DEEPSHI_API_KEY": None, "DEEPSHI_BASE_URL": None, "COLUMNS": "160"}
        result = CliRunner().invoke(app, [*global_args, *args], env=environment, prog_name="deepshi")
        corpus.add("cli: stdout", result.stdout)
        corpus.add("cli: stderr", result.stderr)
        return result

    return run


def _manifest(folder: Path, lines: list[dict[str, Any]]) -> Path:
    (folder / "in.png").write_bytes(encoded("PNG", 32, 24, (90, 20, 200)))
    path = folder / "jobs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def _line(number: int, *, edit: bool = False, stream: bool = False) -> dict[str, Any]:
    line: dict[str, Any] = {"prompt": f"line {number}", **MODEL}
    if edit:
        line["image"] = "in.png"
    if stream:
        line["stream"] = True
    return line


def _expected(numbers: list[int]) -> list[str]:
    images = [f"{n:06d}-0.jpg" for n in numbers]
    markers = [f".deepshi-done/{n:06d}.json" for n in numbers]
    return sorted(images + markers)


def _prompts(mock: MockServer) -> list[str]:
    return [str(e.fields.get("prompt")) for e in mock.journal if e.operation in ("createImage", "editImage")]


def _count(out: Path, redone: set[str] | None = None, scenarios: int = 1) -> None:
    """Add a scenario's outcome to the published figures."""
    figures.add("nothing lost", "scenarios", scenarios)
    figures.add(
        "nothing lost", "partial files", sum(1 for name in listing(out) if name.endswith((".tmp", TEMP_SUFFIX)))
    )
    figures.add("nothing lost", "redone lines", len(redone or ()))


def _assert_complete(out: Path) -> None:
    """Every image in ``out`` decodes whole (the listings compared elsewhere rule out temporary files)."""
    for name in listing(out):
        if name.endswith(".jpg"):
            with Image.open(out / name) as image:
                image.load()
                assert image.size == (256, 256)


def test_a_batch_whose_faults_are_retried_away_completes_every_line(
    cli: Any, mock: MockServer, clock: FakeClock, tmp_path: Path
) -> None:
    lines = [_line(1), _line(2), _line(3, edit=True), _line(4, stream=True), _line(5, edit=True), _line(6)]
    manifest = _manifest(tmp_path, lines)
    for fault in (Fault("status", status=503), NOOP, Fault("reset_before_headers"), NOOP):  # lines 1, 2
        mock.add_fault(_on("createImage", fault))
    for fault in (Fault("status", status=429, retry_after=2), NOOP, Fault("truncated_json"), NOOP):  # lines 4, 6
        mock.add_fault(_on("createImage", fault))
    for fault in (Fault("reset_after_headers"), NOOP, Fault("sse_error_event"), NOOP):  # lines 3, 5
        mock.add_fault(_on("editImage", fault))
    out = tmp_path / "out"

    result = cli("--max-retries", "2", "batch", str(manifest), "--out", str(out), "--concurrency", "1")

    assert result.exit_code == 0, result.output
    assert "done 6 · skipped 0 · failed 0" in result.stdout
    assert listing(out) == _expected([1, 2, 3, 4, 5, 6])
    _assert_complete(out)
    assert _prompts(mock) == [f"line {n}" for n in (1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6)]
    assert clock.waits == [0.5, 0.5, 0.5, 2.0, 0.5, 0.5]
    assert mock.pending_faults == []
    _count(out)


def _on(operation: str, fault: Fault) -> Fault:
    return Fault(**{**fault.__dict__, "operation": operation})


def test_lines_that_fail_are_the_only_ones_redone(cli: Any, mock: MockServer, clock: FakeClock, tmp_path: Path) -> None:
    lines = [
        _line(1),
        _line(2),
        _line(3, edit=True),
        _line(4, stream=True),
        _line(5, stream=True),
        _line(6, edit=True),
        _line(7),
    ]
    manifest = _manifest(tmp_path, lines)
    for fault in (NOOP, Fault("reset_after_headers"), Fault("truncated_sse"), Fault("sse_error_event"), NOOP):
        mock.add_fault(_on("createImage", fault))  # lines 1, 2, 4, 5, 7
    for fault in (Fault("malformed_json"), Fault("status", status=503)):
        mock.add_fault(_on("editImage", fault))  # lines 3, 6
    out = tmp_path / "out"

    first = cli("--max-retries", "0", "batch", str(manifest), "--out", str(out), "--concurrency", "1")

    assert first.exit_code == 1, first.output
    assert "done 2 · skipped 0 · failed 5" in first.stdout
    assert listing(out) == sorted([*_expected([1, 7]), "failures.jsonl"])
    _assert_complete(out)
    failures = {r["line"]: r["error"] for r in map(json.loads, (out / "failures.jsonl").read_text().splitlines())}
    assert failures == {
        2: "APIConnectionError",
        3: "APIResponseValidationError",
        4: "StreamError",
        5: "StreamError",
        6: "InternalServerError",
    }
    assert clock.waits == []

    mock.reset()
    second = cli("--max-retries", "0", "batch", str(manifest), "--out", str(out), "--concurrency", "3")

    assert second.exit_code == 0, second.output
    assert "done 5 · skipped 2 · failed 0" in second.stdout
    assert sorted(_prompts(mock)) == [f"line {n}" for n in (2, 3, 4, 5, 6)]  # 1 and 7 were not paid for twice
    assert listing(out) == _expected([1, 2, 3, 4, 5, 6, 7])
    _assert_complete(out)
    _count(out, redone={"line 1", "line 7"} & set(_prompts(mock)), scenarios=2)


# -- killed or interrupted while an answer is arriving -----------------------------------------------

HANG = 3600.0
"""The drip interval that marks the answer to hold: the gate stops it there until the test is done."""


class Gate:
    """The mock's injected sleep: real for ordinary delays; at ``HANG`` it signals and holds the answer."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    async def sleep(self, seconds: float) -> None:
        if seconds != HANG:
            await asyncio.sleep(seconds)
            return
        self.reached.set()
        await asyncio.to_thread(self.release.wait, 60)


@pytest.fixture
def gated() -> Iterator[tuple[MockServer, Gate]]:
    gate = Gate()
    with MockServer(sleep=gate.sleep) as server:
        yield server, gate
        gate.release.set()


CHILD = textwrap.dedent(
    """
    import faulthandler, signal, sys
    faulthandler.register(signal.SIGUSR1)  # the test asks for every thread's stack if the child hangs
    # Ctrl-C as a terminal delivers it: a job started in the background of a non-interactive shell
    # (as a CI runner may start the test command) inherits SIGINT ignored, and Python then never
    # raises KeyboardInterrupt (measured: the batch ran on, stuck on the hung answer).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from deepshi.__main__ import main
    sys.argv = ["deepshi", *sys.argv[1:]]
    main()
    """
)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_batch_stopped_mid_answer_resumes_without_redoing_finished_lines(
    how: signal.Signals, gated: tuple[MockServer, Gate], cli: Any, tmp_path: Path, corpus: Corpus
) -> None:
    server, gate = gated
    manifest = _manifest(tmp_path, [_line(n) for n in range(1, 6)])
    out = tmp_path / "out"
    server.add_fault(_on("createImage", NOOP), count=2)  # lines 1 and 2 answer normally
    server.add_fault(_on("createImage", Fault("slow_drip", bytes_per_chunk=64, interval=HANG)))  # line 3 hangs
    args = [
        "--base-url",
        server.url,
        "--max-retries",
        "0",
        "batch",
        str(manifest),
        "--out",
        str(out),
        "--concurrency",
        "1",
    ]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DEEPSHI_API_KEY": CANARY_KEY},
    )
    try:
        assert gate.reached.wait(60), "line 3 never started arriving"
        child.send_signal(how)
        try:
            stdout, stderr = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGUSR1)  # faulthandler: where it is stuck, on stderr
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.communicate(timeout=5)  # collects the dump (the child keeps running)
            child.kill()
            stdout, stderr = child.communicate()
            raise AssertionError(f"the child did not stop within 60 s of {how.name}; its threads:\n{stderr}") from None
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
        gate.release.set()
    corpus.add(f"cli child ({how.name}): stdout", stdout)
    corpus.add(f"cli child ({how.name}): stderr", stderr)

    assert child.returncode == (-signal.SIGKILL if how == signal.SIGKILL else 130), stderr
    left = listing(out)
    temporaries = [name for name in left if name.endswith(TEMP_SUFFIX)]
    if how == signal.SIGKILL:  # the failure log the killed run had open, swept by the next run
        assert len(temporaries) == 1
        assert temporaries[0].startswith(".failures.jsonl.")
    else:
        assert temporaries == []
    assert [name for name in left if name not in temporaries] == _expected([1, 2])
    _assert_complete(out)

    server.reset()
    rerun = cli("--max-retries", "0", "batch", str(manifest), "--out", str(out), base_url=server.url)

    assert rerun.exit_code == 0, rerun.output
    assert "done 3 · skipped 2 · failed 0" in rerun.stdout
    assert sorted(_prompts(server)) == ["line 3", "line 4", "line 5"]
    assert listing(out) == _expected([1, 2, 3, 4, 5])
    _assert_complete(out)
    _count(out, redone={"line 1", "line 2"} & set(_prompts(server)))
