"""``deepshi.mock``: a real, spec-validating stand-in for the Deepshi API.

Install with ``pip install "deepshi[mock]"``. See ``docs/mock.md``.
"""

import importlib.util

_EXTRA_MODULES = ("starlette", "uvicorn", "python_multipart", "PIL")
"""What the ``mock`` extra installs, by import name (a unit test ties it to ``pyproject.toml``).

Checked before anything is imported: Pillow is imported only when the first image is rendered,
and a missing package must be named at import time, not on the first request.
"""


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ValueError:  # sys.modules[name] is None: the import is blocked
        return False


def _require_extra() -> None:
    """Name the missing extra, as the CLI does, instead of a bare ``No module named 'uvicorn'``."""
    missing = [name for name in _EXTRA_MODULES if not _importable(name)]
    if missing:
        raise ModuleNotFoundError(
            f"deepshi.mock needs the 'mock' extra (missing: {', '.join(missing)}): "
            "pip install 'deepshi[mock]' (in a clone of deepshi-python: pip install '.[mock]')",
            name=missing[0],
        )


_require_extra()

from .cassettes import CassetteError  # noqa: E402
from .faults import Fault, FaultError, FaultKind  # noqa: E402
from .journal import FileRecord, JournalEntry  # noqa: E402
from .server import MockServer  # noqa: E402
from .terms import SpecMismatch  # noqa: E402

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
