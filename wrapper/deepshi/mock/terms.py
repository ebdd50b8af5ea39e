"""The spec's names the mock's simulation uses: derived from the shipped spec, or pinned to it.

No name from the spec is restated silently in ``deepshi.mock``. Each one the mock reads from a
request or writes into an answer is either

* **derived** from the shipped spec (:class:`Terms`, built once per spec): the operations and
  their path templates, parameters and request schemas (:mod:`.spec`); which request field
  carries the files (the binary array property); which operation lists the model catalog and
  which ones answer images (by the schema of their ``200`` answer); which request field chooses
  where the image goes (the property whose schema has ``x-deepshi-image-property``) and, for
  each value of its enum, the ``ImageData`` property that carries the image and its encoding
  (spec decision 8);
* or **pinned**: what an answer is built from, how a catalog entry is read and how a sizing
  style becomes a size is the mock's own simulation logic, and it needs names the spec cannot
  point at by itself (``model``, ``prompt``, ``created``, ``edit.max_images``...). They are the
  constants below, grouped by the schema that declares them, and :meth:`Terms.of` checks every
  one against the spec: when the spec no longer declares one, it raises :class:`SpecMismatch`
  naming it, and no ``MockServer`` starts, so no test suite stays green against a mock that
  ignores a renamed field or enum value.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .images import FORMATS
from .spec import Operation, Spec

IMAGE_PROPERTY = "x-deepshi-image-property"
"""The extension of the ``response_format`` schema (spec decision 8)."""
ENCODINGS = ("base64", "data-uri")
"""The encodings of ``x-deepshi-image-property`` the mock can produce."""


class SpecMismatch(RuntimeError):
    """The shipped spec no longer declares a name the mock uses (or states it in a way it cannot serve)."""


# --- pinned names, by the schema that declares them --------------------------------------------


class Request:
    """Fields of every image operation's request schema."""

    SCHEMA = None  # every image operation's request schema
    MODEL = "model"
    PROMPT = "prompt"
    COUNT = "n"
    STREAM = "stream"
    OUTPUT_FORMAT = "output_format"
    QUALITY = "quality"
    WIDTH = "width"
    HEIGHT = "height"
    ASPECT_RATIO = "aspect_ratio"
    RESOLUTION = "resolution"
    IMAGE_SIZE = "image_size"


class SizingStyle:
    """Values of ``Model.sizing_style`` the mock turns into a size (:mod:`.sizing`).

    The property has no enum ("other values may appear"): each is pinned against its description.
    """

    PIXEL_DIMENSIONS = "pixel_dimensions"
    RESOLUTION_TIER = "resolution_tier"
    ASPECT_RATIO = "aspect_ratio"
    PRESET_SIZE = "preset_size"


class Images:
    """The answer of an image operation."""

    SCHEMA = "ImagesResponse"
    CREATED = "created"
    MODEL = "model"
    SIZE = "size"
    DATA = "data"
    USAGE = "usage"


class Image:
    """One image of an answer (where its bytes go: :attr:`Terms.carriers`)."""

    SCHEMA = "ImageData"
    INDEX = "index"
    REVISED_PROMPT = "revised_prompt"


class Completed:
    """The terminal success event of a stream (spec decision 2)."""

    SCHEMA = "ImageGenerationCompletedEvent"
    TYPE = "type"
    KIND = "image_generation.completed"
    """The value of :attr:`TYPE` (pinned against its enum)."""
    IMAGE = "b64_json"
    """OpenAI's field: the first image, base64, whatever ``response_format``."""
    CREATED_AT = "created_at"
    OUTPUT_FORMAT = "output_format"
    QUALITY = "quality"
    BACKGROUND = "background"
    """Echoes the request's field of the same name (not a declared request field: an extra one)."""


class Failed:
    """The in-stream error event (spec decision 2)."""

    SCHEMA = "ImageStreamErrorEvent"
    TYPE = "type"
    KIND = "error"
    """The value of :attr:`TYPE` (pinned against its enum)."""
    ERROR = "error"


class Error:
    """The body of every error answer (spec decision 4)."""

    SCHEMA = "ErrorResponse"
    ERROR = "error"


class ErrorDetail:
    """The error object inside it."""

    SCHEMA = "ErrorDetail"
    MESSAGE = "message"
    TYPE = "type"
    CODE = "code"
    PARAM = "param"


class ModelList:
    """The catalog's envelope (spec decision 3)."""

    SCHEMA = "ModelList"
    DATA = "data"


