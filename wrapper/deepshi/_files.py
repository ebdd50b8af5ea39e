"""Input images: every accepted kind, checked and typed before anything is sent.

Each input becomes a :class:`PreparedImage`: a label for error messages (``image[2]``), a file
name, the MIME type sniffed from its magic bytes (:mod:`._sniff`; never from the name) and a way
to open it for one attempt. Paths are opened lazily for each attempt and closed after it, and
file objects are passed through to httpx, which streams them in 64 KiB chunks and rewinds them
before each send; so retries re-send the whole file and nothing is read whole into memory. Only
non-seekable file objects (an open pipe) are buffered, because they could neither be sniffed nor
re-sent.

A path must name a regular file. A FIFO, a pipe (``/dev/fd/N``, a shell's ``<(...)``), a device
or a socket is refused with ``InvalidRequestError`` before anything is read from it: a pipe can be
read only once (sniffing would drain it and an empty file would go out), a FIFO without a writer
blocks its reader forever (in ``AsyncDeepshi``, the whole event loop), and neither has a size to
send. Paths are opened with ``O_NONBLOCK`` and checked with ``fstat`` on the open descriptor, so
the check itself never blocks. Read such a stream yourself and pass the bytes.

Each opened file is sent through a :class:`_SizedReader`: exactly the size it had when it was
opened, so a file that grows or shrinks while it is uploaded fails with ``InvalidRequestError``
(the request is abandoned before its body is complete) instead of an HTTP framing error.
"""

from __future__ import annotations

import io
import os
import stat
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


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
"""``O_NONBLOCK``: opening a FIFO that has no writer returns at once (a plain open would wait for one)."""

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a pipe or FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(label: str, path: str, mode: int) -> InvalidRequestError:
    if stat.S_ISDIR(mode):
        return InvalidRequestError(f"{label}: cannot read {path!r}: is a directory, not an image file.", param=label)
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    return InvalidRequestError(
        f"{label}: {path!r} is {kind}, not a regular file; image paths must name files (a pipe can be read "
        "only once, and could be neither checked nor re-sent on a retry). Read it yourself and pass the bytes.",
        param=label,
    )


def _open_regular(label: str, path: str) -> BinaryIO:
    """``path`` opened for reading, refusing (without blocking or reading) anything but a regular file."""
    if "\0" in path:
        raise InvalidRequestError(f"{label}: the path {path!r} holds a NUL character.", param=label)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(label, path, exc) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(label, path, mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _sendable_name(name: str) -> str:
    """A file name as it can go into a multipart header: bytes of the file system's name that are not UTF-8 replaced."""
    if _is_utf8(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")  # how Python decoded the name's undecodable bytes
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _from_path(label: str, path: str) -> PreparedImage:
    try:
        with _open_regular(label, path) as file:
            head = file.read(SNIFF_BYTES)
    except OSError as exc:
        raise _os_error(label, path, exc) from exc
    mime_type = _check_type(label, head)
    return PreparedImage(
        label=label,
        filename=_sendable_name(os.path.basename(path)),
        mime_type=mime_type,
        open=lambda: _open_regular(label, path),
        owned=True,
    )


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
        for text in (name, value[2] if len(value) == 3 else None):
            if text is not None and not _is_utf8(text):
                raise InvalidRequestError(
                    f"{label}: the file name or type {text!r} holds a lone surrogate and cannot be sent.", param=label
                )
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


class _SizedReader:
    """A file as httpx uploads it, held to the size it had when opened (the ``Content-Length`` sent).

    httpx declares a file's size when it builds the request and then reads the file to its end: a
    file that grew or shrank meanwhile broke the HTTP framing (h11's ``LocalProtocolError``). This
    reader reports the size it measured, and raises ``InvalidRequestError`` when the file ends
    early or has more to give, which abandons the request before its body is complete.
    """

    def __init__(self, label: str, file: BinaryIO) -> None:
        self.label = label
        self.file = file
        self.size = self._measure()
        self.position = file.tell()

    def _measure(self) -> int:
        try:
            return os.fstat(self.file.fileno()).st_size
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            start = self.file.tell()
            end = self.file.seek(0, os.SEEK_END)
            self.file.seek(start)
            return end

    def _changed(self, now: str) -> InvalidRequestError:
        return InvalidRequestError(
            f"{self.label}: the file changed while it was being uploaded ({self.size:,} bytes when the request "
            f"was built, {now}); the request was abandoned before the API received all of it. Make sure nothing "
            "writes to the file during the call.",
            param=self.label,
        )

    def read(self, size: int | None = -1) -> bytes:
        left = self.size - self.position
        wanted = left if size is None or size < 0 else min(size, left)
        data = self.file.read(wanted) if wanted > 0 else b""
        self.position += len(data)
        if len(data) < wanted:
            raise self._changed(f"only {self.position:,} when it was read")
        if self.position == self.size and wanted > 0 and self.file.read(1):
            raise self._changed("more when it was read")
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        target = {os.SEEK_SET: offset, os.SEEK_CUR: self.position + offset, os.SEEK_END: self.size + offset}[whence]
        self.position = self.file.seek(target)
        return self.position

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.file.close()


@contextmanager
def opened(images: list[PreparedImage]) -> Iterator[list[File]]:
    """Open the images for one attempt, as generated ``File`` objects; close what was opened after it."""
    with ExitStack() as stack:
        files = []
        for image in images:
            stream = image.open()
            if image.owned:
                stack.callback(stream.close)
            payload = cast(BinaryIO, _SizedReader(image.label, stream))
            files.append(File(payload=payload, file_name=image.filename, mime_type=image.mime_type))
        yield files
