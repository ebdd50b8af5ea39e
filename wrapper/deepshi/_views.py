# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""What calls return: views of the answers, rendered from the response schemas of the spec.

Every property a schema declares is a field here (``None`` when the answer left it out, never a
made-up 0), documented with the spec's description; properties the spec does not declare are kept
in ``extra``, and the generated model in ``raw``. The methods come from ``deepshi._view_behaviour``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx

from deepshi_openapi import models as _raw
from deepshi_openapi.types import Unset

from ._view_behaviour import (
    GeneratedImageBehaviour,
    ImagesResultBehaviour,
    ModelCatalogBehaviour,
    ModelInfoBehaviour,
    ParameterInfoBehaviour,
)

__all__ = [
    "CompletionTokensDetails",
    "Cost",
    "GeneratedImage",
    "ImagesResult",
    "ModelCatalog",
    "ModelEditSupport",
    "ModelInfo",
    "ModelModalities",
    "ParameterInfo",
    "PromptTokensDetails",
    "Usage",
]


@dataclass(frozen=True, kw_only=True)
class ImagesResult(ImagesResultBehaviour):
    """The edited or generated image(s), with usage and the billed cost. (spec schema `ImagesResponse`)"""

    created: int
    """Unix timestamp when the request was created."""
    model: str | None
    """The image model id you requested."""
    size: str | None
    """The actual output dimensions, as WIDTHxHEIGHT."""
    data: list[GeneratedImage]
    """The generated image(s)."""
    usage: Usage | None
    """Token usage and the billed cost for the request. Every token field is optional (a guide example carries only `cost`); absent is not zero."""
    headers: httpx.Headers = field(repr=False)
    """The answer's HTTP headers."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ImagesResponse = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ImagesResponse``) it was read from."""
    SCHEMA: ClassVar[str] = "ImagesResponse"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "created": "created",
        "model": "model",
        "size": "size",
        "data": "data",
        "usage": "usage",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ImagesResponse,
        *,
        data: list[GeneratedImage],
        headers: httpx.Headers,
    ) -> ImagesResult:
        """The view of ``raw`` (the fields it does not carry given)."""
        return cls(
            created=raw.created,
            model=None if isinstance(raw.model, Unset) else raw.model,
            size=None if isinstance(raw.size, Unset) else raw.size,
            data=data,
            usage=None if isinstance(raw.usage, Unset) else Usage.from_raw(raw.usage),
            headers=headers,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True, repr=False)
