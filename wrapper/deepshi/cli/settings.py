"""What the global options decide for every command: credentials, base URL, debug mode, consoles."""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape

from deepshi import AsyncDeepshi, Deepshi

from .errors import Redactor, UsageProblem
from .output import stderr_console, stdout_console

API_KEY_ENV = "DEEPSHI_API_KEY"
BASE_URL_ENV = "DEEPSHI_BASE_URL"


def check_base_url(value: str, source: str) -> str:
    """`value` if it is an http(s) URL; otherwise a `UsageProblem` saying what was probably meant.

    `source` names where the value came from (``--base-url`` or ``$DEEPSHI_BASE_URL``).
    """
    text = value.strip()
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() in ("http", "https") and urlsplit(text).hostname:
        return text
    if rest:
        raise UsageProblem(f"{source} {value}: the URL must start with http:// or https://", param="base_url")
    host = text.split("/", 1)[0].rsplit(":", 1)[0].strip("[]").lower()
    scheme = "http" if _is_local(host) else "https"
    raise UsageProblem(f"{source} {value} has no scheme: did you mean {scheme}://{text}?", param="base_url")


def _is_local(host: str) -> bool:
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_private
    except ValueError:
        return False


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

    def check_credentials(self) -> None:
        """Refuse, before anything is sent, a missing key and a base URL that is not an http(s) URL.

        Words for a shell, not for Python: the facade's own message names ``Deepshi(api_key=...)``.
        """
        if self.base_url is None and os.environ.get(BASE_URL_ENV):
            check_base_url(os.environ[BASE_URL_ENV], f"${BASE_URL_ENV}")
        if not (self.api_key or os.environ.get(API_KEY_ENV)):
            raise UsageProblem(
                f"no API key: pass --api-key KEY or set {API_KEY_ENV} (for the local mock, `deepshi mock "
                "serve` prints the export line that sets it)",
                param="api_key",
            )

    def client(self) -> Deepshi:
        """A sync client with these settings (the caller closes it: ``with settings.client() as c``)."""
        self.check_credentials()
        return Deepshi(api_key=self.api_key, base_url=self.base_url, max_retries=self.max_retries)

    def async_client(self) -> AsyncDeepshi:
        """An async client with these settings (``async with settings.async_client() as c``)."""
        self.check_credentials()
        return AsyncDeepshi(api_key=self.api_key, base_url=self.base_url, max_retries=self.max_retries)

    @property
    def redact(self) -> Redactor:
        """Masks the key given on the command line and the one in the environment, whatever their shape."""
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
    """A log formatter that scrubs the keys from the finished record text (message and traceback).

    It asks the settings for the keys at each record: a key given after the command name
    (``deepshi edit … --api-key K``) is known only once that command's options are parsed.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._settings = settings

    def format(self, record: logging.LogRecord) -> str:
        return self._settings.redact(super().format(record))


def enable_debug_logging(settings: Settings) -> Callable[[], None]:
    """Send the ``deepshi`` and ``httpx`` loggers to stderr at DEBUG level, keys scrubbed.

    Returns the function that undoes it (the command runner calls it when the command ends).
    """
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(settings))
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
