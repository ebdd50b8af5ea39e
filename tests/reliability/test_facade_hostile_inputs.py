"""Hostile inputs to the facade: FIFOs and pipes, text that cannot be sent, files that change mid-upload.

Issue 15, items 5, 11 and 12. Real FIFOs (``os.mkfifo``), real pipes (``/dev/fd/N``), real files
grown and truncated while a hand-made loopback server holds their upload; every refusal must be a
typed ``InvalidRequestError`` naming the argument, and where the input is at fault nothing may
reach the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from deepshi import AsyncDeepshi, Deepshi, InvalidRequestError
from deepshi.cli.app import app
from deepshi.mock import MockServer
from tests.images import encoded

from . import figures
from .canary import CANARY_KEY, Corpus
from .fake_api import Connection, FakeApi, each_request, fake_api, images_body
from .support import MODEL

PNG = encoded("PNG", 64, 48, (30, 120, 200))
BOUND = 10.0
"""Real seconds a call may take before the test calls it blocked (a refusal takes milliseconds)."""


def _ok(conn: Connection, _request: Any, _body: bytes) -> bool:
    conn.answer(200, images_body())
    return True


@pytest.fixture
def api() -> Iterator[FakeApi]:
    with fake_api(each_request(_ok)) as server:
        yield server


def _edit(base_url: str, **call: Any) -> Any:
    with Deepshi(api_key=CANARY_KEY, base_url=base_url, validate=False, max_retries=0) as client:
        return client.images.edit(**{**MODEL, "prompt": "p", **call})


def _within_bound(action: Callable[[], Any], unblock: Callable[[], None]) -> BaseException | None:
    """Run ``action`` in a thread; fail if it is still running after :data:`BOUND` (then ``unblock`` it)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # handed to the test thread
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BOUND)
    if thread.is_alive():
        unblock()
        thread.join(BOUND)
        pytest.fail(f"the call was still blocked after {BOUND:g} s")
    return outcome[0]


