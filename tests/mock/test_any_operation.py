"""Any operation of the spec is served: path templates matched, answers derived from the spec.

The spec copies here add operations the shipped spec does not have (``GET /v1/models/{model}``
among them) and a real mock built on the copy serves them: validated parameters, an answer from
a cassette when one matches, else the documented example or a minimal instance of the response
schema, each checked against the copy's own schema (not by the mock's code).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from deepshi.mock.examples import NoAnswer, documented_answer, minimal
from deepshi.mock.spec import Spec

from .spec_copies import MODEL_PATH, add_get_model, schemas, serving, shipped_document, validator


def _with_get_model() -> dict[str, Any]:
    document = shipped_document()
    add_get_model(document)
    return document


def test_path_templates_are_matched_after_concrete_paths() -> None:
    spec = Spec(_with_get_model())

    route = spec.route("GET", "/v1/models/nano-banana-2")
    assert route is not None
    assert (route.operation.operation_id, dict(route.path_values)) == ("getModel", {"model": "nano-banana-2"})
    assert spec.route("GET", "/v1/models").operation.operation_id == "listModels"  # type: ignore[union-attr]
    assert spec.route("GET", "/v1/models/a%2Fb").path_values == {"model": "a/b"}  # type: ignore[union-attr]
    assert spec.route("GET", "/v1/models/") is None  # an empty segment is no value
    assert spec.route("GET", "/v1/models/a/b") is None
    assert spec.route("POST", "/v1/models/x") is None
    assert spec.path_exists("/v1/models/x")
    assert spec.allowed_methods("/v1/models/x") == ["GET"]


@pytest.fixture(scope="module")
def get_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], httpx.Client]]:
    """A mock on a spec copy with ``GET /v1/models/{model}``; a cassette answers for ``flux-2-pro`` only."""
    document = _with_get_model()
    cassettes = tmp_path_factory.mktemp("get-model")
    (cassettes / "models.yaml").write_text(
        "interactions:\n"
        "  - request: {operation: getModel, model: flux-2-pro}\n"
        "    response: {status: 200, body: {id: flux-2-pro, object: model, owned_by: black-forest-labs}}\n"
    )
    with (
        serving(document, cassettes=cassettes) as mock,
        httpx.Client(base_url=mock.url, headers={"authorization": f"Bearer {mock.api_key}"}, timeout=10) as client,
    ):
        yield document, client


def test_a_new_operation_is_served_from_its_documented_schema(get_model: tuple[dict[str, Any], httpx.Client]) -> None:
    document, client = get_model

    response = client.get("/v1/models/nano-banana-2")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-deepshi-mock-match"] == "synthesized"
    assert response.headers["x-request-id"]
    answer = response.json()
    validator(document, {"$ref": "#/components/schemas/Model"}).validate(answer)
    assert answer == schemas(document)["Model"]["example"]  # the schema's documented example, not an image answer


def test_a_cassette_can_match_on_a_path_parameter(get_model: tuple[dict[str, Any], httpx.Client]) -> None:
    _, client = get_model

    response = client.get("/v1/models/flux-2-pro")

    assert response.headers["x-deepshi-mock-match"] == "recorded"
    assert response.json()["owned_by"] == "black-forest-labs"


def test_a_new_operation_keeps_auth_and_methods(get_model: tuple[dict[str, Any], httpx.Client]) -> None:
    _, client = get_model

    unauthorized = httpx.get(str(client.base_url) + "/v1/models/nano-banana-2")
    wrong_method = client.post("/v1/models/nano-banana-2")
    catalog = client.get("/v1/models")

    assert unauthorized.status_code == 401
    assert (wrong_method.status_code, wrong_method.headers["allow"]) == (405, "GET")
    assert catalog.status_code == 200
    assert len(catalog.json()["data"]) > 1  # the concrete path still lists the whole catalog


def _usage_operation(schema: dict[str, Any], parameters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    document = shipped_document()
    document["paths"]["/v1/usage"] = {
        "get": {
            "operationId": "getUsage",
            "parameters": parameters or [],
            "responses": {
                "200": {"description": "Usage.", "content": {"application/json": {"schema": schema}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
            },
        }
    }
    return document


USAGE = {
    "type": "object",
    "required": ["total", "currency", "days", "plan"],
    "properties": {
        "total": {"type": "number", "exclusiveMinimum": 0},
        "currency": {"type": "string", "minLength": 3},
        "days": {"type": "array", "minItems": 2, "items": {"type": "integer", "minimum": 1}},
        "plan": {"oneOf": [{"$ref": "#/components/schemas/Cost"}, {"type": "string"}]},
        "note": {"type": "string"},
    },
}
LIMIT = {"name": "limit", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}}


def test_without_any_example_a_minimal_instance_of_the_schema_is_answered() -> None:
    document = _usage_operation(USAGE, [LIMIT])

    with serving(document) as mock:
        headers = {"authorization": f"Bearer {mock.api_key}"}
        ok = httpx.get(mock.url + "/v1/usage?limit=3", headers=headers)
        too_small = httpx.get(mock.url + "/v1/usage?limit=0", headers=headers)
        missing = httpx.get(mock.url + "/v1/usage", headers=headers)
        twice = httpx.get(mock.url + "/v1/usage?limit=2&limit=3", headers=headers)

    assert ok.status_code == 200, ok.text
    validator(document, USAGE).validate(ok.json())
    assert ok.json() == {"total": 0.5, "currency": "xxx", "days": [1, 1], "plan": {"total_cost": 0.000135}}
    for refused, needle in ((too_small, "less than the minimum"), (missing, "Missing required"), (twice, "once")):
        assert refused.status_code == 400
        assert refused.json()["error"]["param"] == "limit"
        assert needle in refused.json()["error"]["message"]


def test_an_answer_the_mock_cannot_build_is_a_500_naming_the_operation() -> None:
    unbuildable = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "pattern": "^u_"}}}

    with serving(_usage_operation(unbuildable)) as mock:
        response = httpx.get(mock.url + "/v1/usage", headers={"authorization": f"Bearer {mock.api_key}"})

    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "mock_cannot_answer"
    assert "getUsage" in error["message"]
    assert "add a cassette" in error["message"]


def test_invalid_examples_are_skipped_and_minimal_follows_the_keywords() -> None:
    document = _usage_operation(USAGE)
    media = document["paths"]["/v1/usage"]["get"]["responses"]["200"]["content"]["application/json"]
    media["example"] = {"total": -1}  # does not validate: skipped
    media["examples"] = {"good": {"value": {"total": 2, "currency": "EUR", "days": [3, 4], "plan": "pro"}}}
    spec = Spec(document)

    answer = documented_answer(spec, spec.by_id["getUsage"])

    assert (answer.status, answer.media_type, answer.body) == (
        200,
        "application/json",
        media["examples"]["good"]["value"],
    )
    assert minimal(spec, {"allOf": [{"required": ["a"], "properties": {"a": {"const": 1}}}, {"required": ["b"]}]}) == {
        "a": 1,
        "b": None,
    }
    assert minimal(spec, {"type": ["null", "integer"], "minimum": 5, "maximum": 3}) == 3
    assert minimal(spec, {"$ref": "#/components/schemas/ResponseFormat"}) == "b64_json"  # its example
    with pytest.raises(NoAnswer, match="no 2xx"):
        documented_answer(spec, _operation_without_success(document))


def _operation_without_success(document: dict[str, Any]) -> Any:
    document["paths"]["/v1/nothing"] = {
        "get": {"operationId": "nothing", "responses": {"404": {"$ref": "#/components/responses/NotFound"}}}
    }
    return Spec(document).by_id["nothing"]


def test_the_shipped_operations_still_answer_as_before(api: httpx.Client) -> None:
    assert Spec.shipped().route("GET", MODEL_PATH.replace("{model}", "x")) is None  # not in the shipped spec
    assert api.get("/models").headers["x-deepshi-mock-match"] == "recorded"
