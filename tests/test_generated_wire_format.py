"""What the generated client puts on the wire, captured from real requests over loopback.

These pin the generator fixes made in ``openapi/templates`` (random boundary, lowercase
booleans) and the facts the facade relies on (one ``image[]`` part per file, each with the
filename and content type it was given; only the fields that were set are sent).
"""

from __future__ import annotations

import io
import json
import re

from deepshi_openapi import AuthenticatedClient
from deepshi_openapi.api.images import create_image, edit_image
from deepshi_openapi.api.models import list_models
from deepshi_openapi.models import ImageEditRequest, ImageGenerationRequest, ImagesResponse
from deepshi_openapi.types import File

from .capture_server import capture_server
from .images import jpeg_bytes, png_bytes, webp_bytes

KEY = "sk-bf-wire-format-test"


def edit_body(**fields: object) -> ImageEditRequest:
    files = [
        File(payload=io.BytesIO(png_bytes()), file_name="a.png", mime_type="image/png"),
        File(payload=io.BytesIO(jpeg_bytes()), file_name="b.jpg", mime_type="image/jpeg"),
        File(payload=io.BytesIO(webp_bytes()), file_name="c.webp", mime_type="image/webp"),
    ]
    return ImageEditRequest(model="nano-banana-2", prompt="make it blue", image=files, **fields)  # type: ignore[arg-type]


def test_edit_sends_one_image_part_per_file_with_filename_and_type() -> None:
    with capture_server() as server:
        client = AuthenticatedClient(base_url=server.url, token=KEY)
        result = edit_image.sync(client=client, body=edit_body())
        assert isinstance(result, ImagesResponse)
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", "/v1/images/edits")
    assert request.headers["authorization"] == f"Bearer {KEY}"
    parts = request.parts()
    images = [p for p in parts if p.name == "image[]"]
    assert [(p.filename, p.content_type) for p in images] == [
        ("a.png", "image/png"),
        ("b.jpg", "image/jpeg"),
        ("c.webp", "image/webp"),
    ]
    assert [p.content for p in images] == [png_bytes(), jpeg_bytes(), webp_bytes()]
    # Nothing that was not set goes out: no schema defaults (n=1, stream=false) are injected.
    assert [p.name for p in parts] == ["model", "prompt", "image[]", "image[]", "image[]"]


def test_boundary_is_random_per_request_and_not_the_upstream_literal() -> None:
    with capture_server() as server:
        client = AuthenticatedClient(base_url=server.url, token=KEY)
        edit_image.sync_detailed(client=client, body=edit_body())
        edit_image.sync_detailed(client=client, body=edit_body())
    boundaries = [
        re.fullmatch(r"multipart/form-data; boundary=(\S+)", r.headers["content-type"]) for r in server.requests
    ]
    assert all(boundaries)
    values = [m.group(1) for m in boundaries if m]
    assert "+++" not in values
    assert values[0] != values[1]
    assert all(len(v) >= 16 for v in values)


def test_booleans_are_lowercase_and_scalars_are_sent_as_given() -> None:
    with capture_server() as server:
        client = AuthenticatedClient(base_url=server.url, token=KEY)
        for stream in (True, False):
            edit_image.sync_detailed(
                client=client,
                body=edit_body(stream=stream, n=2, output_format="webp", quality="high", seed=7, width=640),
            )
    sent = [{p.name: p.content for p in r.parts() if p.name != "image[]"} for r in server.requests]
    assert [s["stream"] for s in sent] == [b"true", b"false"]
    assert sent[0] == {
        "model": b"nano-banana-2",
        "prompt": b"make it blue",
        "n": b"2",
        "output_format": b"webp",
        "stream": b"true",
        "seed": b"7",
        "width": b"640",
        "quality": b"high",
    }


def test_extra_fields_are_forwarded_as_form_parts() -> None:
    body = edit_body()
    body["guidance"] = "3.5"
    with capture_server() as server:
        edit_image.sync_detailed(client=AuthenticatedClient(base_url=server.url, token=KEY), body=body)
    parts = {p.name: p.content for p in server.requests[0].parts()}
    assert parts["guidance"] == b"3.5"


def test_generation_is_json_with_only_the_fields_set_plus_extras() -> None:
    body = ImageGenerationRequest(model="flux-2-pro", prompt="a canal", width=1024, height=768, stream=False)
    body["safety_tolerance"] = 2
    with capture_server() as server:
        create_image.sync_detailed(client=AuthenticatedClient(base_url=server.url, token=KEY), body=body)
    (request,) = server.requests
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.body) == {
        "model": "flux-2-pro",
        "prompt": "a canal",
        "width": 1024,
        "height": 768,
        "stream": False,
        "safety_tolerance": 2,
    }


def test_list_models_sends_bearer_auth() -> None:
    with capture_server() as server:
        server.response = {"object": "list", "data": [{"id": "m"}]}
        listing = list_models.sync(client=AuthenticatedClient(base_url=server.url, token=KEY))
    assert [m.id for m in getattr(listing, "data", [])] == ["m"]
    (request,) = server.requests
    assert (request.method, request.path, request.headers["authorization"]) == ("GET", "/v1/models", f"Bearer {KEY}")
