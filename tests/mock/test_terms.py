"""The mock takes its names from the spec: derived where the spec states them, pinned where it cannot.

A spec that renames a field, an enum value or an event type the mock uses stops the mock from
starting (``SpecMismatch`` naming it) instead of leaving a green suite against a mock that ignores
the change; a value renamed together with its ``x-deepshi-image-property`` entry reaches the
mock's answers with no edit to the mock. And no module of ``deepshi.mock`` but ``terms.py``
spells a name from the spec.
"""

from __future__ import annotations

import ast
import base64
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image as PILImage

import deepshi.mock
from deepshi import _spec
from deepshi.mock.spec import Spec
from deepshi.mock.terms import PINNED, Request, SpecMismatch, Terms, names
from tests.images import png_bytes

from .conftest import IMAGE_OPERATIONS, multipart
from .spec_copies import response_format_schema, schemas, serving, shipped_document

MOCK_DIR = Path(deepshi.mock.__file__).parent


def test_the_shipped_spec_declares_every_name_the_mock_uses() -> None:
    terms = Terms.of(Spec.shipped())

    request_schemas = {schema for _, schema in _spec.request_bodies().values()}
    enum = _spec.property_schema(sorted(request_schemas)[0], terms.response_format)["enum"]
    assert list(terms.carriers) == enum  # every value of the spec's enum, in its order
    assert terms.default_format == _spec.property_schema(sorted(request_schemas)[0], terms.response_format)["default"]
    for namespace in PINNED:
        declared = _spec.component(vars(namespace)["SCHEMA"])["properties"]
        assert set(names(namespace).values()) <= set(declared), namespace.__name__
    for schema in request_schemas:
        assert set(names(Request).values()) <= {field.wire for field in _spec.request_fields(schema)}


def test_the_derived_operations_are_the_spec_s() -> None:
    spec = Spec.shipped()
    terms = Terms.of(spec)

    def answering(schema: str) -> set[str]:
        ops = [op for item in spec.document["paths"].values() for op in item.values()]
        return {
            op["operationId"]
            for op in ops
            if spec.resolve(op["responses"]["200"])["content"]["application/json"]["schema"]
            == {"$ref": f"#/components/schemas/{schema}"}
        }

    assert terms.image_operations == answering("ImagesResponse") == set(_spec.request_bodies())
    assert {terms.catalog_operation} == answering("ModelList")


def test_the_shared_names_are_the_spec_s() -> None:
    media = {operation: media_type for operation, (media_type, _) in _spec.request_bodies().items()}
    assert set(IMAGE_OPERATIONS) == set(media) == Terms.of(Spec.shipped()).image_operations
    assert [media[operation] for operation in IMAGE_OPERATIONS] == ["application/json", "multipart/form-data"]


def _renamed_enum_value(document: dict[str, Any]) -> None:
    schema = response_format_schema(document)
    schema["enum"] = ["data_url" if value == "url" else value for value in schema["enum"]]


def _removed_field(document: dict[str, Any]) -> None:
    for name in ("ImageEditRequest", "ImageGenerationRequest"):
        del schemas(document)[name]["properties"]["resolution"]


def _renamed_event_type(document: dict[str, Any]) -> None:
    schemas(document)["ImageGenerationCompletedEvent"]["properties"]["type"]["enum"] = ["image.completed"]


def _renamed_catalog_block(document: dict[str, Any]) -> None:
    edit = schemas(document)["ModelEditSupport"]["properties"]
    edit["max_reference_images"] = edit.pop("max_images")


def _undescribed_style(document: dict[str, Any]) -> None:
    sizing = schemas(document)["Model"]["properties"]["sizing_style"]
    sizing["description"] = sizing["description"].replace("`preset_size`", "`preset`")


def _dropped_output_format(document: dict[str, Any]) -> None:
    schemas(document)["OutputFormat"]["enum"].remove("webp")


def _two_catalogs(document: dict[str, Any]) -> None:
    document["paths"]["/v1/models/all"] = {
        "get": {**document["paths"]["/v1/models"]["get"], "operationId": "allModels"}
    }


def _no_extension(document: dict[str, Any]) -> None:
    del response_format_schema(document)["x-deepshi-image-property"]


def _unknown_encoding(document: dict[str, Any]) -> None:
    response_format_schema(document)["x-deepshi-image-property"]["url"]["encoding"] = "hosted"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_renamed_enum_value, "'data_url', which x-deepshi-image-property does not map"),
        (_renamed_enum_value, "maps 'url', which is not a value of response_format's enum"),
        (_removed_field, "ImageGenerationRequest no longer declares 'resolution' (Request.RESOLUTION)"),
        (
            _renamed_event_type,
            "ImageGenerationCompletedEvent.type no longer has the value 'image_generation.completed'",
        ),
        (_renamed_catalog_block, "ModelEditSupport no longer declares 'max_images' (EditSupport.MAX_IMAGES)"),
        (_undescribed_style, "no longer describes the style `preset_size` (SizingStyle.PRESET_SIZE)"),
        (_dropped_output_format, "output_format no longer has the value 'webp', which the mock renders"),
        (_two_catalogs, "exactly one operation must answer ModelList"),
        (_no_extension, "must have x-deepshi-image-property"),
        (_unknown_encoding, "has the encoding 'hosted'"),
    ],
)
def test_a_spec_the_mock_no_longer_fits_stops_it_from_starting(
    change: Callable[[dict[str, Any]], None], named: str
) -> None:
    document = shipped_document()
    change(document)

    with pytest.raises(SpecMismatch) as raised:
        Terms.of(Spec(document))
    assert named in str(raised.value)
    with pytest.raises(SpecMismatch), serving(document):
        pass  # the MockServer is never built