class GeneratedImage(GeneratedImageBehaviour):
    """One generated image. With `response_format=b64_json` it carries `b64_json`; with `url`, an inline base64 `data:` URI in `url`. (spec schema `ImageData`)"""

    index: int | None
    """Position in the batch, starting at 0."""
    b64_json: str | None = field(repr=False)
    """The image, base64-encoded."""
    url: str | None = field(repr=False)
    """With `response_format=url`, an inline base64 `data:` URI (not a hosted link)."""
    revised_prompt: str | None
    """The prompt the model actually used, when it rewrote yours."""
    position: int = field(repr=False)
    """The image's place in `ImagesResult.data`, from 0."""
    data: bytes = field(repr=False)
    """The image file's bytes, decoded from `b64_json` or from the `data:` URL of `url`."""
    mime_type: str = field(repr=False)
    """Sniffed from the bytes: `image/png`, `image/jpeg` or `image/webp` (anything else is refused)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ImageData = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ImageData``) it was read from."""
    SCHEMA: ClassVar[str] = "ImageData"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "index": "index",
        "b64_json": "b64_json",
        "url": "url",
        "revised_prompt": "revised_prompt",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ImageData,
        *,
        position: int,
        data: bytes,
        mime_type: str,
    ) -> GeneratedImage:
        """The view of ``raw`` (the fields it does not carry given)."""
        return cls(
            index=None if isinstance(raw.index, Unset) else raw.index,
            b64_json=None if isinstance(raw.b64_json, Unset) else raw.b64_json,
            url=None if isinstance(raw.url, Unset) else raw.url,
            revised_prompt=None if isinstance(raw.revised_prompt, Unset) else raw.revised_prompt,
            position=position,
            data=data,
            mime_type=mime_type,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class Usage:
    """Token usage and the billed cost for the request. Every token field is optional (a guide example carries only `cost`); absent is not zero. (spec schema `Usage`)"""

    prompt_tokens: int | None
    prompt_tokens_details: PromptTokensDetails | None
    completion_tokens: int | None
    completion_tokens_details: CompletionTokensDetails | None
    total_tokens: int | None
    cost: Cost | None
    """The billed cost."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.Usage = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.Usage``) it was read from."""
    SCHEMA: ClassVar[str] = "Usage"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "prompt_tokens": "prompt_tokens",
        "prompt_tokens_details": "prompt_tokens_details",
        "completion_tokens": "completion_tokens",
        "completion_tokens_details": "completion_tokens_details",
        "total_tokens": "total_tokens",
        "cost": "cost",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.Usage,
    ) -> Usage:
        """The view of ``raw``."""
        return cls(
            prompt_tokens=None if isinstance(raw.prompt_tokens, Unset) else raw.prompt_tokens,
            prompt_tokens_details=None
            if isinstance(raw.prompt_tokens_details, Unset)
            else PromptTokensDetails.from_raw(raw.prompt_tokens_details),
            completion_tokens=None if isinstance(raw.completion_tokens, Unset) else raw.completion_tokens,
            completion_tokens_details=None
            if isinstance(raw.completion_tokens_details, Unset)
            else CompletionTokensDetails.from_raw(raw.completion_tokens_details),
            total_tokens=None if isinstance(raw.total_tokens, Unset) else raw.total_tokens,
            cost=None if isinstance(raw.cost, Unset) else Cost.from_raw(raw.cost),
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class PromptTokensDetails:
    """The `PromptTokensDetails` object. (spec schema `PromptTokensDetails`)"""

    cached_tokens: int | None
    cached_read_tokens: int | None
    image_tokens: int | None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.PromptTokensDetails = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.PromptTokensDetails``) it was read from."""
    SCHEMA: ClassVar[str] = "PromptTokensDetails"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "cached_tokens": "cached_tokens",
        "cached_read_tokens": "cached_read_tokens",
        "image_tokens": "image_tokens",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.PromptTokensDetails,
    ) -> PromptTokensDetails:
        """The view of ``raw``."""
        return cls(
            cached_tokens=None if isinstance(raw.cached_tokens, Unset) else raw.cached_tokens,
            cached_read_tokens=None if isinstance(raw.cached_read_tokens, Unset) else raw.cached_read_tokens,
            image_tokens=None if isinstance(raw.image_tokens, Unset) else raw.image_tokens,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class CompletionTokensDetails:
    """The `CompletionTokensDetails` object. (spec schema `CompletionTokensDetails`)"""

    reasoning_tokens: int | None
    image_tokens: int | None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.CompletionTokensDetails = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.CompletionTokensDetails``) it was read from."""
    SCHEMA: ClassVar[str] = "CompletionTokensDetails"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "reasoning_tokens": "reasoning_tokens",
        "image_tokens": "image_tokens",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.CompletionTokensDetails,
    ) -> CompletionTokensDetails:
        """The view of ``raw``."""
        return cls(
            reasoning_tokens=None if isinstance(raw.reasoning_tokens, Unset) else raw.reasoning_tokens,
            image_tokens=None if isinstance(raw.image_tokens, Unset) else raw.image_tokens,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class Cost:
    """The billed cost. (spec schema `Cost`)"""

    total_cost: float
    """The exact amount in USD charged for the request."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.Cost = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.Cost``) it was read from."""
    SCHEMA: ClassVar[str] = "Cost"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "total_cost": "total_cost",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.Cost,
    ) -> Cost:
        """The view of ``raw``."""
        return cls(
            total_cost=raw.total_cost,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True, repr=False)
