"""Image type detection from magic bytes (never from the file name).

Hand-written on purpose: the API takes exactly three formats, each with a fixed signature from its
own specification, so ten lines beat a dependency (``filetype``, ``puremagic``) that knows a
hundred formats we would then have to reject anyway. ``ACCEPTED_TYPES`` is checked against the
spec's ``encoding.image[].contentType`` by a test. :func:`incomplete` checks each format's framing
the same way (Pillow, which could decode the pixels, is an optional extra).
"""

from __future__ import annotations

import struct

__all__ = ["ACCEPTED_TYPES", "EXTENSIONS", "SNIFF_BYTES", "describe", "incomplete", "sniff"]

SNIFF_BYTES = 12
"""How many leading bytes :func:`sniff` needs."""

ACCEPTED_TYPES = ("image/png", "image/jpeg", "image/webp")

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def sniff(head: bytes) -> str | None:
    """The MIME type of an image from its first :data:`SNIFF_BYTES` bytes, or ``None``."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):  # PNG spec, 5.2
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):  # JPEG SOI marker + the first marker's 0xFF
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":  # RIFF container, WebP form type
        return "image/webp"
    return None


_OTHER_SIGNATURES = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an ICO image"),
)


def describe(head: bytes) -> str:
    """A short description of bytes that :func:`sniff` rejected, for error messages."""
    if not head:
        return "it is empty"
    for signature, name in _OTHER_SIGNATURES:
        if head.startswith(signature):
            return f"it looks like {name}"
    if head[4:12] in (b"ftypavif", b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "it looks like an AVIF/HEIC image"
    return f"it starts with {head[:8]!r}"


_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
"""The IEND chunk: zero length, its type, its fixed CRC (PNG spec, 11.2.5)."""


def _png_problem(data: bytes) -> str | None:
    # PNG spec, 5.3: after the signature, chunks of length (4) + type (4) + data + CRC (4); the
    # first is IHDR, the last IEND. Walked, not CRC-checked: a cut-off file fails here already.
    position = 8
    first = True
    while position + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, position)
        kind = data[position + 4 : position + 8]
        if first and kind != b"IHDR":
            return "its first chunk is not IHDR"
        first = False
        position += 12 + length
        if kind == b"IEND":
            return None if data[position - 12 : position] == _PNG_END else "its IEND chunk is damaged"
    return f"it ends after {len(data):,} bytes, before its IEND chunk (cut off)"


def _jpeg_problem(data: bytes) -> str | None:
    # JPEG (ITU T.81, B.2.1): the EOI marker FF D9 ends the file; trailing zero padding is tolerated.
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return f"it ends after {len(data):,} bytes without the JPEG end marker (cut off)"
    return None


def _webp_problem(data: bytes) -> str | None:
    # RIFF container: bytes 4-8 hold the size of what follows them (little endian).
    if len(data) < 16:
        return f"it is only {len(data)} bytes long"
    (size,) = struct.unpack_from("<I", data, 4)
    if len(data) < size + 8:
        return f"it holds {len(data):,} of the {size + 8:,} bytes its RIFF header declares (cut off)"
    return None


_PROBLEMS = {"image/png": _png_problem, "image/jpeg": _jpeg_problem, "image/webp": _webp_problem}


def incomplete(data: bytes, mime_type: str) -> str | None:
    """Why ``data`` (sniffed as ``mime_type``) is not a complete image of its type, or ``None`` when it is.

    A structural check of each format's framing (the PNG chunk sequence up to IEND, the JPEG end
    marker, the WebP RIFF size), cheap enough for every returned image; it does not decode pixels.
    """
    return _PROBLEMS[mime_type](data)
