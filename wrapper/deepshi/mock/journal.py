"""The request journal: what every request carried, without secrets or image bytes, within bounds.

Every string an entry keeps goes through a :class:`Keeper`: the request's key (in any encoding, see
``redact``) and key-shaped strings are scrubbed, what cannot be encoded as UTF-8 (a lone surrogate)
is escaped, numbers JSON cannot carry (NaN, infinities) become strings, and past the size bounds a
value is replaced by its digest and length. The journal itself is a ring: past its total size the
oldest entries are dropped and counted. So an entry is always JSON-serialisable and the journal's
memory is bounded, whatever the requests carried.

A file's sha256 is computed as its bytes stream in, except for the body's first file, which the
mock keeps whole anyway (up to 16 MB: an edit's answer is derived from it): its digest is
computed when first read (:class:`FileDigest`), so a request nobody inspects is never hashed.
The journal keeps at most ``total_bytes`` of such unread first files; past that, the oldest are
hashed and their bytes released.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, overload

from . import redact

KiB = 1024
MiB = 1024 * KiB
ENTRY_OVERHEAD = 512
"""Bytes counted for an entry besides its strings (the objects that hold them)."""
MAX_DEPTH = 64
"""Nesting kept in ``fields``; deeper values are replaced by a note (JSON bodies are refused past 64 anyway)."""


@dataclass(frozen=True)
class JournalLimits:
    """The journal's bounds (see ``MockServer``'s ``journal_*`` arguments)."""

    value_bytes: int = 256 * KiB
    """A string longer than this (UTF-8 bytes) is kept as its digest and length."""
    entry_bytes: int = 1 * MiB
    """The strings of one entry together; past it, every further string is kept as a digest."""
    total_bytes: int = 64 * MiB
    """The whole journal; past it, the oldest entries are dropped (and counted)."""

    def __post_init__(self) -> None:
        for name in ("value_bytes", "entry_bytes", "total_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"journal {name} must be a positive integer, not {value!r}")


def digest(text: str) -> dict[str, Any]:
    """What the journal keeps of a string past its bounds: ``{"$digest": "sha256:...", "bytes": N}``.

    The digest is of the value's UTF-8 bytes as received, so a test can compare it with what it sent.
    """
    raw = text.encode("utf-8", "surrogatepass")
    return {"$digest": f"sha256:{hashlib.sha256(raw).hexdigest()}", "bytes": len(raw)}


class Keeper:
    """Turns what a request carried into what one journal entry keeps (see the module docstring)."""

    def __init__(self, secrets: Iterable[str], limits: JournalLimits) -> None:
        self.secrets = list(secrets)
        self.limits = limits
        self.used = 0
        """UTF-8 bytes of the strings kept so far."""

    def text(self, value: str) -> str:
        """A scalar string (path, header, error, file name): scrubbed, and past the bounds cut short."""
        kept = self._clean(value)
        if self._fits(kept):
            return kept
        summary = digest(value)
        note = f" [... {summary['bytes']} bytes, {summary['$digest']}]"
        head = kept[:256]
        self.used += len(head.encode()) + len(note)
        return head + note

    def value(self, node: Any) -> Any:
        """A JSON-like value (form fields, a JSON body), copied with an explicit stack (no recursion)."""
        root: list[Any] = [None]
        stack: list[tuple[Any, Any, Any, int]] = [(node, root, 0, 0)]
        while stack:
            item, parent, slot, depth = stack.pop()
            copy: Any
            if isinstance(item, str):
                kept = self._clean(item)
                copy = kept if self._fits(kept) else self._digest(item)
            elif isinstance(item, Mapping | list | tuple) and depth >= MAX_DEPTH:
                copy = f"[nested deeper than {MAX_DEPTH} levels]"
                self.used += len(copy)
            elif isinstance(item, Mapping):
                keys = [self._key(key) for key in item]
                copy = dict.fromkeys(keys)
                # Pushed in reverse so that values are kept first come, first kept (the stack pops the last).
                stack.extend(reversed([(v, copy, k, depth + 1) for k, v in zip(keys, item.values(), strict=True)]))
            elif isinstance(item, list | tuple):
                copy = [None] * len(item)
                stack.extend(reversed([(value, copy, index, depth + 1) for index, value in enumerate(item)]))
            elif isinstance(item, float) and not math.isfinite(item):
                copy = "NaN" if math.isnan(item) else ("Infinity" if item > 0 else "-Infinity")
            elif item is None or isinstance(item, bool | int | float):
                copy = item
                self.used += 8
            else:
                copy = self.text(repr(item))
            parent[slot] = copy
        return root[0]

    def _key(self, key: Any) -> str:
        text = self._clean(str(key))
        if self._fits(text):
            return text
        summary = digest(str(key))
        self.used += 96
        return f"{summary['$digest']} ({summary['bytes']} bytes)"

    def _clean(self, text: str) -> str:
        cleaned = redact.scrub(text, self.secrets)
        if cleaned.isascii():
            return cleaned
        # A lone surrogate cannot be encoded as UTF-8: keep it as the text of its escape.
        return cleaned.encode("utf-8", "backslashreplace").decode("utf-8")

    def _fits(self, text: str) -> bool:
        size = len(text) if text.isascii() else len(text.encode("utf-8"))
        if size > self.limits.value_bytes or self.used + size > self.limits.entry_bytes:
            return False
        self.used += size
        return True

    def _digest(self, text: str) -> dict[str, Any]:
        self.used += 96
        return digest(text)


class FileDigest:
    """The sha256 of bytes the mock keeps anyway, computed once, when first read; then the bytes are let go.

    ``data`` is the bytes, or anything with their ``chunks`` in order and a length (the multipart
    reader's kept first file, hashed chunk by chunk without joining it).
    """

    __slots__ = ("_data", "_hex", "_lock")

    def __init__(self, data: bytes | _Chunked) -> None:
        self._data: bytes | _Chunked | None = data
        self._hex: str | None = None
        self._lock = threading.Lock()

    @property
    def pending_bytes(self) -> int:
        """The bytes held until the digest is read (0 once it was)."""
        data = self._data
        return len(data) if data is not None else 0

    def hexdigest(self) -> str:
        """The hex sha256 of the bytes."""
        with self._lock:
            if self._hex is None:
                assert self._data is not None
                digest = hashlib.sha256()
                for chunk in [self._data] if isinstance(self._data, bytes) else self._data.chunks:
                    digest.update(chunk)
                self._hex = digest.hexdigest()
                self._data = None
            return self._hex


class _Chunked(Protocol):
    @property
    def chunks(self) -> Sequence[bytes | memoryview]: ...

    def __len__(self) -> int: ...


class _Sha256:
    """``FileRecord.sha256``: given as a hex string or as a :class:`FileDigest`, always read as the hex string."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    @overload
    def __get__(self, record: None, owner: type) -> _Sha256: ...
    @overload
    def __get__(self, record: object, owner: type) -> str: ...
    def __get__(self, record: object | None, owner: type) -> str | _Sha256:
        if record is None:
            raise AttributeError("sha256 has no default")  # a required field (see dataclasses' descriptor fields)
        value: str | FileDigest = record.__dict__[self.slot]
        return value if isinstance(value, str) else value.hexdigest()

    def __set__(self, record: object, value: str | FileDigest) -> None:
        record.__dict__[self.slot] = value  # once, by the frozen dataclass's __init__


@dataclass(frozen=True)
class FileRecord:
    """One uploaded file part: its field name (``image[]`` or ``image``), never its bytes.

    ``sha256`` is the hex digest of the file's bytes (given as a :class:`FileDigest` for the first
    file, whose hashing waits until it is read).
    """

    field: str
    filename: str
    content_type: str | None
    size: int
    sha256: _Sha256 = _Sha256()

    def pending(self) -> FileDigest | None:
        """The digest still to compute, if any (the journal bounds what those hold)."""
        value = self.__dict__["_sha256"]
        return value if isinstance(value, FileDigest) and value.pending_bytes else None


@dataclass(frozen=True)
class JournalEntry:
    """One request as the mock received and answered it."""

    time: float
    """Unix time the request arrived."""
    method: str
    path: str
    operation: str | None
    """The spec's ``operationId``, or None for a path the spec does not declare."""
    headers: dict[str, str]
    """Request headers, lower-cased, credentials replaced by ``[REDACTED]``."""
    fields: dict[str, Any]
    """Non-file form fields (after type coercion) or the JSON body's keys (long values as digests)."""
    files: list[FileRecord] = field(default_factory=list)
    valid: bool = False
    """Whether the request passed the spec's validation and the catalog checks."""
    status: int = 0
    """The status answered (0 when a fault reset the connection before any status)."""
    error: str | None = None
    """The error message answered, if any."""
    fault: str | None = None
    """The fault kind applied, if any."""
    request_id: str | None = None
    """The ``x-request-id`` answered, if any."""
    query: str = ""
    size: int = 0
    """The bytes this entry counts against the journal's total (its strings plus a fixed overhead)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy."""
        return asdict(self)


class Journal:
    """A thread-safe ring of :class:`JournalEntry`, oldest first, bounded by ``limits.total_bytes``."""

    def __init__(self, limits: JournalLimits | None = None) -> None:
        self.limits = limits or JournalLimits()
        self._entries: deque[JournalEntry] = deque()
        self._bytes = 0
        self._dropped = 0
        self._unhashed: deque[tuple[FileDigest, int]] = deque()
        """First files whose digest was not read when journaled, with the bytes each held then."""
        self._unhashed_bytes = 0
        self._lock = threading.Lock()

    def append(self, entry: JournalEntry) -> None:
        """Record one request (dropping the oldest entries while the total is over the bound)."""
        settle: list[FileDigest] = []
        with self._lock:
            self._entries.append(entry)
            self._bytes += entry.size
            while self._bytes > self.limits.total_bytes and len(self._entries) > 1:
                self._bytes -= self._entries.popleft().size
                self._dropped += 1
            for record in entry.files:
                pending = record.pending()
                if pending is not None:
                    self._unhashed.append((pending, pending.pending_bytes))
                    self._unhashed_bytes += pending.pending_bytes
            while self._unhashed_bytes > self.limits.total_bytes:
                oldest, held = self._unhashed.popleft()
                self._unhashed_bytes -= held
                settle.append(oldest)
        for digest in settle:  # outside the lock: hashing takes a while
            digest.hexdigest()

    def entries(self) -> list[JournalEntry]:
        """A snapshot copy of the entries, oldest first."""
        with self._lock:
            return list(self._entries)

    @property
    def dropped(self) -> int:
        """How many entries were dropped to keep the journal within its total size (since the last clear)."""
        with self._lock:
            return self._dropped

    @property
    def bytes(self) -> int:
        """The size the kept entries count (see :attr:`JournalEntry.size`)."""
        with self._lock:
            return self._bytes

    def clear(self) -> None:
        """Forget every entry (and the count of dropped ones)."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._dropped = 0
            self._unhashed.clear()
            self._unhashed_bytes = 0