class ModelCatalog(ModelCatalogBehaviour):
    """An OpenAI-style list envelope of models (decision 3). (spec schema `ModelList`)"""

    object: str
    """Always `list`."""
    data: list[ModelInfo]
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ModelList = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ModelList``) it was read from."""
    SCHEMA: ClassVar[str] = "ModelList"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "object": "object",
        "data": "data",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ModelList,
    ) -> ModelCatalog:
        """The view of ``raw``."""
        return cls(
            object=raw.object_,
            data=[ModelInfo.from_raw(item) for item in raw.data],
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class ModelInfo(ModelInfoBehaviour):
    """A model your key can call: OpenAI's model object (`id`, `object`, `created`, `owned_by`) plus, for image models, the catalog blocks the docs describe (decision 3). A model ignores request fields it does not list in `parameters`. (spec schema `Model`)"""

    id: str
    """The value you pass as `model`."""
    object: str | None
    """Always `model`."""
    created: int | None
    """Unix timestamp when the model was added."""
    owned_by: str | None
    """Who serves the model."""
    modalities: ModelModalities | None
    """What the model takes in and gives out."""
    sizing_style: str | None
    """How the model takes its output size: `pixel_dimensions` (`width` + `height`), `resolution_tier` (`aspect_ratio` + `resolution`), `aspect_ratio` (`aspect_ratio` only) or `preset_size` (`image_size`). Other values may appear."""
    prompt_max_length: int | None
    """The longest prompt the model accepts, in characters."""
    edit: ModelEditSupport | None
    """The `edit` block of an image model."""
    parameters: dict[str, ParameterInfo] | None
    """The request fields the model accepts, by field name."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.Model = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.Model``) it was read from."""
    SCHEMA: ClassVar[str] = "Model"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "id": "id",
        "object": "object",
        "created": "created",
        "owned_by": "owned_by",
        "modalities": "modalities",
        "sizing_style": "sizing_style",
        "prompt_max_length": "prompt_max_length",
        "edit": "edit",
        "parameters": "parameters",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.Model,
    ) -> ModelInfo:
        """The view of ``raw``."""
        return cls(
            id=raw.id,
            object=None if isinstance(raw.object_, Unset) else raw.object_,
            created=None if isinstance(raw.created, Unset) else raw.created,
            owned_by=None if isinstance(raw.owned_by, Unset) else raw.owned_by,
            modalities=None if isinstance(raw.modalities, Unset) else ModelModalities.from_raw(raw.modalities),
            sizing_style=None if isinstance(raw.sizing_style, Unset) else raw.sizing_style,
            prompt_max_length=None if isinstance(raw.prompt_max_length, Unset) else raw.prompt_max_length,
            edit=None if isinstance(raw.edit, Unset) else ModelEditSupport.from_raw(raw.edit),
            parameters=None
            if isinstance(raw.parameters, Unset)
            else {key: ParameterInfo.from_raw(item) for key, item in raw.parameters.additional_properties.items()},
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class ModelModalities:
    """What the model takes in and gives out. (spec schema `ModelModalities`)"""

    input: list[str] | None
    output: list[str] | None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ModelModalities = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ModelModalities``) it was read from."""
    SCHEMA: ClassVar[str] = "ModelModalities"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "input": "input",
        "output": "output",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ModelModalities,
    ) -> ModelModalities:
        """The view of ``raw``."""
        return cls(
            input=None if isinstance(raw.input_, Unset) else list(raw.input_),
            output=None if isinstance(raw.output, Unset) else list(raw.output),
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class ModelEditSupport:
    """The `edit` block of an image model. (spec schema `ModelEditSupport`)"""

    supported: bool
    """Whether the model can edit images (`POST /v1/images/edits`)."""
    max_images: int | None
    """The most reference images one edit may carry."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ModelEditSupport = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ModelEditSupport``) it was read from."""
    SCHEMA: ClassVar[str] = "ModelEditSupport"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "supported": "supported",
        "max_images": "max_images",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ModelEditSupport,
    ) -> ModelEditSupport:
        """The view of ``raw``."""
        return cls(
            supported=raw.supported,
            max_images=None if isinstance(raw.max_images, Unset) else raw.max_images,
            extra=dict(raw.additional_properties),
            raw=raw,
        )


@dataclass(frozen=True, kw_only=True)
class ParameterInfo(ParameterInfoBehaviour):
    """One request field a model accepts. (spec schema `ModelParameter`)"""

    type: str
    """The JSON type of the field (`string`, `integer`, `number` or `boolean`)."""
    description: str | None
    allowed_values: list[Any] | None
    """The values the model accepts, when it accepts only some."""
    default: Any | None
    """The value used when the field is omitted."""
    minimum: float | None
    """The smallest accepted value, for numbers."""
    maximum: float | None
    """The largest accepted value, for numbers."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Properties the answer carried that the spec does not declare, as sent."""
    raw: _raw.ModelParameter = field(repr=False, compare=False)
    """The generated model (``deepshi_openapi.models.ModelParameter``) it was read from."""
    SCHEMA: ClassVar[str] = "ModelParameter"
    """The spec schema (``components.schemas``) this class shows."""
    WIRE_NAMES: ClassVar[Mapping[str, str]] = {
        "type": "type",
        "description": "description",
        "allowed_values": "allowed_values",
        "default": "default",
        "minimum": "minimum",
        "maximum": "maximum",
    }
    """The field that shows each property of the schema, and the property's name in the answer."""

    @classmethod
    def from_raw(
        cls,
        raw: _raw.ModelParameter,
    ) -> ParameterInfo:
        """The view of ``raw``."""
        return cls(
            type=raw.type_,
            description=None if isinstance(raw.description, Unset) else raw.description,
            allowed_values=None if isinstance(raw.allowed_values, Unset) else list(raw.allowed_values),
            default=None if isinstance(raw.default, Unset) else raw.default,
            minimum=None if isinstance(raw.minimum, Unset) else raw.minimum,
            maximum=None if isinstance(raw.maximum, Unset) else raw.maximum,
            extra=dict(raw.additional_properties),
            raw=raw,
        )
