"""An OpenAPI document with its local ``$ref`` s followed, remembering where each keyword is written.

OpenAPI 3.1 lets a ``$ref`` carry sibling keywords. For a schema they apply *together* with the
target (JSON Schema 2020-12), so :meth:`Document.schema` conjoins them: bounds keep the stricter
value, ``required`` is the union, ``enum`` and ``type`` the intersection, and annotations
(``description``, ``example``, ...) are the sibling's. For the other objects a Reference Object's
siblings (``summary``, ``description``) override the target's, which :meth:`Document.object` does.

Every resolved object records, per keyword, the JSON pointer of the object that holds it, so a
change is reported where it is written (``#/components/schemas/Quality/enum``) however many
operations reach it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Keywords whose sibling of a `$ref` conjoins with the target's as the tighter of the two.
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"})
_LOWER = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"})


class SpecError(Exception):
    """The document cannot be compared: unreadable, not OpenAPI, or a ``$ref`` that does not resolve."""


def canonical(value: Any) -> str:
    """A comparable, readable rendering of a JSON value."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def escape(token: str) -> str:
    """One JSON-pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: object) -> str:
    """``pointer`` extended by ``tokens`` (each escaped)."""
    return pointer + "".join("/" + escape(str(token)) for token in tokens)


@dataclass(frozen=True)
class Node:
    """An object with its ``$ref`` s followed.

    ``value`` holds the merged keywords, ``where`` the pointer of the object each keyword came
    from, ``pointer`` the object itself (the innermost ``$ref`` target, or where it is inline) and
    ``refs`` the targets followed, outermost first.
    """

    value: Mapping[str, Any]
    where: Mapping[str, str]
    pointer: str
    refs: tuple[str, ...]

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.value

    def at(self, key: str, *more: object) -> str:
        """The pointer of keyword ``key`` (and deeper tokens) as written in the document."""
        return join(self.where.get(key, self.pointer), key, *more)

    @property
    def name(self) -> str | None:
        """The component name of the innermost ``$ref`` target (``Quality``), if any."""
        return self.refs[-1].rsplit("/", 1)[-1] if self.refs else None


class Document:
    """A parsed OpenAPI document, resolving ``$ref`` s against itself."""

    def __init__(self, data: Any, label: str) -> None:
        if not isinstance(data, Mapping) or not str(data.get("openapi", "")).startswith("3."):
            raise SpecError(f"{label}: not an OpenAPI 3.x document")
        self.data: Mapping[str, Any] = data
        self.label = label
        self.compared: set[str] = set()  # pointers of every object resolved for a comparison
        self._flats: dict[int, tuple[Any, Any]] = {}
        self._strict: dict[int, tuple[Any, Any]] = {}

    def lookup(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise SpecError(f"{self.label}: only local $refs are supported, got {ref!r}")
        node: Any = self.data
        for token in filter(None, ref[1:].split("/")):
            key = unescape(token)
            if isinstance(node, Mapping) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                raise SpecError(f"{self.label}: $ref {ref!r} does not resolve")
        return node

    def schema(self, raw: Any, pointer: str) -> Node:
        """A schema with its ``$ref`` chain followed and sibling keywords conjoined."""
        return self._resolve(raw, pointer, conjoin=True)

    def object(self, raw: Any, pointer: str) -> Node:
        """A non-schema object (response, parameter, header, request body) with its ``$ref`` followed."""
        return self._resolve(raw, pointer, conjoin=False)

    def flatten(self, value: Any) -> Any:
        """``value`` with every ``$ref`` inlined (siblings conjoined), to compare two values whole.

        A reference back into a schema being inlined (a recursive schema) is left as it is.
        """
        return self._flat(value, (), strict=False)[0]

    def fingerprint(self, value: Any) -> Any:
        """``value`` flattened, for ``==``: equal fingerprints in two documents, equal meaning.

        Booleans are tagged (in Python ``True == 1``, in JSON they differ). Memoized per object
        (nothing changes a document while it is compared), so unchanged parts of two documents
        are recognised at the cost of one ``==`` instead of being walked.
        """
        return self._flat(value, (), strict=True)[0]

    def _flat(self, value: Any, active: tuple[str, ...], *, strict: bool) -> tuple[Any, bool]:
        """(``value`` flattened, whether a recursive reference was left in it)."""
        if not isinstance(value, Mapping | list):
            return (("bool", value) if strict and isinstance(value, bool) else value), False
        cache = self._strict if strict else self._flats
        hit = cache.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1], False
        cut = False
        result: Any
        ref = value.get("$ref") if isinstance(value, Mapping) else None
        if isinstance(ref, str):
            if ref in active:
                return dict(value), True
            if len(value) == 1:
                result, cut = self._flat(self.lookup(ref), (*active, ref), strict=strict)
            else:
                node = self._resolve(value, "#", conjoin=True, record=False)
                result, cut = self._flat(dict(node.value), (*active, *node.refs), strict=strict)
        elif isinstance(value, Mapping):
            result = {}
            for key, item in value.items():
                result[key], inner = self._flat(item, active, strict=strict)
                cut = cut or inner
        else:
            result = []
            for item in value:
                flat, inner = self._flat(item, active, strict=strict)
                result.append(flat)
                cut = cut or inner
        if not cut:  # a result with a recursive reference left in depends on where it was entered
            cache[id(value)] = (value, result)
        return result, cut

    def _resolve(self, raw: Any, pointer: str, *, conjoin: bool, record: bool = True) -> Node:
        if isinstance(raw, bool):  # a boolean schema: `true` allows anything, `false` nothing
            raw = {} if raw else {"not": {}}
        if not isinstance(raw, Mapping):
            raise SpecError(f"{self.label}: {pointer} is not an object")
        layers: list[tuple[Mapping[str, Any], str]] = []
        refs: list[str] = []
        while "$ref" in raw:
            ref = raw["$ref"]
            if not isinstance(ref, str):
                raise SpecError(f"{self.label}: {pointer}: $ref must be a string")
            if ref in refs:
                raise SpecError(f"{self.label}: circular $ref {ref!r} at {pointer}")
            layers.append(({k: v for k, v in raw.items() if k != "$ref"}, pointer))
            refs.append(ref)
            pointer, raw = ref, self.lookup(ref)
            if not isinstance(raw, Mapping):
                raise SpecError(f"{self.label}: $ref {ref!r} is not an object")
        if record:
            self.compared.update([pointer, *(at for _, at in layers)])
        value: dict[str, Any] = dict(raw)
        where = dict.fromkeys(raw, pointer)
        for siblings, at in reversed(layers):  # innermost siblings first, outermost applied last
            for key, extra in siblings.items():
                value[key] = _conjoin(key, value[key], extra) if conjoin and key in value else extra
                where[key] = at
        return Node(value, where, pointer, tuple(refs))


def _conjoin(key: str, target: Any, sibling: Any) -> Any:
    """The keyword ``key`` when both a ``$ref`` target and its sibling set it (both apply)."""
    numbers = isinstance(target, int | float) and isinstance(sibling, int | float)
    if key in _UPPER and numbers:
        return min(target, sibling)
    if key in _LOWER and numbers:
        return max(target, sibling)
    if key == "required" and isinstance(target, list) and isinstance(sibling, list):
        return [*target, *(name for name in sibling if name not in target)]
    if key == "enum" and isinstance(target, list) and isinstance(sibling, list):
        return [value for value in target if value in sibling]
    if key == "type":
        left, right = _types(target), _types(sibling)
        return [name for name in left if name in right]
    if key == "properties" and isinstance(target, Mapping) and isinstance(sibling, Mapping):
        return {**target, **sibling}
    return sibling  # annotations and everything else: the sibling, written closer to the use, wins


def _types(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(name) for name in value or ()]
