"""deepshi: a typed Python client for the Deepshi image API."""

from ._version import __version__

__all__ = ["__version__"]
