"""Fit generated request bodies to the model catalog, without changing whether they are valid.

The spec cannot say which model ids exist or what each model accepts: that lives in the catalog
(``GET /v1/models``), and the API answers 400 to a schema-valid request that names an unknown
model or a value its model does not allow (spec decision 3, the 400 response). Left alone,
schemathesis' positive cases would nearly all be such requests and never reach the success path.

So every generated body is fitted: each property whose value is *valid for the spec* is replaced,
where the catalog requires it, by a value that is also valid for the catalog (a listed model id
that can take the edit's image count, an allowed value, a value clamped into the model's range,
a prompt cut to the model's maximum length). Invalid values are left exactly as generated. Each
property therefore stays valid or stays invalid, so a positive case stays positive and a
negative case keeps its violation. Choices are a hash of the generated value: deterministic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from .form_wire import wire_instance
from .spec import document, operation, resolve, validator

Model = Mapping[str, Any]


def _pick(options: Sequence[Any], key: Any) -> Any:
    digest = hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).digest()
    return options[int.from_bytes(digest[:8], "big") % len(options)]


class CatalogFit:
    """Fits bodies of one operation to a catalog (a list of ``Model`` objects of the spec)."""

    def __init__(self, operation_id: str, catalog: Sequence[Model]) -> None:
        self.operation_id = operation_id
        op = operation(operation_id)
        schema_name = op.request_schema_name()
        if schema_name is None:
            raise ValueError(f"{operation_id} has no request body to fit")
        self.schema_name = schema_name
        self.multipart = "multipart/form-data" in op.request_media_types()
        self.properties: Mapping[str, Any] = document()["components"]["schemas"][schema_name]["properties"]
        self.catalog = list(catalog)
        self.file_fields = [name for name, node in self.properties.items() if _is_file_array(resolve(node))]

    def _valid(self, instance: Mapping[str, Any], name: str) -> bool:
        if name not in instance or name not in self.properties:
            return False
        return bool(validator(f"/components/schemas/{self.schema_name}/properties/{name}").is_valid(instance[name]))

    def _image_count(self, seen: Mapping[str, Any]) -> int | None:
        """How many files the body carries under its file fields (``image[]`` and ``image``: one list, decision 1).

        None when a file field is present but invalid (the model's cap then does not matter).
        """
        count = 0
        for name in self.file_fields:
            if name not in seen:
                continue
            if not isinstance(seen[name], list) or not self._valid(seen, name):
                return None
            count += len(seen[name])
        return count if any(name in seen for name in self.file_fields) else None

    def _candidates(self, image_count: int | None) -> list[Model]:
        if self.operation_id != "editImage":
            return self.catalog

        def can_edit(model: Model) -> bool:
            edit = model.get("edit") or {}
            cap = edit.get("max_images")
            fits = image_count is None or cap is None or image_count <= cap
            return bool(edit.get("supported")) and fits

        return [model for model in self.catalog if can_edit(model)] or self.catalog

    def fit(self, body: Any) -> Any:
        """``body`` fitted to the catalog (a new dict), or ``body`` itself when it is not an object."""
        if not isinstance(body, Mapping) or not self.catalog:
            return body
        fitted = dict(body)
        seen = wire_instance(fitted, self.properties) if self.multipart else fitted
        count = self._image_count(seen)
        models = self._candidates(count)
        ids = [str(model["id"]) for model in models]
        if self._valid(seen, "model") and seen["model"] not in ids:
            fitted["model"] = _pick(ids, seen["model"])
        model = next((m for m in models if m["id"] == fitted.get("model")), None)
        if model is None:
            return fitted
        for name, declared in (model.get("parameters") or {}).items():
            if self._valid(seen, name):
                value = _fit_value(seen[name], declared)
                if value is not seen[name]:
                    fitted[name] = value
        limit = model.get("prompt_max_length")
        if self._valid(seen, "prompt") and isinstance(limit, int) and len(seen["prompt"]) > limit:
            fitted["prompt"] = seen["prompt"][:limit]
        return fitted


def _is_file_array(schema: Mapping[str, Any]) -> bool:
    items = schema.get("items") if schema.get("type") == "array" else None
    return isinstance(items, Mapping) and items.get("format") == "binary"


def _fit_value(value: Any, declared: Mapping[str, Any]) -> Any:
    """``value`` if the model's declaration allows it, else an allowed value (the same object when kept)."""
    allowed = declared.get("allowed_values")
    if isinstance(allowed, list) and allowed:
        is_allowed = any(value == option and type(value) is type(option) for option in allowed)
        return value if is_allowed else _pick(allowed, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = declared.get("minimum"), declared.get("maximum")
        if low is not None and value < low:
            return type(value)(low)
        if high is not None and value > high:
            return type(value)(high)
    return value
