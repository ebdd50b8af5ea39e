"""A client's settings: read and checked once when it is built, then read-only.

``Deepshi`` and ``AsyncDeepshi`` (and every ``with_options`` copy) hold one :class:`ClientSettings`.
The API key is kept as a :class:`Secret`, whose ``repr`` never shows it.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import httpx

from ._catalog import ModelCatalog
from ._errors import InvalidRequestError
from ._redact import Redactor
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_ANSWER_BYTES",
    "DEFAULT_TIMEOUT",
    "MASK",
    "ClientSettings",
    "Secret",
    "as_timeout",
]

DEFAULT_BASE_URL = "https://api.deepshi.ai"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
"""10 minutes to read (slow image models take minutes), 5 seconds to connect."""

DEFAULT_MAX_ANSWER_BYTES = 512 * 1024 * 1024
"""512 MiB: the most an answer may hold once decoded (gzip, deflate). The largest real answer is
about 342 MiB: the spec's at most 4 images (``ImageCount.maximum``), each at worst a 4096 x 4096
RGBA PNG stored uncompressed (64 MiB), base64-encoded (85 MiB); a test pins that arithmetic."""

MASK = "sk-bf-***"
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)


class Secret(str):
    """The API key: a ``str`` whose ``repr`` never shows the value (it ends up inside reprs of attrs classes)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(MASK)


def normalize_base_url(url: str) -> str:
    """The API origin: trailing slashes and a trailing ``/v1`` are dropped (operation paths carry ``/v1``)."""
    url = url.strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    return url


def as_timeout(timeout: TimeoutTypes) -> httpx.Timeout:
    """``timeout`` as an ``httpx.Timeout``, refusing what the sockets would choke on."""
    if (
        not isinstance(timeout, httpx.Timeout)
        and timeout is not None
        and (isinstance(timeout, bool) or not isinstance(timeout, int | float))
    ):
        raise TypeError(f"timeout: expected seconds, an httpx.Timeout or None; got {type(timeout).__name__}")
    result = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
    # Checked here: httpx passes NaN, infinite or negative values on to the socket, which then
    # raises a bare ValueError/OverflowError at connect time.
    for seconds in result.as_dict().values():
        if seconds is not None and not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds >= 0):
            raise InvalidRequestError(
                f"timeout: expected a finite number of seconds >= 0 (None for no timeout); got {seconds!r}.",
                param="timeout",
            )
    return result


def check_max_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise InvalidRequestError(f"max_retries: expected an int >= 0, got {max_retries!r}.", param="max_retries")
    return max_retries


def check_total_timeout(total_timeout: object) -> float | None:
    if total_timeout is None:
        return None
    if (
        isinstance(total_timeout, bool)
        or not isinstance(total_timeout, int | float)
        or not math.isfinite(total_timeout)
        or total_timeout <= 0
    ):
        raise InvalidRequestError(
            f"total_timeout: expected a finite number of seconds > 0 (None for no total bound); got {total_timeout!r}.",
            param="total_timeout",
        )
    return float(total_timeout)


