"""Comparing two versions of one schema the way oasdiff's schema checks do.

A request schema is contravariant (accepting more is safe, accepting less breaks clients), a
response schema covariant (returning less is safe, returning more may break them). The walk
follows ``$ref`` s on both sides, and descends where oasdiff does (``properties``, ``items``,
``additionalProperties``, ``oneOf``/``anyOf``/``allOf`` members, ``if``/``then``/``else``,
``contentSchema``), naming each place with oasdiff's property path (``data/items/b64_json``,
``data/contentSchema/oneOf[ImageGenerationCompletedEvent]/type``). Every keyword is either
compared by a rule or reported as ``documentation-changed``, ``extension-changed`` or
``unclassified-change``, so a difference is never silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .findings import Findings
from .refs import Document, Node, canonical, join
from .rules import RULES

Direction = Literal["request", "response"]
UsageKind = Literal["body", "parameter", "header"]

ANNOTATIONS = frozenset({"description", "title", "summary", "example", "examples", "$comment", "externalDocs", "xml"})

# keyword -> oasdiff's name for it in rule ids (`request-property-max-length-decreased`).
BOUNDS = {
    "maximum": "max",
    "exclusiveMaximum": "exclusive-max",
    "maxLength": "max-length",
    "maxItems": "max-items",
    "minimum": "min",
    "exclusiveMinimum": "exclusive-min",
    "minLength": "min-length",
    "minItems": "min-items",
}
COMPOSITIONS = {"oneOf": "one-of", "anyOf": "any-of", "allOf": "all-of"}
CONDITIONALS = ("if", "then", "else")

# Every schema change the walk reports, as the suffix of its rule id (`request-property-<suffix>`).
CHANGES = frozenset(
    {
        *(f"type-{verdict}" for verdict in ("changed", "generalized", "specialized", "compatible")),
        "became-nullable",
        "became-not-nullable",
        "enum-value-added",
        "enum-value-removed",
        "became-enum",
        "enum-removed",
        *(f"{key}-{move}" for key in ("const", "default-value") for move in ("added", "removed", "changed")),
        *(f"{name}-{move}" for name in BOUNDS.values() for move in ("increased", "decreased", "set", "unset")),
        "pattern-added",
        "pattern-removed",
        "pattern-changed",
        *(f"{name}-{move}" for name in COMPOSITIONS.values() for move in ("added", "removed")),
        "discriminator-added",
        "discriminator-removed",
        "discriminator-property-name-changed",
        "discriminator-mapping-added",
        "discriminator-mapping-deleted",
        "discriminator-mapping-changed",
        *(f"{key}-{move}" for key in CONDITIONALS for move in ("added", "removed")),
        "if-changed",
        "content-schema-added",
        "content-schema-removed",
        "content-media-type-changed",
        "content-encoding-changed",
        "additional-properties-narrowed",
        "additional-properties-widened",
        "deprecated",
        "reactivated",
    }
)

_HANDLED = frozenset(
    {
        "type",
        "nullable",
        "format",
        "enum",
        "const",
        "default",
        "pattern",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "discriminator",
        "contentSchema",
        "contentMediaType",
        "contentEncoding",
        "deprecated",
        *BOUNDS,
        *COMPOSITIONS,
        *CONDITIONALS,
    }
)


@dataclass(frozen=True)
class Place:
    """Where the compared schema is used: which side of the wire, as what, in which operation."""

    direction: Direction
    usage: UsageKind
    op: str | None
    where: str
    noun: str  # the schema itself in messages: "request body", "query parameter `limit`", ...


def shown(value: Any) -> str:
    """A value as messages quote it: strings bare, everything else as JSON, long ones cut."""
    text = value if isinstance(value, str) else canonical(value)
    return text if len(text) <= 80 else text[:77] + "..."


def is_json(media_type: str | None) -> bool:
    """oasdiff's ``isStronglyTyped``: in JSON ``1`` and ``"1"`` differ; in a form or text they do not."""
    base = (media_type or "").split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class SchemaComparison:
    """Compares one pair of schemas used in one place, adding what changed to ``findings``."""

    def __init__(self, base: Document, new: Document, findings: Findings, place: Place, visited: set[str]) -> None:
        self.base, self.new, self.findings, self.place = base, new, findings, place
        self.visited = visited  # component pointers reached, so unused components can be compared apart

    def compare(
        self, base_raw: Any, base_pointer: str, new_raw: Any, new_pointer: str, *, strongly_typed: bool
    ) -> None:
        if self.base.fingerprint(base_raw) == self.new.fingerprint(new_raw):
            return  # unchanged, references included: nothing to find
        b, n = self.base.schema(base_raw, base_pointer), self.new.schema(new_raw, new_pointer)
        self._walk(b, n, (), strongly_typed, None, frozenset())

    # --- naming -------------------------------------------------------------------------------

    def rule(self, root: bool, suffix: str) -> str:
        """The rule id for a schema change ``suffix`` (``enum-value-removed``) at this place."""
        direction, usage = self.place.direction, self.place.usage
        if usage == "header":
            candidates = [f"response-header-{suffix}"] if root else []
            candidates.append("response-header-schema-changed")
        elif usage == "parameter":
            candidates = [f"request-parameter-{suffix}" if root else f"request-parameter-property-{suffix}"]
            candidates.append(f"request-property-{suffix}")
        else:
            if (direction, root, suffix) == ("response", True, "enum-value-removed"):
                return "response-mediatype-enum-value-removed"  # oasdiff's one irregular body-level id
            candidates = [f"{direction}-{'body' if root else 'property'}-{suffix}", f"{direction}-property-{suffix}"]
        for candidate in candidates:
            if candidate in RULES:
                return candidate
        raise KeyError(f"no rule for {suffix!r} in a {direction} {usage}")

    def _noun(self, path: tuple[str, ...]) -> str:
        if not path:
            return self.place.noun
        subject = "/".join(path)
        if self.place.usage == "body":
            return f"{self.place.direction} property `{subject}`"
        return f"property `{subject}` of the {self.place.noun}"

    def _add(self, rule: str, path: tuple[str, ...], text: str, origin: str) -> None:
        self.findings.add(rule, text, origin, subject=self._noun(path), op=self.place.op, where=self.place.where)

    def _emit(self, path: tuple[str, ...], suffix: str, text: str, origin: str) -> None:
        if suffix not in CHANGES:
            raise KeyError(f"undeclared schema change {suffix!r}")
        self._add(self.rule(not path, suffix), path, text, origin)

    # --- the walk -----------------------------------------------------------------------------

    def _walk(
        self,
        b: Node,
        n: Node,
        path: tuple[str, ...],
        strong: bool,
        scope: tuple[Mapping[str, Any], Mapping[str, Any]] | None,
        stack: frozenset[tuple[str, str]],
    ) -> None:
        pair = (b.pointer, n.pointer)
        if pair in stack:  # a recursive schema: this pair is already being compared further up
            return
        stack = stack | {pair}
        self.visited.update(b.refs + n.refs)
        self._types(b, n, path, strong)
        self._values(b, n, path)
        self._bounds(b, n, path)
        self._pattern(b, n, path)
        self._required(b, n, path, scope)
        self._properties(b, n, path, strong, stack)
        self._additional_properties(b, n, path, strong, stack)
        if "items" in b and "items" in n:
            self._child(b, n, ("items",), (*path, "items"), strong, None, stack)
        elif ("items" in b) != ("items" in n):
            self._unclassified(b, n, path, "items")
        self._compositions(b, n, path, strong, stack)
        self._discriminator(b, n, path)
        self._conditionals(b, n, path, strong, stack)
        self._content(b, n, path, strong, stack)
        self._deprecated(b, n, path)
        for key in sorted((b.value.keys() | n.value.keys()) - _HANDLED):
            if self.base.fingerprint(b.get(key)) != self.new.fingerprint(n.get(key)):
                if key in ANNOTATIONS:
                    self._add("documentation-changed", path, f"`{key}` changed", self._origin(b, n, key))
                elif key.startswith("x-"):
                    self._add("extension-changed", path, self._was_now(b, n, key), self._origin(b, n, key))
                else:
                    self._unclassified(b, n, path, key)

    def _child(
        self,
        b: Node,
        n: Node,
        tokens: tuple[str, ...],
        path: tuple[str, ...],
        strong: bool,
        scope: tuple[Mapping[str, Any], Mapping[str, Any]] | None,
        stack: frozenset[tuple[str, str]],
        new_tokens: tuple[str, ...] | None = None,
    ) -> None:
        base_raw, new_raw = _descend(b.value, tokens), _descend(n.value, new_tokens or tokens)
        if self.base.fingerprint(base_raw) == self.new.fingerprint(new_raw):
            return
        child_b = self.base.schema(base_raw, b.at(*tokens))
        child_n = self.new.schema(new_raw, n.at(*(new_tokens or tokens)))
        self._walk(child_b, child_n, path, strong, scope, stack)

    @staticmethod
    def _origin(b: Node, n: Node, key: str, *more: object) -> str:
        """Where a changed keyword is written: in the new document, or the base one if it is gone."""
        return n.at(key, *more) if key in n else b.at(key, *more)

    def _was_now(self, b: Node, n: Node, key: str) -> str:
        before = shown(b.get(key)) if key in b else "(absent)"
        after = shown(n.get(key)) if key in n else "(absent)"
        return f"`{key}` changed from {before} to {after}"

    def _unclassified(self, b: Node, n: Node, path: tuple[str, ...], key: str) -> None:
        self._add("unclassified-change", path, self._was_now(b, n, key), self._origin(b, n, key))

    # --- type, format, nullability (check_request_property_type_changed.go, check_types.go,
    #     check_request_property_became_not_nuallable.go, check_response_property_became_nuallable.go)

    def _types(self, b: Node, n: Node, path: tuple[str, ...], strong: bool) -> None:
        base_types, new_types = _type_set(b), _type_set(n)
        base_format, new_format = b.get("format"), n.get("format")
        origin = self._origin(b, n, "type") if "type" in b or "type" in n else self._origin(b, n, "format")
        if base_types is not None and new_types is not None and ("null" in base_types) != ("null" in new_types):
            suffix = "became-nullable" if "null" in new_types else "became-not-nullable"
            self._emit(path, suffix, suffix.replace("-", " "), origin)
        base_core = None if base_types is None else base_types - {"null"}
        new_core = None if new_types is None else new_types - {"null"}
        if base_core == new_core and base_format == new_format:
            return
        if self.place.direction == "request":
            verdict = _request_type_verdict(base_core, new_core, base_format, new_format, strong)
        else:
            verdict = _response_type_verdict(base_core, new_core, base_format, new_format, strong)
        before, after = _type_label(base_core, base_format), _type_label(new_core, new_format)
        self._emit(path, f"type-{verdict}", f"type changed from `{before}` to `{after}`", origin)

    # --- enum, const, default (check_request_property_enum_value_updated.go,
    #     check_response_property_enum_value_{added,removed}.go, check_request_property_became_enum.go,
    #     check_*_property_const_changed.go, check_*_property_default_value_changed.go,
    #     check_request_parameters_default_value_changed.go)

    def _values(self, b: Node, n: Node, path: tuple[str, ...]) -> None:
        base_enum, new_enum = b.get("enum"), n.get("enum")
        if isinstance(base_enum, list) and isinstance(new_enum, list):
            base_keys, new_keys = [canonical(v) for v in base_enum], [canonical(v) for v in new_enum]
            for value, key in zip(base_enum, base_keys, strict=True):
                if key not in new_keys:
                    self._emit(path, "enum-value-removed", f"enum value `{shown(value)}` removed", b.at("enum"))
            for value, key in zip(new_enum, new_keys, strict=True):
                if key not in base_keys:
                    self._emit(path, "enum-value-added", f"enum value `{shown(value)}` added", n.at("enum"))
        elif isinstance(new_enum, list) and base_enum is None:
            self._emit(path, "became-enum", f"restricted to the enum {shown(new_enum)}", n.at("enum"))
        elif isinstance(base_enum, list) and new_enum is None:
            self._emit(path, "enum-removed", f"no longer restricted to the enum {shown(base_enum)}", b.at("enum"))
        for key, suffix in (("const", "const"), ("default", "default-value")):
            if key in b and key in n:
                if canonical(b.get(key)) != canonical(n.get(key)):
                    text = f"{key} changed from `{shown(b.get(key))}` to `{shown(n.get(key))}`"
                    self._emit(path, f"{suffix}-changed", text, n.at(key))
            elif key in n:
                self._emit(path, f"{suffix}-added", f"{key} `{shown(n.get(key))}` added", n.at(key))
            elif key in b:
                self._emit(path, f"{suffix}-removed", f"{key} `{shown(b.get(key))}` removed", b.at(key))

    # --- bounds (check_request_property_{max,min,max_length,min_length,min_items}_*.go,
    #     check_response_property_{max,min,max_length,min_length,min_items}_*.go,
    #     check_request_parameters_*_{updated,set}.go; the rest in rules.DEEPSHI)

    def _bounds(self, b: Node, n: Node, path: tuple[str, ...]) -> None:
        for key, name in BOUNDS.items():
            before, after = b.get(key), n.get(key)
            if before == after or not all(v is None or _number(v) for v in (before, after)):
                if before != after:  # OpenAPI 3.0's boolean exclusiveMaximum: not a bound here
                    self._unclassified(b, n, path, key)
                continue
            if before is None:
                move, text = "set", f"{key} set to {after}"
            elif after is None:
                move, text = "unset", f"{key} {before} removed"
            else:
                move = "increased" if after > before else "decreased"
                text = f"{key} {move} from {before} to {after}"
            self._emit(path, f"{name}-{move}", text, self._origin(b, n, key))

    # --- pattern (check_request_property_pattern_added_or_changed.go, check_response_pattern_added_or_changed.go)

    def _pattern(self, b: Node, n: Node, path: tuple[str, ...]) -> None:
        before, after = b.get("pattern"), n.get("pattern")
        if before == after:
            return
        if before is None:
            self._emit(path, "pattern-added", f"pattern `{after}` added", n.at("pattern"))
        elif after is None:
            self._emit(path, "pattern-removed", f"pattern `{before}` removed", b.at("pattern"))
        else:
            self._emit(path, "pattern-changed", f"pattern changed from `{before}` to `{after}`", n.at("pattern"))

    # --- required and properties (check_request_property_required_updated.go,
    #     check_request_property_updated.go, check_response_property_became_{optional,required}.go,
    #     check_response_{required,optional}_property_updated.go)

    def _required(
        self,
        b: Node,
        n: Node,
        path: tuple[str, ...],
        scope: tuple[Mapping[str, Any], Mapping[str, Any]] | None,
    ) -> None:
        base_required, new_required = list(b.get("required") or ()), list(n.get("required") or ())
        if base_required == new_required:
            return
        base_props = {**(scope[0] if scope else {}), **(b.get("properties") or {})}
        new_props = {**(scope[1] if scope else {}), **(n.get("properties") or {})}
        request = self.place.direction == "request"
        for name in new_required:
            if name in base_required or (name in base_props) != (name in new_props):
                continue  # unchanged, or a property added or removed: reported as such
            if self.place.usage == "header":
                rule = "response-header-schema-changed"
            elif request:
                with_default = isinstance(new_props.get(name), Mapping) and "default" in self.new.flatten(
                    new_props[name]
                )
                rule = (
                    "request-property-became-required-with-default"
                    if with_default
                    else "request-property-became-required"
                )
            else:
                rule = "response-property-became-required"
            self._add(rule, (*path, name), "became required", n.at("required"))
        for name in base_required:
            if name in new_required or (name in base_props) != (name in new_props):
                continue
            if self.place.usage == "header":
                rule = "response-header-schema-changed"
            else:
                rule = "request-property-became-optional" if request else "response-property-became-optional"
            self._add(rule, (*path, name), "became optional", b.at("required"))

    def _properties(
        self, b: Node, n: Node, path: tuple[str, ...], strong: bool, stack: frozenset[tuple[str, str]]
    ) -> None:
        base_props: Mapping[str, Any] = b.get("properties") or {}
        new_props: Mapping[str, Any] = n.get("properties") or {}
        request, header = self.place.direction == "request", self.place.usage == "header"
        for name in base_props:
            if name in new_props:
                continue
            required = name in (b.get("required") or ())
            if header:
                rule = "response-header-schema-changed"
            elif request:
                rule = "request-property-removed"
            else:
                rule = "response-required-property-removed" if required else "response-optional-property-removed"
            self._add(
                rule,
                (*path, name),
                f"{'required' if required else 'optional'} property removed",
                b.at("properties", name),
            )
        for name in new_props:
            if name in base_props:
                continue
            required = name in (n.get("required") or ())
            if header:
                rule = "response-header-schema-changed"
            elif request and required:
                has_default = "default" in self.new.schema(new_props[name], n.at("properties", name))
                rule = "new-required-request-property-with-default" if has_default else "new-required-request-property"
            elif request:
                rule = "new-optional-request-property"
            else:
                rule = "response-required-property-added" if required else "response-optional-property-added"
            self._add(
                rule, (*path, name), f"new {'required' if required else 'optional'} property", n.at("properties", name)
            )
        for name in base_props:
            if name in new_props:
                self._child(b, n, ("properties", name), (*path, name), strong, None, stack)

    # --- additionalProperties (a schema is walked as oasdiff does; true/false in rules.DEEPSHI)

    def _additional_properties(
        self, b: Node, n: Node, path: tuple[str, ...], strong: bool, stack: frozenset[tuple[str, str]]
    ) -> None:
        before, after = _openness(b.get("additionalProperties")), _openness(n.get("additionalProperties"))
        if before == after == 1:
            self._child(b, n, ("additionalProperties",), (*path, "additionalProperties"), strong, None, stack)
        elif before != after:
            labels = {2: "any", 1: "a schema", 0: "none"}
            text = f"additionalProperties changed from {labels[before]} to {labels[after]}"
            suffix = "additional-properties-narrowed" if after < before else "additional-properties-widened"
            self._emit(path, suffix, text, self._origin(b, n, "additionalProperties"))

    # --- oneOf / anyOf / allOf (check_*_property_{one,any,all}_of_updated.go)

    def _compositions(
        self, b: Node, n: Node, path: tuple[str, ...], strong: bool, stack: frozenset[tuple[str, str]]
    ) -> None:
        for key, name in COMPOSITIONS.items():
            base_members, new_members = _members(b.get(key)), _members(n.get(key))
            for label in base_members:
                if label not in new_members:
                    self._emit(
                        path, f"{name}-removed", f"`{label}` removed from `{key}`", b.at(key, base_members[label])
                    )
            for label in new_members:
                if label not in base_members:
                    self._emit(path, f"{name}-added", f"`{label}` added to `{key}`", n.at(key, new_members[label]))
            for label, index in base_members.items():
                if label in new_members:
                    tokens, new_tokens = (key, str(index)), (key, str(new_members[label]))
                    self._child(b, n, tokens, (*path, f"{key}[{label}]"), strong, None, stack, new_tokens)

    # --- discriminator (check_request_discriminator_updated.go, check_response_discriminator_updated.go)

    def _discriminator(self, b: Node, n: Node, path: tuple[str, ...]) -> None:
        before, after = b.get("discriminator"), n.get("discriminator")
        if canonical(before) == canonical(after):
            return
        origin = self._origin(b, n, "discriminator")
        if not isinstance(before, Mapping) or not isinstance(after, Mapping):
            suffix = "discriminator-added" if isinstance(after, Mapping) else "discriminator-removed"
            self._emit(path, suffix, suffix.replace("-", " "), origin)
            return
        if before.get("propertyName") != after.get("propertyName"):
            text = (
                f"discriminator property changed from `{before.get('propertyName')}` to `{after.get('propertyName')}`"
            )
            self._emit(path, "discriminator-property-name-changed", text, origin)
        base_map, new_map = before.get("mapping") or {}, after.get("mapping") or {}
        for value in base_map:
            if value not in new_map:
                self._emit(path, "discriminator-mapping-deleted", f"discriminator mapping `{value}` removed", origin)
        for value in new_map:
            if value not in base_map:
                self._emit(path, "discriminator-mapping-added", f"discriminator mapping `{value}` added", origin)
            elif base_map[value] != new_map[value]:
                text = f"discriminator mapping `{value}` changed from `{base_map[value]}` to `{new_map[value]}`"
                self._emit(path, "discriminator-mapping-changed", text, origin)

    # --- if / then / else (check_request_property_if_updated.go, check_response_property_if_updated.go)

    def _conditionals(
        self, b: Node, n: Node, path: tuple[str, ...], strong: bool, stack: frozenset[tuple[str, str]]
    ) -> None:
        scope = (b.get("properties") or {}, n.get("properties") or {})
        for key in CONDITIONALS:
            if key in b and key in n:
                if key == "if":  # a condition, not a constraint: which branch applies moved
                    if self.base.fingerprint(b.get(key)) != self.new.fingerprint(n.get(key)):
                        self._emit(path, "if-changed", "the `if` condition changed", n.at(key))
                    continue
                self._child(b, n, (key,), (*path, key), strong, scope, stack)
            elif key in n:
                self._emit(path, f"{key}-added", f"`{key}` added", n.at(key))
            elif key in b:
                self._emit(path, f"{key}-removed", f"`{key}` removed", b.at(key))

    # --- contentSchema / contentMediaType / contentEncoding (check_*_property_content_updated.go)

    def _content(
        self, b: Node, n: Node, path: tuple[str, ...], strong: bool, stack: frozenset[tuple[str, str]]
    ) -> None:
        for key, suffix in (
            ("contentMediaType", "content-media-type-changed"),
            ("contentEncoding", "content-encoding-changed"),
        ):
            if b.get(key) != n.get(key):
                self._emit(path, suffix, self._was_now(b, n, key), self._origin(b, n, key))
        if "contentSchema" in b and "contentSchema" in n:
            # The decoded content is JSON when contentMediaType says so (the SSE `data` line), whatever
            # the media type around it: type changes inside it are judged as JSON's.
            inner = is_json(n.get("contentMediaType")) if "contentMediaType" in n else strong
            self._child(b, n, ("contentSchema",), (*path, "contentSchema"), inner, None, stack)
        elif "contentSchema" in n:
            self._emit(path, "content-schema-added", "`contentSchema` added", n.at("contentSchema"))
        elif "contentSchema" in b:
            self._emit(path, "content-schema-removed", "`contentSchema` removed", b.at("contentSchema"))

    # --- deprecated (check_request_property_deprecation.go, check_response_property_deprecation.go)

    def _deprecated(self, b: Node, n: Node, path: tuple[str, ...]) -> None:
        before, after = bool(b.get("deprecated")), bool(n.get("deprecated"))
        if before != after:
            suffix = "deprecated" if after else "reactivated"
            self._emit(
                path, suffix, "deprecated" if after else "no longer deprecated", self._origin(b, n, "deprecated")
            )