def _png_size(encoded: str) -> tuple[int, int]:
    with PILImage.open(io.BytesIO(base64.b64decode(encoded))) as image:
        return image.size


def test_a_value_renamed_with_its_extension_entry_reaches_the_answers() -> None:
    document = shipped_document()
    schema = response_format_schema(document)
    schema["enum"] = ["b64_json", "data_url"]
    carriers = schema["x-deepshi-image-property"]
    carriers["data_url"] = carriers.pop("url")

    with serving(document) as mock:
        headers = {"authorization": f"Bearer {mock.api_key}"}
        generated = httpx.post(
            mock.base_url + "/images/generations",
            json={"model": "nano-banana-2", "prompt": "x", "response_format": "data_url"},
            headers=headers,
        )
        body, content_type = multipart(
            [
                ("model", "nano-banana-2"),
                ("prompt", "x"),
                ("response_format", "data_url"),
                ("stream", "true"),
                ("image[]", ("a.png", png_bytes(), "image/png")),
            ]
        )
        streamed = httpx.post(
            mock.base_url + "/images/edits", content=body, headers={**headers, "content-type": content_type}
        )
        old_name = httpx.post(
            mock.base_url + "/images/generations",
            json={"model": "nano-banana-2", "prompt": "x", "response_format": "url"},
            headers=headers,
        )

    assert generated.status_code == 200, generated.text
    [item] = generated.json()["data"]
    assert set(item) == {"index", "url"}  # the property the extension names for data_url
    assert item["url"].startswith("data:image/png;base64,")
    assert _png_size(item["url"].partition(",")[2]) == (1024, 1024)
    event = json.loads(streamed.text.split("data: ", 1)[1])
    assert event["data"][0]["url"].startswith("data:image/png;base64,")  # the items as asked
    assert event["b64_json"] == event["data"][0]["url"].partition(",")[2]  # OpenAI's field beside them
    assert old_name.status_code == 400  # the old value is gone from the enum
    assert old_name.json()["error"]["param"] == "response_format"


# --- no module but terms.py spells a name from the spec ------------------------------------------


def _spec_names() -> set[str]:
    """Operation ids, paths, schema names, property names and enum values of the shipped spec."""
    document = Spec.shipped().document
    found: set[str] = set(document["paths"]) | set(document["components"]["schemas"])

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.update(node.get("properties") or {})
            found.update(value for value in node.get("enum") or [] if isinstance(value, str))
            if isinstance(node.get("operationId"), str):
                found.add(node["operationId"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


NOT_THE_SPEC = {
    # the same word, meaning something else: (module, literal) -> what it is there
    ("app.py", "type"): "the ASGI message and scope key",
    ("body.py", "type"): "the ASGI message key",
    ("protocol.py", "type"): "the ASGI message key",
    ("wire.py", "type"): "the ASGI message key",
    ("spec.py", "type"): "a JSON Schema / security scheme keyword",
    ("validation.py", "type"): "a JSON Schema keyword",
    ("examples.py", "type"): "a JSON Schema keyword",
    ("examples.py", "object"): "a JSON Schema type",
    ("catalog.py", "type"): "a JSON Schema keyword (the request field's type)",
    ("spec.py", "default"): "a JSON Schema keyword",
    ("examples.py", "default"): "a JSON Schema keyword",
    ("spec.py", "parameters"): "an OpenAPI keyword",
    ("examples.py", "minimum"): "a JSON Schema keyword",
    ("examples.py", "maximum"): "a JSON Schema keyword",
    ("cassettes.py", "stream"): "the cassette format's key",
    ("cassettes.py", "event"): "the cassette format's key",
    ("cassettes.py", "data"): "the cassette format's key",
    ("record.py", "stream"): "the cassette format's key",
    ("record.py", "event"): "the cassette format's key",
    ("record.py", "data"): "the cassette format's key",
    ("sse.py", "event"): "the SSE field name",
    ("sse.py", "data"): "the SSE field name",
    ("record.py", "png"): "a file extension",
    ("record.py", "webp"): "a file extension",
    ("record.py", "size"): "the cassette's recorded-file note",
    ("images.py", "quality"): "Pillow's encoder option",
    ("images.py", "png"): "images.FORMATS, pinned against the output_format enum (terms.py)",
    ("images.py", "jpeg"): "images.FORMATS, pinned against the output_format enum (terms.py)",
    ("images.py", "webp"): "images.FORMATS, pinned against the output_format enum (terms.py)",
    ("faults.py", "message"): "a Fault attribute",
    ("faults.py", "code"): "a Fault attribute",
}


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):  # attribute docstrings (a string statement after an assignment)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_mock_module_but_terms_spells_a_name_from_the_spec() -> None:
    spec_names = _spec_names()
    found = [
        f"{path.name}:{line}: {value!r}"
        for path in sorted(MOCK_DIR.glob("*.py"))
        if path.name != "terms.py"
        for line, value in _literals(path)
        if value in spec_names and (path.name, value) not in NOT_THE_SPEC
    ]
    assert not found, (
        "these literals restate the spec: derive them from it or pin them in deepshi/mock/terms.py\n  "
        + "\n  ".join(found)
    )


def test_the_exemptions_are_still_needed() -> None:
    used = {(path.name, value) for path in MOCK_DIR.glob("*.py") for _, value in _literals(path)}
    assert not set(NOT_THE_SPEC) - used, "exemptions no module needs any more"


def test_the_guard_sees_a_restated_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc mentioning url."""\nURL = "url"\n"""An attribute docstring: b64_json."""\n')

    assert _literals(sample) == [(2, "url")]
    assert "url" in _spec_names()
