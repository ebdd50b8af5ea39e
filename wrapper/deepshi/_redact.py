"""Masking the API key in every text the facade shows: messages, error bodies, stream events.

Servers quote the key they rejected, and not always as is: a JSON body may carry it
``\\u``-escaped (``\\u0073k-bf-...``, decoded back to the plain key by ``json.loads``), a proxy's
page URL-encoded (``sk%2Dbf...``) or inside a base64 ``Basic`` credential. :class:`Redactor`
finds the client's own key in all of those forms, in any mixture of escaped and plain
characters, and :func:`redact_json` applies it to every string of a decoded JSON document (object
keys included), so masking happens after decoding, never before.

Hand-written: the key is one known string, so a pattern built from it beats a generic secret
scanner; ``deepshi.mock.redact`` does the same for the mock's journal and cassettes.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Redactor", "redact_json"]

_MIN_BASE64 = 12
"""Keys shorter than this are not looked for in base64 (too few characters of theirs alone to be sure)."""


def _hex_any_case(value: int, width: int) -> str:
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{value:0{width}x}")


def _escaped_pattern(secret: str) -> re.Pattern[str]:
    """``secret`` with each character as is, ``\\uXXXX``-escaped or percent-encoded, in any mixture."""
    parts = []
    for char in secret:
        percent = "".join(f"%{_hex_any_case(byte, 2)}" for byte in char.encode("utf-8", "surrogatepass"))
        parts.append(f"(?:{re.escape(char)}|\\\\u{_hex_any_case(ord(char), 4)}|{percent})")
    return re.compile("".join(parts))


def _base64_cores(secret: str) -> tuple[str, ...]:
    """The base64 characters that depend on ``secret`` alone, at each alignment, in both alphabets."""
    raw = secret.encode("utf-8", "surrogatepass")
    if len(raw) < _MIN_BASE64:
        return ()
    cores: list[str] = []
    for offset in range(3):
        core = base64.b64encode(b"\0" * offset + raw).decode("ascii")[4:-4]
        cores += [core, core.replace("+", "-").replace("/", "_")]
    return tuple(dict.fromkeys(cores))


_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_\-]+=*")


class Redactor:
    """``redactor(text)``: ``text`` with ``secret`` replaced by ``mask``, plain or in any encoding above."""

    def __init__(self, secret: str, mask: str) -> None:
        self.secret = secret
        self.mask = mask
        self._escaped = _escaped_pattern(secret)
        self._cores = _base64_cores(secret)

    def __call__(self, text: str) -> str:
        # Substring checks first: almost every text holds no form of the key, and then no regex runs.
        if "\\u" in text or "%" in text:
            text = self._escaped.sub(self.mask, text)
        elif self.secret in text:
            text = text.replace(self.secret, self.mask)
        if any(core in text for core in self._cores):
            text = _BASE64_RUN.sub(self._base64_run, text)
        return text

    def _base64_run(self, match: re.Match[str]) -> str:
        run = match.group()
        return self.mask if any(core in run for core in self._cores) else run


def redact_json(node: Any, redact: Callable[[str], str]) -> Any:
    """A copy of a decoded JSON value with ``redact`` applied to every string in it, object keys included.

    Walks with an explicit stack, so no nesting depth can exhaust the interpreter's recursion limit.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(node, root, 0)]
    while stack:
        item, parent, slot = stack.pop()
        copy: Any
        if isinstance(item, str):
            copy = redact(item)
        elif isinstance(item, Mapping):
            pairs = [(redact(key) if isinstance(key, str) else key, value) for key, value in item.items()]
            copy = dict.fromkeys(key for key, _ in pairs)  # the keys in their order, values filled below
            stack.extend((value, copy, key) for key, value in pairs)
        elif isinstance(item, list):
            copy = [None] * len(item)
            stack.extend((value, copy, index) for index, value in enumerate(item))
        else:
            copy = item
        parent[slot] = copy
    return root[0]
