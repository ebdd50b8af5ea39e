"""The mock server under abuse: where it listens, oversized uploads, hostile cassettes, 500 concurrent calls.

- It listens on 127.0.0.1 only, in process and from the command line (read back from /proc/net/tcp).
- An upload over the per-file limit is a 413 without the server keeping it (traced memory stays
  far below the upload's size); one over the request bound is refused before the client has sent it.
- No cassette reference can make it read a file outside its directory (hypothesis draws the paths).
- 500 concurrent requests from ``AsyncDeepshi`` (2000 under the ``thorough`` profile) all succeed,
  and the process's open file descriptors return to where they started.
- Record mode writes sequential requests in the order they came.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import httpx_aiohttp
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from deepshi import APIStatusError, AsyncDeepshi, Deepshi
from deepshi.mock import MockServer
from deepshi.mock.cassettes import CassetteError, load_file
from deepshi.mock.cli import build_parser
from deepshi.mock.faults import HEADER
from deepshi.mock.record import Recorder
from tests.clock import on_clock
from tests.images import encoded

from . import figures
from .canary import CANARY_KEY
from .clock import FakeClock
from .support import MODEL, client_options, thorough

MiB = 1024 * 1024
CONCURRENT = 2000 if thorough() else 500


# -- where it listens ---------------------------------------------------------------------------------


def _listeners(port: int) -> set[str]:
    """The local addresses (``hex-ip:hex-port``) listening on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            if state == "0A" and local.endswith(f":{port:04X}"):
                found.add(local)
    return found


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """``python -m deepshi.mock serve --port 0`` in its own process, as a user would start it; its origin."""
    process = subprocess.Popen(
        [sys.executable, "-m", "deepshi.mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()  # printed once it accepts connections
    try:
        assert banner.startswith("Deepshi mock server: http://"), banner + (
            process.stderr.read() if process.stderr else ""
        )
        yield banner.split(": ", 1)[1].strip().removesuffix("/v1")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_it_listens_on_loopback_only_in_process_and_from_the_command_line(served: str) -> None:
    with MockServer() as mock:
        assert mock.address == ("127.0.0.1", mock.port)
        assert _listeners(mock.port) == {f"0100007F:{mock.port:04X}"}
    port = int(served.rsplit(":", 1)[1])
    assert served == f"http://127.0.0.1:{port}"
    assert _listeners(port) == {f"0100007F:{port:04X}"}
    # `deepshi mock serve` takes its options from the same parser as `python -m deepshi.mock serve`
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


# -- uploads over the limit ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def limited() -> Iterator[MockServer]:
    with MockServer(max_upload_bytes=MiB) as server:
        yield server


def _sparse_png(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that starts like a PNG (so the client sends it), mostly a hole on disk."""
    with path.open("wb") as file:
        file.write(encoded("PNG"))
        file.truncate(size)
    return path


class CountingReader(io.BufferedReader):
    """A binary file that counts the bytes read from it (httpx streams file inputs with ``read``)."""

    consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.consumed += len(data)
        return data


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_file_over_the_limit_is_413_and_never_held_in_memory(
    kind: str, limited: MockServer, clock: FakeClock, tmp_path: Path
) -> None:
    upload = _sparse_png(tmp_path / "huge.png", 16 * MiB)
    limited.reset()
    options = client_options(limited.url, None, max_retries=2)
    call: dict[str, Any] = {**MODEL, "prompt": "too big", "image": upload}

    async def edit_async() -> None:
        async with on_clock(AsyncDeepshi(**options), clock.timer()) as client:
            await client.images.edit(**call)

    def edit() -> None:
        if kind == "async":
            asyncio.run(edit_async())
            return
        with on_clock(Deepshi(**options), clock.timer()) as client:
            client.images.edit(**call)

    tracemalloc.start()
    try:
        with pytest.raises(APIStatusError) as caught:
            edit()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        upload.unlink()  # 16 MiB of zeros the final secret scan need not read

    error = caught.value
    assert type(error) is APIStatusError
    assert (error.status_code, error.error_code, error.param) == (413, "file_too_large", "image[]")
    assert peak < 4 * MiB, f"{peak / MiB:.1f} MiB traced while a 16 MiB upload was refused"
    assert [(e.status, e.operation) for e in limited.journal] == [(413, "editImage")]  # not retried
    assert clock.waits == []
    figures.record(
        "upload limit",
        **{"upload MiB": 16, "limit MiB": 1, "status": 413, "code": "file_too_large"},
        **{"peak MiB": max(peak / MiB, figures.FIGURES.get("upload limit", {}).get("peak MiB", 0))},
    )


def test_a_request_over_the_bound_is_refused_before_the_client_has_sent_it(
    limited: MockServer, clock: FakeClock, tmp_path: Path
) -> None:
    path = _sparse_png(tmp_path / "huge.png", 64 * MiB)  # over the request bound (16 x 1 MiB + 2 MiB)
    limited.reset()
    with (
        on_clock(Deepshi(**client_options(limited.url, None, max_retries=0)), clock.timer()) as client,
        CountingReader(io.FileIO(path, "rb")) as upload,
        pytest.raises(APIStatusError) as caught,
    ):
        client.images.edit(**MODEL, prompt="far too big", image=upload)
    path.unlink()
    assert (caught.value.status_code, caught.value.error_code) == (413, "request_too_large")
    assert upload.consumed < 8 * MiB, f"the client had sent {upload.consumed / MiB:.1f} MiB of 64 when refused"


# -- cassettes that reach outside their directory -----------------------------------------------------

SEGMENTS = st.sampled_from(["..", ".", "images", "inside.png", "outside.png", "link-out", "link-in", "deep", ""])


@pytest.fixture(scope="module")
def cassette_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """root/ (the cassette directory) beside outside.png; symlinks in and out of root."""
    base = tmp_path_factory.mktemp("cassette-tree")
    root = base / "root"
    (root / "images" / "deep").mkdir(parents=True)
    (root / "images" / "inside.png").write_bytes(encoded("PNG"))
    (root / "images" / "deep" / "inside.png").write_bytes(encoded("PNG"))
    (base / "outside.png").write_bytes(encoded("PNG", 9, 9))
    (root / "link-out").symlink_to(base)
    (root / "link-in").symlink_to(root / "images")
    (root / "images" / "outside.png").symlink_to(base / "outside.png")
    return root


def _inside(root: Path, reference: str) -> bool:
    """The oracle: a relative reference to an existing file whose real path is inside ``root``."""
    if not reference or os.path.isabs(reference):
        return False
    target = os.path.realpath(os.path.join(root, reference))
    return os.path.commonpath([target, os.path.realpath(root)]) == os.path.realpath(root) and os.path.isfile(target)


@settings(max_examples=200 if not thorough() else 2000)
@given(
    segments=st.lists(SEGMENTS, min_size=1, max_size=6),
    absolute=st.booleans(),
    field=st.sampled_from(["$image", "body_file"]),
)
def test_no_cassette_reference_reaches_outside_the_directory(
    cassette_tree: Path, segments: list[str], absolute: bool, field: str
) -> None:
    reference = "/".join(segments)
    if absolute:
        reference = str(cassette_tree / reference)
    response: dict[str, Any] = {"status": 200}
    if field == "$image":
        response["body"] = {"created": 1, "data": [{"b64_json": {"$image": reference}}]}
    else:
        response["body_file"] = reference
    cassette = cassette_tree / "probe.yaml"
    cassette.write_text(
        yaml.safe_dump({"interactions": [{"request": {"operation": "createImage"}, "response": response}]})
    )
    try:
        [interaction] = load_file(cassette, cassette_tree.resolve())
    except CassetteError:
        accepted = None
    else:
        accepted = interaction.body_file or interaction.body["data"][0]["b64_json"].path
    finally:
        cassette.unlink()
    assert (accepted is not None) == (_inside(cassette_tree, reference) and not absolute), reference
    if accepted is not None:
        assert Path(accepted).resolve().is_relative_to(cassette_tree.resolve())


# -- 500 concurrent requests --------------------------------------------------------------------------


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_concurrent_requests_all_succeed_and_leave_no_descriptor_open(served: str, transport: str) -> None:
    """``httpx``: the facade's own client (httpx's pool, 100 connections); ``aiohttp``: the transport
    docs/usage.md recommends under concurrency, with one connection per request. The mock holds each
    answer 0.2 s, so the requests really are in flight together."""
    before = _open_fds()
    hold = {HEADER: "latency;seconds=0.2"}
    options: dict[str, Any] = {"api_key": CANARY_KEY, "base_url": served, "max_retries": 0, "default_headers": hold}
    http: httpx.AsyncClient | None = None
    if transport == "aiohttp":
        limits = httpx.Limits(max_connections=CONCURRENT, max_keepalive_connections=CONCURRENT)
        http = httpx.AsyncClient(transport=httpx_aiohttp.AiohttpTransport(limits=limits), timeout=120)
        options["http_client"] = http
    in_flight = peak = 0

    async with AsyncDeepshi(**options) as client:
        await client.models.list()

        async def one(index: int) -> int:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            try:
                result = await client.images.generate(**MODEL, prompt=f"concurrent {index}")
                return len(result.images[0].data)
            finally:
                in_flight -= 1

        started = time.perf_counter()
        outcomes = await asyncio.gather(*(one(i) for i in range(CONCURRENT)), return_exceptions=True)
        elapsed = time.perf_counter() - started
        during = _open_fds()  # the pool still holds its keep-alive connections
    if http is not None:
        await http.aclose()  # a client passed in is the caller's to close
    after = _open_fds()

    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert errors == [], f"{len(errors)} errors, first: {errors[0]!r}"
    assert all(isinstance(o, int) and o > 0 for o in outcomes)
    assert peak == CONCURRENT
    if transport == "aiohttp":
        assert during - before >= CONCURRENT * 0.9, f"only {during - before} connections were open at once"
    assert after == before, f"{after - before} file descriptors left open"
    figures.record(
        f"concurrency ({transport})",
        requests=CONCURRENT,
        connections=CONCURRENT if transport == "aiohttp" else 100,
        errors=len(errors),
        seconds=round(elapsed, 2),
        **{"fds before": before, "fds during": during, "fds after": after},
    )


# -- record mode keeps the order ------------------------------------------------------------------------


def test_record_mode_writes_sequential_requests_in_their_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first answer's cassette write is held until the second answer is in: the order must not change."""
    save = Recorder._save
    second_answered = threading.Event()
    calls: list[str] = []

    def slow_first_save(self: Recorder, *args: Any) -> None:
        calls.append("save")
        if len(calls) == 1:
            assert second_answered.wait(30)
        else:
            second_answered.set()
        save(self, *args)

    monkeypatch.setattr(Recorder, "_save", slow_first_save)
    with (
        MockServer() as upstream,
        MockServer(tmp_path, record=True, upstream=upstream.url) as recorder,
        Deepshi(api_key=CANARY_KEY, base_url=recorder.url, max_retries=0, validate=False) as client,
    ):
        client.images.generate(**MODEL, prompt="first")
        client.images.generate(**MODEL, prompt="second")
        client.images.generate(**MODEL, prompt="third")
    [cassette] = tmp_path.glob("recorded-*.yaml")
    interactions = yaml.safe_load(cassette.read_text())["interactions"]
    assert [i["request"]["prompt"] for i in interactions] == ["first", "second", "third"]
    assert [i["name"] for i in interactions] == ["createImage #1", "createImage #2", "createImage #3"]
