"""Secret redaction shared by the journal and record mode (nothing secret reaches disk or logs)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

REDACTED = "[REDACTED]"
_SECRET_NAME = re.compile(r"(authorization|cookie|api[-_]?key|apikey|token|secret|password|session|signature)", re.I)
_KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9]{2}-[A-Za-z0-9_\-]+")


def is_secret_name(name: str) -> bool:
    """Whether a header or query parameter name looks like it carries a credential."""
    return bool(_SECRET_NAME.search(name))


def headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-cased headers with every credential-like value replaced by ``[REDACTED]``."""
    result: dict[str, str] = {}
    for name, value in items:
        key = name.lower()
        clean = REDACTED if is_secret_name(key) else scrub(value)
        result[key] = f"{result[key]}, {clean}" if key in result else clean
    return result


def query(raw: str) -> str:
    """A query string with credential-like parameters' values replaced."""
    pairs = parse_qsl(raw, keep_blank_values=True)
    return urlencode([(k, REDACTED if is_secret_name(k) else scrub(v)) for k, v in pairs])


def scrub(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with API-key-shaped substrings (``sk-bf-...``) and the given secrets removed."""
    for secret in extra:
        if secret:
            text = text.replace(secret, REDACTED)
    return _KEY_PATTERN.sub(REDACTED, text)


def scrub_bytes(data: bytes, extra: Iterable[str] = ()) -> bytes:
    """:func:`scrub` for raw bytes (decoded as latin-1, so any byte survives unchanged)."""
    return scrub(data.decode("latin-1"), extra).encode("latin-1")


def scrub_fields(fields: Mapping[str, Any], extra: Iterable[str] = ()) -> dict[str, Any]:
    """A copy of request fields with :func:`scrub` applied to every string inside."""
    secrets = list(extra)
    return {name: scrub_json(value, secrets) for name, value in fields.items()}


def scrub_json(node: Any, extra: Iterable[str] = ()) -> Any:
    """:func:`scrub` applied to every string of a JSON value."""
    secrets = list(extra)
    if isinstance(node, str):
        return scrub(node, secrets)
    if isinstance(node, Mapping):
        return {k: scrub_json(v, secrets) for k, v in node.items()}
    if isinstance(node, list):
        return [scrub_json(v, secrets) for v in node]
    return node
