"""The model catalog the mock serves (its ``listModels`` cassette) and the checks it implies.

As the API documents, a model id that is not in the catalog is a 400, and so is an edit with
more reference images than the model's cap (``edit.max_images``). Everything else a model does
not support is ignored ("a model safely ignores any field it does not support"): fields it does
not list in ``parameters``, and values outside what it lists (``allowed_values``, ``minimum``,
``maximum``), for which the model's default applies. Strict mode (opt-in) refuses those values
instead, and prompts longer than ``prompt_max_length``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import bad_request


@dataclass(frozen=True)
class ModelEntry:
    """One model of the catalog."""

    id: str
    sizing_style: str | None
    prompt_max_length: int | None
    edit_supported: bool
    max_images: int | None
    parameters: Mapping[str, Mapping[str, Any]]

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> ModelEntry:
        """Read a ``Model`` object of the spec."""
        edit = raw.get("edit") or {}
        return cls(
            id=str(raw["id"]),
            sizing_style=raw.get("sizing_style"),
            prompt_max_length=raw.get("prompt_max_length"),
            edit_supported=bool(edit.get("supported", False)),
            max_images=edit.get("max_images"),
            parameters=raw.get("parameters") or {},
        )

    def defaults(self) -> dict[str, Any]:
        """Field -> default value, for the parameters that declare one."""
        return {name: p["default"] for name, p in self.parameters.items() if "default" in p}

    def unsupported(self, fields: Mapping[str, Any]) -> dict[str, str]:
        """Field -> why, for each listed parameter whose value in ``fields`` this model does not accept."""
        found = {}
        for name, declared in self.parameters.items():
            if name in fields:
                problem = _parameter_problem(self, fields[name], declared)
                if problem is not None:
                    found[name] = problem
        return found


class Catalog:
    """Model id -> :class:`ModelEntry`."""

    def __init__(self, model_list: Mapping[str, Any]) -> None:
        self.models = {entry.id: entry for entry in (ModelEntry.from_raw(m) for m in model_list.get("data", []))}

    def get(self, model_id: Any) -> ModelEntry | None:
        """The entry for ``model_id``, if the catalog has it."""
        return self.models.get(model_id) if isinstance(model_id, str) else None

    def check(
        self, operation_id: str, fields: Mapping[str, Any], images: int, image_param: str, *, strict: bool = False
    ) -> ModelEntry:
        """The model entry for a schema-valid request, or ``ApiError`` 400 naming the field.

        The model must exist and an edit must respect the model's cap. With ``strict`` the prompt
        length and each listed parameter's allowed values and range are enforced too.
        """
        entry = self.get(fields.get("model"))
        if entry is None:
            raise bad_request(
                f"The model '{fields.get('model')}' does not exist. List the models your key can call with GET /v1/models.",
                param="model",
                code="model_not_found",
            )
        if operation_id == "editImage":
            _check_edit(entry, images, image_param)
        if not strict:
            return entry
        prompt = fields.get("prompt")
        if entry.prompt_max_length is not None and isinstance(prompt, str) and len(prompt) > entry.prompt_max_length:
            raise bad_request(
                f"Invalid value for 'prompt': {len(prompt)} characters is longer than the {entry.prompt_max_length} "
                f"that {entry.id} accepts.",
                param="prompt",
                code="prompt_too_long",
            )
        for name, problem in entry.unsupported(fields).items():
            raise bad_request(f"Invalid value for '{name}': {problem}.", param=name)
        return entry


def _check_edit(entry: ModelEntry, images: int, image_param: str) -> None:
    if not entry.edit_supported:
        raise bad_request(
            f"The model '{entry.id}' does not support image edits.", param="model", code="edit_not_supported"
        )
    if entry.max_images is not None and images > entry.max_images:
        raise bad_request(
            f"Invalid value for '{image_param}': {images} images were sent, but {entry.id} accepts at most "
            f"{entry.max_images}.",
            param=image_param,
            code="too_many_images",
        )


def _parameter_problem(entry: ModelEntry, value: Any, declared: Mapping[str, Any]) -> str | None:
    """Why ``entry`` does not accept ``value`` for a parameter it declares so (None when it does)."""
    allowed = declared.get("allowed_values")
    if isinstance(allowed, list) and allowed and value not in allowed:
        listed = ", ".join(str(v) for v in allowed)
        return f"{value!r} is not supported by {entry.id} (allowed: {listed})"
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = declared.get("minimum"), declared.get("maximum")
        if low is not None and value < low:
            return f"{value} is below {entry.id}'s minimum of {low}"
        if high is not None and value > high:
            return f"{value} is above {entry.id}'s maximum of {high}"
    return None
