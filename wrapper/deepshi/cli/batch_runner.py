"""Running a manifest: bounded concurrency, resumable outputs, failures collected.

Memory stays flat for any manifest length: lines are read one at a time, and a new request task
is created only when one of the `concurrency` slots is free (finished tasks leave the task
group), so at most `concurrency` results are in memory at once.

Outputs of a line are ``{name}-{index}.{ext}`` (``name`` from the line, else the zero-padded line
number; a repeated index gets ``-2``, ``-3``…, so every image is kept). Names are unique within a
manifest (checked before the batch starts). Each file is written atomically; if a write fails once
the answer arrived, the line's images go to a fallback folder the failure names. Then a small
marker ``.deepshi-done/{name}.json``
(written atomically too) records that the line is complete. A rerun skips a line whose marker
exists and whose listed files all exist, so a crash at any point redoes at most the lines that
were in flight.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from deepshi import APIStatusError, AsyncDeepshi, AsyncImageStream, ImagesResult, InvalidRequestError
from deepshi._atomic import AtomicFile

from .errors import Redactor, describe, error_fields
from .files import fallback_directory, write_json_atomic
from .images import named_input
from .manifest import Job, ManifestError, parse_job, read_lines
from .request_schema import FILES, RESOURCES
from .results import image_file_names, save_images
from .suggest import model_hint

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

    def __init__(self, out_dir: Path, redact: Redactor, *, keep: int = 5) -> None:
        self.path = out_dir / FAILURES_FILE
        self.count = 0
        self.first: list[str] = []
        """The first `keep` failures as one line each (``line 7 (000007): BadRequestError (400): …``)."""
        self._keep = keep
        self._redact = redact
        self._file = AtomicFile(self.path)

    def record(self, line: int, name: str | None, exc: BaseException) -> None:
        fields = error_fields(exc)
        fields["message"] = self._redact(str(fields["message"]))
        self._file.stream.write((json.dumps({"line": line, "name": name, **fields}) + "\n").encode())
        self._file.stream.flush()
        self.count += 1
        if len(self.first) < self._keep:
            label = f"line {line}" + (f" ({name})" if name else "")
            self.first.append(f"{label}: {self._redact(describe(exc))}")

    def close(self) -> None:
        if self.count:
            self._file.commit()
        else:
            self._file.discard()
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
        self._catalog_ids: list[str] | None = None
        self._fallback: Path | None = None

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
            try:
                result = await self._send(job)
            except InvalidRequestError as exc:
                named = named_input(exc, job.images)
                if named is not exc:
                    raise named from exc
                await self._hint(exc, job)
                raise
            except APIStatusError as exc:
                await self._hint(exc, job)
                raise
            await asyncio.to_thread(self._save, job, result)
        # One line's failure, whatever it is, is recorded and the batch goes on.
        except Exception as exc:
            self._fail(job.line, job.name, exc)
            return
        self._tally.done += 1
        self._tally.cost += result.cost or 0.0
        self._on_change(self._tally)

    async def _hint(self, exc: BaseException, job: Job) -> None:
        """``did you mean …?`` on a wrong model id (the catalog is fetched once per batch, only then)."""
        if getattr(exc, "param", None) != "model":
            return
        if self._catalog_ids is None:
            try:
                self._catalog_ids = [info.id for info in await self._client.models.list()]
            except Exception:  # no catalog, no hint: the line's own error is what matters
                self._catalog_ids = []
        hint = model_hint(exc, job.options.get("model"), lambda: self._catalog_ids or [])
        if hint is not None:
            exc.add_note(hint)

    async def _send(self, job: Job) -> ImagesResult:
        options = dict(job.options)
        method = getattr(getattr(self._client, RESOURCES[job.operation]), job.operation)
        files = FILES[job.operation]
        if files is not None:
            options[files] = list(job.images)
        if options.pop("stream", False):
            opened: AsyncImageStream = await method(stream=True, **options)
            async with opened as events:
                return await events.final_result()
        result: ImagesResult = await method(stream=False, **options)
        return result

    def _save(self, job: Job, result: ImagesResult) -> None:
        named = list(zip(result.images, image_file_names(result.images, job.name), strict=True))
        saved = save_images(named, self._out_dir, fallback=self._fallback_directory)
        if saved.problem is not None:
            raise saved.problem
        marker = marker_path(self._out_dir, job.name)
        marker.parent.mkdir(exist_ok=True)
        write_json_atomic(
            marker,
            {
                "line": job.line,
                "files": [item.path.name for item in saved.images],
                "model": result.model,
                "cost": result.cost,
                "request_id": result.request_id,
            },
        )

    def _fallback_directory(self) -> Path:
        """One fallback folder per batch run, made the first time a line needs it."""
        if self._fallback is None:
            self._fallback = fallback_directory()
        return self._fallback

    def _fail(self, line: int, name: str | None, exc: BaseException) -> None:
        self._failures.record(line, name, exc)
        self._tally.failed += 1
        self._on_change(self._tally)
