"""The bytes of one returned image: decoded from ``b64_json`` or an inline ``data:`` URL, and checked.

An image is accepted only when its bytes are a complete PNG, JPEG or WebP (the types the API
returns, :data:`._sniff.ACCEPTED_TYPES`): sniffed from the magic bytes and checked to the end of
the format's framing (:func:`._sniff.incomplete`), so a truncated file is never saved as a
result. A ``data:`` URL must declare an ``image/`` type; its bytes decide which one. Anything else
raises ``ValueError`` with the reason, which the result builder turns into
``APIResponseValidationError``.
"""

from __future__ import annotations

from deepshi_openapi.models import ImageData

from ._base64 import b64decode
from ._sniff import ACCEPTED_TYPES, SNIFF_BYTES, describe, incomplete, sniff

__all__ = ["decode_image"]


def _data_url(url: str, where: str) -> tuple[bytes, str]:
    # An inline data URL (RFC 2397): "data:<mime>;base64,<payload>". Parsed by hand because the
    # stdlib only parses these inside urllib's opener machinery.
    scheme, _, rest = url.partition(":")
    header, comma, payload = rest.partition(",")
    params = header.split(";")
    if scheme.lower() != "data" or not comma or "base64" not in params[1:]:
        raise ValueError(f"{where}.url is not a base64 data: URL")
    declared = params[0].strip().lower()
    if declared and not declared.startswith("image/"):
        raise ValueError(f"{where}.url declares {declared!r}, not an image type")
    return b64decode(payload), declared


def decode_image(item: ImageData, where: str) -> tuple[bytes, str]:
    """The image bytes of one ``data`` item and their MIME type; ``ValueError`` when they are not a complete image."""
    if isinstance(item.b64_json, str):
        data = b64decode(item.b64_json)
    elif isinstance(item.url, str):
        data, _ = _data_url(item.url, where)
    else:
        raise ValueError(f"{where} has neither b64_json nor url")
    mime_type = sniff(data[:SNIFF_BYTES])
    if mime_type is None:
        raise ValueError(f"{where} is not a {', '.join(ACCEPTED_TYPES)} image ({describe(data[:SNIFF_BYTES])})")
    problem = incomplete(data, mime_type)
    if problem is not None:
        raise ValueError(f"{where} is not a complete {mime_type} image: {problem}")
    return data, mime_type