class Model:
    """One catalog entry."""

    SCHEMA = "Model"
    ID = "id"
    SIZING_STYLE = "sizing_style"
    PROMPT_MAX_LENGTH = "prompt_max_length"
    EDIT = "edit"
    PARAMETERS = "parameters"


class EditSupport:
    """A catalog entry's ``edit`` block."""

    SCHEMA = "ModelEditSupport"
    SUPPORTED = "supported"
    MAX_IMAGES = "max_images"


class Parameter:
    """One entry of a catalog entry's ``parameters``."""

    SCHEMA = "ModelParameter"
    TYPE = "type"
    ALLOWED_VALUES = "allowed_values"
    DEFAULT = "default"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"


PINNED: tuple[type, ...] = (
    Images,
    Image,
    Completed,
    Failed,
    Error,
    ErrorDetail,
    ModelList,
    Model,
    EditSupport,
    Parameter,
)
"""The namespaces whose names are properties of their ``SCHEMA`` (request fields are checked per operation)."""


def names(namespace: type) -> dict[str, str]:
    """The pinned property names of ``namespace`` (its upper-case attributes but ``SCHEMA`` and ``KIND``)."""
    return {
        key: value
        for key, value in vars(namespace).items()
        if key.isupper() and key not in ("SCHEMA", "KIND") and isinstance(value, str)
    }


# --- derived from the spec ---------------------------------------------------------------------


@dataclass(frozen=True)
class Carrier:
    """Where the images of an answer go for one ``response_format`` value, and how they are encoded."""

    property: str
    encoding: str

    def encode(self, data: bytes, media_type: str) -> str:
        """``data`` as this carrier holds it."""
        encoded = base64.b64encode(data).decode("ascii")
        return f"data:{media_type};base64,{encoded}" if self.encoding == "data-uri" else encoded

    def payload(self, value: Any) -> str | None:
        """The base64 of the image a value of this carrier holds (None if it holds none)."""
        if not isinstance(value, str):
            return None
        if self.encoding == "data-uri":
            head, comma, encoded = value.partition(",")
            return encoded if comma and head.startswith("data:") and head.endswith(";base64") else None
        return value


@dataclass(frozen=True)
class Terms:
    """What the mock derives from one spec (see the module docstring); :meth:`of` also checks the pins."""

    catalog_operation: str
    """The operationId answering the model catalog (its ``200`` is a ``ModelList``)."""
    image_operations: frozenset[str]
    """The operationIds answering images (their ``200`` is an ``ImagesResponse``)."""
    response_format: str
    """The request field choosing where the images go."""
    carriers: Mapping[str, Carrier]
    """Each value of that field's enum -> its carrier, in the enum's order."""
    default_format: str
    """The value the field takes when omitted (its schema default, else the enum's first)."""

    @staticmethod
    def of(spec: Spec) -> Terms:
        """The terms of ``spec`` (built once per spec); raises :class:`SpecMismatch` naming what is missing."""
        return _terms(spec)

    def carrier(self, value: Any) -> Carrier:
        """The carrier for a ``response_format`` value (the default's for a value the enum lacks)."""
        found = self.carriers.get(value) if isinstance(value, str) else None
        return found if found is not None else self.carriers[self.default_format]

    @property
    def encodings(self) -> dict[str, Carrier]:
        """``ImageData`` property -> its carrier (to read or store an image found under that property)."""
        return {carrier.property: carrier for carrier in self.carriers.values()}


@functools.cache
def _terms(spec: Spec) -> Terms:
    problems: list[str] = []
    schemas: Mapping[str, Any] = spec.document.get("components", {}).get("schemas", {})
    for namespace in PINNED:
        schema_name = str(vars(namespace)["SCHEMA"])
        declared = spec.properties(f"#/components/schemas/{schema_name}") if schema_name in schemas else None
        if declared is None:
            problems.append(f"schema {schema_name} (the mock's {namespace.__name__}) is gone")
            continue
        problems += [
            f"{schema_name} no longer declares {name!r} ({namespace.__name__}.{key})"
            for key, name in names(namespace).items()
            if name not in declared
        ]
        kind = vars(namespace).get("KIND")
        if isinstance(kind, str):
            enum = declared.get(vars(namespace)["TYPE"], {}).get("enum", [])
            if kind not in enum:
                problems.append(f"{schema_name}.type no longer has the value {kind!r} (its enum: {enum})")
    catalog = _answering(spec, ModelList.SCHEMA)
    images = _answering(spec, Images.SCHEMA)
    if len(catalog) != 1:
        problems.append(f"exactly one operation must answer {ModelList.SCHEMA} (the catalog), found {catalog}")
    response_format, carriers, default = _carriers(spec, images, schemas, problems)
    for operation in images:
        problems += _request_problems(spec, operation)
    problems += _style_problems(schemas)
    if problems:
        raise SpecMismatch(
            "the shipped spec no longer matches what deepshi.mock simulates (wrapper/deepshi/mock/terms.py):\n  "
            + "\n  ".join(problems)
        )
    return Terms(
        catalog_operation=catalog[0].operation_id,
        image_operations=frozenset(op.operation_id for op in images),
        response_format=response_format,
        carriers=carriers,
        default_format=default,
    )


