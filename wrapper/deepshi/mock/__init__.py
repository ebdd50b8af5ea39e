"""``deepshi.mock``: a real, spec-validating stand-in for the Deepshi API.

Install with ``pip install "deepshi[mock]"``. See ``docs/mock.md``.
"""

from .cassettes import CassetteError
from .faults import Fault, FaultError, FaultKind
from .journal import FileRecord, JournalEntry
from .server import MockServer
from .terms import SpecMismatch

__all__ = [
    "CassetteError",
    "Fault",
    "FaultError",
    "FaultKind",
    "FileRecord",
    "JournalEntry",
    "MockServer",
    "SpecMismatch",
]
