"""The OpenAPI document shipped in ``deepshi_openapi``, indexed for the mock server.

Everything the mock checks or answers by default comes from here: which operations exist and
where (path templates such as ``/v1/models/{model}`` are matched, concrete paths first, as OpenAPI
says), their parameters, request schemas, encodings, security, field aliases, which field carries
the files, schema defaults, and the documented answers and their schemas. Nothing reads
``openapi/`` at run time.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

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
    path_parameters: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    """Declared ``in: path`` parameters (the ``{name}`` segments of :attr:`path`)."""
    query_parameters: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    """Declared ``in: query`` parameters."""
    file_field: str | None = None
    """The request property that carries the uploaded files (a binary array), if any."""


@dataclass(frozen=True)
class Route:
    """An operation matched by a request path, with the values of its path parameters (decoded)."""

    operation: Operation
    path_values: Mapping[str, str]


class Spec:
    """An indexed OpenAPI 3.1 document."""

    def __init__(self, document: JSON) -> None:
        self.document = document
        self.operations: dict[tuple[str, str], Operation] = {}
        for path, item in document.get("paths", {}).items():
            for method in _METHODS:
                if method in item:
                    op = self._operation(path, method, item[method], item.get("parameters", []))
                    self.operations[(method.upper(), path)] = op
        self.by_id = {op.operation_id: op for op in self.operations.values()}
        self._inline_validators: dict[int, tuple[Mapping[str, Any], SpecValidator]] = {}
        self._concrete = {path for _, path in self.operations}
        self._templates = sorted(
            ((path, _template(path)) for path in document.get("paths", {}) if "{" in path),
            key=lambda entry: (-entry[0].count("/"), entry[0].count("{"), entry[0]),
        )

    @classmethod
    @functools.cache
    def shipped(cls) -> Spec:
        """The spec inside the installed ``deepshi_openapi`` package (loaded once)."""
        text = (importlib.resources.files("deepshi_openapi") / "openapi.yaml").read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return cls(yaml.load(text, Loader=loader))

    def _operation(self, path: str, method: str, raw: JSON, shared: list[Any]) -> Operation:
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
        # Operation-level parameters override path-level ones of the same name and location.
        parameters = {
            (p.get("in"), p.get("name")): p for p in (self.resolve(p) for p in [*shared, *raw.get("parameters", [])])
        }

        def declared(location: str) -> dict[str, Mapping[str, Any]]:
            return {name: p for (where, name), p in parameters.items() if where == location}

        return Operation(
            operation_id=raw["operationId"],
            method=method.upper(),
            path=path,
            media_types=media_types,
            body_schema_ref=schema_ref,
            encoding=encoding,
            requires_bearer=requires_bearer,
            responses=raw.get("responses", {}),
            header_parameters=declared("header"),
            path_parameters=declared("path"),
            query_parameters=declared("query"),
            file_field=self._file_field(schema_ref),
        )

    def _file_field(self, schema_ref: str | None) -> str | None:
        """The declared file field of the body (``image[]``), not one of its aliases (``image``)."""
        if schema_ref is None:
            return None
        aliases = self.aliases(schema_ref)
        for name, schema in self.properties(schema_ref).items():
            if schema.get("type") == "array" and is_binary(schema) and name not in aliases:
                return name
        return None

    def route(self, method: str, path: str) -> Route | None:
        """The operation served at ``method path``, if any (``path`` as sent, percent-encoded)."""
        declared, values = self.declared_path(path)
        operation = self.operations.get((method.upper(), declared)) if declared is not None else None
        return Route(operation, values) if operation is not None else None

    def declared_path(self, path: str) -> tuple[str | None, dict[str, str]]:
        """The spec's path (template) that ``path`` is, and the decoded values of its parameters.

        Concrete paths win over templates; among templates the one with fewer parameters wins.
        """
        decoded = unquote(path) if "%" in path else path
        if decoded in self._concrete:
            return decoded, {}
        segments = path.split("/")
        for template, pattern in self._templates:
            if len(pattern) != len(segments):
                continue
            values: dict[str, str] = {}
            for expected, segment in zip(pattern, segments, strict=True):
                if isinstance(expected, str):
                    if unquote(segment) != expected:
                        break
                elif segment:
                    values[expected[0]] = unquote(segment)
                else:
                    break
            else:
                return template, values
        return None, {}

    def path_exists(self, path: str) -> bool:
        """Whether any operation is declared at ``path`` (to tell 404 from 405)."""
        return self.declared_path(path)[0] is not None

    def allowed_methods(self, path: str) -> list[str]:
        """The methods declared at ``path`` (for a 405's ``Allow``)."""
        declared = self.declared_path(path)[0]
        return sorted(m for m, p in self.operations if p == declared)

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
        """A validator for an inline schema of the spec (a parameter's, a response's), resolving its references through it.

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

    def response(self, operation: Operation, status: int) -> JSON:
        """The documented ``status`` answer of ``operation`` (``$ref`` resolved; ``{}`` if none)."""
        responses = operation.responses
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        found: JSON = self.resolve(responses.get(key, {}))
        return found

    def response_example(self, operation: Operation, status: int) -> Any:
        """The example body of the documented ``status`` answer of ``operation``, if any."""
        media = self.response(operation, status).get("content", {}).get("application/json", {})
        return media.get("example")

    def response_schema_ref(self, operation: Operation, status: int) -> str | None:
        """The ``$ref`` of the JSON schema of the documented ``status`` answer, when it is one."""
        media = self.response(operation, status).get("content", {}).get("application/json", {})
        ref = media.get("schema", {}).get("$ref")
        return ref if isinstance(ref, str) else None


def _template(path: str) -> list[str | tuple[str]]:
    """A path template's segments: literal text, or ``(name,)`` for a ``{name}`` segment."""
    segments: list[str | tuple[str]] = []
    for segment in path.split("/"):
        match = _PARAMETER.fullmatch(segment)
        segments.append((match.group(1),) if match else segment)
    return segments


_PARAMETER = re.compile(r"\{([^{}/]+)\}")


def is_binary(schema: Mapping[str, Any]) -> bool:
    """Whether a property schema describes an uploaded file (or an array of them)."""
    target = schema.get("items", schema) if schema.get("type") == "array" else schema
    return target.get("format") == "binary" or "contentMediaType" in target


_MEDIA_SPLIT = re.compile(r"\s*,\s*")


def accepted_media_types(encoding: Mapping[str, Any]) -> tuple[str, ...]:
    """The media types an encoding object's ``contentType`` allows (empty: any)."""
    raw = encoding.get("contentType", "")
    return tuple(t for t in _MEDIA_SPLIT.split(raw.strip()) if t) if isinstance(raw, str) else ()
