"""Answers derived from the spec alone, for an operation no cassette answers.

The documented success answer of the operation (its lowest declared ``2xx``) is sent with, in
this order, the first of these that validates against its response schema: the media type's
``example``, its ``examples``, the schema's ``example`` / ``examples``, and else a minimal
instance built from the schema (:func:`minimal`). Declared required response headers get their
example (or a minimal value). So an operation added to the spec is served, validly, before anyone
writes a cassette for it.

:func:`minimal` is hand-written because no maintained library builds one deterministic small
instance of a schema: hypothesis-jsonschema draws random ones (and is no runtime dependency of
the mock). At each node it takes the node's own ``const``, ``example``, ``default`` or first
``enum`` value, else the first branch of a ``oneOf``/``anyOf``, the merge of an ``allOf``, the
object of its required properties, an array of ``minItems`` items, the smallest string and number
the bounds allow. A schema it cannot satisfy (a ``pattern`` with no example, say) is reported as
:class:`NoAnswer`, naming the operation: the mock answers a 500 saying so instead of an answer
that breaks the spec.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .spec import Operation, Spec

MAX_DEPTH = 32


class NoAnswer(Exception):
    """The spec gives no valid example for an answer, and :func:`minimal` cannot build one."""


@dataclass(frozen=True)
class SchemaAnswer:
    """A documented success answer: status, media type (None for no body), body and headers."""

    status: int
    media_type: str | None
    body: Any
    headers: tuple[tuple[str, str], ...] = ()


def success_status(operation: Operation) -> int | None:
    """The lowest ``2xx`` status ``operation`` documents (``2XX`` counts as 200)."""
    codes = sorted(
        int(code.replace("XX", "00")) for code in map(str, operation.responses) if code[:1] == "2" and len(code) == 3
    )
    return codes[0] if codes else None


def documented_answer(spec: Spec, operation: Operation) -> SchemaAnswer:
    """The answer described by the module docstring; raises :class:`NoAnswer`."""
    status = success_status(operation)
    if status is None:
        raise NoAnswer(f"{operation.operation_id} documents no 2xx answer")
    response = spec.response(operation, status)
    headers = tuple(_headers(spec, response))
    content: Mapping[str, Any] = response.get("content") or {}
    if not content:
        return SchemaAnswer(status, None, None, headers)
    media_type = next((m for m in content if _is_json(m)), None)
    if media_type is None:
        raise NoAnswer(f"{operation.operation_id}'s {status} answer has no JSON media type ({', '.join(content)})")
    media: Mapping[str, Any] = content[media_type]
    schema: Mapping[str, Any] = media.get("schema") or {}
    validator = spec.schema_validator(schema)
    for candidate in _examples(spec, media, schema):
        if validator.is_valid(candidate):
            return SchemaAnswer(status, media_type, candidate, headers)
    built = minimal(spec, schema)
    errors = list(validator.iter_errors(built))
    if errors:
        raise NoAnswer(
            f"{operation.operation_id}'s {status} answer has no valid example, and the smallest instance of its "
            f"schema the mock can build does not validate: {errors[0].message[:200]}"
        )
    return SchemaAnswer(status, media_type, built, headers)


def _is_json(media_type: str) -> bool:
    media = media_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _examples(spec: Spec, media: Mapping[str, Any], schema: Mapping[str, Any]) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        resolved = spec.resolve(example)
        if isinstance(resolved, Mapping) and "value" in resolved:
            yield resolved["value"]
    target = spec.resolve(schema)
    if isinstance(target, Mapping):
        if "example" in target:
            yield target["example"]
        yield from target.get("examples") or []


def _headers(spec: Spec, response: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for name, raw in (response.get("headers") or {}).items():
        header = spec.resolve(raw)
        if not isinstance(header, Mapping) or not header.get("required"):
            continue
        schema = header.get("schema") or {}
        value = header.get("example", minimal(spec, schema))
        if isinstance(value, Mapping | list):
            value = json.dumps(value)
        yield name.lower(), str(value)


def minimal(spec: Spec, node: Any, depth: int = 0) -> Any:
    """A small instance of the schema ``node`` (see the module docstring)."""
    if depth > MAX_DEPTH:
        raise NoAnswer(f"schemas nest deeper than {MAX_DEPTH} levels")
    node = spec.resolve(node)
    if not isinstance(node, Mapping):
        return None  # the schema `true` (or `false`, which no instance satisfies)
    for keyword in ("const", "example", "default"):
        if keyword in node:
            return node[keyword]
    for keyword in ("examples", "enum"):
        if node.get(keyword):
            return node[keyword][0]
    if node.get("allOf"):
        parts = [minimal(spec, part, depth + 1) for part in node["allOf"]]
        if all(isinstance(part, dict) for part in parts):
            return {key: value for part in parts for key, value in part.items()}
        return parts[0]
    for keyword in ("oneOf", "anyOf"):
        if node.get(keyword):
            return minimal(spec, node[keyword][0], depth + 1)
    return _by_type(spec, node, _type(node), depth)


def _type(node: Mapping[str, Any]) -> str | None:
    declared = node.get("type")
    if isinstance(declared, list):
        return next((kind for kind in declared if kind != "null"), "null")
    if isinstance(declared, str):
        return declared
    if "properties" in node or "required" in node:
        return "object"
    return "array" if "items" in node else None


def _by_type(spec: Spec, node: Mapping[str, Any], kind: str | None, depth: int) -> Any:
    if kind == "object":
        properties: Mapping[str, Any] = node.get("properties") or {}
        return {name: minimal(spec, properties.get(name, {}), depth + 1) for name in node.get("required", [])}
    if kind == "array":
        return [minimal(spec, node.get("items", {}), depth + 1) for _ in range(int(node.get("minItems", 0)))]
    if kind == "string":
        return "x" * int(node.get("minLength", 0))
    if kind in ("integer", "number"):
        return _number(node, integer=kind == "integer")
    if kind == "boolean":
        return False
    return None


def _number(node: Mapping[str, Any], *, integer: bool) -> int | float:
    low = node.get("minimum")
    exclusive = node.get("exclusiveMinimum")
    if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
        low = exclusive + 1 if integer else exclusive + 0.5
    value: int | float = low if isinstance(low, int | float) and not isinstance(low, bool) else 0
    high = node.get("maximum")
    if isinstance(high, int | float) and not isinstance(high, bool) and value > high:
        value = high
    return int(value) if integer and float(value).is_integer() else value
