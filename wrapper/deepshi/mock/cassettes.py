"""Cassettes: reviewable YAML/JSON files of recorded (or hand-written) interactions.

A cassette file holds ``interactions``; each has a ``request`` matcher and a ``response``.
Image payloads live in separate real image files referenced as ``{$image: images/x.png}``;
a raw body can be kept in a file referenced by ``body_file``. Every reference is resolved
at load time and must stay inside the cassette directory. The format is documented in
``docs/mock.md``. The mock then checks the set against the spec (:meth:`CassetteSet.check`):
each ``operation`` must be an operationId of the spec, and the catalog is checked against the
request schemas (:mod:`.catalog`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DIR = Path(__file__).resolve().parent / "cassettes"
"""The cassettes shipped in the package."""

IMAGE_KEY = "$image"
_SUFFIXES = (".yaml", ".yml", ".json")


class CassetteError(ValueError):
    """A cassette file is malformed or references a file outside its directory."""


@dataclass(frozen=True)
class ImageRef:
    """A reference to a real image file inside the cassette directory."""

    path: Path
    relative: str


@dataclass(frozen=True)
class SseComment:
    """A ``: text`` comment line of an event stream (e.g. a keepalive)."""

    text: str


@dataclass(frozen=True)
class SseEvent:
    """One event: an ``event:`` name and its ``data`` (JSON, possibly with image references)."""

    event: str | None
    data: Any


SseItem = SseComment | SseEvent


@dataclass(frozen=True)
class Interaction:
    """One recorded request/response pair."""

    source: str
    order: int
    operations: frozenset[str]
    match: Mapping[str, Any]
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    template: bool = False
    body: Any = None
    stream: tuple[SseItem, ...] | None = None
    body_file: Path | None = None
    name: str | None = None
    priority: int = 0

    def matches(self, operation_id: str, fields: Mapping[str, Any]) -> bool:
        """Whether a request to ``operation_id`` with these (effective) fields matches."""
        if operation_id not in self.operations:
            return False
        for key, expected in self.match.items():
            if key not in fields:
                return False
            options = expected if isinstance(expected, list) else [expected]
            if not any(_same(fields[key], option) for option in options):
                return False
        return True

    @property
    def rank(self) -> tuple[int, int, int]:
        """Sort key: higher priority, then more matcher fields, then file order."""
        return (-self.priority, -len(self.match), self.order)


def _same(actual: Any, expected: Any) -> bool:
    return bool(actual == expected) and isinstance(actual, bool) == isinstance(expected, bool)


@dataclass
class CassetteSet:
    """All interactions of a cassette directory, in load order."""

    directory: Path
    interactions: list[Interaction] = field(default_factory=list)

    @classmethod
    def load(cls, directory: str | Path) -> CassetteSet:
        """Load every ``*.yaml``/``*.yml``/``*.json`` file directly inside ``directory``."""
        root = Path(directory).resolve()
        if not root.is_dir():
            raise CassetteError(f"cassette directory {directory} does not exist")
        loaded = cls(root)
        for path in sorted(p for p in root.iterdir() if p.suffix in _SUFFIXES and p.is_file()):
            loaded.interactions.extend(load_file(path, root, start=len(loaded.interactions)))
        return loaded

    def find(self, operation_id: str, fields: Mapping[str, Any]) -> Interaction | None:
        """The best matching interaction, or None."""
        candidates = [i for i in self.interactions if i.matches(operation_id, fields)]
        return min(candidates, key=lambda i: i.rank) if candidates else None

    def catalog_interaction(self, operation_id: str) -> Interaction | None:
        """The first successful interaction of the catalog operation ``operation_id`` (the catalog)."""
        for interaction in sorted(self.interactions, key=lambda i: i.rank):
            if (
                operation_id in interaction.operations
                and interaction.status == 200
                and isinstance(interaction.body, dict)
            ):
                return interaction
        return None

    def model_list(self, operation_id: str) -> dict[str, Any] | None:
        """The body of :meth:`catalog_interaction` (the catalog document), if there is one."""
        interaction = self.catalog_interaction(operation_id)
        return interaction.body if interaction is not None else None

    def check(self, operation_ids: Iterable[str]) -> None:
        """Raise ``CassetteError`` for an interaction naming an operation the spec does not have."""
        known = set(operation_ids)
        for interaction in self.interactions:
            unknown = sorted(interaction.operations - known)
            if unknown:
                raise CassetteError(
                    f"{interaction.source}: request.operation names {', '.join(unknown)}, which the spec does not "
                    f"have (its operations: {', '.join(sorted(known))})"
                )


def load_file(path: Path, root: Path, *, start: int = 0) -> list[Interaction]:
    """Parse one cassette file (references checked against ``root``)."""
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise CassetteError(f"{path.name}: cannot be read: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("interactions"), list):
        raise CassetteError(f"{path.name}: expected a mapping with an 'interactions' list")
    return [
        _interaction(raw, root, f"{path.name}#{index}", start + index)
        for index, raw in enumerate(document["interactions"])
    ]


def _interaction(raw: Any, root: Path, where: str, order: int) -> Interaction:
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("request"), dict)
        or not isinstance(raw.get("response"), dict)
    ):
        raise CassetteError(f"{where}: an interaction needs 'request' and 'response' mappings")
    match = dict(raw["request"])
    operations = match.pop("operation", None)
    names = [operations] if isinstance(operations, str) else operations
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise CassetteError(f"{where}: request.operation must be an operationId or a list of them")
    response = raw["response"]
    present = [key for key in ("body", "stream", "body_file") if key in response]
    if len(present) > 1:
        raise CassetteError(f"{where}: response takes one of body, stream or body_file, not {present}")
    headers = response.get("headers") or {}
    if not isinstance(headers, dict):
        raise CassetteError(f"{where}: response.headers must be a mapping")
    status = response.get("status", 200)
    if not isinstance(status, int) or not 100 <= status <= 599:
        raise CassetteError(f"{where}: response.status must be an HTTP status code")
    return Interaction(
        source=where + (f" ({raw['name']})" if raw.get("name") else ""),
        order=order,
        operations=frozenset(names),
        match=match,
        status=status,
        headers=tuple((str(k).lower(), str(v)) for k, v in headers.items()),
        template=bool(response.get("template", False)),
        body=_refs(response.get("body"), root, where),
        stream=tuple(_stream_item(item, root, where) for item in response["stream"]) if "stream" in response else None,
        body_file=_inside(root, response["body_file"], where) if "body_file" in response else None,
        name=raw.get("name"),
        priority=int(raw.get("priority", 0)),
    )


def _stream_item(raw: Any, root: Path, where: str) -> SseItem:
    if isinstance(raw, dict) and set(raw) == {"comment"}:
        return SseComment(str(raw["comment"]))
    if isinstance(raw, dict) and "data" in raw and set(raw) <= {"event", "data"}:
        return SseEvent(raw.get("event"), _refs(raw["data"], root, where))
    raise CassetteError(f"{where}: a stream item is {{comment: text}} or {{event: name, data: ...}}")


def _refs(node: Any, root: Path, where: str) -> Any:
    """Replace ``{$image: path}`` mappings by :class:`ImageRef` (checked), recursively."""
    if isinstance(node, dict):
        if IMAGE_KEY in node:
            if set(node) != {IMAGE_KEY} or not isinstance(node[IMAGE_KEY], str):
                raise CassetteError(f"{where}: an image reference is {{{IMAGE_KEY}: relative/path}}")
            return ImageRef(_inside(root, node[IMAGE_KEY], where), node[IMAGE_KEY])
        return {key: _refs(value, root, where) for key, value in node.items()}
    if isinstance(node, list):
        return [_refs(value, root, where) for value in node]
    return node


def _inside(root: Path, relative: Any, where: str) -> Path:
    """Resolve ``relative`` under ``root``; refuse absolute paths and anything escaping it."""
    if not isinstance(relative, str) or not relative or Path(relative).is_absolute():
        raise CassetteError(f"{where}: file reference {relative!r} must be a relative path")
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise CassetteError(f"{where}: file reference {relative!r} escapes the cassette directory")
    if not target.is_file():
        raise CassetteError(f"{where}: referenced file {relative!r} does not exist")
    return target


def image_refs(node: Any) -> Iterable[ImageRef]:
    """Every image reference inside a body or event payload."""
    if isinstance(node, ImageRef):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from image_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from image_refs(value)