def _check_max_answer_bytes(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
        raise InvalidRequestError(f"max_answer_bytes: expected an int > 0, got {limit!r}.", param="max_answer_bytes")
    return limit


def _key_problem(key: str) -> str | None:
    """Why ``key`` cannot go into an ``Authorization`` header, without quoting any of it."""
    if any(char in "\r\n" for char in key):
        return "holds a line break (CR or LF); a key read from a file keeps its trailing newline: strip() it"
    if not key.isascii():
        return "holds a non-ASCII character (API keys are ASCII)"
    if not key.isprintable():
        return "holds a control character"
    if key != key.strip():
        return "starts or ends with whitespace: strip() it"
    return None


def _api_key(api_key: str | None) -> Secret:
    key = api_key if api_key is not None else os.environ.get("DEEPSHI_API_KEY")
    if not key:
        raise InvalidRequestError(
            "No API key: pass Deepshi(api_key=...) or set the DEEPSHI_API_KEY environment variable.",
            param="api_key",
        )
    if not isinstance(key, str):
        raise TypeError(f"api_key: expected str, got {type(key).__name__}")
    problem = _key_problem(key)
    if problem is not None:
        source = "api_key" if api_key is not None else "api_key (from $DEEPSHI_API_KEY)"
        raise InvalidRequestError(f"{source}: the key {problem}.", param="api_key")
    return Secret(key)


@dataclass(frozen=True)
class ClientSettings:
    """What every request of one client is sent with."""

    api_key: Secret
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    headers: Mapping[str, str]
    """Sent with every request: ``User-Agent`` and the ``default_headers`` given."""
    validate: bool
    catalog: ModelCatalog | None
    """A catalog given to the constructor: the preflight uses it and never fetches one."""
    total_timeout: float | None = None
    """The most one call may take, retries and waits included (``None``: no bound but ``timeout``'s)."""
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    """The most an answer (a body, or a whole stream) may hold once decoded."""

    @classmethod
    def read(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        client_timeout: httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        validate: bool,
        catalog: ModelCatalog | None,
        total_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> ClientSettings:
        """The settings from constructor arguments and the environment (``DEEPSHI_API_KEY``, ``DEEPSHI_BASE_URL``)."""
        url = base_url if base_url is not None else os.environ.get("DEEPSHI_BASE_URL") or DEFAULT_BASE_URL
        if isinstance(timeout, NotGiven):
            # Like the OpenAI SDK: a client you pass in keeps its own timeout unless it is httpx's default.
            use_client = client_timeout is not None and client_timeout != _HTTPX_DEFAULT_TIMEOUT
            resolved = client_timeout if use_client and client_timeout is not None else DEFAULT_TIMEOUT
        else:
            resolved = as_timeout(timeout)
        if catalog is not None and not isinstance(catalog, ModelCatalog):
            raise TypeError(f"catalog: expected a deepshi.ModelCatalog, got {type(catalog).__name__}")
        return cls(
            api_key=_api_key(api_key),
            base_url=normalize_base_url(url),
            timeout=resolved,
            max_retries=check_max_retries(max_retries),
            headers={"User-Agent": f"deepshi-python/{__version__}", **dict(default_headers or {})},
            validate=bool(validate),
            catalog=catalog,
            total_timeout=check_total_timeout(total_timeout),
            max_answer_bytes=_check_max_answer_bytes(max_answer_bytes),
        )

    def replace(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
        default_headers: Mapping[str, str] | None = None,
        validate: bool | NotGiven,
        catalog: ModelCatalog | None = None,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_answer_bytes: int | NotGiven = NOT_GIVEN,
    ) -> ClientSettings:
        """A copy with the given settings changed (``default_headers`` are added to the current ones)."""
        changes: dict[str, object] = {}
        if api_key is not None:
            changes["api_key"] = _api_key(api_key)
        if base_url is not None:
            changes["base_url"] = normalize_base_url(base_url)
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = as_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            changes["max_retries"] = check_max_retries(max_retries)
        if default_headers is not None:
            changes["headers"] = {**self.headers, **dict(default_headers)}
        if not isinstance(validate, NotGiven):
            changes["validate"] = bool(validate)
        if catalog is not None:
            changes["catalog"] = catalog
        if not isinstance(total_timeout, NotGiven):
            changes["total_timeout"] = check_total_timeout(total_timeout)
        if not isinstance(max_answer_bytes, NotGiven):
            changes["max_answer_bytes"] = _check_max_answer_bytes(max_answer_bytes)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @cached_property
    def _redactor(self) -> Redactor:
        return Redactor(self.api_key, MASK)

    def redact(self, text: str) -> str:
        """``text`` with the API key masked, as is or escaped (servers sometimes quote the key they rejected)."""
        return self._redactor(text)

    def total_timeout_for(self, override: float | NotGiven | None) -> float | None:
        return self.total_timeout if isinstance(override, NotGiven) else check_total_timeout(override)

    def timeout_for(self, override: TimeoutTypes | NotGiven) -> httpx.Timeout:
        return self.timeout if isinstance(override, NotGiven) else as_timeout(override)

    def retries_for(self, override: int | NotGiven) -> int:
        return self.max_retries if isinstance(override, NotGiven) else check_max_retries(override)

    def should_validate(self, override: bool | NotGiven) -> bool:
        return self.validate if isinstance(override, NotGiven) else bool(override)

    def describe(self, name: str) -> str:
        return (
            f"{name}(base_url={self.base_url!r}, max_retries={self.max_retries}, "
            f"timeout={self.timeout!r}, validate={self.validate})"
        )
