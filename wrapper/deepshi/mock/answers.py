"""Building the answer to a valid request: replayed, adapted from a template, or synthesized.

* ``recorded``: a non-template interaction, replayed as stored (images from their files).
* ``template``: an interaction with ``template: true``; its body is adapted to the request:
  ``size`` from the model's sizing style, ``n`` images rendered at that size in the requested
  ``output_format`` (for an edit, derived from its first input image; for a generation, the
  template's picture), ``b64_json`` or ``url`` (data URI) per ``response_format``, usage scaled
  by ``n``, and an SSE stream when ``stream`` is true.
* ``synthesized``: nothing matched; the same adaptation applied to the spec's own example.

The kind is sent in the ``x-deepshi-mock-match`` header.
"""

from __future__ import annotations

import base64
import itertools
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import sse
from .cassettes import DEFAULT_DIR, CassetteSet, ImageRef, Interaction, SseComment, SseEvent, image_refs
from .catalog import Catalog, ModelEntry
from .images import FORMATS, ImageRenderer, sniff_media_type
from .sizing import output_size
from .spec import Operation, Spec

MATCH_HEADER = "x-deepshi-mock-match"
INTERACTION_HEADER = "x-deepshi-mock-interaction"
DEFAULT_SOURCE = DEFAULT_DIR / "images" / "canal.png"
JSON_TYPE = "application/json"
SSE_TYPE = "text/event-stream; charset=utf-8"