def _descend(value: Any, tokens: tuple[str, ...]) -> Any:
    for token in tokens:
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value


def _type_set(node: Node) -> frozenset[str] | None:
    """The JSON types a schema allows (``None``: no ``type`` keyword, any type)."""
    value = node.get("type")
    if value is None:
        return None
    types = {value} if isinstance(value, str) else {str(name) for name in value}
    if node.get("nullable") is True:  # OpenAPI 3.0's spelling of `"null"` in the type list
        types.add("null")
    return frozenset(types)


def _covered(sub: frozenset[str], sup: frozenset[str]) -> bool:
    """Every value of ``sub`` is one of ``sup`` (an integer is a number): oasdiff's ``isTypeSetSubset``."""
    return bool(sub) and all(t in sup or (t == "integer" and "number" in sup) for t in sub)


def _format_contained(types: frozenset[str] | None, to: Any, frm: Any) -> bool:
    """oasdiff's ``isFormatContained``: a format that still accepts every value of the old one."""
    if not to:
        return True
    if types is None or len(types) != 1:
        return False
    (kind,) = types
    widenings = {
        "number": {("double", "float")},
        "integer": {("int64", "int32")},
        "string": {("date-time", "date"), ("date-time", "time")},
    }
    return (to, frm) in widenings.get(kind, set())


