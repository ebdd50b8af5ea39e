"""The run from outside re-checks what its configuration relaxes (``run_schemathesis_cli.py``).

``schemathesis-outside.toml`` lets a schema-valid image request be answered 400, because JSON
Schema cannot say which model ids exist, how many images a model takes, or that a file must be
an image. The runner's report check must still fail a run in which such a request is refused for
any other reason, as a mock with ``--strict-parameters`` does (it refuses the schema-valid
``resolution: "0"`` the API ignores) while schemathesis itself, so configured, passes.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from .run_schemathesis_cli import check_report, outside_run, relaxed_operations


def _scenario(cases: dict[str, tuple[str, str, str, int, str, dict[str, Any]]]) -> str:
    recorder: dict[str, Any] = {"label": "x", "cases": {}, "interactions": {}, "checks": {}}
    for case_id, (method, path, mode, status, content_type, body) in cases.items():
        recorder["cases"][case_id] = {"value": {"method": method, "path": path, "meta": {"generation": {"mode": mode}}}}
        recorder["interactions"][case_id] = {
            "response": {
                "status_code": status,
                "headers": {"content-type": [content_type]},
                "content": {"$base64": base64.b64encode(json.dumps(body).encode()).decode()},
            }
        }
    return json.dumps({"ScenarioFinished": {"recorder": recorder}})


def test_only_the_400s_the_schema_cannot_express_pass(tmp_path: Path) -> None:
    def error(code: str) -> dict[str, Any]:
        return {"error": {"message": "m", "type": "invalid_request_error", "code": code, "param": None}}

    edits, generations = ("POST", "/v1/images/edits"), ("POST", "/v1/images/generations")
    report = tmp_path / "report.ndjson"
    report.write_text(
        _scenario(
            {
                "ok1": (*edits, "positive", 200, "text/event-stream", {}),
                "ok2": (*generations, "positive", 200, "text/event-stream", {}),
                "unknown": (*generations, "positive", 400, "application/json", error("model_not_found")),
                "capped": (*edits, "positive", 400, "application/json", error("too_many_images")),
                "gif": (*edits, "positive", 400, "application/json", error("invalid_image_format")),
                "invalid": (*generations, "negative", 400, "application/json", error("invalid_value")),
                "refused": (*generations, "positive", 400, "application/json", error("invalid_value")),
            }
        )
        + "\n"
    )

    found = check_report(report, relaxed_operations())

    assert relaxed_operations() == {"createImage", "editImage"}
    assert dict(found.rejections) == {"model_not_found": 1, "too_many_images": 1, "invalid_image_format": 1}
    [problem] = found.problems
    assert "case refused" in problem
    assert "answered 400 'invalid_value'" in problem


def test_a_run_without_streams_fails(tmp_path: Path) -> None:
    report = tmp_path / "report.ndjson"
    report.write_text(
        _scenario({"json": ("POST", "/v1/images/generations", "positive", 200, "application/json", {})}) + "\n"
    )

    problems = check_report(report, relaxed_operations()).problems

    assert any("POST /v1/images/edits: no schema-valid request was answered 2xx" in p for p in problems)
    assert any("POST /v1/images/generations: no 2xx event stream" in p for p in problems)


def test_the_check_catches_a_mock_stricter_than_the_docs() -> None:
    returncode, found = outside_run(
        "--strict-parameters", extra=("--phases", "coverage", "--include-operation-id", "createImage")
    )

    assert returncode == 0  # schemathesis, told that 400 is acceptable, passes...
    assert any("answered 400 'invalid_value'" in problem for problem in found.problems)  # ...the re-check does not
