"""Image type detection from magic bytes (never from the file name).

Hand-written on purpose: the API takes exactly three formats, each with a fixed signature from its
own specification, so ten lines beat a dependency (``filetype``, ``puremagic``) that knows a
hundred formats we would then have to reject anyway. ``ACCEPTED_TYPES`` is checked against the
spec's ``encoding.image[].contentType`` by a test.
"""

from __future__ import annotations

__all__ = ["ACCEPTED_TYPES", "EXTENSIONS", "SNIFF_BYTES", "describe", "sniff"]

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
