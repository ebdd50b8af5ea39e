"""What ``deepshi edit`` and ``deepshi generate`` do (their signatures are rendered from the spec
into ``spec_commands``): check the output folder, send one request, save the results, print the cost.

Order matters for money: the output folder is created and proven writable *before* the request is
sent (a folder that cannot be written costs nothing); if saving still fails once the answer has
arrived (the disk filled, the folder vanished), the images go to a fallback folder, which is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from deepshi import APIStatusError, Deepshi, ImagesResult, ImageStream, InvalidRequestError

from .errors import UsageProblem
from .files import prepare_output_directory
from .results import print_saved, save_result
from .settings import Settings, settings_of
from .suggest import add_model_hint

_INPUT_PARAM = re.compile(r"^[a-z_]+\[(\d+)\]$")
_LABELS = {"edit": "Editing", "generate": "Generating"}


def run(
    ctx: typer.Context,
    *,
    command: str,
    inputs: Sequence[Path],
    fields: Mapping[str, object],
    stream: bool,
    out: Path,
    name: str | None,
    send: Callable[[Deepshi], ImagesResult | ImageStream],
) -> None:
    """Run one edit or generation: ``send`` makes the facade call the rendered command built."""
    settings = settings_of(ctx)
    settings.check_credentials()  # usage problems first: nothing is created for a command that cannot run
    prepare_output_directory(out)
    model = fields.get("model")
    label = f"{_LABELS.get(command, command.capitalize())} with {model}" if model else _LABELS.get(command, command)
    with settings.client() as client:
        try:
            result = _send(settings, label, stream, lambda: send(client))
        except InvalidRequestError as exc:
            named = named_input(exc, inputs)
            if named is not exc:
                raise named from exc
            add_model_hint(exc, client, model)
            raise
        except APIStatusError as exc:
            add_model_hint(exc, client, model)
            raise
    default_stem = f"{inputs[0].stem}-edited" if inputs else "generated"
    saved = save_result(result, out, name or default_stem)
    if saved.images:
        print_saved(settings.out, result, saved.images)
    if saved.problem is not None:
        raise saved.problem


def named_input(exc: InvalidRequestError, inputs: Sequence[Path]) -> Exception:
    """An input the facade refused (``image[1]: not a PNG…``), named by the path the user typed."""
    match = _INPUT_PARAM.match(exc.param or "")
    if match is None or int(match[1]) >= len(inputs):
        return exc
    message = str(exc.message).split(": ", 1)[-1] if str(exc.message).startswith(f"{exc.param}:") else exc.message
    return UsageProblem(f"{inputs[int(match[1])]}: {message} (nothing was sent)", param=exc.param)


def _send(settings: Settings, label: str, stream: bool, call: Callable[[], ImagesResult | ImageStream]) -> ImagesResult:
    """Make the request under a spinner; when streaming, show the time elapsed while keepalives arrive."""
    waiting: AbstractContextManager[object] = (
        _elapsed(settings, f"{label} (streaming: the server sends keepalives while it works)")
        if stream
        else settings.err.status(f"{label}…")
    )
    with waiting:
        answer = call()
        if isinstance(answer, ImageStream):
            with answer:  # always closes the connection
                return answer.final_result()
        return answer


@contextmanager
def _elapsed(settings: Settings, label: str) -> Iterator[None]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=settings.err, transient=True) as progress:
        progress.add_task(label, total=None)
        yield
