"""``deepshi._json``: msgspec (decoding) and orjson (encoding) when installed, the stdlib otherwise, the same either way.

The answers' decoding (``_engine``) and the mock's encoding (``mock.sse.dumps``) go through it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum

import pytest

from deepshi import _json

ACCEPTED = [
    b'{"created":1,"data":[{"index":0,"b64_json":"iVBORw0KGgo="}]}',
    b'{"a":1,"a":2}',  # the last duplicate wins, in both
    b' [1, -0, -0.0, 1e5, 0.1, 18446744073709551615, null, true, "\\u00e9\\n"] ',
    b"[123456789012345678901234567890, -9223372036854775809, 5e-324, 0.30000000000000004]",  # exact in both
    b"1E400",  # beyond a double: msgspec refuses, json.loads gives inf
    '{"é":"ü"}'.encode(),
    b"NaN",  # not JSON, but json.loads takes it: orjson refuses, the stdlib decides
    b'"\\ud800"',  # a lone surrogate escape, likewise
    b"\xef\xbb\xbf{}",  # a UTF-8 BOM, likewise
    '{"utf16": 1}'.encode("utf-16-le"),
]
REFUSED = [b"", b"{x", b"[1,]", b"{}garbage", b'"\x1f"', b"\xff"]


@pytest.fixture(params=["fast", "stdlib"], autouse=True)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test with msgspec and orjson, and as an install without them."""
    if request.param == "stdlib":
        monkeypatch.setattr(_json, "DECODER", "stdlib")
        monkeypatch.setattr(_json, "ENCODER", "stdlib")
    return str(request.param)


def test_the_speed_extra_installs_both_libraries() -> None:
    assert _json._msgspec() is not None
    assert _json._orjson() is not None


@pytest.mark.parametrize("data", ACCEPTED)
def test_what_the_stdlib_accepts_decodes_to_the_same_value(data: bytes) -> None:
    decoded = _json.loads(data)
    expected = json.loads(data)
    assert repr(decoded) == repr(expected)  # repr: NaN != NaN, and -0.0 == 0.0


@pytest.mark.parametrize("data", REFUSED)
def test_what_the_stdlib_refuses_is_refused_with_its_words(data: bytes) -> None:
    try:
        json.loads(data)
    except ValueError as exc:
        expected = str(exc)
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        _json.loads(data)


def test_nesting_too_deep_for_the_stdlib_is_a_recursion_error_as_before() -> None:
    with pytest.raises(RecursionError):
        _json.loads(b"[" * 100_000 + b"]" * 100_000)


class Colour(StrEnum):
    RED = "red"


@dataclass
class Point:
    x: int


@pytest.mark.parametrize(
    "value",
    [
        {"created": 1, "data": [{"b64_json": "iVBORw0KGgo=", "revised_prompt": "é ✓"}], "usage": {"cost": 0.01}},
        [1e16, 0.1, 1.5e-7, -0.0, 2**63 - 1, None, True],
        2**70,  # orjson: beyond 64 bits; the stdlib encodes it
        {1: "non-string key"},  # likewise
        {"colour": Colour.RED},  # a str subclass: the stdlib's encoding
        [("a", 1)],  # tuples are arrays
    ],
)
def test_encoding_is_compact_json_that_decodes_to_what_the_stdlib_would_write(value: object) -> None:
    encoded = _json.dumpb(value)
    assert encoded.decode() == _json.dumps(value)
    assert b", " not in encoded
    assert b'": ' not in encoded
    assert json.loads(encoded) == json.loads(json.dumps(value))


@pytest.mark.parametrize("value", [Point(1), object(), {"a": b"bytes"}])
def test_what_the_stdlib_cannot_encode_is_refused_as_before(value: object) -> None:
    with pytest.raises(TypeError):
        _json.dumpb(value)
