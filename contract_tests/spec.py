"""The spec the contract suite judges by: the one shipped inside ``deepshi_openapi``.

It is the document the client was generated from and the one the facade and the mock validate
against at run time (``tox -e drift`` proves it equals ``openapi/deepshi.yaml``). Validators are
built from it for whole components and for single properties, with every ``$ref`` resolved.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS31Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:deepshi-contract-spec"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec_path() -> Path:
    """Filesystem path of the shipped spec (schemathesis loads it from here)."""
    return Path(str(importlib.resources.files("deepshi_openapi") / "openapi.yaml"))


@functools.cache
def document() -> Mapping[str, Any]:
    """The parsed shipped spec."""
    loaded: Mapping[str, Any] = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _registry() -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(dict(document())))
    return registry


@functools.cache
def validator(pointer: str) -> Any:
    """An OAS 3.1 validator for the schema at JSON pointer ``pointer`` (e.g. ``/components/schemas/Usage``)."""
    return OAS31Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=_registry())


def component_validator(name: str) -> Any:
    """The validator of ``components.schemas.<name>``."""
    return validator(f"/components/schemas/{name}")


def schema_errors(name: str, instance: Any) -> list[str]:
    """Readable violations of ``components.schemas.<name>`` by ``instance`` (empty when valid)."""
    errors = sorted(component_validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"at {'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}" for error in errors]


def resolve(node: Any) -> Any:
    """``node`` with a top-level local ``$ref`` followed (repeatedly)."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = document()
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@dataclass(frozen=True)
class Operation:
    """One operation of the spec."""

    operation_id: str
    method: str
    path: str
    raw: Mapping[str, Any]

    @property
    def label(self) -> str:
        """``POST /v1/images/edits``: the label schemathesis gives the operation."""
        return f"{self.method} {self.path}"

    def request_schema_name(self) -> str | None:
        """The component name of the request body schema, when there is a body."""
        body = resolve(self.raw.get("requestBody", {}))
        for media in body.get("content", {}).values():
            ref = media.get("schema", {}).get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                return str(ref.rsplit("/", 1)[1])
        return None

    def request_media_types(self) -> list[str]:
        return list(resolve(self.raw.get("requestBody", {})).get("content", {}))

    def response(self, status: int) -> Mapping[str, Any] | None:
        """The response object documented for ``status`` (exact code first, then ``4XX``/``5XX``)."""
        responses = self.raw.get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                resolved: Mapping[str, Any] = resolve(responses[key])
                return resolved
        return None

    def declared_statuses(self) -> list[str]:
        return [str(code) for code in self.raw.get("responses", {})]


def operations() -> Iterator[Operation]:
    """Every operation of the spec, in document order."""
    for path, item in document()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield Operation(item[method]["operationId"], method.upper(), path, item[method])


def operation(operation_id: str) -> Operation:
    """The operation with this ``operationId``."""
    for candidate in operations():
        if candidate.operation_id == operation_id:
            return candidate
    raise KeyError(operation_id)


def schema_pointer(operation_id: str, status: int, media_type: str) -> str | None:
    """JSON pointer of the response schema for (operation, status, media type), if documented."""
    op = operation(operation_id)
    responses = op.raw.get("responses", {})
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key not in responses:
            continue
        ref = responses[key].get("$ref")
        base = ref[1:] if isinstance(ref, str) else _escape_path(op, key)
        content = resolve(responses[key]).get("content", {})
        if media_type in content:
            return f"{base}/content/{media_type.replace('/', '~1')}/schema"
        return None
    return None


def _escape_path(op: Operation, key: str) -> str:
    path = op.path.replace("~", "~0").replace("/", "~1")
    return f"/paths/{path}/{op.method.lower()}/responses/{key}"


def image_part_types() -> list[str]:
    """The content types the edit operation declares for its ``image[]`` parts."""
    content = resolve(operation("editImage").raw["requestBody"])["content"]["multipart/form-data"]
    return [part.strip() for part in str(content["encoding"]["image[]"]["contentType"]).split(",")]


SSE_TYPE = "text/event-stream"


def streaming_operations() -> list[Operation]:
    """The operations whose ``200`` answer may be a ``text/event-stream`` (``stream: true``)."""
    found = []
    for op in operations():
        ok = op.response(200)
        if ok is not None and SSE_TYPE in ok.get("content", {}):
            found.append(op)
    return found