def _open_writer(path: Path) -> None:
    """What unblocks a reader stuck opening a FIFO: a writer (opened non-blocking, so the test never hangs)."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def _call(kind: str, options: dict[str, Any], arguments: dict[str, Any]) -> None:
    """One edit (``generate``: a generation) with a sync or an async client."""
    if kind == "async":

        async def main() -> None:
            async with AsyncDeepshi(**options) as client:
                await client.images.edit(**arguments)

        asyncio.run(main())
        return
    with Deepshi(**options) as client:
        (client.images.generate if kind == "generate" else client.images.edit)(**arguments)


def test_a_fifo_path_is_refused_at_once_and_nothing_is_sent(tmp_path: Path, api: FakeApi, corpus: Corpus) -> None:
    fifo = tmp_path / "camera.png"
    os.mkfifo(fifo)  # no writer: a plain open() for reading waits for one forever
    error = _within_bound(lambda: _edit(api.base_url, image=str(fifo)), lambda: _open_writer(fifo))
    assert type(error) is InvalidRequestError, repr(error)
    assert error.param == "image"
    assert "is a pipe or FIFO, not a regular file" in str(error)
    assert api.connections == 0
    corpus.add_exception("fifo path", error)
    figures.add("facade inputs", "refused")


def test_a_pipe_path_is_refused_without_draining_it(tmp_path: Path, api: FakeApi) -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, PNG)  # what `deepshi edit <(cat a.png)` hands over: /dev/fd/N, a pipe
        os.close(write_end)
        error = _within_bound(
            lambda: _edit(api.base_url, image=[str(tmp_path / "x.png"), f"/dev/fd/{read_end}"]), lambda: None
        )
        # The first image does not exist: the pipe is the second, and its error names it.
        assert type(error) is InvalidRequestError
        assert error.param == "image[0]"
        (tmp_path / "x.png").write_bytes(PNG)
        error = _within_bound(
            lambda: _edit(api.base_url, image=[str(tmp_path / "x.png"), f"/dev/fd/{read_end}"]), lambda: None
        )
        assert type(error) is InvalidRequestError, repr(error)
        assert error.param == "image[1]"
        assert "pipe" in str(error)
        assert os.read(read_end, len(PNG) + 1) == PNG  # not a byte of it was consumed
    finally:
        os.close(read_end)
    assert api.connections == 0
    figures.add("facade inputs", "refused")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_path_is_refused(device: str, api: FakeApi) -> None:
    error = _within_bound(lambda: _edit(api.base_url, image=device), lambda: None)
    assert type(error) is InvalidRequestError, repr(error)
    assert "a character device, not a regular file" in str(error)
    assert api.connections == 0
    figures.add("facade inputs", "refused")


def test_a_fifo_in_one_async_call_blocks_neither_the_loop_nor_the_others(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck.png"
    os.mkfifo(fifo)
    good = tmp_path / "good.png"
    good.write_bytes(PNG)

    async def batch(base_url: str, api_key: str) -> list[Any]:
        async with AsyncDeepshi(api_key=api_key, base_url=base_url, validate=False, max_retries=0) as client:
            calls = [
                client.images.edit(**MODEL, prompt=f"line {n}", image=str(fifo if n == 2 else good)) for n in range(5)
            ]
            return await asyncio.gather(*calls, return_exceptions=True)

    with MockServer() as mock:
        outcome: list[Any] = []
        error = _within_bound(
            lambda: outcome.extend(asyncio.run(batch(mock.base_url, mock.api_key))), lambda: _open_writer(fifo)
        )
        assert error is None
        assert [type(item).__name__ for item in outcome] == [
            "ImagesResult", "ImagesResult", "InvalidRequestError", "ImagesResult", "ImagesResult",
        ]  # fmt: skip
        assert len(mock.journal) == 4


def test_a_fifo_line_of_deepshi_batch_fails_alone_and_blocks_no_other_line(tmp_path: Path, corpus: Corpus) -> None:
    """The issue's case: ``deepshi batch`` with one line whose image is a FIFO (its lines share one event loop)."""
    os.mkfifo(tmp_path / "stuck.png")
    (tmp_path / "good.png").write_bytes(PNG)
    lines = [{"prompt": f"line {n}", **MODEL, "image": "stuck.png" if n == 3 else "good.png"} for n in range(1, 6)]
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out"
    results: list[Result] = []
    with MockServer() as mock:
        arguments = ["--base-url", mock.url, "--api-key", mock.api_key, "batch", str(manifest), "--out", str(out)]
        run = lambda: results.append(CliRunner().invoke(app, arguments, env={"COLUMNS": "160"}))  # noqa: E731
        assert _within_bound(run, lambda: _open_writer(tmp_path / "stuck.png")) is None
        assert [entry.operation for entry in mock.journal].count("editImage") == 4
    [result] = results
    corpus.add("batch with a FIFO line", result.output)
    assert result.exit_code == 1, result.output
    assert "done 4 · skipped 0 · failed 1" in result.stdout
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert [(failure["line"], failure["error"]) for failure in failures] == [
        (3, "UsageProblem")
    ]  # the CLI refuses it first


# -- item 11: text and numbers the encoder cannot send ------------------------------------------


def _nested(depth: int) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(depth):
        node.append([])
        node = node[0]
    return root


