"""Run the facade as it runs without ``deepshi[speed]``: the stdlib's base64 and JSON, openapi-schema-validator.

For the rows that show what the extra buys (its libraries stay installed; the facade's fallbacks
are swapped in for the calls inside the ``with``, and out again after each).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from deepshi import _base64, _image_data, _json, _spec
from deepshi._validators import SpecValidator


@functools.cache
def _interpreted_only(name: str, *, strict_integers: bool = False) -> SpecValidator:
    return SpecValidator(functools.partial(_spec._interpreted, name, strict_integers), None)


@contextmanager
def without_speed_extra() -> Iterator[None]:
    """The facade's fallbacks for base64, JSON and the spec checks, inside the ``with``."""
    saved = (_image_data.b64decode, _json.DECODER, _spec.validator)
    _image_data.b64decode = _base64.stdlib_b64decode
    _json.DECODER = "stdlib"
    _spec.validator = _interpreted_only  # type: ignore[assignment]
    try:
        yield
    finally:
        _image_data.b64decode, _json.DECODER, _spec.validator = saved  # type: ignore[assignment]


@contextmanager
def stdlib_base64() -> Iterator[None]:
    """Only the base64 fallback (the decoder used without pybase64)."""
    saved = _image_data.b64decode
    _image_data.b64decode = _base64.stdlib_b64decode
    try:
        yield
    finally:
        _image_data.b64decode = saved
