"""One request field of the spec, as the command line and the batch manifest take it.

`spec_commands` (rendered from the request schemas) describes every field as a :class:`Field`:
its flag, JSON type, enum values, bounds, required-ness and description. This module is the
behaviour behind them, written once for both places a value comes from:

* :meth:`Field.parse` turns a command-line string into the value (typer's ``parser=``), refusing
  what the schema refuses with a line a person reads (``--n must be 1–4 (got 9)``,
  ``--output-format: choose png, jpeg or webp (got 'gif')``);
* :meth:`Field.problem` checks a manifest line's JSON value the same way.

Text fields the schema requires to be non-empty (``minLength: 1``) refuse whitespace-only text as
well: ``-p "   "`` would be sent and billed, and no model draws from it. The facade's spec check
runs after this on every request anyway; these checks exist to name the flag or the manifest key.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import typer

from deepshi import NOT_GIVEN, NotGiven

Kind = Literal["string", "integer", "number", "boolean", "array", "object"]
Scalar = str | int | float | bool
_V = TypeVar("_V")


class BadValue(typer.BadParameter):
    """A value refused with a message that names the flag or the path itself (printed as is)."""


def given(value: _V | None) -> _V | NotGiven:
    """A command-line value as the facade takes it: an option left out (None, or a repeatable one
    never given) is not sent."""
    return NOT_GIVEN if value is None or (isinstance(value, (list, tuple)) and not value) else value


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else str(int(value))


def _choices(values: Sequence[Scalar]) -> str:
    words = [str(value) for value in values]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def phrase(subject: str, problem: str) -> str:
    """``--n must be 1–4`` / ``--output-format: choose png, jpeg or webp``."""
    return f"{subject} {problem}" if problem.startswith(("must", "is ")) else f"{subject}: {problem}"


@dataclass(frozen=True)
class Field:
    """A request field: what the schema says about it, and the flag that carries it."""

    name: str
    """The facade's keyword argument, and the batch manifest's key."""
    flag: str
    kind: Kind
    required: bool = False
    choices: tuple[Scalar, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    item_kind: Kind | None = None
    """For arrays: the JSON type of each item."""
    nullable: bool = False

    @property
    def json_type(self) -> str:
        """What a manifest value must be, in words."""
        return {
            "string": "a string",
            "integer": "an integer",
            "number": "a number",
            "boolean": "true or false",
            "array": "a list",
            "object": "a JSON object",
        }[self.kind]

    def parse(self, text: str) -> object:
        """A command-line value of this field, checked; a mistake is a usage error naming the flag.

        An array field is a repeatable flag: typer calls this once per occurrence, for one item.
        """
        if not isinstance(text, str):  # typer passes a default through the parser too
            return text
        kind = (self.item_kind or "string") if self.kind == "array" else self.kind
        value = _parse_json_object(text) if kind == "object" else _parse_scalar(kind, text)
        if value is _INVALID:
            problem: str | None = "must be a JSON object" if kind == "object" else "must be " + _words_for(kind)
        else:
            problem = self._item_problem(value) if self.kind == "array" else self.problem(value)
        if problem is not None:
            raise BadValue(f"{phrase(self.flag, problem)} (got {text!r})")
        return value

    def problem(self, value: object) -> str | None:
        """Why a JSON value does not fit this field's schema (``must be 1–4``), or None when it does."""
        if value is None:
            return None if self.nullable else f"must be {self.json_type}"
        if self.kind == "array":
            if not isinstance(value, list):
                return f"must be {self.json_type}"
            problems = (self._item_problem(item) for item in value)
            found = next((problem for problem in problems if problem is not None), None)
            return None if found is None else phrase("items", found)
        if self.choices:
            return None if _among(value, self.choices) else f"choose {_choices(self.choices)}"
        if not _is_kind(self.kind, value):
            return f"must be {self.json_type}"
        if isinstance(value, str):
            return self._text_problem(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._number_problem(value)
        return None

    def _item_problem(self, item: object) -> str | None:
        if self.choices:
            return None if _among(item, self.choices) else f"choose {_choices(self.choices)}"
        kind = self.item_kind or "string"
        return None if _is_kind(kind, item) else "must be " + _words_for(kind)

    def _text_problem(self, value: str) -> str | None:
        if self.min_length and not value.strip():
            return "must not be empty or blank"
        if self.min_length is not None and len(value) < self.min_length:
            return f"must be at least {self.min_length} characters"
        if self.max_length is not None and len(value) > self.max_length:
            return f"must be at most {self.max_length} characters"
        return None

    def _number_problem(self, value: float) -> str | None:
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be {self.json_type}"
        low, high = self.minimum, self.maximum
        if (low is None or value >= low) and (high is None or value <= high):
            low_open, high_open = self.exclusive_minimum, self.exclusive_maximum
            if low_open is not None and value <= low_open:
                return f"must be more than {_number(low_open)}"
            if high_open is not None and value >= high_open:
                return f"must be less than {_number(high_open)}"
            return None
        if low is not None and high is not None:
            return f"must be {_number(low)}–{_number(high)}"
        return f"must be at least {_number(low)}" if low is not None else f"must be at most {_number(high or 0)}"


_INVALID = object()


def _words_for(kind: Kind) -> str:
    return {"integer": "a whole number", "number": "a number", "boolean": "true or false"}.get(kind, "text")


def _parse_scalar(kind: Kind, text: str) -> object:
    try:
        if kind == "integer":
            return int(text.strip())
        if kind == "number":
            number = float(text.strip())
            return number if math.isfinite(number) else _INVALID
    except ValueError:
        return _INVALID
    if kind == "boolean":
        lowered = text.strip().lower()
        return True if lowered in ("true", "1", "yes") else False if lowered in ("false", "0", "no") else _INVALID
    return text


def _parse_json_object(text: str) -> object:
    try:
        value = json.loads(text)
    except ValueError:
        return _INVALID
    return value if isinstance(value, dict) else _INVALID


def _is_kind(kind: Kind, value: object) -> bool:
    if kind == "integer":
        # bool is an int in Python, but `"n": true` is a mistake in a manifest.
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def _among(value: object, choices: Sequence[Scalar]) -> bool:
    """Whether ``value`` is one of ``choices``; ``True`` is not the enum value ``1`` (Python says ``True == 1``)."""
    return any(type(value) is type(choice) and value == choice for choice in choices)


def existing_file(text: str) -> Path:
    """A file argument as typed: it must exist, be a file and be readable (a usage error naming it otherwise)."""
    if isinstance(text, Path):  # typer passes a default through the parser too
        return text
    path = Path(text)
    if not path.exists():
        raise BadValue(f"{text}: no such file")
    if path.is_dir():
        raise BadValue(f"{text}: is a folder, not a file")
    if not os.access(path, os.R_OK):
        raise BadValue(f"{text}: cannot be read (permission denied)")
    return path


def input_file(text: str) -> Path:
    """An input image path as typed (the facade checks that it is an image, the CLI names it if not)."""
    try:
        return existing_file(text)
    except BadValue as exc:
        raise BadValue(exc.message.replace("is a folder, not a file", "is a folder, not an image file")) from None
