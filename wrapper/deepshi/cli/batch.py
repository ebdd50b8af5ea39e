"""What ``deepshi batch`` does (its signature, with a default flag per request field, is rendered
into ``spec_commands``): run a JSON Lines manifest of edits and generations, resumably.

Before anything is sent: the manifest is surveyed (output names must be unique: two lines with one
name would both be billed and one result kept) and the output folder is proven writable and swept
of temporary files killed runs left.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .batch_runner import DONE_DIR, BatchRunner, FailureLog, Tally
from .errors import EXIT_FAILURE, UsageProblem
from .files import prepare_output_directory, sweep_temporaries
from .manifest import Survey, survey
from .output import format_cost, plural
from .settings import Settings, settings_of

SHOWN_FAILURES = 5
"""How many failures the summary prints (all of them are in failures.jsonl)."""


def run(ctx: typer.Context, *, manifest: Path, out: Path, concurrency: int, defaults: Mapping[str, object]) -> None:
    """Run every line of `manifest` into `out`, `concurrency` at a time; `defaults` fill missing fields."""
    settings = settings_of(ctx)
    lines = survey(manifest)
    _refuse_duplicates(lines)
    settings.check_credentials()  # a missing key or a bad URL stops here, before any file is made
    prepare_output_directory(out)
    if (out / DONE_DIR).is_dir():
        sweep_temporaries(out / DONE_DIR)
    tally = Tally(total=lines.lines)
    given = {key: value for key, value in defaults.items() if value is not None}
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

        asyncio.run(_run(settings, manifest, out, concurrency, failures, tally, given, show))
    settings.out.print(escape(_summary(tally)) + f" (of {tally.total} lines)")
    if tally.failed:
        _print_failures(settings, failures)
        raise typer.Exit(EXIT_FAILURE)


def _refuse_duplicates(lines: Survey) -> None:
    if not lines.duplicates:
        return
    line, name, first = lines.duplicates[0]
    more = len(lines.duplicates) - 1
    others = f" ({plural(more, 'other line')} too)" if more else ""
    raise UsageProblem(
        f"line {line} uses the name {name!r} of line {first}{others}: output names must be unique "
        '(give each line its own "name"); nothing was sent'
    )


def _print_failures(settings: Settings, failures: FailureLog) -> None:
    settings.out.print(f"{plural(failures.count, 'failed line')}:")
    for entry in failures.first:
        settings.out.print(f"  {escape(entry)}", soft_wrap=True)
    hidden = failures.count - len(failures.first)
    tail = f"… and {hidden} more; all" if hidden else "All"
    settings.out.print(f"{tail} are listed in {escape(str(failures.path))}")


async def _run(
    settings: Settings,
    manifest: Path,
    out: Path,
    concurrency: int,
    failures: FailureLog,
    tally: Tally,
    defaults: dict[str, object],
    show: Callable[[Tally], None],
) -> None:
    async with settings.async_client() as client:
        runner = BatchRunner(client, out, failures, tally, defaults=defaults, on_change=show)
        await runner.run(manifest, concurrency)


def _summary(tally: Tally) -> str:
    return f"done {tally.done} · skipped {tally.skipped} · failed {tally.failed} · cost {format_cost(tally.cost)}"