UNSENDABLE: list[tuple[str, dict[str, Any], str]] = [
    ("a lone surrogate in the prompt", {"prompt": "snow \ud800 roof"}, "prompt"),
    ("a lone surrogate in an extra_body key", {"extra_body": {"style\udc00": "x"}}, "extra_body"),
    ("a lone surrogate in an extra_body value", {"extra_body": {"style": ["ok", "\udfff"]}}, "extra_body"),
    ("NaN in extra_body", {"extra_body": {"guidance": float("nan")}}, "extra_body"),
    ("infinity in extra_body", {"extra_body": {"guidance": float("-inf")}}, "extra_body"),
    ("NaN nested in extra_body", {"extra_body": {"loras": [{"scale": float("nan")}]}}, "extra_body"),
    ("extra_body nested 100,000 deep", {"extra_body": {"deep": _nested(100_000)}}, "extra_body"),
    ("a NUL in an image path", {"image": "cabin\0.png"}, "image"),
    ("a lone surrogate in a file name", {"image": ("cabin\ud800.png", PNG)}, "image"),
    ("a non-ASCII header value", {"extra_headers": {"X-Trace": "café"}}, "extra_headers"),
    ("a lone surrogate in a query value", {"extra_query": {"trace": "\ud800"}}, "extra_query"),
]
CASES = [
    pytest.param(kind, case, call, param, id=f"{kind}: {case}")
    for kind in ("sync", "async", "generate")
    for case, call, param in UNSENDABLE
    if not (kind == "generate" and "image" in call)  # generations take no image
]


@pytest.mark.parametrize(("kind", "case", "call", "param"), CASES)
def test_what_cannot_be_sent_is_refused_typed_before_anything_is_sent(
    kind: str, case: str, call: dict[str, Any], param: str, tmp_path: Path, api: FakeApi, corpus: Corpus
) -> None:
    image = tmp_path / "cabin.png"
    image.write_bytes(PNG)
    arguments: dict[str, Any] = {**MODEL, "prompt": "p", "image": str(image), **call}
    if kind == "generate":
        del arguments["image"]
    with pytest.raises(InvalidRequestError) as raised:
        _call(kind, {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False}, arguments)
    assert raised.value.param == param, (case, raised.value.param, str(raised.value))
    assert str(raised.value).startswith(param), str(raised.value)
    corpus.add_exception(f"unsendable: {case}", raised.value)
    assert api.connections == 0, case
    figures.add("facade inputs", "refused")


def test_a_file_name_that_is_not_utf8_on_disk_is_still_sent(tmp_path: Path, api: FakeApi) -> None:
    """A real file whose name's bytes are not UTF-8: sent, with the undecodable bytes replaced in its name."""
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.png")
    with open(path, "wb") as file:
        file.write(PNG)
    assert _edit(api.base_url, image=os.fsdecode(path)).images
    assert b'filename="caf\xef\xbf\xbd.png"' in api.bodies[0]


# -- item 12: a file that changes while it is uploaded -------------------------------------------


def _changing_file(tmp_path: Path, change: Callable[[Path], None]) -> tuple[Path, Callable[[Connection], None]]:
    """A 16 MiB PNG-headed file, and a server script that changes it after the request head arrived.

    The server reads no body until the file has changed, so the client has sent at most the
    socket buffers' worth (far less than 16 MiB) when the change happens.
    """
    path = tmp_path / "growing.png"
    path.write_bytes(PNG + os.urandom(16 << 20))

    def script(conn: Connection) -> None:
        request = conn.read_head()
        if request is None:
            return
        change(path)
        conn.read_until_closed()

    return path, script


def _grow(path: Path) -> None:
    with path.open("ab") as file:
        file.write(b"\0" * (1 << 20))


def _shrink(path: Path) -> None:
    os.truncate(path, 1 << 20)


@pytest.mark.parametrize("change", [_grow, _shrink], ids=["grows", "shrinks"])
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_file_that_changes_during_its_upload_is_a_typed_error(
    kind: str, change: Callable[[Path], None], tmp_path: Path, corpus: Corpus
) -> None:
    path, script = _changing_file(tmp_path, change)
    with fake_api(script) as api:
        options: dict[str, Any] = {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False, "max_retries": 2}
        call = {**MODEL, "prompt": "p", "image": str(path)}
        with pytest.raises(InvalidRequestError, match="changed while it was being uploaded") as raised:
            _call(kind, options, call)
    assert raised.value.param == "image"
    corpus.add_exception(f"file changed during upload ({change.__name__})", raised.value)
    path.unlink()  # 17 MiB of random bytes: not worth the final secret scan's time
    assert api.connections == 1  # the input is at fault: not retried
    figures.add("facade inputs", "changed during upload")
