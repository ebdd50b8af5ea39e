"""The spec is valid OpenAPI 3.1, and every operation it declares has a generated module."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "deepshi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    assert spec["servers"] == [{"url": "https://api.deepshi.ai", "description": "Deepshi API"}]


def test_every_operation_requires_bearer_auth(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["BearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["BearerAuth"]["description"],
    }
    for path, method, op in operations(spec):
        assert op.get("security", spec["security"]) == [{"BearerAuth": []}], (path, method)
        assert path.startswith("/v1/")


def test_operation_ids_and_tags(spec: dict[str, Any]) -> None:
    found = {(op["operationId"], op["tags"][0]) for _, _, op in operations(spec)}
    assert found == {("editImage", "Images"), ("createImage", "Images"), ("listModels", "Models")}


@pytest.mark.parametrize("name", ["edit_image", "create_image", "list_models"])
def test_every_operation_id_has_a_generated_module(spec: dict[str, Any], name: str) -> None:
    by_id = {snake(op["operationId"]): op for _, _, op in operations(spec)}
    assert name in by_id
    tag = by_id[name]["tags"][0].lower()
    module = importlib.import_module(f"deepshi_openapi.api.{tag}.{name}")
    for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, function))


def test_generated_modules_cover_exactly_the_spec(spec: dict[str, Any]) -> None:
    api_dir = Path(importlib.import_module("deepshi_openapi.api").__file__ or "").parent
    generated = {p.stem for p in api_dir.glob("*/*.py") if p.stem != "__init__"}
    assert generated == {snake(op["operationId"]) for _, _, op in operations(spec)}


def test_edit_body_is_one_flat_object_declaring_both_spellings(spec: dict[str, Any]) -> None:
    """Decision 1: `image[]` and `image` declared alike, one of them required, and known as one field."""
    schema = spec["components"]["schemas"]["ImageEditRequest"]
    assert not {"oneOf", "allOf"} & set(schema)
    assert schema["type"] == "object"
    assert schema["required"] == ["model", "prompt"]
    # at least one file under one spelling; the minimum lives in the branch, since an empty list is
    # no part on the wire (`image: []` beside `image[]` files is the same request as without it)
    assert schema["anyOf"] == [
        {"required": ["image[]"], "properties": {"image[]": {"minItems": 1}}},
        {"required": ["image"], "properties": {"image": {"minItems": 1}}},
    ]
    brackets, plain = schema["properties"]["image[]"], schema["properties"]["image"]
    for images in (brackets, plain):
        assert (images.get("minItems"), images["maxItems"]) == (None, 14)
        assert images["items"] == {"type": "string", "format": "binary", "contentMediaType": "application/octet-stream"}
    assert schema["x-deepshi-field-aliases"] == {"image[]": ["image"]}
    encoding = spec["paths"]["/v1/images/edits"]["post"]["requestBody"]["content"]["multipart/form-data"]["encoding"]
    assert encoding["image[]"] == encoding["image"]
    assert encoding["image[]"]["contentType"] == "image/png, image/jpeg, image/webp"
    for field in ("model", "prompt"):
        assert schema["properties"][field]["minLength"] == 1


def test_edit_fields_match_the_reference_page(spec: dict[str, Any]) -> None:
    edit = spec["components"]["schemas"]["ImageEditRequest"]["properties"]
    generate = spec["components"]["schemas"]["ImageGenerationRequest"]["properties"]
    page_fields = [
        "model", "prompt", "image[]", "image", "n", "response_format", "output_format", "stream", "seed",
        "width", "height", "aspect_ratio", "resolution", "quality", "image_size",
    ]  # fmt: skip
    assert list(edit) == page_fields
    assert list(generate) == [f for f in page_fields if f not in ("image[]", "image")]
    schemas = spec["components"]["schemas"]
    count = schemas["ImageCount"]
    assert (count["minimum"], count["maximum"], count["default"]) == (1, 4, 1)
    assert schemas["ResponseFormat"]["enum"] == ["b64_json", "url"]
    assert schemas["ResponseFormat"]["default"] == "b64_json"
    assert schemas["OutputFormat"]["enum"] == ["png", "jpeg", "webp"]
    assert "default" not in schemas["OutputFormat"]
    assert schemas["Quality"]["enum"] == ["low", "medium", "high"]
    assert schemas["StreamFlag"]["default"] is False
    assert spec["components"]["schemas"]["ImageGenerationRequest"]["additionalProperties"] is True


def test_both_image_operations_answer_json_and_sse(spec: dict[str, Any]) -> None:
    ok = spec["components"]["responses"]["ImagesOk"]["content"]
    assert set(ok) == {"application/json", "text/event-stream"}
    data = ok["text/event-stream"]["schema"]
    message = spec["components"]["schemas"][data["$ref"].rsplit("/", 1)[1]]
    assert message["properties"]["data"]["contentMediaType"] == "application/json"
    assert message["properties"]["data"]["contentSchema"] == {"$ref": "#/components/schemas/ImageStreamEvent"}
    event = spec["components"]["schemas"]["ImageStreamEvent"]
    assert set(event["discriminator"]["mapping"]) == {"image_generation.completed", "error"}


def test_error_responses_are_declared_and_shared(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        declared = set(op["responses"])
        expected = {"200", "401", "403", "429", "5XX"}
        if method == "post":
            expected |= {"400", "402", "404", "413", "422"}
        assert declared == expected, (path, method)
        for status in declared - {"200"}:
            assert op["responses"][status]["$ref"].startswith("#/components/responses/")
    limited = spec["components"]["responses"]["RateLimited"]
    assert "Retry-After" in limited["headers"]
    detail = spec["components"]["schemas"]["ErrorDetail"]
    assert detail["required"] == ["message", "type"]
    assert detail["properties"]["code"]["type"] == ["string", "null"]
    assert detail["properties"]["param"]["type"] == ["string", "null"]


def test_every_schema_and_response_has_an_example(spec: dict[str, Any]) -> None:
    missing = [
        name
        for name, schema in spec["components"]["schemas"].items()
        if "example" not in schema and "examples" not in schema and "oneOf" not in schema
    ]
    assert missing == []
    for name, response in spec["components"]["responses"].items():
        for media, content in response["content"].items():
            assert "example" in content or "examples" in content, (name, media)


def test_description_lists_each_decision(spec: dict[str, Any]) -> None:
    text = spec["info"]["description"]
    for topic in ("`image` alias", "Streaming", "Models catalog", "Errors", "Extra fields"):
        assert topic in text


def test_packaged_spec_is_the_source_spec() -> None:
    packaged = Path(importlib.import_module("deepshi_openapi").__file__ or "").parent / "openapi.yaml"
    assert packaged.read_bytes() == SPEC_PATH.read_bytes()
