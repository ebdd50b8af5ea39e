"""The mock follows spec changes with no hand edit: a new operation is served, validated by the spec.

On a temporary copy of the repository, ``GET /v1/models/{model}`` (answering one ``Model``) is
added to the published spec (``openapi/upstream/deepshi.yaml``) and the client is regenerated with
the regen command's first stages (``speclayers.write``, then ``scripts/regen.py``'s ``generate``:
they write ``openapi/deepshi.yaml``, the ``deepshi_openapi`` package and the spec it ships, which is
all the mock reads). Nothing under ``wrapper/`` is edited. Then,
in a child process importing the copy's packages:

* the copy's mock answers the new path (a template: ``/v1/models/nano-banana-2``) from the spec
  alone, and schemathesis validates that answer against the copy's spec;
* contract 1 (``test_server_conforms_to_spec``) runs on the copy for the models operations, the
  new one included: every answer to generated requests (valid and invalid path parameters, with
  and without credentials) conforms to the copy's spec.

The whole ``python scripts/regen.py`` also renders the facade's surface (stage 2), which refuses
an operation with a path parameter until the facade renders those (and until
``openapi/surface/surface.yaml`` names the operation): the facade's part of the change, not the mock's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .pytest_runs import PytestRun, run_all
from .test_suite_has_teeth import copy_environment, make_copy

NEW_PATH = "/v1/models/{model}"
GET_MODEL = {
    "operationId": "getModel",
    "tags": ["Models"],
    "summary": "Retrieve a model",
    "description": "One model of the catalog, by id.",
    "parameters": [
        {
            "name": "model",
            "in": "path",
            "required": True,
            "description": "The model id.",
            "schema": {"type": "string", "minLength": 1},
        }
    ],
    "responses": {
        "200": {
            "description": "The model.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}},
        },
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "429": {"$ref": "#/components/responses/RateLimited"},
        "5XX": {"$ref": "#/components/responses/ServerError"},
    },
}

SERVE_AND_VALIDATE = """
import json, httpx, schemathesis, deepshi.mock, deepshi_openapi.api.models.get_model
from deepshi.mock import MockServer
from contract_tests.spec import spec_path

operation = schemathesis.openapi.from_path(str(spec_path()))["/v1/models/{model}"]["GET"]
with MockServer() as mock:
    response = httpx.get(mock.url + "/v1/models/nano-banana-2", headers={"Authorization": f"Bearer {mock.api_key}"})
    response.request.read()
    operation.validate_response(response)
    print(json.dumps({"status": response.status_code, "match": response.headers["x-deepshi-mock-match"],
                      "body": response.json(), "mock": deepshi.mock.__file__}))
"""


def _regenerate_client(copy: Path) -> subprocess.CompletedProcess[str]:
    """Stage 1 of ``scripts/regen.py`` on the copy: the generated package and the spec it ships."""
    stage_one = (
        "import shutil, sys, tempfile; from pathlib import Path; sys.path.insert(0, 'scripts'); import regen\n"
        "import speclayers\n"
        "built = speclayers.write()  # stage L: openapi/deepshi.yaml and the generator's input\n"
        "with tempfile.TemporaryDirectory() as tmp:\n"
        "    generator_input = Path(tmp) / 'generator-input.yaml'\n"
        "    generator_input.write_text(built.generator_text, encoding='utf-8')\n"
        "    fresh = regen.generate(Path(tmp) / 'generated', generator_input, built.users_text)\n"
        "    shutil.rmtree(regen.TARGET); shutil.copytree(fresh, regen.TARGET)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", stage_one],
        cwd=copy,
        env=copy_environment(copy),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = make_copy(tmp_path_factory.mktemp("mock-follows-spec") / "repo")
    spec = target / "openapi" / "upstream" / "deepshi.yaml"  # Deepshi publishes the operation
    document: dict[str, Any] = yaml.safe_load(spec.read_text(encoding="utf-8"))
    document["paths"][NEW_PATH] = {"get": GET_MODEL}
    spec.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    wrapper_before = {p.relative_to(target): p.read_bytes() for p in (target / "wrapper").rglob("*.py")}
    regen = _regenerate_client(target)
    assert regen.returncode == 0, regen.stdout + regen.stderr
    shipped = target / "generated" / "deepshi_openapi" / "openapi.yaml"
    assert NEW_PATH in yaml.safe_load(shipped.read_text(encoding="utf-8"))["paths"]
    assert {p.relative_to(target): p.read_bytes() for p in (target / "wrapper").rglob("*.py")} == wrapper_before
    shutil.rmtree(target / "wrapper" / "deepshi" / "mock" / "__pycache__", ignore_errors=True)
    return target


def test_the_copy_s_mock_serves_a_new_operation_as_its_spec_documents(copy: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVE_AND_VALIDATE],
        cwd=copy,
        env=copy_environment(copy),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(seen["mock"]).resolve().is_relative_to(copy.resolve())
    assert (seen["status"], seen["match"]) == (200, "synthesized")
    assert seen["body"]["id"]  # the documented Model, not an images answer
    assert "data" not in seen["body"]


def test_contract_1_holds_for_the_new_operation_on_the_copy(copy: Path) -> None:
    [finished] = run_all(
        [
            PytestRun(
                "models",
                [
                    "contract_tests/test_mock_conforms_to_spec.py",
                    "-k",
                    "test_server_conforms_to_spec and models",
                    "-v",
                ],
                copy,
                copy_environment(copy),
            )
        ]
    )

    assert finished.returncode == 0, finished.describe()
    assert "GET /v1/models/{model}" in finished.output, finished.describe()  # the new operation was exercised
