"""Strict JSON for what clients send the mock: RFC 8259 JSON only, in valid Unicode, nested within a bound.

Python's ``json.loads`` accepts more than JSON: ``NaN``, ``Infinity`` and ``-Infinity``; numbers such
as ``1e400`` that overflow to ``inf``; ``\\ud800`` escapes that decode to lone surrogates (not
Unicode: they cannot be encoded as UTF-8, so every answer, log line or journal read that carries one
fails); and it recurses once per level of nesting, so a body nested 100,000 deep raises
``RecursionError``. Each of those is refused here as the API's 400, naming the field where one is
known. The nesting check is a walk of the parsed value with an explicit stack (no recursion).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import ApiError, bad_request

DEFAULT_MAX_DEPTH = 64
"""How deeply arrays and objects may nest (a request body of the API nests two or three levels)."""

MAX_DEPTH_SETTING = 512
"""The largest ``max_json_depth`` accepted: Python's parser recurses once per level, up to its recursion limit."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(raw: bytes | str, *, max_depth: int = DEFAULT_MAX_DEPTH, what: str = "The request body") -> Any:
    """Parse ``raw`` as strict JSON; raises :class:`~deepshi.mock.errors.ApiError` (400) otherwise."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise bad_request(f"{what} is not valid UTF-8.", param=None, code="invalid_encoding") from exc
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except RecursionError as exc:
        # The C scanner checks the recursion limit at each level and unwinds cleanly.
        raise too_deep(what, max_depth) from exc
    except _NotJson as exc:
        raise bad_request(f"{what} is not valid JSON: {exc}.", param=None, code="invalid_json") from exc
    except ValueError as exc:
        raise bad_request(f"{what} is not valid JSON: {exc}.", param=None, code="invalid_json") from exc
    check(value, max_depth=max_depth, what=what)
    return value


def check(value: Any, *, max_depth: int = DEFAULT_MAX_DEPTH, what: str = "The request body") -> None:
    """Refuse (400) nesting deeper than ``max_depth`` and lone surrogates in any string or key."""
    stack: list[tuple[Any, int, str | None]] = [(value, 0, None)]
    while stack:
        node, depth, field = stack.pop()
        if isinstance(node, str):
            _unicode(node, field, what)
        elif isinstance(node, dict | list):
            if depth >= max_depth:
                raise too_deep(what, max_depth, field)
            if isinstance(node, dict):
                for key, item in node.items():
                    if _SURROGATE.search(key):
                        raise bad_request(
                            f"{what} has a field name holding a lone surrogate, which is not valid Unicode.",
                            param=field,
                            code="invalid_encoding",
                        )
                    stack.append((item, depth + 1, key if depth == 0 else field))
            else:
                stack.extend((item, depth + 1, field) for item in node)
        elif isinstance(node, float) and not math.isfinite(node):
            raise bad_request(f"{what} holds a number JSON cannot carry ({node!r}).", param=field, code="invalid_json")


def too_deep(what: str, max_depth: int, field: str | None = None) -> ApiError:
    """The 400 for a value nested deeper than ``max_depth``."""
    where = f" (in '{field}')" if field else ""
    return bad_request(
        f"{what} nests arrays and objects more than {max_depth} levels deep{where}.",
        param=field,
        code="nested_too_deeply",
    )


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (so it cannot be encoded as UTF-8)."""
    return _SURROGATE.search(text) is not None


def _unicode(text: str, field: str | None, what: str) -> None:
    found = _SURROGATE.search(text)
    if found is not None:
        where = f"'{field}'" if field else what.lower().removeprefix("the ")
        raise bad_request(
            f"Invalid value for {where}: it holds a lone surrogate (\\u{ord(found.group()):04x}), which is not "
            "valid Unicode.",
            param=field,
            code="invalid_encoding",
        )


class _NotJson(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _NotJson(f"the number {literal[:40]} is out of the range of a double")
    return number
