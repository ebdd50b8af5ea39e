"""Contract 7, the facade against the target: the local mock, or a live deployment (``target.py``).

Read-only, always: the facade's ``models.list()`` of the target equals what the target answers
on the wire, and that answer conforms to the spec.

Cheap edits, only where they cost nothing (the mock) or are explicitly allowed
(``DEEPSHI_CONTRACT_ALLOW_EDITS=1`` with a live target): one plain and one streamed edit of a tiny
PNG with ``n=1`` and the smallest output the model lists (first allowed value, minimum size). The
plain answer must pass schemathesis' checks and the project's; the streamed one must end in an
``image_generation.completed`` event that validates against the spec; both must decode to images
of the size they claim. Without the opt-in these tests are not collected at all, so a live run
never edits by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import schemathesis

from deepshi import Deepshi, ImageCompletedEvent, ImagesResult, ImageStream

from .checks import run_project_checks
from .failures import mismatch
from .images import pixel_size, render
from .spec import component_validator, spec_path
from .target import Target, live_target

_schema = schemathesis.openapi.from_path(str(spec_path()))
_live = live_target(os.environ)


def _client(target: Target, **kwargs: Any) -> Deepshi:
    return Deepshi(api_key=target.api_key, base_url=target.origin, max_retries=0, **kwargs)


def test_facade_catalog_is_the_targets(target: Target) -> None:
    raw = httpx.get(f"{target.origin}/v1/models", headers=target.headers, timeout=30)
    raw.request.read()
    _schema["/v1/models"]["GET"].validate_response(raw)
    with _client(target) as client:
        catalog = client.models.list()
    assert catalog.raw.to_dict() == raw.json(), mismatch(
        received=f"facade catalog {catalog.ids}",
        documented=f"the target's GET /v1/models: {[m['id'] for m in raw.json()['data']]}",
    )


def cheap_edit_arguments(target: Target, catalog: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Arguments for the cheapest edit the catalog allows (see the module docstring)."""
    editors = [m for m in catalog if (m.get("edit") or {}).get("supported")]
    chosen = next((m for m in editors if m["id"] == target.edit_model), None) if target.edit_model else None
    model = chosen or editors[0]
    arguments: dict[str, Any] = {
        "model": model["id"],
        "prompt": "contract test: a single dot",
        "image": render("image/png", 16, 16, seed=7, noise=0).data,
    }
    for name, declared in (model.get("parameters") or {}).items():
        allowed = declared.get("allowed_values")
        if name == "n":
            arguments["n"] = 1
        elif name in ("resolution", "image_size", "quality") and allowed:
            arguments[name] = allowed[0]
        elif name in ("width", "height") and declared.get("minimum") is not None:
            arguments[name] = int(declared["minimum"])
    return arguments


if _live is None or _live.allow_edits:

    def test_cheap_edit_conforms(target: Target, target_catalog: Sequence[Mapping[str, Any]]) -> None:
        captured: list[httpx.Response] = []
        # The request body is kept (read before sending) because schemathesis reports it with a failure.
        hooks = {"request": [lambda request: request.read()], "response": [captured.append]}
        with httpx.Client(event_hooks=hooks) as http, _client(target, http_client=http) as client:
            result = client.images.edit(**cheap_edit_arguments(target, target_catalog))
        assert isinstance(result, ImagesResult)
        assert result.images
        [response] = [r for r in captured if r.request.url.path == "/v1/images/edits"]
        operation = _schema["/v1/images/edits"]["POST"]
        operation.validate_response(response)
        case = operation.Case(media_type="multipart/form-data")
        run_project_checks(schemathesis.Response.from_any(response), case)

    def test_cheap_streamed_edit_conforms(target: Target, target_catalog: Sequence[Mapping[str, Any]]) -> None:
        with _client(target) as client:
            stream = client.images.edit(**cheap_edit_arguments(target, target_catalog), stream=True)
            assert isinstance(stream, ImageStream)
            with stream:
                events = list(stream)
                result = stream.final_result()
        completed = events[-1]
        assert isinstance(completed, ImageCompletedEvent), f"the stream did not end with its completed event: {events}"
        validator = component_validator("ImageGenerationCompletedEvent")
        problems = [e.message for e in validator.iter_errors(completed.raw.to_dict())]
        assert not problems, mismatch(received=f"terminal event {problems}", documented="ImageGenerationCompletedEvent")
        for image in result.images:
            width, height = pixel_size(image.data)
            assert result.size == f"{width}x{height}", mismatch(
                received=f"a {width}x{height} image", documented=f"`size` {result.size!r}"
            )
