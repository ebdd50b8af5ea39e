"""Every request is journaled: fields after coercion, files by digest, never the key or the bytes."""

from __future__ import annotations

import hashlib
import json
import time

import httpx

from deepshi.mock import FileRecord, MockServer
from tests.images import jpeg_bytes, png_bytes, webp_bytes

from .conftest import post_form


def test_an_edit_is_journaled_field_by_field(api: httpx.Client, deepshi_mock: MockServer) -> None:
    before = time.time()
    response = post_form(
        api,
        [
            ("model", "nano-banana-2"),
            ("prompt", "make it blue"),
            ("image[]", ("first.png", png_bytes(), "image/png")),
            ("n", "2"),
            ("stream", "false"),
            ("image", ("second.jpg", jpeg_bytes(), "image/jpeg")),
            ("aspect_ratio", "16:9"),
            ("image[]", ("third.webp", webp_bytes(), None)),
        ],
        params={"trace": "1", "api_key": "sk-bf-in-the-query-123"},
        headers={"x-api-key": "sk-bf-another-secret-1", "user-agent": "journal-test"},
    )
    assert response.status_code == 200

    [entry] = deepshi_mock.journal
    assert before <= entry.time <= time.time()
    assert (entry.method, entry.path, entry.operation) == ("POST", "/v1/images/edits", "editImage")
    assert entry.fields == {
        "model": "nano-banana-2",
        "prompt": "make it blue",
        "n": 2,
        "stream": False,
        "aspect_ratio": "16:9",
    }
    assert entry.files == [
        FileRecord("image[]", "first.png", "image/png", len(png_bytes()), hashlib.sha256(png_bytes()).hexdigest()),
        FileRecord("image", "second.jpg", "image/jpeg", len(jpeg_bytes()), hashlib.sha256(jpeg_bytes()).hexdigest()),
        FileRecord("image[]", "third.webp", None, len(webp_bytes()), hashlib.sha256(webp_bytes()).hexdigest()),
    ]
    assert (entry.valid, entry.status, entry.error, entry.fault) == (True, 200, None, None)
    assert entry.request_id == response.headers["x-request-id"]
    assert entry.headers["authorization"] == "[REDACTED]"
    assert entry.headers["x-api-key"] == "[REDACTED]"
    assert entry.headers["user-agent"] == "journal-test"
    assert entry.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert entry.query == "trace=1&api_key=%5BREDACTED%5D"
    dumped = json.dumps(entry.to_dict())
    for secret in ("sk-bf-mock-test-key", "sk-bf-in-the-query-123", "sk-bf-another-secret-1"):
        assert secret not in dumped
    assert png_bytes().hex()[:40] not in dumped


def test_a_generation_journals_the_json_keys(api: httpx.Client, deepshi_mock: MockServer) -> None:
    body = {"model": "flux-2-pro", "prompt": "a fox", "width": 512, "height": 768, "extra_param": {"a": 1}}
    api.post("/images/generations", json=body)

    [entry] = deepshi_mock.journal
    assert entry.operation == "createImage"
    assert entry.fields == body
    assert entry.files == []
    assert entry.valid is True


def test_invalid_and_unknown_requests_are_journaled_too(api: httpx.Client, deepshi_mock: MockServer) -> None:
    api.post("/images/generations", json={"model": "nano-banana-2"})
    api.get("/nowhere")

    invalid, unknown = deepshi_mock.journal
    assert (invalid.valid, invalid.status, invalid.error) == (False, 400, "Missing required parameter: 'prompt'.")
    assert (unknown.operation, unknown.status, unknown.valid) == (None, 404, False)


def test_the_key_is_scrubbed_from_fields(deepshi_mock: MockServer) -> None:
    key = "sk-bf-pasted-into-a-prompt"
    httpx.post(
        deepshi_mock.base_url + "/images/generations",
        json={"model": "nano-banana-2", "prompt": f"my key is {key}"},
        headers={"authorization": f"Bearer {key}"},
    )

    assert key not in json.dumps(deepshi_mock.journal[-1].to_dict())


def test_the_journal_over_http(api: httpx.Client, deepshi_mock: MockServer) -> None:
    api.get("/models")
    with httpx.Client(base_url=deepshi_mock.url) as control:
        entries = control.get("/__mock__/journal").json()["entries"]
        assert [(e["operation"], e["status"], e["headers"]["authorization"]) for e in entries] == [
            ("listModels", 200, "[REDACTED]")
        ]
        assert entries == [e.to_dict() for e in deepshi_mock.journal]
        assert control.delete("/__mock__/journal").status_code == 204
        assert control.get("/__mock__/journal").json() == {"entries": [], "dropped": 0}
    assert deepshi_mock.journal == []


def test_journal_is_a_snapshot(api: httpx.Client, deepshi_mock: MockServer) -> None:
    snapshot = deepshi_mock.journal
    api.get("/models")

    assert snapshot == []
    assert len(deepshi_mock.journal) == 1
    deepshi_mock.reset_journal()
    assert deepshi_mock.journal == []
