"""The model catalogs the preflight checks against, shared by every client of the process.

The preflight (model-aware checks before an edit or generation is sent) needs the caller's
``GET /v1/models``. It is fetched at most once per base URL and API key per :data:`CATALOG_TTL`
seconds, whatever the number of clients, threads or tasks: entries are keyed by the base URL and a
SHA-256 of the key (the key itself is never kept here), and one lock per entry lets one caller
fetch while the others wait for its answer. A failed fetch is remembered for the same time, so a
catalog endpoint that is down costs one request and one warning per TTL, not one per call.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from ._catalog import ModelCatalog
from ._steps import SharedLock

__all__ = ["CATALOGS", "CATALOG_TTL", "CatalogCache", "CatalogEntry"]

CATALOG_TTL = 600.0
"""Seconds a fetched catalog (or a failed fetch) is used before the next call fetches again."""


@dataclass
class CatalogEntry:
    """The catalog of one base URL + key: what was last fetched, and until when it counts."""

    lock: SharedLock = field(default_factory=SharedLock)
    catalog: ModelCatalog | None = None
    """The catalog, or ``None`` if the last fetch failed (then the preflight checks the spec only)."""
    fetched: bool = False
    expires_at: float = 0.0

    def is_fresh(self, now: float) -> bool:
        return self.fetched and now < self.expires_at

    def store(self, catalog: ModelCatalog | None, now: float) -> None:
        self.catalog, self.fetched, self.expires_at = catalog, True, now + CATALOG_TTL


class CatalogCache:
    """Catalog entries by base URL and key."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], CatalogEntry] = {}
        self._guard = threading.Lock()

    def entry(self, base_url: str, api_key: str) -> CatalogEntry:
        key = (base_url, hashlib.sha256(api_key.encode("utf-8", "surrogatepass")).hexdigest())
        with self._guard:
            found = self._entries.get(key)
            if found is None:
                found = self._entries[key] = CatalogEntry()
            return found

    def clear(self) -> None:
        """Forget every catalog (the next preflight of each client fetches again)."""
        with self._guard:
            self._entries.clear()


CATALOGS = CatalogCache()
"""The process's cache (module state: it outlives clients, which is the point)."""
