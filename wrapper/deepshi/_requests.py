"""From keyword arguments to a checked :class:`Plan`, and from a plan to the generated request model.

A plan is built once per call (spec check, image preparation); the generated body is built again
for each attempt, because each attempt opens the input files afresh.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from deepshi_openapi.models import ImageEditRequest, ImageGenerationRequest
from deepshi_openapi.types import File

from ._errors import InvalidRequestError
from ._files import PreparedImage, as_input_list, prepare_images
from ._preflight import Kind, check_extra_body, check_spec
from ._types import NotGiven

__all__ = ["Plan", "edit_body", "form_value", "generation_body", "plan_request"]


@dataclass(frozen=True)
class Plan:
    """One checked request: what to send, before any file is opened."""

    kind: Kind
    fields: dict[str, Any]
    """The named arguments that were given (``model``, ``prompt``, ``n``, ...), as Python values."""
    extra: dict[str, Any]
    """``extra_body``: fields the spec does not name, forwarded to the model."""
    images: list[PreparedImage]
    """The input images of an edit (empty for a generation)."""

    @property
    def model(self) -> str:
        return str(self.fields["model"])

    @property
    def stream(self) -> bool:
        return self.fields.get("stream") is True

    @property
    def all_fields(self) -> dict[str, Any]:
        """``extra`` and ``fields`` merged: the JSON-level view of the body."""
        return {**self.extra, **self.fields}

    @property
    def image_count(self) -> int | None:
        return len(self.images) if self.kind == "edit" else None

    def describe(self) -> str:
        """``POST /v1/images/edits``-style text for logs."""
        path = "/v1/images/edits" if self.kind == "edit" else "/v1/images/generations"
        return f"POST {path}"


def _check_json(extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise InvalidRequestError(
                f"extra_body[{key!r}]: {type(value).__name__} is not JSON-serializable.", param="extra_body"
            ) from exc


def plan_request(kind: Kind, *, image: object = None, extra_body: Mapping[str, Any] | None, **named: Any) -> Plan:
    """Check the arguments against the spec (and prepare the images) without sending anything."""
    if extra_body is not None and not isinstance(extra_body, Mapping):
        raise InvalidRequestError(
            f"extra_body: expected a mapping, got {type(extra_body).__name__}.", param="extra_body"
        )
    extra = dict(extra_body or {})
    check_extra_body(kind, extra)
    _check_json(extra)
    fields = {name: value for name, value in named.items() if not isinstance(value, NotGiven)}
    if fields.get("stream") is False:
        del fields["stream"]  # the API's default; not sent
    inputs, single = as_input_list(image) if kind == "edit" else ([], True)
    check_spec(kind, {**extra, **fields}, len(inputs) if kind == "edit" else None)
    images = prepare_images(inputs, single) if kind == "edit" else []
    return Plan(kind=kind, fields=fields, extra=extra, images=images)


def form_value(value: Any) -> str:
    """How an ``extra_body`` value is written as a multipart text field (as the OpenAI SDK does)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict | list | tuple):
        return json.dumps(value)
    return str(value)


def edit_body(plan: Plan, files: list[File]) -> ImageEditRequest:
    """The generated multipart model for an edit; unset fields stay ``UNSET`` and are not sent."""
    named = {name: value for name, value in plan.fields.items() if name not in ("model", "prompt")}
    body = ImageEditRequest(model=plan.fields["model"], prompt=plan.fields["prompt"], image=files, **named)
    for key, value in plan.extra.items():
        body[key] = form_value(value)
    return body


def generation_body(plan: Plan) -> ImageGenerationRequest:
    """The generated JSON model for a generation; ``extra_body`` entries become additional properties."""
    named = {name: value for name, value in plan.fields.items() if name not in ("model", "prompt")}
    body = ImageGenerationRequest(model=plan.fields["model"], prompt=plan.fields["prompt"], **named)
    for key, value in plan.extra.items():
        body[key] = value
    return body
