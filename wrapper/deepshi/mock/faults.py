"""Fault injection: what a fault is, how it is parsed (header or JSON), and the queue of next-N faults.

The fault kinds and their effect on the wire are documented in ``docs/mock.md``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args
from urllib.parse import unquote

from . import strict_json
from .errors import ApiError

FaultKind = Literal[
    "status",
    "latency",
    "slow_drip",
    "reset_before_headers",
    "reset_after_headers",
    "truncated_json",
    "truncated_sse",
    "malformed_json",
    "wrong_content_type",
    "sse_error_event",
    "override",
]
KINDS: tuple[str, ...] = get_args(FaultKind)
HEADER = "x-deepshi-mock-fault"


class FaultError(ValueError):
    """A fault description that cannot be understood."""


@dataclass(frozen=True)
class Fault:
    """One injected failure. Only the parameters of its ``kind`` matter (see docs/mock.md).

    Examples::

        Fault("status", status=429, retry_after=2)
        Fault("status", status=503, retry_after="Fri, 27 Nov 2026 10:00:00 GMT", x_should_retry=True)
        Fault("latency", seconds=0.5)
        Fault("slow_drip", bytes_per_chunk=16, interval=0.2)
        Fault("reset_after_headers", operation="editImage")
        Fault("override", status=200, headers={"content-type": "application/json"}, body={"created": 1, "data": []})
    """

    kind: FaultKind
    status: int | None = None
    """``status``/``override``/``wrong_content_type``: the status to answer."""
    retry_after: int | float | str | None = None
    """``status``: ``Retry-After`` value, seconds or an HTTP date."""
    retry_after_ms: int | None = None
    """``status``: ``retry-after-ms`` header value."""
    x_should_retry: bool | None = None
    """``status``: ``x-should-retry`` header (``true``/``false``)."""
    message: str | None = None
    """``status``/``sse_error_event``: the error message."""
    error_type: str | None = None
    code: str | None = None
    seconds: float = 0.0
    """``latency``: delay before the answer starts."""
    bytes_per_chunk: int = 64
    """``slow_drip``: body bytes per write."""
    interval: float = 0.05
    """``slow_drip``: delay between writes."""
    after_bytes: int | None = None
    """``reset_after_headers``/``truncated_*``: body bytes sent before the cut (default: none / half)."""
    abort: bool = False
    """``truncated_sse``/``truncated_json``: reset the connection instead of closing it cleanly."""
    content_type: str | None = None
    """``wrong_content_type``/``override``: the content type to declare."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """``override`` (and ``status``): extra response headers."""
    body: Any = None
    """``override``: the body (bytes/str sent as is, anything else as JSON)."""
    operation: str | None = None
    """Only requests to this operationId take the fault (others leave it queued)."""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in KINDS:
            raise FaultError(f"unknown fault kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.kind == "status" and self.status is None:
            raise FaultError(f"a 'status' fault needs status=<{MIN_STATUS}..{MAX_STATUS}>")
        if self.kind == "override" and self.status is None:
            object.__setattr__(self, "status", 200)
        if isinstance(self.headers, Mapping) and not isinstance(self.headers, dict):
            object.__setattr__(self, "headers", dict(self.headers))
        _validate(self)

    def applies_to(self, operation_id: str | None) -> bool:
        """Whether a request to ``operation_id`` takes this fault."""
        return self.operation is None or self.operation == operation_id

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly description (defaults left out)."""
        result: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if f.name != "kind" and value != default:
                result[f.name] = value.decode("latin-1") if isinstance(value, bytes) else value
        return result

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Fault:
        """Build a fault from a JSON object such as ``{"kind": "status", "status": 429}``."""
        if "kind" not in raw:
            raise FaultError("a fault needs a 'kind'")
        return cls.from_params(str(raw["kind"]), {k: v for k, v in raw.items() if k not in ("kind", "count")})

    @classmethod
    def from_params(cls, kind: str, params: Mapping[str, Any]) -> Fault:
        """Build a fault from loosely typed parameters (strings from a header are converted)."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, value in params.items():
            if name not in known or name == "kind":
                raise FaultError(f"unknown fault parameter {name!r}")
            values[name] = _convert(name, value)
        try:
            return cls(kind, **values)  # type: ignore[arg-type]  # kind is checked in __post_init__
        except TypeError as exc:
            raise FaultError(str(exc)) from exc

    @classmethod
    def from_header(cls, value: str) -> list[Fault]:
        """Parse ``X-Deepshi-Mock-Fault: kind[;param=value...][, kind...]`` (values URL-decoded)."""
        faults = []
        for spec in value.split(","):
            tokens = [t.strip() for t in spec.split(";") if t.strip()]
            if not tokens:
                continue
            params: dict[str, str] = {}
            for token in tokens[1:]:
                name, sep, raw = token.partition("=")
                if not sep:
                    raise FaultError(f"fault parameter {token!r} must be name=value")
                params[name.strip()] = unquote(raw.strip())
            faults.append(cls.from_params(tokens[0], params))
        return faults


MIN_STATUS, MAX_STATUS = 200, 599
"""A fault answers a final status: 1xx are not answers (h11 refuses to send them as one)."""
MAX_DELAY = 3600.0
"""The longest ``seconds`` (latency) and ``interval`` (slow drip) a fault may ask for."""
MAX_TEXT = 64 * 1024
"""The longest ``message``, ``error_type``, ``code``, ``operation`` or header value."""
FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding"})
"""Headers a fault may not set: the mock frames every answer itself (h11 refuses a mismatch)."""
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?")


def _validate(fault: Fault) -> None:
    """Refuse, when a fault is armed, every parameter that would break the answer it shapes."""
    if fault.status is not None:
        _integer("status", fault.status, MIN_STATUS, MAX_STATUS)
    if fault.retry_after is not None:
        if isinstance(fault.retry_after, str):
            _header_value("retry_after", fault.retry_after)
        else:
            _number("retry_after", fault.retry_after, 0, 10**9)
    if fault.retry_after_ms is not None:
        _integer("retry_after_ms", fault.retry_after_ms, 0, None)
    for name in ("x_should_retry", "abort"):
        value = getattr(fault, name)
        if value is not None and not isinstance(value, bool):
            raise FaultError(f"fault parameter {name} must be true or false, not {value!r}")
    for name in ("message", "error_type", "code", "operation"):
        value = getattr(fault, name)
        if value is not None:
            _text(name, value)
    _number("seconds", fault.seconds, 0, MAX_DELAY)
    _number("interval", fault.interval, 0, MAX_DELAY)
    _integer("bytes_per_chunk", fault.bytes_per_chunk, 1, None)
    if fault.after_bytes is not None:
        _integer("after_bytes", fault.after_bytes, 0, None)
    if fault.content_type is not None:
        _header_value("content_type", fault.content_type)
    if not isinstance(fault.headers, dict):
        raise FaultError(f"fault parameter headers must be an object of header names to strings, not {fault.headers!r}")
    for name, value in fault.headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            raise FaultError(f"fault header name {name!r} is not a valid HTTP header name")
        if name.lower() in FRAMING_HEADERS:
            raise FaultError(f"fault header {name!r} cannot be set: the mock frames every answer itself")
        _header_value(f"headers[{name!r}]", value)
    if fault.body is not None and not isinstance(fault.body, bytes | str):
        try:
            strict_json.check(fault.body, what="The fault's body")
            json.dumps(fault.body, allow_nan=False)
        except (ApiError, TypeError, ValueError, RecursionError) as exc:
            raise FaultError(f"fault parameter body must be bytes, a string or a JSON value: {exc}") from exc
    elif isinstance(fault.body, str):
        _text("body", fault.body, limit=None)


def _integer(name: str, value: Any, low: int, high: int | None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultError(f"fault parameter {name} must be an integer, not {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"{low}..{high}" if high is not None else f"at least {low}"
        raise FaultError(f"fault parameter {name}={value} is out of range ({bound})")


def _number(name: str, value: Any, low: float, high: float) -> None:
    """A finite int or float in ``low..high`` (``bool`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultError(f"fault parameter {name} must be a number, not {value!r}")
    if not math.isfinite(value) or not low <= value <= high:
        raise FaultError(f"fault parameter {name}={value} is out of range ({low:g}..{high:g})")


def _text(name: str, value: Any, limit: int | None = MAX_TEXT) -> None:
    if not isinstance(value, str):
        raise FaultError(f"fault parameter {name} must be a string, not {value!r}")
    if limit is not None and len(value) > limit:
        raise FaultError(f"fault parameter {name} is longer than {limit} characters")
    if strict_json.has_surrogate(value):
        raise FaultError(f"fault parameter {name} holds a lone surrogate, which is not valid Unicode")


def _header_value(name: str, value: Any) -> None:
    _text(name, value)
    if not _HEADER_VALUE.fullmatch(value):
        raise FaultError(
            f"fault parameter {name}={value!r} cannot be sent as a header value "
            "(control characters such as CR or LF, leading or trailing spaces, or characters beyond latin-1)"
        )


_INTS = {"status", "retry_after_ms", "bytes_per_chunk", "after_bytes"}
_FLOATS = {"seconds", "interval"}
_BOOLS = {"x_should_retry", "abort"}


def _convert(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if name in _INTS:
            return int(value)
        if name in _FLOATS:
            return float(value)
        if name == "retry_after":
            return int(value) if value.isdigit() else value
    except ValueError as exc:
        raise FaultError(f"fault parameter {name}={value!r} is not a number") from exc
    if name in _BOOLS:
        if value.lower() not in ("true", "false", "1", "0"):
            raise FaultError(f"fault parameter {name}={value!r} is not true/false")
        return value.lower() in ("true", "1")
    if name in ("headers", "body") and value[:1] in "{[":
        try:
            return strict_json.loads(value, what=f"The fault parameter {name}")
        except ApiError as exc:
            if name == "headers":
                raise FaultError(exc.message) from exc
            return value
    return value


@dataclass
class _Slot:
    fault: Fault
    remaining: int


class FaultQueue:
    """Faults armed for the next N matching requests (thread-safe)."""

    def __init__(self) -> None:
        self._pending: list[_Slot] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault, count: int = 1) -> None:
        """Arm ``fault`` for the next ``count`` requests it applies to."""
        if count < 1:
            raise FaultError("count must be at least 1")
        with self._lock:
            self._pending.append(_Slot(fault, count))

    def take(self, operation_id: str | None) -> Fault | None:
        """Consume one use of the oldest fault that applies to ``operation_id``."""
        with self._lock:
            for slot in self._pending:
                if slot.fault.applies_to(operation_id):
                    slot.remaining -= 1
                    if slot.remaining == 0:
                        self._pending.remove(slot)
                    return slot.fault
        return None

    def pending(self) -> list[tuple[Fault, int]]:
        """The armed faults and their remaining counts."""
        with self._lock:
            return [(slot.fault, slot.remaining) for slot in self._pending]

    def clear(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._pending.clear()
