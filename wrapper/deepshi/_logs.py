"""``DEEPSHI_LOG=debug|info``: log what deepshi does to stderr, as ``OPENAI_LOG`` does for openai-python.

Only the ``deepshi`` logger is configured, and only when the variable is set and the logger has no
handler yet: the root logger, httpx's loggers and any handler your application installed are left
as they are. Nothing deepshi logs carries the API key or request headers.
"""

from __future__ import annotations

import logging
import os

__all__ = ["setup_logging"]

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging() -> None:
    """Apply ``DEEPSHI_LOG`` (read once, when deepshi is imported)."""
    level = _LEVELS.get(os.environ.get("DEEPSHI_LOG", "").strip().lower())
    logger = logging.getLogger("deepshi")
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
