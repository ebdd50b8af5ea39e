"""Input images: every accepted kind, checked and typed before anything is sent.

Each input becomes a :class:`PreparedImage`: a label for error messages (``image[2]``), a file
name, the MIME type sniffed from its magic bytes (:mod:`._sniff`; never from the name) and a way
to open it for one attempt. Paths are opened lazily for each attempt and closed after it, and
file objects are passed through to httpx, which streams them in 64 KiB chunks and rewinds them
before each send; so retries re-send the whole file and nothing is read whole into memory. Only
non-seekable streams (pipes) are buffered, because they could neither be sniffed nor re-sent.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from deepshi_openapi.types import File

from ._errors import InvalidRequestError
from ._sniff import ACCEPTED_TYPES, EXTENSIONS, SNIFF_BYTES, describe, sniff

__all__ = ["PreparedImage", "as_input_list", "opened", "prepare_images"]

_KINDS = "a path, bytes, a binary file object, a (filename, content[, mime_type]) tuple or a PIL image"


@dataclass(frozen=True)
class PreparedImage:
    """One checked input image, ready to be opened for each attempt."""

    label: str
    filename: str
    mime_type: str
    open: Callable[[], BinaryIO]
    owned: bool
    """Whether the stream returned by ``open`` is ours to close after the attempt."""


def _is_bytes_like(value: object) -> bool:
    return isinstance(value, bytes | bytearray | memoryview)


def _is_file_object(value: object) -> bool:
    return callable(getattr(value, "read", None))


def _is_file_tuple(value: object) -> bool:
    if not isinstance(value, tuple) or len(value) not in (2, 3):
        return False
    name, content = value[0], value[1]
    mime = value[2] if len(value) == 3 else None
    return (
        (name is None or isinstance(name, str))
        and (_is_bytes_like(content) or _is_file_object(content))
        and (mime is None or isinstance(mime, str))
    )


def as_input_list(image: object) -> tuple[list[object], bool]:
    """Split the ``image`` argument into its inputs; the flag says whether one bare input was given.

    A list (or any non-text sequence) holds several inputs; a 2- or 3-tuple whose second item is
    bytes or a file object is one ``(filename, content[, mime_type])`` input.
    """
    if isinstance(image, str | bytes | bytearray | memoryview) or _is_file_tuple(image):
        return [image], True
    if isinstance(image, Sequence):
        return list(image), False
    return [image], True


def _label(position: int, single: bool) -> str:
    return "image" if single else f"image[{position}]"


def _default_name(position: int, mime_type: str) -> str:
    return f"image_{position}.{EXTENSIONS[mime_type]}"


def _check_type(label: str, head: bytes, declared: str | None = None) -> str:
    mime_type = sniff(head)
    if mime_type is None:
        accepted = ", ".join(ACCEPTED_TYPES)
        raise InvalidRequestError(
            f"{label}: not a PNG, JPEG or WebP image ({describe(head)}); the API accepts {accepted}.",
            param=label,
        )
    if declared is not None and declared.lower() != mime_type:
        raise InvalidRequestError(
            f"{label}: declared as {declared!r} but its bytes are {mime_type}; omit the type or fix it.",
            param=label,
        )
    return mime_type


def _from_bytes(label: str, position: int, data: bytes, name: str | None, declared: str | None) -> PreparedImage:
    mime_type = _check_type(label, data[:SNIFF_BYTES], declared)
    return PreparedImage(
        label=label,
        filename=name or _default_name(position, mime_type),
        mime_type=mime_type,
        open=lambda: io.BytesIO(data),
        owned=True,
    )


def _os_error(label: str, path: str, exc: OSError) -> InvalidRequestError:
    if isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a directory, not an image file"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = exc.strerror or type(exc).__name__
    return InvalidRequestError(f"{label}: cannot read {path!r}: {reason}.", param=label)


def _from_path(label: str, path: str) -> PreparedImage:
    try:
        with open(path, "rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError as exc:
        raise _os_error(label, path, exc) from exc
    mime_type = _check_type(label, head)

    def open_path() -> BinaryIO:
        try:
            return open(path, "rb")
        except OSError as exc:
            raise _os_error(label, path, exc) from exc

    return PreparedImage(label=label, filename=os.path.basename(path), mime_type=mime_type, open=open_path, owned=True)


def _seekable(file: Any) -> bool:
    try:
        return bool(file.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _from_file(label: str, position: int, file: Any, name: str | None, declared: str | None) -> PreparedImage:
    if getattr(file, "closed", False):
        raise InvalidRequestError(f"{label}: the file object is closed.", param=label)
    if isinstance(file, io.TextIOBase):
        raise InvalidRequestError(f"{label}: the file is open in text mode; open it with 'rb'.", param=label)
    if name is None:
        raw_name = getattr(file, "name", None)
        name = os.path.basename(raw_name) if isinstance(raw_name, str) and raw_name else None
    if not _seekable(file):
        # A pipe cannot be rewound for sniffing or for a retry, so it is read once, here.
        data = file.read()
        if not isinstance(data, bytes | bytearray):
            raise InvalidRequestError(f"{label}: the file object did not return bytes.", param=label)
        return _from_bytes(label, position, bytes(data), name, declared)
    try:
        # httpx sends a seekable file whole, from byte 0 (it seeks there before each send),
        # so that is what is sniffed; the caller's position is restored afterwards.
        start = file.tell()
        file.seek(0)
        head = file.read(SNIFF_BYTES)
        file.seek(start)
    except (OSError, ValueError) as exc:
        raise InvalidRequestError(f"{label}: cannot read the file object: {exc}", param=label) from exc
    if not isinstance(head, bytes):
        raise InvalidRequestError(f"{label}: the file is open in text mode; open it with 'rb'.", param=label)
    mime_type = _check_type(label, head, declared)
    return PreparedImage(
        label=label,
        filename=name or _default_name(position, mime_type),
        mime_type=mime_type,
        open=lambda: cast(BinaryIO, file),
        owned=False,
    )


def _pil_image_class() -> type | None:
    # Pillow is optional: if PIL.Image was never imported, the input cannot be a PIL image.
    module = sys.modules.get("PIL.Image")
    image_class = getattr(module, "Image", None)
    return image_class if isinstance(image_class, type) else None


def _encode_png(image: Any) -> bytes:
    """Encode a PIL image losslessly as PNG (modes PNG cannot hold are converted to RGBA first)."""
    buffer = io.BytesIO()
    try:
        image.save(buffer, format="PNG")
    except OSError:
        buffer = io.BytesIO()
        image.convert("RGBA").save(buffer, format="PNG")
    return buffer.getvalue()


def _prepare_one(value: object, position: int, single: bool) -> PreparedImage:
    label = _label(position, single)
    if isinstance(value, str | os.PathLike):
        path = os.fspath(value)
        return _from_path(label, path if isinstance(path, str) else os.fsdecode(path))
    if isinstance(value, bytes | bytearray | memoryview):
        return _from_bytes(label, position, bytes(value), None, None)
    if isinstance(value, tuple):
        if not _is_file_tuple(value):
            raise InvalidRequestError(
                f"{label}: a tuple must be (filename, content) or (filename, content, mime_type) with "
                "bytes or a binary file object as content; pass several images as a list.",
                param=label,
            )
        name, content = value[0], value[1]
        declared = value[2] if len(value) == 3 else None
        if isinstance(content, bytes | bytearray | memoryview):
            return _from_bytes(label, position, bytes(content), name, declared)
        return _from_file(label, position, content, name, declared)
    if _is_file_object(value):
        return _from_file(label, position, value, None, None)
    pil_image = _pil_image_class()
    if pil_image is not None and isinstance(value, pil_image):
        return _from_bytes(label, position, _encode_png(value), None, None)
    raise InvalidRequestError(f"{label}: expected {_KINDS}; got {type(value).__name__}.", param=label)


def prepare_images(inputs: list[object], single: bool) -> list[PreparedImage]:
    """Check every input (kind, readability, magic bytes) and return them prepared, in order."""
    return [_prepare_one(value, position, single) for position, value in enumerate(inputs)]


@contextmanager
def opened(images: list[PreparedImage]) -> Iterator[list[File]]:
    """Open the images for one attempt, as generated ``File`` objects; close what was opened after it."""
    with ExitStack() as stack:
        files = []
        for image in images:
            stream = image.open()
            if image.owned:
                stack.callback(stream.close)
            files.append(File(payload=stream, file_name=image.filename, mime_type=image.mime_type))
        yield files
