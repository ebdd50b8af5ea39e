"""A streaming ``multipart/form-data`` reader that never holds file contents.

Hand-written on top of python-multipart's push parser (the parser starlette uses) because
starlette's ``Request.form()`` cannot do what the mock needs: it spools every file to a
temporary file with no per-file size limit, and it decodes invalid UTF-8 text leniently.
Here each file part is hashed (sha256) and counted while it streams, the per-file limit is
enforced as the bytes arrive, only the first bytes are kept (to recognise the image format),
except for the body's first file, kept whole up to 16 MB (an edit's answer is derived from it),
and text parts must be valid UTF-8.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import PayloadTooLarge, bad_request

MAX_BOUNDARY = 256
"""The longest multipart boundary accepted: python-multipart's own bound (RFC 2046 needs at most 70)."""
HEAD_BYTES = 32
"""How many leading bytes of each file are kept, to sniff its format."""
FIRST_FILE_BYTES = 16 * 1024 * 1024
"""The first file's bytes are kept when it is no larger than this: an edit's answer is derived from it."""


@dataclass(frozen=True)
class TextPart:
    """A form field without a filename."""

    name: str
    value: str


@dataclass(frozen=True)
class FilePart:
    """A form field with a filename: only its metadata, digest and first bytes are kept."""

    name: str
    filename: str
    content_type: str | None
    size: int
    sha256: str
    head: bytes
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The whole content, for the first file of the body only and only up to ``FIRST_FILE_BYTES``."""


Part = TextPart | FilePart


@dataclass
class _Current:
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    name: str = ""
    filename: str | None = None
    content_type: str | None = None
    text: bytearray = field(default_factory=bytearray)
    size: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    head: bytearray = field(default_factory=bytearray)
    data: bytearray | None = None


def boundary_of(content_type: str) -> bytes:
    """The boundary parameter of a ``multipart/form-data`` content type (400 when missing)."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise bad_request(
            "Malformed multipart body: the Content-Type has no boundary.", param=None, code="invalid_multipart"
        )
    return boundary


class FormReader:
    """Feed the raw body chunk by chunk; then ``finish()`` returns the parts in order.

    Raises :class:`~deepshi.mock.errors.ApiError` (400) for malformed input and
    :class:`~deepshi.mock.errors.PayloadTooLarge` (413) as soon as a file passes
    ``max_file_bytes``.
    """

    def __init__(
        self,
        content_type: str,
        *,
        max_file_bytes: int,
        max_field_bytes: int = 1024 * 1024,
        max_parts: int = 256,
    ) -> None:
        self.max_file_bytes = max_file_bytes
        self.max_field_bytes = max_field_bytes
        self.max_parts = max_parts
        self.parts: list[Part] = []
        self._current = _Current()
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._ended = False
        self._file_counts: dict[str, int] = {}
        boundary = boundary_of(content_type)
        if len(boundary) > MAX_BOUNDARY:
            # RFC 2046 allows 70 characters; python-multipart raises past its own 256.
            raise bad_request(
                f"Malformed multipart body: the boundary is {len(boundary)} characters long (at most {MAX_BOUNDARY}).",
                param=None,
                code="invalid_multipart",
            )
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._on_part_begin,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_end": self._on_end,
            },
        )

    def feed(self, chunk: bytes) -> None:
        """Parse the next chunk of the body."""
        try:
            self._parser.write(chunk)
        except FormParserError as exc:
            raise bad_request(f"Malformed multipart body: {exc}", param=None, code="invalid_multipart") from exc

    def finish(self) -> list[Part]:
        """Check the body ended with the closing boundary and return the parts."""
        if not self._ended:
            raise bad_request(
                "Malformed multipart body: it ended before the closing boundary.", param=None, code="invalid_multipart"
            )
        return self.parts

    # python-multipart callbacks -------------------------------------------------------

    def _on_part_begin(self) -> None:
        if len(self.parts) >= self.max_parts:
            raise bad_request(
                f"Too many form parts (more than {self.max_parts}).", param=None, code="invalid_multipart"
            )
        self._current = _Current()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        self._current.headers.append((bytes(self._header_name).lower(), bytes(self._header_value)))
        self._header_name.clear()
        self._header_value.clear()

    def _on_headers_finished(self) -> None:
        current = self._current
        headers = dict(current.headers)
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        if b"name" not in options:
            raise bad_request(
                "Malformed multipart body: a part has no Content-Disposition name.",
                param=None,
                code="invalid_multipart",
            )
        current.name = _utf8(options[b"name"], "A form field name", None)
        if b"filename" in options:
            current.filename = options[b"filename"].decode("utf-8", errors="replace")
            if not self._file_counts:
                current.data = bytearray()  # the body's first file: kept (see FIRST_FILE_BYTES)
            self._file_counts[current.name] = self._file_counts.get(current.name, 0) + 1
        if b"content-type" in headers:
            current.content_type = headers[b"content-type"].decode("latin-1").strip()

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        current = self._current
        chunk = data[start:end]
        if current.filename is None:
            if len(current.text) + len(chunk) > self.max_field_bytes:
                raise PayloadTooLarge(
                    f"Form field '{current.name}' is larger than {self.max_field_bytes} bytes.",
                    param=current.name,
                    code="field_too_large",
                )
            current.text += chunk
            return
        current.size += len(chunk)
        if current.size > self.max_file_bytes:
            number = self._file_counts[current.name]
            raise PayloadTooLarge(
                f"File '{current.name}' #{number} is larger than the {_human(self.max_file_bytes)} limit.",
                param=current.name,
            )
        current.digest.update(chunk)
        if current.data is not None:
            if current.size <= FIRST_FILE_BYTES:
                current.data += chunk
            else:
                current.data = None
        if len(current.head) < HEAD_BYTES:
            current.head += chunk[: HEAD_BYTES - len(current.head)]

    def _on_part_end(self) -> None:
        current = self._current
        if current.filename is None:
            self.parts.append(
                TextPart(current.name, _utf8(bytes(current.text), f"Form field '{current.name}'", current.name))
            )
        else:
            self.parts.append(
                FilePart(
                    name=current.name,
                    filename=current.filename,
                    content_type=current.content_type,
                    size=current.size,
                    sha256=current.digest.hexdigest(),
                    head=bytes(current.head),
                    data=bytes(current.data) if current.data is not None else None,
                )
            )

    def _on_end(self) -> None:
        self._ended = True


def _utf8(raw: bytes, what: str, param: str | None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_request(f"{what} is not valid UTF-8.", param=param, code="invalid_encoding") from exc


def _human(size: int) -> str:
    mib = 1024 * 1024
    if size % mib == 0:
        return f"{size // mib} MB"
    return f"{size} bytes"
