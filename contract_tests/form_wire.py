"""What a server can read from a multipart body: the JSON instance the request schema judges.

A multipart form carries only text parts and file parts (RFC 7578). Schemathesis generates the
body as Python values and writes each one as text (JSON spelling for booleans, numbers, ``null``
and containers; one part per list item; an empty list writes no part at all). Several different
values therefore look the same on the wire: ``True`` and ``"true"``, ``["x"]`` and ``"x"``, ``[]``
and an absent field. This module reads a generated body back the way the spec's types say a
server must: each text part is parsed as JSON when its property is declared ``integer``,
``number`` or ``boolean``, file parts stand for files. Validating *that* instance tells whether
the request on the wire is valid, which is what the server is judged on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from schemathesis.transport.serialization import Binary

from .spec import resolve

FILE = "<file>"
"""Stands for one file part (the schema's ``format: binary`` items are strings)."""
_PARSED_TYPES: dict[str, type | tuple[type, ...]] = {"integer": int, "number": (int, float), "boolean": bool}


def _is_file(value: Any) -> bool:
    return isinstance(value, Binary | bytes)


def _as_text(value: Any) -> str:
    """The text schemathesis writes for a non-file value (scalars and containers in JSON spelling)."""
    if isinstance(value, Binary):
        value = value.data
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value)


def _declared_types(schema: Mapping[str, Any]) -> list[str]:
    declared = schema.get("type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def _typed(text: str, schema: Mapping[str, Any]) -> Any:
    """A text part read by its property's declared type (kept as text when it does not parse)."""
    for kind in _declared_types(schema):
        expected = _PARSED_TYPES.get(kind)
        if expected is None:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if isinstance(value, expected) and (kind == "boolean" or not isinstance(value, bool)):
            return value
    return text


def _is_file_field(schema: Mapping[str, Any]) -> bool:
    items = resolve(schema.get("items", {})) if schema.get("type") == "array" else schema
    return bool(items.get("format") == "binary" or items.get("contentMediaType") == "application/octet-stream")


def wire_instance(body: Mapping[str, Any], properties: Mapping[str, Any]) -> dict[str, Any]:
    """The instance a server reads from ``body`` sent as multipart (see the module docstring)."""
    instance: dict[str, Any] = {}
    for name, value in body.items():
        schema = resolve(properties.get(name, {}))
        parts = value if isinstance(value, list) else [value]
        if not parts:
            continue  # an empty list writes no part: the field is absent on the wire
        if _is_file_field(schema):
            # A part without a filename is text, not a file: it cannot satisfy a binary field.
            read = [FILE if _is_file(part) else None for part in parts]
            instance[name] = read if schema.get("type") == "array" else read[0]
            continue
        typed = [_typed(_as_text(part), schema) for part in parts]
        instance[name] = typed[0] if len(typed) == 1 else typed
    return instance
