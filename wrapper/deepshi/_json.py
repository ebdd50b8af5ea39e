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

import json
from typing import Any

try:  # optional: deepshi[speed]
    import msgspec
except ImportError:  # pragma: no cover - the fallback tests set DECODER to "stdlib" instead
    msgspec = None  # type: ignore[assignment]
try:  # optional: deepshi[speed]
    import orjson
except ImportError:  # pragma: no cover - the fallback tests set ENCODER to "stdlib" instead
    orjson = None  # type: ignore[assignment]

__all__ = ["DECODER", "ENCODER", "dumpb", "dumps", "loads"]

DECODER = "msgspec" if msgspec is not None else "stdlib"
"""The decoding library in use; set it to ``"stdlib"`` for the fallback (the tests and the bench do)."""
ENCODER = "orjson" if orjson is not None else "stdlib"
"""The encoding library in use; likewise."""

_decode = msgspec.json.Decoder().decode if msgspec is not None else None
_PASSTHROUGH = (
    orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    if orjson is not None
    else 0
)


def loads(data: bytes | str) -> Any:
    """The JSON document in ``data`` (``ValueError`` or ``RecursionError`` when it is not JSON)."""
    if DECODER == "msgspec" and _decode is not None:
        try:
            return _decode(data)
        except (msgspec.DecodeError, RecursionError):
            pass  # the stdlib decides, and words the error
    return json.loads(data)


def _fast_dumps(value: Any) -> bytes | None:
    """orjson's encoding of ``value``, or None where it would encode otherwise than ``json.dumps``, or not at all."""
    if ENCODER != "orjson" or orjson is None:
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
