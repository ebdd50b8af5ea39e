"""JSON for answers (decoding) and for the mock's own answers (encoding), each with the stdlib as the fallback.

Both libraries are in ``deepshi[speed]``, each where it was measured fastest (bench, P1 and P3):

* decoding with ``msgspec``: it reads the UTF-8 body directly into each value (``json.loads``
  first decodes the whole body into a ``str``, a copy of every base64 image) and scans long
  strings faster than ``json`` or ``orjson``: a 1 MB image answer in ~0.5x the time of
  ``json.loads``, a 100 MB one in ~0.6x (``orjson``: ~0.7x and ~1.0x);
* encoding with ``orjson``: a 1 MB answer in ~1/30 of ``json.dumps``'s time (``msgspec``: ~1/8).

Both paths accept the same documents and give the same values and errors. What msgspec refuses
(``NaN``, a BOM, UTF-16, lone surrogates, numbers beyond a double, anything malformed) goes to
``json.loads``, which decides and words the error as before. What orjson does not encode as
``json.dumps`` would (subclasses of the JSON types, dataclasses, dates, integers beyond 64 bits,
non-string keys, lone surrogates) goes to ``json.dumps``, which encodes or refuses it as before.
One difference is left: ``NaN`` and the infinities, which JSON cannot carry, are written ``null``
by orjson (``json.dumps`` wrote the non-JSON ``NaN``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

__all__ = ["DECODER", "ENCODER", "dumpb", "dumps", "loads"]

DECODER = "msgspec"
"""The decoding library to use when installed; set it to ``"stdlib"`` for the fallback (the tests and the bench do)."""
ENCODER = "orjson"
"""The encoding library to use when installed; likewise."""


@functools.cache
def _msgspec() -> tuple[Callable[[bytes | str], Any], type[Exception]] | None:
    """msgspec's decoder and its error, imported on the first answer (``import deepshi`` stays light)."""
    try:
        import msgspec
    except ImportError:  # pragma: no cover - the fallback tests set DECODER instead
        return None
    return msgspec.json.Decoder().decode, msgspec.DecodeError


@functools.cache
def _orjson() -> tuple[Callable[[Any], bytes], type[Exception]] | None:
    """orjson's encoder (passing what it encodes otherwise than ``json.dumps`` through) and its error."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the fallback tests set ENCODER instead
        return None
    passthrough = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    return functools.partial(orjson.dumps, option=passthrough), orjson.JSONEncodeError


def loads(data: bytes | str) -> Any:
    """The JSON document in ``data`` (``ValueError`` or ``RecursionError`` when it is not JSON)."""
    fast = _msgspec() if DECODER == "msgspec" else None
    if fast is not None:
        decode, error = fast
        try:
            return decode(data)
        except (error, RecursionError):
            pass  # the stdlib decides, and words the error
    return json.loads(data)


def _fast_dumps(value: Any) -> bytes | None:
    """orjson's encoding of ``value``, or None where it would encode otherwise than ``json.dumps``, or not at all."""
    fast = _orjson() if ENCODER == "orjson" else None
    if fast is None:
        return None
    encode, error = fast
    try:
        return encode(value)
    except error:
        return None


def dumpb(value: Any) -> bytes:
    """Compact UTF-8 JSON (no spaces after separators, non-ASCII as is)."""
    encoded = _fast_dumps(value)
    return encoded if encoded is not None else json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def dumps(value: Any) -> str:
    """:func:`dumpb` as a ``str``."""
    encoded = _fast_dumps(value)
    return encoded.decode() if encoded is not None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
