"""Building the answer to a valid request: replayed, adapted from a template, or synthesized.

* ``recorded``: a non-template interaction, replayed as stored (images from their files).
* ``template``: an interaction of an image operation with ``template: true``; its body is adapted
  to the request: ``size`` from the model's sizing style, ``n`` images rendered at that size in
  the requested ``output_format`` (for an edit, derived from its first input image; for a
  generation, the template's picture), each in the ``ImageData`` property and encoding the
  request's ``response_format`` value names (the spec's ``x-deepshi-image-property``, decision 8),
  usage scaled by ``n``, and an SSE stream when ``stream`` is true.
* ``synthesized``: nothing matched. An image operation gets the same adaptation applied to the
  spec's own example; the catalog operation its catalog; any other operation its documented
  answer, derived from the spec (:mod:`.examples`).

The kind is sent in the ``x-deepshi-mock-match`` header. Which operations answer images or the
catalog, and every field name used here, come from :mod:`.terms` (derived from the spec or
pinned to it).
"""

from __future__ import annotations

import base64
import functools
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import sse
from .cassettes import DEFAULT_DIR, CassetteSet, ImageRef, Interaction, SseComment, SseEvent, image_refs
from .catalog import Catalog, ModelEntry
from .errors import error_body
from .examples import NoAnswer, documented_answer
from .images import FORMATS, ImageRenderer, sniff_media_type
from .sizing import output_size
from .spec import Operation, Spec
from .terms import Carrier, Completed, Image, Images, ModelList, Request, Terms

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
        self.terms = Terms.of(spec)
        self.cassettes = cassettes
        self.catalog = catalog
        self.sse_keepalives = sse_keepalives
        self.renderer = ImageRenderer()
        self._cache_answers = cache_answers
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self._request_ids = itertools.count(1)
        self._documented: dict[str, Answer] = {}

    def effective_fields(
        self,
        operation: Operation,
        fields: Mapping[str, Any],
        images: int,
        parameters: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Request fields over model defaults over schema defaults (what matchers compare).

        A value the model's catalog entry does not accept is ignored, as the API documents: the
        model's default applies (strict mode refuses such requests before they get here). The
        path and query ``parameters`` count as fields too (a cassette may match on them).
        """
        schema_defaults = self.spec.defaults(operation.body_schema_ref) if operation.body_schema_ref else {}
        if operation.operation_id not in self.terms.image_operations:
            return {**schema_defaults, **(parameters or {}), **fields}
        entry = self.catalog.get(fields.get(Request.MODEL))
        ignored = entry.unsupported(fields) if entry else {}
        supported = {name: value for name, value in fields.items() if name not in ignored}
        effective = {**schema_defaults, **(parameters or {}), **(entry.defaults() if entry else {}), **supported}
        if operation.file_field is not None:
            effective["image_count"] = images
        return effective

    def answer(self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None = None) -> Answer:
        """The answer for a valid request (blocking: may render images).

        ``source`` is an edit's first input image: a template's images are derived from it.
        """
        interaction, key = self._cache_key(operation, effective, source)
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

    def cached(
        self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None = None
    ) -> Answer | None:
        """The cached answer :meth:`answer` would give (stamped), or None when it must be built.

        Cheap and non-blocking: the mock's event loop asks it first, and hands only a miss (which
        may render images) to a thread.
        """
        if not self._cache_answers:
            return None
        _, key = self._cache_key(operation, effective, source)
        with self._lock:
            cached = self._answers.get(key)
        return self.stamp(cached) if cached is not None else None

    def _cache_key(
        self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None
    ) -> tuple[Interaction | None, str]:
        interaction = self.cassettes.find(operation.operation_id, effective)
        # A recorded answer is the same whatever the input image; a template's or a synthesized one is not.
        derived = interaction is None or interaction.template
        digest = source.key if source and derived else ""
        order = interaction.order if interaction else -1
        return interaction, f"{order}|{operation.operation_id}|{digest}|{sse.dumps(sorted(effective.items()))}"

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
        images = operation.operation_id in self.terms.image_operations
        if images and interaction.template and interaction.status == 200 and isinstance(interaction.body, dict):
            body = self._adapt(interaction.body, effective, source)
            return self._images_answer(body, effective, headers)
        encodings = self.terms.encodings
        if interaction.stream is not None:
            chunks = [_encode_item(item, encodings) for item in interaction.stream]
            return Answer(interaction.status, _default_type(headers, SSE_TYPE), events=chunks)
        return Answer(interaction.status, _default_type(headers, JSON_TYPE), replay_bytes(interaction, encodings))

    def _synthesize(self, operation: Operation, effective: Mapping[str, Any], source: EditSource | None) -> Answer:
        headers = [(MATCH_HEADER, "synthesized")]
        if operation.operation_id == self.terms.catalog_operation:
            return Answer(200, _default_type(headers, JSON_TYPE), sse.dumps(self.catalog_document()).encode())
        if operation.operation_id not in self.terms.image_operations:
            return self._documented_answer(operation)
        example = self.spec.response_example(operation, 200)
        template = dict(example) if isinstance(example, dict) else {Images.CREATED: 0}
        picture = {Image.INDEX: 0, self.terms.carrier(None).property: ImageRef(DEFAULT_SOURCE, "images/canal.png")}
        template[Images.DATA] = [picture]
        return self._images_answer(self._adapt(template, effective, source), effective, headers)

    def catalog_document(self) -> dict[str, Any]:
        """The catalog the catalog operation answers: its cassette's body, else the spec's answer with no models."""
        listed = self.cassettes.model_list(self.terms.catalog_operation)
        if listed is not None:
            return dict(listed)
        operation = self.spec.by_id[self.terms.catalog_operation]
        try:
            documented = documented_answer(self.spec, operation).body
        except NoAnswer:
            documented = {}
        return {**(documented if isinstance(documented, dict) else {}), ModelList.DATA: []}

    def _documented_answer(self, operation: Operation) -> Answer:
        """The spec's own answer for an operation no cassette answers (cached: it never changes)."""
        cached = self._documented.get(operation.operation_id)
        if cached is not None:
            return cached
        headers = [(MATCH_HEADER, "synthesized")]
        try:
            documented = documented_answer(self.spec, operation)
        except NoAnswer as exc:
            message = f"The mock cannot answer {operation.operation_id} from the spec ({exc}): add a cassette for it."
            body = sse.dumps(error_body(message, "server_error", "mock_cannot_answer")).encode()
            return Answer(500, _default_type(headers, JSON_TYPE), body)
        headers.extend(documented.headers)
        if documented.media_type is None:
            answer = Answer(documented.status, headers)
        else:
            content = sse.dumps(documented.body).encode()
            answer = Answer(documented.status, _default_type(headers, documented.media_type), content)
        self._documented[operation.operation_id] = answer
        return answer

    def _edit_image(
        self, source: EditSource | None, width: int, height: int, output_format: str, prompt: str, index: int
    ) -> bytes | None:
        """The ``index``-th image of an edit, derived from its input; None without a decodable input."""
        if source is None:
            return None
        return self.renderer.render_edit(source.data, source.key, width, height, output_format, prompt, index)

    def _images_answer(
        self, body: dict[str, Any], effective: Mapping[str, Any], headers: list[tuple[str, str]]
    ) -> Answer:
        if effective.get(Request.STREAM) is not True:
            return Answer(200, _default_type(headers, JSON_TYPE), sse.dumps(body).encode())
        entry = self.catalog.get(effective.get(Request.MODEL))
        quality = effective.get(Request.QUALITY) if entry is not None and Request.QUALITY in entry.parameters else None
        payload = completed_event(
            body,
            answered_format(effective),
            self.terms.encodings,
            quality=quality,
            background=effective.get(Completed.BACKGROUND),
        )
        chunks = [sse.KEEPALIVE] * self.sse_keepalives + [sse.event(sse.COMPLETED, sse.dumps(payload))]
        return Answer(200, _default_type(headers, SSE_TYPE), events=chunks)

    def _adapt(
        self, template: Mapping[str, Any], effective: Mapping[str, Any], source: EditSource | None = None
    ) -> dict[str, Any]:
        """Fit a template ``ImagesResponse`` to the request (see the module docstring)."""
        entry: ModelEntry | None = self.catalog.get(effective.get(Request.MODEL))
        width, height = output_size(entry, effective)
        output_format = answered_format(effective)
        count = effective.get(Request.COUNT, 1)
        count = count if isinstance(count, int) and not isinstance(count, bool) and count >= 1 else 1
        carrier = self.terms.carrier(effective.get(self.terms.response_format))
        replaced = {Image.INDEX, *self.terms.encodings}
        prompt = str(effective.get(Request.PROMPT, ""))
        items = [dict(d) for d in template.get(Images.DATA) or [{}]]
        data = []
        for index in range(count):
            item = items[index % len(items)]
            picture = next(iter(image_refs(item)), None)
            path = picture.path if picture else DEFAULT_SOURCE
            image = self._edit_image(source, width, height, output_format, prompt, index)
            if image is None:
                image = self.renderer.render(path, width, height, output_format, variant=index // len(items))
            rendered: dict[str, Any] = {
                Image.INDEX: index,
                carrier.property: carrier.encode(image, FORMATS[output_format][1]),
            }
            for key, value in item.items():
                if key in replaced:
                    continue
                if key == Image.REVISED_PROMPT and isinstance(value, str):
                    value = value.replace("{prompt}", prompt)
                rendered[key] = value
            data.append(rendered)
        fitted = (Images.CREATED, Images.MODEL, Images.SIZE, Images.DATA)
        rest = {key: value for key, value in template.items() if key not in fitted}
        body = {
            Images.CREATED: template.get(Images.CREATED, 0),
            Images.MODEL: effective.get(Request.MODEL),
            Images.SIZE: f"{width}x{height}",
            Images.DATA: data,
        }
        body.update(rest)
        if isinstance(body.get(Images.USAGE), dict) and count > 1:
            body[Images.USAGE] = _scale(body[Images.USAGE], count)
        return body


class EditSource:
    """An edit's first input image: its bytes and a digest of them (the rendering's and the answers' cache key).

    Both are computed when first read: an answer from a recorded cassette needs neither.
    """

    def __init__(self, data: Callable[[], bytes], key: Callable[[], str]) -> None:
        self._data = data
        self._key = key

    @functools.cached_property
    def data(self) -> bytes:
        """The image's bytes."""
        return self._data()

    @functools.cached_property
    def key(self) -> str:
        """A digest of the bytes."""
        return self._key()


def answered_format(effective: Mapping[str, Any]) -> str:
    """The ``output_format`` the images are encoded in: as asked (or the model's default), else the first the mock renders.

    A value of the spec's enum the mock cannot render is not honoured, as a model may not honour
    every format.
    """
    output_format = effective.get(Request.OUTPUT_FORMAT)
    return output_format if isinstance(output_format, str) and output_format in FORMATS else next(iter(FORMATS))


def completed_event(
    body: Mapping[str, Any],
    output_format: str,
    encodings: Mapping[str, Carrier],
    *,
    quality: Any = None,
    background: Any = None,
) -> dict[str, Any]:
    """The stream's terminal event for an ``ImagesResponse`` body (spec decision 2).

    The body's fields, and beside them the top-level fields of OpenAI's completed image stream
    events, which the OpenAI SDKs read: ``b64_json`` (the first image, base64, whichever
    property of ``encodings`` the items carry it in), ``created_at``, ``output_format``, and
    ``quality`` / ``background`` when known (a string: the model's quality tier, the request's
    background).
    """
    event: dict[str, Any] = {Completed.TYPE: Completed.KIND, **body}
    first = (body.get(Images.DATA) or [{}])[0]
    encoded = next(
        (found for name, carrier in encodings.items() if (found := carrier.payload(first.get(name))) is not None),
        None,
    )
    if encoded:
        event[Completed.IMAGE] = encoded
    event[Completed.CREATED_AT] = body.get(Images.CREATED)
    event[Completed.OUTPUT_FORMAT] = output_format
    for name, value in ((Completed.QUALITY, quality), (Completed.BACKGROUND, background)):
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


def materialize(node: Any, encodings: Mapping[str, Carrier], key: str | None = None) -> Any:
    """Replace image references by the image as the property they sit under holds it (``encodings``).

    Under a property with a ``data-uri`` carrier that is a ``data:`` URI; anywhere else, base64.
    """
    if isinstance(node, ImageRef):
        data = node.path.read_bytes()
        carrier = encodings.get(key) if key is not None else None
        if carrier is not None and carrier.encoding != "base64":
            return carrier.encode(data, sniff_media_type(data[:32]) or "application/octet-stream")
        return base64.b64encode(data).decode("ascii")
    if isinstance(node, dict):
        return {k: materialize(v, encodings, k) for k, v in node.items()}
    if isinstance(node, list):
        return [materialize(v, encodings, key) for v in node]
    return node


def replay_bytes(interaction: Interaction, encodings: Mapping[str, Carrier]) -> bytes:
    """The exact body a non-template interaction replays."""
    if interaction.body_file is not None:
        return interaction.body_file.read_bytes()
    if interaction.stream is not None:
        return b"".join(_encode_item(item, encodings) for item in interaction.stream)
    return sse.dumps(materialize(interaction.body, encodings)).encode() if interaction.body is not None else b""


def _encode_item(item: SseComment | SseEvent, encodings: Mapping[str, Carrier]) -> bytes:
    if isinstance(item, SseComment):
        return sse.comment(item.text)
    data = item.data if isinstance(item.data, str) else sse.dumps(materialize(item.data, encodings))
    return sse.event(item.event, data)


def _default_type(headers: list[tuple[str, str]], content_type: str) -> list[tuple[str, str]]:
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers = [("content-type", content_type), *headers]
    return headers
