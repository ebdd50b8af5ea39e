"""Secret redaction shared by the journal and record mode (nothing secret reaches disk or logs).

A key is found in the encodings a client, a proxy or an upstream would put it in: as is, JSON
``\\u``-escaped (any character, either case of hex), URL-encoded (``%73k-bf...``, mixed with plain
characters) and, for the request's own key, base64 (standard or URL-safe, at any alignment inside a
longer base64 run, as in ``Basic <base64(user:key)>``).
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

REDACTED = "[REDACTED]"
_SECRET_NAME = re.compile(r"(authorization|cookie|api[-_]?key|apikey|token|secret|password|session|signature)", re.I)
_KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9]{2}-[A-Za-z0-9_\-]+")
_ESCAPE = r"\\u[0-9a-fA-F]{4}|%[0-9a-fA-F]{2}"
_ENCODED_RUN = re.compile(rf"(?:[A-Za-z0-9_\-]|{_ESCAPE})+")
"""A run of key characters, each possibly escaped: decoded, it may hold a key-shaped string."""
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_\-]+=*")
MIN_SECRET = 8
"""Shorter "secrets" (a bearer token of a few characters) are not scrubbed: that would blank out text."""
_MIN_BASE64_SECRET = 12
"""Shorter secrets are not looked for in base64 (too few characters of theirs alone to be sure)."""


def is_secret_name(name: str) -> bool:
    """Whether a header or query parameter name looks like it carries a credential."""
    return bool(_SECRET_NAME.search(name))


def headers(items: Iterable[tuple[str, str]], extra: Iterable[str] = ()) -> dict[str, str]:
    """Lower-cased headers with every credential-like value replaced by ``[REDACTED]``."""
    secrets = list(extra)
    result: dict[str, str] = {}
    for name, value in items:
        key = name.lower()
        clean = REDACTED if is_secret_name(key) else scrub(value, secrets)
        result[key] = f"{result[key]}, {clean}" if key in result else clean
    return result


def query(raw: str, extra: Iterable[str] = ()) -> str:
    """A query string with credential-like parameters' values replaced."""
    secrets = list(extra)
    pairs = parse_qsl(raw, keep_blank_values=True)
    return urlencode([(scrub(k, secrets), REDACTED if is_secret_name(k) else scrub(v, secrets)) for k, v in pairs])


def scrub(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with API-key-shaped substrings (``sk-bf-...``) and the given secrets removed, in any encoding."""
    # Substring checks first: most texts hold no key in any form, and then no regex runs at all.
    escaped = "\\u" in text or "%" in text
    for secret in extra:
        if len(secret) < MIN_SECRET:
            continue
        if escaped:
            text = _secret_pattern(secret).sub(REDACTED, text)
        elif secret in text:
            text = text.replace(secret, REDACTED)
        cores = [core for core in _base64_cores(secret) if core in text]
        if cores:
            text = _BASE64_RUN.sub(functools.partial(_redact_base64_run, cores), text)
    if "sk-" in text:
        text = _KEY_PATTERN.sub(REDACTED, text)
    if escaped:
        text = _ENCODED_RUN.sub(_redact_encoded_run, text)
    return text


def scrub_bytes(data: bytes, extra: Iterable[str] = ()) -> bytes:
    """:func:`scrub` for raw bytes (decoded as latin-1, so any byte survives unchanged)."""
    return scrub(data.decode("latin-1"), extra).encode("latin-1")


def scrub_fields(fields: Mapping[str, Any], extra: Iterable[str] = ()) -> dict[str, Any]:
    """A copy of request fields with :func:`scrub` applied to every string inside, keys included."""
    cleaned = scrub_json(dict(fields), extra)
    assert isinstance(cleaned, dict)
    return cleaned


def scrub_json(node: Any, extra: Iterable[str] = ()) -> Any:
    """:func:`scrub` applied to every string of a JSON value, object keys included.

    Walks with an explicit stack, so no nesting depth can exhaust the interpreter's recursion limit.
    """
    secrets = list(extra)
    root: list[Any] = [None]
    stack: list[tuple[Any, list[Any] | dict[str, Any], int | str]] = [(node, root, 0)]
    while stack:
        item, parent, slot = stack.pop()
        if isinstance(item, str):
            copy: Any = scrub(item, secrets)
        elif isinstance(item, Mapping):
            copy = {}
            for key, value in item.items():
                stack.append((value, copy, scrub(key, secrets) if isinstance(key, str) else key))
        elif isinstance(item, list):
            copy = [None] * len(item)
            stack.extend((value, copy, index) for index, value in enumerate(item))
        else:
            copy = item
        parent[slot] = copy  # type: ignore[index]  # a list slot is an int, a dict slot a key
    return root[0]


@functools.lru_cache(maxsize=64)
def _secret_pattern(secret: str) -> re.Pattern[str]:
    """``secret`` with each character as is, ``\\uXXXX``-escaped or percent-encoded (hex in either case)."""
    parts = []
    for char in secret:
        code = ord(char)
        json_escape = (
            _u_escape(code)
            if code <= 0xFFFF
            else _u_escape(0xD800 + ((code - 0x10000) >> 10)) + _u_escape(0xDC00 + ((code - 0x10000) & 0x3FF))
        )
        percent = "".join(f"%{_hex_any_case(byte, 2)}" for byte in char.encode("utf-8", "surrogatepass"))
        parts.append(f"(?:{re.escape(char)}|{json_escape}|{percent})")
    return re.compile("".join(parts))


def _u_escape(code: int) -> str:
    return r"\\u" + _hex_any_case(code, 4)


def _hex_any_case(value: int, width: int) -> str:
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{value:0{width}x}")


@functools.lru_cache(maxsize=64)
def _base64_cores(secret: str) -> tuple[str, ...]:
    """The base64 characters that depend on ``secret`` alone, at each of the three alignments, in both alphabets."""
    raw = secret.encode("utf-8", "surrogatepass")
    if len(raw) < _MIN_BASE64_SECRET:
        return ()
    cores = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode("ascii")
        # Drop the characters shared with a prefix (the first 4) and with a suffix or padding (the last 4).
        core = encoded[4:-4]
        cores += [core, core.replace("+", "-").replace("/", "_")]
    return tuple(dict.fromkeys(cores))


def _redact_base64_run(cores: list[str], match: re.Match[str]) -> str:
    run = match.group()
    return REDACTED if any(core in run for core in cores) else run


def _redact_encoded_run(match: re.Match[str]) -> str:
    run = match.group()
    if "\\" not in run and "%" not in run:
        return run
    decoded = unquote(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), run), errors="replace")
    return REDACTED if _KEY_PATTERN.search(decoded) else run
