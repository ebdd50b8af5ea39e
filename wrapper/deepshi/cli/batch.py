"""``deepshi batch``: run a JSON Lines manifest of edits and generations, resumably."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import options as opt
from .batch_runner import DONE_DIR, BatchRunner, FailureLog, Tally
from .command import reports_errors
from .errors import EXIT_FAILURE
from .files import sweep_temporaries
from .manifest import count_lines
from .output import format_cost
from .settings import Settings, settings_of

Manifest = Annotated[
    Path,
    typer.Argument(
        help="JSON Lines file: one request per line (see docs/cli.md).", exists=True, dir_okay=False, readable=True
    ),
]
Concurrency = Annotated[int, typer.Option(min=1, max=64, help="Requests in flight at once.")]
BatchOut = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for the results and failures.jsonl.", file_okay=False)
]
DefaultModel = Annotated[
    str | None, typer.Option("--model", "-m", help="Model for lines that name none.", show_default=False)
]


@reports_errors
def batch(
    ctx: typer.Context,
    manifest: Manifest,
    out: BatchOut,
    concurrency: Concurrency = 8,
    model: DefaultModel = None,
    output_format: opt.Format = None,
) -> None:
    """Run every line of MANIFEST (an edit when it has "image", else a generation).

    Results are OUT/{name}-{index}.{ext}; a rerun skips lines already done; failed lines are listed in OUT/failures.jsonl and make the exit code 1.
    """
    settings = settings_of(ctx)
    out.mkdir(parents=True, exist_ok=True)
    sweep_temporaries(out)
    if (out / DONE_DIR).is_dir():
        sweep_temporaries(out / DONE_DIR)
    tally = Tally(total=count_lines(manifest))
    defaults = opt.request_options(model=model, output_format=output_format)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[summary]}"),
        TimeElapsedColumn(),
        console=settings.err,
    )
    with FailureLog(out, settings.redact) as failures, progress:
        task = progress.add_task("batch", total=tally.total, summary=_summary(tally))

        def show(current: Tally) -> None:
            progress.update(task, completed=current.finished, summary=_summary(current))

        asyncio.run(_run(settings, manifest, out, concurrency, failures, tally, defaults, show))
    settings.out.print(escape(_summary(tally)) + f" (of {tally.total} lines)")
    if tally.failed:
        settings.out.print(f"Failures are listed in {escape(str(failures.path))}")
        raise typer.Exit(EXIT_FAILURE)


async def _run(
    settings: Settings,
    manifest: Path,
    out: Path,
    concurrency: int,
    failures: FailureLog,
    tally: Tally,
    defaults: dict[str, Any],
    show: Callable[[Tally], None],
) -> None:
    async with settings.async_client() as client:
        runner = BatchRunner(client, out, failures, tally, defaults=defaults, on_change=show)
        await runner.run(manifest, concurrency)


def _summary(tally: Tally) -> str:
    return f"done {tally.done} · skipped {tally.skipped} · failed {tally.failed} · cost {format_cost(tally.cost)}"
