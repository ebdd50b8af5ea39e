"""``deepshi demo``: edit the bundled sample drawings on the embedded mock (or, with ``--live``,
the real API), save before/after files and a contact sheet, and print what it cost.

Like every command, it never overwrites a file: a rerun into the same folder names its files
with the first free run number (``lighthouse-2-before.png``, ``contact-sheet-2.png``).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from PIL import Image
from rich import box
from rich.markup import escape
from rich.table import Table

from deepshi import Deepshi, ImagesResult, ModelCatalog, ModelInfo, ParameterInfo

from . import contact_sheet
from .command import reports_errors
from .errors import ConfigurationError
from .files import prepare_output_directory, write_atomic
from .output import format_bytes, format_cost, plural
from .results import SavedImage, save_result
from .settings import API_KEY_ENV, Settings, settings_of

SHEET_STEM = "contact-sheet"
# What to ask of each sample (by file stem).
PROMPTS = {
    "lighthouse": "turn the sunset into a stormy night, with lightning over the sea",
    "fruit-bowl": "repaint this still life as a loose watercolour",
    "cabin": "make it a warm summer evening: green meadow, no snow",
}
DEFAULT_PROMPT = "make it night"
# Models used in this order when the catalog has them (then any other edit-capable model).
PREFERRED_MODELS = ("deepshi-image-1", "nano-banana-2", "gpt-image-2")


@dataclass(frozen=True)
class _Backend:
    api_key: str | None
    base_url: str | None
    description: str
    note: str = ""  # what the results are, for the contact sheet


@dataclass(frozen=True)
class _Sample:
    name: str
    stem: str
    data: bytes


@dataclass(frozen=True)
class _Edit:
    """One sample, edited: what was sent and what came back."""

    sample: _Sample
    model: str
    prompt: str
    before: Path
    after: list[SavedImage]
    result: ImagesResult


@reports_errors
def demo(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where the results and the contact sheet go.", metavar="FOLDER")
    ] = Path("deepshi-demo"),
    live: Annotated[
        bool, typer.Option("--live", help=f"Use the real API (needs ${API_KEY_ENV} or --api-key); costs money.")
    ] = False,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            help="Model(s) to use, in turn (default: picked from the catalog). Repeatable.",
            metavar="MODEL",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Edit the bundled sample images and write a before/after contact sheet.

    Runs on the embedded mock server: no key, no network. With --live it calls the real API.
    """
    settings = settings_of(ctx)
    samples = _samples()
    with _backend(settings, live) as backend:
        prepare_output_directory(out)  # before anything is sent (with --live, billed)
        tag = _free_run_tag(out, [sample.stem for sample in samples])
        settings.err.print(f"deepshi demo: {backend.description}", soft_wrap=True)
        with Deepshi(api_key=backend.api_key, base_url=backend.base_url, max_retries=settings.max_retries) as client:
            catalog = client.models.list()
            models = _pick_models(catalog, model or [], len(samples))
            edits = [
                _edit(settings, client, sample, catalog.get(model_id), model_id, out, tag)
                for sample, model_id in zip(samples, models, strict=True)
            ]
    total = sum(edit.result.cost or 0.0 for edit in edits)
    sheet = contact_sheet.write(
        out / f"{SHEET_STEM}{tag}.png",
        [_sheet_row(edit) for edit in edits],
        title="deepshi demo: before / after",
        subtitle=" · ".join(part for part in (backend.description, backend.note) if part),
        footer=f"{plural(len(edits), 'edit')} · total cost {format_cost(total)}",
    )
    settings.out.print(_cost_table(edits, total))
    settings.out.print(f"Results in {escape(str(out))}{os.sep}; before/after contact sheet: {escape(str(sheet))}")


def _free_run_tag(out: Path, stems: Sequence[str]) -> str:
    """``""`` for the first run into `out`, then ``-2``, ``-3``…: the first tag no existing file uses."""
    names = [path.name for path in out.iterdir()]
    number = 1
    while True:
        tag = "" if number == 1 else f"-{number}"
        prefixes = [f"{stem}{tag}-{part}" for stem in stems for part in ("before", "after")] + [f"{SHEET_STEM}{tag}"]
        if not any(name.startswith((f"{prefix}.", f"{prefix}-")) for name in names for prefix in prefixes):
            return tag
        number += 1


def _edit(
    settings: Settings, client: Deepshi, sample: _Sample, info: ModelInfo | None, model: str, out: Path, tag: str
) -> _Edit:
    """Save the input as ``{stem}{tag}-before.{ext}``, edit it, save the result as ``{stem}{tag}-after-{index}.{ext}``."""
    before = write_atomic(out / f"{sample.stem}{tag}-before{Path(sample.name).suffix}", sample.data)
    prompt = PROMPTS.get(sample.stem, DEFAULT_PROMPT)
    with Image.open(before) as image:
        shape = _shape_like(info, image.width, image.height)
    with settings.err.status(f"Editing {sample.name} with {model}…"):
        result = client.images.edit(model=model, prompt=prompt, image=before, **shape)
    saved = save_result(result, out, f"{sample.stem}{tag}-after")
    if saved.problem is not None:
        raise saved.problem
    return _Edit(sample, model, prompt, before, saved.images, result)


