"""Checks made before anything is sent: first against the spec, then against the model's catalog entry.

The spec check validates the assembled field dict against the request schema shipped in
``deepshi_openapi`` (types, enums, ranges, required fields, 1..14 images), so it follows the spec
with no per-field code. The model check uses the model's entry from ``GET /v1/models``: edit
support and image cap, prompt length, model-specific fields the model does not list, and the
allowed values and bounds of the fields it does list. Either raises :class:`InvalidRequestError`
saying what is accepted.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from . import _spec
from ._catalog import ModelInfo, ParameterInfo
from ._errors import InvalidRequestError

if TYPE_CHECKING:
    from ._requests import Operation

__all__ = ["Kind", "check_extra_body", "check_model", "check_spec"]

Kind = Literal["edit", "generate"]

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60

_JSON_TYPES: Mapping[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def _argument(path: Any, operation: Operation[Any]) -> str:
    name = str(path[0]) if len(path) else ""
    return operation.files_param or name if name == operation.files_field else name


def _format(error: Any, operation: Operation[Any]) -> tuple[str, str]:
    """(argument, message) for one jsonschema error, worded for a Python caller."""
    name = _argument(error.absolute_path, operation)
    value = error.instance
    if error.validator == "required":
        return "", f"{error.message.split(' ', 1)[0].strip(chr(39))}: required argument missing"
    if error.validator == "type":
        return name, f"{name}: expected {error.validator_value}, got {type(value).__name__} {_short.repr(value)}"
    if error.validator in ("minItems", "maxItems"):
        bound = "at least" if error.validator == "minItems" else "at most"
        return name, f"{name}: {len(value)} given; the API accepts {bound} {error.validator_value}"
    if error.validator == "enum":
        allowed = ", ".join(repr(item) for item in error.validator_value)
        return name, f"{name}: {_short.repr(value)} is not one of {allowed}"
    return name, f"{name}: {error.message}"


def check_extra_body(operation: Operation[Any], extra_body: Mapping[str, Any]) -> None:
    """Reject ``extra_body`` keys that shadow a named argument (they would be sent twice)."""
    declared = set(_spec.component(operation.schema)["properties"]) | set(operation.file_aliases)
    file_names = {operation.files_field, *operation.file_aliases}
    for key in extra_body:
        if not isinstance(key, str):
            raise InvalidRequestError(f"extra_body: keys must be strings, got {key!r}.", param="extra_body")
        if key in declared:
            name = operation.files_param or key if key in file_names else key
            raise InvalidRequestError(
                f"extra_body[{key!r}]: {name!r} is a named argument; pass {name}=... instead.", param="extra_body"
            )


def _branch_errors(error: Any, operation: Operation[Any]) -> list[Any]:
    """An ``anyOf``/``oneOf`` failure as the errors of the branch for the field the facade sends.

    The edit body requires one file under ``image[]`` or ``image`` (spec decision 1); the facade
    sends ``image[]``, so the branch that requires it says what is wrong (``minItems``).
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context or operation.files_field is None:
        return [error]
    branches = error.validator_value if isinstance(error.validator_value, list) else []
    chosen = next(
        (
            index
            for index, branch in enumerate(branches)
            if isinstance(branch, Mapping) and operation.files_field in branch.get("required", [])
        ),
        None,
    )
    details = [detail for detail in error.context if chosen is not None and detail.relative_schema_path[0] == chosen]
    return details or [error]


def check_spec(operation: Operation[Any], fields: Mapping[str, Any], image_count: int | None) -> None:
    """Validate the request's fields (``extra_body`` merged in) against the spec's request schema."""
    document = dict(fields)
    if image_count is not None and operation.files_field is not None:
        document[operation.files_field] = [f"<image {position}>" for position in range(image_count)]
    found = [
        detail
        for error in _spec.validator(operation.schema, strict_integers=True).iter_errors(document)
        for detail in _branch_errors(error, operation)
    ]
    errors = sorted(found, key=lambda e: [str(p) for p in e.path])
    if errors:
        problems = [_format(error, operation) for error in errors]
        raise InvalidRequestError("; ".join(message for _, message in problems), param=problems[0][0] or None)


def _value_problem(name: str, value: Any, parameter: ParameterInfo, model_id: str) -> str | None:
    expected = _JSON_TYPES.get(parameter.type)
    wrong_bool = isinstance(value, bool) and parameter.type in ("integer", "number")
    if expected is not None and (wrong_bool or not isinstance(value, expected)):
        return f"{name}: model {model_id!r} takes {parameter.describe()}, got {_short.repr(value)}"
    if parameter.allowed_values is not None and value not in parameter.allowed_values:
        return f"{name}: model {model_id!r} accepts {parameter.describe()}; got {_short.repr(value)}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        too_low = parameter.minimum is not None and value < parameter.minimum
        too_high = parameter.maximum is not None and value > parameter.maximum
        if too_low or too_high:
            return f"{name}: model {model_id!r} accepts {parameter.describe()}; got {value!r}"
    return None


def check_model(
    operation: Operation[Any], fields: Mapping[str, Any], image_count: int | None, model: ModelInfo
) -> None:
    """Check the request against the model's catalog entry; raise with what the model accepts."""
    problems: list[tuple[str, str]] = []
    prompt = fields.get("prompt")
    if model.prompt_max_length is not None and isinstance(prompt, str) and len(prompt) > model.prompt_max_length:
        problems.append(
            (
                "prompt",
                f"prompt: {len(prompt)} characters; model {model.id!r} accepts at most {model.prompt_max_length}",
            )
        )
    files = str(operation.files_param)
    if image_count is not None:
        if model.edit_supported is False:
            problems.append((files, f"{files}: model {model.id!r} cannot edit images (its catalog entry says so)"))
        elif model.max_images is not None and image_count > model.max_images:
            problems.append(
                (
                    files,
                    f"{files}: {image_count} images given; model {model.id!r} accepts at most {model.max_images} per edit",
                )
            )
    if model.declares_parameters:
        specific = _spec.model_specific_fields(operation.schema)
        for name in sorted(specific & fields.keys() - model.accepted.keys()):
            accepted = sorted(specific & model.accepted.keys())
            its = (
                f"its sizing/quality fields are: {', '.join(accepted)}"
                if accepted
                else "it takes no sizing/quality fields"
            )
            problems.append((name, f"{name}: model {model.id!r} does not accept {name}; {its}"))
        for name, value in fields.items():
            parameter = model.accepted.get(name)
            problem = None if parameter is None else _value_problem(name, value, parameter, model.id)
            if problem is not None:
                problems.append((name, problem))
    if problems:
        raise InvalidRequestError("; ".join(message for _, message in problems), param=problems[0][0])