@dataclass
class Answer:
    """What to send: a status, headers and either a body or a list of SSE chunks."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    events: list[bytes] | None = None

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class Responder:
    """Answers valid requests from a cassette set (see the module docstring)."""

    def __init__(
        self,
        spec: Spec,
        cassettes: CassetteSet,
        catalog: Catalog,
        *,
        sse_keepalives: int = 0,
        cache_answers: bool = False,
    ) -> None:
        self.spec = spec
        self.cassettes = cassettes
        self.catalog = catalog
        self.sse_keepalives = sse_keepalives
        self.renderer = ImageRenderer()
        self._cache_answers = cache_answers
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self._request_ids = itertools.count(1)

    def effective_fields(self, operation: Operation, fields: Mapping[str, Any], images: int) -> dict[str, Any]:
        """Request fields over model defaults over schema defaults (what matchers compare).

        A value the model's catalog entry does not accept is ignored, as the API documents: the
        model's default applies (strict mode refuses such requests before they get here).
        """
        schema_defaults = self.spec.defaults(operation.body_schema_ref) if operation.body_schema_ref else {}
        entry = self.catalog.get(fields.get("model"))
        ignored = entry.unsupported(fields) if entry else {}
        supported = {name: value for name, value in fields.items() if name not in ignored}
        effective = {**schema_defaults, **(entry.defaults() if entry else {}), **supported}
        if operation.operation_id == "editImage":
            effective["image_count"] = images
        return effective

    def answer(self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None = None) -> Answer:
        """The answer for a valid request (blocking: may render images).

        ``source`` is an edit's first input image: a template's images are derived from it.
        """
        interaction = self.cassettes.find(operation.operation_id, effective)
        digest = source.key if source else ""
        order = interaction.order if interaction else -1
        key = f"{order}|{operation.operation_id}|{digest}|{sse.dumps(sorted(effective.items()))}"
        if self._cache_answers:
            with self._lock:
                cached = self._answers.get(key)
            if cached is not None:
                return self.stamp(cached)
        answer = self._build(operation, effective, interaction, source)
        if self._cache_answers:
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > 256:
                    self._answers.popitem(last=False)
        return self.stamp(answer)

    def stamp(self, answer: Answer) -> Answer:
        """``answer`` with a fresh ``x-request-id`` unless it already has one."""
        if answer.header("x-request-id") is not None:
            return answer
        request_id = f"req_mock_{next(self._request_ids):08d}"
        return Answer(answer.status, [*answer.headers, ("x-request-id", request_id)], answer.body, answer.events)

    def _build(
        self,
        operation: Operation,
        effective: Mapping[str, Any],
        interaction: Interaction | None,
        source: EditSource | None,
    ) -> Answer:
        if interaction is None:
            return self._synthesize(operation, effective, source)
        headers = [(MATCH_HEADER, "template" if interaction.template else "recorded")]
        headers.append((INTERACTION_HEADER, interaction.source))
        headers.extend((k, v) for k, v in interaction.headers if k not in (MATCH_HEADER, INTERACTION_HEADER))
        if interaction.template and interaction.status == 200 and isinstance(interaction.body, dict):
            body = self._adapt(interaction.body, effective, source)
            return self._images_answer(body, effective, headers)
        if interaction.stream is not None:
            chunks = [_encode_item(item) for item in interaction.stream]
            return Answer(interaction.status, _default_type(headers, SSE_TYPE), events=chunks)
        return Answer(interaction.status, _default_type(headers, JSON_TYPE), replay_bytes(interaction))

    def _synthesize(self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None) -> Answer:
        headers = [(MATCH_HEADER, "synthesized")]
        if operation.operation_id == "listModels":
            body = {"object": "list", "data": [dict(m) for m in self._catalog_raw()]}
            return Answer(200, _default_type(headers, JSON_TYPE), sse.dumps(body).encode())
        example = self.spec.response_example(operation, 200)
        template = dict(example) if isinstance(example, dict) else {"created": 0, "data": []}
        template["data"] = [{"index": 0, "b64_json": ImageRef(DEFAULT_SOURCE, "images/canal.png")}]
        return self._images_answer(self._adapt(template, effective, source), effective, headers)

    def _edit_image(
        self, source: EditSource | None, width: int, height: int, output_format: str, prompt: str, index: int
    ) -> bytes | None:
        """The ``index``-th image of an edit, derived from its input; None without a decodable input."""
        if source is None:
            return None
        return self.renderer.render_edit(source.data, source.key, width, height, output_format, prompt, index)

    def _catalog_raw(self) -> list[Mapping[str, Any]]:
        listed = self.cassettes.model_list() or {}
        return list(listed.get("data", []))

    def _images_answer(
        self, body: dict[str, Any], effective: Mapping[str, Any], headers: list[tuple[str, str]]
    ) -> Answer:
        if effective.get("stream") is not True:
            return Answer(200, _default_type(headers, JSON_TYPE), sse.dumps(body).encode())
        entry = self.catalog.get(effective.get("model"))
        quality = effective.get("quality") if entry is not None and "quality" in entry.parameters else None
        payload = completed_event(
            body, answered_format(effective), quality=quality, background=effective.get("background")
        )
        chunks = [sse.KEEPALIVE] * self.sse_keepalives + [sse.event(sse.COMPLETED, sse.dumps(payload))]
        return Answer(200, _default_type(headers, SSE_TYPE), events=chunks)

    def _adapt(
        self, template: Mapping[str, Any], effective: Mapping[str, Any], source: EditSource | None = None
    ) -> dict[str, Any]:
        """Fit a template ``ImagesResponse`` to the request (see the module docstring)."""
        entry: ModelEntry | None = self.catalog.get(effective.get("model"))
        width, height = output_size(entry, effective)
        output_format = answered_format(effective)
        count = effective.get("n", 1)
        count = count if isinstance(count, int) and not isinstance(count, bool) and count >= 1 else 1
        url = effective.get("response_format") == "url"
        items = [dict(d) for d in template.get("data") or [{}]]
        data = []
        for index in range(count):
            item = items[index % len(items)]
            picture = next(iter(image_refs(item)), None)
            path = picture.path if picture else DEFAULT_SOURCE
            image = self._edit_image(source, width, height, output_format, str(effective.get("prompt", "")), index)
            if image is None:
                image = self.renderer.render(path, width, height, output_format, variant=index // len(items))
            encoded = base64.b64encode(image).decode("ascii")
            rendered: dict[str, Any] = {"index": index}
            if url:
                rendered["url"] = f"data:{FORMATS[output_format][1]};base64,{encoded}"
            else:
                rendered["b64_json"] = encoded
            for key, value in item.items():
                if key in ("index", "b64_json", "url"):
                    continue
                if key == "revised_prompt" and isinstance(value, str):
                    value = value.replace("{prompt}", str(effective.get("prompt", "")))
                rendered[key] = value
            data.append(rendered)
        rest = {key: value for key, value in template.items() if key not in ("created", "model", "size", "data")}
        size = f"{width}x{height}"
        body = {"created": template.get("created", 0), "model": effective.get("model"), "size": size, "data": data}
        body.update(rest)
        if isinstance(body.get("usage"), dict) and count > 1:
            body["usage"] = _scale(body["usage"], count)
        return body


@dataclass(frozen=True)
class EditSource:
    """An edit's first input image: its bytes and a digest of them (the rendering's and the answers' cache key)."""

    data: bytes = field(repr=False)
    key: str


