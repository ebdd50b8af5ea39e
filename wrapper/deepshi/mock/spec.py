"""The OpenAPI document shipped in ``deepshi_openapi``, indexed for the mock server.

Everything the mock checks or answers by default comes from here: which operations exist,
their request schemas, encodings, security, field aliases, schema defaults and the examples
of documented error answers. Nothing reads ``openapi/`` at run time.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from deepshi._validators import SpecValidator, absolute_references, compile_schema

SPEC_URI = "urn:deepshi-openapi"
_METHODS = ("get", "post", "put", "patch", "delete")

JSON = dict[str, Any]


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with what the mock needs to serve it."""

    operation_id: str
    method: str
    path: str
    media_types: tuple[str, ...]
    """Request body media types (empty when the operation takes no body)."""
    body_schema_ref: str | None
    """``#/components/schemas/...`` of the request body, when there is one."""
    encoding: Mapping[str, Mapping[str, Any]]
    requires_bearer: bool
    responses: Mapping[str, Any]
    header_parameters: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    """Declared ``in: header`` parameters: name -> the parameter object (``$ref`` resolved)."""


class Spec:
    """An indexed OpenAPI 3.1 document."""

    def __init__(self, document: JSON) -> None:
        self.document = document
        self.operations: dict[tuple[str, str], Operation] = {}
        for path, item in document.get("paths", {}).items():
            for method in _METHODS:
                if method in item:
                    op = self._operation(path, method, item[method])
                    self.operations[(method.upper(), path)] = op
        self.by_id = {op.operation_id: op for op in self.operations.values()}
        self._inline_validators: dict[int, tuple[Mapping[str, Any], SpecValidator]] = {}

    @classmethod
    @functools.cache
    def shipped(cls) -> Spec:
        """The spec inside the installed ``deepshi_openapi`` package (loaded once)."""
        text = (importlib.resources.files("deepshi_openapi") / "openapi.yaml").read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return cls(yaml.load(text, Loader=loader))

    def _operation(self, path: str, method: str, raw: JSON) -> Operation:
        body = self.resolve(raw.get("requestBody", {}))
        content: JSON = body.get("content", {})
        media_types = tuple(content)
        schema_ref: str | None = None
        encoding: JSON = {}
        for media in content.values():
            schema_ref = media.get("schema", {}).get("$ref", schema_ref)
            encoding = media.get("encoding", encoding)
        security = raw.get("security", self.document.get("security")) or []
        schemes = self.document.get("components", {}).get("securitySchemes", {})
        requires_bearer = any(
            schemes.get(name, {}).get("type") == "http" and schemes.get(name, {}).get("scheme") == "bearer"
            for requirement in security
            for name in requirement
        )
        return Operation(
            operation_id=raw["operationId"],
            method=method.upper(),
            path=path,
            media_types=media_types,
            body_schema_ref=schema_ref,
            encoding=encoding,
            requires_bearer=requires_bearer,
            responses=raw.get("responses", {}),
            header_parameters={
                parameter["name"]: parameter
                for parameter in (self.resolve(p) for p in raw.get("parameters", []))
                if parameter.get("in") == "header"
            },
        )

    def find(self, method: str, path: str) -> Operation | None:
        """The operation served at ``method path``, if any."""
        return self.operations.get((method.upper(), path))

    def path_exists(self, path: str) -> bool:
        """Whether any operation is declared at ``path`` (to tell 404 from 405)."""
        return any(p == path for _, p in self.operations)

    def resolve(self, node: Any) -> Any:
        """Follow local ``$ref`` pointers until a non-reference node."""
        while isinstance(node, dict) and "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, ref: str) -> Any:
        """The node at a local JSON pointer such as ``#/components/schemas/Model``."""
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported, not {ref!r}")
        node: Any = self.document
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def schema_validator(self, schema: Mapping[str, Any]) -> SpecValidator:
        """A validator for an inline schema of the spec (a parameter's), resolving its references through it.

        Built once per schema object (the spec's own dicts live as long as the spec; the cache is
        bounded for schemas made on the fly).
        """
        cached = self._inline_validators.get(id(schema))
        if cached is None or cached[0] is not schema:
            if len(self._inline_validators) >= 256:
                self._inline_validators.clear()
            cached = (schema, self._validator(schema))
            self._inline_validators[id(schema)] = cached
        return cached[1]

    @functools.cache  # noqa: B019 - one Spec lives for the whole process
    def validator(self, ref: str) -> SpecValidator:
        """A JSON Schema (OAS 3.1 dialect) validator for the schema at ``ref`` (see ``deepshi._validators``)."""
        return self._validator({"$ref": f"{SPEC_URI}{ref}"})

    @functools.cached_property
    def registry(self) -> Any:
        """The spec as a ``referencing`` registry, for openapi-schema-validator (built when first needed)."""
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(self.document))

    def _validator(self, schema: Mapping[str, Any]) -> SpecValidator:
        absolute = absolute_references(schema, SPEC_URI)
        compiled = compile_schema(absolute, self.document, SPEC_URI, strict_integers=False)
        return SpecValidator(functools.partial(self._interpreted, absolute), compiled)

    def _interpreted(self, schema: Mapping[str, Any]) -> Any:
        # Imported when first needed: with jsonschema-rs installed, only an invalid request needs it
        # (~0.2 s of the mock's start-up otherwise).
        from openapi_schema_validator import OAS31Validator

        return OAS31Validator(schema, registry=self.registry)

    def properties(self, ref: str) -> dict[str, JSON]:
        """The declared properties of an object schema, references resolved."""
        schema = self.resolve({"$ref": ref})
        return {name: self.resolve(prop) for name, prop in schema.get("properties", {}).items()}

    def aliases(self, ref: str) -> dict[str, str]:
        """Alias field name -> declared field name, from ``x-deepshi-field-aliases``."""
        schema = self.resolve({"$ref": ref})
        declared: Mapping[str, list[str]] = schema.get("x-deepshi-field-aliases", {})
        return {alias: name for name, names in declared.items() for alias in names}

    def defaults(self, ref: str) -> dict[str, Any]:
        """Field name -> schema default, for the fields that declare one."""
        return {name: prop["default"] for name, prop in self.properties(ref).items() if "default" in prop}

    def response_example(self, operation: Operation, status: int) -> Any:
        """The example body of the documented ``status`` answer of ``operation``, if any."""
        responses = operation.responses
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        response = self.resolve(responses.get(key, {}))
        media = response.get("content", {}).get("application/json", {})
        return media.get("example")


def is_binary(schema: Mapping[str, Any]) -> bool:
    """Whether a property schema describes an uploaded file (or an array of them)."""
    target = schema.get("items", schema) if schema.get("type") == "array" else schema
    return target.get("format") == "binary" or "contentMediaType" in target


_MEDIA_SPLIT = re.compile(r"\s*,\s*")


def accepted_media_types(encoding: Mapping[str, Any]) -> tuple[str, ...]:
    """The media types an encoding object's ``contentType`` allows (empty: any)."""
    raw = encoding.get("contentType", "")
    return tuple(t for t in _MEDIA_SPLIT.split(raw.strip()) if t) if isinstance(raw, str) else ()
