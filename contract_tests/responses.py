"""Hypothesis strategies for API *responses*, generated from the spec's response schemas.

Schemathesis generates request bodies from schemas, valid (positive) or violating them
(negative). To reuse that generator for responses, each response schema the facade parses is
declared as the JSON request body of a synthetic operation in an in-memory OpenAPI document built
from the shipped spec's ``components`` (``schemathesis.openapi.from_dict``), and
``operation.as_strategy()`` draws bodies for it. Optional fields come and go, unknown extra fields
appear wherever ``additionalProperties`` allows them, and negative mode breaks the schema.

Image payloads are then replaced by real images (:func:`with_images`), since the facade must
decode them: each ``data`` item carries a real PNG/JPEG/WebP as ``b64_json``, as a ``data:`` URL,
or both.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode

from .images import EncodedImage, images
from .spec import document

RESPONSE_SCHEMAS = (
    "ImagesResponse",
    "ImageGenerationCompletedEvent",
    "ImageStreamErrorEvent",
    "ModelList",
    "ErrorResponse",
)


@functools.cache
def _responses_as_requests() -> schemathesis.BaseSchema:
    paths = {
        f"/{name}": {
            "post": {
                "operationId": f"generate{name}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                },
                "responses": {"200": {"description": "unused"}},
            }
        }
        for name in RESPONSE_SCHEMAS
    }
    synthetic = {
        "openapi": "3.1.0",
        "info": {"title": "Deepshi responses, as request bodies to generate them", "version": "1"},
        "paths": paths,
        "components": {"schemas": document()["components"]["schemas"]},
    }
    return schemathesis.openapi.from_dict(synthetic)


def bodies(name: str, mode: GenerationMode = GenerationMode.POSITIVE) -> st.SearchStrategy[Any]:
    """Bodies for ``components.schemas.<name>``: valid ones, or (negative) ones that violate it."""
    operation = _responses_as_requests()[f"/{name}"]["POST"]
    return operation.as_strategy(generation_mode=mode).map(lambda case: case.body)


def wire_json(body: Any) -> bytes:
    """The body as JSON on the wire (non-ASCII escaped, so any generated string survives)."""
    return json.dumps(body).encode("ascii")


def round_trip(body: Any) -> Any:
    """What a JSON parser reads back from :func:`wire_json` (e.g. tuples become lists)."""
    return json.loads(wire_json(body))


@dataclass(frozen=True)
class WithImages:
    """A response body whose ``data`` items carry real images, and those images in order."""

    body: dict[str, Any]
    images: list[EncodedImage]


@st.composite
def with_images(draw: st.DrawFn, body: Mapping[str, Any]) -> WithImages:
    """``body`` with a real image in every ``data`` item (as ``b64_json``, a ``data:`` URL or both)."""
    fitted = dict(round_trip(body))
    drawn: list[EncodedImage] = []
    items = []
    for item in fitted.get("data") or []:
        item = dict(item)
        image = draw(images(max_side=48))
        carrier = draw(st.sampled_from(["b64_json", "url", "both"]))
        item.pop("b64_json", None)
        item.pop("url", None)
        if carrier in ("b64_json", "both"):
            item["b64_json"] = image.b64
        if carrier in ("url", "both"):
            item["url"] = image.data_url
        items.append(item)
        drawn.append(image)
    if "data" in fitted:
        fitted["data"] = items
    return WithImages(fitted, drawn)


def images_bodies(name: str = "ImagesResponse") -> st.SearchStrategy[WithImages]:
    """Valid ``ImagesResponse``-shaped bodies (or completed events) with real images."""
    return bodies(name).flatmap(with_images)
