"""Hypothesis strategies for whole facade calls, and what each call must put on the wire.

A :class:`FacadeCall` is one ``client.images.edit(...)`` or ``client.images.generate(...)``:
a catalog model, a prompt, every optional argument the spec names (present or not, valid for
that model's catalog entry), ``extra_body`` fields, ``timeout``/``validate`` (which must not reach
the wire) and, for edits, 1..N input images of every kind the facade accepts (N = the model's
``max_images``, at most 14). It knows the request the facade must send: the fields, and for each
image part its name, filename, content type, size and sha256, in order.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from hypothesis import strategies as st
from PIL import Image

from deepshi import NOT_GIVEN
from deepshi._spec import request_bodies, request_fields

from .images import EXTENSIONS, EncodedImage, images, render
from .spec import document, resolve

INPUT_KINDS = (
    "path",
    "pathlike",
    "bytes",
    "bytearray",
    "memoryview",
    "open_file",
    "bytesio",
    "name_and_bytes",
    "name_bytes_and_type",
    "name_and_file",
    "unnamed_tuple",
    "pil_image",
)
"""Every kind of input ``image`` takes (docs/usage.md, "Inputs")."""
_NAMED_KINDS = {"path", "pathlike", "open_file", "name_and_bytes", "name_bytes_and_type", "name_and_file"}
_FILE_KINDS = {"open_file", "bytesio", "name_and_file"}
FILENAME_CHARS = st.characters(
    codec="utf-8", categories=("L", "N"), include_characters=" -_.()", exclude_characters="/\\\x00"
)


@dataclass(frozen=True)
class ImageInput:
    """One input image: how it is passed, and the part it must become."""

    kind: str
    image: EncodedImage
    name: str | None
    offset: int
    """Seekable file objects are handed over at this position (the whole file must still be sent)."""

    def materialize(self, directory: Path, position: int, stack: ExitStack) -> tuple[object, bytes]:
        """The argument to pass, and the exact bytes the part must carry."""
        data = self.image.data
        if self.kind in ("path", "pathlike", "open_file"):
            folder = directory / str(position)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / str(self.name)
            path.write_bytes(data)
            if self.kind == "path":
                return str(path), data
            if self.kind == "pathlike":
                return path, data
            handle = stack.enter_context(path.open("rb"))
            handle.seek(min(self.offset, len(data)))
            return handle, data
        if self.kind == "bytes":
            return data, data
        if self.kind == "bytearray":
            return bytearray(data), data
        if self.kind == "memoryview":
            return memoryview(data), data
        if self.kind == "bytesio":
            buffer = io.BytesIO(data)
            buffer.seek(min(self.offset, len(data)))
            return buffer, data
        if self.kind == "name_and_bytes":
            return (self.name, data), data
        if self.kind == "name_bytes_and_type":
            return (self.name, data, self.image.media_type), data
        if self.kind == "name_and_file":
            return (self.name, io.BytesIO(data)), data
        if self.kind == "unnamed_tuple":
            return (None, data), data
        picture = Image.open(io.BytesIO(data))
        picture.load()
        png = io.BytesIO()
        picture.save(png, format="PNG")  # documented: PIL images are sent as lossless PNG
        return picture, png.getvalue()

    @property
    def media_type(self) -> str:
        return "image/png" if self.kind == "pil_image" else self.image.media_type

    def filename(self, position: int) -> str:
        """Documented naming: a path's or a tuple's name as given, else ``image_<position>.<ext>``."""
        if self.kind in _NAMED_KINDS and self.name:
            return self.name
        return f"image_{position}.{EXTENSIONS[self.media_type]}"


@dataclass(frozen=True)
class ExpectedFile:
    field: str
    filename: str
    content_type: str
    size: int
    sha256: str


@dataclass
class FacadeCall:
    """One facade call and the request it must produce."""

    kind: str
    """``edit`` or ``generate``."""
    model: str
    named: dict[str, Any]
    """The named arguments that are passed (besides ``image``), as Python values."""
    extra_body: dict[str, Any] | None
    inputs: list[ImageInput] = field(default_factory=list)
    single: bool = False
    """Whether ``image`` is one bare input rather than a list."""
    transport: dict[str, Any] = field(default_factory=dict)
    """``timeout``/``validate``: arguments that must not reach the wire."""

    @property
    def operation_id(self) -> str:
        return "editImage" if self.kind == "edit" else "createImage"

    @property
    def streams(self) -> bool:
        return self.named.get("stream") is True

    def arguments(self, directory: Path, stack: ExitStack) -> tuple[dict[str, Any], list[ExpectedFile]]:
        """Keyword arguments for the facade method, and the image parts the request must carry."""
        kwargs: dict[str, Any] = {**self.named, **self.transport}
        if self.extra_body is not None:
            kwargs["extra_body"] = self.extra_body
        files: list[ExpectedFile] = []
        if self.kind == "edit":
            values = []
            for position, item in enumerate(self.inputs):
                value, sent = item.materialize(directory, position, stack)
                values.append(value)
                digest = hashlib.sha256(sent).hexdigest()
                files.append(ExpectedFile(IMAGE_PART, item.filename(position), item.media_type, len(sent), digest))
            kwargs["image"] = values[0] if self.single else values
        return kwargs, files

    def expected_fields(self) -> dict[str, Any]:
        """The fields the request must carry: every named argument given (``stream=False`` is the
        API's default and is not sent), and every ``extra_body`` entry."""
        fields = {k: v for k, v in self.named.items() if not (k == "stream" and v is False)}
        return {**(self.extra_body or {}), **fields}

    def describe(self) -> str:
        kinds = [item.kind for item in self.inputs]
        images = f", image={'one ' if self.single else ''}{kinds}" if self.kind == "edit" else ""
        return f"client.images.{self.kind}({self.named}{images}, extra_body={self.extra_body}, {self.transport})"


def form_text_matches(received: Any, intended: Any) -> bool:
    """Whether a multipart text field carries ``intended`` (strings exactly, other values as JSON)."""
    if isinstance(intended, str):
        return bool(received == intended)
    if not isinstance(received, str):
        return bool(received == intended) and isinstance(received, bool) == isinstance(intended, bool)
    try:
        decoded = json.loads(received)
    except ValueError:
        return False
    same: bool = decoded == intended and isinstance(decoded, bool) == isinstance(intended, bool)
    return same


# --- strategies ---------------------------------------------------------------------------------


def _request_schema(kind: str) -> str:
    """The request schema of the operation behind ``kind``: the one with a file field for edits."""
    for _, schema in request_bodies().values():
        if any(field.is_files for field in request_fields(schema)) == (kind == "edit"):
            return schema
    raise AssertionError(f"the spec has no {kind} operation")


_REQUEST_SCHEMA = {kind: _request_schema(kind) for kind in ("edit", "generate")}
_FILES = next(field for field in request_fields(_REQUEST_SCHEMA["edit"]) if field.is_files)
MAX_IMAGES = int(_FILES.schema["maxItems"])
IMAGE_PART = _FILES.wire


def _optional(kind: str, *, model_specific: bool) -> tuple[str, ...]:
    """The optional request fields of ``kind`` from the spec (``stream`` has its own draw)."""
    return tuple(
        field.wire
        for field in request_fields(_REQUEST_SCHEMA[kind])
        if not field.required
        and not field.is_files
        and field.wire != "stream"
        and field.model_specific == model_specific
    )


_SPEC_LEVEL = {kind: _optional(kind, model_specific=False) for kind in _REQUEST_SCHEMA}
_MODEL_SPECIFIC = {kind: _optional(kind, model_specific=True) for kind in _REQUEST_SCHEMA}
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(st.characters(codec="utf-8"), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), inner, max_size=3)
    ),
    max_leaves=6,
)


