"""The command-line options that are not request fields (those are rendered from the spec into
``spec_commands``): where results go, their names, and the batch's own settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from .request_fields import BadValue, existing_file, phrase


def whole_number(flag: str, minimum: int | None = None, maximum: int | None = None) -> Callable[[str], int]:
    """A typer ``parser=`` for a hand-written integer option, with the same messages as the fields'."""

    def parse(text: str) -> int:
        if isinstance(text, int):  # typer passes the default through the parser too
            return text
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if minimum is not None and maximum is not None:
                problem = f"must be {minimum}–{maximum}"
            elif minimum is not None:
                problem = f"must be {minimum} or more"
            else:
                problem = "must be a whole number"
            raise BadValue(f"{phrase(flag, problem)} (got {text!r})")
        return value

    return parse


Out = Annotated[
    Path,
    typer.Option("--out", "-o", help="Folder for the results (created if missing).", metavar="FOLDER"),
]
Name = Annotated[
    str | None,
    typer.Option(
        help="File name stem: files are STEM-0.png, STEM-1.png…; never overwrites.", metavar="STEM", show_default=False
    ),
]
BatchManifest = Annotated[
    Path,
    typer.Argument(
        help="JSON Lines file: one request per line (see docs/cli.md).",
        metavar="MANIFEST",
        parser=existing_file,
        show_default=False,
    ),
]
BatchOut = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        help="Folder for the results and failures.jsonl (created if missing).",
        metavar="FOLDER",
        show_default=False,
    ),
]
BatchConcurrency = Annotated[
    int,
    typer.Option(parser=whole_number("--concurrency", 1, 64), metavar="1-64", help="Requests in flight at once."),
]
