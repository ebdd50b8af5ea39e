"""What the global options decide for every command: credentials, base URL, debug mode, consoles."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rich.console import Console
from rich.markup import escape

from deepshi import AsyncDeepshi, Deepshi

from .errors import Redactor
from .output import stderr_console, stdout_console

API_KEY_ENV = "DEEPSHI_API_KEY"


@dataclass
class Settings:
    """Global options; the facade reads ``DEEPSHI_API_KEY`` / ``DEEPSHI_BASE_URL`` when these are None."""

    api_key: str | None = None
    base_url: str | None = None
    debug: bool = False
    max_retries: int = 2
    out: Console = field(default_factory=stdout_console)
    err: Console = field(default_factory=stderr_console)

    def __repr__(self) -> str:  # the key stays out of reprs (and so out of debug output)
        return f"Settings(base_url={self.base_url!r}, debug={self.debug}, max_retries={self.max_retries})"

    def client(self) -> Deepshi:
        """A sync client with these settings (the caller closes it: ``with settings.client() as c``)."""
        return Deepshi(api_key=self.api_key, base_url=self.base_url, max_retries=self.max_retries)

    def async_client(self) -> AsyncDeepshi:
        """An async client with these settings (``async with settings.async_client() as c``)."""
        return AsyncDeepshi(api_key=self.api_key, base_url=self.base_url, max_retries=self.max_retries)

    @property
    def redact(self) -> Redactor:
        """Scrubs the key given on the command line and the one in the environment."""
        return Redactor([self.api_key, os.environ.get(API_KEY_ENV)])

    def error(self, text: str) -> None:
        """Print an error line on stderr, key scrubbed."""
        self.err.print(f"[bold red]error:[/] {escape(self.redact(text))}", markup=True, highlight=False, soft_wrap=True)


@runtime_checkable
class HasRoot(Protocol):
    """A click/typer context (typer hands commands a click ``Context``; ``typer.Context`` is its annotation)."""

    def find_root(self) -> Any: ...


def settings_of(ctx: HasRoot) -> Settings:
    """The `Settings` the root callback stored (a default one when a command runs on its own)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


class RedactingFormatter(logging.Formatter):
    """A log formatter that scrubs keys from the finished record text (message and traceback)."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))


def enable_debug_logging(settings: Settings) -> Callable[[], None]:
    """Send the ``deepshi`` and ``httpx`` loggers to stderr at DEBUG level, keys scrubbed.

    Returns the function that undoes it (the command runner calls it when the command ends).
    """
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(settings.redact))
    loggers = [logging.getLogger(name) for name in ("deepshi", "httpx")]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)

    def undo() -> None:
        for logger, level in zip(loggers, previous, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)

    return undo
