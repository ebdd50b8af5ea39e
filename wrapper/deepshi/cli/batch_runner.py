"""Running a manifest: bounded concurrency, resumable outputs, failures collected.

Memory stays flat for any manifest length: lines are read one at a time, and a new request task
is created only when one of the `concurrency` slots is free (finished tasks leave the task
group), so at most `concurrency` results are in memory at once.

Outputs of a line are ``{name}-{index}.{ext}`` (``name`` from the line, else the zero-padded line
number). Each file is written atomically; then a small marker ``.deepshi-done/{name}.json``
(written atomically too) records that the line is complete. A rerun skips a line whose marker
exists and whose listed files all exist, so a crash at any point redoes at most the lines that
were in flight.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from deepshi import AsyncDeepshi, AsyncImageStream, ImagesResult

from .errors import Redactor, error_fields
from .files import TEMP_SUFFIX, write_atomic, write_json_atomic
from .manifest import Job, ManifestError, parse_job, read_lines

DONE_DIR = ".deepshi-done"
FAILURES_FILE = "failures.jsonl"


@dataclass
class Tally:
    """Counts for the progress bar and the summary."""

    total: int
    done: int = 0
    skipped: int = 0
    failed: int = 0
    cost: float = 0.0

    @property
    def finished(self) -> int:
        return self.done + self.skipped + self.failed


def marker_path(out_dir: Path, name: str) -> Path:
    return out_dir / DONE_DIR / f"{name}.json"


def is_done(out_dir: Path, name: str) -> bool:
    """A line is done when its marker exists and every file it lists is still there."""
    try:
        files = json.loads(marker_path(out_dir, name).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return isinstance(files, list) and all(isinstance(file, str) and (out_dir / file).is_file() for file in files)


class FailureLog:
    """``failures.jsonl`` for this run: one JSON object per failed line (typed error name, status,
    message, param, code, request id).

    Lines go to a temporary file as they fail; `close` publishes it atomically, or, when nothing
    failed, removes the previous run's file (it describes lines that are now retried).
    """

    def __init__(self, out_dir: Path, redact: Redactor) -> None:
        self.path = out_dir / FAILURES_FILE
        self.count = 0
        self._redact = redact
        self._temp = out_dir / f".{FAILURES_FILE}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        self._stream = self._temp.open("x", encoding="utf-8")

    def record(self, line: int, name: str | None, exc: BaseException) -> None:
        fields = error_fields(exc)
        fields["message"] = self._redact(str(fields["message"]))
        self._stream.write(json.dumps({"line": line, "name": name, **fields}) + "\n")
        self._stream.flush()
        self.count += 1

    def close(self) -> None:
        self._stream.close()
        if self.count:
            os.replace(self._temp, self.path)
        else:
            self._temp.unlink(missing_ok=True)
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> FailureLog:
        return self

    def __exit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


class BatchRunner:
    """Sends each manifest line through an `AsyncDeepshi` client, `concurrency` at a time."""

    def __init__(
        self,
        client: AsyncDeepshi,
        out_dir: Path,
        failures: FailureLog,
        tally: Tally,
        *,
        defaults: Mapping[str, Any],
        on_change: Callable[[Tally], None] = lambda _tally: None,
    ) -> None:
        self._client = client
        self._out_dir = out_dir
        self._failures = failures
        self._tally = tally
        self._defaults = defaults
        self._on_change = on_change

    async def run(self, manifest: Path, concurrency: int) -> Tally:
        """Process every line of `manifest`; failures are recorded, never raised."""
        slots = asyncio.Semaphore(concurrency)
        async with asyncio.TaskGroup() as group:
            for line in read_lines(manifest):
                try:
                    job = parse_job(line, manifest.parent, self._defaults)
                except ManifestError as exc:
                    self._fail(line.number, None, exc)
                    continue
                if is_done(self._out_dir, job.name):
                    self._tally.skipped += 1
                    self._on_change(self._tally)
                    continue
                await slots.acquire()
                group.create_task(self._run_job(job)).add_done_callback(lambda _task: slots.release())
        return self._tally

    async def _run_job(self, job: Job) -> None:
        try:
            result = await self._send(job)
            await asyncio.to_thread(self._save, job, result)
        # One line's failure, whatever it is, is recorded and the batch goes on.
        except Exception as exc:
            self._fail(job.line, job.name, exc)
            return
        self._tally.done += 1
        self._tally.cost += result.cost or 0.0
        self._on_change(self._tally)

    async def _send(self, job: Job) -> ImagesResult:
        options = dict(job.options)
        images = self._client.images
        if options.pop("stream", False):
            opened: AsyncImageStream
            if job.operation == "edit":
                opened = await images.edit(image=list(job.images), stream=True, **options)
            else:
                opened = await images.generate(stream=True, **options)
            async with opened as events:
                return await events.final_result()
        result: ImagesResult
        if job.operation == "edit":
            result = await images.edit(image=list(job.images), stream=False, **options)
        else:
            result = await images.generate(stream=False, **options)
        return result

    def _save(self, job: Job, result: ImagesResult) -> None:
        files = []
        for image in result.images:
            path = write_atomic(self._out_dir / f"{job.name}-{image.index}.{image.extension}", image.data)
            files.append(path.name)
        marker = marker_path(self._out_dir, job.name)
        marker.parent.mkdir(exist_ok=True)
        write_json_atomic(
            marker,
            {
                "line": job.line,
                "files": files,
                "model": result.model,
                "cost": result.cost,
                "request_id": result.request_id,
            },
        )

    def _fail(self, line: int, name: str | None, exc: BaseException) -> None:
        self._failures.record(line, name, exc)
        self._tally.failed += 1
        self._on_change(self._tally)
