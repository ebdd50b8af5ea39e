"""Hypothesis strategies for answers that break the spec: each is a valid ``ImagesResponse`` with one defect.

The defects: not JSON at all, JSON that is not an object, a required key missing, a value of the
wrong JSON type anywhere in the document (an empty list where an object belongs included),
a number out of range, a ``size`` off its pattern, an image that does not decode, a wrong
content type. The same defects are served as the data of a stream's terminal event.
"""

from __future__ import annotations

import base64
import copy
import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.images import encoded

PNG_B64 = base64.b64encode(encoded("PNG")).decode()
VALID: dict[str, Any] = {
    "created": 1782595538,
    "model": "flux-2-pro",
    "size": "8x6",
    "data": [{"index": 0, "b64_json": PNG_B64, "revised_prompt": "a revised prompt"}],
    "usage": {
        "prompt_tokens": 12,
        "completion_tokens": 40,
        "total_tokens": 52,
        "prompt_tokens_details": {"cached_tokens": 0, "cached_read_tokens": 0, "image_tokens": 4},
        "completion_tokens_details": {"reasoning_tokens": 0, "image_tokens": 40},
        "cost": {"total_cost": 0.04},
    },
}

# Where each JSON type lives in VALID (paths as tuples of keys and indexes).
TYPED_PATHS: dict[str, list[tuple[Any, ...]]] = {
    "integer": [
        ("created",),
        ("data", 0, "index"),
        *[("usage", name) for name in ("prompt_tokens", "completion_tokens", "total_tokens")],
        *[("usage", "prompt_tokens_details", n) for n in ("cached_tokens", "cached_read_tokens", "image_tokens")],
        *[("usage", "completion_tokens_details", n) for n in ("reasoning_tokens", "image_tokens")],
    ],
    "string": [("model",), ("size",), ("data", 0, "b64_json"), ("data", 0, "revised_prompt")],
    "number": [("usage", "cost", "total_cost")],
    "object": [
        ("data", 0),
        ("usage",),
        ("usage", "prompt_tokens_details"),
        ("usage", "completion_tokens_details"),
        ("usage", "cost"),
    ],
    "array": [("data",)],
}
NON_NEGATIVE = [*TYPED_PATHS["integer"][1:], *TYPED_PATHS["number"]]
REQUIRED = [("created",), ("data",), ("usage", "cost", "total_cost")]

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6)
)
_lists = st.lists(_scalars, max_size=3)
_objects = st.dictionaries(st.text(max_size=4), _scalars, max_size=2)
_non_integral = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer())
WRONG = {
    "integer": st.one_of(st.none(), st.booleans(), _non_integral, st.text(max_size=6), _lists, _objects),
    "string": st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), _lists, _objects
    ),
    "number": st.one_of(st.none(), st.booleans(), st.text(max_size=6), _lists, _objects),
    "object": st.one_of(_scalars, _lists),
    "array": st.one_of(_scalars, _objects),
}
BAD_BASE64 = st.sampled_from(["not base64!", "iVBORw0KGgo", "====", "iVBORw0KGgo=x", "é"]) | st.text(
    alphabet="!@#$%^&*()", min_size=1, max_size=8
)
BAD_URLS = st.sampled_from(
    ["https://example.test/image.png", "data:image/png,notbase64", "data:image/png;base64,###", "not a url", ""]
)
# Not "8x6\n": the validator runs the spec's ECMA-262 pattern with Python's `re`, whose `$` also
# matches before a final newline; a harmless difference this suite does not chase.
BAD_SIZES = st.text(max_size=8).filter(
    lambda s: (
        not s.endswith("\n") and not (s.count("x") == 1 and all(p.isdigit() and p.isascii() for p in s.split("x")))
    )
)
WRONG_CONTENT_TYPES = st.sampled_from(
    ["text/html; charset=utf-8", "text/plain", "application/octet-stream", "image/png"]
)
DEFECTS = (
    "not JSON",
    "not an object",
    "required key missing",
    "wrong type",
    "negative number",
    "size off its pattern",
    "undecodable image",
    "wrong content type",
)


@dataclass(frozen=True)
class Malformed:
    """A broken answer: the defect, the raw body, and the content type it is served with."""

    defect: str
    body: bytes
    content_type: str | None


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        document = document[key]
    document[path[-1]] = value


def _delete(document: Any, path: tuple[Any, ...]) -> None:
    for key in path[:-1]:
        document = document[key]
    del document[path[-1]]


@st.composite
def malformed_documents(draw: st.DrawFn) -> tuple[str, Any, str | None]:
    """(defect, JSON document or raw text, content type to declare or None for the usual one)."""
    defect = draw(st.sampled_from(DEFECTS))
    document = copy.deepcopy(VALID)
    if defect == "not JSON":
        text = json.dumps(VALID)
        return (
            defect,
            draw(
                st.sampled_from(
                    [text[: draw(st.integers(0, len(text) - 1))], "<html>oops</html>", "{'created': 1}", "NaN-ish"]
                )
            ),
            None,
        )
    if defect == "not an object":
        return defect, draw(st.one_of(_scalars, _lists)), None
    if defect == "required key missing":
        _delete(document, draw(st.sampled_from(REQUIRED)))
    elif defect == "wrong type":
        kind = draw(st.sampled_from(sorted(TYPED_PATHS)))
        _set(document, draw(st.sampled_from(TYPED_PATHS[kind])), draw(WRONG[kind]))
    elif defect == "negative number":
        path = draw(st.sampled_from(NON_NEGATIVE))
        is_cost = path[-1] == "total_cost"
        _set(
            document,
            path,
            draw(st.floats(max_value=-1e-9, allow_infinity=False) if is_cost else st.integers(max_value=-1)),
        )
    elif defect == "size off its pattern":
        _set(document, ("size",), draw(BAD_SIZES))
    elif defect == "undecodable image":
        item = document["data"][0]
        choice = draw(st.integers(0, 2))
        if choice == 0:
            item["b64_json"] = draw(BAD_BASE64)
        elif choice == 1:
            del item["b64_json"]
            item["url"] = draw(BAD_URLS)
        else:
            del item["b64_json"]
    else:
        return defect, document, draw(WRONG_CONTENT_TYPES)
    return defect, document, None


def as_json_answer(defect: str, document: Any, content_type: str | None) -> Malformed:
    body = document.encode() if defect == "not JSON" else json.dumps(document).encode()
    return Malformed(defect, body, content_type or "application/json")


def as_stream_answer(defect: str, document: Any, content_type: str | None) -> Malformed:
    if defect == "not JSON":
        data = document
    elif isinstance(document, dict):
        data = json.dumps({"type": "image_generation.completed", **document})
    else:
        data = json.dumps(document)
    body = f": keepalive\n\nevent: image_generation.completed\ndata: {data}\n\n".encode()
    return Malformed(defect, body, content_type or "text/event-stream")