def _property(kind: str, name: str) -> Mapping[str, Any]:
    schema: Mapping[str, Any] = resolve(document()["components"]["schemas"][_REQUEST_SCHEMA[kind]]["properties"][name])
    return schema


def _value(kind: str, name: str, declared: Mapping[str, Any] | None) -> st.SearchStrategy[Any]:
    """Values valid for the spec and, when the model declares the field, for the model."""
    schema = _property(kind, name)
    allowed = (declared or {}).get("allowed_values")
    if isinstance(allowed, list) and allowed:
        return st.sampled_from(allowed)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if schema.get("type") == "boolean":
        return st.booleans()
    if schema.get("type") in ("integer", "number"):
        bounds = [
            (schema.get("minimum"), schema.get("maximum")),
            ((declared or {}).get("minimum"), (declared or {}).get("maximum")),
        ]
        lows = [int(low) for low, _ in bounds if low is not None]
        highs = [int(high) for _, high in bounds if high is not None]
        return st.integers(max(lows) if lows else -(2**40), min(highs) if highs else 2**40)
    if schema.get("type") != "string":
        raise AssertionError(f"{kind}.{name}: no strategy for a {schema.get('type')!r} field yet; add one here")
    return st.text(st.characters(codec="utf-8"), min_size=max(1, schema.get("minLength", 0)), max_size=12)