def _answering(spec: Spec, schema: str) -> list[Operation]:
    ref = f"#/components/schemas/{schema}"
    return [op for op in spec.operations.values() if spec.response_schema_ref(op, 200) == ref]


def _request_problems(spec: Spec, operation: Operation) -> list[str]:
    if operation.body_schema_ref is None:
        return [f"{operation.operation_id} answers images but takes no request body"]
    declared = spec.properties(operation.body_schema_ref)
    schema_name = operation.body_schema_ref.rsplit("/", 1)[1]
    problems = [
        f"{schema_name} no longer declares {name!r} (Request.{key})"
        for key, name in names(Request).items()
        if name not in declared
    ]
    output_formats = declared.get(Request.OUTPUT_FORMAT, {}).get("enum", [])
    problems += [
        f"{schema_name}.{Request.OUTPUT_FORMAT} no longer has the value {value!r}, which the mock renders "
        "(images.FORMATS)"
        for value in FORMATS
        if Request.OUTPUT_FORMAT in declared and value not in output_formats
    ]
    return problems


def _style_problems(schemas: Mapping[str, Any]) -> list[str]:
    described = str(schemas.get(Model.SCHEMA, {}).get("properties", {}).get(Model.SIZING_STYLE, {}).get("description"))
    return [
        f"{Model.SCHEMA}.{Model.SIZING_STYLE} no longer describes the style `{style}` (SizingStyle.{key})"
        for key, style in names(SizingStyle).items()
        if f"`{style}`" not in described
    ]


def _carriers(
    spec: Spec, images: list[Operation], schemas: Mapping[str, Any], problems: list[str]
) -> tuple[str, dict[str, Carrier], str]:
    """The response_format field, its carriers and its default (problems appended)."""
    found: dict[str, dict[str, Any]] = {}
    for operation in images:
        if operation.body_schema_ref is None:
            continue
        for name, property_schema in spec.properties(operation.body_schema_ref).items():
            if IMAGE_PROPERTY in property_schema:
                found[name] = property_schema
    if len(found) != 1:
        problems.append(
            f"exactly one request field of the image operations must have {IMAGE_PROPERTY} (where each "
            f"response_format value puts the image, spec decision 8), found {sorted(found) or 'none'}"
        )
        return "", {}, ""
    [(field, schema)] = found.items()
    enum = [value for value in schema.get("enum", []) if isinstance(value, str)]
    declared: Mapping[str, Any] = schema[IMAGE_PROPERTY] if isinstance(schema[IMAGE_PROPERTY], Mapping) else {}
    image_properties = spec.properties(f"#/components/schemas/{Image.SCHEMA}") if Image.SCHEMA in schemas else {}
    carriers: dict[str, Carrier] = {}
    for value in enum:
        entry = declared.get(value)
        if not isinstance(entry, Mapping):
            problems.append(f"{field} has the value {value!r}, which {IMAGE_PROPERTY} does not map to a property")
            continue
        carrier = Carrier(str(entry.get("property")), str(entry.get("encoding")))
        if carrier.property not in image_properties:
            problems.append(f"{IMAGE_PROPERTY}[{value!r}] names {carrier.property!r}, which {Image.SCHEMA} lacks")
        if carrier.encoding not in ENCODINGS:
            problems.append(
                f"{IMAGE_PROPERTY}[{value!r}] has the encoding {carrier.encoding!r}, not one of {ENCODINGS}"
            )
        carriers[value] = carrier
    problems += [
        f"{IMAGE_PROPERTY} maps {value!r}, which is not a value of {field}'s enum {enum}"
        for value in declared
        if value not in enum
    ]
    default = schema.get("default", enum[0] if enum else "")
    if default not in carriers:
        problems.append(f"{field}'s default {default!r} has no carrier")
    return field, carriers, str(default)