def answered_format(effective: Mapping[str, Any]) -> str:
    """The ``output_format`` the images are encoded in: as asked (or the model's default), else PNG."""
    output_format = effective.get("output_format")
    return output_format if isinstance(output_format, str) and output_format in FORMATS else "png"


def completed_event(
    body: Mapping[str, Any], output_format: str, *, quality: Any = None, background: Any = None
) -> dict[str, Any]:
    """The stream's terminal event for an ``ImagesResponse`` body (spec decision 2).

    The body's fields, and beside them the top-level fields of OpenAI's completed image stream
    events, which the OpenAI SDKs read: ``b64_json`` (the first image, base64, even when the
    items carry ``data:`` URLs), ``created_at``, ``output_format``, and ``quality`` /
    ``background`` when known (a string: the model's quality tier, the request's background).
    """
    event: dict[str, Any] = {"type": sse.COMPLETED, **body}
    first = (body.get("data") or [{}])[0]
    encoded = first.get("b64_json")
    if not isinstance(encoded, str) and isinstance(first.get("url"), str):
        encoded = first["url"].partition(";base64,")[2] or None
    if isinstance(encoded, str):
        event["b64_json"] = encoded
    event["created_at"] = body.get("created")
    event["output_format"] = output_format
    for name, value in (("quality", quality), ("background", background)):
        if isinstance(value, str):
            event[name] = value
    return event


def _scale(usage: Mapping[str, Any], factor: int) -> dict[str, Any]:
    scaled: dict[str, Any] = {}
    for key, value in usage.items():
        if isinstance(value, dict):
            scaled[key] = _scale(value, factor)
        elif isinstance(value, bool):
            scaled[key] = value
        elif isinstance(value, int):
            scaled[key] = value * factor
        elif isinstance(value, float):
            scaled[key] = round(value * factor, 6)
        else:
            scaled[key] = value
    return scaled


def materialize(node: Any, key: str | None = None) -> Any:
    """Replace image references by base64 (or a ``data:`` URI under a ``url`` key)."""
    if isinstance(node, ImageRef):
        data = node.path.read_bytes()
        encoded = base64.b64encode(data).decode("ascii")
        if key == "url":
            return f"data:{sniff_media_type(data[:32]) or 'application/octet-stream'};base64,{encoded}"
        return encoded
    if isinstance(node, dict):
        return {k: materialize(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [materialize(v, key) for v in node]
    return node


def replay_bytes(interaction: Interaction) -> bytes:
    """The exact body a non-template interaction replays."""
    if interaction.body_file is not None:
        return interaction.body_file.read_bytes()
    if interaction.stream is not None:
        return b"".join(_encode_item(item) for item in interaction.stream)
    return sse.dumps(materialize(interaction.body)).encode() if interaction.body is not None else b""


def _encode_item(item: SseComment | SseEvent) -> bytes:
    if isinstance(item, SseComment):
        return sse.comment(item.text)
    data = item.data if isinstance(item.data, str) else sse.dumps(materialize(item.data))
    return sse.event(item.event, data)


def _default_type(headers: list[tuple[str, str]], content_type: str) -> list[tuple[str, str]]:
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers = [("content-type", content_type), *headers]
    return headers
