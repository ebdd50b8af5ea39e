"""Base64 decoding of returned images: ``pybase64`` when installed (``deepshi[speed]``), else the stdlib.

pybase64 decodes about 60x faster here (SIMD); both paths accept and reject exactly the same
input (strict alphabet, padding required), which a test checks on valid and invalid samples.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

__all__ = ["BACKEND", "Base64Error", "b64decode", "stdlib_b64decode"]

Base64Error = binascii.Error
"""Raised for invalid input by both backends (pybase64 raises ``binascii.Error`` too)."""


def _ascii(data: str | bytes) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("ascii")
    except UnicodeEncodeError as exc:
        raise Base64Error("base64 text must be ASCII") from exc


def stdlib_b64decode(data: str | bytes) -> bytes:
    """Strict decode with the standard library."""
    return base64.b64decode(_ascii(data), validate=True)


def _load_fast() -> Callable[[str | bytes], bytes] | None:
    try:
        import pybase64  # optional extra (deepshi[speed])
    except ImportError:
        return None

    def fast_b64decode(data: str | bytes) -> bytes:
        """Strict decode with pybase64, which reads an ASCII ``str`` in place (no encoded copy)."""
        try:
            return pybase64.b64decode(data, validate=True)
        except binascii.Error:
            raise
        except ValueError as exc:  # some non-ASCII text: pybase64 raises a plain ValueError there
            raise Base64Error("base64 text must be ASCII") from exc

    return fast_b64decode


fast_b64decode = _load_fast()

b64decode: Callable[[str | bytes], bytes] = fast_b64decode or stdlib_b64decode
"""The decoder in use: pybase64's when installed, else the stdlib's."""

BACKEND = "pybase64" if fast_b64decode is not None else "stdlib"