def _request_type_verdict(
    before: frozenset[str] | None, after: frozenset[str] | None, bf: Any, af: Any, strong: bool
) -> str:
    """oasdiff's ``requestTypeChangeId``: ``changed`` (ERR), ``compatible`` or ``generalized`` (INFO)."""
    breaking = False
    if before != after and after is not None and not (before is not None and _covered(before, after)):
        # outside JSON a number or a boolean also reads as a string (oasdiff's isTypeContained)
        breaking = strong or after != {"string"}
    if bf != af and not _format_contained(after, af, bf):
        breaking = True
    if breaking:
        return "changed"
    if before != after and before and after and not _covered(before, after):
        return "compatible"
    return "generalized"


def _response_type_verdict(
    before: frozenset[str] | None, after: frozenset[str] | None, bf: Any, af: Any, strong: bool
) -> str:
    """oasdiff's ``responseTypeChangeId``: ``changed``/``generalized`` (ERR), ``compatible``/``specialized`` (INFO)."""
    breaking = False
    if before != after and before is not None and not (after is not None and _covered(after, before)):
        dropped = before - (after or frozenset())
        breaking = strong or not dropped <= {"string"}
    if bf != af and not _format_contained(before, bf, af):
        breaking = True
    if breaking:
        return "generalized" if before and after and _covered(before, after) else "changed"
    if before != after and before and after and not _covered(after, before):
        return "compatible"
    return "specialized"


def _type_label(types: frozenset[str] | None, fmt: Any) -> str:
    label = ", ".join(sorted(types)) if types else "any"
    return f"{label}/{fmt}" if fmt else label


def _openness(value: Any) -> int:
    """additionalProperties as an order: 2 anything (absent, ``true``, ``{}``), 1 a schema, 0 nothing."""
    if value is None or value is True or value == {}:
        return 2
    if value is False:
        return 0
    return 1


def _members(value: Any) -> dict[str, int]:
    """``oneOf``/``anyOf``/``allOf`` members by label: the ``$ref`` target's name, or ``#index`` inline."""
    members: dict[str, int] = {}
    for index, member in enumerate(value or ()):
        ref = member.get("$ref") if isinstance(member, Mapping) else None
        label = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else f"#{index}"
        members[label if label not in members else f"{label}#{index}"] = index
    return members


__all__ = ["CHANGES", "Place", "SchemaComparison", "canonical", "is_json", "join", "shown"]
