"""Changed copies of the shipped spec, and real mock servers that serve one (for spec-change tests).

``serving(document)`` starts a real ``MockServer`` whose app reads ``document`` instead of the
shipped spec (``Spec.shipped`` is patched only while the app is built), so a test can change the
spec the way Deepshi's docs might and watch the mock follow, without regenerating anything. The
contract suite does the same through the one regenerate command (contract_tests/test_mock_follows_spec.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from deepshi.mock import MockServer
from deepshi.mock.spec import Spec

MODEL_PATH = "/v1/models/{model}"


def shipped_document() -> dict[str, Any]:
    """A deep copy of the shipped spec, safe to change."""
    return copy.deepcopy(Spec.shipped().document)


def schemas(document: Mapping[str, Any]) -> Any:
    return document["components"]["schemas"]


def response_format_schema(document: Mapping[str, Any]) -> Any:
    """The schema of the request field that has ``x-deepshi-image-property`` (found, not named)."""
    found = [
        schema
        for schema in schemas(document).values()
        if isinstance(schema, dict) and "x-deepshi-image-property" in schema
    ]
    assert len(found) == 1
    return found[0]


def add_get_model(document: dict[str, Any], responses: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add ``GET /v1/models/{model}`` (answering one ``Model``) to ``document``; returns the operation."""
    operation = {
        "operationId": "getModel",
        "tags": ["Models"],
        "summary": "Retrieve a model",
        "parameters": [
            {"name": "model", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}},
        ],
        "responses": responses
        or {
            "200": {
                "description": "The model.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}},
            },
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }
    document["paths"][MODEL_PATH] = {"get": operation}
    return operation


def validator(document: Mapping[str, Any], schema: Mapping[str, Any]) -> OAS31Validator:
    """A validator for ``schema`` (with ``#/`` references into ``document``)."""
    registry: Registry[Any] = Registry().with_resource("urn:copy", DRAFT202012.create_resource(dict(document)))
    return OAS31Validator({"allOf": [_into(schema)]}, registry=registry)


def _into(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: "urn:copy" + v if k == "$ref" and isinstance(v, str) else _into(v) for k, v in node.items()}
    return [_into(v) for v in node] if isinstance(node, list) else node


@contextmanager
def serving(document: dict[str, Any], **settings: Any) -> Iterator[MockServer]:
    """A started ``MockServer`` built on ``document`` instead of the shipped spec."""
    changed = Spec(document)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Spec, "shipped", staticmethod(lambda: changed))
        server = MockServer(**settings)
    with server:
        yield server
