"""JSON decoding of answers and the mock's encoding: ``orjson`` when installed (``deepshi[speed]``), else the stdlib.

orjson parses a 1 MB image answer about 3x faster than ``json.loads`` and reads the UTF-8 bytes
directly (the stdlib first decodes the whole body into a ``str``, a copy of every base64 image),
so each image's base64 text is copied once, from the body into its ``str``.

Both paths accept the same documents and give the same values, with one exception: orjson reads an
integer beyond 64 bits as a float (the spec's integers are ``int64``). What orjson refuses (``NaN``,
a BOM, UTF-16, lone surrogates, anything malformed) goes to ``json.loads``, which decides and words
the error as before. For encoding, a value orjson cannot encode (an integer beyond 64 bits, a non-string
key, a lone surrogate) goes to ``json.dumps`` the same way; ``NaN`` and the infinities, which JSON
cannot carry, are written as ``null`` by orjson (``json.dumps`` wrote the non-JSON ``NaN``).
"""

from __future__ import annotations

import json
from typing import Any

try:  # optional: deepshi[speed]
    import orjson
except ImportError:  # pragma: no cover - the fallback tests set BACKEND to "stdlib" instead
    orjson = None  # type: ignore[assignment]

__all__ = ["BACKEND", "dumpb", "dumps", "loads"]

BACKEND = "orjson" if orjson is not None else "stdlib"
"""The library in use; set it to ``"stdlib"`` to use the fallback (the tests and the bench do)."""
_PASSTHROUGH = (
    orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    if orjson is not None
    else 0
)


def loads(data: bytes | str) -> Any:
    """The JSON document in ``data`` (``ValueError`` or ``RecursionError`` when it is not JSON)."""
    if BACKEND == "orjson":
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # the stdlib decides, and words the error
    return json.loads(data)


def _fast_dumps(value: Any) -> bytes | None:
    """orjson's encoding of ``value``, or None for what it encodes otherwise than ``json.dumps`` or not at all.

    Subclasses of the JSON types, dataclasses and dates are passed through to the stdlib, which
    encodes (or refuses) them as it always did.
    """
    if BACKEND != "orjson":
        return None
    try:
        encoded: bytes = orjson.dumps(value, option=_PASSTHROUGH)
    except orjson.JSONEncodeError:
        return None
    return encoded


def dumpb(value: Any) -> bytes:
    """Compact UTF-8 JSON (no spaces after separators, non-ASCII as is)."""
    encoded = _fast_dumps(value)
    return encoded if encoded is not None else json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def dumps(value: Any) -> str:
    """:func:`dumpb` as a ``str``."""
    encoded = _fast_dumps(value)
    return encoded.decode() if encoded is not None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
