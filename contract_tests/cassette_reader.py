"""Read the shipped cassettes independently of the mock (the format of docs/mock.md, "Cassettes").

The mock has its own loader; the contract reads the files itself, so a loader bug that hides a
bad recording cannot also hide it from the contract. ``{$image: path}`` references become the
file's base64 (or a ``data:`` URL under a ``url`` key) and are listed with where they appear.
"""

from __future__ import annotations

import base64
import importlib.resources
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .images import sniffed_type

IMAGE_KEY = "$image"
SHIPPED = Path(str(importlib.resources.files("deepshi.mock") / "cassettes"))
"""The cassettes shipped in the package (what ``MockServer()`` serves)."""


@dataclass(frozen=True)
class ImageUse:
    """One referenced image file and the answer object that holds it."""

    path: Path
    owner: dict[str, Any]
    """The top-level body or event payload (whose ``size`` the image must have)."""


@dataclass
class Recording:
    """One interaction of a cassette file."""

    where: str
    operations: list[str]
    match: dict[str, Any]
    status: int
    headers: dict[str, str]
    template: bool
    body: Any = None
    stream: list[dict[str, Any]] | None = None
    raw_body: bytes | None = None
    images: list[ImageUse] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        default = "text/event-stream" if self.stream is not None else "application/json"
        return self.headers.get("content-type", default).partition(";")[0].strip().lower()


def _materialize(node: Any, root: Path, key: str | None, found: list[Path]) -> Any:
    if isinstance(node, dict) and set(node) == {IMAGE_KEY}:
        path = (root / node[IMAGE_KEY]).resolve()
        found.append(path)
        data = path.read_bytes()
        encoded = base64.b64encode(data).decode("ascii")
        if key == "url":
            return f"data:{sniffed_type(data) or 'application/octet-stream'};base64,{encoded}"
        return encoded
    if isinstance(node, dict):
        return {k: _materialize(v, root, k, found) for k, v in node.items()}
    if isinstance(node, list):
        return [_materialize(v, root, key, found) for v in node]
    return node


def _owned(node: Any, root: Path) -> tuple[Any, list[ImageUse]]:
    found: list[Path] = []
    value = _materialize(node, root, None, found)
    return value, [ImageUse(path, value) for path in found] if isinstance(value, dict) else []


def read(directory: Path = SHIPPED) -> Iterator[Recording]:
    """Every interaction of every cassette file in ``directory`` (name order, as the mock reads them)."""
    for path in sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml", ".json")):
        text = path.read_text(encoding="utf-8")
        document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        for index, raw in enumerate(document["interactions"]):
            match = dict(raw["request"])
            operations = match.pop("operation")
            response = raw["response"]
            recording = Recording(
                where=f"{path.name}#{index}" + (f" ({raw['name']})" if raw.get("name") else ""),
                operations=[operations] if isinstance(operations, str) else list(operations),
                match=match,
                status=int(response.get("status", 200)),
                headers={str(k).lower(): str(v) for k, v in (response.get("headers") or {}).items()},
                template=bool(response.get("template", False)),
            )
            if "body" in response:
                recording.body, recording.images = _owned(response["body"], directory)
            if "stream" in response:
                recording.stream = []
                for item in response["stream"]:
                    if "data" in item and not isinstance(item["data"], str):
                        payload, uses = _owned(item["data"], directory)
                        recording.images.extend(uses)
                        item = {**item, "data": payload}
                    recording.stream.append(item)
            if "body_file" in response:
                recording.raw_body = (directory / response["body_file"]).read_bytes()
            yield recording