@st.composite
def _filename(draw: st.DrawFn) -> str:
    stem = draw(st.text(FILENAME_CHARS, min_size=1, max_size=16).filter(lambda s: s.strip(". ") != ""))
    return stem + draw(st.sampled_from([".png", ".jpg", ".jpeg", ".webp", ".bin", ""]))


@st.composite
def image_inputs(draw: st.DrawFn, count: int) -> list[ImageInput]:
    result = []
    for _ in range(count):
        kind = draw(st.sampled_from(INPUT_KINDS))
        image = draw(images())
        name = draw(_filename()) if kind in _NAMED_KINDS else None
        offset = draw(st.integers(0, len(image.data))) if kind in _FILE_KINDS else 0
        result.append(ImageInput(kind, image, name, offset))
    return result


@st.composite
def facade_calls(draw: st.DrawFn, kind: str, catalog: Sequence[Mapping[str, Any]]) -> FacadeCall:
    """A valid ``edit``/``generate`` call for a model of ``catalog`` (see the module docstring)."""
    usable = [m for m in catalog if kind == "generate" or (m.get("edit") or {}).get("supported")]
    model = draw(st.sampled_from(usable))
    parameters: Mapping[str, Any] = model.get("parameters") or {}
    limit = min(int(model.get("prompt_max_length") or 60), 60)
    named: dict[str, Any] = {
        "model": model["id"],
        "prompt": draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=limit)),
    }
    for name in _SPEC_LEVEL[kind]:
        if draw(st.booleans()):
            named[name] = draw(_value(kind, name, parameters.get(name)))
    for name in _MODEL_SPECIFIC[kind]:
        if name in parameters and draw(st.booleans()):
            named[name] = draw(_value(kind, name, parameters[name]))
    stream = draw(st.sampled_from([NOT_GIVEN, False, True]))
    if stream is not NOT_GIVEN:
        named["stream"] = stream
    extra = draw(
        st.none()
        | st.dictionaries(st.from_regex(r"x_[a-z]{1,8}", fullmatch=True), _JSON_VALUES, min_size=1, max_size=3)
    )
    transport: dict[str, Any] = {}
    timeout = draw(st.sampled_from([NOT_GIVEN, 30.0, httpx.Timeout(30.0, connect=5.0), None]))
    if timeout is not NOT_GIVEN:
        transport["timeout"] = timeout
    validate = draw(st.sampled_from([NOT_GIVEN, True, False]))
    if validate is not NOT_GIVEN:
        transport["validate"] = validate
    call = FacadeCall(kind, str(model["id"]), named, extra, transport=transport)
    if kind == "edit":
        cap = min(int((model.get("edit") or {}).get("max_images") or MAX_IMAGES), MAX_IMAGES)
        call.inputs = draw(image_inputs(draw(st.integers(1, cap))))
        call.single = len(call.inputs) == 1 and draw(st.booleans())
    return call


def _example(schema: Mapping[str, Any], declared: Mapping[str, Any]) -> Any:
    """One valid value for a field without allowed values: the spec's example, else its lower bound."""
    if "example" in schema:
        return schema["example"]
    if schema.get("type") == "boolean":
        return True
    if schema.get("type") in ("integer", "number"):
        return int(declared.get("minimum", schema.get("minimum", 7)))
    return "x" * max(1, int(schema.get("minLength", 1)))


def every_field_call(kind: str, catalog: Sequence[Mapping[str, Any]]) -> FacadeCall:
    """A call giving every optional argument the model takes, every input kind (explicit example)."""
    usable = [
        m for m in catalog if kind == "generate" or (m.get("edit") or {}).get("max_images", 0) >= len(INPUT_KINDS)
    ]
    model = max(usable, key=lambda m: len(m.get("parameters") or {}))
    parameters: Mapping[str, Any] = model.get("parameters") or {}
    named: dict[str, Any] = {"model": model["id"], "prompt": "every field, once"}
    for name in (*_SPEC_LEVEL[kind], *(n for n in _MODEL_SPECIFIC[kind] if n in parameters)):
        declared = parameters.get(name) or {}
        schema = _property(kind, name)
        options = declared.get("allowed_values") or schema.get("enum")
        named[name] = options[-1] if options else _example(schema, declared)
    named["stream"] = False
    call = FacadeCall(kind, str(model["id"]), named, {"x_flag": True, "x_list": [1, "two"], "x_text": "t"})
    if kind == "edit":
        call.inputs = [
            ImageInput(k, render(t, 5 + i, 3 + i, seed=i, noise=8), f"in {i}.{'jpg' if i % 2 else 'png'}", i)
            for i, (k, t) in enumerate(zip(INPUT_KINDS, ["image/png", "image/jpeg", "image/webp"] * 4, strict=False))
        ]
    return call
