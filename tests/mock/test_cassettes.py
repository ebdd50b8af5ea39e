"""Cassette loading (references must stay inside the directory) and matching."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import httpx
import pytest

from deepshi.mock import CassetteError, MockServer
from deepshi.mock.cassettes import CassetteSet, ImageRef
from tests.images import png_bytes

GOOD = """
version: 1
interactions:
  - name: {name}
    request: {{operation: createImage, model: nano-banana-2{extra}}}
    response:
      status: 200
      body:
        created: 1
        data: [{{index: 0, b64_json: {{$image: {ref}}}}}]
"""


def write(directory: Path, name: str = "one", ref: str = "images/a.png", extra: str = "", file: str = "c.yaml") -> Path:
    (directory / "images").mkdir(exist_ok=True)
    (directory / "images" / "a.png").write_bytes(png_bytes())
    (directory / file).write_text(GOOD.format(name=name, ref=ref, extra=extra))
    return directory


def test_a_cassette_loads_with_its_image_reference(tmp_path: Path) -> None:
    loaded = CassetteSet.load(write(tmp_path))

    [interaction] = loaded.interactions
    image = interaction.body["data"][0]["b64_json"]
    assert isinstance(image, ImageRef)
    assert image.path == (tmp_path / "images" / "a.png").resolve()
    assert interaction.source == "c.yaml#0 (one)"


@pytest.mark.parametrize("ref", ["../outside.png", "images/../../outside.png", "/etc/passwd", "images/missing.png"])
def test_references_outside_the_directory_or_missing_are_refused(tmp_path: Path, ref: str) -> None:
    (tmp_path / "outside.png").write_bytes(png_bytes())
    root = tmp_path / "cassettes"
    root.mkdir()

    with pytest.raises(CassetteError, match=r"escapes|relative path|does not exist"):
        CassetteSet.load(write(root, ref=ref))
    with pytest.raises(CassetteError):
        MockServer(root)


def test_a_symlink_escaping_the_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(png_bytes())
    root = tmp_path / "cassettes"
    root.mkdir()
    write(root)
    os.symlink(tmp_path / "secret.png", root / "images" / "link.png")

    with pytest.raises(CassetteError, match="escapes"):
        CassetteSet.load(write(root, ref="images/link.png"))


def test_a_body_file_must_stay_inside_too(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "interactions:\n  - request: {operation: listModels}\n    response: {status: 200, body_file: ../x.json}\n"
    )

    with pytest.raises(CassetteError, match="escapes"):
        CassetteSet.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("interactions: 3", "'interactions' list"),
        ("interactions:\n  - request: {model: x}\n    response: {}\n", "request.operation"),
        ("interactions:\n  - request: {operation: listModels}\n", "'request' and 'response'"),
        ("interactions:\n  - request: {operation: listModels}\n    response: {status: 999}\n", "HTTP status"),
        ("interactions:\n  - request: {operation: listModels}\n    response: {body: {}, stream: []}\n", "one of body"),
        ("interactions:\n  - request: {operation: listModels}\n    response: {stream: [{bogus: 1}]}\n", "stream item"),
        ("interactions: [\n", "cannot be read"),
    ],
)
def test_malformed_cassettes_are_refused_with_a_message(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "bad.yaml").write_text(text)

    with pytest.raises(CassetteError, match=needle):
        CassetteSet.load(tmp_path)


def test_the_most_specific_match_wins_then_file_order(tmp_path: Path) -> None:
    write(tmp_path, name="generic", file="a.yaml")
    write(tmp_path, name="specific", extra=", prompt: exact words", file="b.yaml")
    write(tmp_path, name="generic-later", file="c.yaml")
    loaded = CassetteSet.load(tmp_path)

    def pick(fields: dict[str, object]) -> str | None:
        found = loaded.find("createImage", fields)
        return found.name if found else None

    assert pick({"model": "nano-banana-2", "prompt": "exact words"}) == "specific"
    assert pick({"model": "nano-banana-2", "prompt": "other"}) == "generic"
    assert pick({"model": "other"}) is None
    assert loaded.find("editImage", {"model": "nano-banana-2"}) is None


def test_matching_is_type_strict(tmp_path: Path) -> None:
    write(tmp_path, extra=", stream: true")
    loaded = CassetteSet.load(tmp_path)

    assert loaded.find("createImage", {"model": "nano-banana-2", "stream": True}) is not None
    assert loaded.find("createImage", {"model": "nano-banana-2", "stream": 1}) is None


def test_a_custom_directory_is_served_with_the_default_catalog(tmp_path: Path) -> None:
    write(tmp_path, extra=", prompt: custom")
    with MockServer(tmp_path) as server:
        headers = {"authorization": f"Bearer {server.api_key}"}
        response = httpx.post(
            server.base_url + "/images/generations",
            json={"model": "nano-banana-2", "prompt": "custom"},
            headers=headers,
        )
        models = httpx.get(server.base_url + "/models", headers=headers)

    assert response.headers["x-deepshi-mock-match"] == "recorded"
    assert response.json()["data"][0]["b64_json"] == base64.b64encode(png_bytes()).decode()
    assert models.status_code == 200
    assert len(models.json()["data"]) == 10
