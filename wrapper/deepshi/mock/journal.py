"""The request journal: what every request carried, without secrets or image bytes."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class FileRecord:
    """One uploaded file part: its field name (``image[]`` or ``image``), never its bytes."""

    field: str
    filename: str
    content_type: str | None
    size: int
    sha256: str


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
    """Non-file form fields (after type coercion) or the JSON body's keys."""
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy."""
        return asdict(self)


class Journal:
    """A thread-safe, append-only list of :class:`JournalEntry` (until cleared)."""

    def __init__(self) -> None:
        self._entries: list[JournalEntry] = []
        self._lock = threading.Lock()

    def append(self, entry: JournalEntry) -> None:
        """Record one request."""
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[JournalEntry]:
        """A snapshot copy of the entries, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
