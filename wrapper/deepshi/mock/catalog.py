"""The model catalog the mock serves (its catalog operation's cassette) and the checks it implies.

As the API documents, a model id that is not in the catalog is a 400, and so is an edit with
more reference images than the model's cap (``edit.max_images``). Everything else a model does
not support is ignored ("a model safely ignores any field it does not support"): fields it does
not list in ``parameters``, and values outside what it lists (``allowed_values``, ``minimum``,
``maximum``), for which the model's default applies. Strict mode (opt-in) refuses those values
instead, and prompts longer than ``prompt_max_length``.

The catalog itself is checked against the request schemas when the cassettes load
(:func:`check_catalog`): a ``parameters`` key that no image operation's request schema declares,
a ``type`` other than the field's, or an allowed value or default the field's schema refuses
(outside its enum, say) is a ``CassetteError`` naming the model and the parameter. So a catalog
cannot promise what no request can send, and a field removed from the spec cannot live on here.
The names of a catalog entry's blocks are pinned in :mod:`.terms`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .cassettes import CassetteError
from .errors import bad_request
from .spec import Spec
from .terms import EditSupport, Model, ModelList, Parameter, Request


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
        edit = raw.get(Model.EDIT) or {}
        return cls(
            id=str(raw[Model.ID]),
            sizing_style=raw.get(Model.SIZING_STYLE),
            prompt_max_length=raw.get(Model.PROMPT_MAX_LENGTH),
            edit_supported=bool(edit.get(EditSupport.SUPPORTED, False)),
            max_images=edit.get(EditSupport.MAX_IMAGES),
            parameters=raw.get(Model.PARAMETERS) or {},
        )

    def defaults(self) -> dict[str, Any]:
        """Field -> default value, for the parameters that declare one."""
        return {name: p[Parameter.DEFAULT] for name, p in self.parameters.items() if Parameter.DEFAULT in p}

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
        self.models = {
            entry.id: entry for entry in (ModelEntry.from_raw(m) for m in model_list.get(ModelList.DATA, []))
        }

    def get(self, model_id: Any) -> ModelEntry | None:
        """The entry for ``model_id``, if the catalog has it."""
        return self.models.get(model_id) if isinstance(model_id, str) else None

    def check(
        self,
        fields: Mapping[str, Any],
        images: int,
        image_param: str | None,
        *,
        catalog_path: str,
        strict: bool = False,
    ) -> ModelEntry:
        """The model entry for a schema-valid image request, or ``ApiError`` 400 naming the field.

        The model must exist and an edit (a request with a file field, ``image_param``) must
        respect the model's cap. With ``strict`` the prompt length and each listed parameter's
        allowed values and range are enforced too. ``catalog_path`` is where the catalog is listed.
        """
        model = Request.MODEL
        entry = self.get(fields.get(model))
        if entry is None:
            raise bad_request(
                f"The model '{fields.get(model)}' does not exist. List the models your key can call with GET "
                f"{catalog_path}.",
                param=model,
                code="model_not_found",
            )
        if image_param is not None:
            _check_edit(entry, images, image_param)
        if not strict:
            return entry
        prompt = fields.get(Request.PROMPT)
        if entry.prompt_max_length is not None and isinstance(prompt, str) and len(prompt) > entry.prompt_max_length:
            raise bad_request(
                f"Invalid value for '{Request.PROMPT}': {len(prompt)} characters is longer than the "
                f"{entry.prompt_max_length} that {entry.id} accepts.",
                param=Request.PROMPT,
                code="prompt_too_long",
            )
        for name, problem in entry.unsupported(fields).items():
            raise bad_request(f"Invalid value for '{name}': {problem}.", param=name)
        return entry


def _check_edit(entry: ModelEntry, images: int, image_param: str) -> None:
    if not entry.edit_supported:
        raise bad_request(
            f"The model '{entry.id}' does not support image edits.", param=Request.MODEL, code="edit_not_supported"
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
    allowed = declared.get(Parameter.ALLOWED_VALUES)
    if isinstance(allowed, list) and allowed and value not in allowed:
        listed = ", ".join(str(v) for v in allowed)
        return f"{value!r} is not supported by {entry.id} (allowed: {listed})"
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = declared.get(Parameter.MINIMUM), declared.get(Parameter.MAXIMUM)
        if low is not None and value < low:
            return f"{value} is below {entry.id}'s minimum of {low}"
        if high is not None and value > high:
            return f"{value} is above {entry.id}'s maximum of {high}"
    return None


def check_catalog(model_list: Mapping[str, Any], spec: Spec, request_refs: Iterable[str], where: str) -> None:
    """Hold a catalog document to the request schemas ``request_refs`` (see the module docstring).

    Raises ``CassetteError`` (prefixed by ``where``, the catalog's interaction) on the first problem.
    """
    schemas = {ref.rsplit("/", 1)[1]: spec.properties(ref) for ref in request_refs}
    for raw in model_list.get(ModelList.DATA) or []:
        if not isinstance(raw, Mapping):
            continue
        model = raw.get(Model.ID)
        parameters = raw.get(Model.PARAMETERS) or {}
        for name, declared in parameters.items() if isinstance(parameters, Mapping) else ():
            problem = _catalog_parameter_problem(spec, schemas, str(name), declared)
            if problem is not None:
                raise CassetteError(f"{where}: model {model!r}, parameter {name!r}: {problem}")


def _catalog_parameter_problem(
    spec: Spec, schemas: Mapping[str, Mapping[str, Mapping[str, Any]]], name: str, declared: Any
) -> str | None:
    fields = {schema: properties[name] for schema, properties in schemas.items() if name in properties}
    if not fields:
        return f"no request schema declares it ({', '.join(sorted(schemas))})"
    if not isinstance(declared, Mapping):
        return f"expected a {Parameter.SCHEMA} mapping, got {declared!r}"
    values = [(Parameter.ALLOWED_VALUES, value) for value in declared.get(Parameter.ALLOWED_VALUES) or []]
    if Parameter.DEFAULT in declared:
        values.append((Parameter.DEFAULT, declared[Parameter.DEFAULT]))
    for schema, field in fields.items():
        kind = field.get("type")
        if isinstance(kind, str) and declared.get(Parameter.TYPE) not in (None, kind):
            return f"its {Parameter.TYPE} is {declared.get(Parameter.TYPE)!r}, but {schema}.{name} is {kind!r}"
        validator = spec.schema_validator(field)
        for label, value in values:
            error = next(iter(validator.iter_errors(value)), None)
            if error is not None:
                return f"its {label} {value!r} is not a valid {schema}.{name} ({error.message[:160]})"
    return None