def _sheet_row(edit: _Edit) -> contact_sheet.SheetRow:
    after = edit.after[0].path
    return contact_sheet.SheetRow(
        before=edit.before,
        after=after,
        before_label=f"{edit.sample.name} · {_dimensions(edit.before)}",
        after_label=" · ".join((edit.model, edit.result.size or _dimensions(after), format_cost(edit.result.cost))),
        prompt=edit.prompt,
    )


def _cost_table(edits: Sequence[_Edit], total: float) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("input", "model"):
        table.add_column(column, no_wrap=True)
    table.add_column("size", no_wrap=True, min_width=len("1024x1024"))
    # Only the file name may shrink in a narrow terminal: the cost is what the table is for.
    table.add_column("output", overflow="ellipsis", no_wrap=True, max_width=24)
    table.add_column("bytes", justify="right", no_wrap=True)
    table.add_column("cost", justify="right", no_wrap=True, min_width=8)
    for edit in edits:
        for saved in edit.after:
            size = edit.result.size or _dimensions(saved.path)
            table.add_row(
                edit.sample.name,
                edit.model,
                size,
                escape(saved.path.name),
                format_bytes(saved.size_bytes),
                format_cost(edit.result.cost),
            )
    table.add_section()
    table.add_row("[bold]total[/]", "", "", "", "", f"[bold]{format_cost(total)}[/]")
    return table


@contextmanager
def _backend(settings: Settings, live: bool) -> Iterator[_Backend]:
    """The real API (``--live``) or an embedded mock server running for the duration."""
    if live:
        if not (settings.api_key or os.environ.get(API_KEY_ENV)):
            raise ConfigurationError(f"--live calls the real API and needs a key: set ${API_KEY_ENV} or pass --api-key")
        yield _Backend(settings.api_key, settings.base_url, "live API (billed)")
        return
    try:
        from deepshi.mock import MockServer
    except ImportError as exc:
        raise ConfigurationError(
            f"the demo's mock server needs the 'mock' extra: pip install 'deepshi[mock]' ({exc})"
        ) from exc
    with MockServer() as mock:
        yield _Backend(
            mock.api_key,
            mock.url,
            f"embedded mock server at {mock.url} · no key, no network",
            note="the mock's stand-in edits: each input restyled by its prompt",
        )


def _samples() -> list[_Sample]:
    """The sample images shipped in ``deepshi/samples`` (see its README for their license)."""
    folder = resources.files("deepshi").joinpath("samples")
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith((".png", ".jpg", ".webp"))), key=lambda e: e.name
    )
    return [_Sample(entry.name, entry.name.rsplit(".", 1)[0], entry.read_bytes()) for entry in entries]


def _pick_models(catalog: ModelCatalog, requested: Sequence[str], count: int) -> list[str]:
    """One model per sample: the requested ones in turn, else edit-capable catalog models (preferred first)."""
    if not requested:
        editors = [info.id for info in catalog if info.edit_supported]
        requested = [m for m in PREFERRED_MODELS if m in editors] + [m for m in editors if m not in PREFERRED_MODELS]
        if not requested:
            raise ConfigurationError("the model catalog lists no model that can edit images")
    return [requested[index % len(requested)] for index in range(count)]


_RATIO = re.compile(r"([0-9]+(?:\.[0-9]+)?)[:x]([0-9]+(?:\.[0-9]+)?)")


def _shape_like(info: ModelInfo | None, width: int, height: int) -> dict[str, Any]:
    """The model's sizing values closest in shape to a ``width`` x ``height`` input, from its catalog entry.

    So the result has the input's shape (not a square crop of it): the allowed value whose aspect
    ratio is nearest (``4:3``, ``1536x1024``, whatever the parameter), or, for a model sized in
    pixels, the input's own proportions within the model's range. Nothing when the catalog
    states no choice.
    """
    if info is None or width <= 0 or height <= 0:
        return {}
    target = width / height
    best: tuple[float, str, Any] | None = None
    for name, parameter in info.accepted.items():
        for value in parameter.allowed_values or []:
            match = _RATIO.fullmatch(str(value))
            if match and float(match.group(1)) > 0 and float(match.group(2)) > 0:
                distance = abs(math.log(float(match.group(1)) / float(match.group(2)) / target))
                if best is None or distance < best[0]:
                    best = (distance, name, value)
    if best is not None:
        return {best[1]: best[2]}
    sides = {name: info.accepted.get(name) for name in ("width", "height")}
    if info.sizing_style == "pixel_dimensions" and all(sides.values()):
        scale = 1024 / max(width, height)
        return {
            name: _within(round(side * scale / 8) * 8, parameter)
            for (name, parameter), side in zip(sides.items(), (width, height), strict=True)
            if parameter is not None
        }
    return {}


def _within(value: int, parameter: ParameterInfo) -> int:
    low = parameter.minimum if parameter.minimum is not None else value
    high = parameter.maximum if parameter.maximum is not None else value
    return int(min(max(value, low), high))


def _dimensions(path: Path) -> str:
    with Image.open(path) as image:
        return f"{image.width}x{image.height}"
