"""The OpenAPI spec shipped inside ``deepshi_openapi``, and validators built from it.

Loaded lazily and once: importing deepshi stays cheap, and the first request pays ~0.2 s for
parsing the YAML and compiling the validators it uses. Nothing here reads ``openapi/`` in the repository.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._validators import SpecValidator, compile_schema

__all__ = [
    "RequestField",
    "component",
    "field_aliases",
    "model_specific_fields",
    "request_bodies",
    "request_fields",
    "spec",
    "validator",
]

_SPEC_URI = "urn:deepshi:openapi"


@functools.cache
def spec() -> Mapping[str, Any]:
    """The parsed spec the generated client was built from."""
    import yaml  # lazy: only needed on the first request

    text = (importlib.resources.files("deepshi_openapi") / "openapi.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded: Mapping[str, Any] = yaml.load(text, Loader=loader)
    return loaded


def component(name: str) -> Mapping[str, Any]:
    """``components.schemas.<name>`` of the spec."""
    schema: Mapping[str, Any] = spec()["components"]["schemas"][name]
    return schema


@functools.cache
def validator(name: str, *, strict_integers: bool = False) -> SpecValidator:
    """A validator for ``components.schemas.<name>`` of the spec (OAS 3.1: JSON Schema 2020-12).

    Compiled (jsonschema-rs) when ``deepshi[speed]`` is installed, with openapi-schema-validator
    listing the errors of an invalid document; see :mod:`._validators`.

    ``strict_integers`` (for requests built from Python values): an ``integer`` must be an ``int``.
    JSON Schema counts ``2.0`` as an integer, but a Python float goes out as ``2.0`` (``"2.0"`` in
    a multipart form), which the API refuses.
    """
    reference = {"$ref": f"{_SPEC_URI}{_SCHEMAS}{name}"}
    compiled = compile_schema(reference, spec(), _SPEC_URI, strict_integers=strict_integers)
    return SpecValidator(functools.partial(_interpreted, name, strict_integers), compiled)


def _interpreted(name: str, strict_integers: bool) -> Any:
    """openapi-schema-validator's ``OAS31Validator`` for ``components.schemas.<name>``.

    The schema's references are inlined once here (see :func:`_inline`): looking each one up at
    every validation took about 40 % of the time of a request or response check.
    """
    from jsonschema import validators  # type: ignore[import-untyped]
    from openapi_schema_validator import OAS31Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(dict(spec()), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
    cls: Any = OAS31Validator
    if strict_integers:
        checker = cls.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
        cls = validators.extend(cls, type_checker=checker)
    return cls(_inline({"$ref": f"{_SCHEMAS}{name}"}, ()), registry=registry)


_SCHEMAS = "#/components/schemas/"


def _inline(node: Any, seen: tuple[str, ...]) -> Any:
    """``node`` with each ``#/components/schemas/<name>`` reference replaced by that schema.

    A reference with sibling keywords becomes ``allOf`` of both, which is what ``$ref`` means in
    OAS 3.1. A recursive reference is kept, made absolute so it still resolves through the registry;
    so is a reference to a schema with a ``discriminator``, whose mapping (and its implicit
    ``#/components/schemas/<value>``) OAS31Validator resolves from where the schema lives.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMAS):
            target_name = ref.removeprefix(_SCHEMAS)
            siblings = {key: _inline(value, seen) for key, value in node.items() if key != "$ref"}
            if target_name in seen or "discriminator" in component(target_name):
                return {**siblings, "$ref": f"{_SPEC_URI}{ref}"}
            target = _inline(component(target_name), (*seen, target_name))
            return {"allOf": [target, siblings]} if siblings else target
        return {key: _inline(value, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, seen) for value in node]
    return node


def _resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return component(ref.rsplit("/", 1)[1])
    return schema


def property_schema(request: str, field: str) -> Mapping[str, Any]:
    """The (dereferenced) schema of one property of a request schema."""
    return _resolve(component(request)["properties"][field])


@functools.cache
def model_specific_fields(request: str) -> frozenset[str]:
    """The request fields the spec marks "Model-specific." (the sizing and quality fields).

    A model accepts only those it lists in its catalog ``parameters``; the preflight rejects the
    others instead of letting the model silently ignore them.
    """
    return frozenset(
        field
        for field in component(request)["properties"]
        if str(property_schema(request, field).get("description", "")).startswith("Model-specific.")
    )


@dataclass(frozen=True)
class RequestField:
    """One property of a request body schema, as a Python caller meets it."""

    wire: str
    """Its name in the request (``image[]``)."""
    schema: Mapping[str, Any]
    """Its schema, ``$ref`` resolved (the property's own keywords win)."""
    required: bool
    model_specific: bool
    """Marked "Model-specific." in the spec: a model takes it only if its catalog entry lists it."""

    @property
    def name(self) -> str:
        """The Python argument (``image`` for ``image[]``): the generator's name for it."""
        return re.sub(r"\W", "", self.wire)

    @property
    def is_files(self) -> bool:
        items = self.schema.get("items")
        return self.schema.get("type") == "array" and isinstance(items, Mapping) and items.get("format") == "binary"

    @property
    def json_type(self) -> str | None:
        kind = self.schema.get("type")
        return kind if isinstance(kind, str) else None


def field_aliases(request: str) -> dict[str, tuple[str, ...]]:
    """Declared field -> the other names the same values may be sent under (``image[]`` -> ``("image",)``).

    From the schema's ``x-deepshi-field-aliases`` (spec decision 1): the spec declares both
    spellings of the edit's files, and this says they are one field.
    """
    declared: Mapping[str, Any] = component(request).get("x-deepshi-field-aliases", {})
    return {str(name): tuple(str(alias) for alias in aliases) for name, aliases in declared.items()}


@functools.cache
def request_fields(request: str) -> tuple[RequestField, ...]:
    """The fields of the request schema ``request`` a caller passes, in the spec's order.

    An alias property (``image``, declared beside ``image[]`` with the same schema) is not a field
    of its own: the caller passes the files once, and the facade sends them as ``image[]``.
    ``required`` is the schema's ``required`` list, or for a field with aliases, whether the
    schema's ``anyOf`` requires one of its spellings in every branch.
    """
    body = component(request)
    required = set(body.get("required", []))
    aliases = field_aliases(request)
    alias_names = {alias for names in aliases.values() for alias in names}
    for wire, names in aliases.items():
        spellings = {wire, *names}
        branches = body.get("anyOf") or []
        if branches and all(spellings & set(branch.get("required", [])) for branch in branches):
            required.add(wire)
    specific = model_specific_fields(request)
    return tuple(
        RequestField(wire, {**_resolve(node), **node}, wire in required, wire in specific)
        for wire, node in body["properties"].items()
        if wire not in alias_names
    )


def request_bodies() -> dict[str, tuple[str, str]]:
    """operationId -> (request media type, request schema name), for every operation that takes a body."""
    found = {}
    for item in spec()["paths"].values():
        for operation in item.values():
            content = operation.get("requestBody", {}).get("content", {}) if isinstance(operation, Mapping) else {}
            for media_type, media in content.items():
                found[operation["operationId"]] = (media_type, str(media["schema"]["$ref"]).rsplit("/", 1)[1])
    return found


def accepted_image_types() -> tuple[str, ...]:
    """The content types the spec's multipart encodings declare for file parts (``image[]``)."""
    types: list[str] = []
    for item in spec()["paths"].values():
        for operation in item.values():
            content = operation.get("requestBody", {}).get("content", {}) if isinstance(operation, Mapping) else {}
            for encoding in content.get("multipart/form-data", {}).get("encoding", {}).values():
                types += [part.strip() for part in str(encoding.get("contentType", "")).split(",") if part.strip()]
    return tuple(dict.fromkeys(types))
