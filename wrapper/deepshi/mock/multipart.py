"""A streaming ``multipart/form-data`` reader that never holds file contents.

Hand-written on top of python-multipart's push parser (the parser starlette uses) because
starlette's ``Request.form()`` cannot do what the mock needs: it spools every file to a
temporary file with no per-file size limit, and it decodes invalid UTF-8 text leniently.
Here each file part is counted while it streams, the per-file limit is enforced as the bytes
arrive, only the first bytes are kept (to recognise the image format), except for the body's
first file, kept whole up to 16 MB (an edit's answer is derived from it), and text parts must be
valid UTF-8. Each file's sha256 (what the journal shows) is computed as it streams, except for the
kept first file: that one is kept as the chunks it arrived in (:class:`KeptBytes`), joined only when
its bytes are needed (to render an edit), hashed only when its digest is first read (see
``journal.FileDigest``), and keyed by a cheaper digest when an answer cache needs it
(:attr:`FilePart.content_key`). A request answered from a recorded cassette needs none of these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import PayloadTooLarge, bad_request
from .journal import FileDigest

try:  # optional: deepshi[speed]
    import xxhash
except ImportError:  # pragma: no cover - the fallback test replaces FAST_DIGEST instead
    xxhash = None  # type: ignore[assignment]

FAST_DIGEST = xxhash.xxh3_128 if xxhash is not None else None
"""A fast non-cryptographic digest (xxh3-128, incremental) for cache keys, when ``xxhash`` is installed."""

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


class KeptBytes:
    """A kept file as the chunks it arrived in: joined once, when first asked for (an edit's rendering)."""

    __slots__ = ("_chunks", "_joined")

    def __init__(self, chunks: list[memoryview]) -> None:
        self._chunks = chunks
        self._joined: bytes | None = None

    def __len__(self) -> int:
        return sum(len(chunk) for chunk in self._chunks) if self._joined is None else len(self._joined)

    @property
    def chunks(self) -> list[memoryview] | list[bytes]:
        """The bytes in order: the chunks, or the joined bytes once they were joined."""
        return self._chunks if self._joined is None else [self._joined]

    def join(self) -> bytes:
        """The whole content."""
        if self._joined is None:
            self._joined = b"".join(self._chunks)
            self._chunks = []
        return self._joined


@dataclass(frozen=True)
class FilePart:
    """A form field with a filename: only its metadata, digest and first bytes are kept."""

    name: str
    filename: str
    content_type: str | None
    size: int
    digest: str | FileDigest = field(repr=False)
    """The sha256 (hex), or for a kept first file its :class:`~.journal.FileDigest`, computed when read."""
    head: bytes
    kept: KeptBytes | None = field(default=None, repr=False, compare=False)
    """The whole content, for the first file of the body only and only up to ``FIRST_FILE_BYTES``."""

    @property
    def data(self) -> bytes | None:
        """The kept content (joined on first use), or None when it was not kept."""
        return self.kept.join() if self.kept is not None else None

    @property
    def sha256(self) -> str:
        """The hex sha256 of the file's bytes."""
        return self.digest if isinstance(self.digest, str) else self.digest.hexdigest()

    @property
    def content_key(self) -> str:
        """A digest of the bytes for cache keys: xxh3-128 of the kept bytes when ``xxhash`` is installed, else sha256."""
        if self.kept is not None and FAST_DIGEST is not None:
            digest = FAST_DIGEST()
            for chunk in self.kept.chunks:
                digest.update(chunk)
            return f"xxh3-128:{digest.hexdigest()}"
        return self.sha256


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
    """Updated as the bytes stream in, except while they are kept (``data``)."""
    head: bytearray = field(default_factory=bytearray)
    data: list[memoryview] | None = None
    """The first file's chunks, while it is no larger than ``FIRST_FILE_BYTES`` (see :class:`KeptBytes`)."""


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
        if type(chunk) is not bytes:  # the kept first file holds views of the chunks: they must not change
            chunk = bytes(chunk)
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
                current.data = []  # the body's first file: kept (see FIRST_FILE_BYTES)
            self._file_counts[current.name] = self._file_counts.get(current.name, 0) + 1
        if b"content-type" in headers:
            current.content_type = headers[b"content-type"].decode("latin-1").strip()

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        current = self._current
        chunk = memoryview(data)[start:end]  # no copy: the chunk fed to the parser stays alive meanwhile
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
        if current.data is not None and current.size <= FIRST_FILE_BYTES:
            current.data.append(chunk)
        else:
            if current.data is not None:  # past FIRST_FILE_BYTES: no longer kept, hashed from here on
                for kept in current.data:
                    current.digest.update(kept)
                current.data = None
            current.digest.update(chunk)
        if len(current.head) < HEAD_BYTES:
            current.head += chunk[: HEAD_BYTES - len(current.head)]

    def _on_part_end(self) -> None:
        current = self._current
        if current.filename is None:
            self.parts.append(
                TextPart(current.name, _utf8(bytes(current.text), f"Form field '{current.name}'", current.name))
            )
        else:
            kept = KeptBytes(current.data) if current.data is not None else None
            self.parts.append(
                FilePart(
                    name=current.name,
                    filename=current.filename,
                    content_type=current.content_type,
                    size=current.size,
                    digest=FileDigest(kept) if kept is not None else current.digest.hexdigest(),
                    head=bytes(current.head),
                    kept=kept,
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
