"""The models catalog (``GET /v1/models``) as typed, read-only views over the generated models."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from deepshi_openapi.models import Model, ModelList, ModelParameter
from deepshi_openapi.types import Unset

from . import _spec

__all__ = ["ModelCatalog", "ModelInfo", "ParameterInfo"]


def _opt(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


@dataclass(frozen=True)
class ParameterInfo:
    """One request field a model accepts, with its constraints (``None`` when not stated)."""

    type: str
    """The JSON type: ``string``, ``integer``, ``number`` or ``boolean``."""
    allowed_values: list[Any] | None = None
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    description: str | None = None
    raw: ModelParameter | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_raw(cls, raw: ModelParameter) -> ParameterInfo:
        return cls(
            type=raw.type_,
            allowed_values=_opt(raw.allowed_values),
            default=_opt(raw.default),
            minimum=_opt(raw.minimum),
            maximum=_opt(raw.maximum),
            description=_opt(raw.description),
            raw=raw,
        )

    def describe(self) -> str:
        """What the parameter accepts, in words (for error messages)."""
        if self.allowed_values is not None:
            if len(self.allowed_values) == 1:
                return f"only {self.allowed_values[0]!r}"
            return "one of " + ", ".join(repr(value) for value in self.allowed_values)
        bounds = []
        if self.minimum is not None:
            bounds.append(f">= {self.minimum:g}")
        if self.maximum is not None:
            bounds.append(f"<= {self.maximum:g}")
        article = "an" if self.type[:1] in "aeiou" else "a"
        return f"{article} {self.type}" + (" " + " and ".join(bounds) if bounds else "")


@dataclass(frozen=True)
class ModelInfo:
    """One model of the catalog: what it accepts, for the preflight and for you."""

    id: str
    sizing_style: str | None
    """``pixel_dimensions``, ``resolution_tier``, ``aspect_ratio``, ``preset_size`` or another value."""
    prompt_max_length: int | None
    edit_supported: bool | None
    """Whether the model can edit images (``None`` when the catalog does not say)."""
    max_images: int | None
    """The most reference images one edit may carry."""
    parameters: dict[str, ParameterInfo]
    """The request fields the model accepts, by name (empty when the catalog does not say)."""
    raw: Model = field(repr=False, compare=False)

    @property
    def declares_parameters(self) -> bool:
        """Whether the catalog entry has a ``parameters`` block (if not, nothing is known about them)."""
        return not isinstance(self.raw.parameters, Unset)

    @classmethod
    def from_raw(cls, raw: Model) -> ModelInfo:
        edit = raw.edit
        parameters = raw.parameters
        return cls(
            id=raw.id,
            sizing_style=_opt(raw.sizing_style),
            prompt_max_length=_opt(raw.prompt_max_length),
            edit_supported=None if isinstance(edit, Unset) else edit.supported,
            max_images=None if isinstance(edit, Unset) else _opt(edit.max_images),
            parameters={}
            if isinstance(parameters, Unset)
            else {name: ParameterInfo.from_raw(value) for name, value in parameters.additional_properties.items()},
            raw=raw,
        )


class ModelCatalog:
    """The models your key can call, in the API's order; iterate it or look one up with :meth:`get`."""

    def __init__(self, models: list[ModelInfo], raw: ModelList) -> None:
        self._models = models
        self._by_id = {model.id: model for model in models}
        self.raw = raw

    @classmethod
    def from_raw(cls, raw: ModelList) -> ModelCatalog:
        return cls([ModelInfo.from_raw(model) for model in raw.data], raw)

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> ModelCatalog:
        """A catalog from a ``GET /v1/models`` body (e.g. saved with ``deepshi models --json``).

        Pass it as ``Deepshi(catalog=...)`` and the preflight never fetches one. The document is
        checked against the spec's ``ModelList`` schema first (``ValueError`` saying what is wrong).
        """
        problems = [error.message for error in _spec.validator("ModelList").iter_errors(document)]
        if problems:
            raise ValueError("not a ModelList document: " + "; ".join(problems[:3]))
        return cls.from_raw(ModelList.from_dict(dict(document)))

    def get(self, model_id: str) -> ModelInfo | None:
        """The model with this id, or ``None``."""
        return self._by_id.get(model_id)

    @property
    def ids(self) -> list[str]:
        return [model.id for model in self._models]

    def __iter__(self) -> Iterator[ModelInfo]:
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._by_id

    def __repr__(self) -> str:
        return f"ModelCatalog({self.ids!r})"
