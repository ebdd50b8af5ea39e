"""``redact.scrub`` finds a key in every encoding an upstream or a client would put it in, and nothing else."""

from __future__ import annotations

import base64
import re
from urllib.parse import unquote

import pytest

from deepshi.mock import redact

KEY = "sk-bf-redact-test-3c9d1e77"
OTHER = "sk-bf-someone-elses-key-1"


def _json_escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in text)


@pytest.mark.parametrize(
    "text",
    [
        f"plain {KEY} text",
        f"all escaped {_json_escaped(KEY)}",
        "first escaped \\u0073" + KEY[1:],
        "dashes escaped " + KEY.replace("-", "\\u002D"),
        "url-encoded " + "".join(f"%{b:02x}" for b in KEY.encode()),
        "url, dashes only " + KEY.replace("-", "%2d"),
        "mixed " + KEY.replace("-", "%2D", 1).replace("-", "\\u002d"),
        "Basic " + base64.b64encode(f"user:{KEY}".encode()).decode(),
        *[base64.urlsafe_b64encode(b"!" * offset + KEY.encode()).decode() for offset in range(3)],
    ],
)
def test_the_callers_key_is_scrubbed_in_every_encoding(text: str) -> None:
    scrubbed = redact.scrub(text, [KEY])
    assert redact.REDACTED in scrubbed
    decoded = unquote(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), scrubbed))
    assert KEY not in decoded


@pytest.mark.parametrize("text", [OTHER, _json_escaped(OTHER), OTHER.replace("-", "%2D"), "\\u0073" + OTHER[1:]])
def test_any_key_shaped_string_is_scrubbed_as_is_escaped_or_url_encoded(text: str) -> None:
    assert redact.scrub(text) == redact.REDACTED


@pytest.mark.parametrize(
    "text",
    [
        "a prompt with 100% of the words and \\u00e9 accents",
        base64.b64encode(bytes(range(256)) * 4).decode(),
        "sk-b-not-a-key and sk-bf without a body",
        "short bearer tokens are not secrets: abc",
    ],
)
def test_text_without_a_key_is_left_as_it_is(text: str) -> None:
    assert redact.scrub(text, [KEY, "abc"]) == text


def test_keys_of_json_objects_are_scrubbed_and_deep_nesting_does_not_recurse() -> None:
    deep: object = KEY
    for _ in range(5000):
        deep = {KEY: [deep]}
    cleaned = redact.scrub_json(deep, [KEY])
    for _ in range(5000):
        assert isinstance(cleaned, dict)
        assert list(cleaned) == [redact.REDACTED]
        cleaned = cleaned[redact.REDACTED][0]
    assert cleaned == redact.REDACTED
